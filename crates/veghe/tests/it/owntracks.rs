//! OwnTracks positions through a real MQTT broker (Mosquitto at 127.0.0.1:1883, or
//! `VEGHE_TEST_MQTT_URL`): a location from a crew's phone is stored; an unknown device or a
//! garbage message stores nothing.

use std::time::Duration;

use rumqttc::{AsyncClient, MqttOptions, QoS};

use crate::both;

fn broker_url() -> String {
    std::env::var("VEGHE_TEST_MQTT_URL").unwrap_or_else(|_| "mqtt://127.0.0.1:1883".into())
}

both!(owntracks_locations_arrive_over_mqtt, |app| {
    // A device name of its own, so that the other engine's run (subscribed too) ignores it.
    let user = format!("t{}", veghe::db::now_ms() % 1_000_000_007);
    let tracker = format!("{user}/phone");
    let unit: (i64,) = sqlx::query_as(
        "INSERT INTO units (call_sign, kind, department, status, tracker_id, created_at) VALUES ('PL-991', 'car', 'proximity', 'available', $1, 0) RETURNING id",
    )
    .bind(&tracker)
    .fetch_one(app.db.pool())
    .await
    .expect("unit");
    let mut config = veghe::config::Config::for_database(&app.test_db_url());
    config.mqtt_url = Some(broker_url());
    let state = veghe::AppState::new(app.db.clone(), config);
    veghe::dispatch::owntracks::spawn(state, &broker_url()).expect("subscriber");

    let (host, port) = veghe::dispatch::owntracks::broker(&broker_url()).expect("url");
    let (client, mut events) =
        AsyncClient::new(MqttOptions::new(format!("{user}-pub"), host, port), 16);
    tokio::spawn(async move { while events.poll().await.is_ok() {} });
    let tst = veghe::db::now_ms() / 1000;
    let location = format!(
        r#"{{"_type":"location","lat":45.7537,"lon":21.2257,"tst":{tst},"vel":18,"acc":6,"batt":80}}"#
    );

    // The subscriber needs a moment to connect; publish until the fix is in (at most 10 s).
    let mut stored = false;
    for _ in 0..20 {
        client
            .publish(
                format!("owntracks/{tracker}"),
                QoS::AtLeastOnce,
                false,
                location.clone(),
            )
            .await
            .expect("publish (is Mosquitto running at 127.0.0.1:1883?)");
        tokio::time::sleep(Duration::from_millis(500)).await;
        if app
            .count(&format!(
                "SELECT COUNT(*) FROM positions WHERE unit_id = {}",
                unit.0
            ))
            .await
            > 0
        {
            stored = true;
            break;
        }
    }
    assert!(
        stored,
        "no OwnTracks position arrived through {}",
        broker_url()
    );
    let (lat, speed): (f64, Option<f64>) =
        sqlx::query_as("SELECT lat, speed_mps FROM positions WHERE unit_id = $1")
            .bind(unit.0)
            .fetch_one(app.db.pool())
            .await
            .expect("fix");
    assert_eq!(lat, 45.7537);
    assert_eq!(speed, Some(5.0), "18 km/h is 5 m/s");

    // Garbage and unknown devices store nothing (once the repeated good fixes have landed).
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let before: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM positions")
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    client
        .publish(
            format!("owntracks/{tracker}"),
            QoS::AtLeastOnce,
            false,
            "{not json",
        )
        .await
        .expect("publish");
    client
        .publish(
            format!("owntracks/{user}/other"),
            QoS::AtLeastOnce,
            false,
            location.clone(),
        )
        .await
        .expect("publish");
    client
        .publish(
            format!("owntracks/{tracker}"),
            QoS::AtLeastOnce,
            false,
            r#"{"_type":"location","lat":45.7,"lon":21.2,"tst":"ieri"}"#,
        )
        .await
        .expect("publish");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let after: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM positions")
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    assert_eq!(
        after.0, before.0,
        "nothing stored from garbage or an unknown device"
    );
});
