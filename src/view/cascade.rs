//! The view of `okr tree`: the alignment cascade. Company objectives at the
//! top, the objectives that align with them under them, and so on down; the
//! objectives that align with nothing last. Scores and bands are the
//! [`StatusView`]'s: nothing is computed here but the shape.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::compute::Band;
use crate::model::{OwnerKind, Quarter};
use crate::number::Num;
use crate::view::status::StatusView;
use crate::view::{iso_date, quarter_heading};

/// Everything `okr tree` shows.
#[derive(Debug, Serialize)]
pub struct CascadeView {
    pub quarter: Quarter,
    /// "2026-Q4 · 1 Oct – 31 Dec 2026"
    pub heading: String,
    #[serde(serialize_with = "iso_date")]
    pub as_of: NaiveDate,
    /// Person files left out (`--include-personal` shows them).
    pub person_files_left_out: usize,
    /// Company objectives, each with what aligns with it, recursively.
    pub objectives: Vec<CascadeNode>,
    /// Objectives that align with an objective this view does not hold (its
    /// owner's file is invalid, or left out), with what aligns with them.
    pub aligned_elsewhere: Vec<CascadeNode>,
    /// Team and person objectives that align with nothing.
    pub not_aligned: Vec<CascadeNode>,
}

/// One objective and the objectives aligned with it.
#[derive(Debug, Clone, Serialize)]
pub struct CascadeNode {
    pub owner: String,
    pub kind: OwnerKind,
    pub objective: String,
    pub title: String,
    pub score: Option<Num>,
    pub band: Option<Band>,
    /// `OWNER/OBJECTIVE` it aligns with, as written in the file.
    pub aligns: Option<String>,
    pub children: Vec<CascadeNode>,
}

impl CascadeNode {
    /// `devrel/api-pain`
    pub fn path(&self) -> String {
        format!("{}/{}", self.owner, self.objective)
    }
}

impl CascadeView {
    /// The cascade of the objectives in `status` (its owners, as selected).
    pub fn build(status: &StatusView) -> CascadeView {
        let flat: Vec<CascadeNode> = status
            .owners
            .iter()
            .flat_map(|o| {
                o.objectives.iter().map(move |j| CascadeNode {
                    owner: o.owner.clone(),
                    kind: o.kind,
                    objective: j.id.clone(),
                    title: j.label().to_string(),
                    score: j.head.score,
                    band: j.head.band,
                    aligns: j.aligns.clone(),
                    children: Vec::new(),
                })
            })
            .collect();
        let index: HashMap<String, usize> = flat
            .iter()
            .enumerate()
            .map(|(i, n)| (n.path(), i))
            .collect();
        let parent: Vec<Option<usize>> = flat
            .iter()
            .map(|n| index.get(n.aligns.as_deref()?).copied())
            .collect();
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); flat.len()];
        for (child, p) in parent.iter().enumerate() {
            if let Some(p) = p {
                children[*p].push(child);
            }
        }
        let mut placed = vec![false; flat.len()];
        let take = |roots: Vec<usize>, placed: &mut [bool]| -> Vec<CascadeNode> {
            roots
                .into_iter()
                .filter_map(|i| subtree(i, &flat, &children, placed))
                .collect()
        };
        let top: Vec<usize> = (0..flat.len())
            .filter(|&i| flat[i].kind == OwnerKind::Company && flat[i].aligns.is_none())
            .collect();
        let objectives = take(top, &mut placed);
        let elsewhere: Vec<usize> = (0..flat.len())
            .filter(|&i| flat[i].aligns.is_some() && parent[i].is_none())
            .collect();
        let aligned_elsewhere = take(elsewhere, &mut placed);
        // Objectives that align with nothing; then, should the files hold an
        // alignment loop that the checks did not stop, what is left.
        let loose: Vec<usize> = (0..flat.len())
            .filter(|&i| flat[i].aligns.is_none())
            .chain(0..flat.len())
            .collect();
        let not_aligned = take(loose, &mut placed);
        CascadeView {
            quarter: status.quarter,
            heading: quarter_heading(status.quarter),
            as_of: status.as_of,
            person_files_left_out: status.person_files_left_out,
            objectives,
            aligned_elsewhere,
            not_aligned,
        }
    }
}

/// The node `i` with every not yet placed node aligned with it, in the
/// view's order (companies, teams, people; objectives as in their file).
fn subtree(
    i: usize,
    flat: &[CascadeNode],
    children: &[Vec<usize>],
    placed: &mut [bool],
) -> Option<CascadeNode> {
    if placed[i] {
        return None;
    }
    placed[i] = true;
    let mut node = flat[i].clone();
    node.children = children[i]
        .iter()
        .filter_map(|&c| subtree(c, flat, children, placed))
        .collect();
    Some(node)
}
