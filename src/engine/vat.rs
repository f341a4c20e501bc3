//! VAT (增值税) on an offer's prices, where the buyer states it: a comparison of vendors then
//! compares like with like. One vendor's page prints prices with VAT included, another's before
//! it (cross-border sheets mostly do), and 6 % is more than many offers differ by. The price
//! documents say nothing of VAT, so nothing here is assumed: an offer whose VAT is not stated is
//! taken at its prices as they are, and the page and the CLI say so.
//!
//! The comparison's basis says what is compared: what is paid, VAT included (the default; a
//! buyer who cannot reclaim VAT), or the amounts before VAT (a company that reclaims its input
//! VAT on a special invoice). Each offer's totals are turned to the basis by one factor, applied
//! with its exchange rate before the single rounding to the fen ([`Vat::factor`]).
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

    /// What turns an offer's amounts (at its prices) into amounts on `basis`: 1 where they are
    /// on it already or the VAT is not stated, `1 + p/100` to add VAT left out, `100 / (100 + p)`
    /// to take out VAT included.
    pub fn factor(vat: Option<Vat>, basis: VatBasis) -> Decimal {
        let Some(Vat { percent, included }) = vat else { return Decimal::ONE };
        let with = Decimal::ONE_HUNDRED + percent;
        match (basis, included) {
            (VatBasis::Paid, true) | (VatBasis::Net, false) => Decimal::ONE,
            (VatBasis::Paid, false) => with / Decimal::ONE_HUNDRED,
            (VatBasis::Net, true) => Decimal::ONE_HUNDRED / with,
        }
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
    /// `amount` (at the prices) split: VAT left out is `amount × p/100` rounded to the fen and
    /// added; VAT included is what is left after the amount before it, `amount × 100 / (100 + p)`
    /// rounded to the fen, is taken out (as an invoice splits 价税合计).
    pub fn split(self, amount: Decimal) -> VatSplit {
        let hundred = Decimal::ONE_HUNDRED;
        let (before_vat, with_vat) = if self.included {
            (round_yuan(amount * hundred / (hundred + self.percent)), amount)
        } else {
            (amount, amount + round_yuan(amount * self.percent / hundred))
        };
        VatSplit { percent: self.percent, included: self.included, before_vat, vat: with_vat - before_vat, with_vat }
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
    fn amounts_are_turned_to_the_basis_and_rounded_once() {
        let six = |included| Some(Vat { percent: dec!(6), included });
        // 11,250.00 before 6 % VAT: 11,925.00 paid.
        assert_eq!(round_yuan(dec!(11250) * Vat::factor(six(false), VatBasis::Paid)), dec!(11925.00));
        assert_eq!(Vat::factor(six(false), VatBasis::Net), Decimal::ONE);
        // 10,600.00 with 6 % included: 10,000.00 before it; 1,000.00 → 943.40 (1,000 / 1.06 =
        // 943.396…).
        assert_eq!(round_yuan(dec!(10600) * Vat::factor(six(true), VatBasis::Net)), dec!(10000.00));
        assert_eq!(round_yuan(dec!(1000) * Vat::factor(six(true), VatBasis::Net)), dec!(943.40));
        assert_eq!(Vat::factor(six(true), VatBasis::Paid), Decimal::ONE);
        assert_eq!(Vat::factor(None, VatBasis::Net), Decimal::ONE, "not stated: as printed");
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
