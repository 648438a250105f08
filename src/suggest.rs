//! "Did you mean …?": the closest known word to a misspelt one.

/// Edit distance between two words (insertions, deletions, substitutions, and
/// swaps of neighbouring letters, each costing 1): strsim's optimal string
/// alignment distance, the crate clap already uses for its own suggestions.
pub fn distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// The candidate nearest to `word`, if it is near enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    let len = word.chars().count();
    let limit = (len / 3).clamp(1, 3);
    // The distance is at least the difference in length: skipping far longer
    // or shorter words keeps a megabyte-long key from costing a megabyte-squared.
    candidates
        .into_iter()
        .filter(|c| c.chars().count().abs_diff(len) <= limit)
        .map(|c| (distance(&word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_key() {
        let keys = [
            "id",
            "title",
            "baseline",
            "target",
            "confidence",
            "checkins",
        ];
        assert_eq!(closest("tagret", keys), Some("target"));
        assert_eq!(closest("confidance", keys), Some("confidence"));
        assert_eq!(closest("check_ins", keys), Some("checkins"));
        assert_eq!(closest("Title", keys), Some("title"));
        assert_eq!(closest("deadline", keys), None);
        assert_eq!(distance("ab", "ba"), 1);
    }
}
