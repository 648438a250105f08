//! Fuzz target: any bytes, read as one OKR file, then checked against a
//! valid neighbour. The loader must never panic, and must explain every file
//! it could not read with a diagnostic that has a real position.

#![no_main]

use libfuzzer_sys::fuzz_target;
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
    assert!(
        files[1].valid().is_some() || files[0].okr.is_some(),
        "a broken file made its neighbour invalid"
    );
});
