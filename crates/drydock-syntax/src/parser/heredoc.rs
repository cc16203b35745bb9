//! Heredoc markers (`<<EOF`, `<<-EOF`, `<<"EOF"`) in RUN, COPY and ADD lines, and the map from a
//! heredoc body back to its source lines.

use std::ops::Range;

use super::head;
use super::json::{self, JsonArgs};
use super::words::{split_words, unquote};
use crate::ast::{Heredoc, Keyword};
use crate::span::TextMap;

/// A heredoc marker found in a logical line.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Marker {
    pub range: Range<usize>,
    pub delimiter: String,
    pub strip_tabs: bool,
    pub quoted: bool,
}

/// The heredoc markers of an instruction's logical line, in order. Only RUN, COPY and ADD (also
/// under ONBUILD) in shell form have heredocs, as in BuildKit.
pub(crate) fn markers(text: &str) -> Vec<Marker> {
    if !text.contains("<<") {
        return Vec::new();
    }
    let mut h = head::read(text, 0..text.len());
    if Keyword::parse(&text[h.keyword.clone()]) == Keyword::Onbuild {
        h = head::read(text, h.rest);
    }
    if !matches!(
        Keyword::parse(&text[h.keyword]),
        Keyword::Run | Keyword::Copy | Keyword::Add
    ) {
        return Vec::new();
    }
    let rest = &text[h.rest.clone()];
    if rest.starts_with('[') && matches!(json::parse_array(rest, 0), JsonArgs::Strings(_)) {
        return Vec::new();
    }
    // When BuildKit's lexer fails on the line (flags included) it finds no heredoc at all.
    if lexer_fails(text) {
        return Vec::new();
    }
    // BuildKit reads markers with its default escape character whatever the directive says.
    split_words(rest, h.rest.start, '\\')
        .into_iter()
        .filter_map(|r| marker(&text[r.clone()]).map(|m| Marker { range: r, ..m }))
        .collect()
}

/// Whether BuildKit's shell lexer fails on the text: a quote or a `${` left open, or a `${name`
/// followed by something other than `}` or a modifier.
fn lexer_fails(text: &str) -> bool {
    let mut chars = text.chars();
    let mut quote = None;
    let mut depth = 0usize;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some('\''), '\'') => quote = None,
            (Some('\''), _) => {}
            (_, '\\') => {
                chars.next();
            }
            (_, '$') if chars.clone().next() == Some('{') => {
                chars.next();
                let name_len = chars
                    .clone()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .count();
                let mut after = chars.clone().skip(name_len);
                if name_len == 0 || !after.next().is_some_and(|c| "}:-+?#%/".contains(c)) {
                    return true;
                }
                depth += 1;
            }
            (_, '}') if depth > 0 => depth -= 1,
            (None, '\'' | '"') => quote = Some(c),
            (Some('"'), '"') => quote = None,
            _ => {}
        }
    }
    quote.is_some() || depth > 0
}

/// A word matching BuildKit's `^(\d*)<<(-?)([^<]*)$`.
fn marker(word: &str) -> Option<Marker> {
    let after_fd = word.trim_start_matches(|c: char| c.is_ascii_digit());
    let after = after_fd.strip_prefix("<<")?;
    let (strip_tabs, raw) = match after.strip_prefix('-') {
        Some(raw) => (true, raw),
        None => (false, after),
    };
    if raw.is_empty() || raw.contains('<') {
        return None;
    }
    let delimiter = unquote(raw, '\\');
    if delimiter.is_empty() {
        return None;
    }
    Some(Marker {
        range: 0..0,
        quoted: raw.contains(['"', '\'']),
        delimiter,
        strip_tabs,
    })
}

/// Maps offsets in `heredoc.body` to the source, line by line (`<<-` removed leading tabs and
/// CRLF line ends became `\n`, so the body is not always a verbatim copy).
pub(crate) fn body_map(src: &str, heredoc: &Heredoc) -> TextMap {
    let span = heredoc.body_span;
    let mut map = TextMap::contiguous(span.start);
    let mut logical = 0;
    let mut line_start = span.start;
    for line in src[span.start..span.end].split('\n') {
        let content = line.strip_suffix('\r').unwrap_or(line);
        let kept = if heredoc.strip_tabs {
            content.trim_start_matches('\t')
        } else {
            content
        };
        map.push(logical, line_start + (content.len() - kept.len()));
        logical += kept.len() + 1;
        line_start += line.len() + 1;
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, bool, bool)> {
        markers(text)
            .into_iter()
            .map(|m| (m.delimiter, m.strip_tabs, m.quoted))
            .collect()
    }

    #[test]
    fn finds_markers_in_shell_form_run_copy_add() {
        assert_eq!(names("RUN <<EOF"), [("EOF".into(), false, false)]);
        assert_eq!(
            names("RUN --mount=type=cache,target=/x cat <<-'A' 3<<\"B\" > f"),
            [("A".into(), true, true), ("B".into(), false, true)]
        );
        assert_eq!(
            names("ONBUILD COPY <<EOF /x"),
            [("EOF".into(), false, false)]
        );
        assert_eq!(names("ADD <<EOF /x"), [("EOF".into(), false, false)]);
    }

    #[test]
    fn ignores_other_instructions_exec_form_and_non_markers() {
        assert!(names("CMD cat <<EOF").is_empty());
        assert!(names("ENV A=<<EOF").is_empty());
        assert!(names(r#"RUN ["cat", "<<EOF"]"#).is_empty());
        assert!(names("RUN cat<<EOF").is_empty());
        assert!(names("RUN cat <<<EOF").is_empty());
        assert!(names("RUN cat << EOF").is_empty());
        assert!(names("RUN echo '<<EOF'").is_empty());
        assert!(names("RUN echo ${A <<EOF").is_empty());
        assert!(names("RUN <<'EOF").is_empty());
        assert!(names("RUN echo ${A B} <<EOF").is_empty());
        assert!(names("RUN --mount=target=/c${ <<EOF").is_empty());
        assert!(names("COPY <<EOF /a'b").is_empty());
        assert_eq!(names("RUN echo ${A:-${B}} '${' \"}\" <<EOF").len(), 1);
    }

    #[test]
    fn marker_ranges_point_at_the_word() {
        let text = "RUN cat <<EOF";
        assert_eq!(markers(text)[0].range, 8..13);
    }

    #[test]
    fn body_map_skips_stripped_tabs_and_crs() {
        let src = "RUN <<-E\n\tab\r\n\t\tc\nE\n";
        let heredoc = Heredoc {
            delimiter: "E".into(),
            strip_tabs: true,
            quoted: false,
            body: "ab\nc\n".into(),
            marker_span: crate::Span::new(4, 8),
            body_span: crate::Span::new(9, 18),
            terminated: true,
        };
        let map = body_map(src, &heredoc);
        assert_eq!(map.to_source(0), 10);
        assert_eq!(map.to_source(3), 16);
    }
}
