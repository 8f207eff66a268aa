//! What residents open without an account, on any phone: a commune's public page with its
//! search, each campaign's published results, a printable notice per thôn / tổ dân phố, and the
//! receipt-code lookup. Plain HTML from the server, forms that work without JavaScript, no
//! WebAssembly: a first visit is the page and the style sheet.

mod render;

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Form, Router};
use chrono::{Duration, Utc};
use serde::Deserialize;

use app::api::public::{PublicCommuneHead, PublicCommunePage, PublicIssue};
use app::domain::ids::{CampaignId, GroupId};
use app::domain::receipt::{LOOKUP_WINDOW_MINUTES, LOOKUPS_PER_WINDOW, ReceiptCode};
use app::domain::text::fold;
use app::ports::StoreError;

use crate::state::AppState;

pub use render::{Lookup, SearchResults};

/// The residents' routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cong-khai/{xa}", get(commune))
        .route("/cong-khai/{xa}/dot/{dot}", get(campaign))
        .route("/cong-khai/{xa}/dot/{dot}/to/{to}", get(group_notice))
        .route("/cong-khai/{xa}/tra-cuu", get(lookup_form).post(lookup))
}

/// Longest search accepted; a resident types a few words.
const MAX_QUERY_CHARS: usize = 100;

#[derive(Deserialize)]
struct CommuneQuery {
    q: Option<String>,
}

#[derive(Deserialize)]
struct CampaignQuery {
    theo: Option<String>,
}

#[derive(Deserialize)]
struct LookupForm {
    ma: Option<String>,
}

/// Why a page could not be shown.
enum Refusal {
    NotFound,
    Failed(StoreError),
}

impl From<StoreError> for Refusal {
    fn from(error: StoreError) -> Refusal {
        match error {
            StoreError::NotFound => Refusal::NotFound,
            other => Refusal::Failed(other),
        }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::NotFound => page(StatusCode::NOT_FOUND, render::not_found()),
            Refusal::Failed(error) => {
                tracing::error!(%error, "a public page failed");
                page(StatusCode::INTERNAL_SERVER_ERROR, render::failed())
            }
        }
    }
}

fn page(status: StatusCode, html: String) -> Response {
    let mut response = (status, Html(html)).into_response();
    // Published results change when staff publish: a phone may keep them for a minute.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
    response
}

/// A slug as communes have them: lowercase words and dashes; anything else names nothing.
fn plausible_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 100
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

async fn commune_page(state: &AppState, slug: &str) -> Result<PublicCommunePage, Refusal> {
    if !plausible_slug(slug) {
        return Err(Refusal::NotFound);
    }
    state
        .store
        .public_commune_page(slug)
        .await?
        .ok_or(Refusal::NotFound)
}

async fn commune_head(state: &AppState, slug: &str) -> Result<PublicCommuneHead, Refusal> {
    if !plausible_slug(slug) {
        return Err(Refusal::NotFound);
    }
    state
        .store
        .public_commune(slug)
        .await?
        .ok_or(Refusal::NotFound)
}

async fn commune(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<CommuneQuery>,
) -> Result<Response, Refusal> {
    let commune = commune_page(&state, &slug).await?;
    let q: String = query
        .q
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_QUERY_CHARS)
        .collect::<String>()
        .trim()
        .to_owned();
    let search = if q.is_empty() {
        None
    } else {
        let issues = state.store.published_issues(commune.id).await?;
        Some(SearchResults {
            found: search(issues, &q),
            query: q,
        })
    };
    Ok(page(StatusCode::OK, render::commune(&commune, search)))
}

/// The published issues whose words contain every word searched for, diacritics or not
/// ("duong" finds "đường", "Đ" included); those whose title has them all come first.
pub fn search(issues: Vec<PublicIssue>, query: &str) -> Vec<PublicIssue> {
    let words: Vec<String> = fold(query).split_whitespace().map(str::to_owned).collect();
    let has_all = |text: &str| {
        let folded = fold(text);
        words.iter().all(|w| folded.contains(w.as_str()))
    };
    let (mut found, rest): (Vec<PublicIssue>, Vec<PublicIssue>) = issues
        .into_iter()
        .filter(|issue| {
            let mut haystack = format!(
                "{} {} {} {}",
                issue.title, issue.summary, issue.topic, issue.campaign
            );
            for group in &issue.groups {
                haystack.push(' ');
                haystack.push_str(&group.name);
            }
            if let Some(answer) = &issue.answer {
                haystack.push(' ');
                haystack.push_str(&answer.content);
                haystack.push(' ');
                haystack.push_str(&answer.result);
            }
            if let Some(conclusion) = &issue.conclusion {
                haystack.push(' ');
                haystack.push_str(&conclusion.content);
            }
            has_all(&haystack)
        })
        .partition(|issue| has_all(&issue.title));
    found.extend(rest);
    found
}

async fn campaign(
    State(state): State<AppState>,
    Path((slug, campaign)): Path<(String, String)>,
    Query(query): Query<CampaignQuery>,
) -> Result<Response, Refusal> {
    let commune = commune_head(&state, &slug).await?;
    let campaign_id: CampaignId = campaign.parse().map_err(|_| Refusal::NotFound)?;
    let campaign = state
        .store
        .public_campaign(commune.id, campaign_id)
        .await?
        .ok_or(Refusal::NotFound)?;
    let by_group = query.theo.as_deref() == Some("to");
    Ok(page(
        StatusCode::OK,
        render::campaign(&commune, &campaign, by_group),
    ))
}

async fn group_notice(
    State(state): State<AppState>,
    Path((slug, campaign, group)): Path<(String, String, String)>,
) -> Result<Response, Refusal> {
    let commune = commune_head(&state, &slug).await?;
    let campaign_id: CampaignId = campaign.parse().map_err(|_| Refusal::NotFound)?;
    let group_id: GroupId = group.parse().map_err(|_| Refusal::NotFound)?;
    let campaign = state
        .store
        .public_campaign(commune.id, campaign_id)
        .await?
        .ok_or(Refusal::NotFound)?;
    let group = campaign
        .groups
        .iter()
        .find(|g| g.id == group_id)
        .cloned()
        .ok_or(Refusal::NotFound)?;
    Ok(page(
        StatusCode::OK,
        render::group_notice(&commune, &campaign, &group),
    ))
}

async fn lookup_form(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, Refusal> {
    let commune = commune_head(&state, &slug).await?;
    Ok(page(
        StatusCode::OK,
        render::lookup(&commune, "", Lookup::Ask),
    ))
}

async fn lookup(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    Form(form): Form<LookupForm>,
) -> Result<Response, Refusal> {
    let commune = commune_head(&state, &slug).await?;
    let typed: String = form
        .ma
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(40)
        .collect();
    let address = client_address(&state, connect.map(|c| c.0.0), &headers);
    let now = Utc::now();
    // Counted before the code is even read: a wrong code costs as much as a right one.
    let count = state
        .store
        .count_lookup(
            &address,
            now,
            now - Duration::minutes(LOOKUP_WINDOW_MINUTES),
        )
        .await?;
    let (status, outcome) = if count > LOOKUPS_PER_WINDOW {
        tracing::warn!(%address, count, "receipt lookups throttled");
        (StatusCode::TOO_MANY_REQUESTS, Lookup::Throttled)
    } else {
        match ReceiptCode::parse(&typed) {
            None => (StatusCode::OK, Lookup::Malformed),
            Some(code) => match state.store.receipt_trail(commune.id, &code).await? {
                Some(trail) => (StatusCode::OK, Lookup::Found(Box::new(trail))),
                None => (StatusCode::OK, Lookup::Unknown),
            },
        }
    };
    let mut response = (status, Html(render::lookup(&commune, &typed, outcome))).into_response();
    // A lookup answer is the resident's own: never kept by a shared cache or the browser.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if status == StatusCode::TOO_MANY_REQUESTS {
        let seconds = (LOOKUP_WINDOW_MINUTES * 60).to_string();
        if let Ok(value) = HeaderValue::from_str(&seconds) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
    }
    Ok(response)
}

/// The address lookups are counted by, as login throttling counts it.
fn client_address(state: &AppState, peer: Option<SocketAddr>, headers: &HeaderMap) -> String {
    let Some(peer) = peer else {
        return "unknown".to_owned();
    };
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let client =
        app::ssr::address::client_address(peer.ip(), &forwarded, &state.auth.trusted_proxies);
    app::ssr::address::throttle_key(client)
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::api::public::{PublicAnswer, PublicGroup};
    use app::domain::ids::IssueId;
    use app::domain::publication::PublicStatus;

    fn issue(title: &str, answer: &str) -> PublicIssue {
        PublicIssue {
            id: IssueId::new(),
            campaign_id: CampaignId::new(),
            campaign: "Đối thoại giữa năm".into(),
            topic: "Giao thông".into(),
            title: title.into(),
            summary: String::new(),
            groups: vec![PublicGroup {
                id: GroupId::new(),
                name: "Thôn Đông".into(),
            }],
            supporters: 2,
            status: PublicStatus::Answered,
            due_on: None,
            answer: Some(PublicAnswer {
                content: answer.into(),
                result: String::new(),
                resolution_time: String::new(),
                resolving_body: String::new(),
            }),
            conclusion: None,
        }
    }

    #[test]
    fn search_ignores_diacritics_and_case() {
        let issues = vec![
            issue("Sửa ĐƯỜNG trục thôn", "Đã bố trí vốn, lý do"),
            issue("Đèn chiếu sáng Lý Thường Kiệt", "Lắp trong quý IV"),
        ];
        let found = search(issues.clone(), "duong");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].title, "Sửa ĐƯỜNG trục thôn");
        let found = search(issues.clone(), "ly");
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].title, "Đèn chiếu sáng Lý Thường Kiệt",
            "title before answer"
        );
        assert_eq!(search(issues.clone(), "đèn quý").len(), 1, "every word");
        assert_eq!(search(issues.clone(), "thon dong").len(), 2, "group names");
        assert!(search(issues, "cầu treo").is_empty());
    }

    #[test]
    fn only_slug_shaped_names_are_looked_up() {
        assert!(plausible_slug("bac-thanh-mien"));
        assert!(!plausible_slug("Bac"));
        assert!(!plausible_slug("a\0b"));
        assert!(!plausible_slug(""));
    }
}
