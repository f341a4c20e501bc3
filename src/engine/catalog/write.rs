//! Writing a price list back as format-1 JSON, with the same [`keys`](super::keys) the parser
//! reads: what an estimate carrying its own list puts in share links, storage and exports.
//! Parsing what this writes gives the same [`Catalog`] again (`tests/price_lists.rs`).

use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::keys::{self, Refundable, Word};
use super::parse::FORMAT;
use super::{CallsPerUnit, Catalog, Group, Note, PackProduct, PackSize, Postpaid, Service, Tier};
use crate::engine::lang::Text;

/// The list as a JSON value (format 1).
pub fn to_value(c: &Catalog) -> Value {
    use keys::list as k;
    let mut m = Map::new();
    m.insert(k::FORMAT.into(), json!(FORMAT));
    m.insert(k::ID.into(), json!(c.id));
    m.insert(k::NAME.into(), text(&c.name));
    m.insert(k::CURRENCY.into(), json!(c.currency));
    if !c.sources.is_empty() {
        m.insert(k::SOURCES.into(), json!(c.sources));
    }
    let mut rules = Map::new();
    rules.insert(keys::rules::PACK_DRAW.into(), json!(c.pack_draw.word()));
    opt(&mut rules, keys::rules::PACK_DRAW_SOURCE, &c.pack_draw_source);
    opt(&mut rules, keys::rules::POSTPAID_AFTER_PACKS_SOURCE, &c.postpaid_after_packs_source);
    m.insert(k::RULES.into(), Value::Object(rules));
    if !c.assumptions.is_empty() {
        m.insert(k::ASSUMPTIONS.into(), notes(&c.assumptions));
    }
    if !c.groups.is_empty() {
        m.insert(k::GROUPS.into(), Value::Array(c.groups.iter().map(group).collect()));
    }
    if !c.pack_products.is_empty() {
        m.insert(k::PACK_PRODUCTS.into(), Value::Array(c.pack_products.iter().map(product).collect()));
    }
    m.insert(k::SERVICES.into(), Value::Array(c.services.iter().map(service).collect()));
    Value::Object(m)
}

fn text(t: &Text) -> Value {
    if t.zh == t.en { json!(t.zh) } else { json!({ keys::text::ZH: t.zh, keys::text::EN: t.en }) }
}

fn price(d: Decimal) -> Value {
    Value::String(d.normalize().to_string())
}

fn opt(m: &mut Map<String, Value>, key: &str, v: &Option<String>) {
    if let Some(s) = v {
        m.insert(key.into(), json!(s));
    }
}

fn notes(ns: &[Note]) -> Value {
    use keys::note as k;
    Value::Array(
        ns.iter()
            .map(|n| {
                let mut m = Map::new();
                opt(&mut m, k::ID, &n.id);
                if !n.applies_to.is_empty() {
                    m.insert(k::APPLIES_TO.into(), json!(n.applies_to));
                }
                m.insert(k::ZH.into(), json!(n.text.zh));
                m.insert(k::EN.into(), json!(n.text.en));
                opt(&mut m, k::SOURCE, &n.source);
                Value::Object(m)
            })
            .collect(),
    )
}

fn group(g: &Group) -> Value {
    json!({ keys::group::ID: g.id, keys::group::NAME: text(&g.name) })
}

fn product(p: &PackProduct) -> Value {
    use keys::product as k;
    let mut m = Map::new();
    m.insert(k::ID.into(), json!(p.id));
    m.insert(k::NAME.into(), text(&p.name));
    m.insert(k::VALIDITY_MONTHS.into(), json!(p.validity_months));
    if let Some(d) = p.refund_unused_within_days {
        m.insert(k::REFUND_UNUSED_WITHIN_DAYS.into(), json!(d));
    }
    opt(&mut m, k::SOURCE, &p.source);
    m.insert(k::SIZES.into(), Value::Array(p.sizes.iter().map(|s| size(s, p.source.as_deref())).collect()));
    if !p.assumptions.is_empty() {
        m.insert(k::ASSUMPTIONS.into(), notes(&p.assumptions));
    }
    Value::Object(m)
}

fn size(s: &PackSize, product_source: Option<&str>) -> Value {
    use keys::size as k;
    let mut m = Map::new();
    m.insert(k::CALLS.into(), json!(s.calls));
    match s.price {
        Some(p) => {
            m.insert(k::PRICE.into(), price(p));
        }
        None => {
            m.insert(k::OFFERED.into(), json!(false));
        }
    }
    if let Some(l) = s.list_price {
        m.insert(k::LIST_PRICE.into(), price(l));
    }
    // A size without a source of its own takes its product's when read.
    if s.source.as_deref() != product_source {
        opt(&mut m, k::SOURCE, &s.source);
    }
    Value::Object(m)
}

fn service(s: &Service) -> Value {
    use keys::service as k;
    let mut m = Map::new();
    m.insert(k::ID.into(), json!(s.id));
    m.insert(k::NAME.into(), text(&s.name));
    if !s.aliases.is_empty() {
        m.insert(k::ALIASES.into(), json!(s.aliases));
    }
    m.insert(k::GROUP.into(), json!(s.group));
    m.insert(k::POSTPAID.into(), postpaid(&s.postpaid));
    opt(&mut m, k::PACKS, &s.packs);
    opt(&mut m, k::PACKS_SOURCE, &s.packs_source);
    if let Some(u) = &s.calls_per_unit {
        m.insert(k::CALLS_PER_UNIT.into(), per_unit(u));
    }
    m.insert(k::REFUND.into(), json!(Refundable(s.refundable).word()));
    opt(&mut m, k::REFUND_SOURCE, &s.refund_source);
    if let Some(f) = s.free_calls {
        m.insert(k::FREE_CALLS.into(), json!(f));
    }
    if !s.assumptions.is_empty() {
        m.insert(k::ASSUMPTIONS.into(), notes(&s.assumptions));
    }
    if !s.notes.is_empty() {
        m.insert(k::NOTES.into(), notes(&s.notes));
    }
    Value::Object(m)
}

fn per_unit(u: &CallsPerUnit) -> Value {
    use keys::per_unit as k;
    let mut m = Map::new();
    m.insert(k::CALLS.into(), json!(u.calls));
    m.insert(k::UNIT.into(), text(&u.unit));
    opt(&mut m, k::SOURCE, &u.source);
    Value::Object(m)
}

fn postpaid(p: &Postpaid) -> Value {
    use keys::postpaid as k;
    let mut m = Map::new();
    match p {
        Postpaid::NotOffered => return Value::Null,
        Postpaid::Unpriced { reason, source } => {
            m.insert(k::UNPRICED.into(), json!(reason.word()));
            opt(&mut m, k::SOURCE, source);
        }
        Postpaid::Tiers(t) => {
            m.insert(k::MODE.into(), json!(t.mode.word()));
            m.insert(k::BASIS.into(), json!(t.basis.word()));
            m.insert(k::TIERS.into(), Value::Array(t.tiers.iter().map(tier).collect()));
            opt(&mut m, k::SOURCE, &t.source);
        }
    }
    Value::Object(m)
}

fn tier(t: &Tier) -> Value {
    use keys::tier as k;
    let mut m = Map::new();
    if let Some(u) = t.up_to {
        m.insert(k::UP_TO.into(), json!(u));
        if t.includes_up_to {
            m.insert(k::UP_TO_INCLUDED.into(), json!(true));
        }
    }
    match t.price {
        Some(p) => m.insert(k::PRICE.into(), price(p)),
        None => m.insert(k::CONTACT_SALES.into(), json!(true)),
    };
    Value::Object(m)
}
