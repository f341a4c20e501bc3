//! VAT (增值税) on an offer's prices, where the buyer states it: a comparison of vendors then
//! compares like with like. One vendor's page prints prices with VAT included, another's before
//! it (cross-border sheets mostly do), and 6 % is more than many offers differ by. The price
//! documents say nothing of VAT, so nothing here is assumed: an offer whose VAT is not stated is
//! taken at its prices as they are (the page says so under the ranking; in the JSON an offer
//! without `vat` is one).
//!
//! The comparison's basis says what is compared: what is paid, VAT included (the default; a
//! buyer who cannot reclaim VAT), or the amounts before VAT (a company that reclaims its input
//! VAT on a special invoice). Each offer's totals are turned to the basis with its exchange rate,
//! rounded to the fen once ([`Conversion`]).
//!
//! In a comparison's document: `"vat_basis": "paid" | "net"` and, on an offer,
//! `"vat": {"percent": "6", "included": true}`. An estimate may state it for its own list's
//! prices (`"vat"` beside `"discount"`): its quote then splits the total into the amount before
//! VAT, the VAT and the amount with it ([`Vat::split`]). Run its tests: `cargo test --lib vat`.

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use super::doc_rule::DocRule;
use super::json::{self, Res};
use super::money::round_yuan;
use super::path::Path;
use super::terms::read_percent;

/// The VAT an offer's prices include or leave out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Vat {
    /// The rate in percent (6 for 6 %), 0 to 100.
    pub percent: Decimal,
    /// Whether the offer's prices include it (true) or it comes on top of them (false).
    pub included: bool,
}

/// What a comparison compares: amounts with VAT (paid) or before it (net).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VatBasis {
    #[default]
    Paid,
    Net,
}

impl VatBasis {
    /// The words of the document, in order.
    pub const WORDS: [&'static str; 2] = ["paid", "net"];

    pub fn word(self) -> &'static str {
        match self {
            VatBasis::Paid => "paid",
            VatBasis::Net => "net",
        }
    }

    /// Reads `"paid"` or `"net"`.
    pub fn read(v: &Value, path: &Path) -> Res<VatBasis> {
        Ok(match json::one_of(v, path, &VatBasis::WORDS)? {
            "net" => VatBasis::Net,
            _ => VatBasis::Paid,
        })
    }
}

impl Vat {
    /// Reads `{"percent": "6", "included": true}` (both required: a VAT whose side is guessed
    /// would move every figure by its rate).
    pub fn read(v: &Value, path: &Path) -> Res<Vat> {
        let map =
            json::object(v, path, "a VAT like {\"percent\": \"6\", \"included\": true}", &["percent", "included"])?;
        let percent = read_percent(json::required(map, path, "percent")?, &path.key("percent"), DocRule::VatRange)?;
        let included = json::boolean(json::required(map, path, "included")?, &path.key("included"))?;
        Ok(Vat { percent, included })
    }

    /// The rate `percent` in place of `was`'s, on `was`'s side (left out where there was none):
    /// what a VAT rate's field does as it is typed.
    pub fn retyped(was: Option<Vat>, percent: Decimal) -> Vat {
        Vat { percent, included: was.is_some_and(|v| v.included) }
    }

    /// `was` put on a side (`None`: not stated), keeping its rate; a VAT first stated is at 6 %,
    /// the rate of most services in China: what the VAT's select does.
    pub fn sided(was: Option<Vat>, included: Option<bool>) -> Option<Vat> {
        let percent = was.map_or(Decimal::from(6), |v| v.percent);
        included.map(|included| Vat { percent, included })
    }
}

/// How an amount at an offer's prices becomes an amount in the comparison's currency on its VAT
/// basis: times the exchange rate and `with / of`, the VAT's ratio (1 where the amounts are on
/// the basis already or the VAT is not stated, `(100 + p) / 100` to add VAT left out,
/// `100 / (100 + p)` to take out VAT included), divided last and rounded to the fen once. The one
/// rule of turning an amount across VAT: [`Vat::split`] is it at a rate of 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Conversion {
    rate: Decimal,
    with: Decimal,
    of: Decimal,
}

impl Conversion {
    pub fn new(rate: Decimal, vat: Option<Vat>, basis: VatBasis) -> Conversion {
        let (with, of) = match vat {
            None => (Decimal::ONE, Decimal::ONE),
            Some(Vat { percent, included }) => {
                let gross = Decimal::ONE_HUNDRED + percent;
                match (basis, included) {
                    (VatBasis::Paid, true) | (VatBasis::Net, false) => (Decimal::ONE, Decimal::ONE),
                    (VatBasis::Paid, false) => (gross, Decimal::ONE_HUNDRED),
                    (VatBasis::Net, true) => (Decimal::ONE_HUNDRED, gross),
                }
            }
        };
        Conversion { rate, with, of }
    }

    /// `amount` converted, rounded to the fen (`None` past what a decimal holds).
    pub fn apply(&self, amount: Decimal) -> Option<Decimal> {
        amount.checked_mul(self.rate)?.checked_mul(self.with)?.checked_div(self.of).map(round_yuan)
    }

    /// The parts of a whole (its months) converted so that they add up to the whole converted:
    /// each the running sum converted less the parts before (USD 0.05 three times at 7.10: 0.36,
    /// 0.35, 0.36 = 1.07, the conversion of 0.15, not 3 × 0.36). Where a part is `None` (a price
    /// from sales), each is converted on its own.
    pub fn apply_parts(&self, parts: &[Option<Decimal>]) -> Vec<Option<Decimal>> {
        if parts.iter().any(Option::is_none) {
            return parts.iter().map(|p| p.and_then(|p| self.apply(p))).collect();
        }
        let (mut sum, mut before) = (Decimal::ZERO, Decimal::ZERO);
        parts
            .iter()
            .map(|p| {
                sum = sum.checked_add((*p)?)?;
                let now = self.apply(sum)?;
                let part = now.checked_sub(before)?;
                before = now;
                Some(part)
            })
            .collect()
    }
}

/// A total split by its VAT: before it, the VAT, with it (to the fen; before + VAT = with).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct VatSplit {
    pub percent: Decimal,
    /// Whether the prices included it (the total is then `with_vat`) or left it out (`before_vat`).
    pub included: bool,
    pub before_vat: Decimal,
    pub vat: Decimal,
    pub with_vat: Decimal,
}

impl Vat {
    /// `amount` (at the prices, to the fen) split as an invoice splits 价税合计: VAT left out is
    /// added (`amount × (100 + p) / 100` to the fen); VAT included is what is left after the
    /// amount before it (`amount × 100 / (100 + p)` to the fen). The same [`Conversion`] as a
    /// comparison's, at a rate of 1, so an estimate and a comparison started from it agree.
    pub fn split(self, amount: Decimal) -> VatSplit {
        let on = |basis| Conversion::new(Decimal::ONE, Some(self), basis).apply(amount).unwrap_or(amount);
        let (before_vat, with_vat) =
            if self.included { (on(VatBasis::Net), amount) } else { (amount, on(VatBasis::Paid)) };
        VatSplit { percent: self.percent, included: self.included, before_vat, vat: with_vat - before_vat, with_vat }
    }

    /// The parts of a total (its months) on the other side of the VAT ([`Vat::other_side`]):
    /// running sums, so that they add up to the total's own (0.10 three times with 6 % left
    /// out: 0.11, 0.10, 0.11 = 0.32, the total's 0.318 to the fen, not 3 × 0.11). A part without
    /// a price (`None`) makes each part turned on its own.
    pub fn other_side_parts(self, parts: &[Option<Decimal>]) -> Vec<Option<Decimal>> {
        let basis = if self.included { VatBasis::Net } else { VatBasis::Paid };
        Conversion::new(Decimal::ONE, Some(self), basis).apply_parts(parts)
    }

    /// [`Vat::other_side_parts`] where every part has a price (a month table's column of the
    /// other side); `None` where one waits for a price, so no month is turned alone.
    pub fn other_side_months(self, parts: &[Option<Decimal>]) -> Option<Vec<Decimal>> {
        if parts.iter().any(Option::is_none) {
            return None;
        }
        self.other_side_parts(parts).into_iter().collect()
    }

    /// The side of the split the prices are not on: with VAT where they leave it out, before it
    /// where they include it; with its words (`含税` / `with VAT`, `不含税` / `before VAT`).
    pub fn other_side(split: &VatSplit) -> (Decimal, bool) {
        if split.included { (split.before_vat, false) } else { (split.with_vat, true) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;
    use serde_json::json;

    fn at() -> Path {
        Path::root().key("vendors").at(1).key("vat")
    }

    #[test]
    fn a_vat_is_read_with_its_side_and_said_where_it_is_wrong() {
        let v = Vat::read(&json!({"percent": "6", "included": true}), &at()).unwrap();
        assert_eq!(v, Vat { percent: dec!(6), included: true });
        let e = |v: Value| Vat::read(&v, &at()).unwrap_err().to_string();
        assert!(e(json!({"percent": "6"})).contains("included"), "the side is not guessed");
        assert!(e(json!({"percent": "106", "included": false})).contains("vendors[1].vat.percent"));
        assert!(e(json!({"percent": "6", "included": "yes"})).contains("vendors[1].vat.included"));
        assert!(e(json!({"percent": "6", "included": true, "rate": 6})).contains("rate"));
        assert_eq!(VatBasis::read(&json!("net"), &at()).unwrap(), VatBasis::Net);
        assert!(VatBasis::read(&json!("gross"), &at()).is_err());
    }

    #[test]
    fn months_on_the_other_side_of_the_vat_add_up_to_the_totals() {
        let months = [Some(dec!(0.10)); 3];
        let left_out = Vat { percent: dec!(6), included: false };
        // 0.106 → 0.11; 0.212 → 0.21 less 0.11; 0.318 → 0.32 less 0.21.
        assert_eq!(left_out.other_side_parts(&months), [Some(dec!(0.11)), Some(dec!(0.10)), Some(dec!(0.11))]);
        assert_eq!(Vat::other_side(&left_out.split(dec!(0.30))), (dec!(0.32), true));
        // Included: 12,250 a month at 6 %, 11,556.60 before VAT (12,250 × 100 / 106 =
        // 11,556.603…), then 23,113.21 − 11,556.60 = 11,556.61, then 34,669.81 − 23,113.21.
        let included = Vat { percent: dec!(6), included: true };
        let year = included.other_side_parts(&[Some(dec!(12250)); 3]);
        assert_eq!(year, [Some(dec!(11556.60)), Some(dec!(11556.61)), Some(dec!(11556.60))]);
        assert_eq!(included.split(dec!(36750)).before_vat, dec!(34669.81));
        // A month without a price: each on its own.
        assert_eq!(left_out.other_side_parts(&[Some(dec!(0.10)), None]), [Some(dec!(0.11)), None]);
    }

    #[test]
    fn a_wholes_parts_converted_add_up_to_the_whole_converted() {
        let usd = Conversion::new(dec!(7.10), None, VatBasis::Paid);
        let parts = [Some(dec!(0.05)); 3];
        // 0.355 each: rounded apart 0.36 × 3 = 1.08; the whole, 0.15 × 7.10 = 1.065 → 1.07.
        assert_eq!(usd.apply_parts(&parts), [Some(dec!(0.36)), Some(dec!(0.35)), Some(dec!(0.36))]);
        assert_eq!(usd.apply(dec!(0.15)), Some(dec!(1.07)));
        // Plus 6 % VAT: 100 and 50 → 106.00 and 53.00.
        let vat = Conversion::new(Decimal::ONE, Some(Vat { percent: dec!(6), included: false }), VatBasis::Paid);
        assert_eq!(vat.apply_parts(&[Some(dec!(100)), Some(dec!(50))]), [Some(dec!(106.00)), Some(dec!(53.00))]);
        // A part waiting for a price: the others converted on their own.
        assert_eq!(usd.apply_parts(&[Some(dec!(0.05)), None]), [Some(dec!(0.36)), None]);
    }

    #[test]
    fn amounts_are_turned_to_the_basis_and_rounded_once() {
        let six = |included| Some(Vat { percent: dec!(6), included });
        let at = |vat, basis, amount| Conversion::new(Decimal::ONE, vat, basis).apply(amount).unwrap();
        // 11,250.00 before 6 % VAT: 11,925.00 paid.
        assert_eq!(at(six(false), VatBasis::Paid, dec!(11250)), dec!(11925.00));
        assert_eq!(at(six(false), VatBasis::Net, dec!(11250)), dec!(11250));
        // 10,600.00 with 6 % included: 10,000.00 before it; 1,000.00 → 943.40 (1,000 / 1.06 =
        // 943.396…).
        assert_eq!(at(six(true), VatBasis::Net, dec!(10600)), dec!(10000.00));
        assert_eq!(at(six(true), VatBasis::Net, dec!(1000)), dec!(943.40));
        assert_eq!(at(six(true), VatBasis::Paid, dec!(1000)), dec!(1000));
        assert_eq!(at(None, VatBasis::Net, dec!(1000)), dec!(1000), "not stated: as printed");
        // A half fen exactly (3.25 with 4 % included: 3.125) rounds alike in a comparison and in
        // an estimate's split: divided last, not by a ratio cut at 28 digits.
        let four = Vat { percent: dec!(4), included: true };
        assert_eq!(at(Some(four), VatBasis::Net, dec!(3.25)), dec!(3.13));
        assert_eq!(four.split(dec!(3.25)).before_vat, dec!(3.13));
        // USD 325.50 at 7.10 plus 6 %: 2,311.05 × 1.06 = 2,449.713 → 2,449.71.
        let usd = Conversion::new(dec!(7.10), six(false), VatBasis::Paid);
        assert_eq!(usd.apply(dec!(325.50)), Some(dec!(2449.71)));
    }

    #[test]
    fn a_field_changes_one_side_of_a_vat_and_keeps_the_other() {
        let nine = Vat { percent: dec!(9), included: true };
        assert_eq!(Vat::retyped(Some(nine), dec!(13)), Vat { percent: dec!(13), included: true });
        assert_eq!(Vat::retyped(None, dec!(13)), Vat { percent: dec!(13), included: false });
        assert_eq!(Vat::sided(Some(nine), Some(false)), Some(Vat { percent: dec!(9), included: false }));
        assert_eq!(Vat::sided(None, Some(true)), Some(Vat { percent: dec!(6), included: true }), "6 % first");
        assert_eq!(Vat::sided(Some(nine), None), None);
    }

    #[test]
    fn a_total_is_split_as_an_invoice_splits_it() {
        // 12,250.00 before 6 %: 735.00 VAT, 12,985.00 with it.
        let on_top = Vat { percent: dec!(6), included: false }.split(dec!(12250));
        assert_eq!((on_top.before_vat, on_top.vat, on_top.with_vat), (dec!(12250), dec!(735.00), dec!(12985.00)));
        // 12,250.00 with 6 % included: 12,250 / 1.06 = 11,556.603… → 11,556.60, VAT 693.40.
        let within = Vat { percent: dec!(6), included: true }.split(dec!(12250));
        assert_eq!((within.before_vat, within.vat, within.with_vat), (dec!(11556.60), dec!(693.40), dec!(12250)));
    }
}
