//! The words of the letters, templates, archive and deadline pages, Romanian and English side
//! by side.

use crate::web::Lang;
use crate::web::i18n::texts_table;

texts_table! { Labels, "The words of the letters, templates, archive and deadline pages.";
    letters: "Documente de ieșire (răspuns, înștiințări)", "Outgoing letters (answer, notices)";
    none: "Niciun document de ieșire.", "No outgoing letter.";
    template: "Model", "Template";
    draft_new: "Redactează din model", "Draft from the template";
    subject: "Subiectul", "Subject";
    text: "Textul", "Text";
    save: "Salvează textul", "Save the text";
    submit: "Trimite spre aprobare", "Submit for approval";
    approve: "Aprobă", "Approve";
    give_back: "Restituie cu observații", "Give back with remarks";
    remark: "Observații", "Remarks";
    send: "Expediază", "Send";
    post_ref: "Referința expedierii poștale (de ex. nr. recomandatei)", "Postal reference (e.g. registered letter number)";
    out_number: "Nr. de ieșire", "Outgoing no.";
    author: "Redactat de", "Drafted by";
    decided: "Decizia șefului", "Head's decision";
    docx: "Descarcă (DOCX)", "Download (DOCX)";
    print: "Versiunea de tipărit", "Printable version";
    mail: "E-mail", "E-mail";
    later_fields: "Numele și adresa petentului, cine aprobă, numărul și data de ieșire ({{petent}}, {{adresa}}, {{email}}, {{aprobat_de}}, {{numar_iesire}}, {{data_iesire}}) se completează la tipărire și la expediere; consultarea datelor petentului se înregistrează în jurnalul de acces.", "The petitioner's name and address, the approver, the outgoing number and date ({{petent}}, {{adresa}}, {{email}}, {{aprobat_de}}, {{numar_iesire}}, {{data_iesire}}) are filled when the letter is printed or sent; reading the petitioner's data is recorded in the access log.";
    to_approve: "De aprobat", "To approve";
    to_send: "Aprobate, de expediat", "Approved, to send";
    returned: "Restituite autorilor", "Given back to their authors";
    outgoing: "Corespondența de ieșire", "Outgoing correspondence";
    case: "Lucrarea", "Case";
    kind: "Tip", "Kind";
    status: "Stare", "Status";
    templates: "Documente tipizate", "Typed documents";
    templates_intro: "Modelele de răspuns și de înștiințare, pe registre și tipuri. Câmpurile scrise între acolade duble se completează cu datele lucrării; un câmp necunoscut este refuzat.", "The answer and notice templates, by register and kind. Fields in double braces are filled with the case's data; an unknown field is refused.";
    placeholders: "Câmpuri disponibile", "Available fields";
    placeholder: "Câmp", "Field";
    meaning: "Ce conține", "What it holds";
    filled: "Se completează", "Filled";
    at_draft: "la redactare", "when drafted";
    at_render: "la tipărire și expediere", "when printed and sent";
    name: "Denumire", "Name";
    register: "Registrul", "Register";
    active: "În uz", "In use";
    add_template: "Adaugă un model", "Add a template";
    archive_files: "Nomenclatorul arhivistic", "Archive nomenclator";
    archive_intro: "Dosarele în care se arhivează lucrările închise, cu termenul de păstrare (Legea nr. 16/1996). Valorile inițiale sunt orientative: confirmați-le cu nomenclatorul aprobat al instituției.", "The files closed cases are archived in, with their keeping terms (Law 16/1996). The first values are indicative: match them to the institution's approved nomenclator.";
    code: "Indicativ", "Code";
    file_title: "Titlul dosarului", "File title";
    retention: "Termen de păstrare (ani; 0 = permanent)", "Keeping term (years; 0 = permanent)";
    permanent: "permanent", "permanent";
    years: "ani", "years";
    add_file: "Adaugă sau modifică un dosar", "Add or change a file";
    archive_file: "Dosarul (nomenclator)", "File (nomenclator)";
    archive_note: "Volum, cutie (opțional)", "Volume, box (optional)";
    keep_until: "Se păstrează până la", "Kept until";
    deadlines: "Termene pe compartimente", "Deadlines by department";
    deadlines_intro: "Lucrările deschise ale fiecărui compartiment: depășite și cu termen în următoarele 7 zile, după termenul legal și după cel intern. Remindere se trimit cu 5 și cu 1 zi lucrătoare înainte de fiecare termen și la depășire.", "Each department's open cases: overdue and due in the next 7 days, by the legal and by the internal deadline. Reminders go out 5 and 1 working days before each deadline and when it has passed.";
    open: "Deschise", "Open";
    overdue_legal: "Termen legal depășit", "Legal deadline passed";
    overdue_internal: "Termen intern depășit", "Internal deadline passed";
    week_legal: "Termen legal în 7 zile", "Legal deadline within 7 days";
    week_internal: "Termen intern în 7 zile", "Internal deadline within 7 days";
    unrouted: "Nerepartizate", "Not routed";
    run_reminders: "Trimite acum reminderele datorate", "Send the reminders due now";
    letter_of: "Document de ieșire", "Outgoing letter";
    print_hint: "Tipăriți pagina din browser (Ctrl+P); antetul și meniul nu apar pe hârtie.", "Print the page from the browser (Ctrl+P); the header and menu are left off the paper.";
    kind_answer: "Răspuns", "Answer";
    kind_refusal: "Refuz motivat", "Reasoned refusal";
    kind_forward_notice: "Înștiințare de redirecționare", "Forwarding notice";
    kind_extension_notice: "Înștiințare de prelungire", "Extension notice";
    kind_class_notice: "Înștiințare de clasare", "Classing notice";
    status_draft: "ciornă", "draft";
    status_submitted: "trimis spre aprobare", "submitted for approval";
    status_returned: "restituit cu observații", "given back with remarks";
    status_approved: "aprobat", "approved";
    status_sent: "expediat", "sent";
}

/// A letter's kind in words.
pub fn kind(code: &str, lang: Lang) -> &'static str {
    let w = of(lang);
    match code {
        "answer" => w.kind_answer,
        "refusal" => w.kind_refusal,
        "forward_notice" => w.kind_forward_notice,
        "extension_notice" => w.kind_extension_notice,
        "class_notice" => w.kind_class_notice,
        _ => "?",
    }
}

/// A letter's status in words.
pub fn status(code: &str, lang: Lang) -> &'static str {
    let w = of(lang);
    match code {
        "draft" => w.status_draft,
        "submitted" => w.status_submitted,
        "returned" => w.status_returned,
        "approved" => w.status_approved,
        "sent" => w.status_sent,
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
