-- What an attachment of a registry entry is, as the clerk says it when adding the file: the scan
-- of the petition itself, an annex, or something else. Files added before are "other".

ALTER TABLE registry_attachments ADD COLUMN kind TEXT NOT NULL DEFAULT 'other';
