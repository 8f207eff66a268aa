//! The demo commune: xã Bắc Thanh Miện with thôn An Sơn and An Lâu (seed 004) and a few more
//! groups, one user per role, one campaign per kind and a few hundred opinions; plus a small
//! second tenant (phường Kinh Môn, seed 003) so that commune scoping is visible.

mod corpus;
mod people;
mod seed;

pub use seed::{DEMO_PASSWORD, DemoSummary, seed_demo};
