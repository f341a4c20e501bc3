//! Money and counts as the page shows them, per language: `12,250.00 元` in Chinese,
//! `CNY 12,250.00` in English.

use rust_decimal::Decimal;

use crate::engine::Lang;
use crate::engine::money::{self, group_u64};
pub use crate::engine::money::{amount_with_currency, currency_word};

/// An amount with the currency, or the "contact sales" words where there is none.
pub fn money(amount: Option<Decimal>, currency: &str, lang: Lang) -> String {
    match amount {
        Some(a) => amount_with_currency(a, currency, lang),
        None => ask_sales(lang).to_string(),
    }
}

/// An amount without its currency (for a column whose header names it), or the "contact
/// sales" words where there is none.
pub fn amount(amount: Option<Decimal>, lang: Lang) -> String {
    amount.map_or_else(|| ask_sales(lang).to_string(), crate::engine::money::yuan)
}

/// What stands where an amount needs a price from sales.
fn ask_sales(lang: Lang) -> &'static str {
    missing(Some(crate::engine::explain::Missing::ContactSales), lang)
}

/// What stands where an amount has no price, by why: a tier of 联系商务 ("需联系商务"), a
/// service priced on request ("需询价"), or one the documents list no price for ("未列价格");
/// for a reason not known, the first.
pub fn missing(why: Option<crate::engine::explain::Missing>, lang: Lang) -> &'static str {
    use crate::engine::explain::Missing;
    match why.unwrap_or(Missing::ContactSales) {
        Missing::ContactSales => lang.pick("需联系商务", "Ask sales"),
        Missing::OnRequest => lang.pick("需询价", "Price on request"),
        Missing::NotListed => lang.pick("未列价格", "Price not listed"),
    }
}

/// A case of an uncertain volume by name: 低 / 预计 / 高, Low / Likely / High.
pub fn case_name(case: crate::engine::terms::Case, lang: Lang) -> &'static str {
    let t = super::text::texts(lang);
    match case {
        crate::engine::terms::Case::Low => t.case_low,
        crate::engine::terms::Case::Likely => t.case_likely,
        crate::engine::terms::Case::High => t.case_high,
    }
}

/// An amount that waits for a price elsewhere: what has one, and why the rest has none
/// (`11,250.00 + 未列价格`); the one way every panel, table and export writes it.
pub fn waiting(priced: &str, why: Option<crate::engine::explain::Missing>, lang: Lang) -> String {
    format!("{priced} + {}", missing(why, lang))
}

/// [`money`] where there is an amount; where it waits for a price, what has one (`part`) and why
/// the rest waits ("14,800.00 元 + 需询价"), or only why where nothing has one ([`case_figure`]).
pub fn money_or_part(
    amount: Option<Decimal>,
    part: Option<Decimal>,
    why: Option<crate::engine::explain::Missing>,
    currency: &str,
    lang: Lang,
) -> String {
    case_figure(amount, part, why, |d| amount_with_currency(d, currency, lang), lang)
}

/// A case's figure ([`figure_why`]): a case has no total only for want of a price, so where no
/// line gives a reason (`why` is the likely case's), a low or high case past the postpaid table's
/// last tier asks sales.
pub fn case_figure(
    d: Option<Decimal>,
    part: Option<Decimal>,
    why: Option<crate::engine::explain::Missing>,
    money: impl Fn(Decimal) -> String,
    lang: Lang,
) -> String {
    figure_why(d, part, why.or(Some(crate::engine::explain::Missing::ContactSales)), money, lang)
}

/// A figure as written, with its reason (a line's): `money` of it; where it waits for a price,
/// what has one (`part`) and why the rest waits (`30,750.00 元 + 未列价格`), or only why; nothing
/// where the figure is missing for another reason (`why` is `None`: a plan that could not be
/// made). The one rule for the total, the range's sides and the scenarios compared
/// ([`compare::figure`](super::compare::figure) is a scenario's).
pub fn figure_why(
    d: Option<Decimal>,
    part: Option<Decimal>,
    why: Option<crate::engine::explain::Missing>,
    money: impl Fn(Decimal) -> String,
    lang: Lang,
) -> String {
    match (d, part, why) {
        (Some(d), ..) => money(d),
        (None, _, None) => String::new(),
        (None, Some(p), why) => waiting(&money(p), why, lang),
        (None, None, why) => missing(why, lang).to_string(),
    }
}

/// [`amount`], with the words of why an amount is missing.
pub fn amount_or(amount: Option<Decimal>, why: Option<crate::engine::explain::Missing>, lang: Lang) -> String {
    amount.map_or_else(|| missing(why, lang).to_string(), crate::engine::money::yuan)
}

/// [`money`], with the words of why an amount is missing.
pub fn money_or(
    amount: Option<Decimal>,
    why: Option<crate::engine::explain::Missing>,
    currency: &str,
    lang: Lang,
) -> String {
    amount.map_or_else(|| missing(why, lang).to_string(), |a| amount_with_currency(a, currency, lang))
}

/// The total where lines wait for a price, as the summary says it ([`unpriced_total`]).
#[derive(Clone, Debug, PartialEq)]
pub struct UnpricedTotal {
    /// What has a price comes to, with the currency; `None` where nothing has.
    pub part: Option<String>,
    /// The words of the first missing price: `未列价格`.
    pub why: &'static str,
    /// Each line without a price, and how to count it.
    pub note: String,
}

impl UnpricedTotal {
    /// The headline: `444,363.75 元 + 未列价格`, or the words alone.
    pub fn headline(&self) -> String {
        match &self.part {
            Some(p) => format!("{p} + {}", self.why),
            None => self.why.to_string(),
        }
    }
}

/// The total where lines wait for a price: what the priced lines come to and the words of the
/// first missing price (`444,363.75 元 + 未列价格`), and the note naming each line without a
/// price and how to count it.
pub fn unpriced_total(u: &crate::app::page::Unpriced, currency: &str, lang: Lang) -> UnpricedTotal {
    let lines: Vec<String> = u
        .lines
        .iter()
        .map(|(n, name, w)| {
            let why = missing(*w, lang);
            match lang {
                Lang::Zh => format!("第 {n} 项（{name}）{why}"),
                Lang::En => format!("line {n} ({name}): {}", why.to_lowercase()),
            }
        })
        .collect();
    let note = match (lang, u.part.is_some()) {
        (Lang::Zh, true) => format!("{}：合计只计有价格的部分；在该项填写协商单价即可计入。", lines.join("；")),
        (Lang::Zh, false) => format!("{}：在该项填写协商单价即可计价。", lines.join("；")),
        (Lang::En, true) => format!(
            "Without a price, {}. The total counts only what has a price; give a negotiated price to count the rest.",
            lines.join("; ")
        ),
        (Lang::En, false) => format!("Without a price, {}. Give a negotiated price to price it.", lines.join("; ")),
    };
    UnpricedTotal { part: u.part.map(|p| amount_with_currency(p, currency, lang)), why: missing(u.why(), lang), note }
}

/// A unit price per call: `0.85 元/次` / `CNY 0.85 per call`.
pub fn unit_price(price: Decimal, currency: &str, lang: Lang) -> String {
    money::unit_price(price, 1, currency, lang)
}

/// [`unit_price`] in a column of them, with two decimals at least: `CNY 1.00 per call` over
/// `CNY 0.5004 per call`.
pub fn unit_price_2(price: Decimal, currency: &str, lang: Lang) -> String {
    money::prices_per(&money::plain_2(price), 1, currency, lang)
}

/// A count of calls with separators: `15,000 次` / `15,000 calls`, `1 call` (the engine's, which
/// its arithmetic says too).
pub use crate::engine::money::calls;

/// A buyer's terms at one offer in words, `None` where it has none: `优惠 10%（9 折，仅资源包）·
/// 协商单价 0.6 元/次` / `10% off (packs only) · negotiated CNY 0.6 per call` (the comparison's
/// rows, the offer's fields folded away, its CSV).
pub fn offer_terms(
    discount: Option<crate::engine::terms::Discount>,
    negotiated: Option<crate::engine::rating::Negotiated>,
    currency: &str,
    lang: Lang,
) -> Option<String> {
    use crate::engine::terms::DiscountScope;
    let mut parts = Vec::new();
    if let Some(d) = discount {
        // What it applies to, as its field says it (everything goes without saying).
        let t = crate::app::text::texts(lang);
        let scope = match d.applies_to {
            DiscountScope::All => None,
            DiscountScope::Postpaid => Some(t.scope_postpaid.to_lowercase()),
            DiscountScope::Packs => Some(t.scope_packs.to_lowercase()),
        };
        let p = money::plain(d.percent);
        parts.push(match lang {
            // 优惠 15%（85 折，仅资源包）: the 折 a Chinese buyer reads, beside the percentage.
            Lang::Zh => {
                let notes: Vec<String> =
                    super::input::zhe_of(d.percent).map(|z| format!("{z} 折")).into_iter().chain(scope).collect();
                if notes.is_empty() {
                    format!("优惠 {p}%")
                } else {
                    format!("优惠 {p}%（{}）", notes.join("，"))
                }
            }
            Lang::En => match scope {
                Some(scope) => format!("{p}% off ({scope})"),
                None => format!("{p}% off"),
            },
        });
    }
    if let Some(n) = negotiated {
        let every = if n.all_calls { lang.pick("（每次调用）", " (every call)") } else { "" };
        parts.push(format!("{}{}{every}", lang.pick("协商单价 ", "negotiated "), unit_price(n.price, currency, lang)));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// A month's words with its date where the line's months have dates: `3 · 2027-03`,
/// `第 3 月 · 2027-03`; `month` is 1-based (0 has no date).
pub fn dated(words: String, calendar: &[crate::engine::usage::Month], month: usize) -> String {
    match calendar.get(month.wrapping_sub(1)) {
        Some(date) => format!("{words} · {date}"),
        None => words,
    }
}

/// Month `month` (1-based) of a line whose months start at `calendar`'s first, past its last too,
/// with its date where the line is dated: `第 16 月 · 2028-04`, `month 16 · 2028-04`.
pub fn month_dated(month: u32, calendar: &[crate::engine::usage::Month], lang: Lang) -> String {
    let words = match lang {
        Lang::Zh => format!("第 {month} 月"),
        Lang::En => format!("month {month}"),
    };
    let k = (month as usize).checked_sub(1);
    let date = calendar.first().zip(k).and_then(|(first, k)| first.run(k + 1).get(k).copied());
    match date {
        Some(d) => format!("{words} · {d}"),
        None => words,
    }
}

#[cfg(test)]
mod month_dated_tests {
    use super::*;
    use crate::engine::usage::Month;

    #[test]
    fn a_month_past_the_calendar_is_dated_from_its_first() {
        let calendar = Month::new(2027, 1).unwrap().run(12);
        assert_eq!(month_dated(16, &calendar, Lang::Zh), "第 16 月 · 2028-04");
        assert_eq!(month_dated(3, &[], Lang::En), "month 3");
        assert_eq!(month_dated(0, &calendar, Lang::En), "month 0");
    }
}

/// Costs by calendar year, where they span more than one: `按自然年：2027 年 75,000.00 元；2028 年
/// 83,000.00 元`, `By calendar year: 2027 CNY 75,000.00; 2028 CNY 83,000.00`.
pub fn by_year(years: &[(u16, Option<Decimal>)], currency: &str, lang: Lang) -> Option<String> {
    if years.len() < 2 {
        return None;
    }
    let each: Vec<String> = years
        .iter()
        .map(|(y, cost)| match lang {
            Lang::Zh => format!("{y} 年 {}", money(*cost, currency, lang)),
            Lang::En => format!("{y} {}", money(*cost, currency, lang)),
        })
        .collect();
    Some(format!("{}{}", lang.pick("按自然年：", "By calendar year: "), each.join(lang.pick("；", "; "))))
}

/// `含 6% 增值税`, `6% VAT included`; `另加 6% 增值税`, `plus 6% VAT`.
pub fn vat_words(vat: crate::engine::vat::Vat, lang: Lang) -> String {
    let p = money::plain(vat.percent);
    match (lang, vat.included) {
        (Lang::Zh, true) => format!("含 {p}% 增值税"),
        (Lang::Zh, false) => format!("另加 {p}% 增值税"),
        (Lang::En, true) => format!("{p}% VAT included"),
        (Lang::En, false) => format!("plus {p}% VAT"),
    }
}

/// A total split by its VAT, in words: `另加 6% 增值税 735.00 元，含税 12,985.00 元`,
/// `plus 6% VAT CNY 735.00: CNY 12,985.00 with VAT`; `含 6% 增值税 693.40 元，不含税 11,556.60 元`,
/// `6% VAT included, CNY 693.40: CNY 11,556.60 before VAT`.
pub fn vat_split(split: &crate::engine::vat::VatSplit, currency: &str, lang: Lang) -> String {
    use crate::engine::vat::Vat;
    let words = vat_words(Vat { percent: split.percent, included: split.included }, lang);
    let m = |d| money(Some(d), currency, lang);
    let (other, with) = Vat::other_side(split);
    let (amount, other, side) = (m(split.vat), m(other), vat_side(with, lang));
    match lang {
        Lang::Zh => format!("{words} {amount}，{side} {other}"),
        Lang::En if split.included => format!("{words}, {amount}: {other} {side}"),
        Lang::En => format!("{words} {amount}: {other} {side}"),
    }
}

/// The side of a VAT split that is not the prices': `含税` / `with VAT` (`with`), else `不含税` /
/// `before VAT`.
pub fn vat_side(with: bool, lang: Lang) -> &'static str {
    match (with, lang) {
        (true, Lang::Zh) => "含税",
        (true, Lang::En) => "with VAT",
        (false, Lang::Zh) => "不含税",
        (false, Lang::En) => "before VAT",
    }
}

/// The range's name with its two cases, in `lang`'s punctuation: `Range (Low – High)`,
/// `区间（低 – 高）`.
pub fn range_name(lang: Lang) -> String {
    let t = crate::app::text::texts(lang);
    match lang {
        Lang::Zh => format!("{}（{} – {}）", t.range, t.case_low, t.case_high),
        Lang::En => format!("{} ({} – {})", t.range, t.case_low, t.case_high),
    }
}

/// The range's name as a label before its figures: `Range (Low – High): `, `区间（低 – 高）：`.
pub fn range_label(lang: Lang) -> String {
    format!("{}{}", range_name(lang), lang.pick("：", ": "))
}

/// Why a line is too large to plan exactly here, with its size and what to change.
pub fn too_large(size: &crate::engine::TooLargeSize, lang: Lang) -> String {
    use crate::app::text::{fill, texts};
    use crate::engine::TooLargeWhy;
    let t = texts(lang);
    let text = match size.why {
        TooLargeWhy::Amounts => t.opt_too_large_amounts,
        TooLargeWhy::States => t.opt_too_large_states,
        TooLargeWhy::Work { .. } | TooLargeWhy::RangeMemory => t.opt_too_large,
    };
    fill(text, &[("months", &months(size.months, lang)), ("calls", &group_u64(size.calls))])
}

/// An estimate's problem as the page says it, in its language: what is wrong and where (the
/// field's path, as the API gives it). The engine's own text (`Display`) is the API's and the
/// CLI's English, with the CLI's hints; here the kinds the page meets (a link, a file, a
/// comparison) are said in Chinese too. A field's own message and a parser's detail stay as the
/// engine words them.
pub fn problem(e: &crate::engine::EstimateError, lang: Lang) -> String {
    use crate::engine::EstimateError as E;
    let at = |path: &crate::engine::path::Path, text: String| {
        if path.is_root() { text } else { format!("{}{}{text}", place(path, lang), lang.pick("：", ": ")) }
    };
    match (e, lang) {
        (E::UnknownService { path, name, hint }, _) => {
            // Close names are worth saying; the CLI's hints (`quote --list`, a pack product's
            // services to price on the command line) are not, on a page.
            let close = match hint {
                crate::engine::error::UnknownHint::Close(c) => Some(c.join(", ")),
                _ => None,
            };
            let text = match lang {
                Lang::Zh => format!(
                    "没有名为“{name}”的服务{}",
                    close.map(|c| format!("，是不是想找 {c}？")).unwrap_or_default()
                ),
                Lang::En => format!(
                    "no service is called \"{name}\"{}",
                    close.map(|c| format!("; did you mean {c}?")).unwrap_or_default()
                ),
            };
            at(path, text)
        }
        (E::TooLarge { path, size }, _) => at(path, too_large(size, lang)),
        (E::Field { path, wrong: w }, _) => at(path, wrong(w, lang)),
        (_, Lang::En) => e.to_string(),
        (E::Syntax { message }, Lang::Zh) => json_stop(message, None),
        (E::PackNotOffered { path, service, size, listed, offered }, Lang::Zh) => {
            let listed = if *listed { "（价目表标为“-”：不提供）" } else { "" };
            let offered: Vec<String> = offered.iter().map(|s| pack_size(*s, lang)).collect();
            let (name, size) = (&service.zh, pack_size(*size, lang));
            at(path, format!("{name} 没有 {size}的资源包{listed}；可选规格：{}", offered.join("、")))
        }
        (E::NoPacks { path, service, why }, Lang::Zh) => {
            let why = match why {
                crate::engine::error::NoPacksWhy::PayAsYouGoOnly => "（仅按量后付费）",
                crate::engine::error::NoPacksWhy::NotInList => "",
            };
            at(path, format!("{} 没有预付费资源包{why}", service.zh))
        }
        (E::Overflow { path }, Lang::Zh) => at(path, "金额太大，无法精确相加".to_string()),
        (E::PriceList { problems }, Lang::Zh) => {
            let items: Vec<String> = problems.0.iter().map(|p| at(&p.path, list_problem(p, lang))).collect();
            match items.len() {
                1 => format!("价目表有问题：{}", items[0]),
                n => format!("价目表有 {n} 处问题：{}", items.join("；")),
            }
        }
    }
}

/// What is wrong with a field of a document (an estimate, a price list, a comparison) in
/// `lang`: the kinds every document shares, a price list's, an estimate's and a comparison's own
/// rules in the page's words; only the API's own requests are said in English (`Wrong::Said`).
pub fn wrong(w: &crate::engine::json::Wrong, lang: Lang) -> String {
    use crate::engine::json::{Items, PerMonth, PriceError as P, Wrong as W};
    use crate::engine::limits;
    if lang == Lang::En {
        return w.to_string();
    }
    let quoted = |items: &[String]| items.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join("、");
    match w {
        W::NotObject { found, .. } => format!("应为 JSON 对象 {{…}}，而不是{}", found_zh(found)),
        W::UnknownField { key, expected } => format!("没有“{key}”这个字段；可用的字段：{}", quoted(expected)),
        W::Missing => "缺少此项".to_string(),
        W::NotList(f) => format!("应为列表 […]，而不是{}", found_zh(f)),
        W::NotText(f) => format!("应为带引号的文字，而不是{}", found_zh(f)),
        W::NotBool(f) => format!("应为 true 或 false，而不是{}", found_zh(f)),
        W::NotOneOf { found, choices } => format!("“{found}”不是可选值之一：{}", quoted(choices)),
        W::NumberAsText(s) => format!("应为数字，而不是文字“{s}”"),
        W::NotWhole(f) => format!("应为整数，而不是{}", found_zh(f)),
        W::TooLarge { value, max } => format!("{value} 太大：最多 {}", group_u64(*max)),
        W::Negative(n) => format!("应为不小于 0 的整数，而不是 {n}"),
        W::Fraction(n) => format!("应为整数，而不是 {n}"),
        W::Exponent(n) => format!("请把 {n} 写成整数，不带小数点或指数"),
        W::MonthZero => "月份从 1 数起（第 1 月），不能是 0".to_string(),
        W::PriceAsNumber(n) => format!("价格请写成带引号的文字，以免舍入：\"{n}\"，而不是 {n}"),
        W::NotPrice(f) => format!("应为价格，如 \"0.85\"，而不是{}", found_zh(f)),
        W::Price(P::NotAPrice, s) => format!("“{s}”不是价格：请写数字，可带小数点，如 \"0.85\""),
        W::Price(P::Negative, s) => format!("价格 {s} 是负数；价格须不小于 0"),
        W::Price(P::TooLarge, s) => format!("价格 {s} 太大：最多 {}", group_u64(limits::MAX_PRICE_YUAN)),
        W::Price(P::TooPrecise, s) => format!("价格 {s} 的小数超过 {} 位", limits::MAX_PRICE_DECIMALS),
        W::NotAmount(s) => format!("“{s}”不是金额，如 \"12250.00\""),
        W::NotTextPair(f) => format!("应为文字，或 {{\"zh\": …, \"en\": …}}，而不是{}", found_zh(f)),
        W::Empty => "不能为空".to_string(),
        W::TooLong(n) => format!("超过 {n} 个字符"),
        W::NotJson { line, column, detail } => json_stop(detail, Some((*line, *column))),
        W::TooMany { count, most, what } => {
            let name = match what {
                Items::Lines => "项",
                Items::Months | Items::MonthsOfCalls => "个月",
                Items::Purchases => "笔购买",
                Items::Commitments => "项承诺",
            };
            let ten_years = if *what == Items::MonthsOfCalls { "（十年）" } else { "" };
            format!("共 {count} {name}，最多 {most} {name}{ten_years}")
        }
        W::NoMonths => "请至少填写一个月的调用量，如 [15000]".to_string(),
        W::NoCalls => "缺少此项：请给出每月调用量，如 [15000]".to_string(),
        W::NotPerMonth { count, months, entry } => {
            let entry = if *entry == PerMonth::Value { "每月一个数" } else { "每项一个月份" };
            format!("有 {count} 个月，但 calls 有 {months} 个月：请{entry}")
        }
        W::WrongSide { month, high, bound, likely } => {
            let (side, rel) = if *high { ("高", "低于") } else { ("低", "高于") };
            format!("第 {month} 月：{side}用量（{}）{rel}预计用量（{}）", group_u64(*bound), group_u64(*likely))
        }
        W::NotMonth(s) => format!("“{s}”不是月份，应写成 \"2025-11\" 这样"),
        W::MonthGap { month, after } => format!("{month} 没有紧接 {after}：月份须连续，不能有空缺"),
        W::ForecastGap { first, last } => format!("{first} 不在历史的最后一个月 {last} 之后"),
        W::Backwards { from, to } => format!("历史从 {from} 到 {to}：先后颠倒"),
        W::NotFromTo => "请给出历史的第一个月和最后一个月，如 [\"2025-11\", \"2026-10\"]".to_string(),
        W::HistoryAndForecast => "一项只能是用量历史（usage_months）或预测，不能两者都是".to_string(),
        W::FirstMonthAndCalendar => {
            "用量历史或预测已有自己的月份：起始月份（first_month）只用于手填的调用量".to_string()
        }
        W::CalendarEnds { first, last } => format!("从 {first} 起的月份超出了 {last}（日期能写到的最后一个月）"),
        W::AfterLastMonth { month, last, purchase } => {
            let hint = if *purchase { "；请为该月填写调用量，或提前购买" } else { "" };
            format!("第 {month} 月晚于最后一个有调用量的月份（第 {last} 月）{hint}")
        }
        W::MonthTaken { month, other, id } => {
            format!("第 {month} 月已有承诺（commitments[{other}]，“{id}”）：每月最多一项")
        }
        W::GrowthRange(g) => format!("{g}：{}", crate::engine::growth::range(lang)),
        W::GrowthAndCalendar => "用量历史或预测已有自己的月份：增长（growth）只用于手填的调用量".to_string(),
        W::OffGrowth { month, calls, follows } => format!(
            "第 {month} 月为 {} 次，但按该项的增长从第 1 月算应为 {} 次：请填增长给出的各月用量，或去掉增长",
            group_u64(*calls),
            group_u64(*follows)
        ),
        W::List(r) => list_rule(r),
        W::Rule(r) => doc_rule(r),
        W::Said(s) => s.clone(),
    }
}

/// An estimate's or a comparison's own rule in Chinese (the English is its `Display`).
fn doc_rule(r: &crate::engine::doc_rule::DocRule) -> String {
    use crate::engine::doc_rule::DocRule as R;
    use crate::engine::{examples::EXAMPLES, limits::MAX_TEXT_CHARS, offers, terms::MAX_DECIMALS};
    let wanted = |code: &str, currency: &str| format!("即 1 {code} 折合多少 {currency}，写成带引号的精确小数");
    match r {
        R::DiscountRange(s) => format!("折扣应在 0 到 100（百分比）之间，而不是 {s}"),
        R::VatRange(s) => format!("增值税税率应在 0 到 100（百分比）之间，而不是 {s}"),
        R::NotPercentage(s) => format!("“{s}”不是百分比：请写数字，如 \"15\" 或 \"7.5\""),
        R::Decimals(s) => format!("{s}：最多 {MAX_DECIMALS} 位小数"),
        R::WeightRange(d) => format!("权重应在 0 到 1 之间，而不是 {d}"),
        R::WeightsSum(d) => format!("权重之和为 {d}；须恰好为 1"),
        R::RateAsNumber { rate, code, currency } => {
            format!("汇率请写成带引号的文字，以免舍入：\"{rate}\"，而不是 {rate}（{}）", wanted(code, currency))
        }
        R::NotRate { code, currency } => format!("汇率应为大于 0 的小数，{}", wanted(code, currency)),
        R::OwnRate(code) => format!("{code} 是本次比较的币种，汇率只能是 1"),
        R::TwoRates(code) => format!("{code} 有两个不同的汇率（RMB 即 CNY）：请只填一个"),
        R::Offers(n) => format!("共 {n} 个报价；可比较 {} 到 {} 个", offers::MIN_OFFERS, offers::MAX_OFFERS),
        R::NameTooLong => format!("名称最多 {MAX_TEXT_CHARS} 个字符"),
        R::LineOffers(n) => format!("共 {n} 个报价；预算的每项可有 1 到 {} 个", offers::MAX_OFFERS),
        R::BudgetLines(n) => {
            format!("共 {n} 项；预算可比较 1 到 {} 项", crate::engine::budget::MAX_BUDGET_LINES)
        }
        R::ExampleAndList => "示例价目表（example）和价目表（price_list）只能给一个".to_string(),
        R::NoExample(key) => {
            let keys: Vec<&str> = EXAMPLES.iter().map(|e| e.key).collect();
            format!("没有名为“{key}”的示例价目表；可选：{}", keys.join("、"))
        }
        R::NotCurrency(code) => format!("“{code}”不是币种代码，应写成 \"CNY\" 或 \"USD\" 这样"),
        R::RateMissing { vendor, name, code, currency } => format!(
            "第 {} 个厂商（“{name}”）以 {code} 计价：请给出 1 {code} 折合多少 {currency}，写作 \"rates\": {{\"{code}\": \"…\"}}（带引号的精确小数；不会联网获取）",
            vendor + 1
        ),
        R::NoRate(code) => format!("没有 {code} 的汇率"),
        R::NoCommitment { service, id, offered } if offered.is_empty() => {
            format!("{} 没有承诺套餐，因此没有“{id}”", service.zh)
        }
        R::NoCommitment { service, id, offered } => {
            format!("{} 没有名为“{id}”的承诺套餐；可选：{}", service.zh, offered.join("、"))
        }
        R::FreePastValidity { months, validity } => {
            format!(
                "{months} 个月超过了资源包的有效期 {validity} 个月：已有资源包中的次数从第 1 个月起最多还能用 {validity} 个月"
            )
        }
        R::FreeMonthsZero => "已有资源包中的次数至少可用 1 个月（第 1 个月），不能是 0".to_string(),
        R::NoService => "请填写服务名称，如“活体人脸核身”".to_string(),
        R::AllCallsWithoutPrice => "协商单价用于每次调用时须给出单价：请同时填写 \"negotiated_price\"".to_string(),
        R::OfOffer { name, problem: p } => format!("“{name}”：{}", problem(p, Lang::Zh)),
    }
}

/// Where and why a JSON parser stopped, in Chinese, from its English (`EOF while parsing a list
/// at line 1 column 312`) and its position where known: `不是有效的 JSON：在第 1 行第 312 列中途结束（可能不完整）`.
fn json_stop(detail: &str, at: Option<(usize, usize)>) -> String {
    // serde_json ends its messages with ` at line L column C`.
    let at = at.or_else(|| {
        let (_, tail) = detail.rsplit_once(" at line ")?;
        let (line, column) = tail.split_once(" column ")?;
        Some((line.trim().parse().ok()?, column.trim().parse().ok()?))
    });
    let place = at.map(|(l, c)| format!("第 {l} 行第 {c} 列")).unwrap_or_default();
    // The engine's and the page's own stops, before any parser ran.
    if detail.starts_with("the input is empty") {
        return "内容是空的：请粘贴或选择一份 JSON 文件".to_string();
    }
    if detail.starts_with("not readable as text") {
        return "无法读取为文本：请选择 UTF-8 编码的 JSON 文件".to_string();
    }
    if detail.starts_with("EOF while parsing") {
        format!("不是有效的 JSON：在{}中途结束（可能不完整）", if place.is_empty() { "文本" } else { &place })
    } else if place.is_empty() {
        "不是有效的 JSON".to_string()
    } else {
        format!("不是有效的 JSON：{place}附近有误")
    }
}

/// A document past the most accepted, in `lang` (`the price list is 1,000,001 bytes…`).
pub fn too_big(t: &crate::engine::limits::TooBig, lang: Lang) -> String {
    match lang {
        Lang::En => t.to_string(),
        Lang::Zh => {
            let what = match t.what {
                crate::engine::limits::Document::PriceList => "价目表",
                crate::engine::limits::Document::File => "文件",
            };
            format!(
                "{what}有 {} 字节，最多 {} 字节（{} MB）",
                group_u64(t.bytes),
                group_u64(t.most),
                t.most / 1_000_000
            )
        }
    }
}

/// A price list's rule broken, in Chinese (the English is its `Display`).
fn list_rule(r: &crate::engine::list_rule::ListRule) -> String {
    use crate::engine::list_rule::{Base, Counted, IdOf, ListRule as R, Part};
    let id_of = |w: &IdOf| match w {
        IdOf::Service => "服务",
        IdOf::Group => "分组",
        IdOf::PackProduct => "资源包产品",
        IdOf::Commitment => "承诺套餐",
    };
    let base = |of: &Base| if *of == Base::BuiltIn { "内置价目表" } else { "被扩展的价目表" };
    match r {
        R::TooBig(t) => too_big(t, Lang::Zh),
        R::Empty => "价目表是空的".to_string(),
        R::NotObject => "价目表应为 JSON 对象 {…}".to_string(),
        R::NoServices => "缺少服务列表：请写 \"services\": [{\"id\": …, \"name\": …, \"postpaid\": …}]".to_string(),
        R::NoFormat => "缺少格式版本：请写 \"format\": 1；用到计价单位、固定费、免费额度、最低消费或承诺套餐时写 2".to_string(),
        R::Format(v) => format!("不支持格式 {v}：本版本读取格式 1 和 2"),
        R::TooMany { count, what, most } => {
            let what = match what {
                Part::Services => "个服务",
                Part::PackProducts => "个资源包产品",
                Part::Commitments => "项承诺套餐",
                Part::Sizes => "种规格",
                Part::Tiers => "档阶梯",
            };
            format!("共 {} {what}，最多 {} {what}", group_u64(*count as u64), group_u64(*most as u64))
        }
        R::NoCurrency => "缺少币种：格式 2 的价目表须写明币种，如 \"CNY\" 或 \"USD\"".to_string(),
        R::NotCurrency(c) => format!("“{c}”不是币种代码：请写三个大写字母，如 \"CNY\""),
        R::UsedTwice { what, id } => format!("{}的 id “{id}”用了两次", id_of(what)),
        R::NamesAnother(key) => format!("“{key}”已是另一个服务的 id、名称或别名；三者都不能重复"),
        R::NoSuchId { what, id } => format!("没有 id 为“{id}”的{}", id_of(what)),
        R::FormatTwoField(key) => format!("“{key}”是格式 2 的字段：请写 \"format\": 2（并写明币种）"),
        R::AtLeast { what, min, found } => {
            let what = match what {
                Counted::Unit => "计价单位",
                Counted::FreeQuota => "免费额度",
                Counted::Months => "月数",
                Counted::CommitmentCalls => "承诺套餐的调用量",
            };
            format!("{what}至少为 {}，而不是 {found}", group_u64(*min))
        }
        R::UnitNotExact(unit) => format!(
            "{} 次的计价单位无法精确分摊：请用能整除 10 的幂的数（1、10、100、1,000……或 25、500……）",
            group_u64(*unit)
        ),
        R::NoMinimum => "缺少每月最低消费，如 \"149\"".to_string(),
        R::NoFee => "缺少每个使用月份的月费".to_string(),
        R::NoCommitmentCalls => "缺少月费每月包含的调用量".to_string(),
        R::NoValidity => format!("有效期应为 1 至 {} 个月，不能是 0", crate::engine::limits::MAX_MONTHS),
        R::NoSizes => "资源包产品至少要有一种规格".to_string(),
        R::SizesNotIncreasing { size, after } => {
            format!("规格须从小到大：{} 排在 {} 之后", group_u64(*size), group_u64(*after))
        }
        R::EmptyPack => "资源包至少含 1 次调用".to_string(),
        R::NoPackPrice(calls) => format!(
            "{} 次的资源包没有价格：请填写价格；价格表中为“-”的规格请写 \"offered\": false",
            group_u64(*calls)
        ),
        R::PriceNotOffered => "不提供的规格不能有价格".to_string(),
        R::NoCallsPerUnit => "至少为 1".to_string(),
        R::TiersAndUnpriced => "\"tiers\" 与 \"unpriced\" 只能写一个".to_string(),
        R::NoTiersNorUnpriced => {
            "请写 \"tiers\"（价格表）或 \"unpriced\"（\"on_request\" 或 \"not_listed\"）；完全不提供后付费时写 null".to_string()
        }
        R::RoundUpTotal => {
            "\"round_up\" 不能与 \"basis\": \"total_volume\" 同用（不清楚哪部分调用向上取整）：请按比例计费，或按后付费用量定档".to_string()
        }
        R::NoTiers => "阶梯表至少要有一档".to_string(),
        R::FirstTierEmpty => "第一档的上限须大于 0 次".to_string(),
        R::TiersNotIncreasing { up_to, covered } => format!(
            "阶梯须递增：这一档止于 {}，但上一档已覆盖到 {}",
            group_u64(*up_to),
            group_u64(*covered)
        ),
        R::LastTierBounded => "最后一档不能有 \"up_to\"，这样每个用量都有对应的档".to_string(),
        R::UnboundedNotLast => "只有最后一档可以不设上限；这一档需要 \"up_to\"".to_string(),
        R::UnboundedIncluded => "不设上限的档不能写 \"up_to_included\"".to_string(),
        R::PriceAndContact => "一档要么有价格，要么写 \"contact_sales\": true，不能两者都有".to_string(),
        R::NoTierPrice => "这一档没有价格：请填写价格，或写 \"contact_sales\": true".to_string(),
        R::CurrencyDiffers { list, base: b, of } => {
            format!("该价目表以 {list} 计价，而{}以 {b} 计价；请改为替换方式载入", base(of))
        }
        R::PackProductTaken { id, of } => format!("“{id}”已是{}中的资源包产品", base(of)),
        R::ServiceTaken { key, other, of } => format!("“{key}”已是{}中服务“{other}”的 id、名称或别名", base(of)),
    }
}

/// A caution about a loaded list ([`cautions`](crate::engine::catalog::cautions)), in `lang`,
/// with the service's name from `catalog`.
pub fn caution(
    c: &crate::engine::catalog::cautions::Caution,
    catalog: &crate::engine::catalog::Catalog,
    lang: Lang,
) -> String {
    use crate::engine::catalog::cautions::Caution;
    let (Caution::SplitUnit { service, commitment, .. } | Caution::BoundExcluded { service, commitment, .. }) = c;
    let name = catalog.service(service).map_or(service.as_str(), |s| s.name.get(lang));
    let table = match (commitment, lang) {
        (None, _) => String::new(),
        (Some(id), Lang::Zh) => format!("（承诺套餐“{id}”的超出部分）"),
        (Some(id), Lang::En) => format!(" (beyond commitment \"{id}\")"),
    };
    match c {
        Caution::BoundExcluded { tier, up_to, .. } => {
            let (below, up_to) = (group_u64(up_to - 1), group_u64(*up_to));
            match lang {
                Lang::Zh => format!(
                    "{name}{table}：累进计价的第 {tier} 档止于 {up_to} 次之前（不含 {up_to}），只含前 {below} 次，第 {up_to} 次按下一档计价。若厂商的意思是“前 {up_to} 次”，这一档的上限应计入本档（手动输入时勾选“上限计入本档”；价目表 JSON 中写 \"up_to_included\": true）。"
                ),
                Lang::En => format!(
                    "{name}{table}: graduated tier {tier} ends before {up_to} calls (its bound excluded), so it holds the first {below} calls and call {up_to} is priced by the next tier. If the vendor's sheet means the first {up_to} calls, that tier's bound should include its call (typed: tick “Each ‘up to’ includes that call”; in a JSON price list: \"up_to_included\": true)."
                ),
            }
        }
        Caution::SplitUnit { tier, up_to, unit, .. } => {
            let (up_to, unit) = (group_u64(*up_to), group_u64(*unit));
            match lang {
                Lang::Zh => format!(
                    "{name}{table}：第 {tier} 档止于 {up_to} 次之前（不含 {up_to}），按每 {unit} 次计价时，到 {up_to} 次为止的那 {unit} 次会拆到两档（第 {up_to} 次按下一档）。若厂商的意思是“含 {up_to} 次”，这一档的上限应计入本档（手动输入时勾选“上限计入本档”；价目表 JSON 中写 \"up_to_included\": true）。"
                ),
                Lang::En => format!(
                    "{name}{table}: tier {tier} ends before {up_to} calls (its bound excluded), so with prices per {unit} calls the {unit} calls ending at {up_to} are split across two tiers (call {up_to} is priced by the next). If the vendor means up to and including {up_to}, that tier's bound should include its call (typed: tick “Each ‘up to’ includes that call”; in a JSON price list: \"up_to_included\": true)."
                ),
            }
        }
    }
}

/// A value found in a document, in Chinese, after 而不是.
fn found_zh(f: &crate::engine::json::Found) -> String {
    use crate::engine::json::Found as F;
    match f {
        F::Null => " null".to_string(),
        F::Bool(b) => format!(" {b}"),
        F::Number(n) => format!(" {n}"),
        F::Text(s) => format!("文字“{s}”"),
        F::List => "列表".to_string(),
        F::Object => "对象".to_string(),
    }
}

/// A price list's problem in `lang`, without its path: in Chinese what is wrong (a kind every
/// document shares or the list's own rule), after its kind where that says more than it.
pub fn list_problem(e: &crate::engine::catalog::CatalogError, lang: Lang) -> String {
    use crate::engine::catalog::ErrorKind as K;
    let kind = match e.kind {
        K::Syntax => "不是有效的 JSON，或缺少格式版本、版本不受支持",
        K::Shape => "字段类型不对、缺少或多余",
        K::TooLarge => "超出大小上限",
        K::Duplicate => "id、名称或别名重复",
        K::UnknownReference => "引用了不存在的 id",
        K::TiersNotIncreasing => "阶梯重叠或顺序不对",
        K::TiersIncomplete => "阶梯没有恰好覆盖所有用量",
        K::TierPrice => "每一档需有价格或“联系商务”，且只能有其一",
        K::PackPrice => "资源包规格的价格缺失或多余",
        K::PackSizes => "资源包规格为 0 或顺序不对",
        K::InvalidPrice => "价格不是十进制数字",
        K::NegativePrice => "价格为负",
        K::PriceOutOfRange => "价格超出上限或小数位过多",
        K::Invalid => "取值无效",
    };
    // The general kinds before a problem said in Chinese only misled (不是有效的 JSON… before a
    // format-2 field under format 1, or before an empty list); a one-off rule in the checker's
    // English, and the particular kinds (tiers, prices, ids), keep theirs.
    let general = matches!(e.kind, K::Syntax | K::Shape | K::TooLarge | K::Invalid);
    match (lang, &e.wrong) {
        (Lang::Zh, crate::engine::json::Wrong::Said(_)) => format!("{kind}（{}）", wrong(&e.wrong, lang)),
        (Lang::Zh, w) if general => wrong(w, lang),
        (Lang::Zh, w) => format!("{kind}（{}）", wrong(w, lang)),
        (Lang::En, _) => e.message(),
    }
}

/// Where a field of an estimate or a comparison is, in the page's words where it is a line's
/// field or the document's own (`第 1 项 · 第 3 月调用量（lines[0].calls[2]）`, `整体折扣（discount）`,
/// `第 2 个报价（vendors[1]…）`), with its path for a hand-edited file.
fn place(path: &crate::engine::path::Path, lang: Lang) -> String {
    use crate::engine::path::Seg;
    let raw = path.to_string();
    let in_words = |words: String| format!("{words}{}{raw}{}", lang.pick("（", " ("), lang.pick("）", ")"));
    // An estimate's and a comparison's own fields.
    const TOP: [(&str, &str, &str); 7] = [
        ("discount", "整体折扣", "discount on every line"),
        ("vat", "增值税", "VAT"),
        ("vat_basis", "比较口径", "VAT basis"),
        ("scenario_weights", "情况权重", "case weights"),
        ("currency", "比较币种", "currency compared in"),
        ("rates", "汇率", "rates"),
        ("calls", "调用量", "calls"),
    ];
    match path.segments() {
        [Seg::Key(v), Seg::Index(i), ..] if v == "vendors" => {
            return in_words(crate::app::text::fill(
                lang.pick("第 {n} 个报价", "offer {n}"),
                &[("n", &(i + 1).to_string())],
            ));
        }
        [Seg::Key(k), ..] if k != "lines" => {
            return TOP
                .iter()
                .find(|(key, ..)| k == key)
                .map_or(raw.clone(), |(_, zh, en)| in_words(lang.pick(zh, en).into()));
        }
        _ => {}
    }
    let [Seg::Key(_), Seg::Index(l), rest @ ..] = path.segments() else { return raw };
    let line = crate::app::text::fill(crate::app::text::texts(lang).line, &[("n", &(l + 1).to_string())]);
    // A line's lists, the n-th item of each in words (`{n}` counts from 1).
    const ITEMS: [(&str, &str, &str); 5] = [
        ("calls", "第 {n} 月调用量", "month {n}'s calls"),
        ("calls_low", "第 {n} 月低用量", "month {n}'s low calls"),
        ("calls_high", "第 {n} 月高用量", "month {n}'s high calls"),
        ("packs", "第 {n} 笔资源包", "pack purchase {n}"),
        ("commitments", "第 {n} 项承诺", "commitment {n}"),
    ];
    // The same fields as a whole (and the service, the line's terms).
    const WHOLE: [(&str, &str, &str); 9] = [
        ("calls", "调用量", "calls"),
        ("calls_low", "低用量", "low calls"),
        ("calls_high", "高用量", "high calls"),
        ("packs", "资源包", "packs"),
        ("usage_months", "用量月份", "usage months"),
        ("first_month", "起始月份", "first month"),
        ("service", "服务", "service"),
        ("discount", "本行折扣", "discount on this line"),
        ("negotiated_price", "协商单价", "negotiated price"),
    ];
    let field = match rest {
        [Seg::Key(k), Seg::Index(i), ..] => ITEMS
            .iter()
            .find(|(key, ..)| k == key)
            .map(|(_, zh, en)| crate::app::text::fill(lang.pick(zh, en), &[("n", &(i + 1).to_string())])),
        [Seg::Key(k), ..] => WHOLE.iter().find(|(key, ..)| k == key).map(|(_, zh, en)| lang.pick(zh, en).to_string()),
        _ => None,
    };
    let words = match field {
        Some(f) => format!("{line} · {f}"),
        None => line,
    };
    in_words(words)
}

pub use crate::engine::lang::months;

pub use crate::engine::money::pack_size;

/// Packs of one size as bought: `1 × 1万次` / `1 × 10,000`.
pub fn packs(count: u64, size: u64, lang: Lang) -> String {
    format!("{} × {}", group_u64(count), pack_size(size, lang))
}

/// The packs bought in `month`, in words (`1 × 1万次 + 2 × 1千次`), from purchases as (month,
/// count, size); empty where none.
pub fn bought_in(purchases: impl IntoIterator<Item = (u32, u64, u64)>, month: u32, lang: Lang) -> String {
    let words: Vec<String> = purchases
        .into_iter()
        .filter(|&(m, count, _)| m == month && count > 0)
        .map(|(_, count, size)| packs(count, size, lang))
        .collect();
    words.join(" + ")
}

/// Dated months' first and last, in brackets after what they date: ` (2027-11 to 2028-01)`,
/// `（2027-11 至 2028-01）`; nothing for months without dates.
pub fn date_span(calendar: &[crate::engine::usage::Month], lang: Lang) -> String {
    let (Some(from), Some(to)) = (calendar.first(), calendar.last()) else {
        return String::new();
    };
    match (lang, from == to) {
        (Lang::Zh, true) => format!("（{from}）"),
        (Lang::Zh, false) => format!("（{from} 至 {to}）"),
        (Lang::En, true) => format!(" ({from})"),
        (Lang::En, false) => format!(" ({from} to {to})"),
    }
}

/// A line's inputs in one sentence, for the printed quote:
/// `每月 15,000 次，共 1 个月；资源包 1 × 1万次；后付费开启`.
pub fn describe_line(line: &crate::engine::Line, currency: &str, lang: Lang) -> String {
    let months = line.calls.len();
    let uniform = super::edit::uniform(line);
    let total: u64 = line.calls.iter().fold(0u64, |a, c| a.saturating_add(*c));
    let first = line.calls.first().copied().unwrap_or(0);
    let mut parts = vec![match (lang, uniform) {
        (Lang::Zh, true) => format!("每月 {} 次，共 {months} 个月", group_u64(first)),
        (Lang::Zh, false) => format!("{months} 个月共 {} 次", group_u64(total)),
        (Lang::En, true) => {
            format!("{} calls a month for {months} month{}", group_u64(first), if months == 1 { "" } else { "s" })
        }
        (Lang::En, false) => format!("{} calls over {months} months", group_u64(total)),
    }];
    // Its dates, where it has them: the first and the last month.
    parts[0].push_str(&date_span(&line.calendar(), lang));
    // The growth the months follow, from month 1's calls (none to say over one month, or at 0).
    if let Some(g) = line.growth.filter(|g| !g.is_zero() && months > 1) {
        let (first, rate) = (group_u64(first), money::plain(g.abs()));
        parts.push(match (lang, g.is_sign_negative()) {
            (Lang::Zh, false) => format!("自 {first} 次起每月增长 {rate}%"),
            (Lang::Zh, true) => format!("自 {first} 次起每月减少 {rate}%"),
            (Lang::En, false) => format!("growing {rate}% a month from {first}"),
            (Lang::En, true) => format!("falling {rate}% a month from {first}"),
        });
    }
    // The range, as its fields say it; where the months differ (a forecast's widens), from the
    // least to the most of any month with calls, each to 0.1 % ("高用量 +12.7%～+20.0%").
    if let Some((below, above)) = super::edit::spread(line) {
        let with_calls: Vec<usize> = (0..line.calls.len()).filter(|&k| line.calls[k] > 0).collect();
        // Month k's side, as a percentage of its calls.
        let at = |k: usize, up: bool| {
            let c = Decimal::from(line.calls[k]);
            let bound = if up { line.calls_high.as_ref() } else { line.calls_low.as_ref() };
            let b = Decimal::from(bound.and_then(|b| b.get(k)).copied().unwrap_or(line.calls[k]));
            let d = if up { b - c } else { c - b };
            (d * Decimal::ONE_HUNDRED / c)
                .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        };
        let varies = super::edit::spread_varies(line) && with_calls.len() > 1;
        // Only the sides the range has (a high case alone says nothing of a low one).
        let sides: Vec<String> = [(below, false), (above, true)]
            .into_iter()
            .filter_map(|(p, up)| {
                let signed = |p: Decimal| {
                    if p.is_zero() {
                        "0%".to_string()
                    } else {
                        format!("{}{}%", if up { "+" } else { "−" }, money::plain(p))
                    }
                };
                let p = if varies {
                    let each: Vec<Decimal> = with_calls.iter().map(|&k| at(k, up)).collect();
                    let (least, most) = (*each.iter().min()?, *each.iter().max()?);
                    match (most.is_zero(), least == most) {
                        (true, _) => return None,
                        (false, true) => signed(least),
                        (false, false) => format!("{}{}{}", signed(least), lang.pick("～", " to "), signed(most)),
                    }
                } else if p.is_zero() {
                    return None;
                } else {
                    signed(p)
                };
                Some(match (lang, up) {
                    (Lang::Zh, false) => format!("低用量 {p}"),
                    (Lang::Zh, true) => format!("高用量 {p}"),
                    (Lang::En, false) => format!("low {p}"),
                    (Lang::En, true) => format!("high {p}"),
                })
            })
            .collect();
        if !sides.is_empty() {
            let each = if varies { lang.pick("（逐月不同）", " (different each month)") } else { "" };
            parts.push(format!("{}{each}", sides.join(lang.pick("，", ", "))));
        }
    }
    if !line.packs.is_empty() {
        let packs: Vec<String> = line
            .packs
            .iter()
            .map(|p| {
                let base = packs(p.count, p.size, lang);
                match (p.month, lang) {
                    (1, _) => base,
                    (m, Lang::Zh) => format!("{base}（第 {m} 月）"),
                    (m, Lang::En) => format!("{base} (month {m})"),
                }
            })
            .collect();
        parts.push(format!("{}{}", lang.pick("资源包 ", "packs "), packs.join(", ")));
    }
    match (line.free_calls, line.free_months) {
        (0, _) => {}
        (n, None) => parts.push(format!("{}{}", lang.pick("赠送 ", "free "), calls(n, lang))),
        (n, Some(m)) => parts.push(match lang {
            Lang::Zh => format!("已有 {}（可用 {m} 个月）", calls(n, Lang::Zh)),
            Lang::En => format!("{} held (for {m} month{})", calls(n, Lang::En), if m == 1 { "" } else { "s" }),
        }),
    }
    parts.extend(offer_terms(line.discount, line.negotiated(), currency, lang));
    parts.push(
        lang.pick(
            if line.postpaid { "后付费开启" } else { "后付费关闭" },
            if line.postpaid { "postpaid on" } else { "postpaid off" },
        )
        .to_string(),
    );
    parts.join(lang.pick("；", "; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// A range whose low and high cases both pass the postpaid table's last tier in a month (the
    /// reviewer's 100,000 / 210,000 / 100,000 low and 250,000 / 350,000 / 150,000 high): each side
    /// says it waits, so the low case's part (2 × 100,000 × 0.68 = 136,000) is not read as its
    /// whole beside the high case's (150,000 × 0.68 = 102,000).
    #[test]
    fn each_side_of_a_range_says_where_it_waits_for_a_price() {
        use crate::engine::explain::Missing;
        let low = money_or_part(None, Some(dec!(136000)), None, "CNY", Lang::Zh);
        let high = money_or_part(None, Some(dec!(102000)), None, "CNY", Lang::Zh);
        assert_eq!((low.as_str(), high.as_str()), ("136,000.00 元 + 需联系商务", "102,000.00 元 + 需联系商务"));
        assert_eq!(money_or_part(Some(dec!(408000)), None, None, "CNY", Lang::En), "CNY 408,000.00");
        assert_eq!(money_or_part(None, None, Some(Missing::OnRequest), "CNY", Lang::En), "Price on request");
    }

    #[test]
    fn a_line_too_large_says_its_months_as_counted() {
        use crate::engine::{TooLargeSize, TooLargeWhy};
        let one = TooLargeSize { why: TooLargeWhy::RangeMemory, months: 1, calls: 1_000_000_000_000 };
        assert!(too_large(&one, Lang::En).contains("in a browser tab: 1 month of up to 1,000,000,000,000 calls"));
        assert!(too_large(&one, Lang::Zh).contains("：1 个月，每月最多 1,000,000,000,000 次调用"));
        let twelve = TooLargeSize { months: 12, ..one };
        assert!(too_large(&twelve, Lang::En).contains(": 12 months of up to"));
    }

    #[test]
    fn an_estimates_problem_is_said_in_the_pages_language_without_the_clis_hints() {
        use crate::engine::catalog::builtin;
        use crate::engine::{Estimate, quote};
        let problem_of = |json: &str, lang| {
            let e = Estimate::from_json(json).and_then(|e| quote(builtin(), &e, lang).map(|_| ()));
            problem(&e.unwrap_err(), lang)
        };
        let nope = r#"{"lines":[{"service":"nope","calls":[5]}]}"#;
        assert_eq!(problem_of(nope, Lang::Zh), "第 1 项 · 服务（lines[0].service）：没有名为“nope”的服务");
        assert_eq!(problem_of(nope, Lang::En), "Line 1 · service (lines[0].service): no service is called \"nope\"");
        let close = r#"{"lines":[{"service":"活体","calls":[5]}]}"#;
        assert!(problem_of(close, Lang::Zh).contains("，是不是想找 活体人脸核身"), "{}", problem_of(close, Lang::Zh));
        let odd = r#"{"lines":[{"service":"活体人脸核身","calls":[5],"packs":[{"size":12345,"count":1}]}]}"#;
        assert_eq!(
            problem_of(odd, Lang::Zh),
            "第 1 项 · 第 1 笔资源包（lines[0].packs[0].size）：活体人脸核身 没有 12,345次的资源包；可选规格：1,000次、1万次、10万次、20万次、50万次、100万次"
        );
        // The kinds every document shares are said in Chinese, with the line and month in words.
        let negative = r#"{"lines":[{"service":"活体人脸核身","calls":[10000,-5]}]}"#;
        assert_eq!(
            problem_of(negative, Lang::Zh),
            "第 1 项 · 第 2 月调用量（lines[0].calls[1]）：应为不小于 0 的整数，而不是 -5"
        );
        assert_eq!(
            problem_of(negative, Lang::En),
            "Line 1 · month 2's calls (lines[0].calls[1]): must be a whole number ≥ 0, not -5"
        );
        let typo = r#"{"lines":[{"service":"活体人脸核身","calls":["1万"]}]}"#;
        assert_eq!(
            problem_of(typo, Lang::Zh),
            "第 1 项 · 第 1 月调用量（lines[0].calls[0]）：应为数字，而不是文字“1万”"
        );
        let unknown = r#"{"lines":[{"service":"活体人脸核身","calls":[5],"postpay":true}]}"#;
        assert!(
            problem_of(unknown, Lang::Zh)
                .starts_with("第 1 项（lines[0].postpay）：没有“postpay”这个字段；可用的字段：")
        );
        let list = r#"{"lines":[{"service":"x","calls":[5]}],"price_list":{"mode":"extend","list":{"format":2,"services":[{"id":"x","name":"X","postpaid":{"tiers":[{"price":-1}]}}]}}}"#;
        let zh = problem_of(list, Lang::Zh);
        assert!(zh.starts_with("价目表有 2 处问题："), "{zh}");
        assert!(zh.contains("currency：缺少币种：格式 2 的价目表须写明币种"), "{zh}");
        assert!(
            zh.ends_with("tiers[0].price：价格不是十进制数字（价格请写成带引号的文字，以免舍入：\"-1\"，而不是 -1）"),
            "{zh}"
        );
        assert_eq!(problem_of("{", Lang::Zh), "不是有效的 JSON：在第 1 行第 1 列中途结束（可能不完整）");
        assert_eq!(problem_of(" ", Lang::Zh), "内容是空的：请粘贴或选择一份 JSON 文件");
    }

    #[test]
    fn an_estimates_and_a_comparisons_own_rules_are_said_in_the_pages_language() {
        use crate::engine::catalog::builtin;
        use crate::engine::offers::Offers;
        use crate::engine::{Estimate, estimate::ListCache, quote};
        let estimate = |json: &str| {
            let e = Estimate::from_json(json).and_then(|e| quote(builtin(), &e, Lang::Zh).map(|_| ())).unwrap_err();
            (problem(&e, Lang::Zh), problem(&e, Lang::En))
        };
        let (zh, en) = estimate(r#"{"lines":[{"service":"活体人脸核身","calls":[5]}],"discount":{"percent":"120"}}"#);
        assert_eq!(zh, "整体折扣（discount.percent）：折扣应在 0 到 100（百分比）之间，而不是 120");
        assert!(en.ends_with("(discount.percent): a discount is from 0 to 100 percent, not 120"), "{en}");
        let weights = r#"{"lines":[{"service":"活体人脸核身","calls":[5]}],"scenario_weights":{"low":"0.3","likely":"0.5","high":"0.3"}}"#;
        let (zh, en) = estimate(weights);
        assert!(zh.ends_with("权重之和为 1.1；须恰好为 1"), "{zh}");
        assert!(en.ends_with("the weights add up to 1.1; they must add up to exactly 1"), "{en}");
        let (zh, _) = estimate(r#"{"lines":[{"service":" ","calls":[5]}]}"#);
        assert!(zh.ends_with("：请填写服务名称，如“活体人脸核身”"), "{zh}");
        let (zh, en) =
            estimate(r#"{"lines":[{"service":"活体人脸核身","calls":[5],"commitments":[{"id":"x","month":1}]}]}"#);
        assert!(zh.ends_with("：活体人脸核身 没有承诺套餐，因此没有“x”"), "{zh}");
        assert!(
            en.ends_with("Liveness face verification (活体人脸核身) has no commitments, so none called \"x\""),
            "{en}"
        );
        let offers = |json: &str| {
            let v: serde_json::Value = serde_json::from_str(json).unwrap();
            let e = Offers::read(&v, builtin(), &mut ListCache::default(), true).unwrap_err();
            (problem(&e, Lang::Zh), problem(&e, Lang::En))
        };
        let one = r#"{"calls":[5],"vendors":[{"name":"A","service":"活体人脸核身"}]}"#;
        let (zh, en) = offers(one);
        assert!(zh.ends_with("：共 1 个报价；可比较 2 到 6 个"), "{zh}");
        assert!(en.ends_with(": 1 offers; compare 2 to 6"), "{en}");
        let (zh, _) = offers(r#"{"calls":[5],"currency":"rmb","vendors":[]}"#);
        assert!(zh.ends_with("“rmb”不是币种代码，应写成 \"CNY\" 或 \"USD\" 这样"), "{zh}");
        let (zh, _) = offers(r#"{"calls":[5],"rates":{"USD":7.1},"vendors":[]}"#);
        assert!(
            zh.ends_with(
                "汇率请写成带引号的文字，以免舍入：\"7.1\"，而不是 7.1（即 1 USD 折合多少 CNY，写成带引号的精确小数）"
            ),
            "{zh}"
        );
    }

    #[test]
    fn a_lines_shape_rules_are_said_in_the_pages_language() {
        use crate::engine::Estimate;
        let both = |json: &str| {
            let e = Estimate::from_json(json).unwrap_err();
            (problem(&e, Lang::Zh), problem(&e, Lang::En))
        };
        let (zh, en) = both(r#"{"lines":[{"service":"活体人脸核身"}]}"#);
        assert_eq!(zh, "第 1 项 · 调用量（lines[0].calls）：缺少此项：请给出每月调用量，如 [15000]");
        assert_eq!(en, "Line 1 · calls (lines[0].calls): missing: give the calls per month, like [15000]");
        let (zh, en) = both(r#"{"lines":[{"service":"活体人脸核身","calls":[]}]}"#);
        assert_eq!(zh, "第 1 项 · 调用量（lines[0].calls）：请至少填写一个月的调用量，如 [15000]");
        assert_eq!(en, "Line 1 · calls (lines[0].calls): give the calls of at least one month, like [15000]");
        let months = vec!["1"; 121].join(",");
        let (zh, en) = both(&format!(r#"{{"lines":[{{"service":"活体人脸核身","calls":[{months}]}}]}}"#));
        assert!(zh.ends_with("：共 121 个月，最多 120 个月（十年）"), "{zh}");
        assert!(en.ends_with(": 121 months; the most is 120 (ten years)"), "{en}");
        let high = r#"{"lines":[{"service":"活体人脸核身","calls":[10000,20000],"calls_high":[12000,15000]}]}"#;
        let (zh, en) = both(high);
        assert!(zh.ends_with("：第 2 月：高用量（15,000）低于预计用量（20,000）"), "{zh}");
        assert!(en.ends_with(": month 2: the high case (15,000) is below the likely calls (20,000)"), "{en}");
        let late =
            r#"{"lines":[{"service":"活体人脸核身","calls":[10000],"packs":[{"size":10000,"count":1,"month":3}]}]}"#;
        let (zh, en) = both(late);
        assert!(zh.ends_with("：第 3 月晚于最后一个有调用量的月份（第 1 月）；请为该月填写调用量，或提前购买"), "{zh}");
        assert!(
            en.ends_with(": month 3 is after the last month of calls (month 1); add calls for it or buy earlier"),
            "{en}"
        );
        let gap = r#"{"lines":[{"service":"活体人脸核身","calls":[1,2],"usage_months":["2025-11","2026-01"]}]}"#;
        let (zh, en) = both(gap);
        assert!(zh.ends_with("：2026-01 没有紧接 2025-11：月份须连续，不能有空缺"), "{zh}");
        assert!(en.ends_with(": 2026-01 does not follow 2025-11: the months must run on without a gap"), "{en}");
        let (zh, _) = both(r#"{"lines":[{"service":"活体人脸核身","calls":[1],"usage_months":["2025-13"]}]}"#);
        assert!(zh.ends_with("：“2025-13”不是月份，应写成 \"2025-11\" 这样"), "{zh}");
    }

    #[test]
    fn a_line_is_described_in_one_sentence() {
        let l = crate::engine::Line::new("x", vec![15_000]).with_packs(10_000, 1);
        assert_eq!(describe_line(&l, "CNY", Lang::Zh), "每月 15,000 次，共 1 个月；资源包 1 × 1万次；后付费开启");
        assert_eq!(
            describe_line(&l, "CNY", Lang::En),
            "15,000 calls a month for 1 month; packs 1 × 10,000; postpaid on"
        );
        let mut l = crate::engine::Line::new("x", vec![1, 2]);
        l.postpaid = false;
        l.free_calls = 500;
        assert_eq!(describe_line(&l, "CNY", Lang::En), "3 calls over 2 months; free 500 calls; postpaid off");
        // The range and the line's own terms are part of what the line is.
        let mut l = crate::engine::Line::new("x", vec![10_000, 10_000]);
        crate::app::edit::set_spread(&mut l, dec!(20), dec!(35));
        l.negotiated_price = Some(dec!(0.05));
        assert_eq!(
            describe_line(&l, "CNY", Lang::Zh),
            "每月 10,000 次，共 2 个月；低用量 −20%，高用量 +35%；协商单价 0.05 元/次；后付费开启"
        );
        assert_eq!(
            describe_line(&l, "CNY", Lang::En),
            "10,000 calls a month for 2 months; low −20%, high +35%; negotiated CNY 0.05 per call; postpaid on"
        );
        crate::app::edit::set_side(&mut l, false, dec!(0));
        assert!(describe_line(&l, "CNY", Lang::En).contains("; high +35%; "), "no low −0%");
        // Dated months say their span; one month its date.
        crate::app::edit::set_first_month(&mut l, crate::engine::usage::Month::new(2027, 11));
        assert!(describe_line(&l, "CNY", Lang::Zh).starts_with("每月 10,000 次，共 2 个月（2027-11 至 2027-12）；"));
        assert!(
            describe_line(&l, "CNY", Lang::En).starts_with("10,000 calls a month for 2 months (2027-11 to 2027-12); ")
        );
        crate::app::edit::set_months(&mut l, 1);
        assert!(describe_line(&l, "CNY", Lang::En).starts_with("10,000 calls a month for 1 month (2027-11); "));
        // A growth is said with the month it grows from: 10,000, 10,500, 11,025 = 31,525.
        crate::app::edit::set_months(&mut l, 3);
        crate::app::edit::set_growth(&mut l, Some(Decimal::from(5)));
        let zh = describe_line(&l, "CNY", Lang::Zh);
        assert!(zh.starts_with("3 个月共 31,525 次（2027-11 至 2028-01）；自 10,000 次起每月增长 5%；"), "{zh}");
        let en = describe_line(&l, "CNY", Lang::En);
        assert!(
            en.starts_with("31,525 calls over 3 months (2027-11 to 2028-01); growing 5% a month from 10,000; "),
            "{en}"
        );
        // Falling: 10,000, 9,450, 8,930.25 → 8,930 at −5.5 %.
        crate::app::edit::set_growth(&mut l, Some(Decimal::new(-55, 1)));
        assert!(describe_line(&l, "CNY", Lang::Zh).contains("；自 10,000 次起每月减少 5.5%；"));
        assert!(describe_line(&l, "CNY", Lang::En).contains("; falling 5.5% a month from 10,000; "));
        // Over one month, or at 0 %, nothing to say.
        crate::app::edit::set_growth(&mut l, Some(Decimal::ZERO));
        assert!(!describe_line(&l, "CNY", Lang::En).contains("growing"));
        crate::app::edit::set_growth(&mut l, Some(Decimal::from(5)));
        crate::app::edit::set_months(&mut l, 1);
        assert!(!describe_line(&l, "CNY", Lang::En).contains("growing"));
        // A forecast's range widens month by month: from the least to the most, to 0.1 %
        // (8,000 / 12,000 of 9,000 calls: −11.1 % / +33.3 %; 5,000 / 13,000 of 6,000: −16.7 % /
        // +116.7 %; 7,000 / 10,000 of 7,000: 0 % / +42.9 %), not month 1's alone at its exact
        // percentage; a side 0 in one month and not in others is said.
        let mut l = crate::engine::Line::new("x", vec![9_000, 6_000, 7_000]);
        l.calls_low = Some(vec![8_000, 5_000, 7_000]);
        l.calls_high = Some(vec![12_000, 13_000, 10_000]);
        let zh = describe_line(&l, "CNY", Lang::Zh);
        assert!(zh.contains("；低用量 0%～−16.7%，高用量 +33.3%～+116.7%（逐月不同）；"), "{zh}");
        let en = describe_line(&l, "CNY", Lang::En);
        assert!(en.contains("; low 0% to −16.7%, high +33.3% to +116.7% (different each month); "), "{en}");
    }

    #[test]
    fn money_reads_naturally_in_each_language() {
        assert_eq!(money(Some(dec!(12250)), "CNY", Lang::Zh), "12,250.00 元");
        assert_eq!(money(Some(dec!(12250)), "CNY", Lang::En), "CNY 12,250.00");
        assert_eq!(money(None, "CNY", Lang::En), "Ask sales");
        assert_eq!(unit_price(dec!(0.85), "CNY", Lang::Zh), "0.85 元/次");
        assert_eq!(unit_price(dec!(0.85), "CNY", Lang::En), "CNY 0.85 per call");
        assert_eq!(calls(15000, Lang::Zh), "15,000 次");
        assert_eq!(pack_size(100_000, Lang::Zh), "10万次");
        assert_eq!(pack_size(1_000_000, Lang::Zh), "100万次");
        assert_eq!(pack_size(5_000, Lang::Zh), "5,000次");
        assert_eq!(pack_size(100_000, Lang::En), "100,000");
    }

    #[test]
    fn an_offers_terms_are_said_in_one_phrase() {
        use crate::engine::terms::{Discount, DiscountScope};
        let d = Discount { percent: dec!(10), applies_to: DiscountScope::Packs };
        assert_eq!(offer_terms(None, None, "CNY", Lang::En), None);
        assert_eq!(
            offer_terms(Some(d), Some(dec!(0.6).into()), "USD", Lang::En).as_deref(),
            Some("10% off (packs only) · negotiated USD 0.6 per call")
        );
        let all = Discount { applies_to: DiscountScope::All, ..d };
        assert_eq!(offer_terms(Some(all), None, "CNY", Lang::Zh).as_deref(), Some("优惠 10%（9 折）"));
        let packs = crate::engine::terms::Discount { applies_to: crate::engine::terms::DiscountScope::Packs, ..all };
        assert_eq!(offer_terms(Some(packs), None, "CNY", Lang::Zh).as_deref(), Some("优惠 10%（9 折，仅资源包）"));
        assert_eq!(offer_terms(None, Some(dec!(0.6).into()), "CNY", Lang::Zh).as_deref(), Some("协商单价 0.6 元/次"));
        let every = crate::engine::rating::Negotiated { price: dec!(0.55), all_calls: true };
        assert_eq!(offer_terms(None, Some(every), "CNY", Lang::Zh).as_deref(), Some("协商单价 0.55 元/次（每次调用）"));
        assert_eq!(
            offer_terms(None, Some(every), "CNY", Lang::En).as_deref(),
            Some("negotiated CNY 0.55 per call (every call)")
        );
    }
}

/// Ascending months with runs of three or more as ranges: `1, 2, 4–6`.
pub fn month_runs(months: &[u32], separator: &str) -> String {
    let mut runs: Vec<String> = Vec::new();
    let mut i = 0;
    while i < months.len() {
        let mut j = i;
        while j + 1 < months.len() && months[j + 1] == months[j] + 1 {
            j += 1;
        }
        if j - i >= 2 {
            runs.push(format!("{}–{}", months[i], months[j]));
        } else {
            runs.extend(months[i..=j].iter().map(|m| m.to_string()));
        }
        i = j + 1;
    }
    runs.join(separator)
}

/// A line's commitments in words: "“1M” in months 1, 3–5" (`none` for none).
pub fn commitments(line: &crate::engine::Line, names: &dyn Fn(&str) -> String, none: &str, lang: Lang) -> String {
    let mut ids: Vec<&str> = Vec::new();
    for t in &line.commitments {
        if !ids.contains(&t.id.as_str()) {
            ids.push(&t.id);
        }
    }
    if ids.is_empty() {
        return none.to_string();
    }
    ids.iter()
        .map(|id| {
            let taken = super::edit::commitment_months(line, id);
            let months = month_runs(&taken, lang.pick("、", ", "));
            match lang {
                Lang::Zh => format!("承诺套餐「{}」：第 {months} 月", names(id)),
                Lang::En if taken.len() == 1 => format!("“{}” commitment in month {months}", names(id)),
                Lang::En => format!("“{}” commitment in months {months}", names(id)),
            }
        })
        .collect::<Vec<_>>()
        .join(lang.pick("；", "; "))
}

/// A plan in words: its packs, then its commitments (format 2, named as `service` names them),
/// or "no packs" for neither. The cheapest plan's panel, an offer's plan and a scenario's say it
/// alike.
pub fn plan_words(line: &crate::engine::Line, service: Option<&crate::engine::catalog::Service>, lang: Lang) -> String {
    let t = crate::app::text::texts(lang);
    let calendar = line.calendar();
    if line.commitments.is_empty() {
        return purchases_dated(&line.packs, t.opt_no_packs, &calendar, lang);
    }
    let names = |id: &str| {
        service.and_then(|s| s.commitment(id)).map_or_else(|| id.to_string(), |c| c.name.get(lang).to_string())
    };
    let committed = commitments(line, &names, "", lang);
    if line.packs.is_empty() {
        committed
    } else {
        format!("{}{}{committed}", purchases_dated(&line.packs, "", &calendar, lang), lang.pick("；", "; "))
    }
}

/// A purchase plan in words, purchases of the same packs grouped with their months (runs of three
/// or more as ranges): "1 × 1,000,000 in each of months 1, 2, 4–6; 2 × 100,000 in month 8". `none` is what
/// an empty plan says.
pub fn purchases(packs: &[crate::engine::PackPurchase], none: &str, lang: Lang) -> String {
    purchases_dated(packs, none, &[], lang)
}

/// Up to how many months of one purchase [`purchases_dated`] gives calendar months for.
const MOST_DATED: usize = 6;

/// [`purchases`], each purchase's calendar month after it where the line has a calendar (a
/// history, a forecast or a first month: `1 × 200,000 in month 2 (2026-02)`; for up to
/// [`MOST_DATED`] months, each of theirs).
pub fn purchases_dated(
    packs: &[crate::engine::PackPurchase],
    none: &str,
    calendar: &[crate::engine::usage::Month],
    lang: Lang,
) -> String {
    use crate::app::text::{fill, texts};
    if packs.is_empty() {
        return none.to_string();
    }
    let t = texts(lang);
    // (size, count) in order of first purchase, with their months.
    let mut groups: Vec<((u64, u64), Vec<u32>)> = Vec::new();
    let mut sorted: Vec<&crate::engine::PackPurchase> = packs.iter().collect();
    sorted.sort_by_key(|p| p.month);
    for p in sorted {
        match groups.iter_mut().find(|(k, _)| *k == (p.size, p.count)) {
            Some((_, months)) => months.push(p.month),
            None => groups.push(((p.size, p.count), vec![p.month])),
        }
    }
    // Packs bought in one month only are said together, month by month ("5 × 1,000 + 1 × 1万
    // in month 1"); the same packs bought in several months, with their months.
    let what = |size: u64, count: u64| self::packs(count, size, lang);
    let mut said: Vec<(u32, String)> = Vec::new();
    let mut months_of: Vec<(u32, Vec<u32>, String)> = Vec::new();
    for ((size, count), mut months) in groups {
        months.dedup();
        match months[..] {
            [m] => match months_of.iter_mut().find(|(first, all, _)| all.len() == 1 && *first == m) {
                Some((_, _, w)) => *w = format!("{w} + {}", what(size, count)),
                None => months_of.push((m, months, what(size, count))),
            },
            _ => months_of.push((months[0], months, what(size, count))),
        }
    }
    months_of.sort_by_key(|(first, _, _)| *first);
    for (first, months, w) in months_of {
        let text = if months.len() == 1 {
            fill(t.opt_buy, &[("m", &first.to_string()), ("what", &w)])
        } else {
            fill(t.opt_buy_months, &[("months", &month_runs(&months, lang.pick("、", ", "))), ("what", &w)])
        };
        // Their calendar months, where the line has them and they are few enough to read (a
        // pack bought once a year for five years: all five).
        let dated: Option<Vec<String>> = (months.len() <= MOST_DATED)
            .then(|| months.iter().map(|m| calendar.get(*m as usize - 1).map(ToString::to_string)).collect())
            .flatten();
        let text = match dated {
            Some(d) if !d.is_empty() => {
                format!("{text}{}{}{}", lang.pick("（", " ("), d.join(lang.pick("、", ", ")), lang.pick("）", ")"))
            }
            _ => text,
        };
        said.push((first, text));
    }
    said.into_iter().map(|(_, s)| s).collect::<Vec<_>>().join(lang.pick("；", "; "))
}

#[cfg(test)]
mod purchase_tests {
    use super::purchases;
    use crate::engine::{Lang, PackPurchase};

    #[test]
    fn purchases_of_the_same_packs_are_grouped_by_month() {
        let p = |month, size, count| PackPurchase { size, count, month };
        let plan = [
            p(1, 1_000_000, 1),
            p(2, 1_000_000, 1),
            p(4, 1_000_000, 1),
            p(5, 1_000_000, 1),
            p(6, 1_000_000, 1),
            p(3, 100_000, 2),
        ];
        assert_eq!(
            purchases(&plan, "none", Lang::En),
            "1 × 1,000,000 in each of months 1, 2, 4–6; 2 × 100,000 in month 3"
        );
        assert_eq!(purchases(&plan, "none", Lang::Zh), "第 1、2、4–6 月各买 1 × 100万次；第 3 月买 2 × 10万次");
        // Several sizes in one month are said once, with that month.
        let plan = [p(1, 1_000, 5), p(1, 10_000, 1), p(3, 1_000, 2)];
        assert_eq!(purchases(&plan, "none", Lang::En), "5 × 1,000 + 1 × 10,000 in month 1; 2 × 1,000 in month 3");
        assert_eq!(purchases(&plan, "none", Lang::Zh), "第 1 月买 5 × 1,000次 + 1 × 1万次；第 3 月买 2 × 1,000次");
        assert_eq!(purchases(&[], "none", Lang::En), "none");
        // With the line's calendar (a forecast from 2026-01): each purchase's month after it.
        let calendar = crate::engine::usage::Month::new(2026, 1).unwrap().run(12);
        let forecast = [
            PackPurchase { size: 200_000, count: 1, month: 2 },
            PackPurchase { size: 500_000, count: 1, month: 6 },
            PackPurchase { size: 500_000, count: 1, month: 11 },
        ];
        assert_eq!(
            super::purchases_dated(&forecast, "none", &calendar, Lang::En),
            "1 × 200,000 in month 2 (2026-02); 1 × 500,000 in each of months 6, 11 (2026-06, 2026-11)"
        );
        assert_eq!(
            super::purchases_dated(&forecast, "none", &calendar, Lang::Zh),
            "第 2 月买 1 × 20万次（2026-02）；第 6、11 月各买 1 × 50万次（2026-06、2026-11）"
        );
        // Five years from 2027-01, one 50万 pack in each of five months: each dated (a sixth
        // month too), a seventh left to the month table.
        let calendar = crate::engine::usage::Month::new(2027, 1).unwrap().run(60);
        let five: Vec<PackPurchase> =
            [19, 30, 37, 43, 54].map(|month| PackPurchase { size: 500_000, count: 1, month }).to_vec();
        assert_eq!(
            super::purchases_dated(&five, "none", &calendar, Lang::Zh),
            "第 19、30、37、43、54 月各买 1 × 50万次（2028-07、2029-06、2030-01、2030-07、2031-06）"
        );
        let seven: Vec<PackPurchase> =
            [1, 10, 19, 28, 37, 46, 55].map(|month| PackPurchase { size: 500_000, count: 1, month }).to_vec();
        assert_eq!(
            super::purchases_dated(&seven, "none", &calendar, Lang::En),
            "1 × 500,000 in each of months 1, 10, 19, 28, 37, 46, 55"
        );
    }
}
