//! The PostgreSQL migrations make the same tables and columns as the SQLite ones, so that the two
//! backends can share their queries; and the test helper hands out independent databases.

mod common;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sqlx::{Connection, PgConnection, SqliteConnection};
use uuid::Uuid;

use common::postgres::{fresh_database, with_database};

/// One column: name, declared type, and whether it takes null.
#[derive(Debug, PartialEq)]
struct Column {
    name: String,
    kind: String,
    nullable: bool,
}

/// Table name → its columns in declaration order.
type Schema = BTreeMap<String, Vec<Column>>;

/// A private in-memory SQLite database with the SQLite migrations applied.
async fn sqlite_migrated() -> SqliteConnection {
    let mut conn = SqliteConnection::connect("sqlite::memory:")
        .await
        .expect("open in-memory SQLite");
    sqlx::migrate!("./migrations/sqlite")
        .run(&mut conn)
        .await
        .expect("run the SQLite migrations");
    conn
}

/// A fresh PostgreSQL database with the PostgreSQL migrations applied.
async fn postgres_migrated() -> PgConnection {
    let url = fresh_database().await;
    let mut conn = PgConnection::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("connect to {url}: {e}"));
    sqlx::migrate!("./migrations/postgres")
        .run(&mut conn)
        .await
        .expect("run the PostgreSQL migrations");
    conn
}

/// The SQLite schema, without SQLite's and sqlx's own tables.
async fn sqlite_schema(conn: &mut SqliteConnection) -> Schema {
    let tables: Vec<String> =
        sqlx::query_scalar("select name from sqlite_schema where type = 'table' order by name")
            .fetch_all(&mut *conn)
            .await
            .expect("list SQLite tables");
    let mut schema = Schema::new();
    for table in tables {
        // SQLite's search index is an FTS5 table keyed by `opinions.search_key` (migration
        // 0005); PostgreSQL has a trigram index on the column itself instead.
        if table.starts_with("sqlite_")
            || table.starts_with("_sqlx")
            || table.starts_with("opinions_search")
        {
            continue;
        }
        let rows: Vec<(String, String, i64, i64)> = sqlx::query_as(
            r#"select name, lower(type), "notnull", pk from pragma_table_info(?) order by cid"#,
        )
        .bind(&table)
        .fetch_all(&mut *conn)
        .await
        .expect("read SQLite columns");
        // A primary key column counts as not null: SQLite lets a non-integer key hold null (a
        // legacy quirk nothing here relies on), PostgreSQL does not.
        let columns = rows
            .into_iter()
            .filter(|(name, ..)| !(table == "opinions" && name == "search_key"))
            .map(|(name, kind, not_null, pk)| Column {
                name,
                kind,
                nullable: not_null == 0 && pk == 0,
            })
            .collect();
        schema.insert(table, columns);
    }
    schema
}

/// The PostgreSQL schema (the public schema, without sqlx's table).
async fn postgres_schema(conn: &mut PgConnection) -> Schema {
    // ::text because information_schema's own domains (sql_identifier, yes_or_no) are not
    // types sqlx decodes to String.
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "select table_name::text, column_name::text, data_type::text, is_nullable::text
           from information_schema.columns
          where table_schema = 'public'
          order by table_name, ordinal_position",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("read PostgreSQL columns");
    let mut schema = Schema::new();
    for (table, name, kind, nullable) in rows {
        if table.starts_with("_sqlx") {
            continue;
        }
        schema.entry(table).or_default().push(Column {
            name,
            kind,
            nullable: nullable == "YES",
        });
    }
    schema
}

/// Whether a PostgreSQL type is one the SQLite declared type may map to: blob ids → uuid,
/// integers → bigint or boolean (0/1 flags), text → text, timestamptz or date.
fn type_maps(sqlite: &str, postgres: &str) -> bool {
    matches!(
        (sqlite, postgres),
        ("blob", "uuid")
            | ("integer", "bigint" | "boolean")
            | ("text", "text" | "timestamp with time zone" | "date")
    )
}

#[tokio::test]
async fn postgres_migrations_make_the_sqlite_tables_and_columns() {
    let sqlite = sqlite_schema(&mut sqlite_migrated().await).await;
    let postgres = postgres_schema(&mut postgres_migrated().await).await;
    assert!(sqlite.len() > 20, "SQLite schema read: {:?}", sqlite.keys());

    assert_eq!(
        sqlite.keys().collect::<Vec<_>>(),
        postgres.keys().collect::<Vec<_>>(),
        "the same tables"
    );
    let mut differences = Vec::new();
    for (table, sqlite_columns) in &sqlite {
        let postgres_columns = &postgres[table];
        let names = |columns: &[Column]| columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
        if names(sqlite_columns) != names(postgres_columns) {
            differences.push(format!(
                "{table}: columns {:?} in SQLite, {:?} in PostgreSQL",
                names(sqlite_columns),
                names(postgres_columns)
            ));
            continue;
        }
        for (s, p) in sqlite_columns.iter().zip(postgres_columns) {
            if s.nullable != p.nullable {
                differences.push(format!(
                    "{table}.{}: nullable {} in SQLite, {} in PostgreSQL",
                    s.name, s.nullable, p.nullable
                ));
            }
            if !type_maps(&s.kind, &p.kind) {
                differences.push(format!(
                    "{table}.{}: {} in SQLite, {} in PostgreSQL",
                    s.name, s.kind, p.kind
                ));
            }
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[tokio::test]
async fn fresh_databases_are_distinct_and_independent() {
    let first = fresh_database().await;
    let second = fresh_database().await;
    assert_ne!(first, second);

    let mut a = PgConnection::connect(&first).await.expect("connect first");
    let mut b = PgConnection::connect(&second)
        .await
        .expect("connect second");
    let name = "select current_database()::text";
    let first_name: String = sqlx::query_scalar(name)
        .fetch_one(&mut a)
        .await
        .expect(name);
    let second_name: String = sqlx::query_scalar(name)
        .fetch_one(&mut b)
        .await
        .expect(name);
    assert_ne!(first_name, second_name);
    sqlx::raw_sql("create table only_in_first (x bigint)")
        .execute(&mut a)
        .await
        .expect("create table in first");
    let in_second: i64 = sqlx::query_scalar(
        "select count(*) from information_schema.tables where table_name = 'only_in_first'",
    )
    .fetch_one(&mut b)
    .await
    .expect("look in second");
    assert_eq!(
        in_second, 0,
        "a table made in one database shows in the other"
    );
}

#[test]
fn with_database_swaps_only_the_path() {
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:5433/postgres", "t_1"),
        "postgres://postgres@127.0.0.1:5433/t_1"
    );
    assert_eq!(
        with_database("postgres://u:p@h:1?sslmode=disable", "t_1"),
        "postgres://u:p@h:1/t_1?sslmode=disable"
    );
}

/// Runs one statement with its bind values on `conn` (either backend), failing the test on error.
macro_rules! run {
    ($conn:expr, $sql:expr $(, $value:expr)*) => {
        sqlx::query($sql)$(.bind($value))*.execute(&mut *$conn).await.expect($sql)
    };
}

/// The same forms and opinions, written through the same statements into either backend, then
/// the copies the 0002 triggers keep: (opinion, respondent_kind, household_key) by opinion id.
/// A macro because the statements are shared but the connection types are not.
macro_rules! household_copies {
    ($conn:expr) => {{
        let conn = $conn;
        let now: DateTime<Utc> = DateTime::UNIX_EPOCH;
        let (commune, group, user, topic, campaign) = (
            Uuid::from_u128(1),
            // hex digits with letters: SQLite's hex() writes them upper-case
            Uuid::from_u128(0xabcd_ef00_0000_0000_0000_0000_0000_0002),
            Uuid::from_u128(3),
            Uuid::from_u128(4),
            Uuid::from_u128(5),
        );
        run!(
            conn,
            "insert into communes (id, slug, name, kind, province, created_at)
              values ($1, 'c', 'C', 'xa', 'P', $2)",
            commune,
            now
        );
        run!(
            conn,
            "insert into residential_groups (id, commune_id, name, kind)
              values ($1, $2, 'Thôn A', 'thon')",
            group,
            commune
        );
        run!(
            conn,
            "insert into users (id, commune_id, username, full_name, role, password_hash,
                created_at) values ($1, $2, 'u', 'U', 'collector', 'x', $3)",
            user,
            commune,
            now
        );
        run!(
            conn,
            "insert into topics (id, commune_id, code, name) values ($1, $2, 't', 'T')",
            topic,
            commune
        );
        run!(
            conn,
            "insert into campaigns (id, commune_id, title, kind, stage, created_at)
              values ($1, $2, 'K', 'dinh_ky', 'collecting', $3)",
            campaign,
            commune,
            now
        );
        // a household written with capitals and spaces, none at all, and blanks only
        let forms = [
            (Uuid::from_u128(0x10), Some(" Nhà Ông A "), "nhan_dan"),
            (Uuid::from_u128(0x11), None, "dang_vien"),
            (Uuid::from_u128(0x12), Some("   "), "can_bo"),
        ];
        for (i, (form, household, kind)) in forms.into_iter().enumerate() {
            run!(
                conn,
                "insert into forms (id, commune_id, campaign_id, group_id, collector_id,
                    receipt_code, household, respondent_kind, content_hash, filled_at,
                    received_at) values ($1, $2, $3, $4, $5, $6, $7, $8, 'h', $9, $9)",
                form,
                commune,
                campaign,
                group,
                user,
                format!("R{i}"),
                household,
                kind,
                now
            );
            run!(
                conn,
                "insert into opinions (id, commune_id, campaign_id, form_id, group_id,
                    topic_id, body, body_folded, created_at)
                  values ($1, $2, $3, $4, $5, $6, 'b', 'b', $7)",
                Uuid::from_u128(0xa0 + i as u128),
                commune,
                campaign,
                form,
                group,
                topic,
                now
            );
        }
        // raised at the conference: no form
        run!(
            conn,
            "insert into opinions (id, commune_id, campaign_id, group_id, topic_id, body,
                body_folded, source, created_at)
              values ($1, $2, $3, $4, $5, 'b', 'b', 'conference', $6)",
            Uuid::from_u128(0xaf),
            commune,
            campaign,
            group,
            topic,
            now
        );
        let read = "select id, respondent_kind, household_key from opinions order by id";
        let inserted: Vec<(Uuid, Option<String>, Option<String>)> = sqlx::query_as(read)
            .fetch_all(&mut *conn)
            .await
            .expect(read);
        // the form trigger: a household written later, a changed respondent kind
        run!(
            conn,
            "update forms set household = $1 where id = $2",
            "Xóm B",
            Uuid::from_u128(0x11)
        );
        run!(
            conn,
            "update forms set respondent_kind = 'thanh_nien' where id = $1",
            Uuid::from_u128(0x10)
        );
        let updated: Vec<(Uuid, Option<String>, Option<String>)> = sqlx::query_as(read)
            .fetch_all(&mut *conn)
            .await
            .expect(read);
        (inserted, updated)
    }};
}

#[tokio::test]
async fn household_keys_match_sqlite() {
    let mut sqlite_conn = sqlite_migrated().await;
    let sqlite = household_copies!(&mut sqlite_conn);
    let mut postgres_conn = postgres_migrated().await;
    let postgres = household_copies!(&mut postgres_conn);
    // not vacuous: the key SQLite makes (upper-case hex, ASCII-only lower-case, spaces trimmed)
    assert_eq!(
        sqlite.0[0].2.as_deref(),
        Some("ABCDEF00000000000000000000000002:nhà Ông a")
    );
    assert_eq!(sqlite, postgres);
}
