//! Data-driven building blocks: a table, a list of figures and a list of notes built from plain
//! data. Every table of figures and every list of the page goes through these few view shapes,
//! because in WebAssembly each distinct view shape costs its own rendering code; describing
//! tables as data keeps the page small. (The one table built by hand is the line's pack table:
//! its cells are fields and buttons, not text.)

use leptos::prelude::*;

/// One cell: text, a smaller line under it, whether it is a row header, whether it is a number
/// (right-aligned).
#[derive(Clone)]
pub struct Cell {
    pub text: String,
    pub sub: String,
    /// A line shown only where the table drops its later columns (a phone): what they said.
    pub narrow: String,
    pub header: bool,
    pub num: bool,
}

impl Cell {
    pub fn text(t: impl Into<String>) -> Cell {
        Cell { text: t.into(), sub: String::new(), narrow: String::new(), header: false, num: false }
    }
    /// A row's header.
    pub fn head(t: impl Into<String>) -> Cell {
        Cell { text: t.into(), sub: String::new(), narrow: String::new(), header: true, num: false }
    }
    pub fn num(t: impl Into<String>) -> Cell {
        Cell { text: t.into(), sub: String::new(), narrow: String::new(), header: false, num: true }
    }
    pub fn head_num(t: impl Into<String>) -> Cell {
        Cell { text: t.into(), sub: String::new(), narrow: String::new(), header: true, num: true }
    }
    /// The same cell with a second, smaller line.
    pub fn with_sub(self, sub: impl Into<String>) -> Cell {
        Cell { sub: sub.into(), ..self }
    }
    /// The same cell with a line for a phone only (`narrow`).
    pub fn with_narrow(self, narrow: impl Into<String>) -> Cell {
        Cell { narrow: narrow.into(), ..self }
    }
}

/// A row and the class it carries (`reached`, `warn`, `not-offered`, or "").
pub struct Row {
    pub class: &'static str,
    pub cells: Vec<Cell>,
}

fn cell_view(c: Cell, scope: &'static str) -> AnyView {
    let class = if c.num { "num" } else { "" };
    let sub = (!c.sub.is_empty()).then(|| view! { <span class="sub">{c.sub}</span> });
    let narrow = (!c.narrow.is_empty()).then(|| view! { <span class="sub narrow-only">{c.narrow}</span> });
    if c.header {
        view! { <th scope=scope class=class>{c.text}{sub}{narrow}</th> }.into_any()
    } else {
        view! { <td class=class>{c.text}{sub}{narrow}</td> }.into_any()
    }
}

/// A row's own name for a control that every row has ("Price 2", "Remove 2"): the same name on
/// every row told a screen reader nothing.
pub fn nth(label: fn(&'static crate::app::text::Texts) -> &'static str, row: usize) -> impl Fn() -> String + Copy {
    let lang = expect_context::<super::state::AppState>().lang;
    move || format!("{} {}", label(crate::app::text::texts(lang.get())), row + 1)
}

/// A table with a caption (none where it is empty), a header row and body rows, in a
/// horizontally scrolling wrapper.
pub fn table(class: &'static str, caption: String, head: Vec<Cell>, rows: Vec<Row>) -> AnyView {
    let head = head.into_iter().map(|c| cell_view(Cell { header: true, ..c }, "col")).collect_view();
    // The row count sizes the table's placeholder until it is first drawn (style/main.css).
    let count = rows.len();
    let rows = rows
        .into_iter()
        .map(|r| view! { <tr class=r.class>{r.cells.into_iter().map(|c| cell_view(c, "row")).collect_view()}</tr> })
        .collect_view();
    // A wrapper that scrolls is reached with Tab: a region named as its table, so that a screen
    // reader says what it is (a generic element's name is dropped).
    let (role, label) = if caption.is_empty() { (None, None) } else { (Some("region"), Some(caption.clone())) };
    view! {
        <div class="table-wrap" data-rows=count role=role aria-label=label>
            <table class=class>
                {(!caption.is_empty()).then(|| view! { <caption>{caption}</caption> })}
                <thead>
                    <tr>{head}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// Figures as a definition list: label, value, and a class (`total`, `warn`, or "").
pub fn stats(items: Vec<(String, String, &'static str)>) -> AnyView {
    let items = items
        .into_iter()
        .map(|(label, value, class)| {
            view! {
                <div class=format!("stat {class}")>
                    <dt>{label}</dt>
                    <dd class="num">{value}</dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="stats">{items}</dl> }.into_any()
}

/// A collapsible list of notes; nothing when there are none.
pub fn notes(title: &str, items: Vec<String>, open: bool) -> AnyView {
    if items.is_empty() {
        return ().into_any();
    }
    let summary = format!("{title} ({})", items.len());
    let items = items.into_iter().map(|n| view! { <li>{n}</li> }).collect_view();
    view! {
        <details class="notes" open=open>
            <summary>{summary}</summary>
            <ul>{items}</ul>
        </details>
    }
    .into_any()
}

/// A `<details>` whose body is built the first time the visitor opens it, and kept after:
/// closed, it costs the page's first load nothing. With `for_print`, the body is also built on
/// `beforeprint`, in the microtasks before the print layout (its `toggle` event would come after
/// the page had printed).
pub fn lazy_details<V: IntoView + 'static>(
    class: &'static str,
    summary: impl IntoView + 'static,
    for_print: bool,
    body: impl Fn() -> V + Send + Sync + 'static,
) -> impl IntoView {
    lazy_details_open(class, summary, for_print, false, body)
}

/// [`lazy_details`], open (and built) from the start where `start_open` (a link that opens it).
pub fn lazy_details_open<V: IntoView + 'static>(
    class: &'static str,
    summary: impl IntoView + 'static,
    for_print: bool,
    start_open: bool,
    body: impl Fn() -> V + Send + Sync + 'static,
) -> impl IntoView {
    let opened = RwSignal::new(start_open);
    // Set once: setting it again would build the body afresh and lose what it holds.
    let open = move || {
        if !opened.get_untracked() {
            opened.set(true);
        }
    };
    if for_print {
        let handle = window_event_listener(leptos::ev::beforeprint, move |_| open());
        on_cleanup(move || handle.remove());
    }
    let on_toggle = move |ev: leptos::ev::Event| {
        if event_target::<web_sys::Element>(&ev).has_attribute("open") {
            open();
        }
    };
    view! {
        <details class=class open=start_open on:toggle=on_toggle>
            <summary>{summary}</summary>
            {move || opened.get().then(&body)}
        </details>
    }
}
