//! The text, Markdown and JSON of `okr due`, all printed from one [`DueView`].

use std::io::{self, Write};

use crate::cli::DueFormat;
use crate::compute::DueState;
use crate::render::{escape, left_out_line, md_cell, paint, plural, styles, wrap, Output};
use crate::view::due::{DueKr, DueView};

/// Writes `view` in `format`.
pub fn render(view: &DueView, format: DueFormat, output: &mut Output) -> io::Result<()> {
    match format {
        DueFormat::Text => text(view, output.color_out, output.width, output.out),
        DueFormat::Markdown => markdown(view, output.out),
        DueFormat::Json => super::json(view, output.out),
    }
}

/// `overdue since 2026-11-11` or `due 2026-11-25`.
fn when(kr: &DueKr) -> String {
    match kr.state {
        DueState::Overdue => format!("overdue since {}", kr.due_on),
        DueState::Due => format!("due {}", kr.due_on),
    }
}

/// `last check-in 2026-10-26`, or `no check-in yet`.
fn last(kr: &DueKr) -> String {
    kr.last_checkin.map_or("no check-in yet".to_string(), |d| {
        format!("last check-in {d}")
    })
}

fn nothing_due(view: &DueView) -> String {
    format!(
        "Nothing is due: every key result has a check-in from the last {} days, and none is due within {} days.",
        view.stale_after_days, view.due_within_days
    )
}

fn heading(view: &DueView) -> String {
    format!("Check-ins due · {} · as of {}", view.quarter, view.as_of)
}

fn rule(view: &DueView) -> String {
    format!(
        "Overdue: no check-in for more than {} days. Due: overdue within {} days.",
        view.stale_after_days, view.due_within_days
    )
}

/// For a terminal: per person or team, each key result with its state, the
/// title, and the command to run.
pub fn text(view: &DueView, color: bool, width: u16, out: &mut dyn Write) -> io::Result<()> {
    let width = usize::from(width);
    writeln!(out, "{}", paint(color, styles::BOLD, &heading(view)))?;
    writeln!(out, "{}", wrap("", &rule(view), width, 0))?;
    if view.due.is_empty() {
        writeln!(out, "\n{}", wrap("", &nothing_due(view), width, 0))?;
    }
    for ask in &view.due {
        let who = format!(
            "{} ({}) · {}",
            ask.who,
            ask.kind,
            plural(ask.key_results.len(), "key result", "key results")
        );
        writeln!(out, "\n{}", paint(color, styles::BOLD, &who))?;
        for kr in &ask.key_results {
            let state = when(kr);
            let style = match kr.state {
                DueState::Overdue => styles::BAD,
                DueState::Due => styles::MEH,
            };
            // The path is in the command, the line to copy.
            let line = wrap("  ", &format!("{state}, {}", last(kr)), width, 4);
            match line.strip_prefix("  ").and_then(|l| l.strip_prefix(&state)) {
                Some(rest) => writeln!(out, "  {}{rest}", paint(color, style, &state))?,
                None => writeln!(out, "{line}")?,
            }
            if let Some(title) = &kr.title {
                writeln!(out, "{}", wrap("    ", &escape::prose(title), width, 4))?;
            }
            writeln!(out, "    {}", escape::terminal(&kr.command))?;
        }
    }
    if let Some(line) = left_out_line(view.person_files_left_out) {
        writeln!(out, "\n{}", wrap("", &line, width.min(80), 0))?;
    }
    Ok(())
}

/// For a team channel: a heading, then per person or team a list of what
/// is due with the command to run.
pub fn markdown(view: &DueView, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## {}\n\n{}", heading(view), rule(view))?;
    if view.due.is_empty() {
        writeln!(out, "\n{}", nothing_due(view))?;
    }
    for ask in &view.due {
        writeln!(out, "\n### {} ({})\n", md_cell(&ask.who), ask.kind)?;
        for kr in &ask.key_results {
            let state = match kr.state {
                DueState::Overdue => format!("**{}**", when(kr)),
                DueState::Due => when(kr),
            };
            let title = kr
                .title
                .as_deref()
                .map(|t| format!(" {}", md_cell(t)))
                .unwrap_or_default();
            writeln!(
                out,
                "- {state}: {}{title} ({})<br>{}",
                escape::markdown_code(&kr.path),
                last(kr),
                escape::markdown_code(&kr.command)
            )?;
        }
    }
    if let Some(line) = left_out_line(view.person_files_left_out) {
        writeln!(out, "\n{line}")?;
    }
    Ok(())
}
