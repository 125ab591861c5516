-- Near-duplicates: groups of a country's recommendations that ask for the same thing, computed from their texts
-- (TF-IDF cosine similarity) whenever the country's recommendations change, and stored so that reads are cheap.

-- One row per country whose groups were computed: when, with which threshold, and over how many recommendations.
create table near_duplicate_run (
    country          char(3) primary key,
    computed_at      timestamptz not null,
    threshold        double precision not null,
    recommendations  integer not null,
    groups           integer not null,
    duration_ms      bigint not null
);

-- The id is derived from the members (a name-based UUID of their sorted ids), so recomputing unchanged data keeps it.
create table near_duplicate_group (
    id                 uuid primary key,
    country            char(3) not null,
    size               integer not null check (size >= 2),
    representative_id  uuid not null references recommendation (id) on delete cascade,
    cohesion           double precision not null check (cohesion > 0 and cohesion <= 1)
);
create index near_duplicate_group_country_idx on near_duplicate_group (country, size desc, cohesion desc, id);

-- score: similarity to the group's representative (1 for the representative itself).
create table near_duplicate_member (
    group_id           uuid not null references near_duplicate_group (id) on delete cascade,
    recommendation_id  uuid not null unique references recommendation (id) on delete cascade,
    score              double precision not null check (score > 0 and score <= 1),
    primary key (group_id, recommendation_id)
);

-- Every pair within a group, stored both ways so that one recommendation's near-duplicates are one index range.
create table near_duplicate_pair (
    recommendation_id  uuid not null references recommendation (id) on delete cascade,
    other_id           uuid not null references recommendation (id) on delete cascade,
    group_id           uuid not null references near_duplicate_group (id) on delete cascade,
    score              double precision not null check (score > 0 and score <= 1),
    primary key (recommendation_id, other_id)
);
create index near_duplicate_pair_group_idx on near_duplicate_pair (group_id);
