//! A buyer's own terms beside the price list: a discount from sales (商务折扣) and the weights of
//! the low, likely and high cases of an uncertain volume. Read from estimate JSON here, with the
//! path of any problem. The rules they bring are written here once: which discount a line gets
//! ([`Discount::for_line`]), what it takes off packs and postpaid ([`Factors`]), and the expected
//! cost of the cases ([`Weights::expected`]); the quote, the optimizer, the page model and the
//! components all call them.
//!
//! ```json
//! {"discount": {"percent": "10", "applies_to": "all"},
//!  "scenario_weights": {"low": "0.25", "likely": "0.5", "high": "0.25"}}
//! ```

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use super::doc_rule::DocRule;
use super::json::{self, PriceError, Res, rule};
use super::money::round_yuan;
use super::path::Path;

/// The most decimal places of a discount's percentage or a weight: what keeps the optimizer's
/// exact integer money within range.
pub const MAX_DECIMALS: u32 = 4;

/// A percentage off the list, on all of a line's charges or on one kind of them. Applied to the
/// line's exact sum before its single rounding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Discount {
    /// 0 to 100.
    pub percent: Decimal,
    pub applies_to: DiscountScope,
}

/// What a discount applies to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscountScope {
    /// Packs and postpaid.
    #[default]
    All,
    Postpaid,
    Packs,
}

impl DiscountScope {
    pub const WORDS: [&'static str; 3] = ["all", "postpaid", "packs"];

    pub fn word(self) -> &'static str {
        match self {
            DiscountScope::All => "all",
            DiscountScope::Postpaid => "postpaid",
            DiscountScope::Packs => "packs",
        }
    }

    pub fn from_word(w: &str) -> Option<DiscountScope> {
        match w {
            "all" => Some(DiscountScope::All),
            "postpaid" => Some(DiscountScope::Postpaid),
            "packs" => Some(DiscountScope::Packs),
            _ => None,
        }
    }
}

impl Discount {
    /// `percent` off in place of `was` (`None`: no discount), on what `was` applied to (on
    /// everything where there was none): what a discount's field does as it is typed.
    pub fn retyped(was: Option<Discount>, percent: Option<Decimal>) -> Option<Discount> {
        let applies_to = was.map_or(DiscountScope::All, |d| d.applies_to);
        percent.map(|percent| Discount { percent, applies_to })
    }

    /// The discount a line gets: its own, else the estimate's.
    pub fn for_line(own: Option<Discount>, estimate: Option<Discount>) -> Option<Discount> {
        own.or(estimate)
    }

    /// What is paid of the list price: `1 − percent / 100` (0.9 for 10 %).
    pub fn factor(&self) -> Decimal {
        (Decimal::ONE_HUNDRED - self.percent) / Decimal::ONE_HUNDRED
    }

    /// Reads `{"percent": "15", "applies_to": "all"}`.
    pub fn read(v: &Value, path: &Path) -> Res<Discount> {
        let map = json::object(v, path, "a discount like {\"percent\": \"15\"}", &["percent", "applies_to"])?;
        let percent =
            read_percent(json::required(map, path, "percent")?, &path.key("percent"), DocRule::DiscountRange)?;
        let applies_to = match json::optional(map, "applies_to") {
            None => DiscountScope::All,
            Some(w) => DiscountScope::from_word(json::one_of(w, &path.key("applies_to"), &DiscountScope::WORDS)?)
                .unwrap_or_default(),
        };
        Ok(Discount { percent, applies_to })
    }
}

/// A percentage from 0 to 100 with at most [`MAX_DECIMALS`] decimal places, written as a string
/// (`"15"`) or a number; `range` is the rule broken outside 0–100 (a discount's, a VAT rate's).
pub fn read_percent(v: &Value, at: &Path, range: fn(String) -> DocRule) -> Res<Decimal> {
    let percent = match v {
        Value::String(s) => json::price_text(s).map_err(|(kind, _)| {
            rule(
                at,
                match kind {
                    PriceError::Negative | PriceError::TooLarge => range(s.trim().to_string()),
                    PriceError::NotAPrice => DocRule::NotPercentage(s.clone()),
                    PriceError::TooPrecise => DocRule::Decimals(s.trim().to_string()),
                },
            )
        })?,
        other => json::price(other, at)?,
    };
    if percent > Decimal::ONE_HUNDRED {
        return Err(rule(at, range(percent.to_string())));
    }
    if percent.normalize().scale() > MAX_DECIMALS {
        return Err(rule(at, DocRule::Decimals(percent.to_string())));
    }
    Ok(percent.normalize())
}

/// What is paid of list prices after a discount: on packs and on postpaid charges (1 where the
/// discount does not apply, or there is none). A line's charges of each kind are scaled by their
/// factor before the line's single rounding; the optimizer scales each price by it, which is the
/// same, exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Factors {
    pub packs: Decimal,
    pub postpaid: Decimal,
}

impl Factors {
    pub fn of(discount: Option<&Discount>) -> Factors {
        let Some(d) = discount else { return Factors { packs: Decimal::ONE, postpaid: Decimal::ONE } };
        let f = d.factor();
        Factors {
            packs: if d.applies_to == DiscountScope::Postpaid { Decimal::ONE } else { f },
            postpaid: if d.applies_to == DiscountScope::Packs { Decimal::ONE } else { f },
        }
    }

    /// `packs × their factor + postpaid × its factor`, exactly; `None` past `Decimal`'s range.
    pub fn apply(&self, packs: Decimal, postpaid: Decimal) -> Option<Decimal> {
        packs.checked_mul(self.packs)?.checked_add(postpaid.checked_mul(self.postpaid)?)
    }
}

/// One case of an uncertain volume.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Case {
    Low,
    Likely,
    High,
}

impl Case {
    pub const ALL: [Case; 3] = [Case::Low, Case::Likely, Case::High];

    pub fn word(self) -> &'static str {
        match self {
            Case::Low => "low",
            Case::Likely => "likely",
            Case::High => "high",
        }
    }
}

/// How much each case counts in the expected cost; they add up to exactly 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Weights {
    pub low: Decimal,
    pub likely: Decimal,
    pub high: Decimal,
}

impl Default for Weights {
    /// 0.25 / 0.5 / 0.25.
    fn default() -> Weights {
        Weights { low: Decimal::new(25, 2), likely: Decimal::new(5, 1), high: Decimal::new(25, 2) }
    }
}

/// A total in each case of an uncertain volume (`null` where a price must come from sales).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct CaseTotals {
    pub low: Option<Decimal>,
    pub likely: Option<Decimal>,
    pub high: Option<Decimal>,
}

impl CaseTotals {
    pub fn get(&self, case: Case) -> Option<Decimal> {
        match case {
            Case::Low => self.low,
            Case::Likely => self.likely,
            Case::High => self.high,
        }
    }
}

impl Weights {
    /// The weighted sum of the cases' totals, to the fen: what a plan is expected to cost.
    /// `None` where a case needs a price from sales (or past `Decimal`'s range).
    pub fn expected(&self, totals: &CaseTotals) -> Option<Decimal> {
        let mut sum = Decimal::ZERO;
        for c in Case::ALL {
            sum = sum.checked_add(totals.get(c)?.checked_mul(self.get(c))?)?;
        }
        Some(round_yuan(sum))
    }

    pub fn get(&self, case: Case) -> Decimal {
        match case {
            Case::Low => self.low,
            Case::Likely => self.likely,
            Case::High => self.high,
        }
    }

    /// Reads `{"low": "0.25", "likely": "0.5", "high": "0.25"}`: each from 0 to 1, summing to 1.
    pub fn read(v: &Value, path: &Path) -> Res<Weights> {
        let map = json::object(
            v,
            path,
            "weights like {\"low\": \"0.25\", \"likely\": \"0.5\", \"high\": \"0.25\"}",
            &["low", "likely", "high"],
        )?;
        let mut w = [Decimal::ZERO; 3];
        for (slot, case) in w.iter_mut().zip(Case::ALL) {
            let at = path.key(case.word());
            let d = json::price(json::required(map, path, case.word())?, &at)?;
            if d > Decimal::ONE {
                return Err(rule(&at, DocRule::WeightRange(d)));
            }
            if d.normalize().scale() > MAX_DECIMALS {
                return Err(rule(&at, DocRule::Decimals(d.to_string())));
            }
            *slot = d.normalize();
        }
        Weights::new(w[0], w[1], w[2]).map_err(|sum| rule(path, DocRule::WeightsSum(sum)))
    }

    /// The cases' weights, where they add up to exactly 1; else what they add up to.
    pub fn new(low: Decimal, likely: Decimal, high: Decimal) -> Result<Weights, Decimal> {
        let sum = low + likely + high;
        if sum != Decimal::ONE {
            return Err(sum.normalize());
        }
        Ok(Weights { low, likely, high })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;
    use serde_json::json;

    fn at() -> Path {
        Path::root().key("discount")
    }

    #[test]
    fn a_discount_reads_with_its_default_scope_and_factor() {
        let d = Discount::read(&json!({"percent": "15"}), &at()).unwrap();
        assert_eq!((d.percent, d.applies_to, d.factor()), (dec!(15), DiscountScope::All, dec!(0.85)));
        let d = Discount::read(&json!({"percent": "10", "applies_to": "packs"}), &at()).unwrap();
        assert_eq!(Factors::of(Some(&d)), Factors { packs: dec!(0.9), postpaid: dec!(1) });
        let d = Discount::read(&json!({"percent": "12.5", "applies_to": "postpaid"}), &at()).unwrap();
        assert_eq!(Factors::of(Some(&d)), Factors { packs: dec!(1), postpaid: dec!(0.875) });
        // 8,000 of packs and 4,250 of postpaid, the postpaid at 87.5 %: 8,000 + 3,718.75.
        assert_eq!(Factors::of(Some(&d)).apply(dec!(8000), dec!(4250)), Some(dec!(11718.75)));
        assert_eq!(Factors::of(None).apply(dec!(8000), dec!(4250)), Some(dec!(12250)));
    }

    #[test]
    fn a_lines_own_discount_wins_over_the_estimates() {
        let ten = Discount { percent: dec!(10), applies_to: DiscountScope::All };
        let five = Discount { percent: dec!(5), applies_to: DiscountScope::Packs };
        assert_eq!(Discount::for_line(Some(five), Some(ten)), Some(five));
        assert_eq!(Discount::for_line(None, Some(ten)), Some(ten));
        assert_eq!(Discount::for_line(None, None), None);
    }

    #[test]
    fn the_expected_cost_weighs_each_case_and_rounds_once() {
        let totals = CaseTotals { low: Some(dec!(100.01)), likely: Some(dec!(200)), high: Some(dec!(400)) };
        // 0.25 × 100.01 + 0.5 × 200 + 0.25 × 400 = 225.0025 → 225.00
        assert_eq!(Weights::default().expected(&totals), Some(dec!(225.00)));
        let w = Weights { low: dec!(0.1), likely: dec!(0.3), high: dec!(0.6) };
        // 10.001 + 60 + 240 = 310.001 → 310.00
        assert_eq!(w.expected(&totals), Some(dec!(310.00)));
        assert_eq!(w.expected(&CaseTotals { high: None, ..totals }), None);
    }

    #[test]
    fn a_discount_outside_0_to_100_is_refused_with_its_path() {
        let e = |v: Value| Discount::read(&v, &at()).unwrap_err().to_string();
        assert_eq!(e(json!({"percent": "150"})), "discount.percent: a discount is from 0 to 100 percent, not 150");
        assert_eq!(e(json!({"percent": "-5"})), "discount.percent: a discount is from 0 to 100 percent, not -5");
        assert_eq!(
            e(json!({"percent": "ten"})),
            "discount.percent: \"ten\" is not a percentage: write digits, like \"15\" or \"7.5\""
        );
        assert_eq!(
            e(json!({"percent": "10", "applies_to": "tax"})),
            "discount.applies_to: \"tax\" is not one of \"all\", \"postpaid\", \"packs\""
        );
    }

    #[test]
    fn weights_must_add_up_to_one() {
        let p = Path::root().key("scenario_weights");
        let w = Weights::read(&json!({"low": "0.2", "likely": "0.6", "high": "0.2"}), &p).unwrap();
        assert_eq!(w.get(Case::Likely), dec!(0.6));
        assert_eq!(
            Weights::read(&json!({"low": "0.2", "likely": "0.5", "high": "0.2"}), &p).unwrap_err().to_string(),
            "scenario_weights: the weights add up to 0.9; they must add up to exactly 1"
        );
        assert_eq!(
            Weights::read(&json!({"low": "2", "likely": "0", "high": "0"}), &p).unwrap_err().to_string(),
            "scenario_weights.low: a weight is from 0 to 1, not 2"
        );
        assert_eq!(
            Weights::read(&json!({"low": "0.12345", "likely": "0.5", "high": "0.37655"}), &p).unwrap_err().to_string(),
            "scenario_weights.low: 0.12345: at most 4 decimal places"
        );
        assert_eq!(
            Discount::read(&json!({"percent": "12.34567"}), &at()).unwrap_err().to_string(),
            "discount.percent: 12.34567: at most 4 decimal places"
        );
        assert_eq!(Weights::default().low + Weights::default().likely + Weights::default().high, dec!(1));
    }
}
