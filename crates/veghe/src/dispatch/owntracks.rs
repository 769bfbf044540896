//! Positions from OwnTracks over MQTT: Veghe subscribes to `owntracks/+/+` on the configured
//! broker; a `location` message from the device `owntracks/USER/DEVICE` is a fix for the crew
//! whose tracker id is `USER/DEVICE`. Other message types are ignored; an unknown device or a
//! malformed message is logged and nothing is stored.

use std::time::Duration;

use rumqttc::{AsyncClient, Event, MqttOptions, Packet, QoS};
use serde_json::Value;

use super::model::LatLon;
use super::positions::{Fix, parse_timestamp};
use crate::AppState;
use crate::error::{AppError, AppResult};

/// The topic filter of OwnTracks devices.
pub const TOPICS: &str = "owntracks/+/+";

/// Parses one message: `Ok(None)` for message types other than `location`.
pub fn parse(topic: &str, payload: &[u8], now_ms: i64) -> AppResult<Option<Fix>> {
    let mut parts = topic.split('/');
    let device = match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some("owntracks"), Some(user), Some(device), None)
            if !user.is_empty() && !device.is_empty() =>
        {
            format!("{user}/{device}")
        }
        _ => {
            return Err(AppError::bad(
                "topic",
                format!("topic `{topic}` is not owntracks/USER/DEVICE"),
            ));
        }
    };
    let body: Value = serde_json::from_slice(payload)
        .map_err(|e| AppError::bad("payload", format!("the message is not JSON: {e}")))?;
    if body.get("_type").and_then(Value::as_str) != Some("location") {
        return Ok(None);
    }
    let number = |k: &'static str| -> AppResult<Option<f64>> {
        match body.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v
                .as_f64()
                .filter(|x| x.is_finite())
                .map(Some)
                .ok_or_else(|| AppError::bad(k, format!("{k} is not a number"))),
        }
    };
    let lat = number("lat")?.ok_or_else(|| AppError::bad("lat", "lat is missing"))?;
    let lon = number("lon")?.ok_or_else(|| AppError::bad("lon", "lon is missing"))?;
    let tst = body
        .get("tst")
        .map(|v| v.to_string())
        .ok_or_else(|| AppError::bad("tst", "tst (the time of the fix) is missing"))?;
    Ok(Some(Fix {
        device,
        at_ms: parse_timestamp(&tst, now_ms).map_err(|_| {
            AppError::bad("tst", format!("tst `{tst}` is not a plausible Unix time"))
        })?,
        point: LatLon::new(lat, lon).map_err(|(f, m)| AppError::bad(f, m))?,
        // OwnTracks gives km/h.
        speed_mps: number("vel")?.filter(|v| *v >= 0.0).map(|v| v / 3.6),
        bearing: number("cog")?,
        altitude: number("alt")?,
        accuracy: number("acc")?,
        battery: number("batt")?,
    }))
}

/// `mqtt://HOST:PORT` as host and port (1883 when absent).
pub fn broker(url: &str) -> Option<(String, u16)> {
    let rest = url.strip_prefix("mqtt://")?.trim_end_matches('/');
    match rest.rsplit_once(':') {
        Some((host, port)) => Some((host.to_string(), port.parse().ok()?)),
        None if !rest.is_empty() => Some((rest.to_string(), 1883)),
        None => None,
    }
}

/// Subscribes and stores fixes until the process ends; reconnects after broker failures.
pub fn spawn(state: AppState, url: &str) -> anyhow::Result<()> {
    let (host, port) =
        broker(url).ok_or_else(|| anyhow::anyhow!("MQTT URL `{url}` is not mqtt://HOST:PORT"))?;
    let mut options = MqttOptions::new(format!("veghe-{}", std::process::id()), host, port);
    options.set_keep_alive(Duration::from_secs(30));
    let (client, mut events) = AsyncClient::new(options, 64);
    tokio::spawn(async move {
        loop {
            match events.poll().await {
                Ok(Event::Incoming(Packet::ConnAck(_))) => {
                    if let Err(e) = client.subscribe(TOPICS, QoS::AtLeastOnce).await {
                        tracing::error!(error = %e, "cannot subscribe to OwnTracks topics");
                    } else {
                        tracing::info!(topics = TOPICS, "listening for OwnTracks positions");
                    }
                }
                Ok(Event::Incoming(Packet::Publish(p))) => {
                    receive(&state, &p.topic, &p.payload).await;
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "MQTT broker unreachable; retrying");
                    tokio::time::sleep(Duration::from_secs(2)).await;
                }
            }
        }
    });
    Ok(())
}

async fn receive(state: &AppState, topic: &str, payload: &[u8]) {
    match parse(topic, payload, crate::db::now_ms()) {
        Ok(Some(fix)) => match super::positions::store(&state.db, &fix).await {
            Ok(_) => state.live.published(),
            Err(e) => tracing::warn!(topic, error = %e, "OwnTracks position not stored"),
        },
        Ok(None) => {}
        Err(e) => tracing::warn!(topic, error = %e, "OwnTracks message refused"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_000_000_000;

    #[test]
    fn a_location_message_is_a_fix_for_user_slash_device() {
        let msg = br#"{"_type":"location","lat":45.7537,"lon":21.2257,"tst":1794999990,"vel":36,"cog":90,"acc":8,"batt":77,"tid":"p1"}"#;
        let fix = parse("owntracks/pl101/phone", msg, NOW)
            .expect("parses")
            .expect("a location");
        assert_eq!(fix.device, "pl101/phone");
        assert_eq!(fix.at_ms, 1_794_999_990_000);
        assert_eq!(fix.speed_mps, Some(10.0));
        assert_eq!((fix.point.lat, fix.point.lon), (45.7537, 21.2257));
    }

    #[test]
    fn other_types_are_ignored_and_bad_ones_named() {
        assert!(
            parse("owntracks/a/b", br#"{"_type":"transition"}"#, NOW)
                .expect("ok")
                .is_none()
        );
        let field = |topic: &str, msg: &[u8]| match parse(topic, msg, NOW) {
            Err(AppError::BadRequest { field, .. }) => field,
            other => panic!("expected a refusal, got {other:?}"),
        };
        assert_eq!(field("owntracks/a", b"{}"), Some("topic"));
        assert_eq!(field("owntracks/a/b", b"not json"), Some("payload"));
        assert_eq!(
            field(
                "owntracks/a/b",
                br#"{"_type":"location","lat":95,"lon":21,"tst":1794999990}"#
            ),
            Some("lat")
        );
        assert_eq!(
            field(
                "owntracks/a/b",
                br#"{"_type":"location","lat":45,"lon":21,"tst":"ieri"}"#
            ),
            Some("tst")
        );
        assert_eq!(
            field(
                "owntracks/a/b",
                br#"{"_type":"location","lat":45,"lon":21}"#
            ),
            Some("tst")
        );
    }

    #[test]
    fn broker_urls() {
        assert_eq!(
            broker("mqtt://127.0.0.1:1883"),
            Some(("127.0.0.1".into(), 1883))
        );
        assert_eq!(broker("mqtt://broker"), Some(("broker".into(), 1883)));
        assert_eq!(broker("http://x:1"), None);
        assert_eq!(broker("mqtt://x:port"), None);
    }
}
