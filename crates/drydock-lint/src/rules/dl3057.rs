use drydock_syntax::Kind;

use crate::service::final_image_is_service;
use crate::stages::final_image;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3057",
    name: "healthcheck-missing",
    aliases: &[],
    severity: Severity::Info,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags the final stage of an image that looks like a service when neither it nor a stage it is
built on has a `HEALTHCHECK`. An image looks like a service when it EXPOSEs a port, when its
CMD or ENTRYPOINT starts a server (`nginx`, `gunicorn`, `node server.js`, `java -jar`,
`npm start`, a program run with `serve`, `server`, `run` or `start`, a `--port` or `--bind`
flag...), or when it keeps the default command of a server image such as `nginx` or
`postgres`. `HEALTHCHECK NONE` counts as a deliberate choice.

## Why is this bad?
Without a health check, Docker and orchestrators only know whether the process runs, not
whether it answers: a server stuck in a deadlock or a failed start-up stays "up" and keeps
receiving traffic.

## Example
```dockerfile
FROM node:22-alpine
COPY . /app
EXPOSE 3000
CMD ["node", "/app/server.js"]
```

## Use instead
```dockerfile
FROM node:22-alpine
COPY . /app
EXPOSE 3000
HEALTHCHECK --interval=30s CMD wget -qO- http://localhost:3000/health || exit 1
CMD ["node", "/app/server.js"]
```

## Differences from hadolint
hadolint 2.15.1 ships DL3057 turned off and, when turned on, reports every stage without a
HEALTHCHECK, build stages and command-line tools included. Drydock turns it on, at `info`
severity, for the one place it matters: the final image, when that image is a service. The
finding is left out of the hadolint agreement comparison, since hadolint does not report it
by default.

## References
hadolint DL3057; Dockerfile reference, HEALTHCHECK.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    let df = cx.dockerfile;
    let Some(stage) = df.final_stage() else {
        return;
    };
    let has_healthcheck = final_image(df)
        .iter()
        .any(|(_, i)| matches!(i.kind, Kind::Healthcheck(_)));
    if !has_healthcheck && final_image_is_service(df) {
        out.add(
            df.instructions[stage.from].span,
            "`HEALTHCHECK` instruction missing.",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_services_without_healthcheck() {
        assert_lines("DL3057", "FROM alpine\nEXPOSE 80\n", &[1]);
        assert_lines("DL3057", "FROM python:3.12\nCMD gunicorn -b :8000 app:app\n", &[1]);
        assert_lines(
            "DL3057",
            "FROM eclipse-temurin:21\nENTRYPOINT [\"java\"]\nCMD [\"-jar\", \"app.jar\"]\n",
            &[1],
        );
        assert_lines("DL3057", "FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n", &[1]);
        assert_lines(
            "DL3057",
            "FROM alpine\nCMD [\"sh\", \"-c\", \"exec /app/bin serve --port 80\"]\n",
            &[1],
        );
    }

    #[test]
    fn only_the_final_stage_is_checked() {
        let src = "FROM node:22 AS build\nEXPOSE 3000\nRUN npm ci\nFROM alpine\nCMD [\"/tool\"]\n";
        assert_clean("DL3057", src);
        let src = "FROM golang AS build\nRUN go build\nFROM alpine\nEXPOSE 8080\nCMD [\"/app\"]\n";
        assert_lines("DL3057", src, &[3]);
    }

    #[test]
    fn healthcheck_may_come_from_a_parent_stage_or_be_none() {
        let src = "FROM alpine AS base\nHEALTHCHECK CMD true\nFROM base\nEXPOSE 80\n";
        assert_clean("DL3057", src);
        assert_clean("DL3057", "FROM nginx\nHEALTHCHECK NONE\n");
    }

    #[test]
    fn tools_and_jobs_are_not_services() {
        assert_clean("DL3057", "FROM alpine\nRUN apk add git\nENTRYPOINT [\"git\"]\n");
        assert_clean("DL3057", "FROM python:3.12\nCMD [\"python\", \"migrate.py\"]\n");
        assert_clean("DL3057", "FROM alpine\n");
        // An explicit command replaces the server image's default one.
        assert_clean("DL3057", "FROM nginx\nENTRYPOINT [\"/usr/local/bin/report\"]\n");
    }
}
