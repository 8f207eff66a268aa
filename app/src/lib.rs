//! Dân Bàn, the citizen-dialogue application: one crate rendered on the server (`ssr`) and
//! hydrated in the browser (`hydrate`). Pure rules live in [`domain`]; online operations in
//! [`server_fns`]; screens in [`pages`].

#![recursion_limit = "256"]

pub mod address;
pub mod api;
pub mod components;
pub mod domain;
pub mod error;
pub mod offline;
pub mod pages;
pub mod server_fns;
pub mod shell;

#[cfg(feature = "ssr")]
pub mod ports;
#[cfg(feature = "ssr")]
pub mod ssr;

/// Browser entry point: attaches the reactive app to the server-rendered HTML.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // A phone bundle built with panic = "immediate-abort" never runs a hook; leaving it out also
    // leaves out the message formatting it would pull in.
    #[cfg(not(panic = "immediate-abort"))]
    console_error_panic_hook::set_once();
    #[cfg(feature = "desk")]
    leptos::mount::hydrate_body(shell::App);
    #[cfg(not(feature = "desk"))]
    leptos::mount::hydrate_body(shell::PhoneApp);
}
