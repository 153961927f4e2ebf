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
/// data loads in the background.
pub fn run(app: App, options: Options) -> io::Result<Ending> {
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
    let app = app.with_link(link.or(broken), clock);
    let mut explorer = Explorer::new(app, terminal, options.theme);
    let mut effects = Vec::new();
    for msg in [Msg::Resize { width: size.width, height: size.height }, Msg::Load] {
        match explorer.handle(msg) {
            Next::Go(more) => effects.extend(more),
            Next::Resume => {}
            Next::End(ending) => return Ok(ending),
        }
    }
    let runner = Effects {
        tx: &tx,
        filters: &filters,
        sources: &options.sources,
        lang: &options.lang,
        peer: peer.as_ref(),
    };
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
            // `Explorer::handle` takes these before they get here.
            Effect::Resume | Effect::End(_) => {}
        }
        false
    }
}
