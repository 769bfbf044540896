//! The role homes: each person sees what waits for them and what is overdue, each count a link
//! to the list that holds it; a crew's home is its phone view.

use reqwest::StatusCode;
use serde_json::json;
use veghe::auth::Role;

use crate::both;
use crate::helpers::fixtures::{HEADER, good_row, import_sanctions, routed_case};
use crate::helpers::known::{Known, put};

/// The count shown on the home page's link to `href`, if there is one.
fn count_at(page: &str, href: &str) -> Option<i64> {
    let start = format!("<a href=\"{href}\"><span class=\"work-count\">");
    let at = page.find(&start)? + start.len();
    page[at..].split('<').next()?.trim().parse().ok()
}

both!(
    the_head_of_service_sees_incidents_petitions_and_plans_waiting,
    |app| {
        // Arrange: two open incidents (one urgent), a petition past its legal deadline, a plan with
        // a task overdue.
        let disp = app.api("disp", Role::Dispatcher).await;
        for priority in [1, 2] {
            let (s, _) = disp
            .post(
                "/api/v1/incidents",
                json!({"type": "noise", "priority": priority, "address": "Strada Alba Iulia nr. 2", "description": "Muzică tare"}),
            )
            .await;
            assert_eq!(s, StatusCode::CREATED);
        }
        let mut late = Known::new(7, "2026-01-05", "2026-02-04");
        late.status = "routed";
        put(&app.db, &late).await;
        let (s, _) = disp
            .post("/api/v1/plans", json!({"template": "flood"}))
            .await;
        assert_eq!(s, StatusCode::CREATED);
        sqlx::query("UPDATE plan_tasks SET due_at = 1000")
            .execute(app.db.pool())
            .await
            .expect("late tasks");
        let tasks = app.count("SELECT COUNT(*) FROM plan_tasks").await;

        // Act
        let head = app.signed_in("sef", Role::HeadOfService).await;
        let page = head.get("/").await.text().await.expect("home");

        // Assert
        assert_eq!(count_at(&page, "/board"), Some(1), "priority 1 first");
        assert!(page.contains("data-work=\"incidents\""));
        assert_eq!(count_at(&page, "/registry?overdue=true"), Some(1));
        assert!(page.contains("class=\"work-overdue\""), "overdue marked");
        assert!(
            page.contains("href=\"/registry/dashboard\""),
            "the dashboard is linked"
        );
        assert_eq!(count_at(&page, "/plans"), Some(tasks), "every task overdue");

        // Management reads the same, without the dashboard its role may not open.
        let boss = app.signed_in("conducere", Role::Management).await;
        let page = boss.get("/").await.text().await.expect("home");
        assert_eq!(count_at(&page, "/registry?overdue=true"), Some(1));
        assert!(!page.contains("href=\"/registry/dashboard\""));
    }
);

both!(the_registry_clerk_sees_entries_to_route, |app| {
    let clerk = app.api("clerk", Role::RegistryClerk).await;
    let (s, _) = clerk
        .post("/api/v1/petitions", crate::helpers::fixtures::petition())
        .await;
    assert_eq!(s, StatusCode::CREATED);

    let page = app
        .signed_in("clerk2", Role::RegistryClerk)
        .await
        .get("/")
        .await
        .text()
        .await
        .expect("home");

    assert_eq!(count_at(&page, "/registry?status=registered"), Some(1));
    assert_eq!(count_at(&page, "/registry?overdue=true"), Some(0));
    assert!(page.contains("href=\"/registry/new\""));
});

both!(
    a_department_officer_sees_the_cases_of_their_department,
    |app| {
        let _case = routed_case(&app).await;
        // The officer of the case signs in with a browser (the fixture made the account).
        let other = app.signed_in("ofiter2", Role::DepartmentOfficer).await;
        let page = other.get("/").await.text().await.expect("home");
        assert!(page.contains("data-work=\"department\""));
        assert_eq!(count_at(&page, "/queue"), None, "not a member: no counts");

        let (s, _) = _case
            .head
            .post(
                "/api/v1/registry/departments/ordine_publica/members",
                json!({"username": "ofiter2"}),
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        let page = other.get("/").await.text().await.expect("home");
        let open = page.find("href=\"/queue\"><span class=\"work-count\">");
        assert!(open.is_some(), "counts link to the queue");
        assert!(
            page.contains("<a href=\"/queue\"><span class=\"work-count\">1</span>"),
            "the routed case is open"
        );
    }
);

both!(the_analyst_sees_the_latest_imports, |app| {
    let analyst = app.api("ana", Role::Analyst).await;
    let csv = format!("{HEADER}\n{}\n{}\n", good_row(1), good_row(2));
    let (s, v) = import_sanctions(&analyst, "noiembrie.csv", "valid", csv.into_bytes()).await;
    assert_eq!(s, StatusCode::OK, "{v}");

    let page = app
        .signed_in("ana2", Role::Analyst)
        .await
        .get("/")
        .await
        .text()
        .await
        .expect("home");

    assert!(page.contains("data-work=\"imports\""));
    assert!(page.contains("noiembrie.csv"), "the import is listed");
    assert!(page.contains("href=\"/activity/quality\""));
});

both!(a_crew_goes_straight_to_its_phone_view, |app| {
    let crew = app.signed_in("pl201", Role::Crew).await;
    let r = crew.get("/").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers().get("location").and_then(|v| v.to_str().ok()),
        Some("/crew")
    );
});
