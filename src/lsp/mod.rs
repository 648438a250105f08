//! `okr lsp`: the Language Server Protocol over stdio, for editors (README.md, "Editors: `okr lsp`").
//!
//! Shaped as `ruff_server/src/server/` is: [`run`] negotiates the
//! connection, the main loop takes messages off the connection and hands
//! each to its handler in `handlers`; the state lives in the
//! [`session::Session`]. Synchronous (`lsp-server`, no async runtime): a
//! burst of changes is taken off the queue before the one check that
//! follows them, so typing never queues checks behind each other.

pub mod convert;
mod features;
mod handlers;
pub mod session;

use std::panic::{self, AssertUnwindSafe};

use anyhow::{Context as _, Result};
use lsp_server::{Connection, ErrorCode, Message, Notification, Response};
use lsp_types::notification::{Notification as _, PublishDiagnostics};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, HoverProviderCapability, InitializeParams,
    OneOf, PublishDiagnosticsParams, ServerCapabilities, ServerInfo, TextDocumentSyncCapability,
    TextDocumentSyncKind,
};

use convert::Encoding;
use session::Session;

/// Serves until the client says `exit`. `Ok(true)` when it said `shutdown`
/// first (exit status 0), `Ok(false)` when not (status 1, as the protocol says).
pub fn run() -> Result<bool> {
    let (connection, io_threads) = Connection::stdio();
    let (id, params) = connection
        .initialize_start()
        .context("the client did not initialize")?;
    let params: InitializeParams =
        serde_json::from_value(params).context("bad initialize parameters")?;
    let encoding = Encoding::negotiate(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    let capabilities = ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".to_string(), " ".to_string(), "/".to_string()]),
            ..CompletionOptions::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    };
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": ServerInfo {
            name: "okr".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        },
    });
    connection.initialize_finish(id, result)?;
    let clean = main_loop(&connection, Session::new(encoding))?;
    drop(connection);
    io_threads.join().context("the connection broke")?;
    Ok(clean)
}

fn main_loop(connection: &Connection, mut session: Session) -> Result<bool> {
    loop {
        // Block for the next message, then take whatever else is queued,
        // so that one check follows a burst of changes.
        let Ok(first) = connection.receiver.recv() else {
            return Ok(false);
        };
        let mut next = Some(first);
        while let Some(message) = next.take() {
            match message {
                Message::Request(request) => {
                    if connection.handle_shutdown(&request)? {
                        return Ok(true);
                    }
                    let id = request.id.clone();
                    let method = request.method.clone();
                    let response = guarded(&method, || handlers::request(&session, request))
                        .unwrap_or_else(|| {
                            Response::new_err(
                                id,
                                ErrorCode::InternalError as i32,
                                format!("okr failed on {method} (a bug: please report it)"),
                            )
                        });
                    connection.sender.send(Message::Response(response))?;
                }
                Message::Notification(notification) => {
                    if notification.method == "exit" {
                        return Ok(false);
                    }
                    let method = notification.method.clone();
                    guarded(&method, || {
                        handlers::notification(&mut session, notification)
                    });
                }
                Message::Response(_) => {}
            }
            next = connection.receiver.try_recv().ok();
        }
        if session.is_dirty() {
            let publish = |uri, diagnostics| {
                let params = PublishDiagnosticsParams {
                    uri,
                    diagnostics,
                    version: None,
                };
                connection
                    .sender
                    .send(Message::Notification(Notification::new(
                        PublishDiagnostics::METHOD.to_string(),
                        params,
                    )))
                    .map_err(|_| anyhow::anyhow!("the client has gone"))
            };
            let mut early = |uri, diagnostics| {
                let _ = publish(uri, diagnostics);
            };
            let published =
                guarded("the check", || session.recheck(&mut early)).unwrap_or_default();
            for (uri, diagnostics) in published {
                publish(uri, diagnostics)?;
            }
        }
    }
}

/// Runs a handler; a panic in it (a bug) is logged on stderr (the panic
/// hook has said what and where) and the server goes on.
fn guarded<T>(what: &str, handler: impl FnOnce() -> T) -> Option<T> {
    match panic::catch_unwind(AssertUnwindSafe(handler)) {
        Ok(value) => Some(value),
        Err(_) => {
            log(&format!("okr lsp: {what} failed; going on"));
            None
        }
    }
}

/// A line on stderr, which editors show as the server's log.
fn log(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}
