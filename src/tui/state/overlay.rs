//! What is open on top of the screen, in z-order: the last one opened is
//! drawn last and takes the keys (as yazi's root draws the base, then its
//! overlays). `Esc` closes the top one.

use super::pickers::{ExportFormat, LinkItem, Picker, TagItem};
use crate::query::{Stats, WhereError};
use crate::tui::keymap::Context;
use crate::tui::layout::Pane;

/// What a prompt in the status line is asking for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// Search as you type.
    Search,
    /// A year to jump to.
    Year,
    /// The whole filter as an expression of the `--where` language.
    Filter,
    /// Type-to-find in a list pane; `from` is the item the cursor was on,
    /// where `Esc` puts it back.
    Find { pane: Pane, from: usize },
}

/// A line of input in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: String,
    /// What is wrong with the input, and where (the filter prompt).
    pub error: Option<WhereError>,
    /// Names offered for the word being typed (the filter prompt's Tab).
    pub completion: Option<Completion>,
    /// No name holds what is typed (the find prompts): the cursor stays put.
    pub missed: bool,
}

impl Prompt {
    pub fn new(kind: PromptKind) -> Prompt {
        Prompt { kind, input: String::new(), error: None, completion: None, missed: false }
    }
}

/// Completions offered by Tab; another Tab takes the next one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// Where the completed part starts in the input.
    pub start: usize,
    /// What may go there, with a few words each.
    pub items: Vec<(String, String)>,
    /// The one in the input now, if Tab has gone round to it.
    pub at: Option<usize>,
    /// The input as completed, to tell whether typing has changed it since.
    pub input: String,
}

/// One overlay, with its own small state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// Every key, scrolled down by `scroll` lines.
    Help {
        scroll: u16,
    },
    /// The tour picker, with this tour (a position in `Timeline::tours`) under the cursor.
    Tours {
        cursor: usize,
    },
    Prompt(Prompt),
    /// The tags with their counts; Enter ticks one.
    Tags(Picker<TagItem>),
    /// The selected event's links, both ways; Enter follows one.
    Links(Picker<LinkItem>),
    /// Where to export the shown events.
    Export(Picker<ExportFormat>),
    /// The timeline: title, description, files, counts, eras, tours.
    About {
        scroll: u16,
    },
    /// Frequency tables of the shown events, scrolled down by `scroll` lines.
    Stats {
        stats: Box<Stats>,
        scroll: u16,
        table: Box<StatsTable>,
    },
}

/// The statistics page's period × member table (`stats --by --split`) and
/// the row or cell `Enter` filters to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsTable {
    pub split: crate::query::stats::SplitTable,
    /// Its columns: as the time axis's lanes (`g` cycles them here too).
    pub mode: crate::tui::state::axis::LaneMode,
    pub row: usize,
    /// `None`: the whole row; else a column.
    pub cell: Option<usize>,
}

impl Overlay {
    /// The keymap context of the keys it takes.
    pub fn context(&self) -> Context {
        match self {
            Overlay::Help { .. } => Context::Help,
            Overlay::Tours { .. } => Context::Tours,
            Overlay::Prompt(_) => Context::Prompt,
            Overlay::Tags(_) | Overlay::Links(_) | Overlay::Export(_) => Context::Picker,
            Overlay::About { .. } => Context::Reader,
            Overlay::Stats { .. } => Context::Stats,
        }
    }
}

/// The overlays open now, bottom first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overlays(Vec<Overlay>);

impl Overlays {
    /// Opens `overlay` on top; one of the same kind already open is closed first.
    pub fn push(&mut self, overlay: Overlay) {
        let kind = std::mem::discriminant(&overlay);
        self.0.retain(|o| std::mem::discriminant(o) != kind);
        self.0.push(overlay);
    }

    pub fn pop(&mut self) -> Option<Overlay> {
        self.0.pop()
    }

    pub fn top(&self) -> Option<&Overlay> {
        self.0.last()
    }

    pub fn top_mut(&mut self) -> Option<&mut Overlay> {
        self.0.last_mut()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Bottom first: the order they are drawn in.
    pub fn iter(&self) -> impl Iterator<Item = &Overlay> {
        self.0.iter()
    }

    /// Keeps only the overlays `keep` says yes to.
    pub fn retain(&mut self, keep: impl FnMut(&Overlay) -> bool) {
        self.0.retain(keep);
    }

    /// The prompt, if one is open.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.0.iter().find_map(|o| match o {
            Overlay::Prompt(p) => Some(p),
            _ => None,
        })
    }

    pub fn prompt_mut(&mut self) -> Option<&mut Prompt> {
        self.0.iter_mut().find_map(|o| match o {
            Overlay::Prompt(p) => Some(p),
            _ => None,
        })
    }

    /// How far the help is scrolled, if it is open.
    pub fn help(&self) -> Option<u16> {
        self.0.iter().find_map(|o| match o {
            Overlay::Help { scroll } => Some(*scroll),
            _ => None,
        })
    }

    /// The tour under the picker's cursor, if the picker is open.
    pub fn tour_picker(&self) -> Option<usize> {
        self.0.iter().find_map(|o| match o {
            Overlay::Tours { cursor } => Some(*cursor),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_opened_takes_the_keys_and_one_of_a_kind_is_open() {
        let mut o = Overlays::default();
        assert_eq!(o.top(), None);
        o.push(Overlay::Tours { cursor: 0 });
        o.push(Overlay::Help { scroll: 3 });
        assert_eq!(o.top().map(Overlay::context), Some(Context::Help));
        assert_eq!(o.help(), Some(3));
        o.push(Overlay::Help { scroll: 0 });
        assert_eq!(o.iter().count(), 2, "a second help replaces the first");
        assert_eq!(o.pop(), Some(Overlay::Help { scroll: 0 }));
        assert_eq!(o.top().map(Overlay::context), Some(Context::Tours));
        assert_eq!(o.tour_picker(), Some(0));
    }
}
