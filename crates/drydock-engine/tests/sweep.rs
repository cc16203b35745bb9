//! The start-up sweep: containers a crashed run left behind are removed by their label.

mod common;
mod test_images;

use std::collections::HashMap;

use bollard::models::ContainerCreateBody;
use drydock_engine::run::TEST_LABEL;

#[tokio::test]
async fn sweep_removes_leftover_test_containers_running_or_not() {
    let Some(engine) = common::daemon("sweep_removes_leftover_test_containers").await else {
        return;
    };
    let docker = test_images::docker();
    let marker = common::unique("sweep");
    let labels = HashMap::from([
        (TEST_LABEL.to_owned(), "1".to_owned()),
        ("dev.drydock.run".to_owned(), marker.clone()),
    ]);
    let leftover = |cmd: &str| ContainerCreateBody {
        image: Some(common::BASE_IMAGE.to_owned()),
        cmd: Some(vec!["sleep".into(), cmd.into()]),
        labels: Some(labels.clone()),
        ..ContainerCreateBody::default()
    };
    let running = docker
        .create_container(None, leftover("300"))
        .await
        .unwrap()
        .id;
    docker.start_container(&running, None).await.unwrap();
    // Created but never started, as a crash between create and start leaves it.
    docker
        .create_container(None, leftover("300"))
        .await
        .unwrap();
    let label = format!("dev.drydock.run={marker}");
    assert_eq!(test_images::containers_labelled(&label).await.len(), 2);

    let removed = engine.sweep_test_containers().await.unwrap();
    assert!(removed >= 2, "removed {removed}");
    assert!(test_images::containers_labelled(&label).await.is_empty());
    let all = format!("{TEST_LABEL}=1");
    assert!(test_images::containers_labelled(&all).await.is_empty());
}
