//! Countries by their ISO 3166-1 codes (alpha-3, alpha-2, numeric) with an
//! English short name: the hint when three letters are written where two go,
//! and the importers' way from GDELT's CAMEO codes and ACLED's numeric codes
//! to steppe's two letters.

/// (alpha-3, alpha-2, numeric, name), sorted by alpha-3. `SUN` was the Soviet
/// Union's until 1992 and keeps its reserved codes.
const COUNTRIES: &[(&str, &str, u16, &str)] = &[
    ("ABW", "AW", 533, "Aruba"),
    ("AFG", "AF", 4, "Afghanistan"),
    ("AGO", "AO", 24, "Angola"),
    ("AIA", "AI", 660, "Anguilla"),
    ("ALA", "AX", 248, "Åland Islands"),
    ("ALB", "AL", 8, "Albania"),
    ("AND", "AD", 20, "Andorra"),
    ("ARE", "AE", 784, "United Arab Emirates"),
    ("ARG", "AR", 32, "Argentina"),
    ("ARM", "AM", 51, "Armenia"),
    ("ASM", "AS", 16, "American Samoa"),
    ("ATG", "AG", 28, "Antigua and Barbuda"),
    ("AUS", "AU", 36, "Australia"),
    ("AUT", "AT", 40, "Austria"),
    ("AZE", "AZ", 31, "Azerbaijan"),
    ("BDI", "BI", 108, "Burundi"),
    ("BEL", "BE", 56, "Belgium"),
    ("BEN", "BJ", 204, "Benin"),
    ("BFA", "BF", 854, "Burkina Faso"),
    ("BGD", "BD", 50, "Bangladesh"),
    ("BGR", "BG", 100, "Bulgaria"),
    ("BHR", "BH", 48, "Bahrain"),
    ("BHS", "BS", 44, "Bahamas"),
    ("BIH", "BA", 70, "Bosnia and Herzegovina"),
    ("BLR", "BY", 112, "Belarus"),
    ("BLZ", "BZ", 84, "Belize"),
    ("BMU", "BM", 60, "Bermuda"),
    ("BOL", "BO", 68, "Bolivia"),
    ("BRA", "BR", 76, "Brazil"),
    ("BRB", "BB", 52, "Barbados"),
    ("BRN", "BN", 96, "Brunei"),
    ("BTN", "BT", 64, "Bhutan"),
    ("BWA", "BW", 72, "Botswana"),
    ("CAF", "CF", 140, "Central African Republic"),
    ("CAN", "CA", 124, "Canada"),
    ("CHE", "CH", 756, "Switzerland"),
    ("CHL", "CL", 152, "Chile"),
    ("CHN", "CN", 156, "China"),
    ("CIV", "CI", 384, "Côte d'Ivoire"),
    ("CMR", "CM", 120, "Cameroon"),
    ("COD", "CD", 180, "Democratic Republic of the Congo"),
    ("COG", "CG", 178, "Republic of the Congo"),
    ("COK", "CK", 184, "Cook Islands"),
    ("COL", "CO", 170, "Colombia"),
    ("COM", "KM", 174, "Comoros"),
    ("CPV", "CV", 132, "Cabo Verde"),
    ("CRI", "CR", 188, "Costa Rica"),
    ("CUB", "CU", 192, "Cuba"),
    ("CYM", "KY", 136, "Cayman Islands"),
    ("CYP", "CY", 196, "Cyprus"),
    ("CZE", "CZ", 203, "Czechia"),
    ("DEU", "DE", 276, "Germany"),
    ("DJI", "DJ", 262, "Djibouti"),
    ("DMA", "DM", 212, "Dominica"),
    ("DNK", "DK", 208, "Denmark"),
    ("DOM", "DO", 214, "Dominican Republic"),
    ("DZA", "DZ", 12, "Algeria"),
    ("ECU", "EC", 218, "Ecuador"),
    ("EGY", "EG", 818, "Egypt"),
    ("ERI", "ER", 232, "Eritrea"),
    ("ESH", "EH", 732, "Western Sahara"),
    ("ESP", "ES", 724, "Spain"),
    ("EST", "EE", 233, "Estonia"),
    ("ETH", "ET", 231, "Ethiopia"),
    ("FIN", "FI", 246, "Finland"),
    ("FJI", "FJ", 242, "Fiji"),
    ("FLK", "FK", 238, "Falkland Islands"),
    ("FRA", "FR", 250, "France"),
    ("FRO", "FO", 234, "Faroe Islands"),
    ("FSM", "FM", 583, "Micronesia"),
    ("GAB", "GA", 266, "Gabon"),
    ("GBR", "GB", 826, "United Kingdom"),
    ("GEO", "GE", 268, "Georgia"),
    ("GHA", "GH", 288, "Ghana"),
    ("GIB", "GI", 292, "Gibraltar"),
    ("GIN", "GN", 324, "Guinea"),
    ("GLP", "GP", 312, "Guadeloupe"),
    ("GMB", "GM", 270, "Gambia"),
    ("GNB", "GW", 624, "Guinea-Bissau"),
    ("GNQ", "GQ", 226, "Equatorial Guinea"),
    ("GRC", "GR", 300, "Greece"),
    ("GRD", "GD", 308, "Grenada"),
    ("GRL", "GL", 304, "Greenland"),
    ("GTM", "GT", 320, "Guatemala"),
    ("GUF", "GF", 254, "French Guiana"),
    ("GUM", "GU", 316, "Guam"),
    ("GUY", "GY", 328, "Guyana"),
    ("HKG", "HK", 344, "Hong Kong"),
    ("HND", "HN", 340, "Honduras"),
    ("HRV", "HR", 191, "Croatia"),
    ("HTI", "HT", 332, "Haiti"),
    ("HUN", "HU", 348, "Hungary"),
    ("IDN", "ID", 360, "Indonesia"),
    ("IMN", "IM", 833, "Isle of Man"),
    ("IND", "IN", 356, "India"),
    ("IRL", "IE", 372, "Ireland"),
    ("IRN", "IR", 364, "Iran"),
    ("IRQ", "IQ", 368, "Iraq"),
    ("ISL", "IS", 352, "Iceland"),
    ("ISR", "IL", 376, "Israel"),
    ("ITA", "IT", 380, "Italy"),
    ("JAM", "JM", 388, "Jamaica"),
    ("JOR", "JO", 400, "Jordan"),
    ("JPN", "JP", 392, "Japan"),
    ("KAZ", "KZ", 398, "Kazakhstan"),
    ("KEN", "KE", 404, "Kenya"),
    ("KGZ", "KG", 417, "Kyrgyzstan"),
    ("KHM", "KH", 116, "Cambodia"),
    ("KIR", "KI", 296, "Kiribati"),
    ("KNA", "KN", 659, "Saint Kitts and Nevis"),
    ("KOR", "KR", 410, "South Korea"),
    ("KWT", "KW", 414, "Kuwait"),
    ("LAO", "LA", 418, "Laos"),
    ("LBN", "LB", 422, "Lebanon"),
    ("LBR", "LR", 430, "Liberia"),
    ("LBY", "LY", 434, "Libya"),
    ("LCA", "LC", 662, "Saint Lucia"),
    ("LIE", "LI", 438, "Liechtenstein"),
    ("LKA", "LK", 144, "Sri Lanka"),
    ("LSO", "LS", 426, "Lesotho"),
    ("LTU", "LT", 440, "Lithuania"),
    ("LUX", "LU", 442, "Luxembourg"),
    ("LVA", "LV", 428, "Latvia"),
    ("MAC", "MO", 446, "Macao"),
    ("MAR", "MA", 504, "Morocco"),
    ("MCO", "MC", 492, "Monaco"),
    ("MDA", "MD", 498, "Moldova"),
    ("MDG", "MG", 450, "Madagascar"),
    ("MDV", "MV", 462, "Maldives"),
    ("MEX", "MX", 484, "Mexico"),
    ("MHL", "MH", 584, "Marshall Islands"),
    ("MKD", "MK", 807, "North Macedonia"),
    ("MLI", "ML", 466, "Mali"),
    ("MLT", "MT", 470, "Malta"),
    ("MMR", "MM", 104, "Myanmar"),
    ("MNE", "ME", 499, "Montenegro"),
    ("MNG", "MN", 496, "Mongolia"),
    ("MNP", "MP", 580, "Northern Mariana Islands"),
    ("MOZ", "MZ", 508, "Mozambique"),
    ("MRT", "MR", 478, "Mauritania"),
    ("MSR", "MS", 500, "Montserrat"),
    ("MTQ", "MQ", 474, "Martinique"),
    ("MUS", "MU", 480, "Mauritius"),
    ("MWI", "MW", 454, "Malawi"),
    ("MYS", "MY", 458, "Malaysia"),
    ("MYT", "YT", 175, "Mayotte"),
    ("NAM", "NA", 516, "Namibia"),
    ("NCL", "NC", 540, "New Caledonia"),
    ("NER", "NE", 562, "Niger"),
    ("NFK", "NF", 574, "Norfolk Island"),
    ("NGA", "NG", 566, "Nigeria"),
    ("NIC", "NI", 558, "Nicaragua"),
    ("NIU", "NU", 570, "Niue"),
    ("NLD", "NL", 528, "Netherlands"),
    ("NOR", "NO", 578, "Norway"),
    ("NPL", "NP", 524, "Nepal"),
    ("NRU", "NR", 520, "Nauru"),
    ("NZL", "NZ", 554, "New Zealand"),
    ("OMN", "OM", 512, "Oman"),
    ("PAK", "PK", 586, "Pakistan"),
    ("PAN", "PA", 591, "Panama"),
    ("PCN", "PN", 612, "Pitcairn"),
    ("PER", "PE", 604, "Peru"),
    ("PHL", "PH", 608, "Philippines"),
    ("PLW", "PW", 585, "Palau"),
    ("PNG", "PG", 598, "Papua New Guinea"),
    ("POL", "PL", 616, "Poland"),
    ("PRI", "PR", 630, "Puerto Rico"),
    ("PRK", "KP", 408, "North Korea"),
    ("PRT", "PT", 620, "Portugal"),
    ("PRY", "PY", 600, "Paraguay"),
    ("PSE", "PS", 275, "Palestine"),
    ("PYF", "PF", 258, "French Polynesia"),
    ("QAT", "QA", 634, "Qatar"),
    ("REU", "RE", 638, "Réunion"),
    ("ROU", "RO", 642, "Romania"),
    ("RUS", "RU", 643, "Russia"),
    ("RWA", "RW", 646, "Rwanda"),
    ("SAU", "SA", 682, "Saudi Arabia"),
    ("SDN", "SD", 729, "Sudan"),
    ("SEN", "SN", 686, "Senegal"),
    ("SGP", "SG", 702, "Singapore"),
    ("SHN", "SH", 654, "Saint Helena"),
    ("SJM", "SJ", 744, "Svalbard and Jan Mayen"),
    ("SLB", "SB", 90, "Solomon Islands"),
    ("SLE", "SL", 694, "Sierra Leone"),
    ("SLV", "SV", 222, "El Salvador"),
    ("SMR", "SM", 674, "San Marino"),
    ("SOM", "SO", 706, "Somalia"),
    ("SPM", "PM", 666, "Saint Pierre and Miquelon"),
    ("SRB", "RS", 688, "Serbia"),
    ("SSD", "SS", 728, "South Sudan"),
    ("STP", "ST", 678, "São Tomé and Príncipe"),
    ("SUN", "SU", 810, "Soviet Union"),
    ("SUR", "SR", 740, "Suriname"),
    ("SVK", "SK", 703, "Slovakia"),
    ("SVN", "SI", 705, "Slovenia"),
    ("SWE", "SE", 752, "Sweden"),
    ("SWZ", "SZ", 748, "Eswatini"),
    ("SYC", "SC", 690, "Seychelles"),
    ("SYR", "SY", 760, "Syria"),
    ("TCA", "TC", 796, "Turks and Caicos Islands"),
    ("TCD", "TD", 148, "Chad"),
    ("TGO", "TG", 768, "Togo"),
    ("THA", "TH", 764, "Thailand"),
    ("TJK", "TJ", 762, "Tajikistan"),
    ("TKL", "TK", 772, "Tokelau"),
    ("TKM", "TM", 795, "Turkmenistan"),
    ("TLS", "TL", 626, "Timor-Leste"),
    ("TON", "TO", 776, "Tonga"),
    ("TTO", "TT", 780, "Trinidad and Tobago"),
    ("TUN", "TN", 788, "Tunisia"),
    ("TUR", "TR", 792, "Türkiye"),
    ("TUV", "TV", 798, "Tuvalu"),
    ("TWN", "TW", 158, "Taiwan"),
    ("TZA", "TZ", 834, "Tanzania"),
    ("UGA", "UG", 800, "Uganda"),
    ("UKR", "UA", 804, "Ukraine"),
    ("URY", "UY", 858, "Uruguay"),
    ("USA", "US", 840, "United States"),
    ("UZB", "UZ", 860, "Uzbekistan"),
    ("VAT", "VA", 336, "Vatican City"),
    ("VCT", "VC", 670, "Saint Vincent and the Grenadines"),
    ("VEN", "VE", 862, "Venezuela"),
    ("VGB", "VG", 92, "British Virgin Islands"),
    ("VIR", "VI", 850, "United States Virgin Islands"),
    ("VNM", "VN", 704, "Vietnam"),
    ("VUT", "VU", 548, "Vanuatu"),
    ("WLF", "WF", 876, "Wallis and Futuna"),
    ("WSM", "WS", 882, "Samoa"),
    ("YEM", "YE", 887, "Yemen"),
    ("ZAF", "ZA", 710, "South Africa"),
    ("ZMB", "ZM", 894, "Zambia"),
    ("ZWE", "ZW", 716, "Zimbabwe"),
];

/// CAMEO's country codes that are not ISO alpha-3 (CAMEO kept some older
/// codes), as the ISO alpha-3 they stand for.
const CAMEO_OLD: &[(&str, &str)] = &[
    ("IMY", "IMN"), // Isle of Man
    ("MTN", "MNE"), // Montenegro
    ("ROM", "ROU"), // Romania
    ("TMP", "TLS"), // East Timor
    ("ZAR", "COD"), // Zaire
    ("BAG", "IRQ"), // Baghdad
    ("GZS", "PSE"), // Gaza Strip
    ("WSB", "PSE"), // West Bank
];

/// CAMEO's codes for regions, which are no country: (code, name).
pub const CAMEO_REGIONS: &[(&str, &str)] = &[
    ("AFR", "Africa"),
    ("ASA", "Asia"),
    ("BLK", "Balkans"),
    ("CAS", "Central Asia"),
    ("CAU", "Caucasus"),
    ("CEU", "Central Europe"),
    ("CFR", "Central Africa"),
    ("CRB", "Caribbean"),
    ("EAF", "Eastern Africa"),
    ("EEU", "Eastern Europe"),
    ("EIN", "East Indies"),
    ("EUR", "Europe"),
    ("LAM", "Latin America"),
    ("MDT", "Mediterranean"),
    ("MEA", "Middle East"),
    ("NAF", "North Africa"),
    ("NMR", "North America"),
    ("PGS", "Persian Gulf"),
    ("SAF", "Southern Africa"),
    ("SAM", "South America"),
    ("SAS", "South Asia"),
    ("SCN", "Scandinavia"),
    ("SEA", "Southeast Asia"),
    ("WAF", "West Africa"),
    ("WST", "The West"),
];

/// The two-letter code of a three-letter one, in any case: `KAZ` → `KZ`.
pub fn alpha2(code: &str) -> Option<&'static str> {
    by_alpha3(code).map(|(two, _)| two)
}

/// The two-letter code and name of an ISO alpha-3 code, in any case.
pub fn by_alpha3(code: &str) -> Option<(&'static str, &'static str)> {
    let code = code.to_ascii_uppercase();
    let i = COUNTRIES.binary_search_by(|c| c.0.cmp(code.as_str())).ok()?;
    Some((COUNTRIES[i].1, COUNTRIES[i].3))
}

/// The two-letter code and name of a CAMEO country code: ISO alpha-3, or one
/// of the older codes CAMEO kept. Regions (`CAS`, `EUR`) are none.
pub fn by_cameo(code: &str) -> Option<(&'static str, &'static str)> {
    let iso = CAMEO_OLD.iter().find(|(old, _)| old.eq_ignore_ascii_case(code)).map(|(_, iso)| *iso);
    by_alpha3(iso.unwrap_or(code))
}

/// The two-letter code and name of an ISO numeric code: `398` → `KZ`.
pub fn by_numeric(code: u16) -> Option<(&'static str, &'static str)> {
    COUNTRIES.iter().find(|c| c.2 == code).map(|c| (c.1, c.3))
}

/// The two-letter code and name of a country's English name, in any case.
pub fn by_name(name: &str) -> Option<(&'static str, &'static str)> {
    let name = name.trim();
    COUNTRIES.iter().find(|c| c.3.eq_ignore_ascii_case(name)).map(|c| (c.1, c.3))
}

/// The name of a two-letter code.
pub fn name(alpha2: &str) -> Option<&'static str> {
    COUNTRIES.iter().find(|c| c.1 == alpha2).map(|c| c.3)
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
        assert!(COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0), "sorted, each once");
        let mut twos: Vec<&str> = COUNTRIES.iter().map(|c| c.1).collect();
        twos.sort_unstable();
        assert!(twos.windows(2).all(|w| w[0] < w[1]), "each alpha-2 once");
    }

    #[test]
    fn cameo_codes_and_numbers_give_iso_countries() {
        assert_eq!(by_cameo("KGZ"), Some(("KG", "Kyrgyzstan")));
        assert_eq!(by_cameo("ROM"), Some(("RO", "Romania")));
        assert_eq!(by_cameo("TMP"), Some(("TL", "Timor-Leste")));
        assert_eq!(by_cameo("CAS"), None, "a region");
        assert!(CAMEO_REGIONS.iter().all(|(r, _)| by_cameo(r).is_none()));
        assert_eq!(by_numeric(398), Some(("KZ", "Kazakhstan")));
        assert_eq!(by_numeric(643), Some(("RU", "Russia")));
        assert_eq!(by_name("kyrgyzstan"), Some(("KG", "Kyrgyzstan")));
        assert_eq!(name("UZ"), Some("Uzbekistan"));
    }
}
