//! The views of `okr init` and `okr new`: what was written, file by file.

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Created,
    /// It was there already; left as is.
    Exists,
    /// Not written, and why.
    Skipped(String),
}

#[derive(Debug)]
pub struct Entry {
    /// The path as shown to the user.
    pub path: String,
    pub outcome: Outcome,
    /// Advice about this file, e.g. an outdated schema.
    pub note: Option<String>,
}

/// What `okr init` did, file by file.
#[derive(Debug)]
pub struct InitReport {
    pub dir: String,
    pub entries: Vec<Entry>,
    /// How to point `okr` at a directory it will not find by itself.
    pub dir_hint: Option<String>,
}

/// What `okr new` wrote.
#[derive(Debug)]
pub struct NewReport {
    /// The path written, as shown to the user.
    pub path: String,
    /// Advice, e.g. a missing schema.
    pub notes: Vec<String>,
}
