-- The desk filters and counts opinions by respondent kind and household without joining forms
-- on every query (the pivot scans a whole campaign). Triggers keep the copies in step with the
-- form, so ingest code stays unaware of them.
--
-- PostgreSQL translation of migrations/sqlite/0002_desk.sql. The household keys come out
-- character for character as SQLite's, so both backends count the same households:
-- SQLite's hex() of a 16-byte id is 32 upper-case hex digits, rebuilt from the uuid's text form;
-- SQLite's lower() folds ASCII letters only, and so does lower() under the "C" collation,
-- whatever the database's locale ("Ông" stays "Ông"); trim() removes spaces only in both.

alter table opinions add column respondent_kind text;
-- one key per household: the group plus the household as written, else the form, else the
-- opinion itself (conference opinions)
alter table opinions add column household_key text;

-- SQLite's hex(id) for a uuid: 'A1B2...' without dashes
create function uuid_hex(id uuid) returns text
language sql immutable parallel safe
return upper(replace(id::text, '-', ''));

-- the key of a form's household; the backfill and both triggers share it (SQLite repeats the
-- expression three times)
create function opinion_household_key(form_id uuid, group_id uuid, household text) returns text
language sql immutable parallel safe
return case when trim(coalesce(household, '')) = '' then 'form:' || uuid_hex(form_id)
            else uuid_hex(group_id) || ':' || lower(trim(household) collate "C") end;

update opinions set
    respondent_kind = (select f.respondent_kind from forms f where f.id = opinions.form_id),
    household_key = coalesce(
        (select opinion_household_key(f.id, f.group_id, f.household)
         from forms f where f.id = opinions.form_id),
        'op:' || uuid_hex(opinions.id));

-- SQLite's "after insert ... update opinions ... where id = new.id" is here a before-insert
-- trigger that fills in the new row itself: the same stored values (whatever the insert gave for
-- these two columns is overwritten, as there) without writing the row twice. The upsert's
-- "on conflict do update" in the sync code sets neither column, so a before-insert trigger that
-- also runs for a row that turns into an update changes nothing there.
create function opinions_copy_form() returns trigger
language plpgsql as $$
begin
    -- no form (a conference opinion): "select into" finding no row sets both to null
    select f.respondent_kind, opinion_household_key(f.id, f.group_id, f.household)
      into new.respondent_kind, new.household_key
      from forms f where f.id = new.form_id;
    new.household_key := coalesce(new.household_key, 'op:' || uuid_hex(new.id));
    return new;
end
$$;

create trigger opinions_copy_form_on_insert before insert on opinions
for each row execute function opinions_copy_form();

create function forms_copy_to_opinions() returns trigger
language plpgsql as $$
begin
    update opinions set
        respondent_kind = new.respondent_kind,
        household_key = opinion_household_key(new.id, new.group_id, new.household)
    where form_id = new.id;
    return null; -- ignored for an after trigger
end
$$;

-- like SQLite's "update of", fires when the update names one of the columns, changed or not
create trigger forms_copy_to_opinions_on_update
after update of household, respondent_kind, group_id on forms
for each row execute function forms_copy_to_opinions();

-- the intake list, newest first
create index opinions_by_campaign_time on opinions (campaign_id, created_at desc, id);
-- the pivot reads only this index, never the table (in PostgreSQL: an index-only scan, once
-- autovacuum has marked the pages all-visible)
create index opinions_pivot on opinions (
    campaign_id, commune_id, group_id, topic_id, status, urgency, respondent_kind, issue_id,
    household_key
);
create index assignments_open_by_issue on assignments (issue_id, status);
