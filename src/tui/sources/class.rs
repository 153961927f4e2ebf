//! The class server (`--serve`): the one asynchronous part of steppe, a
//! small web server (axum on a tokio runtime in a thread of its own) that
//! lets a class join the lesson on their phones. It serves the join page,
//! the lesson page the exporter makes for the tour (no notes), the lesson's
//! events (server-sent) and the answer endpoint: nothing else, no file.
//!
//! It talks to the explorer only through the message stream: a join or an
//! answer is a [`Msg::Class`]; what the phones are told comes back as the
//! explorer's effects, kept in a `watch` (the last value only). Neither
//! side ever waits on the other: sending a message never blocks, and a
//! phone that reads slowly only misses states between two it reads.
//!
//! Safe on a school network: the join code is needed for everything but
//! the join page; wrong codes, each address's and each student's requests
//! are rate limited; bodies are small; at most [`CAPACITY`] students and
//! [`CONNECTIONS`] connections; answers to a closed question are refused.

use std::collections::{HashMap, HashSet};
use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener as StdListener};
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context as TaskContext, Poll};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Form, Json, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, oneshot, watch};

use crate::document::words::Words;
use crate::teach::class::{Broadcast, answer_text};
use crate::teach::quiz::Answer;
use crate::tui::msg::{Msg, Sender};
use crate::tui::state::class::{CAPACITY, ClassEvent, Join};

/// Connections open at once; past that, new ones wait to be taken.
pub const CONNECTIONS: usize = 1000;
/// A request body's largest size (a join form, an answer).
const BODY: usize = 1024;
/// The longest nickname, in characters.
pub const NICKNAME: usize = 24;
/// Event streams one student may have open (a phone and a reload).
const STREAMS: usize = 3;
/// The port when none is given.
pub const PORT: u16 = 8080;
/// Wrong codes from one address: this many at once, then one every
/// [`WRONG_EVERY`].
const WRONG_BURST: f64 = 5.0;
const WRONG_EVERY: f64 = 10.0;
/// Requests from one address before joining (the join page, joining).
const ADDRESS_BURST: f64 = 300.0;
const ADDRESS_RATE: f64 = 30.0;
/// Requests of one student (the page, answers, the events).
const STUDENT_BURST: f64 = 20.0;
const STUDENT_RATE: f64 = 4.0;
/// The cookie that takes a student back to their lesson from the join page;
/// the lesson's own address (`/c/TOKEN/`) says who the student is, so that
/// two tabs of one browser can be two students.
const COOKIE: &str = "steppe_class";

/// The class server, as the explorer's loop holds it.
pub struct ClassServer {
    state: watch::Sender<Arc<Told>>,
    page: watch::Sender<Option<Page>>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    /// Where students join.
    pub join: Join,
}

/// The lesson page, and the lesson's title for the join page.
#[derive(Debug, Clone)]
struct Page {
    title: String,
    html: Arc<str>,
}

/// A state for the phones, and the same as JSON, made once for them all.
#[derive(Debug, Default)]
struct Told {
    state: Broadcast,
    json: String,
}

impl Told {
    fn new(state: Broadcast) -> Told {
        let json = serde_json::to_string(&state).unwrap_or_else(|_| "{}".into());
        Told { state, json }
    }
}

impl ClassServer {
    /// Listens on `addr` and serves the class in a thread of its own; the
    /// lesson page comes later ([`ClassServer::page`]), when the files are
    /// loaded. `title` and `lang` are the join page's.
    pub fn start(tx: Sender, addr: SocketAddr, lang: Option<String>) -> io::Result<ClassServer> {
        let listener = StdListener::bind(addr).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot listen on {addr}: {e} (give another --serve ADDR:PORT)"),
            )
        })?;
        listener.set_nonblocking(true)?;
        let local = listener.local_addr()?;
        let join = Join { url: url(local), code: code()? };
        raise_file_limit();
        let (state, state_rx) = watch::channel(Arc::new(Told::new(Broadcast::default())));
        let (page, page_rx) = watch::channel(None);
        let (stop, stop_rx) = oneshot::channel();
        let shared = Arc::new(Shared {
            code: join.code.clone(),
            tx,
            state: state_rx,
            page: page_rx,
            lang,
            inner: Mutex::new(Inner::default()),
        });
        let runtime =
            tokio::runtime::Builder::new_current_thread().enable_io().enable_time().build()?;
        let thread = std::thread::Builder::new().name("class".into()).spawn(move || {
            runtime.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
                let limited = Limited { listener, slots: Arc::new(Semaphore::new(CONNECTIONS)) };
                let app = router(shared.clone());
                let serve = axum::serve(
                    axum::serve::ListenerExt::tap_io(limited, |_| {}),
                    app.into_make_service_with_connect_info::<SocketAddr>(),
                );
                tokio::select! {
                    result = serve => {
                        let why = match result {
                            Ok(()) => "the class server stopped".to_string(),
                            Err(e) => format!("the class server stopped: {e}"),
                        };
                        let _ = shared.tx.send(Msg::Class(ClassEvent::Failed(why)));
                    }
                    _ = stop_rx => {}
                }
            });
            // Open event streams end with the runtime; they are not waited for.
            runtime.shutdown_timeout(Duration::from_millis(100));
        })?;
        Ok(ClassServer { state, page, stop: Some(stop), thread: Some(thread), join })
    }

    /// Tells the phones where the lesson is and what is asked; never waits.
    pub fn tell(&self, state: Broadcast) {
        self.state.send_replace(Arc::new(Told::new(state)));
    }

    /// The lesson page to serve from now on, and its title.
    pub fn page(&self, title: String, html: Arc<str>) {
        self.page.send_replace(Some(Page { title, html }));
    }

    /// The lesson is over: the phones are told, then the server stops.
    pub fn end(mut self) {
        let mut last = self.state.borrow().state.clone();
        last.ended = true;
        last.question = None;
        last.open = false;
        self.tell(last);
        // Time for the streams to carry the news; the teacher is leaving anyway.
        std::thread::sleep(Duration::from_millis(300));
        self.shut();
    }

    fn shut(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for ClassServer {
    fn drop(&mut self) {
        self.shut();
    }
}

/// `http://192.168.1.20:8080/`: where students go. An address that means
/// every interface is shown as the one with the default route.
fn url(local: SocketAddr) -> String {
    let ip = match local.ip() {
        ip if ip.is_unspecified() => default_ip().unwrap_or(IpAddr::from([127, 0, 0, 1])),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, local.port()))
}

/// The address of the interface that has the default route: a UDP socket
/// "connected" to an address beyond this network (no packet is sent), then
/// asked where it is.
pub fn default_ip() -> Option<IpAddr> {
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    // An address for documentation (RFC 5737): routed by the default route, never reached.
    socket.connect("192.0.2.1:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_unspecified()).then_some(ip)
}

/// `--serve` as given: `ADDR:PORT`, `ADDR` (port 8080), `:PORT`, or
/// nothing (the default route's interface, port 8080).
pub fn serve_address(given: &str) -> Result<SocketAddr, String> {
    let given = given.trim();
    if let Ok(addr) = given.parse::<SocketAddr>() {
        return Ok(addr);
    }
    if let Ok(ip) = given.trim_matches(['[', ']']).parse::<IpAddr>() {
        return Ok(SocketAddr::new(ip, PORT));
    }
    let port = match given.strip_prefix(':') {
        Some(p) => {
            p.parse::<u16>().map_err(|_| format!("`{given}` has no port number after `:`"))?
        }
        None if given.is_empty() => PORT,
        None => {
            return Err(format!(
                "`{}` is not an address to serve on: give ADDR:PORT such as 192.168.1.20:8080, or 127.0.0.1:8080 to try it alone",
                crate::text::safe::one_line(given)
            ));
        }
    };
    let ip = default_ip().ok_or_else(|| {
        "this computer has no network with a default route: join the school's network or a phone's hotspot, or give --serve ADDR:PORT".to_string()
    })?;
    Ok(SocketAddr::new(ip, port))
}

/// Random bytes from the system.
fn random(bytes: &mut [u8]) -> io::Result<()> {
    use std::io::Read;
    std::fs::File::open("/dev/urandom")?.read_exact(bytes)
}

/// The join code: six digits, typed on a phone's number pad.
fn code() -> io::Result<String> {
    let mut b = [0u8; 8];
    random(&mut b)?;
    Ok(format!("{:06}", u64::from_le_bytes(b) % 1_000_000))
}

/// A student's secret, kept in a cookie: 128 random bits.
fn token() -> io::Result<String> {
    let mut b = [0u8; 16];
    random(&mut b)?;
    Ok(b.iter().map(|x| format!("{x:02x}")).collect())
}

/// A class of 200 needs more than the usual 1024 open files: the soft limit
/// goes up to the hard one.
fn raise_file_limit() {
    // SAFETY: getrlimit and setrlimit only read and write the struct given.
    unsafe {
        let mut limit: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max
        {
            limit.rlim_cur = limit.rlim_max.min(8192);
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}

/// The listener, at most [`CONNECTIONS`] connections at once: each holds a
/// slot until it closes.
struct Limited {
    listener: tokio::net::TcpListener,
    slots: Arc<Semaphore>,
}

struct Slot {
    stream: tokio::net::TcpStream,
    _permit: OwnedSemaphorePermit,
}

impl axum::serve::Listener for Limited {
    type Io = Slot;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Slot, SocketAddr) {
        loop {
            let Ok(permit) = self.slots.clone().acquire_owned().await else {
                // The semaphore is never closed; were it, wait as for a slot.
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            };
            match self.listener.accept().await {
                Ok((stream, addr)) => {
                    let _ = stream.set_nodelay(true);
                    return (Slot { stream, _permit: permit }, addr);
                }
                // Out of files, say: wait rather than spin.
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }
}

impl AsyncRead for Slot {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Slot {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// What the handlers share.
struct Shared {
    code: String,
    tx: Sender,
    state: watch::Receiver<Arc<Told>>,
    page: watch::Receiver<Option<Page>>,
    lang: Option<String>,
    inner: Mutex<Inner>,
}

impl Shared {
    fn inner(&self) -> MutexGuard<'_, Inner> {
        // A handler that panicked left nothing half-done that matters here.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn words(&self) -> Words {
        Words::of(self.lang.as_deref())
    }

    /// The student a token names, if any.
    fn student(&self, token: &str) -> Option<u32> {
        self.inner().tokens.get(token).copied()
    }
}

#[derive(Default)]
struct Inner {
    tokens: HashMap<String, u32>,
    names: Vec<String>,
    /// Nicknames taken, folded to lower case.
    taken: HashSet<String>,
    /// The answers to the question open now, by student, in words (for a
    /// phone that reloads).
    answers: HashMap<u32, String>,
    answers_to: u32,
    wrong: Buckets<IpAddr>,
    addresses: Buckets<IpAddr>,
    students: Buckets<u32>,
    streams: HashMap<u32, usize>,
}

/// A token bucket: `burst` requests at once, refilled at `rate` a second.
#[derive(Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Buckets by key, forgotten when full ones pile up.
struct Buckets<K> {
    map: HashMap<K, Bucket>,
}

impl<K> Default for Buckets<K> {
    fn default() -> Self {
        Buckets { map: HashMap::new() }
    }
}

/// Keys remembered before full buckets are forgotten.
const REMEMBERED: usize = 4096;

impl<K: std::hash::Hash + Eq + Copy> Buckets<K> {
    /// Takes a token for `key`; false if there is none left.
    fn take(&mut self, key: K, burst: f64, rate: f64) -> bool {
        let now = Instant::now();
        if self.map.len() >= REMEMBERED {
            // A bucket that has had time to refill is the same as a new one.
            self.map.retain(|_, b| (now - b.at).as_secs_f64() * rate < burst);
        }
        let b = self.map.entry(key).or_insert(Bucket { tokens: burst, at: now });
        b.tokens = (b.tokens + (now - b.at).as_secs_f64() * rate).min(burst);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            true
        } else {
            false
        }
    }

    /// Whether `key` has a token, without taking it.
    fn has(&self, key: K, burst: f64, rate: f64) -> bool {
        self.map.get(&key).is_none_or(|b| {
            (b.tokens + (Instant::now() - b.at).as_secs_f64() * rate).min(burst) >= 1.0
        })
    }
}

/// The value of our cookie in a request.
fn cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|part| part.trim().strip_prefix(COOKIE)?.strip_prefix('='))
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", get(join_page))
        .route("/join", post(join))
        .route("/c/{token}", get(to_lesson))
        .route("/c/{token}/", get(lesson))
        .route("/c/{token}/events", get(events))
        .route("/c/{token}/answer", post(answer))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(BODY))
        .layer(axum::middleware::map_response(guard_headers))
        .with_state(shared)
}

/// On every response: not cached, not framed, not sniffed, no referrer;
/// anything but a page may load nothing at all.
async fn guard_headers(mut response: Response) -> Response {
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // A page has its own policy (its hashes) in a meta element; this one adds to it.
    let policy =
        if html { "frame-ancestors 'none'" } else { "default-src 'none'; frame-ancestors 'none'" };
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(policy));
    response
}

async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "not found\n").into_response()
}

fn too_many() -> Response {
    (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, "5")], "too many requests\n")
        .into_response()
}

/// The join page, with why the last try was refused.
fn join_with(shared: &Shared, status: StatusCode, problem: Option<&str>, name: &str) -> Response {
    let title = shared.page.borrow().as_ref().map(|p| p.title.clone()).unwrap_or_default();
    let page = crate::export::html::join_page(&title, shared.lang.as_deref(), problem, name);
    (status, Html(page)).into_response()
}

async fn join_page(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    if !shared.inner().addresses.take(from.ip(), ADDRESS_BURST, ADDRESS_RATE) {
        return too_many();
    }
    // A student who joined before, back on the join page: to the lesson.
    if let Some(token) = cookie(&headers).filter(|t| shared.student(t).is_some()) {
        return Redirect::to(&format!("/c/{token}/")).into_response();
    }
    join_with(&shared, StatusCode::OK, None, "")
}

#[derive(Deserialize)]
struct JoinForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
}

/// A nickname as it is kept and shown: one line, no control characters, at
/// most [`NICKNAME`] characters.
pub fn nickname(given: &str) -> String {
    let clean = crate::text::sanitize::line(given);
    let clean: String =
        clean.chars().filter(|c| !matches!(c, '\u{200B}'..='\u{200F}' | '\u{FEFF}')).collect();
    clean.trim().chars().take(NICKNAME).collect::<String>().trim().to_string()
}

async fn join(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    Form(form): Form<JoinForm>,
) -> Response {
    let words = shared.words();
    let ip = from.ip();
    let name = nickname(&form.name);
    let mut inner = shared.inner();
    if !inner.addresses.take(ip, ADDRESS_BURST, ADDRESS_RATE) {
        return too_many();
    }
    if !inner.wrong.has(ip, WRONG_BURST, 1.0 / WRONG_EVERY) {
        drop(inner);
        return join_with(
            &shared,
            StatusCode::TOO_MANY_REQUESTS,
            Some(words.get("class_too_many")),
            &name,
        );
    }
    if form.code.trim() != shared.code {
        inner.wrong.take(ip, WRONG_BURST, 1.0 / WRONG_EVERY);
        drop(inner);
        return join_with(
            &shared,
            StatusCode::FORBIDDEN,
            Some(words.get("class_wrong_code")),
            &name,
        );
    }
    if name.is_empty() {
        drop(inner);
        return join_with(
            &shared,
            StatusCode::BAD_REQUEST,
            Some(words.get("class_name_empty")),
            "",
        );
    }
    if inner.names.len() >= CAPACITY {
        drop(inner);
        let _ = shared.tx.send(Msg::Class(ClassEvent::Full));
        let full = words.fill("class_full", &[("n", &CAPACITY.to_string())]);
        return join_with(&shared, StatusCode::SERVICE_UNAVAILABLE, Some(&full), &name);
    }
    if !inner.taken.insert(name.to_lowercase()) {
        drop(inner);
        return join_with(
            &shared,
            StatusCode::CONFLICT,
            Some(words.get("class_name_taken")),
            &name,
        );
    }
    let Ok(token) = token() else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "no random numbers\n").into_response();
    };
    let student = u32::try_from(inner.names.len()).unwrap_or(u32::MAX);
    inner.names.push(name.clone());
    inner.tokens.insert(token.clone(), student);
    drop(inner);
    let _ = shared.tx.send(Msg::Class(ClassEvent::Joined { student, nickname: name }));
    let cookie = format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict");
    let mut response = Redirect::to(&format!("/c/{token}/")).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    response
}

/// A student's request, rate limited; `Err` is the answer to give instead.
fn admit(shared: &Shared, token: &str, or: Response) -> Result<u32, Box<Response>> {
    let Some(student) = shared.student(token) else { return Err(Box::new(or)) };
    if !shared.inner().students.take(student, STUDENT_BURST, STUDENT_RATE) {
        return Err(Box::new(too_many()));
    }
    Ok(student)
}

/// The lesson's address without its last slash, which its page's
/// addresses (`events`, `answer`) need.
async fn to_lesson(Path(token): Path<String>) -> Response {
    if token.len() == 32 && token.bytes().all(|b| b.is_ascii_hexdigit()) {
        Redirect::to(&format!("/c/{token}/")).into_response()
    } else {
        not_found().await
    }
}

async fn lesson(State(shared): State<Arc<Shared>>, Path(token): Path<String>) -> Response {
    if let Err(response) = admit(&shared, &token, Redirect::to("/").into_response()) {
        return *response;
    }
    let page = shared.page.borrow().clone();
    match page {
        Some(page) => Html(page.html.to_string()).into_response(),
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::RETRY_AFTER, "2")],
            "the lesson is loading: reload in a moment\n",
        )
            .into_response(),
    }
}

/// An open event stream, counted while it lasts.
struct Stream {
    shared: Arc<Shared>,
    student: u32,
}

impl Drop for Stream {
    fn drop(&mut self) {
        if let Some(n) = self.shared.inner().streams.get_mut(&self.student) {
            *n = n.saturating_sub(1);
        }
    }
}

async fn events(State(shared): State<Arc<Shared>>, Path(token): Path<String>) -> Response {
    let unknown = (StatusCode::UNAUTHORIZED, "join first\n").into_response();
    let student = match admit(&shared, &token, unknown) {
        Ok(s) => s,
        Err(response) => return *response,
    };
    let (name, mine) = {
        let mut inner = shared.inner();
        let open = inner.streams.entry(student).or_default();
        if *open >= STREAMS {
            return too_many();
        }
        *open += 1;
        let name = inner.names.get(student as usize).cloned().unwrap_or_default();
        let mine = (inner.answers_to, inner.answers.get(&student).cloned());
        (name, mine)
    };
    let guard = Stream { shared: shared.clone(), student };
    // First who the phone is and its answer to the open question, then the
    // class's state now, then each new one.
    let hello = serde_json::json!({
        "name": name,
        "question": mine.1.as_ref().map(|_| mine.0),
        "answer": mine.1,
    });
    let first =
        Event::default().event("mine").data(hello.to_string()).retry(Duration::from_secs(1));
    let stream = futures_util::stream::unfold(
        (Some(first), true, false, shared.state.clone(), guard),
        |(hello, fresh, done, mut rx, guard)| async move {
            if let Some(hello) = hello {
                return Some((
                    Ok::<Event, std::convert::Infallible>(hello),
                    (None, fresh, done, rx, guard),
                ));
            }
            if done {
                return None;
            }
            if !fresh && rx.changed().await.is_err() {
                return None;
            }
            let (json, ended) = {
                let told = rx.borrow_and_update();
                (told.json.clone(), told.state.ended)
            };
            Some((Ok(Event::default().event("state").data(json)), (None, false, ended, rx, guard)))
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswerBody {
    question: u32,
    #[serde(default)]
    choice: Option<u8>,
    #[serde(default)]
    year: Option<i32>,
}

fn refuse(status: StatusCode, why: &str) -> Response {
    (status, Json(serde_json::json!({ "error": why }))).into_response()
}

async fn answer(
    State(shared): State<Arc<Shared>>,
    Path(token): Path<String>,
    body: Result<Json<AnswerBody>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let unknown = refuse(StatusCode::UNAUTHORIZED, "join first");
    let student = match admit(&shared, &token, unknown) {
        Ok(s) => s,
        Err(response) => return *response,
    };
    let Ok(Json(body)) = body else { return refuse(StatusCode::BAD_REQUEST, "not an answer") };
    let words = shared.words();
    let answer = match (body.choice, body.year) {
        (Some(c), None) => Answer::Choice(c),
        (None, Some(y)) => Answer::Year(y),
        _ => return refuse(StatusCode::BAD_REQUEST, "give a choice or a year"),
    };
    let told = shared.state.borrow().clone();
    let asked = match &told.state.question {
        Some(q) if told.state.open && q.id == body.question => q,
        _ => return refuse(StatusCode::CONFLICT, words.get("class_closed")),
    };
    if !asked.fits(answer) {
        return refuse(StatusCode::BAD_REQUEST, "that answer does not fit the question");
    }
    {
        let mut inner = shared.inner();
        if inner.answers_to != asked.id {
            inner.answers.clear();
            inner.answers_to = asked.id;
        }
        inner.answers.insert(student, answer_text(asked, answer));
    }
    let _ = shared.tx.send(Msg::Class(ClassEvent::Answer { student, question: asked.id, answer }));
    Json(serde_json::json!({ "ok": true })).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nicknames_are_one_clean_short_line() {
        assert_eq!(nickname("  Ana\u{1b}[31m\n Bo  "), "Ana[31m  Bo");
        assert_eq!(nickname("\u{202E}evil\u{200B}"), "evil");
        assert_eq!(nickname(&"x".repeat(100)).chars().count(), NICKNAME);
        assert_eq!(nickname(" \t "), "");
    }

    #[test]
    fn serve_addresses_read_as_given() {
        assert_eq!(serve_address("127.0.0.1:0"), Ok("127.0.0.1:0".parse().expect("addr")));
        assert_eq!(serve_address("127.0.0.1"), Ok("127.0.0.1:8080".parse().expect("addr")));
        assert_eq!(serve_address("[::1]:9000"), Ok("[::1]:9000".parse().expect("addr")));
        assert!(serve_address("nowhere:80").is_err());
        assert!(serve_address(":x").is_err());
    }

    #[test]
    fn buckets_refill_and_refuse() {
        let mut b: Buckets<u32> = Buckets::default();
        assert!((0..5).all(|_| b.take(1, 5.0, 0.001)));
        assert!(!b.take(1, 5.0, 0.001) && !b.has(1, 5.0, 0.001));
        assert!(b.take(2, 5.0, 0.001), "each key its own");
    }

    #[test]
    fn the_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, HeaderValue::from_static("a=1; steppe_class=abc; b=2"));
        assert_eq!(cookie(&h), Some("abc"));
    }
}
