//! The desktop app's benchmark, through WebDriver on the real window (run it under Xvfb with
//! `bash bench/app.sh`, which builds the release app first):
//!
//! - keystroke to diagnostics on a 500-line Dockerfile: single keystrokes, each waited for, read
//!   from the UI's `drydock:keystroke-to-diagnostics` measures; also from the moment the lint
//!   request was sent (`drydock:lint-sent-to-diagnostics`);
//! - launch to interactive: the UI's `drydock:interactive` mark against the wall clock just
//!   before the session (and so the app) was requested; also the session's own set-up time;
//! - idle memory: PSS of the app and every process under it (WebKit's web and network
//!   processes) after a few seconds of idle once interactive, before the typing.
//!
//! Usage: `app-bench [--strict] [--keystrokes N]`; `--strict` exits 1 when a target is missed.
//! `DRYDOCK_APP` names the app binary, else the one next to this executable.

use drydock_e2e::app::children;
use drydock_e2e::{App, Failure, Launch, Project, Result};
use serde_json::Value;
use std::fs;
use std::path::Path;
use std::time::{Duration, UNIX_EPOCH};
use thirtyfour::Key;

const KEYSTROKE_TARGET_MS: f64 = 16.0;
const INTERACTIVE_TARGET_MS: f64 = 1500.0;
const MEMORY_TARGET_MB: f64 = 350.0;
const LINES: usize = 500;
const DEFAULT_KEYSTROKES: usize = 60;
const TYPED: &str = "RUN echo typing into a long file ";
const IDLE: Duration = Duration::from_secs(5);
const INTERACTIVE_TIMEOUT: Duration = Duration::from_secs(60);
const KEYSTROKE_TIMEOUT: Duration = Duration::from_secs(5);

/// The project's fixtures, repeated: real instructions, every rule has work to do.
const FIXTURES: &[&str] = &[
    include_str!("../../../tests/fixtures/dockerfiles/node-multistage.Dockerfile"),
    include_str!("../../../tests/fixtures/dockerfiles/python-heredoc.Dockerfile"),
    include_str!("../../../tests/fixtures/dockerfiles/legacy-smells.Dockerfile"),
    include_str!("../../../tests/fixtures/dockerfiles/go-scratch.Dockerfile"),
];

/// The UI's measures: from each edit, and from each lint request, to its diagnostics applied.
const FROM_EDIT: &str = "drydock:keystroke-to-diagnostics";
const FROM_LINT_SENT: &str = "drydock:lint-sent-to-diagnostics";

#[tokio::main]
async fn main() {
    let options = match Options::parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(usage) => {
            eprintln!("{usage}\nusage: app-bench [--strict] [--keystrokes N]");
            std::process::exit(2);
        }
    };
    match run(&options).await {
        Ok(report) => {
            print!("{}", report.text);
            if options.strict && !report.missed.is_empty() {
                eprintln!("missed: {}", report.missed.join(", "));
                std::process::exit(1);
            }
        }
        Err(failure) => {
            eprintln!("app-bench: {failure}");
            std::process::exit(2);
        }
    }
}

struct Options {
    strict: bool,
    keystrokes: usize,
}

impl Options {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
        let mut options = Options {
            strict: false,
            keystrokes: DEFAULT_KEYSTROKES,
        };
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--strict" => options.strict = true,
                "--keystrokes" => {
                    options.keystrokes = args
                        .next()
                        .and_then(|n| n.parse().ok())
                        .filter(|&n| n > 0)
                        .ok_or("--keystrokes takes a positive number")?;
                }
                other => return Err(format!("unknown argument {other}")),
            }
        }
        Ok(options)
    }
}

struct Report {
    text: String,
    missed: Vec<&'static str>,
}

impl Report {
    /// One line per figure, with its target and whether it was met.
    fn figure(&mut self, name: &'static str, value: String, met: Option<bool>, target: &str) {
        let verdict = match met {
            Some(true) => "ok",
            Some(false) => {
                self.missed.push(name);
                "MISSED"
            }
            None => "",
        };
        self.text += &format!("{name:<28} {value:<34} {target:<14} {verdict}\n");
    }
}

async fn run(options: &Options) -> Result<Report> {
    let dockerfile = long_dockerfile();
    let project = Project::with_dockerfile("bench", &dockerfile)?;
    let binary = Launch::app_binary()?;
    let app = App::launch(Launch {
        binary: binary.clone(),
        project: &project,
    })
    .await?;
    let measured = measure(&app, options.keystrokes).await;
    let measured = match measured {
        Ok(measured) => Ok(measured),
        Err(failure) => Err(Failure::new(format!(
            "{failure}\n{}",
            app.page_state().await
        ))),
    };
    app.quit().await?;
    let measured = measured?;

    let mut report = Report {
        text: format!(
            "app benchmark: {}, a {}-line Dockerfile, {} keystrokes\n",
            binary.display(),
            dockerfile.lines().count(),
            measured.from_edit.len()
        ),
        missed: Vec::new(),
    };
    let keystroke = Stats::of(&measured.from_edit);
    report.figure(
        "keystroke to diagnostics",
        keystroke.to_string(),
        Some(keystroke.p95 < KEYSTROKE_TARGET_MS),
        &format!("p95 < {KEYSTROKE_TARGET_MS} ms"),
    );
    report.figure(
        "lint sent to diagnostics",
        Stats::of(&measured.from_lint_sent).to_string(),
        None,
        "",
    );
    report.figure(
        "launch to interactive",
        format!("{:.0} ms", measured.interactive_ms),
        Some(measured.interactive_ms < INTERACTIVE_TARGET_MS),
        &format!("< {INTERACTIVE_TARGET_MS} ms"),
    );
    report.figure(
        "session created",
        format!("{} ms", measured.session_time.as_millis()),
        None,
        "",
    );
    report.figure(
        "idle memory (PSS)",
        format!("{:.1} MB", measured.memory.total_mb()),
        Some(measured.memory.total_mb() < MEMORY_TARGET_MB),
        &format!("< {MEMORY_TARGET_MB} MB"),
    );
    report.text += &measured.memory.breakdown();
    Ok(report)
}

struct Measured {
    interactive_ms: f64,
    session_time: Duration,
    from_edit: Vec<f64>,
    from_lint_sent: Vec<f64>,
    memory: Memory,
}

async fn measure(app: &App, keystrokes: usize) -> Result<Measured> {
    let interactive = app
        .wait_for(
            "the drydock:interactive mark",
            INTERACTIVE_TIMEOUT,
            "const mark = performance.getEntriesByName('drydock:interactive')[0];
             return mark ? performance.timeOrigin + mark.startTime : null;",
        )
        .await?;
    let requested_ms = app
        .requested_at
        .duration_since(UNIX_EPOCH)
        .map_err(|e| Failure::new(e.to_string()))?
        .as_secs_f64()
        * 1000.0;
    let interactive_ms = interactive.as_f64().unwrap_or(f64::NAN) - requested_ms;
    // Idle: the project open, nothing typed yet.
    tokio::time::sleep(IDLE).await;
    let memory = Memory::of_app(app)?;

    app.type_in_editor(Key::Control + Key::End).await?;
    let edits_before = durations(app, FROM_EDIT).await?.len();
    let lints_before = durations(app, FROM_LINT_SENT).await?.len();
    for (typed, key) in TYPED.chars().cycle().take(keystrokes).enumerate() {
        app.type_in_editor(key.to_string()).await?;
        app.wait_for(
            &format!("the diagnostics of keystroke {}", typed + 1),
            KEYSTROKE_TIMEOUT,
            &format!(
                "return performance.getEntriesByName({FROM_EDIT:?}).length > {};",
                edits_before + typed
            ),
        )
        .await?;
    }
    let from_edit = durations(app, FROM_EDIT).await?.split_off(edits_before);
    let from_lint_sent = durations(app, FROM_LINT_SENT)
        .await?
        .split_off(lints_before);
    Ok(Measured {
        interactive_ms,
        session_time: app.session_time,
        from_edit,
        from_lint_sent,
        memory,
    })
}

/// The durations, in ms, of the page's performance measures with this name.
async fn durations(app: &App, name: &str) -> Result<Vec<f64>> {
    let value = app
        .js(&format!(
            "return performance.getEntriesByName({name:?}).map(measure => measure.duration);"
        ))
        .await?;
    Ok(value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_f64)
        .collect())
}

/// Whole fixtures, one after another, until there are `LINES` lines; then cut there.
fn long_dockerfile() -> String {
    let lines: Vec<&str> = FIXTURES
        .iter()
        .cycle()
        .flat_map(|fixture| fixture.lines())
        .take(LINES)
        .collect();
    lines.join("\n") + "\n"
}

struct Stats {
    median: f64,
    p95: f64,
    count: usize,
}

impl Stats {
    fn of(samples: &[f64]) -> Stats {
        let mut sorted = samples.to_vec();
        sorted.sort_by(f64::total_cmp);
        let at = |q: f64| {
            sorted
                .get(((sorted.len() as f64 - 1.0) * q).round() as usize)
                .copied()
                .unwrap_or(f64::NAN)
        };
        Stats {
            median: at(0.5),
            p95: at(0.95),
            count: sorted.len(),
        }
    }
}

impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "median {:.1} ms, p95 {:.1} ms (n={})",
            self.median, self.p95, self.count
        )
    }
}

/// PSS per process of the app's tree, in KiB (the kernel's "kB").
struct Memory(Vec<(String, u64)>);

/// Megabytes of 10^6 bytes, as the budgets count them.
fn megabytes(kib: u64) -> f64 {
    kib as f64 * 1024.0 / 1e6
}

impl Memory {
    fn of_app(app: &App) -> Result<Memory> {
        let root = app
            .app_pid()
            .ok_or_else(|| Failure::new("the driver started no app process"))?;
        let mut pids = vec![root];
        let mut next = 0;
        while next < pids.len() {
            pids.extend(children(pids[next]));
            next += 1;
        }
        pids.into_iter()
            .map(|pid| Ok((process_name(pid), pss_kb(pid)?)))
            .collect::<Result<_>>()
            .map(Memory)
    }

    fn total_mb(&self) -> f64 {
        megabytes(self.0.iter().map(|(_, kib)| kib).sum())
    }

    fn breakdown(&self) -> String {
        self.0
            .iter()
            .map(|(name, kib)| format!("  {name:<26} {:.1} MB\n", megabytes(*kib)))
            .collect()
    }
}

/// The program's file name, from its command line (`comm` cuts names at 15 bytes).
fn process_name(pid: u32) -> String {
    fs::read(format!("/proc/{pid}/cmdline"))
        .ok()
        .and_then(|cmdline| {
            let program = cmdline.split(|&byte| byte == 0).next()?;
            let name = Path::new(std::str::from_utf8(program).ok()?).file_name()?;
            Some(name.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| pid.to_string())
}

/// The `Pss:` line of `/proc/PID/smaps_rollup`.
fn pss_kb(pid: u32) -> Result<u64> {
    let rollup = fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))?;
    rollup
        .lines()
        .find_map(|line| line.strip_prefix("Pss:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| Failure::new(format!("no Pss in /proc/{pid}/smaps_rollup")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_long_dockerfile_has_the_lines_asked_for() {
        assert_eq!(long_dockerfile().lines().count(), LINES);
    }

    #[test]
    fn stats_take_the_nearest_rank() {
        let samples: Vec<f64> = (1..=21).rev().map(f64::from).collect();
        let stats = Stats::of(&samples);
        assert_eq!((stats.median, stats.p95, stats.count), (11.0, 20.0, 21));
    }

    #[test]
    fn options_need_a_positive_keystroke_count() {
        let parse = |args: &[&str]| Options::parse(args.iter().map(|a| a.to_string()));
        let options = parse(&["--strict", "--keystrokes", "5"]).unwrap();
        assert!(options.strict);
        assert_eq!(options.keystrokes, 5);
        assert!(parse(&["--keystrokes", "0"]).is_err());
        assert!(parse(&["--fast"]).is_err());
    }
}
