//! Acknowledged warnings: `# okr: allow RULE[, RULE…]` on the line of a key
//! result's or objective's `id` (or alone on the line above it) silences
//! those warning rules there. Errors cannot be silenced; an `allow` naming a
//! rule that does not exist is itself a warning.

use crate::diagnostic::{Pos, Rule, Span};
use crate::source::locate::SourceIndex;

/// One `# okr: allow` comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allow {
    /// The line whose `id` it acknowledges: its own, or the next one when the
    /// comment stands alone on its line.
    pub target_line: usize,
    /// Each rule id as written, with where it is.
    pub rules: Vec<(String, Span)>,
}

const MARKER: &str = "okr: allow";

/// Every `# okr: allow` comment of `source`. Cheap when there is none.
pub fn scan(source: &str) -> Vec<Allow> {
    if !source.contains(MARKER) {
        return Vec::new();
    }
    let mut allows = Vec::new();
    for (i, line) in source.lines().enumerate() {
        let Some(hash) = comment_start(line) else {
            continue;
        };
        let comment = &line[hash + 1..];
        let Some(at) = comment.find(MARKER) else {
            continue;
        };
        if !comment[..at].trim().is_empty() {
            continue;
        }
        let list_start = hash + 1 + at + MARKER.len();
        let list = &line[list_start..];
        let mut rules = Vec::new();
        let mut offset = list_start;
        for part in list.split(',') {
            let id = part.trim();
            if !id.is_empty() {
                let lead = part.len() - part.trim_start().len();
                let column = line[..offset + lead].chars().count() + 1;
                rules.push((
                    id.to_string(),
                    Span {
                        start: Pos {
                            line: i + 1,
                            column,
                        },
                        end: Pos {
                            line: i + 1,
                            column: column + id.chars().count(),
                        },
                    },
                ));
            }
            offset += part.len() + 1;
        }
        let alone = line[..hash].trim().is_empty();
        allows.push(Allow {
            target_line: if alone { i + 2 } else { i + 1 },
            rules,
        });
    }
    allows
}

/// Where a comment starts on `line`: a `#` at the start or after a blank,
/// outside quotes.
fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && previous.is_whitespace() => return Some(i),
            None => {}
        }
        previous = c;
    }
    None
}

/// The rule ids of `allows` that name no rule: each a warning at its place.
pub fn unknown_rules(allows: &[Allow]) -> Vec<(Span, String)> {
    allows
        .iter()
        .flat_map(|a| &a.rules)
        .filter(|(id, _)| Rule::from_id(id).is_none())
        .map(|(id, span)| {
            let warnings = Rule::ALL.iter().filter(|r| r.is_warning()).map(|r| r.id());
            let hint = match crate::suggest::closest(id, warnings) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "`okr check --rules` lists the rules".to_string(),
            };
            (
                *span,
                format!("`# okr: allow {id}` names no rule, so it silences nothing; {hint}"),
            )
        })
        .collect()
}

/// Whether a finding of `rule` at `path` is acknowledged: an `allow` naming
/// it targets the `id` line of the key result or objective that holds `path`.
pub fn silences(allows: &[Allow], index: &SourceIndex, path: &str, rule: Rule) -> bool {
    if allows.is_empty() {
        return false;
    }
    let mut id_lines = Vec::new();
    for holder in ["].key_results[", "objectives["] {
        if let Some(at) = path.find(holder) {
            let end = path[at + holder.len()..]
                .find(']')
                .map(|e| at + holder.len() + e + 1);
            if let Some(end) = end {
                if let Some(pos) = index.value(&format!("{}.id", &path[..end])) {
                    id_lines.push(pos.line);
                }
            }
        }
    }
    allows
        .iter()
        .any(|a| id_lines.contains(&a.target_line) && a.rules.iter().any(|(id, _)| id == rule.id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "\
quarter: 2026-Q4
person: alice
objectives:
  - id: grow # okr: allow activity_wording, too_many_key_results
    key_results:
      # okr: allow done_not_done
      - id: talk
        title: Give 3 talks
        baseline: 0
        target: 3
";

    #[test]
    fn finds_allows_on_and_above_id_lines() {
        let allows = scan(FILE);
        assert_eq!(allows.len(), 2);
        assert_eq!(allows[0].target_line, 4);
        assert_eq!(allows[0].rules[0].0, "activity_wording");
        assert_eq!(allows[0].rules[1].0, "too_many_key_results");
        assert_eq!(allows[1].target_line, 7);
        let index = SourceIndex::build(FILE);
        let title = "objectives[0].key_results[0].title";
        assert!(silences(&allows, &index, title, Rule::ActivityWording));
        assert!(silences(
            &allows,
            &index,
            "objectives[0].key_results[0]",
            Rule::DoneNotDone
        ));
        assert!(!silences(&allows, &index, title, Rule::TooManyObjectives));
    }

    #[test]
    fn unknown_rule_names_are_reported_with_a_suggestion() {
        let allows = scan("  - id: x # okr: allow activity_wordin\n");
        let unknown = unknown_rules(&allows);
        assert_eq!(unknown.len(), 1);
        assert!(unknown[0].1.contains("did you mean `activity_wording`?"));
        assert_eq!(
            unknown[0].0.start,
            Pos {
                line: 1,
                column: 24
            }
        );
    }

    #[test]
    fn a_hash_inside_quotes_is_not_a_comment() {
        assert!(scan("title: \"# okr: allow x\"\n").is_empty());
    }
}
