//! Reading many blobs with one `git cat-file --batch`.

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::ops::ControlFlow;
use std::path::Path;
use std::process::Stdio;

use super::{drain_stderr, finish, git, History};

/// Blobs larger than this are not read: the loader's bound on an OKR file
/// (`load::MAX_FILE_BYTES`), kept here so a history read is bounded alike.
const MAX_BLOB_BYTES: u64 = 32 * 1024 * 1024;

/// Reads the blobs `ids` with one `git cat-file --batch`; blobs that are
/// missing or over [`MAX_BLOB_BYTES`] are left out.
pub(super) fn cat_blobs(
    okr_dir: &Path,
    ids: Vec<String>,
) -> Result<HashMap<String, String>, History> {
    let mut blobs = HashMap::new();
    if ids.is_empty() {
        return Ok(blobs);
    }
    let mut child = git(okr_dir)
        // `--buffer`: answers are not flushed one by one; we read them all.
        .args(["cat-file", "--batch", "--buffer"])
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|err| History::Unavailable {
            note: format!("git history is unavailable: cannot run `git cat-file`: {err}"),
        })?;
    let stderr = drain_stderr(&mut child);
    // Written from a thread: git answers as it reads, and with both pipes
    // full neither side would move.
    let writer = child.stdin.take().map(|mut stdin| {
        std::thread::spawn(move || {
            let mut requests = String::with_capacity(ids.len() * 41);
            for id in &ids {
                requests.push_str(id);
                requests.push('\n');
            }
            // A write error means git stopped early; its status says why.
            let _ = stdin.write_all(requests.as_bytes());
        })
    });
    let read = match child.stdout.take() {
        Some(stdout) => read_batch(BufReader::with_capacity(1 << 16, stdout), &mut blobs),
        None => Ok(0),
    };
    if let Some(writer) = writer {
        let _ = writer.join();
    }
    let missing = read.as_ref().map_or(0, |missing| *missing);
    finish(
        child,
        stderr,
        "cat-file",
        read.map(|_| ControlFlow::Continue(())),
    )?;
    if missing > 0 {
        // Leaving a version out would compare its neighbours across it and
        // date their difference wrongly.
        return Err(History::Unavailable {
            note: format!(
                "git history is unavailable: {missing} file versions are not in this clone \
                 (a partial clone?); fetch them with `git fetch --refetch`, or clone without `--filter`"
            ),
        });
    }
    Ok(blobs)
}

/// Reads `git cat-file --batch` answers: `ID TYPE SIZE`, the content, a newline;
/// or `NAME missing`. Returns how many were missing.
fn read_batch(mut out: impl BufRead, blobs: &mut HashMap<String, String>) -> io::Result<usize> {
    let mut header = String::new();
    let mut missing = 0;
    loop {
        header.clear();
        if out.read_line(&mut header)? == 0 {
            return Ok(missing);
        }
        let mut fields = header.split_whitespace();
        let (Some(id), Some(kind), Some(size)) = (fields.next(), fields.next(), fields.next())
        else {
            missing += 1; // `ID missing`
            continue;
        };
        let Ok(size) = size.parse::<u64>() else {
            return Err(io::Error::other(format!("unexpected answer `{header}`")));
        };
        if kind != "blob" || size > MAX_BLOB_BYTES {
            io::copy(&mut (&mut out).take(size + 1), &mut io::sink())?;
            continue;
        }
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0) + 1);
        (&mut out).take(size + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 != size + 1 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        bytes.pop();
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        // Texts are large and many: keep the bytes read, without a copy.
        let text = String::from_utf8(bytes)
            .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned());
        blobs.insert(id.to_string(), text);
    }
}
