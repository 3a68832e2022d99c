//! [`Shared`]: an immutable value shared between components and compared by identity.
//!
//! The configuration and the derived model are computed once per change (memoised), so
//! "is it the same `Rc`?" is exactly "has it changed?". Comparing by identity makes
//! re-render checks constant-time and keeps deep `PartialEq` code for the engine's
//! types out of the wasm.

use std::ops::Deref;
use std::rc::Rc;

/// A shared value whose equality is identity.
#[derive(Debug)]
pub struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Self(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::Shared;

    #[test]
    fn equal_only_to_itself() {
        let a = Shared::new(String::from("x"));
        let b = Shared::new(String::from("x"));
        assert!(a == a.clone());
        assert!(a != b, "equal contents, different values");
    }
}
