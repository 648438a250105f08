//! `okr schema`: print the JSON Schema of an OKR file, for editors.

use anyhow::Result;

use crate::error::Exit;
use crate::Output;

pub fn run(output: &mut Output) -> Result<Exit> {
    output
        .out
        .write_all(crate::model::schema::to_json().as_bytes())?;
    Ok(Exit::Success)
}
