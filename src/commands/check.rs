//! `okr check`: validate files, report every error and warning.

use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use crate::cli::{CheckArgs, CheckFormat};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Exit;
use crate::render;
use crate::source;
use crate::Output;

/// What `okr check` found: the JSON of FORMAT.md section 6 and the text report.
#[derive(Debug, Serialize)]
pub struct CheckReport {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub diagnostics: Vec<Diagnostic>,
}

impl CheckReport {
    pub fn new(files: usize, diagnostics: Vec<Diagnostic>) -> CheckReport {
        let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
        CheckReport {
            files,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            diagnostics,
        }
    }
}

pub fn run(args: &CheckArgs, dir: Option<&Path>, output: &mut Output) -> Result<Exit> {
    let workspace = if args.paths.is_empty() {
        source::load_dir(&source::find_okr_dir(dir)?)
    } else {
        // The OKR directory, when there is one, gives the cross-file checks their context.
        let context = source::find_okr_dir(dir).ok();
        source::load_given(&args.paths, context.as_deref())?
    };
    let report = CheckReport::new(workspace.files.len(), workspace.all_diagnostics());
    match args.format {
        CheckFormat::Text => render::check::text(&report, output.color_out, output.out)?,
        CheckFormat::Json => render::json(&report, output.out)?,
    }
    Ok(Exit::from_failure(
        report.errors > 0 || (args.strict && report.warnings > 0),
    ))
}
