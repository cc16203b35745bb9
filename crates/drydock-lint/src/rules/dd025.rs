use drydock_syntax::shell::Command;
use drydock_syntax::{Kind, LineIndex};

use crate::paths::{changed_paths, is_within, resolve};
use crate::run_index::RunIndex;
use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD025",
    name: "recursive-chown-after-copy",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags `chown -R` or `chmod -R` in a RUN on files that a `COPY` or `ADD` earlier in the same
stage put there.

## Why is this bad?
Changing a file's owner or mode writes the whole file again into the RUN's layer, so every
copied file is stored twice and the image grows by the size of what was copied. `COPY
--chown=` and `COPY --chmod=` set owner and mode in the copy's own layer, for free.

## Example
```dockerfile
FROM node:20-slim
WORKDIR /app
COPY . .
RUN chown -R node:node /app
USER node
```

## Use instead
```dockerfile
FROM node:20-slim
WORKDIR /app
COPY --chown=node:node . .
USER node
```

## Differences from hadolint
hadolint has no such rule. Paths are compared after resolving them against `WORKDIR`; a path
given by a variable is not compared.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    let runs = RunIndex::new(cx);
    let lines = LineIndex::new(cx.source);
    for stage in &cx.dockerfile.stages {
        let mut workdir = "/".to_owned();
        // Absolute destinations of this stage's copies, with the copy's instruction index.
        let mut copied: Vec<(String, usize)> = Vec::new();
        for index in stage.instructions.clone() {
            match &cx.dockerfile.instructions[index].kind {
                Kind::Workdir(dir) => workdir = resolve(&workdir, &dir.value).unwrap_or(workdir),
                Kind::Copy(copy) | Kind::Add(copy) => {
                    let dest = copy.dest.as_ref().map(|d| d.value.as_str()).unwrap_or("");
                    copied.extend(resolve(&workdir, dest).map(|d| (d, index)));
                }
                Kind::Run(_) => {
                    for run in runs.of(index) {
                        let Some((what, target, dest, at)) =
                            rewrite_of_copy(run.command, &workdir, &copied)
                        else {
                            continue;
                        };
                        let line = lines.line(cx.dockerfile.instructions[at].span.start);
                        out.add(
                            run.span(),
                            format!(
                                "`{what} -R {target}` writes the files copied to `{dest}` on \
                                 line {line} into a new layer, storing them twice: set it with \
                                 `COPY --{what}=...` instead"
                            ),
                        );
                    }
                }
                _ => {}
            }
        }
    }
}

/// For a recursive `chown` or `chmod` of copied files: the program, the path it changes, the
/// copy destination it overlaps and that copy's instruction index.
fn rewrite_of_copy<'c>(
    cmd: &Command,
    workdir: &str,
    copied: &'c [(String, usize)],
) -> Option<(&'static str, String, &'c str, usize)> {
    let what = match cmd.program()? {
        "chown" => "chown",
        "chmod" => "chmod",
        _ => return None,
    };
    if !cmd.has_any_flag(&["R", "recursive"]) {
        return None;
    }
    changed_paths(cmd)
        .into_iter()
        .filter_map(|t| resolve(workdir, t))
        .find_map(|target| {
            let (dest, at) = copied
                .iter()
                .find(|(dest, _)| is_within(dest, &target) || is_within(&target, dest))?;
            Some((what, target, dest.as_str(), *at))
        })
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn recursive_changes_of_copied_files() {
        assert_lines(
            "DD025",
            "FROM node\nWORKDIR /app\nCOPY . .\nRUN chown -R node:node /app\n",
            &[4],
        );
        assert_lines(
            "DD025",
            "FROM node\nWORKDIR /app\nCOPY src ./src\nRUN npm ci && chmod -R g+w .\n",
            &[4],
        );
        assert_lines(
            "DD025",
            "FROM node\nCOPY . /srv/app\nRUN chown --recursive app /srv/app/data\n",
            &[3],
        );
        assert_lines(
            "DD025",
            "FROM node\nCOPY --from=build /out /opt/app\nRUN <<EOF\nchown -R app /opt\nEOF\n",
            &[4],
        );
    }

    #[test]
    fn other_paths_stages_or_non_recursive() {
        assert_clean(
            "DD025",
            "FROM node\nCOPY . /app\nRUN chown -R app /var/log/app && chown app /app\n",
        );
        assert_clean(
            "DD025",
            "FROM node AS a\nCOPY . /app\nFROM node\nRUN chown -R app /app\n",
        );
        assert_clean("DD025", "FROM node\nRUN chown -R app /app\nCOPY . /app\n");
        assert_clean(
            "DD025",
            "FROM node\nCOPY . /app\nRUN chown -R app $APP_DIR\n",
        );
    }

    #[test]
    fn message() {
        let found = findings("DD025", "FROM node\nCOPY . /app\nRUN chmod -R 755 /app\n");
        assert_eq!(
            found[0].message,
            "`chmod -R /app` writes the files copied to `/app` on line 2 into a new layer, \
             storing them twice: set it with `COPY --chmod=...` instead"
        );
    }
}
