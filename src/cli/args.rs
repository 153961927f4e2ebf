//! The command line: one `FilterArgs` shared by the explorer, `list` and `export`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::export::Format;
use crate::model::PartialDate;

const EXAMPLES: &str = "\
Examples:
  steppe                               open the explorer on the built-in Central Asia timeline
  steppe timelines/                    open every *.yaml and *.yml file below timelines/
  steppe --with-builtin ours.yaml      the built-in timeline with your own events
  steppe --country KZ --actor putin    open it already filtered
  steppe --where 'tag:summit from:2013'  the same with the query language
  steppe --tour new-great-game         give the bundled lesson as slides
  steppe --present --theme projector   slides for a projector, black on white
  steppe --tour new-great-game --presenter
                                       the teacher's screen: notes, question, next step
                                       and a clock, moving the projector's steppe along
  steppe --quiz --seed 7               a quiz the whole class gets alike
  steppe export --tour new-great-game -o lesson.md
  steppe list --country KZ,UZ --from 2013
  steppe list --search dushanbe --format json
  steppe list --where 'country:KZ and not actor:putin' --sort -date --limit 5
  steppe stats --where 'tag:summit from:2013'
  steppe validate my-timeline.yaml --strict";

#[derive(Debug, Parser)]
#[command(
    name = "steppe",
    version = env!("STEPPE_VERSION"),
    about = "Explore timelines of regional diplomacy in the terminal",
    long_about = "Explore timelines of regional diplomacy in the terminal.\n\n\
        With no PATH, steppe opens the Central Asia timeline built into it. PATH may be \
        files or directories; a directory means every *.yaml and *.yml file below it. \
        A file may also be TimelineJS JSON, a TimelineJS sheet saved as CSV, or the CSV \
        that `steppe list --format csv` writes. All files merge into one timeline.",
    after_help = EXAMPLES,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub explore: ExploreArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the events, filtered, as a table, JSON, CSV or Markdown
    #[command(after_help = LIST_HELP)]
    List(ListArgs),
    /// Check timeline files and report every problem with its file and line
    #[command(after_help = "Examples:
  steppe validate                       check the built-in timeline
  steppe validate timelines/ --strict   fail on warnings too (an event without sources, …)
  steppe validate --with-builtin --prefer later fixes.yaml
                                        the built-in timeline with your corrections

Exit codes: 0 valid, 1 invalid data or unreadable input, 2 wrong usage.")]
    Validate(ValidateArgs),
    /// Write a handout or a web page: the filtered events, or a tour as a lesson
    #[command(after_help = "Examples:
  steppe export --tour new-great-game -o lesson.md
  steppe export --tour new-great-game --no-notes -o for-students.md
  steppe export --country KZ --from 1991 -o kazakhstan.md
  steppe export --format html -o timeline.html
  steppe export --format html --tour new-great-game --no-notes -o lesson.html
  steppe export --tour new-great-game --worksheet -o worksheet.md
  steppe export --tour new-great-game --answer-key -o answers.md
  steppe export --tour new-great-game --lang ru -o урок.md
  steppe export timelines/ --format markdown > all-events.md
  steppe export --format yaml -o mine.yaml timeline.json    convert TimelineJS to steppe
  steppe export --format timelinejs -o timeline.json        for TimelineJS
  steppe export --format yaml --with-builtin -o ours.yaml   start your own copy of ours

The file is written whole or not at all (a temporary file, then a rename).")]
    Export(ExportArgs),
    /// Count the filtered events by decade, country, actor and tag, or by
    /// year or decade and member side by side
    #[command(after_help = "Examples:
  steppe stats                                   the whole built-in timeline
  steppe stats --country KZ --from 1991          Kazakhstan since independence
  steppe stats --where 'tag:summit' --format csv > summits.csv
  steppe stats --by year --split country:RU,CN   Russia and China, year by year
  steppe stats --by decade --split lanes:powers  the timeline's lane set \"The powers\"")]
    Stats(StatsArgs),
    /// Print a shell's completion script for steppe
    #[command(after_help = "Examples:
  steppe completions bash > ~/.local/share/bash-completion/completions/steppe
  steppe completions zsh > ~/.zfunc/_steppe        # with fpath+=(~/.zfunc) in ~/.zshrc
  steppe completions fish > ~/.config/fish/completions/steppe.fish
  steppe completions powershell >> $PROFILE

The Debian package installs the bash, zsh and fish scripts already.")]
    Completions(CompletionsArgs),
    /// Print steppe's manual page, or write a page for every command to a directory
    #[command(after_help = "Examples:
  steppe man | man -l -
  steppe man --dir ~/.local/share/man/man1")]
    Man(ManArgs),
    /// Show or clear the cache of what steppe made of each timeline file
    #[command(after_help = "steppe keeps what it made of each file it loads in the user's cache \
directory (XDG_CACHE_HOME/steppe, ~/.cache/steppe, or the platform's), and reads it from there \
while the file is unchanged: a second look at the same million events parses none of them. \
An entry is used only for the same text, the same options and the same build of steppe; \
anything else is read again. The least recently used entries go when the cache passes its \
limit (2048 MB; STEPPE_CACHE_MB sets another). --no-cache on any command parses every file.

Examples:
  steppe cache          where the cache is, and how large
  steppe cache clear    remove every entry")]
    Cache(CacheArgs),
}

const LIST_HELP: &str = "\
Examples:
  steppe list
  steppe list --country KZ --country UZ --match all
  steppe list --actor putin --tag summit --format csv
  steppe list --from 1991-08 --to 1991-12 --format markdown
  steppe list timelines/ --search \"belt and road\" --format json
  steppe list --where 'country:KZ and not actor:putin'
  steppe list --where '(tag:summit or tag:treaty) and from:2013'
  steppe list --where 'related:ussr-dissolved'
  steppe list --where 'country:KZ,UZ match:all era:independence'
  steppe list --where 'erdogan or text:\"belt and road\"' --sort -date --limit 5
  steppe list events.export.CSV --min mentions 10 --where 'place:astana attr:goldstein<-5'

The --where language:
  country:KZ,UZ     events involving any of these countries (code or name)
  match:all         ... all of the listed countries instead
  actor:putin       events this actor took part in (id or name; commas: any of)
  tag:summit        events with this tag (commas: any of)
  era:soviet        events the timeline shows under this era
  from:2013  to:1991-12  on:2025-10-09
                    events overlapping the date or period
  related:ID        events ID names as related, and events that name ID
  word  \"a phrase\"  text:\"…\"
                    text in titles, summaries, names, tags, attributes and
                    places (case and accents ignored)
  place:astana      events whose place (name or coordinates) holds the text
  attr:fatalities   events with this attribute (a CSV column, GDELT's counts)
  attr:fatalities>10  attr:goldstein<-5  attr:source=Reuters
                    ... compared: numbers as numbers with = < <= > >=;
                    = compares other values as text (case ignored)
  and  or  not  ( )
                    combine them; terms side by side mean `and`;
                    `not` binds tightest, then `and`, then `or`
The other filter options are shorthands, ANDed with --where.";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum StatsFormat {
    /// Tables with bars, for reading
    #[default]
    Table,
    /// One JSON object with the four tables
    Json,
    /// One table: facet,key,label,events
    Csv,
}

/// The periods of `stats --by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ByPeriod {
    Year,
    Decade,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Timeline files or directories [default: the built-in timeline]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// One row per year or decade (each event in the one it starts in),
    /// with --split's members side by side [default with --split: decade]
    #[arg(long, value_enum, value_name = "PERIOD")]
    pub by: Option<ByPeriod>,
    /// The columns: `country:RU,CN,US`, `actor:putin,xi-jinping`, `tag:summit`, a
    /// facet alone for every one, or `lanes:ID` for a lane set
    #[arg(long, value_name = "FACET[:KEYS]")]
    pub split: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
    pub format: StatsFormat,
    #[command(flatten)]
    pub sources: SourceArgs,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct CacheArgs {
    #[command(subcommand)]
    pub action: Option<CacheAction>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Subcommand)]
pub enum CacheAction {
    /// Where the cache is, how many entries it holds, its size and its limit (the default)
    Info,
    /// Remove every entry
    Clear,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write steppe.1 and a page for each command (steppe-list.1, …) into DIR
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum HandoutFormat {
    /// Markdown, for printing or converting to PDF or a word processor
    #[default]
    Markdown,
    /// One self-contained web page that works offline: filters, slides for a
    /// tour, and a clean printout
    Html,
    /// A steppe timeline file (converts TimelineJS and CSV to steppe's format)
    Yaml,
    /// TimelineJS3 JSON, with steppe's own fields kept for a lossless way back
    Timelinejs,
    /// The events as a table for a spreadsheet, as `list --format csv`
    /// (opens again in steppe)
    Csv,
    /// The events as JSON for other programs, as `list --format json`
    Json,
    /// The events as an iCalendar file (RFC 5545) for a calendar: all-day
    /// events, ranges over their days
    Ics,
    /// The events' sources as CSL-JSON, for Zotero and other citation managers
    Csl,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Timeline files or directories [default: the built-in timeline]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// A handout (markdown, html), the timeline itself (yaml, timelinejs), or
    /// its events as data (csv, json): the formats of the explorer's `e`
    /// [default: told by the -o FILE's ending (.md, .html, .yaml, .json,
    /// .csv), else markdown; .json is TimelineJS]
    #[arg(long, value_enum)]
    pub format: Option<HandoutFormat>,
    /// A tour's steps, with the teacher's notes and the class questions
    #[arg(long, value_name = "TOUR_ID")]
    pub tour: Option<String>,
    /// With --tour: leave out the teacher's notes (a copy for the students)
    #[arg(long, requires = "tour")]
    pub no_notes: bool,
    /// With --tour: a worksheet for the class: the events' dates and titles,
    /// the questions with room to answer, and multiple-choice questions
    #[arg(long, requires = "tour", conflicts_with_all = ["no_notes", "answer_key"])]
    pub worksheet: bool,
    /// With --tour: the worksheet's answer key, for the teacher
    #[arg(long, requires = "tour", conflicts_with = "no_notes")]
    pub answer_key: bool,
    /// With --worksheet or --answer-key: draw the multiple-choice questions
    /// with this seed (the key must use the worksheet's seed)
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,
    /// With html: fetch the pictures the events' media link to (http, https;
    /// PNG, JPEG, GIF, WebP) and put them in the page, so it works offline. A
    /// picture that cannot be had (no network, an error, not a picture, over
    /// 10 MB or 10 s) stays a link, with a warning; the page is still written.
    /// Needs curl
    #[arg(long)]
    pub embed_remote: bool,
    #[command(flatten)]
    pub lang: LangArgs,
    /// Write to FILE instead of the standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub order: OrderArgs,
    #[command(flatten)]
    pub sources: SourceArgs,
}

#[derive(Debug, Args)]
pub struct ExploreArgs {
    /// Timeline files or directories [default: the built-in timeline]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Open with this event selected
    #[arg(long, value_name = "EVENT_ID")]
    pub goto: Option<String>,
    /// Leave the mouse to the terminal, so text can be selected with it
    #[arg(long)]
    pub no_mouse: bool,
    /// Do not reload the files when they change on disk
    #[arg(long)]
    pub no_watch: bool,
    /// Start with slides of the (filtered) events, for a projector
    #[arg(long, conflicts_with_all = ["tour", "quiz"])]
    pub present: bool,
    /// Start a guided tour (a lesson from the timeline files) as slides;
    /// `steppe --tour x` lists the tours there are
    #[arg(long, value_name = "TOUR_ID", conflicts_with = "quiz")]
    pub tour: Option<String>,
    /// Start a quiz on the (filtered) events
    #[arg(long)]
    pub quiz: bool,
    /// With --tour: the teacher's own screen: the step's notes, its question,
    /// the next step and a clock; it moves the projector's steppe (the same
    /// tour on the same channel) and follows it
    #[arg(long, requires = "tour", conflicts_with = "follow")]
    pub presenter: bool,
    /// With --tour: follow the presenter's screen (as every steppe giving a
    /// tour does; this one waits for the presenter if it is not there yet)
    #[arg(long, requires = "tour")]
    pub follow: bool,
    /// With --tour: the name of the channel screens move together on
    /// [default: the tour's id]; give two classes on one machine two names
    #[arg(long, value_name = "NAME", requires = "tour")]
    pub channel: Option<String>,
    /// With --tour: let a class follow the lesson and answer its questions on
    /// their phones: a small web server on this address [default: this
    /// computer's address on the network, port 8080]; 127.0.0.1:0 to try it alone
    #[arg(
        long,
        value_name = "ADDR:PORT",
        num_args = 0..=1,
        default_missing_value = "",
        requires = "tour"
    )]
    pub serve: Option<String>,
    /// With --serve: the folder the class's summary (Markdown and CSV) is
    /// written to when the lesson ends [default: the current folder]
    #[arg(long, value_name = "DIR", requires = "serve")]
    pub class_summary: Option<PathBuf>,
    /// Make the quiz's questions repeatable: the same seed, the same quiz
    #[arg(long, value_name = "N", requires = "quiz")]
    pub seed: Option<u64>,
    /// Colours: dark or light terminal, high contrast (light on black) for low vision,
    /// or projector (black on white) for a room with daylight
    /// (NO_COLOR set: no colours at all)
    #[arg(long, value_enum, default_value_t = ThemeName::Dark)]
    pub theme: ThemeName,
    #[command(flatten)]
    pub lang: LangArgs,
    /// Who puts right-to-left text (Arabic, Hebrew) in display order: steppe,
    /// right for most terminals, or the terminal, for those that do it
    /// themselves (Konsole, mlterm, GNOME Terminal and other VTE terminals)
    #[arg(long, value_enum, default_value_t = BidiArg::Steppe)]
    pub bidi: BidiArg,
    /// Pictures of one's own on the slides and in the event view: drawn with
    /// the terminal's graphics (kitty, sixel, iTerm2) where it has them, in
    /// coloured half blocks elsewhere (tmux too), or not at all
    #[arg(long, value_enum, default_value_t = ImagesArg::On)]
    pub images: ImagesArg,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub sources: SourceArgs,
}

/// The language names and texts are shown in.
#[derive(Debug, Clone, Default, Args)]
pub struct LangArgs {
    /// Show names, titles and the tours in this language where the timeline
    /// has them (`ru`, `ar`, `kk`…), the original elsewhere
    /// [default: from LC_ALL, LC_MESSAGES or LANG]
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Timeline files or directories [default: the built-in timeline]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub order: OrderArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub sources: SourceArgs,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Timeline files or directories [default: the built-in timeline]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Treat warnings as errors
    #[arg(long)]
    pub strict: bool,
    /// Show every problem; without it, only the first few of each kind are shown
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub sources: SourceArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    Contrast,
    /// Black on white, for projectors in rooms with daylight
    Projector,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ImagesArg {
    /// Show them, as well as the terminal can
    #[default]
    On,
    /// Leave them out
    Off,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum BidiArg {
    /// steppe does, line by line: right for most terminals
    #[default]
    Steppe,
    /// The terminal does (Konsole, mlterm, GNOME Terminal and other VTE terminals)
    Terminal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum MatchMode {
    /// An event matches if it involves any of the countries
    #[default]
    Any,
    /// An event matches only if it involves all of them
    All,
}

#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Filters")]
pub struct FilterArgs {
    /// Events involving this country (repeat, or separate with commas)
    #[arg(long = "country", value_name = "CODE")]
    pub countries: Vec<String>,
    /// With several countries: events involving any of them, or all
    /// (for `country:` in --where too)
    #[arg(long = "match", value_enum, default_value_t = MatchMode::Any)]
    pub match_mode: MatchMode,
    /// Events this actor took part in (repeat, or separate with commas)
    #[arg(long = "actor", value_name = "ID")]
    pub actors: Vec<String>,
    /// Events with this tag (repeat, or separate with commas)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Events ending on or after this date (1991, 1991-12 or 1991-12-26)
    #[arg(long, value_name = "DATE", value_parser = parse_date, allow_hyphen_values = true)]
    pub from: Option<PartialDate>,
    /// Events starting on or before this date
    #[arg(long, value_name = "DATE", value_parser = parse_date, allow_hyphen_values = true)]
    pub to: Option<PartialDate>,
    /// Events whose title, summary, actors, countries or tags contain TEXT
    /// (case, accents and width ignored: `erdogan` finds Erdoğan)
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Events matching an expression, ANDed with the flags above:
    /// `country:KZ and not actor:putin`, `(tag:summit or tag:treaty) from:2013`
    #[arg(long = "where", value_name = "EXPR")]
    pub where_: Option<String>,
}

/// Which timelines are loaded, and how files that disagree are merged.
/// Flattened last in each command: its heading carries over to the options after it.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Timelines")]
pub struct SourceArgs {
    /// Load the built-in Central Asia timeline too, before the PATHs: their
    /// events may name its countries, actors, eras and events
    #[arg(long)]
    pub with_builtin: bool,
    /// When two files define an event, country, actor, era or tour
    /// differently, keep the later one and print a note (files count in the
    /// order given, the built-in timeline first); without it, an error
    #[arg(long, value_enum, value_name = "WHICH")]
    pub prefer: Option<PreferArg>,
    /// For CSV files with other column names: FILE has one `their_name:
    /// steppe_column` a line, such as `event_date: date` (or `fatalities:
    /// attr:fatalities` to keep a column as an attribute without a warning)
    #[arg(long, value_name = "FILE")]
    pub columns: Option<PathBuf>,
    /// Parse every file, rather than reading what an earlier run made of an
    /// unchanged file from the cache (see `steppe cache --help`)
    #[arg(long)]
    pub no_cache: bool,
    /// GDELT exports: keep only events with at least N of a count
    /// (`mentions`, `sources` or `articles`), such as `--min mentions 5`;
    /// repeat it for several
    #[arg(long, num_args = 2, value_names = ["COUNT", "N"], action = clap::ArgAction::Append)]
    pub min: Vec<String>,
    /// GDELT exports: keep only events whose CAMEO code starts with one of
    /// these, such as `04,057` (consult; sign formal agreement)
    #[arg(long, value_name = "CODES")]
    pub cameo: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PreferArg {
    /// The definition read last
    Later,
}

/// The order and number of events listed.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Order")]
pub struct OrderArgs {
    /// Order of the events
    #[arg(long, value_enum, default_value_t = SortArg::Date, allow_hyphen_values = true)]
    pub sort: SortArg,
    /// At most N events (after sorting)
    #[arg(long, value_name = "N", value_parser = parse_limit, allow_negative_numbers = true)]
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SortArg {
    /// Oldest first
    #[default]
    Date,
    /// Latest first
    #[value(name = "-date")]
    DateDesc,
    /// By title (case, accents and leading quotes ignored)
    Title,
    /// By the name of the first country, then date
    Country,
}

fn parse_date(s: &str) -> Result<PartialDate, String> {
    PartialDate::parse(s).map_err(|e| e.to_string())
}

/// `--limit`'s value; a negative one is named as such, rather than taken for an option.
fn parse_limit(s: &str) -> Result<usize, String> {
    s.trim()
        .parse()
        .map_err(|_| "--limit takes a whole number, 0 or more: the most events to show".into())
}
