use drydock_syntax::{CommandForm, Keyword, Kind, ShellText, Span};

use crate::stages::lineage;
use crate::{Context, Edit, Fix, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3025",
    name: "shell-form-cmd",
    aliases: &["JSONArgsRecommended"],
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    docs: r#"
## What it does
Flags `CMD` and `ENTRYPOINT` in shell form (`CMD node server.js`) rather than exec form
(`CMD ["node", "server.js"]`).

## Why is this bad?
The shell form runs the command under `/bin/sh -c`. The shell becomes PID 1 and does not pass
on signals: `docker stop` waits its full timeout and then kills the application without letting
it shut down cleanly. A shell-form `ENTRYPOINT` also ignores `CMD` and the arguments of
`docker run`.

## Example
```dockerfile
FROM node:20.12-slim
CMD node server.js
```

## Use instead
```dockerfile
FROM node:20.12-slim
CMD ["node", "server.js"]
```

## Fix safety
The fix rewrites the command as a JSON array when that is exact: a single command of plain
words, with no variables, globs, redirections, pipes, `&&`, subshells or shell builtins, and no
`SHELL` instruction changing the shell. The command then runs without `/bin/sh -c` in front,
which is the point of the rule. No fix is offered for an `ENTRYPOINT` in a stage with a `CMD`,
since the exec form would start passing the `CMD` to it.

## Differences from hadolint
`HEALTHCHECK CMD` in shell form is not flagged: the health check is a short-lived process that
receives no signals, so the shell costs nothing, and shell features (`curl ... || exit 1`) are
common and useful there. hadolint flags it.

## References
hadolint DL3025; BuildKit check `JSONArgsRecommended`.
"#,
    check,
};

/// Words that name shell builtins or keywords rather than programs `exec` could run.
const SHELL_ONLY: &[&str] = &[
    ".", "alias", "builtin", "case", "cd", "declare", "eval", "exec", "exit", "export", "for",
    "function", "if", "let", "local", "read", "readonly", "return", "set", "shift", "source",
    "time", "trap", "typeset", "ulimit", "umask", "unset", "until", "wait", "while",
];

/// Characters that give a shell-form command a meaning a JSON array cannot keep.
const SHELL_SYNTAX: &[char] = &[
    '$', '`', '|', '&', ';', '<', '>', '(', ')', '*', '?', '[', ']', '{', '}', '~', '#', '\\',
    '!', '\n',
];

fn check(cx: &Context, out: &mut Report) {
    for (index, instruction) in cx.instructions() {
        let shell = match &instruction.kind {
            Kind::Cmd(CommandForm::Shell(s)) | Kind::Entrypoint(CommandForm::Shell(s)) => s,
            _ => continue,
        };
        let Some(span) = text_span(shell) else {
            continue;
        };
        let message = "Use arguments JSON notation for CMD and ENTRYPOINT arguments";
        match exec_form(cx, index, shell) {
            Some(array) => out.add_with_fix(
                span,
                message,
                Fix::safe("use the exec form", vec![Edit::replace(span, array)]),
            ),
            None => out.add(span, message),
        }
    }
}

/// Source span of the command text, without surrounding blanks.
fn text_span(shell: &ShellText) -> Option<Span> {
    let start = shell.text.len() - shell.text.trim_start().len();
    let end = shell.text.trim_end().len();
    (start < end).then(|| shell.span(start, end))
}

/// The JSON array that runs the same command, if the conversion is exact.
fn exec_form(cx: &Context, index: usize, shell: &ShellText) -> Option<String> {
    let [command] = shell.script.commands.as_slice() else {
        return None;
    };
    let plain = command.assignments.is_empty()
        && command.depth == 0
        && !command.words.is_empty()
        && !shell.text.contains(SHELL_SYNTAX)
        && !SHELL_ONLY.contains(&command.words[0].value.as_str());
    if !plain || changes_shell(cx, index) {
        return None;
    }
    let df = cx.dockerfile;
    let stage = df.stage_of(index)?;
    let is_entrypoint = df.instructions[index].keyword == Keyword::Entrypoint;
    if is_entrypoint
        && stage
            .instructions
            .clone()
            .any(|i| df.instructions[i].keyword == Keyword::Cmd)
    {
        return None;
    }
    let words: Vec<String> = command.words.iter().map(|w| json_string(&w.value)).collect();
    Some(format!("[{}]", words.join(", ")))
}

/// A SHELL instruction in the stage (or a stage it builds on) runs shell forms elsewhere.
fn changes_shell(cx: &Context, index: usize) -> bool {
    let df = cx.dockerfile;
    df.stage_of(index).is_some_and(|stage| {
        lineage(df, stage).into_iter().any(|s| {
            s.instructions
                .clone()
                .any(|i| i < index && df.instructions[i].keyword == Keyword::Shell)
        })
    })
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_shell_form_cmd_and_entrypoint() {
        assert_lines("DL3025", "FROM a:1\nCMD node server.js\n", &[2]);
        assert_lines("DL3025", "FROM a:1\nENTRYPOINT /entry.sh\n", &[2]);
        assert_lines("DL3025", "FROM a:1\nCMD mvn package && \\\n  java -jar x.jar\n", &[2]);
    }

    #[test]
    fn accepts_exec_form_and_healthchecks() {
        assert_clean("DL3025", "FROM a:1\nCMD [\"node\", \"server.js\"]\nENTRYPOINT [\"/e\"]\n");
        assert_clean("DL3025", "FROM a:1\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n");
        assert_clean("DL3025", "FROM a:1\nONBUILD CMD node server.js\n");
    }

    #[test]
    fn fix_writes_the_json_array() {
        assert_fix(
            "DL3025",
            "FROM a:1\nCMD node  server.js --port 80\n",
            "FROM a:1\nCMD [\"node\", \"server.js\", \"--port\", \"80\"]\n",
        );
        assert_fix(
            "DL3025",
            "FROM a:1\nCMD \"/setup.sh\" 'a b'\n",
            "FROM a:1\nCMD [\"/setup.sh\", \"a b\"]\n",
        );
        assert_fix(
            "DL3025",
            "FROM a:1\nENTRYPOINT /bin/meilisearch \\\n    --http-addr 0.0.0.0:7700\n",
            "FROM a:1\nENTRYPOINT [\"/bin/meilisearch\", \"--http-addr\", \"0.0.0.0:7700\"]\n",
        );
    }

    #[test]
    fn no_fix_when_the_shell_matters() {
        for cmd in [
            "CMD HOSTNAME=0.0.0.0 node server.js",
            "CMD node server.js > /log",
            "CMD node $APP",
            "CMD a && b",
            "CMD ls *.js",
            "CMD exec node server.js",
            "CMD (node server.js)",
        ] {
            let found = findings("DL3025", &format!("FROM a:1\n{cmd}\n"));
            assert_eq!(found.len(), 1, "{cmd}");
            assert!(found[0].fix.is_none(), "{cmd}");
        }
        let found = findings("DL3025", "FROM a:1\nSHELL [\"pwsh\", \"-c\"]\nCMD node x.js\n");
        assert!(found[0].fix.is_none());
        let found = findings("DL3025", "FROM a:1\nENTRYPOINT /e.sh\nCMD [\"x\"]\n");
        assert!(found[0].fix.is_none());
    }
}
