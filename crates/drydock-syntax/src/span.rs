//! Byte spans into the original source and the line index that turns them into 1-based
//! line/column pairs.

/// A half-open byte range `start..end` into the source text given to [`crate::parse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
}

/// A 1-based line and a 1-based column counted in Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// Start offsets of every line, so that offset → line/column is a binary search.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { line_starts }
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> u32 {
        (self.line_starts.partition_point(|&s| s <= offset)) as u32
    }

    /// 1-based line and column (in chars) of a byte offset; `text` is the indexed source.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let line = self.line(offset);
        let start = self.line_starts[line as usize - 1];
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let column = text[start..offset.max(start)].chars().count() as u32 + 1;
        LineCol { line, column }
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        self.line_starts.get(line.checked_sub(1)? as usize).copied()
    }

    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Maps offsets in a logical text (an instruction's arguments with line continuations, comment
/// lines and blank lines removed) back to offsets in the source. Each segment says: logical
/// bytes from `logical` onwards were copied verbatim from `source` onwards.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextMap {
    /// Where logical offset 0 is in the source; inline, so that mapping a verbatim copy (most
    /// instructions) needs no allocation.
    first: usize,
    /// The segments after the first, `(logical, source)`, in order.
    rest: Vec<(usize, usize)>,
}

impl TextMap {
    /// A map for text copied verbatim from `source_start`.
    pub fn contiguous(source_start: usize) -> Self {
        TextMap {
            first: source_start,
            rest: Vec::new(),
        }
    }

    /// Records that the logical text from `logical` on continues at `source`.
    pub fn push(&mut self, logical: usize, source: usize) {
        match self.rest.last_mut() {
            Some(last) if last.0 == logical => last.1 = source,
            None if logical == 0 => self.first = source,
            _ => self.rest.push((logical, source)),
        }
    }

    /// Source offset of a logical offset.
    pub fn to_source(&self, logical: usize) -> usize {
        let i = self.rest.partition_point(|&(l, _)| l <= logical);
        match i.checked_sub(1).map(|i| self.rest[i]) {
            Some((l, s)) => s + (logical - l),
            None => self.first + logical,
        }
    }

    /// The map of the logical range `start..end`, re-based so that `start` becomes offset 0.
    pub fn slice(&self, start: usize, end: usize) -> TextMap {
        let later = self.rest.partition_point(|&(l, _)| l <= start);
        TextMap {
            first: self.to_source(start),
            rest: self.rest[later..]
                .iter()
                .take_while(|&&(l, _)| l < end)
                .map(|&(l, s)| (l - start, s))
                .collect(),
        }
    }

    /// Source span of a logical range. The span may cross removed continuations.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let s = self.to_source(start);
        // Map the last byte rather than `end` so a range ending at a segment boundary does not
        // jump to the next segment.
        let e = if end > start {
            self.to_source(end - 1) + 1
        } else {
            s
        };
        Span::new(s, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_is_one_based_and_counts_chars() {
        let text = "ab\néx\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 3), LineCol { line: 2, column: 1 });
        // 'x' follows a two-byte char: byte 5, column 2.
        assert_eq!(idx.line_col(text, 5), LineCol { line: 2, column: 2 });
        assert_eq!(
            idx.line_col(text, text.len()),
            LineCol { line: 3, column: 1 }
        );
    }

    #[test]
    fn text_map_follows_segments() {
        let mut m = TextMap::contiguous(10);
        m.push(4, 20);
        assert_eq!(m.to_source(0), 10);
        assert_eq!(m.to_source(3), 13);
        assert_eq!(m.to_source(4), 20);
        assert_eq!(m.span(2, 6), Span::new(12, 22));
        assert_eq!(m.span(0, 4), Span::new(10, 14));
        let tail = m.slice(2, 6);
        assert_eq!(tail.to_source(0), 12);
        assert_eq!(tail.to_source(2), 20);
        assert_eq!(m.slice(5, 6), TextMap::contiguous(21));
    }
}
