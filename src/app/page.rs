//! The calculator page as one plain value: the lines being edited (each with a stable id), the
//! estimate's own price list, the language, which fields hold text that does not parse, and the
//! notices shown above the estimate. Its methods are the page's handlers, so the page's
//! behaviour is tested natively (`tests/page.rs`); the Leptos layer keeps a signal of it and
//! renders what it says.
//!
//! Opening follows one order, on load and when a share link is pasted into an open page: a
//! share link in the URL wins, then the saved estimate, then the default one (worked example
//! two). Problems become notices; they never stop the page.

use rust_decimal::Decimal;
use std::collections::BTreeSet;
use std::fmt;
use std::sync::Arc;

use super::compare::{Change, CompareError, Scenarios};
use super::edit;
use super::share::{self, ShareError};
use crate::engine::catalog::{self, Catalog};
use crate::engine::terms::{Discount, Weights};
use crate::engine::vat::Vat;
use crate::engine::{
    CustomCatalog, Estimate, EstimateError, Lang, Line, LineQuote, limits, quote, quote_line, total_of,
};

/// A line's id: stable while the line lives (its index changes as lines above it go).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineId(pub u32);

impl LineId {
    /// Not a line: the estimate itself, for the fields that belong to it (its discount, the
    /// weights of the cases). Lines count from 1.
    pub const ESTIMATE: LineId = LineId(0);
}

impl fmt::Display for LineId {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A field of a line that takes typed text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LineField {
    /// Calls per month (every month alike).
    Calls,
    Months,
    /// The calendar month of month 1.
    FirstMonth,
    /// Documents per month, for services that count several calls per document.
    Units,
    /// The calls of one month (0-based).
    Month(usize),
    /// The count of packs of one size bought in the month the steppers buy in.
    PackCount(u64),
    FreeCalls,
    /// The months the free (or held) calls last.
    FreeMonths,
    Growth,
    /// The negotiated price per call.
    Negotiated,
    /// The line's own discount.
    Discount,
    /// The range: percent below, percent above.
    RangeLow,
    RangeHigh,
    /// The estimate's discount (with [`LineId::ESTIMATE`]).
    EstimateDiscount,
    /// The VAT rate of the estimate's prices (with [`LineId::ESTIMATE`]).
    EstimateVat,
    /// The weight of a case (0 low, 1 likely, 2 high; with [`LineId::ESTIMATE`]).
    Weight(usize),
    /// The months a commitment of the service is taken (its index in the service's list).
    Commitment(usize),
}

/// A field of the page, by what it holds: its invalid state and its element id come from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldKey {
    pub line: LineId,
    pub field: LineField,
}

impl FieldKey {
    pub fn new(line: LineId, field: LineField) -> FieldKey {
        FieldKey { line, field }
    }

    /// Whether invalid text in this field holds the figures back (a line's quote, the total):
    /// not for the months' dates, the VAT rate or the growth that fills the months, which change
    /// no amount the page prices (the months keep their calls; the VAT's split is hidden
    /// instead); still, nothing leaves the page while any field is invalid.
    pub fn holds_figures(&self) -> bool {
        !matches!(self.field, LineField::FirstMonth | LineField::EstimateVat | LineField::Growth)
    }

    /// The element id of the field on the page (`l3-calls`, `l3-m2`, `l3-pack-10000`).
    pub fn dom_id(&self) -> String {
        let l = self.line;
        match self.field {
            LineField::Calls => format!("l{l}-calls"),
            LineField::Months => format!("l{l}-months"),
            LineField::FirstMonth => format!("l{l}-first-month"),
            LineField::Units => format!("l{l}-units"),
            LineField::Month(m) => format!("l{l}-m{}", m + 1),
            LineField::PackCount(size) => format!("l{l}-pack-{size}"),
            LineField::FreeCalls => format!("l{l}-free"),
            LineField::FreeMonths => format!("l{l}-free-months"),
            LineField::Growth => format!("l{l}-growth"),
            LineField::Negotiated => format!("l{l}-negotiated"),
            LineField::Discount => format!("l{l}-discount"),
            LineField::RangeLow => format!("l{l}-low"),
            LineField::RangeHigh => format!("l{l}-high"),
            LineField::EstimateDiscount => "estimate-discount".to_string(),
            LineField::EstimateVat => "estimate-vat-rate".to_string(),
            LineField::Weight(k) => ["weight-low", "weight-likely", "weight-high"][k.min(2)].to_string(),
            LineField::Commitment(i) => format!("l{l}-commitment-{}", i + 1),
        }
    }
}

/// Why the browser's storage could not be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageProblem {
    /// No storage at all, or blocked (site data blocked: `SecurityError`).
    Unavailable,
    /// Full: the estimate could not be saved (`QuotaExceededError`).
    Full,
}

/// Something the page tells the visitor, above the estimate, until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    LoadedFromLink,
    /// An estimate file the visitor opened, by its name.
    LoadedFromFile(String),
    BadLink(ShareError),
    /// The saved estimate could not be read; the default one is shown.
    BadStorage,
    /// Storage is off: the page works, but the estimate will not be kept.
    StorageOff(StorageProblem),
    /// A link brought this many scenarios to compare.
    ScenariosLoaded(usize),
    /// Saved or linked scenarios could not be read.
    BadScenarios(CompareError),
    /// Another open tab of the page saved a different estimate; this tab keeps its own until
    /// the visitor opens that one ([`Page::open_other_tab`]).
    OtherTab,
    /// A link opened in a browser that reads another language than Chinese, with no language
    /// chosen before: the page offers English (in English) while it shows Chinese.
    OfferEnglish,
    /// A link brought a vendors comparison with its estimate: the page opens on the estimate,
    /// and says where the comparison is.
    ComparisonLoaded,
    /// A link was cut short after its estimate: what it listed and did not hold.
    LinkCut(share::Cut),
    /// A link that carries a vendors comparison alone could not be read: why (the comparison's
    /// panel says it too, at the page's foot).
    BadComparison(ShareError),
}

/// What browser storage holds under one key (`None`: nothing), or why it cannot be read.
pub type Stored = Result<Option<String>, StorageProblem>;

/// What the browser kept from the last visit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Saved {
    /// The estimate to open: this tab's own where it kept one, else the one any tab saved last.
    pub estimate: Option<String>,
    /// Where `estimate` is this tab's own: the one saved last by any tab, if any. A page that
    /// opens the tab's own offers it (another tab saved it since) and does not write over it.
    pub shared: Option<String>,
    /// The scenarios saved to compare (JSON).
    pub scenarios: Option<String>,
    pub lang: Option<String>,
    /// The browser's own language (`navigator.language`: `en-US`, `zh-CN`).
    pub browser_lang: Option<String>,
    /// Why storage could not be read, if it could not.
    pub problem: Option<StorageProblem>,
    /// Whether `estimate` is a share link's as it came, shown in this tab over the visitor's own
    /// (`shared`), which storage kept: a reload shows it so again.
    pub link_in_tab: bool,
}

/// The grand total's state.
#[derive(Clone, Debug, PartialEq)]
pub enum Total {
    /// The sum; `None` when a line needs a price from sales.
    Amount(Option<Decimal>),
    /// A field holds invalid text or a line cannot be priced.
    Errors,
}

/// The page.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    lines: Vec<(LineId, Line)>,
    /// The estimate's own price list, if any.
    custom: Option<CustomCatalog>,
    /// The estimate's discount (lines may have their own).
    discount: Option<Discount>,
    /// The weights of the low, likely and high cases, where the visitor set them.
    weights: Option<Weights>,
    /// The VAT the list's prices include or leave out, where the visitor states it.
    vat: Option<Vat>,
    next_id: u32,
    pub lang: Lang,
    invalid: BTreeSet<FieldKey>,
    notices: Vec<Notice>,
    /// Whether the visitor has been told that storage is off.
    storage_told: bool,
    /// Estimates saved under a name, to compare: what storage held when this tab last read it.
    scenarios: Scenarios,
    /// The estimate another tab saved, while the notice offers to open it.
    other_tab: Option<Estimate>,
    /// The names a comparison link's scenarios are kept under (the panel ticks them).
    linked_scenarios: Vec<String>,
    /// Storage would not keep the last change to the scenarios: they are the page's own until it
    /// does (storage is not read over them).
    scenarios_unsaved: bool,
    /// The visitor's own estimate a share link or an opened file took the place of, while the
    /// notice offers it back.
    before_open: Option<Estimate>,
    /// The estimate a share link brought, where it took the place of the visitor's own: while
    /// it is shown as it came, storage keeps theirs ([`Page::keeps_own_saved`]).
    link_unedited: Option<Estimate>,
    /// The line removed last, at its place (from 0) and with its id, while it can be put back
    /// ([`Page::undo_remove`]).
    removed: Option<(usize, LineId, Line)>,
}

impl Page {
    /// An empty page.
    pub fn new(lang: Lang) -> Page {
        Page {
            lines: Vec::new(),
            custom: None,
            discount: None,
            weights: None,
            vat: None,
            next_id: 1,
            lang,
            invalid: BTreeSet::new(),
            notices: Vec::new(),
            storage_told: false,
            scenarios: Scenarios::default(),
            other_tab: None,
            linked_scenarios: Vec::new(),
            scenarios_unsaved: false,
            before_open: None,
            link_unedited: None,
            removed: None,
        }
    }

    /// The page a visit opens: the share link in `hash`, else the saved estimate, else the default.
    pub fn open(hash: &str, saved: Saved) -> Page {
        // Someone sent this visitor a link: where their browser reads another language and they
        // never chose one here, English is offered at once (the page stays as it opens: Chinese).
        let chosen = saved.lang.as_deref().and_then(Lang::from_tag);
        let link = share::holds_estimate(hash)
            || super::compare::holds_scenarios(hash)
            || share::payload(hash, crate::app::vendors::PREFIX).is_some();
        let foreign = saved.browser_lang.as_deref().is_some_and(|b| !b.to_ascii_lowercase().starts_with("zh"));
        let mut page = Page::open_saved(hash, saved);
        match crate::app::vendors::decode(hash) {
            Ok(Some(_)) if share::holds_estimate(hash) => page.notices.push(Notice::ComparisonLoaded),
            // With an estimate, a comparison cut short is the link's cut (`LinkCut`).
            Err(e) if !share::holds_estimate(hash) => page.notices.push(Notice::BadComparison(e)),
            _ => {}
        }
        if link && foreign && chosen.is_none() {
            page.notices.push(Notice::OfferEnglish);
        }
        page
    }

    fn open_saved(hash: &str, saved: Saved) -> Page {
        let lang = saved.lang.as_deref().and_then(Lang::from_tag).unwrap_or_default();
        let mut page = Page::new(lang);
        if let Some(p) = saved.problem {
            page.storage_failed(p);
        }
        let stored = match saved.problem {
            Some(p) => Err(p),
            None => Ok(saved.scenarios.clone()),
        };
        page.show_stored_scenarios(saved.scenarios.as_deref());
        // The page stores the link's scenarios once it is up (see `Visit` in the UI).
        page.open_scenarios_link(hash, stored);
        let own = saved.estimate.map(|text| read_saved(&text));
        if page.open_link(hash) == Some(true) {
            // The estimate this browser kept is the one the link took the place of.
            page.keep_own(own.and_then(Result::ok), true);
            return page;
        }
        let read = matches!(own, Some(Ok(_)));
        let estimate = match own {
            Some(Ok(e)) => e,
            Some(Err(_)) => {
                page.notices.push(Notice::BadStorage);
                edit::default_estimate()
            }
            None => edit::default_estimate(),
        };
        page.replace(estimate);
        if saved.link_in_tab && read {
            // A reload of a link's tab: the link's estimate, the visitor's own still kept.
            page.keep_own(saved.shared.as_deref().and_then(|t| read_saved(t).ok()), true);
            if page.keeps_own_saved() {
                page.notices.push(Notice::LoadedFromLink);
                return page;
            }
        }
        // This tab's own estimate, where another tab has saved a different one since: offered,
        // as it is when it is saved while the page is open.
        if let Some(text) = saved.shared.as_deref() {
            page.estimate_stored_elsewhere(text);
        }
        page
    }

    /// Opens an estimate the visitor chose as a file (an exported estimate, `name` its file's
    /// name): read and priced first, so that one which cannot open leaves the page as it is
    /// and says why, with its field. The estimate it replaces is offered back.
    pub fn open_file(&mut self, name: &str, text: &str) -> Result<(), EstimateError> {
        let e = read_saved(text)?;
        self.take_place(e, Notice::LoadedFromFile(name.to_string()));
        Ok(())
    }

    /// Puts `e` in place of the estimate (a link's, a file's), keeping the visitor's own to
    /// offer back, with `notice` saying where it came from (the notices of the estimate it
    /// replaced go).
    fn take_place(&mut self, e: Estimate, notice: Notice) {
        let own = self.estimate();
        self.replace(e);
        self.keep_own(Some(own), notice == Notice::LoadedFromLink);
        self.notices.retain(|n| {
            matches!(
                n,
                Notice::StorageOff(_)
                    | Notice::BadScenarios(_)
                    | Notice::ScenariosLoaded(_)
                    | Notice::ComparisonLoaded
                    | Notice::BadComparison(_)
            )
        });
        self.notices.push(notice);
    }

    /// Keeps `own`, the visitor's estimate a link or a file took the place of, to offer back
    /// where it is one (not empty, not the estimate now shown); for a link, storage then keeps
    /// it until the link's estimate is edited.
    fn keep_own(&mut self, own: Option<Estimate>, link: bool) {
        let shown = self.estimate();
        self.before_open = own.filter(|o| *o != shown && !o.lines.is_empty());
        self.link_unedited = (link && self.before_open.is_some()).then_some(shown);
    }

    /// Whether the estimate shown is a share link's as it came, over the visitor's own: the page
    /// saves it for this tab only, and storage keeps theirs for the next visit.
    pub fn keeps_own_saved(&self) -> bool {
        self.link_unedited.as_ref().is_some_and(|l| *l == self.estimate())
    }

    /// Whether a save of the estimate now keeps the visitor's own in storage (the link's estimate
    /// is shown as it came, [`Page::keeps_own_saved`]). Once a save does not, the link's estimate
    /// has been stored over it: from then on it is the visitor's, and an undo back to the link's
    /// values does not make storage skip it again (the own one is still offered back).
    pub fn keeps_own_on_save(&mut self) -> bool {
        let keep = self.keeps_own_saved();
        if !keep {
            self.link_unedited = None;
        }
        keep
    }

    /// Opens the share link in `hash` (with or without its `#`): `None` if it holds none,
    /// `Some(true)` if it replaced the estimate, `Some(false)` if it was broken (a notice says why
    /// and the estimate stays). The page clears a link it has read from the address bar.
    pub fn open_link(&mut self, hash: &str) -> Option<bool> {
        match share::decode(hash, catalog::builtin()) {
            Ok(None) => None,
            Ok(Some(e)) => {
                self.take_place(e, Notice::LoadedFromLink);
                // Parts the link lists that did not arrive (cut short after its estimate).
                let cut = share::cut(hash);
                if cut.any() {
                    self.notices.push(Notice::LinkCut(cut));
                }
                Some(true)
            }
            Err(err) => {
                self.notices.retain(|n| !matches!(n, Notice::BadLink(_)));
                self.notices.push(Notice::BadLink(err));
                Some(false)
            }
        }
    }

    /// Adds the scenarios a `#c=` link carries to the stored ones (never over one of the
    /// visitor's own: [`Scenarios::merge`]; see [`Page::change_scenarios`]), with a notice saying
    /// how many or why they could not be read.
    /// `None` where the fragment holds no such link; else what to store (`None` inside where
    /// there is nothing to store, or storage is off).
    pub fn open_scenarios_link(&mut self, hash: &str, stored: Stored) -> Option<Option<String>> {
        let linked = match Scenarios::decode(hash) {
            Ok(None) => return None,
            Ok(Some(s)) => s,
            Err(e) => {
                self.notices.push(Notice::BadScenarios(e));
                return Some(None);
            }
        };
        let n = linked.saved.len();
        Some(match self.change_scenarios(&Change::Import(linked.clone()), stored) {
            Ok(text) => {
                self.notices.push(Notice::ScenariosLoaded(n));
                self.linked_scenarios = self.scenarios.placed(&linked);
                text
            }
            Err(e) => {
                self.notices.push(Notice::BadScenarios(e));
                None
            }
        })
    }

    /// The scenarios saved to compare.
    pub fn scenarios(&self) -> &Scenarios {
        &self.scenarios
    }

    /// The names the last comparison link's scenarios are kept under: the comparison it shared,
    /// for the panel to show ticked.
    pub fn linked_scenarios(&self) -> &[String] {
        &self.linked_scenarios
    }

    /// Applies one change to the scenarios `stored` — what storage holds now, which another tab
    /// may have changed since this one read it — and shows the result. Returns the text to store
    /// (then say whether it was kept: [`Page::scenarios_kept`]); `None` where storage is off (the
    /// change is then this tab's alone). Where the change cannot be made (a name taken, a scenario
    /// deleted in another tab), nothing is to be stored, and the page shows what is stored. While
    /// storage would not keep the scenarios, the page's own are merged into what is stored
    /// ([`Scenarios::merge`]: another tab's saves stay, and so do the page's) before the change.
    pub fn change_scenarios(&mut self, change: &Change, stored: Stored) -> Result<Option<String>, CompareError> {
        match stored {
            Ok(text) => {
                let own = std::mem::take(&mut self.scenarios);
                self.show_stored_scenarios(text.as_deref());
                if self.scenarios_unsaved && self.scenarios.merge(own.clone()).is_err() {
                    // No room for both: the page's own, which storage never had.
                    self.scenarios = own;
                }
                self.scenarios.apply(change)?;
                Ok(Some(self.scenarios.to_json()))
            }
            Err(problem) => {
                self.storage_failed(problem);
                self.scenarios.apply(change).map(|()| None)
            }
        }
    }

    /// Whether storage kept the text [`Page::change_scenarios`] gave to store. Where it did not
    /// (full), the scenarios stay the page's own, and storage is not read over them, until it does.
    pub fn scenarios_kept(&mut self, kept: bool) {
        self.scenarios_unsaved = !kept;
    }

    /// Another tab stored `text` as the scenarios: shown here too, unless this page holds
    /// scenarios storage would not keep (they would be lost).
    pub fn scenarios_stored_elsewhere(&mut self, text: Option<&str>) {
        if !self.scenarios_unsaved {
            self.show_stored_scenarios(text);
        }
    }

    /// Shows the scenarios stored as `text` (by this tab or another), every readable one; a
    /// notice says once why others cannot be read.
    pub fn show_stored_scenarios(&mut self, text: Option<&str>) {
        let (list, problem) = text.map(Scenarios::read_lenient).unwrap_or_default();
        self.scenarios = list;
        if let Some(p) = problem {
            self.notices.retain(|n| !matches!(n, Notice::BadScenarios(_)));
            self.notices.push(Notice::BadScenarios(p));
        }
    }

    /// Another tab stored `text` as its estimate. Unless it is the estimate this tab shows, the
    /// page says so (once: a newer one replaces it in the same notice) and keeps it to open;
    /// what this tab shows stays as it is.
    pub fn estimate_stored_elsewhere(&mut self, text: &str) {
        let Ok(theirs) = read_saved(text) else { return };
        if theirs == self.estimate() {
            self.other_tab = None;
            self.notices.retain(|n| *n != Notice::OtherTab);
            return;
        }
        self.other_tab = Some(theirs);
        if !self.notices.contains(&Notice::OtherTab) {
            self.notices.push(Notice::OtherTab);
        }
    }

    /// Opens the estimate another tab saved (the notice's button).
    pub fn open_other_tab(&mut self) {
        if let Some(e) = self.other_tab.take() {
            self.replace(e);
        }
        self.notices.retain(|n| *n != Notice::OtherTab);
    }

    /// Whether the notice of a share link or an opened file can offer the visitor's own estimate
    /// back.
    pub fn has_estimate_before_open(&self) -> bool {
        self.before_open.is_some()
    }

    /// Puts back the estimate a share link or an opened file took the place of (the notice's
    /// button).
    pub fn back_to_own_estimate(&mut self) {
        if let Some(e) = self.before_open.take() {
            self.replace(e);
        }
        self.link_unedited = None;
        self.notices.retain(|n| !matches!(n, Notice::LoadedFromLink | Notice::LoadedFromFile(_)));
    }

    /// Makes scenario `name` the estimate being edited.
    pub fn open_scenario(&mut self, name: &str) {
        if let Some(s) = self.scenarios.get(name) {
            let e = s.estimate.clone();
            self.replace(e);
        }
    }

    fn fresh_id(&mut self) -> LineId {
        let id = LineId(self.next_id);
        self.next_id += 1;
        id
    }

    /// Replaces the whole estimate: every line gets a new id, no field is left invalid.
    pub fn replace(&mut self, mut estimate: Estimate) {
        self.removed = None;
        self.custom = estimate.price_list.take();
        self.discount = estimate.discount;
        self.weights = estimate.scenario_weights;
        self.vat = estimate.vat;
        self.invalid.clear();
        self.lines = estimate.lines.into_iter().map(|l| (LineId(0), l)).collect();
        for i in 0..self.lines.len() {
            self.lines[i].0 = self.fresh_id();
        }
    }

    /// The estimate: what storage, share links and exports carry, and what is priced.
    pub fn estimate(&self) -> Estimate {
        Estimate {
            lines: self.lines.iter().map(|(_, l)| l.clone()).collect(),
            discount: self.discount,
            scenario_weights: self.weights,
            price_list: self.custom.clone(),
            vat: self.vat,
        }
    }

    /// The ids of the lines, in order.
    pub fn ids(&self) -> Vec<LineId> {
        self.lines.iter().map(|(id, _)| *id).collect()
    }

    /// The current index of line `id`.
    pub fn index_of(&self, id: LineId) -> Option<usize> {
        self.lines.iter().position(|(x, _)| *x == id)
    }

    pub fn line(&self, id: LineId) -> Option<&Line> {
        self.lines.iter().find(|(x, _)| *x == id).map(|(_, l)| l)
    }

    pub fn lines(&self) -> impl Iterator<Item = (LineId, &Line)> {
        self.lines.iter().map(|(id, l)| (*id, l))
    }

    /// The estimate's discount, if any.
    pub fn discount(&self) -> Option<Discount> {
        self.discount
    }

    /// Sets the estimate's discount; `None` (or 0 %) removes it.
    pub fn set_discount(&mut self, discount: Option<Discount>) {
        self.discount = discount.filter(|d| !d.percent.is_zero());
    }

    /// The VAT the estimate states for its prices, if any.
    pub fn vat(&self) -> Option<Vat> {
        self.vat
    }

    /// States the VAT of the estimate's prices (`None`: not stated).
    pub fn set_vat(&mut self, vat: Option<Vat>) {
        self.vat = vat;
    }

    /// The weights of the cases.
    pub fn weights(&self) -> Weights {
        self.weights.unwrap_or_default()
    }

    pub fn set_weights(&mut self, weights: Option<Weights>) {
        self.weights = weights.filter(|w| *w != Weights::default());
    }

    /// The estimate's own price list, if any.
    pub fn custom_catalog(&self) -> Option<&CustomCatalog> {
        self.custom.as_ref()
    }

    /// The price list in force: the built-in one, or the estimate's own combined with it.
    pub fn catalog(&self) -> Arc<Catalog> {
        self.custom.as_ref().map_or_else(catalog::builtin_shared, |p| p.in_force().clone())
    }

    /// Sets the estimate's own price list (checked where it was made); `None` removes it and the
    /// lines of services only it had. (A new list keeps every line: one it cannot price says so.)
    pub fn set_custom_catalog(&mut self, custom: Option<CustomCatalog>) {
        let removing = custom.is_none();
        self.custom = custom;
        if !removing {
            return;
        }
        let catalog = self.catalog();
        let gone: Vec<LineId> =
            self.lines.iter().filter(|(_, l)| catalog.service(&l.service).is_none()).map(|(id, _)| *id).collect();
        // Those lines go for good; a line removed before them can still come back where the
        // list in force still has its service.
        let before = self.removed.take();
        for id in gone {
            self.remove(id);
        }
        self.removed = before.filter(|(_, _, l)| catalog.service(&l.service).is_some());
    }

    /// Puts line `id` back as it was (a field's text being typed starts from it again): no
    /// range is fitted, the line is that copy.
    pub fn put_line(&mut self, id: LineId, line: Line) {
        if let Some((_, l)) = self.lines.iter_mut().find(|(x, _)| *x == id) {
            *l = line;
        }
    }

    /// Edits line `id` in place (nothing happens if it is gone); a range of volumes follows
    /// the calls.
    pub fn edit(&mut self, id: LineId, f: impl FnOnce(&mut Line)) {
        if let Some((_, line)) = self.lines.iter_mut().find(|(x, _)| *x == id) {
            let before = line.has_range().then(|| line.clone());
            f(line);
            if let Some(before) = before {
                edit::follow_range(line, &before);
            }
            // The growth shown is one the months have.
            edit::keep_growth(line);
        }
    }

    /// Adds a line for the first service of the list in force; `None` at the limit of lines.
    pub fn add_line(&mut self) -> Option<LineId> {
        let line = edit::new_line(&self.catalog(), None);
        self.add_line_on_horizon(line)
    }

    /// Adds `line` (a new service's, one month long) over the estimate's horizon: a service
    /// added to a 12-month budget has 12 months to fill, from the same calendar month where the
    /// budget's months are dated. `None` at the limit of lines.
    pub fn add_line_on_horizon(&mut self, mut line: Line) -> Option<LineId> {
        if let Some((_, last)) = self.lines.last() {
            edit::set_months(&mut line, last.calls.len());
            edit::set_first_month(&mut line, last.calendar().first().copied());
        }
        self.add_line_for(line)
    }

    /// Adds `line` as it is; `None` at the limit of lines. A new service's line goes through
    /// [`Page::add_line_on_horizon`], which takes the estimate's months.
    pub fn add_line_for(&mut self, line: Line) -> Option<LineId> {
        if self.lines.len() >= limits::MAX_LINES {
            return None;
        }
        let id = self.fresh_id();
        self.lines.push((id, line));
        Some(id)
    }

    /// Adds a copy of line `id` right after it.
    pub fn duplicate(&mut self, id: LineId) -> Option<LineId> {
        let i = self.index_of(id)?;
        if self.lines.len() >= limits::MAX_LINES {
            return None;
        }
        let copy = self.lines[i].1.clone();
        let new = self.fresh_id();
        self.lines.insert(i + 1, (new, copy));
        Some(new)
    }

    /// Removes line `id` and forgets its fields' invalid text; it can be put back until another line is removed, the removal is
    /// dismissed or another estimate is opened.
    pub fn remove(&mut self, id: LineId) {
        let Some(at) = self.lines.iter().position(|(x, _)| *x == id) else { return };
        let (_, line) = self.lines.remove(at);
        self.invalid.retain(|k| k.line != id);
        self.removed = Some((at, id, line));
    }

    /// The line removed last, while it can be put back: its place (from 0) and the line.
    pub fn removed(&self) -> Option<(usize, &Line)> {
        self.removed.as_ref().map(|(at, _, line)| (*at, line))
    }

    /// Whether the line removed last cannot be put back now: the estimate has the most lines.
    pub fn undo_blocked(&self) -> bool {
        self.removed.is_some() && self.lines.len() >= limits::MAX_LINES
    }

    /// Puts the line removed last back at its place, with its id (which it then gives back);
    /// `None` where there is none, or no room ([`Page::undo_blocked`]).
    pub fn undo_remove(&mut self) -> Option<LineId> {
        if self.undo_blocked() {
            return None;
        }
        let (at, id, line) = self.removed.take()?;
        self.lines.insert(at.min(self.lines.len()), (id, line));
        Some(id)
    }

    /// Forgets the line removed last (the visitor dismissed the offer to put it back).
    pub fn forget_removed(&mut self) {
        self.removed = None;
    }

    /// Records whether a field holds text that does not parse (the estimate keeps its last
    /// valid value; the line and the total say there is something to fix).
    pub fn set_invalid(&mut self, key: FieldKey, invalid: bool) {
        if invalid {
            self.invalid.insert(key);
        } else {
            self.invalid.remove(&key);
        }
    }

    pub fn is_invalid(&self, key: FieldKey) -> bool {
        self.invalid.contains(&key)
    }

    /// Whether a field of line `id` that holds the figures back holds invalid text ([`FieldKey::holds_figures`]).
    pub fn line_invalid(&self, id: LineId) -> bool {
        self.invalid.iter().any(|k| k.line == id && k.holds_figures())
    }

    /// Whether a field of the whole estimate's terms that holds the figures back (its discount,
    /// a case weight) holds invalid text: every line's figures are then from before that edit.
    pub fn terms_invalid(&self) -> bool {
        self.invalid.iter().any(|k| k.line == LineId::ESTIMATE && k.holds_figures())
    }

    /// The lines with a field holding invalid text, in id order.
    pub fn invalid_lines(&self) -> Vec<LineId> {
        let mut ids: Vec<LineId> = self.invalid.iter().map(|k| k.line).filter(|l| *l != LineId::ESTIMATE).collect();
        ids.dedup();
        ids
    }

    pub fn any_invalid(&self) -> bool {
        !self.invalid.is_empty()
    }

    /// Whether a field that holds the figures back holds invalid text (the total is then held).
    pub fn figures_invalid(&self) -> bool {
        self.invalid.iter().any(FieldKey::holds_figures)
    }

    /// The first field holding invalid text in the page's order: the lines as they stand, then
    /// the estimate's own fields (in the summary).
    pub fn first_invalid(&self) -> Option<FieldKey> {
        let ids = || self.lines.iter().map(|(id, _)| *id).chain([LineId::ESTIMATE]);
        // One that holds the figures back first: the one the total waits for.
        let first = |holds: bool| {
            ids().find_map(|id| self.invalid.iter().find(|k| k.line == id && k.holds_figures() == holds).copied())
        };
        first(true).or_else(|| first(false))
    }

    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// Takes every notice equal to `notice` away.
    pub fn drop_notice(&mut self, notice: &Notice) {
        self.notices.retain(|n| n != notice);
    }

    pub fn dismiss(&mut self, index: usize) {
        if index < self.notices.len() {
            match self.notices.remove(index) {
                Notice::OtherTab => self.other_tab = None,
                Notice::LoadedFromLink | Notice::LoadedFromFile(_) => self.before_open = None,
                _ => {}
            }
        }
    }

    /// Storage failed: the page says so once and goes on without it.
    pub fn storage_failed(&mut self, problem: StorageProblem) {
        if !self.storage_told {
            self.storage_told = true;
            self.notices.push(Notice::StorageOff(problem));
        }
    }

    /// The grand total of `quotes` (this page's lines priced, in order).
    pub fn total(&self, quotes: &[(LineId, Result<LineQuote, EstimateError>)]) -> Total {
        if self.figures_invalid() || quotes.iter().any(|(_, q)| q.is_err()) {
            return Total::Errors;
        }
        Total::Amount(total_of(quotes.iter().filter_map(|(_, q)| q.as_ref().ok()).map(|l| l.total)).ok().flatten())
    }
}

/// Where the total waits for a price ([`Page::unpriced`]): what has one comes to (the priced
/// lines, and the priced months of the others; `None` where nothing has), and each line without,
/// by its number (from 1), its service's name and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Unpriced {
    pub part: Option<Decimal>,
    pub lines: Vec<(usize, String, Option<crate::engine::explain::Missing>)>,
}

impl Unpriced {
    /// Why the total waits: the first line without a price's reason.
    pub fn why(&self) -> Option<crate::engine::explain::Missing> {
        self.lines.first().and_then(|l| l.2)
    }
}

impl Page {
    /// The lines the total waits for, and what the others come to; `None` where the total stands
    /// (or a field or a line holds it back).
    pub fn unpriced(&self, quotes: &[(LineId, Result<LineQuote, EstimateError>)]) -> Option<Unpriced> {
        if !matches!(self.total(quotes), Total::Amount(None)) {
            return None;
        }
        let priced: Vec<&LineQuote> = quotes.iter().filter_map(|(_, q)| q.as_ref().ok()).collect();
        let lines: Vec<_> = priced
            .iter()
            .enumerate()
            .filter(|(_, q)| q.total.is_none())
            .map(|(i, q)| (i + 1, q.service_name.clone(), q.missing_price))
            .collect();
        let part = crate::engine::quote::priced_part(priced.iter().copied()).ok().flatten();
        (!lines.is_empty()).then_some(Unpriced { part, lines })
    }
}

/// A saved estimate, read and priced once to be sure it opens.
fn read_saved(text: &str) -> Result<Estimate, EstimateError> {
    let e = Estimate::from_json(text)?;
    quote(catalog::builtin(), &e, Lang::En)?;
    Ok(e)
}

/// Each line's quote, priced again only when the line, its place, the language or the price
/// list changed: a keystroke in one line prices that line alone.
#[derive(Debug, Default)]
pub struct Quotes {
    entries: Vec<(LineId, usize, Line, Result<LineQuote, EstimateError>)>,
    lang: Option<Lang>,
    catalog: Option<Arc<Catalog>>,
    /// How many lines have been priced so far (for tests and benchmarks).
    pub priced: usize,
}

impl Quotes {
    /// The page's lines priced, in order.
    pub fn update(&mut self, page: &Page) -> Vec<(LineId, Result<LineQuote, EstimateError>)> {
        let catalog = page.catalog();
        if self.lang != Some(page.lang) || !self.catalog.as_ref().is_some_and(|c| Arc::ptr_eq(c, &catalog)) {
            self.entries.clear();
            self.lang = Some(page.lang);
            self.catalog = Some(catalog.clone());
        }
        let mut fresh = Vec::with_capacity(page.lines.len());
        for (i, (id, line)) in page.lines.iter().enumerate() {
            let line = line.with_discount_of(page.discount);
            let hit = self.entries.iter().position(|(x, xi, l, _)| x == id && *xi == i && *l == *line);
            let entry = match hit {
                Some(k) => self.entries.swap_remove(k),
                None => {
                    self.priced += 1;
                    let q = quote_line(&catalog, &line, i, page.lang);
                    (*id, i, line.into_owned(), q)
                }
            };
            fresh.push(entry);
        }
        self.entries = fresh;
        self.entries.iter().map(|(id, _, _, q)| (*id, q.clone())).collect()
    }
}
