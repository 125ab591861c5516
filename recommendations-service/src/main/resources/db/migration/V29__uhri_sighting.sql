-- When a UHRI export last held each recommendation, kept apart from the recommendation. A daily pull of the whole
-- index marks every record it holds as seen: rewriting 250,000 wide recommendation rows (text, search vector, arrays,
-- a dozen indexes) for one time stamp cost as much as loading them, while this narrow table takes it in place (its
-- pages are half empty, so each day's new time stamps fit beside the old ones and no index changes).
create table uhri_sighting (
    recommendation_id uuid primary key references recommendation (id) on delete cascade,
    last_seen_at      timestamptz not null
) with (fillfactor = 50);

insert into uhri_sighting (recommendation_id, last_seen_at)
select id, uhri_last_seen_at from recommendation where uhri_last_seen_at is not null;

alter table recommendation drop column uhri_last_seen_at;
