//! Absolute paths inside the image, as WORKDIR, COPY destinations and RUN arguments name them.

use drydock_syntax::dockerignore::clean;
use drydock_syntax::shell::Command;

use crate::shell_ext::CommandExt;

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

/// The files a `chown`, `chgrp` or `chmod` changes: its operands after the owner or mode (all
/// of them with `--reference`), leaving out the values of `--from` and `--reference`.
pub(crate) fn changed_paths(cmd: &Command) -> Vec<&str> {
    if !cmd.is_any(&["chown", "chgrp", "chmod"]) {
        return Vec::new();
    }
    let mut operands = Vec::new();
    let mut by_reference = false;
    let mut args = cmd.args().iter().map(|w| w.value.as_str());
    while let Some(arg) = args.next() {
        match arg {
            "--from" | "--reference" => {
                by_reference |= arg == "--reference";
                args.next();
            }
            _ if arg.starts_with("--reference=") => by_reference = true,
            _ if arg.starts_with('-') => {}
            _ => operands.push(arg),
        }
    }
    let skip = if by_reference { 0 } else { 1 };
    operands.into_iter().skip(skip).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changed(script: &str) -> Vec<String> {
        let parsed = drydock_syntax::shell::parse(script);
        changed_paths(&parsed.commands[0])
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn changed_paths_skip_owner_mode_and_option_values() {
        assert_eq!(changed("chown -R app:app /a b"), ["/a", "b"]);
        assert_eq!(changed("chmod 755 /bin/x"), ["/bin/x"]);
        assert_eq!(
            changed("chown --from root:root --changes --recursive app:app /srv"),
            ["/srv"]
        );
        assert_eq!(
            changed("chown --reference=/etc /srv /opt"),
            ["/srv", "/opt"]
        );
        assert_eq!(changed("chgrp --reference /etc /srv"), ["/srv"]);
        assert!(changed("ls -R /srv").is_empty());
    }

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
