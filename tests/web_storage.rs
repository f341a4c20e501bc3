//! Browser tests of a page whose `localStorage` throws (what a browser set to block site data
//! does): it still quotes and says once that the estimate will not be kept. A binary of its own,
//! because blocking storage for the whole window would reach the tests of tests/web.rs, which run
//! interleaved in one page. Run: `scripts/test` (or `CHROMEDRIVER=/usr/bin/chromedriver cargo
//! test --target wasm32-unknown-unknown --test web_storage`).
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Sets an input's value and fires `input`, as typing does.
fn type_into(host: &web_sys::Element, selector: &str, text: &str) {
    let el = host.query_selector(selector).unwrap().unwrap();
    js_sys::Reflect::set(&el, &"value".into(), &text.into()).unwrap();
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
}

async fn settle() {
    leptos::task::tick().await;
}

/// Makes `localStorage` throw a SecurityError, as a browser set to block site data does, until
/// the returned guard is dropped.
struct BlockedStorage;

impl BlockedStorage {
    fn new() -> BlockedStorage {
        js_sys::Function::new_no_args(
            "Object.defineProperty(window, 'localStorage', { configurable: true, \
               get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });",
        )
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap();
        BlockedStorage
    }
}

impl Drop for BlockedStorage {
    fn drop(&mut self) {
        let _ = js_sys::Function::new_no_args("delete window.localStorage;").call0(&wasm_bindgen::JsValue::NULL);
    }
}

#[wasm_bindgen_test]
async fn a_page_whose_storage_throws_still_quotes_and_says_storage_is_off() {
    let blocked = BlockedStorage::new();
    assert!(window().local_storage().is_err(), "storage is blocked for this test");
    let host = document().create_element("section").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let mounted = mount_to(host.clone().unchecked_into(), || packwise::ui::App().into_any());
    let total = || host.query_selector("#grand-total").unwrap().unwrap().text_content().unwrap_or_default();
    let text = || host.text_content().unwrap_or_default();
    settle().await;
    assert_eq!(total(), "12,250.00 元");
    assert!(text().contains("浏览器不允许本页保存数据"), "{}", text());
    type_into(&host, "#l1-calls", "3000");
    settle().await;
    assert_eq!(total(), "8,000.00 元", "3,000 calls, all from the 1万 pack");
    assert_eq!(text().matches("浏览器不允许本页保存数据").count(), 1, "said once");
    // A scenario saved now is on this page only, and the panel says so (not "saved").
    type_into(&host, "#scenario-name", "A");
    host.query_selector("form.save-scenario button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    settle().await;
    assert!(text().contains("“A”只留在这个页面里：浏览器不允许本页保存数据"), "{}", text());
    assert!(!text().contains("已保存为“A”"));
    drop(mounted);
    drop(blocked);
    assert!(window().local_storage().is_ok());
}
