//! The first mount in steps. Building the whole page in one task blocks the phone's main thread
//! for the length of it (Lighthouse counts every task over 50 ms). [`start`] builds the page's
//! first parts in one task and the rest, marked [`later`], over the next few tasks, while the
//! prerendered snapshot stays on screen; the last task swaps the snapshot for the live page.
//!
//! Without [`start`] (the browser tests mount `App` themselves) there are no steps: everything is
//! built at once.

use leptos::prelude::*;
use std::time::Duration;

/// How many steps follow the first task.
pub const LAST: u8 = 6;

/// The step the mount has reached, shared through context by [`start`].
#[derive(Clone, Copy)]
struct Steps(RwSignal<u8>);

/// A part of the page built in step `step` (1 to [`LAST`]) of the first mount, and at once
/// afterwards (a line added later builds all its parts together).
pub fn later<V: IntoView + 'static>(step: u8, part: impl Fn() -> V + Send + Sync + 'static) -> impl IntoView {
    let steps = use_context::<Steps>();
    // A memo: it changes once, so the part is built once, not again at each later step.
    let reached = Memo::new(move |_| steps.is_none_or(|s| s.0.get() >= step));
    move || reached.get().then(&part)
}

/// In tasks of their own, one after another: reads the built-in price list, `prepare`s what the
/// app opens with, mounts `app` into `root`, builds it step by step, and calls `done`.
pub fn start<P: 'static, V: IntoView + 'static>(
    root: web_sys::HtmlElement,
    prepare: impl FnOnce() -> P + 'static,
    app: impl FnOnce(P) -> V + 'static,
    done: impl FnOnce() + 'static,
) {
    let mount = move |prepared: P| {
        let steps = RwSignal::new(0u8);
        leptos::mount::mount_to(root, move || {
            provide_context(Steps(steps));
            app(prepared)
        })
        .forget();
        next(steps, Box::new(done));
    };
    then(move || {
        let _ = crate::engine::catalog::builtin();
        then(move || {
            let prepared = prepare();
            then(move || mount(prepared));
        });
    });
}

fn next(steps: RwSignal<u8>, done: Box<dyn FnOnce()>) {
    then(move || {
        let reached = steps.get_untracked();
        if reached >= LAST {
            done();
        } else {
            steps.set(reached + 1);
            next(steps, done);
        }
    });
}

/// Runs `f` in a task of its own, after what is queued.
fn then(f: impl FnOnce() + 'static) {
    set_timeout(f, Duration::ZERO);
}
