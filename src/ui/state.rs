//! The page's one piece of state: the estimate being edited (its lines, and the price list of its
//! own, held apart so that editing a line never copies a large list), with the language, the
//! fields that currently hold invalid text, and a notice. Everything else (the active price list,
//! quotes, totals) is derived; [`AppState::full_estimate`] puts the estimate back together for
//! storage, share links and exports.

use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::BTreeSet;

use crate::app::{edit, share};
use crate::engine::catalog::{self, Catalog};
use crate::engine::{CustomPrices, Estimate, EstimateError, Lang, Line, LineQuote, quote_estimate, quote_line};

use super::browser;

/// Something the page tells the visitor once, above the estimate.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    LoadedFromLink,
    BadLink(share::ShareError),
    BadStorage,
}

/// Shared by every component through context. All fields are signals, so it is `Copy`.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The lines (its `price_list` is always `None` here: see `prices`).
    pub estimate: RwSignal<Estimate>,
    /// The estimate's own price list, extending or replacing the built-in one.
    pub prices: RwSignal<Option<CustomPrices>>,
    /// The price list in force.
    pub catalog: Memo<Cat>,
    /// A stable id per line (same order as `estimate.lines`), for keyed rendering.
    pub ids: RwSignal<Vec<u32>>,
    next_id: StoredValue<u32>,
    pub lang: RwSignal<Lang>,
    /// Keys of the fields whose text does not parse; the quote then says so.
    pub invalid: RwSignal<BTreeSet<String>>,
    pub notice: RwSignal<Option<Notice>>,
    /// Each line priced on its own (index-aligned with the lines).
    pub quotes: Memo<Vec<Result<LineQuote, EstimateError>>>,
}

/// The price list in force, compared by identity (lists are only ever built once).
#[derive(Clone, Copy)]
pub struct Cat(pub &'static Catalog);

impl PartialEq for Cat {
    fn eq(&self, o: &Cat) -> bool {
        std::ptr::eq(self.0, o.0)
    }
}

/// The price list in force for the component asking (tracked: components re-render when it
/// changes); the built-in one outside the app. Outside the component tree too: a timeout or a
/// spawned task runs without the owner, so read `AppState::catalog` before scheduling one.
pub fn catalog() -> &'static Catalog {
    use_context::<AppState>().map_or(catalog::builtin(), |s| s.catalog.get().0)
}

thread_local! {
    /// Price lists built from custom lists, by their JSON. A page builds a handful in its life
    /// (one per list the visitor loads or edits), and components hold `&'static` services, so
    /// they are kept for the page's lifetime.
    static BUILT: RefCell<Vec<(String, &'static Catalog)>> = const { RefCell::new(Vec::new()) };
}

/// The built-in list extended or replaced by `prices`; the built-in list if that fails (a list
/// only enters the state once it has been checked, so it does not).
pub fn active(prices: &Option<CustomPrices>) -> &'static Catalog {
    let Some(p) = prices else { return catalog::builtin() };
    let key = serde_json::to_string(p).unwrap_or_default();
    if let Some(c) = BUILT.with(|b| b.borrow().iter().find(|(k, _)| *k == key).map(|(_, c)| *c)) {
        return c;
    }
    let carrier = Estimate { lines: Vec::new(), price_list: Some(p.clone()) };
    match carrier.catalog(catalog::builtin()) {
        Ok(c) => {
            let leaked: &'static Catalog = Box::leak(Box::new(c.into_owned()));
            BUILT.with(|b| b.borrow_mut().push((key, leaked)));
            leaked
        }
        Err(_) => catalog::builtin(),
    }
}

impl AppState {
    pub fn new(mut estimate: Estimate, lang: Lang, notice: Option<Notice>) -> AppState {
        let ids: Vec<u32> = (1..=estimate.lines.len() as u32).collect();
        let next = ids.len() as u32 + 1;
        let prices = RwSignal::new(estimate.price_list.take());
        let cat = Memo::new(move |_| Cat(prices.with(active)));
        let estimate = RwSignal::new(estimate);
        let lang = RwSignal::new(lang);
        // Lines that did not change keep their quote: only the edited line is priced again.
        type Cached = (usize, Lang, Line, Result<LineQuote, EstimateError>, &'static Catalog);
        let cache: StoredValue<Vec<Cached>> = StoredValue::new(Vec::new());
        let quotes = Memo::new(move |_| {
            let lang = lang.get();
            let catalog = cat.get().0;
            // A new price list prices every line anew.
            if cache.with_value(|c| c.first().is_some_and(|x| !std::ptr::eq(x.4, catalog))) {
                cache.set_value(Vec::new());
            }
            estimate.with(|e| {
                let fresh: Vec<Cached> = e
                    .lines
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        let hit = cache.with_value(|c| {
                            c.iter()
                                .find(|(ci, cl, cline, _, _)| *ci == i && *cl == lang && cline == l)
                                .map(|x| x.3.clone())
                        });
                        (i, lang, l.clone(), hit.unwrap_or_else(|| quote_line(catalog, l, i, lang)), catalog)
                    })
                    .collect();
                let out = fresh.iter().map(|x| x.3.clone()).collect();
                cache.set_value(fresh);
                out
            })
        });
        AppState {
            estimate,
            prices,
            catalog: cat,
            ids: RwSignal::new(ids),
            next_id: StoredValue::new(next),
            lang,
            invalid: RwSignal::new(BTreeSet::new()),
            notice: RwSignal::new(notice),
            quotes,
        }
    }

    fn fresh_id(&self) -> u32 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        id
    }

    /// The current index of line `id`.
    pub fn index_of(&self, id: u32) -> Option<usize> {
        self.ids.with(|ids| ids.iter().position(|x| *x == id))
    }

    /// A copy of line `id`.
    pub fn line(&self, id: u32) -> Option<Line> {
        let i = self.index_of(id)?;
        self.estimate.with(|e| e.lines.get(i).cloned())
    }

    /// The quote of line `id`.
    pub fn line_quote(&self, id: u32) -> Option<Result<LineQuote, EstimateError>> {
        let i = self.index_of(id)?;
        self.quotes.with(|q| q.get(i).cloned())
    }

    /// Edits line `id` in place (nothing happens if it is gone).
    pub fn edit(&self, id: u32, f: impl FnOnce(&mut Line)) {
        let Some(i) = self.index_of(id) else { return };
        self.estimate.update(|e| {
            if let Some(line) = e.lines.get_mut(i) {
                f(line);
            }
        });
    }

    pub fn add_line(&self) {
        if self.estimate.with_untracked(|e| e.lines.len()) >= crate::engine::limits::MAX_LINES {
            return;
        }
        let id = self.fresh_id();
        self.estimate.update(|e| e.lines.push(edit::new_line(catalog(), None)));
        self.ids.update(|ids| ids.push(id));
    }

    /// Adds a given line (a custom service's first line).
    pub fn add_line_for(&self, line: Line) {
        if self.estimate.with_untracked(|e| e.lines.len()) >= crate::engine::limits::MAX_LINES {
            return;
        }
        let id = self.fresh_id();
        self.estimate.update(|e| e.lines.push(line));
        self.ids.update(|ids| ids.push(id));
    }

    pub fn duplicate(&self, id: u32) {
        let Some(i) = self.index_of(id) else { return };
        let new_id = self.fresh_id();
        let mut done = false;
        self.estimate.update(|e| done = edit::duplicate_line(e, i));
        if done {
            self.ids.update(|ids| ids.insert(i + 1, new_id));
        }
    }

    pub fn remove(&self, id: u32) {
        let Some(i) = self.index_of(id) else { return };
        self.invalid.update(|s| s.retain(|k| !k.starts_with(&format!("{id}:"))));
        self.ids.update(|ids| {
            ids.remove(i);
        });
        self.estimate.update(|e| {
            if i < e.lines.len() {
                e.lines.remove(i);
            }
        });
    }

    /// Replaces the whole estimate (a share link was opened): every line is rebuilt.
    pub fn replace(&self, mut estimate: Estimate) {
        let ids: Vec<u32> = estimate.lines.iter().map(|_| self.fresh_id()).collect();
        self.invalid.set(BTreeSet::new());
        self.prices.set(estimate.price_list.take());
        self.ids.set(ids);
        self.estimate.set(estimate);
    }

    /// The estimate with its own price list: what storage, share links and exports carry.
    pub fn full_estimate(&self) -> Estimate {
        let mut e = self.estimate.get_untracked();
        e.price_list = self.prices.get_untracked();
        e
    }

    /// Whether any field of line `id` holds invalid text.
    pub fn line_invalid(&self, id: u32) -> bool {
        let prefix = format!("{id}:");
        self.invalid.with(|s| s.iter().any(|k| k.starts_with(&prefix)))
    }

    pub fn set_invalid(&self, key: &str, invalid: bool) {
        let has = self.invalid.with_untracked(|s| s.contains(key));
        if invalid && !has {
            self.invalid.update(|s| {
                s.insert(key.to_string());
            });
        } else if !invalid && has {
            self.invalid.update(|s| {
                s.remove(key);
            });
        }
    }
}

/// What the page opens with: a share link in the URL wins, then the saved estimate, then the
/// default (worked example two). Problems become a notice; they never stop the page.
pub fn startup() -> (Estimate, Lang, Option<Notice>) {
    let lang = browser::load(browser::LANG_KEY).and_then(|t| Lang::from_tag(&t)).unwrap_or_default();
    let mut notice = None;
    match share::decode(&browser::hash(), catalog::builtin()) {
        Ok(Some(e)) => {
            browser::clear_hash();
            return (e, lang, Some(Notice::LoadedFromLink));
        }
        Ok(None) => {}
        Err(err) => {
            browser::clear_hash();
            notice = Some(Notice::BadLink(err));
        }
    }
    let saved = browser::load(browser::ESTIMATE_KEY).map(|text| {
        Estimate::from_json(&text).and_then(|e| quote_estimate(catalog::builtin(), &e, Lang::En).map(|_| e))
    });
    let estimate = match saved {
        Some(Ok(e)) => e,
        Some(Err(_)) => {
            notice = notice.or(Some(Notice::BadStorage));
            edit::default_estimate()
        }
        None => edit::default_estimate(),
    };
    (estimate, lang, notice)
}
