//! POSIX-ish shell scripts (RUN bodies) split into simple commands with positions, so that rules
//! can ask "is there an `apt-get install` without `-y`?" without re-lexing.
//!
//! Spans here are byte ranges into the script text that was parsed, not into the Dockerfile;
//! [`crate::ShellText::span`] maps them back.

use crate::span::Span;

mod lexer;
mod parser;
#[cfg(test)]
mod tests;

/// A parsed script: every simple command in source order, including those inside
/// subshells, brace groups, `$(...)` and backticks, `if`/`for`/`while` bodies.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Script {
    pub commands: Vec<Command>,
}

/// The operator that ends a simple command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separator {
    /// `&&`
    And,
    /// `||`
    Or,
    /// `;` or a newline
    Seq,
    /// `|`
    Pipe,
    /// `&`
    Background,
}

/// One simple command: `FOO=1 apt-get install -y curl`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Command {
    /// `NAME=value` words before the command name.
    pub assignments: Vec<ShellWord>,
    /// The command name and its arguments (redirections removed).
    pub words: Vec<ShellWord>,
    /// From the first assignment or word to the last word or redirection.
    pub span: Span,
    /// The operator after this command, if any.
    pub separator: Option<Separator>,
    /// Whether this command's output is piped into the next one or it reads a pipe.
    pub in_pipeline: bool,
    /// Nesting depth in subshells, groups, substitutions and compound commands (0 = top).
    pub depth: u32,
}

/// A word with quotes removed and escapes applied; `$VAR` references are kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ShellWord {
    pub value: String,
    pub span: Span,
    /// Any part of the word was quoted.
    pub quoted: bool,
}

/// Parses a script. Never fails: unbalanced quotes or parentheses end at the end of the text.
/// Runs in time linear in the text and never recurses, whatever the nesting.
pub fn parse(text: &str) -> Script {
    parser::Parser::new(text).run()
}

impl Command {
    /// The command name (`apt-get`), i.e. the first word, if any.
    pub fn name(&self) -> Option<&str> {
        self.words.first().map(|w| w.value.as_str())
    }

    /// The command name without a leading path (`/usr/bin/pip3` → `pip3`).
    pub fn program(&self) -> Option<&str> {
        self.name().map(|n| n.rsplit('/').next().unwrap_or(n))
    }

    /// The words after the command name.
    pub fn args(&self) -> &[ShellWord] {
        self.words.get(1..).unwrap_or(&[])
    }
}
