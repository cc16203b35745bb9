//! SPDX license expressions (`MIT`, `Apache-2.0 OR MIT`, `GPL-2.0-or-later WITH
//! Classpath-exception-2.0`, `LicenseRef-acme`), checked against the SPDX License List.
//! Identifiers match case-sensitively, as hadolint does: a label is read by tools that compare
//! it as written, so `mit` is worth fixing.

/// Current (not deprecated) SPDX license identifiers, sorted, one per line.
const LICENSES: &str = include_str!("spdx-licenses.txt");
/// Current SPDX license exception identifiers, sorted, one per line.
const EXCEPTIONS: &str = include_str!("spdx-exceptions.txt");

/// Whether `text` is a valid SPDX license expression.
pub(crate) fn is_spdx_expression(text: &str) -> bool {
    let tokens = tokenize(text);
    let mut parser = Parser { tokens, at: 0 };
    parser.expression() && parser.at == parser.tokens.len()
}

fn tokenize(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() || c == '(' || c == ')' {
            if let Some(s) = start.take() {
                tokens.push(&text[s..i]);
            }
            if !c.is_whitespace() {
                tokens.push(&text[i..i + 1]);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        tokens.push(&text[s..]);
    }
    tokens
}

struct Parser<'a> {
    tokens: Vec<&'a str>,
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&str> {
        self.tokens.get(self.at).copied()
    }

    fn eat(&mut self, operator: &str) -> bool {
        let hit = self
            .peek()
            .is_some_and(|t| t == operator || t == operator.to_ascii_lowercase());
        if hit {
            self.at += 1;
        }
        hit
    }

    /// expression := term (("AND" | "OR") term)*
    fn expression(&mut self) -> bool {
        if !self.term() {
            return false;
        }
        while self.eat("AND") || self.eat("OR") {
            if !self.term() {
                return false;
            }
        }
        true
    }

    /// term := "(" expression ")" | license ["WITH" exception]
    fn term(&mut self) -> bool {
        if self.eat("(") {
            return self.expression() && self.eat(")");
        }
        let Some(license) = self.peek() else {
            return false;
        };
        if !is_license(license) {
            return false;
        }
        self.at += 1;
        if self.eat("WITH") {
            let Some(exception) = self.peek() else {
                return false;
            };
            if !listed(EXCEPTIONS, exception) {
                return false;
            }
            self.at += 1;
        }
        true
    }
}

/// A listed identifier (optionally `+`: "this version or later"), or a user-defined
/// `LicenseRef-` / `DocumentRef-...:LicenseRef-` reference.
fn is_license(token: &str) -> bool {
    if let Some(reference) = token.strip_prefix("DocumentRef-") {
        return reference
            .split_once(':')
            .is_some_and(|(doc, lic)| is_idstring(doc) && is_license_ref(lic));
    }
    if is_license_ref(token) {
        return true;
    }
    listed(LICENSES, token.strip_suffix('+').unwrap_or(token))
}

fn is_license_ref(token: &str) -> bool {
    token.strip_prefix("LicenseRef-").is_some_and(is_idstring)
}

fn is_idstring(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
}

fn listed(list: &str, id: &str) -> bool {
    list.lines().any(|l| l == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_identifiers_and_expressions() {
        for ok in [
            "MIT",
            "Apache-2.0",
            "GPL-2.0-or-later",
            "GPL-2.0-only+",
            "MIT OR Apache-2.0",
            "(MIT OR Apache-2.0) AND BSD-3-Clause",
            "GPL-2.0-or-later WITH Classpath-exception-2.0",
            "LicenseRef-acme-1.0",
            "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
            "MIT or Apache-2.0",
            "MIT ",
        ] {
            assert!(is_spdx_expression(ok), "{ok}");
        }
    }

    #[test]
    fn rejects_unknown_deprecated_and_malformed() {
        for bad in [
            "",
            "mit",
            "GPL-2.0",
            "NOASSERTION",
            "Apache 2.0",
            "MIT OR",
            "(MIT",
            "MIT)",
            "MIT WITH Apache-2.0",
            "MIT AND OR Apache-2.0",
            "LicenseRef-",
            "LicenseRef-a b",
        ] {
            assert!(!is_spdx_expression(bad), "{bad}");
        }
    }

    #[test]
    fn lists_are_sorted_and_clean() {
        for list in [LICENSES, EXCEPTIONS] {
            let ids: Vec<&str> = list.lines().collect();
            assert!(ids.len() > 50);
            assert!(ids.windows(2).all(|w| w[0] < w[1]));
            assert!(ids.iter().all(|id| is_idstring(id.trim_end_matches('+'))));
        }
    }
}
