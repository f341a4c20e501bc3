//! A service's format-2 terms in words, in the list's currency: the unit its prices are per,
//! its free quota, its monthly minimum and its commitments. The CLI's `--list`, the note on a
//! built-in service a custom list overrides and the page's line all say them this way.

use super::{Catalog, Commitment, PartialUnit, Postpaid, Service, TierMode};
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

/// What `service` of `list` charges, in words, one phrase each: its postpaid tiers (how they
/// count and each tier's range and price), its packs (calls, price, validity), then its
/// [`terms`]. A sheet typed from a vendor's quote is read back so in a comparison's notes, where
/// the buyer's reader (and a printout) can check the figures against the quote.
pub fn prices(service: &Service, list: &Catalog, lang: Lang) -> Vec<String> {
    let currency = list.currency.as_str();
    let mut out = Vec::new();
    match &service.postpaid {
        Postpaid::Tiers(t) => {
            // One price for every call: no range to say.
            let one = t.tiers.len() == 1 && t.tiers[0].up_to.is_none();
            let tiers: Vec<String> = t
                .range_labels()
                .into_iter()
                .zip(&t.tiers)
                .map(|(range, tier)| {
                    let price = match tier.price {
                        Some(p) => unit_price(p, t.unit, currency, lang),
                        None => lang.pick("联系商务", "contact sales").to_string(),
                    };
                    let fee = tier.flat_fee.map(|f| match lang {
                        Lang::Zh => format!("，另收 {}", amount_with_currency(f, currency, lang)),
                        Lang::En => format!(", plus {}", amount_with_currency(f, currency, lang)),
                    });
                    let fee = fee.unwrap_or_default();
                    if one { format!("{price}{fee}") } else { format!("{range}{}{price}{fee}", lang.pick("：", ": ")) }
                })
                .collect();
            let how = match (t.mode, t.tiers.len() > 1, lang) {
                (_, false, Lang::Zh) => "后付费",
                (_, false, Lang::En) => "postpaid",
                (TierMode::Reached, true, Lang::Zh) => "后付费，阶梯到达（达到的档位价格适用于当月全部调用）",
                (TierMode::Reached, true, Lang::En) => "postpaid, tier reached (it prices all the month's calls)",
                (TierMode::Graduated, true, Lang::Zh) => "后付费，分段累进（每档只计本档内的调用）",
                (TierMode::Graduated, true, Lang::En) => "postpaid, graduated (each tier its own calls)",
            };
            out.push(format!("{how}{}{}", lang.pick("：", ": "), tiers.join(lang.pick("；", "; "))));
        }
        Postpaid::Unpriced { .. } => out.push(lang.pick("后付费：需联系商务", "postpaid: priced by sales").into()),
        Postpaid::NotOffered => out.push(lang.pick("不提供后付费", "no postpaid").into()),
    }
    if let Some(p) = list.packs_of(service) {
        let sizes: Vec<String> = p
            .offered()
            .map(|(z, price)| {
                let (calls, price) = (group_u64(z.calls), amount_with_currency(price, currency, lang));
                match lang {
                    Lang::Zh => format!("{calls} 次 {price}"),
                    Lang::En => format!("{calls} calls for {price}"),
                }
            })
            .collect();
        let months = p.validity_months;
        out.push(match lang {
            Lang::Zh => format!("资源包（有效 {months} 个月）：{}", sizes.join("；")),
            Lang::En => format!("packs (valid {months} months): {}", sizes.join("; ")),
        });
    }
    out.extend(terms(service, currency, lang));
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
    fn a_services_prices_read_back_as_typed() {
        let list = parse_price_list(
            r#"{"format":1,"currency":"CNY","pack_products":[{"id":"p","name":"P","validity_months":12,
                "sizes":[{"calls":100000,"price":"45000"}]}],
                "services":[{"id":"c","name":"C","packs":"p","postpaid":{"mode":"graduated","tiers":[
                {"up_to":50000,"up_to_included":true,"price":"0.60"},{"up_to":200000,"up_to_included":true,"price":"0.50"},
                {"price":"0.42"}]}}]}"#,
        )
        .unwrap();
        assert_eq!(
            prices(&list.services[0], &list, Lang::En),
            [
                "postpaid, graduated (each tier its own calls): 0 < x ≤ 50,000: CNY 0.6 per call; \
                 50,000 < x ≤ 200,000: CNY 0.5 per call; x > 200,000: CNY 0.42 per call",
                "packs (valid 12 months): 100,000 calls for CNY 45,000.00",
            ]
        );
        assert_eq!(prices(&list.services[0], &list, Lang::Zh)[1], "资源包（有效 12 个月）：100,000 次 45,000.00 元");
    }

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
