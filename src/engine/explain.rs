//! The arithmetic of a quote written the way the price documents write it:
//! `(15,000 − 10,000) × 0.85 + 8,000 = 12,250`, `3 × 75,000 = 225,000`, `3,000 × 0.85 = 2,550`.
//!
//! Format 2's models are written where they apply: calls of a free quota or a commitment taken
//! off the volume by name (`(2,000 − 500 free) × 0.01`), prices per block as blocks
//! (`(1,200,000 − 1,000,000 committed) / 1,000 × 1`, and rounded up `⌈3,200 / 1,000⌉ = 4: 1 × 0 +
//! 3 × 2`), a tier's flat fee (`+ 20 fee`), the raise to a monthly minimum (`+ 50 to the minimum
//! of 100`) and commitment fees beside the packs (`2 × 800 commitment`).
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
use super::money::{calls, group_u64, plain, yuan_short};
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
    // What came off the month's calls before postpaid: packs (as the documents write it), and
    // format 2's free quota and commitment, by name.
    let packs = m.from_free + m.from_packs;
    let mut parts = Vec::new();
    if m.from_quota > 0 {
        parts.push(format!("{} {}", group_u64(m.from_quota), lang.pick("免费", "free")));
    }
    if m.from_commitment > 0 {
        parts.push(format!("{} {}", group_u64(m.from_commitment), lang.pick("承诺", "committed")));
    }
    if packs > 0 {
        parts.push(group_u64(packs));
    }
    let volume = if parts.is_empty() {
        group_u64(m.postpaid_calls)
    } else {
        format!("({} − {})", group_u64(m.calls - m.refused), parts.join(" − "))
    };
    Some(match &m.charge {
        Charge::Priced { slices, .. } => priced_term(&volume, m.postpaid_calls, slices, lang),
        other => format!("{volume} × {}", other.missing().map_or("?", |w| w.word(lang))),
    })
}

/// The priced slices of a month's `postpaid` calls (written `volume`).
fn priced_term(volume: &str, postpaid: u64, slices: &[Slice<Decimal>], lang: Lang) -> String {
    let unit = slices.first().map_or(1, |s| s.unit);
    let billed: u64 = slices.iter().map(|s| s.calls).sum();
    let fee = |s: &Slice<Decimal>| {
        s.fee.map(|f| format!(" + {} {}", plain(f), lang.pick("档位费", "fee"))).unwrap_or_default()
    };
    // Blocks of calls: a whole number, or an exact decimal where a part is prorated.
    let blocks = |calls: u64| plain(Decimal::from(calls) / Decimal::from(unit));
    match slices {
        [s] if unit == 1 => format!("{volume} × {}{}", price(s, lang), fee(s)),
        [s] if billed > postpaid => format!("⌈{volume} / {}⌉ × {}{}", group_u64(unit), price(s, lang), fee(s)),
        [s] => format!("{volume} / {} × {}{}", group_u64(unit), price(s, lang), fee(s)),
        _ if unit == 1 => {
            let each = slices
                .iter()
                .map(|s| format!("{} × {}{}", group_u64(s.calls), price(s, lang), fee(s)))
                .collect::<Vec<_>>();
            // The slices add up to the postpaid calls: what came off the month's calls first
            // (a free quota, a commitment, packs) is said before them, as blocks are.
            if volume == group_u64(postpaid) { each.join(" + ") } else { format!("{volume}: {}", each.join(" + ")) }
        }
        _ => {
            let each = slices
                .iter()
                .map(|s| format!("{} × {}{}", blocks(s.calls), price(s, lang), fee(s)))
                .collect::<Vec<_>>();
            let head = if billed > postpaid {
                format!("⌈{volume} / {}⌉ = {}", group_u64(unit), blocks(billed))
            } else {
                format!("{volume} / {} = {}", group_u64(unit), blocks(billed))
            };
            format!("{head}: {}", each.join(" + "))
        }
    }
}

/// The raise of a month's usage charge to the service's minimum, where there is one.
fn minimum_term(m: &Month, lang: Lang) -> Option<String> {
    let usage = m.charge.amount()?;
    (!m.minimum_raise.is_zero()).then(|| {
        let min = usage + m.minimum_raise;
        format!(
            "{} {}",
            yuan_short(m.minimum_raise),
            lang.pick(&format!("补足最低消费 {}", yuan_short(min)), &format!("to the minimum of {}", yuan_short(min)))
        )
    })
}

/// A month's usage: its postpaid (or overage) term and the raise to the minimum.
fn usage_terms(m: &Month, lang: Lang) -> Vec<String> {
    postpaid_term(m, lang).into_iter().chain(minimum_term(m, lang)).collect()
}

/// Commitment fees, equal fees counted: `2 × 800 commitment`, or `800 commitment` for one.
fn commitment_terms<'a>(months: impl Iterator<Item = &'a Month>, lang: Lang) -> Vec<String> {
    let mut by_fee: Vec<(Decimal, u64)> = Vec::new();
    for m in months.filter(|m| m.commitment.is_some()) {
        match by_fee.iter_mut().find(|(fee, _)| *fee == m.commitment_fee) {
            Some((_, n)) => *n += 1,
            None => by_fee.push((m.commitment_fee, 1)),
        }
    }
    let word = lang.pick("承诺费", "commitment");
    by_fee
        .into_iter()
        .map(
            |(fee, n)| {
                if n == 1 {
                    format!("{} {word}", yuan_short(fee))
                } else {
                    format!("{n} × {} {word}", yuan_short(fee))
                }
            },
        )
        .collect()
}

/// A slice's price, marked where it is the visitor's negotiated one.
fn price(s: &Slice<Decimal>, lang: Lang) -> String {
    match (s.negotiated, lang) {
        (false, _) => plain(s.price),
        (true, Lang::Zh) => format!("{}（协商价）", plain(s.price)),
        (true, Lang::En) => format!("{} (negotiated)", plain(s.price)),
    }
}

/// The formula of one month: its usage terms, its pack purchases and its commitment, with the
/// result. `held`: the free pack's calls are held from packs bought before month 1.
pub fn month_formula(m: &Month, purchases: &[Purchase], held: bool, lang: Lang) -> String {
    let bought: Vec<&Purchase> = purchases.iter().filter(|p| p.month == m.month).collect();
    let mut terms = usage_terms(m, lang);
    terms.extend(pack_terms(bought.iter().copied()));
    terms.extend(commitment_terms(std::iter::once(m), lang));
    let prepaid = m.packs_bought + m.commitment_fee;
    let known = m.charge.amount().map(|a| a + m.minimum_raise + prepaid);
    let drawn = Drawn::of(std::iter::once(m), held);
    let aside = aside(drawn, m.refused, terms.is_empty(), lang);
    equation(terms, known.ok_or(prepaid), m.charge.missing(), lang) + &aside
}

/// Calls that cost nothing in the months a formula covers: free (a free quota, a free pack) and
/// drawn from packs held from before month 1.
#[derive(Clone, Copy, Default)]
struct Drawn {
    free: u64,
    held: u64,
}

impl Drawn {
    fn of<'a>(months: impl Iterator<Item = &'a Month>, held: bool) -> Drawn {
        months.fold(Drawn::default(), |d, m| {
            let (pack, quota) = (m.from_free, m.from_quota);
            match held {
                true => Drawn { free: d.free.saturating_add(quota), held: d.held.saturating_add(pack) },
                false => Drawn { free: d.free.saturating_add(quota).saturating_add(pack), held: d.held },
            }
        })
    }
}

/// What the terms leave unsaid, after the formula: calls refused (postpaid off: they cost
/// nothing and are not served), and where nothing is charged, the calls that were free or drawn
/// from packs held — `8,000（5,000 次被拒绝）`, `0 (1,000 calls free)`, `0（10,000 次由已有资源包抵扣）`.
fn aside(drawn: Drawn, refused: u64, nothing_charged: bool, lang: Lang) -> String {
    let mut said = Vec::new();
    if nothing_charged && drawn.free > 0 {
        said.push(format!("{}{}", calls(drawn.free, lang), lang.pick("免费", " free")));
    }
    if nothing_charged && drawn.held > 0 {
        said.push(format!("{}{}", calls(drawn.held, lang), lang.pick("由已有资源包抵扣", " from packs held")));
    }
    if refused > 0 {
        said.push(format!("{}{}", calls(refused, lang), lang.pick("被拒绝", " refused")));
    }
    match (said.is_empty(), lang) {
        (true, _) => String::new(),
        (false, Lang::Zh) => format!("（{}）", said.join("，")),
        (false, Lang::En) => format!(" ({})", said.join(", ")),
    }
}

/// The formula of a whole line.
pub fn line_formula(
    months: &[Month],
    purchases: &[Purchase],
    total: Option<Decimal>,
    known: Decimal,
    discount: Option<&Discount>,
    held: bool,
    lang: Lang,
) -> String {
    let mut terms: Vec<String> = Vec::new();
    let mut run: Option<(String, usize)> = None;
    let month_term = |m: &Month| {
        let t = usage_terms(m, lang);
        if t.len() > 1 { format!("({})", t.join(" + ")) } else { t.join(" + ") }
    };
    for term in months.iter().map(month_term).filter(|t| !t.is_empty()) {
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
    let packs = [pack_terms(purchases.iter()), commitment_terms(months.iter(), lang)].concat();
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
    let drawn = Drawn::of(months.iter(), held);
    let refused = months.iter().fold(0u64, |a, m| a.saturating_add(m.refused));
    let aside = aside(drawn, refused, terms.is_empty(), lang);
    equation(terms, total.ok_or(known), missing, lang) + &aside
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
    // Already one parenthesised group: its first bracket closes at its end.
    let wrapped = term.starts_with('(') && {
        let mut depth = 0i32;
        term.char_indices().all(|(i, c)| {
            depth += match c {
                '(' => 1,
                ')' => -1,
                _ => 0,
            };
            depth > 0 || i + c.len_utf8() == term.len()
        })
    };
    match n {
        1 => term,
        _ if term.contains(" + ") && !wrapped => format!("{n} × ({term})"),
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
    let rhs = match result {
        Ok(total) => yuan_short(total),
        Err(known) => {
            let word = missing.unwrap_or(Missing::ContactSales).word(lang);
            if known.is_zero() { word.to_string() } else { format!("{} + {word}", yuan_short(known)) }
        }
    };
    // Nothing charged: the result alone (`0`, never `0 = 0`).
    if terms.is_empty() {
        return rhs;
    }
    let lhs = terms.join(" + ");
    if terms.len() == 1 && lhs == rhs { lhs } else { format!("{lhs} = {rhs}") }
}
