//! A commune's public page: published answers by topic, no personal data.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::server_fns::public::{PublicIssue, commune_page};

/// Published issues of one commune, grouped by topic.
#[component]
pub fn PublicPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(
        move || params.read().get("xa").unwrap_or_default(),
        commune_page,
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => {
                        let title = format!("{} — Kết quả đối thoại", page.name);
                        let body = if page.issues.is_empty() {
                            view! {
                                <Empty message="Xã, phường chưa công khai nội dung trả lời nào."/>
                            }
                            .into_any()
                        } else {
                            by_topic(page.issues).into_any()
                        };
                        view! {
                            <Title text=title/>
                            <h1>{page.name} " — Kết quả tiếp xúc, đối thoại"</h1>
                            {body}
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn by_topic(issues: Vec<PublicIssue>) -> impl IntoView {
    let mut groups: Vec<(String, Vec<PublicIssue>)> = Vec::new();
    for issue in issues {
        match groups.last_mut() {
            Some((topic, list)) if *topic == issue.topic => list.push(issue),
            _ => groups.push((issue.topic.clone(), vec![issue])),
        }
    }
    groups
        .into_iter()
        .map(|(topic, list)| {
            view! {
                <section class="section">
                    <h2>{topic}</h2>
                    {list.into_iter().map(issue_card).collect_view()}
                </section>
            }
        })
        .collect_view()
}

fn issue_card(i: PublicIssue) -> impl IntoView {
    view! {
        <article class="card public-issue">
            <h3>{i.title}</h3>
            <p class="meta">
                {i.campaign} " · " {i.groups.join(", ")} " · " {i.supporters} " ý kiến"
            </p>
            <p>{i.summary}</p>
            <dl class="answer">
                <dt>"Nội dung trả lời"</dt>
                <dd>{i.answer}</dd>
                <dt>"Kết quả, hướng giải quyết"</dt>
                <dd>{i.result}</dd>
                <dt>"Thời gian giải quyết"</dt>
                <dd>{i.resolution_time}</dd>
                <dt>"Cơ quan giải quyết"</dt>
                <dd>{i.resolving_body}</dd>
            </dl>
        </article>
    }
}
