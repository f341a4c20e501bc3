//! The planner's views of one line: the cheapest purchase plan beside postpaid only and the
//! visitor's own plan; the month-by-month chart of pack balance and cost; and the break-even
//! chart. The optimizer runs a quarter-second after the last edit, so typing stays fluid.

use leptos::prelude::*;
use std::time::Duration;

use crate::app::chart::{self, Scale};
use crate::app::format;
use crate::app::text::{fill, texts};
use crate::engine::breakeven::{self, CurveKind};
use crate::engine::money::{group_u64, yuan};
use crate::engine::optimize::{Optimized, optimize_line};
use crate::engine::{EstimateError, Lang, Line, LineQuote};

use super::state::{AppState, ServiceRef, catalog, currency};
use crate::app::page::LineId;

/// The cheapest plan, found after edits settle.
#[component]
pub fn OptimizerPanel(id: LineId, line: Memo<Option<Line>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let result: RwSignal<Option<Result<Optimized, EstimateError>>> = RwSignal::new(None);
    let running = RwSignal::new(false);
    // How long the last run took, in ms (read by scripts/bench-web.mjs from `data-ms`).
    let took = RwSignal::new(String::new());
    let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    Effect::new(move |_| {
        let Some(l) = line.get() else { return };
        let lang = state.lang.get();
        // Read here, not inside the timeout: a timeout runs outside the component's owner, where
        // `catalog()` cannot see the app's context and would fall back to the built-in list.
        // Tracked, so loading another price list re-runs the planner.
        let cat = state.catalog.get().0;
        let index = state.index_of(id).unwrap_or(0);
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        running.set(true);
        let handle = set_timeout_with_handle(
            move || {
                let clock = web_sys::window().and_then(|w| w.performance());
                let start = clock.as_ref().map_or(0.0, |p| p.now());
                let r = optimize_line(&cat, &l, index, lang);
                let end = clock.as_ref().map_or(0.0, |p| p.now());
                took.set(chart::num(end - start));
                result.set(Some(r));
                running.set(false);
            },
            Duration::from_millis(250),
        );
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
        match result.get() {
            None => view! { <p class="muted small">{t.opt_running}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error-box">{format!("{}: {e}", t.opt_failed)}</p> }.into_any(),
            Some(Ok(o)) => optimized_view(o, line.get_untracked().unwrap_or_else(|| Line::new("", vec![0])), id, lang),
        }
    };
    view! {
        <section
            class="optimizer"
            aria-busy=move || if running.get() { "true" } else { "false" }
            data-ms=move || took.get()
        >
            <h4>{move || texts(state.lang.get()).optimizer}</h4>
            {body}
        </section>
    }
}

fn plan_text(line: &Line, lang: Lang) -> String {
    let t = texts(lang);
    if line.packs.is_empty() {
        return t.opt_no_packs.to_string();
    }
    line.packs
        .iter()
        .map(|p| {
            fill(
                t.opt_buy,
                &[("m", &p.month.to_string()), ("n", &group_u64(p.count)), ("size", &format::pack_size(p.size, lang))],
            )
        })
        .collect::<Vec<_>>()
        .join(lang.pick("；", "; "))
}

/// The plans side by side; `yours` is the line as the visitor has it.
fn optimized_view(o: Optimized, yours: Line, id: LineId, lang: Lang) -> AnyView {
    let state = expect_context::<AppState>();
    let t = texts(lang);
    let currency = currency();
    let money = |q: &LineQuote| format::money(q.total, currency.as_str(), lang);
    let same = o.line.packs == yours.packs;
    let rows = [
        (t.opt_cheapest, plan_text(&o.line, lang), money(&o.quote), "best"),
        (t.opt_postpaid, t.opt_no_packs.to_string(), money(&o.postpaid_only), ""),
        (t.opt_yours, plan_text(&yours, lang), money(&o.yours), ""),
    ]
    .into_iter()
    .map(|(name, plan, total, class)| {
        view! {
            <tr class=class>
                <th scope="row">{name}<span class="sub">{plan}</span></th>
                <td class="num">{total}</td>
            </tr>
        }
    })
    .collect_view();
    let mut savings = Vec::new();
    match o.saving_vs_yours {
        Some(s) if s > rust_decimal::Decimal::ZERO => {
            savings.push(fill(t.opt_saving, &[("x", &format::amount_with_currency(s, currency.as_str(), lang))]))
        }
        _ if same || o.saving_vs_yours.is_some_and(|s| s.is_zero()) => savings.push(t.opt_same.to_string()),
        _ => {}
    }
    if let Some(s) = o.saving_vs_postpaid_only.filter(|s| *s > rust_decimal::Decimal::ZERO) {
        savings.push(fill(t.opt_saving_postpaid, &[("x", &format::amount_with_currency(s, currency.as_str(), lang))]));
    }
    let plan = o.line.packs.clone();
    let can_apply = !same && o.saving_vs_yours.is_none_or(|s| !s.is_zero());
    view! {
        <div class="table-wrap">
            <table class="plans">
                <thead>
                    <tr>
                        <th scope="col">{t.opt_plan}</th>
                        <th scope="col" class="num">{t.line_total}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p class="saving">{savings.join(lang.pick("；", "; "))}</p>
        <p class="small muted why">{o.explanation.clone()}</p>
        {can_apply
            .then(|| {
                view! {
                    <button
                        type="button"
                        class="primary apply"
                        on:click=move |_| {
                            let plan = plan.clone();
                            state.edit(id, move |l| l.packs = plan);
                        }
                    >
                        {t.opt_apply}
                    </button>
                }
            })}
    }
    .into_any()
}

const W: f64 = 640.0;
const H: f64 = 240.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 64.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;

/// Monthly cost (bars, left axis) and pack balance at month end (line, right axis).
#[component]
pub fn PlannerChart(quote: Memo<Option<Result<LineQuote, EstimateError>>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let Some(Ok(q)) = quote.get() else { return ().into_any() };
        if q.months.len() < 2 {
            return ().into_any();
        }
        let lang = state.lang.get();
        let t = texts(lang);
        let n = q.months.len() as f64;
        let costs: Vec<f64> =
            q.months.iter().map(|m| chart::f(m.packs_bought + m.postpaid_cost.unwrap_or_default())).collect();
        let balances: Vec<f64> = q.months.iter().map(|m| m.balance as f64).collect();
        let cost_ticks = chart::ticks(costs.iter().cloned().fold(0.0, f64::max), 4);
        let bal_ticks = chart::ticks(balances.iter().cloned().fold(0.0, f64::max), 4);
        let x = Scale::new((0.0, n), (LEFT, W - RIGHT));
        let yc = Scale::new((0.0, *cost_ticks.last().unwrap_or(&1.0)), (H - BOTTOM, TOP));
        let yb = Scale::new((0.0, *bal_ticks.last().unwrap_or(&1.0)), (H - BOTTOM, TOP));
        let bw = ((W - LEFT - RIGHT) / n * 0.6).max(1.0);
        let bars = q
            .months
            .iter()
            .zip(&costs)
            .map(|(m, c)| {
                let x0 = x.at(m.month as f64 - 0.5) - bw / 2.0;
                let y0 = yc.at(*c);
                let label = format!(
                    "{} {}: {}",
                    t.month,
                    m.month,
                    format::money(m.postpaid_cost.map(|p| p + m.packs_bought), catalog().currency.as_str(), lang)
                );
                view! {
                    <rect class="bar" x=chart::num(x0) y=chart::num(y0) width=chart::num(bw)
                        height=chart::num((H - BOTTOM - y0).max(0.0))>
                        <title>{label}</title>
                    </rect>
                }
            })
            .collect_view();
        let line_path = chart::path(
            &q.months
                .iter()
                .zip(&balances)
                .map(|(m, b)| (x.at(m.month as f64 - 0.5), Some(yb.at(*b))))
                .collect::<Vec<_>>(),
        );
        let left_ticks = cost_ticks
            .iter()
            .map(|v| {
                view! { <text class="tick" x=chart::num(LEFT - 6.0) y=chart::num(yc.at(*v) + 4.0) text-anchor="end">{chart::short(*v, lang)}</text> }
            })
            .collect_view();
        let right_ticks = bal_ticks
            .iter()
            .map(|v| {
                view! { <text class="tick bal" x=chart::num(W - RIGHT + 6.0) y=chart::num(yb.at(*v) + 4.0)>{chart::short(*v, lang)}</text> }
            })
            .collect_view();
        let step = ((n / 12.0).ceil() as usize).max(1);
        let month_ticks = q
            .months
            .iter()
            .filter(|m| (m.month as usize - 1).is_multiple_of(step))
            .map(|m| {
                view! { <text class="tick" x=chart::num(x.at(m.month as f64 - 0.5)) y=chart::num(H - BOTTOM + 16.0) text-anchor="middle">{m.month}</text> }
            })
            .collect_view();
        view! {
            <figure class="chart planner-chart">
                <figcaption>{t.chart_planner}</figcaption>
                <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=t.chart_planner>
                    <line class="axis" x1=LEFT y1=H - BOTTOM x2=W - RIGHT y2=H - BOTTOM />
                    {bars}
                    <path class="balance" d=line_path />
                    {left_ticks}
                    {right_ticks}
                    {month_ticks}
                    <text class="tick" x=W / 2.0 y=H - 4.0 text-anchor="middle">{t.month}</text>
                </svg>
                <p class="legend small">
                    <span class="swatch bar"></span>{t.legend_cost}
                    <span class="swatch balance"></span>{t.legend_balance}
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
pub fn BreakEvenChart(id: LineId, service: ServiceRef) -> impl IntoView {
    let state = expect_context::<AppState>();
    let product = service.catalog().packs_of(&service).cloned();
    let full = breakeven::default_max(&service, product.as_ref());
    let ranges: Vec<u64> = {
        let mut r = vec![12_000u64, 120_000, full];
        r.retain(|v| *v <= full);
        r.dedup();
        r
    };
    let points = breakeven::break_evens(&service, product.as_ref());
    // Open on the smallest range that shows every break-even point.
    let needed = points.iter().filter_map(|b| b.from_calls).max().unwrap_or(0);
    let range = RwSignal::new(ranges.iter().copied().find(|r| *r >= needed + needed / 5).unwrap_or(full));
    let render = move || {
        let lang = state.lang.get();
        let t = texts(lang);
        let max = range.get();
        let curves = breakeven::curves(&service, product.as_ref(), max, 120);
        let currency = currency();
        // Scale to postpaid and the cheapest plan; dearer curves run off the top (clipped).
        let ymax = curves
            .iter()
            .filter(|c| matches!(c.kind, CurveKind::PostpaidOnly | CurveKind::Cheapest))
            .flat_map(|c| c.points.iter().filter_map(|p| p.1))
            .map(chart::f)
            .fold(0.0, f64::max)
            * 1.1;
        let yt = chart::ticks(ymax, 4);
        let mut xt = chart::ticks(max as f64, 5);
        xt.retain(|v| *v <= max as f64);
        let x = Scale::new((0.0, max as f64), (LEFT, W - 16.0));
        let y = Scale::new((0.0, *yt.last().unwrap_or(&1.0)), (H - BOTTOM, TOP));
        let name = |k: CurveKind| match k {
            CurveKind::PostpaidOnly => t.be_postpaid.to_string(),
            CurveKind::OnePack { size } => fill(t.be_pack, &[("size", &format::pack_size(size, lang))]),
            CurveKind::Cheapest => t.be_cheapest.to_string(),
        };
        let class = |k: CurveKind, i: usize| match k {
            CurveKind::PostpaidOnly => "curve postpaid".to_string(),
            CurveKind::Cheapest => "curve cheapest".to_string(),
            CurveKind::OnePack { .. } => format!("curve pack p{}", i % 6),
        };
        let paths = curves
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let d = chart::path(
                    &c.points
                        .iter()
                        .map(|(px, py)| (x.at(*px as f64), py.map(|v| y.at(chart::f(v)))))
                        .collect::<Vec<_>>(),
                );
                view! { <path class=class(c.kind, i) d=d><title>{name(c.kind)}</title></path> }
            })
            .collect_view();
        let markers = points
            .iter()
            .filter(|b| b.from_calls.is_some_and(|v| v <= max))
            .map(|b| {
                let (cx, cy) = (x.at(b.from_calls.unwrap_or(0) as f64), y.at(chart::f(b.postpaid_cost.unwrap_or_default())));
                let label = fill(
                    t.be_point,
                    &[
                        ("x", &group_u64(b.from_calls.unwrap_or(0))),
                        ("size", &format::pack_size(b.size, lang)),
                        ("cost", &format::money(b.postpaid_cost, currency.as_str(), lang)),
                    ],
                );
                let aria = label.clone();
                view! {
                    <g class="marker" tabindex="0" role="img" aria-label=aria>
                        <circle cx=chart::num(cx) cy=chart::num(cy) r="5"></circle>
                        <text x=chart::num(cx + 7.0) y=chart::num(cy - 7.0)>{group_u64(b.from_calls.unwrap_or(0))}</text>
                        <title>{label}</title>
                    </g>
                }
            })
            .collect_view();
        let xticks = xt
            .iter()
            .map(|v| view! { <text class="tick" x=chart::num(x.at(*v)) y=chart::num(H - BOTTOM + 16.0) text-anchor="middle">{chart::short(*v, lang)}</text> })
            .collect_view();
        let yticks = yt
            .iter()
            .map(|v| view! { <text class="tick" x=chart::num(LEFT - 6.0) y=chart::num(y.at(*v) + 4.0) text-anchor="end">{chart::short(*v, lang)}</text> })
            .collect_view();
        let legend = curves
            .iter()
            .enumerate()
            .map(|(i, c)| view! { <span class=format!("key {}", class(c.kind, i))>{name(c.kind)}</span> })
            .collect_view();
        let facts = points
            .iter()
            .map(|b| match b.from_calls {
                Some(v) => fill(
                    t.be_point,
                    &[
                        ("x", &group_u64(v)),
                        ("size", &format::pack_size(b.size, lang)),
                        ("cost", &format::money(b.postpaid_cost, currency.as_str(), lang)),
                    ],
                ),
                None => fill(t.be_never, &[("size", &format::pack_size(b.size, lang))]),
            })
            .map(|s| view! { <li>{s}</li> })
            .collect_view();
        // The data table: a row per sampled volume that changes something, every curve a column.
        let head = std::iter::once(t.be_calls.to_string())
            .chain(curves.iter().map(|c| name(c.kind)))
            .map(|h| view! { <th scope="col">{h}</th> })
            .collect_view();
        let step = (curves[0].points.len() / 40).max(1);
        let rows = (0..curves[0].points.len())
            .filter(|i| i % step == 0 || i + 1 == curves[0].points.len())
            .map(|i| {
                let cells = curves
                    .iter()
                    .map(|c| view! { <td class="num">{c.points[i].1.map(yuan).unwrap_or_else(|| t.contact_sales.to_string())}</td> })
                    .collect_view();
                view! { <tr><th scope="row" class="num">{group_u64(curves[0].points[i].0)}</th>{cells}</tr> }
            })
            .collect_view();
        view! {
            <svg viewBox=format!("0 0 {W} {H}") role="group" aria-label=t.breakeven>
                <defs>
                    <clipPath id=format!("be-plot-{id}")>
                        <rect x=LEFT y=TOP - 2.0 width=W - 16.0 - LEFT height=H - BOTTOM - TOP + 2.0 />
                    </clipPath>
                </defs>
                <line class="axis" x1=LEFT y1=H - BOTTOM x2=W - 16.0 y2=H - BOTTOM />
                <line class="axis" x1=LEFT y1=TOP x2=LEFT y2=H - BOTTOM />
                <g clip-path=format!("url(#be-plot-{id})")>{paths}</g>
                {markers}
                {xticks}
                {yticks}
                <text class="tick" x=(W + LEFT) / 2.0 y=H - 4.0 text-anchor="middle">{t.be_calls}</text>
            </svg>
            <p class="legend small">{legend}</p>
            <ul class="small facts">{facts}</ul>
            <details class="notes">
                <summary>{t.be_table}</summary>
                <div class="table-wrap"><table class="be-data"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>
            </details>
        }
        .into_any()
    };
    let range_buttons = ranges
        .iter()
        .map(|&r| {
            view! {
                <button type="button" aria-pressed=move || if range.get() == r { "true" } else { "false" } on:click=move |_| range.set(r)>
                    {move || format!("≤ {}", chart::short(r as f64, state.lang.get()))}
                </button>
            }
        })
        .collect_view();
    view! {
        <details class="breakeven">
            <summary>{move || texts(state.lang.get()).breakeven}</summary>
            <p class="small muted">{move || texts(state.lang.get()).be_horizon}</p>
            <div class="ranges" role="group" aria-label=move || texts(state.lang.get()).be_range>{range_buttons}</div>
            <figure class="chart">{render}</figure>
        </details>
    }
}
