//! Cases follow BuildKit's lexer tests where they exist; `undefined` is Drydock's stricter
//! notion, `unmatched` is BuildKit's.

use super::*;

const ENV: &[(&str, &str)] = &[
    ("FOO", "xxyy"),
    ("EMPTY", ""),
    ("X", "x"),
    ("VERSION", "v1.2.3"),
    ("TARGETARCH", "arm"),
    ("TARGETVARIANT", "v7"),
    ("SPECIAL", r"()[]{}^$.*?|\x"),
    ("STARS", "a***yy*"),
    ("QUESTIONS", "???y"),
    ("GLOBS", "/foo*/*/*.txt"),
    ("STAR_SLASH", r"\*/"),
    ("TMPS", "/tmp/tmp/bar.txt"),
    ("TMP", "/tmp"),
    ("URL", "http://google.de"),
    ("MULTI", "a b\nc"),
    ("É", "accent"),
];

/// `(text, value, undefined, unmatched, error)`
type Case = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    Option<&'static str>,
);

#[track_caller]
fn check_with(escape: char, cases: &[Case]) {
    let lookup = |name: &str| {
        ENV.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    };
    for &(text, value, undefined, unmatched, error) in cases {
        let got = expand(text, escape, &lookup);
        let expected = Expansion {
            value: value.to_string(),
            undefined: undefined.iter().map(|s| s.to_string()).collect(),
            unmatched: unmatched.iter().map(|s| s.to_string()).collect(),
            error: error.map(str::to_string),
        };
        assert_eq!(got, expected, "\ntext: {text:?}");
    }
}

#[track_caller]
fn check(cases: &[Case]) {
    check_with('\\', cases);
}

#[test]
fn plain_references() {
    check(&[
        ("", "", &[], &[], None),
        ("plain text", "plain text", &[], &[], None),
        ("$FOO ${FOO} $X$X", "xxyy xxyy xx", &[], &[], None),
        ("x ${UNUSED}", "x ", &["UNUSED"], &["UNUSED"], None),
        ("$NOPE-$NOPE/$X", "-/x", &["NOPE"], &["NOPE"], None),
        ("$FOO.tar.gz", "xxyy.tar.gz", &[], &[], None),
        ("${FOO}_1 $FOO_1", "xxyy_1 ", &["FOO_1"], &["FOO_1"], None),
        ("$É ${É}", "accent accent", &[], &[], None),
        ("cost: $ 5 $", "cost: $ 5 $", &[], &[], None),
        (
            "$1 $10x $@",
            " x ",
            &["1", "10", "@"],
            &["1", "10", "@"],
            None,
        ),
        ("$MULTI", "a b\nc", &[], &[], None),
    ]);
}

#[test]
fn quotes_and_escapes() {
    check(&[
        (r"\$FOO", "$FOO", &[], &[], None),
        (r"\${FOO}", "${FOO}", &[], &[], None),
        (r"a\ b\\c\", r"a b\c", &[], &[], None),
        ("'$FOO' \"$FOO\"", "$FOO xxyy", &[], &[], None),
        (r#""a \"b\" \$X \\ \n""#, r#"a "b" $X \ \n"#, &[], &[], None),
        (
            "it's",
            "its",
            &[],
            &[],
            Some("unexpected end of statement while looking for matching single-quote"),
        ),
        (
            "\"open $X",
            "open x",
            &[],
            &[],
            Some("unexpected end of statement while looking for matching double-quote"),
        ),
        ("\"${NOPE:-a b}\"", "a b", &[], &["NOPE"], None),
        ("${NOPE:-\"}\"}", "}", &[], &["NOPE"], None),
        ("${NOPE:-'$X'}", "$X", &[], &["NOPE"], None),
    ]);
}

#[test]
fn backtick_escape() {
    check_with(
        '`',
        &[
            ("`$FOO", "$FOO", &[], &[], None),
            (r"C:\$X\dir", r"C:\x\dir", &[], &[], None),
            ("\"`\"q`\"\"", "\"q\"", &[], &[], None),
            ("a``b", "a`b", &[], &[], None),
        ],
    );
}

#[test]
fn defaults_and_alternatives() {
    check(&[
        (
            "${FOO-aaa} ${EMPTY-bbb} ${NOPE-ccc}",
            "xxyy  ccc",
            &[],
            &["NOPE"],
            None,
        ),
        (
            "${FOO:-aaa} ${EMPTY:-bbb} ${NOPE:-ccc}",
            "xxyy bbb ccc",
            &[],
            &["NOPE"],
            None,
        ),
        (
            "${FOO+aaa} ${EMPTY+bbb} ${NOPE+ccc}",
            "aaa bbb ",
            &[],
            &["NOPE"],
            None,
        ),
        (
            "${FOO:+aaa} ${EMPTY:+bbb} ${NOPE:+ccc}",
            "aaa  ",
            &[],
            &["NOPE"],
            None,
        ),
        ("${NOPE:-}", "", &[], &["NOPE"], None),
        // Nested: a default's names count only when the default is used.
        ("${NOPE:-${X}}", "x", &[], &["NOPE"], None),
        ("${NOPE:-${GONE}}", "", &["GONE"], &["GONE", "NOPE"], None),
        ("${FOO:-${GONE}}", "xxyy", &[], &["GONE"], None),
        ("${FOO:+${GONE}-}", "-", &["GONE"], &["GONE"], None),
        ("${NOPE:+${GONE}}", "", &[], &["GONE", "NOPE"], None),
        (
            "${A:-${B:-${C:-deep $X}}}",
            "deep x",
            &[],
            &["C", "B", "A"],
            None,
        ),
        (
            "something-${VERSION}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz",
            "something-v1.2.3-arm-v7.tar.gz",
            &[],
            &[],
            None,
        ),
        ("${NOVARIANT:+-${NOVARIANT}}", "", &[], &["NOVARIANT"], None),
    ]);
}

#[test]
fn required_values() {
    check(&[
        ("${FOO?aaa} ${FOO:?aaa}", "xxyy xxyy", &[], &[], None),
        ("${EMPTY?bbb}", "", &[], &[], None),
        (
            "${NOPE?no $X}",
            "",
            &["NOPE"],
            &["NOPE"],
            Some("NOPE: no x"),
        ),
        (
            "${EMPTY:?}",
            "",
            &[],
            &[],
            Some("EMPTY: is not allowed to be empty"),
        ),
        (
            "${NOPE:?}",
            "",
            &["NOPE"],
            &["NOPE"],
            Some("NOPE: is not allowed to be unset"),
        ),
        ("${FOO:?${GONE}}", "xxyy", &[], &["GONE"], None),
    ]);
}

#[test]
fn trims() {
    check(&[
        (r"${SPECIAL#()[]{\}^$.\*\?|\\}", "x", &[], &[], None),
        (r"${STARS%%\**\*}", "a", &[], &[], None),
        (
            "${FOO#*x*y} ${FOO#*} ${FOO#} ${FOO##*x} ${FOO##}",
            "y xxyy xxyy yy xxyy",
            &[],
            &[],
            None,
        ),
        (r"${QUESTIONS#?\?}", "?y", &[], &[], None),
        (
            "${FOO#$X} ${FOO#$EMPTY} ${FOO%y} ${FOO%%y*} ${FOO%}",
            "xyy xxyy xxy xx xxyy",
            &[],
            &[],
            None,
        ),
        (
            "${NOPE:-.}${FOO%x}${NOPE:-.}",
            ".xxyy.",
            &[],
            &["NOPE"],
            None,
        ),
        ("${VERSION#v}", "1.2.3", &[], &[], None),
        ("${VERSION%.*} ${VERSION%%.*}", "v1.2 v1", &[], &[], None),
        (
            "${NOPE#x} ${FOO#$GONE}",
            " xxyy",
            &["NOPE", "GONE"],
            &["NOPE", "GONE"],
            None,
        ),
        (
            r"${FOO#\a}",
            "xxyy",
            &[],
            &[],
            Some(r"invalid pattern (\a) in substitution: invalid escape '\a'"),
        ),
        (
            "${FOO:#x}",
            "xxyy",
            &[],
            &[],
            Some("unsupported modifier (:#) in substitution"),
        ),
        (
            "${FOO:%%x}",
            "xxyy",
            &[],
            &[],
            Some("unsupported modifier (:%) in substitution"),
        ),
    ]);
}

#[test]
fn replacements() {
    check(&[
        (
            "${GLOBS/$STAR_SLASH/.} - ${GLOBS//$STAR_SLASH/.}",
            "/foo.*/*.txt - /foo..*.txt",
            &[],
            &[],
            None,
        ),
        (
            "${TMPS/$TMP/} - ${TMPS//$TMP/}",
            "/tmp/bar.txt - /bar.txt",
            &[],
            &[],
            None,
        ),
        ("${URL/http:/https:}", "https://google.de", &[], &[], None),
        (r"${TMPS//\//\/}", r"\/tmp\/tmp\/bar.txt", &[], &[], None),
        ("${FOO/$EMPTY/ww}", "wwxxyy", &[], &[], None),
        ("${FOO///}", "xxyy", &[], &[], None),
        ("${NOPE///}", "", &["NOPE"], &["NOPE"], None),
        ("${FOO/y/$X$X}", "xxxxy", &[], &[], None),
        (
            "${FOO//ww}",
            "xxyy",
            &[],
            &[],
            Some("syntax error: missing '/' in ${}"),
        ),
        (
            "${FOO//}",
            "xxyy",
            &[],
            &[],
            Some("syntax error: missing '/' in ${}"),
        ),
    ]);
}

#[test]
fn malformed_substitutions() {
    check(&[
        (
            "${FOO=aaa}",
            "xxyy",
            &[],
            &[],
            Some("unsupported modifier (=) in substitution"),
        ),
        (
            "${NOPE=}",
            "",
            &["NOPE"],
            &["NOPE"],
            Some("unsupported modifier (=) in substitution"),
        ),
        (
            "${FOO:x}",
            "xxyy",
            &[],
            &[],
            Some("unsupported modifier (:x) in substitution"),
        ),
        (
            "${}",
            "${}",
            &[],
            &[],
            Some("syntax error: bad substitution"),
        ),
        (
            "${:-x}",
            "${:-x}",
            &[],
            &[],
            Some("syntax error: bad substitution"),
        ),
        (
            "${{FOO}}",
            "${{FOO}}",
            &[],
            &[],
            Some("syntax error: bad substitution"),
        ),
        ("a${", "a", &[], &[], Some("syntax error: missing '}'")),
        ("a${FOO", "a", &[], &[], Some("syntax error: missing '}'")),
        ("a${FOO:", "a", &[], &[], Some("syntax error: missing '}'")),
        (
            "${NOPE:-abc",
            "abc",
            &[],
            &["NOPE"],
            Some("syntax error: missing '}'"),
        ),
        (
            "${FOO:-${GONE",
            "xxyy",
            &[],
            &[],
            Some("syntax error: missing '}'"),
        ),
    ]);
}

#[test]
fn large_and_deeply_nested_inputs_are_linear() {
    let n = 200_000;
    let lookup = |name: &str| (name == "A").then(|| "a".to_string());
    let inputs = [
        "${N:-".repeat(n),
        format!("{}x{}", "${N:-".repeat(n), "}".repeat(n)),
        format!("{}x{}", "${A:+".repeat(500), "}".repeat(500)),
        "$A".repeat(n),
        "${A//?/$A}".repeat(n / 10),
        format!("${{A//{}/x}}", "*".repeat(n)),
        "'".repeat(n),
        "\"$".repeat(n),
    ];
    for text in &inputs {
        let started = std::time::Instant::now();
        let e = expand(text, '\\', &lookup);
        assert!(e.value.len() <= 2 * text.len());
        assert!(started.elapsed().as_secs() < 5, "{:?}...", &text[..20]);
    }
}

#[test]
fn short_inputs_never_panic() {
    const ALPHABET: &[&str] = &[
        "$", "{", "}", ":", "-", "+", "?", "#", "%", "/", "*", "\\", "'", "\"", "A", "N", "é", "`",
        "\n",
    ];
    let lookup = |name: &str| (name == "A").then(|| "aé*".to_string());
    let mut stack = vec![(String::new(), 0)];
    while let Some((text, pieces)) = stack.pop() {
        for escape in ['\\', '`'] {
            let e = expand(&text, escape, &lookup);
            assert!(
                e.undefined.iter().all(|n| e.unmatched.contains(n)),
                "{text:?}"
            );
        }
        if pieces < 4 {
            stack.extend(ALPHABET.iter().map(|p| (format!("{text}{p}"), pieces + 1)));
        }
    }
}
