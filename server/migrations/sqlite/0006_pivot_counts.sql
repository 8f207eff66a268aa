-- The pivot of a whole campaign (opinions and households per thôn/tổ × topic, households per
-- thôn/tổ, issues per cell) read from counts kept in the same transaction as every write to
-- opinions, instead of scanning a province-sized campaign on each click. Households are
-- counted through multisets (how many opinions of the household in the cell or group): a
-- count moves when a multiset entry goes from 0 to 1 or back. Entries may pass through zero
-- or below while the triggers of one statement run in any order; only the transitions count.

create table pivot_cells (
    campaign_id blob not null,
    group_id blob not null,
    topic_id blob not null,
    opinions integer not null,
    households integer not null,
    primary key (campaign_id, group_id, topic_id)
) without rowid;
create table pivot_cell_households (
    campaign_id blob not null,
    group_id blob not null,
    topic_id blob not null,
    household_key text not null,
    opinions integer not null,
    primary key (campaign_id, group_id, topic_id, household_key)
) without rowid;
create table pivot_group_households (
    campaign_id blob not null,
    group_id blob not null,
    household_key text not null,
    opinions integer not null,
    primary key (campaign_id, group_id, household_key)
) without rowid;
create table pivot_groups (
    campaign_id blob not null,
    group_id blob not null,
    households integer not null,
    primary key (campaign_id, group_id)
) without rowid;
create table pivot_cell_issues (
    campaign_id blob not null,
    group_id blob not null,
    topic_id blob not null,
    issue_id blob not null,
    opinions integer not null,
    primary key (campaign_id, group_id, topic_id, issue_id)
) without rowid;

-- what is already there
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

create trigger pivot_on_insert after insert on opinions begin
    insert into pivot_cells (campaign_id, group_id, topic_id, opinions, households)
        values (new.campaign_id, new.group_id, new.topic_id, 1, 0)
        on conflict (campaign_id, group_id, topic_id) do update set opinions = opinions + 1;
    insert into pivot_cell_households (campaign_id, group_id, topic_id, household_key, opinions)
        select new.campaign_id, new.group_id, new.topic_id, new.household_key, 1
         where new.household_key is not null
        on conflict (campaign_id, group_id, topic_id, household_key)
        do update set opinions = opinions + 1;
    update pivot_cells set households = households + 1
     where campaign_id = new.campaign_id and group_id = new.group_id and topic_id = new.topic_id
       and new.household_key is not null
       and (select opinions from pivot_cell_households h
             where h.campaign_id = new.campaign_id and h.group_id = new.group_id
               and h.topic_id = new.topic_id and h.household_key = new.household_key) = 1;
    insert into pivot_group_households (campaign_id, group_id, household_key, opinions)
        select new.campaign_id, new.group_id, new.household_key, 1
         where new.household_key is not null
        on conflict (campaign_id, group_id, household_key) do update set opinions = opinions + 1;
    insert into pivot_groups (campaign_id, group_id, households)
        select new.campaign_id, new.group_id, 1
         where new.household_key is not null
           and (select opinions from pivot_group_households h
                 where h.campaign_id = new.campaign_id and h.group_id = new.group_id
                   and h.household_key = new.household_key) = 1
        on conflict (campaign_id, group_id) do update set households = households + 1;
    insert into pivot_cell_issues (campaign_id, group_id, topic_id, issue_id, opinions)
        select new.campaign_id, new.group_id, new.topic_id, new.issue_id, 1
         where new.issue_id is not null
        on conflict (campaign_id, group_id, topic_id, issue_id)
        do update set opinions = opinions + 1;
end;

create trigger pivot_on_delete after delete on opinions begin
    insert into pivot_cells (campaign_id, group_id, topic_id, opinions, households)
        values (old.campaign_id, old.group_id, old.topic_id, -1, 0)
        on conflict (campaign_id, group_id, topic_id) do update set opinions = opinions + -1;
    insert into pivot_cell_households (campaign_id, group_id, topic_id, household_key, opinions)
        select old.campaign_id, old.group_id, old.topic_id, old.household_key, -1
         where old.household_key is not null
        on conflict (campaign_id, group_id, topic_id, household_key)
        do update set opinions = opinions + -1;
    update pivot_cells set households = households - 1
     where campaign_id = old.campaign_id and group_id = old.group_id and topic_id = old.topic_id
       and old.household_key is not null
       and (select opinions from pivot_cell_households h
             where h.campaign_id = old.campaign_id and h.group_id = old.group_id
               and h.topic_id = old.topic_id and h.household_key = old.household_key) = 0;
    insert into pivot_group_households (campaign_id, group_id, household_key, opinions)
        select old.campaign_id, old.group_id, old.household_key, -1
         where old.household_key is not null
        on conflict (campaign_id, group_id, household_key) do update set opinions = opinions + -1;
    insert into pivot_groups (campaign_id, group_id, households)
        select old.campaign_id, old.group_id, -1
         where old.household_key is not null
           and (select opinions from pivot_group_households h
                 where h.campaign_id = old.campaign_id and h.group_id = old.group_id
                   and h.household_key = old.household_key) = 0
        on conflict (campaign_id, group_id) do update set households = households - 1;
    insert into pivot_cell_issues (campaign_id, group_id, topic_id, issue_id, opinions)
        select old.campaign_id, old.group_id, old.topic_id, old.issue_id, -1
         where old.issue_id is not null
        on conflict (campaign_id, group_id, topic_id, issue_id)
        do update set opinions = opinions + -1;
end;

create trigger pivot_on_update
after update of campaign_id, group_id, topic_id, household_key, issue_id on opinions begin
    insert into pivot_cells (campaign_id, group_id, topic_id, opinions, households)
        values (old.campaign_id, old.group_id, old.topic_id, -1, 0)
        on conflict (campaign_id, group_id, topic_id) do update set opinions = opinions + -1;
    insert into pivot_cell_households (campaign_id, group_id, topic_id, household_key, opinions)
        select old.campaign_id, old.group_id, old.topic_id, old.household_key, -1
         where old.household_key is not null
        on conflict (campaign_id, group_id, topic_id, household_key)
        do update set opinions = opinions + -1;
    update pivot_cells set households = households - 1
     where campaign_id = old.campaign_id and group_id = old.group_id and topic_id = old.topic_id
       and old.household_key is not null
       and (select opinions from pivot_cell_households h
             where h.campaign_id = old.campaign_id and h.group_id = old.group_id
               and h.topic_id = old.topic_id and h.household_key = old.household_key) = 0;
    insert into pivot_group_households (campaign_id, group_id, household_key, opinions)
        select old.campaign_id, old.group_id, old.household_key, -1
         where old.household_key is not null
        on conflict (campaign_id, group_id, household_key) do update set opinions = opinions + -1;
    insert into pivot_groups (campaign_id, group_id, households)
        select old.campaign_id, old.group_id, -1
         where old.household_key is not null
           and (select opinions from pivot_group_households h
                 where h.campaign_id = old.campaign_id and h.group_id = old.group_id
                   and h.household_key = old.household_key) = 0
        on conflict (campaign_id, group_id) do update set households = households - 1;
    insert into pivot_cell_issues (campaign_id, group_id, topic_id, issue_id, opinions)
        select old.campaign_id, old.group_id, old.topic_id, old.issue_id, -1
         where old.issue_id is not null
        on conflict (campaign_id, group_id, topic_id, issue_id)
        do update set opinions = opinions + -1;
    insert into pivot_cells (campaign_id, group_id, topic_id, opinions, households)
        values (new.campaign_id, new.group_id, new.topic_id, 1, 0)
        on conflict (campaign_id, group_id, topic_id) do update set opinions = opinions + 1;
    insert into pivot_cell_households (campaign_id, group_id, topic_id, household_key, opinions)
        select new.campaign_id, new.group_id, new.topic_id, new.household_key, 1
         where new.household_key is not null
        on conflict (campaign_id, group_id, topic_id, household_key)
        do update set opinions = opinions + 1;
    update pivot_cells set households = households + 1
     where campaign_id = new.campaign_id and group_id = new.group_id and topic_id = new.topic_id
       and new.household_key is not null
       and (select opinions from pivot_cell_households h
             where h.campaign_id = new.campaign_id and h.group_id = new.group_id
               and h.topic_id = new.topic_id and h.household_key = new.household_key) = 1;
    insert into pivot_group_households (campaign_id, group_id, household_key, opinions)
        select new.campaign_id, new.group_id, new.household_key, 1
         where new.household_key is not null
        on conflict (campaign_id, group_id, household_key) do update set opinions = opinions + 1;
    insert into pivot_groups (campaign_id, group_id, households)
        select new.campaign_id, new.group_id, 1
         where new.household_key is not null
           and (select opinions from pivot_group_households h
                 where h.campaign_id = new.campaign_id and h.group_id = new.group_id
                   and h.household_key = new.household_key) = 1
        on conflict (campaign_id, group_id) do update set households = households + 1;
    insert into pivot_cell_issues (campaign_id, group_id, topic_id, issue_id, opinions)
        select new.campaign_id, new.group_id, new.topic_id, new.issue_id, 1
         where new.issue_id is not null
        on conflict (campaign_id, group_id, topic_id, issue_id)
        do update set opinions = opinions + 1;
end;
