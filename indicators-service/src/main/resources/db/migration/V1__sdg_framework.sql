-- The global SDG indicator framework in the six UN languages, the record of each load of it, and the audit
-- trail of every change (written by opennrtd-common's AuditTrail).

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

-- Codes are the official ones ('5', '5.2', '5.2.1'); ordinal is the framework order, in which numbered targets
-- and indicators come before lettered ones (1.5 before 1.a), which text order would not give.
create table sdg_goal (
    code    integer primary key check (code between 1 and 99)
);

create table sdg_target (
    code      text primary key check (code ~ '^[1-9][0-9]?\.([1-9][0-9]?|[a-z])$'),
    goal_code integer not null references sdg_goal (code) on delete cascade,
    ordinal   integer not null unique
);
create index sdg_target_goal_idx on sdg_target (goal_code, ordinal);

create table sdg_indicator (
    code        text primary key check (code ~ '^[1-9][0-9]?\.([1-9][0-9]?|[a-z])\.[1-9][0-9]?$'),
    target_code text not null references sdg_target (code) on delete cascade,
    goal_code   integer not null references sdg_goal (code) on delete cascade,
    ordinal     integer not null unique
);
create index sdg_indicator_target_idx on sdg_indicator (target_code, ordinal);
create index sdg_indicator_goal_idx on sdg_indicator (goal_code, ordinal);

-- One row per item and language present in the source; a missing translation has no row and the service
-- falls back to English for that item.
create table sdg_goal_label (
    goal_code   integer not null references sdg_goal (code) on delete cascade,
    language    text not null,
    title       text not null,
    short_title text not null,
    primary key (goal_code, language)
);

create table sdg_target_label (
    target_code text not null references sdg_target (code) on delete cascade,
    language    text not null,
    title       text not null,
    primary key (target_code, language)
);

create table sdg_indicator_label (
    indicator_code text not null references sdg_indicator (code) on delete cascade,
    language       text not null,
    title          text not null,
    primary key (indicator_code, language)
);

-- Each time the seed files were loaded: their SHA-256, so that a replica starting with the same files skips it.
create table sdg_seed_run (
    id         uuid primary key,
    checksum   text not null,
    applied_at timestamptz not null,
    goals      integer not null,
    targets    integer not null,
    indicators integer not null,
    labels     integer not null
);
create index sdg_seed_run_applied_idx on sdg_seed_run (applied_at desc);
