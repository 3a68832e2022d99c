//! The configuration a host page gives the widget. Its wire types and checks are
//! `repay-config` (`crates/config`), shared with the dev-bank, the `repay` tool and the
//! schema generator, and re-exported here; the widget adds what only it can do: hold the
//! bank's own wording to its message catalogs ([`crate::i18n::Wording`]), and keep the
//! account and policy as written, for proposals.

use std::ops::Deref;

use repay_engine::EngineError;
use serde::Deserialize;

pub use repay_config::*;

use crate::delivery::Json;
use crate::links::Page;

/// A configuration the widget can run: checked by `repay-config`, with the bank's own
/// wording (`wording`) checked against the catalogs ([`crate::i18n::Wording`]). It reads
/// as the checked [`Config`] it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WidgetConfig {
    pub config: Config<Option<&'static crate::i18n::Wording>>,
    /// The account and policy as the host wrote them (`{"account":…,"policy":…}`):
    /// proposals carry them so the bank can tell the figures the customer saw from its
    /// own records.
    pub scenario_json: Json,
}

impl Deref for WidgetConfig {
    type Target = Config<Option<&'static crate::i18n::Wording>>;

    fn deref(&self) -> &Self::Target {
        &self.config
    }
}

impl WidgetConfig {
    /// Reads and checks a configuration from JSON, for a widget on `page`: its addresses
    /// are resolved against the page and kept resolved ([`crate::links`]).
    ///
    /// # Errors
    ///
    /// The first thing wrong, its path starting at the configuration's root
    /// (`account.overdue_amount`), with the bank's contact when that part is right.
    pub fn from_json(json: &str, page: &dyn Page) -> Result<Self, ConfigError> {
        let config = Config::read_with(json, page, crate::i18n::Wording::read)?;
        Ok(Self {
            scenario_json: scenario_as_written(json)?,
            config,
        })
    }
}

/// The account and the policy exactly as the host wrote them, read a second time as raw
/// JSON (the first reading refused repeated keys and checked every field): proposals
/// carry this text, so the bank sees what the customer's figures came from, and the
/// widget needs no writer for the policy's types.
impl WidgetConfig {
    /// The language the widget starts in for a reader who prefers `preferred` (best
    /// first): the configuration's `locale`, else the nearest it enables, else its first.
    pub fn start_locale<'a>(
        &self,
        preferred: impl Iterator<Item = &'a str>,
    ) -> crate::i18n::Locale {
        self.locale
            .or_else(|| crate::i18n::negotiate(preferred, &self.locales))
            .or_else(|| self.locales.first().copied())
            .unwrap_or_default()
    }
}

fn scenario_as_written(json: &str) -> Result<Json, ConfigError> {
    /// Every other field is skipped.
    #[derive(Deserialize, serde::Serialize)]
    struct AsWritten<'a> {
        #[serde(borrow)]
        account: &'a serde_json::value::RawValue,
        #[serde(borrow)]
        policy: &'a serde_json::value::RawValue,
    }
    let written: AsWritten<'_> = serde_json::from_str(json).map_err(|error| {
        // Unreachable after the typed reading succeeded; a malformed-JSON error if not.
        ConfigError::new(EngineError::from_json(error), None)
    })?;
    Ok(Json::of(&written))
}

// Native only: the configuration's links are resolved by the `url` crate here.

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::links::native::PageAt;
    use repay_engine::InvalidReason;

    /// Reads `json`, the error without the salvaged contact (tested on its own below),
    /// so that cases compare the error and its language.
    fn read_config(
        json: &str,
    ) -> Result<Config<Option<&'static crate::i18n::Wording>>, ConfigError> {
        WidgetConfig::from_json(json, &PageAt::new())
            .map(|widget| widget.config)
            .map_err(|error| ConfigError {
                contact: None,
                ..error
            })
    }

    #[test]
    fn a_wrong_configuration_still_offers_the_banks_contact_when_that_part_is_right() {
        let page = PageAt::new();
        let broken = DEMO.replace(
            "\"overdue_amount\": \"860.00\"",
            "\"overdue_amount\": \"lots\"",
        );
        assert_ne!(broken, DEMO);
        let error = WidgetConfig::from_json(&broken, &page).unwrap_err();
        let contact = error.contact.expect("the contact is salvaged");
        assert_eq!(contact.phones[0].number, "400 000 0000");
        assert_eq!(
            BankContactWire::tel_link(&contact.phones[0].number),
            "tel:4000000000"
        );
        // Its links are checked as in a good configuration, and resolved.
        assert_eq!(
            contact.chat_url.as_deref(),
            Some("https://bank.example/help/chat")
        );
        // Not JSON at all, or a contact that is itself wrong: no contact.
        assert_eq!(
            WidgetConfig::from_json("{", &page).unwrap_err().contact,
            None
        );
        let bad_phone = broken.replace("\"400 000 0000\"", "\"call us\"");
        assert_eq!(
            WidgetConfig::from_json(&bad_phone, &page)
                .unwrap_err()
                .contact,
            None
        );
        let bad_link = broken.replace("\"/help/dispute\"", "\"javascript:alert(1)\"");
        assert_eq!(
            WidgetConfig::from_json(&bad_link, &page)
                .unwrap_err()
                .contact,
            None
        );
        assert_eq!(
            BankContactWire::tel_link("+1 800-555-0199"),
            "tel:+18005550199"
        );
    }

    const DEMO: &str = include_str!("../crates/engine/data/cn-card.json");

    #[test]
    fn the_demo_configuration_is_valid() {
        let config = read_config(DEMO).unwrap();
        assert_eq!(config.locale, Some(Locale::ZhCn));
        assert!(config.scenario.account.days_past_due() > 0);
    }

    #[test]
    fn the_bank_enables_its_languages_and_each_is_checked() {
        let with = |locale: serde_json::Value, locales: serde_json::Value| {
            let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
            value["locale"] = locale;
            value["locales"] = locales;
            read_config(&value.to_string())
        };
        let path = |error: ConfigError| match error.error {
            EngineError::Invalid { path, reason } => (path, reason),
            other => panic!("{other:?}"),
        };
        // Absent: every language the widget speaks.
        let config = read_config(DEMO).unwrap();
        assert_eq!(config.locales, Locale::ALL.to_vec());
        let config = with(
            "en-GB".into(),
            serde_json::json!(["en-GB", "zh-CN", "en-GB"]),
        )
        .unwrap();
        assert_eq!(
            config.locales,
            [Locale::EnGb, Locale::ZhCn],
            "repeats dropped"
        );
        assert_eq!(config.locale, Some(Locale::EnGb));
        assert_eq!(
            path(
                with(
                    serde_json::Value::Null,
                    serde_json::json!(["zh-CN", "fr-FR"])
                )
                .unwrap_err()
            ),
            ("locales[1]".to_owned(), InvalidReason::UnsupportedLocale)
        );
        assert_eq!(
            path(with(serde_json::Value::Null, serde_json::json!([])).unwrap_err()),
            ("locales".to_owned(), InvalidReason::Empty)
        );
        // The language to start in must be one the bank enables.
        assert_eq!(
            path(with("zh-CN".into(), serde_json::json!(["en-US"])).unwrap_err()),
            ("locale".to_owned(), InvalidReason::NotAllowed)
        );
    }

    #[test]
    fn the_banks_contact_is_read_and_each_part_checked() {
        let with_contact = |contact: serde_json::Value| {
            let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
            value["bank_contact"] = contact;
            read_config(&value.to_string())
        };
        let hours = serde_json::json!({"en-US": "Every day, 8:00–22:00 (Beijing time)", "zh-CN": "每天 8:00–22:00（北京时间）", "zh-TW": "每天 8:00–22:00（北京時間）"});
        let config = with_contact(serde_json::json!({
            "phones": [{"number": "+86 21-5555 0100"}, {"number": "021 5555 0101", "label": {"en-US": "From abroad", "zh-CN": "境外拨打", "zh-HK": "境外致電"}}],
            "hours": hours,
            "chat_url": "/help/chat",
        }))
        .unwrap();
        let contact = config.bank_contact.unwrap();
        assert_eq!(contact.phones[0].number, "+86 21-5555 0100");
        assert_eq!(
            contact.hours.get(Locale::ZhCn),
            "每天 8:00–22:00（北京时间）"
        );
        assert_eq!(
            contact.chat_url.as_deref(),
            Some("https://bank.example/help/chat"),
            "resolved against the page"
        );
        let refused = |contact: serde_json::Value| with_contact(contact).unwrap_err().error;
        let phone =
            |number: &str| serde_json::json!({"phones": [{"number": number}], "hours": hours});
        for number in [
            "",
            "12",
            "+",
            "+-1",
            "javascript:alert(1)",
            "1;ext=2",
            "１２３４５",
            "1 (800) 555-0199",
        ] {
            assert_eq!(
                refused(phone(number)),
                EngineError::invalid("bank_contact.phones[0].number", InvalidReason::NotAllowed),
                "{number}"
            );
        }
        assert_eq!(
            refused(serde_json::json!({"phones": [], "hours": hours})),
            EngineError::invalid("bank_contact.phones", InvalidReason::Empty)
        );
        let five: Vec<_> = (0..5)
            .map(|_| serde_json::json!({"number": "95555"}))
            .collect();
        assert_eq!(
            refused(serde_json::json!({"phones": five, "hours": hours})),
            EngineError::invalid("bank_contact.phones", InvalidReason::TooMany { max: 4 })
        );
        let chat = serde_json::json!({"phones": [{"number": "95555"}], "hours": hours, "chat_url": "javascript:alert(1)"});
        assert!(matches!(
            refused(chat),
            EngineError::Invalid { path, .. } if path == "bank_contact.chat_url"
        ));
    }

    #[test]
    fn debt_advice_is_read_and_each_service_checked() {
        let with_advice = |advice: serde_json::Value| {
            let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
            value["debt_advice"] = advice;
            read_config(&value.to_string())
        };
        let text = |en: &str| serde_json::json!(en);
        let service = |phone: serde_json::Value, url: serde_json::Value| serde_json::json!({"name": text("Debt advice"), "about": text("Free advice."), "phone": phone, "url": url});
        let config = with_advice(serde_json::json!([service(
            "0800 138 1111".into(),
            "/debt-help".into()
        )]))
        .unwrap();
        assert_eq!(
            config.debt_advice[0].phone.as_deref(),
            Some("0800 138 1111")
        );
        assert_eq!(
            config.debt_advice[0].url.as_deref(),
            Some("https://bank.example/debt-help"),
            "resolved against the page"
        );
        assert!(!config.debt_advice[0].illustrative);
        // None listed: none shown.
        let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
        value.as_object_mut().unwrap().remove("debt_advice");
        assert!(read_config(&value.to_string())
            .unwrap()
            .debt_advice
            .is_empty());

        let refused = |advice: serde_json::Value| with_advice(advice).unwrap_err().error;
        assert_eq!(
            refused(serde_json::json!([service(
                serde_json::Value::Null,
                serde_json::Value::Null
            )])),
            EngineError::invalid("debt_advice[0].phone", InvalidReason::Missing),
            "a service the customer cannot reach"
        );
        assert_eq!(
            refused(serde_json::json!([service(
                "javascript:alert(1)".into(),
                serde_json::Value::Null
            )])),
            EngineError::invalid("debt_advice[0].phone", InvalidReason::NotAllowed)
        );
        assert!(matches!(
            refused(serde_json::json!([service(serde_json::Value::Null, "javascript:alert(1)".into())])),
            EngineError::Invalid { path, .. } if path == "debt_advice[0].url"
        ));
        let five: Vec<_> = (0..5)
            .map(|_| service("95555".into(), serde_json::Value::Null))
            .collect();
        assert_eq!(
            refused(serde_json::Value::Array(five)),
            EngineError::invalid("debt_advice", InvalidReason::TooMany { max: 4 })
        );
    }

    #[test]
    fn errors_name_the_path_from_the_root() {
        let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
        value["account"]["overdue_amount"] = "lots".into();
        assert_eq!(
            read_config(&value.to_string()),
            Err(ConfigError::new(
                EngineError::invalid("account.overdue_amount", InvalidReason::NotADecimal),
                Some(Locale::ZhCn)
            ))
        );
    }

    #[test]
    fn a_parse_failure_is_placed_where_the_text_stops_being_json() {
        let at = |json: &str| match read_config(json).map(|_| ()) {
            Err(ConfigError {
                error: EngineError::MalformedJson { line, column, .. },
                ..
            }) => (line, column),
            other => panic!("{other:?}"),
        };
        // serde_json places it at the last character it read: here the final comma.
        assert_eq!(at("{\n  \"locale\": \"en-US\","), (2, 20));
        assert_eq!(at("{\n  locale: 1}"), (2, 3));
        assert_eq!(at("{\"a\": 1} }"), (1, 10));
    }

    #[test]
    fn links_that_could_run_script_or_leave_for_plain_http_are_refused_in_every_field() {
        type Set = fn(&mut serde_json::Value, &str);
        let fields: [(&str, Set); 5] = [
            ("terms.url", |v, bad| v["terms"]["url"] = bad.into()),
            ("payment_channels[0].url", |v, bad| {
                v["payment_channels"][0]["url"] = bad.into();
            }),
            ("reminders_url", |v, bad| v["reminders_url"] = bad.into()),
            ("theme.shadow_dom.stylesheet", |v, bad| {
                v["theme"] = serde_json::json!({"shadow_dom": {"stylesheet": bad}});
            }),
            ("endpoint", |v, bad| v["endpoint"] = bad.into()),
        ];
        for (path, set) in fields {
            for bad in [
                "javascript:alert(1)",
                "java\tscript:alert(1)",
                "http://bank.example",
                "ht\ttp://evil.example",
                "data:text/html,x",
            ] {
                let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
                set(&mut value, bad);
                assert_eq!(
                    read_config(&value.to_string()).map(drop),
                    Err(ConfigError::new(
                        EngineError::invalid(path, InvalidReason::NotAllowed),
                        Some(Locale::ZhCn)
                    )),
                    "{path}: {bad:?}"
                );
            }
        }
    }

    #[test]
    fn links_are_kept_as_the_browser_resolves_them() {
        let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
        value["terms"]["url"] = "terms/v3".into();
        value["endpoint"] = "/\\api.bank.example/proposals".into();
        value["theme"] = serde_json::json!({"shadow_dom": {"stylesheet": "/repay/w.css"}});
        let config = read_config(&value.to_string()).unwrap();
        assert_eq!(config.terms.url, "https://bank.example/cards/terms/v3");
        // Written as a path but reaching another host: used as that host's address.
        assert_eq!(
            config.sending.endpoint,
            "https://api.bank.example/proposals"
        );
        assert_eq!(
            config.theme.shadow_dom.unwrap().stylesheet,
            "https://bank.example/repay/w.css"
        );
    }

    #[test]
    fn the_demo_names_its_payment_channels_and_terms() {
        let config = read_config(DEMO).unwrap();
        assert!(!config.payment_channels.is_empty());
        assert_eq!(config.terms.version, "2026-09");
    }

    #[test]
    fn the_us_sample_customer_is_valid_too() {
        let us = include_str!("../crates/engine/data/us-card.json");
        let config = read_config(us).unwrap();
        assert_eq!(config.locale, Some(Locale::EnUs));
        assert_eq!(config.scenario.account.currency.code(), "USD");
    }

    #[test]
    fn a_bank_text_is_one_string_or_one_per_language_and_never_another_script() {
        use repay_config::LocalizedText;
        let text = |json: &str| serde_json::from_str::<LocalizedText>(json);
        let same = text(r#""MABS""#).unwrap();
        for locale in Locale::ALL {
            assert_eq!(same.text(locale), Some("MABS"));
        }
        let traditional = text(r#"{"zh-TW": "繳款", "en-GB": "Pay"}"#).unwrap();
        assert_eq!(traditional.text(Locale::ZhHk), Some("繳款"));
        assert_eq!(traditional.text(Locale::EnUs), Some("Pay"));
        assert_eq!(traditional.text(Locale::ZhCn), None);
        let simplified = text(r#"{"zh-CN": "还款", "en-US": "Pay"}"#).unwrap();
        assert_eq!(
            simplified.text(Locale::ZhHk),
            None,
            "never Simplified for Traditional"
        );
        assert_eq!(simplified.text(Locale::ZhTw), None);
        assert_eq!(simplified.text(Locale::EnGb), Some("Pay"));
        assert!(text("{}").is_err(), "at least one language");
        assert!(text(r#"{"fr-FR": "Payer"}"#).is_err());
        assert!(text("3").is_err());
    }

    #[test]
    fn a_language_the_configuration_enables_needs_every_bank_text() {
        // The CN sample enables all five: a value left in Simplified only is refused,
        // named with the language that cannot read it.
        let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
        let texts = value["payment_channels"][0]["details"][0]["value"]
            .as_object_mut()
            .unwrap();
        assert!(texts.remove("zh-HK").is_some() && texts.remove("zh-TW").is_some());
        let simplified_only = value.to_string();
        let error = read_config(&simplified_only).unwrap_err().error;
        assert_eq!(
            error,
            repay_engine::EngineError::invalid(
                "payment_channels[0].details[0].value.zh-HK",
                InvalidReason::Missing
            )
        );
        // Enabled for Simplified Chinese and English only, the same text is enough.
        value["locales"] = serde_json::json!(["zh-CN", "en-US"]);
        assert!(read_config(&value.to_string()).is_ok());
    }

    #[test]
    fn each_samples_bank_texts_are_written_for_each_chinese_it_enables() {
        // A bank text without zh-HK or zh-TW falls back to another Chinese: in a sample,
        // a Traditional reader would see Simplified labels (路由号码) in a Traditional
        // widget. English readers of en-GB may read the en-US text.
        for sample in [
            DEMO,
            include_str!("../crates/engine/data/us-card.json"),
            include_str!("../crates/engine/data/hk-card.json"),
            include_str!("../crates/engine/data/uk-card.json"),
            include_str!("../crates/engine/data/ie-card.json"),
        ] {
            let config = read_config(sample).unwrap();
            let wire = repay_config::read_wire(sample).unwrap();
            // The texts given per language (one string for all is a name or a number).
            let texts: Vec<_> = wire
                .bank_texts()
                .into_iter()
                .filter(|(_, text)| text.same.is_none())
                .collect();
            assert!(!texts.is_empty());
            let own = |text: &repay_config::LocalizedText, locale: Locale| match locale {
                Locale::ZhCn => text.zh_cn.is_some(),
                Locale::ZhHk => text.zh_hk.is_some(),
                Locale::ZhTw => text.zh_tw.is_some(),
                Locale::EnUs | Locale::EnGb => true,
            };
            for locale in config.locales.iter().filter(|l| l.tag().starts_with("zh")) {
                for (path, text) in &texts {
                    assert!(
                        own(text, *locale),
                        "{}: {path} has no {} text",
                        config.sending.account_reference,
                        locale.tag()
                    );
                }
            }
        }
    }

    #[test]
    fn the_hong_kong_uk_and_irish_sample_customers_are_valid_and_enable_their_languages() {
        let hk = read_config(include_str!("../crates/engine/data/hk-card.json")).unwrap();
        assert_eq!(hk.locale, Some(Locale::ZhHk));
        assert_eq!(hk.locales, [Locale::ZhHk, Locale::EnGb, Locale::ZhCn]);
        assert_eq!(hk.scenario.account.currency.code(), "HKD");
        let uk = read_config(include_str!("../crates/engine/data/uk-card.json")).unwrap();
        assert_eq!(uk.locale, Some(Locale::EnGb));
        assert_eq!(uk.locales, [Locale::EnGb]);
        assert_eq!(uk.scenario.account.currency.code(), "GBP");
        assert!(uk.scenario.policy.penalty.is_none());
        let ie = read_config(include_str!("../crates/engine/data/ie-card.json")).unwrap();
        assert_eq!(ie.locale, Some(Locale::EnGb));
        assert_eq!(ie.locales, [Locale::EnGb]);
        assert_eq!(ie.scenario.account.currency.code(), "EUR");
        assert_eq!(ie.debt_advice.len(), 1);
    }

    #[test]
    fn theme_variables_are_known_and_stay_one_value_or_are_ignored_with_a_warning() {
        let with = |variables: serde_json::Value| {
            let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
            value["theme"] = serde_json::json!({ "variables": variables });
            read_config(&value.to_string()).map(|c| {
                (
                    c.theme.variables.keys().cloned().collect::<Vec<_>>(),
                    c.ignored,
                )
            })
        };
        assert_eq!(
            with(serde_json::json!({"color-accent": "#123456", "density": "0.8"})),
            Ok((vec!["color-accent".into(), "density".into()], vec![]))
        );
        // A typo in a cosmetic setting does not take the tool away: the variable is
        // dropped, the rest kept, and the product team is told which and why.
        let ignored =
            |name: &str, reason| EngineError::invalid(format!("theme.variables.{name}"), reason);
        assert_eq!(
            with(serde_json::json!({"colour-accent": "red", "radius": "4px"})),
            Ok((
                vec!["radius".into()],
                vec![ignored("colour-accent", InvalidReason::UnknownField)]
            ))
        );
        assert_eq!(
            with(serde_json::json!({"--repay-radius": "4px"})),
            Ok((
                vec![],
                vec![ignored("--repay-radius", InvalidReason::UnknownField)]
            ))
        );
        for bad in ["red; background: url(x)", "}", "", "a\\62"] {
            assert_eq!(
                with(serde_json::json!({"color-text": bad})),
                Ok((
                    vec![],
                    vec![ignored("color-text", InvalidReason::NotAllowed)]
                )),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn theme_values_are_colours_lengths_numbers_or_font_names_and_never_fetch() {
        let with = |name: &str, text: &str| {
            let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
            value["theme"] = serde_json::json!({ "variables": { name: text } });
            read_config(&value.to_string()).map(|c| c.ignored)
        };
        let good = [
            ("color-accent", "#0d6147"),
            ("color-accent", "#FFF"),
            ("color-text", "rebeccapurple"),
            ("color-surface", "transparent"),
            ("color-border", "rgb(12 34 56 / 50%)"),
            ("color-border", "rgba(12, 34, 56, 0.5)"),
            ("color-focus", "oklch(62% 0.2 250deg)"),
            ("color-good", "hsl(140 60% 30%)"),
            ("radius", "0"),
            ("radius", "3px"),
            ("font-size", "1.125rem"),
            ("max-width", "60rem"),
            ("space", "4%"),
            ("density", "0.8"),
            (
                "font",
                "\"PingFang SC\", 'Noto Sans', system-ui, sans-serif",
            ),
            ("font", "微软雅黑, sans-serif"),
        ];
        for (name, text) in good {
            assert_eq!(with(name, text), Ok(vec![]), "{name}: {text}");
        }
        let bad = [
            ("color-accent", "url(https://tracker.example/x.png)"),
            ("color-accent", "URL(x)"),
            (
                "color-surface",
                "image-set(\"https://tracker.example/x.png\" 1x)",
            ),
            ("color-accent", "rgb(var(--x))"),
            ("color-accent", "#12345"),
            ("color-accent", "#zzz"),
            ("color-accent", "red blue"),
            ("color-accent", "expression(alert(1))"),
            ("radius", "3 px"),
            // Not a length, and not a panic: it ends inside a character where a unit
            // would be (the check once sliced there).
            ("font-size", "微软雅黑"),
            ("radius", "3像素"),
            ("radius", "calc(1px + url(x))"),
            ("radius", "red"),
            ("density", "-1"),
            ("density", "1.2.3"),
            ("density", "1e3"),
            ("font", "url(https://fonts.example/f.woff2)"),
            ("font", "\"Noto\" Sans\""),
            ("font", "Noto, , serif"),
            ("font", "a: b"),
        ];
        for (name, text) in bad {
            assert_eq!(
                with(name, text),
                Ok(vec![EngineError::invalid(
                    format!("theme.variables.{name}"),
                    InvalidReason::NotAllowed
                )]),
                "{name}: {text}"
            );
        }
    }

    #[test]
    fn the_csrf_header_cannot_be_one_the_widget_or_the_browser_sets() {
        let with = |header: &str| {
            let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
            value["csrf"] = serde_json::json!({ "cookie": "csrf", "header": header });
            read_config(&value.to_string()).map(drop)
        };
        assert_eq!(with("X-CSRF-Token"), Ok(()));
        for header in [
            "Idempotency-Key",
            "idempotency-key",
            "Content-Type",
            "Cookie",
            "Origin",
            "Sec-Fetch-Site",
            "Proxy-Authorization",
        ] {
            assert_eq!(
                with(header),
                Err(ConfigError::new(
                    EngineError::invalid("csrf.header", InvalidReason::NotAllowed),
                    Some(Locale::ZhCn)
                )),
                "{header}"
            );
        }
    }

    #[test]
    fn a_policy_offers_at_least_one_plan_and_at_most_sixteen() {
        let with = |count: usize| {
            let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
            let plans = value["policy"]["plans"].as_array().unwrap().clone();
            value["policy"]["plans"] = plans.iter().cycle().take(count).cloned().collect();
            read_config(&value.to_string()).map(drop)
        };
        let refused = |reason| {
            Err(ConfigError::new(
                EngineError::invalid("policy.plans", reason),
                Some(Locale::ZhCn),
            ))
        };
        assert_eq!(with(0), refused(InvalidReason::Empty));
        assert_eq!(with(1), Ok(()));
        assert_eq!(with(16), Ok(()));
        assert_eq!(with(17), refused(InvalidReason::TooMany { max: 16 }));
        assert_eq!(with(10_000), refused(InvalidReason::TooMany { max: 16 }));
    }

    #[test]
    fn json_nested_past_the_limit_is_said_to_be_too_deep_and_where() {
        let mut theme = String::new();
        for _ in 0..10_000 {
            theme.push('[');
        }
        for _ in 0..10_000 {
            theme.push(']');
        }
        let json = DEMO.replacen("{", &format!("{{\n  \"theme\": {theme},"), 1);
        assert_eq!(
            read_config(&json).map(drop),
            Err(ConfigError::new(
                // The root object is the first level: the theme's 127th `[` is the 128th.
                EngineError::TooDeep {
                    line: 2,
                    column: 138,
                    limit: 127
                },
                // The language is read on its own, so even this error is in Chinese.
                Some(Locale::ZhCn)
            ))
        );
    }

    #[test]
    fn every_theme_variable_is_declared_in_the_stylesheet() {
        let css = include_str!("../styles/widget.css");
        for name in THEME_VARIABLES {
            assert!(
                css.contains(&format!("var(--repay-{name},")),
                "--repay-{name}"
            );
        }
    }

    #[test]
    fn the_theme_names_its_wrong_or_unknown_fields() {
        let with = |theme: serde_json::Value| {
            let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
            value["theme"] = theme;
            read_config(&value.to_string()).map(|c| c.theme)
        };
        let refused = |path: &str, reason| {
            Err(ConfigError::new(
                EngineError::invalid(path, reason),
                Some(Locale::ZhCn),
            ))
        };
        let shadow =
            serde_json::json!({"shadow_dom": {"stylesheet": "/w.css", "integrity": "sha384-x"}});
        assert_eq!(
            with(shadow).unwrap().shadow_dom,
            Some(ShadowDomWire {
                stylesheet: "https://bank.example/w.css".into(),
                integrity: Some("sha384-x".into())
            })
        );
        assert_eq!(
            with(serde_json::json!({"colours": {}})),
            refused("theme.colours", InvalidReason::UnknownField)
        );
        assert_eq!(
            with(serde_json::json!({"variables": ["red"]})),
            refused("theme.variables", InvalidReason::WrongType)
        );
        assert_eq!(
            with(serde_json::json!({"variables": {"radius": 4}})),
            refused("theme.variables.radius", InvalidReason::WrongType)
        );
        assert_eq!(
            with(serde_json::json!({"shadow_dom": {}})),
            refused("theme.shadow_dom.stylesheet", InvalidReason::Missing)
        );
        assert_eq!(
            with(serde_json::json!("dark")),
            refused("theme", InvalidReason::WrongType)
        );
    }

    #[test]
    fn the_shadow_stylesheet_cannot_run_script() {
        let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
        value["theme"] = serde_json::json!({"shadow_dom": {"stylesheet": "javascript:x"}});
        assert_eq!(
            read_config(&value.to_string()).map(drop),
            Err(ConfigError::new(
                EngineError::invalid("theme.shadow_dom.stylesheet", InvalidReason::NotAllowed),
                Some(Locale::ZhCn)
            ))
        );
    }

    #[test]
    fn an_unsupported_locale_is_named() {
        let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
        value["locale"] = "fr-FR".into();
        assert_eq!(
            read_config(&value.to_string()),
            Err(ConfigError::new(
                EngineError::invalid("locale", InvalidReason::UnsupportedLocale),
                None
            ))
        );
    }
}
