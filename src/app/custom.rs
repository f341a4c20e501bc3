//! Custom services and loaded price lists, as the page edits them: a visitor's draft of one
//! service (name, tier table, packs) becomes a format-1 price list that extends the built-in one
//! and travels inside the estimate (`price_list`). Everything is checked by the engine's own
//! price-list validation; nothing invalid is ever priced.

use serde_json::{Map, Value, json};

use super::input;
use crate::engine::catalog::{self, Catalog, CatalogErrors, keys, merge, parse_price_list_value, read_json};
use crate::engine::path::Path;
use crate::engine::{CustomCatalog, Lang, ListMode};

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

/// A problem with a draft or a loaded list, as the page shows it: where (a field label, or the
/// path in a loaded list) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListProblem {
    pub place: String,
    pub message: String,
}

/// Where a problem in a drafted service sits, in the words of the draft's form: the service's
/// `tiers[i]` is "tier i+1", its pack product's `sizes[j]` is "pack j+1".
fn place(path: &Path, lang: Lang) -> String {
    let nth = |zh: &str, en: &str, i: usize| lang.pick(zh, en).replace("{i}", &(i + 1).to_string());
    if let Some(i) = path.index_after(keys::postpaid::TIERS) {
        return nth("第 {i} 档", "tier {i}", i);
    }
    if let Some(j) = path.index_after(keys::product::SIZES) {
        return nth("第 {i} 个资源包", "pack {i}", j);
    }
    match path.last_key() {
        Some(keys::product::VALIDITY_MONTHS) => lang.pick("有效期", "validity").to_string(),
        _ => lang.pick("名称", "name").to_string(),
    }
}

/// The problems of a list, each at its path.
fn at_paths(e: CatalogErrors) -> Vec<ListProblem> {
    e.0.into_iter().map(|e| ListProblem { place: e.path.to_string(), message: e.message }).collect()
}

/// The next free id for a custom service (`custom_1`, `custom_2`, …).
fn next_id(existing: Option<&Catalog>) -> String {
    let used = |id: &str| {
        catalog::builtin().service_by_id(id).is_some()
            || existing
                .is_some_and(|l| l.service_by_id(id).is_some() || l.pack_product(&format!("{id}_packs")).is_some())
    };
    (1..).map(|n| format!("custom_{n}")).find(|id| !used(id)).unwrap_or_else(|| "custom".into())
}

/// Adds the drafted service to the estimate's own list (creating an extending list if there is
/// none). Returns the new list and the service's id, or every problem at once.
pub fn add_service(
    draft: &ServiceDraft,
    existing: &Option<CustomCatalog>,
    lang: Lang,
) -> Result<(CustomCatalog, String), Vec<ListProblem>> {
    let (tiers, sizes, validity) = read_draft(draft, lang)?;
    // The draft is read as a one-service list of the format, so the engine's own validation
    // checks it, then appended to the visitor's list.
    let id = next_id(existing.as_ref().map(|p| p.own()));
    let mut one = one_service_list(draft, &id, tiers, sizes, validity, lang);
    let drafted = parse_price_list_value(&Value::Object(one.clone())).map_err(|e| in_draft(e, lang))?;
    // Appended to the visitor's list: the typed list, and the JSON it travels as.
    let (source, combined) = match existing {
        Some(p) => {
            let combined = merge::append(p.own(), drafted).map_err(|e| in_draft(e, lang))?;
            let mut source = p.source().clone();
            for key in [keys::list::PACK_PRODUCTS, keys::list::SERVICES] {
                if let (Some(Value::Array(more)), Value::Object(m)) = (one.remove(key), &mut source) {
                    match m.get_mut(key) {
                        Some(Value::Array(items)) => items.extend(more),
                        _ => {
                            m.insert(key.into(), Value::Array(more));
                        }
                    }
                }
            }
            (source, combined)
        }
        None => (Value::Object(one), drafted),
    };
    let mode = existing.as_ref().map_or(ListMode::Extend, |p| p.mode);
    let custom = CustomCatalog::new(mode, source, combined).map_err(|e| in_draft(e, lang))?;
    Ok((custom, id))
}

/// The draft's fields read as the format writes them: its tiers and pack sizes as JSON, and the
/// packs' validity; every field that does not read, with the place to fix it.
fn read_draft(draft: &ServiceDraft, lang: Lang) -> Result<(Vec<Value>, Vec<Value>, u64), Vec<ListProblem>> {
    let mut problems = Vec::new();
    let mut bad = |place: String, message: String| problems.push(ListProblem { place, message });
    let tier_place = |i: usize| place(&Path::root().key(keys::postpaid::TIERS).at(i), lang);
    let pack_place = |j: usize| place(&Path::root().key(keys::product::SIZES).at(j), lang);
    if draft.name.trim().is_empty() {
        bad(lang.pick("名称", "name").into(), lang.pick("请填写服务名称", "Give the service a name").into());
    }
    let last = draft.tiers.len().saturating_sub(1);
    let mut tiers = Vec::new();
    for (i, t) in draft.tiers.iter().enumerate() {
        use keys::tier as k;
        let mut tier = Map::new();
        if i != last || !t.up_to.trim().is_empty() {
            match input::parse_calls(&t.up_to) {
                Ok(n) => {
                    tier.insert(k::UP_TO.into(), json!(n));
                }
                Err(e) => bad(tier_place(i), e.message(lang)),
            }
        }
        if t.contact_sales {
            tier.insert(k::CONTACT_SALES.into(), json!(true));
        } else if t.price.trim().is_empty() {
            bad(
                tier_place(i),
                lang.pick("请填写单价，或勾选“联系商务”", "Enter a price, or tick contact sales").into(),
            );
        } else {
            tier.insert(k::PRICE.into(), json!(t.price.trim()));
        }
        tiers.push(Value::Object(tier));
    }
    let mut sizes = Vec::new();
    for (j, p) in draft.packs.iter().enumerate() {
        use keys::size as k;
        match input::parse_whole(&p.calls, 1, crate::engine::limits::MAX_PACK_CALLS) {
            Ok(_) if p.price.trim().is_empty() => {
                bad(pack_place(j), lang.pick("请填写资源包价格", "Enter the pack's price").into())
            }
            Ok(n) => sizes.push(json!({ k::CALLS: n, k::PRICE: p.price.trim() })),
            Err(e) => bad(pack_place(j), e.message(lang)),
        }
    }
    let validity = match input::parse_months(&draft.validity_months) {
        Ok(v) => v,
        Err(e) => {
            bad(lang.pick("有效期", "validity").into(), e.message(lang));
            12
        }
    };
    if problems.is_empty() { Ok((tiers, sizes, validity)) } else { Err(problems) }
}

/// A price list of the format holding the drafted service `id` alone (and its pack product,
/// where it has packs).
fn one_service_list(
    draft: &ServiceDraft,
    id: &str,
    tiers: Vec<Value>,
    sizes: Vec<Value>,
    validity: u64,
    lang: Lang,
) -> Map<String, Value> {
    let mut service = Map::new();
    service.insert(keys::service::ID.into(), json!(id));
    service.insert(keys::service::NAME.into(), json!(draft.name.trim()));
    service.insert(keys::service::GROUP.into(), json!(merge::CUSTOM_GROUP));
    service.insert(
        keys::service::POSTPAID.into(),
        json!({ keys::postpaid::MODE: if draft.graduated { "graduated" } else { "reached" }, keys::postpaid::TIERS: tiers }),
    );
    let mut one = Map::new();
    one.insert(keys::list::FORMAT.into(), json!(catalog::FORMATS[0]));
    if !sizes.is_empty() {
        let pack_id = format!("{id}_packs");
        service.insert(keys::service::PACKS.into(), json!(pack_id));
        let name = format!("{} {}", draft.name.trim(), lang.pick("资源包", "packs"));
        one.insert(
            keys::list::PACK_PRODUCTS.into(),
            json!([{ keys::product::ID: pack_id, keys::product::NAME: name,
                     keys::product::VALIDITY_MONTHS: validity, keys::product::SIZES: sizes }]),
        );
    }
    one.insert(keys::list::SERVICES.into(), json!([Value::Object(service)]));
    one
}

/// The problems of a drafted service, each against the draft's field.
fn in_draft(e: CatalogErrors, lang: Lang) -> Vec<ListProblem> {
    e.0.into_iter().map(|e| ListProblem { place: place(&e.path, lang), message: e.message }).collect()
}

/// Reads a pasted or uploaded price list (format 1) to extend or replace the built-in one.
pub fn load(text: &str, mode: ListMode) -> Result<CustomCatalog, Vec<ListProblem>> {
    CustomCatalog::read(mode, read_json(text).map_err(at_paths)?).map_err(at_paths)
}

/// The services a custom list adds (id, name in `lang`).
pub fn services(custom: &CustomCatalog, lang: Lang) -> Vec<(String, String)> {
    custom.own().services.iter().map(|s| (s.id.clone(), s.name.get(lang).to_string())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Estimate, Line, quote};

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
        let e = Estimate {
            lines: vec![Line::new(id.clone(), vec![5000])],
            price_list: Some(prices.clone()),
            ..Estimate::default()
        };
        let q = quote(catalog::builtin(), &e, Lang::Zh).unwrap();
        // 5,000 calls reach 1,000 ≤ x < 1万: 5,000 × 0.15.
        assert_eq!(q.total.unwrap().to_string(), "750.00");
        // A second one gets the next id, and both stay.
        let (prices, id2) =
            add_service(&ServiceDraft { name: "身份证识别（自定义）".into(), ..ocr() }, &Some(prices), Lang::En)
                .unwrap();
        assert_eq!(id2, "custom_2");
        assert_eq!(services(&prices, Lang::Zh).len(), 2);
        // Both travel in the estimate's JSON (storage, share links) and read back the same.
        let e = Estimate { lines: vec![Line::new(id2, vec![5000])], price_list: Some(prices), ..Estimate::default() };
        let again = Estimate::from_json(&e.to_json()).unwrap();
        assert_eq!(again, e);
        assert_eq!(quote(catalog::builtin(), &again, Lang::Zh).unwrap().total.unwrap().to_string(), "750.00");
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
        assert_eq!(e[0].place, "services[0].postpaid.tiers[0].price");
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
