-- Report jobs survive the loss of the instance running them: the instance holds a session-level advisory lock on
-- the job for the whole run (released by PostgreSQL if it dies), records itself and counts the attempt; another
-- instance's poller finds a RUNNING job whose lock is free and runs it again from the start (a report version is
-- stored only in the transaction that marks the job SUCCEEDED, so the lost run left nothing).
alter table report_job add column claimed_by text;
alter table report_job add column attempts integer not null default 0;
create index report_job_unfinished_idx on report_job (created_at) where state in ('QUEUED', 'RUNNING');
