-- Links between recommendations and SDG targets, suggestions of targets, and the embeddings of the target texts.
-- Imported links stay in recommendation.sdg_targets (as the import brought them); this table holds only the links
-- made in OpenNRTD: accepted from a suggestion or added by hand.
create table sdg_link (
    recommendation_id  uuid not null references recommendation (id) on delete cascade,
    target_code        text not null check (target_code ~ '^([1-9]|1[0-7])\.([1-9][0-9]?|[a-z])$'),
    origin             text not null check (origin in ('SUGGESTED_ACCEPTED', 'MANUAL')),
    created_by         text not null,
    created_at         timestamptz not null,
    primary key (recommendation_id, target_code)
);

-- The targets last suggested for a recommendation (a new request replaces its OPEN ones; decided ones stay).
-- confidence is documented in the contract (SdgSuggestion.confidence).
create table sdg_suggestion (
    recommendation_id  uuid not null references recommendation (id) on delete cascade,
    target_code        text not null check (target_code ~ '^([1-9]|1[0-7])\.([1-9][0-9]?|[a-z])$'),
    target_text        text not null,
    confidence         double precision not null check (confidence between 0 and 1),
    rank               integer not null check (rank >= 1),
    state              text not null check (state in ('OPEN', 'ACCEPTED', 'REJECTED')),
    model              text not null,
    created_by         text not null,
    created_at         timestamptz not null,
    decided_by         text,
    decided_at         timestamptz,
    primary key (recommendation_id, target_code)
);

-- One vector per target text and model: a changed text (another SHA-256) is embedded again. Vectors are
-- L2-normalised float4 arrays.
create table sdg_target_embedding (
    target_code  text not null,
    text_sha256  bytea not null,
    model        text not null,
    vector       real[] not null,
    computed_at  timestamptz not null,
    primary key (target_code, text_sha256, model)
);
