//! Page texts as signals of the current language.
//!
//! Every text goes through these two functions rather than a closure of its own: each distinct
//! closure rendered in a view instantiates its own rendering code, and a hundred of them cost
//! tens of kilobytes of WebAssembly. A `Signal<&'static str>` renders through one shared path.

use leptos::prelude::*;

use crate::app::text::{Texts, texts};

use super::state::AppState;

/// The text `pick` chooses, in the current language.
pub fn tr(pick: fn(&'static Texts) -> &'static str) -> Signal<&'static str> {
    let lang = expect_context::<AppState>().lang;
    Signal::derive(move || pick(texts(lang.get())))
}

/// The same, owned (for props that take a `Signal<String>`).
pub fn trs(pick: fn(&'static Texts) -> &'static str) -> Signal<String> {
    let lang = expect_context::<AppState>().lang;
    Signal::derive(move || pick(texts(lang.get())).to_string())
}
