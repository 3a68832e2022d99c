//! Reading JSON documents so that each has one meaning: [`read_json`], which names the
//! field at fault, refuses JSON nested too deep, and refuses objects that repeat a key.
//!
//! JSON parsers disagree about `{"total_paid": "1.00", "total_paid": "2109.66"}`: serde_json
//! and `JSON.parse` keep the last copy, other parsers keep the first or fail. A proposal
//! whose figures depend on which copy a parser keeps could verify here and be booked
//! differently in a bank's back office, so every document the engine reads must have one
//! meaning: a repeated key anywhere is refused, naming its path.
//!
//! The check is a serde visitor over the same text, so it reads JSON by exactly the rules
//! of the parser that reads the document afterwards.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt;

use serde::de::{DeserializeSeed, Error as _, MapAccess, SeqAccess, Visitor};

use crate::error::{EngineError, InvalidReason};

/// Reads `json` into `T`, naming the field at fault when the shape is wrong. An object
/// that repeats a key anywhere is refused, so a document has one meaning whichever
/// parser reads it.
///
/// # Errors
///
/// [`EngineError::MalformedJson`] for text that is not JSON (or has trailing text),
/// [`EngineError::Invalid`] with the field's path for JSON of the wrong shape or a
/// repeated key ([`InvalidReason::DuplicateKey`]).
pub fn read_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, EngineError> {
    check(json)?;
    let mut deserializer = serde_json::Deserializer::from_str(json);
    #[cfg(feature = "field-paths")]
    let value =
        serde_path_to_error::deserialize(&mut deserializer).map_err(EngineError::from_shape)?;
    #[cfg(not(feature = "field-paths"))]
    let value = <T as serde::Deserialize>::deserialize(&mut deserializer)
        .map_err(|e| EngineError::from_located(e, "."))?;
    deserializer.end().map_err(EngineError::from_json)?;
    Ok(value)
}

/// Refuses `json` if any object in it repeats a key.
///
/// # Errors
///
/// [`EngineError::Invalid`] with [`InvalidReason::DuplicateKey`] at the repeated key's
/// path (`plan.schedule[3].total`), or [`EngineError::MalformedJson`] for text that is
/// not JSON.
pub(crate) fn check(json: &str) -> Result<(), EngineError> {
    let repeated = RefCell::new(None);
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let result = Walk {
        path: String::new(),
        repeated: &repeated,
    }
    .deserialize(&mut deserializer)
    .and_then(|()| deserializer.end());
    match (result, repeated.into_inner()) {
        (_, Some(path)) => Err(EngineError::invalid(path, InvalidReason::DuplicateKey)),
        (Err(error), None) => Err(EngineError::from_json(error)),
        (Ok(()), None) => Ok(()),
    }
}

/// Visits one JSON value at `path`, recording the first repeated key's path.
struct Walk<'a> {
    path: String,
    repeated: &'a RefCell<Option<String>>,
}

impl Walk<'_> {
    fn child(&self, step: &str) -> Self {
        let path = if self.path.is_empty() || step.starts_with('[') {
            format!("{}{step}", self.path)
        } else {
            format!("{}.{step}", self.path)
        };
        Walk {
            path,
            repeated: self.repeated,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<(), A::Error> {
        let mut index = 0usize;
        while items
            .next_element_seed(self.child(&format!("[{index}]")))?
            .is_some()
        {
            index += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut members: A) -> Result<(), A::Error> {
        let mut seen = BTreeSet::new();
        while let Some(key) = members.next_key::<String>()? {
            let child = self.child(&key);
            if !seen.insert(key) {
                *self.repeated.borrow_mut() = Some(child.path);
                return Err(A::Error::custom("repeated key"));
            }
            members.next_value_seed(child)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repeated_at(json: &str) -> Option<String> {
        match check(json) {
            Err(EngineError::Invalid {
                path,
                reason: InvalidReason::DuplicateKey,
            }) => Some(path),
            Ok(()) => None,
            Err(other) => panic!("{json}: {other}"),
        }
    }

    #[test]
    fn names_the_path_of_a_repeated_key_at_any_depth() {
        assert_eq!(repeated_at(r#"{"a": 1, "a": 1}"#).as_deref(), Some("a"));
        assert_eq!(
            repeated_at(r#"{"plan": {"schedule": [{}, {"total": "1", "x": [], "total": "2"}]}}"#)
                .as_deref(),
            Some("plan.schedule[1].total")
        );
        assert_eq!(
            repeated_at(r#"[[{"k": null}], {"k": {"k": 1, "j": 2, "k": 3}}]"#).as_deref(),
            Some("[1].k.k")
        );
    }

    #[test]
    fn the_same_key_in_different_objects_is_no_repeat() {
        assert_eq!(
            repeated_at(r#"{"a": {"b": 1}, "c": {"b": 1}, "d": [{"b": 1}, {"b": 2}]}"#),
            None
        );
        // Keys are compared after unescaping, as every parser reads them.
        assert_eq!(
            repeated_at(r#"{"a": 1, "\u0061": 2}"#).as_deref(),
            Some("a")
        );
    }

    #[test]
    fn text_that_is_not_json_stays_malformed() {
        assert!(matches!(
            check(r#"{"a": 1,"#),
            Err(EngineError::MalformedJson { .. })
        ));
        assert!(matches!(
            check(r#"{"a": 1} x"#),
            Err(EngineError::MalformedJson { .. })
        ));
    }
}

#[cfg(test)]
mod read_tests {
    use super::*;
    use crate::error::MAX_JSON_DEPTH;

    #[test]
    fn json_nested_past_the_limit_is_too_deep_not_malformed() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(read_json::<serde_json::Value>(&deep(MAX_JSON_DEPTH as usize)).is_ok());
        let error = read_json::<serde_json::Value>(&deep(10_000)).unwrap_err();
        assert!(
            matches!(
                error,
                EngineError::TooDeep {
                    line: 1,
                    limit: MAX_JSON_DEPTH,
                    ..
                }
            ),
            "{error:?}"
        );
        assert!(read_json::<serde_json::Value>(&deep(MAX_JSON_DEPTH as usize + 1)).is_err());
        assert!(error
            .to_string()
            .starts_with("nested more than 127 levels deep"));
    }
}
