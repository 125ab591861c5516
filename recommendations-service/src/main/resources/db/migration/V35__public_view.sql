-- The public read-only view (/api/v1/public/countries/{iso3}/...): off for every country until an administrator or
-- the country's coordinator opts in. Rows are made on the first change; a country, recommendation or action without
-- one is at its default (not published, not withheld, not public) at version 0.
create table country_publication (
    country           char(3) primary key check (country ~ '^[A-Z]{3}$'),
    published         boolean not null,
    budgets_published boolean not null,
    updated_at        timestamptz not null,
    version           bigint not null
);

-- Once its country is published a recommendation is public (UN documents are public) unless withheld here.
create table recommendation_publication (
    recommendation_id uuid primary key references recommendation (id) on delete cascade,
    withheld          boolean not null,
    updated_at        timestamptz not null,
    version           bigint not null
);

-- An action is public only when marked public here (and its country is published).
create table action_publication (
    action_id  uuid primary key references action (id) on delete cascade,
    published  boolean not null,
    updated_at timestamptz not null,
    version    bigint not null
);
create index action_publication_published on action_publication (action_id) where published;
