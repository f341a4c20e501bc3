//! Postpaid pricing of one month: which tier a volume reaches and what it costs.
//!
//! The documents' rule is 阶梯到达 ("tier reached"): the tier the month's volume falls in prices
//! the whole volume, so 3,000 calls of 照片人脸核身 cost 3,000 × 0.85 = 2,550 元. Boundaries are
//! as printed: `0 < x < 1000`, `1000 ≤ x < 1万`, … A tier without a price (20万及以上: 联系商务)
//! yields [`Charge::ContactSales`]; no number is invented — unless the visitor has a negotiated
//! price from sales, which then prices exactly the volumes the list leaves unpriced (a 联系商务
//! tier, a service priced on request or not listed), marked as negotiated. Graduated tables (each
//! tier prices its own slice) are supported for custom price lists.

use rust_decimal::Decimal;

use super::catalog::{Postpaid, TierBasis, TierMode, TierTable, Unpriced};
use super::error::Overflow;

/// Calls priced at one price: `calls × price`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slice {
    pub calls: u64,
    pub price: Decimal,
    /// Index of the tier in the service's table (`None` for a service without a table).
    pub tier: Option<usize>,
    /// The price is the visitor's negotiated one, not the list's.
    pub negotiated: bool,
}

/// What a month's postpaid calls cost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Charge {
    /// No postpaid calls this month.
    Nothing,
    /// A price from the table (or negotiated): the sum of the slices.
    Priced { amount: Decimal, slices: Vec<Slice>, tier: Option<usize> },
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
            Charge::Priced { tier, .. } => *tier,
            Charge::ContactSales { tier } => Some(*tier),
            _ => None,
        }
    }

    /// Whether any of the month's calls were priced at the negotiated price.
    pub fn negotiated(&self) -> bool {
        matches!(self, Charge::Priced { slices, .. } if slices.iter().any(|s| s.negotiated))
    }
}

/// Prices `postpaid_calls` of a month whose total volume (packs included) is `total_calls`.
///
/// `negotiated` prices what the list leaves unpriced. `postpaid` must not be
/// [`Postpaid::NotOffered`]: without postpaid, calls are refused, which is the settlement's
/// business, not a price.
pub fn charge(
    postpaid: &Postpaid,
    negotiated: Option<Decimal>,
    postpaid_calls: u64,
    total_calls: u64,
) -> Result<Charge, Overflow> {
    if postpaid_calls == 0 {
        return Ok(Charge::Nothing);
    }
    match (postpaid, negotiated) {
        (Postpaid::Tiers(table), _) => charge_tiers(table, negotiated, postpaid_calls, total_calls),
        (Postpaid::Unpriced { .. }, Some(price)) => {
            let slices = vec![Slice { calls: postpaid_calls, price, tier: None, negotiated: true }];
            Ok(Charge::Priced { amount: mul(price, postpaid_calls)?, slices, tier: None })
        }
        (Postpaid::Unpriced { reason, .. }, None) => Ok(Charge::Unpriced(*reason)),
        (Postpaid::NotOffered, _) => Ok(Charge::Unpriced(Unpriced::NotListed)),
    }
}

fn charge_tiers(
    table: &TierTable,
    negotiated: Option<Decimal>,
    postpaid_calls: u64,
    total_calls: u64,
) -> Result<Charge, Overflow> {
    // Where the postpaid calls sit on the volume axis the tiers are drawn on.
    let start = match table.basis {
        TierBasis::PostpaidVolume => 0,
        TierBasis::TotalVolume => total_calls.checked_sub(postpaid_calls).ok_or(Overflow)?,
    };
    let end = start.checked_add(postpaid_calls).ok_or(Overflow)?;
    match table.mode {
        TierMode::Reached => {
            let tier = table.tier_index(end);
            let listed = table.tiers[tier].price;
            let Some(price) = listed.or(negotiated) else {
                return Ok(Charge::ContactSales { tier });
            };
            let amount = mul(price, postpaid_calls)?;
            let slice = Slice { calls: postpaid_calls, price, tier: Some(tier), negotiated: listed.is_none() };
            Ok(Charge::Priced { amount, slices: vec![slice], tier: Some(tier) })
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
                let Some(price) = t.price.or(negotiated) else {
                    return Ok(Charge::ContactSales { tier: i });
                };
                let calls = hi - lo + 1;
                amount = amount.checked_add(mul(price, calls)?).ok_or(Overflow)?;
                slices.push(Slice { calls, price, tier: Some(i), negotiated: t.price.is_none() });
            }
            Ok(Charge::Priced { amount, slices, tier: Some(table.tier_index(end)) })
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

/// The cheapest later tier start that costs less than `amount` for `postpaid_calls`, if any
/// (a 联系商务 tier counts at the `negotiated` price, where there is one).
/// Only meaningful for 阶梯到达 tables priced on the postpaid volume.
pub fn cheaper_at_higher_volume(
    postpaid: &Postpaid,
    negotiated: Option<Decimal>,
    postpaid_calls: u64,
    amount: Decimal,
) -> Option<Cliff> {
    let Postpaid::Tiers(table) = postpaid else { return None };
    if table.mode != TierMode::Reached || table.basis != TierBasis::PostpaidVolume || postpaid_calls == 0 {
        return None;
    }
    let reached = table.tier_index(postpaid_calls);
    table.tiers[reached + 1..]
        .iter()
        .filter_map(|t| Some((t.from, mul(t.price.or(negotiated)?, t.from).ok()?)))
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
        assert_eq!(charge(&reached(), None, 3000, 3000).unwrap().amount(), Some(dec!(2550)));
        assert_eq!(charge(&reached(), None, 1000, 1000).unwrap().amount(), Some(dec!(850)));
        assert_eq!(charge(&reached(), None, 999, 999).unwrap().amount(), Some(dec!(999)));
        assert_eq!(charge(&reached(), None, 0, 0).unwrap(), Charge::Nothing);
        assert_eq!(charge(&reached(), None, 200000, 200000).unwrap(), Charge::ContactSales { tier: 4 });
        assert_eq!(charge(&reached(), None, 199999, 199999).unwrap().amount(), Some(dec!(135999.32)));
    }

    #[test]
    fn the_basis_decides_which_volume_picks_the_tier() {
        // Worked example two: 15,000 calls, 10,000 from a pack; the 5,000 left cost 0.85 each.
        assert_eq!(charge(&reached(), None, 5000, 15000).unwrap().amount(), Some(dec!(4250)));
        let total = table(TierMode::Reached, TierBasis::TotalVolume);
        assert_eq!(charge(&total, None, 5000, 15000).unwrap().amount(), Some(dec!(3750)));
    }

    #[test]
    fn graduated_tables_price_each_slice() {
        let g = table(TierMode::Graduated, TierBasis::PostpaidVolume);
        // 999 × 1 + 2,001 × 0.85
        let c = charge(&g, None, 3000, 3000).unwrap();
        assert_eq!(c.amount(), Some(dec!(2699.85)));
        let Charge::Priced { slices, tier, .. } = c else { panic!() };
        assert_eq!(slices.len(), 2);
        assert_eq!(tier, Some(1));
        // The 1,000th call makes the volume 1,000, which is tier 1: 999 × 1 + 1 × 0.85.
        assert_eq!(charge(&g, None, 1000, 1000).unwrap().amount(), Some(dec!(999.85)));
        assert_eq!(charge(&g, None, 999, 999).unwrap().amount(), Some(dec!(999)));
        let gt = table(TierMode::Graduated, TierBasis::TotalVolume);
        // Calls 501..=1,500 of the month: 499 × 1 + 501 × 0.85
        assert_eq!(charge(&gt, None, 1000, 1500).unwrap().amount(), Some(dec!(924.85)));
        assert_eq!(charge(&g, None, 250000, 250000).unwrap(), Charge::ContactSales { tier: 4 });
    }

    #[test]
    fn a_negotiated_price_fills_only_the_unpriced_tiers() {
        // Issue example: 250,000 calls reach 20万及以上 (联系商务); negotiated 0.6 → 150,000.
        let c = charge(&reached(), Some(dec!(0.6)), 250000, 250000).unwrap();
        assert_eq!(c.amount(), Some(dec!(150000)));
        assert!(c.negotiated());
        assert_eq!(c.tier(), Some(4));
        // Below 20万 the list's own price stands and nothing is marked.
        let c = charge(&reached(), Some(dec!(0.6)), 199999, 199999).unwrap();
        assert_eq!(c.amount(), Some(dec!(135999.32)));
        assert!(!c.negotiated());
        // Graduated: only the slice in the unpriced tier takes it.
        let g = table(TierMode::Graduated, TierBasis::PostpaidVolume);
        let c = charge(&g, Some(dec!(0.5)), 200001, 200001).unwrap();
        // 999 × 1 + 9,000 × 0.85 + 90,000 × 0.75 + 100,000 × 0.68 + 2 × 0.5
        assert_eq!(c.amount(), Some(dec!(144150)));
        // A service priced on request takes it for its whole volume, with no tier.
        let on_request = Postpaid::Unpriced { reason: Unpriced::OnRequest, source: None };
        let c = charge(&on_request, Some(dec!(1.2)), 1000, 1000).unwrap();
        assert_eq!((c.amount(), c.tier(), c.negotiated()), (Some(dec!(1200)), None, true));
        assert_eq!(charge(&on_request, None, 1000, 1000).unwrap(), Charge::Unpriced(Unpriced::OnRequest));
        // At 20万 a negotiated 0.6 undercuts 199,999 × 0.68: the hint sees it.
        assert_eq!(
            cheaper_at_higher_volume(&reached(), Some(dec!(0.6)), 199999, dec!(135999.32)),
            Some(Cliff { calls: 200000, cost: dec!(120000) })
        );
    }

    #[test]
    fn buying_into_the_next_tier_can_be_cheaper() {
        assert_eq!(
            cheaper_at_higher_volume(&reached(), None, 999, dec!(999)),
            Some(Cliff { calls: 1000, cost: dec!(850) })
        );
        // 9,999 × 0.85 = 8,499.15 > 10,000 × 0.75 = 7,500
        assert_eq!(
            cheaper_at_higher_volume(&reached(), None, 9999, dec!(8499.15)),
            Some(Cliff { calls: 10000, cost: dec!(7500) })
        );
        assert_eq!(cheaper_at_higher_volume(&reached(), None, 500, dec!(500)), None);
        assert_eq!(
            cheaper_at_higher_volume(&table(TierMode::Graduated, TierBasis::PostpaidVolume), None, 999, dec!(999)),
            None
        );
    }
}
