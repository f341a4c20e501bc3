//! Money and counts as the page shows them, per language: `12,250.00 元` in Chinese,
//! `CNY 12,250.00` in English.

use rust_decimal::Decimal;

use crate::engine::Lang;
use crate::engine::money::{group_u64, plain, yuan};

/// An amount with the currency, or the "contact sales" words where there is none.
pub fn money(amount: Option<Decimal>, currency: &str, lang: Lang) -> String {
    match amount {
        Some(a) => amount_with_currency(a, currency, lang),
        None => lang.pick("需联系商务", "Ask sales").to_string(),
    }
}

/// `12,250.00 元` / `CNY 12,250.00` (other currencies: `12,250.00 USD` / `USD 12,250.00`).
pub fn amount_with_currency(a: Decimal, currency: &str, lang: Lang) -> String {
    match (lang, currency) {
        (Lang::Zh, "CNY") => format!("{} 元", yuan(a)),
        (Lang::Zh, c) => format!("{} {c}", yuan(a)),
        (Lang::En, c) => format!("{c} {}", yuan(a)),
    }
}

/// A unit price as printed in the documents: `0.85 元/次` / `CNY 0.85 per call`.
pub fn unit_price(price: Decimal, currency: &str, lang: Lang) -> String {
    match (lang, currency) {
        (Lang::Zh, "CNY") => format!("{} 元/次", plain(price)),
        (Lang::Zh, c) => format!("{} {c}/次", plain(price)),
        (Lang::En, c) => format!("{c} {} / call", plain(price)),
    }
}

/// The currency as a word in table headers: `元` for CNY in Chinese, else the ISO code.
pub fn currency_word(currency: &str, lang: Lang) -> &str {
    match (lang, currency) {
        (Lang::Zh, "CNY") => "元",
        (_, c) => c,
    }
}

/// A count of calls with separators: `15,000 次` / `15,000 calls`.
pub fn calls(n: u64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{} 次", group_u64(n)),
        Lang::En => format!("{} calls", group_u64(n)),
    }
}

/// A pack size the way the tables print it: `1万次` / `10,000`.
pub fn pack_size(calls: u64, lang: Lang) -> String {
    match lang {
        Lang::Zh if calls >= 10_000 && calls.is_multiple_of(10_000) => format!("{}万次", group_u64(calls / 10_000)),
        Lang::Zh => format!("{}次", group_u64(calls)),
        Lang::En => group_u64(calls),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn money_reads_naturally_in_each_language() {
        assert_eq!(money(Some(dec!(12250)), "CNY", Lang::Zh), "12,250.00 元");
        assert_eq!(money(Some(dec!(12250)), "CNY", Lang::En), "CNY 12,250.00");
        assert_eq!(money(None, "CNY", Lang::En), "Ask sales");
        assert_eq!(unit_price(dec!(0.85), "CNY", Lang::Zh), "0.85 元/次");
        assert_eq!(unit_price(dec!(0.85), "CNY", Lang::En), "CNY 0.85 / call");
        assert_eq!(calls(15000, Lang::Zh), "15,000 次");
        assert_eq!(pack_size(100_000, Lang::Zh), "10万次");
        assert_eq!(pack_size(1_000_000, Lang::Zh), "100万次");
        assert_eq!(pack_size(5_000, Lang::Zh), "5,000次");
        assert_eq!(pack_size(100_000, Lang::En), "100,000");
    }
}
