-- Imports: what UHRI exports bring beyond the first slice, and the import jobs.

alter table recommendation add column regions text[] not null default '{}';
alter table recommendation add column annotation_type text;
create index recommendation_regions_idx on recommendation using gin (regions);
create index recommendation_publication_idx on recommendation (country, publication_date);

-- A UHRI annotation concerning several States becomes one recommendation per State.
alter table recommendation drop constraint recommendation_uhri_annotation_id_key;
create unique index recommendation_annotation_uq on recommendation (country, uhri_annotation_id)
    where uhri_annotation_id is not null;

create table import_job (
    id           uuid primary key,
    state        text not null check (state in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    format       text not null,
    file_name    text,
    country      char(3),
    sha256       text not null,
    upr_cycle    integer,
    upr_session  integer,
    rows_read    integer not null default 0,
    rows_total   integer not null default 0,
    created      integer not null default 0,
    updated      integer not null default 0,
    unchanged    integer not null default 0,
    rejected     integer not null default 0,
    problems     jsonb not null default '[]',
    error        text,
    -- The parsed rows wait here until a worker applies them, so that no job lives only in one replica's memory.
    payload      bytea,
    created_by   text not null,
    created_at   timestamptz not null,
    finished_at  timestamptz,
    version      bigint not null default 0
);
create index import_job_created_idx on import_job (created_at desc);
create index import_job_queued_idx on import_job (state) where state in ('QUEUED', 'RUNNING');
