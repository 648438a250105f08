//! Exit codes (`README.md#commands`), defined once, and the error for usage and
//! environment problems.

use std::fmt;
use std::process::ExitCode;

/// What a command concluded, as the process exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: everything read was valid (and, under `--strict`, free of warnings).
    Success,
    /// 1: some OKR file is invalid, or has warnings under `--strict`.
    Invalid,
    /// 2: usage or environment error: a bad flag, no OKR directory, an unreadable path.
    Usage,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Invalid => 1,
            Exit::Usage => 2,
        }
    }

    /// `Invalid` when `failed`, else `Success`.
    pub fn from_failure(failed: bool) -> Exit {
        if failed {
            Exit::Invalid
        } else {
            Exit::Success
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit.code())
    }
}

/// A usage or environment problem: exit status 2, message on stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_contract() {
        assert_eq!(Exit::Success.code(), 0);
        assert_eq!(Exit::Invalid.code(), 1);
        assert_eq!(Exit::Usage.code(), 2);
        assert_eq!(Exit::from_failure(true), Exit::Invalid);
        assert_eq!(Exit::from_failure(false), Exit::Success);
    }
}
