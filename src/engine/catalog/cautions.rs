//! What a valid price list may not mean as written: rules the loader accepts, as the format
//! defines them, but that a person typing a vendor's sheet easily gets wrong. The page says them
//! after a list is loaded; nothing is refused or changed.

use super::{Catalog, Postpaid, TierMode};

/// One thing to check in a loaded list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Caution {
    /// A graduated table priced per `unit` calls whose tier `tier` (from 1) ends before `up_to`
    /// calls, a whole number of units: the unit that ends at `up_to` is split across two tiers
    /// (its last call priced by the next one). Where the vendor means "up to and including",
    /// the tier needs `up_to_included`.
    SplitUnit { service: String, commitment: Option<String>, tier: usize, up_to: u64, unit: u64 },
    /// A graduated table priced per call whose tier `tier` (from 1) ends before a round `up_to`
    /// (a multiple of 10): it holds the calls below it, and call `up_to` is priced by the next
    /// tier. A sheet's "the first 10,000 calls" is written with `up_to_included`.
    BoundExcluded { service: String, commitment: Option<String>, tier: usize, up_to: u64 },
}

/// The cautions of `catalog`'s services (their postpaid tables and their commitments' overage
/// tables), in the list's order.
pub fn cautions(catalog: &Catalog) -> Vec<Caution> {
    let mut out = Vec::new();
    for s in &catalog.services {
        let tables = std::iter::once((None, &s.postpaid))
            .chain(s.commitments.iter().filter_map(|c| c.overage.as_ref().map(|o| (Some(c.id.clone()), o))));
        for (commitment, postpaid) in tables {
            let Postpaid::Tiers(t) = postpaid else { continue };
            if t.mode != TierMode::Graduated {
                continue;
            }
            for (i, tier) in t.tiers.iter().enumerate() {
                let (service, commitment, tier_no) = (s.id.clone(), commitment.clone(), i + 1);
                match tier.up_to.filter(|u| !tier.includes_up_to && *u > 0) {
                    Some(up_to) if t.unit > 1 && up_to % t.unit == 0 => {
                        out.push(Caution::SplitUnit { service, commitment, tier: tier_no, up_to, unit: t.unit });
                    }
                    Some(up_to) if t.unit <= 1 && up_to % 10 == 0 => {
                        out.push(Caution::BoundExcluded { service, commitment, tier: tier_no, up_to });
                    }
                    _ => {}
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(tiers: &str, extra: &str) -> Catalog {
        let json = format!(
            r#"{{"format":2,"currency":"CNY","services":[{{"id":"b","name":"B OCR","group":"custom","postpaid":{{"mode":"graduated","unit":1000{extra},"tiers":{tiers}}}}}]}}"#
        );
        super::super::parse_price_list(&json).unwrap()
    }

    #[test]
    fn a_graduated_tier_that_splits_a_unit_is_pointed_out() {
        let split = list(r#"[{"up_to":10000,"price":"800"},{"price":"700"}]"#, r#","partial_unit":"round_up""#);
        assert_eq!(
            cautions(&split),
            [Caution::SplitUnit { service: "b".into(), commitment: None, tier: 1, up_to: 10_000, unit: 1_000 }]
        );
        let included = list(
            r#"[{"up_to":10000,"up_to_included":true,"price":"800"},{"price":"700"}]"#,
            r#","partial_unit":"round_up""#,
        );
        assert!(cautions(&included).is_empty());
        let off_unit = list(r#"[{"up_to":10500,"price":"800"},{"price":"700"}]"#, "");
        assert!(cautions(&off_unit).is_empty(), "a bound inside a unit is the vendor's own choice");
        assert!(cautions(super::super::builtin()).is_empty(), "the built-in list's tables are reached, not graduated");
    }

    /// Per call, "the first 10,000 calls at 0.9" written `up_to: 10000` holds 9,999 of them.
    #[test]
    fn a_graduated_per_call_tier_ending_before_a_round_bound_is_pointed_out() {
        let per_call = |tiers: &str| {
            let json = format!(
                r#"{{"format":2,"currency":"CNY","services":[{{"id":"b","name":"B","group":"custom","postpaid":{{"mode":"graduated","tiers":{tiers}}}}}]}}"#
            );
            cautions(&super::super::parse_price_list(&json).unwrap())
        };
        assert_eq!(
            per_call(
                r#"[{"up_to":10000,"price":"0.9"},{"up_to":100000,"up_to_included":true,"price":"0.7"},{"price":"0.5"}]"#
            ),
            [Caution::BoundExcluded { service: "b".into(), commitment: None, tier: 1, up_to: 10_000 }]
        );
        assert!(
            per_call(r#"[{"up_to":10001,"price":"0.9"},{"price":"0.5"}]"#).is_empty(),
            "a bound not round is meant"
        );
    }
}
