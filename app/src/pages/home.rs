//! The home page, which is a different screen for each role.

mod admin;
mod collector;
mod department;
mod follow_up;
mod intake;
mod visitor;

use leptos::prelude::*;

use crate::components::status::{ErrorNotice, Loading};
use crate::domain::role::Role;
use crate::domain::viewer::Viewer;
use crate::shell::ViewerResource;

/// Chooses the home screen from the signed-in user's role.
#[component]
pub fn HomePage() -> impl IntoView {
    let viewer = expect_context::<ViewerResource>();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match viewer.await {
                    Ok(Some(v)) => role_home(v).into_any(),
                    Ok(None) => view! { <visitor::VisitorHome/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn role_home(viewer: Viewer) -> impl IntoView {
    let greeting = view! {
        <h1 class="greeting">"Xin chào, " {viewer.full_name.clone()}</h1>
    };
    let body = match viewer.role {
        Role::Collector => view! { <collector::CollectorHome/> }.into_any(),
        Role::WardStaff => view! {
            <intake::IntakeSection/>
            <follow_up::ApprovalSection/>
            <follow_up::FollowUpSection/>
        }
        .into_any(),
        Role::Chair => view! {
            <follow_up::ApprovalSection/>
            <intake::IntakeSection/>
            <follow_up::FollowUpSection/>
        }
        .into_any(),
        Role::Supervisor => view! {
            <follow_up::FollowUpSection/>
            <intake::IntakeSection/>
        }
        .into_any(),
        Role::DepartmentOfficer => view! { <department::DepartmentHome/> }.into_any(),
        Role::Admin => view! { <admin::AdminHome/> }.into_any(),
    };
    view! { {greeting} {body} }
}
