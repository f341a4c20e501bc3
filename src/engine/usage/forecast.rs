//! The next months from a history: compound monthly growth fitted to the logarithm of the
//! months' calls (months of 0 left out of the fit: a logarithm has no value there, and a month
//! without use says nothing about the rate of growth) as the median of the slopes between every
//! two months and the line through the months' median offset (Theil and Sen's fit: a season's
//! peak at the end of a year, which least squares takes for growth, moves it little), with a low
//! and a high case from the history's spread around the fit, widening with the horizon.
//!
//! The fit is statistics, not money: it is computed in floating point, and what comes out of it
//! is rounded to stated decimals before any call count is made from it — the growth to 0.01 %
//! a month, the level to a whole call, the spread's factors to 6 places. The months' calls are
//! then exact: `level × (1 + growth)^k`, rounded half up (`growth::compound`, the page's growth
//! field's rule too). The low and high cases are
//! an 80 % prediction interval around the fitted line (10th and 90th percentiles):
//! `calls × exp(∓t·s·√(1 + 1/n + (x − x̄)² / Sxx))`, `s` the residuals' standard deviation and
//! `t` Student's 90 % quantile for its degrees of freedom ([`t90`]: 1.440 for 8 months, nearing
//! the normal's 1.2816 for a long history).
//!
//! ```
//! use packwise::engine::usage::forecast::forecast;
//!
//! let history = [10_000, 11_000, 12_100, 13_310, 14_641];
//! let f = forecast(&history, 3, None).unwrap();
//! assert_eq!(f.growth.to_string(), "10.00");
//! assert_eq!(f.calls, [16_105, 17_716, 19_487]);
//! ```

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::engine::growth::{RANGE, compound, in_range, nearest};
use crate::engine::limits::{MAX_CALLS_PER_MONTH, MAX_MONTHS};

/// The normal quantile of the interval's high end (90 %): low and high are the 10th and 90th
/// percentiles, where the spread is known.
pub const Z: f64 = 1.2816;

/// Student's t quantile of the interval's high end (90 %) for a spread measured with `freedom`
/// degrees of freedom (the months fitted less the parameters fitted: level and slope): wider than
/// [`Z`] for a short history (1.440 for 8 months), as a prediction interval with an estimated
/// spread is, and nearing it for a long one (1.296 at 60 degrees). From the standard tables (three
/// decimals); between the rows the next smaller freedom's, which is the wider.
pub fn t90(freedom: i64) -> f64 {
    const TABLE: [f64; 30] = [
        3.078, 1.886, 1.638, 1.533, 1.476, 1.440, 1.415, 1.397, 1.383, 1.372, 1.363, 1.356, 1.350, 1.345, 1.341, 1.337,
        1.333, 1.330, 1.328, 1.325, 1.323, 1.321, 1.319, 1.318, 1.316, 1.315, 1.314, 1.313, 1.311, 1.310,
    ];
    match freedom {
        ..=0 => 0.0,
        1..=30 => TABLE[freedom as usize - 1],
        31..=39 => 1.310,
        40..=59 => 1.303,
        60..=119 => 1.296,
        120 => 1.289,
        _ => Z,
    }
}

/// A forecast.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Forecast {
    /// The growth used, in percent a month (the fit's unless the caller gave one).
    pub growth: Decimal,
    /// What the fit says, where there were two months or more with calls to fit.
    pub fitted_growth: Option<Decimal>,
    /// The fitted calls of the last month of the history: where the forecast starts from.
    pub level: u64,
    /// Months of the history with calls (those fitted).
    pub months_fitted: usize,
    /// Months of 0 at the end of the history (a service stopped?): left out of the fit; the
    /// forecast goes on from the last month with calls (its growth not carried through them),
    /// and its low case is 0 (the service may have stopped). The page says so.
    pub trailing_zero_months: usize,
    /// How far the history strays from the fit, typically, in percent (`exp(s) − 1`); 0 where
    /// too few months tell (see `spread_measured`).
    pub spread: Decimal,
    /// Whether the history had months enough to measure the spread (3 or more with calls):
    /// without, low and high are the likely calls.
    pub spread_measured: bool,
    /// The first month (from 1) whose interval around the fit passes the most calls a month
    /// allows (a few months that stray far from the fit, carried far). Such an interval is no
    /// range to plan for, and its nearer months' are hardly better (three months of 310, 95 and
    /// 402 put the first month's high at 854,201 against 296 likely): the forecast then has no
    /// range at all, low and high being the likely calls (low 0 for a stopped service), and the
    /// page says why.
    pub range_too_wide: Option<usize>,
    /// Months forecast between the history's last and the first month of `calls`, left out (a
    /// line dated later than its history ends starts at its own first month); usually 0.
    pub skipped: usize,
    /// Whether each month is the history's same calendar month a year before, grown
    /// ([`same_months`]), not the fitted curve.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub same_months: bool,
    pub calls: Vec<u64>,
    pub calls_low: Vec<u64>,
    pub calls_high: Vec<u64>,
}

/// Why there is no forecast.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ForecastError {
    /// The horizon is not 1 to 120 months.
    Horizon(usize),
    /// A growth of −100 % or less, or one past 1,000 %.
    Growth,
    /// The forecast passes the most calls a month may have in this month (1-based).
    TooLarge { month: usize },
    /// The forecast would start this many months after the history's last: more than
    /// [`MAX_MONTHS`].
    Start { skipped: usize },
    /// No history at all.
    NoHistory,
    /// The same months as a year before, from a history of fewer than 12 months.
    ShortForSeason { months: usize },
}

impl Forecast {
    /// Whether the history ends in months of 0 after months with calls: the low case is then 0
    /// (the service may have stopped), not the interval's.
    pub fn stopped(&self) -> bool {
        self.trailing_zero_months > 0 && self.months_fitted > 0
    }
}

impl std::fmt::Display for ForecastError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ForecastError::Horizon(n) => write!(f, "forecast {n} months: give 1 to {MAX_MONTHS}"),
            ForecastError::Growth => f.write_str(RANGE),
            ForecastError::TooLarge { month } => write!(
                f,
                "the forecast passes {} calls a month in month {month}: forecast fewer months or a lower growth",
                crate::engine::money::group_u64(MAX_CALLS_PER_MONTH)
            ),
            ForecastError::NoHistory => f.write_str("there is no history to forecast from"),
            ForecastError::ShortForSeason { months } => {
                write!(f, "the same months as a year before need 12 months of history; this one has {months}")
            }
            ForecastError::Start { skipped } => write!(
                f,
                "the line starts {} months after the history's last: a forecast starts at most {MAX_MONTHS} months after it",
                skipped + 1
            ),
        }
    }
}

impl std::error::Error for ForecastError {}

fn whole(d: Decimal) -> Option<u64> {
    u64::try_from(d.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)).ok()
}

fn decimal(x: f64, places: u32) -> Decimal {
    Decimal::try_from(x).map(|d| d.round_dp(places)).unwrap_or(Decimal::ZERO)
}

/// The next `months` months after `history` (oldest first), growing by `growth` percent a month
/// if given, else by the fitted growth.
pub fn forecast(history: &[u64], months: usize, growth: Option<Decimal>) -> Result<Forecast, ForecastError> {
    forecast_from(history, 0, months, growth)
}

/// [`forecast`] of `months` months that start `skipped` months after the month after
/// `history`'s last (a line dated later than its history ends): the months between are
/// forecast too, and left out, so that the growth and the interval's widening count them.
pub fn forecast_from(
    history: &[u64],
    skipped: usize,
    months: usize,
    growth: Option<Decimal>,
) -> Result<Forecast, ForecastError> {
    if !(1..=MAX_MONTHS).contains(&months) {
        return Err(ForecastError::Horizon(months));
    }
    if skipped >= MAX_MONTHS {
        return Err(ForecastError::Start { skipped });
    }
    let mut f = project(history, skipped + months, growth).map_err(|e| match e {
        ForecastError::TooLarge { month } => ForecastError::TooLarge { month: month.saturating_sub(skipped).max(1) },
        e => e,
    })?;
    if skipped > 0 {
        for v in [&mut f.calls, &mut f.calls_low, &mut f.calls_high] {
            v.drain(..skipped.min(v.len()));
        }
        f.range_too_wide = f.range_too_wide.map(|k| k.saturating_sub(skipped).max(1));
        f.skipped = skipped;
    }
    Ok(f)
}

/// The median of `values` (the mean of the middle two of an even count); 0 for none.
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// The median of the slopes between every two points of different `x` (Theil–Sen).
fn median_slope(points: &[(f64, f64)]) -> f64 {
    let mut slopes = Vec::with_capacity(points.len() * points.len().saturating_sub(1) / 2);
    for (i, a) in points.iter().enumerate() {
        for b in &points[i + 1..] {
            if b.0 != a.0 {
                slopes.push((b.1 - a.1) / (b.0 - a.0));
            }
        }
    }
    median(slopes)
}

/// The next `months` months after `history`, as [`forecast`] says, any number of them.
fn project(history: &[u64], months: usize, growth: Option<Decimal>) -> Result<Forecast, ForecastError> {
    if history.is_empty() {
        return Err(ForecastError::NoHistory);
    }
    if growth.is_some_and(|g| !in_range(g)) {
        return Err(ForecastError::Growth);
    }
    let points: Vec<(f64, f64)> =
        history.iter().enumerate().filter(|&(_, &v)| v > 0).map(|(i, &v)| (i as f64, (v as f64).ln())).collect();
    let n = points.len();
    if n == 0 {
        let zeros = vec![0; months];
        let growth = growth.unwrap_or(Decimal::ZERO);
        return Ok(Forecast {
            growth,
            fitted_growth: None,
            level: 0,
            months_fitted: 0,
            trailing_zero_months: history.len(),
            spread: Decimal::ZERO,
            spread_measured: false,
            range_too_wide: None,
            skipped: 0,
            same_months: false,
            calls: zeros.clone(),
            calls_low: zeros.clone(),
            calls_high: zeros,
        });
    }
    let nf = n as f64;
    let x_mean = points.iter().map(|p| p.0).sum::<f64>() / nf;
    let y_mean = points.iter().map(|p| p.1).sum::<f64>() / nf;
    let sxx: f64 = points.iter().map(|p| (p.0 - x_mean).powi(2)).sum();
    // The slope: the median of the slopes between every two months (Theil and Sen's), so that a
    // season's peak at the end of the history (a Double 11 and its December) does not pass for
    // growth, as it does in a least-squares fit.
    let fitted_slope = (n >= 2 && sxx > 0.0).then(|| median_slope(&points));
    // The line through the months' median offset at that slope: `y_mean` is its value at
    // `x_mean`.
    let y_mean = match fitted_slope {
        Some(b) => median(points.iter().map(|p| p.1 - b * (p.0 - x_mean)).collect()),
        None => y_mean,
    };
    // (Held within the growths a forecast may have: a history falling off a cliff fits −100 %.)
    let fitted_growth = fitted_slope.map(|b| nearest(decimal((b.exp() - 1.0) * 100.0, 2)));
    let growth = growth.or(fitted_growth).unwrap_or(Decimal::ZERO);
    // The level is the fitted line's at the last month (the history's mean where no slope can
    // be fitted), whatever growth is then used from it.
    let fit_slope = fitted_slope.unwrap_or(0.0);
    let trailing_zero_months = history.iter().rev().take_while(|&&v| v == 0).count();
    // The last month with calls: months of 0 after it are not grown through.
    let last_x = (history.len() - 1 - trailing_zero_months) as f64;
    let level = (y_mean + fit_slope * (last_x - x_mean)).exp();
    let level = Decimal::try_from(level)
        .ok()
        .and_then(whole)
        .filter(|&l| l <= MAX_CALLS_PER_MONTH)
        .ok_or(ForecastError::TooLarge { month: 0 })?;
    // The spread around the fitted line.
    let squares: f64 = points.iter().map(|p| (p.1 - y_mean - fit_slope * (p.0 - x_mean)).powi(2)).sum();
    let freedom = n as i64 - if fitted_slope.is_some() { 2 } else { 1 };
    let s = if freedom > 0 { (squares / freedom as f64).sqrt() } else { 0.0 };
    let spread = decimal((s.exp() - 1.0) * 100.0, 1);

    // The level grown month by month: the one rule of compound growth (the first is the level).
    let grown = compound(level, growth, months + 1);
    if let Some(k) = grown.iter().skip(1).position(|&c| c >= MAX_CALLS_PER_MONTH && growth > Decimal::ZERO) {
        return Err(ForecastError::TooLarge { month: k + 1 });
    }
    let mut calls_low = Vec::with_capacity(months);
    let mut calls_high = Vec::with_capacity(months);
    let mut range_too_wide = None;
    for (k, &c) in grown.iter().enumerate().skip(1) {
        // As far from the fitted months as the month really is: the months of 0 count here.
        let x = last_x + (trailing_zero_months + k) as f64;
        let widening = if sxx > 0.0 { 1.0 + 1.0 / nf + (x - x_mean).powi(2) / sxx } else { 1.0 + 1.0 / nf };
        let half = t90(freedom) * s * widening.sqrt();
        let bound = |f: f64| {
            let f = Decimal::try_from(f).ok().map(|f| f.round_dp(6));
            f.and_then(|f| Decimal::from(c).checked_mul(f)).and_then(whole).filter(|&v| v <= MAX_CALLS_PER_MONTH)
        };
        // Rounded separately, low and high stay on their side of the likely calls; after months
        // of 0 the low case is that the service has stopped.
        let low = if trailing_zero_months > 0 { Some(0) } else { bound((-half).exp()).map(|v| v.min(c)) };
        match (low, bound(half.exp())) {
            (Some(low), Some(high)) => {
                calls_low.push(low);
                calls_high.push(high.max(c));
            }
            // An interval past any month's calls is no range to plan for: none from that month.
            _ => {
                range_too_wide = Some(k);
                break;
            }
        }
    }
    let calls = grown[1..].to_vec();
    if range_too_wide.is_some() {
        calls_low = if trailing_zero_months > 0 { vec![0; months] } else { calls.clone() };
        calls_high = calls.clone();
    }
    let spread_measured = freedom > 0;
    Ok(Forecast {
        growth,
        fitted_growth,
        level,
        months_fitted: n,
        trailing_zero_months,
        spread,
        spread_measured,
        range_too_wide,
        skipped: 0,
        same_months: false,
        calls,
        calls_low,
        calls_high,
    })
}

/// Forecast `f` of `history` made of the same calendar months a year before: each month is the
/// history's month twelve months earlier (of its last twelve: 24 earlier for the second year
/// ahead, and so on), grown by `f.growth` a month for the months between (`× (1 + g)¹²` a year,
/// [`compound`]'s rule), so that the history's season (a quiet February, a busy December) stays
/// where the fitted curve smooths it away. Low and high keep the fit's interval around it (each
/// month's low and high at the same ratio to its likely calls as the curve's). A month without
/// calls a year before, among months with them (a month the usage file had no rows for, which
/// the import counts as 0), is the curve's own: a gap in the records is not a month of nothing
/// to plan for. Needs 12 months of history.
///
/// ```
/// use packwise::engine::usage::forecast::{forecast, same_months};
///
/// let history = [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 200];
/// let f = same_months(&history, forecast(&history, 13, Some(10.into())).unwrap()).unwrap();
/// // 100 × 1.1¹² = 313.84 → 314; December 200 × 1.1¹² = 627.69 → 628; January again × 1.1²⁴.
/// assert_eq!((f.calls[0], f.calls[11], f.calls[12]), (314, 628, 985));
/// ```
pub fn same_months(history: &[u64], f: Forecast) -> Result<Forecast, ForecastError> {
    if history.len() < 12 {
        return Err(ForecastError::ShortForSeason { months: history.len() });
    }
    let year = &history[history.len() - 12..];
    let mut out = Forecast { same_months: true, calls: Vec::new(), calls_low: Vec::new(), calls_high: Vec::new(), ..f };
    for (k, &curve) in f.calls.iter().enumerate() {
        let ahead = f.skipped + k;
        let before = year[ahead % 12];
        if before == 0 && curve > 0 {
            out.calls.push(curve);
            out.calls_low.push(f.calls_low[k]);
            out.calls_high.push(f.calls_high[k]);
            continue;
        }
        let lag = 12 * (ahead / 12 + 1);
        let likely = compound(before, out.growth, lag + 1)[lag];
        if likely >= MAX_CALLS_PER_MONTH && out.growth > Decimal::ZERO {
            return Err(ForecastError::TooLarge { month: k + 1 });
        }
        // The curve's interval, as a ratio to its likely calls, around this month's.
        let at = |bound: u64| match curve {
            0 => Some(likely),
            c => Decimal::from(likely)
                .checked_mul(Decimal::from(bound))
                .and_then(|v| v.checked_div(Decimal::from(c)))
                .and_then(whole)
                .map(|v| v.min(MAX_CALLS_PER_MONTH)),
        };
        let (low, high) = (at(f.calls_low[k]).unwrap_or(0), at(f.calls_high[k]).unwrap_or(MAX_CALLS_PER_MONTH));
        out.calls.push(likely);
        out.calls_low.push(low.min(likely));
        out.calls_high.push(high.max(likely));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// A June the usage file had no rows for (counted as 0 by the import) is the curve's own in
    /// the same months a year later, not a month of no calls.
    #[test]
    fn a_month_without_records_a_year_before_is_the_curves() {
        let year = [900, 800, 1_000, 1_000, 1_100, 0, 1_000, 900, 1_200, 1_100, 1_300, 1_400];
        let curve = forecast(&year, 12, Some(dec!(0))).unwrap();
        let f = same_months(&year, curve.clone()).unwrap();
        assert_eq!(f.calls[5], curve.calls[5]);
        assert!(f.calls[5] > 0);
        assert_eq!((f.calls_low[5], f.calls_high[5]), (curve.calls_low[5], curve.calls_high[5]));
        // The other months are last year's at 0 %.
        assert_eq!((f.calls[4], f.calls[6]), (1_100, 1_000));
    }

    /// A year with a busy December: the curve smooths it away, the same months keep it. At 0 %
    /// each month is last year's; a line starting three months after the history starts at
    /// April's; low and high keep the curve's ratios; eleven months are too few.
    #[test]
    fn the_same_months_a_year_before_keep_the_season() {
        let year = [900, 800, 1_000, 1_000, 1_100, 1_000, 1_000, 900, 1_200, 1_100, 1_300, 3_000];
        let flat = same_months(&year, forecast(&year, 12, Some(Decimal::ZERO)).unwrap()).unwrap();
        assert_eq!(flat.calls, year);
        assert!(flat.same_months);
        let curve = forecast_from(&year, 3, 2, Some(dec!(1))).unwrap();
        let later = same_months(&year, curve.clone()).unwrap();
        // April 1,000 × 1.01¹² = 1,126.83 → 1,127; May 1,100 × 1.01¹² = 1,239.51 → 1,240.
        assert_eq!(later.calls, [1_127, 1_240]);
        for k in 0..2 {
            let ratio = |b: u64| Decimal::from(b) / Decimal::from(curve.calls[k]);
            let low = (Decimal::from(later.calls[k]) * ratio(curve.calls_low[k])).round();
            assert_eq!(Decimal::from(later.calls_low[k]), low);
            assert!(later.calls_low[k] < later.calls[k] && later.calls_high[k] > later.calls[k]);
        }
        assert_eq!(
            same_months(&year[1..], forecast(&year[1..], 3, None).unwrap()),
            Err(ForecastError::ShortForSeason { months: 11 })
        );
    }

    /// Three months that stray far from their fit (310, 95, 402 ID cards, then a month of 0):
    /// one degree of freedom and a wide spread make the 80 % interval pass 10¹² calls a month
    /// by the sixth month of 12. That is no range to plan for, and no reason to refuse the
    /// forecast: low is 0 (the service may have stopped), high the likely calls, and it says so.
    #[test]
    fn an_interval_past_any_months_calls_gives_no_range_not_an_error() {
        let f = forecast(&[310, 95, 402, 0], 12, None).unwrap();
        assert_eq!(f.range_too_wide, Some(6), "month 6's interval passes 10¹²");
        assert!(f.spread_measured);
        assert_eq!(f.calls_low, [0; 12]);
        assert_eq!(f.calls_high, f.calls);
        // Five months ahead the interval stands, and shows why it is dropped: month 1's high is
        // 7,921,571 against 458 likely (402 × 1.1388), month 5's 638,111,462,787.
        let near = forecast(&[310, 95, 402, 0], 5, None).unwrap();
        assert_eq!(near.range_too_wide, None);
        assert_eq!((near.calls[0], near.calls_high[0], near.calls_high[4]), (458, 7_921_571, 638_111_462_787));
    }

    #[test]
    fn after_months_of_zero_it_goes_on_from_the_last_month_with_calls() {
        // 5,000, 6,000, 7,000, then two months of 0: fitted on the three, +18.32 % a month (the
        // median slope, ln(7/5) / 2) from the fitted 7,000 of month 3 (not grown through the two
        // empty months: it forecast 11,650 for month 6, two thirds above the last month with
        // calls), low case 0.
        let f = forecast(&[5000, 6000, 7000, 0, 0], 2, None).unwrap();
        assert_eq!((f.growth, f.trailing_zero_months, f.level), (dec!(18.32), 2, 7000));
        assert_eq!(f.calls, compound(7000, dec!(18.32), 3)[1..]);
        assert_eq!(f.calls, [8_282, 9_800]);
        assert_eq!(f.calls_low, [0, 0]);
        assert!(f.calls_high.iter().zip(&f.calls).all(|(h, c)| h > c));
    }

    #[test]
    fn an_exact_ten_percent_history_forecasts_ten_percent_to_the_call() {
        // 10,000 × 1.1^k, rounded to whole calls, for a year.
        let history: Vec<u64> =
            [10000, 11000, 12100, 13310, 14641, 16105, 17716, 19487, 21436, 23579, 25937, 28531].to_vec();
        let f = forecast(&history, 3, None).unwrap();
        assert_eq!(f.fitted_growth, Some(dec!(10.00)));
        assert_eq!(f.growth, dec!(10.00));
        assert_eq!(f.level, 28531);
        // 28,531 × 1.1 = 31,384.1; × 1.21 = 34,522.51; × 1.331 = 37,974.761 (10,000 × 1.1^12..14
        // = 31,384.28, 34,522.71, 37,974.98: the same to the call).
        assert_eq!(f.calls, [31384, 34523, 37975]);
        // The rounded history strays from the fit by a few parts in a million: the range is a
        // call wide at most.
        assert_eq!(f.spread, dec!(0.0));
        for k in 0..3 {
            assert!(f.calls[k] - f.calls_low[k] <= 1 && f.calls_high[k] - f.calls[k] <= 1, "{f:?}");
        }
    }

    #[test]
    fn a_given_growth_is_used_and_the_range_widens_with_the_horizon() {
        let history = [9000, 11500, 10200, 12800, 11900, 13900];
        let fitted = forecast(&history, 6, None).unwrap();
        let f = forecast(&history, 6, Some(dec!(2))).unwrap();
        assert_eq!(f.growth, dec!(2));
        assert_eq!(f.level, fitted.level, "a typed growth goes on from the fitted level");
        assert_eq!(f.spread, fitted.spread);
        assert!(f.fitted_growth.is_some_and(|g| g > dec!(5)));
        let mut factor = Decimal::ONE;
        for k in 0..6 {
            factor *= dec!(1.02);
            assert_eq!(Decimal::from(f.calls[k]), (Decimal::from(f.level) * factor).round(), "month {}", k + 1);
        }
        let width: Vec<u64> = (0..6).map(|k| f.calls_high[k] - f.calls_low[k]).collect();
        assert!(width.windows(2).all(|w| w[1] > w[0]), "{width:?}");
        assert!(f.calls_low.iter().zip(&f.calls).all(|(l, c)| l < c));
    }

    #[test]
    fn months_without_calls_are_left_out_of_the_fit() {
        let f = forecast(&[0, 1000, 0, 1210], 1, None).unwrap();
        assert_eq!(f.months_fitted, 2);
        assert_eq!(f.fitted_growth, Some(dec!(10.00)));
        assert_eq!(f.calls, [1331]);
        let f = forecast(&[0, 0], 2, None).unwrap();
        assert_eq!(f.calls, [0, 0]);
        let f = forecast(&[5000], 2, None).unwrap();
        assert_eq!((f.fitted_growth, f.calls.clone()), (None, vec![5000, 5000]));
    }

    #[test]
    fn refuses_what_cannot_be_forecast() {
        assert_eq!(forecast(&[1], 0, None), Err(ForecastError::Horizon(0)));
        assert_eq!(forecast(&[1], 121, None), Err(ForecastError::Horizon(121)));
        assert_eq!(forecast(&[], 1, None), Err(ForecastError::NoHistory));
        assert_eq!(forecast(&[1], 1, Some(dec!(-100))), Err(ForecastError::Growth));
        assert_eq!(forecast(&[900_000_000_000], 120, Some(dec!(50))), Err(ForecastError::TooLarge { month: 1 }));
        // A flat history at 1,000 % a month passes the most calls a month within 120 months.
        assert!(matches!(forecast(&[1000; 120], 120, Some(dec!(1000))), Err(ForecastError::TooLarge { .. })));
        // A history falling off a cliff fits no less than −99.99 % a month (−100 % is no growth).
        let f = forecast(&[1_000_000_000, 1], 1, None).unwrap();
        assert_eq!(f.fitted_growth, Some(dec!(-99.99)));
        // A flat history with a typed growth starts from its own level, not the mean's.
        let f = forecast(&[1000; 24], 1, Some(dec!(5))).unwrap();
        assert_eq!(f.calls, [1050]);
    }
}
