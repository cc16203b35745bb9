//! The parser through the public API: every feature, with positions.

use drydock_syntax::{
    parse, Base, CommandForm, Dockerfile, Healthcheck, Instruction, Keyword, Kind, LineCol,
    LineIndex, MountType, Span,
};

fn text(src: &str, span: Span) -> &str {
    &src[span.start..span.end]
}

fn line_col(src: &str, offset: usize) -> (u32, u32) {
    let LineCol { line, column } = LineIndex::new(src).line_col(src, offset);
    (line, column)
}

fn messages(df: &Dockerfile) -> Vec<&str> {
    df.errors.iter().map(|e| e.message.as_str()).collect()
}

/// The single error's message and 1-based line.
fn one_error(src: &str) -> (String, u32) {
    let df = parse(src);
    assert_eq!(df.errors.len(), 1, "{:#?}", df.errors);
    let e = &df.errors[0];
    (e.message.clone(), line_col(src, e.span.start).0)
}

fn keywords(df: &Dockerfile) -> Vec<Keyword> {
    df.instructions.iter().map(|i| i.keyword).collect()
}

fn clean(src: &str) -> Dockerfile {
    let df = parse(src);
    assert!(df.errors.is_empty(), "{:#?}", df.errors);
    df
}

#[test]
fn directives_bom_and_crlf() {
    let src = "\u{feff}# syntax=docker/dockerfile:1\r\n# escape=`\r\n# check=skip=DL3007\r\n\r\nFROM alpine\r\nRUN echo a `\r\n  b\r\n";
    let df = clean(src);
    assert_eq!(df.escape, '`');
    assert_eq!(df.directive("syntax").unwrap().value, "docker/dockerfile:1");
    assert_eq!(df.directive("check").unwrap().value, "skip=DL3007");
    assert_eq!(text(src, df.directives[1].span), "# escape=`");
    assert_eq!(df.instructions.len(), 2);
    assert_eq!(df.instructions[1].args.text, "echo a   b");
    assert_eq!(line_col(src, df.instructions[1].span.end), (7, 4));
    assert!(df.comments.is_empty());
}

#[test]
fn directives_after_a_comment_are_comments() {
    let df = clean("# hello\n# escape=`\nFROM a\n");
    assert!(df.directives.is_empty());
    assert_eq!(df.escape, '\\');
    let texts: Vec<_> = df.comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["hello", "escape=`"]);
}

#[test]
fn backtick_escape_keeps_windows_paths() {
    let src = "# escape=`\nFROM mcr.microsoft.com/windows/servercore\nCOPY C:\\src\\app `\n  C:\\app\\\nWORKDIR C:\\app\n";
    let df = clean(src);
    let Kind::Copy(copy) = &df.instructions[1].kind else {
        panic!()
    };
    assert_eq!(copy.sources[0].value, "C:\\src\\app");
    assert_eq!(copy.dest.as_ref().unwrap().value, "C:\\app\\");
    assert_eq!(
        line_col(src, copy.dest.as_ref().unwrap().span.start),
        (4, 3)
    );
    let Kind::Workdir(w) = &df.instructions[2].kind else {
        panic!()
    };
    assert_eq!(w.value, "C:\\app");
}

#[test]
fn continuations_with_comments_and_blank_lines_map_words_back() {
    let src = "FROM a\nRUN apt-get update \\\n    # install\n\n    && apt-get install -y curl\n";
    let df = clean(src);
    let run = &df.instructions[1];
    assert_eq!(
        run.args.text,
        "apt-get update     && apt-get install -y curl"
    );
    let at = run.args.text.find("curl").unwrap();
    assert_eq!(line_col(src, run.args.span(at, at + 4).start), (5, 27));
    assert_eq!(df.comments[0].text, "install");
    assert_eq!(line_col(src, df.comments[0].span.start), (3, 5));
    assert_eq!(line_col(src, run.span.end), (5, 31));
}

#[test]
fn every_comment_line_is_kept_for_pragmas() {
    let src = "# hadolint global ignore=DL3006\nFROM a\n# hadolint ignore=DL3008\nRUN x \\\n  # inside\n  y\n";
    let df = clean(src);
    let texts: Vec<_> = df.comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "hadolint global ignore=DL3006",
            "hadolint ignore=DL3008",
            "inside"
        ]
    );
    assert_eq!(text(src, df.comments[1].span), "# hadolint ignore=DL3008");
}

#[test]
fn heredocs() {
    let src = "FROM a\nRUN <<EOF\napt-get update\nEOF\nCOPY <<-\"END\" /etc/conf\n\tkey=value\n\tEND\nRUN cat <<'A' > /x && python3 <<B\n$A\nA\nprint(1)\nB\n";
    let df = clean(src);
    let run = &df.instructions[1];
    assert_eq!(run.heredocs[0].body, "apt-get update\n");
    assert!(!run.heredocs[0].quoted && !run.heredocs[0].strip_tabs);
    assert_eq!(text(src, run.heredocs[0].marker_span), "<<EOF");
    assert_eq!(line_col(src, run.span.end), (4, 4));
    let Kind::Run(r) = &run.kind else { panic!() };
    assert_eq!(r.heredoc_scripts.len(), 1);
    let script = &r.heredoc_scripts[0];
    assert_eq!(script.text, "apt-get update\n");
    assert_eq!(line_col(src, script.span(8, 14).start), (3, 9));

    let copy = &df.instructions[2];
    assert_eq!(copy.heredocs[0].body, "key=value\n");
    assert!(copy.heredocs[0].quoted && copy.heredocs[0].strip_tabs);
    let Kind::Copy(c) = &copy.kind else { panic!() };
    assert_eq!(c.sources[0].value, "<<-END");
    assert_eq!(c.dest.as_ref().unwrap().value, "/etc/conf");

    let two = &df.instructions[3];
    assert_eq!(two.heredocs.len(), 2);
    assert_eq!(two.heredocs[0].body, "$A\n");
    assert_eq!(two.heredocs[1].body, "print(1)\n");
    let Kind::Run(r) = &two.kind else { panic!() };
    // Neither `cat` nor `python3` runs its heredoc as a shell script.
    assert!(r.heredoc_scripts.is_empty());
}

#[test]
fn heredoc_scripts_follow_the_interpreter() {
    let scripts = |src: &str| {
        let df = clean(src);
        let Kind::Run(r) = &df.instructions[1].kind else {
            panic!()
        };
        r.heredoc_scripts
            .iter()
            .map(|s| s.text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(scripts("FROM a\nRUN bash -ex <<EOF\nls\nEOF\n"), ["ls\n"]);
    assert_eq!(scripts("FROM a\nRUN /bin/sh <<EOF\nls\nEOF\n"), ["ls\n"]);
    assert_eq!(
        scripts("FROM a\nRUN <<EOF\n#!/usr/bin/env bash\nls\nEOF\n").len(),
        1
    );
    assert!(scripts("FROM a\nRUN <<EOF\n#!/usr/bin/env python3\nprint()\nEOF\n").is_empty());
    assert!(scripts("FROM a\nRUN sh -c 'cat' <<EOF\nls\nEOF\n").is_empty());
    // Tab-stripped body lines map to their own source columns.
    let src = "FROM a\nRUN <<-EOF\n\t\techo hi\n\tEOF\n";
    let df = clean(src);
    let Kind::Run(r) = &df.instructions[1].kind else {
        panic!()
    };
    assert_eq!(r.heredoc_scripts[0].text, "echo hi\n");
    assert_eq!(line_col(src, r.heredoc_scripts[0].span(5, 7).start), (3, 8));
}

#[test]
fn heredocs_only_where_buildkit_reads_them() {
    let df = clean("FROM a\nCMD cat <<EOF\nRUN [\"cat\", \"<<EOF\"]\nENV A=<<EOF\n");
    assert_eq!(df.instructions.len(), 4);
    assert!(df.instructions.iter().all(|i| i.heredocs.is_empty()));
}

#[test]
fn unterminated_heredoc() {
    let src = "FROM a\nRUN <<EOF\necho\nEOF \n";
    let (message, line) = one_error(src);
    assert!(message.starts_with("unterminated heredoc"), "{message}");
    assert_eq!(line, 2);
    let df = parse(src);
    assert_eq!(df.instructions[1].heredocs[0].body, "echo\nEOF \n");
    assert!(!df.instructions[1].heredocs[0].terminated);
}

#[test]
fn exec_and_shell_forms() {
    let src = "FROM a\nCMD [\"echo\", \"hi there\"]\nENTRYPOINT ['sh']\nCMD [\"a\" \nRUN [\"a\", 1]\nSHELL [\"bash\", \"-c\"]\n";
    let df = parse(src);
    let Kind::Cmd(CommandForm::Exec(words)) = &df.instructions[1].kind else {
        panic!()
    };
    assert_eq!(words[1].value, "hi there");
    assert_eq!(text(src, words[1].span), "\"hi there\"");
    let Kind::Entrypoint(CommandForm::Shell(s)) = &df.instructions[2].kind else {
        panic!()
    };
    assert_eq!(s.text, "['sh']");
    assert!(matches!(
        &df.instructions[3].kind,
        Kind::Cmd(CommandForm::Shell(_))
    ));
    assert_eq!(df.instructions[4].kind, Kind::Unknown);
    let Kind::Shell(shell) = &df.instructions[5].kind else {
        panic!()
    };
    assert_eq!(shell.len(), 2);
    assert_eq!(
        messages(&df),
        ["when using JSON array syntax, arrays must be comprised of strings only"]
    );
    assert_eq!(line_col(src, df.errors[0].span.start), (5, 5));
}

#[test]
fn run_flags_and_mounts() {
    let src = "FROM a\nRUN --mount=type=cache,target=/root/.cache,id=pip,sharing=locked \\\n    --mount=type=secret,id=token,dst=/run/token --mount=from=build,source=/out,target=/in \\\n    --network=none --security=insecure pip install x\n";
    let df = clean(src);
    let Kind::Run(r) = &df.instructions[1].kind else {
        panic!()
    };
    assert_eq!(r.mounts.len(), 3);
    let cache = &r.mounts[0];
    assert_eq!(cache.kind, MountType::Cache);
    assert_eq!(cache.target.as_deref(), Some("/root/.cache"));
    assert_eq!(cache.id.as_deref(), Some("pip"));
    assert!(cache
        .options
        .contains(&("sharing".into(), Some("locked".into()))));
    assert_eq!(line_col(src, cache.span.start), (2, 13));
    assert_eq!(r.mounts[1].kind, MountType::Secret);
    assert_eq!(r.mounts[1].target.as_deref(), Some("/run/token"));
    assert_eq!(r.mounts[2].kind, MountType::Bind);
    assert_eq!(r.mounts[2].from.as_deref(), Some("build"));
    assert_eq!(r.mounts[2].source.as_deref(), Some("/out"));
    assert_eq!(r.network.as_ref().unwrap().value, "none");
    assert_eq!(r.security.as_ref().unwrap().value, "insecure");
    let CommandForm::Shell(s) = &r.command else {
        panic!()
    };
    assert_eq!(s.text, "pip install x");
    assert_eq!(line_col(src, s.span(0, 3).start), (4, 40));
    assert_eq!(df.instructions[1].flag("network").unwrap().name, "network");
}

#[test]
fn bad_flags() {
    let src = "FROM a\nCOPY --chwon=1 a b\nCOPY --from a b\nCOPY --link=maybe --from=x --from=y a b\nRUN --mount=type=nfs x\nRUN --network=bridge x\n";
    let df = parse(src);
    assert_eq!(
        messages(&df),
        [
            "unknown flag: chwon",
            "missing a value on flag: from",
            "expecting boolean value for flag link, not: maybe",
            "duplicate flag specified: from",
            "unsupported mount type \"nfs\": use bind, cache, tmpfs, secret or ssh",
            "unsupported network mode \"bridge\": use default, none, host",
        ]
    );
    let lines: Vec<_> = df
        .errors
        .iter()
        .map(|e| line_col(src, e.span.start))
        .collect();
    assert_eq!(lines, [(2, 6), (3, 6), (4, 13), (4, 28), (5, 13), (6, 15)]);
    assert_eq!(df.instructions.len(), 6);
}

#[test]
fn copy_and_add() {
    let src = "FROM a AS build\nFROM b\nCOPY --from=build --chown=1:2 --chmod=644 --link --parents --exclude=*.md --exclude=x ./a ./b /dst/\nCOPY [\"a b\", \"/c d/\"]\nADD --checksum=sha256:abc --keep-git-dir=true --unpack=false https://x/y.tgz /\nCOPY onlyone\n";
    let df = parse(src);
    let Kind::Copy(c) = &df.instructions[2].kind else {
        panic!()
    };
    assert_eq!(c.from.as_ref().unwrap().value, "build");
    assert_eq!(text(src, c.from.as_ref().unwrap().span), "build");
    assert_eq!(c.chown.as_ref().unwrap().value, "1:2");
    assert_eq!(c.chmod.as_ref().unwrap().value, "644");
    assert!(c.link && c.parents && !c.json);
    let excludes: Vec<_> = c.exclude.iter().map(|w| w.value.as_str()).collect();
    assert_eq!(excludes, ["*.md", "x"]);
    let sources: Vec<_> = c.sources.iter().map(|w| w.value.as_str()).collect();
    assert_eq!(sources, ["./a", "./b"]);
    assert_eq!(c.dest.as_ref().unwrap().value, "/dst/");
    let Kind::Copy(c) = &df.instructions[3].kind else {
        panic!()
    };
    assert!(c.json);
    assert_eq!(c.sources[0].value, "a b");
    assert_eq!(c.dest.as_ref().unwrap().value, "/c d/");
    let Kind::Add(a) = &df.instructions[4].kind else {
        panic!()
    };
    assert_eq!(a.checksum.as_ref().unwrap().value, "sha256:abc");
    assert!(a.keep_git_dir);
    assert_eq!(a.unpack, Some(false));
    let Kind::Copy(c) = &df.instructions[5].kind else {
        panic!()
    };
    assert!(c.dest.is_none());
    assert_eq!(messages(&df).len(), 1);
    assert!(messages(&df)[0].starts_with("COPY requires at least two arguments"));
    assert_eq!(df.stages[1].copies_from, [0]);
}

#[test]
fn env_and_label_forms() {
    let src = "FROM a\nENV A=1 B=\"two words\" C=three\\ words D=\nENV LEGACY some value \"quoted\"\nLABEL org.opencontainers.image.title='My App' \\\n      version=\"1.0\"\nLABEL maintainer Jane Doe <jane@example.com>\n";
    let df = clean(src);
    let Kind::Env(env) = &df.instructions[1].kind else {
        panic!()
    };
    let pairs: Vec<_> = env
        .iter()
        .map(|p| (p.key.value.as_str(), p.value.value.as_str(), p.legacy))
        .collect();
    assert_eq!(
        pairs,
        [
            ("A", "1", false),
            ("B", "two words", false),
            ("C", "three words", false),
            ("D", "", false)
        ]
    );
    assert_eq!(text(src, env[1].value.span), "\"two words\"");
    assert_eq!(text(src, env[1].span), "B=\"two words\"");
    let Kind::Env(env) = &df.instructions[2].kind else {
        panic!()
    };
    assert_eq!(env[0].key.value, "LEGACY");
    assert_eq!(env[0].value.value, "some value quoted");
    assert!(env[0].legacy);
    let Kind::Label(labels) = &df.instructions[3].kind else {
        panic!()
    };
    assert_eq!(labels[0].value.value, "My App");
    assert_eq!(labels[1].key.value, "version");
    assert_eq!(line_col(src, labels[1].key.span.start), (5, 7));
    let Kind::Label(labels) = &df.instructions[4].kind else {
        panic!()
    };
    assert_eq!(labels[0].value.value, "Jane Doe <jane@example.com>");
}

#[test]
fn arg_with_several_names() {
    let src = "ARG A B=2 C=\"x y\"\nFROM a\n";
    let df = clean(src);
    let Kind::Arg(args) = &df.instructions[0].kind else {
        panic!()
    };
    let decls: Vec<_> = args
        .iter()
        .map(|a| {
            (
                a.name.value.as_str(),
                a.default.as_ref().map(|d| d.value.as_str()),
            )
        })
        .collect();
    assert_eq!(decls, [("A", None), ("B", Some("2")), ("C", Some("x y"))]);
    assert_eq!(text(src, args[2].span), "C=\"x y\"");
    assert_eq!(df.global_args, [0]);
}

#[test]
fn simple_instructions() {
    let src = "FROM a\nEXPOSE 80/tcp 443\nUSER app:staff\nUSER 1000\nWORKDIR /srv/app\nVOLUME [\"/data\", \"/logs\"]\nVOLUME /a /b\nSTOPSIGNAL SIGTERM\nMAINTAINER Jane <j@x>\nONBUILD RUN make\n";
    let df = clean(src);
    let Kind::Expose(ports) = &df.instructions[1].kind else {
        panic!()
    };
    assert_eq!(
        ports.iter().map(|p| p.value.as_str()).collect::<Vec<_>>(),
        ["80/tcp", "443"]
    );
    let Kind::User(u) = &df.instructions[2].kind else {
        panic!()
    };
    assert_eq!(
        (
            u.user.value.as_str(),
            u.group.as_ref().unwrap().value.as_str()
        ),
        ("app", "staff")
    );
    assert_eq!(text(src, u.group.as_ref().unwrap().span), "staff");
    let Kind::User(u) = &df.instructions[3].kind else {
        panic!()
    };
    assert!(u.group.is_none());
    assert!(matches!(&df.instructions[4].kind, Kind::Workdir(w) if w.value == "/srv/app"));
    let Kind::Volume(v) = &df.instructions[5].kind else {
        panic!()
    };
    assert_eq!(v[1].value, "/logs");
    let Kind::Volume(v) = &df.instructions[6].kind else {
        panic!()
    };
    assert_eq!(v.len(), 2);
    assert!(matches!(&df.instructions[7].kind, Kind::Stopsignal(w) if w.value == "SIGTERM"));
    assert!(matches!(&df.instructions[8].kind, Kind::Maintainer(w) if w.value == "Jane <j@x>"));
    let Kind::Onbuild(inner) = &df.instructions[9].kind else {
        panic!()
    };
    assert_eq!(inner.keyword, Keyword::Run);
    assert_eq!(text(src, inner.keyword_word.span), "RUN");
    assert_eq!(inner.stage, Some(0));
    assert_eq!(df.instructions[9].scripts().len(), 1);
}

#[test]
fn healthcheck() {
    let src = "FROM a\nHEALTHCHECK --interval=1m30s --timeout=500ms --start-period=0s --start-interval=2s --retries=3 CMD curl -f http://localhost/\nHEALTHCHECK NONE\nHEALTHCHECK CMD [\"/bin/check\"]\n";
    let df = clean(src);
    let Kind::Healthcheck(Healthcheck::Cmd {
        interval,
        timeout,
        start_period,
        start_interval,
        retries,
        command,
    }) = &df.instructions[1].kind
    else {
        panic!()
    };
    assert_eq!(interval.as_ref().unwrap().millis, 90_000);
    assert_eq!(text(src, interval.as_ref().unwrap().word.span), "1m30s");
    assert_eq!(timeout.as_ref().unwrap().millis, 500);
    assert_eq!(start_period.as_ref().unwrap().millis, 0);
    assert_eq!(start_interval.as_ref().unwrap().millis, 2_000);
    assert_eq!(*retries, Some(3));
    let CommandForm::Shell(s) = command else {
        panic!()
    };
    assert_eq!(s.text, "curl -f http://localhost/");
    assert_eq!(df.instructions[1].scripts().len(), 1);
    assert_eq!(
        df.instructions[2].kind,
        Kind::Healthcheck(Healthcheck::None)
    );
    assert!(matches!(
        &df.instructions[3].kind,
        Kind::Healthcheck(Healthcheck::Cmd {
            command: CommandForm::Exec(_),
            ..
        })
    ));
}

#[test]
fn healthcheck_errors() {
    let src = "FROM a\nHEALTHCHECK\nHEALTHCHECK --interval=10 CMD x\nHEALTHCHECK --timeout=10us CMD x\nHEALTHCHECK --retries=-1 CMD x\nHEALTHCHECK --interval=1s NONE\nHEALTHCHECK NONE x\nHEALTHCHECK CMD\nHEALTHCHECK CONNECT x\n";
    let df = parse(src);
    let lines: Vec<_> = df
        .errors
        .iter()
        .map(|e| line_col(src, e.span.start).0)
        .collect();
    assert_eq!(lines, [2, 3, 4, 5, 6, 7, 8, 9], "{:#?}", df.errors);
    assert_eq!(messages(&df)[5], "HEALTHCHECK NONE takes no arguments");
    assert_eq!(
        messages(&df)[7],
        "unknown type \"CONNECT\" in HEALTHCHECK (try CMD)"
    );
}

#[test]
fn onbuild_errors() {
    let df = parse("FROM a\nONBUILD ONBUILD RUN x\nONBUILD FROM b\nONBUILD\n");
    assert_eq!(
        messages(&df),
        [
            "chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
            "FROM isn't allowed as an ONBUILD trigger",
            "ONBUILD requires at least one argument",
        ]
    );
}

#[test]
fn one_bad_line_keeps_every_other_instruction() {
    let src = "FROM alpine:3.20\nRUNN apk add curl\nENV\nENV A\nLABEL version=\"1.0\nCOPY --chwon=root a /a\nFROM\nRUN echo ok\n";
    let df = parse(src);
    assert_eq!(
        keywords(&df),
        [
            Keyword::From,
            Keyword::Unknown,
            Keyword::Env,
            Keyword::Env,
            Keyword::Label,
            Keyword::Copy,
            Keyword::From,
            Keyword::Run
        ]
    );
    let lines: Vec<_> = df
        .errors
        .iter()
        .map(|e| line_col(src, e.span.start).0)
        .collect();
    assert_eq!(lines, [2, 3, 4, 5, 6, 7]);
    assert_eq!(df.errors[0].message, "unknown instruction: RUNN");
    assert_eq!(text(src, df.errors[0].span), "RUNN");
    assert_eq!(df.instructions[1].kind, Kind::Unknown);
    assert!(matches!(df.instructions[7].kind, Kind::Run(_)));
    assert_eq!(df.stages.len(), 2);
    assert_eq!(df.instructions[7].stage, Some(1));
}

#[test]
fn empty_and_comment_only_files_are_errors() {
    for src in ["", "# just a comment\n\n"] {
        let (message, _) = one_error(src);
        assert!(
            message.starts_with("file with no instructions"),
            "{message}"
        );
    }
}

#[test]
fn stages_bases_and_links() {
    let src = "ARG BASE=debian\nARG TAG=12\nFROM ${BASE}:${TAG}-slim AS Builder\nRUN make\nFROM scratch AS out\nCOPY --from=builder /app /app\nFROM builder\nRUN --mount=type=bind,from=out,target=/o ls\nCOPY --from=0 /a /a\nCOPY --from=nginx:latest /b /b\nFROM --platform=$BUILDPLATFORM ghcr.io/x/y@sha256:00\n";
    let df = clean(src);
    assert_eq!(df.global_args, [0, 1]);
    assert_eq!(df.stages.len(), 4);
    let Base::Image(image) = &df.stages[0].base else {
        panic!()
    };
    assert_eq!(image.text, "debian:12-slim");
    assert_eq!(
        (image.repository.as_str(), image.tag.as_deref()),
        ("debian", Some("12-slim"))
    );
    assert!(!image.unresolved);
    assert_eq!(df.stages[0].name.as_deref(), Some("builder"));
    assert_eq!(df.stages[0].instructions, 2..4);
    assert_eq!(df.stages[1].base, Base::Scratch);
    assert_eq!(df.stages[1].copies_from, [0]);
    assert_eq!(df.stages[2].base, Base::Stage(0));
    assert_eq!(df.stages[2].copies_from, [1, 0]);
    let Base::Image(image) = &df.stages[3].base else {
        panic!()
    };
    assert_eq!(image.registry.as_deref(), Some("ghcr.io"));
    assert_eq!(image.digest.as_deref(), Some("sha256:00"));
    let Kind::From(from) = &df.instructions[10].kind else {
        panic!()
    };
    assert_eq!(from.platform.as_ref().unwrap().value, "$BUILDPLATFORM");
    let stages: Vec<_> = df.instructions.iter().map(|i| i.stage).collect();
    assert_eq!(
        stages,
        [
            None,
            None,
            Some(0),
            Some(0),
            Some(1),
            Some(1),
            Some(2),
            Some(2),
            Some(2),
            Some(2),
            Some(3)
        ]
    );
    assert_eq!(df.stage_named("BUILDER").unwrap().index, 0);
    assert_eq!(df.final_stage().unwrap().index, 3);
}

#[test]
fn unresolved_image_and_stage_errors() {
    let src = "FROM ${NOPE}:1 AS a\nFROM b AS a\nFROM c AS 1x\nFROM d e\n";
    let df = parse(src);
    let Base::Image(image) = &df.stages[0].base else {
        panic!()
    };
    assert!(image.unresolved);
    let lines: Vec<_> = df
        .errors
        .iter()
        .map(|e| line_col(src, e.span.start))
        .collect();
    assert_eq!(lines, [(2, 11), (3, 11), (4, 8)], "{:#?}", df.errors);
    assert!(messages(&df)[0].starts_with("duplicate stage name"));
}

#[test]
fn only_arg_before_the_first_from() {
    let src = "ARG A\nRUN x\nFROM a\n";
    let (message, line) = one_error(src);
    assert!(message.starts_with("no build stage in current context"));
    assert_eq!(line, 2);
}

#[test]
fn scopes_follow_buildkit() {
    let src = "ARG VERSION=1.0\nARG OTHER=x\nFROM alpine AS base\nENV HOME=/root PATH=$HOME/bin\nARG VERSION\nARG LOCAL=${VERSION}-b\nRUN echo\nFROM base\nRUN echo\n";
    let df = clean(src);
    let at = |i: usize, name: &str| {
        df.variables_at(i)
            .into_iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    };
    // FROM lines see global ARGs.
    assert_eq!(at(2, "OTHER"), Some(Some("x".into())));
    // Inside a stage, only re-declared global ARGs.
    assert_eq!(at(6, "OTHER"), None);
    assert_eq!(at(6, "VERSION"), Some(Some("1.0".into())));
    assert_eq!(at(6, "LOCAL"), Some(Some("1.0-b".into())));
    // The ENV values of one instruction see the scope before it.
    assert_eq!(at(6, "PATH"), Some(Some("/bin".into())));
    assert_eq!(at(6, "HOME"), Some(Some("/root".into())));
    // Not yet declared at the ENV itself.
    assert_eq!(at(3, "HOME"), None);
    // A child stage inherits ENV, not ARG.
    assert_eq!(at(8, "HOME"), Some(Some("/root".into())));
    assert_eq!(at(8, "LOCAL"), None);
    // Predefined ARGs count as defined, without a value.
    assert_eq!(at(8, "TARGETARCH"), Some(None));
    // Global ARG defaults expand one after the other, a stage's with the scope before the ARG.
    let df = clean("ARG A=1 B=$A\nFROM x\nARG C=2 D=${C:-none}\nRUN x\n");
    let at = |i: usize, name: &str| df.scope_at(i).lookup(name);
    assert_eq!(at(1, "B"), Some("1".into()));
    assert_eq!(at(3, "D"), Some("none".into()));
    let df = clean(src);
    let mut seen = 0;
    df.visit_scopes(|i, scope| {
        seen += 1;
        if i == 6 {
            assert!(scope.is_defined("BUILDPLATFORM") && scope.is_defined("LOCAL"));
            assert!(!scope.is_defined("OTHER"));
            assert_eq!(scope.expand("$LOCAL/$HOME", '\\').value, "1.0-b//root");
        }
    });
    assert_eq!(seen, df.instructions.len());
}

#[test]
fn keyword_spans_and_case() {
    let src = "from alpine as Base\n  run echo\n";
    let df = clean(src);
    let i: &Instruction = &df.instructions[1];
    assert_eq!(i.keyword, Keyword::Run);
    assert_eq!(i.keyword_word.value, "run");
    assert_eq!(line_col(src, i.keyword_word.span.start), (2, 3));
    let Kind::From(from) = &df.instructions[0].kind else {
        panic!()
    };
    assert_eq!(from.as_keyword.as_ref().unwrap().value, "as");
    assert_eq!(from.name.as_ref().unwrap().value, "Base");
    assert_eq!(df.stages[0].name.as_deref(), Some("base"));
}

#[test]
fn typing_a_line_keeps_every_other_instruction() {
    let before = "FROM debian:12 AS build\nARG V=1\n";
    let after = "RUN make\nCOPY --from=build /a /b\nCMD [\"/b\"]\n";
    let typed = [
        "FROM alpine:3.20 AS final",
        "ENV A=1 B=\"two words\"",
        "LABEL org.opencontainers.image.title=\"x\"",
        "RUN --mount=type=cache,target=/c apt-get install -y curl",
        "COPY --chown=1:1 [\"a\", \"b\"]",
        "HEALTHCHECK --interval=30s CMD curl -f http://x/",
        "ONBUILD RUN echo",
        "ENTRYPOINT [\"sh\", \"-c\"]",
    ];
    let reference = parse(&format!("{before}{after}"));
    let kinds = |df: &Dockerfile, range: std::ops::Range<usize>| -> Vec<Kind> {
        df.instructions[range]
            .iter()
            .map(|i| i.kind.clone())
            .collect()
    };
    for line in typed {
        for end in (0..=line.len()).filter(|&i| line.is_char_boundary(i)) {
            let partial = &line[..end];
            let src = format!("{before}{partial}\n{after}");
            let df = parse(&src);
            let extra = usize::from(!partial.trim().is_empty());
            assert_eq!(
                df.instructions.len(),
                reference.instructions.len() + extra,
                "{partial:?}"
            );
            assert_eq!(kinds(&df, 0..2), kinds(&reference, 0..2), "{partial:?}");
            // The instructions after the typed line are the same, only shifted.
            for (got, want) in df.instructions[2 + extra..]
                .iter()
                .zip(&reference.instructions[2..])
            {
                assert_eq!(got.keyword, want.keyword, "{partial:?}");
                assert_eq!(got.args.text, want.args.text, "{partial:?}");
            }
            // Errors, if any, are on the typed line.
            let typed_line = LineIndex::new(&src);
            for e in &df.errors {
                assert_eq!(typed_line.line(e.span.start), 3, "{partial:?}: {e:?}");
            }
        }
    }
}
