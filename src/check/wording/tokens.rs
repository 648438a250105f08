//! A title as lowercase tokens, and the verb forms the rules look for.

use std::collections::HashMap;
use std::sync::LazyLock;

pub(super) use super::list::{has, List};
use super::verbs::*;
use super::words::*;

/// Every list a token is looked up in: each token is looked up once, when
/// the title is tokenized, and the rules then test bits.
pub(super) const ALL: [List; 26] = [
    LINKS,
    FILLERS,
    OUTCOME_OPENERS,
    ACTORS,
    DETERMINERS,
    DELIVERABLES,
    OUTPUTS,
    MADE_BY_OTHERS,
    CADENCES,
    NUMBER_WORDS,
    AUXILIARIES,
    ADVERBS,
    DONE_WORDS,
    NOMINALISATIONS,
    MONEY,
    NOT_AGENTS,
    CONTENT_VERBS,
    MEASURE_UNITS,
    COUNT_NOUNS,
    FLAG_UNITS,
    ACTIVITY_VERBS,
    SOFT_VERBS,
    OBJECT_VERBS,
    RESULT_NOUNS,
    OUTCOME_VERBS,
    GENERAL_VERBS,
];

/// Word → the bits of the lists it is in.
static MEMBERSHIP: LazyLock<HashMap<&'static str, u32>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, u32> = HashMap::new();
    for list in ALL {
        for word in list.words {
            *map.entry(word).or_default() |= list.bit();
        }
    }
    map
});

/// Finds `a` followed by `b` in a sorted list without building the string.
pub(super) fn find_concat(list: List, a: &str, b: &str) -> Option<&'static str> {
    let list = list.words;
    list.binary_search_by(|probe| {
        let joined = a.bytes().chain(b.bytes());
        probe.bytes().cmp(joined)
    })
    .ok()
    .and_then(|i| list.get(i).copied())
}

/// One word of a title: its lowercase text and its byte range in the title.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok<'a> {
    pub(super) text: &'a str,
    pub(super) start: usize,
    pub(super) end: usize,
    /// The bits of the word lists the word is in.
    lists: u32,
}

impl Tok<'_> {
    pub(super) fn is(&self, list: List) -> bool {
        self.lists & list.bit() != 0
    }

    /// A count: `3`, `1,200`, `$250,000`, `10+`, `one`. Not a percentage.
    pub(super) fn is_count(&self) -> bool {
        let t = self.text.trim_start_matches(['$', '€', '£']);
        (t.starts_with(|c: char| c.is_ascii_digit()) && !t.contains('%')) || has(NUMBER_WORDS, t)
    }

    pub(super) fn is_number(&self) -> bool {
        self.text
            .trim_start_matches(['$', '€', '£'])
            .starts_with(|c: char| c.is_ascii_digit())
    }
}

/// A lowercased, tokenized title.
pub(super) struct Title<'a> {
    pub(super) original: &'a str,
    pub(super) lower: &'a str,
    pub(super) toks: Vec<Tok<'a>>,
}

pub(super) fn tokenize(lower: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let bytes = lower.as_bytes();
    let mut start: Option<usize> = None;
    let mut prev_digit = false;
    let mut chars = lower.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_digit = chars.peek().is_some_and(|&(_, n)| n.is_ascii_digit());
        let inner = c.is_alphanumeric()
            || matches!(c, '\'' | '’' | '-' | '%' | '$' | '€' | '£' | '+')
            || (matches!(c, '.' | ',') && prev_digit && next_digit);
        if inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            push_tok(&mut toks, lower, s, i);
        }
        prev_digit = c.is_ascii_digit();
    }
    if let Some(s) = start {
        push_tok(&mut toks, lower, s, bytes.len());
    }
    toks
}

pub(super) fn push_tok<'a>(toks: &mut Vec<Tok<'a>>, lower: &'a str, start: usize, end: usize) {
    let raw = lower.get(start..end).unwrap_or_default();
    let trimmed = raw.trim_matches(['-', '\'', '’', '+']);
    if trimmed.is_empty() {
        return;
    }
    let offset = raw.find(trimmed).unwrap_or(0);
    let s = start + offset;
    toks.push(Tok {
        text: trimmed,
        start: s,
        end: s + trimmed.len(),
        lists: MEMBERSHIP.get(trimmed).copied().unwrap_or(0),
    });
}

impl<'a> Title<'a> {
    /// The title's own words from token `from` to token `to` inclusive.
    pub(super) fn quote(&self, from: usize, to: usize) -> String {
        let (Some(a), Some(b)) = (self.toks.get(from), self.toks.get(to)) else {
            return String::new();
        };
        let (s, e) = (a.start, b.end);
        let same_shape = self.original.len() == self.lower.len()
            && self.original.is_char_boundary(s)
            && self.original.is_char_boundary(e);
        let source = if same_shape {
            self.original
        } else {
            self.lower
        };
        source.get(s..e).unwrap_or_default().to_string()
    }

    pub(super) fn tok(&self, i: usize) -> Option<&Tok<'a>> {
        self.toks.get(i)
    }

    pub(super) fn text(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text)
    }

    /// An outcome verb in the words after `from`, as the main verb rather than
    /// after a linking word ("to grow", "that decreases").
    pub(super) fn outcome_verb_after(&self, from: usize, within: usize) -> bool {
        let end = (from + within).min(self.toks.len());
        (from + 1..end).any(|i| self.toks[i].is(OUTCOME_VERBS) && !self.toks[i - 1].is(LINKS))
    }

    /// Any token from `from` on is in `list`.
    pub(super) fn any_in(&self, from: usize, to: usize, list: List) -> bool {
        self.toks
            .get(from..to.min(self.toks.len()))
            .is_some_and(|ts| ts.iter().any(|t| t.is(list)))
    }
}

/// The activity verb whose form `word` is: `writes`, `writing`, `shipped`,
/// `wrote`, `identified`, `re-implement`.
pub(super) fn base_form(word: &str) -> Option<&'static str> {
    if let Ok(i) = IRREGULAR.binary_search_by(|(form, _)| form.cmp(&word)) {
        return IRREGULAR.get(i).map(|(_, base)| *base);
    }
    if word.contains('-') {
        if let Some((_, base)) = HYPHEN_VERBS.iter().find(|(form, _)| *form == word) {
            return Some(base);
        }
        return word.strip_prefix("re-").and_then(base_form);
    }
    if let Some(v) = find_concat(ACTIVITY_VERBS, word, "") {
        return Some(v);
    }
    for suffix in ["ing", "ed", "es", "s", "d"] {
        let Some(stem) = word.strip_suffix(suffix) else {
            continue;
        };
        if stem.len() < 2 {
            continue;
        }
        if let Some(v) = find_concat(ACTIVITY_VERBS, stem, "") {
            return Some(v);
        }
        if matches!(suffix, "ing" | "ed") {
            // writing, analyzed: the final `e` dropped.
            if let Some(v) = find_concat(ACTIVITY_VERBS, stem, "e") {
                return Some(v);
            }
            // shipping, planned: the final consonant doubled.
            let b = stem.as_bytes();
            if b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] {
                if let Some(v) = find_concat(ACTIVITY_VERBS, &stem[..stem.len() - 1], "") {
                    return Some(v);
                }
            }
        }
        if matches!(suffix, "ed" | "es") {
            // identified, applies.
            if let Some(stem) = stem.strip_suffix('i') {
                if let Some(v) = find_concat(ACTIVITY_VERBS, stem, "y") {
                    return Some(v);
                }
            }
        }
    }
    None
}

/// `word` is a past form (shipped, written, set) of an activity verb.
pub(super) fn past_participle(word: &str) -> Option<&'static str> {
    let base = base_form(word)?;
    let past = word.ends_with("ed")
        || IRREGULAR.iter().any(|(form, _)| *form == word)
        || matches!(word, "set" | "put" | "read" | "run");
    past.then_some(base)
}
