//! The head of service's dashboard: the year's volumes by department and by kind.

use reqwest::StatusCode;
use serde_json::json;
use veghe::auth::Role;

use crate::both;

both!(
    the_dashboard_counts_the_year_by_department_and_kind,
    |app| {
        let clerk = app.api("clerk", Role::RegistryClerk).await;
        let mut ids = Vec::new();
        for kind in ["complaint", "complaint", "request"] {
            let (s, v) = clerk
                .post(
                    "/api/v1/petitions",
                    json!({"channel": "counter", "kind": kind, "petitioner_name": "Ion Popescu",
                          "address": "Str. Florilor 3", "subject": "Parcare pe trotuar",
                          "text": "Mașini pe trotuar."}),
                )
                .await;
            assert_eq!(s, StatusCode::CREATED);
            ids.push(v["id"].as_i64().expect("id"));
        }
        let (s, _) = clerk
            .post(
                &format!("/api/v1/petitions/{}/route", ids[0]),
                json!({"department": "circulatie"}),
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        let head = app.signed_in("sef", Role::HeadOfService).await;
        let r = head.get("/registry/dashboard").await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.expect("page");
        let row = |name: &str| {
            let at = html
                .find(&format!("<th scope=\"row\">{name}</th>"))
                .expect(name);
            html[at..at + html[at..].find("</tr>").expect("row end")].to_string()
        };
        assert!(row("Circulație rutieră").contains("<td>1</td><td>1</td><td>0</td><td>—</td>"));
        assert!(row("—").contains("<td>2</td><td>2</td>"));
        assert!(row("reclamație").contains("<td>2</td>"));
        assert!(row("cerere").contains("<td>1</td>"));
        let r = head.get("/registry/dashboard?year=1900").await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    }
);
