//! Inspecting images: the config and layers of an image as built, and a missing image.

mod common;

use drydock_engine::build::BuilderChoice;
use drydock_engine::inspect::Healthcheck;
use tokio_util::sync::CancellationToken;

#[tokio::test]
async fn inspect_reports_the_config_as_built() {
    let Some(engine) = common::daemon("inspect_reports_the_config_as_built").await else {
        return;
    };
    let context = common::multistage_context("inspect");
    let options = common::options(&context, BuilderChoice::Auto, "inspect");
    let mut recorder = common::Recorder::default();
    let built = engine
        .build(&options, &CancellationToken::new(), &mut recorder)
        .await;
    let details = engine.inspect_image(options.tag.as_deref().unwrap()).await;
    recorder.clean_up(&engine).await;
    let (built, details) = (built.unwrap(), details.unwrap());
    assert_eq!(details.id, built.image_id);
    assert_eq!(details.size_bytes, built.size_bytes);
    assert_eq!(details.tags, [options.tag.clone().unwrap()]);
    let config = &details.config;
    assert_eq!(config.user.as_deref(), Some("app"));
    assert_eq!(config.exposed_ports, ["8080/tcp"]);
    assert_eq!(
        config.cmd.as_deref(),
        Some(&["cat".to_owned(), "/app/out.txt".to_owned()][..])
    );
    assert_eq!(config.entrypoint, None);
    assert_eq!(
        config
            .labels
            .get("org.opencontainers.image.title")
            .map(String::as_str),
        Some("engine-test")
    );
    assert!(config.env.contains(&("GREETING".into(), "hi".into())));
    assert_eq!(
        config.healthcheck,
        Some(Healthcheck::Check {
            test: vec!["CMD-SHELL".into(), "test -f /app/out.txt".into()],
            interval_ms: Some(30_000),
            timeout_ms: Some(3_000),
            start_period_ms: None,
            start_interval_ms: None,
            retries: Some(2),
        })
    );
    assert_eq!(details.layers.len(), 2);
    let copy = &details.layers[1];
    assert!(copy.instruction.starts_with("COPY "), "{copy:?}");
    assert_eq!(copy.size_bytes, 6);
    assert!(copy
        .digest
        .as_deref()
        .is_some_and(|d| d.starts_with("sha256:")));
    assert!(details
        .history
        .iter()
        .any(|h| h.empty_layer && h.instruction.starts_with("USER app")));
}

#[tokio::test]
async fn inspecting_a_missing_image_says_so() {
    let Some(engine) = common::daemon("inspecting_a_missing_image_says_so").await else {
        return;
    };
    let err = engine
        .inspect_image("drydock-engine-test/does-not-exist:nope")
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "no image `drydock-engine-test/does-not-exist:nope` on the daemon"
    );
}
