//! A small WebDriver client for Debian's chromium and chromedriver: the W3C
//! HTTP protocol over a blocking client, plus chromedriver's logs and its
//! door to the DevTools protocol.

use std::io::Read as _;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

pub struct Browser {
    agent: ureq::Agent,
    base: String,
    driver: Child,
    _profile: tempfile::TempDir,
}

/// Keys as WebDriver names them.
pub const RIGHT: &str = "\u{E014}";
pub const LEFT: &str = "\u{E012}";
pub const HOME: &str = "\u{E011}";
pub const END: &str = "\u{E010}";
pub const TAB: &str = "\u{E004}";
pub const SPACE: &str = " ";

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free local port");
    listener.local_addr().expect("address").port()
}

impl Browser {
    /// Starts `chromedriver` and one headless `chromium` session, with network
    /// and console logging on.
    pub fn start(chromium: &Path, chromedriver: &Path) -> Browser {
        Browser::start_with(chromium, chromedriver, &[])
    }

    /// As [`Browser::start`], with more command-line arguments for chromium.
    pub fn start_with(chromium: &Path, chromedriver: &Path, extra: &[&str]) -> Browser {
        let port = free_port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let profile = tempfile::tempdir().expect("a browser profile directory");
        let mut browser =
            Browser { agent, base: format!("http://127.0.0.1:{port}"), driver, _profile: profile };
        let ready = Instant::now();
        while browser.agent.get(format!("{}/status", browser.base)).call().is_err() {
            assert!(ready.elapsed() < Duration::from_secs(20), "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = browser._profile.path().to_string_lossy().into_owned();
        let mut args: Vec<String> = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1200,900",
            "--lang=en-GB",
        ]
        .iter()
        .chain(extra)
        .map(|a| a.to_string())
        .collect();
        args.push(format!("--user-data-dir={profile}"));
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": args,
            },
            "goog:loggingPrefs": {"performance": "ALL", "browser": "ALL"},
        }}});
        let session = browser.call("POST", "/session", Some(caps));
        let id = session["sessionId"].as_str().expect("a session id").to_string();
        browser.base = format!("{}/session/{id}", browser.base);
        browser
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.base);
        let response = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, body) => self
                .agent
                .post(&url)
                .content_type("application/json")
                .send(body.unwrap_or_else(|| json!({})).to_string()),
        };
        let mut response = response.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = response.status();
        let mut text = String::new();
        response
            .body_mut()
            .as_reader()
            .read_to_string(&mut text)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let value: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        assert!(status.is_success(), "{method} {path} failed ({status}): {text}");
        value["value"].clone()
    }

    /// Opens `url` afresh: through a blank page, so that a change of
    /// fragment alone is a new load and not a jump within the page.
    pub fn goto(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": "about:blank" })));
        self.call("POST", "/url", Some(json!({ "url": url })));
    }

    /// Opens a new tab and makes it the one the next commands go to; its handle.
    #[allow(dead_code)] // The live class's test drives tabs; the page's test one window.
    pub fn new_tab(&self) -> String {
        let made = self.call("POST", "/window/new", Some(json!({ "type": "tab" })));
        let handle = made["handle"].as_str().expect("a window handle").to_string();
        self.switch_to(&handle);
        handle
    }

    /// The handle of the tab the commands go to now.
    #[allow(dead_code)]
    pub fn window_handle(&self) -> String {
        self.call("GET", "/window", None).as_str().expect("a window handle").to_string()
    }

    /// Makes the tab `handle` the one the next commands go to.
    #[allow(dead_code)]
    pub fn switch_to(&self, handle: &str) {
        self.call("POST", "/window", Some(json!({ "handle": handle })));
    }

    /// Runs `script` (a function body) in the page and returns its result.
    pub fn js(&self, script: &str) -> Value {
        self.call("POST", "/execute/sync", Some(json!({ "script": script, "args": [] })))
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut actions = Vec::new();
        for k in keys {
            actions.push(json!({"type": "keyDown", "value": k}));
            actions.push(json!({"type": "keyUp", "value": k}));
        }
        let body = json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]});
        self.call("POST", "/actions", Some(body));
    }

    /// Types text into the element `css` finds.
    pub fn type_into(&self, css: &str, text: &str) {
        let found =
            self.call("POST", "/element", Some(json!({"using": "css selector", "value": css})));
        let id = found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .expect("an element")
            .to_string();
        self.call("POST", &format!("/element/{id}/value"), Some(json!({ "text": text })));
    }

    /// A DevTools protocol command, through chromedriver.
    pub fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.call("POST", "/goog/cdp/execute", Some(json!({ "cmd": cmd, "params": params })))
    }

    /// The log entries of one kind ("performance", "browser") since the last call.
    pub fn log(&self, kind: &str) -> Vec<Value> {
        let entries = self.call("POST", "/se/log", Some(json!({ "type": kind })));
        entries.as_array().cloned().unwrap_or_default()
    }

    fn decode(&self, data: &Value) -> Vec<u8> {
        base64::engine::general_purpose::STANDARD
            .decode(data.as_str().expect("base64 text"))
            .expect("valid base64")
    }

    pub fn screenshot(&self) -> Vec<u8> {
        self.decode(&self.call("GET", "/screenshot", None))
    }

    pub fn print_pdf(&self, path: &Path) {
        let pdf = self.decode(&self.call("POST", "/print", Some(json!({"background": false}))));
        std::fs::write(path, pdf).expect("write the PDF");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.agent.delete(&self.base).call();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
