//! The handlers: one function per request or notification.

use lsp_server::{ErrorCode, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
};
use lsp_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
};

use crate::lsp::session::Session;

pub fn notification(session: &mut Session, notification: Notification) {
    match notification.method.as_str() {
        DidOpenTextDocument::METHOD => {
            if let Ok(params) = parse::<DidOpenTextDocumentParams>(notification.params) {
                session.open(params.text_document.uri, params.text_document.text);
            }
        }
        DidChangeTextDocument::METHOD => {
            if let Ok(params) = parse::<DidChangeTextDocumentParams>(notification.params) {
                // Full sync: the last change is the whole text.
                if let Some(change) = params.content_changes.into_iter().last() {
                    session.change(&params.text_document.uri, change.text);
                }
            }
        }
        DidCloseTextDocument::METHOD => {
            if let Ok(params) = parse::<DidCloseTextDocumentParams>(notification.params) {
                session.close(&params.text_document.uri);
            }
        }
        _ => {}
    }
}

pub fn request(session: &Session, request: Request) -> Response {
    let _ = session;
    Response::new_err(
        request.id,
        ErrorCode::MethodNotFound as i32,
        format!("okr lsp does not handle {}", request.method),
    )
}

fn parse<T: serde::de::DeserializeOwned>(params: serde_json::Value) -> Result<T, String> {
    serde_json::from_value(params).map_err(|e| e.to_string())
}
