//! A person to talk to: the bank's numbers as `tel:` links (a tap dials on a phone), when
//! they are answered in the bank's own words and time zone, and its chat or call-back
//! page; from the configuration's `bank_contact`. Shown wherever the widget says talking
//! to the bank may help. Without a configured contact it says where every card shows one.

use yew::prelude::*;

use crate::components::slot;
use crate::config::BankContactWire;
use crate::i18n::{Locale, Msg};

/// The contact block, led by `lead` (why a person may help here).
#[inline(never)]
pub(crate) fn bank_contact(contact: Option<&BankContactWire>, lead: Msg, locale: Locale) -> Html {
    let Some(contact) = contact else {
        return html! {
            <div class="repay-widget__contact" data-testid="bank-contact">
                <p>{ lead.text(locale) }{ " " }{ Msg::ContactOnCard.text(locale) }</p>
            </div>
        };
    };
    let phones = contact.phones.iter().map(|phone| {
        let label = phone.label.as_ref().map(|label| {
            html! { <span class="repay-widget__phone-label">{ label.get(locale) }</span> }
        });
        html! {
            <li>
                <a class="repay-widget__phone" href={BankContactWire::tel_link(&phone.number)}>
                    { &phone.number }
                </a>
                { slot(label) }
            </li>
        }
    });
    let chat = contact.chat_url.as_ref().map(|url| {
        html! {
            <p>
                <a class="repay-widget__link" href={url.clone()} target="_blank" rel="noopener">
                    { Msg::ContactChat.text(locale) }
                </a>
            </p>
        }
    });
    html! {
        <div class="repay-widget__contact" data-testid="bank-contact">
            <p>{ lead.text(locale) }</p>
            <ul class="repay-widget__phones">{ for phones }</ul>
            <p class="repay-widget__note">{ Msg::ContactHours.text(locale) }{ Msg::Colon.text(locale) }{ contact.hours.get(locale) }</p>
            { slot(chat) }
        </div>
    }
}

/// The contact in one line, where a full block would push the task down: the lead and
/// the first number to call.
pub(crate) fn bank_contact_line(
    contact: Option<&BankContactWire>,
    lead: Msg,
    locale: Locale,
) -> Html {
    let number = contact.and_then(|c| c.phones.first()).map(|phone| {
        html! {
            <a class="repay-widget__phone" href={BankContactWire::tel_link(&phone.number)}>
                { &phone.number }
            </a>
        }
    });
    let rest = match number {
        Some(number) => number,
        None => html! { { Msg::ContactOnCard.text(locale) } },
    };
    html! {
        <p class="repay-widget__contact-line" data-testid="bank-contact">
            { lead.text(locale) }{ " " }{ rest }
        </p>
    }
}
