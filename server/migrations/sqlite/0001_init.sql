-- The whole dialogue cycle of PRODUCT.md. Ids are UUIDs (16-byte blobs), born on the device for
-- forms and opinions; times are RFC 3339 text in UTC; dates are 'YYYY-MM-DD' text.

create table communes (
    id blob primary key,
    slug text not null unique,
    name text not null,
    kind text not null check (kind in ('xa', 'phuong', 'dac_khu')),
    province text not null,
    created_at text not null
);

-- thôn / tổ dân phố; "groups" is an SQL keyword
create table residential_groups (
    id blob primary key,
    commune_id blob not null references communes (id),
    name text not null,
    kind text not null check (kind in ('thon', 'to_dan_pho')),
    sort_order integer not null default 0,
    unique (commune_id, name)
);

create table departments (
    id blob primary key,
    commune_id blob not null references communes (id),
    code text not null,
    name text not null,
    unique (commune_id, code)
);

create table topics (
    id blob primary key,
    commune_id blob not null references communes (id),
    code text not null,
    name text not null,
    sort_order integer not null default 0,
    default_department_id blob references departments (id),
    unique (commune_id, code)
);

create table users (
    id blob primary key,
    -- null only for system administrators
    commune_id blob references communes (id),
    username text not null unique,
    full_name text not null,
    role text not null check (
        role in ('admin', 'ward_staff', 'department_officer', 'chair', 'supervisor', 'collector')
    ),
    department_id blob references departments (id),
    password_hash text not null,
    active integer not null default 1,
    created_at text not null,
    check (role <> 'department_officer' or department_id is not null),
    check (role = 'admin' or commune_id is not null)
);

-- a collector works for one or more groups
create table user_groups (
    user_id blob not null references users (id) on delete cascade,
    group_id blob not null references residential_groups (id),
    primary key (user_id, group_id)
);

-- only a hash of the token is kept
create table sessions (
    token_hash text primary key,
    user_id blob not null references users (id) on delete cascade,
    created_at text not null,
    expires_at text not null
);
create index sessions_by_user on sessions (user_id);

create table login_attempts (
    id integer primary key autoincrement,
    username text not null,
    address text not null,
    succeeded integer not null,
    attempted_at text not null
);
create index login_attempts_by_username on login_attempts (username, attempted_at);
create index login_attempts_by_address on login_attempts (address, attempted_at);

create table campaigns (
    id blob primary key,
    commune_id blob not null references communes (id),
    title text not null,
    kind text not null check (kind in ('dinh_ky', 'chuyen_de', 'dot_xuat')),
    stage text not null check (
        stage in ('planning', 'collecting', 'answering', 'conference', 'concluded', 'closed')
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
create index campaigns_by_commune on campaigns (commune_id, created_at);

create table campaign_groups (
    campaign_id blob not null references campaigns (id) on delete cascade,
    group_id blob not null references residential_groups (id),
    primary key (campaign_id, group_id)
);

create table campaign_topics (
    campaign_id blob not null references campaigns (id) on delete cascade,
    topic_id blob not null references topics (id),
    primary key (campaign_id, topic_id)
);

create table campaign_chairs (
    campaign_id blob not null references campaigns (id) on delete cascade,
    user_id blob not null references users (id),
    primary key (campaign_id, user_id)
);

-- phiếu lấy ý kiến, one per household visit; id made on the phone
create table forms (
    id blob primary key,
    commune_id blob not null references communes (id),
    campaign_id blob not null references campaigns (id),
    group_id blob not null references residential_groups (id),
    collector_id blob not null references users (id),
    revision integer not null default 1,
    receipt_code text not null,
    respondent_name text,
    anonymous integer not null default 0,
    household text,
    phone text,
    respondent_kind text not null check (
        respondent_kind in (
            'can_bo', 'dang_vien', 'doan_vien_hoi_vien', 'nhan_dan', 'cong_nhan_o_tro', 'thanh_nien'
        )
    ),
    proposal text,
    wants_to_speak integer not null default 0,
    consent integer not null default 0,
    -- SHA-256 of the NFC-normalised submission: same id + same hash = already had it
    content_hash text not null,
    filled_at text not null,
    received_at text not null,
    -- set when a collector edits after sync; staff see the form flagged
    revised_at text,
    unique (commune_id, receipt_code)
);
create index forms_by_campaign on forms (campaign_id, group_id);
create index forms_by_collector on forms (collector_id, campaign_id);

-- the same form id with different content and no newer revision: kept for a person
create table form_conflicts (
    id integer primary key autoincrement,
    form_id blob not null references forms (id),
    revision integer not null,
    body text not null,
    content_hash text not null,
    received_at text not null,
    resolved_by blob references users (id),
    resolved_at text
);

-- issues are merged opinions; an opinion belongs to at most one issue
create table issues (
    id blob primary key,
    commune_id blob not null references communes (id),
    campaign_id blob not null references campaigns (id),
    title text not null,
    summary text not null default '',
    topic_id blob not null references topics (id),
    urgency text not null default 'binh_thuong' check (urgency in ('khan', 'cao', 'binh_thuong')),
    -- within the commune, or to be forwarded to a higher level (kiến nghị cấp trên)
    authority text not null default 'commune' check (authority in ('commune', 'higher')),
    status text not null default 'open' check (
        status in ('open', 'assigned', 'answered', 'concluded', 'resolved', 'forwarded')
    ),
    published integer not null default 0,
    created_by blob references users (id),
    created_at text not null,
    updated_at text not null
);
create index issues_by_campaign on issues (campaign_id, topic_id);

create table opinions (
    id blob primary key,
    commune_id blob not null references communes (id),
    campaign_id blob not null references campaigns (id),
    -- null for opinions raised at the conference
    form_id blob references forms (id),
    position integer not null default 0,
    group_id blob not null references residential_groups (id),
    topic_id blob not null references topics (id),
    body text not null,
    -- lower-case, diacritics removed: the search key ("duong" finds "đường")
    body_folded text not null,
    source text not null default 'form' check (source in ('form', 'conference')),
    status text not null default 'new' check (status in ('new', 'classified', 'out_of_scope')),
    urgency text check (urgency in ('khan', 'cao', 'binh_thuong')),
    authority text check (authority in ('commune', 'higher')),
    out_of_scope_reason text,
    issue_id blob references issues (id),
    created_at text not null
);
create index opinions_by_campaign on opinions (campaign_id, group_id, topic_id);
create index opinions_by_issue on opinions (issue_id);
create index opinions_by_form on opinions (form_id);

create table assignments (
    id blob primary key,
    issue_id blob not null references issues (id),
    department_id blob not null references departments (id),
    due_date text not null,
    status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
    assigned_by blob references users (id),
    assigned_at text not null
);
create index assignments_by_department on assignments (department_id, status, due_date);
create index assignments_by_issue on assignments (issue_id);

create table answers (
    id blob primary key,
    issue_id blob not null references issues (id),
    assignment_id blob references assignments (id),
    content text not null,
    result text not null default '',
    resolution_time text not null default '',
    resolving_body text not null default '',
    status text not null default 'draft' check (
        status in ('draft', 'submitted', 'returned', 'approved')
    ),
    review_comment text,
    drafted_by blob references users (id),
    submitted_at text,
    reviewed_by blob references users (id),
    reviewed_at text,
    updated_at text not null
);
create index answers_by_issue on answers (issue_id, status);

-- phiếu đăng ký phát biểu and the secretary's record of the conference
create table conference_speakers (
    id blob primary key,
    campaign_id blob not null references campaigns (id),
    form_id blob references forms (id),
    group_id blob references residential_groups (id),
    display_name text not null,
    position integer not null,
    topic_note text,
    spoke integer not null default 0,
    raised text,
    answered_on_spot text
);
create index speakers_by_campaign on conference_speakers (campaign_id, position);

-- Thông báo kết luận
create table conclusions (
    id blob primary key,
    campaign_id blob not null references campaigns (id),
    number text,
    due_on text not null,
    issued_on text,
    content text not null default '',
    status text not null default 'draft' check (status in ('draft', 'approved', 'issued')),
    approved_by blob references users (id),
    approved_at text
);

create table conclusion_items (
    id blob primary key,
    conclusion_id blob not null references conclusions (id) on delete cascade,
    issue_id blob not null references issues (id),
    decision text not null check (decision in ('resolved', 'assigned', 'forwarded')),
    department_id blob references departments (id),
    -- assigned bodies report back within N working days of the issued notice
    report_due_on text,
    reported_at text,
    note text
);

-- national entries have no commune
create table holidays (
    id integer primary key autoincrement,
    commune_id blob references communes (id),
    day text not null,
    kind text not null check (kind in ('holiday', 'day_off', 'working_weekend')),
    name text not null,
    unique (commune_id, day)
);

create table audit_log (
    id integer primary key autoincrement,
    commune_id blob references communes (id),
    actor_id blob references users (id),
    at text not null,
    entity text not null,
    entity_id text not null,
    action text not null,
    before_json text,
    after_json text
);
create index audit_by_entity on audit_log (entity, entity_id);
