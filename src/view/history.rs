//! The view of `okr grade OWNER --history`: the owner's grade in every
//! quarter of the directory, and whether they are consistently high or low.

use chrono::NaiveDate;
use serde::Serialize;

use crate::compute::grading::{history_flags, Flag};
use crate::compute::Band;
use crate::error::UsageError;
use crate::model::{OkrFile, Quarter};
use crate::number::Num;
use crate::view::grade::GradeView;
use crate::view::{iso_date, unknown_owner, LeftOut, Selected};
use crate::workspace::Workspace;

/// `okr grade OWNER --history`: the owner's grade in every quarter of the directory.
#[derive(Debug, Serialize)]
pub struct HistoryView {
    pub owner: String,
    pub quarters: Vec<HistoryQuarter>,
    /// `consistently_high` or `consistently_low`, over finished quarters.
    pub flags: Vec<Flag>,
}

#[derive(Debug, Serialize)]
pub struct HistoryQuarter {
    pub quarter: Quarter,
    /// The quarter's first and last day (with a fiscal year, not January's quarters).
    #[serde(serialize_with = "iso_date")]
    pub first_day: NaiveDate,
    #[serde(serialize_with = "iso_date")]
    pub last_day: NaiveDate,
    /// False for a running (or future) quarter: its grades are only suggested so far.
    pub ended: bool,
    /// The owner's file that quarter; null when the owner has none.
    pub file: Option<String>,
    pub grade: Option<Num>,
    pub band: Option<Band>,
    /// Live key results.
    pub key_results: usize,
    /// Of those, how many the file grades.
    pub graded: usize,
    pub dropped: usize,
}

impl HistoryView {
    /// `owner`'s grade in every quarter that has valid files, as of `as_of`.
    /// An owner with no file in any quarter is a usage error that names the
    /// owners there are.
    pub fn build(
        workspace: &Workspace,
        owner: &str,
        as_of: NaiveDate,
    ) -> Result<HistoryView, UsageError> {
        let files: Vec<Selected> = workspace
            .valid_files()
            .filter_map(|(file, okr)| {
                let (kind, name) = okr.owner()?;
                Some(Selected {
                    file,
                    okr,
                    kind,
                    owner: name.as_str(),
                    only_owned_by: None,
                })
            })
            .collect();
        let quarters = workspace.quarters();
        let own = |okr: &OkrFile| okr.owner().is_some_and(|(_, name)| name.as_str() == owner);
        if !files.iter().any(|s| own(s.okr)) {
            let mut names: Vec<&str> = files.iter().map(|s| s.owner).collect();
            names.sort_unstable();
            names.dedup();
            return Err(unknown_owner(owner, "in any quarter", &names));
        }
        let rows: Vec<HistoryQuarter> = quarters
            .into_iter()
            .map(|quarter| {
                let ended = quarter.is_over(as_of);
                let Some(selected) = files
                    .iter()
                    .find(|s| s.okr.quarter == quarter && own(s.okr))
                else {
                    return HistoryQuarter {
                        quarter,
                        first_day: quarter.first_day(),
                        last_day: quarter.last_day(),
                        ended,
                        file: None,
                        grade: None,
                        band: None,
                        key_results: 0,
                        graded: 0,
                        dropped: 0,
                    };
                };
                let view = GradeView::build(
                    quarter,
                    Some(owner),
                    std::slice::from_ref(selected),
                    LeftOut::default(),
                    as_of,
                    &workspace.config,
                );
                let head = view.owners.first().map(|o| &o.head);
                let grade = head.and_then(|h| h.grade);
                HistoryQuarter {
                    quarter,
                    first_day: quarter.first_day(),
                    last_day: quarter.last_day(),
                    ended,
                    file: Some(selected.file.display.clone()),
                    grade,
                    band: grade.map(|g| Band::of(g.0)),
                    key_results: view.summary.key_results,
                    graded: view.summary.graded,
                    dropped: view.summary.dropped,
                }
            })
            .collect();
        let flags = history_flags(
            rows.iter()
                .filter(|r| r.ended)
                .filter_map(|r| r.grade.map(Num::get)),
        );
        Ok(HistoryView {
            owner: owner.to_string(),
            quarters: rows,
            flags,
        })
    }
}
