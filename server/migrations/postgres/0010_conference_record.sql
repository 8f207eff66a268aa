-- As migrations/sqlite/0010.
-- The record of the conference (hội nghị đối thoại) that the minutes (biên bản) are made from:
-- when and where, who chaired, who attended by delegation (seed 003 invites by level), and for
-- each speaker who answered on the spot. Opinions first raised at the conference are ordinary
-- opinions with source = 'conference' and no form.
create table conference_records (
    campaign_id uuid primary key references campaigns (id),
    held_on date not null,
    place text not null default '',
    chairs text not null default '',
    secretary text not null default '',
    summary text not null default '',
    updated_by uuid references users (id),
    updated_at timestamptz not null
);

create table conference_delegations (
    id uuid primary key,
    campaign_id uuid not null references campaigns (id),
    position bigint not null,
    level text not null check (level in ('province', 'commune', 'group', 'other')),
    name text not null,
    attendees bigint not null default 0
);
create index delegations_by_campaign on conference_delegations (campaign_id, position);

alter table conference_speakers add column answered_by text;
alter table opinions add column speaker_id uuid references conference_speakers (id);
