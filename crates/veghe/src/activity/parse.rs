//! Parsing the values departments type into their spreadsheets: Romanian numbers (`1.234,50`),
//! dates (`29.11.2026`), times, cedilla diacritics, legal references (`Legea 61/1991 art. 2
//! pct. 25`), offenders (CNP or CUI checked by their digits). Pure: no database, no I/O.

use jiff::civil::{Date, Time};
use veghe_ro::{Cnp, Cui};

/// Trims and normalises cedilla ş ţ to comma-below ș ț (ASCII passes untouched, cheaply).
pub fn clean(s: &str) -> String {
    let t = s.trim();
    if t.is_ascii() {
        t.to_string()
    } else {
        veghe_ro::normalize_diacritics(t)
    }
}

/// An amount in lei written the Romanian way (`1.234,50`, `1234,5`, `250`, `250 lei`) or as a
/// spreadsheet number (`1234.5`), to bani. Negative amounts and more than two decimals are refused.
pub fn amount_bani(s: &str) -> Result<i64, String> {
    let mut t = s.trim().to_ascii_lowercase();
    for suffix in ["lei", "ron"] {
        if let Some(stripped) = t.strip_suffix(suffix) {
            t = stripped.trim_end().to_string();
        }
    }
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return Err("empty amount".into());
    }
    if t.starts_with('-') {
        return Err(format!("`{s}` is negative: an amount cannot be below 0"));
    }
    let (int_part, frac_part) = if let Some((i, f)) = t.split_once(',') {
        // Romanian: the comma is the decimal mark, dots group thousands.
        (thousands(i, s)?, f)
    } else if let Some((i, f)) = t.rsplit_once('.') {
        if f.len() == 3 && !i.is_empty() {
            // `1.234` is one thousand two hundred thirty-four lei.
            (thousands(&t, s)?, "")
        } else if i.contains('.') {
            return Err(format!("`{s}` is not an amount"));
        } else {
            (i.to_string(), f)
        }
    } else {
        (t.clone(), "")
    };
    if int_part.is_empty() || !int_part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{s}` is not an amount"));
    }
    if frac_part.len() > 2 || !frac_part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "`{s}` is not an amount in lei (at most two decimals)"
        ));
    }
    let lei: i64 = int_part
        .parse()
        .map_err(|_| format!("`{s}` is too large"))?;
    let bani: i64 = match frac_part.len() {
        0 => 0,
        1 => i64::from(frac_part.as_bytes()[0] - b'0') * 10,
        _ => frac_part.parse().unwrap_or(0),
    };
    lei.checked_mul(100)
        .and_then(|v| v.checked_add(bani))
        .ok_or_else(|| format!("`{s}` is too large"))
}

/// `1.234.567` → `1234567`, checking the groups of three.
fn thousands(i: &str, original: &str) -> Result<String, String> {
    let mut groups = i.split('.');
    let first = groups.next().unwrap_or("");
    if first.is_empty() || first.len() > 3 && i.contains('.') {
        return Err(format!("`{original}` is not an amount"));
    }
    let mut out = first.to_string();
    for g in groups {
        if g.len() != 3 {
            return Err(format!("`{original}` is not an amount"));
        }
        out.push_str(g);
    }
    Ok(out)
}

/// A date as `29.11.2026` (also `29/11/2026`, `29-11-2026`, `2026-11-29`); a day that does not
/// exist (`31.02.2026`) is named as such.
pub fn date(s: &str) -> Result<Date, String> {
    // A spreadsheet may give the date with a time after it: the date alone is read.
    let t = s.split_whitespace().next().unwrap_or("");
    if t.is_empty() {
        return Err("empty date".into());
    }
    let parts: Vec<&str> = t.split(['.', '/', '-']).collect();
    let (y, m, d) = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => (*y, *m, *d),
        [d, m, y] if y.len() == 4 => (*y, *m, *d),
        _ => return Err(format!("`{t}` is not a date (dd.mm.yyyy)")),
    };
    let num = |x: &str| x.parse::<i16>().ok().filter(|_| x.len() <= 4);
    let (Some(y), Some(m), Some(d)) = (num(y), num(m), num(d)) else {
        return Err(format!("`{t}` is not a date (dd.mm.yyyy)"));
    };
    if !(1..=12).contains(&m) {
        return Err(format!("`{t}`: there is no month {m}"));
    }
    let m8 = i8::try_from(m).unwrap_or(1);
    let d8 = i8::try_from(d).unwrap_or(0);
    Date::new(y, m8, d8).map_err(|_| format!("`{t}`: that day does not exist"))
}

/// A time as `14:30` or `14:30:15` (also `14.30`); empty means the time is not known (00:00).
pub fn time(s: &str) -> Result<Time, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(Time::midnight());
    }
    let parts: Vec<&str> = t.split([':', '.']).collect();
    let n = |x: &str| {
        x.parse::<i8>()
            .ok()
            .filter(|_| !x.is_empty() && x.len() <= 2)
    };
    let (h, m, sec) = match parts.as_slice() {
        [h, m] => (n(h), n(m), Some(0)),
        [h, m, s] => (n(h), n(m), n(s)),
        _ => (None, None, None),
    };
    match (h, m, sec) {
        (Some(h), Some(m), Some(sec)) => {
            Time::new(h, m, sec, 0).map_err(|_| format!("`{t}` is not a time of day"))
        }
        _ => Err(format!("`{t}` is not a time (HH:MM)")),
    }
}

/// A reference to the law: the act, article and point.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegalRef {
    /// `Legea 61/1991`, `OUG 195/2002`, `HCL 123/2020`.
    pub act: String,
    pub article: String,
    pub point: String,
}

impl LegalRef {
    pub fn label(&self) -> String {
        if self.point.is_empty() {
            format!("{} art. {}", self.act, self.article)
        } else {
            format!("{} art. {} pct. {}", self.act, self.article, self.point)
        }
    }
}

/// `Legea 61/1991 art. 2 pct. 25`, `L. 61/1991, art.2 pt.25`, `legea nr. 61/1991 art 2 punctul 25`.
pub fn legal_ref(s: &str) -> Result<LegalRef, String> {
    let folded = veghe_ro::fold(s);
    let err = || {
        format!(
            "`{}` is not a legal reference (e.g. Legea 61/1991 art. 2 pct. 25)",
            s.trim()
        )
    };
    let kinds: [(&str, &str); 7] = [
        ("oug", "OUG"),
        ("og", "OG"),
        ("hg", "HG"),
        ("hcl", "HCL"),
        ("legea", "Legea"),
        ("lege", "Legea"),
        ("l", "Legea"),
    ];
    let words: Vec<String> = folded
        .replace([',', ';', '(', ')'], " ")
        .replace("art.", "art ")
        .replace("pct.", "pct ")
        .replace("pt.", "pct ")
        .replace("nr.", "nr ")
        .replace("l.", "l ")
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let kind = words
        .first()
        .and_then(|w| kinds.iter().find(|(k, _)| k == w))
        .map(|(_, name)| *name)
        .ok_or_else(err)?;
    let mut it = words.iter().skip(1).filter(|w| w.as_str() != "nr");
    let number = it.next().filter(|w| w.contains('/')).ok_or_else(err)?;
    let (n, y) = number.split_once('/').ok_or_else(err)?;
    if n.is_empty() || y.len() != 4 || !n.bytes().chain(y.bytes()).all(|b| b.is_ascii_digit()) {
        return Err(err());
    }
    let rest: Vec<&String> = it.collect();
    let after = |keys: &[&str]| -> Option<String> {
        rest.iter()
            .position(|w| keys.contains(&w.as_str()))
            .and_then(|i| rest.get(i + 1))
            .map(|w| w.trim_end_matches('.').to_string())
    };
    let article = after(&["art", "articolul"]).ok_or_else(err)?;
    let point = after(&["pct", "punctul", "punct"]).unwrap_or_default();
    if !article.bytes().all(|b| b.is_ascii_alphanumeric())
        || !point.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return Err(err());
    }
    Ok(LegalRef {
        act: format!("{kind} {n}/{y}"),
        article,
        point,
    })
}

/// Who was sanctioned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Offender {
    Person(Cnp),
    Company(Cui),
    /// A person whose CNP was not given (a foreigner, a refusal): the name only.
    Unidentified,
}

impl Offender {
    pub fn kind(&self) -> &'static str {
        match self {
            Offender::Person(_) => "person",
            Offender::Company(_) => "company",
            Offender::Unidentified => "unidentified",
        }
    }

    pub fn id(&self) -> Option<&str> {
        match self {
            Offender::Person(c) => Some(c.as_str()),
            Offender::Company(c) => Some(c.as_str()),
            Offender::Unidentified => None,
        }
    }
}

/// A CNP (13 digits, checked) or a CUI (`RO` and 2–10 digits, checked); empty is unidentified.
pub fn offender(s: &str) -> Result<Offender, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(Offender::Unidentified);
    }
    if t.len() == 13 && t.bytes().all(|b| b.is_ascii_digit()) {
        return t
            .parse::<Cnp>()
            .map(Offender::Person)
            .map_err(|e| format!("CNP: {e}"));
    }
    t.parse::<Cui>()
        .map(Offender::Company)
        .map_err(|e| format!("neither a CNP nor a CUI: {e}"))
}

/// A yes/no cell: `da`, `nu`, `1`, `0`, `x`, `yes`, `no`, empty (no).
pub fn flag(s: &str) -> Result<bool, String> {
    let t = s.trim();
    // The usual cells are short ASCII: answered without folding.
    if t.len() <= 5 && t.is_ascii() {
        let mut buf = [0u8; 5];
        buf[..t.len()].copy_from_slice(t.as_bytes());
        buf.make_ascii_lowercase();
        match &buf[..t.len()] {
            b"" | b"nu" | b"0" | b"no" | b"false" | b"-" => return Ok(false),
            b"da" | b"1" | b"x" | b"yes" | b"true" => return Ok(true),
            _ => {}
        }
    }
    match veghe_ro::fold(s).as_str() {
        "" | "nu" | "0" | "no" | "false" | "-" => Ok(false),
        "da" | "1" | "x" | "yes" | "true" => Ok(true),
        _ => Err(format!("`{}` is neither da nor nu", s.trim())),
    }
}

/// Coordinates as decimal degrees (either `45.75` or `45,75`); both or neither.
pub fn coordinate(s: &str) -> Result<Option<f64>, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(Some)
        .ok_or_else(|| format!("`{t}` is not a coordinate in degrees"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romanian_amounts() {
        assert_eq!(amount_bani("1.234,50"), Ok(123_450));
        assert_eq!(amount_bani("1234,5"), Ok(123_450));
        assert_eq!(amount_bani("250"), Ok(25_000));
        assert_eq!(amount_bani("250 lei"), Ok(25_000));
        assert_eq!(amount_bani("1.000"), Ok(100_000));
        assert_eq!(amount_bani("1.000.000,00"), Ok(100_000_000));
        assert_eq!(amount_bani("1234.5"), Ok(123_450));
        assert!(amount_bani("-200").expect_err("error").contains("negative"));
        assert!(amount_bani("12,345").is_err());
        assert!(amount_bani("1.23.4,00").is_err());
        assert!(amount_bani("abc").is_err());
        assert!(amount_bani("").is_err());
    }

    #[test]
    fn dates_and_times() {
        assert_eq!(date("29.11.2026"), Ok(Date::constant(2026, 11, 29)));
        assert_eq!(date("2026-11-29"), Ok(Date::constant(2026, 11, 29)));
        assert_eq!(date("1/2/2026"), Ok(Date::constant(2026, 2, 1)));
        assert!(
            date("31.02.2026")
                .expect_err("error")
                .contains("does not exist")
        );
        assert!(date("29.13.2026").expect_err("error").contains("month"));
        assert!(date("29.11.26").is_err());
        assert_eq!(time("14:30"), Ok(Time::constant(14, 30, 0, 0)));
        assert_eq!(time(""), Ok(Time::midnight()));
        assert!(time("25:00").is_err());
    }

    #[test]
    fn legal_references() {
        let want = LegalRef {
            act: "Legea 61/1991".into(),
            article: "2".into(),
            point: "25".into(),
        };
        assert_eq!(legal_ref("Legea 61/1991 art. 2 pct. 25"), Ok(want.clone()));
        assert_eq!(legal_ref("L. 61/1991, art.2 pt.25"), Ok(want.clone()));
        assert_eq!(legal_ref("legea nr. 61/1991 art 2 punctul 25"), Ok(want));
        assert_eq!(
            legal_ref("OUG 195/2002 art. 108").map(|r| r.label()),
            Ok("OUG 195/2002 art. 108".to_string())
        );
        assert!(legal_ref("regulament intern").is_err());
        assert!(legal_ref("Legea 61 art. 2").is_err());
    }

    #[test]
    fn offenders_and_text() {
        assert_eq!(offender("1800101221144").map(|o| o.kind()), Ok("person"));
        assert!(
            offender("1800101221145")
                .expect_err("error")
                .starts_with("CNP")
        );
        assert_eq!(offender("RO18547290").map(|o| o.kind()), Ok("company"));
        assert_eq!(offender(""), Ok(Offender::Unidentified));
        assert_eq!(clean(" Timişoara "), "Timișoara");
        assert_eq!(flag("DA"), Ok(true));
        assert!(flag("poate").is_err());
    }
}
