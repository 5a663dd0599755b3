-- Several processes may open one workspace (the app, `tideline serve`, CLI commands). Each job
-- names the process that runs it ("host/pid/instance") and that process renews a heartbeat while
-- it lives: another process resumes a job only once its owner is gone.
ALTER TABLE jobs ADD COLUMN owner TEXT;
ALTER TABLE jobs ADD COLUMN heartbeat_at INTEGER; -- ms since the epoch
