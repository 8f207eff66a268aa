//! The HTML document and the root component with its routes. The app is built to two bundles:
//! the whole app (feature `desk`) and a small one with only the screens a collector's phone
//! needs; the server picks the bundle for each page ([`Bundle`]).

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
#[cfg(feature = "desk")]
use leptos_router::components::Router;

use crate::components::device::provide_device;
use crate::components::header::Header;
use crate::domain::role::Role;
use crate::domain::viewer::Viewer;
use crate::error::AppError;
use crate::pages::collect::CollectPage;
use crate::pages::my_forms::MyFormsPage;
use crate::pages::{home::HomePage, login::LoginPage};

/// The signed-in user of the page (or why the session could not be read), shared by every
/// component. The server reads the session when the page is asked for and sends the answer in
/// the page, so the browser knows it at once: no request, no waiting screen.
pub type PageViewer = Result<Option<Viewer>, AppError>;

/// What the server read for a page before rendering it, in the request's extensions: the
/// viewer for every page, and for a collector's home their campaigns. The page sends it along,
/// so the browser renders it without asking again.
#[derive(Debug, Clone)]
pub struct RequestData {
    /// The signed-in user, or why the session could not be read.
    pub viewer: PageViewer,
    /// The collector's campaigns, on their home page only.
    pub collector_campaigns: crate::pages::home::CollectorCampaigns,
}

/// Which WebAssembly bundle a page loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// Every screen (`/pkg/danban.*`).
    Full,
    /// Login, the form, the collector's list and home (`/pkg/thu.*`): what a phone on 3G needs.
    Collector,
}

impl Bundle {
    /// File name of the bundle in `/pkg`.
    pub fn output_name(self) -> &'static str {
        match self {
            Bundle::Full => "danban",
            Bundle::Collector => "thu",
        }
    }
}

/// Pages that the collector's bundle can hydrate.
pub const COLLECTOR_PATHS: [&str; 3] = ["/dang-nhap", "/thu-phieu", "/phieu-cua-toi"];

/// The bundle for a page: the small one wherever it holds every screen the page may show (the
/// home page only for collectors), the whole app elsewhere.
pub fn bundle_for(path: &str, role: Option<Role>) -> Bundle {
    let path = path.trim_end_matches('/');
    if COLLECTOR_PATHS.contains(&path) || (path.is_empty() && role == Some(Role::Collector)) {
        Bundle::Collector
    } else {
        Bundle::Full
    }
}

/// The server-rendered document around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // The server's page middleware chose the bundle for this request (see `bundle_for`).
    #[cfg(feature = "ssr")]
    let bundle = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Bundle>().copied())
        .unwrap_or(Bundle::Full);
    #[cfg(not(feature = "ssr"))]
    let bundle = Bundle::Full;
    let mut options = options;
    options.output_name = bundle.output_name().into();
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
                <script nonce=leptos::nonce::use_nonce()>
                    // After load: the worker's own downloads must not slow the first visit.
                    "if ('serviceWorker' in navigator) { addEventListener('load', function () { navigator.serviceWorker.register('/sw.js'); }); }"
                </script>
            </head>
            <body>
                {root(bundle)}
            </body>
        </html>
    }
}

/// The root the chosen bundle hydrates.
#[cfg(feature = "desk")]
fn root(bundle: Bundle) -> AnyView {
    match bundle {
        Bundle::Full => view! { <App/> }.into_any(),
        Bundle::Collector => view! { <PhoneApp/> }.into_any(),
    }
}

#[cfg(not(feature = "desk"))]
fn root(_: Bundle) -> AnyView {
    view! { <PhoneApp/> }.into_any()
}

/// What every page shares: the viewer, the phone's state and the hydration mark.
fn provide_page_state() {
    provide_meta_context();
    let viewer = SharedValue::new(request_viewer).into_inner();
    provide_device(&viewer);
    provide_context(viewer);
    // Effects run only in the browser, after hydration: browser tests wait for this mark.
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}

/// Reads what the server's middleware found for this page. Always `None` in the browser, where
/// it comes inside the page instead (the `SharedValue`s built from it).
pub fn from_request_data<T>(read: impl FnOnce(&RequestData) -> T) -> Option<T> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<RequestData>().map(read))
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = read;
        None
    }
}

/// The viewer the middleware found; a page that carried none is a visitor's.
fn request_viewer() -> PageViewer {
    from_request_data(|data| data.viewer.clone()).unwrap_or(Ok(None))
}

/// The page around a screen: header, the screen, footer.
fn frame(here: Signal<String>, screen: impl IntoView + 'static) -> impl IntoView {
    view! {
        <Title text="Dân Bàn — Tiếp xúc, đối thoại với Nhân dân"/>
        <Header here/>
        <main id="noi-dung" class="page">
            {screen}
        </main>
        <footer class="site-footer">
            "Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng"
        </footer>
    }
}

/// The whole application: every screen, with the router moving between them in the page.
#[cfg(feature = "desk")]
#[component]
pub fn App() -> impl IntoView {
    provide_page_state();
    view! {
        <Router>
            <RoutedFrame/>
        </Router>
    }
}

#[cfg(feature = "desk")]
#[component]
fn RoutedFrame() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    frame(location.pathname.into(), routes())
}

/// The collector's screens without the router: each page is one screen, chosen from its
/// address on the server and again in the browser, and every link loads a page (offline, from
/// the service worker). The server renders this root for the pages of the collector's bundle.
#[component]
pub fn PhoneApp() -> impl IntoView {
    provide_page_state();
    let path = crate::address::current_path();
    let screen = match path.trim_end_matches('/') {
        "/dang-nhap" => view! { <LoginPage/> }.into_any(),
        "/thu-phieu" => view! { <CollectPage/> }.into_any(),
        "/phieu-cua-toi" => view! { <MyFormsPage/> }.into_any(),
        _ => view! { <HomePage/> }.into_any(),
    };
    frame(Signal::stored(path), screen)
}

/// Every screen (server and desk bundle).
#[cfg(feature = "desk")]
fn routes() -> impl IntoView {
    use crate::pages::admin::{AuditPage, CommunePage, HolidaysPage};
    use crate::pages::desk::{
        DeskConclusionPage, DeskConferencePage, DeskConflictsPage, DeskIntakePage, DeskIssuesPage,
        DeskPivotPage, DeskPublishingPage, DeskReportPage, DeskSpeakersPage,
    };
    use crate::pages::issue::IssuePage;
    use crate::pages::not_found::NotFound;
    use crate::pages::plan::{PlanListPage, PlanPage};
    use leptos_router::components::{Route, Routes};
    use leptos_router::path;
    view! {
        <Routes fallback=NotFound>
            <Route path=path!("/") view=HomePage/>
            <Route path=path!("/dang-nhap") view=LoginPage/>
            <Route path=path!("/thu-phieu") view=CollectPage/>
            <Route path=path!("/phieu-cua-toi") view=MyFormsPage/>
            <Route path=path!("/ban/:dot") view=DeskIntakePage/>
            <Route path=path!("/ban/:dot/van-de") view=DeskIssuesPage/>
            <Route path=path!("/ban/:dot/tong-hop") view=DeskPivotPage/>
            <Route path=path!("/ban/:dot/bao-cao") view=DeskReportPage/>
            <Route path=path!("/ban/:dot/xung-dot") view=DeskConflictsPage/>
            <Route path=path!("/ban/:dot/phat-bieu") view=DeskSpeakersPage/>
            <Route path=path!("/ban/:dot/ket-luan") view=DeskConclusionPage/>
            <Route path=path!("/ban/:dot/hoi-nghi") view=DeskConferencePage/>
            <Route path=path!("/ban/:dot/cong-khai") view=DeskPublishingPage/>
            <Route path=path!("/thong-ke") view=crate::pages::statistics::StatisticsPage/>
            <Route path=path!("/giam-sat") view=crate::pages::supervision::SupervisionPage/>
            <Route path=path!("/du-lieu-ca-nhan") view=crate::pages::personal_data::PersonalDataPage/>
            <Route path=path!("/van-de/:id") view=IssuePage/>
            <Route path=path!("/ke-hoach") view=PlanListPage/>
            <Route path=path!("/ke-hoach/moi") view=PlanPage/>
            <Route path=path!("/ke-hoach/:dot") view=PlanPage/>
            <Route path=path!("/quan-tri/xa/:id") view=CommunePage/>
            <Route path=path!("/quan-tri/ngay-nghi") view=HolidaysPage/>
            <Route path=path!("/quan-tri/nhat-ky") view=AuditPage/>
        </Routes>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collectors_and_visitors_get_the_small_bundle_where_it_has_their_screens() {
        for path in ["/dang-nhap", "/thu-phieu", "/phieu-cua-toi/"] {
            assert_eq!(bundle_for(path, None), Bundle::Collector);
            assert_eq!(bundle_for(path, Some(Role::WardStaff)), Bundle::Collector);
        }
        assert_eq!(bundle_for("/", Some(Role::Collector)), Bundle::Collector);
    }

    #[test]
    fn desk_pages_and_the_home_get_the_whole_app() {
        assert_eq!(bundle_for("/", None), Bundle::Full, "the public home");
        assert_eq!(bundle_for("/", Some(Role::WardStaff)), Bundle::Full);
        assert_eq!(bundle_for("/", Some(Role::Supervisor)), Bundle::Full);
        assert_eq!(bundle_for("/ban/abc", Some(Role::Collector)), Bundle::Full);
        assert_eq!(bundle_for("/khong-co", None), Bundle::Full);
    }
}
