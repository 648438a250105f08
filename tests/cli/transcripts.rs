//! The documentation under test, in the manner of `just`'s readme test and
//! trycmd: every line that starts with `$ okr ` in a fenced block of README.md
//! or docs/*.md is a command, run against a fresh copy of the shipped `okrs/`,
//! and what follows it in the block is what it must print, byte for byte. The
//! docs cannot drift from the binary.
//!
//! Conventions inside a fenced block (any info string):
//!
//! - `$ okr ARGS`: a command. Arguments split on whitespace; `"…"` and `'…'`
//!   quote (no escapes); pipes, redirections and substitutions are refused.
//! - The lines after it, up to the next `$ ` line or the end of the block, are
//!   what the terminal shows: stdout and stderr as one stream, in the order
//!   okr writes them (stderr as it goes, stdout when the command ends).
//! - A line that is exactly `…` stands for any number of lines.
//! - A last line `[exit N]` states the exit status; without it, 0.
//! - A `$ ` line that does not run `okr` (`$ $EDITOR …`) is shell for the
//!   reader: it and its output are not run.
//!
//! The commands of one block run one after another in one folder: by default
//! a temporary copy of the shipped `okrs/` (so `okr new` or `okr checkin`
//! change nothing real); an HTML comment `<!-- transcript: NAME -->` on the
//! line before the block's fence names another [`setup`] instead. Each
//! command must pin its date ([`pins_its_date`]), so the docs pass whatever
//! today is; the environment is clean (`NO_COLOR=1`, `COLUMNS=80`, no
//! `OKR_DIR`, no user or system git configuration).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tempfile::TempDir;

/// One `$ okr …` command with what it must print.
#[derive(Debug)]
struct Example {
    /// The line of the `$` line, for messages.
    line: usize,
    args: Vec<String>,
    expected: Vec<String>,
    exit: i32,
}

/// The `$ okr` commands of one fenced block.
#[derive(Debug)]
struct Block {
    line: usize,
    setup: Option<String>,
    examples: Vec<Example>,
}

/// Every block of `text` (the Markdown file `name`) that runs `okr`.
fn blocks(name: &str, text: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut pending_setup: Option<String> = None;
    let mut open: Option<(String, Block)> = None;
    let mut current: Option<Example> = None;
    let mut in_foreign = false;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let trimmed = line.trim_start();
        let Some((fence, block)) = open.as_mut() else {
            if let Some(name) = trimmed
                .strip_prefix("<!-- transcript:")
                .and_then(|rest| rest.strip_suffix("-->"))
            {
                pending_setup = Some(name.trim().to_string());
                continue;
            }
            let fence: String = trimmed
                .chars()
                .take_while(|&c| c == '`' || c == '~')
                .collect();
            if fence.len() >= 3 {
                open = Some((
                    fence,
                    Block {
                        line: number,
                        setup: pending_setup.take(),
                        examples: Vec::new(),
                    },
                ));
            } else if !trimmed.is_empty() {
                pending_setup = None;
            }
            continue;
        };
        if trimmed.starts_with(fence.as_str()) && trimmed.trim_matches(['`', '~']).is_empty() {
            block.examples.extend(current.take());
            let (_, block) = open.take().expect("open block");
            if !block.examples.is_empty() {
                found.push(block);
            } else {
                assert!(
                    block.setup.is_none(),
                    "{name}:{}: a transcript setup names a block without `$ okr` lines",
                    block.line
                );
            }
            in_foreign = false;
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            block.examples.extend(current.take());
            in_foreign = !(command == "okr" || command.starts_with("okr "));
            if in_foreign {
                continue;
            }
            let words =
                split(command).unwrap_or_else(|why| panic!("{name}:{number}: {why}: {line}"));
            current = Some(Example {
                line: number,
                args: words[1..].to_vec(),
                expected: Vec::new(),
                exit: 0,
            });
            continue;
        }
        if in_foreign {
            continue;
        }
        let Some(example) = current.as_mut() else {
            continue;
        };
        if let Some(code) = line
            .strip_prefix("[exit ")
            .and_then(|rest| rest.strip_suffix(']'))
        {
            example.exit = code
                .parse()
                .unwrap_or_else(|_| panic!("{name}:{number}: bad exit line: {line}"));
        } else {
            assert_eq!(
                example.exit, 0,
                "{name}:{number}: `[exit N]` must be the last line of an example"
            );
            example.expected.push(line.to_string());
        }
    }
    assert!(open.is_none(), "{name}: a fenced block is not closed");
    found
}

/// Splits a command line into words: whitespace separates, `"…"` and `'…'`
/// quote; shell syntax that the test cannot honour is refused.
fn split(command: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quote: Option<char> = None;
    for c in command.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => word.get_or_insert_with(String::new).push(c),
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                word.get_or_insert_with(String::new);
            }
            None if c.is_whitespace() => words.extend(word.take()),
            None if "|<>;&`$#".contains(c) => {
                return Err(format!("`{c}`: transcripts take words, not shell syntax"))
            }
            None => word.get_or_insert_with(String::new).push(c),
        }
    }
    if quote.is_some() {
        return Err("an unclosed quote".to_string());
    }
    words.extend(word.take());
    Ok(words)
}

/// Whether `shown` matches `expected`, where a line `…` in `expected` stands
/// for any number of lines.
fn matches(expected: &[String], shown: &[&str]) -> bool {
    match expected.split_first() {
        None => shown.is_empty(),
        Some((first, rest)) if first == "…" => {
            (0..=shown.len()).any(|skip| matches(rest, &shown[skip..]))
        }
        Some((first, rest)) => shown.first() == Some(&first.as_str()) && matches(rest, &shown[1..]),
    }
}

/// Whether a command's output cannot depend on today's date: it passes
/// `--as-of`, or the quarter (`--quarter` of a finished quarter, as the
/// shipped files run up to 2026-Q4; `new` and `init` write the quarter they
/// are given), or reads no clock at all (`check`, `history`, `schema`).
fn pins_its_date(args: &[String]) -> bool {
    let has = |flag: &str| {
        args.iter()
            .any(|arg| arg == flag || arg.starts_with(&format!("{flag}=")))
    };
    let command = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .map(String::as_str);
    let quarter = args
        .windows(2)
        .find(|pair| pair[0] == "--quarter")
        .map(|pair| pair[1].as_str());
    has("--as-of")
        || quarter.is_some_and(|q| q < "2026-Q4")
        || (matches!(command, Some("new" | "init")) && quarter.is_some())
        || matches!(
            command,
            Some("check" | "history" | "schema" | "completions" | "man")
        )
        || has("--help")
        || has("--version")
}

/// The repository root, where README.md and the shipped `okrs/` are.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create dir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Replaces `from` by `to` in `okrs/<path>` under `dir`; `from` must be there.
fn edit(dir: &Path, path: &str, from: &str, to: &str) {
    let file = dir.join("okrs").join(path);
    let text = fs::read_to_string(&file).expect("file to edit");
    assert!(text.contains(from), "setup: {path} has no `{from}`");
    fs::write(&file, text.replacen(from, to, 1)).expect("write edit");
}

fn write(dir: &Path, path: &str, text: &str) {
    let file = dir.join("okrs").join(path);
    fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
    fs::write(file, text).expect("write file");
}

/// `git` in `dir`, with a fixed identity and dates and no configuration from
/// the machine, so the commits (and their short ids) are the same every run.
fn git(dir: &Path, date: &str, args: &[&str]) {
    let stamp = format!("{date}T12:00:00+00:00");
    let status = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Alice")
        .env("GIT_AUTHOR_EMAIL", "alice@example.com")
        .env("GIT_COMMITTER_NAME", "Alice")
        .env("GIT_COMMITTER_EMAIL", "alice@example.com")
        .env("GIT_AUTHOR_DATE", &stamp)
        .env("GIT_COMMITTER_DATE", &stamp)
        .stdout(Stdio::null())
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

fn commit(dir: &Path, date: &str, message: &str) {
    git(dir, date, &["add", "-A"]);
    git(dir, date, &["commit", "-q", "-m", message]);
}

/// The folder a block's commands run in, prepared by the setup it names.
fn setup(name: Option<&str>) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path();
    if !matches!(name, Some("empty" | "fiscal" | "history")) {
        copy_dir(&root().join("okrs"), &path.join("okrs"));
    }
    match name {
        None | Some("empty") => {}
        // README, "okr check": three problems in a copy of the shipped files.
        Some("typos") => {
            edit(
                path,
                "2026-Q4/devrel.yaml",
                "        target: 60",
                "        tagret: 60",
            );
            edit(
                path,
                "2026-Q4/platform.yaml",
                "{ date: 2026-10-05, value: 880, confidence: 0.6 }",
                "{ date: 2026-10-05, value: 880, confidence: 76 }",
            );
            edit(
                path,
                "2026-Q4/people/bob.yaml",
                "title: Engineers I mentor who ship an on-call fix alone rise from 0 to 2",
                "title: Write an on-call handbook for new engineers",
            );
        }
        // README, fiscal years: a July fiscal year named by its start, and a
        // web team whose last check-in was on 1 November.
        Some("fiscal") => {
            write(path, "okr.toml", FISCAL_TOML);
            write(path, "2026-Q2/web.yaml", FISCAL_WEB);
        }
        Some("bad-toml") => write(
            path,
            "okr.toml",
            "[quarters]\nfiscal_year_start = \"juli\"\n",
        ),
        // README, `okr history`: the web team's file, created before the
        // quarter, a check-in, then its target moved in November.
        Some("history") => {
            git(path, "2026-09-25", &["init", "-q", "-b", "main"]);
            write(path, "web.yaml", &history_web("400", ""));
            commit(path, "2026-09-25", "web: Q4 OKRs");
            write(
                path,
                "web.yaml",
                &history_web("400", "          - { date: 2026-10-06, value: 880 }\n"),
            );
            commit(path, "2026-10-06", "web: check-in");
            write(
                path,
                "web.yaml",
                &history_web("600", "          - { date: 2026-10-06, value: 880 }\n"),
            );
            commit(path, "2026-11-03", "web: a realistic target");
        }
        Some(other) => panic!("no transcript setup named `{other}`"),
    }
    dir
}

const FISCAL_TOML: &str = "\
[quarters]
fiscal_year_start = \"july\"
fiscal_year_label = \"start\"

[checkins]
stale_after_days = 10
";

const FISCAL_WEB: &str = "\
quarter: 2026-Q2
team: web
objectives:
  - id: speed
    title: The site feels instant
    key_results:
      - id: p95
        title: p95 page load falls from 900 ms to 400 ms
        baseline: 900
        target: 400
        unit: ms
        checkins:
          - { date: 2026-10-06, value: 880 }
          - { date: 2026-11-01, value: 760 }
";

fn history_web(target: &str, checkins: &str) -> String {
    let checkins = if checkins.is_empty() {
        String::new()
    } else {
        format!("        checkins:\n{checkins}")
    };
    format!(
        "quarter: 2026-Q4\nteam: web\nobjectives:\n  - id: speed\n    title: The site feels instant\n    key_results:\n      - id: p95\n        title: p95 page load falls from 900 ms\n        baseline: 900\n        target: {target}\n        unit: ms\n{checkins}"
    )
}

/// Runs `okr ARGS` in `dir` with stdout and stderr on one stream.
fn run(dir: &Path, args: &[String]) -> (String, Option<i32>) {
    let log = tempfile::tempfile().expect("output file");
    let status = Command::new(env!("CARGO_BIN_EXE_okr"))
        .current_dir(dir)
        .args(args)
        .env_remove("OKR_DIR")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "80")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("clone"))
        .stderr(log.try_clone().expect("clone"))
        .status()
        .expect("okr runs");
    let mut log = log;
    use std::io::{Read, Seek};
    log.rewind().expect("rewind");
    let mut shown = String::new();
    log.read_to_string(&mut shown).expect("UTF-8 output");
    (shown, status.code())
}

/// The Markdown files under test: README.md and docs/*.md.
fn documents() -> Vec<(String, String)> {
    let mut names = vec!["README.md".to_string()];
    let mut docs: Vec<String> = fs::read_dir(root().join("docs"))
        .expect("docs/")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .map(|n| format!("docs/{n}"))
        .collect();
    docs.sort();
    names.extend(docs);
    names
        .into_iter()
        .map(|name| {
            let text = fs::read_to_string(root().join(&name)).expect("read doc");
            (name, text)
        })
        .collect()
}

/// What to write over an example's lines when blessing: the output shown,
/// then `[exit N]` unless 0.
fn blessed(shown: &str, code: Option<i32>) -> Vec<String> {
    let mut lines: Vec<String> = shown.lines().map(str::to_string).collect();
    match code {
        Some(0) => {}
        Some(code) => lines.push(format!("[exit {code}]")),
        None => lines.push("[exit signal]".to_string()),
    }
    lines
}

/// With `TRANSCRIPTS_BLESS=1`, examples that no longer match are rewritten
/// in place with what okr printed (those with a `…` line are left for a
/// person to edit); the test still fails so that the change is looked at.
#[test]
fn every_transcript_in_the_docs_matches_the_binary() {
    let bless = std::env::var_os("TRANSCRIPTS_BLESS").is_some();
    let mut failures = Vec::new();
    let mut ran = 0;
    for (name, text) in documents() {
        let mut rewrites: Vec<(usize, usize, Vec<String>)> = Vec::new();
        for block in blocks(&name, &text) {
            if block.setup.as_deref() == Some("history") && !git_works() {
                continue;
            }
            let dir = setup(block.setup.as_deref());
            for example in &block.examples {
                let shown_as = format!("{name}:{}: $ okr {}", example.line, example.args.join(" "));
                if !pins_its_date(&example.args) {
                    failures.push(format!(
                        "{shown_as}: pass --as-of (or --quarter) so the example does not depend on today"
                    ));
                    continue;
                }
                let (shown, code) = run(dir.path(), &example.args);
                ran += 1;
                let lines: Vec<&str> = shown.lines().collect();
                if !matches(&example.expected, &lines) || code != Some(example.exit) {
                    if bless && !example.expected.iter().any(|l| l == "…") {
                        let old = example.expected.len() + usize::from(example.exit != 0);
                        rewrites.push((example.line, old, blessed(&shown, code)));
                    }
                    failures.push(format!(
                        "{shown_as}\n--- exit: the doc says {}, okr gave {code:?}\n--- the doc shows:\n{}\n--- okr printed:\n{shown}",
                        example.exit,
                        example.expected.join("\n"),
                    ));
                }
            }
        }
        if !rewrites.is_empty() {
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            rewrites.sort_by_key(|r| std::cmp::Reverse(r.0));
            for (line, old, new) in rewrites {
                lines.splice(line..line + old, new);
            }
            fs::write(root().join(&name), lines.join("\n") + "\n").expect("bless");
        }
    }
    assert!(
        failures.is_empty(),
        "{} transcript(s) no longer match the binary; update the docs:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(
        ran >= 15,
        "only {ran} transcripts found in README.md and docs/"
    );
}

/// The README shows the three commands a newcomer runs first.
#[test]
fn the_readme_shows_check_status_and_grade() {
    let text = fs::read_to_string(root().join("README.md")).expect("README.md");
    let commands: Vec<String> = blocks("README.md", &text)
        .iter()
        .flat_map(|b| b.examples.iter().map(|e| e.args.join(" ")))
        .collect();
    for required in [
        "check",
        "status devrel --as-of 2026-11-21",
        "grade --quarter 2026-Q3",
    ] {
        assert!(
            commands.iter().any(|c| c.starts_with(required)),
            "README.md has no example `$ okr {required}`; found: {commands:?}"
        );
    }
}

fn git_works() -> bool {
    let works = Command::new("git")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        works || std::env::var_os("CI").is_none(),
        "git is needed for the history transcripts under CI"
    );
    works
}

#[test]
fn the_transcript_parser_reads_commands_output_setups_and_exit_codes() {
    let doc = "\
text
```sh
cargo run -- status
```
<!-- transcript: typos -->
```console
$ okr check --as-of 2026-11-21
line one

line three
[exit 1]
$ $EDITOR \"$(okr new team x)\"
ignored output
$ okr status \"two words\" --as-of 2026-11-21
…
```
";
    let found = blocks("doc.md", doc);
    assert_eq!(found.len(), 1);
    let block = &found[0];
    assert_eq!(block.setup.as_deref(), Some("typos"));
    assert_eq!(block.examples.len(), 2);
    assert_eq!(block.examples[0].args, ["check", "--as-of", "2026-11-21"]);
    assert_eq!(block.examples[0].expected, ["line one", "", "line three"]);
    assert_eq!(block.examples[0].exit, 1);
    assert_eq!(block.examples[0].line, 7);
    assert_eq!(
        block.examples[1].args,
        ["status", "two words", "--as-of", "2026-11-21"]
    );
    assert_eq!(block.examples[1].exit, 0);
    assert!(split("okr status | head").is_err());
    assert!(split("okr status > x").is_err());
}

#[test]
fn an_ellipsis_line_stands_for_any_lines() {
    let expected: Vec<String> = ["a", "…", "d"].iter().map(|s| s.to_string()).collect();
    assert!(matches(&expected, &["a", "d"]));
    assert!(matches(&expected, &["a", "b", "c", "d"]));
    assert!(!matches(&expected, &["a", "b"]));
    assert!(!matches(&expected, &["x", "d"]));
}
