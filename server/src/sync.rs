//! The versioned offline-sync API (`/api/v1/…`): plain JSON over HTTP, authenticated by the
//! collector's session cookie, judged form by form so one bad form never blocks the others.

use axum::Json;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::HeaderMap;
use chrono::Utc;
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use app::api::{
    FormOutcome, FormResult, FormSubmission, MAX_FORMS_PER_BATCH, MAX_SYNC_BODY_BYTES,
    ReferenceData, SyncRequest, SyncResponse,
};
use app::domain::access;
use app::domain::form::validate_received;
use app::domain::ingest::{Arrival, Ingest};
use app::domain::receipt::ReceiptCode;
use app::domain::role::Role;
use app::domain::viewer::Viewer;

use app::error::AppError;

use crate::state::AppState;

/// A failure of the server itself: logged with its cause; the phone keeps its forms and is
/// told so.
fn internal(error: impl std::fmt::Display) -> AppError {
    tracing::error!(%error, "sync API failure");
    AppError::Internal
}

/// The collector behind the request's session cookie.
async fn collector(state: &AppState, headers: &HeaderMap) -> Result<Viewer, AppError> {
    let viewer = state.viewer(headers).await.map_err(internal)?;
    let viewer = viewer.ok_or(AppError::Unauthenticated)?;
    if viewer.must_change_password {
        return Err(AppError::PasswordChangeRequired);
    }
    if !access::allows(access::SEND_FORMS, viewer.role) || viewer.commune_id.is_none() {
        tracing::warn!(user = %viewer.username, "sync refused: not a collector");
        return Err(AppError::Forbidden);
    }
    Ok(viewer)
}

/// `GET /api/v1/collect/reference`
pub async fn reference(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<ReferenceData>, AppError> {
    let viewer = collector(&state, &headers).await?;
    let commune = viewer
        .commune_id
        .ok_or_else(|| internal("collector without commune"))?;
    let campaigns = state
        .store
        .collector_reference(
            commune.into(),
            viewer.user_id.into(),
            viewer.role != Role::Collector,
        )
        .await
        .map_err(internal)?;
    let slug = state
        .store
        .commune_slug(commune.into())
        .await
        .map_err(internal)?;
    Ok(Json(ReferenceData {
        campaigns,
        collector_name: viewer.full_name,
        lookup_path: slug.map(|slug| format!("/cong-khai/{slug}/tra-cuu")),
        fetched_at: Utc::now(),
    }))
}

/// `POST /api/v1/sync/forms`
pub async fn sync_forms(
    State(state): State<AppState>,
    request: Request<Body>,
) -> Result<Json<SyncResponse>, AppError> {
    let (parts, body) = request.into_parts();
    let viewer = collector(&state, &parts.headers).await?;
    // Only JSON: a form post or `text/plain` is what a cross-site page can send without asking.
    let json = parts
        .headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !json {
        tracing::warn!(user = %viewer.username, "sync batch that is not JSON refused");
        return Err(AppError::UnsupportedMediaType);
    }
    let commune = viewer
        .commune_id
        .ok_or_else(|| internal("collector without commune"))?;
    let bytes = to_bytes(body, MAX_SYNC_BODY_BYTES).await.map_err(|_| {
        AppError::TooLarge("Gói phiếu quá lớn. Ứng dụng sẽ gửi từng phần nhỏ hơn.".into())
    })?;
    let batch: SyncRequest = serde_json::from_slice(&bytes).map_err(|e| {
        tracing::warn!(user = %viewer.username, error = %e, "unreadable sync batch");
        let message = "Dữ liệu gửi lên không đọc được. Hãy cập nhật ứng dụng và đồng bộ lại.";
        if e.is_data() {
            AppError::Invalid(message.into())
        } else {
            AppError::Malformed(message.into())
        }
    })?;
    if batch.forms.len() > MAX_FORMS_PER_BATCH {
        return Err(AppError::Invalid(format!(
            "Gói phiếu quá lớn (tối đa {MAX_FORMS_PER_BATCH} phiếu). Ứng dụng sẽ gửi từng phần nhỏ hơn."
        )));
    }
    let now = Utc::now();
    let forms: Vec<FormSubmission> = batch.forms.into_iter().map(normalised).collect();
    // Forms refused on their face are answered here; the others go to the store as one batch.
    let mut outcomes: Vec<Option<FormOutcome>> = Vec::with_capacity(forms.len());
    let mut hashed = Vec::new();
    for (index, form) in forms.iter().enumerate() {
        match refused_on_its_face(&viewer, form, now) {
            Some(outcome) => outcomes.push(Some(outcome)),
            None => {
                hashed.push((index, content_hash(form).map_err(internal)?));
                outcomes.push(None);
            }
        }
    }
    let arrivals: Vec<Arrival<'_>> = hashed
        .iter()
        .map(|(index, hash)| Arrival {
            commune_id: commune.into(),
            collector_id: viewer.user_id.into(),
            form: &forms[*index],
            content_hash: hash,
        })
        .collect();
    let ingested = state
        .store
        .ingest_forms(&arrivals, now)
        .await
        .map_err(internal)?;
    for ((index, _), ingest) in hashed.iter().zip(ingested) {
        if ingest == Ingest::Conflict {
            tracing::warn!(form = %forms[*index].id, "conflicting copy kept for review");
        }
        outcomes[*index] = Some(ingest.outcome());
    }
    let mut results = Vec::with_capacity(forms.len());
    for (form, outcome) in forms.iter().zip(outcomes) {
        // The store answers every form it was given; a missing answer is its bug, and the
        // phone keeps the form and sends it again.
        let outcome = outcome.ok_or_else(|| internal("the store answered fewer forms"))?;
        results.push(FormResult {
            id: form.id,
            revision: form.revision,
            outcome,
        });
    }
    Ok(Json(SyncResponse {
        results,
        server_time: now,
    }))
}

/// The answer for a form that never reaches the store: invalid, or for a group the collector
/// does not collect in.
fn refused_on_its_face(
    viewer: &Viewer,
    form: &FormSubmission,
    now: chrono::DateTime<Utc>,
) -> Option<FormOutcome> {
    if let Err(reason) = validate_received(form, now) {
        return Some(FormOutcome::Rejected { reason });
    }
    // Staff typing in paper forms may enter any group of the campaign (the store checks that
    // the group is the campaign's and the campaign the commune's).
    if viewer.role == Role::Collector && !viewer.collects_for(form.group_id.uuid()) {
        tracing::warn!(user = %viewer.username, group = %form.group_id, "form for another group");
        return Some(FormOutcome::Rejected {
            reason: "Bạn không được giao thu phiếu ở thôn, tổ dân phố này.".into(),
        });
    }
    None
}

/// NFC for every text (some keyboards send decomposed Vietnamese), trimmed, empty → none.
fn normalised(mut form: FormSubmission) -> FormSubmission {
    let nfc = |s: &str| -> String { s.trim().nfc().collect() };
    let opt = |v: Option<String>| v.map(|s| nfc(&s)).filter(|s| !s.is_empty());
    // One canonical spelling (`ABCD-EFGH`), so the same code typed with or without the dash
    // is the same code to the uniqueness check and to a resident's lookup.
    form.receipt_code = ReceiptCode::parse(&form.receipt_code).map_or_else(
        || form.receipt_code.trim().to_uppercase(),
        |code| code.as_str().to_owned(),
    );
    form.respondent.name = opt(form.respondent.name);
    form.respondent.household = opt(form.respondent.household);
    form.respondent.phone = opt(form.respondent.phone);
    form.proposal = opt(form.proposal);
    for opinion in &mut form.opinions {
        opinion.text = nfc(&opinion.text);
    }
    form
}

/// SHA-256 of everything but the revision number, as canonical JSON of the normalised form.
fn content_hash(form: &FormSubmission) -> Result<String, serde_json::Error> {
    let mut value = serde_json::to_value(form)?;
    if let Some(object) = value.as_object_mut() {
        object.remove("revision");
    }
    let digest = Sha256::digest(serde_json::to_vec(&value)?);
    Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::api::{OpinionEntry, Respondent};
    use app::domain::respondent::RespondentKind;
    use uuid::Uuid;

    fn form(text: &str) -> FormSubmission {
        FormSubmission {
            id: Uuid::nil().into(),
            revision: 1,
            campaign_id: Uuid::nil().into(),
            group_id: Uuid::nil().into(),
            receipt_code: "abcd-efgh".into(),
            respondent: Respondent {
                name: Some("  ".into()),
                anonymous: false,
                household: None,
                phone: None,
                kind: RespondentKind::Resident,
            },
            opinions: vec![OpinionEntry {
                id: Uuid::nil().into(),
                topic_id: Uuid::nil().into(),
                text: text.into(),
            }],
            proposal: None,
            wants_to_speak: false,
            consent: false,
            consent_version: None,
            filled_at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn decomposed_vietnamese_is_stored_composed() {
        let decomposed = "Đu\u{031b}o\u{031b}\u{0300}ng";
        let f = normalised(form(decomposed));
        assert_eq!(f.opinions[0].text, "Đường");
        assert_eq!(f.respondent.name, None, "blank fields become empty");
        assert_eq!(f.receipt_code, "ABCD-EFGH");
    }

    #[test]
    fn composed_and_decomposed_copies_hash_the_same_and_revision_is_ignored() {
        let a = normalised(form("Đường"));
        let mut b = normalised(form("Đu\u{031b}o\u{031b}\u{0300}ng"));
        b.revision = 2;
        assert_eq!(
            content_hash(&a).expect("hash"),
            content_hash(&b).expect("hash")
        );
        let c = normalised(form("Đường làng"));
        assert_ne!(
            content_hash(&a).expect("hash"),
            content_hash(&c).expect("hash")
        );
    }
}
