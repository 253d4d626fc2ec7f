//! The ASL Studio engine: Amazon States Language model, parser and validator.
//!
//! Architecture invariant: this crate knows nothing of the browser, the file system, the network or the
//! clock. It takes text and values in and gives values out, so it builds for native and `wasm32` alike and
//! every behaviour is testable natively.

pub mod diagnostic;
pub mod source;

pub use diagnostic::{Diagnostic, Severity};
pub mod asl;
pub mod value;
pub mod path;
pub mod timestamp;
pub mod parse;
pub mod validate;

pub use parse::{parse, ParseOptions, Parsed};
pub use validate::{analyze, Analysis, MachineType, Options};
pub mod rng;
pub mod history;
pub mod mock;
pub mod exec;
pub mod conformance;
pub mod jsonata;
pub mod layout;
pub mod export;
