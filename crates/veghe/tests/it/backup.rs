//! Backup and restore: everything comes back, on the same engine or the other one.

use veghe::auth::Role;
use veghe::db::Db;

use crate::both;
use crate::helpers::{Engine, TestDb};

both!(a_backup_restores_everything_into_an_empty_database, |app| {
    app.create_user("keep", Role::Analyst).await;
    let token = app.token_for("bot", Role::Analyst).await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("backup.jsonl");
    let rows = veghe::backup::backup(&app.db, &file).await.expect("backup");
    assert!(rows >= 4, "{rows}");

    // Restore into a fresh SQLite database, whatever the source engine.
    let target_db = TestDb::new(Engine::Sqlite).await.expect("target");
    let target = Db::open(&target_db.url).await.expect("open");
    let restored = veghe::backup::restore(&target, &file, false)
        .await
        .expect("restore");
    assert_eq!(restored, rows);
    assert!(veghe::auth::users::find(&target, "keep").await.is_ok());
    assert!(
        veghe::auth::tokens::resolve(&target, &token)
            .await
            .expect("resolve")
            .is_some()
    );
    assert_eq!(
        veghe::audit::verify(&target).await.expect("verify"),
        veghe::audit::Verdict::Intact { entries: 3 }
    );
    // A second restore without --force is refused, and changes nothing.
    let again = veghe::backup::restore(&target, &file, false).await;
    assert!(
        again
            .expect_err("refused")
            .to_string()
            .contains("not empty")
    );
    // New rows continue after the restored ids.
    app.create_user("after", Role::Crew).await;
    veghe::auth::users::create(
        &target,
        &veghe::audit::Actor::system("test"),
        veghe::auth::users::NewUser {
            username: veghe::auth::users::Username::parse("fresh").expect("name"),
            display_name: "F",
            role: Role::Crew,
            email: None,
            password: "parola-destul-de-lunga",
        },
        veghe::config::PasswordCost::Fast,
    )
    .await
    .expect("insert after restore");
});

both!(every_table_of_the_schema_is_in_the_backup, |app| {
    let sql = match app.db.backend() {
        veghe::db::Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        }
        veghe::db::Backend::Postgres => {
            "SELECT CAST(table_name AS TEXT) AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        }
    };
    let names: Vec<(String,)> = sqlx::query_as(sql)
        .fetch_all(app.db.pool())
        .await
        .expect("tables");
    let missing: Vec<&str> = names
        .iter()
        .map(|n| n.0.as_str())
        .filter(|n| !veghe::backup::TABLES.contains(n) && !veghe::backup::TRANSIENT.contains(n))
        .collect();
    assert!(
        missing.is_empty(),
        "tables a backup would lose: {missing:?} (add them to backup::TABLES in foreign-key order)"
    );
});

both!(attachments_survive_a_backup_byte_for_byte, |app| {
    let disp = app.api("disp", Role::Dispatcher).await;
    let (_, inc) = disp
        .post(
            "/api/v1/incidents",
            serde_json::json!({"type": "noise", "priority": 2, "lat": 45.75, "lon": 21.22}),
        )
        .await;
    let bytes: Vec<u8> = [b"%PDF-1.4\n".as_slice(), &[0, 255, 1, 254, 10]].concat();
    let (s, _) = disp
        .upload(
            &format!(
                "/api/v1/incidents/{}/attachments?name=raport.pdf",
                inc["id"]
            ),
            bytes.clone(),
        )
        .await;
    assert_eq!(s, reqwest::StatusCode::CREATED);
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("backup.jsonl");
    veghe::backup::backup(&app.db, &file).await.expect("backup");
    let target_db = TestDb::new(Engine::Sqlite).await.expect("target");
    let target = Db::open(&target_db.url).await.expect("open");
    veghe::backup::restore(&target, &file, false)
        .await
        .expect("restore");
    let (back,): (Vec<u8>,) = sqlx::query_as("SELECT content FROM incident_attachments")
        .fetch_one(target.pool())
        .await
        .expect("content");
    assert_eq!(back, bytes);
});
