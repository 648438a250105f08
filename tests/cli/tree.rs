//! `okr tree`: the alignment cascade on the shipped `okrs/` (goldens), box
//! drawing or ASCII by locale, the width respected without splitting a word,
//! personal objectives under the team objective they align with, and
//! alignments to objectives the view does not hold.

use serde_json::Value;

use crate::report::{golden, shipped};
use crate::support::*;

const AS_OF: &str = "2026-11-21";

#[test]
fn text_golden() {
    golden("tree/q4.txt", &shipped(&["tree", "--as-of", AS_OF]));
}

#[test]
fn text_golden_with_personal_objectives() {
    golden(
        "tree/q4-personal.txt",
        &shipped(&["tree", "--as-of", AS_OF, "--include-personal"]),
    );
}

#[test]
fn json_golden() {
    golden(
        "tree/q4.json",
        &shipped(&["tree", "--as-of", AS_OF, "--format", "json"]),
    );
}

#[test]
fn each_team_objective_sits_under_the_company_objective_it_aligns_with() {
    let view: Value =
        serde_json::from_str(&shipped(&["tree", "--as-of", AS_OF, "--format", "json"])).unwrap();
    let top = view["objectives"].as_array().unwrap();
    let children = |i: usize| -> Vec<String> {
        top[i]["children"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                format!(
                    "{}/{}",
                    c["owner"].as_str().unwrap(),
                    c["objective"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(top[0]["objective"], "developer-love");
    assert_eq!(
        children(0),
        ["devrel/api-pain", "devrel/community", "platform/fast-api"]
    );
    assert_eq!(top[1]["objective"], "reliable-platform");
    assert_eq!(children(1), ["platform/no-surprises"]);
    assert_eq!(view["not_aligned"], serde_json::json!([]));
    let node = &top[1]["children"][0];
    for field in [
        "owner",
        "kind",
        "objective",
        "title",
        "score",
        "band",
        "children",
    ] {
        assert!(node.get(field).is_some(), "{field} missing in {node}");
    }
}

fn text_in(locale: &str, columns: &str) -> String {
    let output = okr()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .env("LANG", locale)
        .env("COLUMNS", columns)
        .arg("--dir")
        .arg(shipped_okrs())
        .args(["tree", "--as-of", AS_OF])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn ascii_without_a_utf8_locale() {
    let text = text_in("C", "80");
    assert!(text.is_ascii(), "{text}");
    assert!(
        text.contains(
            "\n|-- devrel/api-pain - Integrating with our public API stops hurting  0.41 yellow\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("\n`-- platform/no-surprises - Deploys are boring"),
        "{text}"
    );
    let unicode = text_in("en_US.UTF-8", "80");
    assert!(unicode.contains("\n├── devrel/api-pain · "), "{unicode}");
    assert!(
        unicode.contains("\n└── platform/no-surprises · "),
        "{unicode}"
    );
}

#[test]
fn narrow_terminals_cut_titles_between_words() {
    let text = text_in("C.UTF-8", "50");
    let titles: Vec<&str> = [
        "Developers love building on Acme",
        "Integrating with our public API stops hurting",
        "Customers trust Acme with production traffic",
        "Developers help each other",
        "The API feels instant",
        "Deploys are boring",
    ]
    .to_vec();
    for line in text.lines() {
        assert!(
            line.chars().count() <= 50,
            "{} columns: {line}",
            line.chars().count()
        );
        if let Some((_, rest)) = line.split_once(" · ") {
            let title = rest.split("  ").next().unwrap();
            if let Some(kept) = title.strip_suffix('…') {
                let full = titles
                    .iter()
                    .find(|t| t.starts_with(kept))
                    .unwrap_or_else(|| panic!("{line}"));
                let next = full[kept.len()..].chars().next();
                assert!(
                    matches!(next, Some(' ') | Some(',')),
                    "cut inside a word: {line}"
                );
            }
        }
    }
    assert!(text.contains("acme/developer-love · Developers…"), "{text}");
    assert!(
        text.contains("platform/no-surprises"),
        "an id is never dropped: {text}"
    );
}

fn cascade() -> Okrs {
    Okrs::new()
        .file(
            "2026-Q4/acme.yaml",
            r#"
            quarter: 2026-Q4
            company: acme
            objectives:
              - id: growth
                title: Acme grows
                key_results:
                  - id: revenue
                    title: Revenue rises from 10 to 20
                    baseline: 10
                    target: 20
                    current: 15
            "#,
        )
        .file(
            "2026-Q4/web.yaml",
            r#"
            quarter: 2026-Q4
            team: web
            objectives:
              - id: faster
                title: Pages load fast
                aligns: acme/growth
                key_results:
                  - id: lcp
                    title: LCP falls from 4 to 2 seconds
                    baseline: 4
                    target: 2
                    current: 3
              - id: loose
                title: Something on its own
                key_results:
                  - id: x
                    title: Happy users rise from 1 to 3
                    baseline: 1
                    target: 3
                    current: 1
            "#,
        )
        .file(
            "2026-Q4/people/zoe.yaml",
            r#"
            quarter: 2026-Q4
            person: zoe
            team: web
            objectives:
              - id: grow
                title: Speak at a conference
                aligns: web/faster
                key_results:
                  - id: talks
                    title: Talks given rise from 0 to 2
                    baseline: 0
                    target: 2
                    current: 1
            "#,
        )
}

fn tree_text(okrs: &Okrs, extra: &[&str]) -> String {
    let mut args = vec!["tree", "--as-of", AS_OF];
    args.extend(extra);
    let output = okrs
        .okr(&args)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn personal_objectives_sit_under_the_team_objective_with_include_personal() {
    let okrs = cascade();
    assert_eq!(
        tree_text(&okrs, &["--include-personal"]),
        "Alignment cascade · 2026-Q4 · 1 Oct – 31 Dec 2026 · as of 2026-11-21\n\
         \n\
         acme/growth · Acme grows                  0.50 yellow\n\
         └── web/faster · Pages load fast          0.50 yellow\n\
         \x20   └── zoe/grow · Speak at a conference  0.50 yellow\n\
         \n\
         Not aligned\n\
         web/loose · Something on its own          0.00 red\n"
    );
    let without = tree_text(&okrs, &[]);
    assert!(!without.contains("zoe"), "{without}");
    assert!(without.contains("1 person file left out"), "{without}");
}

#[test]
fn alignment_to_an_objective_not_in_the_view_is_listed_apart() {
    // The company file is invalid (a grade of 70): the team's alignment cannot
    // be followed, and is neither dropped nor called "not aligned".
    let okrs = cascade().file(
        "2026-Q4/acme.yaml",
        r#"
        quarter: 2026-Q4
        company: acme
        objectives:
          - id: growth
            title: Acme grows
            key_results:
              - id: revenue
                title: Revenue rises from 10 to 20
                baseline: 10
                target: 20
                current: 15
                grade: 70
        "#,
    );
    let output = okrs
        .okr(&["tree", "--as-of", AS_OF, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "an invalid file: {output:?}");
    let view: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(view["objectives"], serde_json::json!([]));
    assert_eq!(view["aligned_elsewhere"][0]["objective"], "faster");
    assert_eq!(view["aligned_elsewhere"][0]["aligns"], "acme/growth");
    assert_eq!(view["not_aligned"][0]["objective"], "loose");
    let text = okrs
        .okr(&["tree", "--as-of", AS_OF])
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("Aligned with objectives not shown\nweb/faster"),
        "{text}"
    );
}

#[test]
fn a_quarter_without_files_says_how_to_start_one() {
    let okrs = Okrs::new().file("2026-Q3/web.yaml", &valid_team("web", "2026-Q3"));
    let output = okrs
        .okr(&["tree", "--quarter", "2026-Q4", "--as-of", AS_OF])
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "Alignment cascade · 2026-Q4 · 1 Oct – 31 Dec 2026 · as of 2026-11-21\n\n\
         No valid OKR file is for 2026-Q4; start one with `okr new company NAME --quarter 2026-Q4`.\n"
    );
}
