use std::collections::HashMap;

use drydock_syntax::Kind;

use crate::cache_cleanup::runs;
use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL4001",
    name: "wget-and-curl",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a RUN that uses `wget` or `curl` when the stage uses both.

## Why is this bad?
Both tools do the same job here. Installing and keeping two of them makes the image larger and
gives an attacker one more tool; pick one.

## Example
```dockerfile
FROM debian:12-slim
RUN curl -fsSLo /tmp/a.tar.gz https://example.com/a.tar.gz
RUN wget -q -O /tmp/b.tar.gz https://example.com/b.tar.gz
```

## Use instead
```dockerfile
FROM debian:12-slim
RUN curl -fsSLo /tmp/a.tar.gz https://example.com/a.tar.gz
RUN curl -fsSLo /tmp/b.tar.gz https://example.com/b.tar.gz
```

## References
hadolint DL4001.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    // Per stage, and apart for ONBUILD triggers (they run in another build): [curl, wget] seen.
    let mut seen: HashMap<(Option<usize>, bool), [bool; 2]> = HashMap::new();
    for run in runs(cx) {
        let instruction = run[0].instruction;
        let tools: Vec<_> = run
            .iter()
            .filter(|c| c.command.is_any(&["curl", "wget"]))
            .collect();
        let Some(first) = tools.first() else {
            continue;
        };
        let onbuild = matches!(instruction.kind, Kind::Onbuild(_));
        let used = seen.entry((instruction.stage, onbuild)).or_default();
        for c in &tools {
            used[usize::from(c.command.is("wget"))] = true;
        }
        if *used == [true; 2] {
            out.add(first.span(), "Either use Wget or Curl but not both");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_runs_once_both_are_used() {
        assert_lines("DL4001", "FROM a\nRUN wget x\nRUN curl y\n", &[3]);
        assert_lines("DL4001", "FROM a\nRUN wget x && curl y\n", &[2]);
        assert_lines(
            "DL4001",
            "FROM a\nRUN curl x\nRUN wget y\nRUN echo\nRUN curl z\n",
            &[3, 5],
        );
        assert_lines(
            "DL4001",
            "FROM a\nRUN curl x\nRUN <<EOF\nwget y\nEOF\n",
            &[4],
        );
    }

    #[test]
    fn each_stage_is_separate() {
        assert_clean("DL4001", "FROM a\nRUN wget x\nFROM b\nRUN curl y\n");
        assert_clean("DL4001", "FROM a\nRUN curl x\nRUN curl y\n");
        assert_clean("DL4001", "FROM a\nRUN wget x\nONBUILD RUN curl y\n");
    }
}
