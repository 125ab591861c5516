-- Reprisal-safe participation: pseudonymous and restricted comments, per-country moderators who may look behind a
-- pseudonym (each look recorded for the author), and reports of intimidation or reprisal kept apart from all else.

-- How a comment's author appears. Comments written before this migration were all shown by name and stay NAMED.
-- For a PSEUDONYM comment, author_name holds the pseudonym and author_institution is null: the identity lives only
-- in comment_identity, so no reading path (lists, history, exports, events) can carry it by accident.
alter table comment
    add column identity text not null default 'NAMED' check (identity in ('NAMED', 'PSEUDONYM')),
    add column restricted boolean not null default false;
alter table comment alter column identity drop default;

-- Who wrote a pseudonymous comment: read only by the country's moderators (each read recorded below) and used to
-- let the author edit and read their own comment.
create table comment_identity (
    comment_id         uuid primary key references comment (id),
    author_name        text not null,
    author_institution text
);
create index comment_identity_author_idx on comment_identity (author_name);

-- One stable pseudonym per author and country, drawn at random (never derived from the user name).
create table author_pseudonym (
    author_name text not null,
    country     char(3) not null check (country ~ '^[A-Z]{3}$'),
    pseudonym   text not null,
    created_at  timestamptz not null,
    primary key (author_name, country),
    unique (country, pseudonym)
);

-- The moderator capability, granted per country by an administrator.
create table moderator_grant (
    id         uuid primary key,
    country    char(3) not null check (country ~ '^[A-Z]{3}$'),
    user_name  text not null,
    granted_by text not null,
    granted_at timestamptz not null,
    version    bigint not null,
    unique (country, user_name)
);

-- Every look of a moderator behind a pseudonym, readable by the author concerned.
create table identity_disclosure (
    id             uuid primary key,
    comment_id     uuid not null references comment (id),
    country        char(3) not null check (country ~ '^[A-Z]{3}$'),
    author_name    text not null,
    moderator_name text not null,
    disclosed_at   timestamptz not null
);
create index identity_disclosure_author_idx on identity_disclosure (author_name, disclosed_at, id);

-- Reports of intimidation or reprisal: never joined into recommendations, exports, webhooks or reports.
create table reprisal_report (
    id                 uuid primary key,
    country            char(3) not null check (country ~ '^[A-Z]{3}$'),
    recommendation_id  uuid references recommendation (id),
    comment_id         uuid references comment (id),
    person_concerned   text,
    description        text not null,
    occurred_on        date,
    author_name        text not null,
    author_role        text not null,
    author_institution text,
    created_at         timestamptz not null,
    version            bigint not null
);
create index reprisal_report_country_idx on reprisal_report (country, created_at, id);
create index reprisal_report_author_idx on reprisal_report (author_name, created_at, id);
