//! The widget's state: one reducer, pure, tested natively. Effects (storage, network)
//! live in components, never here.

use std::rc::Rc;

use yew::Reducible;

use crate::i18n::Locale;

/// Everything the customer has chosen so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub locale: Locale,
}

impl State {
    /// The state a freshly mounted widget starts in.
    pub fn new(locale: Locale) -> Self {
        Self { locale }
    }
}

/// What the customer can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Switch the widget's language.
    SetLocale(Locale),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::SetLocale(locale) if locale == self.locale => self,
            Action::SetLocale(locale) => Rc::new(Self { locale }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switching_language_changes_only_the_language() {
        let state = Rc::new(State::new(Locale::EnUs));
        let next = state.reduce(Action::SetLocale(Locale::ZhCn));
        assert_eq!(next.locale, Locale::ZhCn);
    }

    #[test]
    fn choosing_the_current_language_keeps_the_same_state() {
        let state = Rc::new(State::new(Locale::ZhCn));
        let next = state.clone().reduce(Action::SetLocale(Locale::ZhCn));
        assert!(Rc::ptr_eq(&state, &next));
    }
}
