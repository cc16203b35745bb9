//! Commands run inside the test container: `[[smoke.exec]]` checks and the `id -u` that
//! tells a named USER's uid.

use std::time::Duration;

use bollard::container::LogOutput;
use bollard::exec::StartExecResults;
use bollard::models::ExecConfig;
use bollard::Docker;
use drydock_project::ExecCheck;
use futures_util::StreamExt;

use super::verdict::{excerpt, seconds, Verdict};

/// Output kept from each stream of a command; more is dropped.
const OUTPUT_LIMIT: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ExecOutput {
    pub exit_code: i64,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `command` in the container as its own user and waits for it, at most `timeout`.
pub(crate) async fn exec(
    docker: &Docker,
    container: &str,
    command: &[String],
    timeout: Duration,
) -> Result<ExecOutput, String> {
    tokio::time::timeout(timeout, run(docker, container, command))
        .await
        .unwrap_or_else(|_| Err(format!("did not finish within {}", seconds(timeout))))
}

async fn run(docker: &Docker, container: &str, command: &[String]) -> Result<ExecOutput, String> {
    let config = ExecConfig {
        attach_stdout: Some(true),
        attach_stderr: Some(true),
        cmd: Some(command.to_vec()),
        ..ExecConfig::default()
    };
    let created = docker
        .create_exec(container, config)
        .await
        .map_err(|e| format!("cannot run it: {e}"))?;
    let started = docker
        .start_exec(&created.id, None)
        .await
        .map_err(|e| format!("cannot run it: {e}"))?;
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    if let StartExecResults::Attached { mut output, .. } = started {
        while let Some(chunk) = output.next().await {
            match chunk {
                Ok(LogOutput::StdErr { message }) => keep(&mut stderr, &message),
                Ok(other) => keep(&mut stdout, &other.into_bytes()),
                Err(e) => return Err(format!("lost its output: {e}")),
            }
        }
    }
    let inspect = docker
        .inspect_exec(&created.id)
        .await
        .map_err(|e| format!("cannot read its exit code: {e}"))?;
    Ok(ExecOutput {
        exit_code: inspect.exit_code.unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    })
}

fn keep(buffer: &mut Vec<u8>, bytes: &[u8]) {
    let room = OUTPUT_LIMIT.saturating_sub(buffer.len());
    buffer.extend_from_slice(&bytes[..bytes.len().min(room)]);
}

/// Whether a finished command passes its check.
pub(crate) fn evaluate(check: &ExecCheck, output: &ExecOutput) -> Verdict {
    if output.exit_code != check.expect_exit {
        return Verdict::failed(format!(
            "expected exit {}, got {}; stdout: {}; stderr: {}",
            check.expect_exit,
            output.exit_code,
            excerpt(&output.stdout),
            excerpt(&output.stderr)
        ));
    }
    match &check.expect_stdout_contains {
        Some(text) if !output.stdout.contains(text.as_str()) => Verdict::failed(format!(
            "exit {}, but stdout does not contain {text:?}; stdout: {}",
            output.exit_code,
            excerpt(&output.stdout)
        )),
        Some(text) => Verdict::passed(format!(
            "exit {}, stdout contains {text:?}",
            output.exit_code
        )),
        None => Verdict::passed(format!("exit {}", output.exit_code)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::report::Outcome;

    fn check(expect_exit: i64, contains: Option<&str>) -> ExecCheck {
        ExecCheck {
            command: vec!["true".into()],
            expect_exit,
            expect_stdout_contains: contains.map(String::from),
            timeout_s: 1,
        }
    }

    fn output(exit_code: i64, stdout: &str) -> ExecOutput {
        ExecOutput {
            exit_code,
            stdout: stdout.into(),
            stderr: "warn".into(),
        }
    }

    #[test]
    fn exit_code_and_stdout_decide() {
        assert_eq!(
            evaluate(&check(0, None), &output(0, "")),
            Verdict::passed("exit 0")
        );
        assert_eq!(
            evaluate(&check(3, Some("v20")), &output(3, "v20.1\n")),
            Verdict::passed("exit 3, stdout contains \"v20\"")
        );
        assert_eq!(
            evaluate(&check(0, Some("v20")), &output(1, "v20")),
            Verdict::failed("expected exit 0, got 1; stdout: \"v20\"; stderr: \"warn\"")
        );
        let missing = evaluate(&check(0, Some("v20")), &output(0, "v18"));
        assert_eq!(missing.outcome, Outcome::Failed);
        assert_eq!(
            missing.detail,
            "exit 0, but stdout does not contain \"v20\"; stdout: \"v18\""
        );
    }

    #[test]
    fn output_is_capped() {
        let mut buffer = vec![b'a'; OUTPUT_LIMIT - 2];
        keep(&mut buffer, b"bcdef");
        assert_eq!(buffer.len(), OUTPUT_LIMIT);
        assert!(buffer.ends_with(b"bc"));
    }
}
