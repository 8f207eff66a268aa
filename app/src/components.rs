//! Reusable view pieces.

pub mod header;
pub mod nav;
pub mod reload;
pub mod status;
