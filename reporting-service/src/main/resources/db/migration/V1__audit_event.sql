-- The reporting service's own data. For now only the audit trail every OpenNRTD service keeps (same shape as in
-- the other services), ready for the stored report versions that come next.

create table audit_event (
    id            uuid primary key,
    occurred_at   timestamptz not null,
    actor         text not null,
    action        text not null,
    resource_type text not null,
    resource_id   uuid not null,
    before_state  jsonb,
    after_state   jsonb
);
create index audit_event_resource_idx on audit_event (resource_type, resource_id, occurred_at);
