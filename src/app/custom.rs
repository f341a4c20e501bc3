//! Custom services and loaded price lists, as the page edits them: a visitor's draft of one
//! service (name, tier table, packs, and format 2's terms: the unit prices are per, flat fees,
//! a free quota, a minimum, commitments) becomes a price list that extends the built-in one and
//! travels inside the estimate (`price_list`). The draft is written in format 1 unless it uses
//! a format-2 term, so lists without them stay readable by older builds. Everything is checked by the engine's own
//! price-list validation; nothing invalid is ever priced.

use serde_json::{Map, Value, json};

use super::input;
use crate::engine::catalog::keys::Word;
use crate::engine::catalog::{
    self, Catalog, CatalogErrors, PartialUnit, keys, merge, parse_price_list_value, read_json,
};
use crate::engine::path::Path;
use crate::engine::{CustomCatalog, Lang, ListMode};

/// One tier row as typed: the upper bound (empty for the last, unbounded tier) and the price per
/// call, or "contact sales".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TierDraft {
    pub up_to: String,
    pub price: String,
    pub contact_sales: bool,
    /// A flat fee for the tier (format 2); empty for none.
    pub fee: String,
}

/// One commitment as typed: a monthly fee including a number of calls, and the price of each
/// call beyond them (per the service's unit; empty: the service's postpaid tiers).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CommitmentDraft {
    pub name: String,
    pub fee: String,
    pub calls: String,
    pub overage: String,
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
    /// A tier's "up to" includes that call (`up_to_included`: up to 50,000 is calls 1–50,000);
    /// otherwise the next tier starts there (calls 1–49,999).
    pub bounds_included: bool,
    pub tiers: Vec<TierDraft>,
    pub packs: Vec<PackDraft>,
    pub validity_months: String,
    /// Tier prices are per this many calls (format 2); empty or 1 for per call.
    pub unit: String,
    /// A started unit is charged whole (otherwise its share).
    pub round_up: bool,
    /// Free calls every month, and in how many first months (empty: every month).
    pub quota_calls: String,
    pub quota_months: String,
    /// The least a month's usage charge can be; empty for none.
    pub minimum: String,
    pub commitments: Vec<CommitmentDraft>,
}

impl Default for ServiceDraft {
    fn default() -> Self {
        ServiceDraft {
            name: String::new(),
            graduated: false,
            bounds_included: false,
            tiers: vec![TierDraft::default()],
            packs: Vec::new(),
            validity_months: "12".into(),
            unit: String::new(),
            round_up: false,
            quota_calls: String::new(),
            quota_months: String::new(),
            minimum: String::new(),
            commitments: Vec::new(),
        }
    }
}

/// The draft read as the format writes it: the service's members and its packs.
struct Read {
    /// The service's members besides id, name and group (postpaid, and format 2's terms).
    service: Map<String, Value>,
    sizes: Vec<Value>,
    validity: u64,
    /// Whether any member is a format-2 term.
    format_2: bool,
}

/// A problem with a draft or a loaded list, as the page shows it: where (a field label, or the
/// path in a loaded list) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListProblem {
    pub place: String,
    pub message: String,
    /// The form's box it is about, where it is one (a drafted service's; not a loaded list's).
    pub field: Option<DraftField>,
}

impl ListProblem {
    fn new(place: String, message: String) -> ListProblem {
        ListProblem { place, message, field: None }
    }
}

/// A box of the custom-service form, for marking the one a problem is about and moving the
/// focus there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftField {
    Name,
    Unit,
    Validity,
    QuotaCalls,
    QuotaMonths,
    Minimum,
    /// The vendor a typed sheet is from (the comparison's form only).
    Vendor,
    /// The currency a typed sheet's prices are in (the comparison's form only).
    Currency,
    /// Tier `i`'s up to (0), price (1) or flat fee (2).
    Tier(usize, u8),
    /// Pack `j`'s calls (0) or price (1).
    Pack(usize, u8),
    /// Commitment `j`'s name (0), monthly fee (1), calls included (2) or overage price (3).
    Commitment(usize, u8),
}

impl DraftField {
    /// The box's element id in the page's form whose ids start `form` (`custom`: the
    /// estimate's service form; `sheet`: the comparison's).
    pub fn id(self, form: &str) -> String {
        let own = match self {
            DraftField::Name => "name".into(),
            DraftField::Vendor => "vendor".into(),
            DraftField::Currency => "currency".into(),
            DraftField::Unit => "unit".into(),
            DraftField::Validity => "validity".into(),
            DraftField::QuotaCalls => "quota".into(),
            DraftField::QuotaMonths => "quota-months".into(),
            DraftField::Minimum => "minimum".into(),
            DraftField::Tier(i, b) => format!("tier-{i}-{b}"),
            DraftField::Pack(j, b) => format!("pack-{j}-{b}"),
            DraftField::Commitment(j, b) => format!("commitment-{j}-{b}"),
        };
        format!("{form}-{own}")
    }

    /// The form's row or box in words: "tier 2", "pack 1", "free quota".
    fn row(self, lang: Lang) -> String {
        let nth = |zh: &str, en: &str, i: usize| lang.pick(zh, en).replace("{i}", &(i + 1).to_string());
        match self {
            DraftField::Tier(i, _) => nth("第 {i} 档", "tier {i}", i),
            DraftField::Pack(j, _) => nth("第 {i} 个资源包", "pack {i}", j),
            DraftField::Commitment(j, _) => nth("第 {i} 个承诺套餐", "commitment {i}", j),
            DraftField::QuotaCalls | DraftField::QuotaMonths => lang.pick("免费额度", "free quota").to_string(),
            DraftField::Validity => lang.pick("有效期", "validity").to_string(),
            DraftField::Unit => lang.pick("计价单位", "unit").to_string(),
            DraftField::Minimum => lang.pick("最低消费", "minimum").to_string(),
            DraftField::Name => lang.pick("名称", "name").to_string(),
            DraftField::Vendor => lang.pick("厂商", "vendor").to_string(),
            DraftField::Currency => lang.pick("币种", "currency").to_string(),
        }
    }

    /// The box a problem of the drafted list at `path` is about.
    fn at(path: &Path) -> DraftField {
        let last = path.last_key();
        // A commitment's own overage tiers first: they are tiers too.
        if let Some(j) = path.index_after(keys::service::COMMITMENTS) {
            let b = match last {
                Some(keys::commitment::NAME) => 0,
                Some(keys::commitment::MONTHLY_FEE) => 1,
                Some(keys::commitment::CALLS) => 2,
                _ => 3,
            };
            return DraftField::Commitment(j, b);
        }
        if let Some(i) = path.index_after(keys::postpaid::TIERS) {
            let b = match last {
                Some(keys::tier::UP_TO | keys::tier::UP_TO_INCLUDED) => 0,
                Some(keys::tier::FLAT_FEE) => 2,
                _ => 1,
            };
            return DraftField::Tier(i, b);
        }
        if let Some(j) = path.index_after(keys::product::SIZES) {
            return DraftField::Pack(j, if last == Some(keys::size::CALLS) { 0 } else { 1 });
        }
        if path.has_key(keys::service::FREE_QUOTA) {
            return if last == Some(keys::free_quota::MONTHS) {
                DraftField::QuotaMonths
            } else {
                DraftField::QuotaCalls
            };
        }
        // The list's own members (a typed sheet's): its name is the vendor's.
        if path.index_after(keys::list::SERVICES).is_none() && path.index_after(keys::list::PACK_PRODUCTS).is_none() {
            match last {
                Some(keys::list::CURRENCY) => return DraftField::Currency,
                Some(keys::list::NAME) => return DraftField::Vendor,
                _ => {}
            }
        }
        match last {
            Some(keys::product::VALIDITY_MONTHS) => DraftField::Validity,
            Some(keys::postpaid::UNIT | keys::postpaid::PARTIAL_UNIT) => DraftField::Unit,
            Some(keys::minimum::MONTHLY | keys::service::MINIMUM) => DraftField::Minimum,
            _ => DraftField::Name,
        }
    }
}

/// Where a problem in a drafted service sits, in the words of the draft's form: the service's
/// `tiers[i]` is "tier i+1", its pack product's `sizes[j]` is "pack j+1" (the box it is about is
/// [`DraftField::at`]'s, the one reading of a path).
fn place(path: &Path, lang: Lang) -> String {
    DraftField::at(path).row(lang)
}

/// The problems of a list, each at its path, said in `lang`.
fn at_paths(e: CatalogErrors, lang: Lang) -> Vec<ListProblem> {
    e.0.into_iter().map(|e| ListProblem::new(e.path.to_string(), super::format::list_problem(&e, lang))).collect()
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
    let read = read_draft(draft, lang)?;
    let format_2 = read.format_2;
    // The draft is read as a one-service list of the format, so the engine's own validation
    // checks it, then appended to the visitor's list. Its currency is the list's it joins.
    let currency = list_currency(existing);
    let id = next_id(existing.as_ref().map(|p| p.own()));
    let mut one = one_service_list(draft, &id, read, &currency, lang);
    let drafted = parse_price_list_value(&Value::Object(one.clone())).map_err(|e| in_draft(e, lang))?;
    // Appended to the visitor's list: the typed list, and the JSON it travels as.
    let (source, combined) = match existing {
        Some(p) => {
            let combined = merge::append(p.own(), drafted).map_err(|e| in_draft(e, lang))?;
            let mut source = p.source().clone();
            if let Value::Object(m) = &mut source {
                for key in [keys::list::PACK_PRODUCTS, keys::list::SERVICES] {
                    if let Some(Value::Array(more)) = one.remove(key) {
                        match m.get_mut(key) {
                            Some(Value::Array(items)) => items.extend(more),
                            _ => {
                                m.insert(key.into(), Value::Array(more));
                            }
                        }
                    }
                }
                // A format-2 service makes the whole list format 2, which states its currency.
                if format_2 {
                    m.insert(keys::list::FORMAT.into(), json!(catalog::FORMAT));
                    m.entry(keys::list::CURRENCY).or_insert_with(|| json!(currency));
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

/// The id of a sheet typed into the comparison's form ([`sheet`]): typed again for the same
/// vendor and service, it replaces the one there.
pub const TYPED_SHEET: &str = "typed-sheet";

/// Whether `list` is a sheet typed into the comparison's form ([`sheet`]).
pub fn is_typed(list: &CustomCatalog) -> bool {
    list.own().id == TYPED_SHEET
}

/// A vendor's sheet typed into the comparison's form: the drafted service as a price list of
/// its own, named for `vendor`, with prices in `currency` (typed as the sheet says it: `usd`
/// and `RMB` are USD and CNY: [`sheet_currency`]; the comparison converts at the rate typed for
/// it). It extends nothing and changes nothing of the estimate. Checked by the engine's own
/// validation, each problem against its box: the boxes' all at once, then the list's.
pub fn sheet(
    draft: &ServiceDraft,
    vendor: &str,
    currency: &str,
    lang: Lang,
) -> Result<CustomCatalog, Vec<ListProblem>> {
    let mut problems = Vec::new();
    let mut missing = |field: DraftField, zh: &str, en: &str| {
        problems.push(ListProblem { place: field.row(lang), message: lang.pick(zh, en).into(), field: Some(field) })
    };
    if vendor.trim().is_empty() {
        missing(DraftField::Vendor, "请填写厂商名称", "Give the vendor a name");
    }
    if currency.trim().is_empty() {
        missing(DraftField::Currency, "请填写币种，例如 CNY 或 USD", "Give the currency, e.g. CNY or USD");
    }
    let read = match read_draft(draft, lang) {
        Ok(read) if problems.is_empty() => read,
        Ok(_) => return Err(problems),
        Err(more) => return Err(problems.into_iter().chain(more).collect()),
    };
    let currency = sheet_currency(currency);
    let mut one = one_service_list(draft, &next_id(None), read, &currency, lang);
    one.insert(keys::list::ID.into(), json!(TYPED_SHEET));
    one.insert(keys::list::NAME.into(), json!(vendor.trim()));
    one.insert(keys::list::CURRENCY.into(), json!(currency));
    CustomCatalog::read(ListMode::Replace, Value::Object(one)).map_err(|e| in_draft(e, lang))
}

/// The currency of a typed sheet as a buyer writes it, in ISO letters: `usd` is USD, `RMB`,
/// `元` and `人民币` are CNY. What is no currency is left for the list's check to say.
pub fn sheet_currency(typed: &str) -> String {
    match typed.trim() {
        "元" | "人民币" => "CNY".to_string(),
        c => crate::engine::money::iso_currency(&c.to_ascii_uppercase()).to_string(),
    }
}

/// A sheet typed on the page ([`sheet`]) read back into the form, to correct and put again: its
/// service's draft (names in `lang`), the vendor and the currency. `None` for any other list.
pub fn typed_draft(list: &CustomCatalog, lang: Lang) -> Option<(ServiceDraft, String, String)> {
    use crate::engine::catalog::{Postpaid, TierMode};
    use crate::engine::money::{group_u64, plain};
    if !is_typed(list) {
        return None;
    }
    let own = list.own();
    let s = own.services.first()?;
    let mut d = ServiceDraft { name: s.name.get(lang).to_string(), ..ServiceDraft::default() };
    if let Postpaid::Tiers(t) = &s.postpaid {
        d.graduated = t.mode == TierMode::Graduated;
        d.bounds_included = t.tiers.iter().any(|x| x.up_to.is_some() && x.includes_up_to);
        d.tiers = t
            .tiers
            .iter()
            .map(|x| TierDraft {
                up_to: x.up_to.map(group_u64).unwrap_or_default(),
                price: x.price.map(plain).unwrap_or_default(),
                contact_sales: x.price.is_none(),
                fee: x.flat_fee.map(plain).unwrap_or_default(),
            })
            .collect();
        if t.unit > 1 {
            d.unit = group_u64(t.unit);
            d.round_up = t.partial_unit == PartialUnit::RoundUp;
        }
    }
    if let Some(p) = own.packs_of(s) {
        d.packs = p.offered().map(|(z, price)| PackDraft { calls: group_u64(z.calls), price: plain(price) }).collect();
        d.validity_months = p.validity_months.to_string();
    }
    if let Some(q) = &s.free_quota {
        d.quota_calls = group_u64(q.calls);
        d.quota_months = q.months.map(|m| m.to_string()).unwrap_or_default();
    }
    d.minimum = s.minimum.map(plain).unwrap_or_default();
    d.commitments = s
        .commitments
        .iter()
        .map(|c| CommitmentDraft {
            name: c.name.get(lang).to_string(),
            fee: plain(c.monthly_fee),
            calls: group_u64(c.calls),
            overage: match &c.overage {
                Some(Postpaid::Tiers(t)) if t.tiers.len() == 1 => t.tiers[0].price.map(plain).unwrap_or_default(),
                _ => String::new(),
            },
        })
        .collect();
    Some((d, own.name.get(lang).to_string(), own.currency.clone()))
}

/// The currency of the list a drafted service joins: the visitor's list's, or the built-in one's.
pub fn list_currency(existing: &Option<CustomCatalog>) -> String {
    existing.as_ref().map_or_else(|| catalog::builtin().currency.clone(), |p| p.in_force().currency.clone())
}

/// A price as typed in the form (`5,000`, `0.6元`, full-width digits), as the format writes it, or
/// what is wrong with it in `lang` (the list's own check would say it in English only).
fn price(text: &str, lang: Lang) -> Result<String, String> {
    input::parse_amount(text).map(|d| d.to_string()).map_err(|e| e.message(lang))
}

/// The draft's fields read as the format writes them; every field that does not read, with the
/// place to fix it.
fn read_draft(draft: &ServiceDraft, lang: Lang) -> Result<Read, Vec<ListProblem>> {
    let mut problems = Vec::new();
    let mut bad = |field: DraftField, place: String, message: String| {
        problems.push(ListProblem { place, message, field: Some(field) })
    };
    let tier_place = |i: usize| DraftField::Tier(i, 0).row(lang);
    let pack_place = |j: usize| DraftField::Pack(j, 0).row(lang);
    let commitment_place = |j: usize| DraftField::Commitment(j, 0).row(lang);
    let filled = |t: &str| !t.trim().is_empty();
    // Which box of a row, where the row has two prices: "tier 1, flat fee".
    let which = |row: String, box_name: &str| format!("{row}{}{box_name}", lang.pick("，", ", "));
    if !filled(&draft.name) {
        bad(
            DraftField::Name,
            DraftField::Name.row(lang),
            lang.pick("请填写服务名称", "Give the service a name").into(),
        );
    }
    let mut format_2 = false;
    let last = draft.tiers.len().saturating_sub(1);
    let mut tiers = Vec::new();
    for (i, t) in draft.tiers.iter().enumerate() {
        use keys::tier as k;
        let mut tier = Map::new();
        if i != last || filled(&t.up_to) {
            match input::parse_calls(&t.up_to) {
                Ok(n) => {
                    tier.insert(k::UP_TO.into(), json!(n));
                    if draft.bounds_included {
                        tier.insert(k::UP_TO_INCLUDED.into(), json!(true));
                    }
                }
                Err(e) => {
                    bad(DraftField::Tier(i, 0), which(tier_place(i), lang.pick("上限", "up to")), e.message(lang))
                }
            }
        }
        if t.contact_sales {
            tier.insert(k::CONTACT_SALES.into(), json!(true));
        } else if !filled(&t.price) {
            bad(
                DraftField::Tier(i, 1),
                tier_place(i),
                lang.pick("请填写单价，或勾选“联系商务”", "Enter a price, or tick contact sales").into(),
            );
        } else {
            match price(&t.price, lang) {
                Ok(p) => {
                    tier.insert(k::PRICE.into(), json!(p));
                }
                Err(m) => bad(DraftField::Tier(i, 1), which(tier_place(i), lang.pick("单价", "price")), m),
            }
        }
        if filled(&t.fee) {
            format_2 = true;
            match price(&t.fee, lang) {
                Ok(p) => {
                    tier.insert(k::FLAT_FEE.into(), json!(p));
                }
                Err(m) => bad(DraftField::Tier(i, 2), which(tier_place(i), lang.pick("固定费", "flat fee")), m),
            }
        }
        tiers.push(Value::Object(tier));
    }
    let mut postpaid = Map::new();
    postpaid.insert(keys::postpaid::MODE.into(), json!(if draft.graduated { "graduated" } else { "reached" }));
    let unit_place = || DraftField::Unit.row(lang);
    if filled(&draft.unit) {
        match input::parse_whole(&draft.unit, 1, 1_000_000_000) {
            Ok(1) => {}
            Ok(u) => {
                format_2 = true;
                postpaid.insert(keys::postpaid::UNIT.into(), json!(u));
                if draft.round_up {
                    postpaid.insert(keys::postpaid::PARTIAL_UNIT.into(), json!(PartialUnit::RoundUp.word()));
                }
            }
            Err(e) => bad(DraftField::Unit, unit_place(), e.message(lang)),
        }
    }
    postpaid.insert(keys::postpaid::TIERS.into(), Value::Array(tiers));
    let mut service = Map::new();
    service.insert(keys::service::POSTPAID.into(), Value::Object(postpaid));
    let quota_place = || DraftField::QuotaCalls.row(lang);
    if !filled(&draft.quota_calls) && filled(&draft.quota_months) {
        // Months of a free quota with no calls: said, not dropped in silence.
        let message = lang.pick("请填写每月免费次数，或清空月数", "Enter the free calls a month, or clear the months");
        bad(DraftField::QuotaCalls, quota_place(), message.into());
    }
    if filled(&draft.quota_calls) {
        format_2 = true;
        let mut quota = Map::new();
        match input::parse_whole(&draft.quota_calls, 1, crate::engine::limits::MAX_CALLS_PER_MONTH) {
            Ok(n) => {
                quota.insert(keys::free_quota::CALLS.into(), json!(n));
            }
            Err(e) => bad(DraftField::QuotaCalls, quota_place(), e.message(lang)),
        }
        if filled(&draft.quota_months) {
            match input::parse_months(&draft.quota_months) {
                Ok(m) => {
                    quota.insert(keys::free_quota::MONTHS.into(), json!(m));
                }
                Err(e) => {
                    bad(DraftField::QuotaMonths, which(quota_place(), lang.pick("月数", "months")), e.message(lang))
                }
            }
        }
        service.insert(keys::service::FREE_QUOTA.into(), Value::Object(quota));
    }
    if filled(&draft.minimum) {
        format_2 = true;
        match price(&draft.minimum, lang) {
            Ok(p) => {
                service.insert(keys::service::MINIMUM.into(), json!({ keys::minimum::MONTHLY: p }));
            }
            Err(m) => bad(DraftField::Minimum, DraftField::Minimum.row(lang), m),
        }
    }
    let mut commitments = Vec::new();
    for (j, c) in draft.commitments.iter().enumerate() {
        use keys::commitment as k;
        format_2 = true;
        let mut one = Map::new();
        one.insert(k::ID.into(), json!(format!("c{}", j + 1)));
        let name = if filled(&c.name) { c.name.trim().to_string() } else { format!("C{}", j + 1) };
        one.insert(k::NAME.into(), json!(name));
        if !filled(&c.fee) {
            bad(
                DraftField::Commitment(j, 1),
                commitment_place(j),
                lang.pick("请填写月费", "Enter the monthly fee").into(),
            );
        } else {
            match price(&c.fee, lang) {
                Ok(p) => {
                    one.insert(k::MONTHLY_FEE.into(), json!(p));
                }
                Err(m) => {
                    bad(DraftField::Commitment(j, 1), which(commitment_place(j), lang.pick("月费", "monthly fee")), m)
                }
            }
        }
        match input::parse_whole(&c.calls, 1, crate::engine::limits::MAX_CALLS_PER_MONTH) {
            Ok(n) => {
                one.insert(k::CALLS.into(), json!(n));
            }
            Err(e) => bad(
                DraftField::Commitment(j, 2),
                which(commitment_place(j), lang.pick("包含次数", "calls included")),
                e.message(lang),
            ),
        }
        if filled(&c.overage) {
            // One price beyond the commitment, per the service's unit and its rounding.
            let mut overage = service[keys::service::POSTPAID].as_object().cloned().unwrap_or_default();
            overage.remove(keys::postpaid::MODE);
            match price(&c.overage, lang) {
                Ok(p) => {
                    overage.insert(keys::postpaid::TIERS.into(), json!([{ keys::tier::PRICE: p }]));
                }
                Err(m) => bad(
                    DraftField::Commitment(j, 3),
                    which(commitment_place(j), lang.pick("超出单价", "overage price")),
                    m,
                ),
            }
            one.insert(k::OVERAGE.into(), Value::Object(overage));
        }
        commitments.push(Value::Object(one));
    }
    if !commitments.is_empty() {
        service.insert(keys::service::COMMITMENTS.into(), Value::Array(commitments));
    }
    let mut sizes = Vec::new();
    for (j, p) in draft.packs.iter().enumerate() {
        use keys::size as k;
        match input::parse_whole(&p.calls, 1, crate::engine::limits::MAX_PACK_CALLS) {
            Ok(_) if !filled(&p.price) => bad(
                DraftField::Pack(j, 1),
                pack_place(j),
                lang.pick("请填写资源包价格", "Enter the pack's price").into(),
            ),
            Ok(n) => match price(&p.price, lang) {
                Ok(price) => sizes.push(json!({ k::CALLS: n, k::PRICE: price })),
                Err(m) => bad(DraftField::Pack(j, 1), which(pack_place(j), lang.pick("价格", "price")), m),
            },
            Err(e) => bad(DraftField::Pack(j, 0), which(pack_place(j), lang.pick("次数", "calls")), e.message(lang)),
        }
    }
    let validity = match input::parse_months(&draft.validity_months) {
        Ok(v) => v,
        Err(e) => {
            bad(DraftField::Validity, DraftField::Validity.row(lang), e.message(lang));
            12
        }
    };
    if problems.is_empty() { Ok(Read { service, sizes, validity, format_2 }) } else { Err(problems) }
}

/// A price list holding the drafted service `id` alone (and its pack product, where it has
/// packs): format 1, or format 2 with `currency` where the draft uses a format-2 term.
fn one_service_list(draft: &ServiceDraft, id: &str, read: Read, currency: &str, lang: Lang) -> Map<String, Value> {
    let mut service = Map::new();
    service.insert(keys::service::ID.into(), json!(id));
    service.insert(keys::service::NAME.into(), json!(draft.name.trim()));
    service.insert(keys::service::GROUP.into(), json!(merge::CUSTOM_GROUP));
    service.extend(read.service);
    let mut one = Map::new();
    if read.format_2 {
        one.insert(keys::list::FORMAT.into(), json!(catalog::FORMAT));
        one.insert(keys::list::CURRENCY.into(), json!(currency));
    } else {
        one.insert(keys::list::FORMAT.into(), json!(catalog::FORMATS[0]));
    }
    if !read.sizes.is_empty() {
        let pack_id = format!("{id}_packs");
        service.insert(keys::service::PACKS.into(), json!(pack_id));
        let name = format!("{} {}", draft.name.trim(), lang.pick("资源包", "packs"));
        one.insert(
            keys::list::PACK_PRODUCTS.into(),
            json!([{ keys::product::ID: pack_id, keys::product::NAME: name,
                     keys::product::VALIDITY_MONTHS: read.validity, keys::product::SIZES: read.sizes }]),
        );
    }
    one.insert(keys::list::SERVICES.into(), json!([Value::Object(service)]));
    one
}

/// The problems of a drafted service, each against the draft's field.
fn in_draft(e: CatalogErrors, lang: Lang) -> Vec<ListProblem> {
    e.0.into_iter()
        .map(|e| ListProblem {
            place: place(&e.path, lang),
            message: super::format::list_problem(&e, lang),
            field: Some(DraftField::at(&e.path)),
        })
        .collect()
}

/// Reads a pasted or uploaded price list (format 1 or 2) to extend or replace the built-in one;
/// its problems said in `lang`.
pub fn load(text: &str, mode: ListMode, lang: Lang) -> Result<CustomCatalog, Vec<ListProblem>> {
    let at = |e| at_paths(e, lang);
    CustomCatalog::read(mode, read_json(text).map_err(at)?).map_err(at)
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
                TierDraft { up_to: "1,000".into(), price: "0.2".into(), ..TierDraft::default() },
                TierDraft { up_to: "1万".into(), price: "0.15".into(), ..TierDraft::default() },
                TierDraft { contact_sales: true, ..TierDraft::default() },
            ],
            packs: vec![PackDraft { calls: "10k".into(), price: "1200".into() }],
            ..ServiceDraft::default()
        }
    }

    /// A third vendor's quote as a buyer has it on paper: graduated tiers of 0.60 to 50,000
    /// calls, 0.50 to 200,000, then 0.42; a pack of 100,000 calls for 45,000, valid 12 months.
    fn quote_on_paper() -> ServiceDraft {
        ServiceDraft {
            name: "活体核验".into(),
            graduated: true,
            bounds_included: true,
            tiers: vec![
                TierDraft { up_to: "50,000".into(), price: "0.60".into(), ..TierDraft::default() },
                TierDraft { up_to: "20万".into(), price: "0.50".into(), ..TierDraft::default() },
                TierDraft { price: "0.42".into(), ..TierDraft::default() },
            ],
            packs: vec![PackDraft { calls: "100,000".into(), price: "45,000".into() }],
            ..ServiceDraft::default()
        }
    }

    #[test]
    fn a_vendors_quote_typed_is_a_sheet_of_its_own() {
        let list = sheet(&quote_on_paper(), " Vendor C ", "rmb", Lang::En).unwrap();
        assert_eq!(sheet(&quote_on_paper(), "C", " 元 ", Lang::Zh).unwrap().own().currency, "CNY");
        assert_eq!(list.mode, ListMode::Replace, "it extends nothing");
        assert_eq!((list.own().name.get(Lang::En), list.own().currency.as_str()), ("Vendor C", "CNY"));
        assert_eq!(list.source()["format"], 1, "no format-2 term: read by any build");
        let id = list.own().services[0].id.clone();
        let priced = |calls: Vec<u64>, packs: u64| {
            let mut line = Line::new(id.clone(), calls);
            if packs > 0 {
                line.packs = vec![crate::engine::PackPurchase { size: 100_000, count: packs, month: 1 }];
            }
            let e = Estimate { lines: vec![line], price_list: Some(list.clone()), ..Estimate::default() };
            quote(catalog::builtin(), &e, Lang::En).unwrap().total.unwrap().to_string()
        };
        // Graduated: 50,000 × 0.60 + 150,000 × 0.50 + 50,000 × 0.42 = 30,000 + 75,000 + 21,000.
        assert_eq!(priced(vec![250_000], 0), "126000.00");
        // 15,000 × 0.60; 100,000 calls from the pack cost its price.
        assert_eq!(priced(vec![15_000], 0), "9000.00");
        assert_eq!(priced(vec![100_000], 1), "45000.00");
        // With each "up to" excluded (the form's default), the 50,000th call costs 0.50 and the
        // 200,000th 0.42: 126,000 − 0.10 − 0.08.
        let excluded =
            sheet(&ServiceDraft { bounds_included: false, ..quote_on_paper() }, "C", "CNY", Lang::En).unwrap();
        let e = Estimate {
            lines: vec![Line::new(id.clone(), vec![250_000])],
            price_list: Some(excluded),
            ..Estimate::default()
        };
        assert_eq!(quote(catalog::builtin(), &e, Lang::En).unwrap().total.unwrap().to_string(), "125999.82");
        // In another currency, format 2 terms and all.
        let dollars = sheet(&vendor(), "Vendor B", "usd", Lang::En).unwrap();
        assert_eq!((dollars.own().currency.as_str(), dollars.source()["format"].clone()), ("USD", json!(2)));
    }

    #[test]
    fn a_typed_sheet_reads_back_into_the_form_as_typed() {
        for (draft, currency) in [(quote_on_paper(), "CNY"), (vendor(), "USD")] {
            let list = sheet(&draft, "Vendor C", currency, Lang::En).unwrap();
            let (again, vendor, cur) = typed_draft(&list, Lang::En).unwrap();
            assert_eq!((vendor.as_str(), cur.as_str()), ("Vendor C", currency));
            // Put again as read back: the same list.
            let relisted = sheet(&again, &vendor, &cur, Lang::En).unwrap();
            assert_eq!(relisted.own(), list.own());
        }
        let back = typed_draft(&sheet(&quote_on_paper(), "C", "CNY", Lang::En).unwrap(), Lang::En).unwrap().0;
        assert_eq!((back.tiers[1].up_to.as_str(), back.tiers[1].price.as_str()), ("200,000", "0.5"));
        assert_eq!((back.packs[0].calls.as_str(), back.packs[0].price.as_str()), ("100,000", "45,000"));
        // Any other list is not the form's.
        let json = r#"{"format":1,"services":[{"id":"c","name":"C","postpaid":{"tiers":[{"price":"1"}]}}]}"#;
        assert!(typed_draft(&load(json, ListMode::Replace, Lang::En).unwrap(), Lang::En).is_none());
    }

    #[test]
    fn a_typed_sheet_says_every_problem_against_its_box() {
        let mut d = quote_on_paper();
        d.tiers[1].price = String::new();
        let e = sheet(&d, "  ", "CNY", Lang::En).unwrap_err();
        assert_eq!(
            e.iter().map(|p| (p.field, p.place.as_str())).collect::<Vec<_>>(),
            [(Some(DraftField::Vendor), "vendor"), (Some(DraftField::Tier(1, 1)), "tier 2")]
        );
        let e = sheet(&quote_on_paper(), "", " ", Lang::En).unwrap_err();
        assert_eq!(
            e.iter().map(|p| (p.field, p.message.as_str())).collect::<Vec<_>>(),
            [
                (Some(DraftField::Vendor), "Give the vendor a name"),
                (Some(DraftField::Currency), "Give the currency, e.g. CNY or USD")
            ]
        );
        let e = sheet(&quote_on_paper(), "Vendor C", "US$", Lang::Zh).unwrap_err();
        assert_eq!((e.len(), e[0].field, e[0].place.as_str()), (1, Some(DraftField::Currency), "币种"));
        assert_eq!(DraftField::Currency.id("sheet"), "sheet-currency");
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

    /// The commitment example worked by hand: postpaid 1.20 per 1,000; 800 a month for
    /// 1,000,000 calls, then 1.00 per 1,000.
    fn vendor() -> ServiceDraft {
        ServiceDraft {
            name: "Vendor B".into(),
            tiers: vec![TierDraft { price: "1.20".into(), ..TierDraft::default() }],
            unit: "1,000".into(),
            commitments: vec![CommitmentDraft {
                name: "1M".into(),
                fee: "800".into(),
                calls: "100万".into(),
                overage: "1.00".into(),
            }],
            ..ServiceDraft::default()
        }
    }

    #[test]
    fn a_drafted_format_2_service_is_priced_and_travels() {
        let (prices, id) = add_service(&vendor(), &None, Lang::En).unwrap();
        assert_eq!(prices.source()["format"], 2);
        assert_eq!(prices.source()["currency"], "CNY", "the list it joins: the built-in one's");
        let mut line = Line::new(id.clone(), vec![1_200_000, 500_000]);
        crate::app::edit::set_commitment_months(&mut line, "c1", &[1]);
        let e = Estimate { lines: vec![line], price_list: Some(prices.clone()), ..Estimate::default() };
        let q = quote(catalog::builtin(), &e, Lang::En).unwrap();
        // 800 + 200 with it in month 1; 500,000 × 0.0012 = 600 without it in month 2.
        assert_eq!(q.total.unwrap().to_string(), "1600.00");
        assert_eq!(Estimate::from_json(&e.to_json()).unwrap(), e);
        // A format-1 service added after it joins the format-2 list; one added first to a
        // format-1 list makes it format 2.
        let (both, _) = add_service(&ocr(), &Some(prices), Lang::En).unwrap();
        assert_eq!(both.source()["format"], 2);
        let (plain, _) = add_service(&ocr(), &None, Lang::En).unwrap();
        assert_eq!(plain.source()["format"], 1, "no format-2 term, format 1");
        let (mixed, _) = add_service(&vendor(), &Some(plain), Lang::En).unwrap();
        assert_eq!((mixed.source()["format"].clone(), mixed.source()["currency"].clone()), (json!(2), json!("CNY")));
        assert_eq!(services(&mixed, Lang::En).len(), 2);
    }

    #[test]
    fn format_2_fields_name_their_place() {
        let mut d = vendor();
        d.unit = "0".into();
        d.commitments[0].calls = String::new();
        d.quota_calls = "-5".into();
        let e = add_service(&d, &None, Lang::En).unwrap_err();
        assert_eq!(
            e.iter().map(|p| p.place.as_str()).collect::<Vec<_>>(),
            ["unit", "free quota", "commitment 1, calls included"]
        );
        // Each with the form's box, for marking it and moving the focus there.
        assert_eq!(
            e.iter().map(|p| p.field).collect::<Vec<_>>(),
            [Some(DraftField::Unit), Some(DraftField::QuotaCalls), Some(DraftField::Commitment(0, 2))]
        );
        assert_eq!(DraftField::Commitment(0, 2).id("custom"), "custom-commitment-0-2");
        // A commitment's own overage tier is the commitment's box, not the service's tier 1.
        let overage =
            Path::root().key("services").at(0).key("commitments").at(1).key("overage").key("tiers").at(0).key("price");
        assert_eq!(
            (DraftField::at(&overage), place(&overage, Lang::En)),
            (DraftField::Commitment(1, 3), "commitment 2".to_string())
        );
        let tier = Path::root().key("services").at(0).key("postpaid").key("tiers").at(2).key("flat_fee");
        assert_eq!((DraftField::at(&tier), place(&tier, Lang::Zh)), (DraftField::Tier(2, 2), "第 3 档".to_string()));
        // Months of a free quota without its calls are said, not dropped.
        let mut d = vendor();
        d.quota_calls = String::new();
        d.quota_months = "3".into();
        let e = add_service(&d, &None, Lang::En).unwrap_err();
        assert_eq!(
            (e[0].field, e[0].message.as_str()),
            (Some(DraftField::QuotaCalls), "Enter the free calls a month, or clear the months")
        );
        let mut d = vendor();
        d.minimum = "-1".into();
        d.tiers[0].fee = "x".into();
        let e = add_service(&d, &None, Lang::En).unwrap_err();
        assert_eq!(e.iter().map(|p| p.place.as_str()).collect::<Vec<_>>(), ["tier 1, flat fee", "minimum"], "{e:?}");
    }

    #[test]
    fn every_problem_is_named_against_the_field() {
        let mut d = ocr();
        d.name = " ".into();
        d.tiers[1].up_to = "500".into();
        d.tiers[0].price = "abc".into();
        d.packs[0].calls = "x".into();
        let e = add_service(&d, &None, Lang::En).unwrap_err();
        // Typing problems first (the name, tier 1's price, pack 1's size), in the visitor's
        // language; the engine checks the rest once they are fixed.
        assert_eq!(
            e.iter().map(|p| p.place.as_str()).collect::<Vec<_>>(),
            vec!["name", "tier 1, price", "pack 1, calls"]
        );
        let zh = add_service(&d, &None, Lang::Zh).unwrap_err();
        assert_eq!(
            (zh[1].place.as_str(), zh[1].message.as_str()),
            ("第 1 档，单价", "请写成数字，例如 0.6 或 15（最多 8 位小数）")
        );
        d.name = "OCR".into();
        d.packs[0].calls = "10000".into();
        d.tiers[0].price = "0.2".into();
        let e = add_service(&d, &None, Lang::En).unwrap_err();
        assert_eq!(e.iter().map(|p| p.place.as_str()).collect::<Vec<_>>(), vec!["tier 2"]);
        assert!(e[0].message.contains("tiers must increase"), "{e:?}");
        // The engine's problem names its box too: tier 2's up to.
        assert_eq!(e[0].field, Some(DraftField::Tier(1, 0)), "{e:?}");
        // A pack price written with a thousands separator is read (it was refused).
        d.tiers[1].up_to = "1万".into();
        d.packs[0].price = "1,200".into();
        assert!(add_service(&d, &None, Lang::En).is_ok());
    }

    #[test]
    fn empty_prices_are_asked_for_in_the_visitors_language() {
        let d = ServiceDraft { name: "X".into(), ..ServiceDraft::default() };
        let e = add_service(&d, &None, Lang::Zh).unwrap_err();
        assert_eq!((e[0].place.as_str(), e[0].message.as_str()), ("第 1 档", "请填写单价，或勾选“联系商务”"));
    }

    #[test]
    fn loaded_lists_are_checked_whole() {
        let bad = r#"{"format":1,"services":[{"id":"x","name":"<img src=x onerror=alert(1)>","postpaid":{"tiers":[{"price":"-1"}]}}]}"#;
        let e = load(bad, ListMode::Extend, Lang::En).unwrap_err();
        assert_eq!(e[0].place, "services[0].postpaid.tiers[0].price");
        // In Chinese the kind of problem is said first, then the checker's detail.
        let zh = load(bad, ListMode::Extend, Lang::Zh).unwrap_err();
        assert_eq!(zh[0].message, "价格为负（价格 -1 是负数；价格须不小于 0）", "{zh:?}");
        assert!(load("{", ListMode::Extend, Lang::En).unwrap_err()[0].message.starts_with("not valid JSON"));
        // A parser's stop and the shapes every document shares are said in Chinese.
        let said = |text: &str| load(text, ListMode::Extend, Lang::Zh).unwrap_err().remove(0).message;
        assert_eq!(said("{bad json"), "不是有效的 JSON：第 1 行第 2 列附近有误");
        assert_eq!(said(r#"{"format":2,"services":["#), "不是有效的 JSON：在第 1 行第 24 列中途结束（可能不完整）");
        assert_eq!(said(r#"{"format":2,"currency":"CNY","services":7}"#), "应为列表 […]，而不是 7");
        assert!(load(&"x".repeat(1_000_001), ListMode::Replace, Lang::En).unwrap_err()[0].message.contains("1 MB"));
        // And so are a price list's own rules (in English as the CLI and the API print them).
        assert_eq!(said(&"x".repeat(1_000_001)), "价目表有 1,000,001 字节，最多 1,000,000 字节（1 MB）");
        let tiers = r#"{"format":1,"services":[{"id":"s","name":"S","postpaid":{"tiers":[{"up_to":1000,"price":"1"},{"up_to":500,"price":"0.9"},{"up_to":5000}]}}]}"#;
        let both =
            |lang| load(tiers, ListMode::Extend, lang).unwrap_err().into_iter().map(|p| p.message).collect::<Vec<_>>();
        assert_eq!(
            both(Lang::Zh),
            [
                "阶梯重叠或顺序不对（阶梯须递增：这一档止于 500，但上一档已覆盖到 999）",
                "阶梯没有恰好覆盖所有用量（最后一档不能有 \"up_to\"，这样每个用量都有对应的档）",
                "每一档需有价格或“联系商务”，且只能有其一（这一档没有价格：请填写价格，或写 \"contact_sales\": true）",
            ]
        );
        assert_eq!(
            both(Lang::En)[..2],
            [
                "tiers must increase: this tier ends at 500 but the one before already covers up to 999",
                "the last tier must have no \"up_to\", so that every volume has a tier",
            ]
        );
        let usd = r#"{"format":2,"currency":"USD","services":[{"id":"活体人脸核身","name":"Y","postpaid":{"tiers":[{"price":"1"}]}}]}"#;
        assert_eq!(said(usd), "该价目表以 USD 计价，而内置价目表以 CNY 计价；请改为替换方式载入");
        let ok = load(
            r#"{"format":1,"services":[{"id":"x","name":"X","postpaid":{"tiers":[{"price":"1"}]}}]}"#,
            ListMode::Extend,
            Lang::En,
        )
        .unwrap();
        assert_eq!(services(&ok, Lang::En), vec![("x".to_string(), "X".to_string())]);
    }
}
