//! A line's commitments (format 2 lists): each commitment the service offers, in words, with the
//! months the line takes it, typed as `1-12` or `1-3, 6`, and buttons for every month or none.
//! A month takes one commitment at most: months given to one leave the others.

use leptos::prelude::*;

use crate::app::page::{FieldKey, LineField, LineId};
use crate::app::text::{fill, texts};
use crate::app::{edit, format, input};
use crate::engine::Line;
use crate::engine::catalog::describe;

use super::fields::{Apply, TextField};
use super::i18n::tr;
use super::state::{AppState, ServiceRef};

/// The service's commitments beside its packs; nothing for a service without any.
#[component]
pub fn Commitments(id: LineId, line: Memo<Option<Line>>, service: ServiceRef) -> impl IntoView {
    if service.commitments.is_empty() {
        return ().into_any();
    }
    let rows = (0..service.commitments.len())
        .map(|i| view! { <CommitmentRow id line service=service.clone() index=i /> })
        .collect_view();
    view! {
        <fieldset class="commitments-box">
            <legend>{tr(|t| t.commitments)}</legend>
            {rows}
        </fieldset>
    }
    .into_any()
}

#[component]
fn CommitmentRow(id: LineId, line: Memo<Option<Line>>, service: ServiceRef, index: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let currency = service.currency();
    let commitment = service.commitments[index].clone();
    let cid = commitment.id.clone();
    let months = Memo::new({
        let cid = cid.clone();
        move |_| line.with(|l| l.as_ref().map(|l| edit::commitment_months(l, &cid)).unwrap_or_default())
    });
    let n = Memo::new(move |_| line.with(|l| l.as_ref().map_or(1, |l| l.calls.len())));
    // Months this commitment took from another, said under it (a month takes one at most: the
    // other's field lost them without a word).
    let moved = RwSignal::new(Vec::<(u32, String)>::new());
    let set = {
        let cid = cid.clone();
        move |ms: Vec<u32>| {
            let taken = line.with_untracked(|l| l.as_ref().map(|l| edit::taken_from_others(l, &cid, &ms)));
            moved.set(taken.unwrap_or_default());
            state.edit(id, |l| edit::set_commitment_months(l, &cid, &ms))
        }
    };
    let moved_text = {
        let service = service.clone();
        move || {
            let lang = state.lang.get();
            // Only the months it still holds: taken back since, the notice would be stale.
            let held = months.get();
            moved.with(|m| {
                let m: Vec<&(u32, String)> = m.iter().filter(|(month, _)| held.contains(month)).collect();
                let mut others: Vec<&str> = Vec::new();
                for (_, o) in &m {
                    if !others.contains(&o.as_str()) {
                        others.push(o);
                    }
                }
                let name = |o: &str| {
                    let n = service.commitment(o).map_or_else(|| o.to_string(), |c| c.name.get(lang).to_string());
                    format!("{}{n}{}", lang.pick("「", "“"), lang.pick("」", "”"))
                };
                let from = others.iter().map(|o| name(o)).collect::<Vec<_>>().join(lang.pick("、", ", "));
                let months: Vec<u32> = m.iter().map(|(month, _)| *month).collect();
                (!m.is_empty()).then(|| {
                    let t = texts(lang);
                    let text = fill(
                        if months.len() == 1 { t.commitment_moved_one } else { t.commitment_moved },
                        &[("months", &format::month_runs(&months, lang.pick("、", ", "))), ("from", &from)],
                    );
                    view! { <p class="small muted" role="status">{text}</p> }
                })
            })
        }
    };
    let apply: Apply = Callback::new({
        let set = set.clone();
        move |text: String| input::parse_month_list(&text, n.get_untracked()).map(&set)
    });
    let words = {
        let c = commitment.clone();
        move || describe::commitment(&c, currency.as_str(), state.lang.get())
    };
    let name = commitment.name.clone();
    let all = set.clone();
    view! {
        <div class="commitment">
            <p class="small commitment-terms">{words}</p>
            <div class="commitment-months">
                <TextField
                    key=FieldKey::new(id, LineField::Commitment(index))
                    label=Signal::derive(move || {
                        let lang = state.lang.get();
                        fill(texts(lang).commitment_months_label, &[("name", name.get(lang))])
                    })
                    value=Signal::derive(move || format::month_runs(&months.get(), ", "))
                    apply=apply
                    hint=Signal::derive(move || texts(state.lang.get()).commitment_months_hint.to_string())
                    placeholder="1-12"
                    class="months-taken"
                />
                <button
                    type="button"
                    class="ghost"
                    disabled=move || months.get().len() == n.get()
                    on:click=move |_| all((1..=n.get_untracked() as u32).collect())
                >
                    {tr(|t| t.commitment_every_month)}
                </button>
                <button
                    type="button"
                    class="ghost"
                    disabled=move || months.get().is_empty()
                    on:click=move |_| set(Vec::new())
                >
                    {tr(|t| t.commitment_clear)}
                </button>
            </div>
            {moved_text}
        </div>
    }
}
