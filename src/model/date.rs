//! Dates known to a year, a month or a day, possibly approximate.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;

use chrono::NaiveDate;

const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A calendar date at the precision it is known. Years use astronomical
/// numbering: year 0 is 1 BCE, year -329 is 330 BCE.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: i32,
    /// 1–12, or `None` when only the year is known.
    pub month: Option<u8>,
    /// 1–31, or `None` when only the year or the month is known.
    pub day: Option<u8>,
    pub approximate: bool,
}

/// Why a piece of text is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Syntax,
    YearOutOfRange,
    Month(u32),
    Day { year: i32, month: u8, day: u32 },
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Syntax => f.write_str(
                "expected a date like `1991`, `1991-12` or `1991-12-26`; a trailing `~` marks it approximate, a leading `-` a year BCE (astronomical: `-0329` is 330 BCE)",
            ),
            DateError::YearOutOfRange => f.write_str("the year must be between -9999 and 9999"),
            DateError::Month(m) => write!(f, "there is no month {m}; months go from 01 to 12"),
            DateError::Day { year, month, day } => write!(
                f,
                "{} {} has no day {day}",
                MONTHS[usize::from(*month - 1)],
                PartialDate::year_label(*year)
            ),
        }
    }
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        PartialDate { year, month: None, day: None, approximate: false }
    }

    /// Parses `1991`, `1991-12`, `1991-12-26`, `-0329`, `1865~`.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let text = text.trim();
        let (text, approximate) = match text.strip_suffix('~') {
            Some(rest) => (rest.trim_end(), true),
            None => (text, false),
        };
        let (negative, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let mut parts = body.split('-');
        let year_text = parts.next().ok_or(DateError::Syntax)?;
        let month_text = parts.next();
        let day_text = parts.next();
        if parts.next().is_some() {
            return Err(DateError::Syntax);
        }
        let digits = |s: &str, min: usize, max: usize| -> Result<u32, DateError> {
            if s.len() < min || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(DateError::Syntax);
            }
            s.parse::<u32>().map_err(|_| DateError::Syntax)
        };
        let year_abs = digits(year_text, 1, 4)?;
        let year = if negative { -(year_abs as i32) } else { year_abs as i32 };
        let month = month_text.map(|m| digits(m, 2, 2)).transpose()?;
        let day = day_text.map(|d| digits(d, 2, 2)).transpose()?;
        Self::from_parts(year, month, day, approximate)
    }

    /// Builds a date from numbers, checking that it exists in the calendar.
    pub fn from_parts(
        year: i32,
        month: Option<u32>,
        day: Option<u32>,
        approximate: bool,
    ) -> Result<Self, DateError> {
        if !(-9999..=9999).contains(&year) {
            return Err(DateError::YearOutOfRange);
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateError::Month(m));
            }
            if let Some(d) = day
                && NaiveDate::from_ymd_opt(year, m, d).is_none()
            {
                return Err(DateError::Day { year, month: m as u8, day: d });
            }
        }
        Ok(PartialDate {
            year,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
            approximate,
        })
    }

    /// The first day this date can mean.
    pub fn earliest(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date can mean.
    pub fn latest(&self) -> (i32, u8, u8) {
        match (self.month, self.day) {
            (Some(m), Some(d)) => (self.year, m, d),
            (Some(m), None) => (self.year, m, days_in_month(self.year, m)),
            _ => (self.year, 12, 31),
        }
    }

    /// Sort key: by start, a year before its months, a month before its days.
    pub fn sort_key(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }

    /// The canonical text: `1991`, `1991-12`, `1991-12-26`, `-0329`, `1865~`.
    pub fn normalized(&self) -> String {
        self.canonical().to_string()
    }

    /// [`PartialDate::normalized`], written where it is shown: an export of
    /// a million events makes no string for each date.
    pub fn canonical(&self) -> Canonical {
        Canonical(*self)
    }

    /// "1991", "330 BCE".
    pub fn year_label(year: i32) -> String {
        let mut label = String::new();
        // Writing to a String cannot fail.
        let _ = put_year(&mut label, year);
        label
    }

    /// The day and month part alone: "26 Dec", "Dec", or "".
    pub fn day_month_label(&self) -> String {
        let mut label = String::new();
        let _ = put_day_month(&mut label, self);
        label
    }

    fn approx_prefix(&self) -> &'static str {
        if self.approximate { "c. " } else { "" }
    }

    /// A range such as "9 May – 29 Jun 1865", "18–19 May 2023" or "1991 – 1994".
    pub fn range_label(start: &PartialDate, end: Option<&PartialDate>) -> String {
        Range { start, end }.to_string()
    }
}

/// Where a date's label is written: a formatter, a string, or a count of
/// its columns. A million events' labels are written and measured without
/// the formatting machinery, and without a String for each part.
trait Put {
    fn put(&mut self, s: &str) -> fmt::Result;

    /// A number in decimal.
    fn number(&mut self, n: u64) -> fmt::Result {
        self.put(itoa::Buffer::new().format(n))
    }
}

impl Put for fmt::Formatter<'_> {
    fn put(&mut self, s: &str) -> fmt::Result {
        self.write_str(s)
    }
}

impl Put for String {
    fn put(&mut self, s: &str) -> fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

/// The columns of what is put: a label's parts are digits, ASCII words and
/// an en dash, one column each.
struct Columns(usize);

impl Put for Columns {
    fn put(&mut self, s: &str) -> fmt::Result {
        self.0 += s.chars().count();
        Ok(())
    }
}

/// A month's short name; months are 1–12 once parsed.
fn month_name(month: u8) -> &'static str {
    MONTHS.get(usize::from(month).wrapping_sub(1)).copied().unwrap_or("?")
}

/// A year as it is shown: "1991", "330 BCE".
fn put_year(out: &mut impl Put, year: i32) -> fmt::Result {
    if year <= 0 {
        out.number((1 - i64::from(year)).unsigned_abs())?;
        out.put(" BCE")
    } else {
        out.number(u64::from(year.unsigned_abs()))
    }
}

/// A date's day and month: "26 Dec", "Dec", or nothing.
fn put_day_month(out: &mut impl Put, date: &PartialDate) -> fmt::Result {
    match (date.month, date.day) {
        (Some(m), Some(d)) => {
            out.number(u64::from(d))?;
            out.put(" ")?;
            out.put(month_name(m))
        }
        (Some(m), None) => out.put(month_name(m)),
        _ => Ok(()),
    }
}

/// "1991", "Dec 1991", "26 Dec 1991", "c. 1865", "330 BCE".
fn put_date(out: &mut impl Put, date: &PartialDate) -> fmt::Result {
    out.put(date.approx_prefix())?;
    if date.month.is_some() {
        put_day_month(out, date)?;
        out.put(" ")?;
    }
    put_year(out, date.year)
}

/// The label of a date or of a range of dates, written where it is needed.
pub struct Range<'a> {
    pub start: &'a PartialDate,
    pub end: Option<&'a PartialDate>,
}

impl Range<'_> {
    fn put(&self, out: &mut impl Put) -> fmt::Result {
        let start = self.start;
        let Some(end) = self.end.filter(|e| *e != start) else {
            return put_date(out, start);
        };
        // What both ends share is written once: the year, when both name a month.
        if start.year == end.year && !start.approximate && !end.approximate {
            match (start.month, start.day, end.month, end.day) {
                (Some(m1), Some(d1), Some(m2), Some(d2)) if m1 == m2 => {
                    out.number(u64::from(d1))?;
                    out.put("–")?;
                    out.number(u64::from(d2))?;
                    out.put(" ")?;
                    out.put(month_name(m1))?;
                    out.put(" ")?;
                    return put_year(out, start.year);
                }
                (Some(_), _, Some(_), _) => {
                    put_day_month(out, start)?;
                    out.put(" – ")?;
                    return put_date(out, end);
                }
                _ => {}
            }
        }
        put_date(out, start)?;
        out.put(" – ")?;
        put_date(out, end)
    }

    /// The label, added to `text`.
    pub fn push_to(&self, text: &mut String) {
        // Writing to a String cannot fail.
        let _ = self.put(text);
    }

    /// The columns the label takes, without making it.
    pub fn columns(&self) -> usize {
        let mut count = Columns(0);
        // Counting cannot fail.
        let _ = self.put(&mut count);
        count.0
    }
}

impl fmt::Display for Range<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.put(f)
    }
}

/// The ISO form of a date written another common way, as advice for a
/// message: `8 Oct 2025`, `October 2025`, `Oct 8, 2025`, `~1865`, `1991-1-5`,
/// `26/12/1991` (both readings when day and month could be swapped), `330 BC`,
/// `0x7C7`, `+1991`.
pub fn suggest(text: &str) -> Option<String> {
    let t = text.trim();
    let write = |iso: String| {
        let shape = match iso.trim_start_matches('-').matches('-').count() {
            0 => "the year",
            1 => "year-month",
            _ => "year-month-day",
        };
        PartialDate::parse(&iso).is_ok().then(|| format!("write it as `{iso}` ({shape})"))
    };
    let upper = t.to_ascii_uppercase();
    for suffix in [" BCE", " BC", "BCE", "BC"] {
        if let Some(n) = upper.strip_suffix(suffix).and_then(|n| n.trim().parse::<i32>().ok())
            && n > 0
        {
            return Some(format!(
                "write {n} BCE as `-{:04}`: steppe counts years astronomically, so 1 BCE is year 0 and {n} BCE is -{}",
                n - 1,
                n - 1
            ));
        }
    }
    for prefix in ["~", "c.", "ca.", "circa", "about"] {
        if let Some(rest) = t.strip_prefix(prefix)
            && let Ok(d) = PartialDate::parse(rest.trim())
        {
            let iso = PartialDate { approximate: true, ..d }.normalized();
            return Some(format!("mark an approximate date with `~` after it: `{iso}`"));
        }
    }
    // `2025-10-08T10:00:00`, `2025-10-08 10:00`: a date with its time of day.
    if let Some((day, time)) = t.split_once(['T', ' '])
        && time.starts_with(|c: char| c.is_ascii_digit())
        && time.contains(':')
        && PartialDate::parse(day).is_ok()
    {
        return Some(format!("steppe keeps dates to the day: write `{day}`"));
    }
    if let Some(rest) = t.strip_prefix('+') {
        return write(rest.to_string());
    }
    let radix = [("0x", 16), ("0X", 16), ("0o", 8), ("0O", 8), ("0b", 2)];
    for (prefix, radix) in radix {
        if let Some(n) = t.strip_prefix(prefix).and_then(|d| i32::from_str_radix(d, radix).ok()) {
            return write(format!("{n:04}"));
        }
    }
    let numbers: Vec<&str> = t.split(['/', '.', '-']).collect();
    let all_digits = |p: &&str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if numbers.len() == 3 && numbers.iter().all(all_digits) {
        let n: Vec<u32> = numbers.iter().filter_map(|p| p.parse().ok()).collect();
        if n.len() != 3 {
            return None;
        }
        if numbers[0].len() == 4 {
            return write(format!("{:04}-{:02}-{:02}", n[0], n[1], n[2]));
        }
        if numbers[2].len() == 4 && !t.contains('-') {
            let (a, b, y) = (n[0], n[1], n[2]);
            let day_first = format!("{y:04}-{b:02}-{a:02}");
            let month_first = format!("{y:04}-{a:02}-{b:02}");
            let ok = |s: &str| PartialDate::parse(s).ok();
            return match (ok(&day_first), ok(&month_first)) {
                (Some(d1), Some(d2)) if d1 != d2 => Some(format!(
                    "`{t}` can be read two ways: `{day_first}` ({d1}) or `{month_first}` ({d2}); write the one you mean as year-month-day"
                )),
                (Some(_), _) => write(day_first),
                (None, Some(_)) => write(month_first),
                (None, None) => None,
            };
        }
    }
    if numbers.len() == 2 && numbers.iter().all(all_digits) && numbers[0].len() == 4 {
        return write(format!("{}-{:0>2}", numbers[0], numbers[1]));
    }
    named_month(t).and_then(write)
}

/// `8 Oct 2025`, `October 2025`, `Oct 8, 2025` → ISO text.
fn named_month(t: &str) -> Option<String> {
    let words: Vec<&str> = t.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let month = |w: &str| {
        let w = w.trim_end_matches('.').to_ascii_lowercase();
        FULL_MONTHS
            .iter()
            .position(|m| w.len() >= 3 && m.to_ascii_lowercase().starts_with(&w))
            .map(|i| i as u32 + 1)
    };
    let num = |w: &str| -> Option<u32> {
        let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        (!w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())).then(|| w.parse().ok()).flatten()
    };
    match words.as_slice() {
        [m, y] => Some(format!("{:04}-{:02}", num(y)?, month(m)?)),
        [a, b, y] => {
            let (d, m) = match (num(a), month(b)) {
                (Some(d), Some(m)) => (d, m),
                _ => (num(b)?, month(a)?),
            };
            Some(format!("{:04}-{m:02}-{d:02}", num(y)?))
        }
        _ => None,
    }
}

const FULL_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(year: i32, month: u8) -> u8 {
    (28..=31u8)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(d)).is_some())
        .unwrap_or(28)
}

/// A date in its canonical text (see [`PartialDate::canonical`]).
pub struct Canonical(PartialDate);

impl fmt::Display for Canonical {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0;
        let sign = if d.year < 0 { "-" } else { "" };
        write!(f, "{sign}{:04}", d.year.unsigned_abs())?;
        if let Some(m) = d.month {
            write!(f, "-{m:02}")?;
            if let Some(day) = d.day {
                write!(f, "-{day:02}")?;
            }
        }
        if d.approximate {
            f.write_str("~")?;
        }
        Ok(())
    }
}

impl serde::Serialize for Canonical {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for PartialDate {
    /// "1991", "Dec 1991", "26 Dec 1991", "c. 1865", "330 BCE".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        put_date(f, self)
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key()).then(self.approximate.cmp(&other.approximate))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        PartialDate::parse(s).expect(s)
    }

    #[test]
    fn parses_each_precision() {
        assert_eq!(d("1991"), PartialDate::year(1991));
        assert_eq!(d("1991-12").month, Some(12));
        assert_eq!(d("1991-12").day, None);
        assert_eq!(d("1991-12-26").day, Some(26));
        assert_eq!(d("-0329").year, -329);
        assert!(d("1865~").approximate);
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(
            PartialDate::parse("2023-02-30"),
            Err(DateError::Day { year: 2023, month: 2, day: 30 })
        );
        assert_eq!(PartialDate::parse("1991-13"), Err(DateError::Month(13)));
        assert_eq!(PartialDate::parse("1991-1-01"), Err(DateError::Syntax));
        assert_eq!(PartialDate::parse("yesterday"), Err(DateError::Syntax));
        assert_eq!(PartialDate::parse(""), Err(DateError::Syntax));
        assert_eq!(PartialDate::parse("12345"), Err(DateError::Syntax));
        assert!(PartialDate::parse("2024-02-29").is_ok());
        assert!(PartialDate::parse("2023-02-29").is_err());
    }

    #[test]
    fn displays_at_known_precision() {
        assert_eq!(d("1991").to_string(), "1991");
        assert_eq!(d("1991-12").to_string(), "Dec 1991");
        assert_eq!(d("1991-12-26").to_string(), "26 Dec 1991");
        assert_eq!(d("-0329").to_string(), "330 BCE");
        assert_eq!(d("0000").to_string(), "1 BCE");
        assert_eq!(d("1865~").to_string(), "c. 1865");
    }

    #[test]
    fn labels_ranges() {
        let r = |a: &str, b: &str| PartialDate::range_label(&d(a), Some(&d(b)));
        assert_eq!(r("1865-05-09", "1865-06-29"), "9 May – 29 Jun 1865");
        assert_eq!(r("2023-05-18", "2023-05-19"), "18–19 May 2023");
        assert_eq!(r("1991-12-26", "1992-01-03"), "26 Dec 1991 – 3 Jan 1992");
        assert_eq!(r("1868-05", "1868-07-05"), "May – 5 Jul 1868");
        assert_eq!(r("1865-05-09", "1865-06"), "9 May – Jun 1865");
        assert_eq!(r("1865-06", "1865-06-29"), "Jun – 29 Jun 1865");
        assert_eq!(r("1865", "1865-06"), "1865 – Jun 1865");
        assert_eq!(r("1865-05~", "1865-06"), "c. May 1865 – Jun 1865");
        assert_eq!(r("1991", "1991"), "1991");
    }

    #[test]
    fn a_label_measured_or_pushed_is_the_label_shown() {
        let dates: Vec<PartialDate> = [
            "-9999",
            "-0329",
            "0000",
            "0001",
            "0999",
            "1865~",
            "1865-05~",
            "1865-05",
            "1865-05-09",
            "1865-06-29",
            "1991-12-26",
            "1992-01-03",
            "9999-12-31",
        ]
        .map(d)
        .into();
        for start in &dates {
            for end in dates.iter().map(Some).chain([None]) {
                let range = Range { start, end };
                let shown = range.to_string();
                assert_eq!(range.columns(), crate::text::width(&shown), "{shown}");
                let mut pushed = String::from("before ");
                range.push_to(&mut pushed);
                assert_eq!(pushed, format!("before {shown}"));
            }
        }
    }

    #[test]
    fn normalizes_round_trip() {
        for s in ["1991", "1991-12", "1991-12-26", "-0329", "1865~", "0012-03"] {
            assert_eq!(d(s).normalized(), s);
        }
    }

    #[test]
    fn suggests_the_iso_form_of_common_writings() {
        let s = |t: &str| suggest(t).unwrap_or_default();
        assert!(s("8 Oct 2025").contains("`2025-10-08`"), "{}", s("8 Oct 2025"));
        assert_eq!(s("October 2025"), "write it as `2025-10` (year-month)");
        assert_eq!(s("0x7C7"), "write it as `1991` (the year)");
        assert!(s("8 Oct 2025").ends_with("(year-month-day)"));
        assert!(s("Oct 8, 2025").contains("`2025-10-08`"));
        assert!(s("8th October 2025").contains("`2025-10-08`"));
        assert!(s("~1865").contains("`1865~`"));
        assert!(s("c. 1865-05").contains("`1865-05~`"));
        assert!(s("1991-1-5").contains("`1991-01-05`"));
        assert!(s("26/12/1991").contains("`1991-12-26`"));
        assert!(s("0x7C7").contains("`1991`"));
        assert!(s("0o3707").contains("`1991`"));
        assert!(s("+1991").contains("`1991`"));
        assert!(s("330 BC").contains("`-0329`"));
        let both = s("12/10/2025");
        assert!(both.contains("`2025-10-12`") && both.contains("`2025-12-10`"), "{both}");
        assert_eq!(s("2025-10-08T10:00:00"), "steppe keeps dates to the day: write `2025-10-08`");
        assert!(s("2025-10-08 10:00").contains("`2025-10-08`"));
        assert_eq!(suggest("yesterday"), None);
        assert_eq!(suggest("Octopus 2025"), None);
    }

    #[test]
    fn numbers_in_other_notations_are_not_years() {
        for t in ["0x7C7", "0o3707", "+1991", "1991.0", "1_991"] {
            assert_eq!(PartialDate::parse(t), Err(DateError::Syntax), "{t}");
        }
    }

    #[test]
    fn orders_year_before_month_before_day() {
        let mut v = [d("1991-12-26"), d("1991-12"), d("1991"), d("1990-01-01")];
        v.sort();
        assert_eq!(
            v.iter().map(PartialDate::normalized).collect::<Vec<_>>(),
            ["1990-01-01", "1991", "1991-12", "1991-12-26"]
        );
        assert_eq!(d("1991-02").latest(), (1991, 2, 28));
        assert_eq!(d("1992-02").latest(), (1992, 2, 29));
    }
}
