//! Why the plan is the cheapest, in words, in the quote's language.

use rust_decimal::Decimal;

use super::{Method, Proof, search};
use crate::engine::lang::Lang;
use crate::engine::money::amount_with_currency;
use crate::engine::quote::LineQuote;
use crate::engine::terms::Weights;

/// Why a range's plan is the one to buy; where it is not proven, how far above the optimum it can
/// be at most (its expected cost less the proven `lower_bound`), in money and in percent of it.
pub(super) fn explain_range(
    expected: Option<Decimal>,
    proof: Proof,
    lower_bound: Option<Decimal>,
    w: Weights,
    currency: &str,
    lang: Lang,
) -> String {
    let (lo, li, hi) = (w.low.normalize(), w.likely.normalize(), w.high.normalize());
    let money = |a: Decimal| amount_with_currency(a, currency, lang);
    let cost = expected.map_or_else(|| "—".into(), money);
    let gap = expected.zip(lower_bound).filter(|(e, lb)| !e.is_zero() && lb < e).map(|(e, lb)| {
        let percent = ((e - lb) / e * Decimal::ONE_HUNDRED).round_dp(2).normalize();
        // A gap that rounds to nothing is said to be under the least figure shown.
        let percent =
            if percent.is_zero() { lang.pick("不到 0.01", "under 0.01").to_string() } else { percent.to_string() };
        (money(lb), money(e - lb), percent)
    });
    // Within the gap at which the search stops (`search::close_enough`), it did not stop at its
    // limit, and the percentage would round to nothing.
    let close =
        expected.zip(lower_bound).is_some_and(|(e, lb)| lb < e && (e - lb) * Decimal::from(search::CLOSE_ENOUGH) <= e);
    if let (Proof::Stopped, true, Some((lb, d, _))) = (proof, close, &gap) {
        return match lang {
            Lang::Zh => format!(
                "按权重 {lo} / {li} / {hi} 的期望费用 {cost}：这是找到的最佳方案；任何方案的期望费用都不低于 {lb}，此方案最多比最优贵 {d}（不超过 0.01%），已足够接近，搜索到此为止。"
            ),
            Lang::En => format!(
                "Expected cost {cost} with weights {lo} / {li} / {hi}: this is the best plan found. No plan has an expected cost below {lb}, so it is at most {d} (at most 0.01 %) above the optimum, close enough for the search to stop there."
            ),
        };
    }
    match (proof, lang) {
        (Proof::Proven, Lang::Zh) => format!(
            "同一购买方案（事先决定）在低、预计、高三种用量下的加权期望费用（权重 {lo} / {li} / {hi}）最低：{cost}；已比较每个月的所有购买选择，没有方案的期望费用更低。"
        ),
        (Proof::Proven, Lang::En) => format!(
            "One plan, decided up front, with the least expected cost over the low, likely and high cases (weights {lo} / {li} / {hi}): {cost}. Every purchase choice in every month was compared; no plan has a lower expected cost."
        ),
        (Proof::Searching, Lang::Zh) => match gap {
            Some((lb, d, pct)) => format!(
                "按权重 {lo} / {li} / {hi} 的期望费用 {cost}：这是目前找到的最佳方案，仍在搜索更便宜的方案；任何方案的期望费用都不低于 {lb}，此方案最多比最优贵 {d}（{pct}%）。"
            ),
            None => {
                format!("按权重 {lo} / {li} / {hi} 的期望费用 {cost}：这是目前找到的最佳方案，仍在搜索更便宜的方案。")
            }
        },
        (Proof::Searching, Lang::En) => match gap {
            Some((lb, d, pct)) => format!(
                "Expected cost {cost} with weights {lo} / {li} / {hi}: the best plan found so far, while the search for a cheaper one runs. No plan has an expected cost below {lb}, so it is at most {d} ({pct} %) above the optimum."
            ),
            None => format!(
                "Expected cost {cost} with weights {lo} / {li} / {hi}: the best plan found so far, while the search for a cheaper one runs."
            ),
        },
        (Proof::Stopped, Lang::Zh) => match gap {
            Some((lb, d, pct)) => format!(
                "按权重 {lo} / {li} / {hi} 的期望费用 {cost}：组合太多，搜索在上限处停止，这是找到的最佳方案；任何方案的期望费用都不低于 {lb}，此方案最多比最优贵 {d}（{pct}%）。"
            ),
            None => format!(
                "按权重 {lo} / {li} / {hi} 的期望费用 {cost}：组合太多，搜索在上限处停止，这是找到的最佳方案，但未证明最优。"
            ),
        },
        (Proof::Stopped, Lang::En) => match gap {
            Some((lb, d, pct)) => format!(
                "Expected cost {cost} with weights {lo} / {li} / {hi}: the combinations are too many and the search stopped at its limit; this is the best plan found. No plan has an expected cost below {lb}, so it is at most {d} ({pct} %) above the optimum."
            ),
            None => format!(
                "Expected cost {cost} with weights {lo} / {li} / {hi}: the combinations are too many and the search stopped at its limit; this is the best plan found, not proven optimal."
            ),
        },
    }
}

pub(super) fn explain(
    q: &LineQuote,
    proof: Proof,
    method: Method,
    lower_bound: Option<Decimal>,
    currency: &str,
    lang: Lang,
) -> String {
    let money = |a: Decimal| amount_with_currency(a, currency, lang);
    let total = q.total.map(money);
    let how = match (method, lang) {
        (Method::CohortDp, Lang::Zh) => "已比较每个月购买任意规格、任意数量资源包的所有组合（含资源包过期）",
        (Method::CohortDp, Lang::En) => {
            "Every combination of sizes and counts in every month was compared, expiry included"
        }
        (Method::ChoiceSearch, Lang::Zh) => "没有资源包可买：已比较每个月用或不用、用哪个承诺套餐的所有选择",
        (Method::ChoiceSearch, Lang::En) => {
            "No pack is sold: every choice of commitment (or none) in every month was compared"
        }
        (_, Lang::Zh) => "已比较每个月的所有购买选择（含资源包过期）",
        (_, Lang::En) => "Every purchase choice in every month was compared, expiry included",
    };
    let gap = lower_bound.zip(q.total).map(|(lb, t)| (money(lb), money(t - lb)));
    match (proof, total, lang) {
        (Proof::Proven, Some(t), Lang::Zh) => format!("{how}：没有任何方案低于 {t}。"),
        (Proof::Proven, Some(t), Lang::En) => format!("{how}: no plan costs less than {t}."),
        (Proof::Proven, None, Lang::Zh) => format!("{how}；部分价格需联系商务，此方案需要报价的调用最少。"),
        (Proof::Proven, None, Lang::En) => format!(
            "{how}; part of the price must come from sales, and this plan needs the fewest calls priced by sales."
        ),
        (Proof::Searching, _, Lang::Zh) => match gap {
            Some((lb, d)) => {
                format!("这是目前找到的最便宜方案，正在寻找更便宜的方案或证明没有；任何方案都不低于 {lb}，此方案最多贵 {d}。")
            }
            None => "这是目前找到的最便宜方案，正在寻找更便宜的方案或证明没有。".to_string(),
        },
        (Proof::Searching, _, Lang::En) => match gap {
            Some((lb, d)) => format!(
                "This is the cheapest plan found so far, while the search looks for a cheaper one or proves there is none; no plan costs less than {lb}, so it is at most {d} above the optimum."
            ),
            None => "This is the cheapest plan found so far, while the search looks for a cheaper one or proves there is none.".to_string(),
        },
        (Proof::Stopped, _, Lang::Zh) => match gap {
            Some((lb, d)) => {
                let why = match method {
                    Method::ChoiceSearch => "搜索在步数上限处停止",
                    _ => "阶梯价格的断点使证明未能完成（搜索有步数和内存上限）",
                };
                format!("{why}：这是找到的最便宜方案；任何方案都不低于 {lb}，此方案最多贵 {d}。")
            }
            None => "搜索在上限处停止：这是找到的最便宜方案，但未证明最优。".to_string(),
        },
        (Proof::Stopped, _, Lang::En) => match gap {
            Some((lb, d)) => {
                let why = match method {
                    Method::ChoiceSearch => "The search stopped at its step limit",
                    _ => "A tier's price cliff kept the proof from closing (the search has a step and a memory budget)",
                };
                format!(
                    "{why}: this is the cheapest plan found; no plan costs less than {lb}, so it is at most {d} above the optimum."
                )
            }
            None => "The search stopped at its limit: this is the cheapest plan found, not proven optimal.".to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// A plan within 10⁻⁴ of the bound says how close it is and why the search stopped there; one
    /// further away says that the search stopped at its limit, and by how much it may miss.
    #[test]
    fn a_plan_within_the_bar_says_so_and_one_beyond_it_says_the_search_stopped_at_its_limit() {
        let w = Weights::default();
        let close = explain_range(Some(dec!(763139.10)), Proof::Stopped, Some(dec!(763133.10)), w, "元", Lang::En);
        assert!(close.contains("at most 元 6.00 (at most 0.01 %) above the optimum, close enough"), "{close}");
        assert!(!close.contains("limit"), "{close}");
        let zh = explain_range(Some(dec!(763139.10)), Proof::Stopped, Some(dec!(763133.10)), w, "元", Lang::Zh);
        assert!(zh.contains("不超过 0.01%") && !zh.contains("上限"), "{zh}");
        let far = explain_range(Some(dec!(1000)), Proof::Stopped, Some(dec!(900)), w, "元", Lang::En);
        assert!(far.contains("stopped at its limit") && far.contains("(10 %)"), "{far}");
        // Just past the bar: 0.0101 % of the plan.
        let past = explain_range(Some(dec!(100000)), Proof::Stopped, Some(dec!(99989.9)), w, "元", Lang::En);
        assert!(past.contains("stopped at its limit") && past.contains("(0.01 %)"), "{past}");
    }

    /// A first plan, sent while the search runs, says so and how far it may be from the optimum
    /// as far as known; never that the search stopped, nor (within the bar) that it is over.
    #[test]
    fn a_first_plan_says_the_search_still_runs() {
        let w = Weights::default();
        let en = explain_range(Some(dec!(1000)), Proof::Searching, Some(dec!(900)), w, "元", Lang::En);
        assert!(en.contains("found so far, while the search") && en.contains("at most 元 100.00 (10 %)"), "{en}");
        assert!(!en.contains("limit"), "{en}");
        let close = explain_range(Some(dec!(763139.10)), Proof::Searching, Some(dec!(763133.10)), w, "元", Lang::Zh);
        assert!(close.contains("仍在搜索") && !close.contains("上限") && !close.contains("到此为止"), "{close}");
        // A gap that rounds to 0 % says it is under 0.01 %.
        assert!(close.contains("（不到 0.01%）"), "{close}");
        let en = explain_range(Some(dec!(763139.10)), Proof::Searching, Some(dec!(763133.10)), w, "元", Lang::En);
        assert!(en.contains("(under 0.01 %)") && !en.contains("(0 %)"), "{en}");
    }
}
