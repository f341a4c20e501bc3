//! The envelope's cost to go from the states the search under it ([`super::pareto`]) reached:
//! for each state held before a month, a lower bound on what any plan from it costs from there,
//! under the envelope and so under the rules. The exact search under the rules ([`super::layered`])
//! prunes by it where the envelope's optimum is below the best plan (a reached tier's cliff in
//! some case's month): far tighter than the pooled and cohort bounds, as it is the envelope's own
//! optimum from each state rather than each case's alone.
//!
//! Worked out backwards over the months from what the search recorded on its way: every state's
//! transitions (the state reached, the month's cost), and for each state reached the kept state
//! that stands for it (itself, or the one that dominates it, from which every plan costs no more
//! under the envelope). A state's bound is the least over its transitions of the month's cost and
//! the bound of the kept state standing for the state reached; a transition the search passed
//! over (its cost, price or bound reaching the best plan then) counts as the best plan less the
//! state's cost, which it cannot be cheaper than; and every purchase the search did not try has
//! one it tried that is no dearer under the envelope (waiting while the packs cover the month, a
//! larger total at no higher price). A state the search did not expand keeps its pooled and
//! cohort bound.

use super::{Map, Packs};

/// What the search under the envelope records of one month, for the pass backwards.
struct Month {
    /// For each state held before the month: its bound from the pooled and cohort bounds.
    bound: Vec<i128>,
    /// For each state held before the month: the least its transitions can be worth as far as
    /// the search saw them (the best plan then less its cost, where it was expanded; `None` where
    /// it was not, so its bound stands alone).
    passed: Vec<Option<i128>>,
    /// The transitions: the state's index, the reached state's id and the month's cost.
    edges: Vec<(u32, u32, i64)>,
    /// For each reached state's id, the index of the kept state standing for it after the month.
    rep: Vec<u32>,
    /// The states reached, each with the index of the kept state standing for it.
    reached: Map<Packs, u32>,
    /// The kept states' profiles (see `pareto::profile`), in the order they were kept.
    profiles: Vec<Vec<u64>>,
}

/// The record the search under the envelope keeps while it searches every state (it is given up
/// where a beam leaves states out, or where it outgrows its memory).
#[derive(Default)]
pub(super) struct Recorder {
    months: Vec<Month>,
    bytes: u128,
}

/// What a transition takes in the record: its month's cost in 64 bits, half of what 128 took (at
/// 60 months and 12,777 a month the whole record is 35 MB, against 40).
const EDGE_BYTES: u128 = 16;
/// What a state held takes in the record beyond its lots (16 bytes each).
const STATE_BYTES: u128 = 64;

impl Recorder {
    /// The bytes the record takes.
    pub fn bytes(&self) -> u128 {
        self.bytes
    }

    /// A month begins, with `bound` for each state held before it.
    pub fn open(&mut self, bound: Vec<i128>) {
        // A bound (16 bytes) and what its transitions passed over (32).
        self.bytes += bound.len() as u128 * 48;
        let passed = vec![None; bound.len()];
        let (edges, rep, reached, profiles) = Default::default();
        self.months.push(Month { bound, passed, edges, rep, reached, profiles });
    }

    /// State `i` of this month is expanded: a transition passed over is worth at least `passed`.
    pub fn expanded(&mut self, i: usize, passed: i128) {
        if let Some(m) = self.months.last_mut() {
            m.passed[i] = Some(passed);
        }
    }

    /// State `i` of this month reaches the state of id `to` with the month costing `step`.
    /// `false` where the cost is past 64 bits, which the record does not hold (it is then given
    /// up).
    pub fn edge(&mut self, i: usize, to: u32, step: i128) -> bool {
        let Ok(step) = i64::try_from(step) else { return false };
        if let Some(m) = self.months.last_mut() {
            self.bytes += EDGE_BYTES;
            m.edges.push((i as u32, to, step));
        }
        true
    }

    /// The state of id `id` reached this month is `packs`, the kept state `rep` standing for it;
    /// with its `profile` where it is kept (`rep` is then the next index).
    pub fn reached(&mut self, id: u32, packs: Packs, rep: u32, profile: Option<Vec<u64>>) {
        if let Some(m) = self.months.last_mut() {
            if let Some(p) = profile {
                self.bytes += p.len() as u128 * 8 + 24;
                m.profiles.push(p);
            }
            let i = id as usize;
            if m.rep.len() <= i {
                m.rep.resize(i + 1, u32::MAX);
            }
            m.rep[i] = rep;
            self.bytes += packs.0.len() as u128 * 16 + STATE_BYTES;
            m.reached.insert(packs, rep);
        }
    }

    /// The bounds, worked out backwards from the `last` states kept after the last month (each
    /// with nothing left to pay).
    pub fn finish(self, last: usize) -> ToGo {
        let mut after = vec![0i128; last];
        let mut months: Vec<Reached> = Vec::with_capacity(self.months.len() + 1);
        months.push(Reached::default());
        for month in self.months.into_iter().rev() {
            let Month { bound, passed, edges, rep, reached, profiles } = month;
            let prev = months.last_mut().expect("one map pushed first");
            prev.states.extend(reached.into_iter().filter_map(|(p, r)| Some((p, *after.get(r as usize)?))));
            prev.front = profiles.into_iter().zip(after.iter().copied()).collect();
            // The dearest first: the first that dominates a state is the best bound.
            prev.front.sort_unstable_by_key(|f| std::cmp::Reverse(f.1));
            let mut least: Vec<Option<i128>> = passed;
            for (i, to, step) in edges {
                let Some(l) = least.get_mut(i as usize) else { continue };
                // A state reached that nothing stands for (never, as the record is given up where
                // the search stops short): its state then has its own bound alone.
                match rep.get(to as usize).and_then(|&r| after.get(r as usize)) {
                    Some(&rest) => *l = l.map(|l| l.min(i128::from(step).saturating_add(rest))),
                    None => *l = None,
                }
            }
            after = bound.iter().zip(least).map(|(b, l)| l.map_or(*b, |l| l.max(*b))).collect();
            months.push(Reached::default());
        }
        // The start state: the one state held before the first month.
        let start = after.first().copied();
        months.reverse();
        ToGo { months, start }
    }
}

/// The states held before a month that the search reached, with their bounds.
#[derive(Default)]
struct Reached {
    /// Each state reached, with the bound of the kept state standing for it.
    states: Map<Packs, i128>,
    /// The kept states' profiles with their bounds, the highest bound first: a state that one of
    /// them dominates costs no less from there under the envelope.
    front: Vec<(Vec<u64>, i128)>,
}

/// The envelope's cost to go, for each month, from the states the search reached before it.
pub(super) struct ToGo {
    /// `months[m]`: the states held before month `m` (0-based) that the search reached, from
    /// month 1 on.
    months: Vec<Reached>,
    /// The start's bound (the state held before month 0).
    start: Option<i128>,
}

impl ToGo {
    /// The bound on the cost from month `m` (0-based) of the state `packs` held before it, where
    /// the search reached it (before month 0, the search's start, whatever `packs`).
    pub fn get(&self, m: usize, packs: &[(u32, u64)]) -> Option<i128> {
        if m == 0 {
            return self.start;
        }
        self.months.get(m)?.states.get(packs).copied()
    }

    /// The bound on the cost from month `m` (0-based) of a state held before it with `profile`,
    /// from the kept states that dominate it (the highest of their bounds); `tests` counts the
    /// kept states it compared, so that the caller's work bounds its time.
    pub fn dominated(&self, m: usize, profile: &[u64], tests: &mut u64) -> Option<i128> {
        let front = &self.months.get(m)?.front;
        front
            .iter()
            .find(|(p, _)| {
                *tests += 1;
                p.iter().zip(profile).all(|(a, b)| a >= b)
            })
            .map(|f| f.1)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{depth_first, past_validity, seeded};
    use super::super::{Weighted, context, evaluate_cases, layered, no_packs, pareto};
    use crate::engine::optimize::problem::{Cost, PackPlan};

    /// Small random ranges past a validity of 2 to 4 months, with reached tiers (cliffs), against
    /// the depth-first search alone, run to the end, under three weightings: from every state an optimal plan holds after
    /// each month (its packs as one lot a case), the cost to go that the search under the envelope
    /// recorded, where it reached the state or one that dominates it, never exceeds what that
    /// plan still costs; and the search under the rules pruned by it finds the optimum, from no
    /// plan and from a plan dearer than it by the least amount of money (so no bound it meets on
    /// the way is above the optimum), and nothing cheaper from the optimal plan itself. On some of the ranges the envelope's optimum is
    /// below the optimum (a cliff), which the cost to go then settles.
    #[test]
    fn the_cost_to_go_never_exceeds_what_an_optimal_plan_still_costs() {
        let mut next = seeded(0x2545_F491_4F6C_DD1D);
        let (mut looked_up, mut dominated, mut below) = (0, 0, 0);
        for round in 0..200 {
            let (_, months, list, likely, problems) = past_validity(&mut next, round, "reached");
            // The benchmark's three weightings in turn.
            let weights = [[25, 50, 25], [10, 30, 60], [40, 55, 5]][round % 3];
            let cases: Vec<Weighted> =
                problems.iter().zip(weights).map(|(problem, weight)| Weighted { problem, weight }).collect();
            let none = no_packs(&cases);
            let optimal = depth_first(&cases, none.clone(), u64::MAX).expect("the depth-first search finishes");
            let optimum = optimal.cost;
            let (ctx, start, _) = context(&cases, none.clone(), u64::MAX, &[]);
            let found = pareto::search(&ctx, start.clone(), u64::MAX, usize::MAX, u128::MAX, (false, true)).unwrap();
            below += usize::from(found.lower_bound < optimum);
            let to_go = found.to_go.expect("it searched every state, so the record is whole");
            assert!(to_go.get(0, &start.0).unwrap() <= optimum.money, "round {round}: {list} {likely:?}");
            // Along the optimal plan, month by month.
            let (mut packs, mut cost) = (start.clone(), Cost::ZERO);
            for m in 0..months {
                let bought: Vec<_> = optimal.buys.iter().filter(|b| b.0 as usize == m + 1).collect();
                let calls = bought.iter().map(|b| problems[0].sizes[b.1].calls * b.2).sum();
                let price = bought.iter().map(|b| problems[0].sizes[b.1].price * b.2 as i128).sum();
                let (after, month) = packs.after(&cases, m, calls, price, 0);
                cost = cost.plus(month);
                let mut lots = after.0.clone();
                pareto::condense(&ctx, &mut lots, &mut Vec::new(), m);
                let left = optimum.money - cost.money;
                if let Some(v) = to_go.get(m + 1, &lots) {
                    looked_up += 1;
                    assert!(v <= left, "round {round}, month {m}: {v} > {left}: {list} {likely:?}");
                }
                let profile = pareto::profile(&ctx, &super::Packs(lots), m);
                if let Some(v) = to_go.dominated(m + 1, &profile, &mut 0) {
                    dominated += 1;
                    assert!(v <= left, "round {round}, month {m}: dominated {v} > {left}: {list} {likely:?}");
                }
                packs = after;
            }
            assert_eq!(cost, optimum, "round {round}: the plan walked costs what it costs");
            // The search under the rules, pruned by the cost to go, finds the optimum.
            let better = layered(&ctx, start.clone(), u64::MAX, Some(&to_go), &mut || ()).expect("it finishes");
            let plan = better.unwrap_or(ctx.best.clone());
            assert_eq!(plan.cost, optimum, "round {round}: {list} {likely:?}");
            assert_eq!(plan.cost, evaluate_cases(&cases, &plan.buys, &plan.taken), "round {round}");
            // From the optimal plan it finds nothing cheaper; from a plan dearer by the least
            // amount of money, it finds the optimum (so no bound on its way was above it).
            let dearer = PackPlan::packs(Vec::new(), Cost::money(optimum.money + 1));
            for (from, cheaper) in [(optimal.clone(), None), (dearer, Some(optimum))] {
                let (ctx, start, _) = context(&cases, from, u64::MAX, &[]);
                let found = pareto::search(&ctx, start.clone(), u64::MAX, usize::MAX, u128::MAX, (false, true));
                let to_go = found.unwrap().to_go.expect("the record is whole");
                let better = layered(&ctx, start, u64::MAX, Some(&to_go), &mut || ()).expect("it finishes");
                assert_eq!(better.map(|p| p.cost), cheaper, "round {round}: {list} {likely:?}");
            }
        }
        // The states an optimal plan holds are mostly reached, and the cliffs put the envelope's
        // optimum below the optimum in some ranges.
        assert!(looked_up > 300 && dominated > looked_up, "{looked_up} looked up, {dominated} dominated");
        assert!(below > 10, "the envelope's optimum below the optimum in {below} of 200");
    }

    /// A transition is held in 64 bits: one whose month costs more is refused (the search then
    /// gives the record up), and one that fits takes [`EDGE_BYTES`].
    #[test]
    fn a_transition_past_64_bits_is_refused() {
        let mut r = super::Recorder::default();
        r.open(vec![0, 0]);
        let before = r.bytes();
        assert!(r.edge(1, 0, i128::from(i64::MAX)));
        assert_eq!(r.bytes(), before + super::EDGE_BYTES);
        assert!(!r.edge(0, 0, i128::from(i64::MAX) + 1));
        assert_eq!(r.bytes(), before + super::EDGE_BYTES);
        assert_eq!(r.months[0].edges, vec![(1, 0, i64::MAX)]);
    }
}
