use drydock_syntax::{Instruction, Keyword, Span};

use crate::{Context, Edit, Fix, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD001",
    name: "trailing-comment",
    aliases: &[],
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    docs: r#"
## What it does
Flags a `#` after the arguments of an instruction other than RUN, CMD, ENTRYPOINT and
HEALTHCHECK, such as `COPY app.py /app/ # the entry point`.

## Why is this bad?
In a Dockerfile, `#` starts a comment only at the beginning of a line. Anywhere else it is an
ordinary argument: `COPY a b # note` copies `a`, `b` and a file named `#` into a directory named
`note`, `EXPOSE 80 # http` fails on the port `#`, and `WORKDIR /app # code` silently works in a
directory called `/app # code`. (RUN, CMD, ENTRYPOINT and HEALTHCHECK hand their text to a shell,
which does treat `#` as a comment.)

## Example
```dockerfile
FROM alpine:3.20
COPY app.py /app/ # the entry point
```

## Use instead
```dockerfile
FROM alpine:3.20
# the entry point
COPY app.py /app/
```

## Fix safety
The fix moves the comment to its own line above the instruction, at the instruction's
indentation, which is what the author meant; it is offered when the comment ends the
instruction's last line.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    let escape = cx.dockerfile.escape;
    for (_, ins) in cx.instructions() {
        if passes_to_shell(ins) {
            continue;
        }
        let text = &ins.args.text;
        let Some(hash) = comment_start(text, escape) else {
            continue;
        };
        let span = ins.args.span(hash, text.trim_end().len());
        let keyword = effective_keyword(ins).as_str();
        let message = format!(
            "`#` after the arguments is not a comment: {keyword} receives `{}` as arguments; put the comment on its own line",
            shorten(cx.text(span))
        );
        match move_above(cx, ins, span) {
            Some(fix) => out.add_with_fix(span, message, fix),
            None => out.add(span, message),
        }
    }
}

/// The keyword that reads the arguments (the inner one for `ONBUILD COPY ...`).
fn effective_keyword(ins: &Instruction) -> Keyword {
    if ins.keyword == Keyword::Onbuild {
        let first = ins.args.text.split_whitespace().next().unwrap_or("");
        Keyword::parse(first)
    } else {
        ins.keyword
    }
}

/// Instructions whose text a shell reads (where `#` is a comment), and unknown ones.
fn passes_to_shell(ins: &Instruction) -> bool {
    matches!(
        effective_keyword(ins),
        Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Healthcheck | Keyword::Unknown
    )
}

/// Offset of the first `#` that starts a word outside quotes.
fn comment_start(text: &str, escape: char) -> Option<usize> {
    let mut quote = None;
    let mut word_start = true;
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match quote {
            Some(q) if c == q => quote = None,
            Some('"') if c == escape => {
                chars.next();
            }
            Some(_) => {}
            None if c == escape => {
                chars.next();
            }
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && word_start => return Some(i),
            None => {}
        }
        word_start = quote.is_none() && c.is_whitespace();
    }
    None
}

fn shorten(comment: &str) -> String {
    match comment.char_indices().nth(30) {
        Some((i, _)) => format!("{}…", &comment[..i]),
        None => comment.to_owned(),
    }
}

/// Moves the comment at `span` to a line of its own above the instruction, if the comment ends
/// the instruction's text on its physical line.
fn move_above(cx: &Context, ins: &Instruction, span: Span) -> Option<Fix> {
    let (source, hash) = (cx.source, span.start);
    let line_end = source[hash..].find('\n').map_or(source.len(), |i| hash + i);
    let line_end = if source[..line_end].ends_with('\r') {
        line_end - 1
    } else {
        line_end
    };
    let comment = source[hash..line_end].trim_end();
    let continues = comment.ends_with(cx.dockerfile.escape) || span.end > line_end;
    if continues || is_directive_like(comment) {
        return None;
    }
    let code_end = source[..hash].trim_end_matches([' ', '\t']).len();
    let line_start = source[..ins.span.start].rfind('\n').map_or(0, |i| i + 1);
    let indent = &source[line_start..ins.span.start];
    if !indent.chars().all(|c| c == ' ' || c == '\t') {
        return None;
    }
    let newline = if source.contains("\r\n") { "\r\n" } else { "\n" };
    Some(Fix::safe(
        "move the comment to its own line",
        vec![
            Edit::insert(line_start, format!("{indent}{comment}{newline}")),
            Edit::delete(Span::new(code_end, line_end)),
        ],
    ))
}

/// `# escape=`, `# syntax=`, `# check=`: moved to the top of a file, such a comment would
/// become a parser directive.
fn is_directive_like(comment: &str) -> bool {
    let body = comment.trim_start_matches('#').trim_start().to_ascii_lowercase();
    ["syntax", "escape", "check"]
        .iter()
        .any(|d| body.strip_prefix(d).is_some_and(|r| r.trim_start().starts_with('=')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::*;

    #[test]
    fn finds_unquoted_word_starting_hash() {
        assert_eq!(comment_start("a b # c", '\\'), Some(4));
        assert_eq!(comment_start("#c", '\\'), Some(0));
        assert_eq!(comment_start("a#b c", '\\'), None);
        assert_eq!(comment_start("x=\"a # b\" y='# z'", '\\'), None);
        assert_eq!(comment_start("a \\# b", '\\'), None);
        assert_eq!(comment_start("a `# b", '`'), None);
        assert_eq!(comment_start("C:\\dir #x", '`'), Some(7));
    }

    #[test]
    fn flags_non_shell_instructions() {
        assert_lines("DD001", "FROM alpine\nCOPY a b # note\n", &[2]);
        assert_lines("DD001", "FROM alpine AS build # stage\n", &[1]);
        assert_lines("DD001", "FROM alpine\nEXPOSE 80 # http\nWORKDIR /app #x\n", &[2, 3]);
        assert_lines("DD001", "FROM alpine\nENV A=1 \\\n    B=2 # both\n", &[3]);
        assert_lines("DD001", "FROM alpine\nONBUILD COPY a b # later\n", &[2]);
    }

    #[test]
    fn shell_instructions_and_quoted_hashes_are_fine() {
        assert_clean(
            "DD001",
            "FROM alpine\nRUN echo hi # comment\nCMD run # c\nENTRYPOINT x # c\n\
             HEALTHCHECK CMD true # c\nONBUILD RUN make # c\n",
        );
        assert_clean("DD001", "FROM alpine\nLABEL desc=\"C# # rocks\" lang=c#\n# a comment\nCOPY a b\n");
        assert_clean("DD001", "FROM alpine\nADD https://x.org/a#frag /a\n");
    }

    #[test]
    fn fix_moves_the_comment_above() {
        assert_fix(
            "DD001",
            "FROM alpine\nCOPY a b   # note\n",
            "FROM alpine\n# note\nCOPY a b\n",
        );
        assert_fix(
            "DD001",
            "FROM alpine AS b\n  ONBUILD COPY a b # later\n",
            "FROM alpine AS b\n  # later\n  ONBUILD COPY a b\n",
        );
        assert_fix(
            "DD001",
            "FROM alpine\r\nEXPOSE 80 # http\r\n",
            "FROM alpine\r\n# http\r\nEXPOSE 80\r\n",
        );
        assert_fix(
            "DD001",
            "FROM alpine\nENV A=1 \\\n    B=2 # both\n",
            "FROM alpine\n# both\nENV A=1 \\\n    B=2\n",
        );
    }

    #[test]
    fn no_fix_for_a_comment_inside_a_continuation() {
        let f = findings("DD001", "FROM alpine\nCOPY a # x \\\n  b /c\n");
        assert_eq!(f.len(), 1);
        assert!(f[0].fix.is_none());
        let f = findings("DD001", "COPY a b # escape=`\nFROM alpine\n");
        assert!(f[0].fix.is_none());
    }
}
