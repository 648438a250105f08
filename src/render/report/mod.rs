//! `okr report` in each format, all printed from the one [`ReportView`]; the
//! words and numbers people read come from the helpers here, so Markdown,
//! HTML and CSV never disagree.

pub mod csv;
pub mod html;
pub mod markdown;

use std::io;

use crate::cli::ReportFormat;
use crate::compute::{Band, Health};
use crate::model::OwnerKind;
use crate::number::{percent, plain, two_decimals};
use crate::render::Output;
use crate::view::report::{KeyResultReport, Measure, ReportView};

/// Writes `view` in `format`.
pub fn render(view: &ReportView, format: ReportFormat, output: &mut Output) -> io::Result<()> {
    match format {
        ReportFormat::Markdown => markdown::render(view, output.out),
        ReportFormat::Html => html::render(view, output.out),
        ReportFormat::Json => super::json(view, output.out),
        ReportFormat::Csv => csv::render(view, output.out),
    }
}

const NONE: &str = "–";

/// `Score` or `Grade`: the name of the headline figure.
pub fn measure_name(measure: Measure) -> &'static str {
    match measure {
        Measure::Score => "Score",
        Measure::Grade => "Grade",
    }
}

/// `0.63`, or `–`.
pub fn figure(value: Option<crate::number::Num>) -> String {
    value.map_or_else(|| NONE.to_string(), |n| two_decimals(n.get()))
}

/// `green`, or `–`.
pub fn band_label(band: Option<Band>) -> &'static str {
    band.map_or(NONE, Band::as_str)
}

/// The sentence under the heading: the day, the time elapsed, the measure.
pub fn as_of_line(view: &ReportView) -> String {
    let as_of = view.as_of.format("%Y-%m-%d");
    match view.measure {
        Measure::Score => format!(
            "As of {as_of}, {} of the quarter elapsed. Objectives show their score so far (the weighted progress of their key results); once the quarter is over, their grade.",
            percent(view.elapsed.get())
        ),
        Measure::Grade => format!(
            "As of {as_of}: the quarter is over. Objectives show their grade (the given grades, else those suggested by the measured progress)."
        ),
    }
}

/// `120 → 95 → 60 tickets/week`; `30% → – → 60%`.
pub fn values(kr: &KeyResultReport) -> String {
    let f = &kr.figures;
    let with_unit = |n: f64| match kr.unit.as_deref() {
        Some("%") => format!("{}%", plain(n)),
        _ => plain(n),
    };
    let current = f.current.map_or(NONE.to_string(), |c| with_unit(c.get()));
    let unit = match kr.unit.as_deref() {
        None | Some("%") => String::new(),
        Some(unit) => format!(" {unit}"),
    };
    format!(
        "{} → {current} → {}{unit}",
        with_unit(f.baseline.get()),
        with_unit(f.target.get())
    )
}

/// `42%`, or `–` for a dropped key result (its progress counts nowhere).
pub fn progress(kr: &KeyResultReport) -> String {
    if kr.figures.health == Health::Dropped {
        NONE.to_string()
    } else {
        percent(kr.figures.progress.get())
    }
}

/// `committed` or `aspirational`.
pub fn commitment(committed: bool) -> &'static str {
    if committed {
        "committed"
    } else {
        "aspirational"
    }
}

/// "5 of 11 key results on track (45%)".
pub fn on_track_line(view: &ReportView) -> String {
    let p = &view.picture;
    let share = p
        .share_on_track
        .map(|s| format!(" ({})", percent(s.get())))
        .unwrap_or_default();
    format!(
        "{} of {} on track{share}; {} at risk, {} off track, {} without data",
        p.on_track,
        super::plural(p.live_key_results, "key result", "key results"),
        p.at_risk,
        p.off_track,
        p.no_data
    )
}

/// The quarter's picture in one line: the share on track while the quarter
/// runs; once it is over, what is graded and what is left to grade (pace
/// means nothing then: `docs/format.md#what-is-computed`).
pub fn picture_line(view: &ReportView) -> String {
    let p = &view.picture;
    if view.measure == Measure::Score {
        return on_track_line(view);
    }
    let graded = p.ended - p.to_grade;
    let left = match p.to_grade {
        0 => "none left to grade".to_string(),
        n => format!("{n} still to grade (shown with their suggested grade)"),
    };
    format!(
        "{graded} of {} graded, {left}; {} without data",
        super::plural(p.live_key_results, "key result", "key results"),
        p.no_data
    )
}

/// The heading of the picture's first part.
pub fn picture_title(view: &ReportView) -> &'static str {
    match view.measure {
        Measure::Score => "Key results on track",
        Measure::Grade => "Key results by band",
    }
}

/// The key result table's health column: its pace while the quarter runs,
/// whether it is graded once it is over.
pub fn health_header(measure: Measure) -> &'static str {
    match measure {
        Measure::Score => "Health",
        Measure::Grade => "Grading",
    }
}

/// `on track`; after the quarter `graded` or `to grade`.
pub fn health_words(kr: &KeyResultReport) -> &'static str {
    match kr.figures.health {
        Health::Ended if kr.figures.graded => "graded",
        Health::Ended => "to grade",
        health => health.label(),
    }
}

/// What an objective that aligns with nothing says: a company objective is
/// the top of the cascade, not an orphan.
pub fn unaligned_words(kind: OwnerKind) -> &'static str {
    match kind {
        OwnerKind::Company => "company objective",
        _ => "aligns with nothing",
    }
}

/// What the grade distribution is while the quarter runs, and once it is over.
pub fn grades_caption(view: &ReportView) -> &'static str {
    match view.measure {
        Measure::Score => {
            "Grades if the quarter ended today (suggested from the measured progress, or as given)"
        }
        Measure::Grade => "Grades (as given, else suggested from the measured progress)",
    }
}

/// The neutral sentence that opens "Changed course".
pub const CHANGED_COURSE: &str = "Key results dropped during the quarter, with the reason written down. They stay on record and count in no score.";
