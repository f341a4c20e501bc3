//! Calendar months (`2025-11`) and how the dates of a usage file are read into them: ISO dates
//! and times (`2025-11-03`, `2025-11-03T16:00:00Z`, as written, not moved to another zone),
//! `2025/11/3`, `2025.11`, `20251103`, `202511`, `2025年11月3日`, `Nov 2025`, `11/2025`, a
//! spreadsheet's months with two-digit years (`Jan-25`, `25年1月`), and day-first or
//! month-first dates (`03/11/2025`), whose order a file's other dates decide; in a date column,
//! also a spreadsheet's date serials (`45658`, [`read_serial`]).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: u16,
    /// 1 to 12.
    month: u8,
}

/// Earliest and latest years a usage file's dates may have.
const DATE_YEARS: std::ops::RangeInclusive<u16> = 1970..=2999;
/// Earliest and latest years of a month (a forecast runs past a file's dates).
const YEARS: std::ops::RangeInclusive<u16> = 1000..=9999;

impl Month {
    /// The first month a usage file's dates may have (1970-01).
    pub const FIRST: Month = Month { year: 1970, month: 1 };

    /// The month `month` (1–12) of `year` (1000–9999).
    pub fn new(year: u16, month: u8) -> Option<Month> {
        (YEARS.contains(&year) && (1..=12).contains(&month)).then_some(Month { year, month })
    }

    /// How many days the month has (February 29 in leap years).
    fn days(&self) -> u8 {
        let leap = self.year.is_multiple_of(4) && (!self.year.is_multiple_of(100) || self.year.is_multiple_of(400));
        match self.month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// A month of a usage file's dates (1970–2999).
    fn dated(year: u16, month: u8) -> Option<Month> {
        Month::new(year, month).filter(|_| DATE_YEARS.contains(&year))
    }

    pub fn year(self) -> u16 {
        self.year
    }

    /// 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The month after this one (none after 9999-12).
    pub fn next(self) -> Option<Month> {
        if self.month == 12 { Month::new(self.year + 1, 1) } else { Some(Month { month: self.month + 1, ..self }) }
    }

    /// How many months from `self` to `later` (0 for the same month; negative if earlier).
    pub fn until(self, later: Month) -> i64 {
        (i64::from(later.year) - i64::from(self.year)) * 12 + i64::from(later.month) - i64::from(self.month)
    }

    /// `count` months from this one on: this, the next, … (fewer where they would pass 9999).
    pub fn run(self, count: usize) -> Vec<Month> {
        std::iter::successors(Some(self), |m| m.next()).take(count).collect()
    }

    /// Reads `2025-11` (the estimate's `usage_months`).
    pub fn parse(text: &str) -> Option<Month> {
        let (y, m) = text.split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        Month::new(y.parse().ok()?, m.parse().ok()?)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Month, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Month::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("\"{text}\" is not a month like \"2025-11\"")))
    }
}

/// What a date cell says about its month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateRead {
    Month(Month),
    /// `25/11/2025`: only day-first reads (a clue to the file's order).
    DayFirst(Month),
    /// `11/25/2025`: only month-first reads.
    MonthFirst(Month),
    /// `a/b/year`: day-first (month `b`) or month-first (month `a`); the file decides.
    Either {
        a: u8,
        b: u8,
        year: u16,
    },
    Unreadable,
}

impl DateRead {
    /// The month under day-first (`day_first`) or month-first reading.
    pub fn month(self, day_first: bool) -> Option<Month> {
        match self {
            DateRead::Month(m) | DateRead::DayFirst(m) | DateRead::MonthFirst(m) => Some(m),
            DateRead::Either { a, b, year } => Month::dated(year, if day_first { b } else { a }),
            DateRead::Unreadable => None,
        }
    }
}

/// Reads the month of a date as written.
pub fn read_date(text: &str) -> DateRead {
    if let Some(m) = read_short_year(text.trim()) {
        return DateRead::Month(m);
    }
    let mut numbers: [&str; 3] = [""; 3];
    let mut count = 0;
    let mut name: Option<u8> = None;
    // What parts the first number from the second, and the second from the third, as written:
    // `-` and `-` in `2025-05-03`, `年` and `月` in `2025年5月3日`, `-` and ` ` in `2025-05 3`.
    let mut seps: [String; 2] = [String::new(), String::new()];
    let mut rest = text.trim();
    while !rest.is_empty() && count < 3 {
        let c = rest.chars().next().unwrap_or(' ');
        let run = if c.is_ascii_digit() {
            rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len())
        } else if c.is_ascii_alphabetic() {
            rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len())
        } else {
            c.len_utf8()
        };
        let (token, after) = rest.split_at(run);
        if !c.is_ascii_digit() && (1..=2).contains(&count) {
            seps[count - 1].push_str(token);
        }
        if c.is_ascii_digit() {
            numbers[count] = token;
            count += 1;
            // With a month name, the year ends the date (`03 Nov 2025 16:00`, `Nov 3, 2025 10:00`).
            if name.is_some() && token.len() == 4 {
                break;
            }
        } else if c.is_ascii_alphabetic() && name.is_none() && count < 3 {
            name = month_name(token);
            // A time (`T16:00`, `20251103T160000Z`) or a zone after the date ends it.
            if name.is_none() && (count >= 2 || (count == 1 && numbers[0].len() == 8)) {
                break;
            }
        }
        rest = after;
    }
    let numbers = &numbers[..count];
    let num = |s: &str| s.parse::<u16>().ok();
    let month = |y: &str, m: &str| match (y.len(), m.len()) {
        (4, 1..=2) => Month::dated(num(y)?, num(m)? as u8),
        _ => None,
    };
    // A day the month has: 2025-02-30 is no date (an export that wrote it is not to be trusted).
    let day_ok = |m: &Month, d: &str| d.len() <= 2 && num(d).is_some_and(|d| (1..=m.days() as u16).contains(&d));
    // Three numbers parted first by a mark and then by spaces alone are a month and a number
    // after it (a count that a thousands comma cut, `2025-05 3,200`), no date; a date parts its
    // day as it parts its month (`2025-05-03`, `2025. 5. 3.`, `2025年 5月 3日`, `2025년 5월 3일`).
    let blank = |s: &str| s.chars().all(char::is_whitespace);
    if name.is_none() && count == 3 && blank(&seps[1]) && !blank(&seps[0]) {
        return DateRead::Unreadable;
    }
    let found = match (name, numbers) {
        (Some(m), [y]) | (Some(m), [_, y]) | (Some(m), [y, _]) if y.len() == 4 => Month::dated(num(y).unwrap_or(0), m),
        (Some(_), _) => None,
        (None, [ymd]) if ymd.len() == 8 => month(&ymd[..4], &ymd[4..6]).filter(|m| day_ok(m, &ymd[6..])),
        (None, [ym]) if ym.len() == 6 => month(&ym[..4], &ym[4..]),
        (None, [y, m]) if y.len() == 4 => month(y, m),
        (None, [y, m, d]) if y.len() == 4 => month(y, m).filter(|m| day_ok(m, d)),
        (None, [m, y]) if m.len() <= 2 && y.len() == 4 => month(y, m),
        (None, [a, b, y]) if a.len() <= 2 && b.len() <= 2 && y.len() == 4 => {
            let (Some(a), Some(b), Some(year)) = (num(a), num(b), num(y)) else { return DateRead::Unreadable };
            let (a, b) = (a as u8, b as u8);
            let plausible = |m: u8, d: u8| Month::new(year, m).is_some_and(|m| (1..=m.days()).contains(&d));
            return match (plausible(a, b), plausible(b, a)) {
                (true, true) if a == b => Month::dated(year, a).map_or(DateRead::Unreadable, DateRead::Month),
                (true, true) => DateRead::Either { a, b, year },
                (true, false) => Month::dated(year, a).map_or(DateRead::Unreadable, DateRead::MonthFirst),
                (false, true) => Month::dated(year, b).map_or(DateRead::Unreadable, DateRead::DayFirst),
                (false, false) => DateRead::Unreadable,
            };
        }
        _ => None,
    };
    found.map_or(DateRead::Unreadable, DateRead::Month)
}

/// A month with a two-digit year as spreadsheets show one: `Jan-25`, `Jan-'25`, `Jan '25`
/// (Excel's `mmm-yy`), `25年1月` and `25年01月` (its `yy年m月`). Not `Jan 25` nor `25-Jan`,
/// which are days of January. Two-digit years as Excel reads them: 00–29 are 2000–2029, 30–99
/// 1930–1999.
fn read_short_year(text: &str) -> Option<Month> {
    let year = |yy: &str| {
        (yy.len() == 2 && yy.bytes().all(|b| b.is_ascii_digit())).then(|| {
            let y: u16 = yy.parse().unwrap_or(0);
            if y < 30 { 2000 + y } else { 1900 + y }
        })
    };
    if let Some((yy, m)) = text.strip_suffix('月').and_then(|t| t.split_once('年')) {
        let m = m.trim();
        if (1..=2).contains(&m.len()) && m.bytes().all(|b| b.is_ascii_digit()) {
            return Month::dated(year(yy.trim())?, m.parse().ok()?);
        }
        return None;
    }
    let split = text.find(|c: char| !c.is_ascii_alphabetic())?;
    let (name, rest) = text.split_at(split);
    let yy = ["-'", "-", " '", "'"].iter().find_map(|sep| rest.strip_prefix(sep))?;
    Month::dated(year(yy)?, month_name(name)?)
}

/// A date as a spreadsheet stores it, where a sheet was saved with its dates unformatted: days
/// since 1899-12-30 (Excel's and LibreOffice's count from 1900-03-01 on), a fraction the time of
/// day: `45658` is 2025-01-01, `45688.75` 2025-01-31 at 18:00. Five digits from 25569
/// (1970-01-01) to 99999 (2173-10-14); for a date column only, where a count is no date.
pub fn read_serial(text: &str) -> Option<Month> {
    let t = text.trim();
    let (days, fraction) = t.split_once('.').unwrap_or((t, "0"));
    if days.len() != 5 || !days.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit()) || fraction.is_empty() {
        return None;
    }
    let serial: i64 = days.parse().ok()?;
    if serial < 25_569 {
        return None;
    }
    // Days since 1970-01-01 to a civil date (Howard Hinnant's `civil_from_days`).
    let z = serial - 25_569 + 719_468;
    let (era, doe) = (z / 146_097, z % 146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Month::dated(u16::try_from(year).ok()?, month as u8)
}

/// Whether `token` names a day of the week (`Mon`, `monday`, `Mon,`).
pub fn is_day_name(token: &str) -> bool {
    const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let t = token.trim_end_matches([',', '.']).to_ascii_lowercase();
    t.len() >= 3 && DAYS.iter().any(|d| d.starts_with(&t))
}

/// Whether `token` names a month (`Nov`, `november`).
pub fn is_month_name(token: &str) -> bool {
    month_name(token).is_some()
}

/// Whether `text` names a month without its year (`1月`, `1月份`, `一月`, `Jan`, `January`): no
/// date, and the message says the year is what is missing.
pub fn is_yearless(text: &str) -> bool {
    let t: String = text.trim().chars().map(crate::engine::number::half_width).collect();
    if month_name(t.trim_end_matches('.')).is_some() {
        return true;
    }
    let Some(head) = t.strip_suffix('月').or_else(|| t.strip_suffix("月份")) else { return false };
    let numeral = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"].contains(&head);
    numeral || head.parse::<u8>().is_ok_and(|m| (1..=12).contains(&m))
}

/// `Nov`, `november` → 11.
fn month_name(token: &str) -> Option<u8> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let t = token.to_ascii_lowercase();
    if t.len() < 3 {
        return None;
    }
    NAMES.iter().position(|n| n.starts_with(&t) || (t == "sept" && *n == "september")).map(|i| i as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(y: u16, m: u8) -> DateRead {
        DateRead::Month(Month::new(y, m).unwrap())
    }

    #[test]
    fn reads_the_ways_exports_write_dates() {
        for (text, want) in [
            ("2025-11-03", m(2025, 11)),
            ("2025-12-31T16:00:00Z", m(2025, 12)),
            ("2025-12-31 23:59:59", m(2025, 12)),
            ("2025/1/5", m(2025, 1)),
            ("2025.11", m(2025, 11)),
            ("20251103", m(2025, 11)),
            ("202511", m(2025, 11)),
            ("2025年11月3日", m(2025, 11)),
            ("2025年 11月 3日", m(2025, 11)),
            ("2025 年 11 月 3 日", m(2025, 11)),
            ("2025년 11월 3일", m(2025, 11)),
            ("2025년11월3일", m(2025, 11)),
            ("2025. 11. 3.", m(2025, 11)),
            ("2025/11/03 16:00", m(2025, 11)),
            ("03.11.2025", DateRead::Either { a: 3, b: 11, year: 2025 }),
            ("2025年1月", m(2025, 1)),
            ("Nov 2025", m(2025, 11)),
            ("3 November 2025", m(2025, 11)),
            ("2025-Sept", m(2025, 9)),
            ("Mon, 03 Nov 2025 16:00:00 GMT", m(2025, 11)),
            ("03-Nov-2025 10:00", m(2025, 11)),
            ("Nov 3, 2025 10:00 AM", m(2025, 11)),
            ("20251103T160000Z", m(2025, 11)),
            ("11/2025", m(2025, 11)),
            ("25/11/2025", DateRead::DayFirst(Month::new(2025, 11).unwrap())),
            ("11/25/2025", DateRead::MonthFirst(Month::new(2025, 11).unwrap())),
            ("05/05/2025", m(2025, 5)),
            ("03/11/2025", DateRead::Either { a: 3, b: 11, year: 2025 }),
            // A spreadsheet's two-digit years: 00–29 this century, 30–99 the last.
            ("Jan-25", m(2025, 1)),
            ("Sep-'24", m(2024, 9)),
            ("Dec '99", m(1999, 12)),
            ("25年1月", m(2025, 1)),
            ("24年12月", m(2024, 12)),
        ] {
            assert_eq!(read_date(text), want, "{text}");
        }
    }

    #[test]
    fn a_spreadsheets_date_serials_are_days_since_1899_12_30() {
        let at = |y, m| Month::new(y, m);
        // 45658 = 25,569 (1970-01-01) + 20,089 days: 55 years of 365 and 14 leap days.
        assert_eq!(read_serial("45658"), at(2025, 1));
        // January has 31 days: 45688 is the 31st (its evening too), 45689 February 1st.
        assert_eq!(read_serial("45688.75"), at(2025, 1));
        assert_eq!(read_serial("45689"), at(2025, 2));
        // 2024 is a leap year: 45351 is February 29th, 45352 March 1st.
        assert_eq!(read_serial("45351"), at(2024, 2));
        assert_eq!(read_serial("45352"), at(2024, 3));
        assert_eq!(read_serial("25569"), at(1970, 1));
        for text in ["25568", "4565", "456580", "45658.", "-45658", "4.5e4", "abc", ""] {
            assert_eq!(read_serial(text), None, "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for text in [
            "",
            "abc",
            "2025-13-01",
            "2025-11-32",
            "12345",
            "1/2/3",
            "13/13/2025",
            "25-11-03",
            "Foo 2025",
            "3025-01-01",
            // Days a month does not have: February 30, the 29th outside a leap year, April 31.
            "2025-02-30",
            "20230229",
            // Days of January without a year, and a year month that is no month.
            "Jan 25",
            "25-Jan",
            "25年13月",
            "2100-02-29",
            "31/04/2025",
        ] {
            assert_eq!(read_date(text), DateRead::Unreadable, "{text}");
        }
        // A leap year's 29 February is a date (2000 is one, 2100 is not).
        assert_eq!(read_date("2024-02-29"), m(2024, 2));
        assert_eq!(read_date("2000-02-29"), m(2000, 2));
        assert_eq!(read_date("29/02/2024"), DateRead::DayFirst(Month::new(2024, 2).unwrap()));
    }

    #[test]
    fn months_count_and_print() {
        let nov = Month::new(2025, 11).unwrap();
        assert_eq!(nov.to_string(), "2025-11");
        assert_eq!(nov.run(3).iter().map(|m| m.to_string()).collect::<Vec<_>>(), ["2025-11", "2025-12", "2026-01"]);
        assert_eq!(nov.until(Month::new(2026, 2).unwrap()), 3);
        assert_eq!(Month::parse("2025-11"), Some(nov));
        assert_eq!(Month::parse("2025-1"), None);
        assert_eq!(Month::parse("2025-13"), None);
        assert_eq!(Month::new(9999, 12).unwrap().next(), None);
        assert_eq!(Month::new(9999, 11).unwrap().run(5).len(), 2);
    }
}
