//! The YAML text of a file started with `okr new … --from QUARTER`: block
//! style, two-space indentation, the fields in the order the format
//! documents them, titles quoted only when they must be.

use crate::edit::{fmt_num, scalar};
use crate::view::next_quarter::{Aligns, NextQuarter, Origin};

/// The file's text; `modeline` is its first line (the schema reference).
pub fn yaml(next: &NextQuarter, modeline: &str) -> String {
    let mut out = Vec::new();
    out.push(modeline.to_string());
    out.push(format!(
        "# Started from {} with `okr new {} {} --from {}`: each baseline is the last value",
        next.from, next.kind, next.name, next.from
    ));
    out.push(format!(
        "# measured in {}. Check that each title still reads true with its new baseline.",
        next.from
    ));
    out.push(format!("quarter: {}", next.quarter));
    out.push(format!("{}: {}", next.kind, next.name));
    if let Some(team) = &next.team {
        out.push(format!("team: {team}"));
    }
    out.push("objectives:".to_string());
    for (i, objective) in next.objectives.iter().enumerate() {
        if i > 0 {
            out.push(String::new());
        }
        out.push(format!("  - id: {}", objective.id));
        if let Some(title) = &objective.title {
            out.push(format!("    title: {}", scalar(title, false)));
        }
        if objective.committed {
            out.push("    committed: true".to_string());
        }
        match &objective.aligns {
            Aligns::None => {}
            Aligns::Kept(to) => out.push(format!("    aligns: {to}")),
            Aligns::Missing(to) => out.push(format!(
                "    # aligns: {to} — no objective {to} in {} yet; restore when it exists",
                next.quarter
            )),
        }
        out.push("    key_results:".to_string());
        for kr in &objective.key_results {
            out.push(format!("      - id: {}", kr.id));
            if let Some(title) = &kr.title {
                out.push(format!("        title: {}", scalar(title, false)));
            }
            let baseline = format!("        baseline: {}", fmt_num(kr.baseline));
            out.push(match &kr.origin {
                Origin::Checkin(date) => format!("{baseline}  # last measured on {date}"),
                Origin::Current => format!("{baseline}  # `current` at the end of {}", next.from),
                Origin::Unmeasured => format!("{baseline}  # not measured in {}", next.from),
                Origin::Reached(value) => format!(
                    "{baseline}  # reached its target in {} ({}): set a new target, or remove this key result",
                    next.from,
                    fmt_num(*value)
                ),
            });
            out.push(format!("        target: {}", fmt_num(kr.target)));
            if let Some(unit) = &kr.unit {
                out.push(format!("        unit: {}", scalar(unit, false)));
            }
            if let Some(owner) = &kr.owner {
                out.push(format!("        owner: {owner}"));
            }
            if let Some(weight) = kr.weight {
                out.push(format!("        weight: {}", fmt_num(weight)));
            }
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}
