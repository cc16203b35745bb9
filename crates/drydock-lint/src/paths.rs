//! Absolute paths inside the image, as WORKDIR, COPY destinations and RUN arguments name them.

use drydock_syntax::dockerignore::clean;

/// `path` made absolute against `workdir` and cleaned; `None` when it uses variables, whose
/// value is unknown here.
pub(crate) fn resolve(workdir: &str, path: &str) -> Option<String> {
    if path.contains('$') || path.is_empty() {
        return None;
    }
    Some(if path.starts_with('/') {
        clean(path)
    } else {
        clean(&format!("{workdir}/{path}"))
    })
}

/// Whether the absolute path `path` is `dir` or somewhere below it.
pub(crate) fn is_within(path: &str, dir: &str) -> bool {
    dir == "/"
        || path == dir
        || path
            .strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_against_the_workdir() {
        assert_eq!(resolve("/app", ".").as_deref(), Some("/app"));
        assert_eq!(resolve("/app", "./data/").as_deref(), Some("/app/data"));
        assert_eq!(resolve("/app", "/etc//x").as_deref(), Some("/etc/x"));
        assert_eq!(resolve("/app", "../srv").as_deref(), Some("/srv"));
        assert_eq!(resolve("/app", "$HOME/x"), None);
    }

    #[test]
    fn within_is_component_wise() {
        assert!(is_within("/app/a", "/app"));
        assert!(is_within("/app", "/app"));
        assert!(is_within("/x", "/"));
        assert!(!is_within("/application", "/app"));
        assert!(!is_within("/app", "/app/a"));
    }
}
