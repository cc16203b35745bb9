//! The `WebKitWebDriver` process: started on a free local port with the environment the app
//! should see (the driver passes its own to the browser it starts), stopped with SIGTERM.

use crate::failure::{Failure, Result};
use std::ffi::OsString;
use std::fs::{self, File};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::thread::sleep;
use std::time::{Duration, Instant};

const PROGRAM: &str = "WebKitWebDriver";
const READY_TIMEOUT: Duration = Duration::from_secs(20);
const STOP_TIMEOUT: Duration = Duration::from_secs(5);

pub struct DriverProcess {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl DriverProcess {
    /// Starts the driver, its output (and the app's) going to `log`, and waits until it
    /// listens.
    pub fn start(env: &[(String, OsString)], log: &Path) -> Result<DriverProcess> {
        let port = free_port()?;
        let output = File::create(log)?;
        let child = Command::new(PROGRAM)
            .arg(format!("--port={port}"))
            // Without it, a Tauri webview refuses to be automated.
            .env("TAURI_WEBVIEW_AUTOMATION", "true")
            .envs(env.iter().map(|(name, value)| (name, value)))
            .stdout(output.try_clone()?)
            .stderr(output)
            .spawn()
            .map_err(|e| {
                Failure::new(format!(
                    "cannot start {PROGRAM} ({e}): install Debian's webkit2gtk-driver"
                ))
            })?;
        let mut driver = DriverProcess {
            child,
            port,
            log: log.to_owned(),
        };
        driver.wait_until_listening()?;
        Ok(driver)
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The last lines the driver and the app printed, for failure messages.
    pub fn log_tail(&self) -> String {
        let log = fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }

    fn wait_until_listening(&mut self) -> Result<()> {
        let started = Instant::now();
        while TcpStream::connect((Ipv4Addr::LOCALHOST, self.port)).is_err() {
            if let Some(status) = self.child.try_wait()? {
                return Err(Failure::new(format!(
                    "{PROGRAM} exited ({status}):\n{}",
                    self.log_tail()
                )));
            }
            if started.elapsed() > READY_TIMEOUT {
                return Err(Failure::new(format!(
                    "{PROGRAM} did not listen on port {} within {READY_TIMEOUT:?}",
                    self.port
                )));
            }
            sleep(Duration::from_millis(50));
        }
        Ok(())
    }
}

impl Drop for DriverProcess {
    /// SIGTERM lets the driver close the browser it started; SIGKILL only when it hangs.
    fn drop(&mut self) {
        let pid = self.child.id() as libc::pid_t;
        // SAFETY: kill(2) on our own child's pid, which is not reaped before `wait` below.
        unsafe { libc::kill(pid, libc::SIGTERM) };
        let deadline = Instant::now() + STOP_TIMEOUT;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nobody listens on right now (the OS picks it; the driver binds it a moment later).
fn free_port() -> Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
        .local_addr()?
        .port())
}
