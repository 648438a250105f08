//! A word list of the wording rules: sorted for binary search, with a bit of
//! its own for a token's membership (see `tokens`).

/// A sorted word list, with its own bit in a token's list bits.
#[derive(Debug, Clone, Copy)]
pub(super) struct List {
    bit: u32,
    pub(super) words: &'static [&'static str],
}

impl List {
    pub(super) const fn new(index: u32, words: &'static [&'static str]) -> List {
        List {
            bit: 1 << index,
            words,
        }
    }

    /// The list's own bit.
    pub(super) fn bit(self) -> u32 {
        self.bit
    }
}

/// `word` is in `list`.
pub(super) fn has(list: List, word: &str) -> bool {
    list.words.binary_search(&word).is_ok()
}
