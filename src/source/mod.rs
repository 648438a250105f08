//! The source room: find the OKR files, read them (bounded), guard and parse
//! them into the model, and say where in the text a problem is. It reads
//! bytes from disk or from any other source (a git blob) and never runs checks.

pub mod discover;
pub mod document;
pub mod fast;
pub mod file;
pub mod git;
pub mod guard;
pub mod lenient;
pub mod locate;
pub mod parse;
pub mod read;
pub mod sniff;
pub mod walk;
pub mod yaml_error;

pub use discover::{display_path, find_okr_dir};

pub use file::{Index, LoadedFile};
pub use parse::{parse, Identity, Parsed};
pub use read::describe_io;

/// Every reading of a whole text by a parser on this thread (the fast path,
/// the spanned document, serde_yaml), for the tests that count parses.
#[cfg(test)]
pub mod reads {
    use std::cell::RefCell;

    thread_local! {
        static LOG: RefCell<Vec<(&'static str, usize)>> = const { RefCell::new(Vec::new()) };
    }

    /// Notes that `reader` read `source`.
    pub fn note(reader: &'static str, source: &str) {
        LOG.with(|log| log.borrow_mut().push((reader, source.len())));
    }

    /// The readings noted since the last call: (reader, length of the text).
    pub fn take() -> Vec<(&'static str, usize)> {
        LOG.with(|log| std::mem::take(&mut *log.borrow_mut()))
    }
}
