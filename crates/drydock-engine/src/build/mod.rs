//! Building an image: the context streamed as a tar, BuildKit (with a session) or the classic
//! builder, and one stream of [`BuildEvent`]s for both, sent to the caller's [`BuildSink`].
//! Every text in an event is masked (build-argument values, credentials) before it leaves.

mod context;
mod events;
mod normalize;
mod plan;
mod raw;
mod summary;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use bollard::query_parameters::{BuildImageOptions, BuildImageOptionsBuilder, BuilderVersion};
use drydock_mask::Masker;
use futures_util::StreamExt;
use tokio_util::sync::CancellationToken;

pub use context::ContextError;
pub use events::{BuildEvent, BuildFailure, BuildSummary, BuilderKind, StepSummary};

use crate::inspect::InspectError;
use crate::Engine;
use normalize::Normalizer;
use plan::StepPlan;
use raw::RawItem;

/// Which builder to use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum BuilderChoice {
    /// BuildKit when the daemon has it, the classic builder otherwise.
    #[default]
    Auto,
    BuildKit,
    Classic,
}

/// What to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The build context directory.
    pub context: PathBuf,
    /// The Dockerfile; a relative path is taken relative to the context. `None` means
    /// `Dockerfile` in the context.
    pub dockerfile: Option<PathBuf>,
    pub tag: Option<String>,
    pub target: Option<String>,
    pub build_args: BTreeMap<String, String>,
    /// `linux/amd64` style.
    pub platform: Option<String>,
    pub no_cache: bool,
    pub builder: BuilderChoice,
}

impl BuildOptions {
    /// Options for the context directory with everything else at its default.
    pub fn new(context: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            context: context.into(),
            ..BuildOptions::default()
        }
    }

    fn dockerfile_path(&self) -> PathBuf {
        match &self.dockerfile {
            Some(path) => self.context.join(path),
            None => self.context.join("Dockerfile"),
        }
    }

    /// The masker for this build's arguments.
    pub fn masker(&self) -> Masker {
        Masker::for_build_args(
            self.build_args
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        )
    }
}

/// The text with secrets masked, without copying clean text.
pub(crate) fn masked(masker: &Masker, text: String) -> String {
    match masker.mask(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(masked) => masked,
    }
}

/// Receives a build's events. A closure `FnMut(BuildEvent) + Send` is a sink. `Send`, so
/// that a build can run as a task of a multi-threaded runtime (the app's commands do).
pub trait BuildSink: Send {
    fn event(&mut self, event: BuildEvent);

    /// Each stream item as received, as one masked JSON line: `{"info":{...},"t":MS}` with
    /// the item in the daemon's wire format, or `{"error":{...},"t":MS}`; `t` is the arrival
    /// in milliseconds since the request. For recording a stream to replay it (see
    /// `tests/fixtures`); ignored unless a sink wants it.
    fn raw_line(&mut self, line: &str) {
        let _ = line;
    }
}

impl<F: FnMut(BuildEvent) + Send> BuildSink for F {
    fn event(&mut self, event: BuildEvent) {
        self(event)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("cannot read the Dockerfile {}: {source}", path.display())]
    Dockerfile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the daemon cannot build with BuildKit (Docker {version}, API {api}): use the classic \
         builder"
    )]
    BuildKitUnavailable { version: String, api: String },
    #[error(transparent)]
    Context(#[from] ContextError),
    /// The build ran and failed; the failure was also sent as [`BuildEvent::Failed`].
    #[error("{}", .0.message)]
    Failed(BuildFailure),
    #[error("the build was cancelled")]
    Cancelled,
    #[error("the build finished without reporting an image id")]
    NoImage,
    #[error(transparent)]
    Inspect(#[from] InspectError),
}

impl Engine {
    /// Builds an image, sending events to `sink` as the build runs.
    ///
    /// Cancelling `cancel` (or dropping the future) drops the request, which makes the daemon
    /// stop the build: the classic builder kills and removes its intermediate container,
    /// BuildKit stops the running step.
    pub async fn build(
        &self,
        options: &BuildOptions,
        cancel: &CancellationToken,
        sink: &mut dyn BuildSink,
    ) -> Result<BuildSummary, BuildError> {
        let started = Instant::now();
        let masker = options.masker();
        let builder = self.builder_for(options.builder)?;
        let dockerfile_path = options.dockerfile_path();
        let text = tokio::fs::read_to_string(&dockerfile_path)
            .await
            .map_err(|source| BuildError::Dockerfile {
                path: dockerfile_path.clone(),
                source,
            })?;
        let plan = StepPlan::new(
            &drydock_syntax::parse(&text),
            &text,
            builder,
            options.target.as_deref(),
        );
        let context = context::ContextPlan::new(&options.context, &dockerfile_path)?;
        let request = request_options(options, builder, &context.dockerfile_name);
        let normalizer = Normalizer::new(plan.clone(), builder, options.no_cache, &masker);
        sink.event(normalizer.started());

        let outcome = self
            .follow(request, context, normalizer, started, cancel, sink)
            .await?;
        if let Some(failure) = outcome.failure {
            return Err(BuildError::Failed(failure));
        }
        let image_id = outcome.image_id.clone().ok_or(BuildError::NoImage)?;
        let image = self.inspect_image(&image_id).await?;
        let elapsed_ms = started.elapsed().as_millis() as u64;
        let summary =
            summary::summarise(&plan, outcome, image, options, builder, elapsed_ms).masked(&masker);
        sink.event(BuildEvent::Finished(Box::new(summary.clone())));
        Ok(summary)
    }

    /// Sends the request with the context and follows the stream to its end, handing each
    /// item to the sink raw and normalised.
    async fn follow(
        &self,
        request: BuildImageOptions,
        context: context::ContextPlan,
        mut normalizer: Normalizer<'_>,
        started: Instant,
        cancel: &CancellationToken,
        sink: &mut dyn BuildSink,
    ) -> Result<normalize::StreamOutcome, BuildError> {
        let masker = normalizer.masker();
        let (body, walker) = context.stream();
        let mut stream =
            self.docker()
                .build_image(request, None, Some(bollard::body_try_stream(body)));
        loop {
            let item = tokio::select! {
                biased;
                _ = cancel.cancelled() => {
                    // Dropping the request is what stops the build on the daemon.
                    drop(stream);
                    sink.event(BuildEvent::Cancelled);
                    return Err(BuildError::Cancelled);
                }
                item = stream.next() => item,
            };
            let Some(item) = item else { break };
            let raw = RawItem::new(started.elapsed().as_millis() as u64, item);
            sink.raw_line(&raw.to_json_line(masker));
            for event in normalizer.feed(&raw) {
                sink.event(event);
            }
        }
        drop(stream);

        // A failed walk truncates the upload; its own error says which file, the daemon's
        // does not.
        if let Ok(Err(context_error)) = walker.await {
            let failure = BuildFailure {
                step: None,
                line: None,
                instruction: None,
                message: context_error.to_string(),
            };
            sink.event(BuildEvent::Failed(failure.masked(masker)));
            return Err(context_error.into());
        }
        let (events, outcome) = normalizer.finish();
        for event in events {
            sink.event(event);
        }
        Ok(outcome)
    }

    fn builder_for(&self, choice: BuilderChoice) -> Result<BuilderKind, BuildError> {
        let buildkit = self.daemon().buildkit;
        match choice {
            BuilderChoice::Auto if buildkit => Ok(BuilderKind::BuildKit),
            BuilderChoice::Auto | BuilderChoice::Classic => Ok(BuilderKind::Classic),
            BuilderChoice::BuildKit if buildkit => Ok(BuilderKind::BuildKit),
            BuilderChoice::BuildKit => Err(BuildError::BuildKitUnavailable {
                version: self.daemon().version.clone(),
                api: self.daemon().api_version.clone(),
            }),
        }
    }
}

fn request_options(
    options: &BuildOptions,
    builder: BuilderKind,
    dockerfile: &str,
) -> BuildImageOptions {
    let build_args: std::collections::HashMap<&str, &str> = options
        .build_args
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let mut request = BuildImageOptionsBuilder::new()
        .dockerfile(dockerfile)
        .buildargs(&build_args)
        .nocache(options.no_cache)
        .rm(true)
        // Intermediate containers go even when a step fails.
        .forcerm(true);
    if let Some(tag) = &options.tag {
        request = request.t(tag);
    }
    if let Some(target) = &options.target {
        request = request.target(target);
    }
    if let Some(platform) = &options.platform {
        request = request.platform(platform);
    }
    request = match builder {
        BuilderKind::BuildKit => request
            .version(BuilderVersion::BuilderBuildKit)
            .session(&session_id()),
        BuilderKind::Classic => request.version(BuilderVersion::BuilderV1),
    };
    request.build()
}

/// A session id unique to this process and build.
fn session_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(
        "drydock-{}-{nanos:x}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}
