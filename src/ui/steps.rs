//! The first mount in steps. Building the whole page in one task blocks the phone's main thread
//! for the length of it (Lighthouse counts every task over 50 ms). [`start`] builds the page's
//! first parts in one task and the rest, marked [`later`], over the next few tasks, while the
//! prerendered snapshot stays on screen; the last task swaps the snapshot for the live page.
//!
//! Without [`start`] (the browser tests mount `App` themselves) there are no steps: everything is
//! built at once.
//!
//! After the mount, [`deferred`] does the same for an edit: the views that take longest to build
//! again (a line's month table and its chart) follow the edit in tasks of their own, and
//! [`gradual`] builds a long list added at once (a line's month fields) a few dozen at a time.
//!
//! Each task begins with a user timing mark, `packwise: start <what>` (see [`marked`]): it names
//! the task in the browser's performance panel, and `scripts/bench-web.mjs` finds each task of a
//! traced load by it. The mark is not a duration: a step's building runs after its function
//! returns, in the task's microtasks (Leptos's effects), so the task's own length is the figure.

use leptos::prelude::*;
use std::time::Duration;

/// The steps, in order: what each builds after the first task (the page's frame: header,
/// headings, notices).
pub mod step {
    /// The lines' frames (heading and buttons).
    pub const LINES: u8 = 1;
    /// Each line's service and volume.
    pub const SERVICE: u8 = 2;
    /// Each line's packs and postpaid switch.
    pub const PACKS: u8 = 3;
    /// The summary: the total, the share and export buttons.
    pub const SUMMARY: u8 = 4;
    /// Each line's terms, tiers, negotiated price and quote.
    pub const QUOTE: u8 = 5;
    /// Each line's planner, cheapest plan and break-even chart.
    pub const PLAN: u8 = 6;
    /// Custom services, the comparison of scenarios, the estimate's terms.
    pub const EXTRAS: u8 = 7;
}

/// How many steps follow the first task.
pub const LAST: u8 = step::EXTRAS;

/// The step the mount has reached, shared through context by [`start`].
#[derive(Clone, Copy)]
struct Steps(RwSignal<u8>);

/// A part of the page built in step `step` (one of [`step`]) of the first mount, and at once
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
    then("price list", move || {
        let _ = crate::engine::catalog::builtin();
        then("visit", move || {
            let prepared = prepare();
            then("mount", move || mount(prepared));
        });
    });
}

fn next(steps: RwSignal<u8>, done: Box<dyn FnOnce()>) {
    let reached = steps.get_untracked();
    if reached >= LAST {
        then("done", done);
    } else {
        then(STEP_NAMES[usize::from(reached)], move || {
            steps.set(reached + 1);
            next(steps, done);
        });
    }
}

/// `source`'s value, one task later: a view that reads it is built again in a task of its own
/// after the edit that changed `source`, not in the edit's task. Typing 120 into the months of a
/// range (12 months, then 120) built 108 month fields, a 120-row month table and its chart in one
/// task of about 55 ms; split, no task is over 50. A burst of edits before the task runs builds
/// the view once, with the last value. It starts with `source`'s value, so the first mount (and
/// the prerendered page) is unchanged.
pub fn deferred<T: Clone + PartialEq + Send + Sync + 'static>(source: Memo<T>) -> ReadSignal<T> {
    let (value, set_value) = signal(source.get_untracked());
    let queued = StoredValue::new(false);
    Effect::new(move |_| {
        // Nothing to do where the view shows `source` already (at the mount, mostly).
        if source.with(|s| value.with_untracked(|v| v != s)) {
            next_task(queued, move || {
                if let Some(latest) = source.try_get_untracked() {
                    set_value.try_set(latest);
                }
            });
        }
    });
    value
}

/// How many of `count`'s items a list shows: all of them at the mount; after an edit that adds
/// more than `step`, `step` more at once and `step` more in each task after that, until it shows
/// them all; fewer at once. A field typed into meanwhile keeps its text: a step only adds items
/// after it. (A line's month fields and the options of its buy month's list: see
/// `MONTHS_AT_ONCE` in `line.rs`.)
pub fn gradual(count: Memo<usize>, step: usize) -> Memo<usize> {
    debug_assert!(step > 0, "a list that grows by 0 a task never shows what is added");
    // Each task's step: the list grows by `step` each time `next` is notified.
    let next = Trigger::new();
    let shown = Memo::new(move |before: Option<&usize>| {
        next.track();
        let want = count.get();
        before.map_or(want, |&now| want.min(now.saturating_add(step)))
    });
    let queued = StoredValue::new(false);
    Effect::new(move |_| {
        if shown.get() < count.get() {
            next_task(queued, move || next.notify());
        }
    });
    shown
}

/// Runs `f` in a task of its own, after what is queued, unless such a task is waiting already
/// (`queued`: a burst of edits runs it once); not at all where the view that owns `queued` is
/// gone by then (its line removed).
fn next_task(queued: StoredValue<bool>, f: impl FnOnce() + 'static) {
    if queued.try_get_value().unwrap_or(true) {
        return;
    }
    queued.set_value(true);
    set_timeout(
        move || {
            if queued.try_set_value(false).is_none() {
                f();
            }
        },
        Duration::ZERO,
    );
}

/// The user timing's name of each step, by the step it builds.
const STEP_NAMES: [&str; LAST as usize] = ["lines", "service", "packs", "summary", "quote", "plan", "extras"];

/// Runs `f` in a task of its own, after what is queued, marked `packwise: start <what>`.
fn then(what: &'static str, f: impl FnOnce() + 'static) {
    set_timeout(move || marked(what, f), Duration::ZERO);
}

/// Marks the user timing `packwise: start <what>` (nothing where the page has no `performance`),
/// then runs `f`.
pub fn marked<T>(what: &str, f: impl FnOnce() -> T) -> T {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(&format!("packwise: start {what}"));
    }
    f()
}
