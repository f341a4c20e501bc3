//! "Import usage" on a line: a usage or billing export chosen or dropped, read in the Web Worker
//! (on the page where no worker runs), its months previewed with the columns and filters used
//! (changeable), then applied as the line's history (its plan then shows the hindsight view) or
//! as a forecast of the months after. The choices and words are `crate::app::usage`.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::jobs::{Outcome, Request};
use crate::app::page::LineId;
use crate::app::text::{fill, texts};
use crate::app::usage::{self as model, Choices};
use crate::engine::money::group_u64;
use crate::engine::usage::{self, History, Role};

use super::i18n::tr;
use super::state::AppState;
use super::widgets::{Cell, Row, lazy_details, table};
use crate::worker;

/// The import, built when first opened.
#[component]
pub fn UsageImport(id: LineId) -> impl IntoView {
    lazy_details("usage-import", tr(|t| t.usage_open), false, move || view! { <UsageForm id=id /> })
}

/// What the form holds between reads.
#[derive(Clone, Copy)]
struct Form {
    file: StoredValue<Option<web_sys::File>, LocalStorage>,
    name: RwSignal<String>,
    choices: RwSignal<Choices>,
    /// The history read, or why not and whether leaving out the rows that do not read would
    /// help.
    result: RwSignal<Option<Result<History, Unread>>>,
    /// The file's headers (read from its first lines on the page) and the last history read:
    /// the columns and filters stay to change even when a read fails.
    headers: RwSignal<Vec<String>>,
    last: RwSignal<Option<History>>,
    reading: RwSignal<bool>,
    /// The read whose answer counts (older ones are dropped).
    generation: StoredValue<u64>,
    /// When the last read was asked and answered (`performance.now()`), for the benchmark.
    sent: RwSignal<String>,
    answered: RwSignal<String>,
    /// The forecast's fields as typed, and whether the preview was applied to the line since:
    /// kept here, so a switch of language (which builds the preview again) keeps them.
    horizon: RwSignal<String>,
    growth: RwSignal<String>,
    /// Each month the same month a year before, grown (not the fitted curve).
    same: RwSignal<bool>,
    applied: RwSignal<bool>,
}

fn now() -> String {
    let t = web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now());
    crate::app::chart::num(t)
}

/// Why a file was not read: the message, whether leaving out the rows that do not read would
/// help, and whether a column was not found (or several were).
type Unread = (String, bool, bool);

impl Form {
    /// Reads the file with the choices made: in the worker, else here.
    fn read(self, lang: crate::engine::Lang) {
        let Some(file) = self.file.get_value() else { return };
        if file.size() > usage::MAX_BYTES as f64 {
            let e = usage::UsageError::TooLarge { bytes: file.size() as u64 };
            self.result.set(Some(Err((e.message(lang), false, false))));
            return;
        }
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        self.reading.set(true);
        self.sent.set(now());
        let options = self.choices.get_untracked().options();
        let deliver = move |r: Result<History, Unread>| {
            if self.generation.get_value() == generation {
                self.reading.try_set(false);
                if let Ok(h) = &r {
                    self.headers.try_set(h.headers.clone());
                    self.last.try_set(Some(h.clone()));
                }
                self.result.try_set(Some(r));
                self.answered.try_set(now());
            }
        };
        let here = {
            let (file, options) = (file.clone(), options.clone());
            move || {
                let (file, options) = (file.clone(), options.clone());
                leptos::task::spawn_local(async move {
                    let text = super::browser::text_of(&file).await.unwrap_or_default();
                    let read = usage::read(&text, &options);
                    deliver(read.map_err(|e| (e.message(lang), e.skips(), e.count_headers().is_some())));
                });
            }
        };
        let on_answer = move |a: crate::app::jobs::Answer, _: String| match a.outcome {
            Outcome::Usage(h) => deliver(Ok(*h)),
            Outcome::Failed(f) => {
                let skips = usage::SKIPPED_CODES.contains(&f.code.as_str());
                // The count column not found (none, or several).
                let count = f.path == crate::app::jobs::COUNT_COLUMN;
                deliver(Err((f.message, skips, count)))
            }
            Outcome::Solution(_) | Outcome::Optimized => {}
        };
        let request = move |seq| Request::usage(seq, options, lang).to_json();
        let blob: web_sys::Blob = file.into();
        if !worker::run_with_file(request, blob, on_answer, here.clone()) {
            here();
        }
    }

    fn take(self, file: web_sys::File, lang: crate::engine::Lang) {
        self.name.set(file.name());
        // Another file: its own fitted growth, and nothing applied from it yet.
        self.growth.set(String::new());
        self.applied.set(false);
        self.choices.set(Choices::default());
        self.headers.set(Vec::new());
        self.last.set(None);
        // The headers from the first 64 KB, read here (small): the columns can be named even
        // where the file as a whole does not read.
        if let Ok(start) = file.slice_with_i32_and_i32(0, 65_536) {
            leptos::task::spawn_local(async move {
                let text = super::browser::text_of(&start).await.unwrap_or_default();
                if let Ok(h) = usage::headers(&text) {
                    self.headers.try_update(|old| {
                        if old.is_empty() {
                            *old = h;
                        }
                    });
                }
            });
        }
        self.file.set_value(Some(file));
        self.read(lang);
    }
}

#[component]
fn UsageForm(id: LineId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let form = Form {
        file: StoredValue::new_local(None),
        name: RwSignal::new(String::new()),
        choices: RwSignal::new(Choices::default()),
        result: RwSignal::new(None),
        headers: RwSignal::new(Vec::new()),
        last: RwSignal::new(None),
        reading: RwSignal::new(false),
        generation: StoredValue::new(0),
        sent: RwSignal::new(String::new()),
        answered: RwSignal::new(String::new()),
        horizon: RwSignal::new(model::default_horizon(untrack(|| state.line(id)).as_ref()).to_string()),
        growth: RwSignal::new(String::new()),
        same: RwSignal::new(false),
        applied: RwSignal::new(false),
    };
    // A file of several services: the rows of the line's own, where the file says which (once a
    // file; read again with that filter).
    Effect::new(move |_| {
        let picked = form.result.with(|r| {
            let Some(r) = r else { return false };
            let Some(service) = untrack(|| state.line(id)).map(|l| l.service) else { return false };
            let catalog = super::state::catalog();
            // Where no count column was found, the headers (read apart, they may come after the
            // answer: tracked).
            let headers = matches!(r, Err((_, _, true))).then(|| form.headers.get());
            form.choices
                .try_maybe_update(|c| {
                    // Or, where no count column was found, the one headed with the line's service.
                    let picked = match (r, &headers) {
                        (Ok(h), _) => c.pick_line_service(h, &catalog, &service),
                        (Err(_), Some(hs)) => c.pick_count_column(hs, &catalog, &service),
                        (Err(_), None) => false,
                    };
                    (picked, picked)
                })
                .unwrap_or(false)
        });
        if picked {
            form.read(state.lang.get_untracked());
        }
    });
    let input_id = format!("l{id}-usage-file");
    let on_file = move |ev: leptos::ev::Event| {
        if let Some(file) = super::browser::chosen_file(&ev) {
            form.take(file, state.lang.get_untracked());
        }
    };
    // Rows pasted (a phone has no file to choose): read as a file of that text.
    let pasted = RwSignal::new(String::new());
    let paste_id = format!("l{id}-usage-paste");
    let read_pasted = move |_| {
        let lang = state.lang.get_untracked();
        let text = pasted.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&text));
        if let Ok(file) = web_sys::File::new_with_str_sequence(&parts, texts(lang).usage_pasted) {
            form.take(file, lang);
        }
    };
    let dragging = RwSignal::new(false);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            form.take(file, state.lang.get_untracked());
        }
    };
    let status = move || {
        form.reading.get().then(|| {
            let t = texts(state.lang.get());
            view! { <p class="muted small" role="status">{fill(t.usage_reading, &[("name", &form.name.get())])}</p> }
        })
    };
    let body = move || match (state.lang.track(), form.result.get()).1 {
        None => ().into_any(),
        // A row that does not read: the rest can be read without it (and it is listed).
        Some(Err((message, skips, _))) => view! {
            <p class="error-box" role="alert">{message}</p>
            {(skips && !form.choices.with_untracked(|c| c.skip_bad_rows)).then(|| view! {
                <button type="button" class="skip-bad" on:click=move |_| {
                    form.choices.update(|c| c.skip_bad_rows = true);
                    form.read(state.lang.get_untracked());
                }>{tr(|t| t.usage_skip_bad)}</button>
            })}
        }
        .into_any(),
        Some(Ok(h)) => view! { <Preview id=id form=form history=h /> }.into_any(),
    };
    view! {
        <div
            class="usage-drop"
            class:dragging=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <p class="small muted">{tr(|t| t.usage_intro)}</p>
            <span class="file-pick">
                <label for=input_id.clone()>{tr(|t| t.usage_choose)}</label>
                <input id=input_id type="file" accept=".csv,.tsv,.txt,text/csv" on:change=on_file />
            </span>
            <span class="small muted">{tr(|t| t.usage_drop)}</span>
        </div>
        <details class="usage-paste">
            <summary class="small">{tr(|t| t.usage_paste)}</summary>
            <div class="field">
                <label for=paste_id.clone() class="small">{tr(|t| t.usage_paste_label)}</label>
                <textarea id=paste_id rows="5" spellcheck="false" placeholder=move || texts(state.lang.get()).usage_paste_example
                    prop:value=move || pasted.get() on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
            </div>
            <button type="button" on:click=read_pasted>{tr(|t| t.usage_paste_read)}</button>
        </details>
        {move || (!form.headers.with(Vec::is_empty)).then(|| view! { <Columns id=id form=form /> })}
        <div
            class="usage-result"
            aria-live="polite"
            aria-busy=move || if form.reading.get() { "true" } else { "false" }
            data-sent=move || form.sent.get()
            data-answered=move || form.answered.get()
        >
            {status}
            {body}
        </div>
    }
}

/// What the file holds, the columns and filters used, and the two ways to apply it.
#[component]
fn Preview(id: LineId, form: Form, history: History) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang.get_untracked();
    let t = texts(lang);
    let h = StoredValue::new(history);
    let (horizon, growth, same, applied) = (form.horizon, form.growth, form.same, form.applied);
    // A year of history or more: the same months a year before can be forecast.
    let a_year = h.with_value(|h| h.calls.len() >= 12);
    let error_id = format!("l{id}-usage-forecast-error");
    // The line's first month: a line dated later than the history ends keeps its months.
    let line_start = Memo::new(move |_| state.with(|p| p.line(id).and_then(|l| l.calendar().first().copied())));
    // This month, where the visitor chose to start the forecast there (a history that ended
    // months ago); a line dated later keeps its own.
    let now = super::browser::this_month();
    let from_now = RwSignal::new(None::<usage::Month>);
    let start = Memo::new(move |_| line_start.get().max(from_now.get()));
    let forecast = Memo::new(move |_| {
        let lang = state.lang.get();
        let same = same.get() && a_year;
        h.with_value(|h| model::forecast_typed(h, &horizon.get(), &growth.get(), start.get(), same, lang))
    });
    let mut summary = h.with_value(|h| model::summary(&form.name.get_untracked(), h, lang));
    // The line's service, its name, and whether the file's rows are another's: read once, as
    // the preview is drawn (a new read draws it again).
    let (service, other) = untrack(|| {
        let id = state.line(id).map(|l| l.service).unwrap_or_default();
        let name = super::state::service(&id).map_or_else(|| id.clone(), |s| s.name.get(lang).to_string());
        let other = h.with_value(|h| model::other_service_words(h, &super::state::catalog(), &id, &name, lang));
        (name, other)
    });
    // Said first after what the file is: it decides what the months below add up.
    for words in other.into_iter().chain(form.choices.with_untracked(|c| model::line_pick_words(c, &service, lang))) {
        summary.insert(summary.len().min(1), words);
    }
    let summary = summary.into_iter().map(|s| view! { <li>{s}</li> }).collect_view();

    let months_table = h.with_value(|h| {
        let rows = h
            .months
            .iter()
            .zip(&h.calls)
            .map(|(m, c)| Row { class: "", cells: vec![Cell::head(m.to_string()), Cell::num(group_u64(*c))] })
            .collect();
        table(
            "usage-months",
            t.usage_months_found.to_string(),
            vec![Cell::text(t.usage_month), Cell::num(t.usage_calls)],
            rows,
        )
    });
    let focus = h.with_value(|h| h.focus).then(|| view! { <p class="small muted">{t.usage_focus}</p> });
    // What the last use replaced: the line's range (in words), and how many of its purchases
    // and commitments were dropped (they were for other months).
    let replaced = RwSignal::new(None::<String>);
    let dropped = RwSignal::new(0usize);
    let use_history = move |_| {
        let mut gone = 0;
        h.with_value(|h| state.edit(id, |l| gone = h.apply(l)));
        replaced.set(None);
        dropped.set(gone);
        applied.set(true);
    };
    // The line's own range, where it has one: kept unless the visitor unticks it (a forecast of
    // a few smooth months has a narrow interval).
    let own_range = Memo::new(move |_| state.with(|p| p.line(id).and_then(model::own_range_words)));
    let keep_range = RwSignal::new(true);
    let use_forecast = move |_| {
        if let Ok(f) = forecast.get_untracked() {
            let own = state.with_untracked(|p| p.line(id).and_then(crate::app::edit::own_spread));
            let keep = own.filter(|_| keep_range.get_untracked());
            replaced.set(if keep.is_none() { own_range.get_untracked() } else { None });
            let mut gone = 0;
            h.with_value(|h| state.edit(id, |l| gone = model::use_forecast(h, &f, l, keep)));
            dropped.set(gone);
            applied.set(true);
        }
    };
    let forecast_view = {
        let error_id = error_id.clone();
        move || {
            let lang = state.lang.get();
            let t = texts(lang);
            match forecast.get() {
                Err(e) => view! { <p class="error-box" role="alert" id=error_id.clone()>{e.message}</p> }.into_any(),
                Ok(f) => {
                    let months = h.with_value(|h| h.forecast_months(&f));
                    let at = |v: &[u64], k: usize| group_u64(v.get(k).copied().unwrap_or(0));
                    let rows = months
                        .iter()
                        .enumerate()
                        .map(|(k, m)| Row {
                            class: "",
                            cells: vec![
                                Cell::head(m.to_string()),
                                Cell::num(at(&f.calls_low, k)),
                                Cell::num(at(&f.calls, k)),
                                Cell::num(at(&f.calls_high, k)),
                            ],
                        })
                        .collect();
                    let head = vec![
                        Cell::text(t.usage_month),
                        Cell::num(t.usage_low),
                        Cell::num(t.usage_likely),
                        Cell::num(t.usage_high),
                    ];
                    let typed = !form.growth.with(|g| g.trim().is_empty());
                    let chosen = from_now.get().is_some() && from_now.get() == start.get();
                    let skipped = h.with_value(|h| model::skipped_words(h, &f, chosen, lang));
                    let begins = h.with_value(|h| model::start_words(h, &f, lang));
                    let notes = skipped
                        .into_iter()
                        .chain(model::fitted_text(&f, typed, lang))
                        .chain(begins)
                        .map(|n| view! { <p class="small">{n}</p> })
                        .collect_view();
                    // Months already past: said, with the way to start at this month.
                    let past = now.and_then(|now| {
                        let words = h.with_value(|h| model::past_words(h, &f, now, lang))?;
                        let label = fill(t.usage_forecast_from_now, &[("now", &now.to_string())]);
                        Some(view! {
                            <div class="usage-past" role="status">
                                <p class="small">{words}</p>
                                <button type="button" class="from-now" on:click=move |_| {
                                    from_now.set(Some(now));
                                    applied.set(false);
                                }>{label}</button>
                            </div>
                        })
                    });
                    view! {
                        {past}
                        {notes}
                        {table("usage-forecast", String::new(), head, rows)}
                        <p class="small muted">{model::range_words(&f, lang)}</p>
                    }
                    .into_any()
                }
            }
        }
    };
    // A field at fault is marked and names the message (read with it by screen readers).
    let faulty =
        move |field: model::ForecastField| forecast.with(|f| f.as_ref().err().and_then(|e| e.field) == Some(field));
    let invalid = move |field| if faulty(field) { "true" } else { "false" };
    let described = {
        let error_id = error_id.clone();
        move |field| faulty(field).then(|| error_id.clone())
    };
    let fitted = move || {
        forecast.with(|f| f.as_ref().ok().and_then(|f| f.fitted_growth)).map(model::growth_text).unwrap_or_default()
    };
    view! {
        <ul class="usage-summary small">{summary}</ul>
        {focus}
        {months_table}
        <div class="usage-apply">
            <button type="button" class="primary" on:click=use_history>{t.usage_apply_history}</button>
            <p class="small muted">{t.usage_apply_history_hint}</p>
        </div>
        <fieldset class="usage-forecast-form">
            <legend>{t.usage_forecast}</legend>
            <div class="field">
                <label for=format!("l{id}-usage-horizon")>{t.usage_horizon}</label>
                <input id=format!("l{id}-usage-horizon") type="text" inputmode="numeric" prop:value=move || horizon.get()
                    aria-invalid=move || invalid(model::ForecastField::Horizon)
                    aria-describedby={
                        let described = described.clone();
                        move || described(model::ForecastField::Horizon)
                    }
                    on:input=move |ev| {
                        horizon.set(event_target_value(&ev));
                        applied.set(false);
                    } />
            </div>
            <div class="field">
                <label for=format!("l{id}-usage-growth")>{t.usage_growth}</label>
                <input id=format!("l{id}-usage-growth") type="text" inputmode="decimal" placeholder=fitted prop:value=move || growth.get()
                    aria-invalid=move || invalid(model::ForecastField::Growth)
                    aria-describedby=move || described(model::ForecastField::Growth)
                    on:input=move |ev| {
                        growth.set(event_target_value(&ev));
                        applied.set(false);
                    } />
            </div>
            {a_year.then(|| view! {
                <label class="check same-months">
                    <input type="checkbox" id=format!("l{id}-usage-same-months") prop:checked=move || same.get()
                        on:change=move |ev| { same.set(event_target_checked(&ev)); applied.set(false); } />
                    {move || texts(state.lang.get()).usage_same_months}
                </label>
            })}
            {forecast_view}
            {move || own_range.get().map(|range| view! {
                <label class="check keep-range">
                    <input type="checkbox" prop:checked=move || keep_range.get()
                        on:change=move |ev| { keep_range.set(event_target_checked(&ev)); applied.set(false); } />
                    {move || fill(texts(state.lang.get()).usage_keep_range, &[("range", &range)])}
                </label>
            })}
            <button type="button" class="primary" on:click=use_forecast
                disabled=move || forecast.with(|f| f.is_err())>{t.usage_apply_forecast}</button>
        </fieldset>
        {move || applied.get().then(|| {
            let t = texts(state.lang.get());
            let said = replaced.get().map_or_else(|| t.usage_applied.to_string(), |r| fill(t.usage_range_replaced, &[("range", &r)]));
            let said = match dropped.get() {
                0 => said,
                n => format!("{said}{}", model::dropped_words(n, state.lang.get())),
            };
            view! { <p class="saving" role="status">{said}</p> }
        })}
    }
}

/// The date and count columns (found by header unless chosen) and the filters of columns with a
/// few values; each change reads the file again. Shown once the headers are known, also when a
/// read failed (a column to name, a filter that left no rows).
#[component]
fn Columns(id: LineId, form: Form) -> impl IntoView {
    let state = expect_context::<AppState>();
    let column_select = move |role: Role| {
        let select_id = format!("l{id}-usage-{}", if role == Role::Date { "date" } else { "count" });
        let options = move || {
            let lang = state.lang.get();
            let t = texts(lang);
            let chosen = form.choices.with(|c| match role {
                Role::Date => c.date_column.clone(),
                _ => c.count_column.clone(),
            });
            let found = form.last.with(|h| {
                h.as_ref().map(|h| if role == Role::Date { h.date_column.clone() } else { h.count_column.clone() })
            });
            let current = chosen.or(found);
            let auto = view! { <option value="" selected=current.is_none()>{t.usage_auto}</option> };
            let named = form.headers.with(|hs| {
                hs.iter()
                    .map(|c| view! { <option value=c.clone() selected=current.as_deref() == Some(c.as_str())>{model::column_label(c, lang)}</option> })
                    .collect_view()
            });
            view! { {auto}{named} }
        };
        view! {
            <div class="field">
                <label for=select_id.clone()>
                    {move || { let t = texts(state.lang.get()); if role == Role::Date { t.usage_date_column } else { t.usage_count_column } }}
                </label>
                <select id=select_id on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let v = (!v.is_empty()).then_some(v);
                    form.choices.update(|c| match role {
                        Role::Date => c.date_column = v,
                        _ => c.count_column = v,
                    });
                    form.read(state.lang.get_untracked());
                }>{options}</select>
            </div>
        }
    };
    let filters = move || {
        let t = texts(state.lang.get());
        let choices = form.last.with(|h| h.as_ref().map(|h| h.choices.clone()).unwrap_or_default());
        choices
            .into_iter()
            .enumerate()
            .map(|(i, choice)| {
                let select_id = format!("l{id}-usage-filter-{i}");
                let column = choice.column.clone();
                let current = form.choices.with_untracked(|c| c.filter_of(&column).map(str::to_string));
                let options = choice
                    .values
                    .iter()
                    .map(|(v, n)| {
                        let shown = if v.is_empty() { "—".to_string() } else { v.clone() };
                        view! { <option value=v.clone() selected=current.as_deref() == Some(v.as_str())>{format!("{shown} ({})", group_u64(*n))}</option> }
                    })
                    .collect_view();
                view! {
                    <div class="field">
                        <label for=select_id.clone()>{choice.column.clone()}</label>
                        <select id=select_id on:change=move |ev| {
                            let v = event_target_value(&ev);
                            // The first option, "All", stands for no filter (a value may be empty).
                            let all = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()).is_some_and(|s| s.selected_index() == 0);
                            form.choices.update(|c| c.set_filter(&column, (!all).then_some(v.as_str())));
                            form.read(state.lang.get_untracked());
                        }>
                            <option selected=current.is_none()>{t.usage_filter_all}</option>
                            {options}
                        </select>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="usage-columns">
            <legend>{move || texts(state.lang.get()).usage_columns}</legend>
            {column_select(Role::Date)}
            {column_select(Role::Count)}
            {filters}
        </fieldset>
    }
}
