//! Browser test of the page's real start (`packwise::ui::start`), as a release build runs it: the
//! live page built in steps into a hidden `#app` behind the prerendered snapshot, then swapped for
//! it once the cheapest plan is found. A binary of its own: `start` mounts on the document once.
//! Run: `scripts/test` (or `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target
//! wasm32-unknown-unknown --test web_start`).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Waits real time.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[wasm_bindgen_test]
async fn the_live_page_replaces_the_snapshot_once_built_and_planned() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    web_sys::window().unwrap().session_storage().unwrap().unwrap().clear().unwrap();
    let body = document().body().unwrap();
    // What a release build's index.html holds: the snapshot, then the hidden root.
    let snapshot = document().create_element("div").unwrap();
    snapshot.set_id("app-snapshot");
    snapshot.set_text_content(Some("12,250.00 元 (snapshot)"));
    body.append_child(&snapshot).unwrap();
    let root = document().create_element("div").unwrap();
    root.set_id("app");
    root.set_attribute("hidden", "").unwrap();
    body.append_child(&root).unwrap();
    // The loader's notice, as an unrelated error before the app was ready would raise it.
    let notice = document().create_element("p").unwrap();
    notice.set_id("load-failed");
    body.append_child(&notice).unwrap();

    packwise::ui::start();
    // Nothing is built in the task that started the app: the built-in list is read in the next.
    assert_eq!(root.child_element_count(), 0);
    assert!(document().get_element_by_id("app-snapshot").is_some());

    let html = document().document_element().unwrap();
    let mut waited = 0;
    let mut seen_building = false;
    while html.get_attribute("data-app").as_deref() != Some("ready") {
        // While it is built, the live page stays hidden and the snapshot stays.
        if root.child_element_count() > 0 {
            seen_building = true;
            assert!(root.has_attribute("hidden"), "the live page showed before it was complete");
            assert!(document().get_element_by_id("app-snapshot").is_some());
        }
        assert!(waited < 15_000, "the app was not ready after 15 s");
        sleep(5).await;
        waited += 5;
    }
    assert!(seen_building, "the page was built over several tasks");
    // Swapped: the snapshot is gone, the live page shown, with the quote and its plan found.
    assert!(document().get_element_by_id("app-snapshot").is_none());
    assert!(document().get_element_by_id("load-failed").is_none(), "a started app takes the notice away");
    assert!(!root.has_attribute("hidden"));
    let total = document().get_element_by_id("grand-total").unwrap().text_content().unwrap();
    assert_eq!(total, "12,250.00 元");
    let panel = root.query_selector(".optimizer").unwrap().expect("the cheapest-plan panel");
    assert_eq!(panel.get_attribute("aria-busy").as_deref(), Some("false"), "the swap waits for the plan");
    assert!(panel.text_content().unwrap().contains("11,250.00"), "the cheapest plan: postpaid only");
    // Every part of the first mount's steps is there.
    for part in [
        "select",
        "table.packs",
        "table.tiers",
        ".line-quote",
        "details.breakeven",
        "section.custom",
        "section.compare",
        ".summary .actions",
    ] {
        assert!(root.query_selector(part).unwrap().is_some(), "{part} is missing after the steps");
    }
}
