//! Lists of positions per row, stored flat (compressed sparse rows): one
//! allocation for a million events' countries instead of a million.

#[derive(Debug, Clone)]
pub(crate) struct Lists {
    starts: Vec<u32>,
    items: Vec<u32>,
}

impl Lists {
    pub fn with_capacity(rows: usize) -> Self {
        let mut starts = Vec::with_capacity(rows + 1);
        starts.push(0);
        Lists { starts, items: Vec::with_capacity(rows * 2) }
    }

    /// Adds a row, leaving out repeats within it.
    pub fn push_unique(&mut self, row: impl IntoIterator<Item = u32>) {
        let from = self.items.len();
        for x in row {
            if !self.items[from..].contains(&x) {
                self.items.push(x);
            }
        }
        self.starts.push(self.items.len() as u32);
    }

    /// `other`'s rows after these.
    pub fn append(&mut self, other: &Lists) {
        let base = self.items.len() as u32;
        self.items.extend_from_slice(&other.items);
        self.starts.extend(other.starts[1..].iter().map(|s| s + base));
    }

    /// `m` rows, row `v` holding the positions `i` where `values[i] == v`.
    pub fn single(values: &[u32], m: usize) -> Self {
        let mut one = Lists::with_capacity(values.len());
        for v in values {
            one.push_unique(Some(*v).filter(|&v| (v as usize) < m));
        }
        one.transpose(m)
    }

    pub fn rows(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn get(&self, row: usize) -> &[u32] {
        match (self.starts.get(row), self.starts.get(row + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }

    pub fn lengths(&self) -> Vec<usize> {
        self.starts.windows(2).map(|w| (w[1] - w[0]) as usize).collect()
    }

    /// The inverse relation over `m` rows: row `x` of the result lists, in
    /// order, the rows of `self` that hold `x`.
    pub fn transpose(&self, m: usize) -> Lists {
        let mut starts = vec![0u32; m + 1];
        for &x in &self.items {
            starts[x as usize + 1] += 1;
        }
        for i in 0..m {
            starts[i + 1] += starts[i];
        }
        let mut fill = starts.clone();
        let mut items = vec![0u32; self.items.len()];
        for row in 0..self.rows() {
            for &x in self.get(row) {
                let at = &mut fill[x as usize];
                items[*at as usize] = row as u32;
                *at += 1;
            }
        }
        Lists { starts, items }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transposes_rows_into_postings() {
        let mut l = Lists::with_capacity(3);
        l.push_unique([1, 0, 1]);
        l.push_unique([]);
        l.push_unique([1]);
        assert_eq!(l.get(0), [1, 0]);
        assert_eq!(l.get(1), [] as [u32; 0]);
        assert_eq!(l.get(7), [] as [u32; 0]);
        let t = l.transpose(3);
        assert_eq!((t.get(0), t.get(1), t.get(2)), (&[0][..], &[0, 2][..], &[][..]));
        assert_eq!(t.lengths(), [1, 2, 0]);
        let s = Lists::single(&[2, u32::MAX, 0, 2], 3);
        assert_eq!((s.get(0), s.get(1), s.get(2)), (&[2][..], &[][..], &[0, 3][..]));
    }

    #[test]
    fn appended_rows_follow_on_as_if_pushed_one_after_another() {
        let mut a = Lists::with_capacity(2);
        a.push_unique([4, 5]);
        a.push_unique([]);
        let mut b = Lists::with_capacity(2);
        b.push_unique([6]);
        b.push_unique([7, 7, 8]);
        a.append(&b);
        let rows: Vec<&[u32]> = (0..a.rows()).map(|r| a.get(r)).collect();
        assert_eq!(rows, [&[4, 5][..], &[][..], &[6][..], &[7, 8][..]]);
    }
}
