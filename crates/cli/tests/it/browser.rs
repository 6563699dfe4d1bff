//! Browser tests: the web interface in headless Chromium, driven over WebDriver (chromedriver) from
//! the test suite.
//!
//! scripts/test installs Debian's `chromium` and `chromium-driver` when they are missing and exports
//! COUNTERNET_TEST_CHROMIUM and COUNTERNET_TEST_CHROMEDRIVER. Without COUNTERNET_TEST_CHROMIUM a
//! browser test prints a note and passes, except under CI, where it fails; COUNTERNET_TEST_SKIP_BROWSER=1
//! skips them on purpose, also under CI.
//!
//! Each test starts its own chromedriver on a free port and its own Chromium with a fresh profile
//! ([`Browser::start`]), and runs its body through [`browser_test`]: when the body fails, a screenshot
//! (and the page's HTML) is saved to target/browser-screenshots/<test>.png before the failure is
//! passed on. chromedriver and Chromium are ended on every path, a panic included.

use std::any::Any;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use counternet_domain::Role;

use crate::support::{spawn_app, Backend, TestApp, PASSWORD};

/// How long a wait for something on the page lasts before the test fails.
pub const WAIT: Duration = Duration::from_secs(10);
/// The longest a single WebDriver command may take (a page load is capped at [`WAIT`] inside it).
const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);
/// How long Chromium gets to start and open the session.
const SESSION_TIMEOUT: Duration = Duration::from_secs(30);
/// How often a wait looks again.
const POLL: Duration = Duration::from_millis(50);

// ---------------------------------------------------------------------------------------------
// Whether to run at all

/// Whether browser tests can run here. Prints why not when they cannot; under CI a missing browser
/// fails the test instead (unless COUNTERNET_TEST_SKIP_BROWSER=1 says to skip).
pub fn browser_available(test: &str) -> bool {
    if std::env::var("COUNTERNET_TEST_SKIP_BROWSER").is_ok_and(|v| v == "1") {
        eprintln!("note: {test}: skipped, COUNTERNET_TEST_SKIP_BROWSER=1");
        return false;
    }
    if chromium_path().is_some() {
        return true;
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "{test}: COUNTERNET_TEST_CHROMIUM is not set; under CI the browser tests must run \
             (scripts/test installs Chromium and sets it; COUNTERNET_TEST_SKIP_BROWSER=1 skips them)"
        );
    }
    eprintln!(
        "note: {test}: skipped, COUNTERNET_TEST_CHROMIUM is not set (scripts/test installs Chromium and \
         sets it; or set COUNTERNET_TEST_CHROMIUM=/usr/bin/chromium COUNTERNET_TEST_CHROMEDRIVER=/usr/bin/chromedriver)"
    );
    false
}

fn chromium_path() -> Option<String> {
    std::env::var("COUNTERNET_TEST_CHROMIUM").ok().filter(|v| !v.is_empty())
}

fn chromedriver_path() -> String {
    std::env::var("COUNTERNET_TEST_CHROMEDRIVER")
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "chromedriver".into())
}

// ---------------------------------------------------------------------------------------------
// Starting a browser

/// The browser window a test gets.
#[derive(Debug, Clone)]
pub struct BrowserOptions {
    pub width: u32,
    pub height: u32,
    /// A phone: Chromium's mobile emulation (touch, device pixel ratio 2, the viewport meta tag
    /// honoured) at `width` x `height`; headless windows are never narrower than 500 pixels.
    pub mobile: bool,
    /// The languages the browser asks for (Accept-Language), e.g. "th,en"; None leaves Chromium's default.
    pub accept_language: Option<String>,
}

impl BrowserOptions {
    /// A desktop window, 1280 x 900.
    pub fn desktop() -> Self {
        BrowserOptions { width: 1280, height: 900, mobile: false, accept_language: None }
    }

    /// A phone-sized window, 360 CSS pixels wide.
    pub fn mobile() -> Self {
        BrowserOptions { width: 360, height: 740, mobile: true, accept_language: None }
    }

    /// The same window, asking for `languages` first (an Accept-Language list such as "th,en").
    pub fn accept_language(mut self, languages: &str) -> Self {
        self.accept_language = Some(languages.to_string());
        self
    }

    fn capabilities(&self, chromium: &str, profile: &Path) -> serde_json::Map<String, Value> {
        let mut args: Vec<String> = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
            // Nothing outside this machine is reachable, on purpose: a page that tries fails at once
            // instead of waiting on DNS (the quick exit's neutral site among them).
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        args.push(format!("--window-size={},{}", self.width, self.height));
        args.push(format!("--user-data-dir={}", profile.display()));
        let mut prefs = serde_json::Map::new();
        if let Some(langs) = &self.accept_language {
            if let Some(first) = langs.split(',').next() {
                args.push(format!("--lang={first}"));
            }
            prefs.insert("intl".into(), json!({ "accept_languages": langs }));
        }
        let mut chrome = json!({ "binary": chromium, "args": args, "prefs": prefs });
        if self.mobile {
            let metrics = json!({ "width": self.width, "height": self.height, "pixelRatio": 2.0, "touch": true });
            chrome["mobileEmulation"] = json!({ "deviceMetrics": metrics });
        }
        let caps = json!({
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            "timeouts": { "pageLoad": WAIT.as_millis() as u64, "script": WAIT.as_millis() as u64, "implicit": 0 },
            "goog:chromeOptions": chrome,
        });
        match caps {
            Value::Object(m) => m,
            _ => unreachable!("capabilities are an object"),
        }
    }
}

/// chromedriver, the Chromium it started (same process group), and their temporary folder. Ends them
/// all and removes the folder when the last [`Browser`] handle goes.
struct Driver {
    child: Mutex<Option<Child>>,
    pid: u32,
    port: u16,
    /// The Chromium profile and chromedriver's log; removed after the processes are gone.
    dir: tempfile::TempDir,
}

impl Driver {
    /// Ends chromedriver and everything it started, and waits for chromedriver. Idempotent.
    fn stop(&self) {
        let child = match self.child.lock() {
            Ok(mut c) => c.take(),
            Err(poisoned) => poisoned.into_inner().take(),
        };
        if let Some(mut child) = child {
            // chromedriver runs in a process group of its own (see `spawn_chromedriver`) that Chromium
            // and its helpers inherit: end the whole group, by its id, so no browser outlives the test.
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", self.pid)])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            let _ = child.kill();
            let _ = child.wait();
            // Chromium's processes are not our children: wait (briefly) until they are gone so that the
            // profile folder can be removed.
            let deadline = Instant::now() + Duration::from_secs(5);
            while !processes_in_group(self.pid).is_empty() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("chromedriver.log")).unwrap_or_default()
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The live processes (not zombies) in a process group, from /proc.
pub fn processes_in_group(pgid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir("/proc") else { return out };
    for e in rd.flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else { continue };
        let Ok(stat) = std::fs::read_to_string(e.path().join("stat")) else { continue };
        // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ')'.
        let Some((_, rest)) = stat.rsplit_once(')') else { continue };
        let fields: Vec<&str> = rest.split_whitespace().collect();
        if let (Some(state), Some(pgrp)) = (fields.first(), fields.get(2)) {
            if *state != "Z" && *state != "X" && pgrp.parse::<u32>().ok() == Some(pgid) {
                out.push(pid);
            }
        }
    }
    out
}

/// A headless Chromium under chromedriver, and the helpers tests use on it. Cheap to clone: every
/// clone drives the same session; the processes end when the last clone is dropped or at [`Browser::close`].
#[derive(Clone)]
pub struct Browser {
    client: Client,
    driver: Arc<Driver>,
}

/// The element that has the keyboard focus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focused {
    pub tag: String,
    pub id: String,
    pub text: String,
}

impl Browser {
    /// A desktop browser (1280 x 900). Panics when COUNTERNET_TEST_CHROMIUM is unset: check
    /// [`browser_available`] first, or use [`browser_test`].
    pub async fn start() -> Browser {
        Browser::start_with(BrowserOptions::desktop()).await
    }

    /// A phone-sized browser, 360 CSS pixels wide.
    pub async fn start_mobile() -> Browser {
        Browser::start_with(BrowserOptions::mobile()).await
    }

    pub async fn start_with(options: BrowserOptions) -> Browser {
        let chromium = chromium_path().expect("COUNTERNET_TEST_CHROMIUM names the Chromium binary");
        let dir = tempfile::Builder::new().prefix("counternet-browser-").tempdir().expect("temporary folder");
        let profile = dir.path().join("profile");
        let driver = Arc::new(spawn_chromedriver(dir));
        wait_for_chromedriver(&driver).await;
        let caps = options.capabilities(&chromium, &profile);
        let url = format!("http://127.0.0.1:{}", driver.port);
        let connect = async { ClientBuilder::native().capabilities(caps).connect(&url).await };
        let client = match tokio::time::timeout(SESSION_TIMEOUT, connect).await {
            Ok(Ok(c)) => c,
            Ok(Err(e)) => {
                let log = driver.log();
                driver.stop();
                panic!("chromedriver could not start Chromium ({chromium}): {e}\n--- chromedriver log ---\n{log}");
            }
            Err(_) => {
                let log = driver.log();
                driver.stop();
                panic!("Chromium did not start within {SESSION_TIMEOUT:?}\n--- chromedriver log ---\n{log}");
            }
        };
        Browser { client, driver }
    }

    /// The process id of chromedriver, which is also the id of the process group Chromium runs in.
    pub fn chromedriver_pid(&self) -> u32 {
        self.driver.pid
    }

    /// The underlying WebDriver client, for what the helpers do not cover.
    #[allow(dead_code)]
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Ends the session (Chromium quits), then chromedriver. Other clones stop working.
    pub async fn close(self) {
        let _ = tokio::time::timeout(COMMAND_TIMEOUT, self.client.clone().close()).await;
        self.driver.stop();
    }

    /// Runs one WebDriver command with the overall command timeout.
    async fn cmd<T>(&self, what: &str, f: impl Future<Output = Result<T, fantoccini::error::CmdError>>) -> T {
        match tokio::time::timeout(COMMAND_TIMEOUT, f).await {
            Ok(Ok(v)) => v,
            Ok(Err(e)) => panic!("browser: {what}: {e}"),
            Err(_) => panic!("browser: {what}: no answer within {COMMAND_TIMEOUT:?}"),
        }
    }

    /// Loads `url` and waits for it to finish loading (at most [`WAIT`]).
    pub async fn goto(&self, url: &str) {
        self.cmd(&format!("go to {url}"), self.client.goto(url)).await;
    }

    /// Reloads the page.
    pub async fn reload(&self) {
        self.cmd("reload", self.client.refresh()).await;
    }

    pub async fn current_url(&self) -> reqwest::Url {
        self.cmd("current URL", self.client.current_url()).await
    }

    /// The element matching `css` on the page as it is now; fails at once when there is none.
    pub async fn find(&self, css: &str) -> Element {
        match tokio::time::timeout(COMMAND_TIMEOUT, self.client.find(Locator::Css(css))).await {
            Ok(Ok(e)) => e,
            Ok(Err(e)) => panic!("browser: no element {css:?} on {}: {e}", self.current_url().await),
            Err(_) => panic!("browser: find {css:?}: no answer within {COMMAND_TIMEOUT:?}"),
        }
    }

    /// Whether an element matches `css` now.
    pub async fn exists(&self, css: &str) -> bool {
        !self.cmd(&format!("find all {css:?}"), self.client.find_all(Locator::Css(css))).await.is_empty()
    }

    /// Waits until an element matches `css`, at most `timeout`.
    pub async fn wait_for(&self, css: &str, timeout: Duration) -> Element {
        let found = self.client.wait().at_most(timeout).every(POLL).for_element(Locator::Css(css)).await;
        match found {
            Ok(e) => e,
            Err(e) => panic!("browser: no element {css:?} within {timeout:?} on {}: {e}", self.current_url().await),
        }
    }

    /// Waits until the current URL satisfies `pred`, at most [`WAIT`]; returns that URL.
    pub async fn wait_for_url(&self, what: &str, pred: impl Fn(&reqwest::Url) -> bool) -> reqwest::Url {
        let deadline = Instant::now() + WAIT;
        loop {
            let url = self.current_url().await;
            if pred(&url) {
                return url;
            }
            if Instant::now() >= deadline {
                panic!("browser: the URL is still {url} after {WAIT:?}, expected {what}");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until the current URL's path is `path` (query and fragment aside); returns the URL.
    pub async fn wait_for_path(&self, path: &str) -> reqwest::Url {
        self.wait_for_url(&format!("path {path}"), |u| u.path() == path).await
    }

    /// Replaces the text of the field matching `css` with `text`.
    pub async fn fill(&self, css: &str, text: &str) {
        let e = self.find(css).await;
        self.cmd(&format!("clear {css:?}"), e.clear()).await;
        self.cmd(&format!("type into {css:?}"), e.send_keys(text)).await;
    }

    /// Clicks the element matching `css` (and waits for a page load it starts, at most [`WAIT`]).
    pub async fn click(&self, css: &str) {
        let e = self.find(css).await;
        self.cmd(&format!("click {css:?}"), e.click()).await;
    }

    /// The visible text of the element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        let e = self.find(css).await;
        self.cmd(&format!("text of {css:?}"), e.text()).await
    }

    /// The value of attribute `name` of the element matching `css`.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        let e = self.find(css).await;
        self.cmd(&format!("attribute {name} of {css:?}"), e.attr(name)).await
    }

    /// Runs JavaScript in the page and returns what it returns.
    pub async fn execute(&self, script: &str) -> Value {
        self.cmd("execute script", self.client.execute(script, vec![])).await
    }

    /// Presses and releases one key, sent to whatever has the focus.
    pub async fn press(&self, key: Key) {
        let actions = KeyActions::new("keyboard".to_string())
            .then(KeyAction::Down { value: key.into() })
            .then(KeyAction::Up { value: key.into() });
        self.cmd("press a key", self.client.perform_actions(actions)).await;
        self.cmd("release keys", self.client.release_actions()).await;
    }

    /// The element that has the focus.
    pub async fn focused(&self) -> Focused {
        let v = self
            .execute(
                "const e = document.activeElement; \
                 return e && { tag: e.tagName.toLowerCase(), id: e.id, text: (e.textContent || '').trim() };",
            )
            .await;
        let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
        Focused { tag: s("tag"), id: s("id"), text: s("text") }
    }

    /// The element focused after pressing Tab once from the top of the page: the first stop of a
    /// keyboard user who starts at the top. A field the page focuses by itself (`autofocus`) does not
    /// count: the focus moves to the body first. Call it right after [`Browser::goto`].
    pub async fn tab_order_first(&self) -> Focused {
        // The body is not focusable by itself: lend it a tabindex for the moment of the key press so
        // that Tab starts from the top of the document, whatever has the focus now.
        let top = "const b = document.body; \
                   b.dataset.harnessTabindex = b.getAttribute('tabindex') ?? ''; \
                   if (!b.hasAttribute('tabindex')) b.setAttribute('tabindex', '-1'); \
                   b.focus(); \
                   return document.activeElement === b;";
        assert_eq!(self.execute(top).await, json!(true), "the body takes the focus");
        self.press(Key::Tab).await;
        let restore = "const b = document.body; const t = b.dataset.harnessTabindex; \
                       delete b.dataset.harnessTabindex; \
                       if (t === '') b.removeAttribute('tabindex'); \
                       else if (t !== undefined) b.setAttribute('tabindex', t); \
                       return null;";
        self.execute(restore).await;
        self.focused().await
    }

    /// The window's inner width in CSS pixels.
    pub async fn inner_width(&self) -> u64 {
        self.execute("return window.innerWidth;").await.as_u64().expect("innerWidth is a number")
    }

    /// Saves a screenshot of the window to `path` (PNG).
    pub async fn save_screenshot(&self, path: &Path) -> Result<(), String> {
        let png = match tokio::time::timeout(COMMAND_TIMEOUT, self.client.screenshot()).await {
            Ok(Ok(png)) => png,
            Ok(Err(e)) => return Err(e.to_string()),
            Err(_) => return Err(format!("no screenshot within {COMMAND_TIMEOUT:?}")),
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("create {}: {e}", parent.display()))?;
        }
        std::fs::write(path, png).map_err(|e| format!("write {}: {e}", path.display()))
    }

    /// Records the state of a failed test: target/browser-screenshots/<test>.png, plus the page's
    /// HTML beside it. Returns the screenshot's path when it could be taken.
    pub async fn save_failure(&self, test: &str) -> Option<PathBuf> {
        let dir = screenshot_dir();
        let png = dir.join(format!("{test}.png"));
        let url = match tokio::time::timeout(COMMAND_TIMEOUT, self.client.current_url()).await {
            Ok(Ok(u)) => u.to_string(),
            _ => "(unknown)".into(),
        };
        if let Ok(Ok(html)) = tokio::time::timeout(COMMAND_TIMEOUT, self.client.source()).await {
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(dir.join(format!("{test}.html")), html);
        }
        match self.save_screenshot(&png).await {
            Ok(()) => {
                eprintln!("browser test {test} failed on {url}; screenshot: {}", png.display());
                Some(png)
            }
            Err(e) => {
                eprintln!("browser test {test} failed on {url}; no screenshot: {e}");
                eprintln!("--- chromedriver log ---\n{}", self.driver.log());
                None
            }
        }
    }

    /// Runs `body` with a handle on this browser. When it panics, saves a screenshot (see
    /// [`Browser::save_failure`]) and returns the failure instead of panicking.
    pub async fn check<Fut>(&self, test: &str, body: Fut) -> Result<(), Failure>
    where
        Fut: Future<Output = ()> + Send + 'static,
    {
        match tokio::spawn(body).await {
            Ok(()) => Ok(()),
            Err(e) => {
                let screenshot = self.save_failure(test).await;
                let payload: Box<dyn Any + Send> = if e.is_panic() {
                    e.into_panic()
                } else {
                    Box::new(format!("browser test {test} was cancelled: {e}"))
                };
                Err(Failure { screenshot, payload })
            }
        }
    }
}

/// A failed browser-test body: where its screenshot went, and the panic to pass on.
pub struct Failure {
    pub screenshot: Option<PathBuf>,
    pub payload: Box<dyn Any + Send>,
}

impl Failure {
    pub fn message(&self) -> String {
        if let Some(s) = self.payload.downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = self.payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "(a panic without a message)".into()
        }
    }
}

/// Where failing tests leave their screenshots: target/browser-screenshots (under CARGO_TARGET_DIR
/// when that is set).
pub fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .or_else(|| option_env!("CARGO_TARGET_DIR").map(PathBuf::from))
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let target = std::fs::canonicalize(&target).unwrap_or(target);
    target.join("browser-screenshots")
}

/// Starts chromedriver on a free port, in a process group of its own, logging into `dir`.
fn spawn_chromedriver(dir: tempfile::TempDir) -> Driver {
    use std::os::unix::process::CommandExt;

    // A free port: bind port 0, note the port, let it go. Another process may take it in between;
    // chromedriver then fails to start and the test says so (no retry).
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
        l.local_addr().expect("local address").port()
    };
    let log = std::fs::File::create(dir.path().join("chromedriver.log")).expect("chromedriver log");
    let log2 = log.try_clone().expect("chromedriver log");
    let path = chromedriver_path();
    let child = Command::new(&path)
        .arg(format!("--port={port}"))
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(log2)
        .process_group(0)
        .spawn()
        .unwrap_or_else(|e| panic!("start {path} (COUNTERNET_TEST_CHROMEDRIVER): {e}"));
    let pid = child.id();
    Driver { child: Mutex::new(Some(child)), pid, port, dir }
}

/// Waits until chromedriver answers /status as ready, at most [`WAIT`].
async fn wait_for_chromedriver(driver: &Driver) {
    let http = reqwest::Client::builder().timeout(Duration::from_secs(1)).build().expect("HTTP client");
    let url = format!("http://127.0.0.1:{}/status", driver.port);
    let deadline = Instant::now() + WAIT;
    loop {
        if let Ok(r) = http.get(&url).send().await {
            if let Ok(v) = r.json::<Value>().await {
                if v["value"]["ready"] == json!(true) {
                    return;
                }
            }
        }
        let exited = match driver.child.lock() {
            Ok(mut c) => c.as_mut().and_then(|c| c.try_wait().ok().flatten()),
            Err(_) => None,
        };
        if let Some(status) = exited {
            let log = driver.log();
            driver.stop();
            panic!("chromedriver exited ({status}) before answering on port {}\n--- log ---\n{log}", driver.port);
        }
        if Instant::now() >= deadline {
            let log = driver.log();
            driver.stop();
            panic!("chromedriver did not answer on port {} within {WAIT:?}\n--- log ---\n{log}", driver.port);
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Runs one browser test: skips (or fails under CI) when no browser is configured, starts a browser
/// with `options`, runs `body` with it, and on failure saves target/browser-screenshots/<test>.png
/// before failing. The browser is closed on every path.
pub async fn browser_test<F, Fut>(test: &str, options: BrowserOptions, body: F)
where
    F: FnOnce(Browser) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    if !browser_available(test) {
        return;
    }
    let browser = Browser::start_with(options).await;
    let outcome = browser.check(test, body(browser.clone())).await;
    browser.close().await;
    if let Err(failure) = outcome {
        std::panic::resume_unwind(failure.payload);
    }
}

/// A `data:` URL holding `html`.
pub fn data_url(html: &str) -> String {
    let mut out = String::from("data:text/html;charset=utf-8,");
    for b in html.bytes() {
        if b.is_ascii_alphanumeric() || b"<>=/\"'-_.:;()!".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The harness itself (no app pages needed)

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn harness_drives_chromium_and_saves_a_screenshot_when_a_check_fails() {
    const TEST: &str = "harness_drives_chromium_and_saves_a_screenshot_when_a_check_fails";
    if !browser_available(TEST) {
        return;
    }
    let b = Browser::start().await;
    let pid = b.chromedriver_pid();
    assert!(!processes_in_group(pid).is_empty(), "chromedriver runs");

    b.goto(&data_url(r##"<title>t</title><p>no focus here</p><a id=a href="#">x</a><a id=b href="#">y</a>"##)).await;
    assert_eq!(b.tab_order_first().await, Focused { tag: "a".into(), id: "a".into(), text: "x".into() });
    b.press(Key::Tab).await;
    assert_eq!(b.focused().await.id, "b");
    assert_eq!(b.text("#b").await, "y");
    assert_eq!(b.inner_width().await, 1280);
    assert!(!b.exists("body[tabindex]").await, "tab_order_first leaves the page as it was");
    // From the top, even when the page focuses a field by itself.
    b.goto(&data_url(r##"<a id=a href="#">x</a><input id=f autofocus>"##)).await;
    b.wait_for("#f:focus", WAIT).await;
    assert_eq!(b.tab_order_first().await.id, "a");

    let form =
        r#"<input id=name><button id=go onclick="document.title=document.getElementById('name').value">go</button>"#;
    b.goto(&data_url(form)).await;
    b.fill("#name", "first").await;
    b.fill("#name", "ผู้รอดชีวิต").await;
    b.click("#go").await;
    let title = b.execute("return document.title;").await;
    assert_eq!(title, json!("ผู้รอดชีวิต"), "fill replaces the text, Thai included");

    // Waits end: an element that appears a moment later is found; one that never does fails in time.
    b.execute(
        "setTimeout(() => document.body.insertAdjacentHTML('beforeend', '<p id=late>late</p>'), 200); return null;",
    )
    .await;
    assert_eq!(b.wait_for("#late", WAIT).await.text().await.unwrap(), "late");
    let started = Instant::now();
    let failed = b
        .check("harness-self-test-wait-gives-up", {
            let b = b.clone();
            async move {
                b.wait_for("#never", Duration::from_millis(300)).await;
            }
        })
        .await;
    let failure = failed.expect_err("waiting for a missing element fails");
    assert!(started.elapsed() < Duration::from_secs(5), "the wait gave up in time");
    assert!(failure.message().contains("#never"), "{}", failure.message());
    if let Some(p) = &failure.screenshot {
        let _ = std::fs::remove_file(p);
        let _ = std::fs::remove_file(p.with_extension("html"));
    }

    // A failing check leaves a screenshot behind.
    let name = "harness-self-test-deliberate-failure";
    let failed = b
        .check(name, async {
            panic!("deliberate failure inside the harness self-test (expected; its screenshot is checked and removed)");
        })
        .await;
    let failure = failed.expect_err("the deliberate failure is reported");
    let png = failure.screenshot.clone().expect("a screenshot was saved");
    assert_eq!(png, screenshot_dir().join(format!("{name}.png")));
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 100, "{} is a PNG", png.display());
    assert!(failure.message().contains("deliberate failure"), "{}", failure.message());
    std::fs::remove_file(&png).unwrap();
    let _ = std::fs::remove_file(png.with_extension("html"));

    // Other sites are unreachable on purpose and fail at once (the quick exit's tests lean on this).
    b.goto(&data_url(r#"<a id=out href="https://example.org/news">out</a>"#)).await;
    let started = Instant::now();
    b.click("#out").await;
    let left = b.wait_for_url("example.org", |u| u.host_str() == Some("example.org")).await;
    assert_eq!(left.path(), "/news");
    assert!(started.elapsed() < Duration::from_secs(5), "leaving took {:?}", started.elapsed());

    let profile = b.driver.dir.path().to_path_buf();
    b.close().await;
    assert!(!Path::new(&format!("/proc/{pid}")).exists(), "chromedriver ({pid}) is gone");
    assert_eq!(processes_in_group(pid), Vec::<u32>::new(), "no Chromium process is left");
    assert!(!profile.exists(), "the profile folder is removed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn harness_browser_that_asks_for_thai() {
    const TEST: &str = "harness_browser_that_asks_for_thai";
    browser_test(TEST, BrowserOptions::desktop().accept_language("th,en"), |b| async move {
        b.goto(&data_url("<p>x</p>")).await;
        // navigator.languages and the Accept-Language header come from the same preference.
        assert_eq!(b.execute("return navigator.languages;").await, json!(["th", "en"]), "the browser prefers Thai");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn harness_mobile_browser_ends_with_its_last_handle() {
    const TEST: &str = "harness_mobile_browser_ends_with_its_last_handle";
    if !browser_available(TEST) {
        return;
    }
    let b = Browser::start_mobile().await;
    let pid = b.chromedriver_pid();
    let profile = b.driver.dir.path().to_path_buf();
    b.goto(&data_url(r#"<meta name=viewport content="width=device-width"><p>x</p>"#)).await;
    assert_eq!(b.inner_width().await, 360, "the mobile browser is 360 CSS pixels wide");
    assert!(processes_in_group(pid).len() > 1, "Chromium runs in chromedriver's process group");
    // As when a test panics without browser_test: no close, only the drop.
    drop(b);
    assert!(!Path::new(&format!("/proc/{pid}")).exists(), "chromedriver ({pid}) is gone");
    assert_eq!(processes_in_group(pid), Vec::<u32>::new(), "no Chromium process is left");
    assert!(!profile.exists(), "the profile folder is removed");
}

// ---------------------------------------------------------------------------------------------
// The web interface (issue 3)

/// An app with one social worker, `sw1`, whose password is [`PASSWORD`].
async fn app_with_user() -> TestApp {
    let app = spawn_app(Backend::Sqlite).await;
    app.user("sw1", Role::SocialWorker, None).await;
    app
}

async fn sign_in(b: &Browser, app: &TestApp) {
    b.goto(&app.url("/login")).await;
    b.fill("form#login input#username", "sw1").await;
    b.fill("form#login input#password", PASSWORD).await;
    b.click("form#login button#login-submit").await;
    b.wait_for_path("/").await;
    b.wait_for("form#logout", WAIT).await;
}

fn host_of(u: &reqwest::Url) -> String {
    u.host_str().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_exit_is_the_first_stop_on_every_page_and_leaves_at_once() {
    const TEST: &str = "quick_exit_is_the_first_stop_on_every_page_and_leaves_at_once";
    let app = app_with_user().await;
    browser_test(TEST, BrowserOptions::desktop(), move |b| async move {
        b.goto(&app.url("/login")).await;
        let first = b.tab_order_first().await;
        assert_eq!(first.id, "quick-exit", "the first Tab stop on /login is the quick exit, not {first:?}");
        let href = b.attr("a#quick-exit", "href").await.unwrap_or_default();
        assert!(!href.contains("127.0.0.1") && href.starts_with("http"), "the quick exit leads elsewhere: {href}");

        // Pressed from the keyboard.
        b.press(Key::Enter).await;
        let left = b.wait_for_url("another site", |u| u.host_str() != Some("127.0.0.1")).await;
        assert_ne!(host_of(&left), "127.0.0.1");

        sign_in(&b, &app).await;
        for path in ["/", "/cases"] {
            b.goto(&app.url(path)).await;
            let first = b.tab_order_first().await;
            assert_eq!(first.id, "quick-exit", "the first Tab stop on {path} is the quick exit, not {first:?}");
        }

        // Clicked.
        b.goto(&app.url("/")).await;
        b.click("a#quick-exit").await;
        b.wait_for_url("another site", |u| u.host_str() != Some("127.0.0.1")).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_and_out() {
    const TEST: &str = "signing_in_and_out";
    let app = app_with_user().await;
    browser_test(TEST, BrowserOptions::desktop(), move |b| async move {
        b.goto(&app.url("/login")).await;
        b.wait_for("form#login", WAIT).await;
        assert!(!b.exists("[role=alert]").await, "no error before trying");

        b.fill("form#login input#username", "sw1").await;
        b.fill("form#login input#password", "not the password").await;
        b.click("form#login button#login-submit").await;
        b.wait_for("[role=alert]", WAIT).await;
        assert_ne!(b.current_url().await.path(), "/", "a wrong password does not sign in");

        b.fill("form#login input#username", "sw1").await;
        b.fill("form#login input#password", PASSWORD).await;
        b.click("form#login button#login-submit").await;
        b.wait_for_path("/").await;
        b.wait_for("h1", WAIT).await;
        assert!(b.exists("form#logout button").await, "the home page offers sign out");

        b.click("form#logout button").await;
        b.wait_for_path("/login").await;
        b.wait_for("form#login", WAIT).await;
        b.goto(&app.url("/")).await;
        b.wait_for_path("/login").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_without_a_session_go_to_sign_in() {
    const TEST: &str = "pages_without_a_session_go_to_sign_in";
    let app = app_with_user().await;
    browser_test(TEST, BrowserOptions::desktop(), move |b| async move {
        for path in ["/", "/cases"] {
            b.goto(&app.url(path)).await;
            b.wait_for_path("/login").await;
            b.wait_for("form#login", WAIT).await;
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn choosing_thai_before_and_after_signing_in() {
    const TEST: &str = "choosing_thai_before_and_after_signing_in";
    let app = app_with_user().await;
    browser_test(TEST, BrowserOptions::desktop(), move |b| async move {
        b.goto(&app.url("/login")).await;
        for lang in ["en", "th", "lo", "my"] {
            b.find(&format!("form#language button[name=lang][value={lang}]")).await;
        }
        b.click("form#language button[name=lang][value=th]").await;
        b.wait_for("html[lang=th]", WAIT).await;
        assert_eq!(b.text("h1").await, "เข้าสู่ระบบ", "the sign-in page in Thai");

        b.click("form#language button[name=lang][value=en]").await;
        b.wait_for("html[lang=en]", WAIT).await;

        sign_in(&b, &app).await;
        b.click("form#language button[name=lang][value=th]").await;
        b.wait_for("html[lang=th]", WAIT).await;
        assert!(b.exists("form#logout").await, "still signed in after choosing a language");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_and_forms_load_only_the_content_and_thai_is_drawn_with_the_embedded_font() {
    const TEST: &str = "links_and_forms_load_only_the_content_and_thai_is_drawn_with_the_embedded_font";
    let app = app_with_user().await;
    browser_test(TEST, BrowserOptions::mobile(), move |b| async move {
        sign_in(&b, &app).await;
        // A marker that a whole-page load would wipe out.
        b.execute("window.counternetMarker = 'kept'; return null;").await;
        b.click("nav.main a[href='/cases']").await;
        b.wait_for_path("/cases").await;
        b.wait_for("form.filters", WAIT).await;
        assert_eq!(b.execute("return window.counternetMarker || null;").await, json!("kept"), "only <main> was loaded");
        assert!(b.execute("return document.title;").await.as_str().unwrap().starts_with("Cases"));
        assert_eq!(b.attr("nav.main a[href='/cases']", "aria-current").await.as_deref(), Some("page"));
        assert_eq!(b.attr("nav.main a[href='/']", "aria-current").await, None);
        assert_eq!(b.focused().await.tag, "h1", "the focus moves to the new page's heading");
        assert_eq!(b.attr("form#language input[name=back]", "value").await.as_deref(), Some("/cases"));

        // A GET form (the filters) and the back button.
        let status = b.find("form.filters select#status").await;
        status.select_by_value("closed").await.expect("choose a status");
        b.click("form.filters button[type=submit]").await;
        b.wait_for_url("the filtered list", |u| u.query().is_some_and(|q| q.contains("status=closed"))).await;
        assert_eq!(b.execute("return window.counternetMarker || null;").await, json!("kept"));
        b.execute("history.back(); return null;").await;
        b.wait_for_url("the list again", |u| u.path() == "/cases" && u.query().is_none_or(|q| q.is_empty())).await;

        // A language change reloads the whole page (the header changes), and Thai text is drawn with
        // the font the binary serves, whatever the machine has installed.
        b.click("form#language button[name=lang][value=th]").await;
        b.wait_for("html[lang=th]", WAIT).await;
        let loaded = "return Array.from(document.fonts).some(function (f) { \
                      return f.family.indexOf('counternet Thai') >= 0 && f.status === 'loaded'; });";
        let deadline = std::time::Instant::now() + WAIT;
        while b.execute(loaded).await != json!(true) {
            assert!(std::time::Instant::now() < deadline, "the embedded Thai font was never loaded");
            tokio::time::sleep(POLL).await;
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_that_prefers_thai_gets_thai_at_once() {
    const TEST: &str = "a_browser_that_prefers_thai_gets_thai_at_once";
    let app = app_with_user().await;
    browser_test(TEST, BrowserOptions::desktop().accept_language("th,en"), move |b| async move {
        b.goto(&app.url("/login")).await;
        b.wait_for("html[lang=th]", WAIT).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_session_ends_after_thirty_minutes() {
    const TEST: &str = "an_idle_session_ends_after_thirty_minutes";
    let app = app_with_user().await;
    browser_test(TEST, BrowserOptions::desktop(), move |b| async move {
        sign_in(&b, &app).await;
        app.clock.advance(chrono::Duration::minutes(31));
        b.reload().await;
        b.wait_for_path("/login").await;
        b.wait_for("form#login", WAIT).await;
    })
    .await;
}

// --- reveal and history ---

/// Signs in through the form as `username`.
async fn reveal_sign_in_as(b: &Browser, app: &TestApp, username: &str) {
    b.goto(&app.url("/login")).await;
    b.fill("form#login input#username", username).await;
    b.fill("form#login input#password", PASSWORD).await;
    b.click("form#login button#login-submit").await;
    b.wait_for_path("/").await;
    b.wait_for("form#logout", WAIT).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_investigator_reveals_a_masked_victim_and_finds_the_reveal_in_the_history() {
    const TEST: &str = "an_investigator_reveals_a_masked_victim_and_finds_the_reveal_in_the_history";
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("kiet", Role::Investigator, None).await;
    let api = app.login(&inv).await;
    let post = reqwest::Method::POST;
    let (s, case) = crate::support::call(
        &api,
        post.clone(),
        app.url("/api/v1/cases"),
        Some(json!({"title": "Fishing boat crew held at sea", "tactics": ["victim_identification"],
                    "exploitation_types": ["forced_labour"], "opened_on": "2026-05-01"})),
    )
    .await;
    assert_eq!(s, 201, "{case}");
    let case_id = case["id"].as_str().unwrap().to_string();
    let (s, victim) = crate::support::call(
        &api,
        post.clone(),
        app.url("/api/v1/parties"),
        Some(json!({"kind": "person", "given_name": "Aung", "family_name": "Min Htet", "date_of_birth": "2004-09-12"})),
    )
    .await;
    assert_eq!(s, 201, "{victim}");
    let (s, _) = crate::support::call(
        &api,
        post,
        app.url(&format!("/api/v1/cases/{case_id}/parties")),
        Some(json!({"party_id": victim["id"], "role": "victim"})),
    )
    .await;
    assert_eq!(s, 201);
    let reason = "Preparing the witness statement with the police";

    browser_test(TEST, BrowserOptions::desktop(), move |b| async move {
        reveal_sign_in_as(&b, &app, "kiet").await;
        b.goto(&app.url(&format!("/cases/{case_id}"))).await;
        b.wait_for("a.reveal", WAIT).await;
        let row = b.text("table.responsive tbody").await;
        assert!(row.contains("A. M. H.") && !row.contains("Aung"), "masked on the case page: {row}");

        b.click("a.reveal").await;
        b.wait_for("form#reveal", WAIT).await;
        assert!(b.current_url().await.path().ends_with("/reveal"));
        assert!(!b.text("main").await.contains("Aung"), "still masked before pressing Reveal");
        b.fill("form#reveal textarea#reveal-reason", reason).await;
        b.click("form#reveal button#reveal-submit").await;
        b.wait_for("#reveal-recorded", WAIT).await;
        assert!(b.text("#reveal-recorded").await.contains("recorded"), "the page says the reveal was recorded");
        let identity = b.text("dl#identity").await;
        assert!(identity.contains("Aung Min Htet"), "the full name: {identity}");
        assert!(identity.contains("12 Sep 2004"), "the date of birth: {identity}");

        b.click("a#back-to-case").await;
        b.wait_for_path(&format!("/cases/{case_id}")).await;
        b.wait_for("a#case-history", WAIT).await;
        assert!(!b.text("main").await.contains("Aung"), "masked again on the case page");
        b.click("a#case-history").await;
        b.wait_for_path(&format!("/cases/{case_id}/history")).await;
        let history = b.wait_for("table#history", WAIT).await.text().await.unwrap();
        assert!(history.contains("Revealed a protected identity"), "{history}");
        assert!(history.contains("kiet") && history.contains(reason), "{history}");
        assert!(!history.contains("Aung"), "the history never names a survivor");
    })
    .await;
}

// --- administration ---

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_administrator_creates_an_investigator_who_then_signs_in() {
    const TEST: &str = "the_administrator_creates_an_investigator_who_then_signs_in";
    const NEW_PASSWORD: &str = "wanida's own long password";
    let app = spawn_app(Backend::Sqlite).await;
    app.user("admin1", Role::Administrator, None).await;
    browser_test(TEST, BrowserOptions::desktop(), move |b| async move {
        b.goto(&app.url("/login")).await;
        b.fill("form#login input#username", "admin1").await;
        b.fill("form#login input#password", PASSWORD).await;
        b.click("form#login button#login-submit").await;
        b.wait_for_path("/").await;

        b.click("a#nav-admin").await;
        b.wait_for_path("/admin/users").await;
        b.wait_for("form#new-user", WAIT).await;
        b.fill("form#new-user input#new-username", "wanida").await;
        b.fill("form#new-user input#new-display-name", "Wanida S.").await;
        let role = b.find("form#new-user select#new-role").await;
        role.select_by_value("investigator").await.expect("choose the investigator role");
        b.fill("form#new-user input#new-password", NEW_PASSWORD).await;
        b.fill("form#new-user input#new-password-repeat", NEW_PASSWORD).await;
        b.click("form#new-user button#create-user").await;
        b.wait_for("p.notice", WAIT).await;
        assert!(b.text("p.notice").await.contains("wanida"), "the notice names the new user");
        assert!(b.exists("tr[data-username=wanida]").await, "the new user is listed");
        assert!(b.text("tr[data-username=wanida]").await.contains("Investigator"));

        b.click("form#logout button").await;
        b.wait_for_path("/login").await;
        b.fill("form#login input#username", "wanida").await;
        b.fill("form#login input#password", NEW_PASSWORD).await;
        b.click("form#login button#login-submit").await;
        b.wait_for_path("/").await;
        b.wait_for("form#logout", WAIT).await;
        assert!(!b.exists("a#nav-admin").await, "an investigator has no administration link");
        assert!(b.exists("a#nav-new-case").await, "but may open cases");
    })
    .await;
}

// --- case forms ---

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_investigator_opens_a_case_and_adds_a_victim_after_searching() {
    const TEST: &str = "an_investigator_opens_a_case_and_adds_a_victim_after_searching";
    let app = spawn_app(Backend::Sqlite).await;
    app.user("inv1", Role::Investigator, None).await;
    browser_test(TEST, BrowserOptions::desktop(), move |b| async move {
        b.goto(&app.url("/login")).await;
        b.fill("form#login input#username", "inv1").await;
        b.fill("form#login input#password", PASSWORD).await;
        b.click("form#login button#login-submit").await;
        b.wait_for_path("/").await;

        b.click("a#nav-new-case").await;
        b.wait_for_path("/cases/new").await;
        b.fill("form#new-case input#title", "Seafood processing plant").await;
        b.click("input#tactic-victim_identification").await;
        b.click("input#exploitation-forced_labour").await;
        b.click("button#new-case-submit").await;
        let case_url = b
            .wait_for_url("the new case's page", |u| u.path().starts_with("/cases/") && u.path() != "/cases/new")
            .await;
        let case_path = case_url.path().to_string();
        assert!(b.text("h1").await.contains("Seafood processing plant"));

        // Search first: nobody by that name yet; then the form to create a new person.
        b.click("a#add-person").await;
        b.wait_for_path(&format!("{case_path}/people/new")).await;
        assert!(!b.exists("form#create-person").await, "no create form before searching");
        b.fill("form#person-search input#person-q", "Mya Thida").await;
        b.click("button#person-search-submit").await;
        b.wait_for("#no-matches", WAIT).await;
        b.fill("form#create-person input#full_name", "Mya Thida Aung").await;
        b.fill("form#create-person input#nationality", "MMR").await;
        let role = b.find("form#create-person select#new-role").await;
        role.select_by_value("victim").await.expect("choose the victim role");
        b.click("button#create-person-submit").await;
        b.wait_for_path(&case_path).await;

        let people = b.text("table.responsive").await;
        assert!(people.contains("M. T. A."), "the victim appears by initials: {people}");
        assert!(!people.contains("Mya Thida"), "and not by name: {people}");
        assert!(b.exists("span.masked").await);
    })
    .await;
}

/// Issue 5: search-before-create finds a romanised variant of a Thai-script name already stored,
/// says why, and the user adds that person instead of recording a duplicate.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_before_create_finds_a_romanised_variant_of_a_thai_name() {
    const TEST: &str = "search_before_create_finds_a_romanised_variant_of_a_thai_name";
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("inv1", Role::Investigator, None).await;
    let first = crate::web::api_case(&app, &inv, "Fishing boat, Samut Sakhon").await;
    let recruiter = crate::web::api_party(
        &app,
        &inv,
        &first,
        json!({"kind": "person", "full_name": "นายสมชาย ใจดี", "date_of_birth": "1997-03-14"}),
        "perpetrator",
    )
    .await;
    crate::web::api_party(&app, &inv, &first, json!({"kind": "person", "full_name": "Somsak Thongdee"}), "witness")
        .await;
    let second = crate::web::api_case(&app, &inv, "Karaoke bar, Hat Yai").await;
    browser_test(TEST, BrowserOptions::desktop(), move |b| async move {
        b.goto(&app.url("/login")).await;
        b.fill("form#login input#username", "inv1").await;
        b.fill("form#login input#password", PASSWORD).await;
        b.click("form#login button#login-submit").await;
        b.wait_for_path("/").await;

        b.goto(&app.url(&format!("/cases/{second}/people/new"))).await;
        b.fill("form#person-search input#person-q", "Somchay Jaidee").await;
        b.click("button#person-search-submit").await;
        b.wait_for("table#matches", WAIT).await;
        let first_row = b.text("table#matches tbody tr:first-child").await;
        assert!(first_row.contains("นายสมชาย ใจดี"), "the Thai-script record comes first: {first_row}");
        let why = b.text("table#matches tbody tr:first-child ul.why-list").await;
        assert!(why.contains("Name"), "the match says why: {why}");
        assert!(!b.text("table#matches").await.contains("Somsak"), "a different person is not offered");

        let role = b.find(&format!("select#role-{recruiter}")).await;
        role.select_by_value("perpetrator").await.expect("choose the role");
        b.click("table#matches tbody tr:first-child form.add-match button").await;
        b.wait_for_path(&format!("/cases/{second}")).await;
        let people = b.text("table.responsive").await;
        assert!(people.contains("นายสมชาย ใจดี"), "the existing person was added, not a new one: {people}");
    })
    .await;
}

// --- partners ---

/// A POST to the API that must succeed (set-up of a browser test); returns the answer.
async fn api_post(app: &TestApp, api: &reqwest::Client, path: String, body: Value) -> Value {
    let (s, v) = crate::support::call(api, reqwest::Method::POST, app.url(&path), Some(body)).await;
    assert!(s == 201 || s == 200, "POST {path}: {s} {v}");
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partner_liaison_sees_only_what_was_shared() {
    const TEST: &str = "a_partner_liaison_sees_only_what_was_shared";
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("kiet", Role::Investigator, None).await;
    app.user("police1", Role::PartnerLiaison, Some(app.partner_org.id)).await;
    let api = app.login(&inv).await;
    let call = |path: String, body: Value| api_post(&app, &api, path, body);
    let case = call(
        "/api/v1/cases".into(),
        json!({"title": "Karaoke bar in Mae Sai", "tactics": ["victim_identification"],
               "exploitation_types": ["sexual_exploitation"], "opened_on": "2026-05-01"}),
    )
    .await;
    let case_id = case["id"].as_str().unwrap().to_string();
    let victim = call(
        "/api/v1/parties".into(),
        json!({"kind": "person", "given_name": "Nang", "family_name": "Seng Hom", "survivor": true}),
    )
    .await;
    call(format!("/api/v1/cases/{case_id}/parties"), json!({"party_id": victim["id"], "role": "victim"})).await;
    call(
        format!("/api/v1/cases/{case_id}/events"),
        json!({"stage": "exploitation", "occurred_on": "2026-04-02", "place": "Bar on the border road"}),
    )
    .await;
    call(format!("/api/v1/cases/{case_id}/notes"), json!({"body": "Internal: informant is the bar's cook"})).await;
    call(format!("/api/v1/cases/{case_id}/tasks"), json!({"title": "Internal task: safe house booking"})).await;
    call(
        format!("/api/v1/cases/{case_id}/referrals"),
        json!({"organisation_id": app.partner_org.id, "parts": ["events", "people"],
               "message": "Please interview the bar owner"}),
    )
    .await;

    browser_test(TEST, BrowserOptions::desktop(), move |b| async move {
        reveal_sign_in_as(&b, &app, "police1").await;
        let home = b.text("main").await;
        assert!(home.contains("Karaoke bar in Mae Sai"), "the liaison's home lists what is shared: {home}");
        b.click("a#nav-shared").await;
        b.wait_for_path("/shared").await;
        let list = b.wait_for("table#shared-list", WAIT).await.text().await.unwrap();
        assert!(list.contains("Karaoke bar in Mae Sai"), "{list}");
        b.click("table#shared-list a").await;
        b.wait_for("form#accept-referral", WAIT).await;
        let before = b.text("main").await;
        assert!(before.contains("Please interview the bar owner"), "the request shows");
        assert!(!before.contains("Bar on the border road"), "nothing but the overview before accepting");

        b.fill("form#accept-referral input#their-reference", "MSI-2026-044").await;
        b.click("button#accept-submit").await;
        b.wait_for("section[aria-labelledby=shared-events]", WAIT).await;
        let page = b.text("main").await;
        assert!(page.contains("Bar on the border road"), "the shared events");
        assert!(page.contains("N. S. H."), "the survivor by initials: {page}");
        assert!(!page.contains("Seng Hom"), "never by name");
        assert!(!page.contains("informant"), "internal notes are not shared");
        assert!(!page.contains("safe house"), "nor tasks");
        assert!(!b.exists("a#case-history").await && !b.exists("a.reveal").await, "no way into the case");

        b.fill("form#shared-note textarea#shared-note-body", "Owner interviewed on 3 June").await;
        b.click("button#shared-note-submit").await;
        b.wait_for_url("back on the referral", |u| u.path().starts_with("/shared/")).await;
        let deadline = Instant::now() + WAIT;
        while !b.text("main").await.contains("Owner interviewed on 3 June") {
            assert!(Instant::now() < deadline, "the note shows");
            tokio::time::sleep(POLL).await;
        }

        // The case itself stays closed: as if it did not exist.
        b.goto(&app.url(&format!("/cases/{case_id}"))).await;
        let closed = b.text("main").await;
        assert!(!closed.contains("Karaoke bar") && !closed.contains("Bar on the border road"), "{closed}");

        let (_, notes) =
            crate::support::call(&api, reqwest::Method::GET, app.url(&format!("/api/v1/cases/{case_id}/notes")), None)
                .await;
        assert!(notes.to_string().contains("Owner interviewed on 3 June"), "the note came back into the case");
    })
    .await;
}

// --- an accessibility and layout audit of every page ---

/// What is wrong on the page in front of the browser: form controls without an accessible name,
/// buttons and links without text, ids used twice, and anything wider than the window.
const AUDIT: &str = r#"
const problems = [];
const named = (e) => {
  if (e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')) return true;
  if (e.id && document.querySelector('label[for="' + CSS.escape(e.id) + '"]')) return true;
  return !!e.closest('label');
};
for (const e of document.querySelectorAll('input, select, textarea')) {
  if (e.type === 'hidden') continue;
  if (!named(e)) problems.push('unlabelled ' + e.tagName.toLowerCase() + ' name=' + e.name + ' id=' + e.id);
}
for (const e of document.querySelectorAll('button, a[href]')) {
  const text = (e.textContent || '').trim() || e.getAttribute('aria-label') || e.getAttribute('title');
  if (!text) problems.push('no text on ' + e.tagName.toLowerCase() + ' ' + (e.getAttribute('href') || e.id));
}
const ids = {};
for (const e of document.querySelectorAll('[id]')) {
  if (ids[e.id]) problems.push('id used twice: ' + e.id);
  ids[e.id] = true;
}
if (!document.documentElement.lang) problems.push('no lang on <html>');
if (!document.title.trim()) problems.push('no title');
if (document.querySelectorAll('h1').length !== 1) problems.push(document.querySelectorAll('h1').length + ' h1 elements');
const width = document.documentElement.clientWidth;
for (const e of document.querySelectorAll('body *')) {
  const r = e.getBoundingClientRect();
  if (r.width > 0 && r.right > width + 1 && getComputedStyle(e).position !== 'fixed') {
    problems.push('wider than the window: ' + e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ends at ' + Math.round(r.right));
    break;
  }
}
return problems;
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_names_its_controls_and_fits_a_phone() {
    const TEST: &str = "every_page_names_its_controls_and_fits_a_phone";
    let app = spawn_app(Backend::Sqlite).await;
    let mgr = app.user("manager1", Role::Manager, None).await;
    app.user("admin1", Role::Administrator, None).await;
    app.user("police1", Role::PartnerLiaison, Some(app.partner_org.id)).await;
    let api = app.login(&mgr).await;
    let call = |path: String, body: Value| api_post(&app, &api, path, body);
    let case = call(
        "/api/v1/cases".into(),
        json!({"title": "Seafood processing plant in Samut Sakhon with a long title that must wrap on a phone",
               "tactics": ["victim_identification", "asset_seizure"], "exploitation_types": ["forced_labour"],
               "opened_on": "2026-05-01", "summary": "Workers from Myanmar held by debt."}),
    )
    .await;
    let case_id = case["id"].as_str().unwrap().to_string();
    let victim = call(
        "/api/v1/parties".into(),
        json!({"kind": "person", "full_name": "Aung Aung Kyaw", "date_of_birth": "2001-02-03", "survivor": true}),
    )
    .await;
    call(format!("/api/v1/cases/{case_id}/parties"), json!({"party_id": victim["id"], "role": "victim"})).await;
    // The victim's follow-up: a plan, a visit and an assessment, for the follow-up page's chart and tables.
    let follow_up = format!("/api/v1/cases/{case_id}/victims/{}", victim["id"].as_str().unwrap());
    let plan = call(format!("{follow_up}/plans"), json!({"title": "Return home", "started_on": "2026-05-01"})).await;
    call(
        format!("{follow_up}/goals"),
        json!({"plan_id": plan["id"], "plan_type": "livelihood", "description": "Sewing course"}),
    )
    .await;
    call(
        format!("{follow_up}/visits"),
        json!({"visited_on": "2026-05-20", "country": "MMR", "next_due_on": "2026-05-30"}),
    )
    .await;
    call(
        format!("{follow_up}/assessments"),
        json!({"kind": "intake", "assessed_on": "2026-05-01", "scores": {"safety": 2, "legal_protection": 1,
               "mental_wellbeing": 2, "economic_empowerment": 1, "social_support": 3, "physical_wellbeing": 2}}),
    )
    .await;
    call(
        format!("/api/v1/cases/{case_id}/events"),
        json!({"stage": "recruitment", "occurred_on": "2026-01-10", "place": "Myawaddy", "recruitment_method": "friends"}),
    )
    .await;
    call(format!("/api/v1/cases/{case_id}/tasks"), json!({"title": "Visit the dormitory", "due_on": "2026-06-10"}))
        .await;
    call(format!("/api/v1/cases/{case_id}/notes"), json!({"body": "Met two workers at the clinic."})).await;
    let referral = call(
        format!("/api/v1/cases/{case_id}/referrals"),
        json!({"organisation_id": app.partner_org.id, "parts": ["events", "people", "notes"]}),
    )
    .await;
    let referral_id = referral["id"].as_str().unwrap().to_string();
    let party_id = victim["id"].as_str().unwrap().to_string();
    // A possible duplicate for the review queue, and a second record merged into the victim's
    // person for the person page.
    call(
        "/api/v1/parties".into(),
        json!({"kind": "person", "full_name": "Aung Aung Kyaw", "date_of_birth": "2001-02-03"}),
    )
    .await;
    let second = call(
        "/api/v1/parties".into(),
        json!({"kind": "person", "given_name": "Aung Aung", "family_name": "Kyaw", "date_of_birth": "2001-02-03"}),
    )
    .await;
    call("/api/v1/parties/merges".into(), json!({"party_a": party_id, "party_b": second["id"]})).await;
    // A money alert for the alerts page: payments just below the reporting threshold.
    let account =
        call("/api/v1/parties".into(), json!({"kind": "bank_account", "account_number": "111-1-11111-1"})).await;
    let mapping = json!({"date": "date", "amount": "amount", "counterparty_account": "other"});
    let r = api.put(app.url("/api/v1/statement-mappings/Signed")).json(&mapping).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let statement =
        format!("/api/v1/cases/{case_id}/statements?account={}&mapping=Signed", account["id"].as_str().unwrap());
    let csv = "date,amount,other\n2026-05-03 09:00,-1950000.00,555-5-55555-5\n\
               2026-05-04 09:00,-1960000.00,666-6-66666-6\n2026-05-05 09:00,-1940000.00,777-7-77777-7\n";
    let r = api.post(app.url(&statement)).header("content-type", "text/csv").body(csv).send().await.unwrap();
    assert_eq!(r.status(), 200);

    browser_test(TEST, BrowserOptions::mobile(), move |b| async move {
        // The audit finds what it looks for.
        let bad = data_url(
            r#"<html lang=en><meta name=viewport content="width=device-width"><title>t</title><main id=content><h1>x</h1><input name=q><button></button>
               <p id=a>1</p><p id=a>2</p><div style="width:900px">wide</div></main></html>"#,
        );
        let found = audit_page(&b, &bad, "bad").await.join("\n");
        for want in ["unlabelled input name=q", "no text on button", "id used twice: a", "wider than the window"] {
            assert!(found.contains(want), "the audit misses {want:?}: {found}");
        }
        let mut problems: Vec<String> = Vec::new();
        let pages_of = |who: &str| -> Vec<String> {
            match who {
                "manager1" => vec![
                    "/".into(),
                    "/cases".into(),
                    "/cases/new".into(),
                    format!("/cases/{case_id}"),
                    format!("/cases/{case_id}/edit"),
                    format!("/cases/{case_id}/people/new"),
                    format!("/cases/{case_id}/people/{party_id}/reveal"),
                    format!("/cases/{case_id}/team"),
                    format!("/cases/{case_id}/sharing"),
                    format!("/cases/{case_id}/screening"),
                    format!("/cases/{case_id}/history"),
                    format!("/cases/{case_id}/calls"),
                    format!("/cases/{case_id}/statements"),
                    format!("/cases/{case_id}/money?account={}&hops=4", account["id"].as_str().unwrap()),
                    format!("/cases/{case_id}/victims/{party_id}/follow-up"),
                    "/account".into(),
                    "/people/duplicates".into(),
                    format!("/people/{party_id}"),
                    "/search".into(),
                    format!("/network?node={party_id}"),
                    "/network/analysis".into(),
                    "/engagement".into(),
                    "/money/alerts".into(),
                    "/calendar".into(),
                    "/compensation".into(),
                ],
                "admin1" => vec![
                    "/admin/users".into(),
                    "/admin/organisations".into(),
                    "/admin/matching".into(),
                    "/admin/settings/money".into(),
                ],
                _ => vec!["/shared".into(), format!("/shared/{referral_id}")],
            }
        };
        b.goto(&app.url("/login")).await;
        problems.extend(audit_page(&b, &app.url("/login"), "/login").await);
        for who in ["manager1", "admin1", "police1"] {
            reveal_sign_in_as(&b, &app, who).await;
            for path in pages_of(who) {
                problems.extend(audit_page(&b, &app.url(&path), &path).await);
            }
            b.click("form#logout button").await;
            b.wait_for_path("/login").await;
        }
        assert!(problems.is_empty(), "accessibility and layout problems:\n{}", problems.join("\n"));
    })
    .await;
}

/// Loads `url` and returns the audit's findings, each prefixed with `path`.
async fn audit_page(b: &Browser, url: &str, path: &str) -> Vec<String> {
    b.goto(url).await;
    b.wait_for("main#content", WAIT).await;
    let found = b.execute(AUDIT).await;
    found
        .as_array()
        .map(|a| a.iter().map(|p| format!("{path}: {}", p.as_str().unwrap_or_default())).collect())
        .unwrap_or_default()
}

// --- victim identification, end to end (issue 4) ---

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_police_referral_is_screened_refused_without_consent_overridden_and_seen_by_the_police() {
    const TEST: &str = "a_police_referral_is_screened_refused_without_consent_overridden_and_seen_by_the_police";
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("inv1", Role::Investigator, None).await;
    app.user("mgr1", Role::Manager, None).await;
    app.user("police1", Role::PartnerLiaison, Some(app.partner_org.id)).await;
    let api = app.login(&inv).await;
    let post = reqwest::Method::POST;
    let (s, case) = crate::support::call(
        &api,
        post.clone(),
        app.url("/api/v1/cases"),
        Some(json!({"title": "Boy begging at Khao San Road", "tactics": ["victim_identification"],
                    "exploitation_types": ["forced_begging"], "opened_on": "2026-05-01"})),
    )
    .await;
    assert_eq!(s, 201, "{case}");
    let case_id = case["id"].as_str().unwrap().to_string();
    let (_, victim) = crate::support::call(
        &api,
        post.clone(),
        app.url("/api/v1/parties"),
        Some(json!({"kind": "person", "given_name": "Sok", "family_name": "Dara", "survivor": true})),
    )
    .await;
    let (s, _) = crate::support::call(
        &api,
        post,
        app.url(&format!("/api/v1/cases/{case_id}/parties")),
        Some(json!({"party_id": victim["id"], "role": "victim"})),
    )
    .await;
    assert_eq!(s, 201);
    let partner = app.partner_org.id.to_string();

    browser_test(TEST, BrowserOptions::desktop(), move |b| async move {
        let case_path = format!("/cases/{case_id}");
        // The investigator records how the case came in: a police referral.
        reveal_sign_in_as(&b, &app, "inv1").await;
        b.goto(&app.url(&case_path)).await;
        b.wait_for("form#add-intake", WAIT).await;
        b.find("select#intake-route").await.select_by_value("police_referral").await.expect("route");
        // (A date field's typing depends on the browser's locale; set its value as a date picker would.)
        b.execute("document.getElementById('intake-received-on').value = '2026-05-01'; return null;").await;
        b.find("select#intake-organisation").await.select_by_value(&partner).await.expect("unit");
        b.fill("input#intake-officer", "Pol. Lt. Somsak").await;
        b.fill("input#intake-their-reference", "BKK-TP-2026-88").await;
        b.click("form#add-intake button[type=submit]").await;
        b.wait_for_url("back on the case", |u| u.path() == case_path).await;
        let intakes = b.wait_for("table#intakes", WAIT).await.text().await.unwrap();
        assert!(intakes.contains("Provincial Police Unit") && intakes.contains("BKK-TP-2026-88"), "{intakes}");

        // A screening: a child, recruited, made to beg: indicated without any means.
        b.click("a#screen").await;
        b.wait_for("form#screening", WAIT).await;
        b.fill("input#screening-age", "11").await;
        b.click("input#act-recruitment").await;
        assert_eq!(b.attr("input#purpose-forced_begging", "checked").await.as_deref(), Some("true"));
        b.click("button#screening-submit").await;
        b.wait_for("h2#advice", WAIT).await;
        assert_eq!(b.text("h2#advice").await, "Trafficking indicated");

        // Sharing her identity with the police without consent is refused, and says why.
        b.goto(&app.url(&format!("{case_path}/sharing"))).await;
        b.wait_for("form#new-referral", WAIT).await;
        assert!(!b.exists("textarea#referral-override").await, "no override for an investigator");
        b.find("select#referral-organisation").await.select_by_value(&partner).await.expect("partner");
        b.click("input#part-people").await;
        b.click("input#part-events").await;
        b.click("input#identity-revealed").await;
        b.fill("textarea#referral-message", "Please identify the adults who bring him").await;
        b.click("button#new-referral-submit").await;
        let deadline = Instant::now() + WAIT;
        while !b.text("main").await.contains("consented") {
            assert!(Instant::now() < deadline, "the refusal explains the missing consent: {}", b.text("main").await);
            tokio::time::sleep(POLL).await;
        }
        b.click("form#logout button").await;
        b.wait_for_path("/login").await;

        // A manager overrides, with a reason.
        reveal_sign_in_as(&b, &app, "mgr1").await;
        b.goto(&app.url(&format!("{case_path}/sharing"))).await;
        b.wait_for("textarea#referral-override", WAIT).await;
        b.find("select#referral-organisation").await.select_by_value(&partner).await.expect("partner");
        b.click("input#part-people").await;
        b.click("input#identity-revealed").await;
        b.fill("textarea#referral-override", "Child at risk tonight; police must identify the handlers").await;
        b.click("button#new-referral-submit").await;
        b.wait_for("table#referral-list", WAIT).await;
        let list = b.text("table#referral-list").await;
        assert!(list.contains("override") && list.contains("Provincial Police Unit"), "{list}");
        b.click("form#logout button").await;
        b.wait_for_path("/login").await;

        // The police liaison accepts and sees the boy named.
        reveal_sign_in_as(&b, &app, "police1").await;
        b.click("a#nav-shared").await;
        b.wait_for("table#shared-list", WAIT).await;
        b.click("table#shared-list a").await;
        b.wait_for("button#accept-submit", WAIT).await;
        b.click("button#accept-submit").await;
        b.wait_for("table#shared-people-list", WAIT).await;
        let people = b.text("table#shared-people-list").await;
        assert!(people.contains("Sok Dara"), "identity shared by override: {people}");
    })
    .await;
}

/// Issue 8: a lawyer records a proceeding and a hearing on the case page, and finds the hearing on
/// the home page (and in the calendar).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hearing_recorded_on_the_case_page_shows_on_the_home_page() {
    const TEST: &str = "a_hearing_recorded_on_the_case_page_shows_on_the_home_page";
    let app = spawn_app(Backend::Sqlite).await;
    let lawyer = app.user("law1", Role::Lawyer, None).await;
    let case_id = crate::web::api_case(&app, &lawyer, "Karaoke bar, Mae Sot").await;
    browser_test(TEST, BrowserOptions::desktop(), move |b| async move {
        b.goto(&app.url("/login")).await;
        b.fill("form#login input#username", "law1").await;
        b.fill("form#login input#password", PASSWORD).await;
        b.click("form#login button#login-submit").await;
        b.wait_for_path("/").await;
        assert!(!b.exists("section#hearings").await, "no hearings yet");

        let case_path = format!("/cases/{case_id}");
        b.goto(&app.url(&case_path)).await;
        b.fill("form#add-proceeding input#proceeding-court", "Mae Sot Provincial Court").await;
        b.fill("form#add-proceeding input#proceeding-black", "อ.123/2569").await;
        b.fill("form#add-proceeding input#proceeding-section", "6").await;
        b.click("form#add-proceeding button[type=submit]").await;
        b.wait_for_path(&case_path).await;
        b.wait_for("article.proceeding", WAIT).await;
        assert!(b.text("section#court").await.contains("Mae Sot Provincial Court"));

        // The hearing in nine days (the test clock stands on 2026-06-01).
        b.click("details.court-add-event summary").await;
        b.execute("document.querySelector('form.court-event-form input[type=date]').value = '2026-06-10';").await;
        b.execute("document.querySelector('form.court-event-form input[type=time]').value = '09:30';").await;
        b.fill("form.court-event-form input[name=place]", "Courtroom 4").await;
        b.click("form.court-event-form button[type=submit]").await;
        b.wait_for_path(&case_path).await;
        b.wait_for("table.court-events", WAIT).await;
        assert!(b.text("table.court-events").await.contains("Courtroom 4"));

        b.goto(&app.url("/")).await;
        let home = b.wait_for("section#hearings", WAIT).await;
        let text = home.text().await.unwrap_or_default();
        assert!(text.contains("Mae Sot Provincial Court") && text.contains("09:30"), "{text}");
        assert!(b.exists("section#hearings li.soon").await, "within the reminder days");
        b.click("section#hearings a[href='/calendar']").await;
        b.wait_for_path("/calendar").await;
        assert!(b.text("#hearing-list").await.contains("Courtroom 4"));
    })
    .await;
}

/// Issue 8: a social worker opens a victim's follow-up page from the case page, records an outcome
/// assessment through the form, and sees the chart of the scores (a line per domain) and its table.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_outcome_assessment_recorded_through_the_form_is_drawn_as_a_chart() {
    const TEST: &str = "an_outcome_assessment_recorded_through_the_form_is_drawn_as_a_chart";
    let app = spawn_app(Backend::Sqlite).await;
    let sw = app.user("sw1", Role::SocialWorker, None).await;
    let case_id = crate::web::api_case(&app, &sw, "Fishing boat, Songkhla").await;
    let victim = crate::web::api_party(
        &app,
        &sw,
        &case_id,
        json!({"kind": "person", "given_name": "Noy", "family_name": "Phommachanh"}),
        "victim",
    )
    .await;
    browser_test(TEST, BrowserOptions::desktop(), move |b| async move {
        b.goto(&app.url("/login")).await;
        b.fill("form#login input#username", "sw1").await;
        b.fill("form#login input#password", PASSWORD).await;
        b.click("form#login button#login-submit").await;
        b.wait_for_path("/").await;

        b.goto(&app.url(&format!("/cases/{case_id}"))).await;
        let page = format!("/cases/{case_id}/victims/{victim}/follow-up");
        b.click(&format!("section#follow-up a[href='{page}']")).await;
        b.wait_for_path(&page).await;
        assert!(b.exists("#assessments-none").await, "no assessment yet");
        assert!(!b.text("h1").await.contains("Phommachanh"), "the survivor's name is masked");

        b.execute("document.querySelector('#assessment-kind').value = 'intake';").await;
        for (domain, score) in [
            ("safety", 2),
            ("legal_protection", 1),
            ("mental_wellbeing", 2),
            ("economic_empowerment", 1),
            ("social_support", 3),
            ("physical_wellbeing", 4),
        ] {
            b.execute(&format!("document.querySelector('#score-{domain}').value = '{score}';")).await;
        }
        b.click("form#add-assessment button[type=submit]").await;
        b.wait_for_path(&page).await;
        b.wait_for("svg#outcome-chart", WAIT).await;
        assert_eq!(b.attr("svg#outcome-chart", "role").await.as_deref(), Some("img"));
        assert!(b.attr("svg#outcome-chart", "aria-label").await.unwrap_or_default().contains("Outcome scores"));
        let lines = b.execute("return document.querySelectorAll('svg#outcome-chart polyline').length;").await;
        assert_eq!(lines, json!(6), "a line per domain");
        let legend = b.text("#chart-legend").await;
        assert!(legend.contains("Safety") && legend.contains("Physical wellbeing"), "{legend}");
        let table = b.text("#assessment-table").await;
        assert!(table.contains("Intake") && table.contains('4'), "{table}");
        // The next assessment is due six months after intake (the test clock stands on 2026-06-01).
        assert!(b.text("#next-assessment").await.contains("2026"), "a due date is shown");
    })
    .await;
}

/// Issue 8: a lawyer records money received for a victim and a payment above the second-approval
/// amount; a manager approves it; the claim shows what was received and paid.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_receipt_and_a_payment_approved_by_a_second_person() {
    const TEST: &str = "a_receipt_and_a_payment_approved_by_a_second_person";
    let app = spawn_app(Backend::Sqlite).await;
    let lawyer = app.user("law2", Role::Lawyer, None).await;
    app.user("mgr2", Role::Manager, None).await;
    let case_id = crate::web::api_case(&app, &lawyer, "Wages never paid").await;
    let api = app.login(&lawyer).await;
    let victim =
        api_post(&app, &api, "/api/v1/parties".into(), json!({"kind": "person", "full_name": "Nang Seng"})).await;
    api_post(
        &app,
        &api,
        format!("/api/v1/cases/{case_id}/parties"),
        json!({"party_id": victim["id"], "role": "victim"}),
    )
    .await;
    let case_url = app.url(&format!("/cases/{case_id}"));
    browser_test(TEST, BrowserOptions::desktop(), move |b| async move {
        reveal_sign_in_as(&b, &app, "law2").await;
        b.goto(&case_url).await;
        b.fill("form#open-claim input#claim-amount", "500,000").await;
        b.click("form#open-claim button[type=submit]").await;
        b.wait_for("article.claim", WAIT).await;

        b.click("details.claim-forms summary").await;
        b.fill("form.receipt-form input[name=amount]", "200,000").await;
        b.execute("document.querySelector('form.receipt-form input[type=date]').value = '2026-05-20';").await;
        b.click("form.receipt-form button[type=submit]").await;
        wait_text(&b, "td.claim-received", "200,000.00").await;

        // 80,000 THB is above the 50,000 THB set amount: it waits for a manager.
        b.click("details.claim-forms summary").await;
        b.fill("form.payment-form input[name=amount]", "80,000").await;
        b.execute("document.querySelector('form.payment-form input[type=date]').value = '2026-05-21';").await;
        b.click("form.payment-form button[type=submit]").await;
        b.wait_for("div.claim-pending", WAIT).await;
        assert!(b.text("td.claim-paid").await.contains("0.00"));
        assert!(!b.exists("form.approval-form").await, "who asked does not approve");

        b.click("form#logout button").await;
        b.wait_for_path("/login").await;
        reveal_sign_in_as(&b, &app, "mgr2").await;
        b.goto(&case_url).await;
        b.click("form.approval-form button.approve").await;
        wait_text(&b, "td.claim-paid", "80,000.00").await;
        assert!(!b.exists("div.claim-pending").await);
        let ledger = b.execute("return document.querySelector('ol.claim-ledger').textContent;").await;
        assert!(ledger.as_str().is_some_and(|t| t.contains("80,000.00") && t.contains("200,000.00")), "{ledger}");
    })
    .await;
}

/// Waits until the element's text holds `needle` (a form that comes back to the same page leaves
/// the address as it was, so the path says nothing about the new page having loaded).
async fn wait_text(b: &Browser, css: &str, needle: &str) {
    let until = Instant::now() + WAIT;
    loop {
        if let Ok(e) = b.client().find(Locator::Css(css)).await {
            if e.text().await.is_ok_and(|t| t.contains(needle)) {
                return;
            }
        }
        assert!(Instant::now() < until, "no {needle:?} in {css} within {WAIT:?}");
        tokio::time::sleep(POLL).await;
    }
}
