//! Which value of a usage file's service column is a line's service: a bill of several services
//! (`ServiceName` FaceID and OCR, `SkuId` ocr-general and ocr-idcard) sums them into one line
//! unless its rows are filtered, and a line knows its own service. The page keeps that value's
//! rows by itself, says so, and leaves the choice to change.
//!
//! ```
//! use packwise::engine::catalog::builtin;
//! use packwise::engine::usage::{Choice, service_value};
//!
//! let sku = Choice {
//!     column: "SkuId".into(),
//!     values: vec![("ocr-general".into(), 7), ("ocr-idcard".into(), 3)],
//!     summed: vec![("ocr-general".into(), 7), ("ocr-idcard".into(), 3)],
//! };
//! let found = service_value(&[sku], builtin(), "ocr_id_card").unwrap();
//! assert_eq!((found.column.as_str(), found.value.as_str()), ("SkuId", "ocr-idcard"));
//! ```

use super::{Choice, Filter, names_work};
use crate::engine::catalog::{Catalog, Service};

/// A name as compared: lower case, letters, digits and CJK only (`ocr-idcard` → `ocridcard`,
/// `FaceID (人脸核身)` → `faceid人脸核身`).
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// A name and its parts in brackets apart (`FaceID (人脸核身)` → `faceid人脸核身`, `faceid`,
/// `人脸核身`), squeezed; parts shorter than 2 characters are left out.
fn keys(name: &str) -> Vec<String> {
    let mut out = vec![squeeze(name)];
    out.extend(name.split(['(', ')', '（', '）']).map(squeeze));
    out.retain(|k| k.chars().count() >= 2);
    out.sort();
    out.dedup();
    out
}

/// How closely `value` names a service: 2 where it holds the service's id, a name or an alias
/// (or is a longer part of one: `ocr-general` of `ocr_general_basic`), 1 where only its group
/// (`FaceID`, `人脸核身`, `OCR`), 0 where neither.
fn closeness(value: &str, service: &[String], group: &[String]) -> u8 {
    let v = squeeze(value);
    if v.chars().count() < 2 {
        return 0;
    }
    let names = |keys: &[String], strict: bool| {
        // The value a part of a name only where it says something (`ocr-general`, `人脸`; not `id`).
        keys.iter().any(|k| v.contains(k.as_str()) || (!strict && v.len() >= 4 && k.contains(v.as_str())))
    };
    // A group's own name is the group's, even where a service's name holds it.
    if group.contains(&v) {
        return 1;
    }
    if names(service, false) {
        2
    } else if names(group, true) || group.iter().any(|k| k.contains(v.as_str())) {
        1
    } else {
        0
    }
}

/// A service's names as compared, and its group's.
fn names_of(catalog: &Catalog, s: &Service) -> (Vec<String>, Vec<String>) {
    use crate::engine::Lang::{En, Zh};
    let mut own: Vec<String> = keys(&s.id);
    own.extend([s.name.get(Zh), s.name.get(En)].iter().flat_map(|n| keys(n)));
    own.extend(s.aliases.iter().flat_map(|a| keys(a)));
    let group: Vec<String> = catalog
        .groups
        .iter()
        .filter(|g| g.id == s.group)
        .flat_map(|g| [keys(&g.id), keys(g.name.get(Zh)), keys(g.name.get(En))].concat())
        .collect();
    (own, group)
}

/// Where the rows summed are another service's, not line service `service`'s: no value of a
/// column naming the work names it or its group, and every value of one such column names some
/// other service of `catalog` (OCR's SKUs imported into a liveness check's line). That column
/// and its values summed, for the page to say so.
pub fn other_service(choices: &[Choice], catalog: &Catalog, service: &str) -> Option<(String, Vec<String>)> {
    let s = catalog.service(service)?;
    let (own, group) = names_of(catalog, s);
    let work: Vec<&Choice> = choices.iter().filter(|c| !c.summed.is_empty() && names_work(&c.column)).collect();
    if work.iter().any(|c| c.summed.iter().any(|(v, _)| closeness(v, &own, &group) > 0)) {
        return None;
    }
    let others: Vec<(Vec<String>, Vec<String>)> =
        catalog.services.iter().filter(|o| o.id != s.id).map(|o| names_of(catalog, o)).collect();
    work.into_iter()
        .find(|c| c.summed.iter().all(|(v, _)| others.iter().any(|(o, g)| closeness(v, o, g) > 0)))
        .map(|c| (c.column.clone(), c.summed.iter().map(|(v, _)| v.clone()).collect()))
}

/// The rows of line service `service` (an id or name of `catalog`) in a file whose summed rows
/// hold several values of a column naming the work ([`names_work`]): the first such column
/// where one value alone names the service (else one alone names its group), as a filter.
/// `None` where no column sums several, or none or more than one value fits.
pub fn service_value(choices: &[Choice], catalog: &Catalog, service: &str) -> Option<Filter> {
    let (own, group) = names_of(catalog, catalog.service(service)?);
    // Each column's one value naming the service most closely, and how closely: a column naming
    // the service itself (a billing item) wins over one naming only its group (the product),
    // whichever comes first in the file.
    let found = choices.iter().filter(|c| c.summed.len() > 1 && names_work(&c.column)).filter_map(|c| {
        let close: Vec<(u8, &str)> = c.summed.iter().map(|(v, _)| (closeness(v, &own, &group), v.as_str())).collect();
        let best = close.iter().map(|(k, _)| *k).max().filter(|k| *k > 0)?;
        let mut fit = close.iter().filter(|(k, _)| *k == best);
        let (_, value) = fit.next()?;
        fit.next().is_none().then(|| (best, Filter { column: c.column.clone(), value: value.to_string() }))
    });
    found
        .fold(None::<(u8, Filter)>, |a, b| if a.as_ref().is_some_and(|a| a.0 >= b.0) { a } else { Some(b) })
        .map(|(_, f)| f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::catalog::builtin;

    fn choice(column: &str, values: &[&str]) -> Choice {
        let v: Vec<(String, u64)> = values.iter().map(|s| (s.to_string(), 1)).collect();
        Choice { column: column.into(), values: v.clone(), summed: v }
    }

    fn found(choices: &[Choice], service: &str) -> Option<(String, String)> {
        service_value(choices, builtin(), service).map(|f| (f.column, f.value))
    }

    #[test]
    fn a_bills_service_is_found_by_its_id_name_or_group() {
        let focus = [choice("ServiceName", &["FaceID", "OCR"])];
        // 活体人脸核身 is FaceID's (its group), ID cards are OCR's.
        assert_eq!(found(&focus, "活体人脸核身"), Some(("ServiceName".into(), "FaceID".into())));
        assert_eq!(found(&focus, "ocr_id_card"), Some(("ServiceName".into(), "OCR".into())));
        // A Chinese bill's 产品名称: the group's own name, not a service's that holds it.
        let zh = [choice("产品名称", &["人脸核身", "文字识别"])];
        assert_eq!(found(&zh, "活体人脸核身"), Some(("产品名称".into(), "人脸核身".into())));
        assert_eq!(found(&zh, "通用印刷体识别"), Some(("产品名称".into(), "文字识别".into())));
        // SKUs: by id, and by a longer part of one.
        let sku = [choice("SkuId", &["ocr-general", "ocr-idcard"])];
        assert_eq!(found(&sku, "ocr_id_card"), Some(("SkuId".into(), "ocr-idcard".into())));
        assert_eq!(found(&sku, "ocr_general_basic"), Some(("SkuId".into(), "ocr-general".into())));
        // By a service's name: 身份证识别 among OCR's items.
        let items = [choice("计费项", &["通用印刷体识别", "身份证识别"])];
        assert_eq!(found(&items, "ocr_id_card"), Some(("计费项".into(), "身份证识别".into())));
        // A product column before the billing items: the item naming the service wins over the
        // product naming its group (which would add 照片人脸核身 in).
        let both = [choice("产品名称", &["人脸核身", "文字识别"]), choice("计费项", &["活体人脸核身", "照片人脸核身"])];
        assert_eq!(found(&both, "活体人脸核身"), Some(("计费项".into(), "活体人脸核身".into())));
    }

    /// A file of OCR SKUs on a liveness check's line: said, with the values; on an OCR line, or
    /// where a value names the line's group, nothing is said.
    #[test]
    fn rows_of_another_service_are_told() {
        let sku = [choice("SkuId", &["ocr-general", "ocr-idcard"])];
        let cat = builtin();
        assert_eq!(
            other_service(&sku, cat, "活体人脸核身"),
            Some(("SkuId".into(), vec!["ocr-general".into(), "ocr-idcard".into()]))
        );
        assert_eq!(other_service(&sku, cat, "ocr_id_card"), None);
        assert_eq!(other_service(&[choice("ServiceName", &["FaceID", "OCR"])], cat, "活体人脸核身"), None);
        // Values the list does not know (a service of the buyer's own naming): nothing said.
        assert_eq!(other_service(&[choice("ServiceName", &["Acme", "Zeta"])], cat, "活体人脸核身"), None);
    }

    #[test]
    fn nothing_is_picked_where_the_file_does_not_say_which() {
        // Two values naming the group alike; a service the file does not hold; a column that
        // names no work (a region); a column of one value summed.
        assert_eq!(found(&[choice("ServiceName", &["FaceID", "FaceID Pro"])], "活体人脸核身"), None);
        assert_eq!(found(&[choice("ServiceName", &["FaceID", "OCR"])], "bank_card_verification"), None);
        assert_eq!(found(&[choice("Region", &["FaceID", "OCR"])], "活体人脸核身"), None);
        assert_eq!(found(&[choice("ServiceName", &["FaceID"])], "活体人脸核身"), None);
        assert_eq!(found(&[choice("ServiceName", &["FaceID", "OCR"])], "no such service"), None);
        // Too short to name anything: `id` is in many names.
        assert_eq!(found(&[choice("SkuId", &["id", "xx"])], "ocr_id_card"), None);
    }
}
