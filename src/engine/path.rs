//! Where in a JSON document a value sits: `lines[0].calls[2]`,
//! `price_list.list.services[3].postpaid.tiers[1].up_to`.
//!
//! Errors carry a [`Path`] rather than text, so code that needs to know where a problem is (the
//! price-list editor showing it against "tier 2", the JS API's `path` field, a prefix added when
//! a list travels inside an estimate) reads segments instead of splitting strings. It becomes
//! text only where it is shown, through `Display`.

use std::borrow::Cow;
use std::fmt;

/// One step into a document: an object key or a list index.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Seg {
    Key(Cow<'static, str>),
    Index(usize),
}

/// A path from the top of a document; empty for the document itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Path(Vec<Seg>);

impl Path {
    /// The document itself.
    pub const fn root() -> Path {
        Path(Vec::new())
    }

    /// This path followed by `key`.
    pub fn key(&self, key: impl Into<Cow<'static, str>>) -> Path {
        let mut p = self.clone();
        p.0.push(Seg::Key(key.into()));
        p
    }

    /// This path followed by list index `i`.
    pub fn at(&self, i: usize) -> Path {
        let mut p = self.clone();
        p.0.push(Seg::Index(i));
        p
    }

    /// `prefix` followed by this path (a price list's path inside the estimate carrying it).
    pub fn under(&self, prefix: &Path) -> Path {
        let mut p = prefix.clone();
        p.0.extend(self.0.iter().cloned());
        p
    }

    /// This path with `prefix` taken off its front, if it starts with it.
    pub fn strip_prefix(&self, prefix: &Path) -> Option<Path> {
        self.0.strip_prefix(prefix.0.as_slice()).map(|rest| Path(rest.to_vec()))
    }

    pub fn segments(&self) -> &[Seg] {
        &self.0
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The index that follows `key` the first time it appears (`tiers` in
    /// `services[0].postpaid.tiers[2].price` gives 2).
    pub fn index_after(&self, key: &str) -> Option<usize> {
        self.0.windows(2).find_map(|w| match (&w[0], &w[1]) {
            (Seg::Key(k), Seg::Index(i)) if k == key => Some(*i),
            _ => None,
        })
    }

    /// Whether `key` is one of the path's keys (`free_quota` in `services[0].free_quota.calls`).
    pub fn has_key(&self, key: &str) -> bool {
        self.0.iter().any(|s| matches!(s, Seg::Key(k) if k == key))
    }

    /// The last key of the path (`up_to` in `…tiers[1].up_to`).
    pub fn last_key(&self) -> Option<&str> {
        self.0.iter().rev().find_map(|s| match s {
            Seg::Key(k) => Some(k.as_ref()),
            Seg::Index(_) => None,
        })
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (i, s) in self.0.iter().enumerate() {
            match s {
                Seg::Key(k) if i == 0 => f.write_str(k)?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

impl PartialEq<str> for Path {
    fn eq(&self, other: &str) -> bool {
        let text: String = self.to_string();
        text.as_str() == other
    }
}

impl PartialEq<&str> for Path {
    fn eq(&self, other: &&str) -> bool {
        self == *other
    }
}

/// `lines[i]`, the path of an estimate's line.
pub fn line(i: usize) -> Path {
    Path::root().key("lines").at(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_the_way_people_write_paths() {
        let p = line(0).key("calls").at(2);
        assert_eq!(p.to_string(), "lines[0].calls[2]");
        assert_eq!(Path::root().to_string(), "");
        assert_eq!(Path::root().at(3).key("x").to_string(), "[3].x");
        let inner = Path::root().key("services").at(3).key("postpaid").key("tiers").at(1).key("up_to");
        let outer = inner.under(&Path::root().key("price_list").key("list"));
        assert_eq!(outer, "price_list.list.services[3].postpaid.tiers[1].up_to");
        assert_eq!(outer.strip_prefix(&Path::root().key("price_list").key("list")), Some(inner.clone()));
        assert_eq!(inner.index_after("tiers"), Some(1));
        assert_eq!(inner.index_after("sizes"), None);
        assert_eq!(inner.last_key(), Some("up_to"));
    }
}
