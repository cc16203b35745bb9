//! Drydock's model of a Dockerfile.
//!
//! [`parse`] never fails: it returns every instruction it could read and a list of errors,
//! each with a byte span. Everything here is pure: no IO, no async, no global state.

mod ast;
pub mod dockerignore;
pub mod expand;
mod parser;
pub mod shell;
mod span;

pub use ast::*;
pub use parser::{Scope, Variable, VariableKind, PREDEFINED_ARGS};
pub use span::{LineCol, LineIndex, Span, TextMap};

/// Parses Dockerfile text. Never fails and never panics; see [`Dockerfile::errors`].
pub fn parse(source: &str) -> Dockerfile {
    parser::parse(source)
}
