//! One logical line → one [`Instruction`]: head, flags, typed arguments, and the ONBUILD
//! trigger as an instruction of its own.

use super::head;
use super::kinds::{self, Args};
use super::logical::Logical;
use super::splitter::RawInstruction;
use super::{flags, Cx};
use crate::ast::{Flag, Heredoc, Instruction, Keyword, Kind, SyntaxError};
use crate::span::Span;

/// Builds the instruction of a logical line.
pub(crate) fn build(
    src: &str,
    escape: char,
    errors: &mut Vec<SyntaxError>,
    raw: RawInstruction,
) -> Instruction {
    let RawInstruction {
        line,
        span,
        heredocs,
    } = raw;
    let mut ins = build_line(src, escape, errors, line, span.end, heredocs, false);
    ins.span.start = ins.span.start.min(span.start);
    ins
}

/// Builds the instruction of `line`, which ends at source offset `end`. Typing works on the
/// arguments alone: the line is cut down to them, and becomes [`Instruction::args`].
fn build_line(
    src: &str,
    escape: char,
    errors: &mut Vec<SyntaxError>,
    mut line: Logical,
    end: usize,
    heredocs: Vec<Heredoc>,
    in_onbuild: bool,
) -> Instruction {
    let head = head::read(&line.text, 0..line.text.len());
    let keyword_word = line.raw_word(head.keyword.clone());
    let keyword = Keyword::parse(&keyword_word.value);
    let flags: Vec<Flag> = head.flags.iter().map(|f| flag(&line, f)).collect();
    let shift = head.args.start;
    line.keep(head.args.clone());
    let mut cx = Cx {
        src,
        line: &line,
        escape,
        errors,
    };
    if !matches!(keyword, Keyword::Unknown | Keyword::Healthcheck) {
        flags::check(&mut cx, keyword, &flags);
    }
    let args = Args {
        keyword,
        keyword_text: &keyword_word.value,
        keyword_span: keyword_word.span,
        rest: head.rest.start - shift..head.rest.end - shift,
        flags: &flags,
        heredocs: &heredocs,
    };
    let kind = match keyword {
        Keyword::Onbuild => onbuild(&mut cx, &args, end, in_onbuild),
        _ => kinds::kind(&mut cx, &args),
    };
    Instruction {
        keyword,
        span: Span::new(keyword_word.span.start, end.max(keyword_word.span.end)),
        keyword_word,
        args: line.into_logical_text(),
        heredocs,
        flags,
        kind,
        stage: None,
    }
}

fn flag(line: &Logical, f: &head::RawFlag) -> Flag {
    Flag {
        name: f.name.clone(),
        value: f
            .value
            .as_ref()
            .map(|(r, v)| line.word(r.clone(), v.clone())),
        span: line.span(f.span.clone()),
    }
}

fn onbuild(cx: &mut Cx, args: &Args, end: usize, in_onbuild: bool) -> Kind {
    if in_onbuild {
        cx.error(
            args.keyword_span,
            "chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
        );
        return Kind::Unknown;
    }
    if args.rest.is_empty() {
        cx.error(args.keyword_span, "ONBUILD requires at least one argument");
        return Kind::Unknown;
    }
    let trigger = cx.line.copy_range(args.rest.clone());
    let heredocs = args.heredocs.to_vec();
    let inner = build_line(cx.src, cx.escape, cx.errors, trigger, end, heredocs, true);
    if matches!(inner.keyword, Keyword::From | Keyword::Maintainer) {
        let message = format!(
            "{} isn't allowed as an ONBUILD trigger",
            inner.keyword.as_str()
        );
        cx.error(inner.keyword_word.span, message);
    }
    Kind::Onbuild(Box::new(inner))
}
