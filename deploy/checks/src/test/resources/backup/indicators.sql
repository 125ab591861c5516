insert into audit_event (id, occurred_at, actor, action, resource_type, resource_id, before_state, after_state)
select gen_random_uuid(), now(), 'admin', 'CREATE', 'national-indicator', gen_random_uuid(), null,
    jsonb_build_object('code', 'EDU-' || n) from generate_series(1, 50) n;
