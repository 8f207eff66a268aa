//! Accounts as the administrator manages them.

use std::collections::HashMap;

use async_trait::async_trait;

use app::api::admin::{UserDraft, UserFilter, UserRow};
use app::domain::ids::{CommuneId, DepartmentId, GroupId, UserId};
use app::domain::role::Role;
use app::domain::text::fold;
use app::ports::{Decided, DeskRefusal, StoreError, Users};

use super::{PgStore, backend};

#[derive(sqlx::FromRow)]
struct UserLine {
    id: UserId,
    username: String,
    full_name: String,
    role: String,
    commune_id: Option<CommuneId>,
    department_id: Option<DepartmentId>,
    active: bool,
    must_change_password: bool,
}

const USER_SELECT: &str = "select id, username, full_name, role, commune_id, department_id,
        active, must_change_password from users";

impl PgStore {
    /// The rows for `lines`, with the groups of all of them read in one query.
    async fn with_groups(&self, lines: Vec<UserLine>) -> Result<Vec<UserRow>, StoreError> {
        let ids: Vec<UserId> = lines.iter().map(|l| l.id).collect();
        let mut groups: HashMap<UserId, Vec<GroupId>> = HashMap::new();
        if !ids.is_empty() {
            let bindings: Vec<(UserId, GroupId)> = sqlx::query_as(
                "select ug.user_id, ug.group_id from user_groups ug
                   join residential_groups g on g.id = ug.group_id
                   join users u on u.id = ug.user_id
                  where (u.commune_id = $1 or ($1 is null and u.commune_id is null))
                  order by g.sort_order, g.name",
            )
            .bind(lines[0].commune_id)
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?;
            for (user, group) in bindings {
                groups.entry(user).or_default().push(group);
            }
        }
        lines
            .into_iter()
            .map(|line| {
                let role = Role::parse(&line.role)
                    .ok_or_else(|| StoreError::broken(format!("unknown role {:?}", line.role)))?;
                Ok(UserRow {
                    group_ids: groups.remove(&line.id).unwrap_or_default(),
                    id: line.id,
                    username: line.username,
                    full_name: line.full_name,
                    role,
                    commune_id: line.commune_id,
                    department_id: line.department_id,
                    active: line.active,
                    must_change_password: line.must_change_password,
                })
            })
            .collect()
    }
}

#[async_trait]
impl Users for PgStore {
    async fn users(
        &self,
        commune_id: Option<CommuneId>,
        filter: &UserFilter,
    ) -> Result<Vec<UserRow>, StoreError> {
        let lines: Vec<UserLine> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{USER_SELECT}
              where (commune_id = $1 or ($1 is null and commune_id is null))
                and ($2 is null or role = $2) and ($3 is null or active = $3)
              order by active desc, full_name, username"
        )))
        .bind(commune_id)
        .bind(filter.role.map(Role::code))
        .bind(filter.active)
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let needle = fold(filter.text.trim());
        let lines = lines
            .into_iter()
            .filter(|u| {
                needle.is_empty()
                    || fold(&u.username).contains(&needle)
                    || fold(&u.full_name).contains(&needle)
            })
            .collect();
        self.with_groups(lines).await
    }

    async fn user(&self, user_id: UserId) -> Result<Option<UserRow>, StoreError> {
        let line: Option<UserLine> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{USER_SELECT} where id = $1")))
                .bind(user_id)
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
        Ok(self
            .with_groups(line.into_iter().collect())
            .await?
            .into_iter()
            .next())
    }

    async fn update_user(
        &self,
        commune_id: CommuneId,
        user_id: UserId,
        draft: &UserDraft,
    ) -> Decided<()> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let before: Option<(String, Option<DepartmentId>)> = sqlx::query_as(
            "select role, department_id from users where id = $1 and commune_id = $2
              for update",
        )
        .bind(user_id)
        .bind(commune_id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
        let Some((old_role, old_department)) = before else {
            return Ok(Err(DeskRefusal::NotFound));
        };
        if let Some(department) = draft.department_id {
            let ours: Option<DepartmentId> =
                sqlx::query_scalar("select id from departments where id = $1 and commune_id = $2")
                    .bind(department)
                    .bind(commune_id)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(backend)?;
            if ours.is_none() {
                return Ok(Err(DeskRefusal::UnknownDepartment));
            }
        }
        for group in &draft.group_ids {
            let ours: Option<GroupId> = sqlx::query_scalar(
                "select id from residential_groups
                  where id = $1 and commune_id = $2 and active = $3",
            )
            .bind(group)
            .bind(commune_id)
            .bind(true)
            .fetch_optional(&mut *tx)
            .await
            .map_err(backend)?;
            if ours.is_none() {
                return Ok(Err(DeskRefusal::NotFound));
            }
        }
        let old_groups: Vec<GroupId> =
            sqlx::query_scalar("select group_id from user_groups where user_id = $1")
                .bind(user_id)
                .fetch_all(&mut *tx)
                .await
                .map_err(backend)?;
        sqlx::query("update users set full_name = $1, role = $2, department_id = $3 where id = $4")
            .bind(&draft.full_name)
            .bind(draft.role.code())
            .bind(draft.department_id)
            .bind(user_id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        sqlx::query("delete from user_groups where user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        for group in &draft.group_ids {
            sqlx::query(
                "insert into user_groups (user_id, group_id) values ($1, $2)
                 on conflict do nothing",
            )
            .bind(user_id)
            .bind(group)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        }
        let mut new_groups = draft.group_ids.clone();
        new_groups.sort();
        new_groups.dedup();
        let mut old_groups = old_groups;
        old_groups.sort();
        let scope_changed = old_role != draft.role.code()
            || old_department != draft.department_id
            || old_groups != new_groups;
        if scope_changed {
            // What the old sessions were allowed is no longer true: sign the user out.
            sqlx::query("delete from sessions where user_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(Ok(()))
    }

    async fn set_user_active(&self, user_id: UserId, active: bool) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        sqlx::query("update users set active = $1 where id = $2")
            .bind(active)
            .bind(user_id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        if !active {
            sqlx::query("delete from sessions where user_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        tx.commit().await.map_err(backend)
    }

    async fn set_password(
        &self,
        user_id: UserId,
        password_hash: &str,
        must_change: bool,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        sqlx::query("update users set password_hash = $1, must_change_password = $2 where id = $3")
            .bind(password_hash)
            .bind(must_change)
            .bind(user_id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        sqlx::query("delete from sessions where user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)
    }
}
