//! The page's text field: it accepts what people type (`15,000`, `1.5万`, `15k`, `0.6元`, `15%`),
//! keeps the text while it is being edited, writes valid values into the estimate and shows a
//! message next to itself for anything else. The estimate never holds an invalid value, nor one
//! typed on the way to it (while the text is invalid, the estimate holds what the field held
//! before the visitor started typing), and nothing here can panic. What a field reads is its
//! `apply` callback, made by [`whole`] (calls, months, counts) or [`decimal`] (prices,
//! percentages, weights; empty means none).

use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::app::input::InputError;
use crate::app::page::{FieldKey, LineId};
use crate::engine::Line;

use super::state::AppState;

/// What a field does with the text typed: writes a valid value into the estimate, or says why
/// it is not one.
pub type Apply = Callback<String, Result<(), InputError>>;

/// A whole number read by `parse`, given to `set` where it is valid.
pub fn whole(parse: fn(&str) -> Result<u64, InputError>, set: impl Fn(u64) + Send + Sync + 'static) -> Apply {
    Callback::new(move |text: String| parse(&text).map(&set))
}

/// An exact decimal read by `parse`, given to `set`; an empty field gives `None`.
pub fn decimal(
    parse: fn(&str) -> Result<Decimal, InputError>,
    set: impl Fn(Option<Decimal>) + Send + Sync + 'static,
) -> Apply {
    Callback::new(move |text: String| {
        let value = if text.trim().is_empty() { None } else { Some(parse(&text)?) };
        set(value);
        Ok(())
    })
}

/// The line a field's keystrokes start from: as it was before the first of them, so that a
/// value passed on the way (the 1 of 1.5, the 0 of a growth of 0.5) leaves nothing behind. Another
/// edit of the line between two keystrokes (a button clicked without leaving the field) starts
/// afresh from the line as it then is: `after` is what the last keystroke made.
#[derive(Clone, Copy)]
pub struct LineBefore {
    before: StoredValue<Option<Line>>,
    after: StoredValue<Option<Line>>,
}

impl LineBefore {
    pub fn new() -> LineBefore {
        LineBefore { before: StoredValue::new(None), after: StoredValue::new(None) }
    }

    /// Keeps line `id` as it is now, for the keystrokes to come.
    pub fn begin(self, state: AppState, id: LineId) {
        self.before.set_value(state.line(id));
    }

    /// Whether a line is kept.
    pub fn kept(self) -> bool {
        self.before.with_value(Option::is_some)
    }

    /// Whether line `id` was edited elsewhere since the last keystroke.
    pub fn edited_since(self, state: AppState, id: LineId) -> bool {
        self.kept() && self.after.get_value() != state.line(id)
    }

    /// Puts line `id` back as it was kept (before a keystroke is applied).
    pub fn restore(self, state: AppState, id: LineId) {
        if let Some(line) = self.before.get_value() {
            state.put_line_quietly(id, line);
        }
    }

    /// Notes what a keystroke made of line `id`.
    pub fn made(self, state: AppState, id: LineId) {
        self.after.set_value(state.line(id));
    }

    /// The field is left: the next keystroke starts from the line as it then is. (A field
    /// taken away while it had the focus may be left after its values are gone: nothing to do.)
    pub fn end(self) {
        self.before.try_set_value(None);
        self.after.try_set_value(None);
    }
}

#[component]
pub fn TextField(
    /// Which field it is: its element id and the key of its invalid state.
    key: FieldKey,
    /// The visible label; empty for fields labelled by their table row (then give `aria_label`).
    #[prop(into)]
    label: Signal<String>,
    /// The accessible name when it differs from the visible label.
    #[prop(optional, into)]
    aria_label: Option<Signal<String>>,
    /// The model's value as text, shown when the field is not being edited.
    #[prop(into)]
    value: Signal<String>,
    /// Reads what is typed ([`whole`], [`decimal`]).
    apply: Apply,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let raw: RwSignal<Option<String>> = RwSignal::new(None);
    let error: RwSignal<Option<InputError>> = RwSignal::new(None);
    let id = key.dom_id();
    on_cleanup(move || state.set_invalid(key, false));
    let shown = move || raw.get().unwrap_or_else(|| value.get());
    // What the field held when the visitor started typing in it. Each keystroke is applied, so
    // typing 1.5 passes through 1, and 36 months over 24 through 3. So each keystroke starts
    // from the line as it was before the first (months 4-24, their purchases and the range's
    // percentages are still there at 36), and where the text ends invalid that line stays: the
    // estimate (saved, shared, exported) never keeps a value typed on the way. A field of the
    // estimate's own (its discount, the case weights) has no line: its text is applied again.
    // (Another edit between two keystrokes starts afresh: see `LineBefore`.)
    let line = LineBefore::new();
    let text_before: StoredValue<Option<String>> = StoredValue::new(None);
    let begin = move || {
        line.begin(state, key.line);
        text_before.set_value(Some(value.get_untracked()));
    };
    let on_focus = move |_| begin();
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        if text_before.with_value(Option::is_none) || line.edited_since(state, key.line) {
            begin();
        }
        raw.set(Some(text.clone()));
        line.restore(state, key.line);
        let applied = apply.run(text);
        if applied.is_err() {
            match text_before.get_value() {
                Some(text) if !line.kept() => {
                    let _ = apply.run(text);
                }
                // The line as it was is in place already.
                _ => state.changed(),
            }
        }
        line.made(state, key.line);
        state.set_invalid(key, applied.is_err());
        error.set(applied.err());
    };
    // Once the visitor leaves a valid field, show the value formatted (15000 → 15,000); the
    // next visit starts from the line as it then is.
    let on_blur = move |_| {
        // A field taken away while it had the focus is left after its signals are gone (a
        // browser may say so): then there is nothing to do.
        if error.try_get_untracked().is_some_and(|e| e.is_none()) {
            raw.set(None);
            line.end();
            text_before.set_value(None);
        }
    };
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = {
        let (err_id, hint_id) = (err_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(err_id.clone());
            }
            ids.join(" ")
        }
    };
    let has_label = move || !label.get().is_empty();
    let label_for = id.clone();
    view! {
        <div class=format!("field {class}") class:invalid=move || error.get().is_some()>
            <Show when=has_label>
                <label for=label_for.clone()>{label}</label>
            </Show>
            <input
                id=id
                type="text"
                inputmode="decimal"
                autocomplete="off"
                spellcheck="false"
                placeholder=placeholder
                aria-label=move || aria_label.map(|a| a.get())
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described
                prop:value=shown
                on:focus=on_focus
                on:input=on_input
                on:blur=on_blur
            />
            {hint.map(|h| view! { <span class="hint" id=hint_id.clone()>{h}</span> })}
            <span class="error" id=err_id role="status">
                {move || error.get().map(|e| e.message(state.lang.get()))}
            </span>
        </div>
    }
}
