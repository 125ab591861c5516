-- Several replicas share this database. An import job is applied by exactly one of them: the one whose transaction
-- holds the job's advisory lock (pg_try_advisory_xact_lock), which PostgreSQL releases when that transaction ends or
-- its replica dies; another replica then finds the job unfinished and applies it again from its stored payload.
alter table import_job add column claimed_by text;
alter table import_job add column attempts integer not null default 0;
alter table import_job add column started_at timestamptz;

-- Scheduled tasks run once per scheduled time across replicas: the first replica to record (task, slot) runs it.
create table scheduled_run (
    task       text not null,
    slot       timestamptz not null,
    replica    text not null,
    claimed_at timestamptz not null,
    primary key (task, slot)
);
