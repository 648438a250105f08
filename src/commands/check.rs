//! `okr check`: validate files, report every error and warning.

use anyhow::Result;

use crate::cli::{CheckArgs, CheckFormat};
use crate::config::{self, Config};
use crate::context::Context;
use crate::diagnostic::{Diagnostic, Pos, Rule, Span};
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
    let env = CiEnv {
        step_summary: (args.format == CheckFormat::Github)
            .then(|| ctx.github_step_summary.clone())
            .flatten(),
    };
    if let Some(exit) = bad_config(args, ctx, &env, output)? {
        return Ok(exit);
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
    render::diagnostics::report(&report, args.format, &env, output)?;
    Ok(Exit::from_failure(report.fails(args.strict)))
}

/// A bad `okr.toml` under a machine format: besides the error on stderr, a
/// problem in that format (an annotation, a Code Quality entry, a SARIF
/// result), so CI shows it where it shows every other; still exit status 2.
fn bad_config(
    args: &CheckArgs,
    ctx: &Context,
    env: &CiEnv,
    output: &mut Output,
) -> Result<Option<Exit>> {
    if args.format == CheckFormat::Text {
        return Ok(None);
    }
    let Ok(root) = ctx.okr_dir() else {
        return Ok(None);
    };
    let Err(error) = Config::load_located(&root) else {
        return Ok(None);
    };
    let file = ctx.display(&root.join(config::FILE_NAME));
    writeln!(output.err, "okr: error: {}", error.located(&file))?;
    let at = Pos {
        line: error.line,
        column: error.column,
    };
    let message = if error.unreadable {
        format!("cannot read okr.toml: {}", error.message)
    } else {
        error.message
    };
    let problem = Diagnostic::new(file, Span { start: at, end: at }, Rule::BadConfig, message);
    let report = CheckReport::new(0, vec![problem]);
    render::diagnostics::report(&report, args.format, env, output)?;
    Ok(Some(Exit::Usage))
}
