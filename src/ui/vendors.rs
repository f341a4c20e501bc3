//! Vendors compared on the page: 2 to 6 offers (a service of the built-in list, an example sheet
//! or the estimate's own list) for one volume profile taken from a line, each at its cheapest
//! plan found in the Web Worker, converted at the rates typed, ranked, and drawn as month cost
//! against monthly volume with the volumes where the ranking changes. The comparison is kept in
//! localStorage (the last one saved in any tab is shown), shared as an `#o=` link and exported as
//! CSV. Its model is `crate::app::vendors`; its figures `crate::app::figures::offers`.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;

use crate::app::format;
use crate::app::jobs::{Outcome, Request};
use crate::app::share::{MAX_LINK, ShareError};
use crate::app::text::{fill, texts};
use crate::app::vendors::{self, BudgetParts, Profile, Put, Source, VendorsDraft};
use crate::engine::Lang;
use crate::engine::budget::{Budget, BudgetComparison, assemble_budget, compare_budget};
use crate::engine::catalog::builtin;
use crate::engine::estimate::ListCache;
use crate::engine::money::plain;
use crate::engine::offers::{Comparison, CurveWork, MAX_OFFERS, MIN_OFFERS, Offers, assemble_with, compare};
use crate::engine::optimize::Solution;
use crate::engine::terms::{DiscountScope, Weights};
use crate::engine::vat::{Vat, VatBasis};
use crate::worker;

use super::browser;
use super::i18n::tr;
use super::plan::figure_view;
use super::state::AppState;
use super::terms::VatSelect;
use super::widgets::{Cell, Row, lazy_details, lazy_details_open, nth, table};

/// A comparison link (`#o=…`) the visit opened with, or one pasted into the open page, for the
/// panel to show (it takes it), and whether the page takes the visitor to it (not where the same
/// link brought an estimate: it opens on the estimate).
#[derive(Clone, Copy)]
pub struct VendorsLink(pub RwSignal<Option<Result<VendorsDraft, ShareError>>>, pub StoredValue<bool>);

impl VendorsLink {
    /// A link pasted into the open page: the panel opens and shows it.
    pub fn open(self, link: Result<VendorsDraft, ShareError>, focus: bool) {
        self.1.set_value(focus);
        self.0.set(Some(link));
        open_panel();
    }
}

/// Opens the comparison's panel (its body is built on the first opening).
pub fn open_panel() {
    browser::open_details("details.vendors-body");
}

/// A typed sheet of the comparison's to correct: its draft, vendor, currency and the offer's VAT,
/// for the typed sheet's form to take ([`TypedSheet`]); set by an offer's "Edit these prices".
#[derive(Clone, Copy)]
struct TypedEdit(RwSignal<Option<TypedSheetRead>>);

/// What [`TypedEdit`] carries.
type TypedSheetRead = (crate::app::custom::ServiceDraft, String, String, Option<Vat>);

/// Opens the typed sheet's fold (its form is built on the first opening) and takes the focus
/// to its first box.
fn open_typed_sheet() {
    browser::open_details("details.vendor-typed");
    browser::focus_when_shown("#sheet-vendor");
}

/// The comparison's number boxes that hold text they refuse, by id: the figures under them are
/// then for the values before that edit, and say so.
#[derive(Clone, Copy)]
struct BoxesInvalid(RwSignal<std::collections::BTreeSet<String>>);

impl BoxesInvalid {
    /// Box `id` holds text it refuses, or not (the set touched only where that changes).
    fn set(self, id: &str, invalid: bool) {
        if self.0.try_with_untracked(|s| s.contains(id)) == Some(!invalid) {
            self.0.try_update(|s| if invalid { s.insert(id.to_string()) } else { s.remove(id) });
        }
    }

    /// The note over figures that are for values before an edit, while a box is refused.
    fn note(self) -> impl IntoView {
        move || {
            self.0.with(|s| !s.is_empty()).then(|| view! { <p class="warn-box">{tr(|t| t.vendors_have_errors)}</p> })
        }
    }
}

#[component]
pub fn VendorsPanel() -> impl IntoView {
    let link = use_context::<VendorsLink>();
    let from_link = link.is_some_and(|l| l.0.with_untracked(Option::is_some));
    view! {
        <section class="vendors" aria-labelledby="vendors-heading">
            <h2 id="vendors-heading">{tr(|t| t.vendors)}</h2>
            {lazy_details_open("vendors-body", tr(|t| t.vendors_open), true, from_link, move || view! { <VendorsForm /> })}
        </section>
    }
}

/// What the panel is showing: nothing yet, a comparison being computed, its result, or why not.
#[derive(Clone, Debug, PartialEq)]
enum Shown {
    Waiting,
    Done(Comparison),
    Problem(String),
}

#[component]
fn VendorsForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let links = use_context::<VendorsLink>();
    let link = links.and_then(|l| l.0.try_update_untracked(Option::take).flatten());
    // Said in the page's language when drawn (a switch of language says it again).
    let notice = RwSignal::new(None::<std::sync::Arc<dyn Fn(Lang) -> String + Send + Sync>>);
    // The comparison to start from: a link's, the stored one, or a first one for line 1.
    let first = || VendorsDraft::for_estimate(&state.with_untracked(|p| p.estimate()), state.lang.get_untracked());
    let stored = || browser::load(vendors::STORAGE_KEY).ok().flatten().and_then(|t| vendors::read(&t).ok());
    // The visitor's own comparison, where a link's took its place: offered back.
    let before = RwSignal::new(None::<VendorsDraft>);
    // A link's comparison is what its visitor came for: the page takes them to it.
    let focus = move || links.is_none_or(|l| l.1.try_get_value().unwrap_or(true));
    // What a link shows is its ranking: the focus (and the view) goes to the figures.
    if link.is_some() && focus() {
        browser::focus_when_shown("#vendors-result");
    }
    let (start, save_now) = match link {
        Some(Ok(d)) => {
            // The visitor's own is offered back only where it differs from the link's as the
            // page shows it: the same link opened again finds its own comparison stored, with
            // its offers named in this page's language.
            let lang = state.lang.get_untracked();
            let shown = |mut d: VendorsDraft| {
                d.name_in(lang);
                d
            };
            let link = shown(d.clone());
            before.set(stored().filter(|own| shown(own.clone()) != link));
            (d, true)
        }
        Some(Err(e)) => {
            notice.set(Some(std::sync::Arc::new(move |lang| {
                fill(texts(lang).vendors_link_error, &[("e", &e.message(lang))])
            })));
            (stored().unwrap_or_else(first), false)
        }
        None => (stored().unwrap_or_else(first), false),
    };
    let draft = RwSignal::new(start);
    let boxes = BoxesInvalid(RwSignal::new(std::collections::BTreeSet::new()));
    provide_context(boxes);
    provide_context(TypedEdit(RwSignal::new(None)));
    // Offers named for their vendor are named in the page's language: when it switches, and in
    // a comparison that comes in made in the other (a link, another tab's, the one a link took
    // the place of).
    Effect::new(move |_| {
        let lang = state.lang.get();
        draft.maybe_update(|d| d.name_in(lang));
    });
    let in_page_language = move |mut d: VendorsDraft| {
        d.name_in(state.lang.get_untracked());
        d
    };
    // A link pasted into the open page later.
    if let Some(links) = links {
        Effect::new(move |_| {
            links.0.track();
            let Some(link) = links.0.try_update_untracked(Option::take).flatten() else { return };
            if focus() {
                browser::focus_when_shown("#vendors-result");
            }
            match link {
                Ok(d) => {
                    notice.set(None);
                    let d = in_page_language(d);
                    let own = draft.get_untracked();
                    if own != d && before.with_untracked(Option::is_none) {
                        before.set(Some(own));
                    }
                    draft.set(d);
                }
                Err(e) => {
                    notice.set(Some(std::sync::Arc::new(move |lang| {
                        fill(texts(lang).vendors_link_error, &[("e", &e.message(lang))])
                    })));
                }
            }
        });
    }
    // Kept as it changes (and at once where a link brought it).
    Effect::new(move |ran: Option<()>| {
        let json = draft.with(VendorsDraft::to_json);
        if ran.is_some() || save_now {
            // A failure is told once, by the page's notice.
            let _ = state.store(vendors::STORAGE_KEY, &json);
        }
    });
    // Printed alone ("Print the comparison") until the printing is over.
    let printed = window_event_listener(leptos::ev::afterprint, |_| browser::printed_part("print-vendors"));
    on_cleanup(move || printed.remove());
    // The last comparison another tab saved is shown here too.
    browser::on_storage_elsewhere(move |key, value| {
        if key == vendors::STORAGE_KEY
            // Named in this page's language before it is compared: two tabs in two languages
            // would otherwise save each other's names back and forth.
            && let Some(d) = value.and_then(|t| vendors::read(&t).ok()).map(in_page_language)
            && draft.try_with_untracked(|now| *now != d).unwrap_or(false)
        {
            draft.try_set(d);
        }
    });
    let lists = StoredValue::new(ListCache::default());
    // The engine's comparison document, or the first problem with its field.
    let offers = Memo::new(move |_| {
        let d = draft.get();
        if d.rates.values().any(|r| r.trim().is_empty()) {
            // Not a problem yet: the rates are asked for.
            let lang = state.lang.get();
            return Err(fill(texts(lang).vendors_rates_needed, &[("base", &d.currency)]));
        }
        let lang = state.lang.get();
        lists
            .try_update_value(|cache| d.offers(cache).map_err(|e| format::problem(&e, lang)))
            .unwrap_or_else(|| Err(String::new()))
    });
    let rates_needed = Memo::new(move |_| draft.with(|d| d.rates.values().any(|r| r.trim().is_empty())));
    let shown = RwSignal::new(Shown::Waiting);
    let runs = Runs {
        generation: StoredValue::new(0u64),
        solved: StoredValue::new(Vec::new()),
        shown,
        sent: RwSignal::new(String::new()),
        answered: RwSignal::new(String::new()),
    };
    Effect::new(move |_| {
        let lang = state.lang.get();
        let edit = runs.generation.try_update_value(|g| {
            *g += 1;
            *g
        });
        match offers.get() {
            Err(e) => shown.set(Shown::Problem(e)),
            Ok(o) => {
                shown.set(Shown::Waiting);
                if let Some(edit) = edit {
                    runs.run(o, draft.with_untracked(VendorsDraft::other_work), edit, lang);
                }
            }
        }
    });
    let link_out = RwSignal::new(None::<String>);
    let on_share = move |_| {
        let url = format!("{}#{}", browser::page_url(), draft.with_untracked(VendorsDraft::encode));
        if url.len() > MAX_LINK {
            let kb = url.len() / 1024;
            notice.set(Some(std::sync::Arc::new(move |lang| crate::app::share::too_long_text(kb, lang))));
            return;
        }
        leptos::task::spawn_local(async move {
            browser::copy(&url).await;
            link_out.set(Some(url));
        });
    };
    let on_csv = move |_| {
        let lang = state.lang.get_untracked();
        if let Shown::Done(c) = shown.get_untracked() {
            let plans: Vec<String> = draft.with_untracked(|d| {
                c.vendors
                    .iter()
                    .zip(&d.offers)
                    .map(|(v, o)| vendors::plan_words(v, c.first_month, &o.source, lang))
                    .collect()
            });
            // Example sheets marked as examples in the export too.
            let mut c = c;
            draft.with_untracked(|d| {
                for (v, o) in c.vendors.iter_mut().zip(&d.offers) {
                    v.name = vendors::shown_name(&v.name, &o.source, lang);
                }
            });
            let notes = draft.with_untracked(|d| vendors::sheet_notes(&d.offers, lang));
            let other = draft.with_untracked(VendorsDraft::other_work);
            let csv = vendors::csv(&c, &plans, &other, lang)
                + &vendors::sheet_notes_csv(&notes)
                + &crate::app::csv::exported_on(&browser::today(), lang);
            browser::download("packwise-vendors.csv", "text/csv;charset=utf-8", &csv);
        }
    };
    view! {
        <p class="small muted">{tr(|t| t.vendors_intro)}</p>
        {move || {
            let lang = state.lang.get();
            notice.get().map(|m| view! { <p class="small error" role="status">{m(lang)}</p> })
        }}
        <Show when=move || before.with(Option::is_some)>
            <div class="notice info" role="status">
                <span>{tr(|t| t.vendors_from_link)}</span>
                <button type="button" class="open-other" on:click=move |_| {
                    if let Some(own) = before.get_untracked() {
                        before.set(None);
                        draft.set(in_page_language(own));
                        // The notice goes with its button: the focus to the comparison's first field.
                        browser::focus_soon("#vendors-profile".to_string());
                    }
                }>{tr(|t| t.vendors_back_to_own)}</button>
                <button type="button" class="ghost" aria-label=move || texts(state.lang.get()).dismiss
                    on:click=move |_| before.set(None)>"×"</button>
            </div>
        </Show>
        <ProfileField draft />
        <CurrencyFields draft />
        <VatBasisField draft />
        <OfferRows draft />
        <SheetLoader draft />
        <div class="vendors-result" id="vendors-result" tabindex="-1" aria-busy=move || if matches!(shown.get(), Shown::Waiting) { "true" } else { "false" }
            data-sent=move || runs.sent.get() data-answered=move || runs.answered.get()>
        {boxes.note()}
        {move || match shown.get() {
            Shown::Problem(e) if rates_needed.get() => view! { <p class="hint-box" role="status">{e}</p> }.into_any(),
            Shown::Problem(e) => view! { <p class="error-box" role="alert">{e}</p> }.into_any(),
            Shown::Waiting => view! { <p class="small muted" role="status">{tr(|t| t.vendors_running)}</p> }.into_any(),
            Shown::Done(c) => results(c, draft, state.lang.get()),
        }}
        </div>
        <BudgetPanel draft solved=runs.solved />
        <div class="actions">
            <button type="button" on:click=on_share>{tr(|t| t.vendors_share)}</button>
            <button type="button" on:click=on_csv disabled=move || !matches!(shown.get(), Shown::Done(_))>
                {tr(|t| t.vendors_csv)}
            </button>
            <button type="button" id="vendors-print" on:click=move |_| browser::print_part("print-vendors")
                disabled=move || !matches!(shown.get(), Shown::Done(_))>
                {tr(|t| t.vendors_print)}
            </button>
        </div>
        {move || {
            link_out.get().map(|url| {
                view! {
                    <div class="share-out" role="status">
                        <label for="vendors-url" class="small">{move || texts(state.lang.get()).copied}</label>
                        <input id="vendors-url" type="text" readonly prop:value=url />
                        // With two lines or more: what this link does not carry.
                        <Show when=move || state.with(|p| p.lines().nth(1).is_some())>
                            <p class="small muted">{tr(|t| t.vendors_share_alone)}</p>
                        </Show>
                    </div>
                }
            })
        }}
    }
}

/// The comparison's runs: which edit is current, each offer's plan already found (by the
/// offer's request, so that a new rate or name prices again without planning again), and when
/// the last run was sent and answered (`performance.now()`, read by scripts/bench-web.mjs).
#[derive(Clone, Copy)]
struct Runs {
    generation: StoredValue<u64>,
    solved: StoredValue<Vec<(String, Solution)>>,
    shown: RwSignal<Shown>,
    sent: RwSignal<String>,
    answered: RwSignal<String>,
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

impl Runs {
    /// Prices `offers` for edit `edit`: each offer's plan from the cache, else from the worker
    /// (on the page where workers are missing), then the comparison assembled here; an answer for
    /// an older edit is dropped.
    fn run(self, offers: Offers, other_work: Vec<bool>, edit: u64, lang: Lang) {
        let current = move || self.generation.try_get_value() == Some(edit);
        self.sent.set(crate::app::chart::num(now()));
        let other_work = StoredValue::new(other_work);
        let show = move |r: Result<Comparison, String>| {
            if current() {
                self.shown.try_set(match r {
                    Ok(mut c) => {
                        other_work.with_value(|o| vendors::rank_same_work(&mut c, o));
                        Shown::Done(c)
                    }
                    Err(e) => Shown::Problem(e),
                });
                self.answered.try_set(crate::app::chart::num(now()));
            }
        };
        let here = {
            let offers = offers.clone();
            move || show(compare(builtin(), &offers, lang).map_err(|e| format::problem(&e, lang)))
        };
        let jobs = Job::of(&offers, "");
        let assemble = {
            let offers = offers.clone();
            move |solutions: Vec<Solution>| {
                // The month curves in short tasks, then the comparison.
                let work = Rc::new(RefCell::new(Some(CurveWork::new(builtin(), &offers))));
                draw(work, offers.clone(), solutions, current, show, lang);
            }
        };
        solve_all(jobs, self.solved, current, assemble, move |e| show(Err(e)), here, lang);
    }
}

/// One plan to find for an offer: its request (by whose text the plan is kept), and the offer's
/// name and place, for a failure's words.
struct Job {
    key: String,
    line: crate::engine::Line,
    weights: crate::engine::terms::Weights,
    custom: Option<crate::engine::CustomCatalog>,
    name: String,
    place: String,
}

impl Job {
    /// Each offer's job; `at` is where the offers sit (`lines[1].` in a budget, else nothing).
    fn of(offers: &Offers, at: &str) -> Vec<Job> {
        offers
            .offers
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let e = &o.estimate;
                Job {
                    key: Request::plan(0, 0, &e.lines[0], e.weights(), e.price_list.as_ref()).to_json(),
                    line: e.lines[0].clone(),
                    weights: e.weights(),
                    custom: e.price_list.clone(),
                    name: o.name.clone(),
                    place: format!("{at}vendors[{i}]"),
                }
            })
            .collect()
    }
}

/// The plans kept: a whole budget's and the last few comparisons'.
const KEPT_PLANS: usize = (crate::engine::budget::MAX_BUDGET_LINES + 4) * MAX_OFFERS;
/// How long the budget waits after an edit before it plans (ms).
const BUDGET_PAUSE_MS: u64 = 250;

/// Finds each job's plan: from `solved` where it was found before, else in the worker; then
/// `done` with all of them in order. A plan that fails is told by `failed`; where the worker is
/// missing or gone, `on_page` runs (once) to do it all on the page instead.
fn solve_all(
    jobs: Vec<Job>,
    solved: StoredValue<Vec<(String, Solution)>>,
    current: impl Fn() -> bool + Copy + 'static,
    done: impl Fn(Vec<Solution>) + Clone + 'static,
    failed: impl Fn(String) + Clone + 'static,
    on_page: impl Fn() + Clone + 'static,
    lang: Lang,
) {
    let cached = |k: &String| solved.with_value(|c| c.iter().find(|(key, _)| key == k).map(|(_, s)| s.clone()));
    let slots: Rc<RefCell<Vec<Option<Solution>>>> =
        Rc::new(RefCell::new(jobs.iter().map(|j| cached(&j.key)).collect()));
    let done_if_all = {
        let slots = slots.clone();
        move || {
            let all: Option<Vec<Solution>> = slots.borrow().iter().cloned().collect();
            if let Some(solutions) = all {
                done(solutions);
            }
        }
    };
    if slots.borrow().iter().all(Option::is_some) {
        return done_if_all();
    }
    if !worker::available() {
        return on_page();
    }
    let fell_back = Rc::new(RefCell::new(false));
    for (i, job) in jobs.into_iter().enumerate() {
        if slots.borrow()[i].is_some() {
            continue;
        }
        let Job { key, line, weights, custom, name, place } = job;
        let request = move |seq| Request::plan(seq, 0, &line, weights, custom.as_ref()).to_json();
        let (slots, done, failed) = (slots.clone(), done_if_all.clone(), failed.clone());
        let on_answer = move |answer: crate::app::jobs::Answer, _: String| {
            if !answer.last {
                return;
            }
            match answer.outcome {
                Outcome::Solution(s) => {
                    solved.update_value(|c| {
                        c.retain(|(k, _)| *k != key);
                        c.push((key.clone(), s.clone()));
                        if c.len() > KEPT_PLANS {
                            c.remove(0);
                        }
                    });
                    if current() {
                        slots.borrow_mut()[i] = Some(s);
                        done();
                    }
                }
                // The worker names the field of its one-line estimate: told as this offer's.
                Outcome::Failed(f) => failed(match f.too_large {
                    // Said in the page's language, as the planner says it.
                    Some(size) => {
                        format!("{name}{}{}", lang.pick("：", ": "), crate::app::format::too_large(&size, lang))
                    }
                    None => format!("{place}: \"{name}\": {}", f.message),
                }),
                Outcome::Optimized | Outcome::Usage(_) => {}
            }
        };
        let (fell, on_page_once) = (fell_back.clone(), on_page.clone());
        let on_fail = move || {
            // The worker is gone: all of it once, here.
            if !std::mem::replace(&mut *fell.borrow_mut(), true) {
                on_page_once();
            }
        };
        if !worker::run(request, on_answer, on_fail) {
            if !std::mem::replace(&mut *fell_back.borrow_mut(), true) {
                on_page();
            }
            return;
        }
    }
}

/// Prices the month curves for about 8 ms, then yields to the page (a new task) until they are
/// all priced; then assembles the comparison. A newer edit stops it.
fn draw(
    work: Rc<RefCell<Option<CurveWork>>>,
    offers: Offers,
    solutions: Vec<Solution>,
    current: impl Fn() -> bool + Copy + 'static,
    show: impl Fn(Result<Comparison, String>) + Copy + 'static,
    lang: Lang,
) {
    if !current() {
        return;
    }
    let start = now();
    let done = loop {
        let Some(w) = work.borrow_mut().as_mut().map(|w| w.step(32)) else { return };
        if w {
            break true;
        }
        if now() - start > 8.0 {
            break false;
        }
    };
    if done {
        if let Some(w) = work.borrow_mut().take() {
            show(
                assemble_with(builtin(), &offers, &solutions, w.finish(), lang).map_err(|e| format::problem(&e, lang)),
            );
        }
    } else {
        set_timeout(move || draw(work, offers, solutions, current, show, lang), std::time::Duration::ZERO);
    }
}

/// Each line's name: "第 1 项 · 活体人脸核身".
fn line_names(state: AppState, lang: Lang) -> Vec<String> {
    state.with(|p| {
        p.estimate()
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let name = crate::ui::state::service(&l.service)
                    .map_or_else(|| l.service.clone(), |s| s.name.get(lang).to_string());
                format!("{} · {name}", super::quote_view::line_label(lang, i + 1))
            })
            .collect()
    })
}

/// Each line's calls to one document and the document, where its service counts several.
fn line_units(state: AppState, lang: Lang) -> Vec<Option<(u64, String)>> {
    state.with_untracked(|p| {
        p.estimate()
            .lines
            .iter()
            .map(|l| {
                let s = crate::ui::state::service(&l.service)?;
                s.calls_per_unit.as_ref().map(|u| (u.calls, u.unit.get(lang).to_string()))
            })
            .collect()
    })
}

/// The whole estimate at each vendor (with one line: its months at each vendor): folded, and
/// worked out once opened ([`BudgetBody`]).
#[component]
fn BudgetPanel(draft: RwSignal<VendorsDraft>, solved: StoredValue<Vec<(String, Solution)>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    // With one line, what it adds to the comparison is the months: each vendor's cash flow.
    let many = Memo::new(move |_| state.with(|p| p.lines().count() > 1));
    let summary = move || {
        let t = texts(state.lang.get());
        if many.get() { t.vendors_budget } else { t.vendors_budget_one }
    };
    let any = Memo::new(move |_| state.with(|p| p.lines().next().is_some()));
    view! {
        <Show when=move || any.get()>
            {lazy_details("vendors-budget", summary, true, move || view! { <BudgetBody draft solved /> })}
        </Show>
    }
}

/// Each line priced at the comparison's vendors of its kind of work
/// (`VendorsDraft::budget_lines`), each offer's plan from the worker, added up by vendor
/// (`engine::budget`), with the best mix; the rates only its lines need asked for here.
#[component]
fn BudgetBody(draft: RwSignal<VendorsDraft>, solved: StoredValue<Vec<(String, Solution)>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    // `None` while the plans are being found.
    let shown = RwSignal::new(None::<Result<BudgetComparison, (String, bool)>>);
    let generation = StoredValue::new(0u64);
    let lists = StoredValue::new(ListCache::default());
    // Each line's comparison, made once for the plans and for the services to choose.
    let parts = Memo::new(move |_| {
        let lang = state.lang.get();
        let e = state.with(|p| p.estimate());
        draft.with(|d| (d.budget_parts(&e, lang), e.weights()))
    });
    // The currencies only the budget's lines price in: their rates asked for here.
    let extra = Memo::new(move |_| {
        let all = parts.with(|(p, _)| VendorsDraft::budget_foreign(&p.lines));
        let own = draft.with(VendorsDraft::foreign);
        all.into_iter().filter(|c| !own.contains(c)).collect::<Vec<_>>()
    });
    Effect::new(move |_| {
        let lang = state.lang.get();
        let (ls, weights) = parts.with(|(p, w)| (p.lines.clone(), *w));
        let Some(edit) = generation.try_update_value(|g| {
            *g += 1;
            *g
        }) else {
            return;
        };
        let current = move || generation.try_get_value() == Some(edit);
        if ls.len() > crate::engine::budget::MAX_BUDGET_LINES {
            let words = fill(
                texts(lang).vendors_budget_too_many,
                &[("n", &ls.len().to_string()), ("max", &crate::engine::budget::MAX_BUDGET_LINES.to_string())],
            );
            shown.set(Some(Err((words, true))));
            return;
        }
        // A rate only the budget needs, still to type: asked for, not a problem.
        let (doc, waiting) = draft.with(|d| {
            let waiting =
                VendorsDraft::budget_foreign(&ls).iter().any(|c| d.rates.get(c).is_none_or(|r| r.trim().is_empty()));
            (d.budget_doc(&ls, weights), waiting.then(|| d.currency.clone()))
        });
        if let Some(base) = waiting {
            shown.set(Some(Err((fill(texts(lang).vendors_rates_needed, &[("base", &base)]), true))));
            return;
        }
        let budget = lists
            .try_update_value(|cache| Budget::from_value(&doc, builtin(), cache))
            .unwrap_or_else(|| Err(crate::engine::EstimateError::Syntax { message: String::new() }));
        let budget = match budget {
            Ok(b) => b,
            Err(e) => return shown.set(Some(Err((format::problem(&e, lang), false)))),
        };
        shown.set(None);
        let show = move |r: Result<BudgetComparison, String>| {
            if current() {
                shown.try_set(Some(r.map_err(|e| (e, false))));
            }
        };
        let jobs: Vec<Job> =
            budget.lines.iter().enumerate().flat_map(|(j, o)| Job::of(o, &format!("lines[{j}]."))).collect();
        let here = {
            let b = budget.clone();
            move || show(compare_budget(builtin(), &b, lang).map_err(|e| format::problem(&e, lang)))
        };
        let done = {
            let b = budget.clone();
            move |solutions: Vec<Solution>| {
                show(assemble_budget(builtin(), &b, solutions, lang).map_err(|e| format::problem(&e, lang)))
            }
        };
        // After a pause in the typing: the worker takes its jobs in turn, and each edit would
        // queue every line's plans again behind the comparison's.
        set_timeout(
            move || {
                if current() {
                    solve_all(jobs, solved, current, done, move |e| show(Err(e)), here, lang);
                }
            },
            std::time::Duration::from_millis(BUDGET_PAUSE_MS),
        );
    });
    view! {
        <p class="small muted">{tr(|t| t.vendors_budget_intro)}</p>
        {move || {
            let extra = extra.get();
            (!extra.is_empty()).then(|| view! {
                <div class="row pair-row vendors-money">
                    <p class="small">{tr(|t| t.vendors_budget_rate)}</p>
                    {extra.into_iter().map(|cur| rate_box(draft, cur)).collect_view()}
                </div>
            })
        }}
        <div class="vendors-budget-result" aria-busy=move || if shown.with(Option::is_none) { "true" } else { "false" }>
            {use_context::<BoxesInvalid>().map(BoxesInvalid::note)}
            // The budget prices the estimate's lines as they were before a field refused.
            <Show when=move || state.with(crate::app::page::Page::any_invalid)>
                <p class="warn-box">{tr(|t| t.vendors_budget_stale)}</p>
            </Show>
            {move || {
                let lang = state.lang.get();
                match shown.get() {
                    None => view! { <p class="small muted" role="status">{tr(|t| t.vendors_budget_running)}</p> }.into_any(),
                    Some(Err((e, true))) => view! { <p class="hint-box" role="status">{e}</p> }.into_any(),
                    Some(Err((e, false))) => view! { <p class="error-box" role="alert">{e}</p> }.into_any(),
                    Some(Ok(b)) => budget_view(&b, draft, line_names(state, lang), lang),
                }
            }}
        </div>
        <BudgetServices draft parts shown />
        <div class="actions">
            <button type="button" class="budget-csv" disabled=move || !shown.with(|s| matches!(s, Some(Ok(_))))
                on:click=move |_| {
                    let lang = state.lang.get_untracked();
                    if let Some(Ok(b)) = shown.get_untracked() {
                        let examples = example_names(draft);
                        let notes = draft.with_untracked(|d| vendors::sheet_notes(&d.offers, lang));
                        let labels = line_names(state, lang);
                        let said = draft.with_untracked(|d| {
                            vendors::budget_notes(&b, &labels, &line_units(state, lang), &d.offers, lang)
                        });
                        let csv = vendors::budget_csv(&b, &labels, |n| examples.iter().any(|e| e == n), &said, lang)
                            + &vendors::sheet_notes_csv(&notes)
                            + &crate::app::csv::exported_on(&browser::today(), lang);
                        browser::download("packwise-budget.csv", "text/csv;charset=utf-8", &csv);
                    }
                }>{tr(|t| t.vendors_budget_csv)}</button>
        </div>
    }
}

/// Which of each vendor's services prices the budget's lines of each service (the comparison's
/// own line aside), for the buyer to change ([`VendorsDraft::budget_choices`]): folded. Drawn as
/// plain selects, again after each choice (the focus put back on the select chosen). Where the
/// service leaves some of the lines' volume to sales (the budget's figure "price not listed"),
/// or a price is typed already, the price sales gave for it ([`VendorsDraft::set_budget_price`]).
#[component]
fn BudgetServices(
    draft: RwSignal<VendorsDraft>,
    parts: Memo<(BudgetParts, Weights)>,
    shown: RwSignal<Option<Result<BudgetComparison, (String, bool)>>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let choices = Memo::new(move |_| {
        let lang = state.lang.get();
        parts.with(|(p, _)| draft.with(|d| d.choices_of(p, lang)))
    });
    let body = move || {
        let lang = state.lang.get();
        // Not tracked: any edit of the page would draw the choices again (and take the focus
        // from a price being typed); a line added or changed changes the choices themselves.
        let labels = untrack(|| line_names(state, lang));
        let none = texts(lang).vendors_budget_no_offer;
        let mut n = 0;
        choices
            .get()
            .into_iter()
            .map(|w| {
                let legend = w.lines.iter().filter_map(|k| labels.get(*k).cloned()).collect::<Vec<_>>();
                let rows = w
                    .vendors
                    .into_iter()
                    .map(|v| {
                        n += 1;
                        let id = format!("budget-pick-{n}");
                        let (work, vendor, current) = (w.line_service.clone(), v.vendor, v.current.unwrap_or_default());
                        let options = std::iter::once((String::new(), none.to_string()))
                            .chain(v.services)
                            .map(|(value, name)| {
                                let chosen = value == current;
                                view! { <option value=value selected=chosen>{name}</option> }
                            })
                            .collect_view();
                        let again = id.clone();
                        let price = budget_price_box(draft, shown, &w.lines, &work, &vendor, &current, &v.currency, n);
                        let shown_name = v.shown;
                        // The vendor, its service, and under the service its negotiated price.
                        view! {
                            <div class="row budget-pick">
                                <label for=id.clone()>{shown_name}</label>
                                <select id=id on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    draft.try_update(|d| d.set_pick(&work, &vendor, (!v.is_empty()).then_some(v)));
                                    // Drawn again after the choice: the focus back on it.
                                    let again = again.clone();
                                    request_animation_frame(move || {
                                        browser::focus_field(&again);
                                    });
                                }>{options}</select>
                                {price}
                            </div>
                        }
                    })
                    .collect_view();
                view! { <fieldset class="budget-work"><legend>{legend.join(lang.pick("；", "; "))}</legend>{rows}</fieldset> }
            })
            .collect_view()
    };
    view! {
        <Show when=move || choices.with(|c| !c.is_empty())>
            <details class="vendors-budget-services">
                <summary>{tr(|t| t.vendors_budget_services)}</summary>
                <p class="small muted">{tr(|t| t.vendors_budget_services_note)}</p>
                {body}
                <Show when=move || draft.with(|d| !d.picks.is_empty())>
                    <div class="actions">
                        <button type="button" class="budget-pairing"
                            on:click=move |_| { draft.try_update(VendorsDraft::clear_picks); }>
                            {tr(|t| t.vendors_budget_services_reset)}
                        </button>
                    </div>
                </Show>
            </details>
        </Show>
    }
}

/// The negotiated price of vendor `vendor`'s service `service` on the budget's `lines` (of
/// service `work`): offered where the budget found some of their volume priced by sales there, or
/// where a price is typed already; once offered it stays until the choices are drawn again (a
/// price typed, cleared or mistyped, which puts back none, does not take the box away).
#[allow(clippy::too_many_arguments)]
fn budget_price_box(
    draft: RwSignal<VendorsDraft>,
    shown: RwSignal<Option<Result<BudgetComparison, (String, bool)>>>,
    lines: &[usize],
    work: &str,
    vendor: &str,
    service: &str,
    currency: &str,
    n: usize,
) -> impl IntoView + use<> {
    let state = expect_context::<AppState>();
    if service.is_empty() {
        return None;
    }
    let (lines, work, vendor, service, currency) =
        (lines.to_vec(), work.to_string(), vendor.to_string(), service.to_string(), currency.to_string());
    let typed = {
        let (work, vendor, service) = (work.clone(), vendor.clone(), service.clone());
        Memo::new(move |_| draft.with(|d| d.budget_price(&work, &vendor, &service)))
    };
    // Once on, on: a price typed (a reload shows it, the figure then priced) and cleared keeps
    // the box while the budget is worked out again.
    let needed = {
        let vendor = vendor.clone();
        Memo::new(move |was: Option<&bool>| {
            was.copied().unwrap_or(false)
                || typed.get().is_some()
                || shown.with(|s| match s {
                    Some(Ok(b)) => b
                        .vendors
                        .iter()
                        .find(|v| v.name == vendor)
                        .is_some_and(|v| lines.iter().any(|&k| v.waits_for_price(k))),
                    _ => false,
                })
        })
    };
    let label = Signal::derive(move || {
        let lang = state.lang.get();
        fill(texts(lang).negotiated_price, &[("cur", format::currency_word(&currency, lang))])
    });
    let aria = {
        let vendor = vendor.clone();
        Signal::derive(move || format!("{} · {vendor}", label.get()))
    };
    let value = Signal::derive(move || typed.get().map(plain).unwrap_or_default());
    let read = Callback::new(move |text: String| {
        let p = if text.trim().is_empty() { None } else { Some(crate::app::input::parse_price(&text)?) };
        draft.try_update(|d| d.set_budget_price(&work, &vendor, &service, p));
        Ok(())
    });
    Some(view! {
        <Show when=move || needed.get()>
            <NumberBox id=format!("budget-price-{n}") label aria_label=aria value read placeholder="0.6" />
        </Show>
    })
}

/// The names of the comparison's offers on example sheets: a vendor so named is marked as an
/// example.
fn example_names(draft: RwSignal<VendorsDraft>) -> Vec<String> {
    draft.with_untracked(|d| d.offers.iter().filter(|o| o.source.is_example()).map(|o| o.name.clone()).collect())
}

/// The budget's table ([`vendors::budget_table`]): the cheapest vendor's row and the best mix
/// marked.
fn budget_view(b: &BudgetComparison, draft: RwSignal<VendorsDraft>, labels: Vec<String>, lang: Lang) -> AnyView {
    let examples = example_names(draft);
    let t = vendors::budget_table(b, &labels, |n| examples.iter().any(|e| e == n), lang);
    let units = line_units(expect_context::<AppState>(), lang);
    let unlike = draft.with_untracked(|d| vendors::budget_notes(b, &labels, &units, &d.offers, lang));
    let money = |d| format::money(Some(d), &b.currency, lang);
    let shared = vendors::budget_shared(b, &labels, |n| examples.iter().any(|e| e == n), money, lang)
        .map(|s| view! { <p class="small vendors-budget-shared">{s}</p> });
    let head = t.head.into_iter().enumerate().map(|(k, h)| if k == 1 { Cell::text(h) } else { Cell::num(h) }).collect();
    let rows = t
        .rows
        .into_iter()
        .map(|r| Row {
            class: r.class,
            cells: r
                .cells
                .into_iter()
                .enumerate()
                .map(|(k, (text, sub))| {
                    let cell = if k == 1 { Cell::head(text) } else { Cell::num(text) };
                    let cell = if sub.is_empty() { cell } else { cell.with_sub(sub) };
                    // The total: on a phone, each line's figure under it.
                    if k == 2 { cell.with_narrow(r.narrow.clone()) } else { cell }
                })
                .collect(),
        })
        .collect();
    // The cash flow: each month at each vendor, folded under the table.
    // Amounts as the table above writes them (its caption names the currency).
    let grouped = crate::engine::money::yuan;
    let one_line = b.lines.len() == 1;
    let months = vendors::budget_months_table(b, |n| examples.iter().any(|e| e == n), grouped, lang).map(
        |(caption, head, rows)| {
            let head = head.into_iter().enumerate().map(|(k, h)| if k == 0 { Cell::text(h) } else { Cell::num(h) });
            let n = rows.len();
            let rows = rows
                .into_iter()
                .enumerate()
                .map(|(r, cells)| Row {
                    class: if r + 1 == n { "total" } else { "" },
                    cells: cells
                        .into_iter()
                        .enumerate()
                        .map(|(k, c)| if k == 0 { Cell::head(c) } else { Cell::num(c) })
                        .collect(),
                })
                .collect();
            // With one line, the months are what the budget adds to the comparison: shown open.
            view! {
                <details class="vendors-budget-months" open=one_line>
                    <summary>{caption}</summary>
                    {table("vendors-budget-months", String::new(), head.collect(), rows)}
                </details>
            }
        },
    );
    view! {
        {table("vendors-budget-table", String::new(), head, rows)}
        {months}
        {shared}
        {(!unlike.is_empty()).then(|| view! {
            <ul class="small vendors-budget-unlike">{unlike.into_iter().map(|u| view! { <li>{u}</li> }).collect_view()}</ul>
        })}
    }
    .into_any()
}

/// Which line's volumes the comparison takes.
#[component]
fn ProfileField(draft: RwSignal<VendorsDraft>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lines = move || line_names(state, state.lang.get()).into_iter().enumerate().collect::<Vec<_>>();
    let take = move |i: usize| {
        // As the line is priced (the estimate's discount where it has none), with the estimate's VAT.
        let e = state.with_untracked(|p| p.estimate());
        if let Some(line) = e.priced_line(i) {
            let lang = state.lang.get_untracked();
            draft.update(|d| d.take_line(&line, e.weights(), e.price_list.as_ref(), e.vat, lang));
        }
    };
    // The line whose volumes the comparison has, if one has them.
    let whose = move || {
        draft.with(|d| {
            state.with(|p| {
                let weights = p.weights();
                p.lines().position(|(_, l)| d.profile.matches(&Profile::of(l, weights)))
            })
        })
    };
    let summary = move || {
        let lang = state.lang.get();
        draft.with(|d| {
            let calls: u64 = d.profile.calls.iter().fold(0u64, |a, c| a.saturating_add(*c));
            let months = d.profile.calls.len();
            let dates = d.profile.first_month.map(|m| m.run(months)).unwrap_or_default();
            let months = format!("{}{}", crate::app::format::months(months, lang), format::date_span(&dates, lang));
            let now = fill(
                texts(lang).vendors_profile_now,
                &[("months", &months), ("calls", &crate::engine::money::group_u64(calls))],
            );
            // Whose volumes they are, where a line has them: "第 1 项 · 活体人脸核身 · …".
            match whose().and_then(|i| lines().into_iter().nth(i)) {
                Some((_, line)) => format!("{line} · {now}"),
                None => now,
            }
        })
    };
    // The comparison follows the line its volumes were taken from as that line is edited (its
    // calls, months, dates or range, the case weights, its service).
    let followed = Memo::new(move |_| {
        state.with(|p| {
            let weights = p.weights();
            p.lines().map(|(id, l)| (id, Profile::of(l, weights), l.service.clone())).collect::<Vec<_>>()
        })
    });
    let profiles =
        Memo::new(move |_| followed.with(|ls| ls.iter().map(|(id, p, _)| (*id, p.clone())).collect::<Vec<_>>()));
    Effect::new(move |before: Option<Vec<(crate::app::page::LineId, Profile, String)>>| {
        let after = followed.get();
        if let Some(before) = before
            && let Some(id) = draft.with_untracked(|d| d.profile.followed(&before, &after))
        {
            let taken = state.with_untracked(|p| {
                let e = p.estimate();
                let k = p.lines().position(|(x, _)| x == id)?;
                Some((e.priced_line(k)?.into_owned(), e.weights(), e.price_list.clone(), e.vat))
            });
            if let Some((line, weights, custom, vat)) = taken {
                draft.update(|d| d.take_line(&line, weights, custom.as_ref(), vat, state.lang.get_untracked()));
            }
        }
        after
    });
    // Its own offer follows the terms of the line it follows too (a negotiated price, a discount,
    // the estimate's VAT changed there), where the comparison has not been given others.
    let own_terms = Memo::new(move |_| {
        let (id, service) = draft.with(|d| {
            followed.with(|ls| ls.iter().find(|(_, p, _)| d.profile.matches(p)).map(|(id, _, s)| (*id, s.clone())))
        })?;
        let terms = state.with(|p| Some(vendors::OwnTerms::of(p.line(id)?, p.discount(), p.vat())))?;
        Some((id, terms, service))
    });
    Effect::new(move |before: Option<Option<(crate::app::page::LineId, vendors::OwnTerms, String)>>| {
        let after = own_terms.get();
        if let (Some(Some((was_id, was, _))), Some((id, now, service))) = (&before, &after)
            && was_id == id
            && was != now
        {
            draft.maybe_update(|d| d.follow_terms(service, was, now));
        }
        after
    });
    // A copy of a line's volumes (a link's, or a line removed): say so where no line has them now.
    let stale = move || profiles.with(|ps| !ps.is_empty() && !draft.with(|d| d.profile.is_one_of(ps)));
    view! {
        <div class="field vendors-profile">
            <label for="vendors-profile">{tr(|t| t.vendors_profile)}</label>
            <select id="vendors-profile" on:change=move |ev| {
                if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                    take(i);
                }
            }>
                // The line the volumes are from is the option chosen, said in full; volumes no
                // line has (a link's copy) are an option of their own.
                {move || {
                    let (now, at) = (summary(), whose());
                    let copy = at.is_none().then(|| (String::new(), now.clone(), true));
                    copy.into_iter()
                        .chain(lines().into_iter().map(|(i, label)| {
                            let chosen = at == Some(i);
                            (i.to_string(), if chosen { now.clone() } else { label }, chosen)
                        }))
                        .map(|(value, text, chosen)| view! { <option value=value selected=chosen>{text}</option> })
                        .collect_view()
                }}
            </select>
            <Show when=stale>
                <p class="small warn" role="status">{tr(|t| t.vendors_profile_copy)}</p>
            </Show>
        </div>
        // On paper the select is gone: which volumes the offers are compared for.
        <p class="print-only vendors-for">
            {move || format!("{}{}{}", texts(state.lang.get()).vendors_profile, state.lang.get().pick("：", ": "), summary())}
        </p>
    }
}

/// The comparison's currency and the rate of each other currency an offer is in.
#[component]
fn CurrencyFields(draft: RwSignal<VendorsDraft>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let currencies = move || {
        let mut all: Vec<String> =
            draft.with(|d| d.offers.iter().filter_map(|o| o.source.catalog().map(|c| c.currency.clone())).collect());
        all.push(draft.with(|d| d.currency.clone()));
        all.sort();
        all.dedup();
        all
    };
    // The currencies that need a rate: a memo, so that typing a rate (which changes the draft)
    // does not build the fields again under the cursor.
    let rates = Memo::new(move |_| draft.with(VendorsDraft::foreign));
    view! {
        <div class="row pair-row vendors-money">
            <div class="field">
                <label for="vendors-currency">{tr(|t| t.vendors_currency)}</label>
                <select id="vendors-currency" on:change=move |ev| {
                    let c = event_target_value(&ev);
                    draft.update(|d| d.set_currency(c));
                }>
                    {move || {
                        let now = draft.with(|d| d.currency.clone());
                        currencies()
                            .into_iter()
                            .map(|c| view! { <option value=c.clone() selected=c == now>{c.clone()}</option> })
                            .collect_view()
                    }}
                </select>
            </div>
            {move || {
                rates
                    .get()
                    .into_iter()
                    .map(|cur| rate_box(draft, cur))
                    .collect_view()
            }}
        </div>
        // On paper the boxes are gone: the rates the offers were converted at.
        <p class="print-only vendors-rates">
            {move || {
                let lang = state.lang.get();
                draft.with(|d| {
                    // The offers' currencies' only (a rate kept for another converted nothing).
                    let foreign = d.foreign();
                    let rates: Vec<String> = d
                        .rates
                        .iter()
                        .filter(|(c, r)| foreign.contains(c) && !r.trim().is_empty())
                        .map(|(c, r)| format!("1 {c} = {} {}", r.trim(), d.currency))
                        .collect();
                    (!rates.is_empty()).then(|| {
                        format!("{}{}{}", texts(lang).vendors_rates_used, lang.pick("：", ": "), rates.join(lang.pick("；", "; ")))
                    })
                })
            }}
        </p>
    }
}

/// The box for one unit of `cur` in the comparison's currency: a valid rate is written as typed
/// where the document reads it so (7.10 stays 7.10 while it is typed), else as the value read.
fn rate_box(draft: RwSignal<VendorsDraft>, cur: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (c1, c2, c3) = (cur.clone(), cur.clone(), cur.clone());
    let label = Signal::derive(move || {
        let base = draft.with(|d| d.currency.clone());
        fill(texts(state.lang.get()).vendors_rate, &[("cur", &c1), ("base", &base)])
    });
    let value = Signal::derive(move || draft.with(|d| d.rates.get(&c2).cloned().unwrap_or_default()));
    // A valid rate is written as typed where the document reads it so
    // (7.10 stays 7.10 while it is typed), else as the value read.
    let read = Callback::new(move |typed: String| {
        // Emptied: the rate is asked for again.
        if typed.trim().is_empty() {
            let c = c3.clone();
            draft.update(|d| {
                // Only the budget's lines price in it: nothing to ask for.
                if d.foreign().contains(&c) {
                    d.rates.insert(c, String::new());
                } else {
                    d.rates.remove(&c);
                }
            });
            return Ok(());
        }
        let rate = crate::app::input::parse_rate(&typed)?;
        let text = typed.trim();
        let text = match crate::engine::json::price_text(text) {
            Ok(_) => text.to_string(),
            Err(_) => rate.to_string(),
        };
        let c = c3.clone();
        draft.update(|d| {
            d.rates.insert(c, text);
        });
        Ok(())
    });
    view! { <NumberBox id=format!("vendors-rate-{cur}") label value read placeholder="7.10" /> }
}

/// A number box of the comparison (a rate, an offer's discount or negotiated price), read as
/// typed like every field: a valid value is written into the comparison at once; anything else is
/// said next to the box and puts back the value the box held before the edit (typing 150 passes
/// through 15, which must not stay). The text as typed stays until the box is left (`7.1元` or
/// full-width digits are read at once, not rewritten under the cursor); where the comparison's
/// value becomes another (a link opened), the box shows that one.
#[component]
fn NumberBox(
    id: String,
    /// The visible label.
    #[prop(into)]
    label: Signal<String>,
    /// The accessible name where it says more than the label (the offer's row).
    #[prop(optional, into)]
    aria_label: Option<Signal<String>>,
    /// The comparison's value, as text.
    #[prop(into)]
    value: Signal<String>,
    /// Reads the text and writes it into the comparison, or says why not.
    read: Callback<String, Result<(), crate::app::input::InputError>>,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    // Where the comparison's value becomes another (a link opened), the box shows it.
    let edit = super::fields::Editing::new(value, || {});
    let err_id = format!("{id}-error");
    // The comparison says while any of its boxes is refused that its figures are from before.
    if let Some(boxes) = use_context::<BoxesInvalid>() {
        let (here, gone) = (id.clone(), id.clone());
        Effect::new(move |_| boxes.set(&here, edit.error().is_some()));
        on_cleanup(move || boxes.set(&gone, false));
    }
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id type="text" inputmode="decimal" placeholder=move || super::fields::example(placeholder, state.lang.get())
                on:focus=move |_| edit.begin()
                aria-label=move || aria_label.map(|a| a.get())
                aria-invalid=move || if edit.error().is_some() { "true" } else { "false" }
                aria-describedby=err_id.clone()
                prop:value=move || edit.shown()
                on:change=move |_| {
                    edit.leave();
                }
                on:input=move |ev| {
                    if !edit.began() {
                        edit.begin();
                    }
                    let put_back = |was: Option<String>| {
                        if let Some(was) = was {
                            let _ = read.run(was);
                        }
                    };
                    let _ = edit.input(event_target_value(&ev), read, put_back);
                } />
            <span class="error" id=err_id role="status">
                {move || edit.error().map(|e| e.message(state.lang.get()))}
            </span>
        </div>
    }
}

/// Another vendor's own price list (format 1 or 2, in any currency) added as an offer: read on
/// its own for the comparison, it changes nothing in the estimate (whose own list must share the
/// built-in list's currency).
#[component]
fn SheetLoader(draft: RwSignal<VendorsDraft>) -> impl IntoView {
    use crate::app::custom::{self, ListProblem};
    let state = expect_context::<AppState>();
    let text = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<ListProblem>::new());
    // What the comparison's sheets may not mean as written: each list among the offers, once
    // (every sheet added stays said while its offer is there).
    let cautions = Memo::new(move |_| {
        let lang = state.lang.get();
        draft.with(|d| {
            let mut seen: Vec<&crate::engine::estimate::CustomCatalog> = Vec::new();
            let mut out = Vec::new();
            for o in &d.offers {
                let crate::app::vendors::Source::List(c) = &o.source else { continue };
                if seen.iter().any(|x| x.source() == c.source()) {
                    continue;
                }
                seen.push(c);
                let list = c.own();
                out.extend(
                    crate::engine::catalog::cautions::cautions(list)
                        .iter()
                        .map(|x| crate::app::format::caution(x, list, lang)),
                );
            }
            out
        })
    });
    let add = move |_| {
        let lang = state.lang.get_untracked();
        match custom::load(&text.get_untracked(), crate::engine::estimate::ListMode::Replace, lang) {
            Ok(list) if list.own().services.is_empty() => {
                let message = texts(lang).vendors_sheet_empty.to_string();
                problems.set(vec![ListProblem { place: String::new(), message, field: None }]);
            }
            Ok(list) => {
                let mut added = false;
                draft.update(|d| {
                    added = d.add_sheet(list.clone(), lang);
                    d.suggest_rates();
                });
                if added {
                    problems.set(Vec::new());
                    text.set(String::new());
                } else {
                    let message = texts(lang).vendors_sheet_full.to_string();
                    problems.set(vec![ListProblem { place: String::new(), message, field: None }]);
                }
            }
            Err(p) => problems.set(p),
        }
    };
    view! {
        <details class="vendor-sheet">
            <summary>{tr(|t| t.vendors_sheet)}</summary>
            <p class="small muted">{tr(|t| t.vendors_sheet_hint)}</p>
            <super::custom::ListSource form="vendor-sheet" rows="5" text problems />
            {move || super::custom::problems_view(problems.get(), state.lang.get(), "vendor-sheet")}
            <button type="button" id="vendor-sheet-add" on:click=add>{tr(|t| t.vendors_sheet_add)}</button>
        </details>
        {lazy_details("vendor-typed", tr(|t| t.vendors_typed), false, move || view! { <TypedSheet draft /> })}
        // Outside the fold: a sheet's caution holds for as long as its offer is compared.
        {move || super::custom::cautions_box(cautions.get())}
    }
}

/// The ids of the typed sheet's boxes and problems.
const TYPED_SHEET_FORM: super::custom::FormIds = super::custom::FormIds { boxes: "sheet", problems: "sheet-service" };

/// Currencies offered for a typed sheet (any three capital letters are taken).
const SHEET_CURRENCIES: [&str; 8] = ["CNY", "USD", "EUR", "HKD", "SGD", "GBP", "JPY", "IDR"];

/// A vendor's prices typed as its quote gives them (tiers, packs and the rest of the service
/// form, with the vendor's name and its currency), added to the comparison as a sheet of its own:
/// the estimate is not changed. Built when its fold is first opened.
#[component]
fn TypedSheet(draft: RwSignal<VendorsDraft>) -> impl IntoView {
    use super::custom::{Marks, problems_view, service_fields, show_problems};
    use crate::app::custom::{DraftField, ListProblem, ServiceDraft, sheet};
    let state = expect_context::<AppState>();
    let service = RwSignal::new(ServiceDraft::default());
    let vendor = RwSignal::new(String::new());
    // The comparison's own currency to start with: a sheet in it needs no rate.
    let currency = RwSignal::new(draft.with_untracked(|d| d.currency.clone()));
    let problems = RwSignal::new(Vec::<ListProblem>::new());
    // The VAT the quote's prices include or leave out, stated with them (a paper quote says
    // 含税 or 不含税 beside its prices): given to the offer as it is added or updated.
    let vat = RwSignal::new(None::<Vat>);
    // Whether the form says anything of it (chosen, or put back from an offer): a form that says
    // nothing leaves an offer's own VAT as it is, one set to "not stated" clears it.
    let vat_said = RwSignal::new(false);
    // An offer's typed sheet to correct, put into the form (its fold opened for it).
    if let Some(TypedEdit(edit)) = use_context::<TypedEdit>() {
        Effect::new(move |_| {
            if let Some((d, v, c, t)) = edit.get() {
                service.set(d);
                vendor.set(v);
                currency.set(c);
                vat.set(t);
                vat_said.set(true);
                problems.set(Vec::new());
                edit.set(None);
            }
        });
    }
    // The vendor just added (false) or updated (true), said in the page's language when drawn.
    let done = RwSignal::new(None::<(bool, String)>);
    let add = move |_| {
        let lang = state.lang.get_untracked();
        match sheet(&service.get_untracked(), &vendor.get_untracked(), &currency.get_untracked(), lang) {
            Ok(list) => {
                let mut put = Put::Full;
                let (who, what) = (vendor.get_untracked(), service.with_untracked(|s| s.name.clone()));
                draft.update(|d| {
                    put = d.put_typed(list, lang);
                    // Its VAT where the form says it (else the offer keeps its own).
                    if vat_said.get_untracked() {
                        d.set_typed_vat(&who, &what, vat.get_untracked());
                    }
                    d.suggest_rates();
                });
                // The form keeps what was typed: a price mistyped is corrected and put again.
                match put {
                    Put::Added => {
                        problems.set(Vec::new());
                        done.set(Some((false, vendor.get_untracked().trim().to_string())));
                    }
                    Put::Replaced(name) => {
                        problems.set(Vec::new());
                        done.set(Some((true, name)));
                    }
                    Put::Full => {
                        done.set(None);
                        let message = texts(lang).vendors_sheet_full.to_string();
                        problems.set(vec![ListProblem { place: String::new(), message, field: None }]);
                    }
                }
            }
            Err(p) => {
                done.set(None);
                show_problems(p, problems, TYPED_SHEET_FORM);
            }
        }
    };
    let clear = move |_| {
        service.set(ServiceDraft::default());
        vendor.set(String::new());
        vat.set(None);
        vat_said.set(false);
        problems.set(Vec::new());
        done.set(None);
    };
    // Whether the vendor and service typed have an offer from a sheet typed before: the button
    // updates it.
    let updates = move || vendor.with(|v| service.with(|s| draft.with(|d| !d.typed_offers(v, &s.name).is_empty())));
    let text_box = move |field: DraftField,
                         label: fn(&'static crate::app::text::Texts) -> &'static str,
                         value: RwSignal<String>,
                         list: Option<&'static str>| {
        let marks = Marks::new(field, problems, TYPED_SHEET_FORM);
        let id = marks.id();
        view! {
            <div class="field">
                <label for=id.clone()>{tr(label)}</label>
                <input id=id type="text" list=list autocomplete="off" prop:value=move || value.get()
                    aria-invalid=move || marks.invalid()
                    aria-describedby=move || marks.described()
                    on:input=move |ev| value.set(event_target_value(&ev)) />
            </div>
        }
    };
    // The prices' currency as the sheet will read it (`usd` is USD).
    let prices_in = Signal::derive(move || currency.with(|c| crate::app::custom::sheet_currency(c)));
    let options = SHEET_CURRENCIES.iter().map(|c| view! { <option value=*c></option> }).collect_view();
    view! {
        <p class="small muted">{tr(|t| t.vendors_typed_hint)}</p>
        <div class="row pair-row">
            {text_box(DraftField::Vendor, |t| t.vendors_typed_vendor, vendor, None)}
            {text_box(DraftField::Currency, |t| t.vendors_typed_currency, currency, Some("sheet-currencies"))}
        </div>
        <datalist id="sheet-currencies">{options}</datalist>
        {service_fields(TYPED_SHEET_FORM, service, problems, prices_in)}
        <div class="row pair-row">
            <VatSelect id="sheet-vat".to_string() value=vat on_change=Callback::new(move |v| {
                vat.set(v);
                vat_said.set(true);
            }) />
            <Show when=move || vat.get().is_some()>
                <NumberBox id="sheet-vat-rate".to_string() label=Signal::derive(move || texts(state.lang.get()).vat_rate.to_string())
                    value=Signal::derive(move || vat.get().map(|v| plain(v.percent)).unwrap_or_default())
                    read=Callback::new(move |text: String| {
                        let percent = crate::app::input::parse_vat_rate(&text)?;
                        vat.update(|v| *v = Some(Vat::retyped(*v, percent)));
                        vat_said.set(true);
                        Ok(())
                    })
                    placeholder="6" />
            </Show>
        </div>
        {move || problems_view(problems.get(), state.lang.get(), TYPED_SHEET_FORM.problems)}
        {move || {
            let t = texts(state.lang.get());
            done.get().map(|(updated, name)| {
                let said = fill(if updated { t.vendors_typed_updated } else { t.vendors_typed_added }, &[("name", &name)]);
                view! { <p class="saving" role="status">{said}</p> }
            })
        }}
        <div class="row actions">
            <button type="button" class="primary" id="sheet-add" on:click=add>
                {move || {
                    let t = texts(state.lang.get());
                    if updates() { t.vendors_typed_update } else { t.vendors_sheet_add }
                }}
            </button>
            <button type="button" class="ghost" id="sheet-clear" on:click=clear>{tr(|t| t.vendors_typed_clear)}</button>
        </div>
    }
}

/// The offers: a name, a price list and one of its services each, and the buyer's terms there
/// (a discount, a negotiated price: folded away under a line that says them); added and removed
/// within 2–6. The rows are built again only when an offer is added or removed: every field in
/// them follows the comparison, so an edit (a name, a list, a service, a term, another tab's
/// comparison) never takes the focus away or closes a fold.
#[component]
fn OfferRows(draft: RwSignal<VendorsDraft>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let custom = Memo::new(move |_| state.with(|p| p.custom_catalog().cloned()));
    // The lists an offer can take, named in the page's language; a list a link carried, that is
    // none of these, as itself.
    let sources = Memo::new(move |_| {
        let lang = state.lang.get();
        let mut sources = vendors::sources(custom.get().as_ref(), lang);
        draft.with(|d| {
            for o in &d.offers {
                if !sources.iter().any(|(s, _)| s.same_list(&o.source)) {
                    // A vendor's sheet added to the comparison by its name; else by its offer's.
                    let label = match &o.source {
                        Source::List(c) => vendors::list_name(c, lang),
                        _ => None,
                    }
                    .unwrap_or_else(|| format!("{}{}", lang.pick("价目表：", "Sheet: "), o.name));
                    sources.push((o.source.clone(), label));
                }
            }
        });
        sources
    });
    let n = Memo::new(move |_| draft.with(|d| d.offers.len()));
    view! {
        <fieldset class="rows offers">
            <legend>{tr(|t| t.vendors_offer)}</legend>
            {move || (0..n.get()).map(|i| view! { <OfferRow draft i sources /> }).collect_view()}
            <button type="button" class="ghost" id="vendors-add"
                disabled=move || { n.get() >= MAX_OFFERS }
                on:click=move |_| draft.update(|d| { d.add(); })>{tr(|t| t.vendors_add)}</button>
        </fieldset>
    }
}

/// Offer `i`: its name, its list, its service, and its terms.
#[component]
fn OfferRow(draft: RwSignal<VendorsDraft>, i: usize, sources: Memo<Vec<(Source, String)>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let source = Memo::new(move |_| draft.with(|d| d.offers.get(i).map(|o| o.source.clone())));
    let service = Memo::new(move |_| draft.with(|d| d.offers.get(i).map(|o| o.service.clone())));
    let source_options = move || {
        let now = source.get();
        sources
            .get()
            .into_iter()
            .enumerate()
            .map(|(k, (s, name))| {
                let chosen = now.as_ref().is_some_and(|now| s.same_list(now));
                view! { <option value=k.to_string() prop:selected=chosen>{name}</option> }
            })
            .collect_view()
    };
    let service_options = move || {
        let lang = state.lang.get();
        let now = service.get();
        source
            .get()
            .and_then(|s| {
                let list = s.catalog()?;
                Some(
                    list.services
                        .iter()
                        .map(|s| {
                            let chosen = now.as_deref() == Some(s.id.as_str());
                            view! { <option value=s.id.clone() prop:selected=chosen>{s.name.get(lang).to_string()}</option> }
                        })
                        .collect_view(),
                )
            })
    };
    let currency = Signal::derive(move || {
        source.with(|s| s.as_ref().and_then(Source::catalog).map_or_else(String::new, |c| c.currency.clone()))
    });
    // An offer priced from a sheet typed on the page: its prices can be put back into the form.
    let typed =
        Memo::new(move |_| source.with(|s| matches!(s, Some(Source::List(c)) if crate::app::custom::is_typed(c))));
    let typed_edit = use_context::<TypedEdit>();
    let edit_typed = move || {
        let lang = state.lang.get_untracked();
        let read = source.with_untracked(|s| match s {
            Some(Source::List(c)) => crate::app::custom::typed_draft(c, lang),
            _ => None,
        });
        let vat = draft.with_untracked(|d| d.offers.get(i).and_then(|o| o.vat));
        if let (Some((service, vendor, currency)), Some(TypedEdit(edit))) = (read, typed_edit) {
            edit.set(Some((service, vendor, currency, vat)));
            open_typed_sheet();
        }
    };
    view! {
        <div class="offer">
            <div class="row offer-row">
                <input type="text" aria-label=nth(|t| t.vendors_name, i)
                    prop:value=move || draft.with(|d| d.offers.get(i).map(|o| o.name.clone()).unwrap_or_default())
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        draft.try_update(|d| d.set_name(i, v));
                    } />
                <select aria-label=nth(|t| t.vendors_source, i)
                    on:change=move |ev| {
                        let picked = event_target_value(&ev).parse::<usize>().ok();
                        if let Some((s, _)) = picked.and_then(|k| sources.try_with_untracked(|all| all.get(k).cloned()).flatten()) {
                            draft.try_update(|d| d.set_source(i, s, state.lang.get_untracked()));
                        }
                    }>
                    {source_options}
                </select>
                <select aria-label=nth(|t| t.vendors_service, i)
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let estimate = state.with_untracked(|p| p.estimate());
                        draft.try_update(|d| d.pick_service(i, v, &estimate));
                    }>
                    {service_options}
                </select>
                <button type="button" class="ghost" disabled=move || draft.with(|d| d.offers.len() <= MIN_OFFERS)
                    aria-label=nth(|t| t.remove_row, i)
                    on:click=move |_| draft.update(|d| { d.remove(i); })>{tr(|t| t.remove_row)}</button>
            </div>
            {move || typed.get().then(|| view! {
                <button type="button" class="ghost small edit-typed" aria-label=nth(|t| t.vendors_typed_edit, i)
                    on:click=move |_| edit_typed()>{tr(|t| t.vendors_typed_edit)}</button>
            })}
            <OfferTerms draft i currency />
        </div>
    }
}

/// An offer's terms: its discount (and what it applies to) and its negotiated price, folded
/// away under a line that says them (open where it has any).
#[component]
fn OfferTerms(draft: RwSignal<VendorsDraft>, i: usize, currency: Signal<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let terms = Memo::new(move |_| {
        draft.with(|d| d.offers.get(i).map(|o| (o.discount, o.negotiated_price))).unwrap_or_default()
    });
    let all_calls = Memo::new(move |_| draft.with(|d| d.offers.get(i).is_some_and(|o| o.negotiated_all_calls)));
    let vat = Memo::new(move |_| draft.with(|d| d.offers.get(i).and_then(|o| o.vat)));
    let said = move || {
        let lang = state.lang.get();
        let t = texts(lang);
        let (d, p) = terms.get();
        let p = crate::engine::rating::Negotiated::of(p, all_calls.get());
        let now = vendors::terms_said(d, p, vat.get(), &currency.get(), lang);
        format!("{}{}{now}", t.vendors_terms, lang.pick("：", ": "))
    };
    let open = terms.with_untracked(|(d, p)| d.is_some() || p.is_some()) || vat.with_untracked(Option::is_some);
    let row = move |label: fn(&'static crate::app::text::Texts) -> &'static str| nth(label, i);
    let discount = Signal::derive(move || terms.get().0.map(|d| plain(d.percent)).unwrap_or_default());
    let price = Signal::derive(move || terms.get().1.map(plain).unwrap_or_default());
    let price_label = Signal::derive(move || {
        let lang = state.lang.get();
        fill(texts(lang).negotiated_price, &[("cur", format::currency_word(&currency.get(), lang))])
    });
    let price_aria = Signal::derive(move || format!("{} {}", price_label.get(), i + 1));
    let read_discount = Callback::new(move |text: String| {
        let p = if text.trim().is_empty() { None } else { Some(crate::app::input::parse_discount(&text)?) };
        draft.try_update(|d| d.set_discount(i, p));
        Ok(())
    });
    let read_price = Callback::new(move |text: String| {
        let p = if text.trim().is_empty() { None } else { Some(crate::app::input::parse_price(&text)?) };
        draft.try_update(|d| d.set_negotiated_price(i, p));
        Ok(())
    });
    view! {
        <details class="offer-terms" open=open>
            <summary class="small">{said}</summary>
            <div class="row pair-row">
                <NumberBox id=format!("vendors-discount-{i}") label=Signal::derive(move || texts(state.lang.get()).vendors_discount.to_string())
                    aria_label=Signal::derive(row(|t| t.vendors_discount)) value=discount read=read_discount placeholder="10" />
                <Show when=move || terms.get().0.is_some()>
                    <super::terms::ScopeSelect
                        id=format!("vendors-scope-{i}")
                        value=Signal::derive(move || terms.get().0.map_or(DiscountScope::All, |d| d.applies_to))
                        on_change=Callback::new(move |s| draft.update(|d| d.set_discount_scope(i, s))) />
                </Show>
                <NumberBox id=format!("vendors-negotiated-{i}") label=price_label aria_label=price_aria
                    value=price read=read_price placeholder="0.6" />
            </div>
            <label class="check negotiated-all">
                <input type="checkbox" id=format!("vendors-negotiated-all-{i}")
                    prop:checked=move || all_calls.get()
                    disabled=move || terms.get().1.is_none()
                    on:change=move |ev| {
                        let all = event_target_checked(&ev);
                        draft.update(|d| d.set_negotiated_all_calls(i, all));
                    } />
                {tr(|t| t.negotiated_all_calls)}
            </label>
            <VatFields draft i vat />
        </details>
    }
}

/// An offer's VAT: not stated, included in its prices or added on top ([`VatSelect`]), and its
/// rate.
#[component]
fn VatFields(draft: RwSignal<VendorsDraft>, i: usize, vat: Memo<Option<Vat>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let rate = Signal::derive(move || vat.get().map(|v| plain(v.percent)).unwrap_or_default());
    let read_rate = Callback::new(move |text: String| {
        let percent = crate::app::input::parse_vat_rate(&text)?;
        draft.try_update(|d| {
            let was = d.offers.get(i).and_then(|o| o.vat);
            d.set_vat(i, Some(Vat::retyped(was, percent)));
        });
        Ok(())
    });
    view! {
        <div class="row pair-row">
            <VatSelect id=format!("vendors-vat-{i}") aria_label=Signal::derive(nth(|t| t.vendors_vat, i)) value=vat
                on_change=Callback::new(move |v| draft.update(|d| d.set_vat(i, v))) />
            <Show when=move || vat.get().is_some()>
                <NumberBox id=format!("vendors-vat-rate-{i}") label=Signal::derive(move || texts(state.lang.get()).vat_rate.to_string())
                    aria_label=Signal::derive(nth(|t| t.vat_rate, i)) value=rate read=read_rate placeholder="6" />
            </Show>
        </div>
    }
}

/// What the comparison compares where an offer states its VAT: with it or before it.
#[component]
fn VatBasisField(draft: RwSignal<VendorsDraft>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let basis = Memo::new(move |_| draft.with(|d| d.vat_basis));
    let options = move || {
        let t = texts(state.lang.get());
        [(VatBasis::Paid, t.vat_basis_paid), (VatBasis::Net, t.vat_basis_net)]
            .into_iter()
            .map(|(b, label)| view! { <option value=b.word() selected=move || basis.get() == b>{label}</option> })
            .collect_view()
    };
    view! {
        <Show when=move || draft.with(VendorsDraft::states_vat)>
            <div class="field vat-basis">
                <label for="vendors-vat-basis">{tr(|t| t.vat_basis)}</label>
                <select id="vendors-vat-basis" on:change=move |ev| {
                    let b = if event_target_value(&ev) == "net" { VatBasis::Net } else { VatBasis::Paid };
                    draft.update(|d| d.set_vat_basis(b));
                }>{options}</select>
            </div>
        </Show>
    }
}

/// An offer under its name: its service, its plan and the buyer's terms it was priced with;
/// where part of the volume is priced by sales, how to compare it.
fn offer_words(
    v: &crate::engine::offers::VendorResult,
    first_month: Option<crate::engine::usage::Month>,
    source: &Source,
    other_work: bool,
    lang: Lang,
) -> String {
    let mut out = format!("{} · {}", v.service_name, vendors::plan_words(v, first_month, source, lang));
    if let Some(terms) = vendors::terms(v.discount, v.negotiated(), v.vat, &v.currency, lang) {
        out.push_str(" · ");
        out.push_str(&terms);
    }
    // A negotiated price only prices what the list leaves to sales: where it priced nothing, say so.
    if v.negotiated_price.is_some() && !v.quote.negotiated && v.total.is_some() {
        out.push_str(lang.pick(
            "（未用到：各用量均有标价；要以它代替标价，请勾选“用于每次调用”）",
            " (not used: every volume has a list price; to use it in place of them, tick \"for every call\")",
        ));
    }
    if v.plan.changes_commitment() {
        out.push_str(lang.pick("。", ". "));
        out.push_str(texts(lang).vendors_commitment_changes);
    }
    if v.total.is_none() {
        out.push_str(lang.pick("。", ". "));
        out.push_str(&fill(texts(lang).vendors_needs_price, &[("why", format::missing(v.quote.missing_price, lang))]));
    }
    if other_work {
        // After a sentence that ends with its own stop, only a space.
        let ended = out.ends_with('。') || out.ends_with('.');
        out.push_str(if ended { lang.pick("", " ") } else { lang.pick("。", ". ") });
        out.push_str(texts(lang).vendors_other_work);
    }
    out
}

/// The ranked offers, and the chart of their month costs.
fn results(c: Comparison, draft: RwSignal<VendorsDraft>, lang: Lang) -> AnyView {
    let t = texts(lang);
    let sources: Vec<Source> = draft.with_untracked(|d| d.offers.iter().map(|o| o.source.clone()).collect());
    let other_work = draft.with_untracked(VendorsDraft::other_work);
    let names: Vec<String> =
        c.vendors.iter().zip(&sources).map(|(v, s)| vendors::shown_name(&v.name, s, lang)).collect();
    // Two offers of one name (two services of Tencent Cloud) are told apart by their service, in
    // the table, the chart and its crossovers.
    let names: Vec<String> = names
        .iter()
        .zip(&c.vendors)
        .map(|(n, v)| {
            if names.iter().filter(|m| *m == n).count() > 1 {
                format!("{n}{}{}{}", lang.pick("（", " ("), v.service_name, lang.pick("）", ")"))
            } else {
                n.clone()
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..c.vendors.len()).collect();
    order.sort_by_key(|&i| (c.vendors[i].rank.unwrap_or(usize::MAX), i));
    let rows = order
        .iter()
        .map(|&i| {
            let v = &c.vendors[i];
            // Without a price: why (the list leaves it to sales, prices it on request, or lists
            // none), as the budget and the quote say it.
            let why = v.quote.missing_price;
            let money = |d, cur: &str| format::money_or(d, why, cur, lang);
            let converted = match (v.converted_range, v.converted_expected) {
                (Some(r), Some(x)) => Cell::num(money(Some(x), &c.currency)).with_sub(fill(
                    t.vendors_expected,
                    &[("lo", &money(r.low, &c.currency)), ("hi", &money(r.high, &c.currency))],
                )),
                _ => Cell::num(money(v.converted, &c.currency)),
            };
            // A phone drops the later columns: their per-call price and saving under the figure.
            let per_call = v.price_per_call.map(|p| format::unit_price_2(p, &c.currency, lang));
            // An offer of another kind of work saves nothing, however low its price.
            let other = other_work.get(i).copied().unwrap_or(false);
            let saving_vs_next = v.saving_vs_next.filter(|_| !other);
            // Its words and its amount may part on a phone (`Saves vs next` / `CNY 222,500.00`),
            // the amount never.
            let saving = saving_vs_next
                .map(|s| format!("{} {}", t.vendors_saving, money(Some(s), &c.currency).replace(' ', "\u{a0}")));
            // And the total in the offer's own currency, where that is another.
            // At the offer's own prices: where its VAT is stated, which side of it they are on
            // (the converted figure is on the comparison's basis).
            let side = v.vat.map(|vat| format::vat_side(vat.included, lang));
            let own_total = match side {
                Some(side) => format!("{} {side}", money(v.total, &v.currency)),
                None => money(v.total, &v.currency),
            };
            let own = (v.currency != c.currency).then(|| own_total.clone());
            // Each amount kept on one line (`38,094.95 元` never leaves its `元` alone).
            let whole = |p: String| p.replace(' ', "\u{a0}");
            let parts: Vec<String> = own.into_iter().chain(per_call).map(whole).chain(saving).collect();
            let converted = converted.with_narrow(parts.join(" · "));
            Row {
                class: if v.rank == Some(1) { "best" } else { "" },
                // The converted figure right after the offer: on a phone it is the one in view.
                cells: vec![
                    {
                        let rank = Cell::num(v.rank.map_or_else(|| "—".to_string(), |r| r.to_string()));
                        // Equal amounts share a rank, and each saves as much against the next dearer.
                        let tied = v.rank.is_some() && c.vendors.iter().filter(|o| o.rank == v.rank).count() > 1;
                        if tied { rank.with_sub(t.vendors_tie.to_string()) } else { rank }
                    },
                    Cell::head(names[i].clone()).with_sub(offer_words(v, c.first_month, &sources[i], other, lang)),
                    converted,
                    Cell::num(
                        v.price_per_call.map_or_else(String::new, |p| format::unit_price_2(p, &c.currency, lang)),
                    ),
                    Cell::num(saving_vs_next.map_or_else(String::new, |s| money(Some(s), &c.currency))),
                    Cell::num(own_total),
                ],
            }
        })
        .collect();
    let ranged = c.vendors.iter().any(|v| v.range.is_some());
    let head = vec![
        Cell::num(t.vendors_rank),
        Cell::text(t.vendors_offer),
        Cell::num(fill(
            if c.vendors.iter().any(|v| v.range.is_some()) {
                t.vendors_converted_expected
            } else {
                t.vendors_converted
            },
            &[("cur", &c.currency)],
        )),
        Cell::num(if ranged { t.vendors_per_call_likely } else { t.vendors_per_call }),
        Cell::num(t.vendors_saving),
        Cell::num(if ranged { t.vendors_total_likely } else { t.vendors_total }),
    ];
    let band = draft.with_untracked(|d| {
        let p = &d.profile;
        let low = p.calls_low.as_ref()?.iter().copied().min()?;
        let high = p.calls_high.as_ref()?.iter().copied().max()?;
        Some((low, high))
    });
    let figure = figures_offers(&c, &names, band, lang);
    let unlike = vendors::unlike_services(&c, lang).map(|s| view! { <p class="small warn unlike">{s}</p> });
    // The line the comparison follows, priced at the buyer's own plan in the estimate: its total
    // beside the first offer's, at its cheapest plan.
    let first = c.vendors.first().cloned().zip(names.first().cloned());
    let own_plan = move || {
        let state = use_context::<AppState>()?;
        let (v, name) = first.as_ref()?;
        // The line of that profile the first offer prices as the estimate does, but for its plan.
        let k = state.with(|p| {
            let (weights, custom) = (p.weights(), p.custom_catalog());
            p.lines().position(|(_, l)| {
                let terms = vendors::OwnTerms::of(l, p.discount(), p.vat());
                draft
                    .with_untracked(|d| d.profile.matches(&Profile::of(l, weights)) && d.prices_line(l, custom, &terms))
            })
        })?;
        let said = state.quotes.with(|qs| {
            let q = qs.get(k).and_then(|(_, q)| q.as_ref().ok())?;
            vendors::own_plan_words(v, name, k + 1, q, lang)
        })?;
        Some(view! { <p class="small own-plan">{said}</p> })
    };
    let basis = vendors::basis_words(&c, lang).map(|s| view! { <p class="small muted vat-basis-said">{s}</p> });

    // What the offers' prices rest on, said by the ranking (the full readings are in the notes).
    let caveats = draft
        .with_untracked(|d| vendors::headlines(&d.offers, lang))
        .into_iter()
        .map(|h| view! { <p class="small warn caveat">{h}</p> })
        .collect_view();
    let held = use_context::<AppState>()
        .and_then(|state| state.with_untracked(|p| vendors::held_words(p.lines().map(|(_, l)| l), lang)))
        .map(|s| view! { <p class="small muted held-left-out">{s}</p> });
    // Where the sheets' prices come from, and what they say of them.
    let notes = draft.with_untracked(|d| vendors::sheet_notes(&d.offers, lang));
    let notes = (!notes.is_empty()).then(|| {
        view! {
            <details class="vendors-sources small">
                <summary>{t.vendors_sources}</summary>
                {notes
                    .into_iter()
                    .map(|(name, said)| view! {
                        <p class="muted">{name}</p>
                        <ul>{said.into_iter().map(|s| {
                            let (before, link, after) = vendors::split_link(&s);
                            let (before, after) = (before.to_string(), after.to_string());
                            let link = link.map(|u| {
                                let (href, text) = (u.to_string(), u.to_string());
                                view! { <a href=href target="_blank" rel="noopener noreferrer">{text}</a> }
                            });
                            view! { <li>{before}{link}{after}</li> }
                        }).collect_view()}</ul>
                    })
                    .collect_view()}
            </details>
        }
    });
    view! {
        {table("vendors-table", String::new(), head, rows)}
        {own_plan}
        {basis}
        {caveats}
        {held}
        {unlike}
        {notes}
        <figure class="chart vendors-chart">
            <figcaption class="small muted">{t.vendors_chart_note}</figcaption>
            {figure_view(figure, "vendors-plot".to_string(), lang)}
        </figure>
    }
    .into_any()
}

fn figures_offers(
    c: &Comparison,
    names: &[String],
    band: Option<(u64, u64)>,
    lang: Lang,
) -> crate::app::figures::BreakEvenFigure {
    crate::app::figures::offers(c, names, band, lang)
}
