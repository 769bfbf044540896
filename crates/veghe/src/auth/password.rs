//! Password hashing with argon2id, the rule a new password must meet, one-time passwords, and
//! random secrets for sessions and tokens.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use sha2::{Digest, Sha256};

use crate::config::PasswordCost;

fn hasher(cost: PasswordCost) -> Argon2<'static> {
    let params = match cost {
        PasswordCost::Standard => Params::new(19 * 1024, 2, 1, None),
        PasswordCost::Fast => Params::new(1024, 1, 1, None),
    }
    .unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password into a PHC string (algorithm, parameters and salt included).
pub fn hash_password(password: &str, cost: PasswordCost) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let hash = hasher(cost)
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("hash: {e}"))?;
    Ok(hash.to_string())
}

/// Checks a password against a stored PHC string; the parameters come from the string.
pub fn verify_password(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A hash computed for unknown users, so that timing does not reveal which accounts exist.
pub fn dummy_verify(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let phc = DUMMY.get_or_init(|| {
        hash_password("not a password", PasswordCost::Standard).unwrap_or_default()
    });
    let _ = verify_password(password, phc);
}

/// The fewest characters a new password may have.
pub const MIN_CHARS: usize = 12;
/// The most bytes a new password may have (hashing a longer one is work for nothing).
pub const MAX_BYTES: usize = 1024;

/// The common passwords a new one may not be (lowercased, sorted, one a line): the list of
/// `@zxcvbn-ts/language-common` (MIT), embedded by `build.rs` from `web/package-lock.json`.
static COMMON: &str = include_str!(concat!(env!("OUT_DIR"), "/common-passwords.txt"));

/// Why a new password is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weak {
    TooShort,
    TooLong,
    Common,
}

impl Weak {
    /// The refusal, naming `password`, in Romanian and English.
    pub fn said(self) -> crate::error::Said {
        let (ro, en) = match self {
            Weak::TooShort => (
                "Parola: cel puțin 12 caractere; o frază de câteva cuvinte se ține minte ușor.",
                "the password must have at least 12 characters; a phrase of a few words is easy to remember",
            ),
            Weak::TooLong => (
                "Parola: cel mult 1024 de octeți.",
                "the password must have at most 1024 bytes",
            ),
            Weak::Common => (
                "Parola: este în lista parolelor folosite des și ar fi ghicită ușor; alegeți alta.",
                "the password is in the list of commonly used passwords and would be guessed easily; choose another",
            ),
        };
        crate::error::Said::new(ro, en)
    }
}

/// The rule for a new password: at least 12 characters, at most 1024 bytes, and not one of
/// the common passwords (compared without regard to case). No composition rules.
pub fn check_strength(password: &str) -> Result<(), Weak> {
    if password.chars().count() < MIN_CHARS {
        return Err(Weak::TooShort);
    }
    if password.len() > MAX_BYTES {
        return Err(Weak::TooLong);
    }
    if is_common(password) {
        return Err(Weak::Common);
    }
    Ok(())
}

/// Whether `password` is in the embedded list of common passwords, whatever its case.
pub fn is_common(password: &str) -> bool {
    static SORTED: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let list = SORTED.get_or_init(|| COMMON.lines().collect());
    list.binary_search(&password.to_lowercase().as_str())
        .is_ok()
}

/// The letters of one-time passwords: lowercase and digits without the look-alikes (0 o 1 l i).
const READABLE: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A one-time password an administrator hands over: four groups of four readable characters
/// (`k7qm-x3pa-9vtr-e2hw`, 19 characters, about 79 bits), to be changed at first sign-in.
pub fn one_time_password() -> anyhow::Result<String> {
    let mut out = String::with_capacity(19);
    let mut made = 0;
    while made < 16 {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
        // Rejection sampling: only bytes below the largest multiple of the alphabet's size.
        let limit = (256 / READABLE.len() * READABLE.len()) as u8;
        for b in bytes.into_iter().filter(|b| *b < limit) {
            if made == 16 {
                break;
            }
            if made > 0 && made % 4 == 0 {
                out.push('-');
            }
            out.push(char::from(READABLE[usize::from(b) % READABLE.len()]));
            made += 1;
        }
    }
    Ok(out)
}

/// A fresh random secret as 64 hex digits.
pub fn random_secret() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    Ok(hex::encode(bytes))
}

/// The stored form of a session id or API token: its SHA-256, so a leaked table opens nothing.
pub fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Compares two strings in time independent of where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_and_verify() {
        let h = hash_password("corect-horse-battery", PasswordCost::Fast).expect("hash");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("corect-horse-battery", &h));
        assert!(!verify_password("wrong", &h));
        assert!(!verify_password("x", "not a phc string"));
    }

    #[test]
    fn the_rule_counts_characters_and_bytes() {
        assert_eq!(check_strength("short"), Err(Weak::TooShort));
        assert_eq!(check_strength("eleven char"), Err(Weak::TooShort));
        assert_eq!(
            check_strength("pădure-verde"),
            Ok(()),
            "12 characters, 13 bytes"
        );
        assert_eq!(
            check_strength("ăîșțâăîșțâă"),
            Err(Weak::TooShort),
            "11 characters, 22 bytes"
        );
        assert_eq!(check_strength(&"x7".repeat(512)), Ok(()));
        assert_eq!(check_strength(&"x7".repeat(513)), Err(Weak::TooLong));
        assert_eq!(
            check_strength(&"ș".repeat(513)),
            Err(Weak::TooLong),
            "513 chars, 1026 bytes"
        );
    }

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        for common in [
            "password1234",
            "PASSWORD1234",
            "Qwertyuiop12",
            "123456789012",
        ] {
            assert_eq!(check_strength(common), Err(Weak::Common), "{common}");
        }
        assert!(is_common("123456"), "the list is there, short ones too");
        assert_eq!(check_strength("stejarul de pe Bega"), Ok(()));
        assert!(
            Weak::Common
                .said()
                .ro
                .is_some_and(|ro| ro.starts_with("Parola"))
        );
    }

    #[test]
    fn one_time_passwords_are_readable_random_and_pass_the_rule() {
        let a = one_time_password().expect("otp");
        let b = one_time_password().expect("otp");
        assert_ne!(a, b);
        for p in [&a, &b] {
            assert_eq!(p.len(), 19, "{p}");
            let groups: Vec<&str> = p.split('-').collect();
            assert_eq!(groups.len(), 4, "{p}");
            assert!(groups.iter().all(|g| g.len() == 4));
            assert!(
                p.bytes()
                    .filter(|c| *c != b'-')
                    .all(|c| READABLE.contains(&c)),
                "{p}"
            );
            assert_eq!(check_strength(p), Ok(()));
        }
    }

    #[test]
    fn comparison_takes_the_same_time() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
    }
}
