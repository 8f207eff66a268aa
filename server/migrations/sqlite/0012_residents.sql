-- Residents: what staff publish, the consent text each form was filled under, how long
-- personal data is kept after a campaign closes, and receipt-code lookups counted per address.

-- Every form with consent before versioned texts was filled under version 1.
alter table forms add column consent_version text;
update forms set consent_version = '1' where consent = 1;

-- The conclusion notice is published with the campaign's results, by staff or the chair.
alter table campaigns add column notice_published integer not null default 0;
-- Retention counts from the closing; campaigns closed before this release count from now.
alter table campaigns add column closed_at text;
update campaigns set closed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') where stage = 'closed';
alter table campaigns add column personal_data_erased_at text;

alter table communes add column retention_days integer not null default 365;

-- Each lookup is recorded before it is answered, so parallel guesses see each other.
create table receipt_lookups (
    id integer primary key autoincrement,
    address text not null,
    attempted_at text not null
);
create index receipt_lookups_by_address on receipt_lookups (address, attempted_at);
