//! `/ban/:dot/hoi-nghi`: the secretary's record of the conference — when, where, who chaired
//! and attended, what each speaker raised and who answered on the spot — and the opinions first
//! raised there, which join the intake. The minutes (biên bản) download from here.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::domain::conference::{Delegation, DelegationLevel};
use crate::domain::ids::{CampaignId, GroupId, OpinionId, SpeakerId, TopicId};
use crate::error::AppError;
use crate::server_fns::conference::{
    ConferenceRecord, ConferenceSheet, NewConferenceOpinion, SpeakerEntry, SpeakerNote,
    conference_page, note_speaker, raise_opinion, save_record,
};

use super::{Outcome, outcome_notice, settle, use_campaign_id};

/// The conference page.
#[component]
pub fn DeskConferencePage() -> impl IntoView {
    let campaign_id = use_campaign_id();
    let version = RwSignal::new(0u32);
    let outcome = RwSignal::new(None::<Outcome>);
    let data = Resource::new(
        move || (campaign_id.get(), version.get()),
        |(id, _)| async move { conference_page(id.ok_or(AppError::NotFound)?).await },
    );
    view! {
        <Title text="Hội nghị đối thoại — Dân Bàn"/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match (data.await, campaign_id.get_untracked()) {
                    (Ok(sheet), Some(id)) => sheet_view(id, sheet, version, outcome).into_any(),
                    (Err(error), _) => view! { <ErrorNotice error/> }.into_any(),
                    (Ok(_), None) => view! { <ErrorNotice error=AppError::NotFound/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// One delegation row being edited.
#[derive(Clone, Copy)]
struct DelegationRow {
    level: RwSignal<DelegationLevel>,
    name: RwSignal<String>,
    attendees: RwSignal<String>,
}

impl DelegationRow {
    fn new(d: Option<&Delegation>) -> Self {
        DelegationRow {
            level: RwSignal::new(d.map_or(DelegationLevel::Commune, |d| d.level)),
            name: RwSignal::new(d.map(|d| d.name.clone()).unwrap_or_default()),
            attendees: RwSignal::new(d.map(|d| d.attendees.to_string()).unwrap_or_default()),
        }
    }
}

fn sheet_view(
    campaign: CampaignId,
    sheet: ConferenceSheet,
    version: RwSignal<u32>,
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView {
    let recorded = sheet.record.is_some();
    let (planned_on, planned_place) = sheet.planned.clone();
    let today = crate::domain::today_in_vietnam(chrono::Utc::now());
    let held = RwSignal::new(
        sheet
            .record
            .as_ref()
            .map(|r| r.held_on)
            .or(planned_on)
            .unwrap_or(today)
            .to_string(),
    );
    let field = |f: fn(&ConferenceRecord) -> &String, default: String| {
        RwSignal::new(
            sheet
                .record
                .as_ref()
                .map(|r| f(r).clone())
                .unwrap_or(default),
        )
    };
    let place = field(|r| &r.place, planned_place);
    let chairs = field(|r| &r.chairs, String::new());
    let secretary = field(|r| &r.secretary, String::new());
    let summary = field(|r| &r.summary, String::new());
    let rows = RwSignal::new(match &sheet.record {
        Some(r) if !r.delegations.is_empty() => r
            .delegations
            .iter()
            .map(|d| DelegationRow::new(Some(d)))
            .collect(),
        _ => vec![DelegationRow::new(None)],
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(held_on) = held.get_untracked().parse() else {
            outcome.set(Some(Outcome::Failed(
                "Hãy chọn ngày tổ chức hội nghị.".into(),
            )));
            return;
        };
        let mut delegations = Vec::new();
        for row in rows.get_untracked() {
            let count = row.attendees.get_untracked();
            let Ok(attendees) = (if count.trim().is_empty() {
                Ok(0)
            } else {
                count.trim().parse::<i64>()
            }) else {
                outcome.set(Some(Outcome::Failed(format!(
                    "Số người không hợp lệ: {count}"
                ))));
                return;
            };
            delegations.push(Delegation {
                level: row.level.get_untracked(),
                name: row.name.get_untracked(),
                attendees,
            });
        }
        let record = ConferenceRecord {
            held_on,
            place: place.get_untracked(),
            chairs: chairs.get_untracked(),
            secretary: secretary.get_untracked(),
            summary: summary.get_untracked(),
            delegations,
        };
        settle(
            outcome,
            version,
            |_| Some("Đã lưu biên bản hội nghị.".into()),
            save_record(campaign, record),
        );
    };
    let delegation_rows = move || {
        rows.get()
            .into_iter()
            .map(|row| {
                let levels = DelegationLevel::ALL
                    .into_iter()
                    .map(|l| view! {
                        <option value=l.code() selected=move || row.level.get() == l>{l.label()}</option>
                    })
                    .collect_view();
                view! {
                    <li class="delegation">
                        <select aria-label="Cấp" on:change=move |ev| {
                            if let Some(l) = DelegationLevel::parse(&event_target_value(&ev)) {
                                row.level.set(l);
                            }
                        }>{levels}</select>
                        <input type="text" aria-label="Thành phần" class="delegation-name" maxlength="300"
                            prop:value=move || row.name.get()
                            on:input=move |ev| row.name.set(event_target_value(&ev))/>
                        <input type="number" aria-label="Số người" class="delegation-count" min="0"
                            prop:value=move || row.attendees.get()
                            on:input=move |ev| row.attendees.set(event_target_value(&ev))/>
                    </li>
                }
            })
            .collect_view()
    };
    let minutes = recorded.then(|| {
        view! {
            <a class="button-secondary" rel="external" download
                href=format!("/api/v1/campaigns/{campaign}/minutes.docx")>"Tải biên bản (DOCX)"</a>
        }
    });
    let speakers = speakers_view(campaign, sheet.speakers.clone(), version, outcome);
    let raise = raise_form(campaign, &sheet, version, outcome);
    let raised = sheet
        .raised
        .iter()
        .map(|o| {
            let who = o.speaker.clone().map(|s| format!(" — {s}")).unwrap_or_default();
            view! { <li><strong>{o.topic.clone()}</strong> " · " {o.group.clone()} {who} <br/> {o.body.clone()}</li> }
        })
        .collect_view();
    view! {
        <p><a href=format!("/ke-hoach/{campaign}")>"← Kế hoạch đợt đối thoại"</a></p>
        <h1>"Hội nghị đối thoại"</h1>
        <p class="hint">{sheet.title.clone()}</p>
        {outcome_notice(outcome)}
        <p class="desk-links">
            {minutes}
            <a class="button-secondary" href=format!("/ban/{campaign}/phat-bieu")>"Danh sách đăng ký phát biểu"</a>
            <a class="button-secondary" href=format!("/ban/{campaign}/ket-luan")>"Thông báo kết luận"</a>
        </p>
        <form class="form" id="conference-record" on:submit=save>
            <h2>"Biên bản hội nghị"</h2>
            <label for="held-on">"Ngày tổ chức"</label>
            <input id="held-on" type="date" prop:value=move || held.get()
                on:input=move |ev| held.set(event_target_value(&ev))/>
            <label for="conference-place">"Địa điểm"</label>
            <input id="conference-place" type="text" maxlength="300" prop:value=move || place.get()
                on:input=move |ev| place.set(event_target_value(&ev))/>
            <label for="conference-chairs">"Chủ trì"</label>
            <input id="conference-chairs" type="text" maxlength="300" prop:value=move || chairs.get()
                on:input=move |ev| chairs.set(event_target_value(&ev))/>
            <label for="conference-secretary">"Thư ký"</label>
            <input id="conference-secretary" type="text" maxlength="300" prop:value=move || secretary.get()
                on:input=move |ev| secretary.set(event_target_value(&ev))/>
            <fieldset>
                <legend>"Thành phần tham dự"</legend>
                <ul class="plain-list" id="delegations">{delegation_rows}</ul>
                <button type="button" class="button-secondary" id="add-delegation"
                    on:click=move |_| rows.update(|r| r.push(DelegationRow::new(None)))>
                    "Thêm thành phần"
                </button>
            </fieldset>
            <label for="conference-summary">"Kết luận của chủ trì hội nghị"</label>
            <textarea id="conference-summary" rows="4" maxlength="4000" prop:value=move || summary.get()
                on:input=move |ev| summary.set(event_target_value(&ev))></textarea>
            <button type="submit" class="button" id="save-record">"Lưu biên bản"</button>
        </form>
        {speakers}
        <section class="section" id="conference-opinions">
            <h2>"Ý kiến mới phát sinh tại hội nghị"</h2>
            <ul class="plain-list" id="raised-list">{raised}</ul>
            {raise}
        </section>
    }
}

fn speakers_view(
    campaign: CampaignId,
    speakers: Vec<SpeakerEntry>,
    version: RwSignal<u32>,
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView {
    if speakers.is_empty() {
        return view! {
            <Empty message="Chưa có ai trong danh sách phát biểu. Hãy lấy người đăng ký từ phiếu trước."/>
        }
        .into_any();
    }
    let rows = speakers
        .into_iter()
        .map(|s| {
            let id = s.id;
            let spoke = RwSignal::new(s.note.spoke);
            let raised = RwSignal::new(s.note.raised.clone());
            let answered = RwSignal::new(s.note.answered_on_spot.clone());
            let by = RwSignal::new(s.note.answered_by.clone());
            let save = move |_| {
                let note = SpeakerNote {
                    speaker_id: id,
                    spoke: spoke.get_untracked(),
                    raised: raised.get_untracked(),
                    answered_on_spot: answered.get_untracked(),
                    answered_by: by.get_untracked(),
                };
                settle(
                    outcome,
                    version,
                    |_| Some("Đã ghi nội dung phát biểu.".into()),
                    note_speaker(campaign, note),
                );
            };
            let group = s.group.clone().unwrap_or_default();
            view! {
                <tr data-speaker=id.to_string()>
                    <td class="num">{s.position}</td>
                    <th scope="row">{s.name}<br/><small>{group}</small><br/><small class="hint">{s.topic_note}</small></th>
                    <td>
                        <label class="check"><input type="checkbox" prop:checked=move || spoke.get()
                            on:change=move |ev| spoke.set(event_target_checked(&ev))/>" Đã phát biểu"</label>
                        <textarea class="raised" rows="2" aria-label="Nội dung phát biểu" maxlength="4000"
                            prop:value=move || raised.get()
                            on:input=move |ev| raised.set(event_target_value(&ev))></textarea>
                    </td>
                    <td>
                        <textarea class="answered" rows="2" aria-label="Trả lời tại hội nghị" maxlength="4000"
                            prop:value=move || answered.get()
                            on:input=move |ev| answered.set(event_target_value(&ev))></textarea>
                        <input type="text" class="answered-by" aria-label="Người trả lời" maxlength="300"
                            placeholder="Người trả lời"
                            prop:value=move || by.get()
                            on:input=move |ev| by.set(event_target_value(&ev))/>
                    </td>
                    <td><button type="button" class="button-secondary" on:click=save>"Lưu"</button></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="section" id="conference-speakers">
            <h2>"Ý kiến phát biểu"</h2>
            <table class="data">
                <thead>
                    <tr>
                        <th scope="col">"TT"</th>
                        <th scope="col">"Người phát biểu"</th>
                        <th scope="col">"Nội dung phát biểu"</th>
                        <th scope="col">"Trả lời tại hội nghị"</th>
                        <th scope="col"></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
    .into_any()
}

fn raise_form(
    campaign: CampaignId,
    sheet: &ConferenceSheet,
    version: RwSignal<u32>,
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView + use<> {
    let speaker = RwSignal::new(None::<SpeakerId>);
    let group = RwSignal::new(sheet.groups.first().map(|g| g.id));
    let topic = RwSignal::new(sheet.topics.first().map(|t| t.id));
    let body = RwSignal::new(String::new());
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(group_id), Some(topic_id)) = (group.get_untracked(), topic.get_untracked())
        else {
            outcome.set(Some(Outcome::Failed(
                "Hãy chọn thôn, tổ dân phố và nhóm nội dung.".into(),
            )));
            return;
        };
        let opinion = NewConferenceOpinion {
            speaker_id: speaker.get_untracked(),
            group_id,
            topic_id,
            body: body.get_untracked(),
        };
        settle(
            outcome,
            version,
            move |_: &OpinionId| {
                Some("Đã ghi nhận ý kiến; ý kiến đã vào danh sách tiếp nhận để phân loại.".into())
            },
            raise_opinion(campaign, opinion),
        );
    };
    let speakers = sheet
        .speakers
        .iter()
        .map(|s| view! { <option value=s.id.to_string()>{s.name.clone()}</option> })
        .collect_view();
    let groups = sheet
        .groups
        .iter()
        .map(|g| view! { <option value=g.id.to_string()>{g.name.clone()}</option> })
        .collect_view();
    let topics = sheet
        .topics
        .iter()
        .map(|t| view! { <option value=t.id.to_string()>{t.name.clone()}</option> })
        .collect_view();
    view! {
        <form class="form" id="raise-opinion" on:submit=send>
            <label for="raise-speaker">"Người nêu"</label>
            <select id="raise-speaker" on:change=move |ev| speaker.set(event_target_value(&ev).parse().ok())>
                <option value="">"— không có trong danh sách —"</option>
                {speakers}
            </select>
            <label for="raise-group">"Thôn, tổ dân phố"</label>
            <select id="raise-group" on:change=move |ev| group.set(event_target_value(&ev).parse::<GroupId>().ok())>
                {groups}
            </select>
            <label for="raise-topic">"Nhóm nội dung"</label>
            <select id="raise-topic" on:change=move |ev| topic.set(event_target_value(&ev).parse::<TopicId>().ok())>
                {topics}
            </select>
            <label for="raise-body">"Nội dung ý kiến"</label>
            <textarea id="raise-body" rows="3" maxlength="4000" required
                on:input=move |ev| body.set(event_target_value(&ev))></textarea>
            <button type="submit" class="button">"Ghi nhận ý kiến"</button>
        </form>
    }
}
