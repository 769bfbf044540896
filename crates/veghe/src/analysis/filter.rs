//! The filter every analysis shares (type, period, neighbourhood, hours, weekdays, school hours),
//! parsed from the query string, and the stored incidents it selects, in local time.

use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use veghe_analytics::series::calendar::{civil_from_days, days_from_civil};

use crate::db::{Db, now_ms};
use crate::error::{AppError, AppResult};
use crate::web::Lang;

/// Every query parameter of the analysis pages and API, all optional, as typed.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RawQuery {
    /// Incident type code (e.g. `furt`); empty: all types.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// First day, `YYYY-MM-DD` (default: three years before `to`).
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`, included (default: today).
    pub to: Option<String>,
    /// Neighbourhood name as stored on incidents.
    pub area: Option<String>,
    /// Hour range start, 0–23 (local time).
    pub hour_from: Option<String>,
    /// Hour range end, 1–24, excluded; a range like 22→6 wraps past midnight.
    pub hour_to: Option<String>,
    /// Weekdays, 1 = Monday … 7 = Sunday, comma separated.
    pub weekday: Option<String>,
    /// `1`: only school hours (Monday–Friday 07–15, September–June).
    pub school: Option<String>,
    /// Hot spots: cell side in metres (100–2000, default 250).
    pub cell: Option<String>,
    /// Hot spots: KDE bandwidth in metres (default: normal-reference rule).
    pub bandwidth: Option<String>,
    /// Trends: `week` or `month` (default week).
    pub period: Option<String>,
    /// Near repeat: distance band in metres (default 100).
    pub distance_band: Option<String>,
    /// Near repeat: time band in days (default 7).
    pub time_band: Option<String>,
    /// Near repeat: iterations (default 20, at most 999).
    pub iterations: Option<String>,
}

/// A checked filter.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Filter {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// First day included (ISO date).
    pub from: String,
    /// Last day included (ISO date).
    pub to: String,
    pub area: Option<String>,
    pub hour_from: Option<u32>,
    pub hour_to: Option<u32>,
    /// 1 = Monday … 7 = Sunday; empty: every day.
    pub weekdays: Vec<u32>,
    pub school: bool,
    #[serde(skip)]
    pub from_day: i64,
    #[serde(skip)]
    pub to_day: i64,
}

/// A stored incident as the filter reads it: type, lat, lon, neighbourhood, received_at.
type Selected = (String, Option<f64>, Option<f64>, Option<String>, i64);

/// One selected incident.
#[derive(Clone, Debug)]
pub struct Incident {
    pub kind: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub area: Option<String>,
    /// Local day, days since 1970-01-01.
    pub day: i64,
}

fn text(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A number in a range, or 400 naming the field.
pub fn number<T: std::str::FromStr + PartialOrd + Copy + std::fmt::Display>(
    v: &Option<String>,
    field: &'static str,
    lo: T,
    hi: T,
    default: T,
) -> AppResult<T> {
    match text(v) {
        None => Ok(default),
        Some(t) => t
            .parse::<T>()
            .ok()
            .filter(|n| *n >= lo && *n <= hi)
            .ok_or_else(|| {
                AppError::bad(
                    field,
                    format!("{field}: `{t}` must be between {lo} and {hi}"),
                )
            }),
    }
}

/// Day number of an ISO date.
pub fn parse_iso(t: &str) -> Option<i64> {
    let d = t.trim().parse::<jiff::civil::Date>().ok()?;
    Some(days_from_civil(
        i64::from(d.year()),
        d.month() as u32,
        d.day() as u32,
    ))
}

fn day(v: &Option<String>, field: &'static str) -> AppResult<Option<i64>> {
    let Some(t) = text(v) else { return Ok(None) };
    let d = t
        .parse::<jiff::civil::Date>()
        .map_err(|_| AppError::bad(field, format!("{field}: `{t}` is not a date (YYYY-MM-DD)")))?;
    Ok(Some(days_from_civil(
        i64::from(d.year()),
        d.month() as u32,
        d.day() as u32,
    )))
}

fn tz() -> TimeZone {
    crate::time::bucharest()
}

/// Today's local day number.
pub fn today() -> i64 {
    local(now_ms()).0
}

/// (local day, hour 0–23, weekday 1–7) of a time in milliseconds.
pub fn local(ms: i64) -> (i64, u32, u32) {
    let Ok(ts) = jiff::Timestamp::from_millisecond(ms) else {
        return (0, 0, 1);
    };
    let z = ts.to_zoned(tz());
    let d = days_from_civil(i64::from(z.year()), z.month() as u32, z.day() as u32);
    (
        d,
        z.hour() as u32,
        z.weekday().to_monday_one_offset() as u32,
    )
}

/// Milliseconds of local midnight starting `day`.
pub fn day_start_ms(day: i64) -> i64 {
    let (y, m, d) = civil_from_days(day);
    jiff::civil::Date::new(y as i16, m as i8, d as i8)
        .ok()
        .and_then(|date| date.to_zoned(tz()).ok())
        .map_or(day * 86_400_000, |z| z.timestamp().as_millisecond())
}

/// ISO text of a day number.
pub fn iso(day: i64) -> String {
    veghe_analytics::series::calendar::iso_date(day)
}

impl Filter {
    pub fn parse(q: &RawQuery) -> AppResult<Filter> {
        let to_day = day(&q.to, "to")?.unwrap_or_else(today);
        let from_day = day(&q.from, "from")?.unwrap_or(to_day - 3 * 365);
        if from_day > to_day {
            return Err(AppError::bad(
                "from",
                "from: the first day is after the last",
            ));
        }
        let hour_from = text(&q.hour_from)
            .map(|_| number(&q.hour_from, "hour_from", 0u32, 23, 0))
            .transpose()?;
        let hour_to = text(&q.hour_to)
            .map(|_| number(&q.hour_to, "hour_to", 1u32, 24, 24))
            .transpose()?;
        let mut weekdays = Vec::new();
        if let Some(w) = text(&q.weekday) {
            for part in w.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                let d = part.parse::<u32>().ok().filter(|d| (1..=7).contains(d));
                let d = d.ok_or_else(|| {
                    AppError::bad(
                        "weekday",
                        format!("weekday: `{part}` is not 1 (Monday) … 7 (Sunday)"),
                    )
                })?;
                if !weekdays.contains(&d) {
                    weekdays.push(d);
                }
            }
            weekdays.sort_unstable();
        }
        let school = match text(&q.school) {
            None | Some("0" | "false" | "off") => false,
            Some("1" | "true" | "on") => true,
            Some(t) => {
                return Err(AppError::bad(
                    "school",
                    format!("school: `{t}` is not 1 or 0"),
                ));
            }
        };
        Ok(Filter {
            kind: text(&q.kind).map(str::to_string),
            from: iso(from_day),
            to: iso(to_day),
            area: text(&q.area).map(str::to_string),
            hour_from,
            hour_to,
            weekdays,
            school,
            from_day,
            to_day,
        })
    }

    /// Days in the window.
    pub fn days(&self) -> i64 {
        self.to_day - self.from_day + 1
    }

    fn keeps(&self, day: i64, hour: u32, weekday: u32) -> bool {
        let (from, to) = (self.hour_from.unwrap_or(0), self.hour_to.unwrap_or(24));
        let in_hours = if from < to {
            hour >= from && hour < to
        } else {
            hour >= from || hour < to
        };
        let month = civil_from_days(day).1;
        let school_ok =
            !self.school || (weekday <= 5 && (7..15).contains(&hour) && !(7..=8).contains(&month));
        in_hours && school_ok && (self.weekdays.is_empty() || self.weekdays.contains(&weekday))
    }

    /// The query string that reproduces this filter (for links and exports).
    pub fn query(&self) -> String {
        let mut pairs: Vec<(&str, String)> =
            vec![("from", self.from.clone()), ("to", self.to.clone())];
        if let Some(k) = &self.kind {
            pairs.push(("type", k.clone()));
        }
        if let Some(a) = &self.area {
            pairs.push(("area", a.clone()));
        }
        if let Some(h) = self.hour_from {
            pairs.push(("hour_from", h.to_string()));
        }
        if let Some(h) = self.hour_to {
            pairs.push(("hour_to", h.to_string()));
        }
        if !self.weekdays.is_empty() {
            let w: Vec<String> = self.weekdays.iter().map(u32::to_string).collect();
            pairs.push(("weekday", w.join(",")));
        }
        if self.school {
            pairs.push(("school", "1".into()));
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }

    /// One sentence stating the data window and every condition.
    pub fn describe(&self, lang: Lang, types: &crate::dispatch::catalogue::Types) -> String {
        let ro = lang == Lang::Ro;
        let mut parts = vec![if ro {
            format!(
                "Incidente primite între {} și {} ({} zile)",
                self.from,
                self.to,
                self.days()
            )
        } else {
            format!(
                "Incidents received from {} to {} ({} days)",
                self.from,
                self.to,
                self.days()
            )
        }];
        let all = if ro { "toate" } else { "all" };
        parts.push(format!(
            "{}: {}",
            if ro { "tip" } else { "type" },
            self.kind
                .as_deref()
                .map_or_else(|| all.to_string(), |k| types.label(k, lang))
        ));
        parts.push(format!(
            "{}: {}",
            if ro { "zonă" } else { "area" },
            self.area.as_deref().map_or_else(
                || (if ro { "tot orașul" } else { "whole city" }).to_string(),
                super::texts::area_name
            )
        ));
        if self.hour_from.is_some() || self.hour_to.is_some() {
            let h = format!(
                "{:02}–{:02}",
                self.hour_from.unwrap_or(0),
                self.hour_to.unwrap_or(24)
            );
            parts.push(format!("{}: {h}", if ro { "ore" } else { "hours" }));
        }
        if !self.weekdays.is_empty() {
            let w: Vec<String> = self.weekdays.iter().map(u32::to_string).collect();
            parts.push(format!(
                "{}: {}",
                if ro {
                    "zile (1 = luni)"
                } else {
                    "weekdays (1 = Monday)"
                },
                w.join(", ")
            ));
        }
        if self.school {
            parts.push(if ro {
                "doar program școlar (L–V 07–15, sept.–iun.)".into()
            } else {
                "school hours only (Mon–Fri 07–15, Sept–June)".into()
            });
        }
        parts.join("; ")
    }

    /// The incidents the filter selects, oldest first.
    pub async fn load(&self, db: &Db) -> AppResult<Vec<Incident>> {
        let mut sql = String::from(
            "SELECT type, lat, lon, neighbourhood, received_at FROM incidents WHERE received_at >= $1 AND received_at < $2",
        );
        let mut binds: Vec<&str> = Vec::new();
        if let Some(k) = &self.kind {
            binds.push(k);
            sql.push_str(&format!(" AND type = ${}", binds.len() + 2));
        }
        if let Some(a) = &self.area {
            binds.push(a);
            sql.push_str(&format!(" AND neighbourhood = ${}", binds.len() + 2));
        }
        sql.push_str(" ORDER BY received_at");
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(day_start_ms(self.from_day))
            .bind(day_start_ms(self.to_day + 1));
        for b in binds {
            q = q.bind(b);
        }
        let rows: Vec<Selected> = q.fetch_all(db.pool()).await.map_err(anyhow::Error::from)?;
        let mut out = Vec::with_capacity(rows.len());
        for (kind, lat, lon, area, ms) in rows {
            let (day, hour, weekday) = local(ms);
            if !self.keeps(day, hour, weekday) {
                continue;
            }
            out.push(Incident {
                kind,
                lat,
                lon,
                area,
                day,
            });
        }
        Ok(out)
    }
}

/// A cheap signature of the stored incidents: results cached under it are still true.
pub async fn data_signature(db: &Db) -> AppResult<String> {
    let (n, m, t): (i64, i64, i64) = sqlx::query_as(
        "SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS m, COALESCE(MAX(received_at), 0) AS t FROM incidents",
    )
    .fetch_one(db.pool())
    .await
    .map_err(anyhow::Error::from)?;
    Ok(format!("{n}:{m}:{t}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_fields_are_named_and_good_ones_kept() {
        let q = RawQuery {
            from: Some("2025-01-01".into()),
            to: Some("2025-01-31".into()),
            hour_from: Some("22".into()),
            hour_to: Some("6".into()),
            weekday: Some("6,7".into()),
            ..RawQuery::default()
        };
        let f = Filter::parse(&q).expect("good");
        assert_eq!(f.days(), 31);
        assert!(f.keeps(f.from_day, 23, 6) && f.keeps(f.from_day, 2, 7));
        assert!(!f.keeps(f.from_day, 12, 6) && !f.keeps(f.from_day, 23, 1));
        let bad = RawQuery {
            weekday: Some("8".into()),
            ..RawQuery::default()
        };
        assert!(matches!(
            Filter::parse(&bad),
            Err(AppError::BadRequest {
                field: Some("weekday"),
                ..
            })
        ));
        let bad = RawQuery {
            from: Some("2025-13-01".into()),
            ..RawQuery::default()
        };
        assert!(matches!(
            Filter::parse(&bad),
            Err(AppError::BadRequest {
                field: Some("from"),
                ..
            })
        ));
    }
}
