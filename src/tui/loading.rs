//! The explorer's side of loading: starting a load when the files change,
//! following its progress, and taking its result — the first one opens the
//! explorer as the command line asked, later ones replace the data in place.

use super::action::Effect;
use super::app::{App, Loading, Prepared, StartError, Startup};
use crate::load::diagnostic::did_you_mean;
use crate::load::{LoadProgress, Report};

impl App {
    /// Starts a load, or asks for another after the one under way.
    pub fn begin_load(&mut self) -> Vec<Effect> {
        if self.loading.is_some() {
            self.load_again = true;
            return Vec::new();
        }
        self.load_generation += 1;
        let generation = self.load_generation;
        self.loading = Some(Loading { generation, progress: None });
        vec![Effect::Load { generation }]
    }

    /// The files changed on disk.
    pub fn files_changed(&mut self) -> Vec<Effect> {
        self.begin_load()
    }

    /// Progress of load `generation`; false if it is not the current one.
    pub fn load_progress(&mut self, generation: u64, progress: LoadProgress) -> bool {
        match &mut self.loading {
            Some(l) if l.generation == generation => {
                l.progress = Some(progress);
                true
            }
            _ => false,
        }
    }

    /// Load `generation` is done. The first opens the explorer (or says why it
    /// cannot); later ones replace the data, or keep it with a warning.
    pub fn loaded(
        &mut self,
        generation: u64,
        result: Result<Prepared, Report>,
    ) -> Result<Vec<Effect>, StartError> {
        if self.loading.is_none_or(|l| l.generation != generation) {
            return Ok(Vec::new());
        }
        self.loading = None;
        match result {
            // A good version on screen stays until the files are fixed.
            Ok(data) if data.report.errors() > 0 && self.ready && !self.partial => {
                self.keep_last_good(&data.report)
            }
            Ok(data) => {
                let warnings = data.report.warnings() + data.report.notes();
                let tally = data.report.tally();
                let errors = (data.report.errors() > 0).then(|| {
                    format!(
                        "{} in the files, showing what could be read: {}",
                        data.report.tally(),
                        super::app::first_error(&data.report)
                    )
                });
                self.partial = errors.is_some();
                match self.startup.take() {
                    Some(startup) => {
                        self.open(data, &startup).map_err(StartError::Usage)?;
                        if errors.is_some() {
                            self.message = errors;
                        } else if warnings > 0 {
                            let command = match startup.validate.as_str() {
                                "" => "steppe validate",
                                command => command,
                            };
                            self.message =
                                Some(format!("{tally} in the timelines; `{command}` shows them"));
                        }
                    }
                    None => {
                        self.replace_data(data);
                        self.banner = errors;
                    }
                }
            }
            Err(report) if !self.ready => return Err(StartError::Load(Box::new(report))),
            Err(report) => self.keep_last_good(&report),
        }
        let mut effects = std::mem::take(&mut self.effects);
        if std::mem::take(&mut self.load_again) {
            effects.extend(self.begin_load());
        }
        Ok(effects)
    }

    /// The first data: the command line's filters, event, tour or mode.
    fn open(&mut self, data: Prepared, startup: &Startup) -> Result<(), String> {
        self.replace_data(data);
        self.message = None;
        self.ready = true;
        self.filter = self.query.check(&startup.filter).map_err(|e| e.to_string())?;
        self.refilter_now();
        // A date that is probably a typo (`--from 13`) is named on the status line.
        self.message = self.query.date_warnings(&self.filter).into_iter().next();
        if let Some(id) = &startup.goto
            && !self.select_id(id)
        {
            let tl = self.timeline();
            return Err(if tl.event_index(id).is_some() {
                format!("event `{id}` is hidden by the filters")
            } else {
                let hint = did_you_mean(id, tl.events.iter().map(|e| e.id.as_str()))
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                format!(
                    "no event `{id}` in the loaded timelines{hint} (`steppe list` shows the ids)"
                )
            });
        }
        if let Some(id) = &startup.tour {
            let tours = &self.timeline().tours;
            let Some(position) = tours.iter().position(|t| t.id == *id) else {
                let known: Vec<&str> = tours.iter().map(|t| t.id.as_str()).collect();
                let known = if known.is_empty() { "none".to_string() } else { known.join(", ") };
                return Err(format!("no tour `{id}` in the loaded timelines; known: {known}"));
            };
            self.presenter = startup.presenter;
            self.start_tour(position);
        } else if startup.present {
            self.update(super::action::Action::StartPresentation);
        }
        if startup.quiz {
            self.start_quiz();
            if self.message.is_some() {
                return Err("no events to ask about: the filters leave none".into());
            }
        }
        Ok(())
    }
}
