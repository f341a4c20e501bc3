//! Every number in the built-in price list traces to the line of the price documents it cites:
//! each pack price to its cell of the pack table, each tier price to its cell of the postpaid
//! table, each name to its row.
//!
//! The documents are the vendor's text, not part of this repository (`data/price-list.json` keeps
//! their figures with the lines they come from). `build.rs` looks for them in
//! `$PACKWISE_PRICE_DOCUMENTS`, then in `../shared/price-documents/`; where they are absent these
//! tests are reported as ignored with the reason, except under `CI=true`, where they fail.
//! Run: `PACKWISE_PRICE_DOCUMENTS=/path/to/price-documents cargo test --test trace`.
#![cfg(not(target_arch = "wasm32"))] // native only: the browser suite is tests/web.rs

use packwise::engine::catalog::{Catalog, Postpaid, builtin};
use packwise::engine::money::plain;
use std::path::PathBuf;

fn docs_dir() -> PathBuf {
    let dir = PathBuf::from(env!("PACKWISE_PRICE_DOCUMENTS_DIR"));
    assert!(
        dir.is_dir(),
        "the price documents are not at {}: set PACKWISE_PRICE_DOCUMENTS to their folder (CI=true requires them)",
        dir.display()
    );
    dir
}

/// The document lines a source like `001:53-54` cites, joined.
fn cited(catalog: &Catalog, source: &str) -> String {
    let (key, lines) = source.split_once(':').unwrap_or_else(|| panic!("source {source:?} is not file:line"));
    let file = catalog.sources.get(key).unwrap_or_else(|| panic!("no source {key:?}"));
    let file = file.split_whitespace().next().unwrap().trim_start_matches("price-documents/");
    let text = std::fs::read_to_string(docs_dir().join(file)).unwrap();
    let all: Vec<&str> = text.lines().collect();
    let first_range = lines.split([',', ' ']).next().unwrap();
    let (a, b) = match first_range.split_once('-') {
        Some((a, b)) => (a.parse::<usize>().unwrap(), b.parse::<usize>().unwrap()),
        None => (first_range.parse().unwrap(), first_range.parse().unwrap()),
    };
    all[a - 1..b].join("\n")
}

/// The cells of a Markdown table row, `<nobr>` removed.
fn cells(row: &str) -> Vec<String> {
    row.replace("<nobr>", "")
        .replace("</nobr>", "")
        .trim()
        .trim_matches('|')
        .split('|')
        .map(|c| c.trim().to_string())
        .collect()
}

/// A size as the tables print it: `1000次`, `1万次`, `100万次`.
fn size_label(calls: u64) -> String {
    if calls >= 10_000 && calls.is_multiple_of(10_000) {
        format!("{}万次", calls / 10_000)
    } else {
        format!("{calls}次")
    }
}

#[test]
#[cfg_attr(
    not(price_documents),
    ignore = "the price documents are absent: set PACKWISE_PRICE_DOCUMENTS to their folder to check every price against them"
)]
fn every_pack_price_is_its_cell_of_the_table() {
    let c = builtin();
    let header = cells(&cited(c, "001:10"));
    let mut checked = 0;
    for p in c.pack_products.iter().filter(|p| p.source.as_deref().is_some_and(|s| !s.contains('-'))) {
        let row = cells(&cited(c, p.source.as_deref().unwrap()));
        assert_eq!(row[0], p.name.zh, "{}: the row names the product", p.id);
        for s in &p.sizes {
            let col = header
                .iter()
                .position(|h| *h == size_label(s.calls))
                .unwrap_or_else(|| panic!("{} not in the header", s.calls));
            let want = s.price.map_or("-".to_string(), |d| format!("{}元", plain(d)));
            assert_eq!(row[col], want, "{} {}", p.id, s.calls);
            checked += 1;
        }
    }
    assert_eq!(checked, 48);
}

#[test]
#[cfg_attr(
    not(price_documents),
    ignore = "the price documents are absent: set PACKWISE_PRICE_DOCUMENTS to their folder to check every price against them"
)]
fn e_id_packs_trace_to_their_table_rows() {
    let c = builtin();
    let p = c.pack_product("eid").unwrap();
    assert!(cited(c, p.source.as_deref().unwrap()).contains("E证通（权威库）"));
    for s in &p.sizes {
        let text = cited(c, s.source.as_deref().unwrap());
        let size = if s.calls < 10_000 { format!("{}千次", s.calls / 1000) } else { size_label(s.calls) };
        assert!(text.contains(&format!("<td>{size}</td>")), "{text}");
        assert!(text.contains(&format!("<td>{}元</td>", plain(s.price.unwrap()))), "{text}");
    }
}

#[test]
#[cfg_attr(
    not(price_documents),
    ignore = "the price documents are absent: set PACKWISE_PRICE_DOCUMENTS to their folder to check every price against them"
)]
fn every_tier_price_is_its_cell_of_the_postpaid_table() {
    let c = builtin();
    let header = cited(c, "001:24");
    for bound in ["0<调用量<1000", "1000≤调用量<1万", "1万≤调用量<10万", "10万≤调用量<20万", "20万及以上"]
    {
        assert!(header.contains(bound), "{bound}");
    }
    let mut tables = 0;
    for s in &c.services {
        let Postpaid::Tiers(t) = &s.postpaid else { continue };
        let text = cited(c, t.source.as_deref().unwrap());
        if s.id == "eid" {
            assert!(text.contains("后付费价格定价为1.5元/次"));
            assert_eq!(t.tiers.len(), 1);
            assert_eq!(plain(t.tiers[0].price.unwrap()), "1.5");
            continue;
        }
        let row = cells(&text);
        assert_eq!(row[0], s.name.zh);
        let bounds: Vec<Option<u64>> = t.tiers.iter().map(|t| t.up_to).collect();
        assert_eq!(bounds, [Some(1000), Some(10_000), Some(100_000), Some(200_000), None], "{}", s.id);
        for (i, tier) in t.tiers.iter().enumerate() {
            match tier.price {
                Some(p) => assert_eq!(row[i + 1], format!("{}元/次", plain(p)), "{} tier {i}", s.id),
                None => assert!(row[i + 1].contains("联系商务"), "{} tier {i}", s.id),
            }
        }
        tables += 1;
    }
    assert_eq!(tables, 7);
}

#[test]
#[cfg_attr(
    not(price_documents),
    ignore = "the price documents are absent: set PACKWISE_PRICE_DOCUMENTS to their folder to check every price against them"
)]
fn every_cited_source_exists_and_every_link_is_explained() {
    let c = builtin();
    for s in &c.services {
        if let Postpaid::Tiers(t) = &s.postpaid {
            assert!(t.source.is_some(), "{}: tier table without a source", s.id);
        }
        if s.packs.is_some() {
            let why = s.packs_source.as_deref().unwrap_or_else(|| panic!("{}: pack link without a reason", s.id));
            if let Some(id) = why.strip_prefix("assumption ") {
                assert!(s.assumptions.iter().any(|a| a.id.as_deref() == Some(id)), "{}: assumption {id} missing", s.id);
            } else {
                assert!(why.starts_with("001:"), "{}: {why}", s.id);
            }
        }
        for n in s.assumptions.iter().chain(&s.notes) {
            let src = n.source.as_deref().unwrap_or_else(|| panic!("{}: a note without a source", s.id));
            assert!(!cited(c, src).trim().is_empty(), "{}: {src}", s.id);
        }
    }
    for a in &c.assumptions {
        assert!(!cited(c, a.source.as_deref().unwrap()).trim().is_empty());
    }
    // The worked examples the assumptions lean on say what they are said to say.
    assert!(cited(c, "001:96").contains("1,000 * 1 = 1,000"));
    assert!(cited(c, "001:89").contains("（15,000 - 10,000） *  0.85 + 8,000 = 12,250"));
    assert!(cited(c, "000:2").contains("正反面各识别1次，则计费2次"));
    assert!(cited(c, "002:89").contains("does not support refund"));
    assert!(cited(c, "000:26").contains("扣减顺序为资源包生效顺序"));
    assert!(cited(c, "001:8").contains("有效期均为1年"));
}
