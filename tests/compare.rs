//! Scenarios side by side, natively: saving under names, storage and share-link round trips,
//! the comparison's figures and its CSV. Run: `cargo test --test compare`.
#![cfg(not(target_arch = "wasm32"))] // native only: the browser suite is tests/web.rs

use packwise::app::compare::{self, CompareError, MAX_SAVED, Scenarios};
use packwise::engine::catalog::builtin;
use packwise::engine::{Estimate, Lang};

fn est(json: &str) -> Estimate {
    Estimate::from_json(json).unwrap()
}

/// The comparison of one scenario, the estimate `json`, as CSV in Chinese.
fn csv_of_one(json: &str) -> String {
    let mut s = Scenarios::default();
    s.save("A", est(json)).unwrap();
    compare::csv(&compare::compare(builtin(), &s.saved.iter().collect::<Vec<_>>(), Lang::Zh), Lang::Zh)
}

fn two() -> Scenarios {
    let mut s = Scenarios::default();
    // A: worked example two, 12,250. B: the same month with 10 % off: 11,025.
    s.save("A", est(r#"{"lines":[{"service":"活体人脸核身","calls":[15000],"packs":[{"size":10000}]}]}"#)).unwrap();
    s.save(
        "B 折扣",
        est(r#"{"discount":{"percent":"10"},"lines":[{"service":"活体人脸核身","calls":[15000],"packs":[{"size":10000}]}]}"#),
    )
    .unwrap();
    s
}

#[test]
fn scenarios_are_saved_by_name_and_round_trip() {
    let mut s = two();
    assert_eq!(s.save("  ", Estimate::default()), Err(CompareError::NoName));
    // The page asks before it replaces: the name as typed (trimmed) is a saved one's.
    assert!(s.replaces(" A ") && s.replaces("B 折扣"));
    assert!(!s.replaces("a") && !s.replaces("C") && !s.replaces("  "));
    // Same name replaces in place.
    s.save("A", est(r#"{"lines":[{"service":"活体人脸核身","calls":[1000]}]}"#)).unwrap();
    assert_eq!(s.saved.len(), 2);
    assert_eq!(s.saved[0].estimate.lines[0].calls, vec![1000]);
    assert_eq!(Scenarios::from_json(&s.to_json()).unwrap(), s);
    let link = Scenarios::encode(&s.saved.iter().collect::<Vec<_>>());
    assert!(link.starts_with("c="));
    assert_eq!(Scenarios::decode(&format!("#{link}")).unwrap().unwrap(), s);
    assert_eq!(Scenarios::decode("#e=abc").unwrap(), None);
    for i in 0..MAX_SAVED - 2 {
        s.save(&format!("n{i}"), Estimate::default()).unwrap();
    }
    assert_eq!(s.save("one more", Estimate::default()), Err(CompareError::Full));
}

#[test]
fn broken_stored_or_linked_scenarios_say_where() {
    let e = Scenarios::from_json(r#"[{"name":"A","estimate":{"lines":[{"service":"x","calls":[-1]}]}}]"#).unwrap_err();
    assert_eq!(
        e.message(Lang::En),
        "The saved scenarios cannot be read: [0].estimate.lines[0].calls[0]: must be a whole number ≥ 0, not -1"
    );
    assert!(matches!(Scenarios::from_json("{"), Err(CompareError::Unreadable(_))));
    assert!(matches!(Scenarios::from_json(r#"{"a":1}"#), Err(CompareError::Unreadable(_))));
    assert!(matches!(Scenarios::decode("#c=%%%"), Err(CompareError::BadLink(_))));
    // A link's problem is said as a link's, not as the saved scenarios'.
    let e = Scenarios::decode("#c=%%%").unwrap_err();
    assert_eq!(e.message(packwise::engine::Lang::Zh), "链接中的已存方案不完整或已损坏（可能复制时被截断），没有载入。");
    let e = Scenarios::decode("#c=abc").unwrap_err();
    assert_eq!(e.message(packwise::engine::Lang::En), "The scenarios link is damaged: it does not hold scenarios.");
    assert!(matches!(Scenarios::decode("#c=e30"), Err(CompareError::LinkUnreadable(_))));
    // A list cut short ("[1,2", base64 "WzEsMg"): where it stops, in the page's language, not
    // the JSON reader's English.
    let e = Scenarios::decode("#c=WzEsMg").unwrap_err();
    assert_eq!(e.message(Lang::Zh), "方案链接中的内容无法读取：不是有效的 JSON（第 1 行第 4 列）");
    assert_eq!(e.message(Lang::En), "The scenarios in the link cannot be read: not JSON (line 1, column 4)");
}

#[test]
fn the_comparison_prices_each_scenario_and_exports_csv() {
    let s = two();
    let chosen: Vec<_> = s.saved.iter().collect();
    let cols = compare::compare(builtin(), &chosen, Lang::Zh);
    let totals: Vec<String> = cols.iter().map(|c| c.total.unwrap().to_string()).collect();
    assert_eq!(totals, vec!["12250.00", "11025.00"]);
    assert_eq!(cols[1].months, vec![Some("11025.00".parse().unwrap())]);
    // The cheapest plan for 15,000 calls: postpaid only at 0.75 (15,000 × 0.75 = 11,250) beats
    // the pack; with 10 % off, 10,125.
    assert_eq!(cols[0].cheapest.unwrap().to_string(), "11250.00");
    assert_eq!(cols[1].cheapest.unwrap().to_string(), "10125.00");
    assert!(cols.iter().all(|c| c.proven));
    // B costs 12,250.00 − 11,025.00 = 1,225.00 less.
    assert_eq!(compare::above_least(&cols), [Some("1225.00".parse().unwrap()), Some("0.00".parse().unwrap())]);
    let csv = compare::csv(&cols, Lang::Zh);
    assert!(csv.starts_with("\u{feff}项目,A,B 折扣\r\n合计,12250.00,11025.00\r\n比最低的多,1225.00,0.00\r\n"), "{csv}");
    assert!(csv.contains("第 1 项,活体人脸核身：12250.00,活体人脸核身：11025.00"), "{csv}");
    // Without a range the cheapest plan is a cost, not an expected one.
    assert!(csv.contains("\r\n最省方案,") && !csv.contains("期望"), "{csv}");
    // And what it buys: nothing here.
    assert!(csv.contains("\r\n最省方案买什么,不买资源包，全部后付费,不买资源包，全部后付费\r\n"), "{csv}");
    // 300,000 calls over a year (25,000 a month): 215,000 = 4 × 25,000 × 0.75 postpaid, then one
    // 20万 pack (140,000) for months 5–12; each line's plan after its service's name where there
    // are two.
    let mut year = Scenarios::default();
    year.save(
        "year",
        est(r#"{"lines":[{"service":"活体人脸核身","calls":[25000,25000,25000,25000,25000,25000,25000,25000,25000,25000,25000,25000]},{"service":"照片人脸核身","calls":[0]}]}"#),
    )
    .unwrap();
    let cols = compare::compare(builtin(), &year.saved.iter().collect::<Vec<_>>(), Lang::En);
    assert_eq!(cols[0].cheapest.unwrap().to_string(), "215000.00");
    assert_eq!(
        cols[0].plan.as_deref(),
        Some("Liveness face verification: 1 × 200,000 in month 5; Photo face verification: No packs, all postpaid")
    );
}

/// Dated scenarios are compared month by calendar month: A buys 15,000 calls in 2027-01 and
/// 2027-02 (11,250 each, 15,000 × 0.75), B the same from 2027-02 to 2027-03; their months side by
/// side are 2027-01 to 2027-03, each scenario's cost where it has that month.
#[test]
fn dated_scenarios_are_compared_by_calendar_month() {
    let mut s = Scenarios::default();
    s.save("A", est(r#"{"lines":[{"service":"活体人脸核身","calls":[15000,15000],"first_month":"2027-01"}]}"#))
        .unwrap();
    s.save("B", est(r#"{"lines":[{"service":"活体人脸核身","calls":[15000,15000],"first_month":"2027-02"}]}"#))
        .unwrap();
    let cols = compare::compare(builtin(), &s.saved.iter().collect::<Vec<_>>(), Lang::En);
    let rows = compare::month_rows(&cols, Lang::En);
    let said: Vec<String> = rows
        .iter()
        .map(|(label, cells)| {
            let cells: Vec<String> = cells
                .iter()
                .map(|c| c.and_then(|(d, _)| d).map_or_else(|| "-".to_string(), |d| d.to_string()))
                .collect();
            format!("{label}: {}", cells.join(" / "))
        })
        .collect();
    assert_eq!(said, ["2027-01: 11250.00 / -", "2027-02: 11250.00 / 11250.00", "2027-03: - / 11250.00"]);
    let csv = compare::csv(&cols, Lang::En);
    assert!(csv.contains("\r\n2027-03,,11250.00\r\n"), "{csv}");
    // One undated: by month number, as before.
    s.save("B", est(r#"{"lines":[{"service":"活体人脸核身","calls":[15000]}]}"#)).unwrap();
    let cols = compare::compare(builtin(), &s.saved.iter().collect::<Vec<_>>(), Lang::En);
    let labels: Vec<String> = compare::month_rows(&cols, Lang::En).into_iter().map(|(l, _)| l).collect();
    assert_eq!(labels, ["Month 1", "Month 2"]);
}

/// A scenario with a line the documents list no price for (ID card OCR) says what has a price
/// and why the rest has none, as the page's total does: 15,000 × 0.75 = 11,250 + 未列价格.
#[test]
fn a_scenario_waiting_for_a_price_says_what_has_one() {
    let mut s = Scenarios::default();
    let e = r#"{"lines":[{"service":"活体人脸核身","calls":[15000]},{"service":"ocr_id_card","calls":[4000]}]}"#;
    s.save("A", est(e)).unwrap();
    let cols = compare::compare(builtin(), &s.saved.iter().collect::<Vec<_>>(), Lang::En);
    let money = |d: rust_decimal::Decimal| d.to_string();
    assert_eq!(
        compare::figure(&cols[0], cols[0].total, cols[0].priced, money, Lang::En),
        "11250.00 + Price not listed"
    );
    let csv = csv_of_one(e);
    assert!(csv.contains("\r\n合计,11250.00 + 未列价格\r\n"), "{csv}");
    assert!(csv.contains("身份证识别 OCR：未列价格"), "{csv}");
}

/// The same beside a range (two months of 15,000 likely, 9,000 low, 20,000 high liveness
/// checks, all postpaid): each case, and each month, says what has a price. Low 2 × 9,000 ×
/// 0.85 = 15,300; high 2 × 20,000 × 0.75 = 30,000; month 1 likely 15,000 × 0.75 = 11,250.
#[test]
fn a_range_waiting_for_a_price_says_what_has_one_in_each_case_and_month() {
    let csv = csv_of_one(
        r#"{"lines":[{"service":"活体人脸核身","calls":[15000,15000],"calls_low":[9000,9000],
        "calls_high":[20000,20000]},{"service":"ocr_id_card","calls":[4000,4000]}]}"#,
    );
    assert!(csv.contains("\r\n低,15300.00 + 未列价格\r\n"), "{csv}");
    assert!(csv.contains("\r\n高,30000.00 + 未列价格\r\n"), "{csv}");
    assert!(csv.contains("\r\n第 1 月,11250.00 + 未列价格\r\n"), "{csv}");
    // The ID card line one month longer: its month 3 waits alone, with nothing priced (not "0 +").
    let csv = csv_of_one(
        r#"{"lines":[{"service":"活体人脸核身","calls":[15000,15000]},{"service":"ocr_id_card","calls":[4000,4000,4000]}]}"#,
    );
    assert!(csv.contains("\r\n第 3 月,未列价格\r\n"), "{csv}");
}

/// A range whose high case passes the postpaid table's last tier while the likely case has a
/// price (6 months of 150,000, low 100,000, high 250,000 from month 2): the high side asks sales
/// for all but month 1 (150,000 × 0.68 = 102,000), the low side is 6 × 100,000 × 0.68 = 408,000,
/// and the expected cost waits too (not the likely total in its place).
#[test]
fn a_case_past_the_last_tier_says_it_asks_sales_in_the_comparison() {
    let csv = csv_of_one(
        r#"{"lines":[{"service":"活体人脸核身","calls":[150000,150000,150000,150000,150000,150000],
        "calls_low":[100000,100000,100000,100000,100000,100000],
        "calls_high":[150000,250000,250000,250000,250000,250000]}]}"#,
    );
    assert!(csv.contains("\r\n低,408000.00\r\n"), "{csv}");
    assert!(csv.contains("\r\n高,102000.00 + 需联系商务\r\n"), "{csv}");
    assert!(csv.contains("\r\n期望费用,需联系商务\r\n"), "{csv}");
}

#[test]
fn a_comparison_link_adds_its_scenarios_to_the_page_with_a_notice() {
    use packwise::app::page::{Notice, Page, Saved};
    let s = two();
    let link = format!("#{}", Scenarios::encode(&s.saved.iter().collect::<Vec<_>>()));
    let page = Page::open(&link, Saved::default());
    assert_eq!(page.scenarios(), &s);
    assert_eq!(page.notices(), &[Notice::ScenariosLoaded(2)]);
    assert_eq!(page.linked_scenarios(), ["A", "B 折扣"], "ticked, to show the comparison shared");
    // A scenario of the visitor's own under a name the link also uses is never written over: the
    // link's is kept beside it as "A (2)"; one the visitor already has, as it is, is not doubled.
    let mut own = Scenarios::default();
    own.save("A", est(r#"{"lines":[{"service":"活体人脸核身","calls":[1000]}]}"#)).unwrap();
    own.save("B 折扣", s.get("B 折扣").unwrap().estimate.clone()).unwrap();
    let page = Page::open(&link, Saved { scenarios: Some(own.to_json()), ..Saved::default() });
    let names: Vec<&str> = page.scenarios().saved.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["A", "B 折扣", "A (2)"]);
    assert_eq!(page.scenarios().get("A").unwrap().estimate, own.get("A").unwrap().estimate);
    assert_eq!(page.scenarios().get("A (2)").unwrap().estimate, s.get("A").unwrap().estimate);
    assert_eq!(page.linked_scenarios(), ["A (2)", "B 折扣"]);
    // All or nothing: where the link's do not all fit, none is added (and none shown unstored).
    let mut full = Scenarios::default();
    for k in 0..MAX_SAVED - 1 {
        full.save(&format!("S{k}"), est(r#"{"lines":[{"service":"活体人脸核身","calls":[1000]}]}"#)).unwrap();
    }
    let mut merged = full.clone();
    assert_eq!(merged.merge(s.clone()), Err(CompareError::Full));
    assert_eq!(merged, full, "the one that fitted was not kept either");
    // A broken one says why; stored scenarios that cannot be read say so too, and the page opens.
    let page = Page::open("#c=e30", Saved { scenarios: Some("[1]".into()), ..Saved::default() });
    assert_eq!(page.notices().len(), 2);
    assert!(page.notices().iter().all(|n| matches!(n, Notice::BadScenarios(_))));
    assert_eq!(page.estimate().lines.len(), 1, "the default estimate");
}

#[test]
fn one_damaged_stored_scenario_does_not_cost_the_others() {
    let text = r#"[{"name":"A","estimate":{"lines":[]}},{"name":"B","estimate":{"lines":[{"calls":[1]}]}},{"name":"C","estimate":{}}]"#;
    let (s, problem) = Scenarios::read_lenient(text);
    assert_eq!(s.saved.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(), ["A", "C"]);
    assert_eq!(
        problem.unwrap().message(Lang::En),
        "The saved scenarios cannot be read: [1].estimate.lines[0].service: missing"
    );
    assert!(Scenarios::from_json(text).is_err(), "a link must be read whole");
}

/// Tabs of the page sharing one storage, as the browser gives them: each change is made to what
/// is stored when it is made, and the other tabs are told (the `storage` event).
mod tabs {
    use super::*;
    use packwise::app::compare::Change;
    use packwise::app::page::{Notice, Page, Saved, StorageProblem};

    #[derive(Default)]
    pub struct Browser {
        pub stored: Option<String>,
        pub tabs: Vec<Page>,
    }

    impl Browser {
        /// Opens a tab, reading what is stored now.
        pub fn open(&mut self) -> usize {
            self.tabs.push(Page::open("", Saved { scenarios: self.stored.clone(), ..Saved::default() }));
            self.tabs.len() - 1
        }

        /// Tab `i` makes a change; the others hear of the write.
        pub fn change(&mut self, i: usize, change: Change) -> Result<(), CompareError> {
            let written = self.tabs[i].change_scenarios(&change, Ok(self.stored.clone()))?;
            if let Some(text) = written {
                self.stored = Some(text);
                for (j, tab) in self.tabs.iter_mut().enumerate() {
                    if j != i {
                        tab.show_stored_scenarios(self.stored.as_deref());
                    }
                }
            }
            Ok(())
        }

        pub fn save(&mut self, i: usize, name: &str) -> Result<(), CompareError> {
            let estimate = self.tabs[i].estimate();
            self.change(i, Change::Save { name: name.into(), estimate })
        }

        pub fn names(&self, i: usize) -> Vec<String> {
            self.tabs[i].scenarios().saved.iter().map(|s| s.name.clone()).collect()
        }
    }

    #[test]
    fn three_tabs_saving_lose_nothing() {
        let mut b = Browser::default();
        // Tab B is opened first; then A. A saves "north", B "south", A "east".
        let (tab_b, tab_a) = (b.open(), b.open());
        b.save(tab_a, "north").unwrap();
        b.save(tab_b, "south").unwrap();
        b.save(tab_a, "east").unwrap();
        let later = b.open();
        assert_eq!(b.names(later), ["north", "south", "east"], "south is kept");
        assert_eq!(b.names(tab_a), b.names(later));
        assert_eq!(b.names(tab_b), b.names(later));
    }

    #[test]
    fn a_delete_never_comes_back_from_another_tab() {
        let mut b = Browser::default();
        let (a, c) = (b.open(), b.open());
        b.save(a, "x").unwrap();
        b.save(a, "y").unwrap();
        // Tab C never heard of the delete (its storage event was missed: a frozen tab); its
        // next save still writes onto what is stored, not its own list.
        b.change(a, Change::Delete { name: "x".into() }).unwrap();
        b.tabs[c].show_stored_scenarios(Some(r#"[{"name":"x","estimate":{}},{"name":"y","estimate":{}}]"#));
        b.save(c, "z").unwrap();
        let fresh = b.open();
        assert_eq!(b.names(fresh), ["y", "z"]);
        // Renaming what another tab deleted says so, and shows what is left.
        b.change(a, Change::Delete { name: "y".into() }).unwrap();
        let err = b.change(c, Change::Rename { from: "y".into(), to: "w".into() }).unwrap_err();
        assert_eq!(err, CompareError::Gone("y".into()));
        assert_eq!(err.message(Lang::En), "The scenario “y” was deleted in another tab.");
        assert_eq!(b.names(c), ["z"]);
        // A rename reaches every tab; a taken name is refused.
        b.save(a, "v").unwrap();
        b.change(c, Change::Rename { from: "z".into(), to: " south ".into() }).unwrap();
        assert_eq!(b.names(a), ["south", "v"]);
        assert_eq!(
            b.change(a, Change::Rename { from: "v".into(), to: "south".into() }),
            Err(CompareError::Taken("south".into()))
        );
    }

    #[test]
    fn the_later_of_two_saves_under_one_name_wins_in_both_tabs() {
        let mut b = Browser::default();
        let (a, c) = (b.open(), b.open());
        for (tab, calls) in [(a, 1_000), (c, 2_000)] {
            let id = b.tabs[tab].ids()[0];
            b.tabs[tab].edit(id, |l| l.calls = vec![calls]);
        }
        b.save(a, "plan").unwrap();
        b.save(c, "plan").unwrap();
        for tab in [a, c] {
            let s = b.tabs[tab].scenarios();
            assert_eq!(s.saved.len(), 1);
            assert_eq!(s.get("plan").unwrap().estimate.lines[0].calls, vec![2_000]);
        }
    }

    #[test]
    fn without_storage_a_tab_keeps_its_own_changes() {
        let mut page = Page::open("", Saved { problem: Some(StorageProblem::Unavailable), ..Saved::default() });
        let e = page.estimate();
        let written =
            page.change_scenarios(&Change::Save { name: "mine".into(), estimate: e }, Err(StorageProblem::Unavailable));
        assert_eq!(written, Ok(None), "nothing to store");
        assert_eq!(page.scenarios().saved.len(), 1);
        assert_eq!(page.notices().iter().filter(|n| matches!(n, Notice::StorageOff(_))).count(), 1);
    }

    #[test]
    fn scenarios_storage_would_not_keep_stay_the_pages_own() {
        // Storage full: "A" cannot be written. Saving "B" next must not read storage (which has
        // neither) over "A", but merge "A" into it; another tab's write must not wipe it either.
        // Once storage keeps them, it is read again.
        let mut page = Page::open("", Saved::default());
        let e = page.estimate();
        let save = |page: &mut Page, name: &str, stored: Option<String>| {
            page.change_scenarios(&Change::Save { name: name.into(), estimate: e.clone() }, Ok(stored)).unwrap()
        };
        assert!(save(&mut page, "A", None).is_some());
        page.scenarios_kept(false);
        let names = |page: &Page| page.scenarios().saved.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
        page.scenarios_stored_elsewhere(Some("[]"));
        assert_eq!(names(&page), ["A"], "another tab's write does not wipe it");
        assert!(save(&mut page, "B", None).is_some());
        assert_eq!(names(&page), ["A", "B"]);
        page.scenarios_kept(false);
        // Another tab has saved "X" meanwhile: the next change keeps it, and the page's own.
        let theirs = format!(r#"[{{"name":"X","estimate":{}}}]"#, e.to_json());
        let text = save(&mut page, "C", Some(theirs)).unwrap();
        assert_eq!(names(&page), ["X", "A", "B", "C"]);
        page.scenarios_kept(true);
        page.scenarios_stored_elsewhere(Some(&text));
        assert_eq!(names(&page), ["X", "A", "B", "C"]);
        page.scenarios_stored_elsewhere(Some("[]"));
        assert!(names(&page).is_empty(), "kept: storage is read again");
    }

    #[test]
    fn another_tabs_estimate_is_offered_never_put_in_place() {
        let mut mine = Page::open("", Saved::default());
        let id = mine.ids()[0];
        mine.edit(id, |l| l.calls = vec![3_000]);
        let before = mine.estimate();
        let theirs = |calls: u64| {
            format!(
                r#"{{"lines":[{{"service":"活体人脸核身","calls":[{calls}],"packs":[{{"size":10000,"count":1}}]}}]}}"#
            )
        };
        mine.estimate_stored_elsewhere(&theirs(15_000));
        mine.estimate_stored_elsewhere(&theirs(16_000));
        assert_eq!(mine.estimate(), before, "this tab keeps what it shows");
        assert_eq!(mine.notices(), &[Notice::OtherTab], "said once");
        // The visitor opens it: the newest one.
        mine.open_other_tab();
        assert_eq!(mine.estimate().lines[0].calls, vec![16_000]);
        assert!(mine.notices().is_empty());
        // The same estimate, or an unreadable one, says nothing; dismissing forgets the offer.
        mine.estimate_stored_elsewhere(&theirs(16_000));
        mine.estimate_stored_elsewhere("{not json");
        assert!(mine.notices().is_empty());
        mine.estimate_stored_elsewhere(&theirs(1));
        mine.dismiss(0);
        mine.open_other_tab();
        assert_eq!(mine.estimate().lines[0].calls, vec![16_000], "nothing left to open");
    }
}

/// A scenario with a range sets its own expected cost beside its cheapest plan's, so the two
/// expected figures are read together (a buyer's review read the likely total, 12,250, against
/// the cheapest plan's expected cost). Worked example two from 10,000 to 20,000 calls: low
/// 8,000 (the 1万 pack covers it), likely 12,250, high 8,000 + 10,000 × 0.75 = 15,500; at
/// 0.25/0.5/0.25 that is 2,000 + 6,125 + 3,875 = 12,000.00. Postpaid only: 7,500, 11,250 and
/// 15,000, expected 11,250.00.
#[test]
fn a_ranges_expected_cost_stands_beside_its_cheapest_plans() {
    let mut s = Scenarios::default();
    s.save(
        "range",
        est(r#"{"lines":[{"service":"活体人脸核身","calls":[15000],"calls_low":[10000],"calls_high":[20000],"packs":[{"size":10000}]}]}"#),
    )
    .unwrap();
    let cols = compare::compare(builtin(), &s.saved.iter().collect::<Vec<_>>(), Lang::En);
    assert_eq!(cols[0].expected.unwrap().to_string(), "12000.00");
    assert_eq!(cols[0].cheapest.unwrap().to_string(), "11250.00");
    let csv = compare::csv(&cols, Lang::En);
    assert!(csv.contains("\r\nExpected cost,12000.00\r\nCheapest plan (expected),11250.00\r\n"), "{csv}");
}

/// The scenarios ticked are kept between visits as a list of names: read back as written, at
/// most four, and anything unreadable is none ticked.
#[test]
fn the_ticked_scenarios_are_kept_as_their_names() {
    use packwise::app::compare::{read_compared, write_compared};
    let names = vec!["低量".to_string(), "high \"peak\"".to_string()];
    assert_eq!(write_compared(&names), r#"["低量","high \"peak\""]"#);
    assert_eq!(read_compared(&write_compared(&names)), names);
    assert_eq!(read_compared(r#"["a","b","c","d","e"]"#), ["a", "b", "c", "d"]);
    for broken in ["", "not json", "{\"a\":1}", "[1,2]"] {
        assert!(read_compared(broken).is_empty(), "{broken}");
    }
    // An empty name is no scenario's; a name twice is one, trimmed as names are.
    assert_eq!(read_compared(r#"["", "a"]"#), ["a"]);
    assert_eq!(read_compared(r#"["a", " a ", "a", "b"]"#), ["a", "b"]);
}

/// A scenario that states its VAT: its total before and with it, beside one that does not.
/// A: 12,250.00 plus 6 % = 12,985.00; B: 10 % off, 11,025.00 with 6 % included = 10,400.94
/// before it (11,025 × 100 / 106 = 10,400.943…).
#[test]
fn scenarios_stating_vat_give_their_totals_before_and_with_it() {
    let mut s = Scenarios::default();
    let base = r#""lines":[{"service":"活体人脸核身","calls":[15000],"packs":[{"size":10000}]}]"#;
    s.save("A", est(&format!(r#"{{"vat":{{"percent":"6","included":false}},{base}}}"#))).unwrap();
    s.save("B", est(&format!(r#"{{"vat":{{"percent":"6","included":true}},"discount":{{"percent":"10"}},{base}}}"#)))
        .unwrap();
    s.save("C", est(&format!("{{{base}}}"))).unwrap();
    let cols = compare::compare(builtin(), &s.saved.iter().collect::<Vec<_>>(), Lang::En);
    let rows = compare::vat_rows(&cols, Lang::En);
    let d = |t: &str| Some(t.parse().unwrap());
    assert_eq!(rows[0], ("Total before VAT".to_string(), vec![d("12250.00"), d("10400.94"), None]));
    assert_eq!(rows[1], ("Total with VAT".to_string(), vec![d("12985.00"), d("11025.00"), None]));
    let csv = compare::csv(&cols, Lang::En);
    assert!(csv.contains("\r\nTotal before VAT,12250.00,10400.94,\r\nTotal with VAT,12985.00,11025.00,\r\n"), "{csv}");
    // None states it: no such rows.
    assert!(compare::vat_rows(&cols[2..], Lang::En).is_empty());
}
