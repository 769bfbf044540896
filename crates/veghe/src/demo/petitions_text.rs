//! The words of the demo registry: subjects by season and department, streets, authorities.

/// (subject, department, months it belongs to: 0 = all year).
pub(super) const SUBJECTS: &[(&str, &str, &[i8])] = &[
    ("Autoturisme parcate pe trotuar", "circulatie", &[0]),
    ("Vehicul abandonat pe domeniul public", "circulatie", &[0]),
    (
        "Câini fără stăpân în zona blocurilor",
        "protectia_mediului",
        &[0],
    ),
    ("Deșeuri depozitate ilegal", "protectia_mediului", &[0]),
    ("Comerț stradal neautorizat", "activitati_comerciale", &[0]),
    (
        "Construcție fără autorizație",
        "disciplina_constructii",
        &[0],
    ),
    ("Afișaj stradal neautorizat", "disciplina_constructii", &[0]),
    ("Consum de alcool în spațiul public", "ordine_publica", &[0]),
    (
        "Persoane fără adăpost în scara blocului",
        "ordine_publica",
        &[0],
    ),
    (
        "Contestarea unui proces-verbal de contravenție",
        "juridic",
        &[0],
    ),
    (
        "Zgomot de la terasă după ora 22",
        "activitati_comerciale",
        &[6, 7, 8],
    ),
    (
        "Muzică la volum ridicat noaptea",
        "ordine_publica",
        &[5, 6, 7, 8, 9],
    ),
    (
        "Vegetație necosită pe spațiul verde",
        "protectia_mediului",
        &[5, 6, 7],
    ),
    (
        "Trotuar neînlăturat de zăpadă",
        "disciplina_constructii",
        &[12, 1, 2],
    ),
    ("Petarde aruncate în parc", "ordine_publica", &[12, 1]),
    (
        "Arderea resturilor vegetale",
        "protectia_mediului",
        &[3, 4, 10],
    ),
    (
        "Șantier cu program prelungit",
        "disciplina_constructii",
        &[3, 4, 5, 9, 10],
    ),
];

pub(super) const STREETS: &[&str] = &[
    "Str. Florilor",
    "Bd. Revoluției din 1989",
    "Calea Aradului",
    "Str. Gheorghe Lazăr",
    "Calea Șagului",
    "Str. Ion Ionescu de la Brad",
    "Bd. Liviu Rebreanu",
    "Str. Mărășești",
    "Calea Girocului",
    "Str. Dâmbovița",
    "Aleea Studenților",
    "Calea Buziașului",
];

pub(super) const INFO_SUBJECTS: &[&str] = &[
    "Numărul de sancțiuni aplicate pentru parcare neregulamentară",
    "Bugetul Poliției Locale pe anul în curs",
    "Numărul de agenți pe cartiere",
    "Procedura de ridicare a vehiculelor",
    "Statistica sesizărilor privind zgomotul",
    "Contractele de achiziție a uniformelor",
];

pub(super) const INTERNAL_SUBJECTS: &[(&str, &str)] = &[
    ("incoming", "Adresă IPJ Timiș privind acțiuni comune"),
    ("incoming", "Solicitare Primăria Municipiului Timișoara"),
    ("incoming", "Adresă Instituția Prefectului Județul Timiș"),
    ("outgoing", "Răspuns către Direcția de Mediu"),
    ("outgoing", "Informare către Consiliul Local"),
    ("circular", "Circulară privind programul de sărbători"),
    ("circular", "Dispoziție privind echipamentul de iarnă"),
];

pub(super) const AUTHORITIES: &[&str] = &[
    "Inspectoratul de Poliție Județean Timiș",
    "Garda de Mediu Timiș",
    "Direcția de Sănătate Publică Timiș",
    "Compania Aquatim",
];
