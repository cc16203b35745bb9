//! A logical line: an instruction's physical lines joined without line continuations, comment
//! lines and blank lines, with what is needed to map any part of it back to the source.

use std::ops::Range;

use crate::ast::{LogicalText, Word};
use crate::span::{Span, TextMap};

#[derive(Debug, Default)]
pub(crate) struct Logical {
    pub text: String,
    map: TextMap,
}

impl Logical {
    pub fn with_capacity(bytes: usize) -> Self {
        Logical {
            text: String::with_capacity(bytes),
            ..Logical::default()
        }
    }

    /// Appends `source[start..end]`.
    pub fn push(&mut self, source: &str, start: usize, end: usize) {
        if start == end {
            return;
        }
        let logical = self.text.len();
        if logical == 0 {
            self.map = TextMap::contiguous(start);
        } else if self.map.to_source(logical) != start {
            // Only a piece that does not continue the previous one in the source needs a segment.
            self.map.push(logical, start);
        }
        self.text.push_str(&source[start..end]);
    }

    /// Source span of a logical range.
    pub fn span(&self, r: Range<usize>) -> Span {
        self.map.span(r.start, r.end)
    }

    /// A word whose value is given, spanning the logical range `r`.
    pub fn word(&self, r: Range<usize>, value: String) -> Word {
        Word {
            value,
            span: self.span(r),
        }
    }

    /// A word whose value is the raw text of `r`.
    pub fn raw_word(&self, r: Range<usize>) -> Word {
        self.word(r.clone(), self.text[r].to_owned())
    }

    /// A copy of the sub-text `r`, with its own map back to the source.
    pub fn copy_range(&self, r: Range<usize>) -> Logical {
        Logical {
            text: self.text[r.clone()].to_owned(),
            map: self.sub_map(r),
        }
    }

    /// Keeps only the sub-text `r` (in place: no new text allocation).
    pub fn keep(&mut self, r: Range<usize>) {
        self.map = self.sub_map(r.clone());
        self.text.truncate(r.end);
        self.text.drain(..r.start);
    }

    /// The logical offset of a source offset (of the first byte at or after it).
    pub fn offset_of(&self, source: usize) -> usize {
        offset_of(&self.map, self.text.len(), source)
    }

    pub fn into_logical_text(self) -> LogicalText {
        LogicalText {
            text: self.text,
            map: self.map,
        }
    }

    /// A map for the logical range `r` whose logical offset 0 is `r.start`.
    pub fn sub_map(&self, r: Range<usize>) -> TextMap {
        self.map.slice(r.start, r.end)
    }
}

/// The first logical offset (up to `len`) whose source offset is at or after `source`; the map
/// only grows, so this is a binary search.
pub(crate) fn offset_of(map: &TextMap, len: usize, source: usize) -> usize {
    let (mut lo, mut hi) = (0, len);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if map.to_source(mid) < source {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_map_back_to_the_source() {
        let src = "RUN a \\\n  b\n";
        let mut line = Logical::default();
        line.push(src, 0, 6);
        line.push(src, 8, 11);
        assert_eq!(line.text, "RUN a   b");
        assert_eq!(line.span(4..5), Span::new(4, 5));
        assert_eq!(line.span(8..9), Span::new(10, 11));
        let sub = line.copy_range(4..9);
        assert_eq!(sub.text, "a   b");
        assert_eq!(sub.span(4..5), Span::new(10, 11));
        assert_eq!(line.offset_of(10), 8);
        assert_eq!(line.offset_of(7), 6);
        line.keep(4..9);
        assert_eq!(line.text, "a   b");
        assert_eq!(line.span(4..5), Span::new(10, 11));
    }

    #[test]
    fn adjacent_pieces_share_a_segment() {
        let src = "abcdef";
        let mut line = Logical::default();
        line.push(src, 0, 3);
        line.push(src, 3, 6);
        assert_eq!(line.map, TextMap::contiguous(0));
        assert_eq!(line.span(2..5), Span::new(2, 5));
    }
}
