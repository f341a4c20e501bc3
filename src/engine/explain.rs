//! The arithmetic of a quote written the way the price documents write it:
//! `(15,000 − 10,000) × 0.85 + 8,000 = 12,250`, `3 × 75,000 = 225,000`, `3,000 × 0.85 = 2,550`.
//!
//! Postpaid terms come first, one per month with postpaid calls (runs of identical months are
//! written once, `4 × 25,000 × 0.75`), then pack terms, then the result. A price that must come
//! from sales is written as a word (`联系商务` / `contact sales`) and the result shows the known
//! part plus that word, never an invented number; a negotiated price is marked as such
//! (`250,000 × 0.6（协商价）`). A discount multiplies what it applies to:
//! `((15,000 − 10,000) × 0.85 + 8,000) × 0.9 = 11,025`.

use rust_decimal::Decimal;

use super::catalog::Unpriced;
use super::lang::Lang;
use super::money::{group_u64, plain, yuan_short};
use super::rating::{Charge, Slice};
use super::settle::{Month, Purchase};
use super::terms::{Discount, Factors};

/// Why a line has no number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// A tier says 联系商务.
    ContactSales,
    /// The vendor prices the service on request (eKYC).
    OnRequest,
    /// The documents list no price.
    NotListed,
}

impl Missing {
    pub fn from_unpriced(u: Unpriced) -> Missing {
        match u {
            Unpriced::OnRequest => Missing::OnRequest,
            Unpriced::NotListed => Missing::NotListed,
        }
    }

    /// The word that stands for the missing price in a formula.
    pub fn word(self, lang: Lang) -> &'static str {
        match self {
            Missing::ContactSales => lang.pick("联系商务", "contact sales"),
            Missing::OnRequest => lang.pick("询价", "price on request"),
            Missing::NotListed => lang.pick("未列价格", "price not listed"),
        }
    }

    /// A sentence saying what the visitor should do.
    pub fn advice(self, lang: Lang) -> &'static str {
        match self {
            Missing::ContactSales => lang.pick(
                "该用量达到“联系商务”档位，文档没有给出价格，请联系腾讯云商务获取报价。",
                "This volume reaches a \"contact sales\" tier: the documents give no price; ask Tencent Cloud sales for a quote.",
            ),
            Missing::OnRequest => lang.pick(
                "该服务的价格需向销售询价，文档没有给出价格。",
                "This service is priced on request: the documents give no price; ask sales.",
            ),
            Missing::NotListed => lang.pick(
                "文档没有列出该服务的后付费价格；可将其添加为自定义服务并填入价格。",
                "The documents list no postpaid price for this service; add it as a custom service with your prices.",
            ),
        }
    }
}

impl Charge {
    /// Why this charge has no amount, if it has none.
    pub fn missing(&self) -> Option<Missing> {
        match self {
            Charge::ContactSales { .. } => Some(Missing::ContactSales),
            Charge::Unpriced(u) => Some(Missing::from_unpriced(*u)),
            _ => None,
        }
    }
}

/// The postpaid part of one month, `(15,000 − 10,000) × 0.85`, or `None` without postpaid calls.
pub fn postpaid_term(m: &Month, lang: Lang) -> Option<String> {
    if m.postpaid_calls == 0 {
        return None;
    }
    let covered = m.calls - m.postpaid_calls - m.refused;
    let volume = if covered > 0 {
        format!("({} − {})", group_u64(m.calls - m.refused), group_u64(covered))
    } else {
        group_u64(m.postpaid_calls)
    };
    Some(match &m.charge {
        Charge::Priced { slices, .. } if slices.len() == 1 => format!("{volume} × {}", price(&slices[0], lang)),
        Charge::Priced { slices, .. } => slices
            .iter()
            .map(|s| format!("{} × {}", group_u64(s.calls), price(s, lang)))
            .collect::<Vec<_>>()
            .join(" + "),
        other => format!("{volume} × {}", other.missing().map_or("?", |w| w.word(lang))),
    })
}

/// A slice's price, marked where it is the visitor's negotiated one.
fn price(s: &Slice<Decimal>, lang: Lang) -> String {
    match (s.negotiated, lang) {
        (false, _) => plain(s.price),
        (true, Lang::Zh) => format!("{}（协商价）", plain(s.price)),
        (true, Lang::En) => format!("{} (negotiated)", plain(s.price)),
    }
}

/// The formula of one month: its postpaid term and its pack purchases, with the result.
pub fn month_formula(m: &Month, purchases: &[Purchase], lang: Lang) -> String {
    let bought: Vec<&Purchase> = purchases.iter().filter(|p| p.month == m.month).collect();
    let mut terms: Vec<String> = postpaid_term(m, lang).into_iter().collect();
    terms.extend(pack_terms(bought.iter().copied()));
    let known = m.charge.amount().map(|a| a + m.packs_bought);
    equation(terms, known.ok_or(m.packs_bought), m.charge.missing(), lang)
}

/// The formula of a whole line.
pub fn line_formula(
    months: &[Month],
    purchases: &[Purchase],
    total: Option<Decimal>,
    known: Decimal,
    discount: Option<&Discount>,
    lang: Lang,
) -> String {
    let mut terms: Vec<String> = Vec::new();
    let mut run: Option<(String, usize)> = None;
    for term in months.iter().filter_map(|m| postpaid_term(m, lang)) {
        match &mut run {
            Some((t, n)) if *t == term => *n += 1,
            _ => {
                if let Some(done) = run.take() {
                    terms.push(repeat(done));
                }
                run = Some((term, 1));
            }
        }
    }
    if let Some(done) = run {
        terms.push(repeat(done));
    }
    let packs = pack_terms(purchases.iter());
    // Each kind of charge is multiplied by its factor where the discount applies to it.
    let terms = match discount {
        None => [terms, packs].concat(),
        Some(d) => {
            let (f, factors) = (plain(d.factor()), Factors::of(Some(d)));
            match (factors.postpaid != Decimal::ONE, factors.packs != Decimal::ONE) {
                (true, true) => scaled([terms, packs].concat(), &f),
                (true, false) => [scaled(terms, &f), packs].concat(),
                (false, true) => [terms, scaled(packs, &f)].concat(),
                (false, false) => [terms, packs].concat(),
            }
        }
    };
    let missing = months.iter().find_map(|m| m.charge.missing());
    equation(terms, total.ok_or(known), missing, lang)
}

/// Terms multiplied by a discount factor: `t × 0.9`, or `(t1 + t2) × 0.9`.
fn scaled(terms: Vec<String>, factor: &str) -> Vec<String> {
    match terms.len() {
        0 => terms,
        1 if !terms[0].contains(" + ") => vec![format!("{} × {factor}", terms[0])],
        _ => vec![format!("({}) × {factor}", terms.join(" + "))],
    }
}

fn repeat((term, n): (String, usize)) -> String {
    match n {
        1 => term,
        _ if term.contains(" + ") => format!("{n} × ({term})"),
        _ => format!("{n} × {term}"),
    }
}

/// `count × price` per pack price, counts of equal prices summed: `3 × 75,000`, or `8,000` for one.
fn pack_terms<'a>(purchases: impl Iterator<Item = &'a Purchase>) -> Vec<String> {
    let mut by_price: Vec<(u64, Decimal, u64)> = Vec::new();
    for p in purchases.filter(|p| p.count > 0) {
        match by_price.iter_mut().find(|(size, price, _)| *size == p.size && *price == p.price) {
            Some((_, _, n)) => *n = n.saturating_add(p.count),
            None => by_price.push((p.size, p.price, p.count)),
        }
    }
    by_price
        .into_iter()
        .map(
            |(_, price, n)| {
                if n == 1 { yuan_short(price) } else { format!("{} × {}", group_u64(n), yuan_short(price)) }
            },
        )
        .collect()
}

/// Joins terms and writes the result: the total, or the known part plus the missing word.
fn equation(terms: Vec<String>, result: Result<Decimal, Decimal>, missing: Option<Missing>, lang: Lang) -> String {
    let lhs = if terms.is_empty() { "0".to_string() } else { terms.join(" + ") };
    let rhs = match result {
        Ok(total) => yuan_short(total),
        Err(known) => {
            let word = missing.unwrap_or(Missing::ContactSales).word(lang);
            if known.is_zero() { word.to_string() } else { format!("{} + {word}", yuan_short(known)) }
        }
    };
    if terms.len() == 1 && lhs == rhs { lhs } else { format!("{lhs} = {rhs}") }
}
