//! The operational figures and charts of the home page: open incidents, the last day, the month
//! so far against the same days a year ago; incidents by month (the current, partial month drawn
//! apart and named), by type and by hour.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use veghe_docs::svg::{self, BarChart, LineChart, Marker, Series};

use super::count;
use super::texts::T;
use crate::db::{Db, now_ms};
use crate::error::AppResult;
use crate::web::{Lang, Shell};

/// A headline number.
pub struct Figure {
    pub value: String,
    pub label: &'static str,
    pub note: Option<String>,
}

fn tz() -> TimeZone {
    crate::time::bucharest()
}

fn start_of(date: Date) -> i64 {
    date.to_zoned(tz())
        .map(|z| z.timestamp().as_millisecond())
        .unwrap_or_default()
}

fn month_label(date: Date, lang: Lang) -> String {
    const RO: [&str; 12] = [
        "ian", "feb", "mar", "apr", "mai", "iun", "iul", "aug", "sep", "oct", "nov", "dec",
    ];
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let names = if lang == Lang::Ro { RO } else { EN };
    let m = usize::try_from(date.month() - 1).unwrap_or(0);
    format!("{} {}", names[m.min(11)], date.year() % 100)
}

pub async fn operations(
    db: &Db,
    shell: &Shell,
    t: &T,
    figures: &mut Vec<Figure>,
    charts: &mut Vec<String>,
) -> AppResult<()> {
    let now = now_ms();
    let tr = shell.tr;
    let open = count(
        db,
        "SELECT COUNT(*) AS n FROM incidents WHERE status NOT IN ('closed', 'cancelled')",
        &[],
    )
    .await?;
    let last_day = count(
        db,
        "SELECT COUNT(*) AS n FROM incidents WHERE received_at > $1",
        &[now - 86_400_000],
    )
    .await?;
    let today = jiff::Timestamp::from_millisecond(now)
        .unwrap_or_default()
        .to_zoned(tz())
        .date();
    let month_start = today.first_of_month();
    let month_to_date = count(
        db,
        "SELECT COUNT(*) AS n FROM incidents WHERE received_at >= $1 AND received_at < $2",
        &[start_of(month_start), now],
    )
    .await?;
    let year_ago = today.saturating_sub(jiff::Span::new().years(1));
    let last_year = count(
        db,
        "SELECT COUNT(*) AS n FROM incidents WHERE received_at >= $1 AND received_at < $2",
        &[
            start_of(year_ago.first_of_month()),
            start_of(year_ago) + (now - start_of(today)),
        ],
    )
    .await?;
    figures.push(Figure {
        value: open.to_string(),
        label: tr.open_incidents,
        note: None,
    });
    figures.push(Figure {
        value: last_day.to_string(),
        label: tr.last_24h,
        note: None,
    });
    figures.push(Figure {
        value: month_to_date.to_string(),
        label: tr.this_month,
        note: Some(format!("{last_year} — {}", tr.same_month_last_year)),
    });

    // Incidents by month, the last 36 months: the full ones as one line, the current (partial)
    // month as a second, dashed stretch from the last full month, marked and named.
    let mut labels = Vec::new();
    let mut values = Vec::new();
    for back in (0..36).rev() {
        let first = month_start.saturating_sub(jiff::Span::new().months(back));
        let next = first.saturating_add(jiff::Span::new().months(1));
        let n = count(
            db,
            "SELECT COUNT(*) AS n FROM incidents WHERE received_at >= $1 AND received_at < $2",
            &[start_of(first), start_of(next)],
        )
        .await?;
        labels.push(month_label(first, shell.lang));
        values.push(n as f64);
    }
    let (full, current) = split_current(&values);
    let last = labels.len().saturating_sub(1);
    if let Some(l) = labels.last_mut() {
        *l = format!("{l} ({})", t.current_month);
    }
    charts.push(svg::line_chart_marked(
        &LineChart {
            title: tr.incidents_by_month.to_string(),
            description: format!(
                "{}; {}: {}",
                tr.incidents_by_month,
                t.current_month,
                values.last().copied().unwrap_or_default()
            ),
            labels,
            series: vec![
                Series {
                    name: format!("{} ({})", tr.incidents, t.full_months),
                    values: full,
                },
                Series {
                    name: format!("{} ({})", tr.incidents, t.current_month),
                    values: current,
                },
            ],
            band: None,
            width: 900,
            height: 280,
            unit: tr.incidents.to_string(),
        },
        &[Marker {
            index: last,
            label: t.current_month.to_string(),
        }],
    ));

    // By type, last 30 days.
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT type, COUNT(*) AS n FROM incidents WHERE received_at > $1 GROUP BY type ORDER BY n DESC",
    )
    .bind(now - 30 * 86_400_000)
    .fetch_all(db.pool())
    .await?;
    let types = crate::dispatch::catalogue::load(db).await?;
    let mut labels = Vec::new();
    let mut values = Vec::new();
    for (code, n) in &rows {
        labels.push(types.label(code, shell.lang));
        values.push(*n as f64);
    }
    charts.push(svg::bar_chart(&BarChart {
        title: tr.incidents_by_type.to_string(),
        description: tr.incidents_by_type.to_string(),
        labels,
        values,
        width: 900,
        height: 320,
        unit: tr.incidents.to_string(),
    }));

    // By hour of day (local time), last 90 days.
    let received: Vec<i64> =
        sqlx::query_scalar("SELECT received_at FROM incidents WHERE received_at > $1")
            .bind(now - 90 * 86_400_000)
            .fetch_all(db.pool())
            .await?;
    let zone = tz();
    let mut hours = [0f64; 24];
    for at in received {
        if let Ok(ts) = jiff::Timestamp::from_millisecond(at) {
            let h = usize::try_from(ts.to_zoned(zone.clone()).hour()).unwrap_or(0);
            hours[h.min(23)] += 1.0;
        }
    }
    charts.push(svg::bar_chart(&BarChart {
        title: tr.incidents_by_hour.to_string(),
        description: tr.incidents_by_hour.to_string(),
        labels: (0..24).map(|h| format!("{h:02}")).collect(),
        values: hours.to_vec(),
        width: 900,
        height: 260,
        unit: tr.incidents.to_string(),
    }));
    Ok(())
}

/// The months' counts as two lines: the full months (the last left out) and the current month
/// joined to the last full one, so the partial month reads as its own dashed stretch.
pub fn split_current(values: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let n = values.len();
    let mut full = values.to_vec();
    let mut current = vec![f64::NAN; n];
    if n > 0 {
        full[n - 1] = f64::NAN;
        current[n - 1] = values[n - 1];
        if n > 1 {
            current[n - 2] = values[n - 2];
        }
    }
    (full, current)
}

#[cfg(test)]
mod tests {
    use super::split_current;

    #[test]
    fn the_current_month_is_its_own_stretch() {
        let (full, current) = split_current(&[3.0, 4.0, 1.0]);
        assert_eq!(&full[..2], &[3.0, 4.0]);
        assert!(full[2].is_nan());
        assert!(current[0].is_nan());
        assert_eq!(&current[1..], &[4.0, 1.0]);
    }
}
