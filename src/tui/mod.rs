//! The explorer: one loop over one stream of messages ([`msg`]) fed by
//! threads ([`sources`]). Each message goes to `App::update`, which changes
//! the state ([`state`]) in the handler for the screen in front
//! ([`update`]) and returns effects (load, filter, tell, stop) that the loop
//! carries out; a frame ([`view`]) is drawn only when something changed.

pub mod action;
pub(crate) mod bidi;
mod effect;
pub mod filtering;
pub mod keymap;
pub mod layout;
pub mod msg;
mod pages;
pub(crate) mod sources;
/// The class server, public for the live class tests.
pub use sources::class as class_server;
/// The presenter's socket, public for the stress suite's hostile peers.
pub use sources::peer;
pub mod state;
pub(crate) mod terminal;
pub mod theme;
mod update;
pub mod view;

use std::io::{self, Stdout};

use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};

pub use action::Action;
pub use effect::{Effect, Ending};
pub use msg::Msg;
pub use state::{App, Screen};
pub use terminal::restore as restore_terminal;
use theme::Theme;

/// Options from the command line that shape the session.
#[derive(Debug, Clone)]
pub struct Options {
    pub mouse: bool,
    /// The timelines to load: files and directories, the bundled ones, or both.
    pub sources: crate::load::Sources,
    /// Whether to watch the files and directories and reload when they change.
    pub watch: bool,
    pub theme: Theme,
    /// The language to show names and texts in, where the files have it.
    pub lang: Option<String>,
    /// The presenter's channel to join: screens on it move together.
    pub channel: Option<String>,
    /// Whether to ask the terminal what graphics it has (pictures on, not in tmux).
    pub ask_graphics: bool,
    /// Serve the tour to a class on this address (`--serve`).
    pub serve: Option<std::net::SocketAddr>,
    /// Where the class's summary is written when the lesson ends.
    pub summary_dir: std::path::PathBuf,
}

/// The explorer's state, its terminal and the theme: messages in, frames out.
/// Generic over the backend so a test can drive it on `TestBackend`.
pub struct Explorer<B: Backend> {
    pub app: App,
    pub terminal: Terminal<B>,
    pub theme: Theme,
    /// Frames drawn so far.
    pub draws: u64,
    /// The state's version when the last frame was drawn (`None`: draw).
    drawn: Option<u64>,
}

/// What the loop does after a message, besides drawing.
#[derive(Debug)]
pub enum Next {
    Go(Vec<Effect>),
    Resume,
    End(Ending),
}

impl<B: Backend> Explorer<B> {
    pub fn new(app: App, terminal: Terminal<B>, theme: Theme) -> Self {
        Explorer { app, terminal, theme, draws: 0, drawn: None }
    }

    /// Draws a frame if anything changed since the last one.
    pub fn draw(&mut self) -> Result<(), B::Error> {
        if self.drawn != Some(self.app.version()) {
            let (app, theme) = (&self.app, &self.theme);
            self.terminal.draw(|frame| view::render(app, theme, frame))?;
            self.drawn = Some(self.app.version());
            self.draws += 1;
        }
        Ok(())
    }

    /// Clears the screen and draws everything afresh, as after a stop
    /// (the screen then holds whatever the shell left).
    pub fn redraw_all(&mut self) -> Result<(), B::Error> {
        let size = self.terminal.size()?;
        // Unlike `clear`, this asks the terminal nothing: the input is ours.
        self.terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
        self.drawn = None;
        Ok(())
    }

    /// Takes one message from the stream: the state's effects, except the
    /// ones that end the loop or resume it, which come back on their own.
    pub fn handle(&mut self, msg: Msg) -> Next {
        let mut effects = self.app.update(msg);
        if let Some(at) = effects.iter().position(|e| matches!(e, Effect::End(_)))
            && let Effect::End(ending) = effects.swap_remove(at)
        {
            return Next::End(ending);
        }
        if let Some(at) = effects.iter().position(|e| matches!(e, Effect::Resume)) {
            effects.remove(at);
            self.drawn = None;
            return Next::Resume;
        }
        Next::Go(effects)
    }
}

/// Runs the explorer until the person quits, a signal ends it, or the data
/// cannot be opened. The first frame (a progress screen) draws at once; the
/// data loads in the background. Returns how it ended, and lines to say
/// once the terminal is given back (where a class's summary was written).
pub fn run(app: App, options: Options) -> io::Result<(Ending, Vec<String>)> {
    let (tx, rx) = msg::channel();
    sources::signals::start(tx.clone())?;
    let session = terminal::Session::start(options.mouse)?;
    sources::input::start(tx.clone())?;
    if options.ask_graphics {
        // The answers come back through the input, as messages: nothing waits.
        terminal::ask_graphics()?;
    }
    let filters = sources::filter::start(tx.clone())?;
    if options.watch && !options.sources.paths.is_empty() {
        // Without a watch (the system refuses one) the explorer still works.
        let _ = sources::watch::start(tx.clone(), &options.sources.paths);
    }
    let terminal: Terminal<CrosstermBackend<Stdout>> =
        Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    let app = app.with_background_from(state::BACKGROUND_FROM);
    // A channel that cannot open is a link with why, shown where its state is.
    let mut broken = None;
    let peer = match options.channel.as_deref() {
        Some(channel) => match sources::peer::Peer::start(tx.clone(), channel) {
            Ok(peer) => Some((peer, state::Link::new(channel))),
            Err(e) => {
                broken = Some(state::Link::broken(channel, e.to_string()));
                None
            }
        },
        None => None,
    };
    let clock = app.presenter().then(|| state::Clock::new(std::time::SystemTime::now()));
    if clock.is_some() {
        sources::clock::start(tx.clone())?;
    }
    let (peer, link) = peer.unzip();
    let mut app = app.with_link(link.or(broken), clock);
    // A class server that cannot start says why where the class's state shows.
    let class = match options.serve {
        Some(addr) => {
            let tour = app.startup_tour();
            let lang = options.lang.clone();
            let mut class = state::Class::serving(tour);
            match sources::class::ClassServer::start(tx.clone(), addr, lang) {
                Ok(server) => {
                    class.join = Some(server.join.clone());
                    app = app.with_class(class);
                    let _ = tx.send(Msg::Class(state::ClassEvent::Started(server.join.clone())));
                    Some(server)
                }
                Err(e) => {
                    class.problem = Some(e.to_string());
                    app = app.with_class(class).with_message(format!("no class: {e}"));
                    None
                }
            }
        }
        None => None,
    };
    let mut explorer = Explorer::new(app, terminal, options.theme);
    let mut effects = Vec::new();
    let runner = Effects {
        tx: &tx,
        filters: &filters,
        sources: &options.sources,
        lang: &options.lang,
        peer: peer.as_ref(),
        class: class.as_ref(),
    };
    let ending = 'session: {
        for msg in [Msg::Resize { width: size.width, height: size.height }, Msg::Load] {
            match explorer.handle(msg) {
                Next::Go(more) => effects.extend(more),
                Next::Resume => {}
                Next::End(ending) => break 'session ending,
            }
        }
        match run_loop(&mut explorer, &runner, &session, &rx, effects) {
            Ok(ending) => ending,
            Err(e) => {
                end_class(&explorer.app, class, &options.summary_dir);
                return Err(e);
            }
        }
    };
    let said = end_class(&explorer.app, class, &options.summary_dir);
    drop(session);
    // The process ends right after: the timelines are let go without being
    // freed one string at a time (a second, at a million events, after `q`).
    let Explorer { app, terminal, .. } = explorer;
    drop(terminal);
    std::mem::forget(app);
    Ok((ending, said))
}

/// The lesson is over: the phones are told, the server stops, and the
/// teacher's summary is written (if anyone joined or anything was asked).
/// Returns where it went, or why it could not be written.
fn end_class(
    app: &App,
    server: Option<sources::class::ClassServer>,
    dir: &std::path::Path,
) -> Vec<String> {
    let Some(server) = server else { return Vec::new() };
    server.end();
    let Some(summary) = app.class_summary(&stamp(" ")) else { return Vec::new() };
    let stem = format!("steppe-class-{}-{}", summary.name, stamp("-"));
    let mut said = Vec::new();
    for (ext, text) in [("md", &summary.markdown), ("csv", &summary.csv)] {
        let path = dir.join(format!("{stem}.{ext}"));
        match crate::atomic::write(&path, text.as_bytes()) {
            Ok(()) => said.push(format!("the class's summary: {}", crate::text::safe::path(&path))),
            Err(e) => said.push(format!(
                "error: cannot write the class's summary {}: {e}",
                crate::text::safe::path(&path)
            )),
        }
    }
    said
}

/// The local date and time, "2026-03-14-0905" (`sep` "-") or "2026-03-14 09:05".
fn stamp(sep: &str) -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as libc::time_t);
    // SAFETY: localtime_r only writes the `tm` it is given.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    if unsafe { libc::localtime_r(&secs, &mut tm) }.is_null() {
        return secs.to_string();
    }
    let (y, mo, d, h, mi) = (tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
    if sep == "-" {
        format!("{y:04}-{mo:02}-{d:02}-{h:02}{mi:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}")
    }
}

/// The loop: effects carried out, a frame drawn, the next messages taken,
/// until the session ends.
fn run_loop(
    explorer: &mut Explorer<CrosstermBackend<Stdout>>,
    runner: &Effects,
    session: &terminal::Session,
    rx: &msg::Receiver,
    mut effects: Vec<Effect>,
) -> io::Result<Ending> {
    loop {
        for effect in effects.drain(..) {
            if runner.run(effect) {
                session.suspend()?;
                explorer.redraw_all()?;
            }
        }
        explorer.draw()?;
        // Waits for the next message: an idle explorer does nothing at all.
        let Ok(first) = rx.recv() else { return Ok(Ending::TerminalGone) };
        let mut next = Some(first);
        // Messages that queued up meanwhile are taken before the next frame.
        while let Some(msg) = next.take() {
            match explorer.handle(msg) {
                Next::Go(more) => effects.extend(more),
                Next::Resume => {
                    session.resume()?;
                    explorer.redraw_all()?;
                }
                Next::End(ending) => return Ok(ending),
            }
            if effects.is_empty() {
                next = rx.try_recv().ok();
            }
        }
    }
}

/// Carries out effects: starts loads, hands filters to the worker.
struct Effects<'a> {
    tx: &'a msg::Sender,
    filters: &'a sources::filter::FilterWorker,
    sources: &'a crate::load::Sources,
    lang: &'a Option<String>,
    peer: Option<&'a sources::peer::Peer>,
    class: Option<&'a sources::class::ClassServer>,
}

impl Effects<'_> {
    /// Returns true for a stop, which the loop carries out itself.
    fn run(&self, effect: Effect) -> bool {
        match effect {
            Effect::Load { generation } => {
                let (what, lang) = (self.sources.clone(), self.lang.clone());
                sources::loader::start(self.tx.clone(), what, lang, generation);
            }
            Effect::Filter(request) => self.filters.send(*request),
            Effect::Export(request) => sources::export::start(self.tx.clone(), *request),
            Effect::Suspend => return true,
            Effect::Tell(line) => {
                if let Some(peer) = self.peer {
                    peer.send(&line);
                }
            }
            Effect::Class(state) => {
                if let Some(class) = self.class {
                    class.tell(*state);
                }
            }
            Effect::ClassPage { title, html } => {
                if let Some(class) = self.class {
                    class.page(title, html);
                }
            }
            // `Explorer::handle` takes these before they get here.
            Effect::Resume | Effect::End(_) => {}
        }
        false
    }
}
