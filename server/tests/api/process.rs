//! The release server as a process of its own, as an operator runs it: the real clock, its own
//! port, signals. For the tests of shutdown, scale-out and crash safety.

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::harness::User;

/// The `server` binary with the settings every process test shares.
pub fn command(database_url: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .env("DATABASE_URL", database_url)
        .env("LEPTOS_OUTPUT_NAME", "wijkwerk")
        .env("RUST_LOG", "warn")
        .env_remove("WIJKWERK_DEMO_DATA")
        .env_remove("WIJKWERK_DEMO_DATA_ANYWHERE")
        .env_remove("WIJKWERK_PUBLIC_ORIGIN")
        .env_remove("WIJKWERK_CONFIG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Run a command to its end: (success, stdout, stderr).
pub async fn run(mut command: Command) -> (bool, String, String) {
    tokio::task::spawn_blocking(move || {
        let out = command.output().expect("run the server binary");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    })
    .await
    .unwrap()
}

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A running `server serve`, on plain HTTP on loopback (as `make run`).
pub struct ServerProcess {
    child: Child,
    pub base: String,
    /// What it logged so far.
    pub logs: Arc<Mutex<String>>,
}

impl ServerProcess {
    /// Start on `port` with `extra` settings, and wait until `/readyz` answers 200.
    pub async fn start(database_url: &str, port: u16, extra: &[(&str, &str)]) -> ServerProcess {
        let mut command = command(database_url);
        command
            .arg("serve")
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("WIJKWERK_DEV_HTTP", "1");
        for (k, v) in extra {
            command.env(k, v);
        }
        let mut child = command.spawn().expect("start the server binary");
        let logs = Arc::new(Mutex::new(String::new()));
        for pipe in [
            child
                .stderr
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
            child
                .stdout
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
        ]
        .into_iter()
        .flatten()
        {
            let logs = logs.clone();
            std::thread::spawn(move || {
                let mut pipe = pipe;
                let mut buf = [0u8; 4096];
                while let Ok(n) = pipe.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    logs.lock()
                        .unwrap()
                        .push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            });
        }
        let base = format!("http://127.0.0.1:{port}");
        let mut process = ServerProcess { child, base, logs };
        process.wait_ready().await;
        process
    }

    /// Until `/readyz` says ready (or the process died: then the test fails with its logs).
    async fn wait_ready(&mut self) {
        let probe = User::browser(&self.base);
        for _ in 0..600 {
            if let Ok(answer) = probe.try_send(get("/readyz")).await
                && answer.status == 200
            {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("the server ended ({status}): {}", self.logs());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the server did not get ready: {}", self.logs());
    }

    pub fn logs(&self) -> String {
        self.logs.lock().unwrap().clone()
    }

    pub fn browser(&self) -> User {
        User::browser(&self.base)
    }

    /// `kill -9`: no chance to finish anything.
    pub fn kill(mut self) {
        self.child.kill().expect("SIGKILL");
        let _ = self.child.wait();
    }

    /// SIGTERM, as a service manager stops it.
    pub fn terminate(&self) {
        let ok = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill")
            .success();
        assert!(ok, "SIGTERM delivered");
    }

    /// Wait for the process to end; its exit status, or `None` after `within`.
    pub async fn wait(&mut self, within: Duration) -> Option<std::process::ExitStatus> {
        let began = std::time::Instant::now();
        while began.elapsed() < within {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        None
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A plain GET of `path`.
pub fn get(path: &str) -> crate::harness::Request<'_> {
    crate::harness::Request {
        method: "GET",
        path,
        html: false,
        form: &[],
        json: None,
        headers: &[],
    }
}
