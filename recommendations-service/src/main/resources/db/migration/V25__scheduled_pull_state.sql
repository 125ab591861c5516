-- The scheduled pull of a UHRI export asks the server conditionally (If-None-Match / If-Modified-Since) with the
-- validators of the last file it fetched and queued from that address, so that an unchanged export costs one request
-- and no import job. One row per configured address; a failed pull leaves the validators as they were.
create table scheduled_pull_state (
    url             text primary key,
    -- As the server sent them, and sent back verbatim: an entity tag (strong or W/ weak) and an HTTP date.
    etag            text,
    last_modified   text,
    -- The import job queued from the file those validators describe, and when that file was fetched.
    fetched_job_id  uuid references import_job (id),
    fetched_at      timestamptz,
    -- The latest pull, whatever came of it: a file queued, not modified (HTTP 304), or a FAILED import job.
    last_checked_at timestamptz not null,
    last_status     text not null check (last_status in ('QUEUED', 'NOT_MODIFIED', 'FAILED')),
    last_job_id     uuid references import_job (id),
    version         bigint not null default 0
);

-- A pull that failed before a file arrived (connection refused, HTTP 5xx) is still an import job, FAILED with its
-- reason, but there is no file to take a checksum of.
alter table import_job alter column sha256 drop not null;
