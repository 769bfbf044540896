//! The audit trail holds every write, chained by hash, and finds a row changed behind its back.

use veghe::audit::{self, Verdict};
use veghe::auth::Role;

use crate::both;

both!(a_tampered_entry_is_named_by_verify, |app| {
    app.create_user("a1", Role::Analyst).await;
    app.create_user("a2", Role::Dispatcher).await;
    app.create_user("a3", Role::Crew).await;
    assert_eq!(
        audit::verify(&app.db).await.expect("verify"),
        Verdict::Intact { entries: 3 }
    );

    sqlx::query("UPDATE audit_log SET after_json = '{\"role\":\"administrator\"}' WHERE seq = 2")
        .execute(app.db.pool())
        .await
        .expect("tamper");
    match audit::verify(&app.db).await.expect("verify") {
        Verdict::Broken { seq, .. } => assert_eq!(seq, 2),
        other => panic!("tampering not found: {other:?}"),
    }
});

both!(a_removed_last_entry_is_found, |app| {
    app.create_user("b1", Role::Analyst).await;
    app.create_user("b2", Role::Analyst).await;
    sqlx::query("DELETE FROM audit_log WHERE seq = 2")
        .execute(app.db.pool())
        .await
        .expect("delete");
    assert!(matches!(
        audit::verify(&app.db).await.expect("verify"),
        Verdict::Broken { seq: 2, .. }
    ));
});

both!(concurrent_writes_keep_one_unbroken_chain, |app| {
    let mut tasks = Vec::new();
    for i in 0..20 {
        let db = app.db.clone();
        tasks.push(tokio::spawn(async move {
            veghe::auth::users::create(
                &db,
                &veghe::audit::Actor::system("test"),
                veghe::auth::users::NewUser {
                    username: veghe::auth::users::Username::parse(&format!("c{i}")).expect("name"),
                    display_name: "C",
                    role: Role::Crew,
                    email: None,
                    password: "parola-destul-de-lunga",
                },
                veghe::config::PasswordCost::Fast,
            )
            .await
        }));
    }
    for t in tasks {
        t.await.expect("join").expect("create");
    }
    assert_eq!(
        audit::verify(&app.db).await.expect("verify"),
        Verdict::Intact { entries: 20 }
    );
});

both!(personal_data_reads_need_a_reason_and_are_logged, |app| {
    app.create_user("reader", Role::Dispatcher).await;
    let u = veghe::auth::users::find(&app.db, "reader")
        .await
        .expect("user");
    let me = veghe::auth::CurrentUser {
        id: u.id,
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        role: u.role,
        via: veghe::auth::Via::Session,
    };
    assert!(audit::access_log::Reason::parse("  ").is_err());
    let reason = audit::access_log::Reason::parse("apel invers către petent").expect("reason");
    audit::access_log::record(
        &app.db,
        &me,
        "incident",
        "42",
        &["caller_name", "caller_phone"],
        &reason,
    )
    .await
    .expect("record");
    let log = audit::access_log::recent(&app.db, 10).await.expect("log");
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].username, "reader");
    assert_eq!(log[0].fields, "caller_name,caller_phone");
    assert_eq!(log[0].reason, "apel invers către petent");
});
