//! Fuzz target: the fast path against serde_yaml. Whenever
//! `okr::source::fast::parse` reads a file, serde_yaml must read the same
//! model from it (compared by Debug, which prints every field and the exact
//! value of every float); where the fast path is unsure it must decline.
//! Neither may panic, hang or blow up memory.

#![no_main]

use libfuzzer_sys::fuzz_target;
use okr::model::OkrFile;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(fast) = okr::source::fast::parse(text) else {
        return;
    };
    let fast = format!("{fast:?}");
    match serde_yaml::from_str::<OkrFile>(text) {
        Ok(slow) => assert_eq!(
            fast,
            format!("{slow:?}"),
            "the fast path read this differently from serde_yaml:\n{text:?}"
        ),
        Err(e) => panic!("the fast path read what serde_yaml refuses ({e}):\n{text:?}"),
    }
});
