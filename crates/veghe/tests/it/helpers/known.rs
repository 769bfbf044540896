//! Registry entries with known dates and outcomes, written straight into the database (as a
//! migration from an older register would): the fixture the reports and retention tests count.

use sqlx::Row;
use veghe::db::Db;

/// One entry; `Known::new` gives an answered petition, the rest is changed field by field.
#[derive(Clone, Debug)]
pub struct Known {
    pub register: &'static str,
    pub number: i64,
    pub registered: &'static str,
    pub channel: &'static str,
    pub kind: &'static str,
    pub petitioner_kind: &'static str,
    pub name: Option<&'static str>,
    pub cnp: Option<&'static str>,
    pub email: Option<&'static str>,
    pub subject: &'static str,
    pub status: &'static str,
    pub due: Option<&'static str>,
    pub extended: bool,
    pub department: Option<&'static str>,
    pub forwarded_on: Option<&'static str>,
    pub joined_to: Option<i64>,
    pub class_ground: Option<&'static str>,
    pub refused: bool,
    pub via: Option<&'static str>,
    pub answered: Option<&'static str>,
    pub archived: Option<&'static str>,
}

impl Known {
    pub fn new(number: i64, registered: &'static str, due: &'static str) -> Known {
        Known {
            register: "petition",
            number,
            registered,
            channel: "counter",
            kind: "complaint",
            petitioner_kind: "person",
            name: Some("Ion Popescu"),
            cnp: Some("1800101221144"),
            email: Some("ion.popescu@example.ro"),
            subject: "Autoturisme parcate pe trotuar",
            status: "answered",
            due: Some(due),
            extended: false,
            department: Some("circulatie"),
            forwarded_on: None,
            joined_to: None,
            class_ground: None,
            refused: false,
            via: Some("email"),
            answered: None,
            archived: None,
        }
    }
}

fn noon_ms(day: &str) -> i64 {
    let d: jiff::civil::Date = day.parse().expect("date");
    d.at(12, 0, 0, 0)
        .in_tz("Europe/Bucharest")
        .expect("zone")
        .timestamp()
        .as_millisecond()
}

/// Writes `k` with its search terms and one attachment; answers its id.
pub async fn put(db: &Db, k: &Known) -> i64 {
    let year: i64 = k.registered[..4].parse().expect("year");
    let dept: Option<i64> = match k.department {
        Some(code) => Some(
            sqlx::query("SELECT id FROM registry_departments WHERE code = $1")
                .bind(code)
                .fetch_one(db.pool())
                .await
                .expect("department")
                .try_get("id")
                .expect("id"),
        ),
        None => None,
    };
    let key = k.cnp.map(|c| format!("cnp:{c}"));
    let row = sqlx::query(
        "INSERT INTO registry_entries (register, year, number, number_date, registered_at, channel, kind, petitioner_kind, \
         petitioner_name, petitioner_key, cnp, email, address, phone, subject, subject_fold, body, status, due_on, original_due_on, extended, \
         department_id, forwarded_to, forwarded_on, joined_to, class_ground, class_reason, refused, answer_via, answer_sent_on, \
         answer_summary, archive_ref, archived_at, tracking_hash, lat, lon, location) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36) RETURNING id",
    )
    .bind(k.register)
    .bind(year)
    .bind(k.number)
    .bind(k.registered)
    .bind(noon_ms(k.registered))
    .bind(k.channel)
    .bind(k.kind)
    .bind(k.petitioner_kind)
    .bind(k.name)
    .bind(key)
    .bind(k.cnp)
    .bind(k.email)
    .bind(k.name.map(|_| "Str. Florilor 3, Timișoara"))
    .bind(k.name.map(|_| "0722000111"))
    .bind(k.subject)
    .bind(veghe_ro::fold(k.subject))
    .bind(if k.name.is_some() {
        "Subsemnatul Ion Popescu, domiciliat în Timișoara, sesizez…"
    } else {
        "Text anonim."
    })
    .bind(k.status)
    .bind(k.due)
    .bind(i64::from(k.extended))
    .bind(dept)
    .bind(k.forwarded_on.map(|_| "Poliția Municipiului Timișoara"))
    .bind(k.forwarded_on)
    .bind(k.joined_to)
    .bind(k.class_ground)
    .bind(k.class_ground.map(|_| "clasată: Ion Popescu a revenit"))
    .bind(i64::from(k.refused))
    .bind(k.answered.and(k.via))
    .bind(k.answered)
    .bind(k.answered.map(|_| "Răspuns către Ion Popescu"))
    .bind(k.archived.map(|_| "Dosar 1"))
    .bind(k.archived.map(noon_ms))
    .bind(k.name.map(|_| "ab12cd"))
    .bind(45.753_456_f64)
    .bind(21.225_678_f64)
    .bind(k.name.map(|_| "lângă blocul lui Ion Popescu"))
    .fetch_one(db.pool())
    .await
    .expect("insert entry");
    let id: i64 = row.try_get("id").expect("id");
    for term in veghe_ro::search_terms(&format!("{} Popescu", k.subject)) {
        sqlx::query(
            "INSERT INTO registry_search (term, entry_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(term)
        .bind(id)
        .execute(db.pool())
        .await
        .expect("term");
    }
    sqlx::query("INSERT INTO registry_attachments (entry_id, name, content_type, size, sha256, data, uploaded_at) VALUES ($1, 'cerere.pdf', 'application/pdf', 4, 'x', $2, $3)")
        .bind(id)
        .bind(b"%PDF".to_vec())
        .bind(noon_ms(k.registered))
        .execute(db.pool())
        .await
        .expect("attachment");
    sqlx::query("INSERT INTO registry_events (entry_id, at, actor_name, action, note) VALUES ($1, $2, 'clerk', 'registered', 'Ion Popescu la ghișeu')")
        .bind(id)
        .bind(noon_ms(k.registered))
        .execute(db.pool())
        .await
        .expect("event");
    id
}
