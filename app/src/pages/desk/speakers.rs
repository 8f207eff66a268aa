//! `/ban/:dot/phat-bieu`: the residents who asked to speak at the conference, in speaking order
//! (phiếu đăng ký phát biểu), with walk-ins registered at the door.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::domain::ids::{CampaignId, GroupId, SpeakerId};
use crate::error::AppError;
use crate::server_fns::conference::{
    SpeakerList, add_walk_in, move_speaker, speakers, take_registrations,
};

use super::{Outcome, outcome_notice, settle, use_campaign_id};

/// The speakers' list.
#[component]
pub fn DeskSpeakersPage() -> impl IntoView {
    let campaign_id = use_campaign_id();
    let version = RwSignal::new(0u32);
    let outcome = RwSignal::new(None::<Outcome>);
    let data = Resource::new(
        move || (campaign_id.get(), version.get()),
        |(id, _)| async move { speakers(id.ok_or(AppError::NotFound)?).await },
    );
    view! {
        <Title text="Đăng ký phát biểu — Dân Bàn"/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match (data.await, campaign_id.get_untracked()) {
                    (Ok(list), Some(id)) => list_view(id, list, version, outcome).into_any(),
                    (Err(error), _) => view! { <ErrorNotice error/> }.into_any(),
                    (Ok(_), None) => view! { <ErrorNotice error=AppError::NotFound/> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn list_view(
    campaign: CampaignId,
    list: SpeakerList,
    version: RwSignal<u32>,
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let group = RwSignal::new(None::<GroupId>);
    let take = move |_| {
        settle(
            outcome,
            version,
            |n: &i64| Some(format!("Đã thêm {n} người đăng ký từ phiếu.")),
            take_registrations(campaign),
        );
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        settle(
            outcome,
            version,
            |_: &SpeakerId| Some("Đã thêm người đăng ký tại hội nghị.".into()),
            add_walk_in(
                campaign,
                name.get_untracked(),
                group.get_untracked(),
                note.get_untracked(),
            ),
        );
    };
    let step = move |id: SpeakerId, earlier: bool| {
        settle(
            outcome,
            version,
            |_: &()| None,
            move_speaker(campaign, id, earlier),
        );
    };
    let waiting = list.waiting;
    let no_speakers = list.speakers.is_empty();
    let rows = list
        .speakers
        .into_iter()
        .map(|s| {
            let id = s.id;
            view! {
                <tr data-speaker=id.to_string()>
                    <td class="num">{s.position}</td>
                    <th scope="row">{s.name}</th>
                    <td>{s.group.unwrap_or_default()}</td>
                    <td>{s.topic_note}</td>
                    <td>{if s.walk_in { "Tại hội nghị" } else { "Phiếu đăng ký" }}</td>
                    <td>
                        <button type="button" class="link-button" aria-label="Lên trước"
                            on:click=move |_| step(id, true)>"↑"</button>
                        " "
                        <button type="button" class="link-button" aria-label="Xuống sau"
                            on:click=move |_| step(id, false)>"↓"</button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let groups = list
        .groups
        .into_iter()
        .map(|g| view! { <option value=g.id.to_string()>{g.name}</option> })
        .collect_view();
    view! {
        <p><a href=format!("/ke-hoach/{campaign}")>"← Kế hoạch đợt đối thoại"</a></p>
        <h1>"Danh sách đăng ký phát biểu"</h1>
        <p class="hint">{list.title}</p>
        {outcome_notice(outcome)}
        <p class="desk-links">
            <button type="button" class="button" id="take-registrations" on:click=take
                disabled=waiting == 0>
                {format!("Lấy {waiting} người đăng ký từ phiếu")}
            </button>
        </p>
        <table class="data" id="speaker-list">
            <thead>
                <tr>
                    <th scope="col">"TT"</th>
                    <th scope="col">"Họ và tên"</th>
                    <th scope="col">"Thôn, tổ dân phố"</th>
                    <th scope="col">"Nội dung đăng ký"</th>
                    <th scope="col">"Nguồn"</th>
                    <th scope="col">"Thứ tự"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {no_speakers.then(|| view! { <Empty message="Danh sách chưa có ai."/> })}
        <form class="form inline-form" id="walk-in" on:submit=add>
            <h2>"Đăng ký tại hội nghị"</h2>
            <label for="walk-in-name">"Họ và tên"</label>
            <input id="walk-in-name" type="text" maxlength="200"
                on:input=move |ev| name.set(event_target_value(&ev))/>
            <label for="walk-in-group">"Thôn, tổ dân phố"</label>
            <select id="walk-in-group" on:change=move |ev| group.set(event_target_value(&ev).parse().ok())>
                <option value="">"— không rõ —"</option>
                {groups}
            </select>
            <label for="walk-in-note">"Nội dung muốn phát biểu"</label>
            <input id="walk-in-note" type="text" maxlength="200"
                on:input=move |ev| note.set(event_target_value(&ev))/>
            <button type="submit" class="button">"Thêm vào danh sách"</button>
        </form>
    }
}
