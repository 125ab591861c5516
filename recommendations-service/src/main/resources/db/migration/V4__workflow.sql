-- Follow-up of recommendations: the State entities that implement them, implementation plans (actions with budgets,
-- milestones and indicators), progress updates, and each recommendation's implementation status and priority level.

-- Ministries, parliament, judiciary, the national human-rights institution and other State entities of a country.
-- Users belong to an institution through the `institution` claim of their token, which equals `code`.
create table institution (
    id          uuid primary key,
    country     char(3) not null check (country ~ '^[A-Z]{3}$'),
    code        text not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    name        text not null,
    kind        text not null check (kind in ('MINISTRY', 'PARLIAMENT', 'JUDICIARY', 'NHRI', 'AGENCY', 'LOCAL_GOVERNMENT', 'OTHER')),
    description text,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint not null,
    unique (country, code)
);

-- The institution's focal points as known contacts; `username` is their Keycloak user name.
create table institution_focal_point (
    institution_id uuid not null references institution (id) on delete cascade,
    position       integer not null,
    name           text not null,
    email          text,
    username       text,
    primary key (institution_id, position)
);

-- One row per recommendation, made by a statement-level trigger (one insert per statement, also for COPY) so that
-- imported recommendations get one too: its version is the ETag of the status and priority level, which change apart
-- from the recommendation's own fields.
create table recommendation_tracking (
    recommendation_id     uuid primary key references recommendation (id) on delete cascade,
    implementation_status text not null default 'NOT_STARTED' check (implementation_status in
        ('NOT_STARTED', 'IN_PROGRESS', 'PARTIALLY_IMPLEMENTED', 'IMPLEMENTED', 'NOT_APPLICABLE')),
    priority_level        text check (priority_level in ('HIGH', 'MEDIUM', 'LOW')),
    status_note           text,
    updated_at            timestamptz,
    version               bigint not null default 0
);
create index recommendation_tracking_status_idx on recommendation_tracking (implementation_status);

insert into recommendation_tracking (recommendation_id) select id from recommendation;

create function recommendation_tracking_rows() returns trigger language plpgsql as $$
begin
    insert into recommendation_tracking (recommendation_id) select id from inserted
    on conflict (recommendation_id) do nothing;
    return null;
end $$;

create trigger recommendation_tracking_rows after insert on recommendation
    referencing new table as inserted for each statement execute function recommendation_tracking_rows();

-- An action of an implementation plan.
create table action (
    id                           uuid primary key,
    country                      char(3) not null check (country ~ '^[A-Z]{3}$'),
    title                        text not null,
    description                  text,
    lead_institution_id          uuid not null references institution (id),
    start_date                   date,
    end_date                     date,
    budget_amount                numeric(19, 2) check (budget_amount >= 0),
    budget_currency              char(3),
    budget_source                text,
    budget_funded                boolean,
    indicator_ids                uuid[] not null default '{}',
    legislative_action_required  boolean not null default false,
    created_at                   timestamptz not null,
    updated_at                   timestamptz not null,
    version                      bigint not null,
    check (end_date is null or start_date is null or end_date >= start_date),
    check ((budget_amount is null) = (budget_currency is null))
);
create index action_country_idx on action (country, created_at);
create index action_lead_idx on action (lead_institution_id);

create table action_supporting_institution (
    action_id      uuid not null references action (id) on delete cascade,
    institution_id uuid not null references institution (id),
    primary key (action_id, institution_id)
);
create index action_supporting_institution_idx on action_supporting_institution (institution_id);

create table action_recommendation (
    action_id         uuid not null references action (id) on delete cascade,
    recommendation_id uuid not null references recommendation (id) on delete cascade,
    primary key (action_id, recommendation_id)
);
create index action_recommendation_rec_idx on action_recommendation (recommendation_id);

-- Clusters are stored by their id alone; the cluster table's own migration adds the foreign key.
create table action_cluster (
    action_id  uuid not null references action (id) on delete cascade,
    cluster_id uuid not null,
    primary key (action_id, cluster_id)
);
create index action_cluster_cluster_idx on action_cluster (cluster_id);

-- Benchmarks and milestones of an action. due_notified_at / overdue_notified_at record that the scheduled job fired
-- the MILESTONE_DUE / MILESTONE_OVERDUE event, so that each fires once.
create table milestone (
    id                   uuid primary key,
    action_id            uuid not null references action (id) on delete cascade,
    title                text not null,
    description          text,
    due_date             date not null,
    status               text not null check (status in ('PLANNED', 'ACHIEVED', 'CANCELLED')),
    achieved_date        date,
    due_notified_at      timestamptz,
    overdue_notified_at  timestamptz,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    version              bigint not null
);
create index milestone_action_idx on milestone (action_id, due_date);
create index milestone_open_due_idx on milestone (due_date) where status = 'PLANNED';

-- Narrative progress of an action: a focal point drafts and submits, a coordinator validates or returns it.
create table progress_update (
    id                uuid primary key,
    action_id         uuid not null references action (id) on delete cascade,
    institution_id    uuid references institution (id),
    narrative         text not null,
    evidence_url      text,
    report_date       date not null,
    status            text not null check (status in ('DRAFT', 'SUBMITTED', 'VALIDATED', 'RETURNED')),
    return_reason     text,
    author            text not null,
    submitted_at      timestamptz,
    reviewed_by       text,
    reviewed_at       timestamptz,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    version           bigint not null
);
create index progress_update_action_idx on progress_update (action_id, report_date);
create index progress_update_status_idx on progress_update (status);
