//! The man page: one page for `okr`, with a section for each command. The
//! top-level sections come from clap_mangen; the commands are described here,
//! because clap_mangen would point at one page per command (`okr-init(1)`)
//! that nobody installs.

use std::io::{self, Write};

use clap::{Arg, ArgAction, Command};
use clap_mangen::Man;
use roff::{bold, italic, roman, Inline, Roff};

/// Writes the man page of `cmd` (the whole `okr` command line) as roff.
pub fn page(cmd: Command, out: &mut dyn Write) -> io::Result<()> {
    let mut cmd = cmd;
    cmd.build();
    let man = Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;

    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        command_section(&mut roff, sub);
    }
    if let Some(examples) = cmd.get_after_help() {
        roff.control("SH", ["EXAMPLES"]);
        preformatted(&mut roff, &examples.to_string());
    }
    for (title, entries) in SECTIONS {
        roff.control("SH", [*title]);
        for (term, text) in *entries {
            roff.control("TP", []);
            roff.text([bold(*term)]);
            roff.text([roman(*text)]);
        }
    }
    roff.to_writer(out)?;
    man.render_version_section(out)
}

/// The sections a man page reader looks for, beyond the options.
const SECTIONS: &[(&str, &[(&str, &str)])] = &[
    (
        "EXIT STATUS",
        &[
            ("0", "Success: every file read is valid (and, with --strict, free of warnings)."),
            ("1", "Some OKR file is invalid, or has warnings under --strict; the other files are still read and shown."),
            ("2", "A usage or environment error: a bad flag or value, no OKR directory, an unreadable path, a bad okr.toml."),
        ],
    ),
    (
        "ENVIRONMENT",
        &[
            ("OKR_DIR", "The OKR directory, when --dir is not given."),
            ("NO_COLOR", "When set and not empty, no colour unless --color always."),
            ("COLUMNS", "The width tables are laid out in when stdout is not a terminal."),
            ("GITHUB_STEP_SUMMARY", "With okr check --format github: where the full list of problems is written when there are more than GitHub shows."),
        ],
    ),
    (
        "FILES",
        &[
            ("okrs/", "The OKR directory: found as the nearest folder named okrs in the current directory or above it."),
            ("okrs/**/*.yaml, *.yml", "OKR files, one owner's OKRs for one quarter each, in any letter case of the extension; names starting with a dot are skipped."),
            ("okrs/okr.toml", "The directory's configuration: fiscal year, stale threshold, rule levels."),
            ("okrs/okr.schema.json", "The JSON Schema editors use to check files as you type (okr schema writes it)."),
        ],
    ),
];

fn command_section(roff: &mut Roff, sub: &Command) {
    let mut usage = vec![bold(format!("okr {}", sub.get_name()))];
    for arg in visible_args(sub) {
        usage.push(roman(" "));
        usage.extend(self::usage(arg));
    }
    roff.control("SS", [sub.get_name()]);
    roff.text(usage);
    if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
        roff.control("PP", []);
        roff.text([roman(about.to_string())]);
    }
    for arg in visible_args(sub) {
        roff.control("TP", []);
        roff.text(synopsis(arg));
        let mut help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !values.is_empty() {
            help.push_str(&format!(" [possible values: {}]", values.join(", ")));
        }
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if !defaults.is_empty() && takes_value(arg) {
            help.push_str(&format!(" [default: {}]", defaults.join(", ")));
        }
        roff.text([roman(help)]);
    }
    if let Some(examples) = sub.get_after_help() {
        roff.control("PP", []);
        preformatted(roff, &examples.to_string());
    }
}

/// The arguments a user gives this command: not `--help`, not the global options.
fn visible_args(sub: &Command) -> impl Iterator<Item = &Arg> {
    sub.get_arguments().filter(|a| {
        !a.is_hide_set() && !a.is_global_set() && !matches!(a.get_id().as_str(), "help" | "version")
    })
}

/// How the argument is written: `--quarter QUARTER`, `--strict`, `PATH...`.
fn synopsis(arg: &Arg) -> Vec<Inline> {
    let value = arg
        .get_value_names()
        .and_then(|names| names.first())
        .map_or_else(|| arg.get_id().as_str().to_uppercase(), |n| n.to_string());
    let many = matches!(arg.get_action(), ArgAction::Append);
    let value = if many { format!("{value}...") } else { value };
    match arg.get_long() {
        Some(long) if takes_value(arg) => {
            vec![bold(format!("--{long}")), roman(" "), italic(value)]
        }
        Some(long) => vec![bold(format!("--{long}"))],
        None => vec![italic(value)],
    }
}

/// The argument in the command's usage line: optional ones in brackets.
fn usage(arg: &Arg) -> Vec<Inline> {
    let mut inlines = synopsis(arg);
    if !arg.is_required_set() {
        inlines.insert(0, roman("["));
        inlines.push(roman("]"));
    }
    inlines
}

fn takes_value(arg: &Arg) -> bool {
    arg.get_num_args().is_some_and(|n| n.takes_values())
}

/// Text kept as written, line by line (examples).
fn preformatted(roff: &mut Roff, text: &str) {
    roff.control("nf", []);
    for line in text.lines() {
        roff.text([roman(line)]);
    }
    roff.control("fi", []);
}
