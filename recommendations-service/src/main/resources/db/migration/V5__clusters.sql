-- Clusters of recommendations (made by hand or accepted from automatic suggestions), the clustering jobs and their
-- suggestions, and the sentence embeddings those jobs keep so that each text is embedded once.

-- One vector per recommendation and model, valid while the text's SHA-256 equals text_sha256 (a changed text is
-- embedded again and its row overwritten). Vectors are L2-normalised float4 arrays.
create table recommendation_embedding (
    recommendation_id  uuid not null references recommendation (id) on delete cascade,
    model              text not null,
    text_sha256        bytea not null,
    vector             real[] not null,
    computed_at        timestamptz not null,
    primary key (recommendation_id, model)
);

-- lead_institution_id names a State institution of the institutions registry; no foreign key here, since that
-- registry's table is created by another migration.
create table cluster (
    id                   uuid primary key,
    country              char(3) not null check (country ~ '^[A-Z]{3}$'),
    name                 text not null check (length(name) between 1 and 200),
    description          text check (description is null or length(description) <= 4000),
    lead_institution_id  uuid,
    origin               text not null check (origin in ('MANUAL', 'SUGGESTED')),
    suggestion_id        uuid,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    version              bigint not null
);
create index cluster_country_idx on cluster (country, name);

create table cluster_member (
    cluster_id         uuid not null references cluster (id) on delete cascade,
    recommendation_id  uuid not null references recommendation (id) on delete cascade,
    primary key (cluster_id, recommendation_id)
);
create index cluster_member_recommendation_idx on cluster_member (recommendation_id);

create table cluster_computation (
    id                   uuid primary key,
    country              char(3) not null check (country ~ '^[A-Z]{3}$'),
    requested_k          integer check (requested_k between 1 and 1000),
    state                text not null check (state in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    progress             double precision not null check (progress between 0 and 1),
    model                text not null,
    recommendations      integer,
    embeddings_computed  integer,
    suggestions          integer,
    error                text,
    created_at           timestamptz not null,
    created_by           text not null,
    started_at           timestamptz,
    finished_at          timestamptz
);
create index cluster_computation_country_idx on cluster_computation (country, created_at desc);

create table cluster_suggestion (
    id              uuid primary key,
    computation_id  uuid not null references cluster_computation (id) on delete cascade,
    country         char(3) not null,
    state           text not null check (state in ('OPEN', 'ACCEPTED', 'DISCARDED')),
    terms           text[] not null,
    size            integer not null check (size >= 1),
    cohesion        double precision not null,
    cluster_id      uuid references cluster (id) on delete set null,
    rank            integer not null
);
create index cluster_suggestion_country_idx on cluster_suggestion (country, state, size desc);
create index cluster_suggestion_computation_idx on cluster_suggestion (computation_id, rank);

create table cluster_suggestion_member (
    suggestion_id      uuid not null references cluster_suggestion (id) on delete cascade,
    recommendation_id  uuid not null references recommendation (id) on delete cascade,
    position           integer not null,
    primary key (suggestion_id, recommendation_id)
);
