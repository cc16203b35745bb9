//! Connecting to real and to missing daemons.

mod common;

use drydock_engine::{ConnectErrorKind, Endpoint, Engine, Environment};

fn host_only(host: &str) -> Environment {
    Environment {
        docker_host: Some(host.to_owned()),
        ..Environment::default()
    }
}

#[tokio::test]
async fn missing_socket_is_no_daemon_with_a_fix() {
    let err = Engine::connect_with(&host_only("unix:///nonexistent"))
        .await
        .unwrap_err();
    assert_eq!(err.kind, ConnectErrorKind::NoDaemon);
    assert_eq!(
        err.to_string(),
        "no Docker daemon answers at unix:///nonexistent (from DOCKER_HOST) (/nonexistent does \
         not exist): start the daemon there or set DOCKER_HOST"
    );
}

#[tokio::test]
async fn refused_tcp_port_is_unreachable_with_the_os_reason() {
    let err = Engine::connect_with(&host_only("tcp://127.0.0.1:1"))
        .await
        .unwrap_err();
    assert_eq!(err.kind, ConnectErrorKind::Unreachable);
    let message = err.to_string();
    assert!(
        message.starts_with("cannot reach a Docker daemon at tcp://127.0.0.1:1 (from DOCKER_HOST)"),
        "{message}"
    );
    assert!(message.contains("Connection refused"), "{message}");
    assert!(message.ends_with("or set DOCKER_HOST"), "{message}");
}

#[tokio::test]
async fn default_environment_reports_the_daemon() {
    let Some(engine) = common::daemon("default_environment_reports_the_daemon").await else {
        return;
    };
    let daemon = engine.daemon();
    assert!(!daemon.version.is_empty());
    assert!(
        daemon.api_version.starts_with("1."),
        "{}",
        daemon.api_version
    );
    assert_eq!(daemon.os, "linux");
    assert!(daemon.buildkit);
    engine.ping().await.unwrap();
}

#[tokio::test]
async fn tls_endpoint_with_the_ci_certificates() {
    if common::daemon("tls_endpoint_with_the_ci_certificates")
        .await
        .is_none()
    {
        return;
    }
    let env = Environment {
        docker_host: Some("tcp://127.0.0.1:2376".into()),
        tls_verify: true,
        cert_path: Some(common::tls_dir()),
        ..Environment::default()
    };
    let engine = Engine::connect_with(&env)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(engine.endpoint().tls.is_some());
    assert!(engine.daemon().buildkit);
}

#[tokio::test]
async fn tls_endpoint_spoken_to_in_plain_http_hints_at_tls() {
    if common::daemon("tls_endpoint_spoken_to_in_plain_http")
        .await
        .is_none()
    {
        return;
    }
    let err = Engine::connect_to(Endpoint::plain("tcp://127.0.0.1:2376"))
        .await
        .unwrap_err();
    assert_eq!(err.kind, ConnectErrorKind::WrongHost);
    assert!(err.to_string().contains("set DOCKER_TLS_VERIFY=1"), "{err}");
}

#[tokio::test]
async fn tls_with_missing_certificates_is_a_tls_error() {
    if common::daemon("tls_with_missing_certificates")
        .await
        .is_none()
    {
        return;
    }
    let empty = common::TempDir::new("no-certs");
    let env = Environment {
        docker_host: Some("tcp://127.0.0.1:2376".into()),
        tls_verify: true,
        cert_path: Some(empty.path().to_owned()),
        ..Environment::default()
    };
    let err = Engine::connect_with(&env).await.unwrap_err();
    assert_eq!(err.kind, ConnectErrorKind::Tls);
    assert!(err.to_string().contains("check DOCKER_CERT_PATH"), "{err}");
}

#[tokio::test]
async fn current_docker_context_with_tls_material() {
    if common::daemon("current_docker_context_with_tls_material")
        .await
        .is_none()
    {
        return;
    }
    let config = common::TempDir::new("docker-config");
    config.file("config.json", r#"{"currentContext":"ci-tls"}"#).file(
        "contexts/meta/0123abcd/meta.json",
        r#"{"Name":"ci-tls","Metadata":{},"Endpoints":{"docker":{"Host":"tcp://127.0.0.1:2376","SkipTLSVerify":false}}}"#,
    );
    let tls = config.path().join("contexts/tls/0123abcd/docker");
    std::fs::create_dir_all(&tls).unwrap();
    for file in ["ca.pem", "cert.pem", "key.pem"] {
        std::fs::copy(common::tls_dir().join(file), tls.join(file)).unwrap();
    }
    let env = Environment {
        config_dir: Some(config.path().to_owned()),
        ..Environment::default()
    };
    let engine = Engine::connect_with(&env)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(engine.endpoint().host, "tcp://127.0.0.1:2376");
    assert!(engine.endpoint().tls.is_some());
}
