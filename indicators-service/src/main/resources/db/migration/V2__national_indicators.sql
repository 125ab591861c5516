-- The human-rights indicator framework, the disaggregation catalogue, national indicators, their observations and
-- the jobs that import observations in bulk. Framework and catalogue entries are never deleted, so that the
-- codes national indicators and observations refer to stay valid.

create table hr_right (
    code        text primary key check (code ~ '^[A-Z][A-Z0-9_]{0,39}$'),
    name        text not null,
    description text,
    origin      text not null check (origin in ('STARTER', 'USER')),
    created_at  timestamptz not null default now()
);

-- Attribute codes are unique across rights, so that a national indicator can name one by its code alone.
create table hr_attribute (
    code       text primary key check (code ~ '^[A-Z][A-Z0-9_]{0,39}$'),
    right_code text not null references hr_right (code),
    name       text not null,
    origin     text not null check (origin in ('STARTER', 'USER')),
    created_at timestamptz not null default now()
);
create index hr_attribute_right_idx on hr_attribute (right_code, code);

create table hr_indicator (
    code           text primary key check (code ~ '^[A-Z][A-Z0-9_]{0,39}$'),
    attribute_code text not null references hr_attribute (code),
    type           text not null check (type in ('STRUCTURAL', 'PROCESS', 'OUTCOME')),
    title          text not null,
    sdg_indicators text[] not null default '{}',
    origin         text not null check (origin in ('STARTER', 'USER')),
    created_at     timestamptz not null default now()
);
create index hr_indicator_attribute_idx on hr_indicator (attribute_code, type, code);

create table dimension (
    code         text primary key check (code ~ '^[A-Z][A-Z0-9_]{0,39}$'),
    name         text not null,
    user_defined boolean not null,
    created_at   timestamptz not null default now()
);

-- '_T' (total) is part of every dimension implicitly and never stored as a code.
create table dimension_code (
    dimension_code text not null references dimension (code),
    code           text not null check (code ~ '^[A-Za-z0-9_][A-Za-z0-9_.\-]{0,39}$' and code <> '_T'),
    name           text not null,
    ordinal        integer not null,
    primary key (dimension_code, code)
);

create table national_indicator (
    id                    uuid primary key,
    country               char(3) not null check (country ~ '^[A-Z]{3}$'),
    code                  text not null,
    name                  text not null,
    definition            text,
    unit                  text not null,
    computation_method    text,
    provider_institution  text not null,
    provider_name         text not null,
    periodicity           text not null check (periodicity in ('ANNUAL', 'QUARTERLY', 'MONTHLY', 'IRREGULAR')),
    dimensions            text[] not null default '{}',
    sdg_indicators        text[] not null default '{}',
    sdg_targets           text[] not null default '{}',
    rights                text[] not null default '{}',
    right_attributes      text[] not null default '{}',
    hr_indicators         text[] not null default '{}',
    recommendation_ids    uuid[] not null default '{}',
    action_ids            uuid[] not null default '{}',
    baseline_value        double precision,
    baseline_date         date,
    target_value          double precision,
    target_date           date,
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    version               bigint not null default 0,
    unique (country, code),
    check ((baseline_value is null) = (baseline_date is null)),
    check ((target_value is null) = (target_date is null))
);
create index national_indicator_sdg_idx on national_indicator using gin (sdg_indicators);
create index national_indicator_rights_idx on national_indicator using gin (rights);
create index national_indicator_recommendations_idx on national_indicator using gin (recommendation_ids);

-- One value per indicator, period and combination of dimension codes. dims holds the codes ({"SEX": "F"}, totals
-- left out); dims_key is the same in a canonical text form ('AGE=Y15T24|SEX=F', '' for the total series), which
-- keys the series: the unique index below is also the index of every series query.
create table observation (
    id            uuid primary key,
    indicator_id  uuid not null references national_indicator (id) on delete cascade,
    period        text not null,
    period_start  date not null,
    period_end    date not null check (period_end >= period_start),
    dims_key      text not null,
    dims          jsonb not null,
    value         double precision not null,
    status        text not null check (status in ('PROVISIONAL', 'FINAL')),
    source        text,
    note          text,
    import_job_id uuid,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    version       bigint not null default 0
);
create unique index observation_series_uq on observation (indicator_id, dims_key, period_start, period_end);

create table observation_import_job (
    id          uuid primary key,
    state       text not null check (state in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    format      text not null check (format in ('OPENNRTD_CSV', 'SDMX_CSV')),
    file_name   text,
    country     char(3) not null,
    sha256      text not null,
    rows_total  integer not null default 0,
    rows_loaded integer not null default 0,
    created     integer not null default 0,
    updated     integer not null default 0,
    problems    jsonb not null default '[]',
    error       text,
    -- The checked rows, gzipped in COPY text form, until the worker has loaded them.
    payload     bytea,
    created_by  text not null,
    created_at  timestamptz not null,
    finished_at timestamptz,
    version     bigint not null default 0
);
create index observation_import_job_created_idx on observation_import_job (created_at desc);
create index observation_import_job_queued_idx on observation_import_job (state) where state in ('QUEUED', 'RUNNING');
