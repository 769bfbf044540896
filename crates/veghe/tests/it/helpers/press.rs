//! The press office's records other parts keep (outlets, journalists, press events), written
//! straight into their tables for the tests of accreditations and media requests.

use super::TestApp;

/// A journalist of `outlet` (the outlet added when new), with an e-mail address made from the
/// name; answers the journalist's id.
pub async fn journalist(app: &TestApp, name: &str, outlet: &str) -> i64 {
    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM press_outlets WHERE name = $1")
        .bind(outlet)
        .fetch_optional(app.db.pool())
        .await
        .expect("outlet");
    let outlet_id = match existing {
        Some(id) => id,
        None => sqlx::query_scalar(
            "INSERT INTO press_outlets (name, kind, created_at) VALUES ($1, 'online', 0) RETURNING id",
        )
        .bind(outlet)
        .fetch_one(app.db.pool())
        .await
        .expect("insert outlet"),
    };
    let email = format!("{}@presa.example", name.to_lowercase().replace(' ', "."));
    sqlx::query_scalar(
        "INSERT INTO press_journalists (outlet_id, name, email, created_at) VALUES ($1, $2, $3, 0) RETURNING id",
    )
    .bind(outlet_id)
    .bind(name)
    .bind(email)
    .fetch_one(app.db.pool())
    .await
    .expect("insert journalist")
}

/// A held press conference from `starts_at` for 90 minutes (epoch ms); answers its id.
pub async fn press_event(app: &TestApp, title: &str, starts_at: i64) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO press_events (kind, title, place, starts_at, ends_at, status, created_at) \
         VALUES ('conference', $1, 'Sediul', $2, $3, 'held', 0) RETURNING id",
    )
    .bind(title)
    .bind(starts_at)
    .bind(starts_at + 90 * 60_000)
    .fetch_one(app.db.pool())
    .await
    .expect("insert event")
}
