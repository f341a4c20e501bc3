//! The few browser services the page uses, each failing softly: storage, the URL fragment,
//! the clipboard, downloads and printing. Nothing here can panic; a missing `window` (tests,
//! odd embeddings) just makes the call do nothing, and storage that is absent, blocked
//! (`SecurityError`) or full (`QuotaExceededError`) is reported, never thrown.

use wasm_bindgen::JsCast;

use crate::app::page::{Saved, StorageProblem, Stored};

/// Where the estimate and the language are kept between visits.
pub const ESTIMATE_KEY: &str = "packwise.estimate.v1";
pub const LANG_KEY: &str = "packwise.lang";
pub const SCENARIOS_KEY: &str = "packwise.scenarios.v1";
/// The names of the scenarios ticked for the comparison (`app::compare::read_compared`).
pub const COMPARED_KEY: &str = "packwise.compared.v1";
/// In this tab's storage, where its estimate is a share link's as it came (see `Saved::link_in_tab`).
pub const LINK_KEY: &str = "packwise.link-in-tab";

/// `localStorage`, if the browser lets the page have it.
fn storage() -> Result<web_sys::Storage, StorageProblem> {
    let w = web_sys::window().ok_or(StorageProblem::Unavailable)?;
    // Throws a SecurityError where site data is blocked.
    w.local_storage().ok().flatten().ok_or(StorageProblem::Unavailable)
}

/// This tab's `sessionStorage`: kept across its reloads, its own (a new tab starts empty).
fn tab_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// What the last visit kept: the estimate and the language, or why storage cannot be read.
/// The estimate is this tab's own where it has one (a reload brings back what it showed, even
/// after another tab saved since), else the last one any tab saved.
pub fn saved() -> Saved {
    let browser_lang = web_sys::window().and_then(|w| w.navigator().language());
    match storage() {
        Err(problem) => Saved { problem: Some(problem), browser_lang, ..Saved::default() },
        Ok(s) => {
            let shared = s.get_item(ESTIMATE_KEY).ok().flatten();
            let tab = tab_storage();
            let own = tab.as_ref().and_then(|t| t.get_item(ESTIMATE_KEY).ok().flatten());
            let link_in_tab = own.is_some() && tab.is_some_and(|t| t.get_item(LINK_KEY).ok().flatten().is_some());
            let (estimate, shared) = match own {
                Some(own) => (Some(own), shared),
                None => (shared, None),
            };
            Saved {
                estimate,
                shared,
                scenarios: s.get_item(SCENARIOS_KEY).ok().flatten(),
                lang: s.get_item(LANG_KEY).ok().flatten(),
                browser_lang,
                problem: None,
                link_in_tab,
            }
        }
    }
}

/// What is stored under `key` now (another tab may have changed it since the page read it).
pub fn load(key: &str) -> Stored {
    Ok(storage()?.get_item(key).ok().flatten())
}

/// Calls `f` with the key and new value of each change another tab makes to this origin's
/// `localStorage` (the `storage` event: a tab is not told of its own writes), for as long as the
/// component asking lives (a listener left behind would call into a page that is gone).
pub fn on_storage_elsewhere(f: impl Fn(String, Option<String>) + 'static) {
    let handle = leptos::prelude::window_event_listener(leptos::ev::storage, move |e: web_sys::StorageEvent| {
        let local = e.storage_area().is_some_and(|area| storage().is_ok_and(|s| s == area));
        if let (true, Some(key)) = (local, e.key()) {
            f(key, e.new_value());
        }
    });
    leptos::prelude::on_cleanup(move || handle.remove());
}

/// Stores `value` under `key`.
pub fn save(key: &str, value: &str) -> Result<(), StorageProblem> {
    storage()?.set_item(key, value).map_err(|_| StorageProblem::Full)
}

/// Stores `value` under `key` for this tab alone (its reloads read it first; see [`saved`]).
/// Softly: where it fails, the shared copy still holds the value.
pub fn save_for_tab(key: &str, value: &str) {
    if let Some(t) = tab_storage() {
        let _ = t.set_item(key, value);
    }
}

/// Marks (or unmarks) this tab's estimate as a share link's as it came ([`LINK_KEY`]).
pub fn mark_link_in_tab(on: bool) {
    if let Some(t) = tab_storage() {
        let _ = if on { t.set_item(LINK_KEY, "1") } else { t.remove_item(LINK_KEY) };
    }
}

/// The file chosen in the `<input type="file">` an event came from (its first), if any.
pub fn chosen_file(ev: &web_sys::Event) -> Option<web_sys::File> {
    let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    input.files()?.get(0)
}

/// A file's (or part of one's) text, read on the device as the worker reads a usage file: UTF-8
/// (a BOM dropped), else GB18030, as Chinese spreadsheets save CSV; `None` where it cannot be
/// read. Decoded as a stream, so a part cut inside a character is not taken for another encoding
/// (the character cut is left out).
pub async fn text_of(blob: &web_sys::Blob) -> Option<String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await.ok()?;
    let bytes = js_sys::Uint8Array::new(&buffer);
    let stream = web_sys::TextDecodeOptions::new();
    stream.set_stream(true);
    let fatal = web_sys::TextDecoderOptions::new();
    fatal.set_fatal(true);
    let utf8 = web_sys::TextDecoder::new_with_label_and_options("utf-8", &fatal).ok()?;
    if let Ok(text) = utf8.decode_with_js_u8_array_and_options(&bytes, &stream) {
        return Some(text);
    }
    web_sys::TextDecoder::new_with_label("gb18030").ok()?.decode_with_js_u8_array_and_options(&bytes, &stream).ok()
}

/// The URL fragment, with its `#`, as the page made it where an app percent-encoded it
/// ([`share::unescape`](crate::app::share::unescape)).
pub fn hash() -> String {
    let raw = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    crate::app::share::unescape(&raw)
}

/// Removes the fragment from the address bar without reloading or adding history.
pub fn clear_hash() {
    let Some(w) = web_sys::window() else { return };
    let loc = w.location();
    let url = format!("{}{}", loc.pathname().unwrap_or_default(), loc.search().unwrap_or_default());
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The page's address without the fragment.
pub fn page_url() -> String {
    let Some(w) = web_sys::window() else { return String::new() };
    let loc = w.location();
    format!(
        "{}{}{}",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    )
}

/// Copies text to the clipboard; resolves to whether it worked.
pub async fn copy(text: &str) -> bool {
    let Some(w) = web_sys::window() else { return false };
    let promise = w.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Offers `content` as a file download named `name`.
pub fn download(name: &str, mime: &str, content: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = doc.create_element("a").map(|e| e.unchecked_into::<web_sys::HtmlAnchorElement>()) {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Moves the focus to the first element matching `selector` once the page has drawn the change
/// under way (an action whose button goes away would leave the focus on the page itself).
pub fn focus_soon(selector: String) {
    leptos::prelude::set_timeout(
        move || {
            use wasm_bindgen::JsCast;
            let el =
                web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(&selector).ok().flatten());
            if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        },
        std::time::Duration::ZERO,
    );
}

/// Opens the `<details>` that `selector` finds (a lazy one builds its body on the `toggle` this
/// fires).
pub fn open_details(selector: &str) {
    if let Some(d) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(selector).ok().flatten())
    {
        let _ = d.set_attribute("open", "");
    }
}

/// Puts the focus on `selector` (which brings it into view) once it is on screen: the page may
/// still be built behind its snapshot. Tries for about five seconds, then gives up. A part
/// taller than the screen (a comparison's figures) is shown from its top, not wherever the
/// browser scrolled to focus it; so is a part that is no field (a region focused for its
/// figures, which may still be growing).
pub fn focus_when_shown(selector: &'static str) {
    fn attempt(selector: &'static str, left: u32) {
        use wasm_bindgen::JsCast;
        let el = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(selector).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        match el {
            // Shown: it has a box to lay out in (none while hidden or not yet in the page).
            Some(el) if el.offset_parent().is_some() => {
                let _ = el.focus();
                let tall = web_sys::window()
                    .and_then(|w| w.inner_height().ok())
                    .and_then(|h| h.as_f64())
                    .is_some_and(|h| f64::from(el.offset_height()) > h / 2.0);
                let field = ["INPUT", "SELECT", "TEXTAREA", "BUTTON"].contains(&el.tag_name().as_str());
                if tall || !field {
                    el.scroll_into_view_with_bool(true);
                }
            }
            _ if left > 0 => {
                leptos::prelude::set_timeout(move || attempt(selector, left - 1), std::time::Duration::from_millis(100))
            }
            _ => {}
        }
    }
    attempt(selector, 50);
}

/// Moves the focus to the field with element id `id`, opening every panel around it (one closed
/// over it hides why the total is missing). False where there is none.
pub fn focus_field(id: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return false };
    let Some(field) = doc.get_element_by_id(id) else { return false };
    let mut at = field.parent_element();
    while let Some(el) = at {
        if el.tag_name().eq_ignore_ascii_case("details") && !el.has_attribute("open") {
            let _ = el.set_attribute("open", "");
        }
        at = el.parent_element();
    }
    field.dyn_into::<web_sys::HtmlElement>().is_ok_and(|f| f.focus().is_ok())
}

/// Opens the print dialog (the print stylesheet shows a clean quote).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Opens the print dialog for one part of the page: `class` is set on `<html>` (the print
/// stylesheet then prints that part alone) until the printing is over (the part removes it on
/// `afterprint`: a phone's dialog may not hold the page while it is open).
pub fn print_part(class: &str) {
    let Some(w) = web_sys::window() else { return };
    if let Some(root) = w.document().and_then(|d| d.document_element()) {
        let _ = root.class_list().add_1(class);
    }
    let _ = w.print();
}

/// Removes `class` from `<html>` (a part printed alone: [`print_part`]).
pub fn printed_part(class: &str) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.class_list().remove_1(class);
    }
}

/// Sets `<html lang>`, the document title and its description.
pub fn set_document_language(tag: &str, title: &str, description: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    // Only what differs: setting the title again costs a few milliseconds on the first load.
    if let Some(root) = doc.document_element() {
        set_changed_attribute(&root, "lang", tag);
    }
    if doc.title() != title {
        doc.set_title(title);
    }
    if let Ok(Some(meta)) = doc.query_selector("meta[name=description]") {
        set_changed_attribute(&meta, "content", description);
    }
}

/// Sets attribute `name` of `el` to `value`, unless it already holds it.
fn set_changed_attribute(el: &web_sys::Element, name: &str, value: &str) {
    if el.get_attribute(name).as_deref() != Some(value) {
        let _ = el.set_attribute(name, value);
    }
}

/// This month on the visitor's clock.
pub fn this_month() -> Option<crate::engine::usage::Month> {
    let d = js_sys::Date::new_0();
    crate::engine::usage::Month::new(u16::try_from(d.get_full_year()).ok()?, u8::try_from(d.get_month() + 1).ok()?)
}

/// Today's date on the visitor's clock, `2026-12-04`.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}
