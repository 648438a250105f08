//! Emitting a check-in in the style of its siblings: layout (dash column,
//! gap), field order, flow or block, date quoting.

use saphyr_parser::ScalarStyle;

use super::source::Source;
use super::tree::{Kind, Node};
use super::FIELDS;

/// How the items of a block list are laid out: `- ` at `dash` (a column),
/// content at `dash + gap`.
#[derive(Debug, Clone)]
pub(super) struct Layout {
    pub(super) dash: usize,
    pub(super) gap: usize,
}

#[derive(Debug, Clone)]
pub(super) struct ItemStyle {
    pub(super) flow: bool,
    /// A space after `{` and before `}` (flow items).
    pub(super) open_space: bool,
    pub(super) close_space: bool,
    /// The sibling's order of the check-in fields.
    pub(super) order: Vec<&'static str>,
    /// How the sibling quotes its date.
    pub(super) date: ScalarStyle,
    /// The sibling's keys are double-quoted (`{"date": …}`: JSON, which is
    /// YAML): keys and text are written double-quoted, JSON's way, too.
    pub(super) quoted_keys: bool,
}

impl Default for ItemStyle {
    fn default() -> Self {
        ItemStyle {
            flow: false,
            open_space: true,
            close_space: true,
            order: FIELDS.to_vec(),
            date: ScalarStyle::Plain,
            quoted_keys: false,
        }
    }
}

/// Whether the keys of the mapping `node` are written double-quoted.
pub(super) fn keys_quoted(node: &Node) -> bool {
    matches!(
        node.entries().first(),
        Some((
            Node {
                kind: Kind::Scalar {
                    style: ScalarStyle::DoubleQuoted,
                    ..
                },
                ..
            },
            _
        ))
    )
}

impl ItemStyle {
    /// `key` as the sibling writes its keys.
    pub(super) fn key(&self, key: &str) -> String {
        match self.quoted_keys {
            true => format!("\"{key}\""),
            false => key.to_string(),
        }
    }
}

pub(super) fn item_style(src: &Source, item: &Node) -> ItemStyle {
    let order = item
        .entries()
        .iter()
        .filter_map(|(k, _)| FIELDS.iter().copied().find(|f| k.scalar() == Some(f)))
        .collect();
    let date = match item.get("date") {
        Some((
            _,
            Node {
                kind: Kind::Scalar { style, .. },
                ..
            },
        )) if matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted) => *style,
        _ => ScalarStyle::Plain,
    };
    let text = src.slice(item.start, item.end);
    ItemStyle {
        flow: item.flow,
        open_space: !item.flow || text.get(1..2).is_none_or(|c| c == " "),
        close_space: !item.flow
            || text
                .len()
                .checked_sub(2)
                .and_then(|i| text.get(i..i + 1))
                .is_none_or(|c| c == " "),
        order,
        date,
        quoted_keys: keys_quoted(item),
    }
}

/// The layout of a block list item, given the list's dash column.
pub(super) fn item_layout(src: &Source, dash: usize, item: &Node) -> Layout {
    let col = src.col(item.start);
    let line = src.line(src.line_of(item.start));
    let prefix: String = line.chars().take(col).collect();
    let gap = if prefix.trim() == "-" && col > dash {
        col - dash
    } else {
        2
    };
    Layout { dash, gap }
}

/// The fields to write, in the order `style` asks for.
pub(super) fn ordered(
    style: &ItemStyle,
    fields: Vec<(&'static str, String)>,
) -> Vec<(&'static str, String)> {
    let mut order: Vec<&'static str> = style
        .order
        .iter()
        .copied()
        .filter(|k| fields.iter().any(|(f, _)| f == k))
        .collect();
    for (key, _) in &fields {
        if order.contains(key) {
            continue;
        }
        let rank = |k: &str| FIELDS.iter().position(|f| *f == k).unwrap_or(FIELDS.len());
        let at = order
            .iter()
            .rposition(|k| rank(k) < rank(key))
            .map_or(0, |p| p + 1);
        order.insert(at, key);
    }
    order
        .into_iter()
        .filter_map(|k| fields.iter().find(|(f, _)| *f == k).cloned())
        .collect()
}

pub(super) fn flow_text(style: &ItemStyle, fields: &[(&'static str, String)]) -> String {
    let inner: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{}: {v}", style.key(k)))
        .collect();
    format!(
        "{{{}{}{}}}",
        if style.open_space { " " } else { "" },
        inner.join(", "),
        if style.close_space { " " } else { "" }
    )
}

pub(super) fn item_lines(
    style: &ItemStyle,
    layout: &Layout,
    fields: &[(&'static str, String)],
) -> Vec<String> {
    let dash = format!(
        "{}-{}",
        " ".repeat(layout.dash),
        " ".repeat(layout.gap.max(1) - 1)
    );
    if style.flow {
        return vec![format!("{dash}{}", flow_text(style, fields))];
    }
    let indent = " ".repeat(layout.dash + layout.gap.max(1));
    fields
        .iter()
        .enumerate()
        .map(|(i, (k, v))| {
            let at = if i == 0 { &dash } else { &indent };
            format!("{at}{}: {v}", style.key(k))
        })
        .collect()
}
