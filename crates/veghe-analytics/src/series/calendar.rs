//! Weekly (ISO 8601 weeks, Monday to Sunday) and monthly (calendar months) counts from dates given
//! as days since 1970-01-01, every period between the first and the last date present (zero-filled).

use super::SeriesError;

/// The length of one period of a series of counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// ISO 8601 weeks, labelled `2026-W05` (the ISO year, which may differ from the calendar year
    /// for days in the first or last days of January and December).
    Week,
    /// Calendar months, labelled `2026-03`.
    Month,
}

impl Period {
    /// Parses `week` or `month`.
    pub fn parse(text: &str) -> Result<Period, SeriesError> {
        match text {
            "week" | "weekly" => Ok(Period::Week),
            "month" | "monthly" => Ok(Period::Month),
            other => Err(SeriesError::Parameter(format!(
                "`{other}` is not a period (week or month)"
            ))),
        }
    }

    /// The usual season length: 52 weeks or 12 months.
    pub fn season(self) -> usize {
        match self {
            Period::Week => 52,
            Period::Month => 12,
        }
    }

    /// The first day of the period holding `day`.
    pub fn start_of(self, day: i64) -> i64 {
        match self {
            // 1970-01-01 was a Thursday: Monday is three days before.
            Period::Week => day - (day + 3).rem_euclid(7),
            Period::Month => {
                let (y, m, _) = civil_from_days(day);
                days_from_civil(y, m, 1)
            }
        }
    }

    /// The first day of the period after the one starting on `start`.
    pub fn next(self, start: i64) -> i64 {
        match self {
            Period::Week => start + 7,
            Period::Month => {
                let (y, m, _) = civil_from_days(start);
                if m == 12 {
                    days_from_civil(y + 1, 1, 1)
                } else {
                    days_from_civil(y, m + 1, 1)
                }
            }
        }
    }

    /// The label of the period starting on `start`.
    pub fn label(self, start: i64) -> String {
        match self {
            Period::Week => {
                let (y, w) = iso_week(start);
                format!("{y}-W{w:02}")
            }
            Period::Month => {
                let (y, m, _) = civil_from_days(start);
                format!("{y}-{m:02}")
            }
        }
    }
}

/// One period's count.
#[derive(Clone, Debug, PartialEq)]
pub struct Bucket {
    /// `2026-W05` or `2026-03`.
    pub label: String,
    /// The period's first day (days since 1970-01-01).
    pub start: i64,
    pub count: u64,
}

/// Counts per period, from the period of the earliest date to that of the latest, zero-filled.
pub fn aggregate(days: &[i64], period: Period) -> Result<Vec<Bucket>, SeriesError> {
    let (Some(&lo), Some(&hi)) = (days.iter().min(), days.iter().max()) else {
        return Err(SeriesError::Empty);
    };
    let mut starts = vec![period.start_of(lo)];
    let last = period.start_of(hi);
    while let Some(&s) = starts.last()
        && s < last
    {
        starts.push(period.next(s));
    }
    let mut counts = vec![0u64; starts.len()];
    for &d in days {
        let s = period.start_of(d);
        // Starts are increasing: binary search finds the period.
        if let Ok(i) = starts.binary_search(&s) {
            counts[i] += 1;
        }
    }
    Ok(starts
        .into_iter()
        .zip(counts)
        .map(|(start, count)| Bucket {
            label: period.label(start),
            start,
            count,
        })
        .collect())
}

/// (year, month 1–12, day 1–31) of a day count since 1970-01-01 (H. Hinnant's algorithm).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Days since 1970-01-01 of a civil date (the inverse of [`civil_from_days`]).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The ISO 8601 (year, week) of a day: the week's Thursday decides the year.
pub fn iso_week(day: i64) -> (i64, u32) {
    let monday = Period::Week.start_of(day);
    let thursday = monday + 3;
    let (y, _, _) = civil_from_days(thursday);
    let jan1 = days_from_civil(y, 1, 1);
    let week = (thursday - jan1) / 7 + 1;
    (y, week as u32)
}

/// The ISO date text `YYYY-MM-DD` of a day count.
pub fn iso_date(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_and_known_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        for z in -800_000..800_000 {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn iso_weeks_at_year_ends() {
        // 2021-01-03 (Sunday) is in 2020-W53; 2024-12-30 (Monday) is 2025-W01; 2026-01-01 is 2026-W01.
        assert_eq!(iso_week(days_from_civil(2021, 1, 3)), (2020, 53));
        assert_eq!(iso_week(days_from_civil(2021, 1, 4)), (2021, 1));
        assert_eq!(iso_week(days_from_civil(2024, 12, 30)), (2025, 1));
        assert_eq!(iso_week(days_from_civil(2026, 1, 1)), (2026, 1));
        assert_eq!(iso_week(days_from_civil(2026, 11, 29)), (2026, 48));
    }

    #[test]
    fn weekly_and_monthly_counts_are_zero_filled() {
        let d = |y, m, dd| days_from_civil(y, m, dd);
        let days = [
            d(2026, 1, 5),
            d(2026, 1, 11),
            d(2026, 1, 26),
            d(2026, 3, 31),
        ];
        let w = aggregate(&days, Period::Week).expect("weeks");
        assert_eq!(w[0].label, "2026-W02");
        assert_eq!(w[0].count, 2);
        assert_eq!(w[1].count, 0);
        assert_eq!(w[2].label, "2026-W04");
        assert_eq!(w.last().expect("last").label, "2026-W14");
        assert_eq!(w.iter().map(|b| b.count).sum::<u64>(), 4);
        let m = aggregate(&days, Period::Month).expect("months");
        let got: Vec<(&str, u64)> = m.iter().map(|b| (b.label.as_str(), b.count)).collect();
        assert_eq!(got, [("2026-01", 3), ("2026-02", 0), ("2026-03", 1)]);
        assert_eq!(aggregate(&[], Period::Month), Err(SeriesError::Empty));
    }
}
