//! The desktop app's benchmark, through WebDriver on the real window (run it under Xvfb with
//! `bash bench/app.sh`, which builds the release app first):
//!
//! - keystroke to diagnostics on a 500-line Dockerfile: single keystrokes, each waited for, read
//!   from the UI's `drydock:keystroke-to-diagnostics` measures; also from the moment the lint
//!   request was sent (its `drydock:lint-sent:<n>` mark) to the same end;
//! - launch to interactive: the UI's `drydock:interactive` mark against the wall clock just
//!   before the session (and so the app) was requested; also the session's own set-up time;
//! - idle memory: PSS of the app and every process under it (WebKit's web and network
//!   processes) after a few seconds of idle.
//!
//! Usage: `app-bench [--strict] [--keystrokes N]`; `--strict` exits 1 when a target is missed.
//! `DRYDOCK_APP` names the app binary, else the one next to this executable.

use drydock_e2e::app::children;
use drydock_e2e::{App, Failure, Launch, Project, Result};
use serde_json::Value;
use std::fs;
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

/// Every `drydock:keystroke-to-diagnostics` measure as `[from the edit, from the lint request]`
/// in ms. The lint request answered is the last one sent before the diagnostics were applied.
const LATENCIES: &str = r#"
const sent = performance.getEntriesByType("mark")
  .filter(mark => mark.name.startsWith("drydock:lint-sent"))
  .map(mark => mark.startTime);
return performance.getEntriesByName("drydock:keystroke-to-diagnostics").map(measure => {
  const end = measure.startTime + measure.duration;
  const request = Math.max(...sent.filter(time => time <= end));
  return [measure.duration, Number.isFinite(request) ? end - request : null];
});
"#;

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

    app.type_in_editor(Key::Control + Key::End).await?;
    let before = latencies(app).await?.len();
    for (typed, key) in TYPED.chars().cycle().take(keystrokes).enumerate() {
        app.type_in_editor(key.to_string()).await?;
        app.wait_for(
            &format!("the diagnostics of keystroke {}", typed + 1),
            KEYSTROKE_TIMEOUT,
            &format!(
                "return performance.getEntriesByName('drydock:keystroke-to-diagnostics').length > {};",
                before + typed
            ),
        )
        .await?;
    }
    let measures = latencies(app).await?.split_off(before);
    tokio::time::sleep(IDLE).await;
    let memory = Memory::of_app(app)?;
    Ok(Measured {
        interactive_ms,
        session_time: app.session_time,
        from_edit: measures.iter().map(|pair| pair[0]).collect(),
        from_lint_sent: measures
            .iter()
            .filter_map(|pair| pair.get(1).copied())
            .collect(),
        memory,
    })
}

async fn latencies(app: &App) -> Result<Vec<Vec<f64>>> {
    let value = app.js(LATENCIES).await?;
    Ok(value
        .as_array()
        .into_iter()
        .flatten()
        .map(|pair| {
            pair.as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_f64)
                .collect()
        })
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

fn process_name(pid: u32) -> String {
    fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|name| name.trim().to_owned())
        .unwrap_or_else(|_| pid.to_string())
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
