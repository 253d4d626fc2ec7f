//! Reading the files a command is given: definitions (validated first), JSON inputs, mock configs.

use engine::asl::StateMachine;
use engine::{analyze, MachineType, Options, ParseOptions};
use serde_json::Value;

/// A definition that parsed and validated without errors (warnings are printed).
pub fn definition(path: &str, machine: Option<String>, machine_type: MachineType) -> Result<StateMachine, String> {
    let text = read_text(path)?;
    let analysis = analyze(&text, &Options { parse: ParseOptions { machine }, machine_type });
    let errors: Vec<String> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let (line, col) = d.range.map_or((1, 1), |r| (r.start.line, r.start.column));
            format!("{path}:{line}:{col}: error {} {}", d.code, d.message)
        })
        .collect();
    if !errors.is_empty() {
        return Err(format!("the definition has errors:\n{}", errors.join("\n")));
    }
    analysis.parsed.machine.ok_or_else(|| format!("{path}: no state machine found"))
}

pub fn read_text(path: &str) -> Result<String, String> {
    if path == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).map_err(|e| format!("stdin: {e}"))?;
        return Ok(s);
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    String::from_utf8(bytes).map_err(|_| format!("{path}: not UTF-8 text"))
}

pub fn json(path: &str) -> Result<Value, String> {
    let text = read_text(path)?;
    serde_json::from_str(&text).map_err(|e| format!("{path}: not valid JSON: {e}"))
}

/// The value of `--name VALUE`, moving the iterator on.
pub fn value<'a>(it: &mut impl Iterator<Item = &'a String>, name: &str) -> Result<String, String> {
    it.next().cloned().ok_or_else(|| format!("{name} needs a value"))
}

pub fn machine_type(s: &str) -> Result<MachineType, String> {
    match s.to_ascii_uppercase().as_str() {
        "STANDARD" => Ok(MachineType::Standard),
        "EXPRESS" => Ok(MachineType::Express),
        _ => Err("--type takes STANDARD or EXPRESS".into()),
    }
}
