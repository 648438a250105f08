//! The `okr` binary: parse the command line, run, turn the outcome into an exit code.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use okr::render::escape::Guard;

// Parsing YAML makes many small allocations: mimalloc serves them faster than
// the system allocator (about a quarter of the time went to malloc and free).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A panic is a bug in okr, never the user's doing: one line that says so,
    // without the backtrace hint. (The loader also catches panics per file, so
    // the other files are still read.)
    std::panic::set_hook(Box::new(|info| {
        let _ = writeln!(
            io::stderr(),
            "okr: internal error (a bug: please report it): {info}"
        );
    }));
    let cli = okr::context::parse_cli(std::env::args_os().collect());
    if matches!(cli.command, okr::cli::Command::Lsp) {
        // The server writes the protocol to stdout itself (from its writer
        // thread): stdout must not be locked here.
        let mut err = Guard::new(QuietPipe::new(io::stderr()));
        return okr::run(cli, &mut io::sink(), &mut err).into();
    }
    // The guard sits above the buffer, so it sees whole pieces of output (a
    // colour code is never cut in two) and nothing unsafe reaches the buffer.
    let mut out = Guard::new(BufWriter::with_capacity(
        64 * 1024,
        QuietPipe::new(io::stdout().lock()),
    ));
    // stderr stays unlocked: the panic hook, on any thread, must be able to write.
    let mut err = Guard::new(QuietPipe::new(io::stderr()));
    let exit = okr::run(cli, &mut out, &mut err);
    let _ = out.flush();
    exit.into()
}

/// A stream that goes quiet when its reader has gone (`okr status | head -1`):
/// the rest of the output is dropped without a word, the command still
/// finishes, and its exit status stays true (1 for invalid files, even then).
struct QuietPipe<W: Write> {
    inner: W,
    closed: bool,
}

impl<W: Write> QuietPipe<W> {
    fn new(inner: W) -> Self {
        QuietPipe {
            inner,
            closed: false,
        }
    }

    fn quiet<T>(&mut self, result: io::Result<T>, done: T) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(done)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for QuietPipe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let result = self.inner.write(buf);
        self.quiet(result, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.flush();
        self.quiet(result, ())
    }
}
