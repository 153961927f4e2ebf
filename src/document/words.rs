//! The few words a slide puts around the data ("Step 3 of 12", "Note for
//! the teacher", a date's month), in the language the timeline is shown in
//! (`--lang`) where steppe has them, in English otherwise. The data's own
//! words come translated from the files.

/// The English month abbreviations the dates are written with.
const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Russian months after a day ("26 дек. 1991"), and alone ("дек. 1991").
const RU_AFTER_DAY: [&str; 12] = [
    "янв.",
    "февр.",
    "марта",
    "апр.",
    "мая",
    "июня",
    "июля",
    "авг.",
    "сент.",
    "окт.",
    "нояб.",
    "дек.",
];
const RU_ALONE: [&str; 12] = [
    "янв.",
    "февр.",
    "март",
    "апр.",
    "май",
    "июнь",
    "июль",
    "авг.",
    "сент.",
    "окт.",
    "нояб.",
    "дек.",
];

/// The languages steppe has these words in, besides English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Words {
    English,
    Russian,
}

impl Words {
    /// The words for a timeline shown in `language` (a BCP 47 tag, as `--lang` gives it).
    pub fn of(language: Option<&str>) -> Words {
        let primary = language.and_then(|l| l.split(['-', '_']).next()).unwrap_or("");
        if primary.eq_ignore_ascii_case("ru") { Words::Russian } else { Words::English }
    }

    /// "Step 3 of 12".
    pub fn step_of(self, n: usize, total: usize) -> String {
        match self {
            Words::English => format!("Step {n} of {total}"),
            Words::Russian => format!("Шаг {n} из {total}"),
        }
    }

    pub fn note_for_the_teacher(self) -> &'static str {
        match self {
            Words::English => "Note for the teacher",
            Words::Russian => "Заметка для учителя",
        }
    }

    pub fn question_for_the_class(self) -> &'static str {
        match self {
            Words::English => "Question for the class",
            Words::Russian => "Вопрос классу",
        }
    }

    /// Under a quote whose words are a translation, says so: "Kremlin's
    /// translation from Russian", "перевод: Kremlin".
    pub fn translation(self, q: &super::QuoteRef) -> Option<String> {
        match self {
            Words::English => q.translation_note(),
            Words::Russian => Some(match q.translation? {
                Some(who) => format!("перевод: {who}"),
                None => "перевод".to_string(),
            }),
        }
    }

    /// A date as the explorer writes it ("26 Dec 1991", "c. 1840",
    /// "330 BCE", "9 May – 29 Jun 1865"), in these words.
    pub fn date(self, label: &str) -> String {
        if self == Words::English {
            return label.to_string();
        }
        let mut out: Vec<String> = Vec::new();
        for token in label.split(' ') {
            let after_day = out.last().is_some_and(|prev| day_like(prev));
            let word = match (month(token), token) {
                (Some(m), _) if after_day => RU_AFTER_DAY[m].to_string(),
                (Some(m), _) => RU_ALONE[m].to_string(),
                (None, "c.") => "ок.".to_string(),
                (None, "BCE") => "до н. э.".to_string(),
                (None, other) => other.to_string(),
            };
            out.push(word);
        }
        out.join(" ")
    }

    /// A date for block letters, which have Latin letters and digits only:
    /// in Russian written with numbers ("26.12.1991", "07.1916 – 02.1917").
    pub fn big_date(self, label: &str) -> String {
        if self == Words::English {
            return label.to_uppercase();
        }
        let mut out: Vec<String> = Vec::new();
        let mut year_follows = false;
        for token in label.split(' ') {
            match month(token) {
                Some(m) => {
                    let mm = format!("{:02}", m + 1);
                    match out.last_mut().filter(|prev| day_like(prev)) {
                        Some(day) => {
                            day.push('.');
                            day.push_str(&mm);
                        }
                        None => out.push(mm),
                    }
                    year_follows = true;
                }
                None if year_follows && token.bytes().all(|b| b.is_ascii_digit()) => {
                    if let Some(last) = out.last_mut() {
                        last.push('.');
                        last.push_str(token);
                    }
                    year_follows = false;
                }
                None => {
                    out.push(self.date(token));
                    year_follows = false;
                }
            }
        }
        out.join(" ")
    }
}

fn month(token: &str) -> Option<usize> {
    MONTHS.iter().position(|m| *m == token)
}

/// A day of the month, or days ("18–19"), as a date label writes it.
fn day_like(token: &str) -> bool {
    !token.is_empty()
        && token.chars().count() <= 5
        && token.chars().all(|c| c.is_ascii_digit() || c == '–')
        && token.chars().next().is_some_and(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_dates_and_labels() {
        let ru = Words::of(Some("ru"));
        assert_eq!(Words::of(Some("ru-RU")), Words::Russian);
        assert_eq!(Words::of(Some("ar")), Words::English);
        assert_eq!(Words::of(None), Words::English);
        assert_eq!(ru.date("26 Dec 1991"), "26 дек. 1991");
        assert_eq!(ru.date("May 1868 – 5 Jul 1868"), "май 1868 – 5 июля 1868");
        assert_eq!(ru.date("18–19 May 2023"), "18–19 мая 2023");
        assert_eq!(ru.date("c. 1840"), "ок. 1840");
        assert_eq!(ru.date("330 BCE"), "330 до н. э.");
        assert_eq!(ru.big_date("26 Dec 1991"), "26.12.1991");
        assert_eq!(ru.big_date("Jul 1916 – Feb 1917"), "07.1916 – 02.1917");
        assert_eq!(ru.big_date("9 May – 29 Jun 1865"), "9.05 – 29.06.1865");
        assert_eq!(ru.big_date("18–19 May 2023"), "18–19.05.2023");
        assert_eq!(ru.big_date("1991 – 1994"), "1991 – 1994");
        assert_eq!(ru.step_of(1, 12), "Шаг 1 из 12");
        let en = Words::English;
        assert_eq!(en.date("26 Dec 1991"), "26 Dec 1991");
        assert_eq!(en.big_date("26 Dec 1991"), "26 DEC 1991");
        assert_eq!(en.step_of(3, 12), "Step 3 of 12");
    }
}
