//! Runs the optimizer in a Web Worker, off the page's thread. The worker is a module worker made
//! from a Blob (no extra file to serve or cache): it imports this module's own JavaScript glue (by
//! its `import.meta.url`) and instantiates the same compiled WebAssembly module
//! (`wasm_bindgen::module()`: not downloaded or compiled twice), then calls [`work`] with each
//! request's JSON text. The messages, and what to do with each answer, a crash or a worker that
//! cannot start, are `crate::app::jobs` (its [`Dispatch`] decides; this module only posts and
//! calls back).
//!
//! Where workers are missing, or the worker cannot start or dies, [`run`] says so (or calls the
//! job's `on_fail`) and the caller works on the page's thread instead. Used by the page's planner
//! and by the JavaScript API's `optimizeAsync`; tested in headless Chromium (tests/web.rs,
//! tests/web_api.rs).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::app::jobs::{self, Action, Answer, Dispatch, WorkerState};

/// The worker's script: waits for the glue and module, then answers requests in order. A request
/// that traps is reported as `crashed`, in the protocol's shape (`crate::app::jobs`).
const WORKER_JS: &str = r#"
let ready = null;
const failed = (seq, e) => self.postMessage(JSON.stringify({
  seq, last: true, crashed: true,
  outcome: { error: { message: "the background worker failed: " + e, path: "", code: "worker_failed" } },
}));
// A usage file: UTF-8 (a BOM dropped), else GB18030, as Chinese spreadsheets save CSV.
const readText = (file) => {
  const bytes = new FileReaderSync().readAsArrayBuffer(file);
  try { return new TextDecoder("utf-8", { fatal: true }).decode(bytes); }
  catch { return new TextDecoder("gb18030").decode(bytes); }
};
self.onmessage = (event) => {
  const data = event.data;
  if (data && data.glue) {
    ready = import(data.glue).then((m) => { m.initSync({ module: data.module }); return m; });
    ready.catch((e) => failed(0, e));
    return;
  }
  const [seq, text, file] = data;
  ready.then((m) => {
    try { m.packwiseWork(file ? text + "\n" + readText(file) : text, (reply) => self.postMessage(reply)); }
    catch (e) { failed(seq, e); }
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

/// A request in the worker: its text, to send again to a new worker after a crash, and who gets
/// the answers (each read once, with its text).
#[derive(Clone)]
struct Sent {
    text: Rc<str>,
    /// A file the worker reads and appends to the text (a usage file).
    file: Option<web_sys::Blob>,
    on_answer: Rc<dyn Fn(Answer, String)>,
    on_fail: Rc<dyn Fn()>,
}

/// The worker itself, while one runs.
struct Background {
    worker: web_sys::Worker,
    /// The script's Blob URL, revoked with the worker.
    url: String,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

#[derive(Default)]
struct State {
    dispatch: Dispatch<Sent>,
    running: Option<Background>,
}

impl State {
    /// Starts the worker if it has not been tried yet.
    fn start_if_untried(&mut self) {
        if self.dispatch.state() == WorkerState::Untried {
            self.running = start();
            self.dispatch.started(self.running.is_some());
        }
    }
}

thread_local! {
    static STATE: RefCell<State> = RefCell::default();
}

/// Whether this browser has workers at all (`Worker` exists) and the last one did not fail.
pub fn available() -> bool {
    has_workers() && STATE.with(|s| s.borrow().dispatch.state() != WorkerState::Unavailable)
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

/// Sends `request(seq)` (a [`jobs::Request`]'s JSON) to the worker. Each answer goes to
/// `on_answer`, read once, with its text (the last has `last`); if the worker dies for good,
/// `on_fail` runs instead. Returns false, having sent nothing, where no worker can run.
pub fn run(
    request: impl FnOnce(u64) -> String,
    on_answer: impl Fn(Answer, String) + 'static,
    on_fail: impl Fn() + 'static,
) -> bool {
    send(request, None, on_answer, on_fail)
}

/// [`run`] with a file the worker reads (off the page's thread) and puts after the request's
/// text, on the next line: a usage file to sum.
pub fn run_with_file(
    request: impl FnOnce(u64) -> String,
    file: web_sys::Blob,
    on_answer: impl Fn(Answer, String) + 'static,
    on_fail: impl Fn() + 'static,
) -> bool {
    send(request, Some(file), on_answer, on_fail)
}

fn send(
    request: impl FnOnce(u64) -> String,
    file: Option<web_sys::Blob>,
    on_answer: impl Fn(Answer, String) + 'static,
    on_fail: impl Fn() + 'static,
) -> bool {
    if !has_workers() {
        return false;
    }
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.start_if_untried();
        let State { dispatch, running } = &mut *s;
        let make =
            |seq| Sent { text: Rc::from(request(seq)), file, on_answer: Rc::new(on_answer), on_fail: Rc::new(on_fail) };
        let Some((seq, sent)) = dispatch.send(make) else { return false };
        let posted = running.as_ref().is_some_and(|bg| post(&bg.worker, seq, sent));
        if !posted {
            dispatch.unsent(seq);
        }
        posted
    })
}

fn post(worker: &web_sys::Worker, seq: u64, sent: &Sent) -> bool {
    let message = js_sys::Array::of2(&JsValue::from_f64(seq as f64), &JsValue::from_str(&sent.text));
    if let Some(file) = &sent.file {
        message.push(file);
    }
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
    Some(Background { worker, url, _on_message: on_message, _on_error: on_error })
}

fn stop(bg: Background) {
    bg.worker.terminate();
    let _ = web_sys::Url::revoke_object_url(&bg.url);
}

/// Hands an answer to its job (outside the borrow: the job may send the next request); what to
/// do is [`Dispatch::on_answer`]'s to say.
fn deliver(text: String) {
    let answer = Answer::read(&text);
    let action = STATE.with(|s| s.borrow_mut().dispatch.on_answer(&answer));
    let job = match action {
        Action::GiveUp(waiting) => {
            // The worker could not start: everything waiting runs on the page instead.
            STATE.with(|s| s.borrow_mut().running.take().map(stop));
            return waiting.into_iter().for_each(|sent| (sent.on_fail)());
        }
        Action::Deliver(job) => job,
        Action::Restart(job) => {
            // The instance in the worker trapped and cannot be trusted: a new worker takes the
            // requests still waiting, before this answer's owner can send another.
            restart();
            job
        }
    };
    if let Some(sent) = job {
        (sent.on_answer)(answer, text);
    }
}

/// No worker from now on: everything waiting runs on the page.
fn fail_all() {
    let waiting = STATE.with(|s| {
        let mut s = s.borrow_mut();
        if let Some(bg) = s.running.take() {
            stop(bg);
        }
        s.dispatch.gone()
    });
    for sent in waiting {
        (sent.on_fail)();
    }
}

/// A new worker in place of one that crashed: the requests still waiting are sent to it (or run
/// on the page, if it cannot start).
fn restart() {
    let failed: Vec<Sent> = STATE.with(|s| {
        let mut s = s.borrow_mut();
        if let Some(bg) = s.running.take() {
            stop(bg);
        }
        let fresh = start();
        let mut failed = s.dispatch.restarted(fresh.is_some());
        if let Some(fresh) = fresh {
            let unposted: Vec<u64> = s
                .dispatch
                .waiting()
                .filter(|(seq, sent)| !post(&fresh.worker, *seq, sent))
                .map(|(seq, _)| seq)
                .collect();
            failed.extend(unposted.into_iter().filter_map(|seq| s.dispatch.unsent(seq)));
            s.running = Some(fresh);
        }
        failed
    });
    for sent in failed {
        (sent.on_fail)();
    }
}

/// What this build's worker answers besides one line's plan: `optimizeAsync`'s task in the
/// JavaScript library; nothing in the page, which never asks it (so it carries none of that code).
#[cfg(feature = "js-api")]
const OPTIMIZE: Option<jobs::OptimizeTask> = Some(jobs::optimized);
#[cfg(not(feature = "js-api"))]
const OPTIMIZE: Option<jobs::OptimizeTask> = None;

/// The worker's side: a request of `crate::app::jobs` answered, its first plan sent early where a
/// proof takes a search. The price lists requests carry are kept for the next ones.
#[wasm_bindgen(js_name = packwiseWork, skip_typescript)]
pub fn work(request: String, reply: &js_sys::Function) {
    thread_local! {
        static LISTS: RefCell<crate::engine::estimate::ListCache> = RefCell::default();
    }
    let send = |text: String| {
        let _ = reply.call1(&JsValue::NULL, &text.into());
    };
    let last = LISTS.with(|lists| {
        jobs::answer(crate::engine::catalog::builtin(), &request, &mut lists.borrow_mut(), OPTIMIZE, &mut |early| {
            send(early)
        })
    });
    send(last);
}
