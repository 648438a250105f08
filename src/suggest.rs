//! "Did you mean …?": the closest known word to a misspelt one.

/// Edit distance between two words (insertions, deletions, substitutions, and
/// swaps of neighbouring letters, each costing 1).
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    if let Some(first) = rows.first_mut() {
        *first = (0..=b.len()).collect();
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
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
