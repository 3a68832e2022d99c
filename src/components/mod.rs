//! The widget's components, one per file.

pub mod app;
pub mod config_error;
pub mod language_switch;
pub mod status_summary;
