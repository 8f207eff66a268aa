-- The pivot of a whole campaign (opinions and households per thôn/tổ × topic, households per
-- thôn/tổ, issues per cell) read from counts kept in the same transaction as every write to
-- opinions, instead of scanning a province-sized campaign on each click. Households are
-- counted through multisets (how many opinions of the household in the cell or group): a
-- count moves when a multiset entry goes from 0 to 1 or back.

create table pivot_cells (
    campaign_id uuid not null,
    group_id uuid not null,
    topic_id uuid not null,
    opinions bigint not null,
    households bigint not null,
    primary key (campaign_id, group_id, topic_id)
);
create table pivot_cell_households (
    campaign_id uuid not null,
    group_id uuid not null,
    topic_id uuid not null,
    household_key text not null,
    opinions bigint not null,
    primary key (campaign_id, group_id, topic_id, household_key)
);
create table pivot_group_households (
    campaign_id uuid not null,
    group_id uuid not null,
    household_key text not null,
    opinions bigint not null,
    primary key (campaign_id, group_id, household_key)
);
create table pivot_groups (
    campaign_id uuid not null,
    group_id uuid not null,
    households bigint not null,
    primary key (campaign_id, group_id)
);
create table pivot_cell_issues (
    campaign_id uuid not null,
    group_id uuid not null,
    topic_id uuid not null,
    issue_id uuid not null,
    opinions bigint not null,
    primary key (campaign_id, group_id, topic_id, issue_id)
);

insert into pivot_cell_households (campaign_id, group_id, topic_id, household_key, opinions)
    select campaign_id, group_id, topic_id, household_key, count(*) from opinions
     where household_key is not null group by 1, 2, 3, 4;
insert into pivot_group_households (campaign_id, group_id, household_key, opinions)
    select campaign_id, group_id, household_key, count(*) from opinions
     where household_key is not null group by 1, 2, 3;
insert into pivot_cells (campaign_id, group_id, topic_id, opinions, households)
    select o.campaign_id, o.group_id, o.topic_id, count(*),
           (select count(*) from pivot_cell_households h
             where h.campaign_id = o.campaign_id and h.group_id = o.group_id
               and h.topic_id = o.topic_id)
      from opinions o group by 1, 2, 3;
insert into pivot_groups (campaign_id, group_id, households)
    select campaign_id, group_id, count(*) from pivot_group_households group by 1, 2;
insert into pivot_cell_issues (campaign_id, group_id, topic_id, issue_id, opinions)
    select campaign_id, group_id, topic_id, issue_id, count(*) from opinions
     where issue_id is not null group by 1, 2, 3, 4;

-- Adds (d = 1) or takes away (d = -1) one opinion's share of the counts.
create function pivot_delta(o opinions, d integer) returns void
language plpgsql as $$
declare
    n bigint;
begin
    -- One writer at a time per campaign: two transactions touching the same cells in another
    -- order would otherwise deadlock on the count rows.
    perform pg_advisory_xact_lock(hashtext('pivot'), hashtext(o.campaign_id::text));
    insert into pivot_cells (campaign_id, group_id, topic_id, opinions, households)
        values (o.campaign_id, o.group_id, o.topic_id, d, 0)
        on conflict (campaign_id, group_id, topic_id)
        do update set opinions = pivot_cells.opinions + d;
    if o.household_key is not null then
        insert into pivot_cell_households as h
            (campaign_id, group_id, topic_id, household_key, opinions)
            values (o.campaign_id, o.group_id, o.topic_id, o.household_key, d)
            on conflict (campaign_id, group_id, topic_id, household_key)
            do update set opinions = h.opinions + d
            returning h.opinions into n;
        if (d = 1 and n = 1) or (d = -1 and n = 0) then
            update pivot_cells set households = households + d
             where campaign_id = o.campaign_id and group_id = o.group_id
               and topic_id = o.topic_id;
        end if;
        insert into pivot_group_households as h
            (campaign_id, group_id, household_key, opinions)
            values (o.campaign_id, o.group_id, o.household_key, d)
            on conflict (campaign_id, group_id, household_key)
            do update set opinions = h.opinions + d
            returning h.opinions into n;
        if (d = 1 and n = 1) or (d = -1 and n = 0) then
            insert into pivot_groups as g (campaign_id, group_id, households)
                values (o.campaign_id, o.group_id, d)
                on conflict (campaign_id, group_id)
                do update set households = g.households + d;
        end if;
    end if;
    if o.issue_id is not null then
        insert into pivot_cell_issues as i (campaign_id, group_id, topic_id, issue_id, opinions)
            values (o.campaign_id, o.group_id, o.topic_id, o.issue_id, d)
            on conflict (campaign_id, group_id, topic_id, issue_id)
            do update set opinions = i.opinions + d;
    end if;
end;
$$;

create function pivot_follow_opinions() returns trigger
language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        perform pivot_delta(old, -1);
    end if;
    if tg_op in ('UPDATE', 'INSERT') then
        perform pivot_delta(new, 1);
    end if;
    return null; -- ignored for an after trigger
end;
$$;

create trigger pivot_on_insert_or_delete after insert or delete on opinions
for each row execute function pivot_follow_opinions();
create trigger pivot_on_update
after update of campaign_id, group_id, topic_id, household_key, issue_id on opinions
for each row
when ((old.campaign_id, old.group_id, old.topic_id, old.household_key, old.issue_id)
      is distinct from (new.campaign_id, new.group_id, new.topic_id, new.household_key, new.issue_id))
execute function pivot_follow_opinions();
