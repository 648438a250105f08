//! The JSON Schema of an OKR file, for editors (yaml-language-server and the
//! like): generated from the model types the loader uses, so the two cannot
//! drift apart. Field descriptions are the model's doc comments.
//!
//! The newtypes' schemas are written here by hand, mirroring their
//! `Deserialize` impls in [`crate::model`] and [`crate::quarter`]. They are
//! inlined rather than referenced: an editor then shows each field's own
//! description on hover, and its error names the field's range or pattern.
//!
//! The output is draft-07, the newest draft yaml-language-server reads.

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

use crate::model::quarter::Quarter;
use crate::model::{AlignRef, Confidence, Date, Grade, Number, OkrFile, Slug, Weight};

/// The pattern of a slug: the rule of [`Slug::parse`].
pub const SLUG_PATTERN: &str = "^[a-z0-9][a-z0-9._-]*$";
/// The pattern of a quarter, `YYYY-Qn`.
pub const QUARTER_PATTERN: &str = "^[0-9]{4}-Q[1-4]$";
/// The shape of a date, `YYYY-MM-DD` (whether the day exists is left to `okr check`).
pub const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$";
/// The pattern of an alignment, `OWNER/OBJECTIVE-ID`.
pub const ALIGN_PATTERN: &str = "^[a-z0-9][a-z0-9._-]*/[a-z0-9][a-z0-9._-]*$";

/// The file name `okr init` gives the schema, and that OKR files point at.
pub const FILE_NAME: &str = "okr.schema.json";

/// The JSON Schema of an OKR file, draft-07.
pub fn okr_file_schema() -> Schema {
    let mut schema = SchemaSettings::draft07()
        .for_deserialize()
        .with_transform(RecursiveTransform(drop_null_default))
        .into_generator()
        .into_root_schema_for::<OkrFile>();
    schema.insert("title".into(), "okr file".into());
    schema
}

/// Removes `"default": null`, which optional fields get: it says nothing, and
/// an editor would offer to insert `null`.
fn drop_null_default(schema: &mut Schema) {
    if schema
        .get("default")
        .is_some_and(serde_json::Value::is_null)
    {
        schema.remove("default");
    }
}

/// The schema as `okr schema` prints it and `okr init` writes it: pretty JSON
/// ending with a newline.
pub fn to_json() -> String {
    // Serialising a JSON value cannot fail; "{}" only keeps this panic-free.
    let mut text =
        serde_json::to_string_pretty(&okr_file_schema()).unwrap_or_else(|_| String::from("{}"));
    text.push('\n');
    text
}

/// The first line of an OKR file: tells yaml-language-server where the schema
/// is, relative to the file.
pub fn modeline(relative_path: &str) -> String {
    format!("# yaml-language-server: $schema={relative_path}")
}

/// Owner keys (FORMAT.md section 2): exactly one of `company`, `team` and
/// `person`, except that a person file may also name its team. Said as "one of
/// them is required" and "this one excludes those", which is what an editor
/// can point at: the excluded key, with the rule in words.
pub fn owner_keys(schema: &mut Schema) {
    let required =
        |key: &str| serde_json::json!({ "required": [key], "errorMessage": OWNER_MESSAGE });
    schema.insert(
        "anyOf".into(),
        serde_json::json!([required("company"), required("team"), required("person")]),
    );
    schema.insert(
        "dependencies".into(),
        serde_json::json!({
            "company": excludes(&["team", "person"], OWNER_MESSAGE),
            "person": excludes(&["company"], OWNER_MESSAGE),
        }),
    );
}

/// A key result has `current` or `checkins`, not both.
pub fn current_or_checkins(schema: &mut Schema) {
    schema.insert(
        "dependencies".into(),
        serde_json::json!({
            "current": excludes(&["checkins"], "a key result has `current` or `checkins`, not both: keep the check-ins (the latest one is the current value) or `current` alone"),
        }),
    );
}

/// A schema that forbids `keys`, with `message` for an editor to show.
fn excludes(keys: &[&str], message: &str) -> serde_json::Value {
    let forbidden: serde_json::Map<String, serde_json::Value> = keys
        .iter()
        .map(|key| (key.to_string(), false.into()))
        .collect();
    serde_json::json!({ "properties": forbidden, "errorMessage": message })
}

// `errorMessage` and `patternErrorMessage` are not JSON Schema keywords:
// validators ignore them, and yaml-language-server shows them instead of
// "Property team is not allowed" or a bare regular expression.
const OWNER_MESSAGE: &str = "give exactly one owner: `company`, `team` or `person` (only a person's file may also name its `team`)";
const SLUG_MESSAGE: &str = "use lowercase letters, digits, `-`, `_` and `.`, starting with a letter or digit, e.g. `api-pain`";

/// Implements `JsonSchema` for a newtype with a hand-written, inlined schema.
macro_rules! inline_schema {
    ($name:ty, $schema:expr) => {
        impl JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                $schema
            }
        }
    };
}

inline_schema!(Number, json_schema!({ "type": "number" }));
inline_schema!(
    Weight,
    json_schema!({ "type": "number", "exclusiveMinimum": 0 })
);
inline_schema!(
    Grade,
    json_schema!({ "type": "number", "minimum": 0, "maximum": 1 })
);
inline_schema!(
    Confidence,
    json_schema!({ "type": "number", "minimum": 0, "maximum": 1 })
);
// `id: 1` is read as the slug "1", so a plain whole number is a slug too.
inline_schema!(
    Slug,
    json_schema!({
        "type": ["string", "integer"],
        "pattern": SLUG_PATTERN,
        "minimum": 0,
        "patternErrorMessage": SLUG_MESSAGE,
    })
);
inline_schema!(
    AlignRef,
    json_schema!({
        "type": "string",
        "pattern": ALIGN_PATTERN,
        "patternErrorMessage": "write OWNER/OBJECTIVE-ID, e.g. `acme/developer-love`",
    })
);
inline_schema!(
    Date,
    json_schema!({
        "type": "string",
        "pattern": DATE_PATTERN,
        "patternErrorMessage": "write the date YYYY-MM-DD, e.g. `2026-10-06`",
    })
);
inline_schema!(
    Quarter,
    json_schema!({
        "type": "string",
        "pattern": QUARTER_PATTERN,
        "patternErrorMessage": "write the quarter YYYY-Qn with n from 1 to 4, e.g. `2026-Q4`",
    })
);

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;

    fn schema() -> Value {
        okr_file_schema().to_value()
    }

    fn validator() -> jsonschema::Validator {
        jsonschema::draft7::new(&schema()).expect("the schema is valid draft-07")
    }

    #[test]
    fn is_draft_07_with_definitions() {
        let schema = schema();
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
        assert!(schema.get("$defs").is_none());
        assert_eq!(
            schema["properties"]["objectives"]["items"]["$ref"],
            "#/definitions/Objective"
        );
        for name in ["Objective", "KeyResult", "Checkin"] {
            let definition = &schema["definitions"][name];
            assert_eq!(definition["additionalProperties"], false, "{name}");
            assert!(definition["description"].is_string(), "{name}");
        }
        assert_eq!(schema["additionalProperties"], false);
    }

    #[test]
    fn carries_descriptions_ranges_and_required_keys() {
        let schema = schema();
        let kr = &schema["definitions"]["KeyResult"];
        assert_eq!(kr["required"], json!(["id", "baseline", "target"]));
        assert_eq!(kr["properties"]["grade"]["maximum"], 1);
        assert!(kr["properties"]["target"]["description"]
            .as_str()
            .is_some_and(|d| d.contains("baseline")));
        assert_eq!(schema["properties"]["quarter"]["pattern"], QUARTER_PATTERN);
        assert_eq!(schema["required"], json!(["quarter", "objectives"]));
    }

    #[test]
    fn slug_pattern_agrees_with_the_parser() {
        let validator = jsonschema::draft7::new(&json!({ "pattern": SLUG_PATTERN })).unwrap();
        for text in [
            "api-pain", "a.b_c-1", "9lives", "", "-x", ".x", "_x", "Api", "a b", "é", "a/b",
            "../x", "x\n",
        ] {
            assert_eq!(
                validator.is_valid(&json!(text)),
                Slug::parse(text).is_ok(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn quarter_pattern_agrees_with_the_parser() {
        let validator = jsonschema::draft7::new(&json!({ "pattern": QUARTER_PATTERN })).unwrap();
        for text in [
            "2026-Q4", "1999-Q1", "2026-Q5", "2026-Q0", "2026Q4", "26-Q4", "2026-q4",
        ] {
            assert_eq!(
                validator.is_valid(&json!(text)),
                text.parse::<Quarter>().is_ok(),
                "{text:?}"
            );
        }
    }

    fn file(owners: Value) -> Value {
        let mut file = json!({ "quarter": "2026-Q4", "objectives": [] });
        for (key, value) in owners.as_object().unwrap() {
            file[key] = value.clone();
        }
        file
    }

    #[test]
    fn exactly_one_owner_except_a_persons_team() {
        let validator = validator();
        for good in [
            json!({ "team": "devrel" }),
            json!({ "company": "acme" }),
            json!({ "person": "alice" }),
            json!({ "person": "alice", "team": "devrel" }),
        ] {
            assert!(validator.is_valid(&file(good.clone())), "{good}");
        }
        for bad in [
            json!({}),
            json!({ "team": "devrel", "company": "acme" }),
            json!({ "person": "alice", "company": "acme" }),
        ] {
            assert!(!validator.is_valid(&file(bad.clone())), "{bad}");
        }
    }

    #[test]
    fn current_and_checkins_exclude_each_other() {
        let validator = validator();
        let with = |extra: Value| {
            let mut kr = json!({ "id": "k", "baseline": 1, "target": 2 });
            for (key, value) in extra.as_object().unwrap() {
                kr[key] = value.clone();
            }
            json!({ "quarter": "2026-Q4", "team": "t", "objectives": [
                { "id": "o", "key_results": [kr] } ] })
        };
        let checkins = json!([{ "date": "2026-10-01", "value": 1 }]);
        assert!(validator.is_valid(&with(json!({ "current": 1 }))));
        assert!(validator.is_valid(&with(json!({ "checkins": checkins.clone() }))));
        assert!(!validator.is_valid(&with(json!({ "current": 1, "checkins": checkins }))));
    }
}
