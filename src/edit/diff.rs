//! Showing the change: the added lines and a unified diff (`--dry-run`).

/// The lines of `new` that are not in `old` (what `checkin` wrote), without
/// their line endings.
pub fn added_lines(old: &str, new: &str) -> Vec<String> {
    let old_lines = split_lines(old);
    let new_lines = split_lines(new);
    diff_ops(&old_lines, &new_lines)
        .into_iter()
        .filter_map(|op| match op {
            DiffOp::Add(j) => new_lines.get(j).map(|l| l.0.to_string()),
            _ => None,
        })
        .collect()
}

/// A unified diff of `old` to `new` for the file at `path` (`--dry-run`),
/// with three lines of context; empty when they are equal.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let old_lines = split_lines(old);
    let new_lines = split_lines(new);
    let ops = diff_ops(&old_lines, &new_lines);
    if ops.iter().all(|op| matches!(op, DiffOp::Keep(_))) {
        return String::new();
    }
    const CONTEXT: usize = 3;
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, op)| !matches!(op, DiffOp::Keep(_)))
        .map(|(i, _)| i)
        .collect();
    // Group changes whose contexts touch into hunks.
    let mut hunks: Vec<(usize, usize)> = Vec::new();
    for &i in &changed {
        let lo = i.saturating_sub(CONTEXT);
        let hi = (i + CONTEXT + 1).min(ops.len());
        match hunks.last_mut() {
            Some(last) if lo <= last.1 => last.1 = hi,
            _ => hunks.push((lo, hi)),
        }
    }
    // Lines of each side before each op.
    let mut before = Vec::with_capacity(ops.len() + 1);
    let (mut o, mut n) = (0, 0);
    for op in &ops {
        before.push((o, n));
        match op {
            DiffOp::Keep(_) => (o, n) = (o + 1, n + 1),
            DiffOp::Remove(_) => o += 1,
            DiffOp::Add(_) => n += 1,
        }
    }
    let range = |start: usize, count: usize| match count {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        _ => format!("{},{count}", start + 1),
    };
    for (lo, hi) in hunks {
        let slice = ops.get(lo..hi).unwrap_or_default();
        let (old_start, new_start) = before.get(lo).copied().unwrap_or_default();
        let old_count = slice
            .iter()
            .filter(|op| !matches!(op, DiffOp::Add(_)))
            .count();
        let new_count = slice
            .iter()
            .filter(|op| !matches!(op, DiffOp::Remove(_)))
            .count();
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            range(old_start, old_count),
            range(new_start, new_count)
        ));
        for op in slice {
            let (mark, line) = match *op {
                DiffOp::Keep(i) => (' ', old_lines.get(i)),
                DiffOp::Remove(i) => ('-', old_lines.get(i)),
                DiffOp::Add(j) => ('+', new_lines.get(j)),
            };
            if let Some((text, ended)) = line {
                out.push(mark);
                out.push_str(text);
                out.push('\n');
                if !ended {
                    out.push_str("\\ No newline at end of file\n");
                }
            }
        }
    }
    out
}

#[derive(Debug, Clone, Copy)]
pub(super) enum DiffOp {
    /// A line of the old text kept.
    Keep(usize),
    Remove(usize),
    Add(usize),
}

/// Lines without their line endings, each with whether it had one.
pub(super) fn split_lines(text: &str) -> Vec<(&str, bool)> {
    let mut lines = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        match rest.find('\n') {
            Some(i) => {
                let line = rest.get(..i).unwrap_or_default();
                lines.push((line.strip_suffix('\r').unwrap_or(line), true));
                rest = rest.get(i + 1..).unwrap_or_default();
            }
            None => {
                lines.push((rest, false));
                rest = "";
            }
        }
    }
    lines
}

/// A line diff: common prefix and suffix, and a longest common subsequence
/// of the middle (small for the edits okr makes; beyond a bound, the middle
/// is shown as removed and added).
pub(super) fn diff_ops(old: &[(&str, bool)], new: &[(&str, bool)]) -> Vec<DiffOp> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old
        .get(prefix..)
        .unwrap_or_default()
        .iter()
        .rev()
        .zip(new.get(prefix..).unwrap_or_default().iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (n, m) = (old.len() - prefix - suffix, new.len() - prefix - suffix);
    let mut ops: Vec<DiffOp> = (0..prefix).map(DiffOp::Keep).collect();
    let a = old.get(prefix..prefix + n).unwrap_or_default();
    let b = new.get(prefix..prefix + m).unwrap_or_default();
    if n.saturating_mul(m) <= 4_000_000 {
        // lcs[i][j]: the LCS length of a[i..] and b[j..].
        let width = m + 1;
        let mut lcs = vec![0u32; (n + 1) * width];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                let value = if a.get(i) == b.get(j) {
                    lcs.get((i + 1) * width + j + 1).copied().unwrap_or(0) + 1
                } else {
                    let down = lcs.get((i + 1) * width + j).copied().unwrap_or(0);
                    let right = lcs.get(i * width + j + 1).copied().unwrap_or(0);
                    down.max(right)
                };
                if let Some(cell) = lcs.get_mut(i * width + j) {
                    *cell = value;
                }
            }
        }
        let (mut i, mut j) = (0, 0);
        let at = |i: usize, j: usize| lcs.get(i * width + j).copied().unwrap_or(0);
        while i < n || j < m {
            if i < n && j < m && a.get(i) == b.get(j) {
                ops.push(DiffOp::Keep(prefix + i));
                i += 1;
                j += 1;
            } else if i < n && (j == m || at(i + 1, j) >= at(i, j + 1)) {
                ops.push(DiffOp::Remove(prefix + i));
                i += 1;
            } else {
                ops.push(DiffOp::Add(prefix + j));
                j += 1;
            }
        }
    } else {
        ops.extend((0..n).map(|i| DiffOp::Remove(prefix + i)));
        ops.extend((0..m).map(|j| DiffOp::Add(prefix + j)));
    }
    ops.extend((0..suffix).map(|s| DiffOp::Keep(prefix + n + s)));
    ops
}
