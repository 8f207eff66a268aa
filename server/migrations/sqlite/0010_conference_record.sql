-- The record of the conference (hội nghị đối thoại) that the minutes (biên bản) are made from:
-- when and where, who chaired, who attended by delegation (seed 003 invites by level), and for
-- each speaker who answered on the spot. Opinions first raised at the conference are ordinary
-- opinions with source = 'conference' and no form.
create table conference_records (
    campaign_id blob primary key references campaigns (id),
    held_on text not null,
    place text not null default '',
    chairs text not null default '',
    secretary text not null default '',
    summary text not null default '',
    updated_by blob references users (id),
    updated_at text not null
);

create table conference_delegations (
    id blob primary key,
    campaign_id blob not null references campaigns (id),
    position integer not null,
    level text not null check (level in ('province', 'commune', 'group', 'other')),
    name text not null,
    attendees integer not null default 0
);
create index delegations_by_campaign on conference_delegations (campaign_id, position);

alter table conference_speakers add column answered_by text;
alter table opinions add column speaker_id blob references conference_speakers (id);
