//! The lists that open over the screen: the tour picker, the tag picker, an
//! event's links (with a history to go back and forward through) and the
//! export formats; their keys, and what Enter on an item does.

use std::sync::Arc;

use crate::query::Filter;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::keymap::{Context, key};
use crate::tui::layout::Pane;
use crate::tui::sources::export::ExportRequest;
use crate::tui::state::{App, ExportFormat, LinkItem, Overlay, Picker, Place, Screen, TagItem};

impl App {
    pub(super) fn picker_action(&mut self, action: Action) {
        match action {
            Action::Back => {
                self.overlays.pop();
            }
            Action::Submit => self.pick(),
            Action::Input(c) => self.picker_type(c),
            Action::DeleteChar => self.picker_delete(),
            _ => {
                if let Some(delta) = self.distance(action) {
                    self.picker_step(delta);
                }
            }
        }
    }

    /// `t`: the list of tours.
    pub(super) fn open_tours(&mut self) {
        if self.timeline().tours.is_empty() {
            self.status.message = Some("these timelines have no tours".into());
        } else {
            self.overlays.push(Overlay::Tours { cursor: 0 });
        }
    }

    /// `#`: every tag, the busiest first, with its events under the other filters.
    pub(super) fn open_tags(&mut self) {
        let query = &self.data.query;
        let others = Filter { tags: Vec::new(), ..self.shown.filter.clone() };
        let events = query.matches(&others);
        let counts = query.stats(&events).tags;
        let mut items: Vec<TagItem> =
            counts.into_iter().map(|c| TagItem { tag: c.key, count: c.events }).collect();
        // Tags without events under the other filters last, by name.
        for t in query.tags() {
            if !items.iter().any(|i| &i.tag == t) {
                items.push(TagItem { tag: t.clone(), count: 0 });
            }
        }
        if items.is_empty() {
            self.status.message = Some("these timelines have no tags".into());
            return;
        }
        self.overlays.push(Overlay::Tags(Picker::new(items)));
    }

    /// `r`: the events the selected one names as related, and those naming it.
    pub(super) fn open_links(&mut self) {
        let Some(here) = self.shown.selected_event() else { return };
        let (to, from) = self.data.query.links(here);
        let mut items: Vec<LinkItem> = to
            .iter()
            .map(|&e| LinkItem { event: e as usize, named: true, names_this: false })
            .collect();
        for &e in from {
            match items.iter_mut().find(|l| l.event == e as usize) {
                Some(l) => l.names_this = true,
                None => items.push(LinkItem { event: e as usize, named: false, names_this: true }),
            }
        }
        if items.is_empty() {
            self.status.message = Some("this event has no links to other events".into());
            return;
        }
        self.overlays.push(Overlay::Links(Picker::new(items)));
    }

    /// `e`: the formats the shown events can be written in.
    pub(super) fn open_export(&mut self) {
        if self.shown.events().is_empty() {
            self.status.message = Some("no events to export".into());
            return;
        }
        self.overlays.push(Overlay::Export(Picker::new(ExportFormat::ALL.to_vec())));
    }

    /// Enter on the item under the cursor.
    fn pick(&mut self) {
        match self.overlays.top() {
            Some(Overlay::Tours { cursor }) => {
                let tour = *cursor;
                self.overlays.pop();
                self.start_tour(tour);
            }
            Some(Overlay::Tags(_)) => self.toggle_tag(),
            Some(Overlay::Links(_)) => self.follow_link(),
            Some(Overlay::Export(_)) => self.export(),
            _ => {}
        }
    }

    /// Enter on a tag: ticks it in the filter, or unticks it.
    fn toggle_tag(&mut self) {
        let Some(Overlay::Tags(p)) = self.overlays.top() else { return };
        let Some(item) = p.current() else { return };
        let tag = item.tag.clone();
        Filter::toggle(&mut self.shown.filter.tags, &tag);
        self.refilter_by_hand();
    }

    /// Where the person is now, to come back to.
    fn here(&self) -> Option<Place> {
        Some(Place {
            event: self.selected_event()?.id.clone(),
            filter: self.shown.filter.clone(),
            full_screen: matches!(self.screen, Screen::Detail { .. }),
        })
    }

    /// Enter on a link: goes to that event, keeping where it came from.
    fn follow_link(&mut self) {
        let Some(Overlay::Links(p)) = self.overlays.pop() else { return };
        let Some(link) = p.current().copied() else { return };
        let Some(id) = self.timeline().events.get(link.event).map(|e| e.id.clone()) else { return };
        let Some(from) = self.here() else { return };
        let full_screen = from.full_screen;
        self.history.leave(from);
        let mut to = Place { event: id, filter: self.shown.filter.clone(), full_screen };
        // `shown` is in timeline order.
        if self.shown.events().binary_search(&link.event).is_ok() {
            self.go_to(&to);
        } else {
            // The filters hide it: show it without them; going back brings them back.
            to.filter = Filter::default();
            self.go_to(&to);
            self.status.message = Some(format!(
                "the filters hid that event, so they are cleared; {} goes back",
                key(Context::Panes, Action::HistoryBack)
            ));
        }
    }

    /// Goes to a place: its filter, its event, full-screen or in the list.
    fn go_to(&mut self, place: &Place) {
        if self.shown.filter != place.filter {
            self.shown.filter = place.filter.clone();
            self.refilter_now();
        }
        self.select_id(&place.event);
        self.screen = if place.full_screen { Screen::Detail { scroll: 0 } } else { Screen::Main };
        if !place.full_screen {
            self.main.focus = Pane::Timeline;
        }
    }

    /// Back (or forward) to where a link was followed from.
    pub(super) fn history_step(&mut self, back: bool) {
        let Some(here) = self.here() else { return };
        let to = if back { self.history.back(here) } else { self.history.forward(here) };
        match to {
            Some(place) => {
                self.go_to(&place);
                if self.selected_event().is_none_or(|e| e.id != place.event) {
                    self.status.message = Some("that event is no longer in the files".into());
                }
            }
            None => {
                self.status.message = Some(
                    if back { "nothing to go back to" } else { "nothing to go forward to" }.into(),
                )
            }
        }
    }

    /// Enter on a format: the loop writes the file and says where.
    fn export(&mut self) {
        let Some(Overlay::Export(p)) = self.overlays.pop() else { return };
        let Some(&format) = p.current() else { return };
        self.effects.push(Effect::Export(Box::new(ExportRequest {
            query: Arc::clone(&self.data.query),
            shown: self.shown.events().to_vec(),
            filters: self.shown.filter.describe(),
            format,
        })));
        self.status.message = Some("exporting…".into());
    }

    /// The file an export wrote, or why it could not.
    pub(super) fn exported(&mut self, result: Result<(std::path::PathBuf, usize), String>) {
        self.status.message = Some(match result {
            Ok((path, n)) => format!(
                "wrote {n} event{} to {}",
                if n == 1 { "" } else { "s" },
                crate::text::sanitize::line(&path.display().to_string())
            ),
            Err(why) => format!("not exported: {why}"),
        });
    }

    /// A letter typed in a picker finds an item.
    fn picker_type(&mut self, c: char) {
        let query = Arc::clone(&self.data.query);
        let tl = query.timeline();
        match self.overlays.top_mut() {
            Some(Overlay::Tags(p)) => p.type_char(c, |t| t.tag.clone()),
            Some(Overlay::Links(p)) => p.type_char(c, |l| {
                tl.events.get(l.event).map_or(String::new(), |e| e.title.clone())
            }),
            Some(Overlay::Export(p)) => p.type_char(c, |f| f.extension().to_string()),
            _ => {}
        }
    }

    /// Moves in the list on top.
    pub(super) fn picker_step(&mut self, delta: isize) {
        let last_tour = self.timeline().tours.len().saturating_sub(1);
        match self.overlays.top_mut() {
            Some(Overlay::Tours { cursor }) => {
                *cursor = cursor.saturating_add_signed(delta).min(last_tour)
            }
            Some(Overlay::Tags(p)) => p.step(delta),
            Some(Overlay::Links(p)) => p.step(delta),
            Some(Overlay::Export(p)) => p.step(delta),
            _ => {}
        }
    }

    fn picker_delete(&mut self) {
        match self.overlays.top_mut() {
            Some(Overlay::Tags(p)) => p.delete_char(),
            Some(Overlay::Links(p)) => p.delete_char(),
            Some(Overlay::Export(p)) => p.delete_char(),
            _ => {}
        }
    }
}
