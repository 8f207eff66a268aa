//! One module per screen.

pub mod collect;
pub mod desk;
pub mod home;
pub mod issue;
pub mod login;
pub mod my_forms;
pub mod not_found;
pub mod public;
