//! The published JSON Schema (`schema/price-list.schema.json`) names exactly the keys the parser
//! reads (`packwise::engine::catalog::keys`), object by object, and the JS API's declarations
//! name them too. (`scripts/check-schema.mjs` checks the other half with a real validator: the
//! schema accepts every list the parser accepts in `tests/vectors/invalid-price-lists.json`, and
//! rejects the invalid ones except where the vector says why a schema cannot see the problem.)
//! Run: `cargo test --test schema`.
#![cfg(not(target_arch = "wasm32"))] // native only: the browser suite is tests/web.rs

use packwise::engine::catalog::keys;
use serde_json::Value;
use std::collections::BTreeSet;

fn schema() -> Value {
    serde_json::from_str(include_str!("../schema/price-list.schema.json")).expect("the schema is JSON")
}

/// The property names of a schema object.
fn properties(v: &Value) -> BTreeSet<String> {
    v["properties"].as_object().unwrap_or_else(|| panic!("no properties in {v}")).keys().cloned().collect()
}

fn all(keys: &[&str]) -> BTreeSet<String> {
    keys.iter().map(|k| k.to_string()).collect()
}

#[test]
fn the_schema_names_exactly_the_parsers_keys() {
    let s = schema();
    let d = &s["$defs"];
    let postpaid = &d["postpaid"]["oneOf"];
    let postpaid_keys: BTreeSet<String> =
        postpaid.as_array().unwrap().iter().filter(|v| v["type"] == "object").flat_map(properties).collect();
    let pairs: Vec<(&keys::Object, BTreeSet<String>)> = vec![
        (&keys::list::OBJECT, properties(&s)),
        (&keys::rules::OBJECT, properties(&s["properties"]["rules"])),
        (&keys::group::OBJECT, properties(&s["properties"]["groups"]["items"])),
        (&keys::product::OBJECT, properties(&d["pack_product"])),
        (&keys::size::OBJECT, properties(&d["pack_product"]["properties"]["sizes"]["items"])),
        (&keys::service::OBJECT, properties(&d["service"])),
        (&keys::per_unit::OBJECT, properties(&d["service"]["properties"]["calls_per_unit"])),
        (&keys::postpaid::OBJECT, postpaid_keys),
        (&keys::tier::OBJECT, properties(&d["tier"])),
        (&keys::note::OBJECT, properties(&d["note"])),
        (&keys::free_quota::OBJECT, properties(&d["service"]["properties"]["free_quota"])),
        (&keys::minimum::OBJECT, properties(&d["service"]["properties"]["minimum"])),
        (&keys::commitment::OBJECT, properties(&d["commitment"])),
    ];
    assert_eq!(pairs.len(), keys::OBJECTS.len(), "every object of the format is compared");
    for (object, in_schema) in pairs {
        assert_eq!(in_schema, all(object.keys), "the {}'s keys", object.name);
    }
    let text = &d["text"]["oneOf"][1];
    assert_eq!(properties(text), all(&[keys::text::ZH, keys::text::EN]));
}

#[test]
fn the_schema_offers_exactly_the_parsers_words() {
    use keys::Word;
    use packwise::engine::catalog::{PackDraw, PartialUnit, TierBasis, TierMode, Unpriced};
    let s = schema();
    let d = &s["$defs"];
    let words = |v: &Value| -> BTreeSet<String> {
        v["enum"]
            .as_array()
            .unwrap_or_else(|| panic!("no enum in {v}"))
            .iter()
            .map(|w| w.as_str().unwrap().to_string())
            .collect()
    };
    let postpaid = &d["postpaid"]["oneOf"];
    assert_eq!(words(&postpaid[1]["properties"]["mode"]), all(&TierMode::words()));
    assert_eq!(words(&postpaid[1]["properties"]["partial_unit"]), all(&PartialUnit::words()));
    assert_eq!(words(&postpaid[1]["properties"]["basis"]), all(&TierBasis::words()));
    assert_eq!(words(&postpaid[2]["properties"]["unpriced"]), all(&Unpriced::words()));
    assert_eq!(words(&s["properties"]["rules"]["properties"]["pack_draw"]), all(&PackDraw::words()));
    assert_eq!(words(&d["service"]["properties"]["refund"]), all(&keys::Refundable::words()));
}
