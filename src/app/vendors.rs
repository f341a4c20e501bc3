//! Vendors compared on the page: the comparison as the visitor edits it (offers chosen from the
//! built-in list, the example sheets or the estimate's own list; a volume profile taken from a
//! line; the comparison's currency and the rates typed), turned into the engine's comparison
//! document (`engine::offers`), kept in storage and shared as `#o=` links, and exported as CSV.

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::csv::row;
use super::format;
use super::share::{ShareError, payload, payload_text};
use super::text::{fill, texts};
use crate::engine::budget::BudgetComparison;
use crate::engine::catalog::{Catalog, builtin};
use crate::engine::estimate::{CustomCatalog, ListCache, ListMode};
use crate::engine::examples::{EXAMPLES, example};
use crate::engine::money::group_u64;
use crate::engine::offers::{Comparison, MAX_OFFERS, MIN_OFFERS, Offers, rank_among, ranking_cost};
use crate::engine::rating::Negotiated;
use crate::engine::terms::{Discount, DiscountScope, Weights};
use crate::engine::usage::Month;
use crate::engine::vat::{Vat, VatBasis};
use crate::engine::{Estimate, EstimateError, Lang, Line};

/// The fragment key of a comparison link.
pub const PREFIX: &str = "o=";
/// Where the page keeps the comparison.
pub const STORAGE_KEY: &str = "packwise.offers.v1";

/// Where an offer's prices come from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// The built-in list (the price documents).
    Builtin,
    /// An example sheet, by its key.
    Example(&'static str),
    /// Any other list: the estimate's own, or one a link carried.
    List(CustomCatalog),
}

impl Source {
    /// The list an offer of this source is priced with.
    pub fn catalog(&self) -> Option<&Catalog> {
        match self {
            Source::Builtin => Some(builtin()),
            Source::Example(key) => example(key)?.catalog(),
            Source::List(c) => Some(c.in_force()),
        }
    }

    /// The offer's list in the document: `example` by its key, or `price_list`.
    fn write(&self, vendor: &mut Map<String, Value>) {
        match self {
            Source::Builtin => {}
            Source::Example(key) => {
                vendor.insert("example".into(), json!(key));
            }
            Source::List(c) => {
                let mode = if c.mode == ListMode::Replace { "replace" } else { "extend" };
                vendor.insert("price_list".into(), json!({"mode": mode, "list": c.source()}));
            }
        }
    }

    /// The source a document's list is: an example sheet where it is one, as shipped and
    /// replacing the built-in list (an edited copy stays the list it is).
    fn of(list: Option<&CustomCatalog>) -> Source {
        let Some(c) = list else { return Source::Builtin };
        let shipped = |e: &&crate::engine::examples::Example| {
            c.mode == ListMode::Replace && serde_json::from_str::<Value>(e.json).is_ok_and(|v| v == *c.source())
        };
        EXAMPLES.iter().find(shipped).map_or_else(|| Source::List(c.clone()), |e| Source::Example(e.key))
    }

    /// The vendor an offer of this source is named for, in `lang`: Tencent Cloud for the
    /// built-in list (the documents are Tencent Cloud's), an example sheet's vendor, a list of the
    /// visitor's own by its name.
    pub fn vendor(&self, lang: Lang) -> String {
        match self {
            Source::Builtin => lang.pick("腾讯云", "Tencent Cloud").to_string(),
            Source::Example(_) => self.catalog().map_or_else(String::new, |l| vendor_of(l, lang)),
            Source::List(c) => c.own().name.get(lang).to_string(),
        }
    }

    /// Whether two sources are the same list (a list a link carried matches only itself).
    pub fn same_list(&self, other: &Source) -> bool {
        match (self, other) {
            (Source::Builtin, Source::Builtin) => true,
            (Source::Example(x), Source::Example(y)) => x == y,
            (Source::List(x), Source::List(y)) => x.source() == y.source(),
            _ => false,
        }
    }

    /// Whether this is one of the example sheets.
    pub fn is_example(&self) -> bool {
        matches!(self, Source::Example(_))
    }
}

/// Each field's service on the example sheets that does the same work, first the one a first
/// comparison pits against it: (field, sheet, service). A field is a built-in service's group,
/// or its id where the group holds several kinds of work ([`field_of`]).
const LIKE: [(&str, &str, &str); 9] = [
    // 金融级实人认证 checks a live face against the authority's photo, as 活体人脸核身 does;
    // FACE_VERIFY compares it with a photo the caller gives.
    ("faceid", "alibaba-cloud-cn", "financial_verification"),
    ("faceid", "alibaba-cloud-intl-ekyc", "face_verify"),
    ("ekyc", "alibaba-cloud-intl-ekyc", "ekyc"),
    ("eid", "alibaba-cloud-cn", "financial_verification"),
    ("ocr_id_card", "tencentcloud-intl-ocr", "mainland_id_card"),
    ("ocr_id_card", "alibaba-cloud-intl-ekyc", "id_ocr"),
    ("ocr", "tencentcloud-intl-ocr", "general_print"),
    ("ocr", "baidu-ai-cloud-ocr", "iocr_general"),
    ("ocr", "google-cloud-vision", "text_detection"),
];

/// The list the estimate prices `line` with: its own list where that has the service or replaces
/// the built-in one; else the built-in list (a built-in service in an estimate whose own list
/// only adds others is Tencent Cloud's).
fn own_source(line: &Line, custom: Option<&CustomCatalog>) -> Source {
    match custom {
        Some(c) if c.mode == ListMode::Extend && c.own().service(&line.service).is_none() => Source::Builtin,
        Some(c) => Source::List(c.clone()),
        None => Source::Builtin,
    }
}

/// What the comparison's own offer takes from the line it follows ([`VendorsDraft::follow_terms`]):
/// the line's terms as it is priced (its discount or the estimate's, its negotiated price and
/// whether it prices every call) and the VAT the estimate states for its list's prices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OwnTerms {
    pub discount: Option<Discount>,
    pub negotiated: Option<Negotiated>,
    pub vat: Option<Vat>,
}

impl OwnTerms {
    /// `line`'s, in an estimate whose own discount is `estimate` and whose VAT is `vat`.
    pub fn of(line: &Line, estimate: Option<Discount>, vat: Option<Vat>) -> OwnTerms {
        OwnTerms { discount: Discount::for_line(line.discount, estimate), negotiated: line.negotiated(), vat }
    }
}

/// The name of a budget line's own offer (its first, [`VendorsDraft::for_line`]).
fn own_name(line: &VendorsDraft) -> &str {
    line.offers.first().map_or("", |o| o.name.as_str())
}

/// The field of a service, for [`LIKE`]: ID cards read apart from OCR of printed text.
fn field_of(s: &crate::engine::catalog::Service) -> &str {
    if s.id == "ocr_id_card" { &s.id } else { &s.group }
}

/// Example sheet `key`'s service of `field`'s work, where [`LIKE`] pairs one.
fn like_on(field: Option<&str>, key: &str) -> Option<&'static str> {
    LIKE.iter().find(|(f, k, _)| Some(*f) == field && *k == key).map(|(_, _, s)| *s)
}

/// [`like_on`], or where the sheet has no service for ID cards, its OCR of printed text (which
/// reads them too): for an offer the buyer moves to that sheet, which must price some service
/// (the sheet's first, Baidu's VAT invoices, would be no offer for ID cards at all). The
/// budget's pairing stays with [`like_on`]: a sheet it cannot pair makes no offer there.
fn nearest_on(field: Option<&str>, key: &str) -> Option<&'static str> {
    like_on(field, key).or_else(|| if field == Some("ocr_id_card") { like_on(Some("ocr"), key) } else { None })
}

/// Whether offer `o` is still named for its list's vendor, in either language, numbered or not
/// (`腾讯云`, `Tencent Cloud 3`), as the comparison named it: not a name the buyer typed.
fn named_for_vendor(o: &OfferDraft) -> bool {
    let base = numbered(&o.name).0;
    [Lang::Zh, Lang::En].into_iter().any(|l| base == o.source.vendor(l))
}

/// The example sheet of a first comparison's offers ([`VendorsDraft::starting`]), if any.
fn fresh_example(offers: &[OfferDraft]) -> Option<Source> {
    offers.iter().skip(1).map(|o| o.source.clone()).find(Source::is_example)
}

/// The service of `list` (a buyer's own sheet) whose id, names or aliases name `own`'s service
/// on its list ([`names_service`]: holding its name at least, `身份证识别` for `身份证识别 OCR`),
/// where one alone does so most closely.
fn named_like(list: &Catalog, own: &OfferDraft) -> Option<String> {
    let on = own.source.catalog()?;
    let close: Vec<u8> =
        list.services.iter().map(|s| crate::engine::usage::names_service(s.names(), on, &own.service)).collect();
    let best = close.iter().copied().max().filter(|b| *b >= 2)?;
    let mut at = (0..close.len()).filter(|&k| close[k] == best);
    let k = at.next()?;
    at.next().is_none().then(|| list.services[k].id.clone())
}

/// The field of an offer's service where the comparison knows it: a built-in service's (on the
/// built-in list or one that extends it), an example sheet's by [`LIKE`]; `None` for a service
/// of the buyer's own.
fn offer_field(o: &OfferDraft) -> Option<&str> {
    match o.source {
        // A sheet's service [`LIKE`] does not pair: its own group (`vision`, `ocr`).
        Source::Example(key) => LIKE
            .iter()
            .find(|(_, k, s)| *k == key && *s == o.service)
            .map(|(f, _, _)| *f)
            .or_else(|| Some(example(key)?.catalog()?.service(&o.service)?.group.as_str())),
        // A built-in service's; a service of the buyer's own, the built-in one its names name
        // (`身份证识别`: ID card OCR's).
        _ => {
            let s = o.source.catalog()?.service(&o.service)?;
            builtin().service(&o.service).or_else(|| named_builtin(s)).map(field_of)
        }
    }
}

/// The built-in service whose names a service of another list names alone, most closely
/// ([`crate::engine::usage::named_service`]).
fn named_builtin(s: &crate::engine::catalog::Service) -> Option<&'static crate::engine::catalog::Service> {
    crate::engine::usage::named_service(s.names(), builtin())
}

/// One offer as edited.
#[derive(Clone, Debug, PartialEq)]
pub struct OfferDraft {
    pub name: String,
    pub source: Source,
    /// The service's id in the source's list.
    pub service: String,
    pub discount: Option<Discount>,
    pub negotiated_price: Option<Decimal>,
    /// Whether the negotiated price prices every call, in place of the list's prices.
    pub negotiated_all_calls: bool,
    /// The VAT its prices include or leave out, where stated.
    pub vat: Option<Vat>,
}

impl OfferDraft {
    /// Prices another service of its list: a negotiated price was the old service's, so it goes
    /// (a discount and the VAT are the vendor's, and stay).
    pub fn set_service(&mut self, service: String) {
        if service != self.service {
            self.negotiated_price = None;
            self.negotiated_all_calls = false;
            self.service = service;
        }
    }

    /// The negotiated price, and whether it prices every call.
    pub fn negotiated(&self) -> Option<Negotiated> {
        Negotiated::of(self.negotiated_price, self.negotiated_all_calls)
    }
}

/// The volume profile every offer is priced for.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Profile {
    pub calls: Vec<u64>,
    pub calls_low: Option<Vec<u64>>,
    pub calls_high: Option<Vec<u64>>,
    /// The calendar month of the first, where the line's months are dated (typed calls given a
    /// first month, a history, a forecast).
    pub first_month: Option<Month>,
    pub weights: Option<Weights>,
}

impl Profile {
    /// A line's volumes and their dates (and the estimate's weights where they are not the
    /// default).
    pub fn of(line: &Line, weights: Weights) -> Profile {
        Profile {
            calls: line.calls.clone(),
            calls_low: line.calls_low.clone(),
            calls_high: line.calls_high.clone(),
            first_month: line.calendar().first().copied(),
            weights: (weights != Weights::default()).then_some(weights),
        }
    }

    /// Whether this profile is a line's, as [`Profile::of`] makes it; one without dates (as
    /// comparisons were stored before lines had them) is a dated line's too.
    pub fn matches(&self, line: &Profile) -> bool {
        self.calls == line.calls
            && self.calls_low == line.calls_low
            && self.calls_high == line.calls_high
            && self.weights == line.weights
            && (self.first_month.is_none() || self.first_month == line.first_month)
    }

    /// Whether the profile is one of the lines' volumes now (`profiles`: each line's, by a key
    /// that stays with the line, as [`Profile::of`] makes them). It is a copy, taken when a line
    /// is picked (and it travels in a link without the estimate): a line edited since no longer
    /// matches, unless the comparison followed it ([`Profile::followed`]).
    pub fn is_one_of<'a, K: 'a>(&self, profiles: impl IntoIterator<Item = &'a (K, Profile)>) -> bool {
        profiles.into_iter().any(|(_, p)| self.matches(p))
    }

    /// After an edit of the estimate: the line this profile was taken from, where that line was
    /// edited (`before` and `after`: each line's profile and service, by a key that stays with
    /// the line), for the comparison to take again ([`VendorsDraft::take_line`]): its volumes,
    /// dates and case weights, and its service. A profile that was no line's before the edit (a
    /// link's, a line edited while the comparison was in another tab) follows none, and the
    /// panel says so; nor does one another line still has, where the service stayed.
    pub fn followed<K: PartialEq + Copy>(
        &self,
        before: &[(K, Profile, String)],
        after: &[(K, Profile, String)],
    ) -> Option<K> {
        let was = before.iter().find(|(_, p, _)| self.matches(p))?;
        let now = after.iter().find(|(k, ..)| *k == was.0)?;
        // Another line still has these very volumes (dates too), and the service stayed.
        let still = after.iter().any(|(_, p, _)| p == self) && now.2 == was.2;
        (now != was && !still).then_some(was.0)
    }
}

/// The comparison as edited.
#[derive(Clone, Debug, PartialEq)]
pub struct VendorsDraft {
    pub currency: String,
    /// Rates as typed, by currency: one unit of it in the comparison's currency.
    pub rates: BTreeMap<String, String>,
    /// Amounts compared with VAT or before it.
    pub vat_basis: VatBasis,
    pub profile: Profile,
    pub offers: Vec<OfferDraft>,
    /// The services the buyer chose for vendors on the budget's lines ([`BudgetPick`]).
    pub picks: Vec<BudgetPick>,
    /// The prices sales gave for vendors' services on the budget's lines ([`BudgetPrice`]).
    pub prices: Vec<BudgetPrice>,
}

/// What putting a typed sheet into the comparison did ([`VendorsDraft::put_typed`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Put {
    Added,
    /// The offer so named took the sheet in place of its old one.
    Replaced(String),
    /// Not put: the comparison holds the most offers already (or the sheet has no service).
    Full,
}

/// Whether `text` is `name` in either language.
fn names(text: &crate::engine::lang::Text, name: &str) -> bool {
    text.zh == name || text.en == name
}

/// The list of offer `o`, where it is a sheet typed on the page for `vendor`.
fn typed_of<'a>(o: &'a OfferDraft, vendor: &str) -> Option<&'a Catalog> {
    match &o.source {
        Source::List(c) if super::custom::is_typed(c) && names(&c.own().name, vendor.trim()) => Some(c.own()),
        _ => None,
    }
}

/// A vendor's service the buyer chose for the budget's lines of one service: where the vendor
/// has several that could do the work (or none the comparison pairs), the one that prices them,
/// or none (the vendor makes no offer for them). Kept with the comparison (`budget_services`).
#[derive(Clone, Debug, PartialEq)]
pub struct BudgetPick {
    /// The lines' service, its id on the list each line is priced with.
    pub line_service: String,
    /// The vendor, by the comparison's name for it (vendors are added up by name).
    pub vendor: String,
    /// The service of the vendor's list; `None`: no offer.
    pub service: Option<String>,
}

/// The key of the budget's picks in a stored or shared comparison.
const PICKS_KEY: &str = "budget_services";

/// A negotiated price for a vendor's service on the budget's lines of one service: what sales
/// gave for the volume its list leaves to them (`联系商务`), as an offer's negotiated price
/// prices it. It belongs to that service: where another prices the lines, it waits unused. Kept
/// with the comparison (`budget_prices`).
#[derive(Clone, Debug, PartialEq)]
pub struct BudgetPrice {
    /// The lines' service, its id on the list each line is priced with.
    pub line_service: String,
    /// The vendor, by the comparison's name for it.
    pub vendor: String,
    /// The vendor's service the price is for, its id on the vendor's list.
    pub service: String,
    /// Per call, in the vendor's list's currency.
    pub price: Decimal,
}

impl BudgetPrice {
    /// Whether this is the price of vendor `vendor`'s service `service` on the lines of
    /// `line_service`.
    fn is(&self, line_service: &str, vendor: &str, service: &str) -> bool {
        self.line_service == line_service && self.vendor == vendor && self.service == service
    }
}

/// The key of the budget's negotiated prices in a stored or shared comparison.
const PRICES_KEY: &str = "budget_prices";

/// The budget's lines as [`VendorsDraft::budget_parts`] makes them: each line's comparison, its
/// own offer (the line's service on the list it is priced with), and the line the comparison is
/// for.
#[derive(Clone, Debug, PartialEq)]
pub struct BudgetParts {
    pub lines: Vec<VendorsDraft>,
    owns: Vec<Option<OfferDraft>>,
    followed: Option<usize>,
}

/// One service of the budget's lines (but the comparison's own) and each other vendor's service
/// for it, for the buyer to change ([`VendorsDraft::budget_choices`]).
#[derive(Clone, Debug, PartialEq)]
pub struct WorkChoice {
    pub line_service: String,
    /// The lines of that service (indexes into the estimate's lines).
    pub lines: Vec<usize>,
    pub vendors: Vec<VendorChoice>,
}

/// A vendor's services and the one pricing a [`WorkChoice`]'s lines now.
#[derive(Clone, Debug, PartialEq)]
pub struct VendorChoice {
    pub vendor: String,
    /// The name as shown (an example sheet's marked).
    pub shown: String,
    /// Every service of the vendor's list: id and name.
    pub services: Vec<(String, String)>,
    /// The service pricing the lines; `None`: the vendor makes no offer for them.
    pub current: Option<String>,
    /// Whether the buyer chose it (else the comparison's pairing did).
    pub picked: bool,
    /// The currency of the vendor's list (a negotiated price is in it).
    pub currency: String,
}

impl VendorsDraft {
    /// A first comparison for `line` (as it is priced: with the discount it gets): its own
    /// service and terms (from the list it is priced with: the estimate's own where that list
    /// has the service, or replaces the built-in one) against an example sheet's service of the
    /// same field (else the first sheet's first service); the comparison in the line's list's
    /// currency.
    pub fn starting(line: &Line, weights: Weights, custom: Option<&CustomCatalog>, lang: Lang) -> VendorsDraft {
        let own = own_source(line, custom);
        let catalog = own.catalog().unwrap_or(builtin());
        let service = catalog.service(&line.service);
        let first = OfferDraft {
            name: own.vendor(lang),
            source: own.clone(),
            service: service.map_or_else(|| line.service.clone(), |s| s.id.clone()),
            discount: line.discount,
            negotiated_price: line.negotiated_price,
            negotiated_all_calls: line.negotiated_all_calls,
            vat: None,
        };
        // The example service of the same field as the line's.
        let like = service.and_then(|s| LIKE.iter().find(|(field, _, _)| *field == field_of(s)));
        let other = like
            .and_then(|(_, key, service)| Some((example(key)?, service.to_string())))
            .or_else(|| EXAMPLES.first().and_then(|e| Some((e, e.catalog()?.services.first()?.id.clone()))));
        let mut offers = vec![first];
        if let Some((e, service)) = other {
            offers.push(OfferDraft {
                name: Source::Example(e.key).vendor(lang),
                source: Source::Example(e.key),
                service,
                discount: None,
                negotiated_price: None,
                negotiated_all_calls: false,
                vat: None,
            });
        }
        let mut draft = VendorsDraft {
            currency: catalog.currency.clone(),
            rates: BTreeMap::new(),
            vat_basis: VatBasis::default(),
            profile: Profile::of(line, weights),
            offers,
            picks: Vec::new(),
            prices: Vec::new(),
        };
        draft.suggest_rates();
        draft
    }

    /// A first comparison for the estimate's first line (a line of 15,000 calls of 活体人脸核身
    /// where it has none), as it is priced there.
    pub fn for_estimate(estimate: &crate::engine::Estimate, lang: Lang) -> VendorsDraft {
        let line = estimate
            .priced_line(0)
            .map_or_else(|| Line::new("活体人脸核身", vec![15_000]), std::borrow::Cow::into_owned);
        let mut draft = VendorsDraft::starting(&line, estimate.weights(), estimate.price_list.as_ref(), lang);
        // The line's own list: the VAT the estimate states for its prices.
        if let Some(first) = draft.offers.first_mut() {
            first.vat = estimate.vat;
        }
        draft
    }

    /// The comparison takes `line`'s volumes (the panel's "volumes from", or the line it follows,
    /// edited). Where the line does another kind of work than the first offer's service (ID
    /// cards read, not faces checked: [`LIKE`]'s fields), that offer becomes the line's own (its
    /// service, list and terms, as [`VendorsDraft::starting`] makes it) and each offer on an
    /// example sheet moves to the sheet's service of the line's kind, where it has one; rates,
    /// names typed, offers on lists of the buyer's own and offers of the same kind stay.
    pub fn take_line(
        &mut self,
        line: &Line,
        weights: Weights,
        custom: Option<&CustomCatalog>,
        vat: Option<Vat>,
        lang: Lang,
    ) {
        self.profile = Profile::of(line, weights);
        let fresh = VendorsDraft::starting(line, weights, custom, lang);
        // The sheet a first comparison of the line's work pits against it.
        let paired = fresh_example(&fresh.offers);
        // The line's own offer with the VAT the estimate states for its list, as a first
        // comparison's.
        let Some(own) = fresh.offers.into_iter().next().map(|o| OfferDraft { vat, ..o }) else { return };
        let field = offer_field(&own);
        let other = |o: &OfferDraft| offer_field(o).is_some_and(|f| Some(f) != field);
        if !self.offers.first().is_some_and(other) {
            return;
        }
        for i in 1..self.offers.len() {
            let o = &self.offers[i];
            if !other(o) {
                continue;
            }
            let Source::Example(key) = o.source else { continue };
            if let Some(service) = like_on(field, key) {
                self.offers[i].set_service(service.to_string());
                continue;
            }
            // A sheet without that work (Alibaba's 实人认证 for ID cards), as a first comparison
            // left it (named for its vendor, none of the buyer's terms, choices or prices): the
            // sheet a first comparison of the work takes instead, where no offer has it yet. An
            // offer the buyer made theirs stays, told as another kind of work.
            let mine = o.discount.is_some()
                || o.negotiated_price.is_some()
                || o.vat.is_some()
                || self.picks.iter().any(|p| p.vendor == o.name)
                || self.prices.iter().any(|p| p.vendor == o.name);
            let named = named_for_vendor(o) && !mine;
            let free = |s: &Source| !self.offers.iter().any(|x| x.source.same_list(s));
            if let Some(Source::Example(sheet)) = paired.clone().filter(|s| named && free(s)) {
                self.set_source(i, Source::Example(sheet), lang);
                if let Some(service) = like_on(field, sheet) {
                    self.offers[i].set_service(service.to_string());
                }
            }
        }
        if let Some(first) = self.offers.first_mut() {
            *first = own;
        }
        self.suggest_rates();
    }

    /// The line the comparison follows (of service `service`) has other terms, `before` →
    /// `after`: its own offer (the first, pricing that service) takes each of them it still had
    /// as before (its discount, its negotiated price with whether it prices every call, its
    /// VAT); one typed in the comparison since stays. Returns whether the offer changed.
    pub fn follow_terms(&mut self, service: &str, before: &OwnTerms, after: &OwnTerms) -> bool {
        let Some(o) = self.offers.first_mut() else { return false };
        let own = o.source.catalog().and_then(|c| c.service(service)).is_some_and(|s| s.id == o.service);
        if !own || before == after {
            return false;
        }
        let was = o.clone();
        if o.discount == before.discount {
            o.discount = after.discount;
        }
        if o.negotiated() == before.negotiated {
            o.negotiated_price = after.negotiated.map(|n| n.price);
            o.negotiated_all_calls = after.negotiated.is_some_and(|n| n.all_calls);
        }
        if o.vat == before.vat {
            o.vat = after.vat;
        }
        *o != was
    }

    /// Whether the first offer prices `line` as the estimate does, but for its plan: the line's
    /// service, on the list the line is priced with (the estimate's own `custom` list, or the
    /// built-in one), at the line's `terms` (its discount and negotiated price; the VAT does not
    /// change a total at the list's prices), and no free calls on the line that the offer's plan
    /// does not count.
    pub fn prices_line(&self, line: &Line, custom: Option<&CustomCatalog>, terms: &OwnTerms) -> bool {
        self.offers.first().is_some_and(|o| {
            o.source.same_list(&own_source(line, custom))
                && o.source.catalog().and_then(|c| c.service(&line.service)).is_some_and(|s| s.id == o.service)
                && o.discount == terms.discount
                && o.negotiated() == terms.negotiated
                && line.free_calls == 0
        })
    }

    /// Offer `i` prices another service of its list (the offer's service picked). Where a line of
    /// `estimate` has that service, priced with that very list, the offer takes the line's terms
    /// there, as a first comparison does: its negotiated price, and the discount it gets where
    /// the offer has none of its own.
    pub fn pick_service(&mut self, i: usize, service: String, estimate: &crate::engine::Estimate) {
        let Some(o) = self.offers.get_mut(i) else { return };
        o.set_service(service);
        let line = (0..estimate.lines.len()).filter_map(|k| estimate.priced_line(k)).find(|l| {
            o.source.same_list(&own_source(l, estimate.price_list.as_ref()))
                && o.source.catalog().and_then(|c| c.service(&l.service)).is_some_and(|s| s.id == o.service)
        });
        if let Some(line) = line {
            o.negotiated_price = line.negotiated_price;
            o.negotiated_all_calls = line.negotiated_all_calls;
            o.discount = o.discount.or(line.discount);
        }
    }

    /// Which offers price another kind of work than the first offer's service (text read where
    /// faces are checked), where the comparison knows both: such a price is no saving, however
    /// low, and the ranking says so.
    pub fn other_work(&self) -> Vec<bool> {
        let first = self.offers.first().and_then(offer_field);
        self.offers.iter().map(|o| first.is_some() && offer_field(o).is_some_and(|f| Some(f) != first)).collect()
    }

    /// The currencies of the offers other than the comparison's.
    pub fn foreign(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .offers
            .iter()
            .filter_map(|o| o.source.catalog().map(|c| c.currency.clone()))
            .filter(|c| *c != self.currency)
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Leaves a rate field for each foreign currency (empty until typed), and drops the others.
    /// A rate typed for a currency no offer is in now stays (an offer moved to another list and
    /// back, or removed and added again, finds it), though only the offers' are shown and used.
    pub fn suggest_rates(&mut self) {
        let foreign = self.foreign();
        let own = self.currency.clone();
        self.rates.retain(|c, v| foreign.contains(c) || (*c != own && !v.trim().is_empty()));
        for c in foreign {
            self.rates.entry(c).or_default();
        }
    }

    /// Compares in `currency`: the rates typed were units of the old one, so they are asked for
    /// again.
    pub fn set_currency(&mut self, currency: String) {
        if currency != self.currency {
            self.currency = currency;
            self.rates.clear();
            self.suggest_rates();
        }
    }

    /// Adds an offer (the last one's list and service, numbered, without its terms: those were
    /// the buyer's at that offer), up to the most a comparison holds.
    pub fn add(&mut self) -> bool {
        if self.offers.len() >= MAX_OFFERS {
            return false;
        }
        let Some(last) = self.offers.last().cloned() else { return false };
        let n = self.offers.len() + 1;
        // "Baidu 3", not "Baidu 3 4": the number the last one was given goes.
        let base = numbered(&last.name).0.to_string();
        self.offers.push(OfferDraft {
            name: format!("{base} {n}"),
            discount: None,
            negotiated_price: None,
            negotiated_all_calls: false,
            ..last
        });
        true
    }

    /// The offers priced from a sheet typed on the page for `vendor` (as the sheet names it,
    /// whatever the offers are called now) and its service named `service`, in order.
    pub fn typed_offers(&self, vendor: &str, service: &str) -> Vec<usize> {
        let service = service.trim();
        (0..self.offers.len())
            .filter(|&i| {
                typed_of(&self.offers[i], vendor)
                    .is_some_and(|own| own.services.first().is_some_and(|s| names(&s.name, service)))
            })
            .collect()
    }

    /// A sheet typed on the page ([`sheet`](super::custom::sheet)) put into the comparison: where
    /// offers are already priced from a typed sheet of that vendor and service, the visitor
    /// corrected it, and each takes the new sheet (its name and terms kept); else it is added as
    /// any sheet is, and named as the vendor's other typed offers are (one vendor, however many
    /// of its services are typed).
    pub fn put_typed(&mut self, list: CustomCatalog, lang: Lang) -> Put {
        let Some(first) = list.own().services.first() else { return Put::Full };
        let (service, service_name) = (first.id.clone(), first.name.get(lang).to_string());
        let vendor = list.own().name.get(lang).to_string();
        let same = self.typed_offers(&vendor, &service_name);
        if let Some(&i) = same.first() {
            for &k in &same {
                self.offers[k].source = Source::List(list.clone());
                self.offers[k].service = service.clone();
            }
            return Put::Replaced(self.offers[i].name.clone());
        }
        // The vendor's name as its other typed offers have it (the buyer may have renamed it).
        let kept = self.offers.iter().find(|o| typed_of(o, &vendor).is_some()).map(|o| o.name.clone());
        if !self.add_sheet(list, lang) {
            return Put::Full;
        }
        if let (Some(name), Some(new)) = (kept, self.offers.last_mut()) {
            new.name = name;
        }
        Put::Added
    }

    /// Adds an offer priced from a vendor's own sheet (`list`, read on its own: it changes
    /// nothing in the estimate, and may be in another currency), named for the list, on its
    /// first service; false at the most offers, or for a list with no service.
    pub fn add_sheet(&mut self, list: CustomCatalog, lang: Lang) -> bool {
        let Some(first) = list.own().services.first() else { return false };
        if self.offers.len() >= MAX_OFFERS {
            return false;
        }
        // Its service named as the first offer's is, else its first.
        let service =
            self.offers.first().and_then(|own| named_like(list.own(), own)).unwrap_or_else(|| first.id.clone());
        // Numbered where another offer has the name (two sheets without one of their own), with
        // the least number no offer has.
        let name = list.own().name.get(lang).to_string();
        let name = if self.has_vendor(&name) {
            (2..).map(|k| format!("{name} {k}")).find(|n| !self.has_vendor(n)).unwrap_or(name)
        } else {
            name
        };
        self.offers.push(OfferDraft {
            name,
            source: Source::List(list),
            service,
            discount: None,
            negotiated_price: None,
            negotiated_all_calls: false,
            vat: None,
        });
        true
    }

    /// The offers still named for their list's vendor (as the comparison named them: `腾讯云`,
    /// `Tencent Cloud 3`), named in `lang` (`Tencent Cloud`, `腾讯云 3`): the page's language
    /// switched. A name the visitor typed stays. Whether any changed.
    pub fn name_in(&mut self, lang: Lang) -> bool {
        let mut changed = false;
        let mut renamed = Vec::new();
        for o in &mut self.offers {
            if !named_for_vendor(o) {
                continue;
            }
            let number = numbered(&o.name).1;
            let vendor = o.source.vendor(lang);
            let name = number.map_or_else(|| vendor.clone(), |k| format!("{vendor} {k}"));
            if name != o.name {
                renamed.push((std::mem::replace(&mut o.name, name.clone()), name));
                changed = true;
            }
        }
        for (old, new) in renamed {
            self.rename_picks(&old, &new);
        }
        changed
    }

    /// Removes offer `i`, keeping the fewest a comparison holds.
    pub fn remove(&mut self, i: usize) -> bool {
        if self.offers.len() <= MIN_OFFERS || i >= self.offers.len() {
            return false;
        }
        let gone = self.offers.remove(i).name;
        self.forget_picks(&gone);
        self.suggest_rates();
        true
    }

    /// Offer `i`'s discount: its percentage (`None`: no discount), keeping what it applies to.
    pub fn set_discount(&mut self, i: usize, percent: Option<Decimal>) {
        if let Some(o) = self.offers.get_mut(i) {
            o.discount = Discount::retyped(o.discount, percent);
        }
    }

    /// What offer `i`'s discount applies to (where it has one).
    pub fn set_discount_scope(&mut self, i: usize, scope: DiscountScope) {
        if let Some(d) = self.offers.get_mut(i).and_then(|o| o.discount.as_mut()) {
            d.applies_to = scope;
        }
    }

    /// What the amounts are compared as: with VAT or before it.
    pub fn set_vat_basis(&mut self, basis: VatBasis) {
        self.vat_basis = basis;
    }

    /// The VAT of the offers of a sheet typed for `vendor`'s `service` ([`VendorsDraft::typed_offers`]),
    /// as the typed sheet's form states it (`None`: not stated).
    pub fn set_typed_vat(&mut self, vendor: &str, service: &str, vat: Option<Vat>) {
        for i in self.typed_offers(vendor, service) {
            self.set_vat(i, vat);
        }
    }

    /// Offer `i`'s VAT (`None`: not stated).
    pub fn set_vat(&mut self, i: usize, vat: Option<Vat>) {
        if let Some(o) = self.offers.get_mut(i) {
            o.vat = vat;
        }
    }

    /// Whether any offer states its VAT (the basis then matters).
    pub fn states_vat(&self) -> bool {
        self.offers.iter().any(|o| o.vat.is_some())
    }

    /// Offer `i`'s negotiated price (`None`: none).
    pub fn set_negotiated_price(&mut self, i: usize, price: Option<Decimal>) {
        if let Some(o) = self.offers.get_mut(i) {
            o.negotiated_price = price;
            o.negotiated_all_calls &= price.is_some();
        }
    }

    /// Whether offer `i`'s negotiated price prices every call, in place of the list's prices.
    pub fn set_negotiated_all_calls(&mut self, i: usize, all: bool) {
        if let Some(o) = self.offers.get_mut(i) {
            o.negotiated_all_calls = all && o.negotiated_price.is_some();
        }
    }

    /// Points offer `i` at another list: its first service there (or the same id, if the list
    /// has it); named for the list's vendor where the offer still had the old list's vendor's
    /// name, numbered or not (a name the visitor typed stays); at another list the terms (a
    /// discount, a negotiated price, the VAT) go, being the old vendor's.
    pub fn set_source(&mut self, i: usize, source: Source, lang: Lang) {
        // Numbered (`Baidu AI Cloud 3`) only where another offer has the vendor's name.
        let vendor = source.vendor(lang);
        let taken = self.offers.iter().enumerate().any(|(j, other)| j != i && numbered(&other.name).0 == vendor);
        let Some(o) = self.offers.get_mut(i) else { return };
        let named_for_list = o.name.trim().is_empty() || named_for_vendor(o);
        let moved = !o.source.same_list(&source);
        // The terms were the old list's vendor's: a discount, a negotiated price and the VAT
        // stated there price nothing at another vendor.
        if moved {
            o.discount = None;
            o.negotiated_price = None;
            o.negotiated_all_calls = false;
            o.vat = None;
        }
        // A list of the buyer's own offers its own services: one that extends the built-in list
        // would otherwise keep a built-in service, the built-in offer again under the list's name.
        let own = match &source {
            Source::List(l) if !l.own().services.is_empty() => Some(l.own()),
            _ => None,
        };
        if let Some(list) = source.catalog()
            && own.unwrap_or(list).service(&o.service).is_none()
        {
            // The new list's service of the same work, where it has one (a buyer's own, the
            // service named as this one is); else its first (a buyer's list: its own first).
            let like = match &source {
                Source::Example(key) => nearest_on(offer_field(o), key).map(str::to_string),
                Source::List(l) => named_like(l.own(), o),
                Source::Builtin => None,
            };
            let first = || own.unwrap_or(list).services.first().map_or_else(String::new, |s| s.id.clone());
            o.set_service(like.unwrap_or_else(first));
        }
        let before = o.name.clone();
        if named_for_list {
            o.name = if taken { format!("{vendor} {}", i + 1) } else { vendor };
        }
        o.source = source;
        // Another vendor now (renamed, or another list under a name the buyer typed): the old
        // name's choices and prices were the old list's services, and go where no other offer
        // keeps the name.
        if (moved || o.name != before) && !self.offers.iter().enumerate().any(|(j, x)| j != i && x.name == before) {
            self.picks.retain(|p| p.vendor != before);
            self.prices.retain(|p| p.vendor != before);
        }
        self.suggest_rates();
    }

    /// A document's currency and the rates typed for `foreign` currencies (empty ones left out:
    /// the engine then names the missing one), for a comparison or a budget.
    fn money_terms(&self, foreign: &[String]) -> Map<String, Value> {
        let mut doc = Map::new();
        doc.insert("currency".into(), json!(self.currency));
        let rates: Map<String, Value> = self
            .rates
            .iter()
            .filter(|(c, v)| foreign.contains(c) && !v.trim().is_empty())
            .map(|(k, v)| (k.clone(), json!(v.trim())))
            .collect();
        if !rates.is_empty() {
            doc.insert("rates".into(), Value::Object(rates));
        }
        doc
    }

    /// The comparison document (the `quote --compare` input); rates that are empty are left out
    /// (the engine then names the missing one), and so are those kept for currencies no offer
    /// is in now.
    pub fn to_doc(&self) -> Value {
        // The offers' currencies' rates (a rate kept for one no offer is in now is not the
        // document's).
        let mut doc = self.money_terms(&self.foreign());
        doc.insert("calls".into(), json!(self.profile.calls));
        if let Some(low) = &self.profile.calls_low {
            doc.insert("calls_low".into(), json!(low));
        }
        if let Some(high) = &self.profile.calls_high {
            doc.insert("calls_high".into(), json!(high));
        }
        if let Some(m) = self.profile.first_month {
            doc.insert("first_month".into(), json!(m.to_string()));
        }
        if let Some(w) = &self.profile.weights {
            doc.insert("scenario_weights".into(), serde_json::to_value(w).unwrap_or_default());
        }
        // Written where it says something: a comparison without VAT reads as before.
        if self.vat_basis != VatBasis::default() {
            doc.insert("vat_basis".into(), json!(self.vat_basis.word()));
        }
        let vendors: Vec<Value> = self
            .offers
            .iter()
            .map(|o| {
                let mut v = Map::new();
                v.insert("name".into(), json!(o.name));
                v.insert("service".into(), json!(o.service));
                o.source.write(&mut v);
                if let Some(d) = &o.discount {
                    v.insert("discount".into(), serde_json::to_value(d).unwrap_or_default());
                }
                if let Some(p) = o.negotiated_price {
                    v.insert("negotiated_price".into(), json!(p.to_string()));
                    if o.negotiated_all_calls {
                        v.insert("negotiated_all_calls".into(), json!(true));
                    }
                }
                if let Some(vat) = &o.vat {
                    v.insert("vat".into(), serde_json::to_value(vat).unwrap_or_default());
                }
                Value::Object(v)
            })
            .collect();
        doc.insert("vendors".into(), Value::Array(vendors));
        Value::Object(doc)
    }

    /// The comparison the engine reads, or the first problem, with its field.
    pub fn offers(&self, lists: &mut ListCache) -> Result<Offers, EstimateError> {
        Offers::from_value(&self.to_doc(), builtin(), lists)
    }

    /// The comparison for `line` in a budget across the estimate's lines. The line it is for
    /// (`followed`, found by [`VendorsDraft::budget_lines`]) is the comparison as it stands, less
    /// its offers of another kind of work. Any other line: its volumes, its `own` offer (the
    /// line's service and terms on the list it is priced with, as [`VendorsDraft::starting`]
    /// makes it), named as the comparison names its offer on that list (vendors are added up
    /// by name), and the comparison's other offers of the line's kind of work — an example
    /// sheet's moved to its service of that work where it has one ([`LIKE`]) — the rest left out
    /// (that vendor makes no offer for the line; an offer whose work the comparison does not
    /// know, on a list of the buyer's own, is not taken to do it).
    pub fn for_line(&self, line: &Line, weights: Weights, own: Option<OfferDraft>, followed: bool) -> VendorsDraft {
        // A vendor's VAT on a list, where one of its offers there states it: the vendor's offers
        // are one vendor's in the budget, and one without it would be compared before VAT beside
        // the others. (Whether prices include it is the list's: another list's offer of the name
        // keeps its own. The line the comparison follows is priced as the comparison shows it.)
        let vendor_vat = |o: &mut OfferDraft| {
            let stated = |x: &&OfferDraft| x.name == o.name && x.source.same_list(&o.source);
            o.vat = o.vat.or_else(|| self.offers.iter().filter(stated).find_map(|x| x.vat));
        };
        if followed {
            // Less the offers of another kind of work, which the comparison shows but ranks for
            // nothing.
            let mut d = self.clone();
            let mut other = self.other_work().into_iter();
            d.offers.retain(|_| !other.next().unwrap_or(false));
            // The line's own list, which the other lines are priced at, even where the
            // comparison leaves it out: its vendor's row stays whole.
            if let Some(own) = own.filter(|own| !self.offers.iter().any(|o| o.source.same_list(&own.source)))
                && d.offers.len() < MAX_OFFERS
            {
                d.offers.push(own);
            }
            return d;
        }
        let Some(mut own) = own else { return self.clone() };
        let field = offer_field(&own).map(str::to_string);
        let field = field.as_deref();
        // The vendor's, as the comparison has them at its offer on that list: its name (vendors
        // are added up by name), its VAT (else the estimate's for its list), and the discount
        // typed there where the line has no terms of its own. A line's own terms (a discount, a
        // negotiated price) are the ones agreed for its service, and it is priced with those
        // alone, as its quote is; the comparison's offer is for the service of the line it
        // follows.
        if let Some(o) = self.offers.iter().find(|o| o.source.same_list(&own.source)) {
            own.name = o.name.clone();
            own.vat = o.vat.or(own.vat);
            if own.discount.is_none() && own.negotiated_price.is_none() {
                own.discount = o.discount;
            }
        }
        let mut offers = vec![own.clone()];
        // The others: the service the buyer chose for the vendor, else the line's work where the
        // comparison knows it.
        for o in self.offers.iter().filter(|o| !o.source.same_list(&own.source)) {
            let mut o = o.clone();
            match self.picked(&own.service, &o) {
                Some(None) => continue,
                // One offer a vendor, whatever it makes in the comparison.
                Some(Some(_)) if offers.iter().any(|x| x.name == o.name) => continue,
                Some(Some(service)) => o.set_service(service),
                None if field.is_none() => continue,
                None => {
                    // A sheet of the buyer's own: its service named as the line's is, where one
                    // is (its 照片人脸核身 for a photo check line, not its liveness check of the
                    // same kind of work); else one of the line's work, as below.
                    let named = match &o.source {
                        Source::List(list) => named_like(list.own(), &own),
                        _ => None,
                    };
                    if let Some(service) = named {
                        o.set_service(service);
                    } else if offer_field(&o) != field {
                        let Source::Example(key) = o.source else { continue };
                        let Some(service) = like_on(field, key) else { continue };
                        o.set_service(service.to_string());
                    }
                }
            }
            // The price sales gave for that service on these lines.
            // (for the volume the list leaves to sales, as typed: not for every call).
            if let Some(p) = self.budget_price(&own.service, &o.name, &o.service) {
                o.negotiated_price = Some(p);
                o.negotiated_all_calls = false;
            }
            vendor_vat(&mut o);
            if offers.len() < MAX_OFFERS {
                offers.push(o);
            }
        }
        let mut d = VendorsDraft { profile: Profile::of(line, weights), offers, ..self.clone() };
        d.suggest_rates();
        d
    }

    /// The buyer's choice for `offer`'s vendor on the lines of `line_service`: `Some(Some(id))`
    /// where the offer's list has the service chosen, `Some(None)` where the vendor makes no offer
    /// there or this offer's list lacks the service (another offer of that name may have it: the
    /// choice settles the vendor, not each offer); `None` where there is no choice.
    fn picked(&self, line_service: &str, offer: &OfferDraft) -> Option<Option<String>> {
        let pick = self.picks.iter().find(|p| p.line_service == line_service && p.vendor == offer.name)?;
        let service = pick.service.as_ref().and_then(|s| offer.source.catalog()?.service(s));
        Some(service.map(|s| s.id.clone()))
    }

    /// Chooses vendor `vendor`'s service for the budget's lines of `line_service` (`None`: the
    /// vendor makes no offer for them). A negotiated price typed for another service there waits
    /// unused, for that service chosen again.
    pub fn set_pick(&mut self, line_service: &str, vendor: &str, service: Option<String>) {
        self.picks.retain(|p| !(p.line_service == line_service && p.vendor == vendor));
        self.picks.push(BudgetPick { line_service: line_service.to_string(), vendor: vendor.to_string(), service });
    }

    /// The negotiated price of vendor `vendor`'s service `service` on the budget's lines of
    /// `line_service`, if the buyer typed one.
    pub fn budget_price(&self, line_service: &str, vendor: &str, service: &str) -> Option<Decimal> {
        self.prices.iter().find(|p| p.is(line_service, vendor, service)).map(|p| p.price)
    }

    /// Sets (or, with `None`, drops) the negotiated price of vendor `vendor`'s service `service`
    /// on the budget's lines of `line_service`.
    pub fn set_budget_price(&mut self, line_service: &str, vendor: &str, service: &str, price: Option<Decimal>) {
        self.prices.retain(|p| !p.is(line_service, vendor, service));
        if let Some(price) = price {
            let (line_service, vendor, service) = (line_service.to_string(), vendor.to_string(), service.to_string());
            self.prices.push(BudgetPrice { line_service, vendor, service, price });
        }
    }

    /// Drops every choice: the budget pairs the services as the comparison does.
    pub fn clear_picks(&mut self) -> bool {
        let had = !self.picks.is_empty();
        self.picks.clear();
        had
    }

    /// Renames offer `i`; the budget's choices for the vendor follow the name.
    pub fn set_name(&mut self, i: usize, name: String) {
        let Some(o) = self.offers.get_mut(i) else { return };
        let old = std::mem::replace(&mut o.name, name.clone());
        self.rename_picks(&old, &name);
    }

    /// The choices of a vendor renamed `old` → `new`, where no offer keeps the old name.
    fn rename_picks(&mut self, old: &str, new: &str) {
        if old == new || self.has_vendor(old) {
            return;
        }
        for p in self.picks.iter_mut().filter(|p| p.vendor == old) {
            p.vendor = new.to_string();
        }
        for p in self.prices.iter_mut().filter(|p| p.vendor == old) {
            p.vendor = new.to_string();
        }
    }

    /// Drops the choices of vendor `name` where no offer has that name now (an offer removed,
    /// or moved to another vendor's list).
    fn forget_picks(&mut self, name: &str) {
        if !self.has_vendor(name) {
            self.picks.retain(|p| p.vendor != name);
            self.prices.retain(|p| p.vendor != name);
        }
    }

    /// Whether an offer has the vendor name `name`.
    fn has_vendor(&self, name: &str) -> bool {
        self.offers.iter().any(|o| o.name == name)
    }

    /// The choices the comparison still has a vendor for (a document may carry others).
    fn live_picks(&self) -> impl Iterator<Item = &BudgetPick> {
        self.picks.iter().filter(|p| self.has_vendor(&p.vendor))
    }

    /// Each service of the budget's lines but the comparison's own, and each vendor of another
    /// list: its services and the one that prices those lines now, for the buyer to change.
    pub fn budget_choices(&self, estimate: &Estimate, lang: Lang) -> Vec<WorkChoice> {
        self.choices_of(&self.budget_parts(estimate, lang), lang)
    }

    /// [`VendorsDraft::budget_choices`] of the budget's lines made already.
    pub fn choices_of(&self, parts: &BudgetParts, lang: Lang) -> Vec<WorkChoice> {
        let BudgetParts { lines: drafts, owns, followed } = parts;
        let followed = *followed;
        let mut works: Vec<WorkChoice> = Vec::new();
        for (k, own) in owns.iter().enumerate() {
            let Some(own) = own.as_ref().filter(|_| followed != Some(k)) else { continue };
            if let Some(w) = works.iter_mut().find(|w| w.line_service == own.service) {
                w.lines.push(k);
                continue;
            }
            let mut vendors: Vec<VendorChoice> = Vec::new();
            // The line's own vendor is priced at its own list; a vendor can be given a service only
            // where the line has room for its offer.
            let room = drafts[k].offers.len() < MAX_OFFERS;
            let offered = |name: &str| drafts[k].offers.iter().any(|x| x.name == name);
            for o in self.offers.iter().filter(|o| !o.source.same_list(&own.source) && o.name != own_name(&drafts[k])) {
                let Some(list) = o.source.catalog().filter(|_| !vendors.iter().any(|v| v.vendor == o.name)) else {
                    continue;
                };
                if !room && !offered(&o.name) {
                    continue;
                }
                vendors.push(VendorChoice {
                    vendor: o.name.clone(),
                    shown: shown_name(&o.name, &o.source, lang),
                    services: list.services.iter().map(|s| (s.id.clone(), s.name.get(lang).to_string())).collect(),
                    current: drafts[k].offers.iter().find(|x| x.name == o.name).map(|x| x.service.clone()),
                    currency: list.currency.clone(),
                    picked: self.picks.iter().any(|p| p.line_service == own.service && p.vendor == o.name),
                });
            }
            if !vendors.is_empty() {
                works.push(WorkChoice { line_service: own.service.clone(), lines: vec![k], vendors });
            }
        }
        works
    }

    /// Each line of `estimate` as the budget compares it ([`VendorsDraft::for_line`]), in order.
    pub fn budget_lines(&self, estimate: &Estimate, lang: Lang) -> Vec<VendorsDraft> {
        self.budget_parts(estimate, lang).lines
    }

    /// [`VendorsDraft::budget_lines`], with each line's own offer and the line the comparison
    /// is for: what the budget prices and what its choices are made from, made once.
    pub fn budget_parts(&self, estimate: &Estimate, lang: Lang) -> BudgetParts {
        let (weights, custom) = (estimate.weights(), estimate.price_list.as_ref());
        let lines: Vec<_> = (0..estimate.lines.len()).filter_map(|k| estimate.priced_line(k)).collect();
        // Each line's own offer: its service and terms on the list it is priced with, and the
        // VAT the estimate states for that list's prices.
        let owns: Vec<Option<OfferDraft>> = lines
            .iter()
            .map(|line| {
                let own = VendorsDraft::starting(line, weights, custom, lang).offers.into_iter().next();
                own.map(|o| OfferDraft { vat: estimate.vat, ..o })
            })
            .collect();
        // The comparison's offers on the estimate's lists that state no VAT are the estimate's
        // vendor's: with its VAT, as its quote has it.
        let mut with_vat = self.clone();
        if estimate.vat.is_some() {
            for o in &mut with_vat.offers {
                if o.vat.is_none() && owns.iter().flatten().any(|own| own.source.same_list(&o.source)) {
                    o.vat = estimate.vat;
                }
            }
        }
        let this = &with_vat;
        // The line the comparison is for: of its volumes and kind of work, the one whose service
        // the first offer prices where it is on the line's own list (of two lines of one volume
        // and work, 活体人脸核身 and 活体人脸比对, the other prices its own service), else the
        // first of them (the first offer switched to another service of the work).
        let how_close = |line: &Line, own: &Option<OfferDraft>| -> u8 {
            let (Some(own), Some(first)) = (own, self.offers.first()) else { return 0 };
            if !self.profile.matches(&Profile::of(line, weights)) || offer_field(first) != offer_field(own) {
                return 0;
            }
            if !first.source.same_list(&own.source) || first.service == own.service { 2 } else { 1 }
        };
        let closeness: Vec<u8> = lines.iter().zip(&owns).map(|(l, o)| how_close(l, o)).collect();
        let best = closeness.iter().copied().max().unwrap_or(0);
        let followed = closeness.iter().position(|c| *c == best && best > 0);
        let drafts = lines
            .iter()
            .zip(&owns)
            .enumerate()
            .map(|(k, (line, own))| this.for_line(line, weights, own.clone(), followed == Some(k)))
            .collect();
        BudgetParts { lines: drafts, owns, followed }
    }

    /// The currencies the budget's offers price in other than the comparison's (each needs a
    /// rate), in order.
    pub fn budget_foreign(lines: &[VendorsDraft]) -> Vec<String> {
        let mut all: Vec<String> = lines.iter().flat_map(VendorsDraft::foreign).collect();
        all.sort();
        all.dedup();
        all
    }

    /// The budget document (`engine::budget`) of these lines: the comparison's currency, VAT
    /// basis and rates (every one typed that an offer needs), the estimate's case weights, and
    /// each line's volumes and offers.
    pub fn budget_doc(&self, lines: &[VendorsDraft], weights: Weights) -> Value {
        let mut doc = self.money_terms(&VendorsDraft::budget_foreign(lines));
        if self.vat_basis != VatBasis::default() {
            doc.insert("vat_basis".into(), json!(self.vat_basis.word()));
        }
        if weights != Weights::default() {
            doc.insert("scenario_weights".into(), serde_json::to_value(weights).unwrap_or_default());
        }
        let lines: Vec<Value> = lines
            .iter()
            .map(|d| {
                let mut line = d.to_doc();
                if let Some(m) = line.as_object_mut() {
                    m.retain(|k, _| crate::engine::budget::LINE_KEYS.contains(&k.as_str()));
                }
                line
            })
            .collect();
        doc.insert("lines".into(), Value::Array(lines));
        Value::Object(doc)
    }

    /// The draft of a comparison read back (from storage or a link).
    pub fn of(offers: &Offers) -> VendorsDraft {
        let first = offers.offers.first().map(|o| &o.estimate);
        let profile = first.map_or_else(Profile::default, |e| Profile {
            weights: e.scenario_weights,
            ..Profile::of(&e.lines[0], Weights::default())
        });
        VendorsDraft {
            currency: offers.currency.clone(),
            rates: offers.rates.iter().map(|(k, v)| (k.clone(), v.to_string())).collect(),
            vat_basis: offers.vat_basis,
            profile,
            offers: offers
                .offers
                .iter()
                .map(|o| {
                    let line = &o.estimate.lines[0];
                    let source = match o.example.as_deref().and_then(example) {
                        Some(e) => Source::Example(e.key),
                        None => Source::of(o.estimate.price_list.as_ref()),
                    };
                    let service = source
                        .catalog()
                        .and_then(|c| c.service(&line.service))
                        .map_or_else(|| line.service.clone(), |s| s.id.clone());
                    OfferDraft {
                        name: o.name.clone(),
                        source,
                        service,
                        discount: line.discount,
                        negotiated_price: line.negotiated_price,
                        negotiated_all_calls: line.negotiated_all_calls,
                        vat: o.vat,
                    }
                })
                .collect(),
            picks: Vec::new(),
            prices: Vec::new(),
        }
    }

    /// The stored or shared text of the comparison: its document, and the budget's choices
    /// where the buyer made some (`budget_services`; a comparison without reads as before).
    pub fn to_json(&self) -> String {
        let mut doc = self.to_doc();
        let picks: Vec<Value> = self
            .live_picks()
            .map(|p| json!({"line": p.line_service, "vendor": p.vendor, "service": p.service}))
            .collect();
        if let (Some(m), false) = (doc.as_object_mut(), picks.is_empty()) {
            m.insert(PICKS_KEY.into(), Value::Array(picks));
        }
        let prices: Vec<Value> = self
            .prices
            .iter()
            .filter(|p| self.has_vendor(&p.vendor))
            .map(|p| json!({"line": p.line_service, "vendor": p.vendor, "service": p.service, "price": p.price.to_string()}))
            .collect();
        if let (Some(m), false) = (doc.as_object_mut(), prices.is_empty()) {
            m.insert(PRICES_KEY.into(), Value::Array(prices));
        }
        doc.to_string()
    }

    /// The fragment of a link to the comparison, without the `#`: `o=…`.
    pub fn encode(&self) -> String {
        format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(self.to_json()))
    }
}

/// The budget's table as the page shows it: a row per vendor (the cheapest first, those without
/// a total after them) and the best mix's; each cell a text and a smaller line under it.
#[derive(Clone, Debug, PartialEq)]
pub struct BudgetTable {
    pub head: Vec<String>,
    pub rows: Vec<BudgetRow>,
}

/// The budget month by month ([`crate::engine::budget::months`]): its caption, the month and
/// each vendor's and the best mix's headings, a row a month (`1 · 2027-01`, then each amount, `—`
/// where a vendor has none), and a last row of the months added up. `None` where the lines'
/// months cannot be put side by side, or there is only one month.
pub fn budget_months_table(
    b: &BudgetComparison,
    example: impl Fn(&str) -> bool,
    amount: impl Fn(Decimal) -> String,
    lang: Lang,
) -> Option<(String, Vec<String>, Vec<Vec<String>>)> {
    let months = crate::engine::budget::months(b)?;
    if months.len() < 2 {
        return None;
    }
    let t = texts(lang);
    let ranged = b.lines.iter().any(|c| c.vendors.iter().any(|v| v.range.is_some()));
    let caption = fill(t.vendors_budget_months, &[("cur", &b.currency)])
        + if ranged { t.vendors_budget_months_likely } else { "" };
    let name = |n: &str| if example(n) { as_example(n, lang) } else { n.to_string() };
    let mut head = vec![t.month.to_string()];
    head.extend(b.vendors.iter().map(|v| name(&v.name)));
    let mix = b.best_mix.is_some() && b.vendors.len() > 1;
    if mix {
        head.push(t.vendors_budget_mix_short.to_string());
    }
    let cell = |d: Option<Decimal>| d.map_or_else(|| "—".to_string(), &amount);
    // A month that waits for a price: what has one, and why the rest has none, as the total says
    // it (`12,000.00 + 未列价格`).
    let part = |w: &Option<(Decimal, Option<crate::engine::explain::Missing>)>| {
        w.map(|(p, why)| format!("{} + {}", amount(p), super::format::missing(why, lang)))
    };
    let calendar: Vec<crate::engine::usage::Month> = months.iter().filter_map(|m| m.date).collect();
    let mut rows: Vec<Vec<String>> = months
        .iter()
        .map(|m| {
            let mut row = vec![super::format::dated(m.month.to_string(), &calendar, m.month as usize)];
            row.extend(m.vendors.iter().zip(&m.waiting).map(|(d, w)| part(w).unwrap_or_else(|| cell(*d))));
            if mix {
                row.push(cell(m.mix));
            }
            row
        })
        .collect();
    // The months added up: each vendor's likely total, converted (its expected cost is the
    // table's above, for a range); where some wait for a price, what has one and why.
    let sum = |f: &dyn Fn(&crate::engine::budget::BudgetMonth) -> Option<Decimal>| {
        months.iter().try_fold(Decimal::new(0, 2), |a, m| a.checked_add(f(m)?))
    };
    let vendor_total = |i: usize| {
        if let Some(all) = sum(&|m| m.vendors[i]) {
            return amount(all);
        }
        let priced = sum(&|m| m.vendors[i].or(m.waiting[i].map(|(p, _)| p)));
        let why = months.iter().find_map(|m| m.waiting[i].map(|(_, why)| why));
        part(&priced.zip(why)).unwrap_or_else(|| "—".to_string())
    };
    let mut total = vec![t.total.to_string()];
    total.extend((0..b.vendors.len()).map(vendor_total));
    if mix {
        total.push(cell(sum(&|m| m.mix)));
    }
    rows.push(total);
    Some((caption, head, rows))
}

/// The budget table's columns before its lines': rank, name, total, above the best mix.
pub const BUDGET_LEADING_COLUMNS: usize = 4;

/// One row: rank, name, the total, how far above the best mix, and one cell per line.
#[derive(Clone, Debug, PartialEq)]
pub struct BudgetRow {
    /// `best` for the cheapest vendor, `mix` for the best mix, else "".
    pub class: &'static str,
    pub cells: Vec<(String, String)>,
    /// What the later columns say, for a phone that shows only the total: each line's figure.
    pub narrow: String,
}

/// The budget's table. `labels`: each line's name ("第 1 项 · 活体人脸核身"); `example`:
/// whether a vendor's name is an example sheet's (marked as one where shown).
pub fn budget_table(
    b: &BudgetComparison,
    labels: &[String],
    example: impl Fn(&str) -> bool,
    lang: Lang,
) -> BudgetTable {
    budget_table_in(b, labels, example, crate::engine::money::yuan, lang)
}

/// The budget as CSV: the table's rows with plain amounts (`20250.00`), and what the page says
/// under a cell in a last column.
pub fn budget_csv(
    b: &BudgetComparison,
    labels: &[String],
    example: impl Fn(&str) -> bool,
    notes: &[String],
    lang: Lang,
) -> String {
    let t = budget_table_in(b, labels, &example, |d| d.to_string(), lang);
    let mut out = String::from("\u{feff}");
    let mut head = t.head;
    head.push(lang.pick("说明", "Note").to_string());
    out.push_str(&row(&head));
    for r in t.rows {
        out.push_str("\r\n");
        // A line's words said with its label ("Line 2: ID document OCR").
        let notes: Vec<String> = r
            .cells
            .iter()
            .enumerate()
            .filter(|(_, (_, sub))| !sub.is_empty())
            .map(|(k, (_, sub))| match k.checked_sub(BUDGET_LEADING_COLUMNS) {
                Some(j) => labelled(labels, j, sub.clone(), lang),
                None => sub.clone(),
            })
            .collect();
        let mut cells: Vec<String> = r.cells.into_iter().map(|(text, _)| text).collect();
        cells.push(notes.join(lang.pick("；", "; ")));
        out.push_str(&row(&cells));
    }
    out.push_str("\r\n");
    // What the amounts are: the rates they were converted at, and their side of the VAT where an
    // offer states it.
    let mut rates: Vec<String> = b
        .lines
        .iter()
        .flat_map(|c| c.vendors.iter())
        .filter(|v| v.currency != b.currency)
        .map(|v| format!("1 {} = {} {}", v.currency, v.rate, b.currency))
        .collect();
    rates.sort();
    rates.dedup();
    if !rates.is_empty() {
        out.push_str(&row(&[texts(lang).vendors_budget_rates.to_string(), rates.join(lang.pick("；", "; "))]));
        out.push_str("\r\n");
    }
    if let Some(said) = basis_words_of(b.lines.iter().flat_map(|c| c.vendors.iter()), b.vat_basis, lang) {
        out.push_str(&row(&[texts(lang).vendors_budget_basis.to_string(), said]));
        out.push_str("\r\n");
    }
    if let Some(said) = budget_shared(b, labels, &example, |d| d.to_string(), lang) {
        out.push_str(&row(&[texts(lang).vendors_budget_shared_head.to_string(), said]));
        out.push_str("\r\n");
    }
    out.push_str(&caution_rows(notes.iter().cloned(), lang));
    // The months, under their own heading.
    if let Some((caption, head, rows)) = budget_months_table(b, &example, |d| d.to_string(), lang) {
        out.push_str("\r\n");
        out.push_str(&row(&[caption]));
        out.push_str("\r\n");
        out.push_str(&row(&head));
        out.push_str("\r\n");
        for r in rows {
            out.push_str(&row(&r));
            out.push_str("\r\n");
        }
    }
    out
}

/// Where some vendor has no total: what the lines every vendor prices come to at each, cheapest
/// first (`engine::budget::Shared`), in words under the table and in the CSV; `None` where every
/// vendor has a total or no line is priced by all.
pub fn budget_shared(
    b: &BudgetComparison,
    labels: &[String],
    example: impl Fn(&str) -> bool,
    amount: impl Fn(Decimal) -> String,
    lang: Lang,
) -> Option<String> {
    let shared = b.shared.as_ref()?;
    let lines: Vec<&str> = shared.lines.iter().filter_map(|&j| labels.get(j).map(String::as_str)).collect();
    let mut each: Vec<(Decimal, usize)> = shared.totals.iter().copied().zip(0..).collect();
    each.sort();
    let each: Vec<String> = each
        .into_iter()
        .filter_map(|(d, k)| {
            let name = &b.vendors.get(k)?.name;
            let name = if example(name) { as_example(name, lang) } else { name.clone() };
            Some(format!("{name} {}", amount(d)))
        })
        .collect();
    Some(fill(
        texts(lang).vendors_budget_shared,
        &[("lines", &lines.join(lang.pick("、", ", "))), ("each", &each.join(" · "))],
    ))
}

/// Each line of a budget whose offers are for different services, said as the comparison says it
/// ([`unlike_services`]) with the line's label: its ranks, and the best mix, hold only where one
/// service can take the other's place.
pub fn budget_cautions(b: &BudgetComparison, labels: &[String], lang: Lang) -> Vec<String> {
    b.lines
        .iter()
        .enumerate()
        .flat_map(|(k, c)| {
            // Offers without a listed price beside priced ones: the line's best and the best mix
            // are the cheapest priced offer, which an unlisted price could still beat.
            let unpriced: Vec<String> = c
                .vendors
                .iter()
                .filter(|v| v.quote.missing_price.is_some())
                .map(|v| if v.example.is_some() { as_example(&v.name, lang) } else { v.name.clone() })
                .collect();
            let priced = c.vendors.iter().any(|v| ranking_cost(v).is_some());
            let unpriced = (priced && !unpriced.is_empty()).then(|| {
                fill(texts(lang).vendors_budget_unpriced_mix, &[("names", &unpriced.join(lang.pick("、", ", ")))])
            });
            unlike_services(c, lang).into_iter().chain(unpriced).map(move |said| labelled(labels, k, said, lang))
        })
        .collect()
}

/// Words about line `k` of the budget, after its label ("Line 2: …"; as they are without one).
fn labelled(labels: &[String], k: usize, said: String, lang: Lang) -> String {
    match labels.get(k) {
        Some(label) => format!("{label}{}{said}", lang.pick("：", ": ")),
        None => said,
    }
}

/// Everything said under the budget's table, in order, for the page and the CSV: each line's
/// cautions ([`budget_cautions`]), its calls counted several to a document ([`budget_units`];
/// `units`, each line's), the comparison's vendors pricing no line ([`budget_absent`]), and the
/// example sheets that would price a line only its own vendor prices ([`budget_alone`]).
pub fn budget_notes(
    b: &BudgetComparison,
    labels: &[String],
    units: &[Option<(u64, String)>],
    offers: &[OfferDraft],
    lang: Lang,
) -> Vec<String> {
    let mut out = budget_cautions(b, labels, lang);
    out.extend(budget_units(b, units, labels, lang));
    out.extend(budget_absent(offers, b, lang));
    out.extend(budget_alone(b, offers, labels, lang));
    out
}

/// Lines only their own vendor prices (the comparison's other vendors have no service of their
/// work), where example sheets the comparison does not hold have one: named, to add.
pub fn budget_alone(b: &BudgetComparison, offers: &[OfferDraft], labels: &[String], lang: Lang) -> Vec<String> {
    b.lines
        .iter()
        .enumerate()
        .filter_map(|(j, c)| {
            let [own] = c.vendors.as_slice() else { return None };
            let field = builtin().service(&own.service_id).map(field_of)?;
            let mut sheets: Vec<String> = Vec::new();
            for (_, key, _) in LIKE.iter().filter(|(f, ..)| *f == field) {
                let source = Source::Example(key);
                let name = source.vendor(lang);
                if !offers.iter().any(|o| o.source.same_list(&source)) && !sheets.contains(&name) {
                    sheets.push(name);
                }
            }
            (!sheets.is_empty()).then(|| {
                let said = fill(
                    texts(lang).vendors_budget_alone,
                    &[("own", &own.name), ("sheets", &sheets.join(lang.pick("、", ", ")))],
                );
                labelled(labels, j, said, lang)
            })
        })
        .collect()
}

/// The comparison's vendors that price none of the budget's lines (no service of theirs does
/// the lines' work, or none chosen): said, since they have no row.
pub fn budget_absent(offers: &[OfferDraft], b: &BudgetComparison, lang: Lang) -> Option<String> {
    let mut names: Vec<String> = Vec::new();
    for o in offers.iter().filter(|o| !b.vendors.iter().any(|v| v.name == o.name)) {
        let shown = shown_name(&o.name, &o.source, lang);
        if !names.contains(&shown) {
            names.push(shown);
        }
    }
    (!names.is_empty())
        .then(|| fill(texts(lang).vendors_budget_absent, &[("names", &names.join(lang.pick("、", ", ")))]))
}

/// Lines counted in several calls to a document (`units`: each line's calls to one and the
/// document, from its own service: 2 to an ID card, front and back) and priced at other vendors'
/// services too: those price the same calls, each as one of theirs (a service that charges per
/// card or per check, an eKYC, is another kind of work, not ranked here). Said per line, so that
/// the figures are read as the calls counted.
pub fn budget_units(
    b: &BudgetComparison,
    units: &[Option<(u64, String)>],
    labels: &[String],
    lang: Lang,
) -> Vec<String> {
    b.lines
        .iter()
        .enumerate()
        .filter(|(_, c)| c.vendors.len() > 1)
        .filter_map(|(j, _)| {
            let (n, unit) = units.get(j)?.as_ref().filter(|(n, _)| *n > 1)?;
            let said = fill(texts(lang).vendors_budget_units, &[("n", &n.to_string()), ("unit", unit)]);
            Some(labelled(labels, j, said, lang))
        })
        .collect()
}

/// Cautions as CSV rows, each headed "Caution".
pub fn caution_rows(said: impl IntoIterator<Item = String>, lang: Lang) -> String {
    said.into_iter().map(|s| row(&[texts(lang).vendors_budget_caution.to_string(), s]) + "\r\n").collect()
}

/// [`budget_table`] with amounts written by `amount`.
fn budget_table_in(
    b: &BudgetComparison,
    labels: &[String],
    example: impl Fn(&str) -> bool,
    amount: impl Fn(Decimal) -> String,
    lang: Lang,
) -> BudgetTable {
    let t = texts(lang);
    let money = |d: Option<Decimal>| d.map_or_else(String::new, &amount);
    let why = |j: usize, i: usize| b.lines.get(j).and_then(|c| c.vendors.get(i)).and_then(|v| v.quote.missing_price);
    let name = |n: &str| if example(n) { as_example(n, lang) } else { n.to_string() };
    // With a range, each line's figure is its expected cost, and so is the total.
    let expected = b.lines.iter().any(|c| c.vendors.iter().any(|v| v.range.is_some()));
    let total_head = if expected { t.vendors_budget_total_expected } else { t.vendors_budget_total };
    let mut head = vec![
        t.vendors_rank.to_string(),
        t.vendors_budget_vendor.to_string(),
        fill(total_head, &[("cur", &b.currency)]),
        t.vendors_budget_above_mix.to_string(),
    ];
    head.extend(labels.iter().cloned());
    // "第 1 项 7,568.60 · 第 2 项 1,725.30", for a phone.
    let narrow = |figures: &[String]| {
        figures
            .iter()
            .enumerate()
            .map(|(j, f)| format!("{} {f}", fill(t.line, &[("n", &(j + 1).to_string())])))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let mut order: Vec<usize> = (0..b.vendors.len()).collect();
    order.sort_by_key(|&k| (b.vendors[k].rank.unwrap_or(usize::MAX), k));
    let mut rows: Vec<BudgetRow> = order
        .into_iter()
        .map(|k| {
            let v = &b.vendors[k];
            let lines: Vec<String> = v
                .offers
                .iter()
                .zip(&v.costs)
                .enumerate()
                .map(|(j, (offer, cost))| match (offer, cost) {
                    (None, _) => t.vendors_budget_no_offer.to_string(),
                    (Some(_), Some(c)) => money(Some(*c)),
                    (Some(i), None) => format::missing(why(j, *i), lang).to_string(),
                })
                .collect();
            // Without a total: which lines it lacks an offer or a price for.
            let lacking = |f: &dyn Fn(usize) -> bool, (one, many): (&str, &str)| {
                let lines: Vec<usize> = (0..v.offers.len()).filter(|&j| f(j)).map(|j| j + 1).collect();
                (!lines.is_empty()).then(|| {
                    let list = lines.iter().map(usize::to_string).collect::<Vec<_>>().join(lang.pick("、", ", "));
                    fill(if lines.len() == 1 { one } else { many }, &[("n", &list)])
                })
            };
            let missing_words = (t.vendors_budget_missing, t.vendors_budget_missing_many);
            let unpriced_words = (t.vendors_budget_unpriced, t.vendors_budget_unpriced_many);
            // A vendor with an offer for every line, some without a price: what has a price comes
            // to, and why the rest has none ("30,750.00 + 未列价格").
            let unpriced = (0..v.offers.len()).find(|&j| v.waits_for_price(j)).and_then(|j| Some((j, v.offers[j]?)));
            let total = match (v.total, v.offers.iter().all(Option::is_some), unpriced) {
                (Some(x), ..) => (money(Some(x)), String::new()),
                (None, true, Some((j, i))) => {
                    let priced = v.costs.iter().flatten().try_fold(Decimal::ZERO, |a, c| a.checked_add(*c));
                    let text = format::waiting(&money(priced), why(j, i), lang);
                    (text, lacking(&|j| v.waits_for_price(j), unpriced_words).unwrap_or_default())
                }
                (None, ..) => {
                    let missing = lacking(&|j| v.offers[j].is_none(), missing_words);
                    let unpriced = lacking(&|j| v.waits_for_price(j), unpriced_words);
                    (
                        "—".to_string(),
                        missing.into_iter().chain(unpriced).collect::<Vec<_>>().join(lang.pick("；", "; ")),
                    )
                }
            };
            let mut cells = vec![
                (v.rank.map_or_else(|| "—".to_string(), |r| r.to_string()), String::new()),
                (name(&v.name), String::new()),
                total,
                (money(v.above_mix), String::new()),
            ];
            // And, on a phone, how far above the best mix (its column is dropped there).
            let above = v
                .above_mix
                .filter(|a| !a.is_zero())
                .map(|a| format!(" · {} {}", t.vendors_budget_above_mix, money(Some(a))));
            let narrow = format!("{}{}", narrow(&lines), above.unwrap_or_default());
            // Under each figure, the service it is for (the vendor's of the line's work), and the
            // vendor's terms it was priced with: its discount, the negotiated price where one
            // priced some of it, its VAT.
            let services = v.offers.iter().enumerate().map(|(j, i)| {
                i.and_then(|i| b.lines.get(j)?.vendors.get(i)).map_or_else(String::new, |r| {
                    let price = r.negotiated().filter(|_| r.quote.negotiated);
                    match terms(r.discount, price, r.vat, &r.currency, lang) {
                        Some(terms) => format!("{} · {terms}", r.service_name),
                        None => r.service_name.clone(),
                    }
                })
            });
            cells.extend(lines.into_iter().zip(services));
            BudgetRow { class: if v.rank == Some(1) { "best" } else { "" }, cells, narrow }
        })
        .collect();
    if let Some(mix) = &b.best_mix {
        let lines: Vec<(String, String)> = mix
            .offers
            .iter()
            .zip(&mix.costs)
            .enumerate()
            .map(|(j, (&i, cost))| {
                let v = b.lines.get(j).and_then(|c| c.vendors.get(i));
                (money(Some(*cost)), v.map_or_else(String::new, |v| format!("{} · {}", name(&v.name), v.service_name)))
            })
            .collect();
        let figures: Vec<String> =
            lines.iter().map(|(c, n)| format!("{c}{}{n}{}", lang.pick("（", " ("), lang.pick("）", ")"))).collect();
        let mut cells = vec![
            (String::new(), String::new()),
            (t.vendors_budget_mix.to_string(), String::new()),
            (money(Some(mix.total)), String::new()),
            (String::new(), String::new()),
        ];
        let narrow = narrow(&figures);
        cells.extend(lines);
        rows.push(BudgetRow { class: "mix", cells, narrow });
    }
    BudgetTable { head, rows }
}

/// A name and the number the comparison gave it (`Baidu AI Cloud 3` → `Baidu AI Cloud`, `3`).
fn numbered(name: &str) -> (&str, Option<&str>) {
    match name.rsplit_once(' ') {
        Some((base, k)) if !base.is_empty() && k.parse::<usize>().is_ok() => (base, Some(k)),
        _ => (name, None),
    }
}

/// Reads a stored or shared comparison, as it was being edited: its rates as typed (a missing or
/// unreadable one stays for the visitor to fix), everything else checked.
pub fn read(text: &str) -> Result<VendorsDraft, EstimateError> {
    read_doc(serde_json::from_str(text).map_err(|e| EstimateError::Syntax { message: e.to_string() })?)
}

/// [`read`] of the text's JSON, read already.
fn read_doc(mut doc: Value) -> Result<VendorsDraft, EstimateError> {
    let typed: BTreeMap<String, String> = doc
        .as_object_mut()
        .and_then(|m| m.remove("rates"))
        .and_then(|r| r.as_object().cloned())
        .map(|r| r.into_iter().map(|(k, v)| (k, v.as_str().map_or_else(|| v.to_string(), str::to_string))).collect())
        .unwrap_or_default();
    let picks = match doc.as_object_mut().and_then(|m| m.remove(PICKS_KEY)) {
        Some(v) => read_picks(&v)?,
        None => Vec::new(),
    };
    let prices = match doc.as_object_mut().and_then(|m| m.remove(PRICES_KEY)) {
        Some(v) => read_prices(&v)?,
        None => Vec::new(),
    };
    let offers = Offers::read(&doc, builtin(), &mut ListCache::default(), false)?;
    let mut draft = VendorsDraft::of(&offers);
    draft.rates = typed;
    draft.picks = picks;
    draft.prices = prices;
    draft.suggest_rates();
    Ok(draft)
}

/// A list a stored or shared comparison keeps under `key` for the budget, each entry an object
/// of `keys` (`what` says one) read by `entry`; a problem names its field.
fn read_entries<T>(
    v: &Value,
    key: &'static str,
    what: &str,
    keys: &[&str],
    entry: impl Fn(&Map<String, Value>, &crate::engine::path::Path) -> Result<T, crate::engine::json::FieldError>,
) -> Result<Vec<T>, EstimateError> {
    use crate::engine::json;
    let field = |e: json::FieldError| EstimateError::Field { path: e.path, wrong: e.wrong };
    let at = crate::engine::path::Path::root().key(key);
    json::array(v, &at)
        .map_err(field)?
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let here = at.at(i);
            let m = json::object(p, &here, what, keys).map_err(field)?;
            entry(m, &here).map_err(field)
        })
        .collect()
}

/// A text an entry of [`read_entries`] must have under `key`.
fn entry_text(
    m: &Map<String, Value>,
    here: &crate::engine::path::Path,
    key: &'static str,
) -> Result<String, crate::engine::json::FieldError> {
    use crate::engine::json;
    json::required(m, here, key).and_then(|x| json::string(x, &here.key(key))).map(str::to_string)
}

/// The budget's choices of a stored or shared comparison: a list of
/// `{"line": <service>, "vendor": <name>, "service": <service> | null}`; a problem names its field.
fn read_picks(v: &Value) -> Result<Vec<BudgetPick>, EstimateError> {
    let what = "a choice like {\"line\":\"…\",\"vendor\":\"…\",\"service\":\"…\"}";
    read_entries(v, PICKS_KEY, what, &["line", "vendor", "service"], |m, here| {
        let service = crate::engine::json::optional(m, "service")
            .map(|x| crate::engine::json::string(x, &here.key("service")))
            .transpose()?;
        Ok(BudgetPick {
            line_service: entry_text(m, here, "line")?,
            vendor: entry_text(m, here, "vendor")?,
            service: service.map(str::to_string),
        })
    })
}

/// The budget's negotiated prices of a stored or shared comparison: a list of
/// `{"line": <service>, "vendor": <name>, "service": <service>, "price": "0.6"}`; a problem names
/// its field.
fn read_prices(v: &Value) -> Result<Vec<BudgetPrice>, EstimateError> {
    let what = "a price like {\"line\":\"…\",\"vendor\":\"…\",\"service\":\"…\",\"price\":\"0.6\"}";
    read_entries(v, PRICES_KEY, what, &["line", "vendor", "service", "price"], |m, here| {
        let price = crate::engine::json::required(m, here, "price")
            .and_then(|x| crate::engine::json::price(x, &here.key("price")))?;
        Ok(BudgetPrice {
            line_service: entry_text(m, here, "line")?,
            vendor: entry_text(m, here, "vendor")?,
            service: entry_text(m, here, "service")?,
            price,
        })
    })
}

/// A vendor's name for an example sheet, in `lang`: its list's name without "Example: ".
fn vendor_of(list: &Catalog, lang: Lang) -> String {
    let name = list.name.get(lang);
    name.strip_prefix("Example: ").or_else(|| name.strip_prefix("示例：")).unwrap_or(name).to_string()
}

/// An offer's name as shown, an example sheet's marked as an example.
pub fn shown_name(name: &str, source: &Source, lang: Lang) -> String {
    if source.is_example() { as_example(name, lang) } else { name.to_string() }
}

/// A name marked as an example sheet's.
fn as_example(name: &str, lang: Lang) -> String {
    format!("{name}{}", lang.pick("（示例）", " (example)"))
}

/// The comparison a fragment carries (`#o=…`), if it carries one.
pub fn decode(fragment: &str) -> Result<Option<VendorsDraft>, ShareError> {
    let Some(doc) = document(fragment)? else { return Ok(None) };
    read_doc(doc).map(Some).map_err(|e| match e {
        EstimateError::Syntax { .. } => ShareError::Garbled,
        other => ShareError::Invalid(other),
    })
}

/// The JSON a fragment's comparison (`o=…`) carries, not yet read as a comparison: `Ok(None)`
/// where it holds none; an error where it is not base64url text of JSON (cut short, damaged:
/// [`ShareError::Garbled`]).
pub fn document(fragment: &str) -> Result<Option<Value>, ShareError> {
    let Some(payload) = payload(fragment, PREFIX) else { return Ok(None) };
    let text = payload_text(payload)?;
    serde_json::from_str(&text).map(Some).map_err(|_| ShareError::Garbled)
}

/// A list's own name in `lang`, where it gives one (not blank, not the name a list without one
/// is given).
pub fn list_name(c: &CustomCatalog, lang: Lang) -> Option<String> {
    let name = c.own().name.get(lang).trim();
    (!name.is_empty() && c.own().name != crate::engine::catalog::unnamed()).then(|| name.to_string())
}

/// The lists an offer can take its prices from: the built-in one, each example sheet, and the
/// estimate's own list where it has one; with their names in `lang`.
pub fn sources(custom: Option<&CustomCatalog>, lang: Lang) -> Vec<(Source, String)> {
    let mut out = vec![(
        Source::Builtin,
        lang.pick("内置价目表（腾讯云价格文档）", "Built-in list (Tencent Cloud's documents)").to_string(),
    )];
    for e in EXAMPLES {
        if let Some(l) = e.catalog() {
            out.push((Source::Example(e.key), l.name.get(lang).to_string()));
        }
    }
    if let Some(c) = custom {
        // With the list's own name, where it gives one.
        let own = lang.pick("你的价目表", "Your price list");
        let label =
            list_name(c, lang).map_or_else(|| own.to_string(), |name| format!("{own}{}{name}", lang.pick("：", ": ")));
        out.push((Source::List(c.clone()), label));
    }
    out
}

/// Where the offers' prices come from, list by list (each once, in the offers' order): an
/// example sheet's or a list of the buyer's own name, then what its list says of all its prices
/// (an example sheet: not a quote, check before buying; only successful calls billed), each
/// source it cites with the day it was read, and what each service offered from it charges, in
/// words (a sheet typed from a quote can be checked against it, on paper too). The built-in
/// list, whose general readings are the page's own notes, says the readings of the services
/// offered from it (which accounts the documents' prices are for).
pub fn sheet_notes(offers: &[OfferDraft], lang: Lang) -> Vec<(String, Vec<String>)> {
    let mut seen: Vec<&Source> = Vec::new();
    let mut out = Vec::new();
    for o in offers {
        if seen.iter().any(|s| s.same_list(&o.source)) {
            continue;
        }
        seen.push(&o.source);
        let Some(list) = o.source.catalog() else { continue };
        // The services offered from this list, each once.
        let mut services: Vec<&str> = Vec::new();
        for other in offers.iter().filter(|x| x.source.same_list(&o.source)) {
            if !services.contains(&other.service.as_str()) {
                services.push(&other.service);
            }
        }
        let said = if matches!(o.source, Source::Builtin) {
            list.assumptions
                .iter()
                .filter(|n| n.applies_to.iter().any(|s| services.contains(&s.as_str())))
                .map(|n| n.text.get(lang).to_string())
                .collect()
        } else {
            let mut said = crate::engine::quote::global_assumptions(list, lang);
            let cited = lang.pick("来源：", "Source: ");
            said.extend(list.sources.values().map(|s| format!("{cited}{}", source_words(s, lang))));
            for s in services.iter().filter_map(|id| list.service_by_id(id)) {
                let prices = crate::engine::catalog::describe::prices(s, list, lang).join(lang.pick("；", "; "));
                said.push(format!("{}{}{prices}", s.name.get(lang), lang.pick("：", ": ")));
            }
            said
        };
        if !said.is_empty() {
            out.push((list.name.get(lang).to_string(), said));
        }
    }
    out
}

/// Where the estimate's lines hold calls bought before month 1 (`free_months` given), that the
/// comparison leaves them out: each vendor is compared buying for the volumes from nothing, and
/// calls held are packs of one vendor, which the estimate's own quote counts.
pub fn held_words<'a>(lines: impl Iterator<Item = &'a Line>, lang: Lang) -> Option<String> {
    let held: Vec<String> = lines
        .enumerate()
        .filter(|(_, l)| l.holds_calls())
        .map(|(i, l)| match lang {
            Lang::Zh => format!("第 {} 行 {} 次", i + 1, group_u64(l.free_calls)),
            Lang::En => format!("line {}: {} calls", i + 1, group_u64(l.free_calls)),
        })
        .collect();
    if held.is_empty() {
        return None;
    }
    Some(match lang {
        Lang::Zh => format!(
            "已有资源包中的次数（{}）不计入这里的比较：各厂商都按同样的用量从零购买来比较；你的估算已计入这些次数。",
            held.join("、")
        ),
        Lang::En => format!(
            "Calls you already hold ({}) are left out of this comparison: every vendor is compared buying for the same volumes from nothing; your estimate counts them.",
            held.join("; ")
        ),
    })
}

/// The headlines of the readings the offers' figures rest on (a note's `headline`, for notes of
/// the whole list or of the service offered): each once, in the offers' order, for the ranking
/// to say where the reader sees it (which accounts the FaceID prices hold for).
pub fn headlines(offers: &[OfferDraft], lang: Lang) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for o in offers {
        let Some(list) = o.source.catalog() else { continue };
        for h in list.assumptions.iter().filter(|n| n.concerns(&o.service)).filter_map(|n| n.headline.as_ref()) {
            let h = h.get(lang).to_string();
            if !out.contains(&h) {
                out.push(h);
            }
        }
    }
    out
}

/// A source as a sheet cites it, its words about the page in `lang`: the example sheets write
/// `(no date shown), read 2026-12-02` after the page's address and title, which a page in
/// Chinese says in Chinese (the title, the page's own, stays as written).
pub fn source_words(source: &str, lang: Lang) -> String {
    if lang != Lang::Zh {
        return source.to_string();
    }
    // Only the sheet's own words at the end: `…, read 2026-12-02` and the bracket before it (a
    // title or a buyer's own text with the same words stays as written).
    let (head, read) = match source.rsplit_once(", read ") {
        Some((head, day)) if day.len() == 10 && day.bytes().all(|b| b.is_ascii_digit() || b == b'-') => {
            (head, Some(day))
        }
        _ => (source, None),
    };
    let said = |note: &str| match note {
        "no date shown" => Some("页面未注明日期"),
        "stored copy of the zh-CN page, no date shown" => Some("存档的 zh-CN 页面，未注明日期"),
        _ => None,
    };
    // (The space before the bracket stays: the page links the address up to a space.)
    let head = match head.strip_suffix(')').and_then(|h| h.rsplit_once(" (")) {
        Some((title, note)) => said(note).map_or_else(|| head.to_string(), |z| format!("{title} （{z}）")),
        None => head.to_string(),
    };
    match read {
        Some(day) => format!("{head}，查阅于 {day}"),
        None => head,
    }
}

/// A note of [`sheet_notes`] split at its first web address (`https://…` or `http://…`, up to a
/// space), for the page to link it: the text before, the address, and the text after. Other
/// schemes stay text.
pub fn split_link(note: &str) -> (&str, Option<&str>, &str) {
    let start = ["https://", "http://"].iter().filter_map(|p| note.find(p)).min();
    let Some(start) = start else { return (note, None, "") };
    // An address ends at a space, or at punctuation no address has (`，` `）` `」` …, `)` `>` `"`).
    let ends = |c: char| c.is_whitespace() || "，。；、：）」》】)>\"'<".contains(c);
    let end = note[start..].find(ends).map_or(note.len(), |k| start + k);
    (&note[..start], Some(&note[start..end]), &note[end..])
}

/// [`sheet_notes`] as the last rows of a CSV: the list's name, then each thing said of it.
pub fn sheet_notes_csv(notes: &[(String, Vec<String>)]) -> String {
    notes.iter().flat_map(|(name, said)| said.iter().map(move |s| row(&[name.clone(), s.clone()]) + "\r\n")).collect()
}

/// An offer's terms in words: the buyer's discount and negotiated price
/// ([`super::format::offer_terms`]) and the VAT its prices include or leave out.
pub fn terms(
    discount: Option<Discount>,
    negotiated: Option<Negotiated>,
    vat: Option<Vat>,
    currency: &str,
    lang: Lang,
) -> Option<String> {
    let vat = vat.map(|v| super::format::vat_words(v, lang));
    let parts: Vec<String> =
        super::format::offer_terms(discount, negotiated, currency, lang).into_iter().chain(vat).collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// An offer's terms as its folded fields sum them up: [`terms`], always saying its VAT, stated or
/// not ("协商单价 2.6 元/次 · 未说明增值税"), or that it has none of them.
pub fn terms_said(
    discount: Option<Discount>,
    negotiated: Option<Negotiated>,
    vat: Option<Vat>,
    currency: &str,
    lang: Lang,
) -> String {
    let t = texts(lang);
    match terms(discount, negotiated, vat, currency, lang) {
        Some(said) if vat.is_none() => format!("{said} · {}", t.vendors_vat_not_stated),
        Some(said) => said,
        None => t.vendors_terms_none.to_string(),
    }
}

/// What the converted amounts are, where an offer states its VAT: with it or before it; and
/// that offers whose VAT is not stated are taken at their prices as printed.
pub fn basis_words(c: &Comparison, lang: Lang) -> Option<String> {
    basis_words_of(&c.vendors, c.vat_basis, lang)
}

/// [`basis_words`] of any offers compared on `basis` (a budget's, across its lines).
fn basis_words_of<'a>(
    vendors: impl IntoIterator<Item = &'a crate::engine::offers::VendorResult> + Clone,
    basis: VatBasis,
    lang: Lang,
) -> Option<String> {
    let all = vendors.clone().into_iter().count();
    let stated = vendors.into_iter().filter(|v| v.vat.is_some()).count();
    if stated == 0 {
        return None;
    }
    let mut out = match (basis, lang) {
        (VatBasis::Paid, Lang::Zh) => "按含增值税的金额（实际支付）比较".to_string(),
        (VatBasis::Paid, Lang::En) => "Compared with VAT (what is paid)".to_string(),
        (VatBasis::Net, Lang::Zh) => "按不含增值税的金额（进项税可抵扣）比较".to_string(),
        (VatBasis::Net, Lang::En) => "Compared before VAT (input VAT reclaimed)".to_string(),
    };
    if stated < all {
        out.push_str(lang.pick(
            "；未说明增值税的报价按所列价格计。",
            "; offers whose VAT is not stated are taken at their prices as listed.",
        ));
    } else {
        out.push_str(lang.pick("。", "."));
    }
    Some(out)
}

/// An offer's plan in words ([`super::format::plan_words`]), its commitments named as its list names them,
/// its purchases dated where the comparison's months are (`first_month`).
pub fn plan_words(
    v: &crate::engine::offers::VendorResult,
    first_month: Option<Month>,
    source: &Source,
    lang: Lang,
) -> String {
    let service = source.catalog().and_then(|c| c.service(&v.service_id));
    let line = Line {
        packs: v.plan.packs.clone(),
        commitments: v.plan.commitments.clone(),
        first_month,
        ..Line::new(v.service_id.clone(), vec![0; v.quote.months.len()])
    };
    super::format::plan_words(&line, service, lang)
}

/// The comparison as CSV: a row per offer, best first (rank, name, service, its currency and
/// total, the rate, converted, the range and expected cost, per call, the plan, the saving against
/// the next offer, the buyer's terms it was priced with), then the crossovers.
///
/// Ranks a comparison's offers as the page shows them: offers of another kind of work than the
/// first's (`other_work`, [`VendorsDraft::other_work`]) get no rank and save nothing, and the
/// rest are ranked among themselves by the engine's rule ([`rank_among`]), so that an OCR sheet
/// beside liveness checks is neither "1" nor the next dearer that a saving is measured against.
pub fn rank_same_work(c: &mut Comparison, other_work: &[bool]) {
    if other_work.iter().any(|o| *o) {
        rank_among(&mut c.vendors, |i| !other_work.get(i).copied().unwrap_or(false));
    }
}

/// `other_work` marks the offers of another kind of work than the first's
/// ([`VendorsDraft::other_work`]): as on the page, they save nothing, and say why.
pub fn csv(c: &Comparison, plans: &[String], other_work: &[bool], lang: Lang) -> String {
    let head: &[&str] = match lang {
        Lang::Zh => &[
            "排名",
            "供应商",
            "服务",
            "币种",
            "合计",
            "汇率",
            "折合",
            "低",
            "中",
            "高",
            "期望费用",
            "折合每次",
            "方案",
            "比下一家省",
            "条款",
        ],
        Lang::En => &[
            "Rank",
            "Offer",
            "Service",
            "Currency",
            "Total",
            "Rate",
            "Converted",
            "Low",
            "Likely",
            "High",
            "Expected",
            "Per call",
            "Plan",
            "Saving vs next",
            "Terms",
        ],
    };
    let money =
        |d: Option<Decimal>| d.map_or_else(|| lang.pick("联系商务", "contact sales").to_string(), |d| d.to_string());
    let mut out = String::from("\u{feff}");
    out.push_str(&row(&head.iter().map(|s| s.to_string()).collect::<Vec<_>>()));
    out.push_str("\r\n");
    // Best first, as the page ranks them (offers without a rank, priced by sales, last).
    let mut order: Vec<usize> = (0..c.vendors.len()).collect();
    order.sort_by_key(|&i| (c.vendors[i].rank.is_none(), c.vendors[i].rank, i));
    for (i, v) in order.into_iter().map(|i| (i, &c.vendors[i])) {
        let r = v.converted_range;
        let other = other_work.get(i).copied().unwrap_or(false);
        let terms = terms(v.discount, v.negotiated(), v.vat, &v.currency, lang).unwrap_or_default();
        let terms = if other {
            [terms, texts(lang).vendors_other_work.to_string()].join(" ").trim().to_string()
        } else {
            terms
        };
        out.push_str(&row(&[
            v.rank.map_or_else(String::new, |r| r.to_string()),
            v.name.clone(),
            v.service_name.clone(),
            v.currency.clone(),
            money(v.total),
            v.rate.to_string(),
            money(v.converted),
            r.map_or_else(String::new, |r| money(r.low)),
            r.map_or_else(String::new, |r| money(r.likely)),
            r.map_or_else(String::new, |r| money(r.high)),
            v.converted_expected.map_or_else(String::new, |d| d.to_string()),
            v.price_per_call.map_or_else(String::new, |d| d.to_string()),
            plans.get(i).cloned().unwrap_or_default(),
            v.saving_vs_next.filter(|_| !other).map_or_else(String::new, |d| d.to_string()),
            terms,
        ]));
        out.push_str("\r\n");
    }
    for x in &c.crossovers {
        let name = |k: usize| c.vendors.get(k).map_or_else(String::new, |v| v.name.clone());
        out.push_str(&row(&[
            lang.pick("交叉点", "Crossover").to_string(),
            format!("{} {}", lang.pick("每月调用量", "calls a month"), x.calls),
            format!("{} < {}", name(x.cheaper), name(x.dearer)),
            c.currency.clone(),
            x.cheaper_cost.to_string(),
            String::new(),
            x.dearer_cost.to_string(),
        ]));
        out.push_str("\r\n");
    }
    if let Some(basis) = basis_words(c, lang) {
        out.push_str(&row(&[basis]));
        out.push_str("\r\n");
    }
    if let Some(said) = unlike_services(c, lang) {
        out.push_str(&row(&[texts(lang).vendors_budget_caution.to_string(), said]));
        out.push_str("\r\n");
    }
    out
}

/// Where the comparison's first offer (`v`, named `name`) prices line `n` of the estimate (whose
/// quote is `q`; [`VendorsDraft::prices_line`]) and comes to less than the line (`v.total`, at the offer's own prices, against
/// the line's, in one currency): the line is priced at the buyer's own plan, the offer at its
/// cheapest, and the page says so, so that the two figures are not read as a contradiction.
pub fn own_plan_words(
    v: &crate::engine::offers::VendorResult,
    name: &str,
    n: usize,
    q: &crate::engine::LineQuote,
    lang: Lang,
) -> Option<String> {
    let (cheapest, yours) = (v.total?, q.total?);
    if cheapest >= yours {
        return None;
    }
    let money = |d| format::money(Some(d), &v.currency, lang);
    Some(fill(
        texts(lang).vendors_own_plan,
        &[("n", &n.to_string()), ("yours", &money(yours)), ("name", name), ("cheapest", &money(cheapest))],
    ))
}

/// Where the offers are for services of different names (a liveness check against an
/// authority database, a face compared with a photo), what the page says under the ranking: a
/// lower price is a saving only where one service can take the other's place.
pub fn unlike_services(c: &Comparison, lang: Lang) -> Option<String> {
    let mut names: Vec<&str> = Vec::new();
    for v in &c.vendors {
        if !names.contains(&v.service_name.as_str()) {
            names.push(&v.service_name);
        }
    }
    (names.len() > 1).then(|| match lang {
        Lang::Zh => format!("各报价的服务不同（{}）：请先确认能互相替代，价差才是节省。", names.join("、")),
        Lang::En => format!(
            "The offers are for different services ({}): a difference in price is a saving only where one can take the other's place.",
            names.join(", ")
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::offers::compare;

    #[test]
    fn calls_held_are_said_to_be_left_out_of_the_comparison() {
        let mut held = Line::new("活体人脸核身", vec![25_000]);
        (held.free_calls, held.free_months) = (30_000, Some(3));
        let mut free = Line::new("活体人脸核身", vec![25_000]);
        free.free_calls = 500;
        assert_eq!(held_words([&free].into_iter(), Lang::En), None);
        assert_eq!(
            held_words([&free, &held].into_iter(), Lang::En).as_deref(),
            Some(
                "Calls you already hold (line 2: 30,000 calls) are left out of this comparison: every vendor is compared buying for the same volumes from nothing; your estimate counts them."
            )
        );
        assert!(
            held_words([&held].into_iter(), Lang::Zh).unwrap().starts_with("已有资源包中的次数（第 1 行 30,000 次）")
        );
    }

    #[test]
    fn the_rankings_offers_say_the_headlines_their_prices_rest_on() {
        let e = crate::app::edit::default_estimate();
        let d = VendorsDraft::for_estimate(&e, Lang::En);
        let said = headlines(&d.offers, Lang::En);
        assert_eq!(
            said,
            [
                "Tencent Cloud FaceID prices are the tables of price document 001: they may hold only for accounts opened before 2021-06-22; check your account's prices."
            ]
        );
        // An example sheet's offer alone: its list has no headline.
        assert!(headlines(&d.offers[1..], Lang::En).is_empty());
    }

    #[test]
    fn a_vendors_sheet_in_another_currency_joins_the_comparison_without_the_estimate() {
        use crate::engine::estimate::ListMode;
        let sheet = r#"{"format":2,"currency":"USD","name":{"zh":"乙厂","en":"Vendor B"},"services":[{"id":"vb","name":"B check","group":"custom","postpaid":{"tiers":[{"price":"0.02"}]}}]}"#;
        let list = crate::app::custom::load(sheet, ListMode::Replace, Lang::En).unwrap();
        let e = crate::app::edit::default_estimate();
        let mut d = VendorsDraft::for_estimate(&e, Lang::En);
        let before = d.offers.len();
        assert!(d.add_sheet(list, Lang::En));
        let added = d.offers.last().unwrap();
        assert_eq!((d.offers.len(), added.name.as_str(), added.service.as_str()), (before + 1, "Vendor B", "vb"));
        // 15,000 calls at USD 0.02 = USD 300.00; the estimate's own line is the first offer still.
        d.suggest_rates();
        d.rates.insert("USD".into(), "7.10".into());
        let c = compare(builtin(), &d.offers(&mut ListCache::default()).unwrap(), Lang::En).unwrap();
        let b = c.vendors.iter().find(|o| o.name == "Vendor B").unwrap();
        assert_eq!(b.total.map(|t| t.to_string()).as_deref(), Some("300.00"));
    }

    /// An offer moved to the estimate's own list (which extends the built-in one) takes a
    /// service of that list, not the built-in service it had: that was Tencent's offer again,
    /// tied with itself under the list's name.
    #[test]
    fn an_offer_moved_to_ones_own_list_takes_its_own_service() {
        let (custom, id) = crate::app::custom::add_service(
            &crate::app::custom::ServiceDraft {
                name: "丙公司 实人核验".into(),
                tiers: vec![crate::app::custom::TierDraft { price: "0.6".into(), ..Default::default() }],
                ..Default::default()
            },
            &None,
            Lang::Zh,
        )
        .unwrap();
        let mut e = crate::app::edit::default_estimate();
        e.price_list = Some(custom.clone());
        let mut d = VendorsDraft::for_estimate(&e, Lang::Zh);
        assert!(d.add());
        let i = d.offers.len() - 1;
        d.set_source(i, Source::List(custom), Lang::Zh);
        assert_eq!(d.offers[i].service, id);
        // 15,000 × 0.6.
        let c = compare(builtin(), &d.offers(&mut ListCache::default()).unwrap(), Lang::Zh).unwrap();
        let name = d.offers[i].name.clone();
        let total = c.vendors.iter().find(|o| o.name == name).and_then(|o| o.total).map(|t| t.to_string());
        assert_eq!(total.as_deref(), Some("9000.00"));
    }

    #[test]
    fn a_vendors_quote_typed_again_corrects_its_offer() {
        use crate::app::custom::{ServiceDraft, TierDraft, sheet};
        let typed = |price: &str| {
            let d = ServiceDraft {
                name: "Liveness check".into(),
                tiers: vec![TierDraft { price: price.into(), ..TierDraft::default() }],
                ..ServiceDraft::default()
            };
            sheet(&d, "Vendor C", "CNY", Lang::En).unwrap()
        };
        let total = |d: &VendorsDraft, name: &str| {
            let c = compare(builtin(), &d.offers(&mut ListCache::default()).unwrap(), Lang::En).unwrap();
            c.vendors.iter().find(|o| o.name == name).and_then(|o| o.total).map(|t| t.to_string())
        };
        let e = crate::app::edit::default_estimate();
        let mut d = VendorsDraft::for_estimate(&e, Lang::En);
        let before = d.offers.len();
        assert_eq!(d.put_typed(typed("0.60"), Lang::En), Put::Added);
        // 15,000 × 0.60.
        assert_eq!(total(&d, "Vendor C").as_deref(), Some("9000.00"));
        // A price mistyped, typed again: the same offer, renamed and with a discount, takes it.
        let i = d.offers.len() - 1;
        d.offers[i].name = "C (paper)".into();
        d.offers[i].discount = Some(Discount { percent: Decimal::TEN, applies_to: DiscountScope::All });
        assert_eq!(d.put_typed(typed("0.55"), Lang::En), Put::Replaced("C (paper)".into()));
        assert_eq!(d.offers.len(), before + 1);
        // 15,000 × 0.55 = 8,250.00, less 10 %: 7,425.00.
        assert_eq!(total(&d, "C (paper)").as_deref(), Some("7425.00"));
        // A JSON sheet of that vendor is another offer; a typed one of another vendor is added.
        let json =
            r#"{"format":1,"name":"Vendor C","services":[{"id":"c","name":"C","postpaid":{"tiers":[{"price":"1"}]}}]}"#;
        assert!(d.add_sheet(crate::app::custom::load(json, ListMode::Replace, Lang::En).unwrap(), Lang::En));
        assert_eq!(d.typed_offers("Vendor C", "Liveness check"), [i]);
        assert_eq!(d.typed_offers("Vendor D", "Liveness check"), [0usize; 0]);
        // Another service of that vendor typed: another offer, under the vendor's name as the
        // buyer has it (one vendor in a budget), its first untouched.
        let ocr = ServiceDraft {
            name: "ID card OCR".into(),
            tiers: vec![TierDraft { price: "0.1".into(), ..TierDraft::default() }],
            ..ServiceDraft::default()
        };
        assert_eq!(d.put_typed(sheet(&ocr, "Vendor C", "CNY", Lang::En).unwrap(), Lang::En), Put::Added);
        assert_eq!(d.offers.last().unwrap().name, "C (paper)");
        assert_eq!(d.typed_offers("Vendor C", "Liveness check"), [i], "the liveness offer untouched");
        // A copy of a typed offer is corrected with it.
        assert!(d.add());
        let ocr = ServiceDraft { tiers: vec![TierDraft { price: "0.2".into(), ..TierDraft::default() }], ..ocr };
        assert_eq!(
            d.put_typed(sheet(&ocr, "Vendor C", "CNY", Lang::En).unwrap(), Lang::En),
            Put::Replaced("C (paper)".into())
        );
        let copies = d.typed_offers("Vendor C", "ID card OCR");
        assert_eq!(copies.len(), 2);
        let price = |k: usize| match &d.offers[k].source.catalog().unwrap().services[0].postpaid {
            crate::engine::catalog::Postpaid::Tiers(t) => t.tiers[0].price,
            _ => None,
        };
        assert!(copies.iter().all(|&k| price(k) == Some(Decimal::new(2, 1))), "both at 0.2");
    }

    #[test]
    fn a_list_of_ones_own_is_offered_by_its_name() {
        let with = |name: &str| {
            let json = format!(
                r#"{{"lines":[{{"service":"vx","calls":[5]}}],"price_list":{{"mode":"replace","list":{{"format":2,"currency":"USD",{name}"services":[{{"id":"vx","name":{{"zh":"X 核验","en":"X check"}},"group":"custom","postpaid":{{"tiers":[{{"price":"0.02"}}]}}}}]}}}}}}"#
            );
            let e = crate::engine::Estimate::from_json(&json).unwrap();
            let last = |lang| sources(e.price_list.as_ref(), lang).pop().unwrap().1;
            (last(Lang::Zh), last(Lang::En))
        };
        assert_eq!(
            with(r#""name":{"zh":"乙厂 OCR","en":"Vendor B OCR"},"#),
            ("你的价目表：乙厂 OCR".to_string(), "Your price list: Vendor B OCR".to_string())
        );
        assert_eq!(with(""), ("你的价目表".to_string(), "Your price list".to_string()), "no name given");
    }

    #[test]
    fn a_profile_follows_the_line_it_was_taken_from_and_no_other() {
        let w = Weights::default();
        let of = |k: u32, l: &Line, w| (k, Profile::of(l, w), l.service.clone());
        let a = Line::new("活体人脸核身", vec![15_000, 20_000]);
        let b = Line::new("活体人脸核身", vec![40_000]);
        let profile = Profile::of(&a, w);
        let before = [of(1, &a, w), of(2, &b, w)];
        // Line 1's calls edited: the comparison takes it again.
        let a2 = Line::new("活体人脸核身", vec![15_000, 25_000]);
        let after = [of(1, &a2, w), of(2, &b, w)];
        assert_eq!(profile.followed(&before, &after), Some(1));
        // Its service changed, its volumes not: the comparison takes that too.
        let ocr = Line::new("身份证识别 OCR", vec![15_000, 20_000]);
        assert_eq!(profile.followed(&before, &[of(1, &ocr, w), of(2, &b, w)]), Some(1));
        // Another line edited, or line 1 as it was: nothing to follow.
        let b2 = Line::new("活体人脸核身", vec![45_000]);
        assert_eq!(profile.followed(&before, &[of(1, &a, w), of(2, &b2, w)]), None);
        // New case weights change every line's profile: the range's plan follows them too.
        let mut ranged = a.clone();
        ranged.calls_low = Some(vec![10_000, 12_000]);
        ranged.calls_high = Some(vec![20_000, 30_000]);
        let heavy = Weights { low: Decimal::new(1, 1), likely: Decimal::new(3, 1), high: Decimal::new(6, 1) };
        let p = Profile::of(&ranged, w);
        assert_eq!(p.followed(&[of(1, &ranged, w)], &[of(1, &ranged, heavy)]), Some(1));
        // Line 1 removed: the copy stays (the panel says no line has it).
        assert_eq!(profile.followed(&before, &[of(2, &b, w)]), None);
        // A link's volumes, no line's before the edit: they stay.
        let link = Profile::of(&Line::new("活体人脸核身", vec![7_777]), w);
        assert_eq!(link.followed(&before, &after), None);
        // Two lines with the same volumes: the edited one is left, the other still has them.
        let twins = [of(1, &a, w), of(2, &a, w)];
        assert_eq!(profile.followed(&twins, &[of(1, &a2, w), of(2, &a, w)]), None);
        // A comparison stored before lines had dates is a dated line's, and follows it.
        let mut dated = a.clone();
        dated.first_month = crate::engine::usage::Month::new(2027, 1);
        assert!(profile.matches(&Profile::of(&dated, w)));
        assert!(!Profile::of(&dated, w).matches(&profile), "a dated copy is not an undated line's");
        let moved = Line { calls: vec![1, 2], ..dated.clone() };
        assert_eq!(profile.followed(&[of(1, &dated, w)], &[of(1, &moved, w)]), Some(1));
        // Dates given to the line it was taken from: followed, dates and all.
        assert_eq!(profile.followed(&[of(1, &a, w)], &[of(1, &dated, w)]), Some(1));
    }

    #[test]
    fn a_profile_is_a_copy_that_knows_when_no_line_has_it() {
        let mut e = crate::engine::Estimate::new(vec![Line::new("活体人脸核身", vec![15_000])]);
        let lines = |e: &crate::engine::Estimate| {
            e.lines.iter().enumerate().map(|(i, l)| (i, Profile::of(l, e.weights()))).collect::<Vec<_>>()
        };
        let p = Profile::of(&e.lines[0], e.weights());
        assert!(p.is_one_of(&lines(&e)));
        e.lines[0].calls = vec![150_000];
        assert!(!p.is_one_of(&lines(&e)), "the line was edited since");
        e.lines.push(Line::new("照片人脸核身", vec![15_000]));
        assert!(p.is_one_of(&lines(&e)), "another line has those volumes");
    }

    /// Liveness checks (15,000 and 12,000) and ID card OCR (4,000 and 4,500): the budget tests'
    /// estimate, and the comparison the page starts for its line 1 with its example offer moved
    /// to Alibaba's international sheet (its FACE_VERIFY), which reads ID cards too.
    fn liveness_and_id_cards() -> (Estimate, VendorsDraft) {
        let e = Estimate::new(vec![
            Line::new("活体人脸核身", vec![15_000, 12_000]),
            Line::new("ocr_id_card", vec![4_000, 4_500]),
        ]);
        let mut d = VendorsDraft::for_estimate(&e, Lang::En);
        d.set_source(1, Source::Example("alibaba-cloud-intl-ekyc"), Lang::En);
        assert_eq!(d.offers[1].service, "face_verify");
        (e, d)
    }

    /// An offer named `name` on example sheet `key`'s service `service`, without terms.
    fn sheet_offer(name: &str, key: &'static str, service: &str) -> OfferDraft {
        OfferDraft {
            name: name.into(),
            source: Source::Example(key),
            service: service.into(),
            discount: None,
            negotiated_price: None,
            negotiated_all_calls: false,
            vat: None,
        }
    }

    /// `d`'s budget over `e`'s lines, read and compared as the page compares it.
    fn budget_of(d: &VendorsDraft, e: &Estimate) -> BudgetComparison {
        use crate::engine::budget::{Budget, compare_budget};
        let doc = d.budget_doc(&d.budget_lines(e, Lang::En), e.weights());
        let budget = Budget::from_value(&doc, builtin(), &mut ListCache::default()).unwrap();
        compare_budget(builtin(), &budget, Lang::En).unwrap()
    }

    #[test]
    fn a_budget_takes_each_line_to_the_vendors_of_its_kind_of_work() {
        use crate::engine::budget::{Budget, compare_budget};
        // Liveness checks and ID card OCR, two months each; the comparison made for line 1.
        let e = Estimate::new(vec![
            Line::new("活体人脸核身", vec![15_000, 12_000]),
            Line::new("ocr_id_card", vec![4_000, 4_500]),
        ]);
        let mut d = VendorsDraft::for_estimate(&e, Lang::En);
        d.set_source(1, Source::Example("alibaba-cloud-intl-ekyc"), Lang::En);
        d.offers[0].name = "Tencent".into();
        d.rates.insert("USD".into(), "7.10".into());
        let lines = d.budget_lines(&e, Lang::En);
        // Line 2: the first offer is the line's own ID card reader (its name kept: the same
        // list), Alibaba's sheet moves to its ID document OCR.
        assert_eq!(
            lines[1].offers.iter().map(|o| (o.name.as_str(), o.service.as_str())).collect::<Vec<_>>(),
            [("Tencent", "ocr_id_card"), ("Alibaba Cloud international eKYC (USD)", "id_ocr")]
        );
        let doc = d.budget_doc(&lines, e.weights());
        let budget = Budget::from_value(&doc, builtin(), &mut ListCache::default()).unwrap();
        let b = compare_budget(builtin(), &budget, Lang::En).unwrap();
        // Tencent: 15,000 × 0.75 + 12,000 × 0.75 = 20,250, and ID cards without a price in the
        // documents: no total. Alibaba: 27,000 × USD 0.026 = 702 → 4,984.20 and 8,500 × 0.018 =
        // 153 → 1,086.30: 6,070.50, which is also the best mix.
        assert_eq!(b.vendors[0].costs, [Some("20250.00".parse().unwrap()), None]);
        assert_eq!(b.vendors[0].total, None);
        assert_eq!(b.vendors[1].total.unwrap().to_string(), "6070.50");
        assert_eq!(b.best_mix.as_ref().unwrap().total.to_string(), "6070.50");
        assert_eq!(b.vendors[1].above_mix.unwrap().to_string(), "0.00");
        // The page's table: the cheapest vendor first; Tencent has no total, for line 2 has no
        // price in the documents; then the best mix, each line's vendor under its figure.
        let labels = ["Line 1".to_string(), "Line 2".to_string()];
        let table = budget_table(&b, &labels, |n| n.starts_with("Alibaba"), Lang::En);
        let texts = |r: &BudgetRow| r.cells.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>().join(" | ");
        assert_eq!(table.head.join(" | "), "Rank | Vendor | Total (CNY) | Above the best mix | Line 1 | Line 2");
        assert_eq!(
            texts(&table.rows[0]),
            "1 | Alibaba Cloud international eKYC (USD) (example) | 6,070.50 | 0.00 | 4,984.20 | 1,086.30"
        );
        assert_eq!(table.rows[0].narrow, "Line 1 4,984.20 · Line 2 1,086.30");
        assert_eq!(
            texts(&table.rows[1]),
            "— | Tencent | 20,250.00 + Price not listed |  | 20,250.00 | Price not listed"
        );
        assert_eq!(table.rows[1].cells[2].1, "line 2 has no price");
        assert_eq!(
            texts(&table.rows[2]),
            " | Best mix (the cheapest vendor for each line) | 6,070.50 |  | 4,984.20 | 1,086.30"
        );
        // Under each figure the service it is for: the vendor's of the line's work.
        assert_eq!(table.rows[0].cells[4].1, "Face verification (FACE_VERIFY)");
        assert_eq!(table.rows[1].cells[5].1, "ID card OCR");
        assert_eq!(
            table.rows[2].cells[5].1,
            "Alibaba Cloud international eKYC (USD) (example) · ID document OCR (ID_OCR)"
        );
        assert_eq!(table.rows[2].class, "mix");
        // The CSV: plain amounts, the notes in a last column.
        let csv =
            budget_csv(&b, &labels, |n| n.starts_with("Alibaba"), &budget_cautions(&b, &labels, Lang::En), Lang::En);
        let rows: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(rows[0], "Rank,Vendor,Total (CNY),Above the best mix,Line 1,Line 2,Note");
        assert_eq!(
            rows[1],
            "1,Alibaba Cloud international eKYC (USD) (example),6070.50,0.00,4984.20,1086.30,Line 1: Face verification (FACE_VERIFY); Line 2: ID document OCR (ID_OCR)"
        );
        assert_eq!(
            rows[2],
            "—,Tencent,20250.00 + Price not listed,,20250.00,Price not listed,line 2 has no price; Line 1: Liveness face verification; Line 2: ID card OCR"
        );
        assert_eq!(rows[4], "Rates,1 USD = 7.1 CNY");
        // Tencent has no total (line 2 has no price there): line 1, which both price, is said
        // apart, cheapest first, and ends the CSV too.
        let shared = b.shared.as_ref().unwrap();
        assert_eq!(
            (shared.lines.clone(), shared.totals.clone()),
            (vec![0], vec!["20250.00".parse().unwrap(), "4984.20".parse().unwrap()])
        );
        assert_eq!(
            budget_shared(&b, &labels, |n| n.starts_with("Alibaba"), |d| d.to_string(), Lang::En).unwrap(),
            "On the lines every vendor prices (Line 1) alone: Alibaba Cloud international eKYC (USD) (example) 4984.20 · Tencent 20250.00"
        );
        assert!(
            csv.contains("\r\nLines every vendor prices,On the lines every vendor prices (Line 1) alone: "),
            "{csv}"
        );
        // Both lines' offers are for services of other names: each is said, in the page's note
        // under the table and the CSV's last rows (a ranking holds where one can take the other's
        // place).
        let unlike = budget_cautions(&b, &labels, Lang::En);
        assert_eq!(unlike.len(), 3);
        // And Tencent lists no price for ID cards: the best mix there is the cheapest priced.
        assert_eq!(
            unlike[2],
            "Line 2: No price listed here at Tencent: this line's cheapest offer and the best mix count only the \
             priced offers; ask for a quote and type it as a negotiated price"
        );
        assert_eq!(
            unlike[0],
            "Line 1: The offers are for different services (Liveness face verification, Face verification \
             (FACE_VERIFY)): a difference in price is a saving only where one can take the other's place."
        );
        assert!(rows[6].starts_with("Caution,\"Line 1: The offers are for different services"), "{}", rows[6]);
        assert!(rows[7].starts_with("Caution,\"Line 2: "), "{}", rows[7]);
        // A rate still to type is asked for by the budget too.
        assert_eq!(VendorsDraft::budget_foreign(&lines), ["USD"]);
        // Line 2's calls are ID card sides, 2 to a card: the other vendors price them call by call.
        let units = [None, Some((2, "ID card (front and back, 1 call each)".to_string()))];
        assert_eq!(
            budget_units(&b, &units, &labels, Lang::En),
            ["Line 2: its calls count 2 per ID card (front and back, 1 call each); every vendor here prices by \
              the call, so each figure is for these calls as counted"]
        );
        d.rates.clear();
        let doc = d.budget_doc(&lines, e.weights());
        let err = Budget::from_value(&doc, builtin(), &mut ListCache::default()).unwrap_err();
        assert_eq!(err.path().to_string(), "rates.USD");
    }

    /// Review findings: a second line of the same group (bank cards after ID information) is
    /// priced as its own service, not the first line's; and a sheet of the buyer's own, whose
    /// work the comparison does not know, is not taken to do another line's work.
    #[test]
    fn each_line_of_a_budget_prices_its_own_service_and_no_unknown_work() {
        use crate::engine::estimate::ListMode;
        let e = Estimate::new(vec![
            Line::new("id_info_verification", vec![10_000]),
            Line::new("bank_card_verification", vec![5_000]),
        ]);
        let d = VendorsDraft::for_estimate(&e, Lang::En);
        let lines = d.budget_lines(&e, Lang::En);
        // The comparison's own line is the comparison, less the example sheet's offer it starts
        // with, whose work (printed text) is another.
        assert_eq!((lines[0].profile.clone(), lines[0].offers.clone()), (d.profile.clone(), vec![d.offers[0].clone()]));
        assert_eq!(lines[1].offers[0].service, "bank_card_verification");
        assert_eq!(lines[1].offers[0].name, d.offers[0].name);
        // A sheet of one's own beside the comparison of liveness checks, and an ID card line.
        let e = Estimate::new(vec![Line::new("活体人脸核身", vec![15_000]), Line::new("ocr_id_card", vec![4_000])]);
        let mut d = VendorsDraft::for_estimate(&e, Lang::En);
        let sheet = r#"{"format":2,"currency":"CNY","name":{"zh":"乙厂","en":"Mine"},"services":[{"id":"mine","name":"Mine","group":"custom","postpaid":{"tiers":[{"price":"1"}]}}]}"#;
        assert!(d.add_sheet(crate::app::custom::load(sheet, ListMode::Replace, Lang::En).unwrap(), Lang::En));
        let lines = d.budget_lines(&e, Lang::En);
        assert!(lines[0].offers.iter().any(|o| o.name == "Mine"), "compared where the comparison put it");
        assert!(!lines[1].offers.iter().any(|o| o.name == "Mine"), "not taken to read ID cards");
        // Two lines of the same volumes and work: the second prices its own service; the
        // vendor's VAT and discount typed at the comparison's offer go with it.
        let twins = Estimate::new(vec![
            Line::new("活体人脸核身", vec![15_000, 12_000]),
            Line::new("活体人脸比对", vec![15_000, 12_000]),
        ]);
        let mut t = VendorsDraft::for_estimate(&twins, Lang::En);
        t.offers[0].vat = Some(Vat { percent: Decimal::from(6), included: false });
        t.offers[0].discount = Some(Discount { percent: Decimal::from(10), applies_to: DiscountScope::default() });
        let lines = t.budget_lines(&twins, Lang::En);
        assert_eq!(lines[0].offers[0].service, "liveness_verification");
        assert_eq!(lines[1].offers[0].service, "liveness_compare");
        assert_eq!((lines[1].offers[0].vat, lines[1].offers[0].discount), (t.offers[0].vat, t.offers[0].discount));
        // An offer of another kind of work on the comparison's own line is not in its budget
        // there; on the ID card line, its sheet offers its ID card reader.
        let before = d.budget_lines(&e, Lang::En)[0].offers.len();
        d.offers.push(sheet_offer("Tencent intl", "tencentcloud-intl-ocr", "general_print"));
        let lines = d.budget_lines(&e, Lang::En);
        assert_eq!(lines[0].offers.len(), before);
        let intl = lines[1].offers.iter().find(|o| o.name == "Tencent intl").unwrap();
        assert_eq!(intl.service, "mainland_id_card");
    }

    /// The buyer chooses which of a vendor's services prices a line of the budget, or that it
    /// makes no offer there; the choice is kept with the comparison, follows the vendor's name
    /// and reads back.
    #[test]
    fn a_budget_prices_a_line_at_the_service_the_buyer_chose() {
        let (e, mut d) = liveness_and_id_cards();
        d.rates.insert("USD".into(), "7.10".into());
        // Baidu's sheet too: OCR of printed text, no pairing for ID cards.
        d.offers.push(sheet_offer("Baidu AI Cloud", "baidu-ai-cloud-ocr", "iocr_general"));
        let ali = d.offers[1].name.clone();
        let total = |d: &VendorsDraft| {
            let b = budget_of(d, &e);
            b.vendors.iter().map(|v| (v.name.clone(), v.costs.clone(), v.total)).collect::<Vec<_>>()
        };
        // Line 2 (line 1 is the comparison's own): Alibaba's ID document OCR, and Baidu none.
        let choices = d.budget_choices(&e, Lang::En);
        assert_eq!(choices.len(), 1);
        assert_eq!((choices[0].line_service.as_str(), choices[0].lines.clone()), ("ocr_id_card", vec![1]));
        let seen: Vec<_> =
            choices[0].vendors.iter().map(|v| (v.vendor.as_str(), v.current.as_deref(), v.picked)).collect();
        assert_eq!(seen, [(ali.as_str(), Some("id_ocr"), false), ("Baidu AI Cloud", None, false)]);
        assert_eq!(choices[0].vendors[1].services.len(), 2, "Baidu's two services to choose from");
        let before = total(&d);
        // Alibaba: 8,500 × USD 0.018 = 153 → 1,086.30.
        assert_eq!(before[1].1[1], Some("1086.30".parse().unwrap()));
        assert_eq!(before.len(), 2, "Baidu prices neither line: no row");
        // Alibaba's eKYC (ID and liveness) instead: 8,500 × USD 0.14 = 1,190 → 8,449.00; with
        // line 1's 27,000 × 0.026 = 702 → 4,984.20, 13,433.20 in all. Baidu's iOCR for ID
        // cards: (4,000 + 4,500 − a new account's 500 free calls) × 0.05 = 400.00 (a
        // 10,000-call pack is 480).
        d.set_pick("ocr_id_card", &ali, Some("ekyc".into()));
        d.set_pick("ocr_id_card", "Baidu AI Cloud", Some("iocr_general".into()));
        let after = total(&d);
        assert_eq!(after[1].1[1], Some("8449.00".parse().unwrap()));
        assert_eq!(after[1].2, Some("13433.20".parse().unwrap()));
        assert_eq!(after[2].0, "Baidu AI Cloud");
        assert_eq!(after[2].1, [None, Some("400.00".parse().unwrap())]);
        let choices = d.budget_choices(&e, Lang::En);
        assert_eq!(choices[0].vendors[0].current.as_deref(), Some("ekyc"));
        assert!(choices[0].vendors[0].picked);
        // No offer from Alibaba for ID cards: it has no total.
        d.set_pick("ocr_id_card", &ali, None);
        assert_eq!(total(&d)[1].1[1], None);
        assert_eq!(total(&d)[1].2, None);
        // Kept with the comparison and read back (a link, storage); a switch of language renames
        // the vendor and its choices with it.
        let back = read(&d.to_json()).unwrap();
        assert_eq!(back.picks, d.picks);
        let mut zh = back.clone();
        assert!(zh.name_in(Lang::Zh));
        assert!(zh.picks.iter().all(|p| zh.offers.iter().any(|o| o.name == p.vendor)), "{:?}", zh.picks);
        assert_eq!(zh.budget_choices(&e, Lang::Zh)[0].vendors[0].current, None);
        // Baidu priced no line before its iOCR was chosen: said, as it has no row.
        let b = budget_of(&d, &e);
        assert_eq!(budget_absent(&d.offers, &b, Lang::En), None);
        let mut without = d.clone();
        without.set_pick("ocr_id_card", "Baidu AI Cloud", None);
        let b = budget_of(&without, &e);
        assert_eq!(
            budget_absent(&without.offers, &b, Lang::En).unwrap(),
            "No row for Baidu AI Cloud (example): none of these lines is priced there (no service does their \
             work, or none is chosen); a service can be chosen below"
        );
        assert!(caution_rows(budget_absent(&without.offers, &b, Lang::En), Lang::En).starts_with("Caution,"));
        // A vendor removed takes its choices with it; a comparison without choices reads as
        // before, with no key for them.
        d.remove(2);
        assert!(!d.to_json().contains("Baidu"));
        assert!(d.clear_picks());
        assert!(!d.to_json().contains("budget_services"));
        // A broken choice in a link says where.
        let mut doc: Value = serde_json::from_str(&d.to_json()).unwrap();
        doc["budget_services"] = json!([{"line": "ocr_id_card", "vendor": 3}]);
        let err = read(&doc.to_string()).unwrap_err();
        assert_eq!(err.path().to_string(), "budget_services[0].vendor");
        doc["budget_services"] = json!({"line": "x"});
        assert_eq!(read(&doc.to_string()).unwrap_err().path().to_string(), "budget_services");
    }

    /// Where a vendor's service leaves a line's volume to sales (Tencent's international sheet
    /// prices a month of a million ID card calls or more on request), the price sales gave is
    /// typed for that vendor, service and lines: it prices them there, is said under the figure,
    /// waits unused where another service prices the lines, and is kept with the comparison.
    #[test]
    fn a_negotiated_price_fills_a_vendors_unpriced_line() {
        let e = Estimate::new(vec![
            Line::new("活体人脸核身", vec![15_000, 12_000]),
            Line::new("ocr_id_card", vec![1_200_000, 4_500]),
        ]);
        let mut d = VendorsDraft::for_estimate(&e, Lang::En);
        d.rates.insert("USD".into(), "7.10".into());
        d.offers.push(sheet_offer("Tencent intl", "tencentcloud-intl-ocr", "general_print"));
        let at_intl = |d: &VendorsDraft| {
            let b = budget_of(d, &e);
            let v = b.vendors.iter().find(|v| v.name == "Tencent intl").unwrap();
            (v.offers[1].is_some(), v.costs[1], budget_table(&b, &["1".into(), "2".into()], |_| false, Lang::En))
        };
        let (offered, cost, _) = at_intl(&d);
        assert!(offered);
        assert_eq!(cost, None, "1,199,000 calls past the free 1,000 reach the tier priced by sales");
        d.set_budget_price("ocr_id_card", "Tencent intl", "mainland_id_card", Some("0.10".parse().unwrap()));
        // (1,200,000 − 1,000 free) × USD 0.10 + (4,500 − 1,000) × USD 0.2 = 119,900 + 700 =
        // USD 120,600 → 856,260.00.
        let (_, cost, table) = at_intl(&d);
        assert_eq!(cost, Some("856260.00".parse().unwrap()));
        let row = table.rows.iter().find(|r| r.cells[1].0 == "Tencent intl").unwrap();
        assert_eq!(row.cells[5].1, "Chinese Mainland ID card recognition · negotiated USD 0.1 per call");
        // Kept with the comparison and read back; a broken one says where.
        let back = read(&d.to_json()).unwrap();
        assert_eq!(back.prices, d.prices);
        let mut doc: Value = serde_json::from_str(&d.to_json()).unwrap();
        doc["budget_prices"][0]["price"] = json!(0.1);
        assert_eq!(read(&doc.to_string()).unwrap_err().path().to_string(), "budget_prices[0].price");
        // Another service chosen there: the price was the old one's, and waits unused (line 2
        // at the general print OCR, every tier listed: 1,199,000 × USD 0.0057 reached past
        // 1,000,000 = 6,834.30, and 3,500 × 0.021 = 73.50; USD 6,907.80 → 49,045.38); chosen
        // again, it prices the ID cards again.
        d.set_pick("ocr_id_card", "Tencent intl", Some("general_print".into()));
        assert_eq!(at_intl(&d).1, Some("49045.38".parse().unwrap()));
        d.set_pick("ocr_id_card", "Tencent intl", Some("mainland_id_card".into()));
        assert_eq!(at_intl(&d).1, Some("856260.00".parse().unwrap()));
        // The vendor renamed: its price follows; removed: it goes.
        d.set_budget_price("ocr_id_card", "Tencent intl", "general_print", Some("0.05".parse().unwrap()));
        let i = d.offers.iter().position(|o| o.name == "Tencent intl").unwrap();
        d.set_name(i, "TC intl".into());
        assert_eq!(d.budget_price("ocr_id_card", "TC intl", "general_print"), Some("0.05".parse().unwrap()));
        d.remove(i);
        assert!(d.prices.is_empty());
        assert!(!d.to_json().contains("budget_prices"));
        // An offer under a name the buyer typed, moved to another list: its choices and prices
        // were the old list's services, and go.
        let mut typed = VendorsDraft::for_estimate(&e, Lang::En);
        typed.offers.push(sheet_offer("Our OCR vendor", "tencentcloud-intl-ocr", "general_print"));
        typed.set_budget_price("ocr_id_card", "Our OCR vendor", "mainland_id_card", Some("0.1".parse().unwrap()));
        typed.set_pick("ocr_id_card", "Our OCR vendor", Some("mainland_id_card".into()));
        typed.set_source(2, Source::Example("baidu-ai-cloud-ocr"), Lang::En);
        assert_eq!(typed.offers[2].name, "Our OCR vendor");
        assert!(typed.prices.is_empty() && typed.picks.is_empty());
    }

    #[test]
    fn a_sheets_source_is_linked_at_its_address() {
        let note = "Source: https://ai.baidu.com/ai-doc/OCR/gk3h7xvar — iOCR 通用版, read 2026-12-02";
        assert_eq!(
            split_link(note),
            ("Source: ", Some("https://ai.baidu.com/ai-doc/OCR/gk3h7xvar"), " — iOCR 通用版, read 2026-12-02")
        );
        assert_eq!(split_link("来源：http://a.example"), ("来源：", Some("http://a.example"), ""));
        assert_eq!(split_link("Source: javascript:alert(1)"), ("Source: javascript:alert(1)", None, ""));
        assert_eq!(
            split_link("来源：https://x.example/a，读取于 2026-12-02"),
            ("来源：", Some("https://x.example/a"), "，读取于 2026-12-02")
        );
        // Every example sheet's sources name an address.
        let offers: Vec<OfferDraft> = EXAMPLES.iter().map(|e| sheet_offer(e.key, e.key, "")).collect();
        for (name, said) in sheet_notes(&offers, Lang::En) {
            assert!(said.iter().any(|s| split_link(s).1.is_some()), "{name}: {said:?}");
        }
    }

    /// A re-read's cases: two offers of one vendor name on two lists, a choice that only one of
    /// them has, settles the name (the other is not added by the pairing); a vendor named as the
    /// line's own is not offered a choice; a vendor removed, or moved to another list, takes its
    /// choices with it.
    #[test]
    fn a_choice_settles_a_vendor_of_several_offers() {
        let (e, mut d) = liveness_and_id_cards();
        let ali = d.offers[1].name.clone();
        // A second offer under that name on another sheet, which the pairing would price ID
        // cards at (its mainland ID card reader) but which has no eKYC.
        d.offers.push(sheet_offer(&ali, "tencentcloud-intl-ocr", "general_print"));
        d.set_pick("ocr_id_card", &ali, Some("ekyc".into()));
        let line2 = &d.budget_lines(&e, Lang::En)[1];
        let at_ali: Vec<(&str, &str)> = line2
            .offers
            .iter()
            .filter(|o| o.name == ali)
            .map(|o| (o.service.as_str(), if o.source.is_example() { "sheet" } else { "" }))
            .collect();
        assert_eq!(at_ali, [("ekyc", "sheet")], "one offer, the chosen service");
        let choices = d.budget_choices(&e, Lang::En);
        let tencent = d.offers[0].name.clone();
        assert!(!choices[0].vendors.iter().any(|v| v.vendor == tencent), "the line's own vendor");
        // Removed: its choices go (no offer keeps the name once both are removed).
        assert!(d.remove(2));
        assert_eq!(d.picks.len(), 1, "another offer keeps the name");
        d.set_source(1, Source::Example("baidu-ai-cloud-ocr"), Lang::En);
        assert!(d.picks.is_empty(), "moved to Baidu's list: the old vendor's choices go");
    }

    /// The line's own list left out of the comparison (Tencent's offer removed): the budget
    /// still prices the comparison's own line there, so Tencent's row is whole (15,000 × 0.75 +
    /// 12,000 × 0.75 = 20,250.00, and ID cards without a listed price), not "line 1 missing".
    #[test]
    fn the_lines_own_list_prices_every_line_of_the_budget() {
        let (e, mut d) = liveness_and_id_cards();
        d.rates.insert("USD".into(), "7.10".into());
        d.offers.push(sheet_offer("Baidu AI Cloud", "baidu-ai-cloud-ocr", "iocr_general"));
        let tencent = d.offers[0].name.clone();
        assert!(d.remove(0));
        let lines = d.budget_lines(&e, Lang::En);
        assert!(lines[0].offers.iter().any(|o| o.name == tencent && o.source == Source::Builtin));
        let b = budget_of(&d, &e);
        let row = b.vendors.iter().find(|v| v.name == tencent).unwrap();
        assert_eq!(row.costs[0], Some("20250.00".parse().unwrap()));
        assert!(row.offers.iter().all(Option::is_some), "an offer on every line");
    }

    #[test]
    fn an_offers_terms_always_say_its_vat() {
        let price = Some(rust_decimal::Decimal::new(26, 1).into());
        assert_eq!(terms_said(None, price, None, "CNY", Lang::Zh), "协商单价 2.6 元/次 · 未说明增值税");
        assert_eq!(terms_said(None, None, None, "CNY", Lang::Zh), "无折扣、无协商单价，未说明增值税");
        let vat = Some(Vat { percent: rust_decimal::Decimal::from(6), included: true });
        assert!(!terms_said(None, price, vat, "CNY", Lang::Zh).contains("未说明"));
    }

    /// The budget's CSV says the VAT basis across all its lines: line 1's offers state their
    /// VAT, line 2's do not, so the unstated ones are said to be taken as listed.
    #[test]
    fn a_budgets_vat_words_count_every_lines_offers() {
        use crate::engine::budget::{Budget, compare_budget};
        let vat = json!({"percent": "6", "included": false});
        let doc = json!({"lines": [
            {"calls": [15000], "vendors": [{"name": "A", "service": "活体人脸核身", "vat": vat},
                {"name": "B", "service": "照片人脸核身", "vat": vat}]},
            {"calls": [3000], "vendors": [{"name": "A", "service": "活体人脸核身"},
                {"name": "B", "service": "照片人脸核身"}]}]});
        let budget = Budget::from_value(&doc, builtin(), &mut ListCache::default()).unwrap();
        let b = compare_budget(builtin(), &budget, Lang::En).unwrap();
        let labels = ["Line 1".to_string(), "Line 2".to_string()];
        let csv = budget_csv(&b, &labels, |_| false, &budget_cautions(&b, &labels, Lang::En), Lang::En);
        assert!(
            csv.contains("Amounts,Compared with VAT (what is paid); offers whose VAT is not stated are taken at their prices as listed."),
            "{csv}"
        );
    }

    fn liveness() -> Line {
        Line::new("活体人脸核身", vec![15_000])
    }

    /// A first comparison for `line` with its example offer moved to Alibaba's international
    /// sheet (in USD: a rate to type; its FACE_VERIFY for faces).
    fn starting_intl(line: &Line, lang: Lang) -> VendorsDraft {
        let mut d = VendorsDraft::starting(line, Weights::default(), None, lang);
        d.set_source(1, Source::Example("alibaba-cloud-intl-ekyc"), lang);
        d
    }

    /// An example sheet's offer says where its prices come from: the sheet's own caution and
    /// its source with the day it was read (data/examples/alibaba-cloud-intl-ekyc.json), once
    /// however many offers take it; the built-in list's are the page's own notes.
    #[test]
    fn an_example_sheets_source_and_caution_go_with_the_comparison() {
        let mut d = starting_intl(&liveness(), Lang::En);
        let mut again = d.offers[1].clone();
        again.set_service("ekyc".into());
        d.offers.push(again);
        let notes = sheet_notes(&d.offers, Lang::En);
        // The built-in list first (its offer is first): which accounts its prices are for.
        assert_eq!(notes.len(), 2);
        assert!(notes[0].1.iter().any(|n| n.starts_with("Which accounts:")), "{:?}", notes[0].1);
        let notes = &notes[1..];
        assert_eq!(notes[0].0, "Example: Alibaba Cloud international eKYC (USD)");
        assert!(notes[0].1[0].starts_with("An example sheet, not a quote"), "{:?}", notes[0].1);
        assert!(notes[0].1[0].ends_with("Only successful calls are billed."), "{:?}", notes[0].1);
        assert_eq!(
            notes[0].1[1],
            "Source: https://www.alibabacloud.com/help/en/ekyc/latest/billing — eKYC Billing (no date shown), read 2026-12-02"
        );
        // Then each service offered from it, what it charges (USD 0.026 a call; eKYC's 0.14).
        assert_eq!(
            notes[0].1[2..],
            [
                "Face verification (FACE_VERIFY): postpaid: USD 0.026 per call".to_string(),
                "eKYC (ID + liveness): postpaid: USD 0.14 per call".to_string()
            ]
        );
        let csv = sheet_notes_csv(notes);
        assert!(csv.starts_with("Example: Alibaba Cloud international eKYC (USD),\"An example sheet"), "{csv}");
        assert_eq!(csv.matches("\r\n").count(), 4);
        let alone = sheet_notes(&d.offers[..1], Lang::Zh);
        assert_eq!(alone.len(), 1, "the built-in list alone: its readings of the offered service");
        assert!(alone[0].1.iter().any(|n| n.contains("2021-06-22")), "{:?}", alone[0].1);
        // In Chinese, the words about the page too (its title stays the page's own).
        assert_eq!(
            sheet_notes(&d.offers, Lang::Zh)[1].1[1],
            "来源：https://www.alibabacloud.com/help/en/ekyc/latest/billing — eKYC Billing （页面未注明日期），查阅于 2026-12-02"
        );
        assert_eq!(
            source_words(
                "https://cloud.google.com/vision/pricing (stored copy of the zh-CN page, no date shown), read 2026-12-02",
                Lang::Zh
            ),
            "https://cloud.google.com/vision/pricing （存档的 zh-CN 页面，未注明日期），查阅于 2026-12-02"
        );
        // A title with the same words stays as written.
        assert_eq!(
            source_words("x — Billing, read me first (no date shown)", Lang::Zh),
            "x — Billing, read me first （页面未注明日期）"
        );
    }

    #[test]
    fn a_first_comparison_pits_the_line_against_an_example_sheet() {
        let d = VendorsDraft::starting(&liveness(), Weights::default(), None, Lang::En);
        assert_eq!(d.offers.len(), 2);
        assert_eq!(
            (d.offers[0].source.clone(), d.offers[0].service.as_str()),
            (Source::Builtin, "liveness_verification")
        );
        // Alibaba's 金融级实人认证: a live face checked against the authority's photo, as
        // 活体人脸核身 does (not its international FACE_VERIFY, against a photo the caller gives).
        assert_eq!(
            (d.offers[1].source.clone(), d.offers[1].service.as_str()),
            (Source::Example("alibaba-cloud-cn"), "financial_verification")
        );
        assert_eq!(d.currency, "CNY");
        // Both in CNY: no rate to type before the first figures (15,000 × 1 = 15,000.00).
        assert!(d.foreign().is_empty());
        let c = compare(builtin(), &d.offers(&mut ListCache::default()).unwrap(), Lang::En).unwrap();
        assert_eq!(c.vendors[1].total.unwrap().to_string(), "15000.00");
        // In USD, an offer on the international sheet asks for its rate, and the engine names it.
        let d = starting_intl(&liveness(), Lang::En);
        assert_eq!(d.offers[1].service, "face_verify");
        assert_eq!(d.foreign(), ["USD"]);
        assert_eq!(d.rates.get("USD").map(String::as_str), Some(""));
        let e = d.offers(&mut ListCache::default()).unwrap_err();
        assert_eq!(e.path().to_string(), "rates.USD");
    }

    #[test]
    fn the_draft_travels_in_storage_and_links_and_reads_back_the_same() {
        let mut d = VendorsDraft::starting(&liveness(), Weights::default(), None, Lang::En);
        d.set_source(1, Source::Example("alibaba-cloud-intl-ekyc"), Lang::En);
        d.offers[1].service = "face_verify".into();
        d.rates.insert("USD".into(), "7.1".into());
        let offers = d.offers(&mut ListCache::default()).unwrap();
        let c = compare(builtin(), &offers, Lang::En).unwrap();
        assert_eq!(c.vendors[1].converted.unwrap().to_string(), "2769.00");
        // Not the same service: the ranking says so.
        assert_eq!(
            unlike_services(&c, Lang::Zh).as_deref(),
            Some(
                "各报价的服务不同（Liveness face verification、Face verification (FACE_VERIFY)）：请先确认能互相替代，价差才是节省。"
            )
        );
        assert_eq!(read(&d.to_json()).unwrap(), d);
        let link = d.encode();
        assert!(link.starts_with("o="));
        assert_eq!(decode(&format!("#{link}")).unwrap(), Some(d.clone()));
        assert_eq!(decode("#e=abc").unwrap(), None);
        assert!(matches!(decode("#o=%%%"), Err(ShareError::Garbled)));
        // The CSV: a row per offer, best first, and one per crossover.
        let csv = csv(&c, &["postpaid".into(), "postpaid".into()], &[], Lang::En);
        let rows: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert!(rows[0].contains("Rank,Offer,Service,Currency,Total,Rate,Converted"));
        assert!(
            rows[1].starts_with(
                "1,Alibaba Cloud international eKYC (USD),Face verification (FACE_VERIFY),USD,390.00,7.1,2769.00"
            ),
            "{}",
            rows[1]
        );
        assert!(rows[2].starts_with("2,Tencent Cloud,"), "{}", rows[2]);
    }

    /// A rate typed stays while its offer is away (moved to a list in the comparison's own
    /// currency and back), is not the document's meanwhile, and is asked for again where the
    /// comparison changes currency (it was in units of the old one).
    #[test]
    fn a_rate_typed_waits_for_its_currency_and_goes_with_the_comparisons() {
        let mut d = starting_intl(&liveness(), Lang::En);
        assert_eq!(d.foreign(), vec!["USD".to_string()]);
        d.rates.insert("USD".into(), "7.10".into());
        d.set_source(1, Source::Example("alibaba-cloud-cn"), Lang::En);
        assert!(d.foreign().is_empty());
        assert!(d.to_doc().get("rates").is_none(), "no offer in USD now");
        d.set_source(1, Source::Example("alibaba-cloud-intl-ekyc"), Lang::En);
        assert_eq!(d.rates.get("USD").map(String::as_str), Some("7.10"), "back, with its rate");
        assert_eq!(d.to_doc()["rates"]["USD"], json!("7.10"));
        // An unreadable rate kept for a currency in no offer holds nothing back.
        d.rates.insert("EUR".into(), "abc".into());
        assert!(d.offers(&mut ListCache::default()).is_ok());
        // In USD, the rate of CNY is asked for.
        d.set_currency("USD".into());
        assert_eq!(d.rates, BTreeMap::from([("CNY".to_string(), String::new())]));
    }

    /// Volumes taken from a line of another service bring that service: the first offer becomes
    /// the line's (its negotiated price with it), an example sheet's offer moves to the sheet's
    /// service of the same work (Alibaba's face verification to its ID OCR); another line of the
    /// same service changes the volumes only, keeping what was typed at the offers.
    #[test]
    fn volumes_from_a_line_of_another_service_bring_that_service() {
        use rust_decimal_macros::dec;
        let mut d = starting_intl(&liveness(), Lang::En);
        assert_eq!(
            (d.offers[0].service.as_str(), d.offers[1].service.as_str()),
            ("liveness_verification", "face_verify")
        );
        d.set_vat(0, Some(Vat { percent: dec!(6), included: true }));
        d.offers[1].name = "Ali".into();
        d.set_negotiated_price(1, Some(dec!(0.02)));
        // Another line of the same service: its volumes, the offers as typed.
        d.take_line(&Line::new("活体人脸核身", vec![20_000]), Weights::default(), None, None, Lang::En);
        assert_eq!(d.profile.calls, vec![20_000]);
        assert!(d.offers[0].vat.is_some());
        // ID card OCR, with a price negotiated there.
        let mut ocr = Line::new("身份证识别 OCR", vec![30_000]);
        ocr.negotiated_price = Some(dec!(0.1));
        d.take_line(&ocr, Weights::default(), None, None, Lang::En);
        assert_eq!(d.profile.calls, vec![30_000]);
        assert_eq!(
            (d.offers[0].service.as_str(), d.offers[0].negotiated_price, d.offers[0].vat),
            ("ocr_id_card", Some(dec!(0.1)), None)
        );
        assert_eq!(
            (d.offers[1].service.as_str(), d.offers[1].name.as_str(), d.offers[1].negotiated_price),
            ("id_ocr", "Ali", None),
            "the price agreed for face verification is not one for ID cards"
        );
        // A first offer moved to another vendor's face check stays when a liveness line is taken.
        let mut e = VendorsDraft::starting(&liveness(), Weights::default(), None, Lang::En);
        e.set_source(0, Source::Example("alibaba-cloud-cn"), Lang::En);
        let before = e.offers.clone();
        e.take_line(&Line::new("活体人脸核身", vec![30_000]), Weights::default(), None, None, Lang::En);
        assert_eq!(e.offers, before);
        // A first comparison for it is against an ID card service too.
        let first = VendorsDraft::starting(&ocr, Weights::default(), None, Lang::En);
        assert_eq!(first.offers[1].service, "mainland_id_card");
        // Priced: 30,000 × 0.1 = 3,000.00 at the documents' list with the negotiated price.
        d.rates.insert("USD".into(), "7.1".into());
        let c = compare(builtin(), &d.offers(&mut ListCache::default()).unwrap(), Lang::En).unwrap();
        assert_eq!(c.vendors[0].total.unwrap().to_string(), "3000.00");
    }

    /// Offers of another kind of work than the first offer's are told (text detection where
    /// faces are checked), and a list changed takes its service of the same work where it has one.
    #[test]
    fn an_offer_of_another_kind_of_work_is_told() {
        let mut d = starting_intl(&liveness(), Lang::En);
        assert_eq!(d.other_work(), [false, false], "Alibaba's face verification does the work");
        d.add();
        d.set_source(2, Source::Example("google-cloud-vision"), Lang::En);
        assert_eq!(d.offers[2].service, "text_detection", "Google has no face check: its first service");
        assert_eq!(d.other_work(), [false, false, true]);
        let mut ocr =
            VendorsDraft::starting(&Line::new("身份证识别 OCR", vec![30_000]), Weights::default(), None, Lang::En);
        ocr.set_source(1, Source::Example("alibaba-cloud-intl-ekyc"), Lang::En);
        assert_eq!(ocr.offers[1].service, "id_ocr", "the sheet's ID card reader");
        // A sheet's service no pairing names is of its own group: Baidu's VAT invoices are OCR.
        ocr.set_source(1, Source::Example("baidu-ai-cloud-ocr"), Lang::En);
        assert_eq!(ocr.other_work(), [false, true]);
        // Its CSV row, as the page: no saving, and why; the comparison's caution at the end.
        d.rates.insert("USD".into(), "7.10".into());
        let c =
            crate::engine::offers::compare(builtin(), &d.offers(&mut ListCache::default()).unwrap(), Lang::En).unwrap();
        let text = csv(&c, &[String::new(), String::new(), String::new()], &d.other_work(), Lang::En);
        let google = text.lines().find(|l| l.contains("Google")).unwrap();
        let cells: Vec<&str> = google.split(',').collect();
        assert!(google.contains("Another kind of service: it cannot take"), "{google}");
        assert_eq!(cells[13], "", "no saving: {google}");
        assert!(text.lines().last().unwrap().starts_with("Caution,\"The offers are for different services"), "{text}");
        // Ranked as the page shows it: Google's text detection is no rank, and Alibaba's 15,000 ×
        // USD 0.026 × 7.10 = 2,769.00 is first, saving 11,250.00 − 2,769.00 = 8,481.00 on Tencent.
        let mut c = c;
        rank_same_work(&mut c, &d.other_work());
        let seen: Vec<_> = c.vendors.iter().map(|v| (v.rank, v.saving_vs_next.map(|s| s.to_string()))).collect();
        assert_eq!(seen, [(Some(2), None), (Some(1), Some("8481.00".into())), (None, None)]);
    }

    /// An offer's service picked by hand takes the terms a line of the estimate has for it at the
    /// same list (the negotiated 0.1 of the ID card OCR line), not at another vendor's.
    #[test]
    fn a_service_picked_at_an_offer_takes_the_lines_terms_there() {
        use rust_decimal_macros::dec;
        let mut ocr = Line::new("身份证识别 OCR", vec![30_000]);
        ocr.negotiated_price = Some(dec!(0.1));
        let e = crate::engine::Estimate::new(vec![liveness(), ocr]);
        let mut d = VendorsDraft::for_estimate(&e, Lang::En);
        d.pick_service(0, "ocr_id_card".into(), &e);
        assert_eq!((d.offers[0].service.as_str(), d.offers[0].negotiated_price), ("ocr_id_card", Some(dec!(0.1))));
        d.pick_service(0, "liveness_verification".into(), &e);
        assert_eq!(d.offers[0].negotiated_price, None, "the liveness line has none");
        // At another vendor's list the line's price is not the offer's.
        d.set_source(1, Source::Example("tencentcloud-intl-ocr"), Lang::En);
        d.pick_service(1, "mainland_id_card".into(), &e);
        assert_eq!(d.offers[1].negotiated_price, None);
    }

    /// A line's dates come with its volumes and say when each offer buys: 300,000 calls in months
    /// 3 and 4 from 2027-11 are one 50万 pack in month 3, 2028-01 (`tests/offers.rs` works the
    /// 408,000); in a link and storage too. A forecast's months are its dates.
    #[test]
    fn a_dated_line_dates_the_comparison_and_every_offers_plan() {
        use crate::engine::usage::Month;
        let mut line = Line::new("活体人脸核身", vec![0, 0, 300_000, 300_000]);
        line.first_month = Month::new(2027, 11);
        let d = VendorsDraft::starting(&line, Weights::default(), None, Lang::En);
        assert_eq!(d.profile.first_month, Month::new(2027, 11));
        assert_eq!(d.to_doc()["first_month"], json!("2027-11"));
        assert_eq!(read(&d.to_json()).unwrap(), d);
        assert!(d.profile.is_one_of(&[(0, Profile::of(&line, Weights::default()))]));
        let c = compare(builtin(), &d.offers(&mut ListCache::default()).unwrap(), Lang::En).unwrap();
        let words = |lang| plan_words(&c.vendors[0], c.first_month, &d.offers[0].source, lang);
        assert_eq!(words(Lang::En), "1 × 500,000 in month 3 (2028-01)");
        assert_eq!(words(Lang::Zh), "第 3 月买 1 × 50万次（2028-01）");
        // Undated, the same plan without the date.
        let mut undated = VendorsDraft::starting(
            &Line::new("活体人脸核身", vec![0, 0, 300_000, 300_000]),
            Weights::default(),
            None,
            Lang::En,
        );
        undated.rates.insert("USD".into(), "7.1".into());
        assert!(undated.to_doc().get("first_month").is_none());
        let c = compare(builtin(), &undated.offers(&mut ListCache::default()).unwrap(), Lang::En).unwrap();
        assert_eq!(
            plan_words(&c.vendors[0], c.first_month, &undated.offers[0].source, Lang::En),
            "1 × 500,000 in month 3"
        );
        // A forecast's months are its own.
        let mut forecast = Line::new("活体人脸核身", vec![1_000, 1_000]);
        forecast.forecast = Some(crate::engine::estimate::ForecastNote {
            growth: Decimal::ZERO,
            fitted_growth: None,
            months: Month::new(2027, 6).unwrap().run(2),
            history: [Month::new(2026, 6).unwrap(), Month::new(2027, 5).unwrap()],
            own_range: false,
            same_months: false,
        });
        assert_eq!(Profile::of(&forecast, Weights::default()).first_month, Month::new(2027, 6));
    }

    #[test]
    fn an_offer_is_priced_with_the_terms_it_shows_and_exports() {
        use rust_decimal_macros::dec;
        // The estimate's 10 % discount reaches its line's offer, which the row then shows.
        let mut e = crate::engine::Estimate::new(vec![liveness()]);
        e.discount = Some(Discount { percent: dec!(10), applies_to: DiscountScope::All });
        let mut d = VendorsDraft::for_estimate(&e, Lang::En);
        assert_eq!(d.offers[0].discount, e.discount);
        d.offers[1] = OfferDraft {
            name: "B".into(),
            source: Source::Builtin,
            service: "photo_verification".into(),
            ..d.offers[0].clone()
        };
        d.set_discount(1, None);
        d.suggest_rates();
        let c = compare(builtin(), &d.offers(&mut ListCache::default()).unwrap(), Lang::En).unwrap();
        // 15,000 × 0.75 = 11,250 postpaid, 10 % off: 10,125.
        assert_eq!(c.vendors[0].total.unwrap().to_string(), "10125.00");
        assert_eq!(c.vendors[0].discount, e.discount);
        assert_eq!(c.vendors[1].total.unwrap().to_string(), "11250.00");
        let csv = csv(&c, &[String::new(), String::new()], &[], Lang::En);
        let rows: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert!(rows[0].ends_with(",Saving vs next,Terms"), "{}", rows[0]);
        assert!(rows[1].ends_with(",1125.00,10% off"), "saves 11,250 − 10,125: {}", rows[1]);
        assert!(rows[2].ends_with(",0.75,,,"), "no plan, saving or terms given: {}", rows[2]);
        // What it applies to: packs only leaves the postpaid plan at list price.
        d.set_discount_scope(0, DiscountScope::Packs);
        let c = compare(builtin(), &d.offers(&mut ListCache::default()).unwrap(), Lang::En).unwrap();
        assert_eq!(c.vendors[0].total.unwrap().to_string(), "11250.00");

        // 250,000 calls of 照片人脸核身 reach the tier priced by sales: a negotiated price of 0.6
        // prices them all (250,000 × 0.6), and without one the offer has no total.
        d.profile.calls = vec![250_000];
        d.set_discount(0, None);
        d.offers[0].service = "photo_verification".into();
        d.set_negotiated_price(0, Some(dec!(0.6)));
        let c = compare(builtin(), &d.offers(&mut ListCache::default()).unwrap(), Lang::En).unwrap();
        assert_eq!(c.vendors[0].total.unwrap().to_string(), "150000.00");
        assert_eq!(c.vendors[0].negotiated_price, Some(dec!(0.6)));
        assert_eq!((c.vendors[0].rank, c.vendors[1].total, c.vendors[1].rank), (Some(1), None, None));
        assert_eq!(read(&d.to_json()).unwrap(), d, "the terms travel in storage and links");
        // A contract price for every call: 250,000 × 0.5 = 125,000.00, below the listed tiers
        // too (at 15,000 calls, 15,000 × 0.5 = 7,500.00 in place of 15,000 × 0.75).
        d.set_negotiated_price(0, Some(dec!(0.5)));
        d.set_negotiated_all_calls(0, true);
        let priced = |d: &VendorsDraft| {
            compare(builtin(), &d.offers(&mut ListCache::default()).unwrap(), Lang::En).unwrap().vendors[0]
                .total
                .unwrap()
        };
        assert_eq!(priced(&d), dec!(125000.00));
        d.profile.calls = vec![15_000];
        assert_eq!(priced(&d), dec!(7500.00));
        assert_eq!(read(&d.to_json()).unwrap(), d, "the box travels too");
        assert!(d.to_json().contains(r#""negotiated_all_calls":true"#));
        d.set_negotiated_price(0, None);
        assert_eq!((d.offers[0].negotiated_price, d.offers[0].negotiated_all_calls), (None, false));
    }

    #[test]
    fn a_built_in_service_is_tencent_clouds_even_when_the_estimate_adds_services() {
        let list = json!({"format": 1, "services": [{"id": "mine", "name": "My service",
            "postpaid": {"tiers": [{"price": "0.5"}]}}]});
        let custom = CustomCatalog::read(ListMode::Extend, list).unwrap();
        let d = VendorsDraft::starting(&liveness(), Weights::default(), Some(&custom), Lang::En);
        assert_eq!((d.offers[0].source.clone(), d.offers[0].name.as_str()), (Source::Builtin, "Tencent Cloud"));
        let d = VendorsDraft::starting(&Line::new("mine", vec![100]), Weights::default(), Some(&custom), Lang::En);
        assert!(matches!(d.offers[0].source, Source::List(_)), "its own service: the list's");
    }

    #[test]
    fn an_offer_moved_to_another_list_takes_its_vendors_name_unless_it_was_named() {
        let mut d = VendorsDraft::starting(&liveness(), Weights::default(), None, Lang::En);
        assert_eq!(d.offers[1].name, "Alibaba Cloud identity verification and vision (CNY)");
        d.set_source(1, Source::Builtin, Lang::En);
        // Offer 1 is Tencent Cloud already: this one is numbered.
        assert_eq!(
            (d.offers[1].name.as_str(), d.offers[1].service.as_str()),
            ("Tencent Cloud 2", "liveness_verification")
        );
        // An added offer (the last one's list, numbered) moved to another list takes that list's
        // vendor's name, not the copied one.
        d.set_source(1, Source::Example("alibaba-cloud-intl-ekyc"), Lang::En);
        d.add();
        assert_eq!(d.offers[2].name, "Alibaba Cloud international eKYC (USD) 3");
        d.set_source(2, Source::Example("alibaba-cloud-cn"), Lang::En);
        assert_eq!(d.offers[2].name, Source::Example("alibaba-cloud-cn").vendor(Lang::En));
        d.offers[1].name = "Our reseller".into();
        d.set_source(1, Source::Builtin, Lang::En);
        assert_eq!(d.offers[1].name, "Our reseller", "a typed name stays");
        d.set_source(1, Source::Example("google-cloud-vision"), Lang::Zh);
        assert_eq!(d.offers[1].name, "Our reseller", "a typed name stays, an example's too");
        d.offers[1].name = Source::Example("google-cloud-vision").vendor(Lang::En);
        d.set_source(1, Source::Example("alibaba-cloud-cn"), Lang::Zh);
        assert_eq!(d.offers[1].name, Source::Example("alibaba-cloud-cn").vendor(Lang::Zh));
    }

    /// A sheet of the buyer's own prices the lines its services are named for: its 身份证识别
    /// the ID card line of the budget (4,000 × 0.03 = 120.00), and added to a comparison of ID
    /// cards, that service rather than its first.
    #[test]
    fn a_buyers_own_sheet_prices_the_lines_its_services_are_named_for() {
        let e = Estimate::new(vec![Line::new("活体人脸核身", vec![15_000]), Line::new("ocr_id_card", vec![4_000])]);
        let sheet = r#"{"format":2,"currency":"CNY","name":"华东云","services":[
            {"id":"face","name":"活体检测","group":"custom","postpaid":{"tiers":[{"price":"0.5"}]}},
            {"id":"idcard","name":"身份证识别","group":"custom","postpaid":{"tiers":[{"price":"0.03"}]}}]}"#;
        let list = crate::app::custom::load(sheet, crate::engine::estimate::ListMode::Replace, Lang::En).unwrap();
        let mut d = VendorsDraft::for_estimate(&e, Lang::En);
        d.rates.insert("USD".into(), "7.10".into());
        assert!(d.add_sheet(list.clone(), Lang::En));
        assert_eq!(d.offers[2].service, "face", "no service of the sheet is named for liveness checks: its first");
        let b = budget_of(&d, &e);
        let v = b.vendors.iter().find(|v| v.name == "华东云").unwrap();
        // 15,000 × 0.5 = 7,500.00 and 4,000 × 0.03 = 120.00.
        assert_eq!(v.costs, [Some("7500.00".parse().unwrap()), Some("120.00".parse().unwrap())]);
        assert_eq!(v.total, Some("7620.00".parse().unwrap()));
        let mut ids = VendorsDraft::for_estimate(&Estimate::new(vec![Line::new("ocr_id_card", vec![4_000])]), Lang::En);
        assert!(ids.add_sheet(list, Lang::En));
        assert_eq!(ids.offers.last().unwrap().service, "idcard");
    }

    /// Volumes of ID cards taken by a first comparison of liveness checks: Alibaba's 实人认证
    /// sheet has no ID card reader, so its offer (named for it) moves to the sheet a first
    /// comparison of ID cards takes, at its ID card reader; an offer the buyer named stays, told
    /// as another kind of work.
    #[test]
    fn a_sheet_without_the_lines_work_gives_way_to_the_one_that_has_it() {
        let ids = Line::new("ocr_id_card", vec![4_000]);
        let mut d = VendorsDraft::starting(&liveness(), Weights::default(), None, Lang::En);
        d.take_line(&ids, Weights::default(), None, None, Lang::En);
        let at = |d: &VendorsDraft| (d.offers[1].source.clone(), d.offers[1].service.clone(), d.offers[1].name.clone());
        assert_eq!(
            at(&d),
            (
                Source::Example("tencentcloud-intl-ocr"),
                "mainland_id_card".to_string(),
                Source::Example("tencentcloud-intl-ocr").vendor(Lang::En)
            )
        );
        assert_eq!(d.other_work(), [false, false]);
        let mut named = VendorsDraft::starting(&liveness(), Weights::default(), None, Lang::En);
        named.offers[1].name = "Our Alibaba rep".into();
        named.take_line(&ids, Weights::default(), None, None, Lang::En);
        assert_eq!(named.offers[1].service, "financial_verification");
        assert_eq!(named.other_work(), [false, true]);
        // Nor does an offer the buyer gave terms, or a choice or a price in the budget.
        let mut terms = VendorsDraft::starting(&liveness(), Weights::default(), None, Lang::En);
        terms.set_discount(1, Some(rust_decimal_macros::dec!(10)));
        terms.take_line(&ids, Weights::default(), None, None, Lang::En);
        assert_eq!(terms.offers[1].source, Source::Example("alibaba-cloud-cn"));
        assert!(terms.offers[1].discount.is_some());
        let mut chosen = VendorsDraft::starting(&liveness(), Weights::default(), None, Lang::En);
        let ali = chosen.offers[1].name.clone();
        chosen.set_pick("eid", &ali, Some("financial_verification".into()));
        chosen.take_line(&ids, Weights::default(), None, None, Lang::En);
        assert_eq!((chosen.offers[1].source.clone(), chosen.picks.len()), (Source::Example("alibaba-cloud-cn"), 1));
    }

    /// A line only its own vendor prices (the first comparison's Alibaba mainland sheet reads no
    /// ID cards) names the example sheets that would: Tencent Cloud international's and Alibaba
    /// Cloud international's, until one is in the comparison.
    #[test]
    fn a_line_only_its_own_vendor_prices_names_the_sheets_that_would() {
        let e = Estimate::new(vec![liveness(), Line::new("ocr_id_card", vec![4_000])]);
        let mut d = VendorsDraft::for_estimate(&e, Lang::En);
        let labels = ["Line 1".to_string(), "Line 2".to_string()];
        let b = budget_of(&d, &e);
        assert_eq!(
            budget_alone(&b, &d.offers, &labels, Lang::En),
            ["Line 2: only Tencent Cloud prices it (the comparison's other vendors have no service doing its work); \
              the example sheets of Tencent Cloud international OCR (USD), Alibaba Cloud international eKYC (USD) \
              have one, so add an offer on one above to compare"]
        );
        d.rates.insert("USD".into(), "7.10".into());
        d.offers.push(sheet_offer("TC intl", "tencentcloud-intl-ocr", "general_print"));
        let b = budget_of(&d, &e);
        assert!(budget_alone(&b, &d.offers, &labels, Lang::En).is_empty(), "the line has two vendors now");
        assert!(budget_notes(&b, &labels, &[], &d.offers, Lang::Zh).iter().all(|n| !n.contains("只有")));
    }

    /// A vendor's VAT stated at one of its offers goes with its other offers in the budget:
    /// Alibaba's FACE_VERIFY offer (no VAT stated) and its eKYC offer (plus 6 %) both price the
    /// eKYC line at its eKYC, 1,000 × USD 0.14 = 140 + 6 % = 148.40 → 1,053.64 at 7.10, not the
    /// 994.00 before VAT of the offer that stated none; the figure says the terms it was priced
    /// with.
    #[test]
    fn a_vendors_vat_goes_with_all_its_offers_in_the_budget() {
        use rust_decimal_macros::dec;
        let e = Estimate::new(vec![Line::new("活体人脸核身", vec![15_000]), Line::new("ekyc", vec![1_000])]);
        let mut d = VendorsDraft::for_estimate(&e, Lang::En);
        d.rates.insert("USD".into(), "7.10".into());
        d.offers[1] = sheet_offer("Ali", "alibaba-cloud-intl-ekyc", "face_verify");
        let mut ekyc = sheet_offer("Ali", "alibaba-cloud-intl-ekyc", "ekyc");
        ekyc.vat = Some(Vat { percent: dec!(6), included: false });
        ekyc.discount = None;
        d.offers.push(ekyc);
        let b = budget_of(&d, &e);
        let ali = b.vendors.iter().find(|v| v.name == "Ali").unwrap();
        assert_eq!(ali.costs[1], Some(dec!(1053.64)));
        let table = budget_table(&b, &["1".into(), "2".into()], |_| false, Lang::En);
        let row = table.rows.iter().find(|r| r.cells[1].0 == "Ali").unwrap();
        assert_eq!(row.cells[5].1, "eKYC (ID + liveness) · plus 6% VAT");
        // Whether prices include VAT is a list's: the 6 % stated at the vendor's offer on its
        // mainland sheet does not go with its international sheet's offer, which prices the eKYC
        // line at its prices as listed.
        let mut apart = d.clone();
        apart.offers[2] = sheet_offer("Ali", "alibaba-cloud-cn", "financial_verification");
        apart.offers[2].vat = Some(Vat { percent: dec!(6), included: true });
        let line2 = &apart.budget_lines(&e, Lang::En)[1];
        let intl: Vec<_> =
            line2.offers.iter().filter(|o| o.name == "Ali").map(|o| (o.service.as_str(), o.vat)).collect();
        assert_eq!(intl, [("ekyc", None)]);
    }

    /// The comparison's own offer follows the terms of the line it follows (its negotiated price,
    /// the estimate's VAT), each where the comparison has not been given another: 0.55 for every
    /// call becomes 0.52; the VAT, stated on top, becomes included; a discount typed in the
    /// comparison stays when the line's changes.
    #[test]
    fn the_own_offer_follows_its_lines_terms() {
        use rust_decimal_macros::dec;
        let mut line = liveness();
        line.negotiated_price = Some(dec!(0.55));
        line.negotiated_all_calls = true;
        let mut e = Estimate::new(vec![line]);
        e.vat = Some(Vat { percent: dec!(6), included: false });
        let mut d = VendorsDraft::for_estimate(&e, Lang::En);
        assert_eq!(d.offers[0].negotiated(), Some(Negotiated { price: dec!(0.55), all_calls: true }));
        let terms = |e: &Estimate| OwnTerms::of(&e.lines[0], e.discount, e.vat);
        let before = terms(&e);
        e.lines[0].negotiated_price = Some(dec!(0.52));
        e.vat = Some(Vat { percent: dec!(6), included: true });
        let after = terms(&e);
        assert!(d.follow_terms(&e.lines[0].service, &before, &after));
        assert_eq!(d.offers[0].negotiated(), Some(Negotiated { price: dec!(0.52), all_calls: true }));
        assert_eq!(d.offers[0].vat, e.vat);
        // A discount typed in the comparison stays; the line's own taken from it does not.
        d.set_discount(0, Some(dec!(5)));
        let before = after;
        e.lines[0].discount = Some(Discount { percent: dec!(10), applies_to: DiscountScope::All });
        e.lines[0].negotiated_price = None;
        let after = terms(&e);
        assert!(d.follow_terms(&e.lines[0].service, &before, &after));
        assert_eq!((d.offers[0].discount.unwrap().percent, d.offers[0].negotiated()), (dec!(5), None));
        // Another service at the first offer: not the line's own, nothing taken.
        d.offers[0].set_service("photo_verification".into());
        let again = OwnTerms { vat: None, ..after };
        assert!(!d.follow_terms(&e.lines[0].service, &after, &again));
        // Taking a line of another kind of work, the own offer takes the estimate's VAT with it,
        // so that it follows it later too.
        let mut ocr = Line::new("ocr_id_card", vec![4_000]);
        ocr.negotiated_price = Some(dec!(0.1));
        d.take_line(&ocr, Weights::default(), None, e.vat, Lang::En);
        assert_eq!((d.offers[0].service.as_str(), d.offers[0].vat), ("ocr_id_card", e.vat));
    }

    /// The budget month by month, as the page and the CSV show it: Tencent 15,510.00 and
    /// 13,970.00, Alibaba (an example sheet) 15,511.20 and 12,575.10, the best mix 11,761.20 and
    /// 9,575.10 (worked in tests/budget.rs), and the months added up.
    #[test]
    fn a_budgets_months_are_a_table_with_their_total() {
        let doc = json!({"currency": "CNY", "rates": {"USD": "7.10"}, "lines": [
            {"calls": [15000, 12000], "first_month": "2027-01", "vendors": [
                {"name": "Tencent", "service": "活体人脸核身"},
                {"name": "Alibaba", "service": "financial_verification", "example": "alibaba-cloud-cn"}]},
            {"calls": [4000, 4500], "first_month": "2027-01", "vendors": [
                {"name": "Tencent", "service": "mainland_id_card", "example": "tencentcloud-intl-ocr"},
                {"name": "Alibaba", "service": "id_ocr", "example": "alibaba-cloud-intl-ekyc"}]}]});
        let crate::engine::budget::Compared::Budget(b) =
            crate::engine::budget::compare_doc(builtin(), &doc, Lang::En).unwrap()
        else {
            panic!("a budget")
        };
        let (caption, head, rows) = budget_months_table(&b, |n| n == "Alibaba", |d| d.to_string(), Lang::En).unwrap();
        assert_eq!(caption, "Month by month (CNY): each vendor and the best mix");
        assert_eq!(head, ["Month", "Tencent", "Alibaba (example)", "Best mix"]);
        assert_eq!(
            rows,
            [
                ["1 · 2027-01", "15510.00", "15511.20", "11761.20"],
                ["2 · 2027-02", "13970.00", "12575.10", "9575.10"],
                ["Total", "29480.00", "28086.30", "21336.30"],
            ]
        );
        // Tencent's ID cards at the documents' list, which prices none: each month says what
        // has a price and why the rest waits, and so does the total.
        let mut unpriced = doc.clone();
        unpriced["lines"][1]["vendors"][0] = json!({"name": "Tencent", "service": "ocr_id_card"});
        let crate::engine::budget::Compared::Budget(u) =
            crate::engine::budget::compare_doc(builtin(), &unpriced, Lang::En).unwrap()
        else {
            panic!("a budget")
        };
        let (_, _, rows) = budget_months_table(&u, |_| false, crate::engine::money::yuan, Lang::En).unwrap();
        assert_eq!(rows[0][1], "11,250.00 + Price not listed");
        assert_eq!(rows[2][1], "20,250.00 + Price not listed");
        let csv = budget_csv(&b, &["1".into(), "2".into()], |n| n == "Alibaba", &[], Lang::En);
        assert!(csv.ends_with("Month by month (CNY): each vendor and the best mix\r\nMonth,Tencent,Alibaba (example),Best mix\r\n1 · 2027-01,15510.00,15511.20,11761.20\r\n2 · 2027-02,13970.00,12575.10,9575.10\r\nTotal,29480.00,28086.30,21336.30\r\n"), "{csv}");
    }

    /// The estimate's own vendor in the budget is priced as the estimate prices it: a line with
    /// a negotiated price of its own (ID card OCR at 0.1, which the documents do not price) keeps
    /// it net, without the 15 % typed at the vendor's offer in the comparison (30,000 × 0.1 =
    /// 3,000.00, not 2,550.00); and the VAT the estimate states for its list's prices (6 % on
    /// top) goes with that list's offers that state none: 3,000 × 1.06 = 3,180.00, and the
    /// liveness line the comparison is for, 15,000 × 0.75 × 0.85 = 9,562.50 × 1.06 = 10,136.25.
    #[test]
    fn the_estimates_own_vendor_is_priced_as_the_estimate_prices_it() {
        use rust_decimal_macros::dec;
        let mut ocr = Line::new("身份证识别 OCR", vec![30_000]);
        ocr.negotiated_price = Some(dec!(0.1));
        let mut e = Estimate::new(vec![liveness(), ocr]);
        let mut d = VendorsDraft::for_estimate(&e, Lang::En);
        d.offers[0].discount = Some(Discount { percent: dec!(15), applies_to: DiscountScope::default() });
        let own = |d: &VendorsDraft, e: &Estimate| budget_of(d, e).vendors[0].costs.clone();
        assert_eq!(own(&d, &e), [Some(dec!(9562.50)), Some(dec!(3000.00))]);
        e.vat = Some(Vat { percent: dec!(6), included: false });
        assert_eq!(own(&d, &e), [Some(dec!(10136.25)), Some(dec!(3180.00))]);
        // VAT stated at the vendor's offer in the comparison is the one it goes with.
        d.offers[0].vat = Some(Vat { percent: dec!(9), included: false });
        assert_eq!(own(&d, &e), [Some(dec!(10423.13)), Some(dec!(3270.00))]);
        // A line with no terms of its own takes the discount typed at the vendor's offer.
        d.offers[0].vat = None;
        e.lines[1].negotiated_price = None;
        e.lines[1].service = "活体人脸比对".into();
        e.lines[1].calls = vec![10_000];
        let plain = budget_of(&VendorsDraft::for_estimate(&e, Lang::En), &e).vendors[0].costs[1].unwrap();
        assert_eq!(own(&d, &e)[1], Some((plain * dec!(0.85)).round_dp(2)), "{plain} less 15 %");
    }

    /// A service of the buyer's own sheet is of the work its name says: 身份证识别 beside liveness
    /// checks is told as another kind of work; two sheets without a name of their own are told
    /// apart.
    #[test]
    fn a_buyers_own_service_is_of_the_work_its_name_says() {
        let sheet = |name: &str| {
            let text = format!(
                r#"{{"format":2,"currency":"EUR","services":[{{"id":"x","name":"{name}","postpaid":{{"tiers":[{{"price":"0.1"}}]}}}}]}}"#
            );
            crate::app::custom::load(&text, crate::engine::estimate::ListMode::Replace, Lang::En).unwrap()
        };
        let mut d = VendorsDraft::starting(&liveness(), Weights::default(), None, Lang::En);
        assert!(d.add_sheet(sheet("身份证识别"), Lang::En));
        assert!(d.add_sheet(sheet("Our liveness check"), Lang::En));
        assert_eq!(d.other_work(), [false, false, true, false]);
        assert_ne!(d.offers[2].name, d.offers[3].name, "{:?}", d.offers);
        assert_eq!(d.offers[3].name, format!("{} 2", d.offers[2].name), "the least number no offer has");
        // Two services of one kind of work on a sheet: each line at the one named as its service
        // is (15,000 × 0.6 = 9,000.00 and 2,000 × 0.4 = 800.00), not both at the first.
        let e = Estimate::new(vec![liveness(), Line::new("照片人脸核身", vec![2_000])]);
        let text = r#"{"format":2,"currency":"CNY","name":"Own","services":[
            {"id":"live","name":"活体人脸核身","postpaid":{"tiers":[{"price":"0.6"}]}},
            {"id":"photo","name":"照片人脸核身","postpaid":{"tiers":[{"price":"0.4"}]}}]}"#;
        let list = crate::app::custom::load(text, crate::engine::estimate::ListMode::Replace, Lang::En).unwrap();
        let mut d = VendorsDraft::for_estimate(&e, Lang::En);
        assert!(d.add_sheet(list, Lang::En));
        let b = budget_of(&d, &e);
        let own = b.vendors.iter().find(|v| v.name == "Own").unwrap();
        assert_eq!(own.costs, [Some(rust_decimal_macros::dec!(9000.00)), Some(rust_decimal_macros::dec!(800.00))]);
    }

    /// An offer of ID card OCR moved to a sheet without a service for ID cards takes its OCR of
    /// printed text (Baidu's iOCR), the nearest work, not the sheet's first service (its VAT
    /// invoices).
    #[test]
    fn an_id_card_offer_moved_to_baidu_reads_text_not_invoices() {
        let line = Line::new("ocr_id_card", vec![4_000]);
        let mut d = VendorsDraft::starting(&line, Weights::default(), None, Lang::En);
        d.set_source(1, Source::Example("baidu-ai-cloud-ocr"), Lang::En);
        assert_eq!(d.offers[1].service, "iocr_general");
        // Still text read, not an ID card's fields: said, and not ranked against the line's.
        assert_eq!(d.other_work(), [false, true]);
        // A sheet with a service for ID cards keeps to it.
        d.set_source(1, Source::Example("tencentcloud-intl-ocr"), Lang::En);
        assert_eq!(d.offers[1].service, "general_print", "the list has the service it had: kept");
        d.set_source(0, Source::Example("tencentcloud-intl-ocr"), Lang::En);
        assert_eq!(d.offers[0].service, "mainland_id_card");
    }

    #[test]
    fn an_offers_terms_stay_with_its_vendor_and_an_added_offer_starts_without_terms() {
        use rust_decimal_macros::dec;
        let mut d = VendorsDraft::starting(&liveness(), Weights::default(), None, Lang::En);
        d.set_negotiated_price(0, Some(dec!(0.6)));
        d.set_discount(0, Some(dec!(10)));
        d.set_source(0, Source::Builtin, Lang::En);
        assert_eq!(
            (d.offers[0].negotiated_price, d.offers[0].discount.is_some()),
            (Some(dec!(0.6)), true),
            "the same list: kept"
        );
        // Another vendor, in the same currency: its prices are not the ones the terms were
        // agreed on (a 10 % discount at Tencent Cloud is not one at Alibaba Cloud).
        d.set_source(0, Source::Example("alibaba-cloud-cn"), Lang::En);
        assert_eq!((d.offers[0].negotiated_price, d.offers[0].discount), (None, None), "CNY to CNY, another vendor");
        d.add();
        d.add();
        let last = d.offers.last().unwrap();
        assert_eq!((last.discount, last.negotiated_price), (None, None));
        assert_eq!(last.name, format!("{} 4", d.offers[1].name), "numbered once");
    }

    #[test]
    fn offers_named_for_their_vendor_follow_the_pages_language_and_typed_names_stay() {
        let mut d = starting_intl(&liveness(), Lang::Zh);
        d.add();
        d.offers[1].name = "Our current vendor".into();
        let zh: Vec<String> = d.offers.iter().map(|o| o.name.clone()).collect();
        assert_eq!(zh[0], "腾讯云");
        assert_eq!(zh[2], format!("{} 3", Source::Example("alibaba-cloud-intl-ekyc").vendor(Lang::Zh)));
        assert!(d.name_in(Lang::En));
        let en: Vec<&str> = d.offers.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(en[0], "Tencent Cloud");
        assert_eq!(en[1], "Our current vendor");
        assert_eq!(en[2], format!("{} 3", Source::Example("alibaba-cloud-intl-ekyc").vendor(Lang::En)));
        assert!(!d.name_in(Lang::En), "nothing more to rename");
        assert!(d.name_in(Lang::Zh));
        assert_eq!(
            d.offers.iter().map(|o| o.name.clone()).collect::<Vec<_>>()[..],
            [zh[0].clone(), "Our current vendor".into(), zh[2].clone()]
        );
    }

    #[test]
    fn offers_stay_between_two_and_six() {
        let mut d = VendorsDraft::starting(&liveness(), Weights::default(), None, Lang::En);
        assert!(!d.remove(0));
        while d.add() {}
        assert_eq!(d.offers.len(), MAX_OFFERS);
        assert!(d.remove(5));
        assert_eq!(d.offers.len(), MAX_OFFERS - 1);
    }

    #[test]
    fn an_unfinished_comparison_reads_back_as_it_was_left() {
        // The rate not yet typed, then typed wrong: stored and shared all the same.
        let mut d = starting_intl(&liveness(), Lang::En);
        assert_eq!(read(&d.to_json()).unwrap(), d);
        d.rates.insert("USD".into(), "seven".into());
        let back = read(&d.to_json()).unwrap();
        assert_eq!(back.rates.get("USD").map(String::as_str), Some("seven"));
        assert_eq!(decode(&format!("#{}", d.encode())).unwrap().unwrap().rates, back.rates);
    }

    #[test]
    fn an_edited_copy_of_an_example_sheet_stays_the_copy() {
        let mut list: Value = serde_json::from_str(example("alibaba-cloud-cn").unwrap().json).unwrap();
        list["services"][0]["postpaid"]["tiers"][0]["price"] = json!("0.5");
        let custom = CustomCatalog::read(ListMode::Replace, list).unwrap();
        let mut d = VendorsDraft::starting(&liveness(), Weights::default(), None, Lang::En);
        d.offers[1] = OfferDraft {
            name: "Edited".into(),
            source: Source::List(custom),
            service: "financial_verification".into(),
            discount: None,
            negotiated_price: None,
            negotiated_all_calls: false,
            vat: None,
        };
        d.suggest_rates();
        let back = read(&d.to_json()).unwrap();
        assert!(matches!(back.offers[1].source, Source::List(_)), "not swapped for the shipped sheet");
        let c = compare(builtin(), &back.offers(&mut ListCache::default()).unwrap(), Lang::En).unwrap();
        assert_eq!(c.vendors[1].converted.unwrap().to_string(), "7500.00", "15,000 × 0.5");
        // The shipped sheet, named by its key, is recognised as the example it is.
        assert_eq!(shown_name("Alibaba", &Source::Example("alibaba-cloud-cn"), Lang::En), "Alibaba (example)");
    }

    #[test]
    fn vat_travels_with_the_comparison_and_goes_with_its_list() {
        use rust_decimal_macros::dec;
        let mut d = VendorsDraft::starting(&liveness(), Weights::default(), None, Lang::En);
        assert!(!d.to_json().contains("vat"), "a comparison without VAT is written as before");
        let six = Vat { percent: dec!(6), included: false };
        d.rates.insert("USD".into(), "7.10".into());
        d.set_vat(0, Some(six));
        d.set_vat_basis(VatBasis::Net);
        assert!(d.states_vat());
        let back = read(&d.to_json()).unwrap();
        assert_eq!((back.offers[0].vat, back.vat_basis), (Some(six), VatBasis::Net));
        // Before VAT, the offer whose prices leave it out is at its prices: 15,000 × 0.75.
        let c = compare(builtin(), &back.offers(&mut ListCache::default()).unwrap(), Lang::En).unwrap();
        assert_eq!(c.vendors[0].converted.unwrap().to_string(), "11250.00");
        assert_eq!(
            terms(None, None, Some(six), "CNY", Lang::Zh).as_deref(),
            Some("另加 6% 增值税"),
            "said with the offer's terms"
        );
        let said = basis_words(&c, Lang::En).unwrap();
        assert!(said.starts_with("Compared before VAT") && said.contains("not stated"), "{said}");
        // Another list: another vendor, whose VAT is not known.
        d.set_source(0, Source::Example("google-cloud-vision"), Lang::En);
        assert_eq!(d.offers[0].vat, None);
    }
}
