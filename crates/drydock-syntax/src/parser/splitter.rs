//! Splits the source into logical instructions the way BuildKit reads lines: BOM, parser
//! directives, comment and blank lines, line continuations (also across comment and blank
//! lines), and heredoc bodies. Never fails: problems become errors next to the output.

use super::heredoc::{self, Marker};
use super::logical::Logical;
use crate::ast::{Comment, Directive, Heredoc, SyntaxError};
use crate::span::Span;

/// An instruction's logical line and what belongs to it.
#[derive(Debug)]
pub(crate) struct RawInstruction {
    /// The physical lines joined, leading whitespace of the first line removed.
    pub line: Logical,
    /// From the first character of the first line (a keyword, or a lone line continuation
    /// before it) to the end of the last line or heredoc terminator.
    pub span: Span,
    pub heredocs: Vec<Heredoc>,
}

/// Reads the source one logical instruction at a time; directives, comments and errors
/// gather in its fields along the way.
pub(crate) struct Splitter<'a> {
    pub directives: Vec<Directive>,
    pub escape: char,
    pub comments: Vec<Comment>,
    pub errors: Vec<SyntaxError>,
    src: &'a str,
    lines: Lines<'a>,
    directives_open: bool,
}

/// One physical line: `start..end` without the line break (`\n`, `\r\n`, stray `\r`s).
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

struct Lines<'a> {
    src: &'a str,
    pos: usize,
}

impl Iterator for Lines<'_> {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        if self.pos >= self.src.len() {
            return None;
        }
        let start = self.pos;
        let (len, next) = match self.src[start..].find('\n') {
            Some(i) => (i, start + i + 1),
            None => (self.src.len() - start, self.src.len()),
        };
        self.pos = next;
        let content = &self.src[start..start + len];
        Some(Line {
            start,
            end: start + content.trim_end_matches(['\r', '\n']).len(),
        })
    }
}

impl<'a> Splitter<'a> {
    pub fn new(src: &'a str) -> Self {
        let bom = if src.starts_with('\u{FEFF}') { 3 } else { 0 };
        Splitter {
            directives: Vec::new(),
            escape: '\\',
            comments: Vec::new(),
            errors: Vec::new(),
            src,
            lines: Lines { src, pos: bom },
            directives_open: true,
        }
    }
}

impl Iterator for Splitter<'_> {
    type Item = RawInstruction;

    fn next(&mut self) -> Option<RawInstruction> {
        let src = self.src;
        while let Some(first) = self.lines.next() {
            let text = &src[first.start..first.end];
            let start = first.end - text.trim_start().len();
            if self.directives_open {
                self.directives_open = self.directive(start, first.end);
                if self.directives_open {
                    continue;
                }
            }
            if src[start..first.end].starts_with('#') {
                self.comment(start, first.end);
                continue;
            }
            let (piece_end, mut continued) = continuation(src, start, first.end, self.escape);
            if !continued && start == first.end {
                continue;
            }
            let mut line = Logical::with_capacity(if continued { 256 } else { piece_end - start });
            line.push(src, start, piece_end);
            let mut end = first.end;
            // Comment and blank lines inside the continuation only extend the instruction when
            // the file ends in them (BuildKit counts them as read).
            let mut consumed_end = first.end;
            while continued {
                let Some(next) = self.lines.next() else {
                    end = consumed_end;
                    break;
                };
                consumed_end = next.end;
                let trimmed = src[next.start..next.end].trim_start();
                if trimmed.starts_with('#') {
                    self.comment(next.end - trimmed.len(), next.end);
                    continue;
                }
                if trimmed.is_empty() {
                    continue;
                }
                let (piece_end, c) = continuation(src, next.start, next.end, self.escape);
                line.push(src, next.start, piece_end);
                end = next.end;
                continued = c;
            }
            if line.text.trim_start().is_empty() {
                let message = format!(
                    "a line continuation with no instruction after it: remove the stray {}",
                    self.escape
                );
                self.error(Span::new(start, first.end), message);
                continue;
            }
            let mut heredocs = Vec::new();
            for marker in heredoc::markers(&line.text) {
                let (heredoc, heredoc_end) =
                    read_heredoc(src, &mut self.lines, &line, marker, &mut self.errors);
                end = end.max(heredoc_end);
                heredocs.push(heredoc);
            }
            return Some(RawInstruction {
                // From the first line, even when it holds only a line continuation.
                span: Span::new(start, end),
                line,
                heredocs,
            });
        }
        None
    }
}

/// Whether the line ends with a line continuation (the escape character, then only spaces or
/// tabs, not itself escaped), and where the content before it ends.
fn continuation(src: &str, start: usize, end: usize, escape: char) -> (usize, bool) {
    let text = src[start..end].trim_end_matches([' ', '\t']);
    match text.strip_suffix(escape) {
        Some(before) if !before.ends_with(escape) => (start + before.len(), true),
        _ => (end, false),
    }
}

/// Reads a heredoc body up to its terminator line; also returns where that line (or the
/// body, when unterminated) ends.
fn read_heredoc(
    src: &str,
    lines: &mut Lines,
    line: &Logical,
    marker: Marker,
    errors: &mut Vec<SyntaxError>,
) -> (Heredoc, usize) {
    let marker_span = line.span(marker.range.clone());
    let body_start = lines.pos;
    let mut body = String::new();
    let mut body_end = body_start;
    let mut terminated = false;
    let mut end = 0;
    for l in lines.by_ref() {
        let content = &src[l.start..l.end];
        let kept = if marker.strip_tabs {
            content.trim_start_matches('\t')
        } else {
            content
        };
        if kept == marker.delimiter {
            terminated = true;
            end = l.end;
            break;
        }
        body.push_str(kept);
        body.push('\n');
        body_end = l.end;
        end = l.end;
    }
    if !terminated {
        errors.push(SyntaxError {
            message: format!(
                "unterminated heredoc: add a line with only {} to end it",
                marker.delimiter
            ),
            span: marker_span,
        });
    }
    let heredoc = Heredoc {
        delimiter: marker.delimiter,
        strip_tabs: marker.strip_tabs,
        quoted: marker.quoted,
        body,
        marker_span,
        body_span: Span::new(body_start, body_end),
        terminated,
    };
    (heredoc, end)
}

impl Splitter<'_> {
    /// Reads a parser directive; returns whether the line was one (directives end at the first
    /// line that is not).
    fn directive(&mut self, start: usize, end: usize) -> bool {
        let Some((name, value)) = directive_parts(&self.src[start..end]) else {
            return false;
        };
        let name = name.to_ascii_lowercase();
        if !matches!(name.as_str(), "syntax" | "escape" | "check") {
            return false;
        }
        let span = Span::new(start, end);
        if self.directives.iter().any(|d| d.name == name) {
            self.error(
                span,
                format!("only one {name} parser directive can be used"),
            );
            return true;
        }
        if name == "escape" {
            match value {
                "\\" => self.escape = '\\',
                "`" => self.escape = '`',
                _ => self.error(
                    span,
                    format!("invalid escape token '{value}' does not match ` or \\"),
                ),
            }
        }
        self.directives.push(Directive {
            name,
            value: value.to_owned(),
            span,
        });
        true
    }

    fn comment(&mut self, start: usize, end: usize) {
        self.comments.push(Comment {
            text: self.src[start + 1..end].trim().to_owned(),
            span: Span::new(start, end),
        });
    }

    fn error(&mut self, span: Span, message: String) {
        self.errors.push(SyntaxError { message, span });
    }
}

/// BuildKit's `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`.
fn directive_parts(line: &str) -> Option<(&str, &str)> {
    let go_space = [' ', '\t', '\n', '\x0c', '\r'];
    let rest = line.strip_prefix('#')?.trim_start_matches(go_space);
    let name_len = rest
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit())))
        .map_or(rest.len(), |(i, _)| i);
    if name_len == 0 {
        return None;
    }
    let (name, rest) = rest.split_at(name_len);
    let value = rest
        .trim_start_matches(go_space)
        .strip_prefix('=')?
        .trim_matches(go_space);
    (!value.is_empty()).then_some((name, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The splitter after reading everything, and the instructions it read.
    fn split(src: &str) -> (Splitter<'_>, Vec<RawInstruction>) {
        let mut s = Splitter::new(src);
        let instructions = s.by_ref().collect();
        (s, instructions)
    }

    fn texts(src: &str) -> Vec<String> {
        split(src).1.into_iter().map(|i| i.line.text).collect()
    }

    #[test]
    fn continuations_skip_comment_and_blank_lines() {
        let src = "RUN echo hello \\\n# comment\n\n  \n  world\nRUN b\n";
        assert_eq!(texts(src), ["RUN echo hello   world", "RUN b"]);
        let (s, instructions) = split(src);
        assert_eq!(s.comments[0].text, "comment");
        assert_eq!(s.comments[0].span, Span::new(17, 26));
        assert_eq!(instructions[0].span, Span::new(0, 38));
    }

    #[test]
    fn escaped_escape_is_not_a_continuation() {
        assert_eq!(
            texts("ENV C trailing\\\\backslash\\\\\nENV D x\n"),
            ["ENV C trailing\\\\backslash\\\\", "ENV D x"]
        );
        assert_eq!(texts("ENV E hello\\\n\\\nworld\n"), ["ENV E helloworld"]);
        assert_eq!(texts("RUN a \\  \t\r\nb"), ["RUN a b"]);
        assert_eq!(texts("FROM a\nRUN x \\"), ["FROM a", "RUN x "]);
    }

    #[test]
    fn directives_only_at_the_top() {
        let (s, instructions) = split("\u{FEFF}# syntax = docker/dockerfile:1\n#Escape=`\n# check=skip=all\nFROM a `\n b\n# escape=\\\n");
        let names: Vec<_> = s
            .directives
            .iter()
            .map(|d| (d.name.as_str(), d.value.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("syntax", "docker/dockerfile:1"),
                ("escape", "`"),
                ("check", "skip=all")
            ]
        );
        assert_eq!(s.escape, '`');
        assert_eq!(instructions[0].line.text, "FROM a  b");
        assert_eq!(s.comments.len(), 1);
        assert_eq!(s.directives[0].span, Span::new(3, 33));

        let (s, _) = split("# a comment\n# escape=`\nFROM a `\n");
        assert!(s.directives.is_empty());
        assert_eq!(s.escape, '\\');
        let (s, _) = split("\n# escape=`\nFROM a\n");
        assert!(s.directives.is_empty());
        let (s, _) = split("# unknown=1\n# escape=`\nFROM a\n");
        assert!(s.directives.is_empty());
    }

    #[test]
    fn bad_and_repeated_directives_are_errors() {
        // Like BuildKit, an invalid escape directive still counts as the one escape directive.
        let (s, _) = split("# escape=x\n# escape=`\nFROM a\n");
        assert_eq!(s.escape, '\\');
        let messages: Vec<_> = s.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "invalid escape token 'x' does not match ` or \\",
                "only one escape parser directive can be used"
            ]
        );
        assert_eq!(s.errors[1].span, Span::new(11, 21));
    }

    #[test]
    fn heredoc_bodies_follow_the_line() {
        let src = "RUN <<EOF cat - <<-END\nline1\n#not a comment\nEOF\n\tx\n\tEND\nFROM a\n";
        let (s, instructions) = split(src);
        assert_eq!(instructions.len(), 2);
        let docs = &instructions[0].heredocs;
        assert_eq!(docs[0].body, "line1\n#not a comment\n");
        assert_eq!(
            &src[docs[0].body_span.start..docs[0].body_span.end],
            "line1\n#not a comment"
        );
        assert_eq!(docs[1].body, "x\n");
        assert!(docs.iter().all(|d| d.terminated));
        assert!(s.comments.is_empty());
        assert_eq!(instructions[0].span, Span::new(0, 55));
    }

    #[test]
    fn empty_and_unterminated_heredocs() {
        let (s, instructions) = split("COPY <<EOF /a\nEOF\nRUN <<X\nbody\r\n");
        assert_eq!(instructions[0].heredocs[0].body, "");
        assert_eq!(instructions[0].span, Span::new(0, 17));
        let run = &instructions[1].heredocs[0];
        assert!(!run.terminated);
        assert_eq!(run.body, "body\n");
        assert_eq!(s.errors.len(), 1);
        assert_eq!(s.errors[0].span, Span::new(22, 25));
    }

    #[test]
    fn crlf_and_lone_escape_lines() {
        assert_eq!(
            texts("FROM a\r\nRUN b \\\r\n  c\r\n"),
            ["FROM a", "RUN b   c"]
        );
        assert_eq!(texts("\\\nRUN x\n"), ["RUN x"]);
        let (s, instructions) = split("FROM a\n\\\n# only a comment\n");
        assert_eq!(instructions.len(), 1);
        assert_eq!(s.errors[0].span, Span::new(7, 8));
        // BuildKit's instruction starts at the lone continuation line.
        assert_eq!(split("FROM a\n\\\nRUN x\n").1[1].span, Span::new(7, 14));
    }

    #[test]
    fn continuation_into_the_end_of_file_covers_what_it_read() {
        let (_, instructions) = split("RUN a \\\n# c\n  \n");
        assert_eq!(instructions[0].span, Span::new(0, 14));
        let (_, instructions) = split("RUN a \\\n  b\n# c\n");
        assert_eq!(instructions[0].span, Span::new(0, 11));
    }
}
