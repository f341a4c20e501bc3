//! The page under abuse, in headless Chromium: corrupted or foreign storage, storage that is
//! full, a share link over 32 KB, 200 lines, 120 months, 10,000 characters pasted into a volume
//! field. Each gets a message, never a panic, and nothing saved before is lost. One test, run in
//! order, in a binary of its own: it changes the window's storage for a while, which would reach
//! tests running interleaved beside it. Run: `scripts/test` (or
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web_abuse`).
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use packwise::app::share;
use packwise::engine::{Estimate, Line};

wasm_bindgen_test_configure!(run_in_browser);

const ESTIMATE: &str = "packwise.estimate.v1";

struct Page {
    host: web_sys::Element,
    _mounted: leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
}

impl Page {
    /// Mounts the app with storage holding exactly `items` and the URL fragment `hash`.
    fn open(hash: &str, items: &[(&str, &str)]) -> Page {
        let s = window().local_storage().unwrap().unwrap();
        s.clear().unwrap();
        // And this tab's own copy of the estimate, which a page opens first.
        window().session_storage().unwrap().unwrap().clear().unwrap();
        for (k, v) in items {
            s.set_item(k, v).unwrap();
        }
        let _ = window().history().unwrap().replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("/{hash}")),
        );
        let host = document().create_element("section").unwrap();
        document().body().unwrap().append_child(&host).unwrap();
        let mounted = mount_to(host.clone().unchecked_into(), || packwise::ui::App().into_any());
        Page { host, _mounted: mounted }
    }

    fn find(&self, selector: &str) -> web_sys::Element {
        self.host.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector} in the page"))
    }

    fn total(&self) -> String {
        self.find("#grand-total").text_content().unwrap_or_default()
    }

    fn text(&self) -> String {
        self.host.text_content().unwrap_or_default()
    }

    fn type_into(&self, selector: &str, text: &str) {
        let el = self.find(selector);
        js_sys::Reflect::set(&el, &"value".into(), &text.into()).unwrap();
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        el.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        self.host.remove();
    }
}

async fn settle() {
    leptos::task::tick().await;
}

fn stored(key: &str) -> Option<String> {
    window().local_storage().unwrap().unwrap().get_item(key).unwrap()
}

/// Makes every `localStorage.setItem` throw `QuotaExceededError` until dropped.
struct FullStorage;

impl FullStorage {
    fn new() -> FullStorage {
        js_sys::Function::new_no_args(
            "Storage.prototype.__setItem = Storage.prototype.setItem; \
             Storage.prototype.setItem = function () { \
               throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };",
        )
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap();
        FullStorage
    }
}

impl Drop for FullStorage {
    fn drop(&mut self) {
        let _ = js_sys::Function::new_no_args("Storage.prototype.setItem = Storage.prototype.__setItem;")
            .call0(&wasm_bindgen::JsValue::NULL);
    }
}

#[wasm_bindgen_test]
async fn the_page_survives_abuse() {
    // 1. Foreign or corrupted storage: a notice, the default estimate, a working page.
    for (estimate, scenarios, lang) in [
        (r#"{"foo":1}"#, "[1,2]", "xx"),
        ("[1,2,3]", "{", "en"),
        ("\u{0}\u{ffff}garbage", r#"[{"name":"","estimate":{}}]"#, ""),
        (r#"{"lines":[{"service":"no such service","calls":[1]}]}"#, "null", "zh-CN"),
    ] {
        let page =
            Page::open("", &[(ESTIMATE, estimate), ("packwise.scenarios.v1", scenarios), ("packwise.lang", lang)]);
        settle().await;
        let total = page.total();
        assert!(total == "12,250.00 元" || total == "CNY 12,250.00", "{estimate}: {total}");
        assert!(page.find(".notice.error").text_content().is_some(), "{estimate}: a notice says so");
        page.type_into("#l1-calls", "3000");
        settle().await;
        assert!(page.total().contains("8,000.00"), "{estimate}: still quotes");
    }

    // 2. Storage full: said once; the estimate saved before is kept as it was.
    let before = Estimate::new(vec![Line::new("照片人脸核身", vec![3000])]).to_json();
    let page = Page::open("", &[(ESTIMATE, &before)]);
    settle().await;
    assert_eq!(page.total(), "2,550.00 元");
    let full = FullStorage::new();
    page.type_into("#l1-calls", "4000");
    settle().await;
    page.type_into("#l1-calls", "5000");
    settle().await;
    assert_eq!(page.total(), "4,250.00 元", "the page goes on");
    assert_eq!(page.text().matches("浏览器存储已满").count(), 1, "said once: {}", page.text());
    assert_eq!(stored(ESTIMATE).as_deref(), Some(before.as_str()), "nothing saved before is lost");
    drop(full);
    drop(page);

    // 3. A share link over 32 KB (the most the page offers to copy) still opens: 200 lines of
    // 24 months (照片人脸核身: no packs, so the planner has nothing heavy to do).
    let big = Estimate::new((0..200).map(|i| Line::new("照片人脸核身", vec![2000 + i; 24])).collect());
    let link = format!("#{}", share::encode(&big));
    assert!(link.len() > 32 * 1024, "{} bytes", link.len());
    let page = Page::open(&link, &[]);
    settle().await;
    assert_eq!(page.host.query_selector_all("article.line").unwrap().length(), 200);
    // Every month of every line is in the 1,000–1万 tier: 24 × Σ (2,000 + i) × 0.85.
    let cents: i64 = 24 * (0..200i64).map(|i| (2000 + i) * 85).sum::<i64>();
    assert_eq!(page.total(), format!("{} 元", packwise::engine::money::yuan(rust_decimal::Decimal::new(cents, 2))));
    // At the limit the add button says so instead of doing nothing.
    assert!(page.find("button.add").has_attribute("disabled"));
    assert!(page.text().contains("最多 200 项"), "the limit is stated");
    drop(page);

    // 4. 120 months, and 10,000 characters pasted into a volume field.
    let long = Estimate::new(vec![Line::new("活体人脸核身", vec![1000; 120])]).to_json();
    let page = Page::open("", &[(ESTIMATE, &long)]);
    settle().await;
    assert_eq!(page.total(), "120,000.00 元");
    page.type_into("#l1-calls", &"9".repeat(10_000));
    settle().await;
    assert!(!page.find("#l1-calls-error").text_content().unwrap_or_default().is_empty());
    assert_eq!(page.total(), "—");
    let kept = Estimate::from_json(&stored(ESTIMATE).unwrap()).unwrap();
    assert_eq!(kept.lines[0].calls, vec![1000; 120], "the estimate keeps its last valid calls");
    page.type_into("#l1-months", &"1".repeat(10_000));
    settle().await;
    assert_eq!(page.total(), "—");
}
