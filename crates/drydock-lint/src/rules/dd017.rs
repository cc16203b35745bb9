use drydock_syntax::expand::expand;
use drydock_syntax::{Base, Instruction, Kind, Scope, Span, Stage, Word, PREDEFINED_ARGS};

use crate::stages::lineage;
use crate::suggest::closest;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD017",
    name: "undefined-variable",
    aliases: &["UndefinedVar"],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a `$VAR` in an instruction Docker expands itself (`ENV`, `ARG` defaults, `LABEL`,
`COPY`/`ADD` and their `--chown`, `--chmod`, `--from`, `WORKDIR`, `USER`, `EXPOSE`,
`VOLUME`, `STOPSIGNAL`) when no `ARG` or `ENV` before it in the stage defines it, and suggests
a defined name it may be a typo of. `RUN`, `CMD` and `ENTRYPOINT` are left to the shell.
`FROM` lines are checked by DD026.

## Why is this bad?
An undefined variable expands to nothing, silently: `COPY $SRC /app` copies the whole context,
`WORKDIR /opt/$APP` works in `/opt/`, and `ENV PATH=$PAHT:/app/bin` drops the system `PATH`.

## Example
```dockerfile
FROM alpine:3.20
ENV PATH=$PAHT:/app/bin
COPY $CONFIG /etc/app/
```

## Use instead
```dockerfile
FROM alpine:3.20
ARG CONFIG=app.toml
ENV PATH=$PATH:/app/bin
COPY $CONFIG /etc/app/
```

## Differences from hadolint
hadolint has no such rule.

BuildKit knows the environment of the base image; Drydock does not pull images, so it takes
`PATH`, `HOME` and the other names that base images commonly set (`JAVA_HOME`,
`PYTHON_VERSION`, `GOPATH`, ...), and names starting with the image's name (`NODE_` for
`node`), as defined in a stage built on an image, and any name as defined when the image is
given by a variable. A `${VAR:-default}` has a value and is not flagged, nor is an `ARG`
whose default names itself (`ARG V=$V`, the same as `ARG V`). Proxy and BuildKit settings ARGs count as defined; the platform ARGs
(`TARGETARCH`, ...) only once the stage declares them with `ARG`, as BuildKit requires.

## References
BuildKit check `UndefinedVar`.
"#,
    check,
};

/// ARGs BuildKit sets in the global scope only: a stage sees them once it declares them.
const PLATFORM_ARGS: &[&str] = &[
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
];

/// Variables base images commonly set in their config.
const IMAGE_ENV: &[&str] = &[
    "PATH",
    "HOME",
    "HOSTNAME",
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "TERM",
    "LD_LIBRARY_PATH",
    "CUDA_VERSION",
    "JAVA_HOME",
    "JAVA_VERSION",
    "JDK_VERSION",
    "JRE_VERSION",
    "GPG_KEY",
    "GOPATH",
    "GOTOOLCHAIN",
    "RUSTUP_HOME",
    "CARGO_HOME",
    "GEM_HOME",
    "BUNDLE_APP_CONFIG",
    "BUNDLE_SILENCE_ROOT_WARNING",
    "PHPIZE_DEPS",
    "MAVEN_HOME",
    "MAVEN_CONFIG",
    "CATALINA_HOME",
    "PGDATA",
    "PG_MAJOR",
    "PG_VERSION",
    "APP_UID",
    "DOTNET_VERSION",
    "ASPNET_VERSION",
    "PKG_RELEASE",
];

fn check(cx: &Context, out: &mut Report) {
    let df = cx.dockerfile;
    df.visit_scopes(|index, scope| {
        let instruction = &df.instructions[index];
        if instruction.keyword == drydock_syntax::Keyword::From {
            return;
        }
        let stage = df.stage_of(index);
        for word in expanded_words(instruction) {
            let raw = cx.text(word.span);
            if !raw.contains('$') {
                continue;
            }
            let expansion = expand(raw, df.escape, &|n| scope.lookup(n));
            for name in expansion
                .undefined
                .iter()
                .filter(|n| !declares(instruction, n))
            {
                if let Some(message) = undefined(cx, scope, stage, name) {
                    let span = reference_span(raw, name).map_or(word.span, |(s, e)| {
                        Span::new(word.span.start + s, word.span.start + e)
                    });
                    out.add(span, message);
                }
            }
        }
    });
}

/// Whether `instruction` is an ARG declaring `name`, whose default may name itself.
fn declares(instruction: &Instruction, name: &str) -> bool {
    matches!(&instruction.kind, Kind::Arg(decls) if decls.iter().any(|d| d.name.value == name))
}

/// Why `name` is undefined at a point with `scope` in `stage`, or `None` when it is defined.
fn undefined(cx: &Context, scope: &Scope, stage: Option<&Stage>, name: &str) -> Option<String> {
    if PLATFORM_ARGS.contains(&name) {
        if stage.is_none() || scope.get(name).is_some() {
            return None;
        }
        return Some(format!(
            "`${name}` is only set in a stage that declares it: add `ARG {name}` before this line"
        ));
    }
    if scope.is_defined(name) || stage.is_some_and(|s| image_may_define(cx, s, name)) {
        return None;
    }
    let known = scope
        .variables()
        .iter()
        .map(|v| v.name.as_str())
        .chain(IMAGE_ENV.iter().copied())
        .chain(PREDEFINED_ARGS.iter().copied());
    let hint = closest(name, known)
        .map(|c| format!(" (did you mean `${c}`?)"))
        .unwrap_or_default();
    Some(format!(
        "`${name}` is not defined here{hint}: declare it with `ARG` or `ENV` before this line"
    ))
}

/// Whether the image a stage is built on may set `name` in its environment.
fn image_may_define(cx: &Context, stage: &Stage, name: &str) -> bool {
    let root = lineage(cx.dockerfile, stage)
        .last()
        .copied()
        .unwrap_or(stage);
    let Base::Image(image) = &root.base else {
        // BuildKit gives every stage a default PATH.
        return name == "PATH";
    };
    // An image whose name (not just its tag) is a variable could set anything.
    let by_variable = matches!(
        &cx.dockerfile.instructions[root.from].kind,
        Kind::From(from) if image_name(&from.image.value).contains('$')
    );
    if IMAGE_ENV.contains(&name) || by_variable {
        return true;
    }
    let short = image.repository.rsplit('/').next().unwrap_or("");
    let prefix = format!("{}_", short.to_ascii_uppercase().replace(['-', '.'], "_"));
    name.starts_with(&prefix)
}

/// An image reference without its tag and digest.
fn image_name(reference: &str) -> &str {
    let name = reference.split('@').next().unwrap_or(reference);
    let last_slash = name.rfind('/').map_or(0, |i| i + 1);
    match name[last_slash..].find(':') {
        Some(colon) => &name[..last_slash + colon],
        None => name,
    }
}

/// The words of an instruction that BuildKit expands.
fn expanded_words(instruction: &Instruction) -> Vec<&Word> {
    match &instruction.kind {
        Kind::Env(pairs) | Kind::Label(pairs) => {
            pairs.iter().flat_map(|p| [&p.key, &p.value]).collect()
        }
        Kind::Arg(decls) => decls.iter().filter_map(|d| d.default.as_ref()).collect(),
        Kind::Copy(copy) | Kind::Add(copy) => copy
            .sources
            .iter()
            .filter(|s| !s.value.starts_with("<<"))
            .chain(&copy.dest)
            .chain(&copy.chown)
            .chain(&copy.chmod)
            .chain(&copy.from)
            .collect(),
        Kind::Expose(words) | Kind::Volume(words) => words.iter().collect(),
        Kind::Workdir(word) | Kind::Stopsignal(word) => vec![word],
        Kind::User(user) => std::iter::once(&user.user).chain(&user.group).collect(),
        _ => Vec::new(),
    }
}

/// Where `$name` or `${name...}` first appears in `raw`.
fn reference_span(raw: &str, name: &str) -> Option<(usize, usize)> {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    raw.match_indices('$').find_map(|(at, _)| {
        let rest = &raw[at + 1..];
        if let Some(braced) = rest.strip_prefix('{') {
            let tail = braced.strip_prefix(name)?;
            let end = tail
                .find('}')
                .map_or(raw.len(), |close| at + 2 + name.len() + close + 1);
            (!tail.starts_with(ident)).then_some((at, end))
        } else {
            let tail = rest.strip_prefix(name)?;
            (!tail.starts_with(ident)).then_some((at, at + 1 + name.len()))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::reference_span;
    use crate::test_support::*;

    fn messages(src: &str) -> Vec<String> {
        findings("DD017", src)
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn undefined_in_expanded_instructions() {
        assert_lines(
            "DD017",
            "FROM alpine\nCOPY $SRC /app/\nWORKDIR /opt/${APP}\nENV A=$B\nLABEL x=$Y\nUSER $U\nEXPOSE $P\n",
            &[2, 3, 4, 5, 6, 7],
        );
        assert_lines("DD017", "FROM alpine\nARG VERSION=$foo\n", &[2]);
        assert_clean("DD017", "FROM alpine\nARG VERSION=${VERSION}\n");
        assert_lines("DD017", "FROM alpine\nCOPY --chown=$OWNER a b\n", &[2]);
    }

    #[test]
    fn defined_by_arg_env_or_default() {
        assert_clean(
            "DD017",
            "FROM alpine\nARG SRC\nENV APP=x\nCOPY $SRC /app/\nWORKDIR /opt/$APP\nCOPY ${OTHER:-a} b\n",
        );
        assert_clean("DD017", "ARG V=1\nFROM alpine\nARG V\nLABEL v=$V\n");
        assert_clean(
            "DD017",
            "FROM alpine AS base\nENV APP=/app\nFROM base\nWORKDIR $APP\n",
        );
        assert_clean("DD017", "FROM alpine\nRUN echo $UNDEFINED\nCMD echo $X\n");
        assert_clean("DD017", "FROM alpine\nENV http_proxy=$HTTP_PROXY\n");
    }

    #[test]
    fn global_args_need_redeclaring_in_a_stage() {
        assert_lines("DD017", "ARG V=1\nFROM alpine\nLABEL v=$V\n", &[3]);
    }

    #[test]
    fn platform_args_need_a_declaration_in_the_stage() {
        assert_eq!(
            messages("FROM alpine\nCOPY bin/$TARGETARCH/app /app\n"),
            ["`$TARGETARCH` is only set in a stage that declares it: add `ARG TARGETARCH` before this line"]
        );
        assert_clean(
            "DD017",
            "FROM alpine\nARG TARGETARCH\nCOPY bin/$TARGETARCH/app /app\n",
        );
    }

    #[test]
    fn base_image_environment_is_assumed() {
        assert_clean(
            "DD017",
            "FROM python:3.12\nENV PATH=$PATH:/x PYTHONPATH=$PYTHON_VERSION\nWORKDIR $HOME\n",
        );
        assert_clean("DD017", "FROM node:20\nLABEL v=$NODE_VERSION\n");
        assert_lines(
            "DD017",
            "FROM scratch\nLABEL v=$NODE_VERSION h=$PATH\n",
            &[2],
        );
        assert_lines("DD017", "FROM alpine\nLABEL v=$NODE_VERSION\n", &[2]);
        assert_clean("DD017", "ARG BASE=x\nFROM $BASE\nUSER $NB_UID\n");
        assert_lines("DD017", "ARG V=1\nFROM acme/app:${V}\nUSER $NB_UID\n", &[3]);
    }

    #[test]
    fn suggests_a_close_name() {
        assert_eq!(
            messages("FROM alpine\nENV PATH=$PAHT:/app/bin\n"),
            ["`$PAHT` is not defined here (did you mean `$PATH`?): declare it with `ARG` or `ENV` before this line"]
        );
        assert_eq!(
            messages("FROM alpine\nARG VERSION=1\nLABEL v=$VERSON\n"),
            ["`$VERSON` is not defined here (did you mean `$VERSION`?): declare it with `ARG` or `ENV` before this line"]
        );
    }

    #[test]
    fn the_span_is_the_reference() {
        let src = "FROM alpine\nCOPY a/${SRC}/b $DEST /x/\n";
        let found = findings("DD017", src);
        let texts: Vec<_> = found
            .iter()
            .map(|f| &src[f.span.start..f.span.end])
            .collect();
        assert_eq!(texts, ["${SRC}", "$DEST"]);
        assert_eq!(reference_span("${A:-x}", "A"), Some((0, 7)));
        assert_eq!(reference_span("$AB $A", "A"), Some((4, 6)));
    }
}
