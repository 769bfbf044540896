//! Romanian fiscal identification code of legal persons (CUI / CIF): parsing and validation.
//!
//! A CUI has 2 to 10 digits, the last being a check digit, and may be written with the prefix
//! `RO` (VAT-registered). Check digit: the digits before it, right-aligned, are multiplied by the
//! digits of the key `753217532` (the key's last digit weighting the digit just before the check
//! digit); the sum is multiplied by 10 and taken modulo 11, and a result of 10 gives 0.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The control key whose digits weight a CUI's digits (right-aligned).
pub const CUI_KEY: [u8; 9] = [7, 5, 3, 2, 1, 7, 5, 3, 2];

/// Why a string is not a valid CUI.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CuiError {
    /// Nothing but (optionally) the `RO` prefix.
    #[error("the CUI is empty")]
    Empty,
    /// Not 2 to 10 digits.
    #[error("a CUI has 2 to 10 digits, found {found}")]
    WrongLength {
        /// Characters found after the optional prefix.
        found: usize,
    },
    /// A character that is not an ASCII digit.
    #[error(
        "a CUI has only digits after the optional RO prefix; found {found:?} at position {position}"
    )]
    NonDigit {
        /// 1-based position after the prefix.
        position: usize,
        /// The offending character.
        found: char,
    },
    /// The number starts with 0.
    #[error("a CUI does not start with 0")]
    LeadingZero,
    /// The last digit does not match the computed check digit.
    #[error("wrong CUI check digit: expected {expected}, found {found}")]
    WrongCheckDigit {
        /// The check digit computed from the other digits.
        expected: u8,
        /// The last digit given.
        found: u8,
    },
}

/// A valid CUI.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Cui {
    digits: String,
    ro_prefix: bool,
}

/// Check digit for the digits of a CUI before its check digit (1 to 9 digits, each 0..=9).
/// Returns `None` for an empty or over-long body.
pub fn cui_check_digit(body: &[u8]) -> Option<u8> {
    if body.is_empty() || body.len() > CUI_KEY.len() {
        return None;
    }
    let key = &CUI_KEY[CUI_KEY.len() - body.len()..];
    let sum: u32 = body
        .iter()
        .zip(key)
        .map(|(&d, &k)| u32::from(d) * u32::from(k))
        .sum();
    Some(match sum * 10 % 11 {
        10 => 0,
        r => r as u8,
    })
}

impl Cui {
    /// The digits, without any prefix.
    pub fn as_str(&self) -> &str {
        &self.digits
    }

    /// Whether it was written with the `RO` prefix (VAT registration).
    pub fn has_ro_prefix(&self) -> bool {
        self.ro_prefix
    }

    /// The code with the `RO` prefix, as used for VAT.
    pub fn with_ro_prefix(&self) -> String {
        format!("RO{}", self.digits)
    }
}

impl FromStr for Cui {
    type Err = CuiError;

    /// Parses and validates a CUI. Surrounding whitespace is ignored; a leading `RO` (any case)
    /// and spaces after it are accepted.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (ro_prefix, body) = match s.get(..2) {
            Some(p) if p.eq_ignore_ascii_case("ro") => (true, s[2..].trim_start()),
            _ => (false, s),
        };
        if body.is_empty() {
            return Err(CuiError::Empty);
        }
        let found = body.chars().count();
        if !(2..=10).contains(&found) {
            return Err(CuiError::WrongLength { found });
        }
        let mut digits = Vec::with_capacity(found);
        for (i, c) in body.chars().enumerate() {
            if !c.is_ascii_digit() {
                return Err(CuiError::NonDigit {
                    position: i + 1,
                    found: c,
                });
            }
            digits.push(c as u8 - b'0');
        }
        if digits.first() == Some(&0) {
            return Err(CuiError::LeadingZero);
        }
        let (check, rest) = match digits.split_last() {
            Some((&check, rest)) => (check, rest),
            None => return Err(CuiError::Empty),
        };
        let expected = cui_check_digit(rest).ok_or(CuiError::WrongLength { found })?;
        if expected != check {
            return Err(CuiError::WrongCheckDigit {
                expected,
                found: check,
            });
        }
        Ok(Cui {
            digits: body.to_owned(),
            ro_prefix,
        })
    }
}

impl fmt::Display for Cui {
    /// Writes the code as given: with `RO` if it had the prefix.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ro_prefix {
            f.write_str("RO")?;
        }
        f.write_str(&self.digits)
    }
}

impl Serialize for Cui {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Cui {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}
