//! Commands: RUN (with mounts and heredoc scripts), CMD, ENTRYPOINT and HEALTHCHECK, in exec
//! form (a JSON array of strings) or shell form (text handed to the shell parser).

use std::ops::Range;

use super::kinds::{exec_words, Args};
use super::words::split_separators;
use super::{duration, flags, heredoc, mount, Cx};
use crate::ast::{
    CommandForm, Duration, Healthcheck, Heredoc, Keyword, Kind, Run, ShellText, Word,
};
use crate::shell;

/// Exec form when the arguments are a JSON array of strings, shell form otherwise; `None` (with
/// an error) for a JSON array of something else.
pub(crate) fn form(cx: &mut Cx, a: &Args) -> Option<CommandForm> {
    Some(match exec_words(cx, a)? {
        Some(words) => CommandForm::Exec(words),
        None => CommandForm::Shell(shell_text(cx, a.rest.clone())),
    })
}

fn shell_text(cx: &Cx, r: Range<usize>) -> ShellText {
    let text = cx.text(r.clone()).to_owned();
    ShellText {
        script: shell::parse(&text),
        map: cx.line.sub_map(r),
        text,
    }
}

pub(crate) fn run(cx: &mut Cx, a: &Args) -> Option<Kind> {
    let command = form(cx, a)?;
    let mounts = flags::values(a.flags, "mount")
        .map(|w| mount::parse(cx, w))
        .collect();
    let network = flags::value(a.flags, "network").cloned();
    let security = flags::value(a.flags, "security").cloned();
    check_mode(
        cx,
        network.as_ref(),
        "network",
        &["default", "none", "host"],
    );
    check_mode(cx, security.as_ref(), "security", &["sandbox", "insecure"]);
    let heredoc_scripts = match &command {
        CommandForm::Shell(_) => heredoc_scripts(cx, a),
        CommandForm::Exec(_) => Vec::new(),
    };
    Some(Kind::Run(Run {
        mounts,
        network,
        security,
        command,
        heredoc_scripts,
    }))
}

fn check_mode(cx: &mut Cx, value: Option<&Word>, flag: &str, allowed: &[&str]) {
    let Some(w) = value else { return };
    // A variable is only known at build time.
    if w.value.contains('$') || allowed.contains(&w.value.as_str()) {
        return;
    }
    let message = format!(
        "unsupported {flag} mode {:?}: use {}",
        w.value,
        allowed.join(", ")
    );
    cx.error(w.span, message);
}

/// Shells whose standard input is a script: `RUN bash <<EOF` runs the body as a script.
const SHELLS: &[&str] = &["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh"];

/// The bodies of this RUN's heredocs that run as shell scripts: `RUN <<EOF` (unless a shebang
/// names another interpreter) and `RUN bash <<EOF` / `RUN sh -e <<EOF` (a shell reading stdin,
/// not `sh -c '...' <<EOF`).
fn heredoc_scripts(cx: &Cx, a: &Args) -> Vec<ShellText> {
    if a.heredocs.is_empty() {
        return Vec::new();
    }
    a.heredocs
        .iter()
        .filter(|h| {
            let marker = cx.line.offset_of(h.marker_span.start).max(a.rest.start);
            runs_as_script(command_before(cx, a, marker), h)
        })
        .map(|h| ShellText {
            text: h.body.clone(),
            map: heredoc::body_map(cx.src, h),
            script: shell::parse(&h.body),
        })
        .collect()
}

/// The words of the simple command that a heredoc marker at `at` belongs to.
fn command_before<'a>(cx: &Cx<'a>, a: &Args, at: usize) -> Vec<&'a str> {
    let before = cx.text(a.rest.start..at.min(a.rest.end));
    let start = before
        .rfind([';', '&', '|', '(', '{', '\n'])
        .map_or(0, |i| i + 1);
    split_separators(&before[start..], 0)
        .map(|r| &before[start..][r])
        .collect()
}

fn runs_as_script(words: Vec<&str>, heredoc: &Heredoc) -> bool {
    match words.split_first() {
        None => shebang_is_shell(&heredoc.body),
        Some((program, options)) => {
            is_shell(program)
                && options
                    .iter()
                    .all(|o| o.starts_with('-') && !o.contains('c'))
        }
    }
}

fn is_shell(program: &str) -> bool {
    let name = program.rsplit('/').next().unwrap_or(program);
    SHELLS.contains(&name)
}

/// No shebang, or one that names a shell (`#!/bin/bash`, `#!/usr/bin/env sh`).
fn shebang_is_shell(body: &str) -> bool {
    let Some(line) = body.lines().next().and_then(|l| l.strip_prefix("#!")) else {
        return true;
    };
    let mut words = line.split_whitespace();
    match words.next() {
        Some(p) if p.ends_with("/env") || p == "env" => {
            words.find(|w| !w.starts_with('-')).is_some_and(is_shell)
        }
        Some(p) => is_shell(p),
        None => true,
    }
}

pub(crate) fn healthcheck(cx: &mut Cx, a: &Args) -> Option<Kind> {
    let text = cx.text(a.rest.clone());
    let Some(kind_word) = split_separators(text, a.rest.start).next() else {
        flags::check(cx, Keyword::Healthcheck, a.flags);
        cx.error(
            a.keyword_span,
            "HEALTHCHECK requires at least one argument: CMD or NONE",
        );
        return None;
    };
    let typ = cx.text(kind_word.clone());
    // Where the command starts: after the type and the whitespace that follows it.
    let after = a.rest.end - cx.text(kind_word.end..a.rest.end).trim_start().len();
    if typ.eq_ignore_ascii_case("none") {
        flags::check_none(cx, a.flags);
        if after < a.rest.end {
            cx.error(
                cx.line.span(after..a.rest.end),
                "HEALTHCHECK NONE takes no arguments",
            );
        }
        return Some(Kind::Healthcheck(Healthcheck::None));
    }
    flags::check(cx, Keyword::Healthcheck, a.flags);
    if !typ.eq_ignore_ascii_case("cmd") {
        let message = format!(
            "unknown type {:?} in HEALTHCHECK (try CMD)",
            typ.to_ascii_uppercase()
        );
        cx.error(cx.line.span(kind_word), message);
        return None;
    }
    let command_args = Args {
        rest: after..a.rest.end,
        ..*a
    };
    let command = form(cx, &command_args)?;
    let empty = match &command {
        CommandForm::Exec(words) => words.is_empty(),
        CommandForm::Shell(s) => s.text.is_empty(),
    };
    if empty {
        cx.error(a.span(cx), "missing command after HEALTHCHECK CMD");
        return None;
    }
    Some(Kind::Healthcheck(Healthcheck::Cmd {
        interval: interval(cx, a, "interval"),
        timeout: interval(cx, a, "timeout"),
        start_period: interval(cx, a, "start-period"),
        start_interval: interval(cx, a, "start-interval"),
        retries: retries(cx, a),
        command,
    }))
}

/// A duration flag: zero, or at least one millisecond.
fn interval(cx: &mut Cx, a: &Args, name: &str) -> Option<Duration> {
    let word = flags::value(a.flags, name).filter(|w| !w.value.is_empty())?;
    let Some(nanos) = duration::parse_nanos(&word.value) else {
        let message = format!(
            "invalid duration {:?} for --{name}: use a number and a unit, e.g. 30s or 1m30s",
            word.value
        );
        cx.error(word.span, message);
        return None;
    };
    if nanos != 0 && nanos < 1_000_000 {
        cx.error(word.span, format!("--{name} cannot be less than 1ms"));
        return None;
    }
    Some(Duration {
        millis: (nanos / 1_000_000) as u64,
        word: word.clone(),
    })
}

fn retries(cx: &mut Cx, a: &Args) -> Option<u32> {
    let word = flags::value(a.flags, "retries").filter(|w| !w.value.is_empty())?;
    match word.value.parse::<i32>() {
        Ok(n) if n >= 0 => Some(n as u32),
        Ok(n) => {
            cx.error(word.span, format!("--retries cannot be negative ({n})"));
            None
        }
        Err(_) => {
            let message = format!(
                "invalid --retries {:?}: expected a whole number",
                word.value
            );
            cx.error(word.span, message);
            None
        }
    }
}
