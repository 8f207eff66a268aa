//! The home page, which is a different screen for each role.

mod collector;

pub use collector::CollectorCampaigns;
#[cfg(feature = "desk")]
mod department;
#[cfg(feature = "desk")]
mod follow_up;
#[cfg(feature = "desk")]
mod intake;
#[cfg(feature = "desk")]
mod visitor;

use leptos::prelude::*;

use crate::components::device::use_device;
use crate::components::status::ErrorNotice;
use crate::domain::role::Role;
use crate::domain::viewer::Viewer;
use crate::shell::PageViewer;

/// Chooses the home screen from the signed-in user's role.
#[component]
pub fn HomePage() -> impl IntoView {
    match expect_context::<PageViewer>() {
        Ok(Some(v)) => role_home(v).into_any(),
        Ok(None) => view! { <SignedOutHome/> }.into_any(),
        Err(error) => view! { <ErrorNotice error/> }.into_any(),
    }
}

/// With no session: the public home, or, on a phone that knows its collector (offline, or the
/// session expired), the way back to their forms.
#[component]
fn SignedOutHome() -> impl IntoView {
    let device = use_device();
    move || match device.user.get() {
        Some(user) => view! {
            <h1 class="greeting">"Xin chào, " {user.full_name}</h1>
            <section class="section">
                <p class="notice">
                    "Máy đang không có phiên đăng nhập. Vẫn thu phiếu được; phiếu sẽ được gửi "
                    "sau khi " <a href="/dang-nhap">"đăng nhập"</a> " lại lúc có mạng."
                </p>
                <p class="desk-links">
                    <a class="button" href="/thu-phieu">"Phiếu mới"</a>
                    <a class="button" href="/phieu-cua-toi">"Phiếu của tôi"</a>
                </p>
            </section>
        }
        .into_any(),
        None => public_home().into_any(),
    }
}

#[cfg(feature = "desk")]
fn public_home() -> impl IntoView {
    view! { <visitor::VisitorHome/> }
}

/// The collector's bundle does not carry the public home: the server sends it with the whole app.
#[cfg(not(feature = "desk"))]
fn public_home() -> impl IntoView {
    view! { <crate::components::reload::LoadFromServer href="/"/> }
}

fn role_home(viewer: Viewer) -> impl IntoView {
    let greeting = view! {
        <h1 class="greeting">"Xin chào, " {viewer.full_name.clone()}</h1>
    };
    if viewer.must_change_password {
        return view! { {greeting} <crate::components::password::ChangePassword required=true/> }
            .into_any();
    }
    let body = match viewer.role {
        Role::Collector => view! { <collector::CollectorHome/> }.into_any(),
        // The collector's bundle is never served to other roles' home; after a client-side
        // move here the server sends the whole app.
        #[cfg(not(feature = "desk"))]
        _ => view! { <crate::components::reload::LoadFromServer href="/"/> }.into_any(),
        #[cfg(feature = "desk")]
        Role::WardStaff => view! {
            <intake::IntakeSection/>
            <follow_up::ApprovalSection/>
            <follow_up::FollowUpSection/>
            <follow_up::ConclusionItemsSection/>
        }
        .into_any(),
        #[cfg(feature = "desk")]
        Role::Chair => view! {
            <follow_up::ApprovalSection/>
            <intake::IntakeSection/>
            <follow_up::FollowUpSection/>
            <follow_up::ConclusionItemsSection/>
        }
        .into_any(),
        #[cfg(feature = "desk")]
        Role::Supervisor => view! {
            <follow_up::FollowUpSection/>
            <follow_up::ConclusionItemsSection/>
            <intake::IntakeSection/>
        }
        .into_any(),
        #[cfg(feature = "desk")]
        Role::DepartmentOfficer => view! {
            <department::DepartmentHome/>
            <follow_up::ConclusionItemsSection/>
        }
        .into_any(),
        #[cfg(feature = "desk")]
        Role::Admin => view! { <crate::pages::admin::AdminHome/> }.into_any(),
    };
    view! { {greeting} {body} }.into_any()
}
