//! The payload of an entry with many items: a head, then each item encoded
//! on its own, then where each item ends, then their count. Items are
//! encoded and read back on every core, and one item can be read without
//! the others: a whole load takes each event from its file's entry.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Items encoded by one task when an entry is written.
const BLOCK: usize = 4096;

/// Writes `head` (its length first), then `items`; `big` says which item is
/// measured before it is encoded, so that its encoding is not doubled in
/// growing (measuring costs an encoding of its own). Nothing is held whole.
pub fn write<H: Serialize, T: Serialize + Sync>(
    out: &mut impl Write,
    head: &H,
    items: &[T],
    big: impl Fn(&T) -> bool + Sync,
) -> io::Result<()> {
    // The head's length is counted rather than its encoding kept: a tour may have a million steps.
    let head_len = postcard::experimental::serialized_size(head).map_err(io::Error::other)?;
    out.write_all(&(head_len as u64).to_le_bytes())?;
    postcard::to_io(head, &mut *out).map_err(io::Error::other)?;
    let mut ends: Vec<u8> = Vec::with_capacity(items.len() * 8);
    let mut at = 0u64;
    for block in items.chunks(BLOCK * 8) {
        let parts: Vec<(Vec<u8>, Vec<u64>)> = block
            .par_chunks(BLOCK)
            .map(|items| {
                let mut buf = Vec::new();
                let mut lens = Vec::with_capacity(items.len());
                for item in items {
                    if big(item) {
                        buf.reserve(postcard::experimental::serialized_size(item).unwrap_or(0));
                    }
                    let before = buf.len();
                    buf = postcard::to_extend(item, buf).map_err(io::Error::other)?;
                    lens.push((buf.len() - before) as u64);
                }
                Ok((buf, lens))
            })
            .collect::<io::Result<_>>()?;
        for (buf, lens) in parts {
            out.write_all(&buf)?;
            for len in lens {
                at += len;
                ends.extend_from_slice(&at.to_le_bytes());
            }
        }
    }
    out.write_all(&ends)?;
    out.write_all(&(items.len() as u64).to_le_bytes())
}

/// A checked payload taken apart: its head, and each item's bytes.
pub struct Split<'a> {
    pub head: &'a [u8],
    items: &'a [u8],
    ends: &'a [u8],
    len: usize,
}

impl<'a> Split<'a> {
    /// `None` if the parts do not fit together.
    pub fn of(payload: &'a [u8]) -> Option<Split<'a>> {
        let (head_len, rest) = payload.split_at_checked(8)?;
        let head_len = usize::try_from(u64::from_le_bytes(head_len.try_into().ok()?)).ok()?;
        let (head, rest) = rest.split_at_checked(head_len)?;
        let (rest, n) = rest.split_at_checked(rest.len().checked_sub(8)?)?;
        let len = usize::try_from(u64::from_le_bytes(n.try_into().ok()?)).ok()?;
        let (items, ends) = rest.split_at_checked(rest.len().checked_sub(len.checked_mul(8)?)?)?;
        let split = Split { head, items, ends, len };
        // The last item ends where the items do; each is checked as it is read.
        let last = if len == 0 { 0 } else { split.end(len - 1)? };
        (last == items.len()).then_some(split)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    fn end(&self, i: usize) -> Option<usize> {
        let b = self.ends.get(i.checked_mul(8)?..i.checked_mul(8)? + 8)?;
        usize::try_from(u64::from_le_bytes(b.try_into().ok()?)).ok()
    }

    /// Where item `i`'s start and end are kept.
    pub fn bounds(&self, i: usize) -> Option<&'a [u8]> {
        let from = i.saturating_sub(1).checked_mul(8)?;
        self.ends.get(from..i.checked_mul(8)?.checked_add(8)?)
    }

    /// The bytes of item `i`.
    pub fn item(&self, i: usize) -> Option<&'a [u8]> {
        let start = if i == 0 { 0 } else { self.end(i - 1)? };
        self.items.get(start..self.end(i)?)
    }

    /// The head, read as `H`.
    pub fn head<H: DeserializeOwned>(&self) -> Option<H> {
        postcard::from_bytes(self.head).ok()
    }

    /// Every item, read on every core straight into its place; `None` if one does not read.
    pub fn items<T: DeserializeOwned + Send>(&self) -> Option<Vec<T>> {
        let mut out = Vec::new();
        (0..self.len)
            .into_par_iter()
            .map(|i| self.item(i).and_then(|b| postcard::from_bytes(b).ok()))
            .collect_into_vec(&mut out);
        out.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payload(head: &str, items: &[String]) -> Vec<u8> {
        let mut out = Vec::new();
        write(&mut out, &head, items, |s| s.len() > 3).expect("written");
        out
    }

    #[test]
    fn a_head_and_its_items_come_back_each_in_its_place() {
        for n in [0, 1, 2 * BLOCK + 3, BLOCK * 8 + 1] {
            let items: Vec<String> = (0..n).map(|i| "x".repeat(i % 7)).collect();
            let bytes = payload("the head", &items);
            let split = Split::of(&bytes).expect("taken apart");
            assert_eq!(split.head::<String>().as_deref(), Some("the head"));
            assert_eq!(split.len(), n);
            assert_eq!(split.items::<String>().as_deref(), Some(&items[..]));
            if n > 0 {
                let last: String =
                    postcard::from_bytes(split.item(n - 1).expect("there")).expect("read");
                assert_eq!(last, items[n - 1]);
            }
            assert!(split.item(n).is_none());
        }
    }

    #[test]
    fn ends_that_do_not_fit_the_items_are_refused_without_a_panic() {
        let items: Vec<String> = (0..5).map(|i| format!("item {i}")).collect();
        let good = payload("h", &items);
        let ends = good.len() - 8 - 5 * 8;
        // An end beyond the items; one before the end before it; the count.
        type Spoil<'a> = &'a dyn Fn(&mut Vec<u8>);
        let spoil: [Spoil; 3] = [
            &|p| p[ends + 8..ends + 16].copy_from_slice(&u64::MAX.to_le_bytes()),
            &|p| p[ends + 8..ends + 16].copy_from_slice(&0u64.to_le_bytes()),
            &|p| {
                let at = p.len() - 8;
                p[at..].copy_from_slice(&(u64::MAX / 4).to_le_bytes())
            },
        ];
        for f in spoil {
            let mut p = good.clone();
            f(&mut p);
            let read = Split::of(&p).and_then(|s| s.items::<String>());
            assert!(read.is_none());
        }
        assert!(Split::of(&good[..good.len() - 1]).is_none());
        assert!(Split::of(&[]).is_none());
    }
}
