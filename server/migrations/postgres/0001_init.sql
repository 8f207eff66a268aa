-- The whole dialogue cycle of PRODUCT.md, for PostgreSQL 15: the same tables, columns, keys,
-- checks and indexes as migrations/sqlite/0001_init.sql, with native types. Ids are uuids, born
-- on the device for forms and opinions; times are timestamptz (UTC in, UTC out); dates are date;
-- the 0/1 flags are boolean; counters and orders are bigint (i64, as SQLite's integers).

create table communes (
    id uuid primary key,
    slug text not null unique,
    name text not null,
    kind text not null check (kind in ('xa', 'phuong', 'dac_khu')),
    province text not null,
    created_at timestamptz not null
);

-- thôn / tổ dân phố; "groups" is an SQL keyword
create table residential_groups (
    id uuid primary key,
    commune_id uuid not null references communes (id),
    name text not null,
    kind text not null check (kind in ('thon', 'to_dan_pho')),
    sort_order bigint not null default 0,
    unique (commune_id, name)
);

create table departments (
    id uuid primary key,
    commune_id uuid not null references communes (id),
    code text not null,
    name text not null,
    unique (commune_id, code)
);

create table topics (
    id uuid primary key,
    commune_id uuid not null references communes (id),
    code text not null,
    name text not null,
    sort_order bigint not null default 0,
    default_department_id uuid references departments (id),
    unique (commune_id, code)
);

create table users (
    id uuid primary key,
    -- null only for system administrators
    commune_id uuid references communes (id),
    username text not null unique,
    full_name text not null,
    role text not null check (
        role in ('admin', 'ward_staff', 'department_officer', 'chair', 'supervisor', 'collector')
    ),
    department_id uuid references departments (id),
    password_hash text not null,
    active boolean not null default true,
    created_at timestamptz not null,
    check (role <> 'department_officer' or department_id is not null),
    check (role = 'admin' or commune_id is not null)
);

-- a collector works for one or more groups
create table user_groups (
    user_id uuid not null references users (id) on delete cascade,
    group_id uuid not null references residential_groups (id),
    primary key (user_id, group_id)
);

-- only a hash of the token is kept
create table sessions (
    token_hash text primary key,
    user_id uuid not null references users (id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null
);
create index sessions_by_user on sessions (user_id);

-- "generated always as identity" is SQLite's "integer primary key autoincrement": the database
-- numbers the rows (no insert names the id) and never reuses a number
create table login_attempts (
    id bigint generated always as identity primary key,
    username text not null,
    address text not null,
    succeeded boolean not null,
    attempted_at timestamptz not null
);
create index login_attempts_by_username on login_attempts (username, attempted_at);
create index login_attempts_by_address on login_attempts (address, attempted_at);

create table campaigns (
    id uuid primary key,
    commune_id uuid not null references communes (id),
    title text not null,
    kind text not null check (kind in ('dinh_ky', 'chuyen_de', 'dot_xuat')),
    stage text not null check (
        stage in ('planning', 'collecting', 'answering', 'conference', 'concluded', 'closed')
    ),
    -- calendar days (the code binds NaiveDate), not instants
    collection_deadline date,
    answers_deadline date,
    report_deadline date,
    conference_date date,
    conference_place text,
    -- working-day lengths, seed 004's by default
    conclusion_days bigint not null default 10,
    conclusion_max_days bigint not null default 15,
    report_back_days bigint not null default 7,
    created_by uuid references users (id),
    created_at timestamptz not null
);
create index campaigns_by_commune on campaigns (commune_id, created_at);

create table campaign_groups (
    campaign_id uuid not null references campaigns (id) on delete cascade,
    group_id uuid not null references residential_groups (id),
    primary key (campaign_id, group_id)
);

create table campaign_topics (
    campaign_id uuid not null references campaigns (id) on delete cascade,
    topic_id uuid not null references topics (id),
    primary key (campaign_id, topic_id)
);

create table campaign_chairs (
    campaign_id uuid not null references campaigns (id) on delete cascade,
    user_id uuid not null references users (id),
    primary key (campaign_id, user_id)
);

-- phiếu lấy ý kiến, one per household visit; id made on the phone
create table forms (
    id uuid primary key,
    commune_id uuid not null references communes (id),
    campaign_id uuid not null references campaigns (id),
    group_id uuid not null references residential_groups (id),
    collector_id uuid not null references users (id),
    revision bigint not null default 1,
    receipt_code text not null,
    respondent_name text,
    anonymous boolean not null default false,
    household text,
    phone text,
    respondent_kind text not null check (
        respondent_kind in (
            'can_bo', 'dang_vien', 'doan_vien_hoi_vien', 'nhan_dan', 'cong_nhan_o_tro', 'thanh_nien'
        )
    ),
    proposal text,
    wants_to_speak boolean not null default false,
    consent boolean not null default false,
    -- SHA-256 of the NFC-normalised submission: same id + same hash = already had it
    content_hash text not null,
    filled_at timestamptz not null,
    received_at timestamptz not null,
    -- set when a collector edits after sync; staff see the form flagged
    revised_at timestamptz,
    unique (commune_id, receipt_code)
);
create index forms_by_campaign on forms (campaign_id, group_id);
create index forms_by_collector on forms (collector_id, campaign_id);

-- the same form id with different content and no newer revision: kept for a person
create table form_conflicts (
    id bigint generated always as identity primary key,
    form_id uuid not null references forms (id),
    revision bigint not null,
    -- the submission as JSON text, kept verbatim (jsonb would reorder and reformat it)
    body text not null,
    content_hash text not null,
    received_at timestamptz not null,
    resolved_by uuid references users (id),
    resolved_at timestamptz
);

-- issues are merged opinions; an opinion belongs to at most one issue
create table issues (
    id uuid primary key,
    commune_id uuid not null references communes (id),
    campaign_id uuid not null references campaigns (id),
    title text not null,
    summary text not null default '',
    topic_id uuid not null references topics (id),
    urgency text not null default 'binh_thuong' check (urgency in ('khan', 'cao', 'binh_thuong')),
    -- within the commune, or to be forwarded to a higher level (kiến nghị cấp trên)
    authority text not null default 'commune' check (authority in ('commune', 'higher')),
    status text not null default 'open' check (
        status in ('open', 'assigned', 'answered', 'concluded', 'resolved', 'forwarded')
    ),
    published boolean not null default false,
    created_by uuid references users (id),
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create index issues_by_campaign on issues (campaign_id, topic_id);

create table opinions (
    id uuid primary key,
    commune_id uuid not null references communes (id),
    campaign_id uuid not null references campaigns (id),
    -- null for opinions raised at the conference
    form_id uuid references forms (id),
    position bigint not null default 0,
    group_id uuid not null references residential_groups (id),
    topic_id uuid not null references topics (id),
    body text not null,
    -- lower-case, diacritics removed: the search key ("duong" finds "đường")
    body_folded text not null,
    source text not null default 'form' check (source in ('form', 'conference')),
    status text not null default 'new' check (status in ('new', 'classified', 'out_of_scope')),
    urgency text check (urgency in ('khan', 'cao', 'binh_thuong')),
    authority text check (authority in ('commune', 'higher')),
    out_of_scope_reason text,
    issue_id uuid references issues (id),
    created_at timestamptz not null
);
create index opinions_by_campaign on opinions (campaign_id, group_id, topic_id);
create index opinions_by_issue on opinions (issue_id);
create index opinions_by_form on opinions (form_id);

create table assignments (
    id uuid primary key,
    issue_id uuid not null references issues (id),
    department_id uuid not null references departments (id),
    due_date date not null,
    status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
    assigned_by uuid references users (id),
    assigned_at timestamptz not null
);
create index assignments_by_department on assignments (department_id, status, due_date);
create index assignments_by_issue on assignments (issue_id);

create table answers (
    id uuid primary key,
    issue_id uuid not null references issues (id),
    assignment_id uuid references assignments (id),
    content text not null,
    result text not null default '',
    -- free wording ("Quý III/2026", "Trước 30/6/2026"), not a time: stays text
    resolution_time text not null default '',
    resolving_body text not null default '',
    status text not null default 'draft' check (
        status in ('draft', 'submitted', 'returned', 'approved')
    ),
    review_comment text,
    drafted_by uuid references users (id),
    submitted_at timestamptz,
    reviewed_by uuid references users (id),
    reviewed_at timestamptz,
    updated_at timestamptz not null
);
create index answers_by_issue on answers (issue_id, status);

-- phiếu đăng ký phát biểu and the secretary's record of the conference
create table conference_speakers (
    id uuid primary key,
    campaign_id uuid not null references campaigns (id),
    form_id uuid references forms (id),
    group_id uuid references residential_groups (id),
    display_name text not null,
    position bigint not null,
    topic_note text,
    spoke boolean not null default false,
    -- the secretary's notes: what was raised, what was answered on the spot
    raised text,
    answered_on_spot text
);
create index speakers_by_campaign on conference_speakers (campaign_id, position);

-- Thông báo kết luận
create table conclusions (
    id uuid primary key,
    campaign_id uuid not null references campaigns (id),
    -- the notice's number as printed ("12/TB-UBND"), so text
    number text,
    due_on date not null,
    issued_on date,
    content text not null default '',
    status text not null default 'draft' check (status in ('draft', 'approved', 'issued')),
    approved_by uuid references users (id),
    approved_at timestamptz
);

create table conclusion_items (
    id uuid primary key,
    conclusion_id uuid not null references conclusions (id) on delete cascade,
    issue_id uuid not null references issues (id),
    decision text not null check (decision in ('resolved', 'assigned', 'forwarded')),
    department_id uuid references departments (id),
    -- assigned bodies report back within N working days of the issued notice
    report_due_on date,
    reported_at timestamptz,
    note text
);

-- national entries have no commune. Nulls stay distinct in the unique key, as in SQLite (no
-- "nulls not distinct"): the key does not stop two national entries for one day.
create table holidays (
    id bigint generated always as identity primary key,
    commune_id uuid references communes (id),
    day date not null,
    kind text not null check (kind in ('holiday', 'day_off', 'working_weekend')),
    name text not null,
    unique (commune_id, day)
);

create table audit_log (
    id bigint generated always as identity primary key,
    commune_id uuid references communes (id),
    actor_id uuid references users (id),
    at timestamptz not null,
    entity text not null,
    -- the entity's id as text (uuids today, but the column names no type, so any key fits)
    entity_id text not null,
    action text not null,
    -- JSON kept verbatim as text, as in SQLite
    before_json text,
    after_json text
);
create index audit_by_entity on audit_log (entity, entity_id);
