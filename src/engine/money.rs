//! Money and count formatting: rounding to the fen, numbers written the way the price
//! documents write them (`15,000`, `0.85`, `12,250`), and amounts in the price list's currency
//! (`12,250.00 元` in Chinese, `CNY 12,250.00` in English; `6.00 USD` / `USD 6.00`).
//!
//! Money is `rust_decimal::Decimal` everywhere; nothing here touches a float.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::engine::lang::Lang;

/// An amount with the list's currency: `12,250.00 元` / `CNY 12,250.00` (other currencies:
/// `12,250.00 USD` / `USD 12,250.00`). Every text the engine and the page write uses it.
pub fn amount_with_currency(a: Decimal, currency: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{} {}", yuan(a), currency_word(currency, lang)),
        Lang::En => format!("{currency} {}", yuan(a)),
    }
}

/// A price per call or per block of `unit` calls, as written in the documents: `0.85 元/次`,
/// `2 USD/1,000次` / `CNY 0.85 per call`, `USD 2 per 1,000 calls`.
pub fn unit_price(price: Decimal, unit: u64, currency: &str, lang: Lang) -> String {
    prices_per(&plain(price), unit, currency, lang)
}

/// Prices already written (`0.7 / 0.5`) with the currency and the unit they are per:
/// `0.7 / 0.5 元/次` / `CNY 0.7 / 0.5 per call`.
pub fn prices_per(prices: &str, unit: u64, currency: &str, lang: Lang) -> String {
    let cur = currency_word(currency, lang);
    match (lang, unit) {
        (Lang::Zh, 1) => format!("{prices} {cur}/次"),
        (Lang::Zh, u) => format!("{prices} {cur}/{}次", group_u64(u)),
        (Lang::En, 1) => format!("{cur} {prices} per call"),
        (Lang::En, u) => format!("{cur} {prices} per {} calls", group_u64(u)),
    }
}

/// A currency code as written on a sheet, as its ISO 4217 code: `RMB`, the yuan's everyday
/// name, is `CNY` (a sheet in RMB compares with the built-in list at no exchange rate); any other
/// code as it is.
pub fn iso_currency(code: &str) -> &str {
    if code == "RMB" { "CNY" } else { code }
}

/// The currency as a word in table headers and after a formula: `元` for CNY in Chinese, else
/// the list's ISO code.
pub fn currency_word(currency: &str, lang: Lang) -> &str {
    match (lang, currency) {
        (Lang::Zh, "CNY") => "元",
        (_, c) => c,
    }
}

/// Rounds an amount to 0.01 元, half away from zero (四舍五入), and fixes its scale at 2 so it
/// prints as `12250.00`. The engine calls this once, at the end of a line.
pub fn round_yuan(amount: Decimal) -> Decimal {
    to_fen(amount, RoundingStrategy::MidpointAwayFromZero)
}

/// A lower bound in 元 to the fen, rounded down so that it stays a bound (`12.349` → `12.34`).
pub fn floor_yuan(amount: Decimal) -> Decimal {
    to_fen(amount, RoundingStrategy::ToNegativeInfinity)
}

/// `amount` rounded to 0.01 by `strategy`, its scale fixed at 2.
fn to_fen(amount: Decimal, strategy: RoundingStrategy) -> Decimal {
    let mut r = amount.round_dp_with_strategy(2, strategy);
    r.rescale(2);
    r
}

/// An amount with at least two decimals (`8000` → `8000.00`, `0.125` stays `0.125`): how pack
/// prices appear in a quote, without rounding away anything a custom price list wrote.
pub fn cents(amount: Decimal) -> Decimal {
    let mut d = amount.normalize();
    if d.scale() < 2 {
        d.rescale(2);
    }
    d
}

/// A pack size the way the tables print it: `1万次` / `10,000`.
pub fn pack_size(calls: u64, lang: Lang) -> String {
    match lang {
        Lang::Zh if calls >= 10_000 && calls.is_multiple_of(10_000) => format!("{}万次", group_u64(calls / 10_000)),
        Lang::Zh => format!("{}次", group_u64(calls)),
        Lang::En => group_u64(calls),
    }
}

/// Groups the digits of a count in threes: `15000` → `15,000`.
pub fn group_u64(n: u64) -> String {
    group_digits(&n.to_string())
}

/// A count of calls with separators: `15,000 次` / `15,000 calls`, `1 call`.
pub fn calls(n: u64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{} 次", group_u64(n)),
        Lang::En if n == 1 => "1 call".to_string(),
        Lang::En => format!("{} calls", group_u64(n)),
    }
}

/// Writes a decimal as the documents do: grouped integer part, no trailing zeros
/// (`12250.00` → `12,250`, `0.850` → `0.85`, `1234.5` → `1,234.5`).
pub fn plain(d: Decimal) -> String {
    grouped(d.normalize())
}

/// [`plain`] with two decimals at least, for a column of prices that must line up: `1.00`
/// over `0.5004`, `0.60` (never fewer decimals than the amount has).
pub fn plain_2(d: Decimal) -> String {
    let mut d = d.normalize();
    if d.scale() < 2 {
        d.rescale(2);
    }
    grouped(d)
}

/// Writes an amount with exactly two decimals and grouped digits: `12250` → `12,250.00`.
pub fn yuan(d: Decimal) -> String {
    grouped(round_yuan(d))
}

/// Writes an amount for a formula: whole amounts without decimals (`12,250`), others with two
/// (`1,234.50`), as in the documents' worked examples.
pub fn yuan_short(d: Decimal) -> String {
    let r = round_yuan(d);
    if r.fract().is_zero() { plain(r) } else { grouped(r) }
}

fn grouped(d: Decimal) -> String {
    let s = d.to_string();
    let (sign, s) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s.as_str()),
    };
    match s.split_once('.') {
        Some((int, frac)) => format!("{sign}{}.{frac}", group_digits(int)),
        None => format!("{sign}{}", group_digits(s)),
    }
}

fn group_digits(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn a_bound_rounds_down_to_the_fen_where_an_amount_rounds_half_up() {
        // 12,249.995 is a bound: 12,250.00 would claim more than it knows.
        assert_eq!(floor_yuan(dec!(12249.995)).to_string(), "12249.99");
        assert_eq!(round_yuan(dec!(12249.995)).to_string(), "12250.00");
        assert_eq!(floor_yuan(dec!(12250)).to_string(), "12250.00");
        assert_eq!(floor_yuan(dec!(0.009)).to_string(), "0.00");
    }

    #[test]
    fn prices_in_a_column_have_two_decimals_at_least() {
        assert_eq!(
            [dec!(1), dec!(0.5004), dec!(0.60), dec!(1234.5)].map(plain_2),
            ["1.00", "0.5004", "0.60", "1,234.50"]
        );
    }

    #[test]
    fn amounts_and_prices_carry_the_lists_currency() {
        assert_eq!(amount_with_currency(dec!(12250), "CNY", Lang::Zh), "12,250.00 元");
        assert_eq!(amount_with_currency(dec!(12250), "CNY", Lang::En), "CNY 12,250.00");
        assert_eq!(amount_with_currency(dec!(6), "USD", Lang::Zh), "6.00 USD");
        assert_eq!(amount_with_currency(dec!(6), "USD", Lang::En), "USD 6.00");
        assert_eq!(unit_price(dec!(0.85), 1, "CNY", Lang::Zh), "0.85 元/次");
        assert_eq!(unit_price(dec!(0.85), 1, "CNY", Lang::En), "CNY 0.85 per call");
        assert_eq!(unit_price(dec!(2.00), 1000, "USD", Lang::Zh), "2 USD/1,000次");
        assert_eq!(unit_price(dec!(2.00), 1000, "USD", Lang::En), "USD 2 per 1,000 calls");
    }

    #[test]
    fn rounds_half_away_from_zero_to_the_fen() {
        assert_eq!(round_yuan(dec!(0.005)).to_string(), "0.01");
        assert_eq!(round_yuan(dec!(0.004999)).to_string(), "0.00");
        assert_eq!(round_yuan(dec!(2.675)).to_string(), "2.68");
        assert_eq!(round_yuan(dec!(-2.675)).to_string(), "-2.68");
        assert_eq!(round_yuan(dec!(12250)).to_string(), "12250.00");
        assert_eq!(cents(dec!(8000)).to_string(), "8000.00");
        assert_eq!(cents(dec!(0.125)).to_string(), "0.125");
    }

    #[test]
    fn groups_like_the_documents() {
        assert_eq!(group_u64(0), "0");
        assert_eq!(group_u64(999), "999");
        assert_eq!(group_u64(1000), "1,000");
        assert_eq!(group_u64(15000), "15,000");
        assert_eq!(group_u64(1_000_000), "1,000,000");
        assert_eq!(group_u64(u64::MAX), "18,446,744,073,709,551,615");
        assert_eq!(plain(dec!(0.850)), "0.85");
        assert_eq!(plain(dec!(12250.00)), "12,250");
        assert_eq!(plain(dec!(1234.5)), "1,234.5");
        assert_eq!(plain(dec!(-1234.5)), "-1,234.5");
        assert_eq!(yuan(dec!(12250)), "12,250.00");
        assert_eq!(yuan(dec!(0.125)), "0.13");
        assert_eq!(yuan_short(dec!(12250.00)), "12,250");
        assert_eq!(yuan_short(dec!(1234.5)), "1,234.50");
    }
}
