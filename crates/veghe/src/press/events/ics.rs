//! The public calendar as iCalendar (RFC 5545), written by hand: CRLF line ends, lines folded at
//! 75 octets on character boundaries, TEXT values escaped, times in Europe/Bucharest with its
//! VTIMEZONE (the EU rules: summer time from the last Sunday of March, 03:00, to the last Sunday of
//! October, 04:00). Pure: no database, no clock.

use jiff::Timestamp;

/// The longest physical line, in octets, without its CRLF.
pub const MAX_OCTETS: usize = 75;

/// One event as the calendar shows it.
pub struct CalEvent<'a> {
    /// Stable across feeds, e.g. `press-event-7@veghe`.
    pub uid: String,
    /// When this feed was made (epoch ms).
    pub stamp_ms: i64,
    pub start_ms: i64,
    pub end_ms: i64,
    pub summary: &'a str,
    pub location: &'a str,
    pub description: &'a str,
    pub cancelled: bool,
}

const TIMEZONE: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Bucharest",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0300",
    "TZNAME:EEST",
    "DTSTART:19700329T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0300",
    "TZOFFSETTO:+0200",
    "TZNAME:EET",
    "DTSTART:19701025T040000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// A TEXT value escaped: `\` `;` `,` and line ends (CRLF, CR or LF become `\n`).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// One content line folded: physical lines of at most 75 octets, each after the first starting
/// with a space, never cutting a UTF-8 character; every line ends in CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > MAX_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

/// The content lines of folded text: each continuation (CRLF then a space or tab) joined back.
pub fn unfold(text: &str) -> Vec<String> {
    let joined = text.replace("\r\n ", "").replace("\r\n\t", "");
    joined
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// An instant as the local date-time of Timișoara: `20261207T100000`.
pub fn local(ms: i64) -> String {
    Timestamp::from_millisecond(ms)
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .to_zoned(crate::time::bucharest())
        .strftime("%Y%m%dT%H%M%S")
        .to_string()
}

/// An instant in UTC: `20261207T080000Z`.
pub fn utc(ms: i64) -> String {
    Timestamp::from_millisecond(ms)
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string()
}

/// The whole calendar, named `name`.
pub fn calendar(name: &str, events: &[CalEvent<'_>]) -> String {
    let mut out = String::new();
    let mut line = |l: &str| out.push_str(&fold(l));
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Politia Locala Timisoara//Veghe press events//RO");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape(name)));
    line("X-WR-TIMEZONE:Europe/Bucharest");
    for l in TIMEZONE {
        line(l);
    }
    for e in events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", e.uid));
        line(&format!("DTSTAMP:{}", utc(e.stamp_ms)));
        line(&format!(
            "DTSTART;TZID=Europe/Bucharest:{}",
            local(e.start_ms)
        ));
        line(&format!("DTEND;TZID=Europe/Bucharest:{}", local(e.end_ms)));
        line(&format!("SUMMARY:{}", escape(e.summary)));
        line(&format!("LOCATION:{}", escape(e.location)));
        if !e.description.is_empty() {
            line(&format!("DESCRIPTION:{}", escape(e.description)));
        }
        line(if e.cancelled {
            "STATUS:CANCELLED"
        } else {
            "STATUS:CONFIRMED"
        });
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("a\\b;c,d\r\ne\nf"),
            "a\\\\b\\;c\\,d\\ne\\nf".to_string()
        );
    }

    #[test]
    fn a_short_line_is_left_whole_and_a_long_one_folded_at_75_octets() {
        assert_eq!(fold("SUMMARY:x"), "SUMMARY:x\r\n");
        let long = format!("DESCRIPTION:{}", "a".repeat(200));
        let folded = fold(&long);
        let lines: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
        assert_eq!(lines[0].len(), 75);
        assert!(
            lines[1..]
                .iter()
                .all(|l| l.starts_with(' ') && l.len() <= 75)
        );
        assert_eq!(unfold(&folded), vec![long]);
    }

    #[test]
    fn times_are_local_to_timisoara_across_the_summer_time_change() {
        // 2026-03-28 09:00 UTC is 11:00 EET; 2026-03-30 08:00 UTC is 11:00 EEST.
        let winter = Timestamp::from_second(1_774_688_400)
            .expect("ts")
            .as_millisecond();
        let summer = Timestamp::from_second(1_774_857_600)
            .expect("ts")
            .as_millisecond();
        assert_eq!(local(winter), "20260328T110000");
        assert_eq!(local(summer), "20260330T110000");
        assert_eq!(utc(summer), "20260330T080000Z");
    }

    #[test]
    fn the_calendar_has_its_frame_zone_and_events() {
        let e = CalEvent {
            uid: "press-event-1@veghe".into(),
            stamp_ms: 0,
            start_ms: 1_774_857_600_000,
            end_ms: 1_774_861_200_000,
            summary: "Conferință de presă, lunară",
            location: "Sediul Poliției Locale; sala 2",
            description: "",
            cancelled: true,
        };
        let cal = calendar("Poliția Locală Timișoara", &[e]);
        assert!(cal.ends_with("END:VCALENDAR\r\n"));
        assert!(!cal.replace("\r\n", "").contains('\n'));
        let lines = unfold(&cal);
        for want in [
            "METHOD:PUBLISH",
            "CALSCALE:GREGORIAN",
            "TZID:Europe/Bucharest",
            "DTSTART;TZID=Europe/Bucharest:20260330T110000",
            "SUMMARY:Conferință de presă\\, lunară",
            "LOCATION:Sediul Poliției Locale\\; sala 2",
            "STATUS:CANCELLED",
        ] {
            assert!(lines.iter().any(|l| l == want), "{want}");
        }
        assert!(!lines.iter().any(|l| l.starts_with("DESCRIPTION")));
    }

    proptest::proptest! {
        #[test]
        fn folding_keeps_characters_whole_lines_short_and_unfolds_to_the_original(s in "\\PC{0,400}") {
            let line = format!("DESCRIPTION:{}", escape(&s));
            let folded = fold(&line);
            proptest::prop_assert!(folded.ends_with("\r\n"));
            for physical in folded.trim_end_matches("\r\n").split("\r\n") {
                proptest::prop_assert!(physical.len() <= MAX_OCTETS);
            }
            proptest::prop_assert_eq!(unfold(&folded), vec![line]);
        }
    }
}
