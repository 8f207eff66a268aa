//! Online operations, grouped by step of the cycle. Each function checks the caller's role and
//! commune on the server before touching data; URLs are fixed (`endpoint`) so that tests and
//! cached clients do not depend on generated hashes.

pub mod admin;
pub mod answer;
pub mod collect;
pub mod conclusion;
pub mod conference;
pub mod conflicts;
pub mod desk;
pub mod intake;
pub mod issues;
pub mod plan;
pub mod public;
pub mod report;
pub mod session;
pub mod statistics;
