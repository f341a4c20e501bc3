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

/// What a box holds while it is edited, and the rule every box of the page follows (the
/// estimate's [`TextField`], the comparison's number boxes): the text stays as typed; a valid
/// text is written at once; an invalid one says why and puts back the value from before the edit
/// began, never one passed on the way (the 1 of 1.5, the 15 of 150); a valid box, once left,
/// shows its value as read (15000 → 15,000). Every access tolerates a box taken away while it had
/// the focus (a browser may send its events after its signals are gone): nothing happens then.
#[derive(Clone, Copy)]
pub struct Editing {
    typed: RwSignal<Option<String>>,
    error: RwSignal<Option<InputError>>,
    /// The value, as text, when the edit began (the focus, or the first keystroke).
    before: StoredValue<Option<String>>,
    /// The model's value, as text.
    value: Signal<String>,
    /// The value this box last wrote or found.
    wrote: StoredValue<String>,
}

impl Editing {
    /// A box of `value` (the model's, as text). Where the value becomes another than the box
    /// last wrote or found (a scenario or a link opened, another tab's edit), the box shows it,
    /// without the text typed or its message, and `reset` is called (the estimate's field
    /// clears its invalid mark).
    pub fn new(value: Signal<String>, reset: impl Fn() + Send + Sync + 'static) -> Editing {
        let edit = Editing {
            typed: RwSignal::new(None),
            error: RwSignal::new(None),
            before: StoredValue::new(None),
            value,
            wrote: StoredValue::new(value.get_untracked()),
        };
        Effect::new(move |_| {
            let now = value.get();
            if edit.wrote.try_with_value(|w| *w != now) == Some(true) {
                edit.wrote.try_set_value(now);
                edit.typed.try_set(None);
                edit.error.try_set(None);
                edit.before.try_set_value(None);
                reset();
            }
        });
        edit
    }

    /// Drops what was typed: the model's value is shown again, no error.
    pub fn clear(self) {
        self.typed.try_set(None);
        self.error.try_set(None);
        self.before.try_set_value(None);
        if let Some(now) = self.value.try_get_untracked() {
            self.wrote.try_set_value(now);
        }
    }

    /// The text to show: as typed while the box is edited, else the value.
    pub fn shown(self) -> String {
        self.typed.get().unwrap_or_else(|| self.value.get())
    }

    /// Why the text typed is not a value, while it is not.
    pub fn error(self) -> Option<InputError> {
        self.error.get()
    }

    /// The edit begins from the value as it is now.
    pub fn begin(self) {
        if let Some(now) = self.value.try_get_untracked() {
            self.before.try_set_value(Some(now));
        }
    }

    /// Whether the box is still there: a browser may send its events after it was taken away.
    pub fn alive(self) -> bool {
        self.typed.try_get_untracked().is_some()
    }

    /// Whether an edit has begun (and not ended).
    pub fn began(self) -> bool {
        self.before.try_with_value(Option::is_some).unwrap_or(false)
    }

    /// A keystroke: `apply` writes `text` where it is valid; where not, `put_back` is given the
    /// text from before the edit to restore it. Whether the text is valid; `None` where the box
    /// is gone.
    pub fn input(self, text: String, apply: Apply, put_back: impl FnOnce(Option<String>)) -> Option<bool> {
        self.typed.try_set(Some(text.clone())).is_none().then_some(())?;
        let result = apply.run(text);
        let valid = result.is_ok();
        if !valid {
            put_back(self.before.try_get_value().flatten());
        }
        self.error.try_set(result.err());
        // What this keystroke left is the box's own value, not one from elsewhere.
        if let Some(now) = self.value.try_get_untracked() {
            self.wrote.try_set_value(now);
        }
        Some(valid)
    }

    /// The box is left: where its text is valid, it shows the value as read and the next edit
    /// starts afresh. Whether it did (an invalid text stays beside its message).
    pub fn leave(self) -> bool {
        let valid = self.error.try_get_untracked().is_some_and(|e| e.is_none());
        if valid {
            self.typed.try_set(None);
            self.before.try_set_value(None);
        }
        valid
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
    let line = LineBefore::new();
    // A value from elsewhere (a scenario opened over invalid text) is shown, and the field is no
    // longer marked invalid.
    let edit = Editing::new(value, move || {
        state.set_invalid(key, false);
        line.end();
    });
    // Months pasted here took the place of what was typed ([`AppState::reset`]).
    Effect::new(move |_| {
        if state.reset.get() == Some(key) {
            edit.clear();
            state.set_invalid(key, false);
            line.end();
            state.reset.set(None);
        }
    });
    let id = key.dom_id();
    on_cleanup(move || state.set_invalid(key, false));
    let shown = move || edit.shown();
    // Each keystroke is applied, so typing 1.5 passes through 1, and 36 months over 24 through
    // 3. So each keystroke starts from the line as it was before the first (months 4-24, their
    // purchases and the range's percentages are still there at 36), and where the text ends
    // invalid that line stays: the estimate (saved, shared, exported) never keeps a value typed
    // on the way. A field of the estimate's own (its discount, the case weights) has no line: its
    // text from before the edit is applied again. (Another edit between two keystrokes starts
    // afresh: see `LineBefore`.)
    let begin = move || {
        line.begin(state, key.line);
        edit.begin();
    };
    let on_focus = move |_| begin();
    let on_input = move |ev: leptos::ev::Event| {
        if !edit.alive() {
            return;
        }
        let text = event_target_value(&ev);
        if !edit.began() || line.edited_since(state, key.line) {
            begin();
        }
        line.restore(state, key.line);
        let valid = edit.input(text, apply, |before| match before {
            Some(text) if !line.kept() => {
                let _ = apply.run(text);
            }
            // The line as it was is in place already.
            _ => state.changed(),
        });
        line.made(state, key.line);
        state.set_invalid(key, valid == Some(false));
    };
    // Once the visitor leaves a valid field, it shows the value formatted (15000 → 15,000); the
    // next visit starts from the line as it then is.
    let on_blur = move |_| {
        if edit.leave() {
            line.end();
        }
    };
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = {
        let (err_id, hint_id) = (err_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if edit.error().is_some() {
                ids.push(err_id.clone());
            } else if hint.is_some_and(|h| !h.with(String::is_empty)) {
                ids.push(hint_id.clone());
            }
            ids.join(" ")
        }
    };
    let has_label = move || !label.get().is_empty();
    let label_for = id.clone();
    view! {
        <div class=format!("field {class}") class:invalid=move || edit.error().is_some()>
            <Show when=has_label>
                <label for=label_for.clone()>{label}</label>
            </Show>
            <input
                id=id
                type="text"
                inputmode="decimal"
                autocomplete="off"
                spellcheck="false"
                placeholder=move || example(placeholder, state.lang.get())
                aria-label=move || aria_label.map(|a| a.get())
                aria-invalid=move || if edit.error().is_some() { "true" } else { "false" }
                aria-describedby=described
                prop:value=shown
                on:focus=on_focus
                on:input=on_input
                on:blur=on_blur
            />
            // The hint says what the value in force means ("即 85 折"): hidden while the field
            // holds text it refuses, whose error says what to type instead.
            {hint.map(|h| view! { <span class="hint" id=hint_id.clone() hidden=move || edit.error().is_some()>{h}</span> })}
            <span class="error" id=err_id role="status">
                {move || edit.error().map(|e| e.message(state.lang.get()))}
            </span>
        </div>
    }
}

/// A field's placeholder as an example (`如 10`, `e.g. 10`), so that it is not read as a value
/// already typed; nothing where the field has none.
pub fn example(placeholder: &'static str, lang: crate::engine::Lang) -> Option<String> {
    (!placeholder.is_empty()).then(|| format!("{}{placeholder}", lang.pick("如 ", "e.g. ")))
}
