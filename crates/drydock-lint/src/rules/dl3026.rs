use drydock_syntax::{Base, Kind};

use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3026",
    name: "untrusted-registry",
    aliases: &[],
    severity: Severity::Error,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a `FROM` image from a registry that is not in the configured list of trusted registries.
Without a list (the default) every registry is allowed and the rule reports nothing.

## Why is this bad?
Base images run with full control over the build and the resulting image. An organisation that
mirrors and scans its base images wants every Dockerfile to pull from those mirrors, not from
whatever registry a copied snippet points to.

## Example
```dockerfile
FROM quay.io/prometheus/busybox:glibc
```

## Use instead
```dockerfile
FROM registry.example.com/mirror/busybox:1.36
```

## Options
`trustedRegistries` in `.hadolint.yaml`: a list of registry hosts (`registry.example.com`,
`localhost:5000`), with `*.` wildcards for subdomains (`*.gcr.io`). `docker.io` or
`hub.docker.com` allows images without a registry (Docker Hub). Stage names and `scratch` are
always allowed. The examples above run with:

```yaml
trustedRegistries:
  - registry.example.com
```

## Differences from hadolint
`index.docker.io` and `registry-1.docker.io` are treated as the Docker Hub names they are.

## References
hadolint DL3026.
"#,
    check,
};

const DOCKER_HUB: &[&str] = &[
    "docker.io",
    "hub.docker.com",
    "index.docker.io",
    "registry-1.docker.io",
];

fn check(cx: &Context, out: &mut Report) {
    let trusted: Vec<&str> = cx.config.trusted_registries.iter().map(String::as_str).collect();
    if trusted.is_empty() {
        return;
    }
    for stage in &cx.dockerfile.stages {
        let Base::Image(image) = &stage.base else {
            continue;
        };
        if is_trusted(image.registry.as_deref(), &trusted) {
            continue;
        }
        if let Kind::From(from) = &cx.dockerfile.instructions[stage.from].kind {
            out.add(from.image.span, "Use only an allowed registry in the FROM image");
        }
    }
}

fn is_trusted(registry: Option<&str>, trusted: &[&str]) -> bool {
    let registry = registry.unwrap_or("docker.io");
    if DOCKER_HUB.contains(&registry) {
        return trusted.iter().any(|t| DOCKER_HUB.contains(t));
    }
    trusted.iter().any(|t| match t.strip_prefix("*.") {
        Some(domain) => registry
            .strip_suffix(domain)
            .is_some_and(|sub| sub.len() > 1 && sub.ends_with('.')),
        None => *t == registry,
    })
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;
    use crate::Config;

    fn lines_with(trusted: &[&str], src: &str) -> Vec<u32> {
        let config = Config {
            trusted_registries: trusted.iter().map(|s| s.to_string()).collect(),
            ..Config::default()
        };
        let index = drydock_syntax::LineIndex::new(src);
        findings_with("DL3026", src, &config)
            .iter()
            .map(|f| index.line(f.span.start))
            .collect()
    }

    #[test]
    fn without_a_list_everything_is_trusted() {
        assert_clean("DL3026", "FROM quay.io/a/b:1
FROM debian:12
");
    }

    #[test]
    fn flags_registries_outside_the_list() {
        let src = "FROM quay.io/a:1
FROM debian:12
FROM registry.example.com/b:1
\
                   FROM localhost:5000/c:1
";
        assert_eq!(lines_with(&["registry.example.com"], src), [1, 2, 4]);
        assert_eq!(lines_with(&["docker.io", "localhost:5000"], src), [1, 3]);
    }

    #[test]
    fn wildcards_match_subdomains_only() {
        let src = "FROM eu.gcr.io/a:1
FROM gcr.io/a:1
FROM evilgcr.io/a:1
";
        assert_eq!(lines_with(&["*.gcr.io"], src), [2, 3]);
    }

    #[test]
    fn docker_hub_has_several_names() {
        let src = "FROM debian:12
FROM docker.io/library/debian:12
FROM index.docker.io/x:1
";
        assert!(lines_with(&["hub.docker.com"], src).is_empty());
    }

    #[test]
    fn stages_and_scratch_are_always_allowed() {
        let src = "FROM registry.example.com/a:1 AS base
FROM base
FROM scratch
";
        assert!(lines_with(&["registry.example.com"], src).is_empty());
    }
}
