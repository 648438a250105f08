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

/// A 0-based UTF-16 position of `text` as a byte offset.
fn offset(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let start: usize = text.split('\n').take(line).map(|l| l.len() + 1).sum();
    let row = text.split('\n').nth(line).unwrap_or("");
    let mut units = 0;
    for (i, c) in row.char_indices() {
        if units >= character {
            return start + i;
        }
        units += c.len_utf16();
    }
    start + row.len()
}

/// `text` with the edits of a workspace edit for `uri` applied.
fn apply(text: &str, edit: &Value, uri: &str) -> String {
    let mut edits = edit["changes"][uri].as_array().unwrap().clone();
    edits.sort_by_key(|e| std::cmp::Reverse(offset(text, &e["range"]["start"])));
    let mut text = text.to_string();
    for e in edits {
        let (start, end) = (
            offset(&text, &e["range"]["start"]),
            offset(&text, &e["range"]["end"]),
        );
        text.replace_range(start..end, e["newText"].as_str().unwrap());
    }
    text
}

/// The 0-based position just past `needle` in `text`.
fn after(text: &str, needle: &str) -> Value {
    let at = text.find(needle).unwrap() + needle.len();
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": text[start..at].encode_utf16().count()})
}

fn labels(response: &Value) -> Vec<String> {
    response["result"]
        .as_array()
        .unwrap_or_else(|| panic!("{response}"))
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

/// Completion of `aligns:`, a key result's `owner:`, a person's `team:` and
/// `quarter:`, from the directory as the open buffers make it.
#[test]
fn completion_offers_objectives_people_teams_and_the_quarter() {
    let (_dir, root) = shipped_copy();
    let mut client = Client::start(&root);
    client.initialize(json!({}));
    let path = root.join(DEVREL);
    let u = uri(&path);
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("aligns: acme/developer-love", "aligns: ac", 1)
        .replacen("owner: alice", "owner: ", 1);
    client.open(&u, &text);
    client.diagnostics(&u);
    let position = |needle| json!({"textDocument": {"uri": u}, "position": after(&text, needle)});

    let response = client.request("textDocument/completion", position("aligns: ac"));
    let found = labels(&response);
    assert!(
        found.contains(&"acme/developer-love".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"platform/self-serve".to_string())
            || found.iter().any(|l| l.starts_with("platform/")),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|l| l.starts_with("devrel/")),
        "not its own: {found:?}"
    );
    let item = &response["result"][found
        .iter()
        .position(|l| l == "acme/developer-love")
        .unwrap()];
    assert!(
        item["detail"].as_str().is_some_and(|t| !t.is_empty()),
        "{item}"
    );
    // The edit replaces what is typed of the value.
    assert_eq!(item["textEdit"]["range"]["start"], after(&text, "aligns: "));

    let found = labels(&client.request("textDocument/completion", position("owner: ")));
    assert!(found.contains(&"alice".to_string()), "{found:?}");
    assert!(
        !found.contains(&"devrel".to_string()),
        "people only: {found:?}"
    );

    let found = labels(&client.request("textDocument/completion", position("quarter: ")));
    let today = chrono::Local::now().date_naive();
    assert_eq!(found, [okr::model::Quarter::containing(today).to_string()]);

    let person = root.join("okrs/2026-Q4/people/alice.yaml");
    let person_text =
        std::fs::read_to_string(&person)
            .unwrap()
            .replacen("team: devrel", "team: ", 1);
    client.open(&uri(&person), &person_text);
    client.diagnostics(&uri(&person));
    let found = labels(&client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri(&person)}, "position": after(&person_text, "team: ")}),
    ));
    assert!(
        found.contains(&"devrel".to_string()) && found.contains(&"platform".to_string()),
        "{found:?}"
    );
    assert!(!found.contains(&"alice".to_string()), "{found:?}");
    let (status, err) = client.shutdown();
    assert_eq!(status, Some(0), "{err}");
}

/// Hover on a key result gives its figures; on an objective, its score.
#[test]
fn hover_gives_the_figures_of_today() {
    let (_dir, root) = shipped_copy();
    let mut client = Client::start(&root);
    client.initialize(json!({}));
    let path = root.join(DEVREL);
    let u = uri(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    client.open(&u, &text);
    client.diagnostics(&u);
    let hover = |client: &mut Client, needle| {
        let response = client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": u}, "position": after(&text, needle)}),
        );
        response["result"]["contents"]["value"]
            .as_str()
            .unwrap_or_else(|| panic!("{response}"))
            .to_string()
    };
    let kr = hover(&mut client, "baseline: 1");
    for part in [
        "**tickets**",
        "baseline 120 → target 60",
        "progress",
        "expected",
        "health",
        "confidence",
        "last check-in",
    ] {
        assert!(kr.contains(part), "{part}: {kr}");
    }
    // A projection is made while the quarter (2026-Q4) runs, not after.
    let running = chrono::Local::now().date_naive() <= "2026-12-31".parse().unwrap();
    assert_eq!(kr.contains("projection"), running, "{kr}");
    let objective = hover(&mut client, "id: api-pa");
    assert!(
        objective.contains("**api-pain**") && objective.contains("score"),
        "{objective}"
    );
    assert!(
        objective.contains("aligns with acme/developer-love"),
        "{objective}"
    );
    let (status, err) = client.shutdown();
    assert_eq!(status, Some(0), "{err}");
}

/// Code actions: the diagnostic's own fix (a misspelt key), and
/// `# okr: allow RULE` on a warning; applied, `okr check` agrees they are gone.
#[test]
fn code_actions_fix_and_allow() {
    let (_dir, root) = shipped_copy();
    let mut client = Client::start(&root);
    client.initialize(json!({}));
    let path = root.join(DEVREL);
    let u = uri(&path);
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("    title: Integrating", "    titel: Integrating", 1)
        .replacen("owner: alice", "owner: alcie", 1);
    client.open(&u, &text);
    let mut found = client.diagnostics(&u);
    assert_eq!(
        comparable(&found),
        check_on(&root, &[(DEVREL, &text)], DEVREL)
    );
    let mut fixed = text.clone();
    for (rule, title) in [
        ("unknown_key", "Fix: write `title`"),
        ("key_result_owner_unknown", "Allow"),
    ] {
        let diagnostic = found
            .iter()
            .find(|d| d["code"] == rule)
            .unwrap_or_else(|| panic!("{found:?}"));
        let response = client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": u}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}}),
        );
        let actions = response["result"]
            .as_array()
            .unwrap_or_else(|| panic!("{response}"));
        let action = actions
            .iter()
            .find(|a| a["title"].as_str().unwrap().starts_with(title))
            .unwrap_or_else(|| panic!("{actions:?}"));
        fixed = apply(&fixed, &action["edit"], &u);
        client.change(&u, 2, &fixed);
        let now = client.diagnostics(&u);
        assert!(
            !now.iter().any(|d| d["code"] == rule),
            "{rule}: {now:?}\n{fixed}"
        );
        assert_eq!(
            comparable(&now),
            check_on(&root, &[(DEVREL, &fixed)], DEVREL)
        );
        // The file valid again, its warnings are reported.
        found = now;
    }
    assert!(
        fixed.contains("# okr: allow key_result_owner_unknown"),
        "{fixed}"
    );
    let (status, err) = client.shutdown();
    assert_eq!(status, Some(0), "{err}");
}

/// Go to definition of an `aligns` value, hover on it, and the outline.
#[test]
fn definition_hover_of_aligns_and_symbols() {
    let (_dir, root) = shipped_copy();
    let mut client = Client::start(&root);
    client.initialize(json!({}));
    let path = root.join(DEVREL);
    let u = uri(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    client.open(&u, &text);
    client.diagnostics(&u);
    let at = json!({"textDocument": {"uri": u}, "position": after(&text, "aligns: acme/dev")});
    let response = client.request("textDocument/definition", at.clone());
    let location = &response["result"];
    let acme = root.join(ACME);
    assert_eq!(location["uri"], uri(&acme), "{response}");
    let acme_text = std::fs::read_to_string(&acme).unwrap();
    let line = location["range"]["start"]["line"].as_u64().unwrap() as usize;
    assert!(
        acme_text
            .lines()
            .nth(line)
            .unwrap()
            .contains("id: developer-love"),
        "{response}"
    );
    assert_eq!(
        location["range"]["end"],
        after(&acme_text, "id: developer-love")
    );

    let response = client.request("textDocument/hover", at);
    let hover = response["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        hover.contains("**acme/developer-love**") && hover.contains("company `acme`"),
        "{hover}"
    );

    let response = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": u}}),
    );
    let symbols = response["result"]
        .as_array()
        .unwrap_or_else(|| panic!("{response}"));
    let names: Vec<&str> = symbols
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["api-pain", "community"], "{response}");
    let children: Vec<&str> = symbols[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(children.contains(&"tickets"), "{children:?}");
    assert!(symbols[0]["detail"]
        .as_str()
        .unwrap()
        .starts_with("Integrating"));
    // Half-typed, the outline still comes from the text.
    let half = format!("{text}  - id: new-one\n    key_results:\n      - id: fir");
    client.change(&u, 2, &half);
    client.diagnostics(&u);
    let response = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": u}}),
    );
    let symbols = response["result"].as_array().unwrap();
    assert_eq!(symbols.last().unwrap()["name"], "new-one");
    assert_eq!(symbols.last().unwrap()["children"][0]["name"], "fir");
    let (status, err) = client.shutdown();
    assert_eq!(status, Some(0), "{err}");
}

/// The files on disk are read once, and again when they change there: a
/// file renamed on disk (a `git checkout`, another editor) counts at the
/// next change.
#[test]
fn a_change_on_disk_counts_at_the_next_check() {
    let (_dir, root) = shipped_copy();
    let mut client = Client::start(&root);
    client.initialize(json!({}));
    let path = root.join(DEVREL);
    let u = uri(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    client.open(&u, &text);
    assert_eq!(client.diagnostics(&u), Vec::<Value>::new());
    let acme = root.join(ACME);
    let renamed = std::fs::read_to_string(&acme).unwrap().replacen(
        "id: developer-love",
        "id: developer-joy",
        1,
    );
    std::fs::write(&acme, &renamed).unwrap();
    client.change(&u, 2, &text);
    let found = client.diagnostics(&u);
    assert!(
        found
            .iter()
            .any(|d| d["code"] == "aligns_unknown_objective"),
        "{found:?}"
    );
    assert_eq!(comparable(&found), check_on(&root, &[], DEVREL));
    let (status, err) = client.shutdown();
    assert_eq!(status, Some(0), "{err}");
}

/// "Add a check-in for today" on a key result writes the check-in `okr
/// checkin` would (only its lines added), in the unsaved buffer.
#[test]
fn a_code_action_adds_a_check_in_for_today() {
    let today = chrono::Local::now().date_naive();
    let quarter = okr::model::Quarter::containing(today).to_string();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let path = root.join(format!("okrs/{quarter}/web.yaml"));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let text = format!(
        "quarter: {quarter}\nteam: web\nobjectives:\n  - id: fast\n    title: Pages feel instant\n    key_results:\n      - id: lcp\n        title: LCP falls from 3.0 s to 2.0 s\n        baseline: 3.0\n        target: 2.0\n"
    );
    std::fs::write(&path, &text).unwrap();
    let mut client = Client::start(&root);
    client.initialize(json!({}));
    let u = uri(&path);
    client.open(&u, &text);
    assert_eq!(client.diagnostics(&u), Vec::<Value>::new());
    let at = after(&text, "baseline: 3");
    let response = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": {"start": at, "end": at}, "context": {"diagnostics": []}}),
    );
    let actions = response["result"]
        .as_array()
        .unwrap_or_else(|| panic!("{response}"));
    let action = actions
        .iter()
        .find(|a| a["title"] == "Add a check-in for today to fast/lcp")
        .unwrap_or_else(|| panic!("{actions:?}"));
    let added = apply(&text, &action["edit"], &u);
    assert!(added.starts_with(&text), "only lines added: {added}");
    assert!(added.contains(&today.to_string()), "{added}");
    client.change(&u, 2, &added);
    assert_eq!(client.diagnostics(&u), Vec::<Value>::new());
    // Not on an objective's own lines.
    let at = after(&text, "title: Pages");
    let response = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": {"start": at, "end": at}, "context": {"diagnostics": []}}),
    );
    assert_eq!(response["result"], json!([]), "{response}");
    let (status, err) = client.shutdown();
    assert_eq!(status, Some(0), "{err}");
}

/// The first check of a large directory gives the open file's own findings
/// first, then everything `okr check` says (the checks across files).
#[test]
fn a_large_directory_gives_the_files_own_findings_first() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let teams = root.join("okrs/2026-Q4");
    std::fs::create_dir_all(&teams).unwrap();
    for n in 0..600 {
        let name = format!("team-{n}");
        let text = crate::support::valid_team(&name, "2026-Q4");
        std::fs::write(teams.join(format!("{name}.yaml")), text).unwrap();
    }
    let path = teams.join("web.yaml");
    let text = crate::support::valid_team("web", "2026-Q4").replacen(
        "    title: Users",
        "    aligns: team-1/nope\n    titel: Users",
        1,
    );
    let mut client = Client::start(&root);
    client.initialize(json!({}));
    let u = uri(&path);
    client.open(&u, &text);
    let first = client.diagnostics(&u);
    let codes = |found: &[Value]| -> Vec<String> {
        found
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        codes(&first).contains(&"unknown_key".to_string()),
        "{first:?}"
    );
    let all = client.diagnostics(&u);
    assert!(
        codes(&all).contains(&"aligns_unknown_objective".to_string()),
        "{all:?}"
    );
    assert_eq!(
        comparable(&all),
        check_on(
            &root,
            &[("okrs/2026-Q4/web.yaml", &text)],
            "okrs/2026-Q4/web.yaml"
        )
    );
    // Later changes: one publish, complete.
    client.change(&u, 2, &text);
    assert_eq!(client.diagnostics(&u), all);
    let (status, err) = client.shutdown();
    assert_eq!(status, Some(0), "{err}");
}
