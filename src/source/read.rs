//! Reading a file's bytes, bounded, and decoding them as UTF-8 text.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use crate::diagnostic::{Pos, Rule};

/// Files larger than this are refused unread: no OKR file comes near it, and
/// reading one would only cost memory.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Why a file could not be read.
pub type ReadError = (Pos, Rule, String);

/// The bytes of a regular file of at most [`MAX_FILE_BYTES`].
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    let unreadable = |err: io::Error| {
        (
            Pos::START,
            Rule::Unreadable,
            format!("cannot read this file: {}", describe_io(&err)),
        )
    };
    let meta = fs::metadata(path).map_err(unreadable)?;
    // A pipe or device named `*.yaml` would block the read or never end.
    if !meta.is_file() {
        return Err((
            Pos::START,
            Rule::Unreadable,
            "this is not a regular file (a pipe, socket or device?), so it was not read"
                .to_string(),
        ));
    }
    let too_big = |size: u64| {
        (
            Pos::START,
            Rule::Unreadable,
            format!(
                "this file is {} MB; OKR files are far smaller (the limit is {} MB), so it was not read",
                size.div_ceil(1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    // The file may grow after the size was read: never read past the limit.
    // Sized from the metadata: one read, no probing and regrowing.
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The file's text: UTF-8, without a byte-order mark.
pub fn decode(bytes: &[u8]) -> Result<&str, ReadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|err| {
        let valid = bytes.get(..err.valid_up_to()).unwrap_or_default();
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(valid.get(line_start..).unwrap_or_default())
            .chars()
            .count()
            + 1;
        (
            Pos { line, column },
            Rule::NotUtf8,
            "this file is not UTF-8 text (is it binary, or saved in another encoding?): save it as UTF-8".to_string(),
        )
    })
}

/// An I/O error in words, without the "(os error 13)" noise.
pub fn describe_io(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let text = err.to_string();
            match text.split_once(" (os error") {
                Some((words, _)) => words.to_string(),
                None => text,
            }
        }
    }
}
