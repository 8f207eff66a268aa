-- Thông báo kết luận hội nghị đối thoại, replacing the first sketch of 0001 that nothing ever
-- wrote. A notice is versioned: once issued, its number and date never change; a correction is a
-- new version that supersedes it. Each item disposes of one issue; an assigned item carries its
-- report-back (báo cáo kết quả) and the staff's review of it.
drop table conclusion_items;
drop table conclusions;

create table conclusions (
    id blob primary key,
    campaign_id blob not null references campaigns (id),
    version integer not null,
    corrects blob references conclusions (id),
    state text not null default 'draft' check (state in ('draft', 'approved', 'issued', 'superseded')),
    opening text not null default '',
    recipients text not null default '',
    complex integer not null default 0,
    number text,
    issued_on text,
    signer_name text not null default '',
    updated_by blob references users (id),
    updated_at text not null,
    approved_by blob references users (id),
    approved_at text,
    issued_by blob references users (id),
    issued_at text,
    unique (campaign_id, version)
);

create table conclusion_items (
    id blob primary key,
    conclusion_id blob not null references conclusions (id) on delete cascade,
    issue_id blob not null references issues (id),
    position integer not null,
    disposition text not null check (disposition in ('resolved', 'assigned', 'forwarded', 'redirected')),
    content text not null,
    department_id blob references departments (id),
    -- the higher level a matter is forwarded to, or where a complaint is redirected
    body text not null default '',
    report_due_on text,
    report_state text not null default 'none'
        check (report_state in ('none', 'awaiting', 'reported', 'accepted', 'returned')),
    report_text text,
    -- what backs the report up, as text (the number and date of a record, a file's name)
    report_attachment text,
    reported_on text,
    reported_by blob references users (id),
    review_note text,
    reviewed_by blob references users (id),
    reviewed_at text,
    unique (conclusion_id, issue_id)
);
create index conclusion_items_by_department on conclusion_items (department_id, report_state);
