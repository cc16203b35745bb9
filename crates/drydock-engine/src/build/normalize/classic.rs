//! The classic builder's stream: lines of text.
//!
//! ```text
//! Step 2/5 : RUN make           a step starts
//!  ---> Using cache             it was cached
//!  ---> Running in 3f2a...      it runs in a container; output lines follow
//! Removing intermediate container 3f2a...
//!  ---> 9c1e...                 it ends with its image id
//! Successfully built 9c1e...
//! ```
//!
//! A step's duration is the time between its `Step` line and its ` ---> <id>` line: the
//! daemon flushes every line as it happens.

use super::{complete_lines, strip_ansi, Normalizer};

#[derive(Debug, Default)]
pub(super) struct Reader {
    /// Text after the last line break.
    pending: String,
    /// The step between its `Step` line and its end.
    current: Option<usize>,
    /// Arrival time of the text being read.
    at_ms: u64,
}

pub(super) fn text(n: &mut Normalizer<'_>, text: &str, at_ms: u64) {
    n.classic.at_ms = at_ms;
    // The daemon colours a step's stderr red.
    let text = strip_ansi(text);
    for line in complete_lines(&mut n.classic.pending, &text) {
        self::line(n, &line);
    }
}

/// Reads what is left when the stream ends without a final line break.
pub(super) fn flush(n: &mut Normalizer<'_>) {
    let rest = std::mem::take(&mut n.classic.pending);
    if !rest.trim().is_empty() {
        line(n, &rest);
    }
}

fn line(n: &mut Normalizer<'_>, line: &str) {
    let at_ms = n.classic.at_ms;
    let line = line.trim_end();
    if let Some((index, total, instruction)) = step_line(line) {
        // A step without an end line (a global ARG) ends where the next one starts.
        if let Some(open) = n.classic.current.take() {
            n.finish_step(open, false, at_ms);
        }
        let mapped = n.plan.classic(index, instruction).cloned();
        n.start_step(index, total, mapped, instruction, at_ms);
        n.classic.current = Some(index);
        return;
    }
    let current = n.classic.current;
    match line.strip_prefix(" ---> ") {
        Some("Using cache") => {
            if let Some(state) = current.and_then(|i| n.steps.get_mut(&i)) {
                state.cached = true;
            }
        }
        Some(rest) if rest.starts_with("Running in ") => {}
        Some(id) if is_image_id(id) => {
            if let Some(index) = n.classic.current.take() {
                let cached = n.steps.get(&index).is_some_and(|s| s.cached);
                n.finish_step(index, cached, at_ms);
            }
        }
        Some(other) => n.log(other.to_owned()),
        None if line.starts_with("Removing intermediate container ") => {}
        None => match current {
            Some(index) => n.step_log(index, line.to_owned()),
            None => n.log(line.to_owned()),
        },
    }
}

/// `Step 3/9 : RUN make` → (3, 9, "RUN make").
fn step_line(line: &str) -> Option<(usize, usize, &str)> {
    let rest = line.strip_prefix("Step ")?;
    let (counts, instruction) = rest.split_once(':')?;
    let (index, total) = counts.trim().split_once('/')?;
    Some((index.parse().ok()?, total.parse().ok()?, instruction.trim()))
}

/// The short or long hex id that ends a step.
fn is_image_id(text: &str) -> bool {
    let hex = text.strip_prefix("sha256:").unwrap_or(text);
    hex.len() >= 12 && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_lines() {
        assert_eq!(step_line("Step 3/9 : RUN make"), Some((3, 9, "RUN make")));
        assert_eq!(
            step_line("Step 12/12 : CMD [\"a:b\"]"),
            Some((12, 12, "CMD [\"a:b\"]"))
        );
        assert_eq!(step_line("Step up"), None);
    }

    #[test]
    fn image_ids() {
        assert!(is_image_id("7229750d66dd"));
        assert!(!is_image_id("Using cache"));
        assert!(!is_image_id("abc"));
    }
}
