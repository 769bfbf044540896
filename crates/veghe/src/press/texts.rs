//! The press desk's words, Romanian first and English second.

use crate::web::i18n::texts_table;

texts_table! { T, "Every text of the press office's desk.";
    title: "Biroul de presă", "Press office";
    intro: "Comunicarea cu presa și cu publicul: comunicate, jurnaliști, acreditări, solicitări, conferințe și strategia de comunicare. Termenele legii 544/2001 sunt urmărite aici.", "Communication with the press and the public: releases, journalists, accreditations, requests, conferences and the communication strategy. The deadlines of Law 544/2001 are followed here.";
    public: "Comunicare publică", "Public communication";
    releases: "Comunicate de presă", "Press releases";
    releases_about: "Redactare, aprobare de șeful serviciului, numerotare, publicare", "Drafting, approval by the head of service, numbering, publishing";
    newsroom: "Pagina publică de presă", "Public newsroom";
    newsroom_about: "Comunicatele publicate, cu fluxuri RSS și Atom", "Published releases, with RSS and Atom feeds";
    media: "Relația cu presa", "Media relations";
    contacts: "Redacții și jurnaliști", "Outlets and journalists";
    contacts_about: "Date de contact, domenii, liste de distribuție", "Contacts, beats, distribution lists";
    accreditations: "Acreditări", "Accreditations";
    accreditations_about: "Cereri, termenul de 2 zile, acordare, refuz motivat în scris", "Requests, the 2-day deadline, granting, written refusal";
    requests: "Solicitări ale presei", "Media requests";
    requests_about: "Solicitări verbale (24 de ore) și scrise (Legea 544/2001)", "Verbal (24 hours) and written (Law 544/2001) requests";
    events: "Conferințe și evenimente de presă", "Press conferences and events";
    events_about: "Conferința lunară, invitații, calendarul public", "The monthly conference, invitations, the public calendar";
    strategy_part: "Strategie și comunicare internă", "Strategy and internal communication";
    strategy: "Strategia de comunicare", "Communication strategy";
    strategy_about: "Obiective, public-țintă, mesaje-cheie, indicatori", "Objectives, audiences, key messages, indicators";
    campaigns: "Campanii", "Campaigns";
    campaigns_about: "Perioade, canale, comunicatele fiecărei campanii", "Dates, channels, each campaign's releases";
    circulars: "Circulare interne", "Internal circulars";
    todo: "De rezolvat", "To do";
    todo_none: "Nimic nu așteaptă: nicio cerere de acreditare și nicio solicitare fără răspuns.", "Nothing waits: no accreditation request and no unanswered request.";
    todo_kind: "Ce", "What";
    todo_who: "Cine și despre ce", "Who and about what";
    todo_due: "Termen", "Due";
    overdue: "termen depășit", "overdue";
    no_conference: "Nicio conferință de presă planificată în", "No press conference planned in";
    no_conference_hint: "Legea 544/2001, art. 17: de regulă lunar. Planificați una la", "Law 544/2001 art. 17: as a rule monthly. Plan one at";
    spokesperson: "Purtător de cuvânt", "Spokesperson";
    circulars_about: "Anunțuri către personal, cu confirmarea citirii", "Announcements to staff, with read confirmations";
}
