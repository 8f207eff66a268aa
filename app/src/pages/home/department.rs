//! Department officer home: what my department must answer.

use leptos::prelude::*;

use crate::components::status::{Empty, ErrorNotice, Loading};
use crate::pages::home::follow_up::assignment_table;
use crate::server_fns::answer::my_assignments;

/// Issues assigned to the officer's department, earliest due first.
#[component]
pub fn DepartmentHome() -> impl IntoView {
    let assignments = Resource::new(|| (), |_| my_assignments());
    view! {
        <section id="viec-duoc-giao" class="section">
            <h2>"Việc được giao cho đơn vị tôi"</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match assignments.await {
                        Ok(list) if list.is_empty() => view! {
                            <Empty message="Đơn vị chưa được giao ý kiến, kiến nghị nào."/>
                        }
                        .into_any(),
                        Ok(list) => assignment_table(list, false).into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
