//! BuildKit's own parser test files (copied with their licence note into `tests/buildkit`):
//! every valid file reads as the same instructions as BuildKit's `result` dump, and every
//! negative file gets an error.
//!
//! The dump shows what BuildKit's *parser* keeps: raw words (quotes and escapes as written) for
//! most instructions, decoded strings for JSON arrays, the logical text for shell form, and
//! `key value sep` triples for ENV and LABEL. We render our typed instructions the same way
//! (raw words from their spans) and compare. Instructions that BuildKit's parser accepts but its
//! instruction layer rejects (we report those errors too) have no typed arguments to compare;
//! they are listed below with the reason.

use std::path::{Path, PathBuf};

use super::scope::raw_text;
use crate::ast::{CommandForm, Healthcheck, Instruction, Kind, Word};
use crate::span::LineIndex;

/// Files whose instructions BuildKit's instruction layer rejects, and the 1-based lines.
const REJECTED_BY_BUILDKIT_INSTRUCTIONS: &[(&str, &[u32], &str)] = &[
    (
        "flags",
        &[3, 4, 5, 5, 6, 8, 9, 10],
        "COPY and CMD do not accept --user or --doit",
    ),
    (
        "health",
        &[4, 7, 10],
        "HEALTHCHECK needs CMD or NONE, CMD needs a command, CONNECT is no type",
    ),
    (
        "env",
        &[12],
        "name='a\\'b' leaves a single quote open, which BuildKit's word expansion rejects",
    ),
    (
        "escapes",
        &[6],
        "ADD \\conf\\\\\" leaves a double quote open, which BuildKit's word expansion rejects",
    ),
    // Parser-only tests without FROM: a build needs a stage before CMD.
    ("jeztah-invalid-json-json-inside-string", &[1], NO_STAGE),
    (
        "jeztah-invalid-json-json-inside-string-double",
        &[1],
        NO_STAGE,
    ),
    ("jeztah-invalid-json-single-quotes", &[1], NO_STAGE),
    ("jeztah-invalid-json-unterminated-bracket", &[1], NO_STAGE),
    ("jeztah-invalid-json-unterminated-string", &[1], NO_STAGE),
    ("json", &[1, 2, 3, 4, 5, 6, 7, 8], NO_STAGE),
];

const NO_STAGE: &str = "CMD before any FROM";

#[derive(Debug, Clone, PartialEq, Eq)]
enum Sexp {
    Atom(String),
    Str(String),
    Flags(Vec<String>),
    List(Vec<Sexp>),
}

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/buildkit")
        .join(kind);
    let mut dirs: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn valid_testfiles_read_like_buildkit() {
    let files = fixtures("testfiles");
    assert!(files.len() >= 30);
    for dir in files {
        let name = dir.file_name().unwrap().to_str().unwrap().to_owned();
        let src = std::fs::read_to_string(dir.join("Dockerfile")).unwrap();
        let expected: Vec<Sexp> = std::fs::read_to_string(dir.join("result"))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| read_sexp(l).unwrap_or_else(|| panic!("{name}: bad result line {l}")))
            .collect();
        let df = crate::parse(&src);
        let index = LineIndex::new(&src);
        let error_lines: Vec<u32> = df.errors.iter().map(|e| index.line(e.span.start)).collect();
        let allowed = REJECTED_BY_BUILDKIT_INSTRUCTIONS
            .iter()
            .find(|(n, _, _)| *n == name)
            .map_or(&[][..], |(_, lines, _)| *lines);
        assert_eq!(error_lines, allowed, "{name}: {:#?}", df.errors);
        assert_eq!(df.instructions.len(), expected.len(), "{name}");
        for (ins, want) in df.instructions.iter().zip(&expected) {
            match render(ins) {
                Some(got) => assert_eq!(&got, want, "{name}"),
                // Untyped: BuildKit's instruction layer rejects it, and so did we.
                None => assert!(
                    allowed.contains(&index.line(ins.span.start)),
                    "{name}: {ins:#?}"
                ),
            }
        }
    }
}

#[test]
fn negative_testfiles_have_errors() {
    let files = fixtures("testfiles-negative");
    assert_eq!(files.len(), 4);
    for dir in files {
        let src = std::fs::read_to_string(dir.join("Dockerfile")).unwrap();
        let df = crate::parse(&src);
        assert!(!df.errors.is_empty(), "{}", dir.display());
    }
}

/// Our instruction as BuildKit's parser dump; `None` when it has no typed arguments.
fn render(ins: &Instruction) -> Option<Sexp> {
    let raw = |w: &Word| Sexp::Str(raw_text(&ins.args, w.span).to_owned());
    let value = |w: &Word| Sexp::Str(w.value.clone());
    let command = |c: &CommandForm| match c {
        CommandForm::Exec(words) => words.iter().map(value).collect(),
        CommandForm::Shell(s) if s.text.is_empty() => Vec::new(),
        CommandForm::Shell(s) => vec![Sexp::Str(s.text.clone())],
    };
    let mut out = vec![Sexp::Atom(ins.keyword_word.value.to_ascii_lowercase())];
    if !ins.flags.is_empty() {
        out.push(Sexp::Flags(
            ins.flags
                .iter()
                .map(|f| match &f.value {
                    Some(v) => format!("--{}={}", f.name, v.value),
                    None => format!("--{}", f.name),
                })
                .collect(),
        ));
    }
    match &ins.kind {
        Kind::From(f) => {
            out.push(raw(&f.image));
            out.extend(f.as_keyword.iter().chain(&f.name).map(raw));
        }
        Kind::Run(r) => out.extend(command(&r.command)),
        Kind::Cmd(c) | Kind::Entrypoint(c) => out.extend(command(c)),
        Kind::Shell(words) => out.extend(words.iter().map(value)),
        Kind::Copy(c) | Kind::Add(c) => {
            let words = c.sources.iter().chain(&c.dest);
            out.extend(words.map(|w| if c.json { value(w) } else { raw(w) }));
        }
        Kind::Env(pairs) | Kind::Label(pairs) => {
            for p in pairs {
                out.extend([raw(&p.key), raw(&p.value)]);
                out.push(Sexp::Str(if p.legacy { "" } else { "=" }.into()));
            }
        }
        Kind::Arg(decls) => out.extend(
            decls
                .iter()
                .map(|d| Sexp::Str(raw_text(&ins.args, d.span).to_owned())),
        ),
        Kind::Expose(words) => out.extend(words.iter().map(raw)),
        Kind::Volume(words) => {
            let json = ins.args.text.starts_with('[');
            out.extend(words.iter().map(|w| if json { value(w) } else { raw(w) }));
        }
        Kind::User(u) => {
            let span = u
                .group
                .as_ref()
                .map_or(u.user.span, |g| u.user.span.cover(g.span));
            out.push(Sexp::Str(raw_text(&ins.args, span).to_owned()));
        }
        Kind::Workdir(w) | Kind::Stopsignal(w) | Kind::Maintainer(w) => out.push(raw(w)),
        Kind::Healthcheck(Healthcheck::None) => out.push(Sexp::Str("NONE".into())),
        Kind::Healthcheck(Healthcheck::Cmd { command: c, .. }) => {
            out.push(Sexp::Str("CMD".into()));
            out.extend(command(c));
        }
        Kind::Onbuild(inner) => out.push(render(inner)?),
        Kind::Unknown => return None,
    }
    Some(Sexp::List(out))
}

/// Reads one line of BuildKit's dump: `(cmd ["--flag"] "arg" (nested ...))`, strings quoted
/// the way Go's `%q` does.
fn read_sexp(line: &str) -> Option<Sexp> {
    let mut stack: Vec<Vec<Sexp>> = Vec::new();
    let mut chars = line.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' => stack.push(Vec::new()),
            ')' => {
                let list = Sexp::List(stack.pop()?);
                match stack.last_mut() {
                    Some(parent) => parent.push(list),
                    None => return Some(list),
                }
            }
            '[' => {
                let mut flags = Vec::new();
                loop {
                    match chars.next()? {
                        '"' => flags.push(go_string(&mut chars)?),
                        ']' => break,
                        _ => {}
                    }
                }
                stack.last_mut()?.push(Sexp::Flags(flags));
            }
            '"' => {
                let s = go_string(&mut chars)?;
                stack.last_mut()?.push(Sexp::Str(s));
            }
            c if c.is_whitespace() => {}
            c => {
                let mut atom = c.to_string();
                while let Some(&n) = chars.peek().filter(|n| n.is_alphanumeric()) {
                    atom.push(n);
                    chars.next();
                }
                stack.last_mut()?.push(Sexp::Atom(atom));
            }
        }
    }
    None
}

fn go_string(chars: &mut std::iter::Peekable<std::str::Chars>) -> Option<String> {
    let mut out = String::new();
    loop {
        match chars.next()? {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'v' => out.push('\u{b}'),
                'x' => {
                    let hex: String = [chars.next()?, chars.next()?].iter().collect();
                    out.push(char::from(u8::from_str_radix(&hex, 16).ok()?));
                }
                c => out.push(c),
            },
            c => out.push(c),
        }
    }
}

#[test]
fn sexp_reader() {
    assert_eq!(
        read_sexp(r#"(copy ["--user=me"] "a\"b" "\x00")"#),
        Some(Sexp::List(vec![
            Sexp::Atom("copy".into()),
            Sexp::Flags(vec!["--user=me".into()]),
            Sexp::Str("a\"b".into()),
            Sexp::Str("\0".into()),
        ]))
    );
    assert_eq!(
        read_sexp(r#"(onbuild (run "x"))"#),
        Some(Sexp::List(vec![
            Sexp::Atom("onbuild".into()),
            Sexp::List(vec![Sexp::Atom("run".into()), Sexp::Str("x".into())]),
        ]))
    );
}
