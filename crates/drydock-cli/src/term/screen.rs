//! A live view on a terminal: lines that scroll up and stay, below them a region of lines
//! redrawn in place (a spinner, the running steps and their latest output).

use std::io::{self, IsTerminal, Write};

use unicode_width::UnicodeWidthChar;

/// Used when the terminal does not say its size.
const FALLBACK_SIZE: (usize, usize) = (80, 24);

pub(crate) struct Screen {
    /// Lines of the region now on the screen, which the next draw replaces.
    drawn: usize,
}

impl Screen {
    /// A screen on stdout, when stdout is a terminal that can move its cursor.
    pub(crate) fn open() -> Option<Screen> {
        let dumb = std::env::var("TERM").is_ok_and(|term| term == "dumb");
        (io::stdout().is_terminal() && !dumb).then_some(Screen { drawn: 0 })
    }

    /// Columns and rows, asked anew each time so that a resized window is followed.
    pub(crate) fn size(&self) -> (usize, usize) {
        match rustix::termios::tcgetwinsize(io::stdout()) {
            Ok(size) if size.ws_col > 0 && size.ws_row > 0 => {
                (usize::from(size.ws_col), usize::from(size.ws_row))
            }
            _ => FALLBACK_SIZE,
        }
    }

    /// Prints `permanent` where the region was, then draws `region` below. Each line must fit
    /// in the width (see [`fit`]): a wrapped line would throw off the next redraw.
    pub(crate) fn draw(&mut self, permanent: &[String], region: &[String]) {
        let mut frame = String::new();
        if self.drawn > 0 {
            // Up to the region's first line, then clear everything below.
            frame.push_str(&format!("\x1b[{}F", self.drawn));
        }
        frame.push_str("\x1b[J");
        for line in permanent.iter().chain(region) {
            frame.push_str(line);
            frame.push('\n');
        }
        self.drawn = region.len();
        // One write per frame, so the terminal never shows half of one. A closed terminal
        // leaves no one to tell.
        let mut out = io::stdout().lock();
        let _ = out.write_all(frame.as_bytes()).and_then(|()| out.flush());
    }
}

/// `text` as one terminal line of at most `width` columns, ending in `…` when cut. Of a
/// line with carriage returns (a progress bar) only the last part shows, as on a terminal;
/// other control characters become spaces.
pub(crate) fn fit(text: &str, width: usize) -> String {
    let shown = text.rsplit('\r').next().unwrap_or_default();
    let chars = shown.chars().map(|c| if c.is_control() { ' ' } else { c });
    let total: usize = chars.clone().map(columns).sum();
    if total <= width {
        return chars.collect();
    }
    let mut used = 0;
    let mut out = String::new();
    for c in chars {
        // Leave a column for the ellipsis.
        if used + columns(c) + 1 > width {
            break;
        }
        used += columns(c);
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

fn columns(c: char) -> usize {
    c.width().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("RUN make", 20), "RUN make");
        assert_eq!(fit("RUN make all", 8), "RUN mak…");
        assert_eq!(fit("日本語のテキスト", 7), "日本語…");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn fit_shows_a_line_as_a_terminal_would() {
        assert_eq!(fit("10%\r50%\r100%", 20), "100%");
        assert_eq!(fit("a\tb\x1b[0m", 20), "a b [0m");
    }
}
