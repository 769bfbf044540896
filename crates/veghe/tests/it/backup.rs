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
