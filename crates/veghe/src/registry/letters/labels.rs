//! The words of the letters, templates, archive and deadline pages, Romanian and English side
//! by side.

use crate::web::Lang;

pub struct Labels {
    pub letters: &'static str,
    pub none: &'static str,
    pub template: &'static str,
    pub draft_new: &'static str,
    pub subject: &'static str,
    pub text: &'static str,
    pub save: &'static str,
    pub submit: &'static str,
    pub approve: &'static str,
    pub give_back: &'static str,
    pub remark: &'static str,
    pub send: &'static str,
    pub post_ref: &'static str,
    pub out_number: &'static str,
    pub author: &'static str,
    pub decided: &'static str,
    pub docx: &'static str,
    pub print: &'static str,
    pub mail: &'static str,
    pub later_fields: &'static str,
    pub to_approve: &'static str,
    pub to_send: &'static str,
    pub returned: &'static str,
    pub outgoing: &'static str,
    pub case: &'static str,
    pub kind: &'static str,
    pub status: &'static str,
    pub templates: &'static str,
    pub templates_intro: &'static str,
    pub placeholders: &'static str,
    pub placeholder: &'static str,
    pub meaning: &'static str,
    pub filled: &'static str,
    pub at_draft: &'static str,
    pub at_render: &'static str,
    pub name: &'static str,
    pub register: &'static str,
    pub active: &'static str,
    pub add_template: &'static str,
    pub archive_files: &'static str,
    pub archive_intro: &'static str,
    pub code: &'static str,
    pub file_title: &'static str,
    pub retention: &'static str,
    pub permanent: &'static str,
    pub years: &'static str,
    pub add_file: &'static str,
    pub archive_file: &'static str,
    pub archive_note: &'static str,
    pub keep_until: &'static str,
    pub deadlines: &'static str,
    pub deadlines_intro: &'static str,
    pub open: &'static str,
    pub overdue_legal: &'static str,
    pub overdue_internal: &'static str,
    pub week_legal: &'static str,
    pub week_internal: &'static str,
    pub unrouted: &'static str,
    pub run_reminders: &'static str,
    pub letter_of: &'static str,
    pub print_hint: &'static str,
}

pub const RO: Labels = Labels {
    letters: "Documente de ieșire (răspuns, înștiințări)",
    none: "Niciun document de ieșire.",
    template: "Model",
    draft_new: "Redactează din model",
    subject: "Subiectul",
    text: "Textul",
    save: "Salvează textul",
    submit: "Trimite spre aprobare",
    approve: "Aprobă",
    give_back: "Restituie cu observații",
    remark: "Observații",
    send: "Expediază",
    post_ref: "Referința expedierii poștale (de ex. nr. recomandatei)",
    out_number: "Nr. de ieșire",
    author: "Redactat de",
    decided: "Decizia șefului",
    docx: "Descarcă (DOCX)",
    print: "Versiunea de tipărit",
    mail: "E-mail",
    later_fields: "Numele și adresa petentului, cine aprobă, numărul și data de ieșire ({{petent}}, {{adresa}}, {{email}}, {{aprobat_de}}, {{numar_iesire}}, {{data_iesire}}) se completează la tipărire și la expediere; consultarea datelor petentului se înregistrează în jurnalul de acces.",
    to_approve: "De aprobat",
    to_send: "Aprobate, de expediat",
    returned: "Restituite autorilor",
    outgoing: "Corespondența de ieșire",
    case: "Lucrarea",
    kind: "Tip",
    status: "Stare",
    templates: "Documente tipizate",
    templates_intro: "Modelele de răspuns și de înștiințare, pe registre și tipuri. Câmpurile scrise între acolade duble se completează cu datele lucrării; un câmp necunoscut este refuzat.",
    placeholders: "Câmpuri disponibile",
    placeholder: "Câmp",
    meaning: "Ce conține",
    filled: "Se completează",
    at_draft: "la redactare",
    at_render: "la tipărire și expediere",
    name: "Denumire",
    register: "Registrul",
    active: "În uz",
    add_template: "Adaugă un model",
    archive_files: "Nomenclatorul arhivistic",
    archive_intro: "Dosarele în care se arhivează lucrările închise, cu termenul de păstrare (Legea nr. 16/1996). Valorile inițiale sunt orientative: confirmați-le cu nomenclatorul aprobat al instituției.",
    code: "Indicativ",
    file_title: "Titlul dosarului",
    retention: "Termen de păstrare (ani; 0 = permanent)",
    permanent: "permanent",
    years: "ani",
    add_file: "Adaugă sau modifică un dosar",
    archive_file: "Dosarul (nomenclator)",
    archive_note: "Volum, cutie (opțional)",
    keep_until: "Se păstrează până la",
    deadlines: "Termene pe compartimente",
    deadlines_intro: "Lucrările deschise ale fiecărui compartiment: depășite și cu termen în următoarele 7 zile, după termenul legal și după cel intern. Remindere se trimit cu 5 și cu 1 zi lucrătoare înainte de fiecare termen și la depășire.",
    open: "Deschise",
    overdue_legal: "Termen legal depășit",
    overdue_internal: "Termen intern depășit",
    week_legal: "Termen legal în 7 zile",
    week_internal: "Termen intern în 7 zile",
    unrouted: "Nerepartizate",
    run_reminders: "Trimite acum reminderele datorate",
    letter_of: "Document de ieșire",
    print_hint: "Tipăriți pagina din browser (Ctrl+P); antetul și meniul nu apar pe hârtie.",
};

pub const EN: Labels = Labels {
    letters: "Outgoing letters (answer, notices)",
    none: "No outgoing letter.",
    template: "Template",
    draft_new: "Draft from the template",
    subject: "Subject",
    text: "Text",
    save: "Save the text",
    submit: "Submit for approval",
    approve: "Approve",
    give_back: "Give back with remarks",
    remark: "Remarks",
    send: "Send",
    post_ref: "Postal reference (e.g. registered letter number)",
    out_number: "Outgoing no.",
    author: "Drafted by",
    decided: "Head's decision",
    docx: "Download (DOCX)",
    print: "Printable version",
    mail: "E-mail",
    later_fields: "The petitioner's name and address, the approver, the outgoing number and date ({{petent}}, {{adresa}}, {{email}}, {{aprobat_de}}, {{numar_iesire}}, {{data_iesire}}) are filled when the letter is printed or sent; reading the petitioner's data is recorded in the access log.",
    to_approve: "To approve",
    to_send: "Approved, to send",
    returned: "Given back to their authors",
    outgoing: "Outgoing correspondence",
    case: "Case",
    kind: "Kind",
    status: "Status",
    templates: "Typed documents",
    templates_intro: "The answer and notice templates, by register and kind. Fields in double braces are filled with the case's data; an unknown field is refused.",
    placeholders: "Available fields",
    placeholder: "Field",
    meaning: "What it holds",
    filled: "Filled",
    at_draft: "when drafted",
    at_render: "when printed and sent",
    name: "Name",
    register: "Register",
    active: "In use",
    add_template: "Add a template",
    archive_files: "Archive nomenclator",
    archive_intro: "The files closed cases are archived in, with their keeping terms (Law 16/1996). The first values are indicative: match them to the institution's approved nomenclator.",
    code: "Code",
    file_title: "File title",
    retention: "Keeping term (years; 0 = permanent)",
    permanent: "permanent",
    years: "years",
    add_file: "Add or change a file",
    archive_file: "File (nomenclator)",
    archive_note: "Volume, box (optional)",
    keep_until: "Kept until",
    deadlines: "Deadlines by department",
    deadlines_intro: "Each department's open cases: overdue and due in the next 7 days, by the legal and by the internal deadline. Reminders go out 5 and 1 working days before each deadline and when it has passed.",
    open: "Open",
    overdue_legal: "Legal deadline passed",
    overdue_internal: "Internal deadline passed",
    week_legal: "Legal deadline within 7 days",
    week_internal: "Internal deadline within 7 days",
    unrouted: "Not routed",
    run_reminders: "Send the reminders due now",
    letter_of: "Outgoing letter",
    print_hint: "Print the page from the browser (Ctrl+P); the header and menu are left off the paper.",
};

pub fn of(lang: Lang) -> &'static Labels {
    match lang {
        Lang::Ro => &RO,
        Lang::En => &EN,
    }
}

fn pick(lang: Lang, ro: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ro => ro,
        Lang::En => en,
    }
}

/// A letter's kind in words.
pub fn kind(code: &str, lang: Lang) -> &'static str {
    match code {
        "answer" => pick(lang, "Răspuns", "Answer"),
        "refusal" => pick(lang, "Refuz motivat", "Reasoned refusal"),
        "forward_notice" => pick(lang, "Înștiințare de redirecționare", "Forwarding notice"),
        "extension_notice" => pick(lang, "Înștiințare de prelungire", "Extension notice"),
        "class_notice" => pick(lang, "Înștiințare de clasare", "Classing notice"),
        _ => "?",
    }
}

/// A letter's status in words.
pub fn status(code: &str, lang: Lang) -> &'static str {
    match code {
        "draft" => pick(lang, "ciornă", "draft"),
        "submitted" => pick(lang, "trimis spre aprobare", "submitted for approval"),
        "returned" => pick(lang, "restituit cu observații", "given back with remarks"),
        "approved" => pick(lang, "aprobat", "approved"),
        "sent" => pick(lang, "expediat", "sent"),
        _ => "?",
    }
}

#[cfg(test)]
mod tests {
    /// Comma-below ș ț, never the cedilla forms, here and in the seeded templates.
    #[test]
    fn romanian_uses_comma_below() {
        let cedillas = ['\u{015E}', '\u{015F}', '\u{0162}', '\u{0163}'];
        for (name, text) in [
            ("labels.rs", include_str!("labels.rs")),
            (
                "migration",
                include_str!("../../../migrations/0010_registry_answers.sql"),
            ),
        ] {
            assert!(
                !text.contains(cedillas),
                "{name} has a cedilla form of s or t"
            );
        }
    }
}
