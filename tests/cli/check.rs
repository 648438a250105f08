//! `okr check`: exit codes, positions and messages for every error kind.

use predicates::prelude::*;

use crate::support::*;

#[test]
fn shipped_examples_are_clean_even_under_strict() {
    okr()
        .args(["--dir"])
        .arg(shipped_okrs())
        .args(["check", "--strict"])
        .assert()
        .success()
        .stdout(predicate::str::ends_with("no problems\n"));
}
