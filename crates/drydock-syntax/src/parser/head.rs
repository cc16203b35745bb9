//! The head of an instruction: its keyword, the `--flag[=value]` words that follow, and where
//! the arguments start (BuildKit's `splitCommand` and `extractBuilderFlags`).

use std::ops::Range;

use super::words::is_separator;

/// Byte ranges into a logical line.
#[derive(Debug)]
pub(crate) struct Head {
    pub keyword: Range<usize>,
    pub flags: Vec<RawFlag>,
    /// The arguments after the flags, without surrounding whitespace.
    pub rest: Range<usize>,
    /// Flags and arguments: everything after the keyword, without surrounding whitespace.
    pub args: Range<usize>,
}

#[derive(Debug)]
pub(crate) struct RawFlag {
    /// The whole `--name=value` word as written.
    pub span: Range<usize>,
    pub name: String,
    /// The raw range after `=` and the value with quotes and backslash escapes removed.
    pub value: Option<(Range<usize>, String)>,
}

/// Reads the head of the instruction text `text[r]`.
pub(crate) fn read(text: &str, r: Range<usize>) -> Head {
    let start = skip_space(text, r.start, r.end);
    let end = start + text[start..r.end].trim_end().len();
    let kw_end = text[start..end]
        .find(is_separator)
        .map_or(end, |i| start + i);
    let args_start = skip_space(text, kw_end, end);
    let mut flags = Vec::new();
    let mut i = args_start;
    loop {
        i = skip_space(text, i, end);
        if !text[i..end].starts_with("--") {
            break;
        }
        let (word_end, unquoted) = flag_word(text, i, end);
        if unquoted == "--" {
            // `--` ends the flags.
            i = word_end;
            break;
        }
        flags.push(raw_flag(text, i..word_end, unquoted));
        i = word_end;
    }
    let rest_start = skip_space(text, i, end);
    Head {
        keyword: start..kw_end,
        flags,
        rest: rest_start..end,
        args: args_start..end,
    }
}

fn skip_space(text: &str, mut i: usize, end: usize) -> usize {
    while let Some(c) = text[i..end].chars().next().filter(|c| c.is_whitespace()) {
        i += c.len_utf8();
    }
    i
}

/// The end of the flag word at `start` and its text with quotes and backslash escapes removed
/// (flags always use `\`, whatever the escape directive says).
fn flag_word(text: &str, start: usize, end: usize) -> (usize, String) {
    let mut out = String::new();
    let mut quote = None;
    let mut chars = text[start..end].char_indices();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (None, c) if c.is_whitespace() => return (start + i, out),
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (_, '\\') => match chars.next() {
                Some((_, n)) => out.push(n),
                None => quote = None,
            },
            (_, c) => out.push(c),
        }
    }
    (end, out)
}

fn raw_flag(text: &str, span: Range<usize>, unquoted: String) -> RawFlag {
    let body = unquoted.strip_prefix("--").unwrap_or(&unquoted);
    match body.split_once('=') {
        Some((name, value)) => {
            let eq = text[span.clone()]
                .find('=')
                .map_or(span.end, |i| span.start + i + 1);
            RawFlag {
                name: name.to_owned(),
                value: Some((eq.min(span.end)..span.end, value.to_owned())),
                span,
            }
        }
        None => RawFlag {
            name: body.to_owned(),
            value: None,
            span,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> (String, Vec<(String, Option<String>)>, String) {
        let h = read(text, 0..text.len());
        (
            text[h.keyword].to_owned(),
            h.flags
                .into_iter()
                .map(|f| (f.name, f.value.map(|v| v.1)))
                .collect(),
            text[h.rest].to_owned(),
        )
    }

    #[test]
    fn keyword_flags_and_rest() {
        let (kw, flags, rest) = parts("  COPY --from=build --link  a b  ");
        assert_eq!(kw, "COPY");
        assert_eq!(
            flags,
            [("from".into(), Some("build".into())), ("link".into(), None)]
        );
        assert_eq!(rest, "a b");
        let (_, flags, rest) = parts("COPY --doit=true -- foo /tmp/");
        assert_eq!(flags.len(), 1);
        assert_eq!(rest, "foo /tmp/");
        let (_, flags, rest) = parts("CMD --doit -- [ ]");
        assert_eq!(flags, [("doit".into(), None)]);
        assert_eq!(rest, "[ ]");
        let (_, flags, rest) = parts("RUN -x --y");
        assert!(flags.is_empty());
        assert_eq!(rest, "-x --y");
    }

    #[test]
    fn flag_values_lose_quotes_and_keep_raw_ranges() {
        let text = r#"RUN --mount="type=cache,target=/a b" x"#;
        let h = read(text, 0..text.len());
        let (range, value) = h.flags[0].value.clone().unwrap();
        assert_eq!(value, "type=cache,target=/a b");
        assert_eq!(&text[range], r#""type=cache,target=/a b""#);
        assert_eq!(&text[h.rest], "x");
        assert_eq!(&text[h.args], r#"--mount="type=cache,target=/a b" x"#);
    }

    #[test]
    fn keyword_alone() {
        let h = read("FROM", 0..4);
        assert_eq!(h.keyword, 0..4);
        assert_eq!(h.rest, 4..4);
    }
}
