-- Thông báo kết luận hội nghị đối thoại, as migrations/sqlite/0009, replacing the first sketch of 0001 that nothing ever
-- wrote. A notice is versioned: once issued, its number and date never change; a correction is a
-- new version that supersedes it. Each item disposes of one issue; an assigned item carries its
-- report-back (báo cáo kết quả) and the staff's review of it.
drop table conclusion_items;
drop table conclusions;

create table conclusions (
    id uuid primary key,
    campaign_id uuid not null references campaigns (id),
    version bigint not null,
    corrects uuid references conclusions (id),
    state text not null default 'draft' check (state in ('draft', 'approved', 'issued', 'superseded')),
    opening text not null default '',
    recipients text not null default '',
    complex boolean not null default false,
    number text,
    issued_on date,
    signer_name text not null default '',
    updated_by uuid references users (id),
    updated_at timestamptz not null,
    approved_by uuid references users (id),
    approved_at timestamptz,
    issued_by uuid references users (id),
    issued_at timestamptz,
    unique (campaign_id, version)
);

create table conclusion_items (
    id uuid primary key,
    conclusion_id uuid not null references conclusions (id) on delete cascade,
    issue_id uuid not null references issues (id),
    position bigint not null,
    disposition text not null check (disposition in ('resolved', 'assigned', 'forwarded', 'redirected')),
    content text not null,
    department_id uuid references departments (id),
    -- the higher level a matter is forwarded to, or where a complaint is redirected
    body text not null default '',
    report_due_on date,
    report_state text not null default 'none'
        check (report_state in ('none', 'awaiting', 'reported', 'accepted', 'returned')),
    report_text text,
    -- what backs the report up, as text (the number and date of a record, a file's name)
    report_attachment text,
    reported_on date,
    reported_by uuid references users (id),
    review_note text,
    reviewed_by uuid references users (id),
    reviewed_at timestamptz,
    unique (conclusion_id, issue_id)
);
create index conclusion_items_by_department on conclusion_items (department_id, report_state);
