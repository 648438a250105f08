//! The files `okr init` and `okr new` write: commented OKR file templates that
//! teach the format and pass `okr check --strict`, and the OKR folder's README.
//! The texts live in `src/templates/` so they can be read as they will appear.

use std::path::Path;

use crate::model::quarter::Quarter;
use crate::model::schema;
use crate::model::{OwnerKind, Slug};

const COMPANY: &str = include_str!("templates/company.yaml");
const TEAM: &str = include_str!("templates/team.yaml");
const PERSON: &str = include_str!("templates/person.yaml");

/// The commented `okr.toml` `okr init` writes: every key, with its default.
pub const CONFIG: &str = include_str!("templates/okr.toml");

/// The README `okr init` writes into the OKR directory.
pub const README: &str = include_str!("templates/README.md");

/// The name of the example file `okr init` writes (a team file for team `example`).
pub const EXAMPLE_NAME: &str = "example";

/// Where `okr new` puts an owner's file, relative to the OKR directory:
/// `<quarter>/<name>.yaml`, people under `<quarter>/people/`.
pub fn relative_path(kind: OwnerKind, name: &Slug, quarter: Quarter) -> String {
    match kind {
        OwnerKind::Person => format!("{quarter}/people/{name}.yaml"),
        OwnerKind::Company | OwnerKind::Team => format!("{quarter}/{name}.yaml"),
    }
}

/// The path from a file at `relative_path` (inside the OKR directory) to the
/// schema at the directory's top: `../okr.schema.json` one folder down.
pub fn schema_reference(relative_path: &str) -> String {
    let depth = Path::new(relative_path)
        .components()
        .count()
        .saturating_sub(1);
    format!("{}{}", "../".repeat(depth), schema::FILE_NAME)
}

/// The commented OKR file for `name` in `quarter`, to be written at
/// `relative_path` inside the OKR directory.
pub fn okr_file(kind: OwnerKind, name: &Slug, quarter: Quarter, relative_path: &str) -> String {
    let text = match kind {
        OwnerKind::Company => COMPANY,
        OwnerKind::Team => TEAM,
        OwnerKind::Person => PERSON,
    };
    text.replace("{schema}", &schema_reference(relative_path))
        .replace("{quarter}", &quarter.to_string())
        .replace("{first_day}", &quarter.first_day().to_string())
        .replace("{name}", name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::workspace::Workspace;

    fn slug(text: &str) -> Slug {
        Slug::parse(text).unwrap()
    }

    #[test]
    fn paths_and_schema_references_follow_the_depth() {
        let q4: Quarter = "2026-Q4".parse().unwrap();
        let team = relative_path(OwnerKind::Team, &slug("devrel"), q4);
        assert_eq!(team, "2026-Q4/devrel.yaml");
        assert_eq!(schema_reference(&team), "../okr.schema.json");
        let person = relative_path(OwnerKind::Person, &slug("alice"), q4);
        assert_eq!(person, "2026-Q4/people/alice.yaml");
        assert_eq!(schema_reference(&person), "../../okr.schema.json");
        assert_eq!(schema_reference("okr.yaml"), "okr.schema.json");
    }

    #[test]
    fn every_template_is_filled_and_starts_with_the_schema_line() {
        let q1: Quarter = "2027-Q1".parse().unwrap();
        for kind in [OwnerKind::Company, OwnerKind::Team, OwnerKind::Person] {
            let path = relative_path(kind, &slug("x"), q1);
            let text = okr_file(kind, &slug("x"), q1, &path);
            assert!(
                text.starts_with(&format!("{}\n", schema::modeline(&schema_reference(&path)))),
                "{kind}"
            );
            assert!(!text.contains('{') && !text.contains('}'), "{kind}: {text}");
            assert!(text.contains("date: 2027-01-01"), "{kind}");
            assert!(text.contains(&format!("{kind}: x\n")), "{kind}");
        }
    }

    #[test]
    fn every_template_passes_strict_checks() {
        let dir = tempfile::tempdir().unwrap();
        let q4: Quarter = "2026-Q4".parse().unwrap();
        for kind in [OwnerKind::Company, OwnerKind::Team, OwnerKind::Person] {
            let name = slug(&format!("a-{kind}"));
            let path = relative_path(kind, &name, q4);
            let full = dir.path().join(&path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(&full, okr_file(kind, &name, q4, &path)).unwrap();
        }
        let workspace = Workspace::load_dir(dir.path(), dir.path(), Config::default());
        assert_eq!(workspace.files.len(), 3);
        assert_eq!(workspace.valid_files().count(), 3);
        assert!(
            workspace.all_diagnostics().is_empty(),
            "{:#?}",
            workspace.all_diagnostics()
        );
    }
}
