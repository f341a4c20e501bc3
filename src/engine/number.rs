//! How people write a count of calls: `15,000`, `15000`, `1.5万`, `15k`, `２０００` (full-width
//! digits from a Chinese IME), `3 千`, `"1,234"` in a spreadsheet export, `-120` for a
//! correction, `1.5E+04` from a spreadsheet, `四万` or `一万五千` in Chinese numerals. One reading for the page's volume fields and for usage files, as an exact
//! decimal (never a float); callers decide what they accept (whole, ≥ 0, a maximum).

use rust_decimal::Decimal;
use std::str::FromStr;

/// Why a text is not a count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountProblem {
    /// Nothing but spaces and separators.
    Empty,
    /// Letters, two points, a sign in the middle.
    NotANumber,
    /// More digits than any count could have.
    TooLong,
    /// Commas that do not group thousands: `15,00` (a decimal comma, or a digit missing) is
    /// neither 1,500 nor 15.
    Grouping,
    /// Several numbers: runs of digits parted by a tab, a line break, or spaces that do not group
    /// thousands (`38412 41977`, two cells of a spreadsheet; `38 412` is one number).
    Several,
}

/// A count in Chinese numerals: digits 零〇一二两三四五六七八九 and units 十百千万亿, read as
/// said: `四万` 40,000, `十二万` 120,000, `一千零十` 1,010, `一万零五百五` 10,550, `一亿二千万`
/// 120,000,000; a digit right after a unit is the place below it (`一万五` 15,000, `三千五`
/// 3,500, `一千五万` 15,000,000). `None` where `text` is not only those characters, or is not a
/// number as said: two digits in a row (`一二三`, `二〇二五`), a unit after a smaller one or twice
/// (`十十`, `一万万`), `百` or `千` without its digit, a `零` that ends it; or has no digit or 十.
fn chinese_numeral(text: &str) -> Option<u64> {
    let chars: Vec<char> = text.chars().collect();
    if !chars.iter().all(|&c| cn_digit(c).is_some() || "十百千万亿".contains(c)) {
        return None;
    }
    if chars.iter().all(|&c| cn_digit(c) == Some(0)) {
        return (chars.len() == 1).then_some(0);
    }
    if !chars.iter().any(|&c| cn_digit(c).is_some_and(|d| d > 0) || c == '十') {
        return None;
    }
    // Above and below 亿 (once at most): each part a count under it, read the same way.
    let mut parts = chars.split(|&c| c == '亿');
    let (high, low) = match (parts.next(), parts.next(), parts.next()) {
        (Some(low), None, _) => (None, low),
        (Some(high), Some(low), None) if !high.is_empty() => (Some(high), low),
        _ => return None,
    };
    let low = below(low, 100_000_000, high.is_some())?;
    match high {
        Some(h) => below(h, 100_000_000, false)?.checked_mul(100_000_000)?.checked_add(low),
        None => Some(low),
    }
}

/// A part under `unit` (亿) in Chinese numerals: its 万 (once at most) and what is under it;
/// after a larger unit (`after_unit`), one digit alone is the place below that unit (`一亿二`).
fn below(part: &[char], unit: u64, after_unit: bool) -> Option<u64> {
    if part.is_empty() {
        return Some(0);
    }
    if let ([c], true) = (part, after_unit) {
        return cn_digit(*c).filter(|d| *d > 0).map(|d| d * (unit / 10));
    }
    let mut split = part.split(|&c| c == '万');
    match (split.next(), split.next(), split.next()) {
        (Some(low), None, _) => section(low),
        (Some(high), Some(low), None) if !high.is_empty() => {
            // 一万五: one digit after 万 is thousands.
            let low = match low {
                [c] => cn_digit(*c).filter(|d| *d > 0)? * 1_000,
                low => section(low)?,
            };
            section(high)?.checked_mul(10_000)?.checked_add(low)
        }
        _ => None,
    }
}

/// A count under 10,000 in Chinese numerals (`三千零五`, `一百十`, `三千五`): each of 千百十 once
/// at most, larger first, each after its digit (十 may stand alone for one ten), a `零` for
/// places skipped; a last digit right after 千 or 百 is the place below it.
fn section(chars: &[char]) -> Option<u64> {
    let (mut value, mut last_unit, mut digit, mut zero) = (0u64, 10_000u64, None::<u64>, false);
    for &c in chars {
        if let Some(d) = cn_digit(c) {
            if digit.is_some() {
                return None;
            }
            if d == 0 {
                zero = true;
            } else {
                digit = Some(d);
            }
            continue;
        }
        let u = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1_000,
            _ => return None,
        };
        if u >= last_unit {
            return None;
        }
        let n = match digit.take() {
            Some(d) => d,
            None if u == 10 => 1,
            None => return None,
        };
        value += n * u;
        last_unit = u;
        zero = false;
    }
    match digit {
        // 三千五: the place below 千; 一百零五, 二十五: ones.
        Some(d) if !zero && (100..10_000).contains(&last_unit) => Some(value + d * (last_unit / 10)),
        Some(d) => Some(value + d),
        None if zero => None,
        None => Some(value),
    }
}

/// A Chinese digit's value (`零` and `〇` are 0, `两` 2).
fn cn_digit(c: char) -> Option<u64> {
    let at = "零一二三四五六七八九".chars().position(|d| d == c).map(|p| p as u64);
    at.or(match c {
        '〇' => Some(0),
        '两' => Some(2),
        _ => None,
    })
}

/// Reads a count written with separators (`,` `，` `_` `'`, spaces; commas where they group
/// thousands, or lakhs as in `1,50,000`), a suffix (亿 万 千 w k m, as
/// in `1.5万` or `15k`), an optional trailing `次` and a leading minus, or scientific notation
/// (`1.5E+04`, no unit); full-width digits and points are read as ASCII. The result may be negative or fractional.
pub fn read_count(text: &str) -> Result<Decimal, CountProblem> {
    // One cell copied from a spreadsheet ends with a line break.
    let text = text.trim();
    // Past any count as written (a paste of a page into a field): refused before it is read, so
    // the units' reading below never goes deep.
    if text.chars().count() > 64 {
        return Err(CountProblem::TooLong);
    }
    if several(text) {
        return Err(CountProblem::Several);
    }
    // One reading of the characters: ASCII digits and points, spacing gone, every comma `,`.
    let spaced: String = text
        .chars()
        .map(half_width)
        .filter(|c| !SPACING.contains(c) && !matches!(c, '_' | '\''))
        .map(|c| if c == '，' { ',' } else { c })
        .collect();
    let normalized: String = spaced.chars().filter(|&c| c != ',').collect();
    let s = normalized.trim_end_matches('次');
    if s.is_empty() {
        return Err(CountProblem::Empty);
    }
    // Chinese numerals, as said (四万, 十二万, 一万五千, 一万五).
    if let Some(n) = chinese_numeral(s) {
        return Ok(Decimal::from(n));
    }
    if !grouped(&spaced) {
        // A letter among the digits (`67,4O7`) is no number, whatever its commas; a unit after
        // them (`1,5万`) leaves it the commas' fault.
        let (digits, _) = split_suffix(s);
        let number = digits.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'));
        return Err(if number { CountProblem::Grouping } else { CountProblem::NotANumber });
    }
    // 1万5千 and 1万5000 (15,000), 1亿5千万, 2亿500万: a count after 亿 or 万, with its own unit
    // or of two digits or more, is added to it, below it.
    for (u, unit) in [("亿", 100_000_000u64), ("万", 10_000)] {
        let Some(at) = s.find(u) else { continue };
        let (head, tail) = s.split_at(at + u.len());
        let digits = tail.chars().all(|c| c.is_ascii_digit());
        if tail.is_empty() || (digits && tail.len() < 2) {
            continue; // none, or one digit: the place below it (2万5), read next
        }
        let (base, below) = (read_count(head)?, read_count(tail)?);
        if head.contains('.') || below.is_sign_negative() || below >= Decimal::from(unit) {
            return Err(CountProblem::NotANumber);
        }
        return Ok(if base.is_sign_negative() { base - below } else { base + below });
    }
    // 2万5 (25,000), 1亿2, 3千5 (3,500): one digit after a Chinese unit is the place below it,
    // as it is said.
    if let Some(d) = s.chars().last().and_then(|c| c.to_digit(10)) {
        let head = &s[..s.len() - 1];
        let unit = [("亿", 100_000_000u64), ("万", 10_000), ("千", 1_000)].into_iter().find(|(u, _)| head.ends_with(u));
        if let Some((_, unit)) = unit.filter(|_| !head.contains('.')) {
            let base = read_count(head)?;
            let below = Decimal::from(d) * Decimal::from(unit / 10);
            return Ok(if base.is_sign_negative() { base - below } else { base + below });
        }
    }
    let (number, multiplier) = split_suffix(s);
    let (negative, digits) = match number.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, number.strip_prefix('+').unwrap_or(number)),
    };
    let digits_ok = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|&c| c == '.').count() <= 1
        && digits.chars().any(|c| c.is_ascii_digit());
    if !digits_ok {
        return scientific(digits, multiplier).map(|v| if negative { -v } else { v });
    }
    // More than 20 digits is past any count; don't let Decimal overflow on it.
    if digits.len() > 20 {
        return Err(CountProblem::TooLong);
    }
    let value = Decimal::from_str(digits).map_err(|_| CountProblem::NotANumber)?;
    let value = value.checked_mul(Decimal::from(multiplier)).ok_or(CountProblem::TooLong)?;
    Ok(if negative { -value } else { value })
}

/// A count in scientific notation, as a spreadsheet writes one (`1.5e4`, `1E30`): exactly, or
/// too long where it is past what a decimal holds. Never with a unit (`1e4k` is a slip, not
/// 10⁷).
fn scientific(digits: &str, multiplier: u64) -> Result<Decimal, CountProblem> {
    let Some((mantissa, exponent)) = digits.split_once(['e', 'E']) else { return Err(CountProblem::NotANumber) };
    let mantissa_ok = mantissa.chars().all(|c| c.is_ascii_digit() || c == '.')
        && mantissa.chars().filter(|&c| c == '.').count() <= 1
        && mantissa.chars().any(|c| c.is_ascii_digit());
    let negative = exponent.starts_with('-');
    let unsigned = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    if multiplier != 1 || !mantissa_ok || unsigned.is_empty() || !unsigned.chars().all(|c| c.is_ascii_digit()) {
        return Err(CountProblem::NotANumber);
    }
    // Zero whatever its exponent.
    if mantissa.chars().all(|c| c == '0' || c == '.') {
        return Ok(Decimal::ZERO);
    }
    if mantissa.len() > 20 || (!negative && unsigned.len() > 3) {
        return Err(CountProblem::TooLong);
    }
    if unsigned.len() > 3 {
        return Err(CountProblem::NotANumber); // a fraction past any decimal
    }
    Decimal::from_scientific(&format!("{mantissa}e{exponent}"))
        .map_err(|_| if negative { CountProblem::NotANumber } else { CountProblem::TooLong })
}

/// Whether the commas of `spaced` (a count as `read_count` reads its characters) group its
/// whole part's digits: 1 to 3 digits first, then groups of 3 (or of 2 before the last, the
/// Indian way), the last of 3.
fn grouped(spaced: &str) -> bool {
    let whole = spaced.split('.').next().unwrap_or("");
    let groups: Vec<&str> = whole.split(',').filter(|g| !g.is_empty()).collect();
    if !whole.contains(',') || groups.is_empty() {
        return true;
    }
    let digits = |g: &str| g.chars().filter(char::is_ascii_digit).count();
    let (first, rest) = (groups[0], &groups[1..]);
    let Some((last, middle)) = rest.split_last() else { return true };
    // A sign before the first digits and a unit or 次 after the last are not digits.
    (1..=3).contains(&digits(first)) && middle.iter().all(|g| matches!(digits(g), 2 | 3)) && digits(last) == 3
}

/// Spacing inside a number: spaces (plain, no-break, ideographic) and a tab.
const SPACING: [char; 4] = [' ', '\u{a0}', '\u{3000}', '\t'];

/// Whether `text` holds several numbers ([`CountProblem::Several`]): two runs of digits parted
/// by a tab or a line break (cells of a spreadsheet); or by spaces that do not group the digits
/// as commas would (1 to 3 digits, then groups of 3, or of 2 before the last: `38 412`,
/// `1 234 567`, `1 50 000` are one number; `38412 41977`, `1 5万` are two); or, beside commas,
/// numbers each grouped by its own commas side by side (`38,412 41,977`; `1 234,5` is left to
/// the commas' reading, a decimal comma). `3 千` is one: a space before a unit parts nothing.
fn several(text: &str) -> bool {
    // (`text` is trimmed: [`read_count`] trims it first.)
    let t: Vec<char> = text.chars().map(half_width).collect();
    let gap = |c: &char| SPACING.contains(c) || matches!(c, '\n' | '\r');
    // The runs of spacing between two digits.
    let mut joins: Vec<usize> = Vec::new();
    let mut k = 0;
    while k < t.len() {
        if !gap(&t[k]) {
            k += 1;
            continue;
        }
        let start = k;
        while k < t.len() && gap(&t[k]) {
            k += 1;
        }
        if start > 0 && k < t.len() && t[start - 1].is_ascii_digit() && t[k].is_ascii_digit() {
            if t[start..k].iter().any(|c| matches!(c, '\t' | '\n' | '\r')) {
                return true;
            }
            joins.push(start);
        }
    }
    if joins.is_empty() {
        return false;
    }
    if t.iter().any(|c| matches!(c, ',' | '，')) {
        let words: Vec<&str> = text.split(|c: char| gap(&c)).filter(|w| !w.is_empty()).collect();
        return words.len() >= 2 && words.iter().all(|w| read_count(w).is_ok());
    }
    // The spaces between digits read as commas, the rest dropped: grouped as commas group?
    let mut as_commas = String::new();
    for (i, c) in t.iter().enumerate() {
        if joins.contains(&i) {
            as_commas.push(',');
        } else if !gap(c) {
            as_commas.push(*c);
        }
    }
    !grouped(&as_commas)
}

/// A character of a number as ASCII: full-width digits (`２`) and points (`．`, and `。` typed for
/// one), and the minus signs a Chinese IME or a word processor types (`－`, `−`); any other
/// character as it is. Every reading of a typed number goes through it.
pub fn half_width(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' | '。' => '.',
        '－' | '−' => '-',
        _ => c,
    }
}

/// Whether `text` starts with a minus sign (any of the ways one is typed).
pub fn is_negative(text: &str) -> bool {
    text.trim_start().starts_with(['-', '－', '−'])
}

fn split_suffix(s: &str) -> (&str, u64) {
    const SUFFIXES: [(&str, u64); 11] = [
        ("亿", 100_000_000),
        ("千万", 10_000_000),
        ("百万", 1_000_000),
        ("万", 10_000),
        ("千", 1_000),
        ("w", 10_000),
        ("W", 10_000),
        ("k", 1_000),
        ("K", 1_000),
        ("m", 1_000_000),
        ("M", 1_000_000),
    ];
    for (suffix, mult) in SUFFIXES {
        if let Some(n) = s.strip_suffix(suffix) {
            return (n, mult);
        }
    }
    (s, 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn reads_chinese_numerals_as_said() {
        for (text, want) in [
            ("四万", 40_000),
            ("十二万", 120_000),
            ("一万五千", 15_000),
            ("一万五", 15_000),
            ("三千五", 3_500),
            ("三千五百", 3_500),
            ("两千", 2_000),
            ("十", 10),
            ("二十", 20),
            ("一百零五", 105),
            ("十万零五百", 100_500),
            ("一亿二千万", 120_000_000),
            ("一亿二", 120_000_000),
            ("四万次", 40_000),
            ("九万九千九百九十九", 99_999),
        ] {
            assert_eq!(read_count(text), Ok(Decimal::from(want)), "{text}");
        }
        // Places skipped with 零, a lone 十 after a larger unit, the place below after 万 and 亿.
        for (text, want) in [
            ("一千零十", 1_010),
            ("一百十", 110),
            ("一千零一", 1_001),
            ("一万零五百五", 10_550),
            ("十万零五百五", 100_550),
            ("十万零五", 100_005),
            ("一万零五十", 10_050),
            ("两万五千五", 25_500),
            ("二十五万五", 255_000),
            ("一亿零五万五", 100_055_000),
            ("一千五万", 15_000_000),
            ("三千五万", 35_000_000),
            ("三十万", 300_000),
            ("一百万", 1_000_000),
            ("零", 0),
        ] {
            assert_eq!(read_count(text), Ok(Decimal::from(want)), "{text}");
        }
        // Not numbers as said: digits in a row, units out of order or twice, a 百 or 千 without
        // its digit, a 零 at the end.
        for text in [
            "万",
            "四万x",
            "abc万",
            "一〇〇〇〇",
            "二〇二五",
            "一二三",
            "五五",
            "十十",
            "十零",
            "百五",
            "千五",
            "一万万",
            "万万",
            "亿",
        ] {
            assert!(read_count(text).is_err(), "{text}");
        }
    }

    #[test]
    fn reads_separators_suffixes_signs_and_full_width_digits() {
        for (text, want) in [
            ("15,000", dec!(15000)),
            ("1.5万", dec!(15000)),
            ("15k", dec!(15000)),
            ("２０００", dec!(2000)),
            ("3 千", dec!(3000)),
            ("1,234,567次", dec!(1234567)),
            ("-120", dec!(-120)),
            ("－1.5万", dec!(-15000)),
            ("12.5", dec!(12.5)),
            ("+7", dec!(7)),
            ("2万5", dec!(25000)),
            ("1亿2", dec!(120000000)),
            ("3千5", dec!(3500)),
            ("1万5千", dec!(15000)),
            ("1万5千次", dec!(15000)),
            ("2亿500万", dec!(205000000)),
            ("1万2.5千", dec!(12500)),
            ("-1万5千", dec!(-15000)),
            ("1万5000", dec!(15000)),
            ("2万500", dec!(20500)),
            ("1亿5千万", dec!(150000000)),
            ("3百万", dec!(3000000)),
            ("-2万5", dec!(-25000)),
            ("1.5e4", dec!(15000)),
            ("1E4", dec!(10000)),
            ("2e+3", dec!(2000)),
            ("-1e3", dec!(-1000)),
            ("1.25e1", dec!(12.5)),
        ] {
            assert_eq!(read_count(text), Ok(want), "{text}");
        }
        // Past a decimal: too long (the field says too large), not "not a number".
        assert_eq!(read_count("1e30"), Err(CountProblem::TooLong));
        assert_eq!(read_count("1e999"), Err(CountProblem::TooLong));
        assert_eq!(read_count("1e1000"), Err(CountProblem::TooLong));
        assert_eq!(read_count("0e999"), Ok(Decimal::ZERO));
        // Never with a unit: a slip, not 10⁷ (nor through 万's own reading).
        for text in ["e4", "1e", "1e1.5", "1ee4", "1e4e4", "1e-99", "1e4k", "1E+4K", "1e4万", "1e3万5", "1e-1000"] {
            assert_eq!(read_count(text), Err(CountProblem::NotANumber), "{text}");
        }
    }

    #[test]
    fn says_why_a_text_is_not_a_count() {
        assert_eq!(read_count(" , "), Err(CountProblem::Empty));
        assert_eq!(read_count("abc"), Err(CountProblem::NotANumber));
        assert_eq!(read_count("1.2.3"), Err(CountProblem::NotANumber));
        assert_eq!(read_count("5-3"), Err(CountProblem::NotANumber));
        assert_eq!(read_count("-"), Err(CountProblem::NotANumber));
        assert_eq!(read_count("1.5万5"), Err(CountProblem::NotANumber), "a place below a fraction");
        assert_eq!(read_count("万5"), Err(CountProblem::NotANumber));
        assert_eq!(read_count("1万2万"), Err(CountProblem::NotANumber), "not below the 万 before it");
        assert_eq!(read_count("1.5万5千"), Err(CountProblem::NotANumber));
        assert_eq!(read_count("1万50000"), Err(CountProblem::NotANumber), "not below the 万");
        assert_eq!(read_count(&"1万".repeat(5_000)), Err(CountProblem::TooLong), "a paste is refused unread");
        assert_eq!(read_count(&"9".repeat(21)), Err(CountProblem::TooLong));
        // Commas group thousands (or lakhs); anything else is a decimal comma or a slip, not 1,500.
        for bad in ["15,00", "1,5", "1,5万", "15,0000", "1,2345", "１５，００"] {
            assert_eq!(read_count(bad), Err(CountProblem::Grouping), "{bad}");
        }
        for good in ["15,000", "1,50,000", "-1,234", "1,234.5", "15,000次", "１５，０００", "15, 000", ","] {
            assert_ne!(read_count(good), Err(CountProblem::Grouping), "{good}");
        }
        // A letter among grouped digits is no number (not a comma's fault).
        assert_eq!(read_count("67,4O7"), Err(CountProblem::NotANumber));
        // A space grouping thousands beside a decimal comma: the comma's reading, not two numbers.
        assert_eq!(read_count("1 234,5"), Err(CountProblem::Grouping));
        // Two cells of a spreadsheet pasted into one field are two numbers, never 3,841,241,977.
        for two in
            ["38412 41977", "38412\t41977", "38412\n41977", "38,412 41,977", "1 5万", "12345 678", "38 41", "1234 567"]
        {
            assert_eq!(read_count(two), Err(CountProblem::Several), "{two:?}");
        }
        for (one, want) in [
            ("38 412", dec!(38412)),
            ("1 234 567", dec!(1234567)),
            ("1 50 000", dec!(150000)),
            ("12 345.5", dec!(12345.5)),
            ("3 千", dec!(3000)),
            (" 15000\n", dec!(15000)),
        ] {
            assert_eq!(read_count(one), Ok(want), "{one:?}");
        }
    }
}
