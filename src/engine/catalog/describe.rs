//! A service's format-2 terms in words, in the list's currency: the unit its prices are per,
//! its free quota, its monthly minimum and its commitments. The CLI's `--list`, the note on a
//! built-in service a custom list overrides and the page's line all say them this way.

use super::{Commitment, PartialUnit, Postpaid, Service};
use crate::engine::lang::Lang;
use crate::engine::money::{amount_with_currency, group_u64, unit_price};

/// Each format-2 term of `service`, one phrase each, in order: unit, free quota, minimum,
/// commitments. Empty for a format-1 service.
pub fn terms(service: &Service, currency: &str, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if let Postpaid::Tiers(t) = &service.postpaid
        && t.unit > 1
    {
        let u = group_u64(t.unit);
        out.push(match (lang, t.partial_unit) {
            (Lang::Zh, PartialUnit::Prorate) => format!("按每 {u} 次计价，不足部分按比例计"),
            (Lang::Zh, PartialUnit::RoundUp) => format!("按每 {u} 次计价，不足 {u} 次按 {u} 次计"),
            (Lang::En, PartialUnit::Prorate) => format!("priced per {u} calls, a part of {u} pro rata"),
            (Lang::En, PartialUnit::RoundUp) => format!("priced per {u} calls, a started {u} charged whole"),
        });
    }
    if let Some(q) = &service.free_quota {
        let n = group_u64(q.calls);
        out.push(match (lang, q.months) {
            (Lang::Zh, None) => format!("每月免费 {n} 次（当月有效）"),
            (Lang::Zh, Some(m)) => format!("前 {m} 个月每月免费 {n} 次（当月有效）"),
            (Lang::En, None) => format!("{n} free calls every month (not carried over)"),
            (Lang::En, Some(m)) => format!("{n} free calls a month in the first {m} months (not carried over)"),
        });
    }
    if let Some(m) = service.minimum {
        let m = amount_with_currency(m, currency, lang);
        out.push(match lang {
            Lang::Zh => format!("每月最低消费 {m}"),
            Lang::En => format!("a monthly minimum of {m}"),
        });
    }
    out.extend(service.commitments.iter().map(|c| commitment(c, currency, lang)));
    out
}

/// `commitment Growth: USD 800.00 a month for 1,000,000 calls, then USD 1 per 1,000 calls`.
pub fn commitment(c: &Commitment, currency: &str, lang: Lang) -> String {
    let fee = amount_with_currency(c.monthly_fee, currency, lang);
    let calls = group_u64(c.calls);
    let name = c.name.get(lang);
    // What calls beyond it pay, as the sentence's tail.
    let beyond = match (&c.overage, lang) {
        (Some(Postpaid::Tiers(t)), _) if t.tiers.len() == 1 && t.tiers[0].flat_fee.is_none() => {
            match t.tiers[0].price {
                Some(p) => unit_price(p, t.unit, currency, lang),
                None => lang.pick("价格需联系商务", "a price from sales").to_string(),
            }
        }
        (None, Lang::Zh) => "按后付费阶梯价".to_string(),
        (None, Lang::En) => "the postpaid tiers".to_string(),
        (Some(Postpaid::Tiers(_)), _) => lang.pick("按其自有阶梯价", "its own tiers").to_string(),
        (Some(Postpaid::Unpriced { .. }), _) => lang.pick("价格需联系商务", "a price from sales").to_string(),
        (Some(Postpaid::NotOffered), _) => lang.pick("不提供", "none").to_string(),
    };
    match lang {
        Lang::Zh => format!("承诺套餐「{name}」：每月 {fee} 含 {calls} 次，超出部分：{beyond}"),
        Lang::En => format!("commitment “{name}”: {fee} a month for {calls} calls, then {beyond}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::catalog::parse_price_list;

    #[test]
    fn each_term_is_one_phrase_in_the_lists_currency() {
        let list = parse_price_list(
            r#"{"format":2,"currency":"USD","services":[{"id":"s","name":"S",
                "postpaid":{"unit":1000,"partial_unit":"round_up","tiers":[{"price":"1.20"}]},
                "free_quota":{"calls":1000,"months":3},"minimum":{"monthly":"100"},
                "commitments":[{"id":"m1","name":"1M","monthly_fee":"800","calls":1000000,
                    "overage":{"unit":1000,"tiers":[{"price":"1.00"}]}},
                    {"id":"m2","name":"2M","monthly_fee":"1500","calls":2000000}]}]}"#,
        )
        .unwrap();
        let s = &list.services[0];
        assert_eq!(
            terms(s, &list.currency, Lang::En),
            [
                "priced per 1,000 calls, a started 1,000 charged whole",
                "1,000 free calls a month in the first 3 months (not carried over)",
                "a monthly minimum of USD 100.00",
                "commitment “1M”: USD 800.00 a month for 1,000,000 calls, then USD 1 per 1,000 calls",
                "commitment “2M”: USD 1,500.00 a month for 2,000,000 calls, then the postpaid tiers",
            ]
        );
        assert_eq!(
            terms(s, &list.currency, Lang::Zh)[3],
            "承诺套餐「1M」：每月 800.00 USD 含 1,000,000 次，超出部分：1 USD/1,000次"
        );
        assert!(terms(&crate::engine::catalog::builtin().services[0], "CNY", Lang::En).is_empty());
        // An overage from sales; `null` is no overage table (the postpaid tiers).
        let list = parse_price_list(
            r#"{"format":2,"currency":"USD","services":[{"id":"s","name":"S","postpaid":{"tiers":[{"price":"1"}]},
                "commitments":[{"id":"a","name":"A","monthly_fee":"1","calls":1,"overage":{"tiers":[{"contact_sales":true}]}},
                    {"id":"b","name":"B","monthly_fee":"1","calls":1,"overage":null}]}]}"#,
        )
        .unwrap();
        let words = terms(&list.services[0], "USD", Lang::En);
        assert!(words[0].ends_with("then a price from sales"), "{words:?}");
        assert!(words[1].ends_with("then the postpaid tiers"), "{words:?}");
    }
}
