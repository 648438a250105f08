//! The view of `okr history OWNER/OBJECTIVE/KEY_RESULT`: one key result's
//! timeline from git (`README.md#commands` and `README.md#goal-posts-targets-moved-mid-quarter`), oldest first.

use chrono::NaiveDate;
use serde::Serialize;

use crate::compute::goalposts::{timeline, Event};
use crate::error::UsageError;
use crate::model::Quarter;
use crate::revisions::Revision;
use crate::source::git::History;
use crate::view::iso_date;
use crate::workspace::{LoadedFile, Workspace};

/// Whether git could tell the history, as a JSON word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Read from git.
    Git,
    /// The folder is not in a git work tree: nothing to tell.
    NotARepository,
    /// No `git` executable: nothing to tell.
    GitMissing,
    /// A shallow clone: history is truncated, so nothing is told.
    Shallow,
    /// git failed (a damaged repository, a partial clone): nothing is told.
    Unavailable,
}

/// `okr history`: a key result's timeline.
#[derive(Debug, Serialize)]
pub struct TimelineView {
    /// `OWNER/OBJECTIVE/KEY_RESULT`.
    pub key_result: String,
    pub quarter: Quarter,
    /// The file, as in diagnostics.
    pub file: String,
    /// The day the timeline starts from: the quarter's first; the version
    /// committed before it opens the timeline (`created` or `first_seen`).
    #[serde(serialize_with = "iso_date")]
    pub since: NaiveDate,
    pub source: Source,
    /// Oldest first.
    pub events: Vec<Event>,
    /// Why git could not tell, for stderr.
    #[serde(skip)]
    pub note: Option<String>,
}

/// A key result asked for on the command line.
pub struct Wanted<'a> {
    pub owner: &'a str,
    pub objective: &'a str,
    pub key_result: &'a str,
}

impl<'a> Wanted<'a> {
    /// `OWNER/OBJECTIVE/KEY_RESULT`.
    pub fn parse(path: &'a str) -> Result<Wanted<'a>, UsageError> {
        let parts: Vec<&str> = path.split('/').collect();
        match parts[..] {
            [owner, objective, key_result]
                if !owner.is_empty() && !objective.is_empty() && !key_result.is_empty() =>
            {
                Ok(Wanted {
                    owner,
                    objective,
                    key_result,
                })
            }
            _ => Err(UsageError(format!(
                "`{path}` is not a key result path: write OWNER/OBJECTIVE/KEY_RESULT, e.g. devrel/api-pain/tickets"
            ))),
        }
    }

    /// The valid file of `quarter` holding this key result; else a usage
    /// error naming the closest key result path of the quarter.
    pub fn find(
        &self,
        workspace: &'a Workspace,
        quarter: Quarter,
    ) -> Result<&'a LoadedFile, UsageError> {
        let mut paths = Vec::new();
        for (file, okr) in workspace
            .valid_files()
            .filter(|(_, okr)| okr.quarter == quarter)
        {
            let Some((_, owner)) = okr.owner() else {
                continue;
            };
            for objective in &okr.objectives {
                for kr in &objective.key_results {
                    let found = owner.as_str() == self.owner
                        && objective.id.as_str() == self.objective
                        && kr.id.as_str() == self.key_result;
                    if found {
                        return Ok(file);
                    }
                    paths.push(format!(
                        "{}/{}/{}",
                        owner.as_str(),
                        objective.id.as_str(),
                        kr.id.as_str()
                    ));
                }
            }
        }
        let wanted = format!("{}/{}/{}", self.owner, self.objective, self.key_result);
        let hint = match crate::suggest::closest(&wanted, paths.iter().map(String::as_str)) {
            Some(near) => format!("; did you mean `{near}`?"),
            None => String::new(),
        };
        Err(UsageError(format!(
            "no key result `{wanted}` in {quarter}{hint}"
        )))
    }
}

impl TimelineView {
    /// The timeline of `wanted` in `file`, from its versions read from
    /// `quarter`'s first day on (with the version committed before it).
    pub fn new(
        history: History<Vec<Revision>>,
        file: &LoadedFile,
        quarter: Quarter,
        wanted: &Wanted,
    ) -> TimelineView {
        let since = quarter.first_day();
        let (source, events, note) = match history {
            History::NotARepository => (Source::NotARepository, Vec::new(), None),
            History::GitMissing => (Source::GitMissing, Vec::new(), None),
            History::Shallow { note } => (Source::Shallow, Vec::new(), Some(note)),
            History::Unavailable { note } => (Source::Unavailable, Vec::new(), Some(note)),
            History::Files(revisions) => {
                let events = timeline(&revisions, wanted.objective, wanted.key_result);
                (Source::Git, events, None)
            }
        };
        TimelineView {
            key_result: format!(
                "{}/{}/{}",
                wanted.owner, wanted.objective, wanted.key_result
            ),
            quarter,
            file: file.display.clone(),
            since,
            source,
            events,
            note,
        }
    }
}
