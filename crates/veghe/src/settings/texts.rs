//! The settings page's words, Romanian first and English second.

use super::Key;
use crate::web::Lang;
use crate::web::i18n::texts_table;

texts_table! { T, "Every text of the settings page.";
    title: "Setările serviciului", "Service settings";
    back: "Înapoi la administrare", "Back to administration";
    intro: "Valorile pe care le hotărăște serviciul. Până la prima modificare de aici este în vigoare valoarea inițială, din fișierul de configurare sau implicită. Fiecare modificare intră în jurnalul de audit.", "The values the service decides. Until the first change here the initial value is in force, from the configuration file or the default. Every change goes into the audit trail.";
    stale: "Vechimea maximă a poziției", "Position age limit";
    stale_hint: "Între 1 și 1440 de minute. O poziție GPS mai veche apare ca neactualizată pe hartă și în dispecerat, iar echipajul trece la coada recomandărilor.", "From 1 to 1440 minutes. An older GPS position shows as stale on the map and the board, and the crew goes to the end of the recommendations.";
    checkin: "Intervalul de contact cu echipajele", "Crew contact interval";
    checkin_hint: "Între 15 și 720 de minute. Un echipaj în serviciu necontactat atâta timp apare ca restant în dispecerat.", "From 15 to 720 minutes. A crew on duty not contacted for that long shows as overdue on the board.";
    day: "Începutul turei de zi", "Day shift starts";
    day_hint: "Ora Timișoarei, OO:MM. Tura de zi ține până la începutul turei de noapte.", "Timișoara time, HH:MM. The day shift lasts until the night shift starts.";
    night: "Începutul turei de noapte", "Night shift starts";
    night_hint: "Ora Timișoarei, OO:MM, mai târziu decât începutul turei de zi. Tura de noapte ține până a doua zi la începutul turei de zi.", "Timișoara time, HH:MM, later than the day shift starts. The night shift lasts until the day shift starts the next day.";
    minutes: "minute", "minutes";
    initial: "Valoarea inițială", "Initial value";
    changed: "Modificată de", "Changed by";
    unchanged: "Nemodificată: este în vigoare valoarea inițială.", "Unchanged: the initial value is in force.";
    save: "Salvează setările", "Save the settings";
    saved: "Setările au fost salvate.", "The settings are saved.";
}

/// The setting's name, as the page labels it and refusals name it.
pub fn name(key: Key, lang: Lang) -> &'static str {
    let t = of(lang);
    match key {
        Key::StaleAfterMinutes => t.stale,
        Key::CheckinMinutes => t.checkin,
        Key::DayShiftStarts => t.day,
        Key::NightShiftStarts => t.night,
    }
}

/// What the page says under the setting.
pub fn hint(key: Key, lang: Lang) -> &'static str {
    let t = of(lang);
    match key {
        Key::StaleAfterMinutes => t.stale_hint,
        Key::CheckinMinutes => t.checkin_hint,
        Key::DayShiftStarts => t.day_hint,
        Key::NightShiftStarts => t.night_hint,
    }
}
