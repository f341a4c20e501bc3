//! Parsing and validating a price list (format 1 or 2) from JSON. Format 2 adds the rating
//! models of other vendors' sheets (prices per block of units, flat fees per tier, a free quota
//! every month, a monthly minimum, commitment tiers); a list using any of them declares
//! `"format": 2` and states its currency. Format 1 lists mean what they always meant.
//!
//! serde_json parses the text; the walk below checks every rule a price table must satisfy and
//! reports *all* the problems it finds, each with its kind and the path of the field to fix
//! (`services[3].postpaid.tiers[1].up_to: tiers must increase …`), so a person fixing a list
//! sees everything at once. The keys it reads are those of [`keys`](super::keys).
//! A list is read once where it comes in; what reads it keeps the typed [`Catalog`] for pricing
//! and, where the list travels on (an estimate's own list), the JSON it was read from.

use rust_decimal::Decimal;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::keys::{self, Refundable, Word};
use super::{
    CallsPerUnit, Catalog, Commitment, FreeQuota, Group, Note, PackDraw, PackProduct, PackSize, PartialUnit, Postpaid,
    Service, Tier, TierBasis, TierMode, TierTable, Unpriced,
};
use crate::engine::json::Wrong;
use crate::engine::json::{self, PriceError, Res};
use crate::engine::lang::Text;
use crate::engine::limits;
use crate::engine::list_rule::{Counted, IdOf, ListRule, Part};
use crate::engine::path::Path;

/// The newest price-list format this build reads (it reads 1 too).
pub const FORMAT: u64 = 2;
/// The formats this build reads.
pub const FORMATS: [u64; 2] = [1, 2];

/// The kinds of problem a price list can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Not JSON, or an unsupported format version.
    Syntax,
    /// A field of the wrong type, missing, or unknown.
    Shape,
    /// Over a size limit (bytes, services, tiers, sizes, text length).
    TooLarge,
    /// An id, name or alias used twice, or shadowing a built-in one.
    Duplicate,
    /// An id that names nothing (a pack product, a group, a service).
    UnknownReference,
    /// Tiers overlapping or out of order.
    TiersNotIncreasing,
    /// A tier table that does not cover every volume exactly once.
    TiersIncomplete,
    /// A tier with neither a price nor contact sales, or with both.
    TierPrice,
    /// A pack size with no price (where it is offered) or a price where it is not.
    PackPrice,
    /// Pack sizes zero or out of order.
    PackSizes,
    /// A price that is not a decimal string.
    InvalidPrice,
    NegativePrice,
    /// A price past the limit, or with too many decimal places.
    PriceOutOfRange,
    /// Anything else (a month count, a currency code).
    Invalid,
}

/// One problem in a price list: what kind, where it is and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogError {
    pub kind: ErrorKind,
    /// The field's path, `services[3].postpaid.tiers[1].up_to`; the root for the whole document.
    pub path: Path,
    /// What is wrong: a shared kind as data where the page can say it in its language, else the
    /// checker's English.
    pub wrong: Wrong,
}

impl CatalogError {
    /// What is wrong, in English.
    pub fn message(&self) -> String {
        self.wrong.to_string()
    }
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.path.is_root() { write!(f, "{}", self.wrong) } else { write!(f, "{}: {}", self.path, self.wrong) }
    }
}

/// The name of a price list that gives none.
pub fn unnamed() -> Text {
    Text::new("自定义价目表", "Custom price list")
}

/// Every problem found in a price list (never empty).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct CatalogErrors(pub Vec<CatalogError>);

impl CatalogErrors {
    /// One problem.
    pub fn one(kind: ErrorKind, path: Path, rule: ListRule) -> CatalogErrors {
        CatalogErrors(vec![CatalogError { kind, path, wrong: Wrong::List(rule) }])
    }

    /// The same problems, their paths under `prefix` (a list inside an estimate).
    pub fn under(self, prefix: &Path) -> CatalogErrors {
        CatalogErrors(self.0.into_iter().map(|e| CatalogError { path: e.path.under(prefix), ..e }).collect())
    }
}

impl fmt::Display for CatalogErrors {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let n = self.0.len();
        if n > 1 {
            writeln!(f, "the price list has {n} problems:")?;
        }
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            if n > 1 {
                f.write_str("- ")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

fn top(key: &'static str) -> Path {
    Path::root().key(key)
}

/// Parses and validates a price list.
pub fn parse_price_list(text: &str) -> Result<Catalog, CatalogErrors> {
    parse_price_list_value(&read_json(text)?)
}

/// Reads a price list's text as JSON, refusing it unread past the size limit.
pub fn read_json(text: &str) -> Result<Value, CatalogErrors> {
    ListRule::size(text.len()).map_err(|r| CatalogErrors::one(ErrorKind::TooLarge, Path::root(), r))?;
    if text.trim().is_empty() {
        return Err(CatalogErrors::one(ErrorKind::Syntax, Path::root(), ListRule::Empty));
    }
    serde_json::from_str(text).map_err(|e| {
        let wrong = Wrong::NotJson { line: e.line(), column: e.column(), detail: e.to_string() };
        CatalogErrors(vec![CatalogError { kind: ErrorKind::Syntax, path: Path::root(), wrong }])
    })
}

/// Validates a price list already read as a JSON value (from an estimate, or the JS API).
pub fn parse_price_list_value(value: &Value) -> Result<Catalog, CatalogErrors> {
    use keys::list as k;
    let Value::Object(top_map) = value else {
        return Err(CatalogErrors::one(ErrorKind::Shape, Path::root(), ListRule::NotObject));
    };
    let format = check_format(top_map)?;
    let mut p = Problems { format, ..Problems::default() };
    for e in json::unknown_keys(top_map, &Path::root(), k::ALL) {
        p.found.push(CatalogError { kind: ErrorKind::Shape, path: e.path, wrong: e.wrong });
    }
    let services = match top_map.get(k::SERVICES) {
        None => {
            p.add(ErrorKind::Shape, &top(k::SERVICES), ListRule::NoServices);
            &[][..]
        }
        Some(v) => p.list(v, k::SERVICES),
    };
    check_count(services, k::SERVICES, Part::Services, limits::MAX_SERVICES)?;
    let products = json::optional(top_map, k::PACK_PRODUCTS).map_or(&[][..], |v| p.list(v, k::PACK_PRODUCTS));
    check_count(products, k::PACK_PRODUCTS, Part::PackProducts, limits::MAX_PACK_PRODUCTS)?;

    let id = json::optional(top_map, k::ID).and_then(|v| p.take(json::string(v, &top(k::ID)).map(str::to_string)));
    let name = json::optional(top_map, k::NAME).and_then(|v| p.take(json::text(v, &top(k::NAME))));
    let currency = p.currency(top_map);
    let sources = json::optional(top_map, k::SOURCES).map(|v| p.sources(v)).unwrap_or_default();
    let rules = json::optional(top_map, k::RULES).map(|v| p.rules(v)).unwrap_or_default();
    let assumptions =
        json::optional(top_map, k::ASSUMPTIONS).map(|v| p.notes(v, &top(k::ASSUMPTIONS))).unwrap_or_default();
    let groups = json::optional(top_map, k::GROUPS).map(|v| p.groups(v)).unwrap_or_default();
    let pack_products = p.pack_products(products);
    let services = p.services(services, &pack_products, &groups);
    p.check_applies_to(&assumptions, &services);
    if !p.found.is_empty() {
        return Err(CatalogErrors(p.found));
    }
    Ok(Catalog {
        id: id.unwrap_or_else(|| "custom".to_string()),
        name: name.unwrap_or_else(unnamed),
        currency,
        sources,
        pack_draw: rules.pack_draw,
        pack_draw_source: rules.pack_draw_source,
        postpaid_after_packs_source: rules.postpaid_after_packs_source,
        assumptions,
        groups,
        pack_products,
        services,
    })
}

/// The format version: one this build reads, or the whole list is refused at once.
fn check_format(top_map: &Map<String, Value>) -> Result<u64, CatalogErrors> {
    let at = top(keys::list::FORMAT);
    match top_map.get(keys::list::FORMAT) {
        Some(f) => match json::whole(f, &at, u64::MAX).ok().filter(|n| FORMATS.contains(n)) {
            Some(n) => Ok(n),
            None => Err(CatalogErrors::one(ErrorKind::Syntax, at, ListRule::Format(f.to_string()))),
        },
        None => Err(CatalogErrors::one(ErrorKind::Syntax, at, ListRule::NoFormat)),
    }
}

/// A list past its limit is refused at once, before its items are read.
fn check_count(items: &[Value], key: &'static str, what: Part, most: usize) -> Result<(), CatalogErrors> {
    if items.len() <= most {
        return Ok(());
    }
    Err(CatalogErrors::one(ErrorKind::TooLarge, top(key), ListRule::TooMany { count: items.len(), what, most }))
}

fn group(v: &Value, path: &Path) -> Res<Group> {
    use keys::group as k;
    let m = json::object(v, path, "a group like {\"id\": …, \"name\": …}", k::ALL)?;
    let id = json::string(json::required(m, path, k::ID)?, &path.key(k::ID))?;
    json::nonempty(id, &path.key(k::ID))?;
    Ok(Group { id: id.to_string(), name: json::text(json::required(m, path, k::NAME)?, &path.key(k::NAME))? })
}

/// The `rules` object.
#[derive(Default)]
struct Rules {
    pack_draw: PackDraw,
    pack_draw_source: Option<String>,
    postpaid_after_packs_source: Option<String>,
}

/// Collects problems while walking the list (of the format it declares).
#[derive(Default)]
struct Problems {
    found: Vec<CatalogError>,
    format: u64,
}

impl Problems {
    fn add(&mut self, kind: ErrorKind, path: &Path, rule: ListRule) {
        self.found.push(CatalogError { kind, path: path.clone(), wrong: Wrong::List(rule) });
    }

    /// Records the problem of a failed read and gives `None`, so the walk goes on.
    fn take<T>(&mut self, r: Res<T>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(json::FieldError { path, wrong }) => {
                self.found.push(CatalogError { kind: ErrorKind::Shape, path, wrong });
                None
            }
        }
    }

    /// An object: unknown keys are reported and the walk goes on with the known ones.
    fn obj<'a>(&mut self, v: &'a Value, path: &Path, what: &str, allowed: &[&str]) -> Option<&'a Map<String, Value>> {
        let map = self.take(json::any_object(v, path, what))?;
        for p in json::unknown_keys(map, path, allowed) {
            self.found.push(CatalogError { kind: ErrorKind::Shape, path: p.path, wrong: p.wrong });
        }
        Some(map)
    }

    fn opt_string(&mut self, m: &Map<String, Value>, path: &Path, key: &'static str) -> Option<String> {
        json::optional(m, key).and_then(|v| self.take(json::string(v, &path.key(key)).map(str::to_string)))
    }

    fn opt_bool(&mut self, m: &Map<String, Value>, path: &Path, key: &'static str, default: bool) -> bool {
        match json::optional(m, key) {
            None => default,
            Some(b) => self.take(json::boolean(b, &path.key(key))).unwrap_or(default),
        }
    }

    /// One of the words of `T`, or `default` where the key is absent (or, reported, wrong).
    fn word<T: Word + PartialEq>(&mut self, m: &Map<String, Value>, path: &Path, key: &'static str, default: T) -> T {
        let Some(v) = json::optional(m, key) else { return default };
        self.take(json::one_of(v, &path.key(key), &T::words())).and_then(T::from_word).unwrap_or(default)
    }

    /// A top-level list's items (none, reported, where it is not a list).
    fn list<'a>(&mut self, v: &'a Value, key: &'static str) -> &'a [Value] {
        self.take(json::array(v, &top(key))).map_or(&[][..], |a| a.as_slice())
    }

    /// The list's currency: three capital letters (CNY where it names none).
    fn currency(&mut self, top_map: &Map<String, Value>) -> String {
        let at = top(keys::list::CURRENCY);
        let currency = match json::optional(top_map, keys::list::CURRENCY) {
            None if self.format >= 2 => {
                self.add(ErrorKind::Shape, &at, ListRule::NoCurrency);
                return "CNY".to_string();
            }
            None => "CNY".to_string(),
            Some(v) => self
                .take(json::string(v, &at).map(|c| crate::engine::money::iso_currency(c).to_string()))
                .unwrap_or_default(),
        };
        if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
            self.add(ErrorKind::Invalid, &at, ListRule::NotCurrency(currency.clone()));
        }
        currency
    }

    fn groups(&mut self, v: &Value) -> Vec<Group> {
        let mut groups: Vec<Group> = Vec::new();
        let Some(items) = self.take(json::array(v, &top(keys::list::GROUPS))) else { return groups };
        for (i, g) in items.iter().enumerate() {
            let path = top(keys::list::GROUPS).at(i);
            if let Some(g) = self.take(group(g, &path)) {
                if groups.iter().any(|x| x.id == g.id) {
                    let id = g.id.clone();
                    self.add(
                        ErrorKind::Duplicate,
                        &path.key(keys::group::ID),
                        ListRule::UsedTwice { what: IdOf::Group, id },
                    );
                }
                groups.push(g);
            }
        }
        groups
    }

    fn pack_products(&mut self, items: &[Value]) -> Vec<PackProduct> {
        let mut pack_products: Vec<PackProduct> = Vec::new();
        for (i, v) in items.iter().enumerate() {
            let path = top(keys::list::PACK_PRODUCTS).at(i);
            if let Some(pp) = self.pack_product(v, &path) {
                if pack_products.iter().any(|x| x.id == pp.id) {
                    let id = pp.id.clone();
                    self.add(
                        ErrorKind::Duplicate,
                        &path.key(keys::product::ID),
                        ListRule::UsedTwice { what: IdOf::PackProduct, id },
                    );
                }
                pack_products.push(pp);
            }
        }
        pack_products
    }

    fn services(&mut self, items: &[Value], products: &[PackProduct], groups: &[Group]) -> Vec<Service> {
        let mut services: Vec<Service> = Vec::new();
        let mut names_seen: BTreeSet<String> = BTreeSet::new();
        for (i, v) in items.iter().enumerate() {
            let path = top(keys::list::SERVICES).at(i);
            let Some(s) = self.service(v, &path, products, groups) else { continue };
            // Ids, names and aliases all find a service, so none may be shared.
            let mut own = BTreeSet::new();
            for key in s.names() {
                if own.insert(key.to_string()) && !names_seen.insert(key.to_string()) {
                    self.add(ErrorKind::Duplicate, &path, ListRule::NamesAnother(key.to_string()));
                }
            }
            services.push(s);
        }
        services
    }

    /// Every service an assumption names exists.
    fn check_applies_to(&mut self, assumptions: &[Note], services: &[Service]) {
        for (i, a) in assumptions.iter().enumerate() {
            for (j, id) in a.applies_to.iter().enumerate() {
                if !services.iter().any(|s| &s.id == id) {
                    self.add(
                        ErrorKind::UnknownReference,
                        &top(keys::list::ASSUMPTIONS).at(i).key(keys::note::APPLIES_TO).at(j),
                        ListRule::NoSuchId { what: IdOf::Service, id: id.clone() },
                    );
                }
            }
        }
    }

    /// The value of a format 2 field, where present; in a format 1 list it is reported (a list
    /// using it declares `"format": 2`) and read all the same, so every problem shows at once.
    fn format_2<'a>(&mut self, m: &'a Map<String, Value>, path: &Path, key: &'static str) -> Option<&'a Value> {
        let v = json::optional(m, key)?;
        if self.format < 2 {
            self.add(ErrorKind::Syntax, &path.key(key), ListRule::FormatTwoField(key.to_string()));
        }
        Some(v)
    }

    /// A whole number from `min` to `max`, reported otherwise.
    fn whole_in(&mut self, v: &Value, path: &Path, min: u64, max: u64, what: Counted) -> Option<u64> {
        let n = self.take(json::whole(v, path, max))?;
        if n < min {
            self.add(ErrorKind::Invalid, path, ListRule::AtLeast { what, min, found: n });
            return None;
        }
        Some(n)
    }

    /// A price block's size in calls: a whole number that divides a power of ten, so that a part
    /// of it pays an exact decimal share.
    fn unit(&mut self, v: &Value, path: &Path) -> u64 {
        let Some(unit) = self.whole_in(v, path, 1, limits::MAX_UNIT, Counted::Unit) else { return 1 };
        let mut rest = unit;
        for p in [2, 5] {
            while rest % p == 0 {
                rest /= p;
            }
        }
        if rest != 1 {
            self.add(ErrorKind::Invalid, path, ListRule::UnitNotExact(unit));
            return 1;
        }
        unit
    }

    fn free_quota(&mut self, v: &Value, path: &Path) -> Option<FreeQuota> {
        use keys::free_quota as k;
        let m = self.obj(v, path, "a free quota like {\"calls\": 1000}", k::ALL)?;
        let calls = match json::required(m, path, k::CALLS) {
            Ok(c) => self.whole_in(c, &path.key(k::CALLS), 1, limits::MAX_PACK_CALLS, Counted::FreeQuota),
            Err(e) => self.take(Err(e)),
        };
        let months = json::optional(m, k::MONTHS)
            .and_then(|n| self.whole_in(n, &path.key(k::MONTHS), 1, limits::MAX_MONTHS as u64, Counted::Months))
            .map(|n| n as u32);
        Some(FreeQuota { calls: calls?, months, source: self.opt_string(m, path, k::SOURCE) })
    }

    fn minimum(&mut self, v: &Value, path: &Path) -> Option<Decimal> {
        use keys::minimum as k;
        let m = self.obj(v, path, "a minimum like {\"monthly\": \"149\"}", k::ALL)?;
        if json::optional(m, k::MONTHLY).is_none() {
            self.add(ErrorKind::Shape, &path.key(k::MONTHLY), ListRule::NoMinimum);
            return None;
        }
        self.opt_string(m, path, k::SOURCE);
        self.price(m, path, k::MONTHLY)
    }

    fn commitments(&mut self, v: &Value, path: &Path) -> Vec<Commitment> {
        use keys::commitment as k;
        let Some(items) = self.take(json::array(v, path)) else { return Vec::new() };
        if items.len() > limits::MAX_TIERS {
            let (count, most) = (items.len(), limits::MAX_TIERS);
            self.add(ErrorKind::TooLarge, path, ListRule::TooMany { count, what: Part::Commitments, most });
            return Vec::new();
        }
        let mut out: Vec<Commitment> = Vec::new();
        for (i, c) in items.iter().enumerate() {
            let cp = path.at(i);
            let what = "a commitment like {\"id\": …, \"name\": …, \"monthly_fee\": \"800\", \"calls\": 1000000}";
            let Some(m) = self.obj(c, &cp, what, k::ALL) else { continue };
            let id = self.id(m, &cp, k::ID);
            if let Some(id) = &id
                && out.iter().any(|x| &x.id == id)
            {
                let id = id.clone();
                self.add(ErrorKind::Duplicate, &cp.key(k::ID), ListRule::UsedTwice { what: IdOf::Commitment, id });
            }
            let name = self.take(json::required(m, &cp, k::NAME).and_then(|v| json::text(v, &cp.key(k::NAME))));
            let fee = match json::optional(m, k::MONTHLY_FEE) {
                None => {
                    self.add(ErrorKind::Shape, &cp.key(k::MONTHLY_FEE), ListRule::NoFee);
                    None
                }
                Some(_) => self.price(m, &cp, k::MONTHLY_FEE),
            };
            let calls = match json::optional(m, k::CALLS) {
                None => {
                    self.add(ErrorKind::Shape, &cp.key(k::CALLS), ListRule::NoCommitmentCalls);
                    None
                }
                Some(n) => self.whole_in(n, &cp.key(k::CALLS), 1, limits::MAX_PACK_CALLS, Counted::CommitmentCalls),
            };
            let overage = json::optional(m, k::OVERAGE).map(|o| self.postpaid(o, &cp.key(k::OVERAGE)));
            let source = self.opt_string(m, &cp, k::SOURCE);
            if let (Some(id), Some(name), Some(monthly_fee), Some(calls)) = (id, name, fee, calls) {
                out.push(Commitment { id, name, monthly_fee, calls, overage, source });
            }
        }
        out
    }

    fn sources(&mut self, v: &Value) -> BTreeMap<String, String> {
        let Value::Object(m) = v else {
            let (what, found) = ("an object of source keys and documents".to_string(), json::Found::of(v));
            let wrong = Wrong::NotObject { what, found };
            self.found.push(CatalogError { kind: ErrorKind::Shape, path: top(keys::list::SOURCES), wrong });
            return BTreeMap::new();
        };
        m.iter()
            .filter_map(|(k, v)| {
                self.take(json::string(v, &top(keys::list::SOURCES).key(k.clone()))).map(|s| (k.clone(), s.to_string()))
            })
            .collect()
    }

    fn rules(&mut self, v: &Value) -> Rules {
        use keys::rules as k;
        let path = top(keys::list::RULES);
        let Some(m) = self.obj(v, &path, "an object", k::ALL) else { return Rules::default() };
        Rules {
            pack_draw: self.word(m, &path, k::PACK_DRAW, PackDraw::EffectiveOrder),
            pack_draw_source: self.opt_string(m, &path, k::PACK_DRAW_SOURCE),
            postpaid_after_packs_source: self.opt_string(m, &path, k::POSTPAID_AFTER_PACKS_SOURCE),
        }
    }

    fn notes(&mut self, v: &Value, path: &Path) -> Vec<Note> {
        let Some(items) = self.take(json::array(v, path)) else { return Vec::new() };
        items.iter().enumerate().filter_map(|(i, n)| self.take(note(n, &path.at(i)))).collect()
    }

    fn price(&mut self, m: &Map<String, Value>, path: &Path, key: &'static str) -> Option<Decimal> {
        let v = json::optional(m, key)?;
        let path = path.key(key);
        match v {
            Value::String(text) => match json::price_text(text) {
                Ok(d) => Some(d),
                Err((e, _)) => {
                    let kind = match e {
                        PriceError::NotAPrice => ErrorKind::InvalidPrice,
                        PriceError::Negative => ErrorKind::NegativePrice,
                        PriceError::TooLarge | PriceError::TooPrecise => ErrorKind::PriceOutOfRange,
                    };
                    self.found.push(CatalogError { kind, path, wrong: Wrong::Price(e, text.clone()) });
                    None
                }
            },
            other => {
                if let Err(e) = json::price(other, &path) {
                    self.found.push(CatalogError { kind: ErrorKind::InvalidPrice, path, wrong: e.wrong });
                }
                None
            }
        }
    }

    /// A required, non-empty id.
    fn id(&mut self, m: &Map<String, Value>, path: &Path, key: &'static str) -> Option<String> {
        let id = self.take(json::required(m, path, key).and_then(|v| json::string(v, &path.key(key))))?;
        self.take(json::nonempty(id, &path.key(key)));
        Some(id.to_string())
    }

    fn pack_product(&mut self, v: &Value, path: &Path) -> Option<PackProduct> {
        use keys::product as k;
        let m = self.obj(v, path, "a pack product like {\"id\": …, \"name\": …, \"sizes\": […]}", k::ALL)?;
        let id = self.id(m, path, k::ID);
        let name = self.take(json::required(m, path, k::NAME).and_then(|v| json::text(v, &path.key(k::NAME))));
        let validity = match json::optional(m, k::VALIDITY_MONTHS) {
            None => 12,
            Some(v) => {
                let vp = path.key(k::VALIDITY_MONTHS);
                match self.take(json::whole(v, &vp, limits::MAX_MONTHS as u64)) {
                    Some(0) => {
                        self.add(ErrorKind::Invalid, &vp, ListRule::NoValidity);
                        12
                    }
                    Some(n) => n as u32,
                    None => 12,
                }
            }
        };
        let refund = json::optional(m, k::REFUND_UNUSED_WITHIN_DAYS)
            .and_then(|v| self.take(json::whole(v, &path.key(k::REFUND_UNUSED_WITHIN_DAYS), 3650)))
            .map(|d| d as u32);
        let source = self.opt_string(m, path, k::SOURCE);
        let sizes_path = path.key(k::SIZES);
        let raw_sizes = self.take(json::required(m, path, k::SIZES).and_then(|v| json::array(v, &sizes_path)));
        let mut sizes: Vec<PackSize> = Vec::new();
        if let Some(raw) = raw_sizes {
            if raw.is_empty() {
                self.add(ErrorKind::PackSizes, &sizes_path, ListRule::NoSizes);
            }
            if raw.len() > limits::MAX_TIERS {
                let (count, most) = (raw.len(), limits::MAX_TIERS);
                self.add(ErrorKind::TooLarge, &sizes_path, ListRule::TooMany { count, what: Part::Sizes, most });
            }
            for (j, sv) in raw.iter().enumerate().take(limits::MAX_TIERS) {
                let sp = sizes_path.at(j);
                if let Some(size) = self.pack_size(sv, &sp, source.as_deref()) {
                    if let Some(prev) = sizes.last()
                        && size.calls <= prev.calls
                    {
                        let rule = ListRule::SizesNotIncreasing { size: size.calls, after: prev.calls };
                        self.add(ErrorKind::PackSizes, &sp.key(keys::size::CALLS), rule);
                    }
                    sizes.push(size);
                }
            }
        }
        let assumptions =
            json::optional(m, k::ASSUMPTIONS).map(|v| self.notes(v, &path.key(k::ASSUMPTIONS))).unwrap_or_default();
        Some(PackProduct {
            id: id?,
            name: name?,
            validity_months: validity,
            refund_unused_within_days: refund,
            source,
            sizes,
            assumptions,
        })
    }

    fn pack_size(&mut self, v: &Value, path: &Path, product_source: Option<&str>) -> Option<PackSize> {
        use keys::size as k;
        let m = self.obj(v, path, "a size like {\"calls\": 10000, \"price\": \"8000\"}", k::ALL)?;
        let calls_path = path.key(k::CALLS);
        let calls = self.take(
            json::required(m, path, k::CALLS).and_then(|v| json::whole(v, &calls_path, limits::MAX_PACK_CALLS)),
        )?;
        if calls == 0 {
            self.add(ErrorKind::PackSizes, &calls_path, ListRule::EmptyPack);
        }
        let offered = self.opt_bool(m, path, k::OFFERED, true);
        let price = match (offered, json::optional(m, k::PRICE)) {
            (true, Some(_)) => self.price(m, path, k::PRICE),
            (true, None) => {
                self.add(ErrorKind::PackPrice, &path.key(k::PRICE), ListRule::NoPackPrice(calls));
                None
            }
            (false, Some(_)) => {
                self.add(ErrorKind::PackPrice, &path.key(k::PRICE), ListRule::PriceNotOffered);
                None
            }
            (false, None) => None,
        };
        let list_price = self.price(m, path, k::LIST_PRICE);
        let source = self.opt_string(m, path, k::SOURCE).or_else(|| product_source.map(str::to_string));
        Some(PackSize { calls, price, list_price, source })
    }

    fn service(&mut self, v: &Value, path: &Path, products: &[PackProduct], groups: &[Group]) -> Option<Service> {
        use keys::service as k;
        let m = self.obj(v, path, "a service like {\"id\": …, \"name\": …, \"postpaid\": …}", k::ALL)?;
        let id = self.id(m, path, k::ID);
        let name = self.take(json::required(m, path, k::NAME).and_then(|v| json::text(v, &path.key(k::NAME))));
        let mut aliases = Vec::new();
        if let Some(v) = json::optional(m, k::ALIASES)
            && let Some(items) = self.take(json::array(v, &path.key(k::ALIASES)))
        {
            for (j, a) in items.iter().enumerate() {
                let ap = path.key(k::ALIASES).at(j);
                if let Some(a) = self.take(json::string(a, &ap)) {
                    self.take(json::nonempty(a, &ap));
                    aliases.push(a.to_string());
                }
            }
        }
        let group = self.opt_string(m, path, k::GROUP).unwrap_or_else(|| "custom".to_string());
        if !groups.is_empty() && !groups.iter().any(|g| g.id == group) {
            let id = group.clone();
            self.add(ErrorKind::UnknownReference, &path.key(k::GROUP), ListRule::NoSuchId { what: IdOf::Group, id });
        }
        let packs = self.opt_string(m, path, k::PACKS);
        if let Some(pid) = &packs
            && !products.iter().any(|p| &p.id == pid)
        {
            let rule = ListRule::NoSuchId { what: IdOf::PackProduct, id: pid.clone() };
            self.add(ErrorKind::UnknownReference, &path.key(k::PACKS), rule);
        }
        let postpaid = match json::optional(m, k::POSTPAID) {
            None => Postpaid::NotOffered,
            Some(v) => self.postpaid(v, &path.key(k::POSTPAID)),
        };
        let calls_per_unit =
            json::optional(m, k::CALLS_PER_UNIT).and_then(|v| self.calls_per_unit(v, &path.key(k::CALLS_PER_UNIT)));
        let Refundable(refundable) = self.word(m, path, k::REFUND, Refundable(true));
        let free_calls = json::optional(m, k::FREE_CALLS)
            .and_then(|v| self.take(json::whole(v, &path.key(k::FREE_CALLS), limits::MAX_PACK_CALLS)));
        let assumptions =
            json::optional(m, k::ASSUMPTIONS).map(|v| self.notes(v, &path.key(k::ASSUMPTIONS))).unwrap_or_default();
        let notes = json::optional(m, k::NOTES).map(|v| self.notes(v, &path.key(k::NOTES))).unwrap_or_default();
        let free_quota =
            self.format_2(m, path, k::FREE_QUOTA).and_then(|v| self.free_quota(v, &path.key(k::FREE_QUOTA)));
        let minimum = self.format_2(m, path, k::MINIMUM).and_then(|v| self.minimum(v, &path.key(k::MINIMUM)));
        let commitments = self
            .format_2(m, path, k::COMMITMENTS)
            .map(|v| self.commitments(v, &path.key(k::COMMITMENTS)))
            .unwrap_or_default();
        Some(Service {
            id: id?,
            name: name?,
            aliases,
            group,
            postpaid,
            packs,
            packs_source: self.opt_string(m, path, k::PACKS_SOURCE),
            calls_per_unit,
            refundable,
            refund_source: self.opt_string(m, path, k::REFUND_SOURCE),
            free_calls,
            free_quota,
            minimum,
            commitments,
            assumptions,
            notes,
        })
    }

    fn calls_per_unit(&mut self, v: &Value, path: &Path) -> Option<CallsPerUnit> {
        use keys::per_unit as k;
        let m = self.obj(v, path, "{\"calls\": 2, \"unit\": …}", k::ALL)?;
        let calls =
            self.take(json::required(m, path, k::CALLS).and_then(|c| json::whole(c, &path.key(k::CALLS), 1000)))?;
        if calls == 0 {
            self.add(ErrorKind::Invalid, &path.key(k::CALLS), ListRule::NoCallsPerUnit);
        }
        let unit = self.take(json::required(m, path, k::UNIT).and_then(|u| json::text(u, &path.key(k::UNIT))))?;
        Some(CallsPerUnit { calls, unit, source: self.opt_string(m, path, k::SOURCE) })
    }

    fn postpaid(&mut self, v: &Value, path: &Path) -> Postpaid {
        use keys::postpaid as k;
        let Some(m) = self.obj(v, path, "{\"tiers\": […]} or {\"unpriced\": \"on_request\"}", k::ALL) else {
            return Postpaid::NotOffered;
        };
        let source = self.opt_string(m, path, k::SOURCE);
        match (json::optional(m, k::TIERS), json::optional(m, k::UNPRICED)) {
            (Some(_), Some(_)) => {
                self.add(ErrorKind::Shape, path, ListRule::TiersAndUnpriced);
                Postpaid::NotOffered
            }
            (None, Some(_)) => {
                Postpaid::Unpriced { reason: self.word(m, path, k::UNPRICED, Unpriced::NotListed), source }
            }
            (None, None) => {
                self.add(ErrorKind::Shape, path, ListRule::NoTiersNorUnpriced);
                Postpaid::NotOffered
            }
            (Some(t), None) => {
                let unit = self.format_2(m, path, k::UNIT).map_or(1, |u| self.unit(u, &path.key(k::UNIT)));
                let partial_unit = match self.format_2(m, path, k::PARTIAL_UNIT) {
                    None => PartialUnit::Prorate,
                    Some(_) => self.word(m, path, k::PARTIAL_UNIT, PartialUnit::Prorate),
                };
                let basis = self.word(m, path, k::BASIS, TierBasis::PostpaidVolume);
                if partial_unit == PartialUnit::RoundUp && basis == TierBasis::TotalVolume && unit > 1 {
                    self.add(ErrorKind::Invalid, &path.key(k::PARTIAL_UNIT), ListRule::RoundUpTotal);
                }
                Postpaid::Tiers(TierTable {
                    mode: self.word(m, path, k::MODE, TierMode::Reached),
                    basis,
                    tiers: self.tiers(t, &path.key(k::TIERS)),
                    source,
                    unit,
                    partial_unit,
                })
            }
        }
    }

    fn tiers(&mut self, v: &Value, path: &Path) -> Vec<Tier> {
        use keys::tier as k;
        let Some(raw) = self.take(json::array(v, path)) else { return Vec::new() };
        if raw.is_empty() {
            self.add(ErrorKind::TiersIncomplete, path, ListRule::NoTiers);
            return Vec::new();
        }
        if raw.len() > limits::MAX_TIERS {
            let (count, most) = (raw.len(), limits::MAX_TIERS);
            self.add(ErrorKind::TooLarge, path, ListRule::TooMany { count, what: Part::Tiers, most });
            return Vec::new();
        }
        let last = raw.len() - 1;
        let mut out: Vec<Tier> = Vec::with_capacity(raw.len());
        // The smallest volume of the next tier.
        let mut from = 0u64;
        for (i, tv) in raw.iter().enumerate() {
            let tp = path.at(i);
            let Some(m) = self.obj(tv, &tp, "a tier like {\"up_to\": 1000, \"price\": \"1\"}", k::ALL) else {
                continue;
            };
            let up_to = json::optional(m, k::UP_TO)
                .and_then(|u| self.take(json::whole(u, &tp.key(k::UP_TO), limits::MAX_PACK_CALLS)));
            let included = self.opt_bool(m, &tp, k::UP_TO_INCLUDED, false);
            let contact_sales = self.opt_bool(m, &tp, k::CONTACT_SALES, false);
            match up_to {
                Some(u) if u == 0 || u < from || (u == from && !included) => self.add(
                    ErrorKind::TiersNotIncreasing,
                    &tp.key(k::UP_TO),
                    if i == 0 {
                        ListRule::FirstTierEmpty
                    } else {
                        ListRule::TiersNotIncreasing { up_to: u, covered: from.saturating_sub(1) }
                    },
                ),
                Some(_) if i == last => {
                    self.add(ErrorKind::TiersIncomplete, &tp.key(k::UP_TO), ListRule::LastTierBounded)
                }
                None if i != last && json::optional(m, k::UP_TO).is_none() => {
                    self.add(ErrorKind::TiersIncomplete, &tp.key(k::UP_TO), ListRule::UnboundedNotLast)
                }
                None if included => {
                    self.add(ErrorKind::TiersIncomplete, &tp.key(k::UP_TO_INCLUDED), ListRule::UnboundedIncluded)
                }
                _ => {}
            }
            let price = match (json::optional(m, k::PRICE).is_some(), contact_sales) {
                (true, false) => self.price(m, &tp, k::PRICE),
                (false, true) => None,
                (true, true) => {
                    self.add(ErrorKind::TierPrice, &tp, ListRule::PriceAndContact);
                    None
                }
                (false, false) => {
                    self.add(ErrorKind::TierPrice, &tp.key(k::PRICE), ListRule::NoTierPrice);
                    None
                }
            };
            let flat_fee = self.format_2(m, &tp, k::FLAT_FEE).and_then(|_| self.price(m, &tp, k::FLAT_FEE));
            out.push(Tier { from, up_to, includes_up_to: included, price, flat_fee });
            if let Some(u) = up_to {
                from = from.max(if included { u.saturating_add(1) } else { u });
            }
        }
        out
    }
}

fn note(v: &Value, path: &Path) -> Res<Note> {
    use keys::note as k;
    let m = json::object(v, path, "a note like {\"zh\": …, \"en\": …}", k::ALL)?;
    let read = |key: &'static str| -> Res<String> {
        let s = json::string(json::required(m, path, key)?, &path.key(key))?;
        json::nonempty(s, &path.key(key))?;
        Ok(s.to_string())
    };
    let opt = |key: &'static str| -> Res<Option<String>> {
        json::optional(m, key).map(|v| json::string(v, &path.key(key)).map(str::to_string)).transpose()
    };
    let mut applies_to = Vec::new();
    if let Some(v) = json::optional(m, k::APPLIES_TO) {
        for (j, id) in json::array(v, &path.key(k::APPLIES_TO))?.iter().enumerate() {
            applies_to.push(json::string(id, &path.key(k::APPLIES_TO).at(j))?.to_string());
        }
    }
    let headline = json::optional(m, k::HEADLINE).map(|v| json::text(v, &path.key(k::HEADLINE))).transpose()?;
    Ok(Note {
        id: opt(k::ID)?,
        applies_to,
        text: Text::new(read(k::ZH)?, read(k::EN)?),
        source: opt(k::SOURCE)?,
        headline,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rating::{self, Tariff};

    fn errors(json: &str) -> Vec<String> {
        parse_price_list(json).unwrap_err().0.iter().map(|e| e.to_string()).collect()
    }

    fn with_tiers(tiers: &str) -> String {
        format!(r#"{{"format":1,"services":[{{"id":"s","name":"S","postpaid":{{"tiers":{tiers}}}}}]}}"#)
    }

    fn with_sizes(sizes: &str) -> String {
        format!(
            r#"{{"format":1,"pack_products":[{{"id":"p","name":"P","sizes":{sizes}}}],
                "services":[{{"id":"s","name":"S","packs":"p","postpaid":null}}]}}"#
        )
    }

    #[test]
    fn a_minimal_list_parses_with_defaults() {
        let c = parse_price_list(&with_tiers(r#"[{"up_to":1000,"price":"1"},{"price":"0.85"}]"#)).unwrap();
        let Postpaid::Tiers(t) = &c.services[0].postpaid else { panic!("tiers expected") };
        assert_eq!((t.mode, t.basis), (TierMode::Reached, TierBasis::PostpaidVolume));
        assert_eq!(t.tiers[1].from, 1000);
        assert_eq!(t.tiers[1].up_to, None);
        assert_eq!(c.currency, "CNY");
        assert_eq!(c.pack_draw, PackDraw::EffectiveOrder);
        // RMB, the yuan's everyday name, is the yuan: no exchange rate to ask for.
        let rmb = r#"{"format":2,"currency":"RMB","services":[{"id":"b","name":"B","group":"custom","postpaid":{"tiers":[{"price":"0.6"}]}}]}"#;
        assert_eq!(parse_price_list(rmb).unwrap().currency, "CNY");
    }

    #[test]
    fn unordered_or_overlapping_tiers_are_refused() {
        let e = errors(&with_tiers(r#"[{"up_to":1000,"price":"1"},{"up_to":500,"price":"0.9"},{"price":"0.8"}]"#));
        assert_eq!(
            e,
            vec![
                "services[0].postpaid.tiers[1].up_to: tiers must increase: this tier ends at 500 but the one before already covers up to 999"
            ]
        );
        let e = errors(&with_tiers(r#"[{"up_to":1000,"price":"1"},{"up_to":1000,"price":"0.9"},{"price":"0.8"}]"#));
        assert!(e[0].starts_with("services[0].postpaid.tiers[1].up_to: tiers must increase"));
        let e = errors(&with_tiers(r#"[{"up_to":0,"price":"1"},{"price":"0.8"}]"#));
        assert_eq!(e, vec!["services[0].postpaid.tiers[0].up_to: the first tier must end above 0 calls"]);
    }

    #[test]
    fn an_included_bound_moves_the_next_tier_up_by_one() {
        let c = parse_price_list(&with_tiers(
            r#"[{"up_to":1000,"up_to_included":true,"price":"1"},{"up_to":10000,"price":"0.85"},{"price":"0.75"}]"#,
        ))
        .unwrap();
        let Postpaid::Tiers(t) = &c.services[0].postpaid else { panic!("tiers expected") };
        assert_eq!(
            (t.tiers[0].last(), t.tiers[1].from, t.tiers[1].last(), t.tiers[2].from),
            (Some(1000), 1001, Some(9999), 10000)
        );
        let Tariff::Rates(rates) = rating::tariff(&c.services[0].postpaid, None) else { panic!("rates expected") };
        assert_eq!((rates.row_of(1000), rates.row_of(1001), rates.row_of(9999), rates.row_of(10000)), (0, 1, 1, 2));
        assert_eq!(t.range_labels(), vec!["0 < x ≤ 1,000", "1,000 < x < 10,000", "x ≥ 10,000"]);
        // An included bound followed by the next integer leaves a one-volume tier: allowed.
        assert!(parse_price_list(&with_tiers(r#"[{"up_to":5,"up_to_included":true,"price":"1"},{"up_to":6,"up_to_included":true,"price":"2"},{"price":"3"}]"#)).is_ok());
        // An exclusive bound equal to the last included one leaves an empty tier: refused.
        let e = errors(&with_tiers(
            r#"[{"up_to":5,"up_to_included":true,"price":"1"},{"up_to":6,"price":"2"},{"price":"3"}]"#,
        ));
        assert_eq!(
            e,
            vec![
                "services[0].postpaid.tiers[1].up_to: tiers must increase: this tier ends at 6 but the one before already covers up to 5"
            ]
        );
    }

    #[test]
    fn tier_tables_must_cover_every_volume() {
        let e = errors(&with_tiers(r#"[{"up_to":1000,"price":"1"}]"#));
        assert_eq!(
            e,
            vec![
                "services[0].postpaid.tiers[0].up_to: the last tier must have no \"up_to\", so that every volume has a tier"
            ]
        );
        let e = errors(&with_tiers(r#"[{"price":"1"},{"price":"2"}]"#));
        assert_eq!(
            e,
            vec![
                "services[0].postpaid.tiers[0].up_to: only the last tier may be unbounded; this one needs an \"up_to\""
            ]
        );
        let e = errors(&with_tiers("[]"));
        assert_eq!(e, vec!["services[0].postpaid.tiers: a tier table needs at least one tier"]);
    }

    #[test]
    fn a_tier_needs_a_price_or_contact_sales() {
        let e = errors(&with_tiers(r#"[{"up_to":10},{"price":"1","contact_sales":true}]"#));
        assert_eq!(
            e,
            vec![
                "services[0].postpaid.tiers[0].price: the tier has no price; give one, or write \"contact_sales\": true",
                "services[0].postpaid.tiers[1]: a tier has either a price or \"contact_sales\": true, not both",
            ]
        );
    }

    #[test]
    fn negative_and_malformed_prices_are_refused() {
        let e = errors(&with_tiers(r#"[{"up_to":10,"price":"-0.5"},{"price":"abc"}]"#));
        assert_eq!(e.len(), 2);
        assert!(e[0].starts_with("services[0].postpaid.tiers[0].price: price -0.5 is negative"));
        assert!(e[1].starts_with("services[0].postpaid.tiers[1].price: \"abc\" is not a price"));
        let e = errors(&with_tiers(r#"[{"price":0.85}]"#));
        assert_eq!(
            e,
            vec![
                "services[0].postpaid.tiers[0].price: write prices as strings so nothing is lost to rounding: \"0.85\", not 0.85"
            ]
        );
    }

    #[test]
    fn a_pack_with_no_price_is_refused() {
        let e = errors(&with_sizes(r#"[{"calls":1000}]"#));
        assert_eq!(
            e,
            vec![
                "pack_products[0].sizes[0].price: the 1,000-call pack has no price; give one, or write \"offered\": false where the table shows \"-\""
            ]
        );
        let c =
            parse_price_list(&with_sizes(r#"[{"calls":1000,"price":"930"},{"calls":5000,"offered":false}]"#)).unwrap();
        assert_eq!(c.pack_products[0].sizes[1].price, None);
        let e = errors(&with_sizes(
            r#"[{"calls":1000,"price":"930"},{"calls":1000,"price":"900"},{"calls":0,"price":"1"}]"#,
        ));
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(e[0].contains("sizes[1].calls: sizes must increase"));
        assert!(e[1].contains("sizes[2].calls: a pack must hold at least 1 call"));
    }

    #[test]
    fn references_and_names_must_resolve() {
        let e = errors(
            r#"{"format":1,"services":[{"id":"s","name":"S","packs":"nope","postpaid":null},{"id":"s","name":"T","postpaid":null}]}"#,
        );
        assert_eq!(
            e,
            vec![
                "services[0].packs: no pack product has the id \"nope\"",
                "services[1]: \"s\" already names another service; ids, names and aliases must be unique",
            ]
        );
    }

    #[test]
    fn format_syntax_and_shape_errors_say_where() {
        assert_eq!(
            errors(r#"{"format":3,"services":[]}"#),
            vec!["format: format 3 is not supported; this version reads formats 1 and 2"]
        );
        assert_eq!(
            errors(r#"{"services":[]}"#),
            vec![
                "format: missing: write \"format\": 1, or 2 for a list with units, flat fees, free quotas, minimums or commitments"
            ]
        );
        assert!(errors("{").remove(0).starts_with("not valid JSON"));
        assert_eq!(errors("[]"), vec!["a price list must be a JSON object"]);
        assert_eq!(errors(""), vec!["the price list is empty"]);
        let e = errors(
            r#"{"format":1,"services":[{"id":"s","name":"S","postpaid":{"tiers":[{"price":"1"}],"mode":"stepped"}}]}"#,
        );
        assert_eq!(e, vec!["services[0].postpaid.mode: \"stepped\" is not one of \"reached\", \"graduated\""]);
        let e = errors(r#"{"format":1,"services":[{"id":"s","nam":"S"}]}"#);
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e[0].starts_with("services[0].nam: unknown field `nam`; expected one of `id`, `name`"), "{e:?}");
        assert_eq!(e[1], "services[0].name: missing");
    }

    #[test]
    fn oversized_and_hostile_lists_are_refused_quickly() {
        let big = format!(r#"{{"format":1,"services":[],"x":"{}"}}"#, "a".repeat(limits::MAX_PRICE_LIST_BYTES));
        assert!(errors(&big)[0].contains("the most accepted is 1,000,000 (1 MB)"));
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(errors(&deep)[0].contains("recursion limit"));
        let many: Vec<String> = (1..=100_000).map(|i| format!(r#"{{"up_to":{i},"price":"1"}}"#)).collect();
        let huge = with_tiers(&format!("[{},{{\"price\":\"1\"}}]", many.join(",")));
        assert!(errors(&huge)[0].starts_with("the price list is 2,"), "100,000 tiers are over 1 MB");
        let compact: Vec<String> = (1..=200).map(|i| format!(r#"{{"up_to":{i},"price":"1"}}"#)).collect();
        let json = with_tiers(&format!("[{},{{\"price\":\"1\"}}]", compact.join(",")));
        assert_eq!(errors(&json), vec!["services[0].postpaid.tiers: 201 tiers; the most accepted is 100"]);
    }
}
