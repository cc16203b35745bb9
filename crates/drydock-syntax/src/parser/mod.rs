//! The error-tolerant parser: splitter (directives, continuations, heredocs) → instruction
//! heads (keyword, flags, exec vs shell form) → typed arguments → stages and scopes.

mod assign;
#[cfg(test)]
mod buildkit_tests;
mod command;
mod copy;
mod duration;
mod flags;
mod head;
mod heredoc;
mod instruction;
mod json;
mod kinds;
mod logical;
mod mount;
mod scope;
mod splitter;
mod stages;
mod words;

use std::ops::Range;

pub use scope::{Scope, Variable, VariableKind, PREDEFINED_ARGS};

use crate::ast::{Dockerfile, SyntaxError, Word};
use crate::span::Span;
use logical::Logical;

pub(crate) fn parse(source: &str) -> Dockerfile {
    let mut split = splitter::Splitter::new(source);
    let mut errors = Vec::new();
    let mut instructions = Vec::new();
    while let Some(raw) = split.next() {
        instructions.push(instruction::build(source, split.escape, &mut errors, raw));
    }
    errors.append(&mut split.errors);
    if instructions.is_empty() {
        errors.push(SyntaxError {
            message: "file with no instructions: a Dockerfile needs at least a FROM".into(),
            span: Span::new(source.len(), source.len()),
        });
    }
    let mut df = Dockerfile {
        directives: split.directives,
        escape: split.escape,
        instructions,
        comments: split.comments,
        errors,
        stages: Vec::new(),
        global_args: Vec::new(),
    };
    stages::resolve(&mut df);
    df.errors.sort_by_key(|e| e.span);
    df
}

/// What typing one instruction needs: its logical line and where errors go.
pub(crate) struct Cx<'a> {
    pub src: &'a str,
    pub line: &'a Logical,
    pub escape: char,
    pub errors: &'a mut Vec<SyntaxError>,
}

impl<'a> Cx<'a> {
    pub fn error(&mut self, span: Span, message: impl Into<String>) {
        self.errors.push(SyntaxError {
            message: message.into(),
            span,
        });
    }

    pub fn text(&self, r: Range<usize>) -> &'a str {
        &self.line.text[r]
    }

    /// The word at `r` with quotes and escapes removed; a quote left open is an error, since
    /// BuildKit rejects it when it expands the word.
    pub fn word(&mut self, r: Range<usize>) -> Word {
        let (value, open) = words::unquote_checked(self.text(r.clone()), self.escape);
        let word = self.line.word(r, value);
        if let Some(q) = open {
            let kind = if q == '"' { "double" } else { "single" };
            self.error(
                word.span,
                format!("unterminated {kind} quote: add the closing {q}"),
            );
        }
        word
    }
}
