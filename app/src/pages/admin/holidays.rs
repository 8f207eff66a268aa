//! `/quan-tri/ngay-nghi?nam=YYYY`: the year's holidays (computed from the Labour Code and the
//! Vietnamese lunar calendar) with the administrator's changes: compensatory days off, swapped
//! working Saturdays, a Tết span the government moved.

use chrono::{Datelike, NaiveDate, Weekday};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::status::{ErrorNotice, Loading};
use crate::domain::calendar::DayKind;
use crate::domain::format_date;
use crate::domain::holidays::CalendarDay;
use crate::pages::desk::{Outcome, outcome_notice};
use crate::server_fns::admin::{HolidayDraft, holidays, remove_holiday, set_holiday};

use super::run;

fn weekday(date: NaiveDate) -> &'static str {
    match date.weekday() {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

/// The calendar of one year.
#[component]
pub fn HolidaysPage() -> impl IntoView {
    let query = use_query_map();
    let this_year = crate::domain::today_in_vietnam(chrono::Utc::now()).year();
    let year = Memo::new(move |_| {
        query.with(|q| {
            q.get("nam")
                .and_then(|y| y.parse::<i32>().ok())
                .unwrap_or(this_year)
        })
    });
    let changed = RwSignal::new(0u32);
    let days = Resource::new(move || (year.get(), changed.get()), |(y, _)| holidays(y));
    let outcome = RwSignal::new(None::<Outcome>);
    let date = RwSignal::new(None::<NaiveDate>);
    let kind = RwSignal::new(DayKind::DayOff);
    let name = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(day) = date.get_untracked() else {
            outcome.set(Some(Outcome::Failed("Hãy chọn ngày.".into())));
            return;
        };
        let draft = HolidayDraft {
            date: day,
            kind: kind.get_untracked(),
            name: name.get_untracked(),
        };
        run(outcome, changed, "Đã lưu ngày.", set_holiday(draft));
    };
    let remove = move |day: NaiveDate| {
        run(
            outcome,
            changed,
            "Đã bỏ thay đổi; ngày trở lại như tính theo luật.",
            remove_holiday(day),
        );
    };
    view! {
        <Title text="Lịch ngày nghỉ — Dân Bàn"/>
        <p><a href="/">"← Đơn vị hành chính"</a></p>
        <h1>"Lịch ngày nghỉ lễ, Tết năm " {move || year.get()}</h1>
        <p class="desk-links">
            <a class="button-secondary" href=move || format!("/quan-tri/ngay-nghi?nam={}", year.get() - 1)>"← Năm trước"</a>
            <a class="button-secondary" href=move || format!("/quan-tri/ngay-nghi?nam={}", year.get() + 1)>"Năm sau →"</a>
        </p>
        <p class="hint">
            "Ngày nghỉ lễ, Tết tính theo Bộ luật Lao động 2019 (Tết Nguyên đán và Giỗ Tổ Hùng Vương theo âm lịch Việt Nam, múi giờ UTC+7); ngày lễ trùng thứ Bảy, Chủ nhật được nghỉ bù vào ngày làm việc kế tiếp. Khi Chính phủ quyết định khác (hoán đổi ngày làm việc, làm bù thứ Bảy), hãy sửa tại đây: mọi thời hạn theo ngày làm việc tính theo lịch này."
        </p>
        {outcome_notice(outcome)}
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match days.await {
                    Ok(list) => view! {
                        <table class="data" id="holiday-list">
                            <thead>
                                <tr>
                                    <th scope="col">"Ngày"</th>
                                    <th scope="col">"Thứ"</th>
                                    <th scope="col">"Tên"</th>
                                    <th scope="col">"Loại"</th>
                                    <th scope="col">"Nguồn"</th>
                                    <th scope="col"></th>
                                </tr>
                            </thead>
                            <tbody>{list.into_iter().map(|d| day_row(d, remove)).collect_view()}</tbody>
                        </table>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
        <form class="form inline-form" id="new-holiday" on:submit=add>
            <h2>"Thêm hoặc sửa một ngày"</h2>
            <label for="holiday-date">"Ngày"</label>
            <input id="holiday-date" type="date" required
                on:change=move |ev| date.set(NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d").ok())/>
            <label for="holiday-kind">"Loại"</label>
            <select id="holiday-kind" on:change=move |ev| {
                if let Some(k) = DayKind::parse(&event_target_value(&ev)) { kind.set(k); }
            }>
                {DayKind::ALL.into_iter().map(|k| view! {
                    <option value=k.code() selected=move || kind.get() == k>{k.label()}</option>
                }).collect_view()}
            </select>
            <label for="holiday-name">"Tên"</label>
            <input id="holiday-name" type="text" maxlength="120" placeholder="Nghỉ bù Tết Nguyên đán"
                on:input=move |ev| name.set(event_target_value(&ev))/>
            <button type="submit" class="button">"Lưu"</button>
        </form>
    }
}

fn day_row(d: CalendarDay, remove: impl Fn(NaiveDate) + Copy + 'static) -> impl IntoView {
    let date = d.date;
    view! {
        <tr data-date=date.to_string() data-kind=d.kind.code()>
            <th scope="row">{format_date(date)}</th>
            <td>{weekday(date)}</td>
            <td>{d.name}</td>
            <td>{d.kind.label()}</td>
            <td>{if d.edited { "Đã sửa" } else { "Theo luật" }}</td>
            <td>
                {d.edited.then(|| view! {
                    <button type="button" class="link-button" on:click=move |_| remove(date)>"Bỏ thay đổi"</button>
                })}
            </td>
        </tr>
    }
}
