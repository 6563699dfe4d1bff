//! counternet's domain: the pure types and rules of the work against human trafficking.
//!
//! No I/O, no clock (the current time is always passed in), no async. Everything here can be
//! tested with plain values. The vocabularies keep the standards' codes (HTCDS 2.0, DOMAIN.md)
//! as stable snake_case strings; labels are translated elsewhere.

pub mod access;
pub mod assets;
pub mod calls;
pub mod case;
pub mod compensation;
pub mod engagement;
pub mod followup;
pub mod identification;
pub mod link;
pub mod mask;
pub mod money;
pub mod org;
pub mod party;
pub mod proceedings;
pub mod referral;
pub mod screening;
pub mod statements;
pub mod validation;
pub mod vocab;

pub use access::{Actor, Role};
pub use validation::{Validated, ValidationError};
