//! The Open311 service catalogue: what citizens may report through GeoReport v2, each service
//! mapped to the department that handles it (`registry_departments.code`).

/// An attribute a service asks for beyond the standard fields.
pub struct Attribute {
    pub code: &'static str,
    pub datatype: &'static str,
    pub required: bool,
    pub description: &'static str,
    pub datatype_description: &'static str,
}

/// One service of the catalogue.
pub struct Service {
    pub code: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub keywords: &'static str,
    pub group: &'static str,
    /// The department the reports go to.
    pub department: &'static str,
    pub attributes: &'static [Attribute],
}

pub const SERVICES: &[Service] = &[
    Service {
        code: "zgomot",
        name: "Zgomot și tulburarea liniștii publice",
        description: "Zgomot excesiv, mai ales între orele 22 și 8 (Legea 61/1991).",
        keywords: "zgomot,liniște,muzică,noapte",
        group: "ordine publică",
        department: "ordine_publica",
        attributes: &[],
    },
    Service {
        code: "parcare",
        name: "Parcare neregulamentară",
        description: "Vehicule oprite sau parcate pe trotuar, pe spațiul verde sau în locuri interzise.",
        keywords: "parcare,trotuar,mașină,vehicul",
        group: "circulație",
        department: "circulatie",
        attributes: &[],
    },
    Service {
        code: "vehicul_abandonat",
        name: "Vehicul abandonat",
        description: "Vehicul fără stăpân sau abandonat pe domeniul public (Legea 421/2002).",
        keywords: "abandonat,vehicul,autoturism",
        group: "circulație",
        department: "circulatie",
        attributes: &[Attribute {
            code: "numar_inmatriculare",
            datatype: "string",
            required: false,
            description: "Numărul de înmatriculare, dacă există",
            datatype_description: "de exemplu TM-01-ABC",
        }],
    },
    Service {
        code: "constructie",
        name: "Construcție fără autorizație",
        description: "Lucrări de construire sau desființare fără autorizație ori neconforme cu ea.",
        keywords: "construcție,șantier,autorizație",
        group: "disciplina în construcții",
        department: "disciplina_constructii",
        attributes: &[],
    },
    Service {
        code: "afisaj",
        name: "Afișaj stradal neautorizat",
        description: "Reclame, bannere sau afișe puse fără autorizație.",
        keywords: "afiș,reclamă,banner",
        group: "disciplina în construcții",
        department: "disciplina_constructii",
        attributes: &[],
    },
    Service {
        code: "deseuri",
        name: "Deșeuri abandonate",
        description: "Deșeuri sau moloz aruncate pe domeniul public.",
        keywords: "gunoi,deșeuri,moloz,mediu",
        group: "protecția mediului",
        department: "protectia_mediului",
        attributes: &[],
    },
    Service {
        code: "comert_stradal",
        name: "Comerț stradal neautorizat",
        description: "Vânzare ambulantă sau comerț în locuri neautorizate.",
        keywords: "comerț,vânzare,tarabă",
        group: "activități comerciale",
        department: "activitati_comerciale",
        attributes: &[],
    },
];

pub fn find(code: &str) -> Option<&'static Service> {
    SERVICES.iter().find(|s| s.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_departments_seeded() {
        let seeded = [
            "ordine_publica",
            "circulatie",
            "disciplina_constructii",
            "protectia_mediului",
            "activitati_comerciale",
        ];
        for (i, s) in SERVICES.iter().enumerate() {
            assert!(SERVICES[i + 1..].iter().all(|o| o.code != s.code));
            assert!(seeded.contains(&s.department), "{}", s.code);
        }
    }
}
