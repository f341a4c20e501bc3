//! The optimizer's jobs for its Web Worker, as plain values tested natively (`cargo test --test
//! jobs`): the messages both ways, one protocol for the page's planner and the JavaScript API's
//! `optimizeAsync`; the worker's side ([`answer`]); and the two queues the page keeps —
//! [`Dispatch`], the requests in the worker (a crashed worker's are sent again to a new one;
//! where no worker can run, each runs on the page), and [`Latest`], one planner's jobs (one in
//! the worker at a time, only the newest waiting, an answer for an older edit dropped). The
//! browser's plumbing, which only carries out what these say, is `crate::worker`.
//!
//! ```text
//! page → worker  {"seq":7,"task":"line","index":0,"estimate":{…}}
//!                {"seq":8,"task":"optimize","lang":"en","estimate":{…}}
//! worker → page  {"seq":7,"last":false,"outcome":{"solution":{…}}}   a first plan, not yet proven
//!                {"seq":7,"last":true,"outcome":{"solution":{…}}}
//!                {"seq":8,"last":true,"outcome":{"optimized":{…}}}   optimize's result
//!                {"seq":8,"last":true,"outcome":{"error":{"message":…,"path":…,"code":…}}}
//!                … "crashed":true                                   the worker trapped
//! page → worker  {"seq":9,"task":"usage","lang":"zh","usage":{"filters":[["SkuId","x"]]}}
//!                + the file (the worker reads it, appends it after a newline, and calls in)
//! worker → page  {"seq":9,"last":true,"outcome":{"usage":{"months":[…],"calls":[…],…}}}
//! ```
//! Messages are JSON text, read with the format's readers (every problem with its path).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::engine::catalog::Catalog;
use crate::engine::estimate::{CustomCatalog, Estimate, ListCache};
use crate::engine::json::{self, FieldError, Res, Wrong};
use crate::engine::optimize::{Solution, optimize_estimate, solve_line};
use crate::engine::path::Path;
use crate::engine::terms::Weights;
use crate::engine::usage::{self, History};
use crate::engine::{EstimateError, Lang, Line, Quote, TooLargeSize};

/// What the worker is asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Task {
    /// One line's plan (the page's planner): answered with a [`Solution`], first unproven where
    /// the proof takes a search. `index` is the line's place in the page's estimate, for the
    /// paths in error messages; the estimate sent holds that line alone.
    Line { index: usize },
    /// Every line of the estimate optimized and priced (`optimizeAsync`): answered with
    /// `optimize`'s result.
    Optimize { lang: Lang },
    /// A usage file read into months (the page's import): the file's text follows the request's
    /// JSON after a newline; answered with the [`History`], or the problem in `lang`.
    Usage { lang: Lang, options: usage::Options },
}

/// One request.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The sender's number for this request; the answers carry it back.
    pub seq: u64,
    pub task: Task,
    pub estimate: Value,
}

impl Request {
    /// A planner's request: line `index` alone, with the estimate's weights and own price list.
    pub fn plan(seq: u64, index: usize, line: &Line, weights: Weights, custom: Option<&CustomCatalog>) -> Request {
        let estimate = Estimate {
            lines: vec![line.clone()],
            discount: None,
            scenario_weights: (weights != Weights::default()).then_some(weights),
            price_list: custom.cloned(),
            vat: None,
        };
        Request { seq, task: Task::Line { index }, estimate: serde_json::to_value(&estimate).unwrap_or(Value::Null) }
    }

    /// The page's import: a usage file read with `options`. The file goes with the request
    /// (the worker puts its text after the JSON, on the next line).
    pub fn usage(seq: u64, options: usage::Options, lang: Lang) -> Request {
        Request { seq, task: Task::Usage { lang, options }, estimate: Value::Null }
    }

    /// `optimizeAsync`'s request: the estimate as the caller gave it.
    pub fn optimize(seq: u64, estimate: Value, lang: Lang) -> Request {
        Request { seq, task: Task::Optimize { lang }, estimate }
    }

    pub fn to_json(&self) -> String {
        let head = match &self.task {
            Task::Line { index } => serde_json::json!({"seq": self.seq, "task": "line", "index": index}),
            Task::Optimize { lang } => serde_json::json!({"seq": self.seq, "task": "optimize", "lang": lang.tag()}),
            Task::Usage { lang, options } => {
                let filters: Vec<[&str; 2]> =
                    options.filters.iter().map(|f| [f.column.as_str(), f.value.as_str()]).collect();
                let mut o = serde_json::json!({"filters": filters});
                if let Some(c) = &options.date_column {
                    o["date_column"] = c.as_str().into();
                }
                if let Some(c) = &options.count_column {
                    o["count_column"] = c.as_str().into();
                }
                if options.skip_bad_rows {
                    o["skip_bad_rows"] = true.into();
                }
                return serde_json::json!({"seq": self.seq, "task": "usage", "lang": lang.tag(), "usage": o})
                    .to_string();
            }
        };
        let mut head = head;
        if let Value::Object(m) = &mut head {
            m.insert("estimate".into(), self.estimate.clone());
        }
        head.to_string()
    }

    /// Reads a request; a problem names its field (`index: must be a whole number …`).
    pub fn read(text: &str) -> Res<Request> {
        Request::read_value(parse(text)?)
    }

    fn read_value(mut v: Value) -> Res<Request> {
        let root = Path::root();
        let map = json::object(&v, &root, "a request", &["seq", "task", "index", "lang", "estimate", "usage"])?;
        let seq = json::whole(json::required(map, &root, "seq")?, &root.key("seq"), u64::MAX)?;
        let lang = match json::optional(map, "lang") {
            None => Lang::default(),
            Some(l) => {
                let tag = json::string(l, &root.key("lang"))?;
                Lang::from_tag(tag)
                    .ok_or_else(|| json::problem(&root.key("lang"), format!("\"{tag}\" is not a language")))?
            }
        };
        let task =
            match json::one_of(json::required(map, &root, "task")?, &root.key("task"), &["line", "optimize", "usage"])?
            {
                "line" => Task::Line {
                    index: json::whole(json::required(map, &root, "index")?, &root.key("index"), usize::MAX as u64)?
                        as usize,
                },
                "usage" => {
                    let options = read_usage_options(json::required(map, &root, "usage")?, &root.key("usage"))?;
                    return Ok(Request { seq, task: Task::Usage { lang, options }, estimate: Value::Null });
                }
                _ => Task::Optimize { lang },
            };
        json::required(map, &root, "estimate")?;
        let estimate = v.get_mut("estimate").map(Value::take).unwrap_or_default();
        Ok(Request { seq, task, estimate })
    }
}

/// `{"date_column": "日期", "count_column": "调用量", "filters": [["SkuId", "x"]], "skip_bad_rows": true}`.
fn read_usage_options(v: &Value, at: &Path) -> Res<usage::Options> {
    let map = json::object(v, at, "usage options", &["date_column", "count_column", "filters", "skip_bad_rows"])?;
    let text = |key: &'static str| -> Res<Option<String>> {
        json::optional(map, key).map(|c| json::string(c, &at.key(key)).map(str::to_string)).transpose()
    };
    let mut filters = Vec::new();
    if let Some(f) = json::optional(map, "filters") {
        let f_at = at.key("filters");
        for (i, pair) in json::array(f, &f_at)?.iter().enumerate() {
            let pair_at = f_at.at(i);
            let items = json::array(pair, &pair_at)?;
            let [c, v] = items.as_slice() else { return Err(json::problem(&pair_at, "a filter is [column, value]")) };
            filters.push(usage::Filter {
                column: json::string(c, &pair_at.at(0))?.to_string(),
                value: json::string(v, &pair_at.at(1))?.to_string(),
            });
        }
    }
    let skip_bad_rows =
        json::optional(map, "skip_bad_rows").map(|b| json::boolean(b, &at.key("skip_bad_rows"))).transpose()?;
    Ok(usage::Options {
        date_column: text("date_column")?,
        count_column: text("count_column")?,
        filters,
        skip_bad_rows: skip_bad_rows.unwrap_or(false),
    })
}

/// A message's JSON.
fn parse(text: &str) -> Res<Value> {
    serde_json::from_str(text).map_err(|e| json::problem(&Path::root(), format!("not valid JSON: {e}")))
}

/// The `seq` of a message that does not read as a whole, where that much reads (else 0), so
/// the request it belongs to still gets its answer.
fn seq_of(v: &Value) -> u64 {
    let root = Path::root();
    json::any_object(v, &root, "a message")
        .ok()
        .and_then(|m| json::optional(m, "seq"))
        .and_then(|s| json::whole(s, &root.key("seq"), u64::MAX).ok())
        .unwrap_or(0)
}

/// Why a job has no result: the message shown, and for programs the field at fault and a code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub message: String,
    /// `lines[0].calls[2]`; empty for the whole request.
    pub path: String,
    /// The engine's error code (`invalid_field`, …), or `worker_failed`, `unreadable`.
    pub code: String,
    /// For `too_large`: why and how large, for the page to say in its language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub too_large: Option<TooLargeSize>,
}

impl Failure {
    pub fn of(e: &EstimateError) -> Failure {
        let too_large = match e {
            EstimateError::TooLarge { size, .. } => Some(*size),
            _ => None,
        };
        Failure { message: e.to_string(), path: e.path().to_string(), code: e.code().to_string(), too_large }
    }

    /// A failure with no more than its message, path and code.
    pub fn said(message: String, path: &str, code: &str) -> Failure {
        Failure { message, path: path.to_string(), code: code.to_string(), too_large: None }
    }

    fn unreadable(what: &str, e: &FieldError) -> Failure {
        Failure::said(format!("{what}: {e}"), &e.path.to_string(), "unreadable")
    }
}

/// What an answer brings.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// A planner's plan.
    Solution(Solution),
    /// `optimize`'s result: its JSON goes to JavaScript as it is (field order kept), so it is
    /// not read here.
    Optimized,
    /// A usage file's months.
    Usage(Box<History>),
    Failed(Failure),
}

/// One answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub seq: u64,
    /// False for a first plan whose proof is still running; the final answer follows.
    pub last: bool,
    /// The worker trapped answering this request (which gets this failure): a new worker takes
    /// the requests still waiting ([`Dispatch::on_answer`]).
    pub crashed: bool,
    pub outcome: Outcome,
}

impl Answer {
    /// Writes an answer (an `Optimized` one carries `optimized`, the result's JSON).
    pub fn to_json(&self, optimized: &str) -> String {
        let outcome = match &self.outcome {
            Outcome::Solution(s) => format!("{{\"solution\":{}}}", serde_json::to_string(s).unwrap_or_default()),
            Outcome::Optimized => format!("{{\"optimized\":{optimized}}}"),
            Outcome::Usage(h) => format!("{{\"usage\":{}}}", serde_json::to_string(h).unwrap_or_default()),
            Outcome::Failed(f) => format!("{{\"error\":{}}}", serde_json::to_string(f).unwrap_or_default()),
        };
        let crashed = if self.crashed { ",\"crashed\":true" } else { "" };
        format!("{{\"seq\":{},\"last\":{}{crashed},\"outcome\":{outcome}}}", self.seq, self.last)
    }

    /// Reads an answer. One that cannot be read becomes a failure, for its `seq` where that much
    /// reads, so the request it answers is not left waiting.
    pub fn read(text: &str) -> Answer {
        match parse(text) {
            Ok(v) => Answer::read_value(&v, &Path::root()).unwrap_or_else(|e| Answer::broken(seq_of(&v), &e)),
            Err(e) => Answer::broken(0, &e),
        }
    }

    fn broken(seq: u64, e: &FieldError) -> Answer {
        Answer {
            seq,
            last: true,
            crashed: false,
            outcome: Outcome::Failed(Failure::unreadable("unreadable answer from the background worker", e)),
        }
    }

    fn read_value(v: &Value, root: &Path) -> Res<Answer> {
        let map = json::object(v, root, "an answer", &["seq", "last", "crashed", "outcome"])?;
        let flag = |key: &'static str| -> Res<bool> {
            json::optional(map, key).map_or(Ok(false), |b| json::boolean(b, &root.key(key)))
        };
        let at = root.key("outcome");
        let outcome = json::object(
            json::required(map, root, "outcome")?,
            &at,
            "an outcome",
            &["solution", "optimized", "usage", "error"],
        )?;
        let outcome = if let Some(s) = json::optional(outcome, "solution") {
            Outcome::Solution(Solution::read(s, &at.key("solution"))?)
        } else if let Some(h) = json::optional(outcome, "usage") {
            let h = History::deserialize(h)
                .map_err(|e| json::problem(&at.key("usage"), format!("not a usage history: {e}")))?;
            Outcome::Usage(Box::new(h))
        } else if json::optional(outcome, "optimized").is_some() {
            Outcome::Optimized
        } else {
            let at = at.key("error");
            let e = json::object(
                json::required(outcome, &root.key("outcome"), "error")?,
                &at,
                "an error",
                &["message", "path", "code", "too_large"],
            )?;
            let text = |key: &'static str| -> Res<String> {
                json::optional(e, key).map_or(Ok(String::new()), |s| json::string(s, &at.key(key)).map(str::to_string))
            };
            let too_large = json::optional(e, "too_large")
                .map(|v| {
                    TooLargeSize::deserialize(v)
                        .map_err(|e| json::problem(&at.key("too_large"), format!("not a size: {e}")))
                })
                .transpose()?;
            Outcome::Failed(Failure { message: text("message")?, path: text("path")?, code: text("code")?, too_large })
        };
        Ok(Answer {
            seq: json::whole(json::required(map, root, "seq")?, &root.key("seq"), u64::MAX)?,
            last: json::optional(map, "last").map_or(Ok(true), |b| json::boolean(b, &root.key("last")))?,
            crashed: flag("crashed")?,
            outcome,
        })
    }
}

/// What `optimize` returns, in its JSON field order.
#[derive(Serialize)]
pub struct OptimizeResult<'a> {
    pub quote: &'a Quote,
    pub estimate: &'a Estimate,
    pub optimization: &'a [crate::engine::optimize::Summary],
}

/// How a build answers `optimizeAsync`'s task: [`optimized`] in the JavaScript library (and the
/// tests); the page, which never asks it, passes `None`, so its WebAssembly carries none of it.
pub type OptimizeTask = fn(&Catalog, &Estimate, Lang) -> Result<String, EstimateError>;

/// `optimize`'s result as JSON, in its field order.
pub fn optimized(builtin: &Catalog, estimate: &Estimate, lang: Lang) -> Result<String, EstimateError> {
    let (quote, estimate, optimization) = optimize_estimate(builtin, estimate, lang)?;
    let body = OptimizeResult { quote: &quote, estimate: &estimate, optimization: &optimization };
    Ok(serde_json::to_string(&body).unwrap_or_else(|_| "null".into()))
}

/// The worker's side: does what `request` asks against `builtin` (extended or replaced by the
/// request's own price list, taken from `lists` where it came before), sending a first plan to
/// `early` where a proof takes a search; returns the final answer's JSON.
pub fn answer(
    builtin: &Catalog,
    request: &str,
    lists: &mut ListCache,
    optimize: Option<OptimizeTask>,
    early: &mut dyn FnMut(String),
) -> String {
    let failed = |seq, e: &FieldError| {
        let f = Failure::unreadable("unreadable request", e);
        Answer { seq, last: true, crashed: false, outcome: Outcome::Failed(f) }.to_json("")
    };
    // A usage file's text follows the request's JSON, on the next line.
    let (request, file) = request.split_once('\n').unwrap_or((request, ""));
    let v = match parse(request) {
        Ok(v) => v,
        Err(e) => return failed(0, &e),
    };
    let seq = seq_of(&v);
    let r = match Request::read_value(v) {
        Ok(r) => r,
        Err(e) => return failed(seq, &e),
    };
    let done = |outcome| Answer { seq: r.seq, last: true, crashed: false, outcome }.to_json("");
    let failed = |e: &EstimateError| done(Outcome::Failed(Failure::of(e)));
    match r.task {
        Task::Line { index } => {
            let solved = Estimate::from_value_with(&r.estimate, lists).and_then(|estimate| {
                let catalog = estimate.catalog(builtin)?;
                let line = estimate.lines.first().ok_or(EstimateError::Field {
                    path: Path::root().key("lines"),
                    wrong: Wrong::said("the request has no line"),
                })?;
                solve_line(&catalog, line, index, estimate.weights(), &mut |s| {
                    let a = Answer { seq: r.seq, last: false, crashed: false, outcome: Outcome::Solution(s.clone()) };
                    early(a.to_json(""));
                })
            });
            match solved {
                Ok(s) => done(Outcome::Solution(s)),
                Err(e) => failed(&e),
            }
        }
        Task::Usage { lang, options } => match usage::read(file, &options) {
            Ok(h) => done(Outcome::Usage(Box::new(h))),
            Err(e) => done(Outcome::Failed(usage_failure(&e, lang))),
        },
        Task::Optimize { lang } => {
            let Some(optimize) = optimize else {
                let message = "this build's worker answers one line's plan only".into();
                return done(Outcome::Failed(Failure::said(message, "task", "unsupported")));
            };
            match Estimate::from_value_with(&r.estimate, lists).and_then(|e| optimize(builtin, &e, lang)) {
                Ok(body) => {
                    Answer { seq: r.seq, last: true, crashed: false, outcome: Outcome::Optimized }.to_json(&body)
                }
                Err(e) => failed(&e),
            }
        }
    }
}

/// A usage file's problem as a job's failure: the message in `lang`, the line as its path
/// (`file:3`), or [`COUNT_COLUMN`] where the count column was not found (none or several).
pub fn usage_failure(e: &usage::UsageError, lang: Lang) -> Failure {
    let path = match e.line() {
        _ if e.count_headers().is_some() => COUNT_COLUMN.to_string(),
        Some(l) => format!("file:{l}"),
        None => "file".to_string(),
    };
    Failure::said(e.message(lang), &path, e.code())
}

/// The path of a usage failure whose count column was not found.
pub const COUNT_COLUMN: &str = "file:count";

/// Whether the worker runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkerState {
    /// Not started yet (it starts with the first job, or earlier, by the page's choice).
    Untried,
    Running,
    /// None here: no workers in this browser, or it failed to start.
    Unavailable,
}

/// The requests sent to the worker and not yet answered in full, by `seq`, with the job each
/// belongs to (in the page: its text and its callbacks).
#[derive(Debug)]
pub struct Dispatch<J> {
    state: WorkerState,
    next: u64,
    sent: BTreeMap<u64, J>,
}

impl<J> Default for Dispatch<J> {
    fn default() -> Self {
        Dispatch { state: WorkerState::Untried, next: 0, sent: BTreeMap::new() }
    }
}

impl<J: Clone> Dispatch<J> {
    pub fn state(&self) -> WorkerState {
        self.state
    }

    /// A worker was started (`true`), or could not be: then no job can be sent.
    pub fn started(&mut self, ok: bool) {
        self.state = if ok { WorkerState::Running } else { WorkerState::Unavailable };
    }

    /// Takes the job `make` makes for its number (a request carries its `seq`), to be posted
    /// under that number; `None`, making nothing, where no worker runs (the caller runs the job
    /// on the page).
    pub fn send(&mut self, make: impl FnOnce(u64) -> J) -> Option<(u64, &J)> {
        if self.state != WorkerState::Running {
            return None;
        }
        self.next += 1;
        let seq = self.next;
        Some((seq, self.sent.entry(seq).or_insert(make(seq))))
    }

    /// Posting request `seq` failed: its job comes back, to run on the page.
    pub fn unsent(&mut self, seq: u64) -> Option<J> {
        self.sent.remove(&seq)
    }

    /// An answer for `seq`: the job it belongs to, forgotten once its `last` answer came (an
    /// answer for a request not waiting, or from before a restart, has none).
    pub fn answered(&mut self, seq: u64, last: bool) -> Option<J> {
        if last { self.sent.remove(&seq) } else { self.sent.get(&seq).cloned() }
    }

    /// What to do with an answer: hand it to its job, and where the worker trapped, replace it
    /// (while one runs; after the worker is given up, a late report changes nothing) — or, where
    /// the worker could not even start (a crash report for no request), give up on workers.
    pub fn on_answer(&mut self, answer: &Answer) -> Action<J> {
        if answer.crashed && answer.seq == 0 {
            return Action::GiveUp(self.gone());
        }
        let job = self.answered(answer.seq, answer.last || answer.crashed);
        if answer.crashed && self.state == WorkerState::Running { Action::Restart(job) } else { Action::Deliver(job) }
    }

    /// After a crash: a new worker started (`true`; the caller sends it [`Dispatch::waiting`])
    /// or could not (every job waiting runs on the page: returned).
    pub fn restarted(&mut self, ok: bool) -> Vec<J> {
        if ok { Vec::new() } else { self.gone() }
    }

    /// The requests waiting, oldest first: what a new worker gets after a crash.
    pub fn waiting(&self) -> impl Iterator<Item = (u64, &J)> {
        self.sent.iter().map(|(seq, j)| (*seq, j))
    }

    /// No worker from now on (it failed to start, or again after a crash): every job waiting,
    /// to run on the page.
    pub fn gone(&mut self) -> Vec<J> {
        self.state = WorkerState::Unavailable;
        std::mem::take(&mut self.sent).into_values().collect()
    }
}

/// What [`Dispatch::on_answer`] says to do.
#[derive(Debug, PartialEq, Eq)]
pub enum Action<J> {
    /// Hand the answer to its job (none: nobody waits for it any more).
    Deliver(Option<J>),
    /// Hand the answer (the failure) to its job, then replace the worker, which trapped, and send
    /// the new one every request still waiting.
    Restart(Option<J>),
    /// The worker could not start: no worker from now on; these jobs run on the page.
    GiveUp(Vec<J>),
}

/// One planner's jobs. Each edit makes a job; at most one is in the worker, and of those made
/// meanwhile only the newest waits (the others are for an estimate that has changed). An answer
/// for an older edit is dropped, and the job waiting goes out when the one in the worker is done.
#[derive(Debug)]
pub struct Latest<J> {
    busy: bool,
    waiting: Option<J>,
    generation: u64,
}

impl<J> Default for Latest<J> {
    fn default() -> Self {
        Latest { busy: false, waiting: None, generation: 0 }
    }
}

/// What to do with a planner's answer.
#[derive(Debug, PartialEq, Eq)]
pub enum Answered<J> {
    /// Show it (a first plan, with its proof still running, where it is not the last).
    Show,
    /// It answers an estimate that has since changed.
    Drop,
    /// Drop it, and send this job, the newest waiting, now.
    Next(J),
}

impl<J> Latest<J> {
    /// A new edit: the generation its job carries.
    pub fn edit(&mut self) -> u64 {
        self.generation += 1;
        self.generation
    }

    /// The current edit's generation.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// A job: to send now (`Some`: the caller sends it, or runs it on the page where it cannot),
    /// or kept as the newest waiting while another is in the worker.
    pub fn submit(&mut self, job: J) -> Option<J> {
        if self.busy {
            self.waiting = Some(job);
            None
        } else {
            self.busy = true;
            Some(job)
        }
    }

    /// The job given to send did not reach a worker (none here): it runs on the page.
    pub fn not_sent(&mut self) {
        self.busy = false;
    }

    /// An answer for a job of edit `generation` (`last`: its final answer).
    pub fn answer(&mut self, generation: u64, last: bool) -> Answered<J> {
        if last {
            self.busy = false;
        }
        if let Some(next) = self.waiting.take() {
            if last {
                self.busy = true;
                return Answered::Next(next);
            }
            self.waiting = Some(next);
            return Answered::Drop;
        }
        if generation == self.generation { Answered::Show } else { Answered::Drop }
    }

    /// The worker is gone with `in_worker` unanswered: the job to run on the page instead, the
    /// newest waiting if there is one.
    pub fn worker_gone(&mut self, in_worker: J) -> J {
        self.busy = false;
        self.waiting.take().unwrap_or(in_worker)
    }
}
