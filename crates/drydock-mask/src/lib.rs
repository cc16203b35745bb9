//! Masking of secrets before anything is stored or shown: build-arg values become `***` (names
//! are kept), and credential-looking strings (tokens, keys, passwords in assignments or URLs)
//! are masked in free text such as Dockerfile text, error messages and step instructions.
//!
//! Masking errs on the side of hiding: a false positive costs a few readable characters, a
//! false negative leaks a credential into a file that lives for years. Every function is
//! idempotent, so masking already-masked text changes nothing.
//!
//! Pure: no IO, no async.

mod patterns;

use std::borrow::Cow;

use regex::{Captures, Regex};

pub use patterns::mask_secrets;

/// What a masked value is replaced with.
pub const MASK: &str = "***";

/// Known values shorter than this are not masked verbatim in free text: replacing every `true`
/// or `prod` would garble the text, and such short values are not credentials.
const MIN_VERBATIM_LEN: usize = 8;

/// Build args with every value replaced by [`MASK`], in the given order.
pub fn mask_build_args<'a>(
    args: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<(String, String)> {
    args.into_iter()
        .map(|(name, _)| (name.to_owned(), MASK.to_owned()))
        .collect()
}

/// Masks text that may echo one build's arguments, on top of [`mask_secrets`].
///
/// Image history records `RUN |2 NAME=value OTHER=value /bin/sh -c ...` and tools print the
/// values they were given, so besides the credential patterns this masks `NAME=value` for every
/// build-arg name and, anywhere in the text, every value long enough to be a credential.
pub struct Masker {
    /// Longest first, so a value containing another is replaced whole.
    values: Vec<String>,
    assignment: Option<Regex>,
}

impl Masker {
    pub fn for_build_args<'a>(args: impl IntoIterator<Item = (&'a str, &'a str)>) -> Masker {
        let mut names = Vec::new();
        let mut values = Vec::new();
        for (name, value) in args {
            names.push(regex::escape(name));
            if value.len() >= MIN_VERBATIM_LEN {
                values.push(value.to_owned());
            }
        }
        values.sort_by_key(|v| std::cmp::Reverse(v.len()));
        values.dedup();
        let assignment = (!names.is_empty()).then(|| {
            Regex::new(&format!(r"\b((?:{})=)([^\s$]\S*)", names.join("|")))
                .expect("escaped names form a valid pattern")
        });
        Masker { values, assignment }
    }

    pub fn mask<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let mut text = Cow::Borrowed(text);
        for value in &self.values {
            if text.contains(value.as_str()) {
                text = Cow::Owned(text.replace(value.as_str(), MASK));
            }
        }
        if let Some(assignment) = &self.assignment {
            if let Cow::Owned(masked) =
                assignment.replace_all(&text, |c: &Captures| format!("{}{MASK}", &c[1]))
            {
                text = Cow::Owned(masked);
            }
        }
        match mask_secrets(&text) {
            Cow::Borrowed(_) => text,
            Cow::Owned(masked) => Cow::Owned(masked),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_args_keep_names_and_order() {
        let masked = mask_build_args([("NODE_ENV", "production"), ("A", "")]);
        assert_eq!(
            masked,
            [
                ("NODE_ENV".to_owned(), "***".to_owned()),
                ("A".to_owned(), "***".to_owned())
            ]
        );
    }

    #[test]
    fn history_prefix_of_build_args_is_masked() {
        let masker = Masker::for_build_args([("NPM_TOKEN", "s3cr"), ("DEBUG", "1")]);
        assert_eq!(
            masker.mask("RUN |2 NPM_TOKEN=s3cr DEBUG=1 /bin/sh -c npm ci"),
            "RUN |2 NPM_TOKEN=*** DEBUG=*** /bin/sh -c npm ci"
        );
    }

    #[test]
    fn long_values_are_masked_anywhere_short_ones_are_not() {
        let masker = Masker::for_build_args([("KEY", "correct-horse-battery"), ("LEVEL", "debug")]);
        assert_eq!(
            masker.mask("npm ERR! 401 for correct-horse-battery at debug level"),
            "npm ERR! 401 for *** at debug level"
        );
    }

    #[test]
    fn variable_references_stay_readable() {
        let masker = Masker::for_build_args([("TOKEN", "x")]);
        assert_eq!(masker.mask("ENV TOKEN=${TOKEN}"), "ENV TOKEN=${TOKEN}");
    }

    #[test]
    fn masker_without_args_still_masks_patterns() {
        let masker = Masker::for_build_args([]);
        assert_eq!(masker.mask("password=hunter2"), "password=***");
        assert!(
            matches!(masker.mask("FROM alpine"), Cow::Borrowed(_)),
            "clean text is not copied"
        );
    }

    #[test]
    fn masker_is_idempotent() {
        let masker = Masker::for_build_args([("TOKEN", "abcdefghijkl")]);
        let once = masker
            .mask("RUN |1 TOKEN=abcdefghijkl sh -c 'echo abcdefghijkl'")
            .into_owned();
        assert_eq!(masker.mask(&once), once);
    }
}
