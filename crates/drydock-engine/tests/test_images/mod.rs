//! Images for the test-run tests, built from the local busybox with the engine's own build
//! (nothing is pulled), and a look at the daemon's containers to prove a run left none.

#![allow(dead_code)] // each test binary uses its own part of this module

use std::collections::HashMap;

use bollard::query_parameters::ListContainersOptionsBuilder;
use bollard::Docker;
use drydock_engine::{BuildEvent, BuildOptions, BuildSummary, Engine};
use tokio_util::sync::CancellationToken;

use crate::common::TempDir;

/// busybox httpd serving `/www` on 8080 as the image's `app` user (uid 10001).
pub const SERVER: &str = r#"FROM drydock-test/busybox:latest
COPY www /www
USER app
EXPOSE 8080
CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]
"#;

/// What the server answers on `/`.
pub const INDEX: &str = "drydock ok\n";

/// Builds `dockerfile` (with `www/index.html` in the context) as
/// `drydock-test/smoke-<name>:latest`.
pub async fn build(engine: &Engine, name: &str, dockerfile: &str) -> BuildSummary {
    let context = TempDir::new(name);
    context
        .file("Dockerfile", dockerfile)
        .file("www/index.html", INDEX);
    let mut options = BuildOptions::new(context.path());
    options.tag = Some(format!("drydock-test/smoke-{name}:latest"));
    engine
        .build(&options, &CancellationToken::new(), &mut |_: BuildEvent| {})
        .await
        .unwrap_or_else(|e| panic!("building {name}: {e}"))
}

/// A bollard client of its own, to list containers and leave some behind.
pub fn docker() -> Docker {
    Docker::connect_with_defaults().expect("a docker client")
}

/// The containers, running or not, that carry `label`.
pub async fn containers_labelled(label: &str) -> Vec<String> {
    let filters = HashMap::from([("label", vec![label])]);
    let options = ListContainersOptionsBuilder::new()
        .all(true)
        .filters(&filters)
        .build();
    let containers = docker().list_containers(Some(options)).await.unwrap();
    containers.into_iter().filter_map(|c| c.id).collect()
}

/// Panics unless every container of the run is gone.
pub async fn assert_removed(run_id: &str) {
    let left = containers_labelled(&format!("dev.drydock.run={run_id}")).await;
    assert!(
        left.is_empty(),
        "run {run_id} left containers behind: {left:?}"
    );
}
