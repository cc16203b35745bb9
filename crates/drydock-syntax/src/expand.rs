//! Variable expansion as BuildKit does it for ARG, ENV, FROM and the other non-RUN
//! instructions: `$v`, `${v}`, `${v:-word}`, `${v-word}`, `${v:+word}`, `${v+word}`,
//! `${v:?msg}`, `${v#pat}`, `${v##pat}`, `${v%pat}`, `${v%%pat}`, `${v/pat/repl}`,
//! `${v//pat/repl}`, with quotes removed and `\$` escaping.
//!
//! Nested `${...}` are kept on an explicit stack, and every nested word is written once into
//! one output buffer (an unused default is truncated away), so time stays linear in the text.

mod pattern;
#[cfg(test)]
mod tests;

use std::collections::HashSet;

use pattern::Pattern;

/// The result of expanding a text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Expansion {
    /// The expanded text. When [`Expansion::error`] is set this is a best effort.
    pub value: String,
    /// Names referenced without a definition and without a default (`${v:-x}` has one),
    /// in order of first use. Names inside a default that is not used are not counted.
    pub undefined: Vec<String>,
    /// Every name looked up and not found, as BuildKit's `Unmatched` set reports it for its
    /// `UndefinedVar` check: this includes `${v:-x}` and names in unused defaults.
    pub unmatched: Vec<String>,
    /// The error BuildKit would stop the build with (`syntax error: bad substitution`, ...).
    pub error: Option<String>,
}

/// Expands `text`, looking names up with `lookup` (`None` = not defined). `escape` is the
/// Dockerfile's escape character (`\` or `` ` ``).
pub fn expand(text: &str, escape: char, lookup: &dyn Fn(&str) -> Option<String>) -> Expansion {
    Expander {
        text,
        pos: 0,
        escape,
        lookup,
        out: String::with_capacity(text.len()),
        in_dquote: false,
        frames: Vec::new(),
        undefined: Vec::new(),
        unmatched: Vec::new(),
        error: None,
    }
    .run()
}

/// Nesting beyond this is reported as an error instead of being followed.
const MAX_DEPTH: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    /// `-`: the word if unset.
    Default,
    /// `+`: the word if set.
    Alternative,
    /// `?`: an error if unset.
    Require,
    /// `#`, `##`
    TrimPrefix,
    /// `%`, `%%`
    TrimSuffix,
    /// `/` or `//`; `pattern` is set once the middle `/` was read.
    Replace { all: bool },
    /// Anything else (`${v=x}`, `${v:#x}`): an error; the value is used.
    Unsupported,
}

/// An open `${name<op>word}` whose word is being expanded into the output buffer.
struct Frame {
    /// Byte range of the name in the text.
    name: (usize, usize),
    op: Op,
    /// `:` before the operator: an empty value counts as unset.
    colon: bool,
    /// Where the word starts in the output buffer and in the undefined list.
    out_start: usize,
    undefined_start: usize,
    /// The enclosing text was inside double quotes.
    outer_dquote: bool,
    /// For `/`: the expanded pattern, once the middle `/` was read.
    pattern: Option<String>,
}

impl Frame {
    /// Patterns keep their escapes (`\*` must stay literal).
    fn raw_escapes(&self) -> bool {
        matches!(
            self.op,
            Op::TrimPrefix | Op::TrimSuffix | Op::Replace { .. }
        )
    }

    fn stop_char(&self) -> char {
        match self.op {
            Op::Replace { .. } if self.pattern.is_none() => '/',
            _ => '}',
        }
    }
}

struct Expander<'a> {
    text: &'a str,
    pos: usize,
    escape: char,
    lookup: &'a dyn Fn(&str) -> Option<String>,
    out: String,
    in_dquote: bool,
    frames: Vec<Frame>,
    undefined: Vec<String>,
    unmatched: Vec<String>,
    error: Option<String>,
}

impl Expander<'_> {
    fn run(mut self) -> Expansion {
        while let Some(c) = self.peek() {
            if self.frames.len() > MAX_DEPTH {
                self.fail("syntax error: substitutions nested too deeply".to_string());
                break;
            }
            if self.in_dquote {
                self.dquote_char(c);
                continue;
            }
            if self.frames.last().is_some_and(|f| f.stop_char() == c) {
                self.pos += 1;
                self.stop();
                continue;
            }
            match c {
                '$' => self.dollar(),
                '\'' => self.single_quote(),
                '"' => {
                    self.in_dquote = true;
                    self.pos += 1;
                }
                c if c == self.escape => {
                    self.pos += c.len_utf8();
                    if self.raw_escapes() {
                        self.out.push(c);
                    }
                    // A trailing escape character is dropped.
                    if let Some(next) = self.peek() {
                        self.out.push(next);
                        self.pos += next.len_utf8();
                    }
                }
                c => {
                    self.out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
        self.finish_unclosed();
        Expansion {
            value: self.out,
            undefined: dedup(self.undefined),
            unmatched: dedup(self.unmatched),
            error: self.error,
        }
    }

    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn raw_escapes(&self) -> bool {
        self.frames.last().is_some_and(Frame::raw_escapes)
    }

    /// Records the first error; BuildKit stops at it.
    fn fail(&mut self, message: String) {
        self.error.get_or_insert(message);
    }

    /// Inside `"..."`: only `$` expands, and the escape character only escapes `"`, `$` and
    /// itself.
    fn dquote_char(&mut self, c: char) {
        match c {
            '"' => {
                self.in_dquote = false;
                self.pos += 1;
            }
            '$' => self.dollar(),
            c if c == self.escape => {
                self.pos += c.len_utf8();
                if self.raw_escapes() {
                    self.out.push(c);
                }
                match self.peek() {
                    Some(n) if n == '"' || n == '$' || n == self.escape => {
                        self.out.push(n);
                        self.pos += n.len_utf8();
                    }
                    Some(_) => self.out.push(c),
                    None => {}
                }
            }
            c => {
                self.out.push(c);
                self.pos += c.len_utf8();
            }
        }
    }

    /// `'...'`: everything literal up to the next single quote.
    fn single_quote(&mut self) {
        let body = self.pos + 1;
        match self.text[body..].find('\'') {
            Some(len) => {
                self.out.push_str(&self.text[body..body + len]);
                self.pos = body + len + 1;
            }
            None => {
                self.out.push_str(&self.text[body..]);
                self.pos = self.text.len();
                self.fail(
                    "unexpected end of statement while looking for matching single-quote"
                        .to_string(),
                );
            }
        }
    }

    /// A name after `$` or `${`: a run of digits, one special parameter, or letters, digits
    /// and underscores.
    fn read_name(&mut self) -> (usize, usize) {
        let start = self.pos;
        let rest = &self.text[start..];
        let len = match rest.chars().next() {
            Some(c) if c.is_ascii_digit() => rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len()),
            Some(c @ ('@' | '*' | '#' | '?' | '-' | '$' | '!')) => c.len_utf8(),
            _ => rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len()),
        };
        self.pos += len;
        (start, start + len)
    }

    fn dollar(&mut self) {
        self.pos += 1;
        if self.peek() != Some('{') {
            let name = self.read_name();
            if name.0 == name.1 {
                self.out.push('$');
            } else {
                let value = self.resolve(name, true);
                self.out.push_str(&value.unwrap_or_default());
            }
            return;
        }
        self.pos += 1;
        match self.peek() {
            None => return self.fail("syntax error: missing '}'".to_string()),
            Some('{' | '}' | ':') => {
                // Best effort: keep the text literally.
                self.out.push_str("${");
                return self.fail("syntax error: bad substitution".to_string());
            }
            Some(_) => {}
        }
        let name = self.read_name();
        let Some(c) = self.peek() else {
            return self.fail("syntax error: missing '}'".to_string());
        };
        self.pos += c.len_utf8();
        let (op, colon) = match c {
            '}' => {
                let value = self.resolve(name, true);
                self.out.push_str(&value.unwrap_or_default());
                return;
            }
            ':' => {
                let next = self.peek();
                self.pos += next.map_or(0, char::len_utf8);
                match next {
                    Some('-') => (Op::Default, true),
                    Some('+') => (Op::Alternative, true),
                    Some('?') => (Op::Require, true),
                    Some(other) => {
                        self.fail(format!("unsupported modifier (:{other}) in substitution"));
                        (Op::Unsupported, true)
                    }
                    None => return self.fail("syntax error: missing '}'".to_string()),
                }
            }
            '-' => (Op::Default, false),
            '+' => (Op::Alternative, false),
            '?' => (Op::Require, false),
            '#' => (Op::TrimPrefix, false),
            '%' => (Op::TrimSuffix, false),
            '/' => {
                let all = self.peek() == Some('/');
                if all {
                    self.pos += 1;
                }
                (Op::Replace { all }, false)
            }
            other => {
                self.fail(format!("unsupported modifier ({other}) in substitution"));
                (Op::Unsupported, false)
            }
        };
        self.frames.push(Frame {
            name,
            op,
            colon,
            out_start: self.out.len(),
            undefined_start: self.undefined.len(),
            outer_dquote: std::mem::replace(&mut self.in_dquote, false),
            pattern: None,
        });
    }

    /// Looks a name up, recording it when absent.
    fn resolve(&mut self, name: (usize, usize), counts_as_undefined: bool) -> Option<String> {
        let name = &self.text[name.0..name.1];
        let value = (self.lookup)(name);
        if value.is_none() {
            self.unmatched.push(name.to_string());
            if counts_as_undefined {
                self.undefined.push(name.to_string());
            }
        }
        value
    }

    /// The top frame's stop character was read: the middle `/` of a replacement or `}`.
    fn stop(&mut self) {
        let out_start = self.frames.last().map_or(0, |f| f.out_start);
        if let Some(f) = self.frames.last_mut() {
            if matches!(f.op, Op::Replace { .. }) && f.pattern.is_none() {
                f.pattern = Some(self.out.split_off(out_start));
                return;
            }
        }
        self.close_frame();
    }

    /// Replaces the top frame's word in the output with the substitution's result.
    fn close_frame(&mut self) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        self.in_dquote = frame.outer_dquote;
        let has_default = matches!(frame.op, Op::Default | Op::Alternative);
        // Looked up after the word was expanded, as BuildKit does.
        let value = self.resolve(frame.name, false);
        let set = value.is_some();
        let value = value.unwrap_or_default();
        // With `:`, an empty value counts as unset.
        let unset = !set || (frame.colon && value.is_empty());
        let result = match frame.op {
            // The word is already in place.
            Op::Default if unset => return,
            Op::Alternative if !unset => return,
            Op::Default | Op::Unsupported => {
                self.discard_word(&frame);
                value
            }
            Op::Alternative => {
                self.discard_word(&frame);
                String::new()
            }
            Op::Require if !unset => {
                self.discard_word(&frame);
                value
            }
            Op::Require => {
                let message = self.out.split_off(frame.out_start);
                let name = &self.text[frame.name.0..frame.name.1];
                let message = match (message.is_empty(), set) {
                    (false, _) => message,
                    (true, false) => "is not allowed to be unset".to_string(),
                    (true, true) => "is not allowed to be empty".to_string(),
                };
                self.fail(format!("{name}: {message}"));
                String::new()
            }
            Op::TrimPrefix | Op::TrimSuffix => {
                let word = self.out.split_off(frame.out_start);
                let marker = if frame.op == Op::TrimPrefix { '#' } else { '%' };
                let (longest, raw) = match word.strip_prefix(marker) {
                    Some(rest) => (true, rest),
                    None => (false, word.as_str()),
                };
                match Pattern::parse(raw) {
                    Ok(p) if frame.op == Op::TrimPrefix => p.trim_prefix(&value, longest),
                    Ok(p) => p.trim_suffix(&value, longest),
                    Err(e) => self.invalid_pattern(raw, e, value),
                }
            }
            Op::Replace { all } => {
                let replacement = self.out.split_off(frame.out_start);
                let raw = frame.pattern.unwrap_or_default();
                match Pattern::parse(&raw) {
                    Ok(p) => p.replace(&value, &replacement, all),
                    Err(e) => self.invalid_pattern(&raw, e, value),
                }
            }
        };
        if !set && !has_default {
            let name = &self.text[frame.name.0..frame.name.1];
            self.undefined.push(name.to_string());
        }
        self.out.push_str(&result);
    }

    /// Drops an unused word from the output, and the names it referenced from `undefined`.
    fn discard_word(&mut self, frame: &Frame) {
        self.out.truncate(frame.out_start);
        self.undefined.truncate(frame.undefined_start);
    }

    fn invalid_pattern(&mut self, raw: &str, error: String, value: String) -> String {
        self.fail(format!("invalid pattern ({raw}) in substitution: {error}"));
        value
    }

    /// At the end of the text: unclosed quotes and substitutions are errors; substitutions
    /// are closed as if their `}` followed.
    fn finish_unclosed(&mut self) {
        if let Some(f) = self.frames.last() {
            let message = if f.stop_char() == '/' {
                "syntax error: missing '/' in ${}"
            } else {
                "syntax error: missing '}'"
            };
            self.fail(message.to_string());
        } else if self.in_dquote {
            self.fail(
                "unexpected end of statement while looking for matching double-quote".to_string(),
            );
        }
        while !self.frames.is_empty() {
            self.stop();
        }
    }
}

/// Removes repeated names, keeping the first occurrence.
fn dedup(names: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    names
        .into_iter()
        .filter(|n| seen.insert(n.clone()))
        .collect()
}
