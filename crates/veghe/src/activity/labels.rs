//! The activity pages' words, Romanian and English side by side.

use crate::web::i18n::texts_table;

texts_table! { Labels, "The activity pages' words.";
    title: "Activitate: sancțiuni contravenționale", "Activity: minor-offence sanctions";
    intro: "Procesele-verbale de contravenție din compartimente. Datele personale sunt mascate; exportul complet cere un motiv, care se înregistrează.", "The departments' sanction records. Personal data are masked; a full export needs a reason, which is logged.";
    import: "Import din fișier", "Import from a file";
    quality: "Calitatea datelor", "Data quality";
    places: "Plasare pe hartă", "Placing on the map";
    catalogue: "Catalogul contravențiilor", "Offence catalogue";
    from: "De la", "From";
    to: "Până la", "To";
    department: "Compartiment", "Department";
    act: "Act normativ", "Act";
    sanction: "Sancțiune", "Sanction";
    payment: "Plată", "Payment";
    search: "Serie / număr", "Series / number";
    filter: "Filtrează", "Filter";
    all: "toate", "all";
    warning: "avertisment", "warning";
    fine: "amendă", "fine";
    number: "Serie și număr", "Series and number";
    date: "Data", "Date";
    place: "Locul", "Place";
    offender: "Contravenient", "Offender";
    legal_basis: "Temei legal", "Legal basis";
    amount: "Amendă (lei)", "Fine (lei)";
    records: "procese-verbale", "records";
    total: "valoarea amenzilor (lei)", "fines' value (lei)";
    export: "Export", "Export";
    export_masked: "Export cu datele personale mascate:", "Export with personal data masked:";
    reveal_export: "Export cu datele personale complete", "Export with personal data in full";
    reason: "Motivul", "Reason";
    reason_hint: "de exemplu: adresa Parchetului nr. 123/2026 (cel puțin 5 caractere)", "e.g. the prosecutor's letter no. 123/2026 (at least 5 characters)";
    nothing: "Nu există înregistrări pentru acest filtru.", "No records for this filter.";
    file: "Fișierul (CSV sau XLSX)", "File (CSV or XLSX)";
    source: "Sursa (compartimentul)", "Source (department)";
    source_hint: "Corespondența coloanelor se salvează pentru sursă și se refolosește.", "The column mapping is saved for the source and reused.";
    upload: "Încarcă și alege coloanele", "Upload and map the columns";
    uploading: "Se încarcă…", "Uploading…";
    mapping: "Corespondența coloanelor", "Column mapping";
    mapping_hint: "Alegeți coloana fișierului pentru fiecare câmp. Verificați întâi, apoi alegeți ce se importă.", "Choose the file's column for each field. Check first, then choose what to import.";
    field: "Câmpul", "Field";
    column: "Coloana din fișier", "Column in the file";
    not_in_file: "(nu există în fișier)", "(not in the file)";
    required: "obligatoriu", "required";
    check: "Verifică doar", "Check only";
    import_valid: "Importă rândurile valide", "Import the valid rows";
    import_all: "Importă doar dacă toate rândurile sunt valide", "Import only if every row is valid";
    result: "Rezultatul", "Result";
    rows: "rânduri", "rows";
    valid: "valide", "valid";
    invalid: "cu probleme", "with problems";
    inserted: "adăugate", "added";
    skipped: "deja înregistrate", "already recorded";
    conflicts: "în conflict: seria și numărul există deja cu alt conținut", "in conflict: the series and number exist already with other contents";
    conflicts_hint: "Rândurile de mai jos au un număr deja folosit de alt proces-verbal. Nu au fost importate; verificați numerele în fișier.", "The rows below carry a number another record already has. They were not imported; check the numbers in the file.";
    problems: "probleme", "problems";
    download_report: "Descarcă raportul de probleme (CSV)", "Download the problem report (CSV)";
    committed: "Importul a fost salvat.", "The import was saved.";
    not_committed: "Nu s-a salvat nimic.", "Nothing was saved.";
    row: "Rândul", "Row";
    cell: "Celula", "Cell";
    value: "Valoarea", "Value";
    problem: "Problema", "Problem";
    encoding: "Codificare", "Encoding";
    missing_coordinates: "Fără coordonate", "Missing coordinates";
    unknown_legal_basis: "Temei legal necunoscut la data faptei", "Legal basis unknown on the record's date";
    amount_outside_range: "Amendă în afara limitelor actului", "Fine outside the act's range";
    duplicates: "Dubluri între importuri", "Duplicates across imports";
    addresses: "Adrese fără coordonate, potrivite cu nomenclatorul străzilor", "Addresses without coordinates, matched against the street list";
    addresses_hint: "Cele nepotrivite trebuie plasate pe hartă de o persoană.", "The unmatched ones need a person to place them on the map.";
    address: "Adresa", "Address";
    street: "Strada găsită", "Street found";
    unmatched: "negăsită", "not found";
    aggravated: "Agravant", "Aggravated";
    range: "Limite (lei)", "Range (lei)";
    valid_from: "În vigoare de la", "In force from";
    valid_to: "Până la", "Until";
    description: "Descriere", "Description";
    add_version: "Adaugă o versiune", "Add a version";
    reference: "Act, articol, punct", "Act, article, point";
    yes: "da", "yes";
    aggravated_note: "agravant", "aggravated";
    pay_none: "—", "—";
    pay_unpaid: "neachitată", "unpaid";
    pay_paid: "achitată", "paid";
    pay_half_minimum: "achitată jumătate din minim (în 15 zile)", "half the minimum paid (within 15 days)";
    pay_partial: "achitată parțial", "partly paid";
    save: "Salvează", "Save";
}

impl Labels {
    /// The words of a payment status (`none`, `unpaid`, `paid`, `half_minimum`, `partial`).
    pub fn payment(&self, code: &str) -> &'static str {
        match code {
            "unpaid" => self.pay_unpaid,
            "paid" => self.pay_paid,
            "half_minimum" => self.pay_half_minimum,
            "partial" => self.pay_partial,
            _ => self.pay_none,
        }
    }
}
