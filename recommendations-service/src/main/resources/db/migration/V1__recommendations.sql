-- Recommendations addressed to a State by UN human-rights mechanisms, and the audit trail of every change.

create table audit_event (
    id            uuid primary key,
    occurred_at   timestamptz not null,
    actor         text not null,
    action        text not null,
    resource_type text not null,
    resource_id   uuid not null,
    before_state  jsonb,
    after_state   jsonb
);
create index audit_event_resource_idx on audit_event (resource_type, resource_id, occurred_at);

create table recommendation (
    id                  uuid primary key,
    country             char(3) not null check (country ~ '^[A-Z]{3}$'),
    text                text not null,
    mechanism           text not null check (mechanism in ('UPR', 'TREATY_BODY', 'SPECIAL_PROCEDURE', 'OTHER')),
    body                text not null,
    document_symbol     text,
    paragraph           text,
    uhri_annotation_id  uuid unique,
    upr_cycle           integer,
    upr_session         integer,
    recommending_states text[] not null default '{}',
    position            text not null check (position in ('SUPPORTED', 'SUPPORTED_IN_PART', 'NOTED', 'PENDING')),
    themes              text[] not null default '{}',
    affected_persons    text[] not null default '{}',
    sdg_targets         text[] not null default '{}',
    sdg_goals           integer[] not null default '{}',
    publication_date    date,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    version             bigint not null,
    -- Full-text search over the text and its labels; English stemming, since UN texts are indexed in English.
    search_vector       tsvector generated always as (
        setweight(to_tsvector('english', coalesce(text, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(body, '') || ' ' || coalesce(document_symbol, '')), 'B')
    ) stored
);

-- A document symbol and paragraph identify a recommendation within its country (the key of OHCHR's matrices).
create unique index recommendation_symbol_paragraph_uq
    on recommendation (country, document_symbol, paragraph)
    where document_symbol is not null and paragraph is not null;
create index recommendation_country_idx on recommendation (country, document_symbol, paragraph);
create index recommendation_search_idx on recommendation using gin (search_vector);
create index recommendation_themes_idx on recommendation using gin (themes);
create index recommendation_affected_idx on recommendation using gin (affected_persons);
create index recommendation_states_idx on recommendation using gin (recommending_states);
create index recommendation_sdg_targets_idx on recommendation using gin (sdg_targets);
create index recommendation_sdg_goals_idx on recommendation using gin (sdg_goals);
