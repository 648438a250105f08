//! The handlers: one function per request or notification.

use lsp_server::{ErrorCode, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, GotoDefinition, HoverRequest,
    Request as _,
};
use lsp_types::{
    CodeActionParams, CompletionParams, CompletionResponse, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DocumentSymbolParams,
    DocumentSymbolResponse, GotoDefinitionParams, GotoDefinitionResponse, HoverParams,
};

use crate::lsp::features;
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
    let id = request.id.clone();
    let result = match request.method.as_str() {
        Completion::METHOD => parse::<CompletionParams>(request.params).map(|p| {
            let at = p.text_document_position;
            let items = features::completion(session, &at.text_document.uri, at.position);
            serde_json::to_value(CompletionResponse::Array(items))
        }),
        HoverRequest::METHOD => parse::<HoverParams>(request.params).map(|p| {
            let at = p.text_document_position_params;
            serde_json::to_value(features::hover(session, &at.text_document.uri, at.position))
        }),
        CodeActionRequest::METHOD => parse::<CodeActionParams>(request.params).map(|p| {
            serde_json::to_value(features::code_actions(
                session,
                &p.text_document.uri,
                p.range,
                &p.context.diagnostics,
            ))
        }),
        DocumentSymbolRequest::METHOD => parse::<DocumentSymbolParams>(request.params).map(|p| {
            serde_json::to_value(DocumentSymbolResponse::Nested(features::symbols(
                session,
                &p.text_document.uri,
            )))
        }),
        GotoDefinition::METHOD => parse::<GotoDefinitionParams>(request.params).map(|p| {
            let at = p.text_document_position_params;
            serde_json::to_value(
                features::definition(session, &at.text_document.uri, at.position)
                    .map(GotoDefinitionResponse::Scalar),
            )
        }),
        _ => {
            return Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("okr lsp does not handle {}", request.method),
            )
        }
    };
    match result {
        Ok(Ok(value)) => Response::new_ok(id, value),
        Ok(Err(e)) => Response::new_err(id, ErrorCode::InternalError as i32, e.to_string()),
        Err(e) => Response::new_err(id, ErrorCode::InvalidParams as i32, e),
    }
}

fn parse<T: serde::de::DeserializeOwned>(params: serde_json::Value) -> Result<T, String> {
    serde_json::from_value(params).map_err(|e| e.to_string())
}
