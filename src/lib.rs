//! kcdeck: a terminal UI to browse and compare several Keycloak environments side by side.

pub mod action;
pub mod app;
pub mod apply;
pub mod cli;
pub mod clipboard;
pub mod command;
pub mod config;
pub mod diff;
pub mod effect;
pub mod finder;
pub mod inventory;
pub mod journal;
pub mod keycloak;
pub mod keymap;
pub mod logging;
pub mod plan;
pub mod runtime;
pub mod state;
pub mod theme;
pub mod tui;
pub mod ui;
pub mod update;
