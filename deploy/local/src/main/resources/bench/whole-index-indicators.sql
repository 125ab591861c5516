-- The indicators that go with the whole index (deploy/bench/reads.sh): 25 national indicators per State of the UN
-- (195), each with SEX and AGE as dimensions, a baseline, a target, links to SDG indicators, to a human-rights
-- indicator and to that State's synthetic recommendations, and 15 years (2008-2022) of 15 series each: the total,
-- SEX F and M, four AGE groups, and the eight SEX x AGE combinations. 1,096,875 observations in all.
-- Set-based, identifiers derived from row numbers (md5), the same rows every run. ${...} filled in by
-- org.opennrtd.local.WholeIndex.

select setseed(0.42);
set synchronous_commit = off;

create temporary table bench_country (idx int primary key, code char(3) not null) on commit drop;
insert into bench_country
select o - 1, c from unnest(string_to_array('${countries}', ' ')) with ordinality as u(c, o);

create temporary table bench_series (dims_key text primary key, dims jsonb not null) on commit drop;
insert into bench_series values
  ('', '{}'), ('SEX=F', '{"SEX":"F"}'), ('SEX=M', '{"SEX":"M"}'),
  ('AGE=Y0T14', '{"AGE":"Y0T14"}'), ('AGE=Y15T24', '{"AGE":"Y15T24"}'), ('AGE=Y25T64', '{"AGE":"Y25T64"}'),
  ('AGE=Y_GE65', '{"AGE":"Y_GE65"}'),
  ('AGE=Y0T14|SEX=F', '{"AGE":"Y0T14","SEX":"F"}'), ('AGE=Y15T24|SEX=F', '{"AGE":"Y15T24","SEX":"F"}'),
  ('AGE=Y25T64|SEX=F', '{"AGE":"Y25T64","SEX":"F"}'), ('AGE=Y_GE65|SEX=F', '{"AGE":"Y_GE65","SEX":"F"}'),
  ('AGE=Y0T14|SEX=M', '{"AGE":"Y0T14","SEX":"M"}'), ('AGE=Y15T24|SEX=M', '{"AGE":"Y15T24","SEX":"M"}'),
  ('AGE=Y25T64|SEX=M', '{"AGE":"Y25T64","SEX":"M"}'), ('AGE=Y_GE65|SEX=M', '{"AGE":"Y_GE65","SEX":"M"}');

create temporary table bench_indicator on commit drop as
select c.idx, c.code as country, n, md5('bench-indicator-' || c.idx || '-' || n)::uuid as id,
       (select code from sdg_indicator order by ordinal offset (c.idx * 25 + n) % (select count(*) from sdg_indicator)
        limit 1) as sdg_indicator,
       (select code from hr_indicator order by code offset n % (select count(*) from hr_indicator) limit 1) as hr_indicator
from bench_country c cross join generate_series(1, 25) as n;

insert into national_indicator (id, country, code, name, definition, unit, computation_method, provider_institution,
                                provider_name, periodicity, dimensions, sdg_indicators, sdg_targets, rights,
                                right_attributes, hr_indicators, recommendation_ids, action_ids, baseline_value,
                                baseline_date, target_value, target_date, created_at, updated_at, version)
select i.id, i.country, 'BENCH-' || i.n, 'Indicator ' || i.n || ' of the national framework',
       'Share of the population concerned, by sex and age.', 'PERCENT', 'Numerator over denominator, times 100.',
       'national-statistics-office', 'National Statistics Office', 'ANNUAL', array['SEX', 'AGE'],
       array_remove(array[i.sdg_indicator], null),
       array_remove(array[(select target_code from sdg_indicator where code = i.sdg_indicator)], null),
       array_remove(array[(select h.code from hr_right h join hr_attribute a on a.right_code = h.code
                                join hr_indicator x on x.attribute_code = a.code where x.code = i.hr_indicator)], null),
       array_remove(array[(select attribute_code from hr_indicator where code = i.hr_indicator)], null),
       array_remove(array[i.hr_indicator], null),
       -- Four of the State's synthetic recommendations (ordinal k is row k * countryCount + idx there).
       array(select md5('bench-recommendation-' || ((i.n * 4 + t) * ${countryCount} + i.idx))::uuid
             from generate_series(0, 3) as t),
       '{}', 40 + i.n, date '2010-12-31', 80 + i.n % 15, date '2030-12-31', now(), now(), 0
from bench_indicator i;

insert into observation (id, indicator_id, period, period_start, period_end, dims_key, dims, value, status, source,
                         note, created_at, updated_at, version)
select md5('bench-observation-' || i.idx || '-' || i.n || '-' || y || '-' || s.dims_key)::uuid, i.id, y::text,
       make_date(y, 1, 1), make_date(y, 12, 31), s.dims_key, s.dims,
       round((40 + i.n + (y - 2008) * (0.5 + (i.idx % 5) * 0.3) + random() * 4 - 2)::numeric, 2)::double precision,
       case when y >= 2022 then 'PROVISIONAL' else 'FINAL' end, 'National Statistics Office', null, now(), now(), 0
from bench_indicator i cross join generate_series(2008, 2022) as y cross join bench_series s;
