//! One palette and one number format for every view: the same band is the
//! same colour in `status`, `grade` and `report`, and a figure is printed the
//! same way everywhere ([`crate::number`]).

use comfy_table::Color;

use crate::compute::{Band, Health};

pub use crate::number::{percent, plain, two_decimals};

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

/// The table colour of a band.
pub fn band_color(band: Option<Band>) -> Option<Color> {
    match band? {
        Band::Red => Some(Color::DarkRed),
        Band::Yellow => Some(Color::DarkYellow),
        Band::Green => Some(Color::DarkGreen),
    }
}

/// The table colour of a health.
pub fn health_color(health: Health) -> Option<Color> {
    match health {
        Health::OnTrack => Some(Color::DarkGreen),
        Health::AtRisk => Some(Color::DarkYellow),
        Health::OffTrack => Some(Color::DarkRed),
        // Its band has the colour: the caller knows it.
        Health::Ended | Health::NoData | Health::Dropped => None,
    }
}

/// A score or grade as printed: `0.63`, or `–` when there is none.
pub fn score(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), two_decimals)
}
