//! The HTML document and the root component with its routes.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::device::provide_device;
use crate::components::header::Header;
use crate::domain::viewer::Viewer;
use crate::error::AppError;
use crate::pages::collect::CollectPage;
use crate::pages::desk::{
    DeskConflictsPage, DeskIntakePage, DeskIssuesPage, DeskPivotPage, DeskReportPage,
};
use crate::pages::issue::IssuePage;
use crate::pages::my_forms::MyFormsPage;
use crate::pages::{home::HomePage, login::LoginPage, not_found::NotFound, public::PublicPage};
use crate::server_fns::session::whoami;

/// The signed-in user, loaded once per page and shared by every component.
pub type ViewerResource = Resource<Result<Option<Viewer>, AppError>>;

/// The server-rendered document around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="vi">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#9f1d20"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                <link rel="stylesheet" href="/pkg/danban.css"/>
                <HydrationScripts options/>
                <MetaTags/>
                <script>
                    "if ('serviceWorker' in navigator) { navigator.serviceWorker.register('/sw.js'); }"
                </script>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The application: header, navigation and the screen of the current route.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let viewer: ViewerResource = Resource::new(|| (), |_| whoami());
    provide_context(viewer);
    provide_device();
    // Effects run only in the browser, after hydration: browser tests wait for this mark.
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        <Title text="Dân Bàn — Tiếp xúc, đối thoại với Nhân dân"/>
        <Router>
            <Header/>
            <main id="noi-dung" class="page">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/dang-nhap") view=LoginPage/>
                    <Route path=path!("/thu-phieu") view=CollectPage/>
                    <Route path=path!("/phieu-cua-toi") view=MyFormsPage/>
                    <Route path=path!("/cong-khai/:xa") view=PublicPage/>
                    <Route path=path!("/ban/:dot") view=DeskIntakePage/>
                    <Route path=path!("/ban/:dot/van-de") view=DeskIssuesPage/>
                    <Route path=path!("/ban/:dot/tong-hop") view=DeskPivotPage/>
                    <Route path=path!("/ban/:dot/bao-cao") view=DeskReportPage/>
                    <Route path=path!("/ban/:dot/xung-dot") view=DeskConflictsPage/>
                    <Route path=path!("/van-de/:id") view=IssuePage/>
                </Routes>
            </main>
            <footer class="site-footer">
                "Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng"
            </footer>
        </Router>
    }
}
