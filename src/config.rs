//! `okr.toml` at the root of the OKR directory (`docs/format.md#okrtoml`): the
//! fiscal calendar (`[quarters]`), the stale threshold (`[checkins]`) and the
//! level of each warning rule (`[rules]`, `[rules.person]`). Every key is
//! optional; an unknown key or a bad value is a usage error (exit 2) naming
//! `okr.toml:LINE:COLUMN`, what is wrong and the fix.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Rule, Severity};
use crate::error::UsageError;
use crate::model::quarter::{Calendar, YearLabel};
use crate::suggest::closest;

/// The file's name, at the root of the OKR directory.
pub const FILE_NAME: &str = "okr.toml";

/// The default of `[checkins] stale_after_days`.
pub const DEFAULT_STALE_AFTER_DAYS: i64 = 14;

/// What a warning rule is set to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Allow,
    Warn,
    Error,
}

/// The configuration in force (the defaults when there is no `okr.toml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub calendar: Calendar,
    pub stale_after_days: i64,
    /// `[rules]`: for every file.
    pub rules: BTreeMap<Rule, Level>,
    /// `[rules.person]`: for person files, over `[rules]`.
    pub person_rules: BTreeMap<Rule, Level>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            calendar: Calendar::default(),
            stale_after_days: DEFAULT_STALE_AFTER_DAYS,
            rules: BTreeMap::new(),
            person_rules: BTreeMap::new(),
        }
    }
}

impl Config {
    /// The severity of `rule` in a file (a person's when `personal`); `None`
    /// when the rule is set to `allow`. Errors keep their severity.
    pub fn severity(&self, rule: Rule, personal: bool) -> Option<Severity> {
        if !rule.is_warning() {
            return Some(rule.default_severity());
        }
        let level = personal
            .then(|| self.person_rules.get(&rule))
            .flatten()
            .or_else(|| self.rules.get(&rule));
        match level {
            Some(Level::Allow) => None,
            Some(Level::Error) => Some(Severity::Error),
            Some(Level::Warn) | None => Some(Severity::Warning),
        }
    }

    /// Reads `okr.toml` in `root`; the defaults when there is none.
    pub fn load(root: &Path) -> Result<Config, UsageError> {
        let path = root.join(FILE_NAME);
        Config::load_shown(root, &path.display().to_string())
    }

    /// [`Config::load`], naming the file `shown` in errors (the path relative
    /// to the current directory, as every other path is shown).
    pub fn load_shown(root: &Path, shown: &str) -> Result<Config, UsageError> {
        Config::load_located(root).map_err(|e| UsageError(e.located(shown)))
    }

    /// [`Config::load`], its error with a position (1:1 for a file that
    /// cannot be read), for the CI formats to report like any problem.
    /// `okr.toml` gets the OKR files' guards (`docs/robustness.md#untrusted-text`): a
    /// regular file inside the OKR directory, at most [`MAX_BYTES`], so a
    /// link to `/dev/zero` or a named pipe is refused, not read forever.
    pub fn load_located(root: &Path) -> Result<Config, ConfigError> {
        let path = root.join(FILE_NAME);
        let unreadable = |why: String| ConfigError {
            line: 1,
            column: 1,
            message: why,
            unreadable: true,
        };
        let meta = match std::fs::metadata(&path) {
            Ok(meta) => meta,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                // A dangling link is no configuration either, but say so.
                return match std::fs::symlink_metadata(&path) {
                    Ok(_) => Err(unreadable(crate::source::describe_io(&err))),
                    Err(_) => Ok(Config::default()),
                };
            }
            Err(err) => return Err(unreadable(crate::source::describe_io(&err))),
        };
        let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        if crate::source::discover::leads_outside(&path, &real_root) {
            return Err(unreadable(
                "it is a symbolic link to a place outside the OKR directory, so it was not read"
                    .to_string(),
            ));
        }
        if !meta.is_file() {
            return Err(unreadable(
                "it is not a regular file (a pipe, socket or device?), so it was not read"
                    .to_string(),
            ));
        }
        let too_big = || {
            unreadable(format!(
                "it is over {} KiB; a configuration is far smaller, so it was not read",
                MAX_BYTES / 1024
            ))
        };
        if meta.len() > MAX_BYTES {
            return Err(too_big());
        }
        let mut bytes = Vec::new();
        std::fs::File::open(&path)
            .and_then(|f| {
                std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_BYTES + 1), &mut bytes)
            })
            .map_err(|err| unreadable(crate::source::describe_io(&err)))?;
        if bytes.len() as u64 > MAX_BYTES {
            return Err(too_big());
        }
        let text = String::from_utf8(bytes)
            .map_err(|_| unreadable("it is not UTF-8 text: save it as UTF-8".to_string()))?;
        Config::parse(&text)
    }

    /// Parses the text of an `okr.toml`.
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|err| {
            let at = err.span().map_or(0, |s| s.start);
            let message = describe_toml_error(err.message(), key_at(text, at));
            ConfigError::at(text, at, message)
        })?;
        let mut config = Config::default();
        if let Some(quarters) = raw.quarters {
            let mut start = 1;
            if let Some(value) = quarters.fiscal_year_start {
                start = month(value.get_ref()).ok_or_else(|| {
                    ConfigError::at(text, value.span().start, month_error(value.get_ref()))
                })?;
            }
            let mut label = YearLabel::End;
            if let Some(value) = quarters.fiscal_year_label {
                label = match value.get_ref().as_str() {
                    "start" => YearLabel::Start,
                    "end" => YearLabel::End,
                    other => {
                        return Err(ConfigError::at(
                            text,
                            value.span().start,
                            format!(
                                "`fiscal_year_label = \"{other}\"` is not a label: write \"start\" (2026-Q1 is the fiscal year that starts in 2026) or \"end\" (the year it ends in, the default)"
                            ),
                        ))
                    }
                };
            }
            config.calendar = Calendar::new(start, label);
        }
        if let Some(checkins) = raw.checkins {
            if let Some(days) = checkins.stale_after_days {
                let value = *days.get_ref();
                if !(1..=366).contains(&value) {
                    return Err(ConfigError::at(
                        text,
                        days.span().start,
                        format!("`stale_after_days = {value}` must be a number of days from 1 to 366, e.g. 14"),
                    ));
                }
                config.stale_after_days = value;
            }
        }
        if let Some(rules) = raw.rules {
            for (id, value) in rules {
                match value {
                    toml::Value::Table(table) if id == "person" => {
                        for (id, level) in table {
                            let at = key_position(text, "rules.person", &id);
                            let rule = rule_named(text, &id, at)?;
                            let level = level_text(text, rule, &level, at)?;
                            config.person_rules.insert(rule, level_of(text, rule, &level, at)?);
                        }
                    }
                    toml::Value::Table(_) => {
                        return Err(ConfigError::at(
                            text,
                            key_position(text, &format!("rules.{id}"), ""),
                            format!("`[rules.{id}]` is not a table okr knows: only `[rules.person]` is (for person files)"),
                        ))
                    }
                    level => {
                        let at = key_position(text, "rules", &id);
                        let rule = rule_named(text, &id, at)?;
                        let level = level_text(text, rule, &level, at)?;
                        config.rules.insert(rule, level_of(text, rule, &level, at)?);
                    }
                }
            }
        }
        Ok(config)
    }
}

/// A problem in `okr.toml`, with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The file could not be read at all (the message says why).
    pub unreadable: bool,
}

impl ConfigError {
    fn at(text: &str, byte: usize, message: String) -> ConfigError {
        let before = text.get(..byte.min(text.len())).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        // The message may quote a value: a short excerpt of it, on one line.
        let message = crate::source::parse::clip_message(&message)
            .replace('\n', "\\n")
            .replace('\r', "\\r");
        ConfigError {
            line,
            column,
            message,
            unreadable: false,
        }
    }

    /// `PATH:LINE:COLUMN: MESSAGE`, or `cannot read PATH: WHY`.
    pub fn located(&self, path: &str) -> String {
        if self.unreadable {
            return format!("cannot read {path}: {}", self.message);
        }
        format!("{path}:{}:{}: {}", self.line, self.column, self.message)
    }
}

/// The largest `okr.toml` read: a real one is a few hundred bytes.
pub const MAX_BYTES: u64 = 1024 * 1024;

/// The key on the line of byte `at` (`stale_after_days = "x"` gives
/// `stale_after_days`), if that line sets one.
fn key_at(text: &str, at: usize) -> Option<&str> {
    let start = text
        .get(..at.min(text.len()))?
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = text.get(start..)?.lines().next()?;
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty() && !key.starts_with('[')).then_some(key)
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.located(FILE_NAME))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    quarters: Option<RawQuarters>,
    checkins: Option<RawCheckins>,
    rules: Option<RawRules>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuarters {
    fiscal_year_start: Option<Spanned<toml::Value>>,
    fiscal_year_label: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheckins {
    stale_after_days: Option<Spanned<i64>>,
}

/// `[rules]`: rule ids to levels, and the `[rules.person]` table. serde
/// cannot keep spans through a flattened map, so positions are found in the
/// text ([`key_position`]).
type RawRules = BTreeMap<String, toml::Value>;

/// The byte offset of `key = ` in table `[table]` of `text` (the start of
/// the file when it cannot be found).
fn key_position(text: &str, table: &str, key: &str) -> usize {
    let mut current = String::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if let Some(name) = trimmed.strip_prefix('[').and_then(|t| t.split(']').next()) {
            current = name.trim().to_string();
            if current == table && key.is_empty() {
                return offset;
            }
        } else if current == table {
            if let Some((k, _)) = trimmed.split_once('=') {
                if k.trim().trim_matches('"') == key {
                    return offset + (line.len() - line.trim_start().len());
                }
            }
        }
        offset += line.len();
    }
    0
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month from its name (any case, or its first three letters) or number.
fn month(value: &toml::Value) -> Option<u32> {
    match value {
        toml::Value::Integer(n) if (1..=12).contains(n) => u32::try_from(*n).ok(),
        toml::Value::String(name) => {
            let name = name.trim().to_ascii_lowercase();
            MONTHS
                .iter()
                .position(|m| *m == name || (name.len() == 3 && m.starts_with(&name)))
                .and_then(|i| u32::try_from(i + 1).ok())
        }
        _ => None,
    }
}

fn month_error(value: &toml::Value) -> String {
    let shown = match value {
        toml::Value::String(s) => format!("\"{s}\""),
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::Float(n) => n.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        _ => "that value".to_string(),
    };
    let hint = match value {
        toml::Value::String(s) => closest(&s.to_ascii_lowercase(), MONTHS.iter().copied())
            .map(|m| format!("; did you mean \"{m}\"?"))
            .unwrap_or_default(),
        _ => String::new(),
    };
    format!(
        "`fiscal_year_start = {shown}` is not a month: write its name (\"july\") or its number (7){hint}"
    )
}

fn rule_named(text: &str, id: &str, span: usize) -> Result<Rule, ConfigError> {
    match Rule::from_id(id) {
        Some(rule) if rule.is_warning() => Ok(rule),
        Some(rule) => Err(ConfigError::at(
            text,
            span,
            format!("`{}` is an error rule, and errors cannot be silenced or changed; only warning rules can be set", rule.id()),
        )),
        None => {
            let warnings = Rule::ALL.iter().filter(|r| r.is_warning()).map(|r| r.id());
            let hint = match closest(id, warnings) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "`okr check --rules` lists them".to_string(),
            };
            Err(ConfigError::at(
                text,
                span,
                format!("unknown rule `{id}`; {hint}"),
            ))
        }
    }
}

/// The text of a level, or an error for a value that is not text.
fn level_text(
    text: &str,
    rule: Rule,
    value: &toml::Value,
    at: usize,
) -> Result<String, ConfigError> {
    match value {
        toml::Value::String(level) => Ok(level.clone()),
        _ => Err(ConfigError::at(
            text,
            at,
            format!(
                "`{}` must be set to \"allow\", \"warn\" or \"error\"",
                rule.id()
            ),
        )),
    }
}

fn level_of(text: &str, rule: Rule, level: &str, span: usize) -> Result<Level, ConfigError> {
    match level {
        "allow" => Ok(Level::Allow),
        "warn" => Ok(Level::Warn),
        "error" => Ok(Level::Error),
        other => Err(ConfigError::at(
            text,
            span,
            format!(
                "`{} = \"{other}\"` is not a level: write \"allow\", \"warn\" or \"error\"",
                rule.id()
            ),
        )),
    }
}

/// What a Rust type in toml's message means to the person writing the file.
fn wanted(expected: &str) -> &'static str {
    match expected.trim() {
        e if e.starts_with('i') || e.starts_with('u') || e.contains("integer") => {
            "a whole number (e.g. 14)"
        }
        e if e.contains("string") => "text in quotes (e.g. \"start\")",
        e if e.contains("bool") => "true or false",
        e if e.starts_with('f') || e.contains("float") => "a number",
        e if e.contains("table") || e.contains("map") || e.contains("struct") => {
            "a table (a `[section]`)"
        }
        _ => "a value of another kind",
    }
}

/// toml's message, with a did-you-mean for an unknown key, and a wrong type
/// said as what the key wants (the file is valid TOML).
fn describe_toml_error(message: &str, key: Option<&str>) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.rsplit_once(", expected ") {
            let found = found.split([' ', '(']).next().unwrap_or(found);
            let what = match found {
                "string" => "text",
                "integer" => "a whole number",
                "floating" => "a number with a fraction",
                "boolean" => "true or false",
                "sequence" => "a list",
                "map" => "a table",
                other => other,
            };
            return match key {
                Some(key) => format!("`{key}` wants {}, not {what}", wanted(expected)),
                None => format!("this wants {}, not {what}", wanted(expected)),
            };
        }
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some((name, expected)) = rest.split_once('`') {
            let allowed: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            return match closest(name, allowed.iter().copied()) {
                Some(near) => format!("unknown key `{name}`; did you mean `{near}`?"),
                None if allowed.is_empty() => format!("unknown key `{name}`"),
                None => format!(
                    "unknown key `{name}`; the keys allowed here are {}",
                    allowed.join(", ")
                ),
            };
        }
    }
    format!("okr.toml is not valid TOML: {message}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_without_a_file() {
        let config = Config::parse("").unwrap();
        assert_eq!(config, Config::default());
        assert_eq!(config.stale_after_days, 14);
    }

    #[test]
    fn every_section() {
        let config = Config::parse(
            "[quarters]\nfiscal_year_start = \"July\"\nfiscal_year_label = \"start\"\n[checkins]\nstale_after_days = 21\n[rules]\ntoo_many_key_results = \"allow\"\n[rules.person]\nactivity_wording = \"allow\"\n",
        )
        .unwrap();
        assert_eq!(config.calendar, Calendar::new(7, YearLabel::Start));
        assert_eq!(config.stale_after_days, 21);
        assert_eq!(config.severity(Rule::TooManyKeyResults, false), None);
        assert_eq!(config.severity(Rule::ActivityWording, true), None);
        assert_eq!(
            config.severity(Rule::ActivityWording, false),
            Some(Severity::Warning)
        );
        assert_eq!(
            config.severity(Rule::UnknownKey, true),
            Some(Severity::Error)
        );
    }

    #[test]
    fn the_init_template_is_the_defaults_commented_out() {
        assert_eq!(
            Config::parse(crate::template::CONFIG).unwrap(),
            Config::default()
        );
        let lines: Vec<&str> = crate::template::CONFIG.lines().collect();
        let mut settings = 0;
        for (i, line) in lines.iter().enumerate() {
            let Some(setting) = line.strip_prefix("# ").filter(|l| {
                l.split_once(" = ")
                    .is_some_and(|(key, _)| !key.contains(' '))
            }) else {
                continue;
            };
            settings += 1;
            let mut text = lines.clone();
            text[i] = setting;
            let config =
                Config::parse(&text.join("\n")).unwrap_or_else(|e| panic!("{setting}: {e}"));
            // Each value shown is the default.
            assert_eq!(config.calendar, Calendar::default(), "{setting}");
            assert_eq!(config.stale_after_days, DEFAULT_STALE_AFTER_DAYS);
            for rule in Rule::ALL.iter().copied() {
                for personal in [false, true] {
                    assert_eq!(
                        config.severity(rule, personal),
                        Config::default().severity(rule, personal),
                        "{setting}"
                    );
                }
            }
        }
        assert_eq!(settings, 5, "every key of `docs/format.md#okrtoml`");
    }

    #[test]
    fn months_by_name_or_number() {
        for (text, month) in [("7", 7), ("\"feb\"", 2), ("\"February\"", 2), ("1", 1)] {
            let config =
                Config::parse(&format!("[quarters]\nfiscal_year_start = {text}\n")).unwrap();
            assert_eq!(config.calendar.start_month(), month, "{text}");
        }
    }

    #[test]
    fn bad_values_are_located_with_a_fix() {
        let err = Config::parse("[quarters]\nfiscal_year_start = \"juli\"\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 21));
        assert!(
            err.message.contains("did you mean \"july\"?"),
            "{}",
            err.message
        );
        let err = Config::parse("[quarters]\nfiscal_year_label = \"begin\"\n").unwrap_err();
        assert!(err.message.contains("\"start\""), "{}", err.message);
        let err = Config::parse("[checkins]\nstale_after_dayz = 3\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(
            err.message.contains("did you mean `stale_after_days`?"),
            "{}",
            err.message
        );
        let err = Config::parse("[rules]\nactivity_wordin = \"allow\"\n").unwrap_err();
        assert!(
            err.message.contains("did you mean `activity_wording`?"),
            "{}",
            err.message
        );
        let err = Config::parse("[rules]\nunknown_key = \"allow\"\n").unwrap_err();
        assert!(
            err.message.contains("cannot be silenced"),
            "{}",
            err.message
        );
        let err = Config::parse("[rules]\nactivity_wording = \"off\"\n").unwrap_err();
        assert!(
            err.message.contains("\"allow\", \"warn\" or \"error\""),
            "{}",
            err.message
        );
        let err = Config::parse("[quarters\n").unwrap_err();
        assert!(err.message.contains("not valid TOML"), "{}", err.message);
        assert_eq!(err.to_string().split(':').next(), Some("okr.toml"));
    }
}
