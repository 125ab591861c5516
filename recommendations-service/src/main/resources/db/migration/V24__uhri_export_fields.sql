-- Fields of the UHRI's bulk JSON export that had no column: the recommending States' regional groups, OHCHR's id of
-- the source document, and the date the record appeared in the index. And, per import job, the records of a
-- multi-country file that concern no State the import is for (a coordinator's import keeps only its own).
alter table recommendation add column recommending_regions text[] not null default '{}';
alter table recommendation add column uhri_document_id uuid;
alter table recommendation add column uhri_publication_date date;

alter table import_job add column out_of_scope integer not null default 0;
alter table import_job add column out_of_scope_countries text[] not null default '{}';
