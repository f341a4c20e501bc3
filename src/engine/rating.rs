//! What a month's postpaid calls cost: the rating rule, written once.
//!
//! The documents' rule is 阶梯到达 ("tier reached"): the tier the month's volume falls in prices
//! the whole volume, so 3,000 calls of 照片人脸核身 cost 3,000 × 0.85 = 2,550 元. Boundaries are
//! as printed: `0 < x < 1000`, `1000 ≤ x < 1万`, … A tier without a price (20万及以上: 联系商务)
//! yields [`Rated::ContactSales`]; no number is invented — unless the visitor has a negotiated
//! price from sales, which then prices exactly the volumes the list leaves unpriced (a 联系商务
//! tier, a service priced on request or not listed), marked as negotiated. Graduated tables (each
//! tier prices its own slice) are supported for custom price lists. Which volume picks the tier
//! is the table's basis: the month's postpaid volume (worked example two) or its total.
//!
//! Format 2 tables may price per block of calls (`unit`: "2.00 per 1,000"): a part of a block
//! pays its exact share, or the month's postpaid volume is first rounded up to whole blocks
//! (`⌈3,200 / 1,000⌉ = 4`); and a tier may carry a flat fee, charged for the tier a reached
//! month lands in, or for each tier a graduated month's volume enters.
//!
//! The rule is generic over how money is held ([`Money`]): the quote rates in exact decimals and
//! keeps every slice for its arithmetic ([`charge`], [`Charge`]); the optimizer rates in integer
//! units of its own scale, thousands of times per plan, through the same [`Tariff::rate`]. A
//! [`Tariff`] is a service's postpaid prices with the buyer's terms applied (the negotiated price
//! in the unpriced tiers; for the optimizer, the discount too), built once per line.

use rust_decimal::Decimal;
use std::fmt::Debug;

use super::catalog::{PartialUnit, Postpaid, TierBasis, TierMode, Unpriced};
use super::error::Overflow;

/// How an amount is held: exact decimals (the quote) or integer units (the optimizer).
pub trait Money: Copy + Ord + Debug {
    const ZERO: Self;
    /// `self × calls`, or `None` past the type's range.
    fn times(self, calls: u64) -> Option<Self>;
    /// `self + other`, or `None` past the type's range.
    fn plus(self, other: Self) -> Option<Self>;
    /// `self × calls / unit`: a price per `unit` calls charged for `calls`, exactly. (The
    /// optimizer's units are scaled so that the division is always whole.)
    fn per(self, calls: u64, unit: u64) -> Option<Self>;
}

impl Money for Decimal {
    const ZERO: Decimal = Decimal::ZERO;
    fn times(self, calls: u64) -> Option<Decimal> {
        self.checked_mul(Decimal::from(calls))
    }
    fn plus(self, other: Decimal) -> Option<Decimal> {
        self.checked_add(other)
    }
    fn per(self, calls: u64, unit: u64) -> Option<Decimal> {
        let whole = self.times(calls)?;
        if unit == 1 { Some(whole) } else { whole.checked_div(Decimal::from(unit)) }
    }
}

/// Integer units (the optimizer's: 10^-scale of the list's currency).
impl Money for i128 {
    const ZERO: i128 = 0;
    fn times(self, calls: u64) -> Option<i128> {
        self.checked_mul(i128::from(calls))
    }
    fn plus(self, other: i128) -> Option<i128> {
        self.checked_add(other)
    }
    fn per(self, calls: u64, unit: u64) -> Option<i128> {
        // The optimizer scales its units so that every price is a whole number of units per call.
        let unit = i128::from(unit);
        debug_assert_eq!(self % unit, 0, "prices in units are whole per call");
        (self / unit).times(calls)
    }
}

/// One row of a priced table: the volumes `from ..= last` (no end where `last` is `None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rate<M> {
    pub from: u64,
    pub last: Option<u64>,
    /// Per unit of the table (per call, mostly); `None`: the price comes from sales.
    pub price: Option<M>,
    /// The price is the visitor's negotiated one, not the list's.
    pub negotiated: bool,
    /// Charged once for the row, where the month reaches it (reached) or enters it (graduated).
    pub fee: Option<M>,
}

/// A tier table ready to rate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rates<M> {
    pub mode: TierMode,
    pub basis: TierBasis,
    pub rows: Vec<Rate<M>>,
    /// Prices are per this many calls.
    pub unit: u64,
    /// The month's postpaid volume is rounded up to whole units before it is priced.
    pub round_up: bool,
    /// Whether the rows are the list's own table (tier indexes are reported), rather than a
    /// negotiated price for a service the list does not price.
    pub listed: bool,
    /// Where more calls can cost less (see [`Tariff::has_cliffs`]): for each row, the cheapest
    /// later row's first volume and its cost, worked out once when the tariff is built
    /// ([`Tariff::new`]), by [`Tariff::rate`] itself.
    later: Vec<Option<(u64, M)>>,
    /// Each row's first volume and its cost (where it has one), worked out with `later`.
    starts: Vec<Option<(u64, M)>>,
}

impl<M> Rates<M> {
    /// The index of the row a volume falls in (validation guarantees the rows start at 0,
    /// increase and end unbounded, so every volume falls in exactly one).
    pub fn row_of(&self, volume: u64) -> usize {
        self.rows.iter().position(|r| r.last.is_none_or(|l| volume <= l)).unwrap_or(self.rows.len() - 1)
    }

    fn tier(&self, row: usize) -> Option<usize> {
        self.listed.then_some(row)
    }
}

/// A price per call from sales (a line's `negotiated_price`): in the volumes the list leaves
/// unpriced (a 联系商务 tier, a service priced on request), or, where `all_calls`, for every call
/// beyond the packs in place of the list's prices (a contract price).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Negotiated {
    pub price: Decimal,
    pub all_calls: bool,
}

impl Negotiated {
    /// A line's or an offer's, from its fields: its price, if any, and whether it prices every
    /// call.
    pub fn of(price: Option<Decimal>, all_calls: bool) -> Option<Negotiated> {
        price.map(|price| Negotiated { price, all_calls })
    }
}

impl From<Decimal> for Negotiated {
    /// A price for the volumes the list leaves unpriced.
    fn from(price: Decimal) -> Negotiated {
        Negotiated { price, all_calls: false }
    }
}

/// A service's postpaid prices with the buyer's terms: what calls beyond the packs cost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tariff<M> {
    Rates(Rates<M>),
    /// Postpaid exists but the list gives no price, and no negotiated price fills it.
    Unpriced(Unpriced),
    /// No postpaid: calls beyond the packs are refused.
    NotOffered,
}

/// Calls priced at one price: `calls × price / unit`, and the row's flat fee where it is charged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slice<M> {
    /// Calls billed (whole units where the table rounds up).
    pub calls: u64,
    pub price: M,
    /// The calls `price` is for.
    pub unit: u64,
    pub fee: Option<M>,
    /// Index of the tier in the service's table (`None` for a service without a table).
    pub tier: Option<usize>,
    /// The price is the visitor's negotiated one, not the list's.
    pub negotiated: bool,
}

/// The result of rating a month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rated<M> {
    /// No postpaid calls this month.
    Nothing,
    /// Priced: the amount, and the tier the month reached where the table has one.
    Priced { amount: M, tier: Option<usize> },
    /// The volume reaches a tier whose price comes from sales.
    ContactSales { tier: usize },
    /// The service's postpaid price is not in the price list.
    Unpriced(Unpriced),
}

impl<M: Money> Tariff<M> {
    /// The service's `postpaid` prices, each converted by `money` (the optimizer scales them by
    /// the discount and into its units there), with `negotiated` in the volumes the list leaves
    /// unpriced, or in place of them all.
    pub fn new(postpaid: &Postpaid, negotiated: Option<Negotiated>, money: impl Fn(Decimal) -> M) -> Tariff<M> {
        match Tariff::new_checked(postpaid, negotiated, |d| Ok::<M, std::convert::Infallible>(money(d))) {
            Ok(t) => t,
            Err(never) => match never {},
        }
    }

    /// [`Tariff::new`] with a conversion that can fail (an amount past the optimizer's units).
    pub fn new_checked<E>(
        postpaid: &Postpaid,
        negotiated: Option<Negotiated>,
        money: impl Fn(Decimal) -> Result<M, E>,
    ) -> Result<Tariff<M>, E> {
        // One price for every call, marked negotiated, with no tier of the list's.
        let flat = |price: M| {
            Tariff::Rates(Rates {
                mode: TierMode::Reached,
                basis: TierBasis::PostpaidVolume,
                listed: false,
                later: Vec::new(),
                starts: Vec::new(),
                unit: 1,
                round_up: false,
                rows: vec![Rate { from: 0, last: None, price: Some(price), negotiated: true, fee: None }],
            })
        };
        if let Some(n) = negotiated.filter(|n| n.all_calls)
            && !matches!(postpaid, Postpaid::NotOffered)
        {
            return Ok(flat(money(n.price)?));
        }
        let negotiated = negotiated.map(|n| n.price);
        let mut tariff = match postpaid {
            Postpaid::Tiers(t) => {
                // The negotiated price is per call; the table's prices are per `unit` calls. It is
                // converted only where a tier needs it (the conversion may refuse what it cannot hold).
                let needed = t.tiers.iter().any(|tier| tier.price.is_none());
                let negotiated = negotiated
                    .filter(|_| needed)
                    .map(|n| money(n.saturating_mul(Decimal::from(t.unit.max(1)))))
                    .transpose()?;
                let mut rows = Vec::with_capacity(t.tiers.len());
                for tier in &t.tiers {
                    let listed = tier.price.map(&money).transpose()?;
                    rows.push(Rate {
                        from: tier.from,
                        last: tier.last(),
                        price: listed.or(negotiated),
                        negotiated: listed.is_none() && negotiated.is_some(),
                        fee: tier.flat_fee.filter(|f| !f.is_zero()).map(&money).transpose()?,
                    });
                }
                Tariff::Rates(Rates {
                    mode: t.mode,
                    basis: t.basis,
                    listed: true,
                    later: Vec::new(),
                    starts: Vec::new(),
                    unit: t.unit.max(1),
                    round_up: t.partial_unit == PartialUnit::RoundUp && t.unit > 1,
                    rows,
                })
            }
            Postpaid::Unpriced { reason, .. } => match negotiated.map(&money).transpose()? {
                Some(price) => flat(price),
                None => Tariff::Unpriced(*reason),
            },
            Postpaid::NotOffered => Tariff::NotOffered,
        };
        if tariff.has_cliffs() {
            let starts: Vec<Option<(u64, M)>> = match &tariff {
                Tariff::Rates(r) => r.rows.iter().map(|row| Some((row.from, tariff.price_of(row.from)?))).collect(),
                _ => Vec::new(),
            };
            // Suffix minima: the first of equally cheap starts wins.
            let mut later = vec![None; starts.len()];
            let mut best: Option<(u64, M)> = None;
            for i in (0..starts.len()).rev() {
                later[i] = best;
                if let Some(s) = starts[i]
                    && best.is_none_or(|b| s.1 <= b.1)
                {
                    best = Some(s);
                }
            }
            if let Tariff::Rates(r) = &mut tariff {
                r.later = later;
                r.starts = starts;
            }
        }
        Ok(tariff)
    }

    /// The calls the tariff's prices are for (1 but for a format 2 table priced per block).
    pub fn unit(&self) -> u64 {
        match self {
            Tariff::Rates(r) => r.unit,
            _ => 1,
        }
    }

    /// Whether calls beyond the packs can be billed at all (otherwise they are refused).
    pub fn offered(&self) -> bool {
        !matches!(self, Tariff::NotOffered)
    }

    /// Every price in the tariff (for the optimizer's choice of scale).
    pub fn prices(&self) -> impl Iterator<Item = M> + '_ {
        let rows = match self {
            Tariff::Rates(r) => &r.rows[..],
            _ => &[],
        };
        rows.iter().flat_map(|r| r.price.into_iter().chain(r.fee))
    }

    /// Rates `postpaid_calls` of a month whose total volume (packs included) is `total_calls`;
    /// each priced slice goes to `slice` as it is found.
    pub fn rate(
        &self,
        postpaid_calls: u64,
        total_calls: u64,
        slice: &mut impl FnMut(Slice<M>),
    ) -> Result<Rated<M>, Overflow> {
        if postpaid_calls == 0 {
            return Ok(Rated::Nothing);
        }
        let r = match self {
            Tariff::Rates(r) => r,
            Tariff::Unpriced(reason) => return Ok(Rated::Unpriced(*reason)),
            Tariff::NotOffered => return Ok(Rated::Unpriced(Unpriced::NotListed)),
        };
        // The calls billed: rounded up to whole units where the table says so.
        let billed = if r.round_up {
            postpaid_calls.div_ceil(r.unit).checked_mul(r.unit).ok_or(Overflow)?
        } else {
            postpaid_calls
        };
        // Where the billed calls sit on the volume axis the tiers are drawn on.
        let start = match r.basis {
            TierBasis::PostpaidVolume => 0,
            TierBasis::TotalVolume => total_calls.checked_sub(postpaid_calls).ok_or(Overflow)?,
        };
        let end = start.checked_add(billed).ok_or(Overflow)?;
        let reached = r.row_of(end);
        let charge = |row: &Rate<M>, price: M, calls: u64| -> Result<M, Overflow> {
            let amount = price.per(calls, r.unit).ok_or(Overflow)?;
            row.fee.map_or(Ok(amount), |fee| amount.plus(fee).ok_or(Overflow))
        };
        match r.mode {
            TierMode::Reached => {
                let row = &r.rows[reached];
                let Some(price) = row.price else { return Ok(Rated::ContactSales { tier: reached }) };
                let amount = charge(row, price, billed)?;
                let tier = r.tier(reached);
                slice(Slice { calls: billed, price, unit: r.unit, fee: row.fee, tier, negotiated: row.negotiated });
                Ok(Rated::Priced { amount, tier })
            }
            TierMode::Graduated => {
                // The k-th call of the month (k = start+1 ..= end) is priced at the tier holding
                // volume k; each tier entered charges its fee.
                let mut amount = M::ZERO;
                for (i, row) in r.rows.iter().enumerate() {
                    let lo = row.from.max(start + 1);
                    let hi = row.last.map_or(end, |l| l.min(end));
                    if hi < lo {
                        continue;
                    }
                    let Some(price) = row.price else { return Ok(Rated::ContactSales { tier: i }) };
                    let calls = hi - lo + 1;
                    amount = amount.plus(charge(row, price, calls)?).ok_or(Overflow)?;
                    slice(Slice {
                        calls,
                        price,
                        unit: r.unit,
                        fee: row.fee,
                        tier: r.tier(i),
                        negotiated: row.negotiated,
                    });
                }
                Ok(Rated::Priced { amount, tier: r.tier(reached) })
            }
        }
    }

    /// What `calls` postpaid calls cost alone in a month (no packs), where it is priced.
    pub fn price_of(&self, calls: u64) -> Option<M> {
        match self.rate(calls, calls, &mut |_| ()) {
            Ok(Rated::Nothing) => Some(M::ZERO),
            Ok(Rated::Priced { amount, .. }) => Some(amount),
            _ => None,
        }
    }

    /// Whether more postpaid calls can cost less: a reached tier priced on the postpaid volume
    /// (the documents' 阶梯到达) with a later tier. Graduated tables, and tables priced on the
    /// month's total (fixed by its calls, whatever the packs cover), never fall.
    pub fn has_cliffs(&self) -> bool {
        matches!(self, Tariff::Rates(r)
            if r.mode == TierMode::Reached && r.basis == TierBasis::PostpaidVolume && r.rows.len() > 1)
    }

    /// Where the tariff has cliffs: the cheapest volume above `calls` at which a later tier
    /// starts, and what it costs ("999 calls cost 999 元; 1,000 cost 850 元"). Within a tier the
    /// cost never falls with more calls, so no other volume above `calls` costs less.
    pub fn cheapest_later_start(&self, calls: u64) -> Option<(u64, M)> {
        self.cheapest_later_start_within(calls, u64::MAX)
    }

    /// [`Tariff::cheapest_later_start`] among the starts a month of at most `most` postpaid calls
    /// can reach: those of at most `most` calls, or of the calls they are billed as where blocks
    /// are rounded up (9,001 calls billed as 10,000 reach a tier starting at 10,000). No start
    /// beyond that can be reached, and within it the least cost never falls with more calls.
    pub fn cheapest_later_start_within(&self, calls: u64, most: u64) -> Option<(u64, M)> {
        let Tariff::Rates(r) = self else { return None };
        let unit = r.unit.max(1);
        let most = if r.round_up { most.div_ceil(unit).saturating_mul(unit) } else { most };
        let row = r.row_of(calls);
        match r.later.get(row).copied().flatten() {
            // The cheapest of all is within reach.
            Some(s) if s.0 <= most => Some(s),
            None => None,
            Some(_) => r.starts[row + 1..]
                .iter()
                .take_while(|s| s.is_none_or(|s| s.0 <= most))
                .flatten()
                .fold(None, |best: Option<(u64, M)>, &s| if best.is_none_or(|b| s.1 < b.1) { Some(s) } else { best }),
        }
    }
}

/// What a month's postpaid calls cost, in exact decimals, with the slices the arithmetic shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Charge {
    /// No postpaid calls this month.
    Nothing,
    /// A price from the table (or negotiated): the sum of the slices.
    Priced { amount: Decimal, slices: Vec<Slice<Decimal>>, tier: Option<usize> },
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

/// The quote's tariff: list prices in decimals, with the negotiated price.
pub fn tariff(postpaid: &Postpaid, negotiated: Option<Negotiated>) -> Tariff<Decimal> {
    Tariff::new(postpaid, negotiated, |d| d)
}

/// Prices `postpaid_calls` of a month whose total volume (packs included) is `total_calls`.
/// Without postpaid, calls are refused, which is the settlement's business, not a price.
pub fn charge(tariff: &Tariff<Decimal>, postpaid_calls: u64, total_calls: u64) -> Result<Charge, Overflow> {
    let mut slices = Vec::new();
    Ok(match tariff.rate(postpaid_calls, total_calls, &mut |s| slices.push(s))? {
        Rated::Nothing => Charge::Nothing,
        Rated::Priced { amount, tier } => Charge::Priced { amount, slices, tier },
        Rated::ContactSales { tier } => Charge::ContactSales { tier },
        Rated::Unpriced(u) => Charge::Unpriced(u),
    })
}

/// `price × calls`, exactly, or `Overflow`.
pub fn mul(price: Decimal, calls: u64) -> Result<Decimal, Overflow> {
    price.times(calls).ok_or(Overflow)
}

/// A cheaper volume under 阶梯到达: paying for `calls` (the start of a later tier) would cost
/// `cost`, less than the month's actual postpaid bill. "999 calls cost 999 元; 1,000 cost 850 元."
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cliff {
    pub calls: u64,
    pub cost: Decimal,
}

/// The cheapest later tier start that costs less than `amount` for `postpaid_calls`, if any
/// (a 联系商务 tier counts at the negotiated price, where there is one).
pub fn cheaper_at_higher_volume(tariff: &Tariff<Decimal>, postpaid_calls: u64, amount: Decimal) -> Option<Cliff> {
    if postpaid_calls == 0 {
        return None;
    }
    tariff
        .cheapest_later_start(postpaid_calls)
        .filter(|(_, cost)| *cost < amount)
        .map(|(calls, cost)| Cliff { calls, cost })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::catalog::{Tier, TierTable};
    use rust_decimal_macros::dec;

    fn table(mode: TierMode, basis: TierBasis) -> Postpaid {
        // 活体人脸核身 (001:26) with the tiers as printed in the header (001:24).
        let t = |from, up_to, price| Tier { from, up_to, includes_up_to: false, price, flat_fee: None };
        Postpaid::Tiers(TierTable {
            mode,
            basis,
            source: None,
            unit: 1,
            partial_unit: PartialUnit::Prorate,
            tiers: vec![
                t(0, Some(1000), Some(dec!(1))),
                t(1000, Some(10000), Some(dec!(0.85))),
                t(10000, Some(100000), Some(dec!(0.75))),
                t(100000, Some(200000), Some(dec!(0.68))),
                t(200000, None, None),
            ],
        })
    }

    fn reached() -> Tariff<Decimal> {
        tariff(&table(TierMode::Reached, TierBasis::PostpaidVolume), None)
    }

    fn amount(t: &Tariff<Decimal>, calls: u64, total: u64) -> Option<Decimal> {
        charge(t, calls, total).unwrap().amount()
    }

    #[test]
    fn the_reached_tier_prices_the_whole_volume() {
        let r = reached();
        assert_eq!(amount(&r, 3000, 3000), Some(dec!(2550)));
        assert_eq!(amount(&r, 1000, 1000), Some(dec!(850)));
        assert_eq!(amount(&r, 999, 999), Some(dec!(999)));
        assert_eq!(charge(&r, 0, 0).unwrap(), Charge::Nothing);
        assert_eq!(charge(&r, 200000, 200000).unwrap(), Charge::ContactSales { tier: 4 });
        assert_eq!(amount(&r, 199999, 199999), Some(dec!(135999.32)));
    }

    #[test]
    fn the_basis_decides_which_volume_picks_the_tier() {
        // Worked example two: 15,000 calls, 10,000 from a pack; the 5,000 left cost 0.85 each.
        assert_eq!(amount(&reached(), 5000, 15000), Some(dec!(4250)));
        let total = tariff(&table(TierMode::Reached, TierBasis::TotalVolume), None);
        assert_eq!(amount(&total, 5000, 15000), Some(dec!(3750)));
    }

    #[test]
    fn graduated_tables_price_each_slice() {
        let g = tariff(&table(TierMode::Graduated, TierBasis::PostpaidVolume), None);
        // 999 × 1 + 2,001 × 0.85
        let c = charge(&g, 3000, 3000).unwrap();
        assert_eq!(c.amount(), Some(dec!(2699.85)));
        let Charge::Priced { slices, tier, .. } = c else { panic!() };
        assert_eq!(slices.len(), 2);
        assert_eq!(tier, Some(1));
        // The 1,000th call makes the volume 1,000, which is tier 1: 999 × 1 + 1 × 0.85.
        assert_eq!(amount(&g, 1000, 1000), Some(dec!(999.85)));
        assert_eq!(amount(&g, 999, 999), Some(dec!(999)));
        let gt = tariff(&table(TierMode::Graduated, TierBasis::TotalVolume), None);
        // Calls 501..=1,500 of the month: 499 × 1 + 501 × 0.85
        assert_eq!(amount(&gt, 1000, 1500), Some(dec!(924.85)));
        assert_eq!(charge(&g, 250000, 250000).unwrap(), Charge::ContactSales { tier: 4 });
    }

    #[test]
    fn a_negotiated_price_fills_only_the_unpriced_tiers() {
        // Issue example: 250,000 calls reach 20万及以上 (联系商务); negotiated 0.6 → 150,000.
        let r = tariff(&table(TierMode::Reached, TierBasis::PostpaidVolume), Some(dec!(0.6).into()));
        let c = charge(&r, 250000, 250000).unwrap();
        assert_eq!(c.amount(), Some(dec!(150000)));
        assert!(c.negotiated());
        assert_eq!(c.tier(), Some(4));
        // Below 20万 the list's own price stands and nothing is marked.
        let c = charge(&r, 199999, 199999).unwrap();
        assert_eq!(c.amount(), Some(dec!(135999.32)));
        assert!(!c.negotiated());
        // Graduated: only the slice in the unpriced tier takes it.
        let g = tariff(&table(TierMode::Graduated, TierBasis::PostpaidVolume), Some(dec!(0.5).into()));
        // 999 × 1 + 9,000 × 0.85 + 90,000 × 0.75 + 100,000 × 0.68 + 2 × 0.5
        assert_eq!(amount(&g, 200001, 200001), Some(dec!(144150)));
        // A service priced on request takes it for its whole volume, with no tier.
        let on_request = Postpaid::Unpriced { reason: Unpriced::OnRequest, source: None };
        let c = charge(&tariff(&on_request, Some(dec!(1.2).into())), 1000, 1000).unwrap();
        assert_eq!((c.amount(), c.tier(), c.negotiated()), (Some(dec!(1200)), None, true));
        assert_eq!(charge(&tariff(&on_request, None), 1000, 1000).unwrap(), Charge::Unpriced(Unpriced::OnRequest));
        // At 20万 a negotiated 0.6 undercuts 199,999 × 0.68: the hint sees it.
        assert_eq!(
            cheaper_at_higher_volume(&r, 199999, dec!(135999.32)),
            Some(Cliff { calls: 200000, cost: dec!(120000) })
        );
    }

    #[test]
    fn buying_into_the_next_tier_can_be_cheaper() {
        let r = reached();
        assert_eq!(cheaper_at_higher_volume(&r, 999, dec!(999)), Some(Cliff { calls: 1000, cost: dec!(850) }));
        // 9,999 × 0.85 = 8,499.15 > 10,000 × 0.75 = 7,500
        assert_eq!(cheaper_at_higher_volume(&r, 9999, dec!(8499.15)), Some(Cliff { calls: 10000, cost: dec!(7500) }));
        assert_eq!(cheaper_at_higher_volume(&r, 500, dec!(500)), None);
        let g = tariff(&table(TierMode::Graduated, TierBasis::PostpaidVolume), None);
        assert_eq!(cheaper_at_higher_volume(&g, 999, dec!(999)), None);
    }

    fn format_2(postpaid: &str) -> Tariff<Decimal> {
        let list = crate::engine::catalog::parse_price_list(&format!(
            r#"{{"format":2,"currency":"USD","services":[{{"id":"s","name":"S","postpaid":{postpaid}}}]}}"#
        ))
        .unwrap();
        tariff(&list.services[0].postpaid, None)
    }

    #[test]
    fn prices_per_block_prorate_or_round_the_month_up() {
        // The first 1,000 free, then 2.00 per 1,000: 3,200 calls round up to 4,000, 3 units × 2.00.
        let tiers = r#"[{"up_to":1000,"up_to_included":true,"price":"0"},{"price":"2.00"}]"#;
        let up = format_2(&format!(r#"{{"mode":"graduated","unit":1000,"partial_unit":"round_up","tiers":{tiers}}}"#));
        assert_eq!(amount(&up, 3200, 3200), Some(dec!(6.00)));
        // Prorated: 2,200 × 0.002.
        let pro = format_2(&format!(r#"{{"mode":"graduated","unit":1000,"tiers":{tiers}}}"#));
        assert_eq!(amount(&pro, 3200, 3200), Some(dec!(4.40)));
        // Rounding up bills whole blocks: 1 call is 1,000 billed, free; 1,001 calls bill 2,000.
        assert_eq!(amount(&up, 1, 1), Some(dec!(0)));
        assert_eq!(amount(&up, 1001, 1001), Some(dec!(2.00)));
        let Charge::Priced { slices, .. } = charge(&up, 3200, 3200).unwrap() else { panic!() };
        assert_eq!(slices.iter().map(|s| (s.calls, s.unit)).collect::<Vec<_>>(), vec![(1000, 1000), (3000, 1000)]);
        // Per 1,000,000 calls, prorated: 1,500 calls at 1.50 per 10⁶ cost 0.00225.
        let per_million = format_2(r#"{"unit":1000000,"tiers":[{"price":"1.50"}]}"#);
        assert_eq!(amount(&per_million, 1500, 1500), Some(dec!(0.00225)));
    }

    #[test]
    fn flat_fees_are_charged_for_the_tier_reached_or_every_tier_entered() {
        let tiers =
            r#"[{"up_to":100,"up_to_included":true,"price":"1","flat_fee":"5"},{"price":"0.5","flat_fee":"20"}]"#;
        // Graduated, 150 calls: 100 × 1 + 5 + 50 × 0.5 + 20.
        let g = format_2(&format!(r#"{{"mode":"graduated","tiers":{tiers}}}"#));
        assert_eq!(amount(&g, 150, 150), Some(dec!(150.00)));
        // The same tiers reached: 150 × 0.5 + 20.
        let r = format_2(&format!(r#"{{"mode":"reached","tiers":{tiers}}}"#));
        assert_eq!(amount(&r, 150, 150), Some(dec!(95.00)));
        // 100 calls stay in the first tier: 100 + 5; no calls, no fee.
        assert_eq!(amount(&r, 100, 100), Some(dec!(105)));
        assert_eq!(amount(&g, 0, 0), Some(dec!(0)));
        // The fee makes a cliff: 100 calls cost 105, 101 cost 70.5.
        assert_eq!(cheaper_at_higher_volume(&r, 100, dec!(105)), Some(Cliff { calls: 101, cost: dec!(70.5) }));
    }

    #[test]
    fn integer_units_rate_like_decimals() {
        // The optimizer's instance: prices in units of 0.01 元.
        let units = Tariff::new(&table(TierMode::Reached, TierBasis::PostpaidVolume), None, |d| {
            let mut d = d * Decimal::ONE_HUNDRED;
            d.rescale(0);
            d.mantissa()
        });
        assert_eq!(units.price_of(15000), Some(1_125_000));
        assert_eq!(units.cheapest_later_start(9999), Some((10000, 750_000)));
        // Within a month's calls: no later start below them, or the cheapest that is.
        assert_eq!(units.cheapest_later_start_within(9999, 10000), Some((10000, 750_000)));
        assert_eq!(units.cheapest_later_start_within(9999, 9999), None);
        assert_eq!(units.cheapest_later_start_within(95000, 99999), None);
        assert_eq!(units.cheapest_later_start_within(500, 9999), Some((1000, 85_000)));
        assert_eq!(units.cheapest_later_start_within(500, 999), None);
        assert_eq!(units.price_of(200000), None);
    }
}
