//! Shared helpers for the engine's integration tests: where `../shared` is, and reading its corpus.

use std::path::PathBuf;

/// The shared folder beside the repository (or `ASL_SHARED_DIR`), if it is there.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("ASL_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"));
    dir.is_dir().then_some(dir)
}

/// Every conformance case file, sorted, or `None` (with a message) when the corpus is absent.
pub fn conformance_cases() -> Option<Vec<(PathBuf, serde_json::Value)>> {
    let Some(root) = shared_dir().map(|d| d.join("conformance/cases")).filter(|d| d.is_dir()) else {
        eprintln!("SKIPPED: ../shared/conformance/cases is not present (set ASL_SHARED_DIR to run the corpus)");
        return None;
    };
    let mut files = Vec::new();
    for category in std::fs::read_dir(&root).ok()?.flatten() {
        for file in std::fs::read_dir(category.path()).ok()?.flatten() {
            if file.path().extension().is_some_and(|e| e == "json") {
                files.push(file.path());
            }
        }
    }
    files.sort();
    Some(
        files
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(&p).expect("readable case");
                let value = serde_json::from_str(&text).expect("case is JSON");
                (p, value)
            })
            .collect(),
    )
}
