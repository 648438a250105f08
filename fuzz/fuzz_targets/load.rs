//! Fuzz target: any bytes, read as one OKR file, then checked against a
//! valid neighbour. The loader must never panic, and must explain every file
//! it could not read with a diagnostic that has a real position.

#![no_main]

use libfuzzer_sys::fuzz_target;
use okr::diagnostic::{Rule, Severity};
use okr::source::LoadedFile;
use okr::workspace::load_bytes;

const NEIGHBOUR: &str = "quarter: 2026-Q4\nteam: good\nobjectives:\n  - id: o\n    title: Users are happy\n    key_results:\n      - id: nps\n        title: NPS rises from 10 to 40\n        baseline: 10\n        target: 40\n        current: 25\n";

fuzz_target!(|data: &[u8]| {
    let file = load_bytes("okrs/fuzz.yaml".into(), data);
    assert!(
        file.okr.is_some() || !file.diagnostics.is_empty(),
        "a file that did not parse has no diagnostic"
    );
    for d in &file.diagnostics {
        assert!(d.line() >= 1 && d.column() >= 1, "{d}");
        assert!(!d.message.is_empty());
    }
    // The cross-file checks (aligns, one file per owner) on the result.
    let neighbour = load_bytes("okrs/good.yaml".into(), NEIGHBOUR.as_bytes());
    let mut files: Vec<LoadedFile> = vec![file, neighbour];
    let index = okr::source::Index::build(&files);
    let _notes = okr::check::across::check(&mut files, &index, &okr::config::Config::default(), true);
    // A broken file still claims the owner its top-level lines name
    // (`scan_identity`), and every file claiming one owner and quarter is a
    // duplicate owner, valid or not (`Index`): one that claims the
    // neighbour's (`quarter: 2026-Q4` and `company:good` is enough) gives
    // the neighbour that error, by design. Nothing else may reach it.
    let claims_neighbour = files[0].claims() == files[1].claims();
    let only_duplicate_owner = files[1]
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .all(|d| d.rule == Rule::DuplicateOwner);
    assert!(
        files[1].valid().is_some()
            || files[0].okr.is_some()
            || (claims_neighbour && only_duplicate_owner),
        "a broken file made its neighbour invalid"
    );
});
