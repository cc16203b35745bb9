//! `RUN --mount=type=cache,target=/root/.cache,...` options.

use super::Cx;
use crate::ast::{Mount, MountType, Word};

/// Reads one `--mount` value (comma-separated, CSV quoting).
pub(crate) fn parse(cx: &mut Cx, value: &Word) -> Mount {
    let mut mount = Mount {
        kind: MountType::Bind,
        target: None,
        source: None,
        from: None,
        id: None,
        options: Vec::new(),
        span: value.span,
    };
    for field in fields(&value.value) {
        let (key, v) = match field.split_once('=') {
            Some((k, v)) => (k.trim().to_ascii_lowercase(), Some(v.to_owned())),
            None => (field.trim().to_ascii_lowercase(), None),
        };
        match (key.as_str(), &v) {
            ("type", Some(t)) => mount.kind = mount_type(cx, value, t),
            ("target" | "dst" | "destination", Some(t)) => mount.target = Some(t.clone()),
            ("source" | "src", Some(s)) => mount.source = Some(s.clone()),
            ("from", Some(f)) => mount.from = Some(f.clone()),
            ("id", Some(i)) => mount.id = Some(i.clone()),
            _ => {}
        }
        mount.options.push((key, v));
    }
    mount
}

fn mount_type(cx: &mut Cx, value: &Word, t: &str) -> MountType {
    match t.to_ascii_lowercase().as_str() {
        "bind" => MountType::Bind,
        "cache" => MountType::Cache,
        "tmpfs" => MountType::Tmpfs,
        "secret" => MountType::Secret,
        "ssh" => MountType::Ssh,
        _ => {
            cx.error(
                value.span,
                format!("unsupported mount type {t:?}: use bind, cache, tmpfs, secret or ssh"),
            );
            MountType::Other
        }
    }
}

/// Comma-separated fields; double quotes group commas and are removed.
fn fields(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    out.push(field);
    out.retain(|f| !f.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::fields;

    #[test]
    fn csv_fields() {
        assert_eq!(fields("type=cache,target=/a"), ["type=cache", "target=/a"]);
        assert_eq!(fields(r#""source=a,b",ro"#), ["source=a,b", "ro"]);
        assert!(fields("").is_empty());
    }
}
