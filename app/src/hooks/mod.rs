//! Reusable browser behaviour as `use_x` hooks.

pub mod use_autosave;
pub mod use_escape_key;
pub mod use_file_drop;
pub mod use_pan_zoom;
