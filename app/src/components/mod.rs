//! The app's components, one per file.

pub mod app;
pub mod canvas;
pub mod code_view;
pub mod diagnostics;
pub mod edge;
pub mod errors_banner;
pub mod export_menu;
pub mod gallery;
pub mod import_dialog;
pub mod machine_picker;
pub mod modal;
pub mod notice;
pub mod state_node;
pub mod toolbar;
