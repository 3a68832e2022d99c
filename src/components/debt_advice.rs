//! Free debt advice independent of the bank (the configuration's `debt_advice`): each
//! service's name, what it does, a number to call as a `tel:` link and when it answers,
//! and its website. Shown on the first screen, wherever no plan fits or hardship is
//! suggested, and on the confirmation (docs/embedding.md, Configuration). Nothing when
//! the bank lists none.

use yew::prelude::*;

use crate::components::slot;
use crate::config::{BankContactWire, DebtAdviceWire};
use crate::i18n::{Locale, Msg};

/// The advice block, or nothing without services. `place` names it for tests.
#[inline(never)]
pub(crate) fn debt_advice(
    services: &[DebtAdviceWire],
    place: &'static str,
    locale: Locale,
) -> Html {
    if services.is_empty() {
        return html! {};
    }
    let items = services.iter().map(|service| {
        let phone = service.phone.as_ref().map(|number| {
            html! {
                <p>
                    <a class="repay-widget__phone" href={BankContactWire::tel_link(number)}>{ number }</a>
                    { slot(service.hours.as_ref().map(|hours| html! {
                        <span class="repay-widget__phone-label">{ hours.get(locale) }</span>
                    })) }
                </p>
            }
        });
        let website = service.url.as_ref().map(|url| {
            html! {
                <p>
                    <a class="repay-widget__link" href={url.clone()} target="_blank" rel="noopener noreferrer">
                        { Msg::DebtAdviceWebsite.text(locale) }
                        <span class="repay-widget__visually-hidden">{ " " }{ service.name.get(locale) }</span>
                    </a>
                </p>
            }
        });
        let example = service.illustrative.then(|| {
            html! { <p class="repay-widget__advice-example">{ Msg::DebtAdviceIllustrative.text(locale) }</p> }
        });
        html! {
            <li class="repay-widget__advice-service">
                <p class="repay-widget__advice-name">{ service.name.get(locale) }</p>
                <p>{ service.about.get(locale) }</p>
                { slot(phone) }
                { slot(website) }
                { slot(example) }
            </li>
        }
    });
    html! {
        <section class="repay-widget__advice" data-testid={place}>
            <h3 class="repay-widget__subheading">{ Msg::DebtAdviceTitle.text(locale) }</h3>
            <p>{ Msg::DebtAdviceLead.text(locale) }</p>
            <ul class="repay-widget__advice-list">{ for items }</ul>
        </section>
    }
}
