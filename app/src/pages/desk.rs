//! The ward desk, desktop first: the intake of a campaign (`/ban/:dot`), its issues, the
//! group × topic pivot and the summary report. Tabs share one campaign header.

mod bulk;
mod chart;
mod conclusion;
mod conference;
mod conflicts;
mod intake;
mod issues;
mod panel;
mod pivot;
mod publishing;
mod report;
mod speakers;

pub(crate) use bulk::{Outcome, outcome_notice, settle};
pub use conclusion::DeskConclusionPage;
pub use conference::DeskConferencePage;
pub use conflicts::DeskConflictsPage;
pub use intake::DeskIntakePage;
pub use issues::DeskIssuesPage;
pub use pivot::DeskPivotPage;
pub use publishing::DeskPublishingPage;
pub use report::DeskReportPage;
pub use speakers::DeskSpeakersPage;

use crate::domain::ids::CampaignId;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::server_fns::desk::DeskReference;

/// The campaign id of the current `/ban/:dot…` route.
pub(crate) fn use_campaign_id() -> Memo<Option<CampaignId>> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get_str("dot").and_then(|s| s.parse().ok())))
}

/// Which tab is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tab {
    Intake,
    Issues,
    Pivot,
    Report,
    Conflicts,
}

/// Campaign title, its stage, and the four tabs.
pub(crate) fn desk_header(reference: &DeskReference, current: Tab) -> impl IntoView + use<> {
    let id = reference.campaign.id;
    let tab = move |t: Tab, label: &'static str, suffix: &'static str| {
        let href = format!("/ban/{id}{suffix}");
        let current = (t == current).then_some("page");
        view! { <a href=href class="tab" aria-current=current>{label}</a> }
    };
    view! {
        <header class="desk-header">
            <p class="tags">
                <span class="tag">{reference.campaign.kind.label()}</span>
                <span class="tag">{reference.campaign.stage.label()}</span>
            </p>
            <h1>{reference.campaign.title.clone()}</h1>
            {switcher(reference, current)}
            <nav class="tabs" aria-label="Bàn xử lý">
                {tab(Tab::Intake, "Ý kiến tiếp nhận", "")}
                {tab(Tab::Issues, "Vấn đề đã tổng hợp", "/van-de")}
                {tab(Tab::Pivot, "Tổng hợp theo thôn, nhóm nội dung", "/tong-hop")}
                {tab(Tab::Report, "Báo cáo", "/bao-cao")}
                {(reference.conflicts > 0 || current == Tab::Conflicts).then(|| {
                    let label = format!("Phiếu xung đột ({})", reference.conflicts);
                    let href = format!("/ban/{id}/xung-dot");
                    let here = (current == Tab::Conflicts).then_some("page");
                    view! { <a href=href class="tab tab-alert" aria-current=here>{label}</a> }
                })}
            </nav>
        </header>
    }
}

/// Links to the same tab of the commune's other campaigns.
fn switcher(reference: &DeskReference, current: Tab) -> impl IntoView + use<> {
    let suffix = match current {
        Tab::Intake => "",
        Tab::Issues => "/van-de",
        Tab::Pivot => "/tong-hop",
        Tab::Report => "/bao-cao",
        Tab::Conflicts => "/xung-dot",
    };
    let others: Vec<_> = reference
        .campaigns
        .iter()
        .filter(|c| c.id != reference.campaign.id)
        .map(|c| {
            let href = format!("/ban/{}{suffix}", c.id);
            view! { <li><a href=href>{c.title.clone()}</a></li> }
        })
        .collect();
    (!others.is_empty()).then(|| {
        view! {
            <nav class="campaign-switch" aria-label="Đợt đối thoại khác">
                <span>"Đợt khác: "</span>
                <ul>{others}</ul>
            </nav>
        }
    })
}

/// A link to the intake filtered as given.
pub(crate) fn intake_href(campaign: CampaignId, pairs: &[(&'static str, String)]) -> String {
    let mut href = format!("/ban/{campaign}");
    for (i, (key, value)) in pairs.iter().enumerate() {
        href.push(if i == 0 { '?' } else { '&' });
        href.push_str(key);
        href.push('=');
        href.push_str(&encode(value));
    }
    href
}

/// Percent-encodes a query value (UTF-8 bytes outside the unreserved set).
pub(crate) fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(encode("đường A&B"), "%C4%91%C6%B0%E1%BB%9Dng%20A%26B");
        let id = CampaignId::from_uuid(uuid::Uuid::nil());
        assert_eq!(
            intake_href(id, &[("tim", "a b".into()), ("muc-do", "khan".into())]),
            format!("/ban/{id}?tim=a%20b&muc-do=khan")
        );
    }
}
