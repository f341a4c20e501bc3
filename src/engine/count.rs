//! Reading whole numbers (calls, months, pack counts) and prices from JSON with messages a person
//! can act on: `must be a whole number ≥ 0, not -5` rather than serde's `invalid value`.
//!
//! JSON numbers with a fraction or an exponent arrive as floats; they are only inspected to say
//! what is wrong with them and never become a count or an amount.

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;
use std::str::FromStr;

use super::limits;
use super::money::group_u64;

/// A whole number from 0 to `max`, as a `u64`.
pub fn whole<'de, D: Deserializer<'de>>(d: D, max: u64) -> Result<u64, D::Error> {
    d.deserialize_any(WholeVisitor { max })
}

/// A JSON whole number of calls in one month (0 to 10^12).
pub fn calls<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    whole(d, limits::MAX_CALLS_PER_MONTH)
}

/// A list of monthly call counts, each checked with [`calls`] so the error names its index.
pub fn calls_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u64>, D::Error> {
    struct Calls(u64);
    impl<'de> serde::Deserialize<'de> for Calls {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            calls(d).map(Calls)
        }
    }
    let v: Vec<Calls> = serde::Deserialize::deserialize(d)?;
    Ok(v.into_iter().map(|c| c.0).collect())
}

/// A pack or free allowance size in calls (0 to 10^12).
pub fn pack_calls<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    whole(d, limits::MAX_PACK_CALLS)
}

/// An optional pack or tier size in calls.
pub fn opt_pack_calls<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    struct Opt;
    impl<'de> Visitor<'de> for Opt {
        type Value = Option<u64>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a whole number of calls or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            pack_calls(d).map(Some)
        }
    }
    d.deserialize_option(Opt)
}

/// How many packs of one size (1 to 10^6; 0 is allowed and buys nothing).
pub fn pack_count<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    whole(d, limits::MAX_PACK_COUNT)
}

/// A month number, 1-based (1 to the most months a line may span).
pub fn month<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let m = whole(d, limits::MAX_MONTHS as u64)?;
    if m == 0 {
        return Err(de::Error::custom("months count from 1 (month 1 is the first month), not 0"));
    }
    Ok(m as u32)
}

struct WholeVisitor {
    max: u64,
}

impl WholeVisitor {
    fn too_large<E: de::Error>(&self, shown: &str) -> E {
        E::custom(format!("{shown} is too large: the most allowed is {}", group_u64(self.max)))
    }
}

impl<'de> Visitor<'de> for WholeVisitor {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a whole number from 0 to {}", group_u64(self.max))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
        if v > self.max {
            return Err(self.too_large(&group_u64(v)));
        }
        Ok(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
        if v < 0 {
            return Err(E::custom(format!("must be a whole number ≥ 0, not {v}")));
        }
        self.visit_u64(v as u64)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u64, E> {
        // Only classifies the mistake; the float never becomes a count.
        if !v.is_finite() || v.abs() >= 1e15 {
            if v < 0.0 {
                return Err(E::custom(format!("must be a whole number ≥ 0, not {v}")));
            }
            return Err(self.too_large(&format!("{v}")));
        }
        if v.fract() != 0.0 {
            return Err(E::custom(format!("must be a whole number, not {v}")));
        }
        if v < 0.0 {
            return Err(E::custom(format!("must be a whole number ≥ 0, not {v}")));
        }
        Err(E::custom(format!("write {v} as a whole number without a decimal point or exponent")))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<u64, E> {
        Err(E::custom(format!("must be a number, not the text {v:?}")))
    }
}

/// Parses a price written as a decimal string (`"0.85"`, `"8000"`), the way price lists store
/// money so nothing is lost to floating point. Returns a message fit to follow a field path.
pub fn parse_price(s: &str) -> Result<Decimal, String> {
    let t = s.trim();
    let valid_chars = !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        && !t.starts_with('.')
        && !t.ends_with('.');
    let d = if valid_chars { Decimal::from_str(t).ok() } else { None };
    let Some(d) = d else {
        return Err(format!("{s:?} is not a price: write digits with an optional decimal point, like \"0.85\""));
    };
    if d.is_sign_negative() && !d.is_zero() {
        return Err(format!("price {s} is negative; prices must be ≥ 0"));
    }
    if d > Decimal::from(limits::MAX_PRICE_YUAN) {
        return Err(format!("price {s} is too large: the most allowed is {}", group_u64(limits::MAX_PRICE_YUAN)));
    }
    if d.normalize().scale() > limits::MAX_PRICE_DECIMALS {
        return Err(format!("price {s} has more than {} decimal places", limits::MAX_PRICE_DECIMALS));
    }
    Ok(d.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[derive(serde::Deserialize, Debug)]
    struct Probe {
        #[serde(deserialize_with = "calls_list")]
        calls: Vec<u64>,
    }

    fn err(json: &str) -> String {
        let de = &mut serde_json::Deserializer::from_str(json);
        let e = serde_path_to_error::deserialize::<_, Probe>(de).unwrap_err();
        format!("{}: {}", e.path(), e.inner())
    }

    #[test]
    fn accepts_whole_numbers_up_to_the_limit() {
        let p: Probe = serde_json::from_str(r#"{"calls":[0,15000,1000000000000]}"#).unwrap();
        assert_eq!(p.calls, vec![0, 15000, 1_000_000_000_000]);
    }

    #[test]
    fn names_the_index_and_the_problem() {
        assert!(err(r#"{"calls":[1,2,-5]}"#).starts_with("calls[2]: must be a whole number ≥ 0, not -5"));
        assert!(err(r#"{"calls":[1.5]}"#).starts_with("calls[0]: must be a whole number, not 1.5"));
        assert!(err(r#"{"calls":[1e30]}"#).starts_with("calls[0]: 1000000000000000000000000000000 is too large"));
        assert!(
            err(r#"{"calls":[1000000000001]}"#)
                .starts_with("calls[0]: 1,000,000,000,001 is too large: the most allowed is 1,000,000,000,000")
        );
        assert!(err(r#"{"calls":[99999999999999999999999]}"#).contains("too large"));
        assert!(err(r#"{"calls":["abc"]}"#).starts_with("calls[0]: must be a number, not the text \"abc\""));
        assert!(err(r#"{"calls":[15000.0]}"#).contains("without a decimal point"));
        assert!(err(r#"{"calls":[null]}"#).starts_with("calls[0]: invalid type: null"));
    }

    #[test]
    fn prices_are_exact_decimal_strings() {
        assert_eq!(parse_price("0.85"), Ok(dec!(0.85)));
        assert_eq!(parse_price(" 8000 "), Ok(dec!(8000)));
        assert_eq!(parse_price("1.50"), Ok(dec!(1.5)));
        assert!(parse_price("-1").unwrap_err().contains("negative"));
        assert!(parse_price("abc").unwrap_err().contains("not a price"));
        assert!(parse_price("1e3").unwrap_err().contains("not a price"));
        assert!(parse_price("").unwrap_err().contains("not a price"));
        assert!(parse_price(".5").unwrap_err().contains("not a price"));
        assert!(parse_price("1000000000001").unwrap_err().contains("too large"));
        assert!(parse_price("0.000000001").unwrap_err().contains("decimal places"));
        assert!(parse_price("99999999999999999999999999999999").is_err());
    }
}
