//! The home dashboard: what each role needs to see first when it signs in. It composes the
//! features' figures, so it sits beside the route table rather than in the page frame.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use veghe_docs::svg::{self, BarChart, LineChart, Series};

use crate::AppState;
use crate::auth::{Role, groups};
use crate::db::{Db, now_ms};
use crate::error::AppResult;
use crate::web::{Lang, Shell, render};

/// A headline number.
pub struct Figure {
    pub value: String,
    pub label: &'static str,
    pub note: Option<String>,
}

#[derive(Template)]
#[template(path = "web/home.html")]
struct HomePage {
    shell: Shell,
    figures: Vec<Figure>,
    charts: Vec<String>,
}

pub async fn home(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    let role = shell.user.as_ref().map(|u| u.role);
    let mut figures = Vec::new();
    let mut charts = Vec::new();
    if role.is_some_and(|r| groups::OPERATIONS_READ.contains(&r)) {
        operations(&state.db, &shell, &mut figures, &mut charts).await?;
    }
    if role == Some(Role::Administrator) {
        let users: i64 = count(&state.db, "SELECT COUNT(*) AS n FROM users", &[]).await?;
        let audit: i64 = count(
            &state.db,
            "SELECT seq AS n FROM audit_head WHERE id = 1",
            &[],
        )
        .await?;
        figures.push(Figure {
            value: users.to_string(),
            label: shell.tr.accounts,
            note: None,
        });
        figures.push(Figure {
            value: audit.to_string(),
            label: shell.tr.audit_entries,
            note: None,
        });
    }
    render(&HomePage {
        shell,
        figures,
        charts,
    })
}

async fn count(db: &Db, sql: &'static str, binds: &[i64]) -> AppResult<i64> {
    let mut q = sqlx::query_scalar(sql);
    for b in binds {
        q = q.bind(*b);
    }
    Ok(q.fetch_optional(db.pool()).await?.unwrap_or(0))
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

async fn operations(
    db: &Db,
    shell: &Shell,
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

    // Incidents by month, the last 36 full or current months.
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
    charts.push(svg::line_chart(&LineChart {
        title: tr.incidents_by_month.to_string(),
        description: tr.incidents_by_month.to_string(),
        labels,
        series: vec![Series {
            name: tr.incidents.to_string(),
            values,
        }],
        band: None,
        width: 900,
        height: 280,
        unit: tr.incidents.to_string(),
    }));

    // By type, last 30 days.
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT type, COUNT(*) AS n FROM incidents WHERE received_at > $1 GROUP BY type ORDER BY n DESC",
    )
    .bind(now - 30 * 86_400_000)
    .fetch_all(db.pool())
    .await?;
    let mut labels = Vec::new();
    let mut values = Vec::new();
    for (code, n) in &rows {
        labels.push(crate::dispatch::catalogue::type_label(code, shell.lang).to_string());
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
