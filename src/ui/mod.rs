//! The browser app: Leptos components that edit one estimate and render the engine's quote.
//! Compiled only for wasm32; everything it shows comes from [`crate::engine`].

use leptos::prelude::*;

use crate::engine::{Estimate, Lang, Line, catalog, quote};

/// Mounts the app on `<body>` and installs the panic hook (a panic would kill the page; the hook
/// at least logs it).
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// The calculator page.
#[component]
pub fn App() -> impl IntoView {
    let estimate = Estimate { lines: vec![Line::new("活体人脸核身", vec![15_000]).with_packs(10_000, 1)] };
    let q = quote(catalog::builtin(), &estimate, Lang::Zh);
    let (total, explanation) = match q {
        Ok(q) => (q.total.map(|t| t.to_string()).unwrap_or_default(), q.lines[0].explanation.clone()),
        Err(e) => (String::new(), e.to_string()),
    };
    view! {
        <main>
            <h1>"packwise"</h1>
            <p class="explanation">{explanation}</p>
            <p class="total">{total}</p>
        </main>
    }
}
