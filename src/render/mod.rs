//! Renderers: each takes a view and writes it to a `&mut dyn Write`. Nothing
//! else in the crate writes output.

pub mod authoring;
pub mod check;
pub mod grade;
pub mod man;
pub mod status;

use std::io::{self, Write};

use anstyle::Style;
use serde::Serialize;

/// Writes `view` as pretty JSON, with a final newline.
pub fn json<T: Serialize>(view: &T, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, view)?;
    writeln!(out)
}

/// `text` in `style` when `color`, plain otherwise.
pub fn paint(color: bool, style: Style, text: &str) -> String {
    if color {
        format!("{}{text}{}", style.render(), style.render_reset())
    } else {
        text.to_string()
    }
}

/// Common styles, so that every view colours the same things the same way.
pub mod styles {
    use anstyle::{AnsiColor, Style};

    pub const ERROR: Style = AnsiColor::Red.on_default().bold();
    pub const WARNING: Style = AnsiColor::Yellow.on_default().bold();
    pub const GOOD: Style = AnsiColor::Green.on_default();
    pub const BAD: Style = AnsiColor::Red.on_default();
    pub const MEH: Style = AnsiColor::Yellow.on_default();
    pub const BOLD: Style = Style::new().bold();
    pub const DIM: Style = Style::new().dimmed();
}
