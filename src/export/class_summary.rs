//! A live class's summary for the teacher when the lesson ends
//! ([`crate::teach::class::Record`]): Markdown to read, CSV for a spreadsheet.

use crate::teach::class::Record;
use crate::text::safe;

/// The lesson's summary for the teacher, in Markdown: each question, how the
/// class answered, and who joined. Every name and answer is escaped.
pub fn markdown(title: &str, when: &str, joined: &[String], records: &[Record]) -> String {
    let mut out = format!("# {}\n\n", super::markdown::text(&format!("Class summary: {title}")));
    out.push_str(&format!("{}\n\n", super::markdown::text(when)));
    out.push_str(&format!(
        "{} joined; {} asked.\n\n",
        crate::text::count(joined.len(), "student", "students"),
        crate::text::count(records.len(), "question", "questions")
    ));
    for (n, r) in records.iter().enumerate() {
        let right = r.answers.iter().filter(|a| a.2).count();
        out.push_str(&format!("## {}. {}\n\n", n + 1, super::markdown::text(&r.heading)));
        out.push_str(&format!("{}\n\n", super::markdown::text(&r.prompt)));
        out.push_str(&format!("Right answer: {}\n\n", super::markdown::text(&r.right)));
        out.push_str(&format!("{} of {} answers right.\n\n", right, r.answers.len()));
        if !r.answers.is_empty() {
            // Each answer with its count, the most given first.
            let mut counts: Vec<(&str, usize, bool)> = Vec::new();
            for (_, answer, ok) in &r.answers {
                match counts.iter_mut().find(|c| c.0 == answer) {
                    Some(c) => c.1 += 1,
                    None => counts.push((answer, 1, *ok)),
                }
            }
            counts.sort_by_key(|c| std::cmp::Reverse(c.1));
            out.push_str("| Answer | Students | Right |\n| --- | ---: | :---: |\n");
            for (answer, count, ok) in counts {
                let mark = if ok { "yes" } else { "" };
                out.push_str(&format!(
                    "| {} | {count} | {mark} |\n",
                    super::markdown::cell(answer)
                ));
            }
            out.push('\n');
        }
    }
    out.push_str("## Who joined\n\n");
    if joined.is_empty() {
        out.push_str("No one.\n");
    }
    for name in joined {
        out.push_str(&format!("- {}\n", super::markdown::cell(name)));
    }
    out
}

/// The same as CSV: one row per answer (question, prompt, right answer,
/// nickname, answer, right), then one row per student who joined and
/// answered nothing. Every cell is safe in a spreadsheet.
pub fn csv(joined: &[String], records: &[Record]) -> String {
    let mut w =
        csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let mut rows: Vec<[String; 7]> = vec![
        ["question", "heading", "prompt", "right_answer", "nickname", "answer", "right"]
            .map(String::from),
    ];
    let mut answered = std::collections::HashSet::new();
    for (n, r) in records.iter().enumerate() {
        for (name, answer, ok) in &r.answers {
            answered.insert(name.as_str());
            rows.push([
                (n + 1).to_string(),
                r.heading.clone(),
                r.prompt.clone(),
                r.right.clone(),
                name.clone(),
                answer.clone(),
                if *ok { "yes" } else { "no" }.to_string(),
            ]);
        }
    }
    for name in joined.iter().filter(|n| !answered.contains(n.as_str())) {
        rows.push(["", "", "", "", name, "", ""].map(String::from));
    }
    for row in rows {
        let cells: Vec<String> =
            row.iter().map(|c| safe::spreadsheet_cell(c).into_owned()).collect();
        // Writing to memory fails only on a bug: the row is left out rather than stop.
        let _ = w.write_record(&cells);
    }
    w.into_inner().map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_escapes_names_and_answers() {
        let record = Record {
            heading: "Question 1".into(),
            prompt: "Which of these happened first?".into(),
            right: "1. The first".into(),
            answers: vec![("<b>*x*</b>".into(), "=1+1".into(), false)],
        };
        let joined = vec!["<b>*x*</b>".to_string(), "| pipe".to_string()];
        let md = markdown("T", "today", &joined, std::slice::from_ref(&record));
        assert!(!md.contains("<b>") && md.contains("\\<b\\>\\*x\\*"), "{md}");
        assert!(md.contains("\\| pipe"));
        let csv = csv(&joined, &[record]);
        assert!(csv.contains("'=1+1"), "no formula: {csv}");
        assert!(csv.lines().last().is_some_and(|l| l.contains("| pipe")), "{csv}");
    }
}
