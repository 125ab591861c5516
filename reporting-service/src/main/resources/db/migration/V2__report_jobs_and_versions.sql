-- Report generation: a job per request, claimed by a worker with FOR UPDATE SKIP LOCKED; each successful job stores
-- one immutable report version (the bytes, the parameters, the snapshot time, a SHA-256 checksum, who asked).
-- The last good country status per country and language is kept, to be served (marked stale) when a service the
-- status combines is down.

create table report_job (
    id           uuid primary key,
    state        text not null check (state in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    progress     int not null default 0 check (progress between 0 and 100),
    stage        text,
    report_type  text not null,
    format       text not null,
    country      bpchar(3) not null,
    language     text not null,
    parameters   jsonb not null,
    report_id    uuid,
    error        jsonb,
    created_by   text not null,
    created_at   timestamptz not null,
    started_at   timestamptz,
    finished_at  timestamptz,
    version      bigint not null default 0
);
create index report_job_queue_idx on report_job (created_at) where state = 'QUEUED';
create index report_job_country_idx on report_job (country, created_at desc);

create table report_version (
    id             uuid primary key,
    job_id         uuid not null unique references report_job (id),
    report_type    text not null,
    format         text not null,
    country        bpchar(3) not null,
    language       text not null,
    parameters     jsonb not null,
    -- parameters without the format: versions with the same key are successive editions of one report
    series_key     text not null,
    content_type   text not null,
    file_name      text not null,
    content        bytea not null,
    size_bytes     bigint not null,
    sha256         char(64) not null,
    status_counts  jsonb not null,
    snapshot_at    timestamptz not null,
    created_by     text not null,
    created_at     timestamptz not null
);
create index report_version_country_idx on report_version (country, created_at desc);
create index report_version_series_idx on report_version (series_key, created_at desc);

-- Versions are immutable: the database refuses to change or delete one, whatever the application does.
create function report_version_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'report versions are immutable (%, %)', tg_op, old.id;
end;
$$;
create trigger report_version_no_update before update or delete on report_version
    for each row execute function report_version_immutable();

create table country_status_snapshot (
    country     bpchar(3) not null,
    language    text not null,
    body        jsonb not null,
    fetched_at  timestamptz not null,
    primary key (country, language)
);
