//! Custom services and loaded price lists, as the page edits them: a visitor's draft of one
//! service (name, tier table, packs) becomes a format-1 price list that extends the built-in one
//! and travels inside the estimate (`price_list`). Everything is checked by the engine's own
//! price-list validation; nothing invalid is ever priced.

use serde_json::{Value, json};

use super::input::{self, InputError};
use crate::engine::catalog::{self, Catalog};
use crate::engine::{CustomPrices, Estimate, Lang, ListMode};

/// One tier row as typed: the upper bound (empty for the last, unbounded tier) and the price per
/// call, or "contact sales".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TierDraft {
    pub up_to: String,
    pub price: String,
    pub contact_sales: bool,
}

/// One pack size as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PackDraft {
    pub calls: String,
    pub price: String,
}

/// A custom service as the visitor types it.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceDraft {
    pub name: String,
    /// `reached` (the tier reached prices all calls) or `graduated` (each tier its own slice).
    pub graduated: bool,
    pub tiers: Vec<TierDraft>,
    pub packs: Vec<PackDraft>,
    pub validity_months: String,
}

impl Default for ServiceDraft {
    fn default() -> Self {
        ServiceDraft {
            name: String::new(),
            graduated: false,
            tiers: vec![TierDraft::default()],
            packs: Vec::new(),
            validity_months: "12".into(),
        }
    }
}

/// A problem with a draft or a loaded list: where (a field label or a path) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub place: String,
    pub message: String,
}

fn words(e: &InputError, lang: Lang) -> String {
    e.message(lang)
}

/// The labels a path in a draft's service maps to.
fn place(path: &str, lang: Lang) -> String {
    let tier =
        |i: &str| lang.pick("第 {i} 档", "tier {i}").replace("{i}", &(i.parse::<usize>().unwrap_or(0) + 1).to_string());
    let pack = |i: &str| {
        lang.pick("第 {i} 个资源包", "pack {i}").replace("{i}", &(i.parse::<usize>().unwrap_or(0) + 1).to_string())
    };
    if let Some(rest) = path.split(".tiers[").nth(1) {
        let i = rest.split(']').next().unwrap_or("0");
        return tier(i);
    }
    if let Some(rest) = path.split(".sizes[").nth(1) {
        let i = rest.split(']').next().unwrap_or("0");
        return pack(i);
    }
    if path.ends_with(".name") || path.ends_with("]") {
        return lang.pick("名称", "name").to_string();
    }
    if path.contains("validity_months") {
        return lang.pick("有效期", "validity").to_string();
    }
    path.to_string()
}

/// The next free id for a custom service (`custom_1`, `custom_2`, …).
fn next_id(existing: &Option<CustomPrices>, base: &Catalog) -> String {
    let used = |id: &str| {
        base.service_by_id(id).is_some()
            || existing.as_ref().is_some_and(|p| p.list.to_string().contains(&format!("\"{id}\"")))
    };
    (1..).map(|n| format!("custom_{n}")).find(|id| !used(id)).unwrap_or_else(|| "custom".into())
}

/// Adds the drafted service to the estimate's own list (creating an extending list if there is
/// none). Returns the new list and the service's id, or every problem at once.
pub fn add_service(
    draft: &ServiceDraft,
    existing: &Option<CustomPrices>,
    lang: Lang,
) -> Result<(CustomPrices, String), Vec<Problem>> {
    let mut problems = Vec::new();
    let mut bad = |place: String, message: String| problems.push(Problem { place, message });
    if draft.name.trim().is_empty() {
        bad(lang.pick("名称", "name").into(), lang.pick("请填写服务名称", "Give the service a name").into());
    }
    let last = draft.tiers.len().saturating_sub(1);
    let mut tiers = Vec::new();
    for (i, t) in draft.tiers.iter().enumerate() {
        let mut tier = serde_json::Map::new();
        if i != last || !t.up_to.trim().is_empty() {
            match input::parse_calls(&t.up_to) {
                Ok(n) => {
                    tier.insert("up_to".into(), json!(n));
                }
                Err(e) => bad(place(&format!(".tiers[{i}]"), lang), words(&e, lang)),
            }
        }
        if t.contact_sales {
            tier.insert("contact_sales".into(), json!(true));
        } else if t.price.trim().is_empty() {
            bad(
                place(&format!(".tiers[{i}]"), lang),
                lang.pick("请填写单价，或勾选“联系商务”", "Enter a price, or tick contact sales").into(),
            );
        } else {
            tier.insert("price".into(), json!(t.price.trim()));
        }
        tiers.push(Value::Object(tier));
    }
    let mut sizes = Vec::new();
    for (i, p) in draft.packs.iter().enumerate() {
        match input::parse_whole(&p.calls, 1, crate::engine::limits::MAX_PACK_CALLS) {
            Ok(_) if p.price.trim().is_empty() => bad(
                place(&format!(".sizes[{i}]"), lang),
                lang.pick("请填写资源包价格", "Enter the pack's price").into(),
            ),
            Ok(n) => sizes.push(json!({"calls": n, "price": p.price.trim()})),
            Err(e) => bad(place(&format!(".sizes[{i}]"), lang), words(&e, lang)),
        }
    }
    let validity = match input::parse_months(&draft.validity_months) {
        Ok(v) => v,
        Err(e) => {
            bad(lang.pick("有效期", "validity").into(), words(&e, lang));
            12
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }

    let base = catalog::builtin();
    let id = next_id(existing, base);
    let mut service = json!({
        "id": id,
        "name": draft.name.trim(),
        "group": "custom",
        "postpaid": {"mode": if draft.graduated { "graduated" } else { "reached" }, "tiers": tiers},
    });
    let mut list = existing.as_ref().map(|p| p.list.clone()).unwrap_or_else(|| json!({"format": 1, "services": []}));
    let mode = existing.as_ref().map_or(ListMode::Extend, |p| p.mode);
    if !sizes.is_empty() {
        let pack_id = format!("{id}_packs");
        service["packs"] = json!(pack_id);
        let product = json!({"id": pack_id, "name": format!("{} {}", draft.name.trim(), lang.pick("资源包", "packs")),
            "validity_months": validity, "sizes": sizes});
        match list.get_mut("pack_products").and_then(Value::as_array_mut) {
            Some(a) => a.push(product),
            None => list["pack_products"] = json!([product]),
        }
    }
    let index = list["services"].as_array().map_or(0, |a| a.len());
    match list.get_mut("services").and_then(Value::as_array_mut) {
        Some(a) => a.push(service),
        None => list["services"] = json!([service]),
    }
    let prices = CustomPrices { mode, list };
    match check(&prices) {
        Ok(()) => Ok((prices, id)),
        Err(problems) => {
            // Only the new service's problems can be new: show them against its fields.
            let mine = format!("price_list.list.services[{index}]");
            Err(problems
                .into_iter()
                .map(|p| {
                    if p.place.starts_with(&mine) {
                        Problem { place: place(&p.place[mine.len()..], lang), ..p }
                    } else {
                        p
                    }
                })
                .collect())
        }
    }
}

/// Checks a list the way the engine will price it: all problems, each with its path.
pub fn check(prices: &CustomPrices) -> Result<(), Vec<Problem>> {
    let carrier = Estimate { lines: Vec::new(), price_list: Some(prices.clone()) };
    match carrier.catalog(catalog::builtin()) {
        Ok(_) => Ok(()),
        Err(crate::engine::EstimateError::PriceList { problems }) => {
            Err(problems.into_iter().map(|(place, message)| Problem { place, message }).collect())
        }
        Err(e) => Err(vec![Problem { place: e.path().to_string(), message: e.message() }]),
    }
}

/// Reads a pasted or uploaded price list (format 1) to extend or replace the built-in one.
pub fn load(text: &str, mode: ListMode) -> Result<CustomPrices, Vec<Problem>> {
    crate::engine::limits::check_price_list_size(text.len())
        .map_err(|message| vec![Problem { place: String::new(), message }])?;
    let value: Value = serde_json::from_str(text)
        .map_err(|e| vec![Problem { place: String::new(), message: format!("not valid JSON: {e}") }])?;
    let prices = CustomPrices { mode, list: value };
    check(&prices)?;
    Ok(prices)
}

/// The services a custom list adds (id, name in `lang`).
pub fn services(prices: &CustomPrices, lang: Lang) -> Vec<(String, String)> {
    let name = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Object(o) => o.get(lang.pick("zh", "en")).and_then(Value::as_str).unwrap_or_default().to_string(),
        _ => String::new(),
    };
    prices.list["services"]
        .as_array()
        .map(|a| a.iter().map(|s| (s["id"].as_str().unwrap_or_default().to_string(), name(&s["name"]))).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Line, quote_estimate};

    fn ocr() -> ServiceDraft {
        ServiceDraft {
            name: "通用印刷体识别（标准版）".into(),
            graduated: false,
            tiers: vec![
                TierDraft { up_to: "1,000".into(), price: "0.2".into(), contact_sales: false },
                TierDraft { up_to: "1万".into(), price: "0.15".into(), contact_sales: false },
                TierDraft { up_to: String::new(), price: String::new(), contact_sales: true },
            ],
            packs: vec![PackDraft { calls: "10k".into(), price: "1200".into() }],
            validity_months: "12".into(),
        }
    }

    #[test]
    fn a_typed_ocr_service_is_priced_live() {
        let (prices, id) = add_service(&ocr(), &None, Lang::Zh).unwrap();
        assert_eq!(id, "custom_1");
        let e = Estimate { lines: vec![Line::new(id.clone(), vec![5000])], price_list: Some(prices.clone()) };
        let q = quote_estimate(catalog::builtin(), &e, Lang::Zh).unwrap();
        // 5,000 calls reach 1,000 ≤ x < 1万: 5,000 × 0.15.
        assert_eq!(q.total.unwrap().to_string(), "750.00");
        // A second one gets the next id, and both stay.
        let (prices, id2) =
            add_service(&ServiceDraft { name: "身份证识别（自定义）".into(), ..ocr() }, &Some(prices), Lang::En)
                .unwrap();
        assert_eq!(id2, "custom_2");
        assert_eq!(services(&prices, Lang::Zh).len(), 2);
    }

    #[test]
    fn every_problem_is_named_against_the_field() {
        let mut d = ocr();
        d.name = " ".into();
        d.tiers[1].up_to = "500".into();
        d.tiers[0].price = "abc".into();
        d.packs[0].calls = "x".into();
        let e = add_service(&d, &None, Lang::En).unwrap_err();
        // Typing problems first (the name, pack 1's size); the engine checks the rest once they are fixed.
        assert_eq!(e.iter().map(|p| p.place.as_str()).collect::<Vec<_>>(), vec!["name", "pack 1"]);
        d.name = "OCR".into();
        d.packs[0].calls = "10000".into();
        let e = add_service(&d, &None, Lang::En).unwrap_err();
        assert_eq!(e.iter().map(|p| p.place.as_str()).collect::<Vec<_>>(), vec!["tier 1", "tier 2"]);
        assert!(e[0].message.contains("\"abc\" is not a price"), "{e:?}");
        assert!(e[1].message.contains("tiers must increase"), "{e:?}");
    }

    #[test]
    fn empty_prices_are_asked_for_in_the_visitors_language() {
        let d = ServiceDraft { name: "X".into(), ..ServiceDraft::default() };
        let e = add_service(&d, &None, Lang::Zh).unwrap_err();
        assert_eq!((e[0].place.as_str(), e[0].message.as_str()), ("第 1 档", "请填写单价，或勾选“联系商务”"));
    }

    #[test]
    fn loaded_lists_are_checked_whole() {
        let e = load(r#"{"format":1,"services":[{"id":"x","name":"<img src=x onerror=alert(1)>","postpaid":{"tiers":[{"price":"-1"}]}}]}"#, ListMode::Extend)
            .unwrap_err();
        assert_eq!(e[0].place, "price_list.list.services[0].postpaid.tiers[0].price");
        assert!(load("{", ListMode::Extend).unwrap_err()[0].message.starts_with("not valid JSON"));
        assert!(load(&"x".repeat(1_000_001), ListMode::Replace).unwrap_err()[0].message.contains("1 MB"));
        let ok = load(
            r#"{"format":1,"services":[{"id":"x","name":"X","postpaid":{"tiers":[{"price":"1"}]}}]}"#,
            ListMode::Extend,
        )
        .unwrap();
        assert_eq!(services(&ok, Lang::En), vec![("x".to_string(), "X".to_string())]);
    }
}
