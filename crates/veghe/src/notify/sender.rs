//! The background sender: delivers the outbox's due messages over SMTP (lettre on tokio),
//! retrying failed ones later. It wakes when a message is queued and looks again every second,
//! so messages queued by another process on the same database go out too.

use std::sync::Arc;
use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::Notify;

use super::outbox::{self, Due};
use crate::config::{SmtpConfig, SmtpTls};
use crate::db::{Db, now_ms};

/// Wakes the sender of this process when a message is queued.
#[derive(Default)]
pub struct Mailer {
    notify: Notify,
}

impl Mailer {
    pub fn queued(&self) {
        self.notify.notify_one();
    }
}

/// How long a claimed message is reserved for the sender that claimed it.
const LEASE_MS: i64 = 60_000;
/// How often the outbox is looked at without being woken.
const POLL: Duration = Duration::from_secs(1);

fn transport(c: &SmtpConfig) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
    let builder = match c.tls {
        SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&c.host),
        SmtpTls::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&c.host)
            .map_err(|e| e.to_string())?,
        SmtpTls::Tls => {
            AsyncSmtpTransport::<Tokio1Executor>::relay(&c.host).map_err(|e| e.to_string())?
        }
    };
    let mut builder = builder.port(c.port).timeout(Some(Duration::from_secs(20)));
    if let Some((user, password)) = &c.credentials {
        builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
    }
    Ok(builder.build())
}

fn message(from: &str, m: &Due) -> Result<Message, String> {
    Message::builder()
        .from(from.parse().map_err(|e| format!("sender address: {e}"))?)
        .to(m
            .recipient
            .parse()
            .map_err(|e| format!("recipient address: {e}"))?)
        .subject(m.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(m.body.clone())
        .map_err(|e| e.to_string())
}

/// Sends what is due once; returns how many were delivered.
pub async fn send_due(db: &Db, config: &SmtpConfig) -> usize {
    let now = now_ms();
    let due = match outbox::due(db, now).await {
        Ok(d) => d,
        Err(e) => {
            tracing::warn!(error = %e, "mail outbox unreadable");
            return 0;
        }
    };
    if due.is_empty() {
        return 0;
    }
    let mailer = transport(config);
    let mut sent = 0;
    for m in due {
        match outbox::claim(db, &m, now + LEASE_MS).await {
            Ok(true) => {}
            Ok(false) => continue,
            Err(e) => {
                tracing::warn!(error = %e, "mail outbox claim failed");
                continue;
            }
        }
        let result = match &mailer {
            Ok(t) => match message(&config.from, &m) {
                Ok(msg) => t.send(msg).await.map(|_| ()).map_err(|e| e.to_string()),
                Err(e) => Err(e),
            },
            Err(e) => Err(e.clone()),
        };
        let stored = match &result {
            Ok(()) => {
                sent += 1;
                outbox::mark_sent(db, m.id).await
            }
            Err(e) => {
                tracing::warn!(mail = m.id, error = %e, "e-mail not delivered; will retry");
                outbox::mark_failed(db, &m, e, config.retry_ms).await
            }
        };
        if let Err(e) = stored {
            tracing::warn!(mail = m.id, error = %e, "mail outbox state not saved");
        }
    }
    sent
}

/// Runs until the task is aborted (when the server stops). Without a relay it does nothing.
pub async fn run(db: Db, config: Option<SmtpConfig>, mailer: Arc<Mailer>) {
    let Some(config) = config else { return };
    loop {
        send_due(&db, &config).await;
        let _ = tokio::time::timeout(POLL, mailer.notify.notified()).await;
    }
}
