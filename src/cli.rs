//! The command line, as clap derive types only: no I/O and no logic here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::compute::since::parse_since;

/// A date argument, checked when the command line is read: a bad one is a
/// usage error before any file is read. Kept as written.
fn a_date(text: &str) -> Result<String, String> {
    crate::model::parse_date(text)
        .map(|_| text.to_string())
        .map_err(|e| e.to_string())
}
pub use crate::compute::since::SinceArg;

/// OKRs as plain-text YAML in git: check them, see where they stand, grade them.
#[derive(Debug, Parser)]
#[command(name = "okr", version, about, long_about = None)]
#[command(
    after_help = "Examples:\n  okr init                 start an OKR folder\n  okr check                validate every file (use in CI)\n  okr status alice         before a 1:1 with alice\n  okr grade --quarter 2026-Q3\n\nThe OKR directory is --dir, else $OKR_DIR, else the nearest `okrs` folder upward."
)]
pub struct Cli {
    /// The OKR directory [default: the nearest `okrs` folder here or above]
    #[arg(long, global = true, env = "OKR_DIR", value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// When to colour the output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, not with NO_COLOR set, CLICOLOR=0 or TERM=dumb; CLICOLOR_FORCE colours a pipe too
    Auto,
    /// Always colour, even with NO_COLOR set
    Always,
    /// Never colour
    Never,
}

/// The subcommands, in the order a user meets them.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an OKR directory with a schema, an example and a README
    #[command(
        after_help = "Example:\n  okr init            creates ./okrs\n  okr init team-okrs\n\nNothing is ever overwritten: run again, it lists what exists and adds only what is missing."
    )]
    Init(InitArgs),
    /// Write a new OKR file from a commented template
    #[command(
        after_help = "Example:\n  okr new team devrel                      writes okrs/<this quarter>/devrel.yaml\n  okr new person alice --quarter 2027-Q1   writes okrs/2027-Q1/people/alice.yaml\n  $EDITOR \"$(okr new team devrel)\"         it prints the path it wrote\n\nAn existing file is never overwritten."
    )]
    New(NewArgs),
    /// Record a check-in: a key result's measured value on a day
    #[command(
        after_help = "Example:\n  okr checkin devrel/api-pain/tickets 88 --confidence 0.7 --note \"v2 errors live\"\n  okr checkin devrel/api-pain/tickets 86 --date 2026-11-20 --replace\n  okr checkin devrel/api-pain/tickets 85 --dry-run      show the change, write nothing\n\nOnly the new check-in's lines are added; comments and layout stay as they were.\nThe quarter is the one containing --date; in the 14 days after a quarter ends,\nits file takes the final measurement when the new quarter's file has no such key result."
    )]
    Checkin(CheckinArgs),
    /// Validate OKR files and report errors and warnings
    #[command(
        after_help = "Example:\n  okr check                     every file in the OKR directory\n  okr check okrs/2026-Q4 --strict --format json"
    )]
    Check(CheckArgs),
    /// Where key results stand: progress, health, confidence, talking points
    #[command(
        after_help = "Example:\n  okr status                    every owner of the current quarter\n  okr status alice --as-of 2026-11-21\n  okr status alice --since 2w   what changed in the last two weeks"
    )]
    Status(StatusArgs),
    /// Who owes a check-in: overdue key results and those due within 7 days, per person or team
    #[command(
        after_help = "Example:\n  okr due                          in the terminal\n  okr due --format markdown        to post in a team channel (e.g. weekly from CI)\n  okr due --format json            for a bot\n\nEach key result is asked of its `owner`, else of its file's owner.\nPerson files are left out unless --include-personal."
    )]
    Due(DueArgs),
    /// Grade a quarter: given and suggested grades, bands, flags, history
    #[command(
        after_help = "Example:\n  okr grade --quarter 2026-Q3\n  okr grade devrel --history"
    )]
    Grade(GradeArgs),
    /// The quarter's share-out: per owner, objectives, key results, what changed course
    #[command(
        after_help = "Example:\n  okr report --as-of 2026-11-21                 Markdown for a wiki or pull request\n  okr report --format html > q4.html           one self-contained page to forward\n  okr report --quarter 2026-Q3 --format csv\n\nPerson files are left out unless --include-personal: personal OKRs are for growth, not ranking."
    )]
    Report(ReportArgs),
    /// The alignment cascade: company objectives, the team objectives under them
    #[command(
        after_help = "Example:\n  okr tree --as-of 2026-11-21\n  okr tree --include-personal --format json"
    )]
    Tree(TreeArgs),
    /// One key result's timeline from git: definition changes and check-ins, with dates and commits
    #[command(
        after_help = "Example:\n  okr history devrel/api-pain/tickets\n  okr history devrel/api-pain/tickets --quarter 2026-Q3 --format json\n\nOutside a git work tree there is nothing to tell; a shallow clone says how to fetch the history."
    )]
    History(HistoryArgs),
    /// Print the JSON Schema of an OKR file (for editors)
    #[command(after_help = "Example:\n  okr schema > okrs/okr.schema.json")]
    Schema,
    /// Print a shell completion script
    #[command(
        after_help = "Example:\n  okr completions bash > ~/.local/share/bash-completion/completions/okr\n  okr completions zsh > ~/.zfunc/_okr     (with fpath+=~/.zfunc before compinit)\n  okr completions fish > ~/.config/fish/completions/okr.fish"
    )]
    Completions(CompletionsArgs),
    /// Serve the Language Server Protocol over stdio, for editors
    #[command(
        after_help = "Example:\n  okr lsp     started by the editor (Neovim, VS Code, Helix, Zed): see README.md\n\nDiagnostics as `okr check` gives them, on the unsaved text, with completion,\nhover and quick fixes."
    )]
    Lsp,
    /// Print the man page (roff)
    #[command(after_help = "Example:\n  okr man > ~/.local/share/man/man1/okr.1")]
    Man,
    /// The key-result paths starting with PREFIX, one a line (for shell completion)
    #[command(
        name = "__complete-keys",
        hide = true,
        after_help = "Example:\n  okr __complete-keys dev      devrel/api-pain/tickets, devrel/community/answered, …\n\nCalled by the scripts of `okr completions` for `okr checkin <TAB>` and `okr history <TAB>` (with --all)."
    )]
    CompleteKeys(CompleteKeysArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check [default: the OKR directory]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub strict: bool,

    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// List every rule with its id, severity and description, and exit
    #[arg(long)]
    pub rules: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// `PATH:LINE:COLUMN: error|warning: MESSAGE [RULE]` lines and a summary
    Text,
    /// `{ files, errors, warnings, diagnostics }`
    Json,
    /// GitHub Actions workflow commands (annotations); only commands on stdout
    Github,
    /// A GitLab Code Quality report (JSON)
    Gitlab,
    /// One SARIF 2.1.0 log (JSON)
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewFormat {
    Table,
    Json,
    Markdown,
    Csv,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// One owner (team, person or company); a person also gets the team key results they own
    pub owner: Option<String>,

    /// The quarter, e.g. 2026-Q4 [default: the one containing --as-of]
    #[arg(long, value_name = "QUARTER")]
    pub quarter: Option<String>,

    /// Show the state as of this day (YYYY-MM-DD); later check-ins are ignored [default: today]
    #[arg(long, value_name = "DATE", value_parser = a_date)]
    pub as_of: Option<String>,

    /// What changed since this day: a date (YYYY-MM-DD) or a span back from --as-of (`14d`, `2w`)
    #[arg(long, value_name = "DATE|Nd|Nw", value_parser = parse_since)]
    pub since: Option<SinceArg>,

    /// Without OWNER: show person files too (left out by default: personal OKRs are for growth, not ranking)
    #[arg(long)]
    pub include_personal: bool,

    /// Output format
    #[arg(long, value_enum, default_value_t = ViewFormat::Table)]
    pub format: ViewFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DueFormat {
    /// For a terminal
    Text,
    /// To paste or post into a team channel
    Markdown,
    /// For a bot
    Json,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// The quarter, e.g. 2026-Q4 [default: the one containing --as-of]
    #[arg(long, value_name = "QUARTER")]
    pub quarter: Option<String>,

    /// What is due as of this day (YYYY-MM-DD); later check-ins are ignored [default: today]
    #[arg(long, value_name = "DATE", value_parser = a_date)]
    pub as_of: Option<String>,

    /// Ask about person files too (left out by default: personal OKRs are for growth, not ranking)
    #[arg(long)]
    pub include_personal: bool,

    /// Output format
    #[arg(long, value_enum, default_value_t = DueFormat::Text)]
    pub format: DueFormat,
}

#[derive(Debug, Args)]
pub struct GradeArgs {
    /// One owner (team, person or company)
    pub owner: Option<String>,

    /// The quarter, e.g. 2026-Q3 [default: the current one]
    #[arg(long, value_name = "QUARTER")]
    pub quarter: Option<String>,

    /// Grade the quarter as it stood on this day (YYYY-MM-DD): later check-ins are ignored, and "after the quarter's end" is judged against it [default: today]
    #[arg(long, value_name = "DATE", value_parser = a_date)]
    pub as_of: Option<String>,

    /// The owner's grade in every quarter of the directory
    #[arg(long, requires = "owner")]
    pub history: bool,

    /// Without OWNER: show person files too (left out by default: personal OKRs are for growth, not ranking)
    #[arg(long)]
    pub include_personal: bool,

    /// Output format
    #[arg(long, value_enum, default_value_t = ViewFormat::Table)]
    pub format: ViewFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown that pastes into a wiki or a pull request
    Markdown,
    /// One self-contained HTML page (inline CSS and SVG, no script)
    Html,
    Json,
    /// One row per key result
    Csv,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The quarter, e.g. 2026-Q4 [default: the one containing --as-of]
    #[arg(long, value_name = "QUARTER")]
    pub quarter: Option<String>,

    /// Report as of this day (YYYY-MM-DD); later check-ins are ignored [default: today]
    #[arg(long, value_name = "DATE", value_parser = a_date)]
    pub as_of: Option<String>,

    /// Show person files too (left out by default: personal OKRs are for growth, not ranking)
    #[arg(long)]
    pub include_personal: bool,

    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
    pub format: ReportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TreeFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct TreeArgs {
    /// The quarter, e.g. 2026-Q4 [default: the one containing --as-of]
    #[arg(long, value_name = "QUARTER")]
    pub quarter: Option<String>,

    /// Scores as of this day (YYYY-MM-DD); later check-ins are ignored [default: today]
    #[arg(long, value_name = "DATE", value_parser = a_date)]
    pub as_of: Option<String>,

    /// Show personal objectives too (left out by default: personal OKRs are for growth, not ranking)
    #[arg(long)]
    pub include_personal: bool,

    /// Output format
    #[arg(long, value_enum, default_value_t = TreeFormat::Text)]
    pub format: TreeFormat,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The key result, as OWNER/OBJECTIVE/KEY_RESULT
    #[arg(value_name = "OWNER/OBJECTIVE/KEY_RESULT")]
    pub key_result: String,

    /// The quarter, e.g. 2026-Q4 [default: the current one]
    #[arg(long, value_name = "QUARTER")]
    pub quarter: Option<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t = HistoryFormat::Text)]
    pub format: HistoryFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create [default: --dir or OKR_DIR, else ./okrs]
    // Its own id: sharing the global `--dir`'s id would hide `--dir` here.
    #[arg(id = "init_dir", value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// The quarter of the example file, e.g. 2027-Q1 [default: the current one]
    #[arg(long, value_name = "Q")]
    pub quarter: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NewKind {
    Company,
    Team,
    Person,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// What kind of owner the file is for
    #[arg(value_enum)]
    pub kind: NewKind,

    /// The owner's name, a slug such as `devrel` or `alice`
    pub name: String,

    /// The quarter, e.g. 2027-Q1 [default: the current one; with --from, the quarter after it]
    #[arg(long, value_name = "QUARTER")]
    pub quarter: Option<String>,

    /// Start from the owner's file of this quarter: same objectives and live key
    /// results, baselines set to their last measured values, no check-ins
    #[arg(long, value_name = "QUARTER")]
    pub from: Option<String>,
}

#[derive(Debug, Args)]
#[command(allow_negative_numbers = true)]
pub struct CheckinArgs {
    /// The key result, as OWNER/OBJECTIVE/KEY_RESULT (e.g. devrel/api-pain/tickets)
    #[arg(value_name = "OWNER/OBJECTIVE/KEY_RESULT")]
    pub path: String,

    /// The measured value, a plain number in the key result's unit (e.g. 88 or 2.5)
    pub value: String,

    /// How likely the target is to be reached, from 0.0 to 1.0
    #[arg(long, value_name = "C")]
    pub confidence: Option<String>,

    /// A short note: what changed, what was learned
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,

    /// The day measured (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE", value_parser = a_date)]
    pub date: Option<String>,

    /// The quarter of the file to write, e.g. 2026-Q4 [default: the one containing --date]
    #[arg(long, value_name = "QUARTER")]
    pub quarter: Option<String>,

    /// Change the values of the check-in already on that date, in place
    #[arg(long)]
    pub replace: bool,

    /// Print the change as a unified diff and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct CompleteKeysArgs {
    /// Every key result, also those dropped or kept in `current` (for `okr history`)
    #[arg(long)]
    pub all: bool,

    /// What has been typed so far
    #[arg(default_value = "", allow_hyphen_values = true)]
    pub prefix: String,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
