//! The quote summary: the grand total (an ARIA live region), each line's subtotal, and the
//! actions that take the estimate elsewhere: share link, JSON and CSV exports, print.

use leptos::prelude::*;

use crate::app::page::{FieldKey, LineField, LineId, Page, Total};
use crate::app::text::{fill, texts};
use crate::app::{csv, format, share};
use crate::engine::Quote;
use crate::engine::quote::global_assumptions;
use crate::engine::vat::Vat;

use super::i18n::tr;
use super::quote_view::line_label;
use super::state::{AppState, catalog, currency};
use super::{browser, widgets};

#[component]
pub fn Summary() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The currency is read where it is shown (tracked): loading a list in another currency
    // changes it, and the total showed the old one until a reload.
    let total_text = move || match state.total.get() {
        // Lines that wait for a price: what the others come to, and the words of the missing one.
        Total::Amount(None) => unpriced()
            .map(|u| format::unpriced_total(&u, currency().as_str(), state.lang.get()).headline())
            .unwrap_or_else(|| format::money(None, currency().as_str(), state.lang.get())),
        Total::Amount(a) => format::money(a, currency().as_str(), state.lang.get()),
        Total::Errors => "—".to_string(),
    };
    let assumptions = move || {
        global_assumptions(&catalog(), state.lang.get()).into_iter().map(|a| view! { <li>{a}</li> }).collect_view()
    };
    view! {
        <aside class="summary" aria-labelledby="summary-heading">
            <h2 id="summary-heading" tabindex="-1">{tr(|t| t.quote)}</h2>
            <GrandTotal total_text=Signal::derive(total_text) />
            <PerLine />
            <ByMonth />
            {super::steps::later(super::steps::step::EXTRAS, || view! { <super::terms::EstimateTerms /> })}
            <Exports />
            <details class="notes">
                <summary>{tr(|t| t.assumptions)}</summary>
                <ul>{assumptions}</ul>
            </details>
        </aside>
        // On a phone the summary is below the lines; this bar keeps the total in sight.
        <div class="total-bar" aria-hidden="true">
            <span>{tr(|t| t.total)}</span>
            <span class="num" class:waits=move || matches!(state.total.get(), Total::Amount(None))>
                {total_text}
                // With VAT stated: the total on its other side too (what is paid, where the
                // prices leave VAT out), not only in the summary's small print.
                {move || bar_vat(state).map(|v| view! { <span class="bar-vat">{v}</span> })}
            </span>
        </div>
    }
}

/// The headlines of the list's readings that concern the estimate's lines ([`Note::headline`]),
/// once each, in the list's order.
///
/// [`Note::headline`]: crate::engine::catalog::Note::headline
fn headlines(state: AppState) -> Vec<crate::engine::Text> {
    let catalog = catalog();
    let services: Vec<String> =
        state.with(|p| p.lines().filter_map(|(_, l)| catalog.service(&l.service).map(|s| s.id.clone())).collect());
    catalog
        .assumptions
        .iter()
        .filter(|n| services.iter().any(|id| n.concerns(id)))
        .filter_map(|n| n.headline.clone())
        .collect()
}

/// The total on the other side of the VAT stated (`含税 494,401.23 元`), where it has one.
fn bar_vat(state: AppState) -> Option<String> {
    let Total::Amount(Some(total)) = state.total.get() else { return None };
    let lang = state.lang.get();
    let (other, with) = Vat::other_side(&vat_in_force(state)?.split(total));
    Some(format!("{} {}", format::vat_side(with, lang), format::money(Some(other), currency().as_str(), lang)))
}

/// Each line's quote with its dates ([`crate::engine::Line::calendar`]), in order, given to `f`
/// (the estimate by calendar year, month by month); `None` while a line cannot be priced.
fn dated_quotes<R>(f: impl FnOnce(Vec<(&crate::engine::LineQuote, &[crate::engine::usage::Month])>) -> R) -> Option<R> {
    let state = expect_context::<AppState>();
    let calendars: Vec<(LineId, Vec<crate::engine::usage::Month>)> =
        state.with(|p| p.lines().map(|(id, l)| (id, l.calendar().into_owned())).collect());
    state.quotes.with(|qs| {
        let lines: Option<Vec<_>> = qs
            .iter()
            .map(|(id, q)| {
                let calendar = calendars.iter().find(|(x, _)| x == id).map_or(&[][..], |(_, c)| c.as_slice());
                Some((q.as_ref().ok()?, calendar))
            })
            .collect();
        Some(f(lines?))
    })
}

/// The lines the total waits for a price for, and what the others come to ([`Page::unpriced`]).
fn unpriced() -> Option<crate::app::page::Unpriced> {
    let state = expect_context::<AppState>();
    state.quotes.with(|qs| state.with(|p| p.unpriced(qs)))
}

/// The grand total (an ARIA live region), why it is missing where it is, and its low–high
/// range where a line gives one.
#[component]
fn GrandTotal(total_text: Signal<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || texts(state.lang.get());
    let total_note = move || match state.total.get() {
        Total::Amount(None) => Some(unpriced().map_or_else(
            || t().total_needs_sales.to_string(),
            |u| format::unpriced_total(&u, currency().as_str(), state.lang.get()).note,
        )),
        // No field to fix: a line cannot be priced (its quote says why).
        Total::Errors if !state.with(Page::figures_invalid) => Some(t().total_line_error.to_string()),
        Total::Errors => Some(t().total_has_errors.to_string()),
        Total::Amount(Some(_)) => None,
    };
    // Calls refused by lines with postpaid off: the total is for fewer calls than typed.
    let refused = move || {
        let n = state.quotes.with(|qs| {
            qs.iter().filter_map(|(_, q)| q.as_ref().ok()).fold(0u64, |a, q| a.saturating_add(q.refused_calls))
        });
        (n > 0).then(|| fill(t().total_refuses, &[("n", &format::calls(n, state.lang.get()))]))
    };
    // The VAT the visitor states for the list's prices; none while its rate field holds text it
    // refuses (not at the rate from before that edit).
    let vat_stated = move || vat_in_force(state);
    // The total split by it; where lines wait for a price, what has one split, said so.
    let vat = move || {
        let lang = state.lang.get();
        let (amount, part) = match state.total.get() {
            Total::Amount(Some(total)) => (total, false),
            Total::Amount(None) => (unpriced()?.part?, true),
            Total::Errors => return None,
        };
        let split = format::vat_split(&vat_stated()?.split(amount), currency().as_str(), lang);
        Some(if part { format!("{}{split}", t().vat_priced_part) } else { split })
    };
    // By calendar year, where every line's months have dates and they span more than one year.
    let by_year = move || {
        if !matches!(state.total.get(), Total::Amount(Some(_))) {
            return None;
        }
        let years = dated_quotes(|lines| crate::engine::quote::by_year(lines))??;
        format::by_year(&years, currency().as_str(), state.lang.get())
    };
    // Low – high, where a line gives a range of volumes.
    let range = move || {
        let lang = state.lang.get();
        // None while a line cannot be priced, or a field holds text it refuses (the quotes are
        // then from before that edit): the total shows "—" then.
        if matches!(state.total.get(), Total::Errors) {
            return None;
        }
        let (r, part, why) = state.quotes.with(|qs| {
            let lines: Option<Vec<_>> = qs.iter().map(|(_, q)| q.as_ref().ok()).collect();
            let lines = lines?;
            let r = crate::engine::quote::range_of(lines.iter().copied()).ok().flatten()?;
            let part = crate::engine::quote::priced_range_part(lines.iter().copied()).ok().flatten();
            Some((r, part, lines.iter().find_map(|l| l.missing_price)))
        })?;
        let currency = currency();
        let m = |d| format::money(d, currency.as_str(), lang);
        // A case waiting for a price: what has one in it, and why the rest waits, on each side
        // that waits ("12,250.00 元 – 14,800.00 元 + 需询价"; a low case past the postpaid
        // table's last tier waits too, so its part is not read as the whole).
        if r.low.is_none() || r.high.is_none() {
            use crate::engine::terms::Case;
            // Nothing with a price on either side: no range (the total says why).
            let has = |whole: Option<rust_decimal::Decimal>, case| whole.or(part.and_then(|p| p.get(case))).is_some();
            if !has(r.low, Case::Low) && !has(r.high, Case::High) {
                return None;
            }
            let side = |whole, part: Option<crate::engine::terms::CaseTotals>, case| {
                format::money_or_part(whole, part.and_then(|p| p.get(case)), why, currency.as_str(), lang)
            };
            return Some((
                format::range_label(lang),
                side(r.low, part, Case::Low),
                side(r.high, part, Case::High),
                None,
            ));
        }
        // With VAT stated, the range on the other side of it too (with VAT where the prices
        // leave it out, before it where they include it); not at a rate the field refused.
        let other = vat_stated().and_then(|v| {
            let side = |d: Option<rust_decimal::Decimal>| d.map(|d| Vat::other_side(&v.split(d)).0);
            let word = format!("{} ", format::vat_side(!v.included, lang));
            Some((word, m(Some(side(r.low)?)), m(Some(side(r.high)?))))
        });
        Some((format::range_label(lang), m(r.low), m(r.high), other))
    };
    // What the estimate is expected to cost at its cases' weights, where every case has a
    // total (as the quote's `expected` and the scenarios' comparison give it).
    let expected = move || {
        if !matches!(state.total.get(), Total::Amount(Some(_))) {
            return None;
        }
        let w = state.terms.with(|t| t.1);
        let amount = state.quotes.with(|qs| {
            let lines: Option<Vec<_>> = qs.iter().map(|(_, q)| q.as_ref().ok()).collect();
            crate::engine::quote::expected_of(lines?.into_iter(), w)
        })?;
        let lang = state.lang.get();
        let weights = format!("{} / {} / {}", w.low.normalize(), w.likely.normalize(), w.high.normalize());
        let amount = format::money(Some(amount), currency().as_str(), lang);
        Some(fill(t().grand_expected, &[("w", &weights), ("amount", &amount)]))
    };
    let together = move || state.with(|p| p.lines().filter(|(_, l)| l.has_range()).count() > 1);
    view! {
        <div class="grand">
            // Announced whole as it changes: "合计 12,250.00 元", not the amount alone.
            <div role="status" aria-atomic="true">
                <span class="grand-label">{tr(|t| t.total)}</span>
                // Waiting for a price ("11,250.00 元 + 未列价格"): free to wrap on a phone.
                <span id="grand-total" class="grand-amount num" class:waits=move || matches!(state.total.get(), Total::Amount(None))>{total_text}</span>
            </div>
            {move || {
                total_note()
                    .map(|n| {
                        // The field may sit in a closed panel, out of sight: a way to it (not
                        // for a line that cannot be priced, with no field to fix).
                        let errors = matches!(state.total.get(), Total::Errors) && state.with(Page::figures_invalid);
                        view! {
                            <p class="small warn">
                                {n}
                                {errors
                                    .then(|| {
                                        view! {
                                            " "
                                            <button type="button" class="ghost" on:click=move |_| {
                                                if let Some(key) = state.with_untracked(Page::first_invalid) {
                                                    browser::focus_field(&key.dom_id());
                                                }
                                            }>{tr(|t| t.go_to_field)}</button>
                                        }
                                    })}
                            </p>
                        }
                    })
            }}
            {move || vat().map(|v| view! { <p id="grand-vat" class="grand-vat">{v}</p> })}
            // Said where the split would be, so that the total is not read as having its VAT.
            {move || {
                state
                    .with(|p| p.vat().is_some() && p.is_invalid(FieldKey::new(LineId::ESTIMATE, LineField::EstimateVat)))
                    .then(|| view! { <p id="grand-vat-held" class="small warn">{tr(|t| t.vat_rate_held)}</p> })
            }}
            {move || by_year().map(|y| view! { <p id="grand-years" class="small">{y}</p> })}
            {move || refused().map(|n| view! { <p class="small warn">{n}</p> })}
            // Each amount kept whole on its line (not "CNY" at one line's end, its figure on the next).
            {move || range().map(|(label, low, high, other)| view! {
                <p id="grand-range" class="small range">{label}<span class="nowrap">{low}</span>" – "<span class="nowrap">{high}</span>
                    {other.map(|(word, low, high)| view! {
                        <span class="vat-range">" · "{word}<span class="nowrap">{low}</span>" – "<span class="nowrap">{high}</span></span>
                    })}
                    // Several lines' ranges: the low total is every line at its low, the high
                    // every line at its high (they are taken to move together).
                    {move || together().then(|| view! { <span class="muted">{tr(|t| t.range_together)}</span> })}
                </p>
            })}
            {move || expected().map(|e| view! { <p id="grand-expected" class="small">{e}</p> })}
            // Readings every figure of the lines' services rests on (which accounts the prices
            // hold for), said with the total: the full reading is among the assumptions.
            {move || {
                let lang = state.lang.get();
                headlines(state)
                    .into_iter()
                    .map(|h| view! { <p class="small warn caveat">{h.get(lang).to_string()}</p> })
                    .collect_view()
            }}
        </div>
    }
}

/// Each line's subtotal; none, like the total, for a line with a field (its own or the
/// estimate's) holding invalid text, since the quote holds the value from before that edit.
#[component]
fn PerLine() -> impl IntoView {
    let state = expect_context::<AppState>();
    let items = move || {
        let lang = state.lang.get();
        state.quotes.with(|qs| {
            qs.iter()
                .enumerate()
                .map(|(i, (id, q))| {
                    let held = state.with(|p| p.line_invalid(*id) || p.line_invalid(LineId::ESTIMATE));
                    let (name, amount) = match q {
                        Ok(q) if held => (q.service_name.clone(), "—".to_string()),
                        Ok(q) => (
                            q.service_name.clone(),
                            format::money_or(q.total, q.missing_price, currency().as_str(), lang),
                        ),
                        Err(_) => (String::new(), "—".to_string()),
                    };
                    view! {
                        <li>
                            <span>{format!("{} · {name}", line_label(lang, i + 1))}</span>
                            <span class="num">{amount}</span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! { <ul class="per-line">{items}</ul> }
}

/// The VAT the visitor states for the list's prices; none while its rate field holds text it
/// refuses (not at the rate from before that edit).
pub fn vat_in_force(state: AppState) -> Option<Vat> {
    let refused = state.with(|p| p.is_invalid(FieldKey::new(LineId::ESTIMATE, LineField::EstimateVat)));
    if refused { None } else { state.with(Page::vat) }
}

/// The head of a month table's column of costs on the other side of `vat` (`含税（元）`,
/// `Before VAT (CNY)`).
pub fn vat_column_head(vat: Vat, lang: crate::engine::Lang) -> String {
    let cur = currency();
    let word = format::currency_word(cur.as_str(), lang);
    let side = format::vat_side(!vat.included, lang);
    let side = match lang {
        crate::engine::Lang::Zh => side.to_string(),
        crate::engine::Lang::En => {
            let mut c = side.chars();
            c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
        }
    };
    match lang {
        crate::engine::Lang::Zh => format!("{side}（{word}）"),
        crate::engine::Lang::En => format!("{side} ({word})"),
    }
}

/// The estimate month by month, its lines together, where it has two lines or more: the figure a
/// budget is planned by, each month at its date where the lines are dated
/// ([`crate::engine::quote::by_month`]). Built when opened (or printed).
#[component]
fn ByMonth() -> impl IntoView {
    let state = expect_context::<AppState>();
    // None with one line (its own table says it), or where a field or a line holds the figures
    // back; Some(None) where the lines' months cannot be put side by side (some dated, some not,
    // or too far apart): the panel says so.
    let months = Memo::new(move |_| {
        if state.with(|p| p.lines().count() < 2) || !matches!(state.total.get(), Total::Amount(_)) {
            return None;
        }
        dated_quotes(|lines| crate::engine::quote::by_month(lines))
    });
    let table = move || {
        let lang = state.lang.get();
        let t = texts(lang);
        let Some(months) = months.get()? else {
            return Some(view! { <p class="small muted">{t.all_lines_apart}</p> }.into_any());
        };
        // With VAT stated and every month priced: each month on its other side too, adding up
        // to the total's.
        let costs: Vec<_> = months.iter().map(|m| m.cost).collect();
        let vat = vat_in_force(state);
        let sides = vat.and_then(|v| v.other_side_months(&costs));
        let vat = vat.filter(|_| sides.is_some());
        let rows =
            months
                .iter()
                .enumerate()
                .map(|(k, m)| widgets::Row {
                    class: "",
                    cells: [
                        // Its date where the lines are dated (a number would be no line's own).
                        widgets::Cell::head_num(m.date.map_or_else(|| m.month.to_string(), |d| d.to_string())),
                        // A month without a price says why, after what its priced lines come to.
                        widgets::Cell::num(match (m.cost, m.priced) {
                            (Some(c), _) => crate::engine::money::yuan(c),
                            (None, Some(p)) => format::waiting(&crate::engine::money::yuan(p), m.missing, lang),
                            (None, None) => format::missing(m.missing, lang).to_string(),
                        }),
                    ]
                    .into_iter()
                    .chain(sides.as_ref().map(|s| {
                        widgets::Cell::num(s.get(k).copied().map(crate::engine::money::yuan).unwrap_or_default())
                    }))
                    .collect(),
                })
                .collect::<Vec<_>>();
        // The months add up to the total: its row last, as a budget's sheet has it (the page's
        // total, or what has a price and why the rest waits).
        let mut rows = rows;
        let total = match state.total.get() {
            Total::Amount(Some(t)) => crate::engine::money::yuan(t),
            _ => match unpriced() {
                Some(u) => match u.part {
                    Some(p) => format::waiting(&crate::engine::money::yuan(p), u.why(), lang),
                    None => format::missing(u.why(), lang).to_string(),
                },
                None => String::new(),
            },
        };
        let total_other = match (vat, state.total.get()) {
            (Some(v), Total::Amount(Some(total))) => Some(Vat::other_side(&v.split(total)).0),
            _ => None,
        };
        rows.push(widgets::Row {
            class: "total",
            cells: [widgets::Cell::head_num(t.total), widgets::Cell::num(total)]
                .into_iter()
                .chain(vat.map(|_| widgets::Cell::num(total_other.map(crate::engine::money::yuan).unwrap_or_default())))
                .collect(),
        });
        let cur = currency();
        let word = format::currency_word(cur.as_str(), lang);
        let cost = match lang {
            crate::engine::Lang::Zh => format!("{}（{word}）", t.cost),
            crate::engine::Lang::En => format!("{} ({word})", t.cost),
        };
        let head = [widgets::Cell::num(t.month), widgets::Cell::num(cost)]
            .into_iter()
            .chain(vat.map(|v| widgets::Cell::num(vat_column_head(v, lang))))
            .collect();
        Some(widgets::table("months by-month", String::new(), head, rows))
    };
    view! {
        <Show when=move || months.with(Option::is_some)>
            {widgets::lazy_details("all-months", move || texts(state.lang.get()).all_lines_by_month, true, table)}
        </Show>
    }
}

/// What takes the estimate elsewhere: a share link, JSON and CSV exports, print.
#[component]
fn Exports() -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || texts(state.lang.get());
    let link = RwSignal::new(None::<(bool, String, share::Carried)>);
    // The link's size in KB where it is too long (said in the page's language when drawn).
    let too_long = RwSignal::new(None::<usize>);
    // Nothing leaves the page while a field is invalid: the estimate then holds the values
    // before that edit, not what the field shows.
    let blocked = RwSignal::new(false);
    let invalid = Memo::new(move |_| state.with(Page::any_invalid));
    Effect::new(move |_| {
        if !invalid.get() {
            blocked.set(false);
        }
    });
    let refuse = move || {
        let refused = invalid.get_untracked();
        blocked.set(refused);
        if refused {
            link.set(None);
            too_long.set(None);
        }
        refused
    };
    let on_share = move |_| {
        if refuse() {
            return;
        }
        // The comparison of vendors the visitor keeps, and the saved scenarios, go with it.
        let vendors = browser::load(crate::app::vendors::STORAGE_KEY)
            .ok()
            .flatten()
            .and_then(|t| crate::app::vendors::read(&t).ok())
            .map(|d| d.encode());
        let scenarios = state.with_untracked(|p| {
            let saved = &p.scenarios().saved;
            (!saved.is_empty())
                .then(|| (crate::app::compare::Scenarios::encode(&saved.iter().collect::<Vec<_>>()), saved.len()))
        });
        let (url, carried) =
            share::link_to_all(&browser::page_url(), &state.with_untracked(Page::estimate), vendors, scenarios);
        if url.len() > share::MAX_LINK {
            too_long.set(Some(url.len() / 1024));
            link.set(None);
            return;
        }
        too_long.set(None);
        leptos::task::spawn_local(async move {
            let ok = browser::copy(&url).await;
            link.set(Some((ok, url, carried)));
        });
    };
    let on_json = move |_| {
        if refuse() {
            return;
        }
        let json = serde_json::to_string_pretty(&state.with_untracked(Page::estimate)).unwrap_or_default();
        browser::download("packwise-estimate.json", "application/json", &json);
    };
    let on_csv = move |_| {
        if refuse() {
            return;
        }
        let lang = state.lang.get_untracked();
        let lines: Option<Vec<_>> =
            state.quotes.with_untracked(|qs| qs.iter().map(|(_, q)| q.as_ref().ok().cloned()).collect());
        let calendars: Vec<_> =
            state.with_untracked(|p| p.estimate().lines.iter().map(|l| l.calendar().to_vec()).collect());
        // The VAT as the page shows it: none while its rate field holds text it refuses.
        let (vat, weights) = (untrack(|| vat_in_force(state)), state.terms.with_untracked(|t| t.1));
        let quoted = lines.and_then(|lines| Quote::of_lines(&catalog(), lines, lang).ok());
        if let Some(q) = quoted.map(|q| q.with_vat(vat).with_weights(weights)) {
            let text = csv::quote_csv(&q, &calendars, lang) + &csv::exported_on(&browser::today(), lang);
            browser::download("packwise-quote.csv", "text/csv;charset=utf-8", &text);
        }
    };
    // An exported estimate opened again: read on this device, checked before it replaces
    // anything (a problem is said with its field, the estimate stays).
    let file_input = NodeRef::<leptos::html::Input>::new();
    // Why a file could not be opened, said in the page's language when drawn.
    let open_problem = RwSignal::new(None::<(String, OpenProblem)>);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = browser::chosen_file(&ev) else { return };
        // The same file chosen again is a change too.
        if let Some(input) = file_input.get_untracked() {
            input.set_value("");
        }
        let name = file.name();
        // Checked before reading: a huge file is never read into memory. (`as` saturates.)
        if let Err(e) = crate::engine::limits::check_estimate_size(file.size() as u64) {
            open_problem.set(Some((name, OpenProblem::TooLarge(e))));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = browser::text_of(&file).await;
            let mut result = Ok(());
            match text {
                Some(text) => state.update(|p| result = p.open_file(&name, &text)),
                None => result = Err(crate::engine::EstimateError::Syntax { message: "not readable as text".into() }),
            }
            let opened = result.is_ok();
            open_problem.set(result.err().map(|e| (name, OpenProblem::Estimate(e))));
            if opened {
                // The estimate opened: the focus to its first line.
                browser::focus_soon("article.line h3".to_string());
            }
        });
    };
    view! {
        <div class="actions">
            <button type="button" class="primary" on:click=on_share>{tr(|t| t.share)}</button>
            <button type="button" on:click=on_json>{tr(|t| t.export_json)}</button>
            <button type="button" on:click=move |_| {
                if let Some(input) = file_input.get() {
                    input.click();
                }
            }>{tr(|t| t.open_json)}</button>
            <input type="file" accept=".json,application/json" hidden node_ref=file_input on:change=on_file
                aria-label=move || texts(state.lang.get()).open_json />
            <button type="button" on:click=on_csv>{tr(|t| t.export_csv)}</button>
            <button
                type="button"
                on:click=move |_| {
                    if !refuse() {
                        browser::print();
                    }
                }
            >
                {tr(|t| t.print)}
            </button>
        </div>
        <p class="small muted print-hint">{tr(|t| t.print_hint)}</p>
        <Show when=move || blocked.get()>
            <p class="warn-box" role="alert">{tr(|t| t.fix_first)}</p>
        </Show>
        {move || {
            open_problem.get().map(|(name, e)| {
                let lang = state.lang.get();
                let e = match e {
                    OpenProblem::Estimate(e) => crate::app::format::problem(&e, lang),
                    OpenProblem::TooLarge(e) => crate::app::format::too_big(&e, lang),
                };
                let m = fill(texts(lang).open_failed, &[("name", &name), ("e", &e)]);
                view! { <p class="error-box" role="alert">{m}</p> }
            })
        }}
        {move || {
            too_long.get().map(|kb| {
                let m = share::too_long_text(kb, state.lang.get());
                view! { <p class="warn-box" role="status">{m}</p> }
            })
        }}
        {move || {
            link.get()
                .map(|(ok, url, carried)| {
                    view! {
                        <div class="share-out" role="status">
                            <label for="share-url" class="small">
                                {if ok { t().copied } else { t().copy_failed }}
                            </label>
                            <input id="share-url" type="text" readonly prop:value=url />
                            {move || carried.said(state.lang.get()).map(|s| view! { <p class="small muted">{s}</p> })}
                        </div>
                    }
                })
        }}
    }
}

/// Why an estimate file did not open.
#[derive(Clone, Debug, PartialEq)]
enum OpenProblem {
    /// Past the most an estimate file may weigh (never read).
    TooLarge(crate::engine::limits::TooBig),
    /// Read, and refused by the engine.
    Estimate(crate::engine::EstimateError),
}
