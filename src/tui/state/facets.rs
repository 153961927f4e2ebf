//! The countries and actors panes: the item under each cursor, and the
//! order each list is shown in: by number of events (the default: the
//! busiest first), by name, or by first appearance.

use crate::query::fold;

/// How a facet list is sorted; `s` goes round them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FacetSort {
    /// Most events under the other filters first (the number beside each).
    #[default]
    Count,
    /// By name, case and accents ignored.
    Name,
    /// By the date of their first event.
    First,
}

impl FacetSort {
    pub fn next(self) -> FacetSort {
        match self {
            FacetSort::Count => FacetSort::Name,
            FacetSort::Name => FacetSort::First,
            FacetSort::First => FacetSort::Count,
        }
    }

    /// "by events", as the pane's title says it.
    pub fn label(self) -> &'static str {
        match self {
            FacetSort::Count => "by events",
            FacetSort::Name => "by name",
            FacetSort::First => "by first",
        }
    }
}

/// One facet item as sorting sees it.
pub struct SortKey<'a> {
    pub name: &'a str,
    /// Events under the other filters: the number the pane shows.
    pub count: usize,
    /// Events in the whole timeline, for ties.
    pub total: usize,
    /// Position of its first event in the timeline (`None`: it has none).
    pub first: Option<usize>,
}

/// A list in display order. Cursors stay indexes of items (into
/// `Timeline::countries` or `actors`), so a new order keeps the item under
/// the cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FacetOrder {
    pub sort: FacetSort,
    /// Items in display order.
    order: Vec<usize>,
    /// Display position of each item.
    rank: Vec<usize>,
}

impl FacetOrder {
    pub fn new(sort: FacetSort, keys: &[SortKey]) -> FacetOrder {
        let mut order: Vec<usize> = (0..keys.len()).collect();
        match sort {
            // Ties keep the file's order.
            FacetSort::Count => {
                order.sort_by_key(|&i| std::cmp::Reverse((keys[i].count, keys[i].total)))
            }
            FacetSort::Name => order.sort_by_cached_key(|&i| fold(keys[i].name)),
            FacetSort::First => order.sort_by_key(|&i| keys[i].first.unwrap_or(usize::MAX)),
        }
        let mut rank = vec![0; order.len()];
        for (pos, &item) in order.iter().enumerate() {
            rank[item] = pos;
        }
        FacetOrder { sort, order, rank }
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The item shown at display position `pos`.
    pub fn item(&self, pos: usize) -> Option<usize> {
        self.order.get(pos).copied()
    }

    /// Where `item` is shown.
    pub fn rank(&self, item: usize) -> usize {
        self.rank.get(item).copied().unwrap_or(0)
    }

    /// Items in display order.
    pub fn items(&self) -> &[usize] {
        &self.order
    }

    /// The item `delta` lines from `item`, within the list.
    pub fn step(&self, item: usize, delta: isize) -> usize {
        let last = self.order.len().saturating_sub(1);
        let pos = self.rank(item).saturating_add_signed(delta).min(last);
        self.item(pos).unwrap_or(item)
    }
}

/// The cursors and orders of the countries and actors panes. Cursors are
/// positions in `Timeline::countries` and `actors`, whatever order they are
/// shown in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub country_cursor: usize,
    pub actor_cursor: usize,
    pub country_order: FacetOrder,
    pub actor_order: FacetOrder,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> Vec<SortKey<'static>> {
        vec![
            SortKey { name: "Émile", count: 2, total: 2, first: Some(5) },
            SortKey { name: "alma", count: 9, total: 9, first: Some(7) },
            SortKey { name: "Bek", count: 2, total: 3, first: None },
            SortKey { name: "Zed", count: 4, total: 4, first: Some(1) },
        ]
    }

    #[test]
    fn sorts_by_events_name_and_first_appearance() {
        assert_eq!(FacetOrder::new(FacetSort::Count, &keys()).items(), [1, 3, 2, 0]);
        assert_eq!(FacetOrder::new(FacetSort::Name, &keys()).items(), [1, 2, 0, 3]);
        assert_eq!(FacetOrder::new(FacetSort::First, &keys()).items(), [3, 0, 1, 2]);
        assert_eq!(FacetSort::Count.next().next().next(), FacetSort::Count);
    }

    #[test]
    fn steps_move_in_display_order_and_stay_in_the_list() {
        let o = FacetOrder::new(FacetSort::Count, &keys());
        assert_eq!(o.step(1, 1), 3);
        assert_eq!(o.step(3, 2), 0);
        assert_eq!(o.step(3, -10), 1);
        assert_eq!(o.step(0, 10), 0);
        assert_eq!(o.rank(0), 3);
    }
}
