//! Emergency plans: the seeded templates, activation with owners and due times, tasks ticked
//! (who, when, note) and overdue ones flagged, the plan's own log, the live stream, closing,
//! and the administrators' editing of templates.

use reqwest::StatusCode;
use serde_json::json;
use veghe::auth::Role;

use crate::both;

both!(the_six_calamity_templates_are_seeded, |app| {
    let analyst = app.api("an", Role::Analyst).await;
    let v = analyst.get_ok("/api/v1/plan-templates").await;
    let codes: Vec<&str> = v
        .as_array()
        .expect("templates")
        .iter()
        .filter_map(|t| t["code"].as_str())
        .collect();
    assert_eq!(
        codes,
        [
            "flood",
            "heavy_snow",
            "earthquake",
            "major_fire",
            "chemical_accident",
            "mass_gathering"
        ]
    );
    for t in v.as_array().expect("templates") {
        let tasks = t["tasks"].as_array().expect("tasks");
        assert!(tasks.len() >= 6, "{}", t["code"]);
        assert!(tasks.iter().any(|k| {
            k["title"]
                .as_str()
                .is_some_and(|s| s.contains("ISU") || s.contains("IPJ") || s.contains("IJJ"))
        }));
    }
});

both!(a_plan_is_activated_ticked_logged_and_closed, |app| {
    let disp = app.api("disp", Role::Dispatcher).await;
    let (s, inc) = disp
        .post(
            "/api/v1/incidents",
            json!({"type": "noise", "priority": 1, "address": "Splaiul Tudor Vladimirescu", "description": "Bega iese din matcă"}),
        ).await;
    assert_eq!(s, StatusCode::CREATED);
    let before: (i64,) = sqlx::query_as("SELECT COALESCE(MAX(id), 0) FROM events")
        .fetch_one(app.db.pool())
        .await
        .expect("events");

    let (s, plan) = disp
        .post(
            "/api/v1/plans",
            json!({"template": "flood", "incident_id": inc["id"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{plan}");
    assert_eq!(plan["status"], "active");
    assert_eq!(plan["incident_id"], inc["id"]);
    assert_eq!(plan["incident_reference"], inc["reference"]);
    let tasks = plan["tasks"].as_array().expect("tasks");
    assert_eq!(tasks.len(), 8);
    assert_eq!(tasks[0]["owner_role"], "dispatcher");
    // Due times follow the template's offsets.
    let activated = plan["activated_at"].as_i64().expect("at");
    assert_eq!(tasks[1]["due_at"].as_i64(), Some(activated + 5 * 60_000));
    assert_eq!(tasks[7]["due_at"].as_i64(), Some(activated + 120 * 60_000));

    // A task whose time has passed is flagged overdue.
    let plan_id = plan["id"].as_i64().expect("id");
    let late = tasks[2]["id"].as_i64().expect("task");
    sqlx::query("UPDATE plan_tasks SET due_at = $1 WHERE id = $2")
        .bind(activated - 60_000)
        .bind(late)
        .execute(app.db.pool())
        .await
        .expect("backdate");
    let v = disp.get_ok(&format!("/api/v1/plans/{plan_id}")).await;
    let overdue: Vec<i64> = v["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .filter(|t| t["overdue"] == true)
        .filter_map(|t| t["id"].as_i64())
        .collect();
    // Only the backdated task: the first one, due at activation, is not late the moment the
    // plan starts (its minute has not passed).
    let first = tasks[0]["id"].as_i64().expect("task");
    assert_eq!(overdue, vec![late]);

    // Ticking: who, when, note; once only.
    let (s, after) = disp
        .post(
            &format!("/api/v1/plan-tasks/{first}/done"),
            json!({"note": "ISU a confirmat, nr. 1234"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{after}");
    assert_eq!(after["tasks"][0]["done_by"], "disp");
    assert_eq!(after["tasks"][0]["note"], "ISU a confirmat, nr. 1234");
    assert!(after["tasks"][0]["done_at"].is_i64());
    let (s, _) = disp
        .post(&format!("/api/v1/plan-tasks/{first}/done"), json!({}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, _) = disp
        .post(&format!("/api/v1/plan-tasks/{late}/done"), json!({}))
        .await;
    assert_eq!(s, StatusCode::OK);
    let v = disp.get_ok(&format!("/api/v1/plans/{plan_id}")).await;
    assert!(
        v["tasks"]
            .as_array()
            .expect("tasks")
            .iter()
            .all(|t| t["overdue"] == false),
        "a done task is no longer overdue"
    );

    // Closing needs a note; a closed plan takes no more ticks.
    let (s, e) = disp
        .post(
            &format!("/api/v1/plans/{plan_id}/close"),
            json!({"note": " "}),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(e["error"]["field"], "note");
    let (s, closed) = disp
        .post(
            &format!("/api/v1/plans/{plan_id}/close"),
            json!({"note": "Apele s-au retras; circulația reluată"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(closed["status"], "closed");
    let third = tasks[3]["id"].as_i64().expect("task");
    let (s, _) = disp
        .post(&format!("/api/v1/plan-tasks/{third}/done"), json!({}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);

    // The plan's log: every action, time-stamped and attributed.
    let log: Vec<(String, String)> = closed["log"]
        .as_array()
        .expect("log")
        .iter()
        .map(|l| {
            (
                l["action"].as_str().unwrap_or("").to_string(),
                l["actor"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = ["activated", "task_done", "task_done", "closed"]
        .iter()
        .map(|a| (a.to_string(), "disp".to_string()))
        .collect();
    assert_eq!(log, expected);
    assert!(
        closed["log"]
            .as_array()
            .expect("log")
            .iter()
            .all(|l| l["at"].as_i64().is_some_and(|t| t >= activated))
    );

    // The live stream and the audit trail.
    let names: Vec<(String,)> = sqlx::query_as("SELECT name FROM events WHERE id > $1 ORDER BY id")
        .bind(before.0)
        .fetch_all(app.db.pool())
        .await
        .expect("events");
    let names: Vec<&str> = names.iter().map(|n| n.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "plan.activated",
            "plan.task_done",
            "plan.task_done",
            "plan.closed"
        ]
    );
    let (audited,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'plan.%'")
            .fetch_one(app.db.pool())
            .await
            .expect("audit");
    assert_eq!(audited, 4);
});

both!(
    bad_activations_are_refused_naming_the_field_and_nothing_is_saved,
    |app| {
        let disp = app.api("disp", Role::Dispatcher).await;
        for (body, field) in [
            (json!({"template": "tsunami"}), "template"),
            (
                json!({"template": "flood", "incident_id": 424242}),
                "incident_id",
            ),
            (json!({"incident_id": 1}), "template"),
        ] {
            let (s, e) = disp.post("/api/v1/plans", body).await;
            assert_eq!(s, StatusCode::BAD_REQUEST, "{field}");
            assert_eq!(e["error"]["field"], field, "{e}");
        }
        for table in ["plans", "plan_tasks", "plan_log"] {
            let (n,): (i64,) =
                sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                    .fetch_one(app.db.pool())
                    .await
                    .expect("count");
            assert_eq!(n, 0, "{table}");
        }
        let analyst = app.api("an", Role::Analyst).await;
        let (s, _) = analyst
            .post("/api/v1/plans", json!({"template": "flood"}))
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
    }
);

both!(
    administrators_edit_templates_and_activations_follow,
    |app| {
        let admin = app.api("adm", Role::Administrator).await;
        let disp = app.api("disp", Role::Dispatcher).await;
        let templates = admin.get_ok("/api/v1/plan-templates").await;
        let snow = templates
            .as_array()
            .expect("templates")
            .iter()
            .find(|t| t["code"] == "heavy_snow")
            .expect("snow")
            .clone();
        let id = snow["id"].as_i64().expect("id");
        let n = snow["tasks"].as_array().expect("tasks").len();

        for (body, field) in [
            (
                json!({"title": "x", "owner_role": "crew", "due_minutes": 10}),
                "title",
            ),
            (
                json!({"title": "Verifică podurile", "owner_role": "pilot", "due_minutes": 10}),
                "owner_role",
            ),
            (
                json!({"title": "Verifică podurile", "owner_role": "crew", "due_minutes": -5}),
                "due_minutes",
            ),
        ] {
            let (s, e) = admin
                .post(&format!("/api/v1/plan-templates/{id}/tasks"), body)
                .await;
            assert_eq!(s, StatusCode::BAD_REQUEST, "{field}");
            assert_eq!(e["error"]["field"], field);
        }
        let (s, _) = disp
            .post(
                &format!("/api/v1/plan-templates/{id}/tasks"),
                json!({"title": "Verifică podurile peste Bega", "owner_role": "crew", "due_minutes": 40}),
            ).await;
        assert_eq!(
            s,
            StatusCode::FORBIDDEN,
            "only administrators edit templates"
        );
        let (s, t) = admin
            .post(
                &format!("/api/v1/plan-templates/{id}/tasks"),
                json!({"title": "Verifică podurile peste Bega", "owner_role": "crew", "due_minutes": 40}),
            ).await;
        assert_eq!(s, StatusCode::CREATED, "{t}");
        let added = t["tasks"].as_array().expect("tasks");
        assert_eq!(added.len(), n + 1);
        let first = added[0]["id"].as_i64().expect("task");
        let (s, t) = admin
            .post(
                &format!("/api/v1/plan-template-tasks/{first}"),
                json!({"title": "Confirmă codul meteo ANM și anunță șeful serviciului", "owner_role": "dispatcher", "due_minutes": 2}),
            ).await;
        assert_eq!(s, StatusCode::OK, "{t}");
        assert_eq!(t["tasks"][0]["due_minutes"], 2);

        let (_, plan) = disp
            .post("/api/v1/plans", json!({"template": "heavy_snow"}))
            .await;
        let tasks = plan["tasks"].as_array().expect("tasks");
        assert_eq!(tasks.len(), n + 1);
        assert!(
            tasks
                .iter()
                .any(|k| k["title"] == "Verifică podurile peste Bega" && k["owner_role"] == "crew")
        );
        assert_eq!(
            tasks[0]["title"],
            "Confirmă codul meteo ANM și anunță șeful serviciului"
        );
        let (audited,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'plan_template.%'")
                .fetch_one(app.db.pool())
                .await
                .expect("audit");
        assert_eq!(audited, 2);
    }
);

both!(the_plan_pages_work_in_the_browser, |app| {
    let b = app.signed_in("disp", Role::Dispatcher).await;
    let r = b
        .post_form("/plans", &[("template", "earthquake"), ("incident", "")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let location = r.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    let page = b.get(&location).await.text().await.expect("page");
    assert!(page.contains("Cutremur"));
    assert!(
        page.contains("/assets/app/live.js") && page.contains("data-live-events=\"plan.task_done"),
        "the page listens to the live stream"
    );
    assert!(
        page.contains("hx-get=\"/plans/"),
        "the tasks refresh themselves"
    );
    let (task,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM plan_tasks")
        .fetch_one(app.db.pool())
        .await
        .expect("task");
    let r = b
        .post_form(
            &format!("/plan-tasks/{task}/done"),
            &[("note", "ISU anunțat")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let live = b
        .get(&format!("{location}/live"))
        .await
        .text()
        .await
        .expect("live");
    assert!(live.contains("ISU anunțat"));
    let r = b
        .post_form(&format!("{location}/close"), &[("note", "")])
        .await;
    assert_eq!(
        r.status(),
        StatusCode::BAD_REQUEST,
        "a closing note is required"
    );
    let list = b.get("/plans").await.text().await.expect("list");
    assert!(list.contains("1 / 9"), "progress shown");
    b.get("/lang?to=en&next=/plans").await;
    let en = b.get("/plans").await.text().await.expect("list");
    assert!(en.contains("Emergency plans") && en.contains("Earthquake"));
});

both!(administrators_edit_template_tasks_on_the_page, |app| {
    let b = app.signed_in("adm", Role::Administrator).await;
    let page = b.get("/plan-templates").await.text().await.expect("page");
    assert!(page.contains("Accident chimic") && page.contains("action=\"/plan-template-tasks/"));
    assert!(
        page.contains("<option value=\"press_officer\" selected>"),
        "each task's owner is preselected"
    );
    let (task, template): (i64, i64) = sqlx::query_as(
        "SELECT k.id, k.template_id FROM plan_template_tasks k JOIN plan_templates t ON t.id = k.template_id WHERE t.code = 'chemical_accident' ORDER BY k.position LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("task");
    let r = b
        .post_form(
            &format!("/plan-template-tasks/{task}"),
            &[
                ("title", "Alertează ISU Banat prin 112"),
                ("owner_role", "dispatcher"),
                ("due_minutes", "oricând"),
                ("position", "1"),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::BAD_REQUEST,
        "a due time that is not a number is refused"
    );
    let r = b
        .post_form(
            &format!("/plan-template-tasks/{task}"),
            &[
                ("title", "Alertează ISU Banat prin 112"),
                ("owner_role", "dispatcher"),
                ("due_minutes", "1"),
                ("position", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = b
        .post_form(
            &format!("/plan-templates/{template}/tasks"),
            &[
                ("title", "Verifică zona după ridicarea perimetrului"),
                ("owner_role", "crew"),
                ("due_minutes", "180"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = b.get("/plan-templates").await.text().await.expect("page");
    assert!(page.contains("Alertează ISU Banat prin 112"));
    assert!(page.contains("Verifică zona după ridicarea perimetrului"));
    let d = app.signed_in("disp", Role::Dispatcher).await;
    let r = d
        .post_form(
            &format!("/plan-template-tasks/{task}"),
            &[
                ("title", "Altceva"),
                ("owner_role", "crew"),
                ("due_minutes", "5"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
});
