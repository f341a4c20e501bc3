//! Example price sheets shipped with the project (`data/examples/`): other vendors' public per-call
//! sheets of the same field, to start a comparison from. Each carries its source addresses, the
//! date it was read and a note that it is an example, not a quote (vendors change prices); every
//! number names the line of its source it comes from. They are read, like any list, by the
//! price-list parser, and checked by `tests/offers.rs`.

use std::sync::OnceLock;

use super::catalog::{Catalog, parse_price_list};

/// One example sheet: a short key, and its JSON as shipped.
pub struct Example {
    pub key: &'static str,
    pub json: &'static str,
}

/// Every example sheet, in the order the page offers them.
pub const EXAMPLES: &[Example] = &[
    Example { key: "tencentcloud-intl-ocr", json: include_str!("../../data/examples/tencentcloud-intl-ocr.json") },
    Example { key: "google-cloud-vision", json: include_str!("../../data/examples/google-cloud-vision.json") },
    Example { key: "baidu-ai-cloud-ocr", json: include_str!("../../data/examples/baidu-ai-cloud-ocr.json") },
    Example { key: "alibaba-cloud-cn", json: include_str!("../../data/examples/alibaba-cloud-cn.json") },
    Example { key: "alibaba-cloud-intl-ekyc", json: include_str!("../../data/examples/alibaba-cloud-intl-ekyc.json") },
];

impl Example {
    /// The sheet as a price list, parsed once. The tests check every sheet parses, so `None` is a
    /// build defect, never a visitor's.
    pub fn catalog(&self) -> Option<&'static Catalog> {
        static PARSED: OnceLock<Vec<Option<Catalog>>> = OnceLock::new();
        let all = PARSED.get_or_init(|| EXAMPLES.iter().map(|e| parse_price_list(e.json).ok()).collect());
        let i = EXAMPLES.iter().position(|e| e.key == self.key)?;
        all.get(i)?.as_ref()
    }
}

/// The example sheet with this key.
pub fn example(key: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.key == key)
}
