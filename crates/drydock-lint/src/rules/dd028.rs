use drydock_syntax::dockerignore::{clean, Dockerignore};

use crate::sources::copy_sources;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD028",
    name: "copy-ignored-file",
    aliases: &["CopyIgnoredFile"],
    severity: Severity::Error,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a `COPY` or `ADD` source from the build context that `.dockerignore` excludes, with
everything below it.

Drydock reads `.dockerignore` next to the Dockerfile: without it (for example when linting
text alone) the rule stays quiet.

## Why is this bad?
Excluded files are never sent to the builder, so the copy fails with "not found", or, for a
wildcard, silently copies less than intended.

## Example
With a `.dockerignore` holding `config/`:
```dockerfile
FROM nginx:1.27-alpine
COPY config/nginx.conf /etc/nginx/nginx.conf
```

## Use instead
Re-include what the image needs (`!config/nginx.conf` after `config/`), or copy something
that is sent:
```dockerfile
FROM nginx:1.27-alpine
COPY nginx.conf /etc/nginx/nginx.conf
```

## Differences from hadolint
hadolint has no such rule. Unlike BuildKit, Drydock does not flag a source of which an
exception pattern (`!...`) brings something back, such as `COPY . .` with `*` and `!src`, and
it does not judge sources with wildcards or variables, whose files it cannot list.

## References
BuildKit check `CopyIgnoredFile`.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    let Some(text) = cx.build_context.and_then(|c| c.dockerignore.as_deref()) else {
        return;
    };
    let ignore = Dockerignore::parse(text);
    for source in copy_sources(cx).filter(|s| s.reads_context()) {
        let value = &source.word.value;
        if value.contains(['*', '?', '[', '$']) {
            continue;
        }
        let path = clean(value);
        if !ignore.excludes_subtree(&path) {
            continue;
        }
        let Some(pattern) = ignore.deciding_pattern(&path) else {
            continue;
        };
        out.add(
            source.word.span,
            format!(
                "`{value}` is excluded by `.dockerignore` (line {}: `{}`), so the {} will \
                 fail: remove the pattern or add `!{path}` after it",
                pattern.line,
                pattern.text,
                source.keyword.as_str()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;
    use crate::BuildContext;

    fn lines_with(ignore: &str, src: &str) -> Vec<u32> {
        let cx = BuildContext {
            dockerignore: Some(ignore.to_owned()),
            entries: Vec::new(),
        };
        let index = drydock_syntax::LineIndex::new(src);
        findings_in_context("DD028", src, &cx)
            .iter()
            .map(|f| index.line(f.span.start))
            .collect()
    }

    #[test]
    fn excluded_sources() {
        let src = "FROM alpine\nCOPY config/nginx.conf /etc/\nCOPY ./tmp/a /a\nADD docs /docs\nCOPY src /src\n";
        assert_eq!(lines_with("config/\ntmp\ndocs/**\n", src), [2, 3]);
        assert_eq!(lines_with("*\n!src\n", src), [2, 3, 4]);
    }

    #[test]
    fn exceptions_bring_files_back() {
        let src = "FROM alpine\nCOPY config /c\nCOPY config/app.conf /a\nCOPY . /all\n";
        assert!(lines_with("config\n!config/app.conf\n", src).is_empty());
        assert_eq!(lines_with("config\n!other\n", src), [2, 3]);
        assert!(lines_with("*\n!src\n", "FROM alpine\nCOPY . /app\n").is_empty());
    }

    #[test]
    fn sources_not_read_from_the_context() {
        let src = "FROM alpine\nCOPY --from=build /out /out\nCOPY <<EOF /x\nhi\nEOF\nADD https://example.com/out /o\nONBUILD COPY out /o\nCOPY *.json $DIR /j/\n";
        assert!(lines_with("*\n", src).is_empty());
    }

    #[test]
    fn message_names_the_pattern() {
        let cx = BuildContext {
            dockerignore: Some("# build output\n/dist\n".to_owned()),
            entries: Vec::new(),
        };
        let found = findings_in_context("DD028", "FROM alpine\nCOPY dist/app.js /app/\n", &cx);
        assert_eq!(
            found[0].message,
            "`dist/app.js` is excluded by `.dockerignore` (line 2: `dist`), so the COPY will \
             fail: remove the pattern or add `!dist/app.js` after it"
        );
    }

    #[test]
    fn no_dockerignore_no_findings() {
        let cx = BuildContext::default();
        assert!(findings_in_context("DD028", "FROM alpine\nCOPY a /a\n", &cx).is_empty());
        assert_clean("DD028", "FROM alpine\nCOPY a /a\n");
    }
}
