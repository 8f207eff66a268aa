//! Collector home: my campaigns.

use leptos::prelude::*;

use crate::api::collect::CampaignCard;
use crate::components::reload::LoadFromServer;
use crate::components::status::{Empty, ErrorNotice};
use crate::domain::format_date;
use crate::error::AppError;

/// The collector's campaigns as the server read them for this page (see `shell::RequestData`).
/// They come with the page, so the phone renders them at once; `None` after a move here inside
/// the whole app, which then loads the page from the server.
pub type CollectorCampaigns = Option<Result<Vec<CampaignCard>, AppError>>;

/// The campaigns covering the collector's groups.
#[component]
pub fn CollectorHome() -> impl IntoView {
    let campaigns: CollectorCampaigns = SharedValue::new(|| {
        crate::shell::from_request_data(|data| data.collector_campaigns.clone()).flatten()
    })
    .into_inner();
    let list = match campaigns {
        Some(Ok(list)) if list.is_empty() => {
            view! { <Empty message="Chưa có đợt đối thoại nào ở thôn, tổ dân phố của bạn."/> }
                .into_any()
        }
        Some(Ok(list)) => {
            view! { <ul class="cards">{list.into_iter().map(campaign_card).collect_view()}</ul> }
                .into_any()
        }
        Some(Err(error)) => view! { <ErrorNotice error/> }.into_any(),
        None => view! { <LoadFromServer href="/"/> }.into_any(),
    };
    view! {
        <section id="dot-doi-thoai" class="section">
            <h2>"Đợt đối thoại của tôi"</h2>
            {list}
        </section>
    }
}

fn campaign_card(c: CampaignCard) -> impl IntoView {
    let deadline = c.collection_deadline.map(|d| {
        view! { <p>"Hạn thu phiếu: " <strong>{format_date(d)}</strong></p> }
    });
    let conference = c.conference_date.map(|d| {
        let place = c
            .conference_place
            .clone()
            .map(|p| format!(" tại {p}"))
            .unwrap_or_default();
        view! { <p>"Hội nghị đối thoại: " {format_date(d)} {place}</p> }
    });
    let open = c.stage.accepts_forms();
    view! {
        <li class="card campaign" class:campaign-open=open>
            <p class="tags">
                <span class="tag">{c.kind.label()}</span>
                <span class="tag" class:tag-live=open>{c.stage.label()}</span>
            </p>
            <h3>{c.title}</h3>
            <p>"Địa bàn: " {c.groups.join(", ")}</p>
            {deadline}
            {conference}
            <p class="count">"Phiếu tôi đã thu: " <strong>{c.my_forms}</strong></p>
            {open.then(|| view! { <a class="button" href="/thu-phieu">"Thu phiếu"</a> })}
        </li>
    }
}
