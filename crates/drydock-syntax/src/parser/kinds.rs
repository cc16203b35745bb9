//! Typed arguments: dispatch by keyword, and the instructions with simple arguments (FROM,
//! EXPOSE, USER, WORKDIR, VOLUME, STOPSIGNAL, MAINTAINER, SHELL).

use std::ops::Range;

use super::json::{self, JsonArgs};
use super::words::{split_separators, unquote};
use super::{assign, command, copy, flags, Cx};
use crate::ast::{Flag, From, Heredoc, Keyword, Kind, User, Word};
use crate::span::Span;

/// An instruction's parts that typing needs.
pub(crate) struct Args<'a> {
    pub keyword: Keyword,
    /// The keyword as written.
    pub keyword_text: &'a str,
    pub keyword_span: Span,
    /// The arguments after the flags, trimmed, as a range of the logical line.
    pub rest: Range<usize>,
    pub flags: &'a [Flag],
    pub heredocs: &'a [Heredoc],
}

impl Args<'_> {
    /// Where to report a problem with the arguments as a whole.
    pub fn span(&self, cx: &Cx) -> Span {
        if self.rest.is_empty() {
            self.keyword_span
        } else {
            cx.line.span(self.rest.clone())
        }
    }
}

/// The typed arguments of every instruction but ONBUILD.
pub(crate) fn kind(cx: &mut Cx, a: &Args) -> Kind {
    let kind = match a.keyword {
        Keyword::From => from(cx, a),
        Keyword::Run => command::run(cx, a),
        Keyword::Cmd => command::form(cx, a).map(Kind::Cmd),
        Keyword::Entrypoint => command::form(cx, a).map(Kind::Entrypoint),
        Keyword::Healthcheck => command::healthcheck(cx, a),
        Keyword::Shell => shell(cx, a),
        Keyword::Copy => Some(Kind::Copy(copy::copy(cx, a))),
        Keyword::Add => Some(Kind::Add(copy::copy(cx, a))),
        Keyword::Env => Some(Kind::Env(assign::key_values(cx, a, "ENV"))),
        Keyword::Label => Some(Kind::Label(assign::key_values(cx, a, "LABEL"))),
        Keyword::Arg => Some(Kind::Arg(assign::args(cx, a))),
        Keyword::Expose => at_least_one(cx, a, "EXPOSE").map(|()| Kind::Expose(separated(cx, a))),
        Keyword::Volume => at_least_one(cx, a, "VOLUME")
            .and_then(|()| list(cx, a))
            .map(|(v, _)| Kind::Volume(v)),
        Keyword::User => exactly_one(cx, a, "USER").map(|w| Kind::User(user(cx, a, w))),
        Keyword::Workdir => exactly_one(cx, a, "WORKDIR").map(Kind::Workdir),
        Keyword::Stopsignal => exactly_one(cx, a, "STOPSIGNAL").map(Kind::Stopsignal),
        Keyword::Maintainer => exactly_one(cx, a, "MAINTAINER")
            .map(|_| Kind::Maintainer(cx.line.raw_word(a.rest.clone()))),
        // Typed by the caller, which builds the trigger instruction.
        Keyword::Onbuild => None,
        Keyword::Unknown => {
            cx.error(
                a.keyword_span,
                format!("unknown instruction: {}", a.keyword_text),
            );
            None
        }
    };
    kind.unwrap_or(Kind::Unknown)
}

fn at_least_one(cx: &mut Cx, a: &Args, name: &str) -> Option<()> {
    if a.rest.is_empty() {
        cx.error(
            a.keyword_span,
            format!("{name} requires at least one argument"),
        );
        return None;
    }
    Some(())
}

/// The whole argument text as one word (BuildKit's `parseString`).
fn exactly_one(cx: &mut Cx, a: &Args, name: &str) -> Option<Word> {
    if a.rest.is_empty() {
        cx.error(
            a.keyword_span,
            format!("{name} requires exactly one argument"),
        );
        return None;
    }
    Some(cx.word(a.rest.clone()))
}

/// Whitespace-separated words with quotes removed.
fn separated(cx: &mut Cx, a: &Args) -> Vec<Word> {
    split_separators(cx.text(a.rest.clone()), a.rest.start)
        .map(|r| cx.word(r))
        .collect()
}

/// A JSON array of strings or whitespace-separated words (COPY, ADD, VOLUME); also says which.
/// `None` (with an error) for a JSON array of something else.
pub(crate) fn list(cx: &mut Cx, a: &Args) -> Option<(Vec<Word>, bool)> {
    match exec_words(cx, a)? {
        Some(words) => Some((words, true)),
        None => Some((separated(cx, a), false)),
    }
}

/// The arguments as a JSON array of strings: `Some(Some(words))`; `Some(None)` when they are
/// not JSON; `None` (with an error) when they are JSON but not all strings.
pub(crate) fn exec_words(cx: &mut Cx, a: &Args) -> Option<Option<Vec<Word>>> {
    let text = cx.text(a.rest.clone());
    if !text.starts_with('[') {
        return Some(None);
    }
    match json::parse_array(text, a.rest.start) {
        JsonArgs::Strings(items) => Some(Some(
            items
                .into_iter()
                .map(|(r, value)| cx.line.word(r, value))
                .collect(),
        )),
        JsonArgs::NotJson => Some(None),
        JsonArgs::NotStrings => {
            cx.error(
                a.span(cx),
                "when using JSON array syntax, arrays must be comprised of strings only",
            );
            None
        }
    }
}

fn from(cx: &mut Cx, a: &Args) -> Option<Kind> {
    let words: Vec<_> = split_separators(cx.text(a.rest.clone()), a.rest.start).collect();
    let Some(first) = words.first() else {
        cx.error(
            a.keyword_span,
            "FROM requires either one or three arguments: an image and optionally AS name",
        );
        return None;
    };
    let mut from = From {
        image: cx.word(first.clone()),
        name: None,
        as_keyword: None,
        platform: flags::value(a.flags, "platform").cloned(),
    };
    let is_as = |r: &Range<usize>| cx.text(r.clone()).eq_ignore_ascii_case("as");
    match &words[1..] {
        [] => {}
        [kw, name] if is_as(kw) => {
            from.as_keyword = Some(cx.line.raw_word(kw.clone()));
            let name = cx.line.raw_word(name.clone());
            if !valid_stage_name(&name.value) {
                let message = format!(
                    "invalid name for build stage: {:?}, name can't start with a number or contain symbols",
                    name.value
                );
                cx.error(name.span, message);
            }
            from.name = Some(name);
        }
        [kw, ..] => {
            if is_as(kw) {
                from.as_keyword = Some(cx.line.raw_word(kw.clone()));
            }
            let extra = cx.line.span(kw.start..words[words.len() - 1].end);
            cx.error(
                extra,
                "FROM requires either one or three arguments: an image and optionally AS name",
            );
        }
    }
    Some(Kind::From(from))
}

/// BuildKit's `^[a-z][a-z0-9-_\.]*$` on the lower-cased name.
fn valid_stage_name(name: &str) -> bool {
    let mut chars = name.chars().map(|c| c.to_ascii_lowercase());
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c))
}

/// `user[:group]`; the whole word was already checked for quotes.
fn user(cx: &Cx, a: &Args, whole: Word) -> User {
    let part = |r: Range<usize>| cx.line.word(r.clone(), unquote(cx.text(r), cx.escape));
    match cx.text(a.rest.clone()).find(':') {
        Some(i) => User {
            user: part(a.rest.start..a.rest.start + i),
            group: Some(part(a.rest.start + i + 1..a.rest.end)),
        },
        None => User {
            user: whole,
            group: None,
        },
    }
}

fn shell(cx: &mut Cx, a: &Args) -> Option<Kind> {
    match exec_words(cx, a)? {
        Some(words) if words.is_empty() => {
            cx.error(a.span(cx), "SHELL requires at least one argument");
            None
        }
        Some(words) => Some(Kind::Shell(words)),
        None => {
            cx.error(
                a.span(cx),
                "SHELL requires the arguments to be in JSON form, e.g. SHELL [\"/bin/bash\", \"-c\"]",
            );
            None
        }
    }
}
