//! A price list's own rules, broken: what the list reader (`catalog::parse`) and the merging of
//! lists (`catalog::merge`) found, as data, so that the page says it in its language
//! (`app::format::list_rule`). `Display` is the English, which the CLI and the JS API print.
//! Run its tests: `cargo test --lib list_rule`.

use std::fmt;

use super::limits::{self, TooBig};
use super::money::group_u64;

/// What a list holds too many of, for [`ListRule::TooMany`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Services,
    PackProducts,
    Commitments,
    Sizes,
    Tiers,
}

/// What an id names, for [`ListRule::UsedTwice`] and [`ListRule::NoSuchId`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdOf {
    Service,
    Group,
    PackProduct,
    Commitment,
}

/// A whole number with a least value, for [`ListRule::AtLeast`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    /// A price block's size in calls.
    Unit,
    /// A free quota's calls.
    FreeQuota,
    /// A free quota's months.
    Months,
    /// A commitment's calls a month.
    CommitmentCalls,
}

/// Which list a list extends, for [`ListRule::CurrencyDiffers`] and the names already taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base {
    /// The built-in list (the page, the API).
    BuiltIn,
    /// The list the CLI was given with `--price-list`.
    Given,
}

/// A price list's rule, broken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListRule {
    /// The list's text is past the most accepted.
    TooBig(TooBig),
    /// Nothing but spaces.
    Empty,
    /// Not a JSON object.
    NotObject,
    NoServices,
    NoFormat,
    /// A format this build does not read (as written).
    Format(String),
    TooMany {
        count: usize,
        what: Part,
        most: usize,
    },
    /// A format 2 list without its currency.
    NoCurrency,
    NotCurrency(String),
    UsedTwice {
        what: IdOf,
        id: String,
    },
    /// An id, name or alias one service shares with another in the same list.
    NamesAnother(String),
    NoSuchId {
        what: IdOf,
        id: String,
    },
    /// A format 2 field in a format 1 list.
    FormatTwoField(String),
    AtLeast {
        what: Counted,
        min: u64,
        found: u64,
    },
    /// A unit that does not divide a power of ten.
    UnitNotExact(u64),
    NoMinimum,
    NoFee,
    NoCommitmentCalls,
    /// A pack's validity of 0 months.
    NoValidity,
    NoSizes,
    SizesNotIncreasing {
        size: u64,
        after: u64,
    },
    EmptyPack,
    /// A size offered without a price (its calls).
    NoPackPrice(u64),
    PriceNotOffered,
    /// Calls per unit of 0.
    NoCallsPerUnit,
    TiersAndUnpriced,
    NoTiersNorUnpriced,
    /// Started units rounded up on the total volume.
    RoundUpTotal,
    NoTiers,
    FirstTierEmpty,
    TiersNotIncreasing {
        up_to: u64,
        covered: u64,
    },
    LastTierBounded,
    UnboundedNotLast,
    UnboundedIncluded,
    PriceAndContact,
    NoTierPrice,
    /// A list extending another in another currency.
    CurrencyDiffers {
        list: String,
        base: String,
        of: Base,
    },
    /// A pack product id the extended list has.
    PackProductTaken {
        id: String,
        of: Base,
    },
    /// A name of the extended list's service `other` (its Chinese name).
    ServiceTaken {
        key: String,
        other: String,
        of: Base,
    },
}

impl ListRule {
    /// The list's size refused past its limit.
    pub fn size(bytes: usize) -> Result<(), ListRule> {
        limits::check_price_list_size(bytes).map_err(ListRule::TooBig)
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Part::Services => "services",
            Part::PackProducts => "pack products",
            Part::Commitments => "commitments",
            Part::Sizes => "sizes",
            Part::Tiers => "tiers",
        })
    }
}

impl fmt::Display for IdOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IdOf::Service => "service",
            IdOf::Group => "group",
            IdOf::PackProduct => "pack product",
            IdOf::Commitment => "commitment",
        })
    }
}

impl fmt::Display for ListRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ListRule as R;
        let its = |of: &Base| if *of == Base::BuiltIn { "built-in " } else { "" };
        match self {
            R::TooBig(t) => write!(f, "{t}"),
            R::Empty => f.write_str("the price list is empty"),
            R::NotObject => f.write_str("a price list must be a JSON object"),
            R::NoServices => f.write_str("missing: list the services, like [{\"id\": …, \"name\": …, \"postpaid\": …}]"),
            R::NoFormat => f.write_str(
                "missing: write \"format\": 1, or 2 for a list with units, flat fees, free quotas, minimums or commitments",
            ),
            R::Format(v) => write!(f, "format {v} is not supported; this version reads formats 1 and 2"),
            R::TooMany { count, what: Part::Tiers, most } => {
                write!(f, "{} tiers; the most accepted is {most}", group_u64(*count as u64))
            }
            R::TooMany { count, what, most } => write!(f, "{count} {what}; the most accepted is {most}"),
            R::NoCurrency => f.write_str("missing: a format 2 list states its currency, like \"CNY\" or \"USD\""),
            R::NotCurrency(c) => {
                write!(f, "\"{c}\" is not a currency code; write three capital letters, like \"CNY\"")
            }
            R::UsedTwice { what, id } => write!(f, "{what} id \"{id}\" is used twice"),
            R::NamesAnother(key) => {
                write!(f, "\"{key}\" already names another service; ids, names and aliases must be unique")
            }
            R::NoSuchId { what, id } => write!(f, "no {what} has the id \"{id}\""),
            R::FormatTwoField(key) => {
                write!(f, "\"{key}\" is a format 2 field: declare \"format\": 2 (and the list's currency)")
            }
            R::AtLeast { what, min, found } => {
                let what = match what {
                    Counted::Unit => "a unit",
                    Counted::FreeQuota => "a free quota",
                    Counted::Months => "months",
                    Counted::CommitmentCalls => "a commitment's calls",
                };
                write!(f, "{what} must be at least {}, not {found}", group_u64(*min))
            }
            R::UnitNotExact(unit) => write!(
                f,
                "a unit of {} calls cannot be shared out exactly: use one that divides a power of ten (1, 10, 100, 1,000, …, or 25, 500, …)",
                group_u64(*unit)
            ),
            R::NoMinimum => f.write_str("missing: the least a month's usage is charged, like \"149\""),
            R::NoFee => f.write_str("missing: the fee paid for each month it is taken"),
            R::NoCommitmentCalls => f.write_str("missing: the calls the fee includes each month"),
            R::NoValidity => write!(f, "must be from 1 to {} months, not 0", limits::MAX_MONTHS),
            R::NoSizes => f.write_str("a pack product needs at least one size"),
            R::SizesNotIncreasing { size, after } => {
                write!(f, "sizes must increase: {} comes after {}", group_u64(*size), group_u64(*after))
            }
            R::EmptyPack => f.write_str("a pack must hold at least 1 call"),
            R::NoPackPrice(calls) => write!(
                f,
                "the {}-call pack has no price; give one, or write \"offered\": false where the table shows \"-\"",
                group_u64(*calls)
            ),
            R::PriceNotOffered => f.write_str("a size that is not offered cannot have a price"),
            R::NoCallsPerUnit => f.write_str("must be at least 1"),
            R::TiersAndUnpriced => f.write_str("give either \"tiers\" or \"unpriced\", not both"),
            R::NoTiersNorUnpriced => f.write_str(
                "give \"tiers\" (a price table) or \"unpriced\" (\"on_request\" or \"not_listed\"); for no postpaid at all, write null",
            ),
            R::RoundUpTotal => f.write_str(
                "\"round_up\" cannot go with \"basis\": \"total_volume\" (which calls a started unit rounds up would be unclear): prorate, or price the postpaid volume",
            ),
            R::NoTiers => f.write_str("a tier table needs at least one tier"),
            R::FirstTierEmpty => f.write_str("the first tier must end above 0 calls"),
            R::TiersNotIncreasing { up_to, covered } => write!(
                f,
                "tiers must increase: this tier ends at {} but the one before already covers up to {}",
                group_u64(*up_to),
                group_u64(*covered)
            ),
            R::LastTierBounded => f.write_str("the last tier must have no \"up_to\", so that every volume has a tier"),
            R::UnboundedNotLast => f.write_str("only the last tier may be unbounded; this one needs an \"up_to\""),
            R::UnboundedIncluded => f.write_str("an unbounded tier has no \"up_to\" to include"),
            R::PriceAndContact => f.write_str("a tier has either a price or \"contact_sales\": true, not both"),
            R::NoTierPrice => f.write_str("the tier has no price; give one, or write \"contact_sales\": true"),
            R::CurrencyDiffers { list, base, of } => {
                let extended = if *of == Base::BuiltIn { "the built-in list" } else { "the list it extends" };
                write!(f, "the list is in {list} but {extended} is in {base}; load it as a replacement instead")
            }
            R::PackProductTaken { id, of } => write!(f, "\"{id}\" is already a {}pack product", its(of)),
            R::ServiceTaken { key, other, of } => write!(f, "\"{key}\" already names the {}service {other}", its(of)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_is_the_readers_words() {
        let many = |count, what| ListRule::TooMany { count, what, most: 100 }.to_string();
        assert_eq!(many(1234, Part::Tiers), "1,234 tiers; the most accepted is 100");
        assert_eq!(many(1234, Part::Services), "1234 services; the most accepted is 100");
        assert_eq!(
            ListRule::UsedTwice { what: IdOf::PackProduct, id: "p".into() }.to_string(),
            "pack product id \"p\" is used twice"
        );
        let at_least = ListRule::AtLeast { what: Counted::Unit, min: 1, found: 0 };
        assert_eq!(at_least.to_string(), "a unit must be at least 1, not 0");
        let of = |of| ListRule::ServiceTaken { key: "k".into(), other: "活体人脸核身".into(), of }.to_string();
        assert_eq!(of(Base::BuiltIn), "\"k\" already names the built-in service 活体人脸核身");
        assert_eq!(of(Base::Given), "\"k\" already names the service 活体人脸核身");
        assert_eq!(
            ListRule::size(1_000_001).unwrap_err().to_string(),
            "the price list is 1,000,001 bytes; the most accepted is 1,000,000 (1 MB)"
        );
    }
}
