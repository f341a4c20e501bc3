//! Reading typed values out of parsed JSON with the path of every problem
//! (`lines[0].calls[2]: must be a whole number ≥ 0, not -5`).
//!
//! serde_json parses the text; these helpers then walk the `serde_json::Value`. Walking by hand
//! instead of deriving `Deserialize` keeps the paths exact, lets the price-list validator report
//! every problem at once rather than the first, and keeps the WebAssembly small: path tracking
//! through serde (serde_path_to_error) cost about 70 KB of the page's Wasm, a tenth of it.
//! JSON numbers with a fraction or an exponent are only inspected to say what is wrong with them;
//! they never become a count or an amount.

use rust_decimal::Decimal;
use serde_json::{Map, Number, Value};
use std::str::FromStr;

use super::lang::Text;
use super::limits;
use super::money::group_u64;
use super::path::Path;

/// A problem at a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub path: Path,
    pub wrong: Wrong,
}

pub type Res<T> = Result<T, FieldError>;

impl FieldError {
    /// What is wrong, in English (the API's and the command line's text).
    pub fn message(&self) -> String {
        self.wrong.to_string()
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        if self.path.is_root() { write!(f, "{}", self.wrong) } else { write!(f, "{}: {}", self.path, self.wrong) }
    }
}

/// A problem said in English only (the API's own requests; an estimate's and a comparison's rules
/// are [`rule`]).
pub fn problem(path: &Path, message: impl Into<String>) -> FieldError {
    FieldError { path: path.clone(), wrong: Wrong::Said(message.into()) }
}

/// An estimate's or a comparison's rule, broken at `path`.
pub fn rule(path: &Path, rule: super::doc_rule::DocRule) -> FieldError {
    FieldError { path: path.clone(), wrong: Wrong::Rule(rule) }
}

fn wrong(path: &Path, wrong: Wrong) -> FieldError {
    FieldError { path: path.clone(), wrong }
}

/// What a value found in the JSON is, for messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    Null,
    Bool(bool),
    /// A number, as written.
    Number(String),
    Text(String),
    List,
    Object,
}

impl Found {
    pub fn of(v: &Value) -> Found {
        match v {
            Value::Null => Found::Null,
            Value::Bool(b) => Found::Bool(*b),
            Value::Number(n) => Found::Number(n.to_string()),
            Value::String(s) => Found::Text(s.clone()),
            Value::Array(_) => Found::List,
            Value::Object(_) => Found::Object,
        }
    }
}

impl std::fmt::Display for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Found::Null => f.write_str("null"),
            Found::Bool(b) => write!(f, "{b}"),
            Found::Number(n) => f.write_str(n),
            Found::Text(s) => write!(f, "the text \"{s}\""),
            Found::List => f.write_str("a list"),
            Found::Object => f.write_str("an object"),
        }
    }
}

/// What is wrong with a field: the kinds every document shares (its shape, its numbers, its
/// texts) and a price list's own rules (`List`) as data, so the page can say them in its
/// language; a one-off rule as English text (`Said`). `Display` is the English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Wrong {
    /// Not an object; `what` the object wanted, in English (`an estimate`).
    NotObject {
        what: String,
        found: Found,
    },
    /// A key the object does not have; `expected`, the keys it has.
    UnknownField {
        key: String,
        expected: Vec<String>,
    },
    Missing,
    NotList(Found),
    NotText(Found),
    NotBool(Found),
    /// A text that is none of the choices.
    NotOneOf {
        found: String,
        choices: Vec<String>,
    },
    /// A number written as a text.
    NumberAsText(String),
    /// Not a number at all (null, a list…).
    NotWhole(Found),
    /// A whole number past the most allowed.
    TooLarge {
        value: String,
        max: u64,
    },
    /// A negative number where a count is wanted.
    Negative(String),
    /// A fraction where a count is wanted.
    Fraction(String),
    /// A whole number written with a decimal point or an exponent (`15000.0`).
    Exponent(String),
    /// Month 0 (months count from 1).
    MonthZero,
    /// A price written as a JSON number.
    PriceAsNumber(String),
    /// Not a price at all (null, a list…).
    NotPrice(Found),
    /// A price's text, and what is wrong with it.
    Price(PriceError, String),
    /// Not an amount like "12250.00".
    NotAmount(String),
    /// Neither a text nor a {"zh", "en"} pair.
    NotTextPair(Found),
    Empty,
    /// Longer than the most characters a text may have.
    TooLong(usize),
    /// Not JSON: where the parser stopped, and its own words.
    NotJson {
        line: usize,
        column: usize,
        detail: String,
    },
    /// More items in a list than the most it may hold.
    TooMany {
        count: usize,
        most: usize,
        what: Items,
    },
    /// A line with no months of calls.
    NoMonths,
    /// A line without its calls.
    NoCalls,
    /// A list of one entry per month (`entry`) whose length is not the months of `calls`.
    NotPerMonth {
        count: usize,
        months: usize,
        entry: PerMonth,
    },
    /// A range's bound on the wrong side of the likely calls in `month` (from 1): the low case
    /// above them, or the high case below them.
    WrongSide {
        month: usize,
        high: bool,
        bound: u64,
        likely: u64,
    },
    /// A text that is not a calendar month like "2025-11".
    NotMonth(String),
    /// A calendar month (`month`) that does not follow the one before it (`after`).
    MonthGap {
        month: String,
        after: String,
    },
    /// A forecast's first month that is not after the history's last.
    ForecastGap {
        first: String,
        last: String,
    },
    /// A history whose first month is after its last.
    Backwards {
        from: String,
        to: String,
    },
    /// A history given by other than its first and last month.
    NotFromTo,
    /// A line that is both a usage history and a forecast.
    HistoryAndForecast,
    /// A first month given to a line whose calls have their months already (a history, a
    /// forecast).
    FirstMonthAndCalendar,
    /// The months from `first` run past the last a calendar has (`last`, 9999-12).
    CalendarEnds {
        first: String,
        last: String,
    },
    /// A purchase (or a commitment) in a month after the last month of calls (`last`).
    AfterLastMonth {
        month: u32,
        last: usize,
        purchase: bool,
    },
    /// A commitment in a month another one (`other`, its index and id) already covers.
    MonthTaken {
        month: u32,
        other: usize,
        id: String,
    },
    /// A monthly growth outside what a growth may be.
    GrowthRange(String),
    /// A growth given to a line whose calls are a usage history or a forecast (a forecast says
    /// its own growth).
    GrowthAndCalendar,
    /// A month's calls (1-based `month`) that are not what the line's growth gives from month 1.
    OffGrowth {
        month: usize,
        calls: u64,
        follows: u64,
    },
    /// A price list's own rule.
    List(super::list_rule::ListRule),
    /// An estimate's or a comparison's own rule.
    Rule(super::doc_rule::DocRule),
    /// A field's own rule, in English.
    Said(String),
}

/// What a list holds, for [`Wrong::TooMany`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Items {
    Lines,
    /// Months of a calendar (a history's, a forecast's).
    Months,
    /// A line's months of calls (at most ten years).
    MonthsOfCalls,
    Purchases,
    Commitments,
}

/// What a list of one entry per month holds, for [`Wrong::NotPerMonth`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PerMonth {
    /// Calls (a range's low or high case).
    Value,
    /// Calendar months.
    Month,
}

impl Wrong {
    /// A field's own rule, in English.
    pub fn said(message: impl Into<String>) -> Wrong {
        Wrong::Said(message.into())
    }
}

impl std::fmt::Display for Wrong {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Wrong::NotObject { what, found } => write!(f, "must be {what}, not {found}"),
            Wrong::UnknownField { key, expected } => {
                let expected = expected.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ");
                write!(f, "unknown field `{key}`; expected one of {expected}")
            }
            Wrong::Missing => f.write_str("missing"),
            Wrong::NotList(found) => write!(f, "must be a list […], not {found}"),
            Wrong::NotText(found) => write!(f, "must be a text in quotes, not {found}"),
            Wrong::NotBool(found) => write!(f, "must be true or false, not {found}"),
            Wrong::NotOneOf { found, choices } => {
                let choices = choices.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
                write!(f, "\"{found}\" is not one of {choices}")
            }
            Wrong::NumberAsText(s) => write!(f, "must be a number, not the text \"{s}\""),
            Wrong::NotWhole(found) => write!(f, "must be a whole number, not {found}"),
            Wrong::TooLarge { value, max } => {
                write!(f, "{value} is too large: the most allowed is {}", group_u64(*max))
            }
            Wrong::Negative(n) => write!(f, "must be a whole number ≥ 0, not {n}"),
            Wrong::Fraction(n) => write!(f, "must be a whole number, not {n}"),
            Wrong::Exponent(n) => write!(f, "write {n} as a whole number, without a decimal point or exponent"),
            Wrong::MonthZero => f.write_str("months count from 1 (month 1 is the first month), not 0"),
            Wrong::PriceAsNumber(n) => {
                write!(f, "write prices as strings so nothing is lost to rounding: \"{n}\", not {n}")
            }
            Wrong::NotPrice(found) => write!(f, "must be a price like \"0.85\", not {found}"),
            Wrong::Price(kind, s) => match kind {
                PriceError::NotAPrice => {
                    write!(f, "\"{s}\" is not a price: write digits with an optional decimal point, like \"0.85\"")
                }
                PriceError::Negative => write!(f, "price {s} is negative; prices must be ≥ 0"),
                PriceError::TooLarge => {
                    write!(f, "price {s} is too large: the most allowed is {}", group_u64(limits::MAX_PRICE_YUAN))
                }
                PriceError::TooPrecise => {
                    write!(f, "price {s} has more than {} decimal places", limits::MAX_PRICE_DECIMALS)
                }
            },
            Wrong::NotAmount(s) => write!(f, "\"{s}\" is not an amount like \"12250.00\""),
            Wrong::NotTextPair(found) => write!(f, "must be a text, or {{\"zh\": …, \"en\": …}}, not {found}"),
            Wrong::Empty => f.write_str("must not be empty"),
            Wrong::TooLong(n) => write!(f, "is longer than {n} characters"),
            Wrong::NotJson { detail, .. } => write!(f, "not valid JSON: {detail}"),
            Wrong::TooMany { count, most, what } => {
                let name = match what {
                    Items::Lines => "lines",
                    Items::Months | Items::MonthsOfCalls => "months",
                    Items::Purchases => "purchases",
                    Items::Commitments => "commitments",
                };
                write!(f, "{count} {name}; the most is {most}")?;
                if *what == Items::MonthsOfCalls {
                    f.write_str(" (ten years)")?;
                }
                Ok(())
            }
            Wrong::NoMonths => f.write_str("give the calls of at least one month, like [15000]"),
            Wrong::NoCalls => f.write_str("missing: give the calls per month, like [15000]"),
            Wrong::NotPerMonth { count, months, entry } => {
                let entry = if *entry == PerMonth::Value { "value per month" } else { "month per entry" };
                write!(f, "{count} months, but `calls` has {months}: give one {entry}")
            }
            Wrong::WrongSide { month, high, bound, likely } => {
                let (side, rel) = if *high { ("high", "below") } else { ("low", "above") };
                write!(
                    f,
                    "month {month}: the {side} case ({}) is {rel} the likely calls ({})",
                    group_u64(*bound),
                    group_u64(*likely)
                )
            }
            Wrong::NotMonth(s) => write!(f, "\"{s}\" is not a month like \"2025-11\""),
            Wrong::MonthGap { month, after } => {
                write!(f, "{month} does not follow {after}: the months must run on without a gap")
            }
            Wrong::ForecastGap { first, last } => {
                write!(f, "{first} is not after the history's last month, {last}")
            }
            Wrong::Backwards { from, to } => write!(f, "the history runs from {from} to {to}: backwards"),
            Wrong::NotFromTo => {
                f.write_str("give the first and the last month of the history, like [\"2025-11\", \"2026-10\"]")
            }
            Wrong::HistoryAndForecast => {
                f.write_str("a line is a usage history (usage_months) or a forecast, not both")
            }
            Wrong::FirstMonthAndCalendar => {
                f.write_str("a usage history or a forecast has its own months: first_month is for typed calls")
            }
            Wrong::CalendarEnds { first, last } => {
                write!(f, "the months from {first} run past {last}, the last month a date can have")
            }
            Wrong::AfterLastMonth { month, last, purchase } => {
                write!(f, "month {month} is after the last month of calls (month {last})")?;
                if *purchase {
                    f.write_str("; add calls for it or buy earlier")?;
                }
                Ok(())
            }
            Wrong::MonthTaken { month, other, id } => write!(
                f,
                "month {month} already has a commitment (commitments[{other}], \"{id}\"): a month takes one at most"
            ),
            Wrong::GrowthRange(g) => write!(f, "{g}: {}", super::growth::RANGE),
            Wrong::GrowthAndCalendar => {
                f.write_str("a usage history or a forecast has its own months: growth is for typed calls")
            }
            Wrong::OffGrowth { month, calls, follows } => write!(
                f,
                "month {month} has {calls} calls, but the line's growth from month 1 gives {follows}: give the \
                 months it gives, or no growth"
            ),
            Wrong::List(r) => write!(f, "{r}"),
            Wrong::Rule(r) => write!(f, "{r}"),
            Wrong::Said(s) => f.write_str(s),
        }
    }
}

/// What a value is, for messages: `the text "abc"`, `-5`, `null`, `a list`.
pub fn describe(v: &Value) -> String {
    Found::of(v).to_string()
}

/// An object whose keys are all in `allowed`.
pub fn object<'a>(v: &'a Value, path: &Path, what: &str, allowed: &[&str]) -> Res<&'a Map<String, Value>> {
    let map = any_object(v, path, what)?;
    match unknown_keys(map, path, allowed).into_iter().next() {
        Some(p) => Err(p),
        None => Ok(map),
    }
}

/// An object, whatever its keys.
pub fn any_object<'a>(v: &'a Value, path: &Path, what: &str) -> Res<&'a Map<String, Value>> {
    match v {
        Value::Object(map) => Ok(map),
        _ => Err(wrong(path, Wrong::NotObject { what: what.to_string(), found: Found::of(v) })),
    }
}

/// A problem for each key of `map` not in `allowed` (a typo, usually).
pub fn unknown_keys(map: &Map<String, Value>, path: &Path, allowed: &[&str]) -> Vec<FieldError> {
    map.keys()
        .filter(|k| !allowed.contains(&k.as_str()))
        .map(|k| {
            let expected = allowed.iter().map(|a| a.to_string()).collect();
            wrong(&path.key(k.clone()), Wrong::UnknownField { key: k.clone(), expected })
        })
        .collect()
}

/// A field that must be present (and not null).
pub fn required<'a>(map: &'a Map<String, Value>, path: &Path, key: &'static str) -> Res<&'a Value> {
    match map.get(key) {
        Some(Value::Null) | None => Err(wrong(&path.key(key), Wrong::Missing)),
        Some(v) => Ok(v),
    }
}

/// A field that may be absent or null.
pub fn optional<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.get(key).filter(|v| !v.is_null())
}

pub fn array<'a>(v: &'a Value, path: &Path) -> Res<&'a Vec<Value>> {
    v.as_array().ok_or_else(|| wrong(path, Wrong::NotList(Found::of(v))))
}

pub fn string<'a>(v: &'a Value, path: &Path) -> Res<&'a str> {
    v.as_str().ok_or_else(|| wrong(path, Wrong::NotText(Found::of(v))))
}

pub fn boolean(v: &Value, path: &Path) -> Res<bool> {
    v.as_bool().ok_or_else(|| wrong(path, Wrong::NotBool(Found::of(v))))
}

/// A string that is one of `choices`.
pub fn one_of<'a>(v: &Value, path: &Path, choices: &[&'a str]) -> Res<&'a str> {
    let s = string(v, path)?;
    choices.iter().find(|c| **c == s).copied().ok_or_else(|| {
        let choices = choices.iter().map(|c| c.to_string()).collect();
        wrong(path, Wrong::NotOneOf { found: s.to_string(), choices })
    })
}

/// A whole number from 0 to `max`.
pub fn whole(v: &Value, path: &Path, max: u64) -> Res<u64> {
    let Value::Number(n) = v else {
        return Err(match v {
            Value::String(s) => wrong(path, Wrong::NumberAsText(s.clone())),
            other => wrong(path, Wrong::NotWhole(Found::of(other))),
        });
    };
    whole_number(n, path, max)
}

fn whole_number(n: &Number, path: &Path, max: u64) -> Res<u64> {
    let too_large = || wrong(path, Wrong::TooLarge { value: n.to_string(), max });
    if let Some(u) = n.as_u64() {
        return if u > max { Err(too_large()) } else { Ok(u) };
    }
    if let Some(i) = n.as_i64() {
        return Err(wrong(path, Wrong::Negative(i.to_string())));
    }
    // A float: only classified, never used.
    let f = n.as_f64().unwrap_or(f64::NAN);
    if f < 0.0 {
        Err(wrong(path, Wrong::Negative(n.to_string())))
    } else if f.abs() >= 1e15 || !f.is_finite() {
        Err(too_large())
    } else if f.fract() != 0.0 {
        Err(wrong(path, Wrong::Fraction(n.to_string())))
    } else {
        Err(wrong(path, Wrong::Exponent(n.to_string())))
    }
}

/// Calls in one month (0 to 10^12).
pub fn calls(v: &Value, path: &Path) -> Res<u64> {
    whole(v, path, limits::MAX_CALLS_PER_MONTH)
}

/// A month number, 1-based (1 to 120).
pub fn month(v: &Value, path: &Path) -> Res<u32> {
    let m = whole(v, path, limits::MAX_MONTHS as u64)?;
    if m == 0 {
        return Err(wrong(path, Wrong::MonthZero));
    }
    Ok(m as u32)
}

/// A price written as a decimal string (`"0.85"`); a JSON number is refused, because a float
/// cannot carry 0.85 exactly.
pub fn price(v: &Value, path: &Path) -> Res<Decimal> {
    match v {
        Value::String(s) => price_text(s).map_err(|(kind, _)| wrong(path, Wrong::Price(kind, s.clone()))),
        Value::Number(n) => Err(wrong(path, Wrong::PriceAsNumber(n.to_string()))),
        other => Err(wrong(path, Wrong::NotPrice(Found::of(other)))),
    }
}

/// An amount written by the engine as a decimal string (`"12250.00"`, a lower bound, a total):
/// any sign and size a `Decimal` holds, exactly.
pub fn amount(v: &Value, path: &Path) -> Res<Decimal> {
    let s = string(v, path)?;
    Decimal::from_str(s).map_err(|_| wrong(path, Wrong::NotAmount(s.to_string())))
}

/// What is wrong with a price string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PriceError {
    NotAPrice,
    Negative,
    TooLarge,
    TooPrecise,
}

/// Reads the text of a price as the format writes it: digits with an optional decimal point,
/// ≥ 0, at most 10^12 and 8 decimal places. The error comes with its kind and its message.
/// (What a visitor types into a field, `0.6元` or `０．６`, is read by `app::input`.)
pub fn price_text(s: &str) -> Result<Decimal, (PriceError, String)> {
    let said = |kind: PriceError| (kind, Wrong::Price(kind, s.to_string()).to_string());
    let t = s.trim();
    let valid = !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        && !t.starts_with('.')
        && !t.ends_with('.')
        && t.len() <= 40;
    let Some(d) = valid.then(|| Decimal::from_str(t).ok()).flatten() else {
        return Err(said(PriceError::NotAPrice));
    };
    if d.is_sign_negative() && !d.is_zero() {
        return Err(said(PriceError::Negative));
    }
    if d > Decimal::from(limits::MAX_PRICE_YUAN) {
        return Err(said(PriceError::TooLarge));
    }
    if d.normalize().scale() > limits::MAX_PRICE_DECIMALS {
        return Err(said(PriceError::TooPrecise));
    }
    Ok(d.normalize())
}

/// A text in both languages: `"OCR"` (both) or `{"zh": "…", "en": "…"}`; neither may be empty
/// or longer than the limit.
pub fn text(v: &Value, path: &Path) -> Res<Text> {
    let t = match v {
        Value::String(s) => Text::same(s.as_str()),
        Value::Object(_) => {
            let map = object(v, path, "a text or {\"zh\": …, \"en\": …}", &["zh", "en"])?;
            Text::new(
                string(required(map, path, "zh")?, &path.key("zh"))?,
                string(required(map, path, "en")?, &path.key("en"))?,
            )
        }
        other => {
            return Err(wrong(path, Wrong::NotTextPair(Found::of(other))));
        }
    };
    for (lang, s) in [("zh", &t.zh), ("en", &t.en)] {
        let p = if matches!(v, Value::String(_)) { path.clone() } else { path.key(lang) };
        nonempty(s, &p)?;
    }
    Ok(t)
}

/// A short text: not blank, not longer than the limit.
pub fn nonempty(s: &str, path: &Path) -> Res<()> {
    if s.trim().is_empty() {
        Err(wrong(path, Wrong::Empty))
    } else if s.chars().count() > limits::MAX_TEXT_CHARS {
        Err(wrong(path, Wrong::TooLong(limits::MAX_TEXT_CHARS)))
    } else {
        Ok(())
    }
}

/// The length in bytes of `v` written as compact JSON, counted without writing it (to refuse an
/// oversized price list that arrived as a value, not as text).
pub fn encoded_len(v: &Value) -> usize {
    fn string_len(s: &str) -> usize {
        2 + s
            .chars()
            .map(|c| match c {
                '"' | '\\' | '\n' | '\r' | '\t' | '\u{8}' | '\u{c}' => 2,
                c if (c as u32) < 0x20 => 6,
                c => c.len_utf8(),
            })
            .sum::<usize>()
    }
    match v {
        Value::Null => 4,
        Value::Bool(b) => {
            if *b {
                4
            } else {
                5
            }
        }
        Value::Number(n) => n.to_string().len(),
        Value::String(s) => string_len(s),
        Value::Array(a) => 2 + a.iter().map(encoded_len).sum::<usize>() + a.len().saturating_sub(1),
        Value::Object(m) => {
            2 + m.iter().map(|(k, v)| string_len(k) + 1 + encoded_len(v)).sum::<usize>() + m.len().saturating_sub(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;
    use serde_json::json;

    fn msg(r: Res<u64>) -> String {
        let p = r.unwrap_err();
        format!("{}: {}", p.path, p.message())
    }

    fn at(key: &'static str) -> Path {
        Path::root().key(key)
    }

    #[test]
    fn whole_numbers_say_what_is_wrong() {
        assert_eq!(calls(&json!(15000), &at("c")), Ok(15000));
        assert_eq!(calls(&json!(1_000_000_000_000u64), &at("c")), Ok(1_000_000_000_000));
        assert_eq!(msg(calls(&json!(-5), &at("c").at(2))), "c[2]: must be a whole number ≥ 0, not -5");
        assert_eq!(msg(calls(&json!(1.5), &at("c"))), "c: must be a whole number, not 1.5");
        assert_eq!(msg(calls(&json!(-1.5), &at("c"))), "c: must be a whole number ≥ 0, not -1.5");
        assert_eq!(msg(calls(&json!(1e30), &at("c"))), "c: 1e+30 is too large: the most allowed is 1,000,000,000,000");
        assert_eq!(
            msg(calls(&json!(1_000_000_000_001u64), &at("c"))),
            "c: 1000000000001 is too large: the most allowed is 1,000,000,000,000"
        );
        assert_eq!(msg(calls(&json!("abc"), &at("c"))), "c: must be a number, not the text \"abc\"");
        assert_eq!(msg(calls(&json!(null), &at("c"))), "c: must be a whole number, not null");
        assert_eq!(
            msg(calls(&json!(15000.0), &at("c"))),
            "c: write 15000.0 as a whole number, without a decimal point or exponent"
        );
        assert_eq!(
            month(&json!(0), &at("m")).unwrap_err().message(),
            "months count from 1 (month 1 is the first month), not 0"
        );
    }

    #[test]
    fn prices_are_exact_decimal_strings() {
        let parse_price = |s: &str| price_text(s).map_err(|(_, m)| m);
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
        assert_eq!(
            price(&json!(0.85), &at("p")).unwrap_err().message(),
            "write prices as strings so nothing is lost to rounding: \"0.85\", not 0.85"
        );
    }

    #[test]
    fn objects_name_unknown_and_missing_fields() {
        let v = json!({"a": 1, "b": null, "x": 2});
        let e = object(&v, &at("o"), "an object", &["a", "b"]).unwrap_err();
        assert_eq!(
            (e.path.to_string().as_str(), e.message().as_str()),
            ("o.x", "unknown field `x`; expected one of `a`, `b`")
        );
        let m = object(&v, &Path::root(), "an object", &["a", "b", "x"]).unwrap();
        assert_eq!(required(m, &Path::root(), "b").unwrap_err().path, "b");
        assert!(optional(m, "b").is_none());
        assert_eq!(
            object(&json!([1]), &Path::root(), "an estimate", &[]).unwrap_err().message(),
            "must be an estimate, not a list"
        );
    }

    #[test]
    fn the_encoded_length_is_that_of_compact_json() {
        for v in [
            json!({"format": 1, "services": [{"id": "a\"b\\c\n", "name": "人脸", "x": [1, -2.5, null, true, false]}]}),
            json!("\u{1}\u{8}\t"),
            json!([]),
            json!({}),
        ] {
            assert_eq!(encoded_len(&v), serde_json::to_string(&v).unwrap().len(), "{v}");
        }
    }

    #[test]
    fn texts_read_string_or_pair() {
        assert_eq!(text(&json!("OCR"), &at("n")), Ok(Text::same("OCR")));
        assert_eq!(text(&json!({"zh":"人脸","en":"face"}), &at("n")), Ok(Text::new("人脸", "face")));
        assert_eq!(text(&json!({"zh":"人脸"}), &at("n")).unwrap_err().path, "n.en");
        assert_eq!(text(&json!({"zh":" ","en":"x"}), &at("n")).unwrap_err(), wrong(&at("n").key("zh"), Wrong::Empty));
        assert_eq!(
            text(&json!(3), &at("n")).unwrap_err().message(),
            "must be a text, or {\"zh\": …, \"en\": …}, not 3"
        );
    }
}
