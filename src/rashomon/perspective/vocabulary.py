"""Distinctive vocabulary: the words and phrases each source uses far more than the others.

`count_terms` counts a document's content-word lemmas and two-word phrases; `distinctive_vocabulary`
ranks each source's terms by the log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi
and Quinn (2008), "Fightin' Words", Political Analysis 16(4), section 3.5.3, each source against all the
others pooled, and reports the z-score (the log-odds ratio over its standard deviation), not raw counts.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from ..model import Document, VocabularyTerm

if TYPE_CHECKING:
    from spacy.tokens import Doc as ParsedDoc
    from spacy.tokens import Span, Token

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV"})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


def _form(token: Token) -> str:
    """A proper noun, or a capitalised word inside a sentence ("American"), as written; else the lower lemma."""
    proper = token.pos_ == "PROPN" or (token.text[:1].isupper() and not token.is_sent_start and token.ent_type_)
    return str(token.text if proper else token.lemma_.lower()).translate(_APOSTROPHES)


def _is_content(token: Token) -> bool:
    return not (token.is_stop or token.is_punct or token.is_space or token.like_num
                or token.pos_ not in CONTENT_POS)


def _units(sent: Span) -> Iterator[str | None]:
    """The sentence as counted forms, None for a break (stop word, punctuation, number, paragraph).

    Hyphenated words are one unit ("al-Maliki", "anti-American"); a bare prefix ("al", "anti") never
    counts alone.
    """
    tokens = [t for t in sent if not (t.is_space and "\n\n" not in t.text)]
    i = 0
    while i < len(tokens):
        token = tokens[i]
        j = i
        while (j + 2 < len(tokens) and tokens[j + 1].text == "-" and not tokens[j].whitespace_
               and not tokens[j + 1].whitespace_ and tokens[j + 2].is_alpha):
            j += 2
        if j > i:
            last = tokens[j]
            parts = [t.text for t in tokens[i:j]] + [_form(last) if _is_content(last) else last.text]
            text = "".join(parts)
            yield text if any(_is_content(t) for t in tokens[i:j + 1:2]) else None
            i = j + 1
            continue
        if not _is_content(token):
            yield None
        else:
            text = _form(token).removesuffix("'s").strip("'-")
            yield text if len(text) >= 2 and any(ch.isalpha() for ch in text) else None
        i += 1


def count_terms(doc: Document, parsed: ParsedDoc) -> Counter[str]:
    """Counts of content-word lemmas (nouns, proper nouns, verbs, adjectives, adverbs) and their bigrams.

    Stop words, punctuation, numbers and spaces are left out; a bigram is two content words next to each
    other in one sentence with nothing but whitespace between ("drone attack", "Quds Force"). Proper
    nouns and capitalised adjectives keep their spelling; other words count under their lower-case lemma.
    `doc` names the document; `parsed` is the parse of its text.
    """
    counts: Counter[str] = Counter()
    for sent in parsed.sents:
        previous: str | None = None
        for term in _units(sent):
            if term is not None:
                counts[term] += 1
                if previous is not None:
                    counts[f"{previous} {term}"] += 1
            previous = term
    return counts


def distinctive_vocabulary(counts: Mapping[str, Counter[str]], *, top: int = 20, alpha0: float | None = None,
                           min_count: int = 2) -> list[VocabularyTerm]:
    """Each source's `top` terms by z-score of the log-odds ratio against all other sources.

    Following Monroe et al. (2008, eq. 16, 20-22): for term w, source i and the others j,
        delta_w = log((y_iw + a_w) / (n_i + a0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a0 - y_jw - a_w))
        var_w  ~= 1 / (y_iw + a_w) + 1 / (y_jw + a_w),     z_w = delta_w / sqrt(var_w)
    with the informative prior a_w = a0 * (pooled count of w) / (pooled total). `alpha0` (a0) is how many
    pseudo-counts the prior is worth; by default the mean size of one source, so a term must be both
    frequent and concentrated in one source to rank high.

    Args:
        counts: source (document id or outlet) -> term counts, from `count_terms`.
        top: terms kept per source (only terms with z > 0).
        alpha0: prior strength; None for the mean number of counted terms per source.
        min_count: a source must use a term this often for it to be listed.

    Returns:
        VocabularyTerm records, by source, then z-score descending. A unigram is dropped when a listed
        bigram of the same source holds every one of its uses. Fewer than two sources: empty.
    """
    if len(counts) < 2:
        return []
    pooled: Counter[str] = Counter()
    for source_counts in counts.values():
        pooled.update(source_counts)
    total = sum(pooled.values())
    if total == 0:
        return []
    a0 = alpha0 if alpha0 is not None else total / len(counts)
    result: list[VocabularyTerm] = []
    for source in sorted(counts):
        own = counts[source]
        n_i = sum(own.values())
        n_j = total - n_i
        scored = []
        for word, y_i in own.items():
            if y_i < min_count:
                continue
            a_w = a0 * pooled[word] / total
            y_j = pooled[word] - y_i
            delta = (math.log((y_i + a_w) / (n_i + a0 - y_i - a_w))
                     - math.log((y_j + a_w) / (n_j + a0 - y_j - a_w)))
            z = delta / math.sqrt(1.0 / (y_i + a_w) + 1.0 / (y_j + a_w))
            if z > 0:
                scored.append(VocabularyTerm(source, word, round(z, 4), y_i, round(delta, 4)))
        scored.sort(key=lambda t: (-t.z, t.term))
        whole: dict[str, int] = {}  # word -> largest count of a bigram holding it
        for other in scored:
            if " " in other.term:
                for part in other.term.split():
                    whole[part] = max(whole.get(part, 0), other.count)
        kept: list[VocabularyTerm] = []
        for term in scored:
            if " " not in term.term and whole.get(term.term, 0) >= term.count:
                continue
            kept.append(term)
            if len(kept) == top:
                break
        result.extend(kept)
    return result
