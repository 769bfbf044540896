//! Notifications for the signed-in person (API and page, acknowledge) and the e-mail outbox
//! for oversight.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

use super::Notification;
use super::outbox::Mail;
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::AppResult;
use crate::http::extract::Id;
use crate::web::{Shell, local_time, render};

/// This feature's part of the API description.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(list, acknowledge, outbox),
    components(schemas(Notification, Mail)),
    tags((name = "notifications", description = "In-app notifications and the e-mail outbox"))
)]
pub struct NotifyApi;

pub fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/notifications", Access::SignedIn, list)
        .post(
            "/api/v1/notifications/{id}/acknowledge",
            Access::SignedIn,
            acknowledge,
        )
        .get(
            "/api/v1/mail/outbox",
            Access::Roles(groups::OVERSIGHT),
            outbox,
        )
        .get("/notifications", Access::SignedIn, page)
        .post(
            "/notifications/{id}/acknowledge",
            Access::SignedIn,
            acknowledge_form,
        )
}

/// The caller's notifications, unacknowledged first.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications",
    responses((status = 200, body = [Notification])), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
) -> AppResult<Json<Vec<Notification>>> {
    Ok(Json(super::of_user(&state.db, me.id).await?))
}

/// The caller acknowledges one of their notifications (who and when are recorded).
#[utoipa::path(post, path = "/api/v1/notifications/{id}/acknowledge", tag = "notifications",
    params(("id" = i64, Path)),
    responses((status = 200, body = Notification), (status = 404), (status = 409)), security(("bearer" = [])))]
pub async fn acknowledge(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
) -> AppResult<Json<Notification>> {
    let n = super::acknowledge(&state.db, &me.actor(), id).await?;
    state.live.published();
    Ok(Json(n))
}

/// The e-mail outbox, newest first: each message's state, attempts and last error.
#[utoipa::path(get, path = "/api/v1/mail/outbox", tag = "notifications",
    responses((status = 200, body = [Mail])), security(("bearer" = [])))]
pub async fn outbox(State(state): State<AppState>) -> AppResult<Json<Vec<Mail>>> {
    Ok(Json(super::outbox::list(&state.db, None).await?))
}

struct Row {
    id: i64,
    when: String,
    title: String,
    /// The title is a person's words (a circular's), shown as written in either language.
    own_words: bool,
    body: String,
    link: Option<String>,
    acknowledged: Option<String>,
}

#[derive(Template)]
#[template(path = "notify/notifications.html")]
struct Page {
    shell: Shell,
    rows: Vec<Row>,
}

/// A deadline reminder's title (written in Romanian when it is sent) in the reader's language:
/// `Termen legal depășit (02.12.2026): nr. 1173/30.10.2026` → `Legal deadline passed (…): no. …`.
fn title_in(title: String, lang: crate::web::Lang) -> String {
    if lang == crate::web::Lang::Ro {
        return title;
    }
    // The press office's reminder of a month with no conference: "… în decembrie 2026".
    if let Some(month) = title.strip_prefix("Nicio conferință de presă planificată în ") {
        const MONTHS: [(&str, &str); 12] = [
            ("ianuarie", "January"),
            ("februarie", "February"),
            ("martie", "March"),
            ("aprilie", "April"),
            ("mai", "May"),
            ("iunie", "June"),
            ("iulie", "July"),
            ("august", "August"),
            ("septembrie", "September"),
            ("octombrie", "October"),
            ("noiembrie", "November"),
            ("decembrie", "December"),
        ];
        let (name, year) = month.split_once(' ').unwrap_or((month, ""));
        let name = MONTHS
            .iter()
            .find(|(ro, _)| *ro == name)
            .map_or(name, |(_, en)| en);
        return format!("No press conference planned in {name} {year}")
            .trim_end()
            .to_string();
    }
    const WORDS: [(&str, &str); 9] = [
        ("Termen intern depășit", "Internal deadline passed"),
        ("Termen legal depășit", "Legal deadline passed"),
        (
            "Termenul intern expiră astăzi",
            "The internal deadline is today",
        ),
        (
            "Termenul legal expiră astăzi",
            "The legal deadline is today",
        ),
        (
            "Termenul intern expiră peste",
            "The internal deadline is in",
        ),
        ("Termenul legal expiră peste", "The legal deadline is in"),
        ("1 zi lucrătoare", "1 working day"),
        ("zile lucrătoare", "working days"),
        ("): nr. ", "): no. "),
    ];
    WORDS.iter().fold(title, |t, (ro, en)| t.replace(ro, en))
}

async fn page(State(state): State<AppState>, me: CurrentUser, shell: Shell) -> AppResult<Response> {
    let lang = shell.lang;
    let rows = super::of_user(&state.db, me.id)
        .await?
        .into_iter()
        .map(|n| Row {
            id: n.id,
            when: local_time(n.created_at),
            own_words: n.kind == "circular",
            title: title_in(n.title, lang),
            body: n.body,
            link: n.link,
            acknowledged: n.acknowledged_at.map(local_time),
        })
        .collect();
    render(&Page { shell, rows })
}

async fn acknowledge_form(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
) -> AppResult<Response> {
    super::acknowledge(&state.db, &me.actor(), id).await?;
    state.live.published();
    Ok(Redirect::to("/notifications").into_response())
}

#[cfg(test)]
mod tests {
    use super::title_in;
    use crate::web::Lang;

    #[test]
    fn reminder_titles_read_in_english() {
        let t = "Termen legal depășit (02.12.2026): nr. 1173/30.10.2026".to_string();
        assert_eq!(
            title_in(t.clone(), Lang::En),
            "Legal deadline passed (02.12.2026): no. 1173/30.10.2026"
        );
        assert_eq!(title_in(t.clone(), Lang::Ro), t);
        assert_eq!(
            title_in(
                "Nicio conferință de presă planificată în decembrie 2026".into(),
                Lang::En
            ),
            "No press conference planned in December 2026"
        );
        assert_eq!(
            title_in(
                "Termenul intern expiră peste 5 zile lucrătoare (09.12.2026): nr. 1/2026".into(),
                Lang::En
            ),
            "The internal deadline is in 5 working days (09.12.2026): no. 1/2026"
        );
    }
}
