//! Variable expansion as BuildKit does it for ARG, ENV, FROM and the other non-RUN
//! instructions: `$v`, `${v}`, `${v:-word}`, `${v-word}`, `${v:+word}`, `${v+word}`,
//! `${v#pat}`, `${v##pat}`, `${v%pat}`, `${v%%pat}`, `${v/pat/repl}`, with `\$` escaping.

/// The result of expanding a text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Expansion {
    pub value: String,
    /// Names referenced without a definition and without a default (`${v:-x}` has one).
    pub undefined: Vec<String>,
}

/// Expands `text`, looking names up with `lookup` (`None` = not defined).
pub fn expand(text: &str, escape: char, lookup: &dyn Fn(&str) -> Option<String>) -> Expansion {
    let _ = (text, escape, lookup);
    todo!("variable expansion")
}
