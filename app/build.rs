//! Embeds the example gallery (`examples/index.json` and the files it names) into the app at build time,
//! so the gallery works offline and the CLI tests and the app read the very same files.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    println!("cargo:rerun-if-changed={}", root.display());
    let index_path = root.join("index.json");
    let index: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&index_path).expect("examples/index.json is readable"))
        .expect("examples/index.json is JSON");
    let mut out = String::from("/// The gallery, in the order of `examples/index.json`.\npub const EXAMPLES: &[Example] = &[\n");
    for example in index.as_array().expect("examples/index.json is an array") {
        let text = |key: &str| example.get(key).and_then(|v| v.as_str());
        let id = text("id").expect("every example has an id");
        let file = text("file").unwrap_or("definition.asl.json");
        let dir = root.join(id);
        let definition = dir.join(file);
        println!("cargo:rerun-if-changed={}", definition.display());
        let input = dir.join("input.json");
        let input_literal = if input.exists() { format!("include_str!({:?})", input.display().to_string()) } else { "\"{}\"".to_owned() };
        let _ = writeln!(
            out,
            "    Example {{ id: {id:?}, title: {title:?}, description: {description:?}, file: {file:?}, machine: {machine:?}, text: include_str!({path:?}), input: {input_literal} }},",
            title = text("title").unwrap_or(id),
            description = text("description").unwrap_or(""),
            machine = text("machine"),
            path = definition.display().to_string(),
        );
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("examples.rs");
    std::fs::write(target, out).expect("OUT_DIR is writable");
}
