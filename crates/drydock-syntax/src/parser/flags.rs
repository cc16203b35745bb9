//! The flags each instruction accepts and BuildKit's checks on them (`BFlags`).

use super::Cx;
use crate::ast::{Flag, Keyword, Word};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Type {
    /// `--link`, `--link=true|false`.
    Bool,
    /// `--from=x`, once.
    String,
    /// `--mount=...`, any number of times.
    Strings,
}

use Type::{Bool, String as Str, Strings};

const FROM: &[(&str, Type)] = &[("platform", Str)];
const RUN: &[(&str, Type)] = &[
    ("mount", Strings),
    ("network", Str),
    ("security", Str),
    ("device", Strings),
];
const COPY: &[(&str, Type)] = &[
    ("from", Str),
    ("chown", Str),
    ("chmod", Str),
    ("link", Bool),
    ("parents", Bool),
    ("exclude", Strings),
];
const ADD: &[(&str, Type)] = &[
    ("chown", Str),
    ("chmod", Str),
    ("link", Bool),
    ("parents", Bool),
    ("exclude", Strings),
    ("keep-git-dir", Bool),
    ("checksum", Str),
    ("unpack", Bool),
];
const HEALTHCHECK: &[(&str, Type)] = &[
    ("interval", Str),
    ("timeout", Str),
    ("start-period", Str),
    ("start-interval", Str),
    ("retries", Str),
];

fn accepted(keyword: Keyword) -> &'static [(&'static str, Type)] {
    match keyword {
        Keyword::From => FROM,
        Keyword::Run => RUN,
        Keyword::Copy => COPY,
        Keyword::Add => ADD,
        Keyword::Healthcheck => HEALTHCHECK,
        _ => &[],
    }
}

/// Records an error for each flag `keyword` does not accept, each repeated single flag, each
/// string flag without a value and each bool flag with a value other than true or false.
pub(crate) fn check(cx: &mut Cx, keyword: Keyword, flags: &[Flag]) {
    check_against(cx, accepted(keyword), flags);
}

/// Like [`check`] for an instruction form that accepts no flags (`HEALTHCHECK NONE`).
pub(crate) fn check_none(cx: &mut Cx, flags: &[Flag]) {
    check_against(cx, &[], flags);
}

fn check_against(cx: &mut Cx, spec: &[(&str, Type)], flags: &[Flag]) {
    for (i, flag) in flags.iter().enumerate() {
        let Some(&(_, ty)) = spec.iter().find(|(n, _)| *n == flag.name) else {
            cx.error(flag.span, format!("unknown flag: {}", flag.name));
            continue;
        };
        if ty != Strings && flags[..i].iter().any(|f| f.name == flag.name) {
            cx.error(
                flag.span,
                format!("duplicate flag specified: {}", flag.name),
            );
            continue;
        }
        match (ty, &flag.value) {
            (Bool, Some(v)) if !is_bool(&v.value) => cx.error(
                v.span,
                format!(
                    "expecting boolean value for flag {}, not: {}",
                    flag.name, v.value
                ),
            ),
            (Str | Strings, None) => {
                cx.error(flag.span, format!("missing a value on flag: {}", flag.name))
            }
            _ => {}
        }
    }
}

/// BuildKit reads `--link=` as true.
fn is_bool(v: &str) -> bool {
    v.is_empty() || v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false")
}

/// The value of the last flag `name` (string flags).
pub(crate) fn value<'a>(flags: &'a [Flag], name: &str) -> Option<&'a Word> {
    flags
        .iter()
        .rev()
        .find(|f| f.name == name)
        .and_then(|f| f.value.as_ref())
}

/// Whether bool flag `name` is set (`--link` or `--link=true`).
pub(crate) fn is_set(flags: &[Flag], name: &str) -> bool {
    bool_value(flags, name).unwrap_or(false)
}

/// The value of bool flag `name` when given.
pub(crate) fn bool_value(flags: &[Flag], name: &str) -> Option<bool> {
    let flag = flags.iter().rev().find(|f| f.name == name)?;
    Some(match &flag.value {
        None => true,
        Some(v) => !v.value.eq_ignore_ascii_case("false"),
    })
}

/// Every value of a repeatable flag.
pub(crate) fn values<'a>(flags: &'a [Flag], name: &'a str) -> impl Iterator<Item = &'a Word> {
    flags
        .iter()
        .filter(move |f| f.name == name)
        .filter_map(|f| f.value.as_ref())
}
