//! The `counternet` command's library part: what the binary and the benchmarks share.

pub mod demo;
pub mod demo_care;
pub mod demo_justice;
pub mod demo_money;
