//! Words for the demo history: callers' names and phone numbers (fictitious), and the short
//! Romanian descriptions a dispatcher types.

use super::rng::Rng;

const FIRST_NAMES: &[&str] = &[
    "Andrei",
    "Alexandru",
    "Mihai",
    "Ion",
    "Gheorghe",
    "Florin",
    "Adrian",
    "Cristian",
    "Daniel",
    "Marius",
    "Bogdan",
    "Ionuț",
    "Răzvan",
    "Sorin",
    "Vasile",
    "Nicolae",
    "Ștefan",
    "Cosmin",
    "Dorin",
    "Radu",
    "Maria",
    "Elena",
    "Ioana",
    "Ana",
    "Andreea",
    "Mihaela",
    "Cristina",
    "Alina",
    "Gabriela",
    "Daniela",
    "Simona",
    "Roxana",
    "Larisa",
    "Raluca",
    "Diana",
    "Otilia",
    "Lavinia",
    "Corina",
    "Georgiana",
    "Carmen",
];

const LAST_NAMES: &[&str] = &[
    "Popescu",
    "Ionescu",
    "Popa",
    "Stan",
    "Dumitrescu",
    "Stoica",
    "Munteanu",
    "Moldovan",
    "Radu",
    "Lungu",
    "Marin",
    "Tudor",
    "Ardelean",
    "Bălan",
    "Mureșan",
    "Rusu",
    "Sârbu",
    "Vlad",
    "Cioban",
    "Nistor",
    "Crăciun",
    "Jurca",
    "Oprea",
    "Țăranu",
    "Petrovici",
    "Mihuț",
    "Lazăr",
    "Drăgan",
    "Olariu",
    "Sabău",
    "Boldea",
    "Suciu",
    "Iancu",
    "Toma",
    "Costea",
    "Filip",
    "Neagu",
    "Rădulescu",
    "Avram",
    "Bugariu",
];

/// A caller's name, `Prenume Nume`.
pub fn caller_name(rng: &mut Rng) -> String {
    let first = rng.pick(FIRST_NAMES).copied().unwrap_or("Ion");
    let last = rng.pick(LAST_NAMES).copied().unwrap_or("Popescu");
    format!("{first} {last}")
}

/// A fictitious Romanian mobile number, `07xx xxx xxx`.
pub fn caller_phone(rng: &mut Rng) -> String {
    format!(
        "07{}{} {:03} {:03}",
        rng.int(2, 8),
        rng.int(0, 9),
        rng.int(0, 999),
        rng.int(0, 999)
    )
}

/// A short description for an incident of type `code`.
pub fn description(code: &str, rng: &mut Rng) -> String {
    let options: &[&str] = match code {
        "noise" => &[
            "Muzică la volum ridicat într-un apartament după ora 22:00.",
            "Zgomot puternic de la o terasă, locatarii nu se pot odihni.",
            "Petrecere cu zgomot în curtea unui imobil.",
            "Grup de persoane care strigă în fața blocului.",
        ],
        "brawl" => &[
            "Scandal între mai multe persoane în fața unui local.",
            "Încăierare între doi bărbați pe trotuar.",
            "Conflict spontan între un grup de tineri.",
            "Scandal cu lovituri într-un parc.",
        ],
        "alcohol_public" => &[
            "Persoane care consumă băuturi alcoolice pe o bancă din parc.",
            "Grup care consumă alcool în stația de autobuz.",
            "Persoană în stare avansată de ebrietate pe domeniul public.",
        ],
        "insults_threats" => &[
            "Conflict verbal între vecini, cu amenințări.",
            "Persoană care adresează injurii trecătorilor.",
            "Amenințări adresate unui angajat al unui magazin.",
        ],
        "illegal_parking" => &[
            "Autoturism parcat pe trotuar, blochează accesul pietonilor.",
            "Autoturism parcat pe locul destinat persoanelor cu dizabilități.",
            "Vehicul parcat în fața porții, blochează ieșirea.",
            "Autoturisme parcate pe spațiul verde.",
        ],
        "abandoned_vehicle" => &[
            "Autoturism fără plăcuțe de înmatriculare, staționat de luni de zile.",
            "Vehicul degradat, cu roțile dezumflate, pe domeniul public.",
            "Autoutilitară abandonată în parcarea blocului.",
        ],
        "illegal_trading" => &[
            "Comercializare de legume fără autorizație în afara pieței.",
            "Vânzare ambulantă de produse fără documente de proveniență.",
            "Comerciant stradal fără acord de funcționare.",
        ],
        "waste" => &[
            "Moloz depozitat pe un teren viran.",
            "Deșeuri menajere aruncate lângă platforma de gunoi.",
            "Mobilier vechi abandonat pe trotuar.",
            "Deșeuri din construcții descărcate dintr-o autoutilitară.",
        ],
        "construction" => &[
            "Lucrări de construire fără panou de identificare a investiției.",
            "Extindere a unei locuințe fără autorizație.",
            "Ocupare a domeniului public cu materiale de construcție.",
        ],
        "school_safety" => &[
            "Persoane suspecte în apropierea școlii la ora de intrare.",
            "Conflict între elevi la ieșirea de la cursuri.",
            "Autoturisme oprite neregulamentar în fața școlii.",
            "Consum de tutun și alcool lângă poarta unității de învățământ.",
        ],
        "begging" => &[
            "Persoană care apelează la mila publicului la semafor.",
            "Cerșetori la intrarea în centrul comercial.",
            "Minor care cerșește în zona pieței.",
        ],
        "animals" => &[
            "Câini fără stăpân, agresivi, în zona blocurilor.",
            "Câine scăpat din curte care sperie trecătorii.",
            "Animal rănit pe carosabil.",
        ],
        "burglary_like" => &[
            "Locatarul a găsit ușa forțată la întoarcerea acasă.",
            "Persoană care a pătruns fără drept în curtea unei case.",
            "Geam spart la o locuință, bunuri lipsă.",
        ],
        "traffic_obstruction" => &[
            "Autoutilitară care blochează banda de circulație.",
            "Trecere de pietoni blocată de un vehicul oprit.",
            "Accesul în intersecție este blocat de vehicule staționate.",
        ],
        "damage_signs" => &[
            "Indicator rutier doborât.",
            "Bancă și coș de gunoi distruse în parc.",
            "Inscripții pe mobilierul urban.",
        ],
        _ => &[
            "Solicitare de sprijin din partea unui cetățean.",
            "Obiect căzut pe trotuar, pericol pentru pietoni.",
            "Persoană dezorientată pe domeniul public.",
            "Capac de canal lipsă.",
        ],
    };
    rng.pick(options).copied().unwrap_or("").to_string()
}
