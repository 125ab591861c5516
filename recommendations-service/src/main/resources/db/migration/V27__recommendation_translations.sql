-- Texts of recommendations in other UN languages than the original (English), from the UHRI's exports in those
-- languages, which carry the same annotation ids: one row per recommendation and language, holding its text as the
-- original's is stored (markup made plain text, the leading paragraph number split off). An import job says
-- which language its file was imported as (null: the original) and how many translations it stored or changed.
create table recommendation_translations (
    recommendation_id uuid not null references recommendation (id) on delete cascade,
    language          char(2) not null check (language in ('fr', 'es', 'ar', 'ru', 'zh')),
    text              text not null,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    primary key (recommendation_id, language)
);

alter table import_job add column language char(2) check (language in ('en', 'fr', 'es', 'ar', 'ru', 'zh'));
alter table import_job add column translated integer not null default 0;
