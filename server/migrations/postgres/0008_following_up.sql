-- Follow-up (theo dõi, đôn đốc) becomes its own stage, as migrations/sqlite/0008.
alter table campaigns drop constraint campaigns_stage_check;
alter table campaigns add constraint campaigns_stage_check check (
    stage in (
        'planning', 'collecting', 'answering', 'conference', 'concluded', 'following_up', 'closed'
    )
);
