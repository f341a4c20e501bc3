//! The search month by month for a range past the packs' validity (or within it, where the
//! search under the rules stopped short), under the month cost's lower envelope, with dominance
//! between states: the lower bound it proves, and the plan it finds.
//!
//! Past the validity the lots' expiries multiply the states of the exact search (past a million
//! by the fourth month of 24), so few of them are ever the same state. Under the envelope
//! `f̃(u) = min of f(u')` over `u ≤ u' ≤` the month's calls, a month never costs more with more
//! calls served, and then
//! one state can stand for many. Later purchases join each case's queue behind the packs a state
//! holds, so those packs serve the months to come as they would whatever is bought later: the
//! packs of state A **dominate** those of state B when, in every case and every month to come,
//! A's packs serve at least as many calls as B's; as they serve every month in full until the
//! first they fall short of, that is at least as many calls in all (see [`profile`]). The calls
//! left for later purchases are then never more from A, month by month, and drawing fewer calls
//! oldest first from the same later lots leaves at least as many valid to every month with no
//! more postpaid; so from A every plan costs no more than from B, and B is dropped where A was
//! reached at no more cost. Packs that will be spent before they expire serve alike whatever
//! their expiry, so states that differ only there are one (with the calls valid to each month as
//! the profile, 24 months at 90,777 and 150,777 a month took 53 s and 315 s to finish; now about
//! 2 s). So each case's packs are held as one lot that serves as they do ([`condense`]): the
//! calls they serve in all, valid to the last month they serve; states that serve alike are
//! then one as soon as they are reached (at 24 months and 90,777 a month, a fifth to an eighth
//! as many), and their profile is read off their lots. The states left after each month are
//! often few enough to keep them all (on the benchmark's 24-month ranges some thousands a
//! month), and the purchases each could make are read from the cheapest upwards, the bound with
//! a purchase pooled in dropping whole runs of them at once (each purchase's bound found once a
//! state, as a run, its second half and its last purchase share it).
//!
//! What it proves is the optimum under the envelope, a lower bound on every plan's true cost
//! (the envelope never costs more than the rules). Its plan, priced by the rules, usually costs
//! exactly that, which proves it optimal; where a reached tier's cliff sits in one case's month it
//! may cost more (the envelope pays for more calls than go postpaid, up to the month's calls),
//! and then the bound is what
//! is stated. (Where nothing under the envelope is cheaper than the best plan so far, that plan is
//! what it proves optimal.) Cut short by its work, its states or its memory, the least cost and
//! bound of the states it was expanding is still a lower bound: the envelope's optimum, where it is
//! below the best plan so far, runs through a state that one of them dominates (each purchase the
//! search passes over, by dominance or by putting it off, leaves a plan as cheap under the
//! envelope that it does try).
//!
//! With a beam, once a month's states would take more than their share of the work left (three
//! times the even share, at most two thirds of it, and all of it in the last month), only those
//! of least cost and bound go on: the search then reaches the last month within its work with a
//! plan (the best it finds, priced by the rules, is a plan to try: on the benchmark's ranges it
//! beat the best-first search's plans at 36 and 60 months), and the least cost and bound of the
//! states left out still bounds every plan through them. On the benchmark's ranges that bound
//! was above the best-first search's in 12 of 13 (the same within 0.0004 % in the thirteenth),
//! which it replaces. A month whose states exceed their share by at most one in [`SLACK`] keeps
//! them all. Where no month exceeds its share, it drops nothing and finishes; asked to, it then
//! also records each state's transitions and the state standing for each state reached, for the
//! envelope's cost to go from each ([`super::to_go`]), by which the search under the rules is
//! pruned where the plan costs more than the envelope's optimum.
//!
//! Only money is compared: a range whose best plan so far refuses calls or needs a price from
//! sales (postpaid off) is left to the exact search.

use std::cmp::Reverse;
use std::collections::BTreeSet;

use super::to_go::{Recorder, ToGo};
use super::{Ctx, END, Link, Map, Packs, draw_tail, evaluate_cases, lower_bound_rest, plan_from, priced_out, winnable};
use crate::engine::optimize::problem::{Cost, PackPlan};

/// Most states reached in a month, as a multiple of the states that may be kept after it.
const REACHED_PER_KEPT: usize = 4;

/// How many times its even share of the work left a month's states may take under a beam (at
/// most two thirds of it, and all of it in the last month): on the benchmark's ranges the states
/// a month keeps rise for some months and then fall, so an even share dropped states at 24 months
/// and 30,777 a month where the search finishes within its work, and twice that share did not.
/// Three times (with a state's 512 bytes) took 24 months at 90,777 within 10⁻⁴ and 150,777 to
/// 0.23 %, and narrowed every gap past 24 months but three (60 months at 4,777 the same, the
/// envelope's own; at 60,777 and 150,777 1.31 → 1.34 % and 1.22 → 1.24 %); four times proved 90,777 but left 150,777 at 0.36 % and 36 months at
/// 150,777 at 2.38 %, with a dearer plan.
const SHARE_AHEAD: u128 = 3;

/// A month's states that exceed its width under a beam by at most one in this many all go on:
/// at 24 months and 90,777 a month the beam dropped 10 states of 5,418 in month 11, which left
/// the plan within 0.0008 % of its bound; keeping them, the search finishes and proves it.
const SLACK: usize = 100;

/// What a state takes beyond its lots (16 bytes each): its entry while the month is searched,
/// then its cost and link.
const STATE_BYTES: u128 = 96;

/// What a kept state's link back takes, kept for every month until the plan is read back.
const LINK_BYTES: u128 = 16;

/// The most of its memory the record for the cost to go may take as a month begins (it gives way
/// to the states within a month, and to their profiles). At 60 months and 12,777 a month the
/// search finishes with a record of 35 MB, which a quarter (23 MB) gave up before the last month,
/// leaving the plan 0.011 % above the envelope's optimum; kept, it lets the search under the
/// rules prove the plan, in the same time. Elsewhere on the benchmark the records end at 27 MB
/// or less (24 months), and 45 MB where a beam was too cautious and the search ran again without
/// one (36 months at 30,777).
const RECORD_SHARE: (u128, u128) = (1, 2);

/// Dominance tests counted as one unit of work (a unit is about a bound looked up).
pub(super) const TESTS_PER_UNIT: u64 = 16;

/// What the search ends with.
pub(super) struct Bounded {
    /// A proven lower bound on every plan's weighted cost (the best plan so far's where nothing
    /// beats it).
    pub lower_bound: Cost,
    /// The plan of least cost under the envelope, priced by the rules, where it is cheaper than
    /// the best plan so far.
    pub plan: Option<PackPlan>,
    /// Where it was asked to record them and searched every state to the last month: the
    /// envelope's cost to go from the states it reached (see [`super::to_go`]).
    pub to_go: Option<ToGo>,
    /// Whether it reached the last month (every state searched, or those a beam kept): its plan
    /// is then the best of those states, and the depth-first search after it gets less (see
    /// `WHOLE_DFS_SHARE`).
    pub whole: bool,
    /// Whether its beam left states out though it spent less than [`CAUTIOUS`] of its work: the
    /// shares it set the months were too small, and the search without a beam may finish within
    /// the same work.
    pub cautious: bool,
}

/// The part of its work below which a beam that left states out was too cautious (see
/// [`Bounded::cautious`]): at 36 months and 30,777 a month the beam dropped states and spent 75 %
/// of its work, while the search without one finished in 82 % and proved the plan; every other
/// seeded range whose beam dropped states spent 94 % or more.
const CAUTIOUS: (u64, u64) = (7, 8);

impl Bounded {
    /// Stopped short of the last month (past its work, states or memory): only the bound
    /// `floor`, the least cost and bound of the states it had open or left out.
    fn stopped(floor: i128) -> Bounded {
        Bounded { lower_bound: Cost::money(floor), plan: None, to_go: None, whole: false, cautious: false }
    }
}

/// A state after a month: its packs, its link back, its weighted cost under the envelope.
type State = (Packs, u32, i128);

/// Searches month by month from `start`, doing at most `work` units, keeping at most `most`
/// states after any month and taking at most about `bytes` for them. With a `beam`, a month whose
/// states would take more than their share of the work left (at the last month's rate per
/// state; see [`SHARE_AHEAD`]) goes on from those of least cost and bound alone, so that the
/// search reaches the last month with a plan; what it proves is then the lesser of its optimum
/// and the least cost and bound of the states it left out. `None` where the best plan so far
/// refuses calls or needs a price from sales. With `record`, it also records what it needs to work
/// out the envelope's cost to go from its states, while it leaves none out and the record takes at
/// most [`RECORD_SHARE`] of `bytes` as a month begins (a month adds to it at most a transition for
/// each unit of its work, and the states it reaches; at 24 months and 30,777 a month, 3.6 MB at
/// most).
pub(super) fn search(
    ctx: &Ctx,
    start: Packs,
    work: u64,
    most: usize,
    bytes: u128,
    (beam, record): (bool, bool),
) -> Option<Bounded> {
    let best = ctx.best.cost;
    if best.refused > 0 || best.sales > 0 || best.is_inf() {
        return None;
    }
    let best = best.money;
    let t_n = ctx.cases[0].problem.months();
    let options = ascending(&ctx.options);
    let mut layer: Vec<State> = vec![(start, 0, 0)];
    let mut links: Vec<Vec<Link>> = vec![vec![Link { from: 0, k: 0, calls: 0 }]];
    let mut spent = 0u64;
    let mut scratch = Vec::new();
    let mut condensed = Vec::new();
    let mut weighed: Vec<Option<Cost>> = Vec::new();
    let size = |packs: &Packs| packs.0.len() as u128 * 16 + STATE_BYTES;
    let mut linked = 0u128;
    // The least cost and bound of the states left out to reach the last month within `work`.
    let mut dropped = i128::MAX;
    // Last month's open states, the work they took, the states they reached and those kept.
    let mut last: Option<[u128; 4]> = None;
    let mut rec = record.then(Recorder::default);
    for (m, ops) in options.iter().enumerate().take(t_n) {
        if rec.as_ref().is_some_and(|r| r.bytes() > bytes / RECORD_SHARE.1 * RECORD_SHARE.0) {
            rec = None;
        }
        // The states kept after the last month and every kept month's links (the record's bytes
        // are counted as it grows: within the month it gives way to the states, below).
        let held: u128 = layer.iter().map(|s| size(&s.0)).sum::<u128>() + linked;
        // What the states reached this month take, and whether they reached `bytes`.
        let (mut reached, mut full) = (0u128, false);
        // Each state's cost and bound: the least of them bounds every plan from here.
        let mut open: Vec<(i128, usize)> = Vec::with_capacity(layer.len());
        let mut bounds = Vec::with_capacity(if rec.is_some() { layer.len() } else { 0 });
        for (i, (packs, _, cost)) in layer.iter().enumerate() {
            let bound = lower_bound_rest(ctx, packs, m).money;
            let reach = bound.saturating_add(*cost);
            if rec.is_some() {
                bounds.push(bound);
            }
            if reach < best {
                open.push((reach, i));
            }
        }
        if let Some(r) = rec.as_mut() {
            r.open(bounds);
        }
        spent = spent.saturating_add(layer.len() as u64);
        // Where this month would take more than its share of the work left at last month's rate,
        // the states of least cost and bound go on alone (the best plan they lead to is a plan to
        // try), and the least cost and bound of those left out stays a lower bound.
        if let Some([opened, took, reaching, keeping]) = last.filter(|_| beam) {
            let months = (t_n - m) as u128;
            // A month's share: three times the work left spread evenly over the months left (the
            // states rise for some months and then fall), at most two thirds of it, and all of it
            // in the last month; and half the states a month may reach and keep (a month's states
            // reach and keep more or fewer than the last month's did).
            let left = u128::from(work.saturating_sub(spent));
            let left = if months == 1 { left } else { (left.saturating_mul(SHARE_AHEAD) / months).min(left / 3 * 2) };
            let states = most as u128;
            let width = [
                left.saturating_mul(opened) / took.max(1),
                states.saturating_mul(REACHED_PER_KEPT as u128 / 2).saturating_mul(opened) / reaching.max(1),
                (states / 2).saturating_mul(opened) / keeping.max(1),
            ]
            .into_iter()
            .min()
            .unwrap_or(1)
            .clamp(1, usize::MAX as u128) as usize;
            // A few states over the width are kept: dropping them costs the proof.
            if open.len() > width + width / SLACK {
                open.sort_unstable();
                dropped = dropped.min(open[width].0);
                open.truncate(width);
                // States left out keep their own bounds in the record, which stays sound, but the
                // search under the rules would have to go past them, as far as the beam could
                // not: the record is given up, its memory left to the states.
                rec = None;
            }
        }
        let floor = open.iter().map(|x| x.0).min().unwrap_or(best).min(dropped);
        let began = spent;
        let mut cand: Map<Packs, (i128, Link, u32)> = Map::default();
        for &(_, i) in &open {
            // The states reached this month are held until dominance thins them: at most a few
            // times what may be kept.
            if spent > work || full || cand.len() > most.saturating_mul(REACHED_PER_KEPT) {
                return Some(Bounded::stopped(floor));
            }
            let (packs, at, cost) = &layer[i];
            let (at, cost) = (*at, *cost);
            // What it passes over cannot be cheaper than the best plan.
            if let Some(r) = rec.as_mut() {
                r.expanded(i, best - cost);
            }
            // A purchase waits where every case's packs cover the month, as in the exact search,
            // but here even with a reached tier's cliff: under the envelope the same purchase a
            // month later, its packs lasting a month longer, never costs more.
            let waits: Vec<bool> = (0..ctx.choices).map(|k| packs.cover(ctx.cases, m, k)).collect();
            let mut settle = |calls: u64, price: i128, spent: &mut u64| {
                for (k, &wait) in waits.iter().enumerate() {
                    if calls > 0 && wait {
                        continue;
                    }
                    *spent += 1;
                    // The month under the envelope (which never costs more with more calls served).
                    let month = packs.after_priced(ctx.cases, (m, calls, price, k), &mut scratch, |p, u| {
                        Cost::money(p.envelope_with(k, u, p.calls[m]).saturating_add(p.floor))
                    });
                    let c = cost.saturating_add(month.money);
                    if c >= best {
                        continue;
                    }
                    if ctx.choices == 1 {
                        condense(ctx, &mut scratch, &mut condensed, m);
                    }
                    let link = Link { from: at, k: k as u32, calls };
                    let id = match cand.get_mut(scratch.as_slice()) {
                        Some(old) if old.0 <= c => old.2,
                        Some(old) => {
                            (old.0, old.1) = (c, link);
                            old.2
                        }
                        // Past the memory the search stops (`full`), so a state left out then
                        // changes nothing.
                        None if held + reached > bytes => {
                            full = true;
                            continue;
                        }
                        None => {
                            reached += scratch.len() as u128 * 16 + STATE_BYTES;
                            let id = cand.len() as u32;
                            cand.insert(Packs(scratch.clone()), (c, link, id));
                            id
                        }
                    };
                    if let Some(r) = rec.as_mut() {
                        // Its transitions count too: past the memory it is given up (it is only
                        // of use where nothing is left out), before the states would be; and
                        // where a month's cost is past what it holds.
                        if !r.edge(i, id, month.money) || held + reached + r.bytes() > bytes {
                            rec = None;
                        }
                    }
                }
            };
            settle(0, 0, &mut spent);
            if waits.iter().all(|w| *w) {
                continue;
            }
            // The purchases the price alone leaves in, cheapest first; then those the bound
            // leaves in, by runs (see `winnable`: the run's least price is its first's).
            let affordable = ops.partition_point(|&(_, price)| !priced_out(ctx, price, Cost::money(cost)));
            let keep = winnable(
                ctx,
                (packs, m, Cost::money(cost)),
                &ops[..affordable],
                |a, _| ops[a].1,
                &mut weighed,
                &mut spent,
            );
            for j in keep {
                let (calls, price) = ops[j];
                settle(calls, price, &mut spent);
            }
        }
        // Past the memory while the month's last state was expanded: a state it left out would
        // be missed from here, so the search stops there too.
        if full {
            return Some(Bounded::stopped(floor));
        }
        // The states left, cheapest first (then by their packs, so the order never depends on a
        // hash), each dropped where one kept before it dominates it.
        let reached_states = cand.len();
        let mut all: Vec<(Packs, i128, Link, u32)> = cand.into_iter().map(|(p, (c, l, id))| (p, c, l, id)).collect();
        all.sort_unstable_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        // The kept states' profiles (one length in a month) must fit beside the record: where
        // they might not, the record, of use only while nothing is left out, is given up first.
        // (The record then takes each state reached again, as its packs.)
        if let (Some(r), Some(first)) = (rec.as_ref(), all.first()) {
            let profiles = all.len() as u128 * (profile(ctx, &first.0, m).len() as u128 * 8 + 64);
            if held + 2 * reached + r.bytes() + profiles > bytes {
                rec = None;
            }
        }
        let room = bytes.saturating_sub(held + reached + rec.as_ref().map_or(0, Recorder::bytes));
        let Some((marks, profiles)) = skyline(&all, |s| profile(ctx, &s.0, m), &mut spent, (work, most, room)) else {
            return Some(Bounded::stopped(floor));
        };
        let mut kept = Vec::with_capacity(profiles.len());
        // The kept states' profiles, in the order they are kept: the record keeps them.
        let mut profiles = profiles.into_iter();
        for ((packs, c, link, id), (rep, own)) in all.into_iter().zip(marks) {
            let profile = own.then(|| profiles.next()).flatten();
            if let Some(r) = rec.as_mut() {
                r.reached(id, packs.clone(), rep, profile);
            }
            if own {
                kept.push((packs, c, link));
            }
        }
        last = Some([open.len() as u128, u128::from(spent - began), reached_states as u128, kept.len() as u128]);
        linked += kept.len() as u128 * LINK_BYTES;
        links.push(kept.iter().map(|x| x.2).collect());
        layer = kept.into_iter().enumerate().map(|(i, (p, c, _))| (p, i as u32, c)).collect();
    }
    // The search under the rules it serves must still fit beside it.
    let to_go = rec.filter(|r| r.bytes().saturating_add(super::LAYERED_BYTES) <= bytes).map(|r| r.finish(layer.len()));
    let cautious =
        dropped != i128::MAX && u128::from(spent) * u128::from(CAUTIOUS.1) < u128::from(work) * u128::from(CAUTIOUS.0);
    let Some(&(_, at, cost)) = layer.iter().min_by_key(|s| s.2) else {
        // No plan is cheaper than the best so far under the envelope, but where states were
        // left out.
        let lower_bound = ctx.best.cost.min(Cost::money(dropped));
        return Some(Bounded { lower_bound, plan: None, to_go, whole: true, cautious });
    };
    let mut at = at as usize;
    let steps = (0..t_n).rev().map(|m| {
        let link = links[m + 1][at];
        at = link.from as usize;
        (m, link.k, link.calls)
    });
    let mut plan = plan_from(ctx, steps, Cost::ZERO);
    plan.cost = evaluate_cases(ctx.cases, &plan.buys, &plan.taken);
    let plan = (plan.cost < ctx.best.cost).then_some(plan);
    Some(Bounded { lower_bound: Cost::money(cost.min(dropped)), plan, to_go, whole: true, cautious })
}

/// Each month's purchases worth weighing under the envelope, smallest first: a total is left out
/// where a larger one costs no more (more calls in the same lot never cost more there), so the
/// prices rise with the calls.
fn ascending(options: &[Vec<(u64, i128)>]) -> Vec<Vec<(u64, i128)>> {
    options
        .iter()
        .map(|o| {
            let mut sorted: Vec<(u64, i128)> = o.iter().copied().filter(|x| x.0 > 0).collect();
            sorted.sort_unstable();
            let mut least = i128::MAX;
            let mut kept: Vec<(u64, i128)> = sorted
                .into_iter()
                .rev()
                .filter(|&(_, price)| {
                    let keep = price < least;
                    least = least.min(price);
                    keep
                })
                .collect();
            kept.reverse();
            kept
        })
        .collect()
}

/// A state's profile after month `m` (0-based): figures such that a state whose every figure is
/// at least another's dominates it.
///
/// With one choice a month, each case's packs serve the months to come as they would whatever is
/// bought later (a purchase joins the queue behind them): every month in full until the first
/// they fall short of (which spends them all), or until they expire. So the calls they serve in
/// all say how much they serve in each month: where A's packs serve at least as many calls in all
/// as B's, they serve at least as many in every month, the calls left for later purchases and
/// postpaid are never more from A than from B, month by month, and drawing fewer calls oldest
/// first from the same later lots leaves at least as many valid to every month, with no more
/// postpaid (under the envelope, never dearer). The profile is that one figure for each case.
/// With choices, a month's calls depend on the choice, and the profile is, for each case and each
/// month `e` a lot can still be valid to, the calls valid to `e` or later: drawing a month's calls
/// oldest first keeps that order, whatever the calls (but packs that will be spent before they
/// expire then differ by their expiry, which does not matter).
pub(super) fn profile(ctx: &Ctx, packs: &Packs, m: usize) -> Vec<u64> {
    if ctx.choices == 1 {
        // One lot a case (see `condense`): the calls it serves in all.
        packs.queues().map(|q| q.iter().map(|l| l.1).sum()).collect()
    } else {
        valid_to(packs, m as u32, (ctx.validity, ctx.last))
    }
}

/// Replaces each case's queue in `packs` (held after month `m`, 0-based) by one lot that serves
/// every month to come as the queue does, whatever is bought later: the calls the queue serves in
/// all, valid to the last month it serves (empty where it serves none). A queue serves every
/// month in full until the first it falls short of, which spends it, or until it expires (see
/// [`profile`]); one lot of the same calls, valid to that month, does the same. `out` is scratch.
pub(super) fn condense(ctx: &Ctx, packs: &mut Vec<(u32, u64)>, out: &mut Vec<(u32, u64)>, m: usize) {
    // The last month (1-based) any lot held after month `m` may be valid to: bought by then, or
    // the free pack.
    let last = (m as u32 + ctx.validity).max(ctx.cases[0].problem.free_last).min(ctx.last) as usize;
    out.clear();
    for (i, (c, q)) in ctx.cases.iter().zip(packs.split(|lot| *lot == END)).enumerate() {
        if i > 0 {
            out.push(END);
        }
        let p = c.problem;
        let start = out.len();
        out.extend_from_slice(q);
        let (mut total, mut ends) = (0u64, 0u32);
        for t in m + 1..last.min(p.months()) {
            if out.len() == start {
                break;
            }
            let drawn = p.demand_with(0, t) - draw_tail(p, out, start, t, 0, 0);
            if drawn > 0 {
                total += drawn;
                ends = t as u32 + 1;
            }
        }
        out.truncate(start);
        if total > 0 {
            out.push((ends, total));
        }
    }
    std::mem::swap(packs, out);
}

/// For each case and each month `e` (1-based) a lot bought by month `m` (0-based) can still be
/// valid to, the calls valid to `e` or later.
fn valid_to(packs: &Packs, m: u32, (validity, last): (u32, u32)) -> Vec<u64> {
    let lo = m + 2;
    let hi = (m + 1 + validity).min(last).max(lo);
    let mut out = Vec::new();
    for q in packs.queues() {
        let base = out.len();
        out.resize(base + (hi - lo + 1) as usize, 0);
        let mut acc = 0u64;
        let mut j = q.len();
        for e in (lo..=hi).rev() {
            while j > 0 && q[j - 1].0 >= e {
                j -= 1;
                acc = acc.saturating_add(q[j].1);
            }
            out[base + (e - lo) as usize] = acc;
        }
    }
    out
}

/// A state's mark from [`skyline`]: the index among the kept states of the one standing for it,
/// and whether that is itself.
type Mark = (u32, bool);

/// The states (cheapest first) that no state before them dominates: one dominates another where
/// every figure of its `profile` is at least the other's. Only a profile with at least the same
/// sum can dominate, so each is checked against the kept profiles of a larger or equal sum alone.
/// For each state, the index among those kept of the one standing for it, and whether that is
/// itself (where it is not, a state kept before it dominates it); and the kept states' profiles,
/// in order. `None` past `work` units spent, `most` states kept or `room` bytes of profiles.
fn skyline<T>(
    all: &[T],
    profile: impl Fn(&T) -> Vec<u64>,
    spent: &mut u64,
    (work, most, room): (u64, usize, u128),
) -> Option<(Vec<Mark>, Vec<Vec<u64>>)> {
    let mut marks = Vec::with_capacity(all.len());
    let mut profiles: Vec<Vec<u64>> = Vec::new();
    let mut taken = 0u128;
    // Indices into the kept profiles, by their sum, largest first.
    let mut by_sum: BTreeSet<(Reverse<u64>, u32)> = BTreeSet::new();
    let mut tests = 0u64;
    for state in all {
        let own = profile(state);
        let sum = own.iter().fold(0u64, |a, b| a.saturating_add(*b));
        let dominator = by_sum.iter().take_while(|x| x.0.0 >= sum).find(|&&(_, i)| {
            tests += 1;
            profiles[i as usize].iter().zip(&own).all(|(a, b)| a >= b)
        });
        *spent += 1 + tests / TESTS_PER_UNIT;
        tests %= TESTS_PER_UNIT;
        if *spent > work || profiles.len() > most || taken > room {
            return None;
        }
        if let Some(&(_, i)) = dominator {
            marks.push((i, false));
            continue;
        }
        taken += own.len() as u128 * 8 + 64;
        let i = profiles.len() as u32;
        by_sum.insert((Reverse(sum), i));
        profiles.push(own);
        marks.push((i, true));
    }
    Some((marks, profiles))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{depth_first, past_validity, range_list, range_problems, seeded, weighted};
    use super::super::{END, context, evaluate_cases, lower_bound_buying, no_packs};
    use super::*;

    /// Small random ranges past a validity of 2 to 4 months, with reached tiers (cliffs) or graduated
    /// ones: the bound never exceeds the optimum (the depth-first search alone, run to the end),
    /// also where the search is cut short by its work, its states or its memory, with a beam or
    /// without; without cliffs the envelope is the rules, so the search finds the optimum itself;
    /// a purchase's bound never exceeds the plan that makes just that purchase; with little
    /// work, or few states to keep, the beam reaches a plan where the search without it stops;
    /// and from a plan dearer than the optimum, cut short with a beam that keeps nothing cheaper,
    /// the bound is still the least of what it dropped.
    #[test]
    fn the_bound_under_the_envelope_never_exceeds_the_optimum() {
        let mut next = seeded(0x9E37_79B9_7F4A_7C15);
        let (mut exact, mut bought, mut reached, mut dropped_below) = (0, 0, [0; 2], 0);
        for round in 0..200 {
            let mode = if round % 2 == 0 { "reached" } else { "graduated" };
            let (_, months, list, likely, problems) = past_validity(&mut next, round, mode);
            let cases = weighted(&problems);
            let none = no_packs(&cases);
            let optimal = depth_first(&cases, none.clone(), u64::MAX).expect("the depth-first search finishes");
            let optimum = optimal.cost;
            let (ctx, start, _) = context(&cases, none.clone(), u64::MAX, &[]);
            let found = search(&ctx, start.clone(), u64::MAX, usize::MAX, u128::MAX, (false, false)).unwrap();
            assert!(found.lower_bound <= optimum, "round {round}: {list} {likely:?}");
            if let Some(plan) = &found.plan {
                assert_eq!(plan.cost, evaluate_cases(&cases, &plan.buys, &plan.taken), "round {round}");
            }
            if mode == "graduated" {
                // No cliffs: what it proves is the optimum, and a plan it returns costs that.
                assert_eq!(found.lower_bound, optimum, "round {round}: {list} {likely:?}");
                if optimum < none.cost {
                    assert_eq!(found.plan.as_ref().map(|p| p.cost), Some(optimum), "round {round}");
                }
                exact += 1;
            }
            bought += usize::from(optimum < none.cost);
            // Where the search without a beam stops short with no plan, for its work or the states
            // it may keep, the beam reaches one.
            for (work, most) in [(100, usize::MAX), (u64::MAX, 4)] {
                let plain = search(&ctx, start.clone(), work, most, u128::MAX, (false, false)).unwrap();
                let beamed = search(&ctx, start.clone(), work, most, u128::MAX, (true, false)).unwrap();
                // (Where the search without a beam finishes with no plan, none is cheaper than the best
                // so far under the envelope, so the beam finds none either.)
                let far = plain.plan.is_none() && beamed.plan.is_some();
                reached[usize::from(work == u64::MAX)] += usize::from(far);
            }
            for (work, most, bytes) in [
                (1, usize::MAX, u128::MAX),
                (10, usize::MAX, u128::MAX),
                (100, usize::MAX, u128::MAX),
                (u64::MAX, 1, u128::MAX),
                (u64::MAX, 3, u128::MAX),
                (u64::MAX, usize::MAX, 1_000),
                (u64::MAX, usize::MAX, 100),
            ] {
                let short = search(&ctx, start.clone(), work, most, bytes, (false, false)).unwrap();
                assert!(short.lower_bound <= optimum, "round {round}, {work}/{most}/{bytes}: {list} {likely:?}");
                // With a beam, cut short by work it still goes on to a plan, priced by the rules.
                let short = search(&ctx, start.clone(), work, most, bytes, (true, false)).unwrap();
                assert!(short.lower_bound <= optimum, "round {round}, {work}/{most}/{bytes}: {list} {likely:?}");
                if let Some(plan) = &short.plan {
                    assert_eq!(plan.cost, evaluate_cases(&cases, &plan.buys, &plan.taken), "round {round}");
                    assert!(plan.cost >= optimum, "round {round}");
                }
            }
            // From a plan dearer than the optimum (the optimum's plan with one more of the smaller
            // pack in the last month), cut short with a beam: where nothing it keeps beats that
            // plan, the least bound of the states it dropped is still the bound.
            let mut buys = optimal.buys;
            buys.push((months as u32, 0, 1));
            buys.sort();
            let dearer = PackPlan::packs(buys.clone(), evaluate_cases(&cases, &buys, &[]));
            if dearer.cost > optimum {
                let (from_dearer, start, _) = context(&cases, dearer, u64::MAX, &[]);
                for work in [10, 100, 1_000] {
                    let short =
                        search(&from_dearer, start.clone(), work, usize::MAX, u128::MAX, (true, false)).unwrap();
                    assert!(
                        short.lower_bound <= optimum,
                        "round {round}, from a dearer plan, {work}: {list} {likely:?}"
                    );
                    dropped_below += usize::from(short.plan.is_none() && short.lower_bound < from_dearer.best.cost);
                }
            }
            // The bound of buying in month 1 from the start never exceeds the plan that buys just
            // that.
            for &(calls, price) in &ascending(&ctx.options)[0] {
                let bound =
                    lower_bound_buying(&ctx, &start, 0, calls).plus(Cost::money(price.saturating_mul(ctx.weights)));
                let first: Vec<(u32, usize, u64)> = ctx.knap.packs(calls).into_iter().map(|(k, n)| (1, k, n)).collect();
                let with = evaluate_cases(&cases, &first, &[]);
                assert!(bound.money <= with.money, "round {round}, {calls}: {list} {likely:?}");
            }
        }
        assert_eq!(exact, 100);
        // From the dearer plan, the beam often keeps nothing that beats it, and proves less.
        assert!(dropped_below > 20, "{dropped_below} searches from a dearer plan ended on what they dropped");
        // Most optima buy packs, so the search has purchases to weigh.
        assert!(bought > 100, "{bought} of 200 optima buy packs");
        assert!(
            reached.iter().all(|&r| r > 10),
            "the beam reached a plan in {reached:?} of 200 ranges where the search without it stopped"
        );
    }

    /// Packs that will be spent before they expire serve the months to come alike whatever their
    /// expiry, so they condense to the same lot, and a state whose packs expire later but serve
    /// no more is dropped where one that serves as much was reached for less; the calls valid to
    /// each month keep it. Where the earlier packs would expire with calls left, the later ones
    /// serve more and are kept.
    #[test]
    fn packs_spent_before_they_expire_serve_alike_whatever_their_expiry() {
        let list =
            range_list(3, "reached", (5, 20), ["0.40".into(), "0.70".into()], ["1".into(), "0.8".into(), "0.5".into()]);
        // 4, 10 and 12 calls a month; after month 1 (0-based 0) a lot bought then is valid
        // through month 3, so the profile covers months 2 and 3.
        let problems = range_problems(&list, 3, &[10; 6], 2, (0, None));
        let cases = weighted(&problems);
        let none = no_packs(&cases);
        let (ctx, _, _) = context(&cases, none, u64::MAX, &[]);
        let lot = |expiry, calls| Packs(vec![(expiry, calls), END, (expiry, calls), END, (expiry, calls)]);
        let condensed = |packs: &Packs| {
            let mut lots = packs.0.clone();
            condense(&ctx, &mut lots, &mut Vec::new(), 0);
            Packs(lots)
        };
        let lots = |lots: [(u32, u64); 3]| Packs(vec![lots[0], END, lots[1], END, lots[2]]);
        // 4 calls serve month 2 in every case, valid to month 2 or 3.
        assert_eq!(condensed(&lot(2, 4)), lots([(2, 4); 3]));
        assert_eq!(condensed(&lot(3, 4)), lots([(2, 4); 3]));
        // 6 calls: the first case's last 2 expire after month 2, or serve month 3.
        assert_eq!(condensed(&lot(2, 6)), lots([(2, 4), (2, 6), (2, 6)]));
        assert_eq!(condensed(&lot(3, 6)), lots([(3, 6), (2, 6), (2, 6)]));
        let link = Link { from: 0, k: 0, calls: 0 };
        let states = vec![(lot(2, 4), 80, link), (lot(3, 4), 90, link), (lot(2, 6), 100, link), (lot(3, 6), 110, link)];
        let mut spent = 0;
        let limits = (u64::MAX, usize::MAX, u128::MAX);
        let by_service = |s: &(Packs, i128, Link)| profile(&ctx, &condensed(&s.0), 0);
        let (marks, _) = skyline(&states, by_service, &mut spent, limits).unwrap();
        assert_eq!(kept(&states, &marks), vec![80, 100, 110]);
        let by_validity = |s: &(Packs, i128, Link)| valid_to(&s.0, 0, (3, 6));
        let (marks, _) = skyline(&states, by_validity, &mut spent, limits).unwrap();
        assert_eq!(kept(&states, &marks), vec![80, 90, 100, 110]);
    }

    /// A state's packs condensed to one lot a case serve every month to come as they did: from
    /// random states (the free pack's calls, then random purchases), with the same random
    /// purchases after, every month costs the same under the rules and under the envelope, and
    /// covers its calls without buying in the same months.
    #[test]
    fn a_condensed_lot_serves_as_its_packs_do() {
        let mut next = seeded(0xD1B5_4A32_D192_ED03);
        let mut changed = 0;
        for round in 0..400 {
            let validity = 2 + next(4) as u32;
            let months = validity as usize + 2 + next(5) as usize;
            let list = range_list(
                validity,
                "reached",
                (1 + next(10), 12 + next(20)),
                ["0.40".into(), "0.70".into()],
                ["1".into(), "0.8".into(), "0.5".into()],
            );
            let likely: Vec<u64> = (0..months).map(|_| next(20)).collect();
            let free =
                if round % 2 == 0 { (1 + next(30), Some(1 + next(u64::from(validity)) as u32)) } else { (0, None) };
            let problems = range_problems(&list, validity, &likely, 1 + next(9), free);
            let cases = weighted(&problems);
            let none = no_packs(&cases);
            let (ctx, start, _) = context(&cases, none, u64::MAX, &[]);
            // The state after month `m` (0-based): from the start, random purchases through it.
            let m = next(months as u64 - 1) as usize;
            let mut packs = start;
            for t in 0..=m {
                packs = packs.after(&cases, t, 5 * next(4), 0, 0).0;
            }
            let mut lots = packs.0.clone();
            condense(&ctx, &mut lots, &mut Vec::new(), m);
            let mut condensed = Packs(lots);
            changed += usize::from(condensed != packs);
            for t in m + 1..months {
                let bought = 5 * next(4);
                // Whether a purchase may wait, and the month under the envelope, are the same too.
                assert_eq!(packs.cover(&cases, t, 0), condensed.cover(&cases, t, 0), "round {round}, month {t}");
                let envelope = |p: &Packs| {
                    p.after_priced(&cases, (t, bought, 0, 0), &mut Vec::new(), |p, u| {
                        Cost::money(p.envelope_with(0, u, p.calls[t]))
                    })
                };
                assert_eq!(envelope(&packs), envelope(&condensed), "round {round}, month {t}");
                let (a, cost_a) = packs.after(&cases, t, bought, 0, 0);
                let (b, cost_b) = condensed.after(&cases, t, bought, 0, 0);
                assert_eq!(cost_a, cost_b, "round {round}, month {t}: {packs:?} / {condensed:?}");
                (packs, condensed) = (a, b);
            }
        }
        assert!(changed > 100, "{changed} of 400 states condensed to other lots");
    }

    /// A state is dropped where one reached at no more cost holds at least as many calls valid to
    /// every month; a state with fewer calls in all but more valid to a later month is kept.
    #[test]
    fn a_state_is_dropped_only_where_another_dominates_it() {
        let link = Link { from: 0, k: 0, calls: 0 };
        // After month 1 of 24, packs valid 12 months: profiles for months 2 to 13.
        // Two cases; the second holds the same in the first four states.
        let states = vec![
            (Packs(vec![(4, 40), END, (13, 1)]), 90, link),
            (Packs(vec![(5, 10), (13, 20), END, (13, 1)]), 100, link),
            (Packs(vec![(13, 25), END, (13, 1)]), 110, link),
            (Packs(vec![(5, 5), (13, 20), END, (13, 1)]), 120, link),
            // More in the first case, less in the second than the next state.
            (Packs(vec![(13, 30), END, (13, 0)]), 130, link),
            (Packs(vec![(13, 25), END, (13, 10)]), 140, link),
            (Packs(vec![(13, 25), END, (13, 1)]), 150, link),
        ];
        let mut spent = 0;
        let profile = |s: &(Packs, i128, Link)| valid_to(&s.0, 0, (12, 24));
        let (marks, _) = skyline(&states, profile, &mut spent, (u64::MAX, usize::MAX, u128::MAX)).unwrap();
        assert_eq!(kept(&states, &marks), vec![90, 100, 110, 130, 140]);
        // Each dropped state names a kept one that dominates it, the first of the largest sum:
        // 120 (5 valid to month 5, 20 to 13) by 110 (25 to 13), and 150 by 140.
        let (t, f) = (true, false);
        assert_eq!(marks, vec![(0, t), (1, t), (2, t), (2, f), (3, t), (4, t), (4, f)]);
        assert!(spent > 0);
    }

    /// The costs of the states `skyline` keeps.
    fn kept(states: &[(Packs, i128, Link)], marks: &[(u32, bool)]) -> Vec<i128> {
        states.iter().zip(marks).filter(|(_, m)| m.1).map(|(s, _)| s.1).collect()
    }

    /// A beam that left states out with an eighth of its work unspent (`cautious`): the whole
    /// search, which then runs the search without a beam with the same work, still never states a
    /// bound above the optimum, and a plan it calls proven is the optimum. On these small ranges,
    /// at small limits, the case arises often (61 times), and the whole search then proves most
    /// of those plans (44).
    #[test]
    fn a_cautious_beam_is_searched_again_without_one_and_stays_sound() {
        use super::super::{PARETO_SHARE, PARETO_STATE_BYTES, solve_coupled};
        let mut next = seeded(0x5170_C1B7_2722_0A95);
        let (mut cautious, mut proven) = (0, 0);
        for round in 0..300 {
            let mode = if round % 2 == 0 { "reached" } else { "graduated" };
            let (_, _, list, likely, problems) = past_validity(&mut next, round, mode);
            let cases = weighted(&problems);
            let none = no_packs(&cases);
            let optimum = depth_first(&cases, none.clone(), u64::MAX).expect("the depth-first search finishes").cost;
            for limit in [10u64, 30, 100, 300] {
                // The beam as the whole search runs it first.
                let (ctx, start, spare) = context(&cases, none.clone(), limit, &[]);
                let work = limit.saturating_mul(PARETO_SHARE.0) / PARETO_SHARE.1;
                let kept = usize::try_from(spare / PARETO_STATE_BYTES).unwrap_or(usize::MAX);
                let beam = search(&ctx, start, work, kept, spare, (true, true)).unwrap();
                if !beam.cautious {
                    continue;
                }
                cautious += 1;
                let s = solve_coupled(&cases, none.clone(), Cost::ZERO, limit, &[]);
                assert!(s.lower_bound <= optimum, "round {round}, {limit}: {list} {likely:?}");
                assert_eq!(s.plan.cost, evaluate_cases(&cases, &s.plan.buys, &s.plan.taken), "round {round}");
                if s.proven {
                    assert_eq!(s.plan.cost, optimum, "round {round}, {limit}: {list} {likely:?}");
                    proven += 1;
                }
            }
        }
        assert!(cautious >= 20 && proven >= 10, "{cautious} cautious beams, {proven} proven after");
    }
}
