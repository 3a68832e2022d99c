//! Reads serde types straight from the browser's `JSON.parse` result.
//!
//! Why not serde-wasm-bindgen: its errors are serde's worded messages, and formatting
//! them drags float and escaped-string formatting (Unicode tables included) into the
//! bundle, about 5 KB brotli. The widget needs only *which* field is missing or unknown,
//! so this deserializer's error is a small enum that never formats anything.

use std::cell::RefCell;
use std::fmt;

use js_sys::{Array, Object, Reflect};
use repay_engine::{EngineError, InvalidReason};
use serde::de::value::StringDeserializer;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use wasm_bindgen::{JsCast, JsValue};

/// What is wrong with a document's shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShapeError {
    Missing(&'static str),
    UnknownField(String),
    UnknownVariant,
    WrongType,
}

thread_local! {
    /// The path to the value being read: object keys, `[i]` list positions, enum
    /// variants. Kept beside the readers rather than threaded through them or carried
    /// in the error: either made the generic readers grow by 4 to 6 KB of bundle.
    static PATH: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    /// Where the last error was made, as a dotted path.
    static FAULT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Opens a level of the path (an object's or a list's) and returns its depth.
#[inline(never)]
fn open_level() -> usize {
    PATH.with(|path| {
        let mut path = path.borrow_mut();
        path.push(String::new());
        path.len()
    })
}

#[inline(never)]
fn push_segment(segment: String) {
    PATH.with(|path| path.borrow_mut().push(segment));
}

/// Names the entry being read at `depth` (a key, or `[i]` for a list's `index`),
/// dropping any deeper levels left by the entry before; `None` closes the level.
#[inline(never)]
fn name_level(depth: usize, key: Option<&str>, index: u32) {
    PATH.with(|path| {
        let mut path = path.borrow_mut();
        path.truncate(depth - 1);
        match key {
            Some(key) => path.push(key.to_owned()),
            None if index > 0 => path.push(format!("[{}]", index - 1)),
            None => {}
        }
    });
}

/// Notes where an error is being made: the current path, then `last` (a field's name).
#[inline(never)]
fn fault(last: &str) {
    let mut text = String::new();
    PATH.with(|path| {
        for segment in path.borrow().iter().map(String::as_str).chain([last]) {
            if !text.is_empty() && !segment.is_empty() && !segment.starts_with('[') {
                text.push('.');
            }
            text.push_str(segment);
        }
    });
    FAULT.with(|fault| *fault.borrow_mut() = text);
}

impl ShapeError {
    #[inline(never)]
    fn wrong_type() -> Self {
        fault("");
        Self::WrongType
    }
}

/// Reads `T` from a parsed JSON value; an error names the field's path from the root.
///
/// # Errors
///
/// The first thing that does not fit `T`'s shape.
pub fn read<T: de::DeserializeOwned>(value: JsValue) -> Result<T, EngineError> {
    PATH.with(|path| path.borrow_mut().clear());
    T::deserialize(JsDe(value)).map_err(EngineError::from)
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Missing(name) => name,
            Self::UnknownField(name) => name,
            Self::UnknownVariant => "unknown variant",
            Self::WrongType => "wrong type",
        })
    }
}

impl std::error::Error for ShapeError {}

// Every method is overridden: serde's defaults format `Unexpected`, which is what this
// module exists to avoid.
impl de::Error for ShapeError {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Self::wrong_type()
    }
    fn invalid_type(_: de::Unexpected<'_>, _: &dyn de::Expected) -> Self {
        Self::wrong_type()
    }
    fn invalid_value(_: de::Unexpected<'_>, _: &dyn de::Expected) -> Self {
        Self::wrong_type()
    }
    fn invalid_length(_: usize, _: &dyn de::Expected) -> Self {
        Self::wrong_type()
    }
    fn unknown_variant(_: &str, _: &'static [&'static str]) -> Self {
        fault("");
        Self::UnknownVariant
    }
    /// The key is already on the path: the object names it before reading it.
    fn unknown_field(field: &str, _: &'static [&'static str]) -> Self {
        fault("");
        Self::UnknownField(field.to_owned())
    }
    fn missing_field(field: &'static str) -> Self {
        fault(field);
        Self::Missing(field)
    }
    fn duplicate_field(_: &'static str) -> Self {
        Self::wrong_type()
    }
}

impl From<ShapeError> for EngineError {
    /// The error at the path where it was made (`.` for the root).
    fn from(error: ShapeError) -> Self {
        let reason = match error {
            ShapeError::Missing(_) => InvalidReason::Missing,
            ShapeError::UnknownField(_) => InvalidReason::UnknownField,
            ShapeError::UnknownVariant => InvalidReason::NotAllowed,
            ShapeError::WrongType => InvalidReason::WrongType,
        };
        let path = FAULT.with(|fault| std::mem::take(&mut *fault.borrow_mut()));
        EngineError::invalid(if path.is_empty() { ".".into() } else { path }, reason)
    }
}

/// What a JSON value is. Worked out once, outside the generic deserializer, so that
/// each type read does not carry its own copy of these checks.
enum Kind {
    Unit,
    Bool(bool),
    Unsigned(u64),
    Text(String),
    List(Array),
    Object(Array, JsValue),
    Other,
}

impl Kind {
    #[inline(never)]
    fn of(value: JsValue) -> Self {
        if value.is_null() || value.is_undefined() {
            Self::Unit
        } else if let Some(flag) = value.as_bool() {
            Self::Bool(flag)
        } else if let Some(number) = value.as_f64() {
            // Whole non-negative numbers go as integers; others are not settings.
            let whole = number.fract() == 0.0 && (0.0..9_007_199_254_740_992.0).contains(&number);
            if whole {
                Self::Unsigned(number as u64)
            } else {
                Self::Other
            }
        } else if let Some(text) = value.as_string() {
            Self::Text(text)
        } else if Array::is_array(&value) {
            Self::List(Array::from(&value))
        } else if value.is_object() {
            Self::Object(Object::keys(value.unchecked_ref::<Object>()), value)
        } else {
            Self::Other
        }
    }
}

/// Implements each named `Deserializer` method by calling `$to`: every integer is read as
/// a `u64` (no setting is negative), every string kind as a `String`.
macro_rules! forward_to {
    ($($to:ident: $($method:ident)+;)+) => {
        $($(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
                self.$to(visitor)
            }
        )+)+
    };
}

/// A JSON value from `JSON.parse`, to deserialize.
pub struct JsDe(pub JsValue);

fn key_de(key: String) -> StringDeserializer<ShapeError> {
    key.into_deserializer()
}

impl<'de> de::Deserializer<'de> for JsDe {
    type Error = ShapeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        match Kind::of(self.0) {
            Kind::Unit => visitor.visit_unit(),
            Kind::Bool(flag) => visitor.visit_bool(flag),
            Kind::Unsigned(n) => visitor.visit_u64(n),
            Kind::Text(text) => visitor.visit_string(text),
            Kind::List(items) => visitor.visit_seq(Seq::open(items)),
            Kind::Object(keys, object) => visitor.visit_map(Map::open(keys, object)),
            // No setting is a negative or fractional number (amounts and rates are
            // decimal strings): refused here rather than by every type's visitor.
            Kind::Other => Err(ShapeError::wrong_type()),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, ShapeError> {
        visitor.visit_newtype_struct(self)
    }

    /// Externally tagged: `"variant"`, or `{ "variant": content }`.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ShapeError> {
        if let Some(name) = self.0.as_string() {
            return visitor.visit_enum(key_de(name));
        }
        if self.0.is_object() && !Array::is_array(&self.0) {
            let keys = Object::keys(self.0.unchecked_ref::<Object>());
            if keys.length() == 1 {
                let name = keys.get(0);
                let content = Reflect::get(&self.0, &name).unwrap_or_default();
                return visitor.visit_enum(Variant {
                    name: name.as_string().unwrap_or_default(),
                    content,
                });
            }
        }
        Err(ShapeError::wrong_type())
    }

    // A type that asks for one shape gets only that shape's visitor method called, so
    // the others (a struct's `visit_seq`, a string's `visit_u64`…) are never reached and
    // leave the bundle, and the first render has less code to compile.
    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        match Kind::of(self.0) {
            Kind::Bool(flag) => visitor.visit_bool(flag),
            _ => Err(ShapeError::wrong_type()),
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        match Kind::of(self.0) {
            Kind::Unsigned(n) => visitor.visit_u64(n),
            _ => Err(ShapeError::wrong_type()),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        match Kind::of(self.0) {
            Kind::Text(text) => visitor.visit_string(text),
            _ => Err(ShapeError::wrong_type()),
        }
    }

    // Lists and objects stay out of line: inlined, every type's reader ended up in one
    // 58 KB function, which V8 compiles whole on the first call, and the bundle grew 2 KB.
    #[inline(never)]
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        match Kind::of(self.0) {
            Kind::List(items) => visitor.visit_seq(Seq::open(items)),
            _ => Err(ShapeError::wrong_type()),
        }
    }

    #[inline(never)]
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        match Kind::of(self.0) {
            Kind::Object(keys, object) => visitor.visit_map(Map::open(keys, object)),
            _ => Err(ShapeError::wrong_type()),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ShapeError> {
        self.deserialize_map(visitor)
    }

    /// A value nobody reads is not walked.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i128 u128 f32 f64 char bytes byte_buf unit unit_struct tuple tuple_struct
    }

    forward_to! {
        deserialize_u64: deserialize_u8 deserialize_u16 deserialize_u32 deserialize_i8
            deserialize_i16 deserialize_i32 deserialize_i64;
        deserialize_string: deserialize_str deserialize_identifier;
    }
}

struct Seq {
    items: Array,
    next: u32,
    /// This list's level in the path.
    depth: usize,
}

impl Seq {
    /// A list to read, as a new level of the path.
    fn open(items: Array) -> Self {
        Self {
            items,
            next: 0,
            depth: open_level(),
        }
    }
}

impl<'de> de::SeqAccess<'de> for Seq {
    type Error = ShapeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, ShapeError> {
        if self.next >= self.items.length() {
            name_level(self.depth, None, 0);
            return Ok(None);
        }
        let item = self.items.get(self.next);
        self.next += 1;
        name_level(self.depth, None, self.next);
        seed.deserialize(JsDe(item)).map(Some)
    }
}

struct Map {
    keys: Array,
    object: JsValue,
    next: u32,
    value: JsValue,
    /// This object's level in the path.
    depth: usize,
}

impl Map {
    /// An object to read (its keys, then it), as a new level of the path.
    fn open(keys: Array, object: JsValue) -> Self {
        Self {
            keys,
            object,
            next: 0,
            value: JsValue::UNDEFINED,
            depth: open_level(),
        }
    }
}

impl<'de> de::MapAccess<'de> for Map {
    type Error = ShapeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, ShapeError> {
        if self.next >= self.keys.length() {
            name_level(self.depth, None, 0);
            return Ok(None);
        }
        let key = self.keys.get(self.next);
        self.next += 1;
        self.value = Reflect::get(&self.object, &key).unwrap_or_default();
        let key = key.as_string().unwrap_or_default();
        name_level(self.depth, Some(&key), 0);
        seed.deserialize(key_de(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, ShapeError> {
        seed.deserialize(JsDe(std::mem::take(&mut self.value)))
    }
}

struct Variant {
    name: String,
    content: JsValue,
}

impl<'de> de::EnumAccess<'de> for Variant {
    type Error = ShapeError;
    type Variant = JsDe;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, JsDe), ShapeError> {
        let value = seed.deserialize(key_de(self.name.clone()))?;
        // The content's errors have the variant in their path; the enclosing object or
        // list drops this level when it reads its next entry.
        push_segment(self.name);
        Ok((value, JsDe(self.content)))
    }
}

impl<'de> de::VariantAccess<'de> for JsDe {
    type Error = ShapeError;

    fn unit_variant(self) -> Result<(), ShapeError> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, ShapeError> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, ShapeError> {
        de::Deserializer::deserialize_any(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ShapeError> {
        de::Deserializer::deserialize_any(self, visitor)
    }
}
