-- The settings the service decides, changed on /admin/settings: a row per key someone changed;
-- a key without a row has its initial value (the configuration file's or flag's, else the default).
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT NOT NULL
);

-- Cooperating forces: what each takes (its competences) and when it was retired; a retired
-- agency keeps its hand-overs and leaves the hand-over list.
ALTER TABLE agencies ADD COLUMN competences TEXT;
ALTER TABLE agencies ADD COLUMN retired_at INTEGER;

-- Registry departments: the head (an account) and the address a routed case is announced to.
ALTER TABLE registry_departments ADD COLUMN head_id INTEGER REFERENCES users(id);
ALTER TABLE registry_departments ADD COLUMN email TEXT;
