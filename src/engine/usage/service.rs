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

/// A name's parts in brackets apart (`FaceID (人脸核身)` → `faceid`, `人脸核身`), squeezed; parts
/// shorter than 2 characters are left out.
fn parts(name: &str) -> impl Iterator<Item = String> + '_ {
    name.split(['(', ')', '（', '）']).map(squeeze).filter(|k| k.chars().count() >= 2)
}

/// What a value is compared with for one service of a list.
#[derive(Clone)]
struct Names {
    /// Its id, names and aliases, whole.
    whole: Vec<String>,
    /// Their parts in brackets, where no other service of the list has the same part (`高速版`
    /// of `通用印刷体识别（高速版）`, not `通用印刷体识别`, which is another service's name).
    parts: Vec<String>,
    /// Its group's id and names, whole and in parts (`faceid人脸核身`, `faceid`, `人脸核身`).
    group: Vec<String>,
    /// The words of its id, English name and aliases (`liveness`, `verification`, `face`).
    words: Vec<String>,
}

/// A text's words of 3 letters or more, lower case (`face-liveness` → `face`, `liveness`).
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| w.len() >= 3).map(str::to_ascii_lowercase).collect()
}

/// Every service of `catalog`, in its order, as [`Names`].
fn names_all(catalog: &Catalog) -> Vec<Names> {
    use crate::engine::Lang::{En, Zh};
    let texts = |s: &Service| -> Vec<String> { s.names().map(str::to_string).collect() };
    let whole_and_parts: Vec<(Vec<String>, Vec<String>)> = catalog
        .services
        .iter()
        .map(|s| {
            let t = texts(s);
            (t.iter().map(|n| squeeze(n)).collect(), t.iter().flat_map(|n| parts(n)).collect())
        })
        .collect();
    catalog
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (whole, own_parts) = &whole_and_parts[i];
            let shared = |p: &String| {
                whole_and_parts.iter().enumerate().any(|(j, (w, ps))| j != i && (w.contains(p) || ps.contains(p)))
            };
            let group = catalog
                .groups
                .iter()
                .filter(|g| g.id == s.group)
                .flat_map(|g| [g.id.as_str(), g.name.get(Zh), g.name.get(En)])
                .flat_map(|n| std::iter::once(squeeze(n)).chain(parts(n)))
                .collect();
            let words = [s.id.as_str(), s.name.get(En)].into_iter().chain(s.aliases.iter().map(String::as_str));
            Names {
                whole: whole.clone(),
                parts: own_parts.iter().filter(|p| !shared(p)).cloned().collect(),
                group,
                words: words.flat_map(self::words).collect(),
            }
        })
        .collect()
}

/// How closely `value` names a service: 3 where it is the service's id, a name or an alias; 2
/// where it holds one of them or a part only it has (or is a longer part of one: `ocr-general`
/// of `ocr_general_basic`), or its words are all the service's (`face-liveness`); 1 where it names only the service's group (`FaceID`,
/// `人脸核身`, `OCR`); 0 where none. Held or holding only where the shorter says something
/// (4 bytes or more: `ocr-general`, `人脸`; not `id`, nor `eid` inside `faceid`).
fn closeness(v: &Said, n: &Names) -> u8 {
    let Said { squeezed: v, words } = v;
    let v = v.as_str();
    // Two words or more, each a word of the service's names, in any order (a SKU
    // `face-liveness` of "Liveness face verification").
    let in_words = words.len() >= 2 && words.iter().all(|w| n.words.contains(w));
    let names = |keys: &[String]| {
        keys.iter().any(|k| (k.len() >= 4 && v.contains(k.as_str())) || (v.len() >= 4 && k.contains(v)))
    };
    if v.chars().count() < 2 {
        0
    } else if n.whole.iter().any(|k| k == v) {
        3
    } else if n.group.iter().any(|k| k == v) {
        // A group's own name is the group's, even where a service's name holds it.
        1
    } else if names(&n.whole) || names(&n.parts) || in_words {
        2
    } else if names(&n.group) {
        1
    } else {
        0
    }
}

/// A value as compared: squeezed, and its words; made once for every service it is weighed
/// against.
struct Said {
    squeezed: String,
    words: Vec<String>,
}

/// How closely `value` names each service of the list (`all`, [`names_all`]), in its order.
fn levels(value: &str, all: &[Names]) -> Vec<u8> {
    let said = Said { squeezed: squeeze(value), words: words(value) };
    all.iter().map(|n| closeness(&said, n)).collect()
}

/// How closely a value (its [`levels`]) names service `line`, against every other: 0 where
/// another names it more closely; where several name it alike above their group (`ocr-general`
/// for the basic, fast and accurate print OCR), 1, as a group is named.
fn closeness_for(levels: &[u8], line: usize) -> u8 {
    let (mine, best) = (levels[line], levels.iter().copied().max().unwrap_or(0));
    if mine == 0 || mine < best {
        0
    } else if mine >= 2 && levels.iter().filter(|l| **l == best).count() > 1 {
        1
    } else {
        mine
    }
}

/// Every service of `catalog` as [`Names`]; the built-in list's made once (the page asks of
/// every offer of a buyer's own sheet, for every line, on every edit).
fn names_of(catalog: &Catalog) -> std::borrow::Cow<'static, [Names]> {
    static BUILTIN: std::sync::OnceLock<Vec<Names>> = std::sync::OnceLock::new();
    if std::ptr::eq(catalog, crate::engine::catalog::builtin()) {
        std::borrow::Cow::Borrowed(BUILTIN.get_or_init(|| names_all(catalog)))
    } else {
        std::borrow::Cow::Owned(names_all(catalog))
    }
}

/// Service `service` of `catalog`: its place, and every service's names.
fn of_list(catalog: &Catalog, service: &str) -> Option<(usize, std::borrow::Cow<'static, [Names]>)> {
    let s = catalog.service(service)?;
    let line = catalog.services.iter().position(|o| o.id == s.id)?;
    Some((line, names_of(catalog)))
}

/// How closely any of `names` (another vendor's service: its id, names and aliases) names line
/// service `service` of `catalog`, against every other service there ([`closeness_for`]): 3 by
/// one of its names, 2 holding one (`身份证识别` of `身份证识别 OCR`), 1 its group alone, 0 none
/// or another service more closely. What pairs a service of a buyer's own sheet with a line.
pub fn names_service<'a>(names: impl IntoIterator<Item = &'a str>, catalog: &Catalog, service: &str) -> u8 {
    let Some((line, all)) = of_list(catalog, service) else { return 0 };
    names.into_iter().map(|n| closeness_for(&levels(n, &all), line)).max().unwrap_or(0)
}

/// Words of a header that holds money, not calls (`活体人脸核身费用`, `cost`).
const MONEY_WORDS: [&str; 10] = ["元", "费用", "金额", "价", "¥", "￥", "cost", "amount", "price", "fee"];

/// Where a file's count column was not found (none or several headed as counts): the one of its
/// `headers` that, alone, names line service `service` of `catalog` (a month's calls under the
/// service's name, `月份, 活体人脸核身`), to read the counts from; never one that names money
/// (`活体人脸核身费用`, `活体人脸核身（元）`). What the page and `quote --usage` both take.
pub fn count_column_named(headers: &[String], catalog: &Catalog, service: &str) -> Option<String> {
    let money = |h: &str| {
        let h = h.to_lowercase();
        MONEY_WORDS.iter().any(|w| h.contains(w))
    };
    let mut naming = headers.iter().filter(|h| !money(h) && names_service([h.as_str()], catalog, service) >= 2);
    let one = naming.next()?;
    naming.next().is_none().then(|| one.clone())
}

/// The service of `catalog` that `names` (another list's service: its id, names and aliases)
/// names most closely, by one of its names or holding one (2 or more in [`closeness`]), where
/// one alone does: `身份证识别` is ID card OCR on the built-in list.
pub fn named_service<'a, 'n>(names: impl IntoIterator<Item = &'n str>, catalog: &'a Catalog) -> Option<&'a Service> {
    let all = names_of(catalog);
    let mut best = vec![0u8; all.len()];
    for n in names {
        for (b, l) in best.iter_mut().zip(levels(n, &all)) {
            *b = (*b).max(l);
        }
    }
    let top = best.iter().copied().max().filter(|t| *t >= 2)?;
    let mut at = (0..best.len()).filter(|&k| best[k] == top);
    let k = at.next()?;
    at.next().is_none().then(|| &catalog.services[k])
}

/// Where the rows summed are another service's, not line service `service`'s: no value of a
/// column naming the work names it or its group, and every value of one such column names some
/// other service of `catalog` (OCR's SKUs imported into a liveness check's line). That column
/// and its values summed, for the page to say so.
pub fn other_service(choices: &[Choice], catalog: &Catalog, service: &str) -> Option<(String, Vec<String>)> {
    let (line, all) = of_list(catalog, service)?;
    let work: Vec<&Choice> = choices.iter().filter(|c| !c.summed.is_empty() && names_work(&c.column)).collect();
    let levels: Vec<Vec<Vec<u8>>> =
        work.iter().map(|c| c.summed.iter().map(|(v, _)| levels(v, &all)).collect()).collect();
    if levels.iter().flatten().any(|l| l[line] > 0) {
        return None;
    }
    let another = |l: &[u8]| (0..all.len()).any(|j| j != line && closeness_for(l, j) > 0);
    work.into_iter()
        .zip(&levels)
        .find(|(_, ls)| ls.iter().all(|l| another(l)))
        .map(|(c, _)| (c.column.clone(), c.summed.iter().map(|(v, _)| v.clone()).collect()))
}

/// The rows of line service `service` (an id or name of `catalog`) in a file whose summed rows
/// hold several values of a column naming the work ([`names_work`]): of the columns where one
/// value alone names the service most closely ([`closeness_for`]), the one naming it most
/// closely (a billing item naming the service wins over a product column naming its group,
/// whichever comes first in the file), as a filter. Where no value names it, the one value left
/// when every other names another service of `catalog` (`活体检测` beside `身份证OCR` on a
/// liveness line), after any that names it. `None` where no column sums several, or no value or
/// more than one fits.
pub fn service_value(choices: &[Choice], catalog: &Catalog, service: &str) -> Option<Filter> {
    let (line, all) = of_list(catalog, service)?;
    // A value holding another service's name (not only its group's, as `OCR` does).
    let another = |l: &[u8]| (0..all.len()).any(|j| j != line && l[j] >= 2);
    let found = choices.iter().filter(|c| c.summed.len() > 1 && names_work(&c.column)).filter_map(|c| {
        let levels: Vec<Vec<u8>> = c.summed.iter().map(|(v, _)| levels(v, &all)).collect();
        let close: Vec<(u8, &str)> =
            levels.iter().zip(&c.summed).map(|(l, (v, _))| (closeness_for(l, line), v.as_str())).collect();
        let filter = |value: &str| Filter { column: c.column.clone(), value: value.to_string() };
        let Some(best) = close.iter().map(|(k, _)| *k).max().filter(|k| *k > 0) else {
            // By elimination: one value left that names no other service by its name.
            let mut left = levels.iter().zip(&c.summed).filter(|(l, _)| !another(l));
            let (_, (value, _)) = left.next()?;
            return left.next().is_none().then(|| (0, filter(value)));
        };
        let mut fit = close.iter().filter(|(k, _)| *k == best);
        let (_, value) = fit.next()?;
        fit.next().is_none().then(|| (best, filter(value)))
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

    /// A finance sheet's rows of a liveness check and of ID card OCR, the first named as no
    /// service of the list: on a liveness line, the row left when the other is OCR's.
    #[test]
    fn the_row_left_when_the_others_are_other_services_is_the_lines() {
        let rows = [choice("服务（项目）", &["活体检测", "身份证OCR"])];
        assert_eq!(found(&rows, "活体人脸核身"), Some(("服务（项目）".into(), "活体检测".into())));
        assert_eq!(found(&rows, "ocr_id_card"), Some(("服务（项目）".into(), "身份证OCR".into())));
        // Two rows naming no service: which is the line's is not known.
        assert_eq!(found(&[choice("服务（项目）", &["A", "B", "身份证OCR"])], "活体人脸核身"), None);
    }

    /// A service of another vendor's sheet, by its names, against a line's service.
    #[test]
    fn another_sheets_service_names_a_lines_by_its_names() {
        let b = builtin();
        assert_eq!(names_service(["idcard", "身份证识别"], b, "ocr_id_card"), 2);
        assert_eq!(names_service(["ID card OCR"], b, "ocr_id_card"), 3);
        // Not another service's: 身份证识别 names ID cards, not printed text.
        assert_eq!(names_service(["身份证识别"], b, "ocr_general_basic"), 0);
        assert_eq!(names_service(["invoice", "增值税发票识别"], b, "ocr_id_card"), 0);
        assert_eq!(names_service(["x"], b, "no such service"), 0);
        // And which of the list's services another's names name.
        assert_eq!(named_service(["idcard", "身份证识别"], b).map(|s| s.id.as_str()), Some("ocr_id_card"));
        assert_eq!(named_service(["vb", "B liveness"], b), None, "no service's name: none");
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

    /// SKUs named in English words: `face-liveness` is the liveness check's words (its comparison
    /// service has them too, so it names both alike, as a group would), `face-compare` only the
    /// comparison's (`liveness_compare`).
    #[test]
    fn a_sku_in_english_words_is_found() {
        let sku = [choice("SkuId", &["ocr-general", "face-liveness", "face-compare"])];
        assert_eq!(found(&sku, "活体人脸核身"), Some(("SkuId".into(), "face-liveness".into())));
        assert_eq!(found(&sku, "活体人脸比对"), Some(("SkuId".into(), "face-compare".into())));
        assert_eq!(found(&sku, "照片人脸核身"), None, "no word says photo");
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
        // Too short to name anything: `id` is in many names (and in the group FaceID).
        assert_eq!(found(&[choice("SkuId", &["id", "xx"])], "ocr_id_card"), None);
        assert_eq!(found(&[choice("SkuId", &["ID", "OCR"])], "活体人脸核身"), None);
        // Another service's own name is not this one's: the standard print OCR's rows are not
        // the fast version's, nor the authority database's the own-photo WeChat check's.
        let print = [choice("计费项", &["通用印刷体识别", "身份证识别"])];
        assert_eq!(found(&print, "ocr_general_fast"), None);
        assert_eq!(found(&print, "ocr_general_basic"), Some(("计费项".into(), "通用印刷体识别".into())));
        let wechat = [choice("计费项", &["增强版人脸核身（权威库）-微信", "活体人脸核身"])];
        assert_eq!(found(&wechat, "enhanced_photo_wechat"), None);
        assert_eq!(
            found(&wechat, "enhanced_authority_wechat"),
            Some(("计费项".into(), "增强版人脸核身（权威库）-微信".into()))
        );
    }
}
