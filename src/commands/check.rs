//! `okr check`: validate files, report every error and warning.

use anyhow::Result;

use crate::cli::{CheckArgs, CheckFormat};
use crate::context::Context;
use crate::error::Exit;
use crate::render::diagnostics::CiEnv;
use crate::render::{self, Output};
use crate::view::check::{CheckReport, RuleList};
use crate::workspace::Keep;

pub fn run(args: &CheckArgs, ctx: &Context, output: &mut Output) -> Result<Exit> {
    if args.rules {
        render::diagnostics::rules(&RuleList::all(), args.format, output)?;
        return Ok(Exit::Success);
    }
    // Only diagnostics are shown: keep no text and no more of a model
    // than the checks across files read.
    let workspace = if args.paths.is_empty() {
        ctx.workspace_keeping(Keep::Index)?
    } else {
        ctx.workspace_of(&args.paths, Keep::Index)?
    };
    crate::commands::report_notes(&workspace, output)?;
    let report = CheckReport::new(workspace.files.len(), workspace.all_diagnostics());
    let env = CiEnv {
        step_summary: (args.format == CheckFormat::Github)
            .then(|| ctx.github_step_summary.clone())
            .flatten(),
    };
    render::diagnostics::report(&report, args.format, &env, output)?;
    Ok(Exit::from_failure(report.fails(args.strict)))
}
