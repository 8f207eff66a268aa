-- Administration (issue 11), as migrations/sqlite/0007_administration.sql.
alter table users add column must_change_password boolean not null default false;
alter table residential_groups add column active boolean not null default true;
alter table residential_groups add column merged_into uuid references residential_groups (id);
create index audit_by_commune on audit_log (commune_id, id);
