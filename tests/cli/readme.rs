//! The README under test, in the manner of `just`'s readme test: every fenced
//! block whose info string is `console` is a transcript run against the shipped
//! `okrs/` folder, and must match the real binary's output exactly.
//!
//! Conventions inside a ```console block:
//!
//! - a line starting with `$ okr ` is a command; its arguments are split on
//!   whitespace (no shell quoting, pipes or redirections);
//! - the lines after it, up to the next `$ ` line or the end of the block, are
//!   its expected stdout, byte for byte (stderr is not compared);
//! - an optional last line `[exit N]` states the expected exit status; without
//!   it the command must exit with 0.
//!
//! Commands run from the repository root with `NO_COLOR=1`, `COLUMNS=80` and no
//! `OKR_DIR`. Each must pin its date with `--as-of` (or grade a finished quarter
//! with `--quarter`) so the README never depends on today's date.

use std::path::Path;

use crate::support::okr;

/// One `$ okr …` command of a console block, with what it must print.
struct Example {
    /// The README line of the `$` line, for messages.
    line: usize,
    args: Vec<String>,
    stdout: String,
    exit: i32,
}

/// Every command of every ```console block of `readme`.
fn examples(readme: &str) -> Vec<Example> {
    let mut examples = Vec::new();
    let mut in_console = false;
    let mut in_other = false;
    let mut current: Option<Example> = None;
    for (index, line) in readme.lines().enumerate() {
        let number = index + 1;
        if in_other {
            if line.trim_start().starts_with("```") {
                in_other = false;
            }
            continue;
        }
        if !in_console {
            if let Some(info) = line.trim_start().strip_prefix("```") {
                if info.trim() == "console" {
                    in_console = true;
                } else {
                    in_other = true;
                }
            }
            continue;
        }
        if line.trim_start().starts_with("```") {
            in_console = false;
            examples.extend(current.take());
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            examples.extend(current.take());
            let args: Vec<String> = command.split_whitespace().map(String::from).collect();
            assert_eq!(
                args.first().map(String::as_str),
                Some("okr"),
                "README.md:{number}: a console example must run `okr`: {line}"
            );
            assert!(
                !command.contains(['\'', '"', '|', '>', '<', '#']),
                "README.md:{number}: console examples take plain words, no shell syntax: {line}"
            );
            current = Some(Example {
                line: number,
                args: args[1..].to_vec(),
                stdout: String::new(),
                exit: 0,
            });
            continue;
        }
        let example = current
            .as_mut()
            .unwrap_or_else(|| panic!("README.md:{number}: output before any `$ okr` line"));
        if let Some(code) = line
            .strip_prefix("[exit ")
            .and_then(|rest| rest.strip_suffix(']'))
        {
            example.exit = code
                .parse()
                .unwrap_or_else(|_| panic!("README.md:{number}: bad exit line: {line}"));
        } else {
            assert_eq!(
                example.exit, 0,
                "README.md:{number}: `[exit N]` must be the last line of an example"
            );
            example.stdout.push_str(line);
            example.stdout.push('\n');
        }
    }
    assert!(!in_console, "README.md: a ```console block is not closed");
    examples
}

/// Whether the command pins its date: `--as-of`, or `--quarter` of a quarter
/// that is over (the shipped files run up to 2026-Q4). `okr check` reads no
/// clock (its rules never depend on today), so it needs neither.
fn pins_its_date(args: &[String]) -> bool {
    let has = |flag: &str| {
        args.iter()
            .any(|arg| arg == flag || arg.starts_with(&format!("{flag}=")))
    };
    has("--as-of")
        || args
            .windows(2)
            .any(|pair| pair[0] == "--quarter" && pair[1].as_str() < "2026-Q4")
        || args.first().map(String::as_str) == Some("check")
}

#[test]
fn readme_console_examples_match_the_binary() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let examples = examples(&readme);

    let commands: Vec<String> = examples.iter().map(|e| e.args.join(" ")).collect();
    for required in [
        "check",
        "status devrel --as-of 2026-11-21",
        "grade --quarter 2026-Q3 --as-of 2026-11-21",
    ] {
        assert!(
            commands.iter().any(|c| c == required),
            "README.md has no ```console example `$ okr {required}`; found: {commands:?}"
        );
    }

    let mut failures = Vec::new();
    for example in &examples {
        let shown = format!(
            "README.md:{}: $ okr {}",
            example.line,
            example.args.join(" ")
        );
        assert!(
            pins_its_date(&example.args),
            "{shown}: pass --as-of (or --quarter of a finished quarter) so the example does not depend on today"
        );
        let output = okr()
            .current_dir(root)
            .env("COLUMNS", "80")
            .args(&example.args)
            .output()
            .expect("run okr");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let code = output.status.code();
        if stdout != example.stdout || code != Some(example.exit) {
            failures.push(format!(
                "{shown}\n--- exit: README says {}, okr gave {code:?}\n--- README expects:\n{}--- okr printed:\n{stdout}--- okr stderr:\n{}",
                example.exit,
                example.stdout,
                String::from_utf8_lossy(&output.stderr),
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} README example(s) no longer match the binary; update README.md:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_transcript_parser_reads_commands_output_and_exit_codes() {
    let readme = "\
text
```sh
$ okr ignored
```
```console
$ okr check --as-of 2026-11-21
line one

line three
[exit 1]
$ okr status --as-of 2026-11-21
```
";
    let found = examples(readme);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].args, ["check", "--as-of", "2026-11-21"]);
    assert_eq!(found[0].stdout, "line one\n\nline three\n");
    assert_eq!(found[0].exit, 1);
    assert_eq!(found[0].line, 6);
    assert_eq!(found[1].stdout, "");
    assert_eq!(found[1].exit, 0);
}
