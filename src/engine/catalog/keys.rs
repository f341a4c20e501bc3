//! The keys and the named values of the price-list format (formats 1 and 2), written once: the parser
//! reads with them, the page's editor drafts a service with them, and `tests/schema.rs` checks
//! that `schema/price-list.schema.json` names exactly these. (A list travels on as the JSON it
//! was read from, so nothing writes one back.)

/// An object of the format: its name (for tests and messages) and every key it may hold.
pub struct Object {
    pub name: &'static str,
    pub keys: &'static [&'static str],
}

macro_rules! object {
    ($module:ident, $name:literal, { $($konst:ident = $key:literal),* $(,)? }) => {
        pub mod $module {
            $(pub const $konst: &str = $key;)*
            /// Every key of this object.
            pub const ALL: &[&str] = &[$($konst),*];
            pub const OBJECT: super::Object = super::Object { name: $name, keys: ALL };
        }
    };
}

object!(list, "price list", {
    FORMAT = "format", ID = "id", NAME = "name", CURRENCY = "currency", SOURCES = "sources",
    RULES = "rules", ASSUMPTIONS = "assumptions", GROUPS = "groups", PACK_PRODUCTS = "pack_products",
    SERVICES = "services",
});
object!(rules, "rules", {
    PACK_DRAW = "pack_draw", PACK_DRAW_SOURCE = "pack_draw_source",
    POSTPAID_AFTER_PACKS_SOURCE = "postpaid_after_packs_source",
});
object!(group, "group", { ID = "id", NAME = "name" });
object!(product, "pack product", {
    ID = "id", NAME = "name", VALIDITY_MONTHS = "validity_months",
    REFUND_UNUSED_WITHIN_DAYS = "refund_unused_within_days", SOURCE = "source", SIZES = "sizes",
    ASSUMPTIONS = "assumptions",
});
object!(size, "pack size", {
    CALLS = "calls", PRICE = "price", LIST_PRICE = "list_price", OFFERED = "offered", SOURCE = "source",
});
object!(service, "service", {
    ID = "id", NAME = "name", ALIASES = "aliases", GROUP = "group", POSTPAID = "postpaid",
    PACKS = "packs", PACKS_SOURCE = "packs_source", CALLS_PER_UNIT = "calls_per_unit",
    REFUND = "refund", REFUND_SOURCE = "refund_source", FREE_CALLS = "free_calls",
    ASSUMPTIONS = "assumptions", NOTES = "notes",
    FREE_QUOTA = "free_quota", MINIMUM = "minimum", COMMITMENTS = "commitments",
});
object!(per_unit, "calls per unit", { CALLS = "calls", UNIT = "unit", SOURCE = "source" });
object!(postpaid, "postpaid", {
    MODE = "mode", BASIS = "basis", TIERS = "tiers", UNPRICED = "unpriced", SOURCE = "source",
    UNIT = "unit", PARTIAL_UNIT = "partial_unit",
});
object!(tier, "tier", {
    UP_TO = "up_to", UP_TO_INCLUDED = "up_to_included", PRICE = "price", CONTACT_SALES = "contact_sales",
    FLAT_FEE = "flat_fee",
});
object!(free_quota, "free quota", { CALLS = "calls", MONTHS = "months", SOURCE = "source" });
object!(minimum, "minimum", { MONTHLY = "monthly", SOURCE = "source" });
object!(commitment, "commitment", {
    ID = "id", NAME = "name", MONTHLY_FEE = "monthly_fee", CALLS = "calls", OVERAGE = "overage",
    SOURCE = "source",
});

/// The keys that exist only in format 2 (a list using any of them declares `"format": 2`), by
/// the object they belong to.
pub const FORMAT_2: &[(&str, &str)] = &[
    ("postpaid", postpaid::UNIT),
    ("postpaid", postpaid::PARTIAL_UNIT),
    ("tier", tier::FLAT_FEE),
    ("service", service::FREE_QUOTA),
    ("service", service::MINIMUM),
    ("service", service::COMMITMENTS),
];
object!(note, "note", { ID = "id", APPLIES_TO = "applies_to", ZH = "zh", EN = "en", SOURCE = "source", HEADLINE = "headline" });
object!(text, "text", { ZH = "zh", EN = "en" });

/// Every object of the format.
pub const OBJECTS: &[Object] = &[
    list::OBJECT,
    rules::OBJECT,
    group::OBJECT,
    product::OBJECT,
    size::OBJECT,
    service::OBJECT,
    per_unit::OBJECT,
    postpaid::OBJECT,
    tier::OBJECT,
    note::OBJECT,
    free_quota::OBJECT,
    minimum::OBJECT,
    commitment::OBJECT,
];

/// A value of the format written as one of a few words (`"reached"`, `"on_request"`).
pub trait Word: Copy + Sized + 'static {
    /// Every value with its word.
    const WORDS: &'static [(Self, &'static str)];

    fn word(self) -> &'static str
    where
        Self: PartialEq,
    {
        Self::WORDS.iter().find(|(v, _)| *v == self).map_or("", |(_, w)| w)
    }

    fn from_word(word: &str) -> Option<Self> {
        Self::WORDS.iter().find(|(_, w)| *w == word).map(|(v, _)| *v)
    }

    /// The words alone, for "is not one of …" messages.
    fn words() -> Vec<&'static str> {
        Self::WORDS.iter().map(|(_, w)| *w).collect()
    }
}

use super::{PackDraw, PartialUnit, TierBasis, TierMode, Unpriced};

impl Word for TierMode {
    const WORDS: &'static [(Self, &'static str)] =
        &[(TierMode::Reached, "reached"), (TierMode::Graduated, "graduated")];
}

impl Word for TierBasis {
    const WORDS: &'static [(Self, &'static str)] =
        &[(TierBasis::PostpaidVolume, "postpaid_volume"), (TierBasis::TotalVolume, "total_volume")];
}

impl Word for Unpriced {
    const WORDS: &'static [(Self, &'static str)] =
        &[(Unpriced::OnRequest, "on_request"), (Unpriced::NotListed, "not_listed")];
}

impl Word for PartialUnit {
    const WORDS: &'static [(Self, &'static str)] =
        &[(PartialUnit::Prorate, "prorate"), (PartialUnit::RoundUp, "round_up")];
}

impl Word for PackDraw {
    const WORDS: &'static [(Self, &'static str)] =
        &[(PackDraw::EffectiveOrder, "effective_order"), (PackDraw::EarliestExpiry, "earliest_expiry")];
}

/// Whether a service's packs can be refunded (`"refund": "packs"`) or nothing is (`"none"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refundable(pub bool);

impl Word for Refundable {
    const WORDS: &'static [(Self, &'static str)] = &[(Refundable(true), "packs"), (Refundable(false), "none")];
}
