-- Supervision notes (ý kiến giám sát) of the Fatherland Front (MTTQ) on an issue and what its
-- conclusion assigned. Kept by issue, so they survive a corrected notice; each is also on the
-- issue's audit trail.
create table supervision_notes (
    id blob primary key,
    commune_id blob not null references communes (id),
    issue_id blob not null references issues (id),
    author_id blob not null references users (id),
    body text not null,
    created_at text not null
);
create index supervision_notes_by_issue on supervision_notes (issue_id, created_at);
