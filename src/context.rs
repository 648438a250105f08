//! The environment, read once in `main` (the way fd builds its `Config`):
//! today's date, the current directory, colour and width of each stream.
//! Nothing else reads the clock, `COLUMNS`, `NO_COLOR` or the current
//! directory. The OKR directory's own configuration (`okr.toml`) is read
//! with the directory, by [`Context::workspace`].

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::cli::ColorChoice;
use crate::config::Config;
use crate::error::UsageError;
use crate::source;
use crate::workspace::{Keep, Quarters, Skip, Workspace};

/// Columns of a table when stdout is not a terminal (and `COLUMNS` is unset).
pub const DEFAULT_WIDTH: u16 = 80;

#[derive(Debug, Clone)]
pub struct Context {
    /// Today, in local time: the default `--as-of`.
    pub today: NaiveDate,
    pub cwd: PathBuf,
    /// `--dir` or `OKR_DIR`.
    pub dir: Option<PathBuf>,
    pub color_out: bool,
    pub color_err: bool,
    /// The width to lay tables out in.
    pub width: u16,
    /// Whether stdout takes UTF-8 box drawing (`okr tree`).
    pub unicode: bool,
    /// `$GITHUB_STEP_SUMMARY`: where `okr check --format github` writes the
    /// full list when GitHub would show only part of it.
    pub github_step_summary: Option<PathBuf>,
    /// Whether loads skip the files of other quarters unparsed (`OKR_NO_SKIP=1`
    /// turns it off: a debugging aid, and what the differential tests compare).
    pub skip: Skip,
}

impl Context {
    /// Reads the environment of this process.
    pub fn from_env(dir: Option<PathBuf>, color: ColorChoice) -> Result<Context, UsageError> {
        let cwd = std::env::current_dir()
            .map_err(|err| UsageError(format!("cannot read the current directory: {err}")))?;
        let colors = ColorEnv::from_env();
        let stdout_terminal = std::io::stdout().is_terminal();
        let terminal_width = stdout_terminal
            .then(|| comfy_table::Table::new().width())
            .flatten();
        let columns = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<u16>().ok());
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
            .iter()
            .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
            .unwrap_or_default()
            .to_ascii_uppercase();
        Ok(Context {
            today: chrono::Local::now().date_naive(),
            cwd,
            dir,
            color_out: use_color(color, colors, stdout_terminal),
            color_err: use_color(color, colors, std::io::stderr().is_terminal()),
            width: terminal_width
                .or(columns)
                .unwrap_or(DEFAULT_WIDTH)
                .clamp(20, 400),
            unicode: locale.contains("UTF-8") || locale.contains("UTF8"),
            github_step_summary: std::env::var_os("GITHUB_STEP_SUMMARY")
                .filter(|value| !value.is_empty())
                .map(PathBuf::from),
            skip: Skip(std::env::var_os("OKR_NO_SKIP").is_none_or(|v| v.is_empty() || v == "0")),
        })
    }

    /// The OKR directory: `--dir` (or `OKR_DIR`), else the nearest `okrs`.
    pub fn okr_dir(&self) -> Result<PathBuf, UsageError> {
        source::find_okr_dir(self.dir.as_deref(), &self.cwd)
    }

    /// Reads the OKR directory and its `okr.toml`: the whole pipeline, once.
    pub fn workspace(&self) -> Result<Workspace, UsageError> {
        self.workspace_keeping(Keep::Everything)
    }

    /// [`Self::workspace`], keeping of each file what `keep` says.
    pub fn workspace_keeping(&self, keep: Keep<'_>) -> Result<Workspace, UsageError> {
        self.workspace_of_quarters(keep, Quarters::All)
    }

    /// [`Self::workspace_keeping`], reading only the files of `quarters`
    /// (and those whose quarter cannot be told).
    pub fn workspace_of_quarters(
        &self,
        keep: Keep<'_>,
        quarters: Quarters<'_>,
    ) -> Result<Workspace, UsageError> {
        let root = self.okr_dir()?;
        let config = self.config(&root)?;
        Ok(Workspace::load_dir_of(
            &root, &self.cwd, config, keep, quarters, self.skip,
        ))
    }

    /// The workspace of the quarter a view shows: `--quarter` (`given`),
    /// else the quarter containing `as_of`, else the latest that has valid
    /// files. Files of other quarters are not read. The errors come in the
    /// order the user meets them: the directory, `okr.toml`, `--as-of`
    /// (already parsed), `--quarter`.
    pub fn workspace_of_view(
        &self,
        keep: Keep<'_>,
        given: Option<&str>,
        as_of: Result<NaiveDate, UsageError>,
    ) -> Result<(Workspace, NaiveDate), UsageError> {
        let root = self.okr_dir()?;
        let config = self.config(&root)?;
        let as_of = as_of?;
        let given = given
            .map(|text| config.calendar.parse(text))
            .transpose()
            .map_err(|e| UsageError(format!("--quarter: {e}")))?;
        let only;
        let quarters = match given {
            Some(quarter) => {
                only = [quarter];
                Quarters::Only(&only)
            }
            None => Quarters::Containing(as_of),
        };
        let workspace = Workspace::load_dir_of(&root, &self.cwd, config, keep, quarters, self.skip);
        Ok((workspace, as_of))
    }

    /// [`Self::workspace`], for the given paths (`okr check PATH …`).
    pub fn workspace_of(&self, paths: &[PathBuf], keep: Keep<'_>) -> Result<Workspace, UsageError> {
        // The OKR directory, when there is one, gives the cross-file checks their context.
        let context = self.okr_dir().ok();
        let config = match &context {
            Some(root) => self.config(root)?,
            None => Config::default(),
        };
        Workspace::load_given(
            paths,
            context.as_deref(),
            &self.cwd,
            config,
            keep,
            self.skip,
        )
    }

    /// The `okr.toml` of the OKR directory `root` (the defaults without one);
    /// its errors name the file relative to the current directory.
    pub fn config(&self, root: &Path) -> Result<Config, UsageError> {
        Config::load_shown(root, &self.display(&root.join(crate::config::FILE_NAME)))
    }

    /// `path` as shown to the user.
    pub fn display(&self, path: &Path) -> String {
        source::display_path(path, &self.cwd)
    }
}

/// What the environment says about colour, read once: `NO_COLOR`
/// (no-color.org), `CLICOLOR_FORCE` and `CLICOLOR` (bixense.com/clicolors),
/// and a `TERM=dumb` terminal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ColorEnv {
    /// `NO_COLOR` set and not empty.
    pub no_color: bool,
    /// `CLICOLOR_FORCE` set, not empty and not `0`: colour even into a pipe.
    pub clicolor_force: bool,
    /// `CLICOLOR=0`: no colour, even on a terminal.
    pub clicolor_off: bool,
    /// `TERM=dumb`: a terminal that shows escape codes as text.
    pub term_dumb: bool,
}

impl ColorEnv {
    pub fn from_env() -> ColorEnv {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        ColorEnv {
            no_color: var("NO_COLOR").is_some(),
            clicolor_force: var("CLICOLOR_FORCE").is_some_and(|v| v != "0"),
            clicolor_off: var("CLICOLOR").is_some_and(|v| v == "0"),
            term_dumb: var("TERM").is_some_and(|v| v == "dumb"),
        }
    }
}

/// Whether a stream is coloured, by one order of precedence for okr's own
/// output and clap's help and errors alike: `--color always|never`, then
/// `NO_COLOR`, then `CLICOLOR_FORCE`, then `CLICOLOR=0` or `TERM=dumb`, then
/// whether the stream is a terminal. An explicit `--color always` wins over
/// `NO_COLOR` (no-color.org: user-level configuration and flags override it).
pub fn use_color(choice: ColorChoice, env: ColorEnv, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Never => false,
        ColorChoice::Always => true,
        ColorChoice::Auto if env.no_color => false,
        ColorChoice::Auto if env.clicolor_force => true,
        ColorChoice::Auto if env.clicolor_off || env.term_dumb => false,
        ColorChoice::Auto => is_terminal,
    }
}

/// The `--color` of a command line, found before clap parses it so that
/// clap's own help and errors follow it too (the last one wins, as in clap;
/// nothing after `--` counts). Auto when absent or not a choice.
pub fn color_arg(args: &[OsString]) -> ColorChoice {
    let mut choice = ColorChoice::Auto;
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        let value = match arg.as_ref() {
            "--" => break,
            "--color" => args.next().map(|v| v.into_owned()),
            other => other.strip_prefix("--color=").map(str::to_string),
        };
        if let Some(value) = value {
            choice = match value.as_str() {
                "always" => ColorChoice::Always,
                "never" => ColorChoice::Never,
                _ => ColorChoice::Auto,
            };
        }
    }
    choice
}

/// Parses the command line, clap's help and errors coloured by
/// [`use_color`] for the stream they go to (help to stdout, errors to
/// stderr); they are printed, and the process exits, as clap does.
pub fn parse_cli(args: Vec<OsString>) -> crate::cli::Cli {
    use clap::{CommandFactory, FromArgMatches};
    let choice = color_arg(&args);
    let env = ColorEnv::from_env();
    let clap_color = |terminal: bool| {
        if use_color(choice, env, terminal) {
            clap::ColorChoice::Always
        } else {
            clap::ColorChoice::Never
        }
    };
    let parse = |color| {
        crate::cli::Cli::command()
            .color(color)
            .try_get_matches_from(args.iter())
            .and_then(|matches| crate::cli::Cli::from_arg_matches(&matches))
    };
    match parse(clap_color(std::io::stdout().is_terminal())) {
        Ok(cli) => cli,
        Err(error) if !error.use_stderr() => error.exit(),
        // An error goes to stderr: coloured as stderr is.
        Err(_) => match parse(clap_color(std::io::stderr().is_terminal())) {
            Ok(cli) => cli,
            Err(error) => error.exit(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: ColorEnv = ColorEnv {
        no_color: false,
        clicolor_force: false,
        clicolor_off: false,
        term_dumb: false,
    };

    #[test]
    fn colour_choice() {
        let no_color = ColorEnv {
            no_color: true,
            ..PLAIN
        };
        assert!(use_color(ColorChoice::Auto, PLAIN, true));
        assert!(!use_color(ColorChoice::Auto, no_color, true));
        assert!(!use_color(ColorChoice::Auto, PLAIN, false));
        assert!(use_color(ColorChoice::Always, no_color, false));
        assert!(!use_color(ColorChoice::Never, PLAIN, true));
    }

    /// Every combination of the four variables, each stream kind and each
    /// flag, against the order of precedence written out once more.
    #[test]
    fn colour_precedence_matrix() {
        for bits in 0..16u8 {
            let env = ColorEnv {
                no_color: bits & 1 != 0,
                clicolor_force: bits & 2 != 0,
                clicolor_off: bits & 4 != 0,
                term_dumb: bits & 8 != 0,
            };
            for terminal in [false, true] {
                let auto = if env.no_color {
                    false
                } else if env.clicolor_force {
                    true
                } else if env.clicolor_off || env.term_dumb {
                    false
                } else {
                    terminal
                };
                assert_eq!(
                    use_color(ColorChoice::Auto, env, terminal),
                    auto,
                    "{env:?} {terminal}"
                );
                assert!(use_color(ColorChoice::Always, env, terminal), "{env:?}");
                assert!(!use_color(ColorChoice::Never, env, terminal), "{env:?}");
            }
        }
    }

    #[test]
    fn the_color_flag_is_found_before_parsing() {
        let args = |list: &[&str]| list.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(color_arg(&args(&["okr", "--help"])), ColorChoice::Auto);
        assert_eq!(
            color_arg(&args(&["okr", "--color", "never", "--help"])),
            ColorChoice::Never
        );
        assert_eq!(
            color_arg(&args(&["okr", "status", "--color=always"])),
            ColorChoice::Always
        );
        assert_eq!(
            color_arg(&args(&["okr", "--color=never", "--color", "always"])),
            ColorChoice::Always
        );
        assert_eq!(
            color_arg(&args(&["okr", "checkin", "--", "--color=never"])),
            ColorChoice::Auto
        );
    }
}
