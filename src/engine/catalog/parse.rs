//! Parsing and validating a price list (format 1) from JSON.
//!
//! Two stages: serde reads the JSON into raw structs (a syntax or type error stops there, with its
//! path), then [`validate`] checks every rule a price table must satisfy and reports *all* the
//! problems it finds, each with the path of the field to fix
//! (`services[3].postpaid.tiers[1].up_to: tiers must increase …`).

use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::fmt;

use super::{
    CallsPerUnit, Catalog, Group, Note, PackDraw, PackProduct, PackSize, Postpaid, Service, Tier, TierBasis, TierMode,
    TierTable, Unpriced,
};
use crate::engine::count;
use crate::engine::lang::Text;
use crate::engine::limits;
use crate::engine::money::group_u64;

/// The one price-list format this build reads.
pub const FORMAT: u64 = 1;

/// One problem in a price list: where it is and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogError {
    /// The field's path, `services[3].postpaid.tiers[1].up_to`; empty for the whole document.
    pub path: String,
    pub message: String,
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.path.is_empty() { f.write_str(&self.message) } else { write!(f, "{}: {}", self.path, self.message) }
    }
}

/// Every problem found in a price list (never empty).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct CatalogErrors(pub Vec<CatalogError>);

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

fn one(path: impl Into<String>, message: impl Into<String>) -> CatalogErrors {
    CatalogErrors(vec![CatalogError { path: path.into(), message: message.into() }])
}

/// Parses and validates a price list.
pub fn parse_price_list(json: &str) -> Result<Catalog, CatalogErrors> {
    if json.len() > limits::MAX_PRICE_LIST_BYTES {
        return Err(one(
            "",
            format!(
                "the price list is {} bytes; the most accepted is {} (1 MB)",
                group_u64(json.len() as u64),
                group_u64(limits::MAX_PRICE_LIST_BYTES as u64)
            ),
        ));
    }
    if json.trim().is_empty() {
        return Err(one("", "the price list is empty"));
    }
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| one("", format!("not valid JSON: {e}")))?;
    parse_price_list_value(value)
}

/// Validates a price list already read as a JSON value (the JS API's path).
pub fn parse_price_list_value(value: serde_json::Value) -> Result<Catalog, CatalogErrors> {
    let Some(obj) = value.as_object() else {
        return Err(one("", "a price list must be a JSON object"));
    };
    match obj.get("format") {
        Some(f) if f.as_u64() == Some(FORMAT) => {}
        Some(f) => {
            return Err(one("format", format!("format {f} is not supported; this version reads format {FORMAT}")));
        }
        None => return Err(one("format", format!("missing: write \"format\": {FORMAT}"))),
    }
    let raw: RawCatalog = serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        one(if path == "." { String::new() } else { path }, e.into_inner().to_string())
    })?;
    validate(raw)
}

// ---- raw shapes, as serde reads them -------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    #[allow(dead_code)]
    format: u64,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    name: Option<Text>,
    #[serde(default)]
    currency: Option<String>,
    #[serde(default)]
    sources: BTreeMap<String, String>,
    #[serde(default)]
    rules: RawRules,
    #[serde(default)]
    assumptions: Vec<RawNote>,
    #[serde(default)]
    groups: Vec<RawGroup>,
    #[serde(default)]
    pack_products: Vec<RawPackProduct>,
    services: Vec<RawService>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRules {
    #[serde(default)]
    pack_draw: Option<PackDraw>,
    #[serde(default)]
    #[allow(dead_code)]
    pack_draw_source: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    postpaid_after_packs_source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNote {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    applies_to: Vec<String>,
    zh: String,
    en: String,
    #[serde(default)]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    id: String,
    name: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPackProduct {
    id: String,
    name: Text,
    #[serde(default)]
    validity_months: Option<u32>,
    #[serde(default)]
    refund_unused_within_days: Option<u32>,
    #[serde(default)]
    source: Option<String>,
    sizes: Vec<RawPackSize>,
    #[serde(default)]
    assumptions: Vec<RawNote>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPackSize {
    #[serde(deserialize_with = "count::pack_calls")]
    calls: u64,
    #[serde(default)]
    price: Option<RawPrice>,
    #[serde(default)]
    list_price: Option<RawPrice>,
    #[serde(default)]
    offered: Option<bool>,
    #[serde(default)]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawService {
    id: String,
    name: Text,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    group: Option<String>,
    #[serde(default)]
    postpaid: Option<RawPostpaid>,
    #[serde(default)]
    packs: Option<String>,
    #[serde(default)]
    packs_source: Option<String>,
    #[serde(default)]
    calls_per_unit: Option<RawCallsPerUnit>,
    #[serde(default)]
    refund: Option<RawRefund>,
    #[serde(default)]
    #[allow(dead_code)]
    refund_source: Option<String>,
    #[serde(default)]
    assumptions: Vec<RawNote>,
    #[serde(default)]
    notes: Vec<RawNote>,
}

#[derive(Deserialize, Clone, Copy, PartialEq)]
#[serde(rename_all = "snake_case")]
enum RawRefund {
    /// No refund of any kind (eKYC).
    None,
    /// The pack product's own refund rule applies.
    Packs,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPostpaid {
    #[serde(default)]
    mode: Option<TierMode>,
    #[serde(default)]
    basis: Option<TierBasis>,
    #[serde(default)]
    tiers: Option<Vec<RawTier>>,
    #[serde(default)]
    unpriced: Option<Unpriced>,
    #[serde(default)]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTier {
    #[serde(default, deserialize_with = "count::opt_pack_calls")]
    up_to: Option<u64>,
    /// Whether `up_to` itself belongs to this tier (`x ≤ up_to`); default false (`x < up_to`).
    #[serde(default)]
    up_to_included: bool,
    #[serde(default)]
    price: Option<RawPrice>,
    #[serde(default)]
    contact_sales: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCallsPerUnit {
    #[serde(deserialize_with = "count::pack_calls")]
    calls: u64,
    unit: Text,
    #[serde(default)]
    source: Option<String>,
}

/// A price as the list writes it: a decimal string. A JSON number is refused, because a float
/// cannot carry 0.85 exactly.
struct RawPrice(String);

impl<'de> Deserialize<'de> for RawPrice {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = RawPrice;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a price as a decimal string, like \"0.85\"")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<RawPrice, E> {
                Ok(RawPrice(s.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<RawPrice, E> {
                Err(E::custom(format!("write prices as strings so nothing is lost to rounding: \"{v}\", not {v}")))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<RawPrice, E> {
                Err(E::custom(format!("write prices as strings so nothing is lost to rounding: \"{v}\", not {v}")))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<RawPrice, E> {
                Err(E::custom(format!("write prices as strings so nothing is lost to rounding: \"{v}\", not {v}")))
            }
        }
        d.deserialize_any(V)
    }
}

// ---- validation ---------------------------------------------------------------------------

/// Collects problems while walking the raw list.
#[derive(Default)]
struct Problems(Vec<CatalogError>);

impl Problems {
    fn add(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(CatalogError { path: path.into(), message: message.into() });
    }

    fn text(&mut self, path: &str, t: &Text) {
        for (lang, s) in [("zh", &t.zh), ("en", &t.en)] {
            self.string(&format!("{path}.{lang}"), s);
        }
    }

    fn string(&mut self, path: &str, s: &str) {
        if s.trim().is_empty() {
            self.add(path, "must not be empty");
        } else if s.chars().count() > limits::MAX_TEXT_CHARS {
            self.add(path, format!("is longer than {} characters", limits::MAX_TEXT_CHARS));
        }
    }

    fn price(&mut self, path: &str, raw: &RawPrice) -> Option<Decimal> {
        match count::parse_price(&raw.0) {
            Ok(d) => Some(d),
            Err(m) => {
                self.add(path, m);
                None
            }
        }
    }

    fn notes(&mut self, path: &str, raw: Vec<RawNote>) -> Vec<Note> {
        raw.into_iter()
            .enumerate()
            .map(|(i, n)| {
                let text = Text::new(n.zh, n.en);
                self.text(&format!("{path}[{i}]"), &text);
                Note { id: n.id, applies_to: n.applies_to, text, source: n.source }
            })
            .collect()
    }
}

fn validate(raw: RawCatalog) -> Result<Catalog, CatalogErrors> {
    let mut p = Problems::default();

    if raw.services.len() > limits::MAX_SERVICES {
        p.add("services", format!("{} services; the most accepted is {}", raw.services.len(), limits::MAX_SERVICES));
        return Err(CatalogErrors(p.0));
    }
    if raw.pack_products.len() > limits::MAX_PACK_PRODUCTS {
        p.add(
            "pack_products",
            format!("{} pack products; the most accepted is {}", raw.pack_products.len(), limits::MAX_PACK_PRODUCTS),
        );
        return Err(CatalogErrors(p.0));
    }

    let currency = raw.currency.unwrap_or_else(|| "CNY".to_string());
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
        p.add("currency", format!("{currency:?} is not a currency code; write three capital letters, like \"CNY\""));
    }
    let name = raw.name.unwrap_or_else(|| Text::new("自定义价目表", "Custom price list"));
    p.text("name", &name);
    let assumptions = p.notes("assumptions", raw.assumptions);

    let mut groups = Vec::new();
    let mut group_ids = HashSet::new();
    for (i, g) in raw.groups.into_iter().enumerate() {
        p.string(&format!("groups[{i}].id"), &g.id);
        p.text(&format!("groups[{i}].name"), &g.name);
        if !group_ids.insert(g.id.clone()) {
            p.add(format!("groups[{i}].id"), format!("group id {:?} is used twice", g.id));
        }
        groups.push(Group { id: g.id, name: g.name });
    }

    let pack_products: Vec<PackProduct> = raw
        .pack_products
        .into_iter()
        .enumerate()
        .map(|(i, r)| pack_product(&mut p, &format!("pack_products[{i}]"), r))
        .collect();
    let mut pack_ids = HashSet::new();
    for (i, pp) in pack_products.iter().enumerate() {
        if !pack_ids.insert(pp.id.as_str()) {
            p.add(format!("pack_products[{i}].id"), format!("pack product id {:?} is used twice", pp.id));
        }
    }

    let mut services = Vec::new();
    let mut names_seen: HashSet<String> = HashSet::new();
    for (i, r) in raw.services.into_iter().enumerate() {
        let path = format!("services[{i}]");
        let s = service(&mut p, &path, r, &pack_ids, &group_ids, groups.is_empty());
        // Ids, names and aliases all find a service, so none may be shared.
        let mut own = HashSet::new();
        for key in [&s.id, &s.name.zh, &s.name.en].into_iter().chain(s.aliases.iter()) {
            if own.insert(key.clone()) && !names_seen.insert(key.clone()) {
                p.add(
                    path.to_string(),
                    format!("{key:?} already names another service; ids, names and aliases must be unique"),
                );
            }
        }
        services.push(s);
    }

    for (i, a) in assumptions.iter().enumerate() {
        for (k, id) in a.applies_to.iter().enumerate() {
            if !services.iter().any(|s| &s.id == id) {
                p.add(format!("assumptions[{i}].applies_to[{k}]"), format!("no service has the id {id:?}"));
            }
        }
    }
    if !p.0.is_empty() {
        return Err(CatalogErrors(p.0));
    }
    Ok(Catalog {
        id: raw.id.unwrap_or_else(|| "custom".to_string()),
        name,
        currency,
        sources: raw.sources,
        pack_draw: raw.rules.pack_draw.unwrap_or(PackDraw::EffectiveOrder),
        assumptions,
        groups,
        pack_products,
        services,
    })
}

fn pack_product(p: &mut Problems, path: &str, r: RawPackProduct) -> PackProduct {
    p.string(&format!("{path}.id"), &r.id);
    p.text(&format!("{path}.name"), &r.name);
    let validity = r.validity_months.unwrap_or(12);
    if validity == 0 || validity as usize > limits::MAX_MONTHS {
        p.add(
            format!("{path}.validity_months"),
            format!("must be from 1 to {} months, not {validity}", limits::MAX_MONTHS),
        );
    }
    if r.sizes.is_empty() {
        p.add(format!("{path}.sizes"), "a pack product needs at least one size");
    }
    if r.sizes.len() > limits::MAX_TIERS {
        p.add(format!("{path}.sizes"), format!("{} sizes; the most accepted is {}", r.sizes.len(), limits::MAX_TIERS));
    }
    let mut sizes: Vec<PackSize> = Vec::new();
    for (j, s) in r.sizes.into_iter().enumerate().take(limits::MAX_TIERS) {
        let sp = format!("{path}.sizes[{j}]");
        if s.calls == 0 {
            p.add(format!("{sp}.calls"), "a pack must hold at least 1 call");
        }
        if let Some(prev) = sizes.last()
            && s.calls <= prev.calls
        {
            p.add(
                format!("{sp}.calls"),
                format!("sizes must increase: {} comes after {}", group_u64(s.calls), group_u64(prev.calls)),
            );
        }
        let offered = s.offered.unwrap_or(true);
        let price = match (offered, &s.price) {
            (true, Some(raw)) => p.price(&format!("{sp}.price"), raw),
            (true, None) => {
                p.add(
                    format!("{sp}.price"),
                    format!(
                        "the {}-call pack has no price; give one, or write \"offered\": false where the table shows \"-\"",
                        group_u64(s.calls)
                    ),
                );
                None
            }
            (false, Some(_)) => {
                p.add(format!("{sp}.price"), "a size that is not offered cannot have a price");
                None
            }
            (false, None) => None,
        };
        let list_price = s.list_price.as_ref().and_then(|lp| p.price(&format!("{sp}.list_price"), lp));
        sizes.push(PackSize { calls: s.calls, price, list_price, source: s.source.or_else(|| r.source.clone()) });
    }
    let assumptions = p.notes(&format!("{path}.assumptions"), r.assumptions);
    PackProduct {
        id: r.id,
        name: r.name,
        validity_months: validity,
        refund_unused_within_days: r.refund_unused_within_days,
        source: r.source,
        sizes,
        assumptions,
    }
}

fn service(
    p: &mut Problems,
    path: &str,
    r: RawService,
    pack_ids: &HashSet<&str>,
    group_ids: &HashSet<String>,
    groups_free: bool,
) -> Service {
    p.string(&format!("{path}.id"), &r.id);
    p.text(&format!("{path}.name"), &r.name);
    for (k, a) in r.aliases.iter().enumerate() {
        p.string(&format!("{path}.aliases[{k}]"), a);
    }
    let group = r.group.unwrap_or_else(|| "custom".to_string());
    if !groups_free && !group_ids.contains(&group) {
        p.add(format!("{path}.group"), format!("no group has the id {group:?}"));
    }
    if let Some(id) = &r.packs
        && !pack_ids.contains(id.as_str())
    {
        p.add(format!("{path}.packs"), format!("no pack product has the id {id:?}"));
    }
    let postpaid = match r.postpaid {
        None => Postpaid::NotOffered,
        Some(pp) => postpaid(p, &format!("{path}.postpaid"), pp),
    };
    let calls_per_unit = r.calls_per_unit.map(|c| {
        if c.calls == 0 {
            p.add(format!("{path}.calls_per_unit.calls"), "must be at least 1");
        }
        p.text(&format!("{path}.calls_per_unit.unit"), &c.unit);
        CallsPerUnit { calls: c.calls, unit: c.unit, source: c.source }
    });
    let assumptions = p.notes(&format!("{path}.assumptions"), r.assumptions);
    let notes = p.notes(&format!("{path}.notes"), r.notes);
    Service {
        id: r.id,
        name: r.name,
        aliases: r.aliases,
        group,
        postpaid,
        packs: r.packs,
        packs_source: r.packs_source,
        calls_per_unit,
        refundable: r.refund != Some(RawRefund::None),
        assumptions,
        notes,
    }
}

fn postpaid(p: &mut Problems, path: &str, r: RawPostpaid) -> Postpaid {
    match (r.tiers, r.unpriced) {
        (Some(_), Some(_)) => {
            p.add(path, "give either \"tiers\" or \"unpriced\", not both");
            Postpaid::NotOffered
        }
        (None, Some(reason)) => Postpaid::Unpriced { reason, source: r.source },
        (None, None) => {
            p.add(path, "give \"tiers\" (a price table) or \"unpriced\" (\"on_request\" or \"not_listed\"); for no postpaid at all, write null");
            Postpaid::NotOffered
        }
        (Some(raw_tiers), None) => Postpaid::Tiers(TierTable {
            mode: r.mode.unwrap_or(TierMode::Reached),
            basis: r.basis.unwrap_or(TierBasis::PostpaidVolume),
            tiers: tiers(p, &format!("{path}.tiers"), raw_tiers),
            source: r.source,
        }),
    }
}

fn tiers(p: &mut Problems, path: &str, raw: Vec<RawTier>) -> Vec<Tier> {
    if raw.is_empty() {
        p.add(path, "a tier table needs at least one tier");
        return Vec::new();
    }
    if raw.len() > limits::MAX_TIERS {
        p.add(path, format!("{} tiers; the most accepted is {}", group_u64(raw.len() as u64), limits::MAX_TIERS));
        return Vec::new();
    }
    let last = raw.len() - 1;
    let mut out: Vec<Tier> = Vec::with_capacity(raw.len());
    // The smallest volume of the next tier.
    let mut from = 0u64;
    for (i, t) in raw.into_iter().enumerate() {
        let tp = format!("{path}[{i}]");
        match t.up_to {
            Some(u) if u == 0 || u < from || (u == from && !t.up_to_included) => p.add(
                format!("{tp}.up_to"),
                if i == 0 {
                    "the first tier must end above 0 calls".to_string()
                } else {
                    format!(
                        "tiers must increase: this tier ends at {} but the one before already covers up to {}",
                        group_u64(u),
                        group_u64(from.saturating_sub(1))
                    )
                },
            ),
            Some(_) if i == last => {
                p.add(format!("{tp}.up_to"), "the last tier must have no \"up_to\", so that every volume has a tier")
            }
            None if i != last => {
                p.add(format!("{tp}.up_to"), "only the last tier may be unbounded; this one needs an \"up_to\"")
            }
            None if t.up_to_included => {
                p.add(format!("{tp}.up_to_included"), "an unbounded tier has no \"up_to\" to include")
            }
            _ => {}
        }
        let price = match (&t.price, t.contact_sales.unwrap_or(false)) {
            (Some(raw), false) => p.price(&format!("{tp}.price"), raw),
            (None, true) => None,
            (Some(_), true) => {
                p.add(&tp, "a tier has either a price or \"contact_sales\": true, not both");
                None
            }
            (None, false) => {
                p.add(format!("{tp}.price"), "the tier has no price; give one, or write \"contact_sales\": true");
                None
            }
        };
        out.push(Tier { from, up_to: t.up_to, includes_up_to: t.up_to_included, price });
        if let Some(u) = t.up_to {
            let next = if t.up_to_included { u.saturating_add(1) } else { u };
            from = from.max(next);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!((t.tier_index(1000), t.tier_index(1001), t.tier_index(9999), t.tier_index(10000)), (0, 1, 1, 2));
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
            errors(r#"{"format":2,"services":[]}"#),
            vec!["format: format 2 is not supported; this version reads format 1"]
        );
        assert_eq!(errors(r#"{"services":[]}"#), vec!["format: missing: write \"format\": 1"]);
        assert!(errors("{").remove(0).starts_with("not valid JSON"));
        assert_eq!(errors("[]"), vec!["a price list must be a JSON object"]);
        assert_eq!(errors(""), vec!["the price list is empty"]);
        let e = errors(
            r#"{"format":1,"services":[{"id":"s","name":"S","postpaid":{"tiers":[{"price":"1"}],"mode":"stepped"}}]}"#,
        );
        assert!(e[0].starts_with("services[0].postpaid.mode: unknown variant `stepped`"), "{e:?}");
        let e = errors(r#"{"format":1,"services":[{"id":"s","nam":"S"}]}"#);
        assert!(e[0].starts_with("services[0].nam: unknown field `nam`, expected one of `id`, `name`"), "{e:?}");
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
