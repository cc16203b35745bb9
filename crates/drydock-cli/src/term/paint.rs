//! ANSI colours, applied only when the output is a terminal that wants them.

/// ANSI SGR parameters.
pub(crate) type Style = &'static str;
pub(crate) const BOLD: Style = "1";
pub(crate) const DIM: Style = "2";
pub(crate) const PASS: Style = "32";
pub(crate) const FAIL: Style = "1;31";
pub(crate) const CACHED: Style = "36";

/// Colours text when the output is a terminal that wants colour.
#[derive(Clone, Copy)]
pub(crate) struct Paint(pub(crate) bool);

impl Paint {
    pub(crate) fn apply(self, style: Style, text: &str) -> String {
        if self.0 {
            format!("\x1b[{style}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

/// Colour for an output that is (or is not) a terminal, unless `NO_COLOR` is set.
pub(crate) fn colour_wanted(terminal: bool) -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    terminal && !no_color
}
