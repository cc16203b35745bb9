//! Each case renders every command as one line:
//! `start..end d<depth> [| ]<assignments> <words> <separator>`, where a word is shown as its
//! source text, followed by `{value}` when the value differs (quotes removed, escapes
//! applied), and a leading `| ` marks a command in a pipeline.

use super::*;

fn render_word(text: &str, w: &ShellWord) -> String {
    let raw = &text[w.span.start..w.span.end];
    if raw == w.value {
        raw.to_string()
    } else {
        format!("{raw}{{{}}}", w.value)
    }
}

fn render(text: &str, c: &Command) -> String {
    let mut parts = vec![format!("{}..{} d{}", c.span.start, c.span.end, c.depth)];
    if c.in_pipeline {
        parts.push("|".into());
    }
    if !c.assignments.is_empty() {
        let a: Vec<_> = c.assignments.iter().map(|w| render_word(text, w)).collect();
        parts.push(format!("[{}]", a.join(" ")));
    }
    parts.extend(c.words.iter().map(|w| render_word(text, w)));
    parts.push(
        match c.separator {
            Some(Separator::And) => "&&",
            Some(Separator::Or) => "||",
            Some(Separator::Seq) => ";",
            Some(Separator::Pipe) => "|",
            Some(Separator::Background) => "&",
            None => "",
        }
        .into(),
    );
    parts.join(" ").trim_end().to_string()
}

#[track_caller]
fn check(text: &str, expected: &[&str]) {
    let script = parse(text);
    let got: Vec<String> = script.commands.iter().map(|c| render(text, c)).collect();
    assert_eq!(got, expected, "\nscript: {text:?}");
}

#[test]
fn lists_and_pipelines() {
    let cases: &[(&str, &[&str])] = &[
        ("", &[]),
        ("  \n\t\n", &[]),
        ("ls", &["0..2 d0 ls"]),
        (
            "apt-get update && apt-get install -y curl",
            &[
                "0..14 d0 apt-get update &&",
                "18..41 d0 apt-get install -y curl",
            ],
        ),
        (
            "a || b; c & d",
            &["0..1 d0 a ||", "5..6 d0 b ;", "8..9 d0 c &", "12..13 d0 d"],
        ),
        (
            "curl -fsSL https://x | tar -xz -C /opt | cat",
            &[
                "0..20 d0 | curl -fsSL https://x |",
                "23..38 d0 | tar -xz -C /opt |",
                "41..44 d0 | cat",
            ],
        ),
        ("a |& b", &["0..1 d0 | a |", "5..6 d0 | b"]),
        ("a\nb\n", &["0..1 d0 a ;", "2..3 d0 b ;"]),
        // A line break after an operator continues the list.
        (
            "a &&\n  b |\n c",
            &["0..1 d0 a &&", "7..8 d0 | b |", "12..13 d0 | c"],
        ),
        ("a;;b", &["0..1 d0 a ;", "3..4 d0 b"]),
    ];
    for (text, expected) in cases {
        check(text, expected);
    }
}

#[test]
fn quoting_and_escapes() {
    let cases: &[(&str, &[&str])] = &[
        (
            r#"echo 'a b' "c d" e\ f"#,
            &["0..21 d0 echo 'a b'{a b} \"c d\"{c d} e\\ f{e f}"],
        ),
        (
            r#"echo "a \"q\" \$HOME \n" 'it''s'"#,
            &[r#"0..32 d0 echo "a \"q\" \$HOME \n"{a "q" $HOME \n} 'it''s'{its}"#],
        ),
        (
            "echo $HOME ${A:-x} $((1 + 2))",
            &["0..29 d0 echo $HOME ${A:-x} $((1 + 2))"],
        ),
        (
            "echo \"${A:-a b}\"",
            &["0..16 d0 echo \"${A:-a b}\"{${A:-a b}}"],
        ),
        (
            r"printf $'a\tb\x41\'\101\u00e9'",
            &[r"0..30 d0 printf $'a\tb\x41\'\101\u00e9'{a	bA'Aé}"],
        ),
        ("echo $\"x\" $", &["0..11 d0 echo $\"x\"{x} $"]),
        (
            "find . -exec rm {} \\;",
            &["0..21 d0 find . -exec rm {} \\;{;}"],
        ),
        ("echo a\\\nb c", &["0..11 d0 echo a\\\nb{ab} c"]),
        ("echo \"a\\\nb\"", &["0..11 d0 echo \"a\\\nb\"{ab}"]),
        (
            "echo a#b # comment\nls",
            &["0..8 d0 echo a#b ;", "19..21 d0 ls"],
        ),
        (
            "echo 'unterminated; ls",
            &["0..22 d0 echo 'unterminated; ls{unterminated; ls}"],
        ),
        (
            "echo \"open $(ls",
            &["0..15 d0 echo \"open $(ls{open $(ls}", "13..15 d1 ls"],
        ),
        ("echo é'ü' ∂", &["0..15 d0 echo é'ü'{éü} ∂"]),
        ("echo a\\", &["0..7 d0 echo a\\"]),
    ];
    for (text, expected) in cases {
        check(text, expected);
    }
}

#[test]
fn assignments_and_redirections() {
    let cases: &[(&str, &[&str])] = &[
        (
            "A=1 B=\"x y\" make -j2",
            &["0..20 d0 [A=1 B=\"x y\"{B=x y}] make -j2"],
        ),
        ("A=1", &["0..3 d0 [A=1]"]),
        ("PATH+=:/x cmd", &["0..13 d0 [PATH+=:/x] cmd"]),
        ("export A=1 B", &["0..12 d0 export A=1 B"]),
        ("arr=(a 'b c') cmd", &["0..17 d0 [arr=(a 'b c')] cmd"]),
        ("=x cmd", &["0..6 d0 =x cmd"]),
        (
            "make >build.log 2>&1 && cat < in > out",
            &["0..20 d0 make &&", "24..38 d0 cat"],
        ),
        ("cmd 2> /dev/null arg", &["0..20 d0 cmd arg"]),
        ("> out", &["0..5 d0"]),
        (
            "cmd &>/dev/null; cmd &>> log",
            &["0..15 d0 cmd ;", "17..28 d0 cmd"],
        ),
        ("cat <<< \"$x\" >| f <> g", &["0..22 d0 cat"]),
        ("echo 2>x 12 3>&-", &["0..16 d0 echo 12"]),
        ("cmd >", &["0..5 d0 cmd"]),
    ];
    for (text, expected) in cases {
        check(text, expected);
    }
}

#[test]
fn here_documents_are_skipped() {
    let cases: &[(&str, &[&str])] = &[
        (
            "cat <<EOF > /etc/x\nline $(not a command)\nEOF\necho done",
            &["0..18 d0 cat ;", "45..54 d0 echo done"],
        ),
        (
            "cat <<-'END' | sh\n\tfoo\n\tEND\nls",
            &["0..12 d0 | cat |", "15..17 d0 | sh ;", "28..30 d0 ls"],
        ),
        (
            "a <<X; b <<Y\nx\nX\ny\nY\nc",
            &["0..5 d0 a ;", "7..12 d0 b ;", "21..22 d0 c"],
        ),
        ("cat <<EOF\nnever closed\n", &["0..9 d0 cat ;"]),
        (
            "cat <<\"E F\"\nE F\nls",
            &["0..11 d0 cat ;", "16..18 d0 ls"],
        ),
    ];
    for (text, expected) in cases {
        check(text, expected);
    }
}

#[test]
fn nesting() {
    let cases: &[(&str, &[&str])] = &[
        ("(cd /x && make)", &["1..6 d1 cd /x &&", "10..14 d1 make"]),
        (
            "{ echo a; echo b; } > log 2>&1",
            &["2..8 d1 echo a ;", "10..16 d1 echo b ;"],
        ),
        (
            "echo $(uname -m) `id -u`",
            &[
                "0..24 d0 echo $(uname -m) `id -u`",
                "7..15 d1 uname -m",
                "18..23 d1 id -u",
            ],
        ),
        (
            "X=\"$(cat /f | tr a b)\" cmd",
            &[
                "0..26 d0 [X=\"$(cat /f | tr a b)\"{X=$(cat /f | tr a b)}] cmd",
                "5..11 d1 | cat /f |",
                "14..20 d1 | tr a b",
            ],
        ),
        (
            "a $(b $(c) d) e",
            &["0..15 d0 a $(b $(c) d) e", "4..12 d1 b $(c) d", "8..9 d2 c"],
        ),
        (
            "$(which python3) -V",
            &["0..19 d0 $(which python3) -V", "2..15 d1 which python3"],
        ),
        (
            "diff <(ls a) >(ls b)",
            &[
                "0..20 d0 diff <(ls a) >(ls b)",
                "7..11 d1 ls a",
                "15..19 d1 ls b",
            ],
        ),
        (
            "echo \"`date`\"",
            &["0..13 d0 echo \"`date`\"{`date`}", "7..11 d1 date"],
        ),
        ("((x++)) && y", &["11..12 d0 y"]),
        // A here-doc body inside a substitution is skipped too, `)` included.
        (
            "x=$(cat <<EOF\nbody )\nEOF\n)",
            &["0..26 d0 [x=$(cat <<EOF\nbody )\nEOF\n)]", "4..13 d1 cat ;"],
        ),
        (
            "[[ \"$(uname)\" == Linux ]] && y",
            &[
                "0..25 d0 [[ \"$(uname)\"{$(uname)} == Linux ]] &&",
                "6..11 d1 uname",
                "29..30 d0 y",
            ],
        ),
        (
            "a && (b || c) | d",
            &[
                "0..1 d0 a &&",
                "6..7 d1 b ||",
                "11..12 d1 c",
                "16..17 d0 | d",
            ],
        ),
    ];
    for (text, expected) in cases {
        check(text, expected);
    }
}

#[test]
fn compound_commands() {
    let cases: &[(&str, &[&str])] = &[
        (
            "if [ -f /x ]; then rm /x; elif true; then :; else echo no; fi && ls",
            &[
                "3..12 d1 [ -f /x ] ;",
                "19..24 d1 rm /x ;",
                "31..35 d1 true ;",
                "42..43 d1 : ;",
                "50..57 d1 echo no ;",
                "65..67 d0 ls",
            ],
        ),
        (
            "for f in $(ls *.deb) a; do dpkg -i \"$f\"; done",
            &["11..19 d2 ls *.deb", "27..39 d1 dpkg -i \"$f\"{$f} ;"],
        ),
        ("for x; do y; done", &["10..11 d1 y ;"]),
        ("for ((i=0; i<3; i++)); do y; done", &["26..27 d1 y ;"]),
        (
            "while read -r l; do echo \"$l\"; done < f | sort",
            &[
                "6..15 d1 read -r l ;",
                "20..29 d1 echo \"$l\"{$l} ;",
                "42..46 d0 | sort",
            ],
        ),
        (
            "until false\ndo\n  x\ndone",
            &["6..11 d1 false ;", "17..18 d1 x ;"],
        ),
        (
            "case \"$(dpkg --print-architecture)\" in\n  amd64|x86_64) A=x ;;\n  (arm64) \
             A=y; B=z ;;\n  *) echo \"bad\"; exit 1 ;;\nesac",
            &[
                "8..33 d2 dpkg --print-architecture",
                "55..58 d1 [A=x] ;",
                "72..75 d1 [A=y] ;",
                "77..80 d1 [B=z] ;",
                "89..99 d1 echo \"bad\"{bad} ;",
                "101..107 d1 exit 1 ;",
            ],
        ),
        (
            "case x in a) echo a\nesac; ls",
            &["13..19 d1 echo a ;", "26..28 d0 ls"],
        ),
        ("case $x in esac", &[]),
        (
            "f() { echo hi; }; function g { x; }; f",
            &["6..13 d1 echo hi ;", "31..32 d1 x ;", "37..38 d0 f"],
        ),
        ("function h() (y)", &["14..15 d1 y"]),
        (
            "[[ -n $a && ( $b < 2 || ! -f x ) ]] && z",
            &[
                "0..35 d0 [[ -n $a && ( $b < 2 || ! -f x ) ]] &&",
                "39..40 d0 z",
            ],
        ),
        ("! grep -q x f", &["2..13 d0 grep -q x f"]),
        (
            "echo if then fi; \\if",
            &["0..15 d0 echo if then fi ;", "17..20 d0 \\if{if}"],
        ),
        (
            "if a; then\n  for b in c; do\n    while d; do e; done\n  done\nfi",
            &["3..4 d1 a ;", "38..39 d3 d ;", "44..45 d3 e ;"],
        ),
        (
            "while x; do y; done 2>/dev/null",
            &["6..7 d1 x ;", "12..13 d1 y ;"],
        ),
    ];
    for (text, expected) in cases {
        check(text, expected);
    }
}

/// A docker-library style RUN line after its line continuations were removed.
#[test]
fn real_world_run_line() {
    let text = "set -eux; \tsavedAptMark=\"$(apt-mark showmanual)\"; \tapt-get update; \
                \tapt-get install -y --no-install-recommends ca-certificates wget; \
                \trm -rf /var/lib/apt/lists/*; \
                \tdpkgArch=\"$(dpkg --print-architecture | awk -F- '{ print $NF }')\"; \
                \tif [ \"$dpkgArch\" = amd64 ]; then export ARCH=x64; fi; \
                \tfor key in $GPG_KEYS; do gpg --batch --recv-keys \"$key\"; done; \
                \tfind /usr/local -type f -executable -not \\( -name '*tkinter*' \\) \
                -exec ldd '{}' ';' \t\t| awk '/=>/ { print $(NF-1) }' \t\t| sort -u \
                \t\t| xargs -r apt-mark manual \t; \
                \t[ -z \"$savedAptMark\" ] || apt-mark manual $savedAptMark > /dev/null; \
                \tpython3 --version";
    check(
        text,
        &[
            "0..8 d0 set -eux ;",
            "11..48 d0 [savedAptMark=\"$(apt-mark showmanual)\"{savedAptMark=$(apt-mark showmanual)}] ;",
            "27..46 d1 apt-mark showmanual",
            "51..65 d0 apt-get update ;",
            "68..131 d0 apt-get install -y --no-install-recommends ca-certificates wget ;",
            "134..161 d0 rm -rf /var/lib/apt/lists/* ;",
            "164..229 d0 [dpkgArch=\"$(dpkg --print-architecture | awk -F- '{ print $NF }')\"\
             {dpkgArch=$(dpkg --print-architecture | awk -F- '{ print $NF }')}] ;",
            "176..201 d1 | dpkg --print-architecture |",
            "204..227 d1 | awk -F- '{ print $NF }'{{ print $NF }}",
            "235..258 d1 [ \"$dpkgArch\"{$dpkgArch} = amd64 ] ;",
            "265..280 d1 export ARCH=x64 ;",
            "312..342 d1 gpg --batch --recv-keys \"$key\"{$key} ;",
            "351..434 d0 | find /usr/local -type f -executable -not \\({(} -name '*tkinter*'{*tkinter*} \
             \\){)} -exec ldd '{}'{{}} ';'{;} |",
            "439..467 d0 | awk '/=>/ { print $(NF-1) }'{/=>/ { print $(NF-1) }} |",
            "472..479 d0 | sort -u |",
            "484..508 d0 | xargs -r apt-mark manual ;",
            "513..535 d0 [ -z \"$savedAptMark\"{$savedAptMark} ] ||",
            "539..580 d0 apt-mark manual $savedAptMark ;",
            "583..600 d0 python3 --version",
        ],
    );
}

#[test]
fn unbalanced_input_is_tolerated() {
    let cases: &[(&str, &[&str])] = &[
        ("(a; b", &["1..2 d1 a ;", "4..5 d1 b"]),
        ("a) b", &["0..1 d0 a", "3..4 d0 b"]),
        ("if a; then b", &["3..4 d1 a ;", "11..12 d1 b"]),
        ("fi; done; esac; }; a", &["19..20 d0 a"]),
        // A missing `done` does not keep the rest of the script nested.
        (
            "if a; then for b in c; do d; fi; e",
            &["3..4 d1 a ;", "26..27 d2 d ;", "33..34 d0 e"],
        ),
        ("echo `a", &["0..7 d0 echo `a", "6..7 d1 a"]),
        (
            "echo $(a; (b",
            &["0..12 d0 echo $(a; (b", "7..8 d1 a ;", "11..12 d2 b"],
        ),
        ("echo ${a", &["0..8 d0 echo ${a"]),
        ("echo $((1", &["0..9 d0 echo $((1"]),
        ("echo \"a", &["0..7 d0 echo \"a{a}"]),
        ("$(", &["0..2 d0 $("]),
        ("<(", &["0..2 d0 <("]),
        ("`", &["0..1 d0 `"]),
    ];
    for (text, expected) in cases {
        check(text, expected);
    }
}

#[test]
fn command_helpers() {
    let s = parse("FOO=1 /usr/bin/pip3 install -r req.txt");
    let c = &s.commands[0];
    assert_eq!(c.name(), Some("/usr/bin/pip3"));
    assert_eq!(c.program(), Some("pip3"));
    let args: Vec<_> = c.args().iter().map(|w| w.value.as_str()).collect();
    assert_eq!(args, ["install", "-r", "req.txt"]);
    assert_eq!(parse("A=1").commands[0].name(), None);
    assert!(parse("A=1").commands[0].args().is_empty());
}

#[test]
fn quoted_flag() {
    let s = parse(r#"a 'b' c\d "" e$f"#);
    let quoted: Vec<_> = s.commands[0].words.iter().map(|w| w.quoted).collect();
    assert_eq!(quoted, [false, true, true, true, false]);
}

/// Every string over a small alphabet of shell metacharacters, up to four long, parses
/// without panicking, with spans inside the text and commands in source order.
#[test]
fn short_inputs_never_panic() {
    const ALPHABET: &[&str] = &[
        "a", " ", "\n", ";", "&", "|", "(", ")", "{", "}", "<", ">", "$", "'", "\"", "`", "\\",
        "#", "é", "if", "fi", "done", "case", "esac", "[[", "for", "<<",
    ];
    let mut stack = vec![(String::new(), 0)];
    while let Some((text, pieces)) = stack.pop() {
        let script = parse(&text);
        let mut last_start = 0;
        for c in &script.commands {
            assert!(
                c.span.start <= c.span.end && c.span.end <= text.len(),
                "{text:?}"
            );
            assert!(c.span.start >= last_start, "{text:?}");
            last_start = c.span.start;
            for w in c.assignments.iter().chain(&c.words) {
                assert!(text.get(w.span.start..w.span.end).is_some(), "{text:?}");
            }
        }
        if pieces < 4 {
            stack.extend(ALPHABET.iter().map(|p| (format!("{text}{p}"), pieces + 1)));
        }
    }
}

#[test]
fn large_and_deeply_nested_inputs_are_linear() {
    let n = 100_000;
    let inputs = [
        "(".repeat(n),
        "$(".repeat(n),
        format!("{}{}", "$(a ".repeat(n), ")".repeat(n)),
        "`".repeat(n),
        "if a; then ".repeat(n),
        "fi ".repeat(n),
        "echo a && ".repeat(n),
        "'".repeat(n),
        "\"$(".repeat(n),
        "${".repeat(n),
        "cat <<E\n".repeat(n),
        "[[ ".repeat(n),
        "case a in ".repeat(n),
    ];
    for text in &inputs {
        let started = std::time::Instant::now();
        let script = parse(text);
        assert!(script.commands.len() <= text.len());
        // Generous: a quadratic parse of these inputs would take minutes.
        assert!(started.elapsed().as_secs() < 5, "{:?}...", &text[..20]);
    }
}
