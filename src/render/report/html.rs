//! `okr report --format html`: one self-contained page to forward. Inline CSS
//! and SVG only: no script, font, stylesheet or image from the network, so it
//! reads the same with scripts off, offline and in print (`@media print`).
//!
//! No band or health is said by colour alone: each has its words and an icon
//! of its own shape, and bars add a pattern. The colours are darker shades of
//! the Okabe–Ito colour-blind-safe palette, dark enough for 3:1 against the
//! page and the bar track as graphics and 4.5:1 as text (checked below).
//! Everything that comes from a file goes through [`escape_html`].

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::compute::{Band, Health};
use crate::number::{percent, two_decimals};
use crate::render::report::{
    as_of_line, commitment, figure, grades_caption, health_header, health_words, measure_name,
    picture_line, picture_title, progress, unaligned_words, values, CHANGED_COURSE,
};
use crate::render::{left_out_line, plural};
use crate::view::report::{KeyResultReport, Measure, ObjectiveReport, OwnerReport, ReportView};
use crate::view::status::{on_pace, ProjectionStatus};

pub use crate::render::escape::html as escape_html;

/// Escaped, with the file's line breaks kept as `<br>`.
fn text(text: &str) -> String {
    escape_html(text.trim())
        .replace("\r\n", "\n")
        .replace('\n', "<br>")
}

/// The page background, the bar track, the body text.
const PAGE: &str = "#ffffff";
const TRACK: &str = "#ececec";
const INK: &str = "#1f1f1f";
const MUTED: &str = "#595959";
/// Okabe–Ito vermillion, orange (darkened to an ochre) and bluish green, and
/// a neutral grey, each dark enough for text on the page.
const RED: &str = "#b84f00";
const YELLOW: &str = "#8f5f00";
const GREEN: &str = "#00775a";
const GREY: &str = "#6b6b6b";

/// What a band or health looks like: colour, words, icon, bar pattern.
#[derive(Clone, Copy)]
struct Look {
    class: &'static str,
    color: &'static str,
    label: &'static str,
    icon: Icon,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Icon {
    Check,
    Warning,
    Cross,
    Empty,
    Slash,
}

fn band_look(band: Option<Band>) -> Look {
    match band {
        Some(Band::Green) => Look {
            class: "green",
            color: GREEN,
            label: "green",
            icon: Icon::Check,
        },
        Some(Band::Yellow) => Look {
            class: "yellow",
            color: YELLOW,
            label: "yellow",
            icon: Icon::Warning,
        },
        Some(Band::Red) => Look {
            class: "red",
            color: RED,
            label: "red",
            icon: Icon::Cross,
        },
        None => Look {
            class: "none",
            color: GREY,
            label: "no score",
            icon: Icon::Empty,
        },
    }
}

fn health_look(health: Health) -> Look {
    let band = match health {
        Health::OnTrack => Some(Band::Green),
        Health::AtRisk => Some(Band::Yellow),
        Health::OffTrack => Some(Band::Red),
        Health::Ended | Health::NoData | Health::Dropped => None,
    };
    Look {
        label: health.label(),
        icon: match health {
            Health::Dropped => Icon::Slash,
            _ => band_look(band).icon,
        },
        ..band_look(band)
    }
}

/// The health column's badge: pace while the quarter runs; once it is over
/// whether the key result is graded (a tick) or still to grade (an empty circle).
fn health_cell_look(kr: &KeyResultReport) -> Look {
    match kr.figures.health {
        Health::Ended => Look {
            class: "none",
            color: GREY,
            label: health_words(kr),
            icon: if kr.figures.graded {
                Icon::Check
            } else {
                Icon::Empty
            },
        },
        health => health_look(health),
    }
}

/// A 14×14 icon whose shape alone tells the band: a circle with a tick, a
/// triangle with `!`, a square with a cross; an empty circle; a slashed one.
fn icon(icon: Icon, color: &str) -> String {
    let shape = match icon {
        Icon::Check => format!(
            r#"<circle cx="7" cy="7" r="6.5" fill="{color}"/><path d="M3.8 7.2l2.2 2.2 4.2-4.6" fill="none" stroke="white" stroke-width="1.8"/>"#
        ),
        Icon::Warning => format!(
            r#"<path d="M7 0.8L13.6 13H0.4z" fill="{color}"/><path d="M7 5v4" stroke="white" stroke-width="1.6"/><circle cx="7" cy="11" r="0.9" fill="white"/>"#
        ),
        Icon::Cross => format!(
            r#"<rect x="0.5" y="0.5" width="13" height="13" rx="2" fill="{color}"/><path d="M4 4l6 6M10 4l-6 6" stroke="white" stroke-width="1.8"/>"#
        ),
        Icon::Empty => format!(
            r#"<circle cx="7" cy="7" r="5.8" fill="none" stroke="{color}" stroke-width="1.6"/>"#
        ),
        Icon::Slash => format!(
            r#"<circle cx="7" cy="7" r="5.8" fill="none" stroke="{color}" stroke-width="1.6"/><path d="M3 11L11 3" stroke="{color}" stroke-width="1.6"/>"#
        ),
    };
    format!(
        r#"<svg class="icon" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">{shape}</svg>"#
    )
}

/// The words and icon of a band or health, in its colour.
fn badge(look: Look) -> String {
    format!(
        r#"<span class="badge {}">{}{}</span>"#,
        look.class,
        icon(look.icon, look.color),
        look.label
    )
}

/// The fill of a bar: a pattern per band, so that bars differ without colour.
fn fill(look: Look) -> String {
    match look.class {
        "green" | "yellow" | "red" => format!("url(#fill-{})", look.class),
        _ => GREY.to_string(),
    }
}

/// A progress bar, 0 to 1, with an optional mark for the progress expected.
fn bar(class: &str, value: Option<f64>, look: Look, expected: Option<f64>, label: &str) -> String {
    projected_bar(class, value, look, expected, None, label)
}

/// [`bar`] with the projection's marker: a diamond where the key result is
/// on pace to end the quarter, on a thin line spanning its range.
fn projected_bar(
    class: &str,
    value: Option<f64>,
    look: Look,
    expected: Option<f64>,
    projection: Option<&ProjectionStatus>,
    label: &str,
) -> String {
    let width = (value.unwrap_or(0.0).clamp(0.0, 1.0) * 200.0 * 10.0).round() / 10.0;
    let mut svg = format!(
        r#"<svg class="bar {class}" width="200" height="14" viewBox="0 0 200 14" preserveAspectRatio="none" role="img" aria-label="{}"><rect width="200" height="14" rx="2" fill="{TRACK}"/>"#,
        escape_html(label)
    );
    if width > 0.0 {
        let _ = write!(
            svg,
            r#"<rect width="{width}" height="14" rx="2" fill="{}" stroke="{}" stroke-width="1"/>"#,
            fill(look),
            look.color
        );
    }
    if let Some(expected) = expected {
        let x = (expected.clamp(0.0, 1.0) * 200.0 * 10.0).round() / 10.0;
        let _ = write!(
            svg,
            r#"<path class="expected" d="M{x} 0v14" stroke="{INK}" stroke-width="2" stroke-dasharray="3 1"/>"#
        );
    }
    if let Some(p) = projection {
        let at = |v: f64| (v.clamp(0.0, 1.0) * 200.0 * 10.0).round() / 10.0;
        let (x, low, high) = (at(p.progress.get()), at(p.low.get()), at(p.high.get()));
        let _ = write!(
            svg,
            r#"<g class="projected"><path d="M{low} 12H{high}" stroke="{INK}" stroke-width="1.5"/><path d="M{x} 3l4 4-4 4-4-4z" fill="white" stroke="{INK}" stroke-width="1.5"/></g>"#
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The patterns the bars fill with, defined once for the page.
fn patterns() -> String {
    format!(
        r##"<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false"><defs>
<pattern id="fill-green" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="{GREEN}"/></pattern>
<pattern id="fill-yellow" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="{YELLOW}"/><rect width="1.6" height="6" fill="white" opacity="0.55"/></pattern>
<pattern id="fill-red" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="{RED}"/><path d="M0 0L6 6M6 0L0 6" stroke="white" stroke-width="1" opacity="0.55"/></pattern>
</defs></svg>"##
    )
}

/// The stylesheet, with the palette's names in place of colours.
const CSS: &str = include_str!("report.css");

fn css() -> String {
    CSS.replace("INK", INK)
        .replace("PAGE", PAGE)
        .replace("MUTED", MUTED)
        .replace("GREEN", GREEN)
        .replace("YELLOW", YELLOW)
        .replace("RED", RED)
        .replace("GREY", GREY)
}

pub fn render(view: &ReportView, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(page(view).as_bytes())
}

/// The whole page.
pub fn page(view: &ReportView) -> String {
    let mut h = String::new();
    let heading = escape_html(&view.heading);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>OKR report · {heading}</title>\n<style>{}</style>\n</head>\n<body>\n{}\n",
        css(),
        patterns()
    );
    let _ = writeln!(
        h,
        "<header>\n<h1>OKR report · {heading}</h1>\n<p class=\"muted\">{}</p>",
        escape_html(&as_of_line(view))
    );
    if let Some(line) = left_out_line(view.person_files_left_out) {
        let _ = writeln!(h, "<p class=\"note\">{}</p>", escape_html(&line));
    }
    h.push_str("</header>\n");
    if view.owners.is_empty() {
        let _ = writeln!(
            h,
            "<p>No valid OKR file is for {}.</p>",
            escape_html(&view.quarter.to_string())
        );
    } else {
        picture(view, &mut h);
        for owner in &view.owners {
            owner_section(view, owner, &mut h);
        }
        changed_course(view, &mut h);
    }
    let _ = writeln!(
        h,
        "<footer>Made by <code>okr report</code> from the OKR files as of {}.{}</footer>\n</body>\n</html>",
        view.as_of.format("%Y-%m-%d"),
        match view.measure {
            Measure::Score => " The dashed line in a bar marks the progress expected by now; the diamond, where the key result is on pace to end the quarter (a least-squares line through its check-ins), and the line under it that projection's likely range.",
            Measure::Grade => "",
        }
    );
    h
}

fn picture(view: &ReportView, h: &mut String) {
    let p = &view.picture;
    let line = picture_line(view);
    let _ = writeln!(
        h,
        "<section id=\"picture\">\n<h2>The quarter's picture</h2>\n<div class=\"picture\">\n<div>\n<h3>{}</h3>",
        picture_title(view)
    );
    let _ = writeln!(h, "<p>{}.</p>", escape_html(&line));
    // While the quarter runs, pace; once it is over, the bands of the grades
    // (`docs/format.md#what-is-computed`: no on-track bar after the quarter).
    let parts: Vec<(Look, usize)> = match view.measure {
        Measure::Score => [
            (Health::OnTrack, p.on_track),
            (Health::AtRisk, p.at_risk),
            (Health::OffTrack, p.off_track),
            (Health::NoData, p.no_data),
        ]
        .into_iter()
        .map(|(health, n)| (health_look(health), n))
        .collect(),
        Measure::Grade => {
            let no_data = Look {
                label: Health::NoData.label(),
                ..band_look(None)
            };
            vec![
                (band_look(Some(Band::Green)), p.grade_bands.green),
                (band_look(Some(Band::Yellow)), p.grade_bands.yellow),
                (band_look(Some(Band::Red)), p.grade_bands.red),
                (no_data, p.no_data),
            ]
        }
    };
    let total: usize = parts.iter().map(|(_, n)| n).sum();
    let _ = write!(
        h,
        r#"<svg class="chart health-chart" width="100%" height="28" viewBox="0 0 400 28" preserveAspectRatio="none" role="img" aria-label="{}"><rect width="400" height="28" fill="{TRACK}"/>"#,
        escape_html(&line)
    );
    let mut x = 0.0;
    for &(look, n) in &parts {
        if total == 0 || n == 0 {
            continue;
        }
        let w = n as f64 / total as f64 * 400.0;
        let _ = write!(
            h,
            r#"<rect class="segment" x="{x:.1}" width="{w:.1}" height="28" fill="{}" stroke="{PAGE}" stroke-width="1.5"/>"#,
            fill(look)
        );
        x += w;
    }
    h.push_str("</svg>\n<ul class=\"legend\">\n");
    for &(look, n) in &parts {
        let share = if total > 0 {
            format!(" ({})", percent(n as f64 / total as f64))
        } else {
            String::new()
        };
        let _ = writeln!(h, "<li>{} {n}{share}</li>", badge(look));
    }
    if p.dropped > 0 {
        let _ = writeln!(
            h,
            "<li>{} {} (see <a href=\"#changed-course\">Changed course</a>)</li>",
            badge(health_look(Health::Dropped)),
            p.dropped
        );
    }
    h.push_str("</ul>\n");
    if p.not_aligned.is_empty() {
        h.push_str("<p><b>Not aligned:</b> none; every team objective aligns with another objective.</p>\n");
    } else {
        let _ = writeln!(
            h,
            "<p><b>Not aligned:</b> {}</p>\n<ul>",
            plural(p.not_aligned.len(), "objective", "objectives")
        );
        for o in &p.not_aligned {
            let _ = writeln!(
                h,
                "<li>{} <span class=\"person\">({})</span></li>",
                text(&o.title),
                escape_html(&o.owner)
            );
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</div>\n<div>\n");
    grade_chart(view, h);
    h.push_str("</div>\n</div>\n</section>\n");
}

/// Columns of key results per grade, 0.0 to 1.0, each in its band's colour
/// and pattern, with its count written above it.
fn grade_chart(view: &ReportView, h: &mut String) {
    let p = &view.picture;
    let _ = writeln!(h, "<h3>{}</h3>", escape_html(grades_caption(view)));
    let bands = p.grade_bands;
    let average = p
        .average_grade
        .map(|a| format!("; average {}", two_decimals(a.get())))
        .unwrap_or_default();
    let _ = writeln!(
        h,
        "<p>{} {}, {} {}, {} {}{average}</p>",
        badge(band_look(Some(Band::Green))),
        bands.green,
        badge(band_look(Some(Band::Yellow))),
        bands.yellow,
        badge(band_look(Some(Band::Red))),
        bands.red
    );
    let max = p
        .grade_distribution
        .iter()
        .map(|b| b.key_results)
        .max()
        .unwrap_or(0)
        .max(1);
    let summary: Vec<String> = p
        .grade_distribution
        .iter()
        .map(|b| format!("{:.1}: {}", b.grade.get(), b.key_results))
        .collect();
    let _ = write!(
        h,
        r#"<svg class="chart grade-chart" width="100%" viewBox="0 0 440 190" role="img" aria-label="Key results per grade: {}">"#,
        escape_html(&summary.join(", "))
    );
    let _ = write!(
        h,
        r#"<path d="M20 160H430" stroke="{MUTED}" stroke-width="1"/>"#
    );
    for (i, bucket) in p.grade_distribution.iter().enumerate() {
        let x = 24.0 + i as f64 * 37.0;
        let n = bucket.key_results;
        let height = n as f64 / max as f64 * 130.0;
        let look = band_look(Some(Band::of(bucket.grade.get())));
        if n > 0 {
            let _ = write!(
                h,
                r#"<rect class="column" x="{x:.1}" y="{:.1}" width="30" height="{height:.1}" fill="{}" stroke="{}"/>"#,
                160.0 - height,
                fill(look),
                look.color
            );
        }
        let _ = write!(
            h,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="12" fill="{INK}">{n}</text><text x="{:.1}" y="177" text-anchor="middle" font-size="12" fill="{MUTED}">{:.1}</text>"#,
            x + 15.0,
            160.0 - height - 4.0,
            x + 15.0,
            bucket.grade.get()
        );
    }
    h.push_str("</svg>\n");
}

fn owner_section(view: &ReportView, owner: &OwnerReport, h: &mut String) {
    let look = band_look(owner.head.band);
    let _ = writeln!(
        h,
        "<section class=\"owner\" id=\"owner-{}\">\n<h2>{} <span class=\"kind\">{}</span> <span class=\"score\"><span class=\"figure\">{}</span> {}</span></h2>\n<p class=\"file\">{}</p>",
        escape_html(&owner.owner),
        escape_html(&owner.owner),
        owner.kind,
        figure(owner.head.figure),
        badge(look),
        text(&owner.file)
    );
    for objective in &owner.objectives {
        objective_card(view, owner.kind, objective, h);
    }
    h.push_str("</section>\n");
}

fn objective_card(
    view: &ReportView,
    kind: crate::model::OwnerKind,
    objective: &ObjectiveReport,
    h: &mut String,
) {
    let look = band_look(objective.head.band);
    let measure = measure_name(view.measure);
    let label = format!(
        "{measure} {}, {}",
        figure(objective.head.figure),
        look.label
    );
    let _ = writeln!(
        h,
        "<article class=\"objective\">\n<div class=\"objective-head\">\n<h3>{}</h3>\n<span class=\"score\">{}<span class=\"figure\">{}</span> {}</span>\n</div>",
        text(objective.label()),
        bar(
            "objective-bar",
            objective.head.figure.map(|f| f.get()),
            look,
            None,
            &label
        ),
        figure(objective.head.figure),
        badge(look)
    );
    let aligns = match (&objective.aligns, &objective.head.aligns_title) {
        (Some(path), Some(title)) => format!(
            "aligns with <b>{}</b> (<code>{}</code>)",
            text(title),
            escape_html(path)
        ),
        (Some(path), None) => format!("aligns with <code>{}</code>", escape_html(path)),
        (None, _) => unaligned_words(kind).to_string(),
    };
    let _ = writeln!(
        h,
        "<p class=\"meta\"><code>{}</code> · {} · {aligns}</p>",
        escape_html(&objective.id),
        commitment(objective.committed)
    );
    let _ = writeln!(
        h,
        "<table>\n<colgroup><col class=\"c-kr\"><col class=\"c-values\"><col class=\"c-progress\"><col class=\"c-health\"><col class=\"c-figure\"></colgroup>\n<thead><tr><th scope=\"col\">Key result</th><th scope=\"col\">Baseline → current → target</th><th scope=\"col\">Progress</th><th scope=\"col\">{}</th><th scope=\"col\">{measure}</th></tr></thead>\n<tbody>",
        health_header(view.measure)
    );
    for kr in &objective.key_results {
        key_result_row(view, kr, h);
    }
    h.push_str("</tbody>\n</table>\n</article>\n");
}

fn key_result_row(view: &ReportView, kr: &KeyResultReport, h: &mut String) {
    let f = &kr.figures;
    let dropped = f.health == Health::Dropped;
    let person = kr
        .owner
        .as_ref()
        .map(|p| format!(" <span class=\"person\">({})</span>", escape_html(p)))
        .unwrap_or_default();
    let progress_cell = if dropped {
        "–".to_string()
    } else {
        // After the quarter nothing is expected any more: no mark.
        let pace = match &f.projection {
            Some(p) => format!(", {}", on_pace(p)),
            None => String::new(),
        };
        let (label, expected) = match view.measure {
            Measure::Score => (
                format!(
                    "progress {}, {} expected by now{pace}",
                    progress(kr),
                    percent(f.expected.get())
                ),
                Some(f.expected.get()),
            ),
            Measure::Grade => (format!("progress {}", progress(kr)), None),
        };
        let projection = match view.measure {
            Measure::Score => f.projection.as_ref(),
            Measure::Grade => None,
        };
        let words = match (projection, &f.projection_note, view.measure) {
            (Some(p), _, _) => {
                format!(r#" <span class="pace">{}</span>"#, escape_html(&on_pace(p)))
            }
            (None, Some(_), Measure::Score) => {
                r#" <span class="pace">too little data to project</span>"#.to_string()
            }
            _ => String::new(),
        };
        // The bar has the colour of the badge beside it: the band.
        format!(
            "{}{}{words}",
            projected_bar(
                "kr-bar",
                Some(f.progress.get()),
                band_look(f.band),
                expected,
                projection,
                &label
            ),
            progress(kr)
        )
    };
    let _ = writeln!(
        h,
        "<tr{}><td class=\"kr\">{}{person}</td><td class=\"values\" data-label=\"Base → now → target\">{}</td><td class=\"progress\" data-label=\"Progress\">{progress_cell}</td><td data-label=\"{}\">{}</td><td class=\"num\" data-label=\"{}\">{} {}</td></tr>",
        if dropped { " class=\"dropped\"" } else { "" },
        text(kr.label()),
        text(&values(kr)),
        health_header(view.measure),
        badge(health_cell_look(kr)),
        measure_name(view.measure),
        figure(f.figure),
        if f.band.is_some() {
            badge(band_look(f.band))
        } else {
            String::new()
        }
    );
}

fn changed_course(view: &ReportView, h: &mut String) {
    if view.changed_course.is_empty() {
        return;
    }
    let _ = writeln!(
        h,
        "<section id=\"changed-course\" class=\"changed\">\n<h2>Changed course</h2>\n<p>{}</p>\n<ul>",
        escape_html(CHANGED_COURSE)
    );
    for d in &view.changed_course {
        let _ = writeln!(
            h,
            "<li><b>{}</b> · {} · <i>{}</i>: {}</li>",
            escape_html(&d.owner),
            text(&d.objective_title),
            text(&d.title),
            text(&d.reason)
        );
    }
    h.push_str("</ul>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_html_escapes_markup_ampersands_and_quotes() {
        assert_eq!(
            escape_html(r#"<script>alert("x & y's")</script>"#),
            "&lt;script&gt;alert(&quot;x &amp; y&#39;s&quot;)&lt;/script&gt;"
        );
        assert_eq!(escape_html("plain – text"), "plain – text");
        assert_eq!(text("a\nb<"), "a<br>b&lt;");
    }

    /// WCAG 2 relative luminance of `#rrggbb`.
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn wcag_contrast_of_the_formula_itself() {
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        assert!((contrast("#777777", "#777777") - 1.0).abs() < 1e-9);
    }

    #[test]
    fn band_colours_are_readable_as_text_and_as_graphics() {
        for color in [RED, YELLOW, GREEN, GREY, MUTED, INK] {
            let text = contrast(color, PAGE);
            assert!(text >= 4.5, "{color} on the page: {text:.2} < 4.5");
        }
        for color in [RED, YELLOW, GREEN, GREY] {
            let graphic = contrast(color, TRACK);
            assert!(graphic >= 3.0, "{color} on the bar track: {graphic:.2} < 3");
        }
    }

    #[test]
    fn every_band_has_words_and_its_own_icon() {
        let looks = [
            band_look(Some(Band::Red)),
            band_look(Some(Band::Yellow)),
            band_look(Some(Band::Green)),
            band_look(None),
        ];
        for (i, a) in looks.iter().enumerate() {
            assert!(badge(*a).contains(a.label));
            for b in &looks[i + 1..] {
                assert!(
                    a.icon != b.icon,
                    "{} and {} share an icon",
                    a.label,
                    b.label
                );
                assert_ne!(a.label, b.label);
            }
        }
    }
}
