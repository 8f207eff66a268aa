//! `/giam-sat`: supervision (giám sát) of what the conclusion notices decided — every item of
//! every campaign with its state and clock — and the notes the Fatherland Front (MTTQ) adds.
//! Notes never change an answer or a disposition; they join the issue's trail.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::domain::deadlines::Clock;
use crate::domain::format_date;
use crate::domain::format_datetime;
use crate::domain::ids::IssueId;
use crate::pages::desk::{Outcome, outcome_notice, settle};
use crate::server_fns::conclusion::{SupervisedLine, add_supervision_note, supervised_items};
use crate::server_fns::session::whoami;

/// The supervision page.
#[component]
pub fn SupervisionPage() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let outcome = RwSignal::new(None::<Outcome>);
    let data = Resource::new(
        move || version.get(),
        |_| async move {
            let viewer = whoami().await?;
            let items = supervised_items().await?;
            Ok::<_, crate::error::AppError>((viewer, items))
        },
    );
    view! {
        <Title text="Giám sát thực hiện kết luận — Dân Bàn"/>
        <h1>"Giám sát thực hiện kết luận đối thoại"</h1>
        {outcome_notice(outcome)}
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((viewer, items)) => {
                        let may_note = viewer.is_some_and(|v| {
                            crate::domain::access::allows(crate::domain::access::SUPERVISE, v.role)
                        });
                        items_view(items, may_note, version, outcome).into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn items_view(
    items: Vec<SupervisedLine>,
    may_note: bool,
    version: RwSignal<u32>,
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView {
    if items.is_empty() {
        return view! { <Empty message="Chưa có thông báo kết luận nào được ban hành."/> }
            .into_any();
    }
    let rows = items
        .into_iter()
        .map(|line| {
            let s = line.supervised;
            let item = s.item;
            let late = matches!(line.clock, Some(Clock::Overdue { .. }));
            let clock = line
                .clock
                .map(|c| view! { <br/><small class:late=late>{c.label()}</small> });
            let target = match (&item.department, item.body.is_empty()) {
                (Some(d), _) => d.clone(),
                (None, false) => item.body.clone(),
                (None, true) => String::new(),
            };
            let notes = s
                .notes
                .into_iter()
                .map(|n| view! {
                    <li><small>{format_datetime(n.at)} " · " {n.author}</small><br/>{n.body}</li>
                })
                .collect_view();
            let form = may_note.then(|| note_form(item.issue_id, version, outcome));
            view! {
                <tr class:late=late data-issue=item.issue_id.to_string()>
                    <td>
                        <a href=format!("/van-de/{}", item.issue_id)>{item.issue_title}</a>
                        <br/>
                        <small>
                            <a href=format!("/ban/{}/ket-luan", s.campaign_id)>
                                {format!("Thông báo số {}", s.number)}
                            </a>
                            " · " {s.campaign}
                        </small>
                    </td>
                    <td>{item.disposition.label()}<br/><small>{target}</small></td>
                    <td>{item.report_due.map(format_date)} {clock}</td>
                    <td>{item.report_state.label()}</td>
                    <td>
                        <ul class="plain-list notes">{notes}</ul>
                        {form}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data" id="supervision">
            <thead>
                <tr>
                    <th scope="col">"Vấn đề"</th>
                    <th scope="col">"Kết luận"</th>
                    <th scope="col">"Hạn báo cáo"</th>
                    <th scope="col">"Tình trạng"</th>
                    <th scope="col">"Ý kiến giám sát"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

fn note_form(
    issue_id: IssueId,
    version: RwSignal<u32>,
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView {
    let body = RwSignal::new(String::new());
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        settle(
            outcome,
            version,
            |_| Some("Đã ghi ý kiến giám sát.".into()),
            add_supervision_note(issue_id, body.get_untracked()),
        );
    };
    view! {
        <form class="note-form" on:submit=send>
            <textarea rows="2" maxlength="2000" aria-label="Ý kiến giám sát" required
                on:input=move |ev| body.set(event_target_value(&ev))></textarea>
            <button type="submit" class="button-secondary">"Ghi ý kiến"</button>
        </form>
    }
}
