//! Shared by the label rules (DL3048-DL3058): the LABEL pairs of a file and the check that a
//! schema label has a value of its declared type.

mod formats;
mod spdx;

pub(crate) use formats::{is_email, is_git_hash, is_rfc3339, is_semver, is_url};
pub(crate) use spdx::is_spdx_expression;

use drydock_syntax::{KeyValue, Kind};

use crate::{Context, LabelType, Report};

/// Every `key=value` pair of every LABEL instruction, in file order. ONBUILD LABELs are left
/// out: they label the images built from this one, as hadolint also does.
pub(crate) fn label_pairs<'a>(cx: &Context<'a>) -> impl Iterator<Item = &'a KeyValue> {
    cx.instructions().flat_map(|(_, ins)| match &ins.kind {
        Kind::Label(pairs) => pairs.as_slice(),
        _ => &[],
    })
}

/// Reports each label whose schema type is `ty` and whose value `is_valid` rejects, with
/// `message(key)`. Empty values are DL3051's, and values still holding a `$variable` are only
/// known at build time, so neither is judged here.
pub(crate) fn check_type(
    cx: &Context,
    out: &mut Report,
    ty: LabelType,
    is_valid: fn(&str) -> bool,
    message: fn(&str) -> String,
) {
    for pair in label_pairs(cx) {
        let key = pair.key.value.as_str();
        let value = pair.value.value.as_str();
        if cx.config.label_schema.get(key) != Some(&ty) || value.is_empty() || value.contains('$') {
            continue;
        }
        if !is_valid(value) {
            out.add(pair.value.span, message(key));
        }
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::{Config, LabelType};

    /// The lines rule `code` flags in `src` under a `label-schema` of `schema`.
    pub(crate) fn schema_lines(code: &str, src: &str, schema: &[(&str, LabelType)]) -> Vec<u32> {
        schema_lines_with(code, src, schema, false)
    }

    /// Like [`schema_lines`], with `strict-labels` set as given.
    pub(crate) fn schema_lines_with(
        code: &str,
        src: &str,
        schema: &[(&str, LabelType)],
        strict: bool,
    ) -> Vec<u32> {
        let config = Config {
            label_schema: schema.iter().map(|&(k, t)| (k.to_owned(), t)).collect(),
            strict_labels: strict,
            ..Config::default()
        };
        let index = drydock_syntax::LineIndex::new(src);
        crate::test_support::findings_with(code, src, &config)
            .iter()
            .map(|f| index.line(f.span.start))
            .collect()
    }
}
