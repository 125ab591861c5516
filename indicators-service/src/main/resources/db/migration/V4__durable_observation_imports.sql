-- Observation imports survive the loss of the replica loading them: the replica holds a session-level advisory lock
-- on the job while it loads (released by PostgreSQL if it dies), records itself and counts the attempt; another
-- replica's poller finds a RUNNING job whose lock is free and loads it again (the load is one transaction, so the
-- dead replica's half-load was rolled back).
alter table observation_import_job add column claimed_by text;
alter table observation_import_job add column attempts integer not null default 0;
alter table observation_import_job add column started_at timestamptz;
