//! Postpaid pricing of one month: which tier a volume reaches and what it costs.
//!
//! The documents' rule is 阶梯到达 ("tier reached"): the tier the month's volume falls in prices
//! the whole volume, so 3,000 calls of 照片人脸核身 cost 3,000 × 0.85 = 2,550 元. Boundaries are
//! as printed: `0 < x < 1000`, `1000 ≤ x < 1万`, … A tier without a price (20万及以上: 联系商务)
//! yields [`Charge::ContactSales`]; no number is invented. Graduated tables (each tier prices its
//! own slice) are supported for custom price lists.

use rust_decimal::Decimal;

use super::catalog::{Postpaid, TierBasis, TierMode, TierTable, Unpriced};
use super::error::Overflow;

/// Calls priced at one price: `calls × price`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slice {
    pub calls: u64,
    pub price: Decimal,
    /// Index of the tier in the service's table.
    pub tier: usize,
}

/// What a month's postpaid calls cost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Charge {
    /// No postpaid calls this month.
    Nothing,
    /// A price from the table: the sum of the slices.
    Priced { amount: Decimal, slices: Vec<Slice>, tier: usize },
    /// The volume reaches a tier whose price comes from sales.
    ContactSales { tier: usize },
    /// The service's postpaid price is not in the price list.
    Unpriced(Unpriced),
}

impl Charge {
    pub fn amount(&self) -> Option<Decimal> {
        match self {
            Charge::Nothing => Some(Decimal::ZERO),
            Charge::Priced { amount, .. } => Some(*amount),
            Charge::ContactSales { .. } | Charge::Unpriced(_) => None,
        }
    }

    /// The tier the month reached, where the table has one.
    pub fn tier(&self) -> Option<usize> {
        match self {
            Charge::Priced { tier, .. } | Charge::ContactSales { tier } => Some(*tier),
            _ => None,
        }
    }
}

/// Prices `postpaid_calls` of a month whose total volume (packs included) is `total_calls`.
///
/// `postpaid` must not be [`Postpaid::NotOffered`]: without postpaid, calls are refused, which is
/// the settlement's business, not a price.
pub fn charge(postpaid: &Postpaid, postpaid_calls: u64, total_calls: u64) -> Result<Charge, Overflow> {
    if postpaid_calls == 0 {
        return Ok(Charge::Nothing);
    }
    match postpaid {
        Postpaid::Tiers(table) => charge_tiers(table, postpaid_calls, total_calls),
        Postpaid::Unpriced { reason, .. } => Ok(Charge::Unpriced(*reason)),
        Postpaid::NotOffered => Ok(Charge::Unpriced(Unpriced::NotListed)),
    }
}

fn charge_tiers(table: &TierTable, postpaid_calls: u64, total_calls: u64) -> Result<Charge, Overflow> {
    // Where the postpaid calls sit on the volume axis the tiers are drawn on.
    let start = match table.basis {
        TierBasis::PostpaidVolume => 0,
        TierBasis::TotalVolume => total_calls.checked_sub(postpaid_calls).ok_or(Overflow)?,
    };
    let end = start.checked_add(postpaid_calls).ok_or(Overflow)?;
    match table.mode {
        TierMode::Reached => {
            let tier = table.tier_index(end);
            let Some(price) = table.tiers[tier].price else {
                return Ok(Charge::ContactSales { tier });
            };
            let amount = mul(price, postpaid_calls)?;
            Ok(Charge::Priced { amount, slices: vec![Slice { calls: postpaid_calls, price, tier }], tier })
        }
        TierMode::Graduated => {
            // The k-th call of the month (k = start+1 ..= end) is priced at the tier holding
            // volume k.
            let mut slices = Vec::new();
            let mut amount = Decimal::ZERO;
            for (i, t) in table.tiers.iter().enumerate() {
                let lo = t.from.max(start + 1);
                let hi = t.last().map_or(end, |l| l.min(end));
                if hi < lo {
                    continue;
                }
                let Some(price) = t.price else {
                    return Ok(Charge::ContactSales { tier: i });
                };
                let calls = hi - lo + 1;
                amount = amount.checked_add(mul(price, calls)?).ok_or(Overflow)?;
                slices.push(Slice { calls, price, tier: i });
            }
            Ok(Charge::Priced { amount, slices, tier: table.tier_index(end) })
        }
    }
}

/// `price × calls`, exactly, or `Overflow`.
pub fn mul(price: Decimal, calls: u64) -> Result<Decimal, Overflow> {
    price.checked_mul(Decimal::from(calls)).ok_or(Overflow)
}

/// A cheaper volume under 阶梯到达: paying for `calls` (the start of a later tier) would cost
/// `cost`, less than the month's actual postpaid bill. "999 calls cost 999 元; 1,000 cost 850 元."
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cliff {
    pub calls: u64,
    pub cost: Decimal,
}

/// The cheapest later tier start that costs less than `amount` for `postpaid_calls`, if any.
/// Only meaningful for 阶梯到达 tables priced on the postpaid volume.
pub fn cheaper_at_higher_volume(postpaid: &Postpaid, postpaid_calls: u64, amount: Decimal) -> Option<Cliff> {
    let Postpaid::Tiers(table) = postpaid else { return None };
    if table.mode != TierMode::Reached || table.basis != TierBasis::PostpaidVolume || postpaid_calls == 0 {
        return None;
    }
    let reached = table.tier_index(postpaid_calls);
    table.tiers[reached + 1..]
        .iter()
        .filter_map(|t| Some((t.from, mul(t.price?, t.from).ok()?)))
        .filter(|(_, cost)| *cost < amount)
        .min_by_key(|(_, cost)| *cost)
        .map(|(calls, cost)| Cliff { calls, cost })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::catalog::Tier;
    use rust_decimal_macros::dec;

    fn table(mode: TierMode, basis: TierBasis) -> Postpaid {
        // 活体人脸核身 (001:26) with the tiers as printed in the header (001:24).
        let t = |from, up_to, price| Tier { from, up_to, includes_up_to: false, price };
        Postpaid::Tiers(TierTable {
            mode,
            basis,
            source: None,
            tiers: vec![
                t(0, Some(1000), Some(dec!(1))),
                t(1000, Some(10000), Some(dec!(0.85))),
                t(10000, Some(100000), Some(dec!(0.75))),
                t(100000, Some(200000), Some(dec!(0.68))),
                t(200000, None, None),
            ],
        })
    }

    fn reached() -> Postpaid {
        table(TierMode::Reached, TierBasis::PostpaidVolume)
    }

    #[test]
    fn the_reached_tier_prices_the_whole_volume() {
        assert_eq!(charge(&reached(), 3000, 3000).unwrap().amount(), Some(dec!(2550)));
        assert_eq!(charge(&reached(), 1000, 1000).unwrap().amount(), Some(dec!(850)));
        assert_eq!(charge(&reached(), 999, 999).unwrap().amount(), Some(dec!(999)));
        assert_eq!(charge(&reached(), 0, 0).unwrap(), Charge::Nothing);
        assert_eq!(charge(&reached(), 200000, 200000).unwrap(), Charge::ContactSales { tier: 4 });
        assert_eq!(charge(&reached(), 199999, 199999).unwrap().amount(), Some(dec!(135999.32)));
    }

    #[test]
    fn the_basis_decides_which_volume_picks_the_tier() {
        // Worked example two: 15,000 calls, 10,000 from a pack; the 5,000 left cost 0.85 each.
        assert_eq!(charge(&reached(), 5000, 15000).unwrap().amount(), Some(dec!(4250)));
        let total = table(TierMode::Reached, TierBasis::TotalVolume);
        assert_eq!(charge(&total, 5000, 15000).unwrap().amount(), Some(dec!(3750)));
    }

    #[test]
    fn graduated_tables_price_each_slice() {
        let g = table(TierMode::Graduated, TierBasis::PostpaidVolume);
        // 999 × 1 + 2,001 × 0.85
        let c = charge(&g, 3000, 3000).unwrap();
        assert_eq!(c.amount(), Some(dec!(2699.85)));
        let Charge::Priced { slices, tier, .. } = c else { panic!() };
        assert_eq!(slices.len(), 2);
        assert_eq!(tier, 1);
        // The 1,000th call makes the volume 1,000, which is tier 1: 999 × 1 + 1 × 0.85.
        assert_eq!(charge(&g, 1000, 1000).unwrap().amount(), Some(dec!(999.85)));
        assert_eq!(charge(&g, 999, 999).unwrap().amount(), Some(dec!(999)));
        let gt = table(TierMode::Graduated, TierBasis::TotalVolume);
        // Calls 501..=1,500 of the month: 499 × 1 + 501 × 0.85
        assert_eq!(charge(&gt, 1000, 1500).unwrap().amount(), Some(dec!(924.85)));
        assert_eq!(charge(&g, 250000, 250000).unwrap(), Charge::ContactSales { tier: 4 });
    }

    #[test]
    fn buying_into_the_next_tier_can_be_cheaper() {
        assert_eq!(cheaper_at_higher_volume(&reached(), 999, dec!(999)), Some(Cliff { calls: 1000, cost: dec!(850) }));
        // 9,999 × 0.85 = 8,499.15 > 10,000 × 0.75 = 7,500
        assert_eq!(
            cheaper_at_higher_volume(&reached(), 9999, dec!(8499.15)),
            Some(Cliff { calls: 10000, cost: dec!(7500) })
        );
        assert_eq!(cheaper_at_higher_volume(&reached(), 500, dec!(500)), None);
        assert_eq!(
            cheaper_at_higher_volume(&table(TierMode::Graduated, TierBasis::PostpaidVolume), 999, dec!(999)),
            None
        );
    }
}
