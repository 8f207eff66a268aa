//! The opinion form (phiếu lấy ý kiến), mobile first and fully offline: every change is
//! autosaved on the phone; "Lưu phiếu" puts the form in the outbox and shows the receipt code
//! once the phone's database has it on disk.

use crate::address::query_param;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::{Link, Title};
use uuid::Uuid;

use crate::domain::ids::{CampaignId, FormId, GroupId, OpinionId, TopicId};

use crate::api::{CampaignRef, ReferenceData};
use crate::components::device::use_device;
use crate::components::sync_panel::SyncPanel;
use crate::domain::form::{FormDraft, OpinionDraft};
use crate::domain::respondent::RespondentKind;
use crate::offline::autosave;
use crate::offline::storage::{load_form_start, save_form, save_reference};
use crate::offline::sync::{SyncOutcome, fetch_reference, online};

fn random_bits() -> u64 {
    // UUIDv7 carries 74 random bits; the low 64 are random.
    Uuid::now_v7().as_u128() as u64
}

/// The form screen.
#[component]
pub fn CollectPage() -> impl IntoView {
    let device = use_device();
    let reference = RwSignal::new(None::<ReferenceData>);
    let draft = RwSignal::new(FormDraft::new(0));
    let ready = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let saved_code = RwSignal::new(None::<String>);

    let saving = RwSignal::new(false);

    // Browser only, once the phone's collector is known: open the stored draft (or the form to
    // fix) and the stored reference data, and at the same time fetch fresh reference data (on a
    // first visit the form waits for it, so it is not queued behind the phone's reads).
    let owner = Memo::new(move |_| device.user.with(|u| u.as_ref().map(|u| u.user_id)));
    Effect::new(move |_| {
        let Some(owner) = owner.get() else {
            return;
        };
        let editing = query_param("sua").and_then(|id| id.parse::<FormId>().ok());
        if online() {
            spawn_local(async move {
                match fetch_reference().await {
                    Ok(data) => {
                        reference.set(Some(data.clone()));
                        // Kept for offline days; with a full storage the form still opens with
                        // what was fetched.
                        if let Err(problem) = save_reference(owner, &data).await {
                            error.set(Some(problem.message()));
                        }
                    }
                    Err(SyncOutcome::Offline) => {}
                    Err(SyncOutcome::NeedsLogin) => device.needs_login.set(true),
                    Err(other) => message.set(Some(other.message())),
                }
            });
        }
        spawn_local(async move {
            let (stored, kept_draft) = match load_form_start(owner).await {
                Ok(start) => start,
                Err(problem) => {
                    error.set(Some(problem.message()));
                    (None, None)
                }
            };
            // The network's copy, if it came first, is the fresher one.
            if reference.with_untracked(Option::is_none) {
                reference.set(stored);
            }
            let from_outbox = match editing {
                Some(id) => crate::offline::storage::load_outbox(owner)
                    .await
                    .ok()
                    .and_then(|o| o.get(id).and_then(|e| e.form.clone())),
                None => None,
            };
            let opened = match from_outbox {
                Some(form) => FormDraft::from_submission(&form),
                None => kept_draft.unwrap_or_else(|| FormDraft::new(random_bits())),
            };
            autosave::resume();
            draft.set(opened);
            ready.set(true);
        });
    });

    // Pick the only campaign / group without asking.
    Effect::new(move |_| {
        let Some(data) = reference.get() else { return };
        if !ready.get() {
            return;
        }
        let (campaign, group) = draft.with_untracked(|d| (d.campaign_id, d.group_id));
        if campaign.is_none() && data.campaigns.len() == 1 {
            draft.update(|d| d.campaign_id = Some(data.campaigns[0].id));
        }
        let chosen = draft.with_untracked(|d| d.campaign_id);
        if group.is_none()
            && let Some(c) = data.campaigns.iter().find(|c| Some(c.id) == chosen)
            && c.groups.len() == 1
        {
            draft.update(|d| d.group_id = Some(c.groups[0].id));
        }
    });

    // Autosave every change; the form is never only in memory.
    Effect::new(move |_| {
        let current = draft.get();
        if !ready.get_untracked() || saved_code.get_untracked().is_some() {
            return;
        }
        let Some(owner) = device.owner() else { return };
        autosave::queue(owner, current, move |problem| {
            error.set(problem.map(|p| p.message()));
        });
    });

    let campaign = move || {
        let id = draft.with(|d| d.campaign_id)?;
        reference.with(|r| r.as_ref()?.campaigns.iter().find(|c| c.id == id).cloned())
    };

    let save = move |_| {
        if saving.get_untracked() {
            return;
        }
        let Some(owner) = device.owner() else {
            error.set(Some(
                "Chưa biết ai đang thu phiếu trên máy này: hãy đăng nhập khi có mạng.".into(),
            ));
            return;
        };
        let now = chrono::Utc::now();
        let form = match draft.with_untracked(|d| d.to_submission(now)) {
            Ok(form) => form,
            Err(problem) => {
                error.set(Some(problem));
                return;
            }
        };
        let group = campaign()
            .and_then(|c| c.groups.into_iter().find(|g| g.id == form.group_id))
            .map(|g| g.name)
            .unwrap_or_default();
        let code = form.receipt_code.clone();
        saving.set(true);
        autosave::hold();
        spawn_local(async move {
            // The receipt code is shown only once the form is on disk.
            match save_form(owner, move |o| o.save(form, group, now)).await {
                Ok(_) => {
                    error.set(None);
                    saved_code.set(Some(code));
                    device.reload();
                    if online() {
                        device.sync(false);
                    }
                }
                // Nothing is lost: the form stays on screen and in the draft.
                Err(problem) => {
                    autosave::resume();
                    if let Some(owner) = device.owner() {
                        autosave::queue(owner, draft.get_untracked(), |_| {});
                    }
                    error.set(Some(problem.message()));
                }
            }
            saving.set(false);
        });
    };

    let new_form = move |_| {
        let fresh = FormDraft::new(random_bits());
        let keep = draft.with_untracked(|d| (d.campaign_id, d.group_id));
        saved_code.set(None);
        autosave::resume();
        draft.set(FormDraft {
            campaign_id: keep.0,
            group_id: keep.1,
            ..fresh
        });
        message.set(None);
    };

    view! {
        <Title text="Phiếu lấy ý kiến — Dân Bàn"/>
        // The reference data downloads while the bundle does: on a first visit over 3G the form
        // is ready one round trip sooner. ("anonymous" = same-origin credentials, like fetch.)
        <Link rel="preload" href=crate::api::REFERENCE_PATH as_="fetch" crossorigin="anonymous"/>
        <h1>"Phiếu lấy ý kiến"</h1>
        <SyncPanel/>
        {move || message.get().map(|m| view! { <p class="notice">{m}</p> })}
        <Show
            when=move || saved_code.get().is_none()
            fallback=move || view! {
                <section class="card receipt" role="status">
                    <p>"Đã lưu phiếu trên máy. Mã tra cứu của người dân:"</p>
                    <p class="receipt-code" data-testid="receipt-code">{move || saved_code.get()}</p>
                    <p class="hint">"Ghi mã này vào phiếu giấy để người dân tra cứu kết quả."</p>
                    {move || lookup_address(reference).map(|address| view! {
                        <p class="hint" data-testid="lookup-address">
                            "Người dân tra cứu tại: " <strong>{address}</strong>
                        </p>
                    })}
                    <button type="button" class="button" on:click=new_form>"Phiếu mới"</button>
                </section>
            }
        >
            <Show
                when=move || ready.get() && reference.with(|r| r.is_some())
                fallback=move || view! {
                    <p class="notice">
                        {move || if ready.get() {
                            "Chưa có danh mục trên máy: hãy mở trang này một lần khi có mạng."
                        } else if device.loaded.get() && device.user.with(|u| u.is_none()) {
                            "Máy này chưa có người thu phiếu: hãy đăng nhập một lần khi có mạng."
                        } else {
                            "Đang mở dữ liệu trên máy…"
                        }}
                    </p>
                }
            >
                <Show when=move || reference.with(|r| r.as_ref().is_some_and(|r| r.campaigns.is_empty()))>
                    <p class="empty" role="status">
                        "Hiện không có đợt đối thoại nào đang thu phiếu ở thôn, tổ dân phố của bạn."
                    </p>
                </Show>
                <form class="form collect-form" on:submit=|ev| ev.prevent_default()>
                    {move || form_fields(draft, reference, campaign)}
                    {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
                    <button type="button" class="button button-wide" on:click=save disabled=move || saving.get()>
                        "Lưu phiếu"
                    </button>
                </form>
            </Show>
        </Show>
    }
}

fn form_fields(
    draft: RwSignal<FormDraft>,
    reference: RwSignal<Option<ReferenceData>>,
    campaign: impl Fn() -> Option<CampaignRef> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let campaigns =
        reference.with_untracked(|r| r.as_ref().map(|r| r.campaigns.clone()).unwrap_or_default());
    view! {
        <label for="campaign">"Đợt đối thoại"</label>
        <select
            id="campaign"
            on:change=move |ev| {
                let id = event_target_value(&ev).parse::<CampaignId>().ok();
                draft.update(|d| { d.campaign_id = id; d.group_id = None; });
            }
        >
            <option value="" selected=move || draft.with(|d| d.campaign_id.is_none())>"— Chọn —"</option>
            {campaigns.into_iter().map(|c| {
                let id = c.id;
                view! { <option value=id.to_string() selected=move || draft.with(|d| d.campaign_id == Some(id))>{c.title}</option> }
            }).collect_view()}
        </select>

        <label for="group">"Thôn, tổ dân phố"</label>
        <select id="group" on:change=move |ev| {
            let id = event_target_value(&ev).parse::<GroupId>().ok();
            draft.update(|d| d.group_id = id);
        }>
            <option value="" selected=move || draft.with(|d| d.group_id.is_none())>"— Chọn —"</option>
            {move || campaign().map(|c| c.groups).unwrap_or_default().into_iter().map(|g| {
                let id = g.id;
                view! { <option value=id.to_string() selected=move || draft.with(|d| d.group_id == Some(id))>{g.name}</option> }
            }).collect_view()}
        </select>

        <fieldset>
            <legend>"Người cho ý kiến"</legend>
            <label class="check">
                <input type="checkbox" prop:checked=move || draft.with(|d| d.anonymous)
                    on:change=move |ev| draft.update(|d| d.anonymous = event_target_checked(&ev))/>
                "Ẩn danh (không ghi họ tên, số điện thoại)"
            </label>
            <label for="name">"Họ và tên"</label>
            <input id="name" type="text" autocomplete="off" prop:value=move || draft.with(|d| d.name.clone())
                disabled=move || draft.with(|d| d.anonymous)
                on:input=move |ev| draft.update(|d| d.name = event_target_value(&ev))/>
            <label for="household">"Hộ gia đình, địa chỉ"</label>
            <input id="household" type="text" autocomplete="off" prop:value=move || draft.with(|d| d.household.clone())
                on:input=move |ev| draft.update(|d| d.household = event_target_value(&ev))/>
            <label for="phone">"Số điện thoại (không bắt buộc)"</label>
            <input id="phone" type="tel" inputmode="tel" prop:value=move || draft.with(|d| d.phone.clone())
                disabled=move || draft.with(|d| d.anonymous)
                on:input=move |ev| draft.update(|d| d.phone = event_target_value(&ev))/>
            <label for="kind">"Thành phần"</label>
            <select id="kind" on:change=move |ev| {
                if let Some(kind) = RespondentKind::parse(&event_target_value(&ev)) {
                    draft.update(|d| d.kind = kind);
                }
            }>
                {RespondentKind::ALL.into_iter().map(|k| view! {
                    <option value=k.code() selected=move || draft.with(|d| d.kind == k)>{k.label()}</option>
                }).collect_view()}
            </select>
        </fieldset>

        <fieldset>
            <legend>"Ý kiến, kiến nghị"</legend>
            <For
                each=move || draft.with(|d| d.opinions.iter().map(|o| o.id).collect::<Vec<_>>())
                key=|id| *id
                children=move |id| opinion_row(draft, campaign, id)
            />
            <button type="button" class="button-secondary"
                on:click=move |_| draft.update(|d| d.opinions.push(OpinionDraft::new()))>
                "+ Thêm ý kiến"
            </button>
        </fieldset>

        <label for="proposal">"Kiến nghị, đề xuất"</label>
        <textarea id="proposal" rows="3" prop:value=move || draft.with(|d| d.proposal.clone())
            on:input=move |ev| draft.update(|d| d.proposal = event_target_value(&ev))></textarea>

        <label class="check">
            <input type="checkbox" prop:checked=move || draft.with(|d| d.wants_to_speak)
                on:change=move |ev| draft.update(|d| d.wants_to_speak = event_target_checked(&ev))/>
            "Đăng ký phát biểu tại hội nghị đối thoại"
        </label>
        <label class="check">
            <input type="checkbox" prop:checked=move || draft.with(|d| d.consent)
                on:change=move |ev| draft.update(|d| d.consent = event_target_checked(&ev))/>
            {crate::domain::personal_data::CONSENT_TEXT}
        </label>
    }
}

fn opinion_row(
    draft: RwSignal<FormDraft>,
    campaign: impl Fn() -> Option<CampaignRef> + Copy + Send + Sync + 'static,
    id: OpinionId,
) -> impl IntoView {
    let index = move || draft.with(|d| d.opinions.iter().position(|o| o.id == id).unwrap_or(0));
    let edit = move |change: &dyn Fn(&mut OpinionDraft)| {
        draft.update(|d| {
            if let Some(o) = d.opinions.iter_mut().find(|o| o.id == id) {
                change(o);
            }
        });
    };
    let value = move || {
        draft.with(|d| {
            d.opinions
                .iter()
                .find(|o| o.id == id)
                .map(|o| o.text.clone())
                .unwrap_or_default()
        })
    };
    let topic = move || {
        draft.with(|d| {
            d.opinions
                .iter()
                .find(|o| o.id == id)
                .and_then(|o| o.topic_id)
        })
    };
    view! {
        <div class="opinion">
            <label for=format!("topic-{id}")>{move || format!("Nhóm nội dung (ý kiến {})", index() + 1)}</label>
            <select id=format!("topic-{id}") on:change=move |ev| {
                let topic = event_target_value(&ev).parse::<TopicId>().ok();
                edit(&|o| o.topic_id = topic);
            }>
                <option value="" selected=move || topic().is_none()>"— Chọn —"</option>
                {move || campaign().map(|c| c.topics).unwrap_or_default().into_iter().map(|t| {
                    let tid = t.id;
                    view! { <option value=tid.to_string() selected=move || topic() == Some(tid)>{t.name}</option> }
                }).collect_view()}
            </select>
            <label for=format!("text-{id}")>{move || format!("Nội dung ý kiến {}", index() + 1)}</label>
            <textarea id=format!("text-{id}") rows="4" prop:value=value
                on:input=move |ev| { let text = event_target_value(&ev); edit(&|o| o.text = text.clone()); }></textarea>
            <Show when=move || draft.with(|d| d.opinions.len() > 1)>
                <button type="button" class="button-link-dark"
                    on:click=move |_| draft.update(|d| d.opinions.retain(|o| o.id != id))>
                    "Xóa ý kiến này"
                </button>
            </Show>
        </div>
    }
}

/// The lookup page's address as a resident types it (host and path, no scheme).
fn lookup_address(reference: RwSignal<Option<ReferenceData>>) -> Option<String> {
    let path = reference.with(|r| r.as_ref()?.lookup_path.clone())?;
    let host = window().location().host().ok()?;
    Some(format!("{host}{path}"))
}
