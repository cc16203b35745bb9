//! What the human-facing formats share: colours, the terminal's size, a region of lines
//! redrawn in place for live views, and how sizes, durations and counts are written.

mod paint;
mod screen;
mod units;

pub(crate) use paint::{colour_wanted, Paint, Style, BOLD, CACHED, DIM, FAIL, PASS};
pub(crate) use screen::{fit, Screen};
pub(crate) use units::{count, duration, size, size_delta};
