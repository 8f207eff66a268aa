//! The residents' pages as HTML strings. Leptos' view macro escapes every text; nothing here
//! is hydrated, so the pages carry no script at all.

use leptos::prelude::*;

use app::api::public::{
    PublicCampaign, PublicCommuneHead, PublicCommunePage, PublicGroup, PublicIssue, ReceiptTrail,
};
use app::domain::conclusion::Disposition;
use app::domain::document::{date_line, place_of};
use app::domain::receipt::LOOKUP_WINDOW_MINUTES;
use app::domain::{format_date, today_in_vietnam};

/// A search and what it found.
pub struct SearchResults {
    /// What was typed.
    pub query: String,
    /// Matching published issues.
    pub found: Vec<PublicIssue>,
}

/// What the lookup page answers.
pub enum Lookup {
    /// Nothing typed yet.
    Ask,
    /// Not shaped like a code.
    Malformed,
    /// Shaped like a code, but the commune has no such form.
    Unknown,
    /// Too many lookups from this address.
    Throttled,
    /// The form's trail.
    Found(Box<ReceiptTrail>),
}

fn document(title: String, body: impl IntoView + 'static) -> String {
    let html = Owner::new().with(|| {
        view! {
            <html lang="vi">
                <head>
                    <meta charset="utf-8"/>
                    <meta name="viewport" content="width=device-width, initial-scale=1"/>
                    <meta name="theme-color" content="#9f1d20"/>
                    <title>{title}</title>
                    <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                    <link rel="stylesheet" href="/pkg/danban.css"/>
                </head>
                <body class="resident">
                    <main id="main">{body}</main>
                    <footer class="resident-footer">
                        <p>
                            "Trang công khai kết quả tiếp xúc, đối thoại. "
                            "Không hiển thị họ tên, số điện thoại, địa chỉ của người dân."
                        </p>
                    </footer>
                </body>
            </html>
        }
        .to_html()
    });
    format!("<!DOCTYPE html>{html}")
}

fn commune_bar(slug: &str, name: &str) -> impl IntoView + use<> {
    let home = format!("/cong-khai/{slug}");
    let lookup = format!("/cong-khai/{slug}/tra-cuu");
    view! {
        <nav class="resident-bar" aria-label="Trang công khai">
            <a href=home class="resident-home">{name.to_owned()}</a>
            <a href=lookup>"Tra cứu phiếu"</a>
        </nav>
    }
}

/// The commune's page: its search, and its campaigns with something published.
pub fn commune(commune: &PublicCommunePage, search: Option<SearchResults>) -> String {
    let title = format!("{} — Kết quả tiếp xúc, đối thoại", commune.name);
    let action = format!("/cong-khai/{}", commune.slug);
    let typed = search.as_ref().map(|s| s.query.clone()).unwrap_or_default();
    let results = search.map(|s| {
        let count = format!("{} kết quả cho “{}”", s.found.len(), s.query);
        let list = if s.found.is_empty() {
            view! {
                <p class="empty">
                    "Không tìm thấy nội dung đã công khai phù hợp. Hãy thử từ khác, có dấu hoặc không dấu."
                </p>
            }
            .into_any()
        } else {
            s.found
                .into_iter()
                .map(|issue| issue_card(&commune.slug, issue, true))
                .collect_view()
                .into_any()
        };
        view! {
            <section class="section" id="search-results">
                <h2>{count}</h2>
                {list}
            </section>
        }
    });
    let campaigns = if commune.campaigns.is_empty() {
        view! { <p class="empty">"Xã, phường chưa công khai nội dung nào."</p> }.into_any()
    } else {
        commune
            .campaigns
            .iter()
            .map(|c| {
                let href = format!("/cong-khai/{}/dot/{}", commune.slug, c.id);
                let date = c
                    .conference_date
                    .map(|d| format!("Hội nghị ngày {} · ", format_date(d)))
                    .unwrap_or_default();
                let notice = c.notice_published.then_some(" · Có thông báo kết luận");
                view! {
                    <li class="card">
                        <a href=href><strong>{c.title.clone()}</strong></a>
                        <br/>
                        <small>{date} {format!("{} vấn đề đã công khai", c.published_issues)} {notice}</small>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    let body = view! {
        {commune_bar(&commune.slug, &commune.name)}
        <h1>{title.clone()}</h1>
        <form method="get" action=action class="resident-search" role="search">
            <label for="q">"Tìm nội dung đã trả lời"</label>
            <div class="resident-row">
                <input id="q" name="q" type="search" value=typed maxlength="100"
                    placeholder="Ví dụ: duong, đèn chiếu sáng"/>
                <button type="submit" class="button">"Tìm"</button>
            </div>
        </form>
        {results}
        <section class="section">
            <h2>"Các đợt tiếp xúc, đối thoại"</h2>
            <ul class="resident-campaigns">{campaigns}</ul>
        </section>
    };
    document(title, body)
}

fn status_badge(issue: &PublicIssue) -> impl IntoView + use<> {
    let class = format!("status status-{}", issue.status.code());
    let due = issue
        .due_on
        .map(|d| view! { <small class="due">{format!("Hạn: {}", format_date(d))}</small> });
    view! { <p class="resident-status"><span class=class>{issue.status.label()}</span> " " {due}</p> }
}

fn issue_card(slug: &str, issue: PublicIssue, with_campaign: bool) -> impl IntoView + use<> {
    let groups = issue
        .groups
        .iter()
        .map(|g| g.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let badge = status_badge(&issue);
    let campaign = with_campaign.then(|| {
        let href = format!("/cong-khai/{slug}/dot/{}", issue.campaign_id);
        view! { <a href=href>{issue.campaign.clone()}</a> " · " }
    });
    let answer = issue.answer.map(|a| {
        view! {
            <dl class="answer">
                <dt>"Nội dung trả lời"</dt>
                <dd>{a.content}</dd>
                {(!a.result.is_empty()).then(|| view! {
                    <dt>"Kết quả, hướng giải quyết"</dt>
                    <dd>{a.result.clone()}</dd>
                })}
                {(!a.resolution_time.is_empty()).then(|| view! {
                    <dt>"Thời gian giải quyết"</dt>
                    <dd>{a.resolution_time.clone()}</dd>
                })}
                {(!a.resolving_body.is_empty()).then(|| view! {
                    <dt>"Cơ quan giải quyết"</dt>
                    <dd>{a.resolving_body.clone()}</dd>
                })}
            </dl>
        }
    });
    let conclusion = issue.conclusion.map(|c| {
        let target = match (c.disposition, c.body.is_empty()) {
            (_, true) => String::new(),
            (Disposition::Assigned, false) => format!("Giao: {}", c.body),
            (Disposition::Forwarded, false) => format!("Kiến nghị: {}", c.body),
            (_, false) => format!("Nơi giải quyết: {}", c.body),
        };
        view! {
            <div class="conclusion">
                <p><strong>"Kết luận: " {c.disposition.label()}</strong></p>
                <p>{c.content}</p>
                {(!target.is_empty()).then(|| view! { <p><small>{target.clone()}</small></p> })}
            </div>
        }
    });
    let meta = format!("{} · {} ý kiến · {}", groups, issue.supporters, issue.topic);
    view! {
        <article class="card public-issue" id=format!("van-de-{}", issue.id)>
            <h3>{issue.title}</h3>
            {badge}
            <p class="meta">{campaign} {meta}</p>
            {(!issue.summary.is_empty()).then(|| view! { <p>{issue.summary.clone()}</p> })}
            {answer}
            {conclusion}
        </article>
    }
}

fn notice_section(campaign: &PublicCampaign) -> impl IntoView + use<> {
    campaign.notice.as_ref().map(|n| {
        let heading = format!(
            "Thông báo kết luận số {} ngày {}",
            n.number,
            format_date(n.issued_on)
        );
        let corrects = n.corrects.as_ref().map(
            |old| view! { <p><em>{format!("Đính chính và thay thế Thông báo số {old}.")}</em></p> },
        );
        let signer = (!n.signer_name.is_empty())
            .then(|| view! { <p class="signer">{n.signer_name.clone()}</p> });
        view! {
            <section class="section card" id="notice">
                <h2>{heading}</h2>
                {corrects}
                {(!n.opening.is_empty()).then(|| view! { <p>{n.opening.clone()}</p> })}
                <p>"Nội dung kết luận đối với từng vấn đề được ghi dưới mỗi vấn đề."</p>
                {signer}
            </section>
        }
    })
}

/// The issues of a group: those with an opinion from it.
fn of_group<'a>(issues: &'a [PublicIssue], group: &PublicGroup) -> Vec<&'a PublicIssue> {
    issues
        .iter()
        .filter(|i| i.groups.iter().any(|g| g.id == group.id))
        .collect()
}

/// A campaign's published results, by topic or by thôn / tổ dân phố.
pub fn campaign(commune: &PublicCommuneHead, campaign: &PublicCampaign, by_group: bool) -> String {
    let title = format!("{} — {}", campaign.title, commune.name);
    let base = format!("/cong-khai/{}/dot/{}", commune.slug, campaign.id);
    let when = campaign.conference_date.map(|d| {
        let place = campaign
            .conference_place
            .as_ref()
            .map(|p| format!(" tại {p}"))
            .unwrap_or_default();
        view! { <p class="meta">{format!("Hội nghị đối thoại ngày {}{place}", format_date(d))}</p> }
    });
    let sections = if campaign.issues.is_empty() {
        view! { <p class="empty">"Chưa có vấn đề nào được công khai."</p> }.into_any()
    } else if by_group {
        campaign
            .groups
            .iter()
            .filter_map(|group| {
                let issues = of_group(&campaign.issues, group);
                (!issues.is_empty()).then(|| {
                    let notice = format!("{base}/to/{}", group.id);
                    view! {
                        <section class="section">
                            <h2>{group.name.clone()}</h2>
                            <p><a href=notice>"Thông báo cho " {group.name.clone()} " (bản in)"</a></p>
                            {issues
                                .into_iter()
                                .map(|i| issue_card(&commune.slug, i.clone(), false))
                                .collect_view()}
                        </section>
                    }
                })
            })
            .collect_view()
            .into_any()
    } else {
        let mut topics: Vec<(String, Vec<PublicIssue>)> = Vec::new();
        for issue in campaign.issues.iter().cloned() {
            match topics.last_mut() {
                Some((topic, list)) if *topic == issue.topic => list.push(issue),
                _ => topics.push((issue.topic.clone(), vec![issue])),
            }
        }
        topics
            .into_iter()
            .map(|(topic, list)| {
                view! {
                    <section class="section">
                        <h2>{topic}</h2>
                        {list
                            .into_iter()
                            .map(|i| issue_card(&commune.slug, i, false))
                            .collect_view()}
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    let (topic_here, group_here) = if by_group {
        (None, Some("page"))
    } else {
        (Some("page"), None)
    };
    let body = view! {
        {commune_bar(&commune.slug, &commune.name)}
        <h1>{campaign.title.clone()}</h1>
        {when}
        {notice_section(campaign)}
        <nav class="tabs" aria-label="Cách xem">
            <a class="tab" href=base.clone() aria-current=topic_here>"Theo nhóm nội dung"</a>
            <a class="tab" href=format!("{base}?theo=to") aria-current=group_here>
                "Theo thôn, tổ dân phố"
            </a>
        </nav>
        {sections}
    };
    document(title, body)
}

/// The printable notice of one thôn / tổ dân phố: what its residents raised and what was
/// answered and concluded, to post at the nhà văn hóa or read on the loudspeaker.
pub fn group_notice(
    commune: &PublicCommuneHead,
    campaign: &PublicCampaign,
    group: &PublicGroup,
) -> String {
    let title = format!("Thông báo kết quả cho {} — {}", group.name, campaign.title);
    let back = format!("/cong-khai/{}/dot/{}?theo=to", commune.slug, campaign.id);
    let issues = of_group(&campaign.issues, group);
    let dated = campaign
        .conference_date
        .map(|d| format!(" tại hội nghị ngày {}", format_date(d)))
        .unwrap_or_default();
    let lead = format!(
        "{} thông báo đến cử tri và Nhân dân {} kết quả trả lời, giải quyết các ý kiến, \
         kiến nghị đã nêu trong {}{dated}, như sau:",
        commune.name, group.name, campaign.title
    );
    let notice = campaign.notice.as_ref().map(|n| {
        format!(
            "Căn cứ Thông báo kết luận số {} ngày {}.",
            n.number,
            format_date(n.issued_on)
        )
    });
    let items = if issues.is_empty() {
        view! { <p>"Chưa có nội dung nào của thôn, tổ dân phố được công khai."</p> }.into_any()
    } else {
        issues
            .into_iter()
            .map(|i| {
                let answer = i.answer.as_ref().map(|a| {
                    let result = (!a.result.is_empty()).then(|| format!(" {}", a.result));
                    view! { <p>"Trả lời: " {a.content.clone()} {result}</p> }
                });
                let conclusion = i.conclusion.as_ref().map(|c| {
                    view! { <p>"Kết luận: " {c.disposition.label()} ". " {c.content.clone()}</p> }
                });
                let due = i
                    .due_on
                    .map(|d| format!(" — hạn {}", format_date(d)))
                    .unwrap_or_default();
                view! {
                    <li>
                        <p><strong>{i.title.clone()}</strong></p>
                        {answer}
                        {conclusion}
                        <p><em>"Tình trạng: " {i.status.label()} {due}</em></p>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    let dated_line = date_line(
        &place_of(&commune.name),
        today_in_vietnam(chrono::Utc::now()),
    );
    let body = view! {
        <p class="no-print"><a href=back>"← Trở lại kết quả theo thôn, tổ dân phố"</a></p>
        <article class="group-notice">
            <p class="notice-head">{commune.name.to_uppercase()}</p>
            <p class="notice-date"><em>{dated_line}</em></p>
            <h1>"THÔNG BÁO"</h1>
            <p class="notice-subject">
                "Kết quả trả lời ý kiến, kiến nghị của cử tri và Nhân dân " {group.name.clone()}
            </p>
            <p>{lead}</p>
            {notice.map(|n| view! { <p>{n}</p> })}
            <ol>{items}</ol>
            <p>
                "Đề nghị Trưởng thôn, Tổ trưởng tổ dân phố niêm yết tại nhà văn hóa và thông báo "
                "trên hệ thống đài truyền thanh để Nhân dân được biết."
            </p>
        </article>
    };
    document(title, body)
}

/// The receipt-code lookup.
pub fn lookup(commune: &PublicCommuneHead, typed: &str, outcome: Lookup) -> String {
    let title = format!("Tra cứu phiếu — {}", commune.name);
    let action = format!("/cong-khai/{}/tra-cuu", commune.slug);
    let answer = match outcome {
        Lookup::Ask => None,
        Lookup::Malformed => Some(
            view! {
                <p class="notice notice-error" role="alert">
                    "Mã tra cứu gồm 8 ký tự chữ và số, ghi trên phiếu dạng XXXX-XXXX. "
                    "Vui lòng kiểm tra lại."
                </p>
            }
            .into_any(),
        ),
        Lookup::Unknown => Some(
            view! {
                <p class="notice notice-error" role="alert">
                    "Không tìm thấy phiếu nào có mã này. Vui lòng kiểm tra lại mã ghi trên phiếu."
                </p>
            }
            .into_any(),
        ),
        Lookup::Throttled => Some(
            view! {
                <p class="notice notice-error" role="alert">
                    {format!(
                        "Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau {LOOKUP_WINDOW_MINUTES} phút."
                    )}
                </p>
            }
            .into_any(),
        ),
        Lookup::Found(trail) => Some(trail_view(&commune.slug, *trail).into_any()),
    };
    let body = view! {
        {commune_bar(&commune.slug, &commune.name)}
        <h1>"Tra cứu phiếu lấy ý kiến"</h1>
        <p>"Nhập mã tra cứu ghi trên phiếu để xem ý kiến của bạn đã được tiếp nhận, tổng hợp, trả lời và kết luận thế nào."</p>
        <form method="post" action=action class="resident-search">
            <label for="ma">"Mã tra cứu"</label>
            <div class="resident-row">
                <input id="ma" name="ma" type="text" value=typed.to_owned() maxlength="20"
                    autocomplete="off" autocapitalize="characters" spellcheck="false"
                    placeholder="XXXX-XXXX" required/>
                <button type="submit" class="button">"Tra cứu"</button>
            </div>
        </form>
        <div id="lookup-answer">{answer}</div>
    };
    document(title, body)
}

fn trail_view(slug: &str, trail: ReceiptTrail) -> impl IntoView + use<> {
    let href = format!("/cong-khai/{slug}/dot/{}", trail.campaign_id);
    let opinions = trail
        .opinions
        .into_iter()
        .map(|o| {
            let steps = o
                .steps
                .iter()
                .map(|s| view! { <li>{s.label()}</li> })
                .collect_view();
            view! {
                <article class="card trail">
                    <p class="meta">{o.topic}</p>
                    <p>"“" {o.text} "”"</p>
                    <ol class="steps">{steps}</ol>
                </article>
            }
        })
        .collect_view();
    view! {
        <section class="section">
            <h2>"Phiếu của " {trail.group}</h2>
            <p class="meta"><a href=href>{trail.campaign}</a></p>
            {opinions}
        </section>
    }
}

/// No such commune, campaign or group.
pub fn not_found() -> String {
    document(
        "Không tìm thấy trang".to_owned(),
        view! {
            <h1>"Không tìm thấy trang"</h1>
            <p>"Địa chỉ không đúng hoặc nội dung chưa được công khai."</p>
            <p><a href="/">"Về trang chủ"</a></p>
        },
    )
}

/// The database failed.
pub fn failed() -> String {
    document(
        "Lỗi hệ thống".to_owned(),
        view! {
            <h1>"Hệ thống đang gặp sự cố"</h1>
            <p>"Vui lòng thử lại sau ít phút."</p>
        },
    )
}
