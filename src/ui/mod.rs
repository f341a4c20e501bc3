//! The browser app: Leptos components that edit one estimate ([`state::AppState`]) and render
//! the engine's quote. Compiled only for wasm32; the logic they call lives in `crate::app` and
//! `crate::engine`, which are tested natively.

mod browser;
mod custom;
mod fields;
mod i18n;
mod line;
mod plan;
mod quote_view;
pub mod state;
mod summary;
mod widgets;

use leptos::prelude::*;

use crate::app::share;
use crate::app::text::texts;
use crate::engine::Lang;

use crate::engine::catalog;
use i18n::tr;
use line::LineEditor;
use state::{AppState, Notice};
use summary::Summary;

/// Mounts the app on `<body>`. The panic hook logs any panic to the console (none is reachable
/// from user input: every input is parsed into a `Result`).
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// The calculator page: reads a share link, the saved estimate or the default one, then keeps
/// the estimate and the language in localStorage as they change.
#[component]
pub fn App() -> impl IntoView {
    let (estimate, lang, notice) = state::startup();
    let state = AppState::new(estimate, lang, notice);
    provide_context(state);

    Effect::new(move |_| {
        state.estimate.track();
        state.prices.track();
        browser::save(browser::ESTIMATE_KEY, &state.full_estimate().to_json());
    });
    Effect::new(move |_| {
        let lang = state.lang.get();
        browser::save(browser::LANG_KEY, lang.tag());
        browser::set_document_language(lang.tag(), texts(lang).title);
    });
    // A share link pasted into the address bar of an open page.
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        match share::decode(&browser::hash(), catalog::builtin()) {
            Ok(Some(e)) => {
                browser::clear_hash();
                state.replace(e);
                state.notice.set(Some(Notice::LoadedFromLink));
            }
            Ok(None) => {}
            Err(err) => {
                browser::clear_hash();
                state.notice.set(Some(Notice::BadLink(err)));
            }
        }
    });

    view! {
        <header class="top">
            <div class="brand">
                <h1>{tr(|t| t.title)}</h1>
                <p class="tagline">{tr(|t| t.tagline)}</p>
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
                <For each=move || state.ids.get() key=|id| *id let:id>
                    <LineEditor id=id />
                </For>
                <button type="button" class="add" on:click=move |_| state.add_line()>
                    {tr(|t| t.add_line)}
                </button>
                <custom::CustomServices />
            </section>
            <Summary />
        </main>
        <footer class="foot small muted">{tr(|t| t.sources)}</footer>
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
                on:click=move |_| state.lang.set(lang)
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

#[component]
fn NoticeBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let message = move || {
        let lang = state.lang.get();
        let t = texts(lang);
        state.notice.get().map(|n| match n {
            Notice::LoadedFromLink => ("info", t.loaded_from_link.to_string()),
            Notice::BadLink(e) => ("error", format!("{}: {}", t.bad_link, e.message(lang))),
            Notice::BadStorage => ("error", t.bad_storage.to_string()),
        })
    };
    move || {
        message().map(|(kind, text)| {
            view! {
                <div class=format!("notice {kind}") role="status">
                    <span>{text}</span>
                    <button
                        type="button"
                        class="ghost"
                        aria-label=move || texts(state.lang.get()).dismiss
                        on:click=move |_| state.notice.set(None)
                    >
                        "×"
                    </button>
                </div>
            }
        })
    }
}
