//! Monthly volumes growing by a percentage, compounded: one rule for the page's growth field
//! (month 1's calls grown month by month) and the usage forecast (the fitted level grown).

use rust_decimal::{Decimal, RoundingStrategy};

use super::limits::MAX_CALLS_PER_MONTH;

/// `months` monthly volumes from `first`, each `percent` above the one before, compounded: the
/// exact product (to 8 decimal places) rounded half up to a whole call and capped at the most
/// calls a month may have. 10,000 at 10 % gives 10,000, 11,000, 12,100, 13,310, …
pub fn compound(first: u64, percent: Decimal, months: usize) -> Vec<u64> {
    let factor = Decimal::ONE + percent / Decimal::ONE_HUNDRED;
    let max = Decimal::from(MAX_CALLS_PER_MONTH);
    let mut v = Decimal::from(first);
    let mut out = Vec::with_capacity(months);
    for _ in 0..months {
        let whole = v.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero).clamp(Decimal::ZERO, max);
        out.push(u64::try_from(whole).unwrap_or(0));
        v = v.checked_mul(factor).unwrap_or(max).min(max).round_dp(8);
    }
    out
}

/// The month (1-based) from which [`compound`]'s volumes were held at the most calls a month may
/// have, where growth, not month 1's own calls, took them there; `None` where none was held.
pub fn capped_from(months: &[u64]) -> Option<usize> {
    let at = months.iter().position(|&c| c >= MAX_CALLS_PER_MONTH)?;
    (at > 0).then_some(at + 1)
}

/// What a monthly growth may be, in words (the message of every door a growth comes in by).
pub const RANGE: &str = "a monthly growth is above −100 % and at most 1,000 %";

/// [`RANGE`] in `lang` (the page's fields say it in Chinese too).
pub fn range(lang: super::Lang) -> &'static str {
    lang.pick("每月增长须大于 −100%，最多 1,000%", RANGE)
}

/// Whether `percent` is a monthly growth: above −100 % (volumes would vanish) and at most
/// 1,000 %.
pub fn in_range(percent: Decimal) -> bool {
    percent > Decimal::from(-100) && percent <= Decimal::from(1000)
}

/// The growth nearest `percent` that [`in_range`] accepts, to 0.01 %: a fit falling faster
/// than −99.99 % a month, or rising past 1,000 %, is held at that end.
pub fn nearest(percent: Decimal) -> Decimal {
    percent.clamp(Decimal::new(-9999, 2), Decimal::from(1000))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn says_the_month_growth_reached_the_most_a_month_may_have() {
        // 10¹¹ doubling: 10¹¹, 2·10¹¹, 4·10¹¹, 8·10¹¹, then 1.6·10¹² held at 10¹² in month 5.
        let months = compound(100_000_000_000, dec!(100), 6);
        assert_eq!(months[3], 800_000_000_000);
        assert_eq!(months[4], MAX_CALLS_PER_MONTH);
        assert_eq!(capped_from(&months), Some(5));
        assert_eq!(capped_from(&compound(10_000, dec!(10), 12)), None);
        // Month 1 at the most is the visitor's own figure, not growth's doing.
        assert_eq!(capped_from(&compound(MAX_CALLS_PER_MONTH, dec!(0), 3)), None);
    }
}
