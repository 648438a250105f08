//! Property tests: generated OKR files in every supported style; adding a
//! check-in keeps every original line, in order, and means the old file plus
//! that check-in.

use super::diff::{diff_ops, split_lines, DiffOp};
use super::*;
use crate::model::OkrFile;
use proptest::prelude::*;
use serde_yaml::Mapping;
use serde_yaml::Value;

#[derive(Debug, Clone)]
struct Item {
    day: u32,
    value: f64,
    confidence: Option<f64>,
    note: Option<String>,
    flow: bool,
    /// The note as a `|` block scalar (block items only).
    block_note: bool,
}

#[derive(Debug, Clone)]
enum Form {
    /// No `checkins` key.
    Absent,
    /// `checkins: []`, `checkins: ~` or a bare `checkins:`.
    Empty(&'static str),
    /// A one-line `[...]` flow list.
    OneLine(Vec<Item>),
    /// A block list.
    Block(Vec<Item>),
}

#[derive(Debug, Clone)]
struct Spec {
    indent: usize,
    gap: usize,
    compact: bool,
    crlf: bool,
    final_newline: bool,
    trailing_spaces: bool,
    comments: bool,
    /// Key results per objective, with their check-ins.
    objectives: Vec<Vec<Form>>,
    /// Which key result gets the check-in.
    target: (usize, usize),
    field_after: bool,
}

fn date_of(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 1).unwrap() + chrono::Days::new(u64::from(day))
}

fn number() -> impl Strategy<Value = f64> {
    (
        -2000i32..2000,
        prop_oneof![Just(1.0), Just(10.0), Just(100.0)],
    )
        .prop_map(|(n, d)| f64::from(n) / d)
}

fn note() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z][a-zA-Z0-9 ]{0,15}",
        "[a-z0-9 :#'\"\\-,\\[\\]{}é日🎉%@*!&|>?]{0,12}",
        Just("42".to_string()),
        Just("true".to_string()),
        Just("2026-10-06".to_string()),
        Just(" spaced ".to_string()),
    ]
}

fn items() -> impl Strategy<Value = Vec<Item>> {
    (
        proptest::collection::btree_set(0u32..100, 1..5),
        proptest::collection::vec(
            (
                number(),
                proptest::option::of(0u32..=10),
                proptest::option::of(note()),
                any::<bool>(),
                any::<bool>(),
            ),
            5,
        ),
    )
        .prop_map(|(days, rest)| {
            days.into_iter()
                .zip(rest)
                .map(|(day, (value, confidence, note, flow, block_note))| Item {
                    day,
                    value,
                    confidence: confidence.map(|c| f64::from(c) / 10.0),
                    block_note: block_note && !flow && note.is_some(),
                    note,
                    flow,
                })
                .collect()
        })
}

fn form() -> impl Strategy<Value = Form> {
    prop_oneof![
        1 => Just(Form::Absent),
        1 => prop_oneof![Just("[]"), Just("~"), Just("")].prop_map(Form::Empty),
        1 => items().prop_map(|items| Form::OneLine(items.into_iter().map(|i| Item { flow: true, block_note: false, ..i }).collect())),
        4 => items().prop_map(Form::Block),
    ]
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        (
            prop_oneof![Just(2usize), Just(4)],
            any::<bool>(),
            any::<bool>(),
        ),
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
        proptest::collection::vec(proptest::collection::vec(form(), 1..3), 1..3),
        (any::<usize>(), any::<usize>(), any::<bool>()),
    )
        .prop_map(
            |(
                (indent, wide_gap, compact),
                (crlf, final_newline, trailing_spaces, comments),
                objectives,
                (o, k, field_after),
            )| {
                let o = o % objectives.len();
                let k = k % objectives[o].len();
                Spec {
                    indent,
                    gap: if wide_gap { indent } else { 2 },
                    compact,
                    crlf,
                    final_newline,
                    trailing_spaces,
                    comments,
                    objectives,
                    target: (o, k),
                    field_after,
                }
            },
        )
}

fn flow_item(item: &Item) -> String {
    let mut parts = vec![
        format!("date: {}", date_of(item.day)),
        format!("value: {}", fmt_num(item.value)),
    ];
    if let Some(c) = item.confidence {
        parts.push(format!("confidence: {}", fmt_num(c)));
    }
    if let Some(n) = &item.note {
        parts.push(format!("note: {}", scalar(n, true)));
    }
    format!("{{ {} }}", parts.join(", "))
}

/// The file's lines (without line endings).
fn render(spec: &Spec) -> Vec<String> {
    let sp = |n: usize| " ".repeat(n);
    let trail = if spec.trailing_spaces { "  " } else { "" };
    let mut out = vec![
        "# yaml-language-server: $schema=../okr.schema.json".to_string(),
        "quarter: 2026-Q4".to_string(),
        format!("team: devrel{trail}"),
        "objectives:".to_string(),
    ];
    let nest = |key_col: usize| {
        if spec.compact {
            key_col
        } else {
            key_col + spec.indent
        }
    };
    let dash = |col: usize| format!("{}-{}", sp(col), sp(spec.gap - 1));
    let d0 = nest(0);
    let c0 = d0 + spec.gap;
    for (oi, krs) in spec.objectives.iter().enumerate() {
        out.push(format!("{}id: o{oi}", dash(d0)));
        out.push(format!("{}title: Objective {oi}", sp(c0)));
        out.push(format!("{}key_results:", sp(c0)));
        let d1 = nest(c0);
        let c1 = d1 + spec.gap;
        for (ki, form) in krs.iter().enumerate() {
            out.push(format!("{}id: k{ki}{trail}", dash(d1)));
            out.push(format!("{}title: Tickets fall", sp(c1)));
            out.push(format!("{}baseline: 0", sp(c1)));
            out.push(format!(
                "{}target: 1000{}",
                sp(c1),
                if spec.comments { "  # a stretch" } else { "" }
            ));
            let d2 = nest(c1);
            let c2 = d2 + spec.gap;
            match form {
                Form::Absent => {}
                Form::Empty(e) => {
                    out.push(format!("{}checkins: {e}", sp(c1)).trim_end().to_string())
                }
                Form::OneLine(items) => {
                    let items: Vec<String> = items.iter().map(flow_item).collect();
                    out.push(format!("{}checkins: [{}]", sp(c1), items.join(", ")));
                }
                Form::Block(items) => {
                    out.push(format!("{}checkins:", sp(c1)));
                    for (i, item) in items.iter().enumerate() {
                        if spec.comments && i > 0 {
                            out.push(format!("{}# before item {i}", sp(d2)));
                        }
                        if item.flow {
                            out.push(format!("{}{}", dash(d2), flow_item(item)));
                            continue;
                        }
                        out.push(format!("{}date: {}{trail}", dash(d2), date_of(item.day)));
                        out.push(format!(
                            "{}value: {}{}",
                            sp(c2),
                            fmt_num(item.value),
                            if spec.comments { " # measured" } else { trail }
                        ));
                        if let Some(c) = item.confidence {
                            out.push(format!("{}confidence: {}", sp(c2), fmt_num(c)));
                        }
                        match &item.note {
                            Some(_) if item.block_note => {
                                out.push(format!("{}note: |", sp(c2)));
                                out.push(format!("{}first line", sp(c2 + 2)));
                                out.push(format!("{}# not a comment", sp(c2 + 2)));
                                out.push(String::new());
                                out.push(format!("{}last line", sp(c2 + 2)));
                            }
                            Some(n) => out.push(format!("{}note: {}", sp(c2), scalar(n, false))),
                            None => {}
                        }
                    }
                    if spec.comments {
                        out.push(format!("{}# end of the list", sp(d2)));
                    }
                }
            }
            if spec.field_after {
                out.push(format!("{}unit: tickets/week", sp(c1)));
            }
        }
    }
    if spec.comments {
        out.push("# end of file".to_string());
    }
    out
}

fn existing(form: &Form) -> &[Item] {
    match form {
        Form::OneLine(items) | Form::Block(items) => items,
        _ => &[],
    }
}

/// How many old lines are not in a longest common subsequence with the new.
fn lines_lost(old: &str, new: &str) -> usize {
    // The old last line may gain a line ending (no final newline).
    let lines =
        |t| -> Vec<(&str, bool)> { split_lines(t).into_iter().map(|(l, _)| (l, true)).collect() };
    diff_ops(&lines(old), &lines(new))
        .iter()
        .filter(|op| matches!(op, DiffOp::Remove(_)))
        .count()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn adding_a_checkin_keeps_every_line(
        spec in spec(),
        day in 0u32..100,
        pick_existing in any::<bool>(),
        value in number(),
        confidence in proptest::option::of(0u32..=10),
        note in proptest::option::of(note()),
    ) {
        let eol = if spec.crlf { "\r\n" } else { "\n" };
        let lines = render(&spec);
        // A file ending in a `|` block scalar without a final newline is
        // refused (tested elsewhere); give such files their newline.
        let ends_in_block = lines.last().is_some_and(|l| l.ends_with("last line"));
        let final_newline = spec.final_newline || ends_in_block;
        let mut text = lines.join(eol);
        if final_newline {
            text.push_str(eol);
        }
        let form = &spec.objectives[spec.target.0][spec.target.1];
        let items = existing(form);
        let (day, replace) = match items.first() {
            Some(first) if pick_existing => (items[day as usize % items.len()].day.max(first.day), true),
            _ => (day, false),
        };
        let taken = items.iter().any(|i| i.day == day);
        let checkin = NewCheckin {
            date: date_of(day),
            value,
            confidence: confidence.map(|c| f64::from(c) / 10.0),
            note,
        };
        let objective = format!("o{}", spec.target.0);
        let kr = format!("k{}", spec.target.1);
        let result = add_checkin(&text, &objective, &kr, &checkin, replace);
        if taken && !replace {
            prop_assert_eq!(
                result,
                Err(EditError::DateTaken {
                    key_result: format!("{objective}/{kr}"),
                    date: checkin.date
                })
            );
            return Ok(());
        }
        let new = match result {
            Ok(added) => added.text,
            Err(e) => return Err(TestCaseError::fail(format!("{e}\n{text}"))),
        };

        // Line endings and the final newline are the file's.
        prop_assert_eq!(new.ends_with('\n'), final_newline);
        if spec.crlf {
            prop_assert_eq!(new.matches('\n').count(), new.matches("\r\n").count());
        } else {
            prop_assert!(!new.contains('\r'));
        }
        // Every old line survives, in order; only a `[]`/`~`/one-line list
        // line (or, with replace, the replaced check-in's lines) may change.
        let old_lines: Vec<&str> = text.lines().collect();
        let new_lines: Vec<&str> = new.lines().collect();
        let missing = lines_lost(&text, &new);
        let may_change = match form {
            Form::Empty("") => 0,
            Form::Empty(_) | Form::OneLine(_) => 1,
            Form::Block(_) if replace => 7,
            _ => 0,
        };
        prop_assert!(missing <= may_change, "{} lines lost\n{}\n---\n{}", missing, text, new);
        if !replace {
            // The sibling whose style is copied: the previous item, else
            // the first; for a new list, the last item of the first block
            // list in the file.
            let sibling_flow = match form {
                Form::OneLine(_) => None,
                Form::Block(items) => {
                    let k = items.iter().filter(|i| i.day < day).count();
                    Some(items[k.saturating_sub(1)].flow)
                }
                _ => Some(
                    spec.objectives
                        .iter()
                        .flatten()
                        .find_map(|f| match f {
                            Form::Block(items) => items.last().map(|i| i.flow),
                            _ => None,
                        })
                        .unwrap_or(false),
                ),
            };
            let expected_added = match sibling_flow {
                None => 0,
                Some(true) => 1,
                Some(false) => 2 + usize::from(checkin.confidence.is_some()) + usize::from(checkin.note.is_some()),
            } + usize::from(matches!(form, Form::Absent));
            prop_assert_eq!(new_lines.len(), old_lines.len() + expected_added, "{}\n---\n{}", text, new);
        }

        // The new file means the old one plus the check-in.
        let old_value: Value = serde_yaml::from_str(&text).unwrap();
        let new_value: Value = serde_yaml::from_str(&new).unwrap();
        let mut expected = old_value.clone();
        let kr_map = expected["objectives"][spec.target.0]["key_results"][spec.target.1]
            .as_mapping_mut()
            .unwrap();
        let key = Value::from("checkins");
        if kr_map.get(&key).is_none_or(Value::is_null) {
            kr_map.insert(key.clone(), Value::Sequence(Vec::new()));
        }
        let list = kr_map.get_mut(&key).unwrap().as_sequence_mut().unwrap();
        let number = |v: f64| if v.fract() == 0.0 { Value::from(v as i64) } else { Value::from(v) };
        if replace {
            let at = items.iter().position(|i| i.day == day).unwrap();
            let map = list[at].as_mapping_mut().unwrap();
            map.insert("value".into(), number(checkin.value));
            if let Some(c) = checkin.confidence {
                map.insert("confidence".into(), number(c));
            }
            if let Some(n) = &checkin.note {
                map.insert("note".into(), Value::from(n.as_str()));
            }
        } else {
            let at = items.iter().filter(|i| i.day < day).count();
            let mut map = Mapping::new();
            map.insert("date".into(), Value::from(date_of(day).to_string()));
            map.insert("value".into(), number(checkin.value));
            if let Some(c) = checkin.confidence {
                map.insert("confidence".into(), number(c));
            }
            if let Some(n) = &checkin.note {
                map.insert("note".into(), Value::from(n.as_str()));
            }
            list.insert(at, Value::Mapping(map));
        }
        prop_assert_eq!(new_value, expected);
        prop_assert!(serde_yaml::from_str::<OkrFile>(&new).is_ok());
    }
}
