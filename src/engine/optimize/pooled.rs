//! The exact optimizer for horizons no longer than a pack's validity (12 months for the
//! documents' packs): no pack can expire inside the horizon, so what is left of all packs is one
//! pool of calls, and the state after a month is a single number, the pool's balance.
//!
//! Dynamic programming over months. The balance after month `t` is always
//! `ρ + q·g` where `g` is the gcd of the pack sizes and the residue `ρ` is fixed by the month the
//! pool last ran empty, so each residue's states are a dense array over `q`. Buying packs at the
//! start of a month is an unbounded knapsack over the array — `G[q] = min(D[q], G[q − sₖ/g] + pₖ)`
//! — so every combination of packs is considered without enumerating it. Then the month settles:
//! availability `A ≤ v` leaves the pool empty and `v − A` postpaid (or refused); `A > v` leaves
//! `A − v`. States past the remaining demand plus the largest pack are never useful (one pack could
//! be dropped without changing any draw) and are cut.
//!
//! Time O(T · R · Q · m) and memory O(T · R · Q) bytes, for T months, R ≤ T + 1 residues,
//! Q = (remaining demand + largest pack) / g states per residue and m pack sizes.

use std::collections::BTreeMap;

use super::problem::{Cost, PackPlan, Problem, gcd};

/// The work the pooled DP would do, to refuse problems too large to solve in the browser.
pub fn work(p: &Problem) -> u128 {
    let Some(g) = p.sizes.iter().map(|s| s.calls).reduce(gcd) else { return 0 };
    let s_max = p.sizes.iter().map(|s| s.calls).max().unwrap_or(0) as u128;
    let t = p.months() as u128;
    let total: u128 = p.demand.iter().map(|&v| v as u128).sum();
    t * (t + 1) * ((total + s_max) / g as u128 + 1) * p.sizes.len() as u128
}

/// The bytes the pooled DP would hold at its peak: a layer of costs per residue and the
/// purchase choices of every month.
pub fn memory(p: &Problem) -> u128 {
    let Some(g) = p.sizes.iter().map(|s| s.calls).reduce(gcd) else { return 0 };
    let s_max = p.sizes.iter().map(|s| s.calls).max().unwrap_or(0) as u128;
    let t = p.months() as u128;
    let total: u128 = p.demand.iter().map(|&v| v as u128).sum();
    let q = (total + s_max) / g as u128 + 1;
    (t + 1) * q * (std::mem::size_of::<Cost>() as u128 + t)
}

struct Month {
    residues: Vec<u64>,
    via: Vec<Vec<u8>>,
    reset_src: Option<(usize, usize)>,
}

/// Solves exactly; `p.months()` must not exceed `p.validity`.
pub fn solve(p: &Problem) -> PackPlan {
    let t_n = p.months();
    if p.sizes.is_empty() {
        let cost = p.demand.iter().fold(Cost::ZERO, |c, &v| c.plus(p.month_cost(v.saturating_sub(0), v)));
        return postpaid_only(p, cost);
    }
    let g = p.sizes.iter().map(|s| s.calls).reduce(gcd).unwrap_or(1).max(1);
    let s_max = p.sizes.iter().map(|s| s.calls).max().unwrap_or(0);
    let steps: Vec<usize> = p.sizes.iter().map(|s| (s.calls / g) as usize).collect();
    let mut suffix = vec![0u64; t_n + 1];
    for t in (0..t_n).rev() {
        suffix[t] = suffix[t + 1].saturating_add(p.demand[t]);
    }

    // Layer before month 1: the free pack. Beyond all the demand it changes nothing, and a
    // larger one would only make the array huge.
    let free = p.free_calls.min(suffix[0]);
    let mut layer: Vec<(u64, Vec<Cost>)> = vec![(free % g, {
        let q = (free / g) as usize;
        let mut v = vec![Cost::INF; q + 1];
        v[q] = Cost::ZERO;
        v
    })];
    let mut history: Vec<Month> = Vec::with_capacity(t_n);

    for (t, &v) in p.demand.iter().enumerate() {
        let cap = suffix[t].saturating_add(s_max);
        let mut next: BTreeMap<u64, Vec<Cost>> = BTreeMap::new();
        let mut reset: Option<(Cost, usize, usize)> = None;
        let mut month =
            Month { residues: Vec::with_capacity(layer.len()), via: Vec::with_capacity(layer.len()), reset_src: None };
        for (ri, (rho, before)) in layer.iter().enumerate() {
            let rho = *rho;
            let qn = if rho >= cap { before.len() } else { (((cap - rho - 1) / g) as usize + 1).max(before.len()) };
            let mut best = vec![Cost::INF; qn];
            let mut via = vec![0u8; qn];
            for q in 0..qn {
                let mut b = before.get(q).copied().unwrap_or(Cost::INF);
                let mut how = 0u8;
                for (k, &step) in steps.iter().enumerate() {
                    if step <= q && !best[q - step].is_inf() {
                        let c = best[q - step].plus(Cost::money(p.sizes[k].price));
                        if c < b {
                            b = c;
                            how = k as u8 + 1;
                        }
                    }
                }
                best[q] = b;
                via[q] = how;
            }
            for (q, c) in best.iter().enumerate() {
                if c.is_inf() {
                    continue;
                }
                let a = rho + q as u64 * g;
                if a <= v {
                    let total = c.plus(p.month_cost(v - a, v));
                    if reset.is_none_or(|(r, _, _)| total < r) {
                        reset = Some((total, ri, q));
                    }
                } else {
                    let b = a - v;
                    let (r2, q2) = (b % g, (b / g) as usize);
                    let arr = next.entry(r2).or_default();
                    if arr.len() <= q2 {
                        arr.resize(q2 + 1, Cost::INF);
                    }
                    if *c < arr[q2] {
                        arr[q2] = *c;
                    }
                }
            }
            month.residues.push(rho);
            month.via.push(via);
        }
        if let Some((c, ri, q)) = reset {
            let arr = next.entry(0).or_default();
            if arr.is_empty() {
                arr.push(Cost::INF);
            }
            arr[0] = c;
            month.reset_src = Some((ri, q));
        }
        history.push(month);
        let mut l: Vec<(u64, Vec<Cost>)> = next.into_iter().collect();
        l.sort_by_key(|(r, _)| *r);
        layer = l;
    }

    // The cheapest end state, whatever balance is left.
    let mut end: Option<(Cost, u64, usize)> = None;
    for (rho, arr) in &layer {
        for (q, c) in arr.iter().enumerate() {
            if !c.is_inf() && end.is_none_or(|(e, _, _)| *c < e) {
                end = Some((*c, *rho, q));
            }
        }
    }
    let Some((cost, mut rho, mut q)) = end else { return postpaid_only(p, Cost::INF) };

    // Walk back through the months, reading the packs off the knapsack choices.
    let mut buys: Vec<(u32, usize, u64)> = Vec::new();
    for t in (0..t_n).rev() {
        let m = &history[t];
        let (ri, mut qq) = if rho == 0 && q == 0 {
            match m.reset_src {
                Some(src) => src,
                None => break,
            }
        } else {
            let a = rho + q as u64 * g + p.demand[t];
            let r = a % g;
            match m.residues.iter().position(|x| *x == r) {
                Some(ri) => (ri, (a / g) as usize),
                None => break,
            }
        };
        let via = &m.via[ri];
        while qq < via.len() && via[qq] != 0 {
            let k = (via[qq] - 1) as usize;
            match buys.iter_mut().find(|(mo, kk, _)| *mo == t as u32 + 1 && *kk == k) {
                Some((_, _, n)) => *n += 1,
                None => buys.push((t as u32 + 1, k, 1)),
            }
            qq -= steps[k];
        }
        rho = m.residues[ri];
        q = qq;
    }
    buys.sort();
    PackPlan { buys, cost }
}

fn postpaid_only(p: &Problem, cost: Cost) -> PackPlan {
    let cost = if cost.is_inf() { p.demand.iter().fold(Cost::ZERO, |c, &v| c.plus(p.month_cost(v, v))) } else { cost };
    PackPlan { buys: Vec::new(), cost }
}
