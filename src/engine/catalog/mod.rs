//! The price list as typed data: services, their postpaid tier tables, pack products and the
//! links between them, each with the line of the price documents it comes from.
//!
//! The built-in list lives in `data/price-list.json`, embedded at build time and validated by
//! [`parse`](parse::parse_price_list) into these types. Custom lists (pasted or loaded by a user)
//! go through the same validation.

pub mod cautions;
pub mod describe;
pub mod keys;
pub mod merge;
mod parse;

pub use parse::{
    CatalogError, CatalogErrors, ErrorKind, FORMAT, FORMATS, parse_price_list, parse_price_list_value, read_json,
    unnamed,
};

use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use super::lang::{Lang, Text};

/// The built-in price list, as embedded JSON.
pub const BUILTIN_JSON: &str = include_str!("../../../data/price-list.json");

/// The built-in price list, parsed once. It is validated by the test suite, so a failure here is
/// a build defect, not a user error.
pub fn builtin() -> &'static Catalog {
    builtin_shared_ref()
}

/// The built-in price list as a shared handle (the page holds the list in force as one).
pub fn builtin_shared() -> Arc<Catalog> {
    builtin_shared_ref().clone()
}

fn builtin_shared_ref() -> &'static Arc<Catalog> {
    static BUILTIN: OnceLock<Arc<Catalog>> = OnceLock::new();
    BUILTIN.get_or_init(|| match parse_price_list(BUILTIN_JSON) {
        Ok(c) => Arc::new(c),
        Err(e) => panic!("the built-in price list is invalid: {e}"),
    })
}

/// A validated price list.
#[derive(Clone, Debug, PartialEq)]
pub struct Catalog {
    pub id: String,
    pub name: Text,
    /// ISO 4217 code of every amount in the list (`CNY` for the built-in one).
    pub currency: String,
    /// Short source keys (`"001"`) and the documents they stand for.
    pub sources: BTreeMap<String, String>,
    /// In which order purchased packs are drawn, and the document lines that say so.
    pub pack_draw: PackDraw,
    pub pack_draw_source: Option<String>,
    /// The document lines saying that calls beyond the packs are billed postpaid.
    pub postpaid_after_packs_source: Option<String>,
    /// Readings of the documents that apply to every service.
    pub assumptions: Vec<Note>,
    pub groups: Vec<Group>,
    pub pack_products: Vec<PackProduct>,
    pub services: Vec<Service>,
}

/// The order purchased packs are drawn in (free packs always come first).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PackDraw {
    /// In the order the packs took effect (document 000, line 26).
    #[default]
    EffectiveOrder,
    /// The pack that expires first is drawn first (the choice of some other vendors).
    EarliestExpiry,
}

/// A sourced remark: an assumption the calculator makes, or a fact worth showing.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Note {
    pub id: Option<String>,
    /// The services it concerns (ids); empty for the whole price list.
    pub applies_to: Vec<String>,
    pub text: Text,
    /// Where in the documents it comes from, as `file:line` (`"001:89"`).
    pub source: Option<String>,
    /// A reading every figure of its services rests on, in a few words: said beside the total
    /// and the comparison's ranking, not only among the notes (`"headline"`).
    pub headline: Option<Text>,
}

impl Note {
    /// Whether it concerns service `id`: the whole list's, or one of the services it names.
    pub fn concerns(&self, id: &str) -> bool {
        self.applies_to.is_empty() || self.applies_to.iter().any(|s| s == id)
    }
}

/// A heading services are grouped under, as the documents group them.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub id: String,
    pub name: Text,
}

/// A prepaid pack product: a table row of sizes and prices.
#[derive(Clone, Debug, PartialEq)]
pub struct PackProduct {
    pub id: String,
    pub name: Text,
    /// Months a pack can be used, counting the month it is bought in.
    pub validity_months: u32,
    /// An unused pack can be refunded within this many days of purchase, if any.
    pub refund_unused_within_days: Option<u32>,
    pub source: Option<String>,
    pub sizes: Vec<PackSize>,
    pub assumptions: Vec<Note>,
}

impl PackProduct {
    /// The size of exactly `calls` calls, offered or not.
    pub fn size(&self, calls: u64) -> Option<&PackSize> {
        self.sizes.iter().find(|s| s.calls == calls)
    }

    /// The sizes that can be bought.
    pub fn offered(&self) -> impl Iterator<Item = (&PackSize, Decimal)> {
        self.sizes.iter().filter_map(|s| s.price.map(|p| (s, p)))
    }
}

/// One size of a pack product.
#[derive(Clone, Debug, PartialEq)]
pub struct PackSize {
    pub calls: u64,
    /// The price of one pack; `None` where the documents print "-" (not offered).
    pub price: Option<Decimal>,
    /// The regular price where `price` is a promotion.
    pub list_price: Option<Decimal>,
    pub source: Option<String>,
}

impl PackSize {
    /// Price per call of this pack, to 4 decimal places.
    pub fn per_call(&self) -> Option<Decimal> {
        let price = self.price?;
        if self.calls == 0 {
            return None;
        }
        Some((price / Decimal::from(self.calls)).round_dp(4).normalize())
    }
}

/// A service that is called and billed: what a line of an estimate prices.
#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    pub id: String,
    pub name: Text,
    /// Other names the service is found by (`E证通` for `E证通（权威库）`).
    pub aliases: Vec<String>,
    pub group: String,
    pub postpaid: Postpaid,
    /// The id of the pack product whose packs this service draws, if any.
    pub packs: Option<String>,
    /// Why that pack product serves this service: a document line or an assumption id.
    pub packs_source: Option<String>,
    /// Calls counted per document, where one document takes several calls.
    pub calls_per_unit: Option<CallsPerUnit>,
    /// Whether packs of this service can be refunded; `false` for eKYC (no refunds at all).
    pub refundable: bool,
    /// The document lines that say so.
    pub refund_source: Option<String>,
    /// A free pack the vendor gives new accounts (calls): the page starts new lines of this
    /// service with it as their free pack.
    pub free_calls: Option<u64>,
    /// Free calls every month (format 2).
    pub free_quota: Option<FreeQuota>,
    /// The least a month's usage charge can be (format 2): usage below it is raised to it.
    pub minimum: Option<Decimal>,
    /// Commitment tiers a line can take, month by month (format 2).
    pub commitments: Vec<Commitment>,
    pub assumptions: Vec<Note>,
    pub notes: Vec<Note>,
}

impl Service {
    /// Whether the list gives the service any price: postpaid tiers, packs or commitments (a
    /// service the documents list no price for has none until the buyer gives one).
    pub fn has_prices(&self) -> bool {
        matches!(self.postpaid, Postpaid::Tiers(_)) || self.packs.is_some() || !self.commitments.is_empty()
    }

    /// The commitment of this service with id `id`.
    pub fn commitment(&self, id: &str) -> Option<&Commitment> {
        self.commitments.iter().find(|c| c.id == id)
    }

    /// Every text the service is found by: its id, its names (Chinese, English) and its aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        [self.id.as_str(), self.name.zh.as_str(), self.name.en.as_str()]
            .into_iter()
            .chain(self.aliases.iter().map(String::as_str))
    }

    /// Whether `query` is this service's id, one of its names or an alias.
    pub fn answers_to(&self, query: &str) -> bool {
        self.names().any(|n| n == query)
    }
}

/// "An ID card's front and back are 2 calls."
#[derive(Clone, Debug, PartialEq)]
pub struct CallsPerUnit {
    pub calls: u64,
    pub unit: Text,
    pub source: Option<String>,
}

/// How calls beyond the packs are billed.
#[derive(Clone, Debug, PartialEq)]
pub enum Postpaid {
    /// A tier table with prices.
    Tiers(TierTable),
    /// Postpaid exists but the documents give no price.
    Unpriced { reason: Unpriced, source: Option<String> },
    /// No postpaid: calls beyond the packs are refused.
    NotOffered,
}

/// Why a postpaid price is missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unpriced {
    /// The vendor quotes a price on request (eKYC).
    OnRequest,
    /// The documents do not list a price (OCR, the enhanced FaceID editions' overage).
    NotListed,
}

/// How a tier table prices a month's volume.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TierMode {
    /// The tier the volume reaches prices the whole volume (阶梯到达, the documents' rule).
    Reached,
    /// Each tier prices only the calls within its own range.
    Graduated,
}

/// Which volume selects the tier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TierBasis {
    /// The month's postpaid volume, after packs (as worked example two shows).
    PostpaidVolume,
    /// The month's total volume, packs included.
    TotalVolume,
}

/// A postpaid tier table.
#[derive(Clone, Debug, PartialEq)]
pub struct TierTable {
    pub mode: TierMode,
    pub basis: TierBasis,
    pub tiers: Vec<Tier>,
    pub source: Option<String>,
    /// Tier prices are per this many calls (format 2; 1 in format 1): "1.50 per 1,000".
    pub unit: u64,
    /// What a part of a unit pays.
    pub partial_unit: PartialUnit,
}

/// What a started unit of a price "per 1,000 calls" pays.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartialUnit {
    /// Its share, exactly: 2,200 calls at 2.00 per 1,000 pay 4.40.
    #[default]
    Prorate,
    /// The month's postpaid volume is rounded up to whole units first: 3,200 calls bill 4,000.
    RoundUp,
}

/// Calls the vendor does not charge for, every month: the first `calls` of each month, drawn
/// before anything else; what a month leaves unused lapses (format 2).
#[derive(Clone, Debug, PartialEq)]
pub struct FreeQuota {
    pub calls: u64,
    /// Only in the first this many months of an estimate (a 12-month free tier); every month
    /// where absent.
    pub months: Option<u32>,
    pub source: Option<String>,
}

impl FreeQuota {
    /// The free calls of month `month` (1-based).
    pub fn calls_in(&self, month: u32) -> u64 {
        if self.months.is_none_or(|m| month <= m) { self.calls } else { 0 }
    }
}

/// A commitment tier (format 2): for a month a line takes it, `monthly_fee` is paid and its
/// `calls` are drawn after the free quota and before packs; calls beyond it and the packs are
/// priced by `overage`, or by the service's own postpaid table where it has none. Unused calls
/// lapse at the month's end.
#[derive(Clone, Debug, PartialEq)]
pub struct Commitment {
    pub id: String,
    pub name: Text,
    pub monthly_fee: Decimal,
    pub calls: u64,
    pub overage: Option<Postpaid>,
    pub source: Option<String>,
}

impl Commitment {
    /// The table calls beyond the commitment (and the packs) are priced by: its own overage
    /// table, or the service's postpaid table `postpaid`.
    pub fn table<'a>(&'a self, postpaid: &'a Postpaid) -> &'a Postpaid {
        self.overage.as_ref().unwrap_or(postpaid)
    }
}

/// One row of a tier table. It holds the volumes `from ..= last()`: up to `up_to`, which
/// belongs to this tier where `includes_up_to` (`0 < x ≤ 1000`) and to the next one otherwise
/// (`1000 ≤ x < 1万`). No upper bound where `up_to` is None.
#[derive(Clone, Debug, PartialEq)]
pub struct Tier {
    /// The smallest volume in the tier.
    pub from: u64,
    /// The bound as the table prints it.
    pub up_to: Option<u64>,
    /// Whether `up_to` itself is in this tier.
    pub includes_up_to: bool,
    /// Price per call (per unit of the table, format 2); `None` means "contact sales" (联系商务).
    pub price: Option<Decimal>,
    /// A fixed amount charged for the tier (format 2): with `reached`, where the month reaches
    /// it; with `graduated`, where the month's volume enters it.
    pub flat_fee: Option<Decimal>,
}

impl Tier {
    /// The largest volume in the tier (None: unbounded).
    pub fn last(&self) -> Option<u64> {
        self.up_to.map(|u| if self.includes_up_to { u } else { u.saturating_sub(1) })
    }

    /// The tier's range the way the documents print it, e.g. `1,000 ≤ x < 10,000`, `x ≥ 200,000`.
    pub fn range_label(&self, previous_includes_bound: bool) -> String {
        use super::money::group_u64;
        let lower = if self.from == 0 {
            "0 < x".to_string()
        } else if previous_includes_bound {
            format!("{} < x", group_u64(self.from - 1))
        } else {
            format!("{} ≤ x", group_u64(self.from))
        };
        match self.up_to {
            None if self.from == 0 => "x > 0".to_string(),
            None if previous_includes_bound => format!("x > {}", group_u64(self.from - 1)),
            None => format!("x ≥ {}", group_u64(self.from)),
            Some(u) => format!("{lower} {} {}", if self.includes_up_to { "≤" } else { "<" }, group_u64(u)),
        }
    }
}

impl TierTable {
    /// Each tier's range label (see [`Tier::range_label`]).
    pub fn range_labels(&self) -> Vec<String> {
        let mut prev_incl = false;
        self.tiers
            .iter()
            .map(|t| {
                let l = t.range_label(prev_incl);
                prev_incl = t.includes_up_to;
                l
            })
            .collect()
    }
}

impl Catalog {
    /// Finds a service by id, name (either language) or alias.
    pub fn service(&self, query: &str) -> Option<&Service> {
        let q = query.trim();
        self.services.iter().find(|s| s.answers_to(q))
    }

    pub fn service_by_id(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }

    pub fn pack_product(&self, id: &str) -> Option<&PackProduct> {
        self.pack_products.iter().find(|p| p.id == id)
    }

    /// The pack product a service draws, if any.
    pub fn packs_of(&self, service: &Service) -> Option<&PackProduct> {
        service.packs.as_deref().and_then(|id| self.pack_product(id))
    }

    /// Services that draw a pack product (for "this is a pack; use service X" hints).
    pub fn services_using(&self, pack_product_id: &str) -> impl Iterator<Item = &Service> {
        self.services.iter().filter(move |s| s.packs.as_deref() == Some(pack_product_id))
    }

    /// Finds a pack product by id or name (either language).
    pub fn pack_product_named(&self, query: &str) -> Option<&PackProduct> {
        let q = query.trim();
        self.pack_products.iter().find(|p| p.id == q || p.name.zh == q || p.name.en == q)
    }

    pub fn group_name(&self, id: &str, lang: Lang) -> String {
        self.groups.iter().find(|g| g.id == id).map_or_else(|| id.to_string(), |g| g.name.get(lang).to_string())
    }
}
