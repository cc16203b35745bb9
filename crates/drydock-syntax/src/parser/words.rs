//! Splitting argument text into words and removing quotes, the way BuildKit's parser and its
//! word processing (without variable expansion) do.

use std::ops::Range;

/// BuildKit's `[\t\v\f\r ]`: the separators of whitespace-delimited instructions (FROM, EXPOSE,
/// COPY, ADD, VOLUME). Quotes do not group words there.
pub(crate) fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\x0b' | '\x0c' | '\r')
}

/// Byte ranges (offset by `base`) of the separator-delimited words of `text`.
pub(crate) fn split_separators(text: &str, base: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let start = pos + text[pos..].find(|c| !is_separator(c))?;
        let end = text[start..]
            .find(is_separator)
            .map_or(text.len(), |i| start + i);
        pos = end;
        Some(base + start..base + end)
    })
}

/// Byte ranges (offset by `base`) of the words of `text`, where quotes group words and the
/// escape character protects the next character (BuildKit's `parseWords`, used by ENV, LABEL
/// and ARG). The ranges cover the raw words, quotes included.
pub(crate) fn split_words(text: &str, base: usize, escape: char) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut chars = text.char_indices();
    let mut start = None;
    let mut quote = None;
    // A word made only of an escape at the end of the text is dropped, as BuildKit does.
    let mut has_content = false;
    while let Some((i, c)) = chars.next() {
        if let Some(q) = quote {
            // An escape protects the next character, except in single quotes; one at the very
            // end closes the quote.
            let escaped_end = c == escape && q != '\'' && chars.next().is_none();
            if c == q || escaped_end {
                quote = None;
            }
            continue;
        }
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                if has_content {
                    words.push(base + s..base + i);
                }
            }
            has_content = false;
            continue;
        }
        start.get_or_insert(i);
        if c == '\'' || c == '"' {
            quote = Some(c);
            has_content = true;
        } else if c == escape {
            has_content |= chars.next().is_some();
        } else {
            has_content = true;
        }
    }
    if let (Some(s), true) = (start, has_content) {
        words.push(base + s..base + text.len());
    }
    words
}

/// `raw` with quotes removed and escapes applied, variables left as written: BuildKit's word
/// processing without expansion. Inside double quotes the escape character only escapes `"`,
/// `$` and itself; inside single quotes nothing is special. Unterminated quotes run to the end.
pub(crate) fn unquote(raw: &str, escape: char) -> String {
    unquote_checked(raw, escape).0
}

/// Like [`unquote`]; also returns the quote character left open at the end, if any (BuildKit
/// rejects such a word when it expands it).
pub(crate) fn unquote_checked(raw: &str, escape: char) -> (String, Option<char>) {
    if !raw.contains(['\'', '"', escape]) {
        return (raw.to_owned(), None);
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                if !copy_until(&mut chars, &mut out, |c, _| (c == '\'').then_some(None)) {
                    return (out, Some('\''));
                }
            }
            '"' => {
                let closed = copy_until(&mut chars, &mut out, |c, next| match c {
                    '"' => Some(None),
                    c if c == escape => match next {
                        Some(n) if n == '"' || n == '$' || n == escape => Some(Some(n)),
                        _ => None,
                    },
                    _ => None,
                });
                if !closed {
                    return (out, Some('"'));
                }
            }
            c if c == escape => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            c => out.push(c),
        }
    }
    (out, None)
}

/// Copies quoted characters into `out` until `stop` says the quote ends (`Some(None)`) or that
/// an escape pair stands for one character (`Some(Some(c))`). Returns whether the quote ended.
fn copy_until(
    chars: &mut std::iter::Peekable<std::str::Chars>,
    out: &mut String,
    stop: impl Fn(char, Option<char>) -> Option<Option<char>>,
) -> bool {
    while let Some(c) = chars.next() {
        match stop(c, chars.peek().copied()) {
            Some(None) => return true,
            Some(Some(escaped)) => {
                out.push(escaped);
                chars.next();
            }
            None => out.push(c),
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<&'a str> {
        ranges.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn separators_ignore_quotes() {
        let t = "\"test file\"\t /tmp";
        assert_eq!(
            texts(t, &split_separators(t, 0).collect::<Vec<_>>()),
            ["\"test", "file\"", "/tmp"]
        );
        assert_eq!(
            split_separators("a b", 10).collect::<Vec<_>>(),
            [10..11, 12..13]
        );
        // Only BuildKit's separators split, not other Unicode spaces.
        assert_eq!(split_separators("a\u{a0}b", 0).count(), 1);
    }

    #[test]
    fn words_keep_quoted_spaces() {
        let t = r#"abc="123 456" def a\ b 'x y'"#;
        assert_eq!(
            texts(t, &split_words(t, 0, '\\')),
            [r#"abc="123 456""#, "def", r"a\ b", "'x y'"]
        );
        // An escape alone at the end is not a word; an empty quoted string is.
        assert_eq!(texts("a \\", &split_words("a \\", 0, '\\')), ["a"]);
        assert_eq!(
            texts("x= \"\"", &split_words("x= \"\"", 0, '\\')),
            ["x=", "\"\""]
        );
    }

    #[test]
    fn words_use_the_escape_directive() {
        let t = "a`  b c\\ d";
        assert_eq!(texts(t, &split_words(t, 0, '`')), ["a` ", "b", "c\\", "d"]);
    }

    #[test]
    fn unquote_follows_buildkit() {
        assert_eq!(unquote(r#""value value1""#, '\\'), "value value1");
        assert_eq!(unquote(r"value\ value2", '\\'), "value value2");
        assert_eq!(unquote(r#""a\"b""#, '\\'), "a\"b");
        assert_eq!(unquote(r#""a\'b""#, '\\'), "a\\'b");
        // The last quote opens a new, unterminated single-quoted string.
        assert_eq!(unquote(r"'a\'b'", '\\'), "a\\b");
        assert_eq!(
            unquote(r#"'value"double quote"value2'"#, '\\'),
            "value\"double quote\"value2"
        );
        assert_eq!(unquote(r#""$HOME \$x""#, '\\'), "$HOME $x");
        assert_eq!(unquote(r"C:\path", '`'), r"C:\path");
        assert_eq!(unquote("a`\"b", '`'), "a\"b");
        assert_eq!(
            unquote_checked("unterminated \"quote", '\\'),
            ("unterminated quote".to_owned(), Some('"'))
        );
        assert_eq!(unquote_checked("'a'\"b\"", '\\').1, None);
    }
}
