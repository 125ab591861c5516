-- Civil-society dialogue (comments in threads, hidden but never deleted; the NHRI's own assessments) and
-- webhook subscriptions with their outbox of deliveries.

-- A comment is about a target (a recommendation now, a progress update later): target_type + target_id, no
-- foreign key to either. Replies name their parent on the same target.
create table comment (
    id                 uuid primary key,
    country            char(3) not null check (country ~ '^[A-Z]{3}$'),
    target_type        text not null check (target_type in ('RECOMMENDATION', 'PROGRESS_UPDATE')),
    target_id          uuid not null,
    parent_id          uuid references comment (id),
    author_name        text not null,
    author_role        text not null,
    author_institution text,
    text               text not null,
    edited             boolean not null default false,
    hidden             boolean not null default false,
    hidden_reason      text,
    hidden_at          timestamptz,
    hidden_by          text,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    version            bigint not null,
    check (not hidden or (hidden_reason is not null and hidden_at is not null and hidden_by is not null))
);
create index comment_target_idx on comment (target_type, target_id, created_at, id);
create index comment_parent_idx on comment (parent_id);

-- The national human-rights institution's independent assessments; each one is kept, the latest is current.
create table nhri_assessment (
    id                   uuid primary key,
    recommendation_id    uuid not null references recommendation (id),
    country              char(3) not null check (country ~ '^[A-Z]{3}$'),
    status               text not null check (status in
                             ('NOT_STARTED', 'IN_PROGRESS', 'PARTIALLY_IMPLEMENTED', 'IMPLEMENTED', 'NOT_APPLICABLE')),
    narrative            text not null,
    assessed_on          date not null,
    assessor_name        text not null,
    assessor_institution text,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    version              bigint not null
);
create index nhri_assessment_recommendation_idx on nhri_assessment (recommendation_id, assessed_on desc, created_at desc);

-- The secret is kept encrypted (AES-256-GCM, key from configuration, the subscription id as associated data).
create table webhook_subscription (
    id                uuid primary key,
    country           char(3) not null check (country ~ '^[A-Z]{3}$'),
    url               text not null,
    event_types       text[] not null,
    active            boolean not null,
    description       text,
    secret_ciphertext bytea not null,
    secret_nonce      bytea not null,
    created_by        text not null,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    version           bigint not null
);
create index webhook_subscription_country_idx on webhook_subscription (country, created_at desc);

-- The outbox: one row per event and subscription, written in the transaction of the change. payload holds the
-- exact bytes that are signed and sent. claimed_until is a sender's lease, so that a crashed sender's claim expires.
create table webhook_delivery (
    id                   uuid primary key,
    subscription_id      uuid not null references webhook_subscription (id),
    event_id             uuid not null,
    event_type           text not null,
    payload              text not null,
    state                text not null check (state in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts             integer not null default 0,
    next_attempt_at      timestamptz not null,
    claimed_until        timestamptz,
    last_attempt_at      timestamptz,
    last_response_status integer,
    last_error           text,
    delivered_at         timestamptz,
    created_at           timestamptz not null,
    unique (subscription_id, event_id)
);
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at) where state = 'PENDING';
create index webhook_delivery_subscription_idx on webhook_delivery (subscription_id, created_at desc);
