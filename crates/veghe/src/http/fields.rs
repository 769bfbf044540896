//! The names of form fields in words, for refusals that name the field a person filled in: the
//! Romanian and English name of each free-text field the shared readers (`text`, `required`) see.

use crate::web::Lang;

/// The field's name in `lang`; a field not listed is named by its code with spaces.
pub fn name(field: &str, lang: Lang) -> String {
    let (ro, en) = match field {
        "act" => ("Fapta", "The act"),
        "act_on" => ("Data faptei", "Day of the act"),
        "address" => ("Adresa", "Address"),
        "answer" => ("Răspunsul", "Answer"),
        "archive_ref" => ("Indicativul de arhivă", "Archive reference"),
        "area" | "area_desc" => ("Zona", "Area"),
        "baseline" => ("Valoarea de pornire", "Baseline"),
        "body" => ("Conținutul cererii", "Request body"),
        "call_sign" => ("Indicativul", "Call sign"),
        "caller_name" => ("Numele apelantului", "Caller's name"),
        "caller_phone" => ("Telefonul apelantului", "Caller's phone"),
        "case_number" => ("Numărul dosarului", "Case number"),
        "channels" => ("Canalele", "Channels"),
        "cnp" => ("CNP", "CNP"),
        "code" => ("Codul", "Code"),
        "comparison_area" => ("Zona de comparație", "Comparison area"),
        "competences" => ("Competențele", "Competences"),
        "copy_fee_basis" => ("Temeiul taxei de copiere", "Copy fee basis"),
        "court" => ("Instanța", "Court"),
        "cui" => ("CUI", "CUI"),
        "department" => ("Compartimentul", "Department"),
        "description" => ("Descrierea", "Description"),
        "description_en" => ("Descrierea în engleză", "Description in English"),
        "due_on" => ("Termenul", "Due date"),
        "email" => ("Adresa de e-mail", "E-mail address"),
        "ends_at" => ("Sfârșitul", "End"),
        "ends_on" => ("Ultima zi", "Last day"),
        "event" => ("Evenimentul", "Event"),
        "event_en" => ("Evenimentul în engleză", "Event in English"),
        "file" => ("Fișierul", "File"),
        "ground" => ("Temeiul", "Ground"),
        "headline" => ("Titlul", "Headline"),
        "headline_en" => ("Titlul în engleză", "Headline in English"),
        "indicator" => ("Indicatorul", "Indicator"),
        "instruction" => ("Instrucțiunile", "Instructions"),
        "instruction_en" => ("Instrucțiunile în engleză", "Instructions in English"),
        "kind" => ("Felul", "Kind"),
        "measure" | "measures" => ("Măsurile", "Measures"),
        "journalist_name" => ("Numele jurnalistului", "Journalist's name"),
        "members" => ("Componența", "Members"),
        "name" => ("Denumirea", "Name"),
        "name_en" => ("Denumirea în engleză", "Name in English"),
        "name_ro" => ("Denumirea în română", "Name in Romanian"),
        "note" | "notes" => ("Nota", "Note"),
        "outlet_name" => ("Redacția", "Outlet"),
        "password" => ("Parola", "Password"),
        "path" => ("Adresa paginii", "Path"),
        "petitioner_name" => ("Numele petentului", "Petitioner's name"),
        "petitioner_type" => ("Tipul petentului", "Petitioner type"),
        "phone" => ("Telefonul", "Phone"),
        "phrases" => ("Formulările", "Phrases"),
        "place" => ("Locul", "Place"),
        "query" => ("Parametrii adresei", "Query string"),
        "question" => ("Întrebarea", "Question"),
        "radio" => ("Stația radio", "Radio"),
        "reason" => ("Motivul", "Reason"),
        "reference" => ("Numărul de înregistrare", "Reference"),
        "refusal_note" => ("Motivarea refuzului", "Reason for refusal"),
        "responsible" => ("Responsabilul", "Responsible"),
        "source" => ("Sursa", "Source"),
        "starts_at" => ("Începutul", "Start"),
        "starts_on" => ("Prima zi", "First day"),
        "status" => ("Starea", "Status"),
        "subject" => ("Subiectul", "Subject"),
        "summary" => ("Rezumatul", "Summary"),
        "target" => ("Ținta", "Target"),
        "text" => ("Textul", "Text"),
        "title" => ("Titlul", "Title"),
        "to" => ("Destinatarul", "Recipient"),
        "tracker_id" => ("Identificatorul trackerului", "Tracker id"),
        "unit" => ("Unitatea de măsură", "Unit"),
        "username" => ("Numele de utilizator", "Username"),
        "vehicle" => ("Vehiculul", "Vehicle"),
        other => return other.replace('_', " "),
    };
    match lang {
        Lang::Ro => ro,
        Lang::En => en,
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_named_in_words_in_both_languages() {
        assert_eq!(name("caller_phone", Lang::Ro), "Telefonul apelantului");
        assert_eq!(name("caller_phone", Lang::En), "Caller's phone");
        assert_eq!(name("some_new_field", Lang::Ro), "some new field");
    }
}
