//! The wildcard patterns of `${v#pat}`, `${v%pat}` and `${v/pat/repl}`, matched as BuildKit
//! matches them: it turns `*` into `.*`, `?` into `.` (neither matches a newline) and everything
//! else into a literal, then uses Go's regexp. Here a small NFA runs over the value instead,
//! in O(value × pattern) time.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Char(char),
    /// `?`
    Any,
    /// `*`
    Star,
}

impl Token {
    fn accepts(self, c: char) -> bool {
        match self {
            Token::Char(t) => t == c,
            Token::Any | Token::Star => c != '\n',
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Pattern {
    tokens: Vec<Token>,
}

impl Pattern {
    /// Parses a pattern in which escapes were kept: `\*`, `\?` and `\\` are literals, the
    /// backslash of `\}` and `\/` is dropped, any other escape is an error.
    pub fn parse(raw: &str) -> Result<Pattern, String> {
        let mut tokens = Vec::new();
        let mut chars = raw.chars().peekable();
        while let Some(c) = chars.next() {
            tokens.push(match c {
                // `**` matches what `*` matches; one state instead of many keeps matching fast.
                '*' if tokens.last() == Some(&Token::Star) => continue,
                '*' => Token::Star,
                '?' => Token::Any,
                '\\' => match chars.peek().copied() {
                    Some('}' | '/') => continue,
                    Some(n @ ('*' | '?' | '\\')) => {
                        chars.next();
                        Token::Char(n)
                    }
                    Some(n) => return Err(format!("invalid escape '\\{n}'")),
                    None => return Err("invalid escape '\\'".to_string()),
                },
                c => Token::Char(c),
            });
        }
        Ok(Pattern { tokens })
    }

    fn reversed(&self) -> Pattern {
        Pattern {
            tokens: self.tokens.iter().rev().copied().collect(),
        }
    }

    /// `${v#pat}` (shortest) and `${v##pat}` (longest).
    pub fn trim_prefix(&self, value: &str, longest: bool) -> String {
        match self.prefix_len(value.chars(), longest) {
            Some(len) => value[len..].to_string(),
            None => value.to_string(),
        }
    }

    /// `${v%pat}` (shortest) and `${v%%pat}` (longest): a prefix match of the reversed
    /// pattern on the reversed value.
    pub fn trim_suffix(&self, value: &str, longest: bool) -> String {
        match self.reversed().prefix_len(value.chars().rev(), longest) {
            Some(len) => value[..value.len() - len].to_string(),
            None => value.to_string(),
        }
    }

    /// `${v/pat/repl}` (first match) and `${v//pat/repl}` (all, with Go's rules for empty
    /// matches). Matches are leftmost-longest, which is what Go's leftmost-first search
    /// finds for these greedy patterns.
    pub fn replace(&self, value: &str, replacement: &str, all: bool) -> String {
        if !all {
            return match self.find(value, 0) {
                Some((s, e)) => format!("{}{replacement}{}", &value[..s], &value[e..]),
                None => value.to_string(),
            };
        }
        let mut out = String::with_capacity(value.len());
        let mut last_end = 0;
        let mut search = 0;
        while search <= value.len() {
            let Some((s, e)) = self.find(value, search) else {
                break;
            };
            out.push_str(&value[last_end..s]);
            // No second replacement for an empty match right after a match.
            if e > last_end || s == 0 {
                out.push_str(replacement);
            }
            last_end = e;
            // Advance past the match, and by at least one character.
            let width = value[search..].chars().next().map_or(1, char::len_utf8);
            search = (search + width).max(e);
        }
        out.push_str(&value[last_end..]);
        out
    }

    /// Adds the states reachable without input: a `*` may match nothing.
    fn close<T: Copy + Ord>(&self, states: &mut [Option<T>]) {
        for (i, t) in self.tokens.iter().enumerate() {
            if let (Token::Star, Some(s)) = (t, states[i]) {
                states[i + 1] = Some(states[i + 1].map_or(s, |o| o.min(s)));
            }
        }
    }

    /// Moves every state over `c`; each state carries the earliest start that reached it.
    fn step<T: Copy + Ord>(&self, states: &[Option<T>], c: char, next: &mut [Option<T>]) {
        next.iter_mut().for_each(|s| *s = None);
        for (i, t) in self.tokens.iter().enumerate() {
            let Some(s) = states[i] else { continue };
            if t.accepts(c) {
                let to = if *t == Token::Star { i } else { i + 1 };
                next[to] = Some(next[to].map_or(s, |o| o.min(s)));
            }
        }
        self.close(next);
    }

    /// Byte length of the shortest or longest prefix of `chars` that the pattern matches.
    fn prefix_len(&self, chars: impl Iterator<Item = char>, longest: bool) -> Option<usize> {
        let n = self.tokens.len();
        let mut states = vec![None; n + 1];
        let mut next = states.clone();
        states[0] = Some(());
        self.close(&mut states);
        let mut best = None;
        let mut len = 0;
        for c in chars {
            if states[n].is_some() {
                best = Some(len);
                if !longest {
                    return best;
                }
            }
            self.step(&states, c, &mut next);
            std::mem::swap(&mut states, &mut next);
            if states.iter().all(Option::is_none) {
                return best;
            }
            len += c.len_utf8();
        }
        if states[n].is_some() {
            best = Some(len);
        }
        best
    }

    /// The leftmost-longest match starting at or after byte `from`.
    fn find(&self, value: &str, from: usize) -> Option<(usize, usize)> {
        let n = self.tokens.len();
        let mut states: Vec<Option<usize>> = vec![None; n + 1];
        let mut next = states.clone();
        let mut best: Option<(usize, usize)> = None;
        let mut chars = value[from..].char_indices().map(|(i, c)| (from + i, c));
        let mut pos = from;
        loop {
            if best.is_none() && states[0].is_none() {
                states[0] = Some(pos);
            }
            self.close(&mut states);
            if let Some(s) = states[n] {
                if best.is_none_or(|(bs, be)| s < bs || (s == bs && pos > be)) {
                    best = Some((s, pos));
                }
            }
            if let Some((bs, _)) = best {
                // Threads that started later can no longer win.
                for st in states.iter_mut() {
                    if st.is_some_and(|s| s > bs) {
                        *st = None;
                    }
                }
                if states.iter().all(Option::is_none) {
                    return best;
                }
            }
            let Some((i, c)) = chars.next() else {
                return best;
            };
            self.step(&states, c, &mut next);
            std::mem::swap(&mut states, &mut next);
            pos = i + c.len_utf8();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_escapes() {
        let cases: &[(&str, Result<Vec<Token>, &str>)] = &[
            ("a*?", Ok(vec![Token::Char('a'), Token::Star, Token::Any])),
            ("***a", Ok(vec![Token::Star, Token::Char('a')])),
            (
                r"\*\?\\",
                Ok(vec![Token::Char('*'), Token::Char('?'), Token::Char('\\')]),
            ),
            (r"\}\/", Ok(vec![Token::Char('}'), Token::Char('/')])),
            (r"\a", Err(r"invalid escape '\a'")),
            ("a\\", Err(r"invalid escape '\'")),
        ];
        for (raw, expected) in cases {
            let got = Pattern::parse(raw).map(|p| p.tokens);
            assert_eq!(got, expected.clone().map_err(str::to_string), "{raw:?}");
        }
    }

    #[test]
    fn trims_and_replaces() {
        // (pattern, value, #, ##, %, %%, /x, //x)
        let cases: &[(&str, &str, [&str; 6])] = &[
            ("*.", "a.b.c", ["b.c", "c", "a.b.c", "a.b.c", "xc", "xc"]),
            (".*", "a.b.c", ["a.b.c", "a.b.c", "a.b", "a", "ax", "ax"]),
            (
                "a",
                "banana",
                ["banana", "banana", "banan", "banan", "bxnana", "bxnxnx"],
            ),
            ("?", "héé", ["éé", "éé", "hé", "hé", "xéé", "xxx"]),
            ("", "ab", ["ab", "ab", "ab", "ab", "xab", "xaxbx"]),
            ("*", "ab", ["ab", "", "ab", "", "x", "x"]),
            ("*", "", ["", "", "", "", "x", "x"]),
            ("b*", "abcb", ["abcb", "abcb", "abc", "a", "ax", "ax"]),
            (
                "a*",
                "x\ny",
                ["x\ny", "x\ny", "x\ny", "x\ny", "x\ny", "x\ny"],
            ),
            ("?", "a\nb", ["\nb", "\nb", "a\n", "a\n", "x\nb", "x\nx"]),
        ];
        for (pat, value, [p, pp, s, ss, r, rr]) in cases {
            let pattern = Pattern::parse(pat).unwrap();
            let got = [
                pattern.trim_prefix(value, false),
                pattern.trim_prefix(value, true),
                pattern.trim_suffix(value, false),
                pattern.trim_suffix(value, true),
                pattern.replace(value, "x", false),
                pattern.replace(value, "x", true),
            ];
            assert_eq!(got, [*p, *pp, *s, *ss, *r, *rr], "{pat:?} on {value:?}");
        }
    }
}
