//! Wire types: what crosses the network between the browser and the server. The sync contract
//! with the phone is versioned and fixed (`sync`, re-exported here); the others are the shapes
//! of the server functions' answers, one module per step of the cycle. No functions with I/O.

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
pub mod statistics;
pub mod sync;

pub use sync::*;
