-- Representative rows for the backup round trip: what imports and edits leave behind, including text that needs
-- quoting, arrays, dates and the generated search vector.
insert into recommendation (id, country, text, mechanism, body, document_symbol, paragraph, uhri_annotation_id,
    upr_cycle, upr_session, recommending_states, position, themes, affected_persons, sdg_targets, sdg_goals, regions,
    annotation_type, publication_date, created_at, updated_at, version)
select gen_random_uuid(), 'SVN', 'Ratify the Convention (No. ' || n || ') — «protect» migrants'' rights; tab	end',
    case when n % 3 = 0 then 'UPR' else 'TREATY_BODY' end, 'CRC', 'A/HRC/43/15', '121.' || n, gen_random_uuid(),
    3, 34, array['France', 'Lithuania'], case when n % 5 = 0 then 'NOTED' else 'SUPPORTED' end,
    array['Migrants', 'Acceptance of international norms'], array['Migrants'], array['10.7'], array[10], array['Europe'],
    'Recommendation', date '2020-03-01' + n, now(), now(), n % 3
from generate_series(1, 300) n;
insert into audit_event (id, occurred_at, actor, action, resource_type, resource_id, before_state, after_state)
select gen_random_uuid(), now(), 'coordinator-svn', 'UPDATE', 'recommendation', id,
    jsonb_build_object('text', 'old'), jsonb_build_object('text', text)
from recommendation;
insert into import_job (id, state, format, country, sha256, rows_total, created, problems, payload, created_by, created_at)
values (gen_random_uuid(), 'SUCCEEDED', 'UPR_MATRIX_DOCX', 'SVN', 'abc', 300, 300, '[{"row": 3, "message": "x"}]',
    null, 'coordinator-svn', now()),
       (gen_random_uuid(), 'QUEUED', 'UHRI_CSV', 'SVN', 'def', 2, 0, '[]', decode('1f8b0800', 'hex'), 'admin', now());
