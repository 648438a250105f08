//! The splice: the byte-range edits that add (or replace) one check-in,
//! touching no other line, and applying them to the text.

use saphyr_parser::ScalarStyle;

use super::scalars::{fmt_num, json_quoted, scalar};
use super::source::Source;
use super::style::{
    flow_text, item_layout, item_lines, item_style, keys_quoted, ordered, ItemStyle, Layout,
};
use super::tree::{Found, Kind, Node};
use super::{EditError, NewCheckin, Op, FIELDS};

#[derive(Debug)]
pub(super) struct Edit {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) text: String,
}

pub(super) struct Splice<'a, 't> {
    pub(super) src: &'a Source<'a>,
    pub(super) root: &'t Node,
    pub(super) found: &'t Found<'t>,
    pub(super) checkin: &'a NewCheckin,
    pub(super) items_in_value: usize,
}

impl Splice<'_, '_> {
    /// The check-in's fields as YAML text (the note quoted for `flow` or block context).
    pub(super) fn fields(&self, style: &ItemStyle) -> Vec<(&'static str, String)> {
        let date = self.checkin.date.format("%Y-%m-%d").to_string();
        let date = match style.date {
            ScalarStyle::SingleQuoted => format!("'{date}'"),
            ScalarStyle::DoubleQuoted => format!("\"{date}\""),
            _ if style.quoted_keys => format!("\"{date}\""),
            _ => date,
        };
        let mut fields = vec![("date", date), ("value", fmt_num(self.checkin.value))];
        if let Some(c) = self.checkin.confidence {
            fields.push(("confidence", fmt_num(c)));
        }
        if let Some(note) = &self.checkin.note {
            let note = match style.quoted_keys {
                true => json_quoted(note),
                false => scalar(note, style.flow),
            };
            fields.push(("note", note));
        }
        ordered(style, fields)
    }

    pub(super) fn edits(&self, op: Op) -> Result<Vec<Edit>, EditError> {
        let kr = self.found.kr;
        let checkins = kr.get("checkins");
        if let Some((_, list)) = checkins {
            if matches!(list.kind, Kind::Alias) {
                return Err(EditError::Unsupported(format!(
                    "the key result's `checkins:` on line {} is an alias (`*name`) of a list written elsewhere, so its check-ins are shared with another place and a check-in added here would be added there too; write this key result's check-ins out in full (no `*`) and run again",
                    self.src.line_of(list.start) + 1
                )));
            }
            if !list.is_null() && list.items().len() != self.items_in_value {
                return Err(unsupported_shape());
            }
        }
        match (op, checkins) {
            (Op::Replace(index), Some((_, list))) => {
                let item = list.items().get(index).ok_or_else(unsupported_shape)?;
                self.replace(item)
            }
            (Op::Replace(_), None) => Err(unsupported_shape()),
            (Op::Insert(_), None) => {
                if kr.flow {
                    return Err(EditError::Unsupported(
                        "the key result is written as a flow mapping `{ ... }`; write it as a block mapping (one field per line)"
                            .into(),
                    ));
                }
                let field_col = self.src.col(kr.start);
                let (layout, style) = self.new_list_style(field_col);
                let mut lines = vec![format!("{}checkins:", " ".repeat(field_col))];
                lines.extend(item_lines(&style, &layout, &self.fields(&style)));
                self.check_append_after(kr)?;
                let after = self
                    .src
                    .extend_over_comments(kr.last_line(self.src), field_col);
                Ok(vec![self.insert_after(after, &lines)])
            }
            (Op::Insert(k), Some((key, list))) => self.insert(k, key, list),
        }
    }

    pub(super) fn insert(&self, k: usize, key: &Node, list: &Node) -> Result<Vec<Edit>, EditError> {
        let src = self.src;
        let items = list.items();
        let empty_flow = list.flow && items.is_empty() && matches!(list.kind, Kind::Seq(_));
        if list.is_null() || empty_flow {
            if self.found.kr.flow {
                if empty_flow {
                    // `"checkins": []` in a JSON file stays JSON.
                    let style = ItemStyle {
                        flow: true,
                        quoted_keys: keys_quoted(self.found.kr),
                        ..ItemStyle::default()
                    };
                    return Ok(vec![Edit {
                        start: list.start + 1,
                        end: list.start + 1,
                        text: flow_text(&style, &self.fields(&style)),
                    }]);
                }
                return Err(EditError::Unsupported(
                    "the key result is written as a flow mapping `{ ... }`; write it as a block mapping (one field per line)"
                        .into(),
                ));
            }
            let key_line = src.line_of(key.start);
            if src.line_of(list.start) != key_line {
                return Err(EditError::Unsupported(
                    "the empty `checkins` list is not on the `checkins:` line; write `checkins: []` on one line"
                        .into(),
                ));
            }
            let key_col = src.col(key.start);
            let (layout, style) = self.new_list_style(key_col);
            let lines = item_lines(&style, &layout, &self.fields(&style));
            let mut edits = Vec::new();
            if list.end > list.start {
                // `checkins: []` / `checkins: ~` loses its value, keeping any comment.
                let before = src.slice(src.line_start(key_line), list.start);
                let trimmed = src.line_start(key_line) + before.trim_end().len();
                edits.push(Edit {
                    start: trimmed,
                    end: list.end,
                    text: String::new(),
                });
            }
            let after = src.extend_over_comments(key_line, key_col + 1);
            edits.push(self.insert_after(after, &lines));
            return Ok(edits);
        }
        if !matches!(list.kind, Kind::Seq(_)) {
            return Err(unsupported_shape());
        }
        let sibling = items
            .get(k.wrapping_sub(1))
            .or_else(|| items.first())
            .ok_or_else(unsupported_shape)?;
        if !sibling.is_map() {
            return Err(unsupported_shape());
        }
        let style = item_style(src, sibling);
        if list.flow {
            if src.line_of(list.start) != list.last_line(src) {
                return Err(EditError::Unsupported(
                    "the check-ins are a flow list `[...]` over several lines; write them as a block list (one `- ` item per check-in)"
                        .into(),
                ));
            }
            let style = ItemStyle {
                flow: true,
                ..style
            };
            let item = flow_text(&style, &self.fields(&style));
            let sep = match items {
                [a, b, ..] => src.slice(a.end, b.start).to_string(),
                _ => ", ".to_string(),
            };
            let sep = if sep.trim() == "," { sep } else { ", ".into() };
            return Ok(vec![match items.get(k.wrapping_sub(1)) {
                Some(prev) => Edit {
                    start: prev.end,
                    end: prev.end,
                    text: format!("{sep}{item}"),
                },
                None => Edit {
                    start: sibling.start,
                    end: sibling.start,
                    text: format!("{item}{sep}"),
                },
            }]);
        }
        let dash = src.col(list.start);
        let layout = item_layout(src, dash, sibling);
        let lines = item_lines(&style, &layout, &self.fields(&style));
        Ok(vec![match items.get(k.wrapping_sub(1)) {
            Some(prev) => {
                self.check_append_after(prev)?;
                let after = src.extend_over_comments(prev.last_line(src), dash + 1);
                self.insert_after(after, &lines)
            }
            None => self.insert_before(src.line_of(sibling.start), &lines),
        }])
    }

    /// The style of a new block list under a key at `key_col`: that of
    /// another key result's check-ins in the file, else the file's
    /// `key_results` list, else two-space indentation.
    pub(super) fn new_list_style(&self, key_col: usize) -> (Layout, ItemStyle) {
        let src = self.src;
        let lists = self
            .root
            .get("objectives")
            .map(|(_, o)| o.items())
            .unwrap_or_default()
            .iter()
            .filter_map(|o| o.get("key_results"))
            .flat_map(|(_, krs)| krs.items())
            .filter_map(|kr| kr.get("checkins"));
        for (key, list) in lists {
            let Some(last) = list.items().last() else {
                continue;
            };
            if list.flow || !last.is_map() {
                continue;
            }
            let dash = src.col(list.start);
            let offset = dash.saturating_sub(src.col(key.start));
            let layout = item_layout(src, dash, last);
            return (
                Layout {
                    dash: key_col + offset,
                    gap: layout.gap,
                },
                item_style(src, last),
            );
        }
        let (key, krs) = self.found.kr_list;
        let layout = if krs.flow {
            Layout {
                dash: key_col + 2,
                gap: 2,
            }
        } else {
            let dash = src.col(krs.start);
            let offset = dash.saturating_sub(src.col(key.start));
            Layout {
                dash: key_col + offset,
                gap: item_layout(src, dash, self.found.kr).gap,
            }
        };
        (layout, ItemStyle::default())
    }

    pub(super) fn replace(&self, item: &Node) -> Result<Vec<Edit>, EditError> {
        let src = self.src;
        if !item.is_map() {
            return Err(unsupported_shape());
        }
        let style = item_style(src, item);
        let mut updates: Vec<(&'static str, String)> = vec![("value", fmt_num(self.checkin.value))];
        if let Some(c) = self.checkin.confidence {
            updates.push(("confidence", fmt_num(c)));
        }
        if let Some(note) = &self.checkin.note {
            updates.push(("note", scalar(note, item.flow)));
        }
        if item.flow {
            if src.line_of(item.start) != item.last_line(src) {
                return Err(EditError::Unsupported(
                    "the check-in to replace is a flow mapping `{ ... }` over several lines; write it on one line"
                        .into(),
                ));
            }
            let mut parts: Vec<String> = Vec::new();
            for (k, v) in item.entries() {
                let name = src.slice(k.start, k.end);
                let new = updates
                    .iter()
                    .find(|(f, _)| k.scalar() == Some(f))
                    .map(|(_, text)| text.clone());
                parts.push(format!(
                    "{name}: {}",
                    new.unwrap_or_else(|| src.slice(v.start, v.end).to_string())
                ));
            }
            for (f, text) in &updates {
                if item.get(f).is_none() {
                    parts.push(format!("{f}: {text}"));
                }
            }
            let text = format!(
                "{{{}{}{}}}",
                if style.open_space { " " } else { "" },
                parts.join(", "),
                if style.close_space { " " } else { "" }
            );
            return Ok(vec![Edit {
                start: item.start,
                end: item.end,
                text,
            }]);
        }
        let content_col = src.col(item.start);
        let mut edits = Vec::new();
        let mut added: Vec<(usize, String)> = Vec::new();
        for (field, text) in updates {
            match item.get(field) {
                Some((_, v)) if matches!(v.kind, Kind::Scalar { .. }) => {
                    let text = if v.start == v.end {
                        format!(" {text}")
                    } else {
                        text
                    };
                    edits.push(Edit {
                        start: v.start,
                        end: v.end,
                        text,
                    });
                }
                Some(_) => return Err(unsupported_shape()),
                None => {
                    // After the nearest field before it in the documented order.
                    let rank = FIELDS.iter().position(|f| *f == field).unwrap_or(0);
                    let anchor = FIELDS
                        .get(..rank)
                        .unwrap_or_default()
                        .iter()
                        .rev()
                        .find_map(|f| item.get(f))
                        .map_or(item.last_line(src), |(k, v)| {
                            if v.end > v.start {
                                v.last_line(src)
                            } else {
                                k.last_line(src)
                            }
                        });
                    added.push((
                        anchor,
                        format!("{}{field}: {text}", " ".repeat(content_col)),
                    ));
                }
            }
        }
        let mut anchors: Vec<usize> = added.iter().map(|(a, _)| *a).collect();
        anchors.dedup();
        for anchor in anchors {
            let lines: Vec<String> = added
                .iter()
                .filter(|(a, _)| *a == anchor)
                .map(|(_, l)| l.clone())
                .collect();
            edits.push(self.insert_after(anchor, &lines));
        }
        Ok(edits)
    }

    /// Refuses to append after `node` when it ends the file with a block
    /// scalar that keeps its line break (`|`, `>`, `|+`) and the file has no
    /// final newline: the added line break would become part of its text.
    pub(super) fn check_append_after(&self, node: &Node) -> Result<(), EditError> {
        let mut last = node;
        loop {
            last = match &last.kind {
                Kind::Map(entries) => match entries.last() {
                    Some((_, v)) => v,
                    None => break,
                },
                Kind::Seq(items) => match items.last() {
                    Some(item) => item,
                    None => break,
                },
                _ => break,
            };
        }
        let src = self.src;
        let header = src.line(src.line_of(last.start));
        let header = header.get(src.col(last.start)..).unwrap_or_default();
        let strips = header.split('#').next().is_some_and(|h| h.contains('-'));
        if last.is_block_scalar()
            && !strips
            && !src.text.ends_with('\n')
            && last.last_line(src) + 1 == src.lines()
        {
            return Err(EditError::Unsupported(
                "the file ends inside a block scalar (`|` or `>`) without a final line break, and a line added after it would change its text; end the file with a line break and run again"
                    .into(),
            ));
        }
        Ok(())
    }

    /// Inserts whole lines after line `line`, with its line ending; after a
    /// last line without one, the lines go after a new line ending and the
    /// file still ends without one.
    pub(super) fn insert_after(&self, line: usize, lines: &[String]) -> Edit {
        let eol = self.src.line_eol(line);
        if eol.is_empty() {
            let at = self.src.text.len();
            Edit {
                start: at,
                end: at,
                text: format!("{}{}", self.src.eol, lines.join(self.src.eol)),
            }
        } else {
            let at = self.src.line_end(line);
            Edit {
                start: at,
                end: at,
                text: lines.iter().map(|l| format!("{l}{eol}")).collect(),
            }
        }
    }

    pub(super) fn insert_before(&self, line: usize, lines: &[String]) -> Edit {
        let eol = match self.src.line_eol(line) {
            "" => self.src.eol,
            eol => eol,
        };
        let at = self.src.line_start(line);
        Edit {
            start: at,
            end: at,
            text: lines.iter().map(|l| format!("{l}{eol}")).collect(),
        }
    }
}

pub(super) fn unsupported_shape() -> EditError {
    EditError::Unsupported(
        "the key result's `checkins` are written in a shape okr does not edit (YAML anchors, aliases or a non-mapping item)"
            .into(),
    )
}

pub(super) fn apply(text: &str, mut edits: Vec<Edit>) -> Result<String, EditError> {
    edits.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len() + 256);
    let mut at = 0;
    for edit in edits {
        let (Some(keep), true) = (text.get(at..edit.start), edit.start <= edit.end) else {
            return Err(EditError::VerifyFailed("overlapping edits".into()));
        };
        out.push_str(keep);
        out.push_str(&edit.text);
        at = edit.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    Ok(out)
}
