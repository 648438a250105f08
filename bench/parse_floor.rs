//! The single-threaded parse floor of issue 16: read every `.yaml` file below
//! a folder and parse it with the same YAML crate into the same `OkrFile`
//! type as `okr`, on one thread, with the same allocator, and nothing else (no
//! checks, no index, no output). `okr check` is measured against this.
//!
//! usage: cargo run --release --example parse_floor -- DIR

use std::path::{Path, PathBuf};

use okr::model::OkrFile;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".to_string());
    let mut paths = Vec::new();
    yaml_files(Path::new(&dir), &mut paths);
    paths.sort();
    let (mut parsed, mut failed) = (0usize, 0usize);
    for path in &paths {
        let Ok(text) = std::fs::read_to_string(path) else {
            failed += 1;
            continue;
        };
        match serde_yaml::from_str::<OkrFile>(&text) {
            Ok(okr) => {
                std::hint::black_box(&okr);
                parsed += 1;
            }
            Err(_) => failed += 1,
        }
    }
    println!("{parsed} parsed, {failed} failed");
}
