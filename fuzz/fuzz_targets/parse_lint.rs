//! Parse and lint arbitrary input, then apply every safe fix: nothing may panic, every span
//! must point into the text, and fixing must keep the text parseable.
#![no_main]

use drydock_lint::{fix, lint, LintOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let options = LintOptions::default();
    for f in lint(&text, &options) {
        assert!(f.span.end <= text.len() && text.is_char_boundary(f.span.start));
    }
    let fixed = fix::fix_all(&text, &options);
    let _ = drydock_syntax::parse(&fixed.text);
});
