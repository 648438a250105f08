//! The single-threaded parse floor of issue 16: read every `.yaml` file below
//! a folder and parse it with the same YAML crate into the same `OkrFile`
//! type as `okr`, on one thread, with the same allocator, and nothing else (no
//! checks, no index, no output). `okr check` is measured against this.
//!
//! With `--fast`, the files are parsed by okr's own fast path for the block
//! style instead (`okr::source::fast`), falling back to serde_yaml as `okr`
//! does: the floor of what `okr check` itself does, reported beside it.
//!
//! usage: cargo run --release --example parse_floor -- [--fast] DIR

// A benchmark program: its result is what it prints.
#![allow(clippy::print_stdout)]

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
    let args: Vec<String> = std::env::args().skip(1).collect();
    let fast = args.iter().any(|a| a == "--fast");
    let dir = args
        .iter()
        .find(|a| *a != "--fast")
        .cloned()
        .unwrap_or_else(|| ".".to_string());
    let mut paths = Vec::new();
    yaml_files(Path::new(&dir), &mut paths);
    paths.sort();
    let (mut parsed, mut failed) = (0usize, 0usize);
    for path in &paths {
        let Ok(text) = std::fs::read_to_string(path) else {
            failed += 1;
            continue;
        };
        let okr = match fast.then(|| okr::source::fast::parse(&text)).flatten() {
            Some(okr) => Ok(okr),
            None => serde_yaml::from_str::<OkrFile>(&text),
        };
        match okr {
            Ok(okr) => {
                std::hint::black_box(&okr);
                parsed += 1;
            }
            Err(_) => failed += 1,
        }
    }
    println!("{parsed} parsed, {failed} failed");
}
