-- The desk filters and counts opinions by respondent kind and household without joining forms
-- on every query (the pivot scans a whole campaign). Triggers keep the copies in step with the
-- form, so ingest code stays unaware of them.

alter table opinions add column respondent_kind text;
-- one key per household: the group plus the household as written, else the form, else the
-- opinion itself (conference opinions)
alter table opinions add column household_key text;

update opinions set
    respondent_kind = (select f.respondent_kind from forms f where f.id = opinions.form_id),
    household_key = coalesce(
        (select case when trim(coalesce(f.household, '')) = '' then 'form:' || hex(f.id)
                     else hex(f.group_id) || ':' || lower(trim(f.household)) end
         from forms f where f.id = opinions.form_id),
        'op:' || hex(opinions.id));

create trigger opinions_copy_form_on_insert after insert on opinions
begin
    update opinions set
        respondent_kind = (select f.respondent_kind from forms f where f.id = new.form_id),
        household_key = coalesce(
            (select case when trim(coalesce(f.household, '')) = '' then 'form:' || hex(f.id)
                         else hex(f.group_id) || ':' || lower(trim(f.household)) end
             from forms f where f.id = new.form_id),
            'op:' || hex(new.id))
    where id = new.id;
end;

create trigger forms_copy_to_opinions_on_update
after update of household, respondent_kind, group_id on forms
begin
    update opinions set
        respondent_kind = new.respondent_kind,
        household_key = case when trim(coalesce(new.household, '')) = '' then 'form:' || hex(new.id)
                             else hex(new.group_id) || ':' || lower(trim(new.household)) end
    where form_id = new.id;
end;

-- the intake list, newest first
create index opinions_by_campaign_time on opinions (campaign_id, created_at desc, id);
-- the pivot reads only this index, never the table
create index opinions_pivot on opinions (
    campaign_id, commune_id, group_id, topic_id, status, urgency, respondent_kind, issue_id,
    household_key
);
create index assignments_open_by_issue on assignments (issue_id, status);
