-- A report job whose dependency (the recommendations or indicators service) cannot be reached is not failed at once:
-- it waits and runs again, a bounded number of times. retry_at is when it may run again (null: now); a poller does
-- not claim it before. dependency_retries counts those waits.
alter table report_job add column retry_at timestamptz;
alter table report_job add column dependency_retries integer not null default 0;
