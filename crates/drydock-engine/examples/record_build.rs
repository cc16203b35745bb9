//! Records a build's raw stream as JSON lines, to refresh the replay fixtures in
//! `tests/fixtures/`:
//!
//! ```text
//! cargo run -p drydock-engine --example record_build -- \
//!     buildkit|classic CONTEXT_DIR OUT.jsonl [--no-cache] [--tag TAG]
//! ```
//!
//! Connects like the docker CLI and prints the normalised events on stderr as it goes.

use std::io::Write;

use drydock_engine::build::{BuildEvent, BuildSink, BuilderChoice};
use drydock_engine::{BuildOptions, Engine};
use tokio_util::sync::CancellationToken;

struct Recorder(std::fs::File);

impl BuildSink for Recorder {
    fn event(&mut self, event: BuildEvent) {
        eprintln!("{event:?}");
    }

    fn raw_line(&mut self, line: &str) {
        writeln!(self.0, "{line}").expect("cannot write the recording");
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [builder, context, out, flags @ ..] = args.as_slice() else {
        eprintln!(
            "usage: record_build buildkit|classic CONTEXT_DIR OUT.jsonl [--no-cache] [--tag TAG]"
        );
        std::process::exit(2);
    };
    let mut options = BuildOptions::new(context);
    options.builder = match builder.as_str() {
        "buildkit" => BuilderChoice::BuildKit,
        "classic" => BuilderChoice::Classic,
        other => panic!("unknown builder {other}"),
    };
    options.no_cache = flags.iter().any(|f| f == "--no-cache");
    options.tag = flags
        .iter()
        .position(|f| f == "--tag")
        .and_then(|i| flags.get(i + 1).cloned());
    let engine = Engine::connect().await.unwrap_or_else(|e| panic!("{e}"));
    let mut recorder = Recorder(std::fs::File::create(out).expect("cannot create the recording"));
    let result = engine
        .build(&options, &CancellationToken::new(), &mut recorder)
        .await;
    eprintln!("{result:?}");
}
