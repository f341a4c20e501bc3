//! Test vectors as data (`tests/vectors/*.json`, generated from document 001 by an independent
//! Python reading, `tests/vectors/generate.py`): every tier boundary on both sides for every
//! postpaid service, and every cell of the pack price tables. Run: `cargo test --test vectors`.
#![cfg(not(target_arch = "wasm32"))] // native only: the browser suite is tests/web.rs

mod common;
use common::{line, money, quote_json};
use packwise::engine::EstimateError;
use packwise::engine::catalog::builtin;

#[derive(serde::Deserialize)]
struct Boundary {
    service: String,
    calls: u64,
    total: Option<String>,
    source: String,
}

#[derive(serde::Deserialize)]
struct PackPrice {
    pack_product: String,
    size: u64,
    price: Option<String>,
    source: String,
}

fn boundaries() -> Vec<Boundary> {
    serde_json::from_str(include_str!("vectors/tier-boundaries.json")).unwrap()
}

#[test]
fn every_tier_boundary_on_both_sides() {
    let cases = boundaries();
    assert_eq!(cases.len(), 7 * 10, "7 services × (1, 999 and both sides of 4 boundaries)");
    for c in cases {
        let l = line(&c.service, &[c.calls], &[]);
        assert_eq!(
            money(l.total),
            c.total.clone().unwrap_or("null".into()),
            "{} × {} ({})",
            c.service,
            c.calls,
            c.source
        );
        assert_eq!(l.contact_sales, c.total.is_none(), "{} × {}", c.service, c.calls);
    }
}

#[test]
fn every_service_in_the_postpaid_table_has_its_boundaries_tested() {
    let tested: std::collections::BTreeSet<String> = boundaries().into_iter().map(|b| b.service).collect();
    for name in [
        "活体人脸核身",
        "照片人脸核身",
        "活体人脸比对",
        "身份信息核验",
        "银行卡信息核验",
        "手机号在网时长/状态查询",
        "银行卡基础信息查询",
    ] {
        assert!(tested.contains(name), "{name}");
    }
}

#[test]
fn e_id_is_a_flat_1_5_at_every_volume() {
    // 001:37 — E证通服务的后付费价格定价为1.5元/次; no tiers, no contact-sales ceiling.
    for (calls, total) in [(1, "1.50"), (999, "1498.50"), (1000, "1500.00"), (10000, "15000.00"), (250000, "375000.00")]
    {
        assert_eq!(money(line("E证通（权威库）", &[calls], &[]).total), total, "{calls}");
    }
    assert_eq!(line("E证通", &[2], &[]).explanation, "2 × 1.5 = 3");
}

#[test]
fn every_pack_price_in_the_tables() {
    let cases: Vec<PackPrice> = serde_json::from_str(include_str!("vectors/pack-prices.json")).unwrap();
    assert_eq!(cases.len(), 8 * 6 + 4, "8 products × 6 sizes, and E证通's 4");
    let catalog = builtin();
    for c in cases {
        let product = catalog.pack_product_named(&c.pack_product).unwrap_or_else(|| panic!("{}", c.pack_product));
        let service =
            catalog.services_using(&product.id).next().unwrap_or_else(|| panic!("no service uses {}", c.pack_product));
        let json = format!(
            r#"{{"lines":[{{"service":"{}","calls":[0],"packs":[{{"size":{},"count":1}}]}}]}}"#,
            service.id, c.size
        );
        match (&c.price, quote_json(&json)) {
            (Some(price), Ok(q)) => {
                assert_eq!(money(q.total), *price, "{} {} ({})", c.pack_product, c.size, c.source);
                assert_eq!(q.lines[0].unused_calls, c.size);
            }
            (None, Err(EstimateError::PackNotOffered { path, .. })) => assert_eq!(path, "lines[0].packs[0].size"),
            (want, got) => panic!("{} {} ({}): wanted {want:?}, got {got:?}", c.pack_product, c.size, c.source),
        }
    }
}
