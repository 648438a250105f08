//! Completion, hover and code actions on an open OKR file, read from its
//! text as typed (half-typed YAML included) and from the directory's last
//! check.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CompletionItem, CompletionItemKind,
    CompletionTextEdit, Diagnostic, DocumentSymbol, Hover, HoverContents, Location, MarkupContent,
    MarkupKind, Position, Range, SymbolKind, TextEdit, Uri, WorkspaceEdit,
};

use crate::compute;
use crate::diagnostic::{Pos, Severity, Span};
use crate::lsp::convert::{self, Encoding};
use crate::lsp::session::{Document, Session};
use crate::model::{OkrFile, OwnerKind, Quarter};
use crate::workspace::Workspace;

/// The key a line sets and where its value starts (a character column,
/// 1-based), read from the text before the cursor: `  owner: al` is
/// (`owner`, indent 2, the column of `al`). A bare list item `- x` under
/// a key counts as that key's value.
fn key_at(text: &str, line: usize, before: &str) -> Option<(String, usize, usize)> {
    let indent = before.len() - before.trim_start().len();
    let rest = &before[indent..];
    let (dash, rest) = match rest.strip_prefix("- ") {
        Some(rest) => (2, rest),
        None => (0, rest),
    };
    if let Some((key, value)) = rest.split_once(':') {
        let key = key.trim();
        if key.is_empty() || key.contains(' ') {
            return None;
        }
        let spaces = value.len() - value.trim_start().len();
        let column = before[..indent + dash + key.len() + 1 + spaces]
            .chars()
            .count()
            + 1;
        return Some((key.to_string(), indent + dash, column));
    }
    if dash == 0 {
        return None;
    }
    // A list item: the key of the nearest line above that is less indented.
    let above = (0..line)
        .rev()
        .map(|n| convert::line_of(text, n))
        .find(|row| {
            let their = row.len() - row.trim_start().len();
            !row.trim().is_empty() && !row.trim_start().starts_with('#') && their < indent
        })?;
    let key = above
        .trim()
        .trim_start_matches("- ")
        .split_once(':')?
        .0
        .trim();
    let column = before[..indent + dash].chars().count() + 1;
    Some((key.to_string(), indent + dash, column))
}

/// A top-level `key: value` of the text (read from the text, so that a
/// half-typed file still says its quarter and owner).
fn top_level<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.lines().find_map(|line| {
        let value = line.strip_prefix(key)?.strip_prefix(':')?;
        let value = value.split('#').next().unwrap_or("").trim();
        Some(value.trim_matches(|c| c == '"' || c == '\''))
    })
}

fn owner_of(text: &str) -> Option<&str> {
    top_level(text, "person")
        .or_else(|| top_level(text, "team"))
        .or_else(|| top_level(text, "company"))
}

/// The owners of a kind, every quarter, by name.
fn owners(workspace: &Workspace, kind: OwnerKind) -> BTreeMap<String, Vec<String>> {
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (file, okr) in workspace.valid_files() {
        if let Some((k, name)) = okr.owner() {
            if k == kind {
                found
                    .entry(name.to_string())
                    .or_default()
                    .push(file.display.clone());
            }
        }
        // A person file names its team too.
        if let (OwnerKind::Team, Some(team), Some(_)) = (kind, &okr.team, &okr.person) {
            found.entry(team.to_string()).or_default();
        }
    }
    found
}

pub fn completion(session: &Session, uri: &Uri, position: Position) -> Vec<CompletionItem> {
    let Some(doc) = session.documents.get(uri) else {
        return Vec::new();
    };
    let encoding = session.encoding;
    let at = convert::from_lsp(&doc.text, position, encoding);
    let line = convert::line_of(&doc.text, at.line - 1);
    let before = &line[..convert::byte_in_line(line, at)];
    let Some((key, indent, column)) = key_at(&doc.text, at.line - 1, before) else {
        return Vec::new();
    };
    let start = Pos {
        line: at.line,
        column,
    };
    let range = Range {
        start: convert::to_lsp(&doc.text, start, encoding),
        end: position,
    };
    let item = |label: String, detail: Option<String>, kind: CompletionItemKind| CompletionItem {
        label: label.clone(),
        kind: Some(kind),
        detail,
        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
            range,
            new_text: label,
        })),
        ..CompletionItem::default()
    };
    let workspace = doc
        .root
        .as_ref()
        .and_then(|root| session.checked.get(root))
        .map(|c| &c.workspace);
    match (key.as_str(), indent) {
        ("quarter", 0) => {
            let today = chrono::Local::now().date_naive();
            let calendar = workspace.map(|w| w.config.calendar).unwrap_or_default();
            let current = calendar.containing(today);
            vec![item(
                current.to_string(),
                Some("the current quarter".to_string()),
                CompletionItemKind::VALUE,
            )]
        }
        ("aligns", _) => {
            let Some(workspace) = workspace else {
                return Vec::new();
            };
            let quarter = top_level(&doc.text, "quarter");
            let me = owner_of(&doc.text);
            let mut items = Vec::new();
            for (_, okr) in workspace.valid_files() {
                let Some((_, owner)) = okr.owner() else {
                    continue;
                };
                if Some(okr.quarter.to_string().as_str()) != quarter || Some(owner.as_str()) == me {
                    continue;
                }
                for objective in &okr.objectives {
                    items.push(item(
                        format!("{owner}/{}", objective.id),
                        objective.title.clone(),
                        CompletionItemKind::REFERENCE,
                    ));
                }
            }
            items
        }
        ("owner", 1..) | ("person", 0) | ("team", _) => {
            let Some(workspace) = workspace else {
                return Vec::new();
            };
            let kind = if key == "team" {
                OwnerKind::Team
            } else {
                OwnerKind::Person
            };
            owners(workspace, kind)
                .into_keys()
                .map(|name| item(name, Some(kind.to_string()), CompletionItemKind::VALUE))
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Where in the file a line is: the objective and the key result (by
/// their place in the lists) whose `id:` lines last came before it.
fn place_of(text: &str, line: usize) -> Option<(usize, Option<usize>)> {
    let mut objective_indent = None;
    let mut place: Option<(usize, Option<usize>)> = None;
    for (n, row) in text.split('\n').enumerate() {
        let trimmed = row.trim_start();
        let item = trimmed.strip_prefix("- ").unwrap_or(trimmed);
        let indent = row.len() - item.len();
        let is_id = item.starts_with("id:")
            && (trimmed.starts_with("- ") || !row.trim_start().starts_with('#'));
        if is_id && n <= line {
            match objective_indent {
                None => {
                    objective_indent = Some(indent);
                    place = Some((0, None));
                }
                Some(level) if indent <= level => {
                    place = Some((place.map_or(0, |(o, _)| o + 1), None));
                }
                Some(_) => {
                    place = place.map(|(o, k)| (o, Some(k.map_or(0, |k| k + 1))));
                }
            }
        }
        if n >= line {
            break;
        }
    }
    place
}

fn percent(value: f64) -> String {
    format!("{:.0}%", value * 100.0)
}

fn number(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

pub fn hover(session: &Session, uri: &Uri, position: Position) -> Option<Hover> {
    let (doc, workspace, file) = session.file_of(uri)?;
    let okr: &OkrFile = file.okr.as_ref()?;
    let at = convert::from_lsp(&doc.text, position, session.encoding);
    if let Some(text) = aligns_hover(workspace, &doc.text, at.line - 1) {
        return Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: text,
            }),
            range: None,
        });
    }
    let (o, k) = place_of(&doc.text, at.line - 1)?;
    let objective = okr.objectives.get(o)?;
    let today = chrono::Local::now().date_naive();
    let stale = workspace.config.stale_after_days;
    let figures: Vec<compute::KrFigures> = objective
        .key_results
        .iter()
        .map(|kr| compute::key_result(kr, okr.quarter, Some(today), stale))
        .collect();
    let text = match k {
        Some(k) => {
            let kr = objective.key_results.get(k)?;
            let f = figures.get(k)?;
            kr_hover(kr, f, okr.quarter, today)
        }
        None => {
            let score = compute::objective_score(objective, &figures);
            let mut text = format!(
                "**{}**{}\n\nscore {}",
                objective.id,
                objective
                    .title
                    .as_ref()
                    .map_or(String::new(), |t| format!(": {t}")),
                score.map_or("— (every key result dropped)".to_string(), number),
            );
            if let Some(aligns) = &objective.aligns {
                text.push_str(&format!(
                    "\n\naligns with {}/{}",
                    aligns.owner, aligns.objective
                ));
            }
            text
        }
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: None,
    })
}

/// On an `aligns` line: the objective it names, with its owner and title.
fn aligns_hover(workspace: &Workspace, text: &str, line: usize) -> Option<String> {
    let value = convert::line_of(text, line)
        .trim_start()
        .strip_prefix("aligns:")?;
    let value = value.split(" #").next().unwrap_or("").trim();
    let (owner, objective) = value
        .trim_matches(|c| c == '"' || c == '\'')
        .split_once('/')?;
    let quarter = top_level(text, "quarter")?;
    let found = workspace.valid_files().find_map(|(_, okr)| {
        let owns = okr.owner().is_some_and(|(_, o)| o.as_str() == owner);
        (owns && okr.quarter.to_string() == quarter)
            .then(|| okr.objectives.iter().find(|o| o.id.as_str() == objective))
            .flatten()
            .map(|o| (okr.owner().map(|(k, _)| k), o))
    });
    Some(match found {
        Some((kind, o)) => format!(
            "**{owner}/{objective}**{}\n\n{} `{owner}`, {quarter}",
            o.title.as_ref().map_or(String::new(), |t| format!(": {t}")),
            kind.map_or("owner", OwnerKind::as_str),
        ),
        None => format!("`{owner}` has no objective `{objective}` in {quarter}"),
    })
}

fn kr_hover(
    kr: &crate::model::KeyResult,
    f: &compute::KrFigures,
    quarter: Quarter,
    today: NaiveDate,
) -> String {
    let unit = kr
        .unit
        .as_deref()
        .map_or(String::new(), |u| format!(" {u}"));
    let mut lines = vec![format!(
        "**{}**{}",
        kr.id,
        kr.title
            .as_ref()
            .map_or(String::new(), |t| format!(": {t}"))
    )];
    lines.push(format!(
        "current {}{unit} · baseline {} → target {}",
        f.current.map_or("—".to_string(), number),
        number(kr.baseline.0),
        number(kr.target.0),
    ));
    lines.push(format!(
        "progress {} · expected {} · health {}",
        percent(f.progress),
        percent(f.expected),
        f.health.as_str()
    ));
    lines.push(format!(
        "confidence {} · last check-in {}",
        f.confidence.map_or("—".to_string(), number),
        f.last_checkin.map_or("none".to_string(), |d| d.to_string()),
    ));
    match compute::projection::outlook(kr, quarter, today) {
        compute::projection::Outlook::Line(p) => lines.push(format!(
            "projection {} at the quarter's end ({}–{})",
            percent(p.progress),
            percent(p.low),
            percent(p.high)
        )),
        compute::projection::Outlook::TooLittleData(why) => {
            lines.push(format!("projection: {why}"))
        }
        compute::projection::Outlook::NotMade => {}
    }
    lines.join("\n\n")
}

pub fn code_actions(
    session: &Session,
    uri: &Uri,
    range: Range,
    wanted: &[Diagnostic],
) -> Vec<CodeActionOrCommand> {
    let Some((doc, _, file)) = session.file_of(uri) else {
        return Vec::new();
    };
    let encoding = session.encoding;
    let mut actions = Vec::new();
    for d in &file.diagnostics {
        let lsp_range = convert::range(&doc.text, d.span, encoding);
        let overlaps = lsp_range.start <= range.end && range.start <= lsp_range.end;
        let asked = wanted.iter().find(|w| {
            w.range == lsp_range
                && w.code == Some(lsp_types::NumberOrString::String(d.rule.id().to_string()))
        });
        if !overlaps && asked.is_none() {
            continue;
        }
        let shown: Vec<Diagnostic> = asked.into_iter().cloned().collect();
        if let Some(fix) = &d.fix {
            actions.push(action(
                format!("Fix: write `{}`", fix.text),
                uri,
                edit(&doc.text, fix.span, &fix.text, encoding),
                shown.clone(),
                true,
            ));
        }
        if d.severity == Severity::Warning {
            if let Some(e) = allow_edit(doc, d.span.start.line, d.rule.id(), encoding) {
                actions.push(action(
                    format!("Allow `{}` here (# okr: allow)", d.rule.id()),
                    uri,
                    e,
                    shown,
                    false,
                ));
            }
        }
    }
    if let Some(action) = checkin_action(session, uri, range) {
        actions.push(action);
    }
    actions
}

/// "Add a check-in for today" on a key result: the check-in `okr checkin`
/// would write (the same splice, so only its lines are added), with the
/// latest value and confidence to be edited. Offered on a valid file, when
/// today is in the quarter's check-in window and has no check-in yet.
fn checkin_action(session: &Session, uri: &Uri, range: Range) -> Option<CodeActionOrCommand> {
    let (doc, _, file) = session.file_of(uri)?;
    let okr = file.okr.as_ref().filter(|_| !file.has_errors())?;
    let at = convert::from_lsp(&doc.text, range.start, session.encoding);
    let (o, k) = place_of(&doc.text, at.line - 1)?;
    let objective = okr.objectives.get(o)?;
    let kr = objective.key_results.get(k?)?;
    let today = chrono::Local::now().date_naive();
    let (first, last) = crate::edit::checked::window(okr.quarter);
    if today < first || today > last || kr.current.is_some() {
        return None;
    }
    let checkin = crate::edit::NewCheckin {
        date: today,
        value: compute::current(kr, Some(today)).unwrap_or(kr.baseline.0),
        confidence: compute::confidence(kr, Some(today)),
        note: None,
    };
    let added = crate::edit::add_checkin(
        &doc.text,
        objective.id.as_str(),
        kr.id.as_str(),
        &checkin,
        false,
    )
    .ok()?;
    let edit = minimal_edit(&doc.text, &added.text, session.encoding);
    Some(action(
        format!("Add a check-in for today to {}/{}", objective.id, kr.id),
        uri,
        edit,
        Vec::new(),
        false,
    ))
}

/// The one edit that turns `old` into `new`: what lies between their
/// common start and common end (whole characters).
fn minimal_edit(old: &str, new: &str, encoding: Encoding) -> TextEdit {
    let prefix: usize = old
        .chars()
        .zip(new.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let suffix: usize = old[prefix..]
        .chars()
        .rev()
        .zip(new[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let pos_of = |offset: usize| {
        let before = &old[..offset];
        let line = before.matches('\n').count();
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        Pos {
            line: line + 1,
            column: before[start..].chars().count() + 1,
        }
    };
    let span = Span {
        start: pos_of(prefix),
        end: pos_of(old.len() - suffix),
    };
    TextEdit {
        range: convert::range(old, span, encoding),
        new_text: new[prefix..new.len() - suffix].to_string(),
    }
}

fn edit(text: &str, span: Span, new_text: &str, encoding: Encoding) -> TextEdit {
    TextEdit {
        range: convert::range(text, span, encoding),
        new_text: new_text.to_string(),
    }
}

/// `# okr: allow RULE` where docs/format.md says it is read: on the line of
/// the `id` of the key result or objective the finding is in (the nearest
/// `id:` line at or above it), or alone on the line above when that line
/// has a comment already.
fn allow_edit(doc: &Document, line: usize, rule: &str, encoding: Encoding) -> Option<TextEdit> {
    let id_line = (0..line).rev().find(|&n| {
        let row = convert::line_of(&doc.text, n).trim_start();
        row.strip_prefix("- ").unwrap_or(row).starts_with("id:")
    })?;
    let row = convert::line_of(&doc.text, id_line);
    let (at, new_text) = if row.contains('#') {
        let indent: String = row.chars().take_while(|c| *c == ' ').collect();
        (
            Pos {
                line: id_line + 1,
                column: 1,
            },
            format!("{indent}# okr: allow {rule}\n"),
        )
    } else {
        let end = row.trim_end_matches([' ', '\r']).chars().count();
        (
            Pos {
                line: id_line + 1,
                column: end + 1,
            },
            format!("  # okr: allow {rule}"),
        )
    };
    let position = convert::to_lsp(&doc.text, at, encoding);
    Some(TextEdit {
        range: Range {
            start: position,
            end: position,
        },
        new_text,
    })
}

fn action(
    title: String,
    uri: &Uri,
    edit: TextEdit,
    diagnostics: Vec<Diagnostic>,
    preferred: bool,
) -> CodeActionOrCommand {
    // lsp-types keys a workspace edit by `Uri`, whose hash never changes
    // (its lazily parsed parts are not hashed).
    #[allow(clippy::mutable_key_type)]
    let mut changes = std::collections::HashMap::new();
    changes.insert(uri.clone(), vec![edit]);
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: (!diagnostics.is_empty()).then_some(diagnostics),
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        }),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}

/// The `id:` lines of the text, in order: (line, indentation of `id`,
/// the id, its first column). Read from the text, so that a half-typed file
/// still has an outline.
fn id_lines(text: &str) -> Vec<(usize, usize, String, usize)> {
    let mut found = Vec::new();
    for (n, row) in text.split('\n').enumerate() {
        let trimmed = row.trim_start();
        let item = trimmed.strip_prefix("- ").unwrap_or(trimmed);
        let Some(value) = item.strip_prefix("id:") else {
            continue;
        };
        let indent = row.len() - item.len();
        let value = value.split(" #").next().unwrap_or("");
        let lead = value.len() - value.trim_start().len();
        let id = value.trim().trim_matches(|c| c == '"' || c == '\'');
        let column = row[..indent + 3 + lead].chars().count() + 1;
        found.push((n, indent, id.to_string(), column));
    }
    found
}

/// The outline: objectives, and their key results under them.
pub fn symbols(session: &Session, uri: &Uri) -> Vec<DocumentSymbol> {
    let Some(doc) = session.documents.get(uri) else {
        return Vec::new();
    };
    let text = &doc.text;
    let encoding = session.encoding;
    let ids = id_lines(text);
    let Some(level) = ids.first().map(|i| i.1) else {
        return Vec::new();
    };
    let lines = text.split('\n').count();
    let okr = session.file_of(uri).and_then(|(_, _, f)| f.okr.as_ref());
    let symbol = |k: usize, kind: SymbolKind, detail: Option<String>| {
        let (line, _, id, column) = &ids[k];
        // Up to the next id at this level or above (the next sibling).
        let end = ids[k + 1..]
            .iter()
            .find(|other| other.1 <= ids[k].1 || other.1 <= level)
            .map_or(lines, |other| other.0);
        let start = Pos {
            line: line + 1,
            column: 1,
        };
        let name_at = Pos {
            line: line + 1,
            column: *column,
        };
        let name_end = Pos {
            line: line + 1,
            column: column + id.chars().count(),
        };
        #[allow(deprecated)]
        DocumentSymbol {
            name: if id.is_empty() {
                "?".to_string()
            } else {
                id.clone()
            },
            detail,
            kind,
            tags: None,
            deprecated: None,
            range: Range {
                start: convert::to_lsp(text, start, encoding),
                end: Position {
                    line: u32::try_from(end).unwrap_or(u32::MAX),
                    character: 0,
                },
            },
            selection_range: Range {
                start: convert::to_lsp(text, name_at, encoding),
                end: convert::to_lsp(text, name_end, encoding),
            },
            children: None,
        }
    };
    let mut out: Vec<DocumentSymbol> = Vec::new();
    let (mut o, mut kr) = (0usize, 0usize);
    for (k, (_, indent, _, _)) in ids.iter().enumerate() {
        if *indent <= level {
            let title = okr
                .and_then(|f| f.objectives.get(o))
                .and_then(|x| x.title.clone());
            out.push(symbol(k, SymbolKind::CLASS, title));
            o += 1;
            kr = 0;
        } else if let Some(parent) = out.last_mut() {
            let title = okr
                .and_then(|f| f.objectives.get(o.wrapping_sub(1)))
                .and_then(|x| x.key_results.get(kr))
                .and_then(|x| x.title.clone());
            let child = symbol(k, SymbolKind::FIELD, title);
            parent.children.get_or_insert_with(Vec::new).push(child);
            kr += 1;
        }
    }
    out
}

/// Where an `aligns` value at the cursor points: the `id:` line of that
/// objective in its owner's file of the same quarter.
pub fn definition(session: &Session, uri: &Uri, position: Position) -> Option<Location> {
    let doc = session.documents.get(uri)?;
    let at = convert::from_lsp(&doc.text, position, session.encoding);
    let line = convert::line_of(&doc.text, at.line - 1);
    let value = line.trim_start().strip_prefix("aligns:")?;
    let value = value.split(" #").next().unwrap_or("").trim();
    let (owner, objective) = value
        .trim_matches(|c| c == '"' || c == '\'')
        .split_once('/')?;
    let quarter = top_level(&doc.text, "quarter")?;
    let workspace = &session.checked.get(doc.root.as_ref()?)?.workspace;
    for file in &workspace.files {
        let Some(okr) = file.okr.as_ref().or(file.lenient.as_ref()) else {
            continue;
        };
        let owns = okr.owner().is_some_and(|(_, o)| o.as_str() == owner);
        if !owns || okr.quarter.to_string() != quarter {
            continue;
        }
        // The files not open keep no text: read again.
        let text = match &file.text {
            Some(text) => text.clone(),
            None => std::fs::read_to_string(&file.path).ok()?,
        };
        let text = text.as_str();
        let (line, _, id, column) = id_lines(text).into_iter().find(|i| i.2 == objective)?;
        let start = Pos {
            line: line + 1,
            column,
        };
        let end = Pos {
            line: line + 1,
            column: column + id.chars().count(),
        };
        return Some(Location {
            uri: crate::lsp::session::uri_of(&file.path)?,
            range: convert::range(text, Span { start, end }, session.encoding),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_of_a_line_and_where_its_value_starts() {
        let text = "quarter: 2026-Q4\nobjectives:\n  - id: a\n    aligns: ac\n";
        assert_eq!(
            key_at(text, 3, "    aligns: ac"),
            Some(("aligns".to_string(), 4, 13))
        );
        assert_eq!(key_at(text, 0, "quar"), None);
        assert_eq!(
            key_at(text, 0, "quarter: "),
            Some(("quarter".to_string(), 0, 10))
        );
        assert_eq!(key_at(text, 2, "  - id: "), Some(("id".to_string(), 4, 9)));
    }

    #[test]
    fn a_line_belongs_to_the_objective_and_key_result_above_it() {
        let text = "quarter: 2026-Q4\nobjectives:\n  - id: a\n    key_results:\n      - id: x\n        target: 1\n      - id: y\n  - id: b\n    title: B\n";
        assert_eq!(place_of(text, 0), None);
        assert_eq!(place_of(text, 2), Some((0, None)));
        assert_eq!(place_of(text, 5), Some((0, Some(0))));
        assert_eq!(place_of(text, 6), Some((0, Some(1))));
        assert_eq!(place_of(text, 8), Some((1, None)));
    }
}
