//! Runs the optimizer in a Web Worker, off the page's thread. The worker is a module worker made
//! from a Blob (no extra file to serve or cache): it imports this module's own JavaScript glue (by
//! its `import.meta.url`) and instantiates the same compiled WebAssembly module
//! (`wasm_bindgen::module()`: not downloaded or compiled twice), then calls an exported function
//! with each request's JSON text. Every answer is JSON text carrying the request's `seq` and
//! whether it is the `last` for that request (see `crate::app::solver`).
//!
//! Where workers are missing, or the worker cannot start or dies, [`run`] says so (or calls the
//! job's `on_fail`) and the caller works on the page's thread instead. Used by the page's planner
//! and by the JavaScript API's `optimizeAsync`; tested in headless Chromium (tests/web.rs).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// The worker's script: waits for the glue and module, then answers requests in order.
const WORKER_JS: &str = r#"
let ready = null;
const failed = (seq, e, crashed) =>
  self.postMessage(JSON.stringify({ seq, last: true, error: "the background worker failed: " + e, crashed }));
self.onmessage = (event) => {
  const data = event.data;
  if (data && data.glue) {
    ready = import(data.glue).then((m) => { m.initSync({ module: data.module }); return m; });
    ready.catch((e) => failed(0, e, true));
    return;
  }
  const [seq, name, text] = data;
  ready.then((m) => {
    try { m[name](text, (reply) => self.postMessage(reply)); }
    catch (e) { failed(seq, e, true); }
  }, () => {});
};
"#;

#[wasm_bindgen]
extern "C" {
    type ImportMeta;
    #[wasm_bindgen(method, getter)]
    fn url(this: &ImportMeta) -> String;
    #[wasm_bindgen(thread_local_v2, js_namespace = import, js_name = meta)]
    static IMPORT_META: ImportMeta;
}

struct Job {
    /// The exported function and the request, to send again to a new worker after a crash.
    function: String,
    text: String,
    on_answer: Rc<dyn Fn(String)>,
    on_fail: Rc<dyn Fn()>,
}

struct Background {
    worker: web_sys::Worker,
    /// The script's Blob URL, revoked with the worker.
    url: String,
    jobs: HashMap<u64, Job>,
    next: u64,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

enum State {
    Untried,
    Running(Background),
    /// No worker here (none in this browser, or it failed to start).
    Unavailable,
}

impl State {
    /// Starts the worker if it has not been tried yet.
    fn start_if_untried(&mut self) {
        if matches!(self, State::Untried) {
            *self = start().map_or(State::Unavailable, State::Running);
        }
    }
}

thread_local! {
    static STATE: RefCell<State> = const { RefCell::new(State::Untried) };
}

/// Whether this browser has workers at all (`Worker` exists) and the last one did not fail.
pub fn available() -> bool {
    has_workers() && STATE.with(|s| !matches!(*s.borrow(), State::Unavailable))
}

fn has_workers() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &"Worker".into()).is_ok_and(|w| w.is_function())
}

/// Starts the worker now, if it can run and has not been tried, so that its start (the module
/// handed over, instantiated on the worker's thread) is done before the first request, in a task
/// of the page's own.
pub fn warm() {
    if has_workers() {
        STATE.with(|s| s.borrow_mut().start_if_untried());
    }
}

/// Sends `request(seq)` to the worker's exported function `function`. Each answer's text goes to
/// `on_answer` (the last has `"last":true`); if the worker dies or cannot start, `on_fail` runs
/// instead. Returns false, having sent nothing, where no worker can run.
pub fn run(
    function: &str,
    request: impl FnOnce(u64) -> String,
    on_answer: impl Fn(String) + 'static,
    on_fail: impl Fn() + 'static,
) -> bool {
    if !has_workers() {
        return false;
    }
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.start_if_untried();
        let State::Running(bg) = &mut *s else { return false };
        bg.next += 1;
        let seq = bg.next;
        let text = request(seq);
        if !post(&bg.worker, seq, function, &text) {
            return false;
        }
        bg.jobs.insert(
            seq,
            Job { function: function.to_string(), text, on_answer: Rc::new(on_answer), on_fail: Rc::new(on_fail) },
        );
        true
    })
}

fn post(worker: &web_sys::Worker, seq: u64, function: &str, text: &str) -> bool {
    let message = js_sys::Array::of3(&JsValue::from_f64(seq as f64), &function.into(), &text.into());
    worker.post_message(&message).is_ok()
}

fn start() -> Option<Background> {
    let parts = js_sys::Array::of1(&WORKER_JS.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(&url, &options).ok()?;
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
        if let Some(text) = e.data().as_string() {
            deliver(text);
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|_| fail_all());
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"glue".into(), &IMPORT_META.with(ImportMeta::url).into()).ok()?;
    js_sys::Reflect::set(&init, &"module".into(), &wasm_bindgen::module()).ok()?;
    worker.post_message(&init).ok()?;
    Some(Background { worker, url, jobs: HashMap::new(), next: 0, _on_message: on_message, _on_error: on_error })
}

/// Hands an answer to its job (outside the borrow: the job may send the next request).
fn deliver(text: String) {
    let head: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let seq = head.get("seq").and_then(|s| s.as_u64()).unwrap_or(0);
    let last = head.get("last").and_then(|l| l.as_bool()).unwrap_or(true);
    let crashed = head.get("crashed").and_then(|c| c.as_bool()).unwrap_or(false);
    if seq == 0 && crashed {
        // The worker could not start: everything waiting runs on the page instead.
        fail_all();
        return;
    }
    let job = STATE.with(|s| match &mut *s.borrow_mut() {
        State::Running(bg) if last || crashed => bg.jobs.remove(&seq).map(|j| j.on_answer),
        State::Running(bg) => bg.jobs.get(&seq).map(|j| j.on_answer.clone()),
        _ => None,
    });
    if crashed {
        // The instance in the worker trapped and cannot be trusted: a new worker takes the
        // requests still waiting, before this answer's owner can send another.
        restart();
    }
    if let Some(on_answer) = job {
        on_answer(text);
    }
}

fn stop(bg: Background) -> HashMap<u64, Job> {
    bg.worker.terminate();
    let _ = web_sys::Url::revoke_object_url(&bg.url);
    bg.jobs
}

/// No worker from now on: everything waiting runs on the page.
fn fail_all() {
    let jobs = STATE.with(|s| match std::mem::replace(&mut *s.borrow_mut(), State::Unavailable) {
        State::Running(bg) => stop(bg).into_values().map(|j| j.on_fail).collect(),
        _ => Vec::new(),
    });
    for on_fail in jobs {
        on_fail();
    }
}

/// A new worker in place of one that crashed: the requests still waiting are sent to it (or run
/// on the page, if it cannot start).
fn restart() {
    let failed: Vec<Rc<dyn Fn()>> = STATE.with(|s| {
        let old = std::mem::replace(&mut *s.borrow_mut(), State::Untried);
        let State::Running(bg) = old else {
            *s.borrow_mut() = old;
            return Vec::new();
        };
        let next = bg.next;
        let mut jobs = stop(bg);
        let Some(mut fresh) = start() else {
            *s.borrow_mut() = State::Unavailable;
            return jobs.into_values().map(|j| j.on_fail).collect();
        };
        fresh.next = next;
        let mut failed = Vec::new();
        for (seq, job) in jobs.drain() {
            if post(&fresh.worker, seq, &job.function, &job.text) {
                fresh.jobs.insert(seq, job);
            } else {
                failed.push(job.on_fail);
            }
        }
        *s.borrow_mut() = State::Running(fresh);
        failed
    });
    for on_fail in failed {
        on_fail();
    }
}

/// The worker's side for the page: one line's plan (`crate::app::solver`), with a first plan
/// sent early where the proof takes a search. (Not in the JavaScript library, which does not
/// need it: its worker answers `optimizeAsync`.)
#[cfg(not(feature = "js-api"))]
#[wasm_bindgen(js_name = packwiseSolve, skip_typescript)]
pub fn solve_in_worker(request: String, reply: &js_sys::Function) {
    let send = |text: String| {
        let _ = reply.call1(&JsValue::NULL, &text.into());
    };
    let last = crate::app::solver::answer(crate::engine::catalog::builtin(), &request, &mut |early| send(early));
    send(last);
}
