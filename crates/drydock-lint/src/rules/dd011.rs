use drydock_syntax::dockerignore::{clean, Dockerignore};

use crate::sources::copy_sources;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD011",
    name: "unfiltered-context-copy",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a `COPY .` (or `ADD .`) that copies the whole build context when there is no
`.dockerignore`, or when the `.dockerignore` lets `.git`, `.env` or `node_modules` through.

Drydock reads the context next to the Dockerfile: without that information (for example when
linting text alone) the rule stays quiet.

## Why is this bad?
Everything the context holds ends up in the image: the repository history in `.git` (with any
secret ever committed), local credentials in `.env`, and a `node_modules` built for the host
that replaces the one the image installed. Every change to those files also busts the cache
of the `COPY` and of every step after it.

## Example
With a context that holds `.git` and `src`, and no `.dockerignore`:
```dockerfile
FROM node:20-slim
WORKDIR /app
COPY . .
```

## Use instead
Add a `.dockerignore` such as:
```text
.git
.env
node_modules
```
or copy only what the image needs:
```dockerfile
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY src ./src
```

## References
Docker's best practices: "Exclude with .dockerignore".
"#,
    check,
};

/// Context entries that must not reach an image.
const RISKY: [&str; 3] = [".git", ".env", "node_modules"];

fn check(cx: &Context, out: &mut Report) {
    let Some(context) = cx.build_context else {
        return;
    };
    let Some(copy) = copy_sources(cx).find(|s| s.reads_context() && copies_everything(s.word))
    else {
        return;
    };
    let present = |name: &&str| context.entries.iter().any(|e| e == name);
    let what = format!(
        "`{} {}` copies the whole context",
        copy.keyword.as_str(),
        copy.word.value
    );
    match &context.dockerignore {
        None => {
            let risky: Vec<&str> = RISKY.iter().copied().filter(present).collect();
            let advice = if risky.is_empty() {
                "add one that excludes what the image does not need".to_owned()
            } else {
                format!("add one that excludes {}", quoted_list(&risky))
            };
            out.add(
                copy.word.span,
                format!("{what} and there is no `.dockerignore`: {advice}"),
            );
        }
        Some(text) => {
            let ignore = Dockerignore::parse(text);
            let leaking: Vec<&str> = RISKY
                .iter()
                .copied()
                .filter(present)
                .filter(|name| !ignore.is_excluded(name))
                .collect();
            if !leaking.is_empty() {
                out.add(
                    copy.word.span,
                    format!(
                        "{what}, including {}: exclude {} in `.dockerignore`",
                        quoted_list(&leaking),
                        if leaking.len() == 1 { "it" } else { "them" }
                    ),
                );
            }
        }
    }
}

/// `.`, `./`, `/` or `*`: every top-level entry of the context.
fn copies_everything(source: &drydock_syntax::Word) -> bool {
    matches!(clean(&source.value).as_str(), "." | "/" | "*")
}

fn quoted_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;
    use crate::BuildContext;

    fn context(dockerignore: Option<&str>, entries: &[&str]) -> BuildContext {
        BuildContext {
            dockerignore: dockerignore.map(str::to_owned),
            entries: entries.iter().map(|e| e.to_string()).collect(),
        }
    }

    fn messages(src: &str, cx: &BuildContext) -> Vec<String> {
        findings_in_context("DD011", src, cx)
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    const COPY_ALL: &str = "FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nCOPY ./ /srv/\n";

    #[test]
    fn a_missing_dockerignore_is_flagged_once() {
        let found = messages(COPY_ALL, &context(None, &[".git", "src"]));
        assert_eq!(
            found,
            ["`COPY .` copies the whole context and there is no `.dockerignore`: add one that excludes `.git`"]
        );
        let found = messages(COPY_ALL, &context(None, &["src"]));
        assert_eq!(found.len(), 1);
        assert!(found[0].ends_with("add one that excludes what the image does not need"));
    }

    #[test]
    fn entries_the_dockerignore_lets_through_are_named() {
        let cx = context(
            Some("node_modules\n"),
            &[".git", ".env", "node_modules", "src"],
        );
        assert_eq!(
            messages(COPY_ALL, &cx),
            ["`COPY .` copies the whole context, including `.git`, `.env`: exclude them in `.dockerignore`"]
        );
        let cx = context(Some(".*\n!.env.example\nnode_modules"), &[".git", ".env"]);
        assert!(messages(COPY_ALL, &cx).is_empty());
        let cx = context(Some("*\n!src\n"), &[".git", ".env", "node_modules", "src"]);
        assert!(messages(COPY_ALL, &cx).is_empty());
    }

    #[test]
    fn only_whole_context_copies_count() {
        let cx = context(None, &[".git"]);
        for src in [
            "FROM alpine\nCOPY src /app/src\n",
            "FROM alpine\nCOPY --from=build . /app\n",
            "FROM alpine\nONBUILD COPY . /app\n",
            "FROM alpine\nADD https://example.com/x.tgz /x\n",
        ] {
            assert!(messages(src, &cx).is_empty(), "{src}");
        }
        for src in [
            "FROM alpine\nADD . /app\n",
            "FROM alpine\nCOPY [\".\", \"/app\"]\n",
            "FROM alpine\nCOPY * /app/\n",
        ] {
            assert_eq!(messages(src, &cx).len(), 1, "{src}");
        }
    }

    #[test]
    fn unknown_context_is_quiet() {
        assert_clean("DD011", COPY_ALL);
    }

    #[test]
    fn the_finding_points_at_the_source() {
        let found = findings_in_context("DD011", COPY_ALL, &context(None, &[]));
        let span = found[0].span;
        assert_eq!(&COPY_ALL[span.start..span.end], ".");
        assert_eq!(drydock_syntax::LineIndex::new(COPY_ALL).line(span.start), 3);
    }
}
