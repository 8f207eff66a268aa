-- Administration (issue 11): a first administrator must choose their own password; groups can
-- be deactivated or merged into another after a reorganisation, keeping their history.
alter table users add column must_change_password integer not null default 0;
alter table residential_groups add column active integer not null default 1;
alter table residential_groups add column merged_into blob references residential_groups (id);
create index audit_by_commune on audit_log (commune_id, id);
