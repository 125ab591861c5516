-- Clusters and follow-up were built side by side: an action's clusters and a cluster's lead institution now refer to
-- existing rows. A deleted cluster leaves the actions it was linked to (the link goes with it).
delete from action_cluster ac where not exists (select 1 from cluster c where c.id = ac.cluster_id);
alter table action_cluster add constraint action_cluster_cluster_fk
    foreign key (cluster_id) references cluster (id) on delete cascade;
update cluster c set lead_institution_id = null
    where lead_institution_id is not null and not exists (select 1 from institution i where i.id = c.lead_institution_id);
alter table cluster add constraint cluster_lead_institution_fk
    foreign key (lead_institution_id) references institution (id);
