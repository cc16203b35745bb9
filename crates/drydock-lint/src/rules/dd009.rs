use drydock_syntax::Kind;

use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD009",
    name: "world-writable",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags modes that make files writable by every user: `chmod 777`, `chmod 666`, `chmod -R o+w`,
`chmod a+rwx`, `mkdir -m 777`, `install -m 666`, and `COPY`/`ADD --chmod=777`. Modes with the
sticky bit (`chmod 1777 /tmp`), the standard for shared scratch directories, are left alone.

## Why is this bad?
Any process in the container, whatever user it runs as, can then replace the application's
code, its configuration or the scripts it executes. That turns a small foothold (a
file-upload bug, a compromised low-privilege helper) into control of the service. Grant only
what is needed: make the files owned by the user that must write them (`chown`, `COPY
--chown`) and keep the mode at `755`/`644`, or `775`/`664` for a shared group.

## Example
```dockerfile
FROM alpine:3.20
COPY app /app
RUN chmod -R 777 /app
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN adduser -D app
COPY --chown=app:app app /app
USER app
```

## Notes
`chmod +w` (with no `u`, `g`, `o` or `a`) follows the umask, which is `022` in a build, so it
only adds write permission for the owner and is not flagged.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for run in cx.run_commands() {
        let cmd = run.command;
        let mode_word = if cmd.is("chmod") {
            // The mode is the first argument that is not an option (`-R`, `--recursive`).
            cmd.args()
                .iter()
                .position(|w| !w.value.starts_with('-') || is_symbolic_mode(&w.value))
                .map(|i| i + 1)
        } else if cmd.is_any(&["mkdir", "install"]) {
            mode_flag_value(cmd)
        } else {
            None
        };
        let Some(i) = mode_word else { continue };
        let mode = &cmd.words[i].value;
        let program = cmd.program().unwrap_or_default();
        let shown = if program == "chmod" || mode.starts_with('-') {
            format!("{program} {mode}")
        } else {
            format!("{program} -m {mode}")
        };
        if let (true, Some(span)) = (is_world_writable(mode), run.word_span(i)) {
            out.add(span, message(&shown));
        }
    }
    for (_, ins) in cx.instructions() {
        let (Kind::Copy(copy) | Kind::Add(copy)) = &ins.kind else {
            continue;
        };
        if let Some(chmod) = copy.chmod.as_ref().filter(|m| is_world_writable(&m.value)) {
            out.add(chmod.span, message(&format!("--chmod={}", chmod.value)));
        }
    }
}

fn message(what: &str) -> String {
    format!(
        "`{what}` makes files writable by every user in the container: give ownership to the user that writes them and keep the mode at 755/644"
    )
}

/// The index of the word holding `-m MODE`, `-mMODE` or `--mode=MODE`'s mode.
fn mode_flag_value(cmd: &drydock_syntax::shell::Command) -> Option<usize> {
    cmd.words.iter().enumerate().skip(1).find_map(|(i, w)| {
        let v = w.value.as_str();
        if v == "-m" || v == "--mode" {
            Some(i + 1).filter(|&n| n < cmd.words.len())
        } else {
            (v.starts_with("--mode=") || (v.starts_with("-m") && v.len() > 2)).then_some(i)
        }
    })
}

/// `o+w`, `a=rwx`, `-w`: a symbolic mode that starts with `-`, unlike an option.
fn is_symbolic_mode(word: &str) -> bool {
    word.len() > 1 && word[1..].chars().all(|c| "rwxXst".contains(c))
}

/// Whether a mode (octal or symbolic, possibly behind `--mode=`/`-m`) grants write to others.
fn is_world_writable(mode: &str) -> bool {
    let mode = mode
        .strip_prefix("--mode=")
        .or_else(|| mode.strip_prefix("-m"))
        .unwrap_or(mode);
    if !mode.is_empty() && mode.chars().all(|c| c.is_digit(8)) {
        let Ok(bits) = u32::from_str_radix(mode, 8) else {
            return false;
        };
        let sticky = bits & 0o1000 != 0;
        return bits & 0o002 != 0 && !sticky;
    }
    // A sticky bit anywhere in the mode makes it a shared scratch directory, like `/tmp`.
    !mode.contains('t')
        && mode.split(',').any(|clause| {
            clause.find(['+', '=']).is_some_and(|at| {
                let who = &clause[..at];
                (who.contains('o') || who.contains('a')) && clause[at + 1..].contains('w')
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::*;

    #[test]
    fn modes() {
        for m in ["777", "0777", "666", "2777", "o+w", "a+rwx", "ugo=rwx", "u+x,o+w", "--mode=777", "-m0666"] {
            assert!(is_world_writable(m), "{m}");
        }
        for m in ["755", "0644", "1777", "775", "+w", "u+w", "g+w", "o-w", "a+rx", "o=r", "o+w,+t"] {
            assert!(!is_world_writable(m), "{m}");
        }
    }

    #[test]
    fn flags_chmod_mkdir_install_and_copy() {
        assert_lines("DD009", "FROM alpine\nRUN chmod 777 /app\n", &[2]);
        assert_lines("DD009", "FROM alpine\nRUN chmod -R a+w /data && mkdir -m 777 /x\n", &[2, 2]);
        assert_lines("DD009", "FROM alpine\nRUN install -m 666 a /etc/a\n", &[2]);
        assert_lines("DD009", "FROM alpine\nCOPY --chmod=777 run.sh /\nADD --chmod=755 a /a\n", &[2]);
        assert_lines("DD009", "FROM alpine\nRUN <<EOF\nset -e\nchmod 0666 /etc/conf\nEOF\n", &[4]);
        assert_lines("DD009", "FROM alpine\nONBUILD RUN chmod o+w /srv\n", &[2]);
    }

    #[test]
    fn leaves_safe_modes_alone() {
        assert_clean(
            "DD009",
            "FROM alpine\nRUN chmod 755 /app && chmod +x /a && chmod 1777 /tmp && chmod -w /a && mkdir -p /x\n",
        );
        assert_clean("DD009", "FROM alpine\nRUN chmod --reference=/a /b\n");
    }
}
