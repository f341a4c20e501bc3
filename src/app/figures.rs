//! The page's two charts as ready-to-draw figures: every bar, path, marker, tick and label
//! already placed and written as text, so the components only map them to SVG elements and no
//! float is formatted in the WebAssembly (coordinates go through [`chart::num`]).
//!
//! - [`planner`]: a line's monthly cost (bars, left axis) and pack balance at month end (line,
//!   right axis), for quotes of two months or more;
//! - [`breakeven()`]: one month's cost against its volume for postpaid only, one pack of each
//!   size and the cheapest combination, the break-even volumes marked, and the data as a table;
//! - [`offers()`]: offers compared, each offer's cheapest month against the volume, the volumes
//!   where the ranking changes marked (drawn as the break-even chart is).

use super::chart::{self, Scale};
use super::format;
use super::text::{fill, texts};
use crate::engine::breakeven::{self, BuyerTerms, CurveKind};
use crate::engine::catalog::{PackProduct, Service};
use crate::engine::money::{group_u64, yuan};
use crate::engine::offers::{Comparison, Crossover};
use crate::engine::usage::Month;
use crate::engine::{Lang, LineQuote};

const W: f64 = 640.0;
const H: f64 = 240.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 64.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 44.0;

/// The `viewBox` of both charts.
pub const VIEW_BOX: &str = "0 0 640 240";

/// A piece of text at a point.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub x: String,
    pub y: String,
    pub text: String,
}

fn label(x: f64, y: f64, text: impl Into<String>) -> Label {
    Label { x: chart::num(x), y: chart::num(y), text: text.into() }
}

/// The volumes written beside markers at `(cx, cy)`, left to right: above the mark where the
/// label before it leaves room, else below it where that clears the axis, else not written (the
/// marker keeps its title, and the facts under the chart say every one); clear of other markers
/// where a row is (a run of changes marks a curve densely: its volume may then sit over one); an
/// empty text is not written and takes no room. Widths are reckoned at the phone's font (19 units of the 640 wide
/// view box, bold: about 12 a character), the widest the labels are drawn.
fn marker_values(points: &[(f64, f64, String)]) -> Vec<Label> {
    const CHAR: f64 = 12.0;
    const GAP: f64 = 8.0;
    // Placed left to right (a chart's points may come in another order: packs, then
    // commitments), given back in the order they came.
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&a, &b| points[a].0.total_cmp(&points[b].0));
    // Where the last label of each row (above, below) ends.
    let mut ends = [f64::NEG_INFINITY; 2];
    let mut out: Vec<Option<Label>> = vec![None; points.len()];
    for i in order {
        let (cx, cy, text) = &points[i];
        let start = cx + 7.0;
        out[i] = Some(if text.is_empty() {
            label(start, *cy, String::new())
        } else {
            let end = start + CHAR * text.chars().count() as f64;
            // Below only where it clears the axis (a mark low in the plot: its label would sit
            // on the axis and its ticks).
            let below_fits = cy + 26.0 <= H - BOTTOM;
            // Another marker (a circle of radius 6) inside the text's box on that row (14 units tall
            // above its baseline).
            let clear = |row: usize| {
                let base = if row == 0 { cy - 7.0 } else { cy + 22.0 };
                points.iter().enumerate().all(|(j, (x, y, _))| {
                    j == i || *x + 6.0 < start || *x - 6.0 > end || *y + 6.0 < base - 14.0 || *y - 6.0 > base
                })
            };
            let fits = |row: usize, e: &f64| start >= e + GAP && (row == 0 || below_fits);
            // Clear of other markers where a row is; else where the labels alone leave room (a run
            // of changes marks the curve densely: its first volume is still written).
            let row = (0..2)
                .find(|&row| fits(row, &ends[row]) && clear(row))
                .or_else(|| (0..2).find(|&row| fits(row, &ends[row])));
            match row {
                Some(row) => {
                    ends[row] = end;
                    label(start, if row == 0 { cy - 7.0 } else { cy + 22.0 }, text.clone())
                }
                None => label(start, *cy, String::new()),
            }
        });
    }
    out.into_iter().flatten().collect()
}

/// Changes of place in a row between the same two offers said as one, from this many.
const RUN: usize = 4;

/// The crossovers (by volume) in runs: a run of [`RUN`] or more changes in a row between the
/// same two offers, else each alone.
fn crossover_runs(all: &[Crossover]) -> Vec<&[Crossover]> {
    let pair = |x: &Crossover| (x.cheaper.min(x.dearer), x.cheaper.max(x.dearer));
    let mut out = Vec::new();
    let mut start = 0;
    while start < all.len() {
        let len = all[start..].iter().take_while(|x| pair(x) == pair(&all[start])).count();
        if len >= RUN {
            out.push(&all[start..start + len]);
        } else {
            out.extend(all[start..start + len].chunks(1));
        }
        start += len;
    }
    out
}

/// A straight line.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub x1: String,
    pub y1: String,
    pub x2: String,
    pub y2: String,
}

fn segment(x1: f64, y1: f64, x2: f64, y2: f64) -> Segment {
    Segment { x1: chart::num(x1), y1: chart::num(y1), x2: chart::num(x2), y2: chart::num(y2) }
}

/// A rectangle, with what it shows as its title.
#[derive(Clone, Debug, PartialEq)]
pub struct Rect {
    pub x: String,
    pub y: String,
    pub width: String,
    pub height: String,
    pub title: String,
}

fn rect(x: f64, y: f64, width: f64, height: f64, title: String) -> Rect {
    Rect { x: chart::num(x), y: chart::num(y), width: chart::num(width), height: chart::num(height), title }
}

/// The planner chart of one line.
#[derive(Clone, Debug, PartialEq)]
pub struct Planner {
    pub caption: &'static str,
    pub axis: Segment,
    /// A bar per month: the month's cost (packs bought and postpaid).
    pub bars: Vec<Rect>,
    /// The pack balance at each month's end, as an SVG path.
    pub balance: String,
    pub cost_ticks: Vec<Label>,
    pub balance_ticks: Vec<Label>,
    pub month_ticks: Vec<Label>,
    pub month_title: Label,
    pub legend_cost: String,
    /// Empty where the line never holds packs (no balance is drawn).
    pub legend_balance: &'static str,
    /// Where the line gives a range of volumes: each month's cost from the low to the high case
    /// (a vertical segment over the bar), and the legend's word for it.
    pub bands: Vec<Segment>,
    pub legend_band: Option<String>,
}

/// The planner chart of a quote of two months or more.
pub fn planner(q: &LineQuote, calendar: &[Month], currency: &str, lang: Lang) -> Option<Planner> {
    if q.months.len() < 2 {
        return None;
    }
    let t = texts(lang);
    let n = q.months.len() as f64;
    let costs: Vec<f64> = q.months.iter().map(|m| chart::f(m.cost.unwrap_or(m.packs_bought))).collect();
    let balances: Vec<f64> = q.months.iter().map(|m| m.balance as f64).collect();
    let highs: Vec<f64> = q
        .case_months
        .as_ref()
        .map(|c| c.high.iter().map(|v| chart::f(v.unwrap_or_default())).collect())
        .unwrap_or_default();
    let cost_ticks = chart::ticks(costs.iter().chain(&highs).cloned().fold(0.0, f64::max), 4);
    let bal_ticks = chart::ticks(balances.iter().cloned().fold(0.0, f64::max), 4);
    let x = Scale::new((0.0, n), (LEFT, W - RIGHT));
    let yc = Scale::new((0.0, *cost_ticks.last().unwrap_or(&1.0)), (H - BOTTOM, TOP));
    let yb = Scale::new((0.0, *bal_ticks.last().unwrap_or(&1.0)), (H - BOTTOM, TOP));
    let bw = ((W - LEFT - RIGHT) / n * 0.6).max(1.0);
    let mid = |month: u32| x.at(month as f64 - 0.5);
    let bars = q
        .months
        .iter()
        .zip(&costs)
        .map(|(m, c)| {
            let y0 = yc.at(*c);
            let cost = format::money_or(m.cost, q.missing_price, currency, lang);
            rect(
                mid(m.month) - bw / 2.0,
                y0,
                bw,
                (H - BOTTOM - y0).max(0.0),
                format!(
                    "{}{}{cost}",
                    format::dated(fill(t.month_n, &[("n", &m.month.to_string())]), calendar, m.month as usize),
                    lang.pick("：", ": ")
                ),
            )
        })
        .collect();
    // A line that never ends a month with calls left on its packs (none bought, or each drawn
    // in its month) draws no balance at all, not a flat line on a 0–1 axis.
    let holds_packs = q.months.iter().any(|m| m.balance > 0);
    let balance = if holds_packs {
        chart::path(&q.months.iter().zip(&balances).map(|(m, b)| (mid(m.month), Some(yb.at(*b)))).collect::<Vec<_>>())
    } else {
        String::new()
    };
    let step = ((n / 12.0).ceil() as usize).max(1);
    let bands = q.case_months.as_ref().map_or_else(Vec::new, |c| {
        q.months
            .iter()
            .zip(c.low.iter().zip(&c.high))
            .map(|(m, (lo, hi))| {
                let (lo, hi) = (chart::f(lo.unwrap_or_default()), chart::f(hi.unwrap_or_default()));
                segment(mid(m.month), yc.at(lo), mid(m.month), yc.at(hi))
            })
            .collect()
    });
    let legend_band = q.case_months.as_ref().map(|_| format::range_name(lang));
    Some(Planner {
        caption: t.chart_planner,
        axis: segment(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM),
        bars,
        balance,
        cost_ticks: cost_ticks
            .iter()
            .zip(chart::tick_labels(&cost_ticks, lang))
            .map(|(v, text)| label(LEFT - 6.0, yc.at(*v) + 4.0, text))
            .collect(),
        balance_ticks: bal_ticks
            .iter()
            .zip(chart::tick_labels(&bal_ticks, lang))
            .filter(|_| holds_packs)
            .map(|(v, text)| label(W - RIGHT + 6.0, yb.at(*v) + 4.0, text))
            .collect(),
        month_ticks: q
            .months
            .iter()
            .filter(|m| (m.month as usize - 1).is_multiple_of(step))
            .map(|m| label(mid(m.month), H - BOTTOM + 18.0, m.month.to_string()))
            .collect(),
        // Where the months are dated: which month the first is.
        month_title: label(
            W / 2.0,
            H - 4.0,
            match (calendar.first(), lang) {
                (Some(first), Lang::Zh) => format!("{}（1 = {first}）", t.month),
                (Some(first), Lang::En) => format!("{} (1 = {first})", t.month),
                (None, _) => t.month.to_string(),
            },
        ),
        legend_cost: fill(t.legend_cost, &[("cur", format::currency_word(currency, lang))]),
        legend_balance: if holds_packs { t.legend_balance } else { "" },
        bands,
        legend_band,
    })
}

/// The volume ranges the break-even chart offers (≤ 12k, ≤ 120k, the whole table) and the one it
/// opens on: the smallest that shows every break-even point and the line's largest month
/// (`volume`, its high case where it has one), where one does.
pub fn breakeven_ranges(
    service: &Service,
    product: Option<&PackProduct>,
    terms: BuyerTerms,
    volume: u64,
) -> (Vec<u64>, u64) {
    let full = breakeven::default_max(service, product);
    let mut ranges = vec![12_000u64, 120_000, full];
    ranges.retain(|v| *v <= full);
    ranges.dedup();
    let needed = breakeven::break_evens(service, product, terms)
        .iter()
        .filter_map(breakeven::BreakEven::from_calls)
        .max()
        .unwrap_or(0);
    let open = ranges.iter().copied().find(|r| *r >= (needed + needed / 5).max(volume)).unwrap_or(full);
    (ranges, open)
}

/// A range button's text: `≤ 12k`, `≤ 1.2万`.
pub fn range_label(max: u64, lang: Lang) -> String {
    format!("≤ {}", chart::short(max as f64, lang))
}

/// One curve of the break-even chart.
#[derive(Clone, Debug, PartialEq)]
pub struct CurveFigure {
    /// CSS classes: `curve postpaid`, `curve cheapest`, `curve pack p2`.
    pub class: String,
    pub name: String,
    /// The SVG path; a gap where a volume needs a price from sales.
    pub d: String,
}

/// A break-even volume, marked on the postpaid curve.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    pub cx: String,
    pub cy: String,
    /// The volume, written beside the marker.
    pub value: Label,
    /// What the marker means, for its title and accessible name.
    pub text: String,
}

/// The break-even chart for volumes up to a maximum.
#[derive(Clone, Debug, PartialEq)]
pub struct BreakEvenFigure {
    pub title: &'static str,
    /// The plot area (curves past the top are clipped to it).
    pub clip: Rect,
    pub x_axis: Segment,
    pub y_axis: Segment,
    pub curves: Vec<CurveFigure>,
    pub markers: Vec<Marker>,
    pub x_ticks: Vec<Label>,
    pub y_ticks: Vec<Label>,
    pub x_title: Label,
    /// The cost axis's title with its unit ("Cost (CNY)"), written along the axis.
    pub y_title: Label,
    /// Each pack size's break-even volume, or that it never pays.
    pub facts: Vec<String>,
    /// The data table: the heading, and a row per sampled volume (volume, each curve's cost).
    pub table_head: Vec<String>,
    pub table_rows: Vec<(String, Vec<String>)>,
    /// The monthly volumes between the line's low and high cases, shaded, with its words.
    pub band: Option<(Rect, String)>,
}

/// Costs against monthly volume, `(calls, cost)` (`None`: a price from sales).
type Points = [(u64, Option<rust_decimal::Decimal>)];

/// The frame both cost-against-volume charts (break-even, offers compared) draw in: volumes from
/// 0 to `max` across, costs up to the highest drawn (with a tenth to spare) up.
struct Plot {
    max: u64,
    x: Scale,
    y: Scale,
    x_ticks: Vec<f64>,
    y_ticks: Vec<f64>,
}

impl Plot {
    fn new(max: u64, highest: f64) -> Plot {
        let y_ticks = chart::ticks(highest * 1.1, 4);
        let mut x_ticks = chart::ticks(max as f64, 5);
        x_ticks.retain(|v| *v <= max as f64);
        let x = Scale::new((0.0, max as f64), (LEFT, W - 16.0));
        let y = Scale::new((0.0, *y_ticks.last().unwrap_or(&1.0)), (H - BOTTOM, TOP));
        Plot { max, x, y, x_ticks, y_ticks }
    }

    /// A curve's path (broken where a cost needs a price from sales).
    fn path(&self, points: &Points) -> String {
        chart::path(
            &points
                .iter()
                .map(|(px, py)| (self.x.at(*px as f64), py.map(|v| self.y.at(chart::f(v)))))
                .collect::<Vec<_>>(),
        )
    }

    /// The figure: the frame, the shaded band of a range (`band`, low to high), the curves and
    /// markers drawn, the facts, and the data table of `columns` (each curve's name and points;
    /// at most about 40 rows, sampled evenly, the last always in).
    #[allow(clippy::too_many_arguments)]
    fn figure(
        &self,
        title: &'static str,
        band: Option<(u64, u64)>,
        curves: Vec<CurveFigure>,
        markers: Vec<Marker>,
        facts: Vec<String>,
        columns: Vec<(String, &Points)>,
        currency: &str,
        lang: Lang,
    ) -> BreakEvenFigure {
        let t = texts(lang);
        let (x, y, max) = (&self.x, &self.y, self.max);
        let table_head = std::iter::once(t.be_calls.to_string()).chain(columns.iter().map(|c| c.0.clone())).collect();
        let samples = columns.first().map_or(0, |c| c.1.len());
        let step = (samples / 40).max(1);
        let table_rows = (0..samples)
            .filter(|i| i % step == 0 || i + 1 == samples)
            .map(|i| {
                let cells = columns
                    .iter()
                    .map(|c| c.1.get(i).and_then(|p| p.1).map_or_else(|| t.contact_sales.to_string(), yuan))
                    .collect();
                (group_u64(columns[0].1[i].0), cells)
            })
            .collect();
        let band = band.filter(|(lo, _)| *lo <= max).map(|(lo, hi)| {
            let (x0, x1) = (x.at(lo as f64), x.at(hi.min(max) as f64));
            let words = format!("{}{} – {}", format::range_label(lang), group_u64(lo), group_u64(hi));
            (rect(x0, TOP, (x1 - x0).max(2.0), H - BOTTOM - TOP, words.clone()), words)
        });
        BreakEvenFigure {
            title,
            band,
            clip: rect(LEFT, TOP - 2.0, W - 16.0 - LEFT, H - BOTTOM - TOP + 2.0, String::new()),
            x_axis: segment(LEFT, H - BOTTOM, W - 16.0, H - BOTTOM),
            y_axis: segment(LEFT, TOP, LEFT, H - BOTTOM),
            curves,
            markers,
            x_ticks: self
                .x_ticks
                .iter()
                .zip(chart::tick_labels(&self.x_ticks, lang))
                .map(|(v, text)| label(x.at(*v), H - BOTTOM + 18.0, text))
                .collect(),
            y_ticks: self
                .y_ticks
                .iter()
                .zip(chart::tick_labels(&self.y_ticks, lang))
                .map(|(v, text)| label(LEFT - 6.0, y.at(*v) + 4.0, text))
                .collect(),
            x_title: label((W + LEFT) / 2.0, H - 4.0, t.be_calls),
            y_title: label(
                12.0,
                (TOP + H - BOTTOM) / 2.0,
                fill(t.axis_cost, &[("cur", format::currency_word(currency, lang))]),
            ),
            facts,
            table_head,
            table_rows,
        }
    }
}

/// The break-even chart of a service for monthly volumes up to `max`; `band` is the line's
/// monthly volume from its low to its high case, if it gives a range.
pub fn breakeven(
    service: &Service,
    product: Option<&PackProduct>,
    terms: BuyerTerms,
    max: u64,
    band: Option<(u64, u64)>,
    currency: &str,
    lang: Lang,
) -> BreakEvenFigure {
    let t = texts(lang);
    let curves = breakeven::curves(service, product, terms, max, 120);
    let points = breakeven::break_evens(service, product, terms);
    // Scale to postpaid and the cheapest plan; dearer curves run off the top (clipped).
    let highest = curves
        .iter()
        .filter(|c| matches!(c.kind, CurveKind::PostpaidOnly | CurveKind::Cheapest))
        .flat_map(|c| c.points.iter().filter_map(|p| p.1))
        .map(chart::f)
        .fold(0.0, f64::max);
    let plot = Plot::new(max, highest);
    let (x, y) = (&plot.x, &plot.y);
    let commitment_named = |text: &str, index: usize| {
        let name = service.commitments.get(index).map_or("", |c| c.name.get(lang));
        fill(text, &[("name", name)])
    };
    let name = |k: CurveKind| match k {
        CurveKind::PostpaidOnly => t.be_postpaid.to_string(),
        CurveKind::OnePack { size } => fill(t.be_pack, &[("size", &format::pack_size(size, lang))]),
        CurveKind::Commitment { index } => commitment_named(t.be_commitment, index),
        CurveKind::Cheapest => t.be_cheapest.to_string(),
    };
    let class = |k: CurveKind, i: usize| match k {
        CurveKind::PostpaidOnly => "curve postpaid".to_string(),
        CurveKind::Cheapest => "curve cheapest".to_string(),
        CurveKind::OnePack { .. } => format!("curve pack p{}", i % 6),
        CurveKind::Commitment { .. } => format!("curve commitment p{}", i % 6),
    };
    // What a break-even names: the pack or the commitment, as the sentence needs it.
    let what = |k: CurveKind| match k {
        CurveKind::OnePack { size } => fill(t.be_the_pack, &[("size", &format::pack_size(size, lang))]),
        CurveKind::Commitment { index } => commitment_named(t.be_the_commitment, index),
        _ => String::new(),
    };
    let point_text = |b: &breakeven::BreakEven, v: u64| {
        let runs: Vec<String> = b
            .no_dearer
            .iter()
            .map(|&(a, last)| match last {
                Some(last) => fill(t.be_run, &[("a", &group_u64(a)), ("b", &group_u64(last))]),
                None => fill(t.be_run_on, &[("a", &group_u64(a))]),
            })
            .collect();
        let cost = format::money(b.postpaid_cost, currency, lang);
        let fields = [("runs", runs.join(t.be_runs_join)), ("x", group_u64(v)), ("what", what(b.kind)), ("cost", cost)];
        fill(t.be_point, &fields.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>())
    };
    let figures = curves
        .iter()
        .enumerate()
        .map(|(i, c)| CurveFigure { class: class(c.kind, i), name: name(c.kind), d: plot.path(&c.points) })
        .collect();
    let marked: Vec<_> = points
        .iter()
        .filter_map(|b| Some((b.from_calls().filter(|v| *v <= max)?, b)))
        .map(|(v, b)| (x.at(v as f64), y.at(chart::f(b.postpaid_cost.unwrap_or_default())), v, b))
        .collect();
    let values = marker_values(&marked.iter().map(|(cx, cy, v, _)| (*cx, *cy, group_u64(*v))).collect::<Vec<_>>());
    let markers = marked
        .iter()
        .zip(values)
        .map(|((cx, cy, v, b), value)| Marker {
            cx: chart::num(*cx),
            cy: chart::num(*cy),
            value,
            text: point_text(b, *v),
        })
        .collect();
    // The buyer's terms first, where the line has any: every figure below is priced with them.
    let said_terms = format::offer_terms(terms.discount, terms.negotiated, currency, lang)
        .map(|words| fill(t.be_terms, &[("terms", &words)]));
    // Where postpaid is priced by sales, last: the runs above say nothing past it.
    let sales = points.iter().filter_map(|b| b.unpriced_from).min().map(|x| fill(t.be_sales, &[("x", &group_u64(x))]));
    let facts = said_terms
        .into_iter()
        .chain(points.iter().map(|b| match b.from_calls() {
            Some(v) => point_text(b, v),
            None => match b.unpriced_from {
                Some(x) => fill(t.be_never_below, &[("what", &what(b.kind)), ("x", &group_u64(x))]),
                None => fill(t.be_never, &[("what", &what(b.kind))]),
            },
        }))
        .chain(sales)
        .collect();
    let columns = curves.iter().map(|c| (name(c.kind), c.points.as_slice())).collect();
    plot.figure(t.breakeven, band, figures, markers, facts, columns, currency, lang)
}

/// Offers compared: each offer's cheapest month (converted) against the monthly volume, one curve
/// per offer (`names`, in the comparison's order), the volumes where two change places marked
/// and said in words, and the data as a table; `band` is the profile's months from low to high.
pub fn offers(c: &Comparison, names: &[String], band: Option<(u64, u64)>, lang: Lang) -> BreakEvenFigure {
    let t = texts(lang);
    let money = |d: rust_decimal::Decimal| format::amount_with_currency(d, &c.currency, lang);
    let max = c.curves.iter().flat_map(|k| k.last().map(|p| p.0)).max().unwrap_or(1).max(1);
    let plot = Plot::new(max, c.curves.iter().flatten().filter_map(|p| p.1).map(chart::f).fold(0.0, f64::max));
    let (x, y) = (&plot.x, &plot.y);
    let name = |k: usize| names.get(k).cloned().unwrap_or_default();
    let curves = c
        .curves
        .iter()
        .enumerate()
        // An offer without a price at any volume drawn (but none) has no line, nor a key in the
        // legend.
        .filter(|(_, points)| points.iter().any(|p| p.0 > 0 && p.1.is_some()))
        .map(|(k, points)| {
            // A curve on top of an earlier one, point for point, says whose it hides.
            let under = c.curves[..k].iter().position(|other| other == points);
            CurveFigure {
                class: format!("curve offer p{}", k % 6),
                name: match under {
                    Some(j) => fill(t.vendors_same_curve, &[("name", &name(k)), ("other", &name(j))]),
                    None => name(k),
                },
                d: plot.path(points),
            }
        })
        .collect();
    let said = |v: &Crossover| {
        fill(
            t.vendors_cross,
            &[
                ("x", &group_u64(v.calls)),
                ("a", &name(v.cheaper)),
                ("b", &name(v.dearer)),
                ("ca", &money(v.cheaper_cost)),
                ("cb", &money(v.dearer_cost)),
            ],
        )
    };
    let at: Vec<(f64, f64)> =
        c.crossovers.iter().map(|v| (x.at(v.calls as f64), y.at(chart::f(v.cheaper_cost)))).collect();
    // A run's changes are all marked; its volumes written at its ends only, as its fact says.
    let ends: Vec<bool> = crossover_runs(&c.crossovers)
        .into_iter()
        .flat_map(|run| (0..run.len()).map(move |i| i == 0 || i + 1 == run.len()))
        .collect();
    let values = marker_values(
        &at.iter()
            .zip(&c.crossovers)
            .zip(&ends)
            .map(|((&(cx, cy), v), &end)| (cx, cy, if end { group_u64(v.calls) } else { String::new() }))
            .collect::<Vec<_>>(),
    );
    let markers = at
        .iter()
        .zip(&c.crossovers)
        .zip(values)
        .map(|((&(cx, cy), v), value)| Marker { cx: chart::num(cx), cy: chart::num(cy), value, text: said(v) })
        .collect();
    // Runs of changes between the same two offers (a price by blocks of calls can make them
    // change places at every block) are said once each.
    let mut facts: Vec<String> = crossover_runs(&c.crossovers)
        .into_iter()
        .map(|run| match run {
            [first, .., last] => fill(
                t.vendors_cross_run,
                &[
                    ("from", &group_u64(first.calls)),
                    ("x", &group_u64(last.calls)),
                    ("a", &name(first.cheaper)),
                    ("b", &name(first.dearer)),
                    ("n", &run.len().to_string()),
                    ("c", &name(last.cheaper)),
                    ("d", &name(last.dearer)),
                    ("ca", &money(last.cheaper_cost)),
                    ("cb", &money(last.dearer_cost)),
                ],
            ),
            one => one.iter().map(said).collect(),
        })
        .collect();
    let drawn = c.curves.iter().filter(|k| !k.is_empty()).count();
    if facts.is_empty() && drawn > 1 {
        facts.push(fill(t.vendors_no_cross, &[("x", &group_u64(max))]));
    }
    facts.extend(c.curves_left_out.iter().map(|k| fill(t.vendors_left_out, &[("name", &name(*k))])));
    let columns = c
        .curves
        .iter()
        .enumerate()
        .filter(|(_, k)| !k.is_empty())
        .map(|(k, points)| (name(k), points.as_slice()))
        .collect();
    plot.figure(t.vendors_chart, band, curves, markers, facts, columns, &c.currency, lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::catalog::builtin;
    use crate::engine::{Estimate, Line, quote};

    #[test]
    fn the_planner_draws_a_bar_per_month_with_its_cost() {
        let e = Estimate::new(vec![Line::new("活体人脸核身", vec![15_000, 5_000]).with_packs(10_000, 1)]);
        let q = quote(builtin(), &e, Lang::En).unwrap();
        let p = planner(&q.lines[0], &[], "CNY", Lang::En).unwrap();
        assert_eq!(p.bars.len(), 2);
        // Month 1: the 1万 pack (8,000) and 5,000 overage calls at 0.85 (4,250).
        assert_eq!(p.bars[0].title, "Month 1: CNY 12,250.00");
        assert_eq!(p.month_title.text, "Month");
        // Dated months: each bar's date, and the axis says which month the first is.
        let dated = planner(&q.lines[0], &Month::new(2027, 12).unwrap().run(2), "CNY", Lang::Zh).unwrap();
        assert_eq!(dated.bars[1].title, "第 2 月 · 2028-01：4,250.00 元");
        assert_eq!(dated.month_title.text, "月份（1 = 2027-12）");
        // Month 2: 5,000 calls at 0.85; the pack ran out in month 1.
        assert_eq!(p.bars[1].title, "Month 2: CNY 4,250.00");
        assert_eq!(p.axis, segment(64.0, 196.0, 576.0, 196.0));
        assert_eq!(p.axis.x2, "576.0");
        assert_eq!(p.month_ticks.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["1", "2"]);
        assert_eq!(p.cost_ticks.last().unwrap().text, "15k", "the cost axis reaches past 12,250");
        assert!(p.bands.is_empty() && p.legend_band.is_none());
        // The pack ran out in its month: no month ends with calls left, so no balance is drawn
        // (it was a flat line on a 0–1 axis).
        assert!(p.balance.is_empty() && p.balance_ticks.is_empty() && p.legend_balance.is_empty());
        // 5,000 calls a month on the pack: 5,000 left after month 1, none after month 2.
        let carried = Estimate::new(vec![Line::new("活体人脸核身", vec![5_000, 5_000]).with_packs(10_000, 1)]);
        let p = planner(&quote(builtin(), &carried, Lang::En).unwrap().lines[0], &[], "CNY", Lang::En).unwrap();
        assert!(!p.balance.is_empty() && !p.legend_balance.is_empty());
        assert_eq!(p.balance_ticks.last().unwrap().text, "6k");
        // All postpaid: no pack balance to draw, nor its axis.
        let postpaid =
            quote(builtin(), &Estimate::new(vec![Line::new("活体人脸核身", vec![15_000, 5_000])]), Lang::En).unwrap();
        let p = planner(&postpaid.lines[0], &[], "CNY", Lang::En).unwrap();
        assert!(p.balance.is_empty() && p.balance_ticks.is_empty() && p.legend_balance.is_empty());
        // With a range, each month gets a segment from its low-case cost to its high-case cost,
        // and the cost axis reaches the highest: month 1 high 20,000 calls = 8,000 + 10,000 × 0.75.
        let mut ranged = e.clone();
        ranged.lines[0].calls_low = Some(vec![10_000, 0]);
        ranged.lines[0].calls_high = Some(vec![20_000, 10_000]);
        let q = quote(builtin(), &ranged, Lang::En).unwrap();
        assert_eq!(q.lines[0].case_months.as_ref().unwrap().high[0], Some("15500.00".parse().unwrap()));
        let p = planner(&q.lines[0], &[], "CNY", Lang::En).unwrap();
        assert_eq!(p.bands.len(), 2);
        assert_eq!(p.cost_ticks.last().unwrap().text, "20k");
        let y = |s: &str| s.parse::<f64>().unwrap();
        assert!(y(&p.bands[0].y2) < y(&p.bands[0].y1), "the high end is drawn higher");
        let one = quote(builtin(), &Estimate::new(vec![Line::new("活体人脸核身", vec![15_000])]), Lang::En).unwrap();
        assert_eq!(planner(&one.lines[0], &[], "CNY", Lang::En), None, "one month needs no chart");
    }

    #[test]
    fn the_break_even_chart_marks_where_each_pack_pays() {
        let s = builtin().service("活体人脸核身").unwrap();
        let p = builtin().packs_of(s);
        let (ranges, open) = breakeven_ranges(s, p, BuyerTerms::default(), 0);
        assert!(ranges.contains(&open));
        // Months of 45,000–88,000 calls: the chart opens where they are, not at ≤ 1.2万.
        assert_eq!(breakeven_ranges(s, p, BuyerTerms::default(), 88_000), (ranges.clone(), 120_000));
        assert_eq!(breakeven_ranges(s, p, BuyerTerms::default(), 150_000).1, *ranges.last().unwrap());
        assert_eq!(range_label(120_000, Lang::Zh), "≤ 12万");
        let f = breakeven(s, p, BuyerTerms::default(), open, None, "CNY", Lang::En);
        assert_eq!(f.band, None);
        // A line of 9,000 to 12,000 calls a month shades that stretch of the volume axis.
        let banded = breakeven(s, p, BuyerTerms::default(), open, Some((9_000, 12_000)), "CNY", Lang::En);
        assert_eq!(banded.band.unwrap().1, "Range (Low – High): 9,000 – 12,000");
        assert_eq!(f.curves[0].class, "curve postpaid");
        assert_eq!(f.curves.last().unwrap().class, "curve cheapest");
        // A fact a pack, and where postpaid's price comes from sales.
        assert_eq!(f.facts.len(), p.unwrap().offered().count() + 1);
        // The 1,000-call pack (930) costs what 930 calls at 1 cost, up to its 1,000 calls (1,001
        // at 0.85 is 850.85); the 1万 pack (8,000) is cheaper than 9,412 calls at 0.85 (8,000.20)
        // but not than 9,411 (7,999.35), and not from 10,000 at 0.75 (7,500).
        assert_eq!(
            f.facts[0],
            "For one month of use, the 1,000 pack costs no more than postpaid at 930–1,000 calls (postpaid CNY 930.00 at 930 calls)"
        );
        assert_eq!(
            f.facts[1],
            "For one month of use, the 10,000 pack costs no more than postpaid at 9,412–9,999 calls (postpaid CNY 8,000.20 at 9,412 calls)"
        );
        // With 15 % off packs, the 1万 pack is 6,800 and pays from 8,000 calls (8,000 × 0.85).
        let off = BuyerTerms {
            negotiated: None,
            discount: Some(crate::engine::terms::Discount {
                percent: rust_decimal::Decimal::from(15),
                applies_to: crate::engine::terms::DiscountScope::Packs,
            }),
        };
        let discounted = breakeven(s, p, off, open, None, "CNY", Lang::En);
        assert_eq!(discounted.facts[0], "Priced with your terms: 15% off (packs only)");
        assert_eq!(
            discounted.facts[2],
            "For one month of use, the 10,000 pack costs no more than postpaid at 8,000–17,000 calls, 20,000–99,999 \
             calls, 110,000–199,999 calls (postpaid CNY 6,800.00 at 8,000 calls)"
        );
        let zh = breakeven(s, p, BuyerTerms::default(), open, None, "CNY", Lang::Zh);
        assert_eq!(
            zh.facts[1],
            "一个月用量为 9,412–9,999 次时，1万次资源包不比仅后付费贵（9,412 次时后付费 8,000.20 元）"
        );
        // From 200,000 calls postpaid is 联系商务: below it the 10万 pack never pays, above it
        // nothing can be said.
        assert_eq!(f.facts[2], "For one month, the 100,000 pack alone never beats postpaid below 200,000 calls");
        assert_eq!(
            f.facts.last().unwrap(),
            "From 200,000 calls a month postpaid is priced by sales, so nothing can be compared there: type a \
             negotiated price to compare"
        );
        // At a negotiated 0.70 a call, the 20万 pack (140,000) costs what 200,000 calls do.
        let negotiated = BuyerTerms { negotiated: Some(rust_decimal_macros::dec!(0.70).into()), discount: None };
        let n = breakeven(s, p, negotiated, open, None, "CNY", Lang::En);
        assert!(n.facts.iter().any(|f| f.starts_with("For one month of use, the 200,000 pack costs no more than postpaid at 200,000")), "{:#?}", n.facts);
        assert!(!n.facts.iter().any(|f| f.contains("priced by sales")), "{:#?}", n.facts);
        assert_eq!(f.table_head.len(), f.curves.len() + 1);
        assert!(f.table_rows.iter().all(|(_, cells)| cells.len() == f.curves.len()));
        let marked: Vec<&str> = f.markers.iter().map(|m| m.value.text.as_str()).collect();
        assert_eq!(marked, ["930", "9,412"], "range {open}");
    }

    #[test]
    fn changes_of_place_in_a_row_between_two_offers_are_said_once() {
        use crate::engine::offers::{Offers, compare};
        // B bills 840 a started 1,000 calls: under 0.85 a call it is cheaper near the end of
        // each block (from 841, 1,977…), dearer after it (1,001, 2,001…), until the built-in
        // list's 0.75 from 10,000.
        let doc = r#"{"currency":"CNY","calls":[30000],"vendors":[{"name":"A","service":"活体人脸核身"},
            {"name":"B","service":"b","price_list":{"mode":"replace","list":{"format":2,"currency":"CNY",
                "services":[{"id":"b","name":"B","postpaid":{"mode":"graduated","unit":1000,"partial_unit":"round_up",
                "tiers":[{"price":"840"}]}}]}}}]}"#;
        let c = compare(builtin(), &Offers::from_json(doc, builtin()).unwrap(), Lang::En).unwrap();
        assert_eq!(c.crossovers.len(), 18);
        let last = c.crossovers.last().unwrap();
        let f = offers(&c, &["A".into(), "B".into()], None, Lang::En);
        assert_eq!(f.markers.len(), 18, "every change is marked");
        let written: Vec<&str> = f.markers.iter().map(|m| m.value.text.as_str()).filter(|t| !t.is_empty()).collect();
        assert_eq!(written, ["841", "9,001"], "the run's volumes at its ends");
        // 0.85 × 9,001 = 7,650.85 against 10 blocks × 840.
        assert_eq!(
            f.facts,
            ["From 841 to 9,001 calls a month, B and A change places 18 times; from 9,001, A costs less than B \
              (CNY 7,650.85 against CNY 8,400.00)"]
        );
        assert_eq!(
            (last.calls, last.cheaper_cost.to_string(), last.dearer_cost.to_string()),
            (9001, "7650.85".into(), "8400.00".into())
        );
        let zh = offers(&c, &["A".into(), "B".into()], None, Lang::Zh);
        assert_eq!(
            zh.facts,
            [
                "每月调用量从 841 到 9,001 次，B 与 A 的高低交替 18 次；从 9,001 次起，A 比 B 便宜（7,650.85 元 对 8,400.00 元）"
            ]
        );
        // Fewer than four in a row: each said alone (the test below has one).
        assert_eq!(crossover_runs(&c.crossovers[..3]).len(), 3);
    }

    #[test]
    fn marker_values_that_would_overlap_go_below_then_unwritten() {
        let at = |x: f64| (x, 100.0, "12,345".to_string());
        // 6 characters: 72 units wide, 8 apart.
        let v = marker_values(&[at(100.0), at(150.0), at(200.0), at(240.0), at(300.0)]);
        let rows: Vec<(&str, &str)> = v.iter().map(|l| (l.x.as_str(), l.y.as_str())).collect();
        let texts: Vec<bool> = v.iter().map(|l| !l.text.is_empty()).collect();
        // Above from 107 to 179; 157 is inside it: below (to 229); 207 fits above (179 + 8 ≤ 207);
        // 247 not above (ends 279) but below (229 + 8 ≤ 247); 307 above.
        assert_eq!(texts, [true, true, true, true, true]);
        assert_eq!(rows.iter().map(|r| r.1).collect::<Vec<_>>(), ["93.0", "122.0", "93.0", "122.0", "93.0"]);
        // Out of order (a pack's point after a commitment's): placed by position, given back as
        // they came.
        let v = marker_values(&[at(300.0), at(100.0)]);
        assert_eq!(v.iter().map(|l| l.y.as_str()).collect::<Vec<_>>(), ["93.0", "93.0"]);
        let v = marker_values(&[at(100.0), at(110.0), at(120.0)]);
        assert_eq!(v.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["12,345", "12,345", ""]);
        assert_eq!(v[1].y, "122.0");
        // A mark low in the plot: no room below it above the axis, so the second is unwritten.
        let low = |x: f64| (x, H - BOTTOM - 10.0, "12,345".to_string());
        let v = marker_values(&[low(100.0), low(110.0)]);
        assert_eq!(v.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["12,345", ""]);
        // A marker inside the text's box above (60 units on, 12 up): the label goes below it.
        let v = marker_values(&[(100.0, 100.0, "1,505".into()), (160.0, 88.0, String::new())]);
        assert_eq!((v[0].text.as_str(), v[0].y.as_str()), ("1,505", "122.0"));
    }

    #[test]
    fn offers_compared_mark_where_the_ranking_changes() {
        use crate::engine::offers::{Offers, compare};
        let doc = r#"{"currency":"CNY","calls":[15000],"vendors":[
            {"name":"A","service":"活体人脸核身"},
            {"name":"D","service":"d","price_list":{"mode":"replace","list":{"format":2,"currency":"CNY",
                "services":[{"id":"d","name":"D","postpaid":{"tiers":[{"price":"1"}]},
                "commitments":[{"id":"c","name":"10k","monthly_fee":"3000","calls":10000,"overage":{"tiers":[{"price":"0.2"}]}}]}]}}}]}"#;
        let c = compare(builtin(), &Offers::from_json(doc, builtin()).unwrap(), Lang::En).unwrap();
        let f = offers(&c, &["A".into(), "D".into()], None, Lang::En);
        assert_eq!(f.curves.len(), 2);
        assert_eq!(f.markers.len(), 1);
        assert_eq!(f.markers[0].value.text, "3,530");
        assert_eq!(f.facts, ["From 3,530 calls a month, D costs less than A (CNY 3,000.00 against CNY 3,000.50)"]);
        assert_eq!(f.table_head, ["Calls in the month", "A", "D"]);
        // The cost axis says its unit.
        assert_eq!(f.y_title.text, "Cost (CNY)");
        assert_eq!(offers(&c, &["A".into(), "D".into()], None, Lang::Zh).y_title.text, "费用（元）");
    }

    /// An offer whose list prices none of the volumes drawn (the documents list no price for ID
    /// card OCR) has no curve, and so no key in the legend; its column in the data says why.
    #[test]
    fn an_offer_without_any_price_has_no_curve() {
        use crate::engine::offers::{Offers, compare};
        let doc = r#"{"currency":"CNY","calls":[4000],"vendors":[
            {"name":"A","service":"ocr_id_card"},
            {"name":"B","service":"id_ocr","example":"alibaba-cloud-intl-ekyc"}],"rates":{"USD":"7.10"}}"#;
        let c = compare(builtin(), &Offers::from_json(doc, builtin()).unwrap(), Lang::En).unwrap();
        let f = offers(&c, &["A".into(), "B".into()], None, Lang::En);
        assert_eq!(f.curves.iter().map(|k| k.name.as_str()).collect::<Vec<_>>(), ["B"]);
        assert_eq!(f.table_head, ["Calls in the month", "A", "B"]);
    }

    /// Two offers of the same prices draw one line: the second says whose line it is on (its
    /// dashes, p1's, show the first under it).
    #[test]
    fn an_offer_on_another_offers_line_says_so() {
        use crate::engine::offers::{Offers, compare};
        let doc = r#"{"currency":"CNY","calls":[15000],"vendors":[
            {"name":"A","service":"活体人脸核身"},{"name":"B","service":"活体人脸核身"}]}"#;
        let c = compare(builtin(), &Offers::from_json(doc, builtin()).unwrap(), Lang::En).unwrap();
        let f = offers(&c, &["A".into(), "B".into()], None, Lang::En);
        let named: Vec<(&str, &str)> = f.curves.iter().map(|k| (k.name.as_str(), k.class.as_str())).collect();
        assert_eq!(named, [("A", "curve offer p0"), ("B (on A's line)", "curve offer p1")]);
        assert_eq!(offers(&c, &["A".into(), "B".into()], None, Lang::Zh).curves[1].name, "B（与A重合）");
    }
}
