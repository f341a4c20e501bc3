//! One line of the estimate: the service, its volume, its packs, its commitments (format 2) and
//! the postpaid switch, with the line's tier table and quote beneath. It reads and edits the line through [`AppState`].

use leptos::prelude::*;

use crate::app::page::{FieldKey, LineField, LineId};
use crate::app::text::{fill, texts};
use crate::app::{edit, format, input};
use crate::engine::catalog::{PackSize, Service};
use crate::engine::money::{group_u64, plain, yuan_short};
use crate::engine::usage::Month;
use crate::engine::{Line, growth, limits};

use super::commitments::Commitments;
use super::fields::{TextField, decimal, whole};
use super::i18n::{tr, trs};
use super::plan::{BreakEvenChart, OptimizerPanel, PlannerChart};
use super::quote_view::{LineQuoteView, TierTable, line_label};
use super::state::{AppState, Currency, ServiceRef, catalog};
use super::steps::{gradual, later, step};
use super::terms::{LineTerms, NegotiatedPrice};
use super::usage::UsageImport;

#[component]
pub fn LineEditor(id: LineId) -> impl IntoView {
    let state = expect_context::<AppState>();
    // Per-line memos: editing one line re-renders that line only.
    let line = Memo::new(move |_| state.line(id));
    let quote = Memo::new(move |_| state.line_quote(id));
    let service = Memo::new(move |_| line.with(|l| l.as_ref().and_then(|l| super::state::service(&l.service))));
    // The months' dates (a history's, a forecast's or from the first month typed).
    let calendar = Memo::new(move |_| line.with(|l| l.as_ref().map(|l| l.calendar().into_owned()).unwrap_or_default()));
    // The line's months, and how many the month fields and the buy month's options show: many
    // added at once come in steps (see `gradual`).
    let months = Memo::new(move |_| line.with(|l| l.as_ref().map_or(0, |l| l.calls.len())));
    let shown = gradual(months, MONTHS_AT_ONCE);
    let number = move || state.index_of(id).map_or(0, |i| i + 1);
    let heading_id = super::state::line_heading(id);
    let labelled_by = heading_id.clone();
    let described = heading_id.clone();
    let title = move || {
        let lang = state.lang.get();
        // A service the list in force does not have: the line's own text for it.
        let name = service.get().map_or_else(
            || line.with(|l| l.as_ref().map(|l| l.service.clone()).unwrap_or_default()),
            |s| s.name.get(lang).to_string(),
        );
        format!("{} · {name}", line_label(lang, number()))
    };

    view! {
        <article class="line" aria-labelledby=labelled_by>
            <header class="line-head">
                <h3 id=heading_id tabindex="-1">{title}</h3>
                <div class="line-actions">
                    // Described by the line's heading: every line's buttons have the same names.
                    <button type="button" class="ghost" aria-describedby=described.clone() on:click=move |_| state.duplicate(id)>
                        {tr(|t| t.duplicate)}
                    </button>
                    <button type="button" class="ghost danger" aria-describedby=described on:click=move |_| state.remove(id)>
                        {tr(|t| t.remove)}
                    </button>
                </div>
            </header>
            // On paper, the line in one sentence under its heading, before its tiers and quote.
            <p class="print-only line-summary">
                {move || line.with(|l| l.as_ref().map(|l| crate::app::format::describe_line(l, super::state::currency().as_str(), state.lang.get())))}
            </p>
            // Built in steps on the first load (see `steps::step`): the service and the volume, the
            // packs, then (after the summary) the tiers and the quote, then the planner, the
            // cheapest plan and the break-even chart.
            <div class="line-inputs">
                {later(step::SERVICE, move || view! {
                    <ServicePicker id=id line=line />
                    <Volume id=id line=line service=service calendar=calendar months shown />
                    <UsageImport id=id />
                })}
                {later(step::PACKS, move || {
                    service
                        .get()
                        .map(|s| {
                            view! {
                                <Packs id=id line=line service=s.clone() months shown calendar />
                                <Commitments id=id line=line service=s.clone() />
                                <PostpaidSwitch id=id line=line service=s />
                            }
                        })
                })}
            </div>
            {later(step::QUOTE, move || view! {
                <LineTerms id=id line=line />
                {move || service.get().map(|s| view! { <TierTable service=s quote=quote /> })}
                <NegotiatedPrice id=id line=line quote=quote />
                <LineQuoteView id=id quote=quote calendar=calendar />
            })}
            // Nothing to plan or chart where nothing has a price: a service the list prices not
            // at all, until a negotiated price is given (the quote says so and offers the field).
            {later(step::PLAN, move || {
                let priced = move || {
                    service.with(|s| s.as_ref().is_some_and(|s| s.has_prices()))
                        || quote.with(|q| matches!(q, Some(Ok(q)) if q.total.is_some()))
                };
                view! {
                    <Show when=priced>
                        <PlannerChart quote=quote calendar=calendar />
                        <OptimizerPanel id=id line=line />
                        {move || service.get().map(|s| view! { <BreakEvenChart id=id line=line service=s /> })}
                    </Show>
                }
            })}
        </article>
    }
}

/// How many month fields (and options of the buy month's list) an edit adds in its own task; more
/// come as many in each task after it. Typing 120 into a 12-month range's months built 108 fields
/// and all 120 options (not keyed then) in the keystroke's task, 43–72 ms of it on this machine:
/// over the 50 ms bar.
const MONTHS_AT_ONCE: usize = 36;

/// A filter box and a grouped select of every service.
#[component]
fn ServicePicker(id: LineId, line: Memo<Option<Line>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let filter = RwSignal::new(String::new());
    let current = move || {
        line.with(|l| l.as_ref().and_then(|l| super::state::service(&l.service).map(|s| s.id.clone())))
            .unwrap_or_default()
    };
    let matches = move |s: &Service| {
        let q = filter.get().trim().to_ascii_lowercase();
        q.is_empty() || s.names().any(|n| n.to_ascii_lowercase().contains(&q))
    };
    let options = move || {
        let lang = state.lang.get();
        let t = texts(lang);
        let selected = current();
        let catalog = catalog();
        // The list's groups (every list in force names all of its services' groups:
        // `catalog::merge::name_groups`).
        let groups = catalog.groups.iter().map(|g| (g.id.as_str(), g.name.get(lang).to_string()));
        // A line whose service the list in force does not have (another list loaded in place of
        // the built-in one): a first option that asks for one, not a select showing nothing.
        let orphan = selected.is_empty().then(|| {
            view! { <option value="" selected=true disabled=true>{t.choose_service}</option> }
        });
        let groups = groups
            .filter_map(|(gid, label)| {
                let members: Vec<&Service> = catalog
                    .services
                    .iter()
                    .filter(|s| s.group == gid)
                    .filter(|s| matches(s) || s.id == selected)
                    .collect();
                if members.is_empty() {
                    return None;
                }
                let opts = members
                    .into_iter()
                    .map(|s| {
                        let is_sel = s.id == selected;
                        view! {
                            <option value=s.id.clone() selected=is_sel>
                                {s.name.get(lang).to_string()}
                            </option>
                        }
                    })
                    .collect_view();
                Some(view! { <optgroup label=label>{opts}</optgroup> })
            })
            .collect_view();
        (orphan, groups)
    };
    let no_match = move || !catalog().services.iter().any(matches);
    let select_id = format!("l{id}-service");
    let filter_id = format!("l{id}-filter");
    view! {
        <div class="field service">
            <label for=select_id.clone()>{tr(|t| t.service)}</label>
            <div class="service-row">
                <input
                    id=filter_id
                    class="filter"
                    type="search"
                    placeholder=tr(|t| t.filter_placeholder)
                    aria-label=tr(|t| t.filter)
                    prop:value=move || filter.get()
                    on:input=move |ev| filter.set(event_target_value(&ev))
                />
                <select
                    id=select_id
                    prop:value=current
                    on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        let catalog = catalog();
                        if let Some(s) = catalog.service_by_id(&chosen) {
                            let name = s.name.zh.clone();
                            state.edit(id, |l| edit::set_service(l, &name, &catalog));
                        }
                    }
                >
                    {options}
                </select>
            </div>
            // Said as it happens (a screen reader hears it while typing in the filter).
            <span class="hint" role="status">
                <Show when=no_match>{tr(|t| t.no_match)}</Show>
            </span>
        </div>
    }
}

/// Monthly calls, months, and per-month calls when they vary.
#[component]
fn Volume(
    id: LineId,
    line: Memo<Option<Line>>,
    service: Memo<Option<ServiceRef>>,
    calendar: Memo<Vec<Month>>,
    /// The line's months, and how many month fields to show (all of them, but for a few tasks
    /// after months added).
    months: Memo<usize>,
    shown: Memo<usize>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || texts(state.lang.get());
    let calls = Memo::new(move |_| line.with(|l| l.as_ref().map(|l| l.calls.clone()).unwrap_or_default()));
    let vary = RwSignal::new(line.with_untracked(|l| l.as_ref().is_some_and(|l| !edit::uniform(l))));
    let first = Signal::derive(move || calls.with(|c| c.first().copied().unwrap_or(0)));
    let per_unit = move || service.with(|s| s.as_ref().and_then(|s| s.calls_per_unit.clone()));
    // Months that differ (an import, a growth) are shown month by month.
    Effect::new(move |_| {
        if line.with(|l| l.as_ref().is_some_and(|l| !edit::uniform(l))) && !vary.get_untracked() {
            vary.set(true);
        }
    });
    // The months put aside when "different each month" is unticked, back when it is ticked.
    let same = StoredValue::new(edit::SameEveryMonth::default());
    let note = move || {
        line.with(|l| l.as_ref().and_then(|l| crate::app::usage::line_note(l, state.lang.get())))
            .map(|n| view! { <p class="small muted usage-note">{n}</p> })
    };

    // Months pasted from a spreadsheet (a column, a row) into the calls field or a month's:
    // spread over the months from there on, the line made longer where they run past it. One
    // value, or a cell that is no month's calls, goes into the field as typed.
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        use wasm_bindgen::JsCast;
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).map(|e| e.id()) else {
            return;
        };
        let calls = FieldKey::new(id, LineField::Calls);
        let from = if target == calls.dom_id() {
            Some((0, calls))
        } else {
            (0..months.get()).map(|m| (m, FieldKey::new(id, LineField::Month(m)))).find(|(_, k)| k.dom_id() == target)
        };
        let Some((from, key)) = from else { return };
        let Some(text) = ev.clipboard_data().and_then(|d| d.get_data("text").ok()) else { return };
        let mut done = false;
        if let Some(values) = input::parse_pasted_calls(&text) {
            state.edit(id, |l| done = edit::paste_calls(l, from, &values));
        }
        // Cells of a spreadsheet never go into the field as they are: a text box drops the line
        // breaks, and a column would read as one number of all its digits.
        let cells = input::pasted_cells(&text);
        if done || cells.len() > 1 {
            ev.prevent_default();
        }
        if done {
            vary.set(true);
            // What the field had typed (cells it refused) goes, though the months may be those
            // it had before (a month's field: the calls field is gone, the months shown).
            if key != calls {
                state.reset.set(Some(key));
            }
        } else if let Some(field) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            && cells.len() > 1
        {
            // Not months the line can take (a cell that is no count, an empty one, past the most
            // months): the cells typed, parted by spaces, so the field says what is wrong.
            field.set_value(&cells.join(" "));
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            if let Ok(input) = web_sys::Event::new_with_event_init_dict("input", &init) {
                let _ = field.dispatch_event(&input);
            }
        }
    };

    view! {
        <div class="volume" on:paste=on_paste>
            <Show when=move || !vary.get()>
                <TextField
                    key=FieldKey::new(id, LineField::Calls)
                    label=trs(|t| t.monthly_calls)
                    value=Signal::derive(move || group_u64(first.get()))
                    apply=whole(input::parse_calls, move |n| state.edit(id, |l| edit::set_all_calls(l, n)))
                    hint=trs(|t| t.calls_hint)
                    class="calls"
                />
            </Show>
            <TextField
                key=FieldKey::new(id, LineField::Months)
                label=trs(|t| t.months)
                value=Signal::derive(move || group_u64(months.get() as u64))
                apply=whole(input::parse_months, move |n| state.edit(id, |l| edit::set_months(l, n as usize)))
                hint=trs(|t| t.months_hint)
                class="months"
            />
            // Typed calls only: a history's or a forecast's months are dated already.
            <Show when=move || line.with(|l| l.as_ref().is_some_and(Line::is_typed))>
                <TextField
                    key=FieldKey::new(id, LineField::FirstMonth)
                    label=trs(|t| t.first_month)
                    value=Signal::derive(move || {
                        line.with(|l| l.as_ref().and_then(|l| l.first_month).map(|m| m.to_string()).unwrap_or_default())
                    })
                    apply=Callback::new(move |text: String| {
                        input::parse_first_month(&text).map(|m| state.edit(id, |l| edit::set_first_month(l, m)))
                    })
                    hint=trs(|t| t.first_month_hint)
                    placeholder="2027-01"
                    class="first-month"
                />
            </Show>
            <label class="check">
                <input
                    type="checkbox"
                    id=format!("l{id}-vary")
                    prop:checked=move || vary.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        vary.set(on);
                        if on {
                            state.edit(id, |l| same.update_value(|s| s.undo(l)));
                        } else {
                            let n = first.get_untracked();
                            state.edit(id, |l| same.update_value(|s| s.set(l, n)));
                        }
                    }
                />
                {tr(|t| t.vary_by_month)}
            </label>
            <Show when=move || { months.get() > 1 }>
                <GrowthField id=id line calls />
            </Show>
            {move || {
                per_unit()
                    .filter(|_| !vary.get())
                    .map(|u| {
                        let per = u.calls;
                        view! {
                            <TextField
                                key=FieldKey::new(id, LineField::Units)
                                label=Signal::derive(move || {
                                    {
                                        let lang = state.lang.get();
                                        format!("{}{}{}", t().by_unit, lang.pick("：", ": "), u.unit.get(lang))
                                    }
                                })
                                value=Signal::derive(move || group_u64(first.get() / per.max(1)))
                                apply=whole(input::parse_calls, move |n: u64| {
                                    let calls = n.saturating_mul(per);
                                    state.edit(id, |l| edit::set_all_calls(l, calls));
                                })
                                hint=Signal::derive(move || {
                                    format!("× {per} = {}", format::calls(first.get(), state.lang.get()))
                                })
                                class="units"
                            />
                        }
                    })
            }}
            {note}
            <Show when=move || vary.get()>
                <div class="month-grid">
                    <For each=move || 0..shown.get() key=|m| *m let:m>
                        <TextField
                            key=FieldKey::new(id, LineField::Month(m))
                            label=Signal::derive(move || {
                                let n = fill(t().month_n, &[("n", &(m + 1).to_string())]);
                                calendar.with(|c| format::dated(n, c, m + 1))
                            })
                            value=Signal::derive(move || group_u64(calls.with(|c| c.get(m).copied().unwrap_or(0))))
                            apply=whole(input::parse_calls, move |n| state.edit(id, |l| edit::set_month_calls(l, m, n)))
                            class="month"
                        />
                    </For>
                </div>
            </Show>
        </div>
    }
}

/// "Monthly growth (%)": every month grows from month 1's calls, compounded, and the line keeps
/// the rate while its months follow it (months added and month 1 typed since follow it too:
/// `edit::set_growth`); empty where the months follow none.
#[component]
fn GrowthField(id: LineId, line: Memo<Option<Line>>, calls: Memo<Vec<u64>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let key = FieldKey::new(id, LineField::Growth);
    let growth = Memo::new(move |_| line.with(|l| l.as_ref().and_then(|l| l.growth)));
    // From which month the months are held at the most a month may have, where the growth, not
    // month 1's own calls, took them there.
    let capped = move || {
        growth.get()?;
        let m = growth::capped_from(&calls.get())?;
        let max = group_u64(limits::MAX_CALLS_PER_MONTH);
        let text = fill(texts(state.lang.get()).growth_capped, &[("m", &m.to_string()), ("max", &max)]);
        Some(view! { <span class="hint capped" id=format!("{}-capped", key.dom_id()) role="status">{text}</span> })
    };
    view! {
        <div class="growth">
            <TextField
                key
                label=trs(|t| t.growth)
                value=Signal::derive(move || growth.get().map(|g| g.normalize().to_string()).unwrap_or_default())
                apply=decimal(input::parse_percent, move |g| state.edit(id, |l| edit::set_growth(l, g)))
                hint=Signal::derive(move || {
                    let t = texts(state.lang.get());
                    // Months of their own (a spike in November) that a growth would replace: said
                    // before it is typed.
                    let typed = line.with(|l| l.as_ref().is_some_and(Line::is_typed));
                    let own = typed
                        && growth.get().is_none()
                        && calls.with(|c| c.len() > 1 && c.iter().any(|m| *m != c[0]));
                    if own {
                        // Months 2–12, or month 2 alone.
                        let n = calls.with(Vec::len);
                        let lang = state.lang.get();
                        let months = match (n > 2, lang) {
                            (true, crate::engine::Lang::Zh) => format!("2–{n}"),
                            (true, crate::engine::Lang::En) => format!("months 2–{n}"),
                            (false, crate::engine::Lang::Zh) => "2".to_string(),
                            (false, crate::engine::Lang::En) => "month 2".to_string(),
                        };
                        fill(t.growth_replaces, &[("months", &months)])
                    } else if let Some((g, p)) = growth.get().and_then(|g| input::growth_as_fraction(g).map(|p| (g, p))) {
                        // 0.06 is 0.06 % a month: a rate written as a fraction (6 %) is not.
                        fill(t.growth_small, &[("g", &g.normalize().to_string()), ("p", &p.to_string())])
                    } else {
                        t.growth_hint.to_string()
                    }
                })
            />
            {capped}
        </div>
    }
}

/// The pack table: every size, offered or not, with steppers; purchases in later months; the
/// free allowance.
#[component]
fn Packs(
    id: LineId,
    line: Memo<Option<Line>>,
    service: ServiceRef,
    /// The line's months, those its month fields show so far, and their dates (the line's own).
    months: Memo<usize>,
    shown: Memo<usize>,
    calendar: Memo<Vec<Month>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let product = service.catalog().packs_of(&service).cloned();
    let currency = service.currency();
    // The month the steppers buy in (month 1 unless the visitor picks another).
    let buy_month = RwSignal::new(1u32);
    Effect::new(move |_| {
        let m = (months.get() as u32).max(1);
        if buy_month.get_untracked() > m {
            buy_month.set(m);
        }
    });
    let service_name = service.name.clone();
    let table = product.map(|p| {
        let validity = p.validity_months;
        // What the packs are and how long they last, by the table (it was only in the notes).
        let terms = {
            let (p, service_name) = (p.clone(), service_name.clone());
            move || {
                let lang = state.lang.get();
                let t = texts(lang);
                let mut words = fill(
                    t.pack_terms,
                    &[
                        ("service", service_name.get(lang)),
                        ("product", p.name.get(lang)),
                        ("n", &p.validity_months.to_string()),
                    ],
                );
                if let Some(days) = p.refund_unused_within_days {
                    words.push_str(&fill(t.pack_refund, &[("d", &days.to_string())]));
                }
                words
            }
        };
        let rows = p
            .sizes
            .iter()
            .map(|size| view! { <PackRow id line size=size.clone() month=buy_month currency /> })
            .collect_view();
        view! {
            <BuyMonth id line months shown calendar month=buy_month />
            <div class="table-wrap">
                <table class="packs">
                    <caption>{move || p.name.get(state.lang.get()).to_string()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr(|t| t.pack_size)}</th>
                            <th scope="col" class="num">
                                {move || {
                                    let lang = state.lang.get();
                                    fill(texts(lang).pack_price, &[("cur", format::currency_word(currency.as_str(), lang))])
                                }}
                            </th>
                            <th scope="col">{tr(|t| t.count)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="small muted pack-terms">{terms}</p>
            <LaterPurchases id=id line=line month=buy_month />
            <TextField
                key=FieldKey::new(id, LineField::FreeCalls)
                label=trs(|t| t.free_calls)
                value=Signal::derive(move || group_u64(line.with(|l| l.as_ref().map_or(0, |l| l.free_calls))))
                apply=whole(input::parse_free_calls, move |n| {
                    state.edit(id, |l| {
                        l.free_calls = n;
                        // No calls held: no months for them either.
                        if n == 0 {
                            l.free_months = None;
                        }
                    })
                })
                hint=trs(|t| t.free_calls_hint)
                class="free"
            />
            <Show when=move || line.with(|l| l.as_ref().is_some_and(|l| l.free_calls > 0))>
                <TextField
                    key=FieldKey::new(id, LineField::FreeMonths)
                    label=trs(|t| t.free_months)
                    value=Signal::derive(move || {
                        line.with(|l| l.as_ref().and_then(|l| l.free_months).map(|m| m.to_string()).unwrap_or_default())
                    })
                    apply=Callback::new(move |text: String| {
                        let first = line.with_untracked(|l| l.as_ref().and_then(|l| l.calendar().first().copied()));
                        input::parse_free_months(&text, validity, first).map(|m| state.edit(id, |l| l.free_months = m))
                    })
                    hint=Signal::derive(move || {
                        let lang = state.lang.get();
                        let hint = fill(texts(lang).free_months_hint, &[("v", &validity.to_string())]);
                        // On a dated line, the month they expire in.
                        let until = line.with(|l| {
                            let l = l.as_ref()?;
                            let calendar = l.calendar();
                            calendar.first()?.run(l.free_last(validity) as usize).last().copied()
                        });
                        match until {
                            Some(m) => fill(texts(lang).free_months_until, &[("hint", &hint), ("m", &m.to_string())]),
                            None => hint,
                        }
                    })
                    class="free"
                />
            </Show>
        }
    });
    view! {
        <fieldset class="packs-box">
            <legend>{tr(|t| t.packs)}</legend>
            {match table {
                Some(v) => v.into_any(),
                None => view! { <p class="muted">{tr(|t| t.no_packs)}</p> }.into_any(),
            }}
        </fieldset>
    }
}

/// Which month the pack table's steppers buy in, where the line has more than one.
#[component]
fn BuyMonth(
    id: LineId,
    line: Memo<Option<Line>>,
    months: Memo<usize>,
    shown: Memo<usize>,
    calendar: Memo<Vec<Month>>,
    month: RwSignal<u32>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    // Each month's purchases in words (`3 · 1 × 20万次`): the list shows where packs are bought.
    let bought = Memo::new(move |_| {
        let lang = state.lang.get();
        line.with(|l| {
            let packs = l.as_ref().map_or(&[][..], |l| &l.packs[..]);
            let months: std::collections::BTreeSet<u32> = packs.iter().map(|p| p.month).collect();
            months
                .into_iter()
                .map(|m| (m, format::bought_in(packs.iter().map(|p| (p.month, p.count, p.size)), m, lang)))
                .filter(|(_, words)| !words.is_empty())
                .collect::<Vec<_>>()
        })
    });
    // Each month with its date where the line's months have them (`3 · 2027-03`). Months added or
    // dropped add or drop their options only, many added at once in steps as the month fields
    // are. Each option's selectedness is set as a property: the attribute no longer selects an
    // option the visitor has picked before, and the options outlive the picks now.
    view! {
        <Show when=move || { months.get() > 1 }>
            <div class="field buy-month">
                <label for=format!("l{id}-buy-month")>{tr(|t| t.buy_month)}</label>
                <select
                    id=format!("l{id}-buy-month")
                    on:change=move |ev| {
                        if let Ok(m) = event_target_value(&ev).parse::<u32>() {
                            month.set(m);
                        }
                    }
                >
                    <For each=move || 1..=shown.get() as u32 key=|m| *m let:m>
                        <option value=m.to_string() prop:selected=move || month.get() == m>
                            {move || {
                                let dated = calendar.with(|c| format::dated(m.to_string(), c, m as usize));
                                bought
                                    .with(|b| b.iter().find(|(k, _)| *k == m).map(|(_, w)| format!("{dated} · {w}")))
                                    .unwrap_or(dated)
                            }}
                        </option>
                    </For>
                </select>
            </div>
        </Show>
    }
}

/// One size of the pack product: its price, and how many are bought in `month` (a stepper and a
/// field); "not offered" where the table shows "-".
#[component]
fn PackRow(
    id: LineId,
    line: Memo<Option<Line>>,
    size: PackSize,
    month: RwSignal<u32>,
    currency: Currency,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || texts(state.lang.get());
    let calls = size.calls;
    let label = move || format::pack_size(calls, state.lang.get());
    let Some(price) = size.price else {
        return view! {
            <tr class="not-offered">
                <th scope="row">{label}</th>
                <td colspan="2" class="muted">{tr(|t| t.not_offered)} " (-)"</td>
            </tr>
        }
        .into_any();
    };
    let count = Signal::derive(move || {
        let m = month.get();
        line.with(|l| l.as_ref().map_or(0, |l| edit::month_count(l, calls, m)))
    });
    let set = move |n: u64| {
        let m = month.get_untracked();
        state.edit(id, |l| edit::set_month_count(l, calls, m, n))
    };
    let per = size.per_call();
    view! {
        <tr>
            <th scope="row">{label}</th>
            <td class="num">
                {yuan_short(price)}
                <span class="sub">
                    {move || {
                        let lang = state.lang.get();
                        per.map(|p| {
                            fill(texts(lang).per_call, &[("p", &plain(p)), ("cur", format::currency_word(currency.as_str(), lang))])
                        })
                    }}
                </span>
            </td>
            <td>
                <div class="stepper">
                    <button
                        type="button"
                        aria-label=move || fill(t().fewer, &[("size", &format::pack_size(calls, state.lang.get()))])
                        disabled=move || count.get() == 0
                        on:click=move |_| {
                            let n = count.get_untracked().saturating_sub(1);
                            set(n);
                            // At none the button is disabled, and a disabled button loses the
                            // focus to the page: it goes to the count instead.
                            if n == 0 {
                                super::browser::focus_soon(format!("#{}", FieldKey::new(id, LineField::PackCount(calls)).dom_id()));
                            }
                        }
                    >
                        "−"
                    </button>
                    <TextField
                        key=FieldKey::new(id, LineField::PackCount(calls))
                        label=""
                        aria_label=Signal::derive(move || fill(t().packs_of, &[("size", &format::pack_size(calls, state.lang.get()))]))
                        value=Signal::derive(move || group_u64(count.get()))
                        apply=whole(input::parse_pack_count, set)
                        class="count"
                    />
                    <button
                        type="button"
                        aria-label=move || fill(t().more, &[("size", &format::pack_size(calls, state.lang.get()))])
                        on:click=move |_| set(count.get_untracked().saturating_add(1))
                    >
                        "+"
                    </button>
                </div>
            </td>
        </tr>
    }
    .into_any()
}

/// Purchases in months other than the first (from a share link or an import), removable.
#[component]
fn LaterPurchases(id: LineId, line: Memo<Option<Line>>, month: RwSignal<u32>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || texts(state.lang.get());
    let later = move || {
        line.with(|l| {
            l.as_ref()
                .map(|l| {
                    let shown = month.get();
                    l.packs.iter().cloned().enumerate().filter(|(_, p)| p.month != shown).collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <Show when=move || !later().is_empty()>
            <div class="later">
                <p class="small">{tr(|t| t.later_purchases)}</p>
                <ul>
                    {move || {
                        later()
                            .into_iter()
                            .map(|(i, p)| {
                                let text = fill(
                                    t().bought_in_month,
                                    &[
                                        ("m", &p.month.to_string()),
                                        ("count", &group_u64(p.count)),
                                        ("size", &group_u64(p.size)),
                                    ],
                                );
                                view! {
                                    <li>
                                        {text}
                                        " "
                                        <button
                                            type="button"
                                            class="ghost"
                                            on:click=move |_| state.edit(id, |l| edit::remove_purchase(l, i))
                                        >
                                            {t().remove_purchase}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}

/// The postpaid switch and what it means.
#[component]
fn PostpaidSwitch(id: LineId, line: Memo<Option<Line>>, service: ServiceRef) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || texts(state.lang.get());
    let on = move || line.with(|l| l.as_ref().is_some_and(|l| l.postpaid));
    let offered = !matches!(service.postpaid, crate::engine::catalog::Postpaid::NotOffered);
    // What "on" means for this service: after its packs or for every call, at tier prices or at
    // none the documents give (eKYC's is on request).
    let packs = service.packs.is_some() || !service.commitments.is_empty();
    let tiers = matches!(service.postpaid, crate::engine::catalog::Postpaid::Tiers(_));
    let on_words = move || match (packs, tiers) {
        (true, true) => t().postpaid_on,
        (false, true) => t().postpaid_on_no_packs,
        (true, false) => t().postpaid_on_unpriced,
        (false, false) => t().postpaid_on_only_unpriced,
    };
    let switch_id = format!("l{id}-postpaid");
    let label_for = switch_id.clone();
    view! {
        <div class="postpaid">
            <label class="switch" for=label_for>
                <input
                    id=switch_id
                    type="checkbox"
                    role="switch"
                    disabled=!offered
                    prop:checked=on
                    on:change=move |ev| {
                        let v = event_target_checked(&ev);
                        state.edit(id, |l| l.postpaid = v);
                    }
                />
                <span class="track" aria-hidden="true"></span>
                <span>{tr(|t| t.postpaid)}</span>
            </label>
            <p class="small" class:warn=move || !on()>
                {move || {
                    if !offered {
                        t().no_postpaid
                    } else if on() {
                        on_words()
                    } else {
                        t().postpaid_off
                    }
                }}
            </p>
        </div>
    }
}
