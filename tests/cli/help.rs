//! `--help`, shell completions and the man page.

use clap::CommandFactory;
use predicates::prelude::*;

use crate::support::*;

#[test]
fn every_subcommand_has_a_description_and_an_example() {
    let cli = okr::cli::Cli::command();
    let names: Vec<String> = cli
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|n| n != "help")
        .collect();
    assert!(names.len() >= 8, "{names:?}");
    for name in &names {
        let output = okr().args([name.as_str(), "--help"]).output().unwrap();
        assert!(output.status.success(), "{name}");
        let help = String::from_utf8(output.stdout).unwrap();
        let first = help.lines().next().unwrap_or_default();
        assert!(!first.trim().is_empty(), "{name}: no description");
        assert!(help.contains("Example"), "{name}: no example\n{help}");
    }
}

#[test]
fn top_level_help_lists_commands_in_the_order_a_user_meets_them() {
    let output = okr().arg("--help").output().unwrap();
    let help = String::from_utf8(output.stdout).unwrap();
    let position = |name: &str| {
        help.find(&format!("\n  {name} "))
            .unwrap_or_else(|| panic!("{name} missing from\n{help}"))
    };
    let order = [
        "init",
        "new",
        "check",
        "status",
        "grade",
        "schema",
        "completions",
        "man",
    ];
    let positions: Vec<usize> = order.iter().map(|n| position(n)).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{help}");
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        okr()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("okr"))
            .stdout(predicate::str::contains("completions"));
    }
    okr().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn man_page_is_roff_for_okr() {
    okr()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(".ie"))
        .stdout(predicate::str::contains(".TH okr 1"))
        .stdout(predicate::str::contains(".SH COMMANDS"))
        .stdout(predicate::str::contains(".SS new"))
        .stdout(predicate::str::contains(
            "\\fBokr new\\fR \\fIKIND\\fR \\fINAME\\fR [\\fB\\-\\-quarter\\fR \\fIQUARTER\\fR]",
        ));
}
