//! The environment, read once in `main` (the way fd builds its `Config`):
//! today's date, the current directory, colour and width of each stream.
//! Nothing else reads the clock, `COLUMNS`, `NO_COLOR` or the current
//! directory. The OKR directory's own configuration (`okr.toml`) is read
//! with the directory, by [`Context::workspace`].

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
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
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
            color_out: use_color(color, no_color, stdout_terminal),
            color_err: use_color(color, no_color, std::io::stderr().is_terminal()),
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

/// Colour on a terminal (`auto`), never with `NO_COLOR` set or `never`; an
/// explicit `always` wins over `NO_COLOR` (no-color.org: user-level
/// configuration and flags override it).
pub fn use_color(choice: ColorChoice, no_color: bool, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Never => false,
        ColorChoice::Always => true,
        ColorChoice::Auto => is_terminal && !no_color,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_choice() {
        assert!(use_color(ColorChoice::Auto, false, true));
        assert!(!use_color(ColorChoice::Auto, true, true));
        assert!(!use_color(ColorChoice::Auto, false, false));
        assert!(use_color(ColorChoice::Always, true, false));
        assert!(!use_color(ColorChoice::Never, false, true));
    }
}
