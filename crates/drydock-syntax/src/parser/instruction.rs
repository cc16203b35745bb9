//! One logical line → one [`Instruction`]: head, flags, typed arguments, and the ONBUILD
//! trigger as an instruction of its own.

use std::ops::Range;

use super::head::{self, Head};
use super::kinds::{self, Args};
use super::{flags, Cx};
use crate::ast::{Flag, Heredoc, Instruction, Keyword, Kind};
use crate::span::Span;

/// Builds the instruction of the whole logical line, which covers `span` of the source.
pub(crate) fn build(cx: &mut Cx, span: Span, heredocs: &[Heredoc]) -> Instruction {
    let mut ins = build_range(cx, 0..cx.line.text.len(), span.end, heredocs, false);
    ins.span.start = ins.span.start.min(span.start);
    ins
}

fn build_range(
    cx: &mut Cx,
    range: Range<usize>,
    end: usize,
    heredocs: &[Heredoc],
    in_onbuild: bool,
) -> Instruction {
    let head = head::read(&cx.line.text, range);
    let keyword_text = cx.text(head.keyword.clone());
    let keyword = Keyword::parse(keyword_text);
    let keyword_word = cx.line.raw_word(head.keyword.clone());
    let flags: Vec<Flag> = head.flags.iter().map(|f| flag(cx, f)).collect();
    if !matches!(keyword, Keyword::Unknown | Keyword::Healthcheck) {
        flags::check(cx, keyword, &flags);
    }
    let args = Args {
        keyword,
        keyword_text,
        keyword_span: keyword_word.span,
        rest: head.rest.clone(),
        flags: &flags,
        heredocs,
    };
    let kind = match keyword {
        Keyword::Onbuild => onbuild(cx, &head, &args, end, in_onbuild),
        _ => kinds::kind(cx, &args),
    };
    Instruction {
        keyword,
        span: Span::new(keyword_word.span.start, end.max(keyword_word.span.end)),
        keyword_word,
        args: cx.line.sub(head.args.clone()),
        heredocs: heredocs.to_vec(),
        flags,
        kind,
        stage: None,
    }
}

fn flag(cx: &Cx, f: &head::RawFlag) -> Flag {
    Flag {
        name: f.name.clone(),
        value: f
            .value
            .as_ref()
            .map(|(r, v)| cx.line.word(r.clone(), v.clone())),
        span: cx.line.span(f.span.clone()),
    }
}

fn onbuild(cx: &mut Cx, head: &Head, args: &Args, end: usize, in_onbuild: bool) -> Kind {
    if in_onbuild {
        cx.error(
            args.keyword_span,
            "chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
        );
        return Kind::Unknown;
    }
    if head.rest.is_empty() {
        cx.error(args.keyword_span, "ONBUILD requires at least one argument");
        return Kind::Unknown;
    }
    let inner = build_range(cx, head.rest.clone(), end, args.heredocs, true);
    if matches!(inner.keyword, Keyword::From | Keyword::Maintainer) {
        let message = format!(
            "{} isn't allowed as an ONBUILD trigger",
            inner.keyword.as_str()
        );
        cx.error(inner.keyword_word.span, message);
    }
    Kind::Onbuild(Box::new(inner))
}
