//! The source room: find the OKR files, read them (bounded), guard and parse
//! them into the model, and say where in the text a problem is. It reads
//! bytes from disk or from any other source (a git blob) and never runs checks.

pub mod discover;
pub mod fast;
pub mod file;
pub mod git;
pub mod guard;
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
