//! Reusable view pieces.

pub mod device;
pub mod header;
pub mod nav;
pub mod password;
pub mod reload;
pub mod status;
pub mod sync_panel;
