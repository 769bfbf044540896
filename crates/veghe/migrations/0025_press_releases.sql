-- Press releases: the folded words of each release's title, summary and text, so that the public
-- newsroom's search finds "Poliția" when "politia" is typed, with one SQL on both engines.
ALTER TABLE press_releases ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
