//! The browser app: Leptos components that edit one page ([`crate::app::page::Page`], held by
//! [`state::AppState`]) and render the engine's quote. Compiled only for wasm32; the logic they
//! call lives in `crate::app` and `crate::engine`, which are tested natively.

mod browser;
mod commitments;
mod compare_view;
mod custom;
mod fields;
mod i18n;
mod line;
mod plan;
mod quote_view;
pub mod state;
mod steps;
mod summary;
mod terms;
mod usage;
mod vendors;
mod widgets;

use leptos::prelude::*;

use crate::app::page::{Notice, Page, StorageProblem};
use crate::app::text::{fill, texts};
use crate::app::{compare, share};
use crate::engine::Lang;

use compare_view::ComparePanel;
use i18n::tr;
use line::LineEditor;
use state::AppState;
use steps::{later, step};
use summary::Summary;

/// Mounts the app on `<div id="app">` (on `<body>` where the page has none; in a worker, does
/// nothing). The panic hook logs any panic to the console (none is reachable from user input:
/// every input is parsed into a `Result`).
///
/// A release build's page holds a snapshot of the default estimate's page, rendered at build
/// time by these same components (`scripts/prerender.mjs`), so the quote is on screen before
/// the WebAssembly arrives. The live app is built into the hidden `#app` in a few short tasks
/// ([`steps`]); the last one shows it and removes the snapshot together (no frame shows both or
/// neither) and marks `<html data-app="ready">`.
pub fn start() {
    console_error_panic_hook::set_once();
    // The optimizer's worker instantiates this same module (see `crate::worker`): no page there.
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = document.get_element_by_id("app") else {
        leptos::mount::mount_to_body(App);
        return;
    };
    let shown = root.clone();
    let swap = move || {
        let _ = shown.remove_attribute("hidden");
        if let Some(snapshot) = document.get_element_by_id("app-snapshot") {
            snapshot.remove();
        }
        // The loader's notice, if an unrelated error raised it while the app was built.
        if let Some(notice) = document.get_element_by_id("load-failed") {
            notice.remove();
        }
        if let Some(html) = document.document_element() {
            let _ = html.class_list().remove_1("snapshot-stale");
            let _ = html.set_attribute("data-app", "ready");
        }
    };
    // The optimizer's worker, started in a task of its own before the page is built: the first
    // plan then finds it running, and its start is not part of the task that sends the request.
    set_timeout(|| steps::marked("worker", crate::worker::warm), std::time::Duration::ZERO);
    let app = |visit| view! { <Calculator visit=visit /> };
    steps::start(wasm_bindgen::JsCast::unchecked_into(root), Visit::open, app, move || after_plans(0, Box::new(swap)));
}

/// Calls `swap` once the live page's cheapest plans are found, where the snapshot on screen shows
/// its plan (checked every 50 ms, for at most 1.5 s), so the plan does not blink out and back at
/// the swap; at once where the snapshot is hidden (a share link or a saved estimate: their own
/// page is what the visitor waits for).
fn after_plans(waited: u32, swap: Box<dyn FnOnce()>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return swap() };
    let snapshot_shown = document.get_element_by_id("app-snapshot").is_some()
        && document.document_element().is_some_and(|h| !h.class_list().contains("snapshot-stale"));
    let planning = document.query_selector("#app .optimizer[aria-busy='true']").ok().flatten().is_some();
    if !snapshot_shown || !planning || waited >= 30 {
        steps::marked("swap", swap);
    } else {
        set_timeout(move || after_plans(waited + 1, swap), std::time::Duration::from_millis(50));
    }
}

/// The page a visit opens: the share link in the address bar, the saved estimate or the default
/// one ([`Page::open`]), the link cleared from the address bar once read.
pub struct Visit {
    page: Page,
    /// Whether the address held a comparison link (its scenarios are then saved at once).
    scenarios_from_link: bool,
    /// A vendors comparison the address held (`#o=`), read or why not.
    vendors_link: Option<Result<crate::app::vendors::VendorsDraft, share::ShareError>>,
    /// Whether the page takes its visitor to that comparison: not where the link brought an
    /// estimate too (one link to everything opens on the estimate).
    vendors_focus: bool,
    /// Whether the estimate is saved at once: it came from a link, or replaces a saved one (which
    /// may not have been readable). A first visit's default estimate is only saved once edited.
    save_estimate_now: bool,
    /// Whether that first save is for this tab alone: the estimate is the tab's own copy, and
    /// the one another tab saved since stays the one a new tab opens.
    first_save_tab_only: bool,
}

impl Visit {
    pub fn open() -> Visit {
        let hash = browser::hash();
        let saved = browser::saved();
        let estimate_from_link = share::holds_estimate(&hash);
        let save_estimate_now = estimate_from_link || saved.estimate.is_some();
        let first_save_tab_only = !estimate_from_link && saved.shared.is_some();
        let page = Page::open(&hash, saved);
        let scenarios_from_link = compare::holds_scenarios(&hash);
        let vendors_link = crate::app::vendors::decode(&hash).transpose();
        if estimate_from_link || scenarios_from_link || vendors_link.is_some() {
            browser::clear_hash();
        }
        let vendors_focus = !estimate_from_link;
        Visit { page, scenarios_from_link, save_estimate_now, first_save_tab_only, vendors_link, vendors_focus }
    }
}

/// The calculator page for this visit ([`Visit::open`]).
#[component]
pub fn App() -> impl IntoView {
    view! { <Calculator visit=Visit::open() /> }
}

/// The calculator page for `visit`; it keeps the estimate and the language in localStorage as
/// they change.
#[component]
pub fn Calculator(visit: Visit) -> impl IntoView {
    let Visit {
        page,
        scenarios_from_link: from_link,
        save_estimate_now,
        first_save_tab_only,
        vendors_link,
        vendors_focus,
    } = visit;
    let state = AppState::new(page);
    provide_context(state);
    let vendors_link = vendors::VendorsLink(RwSignal::new(vendors_link), StoredValue::new(vendors_focus));
    provide_context(vendors_link);

    // Saved when the estimate changes (not on every edit of the page: invalid text, notices); on
    // load only where the visit says so (see `Visit`).
    let estimate = Memo::new(move |_| state.with(Page::estimate));
    Effect::new(move |ran: Option<()>| {
        if ran.is_none() && !save_estimate_now {
            estimate.with(|_| ()); // read, so that a change runs the effect again
            return;
        }
        let json = estimate.with(|e| e.to_json());
        browser::save_for_tab(browser::ESTIMATE_KEY, &json);
        // A link's estimate as it came is this tab's alone: the visitor's own stays saved for
        // the next visit until they edit the link's (opened with the page or pasted later), and
        // a reload of the tab shows it so again.
        let link_in_tab = state.update_untracked(Page::keeps_own_on_save).unwrap_or(false);
        browser::mark_link_in_tab(link_in_tab);
        if (ran.is_none() && first_save_tab_only) || link_in_tab {
            return;
        }
        // A failure is told once, by the page's notice.
        let _ = state.store(browser::ESTIMATE_KEY, &json);
    });
    // Scenarios a link brought are stored at once (each later change is stored as it is made:
    // `AppState::change_scenarios`).
    if from_link {
        let json = state.with_untracked(|p| p.scenarios().to_json());
        let kept = state.store(browser::SCENARIOS_KEY, &json).is_ok();
        state.update(|p| p.scenarios_kept(kept));
    }
    Effect::new(move |_| {
        let lang = state.lang.get();
        let t = texts(lang);
        browser::set_document_language(lang.tag(), t.page_title, t.description);
        let _ = state.store(browser::LANG_KEY, lang.tag());
    });
    // A share link pasted into the address bar of an open page.
    // For as long as the page lives: a listener left behind by a page that is gone would take
    // the next link from the one that is there.
    let hash_listener = window_event_listener(leptos::ev::hashchange, move |_| {
        let hash = browser::hash();
        if compare::holds_scenarios(&hash) {
            browser::clear_hash();
            let stored = browser::load(browser::SCENARIOS_KEY);
            let mut store = None;
            state.update(|p| store = p.open_scenarios_link(&hash, stored).flatten());
            if let Some(text) = store {
                let kept = state.store(browser::SCENARIOS_KEY, &text).is_ok();
                state.update(|p| p.scenarios_kept(kept));
            }
        }
        if share::holds_estimate(&hash) {
            browser::clear_hash();
            state.update(|p| {
                p.open_link(&hash);
            });
        }
        if let Some(link) = crate::app::vendors::decode(&hash).transpose() {
            browser::clear_hash();
            vendors_link.open(link, !share::holds_estimate(&hash));
        }
    });
    on_cleanup(move || hash_listener.remove());

    // Another open tab of the page saved its scenarios or its estimate: the scenarios are shown
    // here too; a different estimate is offered, never put in place of this one.
    browser::on_storage_elsewhere(move |key, value| {
        if key == browser::SCENARIOS_KEY {
            state.update(|p| p.scenarios_stored_elsewhere(value.as_deref()));
        } else if let (browser::ESTIMATE_KEY, Some(text)) = (key.as_str(), value) {
            state.update(|p| p.estimate_stored_elsewhere(&text));
        }
    });
    // The day a printed page was priced: taken again as it is printed (a page left open
    // overnight prints today's).
    let printed = RwSignal::new(browser::today());
    let print_listener = window_event_listener(leptos::ev::beforeprint, move |_| printed.set(browser::today()));
    on_cleanup(move || print_listener.remove());

    view! {
        // For keyboards: past the lines' fields (some 40 stops) to the total. Not a plain anchor:
        // a change of the address's fragment is read as a link to open.
        <a class="skip" href="#summary-heading" on:click=move |ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            browser::focus_soon("#summary-heading".to_string());
        }>{tr(|t| t.skip_to_total)}</a>
        <header class="top">
            <div class="brand">
                <h1>{tr(|t| t.title)}</h1>
                <p class="tagline">{tr(|t| t.tagline)}</p>
                // On paper: the day it was priced, so that a printed quote says how old it is.
                <p class="print-only printed">
                    {move || crate::app::text::fill(texts(state.lang.get()).printed_on, &[("date", &printed.get())])}
                </p>
            </div>
            <LangSwitch />
        </header>
        <NoticeBar />
        <main class="layout">
            <section class="lines" aria-labelledby="estimate-heading">
                <h2 id="estimate-heading">{tr(|t| t.estimate)}</h2>
                <Show when=move || state.ids.with(|i| i.is_empty())>
                    <p class="muted">{tr(|t| t.empty_estimate)}</p>
                </Show>
                {later(step::LINES, move || view! {
                    <For each=move || state.ids.get() key=|id| *id let:id>
                        <LineEditor id=id />
                    </For>
                })}
                <RemovedLine />
                <button
                    type="button"
                    class="add"
                    disabled=move || state.ids.with(|i| i.len() >= crate::engine::limits::MAX_LINES)
                    on:click=move |_| state.add_line()
                >
                    {tr(|t| t.add_line)}
                </button>
                <Show when=move || state.ids.with(|i| i.len() >= crate::engine::limits::MAX_LINES)>
                    <p class="small muted">{tr(|t| t.lines_full)}</p>
                </Show>
                {later(step::EXTRAS, || view! { <custom::CustomServices /> })}
            </section>
            {later(step::SUMMARY, || view! { <Summary /> })}
        </main>
        {later(step::EXTRAS, || view! { <ComparePanel /> })}
        {later(step::EXTRAS, || view! { <vendors::VendorsPanel /> })}
        <footer class="foot small muted">{tr(|t| t.sources)}</footer>
    }
}

/// The line removed last, offered back (kept in view at the foot of the lines while they are).
#[component]
fn RemovedLine() -> impl IntoView {
    let state = expect_context::<AppState>();
    // A memo: the status is not made again (and read out again) at every edit of the page.
    let said = Memo::new(move |_| {
        let lang = state.lang.get();
        state.with(|p| {
            p.removed().map(|(at, l)| {
                let t = texts(lang);
                let name =
                    p.catalog().service(&l.service).map_or_else(|| l.service.clone(), |s| s.name.get(lang).to_string());
                let line = format!("{} · {name}", quote_view::line_label(lang, at + 1));
                let full = p.undo_blocked().then(|| t.undo_full.to_string());
                (fill(t.removed_line, &[("line", &line)]), full)
            })
        })
    });
    move || {
        said.get().map(|(text, full)| {
            let blocked = full.is_some();
            view! {
                <div class="notice info removed-line" role="status">
                    <span>{text} {full.map(|f| format!(" {f}"))}</span>
                    <button type="button" class="undo" disabled=blocked on:click=move |_| state.undo_remove()>
                        {tr(|t| t.undo)}
                    </button>
                    <button
                        type="button"
                        class="ghost"
                        aria-label=move || texts(state.lang.get()).dismiss
                        on:click=move |_| state.update(Page::forget_removed)
                    >
                        "×"
                    </button>
                </div>
            }
        })
    }
}

#[component]
fn LangSwitch() -> impl IntoView {
    let state = expect_context::<AppState>();
    let button = move |lang: Lang, label: &'static str| {
        view! {
            <button
                type="button"
                lang=lang.tag()
                aria-pressed=move || if state.lang.get() == lang { "true" } else { "false" }
                on:click=move |_| state.set_lang(lang)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="lang" role="group" aria-label=move || texts(state.lang.get()).language>
            {button(Lang::Zh, "中文")}
            {button(Lang::En, "English")}
        </div>
    }
}

/// What a notice's button does.
#[derive(Clone, Copy)]
enum Action {
    OtherTab,
    BackToOwn,
    /// The page in English (offered in English to a link's visitor whose browser is not Chinese).
    English,
    /// Takes the visitor to the comparison a link brought.
    ShowComparison,
}

impl Action {
    fn run(self, state: AppState) {
        match self {
            Action::OtherTab => state.update(Page::open_other_tab),
            Action::BackToOwn => state.update(Page::back_to_own_estimate),
            Action::English => state.set_lang(crate::engine::Lang::En),
            Action::ShowComparison => {
                // The panel opened, where the visitor has folded it since.
                vendors::open_panel();
                browser::focus_when_shown("#vendors-result");
                state.update(|p| p.drop_notice(&Notice::ComparisonLoaded));
            }
        }
    }

    fn label(self, lang: crate::engine::Lang) -> &'static str {
        let t = texts(lang);
        match self {
            Action::OtherTab => t.open_other_tab,
            Action::BackToOwn => t.back_to_own,
            Action::English => "Read it in English",
            Action::ShowComparison => t.show_comparison,
        }
    }
}

#[component]
fn NoticeBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Once the page is in English (its button, or the language switch), the offer of English
    // has done its work.
    Effect::new(move |_| {
        if state.lang.get() == crate::engine::Lang::En
            && state.with_untracked(|p| p.notices().contains(&Notice::OfferEnglish))
        {
            state.update(|p| p.drop_notice(&Notice::OfferEnglish));
        }
    });
    let notices = move || {
        let lang = state.lang.get();
        let t = texts(lang);
        state.with(|p| {
            p.notices()
                .iter()
                .map(|n| match n {
                    Notice::LoadedFromLink if p.keeps_own_saved() => {
                        ("info", format!("{}{}", t.loaded_from_link, t.own_still_saved))
                    }
                    Notice::LoadedFromLink => ("info", t.loaded_from_link.to_string()),
                    Notice::LoadedFromFile(name) => {
                        ("info", crate::app::text::fill(t.loaded_from_file, &[("name", name)]))
                    }
                    Notice::BadLink(e) => {
                        ("error", format!("{}{}{}", t.bad_link, lang.pick("：", ": "), e.message(lang)))
                    }
                    Notice::BadStorage => ("error", t.bad_storage.to_string()),
                    Notice::StorageOff(StorageProblem::Unavailable) => ("warn", t.storage_off.to_string()),
                    Notice::StorageOff(StorageProblem::Full) => ("warn", t.storage_full.to_string()),
                    Notice::ScenariosLoaded(1) => ("info", t.scenarios_loaded_one.to_string()),
                    Notice::ScenariosLoaded(n) => {
                        ("info", crate::app::text::fill(t.scenarios_loaded, &[("n", &n.to_string())]))
                    }
                    Notice::BadScenarios(e) => ("error", e.message(lang)),
                    Notice::OtherTab => ("warn", t.other_tab.to_string()),
                    // Said in English whatever the page's language: it is for a reader of English.
                    Notice::OfferEnglish => ("info", "This page opened in Chinese.".to_string()),
                    Notice::ComparisonLoaded => ("info", t.comparison_loaded.to_string()),
                    Notice::LinkCut(cut) => ("warn", cut.message(lang)),
                    Notice::BadComparison(e) => {
                        ("error", format!("{}{}{}", t.bad_comparison_link, lang.pick("：", ": "), e.message(lang)))
                    }
                })
                .zip(p.notices().iter().map(|n| match n {
                    Notice::OtherTab => Some(Action::OtherTab),
                    Notice::OfferEnglish => Some(Action::English),
                    Notice::ComparisonLoaded => Some(Action::ShowComparison),
                    Notice::LoadedFromLink | Notice::LoadedFromFile(_) if p.has_estimate_before_open() => {
                        Some(Action::BackToOwn)
                    }
                    _ => None,
                }))
                .collect::<Vec<_>>()
        })
    };
    move || {
        notices()
            .into_iter()
            .enumerate()
            .map(|(i, ((kind, text), action))| {
                // The notices with an action: open the estimate another tab saved; go back to
                // the visitor's own estimate, which a share link took the place of.
                let open = action.map(|a| {
                    view! {
                        <button
                            type="button"
                            class=if matches!(a, Action::English) { "read-english" } else { "open-other" }
                            lang=matches!(a, Action::English).then_some("en")
                            on:click=move |_| {
                            a.run(state);
                            // The notice goes with its button: the focus goes to the estimate
                            // it opened (the comparison's button takes it there itself).
                            if !matches!(a, Action::ShowComparison) {
                                browser::focus_soon("article.line h3".to_string());
                            }
                        }>
                            {move || a.label(state.lang.get())}
                        </button>
                    }
                });
                view! {
                    <div class=format!("notice {kind}") role="status">
                        <span>{text}</span>
                        {open}
                        <button
                            type="button"
                            class="ghost"
                            aria-label=move || texts(state.lang.get()).dismiss
                            on:click=move |_| state.update(|p| p.dismiss(i))
                        >
                            "×"
                        </button>
                    </div>
                }
            })
            .collect_view()
    }
}
