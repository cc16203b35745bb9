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
        let frame = self.frame(permanent, region);
        // One write per frame, so the terminal never shows half of one. A closed terminal
        // leaves no one to tell.
        let mut out = io::stdout().lock();
        let _ = out.write_all(frame.as_bytes()).and_then(|()| out.flush());
    }

    fn frame(&mut self, permanent: &[String], region: &[String]) -> String {
        let mut frame = String::new();
        if self.drawn > 0 {
            // To the start of the region's first line.
            frame.push_str(&format!("\x1b[{}F", self.drawn));
        }
        // Each line is erased as it is written over, never the screen below the cursor: with
        // the cursor at the top left, terminals such as tmux take that for clearing the whole
        // screen and push it into the scrollback, one copy per frame.
        for line in permanent.iter().chain(region) {
            frame.push_str("\x1b[2K");
            frame.push_str(line);
            frame.push('\n');
        }
        let written = permanent.len() + region.len();
        if written < self.drawn {
            let left = self.drawn - written;
            frame.push_str(&"\x1b[2K\n".repeat(left));
            frame.push_str(&format!("\x1b[{left}F"));
        }
        self.drawn = region.len();
        frame
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

    fn lines(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn a_frame_goes_back_over_the_region_and_erases_line_by_line() {
        let mut screen = Screen { drawn: 0 };
        let first = screen.frame(&[], &lines(&["a", "b"]));
        assert_eq!(first, "\x1b[2Ka\n\x1b[2Kb\n");
        let second = screen.frame(&lines(&["done"]), &lines(&["c"]));
        assert_eq!(second, "\x1b[2F\x1b[2Kdone\n\x1b[2Kc\n");
        assert!(
            !second.contains("\x1b[J"),
            "no clearing to the end of the screen"
        );
    }

    #[test]
    fn a_shorter_frame_blanks_what_is_left_of_the_last() {
        let mut screen = Screen { drawn: 0 };
        screen.frame(&[], &lines(&["a", "b", "c"]));
        let shorter = screen.frame(&[], &lines(&["d"]));
        assert_eq!(shorter, "\x1b[3F\x1b[2Kd\n\x1b[2K\n\x1b[2K\n\x1b[2F");
        let next = screen.frame(&[], &lines(&["e"]));
        assert_eq!(
            next, "\x1b[1F\x1b[2Ke\n",
            "the cursor was left under the region"
        );
    }

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
