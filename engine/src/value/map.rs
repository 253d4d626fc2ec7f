//! A JSON object that keeps its members in insertion order (as AWS does) and is cheap when small.
//!
//! Most objects a state machine handles have a handful of members, so a lookup scans a vector, which
//! beats hashing a key. Past `INDEX_FROM` members a hash index (keyed by the same shared strings) keeps
//! lookups constant-time.

use std::fmt;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use super::{Str, Value};

/// Objects with at least this many members get a hash index.
const INDEX_FROM: usize = 12;

#[derive(Default)]
pub struct Map {
    entries: Vec<(Str, Value)>,
    /// Shared by copies of the map until one of them changes (`Rc::make_mut`). Unlike a `Box`, an `Rc`
    /// lets the compiler drop a map without an index in line: dropping maps is on every state's path.
    index: Option<Rc<FxHashMap<Str, usize>>>,
}

impl Map {
    pub fn new() -> Map {
        Map::default()
    }

    pub fn with_capacity(capacity: usize) -> Map {
        Map { entries: Vec::with_capacity(capacity), index: None }
    }

    /// Removes every member, keeping the memory for new ones.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.index = None;
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn position(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(key).copied(),
            None => self.entries.iter().position(|(k, _)| k.as_str() == key),
        }
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.position(key).map(|i| &self.entries[i].1)
    }

    /// `get`, trying first where `hint` says the key was last found, and remembering where it is now.
    #[inline]
    pub fn get_hinted(&self, key: &str, hint: &std::cell::Cell<u32>) -> Option<&Value> {
        if let Some((k, v)) = self.entries.get(hint.get() as usize) {
            if same_short_str(k.as_str(), key) {
                return Some(v);
            }
        }
        self.get_and_hint(key, hint)
    }

    fn get_and_hint(&self, key: &str, hint: &std::cell::Cell<u32>) -> Option<&Value> {
        let i = self.position(key)?;
        hint.set(i as u32);
        Some(&self.entries[i].1)
    }

    /// The value of the member at `index` (in insertion order); panics past the end, like slice indexing.
    pub fn value_at_mut(&mut self, index: usize) -> &mut Value {
        &mut self.entries[index].1
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.position(key).map(|i| &mut self.entries[i].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    /// Sets a member. An existing member keeps its place (like `IndexMap::insert`); a new one goes last.
    pub fn insert(&mut self, key: impl Into<Str>, value: Value) -> Option<Value> {
        let key = key.into();
        if let Some(i) = self.position(&key) {
            return Some(std::mem::replace(&mut self.entries[i].1, value));
        }
        self.push_new(key, value);
        None
    }

    /// Appends a member the caller knows is not there yet (compiled templates have distinct keys).
    pub fn push_new(&mut self, key: Str, value: Value) {
        let at = self.entries.len();
        match &mut self.index {
            Some(index) => {
                Rc::make_mut(index).insert(key.clone(), at);
            }
            None if at + 1 >= INDEX_FROM => {
                let mut index: FxHashMap<Str, usize> = self.entries.iter().enumerate().map(|(i, (k, _))| (k.clone(), i)).collect();
                index.insert(key.clone(), at);
                self.index = Some(Rc::new(index));
            }
            None => {}
        }
        self.entries.push((key, value));
    }

    /// The member for `key`, inserted with `make` first if missing.
    pub fn get_or_insert_with(&mut self, key: &str, make: impl FnOnce() -> Value) -> &mut Value {
        let i = match self.position(key) {
            Some(i) => i,
            None => {
                self.push_new(Str::from(key), make());
                self.entries.len() - 1
            }
        };
        &mut self.entries[i].1
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&Str, &Value)> + DoubleEndedIterator {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl ExactSizeIterator<Item = &Str> + DoubleEndedIterator {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl ExactSizeIterator<Item = &Value> + DoubleEndedIterator {
        self.entries.iter().map(|(_, v)| v)
    }
}

impl Clone for Map {
    fn clone(&self) -> Map {
        Map { entries: self.entries.clone(), index: self.index.clone() }
    }

    /// Reuses this map's memory (see `Execution::spare_object`).
    fn clone_from(&mut self, source: &Map) {
        self.entries.clone_from(&source.entries);
        self.index.clone_from(&source.index);
    }
}

impl IntoIterator for Map {
    type Item = (Str, Value);
    type IntoIter = std::vec::IntoIter<(Str, Value)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a Str, &'a Value);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (Str, Value)>, fn(&'a (Str, Value)) -> (&'a Str, &'a Value)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl<K: Into<Str>> FromIterator<(K, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (K, Value)>>(iter: I) -> Map {
        let mut map = Map::new();
        map.extend(iter);
        map
    }
}

impl<K: Into<Str>> Extend<(K, Value)> for Map {
    fn extend<I: IntoIterator<Item = (K, Value)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

/// Member order does not matter for equality, as with `serde_json::Map`.
impl PartialEq for Map {
    fn eq(&self, other: &Map) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl fmt::Debug for Map {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// String equality without a call to `memcmp`: member names are short, and for them the call costs more
/// than the comparison.
#[inline]
fn same_short_str(a: &str, b: &str) -> bool {
    if a.len() != b.len() {
        false
    } else if a.len() > 16 {
        a == b
    } else {
        a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
    }
}
