//! The exec form: BuildKit treats arguments as a JSON array when they parse as one; an array
//! of strings is exec form, any other valid array is an error, and invalid JSON is shell form.

use std::ops::Range;

/// What a `[`-prefixed argument text turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum JsonArgs {
    /// Each element's raw range (quotes included, offset by `base`) and decoded value.
    Strings(Vec<(Range<usize>, String)>),
    /// Valid JSON, but not an array of strings (BuildKit rejects it).
    NotStrings,
    /// Not JSON: the text is shell form.
    NotJson,
}

/// Reads `text` (arguments without surrounding whitespace) as a JSON array of strings.
pub(crate) fn parse_array(text: &str, base: usize) -> JsonArgs {
    let b = text.as_bytes();
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'[') {
        return JsonArgs::NotJson;
    }
    i = skip_ws(b, i + 1);
    let mut items = Vec::new();
    if b.get(i) == Some(&b']') {
        return finish(b, i + 1, items);
    }
    loop {
        match b.get(i) {
            Some(b'"') => match string(text, i) {
                Some((end, value)) => {
                    items.push((base + i..base + end, value));
                    i = end;
                }
                None => return JsonArgs::NotJson,
            },
            Some(b'[' | b'{' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n') => return other_json(text),
            _ => return JsonArgs::NotJson,
        }
        i = skip_ws(b, i);
        match b.get(i) {
            Some(b',') => i = skip_ws(b, i + 1),
            Some(b']') => return finish(b, i + 1, items),
            _ => return JsonArgs::NotJson,
        }
    }
}

fn finish(b: &[u8], i: usize, items: Vec<(Range<usize>, String)>) -> JsonArgs {
    if skip_ws(b, i) == b.len() {
        JsonArgs::Strings(items)
    } else {
        JsonArgs::NotJson
    }
}

/// An element that is not a string: the text is an error if it is valid JSON at all.
fn other_json(text: &str) -> JsonArgs {
    match serde_json::from_str::<Vec<serde_json::Value>>(text) {
        Ok(_) => JsonArgs::NotStrings,
        // Nesting deeper than serde_json's limit: BuildKit's decoder goes deeper, so a closed
        // array counts as valid (and not strings).
        Err(e) if e.to_string().contains("recursion limit") && text.ends_with(']') => {
            JsonArgs::NotStrings
        }
        Err(_) => JsonArgs::NotJson,
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// The JSON string starting at `start` (a `"`): its end offset and decoded value.
fn string(text: &str, start: usize) -> Option<(usize, String)> {
    let mut out = String::new();
    let mut chars = text[start + 1..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((start + 1 + i + 1, out)),
            '\\' => match chars.next()?.1 {
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                '/' => out.push('/'),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                'u' => {
                    let hi = hex4(&mut chars)?;
                    let c = if (0xD800..0xDC00).contains(&hi) {
                        low_surrogate(&mut chars.clone())
                            .map(|lo| {
                                chars.nth(5);
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            })
                            .and_then(char::from_u32)
                    } else {
                        char::from_u32(hi)
                    };
                    // Go decodes lone surrogates as U+FFFD.
                    out.push(c.unwrap_or('\u{FFFD}'));
                }
                _ => return None,
            },
            c if (c as u32) < 0x20 => return None,
            c => out.push(c),
        }
    }
    None
}

fn hex4(chars: &mut std::str::CharIndices) -> Option<u32> {
    let mut v = 0;
    for _ in 0..4 {
        v = v * 16 + chars.next()?.1.to_digit(16)?;
    }
    Some(v)
}

fn low_surrogate(chars: &mut std::str::CharIndices) -> Option<u32> {
    if chars.next()?.1 != '\\' || chars.next()?.1 != 'u' {
        return None;
    }
    hex4(chars).filter(|lo| (0xDC00..0xE000).contains(lo))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Option<Vec<String>> {
        match parse_array(text, 0) {
            JsonArgs::Strings(v) => Some(v.into_iter().map(|(_, s)| s).collect()),
            _ => None,
        }
    }

    #[test]
    fn arrays_of_strings_are_exec_form() {
        assert_eq!(values("[]"), Some(vec![]));
        assert_eq!(
            values("[\t\"a\",\t\"b\"\t]"),
            Some(vec!["a".into(), "b".into()])
        );
        assert_eq!(
            values(r#"["\" \\ \/ \b \f \n \r \t \u0000", "\u2665\ud83d\ude00\ud800"]"#),
            Some(vec![
                "\" \\ / \u{8} \u{c} \n \r \t \u{0}".into(),
                "\u{2665}\u{1F600}\u{FFFD}".into()
            ])
        );
        match parse_array(r#"[ "a", "bc" ]"#, 10) {
            JsonArgs::Strings(v) => assert_eq!(v[1].0, 17..21),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn anything_else_is_shell_form_or_an_error() {
        for shell in [
            "['a']",
            r#"["a""#,
            r#"["a", "b]"#,
            r#"["a",]"#,
            r#"["a"] x"#,
            r#""[\"a\"]""#,
            r#"["\x"]"#,
        ] {
            assert_eq!(parse_array(shell, 0), JsonArgs::NotJson, "{shell}");
        }
        assert_eq!(
            parse_array(r#"[ "echo", [ "nested json" ] ]"#, 0),
            JsonArgs::NotStrings
        );
        assert_eq!(parse_array("[1, true]", 0), JsonArgs::NotStrings);
        let open = "[".repeat(100_000);
        assert_eq!(parse_array(&open, 0), JsonArgs::NotJson);
        let closed = format!("{open}{}", "]".repeat(100_000));
        assert_eq!(parse_array(&closed, 0), JsonArgs::NotStrings);
    }
}
