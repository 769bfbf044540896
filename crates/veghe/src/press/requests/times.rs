//! Response times of media requests per month (received → answered), as the press office's
//! evaluation reports them: how many were received, answered, the median time to the answer, and
//! the share answered within the target (of all received that month: an open request is not
//! within it).

use serde::Serialize;

/// One month's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Month {
    /// `2026-11`, the month the requests were received in (Timișoara).
    pub month: String,
    pub received: usize,
    pub answered: usize,
    /// The median time from receipt to answer, in milliseconds; none when none was answered.
    pub median_ms: Option<i64>,
    /// Answered within the target, of those received (0 to 1).
    pub within_share: f64,
}

/// The median of sorted values: the middle one, or the mean of the two middle ones.
fn median(sorted: &[i64]) -> Option<i64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some(sorted[n / 2 - 1] + (sorted[n / 2] - sorted[n / 2 - 1]) / 2),
    }
}

/// The figures of each month with requests, in order, from (received, answered) instants in
/// epoch ms; an answer recorded before its request is counted as immediate.
pub fn monthly(requests: &[(i64, Option<i64>)], target_ms: i64) -> Vec<Month> {
    let tz = crate::time::bucharest();
    let mut by_month: std::collections::BTreeMap<String, Vec<(i64, Option<i64>)>> =
        std::collections::BTreeMap::new();
    for &(received, answered) in requests {
        let Ok(ts) = jiff::Timestamp::from_millisecond(received) else {
            continue;
        };
        let month = ts.to_zoned(tz.clone()).strftime("%Y-%m").to_string();
        by_month
            .entry(month)
            .or_default()
            .push((received, answered));
    }
    by_month
        .into_iter()
        .map(|(month, rows)| {
            let mut times: Vec<i64> = rows
                .iter()
                .filter_map(|(r, a)| a.map(|a| (a - r).max(0)))
                .collect();
            times.sort_unstable();
            let within = times.iter().filter(|t| **t <= target_ms).count();
            Month {
                month,
                received: rows.len(),
                answered: times.len(),
                median_ms: median(&times),
                within_share: within as f64 / rows.len() as f64,
            }
        })
        .collect()
}

/// A duration as the pages show it: `3 h 20 min`, `45 min`, `2 zile 4 h`.
pub fn duration(ms: i64, days_word: &str) -> String {
    let minutes = ms.max(0) / 60_000;
    let (d, h, m) = (minutes / 1440, (minutes / 60) % 24, minutes % 60);
    match (d, h) {
        (0, 0) => format!("{m} min"),
        (0, _) => format!("{h} h {m} min"),
        _ => format!("{d} {days_word} {h} h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: i64 = 3_600_000;
    // 2026-11-02 10:00 in Timișoara (08:00 UTC).
    const NOV: i64 = 1_793_606_400_000;
    // 2026-12-07 14:30 in Timișoara.
    const DEC: i64 = 1_796_646_600_000;

    #[test]
    fn counts_each_month_with_its_median_and_share_within_the_target() {
        let rows = [
            (NOV, Some(NOV + 2 * H)),
            (NOV + H, Some(NOV + H + 30 * H)),
            (NOV + 2 * H, Some(NOV + 2 * H + 4 * H)),
            (NOV + 3 * H, None),
            (DEC, Some(DEC + 24 * H)),
        ];
        let months = monthly(&rows, 24 * H);
        assert_eq!(months.len(), 2);
        assert_eq!(months[0].month, "2026-11");
        assert_eq!((months[0].received, months[0].answered), (4, 3));
        assert_eq!(months[0].median_ms, Some(4 * H));
        assert!((months[0].within_share - 0.5).abs() < 1e-12);
        // Exactly 24 hours is within the target.
        assert_eq!(months[1].month, "2026-12");
        assert_eq!(months[1].median_ms, Some(24 * H));
        assert!((months[1].within_share - 1.0).abs() < 1e-12);
    }

    #[test]
    fn an_even_count_takes_the_middle_two_and_none_answered_has_no_median() {
        let rows = [(NOV, Some(NOV + H)), (NOV, Some(NOV + 3 * H))];
        assert_eq!(monthly(&rows, 24 * H)[0].median_ms, Some(2 * H));
        let open = monthly(&[(NOV, None)], 24 * H);
        assert_eq!(open[0].median_ms, None);
        assert_eq!(open[0].within_share, 0.0);
        assert!(monthly(&[], 24 * H).is_empty());
    }

    #[test]
    fn durations_read_in_words() {
        assert_eq!(duration(45 * 60_000, "zile"), "45 min");
        assert_eq!(duration(3 * H + 20 * 60_000, "zile"), "3 h 20 min");
        assert_eq!(duration(52 * H, "zile"), "2 zile 4 h");
    }
}
