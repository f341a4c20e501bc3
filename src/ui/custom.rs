//! Custom services and price lists on the page: type a service's tiers and packs (for the OCR
//! interfaces the documents do not price, or any vendor's service) and, where its sheet has them,
//! the unit its prices are per, flat fees, a free quota, a minimum and commitments; or load a whole price list
//! from a file or a paste. Both become the estimate's own price list (so they are saved, shared
//! and exported with it) only after the engine has checked them; every problem is listed at once.
//! Names from a list are always shown as text, never as HTML.

use leptos::prelude::*;

use crate::app::custom::{self, CommitmentDraft, DraftField, ListProblem, PackDraft, ServiceDraft, TierDraft};
use crate::app::text::{fill, texts};
use crate::engine::{Line, ListMode};

use super::browser;
use super::i18n::tr;
use super::state::AppState;
use super::widgets::{lazy_details, nth};

/// A price list's text, pasted into a box or read from a file picked, for a form (`form`, the
/// prefix of its ids: `{form}-text`, `{form}-file`, its problems' `{form}-problems`). The list
/// form and the comparison's sheet loader share it.
#[component]
pub(super) fn ListSource(
    form: &'static str,
    rows: &'static str,
    text: RwSignal<String>,
    problems: RwSignal<Vec<ListProblem>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let on_file = move |ev: leptos::ev::Event| read_list_file(&ev, text, problems, state.lang.get_untracked());
    let (text_id, file_id) = (format!("{form}-text"), format!("{form}-file"));
    view! {
        <div class="field">
            <label for=text_id.clone()>{tr(|t| t.paste_list)}</label>
            <textarea id=text_id rows=rows spellcheck="false" prop:value=move || text.get()
                aria-invalid=move || if problems.with(Vec::is_empty) { "false" } else { "true" }
                aria-describedby=move || (!problems.with(Vec::is_empty)).then(|| format!("{form}-problems"))
                on:input=move |ev| text.set(event_target_value(&ev))></textarea>
        </div>
        <div class="field file-pick">
            <label for=file_id.clone()>{tr(|t| t.choose_file)}</label>
            <input id=file_id type="file" accept="application/json,.json" on:change=on_file />
        </div>
    }
}

/// Reads the price-list file chosen in `ev` into `text` (the loader's box), or says in
/// `problems` why not, in `lang`: a file past the size limit is refused before it is read into
/// memory.
fn read_list_file(
    ev: &leptos::ev::Event,
    text: RwSignal<String>,
    problems: RwSignal<Vec<ListProblem>>,
    lang: crate::engine::Lang,
) {
    let Some(file) = super::browser::chosen_file(ev) else { return };
    // (`as` saturates.)
    if let Err(t) = crate::engine::limits::check_price_list_size(file.size() as usize) {
        let message = crate::app::format::too_big(&t, lang);
        problems.set(vec![ListProblem { place: file.name(), message, field: None }]);
        return;
    }
    leptos::task::spawn_local(async move {
        if let Some(v) = super::browser::text_of(&file).await {
            text.set(v);
            problems.set(Vec::new());
        }
    });
}

/// What a loaded list may not mean as written ([`cautions`](crate::engine::catalog::cautions)),
/// in `lang`, or nothing.
pub(super) fn cautions_view(
    list: Option<&crate::engine::estimate::CustomCatalog>,
    lang: crate::engine::Lang,
) -> Option<AnyView> {
    let list = list?.own();
    let found = crate::engine::catalog::cautions::cautions(list);
    cautions_box(found.iter().map(|x| crate::app::format::caution(x, list, lang)).collect())
}

/// Cautions about loaded lists, said, in their box; nothing where there are none.
pub(super) fn cautions_box(said: Vec<String>) -> Option<AnyView> {
    (!said.is_empty()).then(|| {
        let items = said.into_iter().map(|x| view! { <li>{x}</li> }).collect_view();
        view! { <div class="warn-box list-cautions"><ul>{items}</ul></div> }.into_any()
    })
}

/// A list of problems, or nothing. The box is `{form}-problems` and each problem
/// `{form}-problem-{k}`, for the fields they are about to name ([`marks`]).
pub(super) fn problems_view(problems: Vec<ListProblem>, lang: crate::engine::Lang, form: &'static str) -> AnyView {
    if problems.is_empty() {
        return ().into_any();
    }
    let items = problems
        .into_iter()
        .enumerate()
        .map(|(k, p)| {
            let text = if p.place.is_empty() {
                p.message
            } else {
                format!("{}{}{}", p.place, lang.pick("：", ": "), p.message)
            };
            view! { <li id=format!("{form}-problem-{k}")>{text}</li> }
        })
        .collect_view();
    view! {
        <div class="error-box" role="alert" id=format!("{form}-problems")>
            <p>{tr(|t| t.fix_these)}</p>
            <ul>{items}</ul>
        </div>
    }
    .into_any()
}

/// The ids of one service form's boxes: `boxes`, the prefix of each box's id
/// ([`DraftField::id`]); `problems`, the prefix of its problems' (`{problems}-problem-{k}`). The
/// estimate's form is `custom`/`service`; the comparison's, `sheet`/`sheet-service`.
#[derive(Clone, Copy)]
pub(super) struct FormIds {
    pub boxes: &'static str,
    pub problems: &'static str,
}

/// What marks a box of a service form a problem is about: `aria-invalid`, and the problem
/// that says what is wrong (read with the box by screen readers).
#[derive(Clone, Copy)]
pub(super) struct Marks {
    field: DraftField,
    problems: RwSignal<Vec<ListProblem>>,
    ids: FormIds,
}

impl Marks {
    pub(super) fn new(field: DraftField, problems: RwSignal<Vec<ListProblem>>, ids: FormIds) -> Marks {
        Marks { field, problems, ids }
    }

    fn problem(self) -> Option<usize> {
        self.problems.with(|ps| ps.iter().position(|p| p.field == Some(self.field)))
    }

    pub(super) fn invalid(self) -> &'static str {
        if self.problem().is_some() { "true" } else { "false" }
    }

    pub(super) fn described(self) -> Option<String> {
        self.problem().map(|k| format!("{}-problem-{k}", self.ids.problems))
    }

    pub(super) fn id(self) -> String {
        self.field.id(self.ids.boxes)
    }
}

/// One text box of a tier or pack row: labelled "<column> <row number>", bound to a draft field.
fn row_input(
    label: fn(&'static crate::app::text::Texts) -> &'static str,
    row: usize,
    value: Signal<String>,
    set: impl Fn(String) + Send + Sync + 'static,
    disabled: Signal<bool>,
    marks: Marks,
) -> AnyView {
    let lang = expect_context::<AppState>().lang;
    let input = view! {
        <input type="text" inputmode="decimal" id=marks.id()
            aria-invalid=move || marks.invalid()
            aria-describedby=move || marks.described()
            aria-label=nth(label, row)
            // The first row's column names are above its boxes (a placeholder repeating one was
            // cut off on a phone); the rows below keep it as the column's reminder.
            placeholder=move || (row > 0).then(|| label(texts(lang.get())))
            disabled=disabled
            prop:value=value
            on:input=move |ev| set(event_target_value(&ev)) />
    };
    // The first row names its columns above its boxes (once filled, a box shows no placeholder;
    // in the same cell, the names line up with every row's boxes).
    if row == 0 {
        view! {
            <span class="cell">
                <span class="column-name" aria-hidden="true">{move || label(texts(lang.get()))}</span>
                {input}
            </span>
        }
        .into_any()
    } else {
        input.into_any()
    }
}

#[component]
pub fn CustomServices() -> impl IntoView {
    let state = expect_context::<AppState>();
    let current = move || {
        let lang = state.lang.get();
        state.with(|p| p.custom_catalog().map(|p| custom::services(p, lang)).unwrap_or_default())
    };
    // Lines of services that no longer exist go too.
    let remove_all = move |_| state.set_custom_catalog(None);
    view! {
        <section class="custom" aria-labelledby="custom-heading">
            <h2 id="custom-heading">{tr(|t| t.custom)}</h2>
            <Show when=move || !current().is_empty()>
                <div class="current-custom">
                    <p class="small">{tr(|t| t.current_custom)}</p>
                    <ul>
                        {move || current().into_iter().map(|(id, name)| view! { <li><span class="custom-name">{name}</span>" "<code>{id}</code></li> }).collect_view()}
                    </ul>
                    <button type="button" class="ghost danger" on:click=remove_all>{tr(|t| t.remove_custom)}</button>
                </div>
            </Show>
            <ServiceEditor />
            <ListLoader />
        </section>
    }
}

/// The form for one custom service, built when it is first opened.
#[component]
fn ServiceEditor() -> impl IntoView {
    lazy_details("custom-editor", tr(|t| t.custom_add), false, || view! { <ServiceForm /> })
}

const SERVICE_FORM: FormIds = FormIds { boxes: "custom", problems: "service" };

#[component]
fn ServiceForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let draft = RwSignal::new(ServiceDraft::default());
    let problems = RwSignal::new(Vec::<ListProblem>::new());
    // The service just added, said in the page's language when drawn.
    let done = RwSignal::new(None::<String>);
    let add = move |_| {
        let lang = state.lang.get_untracked();
        let d = draft.get_untracked();
        match custom::add_service(&d, &state.with_untracked(|p| p.custom_catalog().cloned()), lang) {
            Ok((custom, id)) => {
                problems.set(Vec::new());
                state.set_custom_catalog(Some(custom));
                state.add_line_for(Line::new(id, vec![0]));
                done.set(Some(d.name.trim().to_string()));
                draft.set(ServiceDraft::default());
            }
            Err(p) => {
                done.set(None);
                show_problems(p, problems, SERVICE_FORM);
            }
        }
    };
    let currency = Signal::derive(move || state.with(|p| custom::list_currency(&p.custom_catalog().cloned())));
    view! {
        {service_fields(SERVICE_FORM, draft, problems, currency)}
        {move || problems_view(problems.get(), state.lang.get(), SERVICE_FORM.problems)}
        {move || {
            let t = texts(state.lang.get());
            done.get().map(|name| view! { <p class="saving" role="status">{fill(t.added, &[("name", &name)])}</p> })
        }}
        <button type="button" class="primary" id="custom-add" on:click=add>{tr(|t| t.add_service)}</button>
    }
}

/// A drafted service's problems shown in its form (`ids`), the focus moved to the first box at
/// fault (its panel opened), which names the problem.
pub(super) fn show_problems(p: Vec<ListProblem>, problems: RwSignal<Vec<ListProblem>>, ids: FormIds) {
    let first = p.iter().find_map(|p| p.field);
    problems.set(p);
    if let Some(field) = first {
        browser::focus_field(&field.id(ids.boxes));
    }
}

/// The boxes of a service's draft (name, tiers, packs, and format 2's terms folded away), in the
/// form whose ids are `ids`; prices said to be in `currency`. The estimate's service form and the
/// comparison's typed sheet share them.
pub(super) fn service_fields(
    ids: FormIds,
    draft: RwSignal<ServiceDraft>,
    problems: RwSignal<Vec<ListProblem>>,
    currency: Signal<String>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = move |field: DraftField| field.id(ids.boxes);
    let own = move |name: &str| format!("{}-{name}", ids.boxes);
    let mark = move |field| Marks::new(field, problems, ids);
    let tier_rows = move || {
        let n = draft.with(|d| d.tiers.len());
        (0..n)
            .map(|i| {
                let sales = Signal::derive(move || draft.with(|d| d.tiers.get(i).is_some_and(|t| t.contact_sales)));
                let tier = move |f: fn(&mut TierDraft, String)| move |v| draft.update(|d| if let Some(t) = d.tiers.get_mut(i) { f(t, v) });
                view! {
                    <div class="row tier-row">
                        {row_input(|t| t.tier_up_to, i, Signal::derive(move || draft.with(|d| d.tiers.get(i).map(|t| t.up_to.clone()).unwrap_or_default())), tier(|t, v| t.up_to = v), Signal::stored(false), mark(DraftField::Tier(i, 0)))}
                        {row_input(|t| t.tier_unit_price, i, Signal::derive(move || draft.with(|d| d.tiers.get(i).map(|t| t.price.clone()).unwrap_or_default())), tier(|t, v| t.price = v), sales, mark(DraftField::Tier(i, 1)))}
                        {row_input(|t| t.tier_fee_plain, i, Signal::derive(move || draft.with(|d| d.tiers.get(i).map(|t| t.fee.clone()).unwrap_or_default())), tier(|t, v| t.fee = v), Signal::stored(false), mark(DraftField::Tier(i, 2)))}
                        <label class="check small">
                            <input type="checkbox" prop:checked=sales aria-label=nth(|t| t.contact_sales, i)
                                on:change=move |ev| draft.update(|d| if let Some(t) = d.tiers.get_mut(i) { t.contact_sales = event_target_checked(&ev) }) />
                            {tr(|t| t.contact_sales)}
                        </label>
                        <button type="button" class="ghost" disabled=move || n == 1 aria-label=nth(|t| t.remove_row, i)
                            on:click=move |_| draft.update(|d| { if d.tiers.len() > 1 { d.tiers.remove(i); } })>{tr(|t| t.remove_row)}</button>
                    </div>
                }
            })
            .collect_view()
    };
    let pack_rows = move || {
        let n = draft.with(|d| d.packs.len());
        (0..n)
            .map(|i| {
                let pack = move |f: fn(&mut PackDraft, String)| move |v| draft.update(|d| if let Some(p) = d.packs.get_mut(i) { f(p, v) });
                view! {
                    <div class="row">
                        {row_input(|t| t.pack_calls, i, Signal::derive(move || draft.with(|d| d.packs.get(i).map(|p| p.calls.clone()).unwrap_or_default())), pack(|p, v| p.calls = v), Signal::stored(false), mark(DraftField::Pack(i, 0)))}
                        {row_input(|t| t.pack_price_plain, i, Signal::derive(move || draft.with(|d| d.packs.get(i).map(|p| p.price.clone()).unwrap_or_default())), pack(|p, v| p.price = v), Signal::stored(false), mark(DraftField::Pack(i, 1)))}
                        <button type="button" class="ghost" aria-label=nth(|t| t.remove_row, i) on:click=move |_| draft.update(|d| { if i < d.packs.len() { d.packs.remove(i); } })>
                            {tr(|t| t.remove_row)}
                        </button>
                    </div>
                }
            })
            .collect_view()
    };
    let commitment_rows = move || {
        let n = draft.with(|d| d.commitments.len());
        (0..n)
            .map(|i| {
                let edit = move |f: fn(&mut CommitmentDraft, String)| move |v| draft.update(|d| if let Some(c) = d.commitments.get_mut(i) { f(c, v) });
                let value = move |f: fn(&CommitmentDraft) -> &String| Signal::derive(move || draft.with(|d| d.commitments.get(i).map(|c| f(c).clone()).unwrap_or_default()));
                view! {
                    <div class="row commitment-row">
                        {row_input(|t| t.commitment_name, i, value(|c| &c.name), edit(|c, v| c.name = v), Signal::stored(false), mark(DraftField::Commitment(i, 0)))}
                        {row_input(|t| t.commitment_fee, i, value(|c| &c.fee), edit(|c, v| c.fee = v), Signal::stored(false), mark(DraftField::Commitment(i, 1)))}
                        {row_input(|t| t.commitment_calls, i, value(|c| &c.calls), edit(|c, v| c.calls = v), Signal::stored(false), mark(DraftField::Commitment(i, 2)))}
                        {row_input(|t| t.commitment_overage, i, value(|c| &c.overage), edit(|c, v| c.overage = v), Signal::stored(false), mark(DraftField::Commitment(i, 3)))}
                        <button type="button" class="ghost" aria-label=nth(|t| t.remove_row, i) on:click=move |_| draft.update(|d| { if i < d.commitments.len() { d.commitments.remove(i); } })>
                            {tr(|t| t.remove_row)}
                        </button>
                    </div>
                }
            })
            .collect_view()
    };
    let currency_note = move || {
        let lang = state.lang.get();
        let cur = currency.get();
        fill(texts(lang).custom_currency, &[("cur", crate::app::format::currency_word(&cur, lang))])
    };
    let text_field = move |field: DraftField,
                           label: fn(&'static crate::app::text::Texts) -> &'static str,
                           get: fn(&ServiceDraft) -> &String,
                           set: fn(&mut ServiceDraft, String)| {
        let (id, marks) = (id(field), mark(field));
        // The unit's box empty is a price per call (1).
        let placeholder = (field == DraftField::Unit).then_some("1");
        view! {
            <div class="field">
                <label for=id.clone()>{tr(label)}</label>
                <input id=id type="text" inputmode="decimal" placeholder=placeholder prop:value=move || draft.with(|d| get(d).clone())
                    aria-invalid=move || marks.invalid()
                    aria-describedby=move || marks.described()
                    on:input=move |ev| draft.update(|d| set(d, event_target_value(&ev))) />
            </div>
        }
    };
    view! {
        <div class="service-form">
            <div class="field">
                <label for=id(DraftField::Name)>{tr(|t| t.custom_name)}</label>
                <input id=id(DraftField::Name) type="text" prop:value=move || draft.with(|d| d.name.clone())
                    aria-invalid=move || mark(DraftField::Name).invalid()
                    aria-describedby=move || mark(DraftField::Name).described()
                    on:input=move |ev| draft.update(|d| d.name = event_target_value(&ev)) />
            </div>
            <fieldset>
                <legend>{tr(|t| t.custom_mode)}</legend>
                <label class="check"><input type="radio" name=own("mode") prop:checked=move || draft.with(|d| !d.graduated)
                    on:change=move |_| draft.update(|d| d.graduated = false) />{tr(|t| t.mode_reached)}</label>
                <label class="check"><input type="radio" name=own("mode") prop:checked=move || draft.with(|d| d.graduated)
                    on:change=move |_| draft.update(|d| d.graduated = true) />{tr(|t| t.mode_graduated)}</label>
                // A quote's words seldom say which: the two can differ by much.
                <p class="small muted">{tr(|t| t.mode_ask)}</p>
            </fieldset>
            <fieldset class="rows">
                <legend>{tr(|t| t.custom_tiers)}</legend>
                <p class="small muted">{currency_note}</p>
                <div class="row pair-row unit-row">
                    {text_field(DraftField::Unit, |t| t.custom_unit, |d| &d.unit, |d, v| d.unit = v)}
                    <label class="check small">
                        <input type="checkbox" id=own("round-up") prop:checked=move || draft.with(|d| d.round_up)
                            on:change=move |ev| draft.update(|d| d.round_up = event_target_checked(&ev)) />
                        {tr(|t| t.custom_round_up)}
                    </label>
                </div>
                {tier_rows}
                <button type="button" class="ghost" on:click=move |_| draft.update(|d| d.tiers.push(TierDraft::default()))>{tr(|t| t.add_tier)}</button>
                <label class="check small bounds-included">
                    <input type="checkbox" id=own("bounds-included") prop:checked=move || draft.with(|d| d.bounds_included)
                        on:change=move |ev| draft.update(|d| d.bounds_included = event_target_checked(&ev)) />
                    {tr(|t| t.custom_bounds_included)}
                </label>
            </fieldset>
            <fieldset class="rows">
                <legend>{tr(|t| t.custom_packs)}</legend>
                {pack_rows}
                <button type="button" class="ghost" on:click=move |_| draft.update(|d| d.packs.push(PackDraft::default()))>{tr(|t| t.add_pack)}</button>
                <div class="field validity">
                    <label for=id(DraftField::Validity)>{tr(|t| t.validity)}</label>
                    <input id=id(DraftField::Validity) type="text" inputmode="decimal" prop:value=move || draft.with(|d| d.validity_months.clone())
                        aria-invalid=move || mark(DraftField::Validity).invalid()
                        aria-describedby=move || mark(DraftField::Validity).described()
                        on:input=move |ev| draft.update(|d| d.validity_months = event_target_value(&ev)) />
                </div>
            </fieldset>
            <details class="custom-terms" id=own("terms")>
                <summary>{tr(|t| t.custom_terms)}</summary>
                <div class="row pair-row">
                    {text_field(DraftField::QuotaCalls, |t| t.custom_quota, |d| &d.quota_calls, |d, v| d.quota_calls = v)}
                    {text_field(DraftField::QuotaMonths, |t| t.custom_quota_months, |d| &d.quota_months, |d, v| d.quota_months = v)}
                </div>
                {text_field(DraftField::Minimum, |t| t.custom_minimum, |d| &d.minimum, |d, v| d.minimum = v)}
                <fieldset class="rows">
                    <legend>{tr(|t| t.commitments)}</legend>
                    {commitment_rows}
                    <button type="button" class="ghost" id=own("add-commitment") on:click=move |_| draft.update(|d| d.commitments.push(CommitmentDraft::default()))>{tr(|t| t.add_commitment)}</button>
                </fieldset>
            </details>
        </div>
    }
}

/// Paste or pick a price list; it extends or replaces the built-in one once it checks out. Built
/// when it is first opened.
#[component]
fn ListLoader() -> impl IntoView {
    lazy_details("list-loader", tr(|t| t.load_list), false, || view! { <ListForm /> })
}

#[component]
fn ListForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let text = RwSignal::new(String::new());
    let replace = RwSignal::new(false);
    let problems = RwSignal::new(Vec::<ListProblem>::new());
    // How many services were loaded, said in the page's language when drawn, with the list
    // loaded: said while that list is the estimate's (not over another estimate's own list).
    let done = RwSignal::new(None::<(usize, crate::engine::estimate::CustomCatalog)>);
    // The estimate's own list (a cheap clone: its parts are shared), so that what this form says
    // about a list goes when the list is removed.
    let list = Memo::new(move |_| state.with(|p| p.custom_catalog().cloned()));
    let load = move |_| {
        let mode = if replace.get_untracked() { ListMode::Replace } else { ListMode::Extend };
        match custom::load(&text.get_untracked(), mode, state.lang.get_untracked()) {
            Ok(custom) => {
                let n = custom::services(&custom, state.lang.get_untracked()).len();
                problems.set(Vec::new());
                done.set(Some((n, custom.clone())));
                state.set_custom_catalog(Some(custom));
            }
            Err(p) => {
                done.set(None);
                problems.set(p);
            }
        }
    };
    view! {
            <ListSource form="list" rows="6" text problems />
            <fieldset>
                <legend class="small">{tr(|t| t.list_mode)}</legend>
                <label class="check"><input type="radio" name="list-mode" prop:checked=move || !replace.get()
                    on:change=move |_| replace.set(false) />{tr(|t| t.mode_extend)}</label>
                <label class="check"><input type="radio" name="list-mode" prop:checked=move || replace.get()
                    on:change=move |_| replace.set(true) />{tr(|t| t.mode_replace)}</label>
            </fieldset>
            {move || problems_view(problems.get(), state.lang.get(), "list")}
            {move || {
                let t = texts(state.lang.get());
                done.with(|d| d.as_ref().filter(|(_, loaded)| list.with(|l| l.as_ref() == Some(loaded))).map(|(n, _)| *n)).map(|n| view! { <p class="saving" role="status">{if n == 1 { t.loaded_one.to_string() } else { fill(t.loaded, &[("n", &n.to_string())]) }}</p> })
            }}
            {move || list.with(|c| cautions_view(c.as_ref(), state.lang.get()))}
            <button type="button" class="primary" id="list-load" on:click=load>{tr(|t| t.load_button)}</button>
    }
}
