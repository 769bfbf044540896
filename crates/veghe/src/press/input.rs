//! What the press office's forms and JSON bodies carry beyond plain text: instants typed as a
//! date and time in Timișoara (`2026-12-07T14:30`, as a `datetime-local` field sends it, or
//! `07.12.2026 14:30`), read into epoch milliseconds and back; ids given as a JSON number or as a
//! form's text (an empty choice is none).

use jiff::civil::{Date, DateTime};
use serde::{Deserialize, Deserializer};

use crate::error::{AppError, AppResult, Said};

/// The instant `text` names in Timișoara's time; empty is none. A time more than five minutes
/// ahead of `now` is refused: what is registered has already happened.
pub fn local_instant(v: Option<String>, field: &'static str, now: i64) -> AppResult<Option<i64>> {
    let Some(text) = v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let refused = || {
        AppError::bad(
            field,
            Said::new(
                format!(
                    "„{}” nu este o dată și o oră (de exemplu 07.12.2026 14:30).",
                    text.chars().take(40).collect::<String>()
                ),
                format!(
                    "{field}: “{}” is not a date and time (e.g. 2026-12-07T14:30)",
                    text.chars().take(40).collect::<String>()
                ),
            ),
        )
    };
    let at = parse(&text).ok_or_else(refused)?;
    let ms = at
        .to_zoned(crate::time::bucharest())
        .map_err(|_| refused())?
        .timestamp()
        .as_millisecond();
    if ms > now + 5 * 60_000 {
        return Err(AppError::bad(
            field,
            Said::new(
                "Data și ora nu pot fi în viitor.",
                format!("{field} cannot be in the future"),
            ),
        ));
    }
    Ok(Some(ms))
}

fn parse(text: &str) -> Option<DateTime> {
    let (day, time) = text.split_once(['T', ' '])?;
    let date: Date = if day.contains('.') {
        let mut p = day.split('.');
        let (d, m, y) = (p.next()?, p.next()?, p.next()?);
        if p.next().is_some() {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()?
    } else {
        day.parse().ok()?
    };
    if !(1900..=2199).contains(&date.year()) {
        return None;
    }
    let mut p = time.trim().split(':');
    let hour: i8 = p.next()?.parse().ok()?;
    let minute: i8 = p.next()?.parse().ok()?;
    let second: i8 = match p.next() {
        Some(s) => s.parse().ok()?,
        None => 0,
    };
    if p.next().is_some() {
        return None;
    }
    Some(date.to_datetime(jiff::civil::Time::new(hour, minute, second, 0).ok()?))
}

/// The value of a `datetime-local` field for an instant: `2026-12-07T14:30` in Timișoara.
pub fn field_value(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| {
            t.to_zoned(crate::time::bucharest())
                .strftime("%Y-%m-%dT%H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// An optional id: a JSON number, or a form's text (empty is none; anything else not a positive
/// integer is refused by serde, naming the field).
pub fn opt_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum IdOrText {
        Id(i64),
        Text(String),
    }
    match Option::<IdOrText>::deserialize(d)? {
        None => Ok(None),
        Some(IdOrText::Id(n)) if n > 0 => Ok(Some(n)),
        Some(IdOrText::Text(t)) if t.trim().is_empty() => Ok(None),
        Some(IdOrText::Text(t)) => match t.trim().parse::<i64>() {
            Ok(n) if n > 0 => Ok(Some(n)),
            _ => Err(serde::de::Error::custom("not an id")),
        },
        Some(IdOrText::Id(_)) => Err(serde::de::Error::custom("not an id")),
    }
}

/// An id from a page form's field: empty is none; anything else not a positive integer is a 400
/// naming `id`.
pub fn form_id(v: Option<&str>) -> AppResult<Option<i64>> {
    match v.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => crate::http::extract::id(t).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NOW: i64 = 1_893_456_000_000; // 2030-01-01

    #[test]
    fn reads_both_forms_in_bucharest_time() {
        let iso = local_instant(Some("2026-12-07T14:30".into()), "at", NOW).expect("iso");
        let ro = local_instant(Some("07.12.2026 14:30".into()), "at", NOW).expect("ro");
        assert_eq!(iso, ro);
        // 14:30 in Timișoara in winter is 12:30 UTC.
        assert_eq!(iso, Some(1_796_646_600_000));
        assert_eq!(field_value(iso.expect("some")), "2026-12-07T14:30");
        assert_eq!(
            local_instant(Some("  ".into()), "at", NOW).expect("empty"),
            None
        );
    }

    #[test]
    fn refuses_what_is_not_an_instant_or_is_ahead() {
        for bad in [
            "2026-12-07",
            "31.02.2026 10:00",
            "2026-12-07T25:00",
            "x",
            "07.12.2026 10:00:00:00",
        ] {
            assert!(local_instant(Some(bad.into()), "at", NOW).is_err(), "{bad}");
        }
        assert!(local_instant(Some("2031-01-01T00:00".into()), "at", NOW).is_err());
    }

    proptest! {
        #[test]
        fn any_text_is_read_or_refused_without_panic(s in "\\PC{0,40}") {
            let _ = local_instant(Some(s), "at", NOW);
        }

        #[test]
        fn a_field_value_reads_back(ms in 0i64..NOW) {
            let minute = ms - ms.rem_euclid(60_000);
            let back = local_instant(Some(field_value(minute)), "at", NOW).expect("reads");
            // An hour repeated when the clocks go back may read as its first instance.
            let back = back.expect("some");
            prop_assert!(back == minute || back == minute - 3_600_000, "{minute} {back}");
        }
    }
}
