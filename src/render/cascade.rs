//! `okr tree`: the alignment cascade as text or JSON. Text draws the tree
//! with box-drawing characters on a UTF-8 terminal and ASCII otherwise, and
//! fits the width: a title too long is cut between words and ends in `…`;
//! an id is never split.

use std::io::{self, Write};

use crate::cli::TreeFormat;
use crate::compute::Band;
use crate::number::two_decimals;
use crate::render::{left_out_line, paint, styles, wrap, Output};
use crate::view::cascade::{CascadeNode, CascadeView};

/// Writes `view` in `format`.
pub fn render(view: &CascadeView, format: TreeFormat, output: &mut Output) -> io::Result<()> {
    match format {
        TreeFormat::Json => super::json(view, output.out),
        TreeFormat::Text => {
            let style = Branches::new(output.unicode);
            text(view, &style, output.color_out, output.width, output.out)
        }
    }
}

/// The characters a tree is drawn with.
pub struct Branches {
    pub tee: &'static str,
    pub last: &'static str,
    pub pipe: &'static str,
    pub blank: &'static str,
    pub ellipsis: &'static str,
    pub dot: &'static str,
    /// A missing score.
    pub none: &'static str,
    pub unicode: bool,
}

impl Branches {
    pub fn new(unicode: bool) -> Branches {
        if unicode {
            Branches {
                tee: "├── ",
                last: "└── ",
                pipe: "│   ",
                blank: "    ",
                ellipsis: "…",
                dot: " · ",
                none: "–",
                unicode,
            }
        } else {
            Branches {
                tee: "|-- ",
                last: "`-- ",
                pipe: "|   ",
                blank: "    ",
                ellipsis: "...",
                dot: " - ",
                none: "-",
                unicode,
            }
        }
    }
}

/// One line before layout: tree prefix, `owner/objective`, title, figures.
struct Line {
    prefix: String,
    path: String,
    title: String,
    score: String,
    band: Option<Band>,
}

/// Score and band take this many columns at the right: `0.55 yellow`.
const FIGURES: usize = 11;

pub fn text(
    view: &CascadeView,
    style: &Branches,
    color: bool,
    width: u16,
    out: &mut dyn Write,
) -> io::Result<()> {
    let width = usize::from(width);
    let heading = format!(
        "Alignment cascade{}{}{}as of {}",
        style.dot,
        if style.unicode {
            view.heading.clone()
        } else {
            view.heading.replace(['·', '–'], "-")
        },
        style.dot,
        view.as_of.format("%Y-%m-%d")
    );
    // Broken between words to fit, each line bold on its own.
    for line in wrap("", &heading, width, 0).lines() {
        writeln!(out, "{}", paint(color, styles::BOLD, line))?;
    }
    if view.objectives.is_empty()
        && view.aligned_elsewhere.is_empty()
        && view.not_aligned.is_empty()
    {
        writeln!(out)?;
        writeln!(
            out,
            "No valid OKR file is for {}; start one with `okr new company NAME --quarter {}`.",
            view.quarter, view.quarter
        )?;
    } else {
        sections_text(view, style, color, width, out)?;
    }
    if let Some(line) = left_out_line(view.person_files_left_out) {
        writeln!(out)?;
        writeln!(out, "{}", wrap("", &line, width.min(80), 0))?;
    }
    Ok(())
}

/// The cascade, then the objectives aligned outside the view, then the
/// objectives aligned with nothing.
fn sections_text(
    view: &CascadeView,
    style: &Branches,
    color: bool,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut sections: Vec<(Option<&str>, Vec<Line>)> = Vec::new();
    let lines_of = |nodes: &[CascadeNode]| {
        let mut lines = Vec::new();
        for node in nodes {
            lines_of_node(node, "", None, style, &mut lines);
        }
        lines
    };
    sections.push((None, lines_of(&view.objectives)));
    if !view.aligned_elsewhere.is_empty() {
        sections.push((
            Some("Aligned with objectives not shown"),
            lines_of(&view.aligned_elsewhere),
        ));
    }
    sections.push((Some("Not aligned"), lines_of(&view.not_aligned)));
    // The figures start one column after the widest line, within the width.
    let natural = sections
        .iter()
        .flat_map(|(_, lines)| lines)
        .map(|l| l.prefix.chars().count() + l.path.chars().count() + 3 + l.title.chars().count())
        .max()
        .unwrap_or(0);
    let left = (natural + 2).min(width.saturating_sub(FIGURES)).max(1);
    for (heading, lines) in &sections {
        writeln!(out)?;
        if let Some(heading) = heading {
            writeln!(out, "{}", paint(color, styles::BOLD, heading))?;
            if lines.is_empty() {
                let none = "none: every team objective aligns with another objective";
                writeln!(out, "{}", wrap("", none, width, 0))?;
            }
        } else if lines.is_empty() {
            writeln!(out, "No company objective in {}.", view.quarter)?;
        }
        for line in lines {
            writeln!(out, "{}", layout(line, left, style, color))?;
        }
    }
    Ok(())
}

fn lines_of_node(
    node: &CascadeNode,
    indent: &str,
    is_last: Option<bool>,
    style: &Branches,
    lines: &mut Vec<Line>,
) {
    let (branch, child_indent) = match is_last {
        None => ("", String::new()),
        Some(true) => (style.last, format!("{indent}{}", style.blank)),
        Some(false) => (style.tee, format!("{indent}{}", style.pipe)),
    };
    lines.push(Line {
        prefix: format!("{indent}{branch}"),
        path: node.path(),
        title: crate::render::escape::prose(&node.title),
        score: node
            .score
            .map_or_else(|| style.none.to_string(), |s| two_decimals(s.get())),
        band: node.band,
    });
    let count = node.children.len();
    for (i, child) in node.children.iter().enumerate() {
        lines_of_node(child, &child_indent, Some(i + 1 == count), style, lines);
    }
}

/// `prefix path · title    0.55 yellow`, the figures starting at column `left`.
fn layout(line: &Line, left: usize, style: &Branches, color: bool) -> String {
    let head = format!("{}{}", line.prefix, line.path);
    let used = head.chars().count();
    let dot = style.dot.chars().count();
    // Room for the title, keeping two spaces before the figures.
    let room = left.saturating_sub(used + dot + 2);
    let title = truncate(&line.title, room, style.ellipsis);
    let mut text = head;
    if !title.is_empty() {
        text.push_str(style.dot);
        text.push_str(&title);
    }
    let pad = left.saturating_sub(text.chars().count()).max(2);
    let band = line.band.map_or("", Band::as_str);
    let band = match line.band {
        Some(Band::Green) => paint(color, styles::GOOD, band),
        Some(Band::Yellow) => paint(color, styles::MEH, band),
        Some(Band::Red) => paint(color, styles::BAD, band),
        None => String::new(),
    };
    format!("{text}{}{:>4} {band}", " ".repeat(pad), line.score)
        .trim_end()
        .to_string()
}

/// `title` in at most `room` columns: whole words, then `ellipsis`; empty
/// when not even one word fits.
pub fn truncate(title: &str, room: usize, ellipsis: &str) -> String {
    if title.chars().count() <= room {
        return title.to_string();
    }
    let budget = room.saturating_sub(ellipsis.chars().count());
    let mut kept = String::new();
    for word in title.split(' ') {
        let extra = if kept.is_empty() { 0 } else { 1 } + word.chars().count();
        if kept.chars().count() + extra > budget {
            break;
        }
        if !kept.is_empty() {
            kept.push(' ');
        }
        kept.push_str(word);
    }
    if kept.is_empty() {
        String::new()
    } else {
        // No stray punctuation before the ellipsis: "trust," → "trust…".
        let kept = kept.trim_end_matches([',', ';', ':', '.', '-', '–']);
        format!("{kept}{ellipsis}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_cut_between_words() {
        assert_eq!(
            truncate("Deploys are boring", 40, "…"),
            "Deploys are boring"
        );
        assert_eq!(truncate("Deploys are boring", 12, "…"), "Deploys are…");
        assert_eq!(truncate("Deploys are boring", 11, "…"), "Deploys…");
        assert_eq!(truncate("Deploys, are boring", 11, "…"), "Deploys…");
        assert_eq!(truncate("Unbreakable", 5, "…"), "");
        assert_eq!(truncate("Deploys are boring", 14, "..."), "Deploys are...");
    }
}
