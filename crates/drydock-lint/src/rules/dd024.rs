use drydock_syntax::{Instruction, Kind, Span};

use crate::{Context, Edit, Fix, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD024",
    name: "empty-continuation-line",
    aliases: &["NoEmptyContinuation"],
    severity: Severity::Warning,
    fix: FixAvailability::Always,
    docs: r#"
## What it does
Flags an empty line inside an instruction continued over several lines with `\`. Comment
lines there are fine, and so are empty lines in a heredoc body.

## Why is this bad?
BuildKit skips the empty line and keeps reading the instruction, which is easy to misread: a
blank line looks like the end of the instruction. BuildKit warns that such lines will become
an error.

## Example
```dockerfile
FROM debian:12-slim
RUN apt-get update && \

    apt-get install -y --no-install-recommends curl
```

## Use instead
```dockerfile
FROM debian:12-slim
RUN apt-get update && \
    apt-get install -y --no-install-recommends curl
```

## Fix safety
Safe: the line is removed, which is what BuildKit reads anyway.

## References
BuildKit check `NoEmptyContinuation`.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for instruction in &cx.dockerfile.instructions {
        let bodies = heredoc_bodies(instruction);
        let text = cx.text(instruction.span);
        let mut start = instruction.span.start;
        for (i, line) in text.split('\n').enumerate() {
            let end = start + line.len();
            // Inclusive end: a body ending in an empty line has a body span ending where it starts.
            let in_body = bodies.iter().any(|b| b.start <= start && start <= b.end);
            if i > 0 && line.trim().is_empty() && !in_body {
                let whole_line = Span::new(start, end + 1);
                out.add_with_fix(
                    Span::new(start, end),
                    "empty line inside a continued instruction: remove it, BuildKit will \
                     reject it in a future release",
                    Fix::safe("remove the empty line", vec![Edit::delete(whole_line)]),
                );
            }
            start = end + 1;
        }
    }
}

/// Source spans of the heredoc bodies of an instruction (and of the one ONBUILD wraps).
fn heredoc_bodies(instruction: &Instruction) -> Vec<Span> {
    let mut spans: Vec<Span> = instruction.heredocs.iter().map(|h| h.body_span).collect();
    if let Kind::Onbuild(inner) = &instruction.kind {
        spans.extend(inner.heredocs.iter().map(|h| h.body_span));
    }
    spans
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn empty_lines_in_continuations() {
        assert_lines("DD024", "FROM alpine\nRUN a \\\n\n  b\n", &[3]);
        assert_lines(
            "DD024",
            "FROM alpine\nRUN a \\\n  \\\n   \n  b \\\n\n  c\n",
            &[4, 6],
        );
        assert_clean("DD024", "FROM alpine\nRUN a \\\n  # note\n  b\n\nRUN c\n");
    }

    #[test]
    fn heredoc_bodies_may_have_empty_lines() {
        assert_clean("DD024", "FROM alpine\nRUN <<EOF\necho a\n\necho b\nEOF\n");
        assert_clean("DD024", "FROM alpine\nCOPY <<EOF /x\n\nEOF\n");
    }

    #[test]
    fn fix_removes_the_line() {
        assert_fix(
            "DD024",
            "FROM alpine\nRUN a && \\\n\n    b\nRUN c \\\n  \n  d\n",
            "FROM alpine\nRUN a && \\\n    b\nRUN c \\\n  d\n",
        );
    }
}
