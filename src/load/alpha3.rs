//! Three-letter country codes (ISO 3166-1 alpha-3) of the countries steppe's
//! timelines name, for the hint when one is written where two letters go.

/// (alpha-3, alpha-2). `SUN` was the Soviet Union's until 1992.
const CODES: &[(&str, &str)] = &[
    ("AFG", "AF"),
    ("ARM", "AM"),
    ("AZE", "AZ"),
    ("BLR", "BY"),
    ("CHN", "CN"),
    ("DEU", "DE"),
    ("EST", "EE"),
    ("FRA", "FR"),
    ("GBR", "GB"),
    ("GEO", "GE"),
    ("HUN", "HU"),
    ("IND", "IN"),
    ("IRN", "IR"),
    ("ITA", "IT"),
    ("JPN", "JP"),
    ("KAZ", "KZ"),
    ("KGZ", "KG"),
    ("KOR", "KR"),
    ("LTU", "LT"),
    ("LVA", "LV"),
    ("MDA", "MD"),
    ("MNG", "MN"),
    ("PAK", "PK"),
    ("POL", "PL"),
    ("RUS", "RU"),
    ("SUN", "SU"),
    ("TJK", "TJ"),
    ("TKM", "TM"),
    ("TUR", "TR"),
    ("UKR", "UA"),
    ("USA", "US"),
    ("UZB", "UZ"),
];

/// The two-letter code of a three-letter one, in any case: `KAZ` → `KZ`.
pub fn alpha2(code: &str) -> Option<&'static str> {
    CODES.iter().find(|(three, _)| three.eq_ignore_ascii_case(code)).map(|(_, two)| *two)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_letters_give_two() {
        assert_eq!(alpha2("KAZ"), Some("KZ"));
        assert_eq!(alpha2("uzb"), Some("UZ"));
        assert_eq!(alpha2("KZ"), None);
        assert_eq!(alpha2("XYZ"), None);
        assert!(CODES.windows(2).all(|w| w[0].0 < w[1].0), "sorted, each once");
    }
}
