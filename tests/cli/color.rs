//! Colour (`README.md#commands`): one order of precedence for okr's own output
//! and for clap's help and errors: `--color always|never`, then `NO_COLOR`,
//! then `CLICOLOR_FORCE`, then `CLICOLOR=0` / `TERM=dumb`, then whether the
//! stream is a terminal (never here: the tests run into pipes).

use crate::support::*;

const VARS: [&str; 4] = ["NO_COLOR", "CLICOLOR_FORCE", "CLICOLOR", "TERM"];

/// The environments tried, as `NAME=VALUE` pairs.
const ENVS: [&[(&str, &str)]; 10] = [
    &[],
    &[("NO_COLOR", "1")],
    &[("CLICOLOR_FORCE", "1")],
    &[("CLICOLOR_FORCE", "0")],
    &[("CLICOLOR", "0")],
    &[("TERM", "dumb")],
    &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")],
    &[("CLICOLOR_FORCE", "1"), ("CLICOLOR", "0")],
    &[("CLICOLOR_FORCE", "1"), ("TERM", "dumb")],
    &[("NO_COLOR", ""), ("CLICOLOR_FORCE", "1")],
];

/// What the precedence says for a stream that is not a terminal.
fn expected(flag: Option<&str>, env: &[(&str, &str)]) -> bool {
    let set = |name: &str| env.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
    match flag {
        Some("always") => true,
        Some("never") => false,
        _ if set("NO_COLOR").is_some_and(|v| !v.is_empty()) => false,
        _ => set("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0"),
    }
}

/// Runs `okr [--color FLAG] ARGS` in `env`: (stdout, stderr).
fn run(flag: Option<&str>, env: &[(&str, &str)], args: &[&str]) -> (String, String) {
    let mut cmd = okr();
    for var in VARS {
        cmd.env_remove(var);
    }
    cmd.env("TERM", "xterm-256color");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("--dir")
        .arg(shipped_okrs());
    if let Some(flag) = flag {
        cmd.args(["--color", flag]);
    }
    let output = cmd.args(args).output().unwrap();
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn every_flag_and_environment_colours_okr_and_clap_alike() {
    for flag in [None, Some("always"), Some("never")] {
        for env in ENVS {
            let want = expected(flag, env);
            let says = |what: &str, text: &str| {
                assert_eq!(
                    text.contains('\u{1b}'),
                    want,
                    "{what} with --color {flag:?} and {env:?}:\n{text}"
                );
            };
            let (out, _) = run(flag, env, &["status", "--as-of", "2026-11-21"]);
            says("okr status", &out);
            let (out, _) = run(flag, env, &["--help"]);
            says("okr --help (clap)", &out);
            let (out, _) = run(flag, env, &["status", "--help"]);
            says("okr status --help (clap)", &out);
            let (_, err) = run(flag, env, &["status", "--no-such-flag"]);
            says("a clap error", &err);
        }
    }
}

/// `--color never` reaches clap wherever it stands on the line.
#[test]
fn color_never_after_the_subcommand_reaches_clap_too() {
    let (out, _) = run(
        None,
        &[("CLICOLOR_FORCE", "1")],
        &["status", "--color", "never", "--help"],
    );
    assert!(!out.contains('\u{1b}'), "{out}");
    let (_, err) = run(
        None,
        &[("CLICOLOR_FORCE", "1")],
        &["grade", "--bogus", "--color=never"],
    );
    assert!(!err.contains('\u{1b}'), "{err}");
    assert!(err.contains("--bogus"), "{err}");
}

#[test]
fn the_help_says_what_the_choices_do() {
    let (out, _) = run(Some("never"), &[], &["--help"]);
    assert!(!out.contains("unless NO_COLOR is set"), "{out}");
    assert!(
        out.contains("Always colour, even with NO_COLOR set"),
        "{out}"
    );
}
