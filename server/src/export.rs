//! Downloads of the summary report: DOCX (Nghị định 30/2020 layout), XLSX (pivot, issues and
//! every opinion, streamed), CSV. Authenticated by the session cookie like every page; personal
//! data only on request and only for ward staff and the chair.

pub mod csv;
pub mod docx;
mod sheets;
pub mod xlsx;
mod xml;

use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use chrono::Utc;
use std::collections::HashMap;
use tokio::sync::mpsc;
use uuid::Uuid;

use app::domain::access;
use app::domain::today_in_vietnam;
use app::domain::triage::IntakeFilter;
use app::domain::viewer::Viewer;

use app::error::AppError;

use crate::state::AppState;

/// A failure of the server itself, logged with its cause.
fn internal(error: impl std::fmt::Display) -> AppError {
    tracing::error!(%error, "export failed");
    AppError::Internal
}

/// The reader behind the cookie, with their commune: whoever reads the desk.
async fn reader(state: &AppState, headers: &HeaderMap) -> Result<(Viewer, Uuid), AppError> {
    let viewer = state.viewer(headers).await.map_err(internal)?;
    let viewer = viewer.ok_or(AppError::Unauthenticated)?;
    if !access::allows(access::READ_DESK, viewer.role) {
        tracing::warn!(user = %viewer.username, "download refused");
        return Err(AppError::Forbidden);
    }
    let commune = viewer.commune_id.ok_or(AppError::Forbidden)?;
    Ok((viewer, commune))
}

/// Writes who took residents' personal data away, and in which file, to the audit log. The
/// download does not start without it.
async fn audit_personal_export(
    state: &AppState,
    viewer: &Viewer,
    commune: Uuid,
    campaign: Uuid,
    file: &str,
) -> Result<(), AppError> {
    let entry = app::ports::AuditEntry {
        commune_id: Some(commune.into()),
        actor_id: Some(viewer.user_id.into()),
        entity: "campaign",
        entity_id: campaign.to_string(),
        action: "export_personal_data",
        before: None,
        after: Some(serde_json::json!({ "file": file }).to_string()),
    };
    state.store.audit(entry, Utc::now()).await.map_err(internal)
}

fn not_found() -> AppError {
    AppError::NotFound
}

fn attachment(content_type: &'static str, name: &str, body: Body) -> Response {
    let disposition = format!("attachment; filename=\"{name}\"");
    let mut response = Response::new(body);
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    // personal data may be inside: never keep a copy in a shared cache
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Streamed exports running at once. Each holds a database connection while it writes, so
/// they get a small share of the pool and the desk keeps the rest.
static EXPORTS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// A response body written by a background task through a small channel, so a large export
/// is sent while it is written and memory stays bounded by the channel. A failure midway ends
/// the body with an error, so the client sees a broken download, never a short "complete" one.
/// When [`EXPORTS`] are all running the answer is 503: try again in a minute.
fn streamed<F, Fut>(what: &'static str, write: F) -> Result<Body, AppError>
where
    F: FnOnce(sheets::Sink) -> Fut,
    Fut: std::future::Future<Output = Result<(), String>> + Send + 'static,
{
    let Ok(permit) = EXPORTS.try_acquire() else {
        tracing::warn!(what, "export refused: the others are still running");
        return Err(AppError::Busy);
    };
    let (tx, rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let task = write(tx.clone());
    tokio::spawn(async move {
        let _permit = permit;
        if let Err(error) = task.await {
            tracing::error!(%error, what, "export stopped");
            let _ = tx.send(Err(std::io::Error::other(error))).await;
        }
    });
    let stream = futures::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    Ok(Body::from_stream(stream))
}

async fn load_report(
    state: &AppState,
    commune: Uuid,
    campaign: Uuid,
) -> Result<app::server_fns::report::ReportData, AppError> {
    state
        .store
        .report(
            commune.into(),
            campaign.into(),
            today_in_vietnam(Utc::now()),
        )
        .await
        .map_err(internal)?
        .ok_or_else(not_found)
}

/// `GET /api/v1/campaigns/{id}/report.docx`
pub async fn report_docx(
    State(state): State<AppState>,
    Path(campaign): Path<Uuid>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (_, commune) = reader(&state, &headers).await?;
    let report = load_report(&state, commune, campaign).await?;
    let bytes = docx::write_docx(&sheets::report_doc(&report)).map_err(internal)?;
    Ok(attachment(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "bao-cao-tong-hop-y-kien.docx",
        Body::from(bytes),
    ))
}

/// `GET /api/v1/campaigns/{id}/report.xlsx[?ca-nhan=1]`
pub async fn report_xlsx(
    State(state): State<AppState>,
    Path(campaign): Path<Uuid>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (viewer, commune) = reader(&state, &headers).await?;
    let personal = query.get("ca-nhan").is_some_and(|v| v == "1");
    if personal && !access::allows(access::PERSONAL_DATA, viewer.role) {
        tracing::warn!(user = %viewer.username, "personal data export refused");
        return Err(AppError::Forbidden);
    }
    let report = load_report(&state, commune, campaign).await?;
    if personal {
        tracing::info!(user = %viewer.username, %campaign, "export with personal data");
        audit_personal_export(
            &state,
            &viewer,
            commune,
            campaign,
            "bao-cao-tong-hop-y-kien.xlsx",
        )
        .await?;
    }
    let store = state.store.clone();
    let body = streamed("xlsx", move |sink| async move {
        sheets::stream_workbook(&store, commune, campaign, &report, personal, &sink).await
    })?;
    Ok(attachment(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "bao-cao-tong-hop-y-kien.xlsx",
        body,
    ))
}

/// `GET /api/v1/campaigns/{id}/opinions.csv` with the intake's filter parameters.
pub async fn opinions_csv(
    State(state): State<AppState>,
    Path(campaign): Path<Uuid>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (_, commune) = reader(&state, &headers).await?;
    let known = state
        .store
        .desk_reference(commune.into(), campaign.into())
        .await
        .map_err(internal)?;
    if known.is_none() {
        return Err(not_found());
    }
    let filter = IntakeFilter::from_query(|k| query.get(k).map(String::as_str));
    let store = state.store.clone();
    let body = streamed("csv", move |sink| async move {
        sheets::stream_csv(&store, commune, campaign, &filter, &sink).await
    })?;
    Ok(attachment(
        "text/csv; charset=utf-8",
        "y-kien-nhan-dan.csv",
        body,
    ))
}

/// `GET /api/v1/campaigns/{id}/report.csv`: one line per issue with its answer.
pub async fn report_csv(
    State(state): State<AppState>,
    Path(campaign): Path<Uuid>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (_, commune) = reader(&state, &headers).await?;
    let report = load_report(&state, commune, campaign).await?;
    Ok(attachment(
        "text/csv; charset=utf-8",
        "bao-cao-tong-hop-y-kien.csv",
        Body::from(sheets::issues_csv(&report)),
    ))
}

/// `GET /api/v1/campaigns/{id}/conclusion.docx`: the newest version of the conclusion notice
/// (a draft prints without its number and date, for the chair to read before approving).
pub async fn conclusion_docx(
    State(state): State<AppState>,
    Path(campaign): Path<Uuid>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (_, commune) = reader(&state, &headers).await?;
    let record = state
        .store
        .notice(commune.into(), campaign.into())
        .await
        .map_err(internal)?
        .ok_or_else(not_found)?;
    let commune_name = state
        .store
        .commune_name(commune.into())
        .await
        .map_err(internal)?
        .ok_or_else(not_found)?;
    let doc = sheets::notice_doc(&record, &commune_name, today_in_vietnam(Utc::now()))
        .ok_or_else(not_found)?;
    let bytes = docx::write_docx(&doc).map_err(internal)?;
    Ok(attachment(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "thong-bao-ket-luan.docx",
        Body::from(bytes),
    ))
}

/// `GET /api/v1/campaigns/{id}/minutes.docx`: the minutes (biên bản) of the conference. They
/// name the residents who spoke, so only staff and the chair may download them.
pub async fn minutes_docx(
    State(state): State<AppState>,
    Path(campaign): Path<Uuid>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (viewer, commune) = reader(&state, &headers).await?;
    if !access::allows(access::PERSONAL_DATA, viewer.role) {
        tracing::warn!(user = %viewer.username, "minutes download refused");
        return Err(AppError::Forbidden);
    }
    let sheet = state
        .store
        .conference_sheet(commune.into(), campaign.into())
        .await
        .map_err(internal)?
        .ok_or_else(not_found)?;
    let commune_name = state
        .store
        .commune_name(commune.into())
        .await
        .map_err(internal)?
        .ok_or_else(not_found)?;
    let doc = sheets::minutes_doc(&sheet, &commune_name).ok_or_else(not_found)?;
    let bytes = docx::write_docx(&doc).map_err(internal)?;
    audit_personal_export(&state, &viewer, commune, campaign, "bien-ban-hoi-nghi.docx").await?;
    Ok(attachment(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "bien-ban-hoi-nghi.docx",
        Body::from(bytes),
    ))
}

/// `GET /api/v1/statistics.xlsx?nam=YYYY&ky=1|2`: the periodic statistics as a workbook (key
/// figures, by topic, by group); a year when `ky` is absent.
pub async fn statistics_xlsx(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    use app::domain::statistics::{Period, report_of};

    let (viewer, commune) = reader(&state, &headers).await?;
    let today = today_in_vietnam(Utc::now());
    let period = Period::from_query(
        query.get("nam").map(String::as_str),
        query.get("ky").map(String::as_str),
        today,
    );
    let (from, to) = period.bounds().ok_or_else(not_found)?;
    let facts = state
        .store
        .period_facts(commune.into(), from, to)
        .await
        .map_err(internal)?;
    let report = report_of(
        period,
        viewer.commune_name.clone().unwrap_or_default(),
        facts,
        today,
    );
    let bytes = sheets::statistics_workbook(&report).map_err(internal)?;
    Ok(attachment(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "thong-ke-doi-thoai.xlsx",
        Body::from(bytes),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn only_two_streamed_exports_run_at_once_and_a_finished_one_frees_its_place() {
        let (release, wait) = tokio::sync::watch::channel(false);
        let stalled = |mut wait: tokio::sync::watch::Receiver<bool>| {
            move |_sink| async move {
                let _ = wait.wait_for(|done| *done).await;
                Ok(())
            }
        };
        let first = streamed("test", stalled(wait.clone())).expect("a place");
        let second = streamed("test", stalled(wait.clone())).expect("a place");
        assert_eq!(
            streamed("test", stalled(wait.clone())).err(),
            Some(AppError::Busy)
        );
        release.send(true).expect("release");
        // Both writers end and drop their places; their bodies end cleanly.
        let done = axum::body::to_bytes(first, 1024).await.expect("ends");
        assert!(done.is_empty());
        drop(second);
        let mut third = None;
        for _ in 0..100 {
            third = streamed("test", |_sink| async { Ok(()) }).ok();
            if third.is_some() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        assert!(third.is_some(), "a place is free again");
    }
}
