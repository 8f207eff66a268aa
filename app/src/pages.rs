//! One module per screen.

#[cfg(feature = "desk")]
pub mod admin;
pub mod collect;
pub mod desk;
pub mod home;
pub mod issue;
pub mod login;
pub mod my_forms;
pub mod not_found;
#[cfg(feature = "desk")]
pub mod personal_data;
#[cfg(feature = "desk")]
pub mod plan;
#[cfg(feature = "desk")]
pub mod statistics;
#[cfg(feature = "desk")]
pub mod supervision;
