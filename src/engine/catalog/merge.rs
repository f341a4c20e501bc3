//! Combining price lists: a custom list (the visitor's own services, or another vendor's list)
//! extends the built-in one or replaces it, and the page's editor appends a drafted service to
//! a custom list. Extending refuses names the built-in list already uses for another service, so
//! a custom service can never pass for a documented one; a custom service with a built-in
//! service's id gives that service new prices (negotiated tiers, say), and its notes say so.

use super::{Catalog, CatalogError, CatalogErrors, ErrorKind, Group, Note, Postpaid, Service, describe, keys};
use crate::engine::json::Wrong;
use crate::engine::lang::Lang;
use crate::engine::lang::Text;
use crate::engine::list_rule::{Base, IdOf, ListRule};
use crate::engine::money::{plain, prices_per};
use crate::engine::path::Path;

/// The group custom services land in when their list names none.
pub const CUSTOM_GROUP: &str = "custom";

fn service_path(i: usize) -> Path {
    Path::root().key(keys::list::SERVICES).at(i)
}

/// `base` with `custom`'s services, pack products, groups, sources and assumptions added.
/// `base`'s rules (pack draw order, currency) stay; the currencies must match.
/// Names each group a service of `c` is in that `c` does not list (a list may leave `groups`
/// out): `custom` as custom services, any other by its id. Every list in force, extending the
/// built-in one or in its place, names all its groups, so a service picker that shows the groups
/// shows every service.
pub fn name_groups(c: &mut Catalog) {
    let missing: Vec<String> =
        c.services.iter().map(|s| s.group.clone()).filter(|g| !c.groups.iter().any(|x| x.id == *g)).collect();
    for id in missing {
        if c.groups.iter().any(|x| x.id == id) {
            continue;
        }
        let name =
            if id == CUSTOM_GROUP { Text::new("自定义服务", "Custom services") } else { Text::same(id.clone()) };
        c.groups.push(Group { id, name });
    }
}

pub fn extend(base: &Catalog, custom: &Catalog) -> Result<Catalog, CatalogErrors> {
    // The list extended: the built-in one, or the CLI's --price-list.
    let of = if std::ptr::eq(base, super::builtin()) { Base::BuiltIn } else { Base::Given };
    let mut problems = Vec::new();
    let mut add = |kind: ErrorKind, path: Path, rule: ListRule| {
        problems.push(CatalogError { kind, path, wrong: Wrong::List(rule) })
    };
    if custom.currency != base.currency {
        add(
            ErrorKind::Invalid,
            Path::root().key(keys::list::CURRENCY),
            ListRule::CurrencyDiffers { list: custom.currency.clone(), base: base.currency.clone(), of },
        );
    }
    for (i, p) in custom.pack_products.iter().enumerate() {
        if base.pack_product(&p.id).is_some() {
            add(
                ErrorKind::Duplicate,
                Path::root().key(keys::list::PACK_PRODUCTS).at(i).key(keys::product::ID),
                ListRule::PackProductTaken { id: p.id.clone(), of },
            );
        }
    }
    for (i, s) in custom.services.iter().enumerate() {
        let overriding = base.services.iter().position(|b| b.id == s.id);
        for key in [&s.id, &s.name.zh, &s.name.en].into_iter().chain(&s.aliases) {
            if let Some(other) = base.service(key).filter(|o| overriding.is_none_or(|b| base.services[b].id != o.id)) {
                add(
                    ErrorKind::Duplicate,
                    service_path(i),
                    ListRule::ServiceTaken { key: key.clone(), other: other.name.zh.clone(), of },
                );
                break;
            }
        }
    }
    if !problems.is_empty() {
        return Err(CatalogErrors(problems));
    }
    let mut out = base.clone();
    for g in &custom.groups {
        if !out.groups.iter().any(|x| x.id == g.id) {
            out.groups.push(g.clone());
        }
    }
    out.pack_products.extend(custom.pack_products.iter().cloned());
    for s in &custom.services {
        match out.services.iter_mut().find(|b| b.id == s.id) {
            Some(builtin) => override_prices(builtin, s, &base.currency),
            None => out.services.push(s.clone()),
        }
    }
    name_groups(&mut out);
    out.assumptions.extend(custom.assumptions.iter().cloned());
    for (k, v) in &custom.sources {
        out.sources.entry(k.clone()).or_insert_with(|| v.clone());
    }
    Ok(out)
}

/// Gives a built-in service the prices of a custom one with its id: the postpaid table, and the
/// pack product where the custom one names one (otherwise the built-in packs stay). Its name,
/// group and documented facts stay; a note says what was overridden and by what. The custom
/// service's format-2 terms (free quota, minimum, commitments) replace the built-in one's.
fn override_prices(builtin: &mut Service, custom: &Service, currency: &str) {
    let (mut zh, mut en) = match &custom.postpaid {
        Postpaid::Tiers(t) => {
            let prices: Vec<String> = t.tiers.iter().map(|t| t.price.map_or_else(|| "—".to_string(), plain)).collect();
            let prices = prices.join(" / ");
            let price = |lang| prices_per(&prices, t.unit, currency, lang);
            (format!("后付费阶梯单价 {}", price(Lang::Zh)), format!("postpaid tiers at {}", price(Lang::En)))
        }
        Postpaid::Unpriced { .. } => ("后付费无价格".to_string(), "postpaid without a price".to_string()),
        Postpaid::NotOffered => ("不提供后付费".to_string(), "no postpaid".to_string()),
    };
    builtin.postpaid = custom.postpaid.clone();
    for (z, e) in
        describe::terms(custom, currency, Lang::Zh).into_iter().zip(describe::terms(custom, currency, Lang::En))
    {
        zh.push_str(&format!("，{z}"));
        en.push_str(&format!(", {e}"));
    }
    builtin.free_quota = custom.free_quota.clone();
    builtin.minimum = custom.minimum;
    builtin.commitments = custom.commitments.clone();
    // Its names find the service too (they were checked not to name another one).
    for name in [&custom.name.zh, &custom.name.en].into_iter().chain(&custom.aliases) {
        if !builtin.answers_to(name) {
            builtin.aliases.push(name.clone());
        }
    }
    let packs = match &custom.packs {
        Some(p) => {
            builtin.packs = Some(p.clone());
            builtin.packs_source = custom.packs_source.clone();
            (format!("，资源包 {p}"), format!(", packs from {p}"))
        }
        None => (String::new(), String::new()),
    };
    builtin.notes.insert(
        0,
        Note {
            id: Some("overridden".into()),
            applies_to: Vec::new(),
            text: Text::new(
                format!("内置价格已被你的价目表覆盖：{zh}{}。", packs.0),
                format!("The built-in prices were overridden by your price list: {en}{}.", packs.1),
            ),
            source: None,
            headline: None,
        },
    );
}

/// `list` with `more`'s services and pack products appended (the page's editor adding a drafted
/// service to the visitor's list). Ids, names and aliases stay unique across both; problems have
/// the paths of `more`.
pub fn append(list: &Catalog, more: Catalog) -> Result<Catalog, CatalogErrors> {
    let mut problems = Vec::new();
    for (i, s) in more.services.iter().enumerate() {
        if let Some(key) =
            [&s.id, &s.name.zh, &s.name.en].into_iter().chain(&s.aliases).find(|k| list.service(k).is_some())
        {
            problems.push(CatalogError {
                kind: ErrorKind::Duplicate,
                path: service_path(i),
                wrong: Wrong::List(ListRule::NamesAnother(key.clone())),
            });
        }
    }
    for (i, p) in more.pack_products.iter().enumerate() {
        if list.pack_product(&p.id).is_some() {
            problems.push(CatalogError {
                kind: ErrorKind::Duplicate,
                path: Path::root().key(keys::list::PACK_PRODUCTS).at(i).key(keys::product::ID),
                wrong: Wrong::List(ListRule::UsedTwice { what: IdOf::PackProduct, id: p.id.clone() }),
            });
        }
    }
    if !problems.is_empty() {
        return Err(CatalogErrors(problems));
    }
    let mut out = list.clone();
    out.pack_products.extend(more.pack_products);
    out.services.extend(more.services);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::catalog::{builtin, parse_price_list};

    fn list(json: &str) -> Catalog {
        parse_price_list(json).unwrap()
    }

    #[test]
    fn a_custom_service_joins_the_built_in_list() {
        let c = list(
            r#"{"format":1,"services":[{"id":"ocr_general_std","name":"通用印刷体识别（标准版）","postpaid":{"tiers":[{"up_to":1000,"price":"0.15"},{"price":"0.1"}]}}]}"#,
        );
        let m = extend(builtin(), &c).unwrap();
        assert_eq!(m.services.len(), builtin().services.len() + 1);
        assert!(m.service("ocr_general_std").is_some());
        assert_eq!(m.group_name("custom", crate::engine::Lang::En), "Custom services");
    }

    #[test]
    fn it_cannot_shadow_a_documented_service() {
        let c = list(
            r#"{"format":1,"pack_products":[{"id":"eid","name":"X","sizes":[{"calls":1,"price":"1"}]}],
            "services":[{"id":"mine","name":"活体人脸核身","postpaid":null}]}"#,
        );
        let e = extend(builtin(), &c).unwrap_err().to_string();
        assert!(e.contains("pack_products[0].id: \"eid\" is already a built-in pack product"), "{e}");
        assert!(e.contains("services[0]: \"活体人脸核身\" already names the built-in service 活体人脸核身"), "{e}");
        let usd = list(r#"{"format":1,"currency":"USD","services":[]}"#);
        assert!(extend(builtin(), &usd).unwrap_err().to_string().contains("load it as a replacement"));
    }

    #[test]
    fn the_same_id_overrides_a_built_in_services_prices() {
        // A negotiated table for 活体人脸核身 (id `liveness_verification`): its packs stay the documents' ones.
        let c = list(
            r#"{"format":1,"services":[{"id":"liveness_verification","name":"活体人脸核身",
            "postpaid":{"tiers":[{"up_to":100000,"price":"0.7"},{"price":"0.5"}]}}]}"#,
        );
        let m = extend(builtin(), &c).unwrap();
        assert_eq!(m.services.len(), builtin().services.len());
        let s = m.service("liveness_verification").unwrap();
        assert_eq!(s.packs, builtin().service("liveness_verification").unwrap().packs);
        assert_eq!(
            s.notes[0].text.en,
            "The built-in prices were overridden by your price list: postpaid tiers at CNY 0.7 / 0.5 per call."
        );
        // Another id with a built-in name stays refused.
        let c = list(r#"{"format":1,"services":[{"id":"mine","name":"活体人脸核身","postpaid":null}]}"#);
        assert!(extend(builtin(), &c).is_err());
    }

    #[test]
    fn appending_keeps_names_unique() {
        let a = list(r#"{"format":1,"services":[{"id":"a","name":"A","postpaid":null}]}"#);
        let b = list(r#"{"format":1,"services":[{"id":"b","name":"A","postpaid":null}]}"#);
        let e = append(&a, b).unwrap_err();
        assert_eq!(e.0[0].path, "services[0]");
        assert_eq!(e.0[0].kind, ErrorKind::Duplicate);
        let c = list(r#"{"format":1,"services":[{"id":"c","name":"C","postpaid":null}]}"#);
        assert_eq!(append(&a, c).unwrap().services.len(), 2);
    }
}
