//! What a new user tripped over (issue "Honest checks"): one test per defect,
//! each on the real binary.

use crate::support::Okrs;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(okrs: &Okrs, args: &[&str]) -> Run {
    let output = okrs.okr(args).output().expect("runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

const ACME: &str = "quarter: 2026-Q4
company: acme
objectives:
  - id: love
    title: Developers love building on Acme
    key_results:
      - { id: nps, title: Developer NPS rises from 12 to 40, baseline: 12, target: 40 }
";

const WEB: &str = "quarter: 2026-Q4
team: web
objectives:
  - id: fast
    aligns: acme/love
    key_results:
      - { id: p95, title: p95 latency falls from 900 to 400 ms, baseline: 900, target: 400, current: 600 }
";

#[test]
fn a_broken_company_file_does_not_invalidate_the_teams_aligned_with_it() {
    let broken = ACME.replace("title: Developers love", "title: [Developers love");
    let okrs = Okrs::new().file("acme.yaml", &broken).file("web.yaml", WEB);
    let r = run(&okrs, &["check"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(!r.stdout.contains("okrs/web.yaml"), "{}", r.stdout);
    assert!(r.stderr.contains("could not be verified"), "{}", r.stderr);
    let r = run(&okrs, &["status", "--as-of", "2026-11-21"]);
    assert!(r.stdout.contains("web (team)"), "{}", r.stdout);
}

#[test]
fn two_files_for_one_owner_are_reported_on_both_and_neither_is_shown() {
    let okrs = Okrs::new()
        .file("web.yaml", WEB)
        .file("old/web.yaml", WEB)
        .file("acme.yaml", ACME);
    let r = run(&okrs, &["check"]);
    for (file, other) in [
        ("okrs/old/web.yaml", "okrs/web.yaml"),
        ("okrs/web.yaml", "okrs/old/web.yaml"),
    ] {
        assert!(
            r.stdout.lines().any(|l| l.starts_with(file)
                && l.contains(&format!("(also {other})"))
                && l.ends_with("[duplicate_owner]")),
            "{}",
            r.stdout
        );
    }
    let r = run(&okrs, &["status", "web", "--as-of", "2026-11-21"]);
    assert_eq!(r.code, 1);
    assert!(!r.stdout.contains("p95"), "{}", r.stdout);
}

#[test]
fn status_of_an_owner_whose_only_file_is_invalid_shows_its_errors_and_exits_1() {
    let okrs = Okrs::new()
        .file(
            "web.yaml",
            &WEB.replace("baseline: 900", "baseline: nine hundred"),
        )
        .file("acme.yaml", ACME);
    let r = run(&okrs, &["status", "web", "--as-of", "2026-11-21"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("okrs/web.yaml:7:"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("`web` has OKRs only in okrs/web.yaml, which is invalid"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("no owner `web`"), "{}", r.stderr);
}

#[test]
fn dropped_must_carry_a_reason() {
    for dropped in ["dropped: true", "dropped: \"\"", "dropped:"] {
        let text = format!(
            "quarter: 2026-Q4\nteam: web\nobjectives:\n  - id: o\n    key_results:\n      - id: k\n        title: Errors fall from 10 to 0\n        baseline: 10\n        target: 0\n        {dropped}\n"
        );
        let okrs = Okrs::new().file("web.yaml", &text);
        let r = run(&okrs, &["check"]);
        assert_eq!(r.code, 1, "{dropped}: {}", r.stdout);
        assert!(
            r.stdout.contains("okrs/web.yaml:10:") && r.stdout.contains("[dropped_without_reason]"),
            "{dropped}: {}",
            r.stdout
        );
    }
}

#[test]
fn a_key_result_owner_must_be_a_person_and_near_misses_are_warned() {
    let people = "quarter: 2026-Q4\nperson: alice\nteam: web\nobjectives:\n  - id: grow\n    key_results:\n      - { id: talks, title: Conference talk ratings rise from 3 to 4, baseline: 3, target: 4 }\n";
    let okrs = Okrs::new()
        .file("acme.yaml", ACME)
        .file("people/alice.yaml", people)
        .file(
            "web.yaml",
            &WEB.replace("baseline: 900", "owner: acme, baseline: 900")
                .replace("      - { id: p95", "      - { id: err, title: Errors fall from 10 to 1, owner: alcie, baseline: 10, target: 1 }\n      - { id: p95"),
        );
    let r = run(&okrs, &["check"]);
    assert!(
        r.stdout
            .contains("error: objective `fast`, key result `p95`: `owner: acme` names a company")
            && r.stdout.contains("[key_result_owner_not_person]"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("warning: objective `fast`, key result `err`: `owner: alcie` is no one okr knows; did you mean `alice`?"),
        "{}",
        r.stdout
    );
}

#[test]
fn self_alignment_and_loops_are_errors_at_the_aligns_line() {
    let itself = WEB.replace("aligns: acme/love", "aligns: web/fast");
    let okrs = Okrs::new()
        .file("web.yaml", &itself)
        .file("acme.yaml", ACME);
    let r = run(&okrs, &["check"]);
    assert!(
        r.stdout
            .contains("okrs/web.yaml:5:13: error: objective `fast` aligns with itself")
            && r.stdout.contains("[aligns_self]"),
        "{}",
        r.stdout
    );
    let acme = ACME.replace(
        "    title: Developers love",
        "    aligns: web/fast\n    title: Developers love",
    );
    let okrs = Okrs::new().file("web.yaml", WEB).file("acme.yaml", &acme);
    let r = run(&okrs, &["check"]);
    for file in ["okrs/web.yaml", "okrs/acme.yaml"] {
        assert!(
            r.stdout.lines().any(|l| l.starts_with(file)
                && l.contains("alignment loop")
                && l.contains("[aligns_loop]")),
            "{file}\n{}",
            r.stdout
        );
    }
    assert!(
        r.stdout.contains("acme/love → web/fast → acme/love"),
        "{}",
        r.stdout
    );
}

#[test]
fn empty_lists_are_errors() {
    let okrs = Okrs::new().file("web.yaml", "quarter: 2026-Q4\nteam: web\nobjectives: []\n");
    let r = run(&okrs, &["check"]);
    assert!(
        r.stdout
            .contains("okrs/web.yaml:3:13: error: `objectives` is an empty list"),
        "{}",
        r.stdout
    );
    let okrs = Okrs::new().file(
        "web.yaml",
        "quarter: 2026-Q4\nteam: web\nobjectives:\n  - id: o\n    key_results: []\n",
    );
    let r = run(&okrs, &["check"]);
    assert!(
        r.stdout
            .contains("error: objective `o`: `key_results` is an empty list")
            && r.stdout.contains("[empty_list]"),
        "{}",
        r.stdout
    );
}

#[test]
fn fix_advice_keeps_the_scale_of_the_key_result() {
    for (value, advice) in [
        ("\"2.5%\"", "write 2.5 and keep the unit in `unit:`"),
        ("2.5%", "write 2.5"),
        ("95ms", "write 95"),
        ("$2.5", "2.5"),
        ("3,1", "3.1"),
        ("1_000", "1000"),
    ] {
        let text = format!(
            "quarter: 2026-Q4\nteam: web\nobjectives:\n  - id: o\n    key_results:\n      - id: k\n        title: Conversion rises\n        unit: \"%\"\n        baseline: {value}\n        target: 5\n"
        );
        let okrs = Okrs::new().file("web.yaml", &text);
        let r = run(&okrs, &["check"]);
        assert!(r.stdout.contains(advice), "{value}: {}", r.stdout);
        assert!(
            !r.stdout.contains("0.025") && !r.stdout.contains("fraction"),
            "{value}: {}",
            r.stdout
        );
    }
}

#[test]
fn a_missing_colon_is_reported_on_the_line_that_lacks_it() {
    let text = "quarter: 2026-Q4\nteam: web\nobjectives:\n  - id: o\n    key_results:\n      - id: k\n        baseline: 1\n        target 4\n        unit: x\n";
    let okrs = Okrs::new().file("web.yaml", text);
    let r = run(&okrs, &["check"]);
    assert!(
        r.stdout
            .starts_with("okrs/web.yaml:8:9: error: `target 4` has no colon after `target`"),
        "{}",
        r.stdout
    );
}

#[test]
fn counts_and_percentages_are_not_done_not_done_milestones() {
    let text = "quarter: 2026-Q4\nteam: web\nobjectives:\n  - id: o\n    key_results:\n      - { id: sev, title: Sev-1 incidents fall from 1 to 0, unit: incidents, baseline: 1, target: 0 }\n      - { id: conv, title: Conversion rises from 0% to 1%, unit: \"%\", baseline: 0, target: 1 }\n      - { id: sso, title: Single sign-on for every customer, baseline: 0, target: 1 }\n";
    let okrs = Okrs::new().file("web.yaml", text);
    let r = run(&okrs, &["check"]);
    let milestones: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.ends_with("[done_not_done]"))
        .collect();
    assert_eq!(milestones.len(), 1, "{}", r.stdout);
    assert!(milestones[0].contains("key result `sso`"), "{}", r.stdout);
}

#[test]
fn yaml_extensions_count_in_any_letter_case() {
    let okrs = Okrs::new().file("Web.YAML", WEB).file("acme.yml", ACME);
    let r = run(&okrs, &["check"]);
    assert!(
        r.stdout.ends_with("checked 2 files: no problems\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn init_refuses_to_nest_an_okr_directory() {
    let okrs = Okrs::new().file("acme.yaml", ACME);
    let nested = okrs.okrs().join("team");
    std::fs::create_dir_all(&nested).unwrap();
    let output = crate::support::okr()
        .current_dir(&nested)
        .arg("init")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("is inside the OKR directory"), "{stderr}");
    assert!(!nested.join("okrs").exists());
}

#[test]
fn smaller_things() {
    // A person's team that names no team gets a did-you-mean.
    let alice = "quarter: 2026-Q4\nperson: alice\nteam: wbe\nobjectives:\n  - id: grow\n    key_results:\n      - { id: talks, title: Conference talk ratings rise from 3 to 4, baseline: 3, target: 4 }\n";
    let okrs = Okrs::new()
        .file("web.yaml", WEB)
        .file("acme.yaml", ACME)
        .file("people/alice.yaml", alice);
    let r = run(&okrs, &["check"]);
    assert!(
        r.stdout.contains("okrs/people/alice.yaml:3:7: warning: `team: wbe` names no team with OKRs in 2026-Q4; did you mean `web`? [unknown_team]"),
        "{}",
        r.stdout
    );
    // A lowercase quarter gets the exact spelling.
    let okrs = Okrs::new().file("web.yaml", &WEB.replace("2026-Q4", "2026-q4"));
    let r = run(&okrs, &["check"]);
    assert!(r.stdout.contains("did you mean `2026-Q4`?"), "{}", r.stdout);
    // `okr new team x.yaml` writes x.yaml.
    let okrs = Okrs::new();
    let r = run(&okrs, &["new", "team", "x.yaml", "--quarter", "2026-Q4"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.trim_end().ends_with("2026-Q4/x.yaml"),
        "{}",
        r.stdout
    );
    // The man page has the sections readers look for.
    let r = run(&Okrs::new(), &["man"]);
    for section in [".SH \"EXIT STATUS\"", ".SH ENVIRONMENT", ".SH FILES"] {
        assert!(r.stdout.contains(section), "{section}");
    }
}
