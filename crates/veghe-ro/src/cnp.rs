//! Romanian personal numeric code (CNP): parsing, validation and masking.
//!
//! Layout `S AA LL ZZ JJ NNN C`:
//! - `S` sex and century: 1/2 male/female born 1900–1999, 3/4 born 1800–1899, 5/6 born 2000–2099,
//!   7/8 male/female foreign residents, 9 foreign persons (sex not recorded). 0 is invalid.
//! - `AA LL ZZ` birth date; for `S` = 7, 8, 9 the century is not encoded (see [`Cnp::birth_date`]).
//! - `JJ` county code: 01–46 (counties alphabetically, 40 Bucharest, 41–46 its sectors 1–6),
//!   47–48 (Bucharest sectors 7–8, abolished in 1979, still present in old codes), 51 Călărași,
//!   52 Giurgiu, 70 (codes generated since 8 May 2024 by the integrated civil-status system,
//!   whatever the place).
//! - `NNN` sequence number; `C` check digit: the first 12 digits are multiplied by the digits of
//!   `279146358279`, the sum is taken modulo 11, and a remainder of 10 gives 1.
//!
//! A CNP is personal data: show [`Cnp::masked`] (or [`mask_cnp_like`] for unvalidated text) in
//! lists and exports.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::calendar::Date;

/// The control constant whose digits weight the first 12 digits of a CNP.
pub const CNP_KEY: [u8; 12] = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9];

/// Sex recorded by the first digit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sex {
    /// Odd first digit (1, 3, 5, 7).
    Male,
    /// Even first digit (2, 4, 6, 8).
    Female,
    /// First digit 9 (foreign persons): not recorded.
    Unspecified,
}

/// Why a string is not a valid CNP.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CnpError {
    /// Not 13 characters (after trimming surrounding whitespace).
    #[error("a CNP has 13 digits, found {found} characters")]
    WrongLength {
        /// Characters found.
        found: usize,
    },
    /// A character that is not an ASCII digit.
    #[error("a CNP has only digits; found {found:?} at position {position}")]
    NonDigit {
        /// 1-based position.
        position: usize,
        /// The offending character.
        found: char,
    },
    /// First digit 0 (no sex/century).
    #[error("the first digit of a CNP (sex and century) cannot be {found}")]
    BadSexDigit {
        /// The digit found.
        found: u8,
    },
    /// Digits 2–7 are not a calendar date.
    #[error("the CNP birth date {year:04}-{month:02}-{day:02} does not exist")]
    ImpossibleBirthDate {
        /// Year (with the century deduced from the first digit).
        year: i16,
        /// Month digits.
        month: u8,
        /// Day digits.
        day: u8,
    },
    /// Digits 8–9 are not a county code.
    #[error("{found:02} is not a CNP county code")]
    UnknownCountyCode {
        /// The code found.
        found: u8,
    },
    /// The last digit does not match the computed check digit.
    #[error("wrong CNP check digit: expected {expected}, found {found}")]
    WrongCheckDigit {
        /// The check digit computed from the first 12 digits.
        expected: u8,
        /// The last digit given.
        found: u8,
    },
}

/// A valid CNP (13 digits, checked).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cnp {
    ascii: [u8; 13],
}

/// Check digit for the first 12 digits of a CNP (each 0..=9).
pub fn cnp_check_digit(first12: &[u8; 12]) -> u8 {
    let sum: u32 = first12
        .iter()
        .zip(CNP_KEY)
        .map(|(&d, k)| u32::from(d) * u32::from(k))
        .sum();
    match sum % 11 {
        10 => 1,
        r => r as u8,
    }
}

/// Whether `code` is a CNP county code (see the module docs).
pub fn is_county_code(code: u8) -> bool {
    matches!(code, 1..=48 | 51 | 52 | 70)
}

/// Name of the county (or sector) for a CNP county code.
pub fn county_name(code: u8) -> Option<&'static str> {
    const COUNTIES: [&str; 39] = [
        "Alba",
        "Arad",
        "Argeș",
        "Bacău",
        "Bihor",
        "Bistrița-Năsăud",
        "Botoșani",
        "Brașov",
        "Brăila",
        "Buzău",
        "Caraș-Severin",
        "Cluj",
        "Constanța",
        "Covasna",
        "Dâmbovița",
        "Dolj",
        "Galați",
        "Gorj",
        "Harghita",
        "Hunedoara",
        "Ialomița",
        "Iași",
        "Ilfov",
        "Maramureș",
        "Mehedinți",
        "Mureș",
        "Neamț",
        "Olt",
        "Prahova",
        "Satu Mare",
        "Sălaj",
        "Sibiu",
        "Suceava",
        "Teleorman",
        "Timiș",
        "Tulcea",
        "Vaslui",
        "Vâlcea",
        "Vrancea",
    ];
    Some(match code {
        1..=39 => COUNTIES[usize::from(code - 1)],
        40 => "București",
        41 => "București, Sectorul 1",
        42 => "București, Sectorul 2",
        43 => "București, Sectorul 3",
        44 => "București, Sectorul 4",
        45 => "București, Sectorul 5",
        46 => "București, Sectorul 6",
        47 => "București, Sectorul 7 (desființat)",
        48 => "București, Sectorul 8 (desființat)",
        51 => "Călărași",
        52 => "Giurgiu",
        70 => "Cod unic (după 8 mai 2024)",
        _ => return None,
    })
}

fn pair(a: u8, b: u8) -> u8 {
    a * 10 + b
}

impl Cnp {
    /// The 13 digits.
    pub fn as_str(&self) -> &str {
        // Every byte is an ASCII digit by construction, so the fallback is never taken.
        std::str::from_utf8(&self.ascii).unwrap_or_default()
    }

    fn digits(&self) -> [u8; 13] {
        self.ascii.map(|b| b - b'0')
    }

    /// The first digit (sex and century).
    pub fn sex_digit(&self) -> u8 {
        self.digits()[0]
    }

    /// Sex recorded by the first digit.
    pub fn sex(&self) -> Sex {
        match self.digits()[0] {
            9 => Sex::Unspecified,
            d if d % 2 == 1 => Sex::Male,
            _ => Sex::Female,
        }
    }

    /// Birth date. For first digits 7, 8 and 9 the century is not encoded: the 1900s are assumed,
    /// unless the date exists only in 2000 (29 February 2000), which is then returned.
    pub fn birth_date(&self) -> Date {
        birth_date_of(&self.digits()).unwrap_or(Date::MIN)
    }

    /// Whether the first digit fixes the birth century (1–6).
    pub fn century_known(&self) -> bool {
        (1..=6).contains(&self.digits()[0])
    }

    /// County code (digits 8–9).
    pub fn county_code(&self) -> u8 {
        pair(self.ascii[7] - b'0', self.ascii[8] - b'0')
    }

    /// County (or sector) name for [`Cnp::county_code`].
    pub fn county_name(&self) -> Option<&'static str> {
        county_name(self.county_code())
    }

    /// Masked form for display: the first and the last two digits, the rest `*`
    /// (`1**********44`).
    pub fn masked(&self) -> String {
        mask13(&self.ascii.map(char::from))
    }
}

fn century_base(sex_digit: u8) -> Option<i16> {
    match sex_digit {
        1 | 2 | 7 | 8 | 9 => Some(1900),
        3 | 4 => Some(1800),
        5 | 6 => Some(2000),
        _ => None,
    }
}

fn birth_date_of(d: &[u8; 13]) -> Result<Date, CnpError> {
    let base = century_base(d[0]).ok_or(CnpError::BadSexDigit { found: d[0] })?;
    let yy = i16::from(pair(d[1], d[2]));
    let month = pair(d[3], d[4]);
    let day = pair(d[5], d[6]);
    let make = |year: i16| {
        let (Ok(m), Ok(dd)) = (i8::try_from(month), i8::try_from(day)) else {
            return None;
        };
        Date::new(year, m, dd).ok()
    };
    if let Some(date) = make(base + yy) {
        return Ok(date);
    }
    if d[0] >= 7
        && let Some(date) = make(2000 + yy)
    {
        return Ok(date);
    }
    Err(CnpError::ImpossibleBirthDate {
        year: base + yy,
        month,
        day,
    })
}

fn mask13(chars: &[char; 13]) -> String {
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| if i == 0 || i >= 11 { c } else { '*' })
        .collect()
}

impl FromStr for Cnp {
    type Err = CnpError;

    /// Parses and validates a CNP; surrounding whitespace is ignored. Checks, in order: length,
    /// digits, sex digit, birth date, county code, check digit.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let found = s.chars().count();
        if found != 13 {
            return Err(CnpError::WrongLength { found });
        }
        let mut digits = [0u8; 13];
        for (i, c) in s.chars().enumerate() {
            let Some(v) = c.to_digit(10).filter(|_| c.is_ascii_digit()) else {
                return Err(CnpError::NonDigit {
                    position: i + 1,
                    found: c,
                });
            };
            digits[i] = v as u8;
        }
        birth_date_of(&digits)?;
        let county = pair(digits[7], digits[8]);
        if !is_county_code(county) {
            return Err(CnpError::UnknownCountyCode { found: county });
        }
        let mut first12 = [0u8; 12];
        first12.copy_from_slice(&digits[..12]);
        let expected = cnp_check_digit(&first12);
        if expected != digits[12] {
            return Err(CnpError::WrongCheckDigit {
                expected,
                found: digits[12],
            });
        }
        Ok(Cnp {
            ascii: digits.map(|d| b'0' + d),
        })
    }
}

impl fmt::Display for Cnp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Cnp {
    /// Debug output is masked so that a CNP never lands whole in logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cnp({})", self.masked())
    }
}

impl Serialize for Cnp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Cnp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Masks every run of exactly 13 ASCII digits in `s` like [`Cnp::masked`] (first and last two
/// digits kept), whether or not it is a valid CNP; everything else is left as is. Meant for
/// displaying unvalidated data (free text, imports).
pub fn mask_cnp_like(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let run = &chars[start..i];
            match <&[char; 13]>::try_from(run) {
                Ok(thirteen) => out.push_str(&mask13(thirteen)),
                Err(_) => out.extend(run),
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}
