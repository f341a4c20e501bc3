//! The edits the page makes to an estimate, as plain functions on the engine's [`Estimate`]
//! types so they are tested natively (the components only call them). Every function takes
//! indexes that may be stale and does nothing rather than panic when they are.

use rust_decimal::Decimal;

use crate::engine::catalog::Catalog;
use crate::engine::limits;
use crate::engine::usage::Month;
use crate::engine::{CommitmentTerm, Estimate, Line, PackPurchase};

/// The line a new visitor sees: worked example two, so the page shows its point at once.
pub fn default_estimate() -> Estimate {
    Estimate::new(vec![Line::new("活体人脸核身", vec![15_000]).with_packs(10_000, 1)])
}

/// A new line for the first service of the list, or for `service`, with the service's free pack
/// for new accounts if its price list gives one.
pub fn new_line(catalog: &Catalog, service: Option<&str>) -> Line {
    let found = service.and_then(|s| catalog.service(s)).or(catalog.services.first());
    let mut line = Line::new(found.map_or_else(String::new, |s| s.name.zh.clone()), vec![0]);
    line.free_calls = found.and_then(|s| s.free_calls).unwrap_or(0);
    line
}

/// Switches a line to another service. Packs belong to a service's pack product and commitments
/// to the service, so they go, and so do calls held from packs bought before month 1 unless the
/// new service draws on the same pack product; the new service's free pack for new accounts
/// comes in if the line has none.
pub fn set_service(line: &mut Line, service: &str, catalog: &Catalog) {
    if line.service != service {
        let product = |name: &str| catalog.service(name).and_then(|s| catalog.packs_of(s)).map(|p| p.id.clone());
        if line.free_months.is_some() && product(&line.service) != product(service) {
            line.free_calls = 0;
            line.free_months = None;
        }
        line.service = service.to_string();
        line.packs.clear();
        line.commitments.clear();
        if line.free_calls == 0 {
            line.free_calls = catalog.service(service).and_then(|s| s.free_calls).unwrap_or(0);
        }
    }
}

/// Sets every month's calls to `calls`: typed volumes, no longer a usage history or forecast
/// (their dates stay, as the typed calls' first month: [`Line::keep_dates`]). Every month alike, the range too: at month 1's percentages (said
/// here, where the edit's meaning is known; [`follow_range`] keeps each month's own).
pub fn set_all_calls(line: &mut Line, calls: u64) {
    let month_1 = line.calls.iter().any(|c| *c != calls).then(|| spread(line)).flatten();
    line.calls.iter_mut().for_each(|c| *c = calls);
    line.growth = None;
    forget_usage(line);
    if let Some((below, above)) = month_1 {
        set_spread(line, below, above);
    }
}

/// Sets the months' calls, as typed volumes: see [`set_all_calls`].
pub fn set_calls(line: &mut Line, calls: Vec<u64>) {
    line.calls = calls;
    forget_usage(line);
    line.keep_purchases_within(line.calls.len());
}

/// The growth field: every month grows from month 1 by `percent` a month ([`with_growth`]), and
/// the line keeps the rate, so months added or a month 1 typed since follow it
/// ([`set_months`], [`set_month_calls`]). `None` leaves the months as they are, with no rate.
pub fn set_growth(line: &mut Line, percent: Option<Decimal>) {
    match percent {
        Some(g) => {
            let first = line.calls.first().copied().unwrap_or(0);
            set_calls(line, with_growth(first, g, line.calls.len()));
            line.growth = Some(g);
        }
        None => line.growth = None,
    }
}

/// Drops the line's growth where its months no longer follow it (a month typed over, a history
/// imported): the rate shown must be the one the months have. The rule of every edit: the page
/// applies it after each ([`crate::app::page::Page::edit`]), so the edits here need not.
pub fn keep_growth(line: &mut Line) {
    if line.followed_growth().is_none() {
        line.growth = None;
    }
}

/// The line's calls are no longer an imported history or a forecast (its dates stay).
fn forget_usage(line: &mut Line) {
    line.keep_dates();
}

/// Dates typed calls from `first` on (none: no dates). A history or a forecast keeps its own
/// months: the page offers the field only for typed calls.
pub fn set_first_month(line: &mut Line, first: Option<Month>) {
    if line.is_typed() {
        line.first_month = first;
    }
}

/// Sets one month's calls (`month` is 0-based here). A history's month corrected is still that
/// month of the history; a forecast's month typed over is no longer the forecast's, so the line
/// becomes typed calls from the same months (its range stays, now its own).
///
/// Where the months follow a growth, month 1 typed is where they grow from: every month follows
/// it again; another month typed over is no longer what the growth gives ([`keep_growth`]).
pub fn set_month_calls(line: &mut Line, month: usize, calls: u64) {
    if month == 0
        && let Some(g) = line.followed_growth()
    {
        line.calls = with_growth(calls, g, line.calls.len());
        return;
    }
    if let Some(c) = line.calls.get_mut(month)
        && *c != calls
    {
        *c = calls;
        if line.forecast.is_some() {
            line.keep_dates();
        }
    }
}

/// Months pasted from a spreadsheet ([`input::parse_pasted_calls`](super::input::parse_pasted_calls)),
/// from month `from` on (0-based): each takes its value as if typed there, the line made longer
/// where they run past its end, and no longer following a growth (the months are the buyer's
/// own). `false`, and nothing changed, where there are none or they would run past the most
/// months a line has.
pub fn paste_calls(line: &mut Line, from: usize, values: &[u64]) -> bool {
    let end = from.saturating_add(values.len());
    if values.is_empty() || end > limits::MAX_MONTHS {
        return false;
    }
    line.growth = None;
    if end > line.calls.len() {
        set_months(line, end);
    }
    for (k, &v) in values.iter().enumerate() {
        set_month_calls(line, from + k, v);
    }
    true
}

/// Makes the line span `months` months (clamped to 1–120): new months repeat the last month's
/// calls, or continue the line's growth where its months follow one; purchases and commitments
/// starting in months that no longer exist are dropped.
pub fn set_months(line: &mut Line, months: usize) {
    let months = months.clamp(1, limits::MAX_MONTHS);
    let last = line.calls.last().copied().unwrap_or(0);
    // A forecast made longer goes on growing at its growth from its last month (the months added
    // are typed, not forecast: the line's note no longer calls them the forecast's).
    let forecast = line.forecast.as_ref().map(|f| f.growth).filter(|_| months > line.calls.len());
    // Made of the same months a year before: months added are the line's own a year before,
    // grown twelve months (its season kept), where it has a year of them.
    let season = line.forecast.as_ref().is_some_and(|f| f.same_months) && line.calls.len() >= 12;
    match (line.followed_growth(), forecast) {
        (Some(g), _) => line.calls = with_growth(line.calls.first().copied().unwrap_or(0), g, months),
        (None, Some(g)) if season => {
            for m in line.calls.len()..months {
                let year_before = line.calls[m - 12];
                line.calls.push(with_growth(year_before, g, 13)[12]);
            }
        }
        (None, Some(g)) => {
            let more = with_growth(last, g, months - line.calls.len() + 1);
            line.calls.extend(more.into_iter().skip(1));
        }
        (None, None) => line.calls.resize(months, last),
    }
    line.keep_purchases_within(months);
    line.fit_calendar();
}

/// A line's months put aside when "different each month" is unticked (every month then takes
/// month 1's calls): ticking it again brings back each month's calls, their range and their
/// calendar, unless the calls were edited in between.
#[derive(Clone, Debug, Default)]
pub struct SameEveryMonth {
    /// The line before, and the line it was made (its range fitted as the page fits it).
    kept: Option<(Line, Line)>,
}

impl SameEveryMonth {
    /// Every month takes `calls` ([`set_all_calls`]); the months as they were are kept.
    pub fn set(&mut self, line: &mut Line, calls: u64) {
        let before = line.clone();
        set_all_calls(line, calls);
        let mut made = line.clone();
        follow_range(&mut made, &before);
        self.kept = Some((before, made));
    }

    /// Each month's calls back, where the line's calls are still those [`Self::set`] gave it;
    /// their range too, unless it was changed since (a range typed since stays, around the
    /// months' calls).
    pub fn undo(&mut self, line: &mut Line) {
        if let Some((before, made)) = self.kept.take()
            && line.calls == made.calls
        {
            let flat = line.clone();
            // A history's or a forecast's own months again (no first month beside them); typed
            // calls keep a first month typed since.
            if !before.is_typed() {
                line.first_month = None;
            }
            line.calls = before.calls;
            line.growth = before.growth;
            line.usage_months = before.usage_months;
            line.forecast = before.forecast;
            if (&flat.calls_low, &flat.calls_high) == (&made.calls_low, &made.calls_high) {
                line.calls_low = before.calls_low;
                line.calls_high = before.calls_high;
            } else {
                follow_range(line, &flat);
                // The range typed since is the visitor's, not the forecast's interval.
                range_own(line);
            }
        }
    }
}

/// Whether every month has the same calls.
pub fn uniform(line: &Line) -> bool {
    line.calls.windows(2).all(|w| w[0] == w[1])
}

/// Packs of `size` bought in `month`.
pub fn month_count(line: &Line, size: u64, month: u32) -> u64 {
    line.packs.iter().filter(|p| p.size == size && p.month == month).fold(0u64, |n, p| n.saturating_add(p.count))
}

/// Sets how many packs of `size` are bought in `month` (0 removes them), keeping the other
/// purchases as they are. Purchases stay in month order.
pub fn set_month_count(line: &mut Line, size: u64, month: u32, count: u64) {
    let count = count.min(limits::MAX_PACK_COUNT);
    let at = line.packs.iter().position(|p| p.size == size && p.month == month);
    line.packs.retain(|p| !(p.size == size && p.month == month));
    if count > 0 {
        let p = PackPurchase { size, count, month };
        let at = at.unwrap_or_else(|| line.packs.iter().position(|q| q.month > month).unwrap_or(line.packs.len()));
        line.packs.insert(at.min(line.packs.len()), p);
    }
}

/// Monthly calls growing from `first` by `percent` a month ([`growth::compound`], for 1 to 120
/// months): 10,000 at 10 % gives 10,000, 11,000, 12,100, 13,310, …
pub fn with_growth(first: u64, percent: rust_decimal::Decimal, months: usize) -> Vec<u64> {
    crate::engine::growth::compound(first, percent, months.clamp(1, limits::MAX_MONTHS))
}

/// The line's range where it is the visitor's own (typed, or kept over a forecast), not a
/// forecast's 80 % interval: what using another forecast may keep.
pub fn own_spread(line: &Line) -> Option<(Decimal, Decimal)> {
    if line.forecast.as_ref().is_some_and(|f| !f.own_range) {
        return None;
    }
    spread(line)
}

/// A line's range of volumes as percentages of its calls: how far below the likely calls the low
/// case goes and how far above the high case goes (`(20, 30)`: low 80 %, high 130 %). Read from
/// the first month with calls ([`percent_of`]); `None` without a range.
pub fn spread(line: &Line) -> Option<(Decimal, Decimal)> {
    if !line.has_range() {
        return None;
    }
    line.calls.iter().position(|c| *c > 0)?;
    let low = line.calls_low.as_ref().map_or(Decimal::ZERO, |l| percent_of(&line.calls, l, false));
    let high = line.calls_high.as_ref().map_or(Decimal::ZERO, |h| percent_of(&line.calls, h, true));
    Some((low, high))
}

/// The percentage below the months' `calls` (the low case, `up` false) or above them (the high
/// case) that gives their `bounds` by [`bound_at`]'s rounding, with the fewest digits. In a month
/// of `c` calls every percentage in `(100·(d − 1)/c, 100·d/c]`, where `d` is the bound's distance
/// from the calls, gives that bound; where the months' intervals meet, the percentage with the
/// fewest decimals in all of them is read back (a multiple of 10, then of 1, 0.1, … nearest the
/// middle), so that it gives every month's bound again: a range typed as 20 % reads back as 20,
/// never as the 20.01 of a rounded bound, and 12.34 % typed on a month of 500 calls is not read
/// back as the 12.3 that month alone allows (it gives other bounds in a month of 50,000). Where
/// the months differ (a forecast's range widens month by month), month 1's interval alone.
fn percent_of(calls: &[u64], bounds: &[u64], up: bool) -> Decimal {
    let interval = |c: u64, b: u64| {
        let d = if up { b.saturating_sub(c) } else { c.saturating_sub(b) };
        let c = Decimal::from(c);
        (Decimal::from(d.max(1) - 1) * Decimal::ONE_HUNDRED / c, Decimal::from(d) * Decimal::ONE_HUNDRED / c)
    };
    // Months with calls; a high bound held at the most a month may have fits any larger percentage.
    let mut months = calls.iter().zip(bounds).filter(|&(&c, &b)| c > 0 && !(up && b >= limits::MAX_CALLS_PER_MONTH));
    // Every month's high bound held at the most: month 1's own interval, as before the months
    // were read together (its distance to the most is the percentage).
    let held = calls.iter().zip(bounds).find(|&(&c, _)| c > 0);
    let Some((&c, &b)) = months.next().or(held) else { return Decimal::ZERO };
    let first = interval(c, b);
    if first.1.is_zero() {
        return Decimal::ZERO;
    }
    let all = months.try_fold(first, |(lo, hi), (&c, &b)| {
        let (l, h) = interval(c, b);
        let met = (lo.max(l), hi.min(h));
        (!h.is_zero() && met.0 < met.1).then_some(met)
    });
    let (lo, hi) = all.unwrap_or(first);
    let middle = (lo + hi) / Decimal::TWO;
    for (m, scale) in [(10, 0), (1, 0), (1, 1), (1, 2), (1, 3), (1, 4)] {
        let step = Decimal::new(m, scale);
        let first = (lo / step).floor() + Decimal::ONE;
        let last = (hi / step).floor();
        if first > last {
            continue;
        }
        // The multiple of `step` in the interval nearest its middle.
        let near = (middle / step).round().clamp(first, last);
        return (near * step).normalize();
    }
    // Bounds no percentage of 4 decimals gives (read, not typed): the middle, to 12 places, is
    // inside the interval for any month's calls (its width, 100 / calls, is at least 10⁻¹⁰).
    middle.round_dp(12).normalize()
}

/// Whether the months' ranges differ from month 1's percentages (a forecast's widens month by
/// month), beyond the rounding of [`spread`]: the page's fields then say they show month 1's.
pub fn spread_varies(line: &Line) -> bool {
    let Some((below, above)) = spread(line) else { return false };
    let mut even = line.clone();
    set_spread(&mut even, below, above);
    // A bound not given is the likely calls (as `set_spread` writes a percentage of 0).
    let bound = |b: &Option<Vec<u64>>| b.clone().unwrap_or_else(|| line.calls.clone());
    let off = |a: &Option<Vec<u64>>, b: &Option<Vec<u64>>| {
        let (a, b) = (bound(a), bound(b));
        a.len() != b.len() || a.iter().zip(&b).zip(&line.calls).any(|((x, y), c)| x.abs_diff(*y) > 1.max(c / 1000))
    };
    off(&line.calls_low, &even.calls_low) || off(&line.calls_high, &even.calls_high)
}

/// Sets the range from percentages (below from 0 to 100, above from 0 to 1,000), month by month:
/// low rounded down, high rounded up to whole calls. Both 0 removes the range.
pub fn set_spread(line: &mut Line, below: Decimal, above: Decimal) {
    range_own(line);
    let below = below.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
    let above = above.clamp(Decimal::ZERO, Decimal::from(1000));
    if below.is_zero() && above.is_zero() {
        line.calls_low = None;
        line.calls_high = None;
        return;
    }
    line.calls_low = Some(side(&line.calls, below, false));
    line.calls_high = Some(side(&line.calls, above, true));
}

/// Sets one side of the range from a percentage (`up`: the high case, 0 to 1,000 % above the
/// calls; else the low case, 0 to 100 % below them), month by month, and keeps the other side's
/// months as they are (uneven or not). Both sides at the calls remove the range.
pub fn set_side(line: &mut Line, up: bool, percent: Decimal) {
    range_own(line);
    let new = side(&line.calls, percent, up);
    let other = if up { &line.calls_low } else { &line.calls_high };
    let other = other.clone().unwrap_or_else(|| line.calls.clone());
    let (low, high) = if up { (other, new) } else { (new, other) };
    if low == line.calls && high == line.calls {
        line.calls_low = None;
        line.calls_high = None;
    } else {
        line.calls_low = Some(low);
        line.calls_high = Some(high);
    }
}

/// The range is the visitor's own from now on, not a forecast's interval (its note says so).
fn range_own(line: &mut Line) {
    if let Some(f) = &mut line.forecast {
        f.own_range = true;
    }
}

/// One side's months at `percent` of `calls` (below them, 0 to 100; above them with `up`, 0 to
/// 1,000), each rounded by [`bound_at`].
fn side(calls: &[u64], percent: Decimal, up: bool) -> Vec<u64> {
    let max = if up { Decimal::from(1000) } else { Decimal::ONE_HUNDRED };
    let r = ratio(percent.clamp(Decimal::ZERO, max), up);
    calls.iter().map(|&c| bound_at(c, r, up)).collect()
}

/// A case's share of the likely calls for a percentage below them (the low case) or above them
/// (`up`): 20 gives 0.8, 30 above gives 1.3.
fn ratio(percent: Decimal, up: bool) -> Decimal {
    let p = if up { percent } else { -percent };
    (Decimal::ONE_HUNDRED + p) / Decimal::ONE_HUNDRED
}

/// A month's bound at `ratio` of its `calls`: the low one (`up` false) rounded down, the high
/// one up, to whole calls within a month's limit, and never on the wrong side of the calls.
fn bound_at(calls: u64, ratio: Decimal, up: bool) -> u64 {
    let v = (Decimal::from(calls) * ratio).min(Decimal::from(limits::MAX_CALLS_PER_MONTH));
    let v = u64::try_from(if up { v.ceil() } else { v.floor() }).unwrap_or(calls);
    if up { v.max(calls) } else { v.min(calls) }
}

/// After an edit of `line` that was `before`: where the calls changed and the line had a range,
/// the range follows them at the same percentages, so it stays around the calls.
pub fn follow_range(line: &mut Line, before: &Line) {
    // Unchanged calls, or an edit that set the range itself (an import, a forecast).
    if line.calls == before.calls || line.calls_low != before.calls_low || line.calls_high != before.calls_high {
        return;
    }
    // Only the number of months changed (the months kept as they were, new ones repeating the
    // last or continuing a growth, as [`set_months`] makes them): the bounds keep their months,
    // uneven or not, and new months take the last month's percentages (a month repeating the last
    // repeats its bounds).
    let kept = before.calls.len().min(line.calls.len());
    if line.calls[..kept] == before.calls[..kept] {
        let last = before.calls.last().copied().unwrap_or(0);
        for (bound, up) in [(&mut line.calls_low, false), (&mut line.calls_high, true)] {
            let Some(bound) = bound else { continue };
            let last_bound = bound.last().copied().unwrap_or(0);
            // The last month's percentage; after a month of no calls, the line's (month 1's),
            // read from every month only then.
            let r = match last {
                0 => spread(before).map_or(Decimal::ONE, |(below, above)| ratio(if up { above } else { below }, up)),
                _ => ratio(percent_of(&[last], &[last_bound], up), up),
            };
            bound.truncate(line.calls.len());
            for &c in &line.calls[bound.len()..] {
                bound.push(if c == last { last_bound } else { bound_at(c, r, up) });
            }
        }
        return;
    }
    // Each month keeps its own percentages (a forecast's range widens month by month; one
    // month's edit, or a growth typed, left every month at month 1's). One volume for every
    // month sets the range itself ([`set_all_calls`]).
    if line.calls.len() == before.calls.len() {
        let spread_before = spread(before);
        let n = line.calls.len();
        for (bound, up) in [(&mut line.calls_low, false), (&mut line.calls_high, true)] {
            let Some(bound) = bound else { continue };
            bound.resize(n, 0);
            // The line's percentage (month 1's, as its fields show it) where it gives a month's
            // bound (a small month fits many: 2 of 3 is any of 1–33 %), else the month's own; a
            // month that had no calls takes month 1's.
            let line_ratio = spread_before.map(|(below, above)| if up { ratio(above, up) } else { ratio(below, up) });
            for ((b, &was), &now) in bound.iter_mut().zip(&before.calls).zip(&line.calls) {
                if was == now {
                    continue;
                }
                let r = match (was, line_ratio) {
                    (0, Some(r)) => r,
                    (0, None) => Decimal::ONE,
                    (_, Some(r)) if bound_at(was, r, up) == *b => r,
                    _ => ratio(percent_of(&[was], &[*b], up), up),
                };
                *b = bound_at(now, r, up);
            }
        }
        return;
    }
    match spread(before) {
        Some((below, above)) => set_spread(line, below, above),
        // No month had calls to read percentages from: keep the bounds, fitted around the calls.
        None => {
            let n = line.calls.len();
            if let Some(low) = &mut line.calls_low {
                low.resize(n, 0);
                low.iter_mut().zip(&line.calls).for_each(|(b, c)| *b = (*b).min(*c));
            }
            if let Some(high) = &mut line.calls_high {
                high.resize(n, 0);
                high.iter_mut().zip(&line.calls).for_each(|(b, c)| *b = (*b).max(*c));
            }
        }
    }
}

/// Removes the purchase at `index`.
pub fn remove_purchase(line: &mut Line, index: usize) {
    if index < line.packs.len() {
        line.packs.remove(index);
    }
}

/// Adds a copy of line `index` right after it. Returns whether it did.
pub fn duplicate_line(estimate: &mut Estimate, index: usize) -> bool {
    if estimate.lines.len() >= limits::MAX_LINES {
        return false;
    }
    match estimate.lines.get(index).cloned() {
        Some(copy) => {
            estimate.lines.insert(index + 1, copy);
            true
        }
        None => false,
    }
}

/// The months (1-based, ascending) in which `line` takes commitment `id`.
pub fn commitment_months(line: &Line, id: &str) -> Vec<u32> {
    (1..=line.calls.len() as u32).filter(|&m| line.commitment_in(m) == Some(id)).collect()
}

/// The months among `months` that another commitment holds, with its id: what
/// [`set_commitment_months`] would take from it (the page says so, not in silence).
pub fn taken_from_others(line: &Line, id: &str, months: &[u32]) -> Vec<(u32, String)> {
    months
        .iter()
        .filter_map(|&m| line.commitment_in(m).filter(|other| *other != id).map(|other| (m, other.to_string())))
        .collect()
}

/// Takes commitment `id` in exactly `months` (1-based); a month takes one commitment only, so
/// those months leave any other. Other commitments keep their terms unless they lose a month; a
/// run of months to the line's last runs to the end (and grows with the line).
pub fn set_commitment_months(line: &mut Line, id: &str, months: &[u32]) {
    let n = line.calls.len() as u32;
    let wanted = |m: u32| months.contains(&m);
    // Commitments that lose a month to this one are written again from their months.
    let mut rewritten: Vec<String> = vec![id.to_string()];
    for t in &line.commitments {
        if !rewritten.contains(&t.id) && (1..=n).any(|m| t.covers(m) && wanted(m)) {
            rewritten.push(t.id.clone());
        }
    }
    let ids: Vec<Option<String>> = (1..=n)
        .map(|m| match line.commitment_in(m) {
            _ if wanted(m) => Some(id.to_string()),
            Some(other) if other != id && rewritten.iter().any(|r| r == other) => Some(other.to_string()),
            _ => None,
        })
        .collect();
    let ids: Vec<Option<&str>> = ids.iter().map(|x| x.as_deref()).collect();
    let mut terms: Vec<CommitmentTerm> =
        line.commitments.iter().filter(|t| !rewritten.contains(&t.id)).cloned().collect();
    terms.extend(CommitmentTerm::runs(&ids).into_iter().filter(|t| rewritten.contains(&t.id)));
    terms.sort_by_key(|t| t.month);
    line.commitments = terms;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::catalog::builtin;
    use crate::engine::{Lang, quote};

    /// A forecast's note at `growth` % for `months` months from January of `year`, fitted on the
    /// year before.
    fn forecast_note(growth: i64, year: u16, months: usize) -> crate::engine::estimate::ForecastNote {
        crate::engine::estimate::ForecastNote {
            growth: Decimal::from(growth),
            fitted_growth: None,
            months: Month::new(year, 1).unwrap().run(months),
            history: [Month::new(year - 1, 1).unwrap(), Month::new(year - 1, 12).unwrap()],
            own_range: false,
            same_months: false,
        }
    }

    #[test]
    fn the_default_estimate_is_worked_example_two() {
        let q = quote(builtin(), &default_estimate(), Lang::Zh).unwrap();
        assert_eq!(q.total.unwrap().to_string(), "12250.00");
    }

    #[test]
    fn a_range_is_set_in_percent_and_follows_the_calls() {
        use rust_decimal_macros::dec;
        let mut l = Line::new("活体人脸核身", vec![15_000, 0, 10_001]);
        set_spread(&mut l, dec!(20), dec!(30));
        assert_eq!(l.calls_low, Some(vec![12_000, 0, 8_000])); // 8,000.8 down
        assert_eq!(l.calls_high, Some(vec![19_500, 0, 13_002])); // 13,001.3 up
        assert_eq!(spread(&l), Some((dec!(20), dec!(30))));
        let before = l.clone();
        set_all_calls(&mut l, 10_000);
        follow_range(&mut l, &before);
        assert_eq!((l.calls_low.clone(), l.calls_high.clone()), (Some(vec![8_000; 3]), Some(vec![13_000; 3])));
        l.check_shape(0).unwrap();
        let before = l.clone();
        set_months(&mut l, 5);
        follow_range(&mut l, &before);
        assert_eq!(l.calls_low.as_ref().map(Vec::len), Some(5));
        l.check_shape(0).unwrap();
        // Through zero calls and back the range stays valid.
        let before = l.clone();
        set_all_calls(&mut l, 0);
        follow_range(&mut l, &before);
        let before = l.clone();
        set_all_calls(&mut l, 20_000);
        set_months(&mut l, 7);
        follow_range(&mut l, &before);
        l.check_shape(0).unwrap();
        set_spread(&mut l, dec!(0), dec!(0));
        assert!(!l.has_range() && spread(&l).is_none());
    }

    /// A spreadsheet's column pasted into month 2 of a 3-month line growing 10 %: months 2–5 take
    /// it, the line made 5 months long, its growth let go; month 1 kept. Then its range follows.
    #[test]
    fn months_pasted_fill_the_line_from_the_field_on() {
        use rust_decimal_macros::dec;
        let mut l = Line::new("活体人脸核身", vec![10_000; 3]);
        set_growth(&mut l, Some(dec!(10)));
        assert_eq!(l.calls, [10_000, 11_000, 12_100]);
        assert!(paste_calls(&mut l, 1, &[38_412, 41_977, 40_102, 39_001]));
        assert_eq!((l.calls.clone(), l.growth), (vec![10_000, 38_412, 41_977, 40_102, 39_001], None));
        // Past the most months a line has: nothing changes.
        let before = l.clone();
        assert!(!paste_calls(&mut l, 100, &[1; 21]));
        assert!(!paste_calls(&mut l, 0, &[]));
        assert_eq!(l, before);
        // With a range: the bounds follow the months pasted, at the line's percentages.
        let mut r = Line::new("活体人脸核身", vec![10_000; 2]);
        set_spread(&mut r, dec!(20), dec!(50));
        let before = r.clone();
        assert!(paste_calls(&mut r, 0, &[20_000, 30_000, 40_000]));
        follow_range(&mut r, &before);
        assert_eq!(r.calls_low, Some(vec![16_000, 24_000, 32_000]));
        assert_eq!(r.calls_high, Some(vec![30_000, 45_000, 60_000]));
        r.check_shape(0).unwrap();
    }

    #[test]
    fn a_range_stays_at_the_percentages_typed() {
        use rust_decimal_macros::dec;
        // 8,347 calls: low 20 % is 6,677.6 down to 6,677; high 35 % is 11,268.45 up to 11,269.
        let mut l = Line::new("活体人脸核身", vec![8_347]);
        set_side(&mut l, false, dec!(20));
        assert_eq!((l.calls_low.clone(), l.calls_high.clone()), (Some(vec![6_677]), Some(vec![8_347])));
        assert_eq!(spread(&l), Some((dec!(20), dec!(0))), "20, not the 20.01 of 6,677");
        set_side(&mut l, true, dec!(35));
        assert_eq!((l.calls_low.clone(), l.calls_high.clone()), (Some(vec![6_677]), Some(vec![11_269])));
        set_side(&mut l, false, dec!(20));
        assert_eq!(l.calls_high, Some(vec![11_269]), "the high side untouched");
        assert_eq!(spread(&l), Some((dec!(20), dec!(35))));
        // The calls changed: each month keeps its percentages exactly, 8,000 and 13,500.
        let before = l.clone();
        set_month_calls(&mut l, 0, 10_000);
        follow_range(&mut l, &before);
        assert_eq!((l.calls_low.clone(), l.calls_high.clone()), (Some(vec![8_000]), Some(vec![13_500])));
        assert_eq!(spread(&l), Some((dec!(20), dec!(35))));
        // Two decimals: 12.34 % of 18,347 reads back as 12.34 (under 10,000 calls a month cannot
        // tell two decimals apart: 7,316 of 8,347 is 12.34 % and 12.35 % alike); a month too
        // small to tell percentages apart (2 of 3 is any of 1–33 %) follows the line's own
        // percentage when the calls change: 10,000 → 8,766 in both.
        let mut l = Line::new("活体人脸核身", vec![18_347, 3]);
        set_side(&mut l, false, dec!(12.34));
        assert_eq!(spread(&l), Some((dec!(12.34), dec!(0))));
        let before = l.clone();
        set_calls(&mut l, vec![10_000, 10_000]);
        follow_range(&mut l, &before);
        assert_eq!(l.calls_low, Some(vec![8_766, 8_766]));
        // Twelve uneven months: 9,870 × 0.8 is 7,896 exactly.
        let mut l = Line::new("活体人脸核身", vec![8_347, 12_003, 9_870]);
        set_side(&mut l, false, dec!(20));
        assert_eq!(l.calls_low, Some(vec![6_677, 9_602, 7_896]));
        // Both sides back at 0: no range.
        set_side(&mut l, false, dec!(0));
        assert!(!l.has_range());
        // A percentage with decimals reads back as typed; tiny volumes read back a round one.
        let mut l = Line::new("x", vec![123_457]);
        set_side(&mut l, true, dec!(12.5));
        assert_eq!(spread(&l), Some((dec!(0), dec!(12.5))));
        assert_eq!(percent_of(&[3], &[2], false), dec!(20), "any of 1–33 % gives 2 of 3: the round one nearest 16.7");
        assert_eq!(percent_of(&[1_000_000_000_000], &[999_999_999_999], false), dec!(0.00000000005));
    }

    #[test]
    fn a_percentage_a_small_month_cannot_tell_is_read_from_the_others() {
        use rust_decimal_macros::dec;
        // 12.34 % below 500 calls is 438 (61.7 calls off, rounded down); 12.3 would give it too,
        // but at 50,000 calls 12.34 % gives 43,830 and 12.3 % 43,850.
        let mut l = Line::new("x", vec![500, 50_000]);
        set_side(&mut l, false, dec!(12.34));
        assert_eq!(l.calls_low, Some(vec![438, 43_830]));
        assert_eq!(spread(&l), Some((dec!(12.34), dec!(0))));
        // Every high bound held at the most a month may have (10¹²): month 1's distance to it,
        // 4 × 10¹¹ above 6 × 10¹¹, about 66.67 %, not 0.
        let mut held = Line::new("x", vec![600_000_000_000, 700_000_000_000]);
        set_side(&mut held, true, dec!(100));
        assert_eq!(held.calls_high, Some(vec![limits::MAX_CALLS_PER_MONTH; 2]));
        let high = spread(&held).unwrap().1;
        assert!(high > dec!(66.66) && high < dec!(66.67), "{high}");
        // The months differ (a forecast's widening range): month 1's own reading.
        l.calls_low = Some(vec![438, 40_000]);
        assert_eq!(spread(&l), Some((dec!(12.3), dec!(0))));
    }

    #[test]
    fn a_range_read_back_and_typed_again_gives_the_same_months() {
        // Seeded volumes from 1 to 10¹² and percentages with up to 4 decimals: the percentage
        // read back from the months gives every month's bound again, a small month 1 or not.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for i in 0..4_000 {
            let calls = 1 + next() % 10u64.pow(1 + (next() % 12) as u32);
            let (up, max) = if next() % 2 == 0 { (true, 10_000_000) } else { (false, 1_000_000) };
            let typed = Decimal::new((next() % max) as i64, 4);
            let typed = if i % 2 == 0 { typed.round_dp(2) } else { typed };
            if up
                && Decimal::from(calls) * (Decimal::ONE + typed / Decimal::ONE_HUNDRED)
                    >= Decimal::from(limits::MAX_CALLS_PER_MONTH)
            {
                continue; // held at the most a month may have: every larger percentage gives it
            }
            let months = vec![calls, calls / 3 + 7, calls.saturating_mul(7) % 1_000_003 + 1];
            let mut l = Line::new("x", months.clone());
            set_side(&mut l, up, typed);
            let (below, above) = spread(&l).unwrap_or_default();
            let mut again = Line::new("x", months);
            set_side(&mut again, up, if up { above } else { below });
            assert_eq!((&again.calls_low, &again.calls_high), (&l.calls_low, &l.calls_high), "{calls} at {typed}");
        }
    }

    #[test]
    fn an_imported_history_keeps_its_calendar_until_the_volumes_are_typed_anew() {
        let mut l = Line::new("活体人脸核身", vec![1, 2, 3]).with_packs(1000, 1);
        l.usage_months = Month::new(2025, 11).unwrap().run(3);
        set_month_calls(&mut l, 1, 5);
        assert_eq!(l.usage_months.len(), 3, "a month corrected is still that month");
        // A forecast's month typed over: typed calls on the same dates, the range kept.
        let mut f = Line::new("x", vec![1_000, 1_100]);
        f.calls_high = Some(vec![1_200, 1_400]);
        f.forecast = Some(forecast_note(10, 2027, 2));
        set_month_calls(&mut f, 1, 1_100);
        assert!(f.forecast.is_some(), "the same calls typed again: still the forecast");
        // Made longer, a forecast goes on at its growth: 1,100 × 1.1 = 1,210, × 1.1 = 1,331.
        let mut longer = f.clone();
        set_months(&mut longer, 4);
        assert_eq!(longer.calls, [1_000, 1_100, 1_210, 1_331]);
        assert_eq!(longer.calendar().last(), Month::new(2027, 4).as_ref(), "the months run on");
        set_month_calls(&mut f, 1, 1_300);
        assert!(f.forecast.is_none() && f.calls_high.is_some());
        assert_eq!(f.calendar().last(), Month::new(2027, 2).as_ref());
        f.check_shape(0).unwrap();
        set_months(&mut l, 2);
        assert_eq!(l.usage_months.len(), 2, "fewer months: still the history's");
        l.check_shape(0).unwrap();
        set_months(&mut l, 5);
        assert!(l.usage_months.is_empty(), "months added were never imported: no longer a history");
        assert_eq!(l.calendar().last(), Month::new(2026, 3).as_ref(), "typed calls from the same month on");
        l.check_shape(0).unwrap();
        set_calls(&mut l, with_growth(1_000, rust_decimal::Decimal::from(5), 4));
        assert!(l.usage_months.is_empty() && l.forecast.is_none());
        l.usage_months = Month::new(2025, 11).unwrap().run(4);
        set_all_calls(&mut l, 7);
        assert!(l.usage_months.is_empty());
        assert_eq!(l.packs.len(), 1);
    }

    #[test]
    fn an_import_onto_a_line_with_a_range_keeps_what_it_brings() {
        use crate::engine::usage::{self, Options, forecast::forecast};
        use rust_decimal_macros::dec;
        let h =
            usage::read("month,calls\n2025-01,1000\n2025-02,1300\n2025-03,1100\n2025-04,1500\n", &Options::default())
                .unwrap();
        let mut l = Line::new("活体人脸核身", vec![5_000; 2]);
        set_spread(&mut l, dec!(20), dec!(30));
        // As the page edits a line: the range follows the calls unless the edit set its own.
        let before = l.clone();
        h.apply(&mut l);
        follow_range(&mut l, &before);
        assert!(!l.has_range(), "a history has no range");
        let f = forecast(&h.calls, 3, None).unwrap();
        set_spread(&mut l, dec!(20), dec!(30));
        let before = l.clone();
        h.apply_forecast(&f, &mut l);
        follow_range(&mut l, &before);
        assert_eq!((l.calls_low.clone(), l.calls_high.clone()), (Some(f.calls_low), Some(f.calls_high)));
    }

    #[test]
    fn unticking_different_months_and_ticking_again_brings_them_back() {
        use crate::engine::usage::Month;
        // As the page edits a line (`Page::edit`): the range follows the calls after each edit.
        let edit = |l: &mut Line, f: &mut dyn FnMut(&mut Line)| {
            let before = l.clone();
            f(l);
            follow_range(l, &before);
        };
        let mut l = Line::new("x", vec![10_000, 20_000, 30_000]).with_packs(1000, 1);
        l.calls_low = Some(vec![9_000, 15_000, 20_000]);
        l.usage_months = Month::new(2025, 11).unwrap().run(3);
        let kept = l.clone();
        let mut same = SameEveryMonth::default();
        edit(&mut l, &mut |l| same.set(l, 10_000));
        assert_eq!((l.calls.clone(), l.usage_months.len()), (vec![10_000; 3], 0));
        assert_eq!(l.calls_low, Some(vec![9_000; 3]), "month 1's 90 % every month");
        l.packs.clear();
        edit(&mut l, &mut |l| same.undo(l));
        assert_eq!((l.calls.clone(), l.calls_low.clone()), (kept.calls.clone(), kept.calls_low.clone()));
        assert_eq!(l.usage_months, kept.usage_months);
        assert_eq!(l.first_month, None, "the history's months again, not a first month beside them");
        l.check_shape(0).unwrap();
        // Typed calls: a first month typed between keeps.
        let mut typed = Line::new("x", vec![10_000, 20_000]);
        edit(&mut typed, &mut |l| same.set(l, 10_000));
        set_first_month(&mut typed, Month::new(2027, 5));
        edit(&mut typed, &mut |l| same.undo(l));
        assert_eq!((typed.calls.clone(), typed.first_month), (vec![10_000, 20_000], Month::new(2027, 5)));
        assert!(l.packs.is_empty(), "what else changed stays changed");
        // Calls typed in between: they stay.
        edit(&mut l, &mut |l| same.set(l, 10_000));
        edit(&mut l, &mut |l| set_all_calls(l, 12_000));
        edit(&mut l, &mut |l| same.undo(l));
        assert_eq!(l.calls, [12_000; 3]);
        // A range set in between stays, at its percentages around the months brought back.
        let mut l = Line::new("x", vec![10_000, 20_000]);
        edit(&mut l, &mut |l| same.set(l, 10_000));
        edit(&mut l, &mut |l| set_spread(l, Decimal::from(50), Decimal::ZERO));
        edit(&mut l, &mut |l| same.undo(l));
        assert_eq!((l.calls.clone(), l.calls_low.clone()), (vec![10_000, 20_000], Some(vec![5_000, 10_000])));
        // Over a forecast: its note comes back, the range typed in between marked as the line's
        // own (not called the forecast's interval).
        let mut l = Line::new("x", vec![10_000, 20_000]);
        l.forecast = Some(forecast_note(5, 2026, 2));
        edit(&mut l, &mut |l| same.set(l, 10_000));
        edit(&mut l, &mut |l| set_spread(l, Decimal::from(50), Decimal::ZERO));
        edit(&mut l, &mut |l| same.undo(l));
        assert!(l.forecast.as_ref().is_some_and(|f| f.own_range), "{:?}", l.forecast);
        assert_eq!(own_spread(&l), Some((Decimal::from(50), Decimal::ZERO)));
    }

    #[test]
    fn a_months_edit_keeps_every_months_own_range() {
        // A forecast's range widens: low 90 / 80 / 70 %, high 110 / 125 / 140 %.
        let mut l = Line::new("x", vec![10_000, 10_000, 20_000]);
        l.calls_low = Some(vec![9_000, 8_000, 14_000]);
        l.calls_high = Some(vec![11_000, 12_500, 28_000]);
        // Month 2 typed as 30,000: it keeps its own 80 / 125 %; months 1 and 3 are untouched (it
        // put month 1's 90 / 110 % on every month).
        let before = l.clone();
        set_month_calls(&mut l, 1, 30_000);
        follow_range(&mut l, &before);
        assert_eq!(l.calls_low, Some(vec![9_000, 24_000, 14_000]));
        assert_eq!(l.calls_high, Some(vec![11_000, 37_500, 28_000]));
        assert!(spread_varies(&l), "the fields say they show month 1's");
        let mut high_only = Line::new("x", vec![100, 100]);
        high_only.calls_high = Some(vec![150, 150]);
        assert!(!spread_varies(&high_only), "a bound not given is no difference");
        let mut even = l.clone();
        set_spread(&mut even, Decimal::from(10), Decimal::from(10));
        assert!(!spread_varies(&even));
        // New calls for every month (the growth field): each month at its own percentages,
        // low rounded down and high up: 11,111 × 0.9 = 9,999.9 → 9,999; × 1.1 = 12,222.1 → 12,223.
        let before = l.clone();
        set_calls(&mut l, vec![11_111, 30_000, 10_000]);
        follow_range(&mut l, &before);
        assert_eq!(l.calls_low, Some(vec![9_999, 24_000, 7_000]));
        assert_eq!(l.calls_high, Some(vec![12_223, 37_500, 14_000]));
        // A growth of 0 % on the way to 0.5 % gives every month the same calls: each month
        // still keeps its own percentages (only one volume typed for all sets month 1's).
        let before = l.clone();
        set_calls(&mut l, vec![10_000; 3]);
        follow_range(&mut l, &before);
        // Month 1's 10 % read back from 9,999 of 11,111, not its rounded 89.99 %: 9,000.
        assert_eq!(l.calls_low, Some(vec![9_000, 8_000, 7_000]));
        // A month that had no calls takes month 1's percentages.
        let mut l = Line::new("x", vec![10_000, 0]);
        l.calls_low = Some(vec![9_000, 0]);
        l.calls_high = Some(vec![12_000, 0]);
        let before = l.clone();
        set_month_calls(&mut l, 1, 1_000);
        follow_range(&mut l, &before);
        assert_eq!((l.calls_low.clone(), l.calls_high.clone()), (Some(vec![9_000, 900]), Some(vec![12_000, 1_200])));
    }

    #[test]
    fn a_range_keeps_its_months_when_the_horizon_changes() {
        let mut l = Line::new("x", vec![100, 200]);
        l.calls_low = Some(vec![50, 190]);
        l.calls_high = Some(vec![300, 210]);
        let before = l.clone();
        set_months(&mut l, 4);
        follow_range(&mut l, &before);
        assert_eq!(
            (l.calls_low.clone(), l.calls_high.clone()),
            (Some(vec![50, 190, 190, 190]), Some(vec![300, 210, 210, 210]))
        );
        let before = l.clone();
        set_months(&mut l, 1);
        follow_range(&mut l, &before);
        assert_eq!((l.calls_low.clone(), l.calls_high.clone()), (Some(vec![50]), Some(vec![300])));
        // Calls typed anew: the range follows them at the month's percentages.
        let before = l.clone();
        set_all_calls(&mut l, 1_000);
        follow_range(&mut l, &before);
        assert_eq!((l.calls_low.clone(), l.calls_high.clone()), (Some(vec![500]), Some(vec![3_000])));
    }

    #[test]
    fn months_grow_by_repeating_and_shrink_dropping_purchases() {
        let mut l = Line::new("x", vec![100]);
        set_months(&mut l, 3);
        assert_eq!(l.calls, vec![100, 100, 100]);
        set_month_calls(&mut l, 2, 7);
        set_month_calls(&mut l, 9, 7);
        assert_eq!(l.calls, vec![100, 100, 7]);
        assert!(!uniform(&l));
        l.packs.push(PackPurchase { size: 1000, count: 1, month: 3 });
        set_months(&mut l, 2);
        assert!(l.packs.is_empty());
        set_months(&mut l, 0);
        assert_eq!(l.calls.len(), 1);
        set_months(&mut l, 10_000);
        assert_eq!(l.calls.len(), 120);
        set_all_calls(&mut l, 5);
        assert!(uniform(&l));
    }

    #[test]
    fn steppers_edit_month_one_and_keep_other_purchases() {
        let mut l = Line::new("x", vec![1, 1, 1]).with_packs(10_000, 1);
        l.packs.push(PackPurchase { size: 10_000, count: 2, month: 3 });
        set_month_count(&mut l, 10_000, 1, 3);
        assert_eq!(month_count(&l, 10_000, 1), 3);
        assert_eq!(l.packs.len(), 2);
        assert_eq!(l.packs[0], PackPurchase { size: 10_000, count: 3, month: 1 });
        set_month_count(&mut l, 1000, 1, 1);
        set_month_count(&mut l, 10_000, 1, 0);
        // New purchases go in month order.
        assert_eq!(
            l.packs,
            vec![PackPurchase { size: 1000, count: 1, month: 1 }, PackPurchase { size: 10_000, count: 2, month: 3 }]
        );
        remove_purchase(&mut l, 5);
        remove_purchase(&mut l, 0);
        assert_eq!(l.packs.len(), 1);
    }

    #[test]
    fn growth_compounds_and_rounds_each_month() {
        use rust_decimal_macros::dec;
        assert_eq!(with_growth(10_000, dec!(10), 4), vec![10_000, 11_000, 12_100, 13_310]);
        assert_eq!(with_growth(25_000, dec!(0), 3), vec![25_000; 3]);
        assert_eq!(with_growth(1_000, dec!(-50), 3), vec![1_000, 500, 250]);
        assert_eq!(with_growth(3, dec!(50), 3), vec![3, 5, 7], "4.5 rounds half up to 5; 6.75 to 7");
        assert_eq!(*with_growth(1_000_000_000_000, dec!(100), 3).last().unwrap(), 1_000_000_000_000, "capped");
    }

    #[test]
    fn steppers_edit_any_month() {
        let mut l = Line::new("x", vec![1, 1, 1]);
        set_month_count(&mut l, 10_000, 3, 2);
        set_month_count(&mut l, 1000, 1, 1);
        set_month_count(&mut l, 10_000, 2, 1);
        assert_eq!(
            l.packs.iter().map(|p| (p.month, p.size, p.count)).collect::<Vec<_>>(),
            vec![(1, 1000, 1), (2, 10_000, 1), (3, 10_000, 2)]
        );
        assert_eq!(month_count(&l, 10_000, 3), 2);
    }

    #[test]
    fn changing_service_drops_packs_and_lines_duplicate() {
        let mut e = default_estimate();
        set_service(&mut e.lines[0], "照片人脸核身", builtin());
        assert!(e.lines[0].packs.is_empty());
        assert!(duplicate_line(&mut e, 0));
        assert!(!duplicate_line(&mut e, 9));
        assert_eq!(e.lines.len(), 2);
        assert_eq!(new_line(builtin(), None).service, "活体人脸核身");
        assert_eq!(new_line(builtin(), Some("eid")).service, "E证通（权威库）");
        let with_free = crate::engine::catalog::parse_price_list(
            r#"{"format":1,"services":[{"id":"ocr","name":"OCR","free_calls":1000,"postpaid":{"tiers":[{"price":"0.1"}]}}]}"#,
        )
        .unwrap();
        assert_eq!(new_line(&with_free, Some("ocr")).free_calls, 1000);
        let mut l = Line::new("x", vec![1]);
        set_service(&mut l, "ocr", &with_free);
        assert_eq!(l.free_calls, 1000);
        // Calls held from 活体人脸核身's packs are not 照片人脸核身's (another pack product); a
        // free pack stays with the line.
        let mut held = Line::new("活体人脸核身", vec![1]);
        (held.free_calls, held.free_months) = (30_000, Some(2));
        let mut free = held.clone();
        free.free_months = None;
        set_service(&mut held, "照片人脸核身", builtin());
        set_service(&mut free, "照片人脸核身", builtin());
        assert_eq!((held.free_calls, held.free_months), (0, None));
        assert_eq!((free.free_calls, free.free_months), (30_000, None));
    }

    #[test]
    fn commitments_are_set_by_months_and_a_month_takes_one() {
        let mut l = Line::new("s", vec![1; 6]);
        set_commitment_months(&mut l, "a", &[1, 2, 3, 5, 6]);
        let term = |id: &str, month, months| CommitmentTerm { id: id.into(), month, months };
        assert_eq!(l.commitments, [term("a", 1, Some(3)), term("a", 5, None)]);
        assert_eq!(commitment_months(&l, "a"), [1, 2, 3, 5, 6]);
        // Taking "b" in months 3–4 moves month 3 out of "a" (which the page then says).
        assert_eq!(taken_from_others(&l, "b", &[3, 4]), [(3, "a".to_string())]);
        assert!(taken_from_others(&l, "a", &[1, 4]).is_empty());
        set_commitment_months(&mut l, "b", &[3, 4]);
        assert_eq!(l.commitments, [term("a", 1, Some(2)), term("b", 3, Some(2)), term("a", 5, None)]);
        assert_eq!(commitment_months(&l, "a"), [1, 2, 5, 6]);
        // A run to the end grows with the line; shorter lines drop what starts past them.
        set_months(&mut l, 8);
        assert_eq!(commitment_months(&l, "a"), [1, 2, 5, 6, 7, 8]);
        set_months(&mut l, 4);
        assert_eq!(l.commitments, [term("a", 1, Some(2)), term("b", 3, Some(2))]);
        set_commitment_months(&mut l, "a", &[]);
        assert_eq!(l.commitments, [term("b", 3, Some(2))]);
        // The line stays valid all along.
        assert!(l.check_shape(0).is_ok());
    }

    /// Months added to a line with a growth and a range take the last month's percentages:
    /// 20,000 at 5 % for 12 months, low 20 % under, high 30 % over; month 13's 35,917 gets
    /// ⌊35,917 × 0.8⌋ = 28,733 and ⌈35,917 × 1.3⌉ = 46,693 (46,692.1), months 1–12 keep theirs.
    /// The same month for every month leaves the growth, and ticking "different each month" again
    /// brings it back with the months.
    #[test]
    fn months_added_to_a_growth_continue_it_and_its_range() {
        let mut page = crate::app::page::Page::open("", crate::app::page::Saved::default());
        let id = page.ids()[0];
        page.edit(id, |l| set_all_calls(l, 20_000));
        page.edit(id, |l| l.packs.clear());
        page.edit(id, |l| set_months(l, 12));
        page.edit(id, |l| set_spread(l, Decimal::from(20), Decimal::from(30)));
        page.edit(id, |l| set_growth(l, Some(Decimal::from(5))));
        let before = page.estimate().lines[0].clone();
        assert_eq!((before.calls_low.as_ref().unwrap()[11], before.calls_high.as_ref().unwrap()[11]), (27_365, 44_470));
        page.edit(id, |l| set_months(l, 13));
        let l = &page.estimate().lines[0];
        assert_eq!(l.calls[12], 35_917);
        assert_eq!((l.calls_low.as_ref().unwrap()[12], l.calls_high.as_ref().unwrap()[12]), (28_733, 46_693));
        assert_eq!(l.calls_low.as_ref().unwrap()[..12], before.calls_low.as_ref().unwrap()[..]);
        assert!(l.check_shape(0).is_ok());
        // Every month alike: no growth; the months back: the growth back.
        let mut same = SameEveryMonth::default();
        page.edit(id, |l| same.set(l, 20_000));
        assert_eq!(page.estimate().lines[0].growth, None);
        page.edit(id, |l| same.undo(l));
        assert_eq!(page.estimate().lines[0].growth, Some(Decimal::from(5)));
        assert_eq!(page.estimate().lines[0].calls[12], 35_917);
        // Cleared: the months stay as they are, with no rate.
        page.edit(id, |l| set_growth(l, None));
        assert_eq!((page.estimate().lines[0].growth, page.estimate().lines[0].calls[12]), (None, 35_917));
    }
}
