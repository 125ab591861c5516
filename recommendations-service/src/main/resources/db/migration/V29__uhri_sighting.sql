-- When a UHRI export last held each recommendation, kept apart from the recommendation. A daily pull of the whole
-- index marks every record it holds as seen: rewriting 250,000 wide recommendation rows (text, search vector, arrays,
-- a dozen indexes) for one time stamp cost as much as loading them, while this narrow table takes it in place (its
-- pages are half empty, so each day's new time stamps fit beside the old ones and no index changes).
-- No foreign key, whose check would run once per row each time the whole index is marked seen: triggers forget the
-- sightings of deleted (or truncated) recommendations instead.
create table uhri_sighting (
    recommendation_id uuid primary key,
    last_seen_at      timestamptz not null
) with (fillfactor = 50);

create function uhri_sighting_forget() returns trigger language plpgsql as $$
begin
    delete from uhri_sighting s using gone g where s.recommendation_id = g.id;
    return null;
end;
$$;

create trigger recommendation_forget_sighting after delete on recommendation
    referencing old table as gone for each statement execute function uhri_sighting_forget();

create function uhri_sighting_forget_all() returns trigger language plpgsql as $$
begin
    truncate uhri_sighting;
    return null;
end;
$$;

create trigger recommendation_forget_all_sightings after truncate on recommendation
    for each statement execute function uhri_sighting_forget_all();

insert into uhri_sighting (recommendation_id, last_seen_at)
select id, uhri_last_seen_at from recommendation where uhri_last_seen_at is not null;

alter table recommendation drop column uhri_last_seen_at;
