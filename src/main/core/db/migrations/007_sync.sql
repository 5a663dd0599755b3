-- A sync's failure kind beside its message (credentials, offline…), so the app can say what to fix.
ALTER TABLE sources ADD COLUMN last_error_kind TEXT;
