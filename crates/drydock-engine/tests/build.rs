//! Builds against the real daemon, with both builders: steps and lines, cache, failures,
//! cancelling, `.dockerignore` and masking.

mod common;

use std::time::{Duration, Instant};

use common::{build_once, multistage_context, options, Recorder, TempDir, BASE_IMAGE};
use drydock_engine::build::{BuildError, BuildEvent, BuilderChoice};
use tokio_util::sync::CancellationToken;

const BUILDERS: [BuilderChoice; 2] = [BuilderChoice::BuildKit, BuilderChoice::Classic];

#[tokio::test]
async fn multistage_build_reports_steps_with_their_lines() {
    let Some(engine) = common::daemon("multistage_build_reports_steps_with_their_lines").await
    else {
        return;
    };
    let context = multistage_context("multistage");
    for builder in BUILDERS {
        let options = options(&context, builder, "multistage");
        let (result, recorder) = build_once(&engine, &options).await;
        let summary = result.unwrap_or_else(|e| panic!("{builder:?}: {e}"));

        let lines: Vec<_> = summary.steps.iter().map(|s| (s.index, s.line)).collect();
        let expected: &[(usize, Option<u32>)] = match builder {
            // Only what the final image needs, in Dockerfile order.
            BuilderChoice::BuildKit => &[
                (1, Some(2)),
                (2, Some(3)),
                (3, Some(4)),
                (4, Some(5)),
                (5, Some(9)),
                (6, Some(10)),
            ],
            // Every instruction, the unused stage too.
            _ => &[
                (1, Some(1)),
                (2, Some(2)),
                (3, Some(3)),
                (4, Some(4)),
                (5, Some(5)),
                (6, Some(7)),
                (7, Some(8)),
                (8, Some(9)),
                (9, Some(10)),
                (10, Some(11)),
                (11, Some(12)),
                (12, Some(13)),
                (13, Some(14)),
                (14, Some(15)),
                (15, Some(16)),
            ],
        };
        assert_eq!(lines, expected, "{builder:?}");
        let run = summary.steps.iter().find(|s| s.line == Some(5)).unwrap();
        assert_eq!(run.instruction, "RUN cat hello.txt > out.txt && echo built");
        assert!(
            recorder.logs().contains(&"built"),
            "{builder:?}: {:?}",
            recorder.logs()
        );
        assert_eq!(recorder.started().len(), summary.steps.len());
        let copy = summary.steps.iter().find(|s| s.line == Some(10)).unwrap();
        assert_eq!(
            copy.size_bytes,
            Some(6),
            "{builder:?}: the final COPY adds hello.txt"
        );
        assert_eq!(summary.layers.len(), 2, "{builder:?}: base and COPY");
        assert!(summary.size_bytes > 1_000_000);
        assert!(matches!(
            recorder.events.last(),
            Some(BuildEvent::Finished(_))
        ));
    }
}

#[tokio::test]
async fn target_builds_up_to_its_stage() {
    let Some(engine) = common::daemon("target_builds_up_to_its_stage").await else {
        return;
    };
    let context = multistage_context("target");
    for builder in BUILDERS {
        let mut options = options(&context, builder, "target");
        options.target = Some("build".into());
        let (result, _) = build_once(&engine, &options).await;
        let summary = result.unwrap_or_else(|e| panic!("{builder:?}: {e}"));
        let lines: Vec<_> = summary.steps.iter().filter_map(|s| s.line).collect();
        match builder {
            BuilderChoice::BuildKit => assert_eq!(lines, [2, 3, 4, 5]),
            _ => assert_eq!(lines, [1, 2, 3, 4, 5]),
        }
        let run = summary.steps.last().unwrap();
        assert!(run.size_bytes.is_some(), "{builder:?}: {run:?}");
    }
}

#[tokio::test]
async fn rebuild_is_fully_cached_and_counted() {
    let Some(engine) = common::daemon("rebuild_is_fully_cached_and_counted").await else {
        return;
    };
    let context = multistage_context("cached");
    for builder in BUILDERS {
        let options = options(&context, builder, "cached");
        let mut first = Recorder::default();
        let mut second = Recorder::default();
        let cancel = CancellationToken::new();
        let built = common::build(&engine, &options, &cancel, &mut first).await;
        let rebuilt = common::build(&engine, &options, &cancel, &mut second).await;
        first.clean_up(&engine).await;
        second.clean_up(&engine).await;
        let (built, rebuilt) = (built.unwrap(), rebuilt.unwrap());
        assert_eq!(built.image_id, rebuilt.image_id, "{builder:?}");
        assert_eq!(
            rebuilt.cache_hits,
            rebuilt.steps.len(),
            "{builder:?}: {rebuilt:?}"
        );
        assert!(rebuilt.steps.iter().all(|s| s.cached));
        let finished_cached = second
            .events
            .iter()
            .filter(|e| matches!(e, BuildEvent::StepFinished { cached: true, .. }))
            .count();
        assert_eq!(finished_cached, rebuilt.steps.len());
    }
}

#[tokio::test]
async fn failing_step_is_mapped_to_its_line() {
    let Some(engine) = common::daemon("failing_step_is_mapped_to_its_line").await else {
        return;
    };
    let context = TempDir::new("failing");
    context.file(
        "Dockerfile",
        &format!(
            "FROM {BASE_IMAGE}\nWORKDIR /app/{}\n\n# the next one fails\nRUN echo going && \\\n    exit 3\nRUN echo unreachable\n",
            common::unique("failing")
        ),
    );
    for builder in BUILDERS {
        let options = options(&context, builder, "failing");
        let (result, recorder) = build_once(&engine, &options).await;
        let Err(BuildError::Failed(failure)) = result else {
            panic!("{builder:?}: expected a failed step, got {result:?}");
        };
        assert_eq!(failure.step, Some(3), "{builder:?}");
        assert_eq!(failure.line, Some(5), "{builder:?}");
        assert_eq!(
            failure.instruction.as_deref(),
            Some("RUN echo going && exit 3")
        );
        assert!(
            failure.message.contains('3'),
            "{builder:?}: {}",
            failure.message
        );
        assert!(recorder.logs().contains(&"going"), "{:?}", recorder.logs());
        assert!(matches!(recorder.events.last(), Some(BuildEvent::Failed(f)) if f.line == Some(5)));
        assert!(!recorder
            .started()
            .iter()
            .any(|(_, line, _)| *line == Some(7)));
    }
}

#[tokio::test]
async fn cancel_stops_the_build_and_leaves_no_container() {
    let Some(engine) = common::daemon("cancel_stops_the_build").await else {
        return;
    };
    for builder in BUILDERS {
        let marker = format!("sleeper-{}", common::unique("cancel"));
        let context = TempDir::new("cancel");
        context.file(
            "Dockerfile",
            &format!("FROM {BASE_IMAGE}\nRUN echo {marker} && sleep 30\n"),
        );
        let mut options = options(&context, builder, "cancel");
        options.no_cache = true;
        let cancel = CancellationToken::new();
        let trigger = cancel.clone();
        let started = Instant::now();
        // Cancel once the step's output shows that its process runs.
        let mut sink = |event: BuildEvent| {
            if matches!(&event, BuildEvent::StepLog { text, .. } if text.contains("sleeper-")) {
                trigger.cancel();
            }
        };
        let result = common::build(&engine, &options, &cancel, &mut sink).await;
        assert!(
            matches!(result, Err(BuildError::Cancelled)),
            "{builder:?}: {result:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(25), "{builder:?}");
        common::wait_until_gone(&marker, Duration::from_secs(10))
            .await
            .unwrap_or_else(|left| panic!("{builder:?}: left behind: {left}"));
    }
}

#[tokio::test]
async fn dockerignored_files_are_not_in_the_image() {
    let Some(engine) = common::daemon("dockerignored_files_are_not_in_the_image").await else {
        return;
    };
    let context = TempDir::new("ignore");
    context
        .file(
            "Dockerfile",
            &format!(
                "FROM {BASE_IMAGE}\nWORKDIR /ctx/{}\nCOPY . .\nRUN test -f keep.txt && test -f docs/README.md && \
                 test ! -e secret.env && test ! -e docs/draft.md && test ! -e cache\n",
                common::unique("ignore")
            ),
        )
        .file(".dockerignore", "*.env\ncache\ndocs/*\n!docs/README.md\n")
        .file("keep.txt", "keep\n")
        .file("secret.env", "TOKEN=x\n")
        .file("docs/README.md", "read me\n")
        .file("docs/draft.md", "draft\n")
        .file("cache/big.bin", "0123456789\n");
    for builder in BUILDERS {
        let options = options(&context, builder, "ignore");
        let (result, _) = build_once(&engine, &options).await;
        result.unwrap_or_else(|e| panic!("{builder:?}: an ignored file reached the image: {e}"));
    }
}

#[tokio::test]
async fn build_arg_values_never_leave_the_engine() {
    let Some(engine) = common::daemon("build_arg_values_never_leave_the_engine").await else {
        return;
    };
    let secret = "s3cr3t-token-value";
    let context = TempDir::new("masking");
    context.file(
        "Dockerfile",
        &format!(
            "FROM {BASE_IMAGE}\nWORKDIR /{}\nARG API_TOKEN\nRUN echo \"token is $API_TOKEN\"\n",
            common::unique("masking")
        ),
    );
    for builder in BUILDERS {
        let mut options = options(&context, builder, "masking");
        options.build_args.insert("API_TOKEN".into(), secret.into());
        let (result, recorder) = build_once(&engine, &options).await;
        let summary = result.unwrap_or_else(|e| panic!("{builder:?}: {e}"));
        assert!(
            recorder.logs().contains(&"token is ***"),
            "{:?}",
            recorder.logs()
        );
        // The classic builder also records the arguments in the RUN's history entry.
        let everything = format!("{:?} {summary:?} {:?}", recorder.events, recorder.raw);
        assert!(!everything.contains(secret), "{builder:?}: {everything}");
    }
}
