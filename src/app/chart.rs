//! Chart geometry for the page's SVG charts, as plain data: scales, tick values and path strings.
//! Amounts stay exact decimals until they become pixel coordinates, which are `f64` because an
//! SVG coordinate is a float; nothing computed here flows back into a price.

use rust_decimal::Decimal;

/// A linear map from data values to pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub domain: (f64, f64),
    pub range: (f64, f64),
}

impl Scale {
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Scale {
        let domain = if domain.1 > domain.0 { domain } else { (domain.0, domain.0 + 1.0) };
        Scale { domain, range }
    }

    pub fn at(&self, v: f64) -> f64 {
        let t = (v - self.domain.0) / (self.domain.1 - self.domain.0);
        self.range.0 + t * (self.range.1 - self.range.0)
    }
}

/// A decimal as a pixel-space number (display only).
pub fn f(d: Decimal) -> f64 {
    d.mantissa() as f64 / 10f64.powi(d.scale() as i32)
}

/// A coordinate with one decimal, for SVG attributes (written without float formatting code,
/// which would add kilobytes to the WebAssembly).
pub fn num(v: f64) -> String {
    let t = (v * 10.0).round() as i64;
    let (sign, a) = if t < 0 { ("-", -t) } else { ("", t) };
    format!("{sign}{}.{}", a / 10, a % 10)
}

/// Round tick values from 0 to at least `max`: 1, 2 or 5 times a power of ten, about `n` of them.
pub fn ticks(max: f64, n: usize) -> Vec<f64> {
    if max <= 0.0 || !max.is_finite() {
        return vec![0.0, 1.0];
    }
    let raw = max / n.max(1) as f64;
    // The power of ten at or below `raw`.
    let mut pow = 1.0;
    while pow * 10.0 <= raw {
        pow *= 10.0;
    }
    while pow > raw && pow > 1e-9 {
        pow /= 10.0;
    }
    let step = [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * pow).find(|s| *s >= raw).unwrap_or(10.0 * pow);
    let mut out = vec![0.0];
    let mut v = 0.0;
    while v < max {
        v += step;
        out.push(v);
    }
    out
}

/// An SVG path through points; `None` breaks the line (a price that must come from sales).
pub fn path(points: &[(f64, Option<f64>)]) -> String {
    let mut d = String::new();
    let mut pen_down = false;
    for (x, y) in points {
        match y {
            Some(y) => {
                d.push_str(if pen_down { "L" } else { "M" });
                d.push_str(&num(*x));
                d.push(' ');
                d.push_str(&num(*y));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    d
}

/// A short axis label: `250k`, `1.2万`, `8,000`.
pub fn short(v: f64, lang: crate::engine::Lang) -> String {
    let a = v.abs();
    match lang {
        crate::engine::Lang::Zh if a >= 10_000.0 => trim(num(v / 10_000.0)) + "万",
        crate::engine::Lang::En if a >= 1_000_000.0 => trim(num(v / 1_000_000.0)) + "M",
        crate::engine::Lang::En if a >= 1_000.0 => trim(num(v / 1_000.0)) + "k",
        _ => trim(num(v)),
    }
}

/// An axis's tick labels, all in one unit: the unit [`short`] gives the largest (0, 0.5万, 1万,
/// 1.5万 rather than 0, 5000, 1万, 1.5万).
pub fn tick_labels(ticks: &[f64], lang: crate::engine::Lang) -> Vec<String> {
    let most = ticks.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let (unit, suffix) = match lang {
        crate::engine::Lang::Zh if most >= 10_000.0 => (10_000.0, "万"),
        crate::engine::Lang::En if most >= 1_000_000.0 => (1_000_000.0, "M"),
        crate::engine::Lang::En if most >= 1_000.0 => (1_000.0, "k"),
        _ => (1.0, ""),
    };
    ticks.iter().map(|v| if *v == 0.0 { "0".to_string() } else { trim(num(v / unit)) + suffix }).collect()
}

fn trim(s: String) -> String {
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Lang;

    #[test]
    fn an_axis_says_its_ticks_in_one_unit() {
        assert_eq!(tick_labels(&[0.0, 5_000.0, 10_000.0, 15_000.0], Lang::Zh), ["0", "0.5万", "1万", "1.5万"]);
        assert_eq!(tick_labels(&[0.0, 500.0, 1_000.0], Lang::En), ["0", "0.5k", "1k"]);
        assert_eq!(tick_labels(&[0.0, 2.0, 4.0], Lang::Zh), ["0", "2", "4"]);
    }

    #[test]
    fn scales_ticks_and_paths() {
        let s = Scale::new((0.0, 100.0), (10.0, 210.0));
        assert_eq!(s.at(50.0), 110.0);
        assert_eq!(ticks(250_000.0, 5), vec![0.0, 50_000.0, 100_000.0, 150_000.0, 200_000.0, 250_000.0]);
        assert_eq!(ticks(7.0, 4), vec![0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(
            path(&[(0.0, Some(1.0)), (1.0, Some(2.0)), (2.0, None), (3.0, Some(4.0))]),
            "M0.0 1.0L1.0 2.0M3.0 4.0"
        );
        assert_eq!(short(250_000.0, Lang::Zh), "25万");
        assert_eq!(short(12_000.0, Lang::En), "12k");
        assert_eq!(short(950.0, Lang::En), "950");
        assert_eq!((num(12.345), num(-0.06), num(7.0)), ("12.3".to_string(), "-0.1".to_string(), "7.0".to_string()));
        assert_eq!(f(rust_decimal_macros::dec!(8000.20)), 8000.2);
        assert_eq!(ticks(0.5, 5), vec![0.0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5]);
    }
}
