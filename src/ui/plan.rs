//! The planner's views of one line: the cheapest purchase plan beside postpaid only and the
//! visitor's own plan; the month-by-month chart of pack balance and cost; and the break-even
//! chart. The optimizer runs in a Web Worker (`crate::worker`) after edits settle, so typing is
//! never blocked; an answer for an estimate that has since changed is dropped.

use leptos::prelude::*;
use std::time::Duration;

use crate::app::jobs::{Answer, Answered, Failure, Latest, Outcome, Request};
use crate::app::text::{fill, texts};
use crate::app::{chart, figures, format};
use crate::engine::TooLargeSize;
use crate::engine::breakeven::BuyerTerms;
use crate::engine::catalog::Catalog;
use crate::engine::estimate::CustomCatalog;
use crate::engine::optimize::{Optimized, optimize_line_weighted, price_solution};
use crate::engine::terms::Case;
use crate::engine::terms::Weights;
use crate::engine::{EstimateError, Lang, Line, LineQuote};
use crate::worker;
use std::sync::Arc;

use super::i18n::tr;
use super::state::{AppState, ServiceRef, currency};
use super::steps::deferred;
use super::widgets::{Cell, Row, lazy_details, table};
use crate::app::page::LineId;

/// One run of the planner: what was asked, kept to price the answer with.
#[derive(Clone)]
struct Job {
    /// The panel's edit it was made for ([`Latest::edit`]): an answer to an older one is stale.
    generation: u64,
    line: Line,
    index: usize,
    weights: Weights,
    lang: Lang,
    catalog: Arc<Catalog>,
    custom: Option<CustomCatalog>,
}

/// The panel's state, shared by the callbacks of the worker's answers. Every access is a `try_`
/// one: an answer can arrive after the line (and the panel) is gone.
#[derive(Clone, Copy)]
struct Panel {
    result: RwSignal<Option<Result<Optimized, Failed>>>,
    /// Waiting for a plan.
    running: RwSignal<bool>,
    /// A plan is shown and its proof is still running.
    proving: RwSignal<bool>,
    /// No worker here: the optimizer runs on the page.
    on_page: RwSignal<bool>,
    /// How long the last run took, in ms, and when the page sent it and got the answer
    /// (`performance.now()`): read by the browser tests and scripts/bench-web.mjs.
    took: RwSignal<String>,
    sent: RwSignal<String>,
    answered: RwSignal<String>,
    /// Which job is in the worker and which waits (`crate::app::jobs`, tested natively).
    jobs: StoredValue<Latest<Job>>,
}

/// Why no plan is shown: said in the page's language when it is drawn.
#[derive(Clone)]
enum Failed {
    /// Past what the optimizer solves exactly in a tab.
    TooLarge(TooLargeSize),
    /// The line's service is not in the list in force (its quote says so).
    NoService,
    /// Anything else, as the engine says it.
    Other(String),
}

impl Failed {
    fn of(f: Failure) -> Failed {
        if f.code == "unknown_service" {
            return Failed::NoService;
        }
        f.too_large.map_or(Failed::Other(f.message), Failed::TooLarge)
    }

    fn text(&self, lang: Lang) -> String {
        match self {
            Failed::TooLarge(size) => format::too_large(size, lang),
            Failed::NoService => texts(lang).opt_no_service.to_string(),
            Failed::Other(m) => format!("{}{}{m}", texts(lang).opt_failed, lang.pick("：", ": ")),
        }
    }
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

impl Panel {
    /// Sends `job` to the worker, or keeps it while another is there.
    fn submit(self, job: Job) {
        if let Some(Some(job)) = self.jobs.try_update_value(|q| q.submit(job)) {
            self.send(job);
        }
    }

    /// Sends `job` to the worker, or (no worker) runs it here.
    fn send(self, job: Job) {
        let start = now();
        let (mine, fallback) = (job.clone(), job.clone());
        let request = |seq| Request::plan(seq, job.index, &job.line, job.weights, job.custom.as_ref()).to_json();
        let sent = worker::run(
            request,
            move |answer, _| self.answer(&mine, start, answer),
            move || {
                // The worker is gone: the newest job waiting, else this one, runs here (unless
                // the panel is gone too).
                if self.result.is_disposed() {
                    return;
                }
                if let Some(job) = self.jobs.try_update_value(|q| q.worker_gone(fallback.clone())) {
                    self.here(job);
                }
            },
        );
        if sent {
            self.sent.try_set(chart::num(now()));
        } else {
            let _ = self.jobs.try_update_value(|q| q.not_sent());
            self.here(job);
        }
    }

    fn answer(self, job: &Job, start: f64, a: Answer) {
        self.on_page.try_set(false);
        if a.last {
            self.answered.try_set(chart::num(now()));
        }
        match self.jobs.try_update_value(|q| q.answer(job.generation, a.last)) {
            Some(Answered::Show) => {}
            Some(Answered::Next(next)) => return self.send(next),
            Some(Answered::Drop) | None => return,
        }
        let r = match a.outcome {
            Outcome::Solution(s) => price_solution(&job.catalog, &job.line, job.index, job.weights, job.lang, &s)
                .map_err(|e| Failed::of(Failure::of(&e))),
            Outcome::Failed(f) => Err(Failed::of(f)),
            Outcome::Optimized | Outcome::Usage(_) => {
                Err(Failed::Other("the background worker answered another request".to_string()))
            }
        };
        self.proving.try_set(!a.last);
        self.result.try_set(Some(r));
        if a.last {
            self.running.try_set(false);
            self.took.try_set(chart::num(now() - start));
        }
    }

    /// The optimizer on the page's thread: where workers are missing or failed.
    fn here(self, job: Job) {
        self.on_page.try_set(true);
        let start = now();
        let r = optimize_line_weighted(&job.catalog, &job.line, job.index, job.weights, job.lang)
            .map_err(|e| Failed::of(Failure::of(&e)));
        self.took.try_set(chart::num(now() - start));
        self.result.try_set(Some(r));
        self.proving.try_set(false);
        self.running.try_set(false);
    }
}

/// The cheapest plan, found in a Web Worker after edits settle (on the page where workers are
/// missing, which the panel then says).
#[component]
pub fn OptimizerPanel(id: LineId, line: Memo<Option<Line>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let panel = Panel {
        result: RwSignal::new(None),
        running: RwSignal::new(false),
        proving: RwSignal::new(false),
        on_page: RwSignal::new(!worker::available()),
        took: RwSignal::new(String::new()),
        sent: RwSignal::new(String::new()),
        answered: RwSignal::new(String::new()),
        jobs: StoredValue::new(Latest::default()),
    };
    let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let terms_invalid = state.terms_invalid();
    // The estimate's discount and case weights (one memo for every line).
    let terms = state.terms;
    Effect::new(move |_| {
        let Some(l) = line.get() else { return };
        let (discount, weights) = terms.get();
        let l = l.with_discount_of(discount).into_owned();
        // Read here, not inside the timeout: a timeout runs outside the component's owner, where
        // `catalog()` cannot see the app's context and would fall back to the built-in list.
        // Tracked, so loading another price list re-runs the planner.
        let generation = panel.jobs.try_update_value(|q| q.edit()).unwrap_or_default();
        let job = Job {
            generation,
            line: l,
            index: state.index_of(id).unwrap_or(0),
            weights,
            lang: state.lang.get(),
            catalog: state.catalog.get().0,
            custom: state.with_untracked(|p| p.custom_catalog().cloned()),
        };
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        panel.running.set(true);
        // A short pause, so a burst of keystrokes sends one request.
        let handle = set_timeout_with_handle(move || panel.submit(job), Duration::from_millis(150));
        pending.set_value(handle.ok());
    });
    on_cleanup(move || {
        if let Some(h) = pending.get_value() {
            h.clear();
        }
    });

    let body = move || {
        let lang = state.lang.get();
        let t = texts(lang);
        match panel.result.get() {
            None => view! { <p class="muted small">{t.opt_running}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error-box">{e.text(lang)}</p> }.into_any(),
            Some(Ok(o)) => optimized_view(o, line.get_untracked().unwrap_or_else(|| Line::new("", vec![0])), id, lang),
        }
    };
    let status = move || {
        let t = texts(state.lang.get());
        let text = if panel.proving.get() {
            Some(t.opt_proving)
        } else if panel.running.get() && panel.result.with(Option::is_some) {
            Some(t.opt_running)
        } else {
            None
        };
        text.map(|x| view! { <p class="muted small status" role="status">{x}</p> })
    };
    view! {
        <section
            class="optimizer"
            aria-busy=move || if panel.running.get() { "true" } else { "false" }
            data-ms=move || panel.took.get()
            data-sent=move || panel.sent.get()
            data-answered=move || panel.answered.get()
            data-where=move || if panel.on_page.get() { "page" } else { "worker" }
        >
            <h4 tabindex="-1">{move || texts(state.lang.get()).optimizer}</h4>
            // One live region for the panel's life (one made afresh with each answer is often
            // not read): what the plan saves, or why there is none.
            <p class="visually-hidden" role="status">
                {move || {
                    let lang = state.lang.get();
                    panel.result.with(|r| match r {
                        Some(Ok(o)) => line.with_untracked(|l| {
                            savings_text(o, l.as_ref().is_some_and(|l| is_yours(o, l)), lang)
                        }),
                        Some(Err(e)) => e.text(lang),
                        None => String::new(),
                    })
                }}
            </p>
            {move || panel.on_page.get().then(|| view! { <p class="small muted on-page">{texts(state.lang.get()).opt_on_page}</p> })}
            <Show when=move || terms_invalid.get()>
                <p class="warn-box">{tr(|t| t.terms_have_errors)}</p>
            </Show>
            {status}
            {body}
        </section>
    }
}

/// A plan in words ([`format::plan_words`]), its commitments named as the page's list names them.
fn plan_text(line: &Line, lang: Lang) -> String {
    let service = super::state::service(&line.service);
    format::plan_words(line, service.as_deref(), lang)
}

/// Whether the cheapest plan is the one the visitor has (its packs and commitments).
fn is_yours(o: &Optimized, yours: &Line) -> bool {
    o.line.packs == yours.packs && o.line.commitments == yours.commitments
}

/// What the plan saves against the visitor's and against postpaid only, in one sentence (shown
/// under the plans, and announced).
fn savings_text(o: &Optimized, same: bool, lang: Lang) -> String {
    let t = texts(lang);
    let currency = currency();
    let mut savings = Vec::new();
    // A range's plans are compared by their expected cost, which is what is saved.
    let (yours, postpaid) = if o.range.is_some() {
        (t.opt_saving_expected, t.opt_saving_postpaid_expected)
    } else {
        (t.opt_saving, t.opt_saving_postpaid)
    };
    match o.saving_vs_yours {
        Some(s) if s > rust_decimal::Decimal::ZERO => {
            savings.push(fill(yours, &[("x", &format::amount_with_currency(s, currency.as_str(), lang))]))
        }
        // "Already the cheapest" only where no cheaper plan can exist: a plan shown while the
        // search runs on, or where it stopped short, is the cheapest found.
        _ if same || o.saving_vs_yours.is_some_and(|s| s.is_zero()) => {
            savings.push(if o.proven_optimal { t.opt_same } else { t.opt_same_found }.to_string())
        }
        // The search does not start from the visitor's plan: a plan shown while it runs (or where
        // it stopped short) can cost more than theirs, and is then not offered.
        Some(s) if s < rust_decimal::Decimal::ZERO => savings
            .push(fill(t.opt_yours_cheaper, &[("x", &format::amount_with_currency(-s, currency.as_str(), lang))])),
        _ => {}
    }
    if let Some(s) = o.saving_vs_postpaid_only.filter(|s| *s > rust_decimal::Decimal::ZERO) {
        savings.push(fill(postpaid, &[("x", &format::amount_with_currency(s, currency.as_str(), lang))]));
    }
    savings.join(lang.pick("；", "; "))
}

/// The plans side by side; `yours` is the line as the visitor has it.
fn optimized_view(o: Optimized, yours: Line, id: LineId, lang: Lang) -> AnyView {
    let state = expect_context::<AppState>();
    let t = texts(lang);
    let currency = currency();
    // With a range of volumes the plans are compared by their expected cost.
    let weights = o.range.as_ref().map(|s| s.weights);
    let money = |q: &LineQuote| {
        let total = match (weights, q.range) {
            (Some(w), Some(r)) => w.expected(&r),
            _ => q.total,
        };
        format::money(total, currency.as_str(), lang)
    };
    let same = is_yours(&o, &yours);
    // A plan that refuses calls (postpaid off) says so under its cost, which is for fewer calls;
    // where postpaid refuses calls (switched off, or none in the list), "postpaid only" is no
    // plan at all and is left out.
    let total = |q: &LineQuote| {
        let refused = if q.refused_calls > 0 {
            fill(t.refuses, &[("n", &format::calls(q.refused_calls, lang))])
        } else {
            String::new()
        };
        Cell::num(money(q)).with_sub(refused)
    };
    let rows = [
        Some((t.opt_cheapest, plan_text(&o.line, lang), total(&o.quote), "best")),
        (o.postpaid_only.refused_calls == 0)
            .then(|| (t.opt_postpaid, t.opt_no_packs.to_string(), total(&o.postpaid_only), "")),
        Some((t.opt_yours, plan_text(&yours, lang), total(&o.yours), "")),
    ]
    .into_iter()
    .flatten()
    .map(|(name, plan, total, class)| Row { class, cells: vec![Cell::head(name).with_sub(plan), total] })
    .collect();
    let head = vec![Cell::text(t.opt_plan), Cell::num(if weights.is_some() { t.expected_cost } else { t.line_total })];
    let savings = savings_text(&o, same, lang);
    let hindsight = crate::app::usage::is_history(&yours).then(|| hindsight_view(&o, &yours, lang));
    let plan = (o.line.packs.clone(), o.line.commitments.clone());
    let (cheapest, calendar, range) = (o.quote.clone(), o.line.calendar().to_vec(), o.range.clone());
    let why = o.explanation.clone();
    let can_apply = !same && o.saving_vs_yours.is_none_or(|s| s > rust_decimal::Decimal::ZERO);
    let caption = weights.map_or_else(String::new, |w| {
        let f = |d: rust_decimal::Decimal| d.normalize().to_string();
        fill(t.expected_caption, &[("low", &f(w.low)), ("likely", &f(w.likely)), ("high", &f(w.high))])
    });
    view! {
        {table("plans", caption, head, rows)}
        <p class="saving">{savings}</p>
        {o.range.as_ref().map(|s| cases_view(s, lang))}
        <p class="small muted why">{o.explanation.clone()}</p>
        {hindsight}
        <div class="actions plan-actions">
        {can_apply
            .then(|| {
                view! {
                    <button
                        type="button"
                        class="primary apply"
                        on:click=move |_| {
                            let (packs, commitments) = plan.clone();
                            state.edit(id, move |l| {
                                l.packs = packs;
                                l.commitments = commitments;
                            });
                            // The button goes with the plan it offered: the focus stays in the panel.
                            super::browser::focus_soon(format!(
                                "article[aria-labelledby=\"{}\"] .optimizer h4",
                                super::state::line_heading(id)
                            ));
                        }
                    >
                        {t.opt_apply}
                    </button>
                }
            })}
        <button type="button" class="plan-csv" on:click=move |_| {
            let n = state.with_untracked(|p| p.index_of(id)).map_or(1, |i| i + 1);
            plan_csv(&cheapest, range.as_ref(), &why, &calendar, n, lang)
        }>
            {t.opt_csv}
        </button>
        </div>
    }
    .into_any()
}

/// The cheapest plan month by month as the quote's CSV (the same columns as the whole quote's).
fn plan_csv(
    quote: &LineQuote,
    range: Option<&crate::engine::optimize::RangePlan>,
    why: &str,
    calendar: &[crate::engine::usage::Month],
    n: usize,
    lang: Lang,
) {
    let catalog = super::state::catalog();
    // The estimate's VAT split the plan's total as it splits the estimate's.
    let vat = expect_context::<AppState>().with_untracked(crate::app::page::Page::vat);
    if let Ok(q) = crate::engine::Quote::of_lines(&catalog, vec![quote.clone()], lang) {
        let text = crate::app::csv::line_csv(&q.with_vat(vat), calendar, n, lang)
            + &range.map(|r| crate::app::csv::range_plan_rows(r, lang)).unwrap_or_default()
            + &crate::app::csv::plan_why_row(why, lang)
            + &crate::app::csv::exported_on(&super::browser::today(), lang);
        super::browser::download("packwise-cheapest-plan.csv", "text/csv;charset=utf-8", &text);
    }
}

/// A usage history priced three ways, month by month: postpaid only, the visitor's plan (where
/// the line has one) and the cheapest plan, chosen knowing the volumes.
fn hindsight_view(o: &Optimized, yours: &Line, lang: Lang) -> AnyView {
    use crate::engine::usage::hindsight;
    let t = texts(lang);
    let currency = currency();
    let h = hindsight::of(yours, &yours.usage_months, o);
    let own = hindsight::has_own_plan(yours);
    // The currency once, in the headers: the columns stay narrow enough for a phone.
    let amount = |a: Option<rust_decimal::Decimal>| format::amount(a, lang);
    let word = crate::engine::money::currency_word(currency.as_str(), lang);
    let head_money =
        |name: &str| Cell::num(format!("{name}{}", lang.pick(&format!("（{word}）"), &format!(" ({word})"))));
    let mut head = vec![Cell::text(t.usage_month), Cell::num(t.usage_calls), head_money(t.hindsight_postpaid)];
    if own {
        head.push(head_money(t.hindsight_yours));
    }
    head.push(head_money(t.hindsight_cheapest));
    let mut rows: Vec<Row> = h
        .months
        .iter()
        .map(|m| {
            let mut cells = vec![
                Cell::head(m.month.map(|m| m.to_string()).unwrap_or_default()),
                Cell::num(crate::engine::money::group_u64(m.calls)),
                Cell::num(amount(m.postpaid_only)),
            ];
            if own {
                cells.push(Cell::num(amount(m.yours)));
            }
            cells.push(Cell::num(amount(m.cheapest)));
            Row { class: "", cells }
        })
        .collect();
    let calls: u64 = h.months.iter().map(|m| m.calls).sum();
    let mut total = vec![
        Cell::head(t.hindsight_total),
        Cell::num(crate::engine::money::group_u64(calls)),
        Cell::num(amount(h.postpaid_only)),
    ];
    if own {
        total.push(Cell::num(amount(h.yours)));
    }
    total.push(Cell::num(amount(h.cheapest)));
    rows.push(Row { class: "total", cells: total });
    let note = fill(t.hindsight_note, &[("plan", &plan_text(&o.line, lang))]);
    view! {
        <details class="hindsight" open>
            <summary>{t.hindsight}</summary>
            {table("hindsight-table", String::new(), head, rows)}
            <p class="small muted">{note}</p>
        </details>
    }
    .into_any()
}

/// The plan in each case of an uncertain volume, against the best plan for that case alone.
fn cases_view(s: &crate::engine::optimize::RangePlan, lang: Lang) -> AnyView {
    let t = texts(lang);
    let currency = currency();
    let money = |d| format::money(d, currency.as_str(), lang);
    let rows = s
        .cases
        .iter()
        .map(|c| {
            let name = format::case_name(c.case, lang);
            // What deciding up front wastes in this case: calls refused, pack calls expiring.
            let mut said = Vec::new();
            if c.refused_calls > 0 {
                said.push(fill(t.refuses, &[("n", &format::calls(c.refused_calls, lang))]));
            }
            if c.expired_calls > 0 {
                said.push(fill(t.case_expires, &[("n", &format::calls(c.expired_calls, lang))]));
            }
            let refused = said.join(lang.pick("；", "; "));
            Row {
                class: "",
                cells: vec![
                    Cell::head(name).with_sub(format::calls(c.calls, lang)),
                    // On a phone the last two columns are dropped: what they say, under the cost.
                    Cell::num(money(c.total)).with_sub(refused).with_narrow(format!(
                        "{} {}\n{} {}",
                        t.best_alone,
                        money(c.best_alone),
                        t.regret,
                        money(c.regret)
                    )),
                    Cell::num(money(c.best_alone)),
                    Cell::num(money(c.regret)),
                ],
            }
        })
        .collect();
    let head = vec![Cell::text(t.case_col), Cell::num(t.opt_cheapest), Cell::num(t.best_alone), Cell::num(t.regret)];
    table("cases", format!("{}{}{}", t.expected_cost, lang.pick("：", ": "), money(s.expected)), head, rows)
}

/// Monthly cost (bars, left axis) and pack balance at month end (line, right axis).
#[component]
pub fn PlannerChart(
    quote: Memo<Option<Result<LineQuote, EstimateError>>>,
    calendar: Memo<Vec<crate::engine::usage::Month>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    // Built again in a task of its own after an edit or a switch of language (see `deferred`),
    // once for both (a switch prices the lines again).
    let later = deferred(Memo::new(move |_| (quote.get(), calendar.get(), state.lang.get())));
    move || {
        // Read here, not once when the chart was made: a list loaded since may price in
        // another currency (the legend and the bars' labels said CNY for a USD list).
        let currency = currency();
        let Some(f) = later.with(|(q, calendar, lang)| match q {
            Some(Ok(q)) => figures::planner(q, calendar, currency.as_str(), *lang),
            _ => None,
        }) else {
            return ().into_any();
        };
        let ticks = |ls: Vec<figures::Label>, class: &'static str, anchor: &'static str| {
            ls.into_iter()
                .map(|l| view! { <text class=class x=l.x y=l.y text-anchor=anchor>{l.text}</text> })
                .collect_view()
        };
        let bars = f
            .bars
            .into_iter()
            .map(|b| {
                view! {
                    <rect class="bar" x=b.x y=b.y width=b.width height=b.height>
                        <title>{b.title}</title>
                    </rect>
                }
            })
            .collect_view();
        let bands =
            f.bands.into_iter().map(|b| view! { <line class="band" x1=b.x1 y1=b.y1 x2=b.x2 y2=b.y2 /> }).collect_view();
        let legend_band =
            f.legend_band.map(|l| view! { <span class="item"><span class="swatch band"></span>{l}</span> });
        let a = f.axis;
        let m = f.month_title;
        view! {
            <figure class="chart planner-chart">
                <figcaption>{f.caption}</figcaption>
                <svg viewBox=figures::VIEW_BOX role="img" aria-label=f.caption>
                    <line class="axis" x1=a.x1 y1=a.y1 x2=a.x2 y2=a.y2 />
                    {bars}
                    {bands}
                    {(!f.balance.is_empty()).then(|| view! { <path class="balance" d=f.balance.clone() /> })}
                    {ticks(f.cost_ticks, "tick", "end")}
                    {ticks(f.balance_ticks, "tick bal", "start")}
                    {ticks(f.month_ticks, "tick", "middle")}
                    <text class="tick" x=m.x y=m.y text-anchor="middle">{m.text}</text>
                </svg>
                <p class="legend small">
                    <span class="item"><span class="swatch bar"></span>{f.legend_cost}</span>
                    {(!f.legend_balance.is_empty()).then(|| view! { <span class="item"><span class="swatch balance"></span>{f.legend_balance}</span> })}
                    {legend_band}
                </p>
            </figure>
        }
        .into_any()
    }
}

/// Cost against a month's volume for postpaid only, one pack of each size, and the cheapest
/// combination, with the break-even volumes marked (focusable, with their values), and the data as
/// a table for screen readers.
#[component]
pub fn BreakEvenChart(id: LineId, line: Memo<Option<Line>>, service: ServiceRef) -> impl IntoView {
    let state = expect_context::<AppState>();
    let product = service.catalog().packs_of(&service).cloned();
    let currency = service.currency();
    // The buyer's terms as the line is priced: its negotiated price and the discount it gets.
    let terms = Memo::new(move |_| {
        let estimate = state.with(|p| p.discount());
        line.with(|l| l.as_ref().map(|l| BuyerTerms::of(l, estimate)).unwrap_or_default())
    });
    // Opened where the line's months are (its high case's largest).
    let volume =
        line.with_untracked(|l| l.as_ref().and_then(|l| l.calls_of(Case::High).iter().copied().max()).unwrap_or(0));
    let (ranges, open) = figures::breakeven_ranges(&service, product.as_ref(), terms.get_untracked(), volume);
    let range = RwSignal::new(open);
    let clip_id = format!("be-plot-{id}");
    // The line's monthly volume from its low to its high case, if it gives a range.
    let band = Memo::new(move |_| {
        line.with(|l| {
            let l = l.as_ref()?;
            let low = l.calls_of(Case::Low).iter().copied().min()?;
            let high = l.calls_of(Case::High).iter().copied().max()?;
            l.has_range().then_some((low, high))
        })
    });
    // Drawn again in a task of its own after an edit or a switch of language (see `deferred`).
    let later = deferred(Memo::new(move |_| (band.get(), terms.get(), state.lang.get())));
    let render = move || {
        let (band, terms, lang) = later.get();
        let f = figures::breakeven(&service, product.as_ref(), terms, range.get(), band, currency.as_str(), lang);
        figure_view(f, clip_id.clone(), lang)
    };
    // Built when the visitor first opens it (or prints): closed, the chart costs the first load
    // nothing.
    let body = move || {
        let range_buttons = ranges
            .clone()
            .into_iter()
            .map(|r| {
                view! {
                    <button type="button" aria-pressed=move || if range.get() == r { "true" } else { "false" } on:click=move |_| range.set(r)>
                        {move || figures::range_label(r, state.lang.get())}
                    </button>
                }
            })
            .collect_view();
        view! {
            <p class="small muted">{move || texts(state.lang.get()).be_horizon}</p>
            <div class="ranges" role="group" aria-label=move || texts(state.lang.get()).be_range>{range_buttons}</div>
            <figure class="chart">{render.clone()}</figure>
        }
    };
    lazy_details("breakeven", move || texts(state.lang.get()).breakeven, true, body)
}

/// A chart of month costs against the monthly volume (the break-even chart, offers compared):
/// its curves, marked volumes, ticks, legend, what the marks say and the data as a table.
pub fn figure_view(f: figures::BreakEvenFigure, clip_id: String, lang: Lang) -> AnyView {
    let band = f.band.map(|(r, words)| {
        view! {
            <rect class="band" x=r.x y=r.y width=r.width height=r.height>
                <title>{words}</title>
            </rect>
        }
    });
    let paths = f
        .curves
        .iter()
        .map(|c| view! { <path class=c.class.clone() d=c.d.clone()><title>{c.name.clone()}</title></path> })
        .collect_view();
    let markers = f
        .markers
        .into_iter()
        .map(|m| {
            let aria = m.text.clone();
            view! {
                <g class="marker" tabindex="0" role="img" aria-label=aria>
                    <circle cx=m.cx cy=m.cy r="5"></circle>
                    {(!m.value.text.is_empty()).then(|| view! { <text x=m.value.x y=m.value.y>{m.value.text}</text> })}
                    <title>{m.text}</title>
                </g>
            }
        })
        .collect_view();
    let ticks = |ls: Vec<figures::Label>, anchor: &'static str| {
        ls.into_iter()
            .map(|l| view! { <text class="tick" x=l.x y=l.y text-anchor=anchor>{l.text}</text> })
            .collect_view()
    };
    let legend =
        f.curves.into_iter().map(|c| view! { <span class=format!("key {}", c.class)>{c.name}</span> }).collect_view();
    let facts = f.facts.into_iter().map(|s| view! { <li>{s}</li> }).collect_view();
    let head = f.table_head.into_iter().map(Cell::text).collect();
    let rows = f
        .table_rows
        .into_iter()
        .map(|(calls, cells)| Row {
            class: "",
            cells: std::iter::once(Cell::head_num(calls)).chain(cells.into_iter().map(Cell::num)).collect(),
        })
        .collect();
    let data = table("be-data", String::new(), head, rows);
    let (c, xa, ya, xt, yt) = (f.clip, f.x_axis, f.y_axis, f.x_title, f.y_title);
    view! {
        <svg viewBox=figures::VIEW_BOX role="group" aria-label=f.title>
            <defs>
                <clipPath id=clip_id.clone()>
                    <rect x=c.x y=c.y width=c.width height=c.height />
                </clipPath>
            </defs>
            {band}
            <line class="axis" x1=xa.x1 y1=xa.y1 x2=xa.x2 y2=xa.y2 />
            <line class="axis" x1=ya.x1 y1=ya.y1 x2=ya.x2 y2=ya.y2 />
            <g clip-path=format!("url(#{clip_id})")>{paths}</g>
            {markers}
            {ticks(f.x_ticks, "middle")}
            {ticks(f.y_ticks, "end")}
            <text class="tick" x=xt.x y=xt.y text-anchor="middle">{xt.text}</text>
            <text class="tick" x=yt.x.clone() y=yt.y.clone() text-anchor="middle"
                transform=format!("rotate(-90 {} {})", yt.x, yt.y)>{yt.text}</text>
        </svg>
        <p class="legend small">{legend}</p>
        <ul class="small facts">{facts}</ul>
        <details class="notes">
            <summary>{texts(lang).be_table}</summary>
            {data}
        </details>
    }
    .into_any()
}
