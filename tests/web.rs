//! Browser tests of the widget, in headless Chromium (`cargo xtask test` runs them through
//! wasm-bindgen-test-runner).
//! They act as a customer does — clicks, typing, choosing — and check what is shown by
//! `data-testid`, role or label, never whole HTML.
#![cfg(target_arch = "wasm32")]

use repay_widget::i18n::Locale;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

const CN: &str = include_str!("../crates/engine/data/cn-card.json");
const US: &str = include_str!("../crates/engine/data/us-card.json");
const UK: &str = include_str!("../crates/engine/data/uk-card.json");

/// A new element to mount into, with no draft left by an earlier test: the widget
/// resumes the draft this tab kept for the account, and every test uses one account.
fn fresh_root() -> Element {
    let window = web_sys::window().unwrap();
    window.session_storage().unwrap().unwrap().clear().unwrap();
    let document = window.document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).unwrap()
}

fn by_test_id(root: &Element, id: &str) -> Element {
    find(root, &format!("[data-testid=\"{id}\"]"))
        .unwrap_or_else(|| panic!("no element with data-testid={id}"))
}

fn text(root: &Element, id: &str) -> String {
    by_test_id(root, id).text_content().unwrap_or_default()
}

fn click(element: &Element) {
    element.dyn_ref::<HtmlElement>().unwrap().click();
}

/// Fires a bubbling event, as a browser does after the customer types or chooses.
fn fire(element: &Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    element.dispatch_event(&event).unwrap();
}

/// The input whose label reads `label`.
fn input_labelled(root: &Element, label: &str) -> HtmlInputElement {
    let labels = root.query_selector_all("label").unwrap();
    for i in 0..labels.length() {
        let element: Element = labels.item(i).unwrap().unchecked_into();
        if element.text_content().unwrap_or_default().trim() == label {
            let id = element.get_attribute("for").unwrap();
            return find(root, &format!("[id=\"{id}\"]"))
                .unwrap()
                .unchecked_into();
        }
    }
    panic!("no field labelled {label:?}");
}

/// Waits until `holds` (polling every 50 ms, the scheduler flushed), failing with `what`
/// after 5 s: a wait as long as it needs and no longer, instead of a fixed sleep.
async fn until(what: &str, holds: impl Fn() -> bool) {
    for _ in 0..100 {
        yew::scheduler::flush().await;
        if holds() {
            return;
        }
        yew::platform::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("after 5 s, still not: {what}");
}

async fn type_into(field: &HtmlInputElement, value: &str) {
    field.set_value(value);
    fire(field, "input");
    yew::scheduler::flush().await;
}

/// An offer's key in the browser is the bank's: the value crates/engine/tests/proposals.rs
/// pins natively (a list's length is hashed at 64 bits on both).
#[wasm_bindgen_test]
fn offers_are_keyed_in_the_browser_as_on_the_banks_server() {
    let scenario = repay_engine::Scenario::from_json(CN).unwrap();
    assert_eq!(scenario.policy.plans[2].key_text(), "9426e461656e37c2");
}

#[wasm_bindgen_test]
async fn shows_the_overdue_status_in_the_configured_language() {
    let root = fresh_root();
    let _app = repay_widget::mount(root.clone(), CN);
    yew::scheduler::flush().await;

    assert_eq!(
        by_test_id(&root, "repay-widget")
            .get_attribute("lang")
            .as_deref(),
        Some("zh-CN")
    );
    assert!(
        text(&root, "overdue-amount").contains("860.00"),
        "{}",
        text(&root, "overdue-amount")
    );
    assert_eq!(text(&root, "days-past-due"), "已逾期 18 天");
    // None of the minimum was paid: the overdue amount is named as the statement names it.
    let label = |root: &Element| {
        by_test_id(root, "overdue-amount")
            .previous_element_sibling()
            .and_then(|dt| dt.text_content())
            .unwrap_or_default()
    };
    assert_eq!(label(&root), "未还的最低还款额");
    assert!(text(&root, "due-date").contains("2026年11月10日"));
    assert_eq!(text(&root, "stage"), "逾期");
    assert!(text(&root, "owed-today").contains("8,650.74"));
    // The timeline: reported to the credit bureau on 10 Dec, act before 9 Dec.
    let timeline = text(&root, "timeline");
    assert!(
        timeline.contains("2026年12月10日") && timeline.contains("2026年12月9日"),
        "{timeline}"
    );
    assert!(text(&root, "waiting-cost").contains("184.90"));

    // Part of the minimum paid since: what is overdue is no longer the minimum.
    let root = fresh_root();
    let part_paid = CN.replace(
        "\"overdue_amount\": \"860.00\"",
        "\"overdue_amount\": \"500.00\"",
    );
    let _app = repay_widget::mount(root.clone(), &part_paid);
    yew::scheduler::flush().await;
    assert!(text(&root, "overdue-amount").contains("500.00"));
    assert_eq!(label(&root), "逾期金额");
}

#[wasm_bindgen_test]
async fn switches_language_from_the_list_of_five() {
    let root = fresh_root();
    let _app = repay_widget::mount(root.clone(), CN);
    yew::scheduler::flush().await;

    // Five languages are one closed disclosure naming the current language, the five
    // buttons behind it.
    let picker = by_test_id(&root, "language");
    assert_eq!(picker.tag_name(), "DETAILS");
    assert!(!picker.has_attribute("open"));
    let summary = || find(&root, "[data-testid=\"language\"] summary").unwrap();
    assert_eq!(summary().text_content().unwrap(), "语言：简体中文");
    let buttons = root
        .query_selector_all("[data-testid=\"language\"] [data-testid^=\"language-\"]")
        .unwrap();
    assert_eq!(buttons.length(), 5);

    click(&summary());
    yew::scheduler::flush().await;
    assert!(by_test_id(&root, "language").has_attribute("open"));
    click(&by_test_id(&root, "language-en-US"));
    yew::scheduler::flush().await;

    assert_eq!(
        by_test_id(&root, "repay-widget")
            .get_attribute("lang")
            .as_deref(),
        Some("en-US")
    );
    assert_eq!(summary().text_content().unwrap(), "Language: English (US)");
    // Chosen: the disclosure closes onto its summary, which keeps the keyboard's place.
    assert!(!by_test_id(&root, "language").has_attribute("open"));
    let active = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    assert!(active.is_same_node(Some(&summary())));
    assert_eq!(
        by_test_id(&root, "language-en-US")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    assert_eq!(text(&root, "days-past-due"), "18 days past due");
    assert_eq!(text(&root, "stage"), "Late");
}

#[wasm_bindgen_test]
async fn two_languages_are_two_buttons_and_one_is_none() {
    let root = fresh_root();
    let two = CN.replacen('{', r#"{"locales": ["zh-CN", "en-US"],"#, 1);
    let _app = repay_widget::mount(root.clone(), &two);
    yew::scheduler::flush().await;

    assert!(find(&root, "[data-testid=language]").is_none());
    let english = by_test_id(&root, "language-en-US");
    click(&english);
    yew::scheduler::flush().await;
    assert_eq!(
        english.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert_eq!(text(&root, "days-past-due"), "18 days past due");

    let root = fresh_root();
    let one = CN.replacen('{', r#"{"locales": ["zh-CN"],"#, 1);
    let _app = repay_widget::mount(root.clone(), &one);
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "days-past-due"), "已逾期 18 天");
    assert!(find(&root, "[data-testid^=language]").is_none());
}

#[wasm_bindgen_test]
async fn paying_now_shows_the_exact_amount_the_date_and_the_channels() {
    let root = fresh_root();
    let _app = repay_widget::mount(root.clone(), CN);
    yew::scheduler::flush().await;

    let button = by_test_id(&root, "pay-now");
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    click(&button);
    yew::scheduler::flush().await;

    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let panel = text(&root, "pay-now-panel");
    assert!(panel.contains("910.74"), "{panel}");
    // The credit-bureau report on 10 Dec comes before anything else: the panel leads with
    // paying by 9 Dec, then the next late fee on 14 Dec (paying by Friday 11 Dec stops
    // it: the 12th and 13th are the bank's weekend).
    let pay_by = text(&root, "pay-by");
    assert!(pay_by.contains("2026年12月9日"), "{pay_by}");
    assert!(pay_by.contains("2026年12月10日"), "{pay_by}");
    let next = text(&root, "next-charge");
    assert!(
        next.contains("2026年12月11日") && next.contains("43.00"),
        "{next}"
    );
    let links = by_test_id(&root, "pay-now-panel")
        .query_selector_all("a")
        .unwrap();
    assert_eq!(
        links.length(),
        3,
        "app, online banking and auto-debit have links"
    );
    assert!(
        panel.contains("示例银行信用卡中心"),
        "transfer details are shown"
    );
}

/// A notice whose day has passed is said as the day it was due, never promised: the US
/// customer's penalty interest starts on 24 December with 45 days' notice, due on
/// 9 November, before the snapshot's 28 November.
#[wasm_bindgen_test]
async fn a_notice_whose_day_has_passed_is_not_promised() {
    let root = fresh_root();
    let _app = repay_widget::mount(root.clone(), US);
    yew::scheduler::flush().await;

    let timeline = text(&root, "timeline");
    assert!(
        timeline.contains(
            "The bank's notice of this was due on November 9, 2026, 45 days before it: \
             if you have not had it, ask the bank."
        ),
        "{timeline}"
    );
    assert!(!timeline.contains("45 days in advance"), "{timeline}");
    assert!(!timeline.contains("look out for its letter"), "{timeline}");
}

#[wasm_bindgen_test]
async fn a_bad_configuration_names_the_field_instead_of_a_blank_area() {
    let root = fresh_root();
    let bad = CN.replace(
        "\"overdue_amount\": \"860.00\"",
        "\"overdue_amount\": \"eight hundred\"",
    );
    assert_ne!(bad, CN, "the test must actually break the configuration");
    let _app = repay_widget::mount(root.clone(), &bad);
    yew::scheduler::flush().await;

    let detail = text(&root, "config-error-detail");
    assert!(detail.contains("account.overdue_amount"), "{detail}");
    assert!(detail.contains("不是有效数字"), "{detail}");
    assert_eq!(
        by_test_id(&root, "config-error")
            .get_attribute("role")
            .as_deref(),
        Some("alert")
    );
    // The bank's contact is right, so the panel still offers a person to call.
    let phone = find(&by_test_id(&root, "config-error"), "a[href^=\"tel:\"]").unwrap();
    assert_eq!(
        phone.get_attribute("href").as_deref(),
        Some("tel:4000000000")
    );
}

#[wasm_bindgen_test]
async fn a_link_that_could_run_script_is_refused() {
    let root = fresh_root();
    let bad = CN.replace("\"/app/repay\"", "\"javascript:alert(1)\"");
    assert_ne!(bad, CN);
    let _app = repay_widget::mount(root.clone(), &bad);
    yew::scheduler::flush().await;
    assert!(text(&root, "config-error-detail").contains("payment_channels[0].url"));
}

#[wasm_bindgen_test]
async fn invalid_json_is_reported_with_its_position() {
    let root = fresh_root();
    let _app = repay_widget::mount(root.clone(), "{\"locale\": \"en-US\",");
    yew::scheduler::flush().await;
    assert!(text(&root, "config-error-detail").contains("line 1"));
}

/// The guidance around the figures: what matters most, the dates that avoid each harm,
/// the last payment, a person to call, what paying part now still avoids, and a
/// suggestion that follows the reason given.
#[wasm_bindgen_test]
async fn guidance_leads_with_what_matters_and_follows_what_the_customer_said() {
    let root = fresh_root();
    let _app = repay_widget::mount(
        root.clone(),
        &CN.replace("\"locale\": \"zh-CN\"", "\"locale\": \"en-US\""),
    );
    yew::scheduler::flush().await;

    let leading = text(&root, "leading");
    assert!(
        leading.contains("Reported to the credit bureaus"),
        "{leading}"
    );
    // The report stops once the unpaid minimum (860.00) is paid: the least that avoids
    // it, not everything owed (910.74).
    assert!(
        leading.contains("Paying CN¥860.00 by December 9, 2026 avoids it."),
        "{leading}"
    );
    let deadlines = by_test_id(&root, "deadlines");
    assert_eq!(deadlines.query_selector_all("li").unwrap().length(), 5);
    let first = find(&deadlines, "li").unwrap().text_content().unwrap();
    assert!(first.starts_with("Serious"), "{first}");
    assert!(text(&root, "last-payment").contains("1,200.00"));
    let phone = find(&by_test_id(&root, "bank-contact"), "a[href^=\"tel:\"]").unwrap();
    assert_eq!(
        phone.get_attribute("href").as_deref(),
        Some("tel:4000000000")
    );

    // Part of it now: the fee shrinks, the report still comes.
    click(&by_test_id(&root, "pay-now"));
    yew::scheduler::flush().await;
    type_into(
        &input_labelled(
            &root,
            "Amount you could pay now: see what it would still avoid",
        ),
        "500",
    )
    .await;
    let part = text(&root, "part-result");
    assert!(part.contains("smaller: CN¥18.00"), "{part}");
    // What still comes is said with its date, not as a verdict.
    assert!(part.contains("comes on December 10, 2026"), "{part}");
    assert!(!part.contains("still happens"), "{part}");
    // What would avoid them: the unpaid minimum stops both the fee and the report.
    let hints = by_test_id(&root, "part-result")
        .query_selector_all(".repay-widget__part-hint")
        .unwrap();
    assert!(hints.length() >= 2);
    for i in 0..hints.length() {
        let hint = hints.item(i).unwrap().text_content().unwrap();
        assert!(hint.starts_with("Paying CN¥"), "{hint}");
    }
    // 500.00 paid now and 360.00 more by 9 December reach the unpaid minimum in time.
    assert!(
        part.contains("Paying CN¥360.00 more by December 9, 2026 avoids it."),
        "{part}"
    );

    // "I forgot": pay the overdue amount, and why.
    click(&by_test_id(&root, "see-options"));
    yew::scheduler::flush().await;
    click(&by_test_id(&root, "tell-us"));
    yew::scheduler::flush().await;
    let forgot = input_labelled(&root, "I forgot");
    forgot.click();
    yew::scheduler::flush().await;
    click(&by_test_id(&root, "continue"));
    yew::scheduler::flush().await;
    let suggestion = text(&root, "suggestion");
    assert!(
        suggestion.contains("You told us you forgot"),
        "{suggestion}"
    );
    assert_eq!(text(&root, "suggested-link"), "Pay the overdue amount");
    assert!(by_test_id(&root, "plan-1")
        .text_content()
        .unwrap()
        .contains("Suggested for you"));
    assert!(text(&root, "plan-1-effects").contains("Credit record"));
}

/// Steps 2–5: the whole flow as a customer goes through it.
#[wasm_bindgen_test]
async fn the_whole_flow_from_status_to_review() {
    let root = fresh_root();
    let _app = repay_widget::mount(
        root.clone(),
        &CN.replace("\"locale\": \"zh-CN\"", "\"locale\": \"en-US\""),
    );
    yew::scheduler::flush().await;

    // Status → options → situation; focus moves to the new step's heading.
    // "See other options" goes to the options; telling the situation is one tap there.
    click(&by_test_id(&root, "see-options"));
    yew::scheduler::flush().await;
    assert!(find(&root, "[data-testid=\"options\"]").is_some());
    click(&by_test_id(&root, "tell-us"));
    yew::scheduler::flush().await;
    let situation = by_test_id(&root, "situation");
    let heading = find(&situation, "h2").unwrap();
    let active = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    assert!(
        active.is_same_node(Some(&heading)),
        "focus is on the step's heading"
    );
    assert!(text(&root, "privacy-note").contains("stay in your browser"));

    // A bad figure is explained next to its field; a good budget gives the affordable amount.
    let income = input_labelled(&root, "Monthly income after tax");
    type_into(&income, "lots").await;
    assert!(situation
        .text_content()
        .unwrap()
        .contains("Enter an amount in numbers"));
    assert_eq!(
        income.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    type_into(&income, "6,000").await;
    type_into(
        &input_labelled(
            &root,
            "Essential monthly expenses (rent, food, bills, other debts)",
        ),
        "5400",
    )
    .await;
    assert!(
        text(&root, "affordable").contains("300.00"),
        "{}",
        text(&root, "affordable")
    );

    // Options: every plan, the hardship plan suggested for this budget.
    click(&by_test_id(&root, "continue"));
    yew::scheduler::flush().await;
    let cards = root
        .query_selector_all("[data-testid^=\"plan-\"][aria-labelledby]")
        .unwrap();
    assert_eq!(cards.length(), 8);
    assert!(by_test_id(&root, "plan-4")
        .text_content()
        .unwrap()
        .contains("Suggested"));
    assert!(text(&root, "plan-0-verdict").contains("Approved instantly"));
    // The customer's own plan shows no figures before anything is typed.
    assert!(text(&root, "custom-empty").contains("Type the dates and amounts"));
    assert!(find(&root, "[data-testid=\"plan-7-payment\"]").is_none());
    // One payment of 1000 leaves the rest owed, said with the date it must come by.
    type_into(&input_labelled(&root, "Date of payment 1"), "2026-12-20").await;
    type_into(&input_labelled(&root, "Amount of payment 1"), "1000").await;
    let missing = text(&root, "custom-missing");
    assert!(
        missing.contains("still owed") && missing.contains("November 28, 2027"),
        "{missing}"
    );
    assert!(
        find(&root, "svg[role=\"img\"]").is_some(),
        "the charts are drawn"
    );

    // Continuing without a plan is refused and says why.
    click(&by_test_id(&root, "continue"));
    yew::scheduler::flush().await;
    assert!(find(&root, "[data-testid=\"options\"]").is_some());

    // Changing the flat-fee plan's term recomputes it: 12 months of 720.89 + 51.90 fee.
    let term: HtmlSelectElement = by_test_id(&root, "plan-2-term").unchecked_into();
    term.set_value("12");
    fire(&term, "change");
    yew::scheduler::flush().await;
    assert!(
        text(&root, "plan-2-payment").contains("772.85"),
        "{}",
        text(&root, "plan-2-payment")
    );
    assert!(
        text(&root, "plan-2-rate").contains("13.89%"),
        "{}",
        text(&root, "plan-2-rate")
    );

    click(&by_test_id(&root, "choose-plan-2"));
    yew::scheduler::flush().await;
    // The chosen plan's figures are announced once they have settled.
    until("the chosen plan's figures are announced", || {
        text(&root, "announcer").contains("11 × CN¥772.79, then CN¥772.85")
    })
    .await;

    // Details: the dated schedule.
    click(&by_test_id(&root, "continue"));
    yew::scheduler::flush().await;
    let schedule = by_test_id(&root, "schedule");
    let count = |selector: &str| schedule.query_selector_all(selector).unwrap().length();
    assert_eq!(count("tbody tr:not(.repay-widget__year-row)"), 12);
    assert!(text(&root, "schedule").contains("December 28, 2026"));
    // By year: 2026 and 2027 head their payments; twelve payments fold nothing away.
    assert_eq!(count(".repay-widget__year-row"), 2);
    assert_eq!(count(".repay-widget__folded"), 0);
    assert!(find(&root, "[data-testid=\"schedule-more\"]").is_none());

    // Review: the summary and the consent.
    click(&by_test_id(&root, "continue"));
    yew::scheduler::flush().await;
    assert!(text(&root, "review-summary").contains("772.85"));
    let consent: HtmlInputElement = by_test_id(&root, "consent").unchecked_into();
    consent.click();
    yew::scheduler::flush().await;
    assert!(consent.checked());
}

#[wasm_bindgen_test]
async fn mounting_keeps_the_host_panic_hook_in_place() {
    // A Rust host's own hook: mounting the widget must leave this very hook installed
    // (Yew would install its own unless handed one).
    let hook: Box<dyn Fn(&std::panic::PanicHookInfo<'_>) + Sync + Send> = Box::new(|_| {});
    let address = std::ptr::from_ref(&*hook).cast::<()>();
    std::panic::set_hook(hook);
    let root = fresh_root();
    let _app = repay_widget::mount(root.clone(), CN);
    yew::scheduler::flush().await;
    let installed = std::panic::take_hook();
    assert_eq!(std::ptr::from_ref(&*installed).cast::<()>(), address);
}

#[wasm_bindgen_test]
fn counted_messages_take_the_plural_form_cldr_gives_for_every_locale() {
    use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
    use repay_widget::i18n::{plural_category, Plural};

    for locale in Locale::ALL {
        let language: unic_langid::LanguageIdentifier =
            locale.tag().split('-').next().unwrap().parse().unwrap();
        let cldr = PluralRules::create(language, PluralRuleType::CARDINAL).unwrap();
        for n in (0..=200).chain([1_000, 10_000, 1_000_000]) {
            let expected = match cldr.select(n).unwrap() {
                PluralCategory::ZERO => Plural::Zero,
                PluralCategory::ONE => Plural::One,
                PluralCategory::TWO => Plural::Two,
                PluralCategory::FEW => Plural::Few,
                PluralCategory::MANY => Plural::Many,
                PluralCategory::OTHER => Plural::Other,
            };
            assert_eq!(plural_category(locale, n), expected, "{} {n}", locale.tag());
        }
    }
}

/// `Intl`'s locale list for `locale`.
fn intl_locales(locale: Locale) -> js_sys::Array {
    js_sys::Array::of1(&locale.tag().into())
}

/// An `Intl` options object with these settings.
fn intl_options(options: &[(&str, &str)]) -> js_sys::Object {
    let settings = js_sys::Object::new();
    for (key, option) in options {
        js_sys::Reflect::set(&settings, &(*key).into(), &(*option).into()).unwrap();
    }
    settings
}

/// What the browser's own `Intl` writes for `value` with these options in `locale`.
fn intl_number(locale: Locale, options: &[(&str, &str)], value: &str) -> String {
    js_sys::Intl::NumberFormat::new(&intl_locales(locale), &intl_options(options))
        .format()
        .call1(&wasm_bindgen::JsValue::UNDEFINED, &value.into())
        .unwrap()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
fn formatting_writes_exactly_what_the_browsers_intl_writes() {
    use repay_engine::{Currency, Money};
    use repay_widget::format;

    for locale in Locale::ALL {
        for currency in Currency::all() {
            for minor in [
                0,
                1,
                5,
                99,
                100,
                1_000,
                123_456,
                99_999_999,
                1_234_567_890,
                -150,
            ] {
                let money = Money::from_minor(minor, currency);
                let options = [("style", "currency"), ("currency", currency.code())];
                assert_eq!(
                    format::money(&money, locale),
                    intl_number(locale, &options, &money.to_string()),
                    "{} {money} in {}",
                    currency.code(),
                    locale.tag()
                );
            }
        }
        for value in [0, 7, 999, 1_000, 65_536, -1_234_567] {
            assert_eq!(
                format::integer(value, locale),
                intl_number(locale, &[], &value.to_string())
            );
        }
        let percent = [
            ("style", "percent"),
            ("minimumFractionDigits", "2"),
            ("maximumFractionDigits", "2"),
        ];
        for rate in [
            "0", "0.138881", "0.00005", "0.000049", "0.2", "0.36", "0.1234", "12.5",
        ] {
            assert_eq!(
                format::percent(&rate.parse().unwrap(), locale),
                intl_number(locale, &percent, rate),
                "{rate}"
            );
        }
        let dates = intl_options(&[
            ("year", "numeric"),
            ("month", "long"),
            ("day", "numeric"),
            ("timeZone", "UTC"),
        ]);
        let intl_date = js_sys::Intl::DateTimeFormat::new(&intl_locales(locale), &dates).format();
        for month in 1..=12 {
            for (year, day) in [(2026, 1), (2027, 28), (2030, 9)] {
                let date = jiff::civil::date(year, month, day);
                let instant = js_sys::Date::new(&date.to_string().into());
                assert_eq!(
                    format::date(date, locale),
                    intl_date
                        .call1(&wasm_bindgen::JsValue::UNDEFINED, &instant)
                        .unwrap()
                        .as_string()
                        .unwrap()
                );
            }
        }
    }
}

#[wasm_bindgen_test]
fn each_value_of_the_wrong_shape_is_named_by_its_path() {
    use repay_engine::{EngineError, InvalidReason};
    use repay_widget::config::WidgetConfig;
    use serde_json::{json, Value};

    let wrong = || InvalidReason::WrongType;
    let cases: Vec<(&str, Value, &str, InvalidReason)> = vec![
        ("/account", json!([]), "account", wrong()),
        ("/terms", json!("2026-09"), "terms", wrong()),
        ("/policy/plans", json!({}), "policy.plans", wrong()),
        (
            "/contact_channels",
            json!("phone"),
            "contact_channels",
            wrong(),
        ),
        (
            "/contact_channels/1",
            json!(3),
            "contact_channels[1]",
            wrong(),
        ),
        ("/locale", json!(true), "locale", wrong()),
        ("/account/currency", json!(156), "account.currency", wrong()),
        ("/review_days", json!("3"), "review_days", wrong()),
        ("/review_days", json!(-3), "review_days", wrong()),
        ("/review_days", json!(2.5), "review_days", wrong()),
        (
            "/policy/late_fee/per_cycle",
            json!("yes"),
            "policy.late_fee.per_cycle",
            wrong(),
        ),
        (
            "/policy/plans/2/instalment/terms/1",
            json!("6"),
            "policy.plans[2].instalment.terms[1]",
            wrong(),
        ),
        (
            "/terms/signed",
            json!(1),
            "terms.signed",
            InvalidReason::UnknownField,
        ),
    ];
    for (pointer, value, path, reason) in cases {
        let mut config: Value = serde_json::from_str(CN).unwrap();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        match config.pointer_mut(parent).unwrap() {
            Value::Object(map) => {
                map.insert(key.to_owned(), value);
            }
            Value::Array(items) => items[key.parse::<usize>().unwrap()] = value,
            other => panic!("{pointer}: {other}"),
        }
        let error = WidgetConfig::from_json(&config.to_string(), &repay_widget::links::BrowserPage)
            .unwrap_err()
            .error;
        assert_eq!(
            error,
            EngineError::invalid(path, reason),
            "{pointer} set to a value of the wrong shape"
        );
    }
}

/// The configuration's links are judged by where this browser's own URL parser takes
/// them from this (plain-HTTP) test page: the usual ways of writing another host as a
/// path are refused, paths on this site are kept resolved.
#[wasm_bindgen_test]
fn the_browser_resolves_configured_links_and_refuses_the_usual_bypasses() {
    use repay_widget::links::{check_link, BrowserPage, LinkUse, Page};
    let page = BrowserPage;
    let origin = page.origin();
    assert!(origin.starts_with("http://"), "{origin}");
    let blob = format!("blob:{origin}/x");
    for address in [
        "/\\evil.example/x",
        "/\\/evil.example/x",
        "\\\\evil.example/x",
        "//evil.example/x",
        "/\t/evil.example/x",
        "/\n/evil.example/x",
        "/\r\n/evil.example/x",
        "java\tscript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "data:text/html,x",
        "http://evil.example/x",
        blob.as_str(),
        "",
    ] {
        assert!(
            check_link("terms.url", address, LinkUse::Link, &page).is_err(),
            "{address:?}"
        );
    }
    let ok = |address| check_link("terms.url", address, LinkUse::Link, &page).unwrap();
    assert_eq!(ok("/terms"), format!("{origin}/terms"));
    assert_eq!(
        ok("/%2f%2fevil.example/x"),
        format!("{origin}/%2f%2fevil.example/x")
    );
    assert_eq!(
        ok("HTTPS://Help.Bank.Example/x"),
        "https://help.bank.example/x"
    );
    assert!(check_link(
        "endpoint",
        "http://localhost.evil.example/",
        LinkUse::Endpoint,
        &page
    )
    .is_err());
}

/// Free, independent debt advice where the market expects it: the UK sample's first
/// screen names MoneyHelper, StepChange and National Debtline, each a number to dial and
/// a website; the CN sample lists none and shows none.
#[wasm_bindgen_test]
async fn the_first_screen_points_to_free_debt_advice_where_the_bank_lists_it() {
    let root = fresh_root();
    let _app = repay_widget::mount(root.clone(), UK);
    yew::scheduler::flush().await;
    let advice = by_test_id(&root, "debt-advice");
    let said = advice.text_content().unwrap_or_default();
    for name in [
        "MoneyHelper",
        "StepChange Debt Charity",
        "National Debtline",
    ] {
        assert!(said.contains(name), "{said}");
    }
    assert!(said.contains("Free, independent debt advice"), "{said}");
    let dial: Vec<String> = (0..3)
        .filter_map(|i| {
            advice
                .query_selector_all(".repay-widget__phone")
                .unwrap()
                .get(i)
                .and_then(|node| node.dyn_into::<Element>().ok())
                .and_then(|link| link.get_attribute("href"))
        })
        .collect();
    assert_eq!(
        dial,
        ["tel:08001387777", "tel:08001381111", "tel:08088084000"]
    );
    let site = find(&advice, "a[href^='https://nationaldebtline.org']").unwrap();
    assert_eq!(
        site.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
    root.remove();

    let root = fresh_root();
    let _app = repay_widget::mount(root.clone(), CN);
    yew::scheduler::flush().await;
    assert!(find(&root, "[data-testid=\"overdue-amount\"]").is_some());
    assert!(find(&root, "[data-testid=\"debt-advice\"]").is_none());
    root.remove();
}

const IE: &str = include_str!("../crates/engine/data/ie-card.json");

#[wasm_bindgen_test]
async fn plans_that_end_in_a_review_say_when_and_what_is_owed_then() {
    let root = fresh_root();
    let _app = repay_widget::mount(root.clone(), IE);
    yew::scheduler::flush().await;
    click(&by_test_id(&root, "see-options"));
    until("the options", || {
        find(&root, "[data-testid=\"options\"]").is_some()
    })
    .await;
    // Offer 3 is the reduced rate, offer 4 the token payments (ie-card.json).
    assert_eq!(
        text(&root, "plan-3-review"),
        "On 24 March 2027 the bank reviews this plan with you. €2,360.59 will still be owed \
         then; unless you agree something else, the card's usual rate of 22.90% a year applies \
         to it again."
    );
    assert_eq!(
        text(&root, "plan-3-period"),
        "Until then the rate is 5.00% a year instead of 22.90%."
    );
    assert_eq!(
        text(&root, "plan-4-period"),
        "Until then no interest or fees are added."
    );
    assert!(text(&root, "plan-4-review").contains("€2,440.00"));
    // The period is chosen as a term is, under its own name.
    let label = find(&root, "label[for$=\"-term-3\"]").unwrap();
    assert!(label
        .text_content()
        .unwrap_or_default()
        .starts_with("Months until the review"));
    let select: HtmlSelectElement = by_test_id(&root, "plan-3-term").unchecked_into();
    select.set_value("6");
    fire(&select, "change");
    until("six months", || {
        text(&root, "plan-3-review").contains("24 June 2027")
    })
    .await;
}

/// The Irish sample before its due date: nothing past due, the minimum still to come.
fn ie_before_arrears(before_arrears: bool) -> String {
    let mut value: serde_json::Value = serde_json::from_str(IE).unwrap();
    value["account"]["overdue_amount"] = "0.00".into();
    value["account"]["fees_charged"] = "0.00".into();
    value["account"]["due_date"] = "2026-12-04".into();
    value["policy"]["before_arrears"] = before_arrears.into();
    value.to_string()
}

#[wasm_bindgen_test]
async fn a_customer_not_yet_in_arrears_is_told_so_and_offered_what_the_bank_allows() {
    let root = fresh_root();
    let _app = repay_widget::mount(root.clone(), &ie_before_arrears(true));
    yew::scheduler::flush().await;
    assert_eq!(
        text(&root, "next-due"),
        "Your next payment of at least €73.80 is due on 4 December 2026."
    );
    assert!(text(&root, "before-arrears").contains("you can set up a plan with the bank now"));
    assert!(text(&root, "next-minimum").contains("€73.80"));
    // The date to come is not said to have passed.
    let due = by_test_id(&root, "due-date");
    assert_eq!(
        due.previous_element_sibling()
            .unwrap()
            .text_content()
            .unwrap(),
        "Payment due on"
    );
    assert_eq!(due.text_content().unwrap(), "4 December 2026");
    // Nothing that has not begun: no days overdue, no timeline, no cost of waiting.
    for absent in [
        "days-past-due",
        "overdue-amount",
        "timeline",
        "waiting-cost",
        "pay-now",
    ] {
        assert!(
            find(&root, &format!("[data-testid=\"{absent}\"]")).is_none(),
            "{absent} is shown"
        );
    }
    assert!(find(&root, "[data-testid=\"debt-advice\"]").is_some());
    assert_eq!(
        text(&root, "see-options").trim(),
        "See the plans you can set up"
    );
    click(&by_test_id(&root, "see-options"));
    until("the options", || {
        find(&root, "[data-testid=\"options\"]").is_some()
    })
    .await;
    // Nothing to bring up to date; the other plans are there, allowed.
    assert!(find(&root, "[data-testid=\"plan-1\"]").is_none());
    assert!(text(&root, "plan-2-verdict").contains("Approved instantly"));
    assert!(find(&root, "[data-testid=\"choose-plan-3\"]").is_some());

    // A bank that waits for arrears: said plainly, and no way into plans it refuses.
    let root = fresh_root();
    let _app = repay_widget::mount(root.clone(), &ie_before_arrears(false));
    yew::scheduler::flush().await;
    assert_eq!(
        text(&root, "before-arrears"),
        "If you are worried about your next payment, please talk to the bank before it is due."
    );
    assert!(find(&root, "[data-testid=\"see-options\"]").is_none());
    assert!(find(&root, "[data-testid=\"debt-advice\"]").is_some());
}

#[wasm_bindgen_test]
async fn a_hardship_plan_states_what_its_agreement_says_with_the_plan_and_on_the_review() {
    let root = fresh_root();
    let _app = repay_widget::mount(root.clone(), CN);
    yew::scheduler::flush().await;
    click(&by_test_id(&root, "see-options"));
    until("the options", || {
        find(&root, "[data-testid=\"options\"]").is_some()
    })
    .await;
    // Offer 4 is the 个性化分期 (cn-card.json).
    let said = text(&root, "plan-4-statements");
    for sentence in [
        "本计划涵盖的 ¥8,643.00 中包含已收取的违约金 ¥43.00，计入本金。",
        "还款计划期间，信用卡年费照常收取。",
        "按计划还款期间，不再收取其他费用和罚息。",
        "银行同意后，将停止就这笔欠款进行催收。",
        "还清之前，您不能向本行申请新的信用卡。",
    ] {
        assert!(said.contains(sentence), "{sentence} in {said}");
    }
    click(&by_test_id(&root, "choose-plan-4"));
    yew::scheduler::flush().await;
    click(&by_test_id(&root, "continue"));
    until("the details", || {
        find(&root, "[data-testid=\"details\"]").is_some()
    })
    .await;
    click(&by_test_id(&root, "continue"));
    until("the review", || {
        find(&root, "[data-testid=\"review\"]").is_some()
    })
    .await;
    assert_eq!(text(&root, "review-statements"), said);
}
