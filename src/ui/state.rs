//! The page's state in Leptos: one signal of [`Page`] (the model, tested natively) and memos
//! derived from it. Components read through the memos, so editing one line re-renders that line
//! only, and act through the methods below, each of which is one of `Page`'s handlers.

use leptos::prelude::*;
use std::sync::Arc;

use crate::app::compare::{Change, CompareError};
use crate::app::page::{FieldKey, LineId, Page, Quotes, StorageProblem, Total};
use crate::engine::catalog::{self, Catalog, Service};
use crate::engine::terms::{Discount, Weights};
use crate::engine::{CustomCatalog, EstimateError, Lang, Line, LineQuote};

/// Shared by every component through context. All fields are signals or memos, so it is `Copy`.
#[derive(Clone, Copy)]
pub struct AppState {
    page: RwSignal<Page>,
    /// The page's language, as a signal of its own: hundreds of texts read it, and a memo of
    /// the page would wake every one of them on each keystroke. [`AppState::set_lang`] keeps it
    /// and the page's language the same.
    /// Read it; change it only through `set_lang`.
    pub lang: RwSignal<Lang>,
    /// The ids of the lines, in order (for keyed rendering).
    pub ids: Memo<Vec<LineId>>,
    /// The price list in force.
    pub catalog: Memo<CatalogRef>,
    /// Each line priced, in order.
    pub quotes: Memo<Vec<(LineId, Result<LineQuote, EstimateError>)>>,
    pub total: Memo<Total>,
    /// The estimate's discount and the weights of the cases, which every line's planner reads.
    pub terms: Memo<(Option<Discount>, Weights)>,
    /// A field whose text is to show the line's value again, what it had typed dropped: months
    /// pasted into it from a spreadsheet took their place (the same values as before change no
    /// value, so the field would keep text it had refused). The field sets it back to `None`.
    pub reset: RwSignal<Option<crate::app::page::FieldKey>>,
}

/// The price list in force, compared by identity (a list is built once, where it is loaded).
#[derive(Clone)]
pub struct CatalogRef(pub Arc<Catalog>);

impl PartialEq for CatalogRef {
    fn eq(&self, o: &CatalogRef) -> bool {
        Arc::ptr_eq(&self.0, &o.0)
    }
}

/// A service of the list in force, held by the components that show it.
#[derive(Clone)]
pub struct ServiceRef {
    catalog: Arc<Catalog>,
    index: usize,
}

impl ServiceRef {
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The currency of the list this service is on: what a component made for the service
    /// prices in (it is made again when the list in force changes).
    pub fn currency(&self) -> Currency {
        Currency::of(&self.catalog)
    }
}

impl std::ops::Deref for ServiceRef {
    type Target = Service;
    fn deref(&self) -> &Service {
        &self.catalog.services[self.index]
    }
}

impl PartialEq for ServiceRef {
    fn eq(&self, o: &ServiceRef) -> bool {
        Arc::ptr_eq(&self.catalog, &o.catalog) && self.index == o.index
    }
}

/// The price list in force for the component asking (tracked: components re-render when it
/// changes); the built-in one outside the app. Outside the component tree too: a timeout or a
/// spawned task runs without the owner, so read `AppState::catalog` before scheduling one.
#[track_caller]
pub fn catalog() -> Arc<Catalog> {
    match use_context::<AppState>() {
        Some(s) => s.catalog.get().0,
        None => catalog::builtin_shared(),
    }
}

/// The currency of the list in force: three capital letters (the price-list parser checks).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Currency([u8; 3]);

impl Currency {
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("CNY")
    }

    fn of(c: &Catalog) -> Currency {
        let b = c.currency.as_bytes();
        Currency(if b.len() == 3 { [b[0], b[1], b[2]] } else { *b"CNY" })
    }
}

/// The currency of the list in force for the component asking (tracked, as [`catalog`]: read it
/// where it is rendered, or take [`ServiceRef::currency`] in a component made for a service).
#[track_caller]
pub fn currency() -> Currency {
    Currency::of(&catalog())
}

/// The service of the list in force that answers to `query`.
#[track_caller]
pub fn service(query: &str) -> Option<ServiceRef> {
    let catalog = catalog();
    let index = catalog.services.iter().position(|s| s.answers_to(query.trim()))?;
    Some(ServiceRef { catalog, index })
}

impl AppState {
    pub fn new(page: Page) -> AppState {
        let page = RwSignal::new(page);
        let lang = RwSignal::new(page.with_untracked(|p| p.lang));
        let ids = Memo::new(move |_| page.with(Page::ids));
        let catalog = Memo::new(move |_| CatalogRef(page.with(Page::catalog)));
        let cache: StoredValue<Quotes> = StoredValue::new(Quotes::default());
        let quotes = Memo::new(move |_| page.with(|p| cache.try_update_value(|c| c.update(p)).unwrap_or_default()));
        let total = Memo::new(move |_| quotes.with(|q| page.with(|p| p.total(q))));
        let terms = Memo::new(move |_| page.with(|p| (p.discount(), p.weights())));
        AppState { page, lang, ids, catalog, quotes, total, terms, reset: RwSignal::new(None) }
    }

    /// Reads the page (tracked).
    pub fn with<T>(&self, f: impl FnOnce(&Page) -> T) -> T {
        self.page.with(f)
    }

    /// Reads the page without tracking it.
    pub fn with_untracked<T>(&self, f: impl FnOnce(&Page) -> T) -> T {
        self.page.with_untracked(f)
    }

    /// Changes the page without telling what reads it (the model's own bookkeeping of a save);
    /// `None` once the page is gone.
    pub fn update_untracked<T>(&self, f: impl FnOnce(&mut Page) -> T) -> Option<T> {
        self.page.try_update_untracked(f)
    }

    /// Runs one of the page's handlers.
    pub fn update(&self, f: impl FnOnce(&mut Page)) {
        self.page.update(f);
    }

    /// The current index of line `id` (tracked through the ids alone, so edits to the lines do
    /// not re-run what depends on it).
    pub fn index_of(&self, id: LineId) -> Option<usize> {
        self.ids.with(|ids| ids.iter().position(|x| *x == id))
    }

    /// A copy of line `id`.
    pub fn line(&self, id: LineId) -> Option<Line> {
        self.page.with(|p| p.line(id).cloned())
    }

    /// The quote of line `id`.
    pub fn line_quote(&self, id: LineId) -> Option<Result<LineQuote, EstimateError>> {
        self.quotes.with(|q| q.iter().find(|(x, _)| *x == id).map(|(_, q)| q.clone()))
    }

    /// Edits line `id` in place (nothing happens if it is gone).
    pub fn edit(&self, id: LineId, f: impl FnOnce(&mut Line)) {
        self.page.update(|p| p.edit(id, f));
    }

    /// Puts line `id` back to `line` without telling anything that reads the page: the edit
    /// that follows (or [`AppState::changed`]) does.
    pub fn put_line_quietly(&self, id: LineId, line: Line) {
        self.page.update_untracked(|p| p.put_line(id, line));
    }

    /// Tells everything that reads the page that it changed.
    pub fn changed(&self) {
        self.page.notify();
    }

    /// Adds a given line (a custom service's first line) over the estimate's horizon.
    pub fn add_line_for(&self, line: Line) {
        self.page.update(|p| {
            p.add_line_on_horizon(line);
        });
    }

    /// Duplicates line `id`; the focus goes to the copy's heading.
    pub fn duplicate(&self, id: LineId) {
        let mut new = None;
        self.page.update(|p| new = p.duplicate(id));
        if let Some(new) = new {
            super::browser::focus_soon(format!("#{}", line_heading(new)));
        }
    }

    /// Adds a line; the focus goes to its heading.
    pub fn add_line(&self) {
        let mut new = None;
        self.page.update(|p| new = p.add_line());
        if let Some(new) = new {
            super::browser::focus_soon(format!("#{}", line_heading(new)));
        }
    }

    /// Removes line `id`; the focus goes to the next line's heading (the previous one's after the
    /// last, the button that adds a line when none is left), not to the page itself.
    pub fn remove(&self, id: LineId) {
        let next = self.ids.with_untracked(|ids| {
            let i = ids.iter().position(|x| *x == id)?;
            ids.get(i + 1).or_else(|| i.checked_sub(1).and_then(|j| ids.get(j))).copied()
        });
        self.page.update(|p| p.remove(id));
        super::browser::focus_soon(
            next.map_or_else(|| "section.lines > button.add".to_string(), |n| format!("#{}", line_heading(n))),
        );
    }

    /// Puts the line removed last back where it was; the focus goes to its heading.
    pub fn undo_remove(&self) {
        let mut back = None;
        self.page.update(|p| back = p.undo_remove());
        if let Some(id) = back {
            super::browser::focus_soon(format!("#{}", line_heading(id)));
        }
    }

    pub fn set_lang(&self, lang: Lang) {
        self.page.update(|p| p.lang = lang);
        self.lang.set(lang);
    }

    /// Makes one change to the saved scenarios: to what storage holds now (so another tab's
    /// saves are kept), stored again at once; the page shows the result. `Ok(Some(problem))`:
    /// made on this page only, for storage would not keep it.
    pub fn change_scenarios(&self, change: Change) -> Result<Option<StorageProblem>, CompareError> {
        let stored = super::browser::load(super::browser::SCENARIOS_KEY);
        let unreadable = stored.as_ref().err().copied();
        let mut result = Ok(None);
        self.page.update(|p| result = p.change_scenarios(&change, stored));
        Ok(match result? {
            Some(text) => {
                let problem = self.store(super::browser::SCENARIOS_KEY, &text).err();
                self.page.update(|p| p.scenarios_kept(problem.is_none()));
                problem
            }
            None => unreadable,
        })
    }

    /// Stores `value` under `key`; the page says once if storage fails, and the caller is told.
    pub fn store(&self, key: &str, value: &str) -> Result<(), StorageProblem> {
        super::browser::save(key, value).inspect_err(|problem| self.page.update(|p| p.storage_failed(*problem)))
    }

    pub fn set_custom_catalog(&self, custom: Option<CustomCatalog>) {
        self.page.update(|p| p.set_custom_catalog(custom));
    }

    /// Whether any field of line `id` holds invalid text (a memo: it changes only with that).
    pub fn line_invalid(&self, id: LineId) -> Memo<bool> {
        let page = self.page;
        Memo::new(move |_| page.with(|p| p.line_invalid(id)))
    }

    /// Whether a field of the estimate's terms holds the figures back ([`Page::terms_invalid`]).
    pub fn terms_invalid(&self) -> Memo<bool> {
        let page = self.page;
        Memo::new(move |_| page.with(Page::terms_invalid))
    }

    /// Records a field's validity, touching the page only when it changes.
    pub fn set_invalid(&self, key: FieldKey, invalid: bool) {
        if self.page.with_untracked(|p| p.is_invalid(key)) != invalid {
            self.page.update(|p| p.set_invalid(key, invalid));
        }
    }
}

/// The id of line `id`'s heading (focusable, so that an action can move the focus there).
pub fn line_heading(id: LineId) -> String {
    format!("line-{id}-heading")
}
