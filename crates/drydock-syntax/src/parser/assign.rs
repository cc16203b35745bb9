//! ENV and LABEL (`k=v ...` and the legacy `k v` form) and ARG (`name[=default] ...`).

use std::ops::Range;

use super::kinds::Args;
use super::words::{is_separator, split_words};
use super::Cx;
use crate::ast::{ArgDecl, KeyValue};

/// ENV or LABEL pairs, as BuildKit's `parseNameVal` reads them: if the first word has no `=`,
/// the legacy form takes the first word as the key and the rest of the line as the value.
pub(crate) fn key_values(cx: &mut Cx, a: &Args, name: &str) -> Vec<KeyValue> {
    let rest = a.rest.clone();
    let words = split_words(cx.text(rest.clone()), rest.start, cx.escape);
    let Some(first) = words.first() else {
        cx.error(
            a.keyword_span,
            format!("{name} requires at least one argument"),
        );
        return Vec::new();
    };
    if !cx.text(first.clone()).contains('=') {
        return legacy(cx, rest, name).into_iter().collect();
    }
    let mut pairs = Vec::with_capacity(words.len());
    for w in words {
        let text = cx.text(w.clone());
        let Some(eq) = text.find('=') else {
            let message = format!(
                "can't find = in {text:?}: {name} arguments must be of the form name=value"
            );
            cx.error(cx.line.span(w), message);
            continue;
        };
        let key = w.start..w.start + eq;
        if key.is_empty() {
            cx.error(
                cx.line.span(w.clone()),
                format!("{name} names can not be blank"),
            );
        }
        pairs.push(pair(cx, key, w.start + eq + 1..w.end, false));
    }
    pairs
}

fn legacy(cx: &mut Cx, rest: Range<usize>, name: &str) -> Option<KeyValue> {
    let text = cx.text(rest.clone());
    let Some(sep) = text.find(is_separator) else {
        cx.error(
            cx.line.span(rest),
            format!("{name} must have two arguments: use {name} name=value"),
        );
        return None;
    };
    let value_start = text[sep..]
        .find(|c| !is_separator(c))
        .map_or(text.len(), |i| sep + i);
    let key = rest.start..rest.start + sep;
    Some(pair(cx, key, rest.start + value_start..rest.end, true))
}

fn pair(cx: &mut Cx, key: Range<usize>, value: Range<usize>, legacy: bool) -> KeyValue {
    KeyValue {
        span: cx.line.span(key.start..value.end.max(key.end)),
        key: cx.word(key),
        value: cx.word(value),
        legacy,
    }
}

/// ARG declarations: each word is a name with an optional `=default`.
pub(crate) fn args(cx: &mut Cx, a: &Args) -> Vec<ArgDecl> {
    let rest = a.rest.clone();
    let words = split_words(cx.text(rest.clone()), rest.start, cx.escape);
    if words.is_empty() {
        cx.error(a.keyword_span, "ARG requires at least one argument");
    }
    words
        .into_iter()
        .map(|w| {
            let span = cx.line.span(w.clone());
            let (name, default) = match cx.text(w.clone()).find('=') {
                Some(eq) => (w.start..w.start + eq, Some(w.start + eq + 1..w.end)),
                None => (w.clone(), None),
            };
            if name.is_empty() {
                cx.error(span, "ARG names can not be blank");
            }
            ArgDecl {
                name: cx.word(name),
                default: default.map(|d| cx.word(d)),
                span,
            }
        })
        .collect()
}
