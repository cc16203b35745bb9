//! Images for the test-run tests, built from the local busybox with bollard's classic builder
//! (nothing is pulled), and a look at the daemon's containers to prove a run left none.

#![allow(dead_code)] // each test binary uses its own part of this module

use std::collections::HashMap;

use bollard::query_parameters::{BuildImageOptionsBuilder, ListContainersOptionsBuilder};
use bollard::Docker;
use futures_util::StreamExt;

/// busybox httpd serving `/www` on 8080 as the image's `app` user (uid 10001).
pub const SERVER: &str = r#"FROM drydock-test/busybox:latest
COPY www /www
USER app
EXPOSE 8080
CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]
"#;

/// What the server answers on `/`.
pub const INDEX: &str = "drydock ok\n";

/// A bollard client of its own, for what the engine does not offer (building, listing).
pub fn docker() -> Docker {
    Docker::connect_with_defaults().expect("a docker client")
}

/// Builds `dockerfile` (with `www/index.html` in the context) as
/// `drydock-test/smoke-<name>:latest` and returns the tag.
pub async fn build(name: &str, dockerfile: &str) -> String {
    let tag = format!("drydock-test/smoke-{name}:latest");
    let context = context(&[("Dockerfile", dockerfile), ("www/index.html", INDEX)]);
    let options = BuildImageOptionsBuilder::new()
        .t(&tag)
        .rm(true)
        .forcerm(true)
        .build();
    let docker = docker();
    let mut stream = docker.build_image(options, None, Some(bollard::body_full(context.into())));
    while let Some(item) = stream.next().await {
        match item {
            Ok(info) => {
                if let Some(error) = info.error_detail.and_then(|e| e.message) {
                    panic!("building {tag}: {error}");
                }
            }
            Err(e) => panic!("building {tag}: {e}"),
        }
    }
    tag
}

fn context(files: &[(&str, &str)]) -> Vec<u8> {
    let mut archive = tar::Builder::new(Vec::new());
    for (path, text) in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(text.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        archive
            .append_data(&mut header, path, text.as_bytes())
            .unwrap();
    }
    archive.into_inner().unwrap()
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
