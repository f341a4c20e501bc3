//! The page model (`packwise::app::page`), natively: opening from a share link, saved state or
//! the default; line ids; invalid fields per line; storage that fails; quotes priced again only
//! for the line that changed. The browser suite (tests/web.rs) checks the same through the DOM.
//! Run: `cargo test --test page`.
#![cfg(not(target_arch = "wasm32"))] // native only: the browser suite is tests/web.rs

use packwise::app::edit;
use packwise::app::page::{FieldKey, LineField, LineId, Notice, Page, Quotes, Saved, StorageProblem, Total};
use packwise::app::share;
use packwise::engine::{Estimate, Lang, Line};
use rust_decimal_macros::dec;

fn total(page: &Page) -> Total {
    let quotes = Quotes::default().update(page);
    page.total(&quotes)
}

fn link(e: &Estimate) -> String {
    format!("#{}", share::encode(e))
}

#[test]
fn a_first_visit_opens_worked_example_two() {
    let page = Page::open("", Saved::default());
    assert_eq!(page.estimate(), edit::default_estimate());
    assert_eq!(total(&page), Total::Amount(Some(dec!(12250.00))));
    assert!(page.notices().is_empty());
    assert_eq!(page.lang, Lang::Zh);
}

#[test]
fn a_share_link_wins_over_the_saved_estimate_then_the_saved_one_over_the_default() {
    let shared = Estimate::new(vec![Line::new("活体人脸核身", vec![1000])]);
    let saved = Estimate::new(vec![Line::new("照片人脸核身", vec![3000])]);
    let both = Saved { estimate: Some(saved.to_json()), lang: Some("en".into()), ..Saved::default() };
    let page = Page::open(&link(&shared), both.clone());
    assert_eq!(page.estimate(), shared);
    assert_eq!(page.notices(), &[Notice::LoadedFromLink]);
    assert_eq!(page.lang, Lang::En);
    assert_eq!(total(&page), Total::Amount(Some(dec!(1000.00))), "1,000 × 1 = 1,000");
    let page = Page::open("", both);
    assert_eq!(page.estimate(), saved);
    assert_eq!(total(&page), Total::Amount(Some(dec!(2550.00))), "3,000 × 0.85 = 2,550");
}

#[test]
fn a_link_opened_in_a_browser_of_another_language_offers_english() {
    let shared = Estimate::new(vec![Line::new("活体人脸核身", vec![1000])]);
    let visit = |hash: &str, lang: Option<&str>, browser: Option<&str>| {
        let saved = Saved { lang: lang.map(Into::into), browser_lang: browser.map(Into::into), ..Saved::default() };
        Page::open(hash, saved).notices().contains(&Notice::OfferEnglish)
    };
    assert!(visit(&link(&shared), None, Some("en-US")), "an English reader sent a link");
    assert!(visit(&link(&shared), None, Some("de")));
    assert!(!visit(&link(&shared), None, Some("zh-CN")), "a Chinese reader");
    assert!(!visit(&link(&shared), None, Some("ZH-tw")));
    assert!(!visit(&link(&shared), Some("zh"), Some("en-US")), "a language chosen here before stays");
    assert!(!visit(&link(&shared), Some("en"), Some("en-US")), "already in English");
    assert!(!visit("", None, Some("en-US")), "the plain page opens as it is, at once, in Chinese");
    assert!(!visit(&link(&shared), None, None));
    // The comparison and scenario links are links too.
    assert!(visit("#o=e30", None, Some("en-GB")));
    // Once in English, the offer goes.
    let mut page = Page::open(&link(&shared), Saved { browser_lang: Some("en-US".into()), ..Saved::default() });
    page.drop_notice(&Notice::OfferEnglish);
    assert_eq!(page.notices(), &[Notice::LoadedFromLink]);
}

#[test]
fn a_link_cut_after_its_estimate_opens_the_estimate_and_says_what_did_not_arrive() {
    let shared = Estimate::new(vec![Line::new("活体人脸核身", vec![1000])]);
    let (url, _) = share::link_to_all("p/", &shared, Some("o=e30".into()), Some(("c=e30".into(), 1)));
    let whole = url.split_once('#').unwrap().1;
    let cut_at = &whole[..whole.find("&o=").unwrap()];
    let page = Page::open(cut_at, Saved::default());
    assert_eq!(page.estimate(), shared);
    assert_eq!(
        page.notices(),
        &[Notice::LoadedFromLink, Notice::LinkCut(share::Cut { vendors: true, scenarios: true })]
    );
    // Cut at its first `&`: the estimate opens and nothing more is said.
    let page = Page::open(&whole[..whole.find("&p=").unwrap()], Saved::default());
    assert_eq!((page.estimate(), page.notices()), (shared.clone(), &[Notice::LoadedFromLink][..]));
    // Cut inside the estimate: that the link is damaged, and only that.
    let page = Page::open(&whole[..20], Saved::default());
    assert!(matches!(page.notices(), [Notice::BadLink(_)]), "{:?}", page.notices());
}

/// A link that carries a vendors comparison alone, damaged: the page opens on its own estimate
/// and says at its top that the comparison was not loaded (not only in the comparison's panel,
/// at the page's foot).
#[test]
fn a_damaged_comparison_link_says_so_at_the_top() {
    let page = Page::open("#o=W3s", Saved::default());
    assert!(matches!(page.notices(), [Notice::BadComparison(share::ShareError::Garbled)]), "{:?}", page.notices());
    assert_eq!(page.estimate().lines.len(), 1, "the default estimate");
    // JSON that is no comparison ({}): what is missing.
    let page = Page::open("#o=e30", Saved::default());
    let [Notice::BadComparison(e)] = page.notices() else { panic!("{:?}", page.notices()) };
    assert_eq!(e.message(Lang::En), "What the share link carries is invalid: vendors: missing",);
    // With an estimate, a comparison cut short is the link's cut, said once.
    let shared = Estimate::new(vec![Line::new("活体人脸核身", vec![1000])]);
    let page = Page::open(&format!("{}&o=W3s", link(&shared)), Saved::default());
    assert!(!page.notices().iter().any(|n| matches!(n, Notice::BadComparison(_))), "{:?}", page.notices());
}

#[test]
fn the_estimate_a_link_took_the_place_of_can_be_had_back() {
    let shared = Estimate::new(vec![Line::new("活体人脸核身", vec![1000])]);
    let saved = Estimate::new(vec![Line::new("照片人脸核身", vec![3000])]);
    let mut page = Page::open(&link(&shared), Saved { estimate: Some(saved.to_json()), ..Saved::default() });
    assert!(page.has_estimate_before_open());
    page.back_to_own_estimate();
    assert_eq!(page.estimate(), saved);
    assert!(page.notices().is_empty() && !page.has_estimate_before_open());
    // Nothing to offer back: a first visit, or a link to the estimate already kept.
    assert!(!Page::open(&link(&shared), Saved::default()).has_estimate_before_open());
    let same = Saved { estimate: Some(shared.to_json()), ..Saved::default() };
    assert!(!Page::open(&link(&shared), same).has_estimate_before_open());
    // A link pasted into the open page: the estimate it showed; dismissed, the offer goes.
    let mut page = Page::open("", Saved { estimate: Some(saved.to_json()), ..Saved::default() });
    page.open_link(&link(&shared));
    assert!(page.has_estimate_before_open());
    page.dismiss(0);
    assert!(!page.has_estimate_before_open());
    page.back_to_own_estimate();
    assert_eq!(page.estimate(), shared, "dismissed: nothing to go back to");
}

#[test]
fn an_exported_estimate_opens_again_and_a_bad_file_changes_nothing() {
    let exported = Estimate::new(vec![Line::new("照片人脸核身", vec![3000])]);
    let json = serde_json::to_string_pretty(&exported).unwrap();
    let mut page = Page::open("", Saved::default());
    let own = page.estimate();
    // A file that is not an estimate, or one that cannot be priced: said with its field.
    let e = page.open_file("x.json", r#"{"lines":[{"service":"活体人脸核身","calls":[1.5]}]}"#).unwrap_err();
    assert_eq!(e.path().to_string(), "lines[0].calls[0]");
    assert!(page.open_file("x.csv", "month,calls\n1,3000").is_err());
    // Read, but not priced: a service no list has.
    let e = page.open_file("y.json", r#"{"lines":[{"service":"nope","calls":[1]}]}"#).unwrap_err();
    assert_eq!(e.code(), "unknown_service");
    assert_eq!((page.estimate(), page.notices()), (own.clone(), &[][..]), "nothing changed");
    page.open_file("packwise-estimate.json", &json).unwrap();
    assert_eq!(page.estimate(), exported);
    assert_eq!(total(&page), Total::Amount(Some(dec!(2550.00))), "3,000 × 0.85 = 2,550");
    assert_eq!(page.notices(), &[Notice::LoadedFromFile("packwise-estimate.json".into())]);
    // The estimate it took the place of, offered back.
    assert!(page.has_estimate_before_open());
    page.back_to_own_estimate();
    assert_eq!((page.estimate(), page.notices()), (own, &[][..]));
}

/// A reload opens the tab's own estimate; where another tab has saved a different one since, the
/// page offers it with the other-tab notice, and its button opens it.
#[test]
fn a_reload_opens_the_tabs_own_estimate_and_offers_the_one_saved_since() {
    let own = Estimate::new(vec![Line::new("活体人脸核身", vec![2000])]);
    let other = Estimate::new(vec![Line::new("活体人脸核身", vec![3000])]);
    let saved = Saved { estimate: Some(own.to_json()), shared: Some(other.to_json()), ..Saved::default() };
    let mut page = Page::open("", saved);
    assert_eq!(page.estimate(), own);
    assert_eq!(page.notices(), &[Notice::OtherTab]);
    page.open_other_tab();
    assert_eq!(page.estimate(), other);
    assert!(page.notices().is_empty());
    // The same estimate in both: nothing to say.
    let same = Saved { estimate: Some(own.to_json()), shared: Some(own.to_json()), ..Saved::default() };
    assert!(Page::open("", same).notices().is_empty());
}

/// A reload of a tab showing a share link's estimate as it came shows it so again: the link's
/// notice with the visitor's own offered back, not the own offered as another tab's.
#[test]
fn a_reload_of_a_links_tab_shows_the_link_again_over_the_own_estimate() {
    let link_estimate = Estimate::new(vec![Line::new("活体人脸核身", vec![15000])]);
    let own = Estimate::new(vec![Line::new("照片人脸核身", vec![3000])]);
    let reload = |link_in_tab| Saved {
        estimate: Some(link_estimate.to_json()),
        shared: Some(own.to_json()),
        link_in_tab,
        ..Saved::default()
    };
    let mut page = Page::open("", reload(true));
    assert_eq!(page.estimate(), link_estimate);
    assert_eq!(page.notices(), &[Notice::LoadedFromLink]);
    assert!(page.keeps_own_saved() && page.has_estimate_before_open());
    page.back_to_own_estimate();
    assert_eq!((page.estimate(), page.notices()), (own.clone(), &[][..]));
    // Without the mark, the tab's estimate is its own and the other is another tab's.
    let page = Page::open("", reload(false));
    assert_eq!(page.notices(), &[Notice::OtherTab]);
    assert!(!page.keeps_own_saved());
    // Marked, with no own estimate kept (or the same one): the tab's estimate, nothing to offer.
    let page = Page::open("", Saved { shared: None, ..reload(true) });
    assert!(page.notices().is_empty() && !page.has_estimate_before_open());
    // Marked, but the tab's copy unreadable: the default, said so, not called the link's.
    let page = Page::open("", Saved { estimate: Some("{".into()), ..reload(true) });
    assert_eq!(page.notices(), &[Notice::BadStorage, Notice::OtherTab]);
    assert!(!page.keeps_own_saved());
}

/// A link's estimate edited is stored over the visitor's own (offered back still); an undo back
/// to the link's values does not make storage skip it again.
#[test]
fn a_links_estimate_once_stored_is_the_visitors() {
    let link_estimate =
        Estimate::new(vec![Line::new("活体人脸核身", vec![15000]), Line::new("照片人脸核身", vec![3000])]);
    let own = Estimate::new(vec![Line::new("ekyc", vec![1000])]);
    let mut page = Page::open(&link(&link_estimate), Saved { estimate: Some(own.to_json()), ..Saved::default() });
    assert!(page.keeps_own_on_save(), "shown as it came: the own one stays stored");
    page.remove(page.ids()[1]);
    assert!(!page.keeps_own_on_save(), "edited: stored over the own one");
    page.undo_remove();
    assert_eq!(page.estimate(), link_estimate);
    assert!(!page.keeps_own_saved() && !page.keeps_own_on_save(), "stored already: stays the visitor's");
    page.back_to_own_estimate();
    assert_eq!(page.estimate(), own, "the own one is still offered back");
}

#[test]
fn a_broken_link_or_saved_estimate_gives_a_notice_and_the_page_goes_on() {
    let saved = Estimate::new(vec![Line::new("照片人脸核身", vec![3000])]);
    let page = Page::open("#e=%%%", Saved { estimate: Some(saved.to_json()), ..Saved::default() });
    assert_eq!(page.estimate(), saved, "a broken link falls back to the saved estimate");
    assert!(matches!(page.notices(), [Notice::BadLink(share::ShareError::Garbled)]));
    let page = Page::open("", Saved { estimate: Some("{\"lines\":[{\"service\":\"nope\"".into()), ..Saved::default() });
    assert_eq!(page.estimate(), edit::default_estimate());
    assert_eq!(page.notices(), &[Notice::BadStorage]);
    let page = Page::open(
        "",
        Saved { estimate: Some("{\"lines\":[{\"service\":\"nope\",\"calls\":[1]}]}".into()), ..Saved::default() },
    );
    assert_eq!(page.notices(), &[Notice::BadStorage], "valid JSON that cannot be priced is refused too");
}

#[test]
fn a_link_pasted_into_an_open_page_follows_the_same_path() {
    let mut page = Page::open("", Saved::default());
    assert_eq!(page.open_link("#section-2"), None);
    let shared = Estimate::new(vec![Line::new("活体人脸比对", vec![20_000])]);
    assert_eq!(page.open_link(&link(&shared)), Some(true));
    assert_eq!(total(&page), Total::Amount(Some(dec!(2200.00))), "20,000 × 0.11 = 2,200");
    assert_eq!(page.open_link("#e=AAAA"), Some(false));
    assert_eq!(page.estimate(), shared, "a broken link leaves the estimate as it was");
    assert_eq!(page.notices().len(), 2);
}

#[test]
fn a_links_estimate_as_it_came_leaves_the_visitors_own_saved() {
    let own = Estimate::new(vec![Line::new("照片人脸核身", vec![3_000])]);
    let shared = Estimate::new(vec![Line::new("活体人脸比对", vec![20_000])]);
    let saved = Saved { estimate: Some(own.to_json()), ..Saved::default() };
    let mut page = Page::open(&link(&shared), saved.clone());
    assert!(page.keeps_own_saved(), "opened with the page");
    let id = page.ids()[0];
    page.edit(id, |l| edit::set_month_calls(l, 0, 30_000));
    assert!(!page.keeps_own_saved(), "edited: the link's estimate is the visitor's now");
    // Pasted into an open page: the same rule.
    let mut page = Page::open("", saved);
    assert!(!page.keeps_own_saved());
    assert_eq!(page.open_link(&link(&shared)), Some(true));
    assert!(page.keeps_own_saved());
    page.back_to_own_estimate();
    assert!(!page.keeps_own_saved() && page.estimate() == own);
    // Nothing of the visitor's own to keep (none saved, or the very same estimate).
    assert!(!Page::open(&link(&shared), Saved::default()).keeps_own_saved());
    let same = Saved { estimate: Some(shared.to_json()), ..Saved::default() };
    assert!(!Page::open(&link(&shared), same).keeps_own_saved());
}

#[test]
fn a_service_added_has_the_estimates_months() {
    let mut page = Page::open("", Saved::default());
    let first = page.ids()[0];
    page.edit(first, |l| packwise::app::edit::set_months(l, 12));
    let added = page.add_line().unwrap();
    let line = page.line(added).unwrap();
    assert_eq!(line.calls, vec![0; 12], "12 months to fill, not 1");
    assert!(line.calendar().is_empty(), "no dates where the estimate has none");
    // A budget dated from 2027-01: the service added is dated alike, and a link carries it.
    let first_month = packwise::engine::usage::Month::new(2027, 1);
    page.edit(added, |l| packwise::app::edit::set_first_month(l, first_month));
    let dated = page.add_line().unwrap();
    assert_eq!(page.line(dated).unwrap().calendar().last().map(|m| m.to_string()).as_deref(), Some("2027-12"));
    let reopened = Page::open(&link(&page.estimate()), Saved::default());
    let ids = reopened.ids();
    assert_eq!(reopened.line(ids[2]).unwrap().first_month, first_month);
    // A custom service's first line too: its months are the budget's, not one undated month.
    let custom = page.add_line_on_horizon(packwise::engine::Line::new("custom_1", vec![0])).unwrap();
    let line = page.line(custom).unwrap();
    assert_eq!((line.calls.len(), line.first_month), (12, first_month));
}

#[test]
fn letters_in_a_calls_field_mark_that_line_and_the_total_not_the_other_lines() {
    let mut page = Page::open("", Saved::default());
    let first = page.ids()[0];
    let second = page.add_line().unwrap();
    let calls = FieldKey::new(first, LineField::Calls);
    assert_eq!(calls.dom_id(), format!("l{first}-calls"));
    page.set_invalid(calls, true);
    assert!(page.line_invalid(first), "the line whose field holds `abc` says it has errors");
    assert!(!page.line_invalid(second));
    assert_eq!(total(&page), Total::Errors);
    page.set_invalid(calls, false);
    assert!(!page.line_invalid(first));
    assert_eq!(total(&page), Total::Amount(Some(dec!(12250.00))));
    // The first field to fix is in the page's order: the lines as they stand (a duplicate sits
    // between, with a larger id), then the estimate's own fields.
    let weight = FieldKey::new(LineId::ESTIMATE, LineField::Weight(0));
    page.set_invalid(weight, true);
    assert_eq!(page.first_invalid(), Some(weight));
    let copy = page.duplicate(first).unwrap();
    page.set_invalid(FieldKey::new(second, LineField::Calls), true);
    page.set_invalid(FieldKey::new(copy, LineField::RangeLow), true);
    assert_eq!(page.first_invalid(), Some(FieldKey::new(copy, LineField::RangeLow)), "the copy is line 2");
    page.set_invalid(FieldKey::new(copy, LineField::RangeLow), false);
    page.set_invalid(FieldKey::new(second, LineField::Calls), false);
    page.set_invalid(weight, false);
    // Removing a line forgets its fields.
    page.set_invalid(FieldKey::new(second, LineField::Month(3)), true);
    page.remove(second);
    assert!(!page.any_invalid());
}

#[test]
fn storage_that_throws_is_reported_once_and_the_page_still_quotes() {
    let mut page = Page::open("", Saved { problem: Some(StorageProblem::Unavailable), ..Saved::default() });
    assert_eq!(page.notices(), &[Notice::StorageOff(StorageProblem::Unavailable)]);
    assert_eq!(total(&page), Total::Amount(Some(dec!(12250.00))));
    page.storage_failed(StorageProblem::Full);
    assert_eq!(page.notices().len(), 1, "said once");
    page.dismiss(0);
    assert!(page.notices().is_empty());
}

#[test]
fn ids_stay_with_their_lines() {
    let mut page = Page::open("", Saved::default());
    let a = page.ids()[0];
    page.edit(a, |l| edit::set_all_calls(l, 1000));
    let b = page.duplicate(a).unwrap();
    let c = page.add_line().unwrap();
    assert_eq!(page.ids(), vec![a, b, c]);
    page.remove(a);
    assert_eq!(page.ids(), vec![b, c]);
    assert_eq!(page.index_of(c), Some(1));
    assert_eq!(page.line(b).unwrap().calls, vec![1000]);
    page.edit(LineId(999), |l| l.calls.clear());
    page.replace(Estimate::new(vec![Line::new("eid", vec![1])]));
    let ids = page.ids();
    assert!(ids[0] > c, "a replaced estimate gets new ids: {ids:?}");
}

#[test]
fn only_the_edited_line_is_priced_again() {
    let mut page = Page::open("", Saved::default());
    let a = page.ids()[0];
    let b = page.add_line().unwrap();
    let mut quotes = Quotes::default();
    quotes.update(&page);
    assert_eq!(quotes.priced, 2);
    page.edit(b, |l| edit::set_all_calls(l, 3000));
    let q = quotes.update(&page);
    assert_eq!(quotes.priced, 3, "one more line priced");
    assert_eq!(q[0].0, a);
    page.set_invalid(FieldKey::new(a, LineField::Calls), true);
    quotes.update(&page);
    assert_eq!(quotes.priced, 3, "marking a field does not price anything");
    page.lang = Lang::En;
    quotes.update(&page);
    assert_eq!(quotes.priced, 5, "a new language prices every line");
}

#[test]
fn removing_the_custom_list_removes_its_lines() {
    let list = packwise::app::custom::load(
        r#"{"format":1,"services":[{"id":"ocr","name":"OCR","postpaid":{"tiers":[{"price":"0.1"}]}}]}"#,
        packwise::engine::ListMode::Extend,
        Lang::En,
    )
    .unwrap();
    let mut page = Page::open("", Saved::default());
    page.set_custom_catalog(Some(list));
    let ocr = page.add_line_for(Line::new("ocr", vec![10])).unwrap();
    assert_eq!(total(&page), Total::Amount(Some(dec!(12251.00))), "12,250 + 10 × 0.1");
    page.set_custom_catalog(None);
    assert_eq!(page.line(ocr), None);
    assert_eq!(page.ids().len(), 1);
}

#[test]
fn the_buying_decision_handlers_price_as_the_engine_does() {
    use packwise::app::input;
    use packwise::engine::terms::{Discount, DiscountScope};
    let mut page = Page::open("", Saved::default());
    let a = page.ids()[0];
    // Worked example two with 10 % off the estimate: 11,025; a typed "10%" is read exactly.
    let percent = input::parse_discount("10%").unwrap();
    page.set_discount(Some(Discount { percent, applies_to: DiscountScope::All }));
    assert_eq!(total(&page), Total::Amount(Some(dec!(11025.00))));
    assert_eq!(page.estimate().discount.unwrap().percent, dec!(10));
    // Text in the estimate's own fields that does not parse marks the total too, not a line.
    use packwise::app::page::LineId;
    let key = FieldKey::new(LineId::ESTIMATE, LineField::EstimateDiscount);
    page.set_invalid(key, true);
    assert_eq!(total(&page), Total::Errors);
    assert!(page.invalid_lines().is_empty());
    page.set_invalid(key, false);
    // A 0 % discount is no discount.
    page.set_discount(Some(Discount { percent: dec!(0), applies_to: DiscountScope::All }));
    assert_eq!(page.discount(), None);
    // 250,000 calls: unknown until the negotiated 0.6 is typed, then 250,000 × 0.6.
    page.edit(a, |l| {
        edit::set_all_calls(l, 250_000);
        l.packs.clear();
    });
    assert_eq!(total(&page), Total::Amount(None));
    page.edit(a, |l| l.negotiated_price = input::parse_price("0.6元").ok());
    assert_eq!(total(&page), Total::Amount(Some(dec!(150000.00))));
    // A range set in percent follows the calls.
    page.edit(a, |l| edit::set_spread(l, dec!(20), dec!(20)));
    page.edit(a, |l| edit::set_all_calls(l, 100_000));
    let line = page.line(a).unwrap();
    assert_eq!((line.calls_low.clone(), line.calls_high.clone()), (Some(vec![80_000]), Some(vec![120_000])));
    // It travels with the estimate through a share link.
    let e = page.estimate();
    let mut other = Page::open(&link(&e), Saved::default());
    assert_eq!(other.estimate(), e);
    other.set_weights(None);
    assert_eq!(other.weights(), packwise::engine::terms::Weights::default());
}

#[test]
fn typed_prices_discounts_and_weights_are_read_exactly_or_refused() {
    use packwise::app::input::{InputError, parse_discount, parse_price, parse_weight};
    assert_eq!(parse_price(" 0.6 "), Ok(dec!(0.6)));
    assert_eq!(parse_price("０．６"), Ok(dec!(0.6)));
    assert_eq!(parse_price("-0.6"), Err(InputError::Negative));
    assert_eq!(parse_price("abc"), Err(InputError::NotADecimal));
    assert_eq!(parse_price("0.000000001"), Err(InputError::NotADecimal));
    assert_eq!(parse_price(""), Err(InputError::Empty));
    assert_eq!(parse_discount("15%"), Ok(dec!(15)));
    assert_eq!(parse_discount("150"), Err(InputError::TooLarge(100)));
    assert_eq!(parse_discount("-5"), Err(InputError::Negative));
    assert_eq!(parse_discount("abc"), Err(InputError::NotADiscount));
    // As a Chinese buyer says it: the share paid, in tenths (9折, 8.5折) or hundredths (85折).
    assert_eq!(parse_discount("85折"), Ok(dec!(15)));
    assert_eq!(parse_discount("8.5折"), Ok(dec!(15)));
    assert_eq!(parse_discount(" 9 折"), Ok(dec!(10)));
    assert_eq!(parse_discount("95折"), Ok(dec!(5)));
    assert_eq!(parse_discount("８８折"), Ok(dec!(12)));
    assert_eq!(parse_discount("8.75折"), Ok(dec!(12.5)));
    assert_eq!(parse_discount("10折"), Ok(dec!(0)));
    // And in Chinese numerals: 九折 is 10 % off, 八五折 15 %, 九五折 5 %.
    assert_eq!(
        (parse_discount("九折"), parse_discount("八五折"), parse_discount("九五折")),
        (Ok(dec!(10)), Ok(dec!(15)), Ok(dec!(5)))
    );
    for bad in ["折", "120折", "-9折", "九十折", "85折折", "一二三折"] {
        assert_eq!(parse_discount(bad), Err(InputError::NotADiscount), "{bad}");
    }
    use packwise::app::input::discount_meaning;
    use packwise::engine::Lang;
    assert_eq!(discount_meaning(dec!(15), Lang::Zh), "即 85 折（按原价的 85% 付费）");
    assert_eq!(discount_meaning(dec!(10), Lang::Zh), "即 9 折（按原价的 90% 付费）");
    assert_eq!(discount_meaning(dec!(12.5), Lang::Zh), "即 8.75 折（按原价的 87.5% 付费）");
    assert_eq!(discount_meaning(dec!(15), Lang::En), "You pay 85% of the list price");
    assert_eq!(discount_meaning(dec!(95), Lang::Zh), "即 0.5 折（按原价的 5% 付费）");
    assert_eq!(discount_meaning(dec!(90), Lang::Zh), "即 1 折（按原价的 10% 付费）");
    assert_eq!(discount_meaning(dec!(100), Lang::En), "You pay nothing");
    // Every discount's 折, typed back, is the same discount.
    for tenth_bp in (1..10_000).step_by(7).chain([250, 1_000, 1_500, 9_000, 9_500, 9_950, 9_999]) {
        let percent = rust_decimal::Decimal::new(tenth_bp, 2);
        let said = discount_meaning(percent, Lang::Zh);
        let zhe = said.strip_prefix("即 ").and_then(|s| s.split_once(" 折")).map(|(z, _)| z).unwrap();
        assert_eq!(parse_discount(&format!("{zhe}折")), Ok(percent.normalize()), "{percent}: {said}");
    }
    assert_eq!(discount_meaning(dec!(0), Lang::En), "You pay the list price");
    // A count is not calls: its message's example is a count's.
    use packwise::app::input::{parse_month_list, parse_months, parse_pack_count};
    assert_eq!(parse_months("abc"), Err(InputError::NotACount));
    assert_eq!(parse_pack_count(""), Err(InputError::NoCount));
    assert_eq!(InputError::NotACount.message(Lang::Zh), "请填写整数，例如 12");
    assert_eq!(parse_month_list("1-x", 12), Err(InputError::NotMonths));
    assert_eq!(parse_weight("0.25"), Ok(dec!(0.25)));
    // Over 1 is a percentage, read as one with the other two (see `weights_typed`), as is `25%`.
    assert_eq!(parse_weight("30"), Ok(dec!(30)));
    assert_eq!(parse_weight("25%"), Ok(dec!(25)));
    assert_eq!(parse_weight("12.5 ％"), Ok(dec!(12.5)));
    assert_eq!(parse_weight("101"), Err(InputError::TooLarge(100)));
    assert_eq!(parse_weight("33.333"), Err(InputError::NotAWeight));
    assert_eq!(parse_weight("0.12345"), Err(InputError::NotAWeight));
    assert_eq!(parse_weight("%"), Err(InputError::Empty));
    // Its own example: a weight, not "0.6 or 15".
    assert_eq!(parse_weight("a quarter"), Err(InputError::NotAWeight));
    assert_eq!(
        InputError::NotAWeight.message(Lang::En),
        "Write a weight from 0 to 1, like 0.25 (at most 4 decimal places), or a percentage like 25% (at most 2)"
    );
    assert_eq!(parse_price(&"9".repeat(10_000)), Err(InputError::NotADecimal));
}

#[test]
fn index_html_carries_the_chinese_page_title_so_a_first_visit_keeps_it() {
    // The app sets the tab's title only where it differs (setting it costs a few milliseconds of
    // the first load): the Chinese title in texts and the one in index.html must be the same.
    let html = include_str!("../index.html");
    let title =
        html.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).expect("index.html has a <title>");
    assert_eq!(title, packwise::app::text::texts(Lang::Zh).page_title);
    assert_ne!(packwise::app::text::texts(Lang::En).page_title, title);
}

/// A removed line can be put back, where it was and as it was, until another line is removed,
/// the offer is dismissed or another estimate is opened.
#[test]
fn a_removed_line_can_be_put_back_where_it_was() {
    let three = Estimate::new(vec![
        Line::new("活体人脸核身", vec![15000]).with_packs(10000, 1),
        Line::new("照片人脸核身", vec![3000]),
        Line::new("ekyc", vec![1000]),
    ]);
    let mut page = Page::open("", Saved { estimate: Some(three.to_json()), ..Saved::default() });
    let ids = page.ids();
    page.remove(ids[1]);
    assert_eq!(page.estimate().lines.len(), 2);
    assert_eq!(page.removed().map(|(at, l)| (at, l.service.as_str())), Some((1, "照片人脸核身")));
    assert_eq!(page.undo_remove(), Some(ids[1]));
    assert_eq!((page.estimate(), page.ids()), (three.clone(), ids.clone()), "back in place, with its id");
    assert_eq!(page.removed(), None);
    // Only the last removal can be undone; dismissed, none.
    page.remove(ids[0]);
    page.remove(ids[2]);
    assert_eq!(page.removed().map(|(at, _)| at), Some(1));
    page.undo_remove();
    assert_eq!(page.estimate().lines.iter().map(|l| l.service.as_str()).collect::<Vec<_>>(), ["照片人脸核身", "ekyc"]);
    page.remove(ids[1]);
    page.forget_removed();
    assert_eq!(page.undo_remove(), None);
    // No room: the estimate has the most lines again, and says so rather than doing nothing.
    let full = Estimate::new(vec![Line::new("活体人脸核身", vec![1000]); packwise::engine::limits::MAX_LINES]);
    let mut page = Page::open("", Saved { estimate: Some(full.to_json()), ..Saved::default() });
    page.remove(page.ids()[0]);
    assert!(!page.undo_blocked());
    page.add_line();
    assert!(page.undo_blocked());
    assert_eq!(page.undo_remove(), None);
    assert!(page.removed().is_some(), "still offered, once there is room");
    page.remove(page.ids()[5]);
    assert!(!page.undo_blocked());
    // Another estimate opened: nothing to put back into it.
    let mut page = Page::open("", Saved { estimate: Some(three.to_json()), ..Saved::default() });
    page.remove(page.ids()[0]);
    page.open_link(&link(&three));
    assert_eq!(page.removed(), None);
}

/// A month's date, the VAT rate or the growth that fills the months refused holds no figure back
/// (none prices anything: the months stay as they were), though nothing leaves the page; the
/// way to a field goes to the one the total waits for first.
#[test]
fn a_date_a_vat_rate_or_a_growth_refused_holds_no_figure_back() {
    let mut page = Page::open("", Saved::default());
    let first = page.ids()[0];
    let date = FieldKey::new(first, LineField::FirstMonth);
    page.set_invalid(date, true);
    page.set_invalid(FieldKey::new(LineId::ESTIMATE, LineField::EstimateVat), true);
    page.set_invalid(FieldKey::new(first, LineField::Growth), true);
    assert_eq!(total(&page), Total::Amount(Some(dec!(12250.00))), "worked example two, still");
    assert!(page.any_invalid() && !page.figures_invalid() && !page.line_invalid(first) && !page.terms_invalid());
    // A case weight refused holds every line's figures back, though no line's own field is.
    let weight = FieldKey::new(LineId::ESTIMATE, LineField::Weight(1));
    page.set_invalid(weight, true);
    assert!(page.terms_invalid() && page.figures_invalid() && !page.line_invalid(first));
    assert_eq!(total(&page), Total::Errors);
    page.set_invalid(weight, false);
    // Month 1's calls sort after the date field: still the one to go to.
    let calls = FieldKey::new(first, LineField::Month(0));
    page.set_invalid(calls, true);
    assert_eq!(total(&page), Total::Errors);
    assert_eq!(page.first_invalid(), Some(calls), "month 1's calls, not the date");
}

/// A line the documents list no price for (ID card OCR, 000:2) holds back the total but not
/// what the other lines come to: 15,000 calls of 活体人脸核身 are 15,000 × 0.75 = 11,250.00,
/// said with the OCR line's reason, and the note names that line and how to count it. A
/// negotiated price (0.1 × 30,000 = 3,000.00) then gives the whole total, 14,250.00.
#[test]
fn a_line_without_a_listed_price_leaves_the_priced_lines_total_said() {
    use packwise::app::format::unpriced_total;
    use packwise::app::page::Unpriced;
    use packwise::engine::explain::Missing;
    let e = Estimate::new(vec![Line::new("活体人脸核身", vec![15_000]), Line::new("身份证识别 OCR", vec![30_000])]);
    let mut page = Page::open(&link(&e), Saved::default());
    let quotes = Quotes::default().update(&page);
    assert_eq!(page.total(&quotes), Total::Amount(None));
    let u = page.unpriced(&quotes).expect("the OCR line has no price");
    assert_eq!(
        u,
        Unpriced {
            part: Some(dec!(11250.00)), lines: vec![(2, "身份证识别 OCR".into(), Some(Missing::NotListed))]
        }
    );
    let said = unpriced_total(&u, "CNY", Lang::Zh);
    assert_eq!(
        (said.headline().as_str(), said.note.as_str()),
        (
            "11,250.00 元 + 未列价格",
            "第 2 项（身份证识别 OCR）未列价格：合计只计有价格的部分；在该项填写协商单价即可计入。"
        )
    );
    page.lang = Lang::En;
    let quotes = Quotes::default().update(&page);
    let u = page.unpriced(&quotes).unwrap();
    let said = unpriced_total(&u, "CNY", Lang::En);
    assert_eq!(
        (said.headline().as_str(), said.note.as_str()),
        (
            "CNY 11,250.00 + Price not listed",
            "Without a price, line 2 (ID card OCR): price not listed. The total counts only what has a price; give a negotiated price to count the rest."
        )
    );
    // Priced, the total stands and nothing waits.
    let id = page.lines().nth(1).unwrap().0;
    page.edit(id, |l| l.negotiated_price = Some(dec!(0.1)));
    let quotes = Quotes::default().update(&page);
    assert_eq!(page.total(&quotes), Total::Amount(Some(dec!(14250.00))));
    assert_eq!(page.unpriced(&quotes), None);
    // A month of 联系商务 (250,000 calls reach 20万及以上, 001:26) leaves the line's other
    // month said: 40,000 × 0.75 = 30,000.00, beside the OCR line's missing price.
    let contact = Estimate::new(vec![
        Line::new("活体人脸核身", vec![40_000, 250_000]),
        Line::new("身份证识别 OCR", vec![30_000, 30_000]),
    ]);
    let page = Page::open(&link(&contact), Saved::default());
    let quotes = Quotes::default().update(&page);
    let u = page.unpriced(&quotes).unwrap();
    assert_eq!(u.part, Some(dec!(30000.00)));
    assert_eq!(u.lines.iter().map(|l| l.0).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(unpriced_total(&u, "CNY", Lang::Zh).headline(), "30,000.00 元 + 需联系商务");
    // No line priced: the words alone.
    let only = Estimate::new(vec![Line::new("身份证识别 OCR", vec![30_000])]);
    let page = Page::open(&link(&only), Saved::default());
    let quotes = Quotes::default().update(&page);
    let u = page.unpriced(&quotes).unwrap();
    assert_eq!(unpriced_total(&u, "CNY", Lang::Zh).headline(), "未列价格");
}

/// A growth is a setting of the line, not a one-off fill: 20,000 calls a month for 12 months
/// at 5 % a month, then 24 months, grows through month 24 (20,000, 21,000, 22,050, … 61,430:
/// 890,040 calls). With worked example two's 1万 pack (8,000 元) drawn in month 1, month 1's
/// postpaid volume is 10,000, in the 0.75 tier like every month: 880,040 × 0.75 + 8,000 =
/// 668,030.00 (the months repeating month 12's 34,207 came to 547,121.00). Month 1 typed
/// again is where the months grow from; another month typed over leaves the growth, and so do
/// the months it then has.
#[test]
fn a_growth_carries_into_months_added_and_month_1_typed_since() {
    let mut page = Page::open("", Saved::default());
    let id = page.ids()[0];
    page.edit(id, |l| edit::set_all_calls(l, 20_000));
    page.edit(id, |l| edit::set_months(l, 12));
    page.edit(id, |l| edit::set_growth(l, Some(dec!(5))));
    page.edit(id, |l| edit::set_months(l, 24));
    let line = &page.estimate().lines[0];
    assert_eq!(line.calls[11..14], [34_207, 35_917, 37_713]);
    assert_eq!(line.calls[23], 61_430);
    assert_eq!(line.calls.iter().sum::<u64>(), 890_040);
    assert_eq!(line.growth, Some(dec!(5)));
    assert_eq!(total(&page), Total::Amount(Some(dec!(668030.00))));
    // It travels with the estimate, and reads back.
    let back = Estimate::from_json(&page.estimate().to_json()).unwrap();
    assert_eq!(back.lines[0].growth, Some(dec!(5)));
    // Month 1 typed: 30,000, 31,500, 33,075, …
    page.edit(id, |l| edit::set_month_calls(l, 0, 30_000));
    assert_eq!(page.estimate().lines[0].calls[..3], [30_000, 31_500, 33_075]);
    assert_eq!(page.estimate().lines[0].growth, Some(dec!(5)));
    // Month 3 typed over: the months stay as typed, and no growth is claimed for them.
    page.edit(id, |l| edit::set_month_calls(l, 2, 1_000));
    let line = &page.estimate().lines[0];
    assert_eq!(line.calls[..4], [30_000, 31_500, 1_000, 34_729]);
    assert_eq!(line.growth, None);
    page.edit(id, |l| edit::set_months(l, 25));
    assert_eq!(page.estimate().lines[0].calls[24], page.estimate().lines[0].calls[23], "the last month repeated");
}

/// A growth with a range is priced in every case (each case's months are its own, with no
/// growth of theirs to follow). 10,000 at 10 % for 3 months, low 20 % under, high 30 % over,
/// postpaid only: likely 10,000 + 11,000 + 12,100 = 33,100 × 0.75 = 24,825.00; low 8,000 +
/// 8,800 + 9,680 = 26,480, each month in the 0.85 tier: 22,508.00; high 13,000 + 14,300 +
/// 15,730 = 43,030 × 0.75 = 32,272.50.
#[test]
fn a_growth_with_a_range_is_priced_in_every_case() {
    use packwise::engine::{catalog, quote};
    let mut page = Page::open("", Saved::default());
    let id = page.ids()[0];
    page.edit(id, |l| l.packs.clear());
    page.edit(id, |l| edit::set_all_calls(l, 10_000));
    page.edit(id, |l| edit::set_months(l, 3));
    page.edit(id, |l| edit::set_spread(l, dec!(20), dec!(30)));
    page.edit(id, |l| edit::set_growth(l, Some(dec!(10))));
    assert_eq!(page.estimate().lines[0].calls_low, Some(vec![8_000, 8_800, 9_680]));
    assert_eq!(total(&page), Total::Amount(Some(dec!(24825.00))));
    let q = quote::quote(catalog::builtin(), &page.estimate(), Lang::En).unwrap();
    let r = q.range.unwrap();
    assert_eq!((r.low, r.likely, r.high), (Some(dec!(22508.00)), Some(dec!(24825.00)), Some(dec!(32272.50))));
}
