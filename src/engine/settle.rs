//! Settlement, month by month: which calls each pack covers, what goes to postpaid, what is
//! refused and what expires.
//!
//! The rules, from the documents:
//! - order: free packs, then purchased packs, then postpaid (001:75; 000:10-11); in format 2,
//!   a month's free quota comes before everything, then the month's commitment (if the line
//!   takes one), then the packs;
//! - purchased packs are drawn in the order they took effect (000:26), or, for price lists that
//!   say so, the one expiring first;
//! - a pack takes effect at the start of the month it is bought and lasts `validity` months,
//!   that month included; the rest expires at the end of the last one (001:8);
//! - calls beyond the packs are billed postpaid, the tier found from that month's postpaid volume
//!   (001:77, 001:89); with postpaid switched off they are refused (000:8, 000:11);
//! - notices (000:15): with only a free pack, when it falls under 20 % and when it runs out; with
//!   bought packs, the same for the last one bought;
//! - format 2: calls beyond a commitment are priced by its overage table; a month's usage charge
//!   (postpaid or overage) below the service's minimum is raised to it, the raise its own figure.

use rust_decimal::Decimal;

use super::catalog::{FreeQuota, PackDraw};
use super::error::Overflow;
use super::rating::{self, Charge, Tariff};

/// Packs of one size bought at the start of one month, priced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Purchase {
    pub size: u64,
    pub count: u64,
    /// 1-based month the packs take effect.
    pub month: u32,
    /// Price of one pack.
    pub price: Decimal,
}

/// One line's account to settle: its calls, the packs bought, and the rules that draw them.
#[derive(Clone, Debug)]
pub struct Ledger<'a> {
    /// What calls beyond the packs cost (list prices, with the negotiated price).
    pub tariff: &'a Tariff<Decimal>,
    /// Calls per month, month 1 first.
    pub calls: &'a [u64],
    /// A free pack taking effect in month 1 (or calls left in packs bought before it).
    pub free_calls: u64,
    /// The last month (1-based) the free pack's calls can be drawn.
    pub free_last: u32,
    pub purchases: &'a [Purchase],
    /// The postpaid switch: off refuses calls beyond the packs.
    pub postpaid_on: bool,
    pub pack_draw: PackDraw,
    /// Months a pack lasts, counting the month it takes effect.
    pub validity_months: u32,
    /// Free calls every month (format 2).
    pub quota: Option<&'a FreeQuota>,
    /// The least a month's usage charge can be (format 2).
    pub minimum: Option<Decimal>,
    /// The commitment taken in each month (an index into `commitments`), month 1 first; empty
    /// where the line takes none.
    pub taken: &'a [Option<usize>],
    pub commitments: &'a [Committed],
}

/// A commitment as a line takes it: its fee, its calls, and what calls beyond it cost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Committed {
    pub id: String,
    pub fee: Decimal,
    pub calls: u64,
    pub tariff: Tariff<Decimal>,
}

/// One month of a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Month {
    /// 1-based.
    pub month: u32,
    pub calls: u64,
    /// Calls of the month's free quota (format 2).
    pub from_quota: u64,
    pub from_free: u64,
    /// The commitment taken this month (an index into `Ledger::commitments`), and its calls used.
    pub commitment: Option<usize>,
    pub from_commitment: u64,
    pub from_packs: u64,
    pub postpaid_calls: u64,
    pub refused: u64,
    /// The usage charge: postpaid, or the commitment's overage.
    pub charge: Charge,
    /// What the packs bought at the start of this month cost.
    pub packs_bought: Decimal,
    /// The commitment's fee this month.
    pub commitment_fee: Decimal,
    /// What raises the usage charge to the minimum (0 where it is reached or unknown).
    pub minimum_raise: Decimal,
    /// Calls left in packs that expired at the end of this month.
    pub expired: u64,
    /// Calls left in packs still valid after this month (free pack included).
    pub balance: u64,
    /// The notices the vendor sends this month (000:15).
    pub alerts: Vec<Alert>,
}

/// A notice the vendor sends about pack balances (000:15): for the free pack when it is the only
/// one, otherwise for the last pack bought.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Alert {
    /// The watched pack fell under 20 % of its size this month.
    Low { free: bool, size: u64, left: u64 },
    /// The watched pack ran out this month.
    Exhausted { free: bool, size: u64 },
    /// Calls left in packs that expire at the end of this month.
    Expiring { calls: u64 },
}

/// How one purchase fared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PurchaseOutcome {
    pub cost: Decimal,
    /// The first month a call was drawn from it.
    pub first_used: Option<u32>,
    /// The last month it can be drawn.
    pub last_valid: u32,
    pub used: u64,
    pub expired: u64,
    /// Still valid after the last month of the estimate.
    pub left: u64,
}

/// The settled line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settlement {
    pub months: Vec<Month>,
    pub purchases: Vec<PurchaseOutcome>,
    pub pack_cost: Decimal,
    /// The sum of the months' postpaid charges; `None` if any month needs a price from sales.
    pub postpaid_cost: Option<Decimal>,
    /// The months' commitment fees.
    pub commitment_cost: Decimal,
    /// The months' raises to the minimum.
    pub minimum_cost: Decimal,
    pub calls: u64,
    pub from_quota: u64,
    pub from_free: u64,
    pub from_commitment: u64,
    pub from_packs: u64,
    pub postpaid_calls: u64,
    pub refused: u64,
    pub expired: u64,
    /// Calls left in packs still valid after the estimate's last month.
    pub unused: u64,
}

struct Lot {
    /// Index into `Ledger::purchases`, or `None` for the free pack.
    purchase: Option<usize>,
    start: u32,
    last: u32,
    left: u64,
    /// Calls in one pack of the lot (a lot is `count` packs of one size bought together).
    size: u64,
    /// Notices already sent for this lot's last pack: under 20 %, run out.
    low_sent: bool,
    out_sent: bool,
}

impl Lot {
    fn active(&self, month: u32) -> bool {
        self.start <= month && month <= self.last
    }
}

/// The notices of month `month` (000:15): the watched pack is the last bought pack in effect
/// (its last pack, if several were bought together), or the free pack when no pack is bought.
fn watch(lots: &mut [Lot], month: u32) -> Vec<Alert> {
    // In effect: a pack that expired is not watched (its calls expired; it did not run out).
    let watched = lots
        .iter()
        .rposition(|l| l.purchase.is_some() && l.active(month))
        .or_else(|| lots.iter().position(|l| l.purchase.is_none() && l.active(month)));
    let Some(i) = watched else { return Vec::new() };
    let lot = &mut lots[i];
    let free = lot.purchase.is_none();
    let left = lot.left.min(lot.size);
    let mut out = Vec::new();
    if left == 0 && !lot.out_sent {
        lot.out_sent = true;
        lot.low_sent = true;
        out.push(Alert::Exhausted { free, size: lot.size });
    } else if left > 0 && left.saturating_mul(5) < lot.size && !lot.low_sent {
        lot.low_sent = true;
        out.push(Alert::Low { free, size: lot.size, left });
    }
    out
}

/// Settles a line. Only arithmetic past the engine's limits fails.
pub fn settle(ledger: &Ledger) -> Result<Settlement, Overflow> {
    let (mut lots, mut purchases, pack_cost) = open_lots(ledger)?;
    let mut months = Vec::with_capacity(ledger.calls.len());
    let mut postpaid_cost = Some(Decimal::ZERO);
    let (mut commitment_cost, mut minimum_cost) = (Decimal::ZERO, Decimal::ZERO);
    for (idx, &calls) in ledger.calls.iter().enumerate() {
        let month = idx as u32 + 1;
        let mut packs_bought = Decimal::ZERO;
        for (p, o) in ledger.purchases.iter().zip(&purchases) {
            if p.month == month {
                packs_bought = packs_bought.checked_add(o.cost).ok_or(Overflow)?;
            }
        }
        // The free quota first, then the commitment taken this month, then the packs.
        let from_quota = ledger.quota.map_or(0, |q| q.calls_in(month)).min(calls);
        let commitment = ledger.taken.get(idx).copied().flatten();
        let committed = commitment.and_then(|k| ledger.commitments.get(k));
        let from_commitment = committed.map_or(0, |c| c.calls).min(calls - from_quota);
        let (from_free, from_packs, need) =
            draw(&mut lots, &mut purchases, month, calls - from_quota - from_commitment);
        let tariff = committed.map_or(ledger.tariff, |c| &c.tariff);
        let can_postpay = ledger.postpaid_on && tariff.offered();
        let (postpaid_calls, refused, charge) =
            if can_postpay { (need, 0, rating::charge(tariff, need, calls)?) } else { (0, need, Charge::Nothing) };
        postpaid_cost = match (postpaid_cost, charge.amount()) {
            (Some(sum), Some(a)) => Some(sum.checked_add(a).ok_or(Overflow)?),
            _ => None,
        };
        let commitment_fee = committed.map_or(Decimal::ZERO, |c| c.fee);
        commitment_cost = commitment_cost.checked_add(commitment_fee).ok_or(Overflow)?;
        let minimum_raise = match (ledger.minimum, charge.amount()) {
            (Some(min), Some(usage)) if usage < min => min - usage,
            _ => Decimal::ZERO,
        };
        minimum_cost = minimum_cost.checked_add(minimum_raise).ok_or(Overflow)?;
        let mut alerts = watch(&mut lots, month);
        let (expired, balance) = close_month(&mut lots, &mut purchases, month);
        if expired > 0 {
            alerts.push(Alert::Expiring { calls: expired });
        }
        months.push(Month {
            month,
            calls,
            from_quota,
            from_free,
            commitment,
            from_commitment,
            from_packs,
            postpaid_calls,
            refused,
            charge,
            packs_bought,
            commitment_fee,
            minimum_raise,
            expired,
            balance,
            alerts,
        });
    }
    // What is still valid after the last month.
    let mut unused = 0u64;
    for lot in &lots {
        unused = unused.checked_add(lot.left).ok_or(Overflow)?;
    }
    for (p, o) in ledger.purchases.iter().zip(purchases.iter_mut()) {
        let bought = p.size.saturating_mul(p.count);
        o.left = bought - o.used - o.expired;
    }
    let sum = |f: fn(&Month) -> u64| -> Result<u64, Overflow> {
        months.iter().try_fold(0u64, |acc, m| acc.checked_add(f(m)).ok_or(Overflow))
    };
    Ok(Settlement {
        calls: sum(|m| m.calls)?,
        from_quota: sum(|m| m.from_quota)?,
        from_free: sum(|m| m.from_free)?,
        from_commitment: sum(|m| m.from_commitment)?,
        from_packs: sum(|m| m.from_packs)?,
        postpaid_calls: sum(|m| m.postpaid_calls)?,
        refused: sum(|m| m.refused)?,
        expired: sum(|m| m.expired)?,
        unused,
        months,
        purchases,
        pack_cost,
        postpaid_cost,
        commitment_cost,
        minimum_cost,
    })
}

/// The free pack and every purchase as lots in the order they are drawn, each purchase's
/// outcome so far, and what the packs cost.
fn open_lots(ledger: &Ledger) -> Result<(Vec<Lot>, Vec<PurchaseOutcome>, Decimal), Overflow> {
    let validity = ledger.validity_months.max(1);
    let mut lots: Vec<Lot> = Vec::with_capacity(ledger.purchases.len() + 1);
    let lot =
        |purchase, start, last, left, size| Lot { purchase, start, last, left, size, low_sent: false, out_sent: false };
    if ledger.free_calls > 0 {
        lots.push(lot(None, 1, ledger.free_last.max(1), ledger.free_calls, ledger.free_calls));
    }
    let mut purchases = Vec::with_capacity(ledger.purchases.len());
    let mut pack_cost = Decimal::ZERO;
    for (i, p) in ledger.purchases.iter().enumerate() {
        let calls = p.size.checked_mul(p.count).ok_or(Overflow)?;
        let cost = rating::mul(p.price, p.count)?;
        pack_cost = pack_cost.checked_add(cost).ok_or(Overflow)?;
        let last = p.month.checked_add(validity - 1).ok_or(Overflow)?;
        purchases.push(PurchaseOutcome { cost, first_used: None, last_valid: last, used: 0, expired: 0, left: calls });
        if calls > 0 {
            lots.push(lot(Some(i), p.month, last, calls, p.size));
        }
    }
    // Free first; then purchases in effective order (input order within a month) or by expiry.
    lots.sort_unstable_by_key(|l| {
        let i = l.purchase.map_or(0, |i| i + 1);
        match (l.purchase, ledger.pack_draw) {
            (None, _) => (0, 0, 0, 0),
            (Some(_), PackDraw::EffectiveOrder) => (1, l.start, 0, i),
            (Some(_), PackDraw::EarliestExpiry) => (1, l.last, l.start, i),
        }
    });
    Ok((lots, purchases, pack_cost))
}

/// Draws a month's `calls` from the lots in effect, in order: (from the free pack, from bought
/// packs, left for postpaid).
fn draw(lots: &mut [Lot], purchases: &mut [PurchaseOutcome], month: u32, calls: u64) -> (u64, u64, u64) {
    let mut need = calls;
    let (mut from_free, mut from_packs) = (0u64, 0u64);
    for lot in lots.iter_mut().filter(|l| l.active(month)) {
        if need == 0 {
            break;
        }
        let take = need.min(lot.left);
        if take == 0 {
            continue;
        }
        lot.left -= take;
        need -= take;
        match lot.purchase {
            None => from_free += take,
            Some(i) => {
                from_packs += take;
                let o = &mut purchases[i];
                o.used += take;
                o.first_used.get_or_insert(month);
            }
        }
    }
    (from_free, from_packs, need)
}

/// The end of `month`: the lots whose last month it is expire; (calls expired, calls left in
/// lots still valid).
fn close_month(lots: &mut [Lot], purchases: &mut [PurchaseOutcome], month: u32) -> (u64, u64) {
    let mut expired = 0u64;
    let mut balance = 0u64;
    for lot in lots.iter_mut() {
        if lot.last == month && lot.left > 0 {
            expired += lot.left;
            if let Some(i) = lot.purchase {
                purchases[i].expired += lot.left;
            }
            lot.left = 0;
        } else if lot.active(month) {
            balance += lot.left;
        }
    }
    (expired, balance)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::catalog::{PartialUnit, Postpaid, Tier, TierBasis, TierMode, TierTable};
    use rust_decimal_macros::dec;

    fn liveness() -> Tariff<Decimal> {
        let t = |from, up_to, price| Tier { from, up_to, includes_up_to: false, price, flat_fee: None };
        rating::tariff(
            &Postpaid::Tiers(TierTable {
                mode: TierMode::Reached,
                basis: TierBasis::PostpaidVolume,
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
            }),
            None,
        )
    }

    fn ledger<'a>(tariff: &'a Tariff<Decimal>, calls: &'a [u64], purchases: &'a [Purchase]) -> Ledger<'a> {
        Ledger {
            tariff,
            calls,
            free_calls: 0,
            free_last: 12,
            purchases,
            postpaid_on: true,
            pack_draw: PackDraw::EffectiveOrder,
            validity_months: 12,
            quota: None,
            minimum: None,
            taken: &[],
            commitments: &[],
        }
    }

    fn pack(size: u64, count: u64, month: u32, price: Decimal) -> Purchase {
        Purchase { size, count, month, price }
    }

    #[test]
    fn worked_example_two_settles_pack_then_postpaid() {
        let pp = liveness();
        let buys = [pack(10000, 1, 1, dec!(8000))];
        let s = settle(&ledger(&pp, &[15000], &buys)).unwrap();
        assert_eq!((s.from_packs, s.postpaid_calls, s.refused), (10000, 5000, 0));
        assert_eq!(s.postpaid_cost, Some(dec!(4250)));
        assert_eq!(s.pack_cost, dec!(8000));
        assert_eq!(s.purchases[0].first_used, Some(1));
    }

    #[test]
    fn free_calls_go_first_then_packs_in_effective_order() {
        let pp = liveness();
        let buys = [pack(1000, 1, 2, dec!(930)), pack(10000, 1, 1, dec!(8000))];
        let mut p = ledger(&pp, &[3000, 9000], &buys);
        p.free_calls = 500;
        let s = settle(&p).unwrap();
        // Month 1: 500 free, 2,500 from the 1万 pack (the 1,000 pack is not yet in effect).
        assert_eq!((s.months[0].from_free, s.months[0].from_packs, s.months[0].postpaid_calls), (500, 2500, 0));
        // Month 2: the 1万 pack (took effect first) has 7,500 left, then 1,000 from the new pack, 500 postpaid.
        assert_eq!((s.months[1].from_packs, s.months[1].postpaid_calls), (8500, 500));
        assert_eq!(s.purchases[1].used, 10000);
        assert_eq!(s.purchases[0].used, 1000);
        assert_eq!(s.postpaid_cost, Some(dec!(500)));
    }

    #[test]
    fn earliest_expiry_draws_the_pack_that_dies_first() {
        let pp = liveness();
        // Listed out of order: month 2's pack first, month 1's second. Both orders draw the
        // month-1 pack first (with one validity for every pack they agree), and the free pack
        // still goes before either.
        let buys = [pack(1000, 1, 2, dec!(930)), pack(1000, 1, 1, dec!(930))];
        for draw in [PackDraw::EffectiveOrder, PackDraw::EarliestExpiry] {
            let mut p = ledger(&pp, &[0, 700], &buys);
            p.pack_draw = draw;
            p.free_calls = 100;
            let s = settle(&p).unwrap();
            assert_eq!((s.from_free, s.purchases[1].used, s.purchases[0].used), (100, 600, 0), "{draw:?}");
        }
    }

    #[test]
    fn packs_expire_after_twelve_months_and_report_what_was_lost() {
        let pp = liveness();
        let buys = [pack(100000, 1, 1, dec!(75000))];
        let calls = [5000u64; 13];
        let s = settle(&ledger(&pp, &calls, &buys)).unwrap();
        // 12 × 5,000 = 60,000 used; 40,000 expire at the end of month 12; month 13 is postpaid.
        assert_eq!(s.months[11].expired, 40000);
        assert_eq!(s.months[11].balance, 0);
        assert_eq!(s.months[10].balance, 45000);
        assert_eq!(s.expired, 40000);
        assert_eq!(s.months[12].postpaid_calls, 5000);
        assert_eq!(s.postpaid_cost, Some(dec!(4250)));
        assert_eq!(s.unused, 0);
        assert_eq!(s.purchases[0].last_valid, 12);
    }

    #[test]
    fn postpaid_off_refuses_calls_beyond_the_packs() {
        let pp = liveness();
        let buys = [pack(10000, 1, 1, dec!(8000))];
        let mut p = ledger(&pp, &[15000], &buys);
        p.postpaid_on = false;
        let s = settle(&p).unwrap();
        assert_eq!((s.refused, s.postpaid_calls), (5000, 0));
        assert_eq!(s.postpaid_cost, Some(dec!(0)));
        let none = Tariff::NotOffered;
        let s = settle(&ledger(&none, &[15000], &buys)).unwrap();
        assert_eq!(s.refused, 5000, "no postpaid at all refuses too");
    }

    #[test]
    fn unused_balance_is_reported_not_expired() {
        let pp = liveness();
        let buys = [pack(10000, 2, 1, dec!(8000))];
        let s = settle(&ledger(&pp, &[15000], &buys)).unwrap();
        assert_eq!((s.expired, s.unused, s.purchases[0].left), (0, 5000, 5000));
        assert_eq!(s.pack_cost, dec!(16000));
    }

    #[test]
    fn notices_follow_the_last_pack_bought_or_the_free_pack_alone() {
        let pp = liveness();
        // Free pack of 1,000 alone: under 20 % (150 left) in month 2, out in month 3.
        let mut p = ledger(&pp, &[500, 350, 400], &[]);
        p.free_calls = 1000;
        let s = settle(&p).unwrap();
        assert!(s.months[0].alerts.is_empty());
        assert_eq!(s.months[1].alerts, vec![Alert::Low { free: true, size: 1000, left: 150 }]);
        assert_eq!(s.months[2].alerts, vec![Alert::Exhausted { free: true, size: 1000 }]);
        // Two 1万 packs bought together: the notice watches the second (last) one only.
        let buys = [pack(10000, 2, 1, dec!(8000))];
        let s = settle(&ledger(&pp, &[9500, 9000, 500, 1000], &buys)).unwrap();
        // After month 2: 1,500 left of 20,000, all in the last pack: under 20 % of 10,000.
        assert!(s.months[0].alerts.is_empty());
        assert_eq!(s.months[1].alerts, vec![Alert::Low { free: false, size: 10000, left: 1500 }]);
        assert!(s.months[2].alerts.is_empty(), "sent once");
        assert_eq!(s.months[3].alerts, vec![Alert::Exhausted { free: false, size: 10000 }]);
        // A 1,000 pack at 100 calls a month: 200 left (exactly 20 %) is not yet "under 20 %".
        let buys = [pack(1000, 1, 1, dec!(930))];
        let s = settle(&ledger(&pp, &[100; 12], &buys)).unwrap();
        assert!(s.months[7].alerts.is_empty());
        assert_eq!(s.months[8].alerts, vec![Alert::Low { free: false, size: 1000, left: 100 }]);
        assert_eq!(s.months[9].alerts, vec![Alert::Exhausted { free: false, size: 1000 }]);
        // Expiry is announced in the month the calls are lost.
        let s = settle(&ledger(&pp, &[100; 13], &buys)).unwrap();
        let s2 = settle(&ledger(&pp, &[10; 13], &buys)).unwrap();
        assert_eq!(s.months[11].alerts, vec![]);
        assert_eq!(s2.months[11].alerts, vec![Alert::Expiring { calls: 880 }]);
        // The month after, the expired pack is not said to have run out (it was).
        assert!(s2.months[12].alerts.is_empty(), "{:?}", s2.months[12].alerts);
        // 13 months of 500 with one 1万 pack: 4,000 expire in month 12, and month 13 is quiet.
        let s = settle(&ledger(&pp, &[500; 13], &[pack(10000, 1, 1, dec!(8000))])).unwrap();
        assert_eq!(s.months[11].alerts, vec![Alert::Expiring { calls: 4000 }]);
        assert!(s.months[12].alerts.is_empty(), "{:?}", s.months[12].alerts);
    }

    #[test]
    fn contact_sales_months_leave_the_postpaid_cost_unknown() {
        let pp = liveness();
        let s = settle(&ledger(&pp, &[1000, 250000], &[])).unwrap();
        assert_eq!(s.postpaid_cost, None);
        assert_eq!(s.months[0].charge.amount(), Some(dec!(850)));
        assert_eq!(s.months[1].charge, Charge::ContactSales { tier: 4 });
    }
}
