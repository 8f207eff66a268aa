-- Login attempts are recorded before the password is checked (outcome 'pending'), so a burst
-- of parallel guesses is counted; throttled attempts ('refused') do not count as failures.
alter table login_attempts add column outcome text not null default 'failed'
    check (outcome in ('pending', 'failed', 'succeeded', 'refused'));
update login_attempts set outcome = 'succeeded' where succeeded;
alter table login_attempts drop column succeeded;
create index login_attempts_by_pair on login_attempts (username, address, id);
