//! Reading what a visitor types into the number fields: `15,000`, `15000`, `1.5万`, `15k`,
//! `２０００` (full-width digits from a Chinese IME), `3 千`. Never a float: fractions are read
//! as exact decimals and must come out whole.

use rust_decimal::Decimal;
use std::str::FromStr;

use crate::engine::Lang;
use crate::engine::limits;
use crate::engine::money::group_u64;
use crate::engine::number::{self, CountProblem};
use crate::engine::usage::Month;
use crate::engine::usage::month::{DateRead, read_date};

/// What is wrong with a typed number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputError {
    Empty,
    NotANumber,
    Negative,
    /// `1.5` calls: not whole.
    Fraction,
    /// Over the field's maximum (which the message names).
    TooLarge(u64),
    /// Under the field's minimum.
    TooSmall(u64),
    /// Not a price or percentage: letters, or more decimal places than allowed.
    NotADecimal,
    /// Not a list of months like `1-3, 6`, or a range running backwards.
    NotMonths,
    /// 0 where the value must be above it (an exchange rate).
    Zero,
    /// Not a monthly growth: letters, more than 4 decimal places, −100 % or less, over 1,000 %.
    Growth,
    /// Not a count of months or packs: letters.
    NotACount,
    /// A count of months or packs left empty.
    NoCount,
    /// Not a discount: letters, more than 4 decimal places, or a 折 that is none.
    NotADiscount,
    /// Not a case's weight: letters, or more than 4 decimal places (2 in a percentage).
    NotAWeight,
    /// Commas that do not group thousands (`15,00`).
    Grouping,
    /// Several numbers in one field (`38412 41977`: cells of a spreadsheet pasted together).
    Several,
    /// A point before three digits in a whole count (`15.000`): thousands in much of Europe,
    /// 15 here; neither is taken.
    PointGrouping(String),
    /// Not a calendar month like `2027-01` (or one before 1970 or after 2999).
    NotACalendarMonth,
    /// Not a VAT rate in percent: empty, letters, negative, over 100, or a bare fraction (`0.06`
    /// for 6 %).
    NotAVatRate,
    /// An amount of money where calls are asked for (`8000元`, `¥8,000`, `USD 80`).
    Money,
    /// The cases' weights add up to this, not 1; `None` while one is empty.
    WeightsSum(Option<Decimal>),
    /// The cases' weights, typed as percentages (one of them over 1), add up to this, not 100.
    WeightsPercentSum(Decimal),
    /// The month held calls expire in, typed as a calendar month, outside the months they can
    /// last: from the line's month 1 (`from`) to the packs' validity later (`to`).
    ExpiryOutside {
        from: Month,
        to: Month,
    },
    /// The month held calls expire in, typed as a calendar month where the line has no dates.
    ExpiryUndated,
}

impl InputError {
    /// A message to show next to the field.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (InputError::Empty, Lang::Zh) => "请输入数字，例如 15,000 或 1.5万".into(),
            (InputError::Empty, Lang::En) => "Enter a number, e.g. 15,000 or 15k".into(),
            (InputError::NotANumber, Lang::Zh) => "不是数字：请写成 15,000、15000、1.5万 或 15k".into(),
            (InputError::NotANumber, Lang::En) => "Not a number: write 15,000, 15000, 1.5万 or 15k".into(),
            (InputError::Negative, Lang::Zh) => "不能为负数".into(),
            (InputError::Negative, Lang::En) => "Cannot be negative".into(),
            // Calls, months and pack counts alike.
            (InputError::Fraction, Lang::Zh) => "必须是整数".into(),
            (InputError::Fraction, Lang::En) => "Must be a whole number".into(),
            (InputError::TooLarge(max), Lang::Zh) => format!("太大了：最多 {}", group_u64(*max)),
            (InputError::TooLarge(max), Lang::En) => format!("Too large: at most {}", group_u64(*max)),
            (InputError::TooSmall(min), Lang::Zh) => format!("至少为 {}", group_u64(*min)),
            (InputError::TooSmall(min), Lang::En) => format!("Must be at least {}", group_u64(*min)),
            (InputError::NotADecimal, Lang::Zh) => "请写成数字，例如 0.6 或 15（最多 8 位小数）".into(),
            (InputError::NotADecimal, Lang::En) => "Write a number like 0.6 or 15 (at most 8 decimal places)".into(),
            (InputError::NotAWeight, Lang::Zh) => {
                "请写 0 到 1 之间的权重，例如 0.25（最多 4 位小数），或百分比，例如 25%（最多 2 位小数）".into()
            }
            (InputError::NotAWeight, Lang::En) => {
                "Write a weight from 0 to 1, like 0.25 (at most 4 decimal places), or a percentage like 25% (at most 2)"
                    .into()
            }
            (InputError::NotMonths, Lang::Zh) => "请写月份，例如 1-12 或 1-3, 6".into(),
            (InputError::NotMonths, Lang::En) => "Write months like 1-12 or 1-3, 6".into(),
            (InputError::Zero, Lang::Zh) => "必须大于 0".into(),
            (InputError::Zero, Lang::En) => "Must be above 0".into(),
            (InputError::NotACount, Lang::Zh) => "请填写整数，例如 12".into(),
            (InputError::NotACount, Lang::En) => "Not a whole number: write e.g. 12".into(),
            (InputError::NoCount, Lang::Zh) => "请填写整数，例如 12".into(),
            (InputError::NoCount, Lang::En) => "Enter a whole number, e.g. 12".into(),
            (InputError::NotADiscount, Lang::Zh) => {
                "请填写优惠的百分比（最多 4 位小数），例如 15（即 85 折），或直接写“85折”".into()
            }
            (InputError::NotACalendarMonth, Lang::Zh) => {
                "请写 1970 至 2999 年间的年月，例如 2027-01 或 2027年1月".into()
            }
            (InputError::NotACalendarMonth, Lang::En) => {
                "Write a year (1970 to 2999) and month, e.g. 2027-01 or Jan 2027".into()
            }
            (InputError::NotAVatRate, Lang::Zh) => "请写税率的百分数，0 到 100，例如 6（即 6%）或 13".into(),
            (InputError::NotAVatRate, Lang::En) => "Write the rate in percent, 0 to 100: e.g. 6 (for 6%) or 13".into(),
            (InputError::Several, Lang::Zh) => "这里有几个数字（从表格复制了几格？）：每格只填一个数".into(),
            (InputError::Several, Lang::En) => {
                "This holds several numbers (cells copied from a spreadsheet?): one number per field".into()
            }
            (InputError::PointGrouping(t), Lang::Zh) => {
                let whole: String = t.chars().filter(|c| *c != '.').collect();
                let (head, tail) = t.split_once('.').unwrap_or((t, ""));
                format!("“{t}”的点是千位分隔还是小数点？请写 {whole} 或 {head},{tail}（若是 {head}，请写 {head}）")
            }
            (InputError::PointGrouping(t), Lang::En) => {
                let whole: String = t.chars().filter(|c| *c != '.').collect();
                let (head, tail) = t.split_once('.').unwrap_or((t, ""));
                format!(
                    "Is the point in \"{t}\" a thousands separator or a decimal point? Write {whole} or {head},{tail} (or {head} if you mean {head})"
                )
            }
            (InputError::WeightsSum(Some(sum)), Lang::Zh) => {
                format!("三个权重合计 {sum}，须合计为 1（例如 0.25、0.5、0.25）")
            }
            (InputError::WeightsSum(Some(sum)), Lang::En) => {
                format!("The three weights add up to {sum}; they must add up to 1 (e.g. 0.25, 0.5, 0.25)")
            }
            (InputError::WeightsPercentSum(sum), Lang::Zh) => {
                format!("三个权重合计 {sum}%，按百分比须合计为 100（例如 25、50、25），或写成小数合计为 1")
            }
            (InputError::WeightsPercentSum(sum), Lang::En) => format!(
                "The three weights add up to {sum} %; as percentages they must add up to 100 (e.g. 25, 50, 25), or to 1 as fractions"
            ),
            (InputError::WeightsSum(None), Lang::Zh) => "请填写全部三个权重，合计为 1".into(),
            (InputError::WeightsSum(None), Lang::En) => "Enter all three weights, adding up to 1".into(),
            (InputError::ExpiryOutside { from, to }, Lang::Zh) => {
                format!("到期月份须在第 1 个月（{from}）至 {to} 之间；或填剩余月数，例如 3")
            }
            (InputError::ExpiryOutside { from, to }, Lang::En) => {
                format!(
                    "The month they expire in must be from month 1 ({from}) to {to}; or type the months left, e.g. 3"
                )
            }
            (InputError::ExpiryUndated, Lang::Zh) => {
                "这一行没有起始月份：请填剩余月数，例如 3，或先填“起始月份”".into()
            }
            (InputError::ExpiryUndated, Lang::En) => {
                "This line has no first month: type the months left, e.g. 3, or give the line's first month".into()
            }
            (InputError::Money, Lang::Zh) => "这是金额：这里填调用次数（不带“元”），例如 8,000".into(),
            (InputError::Money, Lang::En) => "That is an amount of money: type the number of calls, e.g. 8,000".into(),
            (InputError::Grouping, Lang::Zh) => "逗号只用来每三位分隔，例如 15,000；小数请用点，例如 1.5万".into(),
            (InputError::Grouping, Lang::En) => {
                "Commas separate thousands, e.g. 15,000; write a decimal with a point, e.g. 15.5k".into()
            }
            (InputError::NotADiscount, Lang::En) => {
                "Write the percentage off (at most 4 decimal places), e.g. 15 (you pay 85%)".into()
            }
            // The range is the engine's one rule's words; the decimals are this reading's.
            (InputError::Growth, Lang::Zh) => {
                format!("请写百分比：{}，最多 4 位小数，例如 5 或 −2.5", crate::engine::growth::range(Lang::Zh))
            }
            (InputError::Growth, Lang::En) => format!(
                "Write a percentage: {}, with up to 4 decimal places, e.g. 5 or −2.5",
                crate::engine::growth::range(Lang::En)
            ),
        }
    }
}

/// Reads a whole number from `min` to `max`, accepting separators and 千/万/亿/k/m suffixes
/// (the reading of [`number::read_count`]).
pub fn parse_whole(text: &str, min: u64, max: u64) -> Result<u64, InputError> {
    // `15.000` (`15.000次`): one to three digits, a point, three digits, nothing else.
    let bare: String = text.trim().trim_end_matches('次').trim_end().chars().map(number::half_width).collect();
    if let Some((head, tail)) = bare.split_once('.')
        && (1..=3).contains(&head.chars().count())
        && tail.chars().count() == 3
        && head.chars().chain(tail.chars()).all(|c| c.is_ascii_digit())
    {
        return Err(InputError::PointGrouping(bare));
    }
    let value = match number::read_count(text) {
        Ok(v) => v,
        Err(CountProblem::Empty) => return Err(InputError::Empty),
        Err(_) if number::is_negative(text) => return Err(InputError::Negative),
        Err(CountProblem::NotANumber) => return Err(InputError::NotANumber),
        Err(CountProblem::TooLong) => return Err(InputError::TooLarge(max)),
        Err(CountProblem::Grouping) => return Err(InputError::Grouping),
        Err(CountProblem::Several) => return Err(InputError::Several),
    };
    if value.is_sign_negative() && !value.is_zero() {
        return Err(InputError::Negative);
    }
    if !value.fract().is_zero() {
        return Err(InputError::Fraction);
    }
    if value > Decimal::from(max) {
        return Err(InputError::TooLarge(max));
    }
    let n = u64::try_from(value).map_err(|_| InputError::TooLarge(max))?;
    if n < min {
        return Err(InputError::TooSmall(min));
    }
    Ok(n)
}

/// The cases' weights as typed in their three boxes (an empty one `None`): the weights, where
/// all three are typed and add up to 1, or to 100 as percentages (where one is over 1), else what
/// is wrong ([`Weights::new`]'s rule).
pub fn weights_typed(typed: [Option<Decimal>; 3]) -> Result<crate::engine::terms::Weights, InputError> {
    use crate::engine::terms::Weights;
    let [Some(low), Some(likely), Some(high)] = typed else { return Err(InputError::WeightsSum(None)) };
    // Typed as percentages (25 / 50 / 25): read as their hundredths where they add up to 100.
    let percent = [low, likely, high].iter().any(|w| *w > Decimal::ONE);
    if percent && low + likely + high == Decimal::ONE_HUNDRED {
        let f = |w: Decimal| (w / Decimal::ONE_HUNDRED).normalize();
        // A weight of at most 4 decimals as the estimate keeps it (0.125 % would be 0.00125).
        if [low, likely, high].iter().any(|&w| f(w).scale() > crate::engine::terms::MAX_DECIMALS) {
            return Err(InputError::NotAWeight);
        }
        return Weights::new(f(low), f(likely), f(high)).map_err(|sum| InputError::WeightsSum(Some(sum)));
    }
    Weights::new(low, likely, high)
        .map_err(|sum| if percent { InputError::WeightsPercentSum(sum) } else { InputError::WeightsSum(Some(sum)) })
}

/// A monthly growth under half a percent (`0.06`), which may be a rate written as a fraction
/// (6 %): its reading as a percentage (`6`), for the field to say which it took. `None` for
/// any other growth.
pub fn growth_as_fraction(percent: Decimal) -> Option<Decimal> {
    (!percent.is_zero() && percent.abs() < Decimal::new(5, 1)).then(|| (percent * Decimal::ONE_HUNDRED).normalize())
}

/// Calls in one month (0 to 10^12). An amount of money (a count with a currency's mark) is
/// said to be one.
pub fn parse_calls(text: &str) -> Result<u64, InputError> {
    parse_whole(text, 0, limits::MAX_CALLS_PER_MONTH).map_err(|e| match e {
        InputError::NotANumber if is_money(text) => InputError::Money,
        e => e,
    })
}

/// Whether `text` is a number with a currency's mark before or after it (`8000元`, `￥8,000`,
/// `8,000 CNY`, `$80`).
fn is_money(text: &str) -> bool {
    const MARKS: [&str; 10] = ["元", "块", "人民币", "¥", "￥", "$", "CNY", "RMB", "USD", "yuan"];
    let t = text.trim();
    MARKS.iter().any(|m| {
        let rest = t.strip_suffix(m).or_else(|| t.strip_prefix(m)).map(str::trim);
        rest.is_some_and(|r| !r.is_empty() && number::read_count(r).is_ok())
    })
}

/// Months of calls pasted from a spreadsheet into one month's field: a column (a line each), a
/// row (tab-separated) or numbers parted by spaces that do not group thousands (`38412 41977`),
/// each read as [`parse_calls`] reads a month. `None` unless there are two or more and every one
/// is a month's calls (an empty cell among them too is none: the months after it would move up
/// one); a trailing line break is no month.
pub fn parse_pasted_calls(text: &str) -> Option<Vec<u64>> {
    let mut cells = pasted_cells(text);
    if cells.iter().any(String::is_empty) {
        return None;
    }
    if let [one] = cells.as_slice()
        && number::read_count(one) == Err(CountProblem::Several)
    {
        cells = one.split_whitespace().map(str::to_string).collect();
    }
    if cells.len() < 2 {
        return None;
    }
    cells.iter().map(|c| parse_calls(c).ok()).collect()
}

/// The cells of text pasted from a spreadsheet, each trimmed: its lines (`\r\n`, `\n` or `\r`)
/// and the tab-separated cells of each; an empty cell kept as one (a trailing line break is
/// none).
pub fn pasted_cells(text: &str) -> Vec<String> {
    text.trim().replace("\r\n", "\n").split(['\n', '\r', '\t']).map(|c| c.trim().to_string()).collect()
}

/// How many packs of one size (0 to 10^6).
pub fn parse_pack_count(text: &str) -> Result<u64, InputError> {
    parse_whole(text, 0, limits::MAX_PACK_COUNT).map_err(count)
}

/// A count (of months, of packs) is not calls: its message's example is a count's.
fn count(e: InputError) -> InputError {
    match e {
        InputError::Empty => InputError::NoCount,
        InputError::NotANumber => InputError::NotACount,
        e => e,
    }
}

/// The calendar month of a line's month 1: `2027-01`, `2027/1`, `2027年1月`, `Jan 2027`,
/// `01/2027`, full-width digits too (a date with its day is read for its month where it can only
/// be one); empty for none.
pub fn parse_first_month(text: &str) -> Result<Option<Month>, InputError> {
    let text: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect();
    if text.is_empty() {
        return Ok(None);
    }
    match read_date(&text) {
        DateRead::Month(m) | DateRead::DayFirst(m) | DateRead::MonthFirst(m) => Ok(Some(m)),
        DateRead::Either { .. } | DateRead::Unreadable => Err(InputError::NotACalendarMonth),
    }
}

/// How many months a line spans (1 to 120).
pub fn parse_months(text: &str) -> Result<u64, InputError> {
    // "12个月", "12 months" as people write a horizon.
    let t = text.trim();
    // (Not a bare 月: 12月 is December.)
    let t = ["个月", "months", "month", "mo"]
        .iter()
        .find_map(|unit| t.strip_suffix(unit).filter(|n| !n.trim().is_empty()))
        .unwrap_or(t);
    // "1年", "2 Years": twelve months each (its limit said in months, as the field counts them).
    let lower = t.to_lowercase();
    let years = ["年", "years", "year", "yrs", "yr"]
        .iter()
        .find_map(|unit| lower.strip_suffix(unit).filter(|n| !n.trim().is_empty()));
    if let Some(y) = years {
        let most = limits::MAX_MONTHS as u64;
        return parse_whole(y, 1, most / 12).map(|y| y * 12).map_err(|e| match e {
            InputError::TooLarge(_) => InputError::TooLarge(most),
            e => count(e),
        });
    }
    parse_whole(t, 1, limits::MAX_MONTHS as u64).map_err(count)
}

/// Months of a line with `months` months, written `1-3, 6` (also `1–3，6`, `1~3`, full-width
/// digits), ascending and without repeats; empty for none.
pub fn parse_month_list(text: &str, months: usize) -> Result<Vec<u32>, InputError> {
    let max = months.min(limits::MAX_MONTHS) as u64;
    let mut out: Vec<u32> = Vec::new();
    let month = |t: &str| {
        parse_whole(t, 1, max).map(|m| m as u32).map_err(|e| match e {
            InputError::Empty | InputError::NotANumber => InputError::NotMonths,
            e => e,
        })
    };
    for part in text.split([',', '，', '、', ';', '；']).map(str::trim).filter(|p| !p.is_empty()) {
        let range: Vec<&str> = part.split(['-', '–', '—', '~', '～', '－']).map(str::trim).collect();
        let (from, to) = match range.as_slice() {
            [one] => (month(one)?, month(one)?),
            [a, b] if !a.is_empty() && !b.is_empty() => (month(a)?, month(b)?),
            _ => return Err(InputError::NotMonths),
        };
        if from > to {
            return Err(InputError::NotMonths);
        }
        out.extend(from..=to);
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// A monthly growth rate in percent, written `5`, `5%`, `-3`, `2.5` (from −100 to 1,000, at most 4
/// decimal places), as an exact decimal.
pub fn parse_percent(text: &str) -> Result<rust_decimal::Decimal, InputError> {
    // One message for every way it can be wrong: it says the whole rule (the range is −100 %
    // exclusive; the bounds alone, "at least 0", were wrong for −5, which is read).
    let d = read_percent(text).map_err(|e| if e == InputError::Empty { e } else { InputError::Growth })?;
    if !crate::engine::growth::in_range(d) || d.normalize().scale() > 4 {
        return Err(InputError::Growth);
    }
    Ok(d)
}

/// A percentage as typed (`5`, `5%`, `−3`, `2.5`), any size: empty, or not a decimal.
fn read_percent(text: &str) -> Result<Decimal, InputError> {
    let t: String = text.trim().trim_end_matches(['%', '％']).trim().chars().map(number::half_width).collect();
    if t.is_empty() {
        return Err(InputError::Empty);
    }
    let ok =
        t.chars().enumerate().all(|(i, c)| c.is_ascii_digit() || c == '.' || (c == '-' && i == 0)) && t.len() <= 12;
    ok.then(|| Decimal::from_str(&t).ok()).flatten().ok_or(InputError::NotADecimal)
}

/// A price per call, `0.6` or `0.6元`: exact, from 0 to 10^12, at most 8 decimal places.
pub fn parse_price(text: &str) -> Result<Decimal, InputError> {
    use crate::engine::json::{PriceError, price_text};
    let t: String = text.trim().trim_end_matches(['元', '¥', '￥']).trim().chars().map(number::half_width).collect();
    if t.is_empty() {
        return Err(InputError::Empty);
    }
    price_text(&t).map_err(|(kind, _)| match kind {
        PriceError::Negative => InputError::Negative,
        PriceError::TooLarge => InputError::TooLarge(limits::MAX_PRICE_YUAN),
        PriceError::NotAPrice | PriceError::TooPrecise => InputError::NotADecimal,
    })
}

/// An amount of money as the page writes amounts, with thousands separators (`5,000`,
/// `75,000.50`), else as [`parse_price`] reads it. Not for rates: `1,085` there is more likely a
/// decimal comma than a thousand.
pub fn parse_amount(text: &str) -> Result<Decimal, InputError> {
    // Groups of three after a first group of one to three digits that does not start with 0
    // (`0,6` stays no amount).
    let t = text.trim().trim_end_matches(['元', '¥', '￥']).trim();
    let (whole, fraction) = t.split_once('.').map_or((t, None), |(w, f)| (w, Some(f)));
    let groups: Vec<&str> = whole.split(',').collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && !groups[0].starts_with('0')
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
        && groups[1..].iter().all(|g| g.len() == 3);
    if grouped {
        let joined = groups.concat();
        return parse_price(&match fraction {
            Some(f) => format!("{joined}.{f}"),
            None => joined,
        });
    }
    parse_price(t)
}

/// An exchange rate, one unit of a currency in another (`7.10`, `７.２`, or with a decimal comma
/// as much of Europe writes one, `7,10` and `0,1385`): exact, above 0, at most 8 decimal places.
pub fn parse_rate(text: &str) -> Result<Decimal, InputError> {
    let t: String =
        text.trim().trim_end_matches(['元', '¥', '￥']).chars().map(crate::engine::number::half_width).collect();
    // A comma is a decimal mark where it cannot be a thousands separator: one comma, digits on
    // both sides, and after it one or two digits, or any number after a whole part of 0 (`0,138`).
    // `7,105` and `10,0000` stay as written, and are refused as they were.
    let t = match t.split_once([',', '，']) {
        Some((whole, part))
            if !whole.is_empty()
                && whole.bytes().all(|b| b.is_ascii_digit())
                && !part.is_empty()
                && part.bytes().all(|b| b.is_ascii_digit())
                && (part.len() <= 2 || whole.trim_start_matches('0').is_empty()) =>
        {
            format!("{whole}.{part}")
        }
        _ => t,
    };
    let rate = parse_price(&t)?;
    if rate.is_zero() {
        return Err(InputError::Zero);
    }
    Ok(rate)
}

/// A percentage from 0 to `max` (`15`, `15%`, `7.5`), exact.
pub fn parse_share(text: &str, max: u64) -> Result<Decimal, InputError> {
    let d = read_percent(text)?;
    if d.normalize().scale() > 4 {
        return Err(InputError::NotADecimal);
    }
    if d.is_sign_negative() && !d.is_zero() {
        return Err(InputError::Negative);
    }
    if d > Decimal::from(max) {
        return Err(InputError::TooLarge(max));
    }
    Ok(d.normalize())
}

/// A VAT rate in percent, 0 to 100 (`6`, `6%`, `13`). A bare number between 0 and 1 (`0.06`) is
/// refused as the fraction it looks like; written with its sign (`0.5%`) it is read.
pub fn parse_vat_rate(text: &str) -> Result<Decimal, InputError> {
    let rate = parse_share(text, 100).map_err(|_| InputError::NotAVatRate)?;
    let signed = text.trim().ends_with(['%', '％']);
    if rate > Decimal::ZERO && rate < Decimal::ONE && !signed {
        return Err(InputError::NotAVatRate);
    }
    Ok(rate)
}

/// A discount: 0 to 100 percent off (`15`, `15%`), or as a Chinese buyer says it, the share
/// paid in 折 (`85折` and `8.5折` are 15 % off, `9折` 10 %, `95折` 5 %: from 0 to 10 tenths, or 10
/// to 100 hundredths).
pub fn parse_discount(text: &str) -> Result<Decimal, InputError> {
    let t = text.trim();
    let Some(paid) = t.strip_suffix('折').map(str::trim) else {
        return parse_share(t, 100)
            .map_err(|e| if e == InputError::NotADecimal { InputError::NotADiscount } else { e });
    };
    // 九折, 八五折, 九五折 as they are said: the digits in Chinese numerals.
    let numerals = "〇一二三四五六七八九";
    let paid: String = if !paid.is_empty() && paid.chars().all(|c| numerals.contains(c) || c == '零') {
        paid.chars().map(|c| numerals.chars().position(|n| n == c).map_or('0', |d| (b'0' + d as u8) as char)).collect()
    } else {
        paid.to_string()
    };
    let paid = read_percent(&paid).map_err(|_| InputError::NotADiscount)?;
    let hundredths = if paid <= Decimal::TEN { paid * Decimal::TEN } else { paid };
    if paid.is_sign_negative() || hundredths > Decimal::ONE_HUNDRED || hundredths.normalize().scale() > 4 {
        return Err(InputError::NotADiscount);
    }
    Ok((Decimal::ONE_HUNDRED - hundredths).normalize())
}

/// What a discount of `percent` off means to the buyer, in `lang`: `即 85 折（按原价的 85% 付费）`,
/// `You pay 85% of the list price`. The 折 written is one [`parse_discount`] reads back as the
/// same discount (85 of two digits; 9, 0.5, 8.75 in tenths).
pub fn discount_meaning(percent: Decimal, lang: Lang) -> String {
    let paid = (Decimal::ONE_HUNDRED - percent).normalize();
    let plain = crate::engine::money::plain;
    if percent.is_zero() {
        return lang.pick("即不打折（按原价付费）", "You pay the list price").to_string();
    }
    if paid.is_zero() {
        return lang.pick("即免费（全部减免）", "You pay nothing").to_string();
    }
    match lang {
        Lang::Zh => format!("即 {} 折（按原价的 {}% 付费）", zhe(paid), plain(paid)),
        Lang::En => format!("You pay {}% of the list price", plain(paid)),
    }
}

/// The 折 of a discount of `percent` off (`85` for 15 %), where it has one (not at 0 or 100 %).
pub fn zhe_of(percent: Decimal) -> Option<String> {
    let paid = (Decimal::ONE_HUNDRED - percent).normalize();
    (!percent.is_zero() && !paid.is_zero()).then(|| zhe(paid))
}

/// The 折 of paying `paid` percent (0 < paid < 100): two digits where it is a whole number from
/// 11 to 99 not ending in 0 (85), else in tenths (9, 0.5, 8.75).
fn zhe(paid: Decimal) -> String {
    let two_digits = paid.fract().is_zero() && paid > Decimal::TEN && paid % Decimal::TEN != Decimal::ZERO;
    crate::engine::money::plain(if two_digits { paid } else { (paid / Decimal::TEN).normalize() })
}

/// A weight of a case: 0 to 1, exact (`0.25`), or a percentage to 100 (`25` or `25%`), which
/// [`weights_typed`] reads as one with the other two.
pub fn parse_weight(text: &str) -> Result<Decimal, InputError> {
    // `25%` is 25, a percentage, read with the other two by [`weights_typed`].
    let t = text.trim();
    let t = t.strip_suffix(['%', '％']).unwrap_or(t);
    let d = parse_price(t).map_err(|e| if e == InputError::NotADecimal { InputError::NotAWeight } else { e })?;
    if d > Decimal::ONE_HUNDRED {
        return Err(InputError::TooLarge(100));
    }
    // A percentage keeps at most two decimals, so that its fraction keeps at most four.
    let most =
        if d > Decimal::ONE { crate::engine::terms::MAX_DECIMALS - 2 } else { crate::engine::terms::MAX_DECIMALS };
    if d.normalize().scale() > most {
        return Err(InputError::NotAWeight);
    }
    Ok(d.normalize())
}

/// A free allowance in calls (0 to 10^12); an empty field is none, 0.
pub fn parse_free_calls(text: &str) -> Result<u64, InputError> {
    if text.trim().is_empty() {
        return Ok(0);
    }
    parse_whole(text, 0, limits::MAX_PACK_CALLS)
}

/// The months free or held calls last, month 1 included (`3`, `3个月`, `3 months`), at most the
/// packs' `validity`; or, on a line whose month 1 is `first`, the calendar month they expire in
/// (`2027-03`, `2027年3月`). An empty field is `None`: the validity, as a free pack lasts.
pub fn parse_free_months(text: &str, validity: u32, first: Option<Month>) -> Result<Option<u32>, InputError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let t = ["个月", "months", "month"].iter().find_map(|unit| t.strip_suffix(unit)).unwrap_or(t);
    let counted = parse_whole(t, 1, u64::from(validity)).map(|m| Some(m as u32));
    if !matches!(counted, Err(InputError::NotANumber | InputError::Negative | InputError::Several)) {
        return counted;
    }
    // Not a count: the month they expire in, as the vendor's console shows it.
    let Ok(Some(expiry)) = parse_first_month(t) else { return counted };
    let Some(first) = first else { return Err(InputError::ExpiryUndated) };
    let months = first.until(expiry) + 1;
    if (1..=i64::from(validity)).contains(&months) {
        Ok(Some(months as u32))
    } else {
        let to = first.run(validity as usize).last().copied().unwrap_or(first);
        Err(InputError::ExpiryOutside { from: first, to })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn held_calls_last_a_number_of_months_up_to_the_validity() {
        assert_eq!(parse_free_months("", 12, None), Ok(None));
        assert_eq!(parse_free_months("3", 12, None), Ok(Some(3)));
        assert_eq!(parse_free_months(" 3个月 ", 12, None), Ok(Some(3)));
        assert_eq!(parse_free_months("12 months", 12, None), Ok(Some(12)));
        assert_eq!(parse_free_months("13", 12, None), Err(InputError::TooLarge(12)));
        assert_eq!(parse_free_months("0", 12, None), Err(InputError::TooSmall(1)));
        assert_eq!(parse_free_months("2.5", 12, None), Err(InputError::Fraction));
        assert_eq!(parse_free_months("abc", 12, None), Err(InputError::NotANumber));
        // Or the month they expire in, on a dated line: month 1 is 2027-01, so 2027-03 is 3
        // months; 2027-12 is the 12th, 2028-01 the 13th.
        let first = Month::new(2027, 1);
        assert_eq!(parse_free_months("2027-03", 12, first), Ok(Some(3)));
        assert_eq!(parse_free_months("2027年3月", 12, first), Ok(Some(3)));
        assert_eq!(parse_free_months("Dec 2027", 12, first), Ok(Some(12)));
        let outside =
            InputError::ExpiryOutside { from: Month::new(2027, 1).unwrap(), to: Month::new(2027, 12).unwrap() };
        assert_eq!(parse_free_months("2028-01", 12, first), Err(outside.clone()));
        assert_eq!(parse_free_months("2026-12", 12, first), Err(outside.clone()));
        assert_eq!(
            outside.message(Lang::En),
            "The month they expire in must be from month 1 (2027-01) to 2027-12; or type the months left, e.g. 3"
        );
        assert_eq!(parse_free_months("2027-03", 12, None), Err(InputError::ExpiryUndated));
    }

    #[test]
    fn a_rate_is_an_exact_decimal_above_zero() {
        use rust_decimal_macros::dec;
        assert_eq!(parse_rate("7.10"), Ok(dec!(7.1)));
        // Amounts take thousands separators as the page writes amounts; a comma that is not one
        // stays refused, and a rate or a price per call takes none (`1,085` may be 1.085).
        assert_eq!(parse_amount("5,000"), Ok(dec!(5000)));
        assert_eq!(parse_amount("75,000.50"), Ok(dec!(75000.50)));
        assert_eq!(parse_amount("1,000,000元"), Ok(dec!(1000000)));
        assert_eq!(parse_amount("1,000,000"), Ok(dec!(1000000)));
        assert_eq!(parse_amount("0.6元"), Ok(dec!(0.6)));
        assert_eq!(parse_amount("0,6"), Err(InputError::NotADecimal));
        assert_eq!(parse_amount("5,00"), Err(InputError::NotADecimal));
        assert_eq!(parse_amount("12,3456"), Err(InputError::NotADecimal));
        assert_eq!(parse_amount("1,234.5,6"), Err(InputError::NotADecimal));
        assert_eq!(parse_rate("1,085"), Err(InputError::NotADecimal));
        assert_eq!((parse_rate("7,10"), parse_rate("0,1385")), (Ok(dec!(7.1)), Ok(dec!(0.1385))), "a decimal comma");
        assert_eq!((parse_rate("0,138"), parse_rate("７，１０")), (Ok(dec!(0.138)), Ok(dec!(7.1))));
        assert_eq!(parse_rate("10,0000"), Err(InputError::NotADecimal), "a 4-digit grouping is not 10");
        assert_eq!(parse_rate("7,105"), Err(InputError::NotADecimal), "7.105 or 7,105: not guessed");
        assert_eq!(parse_price("5,000"), Err(InputError::NotADecimal));
        assert_eq!(parse_rate("７.２"), Ok(dec!(7.2)), "full-width digits");
        assert_eq!(parse_rate("0"), Err(InputError::Zero));
        assert_eq!(parse_rate("-7"), Err(InputError::Negative));
        assert_eq!(parse_rate("7.123456789"), Err(InputError::NotADecimal), "9 decimal places");
        assert_eq!(parse_rate(""), Err(InputError::Empty));
    }

    #[test]
    fn an_empty_free_allowance_is_none() {
        assert_eq!((parse_free_calls(""), parse_free_calls("  ")), (Ok(0), Ok(0)));
        assert_eq!(parse_free_calls("5,000"), Ok(5_000));
        assert_eq!(parse_free_calls("-1"), Err(InputError::Negative));
        assert_eq!(parse_calls(""), Err(InputError::Empty), "calls must be typed");
    }

    #[test]
    fn reads_the_ways_people_write_volumes() {
        for (text, want) in [
            ("15000", 15_000),
            ("15,000", 15_000),
            (" 15 000 ", 15_000),
            ("1.5万", 15_000),
            ("1.5 万", 15_000),
            ("15k", 15_000),
            ("15K", 15_000),
            ("1.5w", 15_000),
            ("20万次", 200_000),
            ("３千", 3_000),
            ("１５，０００", 15_000),
            ("2M", 2_000_000),
            ("1亿", 100_000_000),
            ("0", 0),
            ("0.5万", 5_000),
        ] {
            assert_eq!(parse_calls(text), Ok(want), "{text}");
        }
    }

    #[test]
    fn weights_typed_add_up_to_1_or_say_what_they_add_up_to() {
        use rust_decimal::Decimal;
        let w = |n: i64| Some(Decimal::new(n, 2));
        assert!(weights_typed([w(25), w(50), w(25)]).is_ok());
        assert_eq!(
            weights_typed([w(30), w(50), w(25)]).unwrap_err(),
            InputError::WeightsSum(Some(Decimal::new(105, 2)))
        );
        assert_eq!(weights_typed([w(30), None, w(25)]).unwrap_err(), InputError::WeightsSum(None));
        // As percentages: 30 / 50 / 20 are 0.3 / 0.5 / 0.2; 30 / 50 / 25 add up to 105 %.
        let p = |n: i64| Some(Decimal::from(n));
        let read = weights_typed([p(30), p(50), p(20)]).unwrap();
        assert_eq!((read.low, read.likely, read.high), (Decimal::new(3, 1), Decimal::new(5, 1), Decimal::new(2, 1)));
        assert_eq!(
            weights_typed([p(30), p(50), p(25)]).unwrap_err(),
            InputError::WeightsPercentSum(Decimal::from(105))
        );
        // 0.125 among percentages would be a weight of 0.00125: more decimals than a weight keeps.
        let read = weights_typed([Some(Decimal::new(125, 3)), Some(Decimal::new(875, 3)), p(99)]);
        assert_eq!(read.unwrap_err(), InputError::NotAWeight);
        // 0.5 among percentages is half a percent: 0.5 + 49.5 + 50.
        let read = weights_typed([w(50), Some(Decimal::new(495, 1)), p(50)]).unwrap();
        assert_eq!((read.low, read.likely, read.high), (Decimal::new(5, 3), Decimal::new(495, 3), Decimal::new(5, 1)));
    }

    #[test]
    fn a_growth_that_may_be_a_fraction_is_read_as_a_percentage_too() {
        use rust_decimal::Decimal;
        assert_eq!(growth_as_fraction(Decimal::new(6, 2)), Some(Decimal::new(6, 0)));
        assert_eq!(growth_as_fraction(Decimal::new(-25, 3)), Some(Decimal::new(-25, 1)));
        assert_eq!(growth_as_fraction(Decimal::new(5, 1)), None, "half a percent is a growth");
        assert_eq!(growth_as_fraction(Decimal::ZERO), None);
        assert_eq!(growth_as_fraction(Decimal::new(6, 0)), None);
    }

    #[test]
    fn says_what_is_wrong() {
        assert_eq!(parse_calls(""), Err(InputError::Empty));
        assert_eq!(parse_calls("  "), Err(InputError::Empty));
        assert_eq!(parse_calls("abc"), Err(InputError::NotANumber));
        // Scientific notation is read (a spreadsheet's 1.5E+04), so 1e30 is too large.
        assert_eq!(parse_calls("1e30"), Err(InputError::TooLarge(limits::MAX_CALLS_PER_MONTH)));
        assert_eq!(parse_calls("1.5E+04"), Ok(15_000));
        assert_eq!(parse_calls("1.2.3"), Err(InputError::NotANumber));
        assert_eq!(parse_calls("万"), Err(InputError::NotANumber));
        // Money where calls are asked for is said to be money; calls with their unit are calls.
        for money in ["8000元", "¥8,000", "8,000 CNY", "$80", "1.5万元"] {
            assert_eq!(parse_calls(money), Err(InputError::Money), "{money}");
        }
        assert_eq!(parse_calls("8000次"), Ok(8000));
        assert_eq!(parse_calls("元"), Err(InputError::NotANumber));
        assert_eq!(parse_calls("-5"), Err(InputError::Negative));
        assert_eq!(parse_calls("－5"), Err(InputError::Negative));
        assert_eq!(parse_calls("1.5"), Err(InputError::Fraction));
        assert_eq!(parse_calls("1.00001万"), Err(InputError::Fraction));
        assert_eq!(parse_calls("1000000000001"), Err(InputError::TooLarge(1_000_000_000_000)));
        assert_eq!(parse_calls("99999999999999999999999999999999999"), Err(InputError::TooLarge(1_000_000_000_000)));
        assert_eq!(parse_calls("9999999999999亿"), Err(InputError::TooLarge(1_000_000_000_000)));
        assert_eq!(parse_months("0"), Err(InputError::TooSmall(1)));
        assert_eq!(parse_months("121"), Err(InputError::TooLarge(120)));
        // A horizon written with its unit.
        assert_eq!(parse_months("12个月"), Ok(12));
        assert_eq!(parse_months("１２ 个月"), Ok(12));
        assert_eq!(parse_months("24 months"), Ok(24));
        assert_eq!(parse_months("个月"), Err(InputError::NotACount));
        assert_eq!((parse_months("1年"), parse_months("2 years"), parse_months("10年")), (Ok(12), Ok(24), Ok(120)));
        assert_eq!(parse_months("11年"), Err(InputError::TooLarge(120)), "said in months");
        assert_eq!(parse_months("2 Years"), Ok(24));
        assert_eq!(parse_months("年"), Err(InputError::NotACount));
        assert!(parse_months("12月").is_err(), "December, not 12 months");
        assert_eq!(parse_pack_count("2000000"), Err(InputError::TooLarge(1_000_000)));
        // Two cells of a spreadsheet, and a European thousands point: said, never 3,841,241,977
        // or 15 calls.
        assert_eq!(parse_calls("38412 41977"), Err(InputError::Several));
        assert_eq!(parse_calls("38412\t41977"), Err(InputError::Several));
        assert_eq!(parse_calls("15.000"), Err(InputError::PointGrouping("15.000".into())));
        assert_eq!(
            InputError::PointGrouping("15.000".into()).message(Lang::En),
            "Is the point in \"15.000\" a thousands separator or a decimal point? Write 15000 or 15,000 (or 15 if you mean 15)"
        );
        assert_eq!(parse_calls("15.000次"), Err(InputError::PointGrouping("15.000".into())));
        assert_eq!(parse_calls("67,4O7"), Err(InputError::NotANumber), "a letter O, not a comma's fault");
        assert_eq!(
            (parse_calls("15.0"), parse_calls("1.500万"), parse_calls("1500.000")),
            (Ok(15), Ok(15_000), Ok(1_500))
        );
    }

    #[test]
    fn months_pasted_from_a_spreadsheet_are_read_one_by_one() {
        assert_eq!(parse_pasted_calls("38412\r\n41,977\r\n1.5万\r\n"), Some(vec![38_412, 41_977, 15_000]));
        assert_eq!(parse_pasted_calls("38412\t41977"), Some(vec![38_412, 41_977]));
        assert_eq!(parse_pasted_calls("38412 41977 40,102"), Some(vec![38_412, 41_977, 40_102]));
        // One number, grouped by spaces or not: typed as it is.
        assert_eq!((parse_pasted_calls("38 412"), parse_pasted_calls("38412\n")), (None, None));
        // A cell that is no month's calls: none taken (the field then says what is wrong).
        assert_eq!(parse_pasted_calls("38412\nabc\n41977"), None);
        assert_eq!(parse_pasted_calls("38412\n-5"), None);
        assert_eq!(parse_pasted_calls("38412\n\n41977"), None, "an empty month is not skipped");
        assert_eq!(parse_pasted_calls("38412\t\t41977"), None);
    }

    #[test]
    fn a_vat_rate_is_a_percentage_and_never_a_bare_fraction() {
        use rust_decimal_macros::dec;
        assert_eq!(
            (parse_vat_rate("6"), parse_vat_rate("13%"), parse_vat_rate("０")),
            (Ok(dec!(6)), Ok(dec!(13)), Ok(dec!(0)))
        );
        assert_eq!(parse_vat_rate("0.5%"), Ok(dec!(0.5)), "a small rate with its sign");
        for text in ["0.06", "", "abc", "-5", "150"] {
            assert_eq!(parse_vat_rate(text), Err(InputError::NotAVatRate), "{text}");
        }
    }

    #[test]
    fn a_first_month_is_read_as_people_write_it() {
        let jan = Ok(Some(Month::new(2027, 1).unwrap()));
        for text in [
            "2027-01",
            "2027/1",
            "2027.1",
            "2027年1月",
            "２０２７年１月",
            "Jan 2027",
            "january 2027",
            "01/2027",
            "202701",
        ] {
            assert_eq!(parse_first_month(text), jan, "{text}");
        }
        assert_eq!(parse_first_month("  "), Ok(None), "cleared: no dates");
        assert_eq!(parse_first_month("2027-01-15"), jan, "a date is read for its month");
        for text in ["2027", "2027-13", "1月", "next year", "03/04/2027", "1969-12"] {
            assert_eq!(parse_first_month(text), Err(InputError::NotACalendarMonth), "{text}");
        }
    }

    #[test]
    fn growth_rates_are_exact_percentages() {
        use rust_decimal_macros::dec;
        assert_eq!(parse_percent("5"), Ok(dec!(5)));
        assert_eq!(parse_percent(" 2.5 % "), Ok(dec!(2.5)));
        assert_eq!(parse_percent("-3"), Ok(dec!(-3)));
        assert_eq!(parse_percent(""), Err(InputError::Empty));
        assert_eq!(parse_percent("-99.99"), Ok(dec!(-99.99)));
        for wrong in ["abc", "-100", "-150", "1001", "1e9", "2.00001"] {
            assert_eq!(parse_percent(wrong), Err(InputError::Growth), "{wrong}");
        }
        // Its message says the rule: the CLI said "at least 0" for -150, though -5 is read.
        assert!(
            InputError::Growth
                .message(Lang::En)
                .contains("above −100 % and at most 1,000 %, with up to 4 decimal places")
        );
    }

    #[test]
    fn messages_exist_in_both_languages() {
        for e in [
            InputError::Empty,
            InputError::NotANumber,
            InputError::Negative,
            InputError::Fraction,
            InputError::TooLarge(5),
            InputError::TooSmall(1),
        ] {
            assert!(!e.message(Lang::Zh).is_empty());
            assert!(e.message(Lang::En).is_ascii() || e.message(Lang::En).contains('万'));
        }
        assert_eq!(InputError::TooLarge(1_000_000).message(Lang::En), "Too large: at most 1,000,000");
    }

    #[test]
    fn month_lists_read_ranges_and_commas() {
        assert_eq!(parse_month_list("1-3, 6", 12), Ok(vec![1, 2, 3, 6]));
        assert_eq!(parse_month_list("６，1–2、2", 12), Ok(vec![1, 2, 6]));
        assert_eq!(parse_month_list("  ", 12), Ok(vec![]));
        assert_eq!(parse_month_list("1-12", 12).map(|m| m.len()), Ok(12));
        assert_eq!(parse_month_list("3-1", 12), Err(InputError::NotMonths));
        assert_eq!(parse_month_list("1-", 12), Err(InputError::NotMonths));
        assert_eq!(parse_month_list("1-2-3", 12), Err(InputError::NotMonths));
        assert_eq!(parse_month_list("13", 12), Err(InputError::TooLarge(12)));
        assert_eq!(parse_month_list("0", 12), Err(InputError::TooSmall(1)));
        assert_eq!(parse_month_list("a", 12), Err(InputError::NotMonths));
        assert_eq!(parse_month_list("1.5", 12), Err(InputError::Fraction));
    }
}
