//! The fast path's serde `Deserializer`: the calls serde_yaml makes, with the
//! same values, for the nodes the reader finds.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

use std::borrow::Cow;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use super::scalar::scalar;
use super::{is_item, key_form, Decline, Line, Node, Reader};

/// serde_yaml's null words.
fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// A plain number as people write it: `-?(0|[1-9][0-9]*)` with at most 18
/// digits, optionally followed by `.` and digits. `Some(true)` for an
/// integer, `Some(false)` for a decimal, `None` otherwise.
fn simple_number(text: &str) -> Option<bool> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || whole.len() > 18 || (whole.len() > 1 && whole.starts_with('0')) {
        return None;
    }
    match fraction {
        None => Some(true),
        Some(fraction) if all_digits(fraction) => Some(false),
        Some(_) => None,
    }
}

fn visit_text<'de, V: Visitor<'de>>(text: Cow<'de, str>, visitor: V) -> Result<V::Value, Decline> {
    match text {
        Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
        Cow::Owned(text) => visitor.visit_string(text),
    }
}

/// A plain scalar read without a type in mind, as serde_yaml does: null,
/// boolean, integer, float or text. Anything that starts like a number but
/// is not a [`simple_number`] (`0x1F`, `1e3`, `+5`, `007`, `.5`, a date) is
/// declined rather than resolved here.
fn resolve<'de, V: Visitor<'de>>(text: Cow<'de, str>, visitor: V) -> Result<V::Value, Decline> {
    if is_null(&text) {
        return visitor.visit_unit();
    }
    if let Some(value) = parse_bool(&text) {
        return visitor.visit_bool(value);
    }
    let numeric = text
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.'));
    if !numeric {
        return visit_text(text, visitor);
    }
    match simple_number(&text) {
        Some(true) => match text.strip_prefix('-') {
            Some(_) => visitor.visit_i64(text.parse().map_err(|_| Decline)?),
            None => visitor.visit_u64(text.parse().map_err(|_| Decline)?),
        },
        Some(false) => {
            let value: f64 = text.parse().map_err(|_| Decline)?;
            if !value.is_finite() {
                return Err(Decline);
            }
            visitor.visit_f64(value)
        }
        None => Err(Decline),
    }
}

/// Deserializes one [`Node`].
pub(super) struct Value<'a, 'r> {
    pub(super) reader: &'r mut Reader<'a>,
    pub(super) node: Node<'a>,
}

macro_rules! decline {
    ($($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Decline> {
            Err(Decline)
        })*
    };
}

impl<'de> de::Deserializer<'de> for Value<'de, '_> {
    type Error = Decline;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self.node {
            Node::Scalar { text, plain: true } => resolve(text, visitor),
            Node::Scalar { text, plain: false } => visit_text(text, visitor),
            Node::Map(_) | Node::FlowMap(_) => self.deserialize_map(visitor),
            Node::Seq(..) | Node::EmptySeq => self.deserialize_seq(visitor),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self.node {
            Node::Scalar { text, .. } => visit_text(text, visitor),
            _ => Err(Decline),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match &self.node {
            Node::Scalar { text, plain: true } => {
                visitor.visit_bool(parse_bool(text).ok_or(Decline)?)
            }
            _ => Err(Decline),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match &self.node {
            Node::Scalar { text, plain: true } if is_null(text) => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self.node {
            Node::Seq(indent, indentless) => visitor.visit_seq(Items {
                reader: self.reader,
                indent,
                indentless,
            }),
            Node::EmptySeq => visitor.visit_seq(NoItems),
            _ => Err(Decline),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self.node {
            Node::Map(indent) => visitor.visit_map(Entries {
                reader: self.reader,
                indent,
                rest: "",
            }),
            Node::FlowMap(entries) => visitor.visit_map(FlowEntries {
                reader: self.reader,
                entries: entries.into_iter(),
                value: None,
            }),
            _ => Err(Decline),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Decline> {
        self.deserialize_map(visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value, Decline> {
        Err(Decline)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value, Decline> {
        Err(Decline)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value, Decline> {
        Err(Decline)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value, Decline> {
        Err(Decline)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Decline> {
        Err(Decline)
    }

    decline! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes
        deserialize_byte_buf deserialize_unit deserialize_ignored_any
    }
}

/// The entries of a block mapping at `indent`.
struct Entries<'a, 'r> {
    reader: &'r mut Reader<'a>,
    indent: usize,
    /// What follows the colon of the key just read.
    rest: &'a str,
}

impl<'de> MapAccess<'de> for Entries<'de, '_> {
    type Error = Decline;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Decline> {
        let Some(line) = self.reader.lines.get(self.reader.pos) else {
            return Ok(None);
        };
        if line.indent < self.indent {
            return Ok(None);
        }
        if line.indent > self.indent {
            return Err(Decline);
        }
        let (key, rest) = key_form(line.text).ok_or(Decline)?;
        self.rest = rest;
        self.reader.pos += 1;
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Decline> {
        let node = self.reader.value(self.indent, self.rest)?;
        seed.deserialize(Value {
            reader: self.reader,
            node,
        })
    }
}

/// The entries of a one-line flow mapping.
struct FlowEntries<'a, 'r> {
    reader: &'r mut Reader<'a>,
    entries: std::vec::IntoIter<(&'a str, Node<'a>)>,
    value: Option<Node<'a>>,
}

impl<'de> MapAccess<'de> for FlowEntries<'de, '_> {
    type Error = Decline;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Decline> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Decline> {
        let node = self.value.take().ok_or(Decline)?;
        seed.deserialize(Value {
            reader: self.reader,
            node,
        })
    }
}

/// The items of a block sequence at `indent`.
struct Items<'a, 'r> {
    reader: &'r mut Reader<'a>,
    indent: usize,
    indentless: bool,
}

impl<'de> SeqAccess<'de> for Items<'de, '_> {
    type Error = Decline;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Decline> {
        let reader = &mut *self.reader;
        let Some(&line) = reader.lines.get(reader.pos) else {
            return Ok(None);
        };
        if line.indent < self.indent {
            return Ok(None);
        }
        if line.indent > self.indent {
            return Err(Decline);
        }
        if !is_item(line.text) {
            return if self.indentless {
                Ok(None)
            } else {
                Err(Decline)
            };
        }
        let after = line.text.get(1..).ok_or(Decline)?;
        let rest = after.trim_start_matches(' ');
        let node = if key_form(rest).is_some() {
            // `- key: value` opens a mapping whose keys line up with `key`:
            // read this line again as that mapping's first line.
            let column = self.indent + 1 + (after.len() - rest.len());
            let slot = reader.lines.get_mut(reader.pos).ok_or(Decline)?;
            *slot = Line {
                indent: column,
                text: rest,
                start: slot.start,
            };
            Node::Map(column)
        } else {
            reader.pos += 1;
            scalar(rest)?
        };
        seed.deserialize(Value { reader, node }).map(Some)
    }
}

/// The items of `[]`.
struct NoItems;

impl<'de> SeqAccess<'de> for NoItems {
    type Error = Decline;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        _seed: S,
    ) -> Result<Option<S::Value>, Decline> {
        Ok(None)
    }
}
