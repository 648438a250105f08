//! `okr report --format markdown`: pastes cleanly into a wiki page or a pull
//! request. Text from the files is escaped ([`md_cell`]: no HTML, link,
//! image, emphasis or table break), and line breaks are kept as `<br>`.

use std::io::{self, Write};

use crate::number::two_decimals;
use crate::render::report::{
    as_of_line, band_label, commitment, figure, grades_caption, measure_name, on_track_line,
    progress, values, CHANGED_COURSE,
};
use crate::render::table::{Grid, GridCell};
use crate::render::{escape, left_out_line, md_cell, plural};
use crate::view::report::{Measure, ObjectiveReport, OwnerReport, ReportView};

/// Text from a file, safe anywhere in Markdown: no raw HTML, no link, no
/// image, no emphasis, no table break ([`md_cell`]). Table cells are escaped
/// by the table itself.
pub fn md(text: &str) -> String {
    md_cell(text)
}

pub fn render(view: &ReportView, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# OKR report · {}", view.heading)?;
    writeln!(out)?;
    writeln!(out, "{}", as_of_line(view))?;
    if let Some(line) = left_out_line(view.person_files_left_out) {
        writeln!(out)?;
        writeln!(out, "{line}")?;
    }
    if view.owners.is_empty() {
        writeln!(out)?;
        writeln!(out, "No valid OKR file is for {}.", view.quarter)?;
        return Ok(());
    }
    picture(view, out)?;
    if view.measure == Measure::Score {
        writeln!(out)?;
        writeln!(
            out,
            "\"Projected\" is where a key result is on pace to end the quarter: a least-squares line through its check-ins (at least 3, over at least 14 days), with its likely range."
        )?;
    }
    for owner in &view.owners {
        owner_section(view, owner, out)?;
    }
    if !view.changed_course.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Changed course")?;
        writeln!(out)?;
        writeln!(out, "{CHANGED_COURSE}")?;
        writeln!(out)?;
        for d in &view.changed_course {
            writeln!(
                out,
                "- **{}** · {} · _{}_: {}",
                md(&d.owner),
                md(&d.objective_title),
                md(&d.title),
                md(&d.reason)
            )?;
        }
    }
    Ok(())
}

fn picture(view: &ReportView, out: &mut dyn Write) -> io::Result<()> {
    let p = &view.picture;
    writeln!(out)?;
    writeln!(out, "## The quarter's picture")?;
    writeln!(out)?;
    match view.measure {
        Measure::Score => writeln!(out, "- **On track:** {}", on_track_line(view))?,
        Measure::Grade => writeln!(out, "- **Graded:** {}", super::picture_line(view))?,
    }
    let bands = p.grade_bands;
    let average = p
        .average_grade
        .map(|a| format!("; average {}", two_decimals(a.get())))
        .unwrap_or_default();
    writeln!(
        out,
        "- **Grades:** {} green, {} yellow, {} red{average}",
        bands.green, bands.yellow, bands.red
    )?;
    if p.dropped > 0 {
        writeln!(
            out,
            "- **Changed course:** {} dropped, with reasons (below)",
            plural(p.dropped, "key result", "key results")
        )?;
    }
    if p.not_aligned.is_empty() {
        writeln!(
            out,
            "- **Not aligned:** none; every team objective aligns with another objective"
        )?;
    } else {
        let list: Vec<String> = p
            .not_aligned
            .iter()
            .map(|o| format!("{} ({})", md(&o.title), md(&o.owner)))
            .collect();
        writeln!(
            out,
            "- **Not aligned:** {}: {}",
            plural(p.not_aligned.len(), "objective", "objectives"),
            list.join("; ")
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{}:", grades_caption(view))?;
    writeln!(out)?;
    let mut grid = Grid::new(["Grade", "Key results"]);
    for bucket in &p.grade_distribution {
        grid.row([
            GridCell::from(format!("{:.1}", bucket.grade.get())),
            GridCell::from(bucket.key_results.to_string()).right(),
        ]);
    }
    grid.markdown(out)
}

fn owner_section(view: &ReportView, owner: &OwnerReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out)?;
    writeln!(
        out,
        "## {} ({}) · {} {} · {}",
        md(&owner.owner),
        owner.kind,
        measure_name(view.measure).to_lowercase(),
        figure(owner.head.figure),
        band_label(owner.head.band)
    )?;
    for objective in &owner.objectives {
        objective_section(view, owner.kind, objective, out)?;
    }
    Ok(())
}

fn objective_section(
    view: &ReportView,
    kind: crate::model::OwnerKind,
    objective: &ObjectiveReport,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out)?;
    writeln!(
        out,
        "### {} · {} {} · {}",
        md(objective.label()),
        measure_name(view.measure).to_lowercase(),
        figure(objective.head.figure),
        band_label(objective.head.band)
    )?;
    writeln!(out)?;
    let aligns = match (&objective.aligns, &objective.head.aligns_title) {
        (Some(path), Some(title)) => format!(
            "aligns with _{}_ ({})",
            md(title),
            escape::markdown_code(path)
        ),
        (Some(path), None) => format!("aligns with {}", escape::markdown_code(path)),
        (None, _) => super::unaligned_words(kind).to_string(),
    };
    writeln!(
        out,
        "{} · {} · {aligns}",
        escape::markdown_code(&objective.id),
        commitment(objective.committed)
    )?;
    writeln!(out)?;
    let measure = measure_name(view.measure);
    // While the quarter runs, where each key result is on pace to end it.
    let projected = view.measure == Measure::Score;
    let mut header = vec![
        "Key result",
        "Baseline → current → target",
        "Progress",
        super::health_header(view.measure),
        measure,
        "Band",
    ];
    if projected {
        header.push("Projected");
    }
    let mut grid = Grid {
        header: header.iter().map(|h| h.to_string()).collect(),
        rows: Vec::new(),
    };
    for kr in &objective.key_results {
        let mut title = kr.label().to_string();
        if let Some(person) = &kr.owner {
            title.push_str(&format!(" ({person})"));
        }
        let mut row = vec![
            GridCell::from(title),
            GridCell::from(values(kr)),
            GridCell::from(progress(kr)).right(),
            GridCell::from(super::health_words(kr)),
            GridCell::from(figure(kr.figures.figure)).right(),
            GridCell::from(band_label(kr.figures.band)),
        ];
        if projected {
            row.push(GridCell::from(
                match (&kr.figures.projection, &kr.figures.projection_note) {
                    (Some(p), _) => format!(
                        "{} ({}–{}), {}",
                        two_decimals(p.progress.get()),
                        two_decimals(p.low.get()),
                        two_decimals(p.high.get()),
                        p.band.as_str()
                    ),
                    (None, Some(_)) => "too little data".to_string(),
                    (None, None) => "–".to_string(),
                },
            ));
        }
        grid.row(row);
    }
    grid.markdown(out)?;
    if objective.head.figure.is_none() {
        writeln!(out)?;
        writeln!(
            out,
            "Every key result of this objective was dropped, so it has no {}.",
            measure.to_lowercase()
        )?;
    }
    Ok(())
}
