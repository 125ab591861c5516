-- The whole index, synthetic, for the read benchmark (deploy/bench/reads.sh): 268,000 recommendations over the 195
-- States of the UN (the 193 members and the two observer States), about 1,374 each, with the follow-up a State
-- keeps on them, in proportions taken from the demo's real matrix and the UHRI's own mix:
--   mechanisms 55 % UPR, 35 % treaty bodies, 10 % special procedures; UPR positions 62 % supported, 33 % noted;
--   1 to 3 themes, 1 to 2 affected persons and 0 to 3 UHRI SDG targets per record; a follow-up row on 60 %;
--   12 institutions per State; an action per 4 recommendations (linked to 1 to 3 of them), 2 milestones and
--   2 progress updates per action; SDG links on 40 % of the records; a comment per 10 records.
-- Set-based (INSERT ... SELECT over generate_series), so it runs at the speed of COPY, not of 268,000 HTTP calls.
-- Identifiers are derived from the row number (md5), so every run makes the same rows; random() is seeded.
-- ${...} are filled in by org.opennrtd.local.WholeIndex.

select setseed(0.42);
set synchronous_commit = off;

create temporary table bench_country (idx int primary key, code char(3) not null) on commit drop;
insert into bench_country
select o - 1, c from unnest(string_to_array('${countries}', ' ')) with ordinality as u(c, o);

create temporary table bench_vocabulary on commit drop as
select array['Take further measures to ensure', 'Strengthen its efforts to guarantee',
             'Adopt a comprehensive strategy to promote', 'Continue its efforts to protect',
             'Allocate sufficient resources to improve', 'Ensure the effective implementation of legislation on',
             'Step up measures to combat discrimination in', 'Develop a national action plan on',
             'Consider ratifying the instruments relating to', 'Intensify awareness-raising campaigns on']
           as verbs,
       array['the right to education', 'access to health care', 'the independence of the judiciary',
             'freedom of expression', 'the prohibition of torture', 'violence against women',
             'the rights of the child', 'access to justice', 'the right to adequate housing',
             'the right to work', 'gender equality', 'trafficking in persons', 'the rights of persons with disabilities',
             'freedom of peaceful assembly', 'conditions of detention', 'the right to water and sanitation',
             'birth registration', 'the rights of indigenous peoples', 'the right to social security',
             'hate speech', 'the national human rights institution', 'cooperation with treaty bodies',
             'climate change and the environment', 'the right to food', 'freedom of religion or belief']
           as objects,
       array['Right to education', 'Right to health', 'Administration of justice', 'Freedom of opinion and expression',
             'Torture and other cruel, inhuman or degrading treatment', 'Violence against women',
             'Rights of the child', 'Access to justice', 'Right to adequate housing', 'Right to work',
             'Gender equality', 'Trafficking in persons', 'Persons with disabilities', 'Freedom of assembly',
             'Conditions of detention', 'Right to water and sanitation', 'Birth registration', 'Indigenous peoples',
             'Right to social security', 'Hate speech', 'National human rights institution',
             'Cooperation with treaty bodies', 'Environment', 'Right to food', 'Freedom of religion or belief']
           as themes,
       array['4.1', '3.8', '16.3', '16.10', '16.1', '5.2', '16.2', '16.3', '11.1', '8.5', '5.1', '16.2', '10.2',
             '16.10', '16.3', '6.1', '16.9', '10.2', '1.3', '16.b', '16.a', '17.18', '13.1', '2.1', '16.b']
           as targets,
       array['children', 'women and girls', 'persons with disabilities', 'migrants', 'minorities', 'older persons',
             'indigenous peoples', 'persons deprived of their liberty', 'rural populations', 'youth',
             'refugees and asylum-seekers', 'persons living in poverty']
           as groups,
       array['Children', 'Women and girls', 'Persons with disabilities', 'Migrants', 'Minorities', 'Older persons',
             'Indigenous peoples', 'Persons deprived of their liberty', 'Rural populations', 'Youth',
             'Refugees and asylum-seekers', 'Persons living in poverty']
           as persons,
       array['CRC', 'CEDAW', 'CCPR', 'CESCR', 'CAT', 'CERD', 'CRPD', 'CMW', 'CED'] as treaty_bodies,
       array['SR on education', 'SR on health', 'SR on torture', 'SR on violence against women',
             'SR on freedom of expression', 'SR on adequate housing', 'SR on extreme poverty',
             'SR on the rights of indigenous peoples'] as special_procedures,
       array['Portugal', 'Paraguay', 'Morocco', 'Ukraine', 'Canada', 'Germany', 'Spain', 'Netherlands', 'Iceland',
             'Mexico', 'Brazil', 'Japan', 'Senegal', 'Chile', 'Norway', 'India', 'Ghana', 'Philippines', 'Fiji',
             'Uruguay'] as states;

create temporary table bench_recommendation on commit drop as
select g.i,
       md5('bench-recommendation-' || g.i)::uuid as id,
       (select code from bench_country where idx = g.i % ${countryCount}) as country,
       g.i / ${countryCount} as ordinal,
       case when g.m < 0.55 then 'UPR' when g.m < 0.90 then 'TREATY_BODY' else 'SPECIAL_PROCEDURE' end as mechanism,
       1 + floor(g.r1 * 25)::int as o1, 1 + floor(g.r2 * 25)::int as o2, 1 + floor(g.r3 * 12)::int as p1,
       1 + floor(g.r4 * 12)::int as p2, 1 + floor(g.r5 * 10)::int as v, 1 + floor(g.r6 * 4)::int as cycle,
       g.r7 as r7, g.r8 as r8, g.r9 as r9
from (select i, random() as m, random() as r1, random() as r2, random() as r3, random() as r4, random() as r5,
             random() as r6, random() as r7, random() as r8, random() as r9
      from generate_series(0, ${recommendations} - 1) as s(i)) g;

insert into recommendation (id, country, text, mechanism, body, document_symbol, paragraph, uhri_annotation_id,
                            upr_cycle, upr_session, recommending_states, position, themes, affected_persons,
                            sdg_targets, sdg_goals, publication_date, created_at, updated_at, version)
select b.id, b.country,
       v.verbs[b.v] || ' ' || v.objects[b.o1] || ' for ' || v.groups[b.p1]
           || case when b.r7 < 0.5 then ', and in particular ' || v.objects[b.o2] || ' of ' || v.groups[b.p2]
                   else '' end
           || ', in line with its international obligations (' || b.i || ').',
       b.mechanism,
       case b.mechanism when 'UPR' then 'UPR'
                        when 'TREATY_BODY' then v.treaty_bodies[1 + b.i % 9]
                        else v.special_procedures[1 + b.i % 8] end,
       case b.mechanism when 'UPR' then 'BENCH/HRC/' || b.country || '/' || b.cycle
                        when 'TREATY_BODY' then 'BENCH/' || v.treaty_bodies[1 + b.i % 9] || '/C/' || b.country || '/CO/' || b.cycle
                        else 'BENCH/SP/' || b.country || '/' || b.cycle end,
       (100 + b.ordinal / 200) || '.' || (b.ordinal % 200 + 1),
       md5('bench-annotation-' || b.i)::uuid,
       case when b.mechanism = 'UPR' then b.cycle end,
       case when b.mechanism = 'UPR' then b.cycle * 12 + b.i % 12 end,
       case when b.mechanism = 'UPR'
            then case when b.r8 < 0.3 then array[v.states[1 + b.i % 20], v.states[1 + (b.i / 7) % 20]]
                      else array[v.states[1 + b.i % 20]] end
            else '{}'::text[] end,
       case when b.mechanism <> 'UPR' then 'PENDING'
            when b.r9 < 0.62 then 'SUPPORTED' when b.r9 < 0.95 then 'NOTED' else 'SUPPORTED_IN_PART' end,
       case when b.r7 < 0.5 and b.o2 <> b.o1 then array[v.themes[b.o1], v.themes[b.o2]] else array[v.themes[b.o1]] end,
       case when b.r7 < 0.5 and b.p2 <> b.p1 then array[v.persons[b.p1], v.persons[b.p2]] else array[v.persons[b.p1]] end,
       case when b.r8 < 0.2 then '{}'::text[]
            when b.r7 < 0.5 and v.targets[b.o2] <> v.targets[b.o1] then array[v.targets[b.o1], v.targets[b.o2]]
            else array[v.targets[b.o1]] end,
       case when b.r8 < 0.2 then '{}'::int[]
            when b.r7 < 0.5 and split_part(v.targets[b.o2], '.', 1) <> split_part(v.targets[b.o1], '.', 1)
                then array[split_part(v.targets[b.o1], '.', 1)::int, split_part(v.targets[b.o2], '.', 1)::int]
            else array[split_part(v.targets[b.o1], '.', 1)::int] end,
       date '2008-04-01' + (b.cycle - 1) * 1650 + b.i % 300,
       now() - interval '400 days' + (b.i % 400) * interval '1 day',
       now() - interval '30 days' + (b.i % 30) * interval '1 day',
       0
from bench_recommendation b cross join bench_vocabulary v;

insert into uhri_sighting (recommendation_id, last_seen_at)
select id, now() - interval '1 day' from bench_recommendation;

insert into recommendation_tracking (recommendation_id, implementation_status, priority_level, status_note,
                                     updated_at, version)
select id,
       (array['NOT_STARTED', 'IN_PROGRESS', 'IN_PROGRESS', 'PARTIALLY_IMPLEMENTED', 'IMPLEMENTED'])[1 + i % 5],
       (array['HIGH', 'MEDIUM', 'LOW'])[1 + i % 3], 'Reviewed by the inter-ministerial committee.',
       now() - (i % 200) * interval '1 day', 1 + i % 3
from bench_recommendation where r8 < 0.6;

insert into institution (id, country, code, name, kind, description, created_at, updated_at, version)
select md5('bench-institution-' || c.idx || '-' || n)::uuid, c.code, 'bench-institution-' || n,
       (array['Ministry of Justice', 'Ministry of Education', 'Ministry of Health', 'Ministry of Labour',
              'Ministry of Foreign Affairs', 'Ministry of the Interior', 'Ministry of Social Affairs', 'Parliament',
              'Supreme Court', 'National Human Rights Institution', 'National Statistics Office',
              'Association of Municipalities'])[n],
       (array['MINISTRY', 'MINISTRY', 'MINISTRY', 'MINISTRY', 'MINISTRY', 'MINISTRY', 'MINISTRY', 'PARLIAMENT',
              'JUDICIARY', 'NHRI', 'AGENCY', 'LOCAL_GOVERNMENT'])[n],
       null, now(), now(), 0
from bench_country c cross join generate_series(1, 12) as n;

-- Action j belongs to State j % countryCount and takes up that State's recommendations 4a .. 4a+2 (a = j / countryCount).
create temporary table bench_action on commit drop as
select j, md5('bench-action-' || j)::uuid as id, j % ${countryCount} as country_idx,
       (select code from bench_country where idx = j % ${countryCount}) as country, j / ${countryCount} as a,
       1 + floor(random() * 3)::int as linked
from generate_series(0, ${recommendations} / 4 - 1) as s(j);

insert into action (id, country, title, description, lead_institution_id, start_date, end_date, budget_amount,
                    budget_currency, budget_source, budget_funded, legislative_action_required, created_at,
                    updated_at, version)
select a.id, a.country, 'Action ' || a.a || ': implementation programme',
       'Measures agreed with the responsible ministry, with benchmarks and a timeline.',
       md5('bench-institution-' || a.country_idx || '-' || (1 + a.j % 12))::uuid,
       date '2022-01-01' + a.j % 700, date '2024-01-01' + a.j % 900,
       case when a.j % 3 = 0 then 10000 + (a.j % 90) * 1000 end, case when a.j % 3 = 0 then 'EUR' end,
       case when a.j % 3 = 0 then 'State budget' end, case when a.j % 3 = 0 then a.j % 2 = 0 end,
       a.j % 10 = 0, now() - (a.j % 300) * interval '1 day', now() - (a.j % 30) * interval '1 day', 0
from bench_action a;

insert into action_recommendation (action_id, recommendation_id)
select a.id, md5('bench-recommendation-' || ((4 * a.a + t) * ${countryCount} + a.country_idx))::uuid
from bench_action a cross join generate_series(0, 2) as t
where t < a.linked and (4 * a.a + t) * ${countryCount} + a.country_idx < ${recommendations};

insert into action_supporting_institution (action_id, institution_id)
select a.id, md5('bench-institution-' || a.country_idx || '-' || (1 + (a.j + 5) % 12))::uuid from bench_action a;

-- A system in use has already sent the notices of milestones that fell due or overdue before today (they fire once):
-- without that, the scheduled job would spend the first minutes after a fill catching up on tens of thousands of
-- them, and the reads measured meanwhile would share the machine with it.
insert into milestone (id, action_id, title, description, due_date, status, achieved_date, due_notified_at,
                       overdue_notified_at, created_at, updated_at, version)
select id, action_id, title, null, due_date, status, achieved_date,
       case when due_date < current_date + 14 then now() end,
       case when status = 'PLANNED' and due_date < current_date then now() end, now(), now(), 0
from (select md5('bench-milestone-' || a.j || '-' || n)::uuid as id, a.id as action_id, 'Milestone ' || n as title,
             date '2024-06-30' + (a.j % 600) + n * 180 as due_date,
             case when n = 1 and a.j % 2 = 0 then 'ACHIEVED' else 'PLANNED' end as status,
             case when n = 1 and a.j % 2 = 0 then date '2024-06-30' + (a.j % 600) end as achieved_date
      from bench_action a cross join generate_series(1, 2) as n) as m;

insert into progress_update (id, action_id, institution_id, narrative, evidence_url, report_date, status, author,
                             submitted_at, reviewed_by, reviewed_at, created_at, updated_at, version)
select md5('bench-progress-' || a.j || '-' || n)::uuid, a.id,
       md5('bench-institution-' || a.country_idx || '-' || (1 + a.j % 12))::uuid,
       'Progress in period ' || n || ': the programme reached its benchmark in part.', null,
       date '2024-01-01' + (a.j % 500) + n * 120,
       (array['VALIDATED', 'VALIDATED', 'SUBMITTED', 'DRAFT'])[1 + (a.j + n) % 4], 'focal-point',
       now() - interval '20 days', case when (a.j + n) % 4 < 2 then 'coordinator' end,
       case when (a.j + n) % 4 < 2 then now() - interval '10 days' end, now(), now(), 0
from bench_action a cross join generate_series(1, 2) as n;

insert into sdg_link (recommendation_id, target_code, origin, created_by, created_at)
select b.id, t.code, case when b.i % 2 = 0 then 'SUGGESTED_ACCEPTED' else 'MANUAL' end, 'coordinator', now()
from bench_recommendation b cross join bench_vocabulary v
cross join lateral (select distinct unnest(case when b.r9 < 0.2 then array[v.targets[b.o1], v.targets[b.o2]]
                                                else array[v.targets[b.o1]] end) as code) t
where b.r7 < 0.4;

insert into comment (id, country, target_type, target_id, parent_id, author_name, author_role, author_institution,
                     text, created_at, updated_at, version)
select md5('bench-comment-' || b.i)::uuid, b.country, 'RECOMMENDATION', b.id, null, 'civil-society', 'civil-society',
       'human-rights-ngo', 'Our monitoring shows that implementation has not reached rural areas yet.',
       now() - (b.i % 90) * interval '1 day', now() - (b.i % 90) * interval '1 day', 0
from bench_recommendation b where b.i % 10 = 3;
