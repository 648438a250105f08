//! Years of quarters (`README.md#commands`): a view of one quarter reads only
//! that quarter's files, and `okr check PATH` only the given files and the
//! other files of their quarters. Each file's quarter is sniffed from its
//! head; what the sniff cannot tell with certainty is parsed. The
//! differential tests run every view with skipping and with `OKR_NO_SKIP=1`
//! (every file parsed, then the same ones left out): a sniff that placed a
//! file in the wrong quarter would change what the view shows.

use crate::support::{expect_code, Okrs};

/// A key result block, indented for a file's `objectives:` list.
fn body(objective: &str, aligns: Option<&str>, kr_owner: Option<&str>) -> String {
    let aligns = aligns.map_or(String::new(), |a| format!("    aligns: {a}\n"));
    let owner = kr_owner.map_or(String::new(), |o| format!("        owner: {o}\n"));
    format!(
        "objectives:\n  - id: {objective}\n    title: Pages feel instant\n{aligns}    key_results:\n      - id: p95\n        title: p95 falls from 900 to 400 ms\n        baseline: 900\n        target: 400\n{owner}        checkins:\n          - date: 2026-10-12\n            value: 800\n"
    )
}

/// A directory of three quarters whose files say their quarter in every way
/// a file may: first (as okr writes it), late, quoted, commented, after a
/// byte-order mark, with CRLF line ends, in flow style, as JSON, in a value
/// that spans lines, wrong (another quarter than its folder), malformed, and
/// in broken files.
fn years() -> Okrs {
    let q3 = body("fast", None, None).replace("2026-10-12", "2026-07-12");
    let q4 = body("fast", None, Some("ana"));
    let mut okrs = Okrs::new()
        .raw("2026-Q3/web.yaml", format!("quarter: 2026-Q3\nteam: web\n{q3}").as_bytes())
        .raw("2026-Q3/api.yaml", format!("team: api\n{}quarter: 2026-Q3\n", body("stable", Some("web/fast"), None).replace("2026-10-12", "2026-07-20")).as_bytes())
        // Broken deep down, with a certain head: a Q3 file, whatever its errors.
        .raw("2026-Q3/broken.yaml", b"quarter: 2026-Q3\nteam: broken\nobjectives:\n  - id: o\n    key_results: [\n")
        .raw("2026-Q3/person-bo.yaml", format!("quarter: 2026-Q3\nperson: bo\nteam: web\n{}", body("grow", None, None).replace("2026-10-12", "2026-07-12")).as_bytes())
        .raw("2026-Q4/web.yaml", format!("\u{feff}# The web team\r\nquarter: \"2026-Q4\" # this quarter\r\nteam: web\r\n{}", q4.replace('\n', "\r\n")).as_bytes())
        .raw("2026-Q4/api.yaml", format!("team: api\nquarter: '2026-Q4'\n{}", body("stable", Some("web/fast"), Some("ann"))).as_bytes())
        .raw("2026-Q4/ana.yaml", format!("person: ana\nteam: web\nquarter: 2026-Q4\n{}", body("grow", None, None)).as_bytes())
        .raw("2026-Q4/mobile.yaml", b"{quarter: 2026-Q4, team: mobile, objectives: [{id: app, key_results: [{id: crashes, baseline: 10, target: 2, current: 5}]}]}\n")
        .raw("2026-Q4/json.yaml", b"{\n  \"team\": \"data\",\n  \"quarter\": \"2026-Q4\",\n  \"objectives\": [{\"id\": \"clean\", \"key_results\": [{\"id\": \"rows\", \"baseline\": 0, \"target\": 10, \"current\": 4}]}]\n}\n")
        .raw("2026-Q4/anchored.yaml", format!("quarter: &q 2026-Q4\nteam: ops\n{}", body("up", Some("web/fast"), None)).as_bytes())
        // A quoted value continued on a line of its own: the file is 2026-Q4's.
        .raw("2026-Q4/spans.yaml", format!("team: \"sales\nquarter: 2025-Q1 #\"\nquarter: 2026-Q4\n{}", body("deals", None, None)).as_bytes())
        // Text in quotes, continued at the start of a line (YAML allows it),
        // that looks like a quarter: the file is 2026-Q4's.
        .raw("2026-Q4/design.yaml", format!("team: design\n{}quarter: 2026-Q4\n", body("calm", None, None).replace("title: Pages feel instant", "title: \"Pages\nquarter: 2025-Q1 #feel\ninstant\"")).as_bytes())
        // In the Q4 folder, but a 2026-Q3 file (the folder says nothing).
        .raw("2026-Q4/moved.yaml", format!("quarter: 2026-Q3 # kept from last quarter\nteam: infra\n{}", body("up", Some("api/stable"), None).replace("2026-10-12", "2026-08-01")).as_bytes())
        // No quarter okr can read: in every view, so its error is seen.
        .raw("2026-Q4/typo.yaml", format!("quarter: 2026-q4\nteam: growth\n{}", body("more", None, None)).as_bytes())
        // Two files for one owner in Q4, and one of them late.
        .raw("2026-Q4/api-again.yaml", format!("team: api\n{}quarter: 2026-Q4\n", body("other", None, None)).as_bytes());
    okrs = okrs
        .raw(
            "2027-Q1/web.yaml",
            format!(
                "quarter: 2027-Q1\nteam: web\n{}",
                body("faster", None, None).replace("2026-10-12", "2027-01-12")
            )
            .as_bytes(),
        )
        .raw(
            "2027-Q1/broken.yaml",
            b"quarter: 2027-Q1\nteam: web\n\tobjectives: []\n",
        );
    okrs
}

/// `okr ARGS` with skipping, and with every file parsed.
fn both(okrs: &Okrs, args: &[&str]) -> [(String, String, Option<i32>); 2] {
    let run = |skip: bool| {
        let mut cmd = okrs.okr(args);
        if skip {
            cmd.env_remove("OKR_NO_SKIP");
        } else {
            cmd.env("OKR_NO_SKIP", "1");
        }
        let output = cmd.output().expect("runs");
        (
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
            output.status.code(),
        )
    };
    [run(true), run(false)]
}

/// Every view and `check`, skipping or not: the same stdout, stderr and exit
/// status, for every quarter a view can be about.
#[test]
fn every_view_is_the_same_with_and_without_skipping() {
    let okrs = years();
    let mut runs: Vec<Vec<&str>> = vec![
        vec!["check"],
        vec!["check", "--format", "json"],
        vec!["check", "okrs/2026-Q4/web.yaml"],
        vec!["check", "okrs/2026-Q4/api.yaml", "okrs/2026-Q3/web.yaml"],
        vec!["check", "okrs/2026-Q4/moved.yaml"],
        vec!["check", "okrs/2026-Q4/typo.yaml"],
        vec!["check", "okrs/2026-Q4"],
        vec!["grade", "web", "--history"],
        vec!["grade", "ana", "--history", "--format", "json"],
        vec!["history", "web/fast/p95", "--quarter", "2026-Q4"],
        vec!["history", "api/stable/p95"],
        vec![
            "checkin",
            "web/fast/p95",
            "700",
            "--date",
            "2026-11-02",
            "--dry-run",
        ],
        vec![
            "checkin",
            "infra/up/p95",
            "7",
            "--date",
            "2026-11-02",
            "--dry-run",
        ],
        vec![
            "checkin",
            "infra/up/p95",
            "7",
            "--date",
            "2026-09-02",
            "--dry-run",
        ],
    ];
    // Inside a quarter, before the first, between files, after the last.
    let days = [
        "2026-08-15",
        "2026-11-21",
        "2027-02-01",
        "2027-06-01",
        "2025-01-01",
    ];
    let quarters = [
        "--quarter=2026-Q3",
        "--quarter=2026-Q4",
        "--quarter=2027-Q1",
        "--quarter=2025-Q1",
    ];
    let mut owned: Vec<Vec<String>> = Vec::new();
    for day in days {
        for view in [
            vec!["status"],
            vec!["status", "--include-personal", "--format", "json"],
            vec!["status", "ana"],
            vec!["status", "web", "--format", "json"],
            vec!["grade"],
            vec!["grade", "ana", "--format", "json"],
            vec!["report", "--format", "json"],
            vec!["report"],
            vec!["tree", "--include-personal"],
        ] {
            let mut args: Vec<String> = view.iter().map(|s| s.to_string()).collect();
            args.extend(["--as-of".to_string(), day.to_string()]);
            owned.push(args);
        }
    }
    for quarter in quarters {
        for view in [
            vec!["status"],
            vec!["grade", "--format", "json"],
            vec!["tree"],
        ] {
            let mut args: Vec<String> = view.iter().map(|s| s.to_string()).collect();
            args.extend([
                quarter.to_string(),
                "--as-of".to_string(),
                "2026-11-21".to_string(),
            ]);
            owned.push(args);
        }
    }
    runs.extend(owned.iter().map(|a| a.iter().map(String::as_str).collect()));
    for args in &runs {
        let [skipped, parsed] = both(&okrs, args);
        assert_eq!(skipped, parsed, "okr {}", args.join(" "));
    }
}

/// The fixture reaches what it means to: files the sniff places, files it
/// leaves to the parser, and a view of Q4 whose answer depends on both.
#[test]
fn the_fixture_tells_the_quarters_apart() {
    let okrs = years();
    let output = okrs
        .okr(&["status", "--as-of", "2026-11-21", "--format", "json"])
        .output()
        .unwrap();
    expect_code(&output, 1);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let owners: Vec<&str> = json["owners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["owner"].as_str().unwrap())
        .collect();
    // `api` has two files in Q4 (an error on both), `typo` no readable quarter;
    // Q3's files (`moved` among them) are not in the view.
    // (`sales`, whose name runs on to the next line, is not a valid name.)
    assert_eq!(owners, ["data", "design", "mobile", "ops", "web"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    for file in [
        "2026-Q4/api.yaml",
        "2026-Q4/api-again.yaml",
        "2026-Q4/typo.yaml",
        "2026-Q4/spans.yaml",
    ] {
        assert!(stderr.contains(file), "{file}: {stderr}");
    }
}

/// A view of one quarter does not read the other quarters' files, so their
/// errors are not its own: `okr check` reports them.
#[test]
fn a_view_reports_the_problems_of_its_quarter_only() {
    let okrs = Okrs::new()
        .file(
            "2026-Q3/broken.yaml",
            "quarter: 2026-Q3\nteam: web\nobjectives: [\n",
        )
        .file(
            "2026-Q3/api.yaml",
            &crate::support::valid_team("api", "2026-Q3"),
        )
        .file(
            "2026-Q4/web.yaml",
            &crate::support::valid_team("web", "2026-Q4"),
        );
    let output = okrs
        .okr(&["status", "--as-of", "2026-11-21"])
        .output()
        .unwrap();
    expect_code(&output, 0);
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    let output = okrs
        .okr(&["status", "--as-of", "2026-08-21"])
        .output()
        .unwrap();
    expect_code(&output, 1);
    assert!(String::from_utf8_lossy(&output.stderr).contains("okrs/2026-Q3/broken.yaml:4:1:"));
    let output = okrs.okr(&["check"]).output().unwrap();
    expect_code(&output, 1);
    assert!(String::from_utf8_lossy(&output.stdout).contains("okrs/2026-Q3/broken.yaml:4:1:"));
}

/// `okr check FILE` tells each file what `okr check` tells it: the checks
/// across files are judged within the file's quarter in both.
#[test]
fn check_of_one_file_says_what_check_of_all_says_of_it() {
    let okrs = years();
    let all = okrs.okr(&["check"]).output().unwrap();
    let all = String::from_utf8_lossy(&all.stdout).into_owned();
    for file in [
        "2026-Q3/web.yaml",
        "2026-Q3/api.yaml",
        "2026-Q3/broken.yaml",
        "2026-Q4/web.yaml",
        "2026-Q4/api.yaml",
        "2026-Q4/api-again.yaml",
        "2026-Q4/moved.yaml",
        "2026-Q4/anchored.yaml",
        "2026-Q4/typo.yaml",
        "2027-Q1/broken.yaml",
    ] {
        let path = format!("okrs/{file}");
        let one = okrs.okr(&["check", &path]).output().unwrap();
        let one = String::from_utf8_lossy(&one.stdout).into_owned();
        let of_file = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|l| l.starts_with(&format!("{path}:")))
                .map(str::to_string)
                .collect()
        };
        assert_eq!(of_file(&one), of_file(&all), "{file}");
    }
    // Among them, findings across files: an owner twice, a misspelt owner.
    assert!(
        all.contains("[duplicate_owner]") && all.contains("[key_result_owner_unknown]"),
        "{all}"
    );
}

/// A key result's owner is judged against the people of its quarter: a
/// person known only from an earlier quarter is no one this quarter knows.
#[test]
fn known_people_are_the_quarters() {
    let kr_owner = |quarter: &str, owner: &str| {
        format!(
            "quarter: {quarter}\nteam: web\nobjectives:\n  - id: o\n    key_results:\n      - id: k\n        baseline: 1\n        target: 2\n        owner: {owner}\n"
        )
    };
    let person = |quarter: &str, name: &str| {
        format!(
            "quarter: {quarter}\nperson: {name}\nteam: web\nobjectives:\n  - id: o\n    key_results:\n      - id: k\n        baseline: 1\n        target: 2\n"
        )
    };
    let okrs = Okrs::new()
        .file("2026-Q3/anna.yaml", &person("2026-Q3", "anna"))
        .file("2026-Q4/ana.yaml", &person("2026-Q4", "ana"))
        .file("2026-Q4/web.yaml", &kr_owner("2026-Q4", "anna"));
    let expected = "okrs/2026-Q4/web.yaml:9:16: warning: objective `o`, key result `k`: `owner: anna` is no one okr knows; did you mean `ana`? (a misspelt owner drops the key result from that person's `okr status`) [key_result_owner_unknown]\n";
    for args in [vec!["check"], vec!["check", "okrs/2026-Q4/web.yaml"]] {
        let output = okrs.okr(&args).output().unwrap();
        expect_code(&output, 0);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.starts_with(expected), "{args:?}: {stdout}");
    }
}

/// Fiscal quarters (either labelling): the sniffed label is read in the
/// directory's calendar, so the quarter containing a day is found the same.
#[test]
fn fiscal_quarters_are_sniffed_in_the_directorys_calendar() {
    for label in ["start", "end"] {
        let fiscal = |quarter: &str, team: &str, day: &str| {
            format!(
                "quarter: {quarter}\nteam: {team}\nobjectives:\n  - id: o\n    key_results:\n      - id: k\n        baseline: 1\n        target: 9\n        checkins:\n          - date: {day}\n            value: 4\n"
            )
        };
        let (q1, q2) = if label == "start" {
            ("2026-Q1", "2026-Q2")
        } else {
            ("2027-Q1", "2027-Q2")
        };
        let okrs = Okrs::new()
            .file(
                "okr.toml",
                &format!(
                    "[quarters]\nfiscal_year_start = \"july\"\nfiscal_year_label = \"{label}\"\n"
                ),
            )
            .file("q1/web.yaml", &fiscal(q1, "web", "2026-08-03"))
            .file(
                "q1/late.yaml",
                &format!(
                    "team: api\n{}",
                    fiscal(q1, "api", "2026-08-03").replacen(
                        &format!("quarter: {q1}\nteam: api\n"),
                        "",
                        1
                    )
                )
                .replace("objectives:", &format!("quarter: '{q1}'\nobjectives:")),
            )
            .file("q2/web.yaml", &fiscal(q2, "web", "2026-11-03"));
        for day in ["2026-08-15", "2026-11-21", "2027-03-01"] {
            for args in [
                vec!["status", "--as-of", day],
                vec!["grade", "--as-of", day, "--format", "json"],
                vec!["report", "--as-of", day],
            ] {
                let [skipped, parsed] = both(&okrs, &args);
                assert_eq!(skipped, parsed, "{label}: okr {}", args.join(" "));
            }
        }
        let output = okrs
            .okr(&["status", "--as-of", "2026-08-15"])
            .output()
            .unwrap();
        expect_code(&output, 0);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            stdout.contains(q1) && stdout.contains("api"),
            "{label}: {stdout}"
        );
    }
}
