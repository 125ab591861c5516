-- Cluster computations survive the loss of the replica running them: the replica holds a session-level advisory
-- lock on the computation for the whole run (released by PostgreSQL if it dies), records itself and counts the
-- attempt; another replica's poller finds a RUNNING computation whose lock is free and runs it again from scratch.
alter table cluster_computation add column claimed_by text;
alter table cluster_computation add column attempts integer not null default 0;
create index cluster_computation_unfinished_idx on cluster_computation (created_at) where state in ('QUEUED', 'RUNNING');
