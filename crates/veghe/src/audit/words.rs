//! The audit trail in words: what was done, to what (with its number or reference, and a link),
//! and which fields changed from what to what, with the fields named, not coded.

use crate::web::i18n::texts_table;

texts_table! { AuditWords, "The audit pages' own words.";
    details: "Detalii tehnice (JSON)", "Technical details (JSON)";
    before: "înainte", "before";
    after: "după", "after";
}

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::web::{Lang, local_time};
use veghe_ro::petition::ro_date;

/// Picks the Romanian or the English form.
fn pick(lang: Lang, ro: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ro => ro,
        Lang::En => en,
    }
}

/// What was done, in words; `None` for an action this table does not know.
pub fn action(code: &str, lang: Lang) -> String {
    let l = |ro, en| pick(lang, ro, en).to_string();
    match code {
        "registry.register" => l("înregistrare în registru", "registered"),
        "registry.attach" => l("fișier atașat", "file attached"),
        "registry.routed" => l("repartizare", "routed"),
        "registry.forwarded" => l("redirecționare", "forwarded"),
        "registry.extended" => l("prelungirea termenului", "term extended"),
        "registry.joined" => l("conexare", "joined"),
        "registry.classed" => l("clasare", "classed"),
        "registry.refused" => l("refuz motivat", "reasoned refusal"),
        "registry.answered" => l("răspuns expediat", "answer sent"),
        "registry.archived" => l("arhivare", "archived"),
        "registry.anonymised" => l("date personale anonimizate", "personal data anonymised"),
        "registry.reserve" => l("număr rezervat", "number reserved"),
        "registry.department_member" => {
            l("membru adăugat în compartiment", "department member added")
        }
        "registry.department_member_removed" => {
            l("membru scos din compartiment", "department member removed")
        }
        "registry.department_add" => l("compartiment adăugat", "department added"),
        "registry.department_edit" => l("compartiment modificat", "department edited"),
        "registry.letter_draft" => l("scrisoare redactată", "letter drafted"),
        "registry.letter_edit" => l("scrisoare modificată", "letter edited"),
        "registry.letter_submit" => l(
            "scrisoare trimisă spre aprobare",
            "letter submitted for approval",
        ),
        "registry.letter_approve" => l("scrisoare aprobată", "letter approved"),
        "registry.letter_return" => l(
            "scrisoare returnată pentru corectură",
            "letter returned for changes",
        ),
        "registry.letter_send" => l("scrisoare expediată", "letter sent"),
        "registry.template" => l("model de document salvat", "document template saved"),
        "registry.archive_file" => l("dosar de arhivă salvat", "archive file saved"),
        "registry.retention_term" => l("termen de păstrare stabilit", "keeping term set"),
        "registry.reminder" => l("memento de termen trimis", "deadline reminder sent"),
        "registry.info_facts" => l(
            "date pentru raportul Legii 544 completate",
            "Law 544 report facts recorded",
        ),
        "registry.info_year" => l(
            "raportul anual al Legii 544 salvat",
            "Law 544 yearly report saved",
        ),
        "registry.court_case" => l("dosar în instanță înregistrat", "court case recorded"),
        "registry.court_outcome" => l("soluția instanței înregistrată", "court outcome recorded"),
        "incident.create" => l("incident înregistrat", "incident registered"),
        "incident.status" => l("starea incidentului schimbată", "incident status changed"),
        "incident.assign" => l("echipaj repartizat", "crew assigned"),
        "incident.unassign" => l("echipaj retras", "crew withdrawn"),
        "incident.note" => l("notă adăugată", "note added"),
        "incident.attachment" => l("fișier atașat la incident", "file attached to the incident"),
        "incident.call_joined" => l("apel suplimentar alăturat", "further call joined"),
        "incident.handover" => l("predat altei instituții", "handed over to another agency"),
        "agency.add" => l("forță cooperantă adăugată", "cooperating force added"),
        "agency.edit" => l("forță cooperantă modificată", "cooperating force edited"),
        "agency.retire" => l("forță cooperantă retrasă", "cooperating force retired"),
        "agency.reinstate" => l("forță cooperantă repusă", "cooperating force reinstated"),
        "settings.change" => l(
            "setările serviciului modificate",
            "service settings changed",
        ),
        "unit.checkin" => l("echipaj prezent la tură", "crew checked in"),
        "unit.create" => l("echipaj adăugat", "crew added"),
        "unit.update" => l("echipaj modificat", "crew changed"),
        "unit.retire" => l("echipaj retras", "crew retired"),
        "unit.reinstate" => l("echipaj reactivat", "crew reactivated"),
        "user.create" => l("utilizator creat", "user created"),
        "token.create" => l("cheie API creată", "API token created"),
        "token.revoke" => l("cheie API revocată", "API token revoked"),
        "alert.issue" => l("avertizare publică emisă", "public alert issued"),
        "alert.cancel" => l("avertizare publică anulată", "public alert cancelled"),
        "plan.activate" => l("plan de intervenție activat", "plan activated"),
        "plan.close" => l("plan de intervenție închis", "plan closed"),
        "plan.task_done" => l("sarcină din plan îndeplinită", "plan task done"),
        "plan_template.task_add" => l(
            "sarcină adăugată în modelul de plan",
            "task added to the plan template",
        ),
        "plan_template.task_edit" => l(
            "sarcină modificată în modelul de plan",
            "plan template task edited",
        ),
        "shift.handover" => l("predarea turei", "shift handed over"),
        "shift.accept" => l("preluarea turei", "shift taken over"),
        "roster.save" => l("planificarea echipajelor salvată", "roster saved"),
        "dutylog.entry" => l("înscriere în registrul dispeceratului", "duty log entry"),
        "special_event.declare" => l("eveniment deosebit declarat", "special event declared"),
        "notification.acknowledge" => l("notificare confirmată", "notification acknowledged"),
        "analysis.proposal.create" => l("propunere de analiză creată", "analysis proposal made"),
        "analysis.proposal.decide" => l("propunere de analiză decisă", "analysis proposal decided"),
        "sanctions.import" => l("sancțiuni importate", "sanctions imported"),
        "sanctions.place" => l("loc de constatare salvat", "place saved"),
        "referral.create" => l("sesizare transmisă", "referral made"),
        "activity.count" => l("activitate numărată", "activity counted"),
        "offence.version" => l("faptă din catalog modificată", "offence catalogue changed"),
        "open311_key.create" => l("cheie Open311 creată", "Open311 key created"),
        "open311_key.revoke" => l("cheie Open311 revocată", "Open311 key revoked"),
        other => match other.strip_prefix("registry.") {
            // The case steps and the retention's purges, as the case timeline names them.
            Some(step) if code_word(step, lang).is_some() => {
                code_word(step, lang).unwrap_or_default().to_string()
            }
            Some("erasure" | "erase") => l(
                "date personale șterse la cerere",
                "personal data erased on request",
            ),
            Some(_) => l("modificare în registru", "registry change"),
            None => l("modificare", "change"),
        },
    }
}

/// What kind of thing was changed, in words.
pub fn entity(code: &str, lang: Lang) -> &'static str {
    let l = |ro, en| pick(lang, ro, en);
    match code {
        "registry_entry" => l("Înregistrarea nr.", "Registry entry no."),
        "registry_letter" => l("Scrisoarea la lucrarea nr.", "Letter of case no."),
        "registry_reservation" => l("Număr rezervat", "Reserved number"),
        "registry_department" => l("Compartimentul", "Department"),
        "agency" => l("Forța cooperantă", "Cooperating force"),
        "settings" => l("Setările serviciului", "Service settings"),
        "registry_template" => l("Modelul de document", "Document template"),
        "registry_archive_file" => l("Dosarul de arhivă", "Archive file"),
        "registry_retention" => l("Termenul de păstrare", "Keeping term"),
        "registry_purge" => l("Ștergerea de date", "Data erasure"),
        "registry_info_year" => l("Raportul anual (Legea 544)", "Yearly report (Law 544)"),
        "registry_court_case" => l("Dosarul în instanță", "Court case"),
        "incident" => l("Incidentul", "Incident"),
        "unit" => l("Echipajul", "Crew"),
        "user" => l("Utilizatorul", "User"),
        "api_token" => l("Cheia API", "API token"),
        "public_alert" => l("Avertizarea", "Alert"),
        "plan" => l("Planul", "Plan"),
        "plan_task" => l("Sarcina din plan", "Plan task"),
        "plan_template_task" => l("Sarcina din modelul de plan", "Plan template task"),
        "shift_handover" => l("Predarea turei", "Shift handover"),
        "roster" => l("Planificarea", "Roster"),
        "duty_log" => l("Registrul dispeceratului", "Duty log"),
        "notification" => l("Notificarea", "Notification"),
        "analysis_proposal" => l("Propunerea de analiză", "Analysis proposal"),
        "activity_import" => l("Importul de sancțiuni", "Sanctions import"),
        "activity_place" => l("Locul", "Place"),
        "activity_referral" => l("Sesizarea", "Referral"),
        "activity_count" => l("Activitatea", "Activity"),
        "offence" => l("Fapta din catalog", "Offence"),
        "open311_key" => l("Cheia Open311", "Open311 key"),
        _ => l("Obiect", "Object"),
    }
}

/// A registry number as the register writes it: `1234/29.11.2026`.
pub fn registry_number(number: i64, number_date: &str) -> String {
    match number_date.parse::<jiff::civil::Date>() {
        Ok(d) => format!("{number}/{}", ro_date(d)),
        Err(_) => format!("{number}/{number_date}"),
    }
}

/// The registry's codes (statuses, registers, kinds, channels, case steps) in words; the audit
/// trail keeps its own table, being a layer below the registry.
fn code_word(code: &str, lang: Lang) -> Option<&'static str> {
    let (ro, en) = match code {
        "registered" => ("înregistrată", "registered"),
        "routed" => ("repartizată", "routed"),
        "forwarded" => ("redirecționată", "forwarded"),
        "answered" => ("soluționată", "answered"),
        "classed" => ("clasată", "classed"),
        "joined" => ("conexată", "joined"),
        "archived" => ("arhivată", "archived"),
        "extended" => ("termen prelungit", "term extended"),
        "refused" => ("refuz motivat", "reasoned refusal"),
        "petition" => ("petiții", "petitions"),
        "info" => ("informații publice", "public information"),
        "internal" => ("intern", "internal"),
        "request" => ("cerere", "request"),
        "complaint" => ("reclamație", "complaint"),
        "notification" => ("sesizare", "notification"),
        "proposal" => ("propunere", "proposal"),
        "incoming" => ("corespondență intrată", "incoming"),
        "outgoing" => ("corespondență ieșită", "outgoing"),
        "circular" => ("circulară", "circular"),
        "counter" => ("ghișeu", "counter"),
        "post" => ("poștă", "post"),
        "email" => ("e-mail", "e-mail"),
        "online" => ("formular online", "online form"),
        "audience" => ("audiență", "audience"),
        _ => return None,
    };
    Some(pick(lang, ro, en))
}

/// A field's name in words; an unknown one with its underscores as spaces.
pub fn field(key: &str, lang: Lang) -> String {
    let l = |ro: &'static str, en: &'static str| pick(lang, ro, en).to_string();
    match key {
        "number" => l("numărul", "number"),
        "status" => l("starea", "status"),
        "register" => l("registrul", "register"),
        "kind" => l("tipul", "kind"),
        "channel" => l("canalul", "channel"),
        "subject" => l("obiectul", "subject"),
        "text" | "body" => l("conținutul", "text"),
        "petitioner" => l("petentul", "petitioner"),
        "petitioner_type" => l("tipul petentului", "petitioner type"),
        "due_date" => l("termenul legal", "legal deadline"),
        "original_due_date" => l("termenul inițial", "original deadline"),
        "internal_due_date" => l("termenul intern", "internal deadline"),
        "extended" => l("termen prelungit", "term extended"),
        "notice_on" => l("data înștiințării", "notified on"),
        "department" | "department_name" => l("compartimentul", "department"),
        "forwarded_to" => l("redirecționată către", "forwarded to"),
        "forwarded_on" => l("data redirecționării", "forwarded on"),
        "joined_to" => l("conexată la", "joined to"),
        "original_id" => l("petiția originală", "original petition"),
        "class_ground" => l("temeiul clasării", "classing ground"),
        "class_reason" => l("motivul clasării", "classing reason"),
        "refused" => l("refuz", "refused"),
        "answer_via" => l("răspuns trimis prin", "answer sent by"),
        "answer_sent_on" => l("data răspunsului", "answer sent on"),
        "answer_number" => l("numărul de ieșire", "outgoing number"),
        "archive_ref" => l("referința de arhivă", "archive reference"),
        "archive_file" => l("dosarul de arhivă", "archive file"),
        "keep_until" => l("păstrat până la", "kept until"),
        "name" => l("numele", "name"),
        "content_type" => l("tipul fișierului", "file type"),
        "size" => l("mărimea (octeți)", "size (bytes)"),
        "uploaded_by" => l("adăugat de", "added by"),
        "uploaded_at" => l("adăugat la", "added at"),
        "reference" => l("referința", "reference"),
        "priority" => l("prioritatea", "priority"),
        "address" => l("adresa", "address"),
        "description" => l("descrierea", "description"),
        "outcome" => l("rezultatul", "outcome"),
        "username" => l("utilizatorul", "username"),
        "display_name" => l("numele afișat", "display name"),
        "role" => l("rolul", "role"),
        "email" => l("e-mailul", "e-mail"),
        "via" => l("trimisă prin", "sent by"),
        "sent_on" => l("data expedierii", "sent on"),
        "post_ref" => l("referința poștală", "postal reference"),
        "out_number" => l("numărul de ieșire", "outgoing number"),
        "remark" => l("observația", "remark"),
        "title" => l("titlul", "title"),
        "code" => l("codul", "code"),
        "cnp" => "CNP".to_string(),
        "cui" => "CUI".to_string(),
        "phone" => l("telefonul", "phone"),
        "call_sign" => l("indicativul", "call sign"),
        "vehicle" => l("autovehiculul", "vehicle"),
        "radio" => l("stația radio", "radio"),
        "tracker_id" => l("trackerul GPS", "GPS tracker"),
        "retired_at" => l("retras la", "retired at"),
        other => other.replace('_', " "),
    }
}

/// Fields that say nothing to a reader (internal ids, hashes, derived flags).
fn hidden(key: &str) -> bool {
    matches!(
        key,
        "id" | "seq"
            | "year"
            | "sha256"
            | "hash"
            | "overdue"
            | "department"
            | "entry_id"
            | "template_id"
            | "author_id"
            | "mail_id"
            | "out_entry_id"
            | "unit_id"
            | "user_id"
    )
}

/// A value in words: dates as the registry writes them, yes/no, times local; codes of the
/// registry's fields through its labels; long texts cut.
pub fn value(key: &str, v: &Value, lang: Lang, entries: &HashMap<i64, String>) -> String {
    let text = match v {
        Value::Null => return "—".into(),
        // Another registry entry, by its number.
        Value::Number(n) if matches!(key, "joined_to" | "original_id") => {
            return n
                .as_i64()
                .and_then(|id| entries.get(&id).cloned())
                .unwrap_or_else(|| "—".into());
        }
        Value::Bool(b) => {
            return pick(
                lang,
                if *b { "da" } else { "nu" },
                if *b { "yes" } else { "no" },
            )
            .into();
        }
        Value::Number(n) if key.ends_with("_at") => {
            return n.as_i64().map(local_time).unwrap_or_else(|| n.to_string());
        }
        Value::Number(n) => return n.to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let coded = match key {
        "status" | "register" | "channel" | "answer_via" | "via" => {
            code_word(&text, lang).unwrap_or("?")
        }
        "kind" => match (text.as_str(), lang) {
            // An attachment's kind.
            ("scan", Lang::Ro) => "scanarea petiției",
            ("scan", Lang::En) => "scan of the petition",
            ("annex", Lang::Ro) => "anexă",
            ("annex", Lang::En) => "annex",
            ("other", Lang::Ro) => "alt document",
            ("other", Lang::En) => "other document",
            _ => code_word(&text, lang).unwrap_or("?"),
        },
        _ => "?",
    };
    if coded != "?" {
        return coded.to_string();
    }
    if text.len() == 10
        && let Ok(d) = text.parse::<jiff::civil::Date>()
    {
        return ro_date(d);
    }
    if text.chars().count() > 120 {
        let cut: String = text.chars().take(120).collect();
        return format!("{cut}…");
    }
    text
}

/// One changed field: its name, and its value before and after.
pub struct Changed {
    pub field: String,
    pub before: Option<String>,
    pub after: String,
}

fn object(json: Option<&str>) -> Option<Map<String, Value>> {
    match serde_json::from_str::<Value>(json?) {
        Ok(Value::Object(m)) => Some(m),
        _ => None,
    }
}

/// The fields that changed between `before` and `after` (both JSON); for a creation, the
/// fields it was created with; at most 12.
pub fn changes(
    before: Option<&str>,
    after: Option<&str>,
    lang: Lang,
    entries: &HashMap<i64, String>,
) -> Vec<Changed> {
    let before_map = object(before);
    let after_map = object(after);
    let mut out = Vec::new();
    match (&before_map, &after_map) {
        (Some(b), Some(a)) => {
            for (k, v) in a {
                let old = b.get(k).unwrap_or(&Value::Null);
                if hidden(k) || old == v {
                    continue;
                }
                out.push(Changed {
                    field: field(k, lang),
                    before: Some(value(k, old, lang, entries)),
                    after: value(k, v, lang, entries),
                });
            }
        }
        (None, Some(only)) | (Some(only), None) => {
            for (k, v) in only {
                let empty = v.is_null() || v.as_str().is_some_and(str::is_empty);
                if hidden(k) || empty {
                    continue;
                }
                out.push(Changed {
                    field: field(k, lang),
                    before: None,
                    after: value(k, v, lang, entries),
                });
            }
        }
        (None, None) => {}
    }
    out.truncate(12);
    out
}

/// The registry entries a change names by id (`joined_to`, `original_id`), to be shown by number.
pub fn named_entries(json: Option<&str>) -> Vec<i64> {
    object(json)
        .map(|m| {
            ["joined_to", "original_id"]
                .iter()
                .filter_map(|k| m.get(*k).and_then(Value::as_i64))
                .collect()
        })
        .unwrap_or_default()
}

/// The number or reference by which people know the thing, read from the change's JSON.
pub fn reference(entity: &str, before: Option<&str>, after: Option<&str>) -> Option<String> {
    let keys: &[&str] = match entity {
        "registry_entry" => &["number"],
        "registry_letter" => &["case_number"],
        "incident" => &["reference"],
        "user" => &["username"],
        _ => &[
            "reference",
            "number",
            "username",
            "call_sign",
            "title",
            "name",
            "code",
        ],
    };
    for json in [after, before] {
        if let Some(m) = object(json) {
            for k in keys {
                if let Some(Value::String(s)) = m.get(*k)
                    && !s.is_empty()
                {
                    return Some(s.clone());
                }
            }
        }
    }
    None
}

/// Where the thing is seen, for the kinds that have a page.
pub fn link(entity: &str, id: Option<&str>, after: Option<&str>) -> Option<String> {
    let id = id?.parse::<i64>().ok()?;
    match entity {
        "registry_entry" => Some(format!("/registry/{id}")),
        "incident" => Some(format!("/incidents/{id}")),
        "plan" => Some(format!("/plans/{id}")),
        "registry_letter" => object(after)
            .and_then(|m| m.get("entry_id").and_then(Value::as_i64))
            .map(|e| format!("/registry/{e}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_step_reads_as_fields_changed_in_words() {
        let before = r#"{"id":7,"number":"12/03.02.2026","status":"registered","due_date":"2026-03-04","department_name":null}"#;
        let after = r#"{"id":7,"number":"12/03.02.2026","status":"routed","due_date":"2026-03-04","department_name":"Ordine publică"}"#;
        let c = changes(Some(before), Some(after), Lang::Ro, &HashMap::new());
        let lines: Vec<String> = c
            .iter()
            .map(|c| {
                format!(
                    "{}: {} → {}",
                    c.field,
                    c.before.clone().unwrap_or_default(),
                    c.after
                )
            })
            .collect();
        assert_eq!(
            lines,
            [
                "compartimentul: — → Ordine publică",
                "starea: înregistrată → repartizată"
            ]
        );
        assert_eq!(action("registry.routed", Lang::En), "routed");
        assert_eq!(action("registry.attach", Lang::Ro), "fișier atașat");
        assert_eq!(
            reference("registry_entry", Some(before), Some(after)).as_deref(),
            Some("12/03.02.2026")
        );
        assert_eq!(
            link("registry_entry", Some("7"), None).as_deref(),
            Some("/registry/7")
        );
        assert_eq!(field("answer_sent_on", Lang::En), "answer sent on");
        assert!(!field("some_new_field", Lang::Ro).contains('_'));
    }
}
