//! `okr lsp` driven over stdio as an editor drives it: a small client in the
//! test speaks the protocol (Content-Length framing) to the real binary.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::{okr, shipped_okrs};

const WAIT: Duration = Duration::from_secs(20);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    /// Notifications seen while waiting for something else.
    seen: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start(cwd: &Path) -> Client {
        let binary = assert_cmd::cargo::cargo_bin("okr");
        let mut child = Command::new(binary)
            .arg("lsp")
            .current_dir(cwd)
            .env_remove("OKR_DIR")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = Some(n.parse::<usize>().unwrap());
                    }
                }
                let mut body = vec![0; length.unwrap()];
                reader.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let stdin = child.stdin.take();
        Client {
            child,
            stdin,
            messages,
            seen: Vec::new(),
            next_id: 1,
        }
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        let framed = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.send_raw(framed.as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn next(&mut self) -> Value {
        self.messages
            .recv_timeout(WAIT)
            .expect("the server answers in time")
    }

    /// Sends a request and waits for its response (the whole message).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.next();
            if message["id"] == json!(id) && message.get("method").is_none() {
                return message;
            }
            self.seen.push(message);
        }
    }

    fn initialize(&mut self, capabilities: Value) -> Value {
        let response = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
        );
        self.notify("initialized", json!({}));
        response
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        if let Some(i) = self.seen.iter().position(|m| is_publish(m, uri)) {
            let message = self.seen.remove(i);
            return message["params"]["diagnostics"].as_array().unwrap().clone();
        }
        loop {
            let message = self.next();
            if is_publish(&message, uri) {
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
            self.seen.push(message);
        }
    }

    /// Shuts the server down; its exit status and stderr.
    fn shutdown(mut self) -> (Option<i32>, String) {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null);
        self.finish()
    }

    fn finish(mut self) -> (Option<i32>, String) {
        drop(self.stdin.take());
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                let mut err = String::new();
                self.child
                    .stderr
                    .take()
                    .unwrap()
                    .read_to_string(&mut err)
                    .unwrap();
                return (status.code(), err);
            }
            assert!(start.elapsed() < WAIT, "the server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn is_publish(message: &Value, uri: &str) -> bool {
    message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri
}

/// A copy of the shipped `okrs/` in a temporary folder (real path).
fn shipped_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    copy_dir(&shipped_okrs(), &root.join("okrs"));
    (dir, root)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// What `okr check` says of `relative` in a copy of `root`'s `okrs/` where
/// the files in `texts` hold those texts instead: as LSP diagnostics would
/// say it (0-based lines; columns in UTF-16 units of the text).
fn check_on(root: &Path, texts: &[(&str, &str)], relative: &str) -> Vec<Value> {
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&root.join("okrs"), &copy.path().join("okrs"));
    for (path, text) in texts {
        std::fs::write(copy.path().join(path), text).unwrap();
    }
    let output = okr()
        .current_dir(copy.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let text = texts.iter().find(|(p, _)| *p == relative).map_or_else(
        || std::fs::read_to_string(root.join(relative)).unwrap(),
        |(_, t)| t.to_string(),
    );
    let at = |line: &Value, column: &Value| {
        let line = line.as_u64().unwrap() as usize - 1;
        let column = column.as_u64().unwrap() as usize - 1;
        let chars: Vec<char> = text.split('\n').nth(line).unwrap_or("").chars().collect();
        let units: usize = (0..column)
            .map(|i| chars.get(i).map_or(1, |c| c.len_utf16()))
            .sum();
        json!({"line": line, "character": units})
    };
    let mut found: Vec<Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == relative)
        .map(|d| {
            json!({
                "range": {"start": at(&d["line"], &d["column"]), "end": at(&d["end_line"], &d["end_column"])},
                "severity": if d["severity"] == "error" { 1 } else { 2 },
                "code": d["rule"],
                "message": d["message"],
            })
        })
        .collect();
    found.sort_by_key(Value::to_string);
    found
}

/// The LSP diagnostics reduced to what `okr check` says.
fn comparable(diagnostics: &[Value]) -> Vec<Value> {
    let mut found: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            json!({"range": d["range"], "severity": d["severity"], "code": d["code"], "message": d["message"]})
        })
        .collect();
    found.sort_by_key(Value::to_string);
    found
}

const DEVREL: &str = "okrs/2026-Q4/devrel.yaml";
const PLATFORM: &str = "okrs/2026-Q4/platform.yaml";
const ACME: &str = "okrs/2026-Q4/acme.yaml";

/// The whole round: initialize (UTF-16 by default), open a shipped file,
/// diagnostics equal to `okr check`'s, an unsaved broken edit, and
/// shutdown then exit with status 0.
#[test]
fn diagnostics_are_those_of_check_on_the_unsaved_text() {
    let (_dir, root) = shipped_copy();
    let mut client = Client::start(&root);
    let init = client.initialize(json!({}));
    assert_eq!(
        init["result"]["capabilities"]["positionEncoding"], "utf-16",
        "{init}"
    );
    let path = root.join(DEVREL);
    let text = std::fs::read_to_string(&path).unwrap();
    client.open(&uri(&path), &text);
    let first = client.diagnostics(&uri(&path));
    assert_eq!(comparable(&first), check_on(&root, &[], DEVREL));
    assert!(first.is_empty(), "the shipped example is clean: {first:?}");

    // Unsaved and broken: a misspelt key, a wrong type with a non-ASCII
    // character before it on the line, a half-typed last line.
    let broken = text
        .replacen("    title: Integrating", "    titel: Integrating", 1)
        .replacen("baseline: 120", "baseline: \"é120 tickets\"", 1)
        + "  - id: half\n    key_results: [\n";
    client.change(&uri(&path), 2, &broken);
    let found = client.diagnostics(&uri(&path));
    assert!(!found.is_empty());
    assert_eq!(
        comparable(&found),
        check_on(&root, &[(DEVREL, &broken)], DEVREL)
    );
    assert!(found.iter().all(|d| d["source"] == "okr"));
    // The file on disk is untouched.
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);

    // Less broken: the last line gone, so the semantic rules speak again.
    let typo = text.replacen("    title: Integrating", "    titel: Integrating", 1);
    client.change(&uri(&path), 3, &typo);
    let found = client.diagnostics(&uri(&path));
    assert_eq!(
        comparable(&found),
        check_on(&root, &[(DEVREL, &typo)], DEVREL)
    );
    assert_eq!(found[0]["code"], "unknown_key");

    let (status, err) = client.shutdown();
    assert_eq!(status, Some(0), "{err}");
}

/// Renaming an objective in one open file re-publishes the diagnostics of
/// the open files that align with it, before anything is saved.
#[test]
fn a_change_rechecks_the_files_aligned_with_it() {
    let (_dir, root) = shipped_copy();
    let mut client = Client::start(&root);
    client.initialize(json!({}));
    let (acme, devrel) = (root.join(ACME), root.join(DEVREL));
    let acme_text = std::fs::read_to_string(&acme).unwrap();
    client.open(&uri(&devrel), &std::fs::read_to_string(&devrel).unwrap());
    assert_eq!(client.diagnostics(&uri(&devrel)), Vec::<Value>::new());
    client.open(&uri(&acme), &acme_text);
    assert_eq!(client.diagnostics(&uri(&acme)), Vec::<Value>::new());

    let renamed = acme_text.replacen("id: developer-love", "id: developer-joy", 1);
    assert_ne!(renamed, acme_text);
    client.change(&uri(&acme), 2, &renamed);
    let found = client.diagnostics(&uri(&devrel));
    assert!(
        found
            .iter()
            .any(|d| d["code"] == "aligns_unknown_objective"),
        "{found:?}"
    );
    assert_eq!(
        comparable(&found),
        check_on(&root, &[(ACME, &renamed)], DEVREL)
    );

    // Closed unsaved: the file on disk counts again, the finding goes.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri(&acme)}}),
    );
    assert_eq!(client.diagnostics(&uri(&acme)), Vec::<Value>::new());
    assert_eq!(client.diagnostics(&uri(&devrel)), Vec::<Value>::new());
    let (status, err) = client.shutdown();
    assert_eq!(status, Some(0), "{err}");
}

/// Positions follow the encoding the client offers.
#[test]
fn positions_follow_the_negotiated_encoding() {
    let (_dir, root) = shipped_copy();
    let path = root.join(PLATFORM);
    let text =
        std::fs::read_to_string(&path)
            .unwrap()
            .replacen("baseline:", "baseline: \"😀é\" #", 1);
    let mut widths = Vec::new();
    for (offered, name) in [
        (json!(["utf-8", "utf-16"]), "utf-8"),
        (json!(["utf-32"]), "utf-32"),
        (json!(["utf-16"]), "utf-16"),
    ] {
        let mut client = Client::start(&root);
        let init = client.initialize(json!({"general": {"positionEncodings": offered}}));
        assert_eq!(init["result"]["capabilities"]["positionEncoding"], name);
        client.open(&uri(&path), &text);
        let found = client.diagnostics(&uri(&path));
        let wrong = found
            .iter()
            .find(|d| d["code"] == "wrong_type")
            .unwrap_or_else(|| panic!("{found:?}"));
        let range = &wrong["range"];
        let span = range["end"]["character"].as_u64().unwrap()
            - range["start"]["character"].as_u64().unwrap();
        widths.push(span);
        let (status, _) = client.shutdown();
        assert_eq!(status, Some(0));
    }
    // 😀 is 4 UTF-8 bytes, 2 UTF-16 units, 1 character; é 2, 1, 1.
    let (utf8, utf32, utf16) = (widths[0], widths[1], widths[2]);
    assert_eq!((utf8 - utf32, utf16 - utf32), (4, 1), "{widths:?}");
}

/// Garbage is normal input: bad parameters, unknown methods, text that is
/// not YAML, a file outside any OKR directory; the server answers on, and
/// a broken frame ends it promptly instead of hanging it.
#[test]
fn garbage_never_stops_the_server() {
    let (_dir, root) = shipped_copy();
    let mut client = Client::start(&root);
    client.initialize(json!({}));
    client.notify("textDocument/didOpen", json!({"nonsense": true}));
    client.notify("textDocument/didChange", json!(42));
    client.notify("$/unknown", json!({}));
    let answer = client.request("okr/nothing", json!({}));
    assert!(answer["error"].is_object(), "{answer}");
    let answer = client.request("textDocument/hover", json!("garbage"));
    assert!(
        answer.get("error").is_some() || answer.get("result").is_some(),
        "{answer}"
    );
    let path = root.join(DEVREL);
    for (version, text) in [
        "\u{0}\u{1}binary\u{fffd}",
        "quarter: [[[[[[[[[[",
        "\t- : : :\n  - &a [*a]\n",
        &"[".repeat(5000),
        "quarter: 2026-Q4\nteam: devrel\nobjectives:\n  - id: x\n    key_results:\n      - id",
        "",
    ]
    .into_iter()
    .enumerate()
    {
        client.change(&uri(&path), version as i64, text);
        client.open(&uri(&path), text);
        let found = client.diagnostics(&uri(&path));
        assert!(!found.is_empty(), "{text:?}");
    }
    let loose = root.join("loose.yaml");
    client.open(&uri(&loose), "quarter: 2026-Q9\n");
    let found = client.diagnostics(&uri(&loose));
    assert!(
        found.iter().any(|d| d["code"] == "bad_quarter"),
        "{found:?}"
    );
    let answer = client.request("okr/still-there", json!({}));
    assert!(answer["error"].is_object());
    // A broken frame: the connection cannot go on; the server ends.
    client.send_raw(b"Content-Length: nope\r\n\r\n{}");
    let (status, err) = client.finish();
    assert_ne!(status, Some(0));
    assert!(err.contains("okr"), "{err}");
}

/// Exit without shutdown: status 1, as the protocol says.
#[test]
fn exit_without_shutdown_is_status_one() {
    let (_dir, root) = shipped_copy();
    let mut client = Client::start(&root);
    client.initialize(json!({}));
    client.notify("exit", Value::Null);
    let (status, _) = client.finish();
    assert_eq!(status, Some(1));
}
