//! Share links: the whole estimate in the URL fragment as `#e=` followed by the estimate's JSON
//! (the `quote` CLI's input), base64url-encoded without padding. Opening the link restores the
//! estimate exactly; a truncated or tampered link gives a clear reason and nothing else.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::engine::catalog::Catalog;
use crate::engine::{Estimate, EstimateError, Lang, quote};

/// The fragment key.
pub const PREFIX: &str = "e=";
/// Longest fragment accepted (an estimate of 200 lines of 120 months fits well within it).
pub const MAX_FRAGMENT: usize = 256 * 1024;
/// Longest link the page offers to copy: links past this break in chat apps and mail clients,
/// so a larger estimate (a big custom price list) is exported as JSON instead.
pub const MAX_LINK: usize = 32 * 1024;

/// What the page says of a link of `kb` KB, past [`MAX_LINK`] (the estimate's, a comparison's
/// or a vendors comparison's).
pub fn too_long_text(kb: usize, lang: Lang) -> String {
    let t = crate::app::text::texts(lang);
    crate::app::text::fill(t.share_too_long, &[("n", &kb.to_string()), ("max", &(MAX_LINK / 1024).to_string())])
}

/// Why a share link could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    TooLong,
    /// Not base64url (cut short or edited by hand).
    Garbled,
    /// Decodes, but not to UTF-8 JSON text.
    NotText,
    /// Decodes to JSON that is not a valid estimate for this price list.
    Invalid(EstimateError),
}

impl ShareError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ShareError::TooLong, Lang::Zh) => "分享链接太长，无法打开。".into(),
            (ShareError::TooLong, Lang::En) => "The share link is too long to open.".into(),
            (ShareError::Garbled, Lang::Zh) => "分享链接不完整或已损坏（可能复制时被截断）。".into(),
            (ShareError::Garbled, Lang::En) => {
                "The share link is incomplete or damaged (perhaps cut off when copied).".into()
            }
            (ShareError::NotText, Lang::Zh) => "分享链接已损坏：其中的内容无法读取。".into(),
            (ShareError::NotText, Lang::En) => "The share link is damaged: what it carries cannot be read.".into(),
            // Said of what the link carries, which may be a comparison or scenarios as well as the
            // estimate (the field named says where).
            (ShareError::Invalid(e), Lang::Zh) => format!("分享链接中的内容无效：{}", super::format::problem(e, lang)),
            (ShareError::Invalid(e), Lang::En) => {
                format!("What the share link carries is invalid: {}", super::format::problem(e, lang))
            }
        }
    }
}

/// The fragment for an estimate, without the `#`: `e=eyJsaW5lcyI6…`.
pub fn encode(estimate: &Estimate) -> String {
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(estimate.to_json()))
}

/// What a share link carries besides the estimate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Carried {
    /// The vendors comparison (`o=`).
    pub vendors: bool,
    /// Saved scenarios (`c=`), how many.
    pub scenarios: usize,
    /// Something the visitor has was left out: the link would have been past [`MAX_LINK`].
    pub left_out: bool,
}

impl Carried {
    /// What the page says under a copied link, where it carries more than the estimate or left
    /// something out.
    pub fn said(&self, lang: Lang) -> Option<String> {
        let mut parts: Vec<String> = Vec::new();
        if self.vendors {
            parts.push(lang.pick("厂商比较", "the vendors comparison").to_string());
        }
        if self.scenarios > 0 {
            parts.push(match lang {
                // After 了 or 和: a space before the figure.
                Lang::Zh => format!(" {} 个已存方案", self.scenarios),
                Lang::En if self.scenarios == 1 => "1 saved scenario".to_string(),
                Lang::En => format!("{} saved scenarios", self.scenarios),
            });
        }
        let also = (!parts.is_empty()).then(|| match lang {
            Lang::Zh => format!("链接同时带上了{}，打开即可看到。", parts.join("和")),
            Lang::En => format!("The link also carries {}: they open with it.", parts.join(" and ")),
        });
        let left = self.left_out.then(|| {
            lang.pick(
                "比较或方案太多，放不进一个链接，已只带上估算：请用各自面板的链接分享它们。",
                "The comparison or scenarios would make the link too long, so it carries the estimate alone: share them with their panels' links.",
            )
            .to_string()
        });
        match (also, left) {
            (None, None) => None,
            (a, l) => Some([a, l].into_iter().flatten().collect::<Vec<_>>().join(" ")),
        }
    }
}

/// The page's link to everything the visitor has: the estimate, then (where the link stays within
/// [`MAX_LINK`]) the vendors comparison's fragment (`o=…`) and the saved scenarios' (`c=…`, how
/// many), joined by `&`, as one visit opens them all. The scenarios are left out first, then the
/// comparison. `page` is the page's address without a fragment.
pub fn link_to_all(
    page: &str,
    estimate: &Estimate,
    vendors: Option<String>,
    scenarios: Option<(String, usize)>,
) -> (String, Carried) {
    let base = format!("{page}#{}", encode(estimate));
    // The parts besides the estimate are listed right after it (`p=oc`; after it, so that a link
    // cut at its first `&` still holds the estimate), so that a link cut before one of them says
    // what did not arrive ([`cut`]).
    let with = |parts: &[&str]| {
        let listed: String = parts.iter().filter_map(|p| p.chars().next()).collect();
        let url = format!("{base}&{PARTS}{listed}");
        parts.iter().fold(url, |url, p| format!("{url}&{p}"))
    };
    let v = vendors.as_deref();
    let c = scenarios.as_ref().map(|(f, n)| (f.as_str(), *n));
    for (v, c) in [(v, c), (v, None)] {
        let parts = v.into_iter().chain(c.map(|(f, _)| f)).collect::<Vec<_>>();
        let url = if parts.is_empty() { base.clone() } else { with(&parts) };
        if url.len() <= MAX_LINK {
            let carried = Carried {
                vendors: v.is_some(),
                scenarios: c.map_or(0, |(_, n)| n),
                left_out: scenarios.is_some() && c.is_none(),
            };
            return (url, carried);
        }
    }
    let left_out = vendors.is_some() || scenarios.is_some();
    (base, Carried { left_out, ..Carried::default() })
}

/// The key of the list of parts a link carries besides the estimate, written right after it:
/// `e=…&p=oc&o=…&c=…` (`o=` the vendors comparison, `c=` the saved scenarios). Links made before
/// it have none, and say nothing of a part cut off.
pub const PARTS: &str = "p=";

/// Parts a link lists ([`PARTS`]) that are not in it: it was cut short after the estimate; and
/// a comparison it holds that cannot be read (cut inside it, or damaged), which the comparison's
/// panel, far down the page, says in full.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cut {
    pub vendors: bool,
    pub scenarios: bool,
}

impl Cut {
    /// Whether anything listed is missing.
    pub fn any(self) -> bool {
        self.vendors || self.scenarios
    }

    /// What the page says of it.
    pub fn message(self, lang: Lang) -> String {
        let mut parts = Vec::new();
        if self.vendors {
            parts.push(lang.pick("厂商比较", "the vendors comparison"));
        }
        if self.scenarios {
            parts.push(lang.pick("已存方案", "the saved scenarios"));
        }
        match lang {
            Lang::Zh => format!(
                "链接被截短或已损坏：它带的{}没有完整到达，估算已载入。请对方重新发送完整链接。",
                parts.join("和")
            ),
            Lang::En => format!(
                "The link was cut short or damaged: {} it carried did not arrive whole (the estimate did). Ask for \
                 the whole link again.",
                parts.join(" and ")
            ),
        }
    }
}

/// What a fragment's list of parts names and it does not hold, and a comparison it holds that
/// does not read. (Scenarios that do not read are said by their own notice.)
pub fn cut(fragment: &str) -> Cut {
    let listed = payload(fragment, PARTS).unwrap_or_default();
    let missing = |key: &str| listed.contains(&key[..1]) && payload(fragment, key).is_none();
    // Cut inside, or damaged on the way (not a comparison that reads and is refused: asking for
    // the link again would not help, and the panel says why).
    let broken = matches!(crate::app::vendors::document(fragment), Err(ShareError::Garbled | ShareError::NotText));
    let vendors = missing(crate::app::vendors::PREFIX) || broken;
    Cut { vendors, scenarios: missing(crate::app::compare::PREFIX) }
}

/// A fragment as it was made, where a mail or chat app percent-encoded it (`e%3D…%26o%3D…`):
/// the links this page makes hold no `%`, so every valid `%XX` is decoded; anything else is
/// left as it is (and then read, or said to be damaged, as written).
pub fn unescape(fragment: &str) -> String {
    if !fragment.contains('%') {
        return fragment.to_string();
    }
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).and_then(|&b| hex(b)), bytes.get(i + 2).and_then(|&b| hex(b))) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, ..) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| fragment.to_string())
}

/// Whether a fragment (with or without the `#`) holds a share link at all, valid or not.
pub fn holds_estimate(fragment: &str) -> bool {
    payload(fragment, PREFIX).is_some()
}

/// The part of a fragment (with or without the `#`) after `key` (`e=`, `c=`), if it has one.
pub fn payload<'a>(fragment: &'a str, key: &str) -> Option<&'a str> {
    fragment.strip_prefix('#').unwrap_or(fragment).split('&').find_map(|part| part.strip_prefix(key))
}

/// The text a link's payload encodes: base64url, tolerating padding and the standard alphabet
/// some tools rewrite links into.
pub fn payload_text(payload: &str) -> Result<String, ShareError> {
    if payload.len() > MAX_FRAGMENT {
        return Err(ShareError::TooLong);
    }
    let cleaned: String = payload
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    let bytes = URL_SAFE_NO_PAD.decode(cleaned.as_bytes()).map_err(|_| ShareError::Garbled)?;
    String::from_utf8(bytes).map_err(|_| ShareError::NotText)
}

/// Reads a fragment (with or without the `#`). `Ok(None)` if it holds no estimate at all.
/// The estimate is checked against `catalog`, so a link never loads something that cannot be
/// priced.
pub fn decode(fragment: &str, catalog: &Catalog) -> Result<Option<Estimate>, ShareError> {
    let Some(payload) = payload(fragment, PREFIX) else { return Ok(None) };
    let text = payload_text(payload)?;
    let estimate = Estimate::from_json(&text).map_err(|e| match e {
        EstimateError::Syntax { .. } => ShareError::Garbled,
        other => ShareError::Invalid(other),
    })?;
    quote(catalog, &estimate, Lang::En).map_err(ShareError::Invalid)?;
    Ok(Some(estimate))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::catalog::builtin;
    use crate::engine::{Line, PackPurchase};

    #[test]
    fn one_link_carries_the_estimate_the_comparison_and_the_scenarios_as_far_as_they_fit() {
        let e = Estimate::new(vec![Line::new("活体人脸核身", vec![15_000]).with_packs(10_000, 1)]);
        let page = "https://example.org/packwise/";
        let (url, carried) = link_to_all(page, &e, Some("o=AAAA".into()), Some(("c=BBBB".into(), 2)));
        assert_eq!(url, format!("{page}#{}&p=oc&o=AAAA&c=BBBB", encode(&e)));
        assert_eq!(carried, Carried { vendors: true, scenarios: 2, left_out: false });
        // Each part is read back from the one fragment, as a visit reads them.
        let fragment = url.split_once('#').unwrap().1;
        assert_eq!(decode(fragment, builtin()), Ok(Some(e.clone())));
        assert_eq!((payload(fragment, "o="), payload(fragment, "c=")), (Some("AAAA"), Some("BBBB")));
        assert_eq!(carried.said(Lang::Zh).as_deref(), Some("链接同时带上了厂商比较和 2 个已存方案，打开即可看到。"));
        // Nothing else: the estimate alone, nothing said.
        let (url, carried) = link_to_all(page, &e, None, None);
        assert_eq!((url, carried.said(Lang::En)), (format!("{page}#{}", encode(&e)), None));
        // Scenarios too long for a link are left out first, then the comparison, and it is said.
        let long = format!("c={}", "A".repeat(MAX_LINK));
        let (url, carried) = link_to_all(page, &e, Some("o=AAAA".into()), Some((long.clone(), 40)));
        assert_eq!(url, format!("{page}#{}&p=o&o=AAAA", encode(&e)));
        assert_eq!(carried, Carried { vendors: true, scenarios: 0, left_out: true });
        let (url, carried) = link_to_all(page, &e, Some(format!("o={}", "A".repeat(MAX_LINK))), Some((long, 40)));
        assert_eq!(url, format!("{page}#{}", encode(&e)));
        assert_eq!(carried, Carried { vendors: false, scenarios: 0, left_out: true });
        assert!(carried.said(Lang::En).unwrap().contains("carries the estimate alone"));
    }

    #[test]
    fn a_link_cut_after_its_estimate_says_what_did_not_arrive() {
        let e = Estimate::new(vec![Line::new("活体人脸核身", vec![15_000])]);
        let vendors = crate::app::vendors::VendorsDraft::for_estimate(&e, Lang::En).encode();
        let (url, _) = link_to_all("p/", &e, Some(vendors.clone()), Some(("c=BBBB".into(), 2)));
        let fragment = url.split_once('#').unwrap().1;
        assert_eq!(cut(fragment), Cut::default());
        let at = |part: &str| &fragment[..fragment.find(part).unwrap()];
        assert_eq!(cut(at("&c=")), Cut { vendors: false, scenarios: true });
        assert_eq!(cut(at("&o=")), Cut { vendors: true, scenarios: true });
        assert_eq!(decode(at("&o="), builtin()), Ok(Some(e.clone())), "the estimate still opens");
        assert_eq!(
            cut(at("&c=")).message(Lang::En),
            "The link was cut short or damaged: the saved scenarios it carried did not arrive whole (the estimate \
             did). Ask for the whole link again."
        );
        assert_eq!(
            cut(at("&o=")).message(Lang::Zh),
            "链接被截短或已损坏：它带的厂商比较和已存方案没有完整到达，估算已载入。请对方重新发送完整链接。"
        );
        // Cut inside the comparison: it is there, but does not read.
        let inside = &fragment[..fragment.find("&c=").unwrap() - 40];
        assert_eq!(cut(inside), Cut { vendors: true, scenarios: true });
        // Cut at its first `&`: the estimate alone, nothing listed, nothing to say (it opens).
        assert_eq!(cut(at("&p=")), Cut::default());
        // A link made before the list: nothing to say, unless its comparison does not read.
        assert_eq!(cut("e=AAAA"), Cut::default());
        assert_eq!(cut(&format!("{}&{vendors}", encode(&e))), Cut::default());
        assert_eq!(cut(&format!("{}&o=abc", encode(&e))), Cut { vendors: true, scenarios: false });
    }

    #[test]
    fn a_percent_encoded_link_reads_as_it_was_made() {
        let e = Estimate::new(vec![Line::new("活体人脸核身", vec![15_000])]);
        let (url, _) = link_to_all("p/", &e, Some("o=AAAA".into()), None);
        let fragment = url.split_once('#').unwrap().1;
        // As encodeURIComponent writes it, and as a chat app writes only its `&`s.
        let all: String = fragment.replace('=', "%3D").replace('&', "%26");
        assert_eq!(unescape(&format!("#{all}")), format!("#{fragment}"));
        assert_eq!(unescape(&fragment.replace('&', "%26")), fragment);
        assert_eq!(decode(&unescape(&all), builtin()), Ok(Some(e)));
        // Not an escape: left as written (and then said to be damaged).
        assert_eq!(unescape("#e=%%%"), "#e=%%%");
        assert_eq!(unescape("#e=%ff"), "#e=%ff", "not UTF-8 once decoded");
    }

    fn example() -> Estimate {
        let mut l = Line::new("活体人脸核身", vec![15_000, 20_000]).with_packs(10_000, 1);
        l.packs.push(PackPurchase { size: 1000, count: 2, month: 2 });
        l.free_calls = 100;
        Estimate::new(vec![l, Line::new("eid", vec![5])])
    }

    #[test]
    fn a_link_restores_the_estimate_exactly() {
        let e = example();
        let frag = encode(&e);
        assert!(frag.starts_with("e=") && !frag.contains('='.to_string().repeat(2).as_str()));
        assert!(!frag[2..].contains(['+', '/', '=']), "base64url without padding: {frag}");
        assert_eq!(decode(&format!("#{frag}"), builtin()), Ok(Some(e.clone())));
        assert_eq!(decode(&frag, builtin()), Ok(Some(e)));
    }

    #[test]
    fn the_payload_is_the_cli_json() {
        let e = Estimate::new(vec![Line::new("活体人脸核身", vec![15_000]).with_packs(10_000, 1)]);
        let frag = encode(&e);
        let json = String::from_utf8(URL_SAFE_NO_PAD.decode(&frag[2..]).unwrap()).unwrap();
        assert_eq!(
            json,
            r#"{"lines":[{"service":"活体人脸核身","calls":[15000],"packs":[{"size":10000,"count":1,"month":1}],"postpaid":true}]}"#
        );
    }

    #[test]
    fn a_format_2_sheet_and_its_commitments_travel_in_the_link() {
        let e = Estimate::from_json(
            r#"{"price_list":{"mode":"replace","list":{"format":2,"currency":"USD","services":[{"id":"s","name":"S",
                "postpaid":{"unit":1000,"partial_unit":"round_up","tiers":[{"price":"1.20","flat_fee":"3"}]},
                "free_quota":{"calls":1000,"months":2},"minimum":{"monthly":"100"},
                "commitments":[{"id":"m1","name":"1M","monthly_fee":"800","calls":1000000}]}]}},
                "lines":[{"service":"s","calls":[1200000,5000],"commitments":[{"id":"m1","month":1,"months":1}]}]}"#,
        )
        .unwrap();
        let back = decode(&encode(&e), builtin()).unwrap().unwrap();
        assert_eq!(back, e);
        let q = crate::engine::quote(builtin(), &back, Lang::En).unwrap();
        // Month 1: 800 + (1,199,000 − 1,000,000) rounded up to 199 × 1.20 + 3 = 1,041.80; month 2:
        // 4,000 → 4 × 1.20 + 3 = 7.80, raised to 100.
        assert_eq!(q.total.unwrap().to_string(), "1141.80");
    }

    #[test]
    fn broken_links_say_why() {
        let frag = encode(&example());
        assert_eq!(decode("", builtin()), Ok(None));
        assert_eq!(decode("#section-2", builtin()), Ok(None));
        assert_eq!(decode(&frag[..frag.len() / 2], builtin()), Err(ShareError::Garbled));
        assert_eq!(decode("#e=%%%%", builtin()), Err(ShareError::Garbled));
        assert_eq!(decode("#e=", builtin()), Err(ShareError::Garbled));
        assert_eq!(
            decode(&format!("e={}", URL_SAFE_NO_PAD.encode([0xff, 0xfe, 0x00])), builtin()),
            Err(ShareError::NotText)
        );
        let tampered =
            format!("e={}", URL_SAFE_NO_PAD.encode(r#"{"lines":[{"service":"活体人脸核身","calls":[-1]}]}"#));
        let Err(ShareError::Invalid(e)) = decode(&tampered, builtin()) else { panic!() };
        assert_eq!(e.path(), "lines[0].calls[0]");
        let unknown = format!("e={}", URL_SAFE_NO_PAD.encode(r#"{"lines":[{"service":"nope","calls":[1]}]}"#));
        assert!(matches!(decode(&unknown, builtin()), Err(ShareError::Invalid(EstimateError::UnknownService { .. }))));
        assert_eq!(decode(&format!("e={}", "A".repeat(MAX_FRAGMENT + 1)), builtin()), Err(ShareError::TooLong));
        assert!(ShareError::Garbled.message(Lang::Zh).contains("损坏"));
    }
}
