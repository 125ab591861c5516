-- Cluster computations over a scope (the filters of the recommendation list, stored as the contract's JSON object
-- with only the filters set; '{}' is every recommendation of the country, which is what computations before this
-- migration clustered), suggestions labelled for a person (the members' dominant imported theme, or their telling
-- terms), and the reason each member is in its suggestion. Suggestions made before have no label (it is then read
-- as their terms) and no reasons.
alter table cluster_computation add column scope jsonb not null default '{}'::jsonb;

alter table cluster_suggestion add column label text;
alter table cluster_suggestion add column label_source text check (label_source in ('THEME', 'TERMS'));

alter table cluster_suggestion_member add column reason text;
alter table cluster_suggestion_member add column shared_themes text[];
alter table cluster_suggestion_member add column shared_affected_persons text[];
alter table cluster_suggestion_member add column text_similarity real;

-- A new computation discards the open suggestions of the country's earlier computations over the same scope.
create index cluster_suggestion_open_idx on cluster_suggestion (country, computation_id) where state = 'OPEN';
