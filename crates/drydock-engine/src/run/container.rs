//! The throw-away container: how it is confined, how its ports are read back, and how it
//! is removed on every path.

use std::collections::HashMap;

use bollard::errors::Error as BollardError;
use bollard::models::{ContainerCreateBody, HostConfig, PortBinding, PortMap};
use bollard::query_parameters::{
    CreateContainerOptionsBuilder, ListContainersOptionsBuilder, RemoveContainerOptionsBuilder,
};
use bollard::Docker;
use drydock_project::RunSettings;

use super::report::PublishedPort;

/// On every container a test run creates, so a sweep finds what a crash left.
pub const TEST_LABEL: &str = "dev.drydock.test";
/// The run's id, so one run's containers can be told from another's.
pub const RUN_LABEL: &str = "dev.drydock.run";

const MIB: i64 = 1024 * 1024;

/// What the daemon is asked to create: the project's limits, no privileges, every
/// capability dropped, ports on loopback only.
pub(crate) fn spec(image_id: &str, run: &RunSettings, run_id: &str) -> ContainerCreateBody {
    let memory = run.memory_mb as i64 * MIB;
    let port_bindings: PortMap = run
        .ports
        .iter()
        .map(|port| {
            // An empty host port asks the daemon for a free one.
            let binding = PortBinding {
                host_ip: Some("127.0.0.1".into()),
                host_port: Some(String::new()),
            };
            (tcp(*port), Some(vec![binding]))
        })
        .collect();
    ContainerCreateBody {
        image: Some(image_id.to_owned()),
        env: Some(run.env.iter().map(|(k, v)| format!("{k}={v}")).collect()),
        exposed_ports: Some(run.ports.iter().map(|p| tcp(*p)).collect()),
        labels: Some(HashMap::from([
            (TEST_LABEL.to_owned(), "1".to_owned()),
            (RUN_LABEL.to_owned(), run_id.to_owned()),
        ])),
        host_config: Some(HostConfig {
            memory: Some(memory),
            // The same as memory: no swap, so the limit is real.
            memory_swap: Some(memory),
            nano_cpus: Some((run.cpus * 1e9).round() as i64),
            pids_limit: Some(i64::from(run.pids)),
            // A real PID 1 that forwards signals and reaps children: busybox httpd as PID 1
            // ignores SIGTERM.
            init: Some(true),
            privileged: Some(false),
            security_opt: Some(vec!["no-new-privileges".into()]),
            cap_drop: Some(vec!["ALL".into()]),
            port_bindings: Some(port_bindings),
            ..HostConfig::default()
        }),
        ..ContainerCreateBody::default()
    }
}

fn tcp(port: u16) -> String {
    format!("{port}/tcp")
}

/// Creates the container, named after the run so `docker ps` shows what it is.
pub(crate) async fn create(
    docker: &Docker,
    spec: ContainerCreateBody,
    run_id: &str,
) -> Result<String, BollardError> {
    let options = CreateContainerOptionsBuilder::new()
        .name(&format!("drydock-test-{run_id}"))
        .build();
    Ok(docker.create_container(Some(options), spec).await?.id)
}

/// The loopback ports the daemon chose, from the container's inspect.
pub(crate) fn published_ports(ports: Option<&PortMap>) -> Vec<PublishedPort> {
    let mut published: Vec<PublishedPort> = ports
        .into_iter()
        .flatten()
        .filter_map(|(key, bindings)| {
            let container_port = key.strip_suffix("/tcp")?.parse().ok()?;
            let host_port = bindings
                .iter()
                .flatten()
                .filter(|b| b.host_ip.as_deref() == Some("127.0.0.1"))
                .find_map(|b| b.host_port.as_deref()?.parse().ok())?;
            Some(PublishedPort {
                container_port,
                host_port,
            })
        })
        .collect();
    published.sort_by_key(|p| p.container_port);
    published
}

/// Removes a container and its anonymous volumes, stopping it first if it runs. A
/// container already gone (or already being removed) counts as removed.
pub(crate) async fn remove(docker: &Docker, id: &str) -> Result<(), BollardError> {
    let options = RemoveContainerOptionsBuilder::new()
        .force(true)
        .v(true)
        .build();
    match docker.remove_container(id, Some(options)).await {
        Err(BollardError::DockerResponseServerError {
            status_code: 404 | 409,
            ..
        }) => Ok(()),
        other => other,
    }
}

/// The ids of every container, running or not, that carries `label` (`key` or `key=value`).
pub(crate) async fn labelled(docker: &Docker, label: &str) -> Result<Vec<String>, BollardError> {
    let filters = HashMap::from([("label", vec![label])]);
    let options = ListContainersOptionsBuilder::new()
        .all(true)
        .filters(&filters)
        .build();
    let containers = docker.list_containers(Some(options)).await?;
    Ok(containers.into_iter().filter_map(|c| c.id).collect())
}

/// Removes the container when dropped before [`RemoveOnDrop::disarm`]: when the caller drops
/// the run's future or a sink panics, the removal still happens, in a task of its own.
pub(crate) struct RemoveOnDrop {
    docker: Docker,
    id: Option<String>,
}

impl RemoveOnDrop {
    pub fn new(docker: Docker, id: String) -> Self {
        RemoveOnDrop {
            docker,
            id: Some(id),
        }
    }

    pub fn disarm(mut self) {
        self.id = None;
    }
}

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let Some(id) = self.id.take() else { return };
        // Without a runtime nothing can be sent; the next sweep removes the container.
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let docker = self.docker.clone();
            runtime.spawn(async move { remove(&docker, &id).await });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spec_confines_the_container() {
        let run = RunSettings {
            env: [("PORT".to_owned(), "3000".to_owned())].into(),
            ports: vec![3000],
            memory_mb: 256,
            cpus: 0.5,
            pids: 64,
            startup_timeout_s: 10,
        };
        let spec = spec("sha256:abc", &run, "r1");
        assert_eq!(spec.image.as_deref(), Some("sha256:abc"));
        assert_eq!(spec.env, Some(vec!["PORT=3000".to_owned()]));
        assert_eq!(spec.exposed_ports, Some(vec!["3000/tcp".to_owned()]));
        let labels = spec.labels.unwrap();
        assert_eq!(labels[TEST_LABEL], "1");
        assert_eq!(labels[RUN_LABEL], "r1");
        let host = spec.host_config.unwrap();
        assert_eq!(host.memory, Some(256 * MIB));
        assert_eq!(host.memory_swap, host.memory);
        assert_eq!(host.nano_cpus, Some(500_000_000));
        assert_eq!(host.pids_limit, Some(64));
        assert_eq!(host.init, Some(true));
        assert_eq!(host.privileged, Some(false));
        assert_eq!(
            host.security_opt,
            Some(vec!["no-new-privileges".to_owned()])
        );
        assert_eq!(host.cap_drop, Some(vec!["ALL".to_owned()]));
        assert_eq!(host.cap_add, None);
        assert_eq!(host.readonly_rootfs, None);
        let bindings = host.port_bindings.unwrap()["3000/tcp"].clone().unwrap();
        assert_eq!(bindings[0].host_ip.as_deref(), Some("127.0.0.1"));
        assert_eq!(bindings[0].host_port.as_deref(), Some(""));
    }

    #[test]
    fn published_ports_are_the_loopback_tcp_ones() {
        let binding = |ip: &str, port: &str| PortBinding {
            host_ip: Some(ip.into()),
            host_port: Some(port.into()),
        };
        let ports: PortMap = HashMap::from([
            ("8080/tcp".into(), Some(vec![binding("127.0.0.1", "49153")])),
            ("80/tcp".into(), Some(vec![binding("127.0.0.1", "49154")])),
            ("53/udp".into(), Some(vec![binding("127.0.0.1", "49155")])),
            ("9000/tcp".into(), None),
            ("9001/tcp".into(), Some(vec![binding("0.0.0.0", "49156")])),
        ]);
        assert_eq!(
            published_ports(Some(&ports)),
            [
                PublishedPort {
                    container_port: 80,
                    host_port: 49154
                },
                PublishedPort {
                    container_port: 8080,
                    host_port: 49153
                },
            ]
        );
        assert_eq!(published_ports(None), []);
    }
}
