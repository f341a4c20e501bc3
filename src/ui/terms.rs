//! A buyer's own terms on the page: the negotiated price (offered right where the quote says
//! 联系商务 or "price on request"), discounts on a line and on the estimate, a line's range of
//! volumes and the weights of its cases. The fields edit the estimate; the engine prices it.

use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::app::edit;
use crate::app::page::{FieldKey, LineField, LineId};
use crate::app::text::{fill, texts};
use crate::app::{format, input};
use crate::engine::money::plain;
use crate::engine::terms::{Discount, DiscountScope, Weights};
use crate::engine::vat::Vat;
use crate::engine::{EstimateError, Line, LineQuote};

use super::fields::{TextField, decimal};
use super::i18n::{tr, trs};
use super::state::{AppState, currency};

/// A select of the VAT a list's prices include or leave out (not stated, included, on top), as
/// [`Vat::sided`] puts it.
#[component]
pub(super) fn VatSelect(
    id: String,
    /// The accessible name where it says more than the label (an offer's row).
    #[prop(optional, into)]
    aria_label: Option<Signal<String>>,
    #[prop(into)] value: Signal<Option<Vat>>,
    on_change: Callback<Option<Vat>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let side = move || match value.get() {
        None => "none",
        Some(v) if v.included => "included",
        Some(_) => "on-top",
    };
    let options = move || {
        let t = texts(state.lang.get());
        [("none", t.vat_not_stated), ("included", t.vat_included), ("on-top", t.vat_on_top)]
            .into_iter()
            .map(|(v, label)| view! { <option value=v selected=move || side() == v>{label}</option> })
            .collect_view()
    };
    let choose = move |ev| {
        let included = match event_target_value(&ev).as_str() {
            "included" => Some(true),
            "on-top" => Some(false),
            _ => None,
        };
        on_change.run(Vat::sided(value.get_untracked(), included));
    };
    let label_for = id.clone();
    view! {
        <div class="field vat">
            <label for=label_for>{tr(|t| t.vendors_vat)}</label>
            // The value as a property too: once a person has picked an option, a change from elsewhere
            // (a typed quote put back into its form) no longer moves it by the options' attributes.
            <select id=id aria-label=move || aria_label.map(|a| a.get()) on:change=choose prop:value=side>{options}</select>
        </div>
    }
}

/// A select of what a discount applies to.
#[component]
pub(super) fn ScopeSelect(
    id: String,
    value: Signal<DiscountScope>,
    on_change: Callback<DiscountScope>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let options = move || {
        let t = texts(state.lang.get());
        [
            (DiscountScope::All, t.scope_all),
            (DiscountScope::Postpaid, t.scope_postpaid),
            (DiscountScope::Packs, t.scope_packs),
        ]
        .into_iter()
        .map(|(s, label)| view! { <option value=s.word() selected=move || value.get() == s>{label}</option> })
        .collect_view()
    };
    let label_for = id.clone();
    view! {
        <div class="field scope">
            <label for=label_for>{tr(|t| t.discount_scope)}</label>
            // The value as a property too (see VatSelect): another estimate opened over a scope
            // picked by hand shows its own.
            <select
                id=id
                prop:value=move || value.get().word()
                on:change=move |ev| {
                    if let Some(s) = DiscountScope::from_word(&event_target_value(&ev)) {
                        on_change.run(s);
                    }
                }
            >
                {options}
            </select>
        </div>
    }
}

/// The negotiated price, where the quote has no public price for part of the volume (or the
/// line already gives one).
#[component]
pub fn NegotiatedPrice(
    id: LineId,
    line: Memo<Option<Line>>,
    quote: Memo<Option<Result<LineQuote, EstimateError>>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let value = Memo::new(move |_| line.with(|l| l.as_ref().and_then(|l| l.negotiated_price)));
    let all_calls = Memo::new(move |_| line.with(|l| l.as_ref().is_some_and(|l| l.negotiated_all_calls)));
    // Asked for where the quote does not need it: a contract price for every call.
    let asked = RwSignal::new(false);
    // Also where only the low or high case lacks a price.
    let needed = Memo::new(move |_| {
        quote.with(|q| {
            matches!(q, Some(Ok(q)) if q.missing_price.is_some()
                || q.range.is_some_and(|r| r.low.is_none() || r.high.is_none()))
        })
    });
    let shown = move || needed.get() || value.get().is_some() || asked.get();
    view! {
        <Show when=move || !shown()>
            <button type="button" class="ghost small negotiated-open" on:click=move |_| {
                asked.set(true);
                super::browser::focus_soon(format!("#l{id}-negotiated"));
            }>{tr(|t| t.negotiated_open)}</button>
        </Show>
        <Show when=shown>
            <div class="negotiated" class:needed=move || needed.get()>
                <Show when=move || needed.get()>
                    <p class="small">{tr(|t| t.negotiated_needed)}</p>
                </Show>
                <TextField
                    label=Signal::derive(move || {
                        let lang = state.lang.get();
                        fill(texts(lang).negotiated_price, &[("cur", format::currency_word(currency().as_str(), lang))])
                    })
                    value=Signal::derive(move || value.get().map(plain).unwrap_or_default())
                    apply=decimal(input::parse_price, move |v| {
                        state.edit(id, |l| {
                            l.negotiated_price = v;
                            // No price, nothing to price every call with.
                            l.negotiated_all_calls &= v.is_some();
                        })
                    })
                    hint=trs(|t| t.negotiated_hint)
                    key=FieldKey::new(id, LineField::Negotiated)
                    placeholder="0.6"
                    class="negotiated-price"
                />
                <label class="check negotiated-all">
                    <input type="checkbox" id=format!("l{id}-negotiated-all")
                        prop:checked=move || all_calls.get()
                        disabled=move || value.get().is_none()
                        on:change=move |ev| {
                            let all = event_target_checked(&ev);
                            state.edit(id, |l| l.negotiated_all_calls = all && l.negotiated_price.is_some());
                        } />
                    {tr(|t| t.negotiated_all_calls)}
                </label>
            </div>
        </Show>
    }
}

/// A line's discount and range of volumes, folded away until used.
#[component]
pub fn LineTerms(id: LineId, line: Memo<Option<Line>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let discount = Memo::new(move |_| line.with(|l| l.as_ref().and_then(|l| l.discount)));
    let spread = Memo::new(move |_| line.with(|l| l.as_ref().and_then(edit::spread)));
    let varies = Memo::new(move |_| line.with(|l| l.as_ref().is_some_and(edit::spread_varies)));
    let range_hint = Signal::derive(move || {
        let t = texts(state.lang.get());
        if varies.get() { t.range_hint_months } else { t.range_hint }.to_string()
    });
    let open = line.with_untracked(|l| l.as_ref().is_some_and(|l| l.discount.is_some() || l.has_range()));
    let set_percent = move |p: Option<Decimal>| state.edit(id, |l| l.discount = Discount::retyped(l.discount, p));
    let set_scope = move |s: DiscountScope| {
        state.edit(id, |l| {
            if let Some(d) = &mut l.discount {
                d.applies_to = s;
            }
        })
    };
    // A side's percentage; where the months' ranges differ, month 1's to one decimal (a
    // forecast's `8.617` is `8.6`: the hint says it is month 1's, and only a value typed applies).
    let shown = move |side: Option<Decimal>| {
        let side = side.filter(|d| !d.is_zero());
        // (Not to 0: a side under 0.05 % keeps its figure.)
        let side = if varies.get() {
            side.map(|d| {
                let r = d.round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
                if r.is_zero() { d } else { r }
            })
        } else {
            side
        };
        side.map(plain).unwrap_or_default()
    };
    // One side typed sets that side alone: the other keeps its months.
    let set_side = move |up: bool, v: Option<Decimal>| state.edit(id, |l| edit::set_side(l, up, v.unwrap_or_default()));
    view! {
        <details class="terms" open=open>
            <summary>{tr(|t| t.terms)}</summary>
            <div class="terms-grid">
                <TextField
                    label=trs(|t| t.line_discount)
                    value=Signal::derive(move || discount.get().map(|d| d.percent).map(plain).unwrap_or_default())
                    apply=decimal(input::parse_discount, set_percent)
                    hint=Signal::derive(move || {
                        let lang = state.lang.get();
                        // What the percentage means (85 折), or what an empty field does.
                        discount.get().map_or_else(
                            || texts(lang).line_discount_hint.to_string(),
                            |d| input::discount_meaning(d.percent, lang),
                        )
                    })
                    key=FieldKey::new(id, LineField::Discount)
                    placeholder="10"
                    class="discount"
                />
                <Show when=move || discount.get().is_some()>
                    <ScopeSelect
                        id=format!("l{id}-discount-scope")
                        value=Signal::derive(move || discount.get().map_or(DiscountScope::All, |d| d.applies_to))
                        on_change=Callback::new(set_scope)
                    />
                </Show>
                <TextField
                    label=trs(|t| t.range_low)
                    value=Signal::derive(move || shown(spread.get().map(|s| s.0)))
                    apply=decimal(|t| input::parse_share(t, 100), move |v| set_side(false, v))
                    key=FieldKey::new(id, LineField::RangeLow)
                    placeholder="20"
                    class="range-low"
                />
                <TextField
                    label=trs(|t| t.range_high)
                    value=Signal::derive(move || shown(spread.get().map(|s| s.1)))
                    apply=decimal(|t| input::parse_share(t, 1000), move |v| set_side(true, v))
                    hint=range_hint
                    key=FieldKey::new(id, LineField::RangeHigh)
                    placeholder="30"
                    class="range-high"
                />
            </div>
        </details>
    }
}

/// The estimate's discount and, where lines give ranges, the weights of the cases.
#[component]
pub fn EstimateTerms() -> impl IntoView {
    let state = expect_context::<AppState>();
    let discount = Memo::new(move |_| state.terms.with(|t| t.0));
    let weights = Memo::new(move |_| state.terms.with(|t| t.1));
    let ranges = Memo::new(move |_| state.with(|p| p.lines().any(|(_, l)| l.has_range())));
    let vat = Memo::new(move |_| state.with(|p| p.vat()));
    // The weights being typed: shown in the fields and applied when all three are valid and
    // make 1; forgotten when the page's weights change (applied, or another estimate opened).
    let draft = RwSignal::new(None::<[Option<Decimal>; 3]>);
    Effect::new(move |_| {
        weights.track();
        draft.set(None);
    });
    let shown = move |k: usize| {
        let w = weights.get();
        draft.get().map_or(Some([w.low, w.likely, w.high][k]), |d| d[k])
    };
    let key = |k: usize| FieldKey::new(LineId::ESTIMATE, LineField::Weight(k));
    // The three weights as a whole: marked where they do not add up to 1 (each box holds a weight
    // it reads, so none is marked itself), which holds the total and says the estimate keeps its
    // weights until they do.
    let sum_key = key(3);
    // Forgotten with the draft: the weights applied or opened, or no line with a range (the
    // boxes gone, nothing may hold the total).
    Effect::new(move |_| {
        weights.track();
        if !ranges.get() {
            draft.set(None);
        }
        state.set_invalid(sum_key, false);
    });
    on_cleanup(move || state.set_invalid(sum_key, false));
    // Another estimate opened (its fields' marks cleared, the weights maybe the same): the
    // weights typed that did not add up go too.
    Effect::new(move |_| {
        let marked = state.with(|p| p.is_invalid(sum_key));
        if !marked && draft.with_untracked(|d| d.is_some_and(|d| input::weights_typed(d).is_err())) {
            draft.set(None);
        }
    });
    let sum_wrong = move || draft.get().and_then(|d| input::weights_typed(d).err());
    // Weight `k` typed: the three applied where they add up to 1, else kept as typed here.
    let set_weight = move |k: usize, v: Option<Decimal>| {
        let w = weights.get_untracked();
        let mut d = draft.get_untracked().unwrap_or([Some(w.low), Some(w.likely), Some(w.high)]);
        d[k] = v;
        draft.set(Some(d));
        if let Ok(w) = input::weights_typed(d) {
            state.update(|p| p.set_weights(Some(w)));
            state.set_invalid(sum_key, false);
        } else {
            state.set_invalid(sum_key, true);
        }
    };
    let open =
        state.with_untracked(|p| p.discount().is_some() || p.weights() != Weights::default() || p.vat().is_some());
    let t = move || texts(state.lang.get());
    view! {
        <details class="terms estimate-terms" open=open>
            <summary>{tr(|t| t.estimate_terms)}</summary>
            <TextField
                label=trs(|t| t.estimate_discount)
                value=Signal::derive(move || discount.get().map(|d| d.percent).map(plain).unwrap_or_default())
                apply=decimal(input::parse_discount, move |p: Option<Decimal>| {
                    state.update(|page| page.set_discount(Discount::retyped(discount.get_untracked(), p)));
                })
                key=FieldKey::new(LineId::ESTIMATE, LineField::EstimateDiscount)
                hint=Signal::derive(move || {
                    discount.get().map(|d| input::discount_meaning(d.percent, state.lang.get())).unwrap_or_default()
                })
                placeholder="15"
                class="discount"
            />
            <Show when=move || discount.get().is_some()>
                <ScopeSelect
                    id="estimate-discount-scope".to_string()
                    value=Signal::derive(move || discount.get().map_or(DiscountScope::All, |d| d.applies_to))
                    on_change=Callback::new(move |s| {
                        state.update(|p| {
                            let d = p.discount().map(|d| Discount { applies_to: s, ..d });
                            p.set_discount(d);
                        })
                    })
                />
            </Show>
            // The VAT of the list's prices: the total is then split (before, VAT, with).
            <div class="row pair-row">
                <VatSelect
                    id="estimate-vat".to_string()
                    value=vat
                    on_change=Callback::new(move |v| state.update(|p| p.set_vat(v)))
                />
                <Show when=move || vat.get().is_some()>
                    <TextField
                        label=trs(|t| t.vat_rate)
                        value=Signal::derive(move || vat.get().map(|v| plain(v.percent)).unwrap_or_default())
                        apply=Callback::new(move |text: String| {
                            let percent = input::parse_vat_rate(&text)?;
                            state.update(|p| p.set_vat(Some(Vat::retyped(p.vat(), percent))));
                            Ok(())
                        })
                        key=FieldKey::new(LineId::ESTIMATE, LineField::EstimateVat)
                        placeholder="6"
                        class="vat-rate"
                    />
                </Show>
            </div>
            // The built-in list's documents do not say which side of VAT their prices are on.
            <Show when=move || state.with(|p| p.custom_catalog().is_none())>
                <p class="small muted vat-unknown">{tr(|t| t.vat_documents_silent)}</p>
            </Show>
            <Show when=move || ranges.get()>
                <fieldset class="weights">
                    <legend>{move || t().weights}</legend>
                    <TextField
                        label=trs(|t| t.case_low)
                        value=Signal::derive(move || shown(0).map(plain).unwrap_or_default())
                        apply=decimal(input::parse_weight, move |v| set_weight(0, v))
                        key=key(0)
                    />
                    <TextField
                        label=trs(|t| t.case_likely)
                        value=Signal::derive(move || shown(1).map(plain).unwrap_or_default())
                        apply=decimal(input::parse_weight, move |v| set_weight(1, v))
                        key=key(1)
                    />
                    <TextField
                        label=trs(|t| t.case_high)
                        value=Signal::derive(move || shown(2).map(plain).unwrap_or_default())
                        apply=decimal(input::parse_weight, move |v| set_weight(2, v))
                        key=key(2)
                    />
                    {move || sum_wrong().map(|e| {
                        view! { <p class="error weights-sum" role="alert">{e.message(state.lang.get())}</p> }
                    })}
                </fieldset>
            </Show>
        </details>
    }
}
