//! Typed reads of TOML values with their spans: each read either returns the value or records
//! an error naming the key, its line and the reason, so one pass reports every problem.

use std::collections::BTreeMap;
use std::ops::Range;

use drydock_syntax::LineIndex;
use toml::de::{DeString, DeTable, DeValue};
use toml::Spanned;

use crate::error::ConfigError;

pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// A key and its value, about to be read.
pub(crate) struct Field<'v, 'i> {
    /// Dotted path, e.g. `smoke.http[0].port`.
    pub key: String,
    pub value: &'v Value<'i>,
}

impl Field<'_, '_> {
    pub fn span(&self) -> Range<usize> {
        self.value.span()
    }
}

/// Collects the errors of one file.
pub(crate) struct Reader<'t> {
    text: &'t str,
    lines: LineIndex,
    errors: Vec<ConfigError>,
}

impl<'t> Reader<'t> {
    pub fn new(text: &'t str) -> Self {
        Reader {
            text,
            lines: LineIndex::new(text),
            errors: Vec::new(),
        }
    }

    pub fn error(&mut self, key: &str, span: Range<usize>, reason: impl Into<String>) {
        let at = self.lines.line_col(self.text, span.start);
        self.errors.push(ConfigError {
            key: key.to_owned(),
            line: at.line,
            column: at.column,
            span,
            reason: reason.into(),
        });
    }

    /// The errors in file order.
    pub fn into_errors(mut self) -> Vec<ConfigError> {
        self.errors.sort_by_key(|e| e.span.start);
        self.errors
    }

    fn wrong_type(&mut self, field: &Field, expected: &str) {
        let found = article(field.value.get_ref().type_str());
        self.error(
            &field.key,
            field.span(),
            format!("expected {expected}, found {found}"),
        );
    }

    /// The field as a table whose keys are then taken one by one.
    pub fn table<'v, 'i>(&mut self, field: &Field<'v, 'i>) -> Option<Table<'v, 'i>> {
        match field.value.get_ref() {
            DeValue::Table(table) => Some(Table::new(&field.key, table, field.span())),
            _ => {
                self.wrong_type(field, "a table");
                None
            }
        }
    }

    /// An array's items as fields named `key[i]`.
    pub fn array<'v, 'i>(
        &mut self,
        field: &Field<'v, 'i>,
        expected: &str,
    ) -> Option<Vec<Field<'v, 'i>>> {
        match field.value.get_ref() {
            DeValue::Array(items) => Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, value)| Field {
                        key: format!("{}[{i}]", field.key),
                        value,
                    })
                    .collect(),
            ),
            _ => {
                self.wrong_type(field, expected);
                None
            }
        }
    }

    pub fn string(&mut self, field: &Field) -> Option<String> {
        match field.value.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.wrong_type(field, "a string");
                None
            }
        }
    }

    /// A string that must not be empty.
    pub fn text(&mut self, field: &Field) -> Option<String> {
        let s = self.string(field)?;
        if s.is_empty() {
            self.error(&field.key, field.span(), "must not be empty");
            return None;
        }
        Some(s)
    }

    pub fn boolean(&mut self, field: &Field) -> Option<bool> {
        match field.value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(field, "true or false");
                None
            }
        }
    }

    /// An integer within `min..=max`.
    pub fn integer(&mut self, field: &Field, min: i64, max: i64) -> Option<i64> {
        let DeValue::Integer(int) = field.value.get_ref() else {
            self.wrong_type(field, "an integer");
            return None;
        };
        let value = i64::from_str_radix(int.as_str(), int.radix()).ok();
        match value {
            Some(v) if (min..=max).contains(&v) => Some(v),
            _ => {
                let reason = format!("must be from {min} to {max}");
                self.error(&field.key, field.span(), reason);
                None
            }
        }
    }

    /// A TCP port.
    pub fn port(&mut self, field: &Field) -> Option<u16> {
        let DeValue::Integer(_) = field.value.get_ref() else {
            self.wrong_type(field, "a port number");
            return None;
        };
        self.integer(field, 1, i64::from(u16::MAX))
            .map(|p| p as u16)
    }

    /// A finite number (integer or float) greater than zero.
    pub fn positive_number(&mut self, field: &Field) -> Option<f64> {
        let number = match field.value.get_ref() {
            DeValue::Integer(int) => i64::from_str_radix(int.as_str(), int.radix())
                .ok()
                .map(|v| v as f64),
            DeValue::Float(float) => float.as_str().replace('_', "").parse::<f64>().ok(),
            _ => {
                self.wrong_type(field, "a number");
                return None;
            }
        };
        match number {
            Some(n) if n.is_finite() && n > 0.0 => Some(n),
            _ => {
                self.error(&field.key, field.span(), "must be more than 0");
                None
            }
        }
    }

    /// An array of non-empty strings.
    pub fn string_list(&mut self, field: &Field) -> Option<Vec<String>> {
        let items = self.array(field, "an array of strings")?;
        let strings: Vec<Option<String>> = items.iter().map(|item| self.text(item)).collect();
        strings.into_iter().collect()
    }

    /// An inline table of string values, such as `env` or `build_args`, keyed by names that
    /// may not be empty or hold `=`.
    pub fn string_map(&mut self, field: &Field) -> BTreeMap<String, String> {
        let mut map = BTreeMap::new();
        let Some(table) = self.table(field) else {
            return map;
        };
        for (name, value) in table.entries {
            let item = Field {
                key: format!("{}.{}", field.key, name.get_ref()),
                value,
            };
            if name.get_ref().is_empty() || name.get_ref().contains('=') {
                self.error(
                    &item.key,
                    name.span(),
                    "a name may not be empty or contain `=`",
                );
                continue;
            }
            if let Some(s) = self.string(&item) {
                map.insert(name.get_ref().to_string(), s);
            }
        }
        map
    }
}

/// A table's entries, taken by name; whatever is not taken is an unknown key.
pub(crate) struct Table<'v, 'i> {
    key: String,
    span: Range<usize>,
    entries: Vec<(&'v Spanned<DeString<'i>>, &'v Value<'i>)>,
    known: Vec<&'static str>,
}

impl<'v, 'i> Table<'v, 'i> {
    pub fn new(key: &str, table: &'v DeTable<'i>, span: Range<usize>) -> Self {
        Table {
            key: key.to_owned(),
            span,
            entries: table.iter().collect(),
            known: Vec::new(),
        }
    }

    fn path(&self, name: &str) -> String {
        if self.key.is_empty() {
            name.to_owned()
        } else {
            format!("{}.{name}", self.key)
        }
    }

    /// The value of a key, if the file has it.
    pub fn get(&mut self, name: &'static str) -> Option<Field<'v, 'i>> {
        self.known.push(name);
        let index = self.entries.iter().position(|(k, _)| k.get_ref() == name)?;
        let (_, value) = self.entries.remove(index);
        Some(Field {
            key: self.path(name),
            value,
        })
    }

    /// The value of a key the table must have.
    pub fn require(&mut self, reader: &mut Reader, name: &'static str) -> Option<Field<'v, 'i>> {
        let field = self.get(name);
        if field.is_none() {
            reader.error(
                &self.path(name),
                self.span.clone(),
                "missing, it is required",
            );
        }
        field
    }

    /// Reports every key that was not taken.
    pub fn finish(self, reader: &mut Reader) {
        for (name, _) in &self.entries {
            let reason = match closest(name.get_ref(), &self.known) {
                Some(known) => format!("unknown key (did you mean `{known}`?)"),
                None => format!("unknown key (expected one of: {})", self.known.join(", ")),
            };
            reader.error(&self.path(name.get_ref()), name.span(), reason);
        }
    }
}

/// The known key a typo most likely meant: at most two edits away, or a shortened key
/// (`memory` for `memory_mb`).
fn closest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    let distance = |k: &str| {
        let shortened = name.len() >= 3 && (k.starts_with(name) || name.starts_with(k));
        if shortened {
            1
        } else {
            edit_distance(name, k)
        }
    };
    known
        .iter()
        .map(|k| (distance(k), *k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| k)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

fn article(type_name: &str) -> String {
    match type_name {
        "integer" | "array" => format!("an {type_name}"),
        _ => format!("a {type_name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_within_two_edits_find_their_key() {
        let known = ["memory_mb", "cpus", "pids"];
        assert_eq!(closest("memroy_mb", &known), Some("memory_mb"));
        assert_eq!(closest("cpu", &known), Some("cpus"));
        assert_eq!(closest("memory", &known), Some("memory_mb"));
        assert_eq!(closest("volumes", &known), None);
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("é", "e"), 1);
    }
}
