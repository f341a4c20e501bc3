//! An estimate's and a comparison's own rules, broken: a discount, the cases' weights, a
//! commitment or a service a line names, and a comparison's currencies, rates and offers — as
//! data, so that the page says them in its language (`app::format::doc_rule`). `Display` is the
//! English, which the CLI and the JS API print. Run its tests: `cargo test --lib doc_rule`.

use std::fmt;

use rust_decimal::Decimal;

use super::budget::MAX_BUDGET_LINES;
use super::error::{EstimateError, in_messages};
use super::examples::EXAMPLES;
use super::lang::Text;
use super::limits::MAX_TEXT_CHARS;
use super::offers::{MAX_OFFERS, MIN_OFFERS};
use super::terms::MAX_DECIMALS;

/// A rule of an estimate or a comparison, broken (the field's place is the error's path).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocRule {
    /// A discount outside 0–100 percent (as written).
    DiscountRange(String),
    /// A VAT rate outside 0–100 percent (as written).
    VatRange(String),
    /// A discount that is not a number (as written).
    NotPercentage(String),
    /// A percentage or a weight with more than [`MAX_DECIMALS`] decimal places (as written).
    Decimals(String),
    /// A case's weight above 1.
    WeightRange(Decimal),
    /// The cases' weights, adding up to other than 1.
    WeightsSum(Decimal),
    /// A rate written as a JSON number: one `code` in `currency`.
    RateAsNumber { rate: String, code: String, currency: String },
    /// A rate that is not a decimal above 0: one `code` in `currency`.
    NotRate { code: String, currency: String },
    /// A rate other than 1 for the comparison's own currency.
    OwnRate(String),
    /// Two rates for one currency, under two names (`RMB` and `CNY`).
    TwoRates(String),
    /// A comparison of fewer than [`MIN_OFFERS`] or more than [`MAX_OFFERS`] offers.
    Offers(usize),
    /// A budget's line of no offers or more than [`MAX_OFFERS`].
    LineOffers(usize),
    /// A budget of no lines or more than [`MAX_BUDGET_LINES`].
    BudgetLines(usize),
    /// An offer's name longer than [`MAX_TEXT_CHARS`].
    NameTooLong,
    /// An offer with both an example sheet and a price list.
    ExampleAndList,
    /// No example sheet has this key.
    NoExample(String),
    /// Not a currency code of three capital letters.
    NotCurrency(String),
    /// Offer `vendor` (from 0, named `name`) prices in `code`, and the comparison (in
    /// `currency`) has no rate for it.
    RateMissing { vendor: usize, name: String, code: String, currency: String },
    /// No rate for the currency an offer prices in.
    NoRate(String),
    /// A commitment the line's service does not offer (`offered`: the ones it does).
    NoCommitment { service: Text, id: String, offered: Vec<String> },
    /// Free or held calls lasting `months`, past the `validity` of the service's packs (calls
    /// held from a pack bought before month 1 have at most its validity left).
    FreePastValidity { months: u32, validity: u32 },
    /// Free or held calls lasting 0 months.
    FreeMonthsZero,
    /// A line whose service name is blank.
    NoService,
    /// A negotiated price for every call, and no negotiated price.
    AllCallsWithoutPrice,
    /// A problem of planning the offer `name`.
    OfOffer { name: String, problem: Box<EstimateError> },
}

impl fmt::Display for DocRule {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let wanted = |code: &str, currency: &str| format!("one {code} in {currency}, as an exact decimal in a string");
        match self {
            DocRule::DiscountRange(s) => write!(f, "a discount is from 0 to 100 percent, not {s}"),
            DocRule::VatRange(s) => write!(f, "a VAT rate is from 0 to 100 percent, not {s}"),
            DocRule::NotPercentage(s) => {
                write!(f, "\"{s}\" is not a percentage: write digits, like \"15\" or \"7.5\"")
            }
            DocRule::Decimals(s) => write!(f, "{s}: at most {MAX_DECIMALS} decimal places"),
            DocRule::WeightRange(d) => write!(f, "a weight is from 0 to 1, not {d}"),
            DocRule::WeightsSum(d) => write!(f, "the weights add up to {d}; they must add up to exactly 1"),
            DocRule::RateAsNumber { rate, code, currency } => write!(
                f,
                "write the rate as a string so nothing is lost to rounding: \"{rate}\", not {rate} ({})",
                wanted(code, currency)
            ),
            DocRule::NotRate { code, currency } => write!(f, "a rate is a decimal above 0: {}", wanted(code, currency)),
            DocRule::OwnRate(code) => write!(f, "{code} is the comparison's own currency: its rate is 1"),
            DocRule::TwoRates(code) => write!(f, "{code} is given two different rates (RMB is CNY): give one"),
            DocRule::Offers(n) => write!(f, "{n} offers; compare {MIN_OFFERS} to {MAX_OFFERS}"),
            DocRule::NameTooLong => write!(f, "a name of at most {MAX_TEXT_CHARS} characters"),
            DocRule::LineOffers(n) => write!(f, "{n} offers; a budget's line has 1 to {MAX_OFFERS}"),
            DocRule::BudgetLines(n) => write!(f, "{n} lines; a budget compares 1 to {MAX_BUDGET_LINES}"),
            DocRule::ExampleAndList => f.write_str("give either an example or a price_list"),
            DocRule::NoExample(key) => {
                let keys: Vec<&str> = EXAMPLES.iter().map(|e| e.key).collect();
                write!(f, "no example sheet \"{key}\"; the sheets: {}", keys.join(", "))
            }
            DocRule::NotCurrency(code) => write!(f, "\"{code}\" is not a currency code like \"CNY\" or \"USD\""),
            DocRule::RateMissing { vendor, name, code, currency } => write!(
                f,
                "vendors[{vendor}] (\"{name}\") prices in {code}: give what one {code} is in {currency}, as \"rates\": {{\"{code}\": \"…\"}} (an exact decimal in a string; nothing is fetched)"
            ),
            DocRule::NoRate(code) => write!(f, "no rate for {code}"),
            DocRule::NoCommitment { service, id, offered } if offered.is_empty() => {
                write!(f, "{} has no commitments, so none called \"{id}\"", in_messages(service))
            }
            DocRule::NoCommitment { service, id, offered } => write!(
                f,
                "{} has no commitment \"{id}\"; its commitments: {}",
                in_messages(service),
                offered.join(", ")
            ),
            DocRule::FreePastValidity { months, validity } => write!(
                f,
                "{months} months is past the packs' validity of {validity} months: calls held in a pack last at most {validity} months from month 1"
            ),
            DocRule::FreeMonthsZero => f.write_str("calls held last at least 1 month (month 1), not 0"),
            DocRule::NoService => f.write_str("name a service, like \"活体人脸核身\""),
            DocRule::AllCallsWithoutPrice => {
                f.write_str("a negotiated price for every call needs the price: give \"negotiated_price\" too")
            }
            DocRule::OfOffer { name, problem } => write!(f, "\"{name}\": {}", problem.message()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_each_rule_with_its_figures() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(DocRule::DiscountRange("120".into()).to_string(), "a discount is from 0 to 100 percent, not 120");
        assert_eq!(DocRule::Decimals("7.12345".into()).to_string(), "7.12345: at most 4 decimal places");
        assert_eq!(
            DocRule::WeightsSum(d("0.9")).to_string(),
            "the weights add up to 0.9; they must add up to exactly 1"
        );
        assert_eq!(DocRule::Offers(7).to_string(), "7 offers; compare 2 to 6");
        let service = Text { zh: "活体人脸核身".into(), en: "Liveness face verification".into() };
        let none = DocRule::NoCommitment { service: service.clone(), id: "x".into(), offered: vec![] };
        assert_eq!(
            none.to_string(),
            "Liveness face verification (活体人脸核身) has no commitments, so none called \"x\""
        );
        let some = DocRule::NoCommitment { service, id: "x".into(), offered: vec!["a".into(), "b".into()] };
        assert_eq!(
            some.to_string(),
            "Liveness face verification (活体人脸核身) has no commitment \"x\"; its commitments: a, b"
        );
    }
}
