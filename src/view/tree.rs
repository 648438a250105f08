//! The one owner → objective → key-result tree every view is made of,
//! walked once: each view says what it computes at each level (a
//! [`Figures`]), and [`walk`] builds the tree, keeping in a person's view only
//! the key results they own and the objectives that hold them.

use serde::Serialize;

use crate::model::{KeyResult, Objective, OwnerKind};
use crate::view::Selected;

/// An owner: who, which file, the view's figures, the objectives.
#[derive(Debug, Clone, Serialize)]
pub struct OwnerNode<H, O, K> {
    pub owner: String,
    pub kind: OwnerKind,
    /// The path as in diagnostics.
    pub file: String,
    #[serde(flatten)]
    pub head: H,
    pub objectives: Vec<ObjectiveNode<O, K>>,
}

/// An objective: its identity, the view's figures, its key results.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveNode<O, K> {
    pub id: String,
    pub title: Option<String>,
    pub committed: bool,
    pub aligns: Option<String>,
    #[serde(flatten)]
    pub head: O,
    pub key_results: Vec<KrNode<K>>,
}

/// A key result: its identity and the view's figures.
#[derive(Debug, Clone, Serialize)]
pub struct KrNode<K> {
    pub id: String,
    pub title: Option<String>,
    pub owner: Option<String>,
    pub unit: Option<String>,
    #[serde(flatten)]
    pub figures: K,
}

impl<K> KrNode<K> {
    /// The title, or the id for a key result written without one.
    pub fn label(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.id)
    }
}

impl<O, K> ObjectiveNode<O, K> {
    pub fn label(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.id)
    }
}

/// What a view computes at each level of the tree.
pub trait Figures {
    type Owner;
    type Objective;
    type Kr;

    fn key_result(&self, s: &Selected, objective: &Objective, kr: &KeyResult) -> Self::Kr;

    /// From every key result of the objective (a person's view included:
    /// an objective's figures are its own, whoever looks).
    fn objective(
        &self,
        s: &Selected,
        objective: &Objective,
        krs: &[KrNode<Self::Kr>],
    ) -> Self::Objective;

    /// From every objective of the owner's file.
    fn owner(
        &self,
        s: &Selected,
        objectives: &[ObjectiveNode<Self::Objective, Self::Kr>],
    ) -> Self::Owner;
}

/// Builds the tree of `selected` with `figures`.
pub fn walk<F: Figures>(
    selected: &[Selected],
    figures: &F,
) -> Vec<OwnerNode<F::Owner, F::Objective, F::Kr>> {
    selected
        .iter()
        .map(|s| {
            let all: Vec<ObjectiveNode<F::Objective, F::Kr>> = s
                .okr
                .objectives
                .iter()
                .map(|objective| {
                    let key_results: Vec<KrNode<F::Kr>> = objective
                        .key_results
                        .iter()
                        .map(|kr| KrNode {
                            id: kr.id.to_string(),
                            title: kr.title.clone(),
                            owner: kr.owner.as_ref().map(ToString::to_string),
                            unit: kr.unit.clone(),
                            figures: figures.key_result(s, objective, kr),
                        })
                        .collect();
                    ObjectiveNode {
                        id: objective.id.to_string(),
                        title: objective.title.clone(),
                        committed: objective.committed,
                        aligns: objective.aligns.as_ref().map(ToString::to_string),
                        head: figures.objective(s, objective, &key_results),
                        key_results,
                    }
                })
                .collect();
            let head = figures.owner(s, &all);
            let objectives = match s.only_owned_by {
                None => all,
                Some(_) => all
                    .into_iter()
                    .zip(&s.okr.objectives)
                    .filter_map(|(mut node, objective)| {
                        let mut keep = objective.key_results.iter().map(|kr| s.includes(kr));
                        node.key_results.retain(|_| keep.next().unwrap_or(false));
                        (!node.key_results.is_empty()).then_some(node)
                    })
                    .collect(),
            };
            OwnerNode {
                owner: s.owner.to_string(),
                kind: s.kind,
                file: s.file.display.clone(),
                head,
                objectives,
            }
        })
        .collect()
}

/// A key result in its place: owner, objective, key result.
pub type Place<'a, H, O, K> = (
    &'a OwnerNode<H, O, K>,
    &'a ObjectiveNode<O, K>,
    &'a KrNode<K>,
);

/// Every key result of a tree, with its owner and objective.
pub fn key_results<H, O, K>(
    owners: &[OwnerNode<H, O, K>],
) -> impl Iterator<Item = Place<'_, H, O, K>> {
    owners.iter().flat_map(|owner| {
        owner.objectives.iter().flat_map(move |objective| {
            objective
                .key_results
                .iter()
                .map(move |kr| (owner, objective, kr))
        })
    })
}
