-- Crews administered from the browser and the API: a crew with history is never deleted, it is
-- retired (when, epoch ms); a retired crew leaves the board, the recommendations, the map and the
-- trackers' acceptance, and stays in the history pages. NULL while in service.

ALTER TABLE units ADD COLUMN retired_at INTEGER;
