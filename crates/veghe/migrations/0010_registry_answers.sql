-- Registry answers: typed documents (documente tipizate) per register and kind with
-- placeholders, the letters a case sends (drafted, approved, sent with an outgoing number), the
-- archive nomenclator with keeping terms, and the deadline reminders sent (once each).

CREATE TABLE registry_templates (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    register   TEXT NOT NULL,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1,
    updated_at INTEGER NOT NULL,
    updated_by INTEGER REFERENCES users(id),
    UNIQUE (register, kind, name)
);

INSERT INTO registry_templates (register, kind, name, subject, body, updated_at) VALUES
('petition', 'answer', 'Răspuns la petiție', 'Răspuns la petiția nr. {{numar}}',
'Către: {{petent}}
{{adresa}}

Stimată doamnă / Stimate domn,

Ca urmare a petiției dumneavoastră, înregistrată la {{institutie}} cu nr. {{numar}}, având ca obiect „{{subiect}}”, vă comunicăm următoarele:

[Constatările compartimentului {{departament}} și măsurile dispuse.]

Răspunsul vă este transmis în termenul prevăzut de art. 8 din Ordonanța Guvernului nr. 27/2002 privind reglementarea activității de soluționare a petițiilor.

Cu stimă,

Șef serviciu,
{{aprobat_de}}

Întocmit: {{redactat_de}}', 0),
('petition', 'forward_notice', 'Înștiințare de redirecționare', 'Redirecționarea petiției nr. {{numar}}',
'Către: {{petent}}
{{adresa}}

Stimată doamnă / Stimate domn,

Referitor la petiția dumneavoastră înregistrată cu nr. {{numar}}, având ca obiect „{{subiect}}”, vă aducem la cunoștință că aspectele semnalate nu intră în competența {{institutie}}.

În temeiul art. 6¹ din Ordonanța Guvernului nr. 27/2002, petiția a fost transmisă spre competentă soluționare către {{redirectionat_catre}}, care vă va comunica răspunsul.

Cu stimă,

Șef serviciu,
{{aprobat_de}}

Întocmit: {{redactat_de}}', 0),
('petition', 'extension_notice', 'Înștiințare de prelungire a termenului', 'Prelungirea termenului de răspuns la petiția nr. {{numar}}',
'Către: {{petent}}
{{adresa}}

Stimată doamnă / Stimate domn,

Referitor la petiția dumneavoastră înregistrată cu nr. {{numar}}, având ca obiect „{{subiect}}”, vă aducem la cunoștință că soluționarea ei necesită o cercetare mai amănunțită.

În temeiul art. 9 din Ordonanța Guvernului nr. 27/2002, termenul de răspuns, care expira la {{termen}}, se prelungește cu cel mult 15 zile.

Cu stimă,

Șef serviciu,
{{aprobat_de}}

Întocmit: {{redactat_de}}', 0),
('petition', 'class_notice', 'Înștiințare de clasare', 'Clasarea petiției nr. {{numar}}',
'Către: {{petent}}
{{adresa}}

Stimată doamnă / Stimate domn,

Referitor la petiția dumneavoastră înregistrată cu nr. {{numar}}, având ca obiect „{{subiect}}”, vă aducem la cunoștință că aceasta a fost clasată, pentru următorul motiv: {{motiv_clasare}}.

Cu stimă,

Șef serviciu,
{{aprobat_de}}

Întocmit: {{redactat_de}}', 0),
('info', 'answer', 'Comunicarea informațiilor de interes public', 'Răspuns la solicitarea nr. {{numar}} (Legea nr. 544/2001)',
'Către: {{petent}}
{{adresa}} {{email}}

Stimată doamnă / Stimate domn,

Ca răspuns la solicitarea dumneavoastră înregistrată cu nr. {{numar}} din {{data_inregistrarii}}, formulată în temeiul Legii nr. 544/2001 privind liberul acces la informațiile de interes public, vă comunicăm următoarele informații:

[Informațiile solicitate.]

Potrivit art. 21 din Legea nr. 544/2001, dacă apreciați că drepturile dumneavoastră au fost încălcate, puteți depune reclamație administrativă la conducătorul instituției, în termen de 30 de zile de la data la care ați luat cunoștință de prezentul răspuns.

Cu stimă,

Șef serviciu,
{{aprobat_de}}

Întocmit: {{redactat_de}}', 0),
('info', 'refusal', 'Refuz motivat (Legea nr. 544/2001 art. 7 alin. (2))', 'Răspuns la solicitarea nr. {{numar}}: refuz motivat',
'Către: {{petent}}
{{adresa}} {{email}}

Stimată doamnă / Stimate domn,

Referitor la solicitarea dumneavoastră înregistrată cu nr. {{numar}} din {{data_inregistrarii}}, având ca obiect „{{subiect}}”, vă comunicăm că informațiile solicitate nu vă pot fi furnizate, deoarece:

[Motivul refuzului: excepția de la art. 12 din Legea nr. 544/2001 în care se încadrează informația, cu litera ei.]

Împotriva acestui refuz puteți depune reclamație administrativă la conducătorul instituției, în termen de 30 de zile (art. 21 din Legea nr. 544/2001), ori vă puteți adresa instanței de contencios administrativ (art. 22).

Cu stimă,

Șef serviciu,
{{aprobat_de}}

Întocmit: {{redactat_de}}', 0),
('info', 'extension_notice', 'Înștiințare: termen de 30 de zile', 'Solicitarea nr. {{numar}}: termenul de răspuns',
'Către: {{petent}}
{{adresa}} {{email}}

Stimată doamnă / Stimate domn,

Referitor la solicitarea dumneavoastră înregistrată cu nr. {{numar}} din {{data_inregistrarii}}, vă aducem la cunoștință că, având în vedere complexitatea informațiilor solicitate, în temeiul art. 7 alin. (1) din Legea nr. 544/2001 răspunsul vă va fi comunicat în cel mult 30 de zile de la data înregistrării solicitării.

Cu stimă,

Șef serviciu,
{{aprobat_de}}

Întocmit: {{redactat_de}}', 0),
('internal', 'answer', 'Adresă de răspuns', 'Răspuns la adresa nr. {{numar}}',
'Către: {{petent}}
{{adresa}}

Referitor la adresa dumneavoastră înregistrată la noi cu nr. {{numar}}, privind „{{subiect}}”, vă comunicăm următoarele:

[Textul răspunsului.]

Cu stimă,

Șef serviciu,
{{aprobat_de}}

Întocmit: {{redactat_de}}', 0);

CREATE TABLE registry_archive_files (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    code            TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL,
    register        TEXT NOT NULL,
    retention_years INTEGER NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1
);

INSERT INTO registry_archive_files (code, title, register, retention_years) VALUES
    ('P-1', 'Petiții, răspunsuri și documentele lor', 'petition', 10),
    ('P-2', 'Petiții clasate, conexate sau redirecționate', 'petition', 5),
    ('I-1', 'Solicitări de informații de interes public și răspunsuri', 'info', 5),
    ('I-2', 'Reclamații administrative (Legea nr. 544/2001 art. 21)', 'info', 5),
    ('D-1', 'Corespondență intrată și ieșită', 'internal', 5),
    ('D-2', 'Circulare și dispoziții interne', 'internal', 10);

ALTER TABLE registry_entries ADD COLUMN answer_number TEXT;
ALTER TABLE registry_entries ADD COLUMN archive_file TEXT;
ALTER TABLE registry_entries ADD COLUMN keep_until TEXT;

CREATE TABLE registry_letters (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id     INTEGER NOT NULL REFERENCES registry_entries(id),
    kind         TEXT NOT NULL,
    template_id  INTEGER REFERENCES registry_templates(id),
    subject      TEXT NOT NULL,
    body         TEXT NOT NULL,
    status       TEXT NOT NULL,
    author_id    INTEGER REFERENCES users(id),
    author_name  TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    submitted_at INTEGER,
    decided_by   INTEGER REFERENCES users(id),
    decided_name TEXT,
    decided_at   INTEGER,
    remark       TEXT,
    via          TEXT,
    sent_on      TEXT,
    sent_at      INTEGER,
    sent_by_name TEXT,
    post_ref     TEXT,
    mail_id      INTEGER REFERENCES mail_outbox(id),
    out_entry_id INTEGER REFERENCES registry_entries(id),
    out_number   TEXT
);
CREATE INDEX registry_letters_entry ON registry_letters(entry_id, id);
CREATE INDEX registry_letters_status ON registry_letters(status, id);

CREATE TABLE registry_reminders (
    entry_id   INTEGER NOT NULL REFERENCES registry_entries(id),
    deadline   TEXT NOT NULL,
    due_on     TEXT NOT NULL,
    kind       TEXT NOT NULL,
    sent_at    INTEGER NOT NULL,
    recipients INTEGER NOT NULL,
    PRIMARY KEY (entry_id, deadline, due_on, kind)
);
