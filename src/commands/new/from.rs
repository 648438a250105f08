//! `okr new … --from QUARTER`: the owner's file for the next quarter, carried
//! over from an earlier one, checked before it is written.

use anyhow::Result;

use crate::context::Context;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::UsageError;
use crate::model::schema;
use crate::model::{OwnerKind, Quarter, Slug};
use crate::render;
use crate::template;
use crate::view::next_quarter;

/// The text of `name`'s file for `quarter`, from their valid file for
/// `from`; the errors of that file when it is invalid.
pub(super) fn carried_over(
    kind: OwnerKind,
    name: &Slug,
    from: Quarter,
    quarter: Quarter,
    relative: &str,
    ctx: &Context,
) -> Result<Result<String, Vec<Diagnostic>>> {
    if (from.year(), from.number()) >= (quarter.year(), quarter.number()) {
        return Err(UsageError(format!(
            "--from {from} must be a quarter before {quarter}, the one to write"
        ))
        .into());
    }
    let workspace = ctx.workspace()?;
    let claim = Some((from.to_string(), name.to_string()));
    let files: Vec<_> = workspace
        .files
        .iter()
        .filter(|f| f.claims() == claim)
        .collect();
    let errors: Vec<Diagnostic> = files
        .iter()
        .flat_map(|f| &f.diagnostics)
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let Some(old) = files.first().and_then(|f| f.valid()) else {
        return Err(
            UsageError(format!("`{name}` has no OKR file for {from} to start from")).into(),
        );
    };
    if let Some((was, _)) = old.owner().filter(|(was, _)| *was != kind) {
        return Err(UsageError(format!(
            "`{name}` is a {was} in {from}: run `okr new {was} {name} --from {from}`"
        ))
        .into());
    }
    let next = next_quarter::build(old, quarter, &workspace).ok_or_else(|| {
        UsageError(format!(
            "every key result of `{name}` in {from} was dropped: nothing to carry over; run `okr new {kind} {name}` for a template"
        ))
    })?;
    let modeline = schema::modeline(&template::schema_reference(relative));
    let text = render::next_quarter::yaml(&next, &modeline);
    // Written only when valid: a bug here must not leave a broken file.
    // Read as every command reads a file (the directory's fiscal calendar).
    let problems =
        crate::workspace::parse_and_check(relative, &text, &workspace.config, true).diagnostics;
    if let Some(d) = problems.iter().find(|d| d.severity == Severity::Error) {
        return Err(anyhow::anyhow!(
            "the file made from {from} would not be valid, so it was not written (a bug in okr; please report it): {}",
            render::diagnostics::line(d, false)
        ));
    }
    Ok(Ok(text))
}
