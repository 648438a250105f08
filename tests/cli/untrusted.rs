//! Untrusted text (`docs/robustness.md#untrusted-text`, issue 20): files, file names and
//! `okr.toml` are written by anyone with commit access, and their text is
//! data, never markup or control. The family test writes hostile files —
//! every class of control and bidirectional character in every kind of
//! field — and runs every command in every format over them.

use std::fs;

use serde_json::Value;

use crate::support::*;

/// Every class of character that must not reach a terminal raw.
const CLASSES: &[(&str, &str)] = &[
    ("newline", "\n"),
    ("carriage return", "\r"),
    ("CRLF", "\r\n"),
    ("NUL", "\u{0}"),
    ("BEL", "\u{7}"),
    ("backspace", "\u{8}"),
    ("vertical tab", "\u{b}"),
    ("form feed", "\u{c}"),
    ("ESC CSI erase", "\u{1b}[2J"),
    ("OSC title", "\u{1b}]0;pwned\u{7}"),
    ("OSC 8 link", "\u{1b}]8;;http://x\u{1b}\\"),
    ("OSC 52 clipboard", "\u{1b}]52;c;cm0gLXJm\u{7}"),
    ("ESC colour", "\u{1b}[31m"),
    ("DEL", "\u{7f}"),
    ("C1 CSI", "\u{9b}2J"),
    ("C1 NEL", "\u{85}"),
    ("right-to-left override", "\u{202e}"),
    ("left-to-right embedding", "\u{202a}"),
    ("right-to-left isolate", "\u{2067}"),
    ("pop directional isolate", "\u{2069}"),
    ("right-to-left mark", "\u{200f}"),
    ("Arabic letter mark", "\u{61c}"),
    ("line separator", "\u{2028}"),
];

/// What a file's text carries: the character, a line that would forge a
/// diagnostic or a GitHub workflow command after it, and markup.
fn payload(c: &str) -> String {
    format!("T{c}FORGED{c}::x<b>b</b>[l](http://x)=1")
}

/// `text` as a YAML double-quoted scalar, every character outside printable
/// ASCII as an escape (YAML forbids some of them raw).
fn yaml(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c => out.push_str(&format!("\\u{:04x}", u32::from(c))),
        }
    }
    out.push('"');
    out
}

/// An OKR directory where every kind of field holds `payload(c)`: titles,
/// notes, reflections, units, a check-in note and a dropped reason in a
/// valid file; an unknown key, a wrong value and a bad id in an invalid
/// one; and a file name.
fn hostile_dir(c: &str) -> Okrs {
    let p = yaml(&payload(c));
    let valid = format!(
        "quarter: 2026-Q4\nteam: web\nobjectives:\n  - id: obj\n    title: {p}\n    notes: {p}\n    reflection: {p}\n    key_results:\n      - id: kr\n        title: {p}\n        owner: alice\n        baseline: 0\n        target: 10\n        unit: {p}\n        checkins:\n          - {{ date: 2026-10-05, value: 3, confidence: 0.5, note: {p} }}\n        grade: 0.3\n        reflection: {p}\n      - id: gone\n        title: {p}\n        baseline: 0\n        target: 5\n        current: 1\n        dropped: {p}\n"
    );
    let invalid = format!(
        "quarter: 2026-Q4\nteam: bad\nobjectives:\n  - id: {p}\n    title: ok\n    key_results:\n      - id: kr\n        baseline: 0\n        target: {p}\n        {p}: 1\n"
    );
    let okrs = Okrs::new()
        .raw("2026-Q4/web.yaml", valid.as_bytes())
        .raw("2026-Q4/bad.yaml", invalid.as_bytes());
    // A file name holds any byte but NUL and `/`.
    if !c.contains('\u{0}') {
        let name = format!("2026-Q4/{}.yaml", payload(c).replace('/', "_"));
        let text = "quarter: 2026-Q4\nteam: named\nobjectives: []\n";
        okrs.raw(&name, text.as_bytes())
    } else {
        okrs
    }
}

/// Every command and format that shows file text.
const RUNS: &[&[&str]] = &[
    &["check"],
    &["check", "--format", "json"],
    &["check", "--format", "github"],
    &["check", "--format", "gitlab"],
    &["check", "--format", "sarif"],
    &["status", "--as-of", "2026-11-01"],
    &["status", "web", "--as-of", "2026-11-01"],
    &["status", "--as-of", "2026-11-01", "--format", "json"],
    &["status", "--as-of", "2026-11-01", "--format", "markdown"],
    &["status", "--as-of", "2026-11-01", "--format", "csv"],
    &["grade", "--as-of", "2027-01-05", "--quarter", "2026-Q4"],
    &[
        "grade",
        "web",
        "--as-of",
        "2027-01-05",
        "--quarter",
        "2026-Q4",
    ],
    &[
        "grade",
        "--as-of",
        "2027-01-05",
        "--quarter",
        "2026-Q4",
        "--format",
        "json",
    ],
    &[
        "grade",
        "--as-of",
        "2027-01-05",
        "--quarter",
        "2026-Q4",
        "--format",
        "markdown",
    ],
    &[
        "grade",
        "--as-of",
        "2027-01-05",
        "--quarter",
        "2026-Q4",
        "--format",
        "csv",
    ],
    &["report", "--as-of", "2026-11-01"],
    &["report", "--as-of", "2026-11-01", "--format", "html"],
    &["report", "--as-of", "2026-11-01", "--format", "json"],
    &["report", "--as-of", "2026-11-01", "--format", "csv"],
    &["tree", "--as-of", "2026-11-01"],
    &["tree", "--as-of", "2026-11-01", "--format", "json"],
];

/// A character that must never be written raw (a terminal acts on it).
fn unsafe_char(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The promises every output keeps, whatever the format.
fn assert_safe(class: &str, args: &[&str], stream: &str, text: &str) {
    let at = || format!("{class}: okr {} ({stream})", args.join(" "));
    if let Some(c) = text.chars().find(|&c| unsafe_char(c)) {
        panic!("{}: a raw {:?}:\n{text}", at(), c);
    }
    let github = args.contains(&"github") && stream == "stdout";
    for line in text.lines() {
        // Nothing from a file starts a line: not a forged diagnostic, and
        // not a GitHub workflow command (the runner reads one after spaces).
        assert!(
            !line.starts_with("FORGED"),
            "{}: a forged line: {line}",
            at()
        );
        let trimmed = line.trim_start();
        if trimmed.starts_with("::") {
            assert!(
                github
                    && (line.starts_with("::error file=") || line.starts_with("::warning file=")),
                "{}: a workflow command: {line}",
                at()
            );
        }
    }
    let markup = stream == "stdout"
        && (args.contains(&"markdown")
            || args.contains(&"html")
            || (args.first() == Some(&"report") && args.len() == 3));
    if markup {
        // `\]` is an escaped bracket: no link.
        let unescaped = text.replace("\\]", "");
        let html = args.contains(&"html");
        for raw in ["<b>b</b>", "](http"] {
            if html && raw.starts_with(']') {
                continue; // brackets are text in HTML
            }
            assert!(
                !unescaped.contains(raw),
                "{}: live markup {raw}:\n{text}",
                at()
            );
        }
    }
}

/// The fields of one CSV record (RFC 4180, as okr writes it).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

#[test]
fn every_control_character_class_in_every_field_and_format_stays_inert() {
    for (class, c) in CLASSES {
        let okrs = hostile_dir(c);
        for args in RUNS {
            for columns in ["200", "60"] {
                let output = okrs
                    .okr(args)
                    .env("COLUMNS", columns)
                    .output()
                    .expect("okr runs");
                let stdout = String::from_utf8(output.stdout).expect("UTF-8 stdout");
                let stderr = String::from_utf8(output.stderr).expect("UTF-8 stderr");
                assert_safe(class, args, "stdout", &stdout);
                assert_safe(class, args, "stderr", &stderr);
                assert!(!stderr.contains("panicked"), "{class}: {stderr}");
                if args.contains(&"json") || args.contains(&"gitlab") || args.contains(&"sarif") {
                    let _: Value = serde_json::from_str(&stdout)
                        .unwrap_or_else(|e| panic!("{class}: okr {args:?}: {e}\n{stdout}"));
                }
                if args.contains(&"csv") {
                    let width = csv_fields(stdout.lines().next().unwrap_or_default()).len();
                    for line in stdout.lines() {
                        let fields = csv_fields(line);
                        // One record a line: a line break from a file never splits one.
                        assert_eq!(fields.len(), width, "{class}: {line}");
                        for field in fields {
                            assert!(
                                !(field.starts_with(['=', '+', '@', '\t', '\r'])
                                    || field.starts_with('-') && field.parse::<f64>().is_err()),
                                "{class}: a formula cell {field:?}"
                            );
                        }
                    }
                }
            }
        }
        // One problem, one line: as many text lines as JSON diagnostics.
        let json: Value = serde_json::from_slice(
            &okrs
                .okr(&["check", "--format", "json"])
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap();
        let problems = json["diagnostics"].as_array().unwrap().len();
        assert!(problems >= 3, "{class}: {json}");
        let text = okrs.okr(&["check"]).output().unwrap().stdout;
        assert_eq!(
            String::from_utf8(text).unwrap().lines().count(),
            problems + 1,
            "{class}"
        );
        let github = okrs
            .okr(&["check", "--format", "github"])
            .output()
            .unwrap()
            .stdout;
        assert_eq!(
            String::from_utf8(github).unwrap().lines().count(),
            problems,
            "{class}"
        );
    }
}

#[test]
fn json_keeps_the_text_exactly_as_the_file_has_it() {
    let c = "\u{1b}]0;t\u{7}\n\u{202e}\u{9b}";
    let okrs = hostile_dir(c);
    let output = okrs
        .okr(&["status", "web", "--as-of", "2026-11-01", "--format", "json"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        !stdout.contains(['\u{202e}', '\u{9b}', '\u{1b}']),
        "{stdout}"
    );
    let json: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        objective(owner(&json, "web"), "obj")["title"],
        Value::from(payload(c))
    );
}

#[test]
fn terminal_text_shows_escapes_as_git_quotes_paths() {
    let okrs = hostile_dir("\u{1b}[2J\n");
    let output = okrs.okr(&["check"]).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains(
            "unknown key `T\\u{1b}[2J\\nFORGED\\u{1b}[2J\\n\\u{3a}:x<b>b</b>[l](http://x)=1`"
        ),
        "{stdout}"
    );
    let output = okrs
        .okr(&["status", "web", "--as-of", "2026-11-01"])
        .env("COLUMNS", "200")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("T\\u{1b}[2J\\nFORGED"), "{stdout}");
}

#[test]
fn markdown_escapes_html_links_images_and_emphasis() {
    let okrs = Okrs::new().file(
        "2026-Q4/web.yaml",
        r#"
        quarter: 2026-Q4
        team: web
        objectives:
          - id: obj
            title: "<img src=x onerror=alert(1)> ![i](http://y) [l](http://x) *em* _u_ `c` | # h"
            key_results:
              - id: kr
                title: "<script>x</script> [l](http://x)"
                baseline: 0
                target: 10
                current: 3
                grade: 0.3
        "#,
    );
    for args in [
        &["status", "--as-of", "2026-11-01", "--format", "markdown"][..],
        &[
            "grade",
            "--as-of",
            "2027-01-05",
            "--quarter",
            "2026-Q4",
            "--format",
            "markdown",
        ],
        &["report", "--as-of", "2026-11-01"],
    ] {
        let output = okrs.okr(args).output().unwrap();
        let md = String::from_utf8(output.stdout).unwrap();
        let unescaped = md.replace("\\]", "");
        for raw in ["<img", "<script", "](http", "*em*", "_u_", "`c`", " | #"] {
            assert!(!unescaped.contains(raw), "okr {args:?}: raw {raw}:\n{md}");
        }
        assert!(md.contains("&lt;img src=x onerror=alert(1)&gt;"), "{md}");
        assert!(md.contains("\\[l\\](http://x)"), "{md}");
    }
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_get_a_quote() {
    let okrs = Okrs::new().file(
        "2026-Q4/web.yaml",
        r#"
        quarter: 2026-Q4
        team: web
        objectives:
          - id: obj
            title: "=HYPERLINK(\"http://evil\",\"x\")"
            key_results:
              - id: kr
                title: "@SUM(A1)"
                unit: "+cmd|' /C calc'!A0"
                baseline: -5
                target: 10
                current: -2
                grade: 0.3
                reflection: "-2+3"
        "#,
    );
    for args in [
        &["status", "--as-of", "2026-11-01", "--format", "csv"][..],
        &[
            "grade",
            "--as-of",
            "2027-01-05",
            "--quarter",
            "2026-Q4",
            "--format",
            "csv",
        ],
        &["report", "--as-of", "2026-11-01", "--format", "csv"],
    ] {
        let output = okrs.okr(args).output().unwrap();
        let csv = String::from_utf8(output.stdout).unwrap();
        let cells: Vec<String> = csv.lines().flat_map(csv_fields).collect();
        for formula in ["=HYPERLINK", "@SUM", "+cmd", "-2+3"] {
            assert!(
                !cells.iter().any(|c| c.starts_with(formula)),
                "okr {args:?}: {formula} unquoted:\n{csv}"
            );
        }
        assert!(cells.iter().any(|c| c.starts_with("'@SUM(A1)")), "{csv}");
        // Numbers stay numbers.
        assert!(
            cells.iter().any(|c| c == "-5") || args[0] == "grade",
            "{csv}"
        );
    }
}

#[cfg(unix)]
#[test]
fn links_out_of_the_okr_directory_are_not_followed() {
    use std::os::unix::fs::symlink;
    let okrs = Okrs::new().raw("2026-Q4/web.yaml", valid_team("web", "2026-Q4").as_bytes());
    let secret = okrs.root().join("credentials");
    fs::write(&secret, "https://runner:ghp_SECRET123@github.com\n").unwrap();
    symlink(&secret, okrs.okrs().join("2026-Q4/creds.yaml")).unwrap();
    symlink("/", okrs.okrs().join("root")).unwrap();
    // A link inside the directory is followed as before.
    fs::create_dir(okrs.okrs().join(".shared")).unwrap();
    fs::write(
        okrs.okrs().join(".shared/api.yaml"),
        valid_team("api", "2026-Q4"),
    )
    .unwrap();
    symlink("../.shared/api.yaml", okrs.okrs().join("2026-Q4/api.yml")).unwrap();
    for args in [&["check"][..], &["check", "okrs/2026-Q4/creds.yaml"]] {
        let output = okrs
            .okr(args)
            .timeout(std::time::Duration::from_secs(30))
            .output()
            .unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            !all.contains("SECRET123"),
            "okr {args:?} quoted the secret:\n{all}"
        );
        assert!(
            all.contains("okrs/2026-Q4/creds.yaml:1:1: warning: this is a symbolic link to a place outside the OKR directory; it is not followed"),
            "okr {args:?}:\n{all}"
        );
    }
    let output = okrs.okr(&["check"]).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("okrs/root:1:1: warning: this is a symbolic link"),
        "{stdout}"
    );
    // api.yml, a link within the directory, is read.
    assert!(
        stdout.ends_with("checked 2 files: 0 errors, 2 warnings\n"),
        "{stdout}"
    );
    let output = okrs
        .okr(&["status", "--as-of", "2026-11-01", "--format", "json"])
        .output()
        .unwrap();
    let status: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(status["owners"].as_array().unwrap().len(), 2, "{status}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("SECRET123"), "{stderr}");
}

/// An OKR directory whose `okr.toml` is `bytes`.
fn with_config(bytes: &[u8]) -> Okrs {
    Okrs::new()
        .raw("2026-Q4/web.yaml", valid_team("web", "2026-Q4").as_bytes())
        .raw("okr.toml", bytes)
}

#[test]
fn a_wrong_type_in_okr_toml_says_what_the_key_wants() {
    let okrs = with_config(b"[checkins]\nstale_after_days = \"two weeks\"\n");
    okrs.okr(&["status"]).assert().code(2).stdout("").stderr(
        "okr: error: okrs/okr.toml:2:20: `stale_after_days` wants a whole number (e.g. 14), not text\n",
    );
}

#[test]
fn a_bad_okr_toml_is_a_problem_in_every_ci_format() {
    let okrs = with_config(b"[checkins]\nstale_after_days = 0\n");
    let run = |format: &str| {
        let output = okrs.okr(&["check", "--format", format]).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{format}");
        String::from_utf8(output.stdout).unwrap()
    };
    assert_eq!(
        run("github"),
        "::error file=okrs/okr.toml,line=2,col=20,endLine=2,endColumn=20,title=okr bad_config::`stale_after_days = 0` must be a number of days from 1 to 366, e.g. 14\n"
    );
    let gitlab: Value = serde_json::from_str(&run("gitlab")).unwrap();
    assert_eq!(gitlab[0]["check_name"], "bad_config");
    assert_eq!(gitlab[0]["location"]["path"], "okrs/okr.toml");
    assert_eq!(gitlab[0]["location"]["lines"]["begin"], 2);
    let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "bad_config", "{sarif}");
    let json: Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["diagnostics"][0]["rule"], "bad_config");
}

#[test]
fn a_huge_bad_value_in_okr_toml_is_quoted_short_on_one_line() {
    let value = format!("{}\\n::error::forged", "A".repeat(600_000));
    let okrs = with_config(format!("[quarters]\nfiscal_year_label = \"{value}\"\n").as_bytes());
    let output = okrs.okr(&["status"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.len() < 600, "{} bytes", stderr.len());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    // Over 1 MiB, it is not read at all.
    let okrs = with_config(format!("# {}\n", "x".repeat(2 << 20)).as_bytes());
    okrs.okr(&["status"]).assert().code(2).stderr(
        "okr: error: cannot read okrs/okr.toml: it is over 1024 KiB; a configuration is far smaller, so it was not read\n",
    );
}

#[cfg(unix)]
#[test]
fn okr_toml_as_a_pipe_or_a_device_is_not_read() {
    use std::os::unix::fs::symlink;
    let okrs = Okrs::new().raw("2026-Q4/web.yaml", valid_team("web", "2026-Q4").as_bytes());
    symlink("/dev/zero", okrs.okrs().join("okr.toml")).unwrap();
    okrs.okr(&["status"])
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .code(2)
        .stderr("okr: error: cannot read okrs/okr.toml: it is a symbolic link to a place outside the OKR directory, so it was not read\n");
    fs::remove_file(okrs.okrs().join("okr.toml")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(okrs.okrs().join("okr.toml"))
        .status();
    if made.is_ok_and(|s| s.success()) {
        okrs.okr(&["status"])
            .timeout(std::time::Duration::from_secs(30))
            .assert()
            .code(2)
            .stderr("okr: error: cannot read okrs/okr.toml: it is not a regular file (a pipe, socket or device?), so it was not read\n");
    }
}
