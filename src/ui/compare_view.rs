//! Scenarios side by side: save the estimate under a name, tick two to four saved ones, and see
//! their totals, ranges, lines, months and cheapest plans in one table (figures from
//! [`crate::app::compare`]); open or delete a scenario; share the comparison as one link or
//! export it as CSV.

use leptos::prelude::*;

use crate::app::compare::{self, Change, Column, MAX_COMPARED, Scenario, Scenarios};
use crate::app::page::{Page, StorageProblem};
use crate::app::text::{fill, texts};
use crate::app::{format, share};
use crate::engine::Lang;
use crate::engine::catalog;

use super::browser;
use super::i18n::tr;
use super::state::{AppState, currency};
use super::widgets::{self, Cell, Row};

/// The panel's status line, said in the page's language when it is drawn (a switch of language
/// says it again).
#[derive(Clone)]
enum Said {
    /// Saved (or renamed) under this name; where storage would not keep it, why: then it is on
    /// this page only.
    SavedAs(String, Option<StorageProblem>),
    /// Saved over the scenario of that name (kept by storage).
    Replaced(String),
    Problem(compare::CompareError),
    /// The comparison's link would be `kb` KB.
    TooLong {
        kb: usize,
    },
}

impl Said {
    fn is_ok(&self) -> bool {
        matches!(self, Said::SavedAs(_, None) | Said::Replaced(_))
    }

    fn text(&self, lang: Lang) -> String {
        let t = texts(lang);
        match self {
            Said::SavedAs(name, None) => fill(t.saved_as, &[("name", name)]),
            Said::Replaced(name) => fill(t.replaced_as, &[("name", name)]),
            Said::SavedAs(name, Some(problem)) => {
                let why = match problem {
                    StorageProblem::Full => t.storage_is_full,
                    StorageProblem::Unavailable => t.storage_is_off,
                };
                fill(t.saved_here_only, &[("name", name), ("why", why)])
            }
            Said::Problem(e) => e.message(lang),
            Said::TooLong { kb } => share::too_long_text(*kb, lang),
        }
    }
}

#[component]
pub fn ComparePanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || texts(state.lang.get());
    let message = RwSignal::new(None::<Said>);
    // The scenarios ticked: as the last visit left them, kept for the next (where storage
    // fails, the scenarios' own store says so; the ticks are then this page's).
    let kept = match browser::load(browser::COMPARED_KEY) {
        Ok(Some(text)) => compare::read_compared(&text),
        _ => Vec::new(),
    };
    let chosen = RwSignal::new(kept);
    Effect::new(move |first: Option<()>| {
        let text = chosen.with(|c| compare::write_compared(c));
        if first.is_some() {
            let _ = browser::save(browser::COMPARED_KEY, &text);
        }
    });
    // A comparison link: its scenarios ticked, so that the comparison it shared is shown.
    let linked = Memo::new(move |_| state.with(|p| p.linked_scenarios().to_vec()));
    Effect::new(move |_| {
        let names = linked.get();
        if !names.is_empty() {
            chosen.set(names.into_iter().take(MAX_COMPARED).collect());
        }
    });
    let names =
        Memo::new(move |_| state.with(|p| p.scenarios().saved.iter().map(|s| s.name.clone()).collect::<Vec<_>>()));
    // The chosen scenarios that still exist, in the order they were saved: a memo, so editing
    // the estimate does not price them again.
    let chosen_list = Memo::new(move |_| {
        let c = chosen.get();
        let picked: Vec<String> = names.get().into_iter().filter(|n| c.contains(n)).collect();
        state.with(|p| picked.iter().filter_map(|n| p.scenarios().get(n).cloned()).collect::<Vec<_>>())
    });
    view! {
        <section class="compare" aria-labelledby="compare-heading">
            <h2 id="compare-heading">{tr(|t| t.compare)}</h2>
            <SaveScenario chosen message />
            {move || {
                let lang = state.lang.get();
                message.get().map(|m| {
                    view! { <p class=if m.is_ok() { "small" } else { "small error" } role="status">{m.text(lang)}</p> }
                })
            }}
            <Show
                when=move || !names.with(|n| n.is_empty())
                fallback=move || view! { <p class="muted small">{move || t().compare_none}</p> }
            >
                <p class="small">{move || t().compare_pick}</p>
                <ScenarioList
                    names
                    chosen
                    message
                    full=Signal::derive(move || chosen_list.with(Vec::len) >= MAX_COMPARED)
                />
            </Show>
            <Comparison chosen=chosen_list message />
        </section>
    }
}

/// Saves the estimate under a name; a new scenario is ticked for the comparison, where there is
/// room.
#[component]
fn SaveScenario(chosen: RwSignal<Vec<String>>, message: RwSignal<Option<Said>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = RwSignal::new(String::new());
    // The name typed is a saved scenario's: the button says it replaces it, before it does.
    let taken = Memo::new(move |_| {
        let n = name.get();
        state.with(|p| p.scenarios().replaces(&n)).then(|| n.trim().to_string())
    });
    let on_save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked();
        let replacing = taken.get_untracked().is_some();
        let estimate = state.with_untracked(Page::estimate);
        match state.change_scenarios(Change::Save { name: n.clone(), estimate }) {
            Ok(kept) => {
                let n = n.trim().to_string();
                message.set(Some(match kept {
                    None if replacing => Said::Replaced(n.clone()),
                    kept => Said::SavedAs(n.clone(), kept),
                }));
                chosen.update(|c| {
                    if !c.contains(&n) && c.len() < MAX_COMPARED {
                        c.push(n);
                    }
                });
                name.set(String::new());
            }
            Err(e) => message.set(Some(Said::Problem(e))),
        }
    };
    view! {
        <form class="save-scenario" on:submit=on_save>
            <div class="field">
                <label for="scenario-name">{tr(|t| t.scenario_name)}</label>
                <input
                    id="scenario-name"
                    type="text"
                    maxlength="60"
                    autocomplete="off"
                    prop:value=move || name.get()
                    aria-describedby=move || taken.with(Option::is_some).then_some("scenario-exists")
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </div>
            <button type="submit" class="primary">
                {move || {
                    let t = texts(state.lang.get());
                    taken.get().map_or_else(|| t.save_scenario.to_string(), |n| fill(t.replace_scenario, &[("name", &n)]))
                }}
            </button>
            {move || {
                let lang = state.lang.get();
                taken.get().map(|n| {
                    view! { <p id="scenario-exists" class="small warn-text">{fill(texts(lang).scenario_exists, &[("name", &n)])}</p> }
                })
            }}
        </form>
    }
}

/// The saved scenarios: tick up to four to compare, open one, rename one, delete one.
#[component]
fn ScenarioList(
    names: Memo<Vec<String>>,
    chosen: RwSignal<Vec<String>>,
    message: RwSignal<Option<Said>>,
    full: Signal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || texts(state.lang.get());
    // The scenario being renamed, if any.
    let renaming = RwSignal::new(None::<String>);
    let items = move || {
        names
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, n)| {
                let (n1, n2, n3, n4) = (n.clone(), n.clone(), n.clone(), n.clone());
                let checked = Signal::derive(move || chosen.with(|c| c.contains(&n1)));
                let editing = Signal::derive(move || renaming.with(|r| r.as_deref() == Some(n4.as_str())));
                view! {
                    <li>
                        <label class="check">
                            <input
                                type="checkbox"
                                id=format!("scenario-{i}")
                                prop:checked=checked
                                disabled=move || full.get() && !checked.get()
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|c| {
                                        c.retain(|x| *x != n2);
                                        if on {
                                            c.push(n2.clone());
                                        }
                                    });
                                }
                            />
                            <span>{n.clone()}</span>
                        </label>
<span class="scenario-actions">
                        <button type="button" class="ghost" on:click={
                            let n = n.clone();
                            move |_| state.update(|p| p.open_scenario(&n))
                        }>
                            {move || t().open_scenario}
                        </button>
                        <button type="button" class="ghost" aria-expanded=move || editing.get().to_string() on:click={
                            let n = n.clone();
                            move |_| {
                                renaming.set(Some(n.clone()));
                                super::browser::focus_soon(format!("#scenario-{i}-name"));
                            }
                        }>
                            {move || t().rename_scenario}
                        </button>
                        <button
                            type="button"
                            class="ghost danger"
                            on:click=move |_| {
                                chosen.update(|c| c.retain(|x| *x != n3));
                                let _ = state.change_scenarios(Change::Delete { name: n3.clone() });
                                // To the scenario now in its place, else the one before (its
                                // Open button: its box may be disabled, the comparison full),
                                // else the name to save one under.
                                let left = names.with_untracked(Vec::len);
                                super::browser::focus_soon(match (i < left, i.checked_sub(1)) {
                                    (true, _) => format!("ul.scenarios > li:nth-child({}) .scenario-actions button", i + 1),
                                    (false, Some(j)) => format!("ul.scenarios > li:nth-child({}) .scenario-actions button", j + 1),
                                    (false, None) => "#scenario-name".to_string(),
                                });
                            }
                        >
                            {move || t().delete_scenario}
                        </button>
                        </span>
                        <Show when=move || editing.get()>
                            <RenameForm index=i from=n.clone() renaming chosen message names />
                        </Show>
                    </li>
                }
            })
            .collect_view()
    };
    view! { <ul class="scenarios">{items}</ul> }
}

/// Gives scenario `from` a new name (in storage, so every open tab shows it).
#[component]
fn RenameForm(
    index: usize,
    from: String,
    renaming: RwSignal<Option<String>>,
    chosen: RwSignal<Vec<String>>,
    message: RwSignal<Option<Said>>,
    names: Memo<Vec<String>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let to = RwSignal::new(from.clone());
    let original = from.clone();
    // Done or cancelled: the focus goes back to the scenario (where the renamed one now is).
    let back = move |name: &str| {
        let at = names.with_untracked(|n| n.iter().position(|x| x == name)).unwrap_or(index);
        super::browser::focus_soon(format!("#scenario-{at}"));
    };
    let id = format!("scenario-{index}-name");
    let label = {
        let from = from.clone();
        move || fill(texts(state.lang.get()).rename_to, &[("name", &from)])
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let new = to.get_untracked();
        match state.change_scenarios(Change::Rename { from: from.clone(), to: new.clone() }) {
            Ok(kept) => {
                let new = new.trim().to_string();
                chosen.update(|c| c.iter_mut().filter(|x| **x == from).for_each(|x| *x = new.clone()));
                message.set(Some(Said::SavedAs(new.clone(), kept)));
                renaming.set(None);
                back(&new);
            }
            Err(e) => message.set(Some(Said::Problem(e))),
        }
    };
    view! {
        <form class="rename-scenario" on:submit=on_submit>
            <label for=id.clone() class="small">{label}</label>
            <input
                id=id
                type="text"
                maxlength="60"
                autocomplete="off"
                prop:value=move || to.get()
                on:input=move |ev| to.set(event_target_value(&ev))
            />
            <button type="submit">{tr(|t| t.rename_done)}</button>
            <button type="button" class="ghost" on:click={
                move |_| {
                    renaming.set(None);
                    back(&original);
                }
            }>{tr(|t| t.cancel)}</button>
        </form>
    }
}

/// The chosen scenarios priced side by side (two or more), shared as one link or exported.
#[component]
fn Comparison(chosen: Memo<Vec<Scenario>>, message: RwSignal<Option<Said>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || texts(state.lang.get());
    let columns = Memo::new(move |_| {
        let lang = state.lang.get();
        chosen.with(|list| {
            if list.len() < 2 {
                return Vec::new();
            }
            compare::compare(catalog::builtin(), &list.iter().collect::<Vec<_>>(), lang)
        })
    });
    let link = RwSignal::new(None::<String>);
    let on_share = move |_| {
        let fragment = chosen.with_untracked(|list| Scenarios::encode(&list.iter().collect::<Vec<_>>()));
        let url = format!("{}#{fragment}", browser::page_url());
        if url.len() > share::MAX_LINK {
            message.set(Some(Said::TooLong { kb: url.len() / 1024 }));
            return;
        }
        leptos::task::spawn_local(async move {
            browser::copy(&url).await;
            link.set(Some(url));
        });
    };
    let on_csv = move |_| {
        let csv = compare::csv(&columns.get_untracked(), state.lang.get_untracked());
        browser::download("packwise-comparison.csv", "text/csv;charset=utf-8", &csv);
    };
    view! {
        <Show when=move || columns.with(|c| !c.is_empty())>
            {move || table(&columns.get(), state.lang.get())}
            <div class="actions">
                <button type="button" on:click=on_share>{tr(|t| t.compare_share)}</button>
                <button type="button" on:click=on_csv>{tr(|t| t.compare_csv)}</button>
            </div>
            {move || {
                link.get()
                    .map(|url| {
                        view! {
                            <div class="share-out" role="status">
                                <label for="compare-url" class="small">{move || t().copied}</label>
                                <input id="compare-url" type="text" readonly prop:value=url />
                            </div>
                        }
                    })
            }}
        </Show>
    }
}

/// The comparison table: one column per scenario.
fn table(columns: &[Column], lang: Lang) -> AnyView {
    let t = texts(lang);
    let cur = currency();
    let mut rows: Vec<(String, Vec<Cell>, &'static str)> = Vec::new();
    let cells = |v: Vec<String>| v.into_iter().map(Cell::num).collect::<Vec<_>>();
    let shown = |d| format::money(Some(d), cur.as_str(), lang);
    let figure = |c: &Column, d, part| crate::app::compare::figure(c, d, part, shown, lang);
    rows.push((t.total.to_string(), cells(columns.iter().map(|c| figure(c, c.total, c.priced)).collect()), "total"));
    // Where a scenario states its VAT: its total before and with it.
    for (label, amounts) in crate::app::compare::vat_rows(columns, lang) {
        rows.push((label, cells(amounts.into_iter().map(|d| d.map(shown).unwrap_or_default()).collect()), "vat"));
    }
    if columns.iter().any(|c| c.range.is_some()) {
        // Each side, where it waits for a price, with what has one ("313,920.00 元 + 未列价格").
        let range = |c: &Column| {
            use crate::engine::terms::Case;
            let side = |case| c.case_figure(case, shown, lang);
            c.range.map_or_else(String::new, |_| format!("{} – {}", side(Case::Low), side(Case::High)))
        };
        rows.push((crate::app::format::range_name(lang), cells(columns.iter().map(range).collect()), ""));
        // Set beside the cheapest plan's expected cost below (a scenario without a range: its total).
        let expected = |c: &Column| c.expected_figure(shown, lang);
        rows.push((t.expected_cost.to_string(), cells(columns.iter().map(expected).collect()), ""));
    }
    // How much more than the least each costs: the difference a decision is made on.
    let above = crate::app::compare::above_least(columns);
    if above.iter().any(Option::is_some) {
        let cell = |d: &Option<rust_decimal::Decimal>| Cell::num(d.map(shown).unwrap_or_default());
        rows.push((t.compare_above.to_string(), above.iter().map(cell).collect(), "above"));
    }
    let cheapest = crate::app::compare::cheapest_label(columns, lang).to_string();
    rows.push((cheapest, cells(columns.iter().map(|c| figure(c, c.cheapest, None)).collect()), "cheapest"));
    // What each cheapest plan buys: the figure above says what it costs, this what to order.
    let plan = |c: &Column| Cell::text(c.plan.clone().unwrap_or_default());
    rows.push((t.compare_plan.to_string(), columns.iter().map(plan).collect(), "plan"));
    let n_lines = columns.iter().map(|c| c.lines.len()).max().unwrap_or(0);
    for i in 0..n_lines {
        // The money, with the service under it (a long name wraps there: at 360 px one line of
        // "service: money" made every column as wide as the screen).
        let cell = |c: &Column| {
            c.lines.get(i).map_or_else(
                || Cell::num(""),
                |(s, total)| {
                    let why = c.line_missing.get(i).copied().flatten();
                    Cell::num(crate::app::compare::figure_why(*total, None, why, shown, lang)).with_sub(s.clone())
                },
            )
        };
        rows.push((fill(t.line, &[("n", &(i + 1).to_string())]), columns.iter().map(cell).collect(), ""));
    }
    let months = crate::app::compare::month_rows(columns, lang);
    if months.len() > 1 {
        for (label, row) in months {
            let row =
                row.into_iter().zip(columns).map(|(d, c)| d.map_or_else(String::new, |(d, part)| figure(c, d, part)));
            rows.push((label, cells(row.collect()), "month"));
        }
    }
    if columns.iter().any(|c| c.error.is_some()) {
        rows.push((
            t.compare_error.to_string(),
            columns.iter().map(|c| Cell::text(c.error.clone().unwrap_or_default())).collect(),
            "warn",
        ));
    }
    let head = std::iter::once(Cell::text(t.compare_figure)).chain(columns.iter().map(|c| Cell::text(c.name.clone())));
    let rows = rows
        .into_iter()
        .map(|(label, cells, class)| Row { class, cells: std::iter::once(Cell::head(label)).chain(cells).collect() })
        .collect();
    widgets::table("comparison", String::new(), head.collect(), rows)
}
