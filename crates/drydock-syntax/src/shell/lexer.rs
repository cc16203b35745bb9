//! Character-level scanning: words (quotes, escapes, `$...` forms) and the opaque skips that
//! jump over arithmetic, `${...}`, here-doc bodies and too-deeply nested substitutions.
//!
//! Every function here only moves forward, so the whole parse stays linear.

/// A word being read. It may be suspended while a command substitution inside it is parsed.
#[derive(Debug)]
pub(super) struct WordBuilder {
    pub start: usize,
    pub value: String,
    pub quoted: bool,
    /// Inside `"..."` (needed to resume after a substitution).
    pub in_dquote: bool,
}

impl WordBuilder {
    pub fn new(start: usize) -> Self {
        WordBuilder {
            start,
            value: String::new(),
            quoted: false,
            in_dquote: false,
        }
    }
}

/// A command substitution (`$(`, `` ` ``, `<(`, `>(`) opened inside a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Substitution {
    /// Offset of the opener (`$`, `` ` ``, `<` or `>`).
    pub start: usize,
    /// `)` or `` ` ``.
    pub closer: u8,
}

impl Substitution {
    fn opener_len(self) -> usize {
        if self.closer == b'`' {
            1
        } else {
            2
        }
    }
}

/// Why [`Lexer::lex_word`] stopped.
pub(super) enum WordEnd {
    /// The word ended before the cursor.
    Complete,
    /// A substitution opens; the cursor is right after its opener.
    Substitution(Substitution),
}

pub(super) struct Lexer<'a> {
    pub text: &'a str,
    pub pos: usize,
    /// Bytes of substitution text that may still be copied into enclosing words. Each nesting
    /// level copies its substitutions' text again, so without a cap deep nesting is quadratic.
    copy_budget: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(text: &'a str) -> Self {
        Lexer {
            text,
            pos: 0,
            copy_budget: text.len().saturating_mul(4).saturating_add(4096),
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    pub fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    pub fn peek_at(&self, offset: usize) -> Option<u8> {
        self.bytes().get(self.pos + offset).copied()
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.text.len()
    }

    /// Skips spaces, tabs, carriage returns and line continuations.
    pub fn skip_blanks(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\r') => self.pos += 1,
                Some(b'\\') if self.peek_at(1) == Some(b'\n') => self.pos += 2,
                _ => return,
            }
        }
    }

    /// Skips a comment up to (not including) the end of the line.
    pub fn skip_comment(&mut self) {
        self.pos = self.line_end(self.pos);
    }

    fn line_end(&self, from: usize) -> usize {
        self.bytes()[from..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.text.len(), |i| from + i)
    }

    /// The next byte that is not a space or tab.
    pub fn next_non_blank(&self) -> Option<u8> {
        self.bytes()[self.pos..]
            .iter()
            .copied()
            .find(|b| !matches!(b, b' ' | b'\t'))
    }

    /// Skips the body of a here-doc that starts at the cursor, up to and including the line
    /// that equals `delimiter` (after leading tabs when `strip_tabs`).
    pub fn skip_heredoc_body(&mut self, delimiter: &str, strip_tabs: bool) {
        while !self.at_end() {
            let end = self.line_end(self.pos);
            let mut line = &self.text[self.pos..end];
            if strip_tabs {
                line = line.trim_start_matches('\t');
            }
            let line = line.strip_suffix('\r').unwrap_or(line);
            let done = line == delimiter;
            self.pos = (end + 1).min(self.text.len());
            if done {
                return;
            }
        }
    }

    /// From an opening `(` at `from`, the offset after its matching `)` (or the end of the
    /// text). Quotes and escapes inside are skipped so that `')'` does not close.
    pub fn matching_paren_end(&self, from: usize) -> usize {
        let b = self.bytes();
        let mut depth = 0usize;
        let mut i = from;
        while i < b.len() {
            match b[i] {
                b'\\' => i += 1,
                q @ (b'\'' | b'"') => i = self.quote_end(i, q).unwrap_or(b.len()),
                b'(' => depth += 1,
                b')' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return i + 1;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        b.len()
    }

    /// Offset of the quote closing the one at `from`, if any.
    fn quote_end(&self, from: usize, quote: u8) -> Option<usize> {
        let b = self.bytes();
        let mut i = from + 1;
        while i < b.len() {
            match b[i] {
                b'\\' if quote == b'"' => i += 1,
                c if c == quote => return Some(i),
                _ => {}
            }
            i += 1;
        }
        None
    }

    /// From a `{` at `from`, the offset after its matching `}` (or the end of the text).
    fn matching_brace_end(&self, from: usize) -> usize {
        let b = self.bytes();
        let mut depth = 0usize;
        let mut i = from;
        while i < b.len() {
            match b[i] {
                b'\\' => i += 1,
                b'{' => depth += 1,
                b'}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return i + 1;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        b.len()
    }

    /// Where a substitution whose opener ends at the cursor closes, without parsing it.
    pub fn substitution_end(&self, sub: Substitution) -> usize {
        if sub.closer == b'`' {
            let b = self.bytes();
            let mut i = self.pos;
            while i < b.len() {
                match b[i] {
                    b'\\' => i += 1,
                    b'`' => return i + 1,
                    _ => {}
                }
                i += 1;
            }
            b.len()
        } else {
            self.matching_paren_end(self.pos - 1)
        }
    }

    /// Appends a substitution's source text `start..end` to `word`, or `$(…)`-style
    /// shorthand once the copy budget is spent.
    pub fn append_substitution(&mut self, word: &mut WordBuilder, sub: Substitution, end: usize) {
        let end = end.min(self.text.len());
        let len = end.saturating_sub(sub.start);
        if len <= self.copy_budget {
            self.copy_budget -= len;
            word.value.push_str(&self.text[sub.start..end]);
        } else {
            let opener_end = (sub.start + sub.opener_len()).min(end);
            word.value.push_str(&self.text[sub.start..opener_end]);
            word.value.push('…');
            if self.bytes().get(end.wrapping_sub(1)) == Some(&sub.closer) {
                word.value.push(sub.closer as char);
            }
        }
    }

    /// Reads a word from the cursor until an unquoted blank or operator, or until a command
    /// substitution opens. `in_backtick`: an unescaped backtick ends the word (it closes the
    /// enclosing `` `...` ``).
    pub fn lex_word(&mut self, w: &mut WordBuilder, in_backtick: bool) -> WordEnd {
        while let Some(c) = self.peek() {
            if w.in_dquote {
                match c {
                    b'"' => {
                        w.in_dquote = false;
                        self.pos += 1;
                    }
                    b'\\' => self.dquote_escape(w),
                    b'$' => {
                        if let Some(sub) = self.dollar(w) {
                            return WordEnd::Substitution(sub);
                        }
                    }
                    b'`' => {
                        if in_backtick {
                            w.in_dquote = false;
                            return WordEnd::Complete;
                        }
                        return self.open_backtick();
                    }
                    _ => self.literal_run(w, |b| matches!(b, b'"' | b'\\' | b'$' | b'`')),
                }
                continue;
            }
            match c {
                b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'<' | b'>' | b')' => break,
                b'(' => {
                    if !self.is_array_assignment(w) {
                        break;
                    }
                    let end = self.matching_paren_end(self.pos);
                    w.value.push_str(&self.text[self.pos..end]);
                    self.pos = end;
                }
                b'\\' => self.escape(w),
                b'\'' => {
                    w.quoted = true;
                    let close = self.quote_end(self.pos, b'\'');
                    let body_end = close.unwrap_or(self.text.len());
                    w.value.push_str(&self.text[self.pos + 1..body_end]);
                    self.pos = close.map_or(body_end, |c| c + 1);
                }
                b'"' => {
                    w.quoted = true;
                    w.in_dquote = true;
                    self.pos += 1;
                }
                b'$' => {
                    if let Some(sub) = self.dollar(w) {
                        return WordEnd::Substitution(sub);
                    }
                }
                b'`' => {
                    if in_backtick {
                        break;
                    }
                    return self.open_backtick();
                }
                _ => self.literal_run(w, is_unquoted_special),
            }
        }
        WordEnd::Complete
    }

    fn open_backtick(&mut self) -> WordEnd {
        let start = self.pos;
        self.pos += 1;
        WordEnd::Substitution(Substitution {
            start,
            closer: b'`',
        })
    }

    /// Copies bytes up to the next one for which `stop` holds. Callers only call this on a
    /// byte that is not a stop byte, and stop bytes are ASCII: the run is never empty and
    /// always ends on a char boundary.
    fn literal_run(&mut self, w: &mut WordBuilder, stop: impl Fn(u8) -> bool) {
        let start = self.pos;
        let len = self.bytes()[start..]
            .iter()
            .position(|&b| stop(b))
            .unwrap_or(self.text.len() - start);
        w.value.push_str(&self.text[start..start + len]);
        self.pos = start + len;
    }

    /// The char at byte `i`, if `i` is a char boundary inside the text.
    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|s| s.chars().next())
    }

    /// `\x` outside quotes: `x` literally; backslash-newline is a line continuation.
    fn escape(&mut self, w: &mut WordBuilder) {
        match self.char_at(self.pos + 1) {
            Some('\n') => self.pos += 2,
            Some(c) => {
                w.quoted = true;
                w.value.push(c);
                self.pos += 1 + c.len_utf8();
            }
            None => {
                w.value.push('\\');
                self.pos += 1;
            }
        }
    }

    /// `\x` inside double quotes only escapes `$`, `` ` ``, `"`, `\` and newline.
    fn dquote_escape(&mut self, w: &mut WordBuilder) {
        match self.peek_at(1) {
            Some(b'\n') => self.pos += 2,
            Some(c @ (b'$' | b'`' | b'"' | b'\\')) => {
                w.value.push(c as char);
                self.pos += 2;
            }
            _ => {
                w.value.push('\\');
                self.pos += 1;
            }
        }
    }

    /// Handles a `$` at the cursor: substitutions open (returned), `$((...))` and `${...}` are
    /// copied verbatim, `$'...'` is decoded, `$"..."` is a double-quoted string.
    fn dollar(&mut self, w: &mut WordBuilder) -> Option<Substitution> {
        let start = self.pos;
        match self.peek_at(1) {
            Some(b'(') if self.peek_at(2) == Some(b'(') => {
                let end = self.matching_paren_end(start + 1);
                w.value.push_str(&self.text[start..end]);
                self.pos = end;
            }
            Some(b'(') => {
                self.pos += 2;
                return Some(Substitution {
                    start,
                    closer: b')',
                });
            }
            Some(b'{') => {
                let end = self.matching_brace_end(start + 1);
                w.value.push_str(&self.text[start..end]);
                self.pos = end;
            }
            Some(b'\'') if !w.in_dquote => {
                w.quoted = true;
                self.pos += 2;
                self.ansi_c_string(w);
            }
            Some(b'"') if !w.in_dquote => {
                w.quoted = true;
                w.in_dquote = true;
                self.pos += 2;
            }
            _ => {
                w.value.push('$');
                self.pos += 1;
            }
        }
        None
    }

    /// The body of `$'...'` after the opening quote, with C escapes decoded.
    fn ansi_c_string(&mut self, w: &mut WordBuilder) {
        while let Some(c) = self.peek() {
            match c {
                b'\'' => {
                    self.pos += 1;
                    return;
                }
                b'\\' => self.ansi_c_escape(w),
                _ => self.literal_run(w, |b| b == b'\'' || b == b'\\'),
            }
        }
    }

    fn ansi_c_escape(&mut self, w: &mut WordBuilder) {
        let Some(c) = self.char_at(self.pos + 1) else {
            w.value.push('\\');
            self.pos += 1;
            return;
        };
        self.pos += 2;
        let simple = match c {
            'n' => Some('\n'),
            't' => Some('\t'),
            'r' => Some('\r'),
            'a' => Some('\x07'),
            'b' => Some('\x08'),
            'e' | 'E' => Some('\x1b'),
            'f' => Some('\x0c'),
            'v' => Some('\x0b'),
            '\\' | '\'' | '"' | '?' => Some(c),
            _ => None,
        };
        if let Some(s) = simple {
            w.value.push(s);
            return;
        }
        let (radix, max_digits) = match c {
            'x' => (16, 2),
            'u' => (16, 4),
            'U' => (16, 8),
            '0'..='7' => {
                // The first octal digit was already consumed as `c`.
                self.pos -= 1;
                (8, 3)
            }
            _ => {
                w.value.push('\\');
                w.value.push(c);
                self.pos += c.len_utf8() - 1;
                return;
            }
        };
        let digits_start = self.pos;
        let digits = self.bytes()[digits_start..]
            .iter()
            .take(max_digits)
            .take_while(|b| (**b as char).is_digit(radix))
            .count();
        let code = u32::from_str_radix(&self.text[digits_start..digits_start + digits], radix);
        match code.ok().and_then(char::from_u32) {
            Some(ch) => w.value.push(ch),
            None => {
                w.value.push('\\');
                w.value.push(c);
            }
        }
        self.pos = digits_start + digits;
    }

    /// The word so far is exactly `NAME=` or `NAME+=` and a `(` follows: an array assignment.
    fn is_array_assignment(&self, w: &WordBuilder) -> bool {
        let raw = &self.text[w.start..self.pos];
        assignment_prefix_len(raw) == Some(raw.len())
    }
}

fn is_unquoted_special(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t'
            | b'\r'
            | b'\n'
            | b';'
            | b'&'
            | b'|'
            | b'<'
            | b'>'
            | b'('
            | b')'
            | b'\\'
            | b'\''
            | b'"'
            | b'$'
            | b'`'
    )
}

/// Length of a leading `NAME=` or `NAME+=` (including the `=`), if the raw word starts with one.
pub(super) fn assignment_prefix_len(raw: &str) -> Option<usize> {
    let b = raw.as_bytes();
    let first = *b.first()?;
    if !(first.is_ascii_alphabetic() || first == b'_') {
        return None;
    }
    let name_len = b
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
        .count();
    match b.get(name_len..name_len + 2) {
        Some(b"+=") => Some(name_len + 2),
        _ if b.get(name_len) == Some(&b'=') => Some(name_len + 1),
        _ => None,
    }
}
