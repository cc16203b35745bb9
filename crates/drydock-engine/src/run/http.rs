//! `[[smoke.http]]`: a GET against the published port, retried until it passes or its
//! timeout ends, since a server may still be warming up when the check starts.

use std::error::Error as StdError;
use std::time::Duration;

use drydock_project::HttpCheck;
use http_body_util::{BodyExt, Empty, Limited};
use hyper::body::Bytes;
use hyper::StatusCode;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use tokio::sync::watch;
use tokio::time::Instant;

use super::follow::Status;
use super::verdict::{excerpt, seconds, Verdict};

/// The longest one attempt may take before it counts as no answer.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(5);
const RETRY_DELAY: Duration = Duration::from_millis(250);
/// Bodies longer than this are cut before the search for the expected text.
const BODY_LIMIT: usize = 1024 * 1024;

pub(crate) type HttpClient = Client<HttpConnector, Empty<Bytes>>;

pub(crate) fn client() -> HttpClient {
    Client::builder(TokioExecutor::new()).build_http()
}

/// Runs the check against `127.0.0.1:host_port`, giving up early when the container exits.
pub(crate) async fn check(
    client: &HttpClient,
    host_port: u16,
    check: &HttpCheck,
    status: &watch::Receiver<Status>,
) -> Verdict {
    let timeout = Duration::from_secs(check.timeout_s);
    let deadline = Instant::now() + timeout;
    let url = format!("http://127.0.0.1:{host_port}{}", check.path);
    let mut last = String::new();
    loop {
        if let Status::Exited(exit) = &*status.borrow() {
            return Verdict::failed(format!(
                "the container exited with code {} before the check passed{}",
                exit.code,
                last_try(&last)
            ));
        }
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            break;
        }
        let attempt = tokio::time::timeout(remaining.min(ATTEMPT_TIMEOUT), get(client, &url));
        match attempt.await {
            Ok(Ok((code, body))) => match evaluate(check, code, &body) {
                Ok(detail) => return Verdict::passed(detail),
                Err(why) => last = why,
            },
            Ok(Err(error)) => last = error,
            Err(_) => last = format!("no answer within {}", seconds(ATTEMPT_TIMEOUT)),
        }
        tokio::time::sleep(RETRY_DELAY.min(deadline.saturating_duration_since(Instant::now())))
            .await;
    }
    Verdict::failed(format!("{last} (retried for {})", seconds(timeout)))
}

fn last_try(last: &str) -> String {
    if last.is_empty() {
        String::new()
    } else {
        format!("; last try: {last}")
    }
}

/// One GET: the status and the body (cut at [`BODY_LIMIT`]), or why there was no answer.
async fn get(client: &HttpClient, url: &str) -> Result<(StatusCode, String), String> {
    let uri = url.parse().map_err(|e| format!("bad url {url}: {e}"))?;
    let response = client.get(uri).await.map_err(|e| chain(&e))?;
    let code = response.status();
    let body = Limited::new(response.into_body(), BODY_LIMIT);
    let bytes = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) => return Err(format!("{code}, but reading the body failed: {e}")),
    };
    Ok((code, String::from_utf8_lossy(&bytes).into_owned()))
}

/// Whether a response passes: the detail to show, or what is wrong with it.
fn evaluate(check: &HttpCheck, code: StatusCode, body: &str) -> Result<String, String> {
    if code.as_u16() != check.expect_status {
        return Err(format!(
            "expected status {}, got {code}; body: {}",
            check.expect_status,
            excerpt(body)
        ));
    }
    match &check.expect_body_contains {
        Some(text) if !body.contains(text.as_str()) => Err(format!(
            "status {code}, but the body does not contain {text:?}; body: {}",
            excerpt(body)
        )),
        Some(text) => Ok(format!("status {code}, body contains {text:?}")),
        None => Ok(format!("status {code}")),
    }
}

/// An error and its causes on one line: hyper's own message ("client error (Connect)") says
/// little without the OS's reason beneath it.
fn chain(error: &dyn StdError) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn http(expect_status: u16, contains: Option<&str>) -> HttpCheck {
        HttpCheck {
            port: 80,
            path: "/".into(),
            expect_status,
            expect_body_contains: contains.map(String::from),
            timeout_s: 1,
        }
    }

    #[test]
    fn status_and_body_decide() {
        assert_eq!(
            evaluate(&http(200, None), StatusCode::OK, "hi"),
            Ok("status 200 OK".into())
        );
        assert_eq!(
            evaluate(&http(200, Some("ok")), StatusCode::OK, "all ok"),
            Ok("status 200 OK, body contains \"ok\"".into())
        );
        assert_eq!(
            evaluate(&http(200, Some("ok")), StatusCode::NOT_FOUND, "nope"),
            Err("expected status 200, got 404 Not Found; body: \"nope\"".into())
        );
        assert_eq!(
            evaluate(&http(200, Some("ok")), StatusCode::OK, "fine"),
            Err("status 200 OK, but the body does not contain \"ok\"; body: \"fine\"".into())
        );
        assert_eq!(
            evaluate(&http(204, None), StatusCode::NO_CONTENT, ""),
            Ok("status 204 No Content".into())
        );
    }

    #[tokio::test]
    async fn a_closed_port_fails_with_the_os_reason_after_retrying() {
        // Port 1 on loopback: nothing listens there.
        let (_, status) = watch::channel(Status::Running);
        let verdict = check(&client(), 1, &http(200, None), &status).await;
        assert_eq!(verdict.outcome, super::super::report::Outcome::Failed);
        assert!(
            verdict.detail.contains("Connection refused"),
            "{}",
            verdict.detail
        );
        assert!(verdict.detail.ends_with("(retried for 1.0 s)"));
    }
}
