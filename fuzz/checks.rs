//! What every fuzz target checks, shared by the cargo-fuzz targets (`fuzz/fuzz_targets/`, nightly)
//! and the stable property tests (`tests/robustness.rs`): any bytes given to a parser come back
//! as a value or an error with a message — never a panic, never a hang — and whatever is accepted
//! keeps the books balanced.
//!
//! - [`estimate`]: estimate JSON → quote (with its own price list, in both languages);
//! - [`optimize`]: estimate JSON → cheapest plan, on inputs small enough to stay within the
//!   optimizer's step budgets quickly; the plan re-priced gives its total;
//! - [`price_list`]: price-list JSON → validation → combined with the built-in list;
//! - [`share_link`]: a URL fragment → estimate, scenarios, and the page opened from it and from
//!   storage holding the same text;
//! - [`volume`]: typed text → calls, prices, percentages;
//! - [`typed_sheet`]: a vendor's quote typed into the comparison's form → a sheet of its own that
//!   reads back into the form as it was put, and prices a line;
//! - [`comparison`]: a comparison of offers → each offer planned, converted, ranked; and the
//!   page's reading of a stored or shared comparison (`#o=` links).
#![allow(dead_code)]

use packwise::app::compare::Scenarios;
use packwise::app::input;
use packwise::app::page::{Page, Saved};
use packwise::app::share;
use packwise::engine::catalog::{self, builtin};
use packwise::engine::optimize::optimize_estimate;
use packwise::engine::{Estimate, Lang, quote, total_of};

fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// Estimate JSON → quote: an error names a path; a quote adds up.
pub fn estimate(data: &[u8]) {
    let Some(t) = text(data) else { return };
    let e = match Estimate::from_json(t) {
        Ok(e) => e,
        Err(err) => {
            let _ = (err.to_string(), err.path(), err.code(), err.message());
            return;
        }
    };
    for lang in [Lang::Zh, Lang::En] {
        match quote(builtin(), &e, lang) {
            Ok(q) => {
                assert_eq!(q.total, total_of(q.lines.iter().map(|l| l.total)).unwrap(), "total of the lines");
                for l in &q.lines {
                    for m in &l.months {
                        let drawn = m.free_quota_calls + m.free_calls + m.commitment_calls + m.pack_calls;
                        assert_eq!(m.calls, drawn + m.postpaid_calls + m.refused_calls, "every call drawn once");
                    }
                }
            }
            Err(err) => {
                let _ = err.to_string();
            }
        }
    }
    // What is accepted round-trips.
    assert_eq!(Estimate::from_json(&e.to_json()).ok().as_ref(), Some(&e), "JSON round trip");
}

/// Estimate JSON → optimizer, on small enough estimates: no panic, and the plan re-priced by the
/// quote gives the reported total.
pub fn optimize(data: &[u8]) {
    let Some(t) = text(data) else { return };
    let Ok(e) = Estimate::from_json(t) else { return };
    let small = e.lines.len() <= 2
        && e.lines.iter().all(|l| {
            l.calls.len() <= 14
                && [Some(&l.calls), l.calls_low.as_ref(), l.calls_high.as_ref()]
                    .into_iter()
                    .flatten()
                    .all(|c| c.iter().all(|v| *v <= 200_000))
        });
    if !small {
        return;
    }
    if let Ok((q, plan, _)) = optimize_estimate(builtin(), &e, Lang::En) {
        let again = quote(builtin(), &plan, Lang::En).expect("the optimized estimate prices");
        assert_eq!(again.total, q.total, "the plan re-priced gives its total");
    }
}

/// Price-list JSON → every problem at once, or a list that combines with the built-in one.
pub fn price_list(data: &[u8]) {
    let Some(t) = text(data) else { return };
    match catalog::parse_price_list(t) {
        Ok(c) => {
            let _ = catalog::merge::extend(builtin(), &c).map_err(|e| e.to_string());
        }
        Err(errors) => {
            assert!(!errors.0.is_empty(), "a refused list names at least one problem");
            let _ = errors.to_string();
        }
    }
}

/// A URL fragment (share link, comparison link, anything) → estimate and scenarios; the page
/// opens from it, and from storage holding the same text, with notices rather than failures.
pub fn share_link(data: &[u8]) {
    let Some(t) = text(data) else { return };
    if let Ok(Some(e)) = share::decode(t, builtin()) {
        assert_eq!(share::decode(&share::encode(&e), builtin()).ok().flatten().as_ref(), Some(&e));
    }
    if let Err(e) = Scenarios::decode(t) {
        let _ = e.message(Lang::En);
    }
    let saved = Saved { estimate: Some(t.to_string()), scenarios: Some(t.to_string()), ..Saved::default() };
    let page = Page::open(t, saved);
    let _ = page.estimate().to_json();
}

/// A comparison of offers → the comparison, on inputs small enough to plan quickly: each
/// offer's converted total is its total at its rate (with VAT added where the comparison is of
/// amounts paid and the offer's prices leave it out, taken out where it is of amounts before VAT
/// and they include it), rounded once; ranks follow the amounts; the
/// page reads the same text back as a draft whose document reads again.
pub fn comparison(data: &[u8]) {
    use packwise::app::vendors;
    use packwise::engine::offers::{Offers, compare};
    let Some(t) = text(data) else { return };
    if let Ok(d) = vendors::read(t) {
        let again = vendors::read(&d.to_json()).expect("a draft reads back");
        assert_eq!(again.to_json(), d.to_json(), "the draft round-trips");
    }
    let _ = vendors::decode(t);
    let Ok(o) = Offers::from_json(t, builtin()) else { return };
    let small = o.offers.iter().all(|x| {
        let l = &x.estimate.lines[0];
        l.calls.len() <= 6 && l.calls.iter().chain(l.calls_high.iter().flatten()).all(|v| *v <= 200_000)
    });
    if !small {
        return;
    }
    if let Ok(c) = compare(builtin(), &o, Lang::En) {
        for v in &c.vendors {
            if let (Some(total), Some(converted)) = (v.total, v.converted) {
                use packwise::engine::vat::VatBasis;
                let hundred = rust_decimal::Decimal::ONE_HUNDRED;
                let at_rate = total * v.rate;
                let expected = match (v.vat, c.vat_basis) {
                    (Some(vat), VatBasis::Paid) if !vat.included => at_rate * (hundred + vat.percent) / hundred,
                    (Some(vat), VatBasis::Net) if vat.included => at_rate * hundred / (hundred + vat.percent),
                    _ => at_rate,
                };
                assert_eq!(converted, packwise::engine::money::round_yuan(expected), "converted once");
            }
        }
        let mut ranked: Vec<_> = c
            .vendors
            .iter()
            .filter_map(|v| Some((v.rank?, if v.range.is_some() { v.converted_expected? } else { v.converted? })))
            .collect();
        ranked.sort();
        assert!(ranked.windows(2).all(|w| w[0].1 <= w[1].1), "ranks follow the amounts");
        for x in &c.crossovers {
            assert!(x.cheaper_cost < x.dearer_cost, "a crossover's cheaper offer is cheaper");
        }
    }
}

/// Typed text → every field parser.
pub fn volume(data: &[u8]) {
    let Some(t) = text(data) else { return };
    if let Ok(n) = input::parse_calls(t) {
        assert!(n <= packwise::engine::limits::MAX_CALLS_PER_MONTH);
    }
    let _ = input::parse_pack_count(t);
    let _ = input::parse_months(t);
    let _ = input::parse_free_calls(t);
    // Held calls' months: a count up to the validity, or a month within it on a dated line.
    let first = packwise::engine::usage::Month::new(2027, 1);
    for (validity, first) in [(12, None), (12, first), (1, first)] {
        if let Ok(Some(m)) = input::parse_free_months(t, validity, first) {
            assert!((1..=validity).contains(&m), "{t:?} read as {m} months of {validity}");
        }
    }
    let _ = input::parse_percent(t);
    if let Ok(d) = input::parse_discount(t) {
        assert!(d >= rust_decimal::Decimal::ZERO && d <= rust_decimal::Decimal::ONE_HUNDRED);
    }
    let _ = input::parse_price(t);
    let _ = input::parse_weight(t);
    for lang in [Lang::Zh, Lang::En] {
        if let Err(e) = input::parse_calls(t) {
            let _ = e.message(lang);
        }
    }
}

/// A vendor's quote typed into the comparison's form, its boxes the text's parts between `|`
/// (vendor, currency, service, then pairs of a tier's up to and price, then a pack's calls and
/// price): refused with each problem at a box of the form, or a sheet that reads back into the
/// form and, put again, is the same list, and prices a month of calls.
pub fn typed_sheet(data: &[u8]) {
    use packwise::app::custom::{PackDraft, ServiceDraft, TierDraft, sheet, typed_draft};
    let Some(t) = text(data) else { return };
    let parts: Vec<&str> = t.split('|').collect();
    let part = |k: usize| parts.get(k).copied().unwrap_or("");
    let rest = parts.get(3..).unwrap_or(&[]);
    let pairs: Vec<&[&str]> = rest.chunks(2).collect();
    let (tiers, pack) = match pairs.split_last() {
        Some((last, tiers)) if !tiers.is_empty() => (tiers, Some(*last)),
        _ => (&pairs[..], None),
    };
    let draft = ServiceDraft {
        name: part(2).to_string(),
        graduated: t.len() % 2 == 0,
        bounds_included: t.len() % 3 == 0,
        tiers: tiers
            .iter()
            .map(|p| TierDraft {
                up_to: p.first().copied().unwrap_or("").to_string(),
                price: p.get(1).copied().unwrap_or("").to_string(),
                ..TierDraft::default()
            })
            .collect(),
        packs: pack
            .map(|p| PackDraft {
                calls: p.first().copied().unwrap_or("").to_string(),
                price: p.get(1).copied().unwrap_or("").to_string(),
            })
            .into_iter()
            .collect(),
        ..ServiceDraft::default()
    };
    for lang in [Lang::Zh, Lang::En] {
        let list = match sheet(&draft, part(0), part(1), lang) {
            Ok(list) => list,
            Err(problems) => {
                assert!(!problems.is_empty());
                continue;
            }
        };
        let (again, vendor, currency) = typed_draft(&list, lang).expect("a typed sheet reads back");
        let relisted = sheet(&again, &vendor, &currency, lang).expect("read back, it is put again");
        assert_eq!(relisted.own(), list.own());
        let id = list.own().services[0].id.clone();
        let e = Estimate {
            lines: vec![packwise::engine::Line::new(id, vec![12_345])],
            price_list: Some(list),
            ..Estimate::default()
        };
        let _ = quote(builtin(), &e, lang);
    }
}

/// A usage file → its months (every month within the estimate's bounds, one count per month,
/// calendar months running on), a forecast from them, and the estimate made of both, which must
/// read back as it was written. Filters and a named column come from the file's own first line.
pub fn usage(data: &[u8]) {
    use packwise::engine::usage::{self, Options, forecast::forecast};
    let Some(t) = text(data) else { return };
    let options = Options::default();
    let h = match usage::read(t, &options) {
        Ok(h) => h,
        Err(e) => {
            let _ = (e.message(Lang::Zh), e.message(Lang::En), e.code());
            return;
        }
    };
    assert_eq!(h.months.len(), h.calls.len());
    assert!(!h.months.is_empty() && h.months.len() <= packwise::engine::limits::MAX_MONTHS);
    assert!(h.months.windows(2).all(|w| w[0].next() == Some(w[1])), "months run on");
    assert!(h.calls.iter().all(|&c| c <= packwise::engine::limits::MAX_CALLS_PER_MONTH));
    assert!(h.rows_used + h.rows_filtered + h.rows_without_count <= h.rows);
    let mut line = packwise::engine::Line::new("活体人脸核身", Vec::new());
    h.apply(&mut line);
    let e = packwise::engine::Estimate::new(vec![line.clone()]);
    assert_eq!(packwise::engine::Estimate::from_json(&e.to_json()).ok().as_ref(), Some(&e), "a history reads back");
    if let Ok(f) = forecast(&h.calls, 12, None) {
        assert!(f.calls_low.iter().zip(&f.calls).zip(&f.calls_high).all(|((l, c), h)| l <= c && c <= h));
        h.apply_forecast(&f, &mut line);
        let e = packwise::engine::Estimate::new(vec![line]);
        assert_eq!(
            packwise::engine::Estimate::from_json(&e.to_json()).ok().as_ref(),
            Some(&e),
            "a forecast reads back"
        );
    }
}
