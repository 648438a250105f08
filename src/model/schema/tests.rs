//! The schema's shape: the keywords editors use, patterns, no null or type arrays.

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
        "api-pain", "a.b_c-1", "9lives", "", "-x", ".x", "_x", "Api", "a b", "é", "a/b", "../x",
        "x\n",
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

#[test]
fn date_pattern_accepts_every_shape_okr_reads_and_no_impossible_month_or_day() {
    let validator = jsonschema::draft7::new(&json!({ "pattern": DATE_PATTERN })).unwrap();
    let numbers = (0..=99).flat_map(|n: u32| {
        let mut forms = vec![format!("{n:02}")];
        if n < 10 {
            forms.push(n.to_string());
        }
        forms
    });
    let numbers: Vec<String> = numbers.collect();
    for month in &numbers {
        for day in &numbers {
            let text = format!("2024-{month}-{day}");
            let valid = validator.is_valid(&json!(text));
            let (m, d): (u32, u32) = (month.parse().unwrap(), day.parse().unwrap());
            assert_eq!(
                valid,
                (1..=12).contains(&m) && (1..=31).contains(&d),
                "{text}"
            );
            if crate::model::parse_date(&text).is_ok() {
                assert!(valid, "okr reads {text}, the schema must accept it");
            }
        }
    }
    for text in [
        "2026-13-01",
        "2026-00-10",
        "2026-10-32",
        "2026-1-0",
        "26-10-01",
        "2026-10-01x",
    ] {
        assert!(!validator.is_valid(&json!(text)), "{text}");
    }
}

/// Every schema object of `value`, depth first, with its JSON pointer.
fn walk<'a>(pointer: String, value: &'a Value, out: &mut Vec<(String, &'a Value)>) {
    match value {
        Value::Object(map) => {
            out.push((pointer.clone(), value));
            for (key, child) in map {
                walk(format!("{pointer}/{key}"), child, out);
            }
        }
        Value::Array(list) => {
            for (i, child) in list.iter().enumerate() {
                walk(format!("{pointer}/{i}"), child, out);
            }
        }
        _ => {}
    }
}

/// An optional key left empty (`grade:`, a template's placeholder) is read
/// as absent, by the schema as by `okr check`; a required key, `committed`
/// and `dropped` (which must say why) are never empty.
#[test]
fn optional_keys_may_be_empty_required_ones_not() {
    let validator = validator();
    let with = |pointer: &str, key: &str, value: Value| {
        let mut f = file(json!({ "team": "web" }));
        f.pointer_mut(pointer).unwrap()[key] = value;
        validator.is_valid(&f)
    };
    let kr = "/objectives/0/key_results/0";
    for key in [
        "grade",
        "weight",
        "owner",
        "unit",
        "title",
        "reflection",
        "current",
    ] {
        assert!(with(kr, key, Value::Null), "{key}: null");
    }
    for key in ["baseline", "target", "id", "dropped"] {
        assert!(!with(kr, key, Value::Null), "{key}: null");
    }
    assert!(!with("/objectives/0", "committed", Value::Null));
    assert!(!with(kr, "dropped", json!(" ")));
    assert!(with(kr, "dropped", json!("Replaced by the SDK")));
    assert!(
        !with("", "team", Value::Null),
        "an empty owner names no owner"
    );
    assert!(!with("/objectives/0", "key_results", json!([])));
}

#[test]
fn helps_as_you_type() {
    let schema = schema();
    assert_eq!(schema["title"], "OKR file");
    assert!(schema["$comment"]
        .as_str()
        .is_some_and(|c| c.contains(&format!("okr {}", env!("CARGO_PKG_VERSION")))));
    let definitions = &schema["definitions"];
    for (name, title) in [
        ("Objective", "Objective"),
        ("KeyResult", "Key result"),
        ("Checkin", "Check-in"),
    ] {
        assert_eq!(definitions[name]["title"], title);
        let snippet = &definitions[name]["defaultSnippets"][0];
        assert!(snippet["label"].is_string(), "{name}");
        assert!(snippet["body"].is_object(), "{name}");
    }
    let kr = &definitions["KeyResult"];
    assert!(kr["defaultSnippets"][0]["body"]["checkins"][0]["date"].is_string());
    let keys = |object: &Value| -> Vec<String> {
        object["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    assert_eq!(
        keys(kr),
        [
            "id",
            "title",
            "baseline",
            "target",
            "unit",
            "owner",
            "weight",
            "checkins",
            "current",
            "grade",
            "reflection",
            "dropped"
        ]
    );
    assert_eq!(
        keys(&schema),
        ["quarter", "company", "team", "person", "objectives"]
    );
    assert_eq!(
        keys(&definitions["Checkin"]),
        ["date", "value", "confidence", "note"]
    );
    for (object, key) in [
        (&schema, "quarter"),
        (&definitions["Checkin"], "date"),
        (kr, "unit"),
        (&definitions["Objective"], "aligns"),
    ] {
        let text = object["properties"][key]["markdownDescription"]
            .as_str()
            .unwrap_or_default();
        assert!(text.contains("```yaml"), "{key}: {text}");
    }
    assert!(schema["properties"]["quarter"]["markdownDescription"]
        .as_str()
        .unwrap()
        .contains("With a fiscal year in okr.toml, YYYY-Qn is the fiscal quarter"));
    // Examples, not misleading defaults: only `committed` has a default.
    let weight = &kr["properties"]["weight"];
    assert!(weight.get("default").is_none());
    assert_eq!(weight["examples"], json!([1]));
    let mut objects = Vec::new();
    walk(String::new(), &schema, &mut objects);
    let defaults: Vec<&String> = objects
        .iter()
        .filter(|(_, o)| o.get("default").is_some())
        .map(|(pointer, _)| pointer)
        .collect();
    assert_eq!(defaults, ["/definitions/Objective/properties/committed"]);
    assert_eq!(
        definitions["Objective"]["properties"]["committed"]["default"],
        false
    );
}

#[test]
fn snippet_bodies_keep_their_order_in_the_printed_file() {
    let printed: Value = serde_json::from_str(&to_json()).unwrap();
    let body = &printed["definitions"]["KeyResult"]["defaultSnippets"][0]["body"];
    let keys: Vec<&String> = body.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["id", "title", "baseline", "target", "unit", "checkins"]
    );
    let root: Vec<&String> = printed.as_object().unwrap().keys().collect();
    assert_eq!(root.first().map(|k| k.as_str()), Some("$schema"));
    assert_eq!(root.last().map(|k| k.as_str()), Some("definitions"));
    assert_eq!(printed, schema(), "tidying changes only the order");
}

fn file(owners: Value) -> Value {
    let objective = json!({
        "id": "o",
        "key_results": [{ "id": "k", "baseline": 0, "target": 1 }],
    });
    let mut file = json!({ "quarter": "2026-Q4", "objectives": [objective] });
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
