-- no-transaction
-- Follow-up (theo dõi, đôn đốc) becomes its own stage between "concluded" and "closed".
-- SQLite cannot change a CHECK constraint in place: the table is rebuilt by the documented
-- procedure, with foreign keys off so that dropping the old table cascades to nothing (its
-- children's references name "campaigns" and find the new table under that name).
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
CREATE TABLE campaigns_next (
    id blob primary key,
    commune_id blob not null references communes (id),
    title text not null,
    kind text not null check (kind in ('dinh_ky', 'chuyen_de', 'dot_xuat')),
    stage text not null check (
        stage in (
            'planning', 'collecting', 'answering', 'conference', 'concluded', 'following_up',
            'closed'
        )
    ),
    collection_deadline text,
    answers_deadline text,
    report_deadline text,
    conference_date text,
    conference_place text,
    -- working-day lengths, seed 004's by default
    conclusion_days integer not null default 10,
    conclusion_max_days integer not null default 15,
    report_back_days integer not null default 7,
    created_by blob references users (id),
    created_at text not null
);
INSERT INTO campaigns_next (
    id, commune_id, title, kind, stage, collection_deadline, answers_deadline, report_deadline,
    conference_date, conference_place, conclusion_days, conclusion_max_days, report_back_days,
    created_by, created_at
)
SELECT
    id, commune_id, title, kind, stage, collection_deadline, answers_deadline, report_deadline,
    conference_date, conference_place, conclusion_days, conclusion_max_days, report_back_days,
    created_by, created_at
FROM campaigns;
DROP TABLE campaigns;
ALTER TABLE campaigns_next RENAME TO campaigns;
CREATE INDEX campaigns_by_commune ON campaigns (commune_id, created_at);
COMMIT;
PRAGMA foreign_keys = ON;
