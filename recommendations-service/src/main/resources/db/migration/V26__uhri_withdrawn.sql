-- Annotations that a later complete UHRI export no longer holds are kept and marked withdrawn, never deleted:
-- uhri_last_seen_at is when a UHRI export last held the record (null for records no UHRI import has held since this
-- version), uhri_withdrawn_at when a complete export of its State was found to lack it (null while the UHRI holds
-- it). An import job says whether its file was a complete export, and how many records it withdrew and restored.
alter table recommendation add column uhri_last_seen_at timestamptz;
alter table recommendation add column uhri_withdrawn_at timestamptz;
create index recommendation_uhri_withdrawn_idx on recommendation (country) where uhri_withdrawn_at is not null;

alter table import_job add column complete boolean not null default false;
alter table import_job add column withdrawn integer not null default 0;
alter table import_job add column restored integer not null default 0;
