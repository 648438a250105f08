//! `okr history` as text (one line per event) or JSON.

use std::io::{self, Write};

use crate::cli::HistoryFormat;
use crate::compute::goalposts::{Event, EventKind, FieldValue};
use crate::render::{self, escape, paint, styles, Output};
use crate::view::timeline::{Source, TimelineView};

/// Writes `view` in `format`.
pub fn render(view: &TimelineView, format: HistoryFormat, output: &mut Output) -> io::Result<()> {
    match format {
        HistoryFormat::Text => text(view, output.color_out, output.out),
        HistoryFormat::Json => render::json(view, output.out),
    }
}

fn text(view: &TimelineView, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let title = format!(
        "{} in {} · {}",
        view.key_result,
        view.quarter,
        escape::terminal(&view.file)
    );
    writeln!(out, "{}", paint(color, styles::BOLD, &title))?;
    let missing = match view.source {
        Source::Git if view.events.is_empty() => {
            "no committed version of this key result since the quarter began"
        }
        Source::Git => "",
        Source::NotARepository => "no history: the file is not in a git work tree",
        Source::GitMissing => "no history: no `git` executable was found",
        Source::Shallow | Source::Unavailable => {
            "no history: git history is unavailable (see the note)"
        }
    };
    if !missing.is_empty() {
        return writeln!(out, "{missing}");
    }
    for event in &view.events {
        writeln!(out, "{}  {}  {}", event.date, event.commit, describe(event))?;
    }
    Ok(())
}

/// "target changed: 400 → 500", "check-in 2026-10-06 added: 880".
fn describe(event: &Event) -> String {
    let value = |v: &Option<FieldValue>| match v {
        Some(FieldValue::Text(text)) if text.contains(char::is_whitespace) => {
            format!("\"{}\"", escape::terminal(text))
        }
        Some(v) => escape::terminal(&v.to_string()).into_owned(),
        None => "(none)".to_string(),
    };
    let field = escape::terminal(event.field.as_deref().unwrap_or_default());
    let checkin = event
        .checkin
        .map(|day| format!("check-in {day}"))
        .unwrap_or_default();
    match event.kind {
        EventKind::Created => "created".to_string(),
        EventKind::FirstSeen => "first seen (as committed before the quarter)".to_string(),
        EventKind::Removed => "removed from the file".to_string(),
        EventKind::Changed => format!(
            "{field} changed: {} → {}",
            value(&event.from),
            value(&event.to)
        ),
        EventKind::CheckinAdded => format!("{checkin} added: {}", value(&event.to)),
        EventKind::CheckinChanged => format!(
            "{checkin} {field} changed: {} → {}",
            value(&event.from),
            value(&event.to)
        ),
        EventKind::CheckinRemoved => format!("{checkin} removed (was {})", value(&event.from)),
    }
}
