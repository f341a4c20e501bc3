//! What a line costs, rendered from the engine's quote: the tier table with the tier reached,
//! the amounts, the arithmetic in the documents' style, refused/expired/unused calls, hints,
//! assumptions and, for several months, the month-by-month table.

use leptos::prelude::*;

use crate::app::format;
use crate::app::text::{fill, texts};
use crate::engine::catalog::{Postpaid, describe};
use crate::engine::money::{group_u64, plain, yuan};
use crate::engine::usage::Month;
use crate::engine::{EstimateError, Lang, LineQuote};

use super::i18n::tr;
use super::state::{AppState, ServiceRef, currency};
use super::steps::deferred;
use super::widgets::{self, Cell, Row};
use crate::app::page::LineId;

/// The service's postpaid table, the tier(s) this line's months reach highlighted.
#[component]
pub fn TierTable(service: ServiceRef, quote: Memo<Option<Result<LineQuote, EstimateError>>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let currency = service.currency();
    let table = match &service.postpaid {
        Postpaid::Tiers(table) => table.clone(),
        Postpaid::Unpriced { .. } => {
            return view! { <p class="muted small tiers-none">{tr(|t| t.no_postpaid_price)}</p> }.into_any();
        }
        Postpaid::NotOffered => {
            return view! { <p class="muted small tiers-none">{tr(|t| t.no_postpaid)}</p> }.into_any();
        }
    };
    let labels = table.range_labels();
    let unit = table.unit;
    let graduated = table.mode == crate::engine::catalog::TierMode::Graduated;
    let tiers = table.tiers;
    let fees = tiers.iter().any(|t| t.flat_fee.is_some());
    // The service's format-2 terms (free quota, minimum, commitments), in words under the table.
    let described = service.clone();
    let overage: Vec<String> =
        service.commitments.iter().filter(|c| c.overage.is_some()).map(|c| c.id.clone()).collect();
    let own_overage = move |id: &str| overage.iter().any(|o| o == id);
    // Readings of the price table that concern this service (the 1,000-call boundary), shown
    // right under the table they change.
    let readings: Vec<crate::engine::catalog::Note> =
        service.catalog().assumptions.iter().filter(|n| n.applies_to.contains(&service.id)).cloned().collect();
    let render = move || {
        let lang = state.lang.get();
        let t = texts(lang);
        let months = quote.with(|q| match q {
            Some(Ok(q)) => q.months.clone(),
            _ => Vec::new(),
        });
        let single = months.len() == 1;
        let rows = tiers
            .iter()
            .zip(&labels)
            .enumerate()
            .map(|(i, (tier, label))| {
                // Months priced by this table: not those under a commitment with its own overage.
                let reached: Vec<String> = months
                    .iter()
                    .filter(|m| m.tier == Some(i) && !m.commitment.as_deref().is_some_and(&own_overage))
                    .map(|m| m.month.to_string())
                    .collect();
                let mark = match (reached.is_empty(), single) {
                    (true, _) => String::new(),
                    (false, true) => t.reached.to_string(),
                    (false, false) => format!("{} {}", t.month, reached.join(", ")),
                };
                let price = tier.price.map_or_else(|| t.contact_sales.to_string(), plain);
                let mut cells = vec![Cell::head_num(label.clone()).with_sub(mark), Cell::num(price)];
                if fees {
                    cells.push(Cell::num(tier.flat_fee.map(plain).unwrap_or_default()));
                }
                Row { class: if reached.is_empty() { "" } else { "reached" }, cells }
            })
            .collect();
        let notes = readings
            .iter()
            .map(|n| view! { <p class="tier-note">"* " {n.text.get(lang).to_string()}</p> })
            .collect_view();
        let cur = format::currency_word(currency.as_str(), lang);
        let price_head = match unit {
            1 => fill(t.tier_price, &[("cur", cur)]),
            u => fill(t.tier_price_per, &[("cur", cur), ("unit", &group_u64(u))]),
        };
        let mut head = vec![Cell::num(t.tier_range), Cell::num(price_head)];
        if fees {
            head.push(Cell::num(fill(t.tier_fee, &[("cur", cur)])));
        }
        let terms = describe::terms(&described, currency.as_str(), lang);
        // A contract price for every call: the tiers below price nothing, and say so first.
        let contract = quote.with(|q| match q {
            Some(Ok(q)) if q.negotiated_all_calls => q.negotiated_price,
            _ => None,
        });
        let contract = contract.map(|p| {
            let price = format::unit_price(p, currency.as_str(), lang);
            view! { <p class="small warn tiers-contract">{fill(t.tiers_contract, &[("p", &price)])}</p> }
        });
        view! {
            {contract}
            {widgets::table("tiers", if graduated { t.tiers_graduated } else { t.tiers }.to_string(), head, rows)}
            {notes}
            {widgets::notes(t.service_terms, terms, true)}
        }
        .into_any()
    };
    render.into_any()
}

/// The priced line.
#[component]
pub fn LineQuoteView(
    id: LineId,
    quote: Memo<Option<Result<LineQuote, EstimateError>>>,
    /// The months' dates, where the line has them.
    calendar: Memo<Vec<Month>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let invalid = state.line_invalid(id);
    let terms_invalid = state.terms_invalid();
    let body = move || match quote.get() {
        None => ().into_any(),
        // A service the list in force does not have (another list loaded in its place): said in
        // the page's language, with what to do; the engine's message names the command line.
        Some(Err(crate::engine::EstimateError::UnknownService { name, .. })) => {
            let text = fill(texts(state.lang.get()).service_missing, &[("name", &name)]);
            view! { <p class="error-box" role="alert">{text}</p> }.into_any()
        }
        Some(Err(e)) => {
            view! { <p class="error-box" role="alert">{crate::app::format::problem(&e, state.lang.get())}</p> }
                .into_any()
        }
        Some(Ok(q)) => quote_body(q, &calendar.get(), state.lang.get()),
    };
    // The month table follows an edit or a switch of language in a task of its own (see
    // `deferred`); the figures above it do not wait.
    // One deferred value of both: a switch of language prices the lines again, so both change,
    // and the table is built once, in one language.
    let later = deferred(Memo::new(move |_| {
        (quote.get(), state.lang.get(), calendar.get(), super::summary::vat_in_force(state))
    }));
    let months = move || {
        later.with(|(q, lang, calendar, vat)| match q {
            Some(Ok(q)) if q.months.len() > 1 => month_table(q, calendar, *vat, *lang),
            _ => ().into_any(),
        })
    };
    let notes = move || {
        let lang = state.lang.get();
        quote.with(|q| match q {
            Some(Ok(q)) => quote_notes(q, lang),
            _ => ().into_any(),
        })
    };
    view! {
        <section class="line-quote" aria-label=tr(|t| t.quote)>
            <Show when=move || invalid.get()>
                <p class="warn-box">{tr(|t| t.line_has_errors)}</p>
            </Show>
            <Show when=move || terms_invalid.get()>
                <p class="warn-box">{tr(|t| t.terms_have_errors)}</p>
            </Show>
            {body}
            {months}
            {notes}
        </section>
    }
}

fn quote_body(q: LineQuote, calendar: &[Month], lang: Lang) -> AnyView {
    let t = texts(lang);
    let currency = currency();
    // An amount, or why the line has none (联系商务, on request, not listed).
    let money = |d| format::money_or(d, q.missing_price, currency.as_str(), lang);
    let unit = match (q.total, lang) {
        (Some(_), Lang::Zh) => format!(" {}", format::currency_word(currency.as_str(), lang)),
        _ => String::new(),
    };
    let math = format!("{}{unit}", q.explanation);
    let mut figures = vec![
        (t.pack_cost.to_string(), money(Some(q.pack_cost)), ""),
        (t.postpaid_cost.to_string(), money(q.postpaid_cost), ""),
    ];
    // Format 2's figures, where the line has them.
    if !q.commitment_cost.is_zero() || q.commitment_calls > 0 {
        figures.push((t.commitment_cost.to_string(), money(Some(q.commitment_cost)), ""));
    }
    if !q.minimum_cost.is_zero() {
        figures.push((t.minimum_raise.to_string(), money(Some(q.minimum_cost)), ""));
    }
    if let Some(d) = q.discount {
        figures.push((t.before_discount.to_string(), money(d.before), ""));
        figures.push((format!("{} {}%", t.discount, plain(d.percent)), money(d.amount.map(|a| -a)), "discount"));
    }
    figures.push((t.line_total.to_string(), money(q.total), "total"));
    if let Some(r) = q.range {
        // Where a case has no price, why (未列价格, 需询价), as the line's other figures say it.
        let amount = |d: Option<rust_decimal::Decimal>| format::amount_or(d, q.missing_price, lang);
        // The three amounts without their currency each: it is said once, in the label.
        let cur = format::currency_word(currency.as_str(), lang);
        let label = match lang {
            Lang::Zh => format!("{}（{} / {} / {}，{cur}）", t.range, t.case_low, t.case_likely, t.case_high),
            Lang::En => format!("{} ({} / {} / {}, {cur})", t.range, t.case_low, t.case_likely, t.case_high),
        };
        figures.push((label, format!("{} / {} / {}", amount(r.low), amount(r.likely), amount(r.high)), "range"));
    }
    if let Some(p) = q.price_per_call {
        figures.push((t.price_per_call.to_string(), format::unit_price(p, currency.as_str(), lang), ""));
    }
    for (n, label, class) in [
        (q.free_quota_calls, t.from_quota, ""),
        (q.commitment_calls, t.from_commitment, ""),
        (q.refused_calls, t.refused, "warn"),
        (q.expired_calls, t.expired, "warn"),
    ] {
        if n > 0 {
            figures.push((label.to_string(), format::calls(n, lang), class));
        }
    }
    // Calls still valid after the last month, and until when (past the months priced).
    if q.unused_calls > 0 {
        let until = q.unused_valid_through().map(|m| {
            let m = format::month_dated(m, calendar, lang);
            fill(t.unused_until, &[("m", &m)])
        });
        figures.push((t.unused.to_string(), format::calls(q.unused_calls, lang) + &until.unwrap_or_default(), ""));
    }
    let hints = q.hints.iter().map(|h| view! { <p class="hint-box">{h.message.clone()}</p> }).collect_view();
    view! {
        {widgets::stats(figures)}
        <div class="math">
            <span class="math-label">{t.math}</span>
            <code class="formula">{math}</code>
        </div>
        {hints}
    }
    .into_any()
}

/// The quote's notes and assumptions, under its month table.
fn quote_notes(q: &LineQuote, lang: Lang) -> AnyView {
    let t = texts(lang);
    view! {
        {widgets::notes(t.notes, q.notes.clone(), true)}
        {widgets::notes(t.assumptions, q.assumptions.clone(), false)}
    }
    .into_any()
}

/// Month by month: calls, where they were drawn from, the tier, the cost and the pack balance;
/// each month with its date where the line has them (`calendar`), and its cost on the other side
/// of the estimate's `vat` where one is stated (the months adding up to the line's).
fn month_table(q: &LineQuote, calendar: &[Month], vat: Option<crate::engine::vat::Vat>, lang: Lang) -> AnyView {
    let t = texts(lang);
    let any = |f: fn(&crate::engine::quote::MonthQuote) -> bool| q.months.iter().any(f);
    // Each column where the line has something in it: format 2's only where the line uses them,
    // a free pack's, refused and expired calls only where a month has some (a column of zeros
    // pushed the month's cost and balance out of a desktop's view). The CSV keeps them all.
    // Packs' columns only where the line has packs (a postpaid line's were columns of zeros).
    let packs = !q.packs.is_empty() || any(|m| m.pack_calls > 0 || m.balance > 0);
    type Column = (&'static str, fn(&crate::engine::quote::MonthQuote, &LineQuote, Lang) -> String);
    let columns: [(bool, Column); 11] = [
        (true, (t.calls, |m, _, _| group_u64(m.calls))),
        // The month's cost next to its calls: on a phone, in view before the table scrolls. After
        // the line's discount, so the months add up to the line; a month without a price says
        // why, as its line does.
        (true, (t.cost, |m, q, lang| m.cost.map_or_else(|| format::missing(q.missing_price, lang).to_string(), yuan))),
        (q.free_quota_calls > 0, (t.from_quota, |m, _, _| group_u64(m.free_quota_calls))),
        (
            any(|m| m.commitment.is_some()),
            (
                t.from_commitment,
                |m, _, _| if m.commitment.is_some() { group_u64(m.commitment_calls) } else { String::new() },
            ),
        ),
        (any(|m| m.free_calls > 0), (t.from_free, |m, _, _| group_u64(m.free_calls))),
        (packs, (t.from_packs, |m, _, _| group_u64(m.pack_calls))),
        (true, (t.postpaid_calls, |m, _, _| group_u64(m.postpaid_calls))),
        (any(|m| m.refused_calls > 0), (t.refused, |m, _, _| group_u64(m.refused_calls))),
        (true, (t.tier, |m, _, _| m.tier.map(|i| (i + 1).to_string()).unwrap_or_default())),
        (packs, (t.balance, |m, _, _| group_u64(m.balance))),
        (
            any(|m| m.expired_calls > 0),
            (t.expired, |m, _, _| if m.expired_calls > 0 { group_u64(m.expired_calls) } else { String::new() }),
        ),
    ];
    let columns: Vec<Column> = columns.into_iter().filter(|(shown, _)| *shown).map(|(_, c)| c).collect();
    // With VAT stated: each month's cost on its other side, after the cost (every month priced).
    let costs: Vec<_> = q.months.iter().map(|m| m.cost).collect();
    let sides = vat.and_then(|v| v.other_side_months(&costs));
    let vat = vat.filter(|_| sides.is_some());
    let side = |k: usize| sides.as_ref().map(|s| Cell::num(s.get(k).copied().map(yuan).unwrap_or_default()));
    let rows = q
        .months
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let mut cells: Vec<Cell> =
                std::iter::once(Cell::head_num(format::dated(m.month.to_string(), calendar, m.month as usize)))
                    .chain(columns.iter().map(|(_, cell)| Cell::num(cell(m, q, lang))))
                    .collect();
            // After the month, its calls and its cost.
            if let Some(c) = side(k) {
                cells.insert(3, c);
            }
            Row { class: if m.refused_calls > 0 || m.expired_calls > 0 { "warn" } else { "" }, cells }
        })
        .collect();
    let mut head: Vec<Cell> = std::iter::once(t.month).chain(columns.iter().map(|(h, _)| *h)).map(Cell::num).collect();
    if let Some(v) = vat {
        head.insert(3, Cell::num(super::summary::vat_column_head(v, lang)));
    }
    let alerts: Vec<String> = q
        .months
        .iter()
        .flat_map(|m| {
            m.alerts.iter().map(move |a| {
                let n = format::dated(fill(t.month_n, &[("n", &m.month.to_string())]), calendar, m.month as usize);
                format!("{n}{}{}", lang.pick("：", ": "), a.message)
            })
        })
        .collect();
    let years = format::by_year(&q.by_year(calendar), currency().as_str(), lang)
        .map(|y| view! { <p class="small by-year">{y}</p> });
    let legend = tier_legend(q).map(|l| view! { <p class="small tier-legend">{t.tier}{lang.pick("：", ": ")}{l}</p> });
    view! {
        <details class="months-box" open>
            <summary>{t.month_table}</summary>
            {widgets::table("months", String::new(), head, rows)}
            {legend}
            {years}
            {widgets::notes(t.alerts, alerts, true)}
        </details>
    }
    .into_any()
}

/// What the tier column's numbers stand for: each tier the months reach, with its range of a
/// month's calls in the table that priced it (`2 = 1,000 ≤ x < 10,000`; a commitment's own
/// overage table in its months), by tier. `None` where no month reaches one.
fn tier_legend(q: &LineQuote) -> Option<String> {
    let catalog = super::state::catalog();
    let service = catalog.service_by_id(&q.service_id)?;
    let mut said: Vec<(usize, String)> = Vec::new();
    for m in &q.months {
        let Some(i) = m.tier else { continue };
        let commitment = m.commitment.as_deref().and_then(|id| service.commitments.iter().find(|c| c.id == id));
        let table = commitment.map_or(&service.postpaid, |c| c.table(&service.postpaid));
        let Postpaid::Tiers(table) = table else { continue };
        let Some(label) = table.range_labels().into_iter().nth(i) else { continue };
        let entry = (i, format!("{} = {label}", i + 1));
        if !said.contains(&entry) {
            said.push(entry);
        }
    }
    said.sort_by_key(|(i, _)| *i);
    (!said.is_empty()).then(|| said.into_iter().map(|(_, e)| e).collect::<Vec<_>>().join(" · "))
}

/// "Line n" for the summary list.
pub fn line_label(lang: crate::engine::Lang, n: usize) -> String {
    fill(texts(lang).line, &[("n", &n.to_string())])
}
