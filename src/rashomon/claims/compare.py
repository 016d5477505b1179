"""group_claims: claims from different documents that measure the same thing, and their verdict.

Only claims that say what they measure are grouped: a measure ("killed"), or a unit with the thing
it is the value of ("turnout was 62 percent"). Two claims measure the same thing when they have the
same measure (after claims_measures.tsv) and unit, a compatible counted thing, the same place and
compatible periods:
  - counted: the same head noun (after the "same" rows of claims_people.tsv: demonstrator ~
    protester) unless both carry noun modifiers and share none ("militia member" vs "party
    member") or proper modifiers that differ ("U.S. troop" vs "Iraqi troop"); or different heads
    sharing a noun modifier with overlap >= claims.group_similarity ("militia fighter" ~ "militia
    member"). A generic person noun ("people", "civilians") or no counted noun at all ("at least
    300 were killed") joins a group of the same measure and place only when one group fits, or,
    when several fit, when only one of them holds a figure of the same order of magnitude (within
    a factor of ten); otherwise such claims group among themselves.
  - place: the same resolved entity (or the same loose name). Claims without a place come last: one
    joins the group that holds a claim of its own document with overlapping bounds (a source
    repeating its figure); the others group among themselves by the same rules, and each such group
    then joins the one placed group it fits, when exactly one fits (so "43 people died" joins
    "dozens of protesters were shot dead in Nour Square", but a figure for three countries at once
    joins none of the per-country groups).
  - period: incompatible only when both name years and share none, or both name days of a month and
    share none.
Clustering is complete-linkage (a claim joins a group only if it fits every member), in document
order, so the result does not depend on chance.

Verdict: every pair of claims from different documents is compared on closed intervals: the stated
bounds, with an open bound closed claims.open_bound_margin beyond the number ("at least 300" ->
300..450; "nearly N" and "just over N" use claims.approx_band instead). All overlap: "agree"; any
pair disjoint: "differ"; one document: "single".
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Claim, ClaimGroup, Document, Entity, Mention, Verdict, content_id
from ..settings import ClaimSettings
from ._lexicon import lexicon
from .resolve import Resolver

logger = logging.getLogger(__name__)

_MONTH_DAY = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\b|\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.IGNORECASE)
_YEAR = re.compile(r"\b(1\d{3}|20\d{2})\b")
_IRREGULAR_PLURALS = {"person": "people", "child": "children", "foot": "feet", "mouse": "mice", "tooth": "teeth"}
_MAN_PLURALS_S = frozenset({"human", "german", "roman", "shaman", "caiman", "ottoman", "talisman"})
_UNCOUNTABLE = frozenset({"people", "police", "staff", "personnel", "livestock", "Shia", "Sunni"})


@dataclass(frozen=True, slots=True)
class _Profile:
    """What grouping needs to know about one claim."""

    claim: Claim
    order: int
    place: frozenset[str]  # the place's entity id, loose name and aliases; empty when unknown
    head: str  # canonical head noun of the counted thing; "" when none
    nouns: frozenset[str]  # common nouns of the counted thing, head included
    proper: frozenset[str]  # proper modifiers (entity ids or normalised names)
    generic: bool
    person: bool
    years: frozenset[str]
    days: frozenset[str]
    low: float
    high: float

    @property
    def weak(self) -> bool:
        return not self.head or self.generic

    @property
    def bucket(self) -> tuple[str, str]:
        return self.claim.measure, self.claim.unit


def group_claims(claims: Sequence[Claim], *, entities: Sequence[Entity], mentions: Sequence[Mention],
                 documents: Sequence[Document], settings: ClaimSettings) -> tuple[list[Claim], list[ClaimGroup]]:
    """Resolve the claims' entities and group claims that measure the same thing (see module docstring).

    Returns:
        The claims, refined (entity_ids from the resolved entities, place as the entity's canonical
        name), in the order given; and the groups, multi-document groups first. A claim is in at most
        one group; a claim that fits no other gets its own "single" group only if it has a counted
        thing and a measure.
    """
    resolver = Resolver(entities, mentions)
    refined = [resolver.refine(claim) for claim in claims]
    doc_rank = {doc.id: i for i, doc in enumerate(documents)}
    ordered = sorted(range(len(refined)), key=lambda i: (doc_rank.get(refined[i].doc_id, len(doc_rank)),
                                                         refined[i].doc_id, refined[i].span.start))
    profiles = [_profile(refined[i], rank, resolver, settings) for rank, i in enumerate(ordered)]
    buckets: dict[tuple[str, str], list[_Profile]] = {}
    for profile in profiles:
        if _measured(profile.claim):
            buckets.setdefault(profile.bucket, []).append(profile)
    clusters = [cluster for bucket in buckets.values() for cluster in _cluster(bucket, settings)]
    groups = []
    for cluster in clusters:
        docs = {p.claim.doc_id for p in cluster}
        if len(docs) == 1 and not any(p.claim.counted and _measured(p.claim) for p in cluster):
            continue
        groups.append(_group(cluster))
    groups.sort(key=lambda pair: (pair[0].verdict == "single", pair[1]))
    logger.debug("grouped %s claims: %s groups, %s across documents", len(claims), len(groups),
                 sum(1 for group, _ in groups if group.verdict != "single"))
    return refined, [group for group, _ in groups]


def _measured(claim: Claim) -> bool:
    """Whether a claim says what is measured: a measure, or a percentage or an amount of money with
    the thing it is the value of ("turnout was 62 percent", "$40 million in aid")."""
    if claim.measure:
        return True
    return bool(claim.counted) and (claim.unit == "percent" or claim.unit.isupper())


def _profile(claim: Claim, order: int, resolver: Resolver, settings: ClaimSettings) -> _Profile:
    words = lexicon()
    parts = claim.counted.split()
    head = words.same_people.get(parts[-1].lower(), parts[-1].lower()) if parts else ""
    common = frozenset(words.same_people.get(w, w) for w in parts if not w[:1].isupper())
    proper = frozenset(key for w in parts[:-1] if w[:1].isupper() for key in resolver.modifier_keys(claim, w))
    is_proper_head = bool(parts) and parts[-1][:1].isupper()
    low, high = effective_bounds(claim, settings)
    text = claim.period.lower()
    return _Profile(
        claim=claim, order=order, place=resolver.place_keys(claim), head=head,
        nouns=common, proper=proper,
        generic=head in words.generic_people,
        person=head in words.people or head in words.generic_people or is_proper_head
        or bool(re.search(r"(er|or|ist|ian)$", head)),
        years=frozenset(_YEAR.findall(text)),
        days=frozenset(f"{(m[0] or m[3])[:3]} {int(m[1] or m[2])}" for m in _MONTH_DAY.findall(text)),
        low=low, high=high,
    )


def effective_bounds(claim: Claim, settings: ClaimSettings) -> tuple[float, float]:
    """The closed interval a claim is compared on (open bounds closed as the module docstring says)."""
    words = lexicon()
    phrase = tuple(claim.qualifier.split())
    kind = words.qualifiers_before.get(phrase) or words.qualifiers_after.get(phrase) or ""
    near = kind.startswith("near")
    low, high = claim.low, claim.high
    if low is None and high is None:
        value = claim.value or 0.0
        return value, value
    if low is not None and high is None:
        return low, low * (1 + (settings.approx_band if near else settings.open_bound_margin))
    if low is None and high is not None:
        return (high * (1 - settings.approx_band) if near else high / (1 + settings.open_bound_margin)), high
    return low or 0.0, high or 0.0


def _counted_fit(a: _Profile, b: _Profile, settings: ClaimSettings) -> bool:
    """Whether two specific counted things are the same (see module docstring)."""
    if a.proper and b.proper and not (a.proper & b.proper):
        return False
    modifiers_a, modifiers_b = a.nouns - {a.head}, b.nouns - {b.head}
    if a.head == b.head:
        return not (modifiers_a and modifiers_b and not (modifiers_a & modifiers_b))
    shared = (a.nouns & b.nouns) - {a.head, b.head}
    return bool(shared) and len(a.nouns & b.nouns) / min(len(a.nouns), len(b.nouns)) >= settings.group_similarity


def _weak_fit(weak: _Profile, other: _Profile) -> bool:
    """Whether a claim with a generic or no counted noun can join a claim counting `other`."""
    if not weak.head or other.weak:
        return True
    return other.person


def _period_fit(a: _Profile, b: _Profile) -> bool:
    if a.years and b.years and not (a.years & b.years):
        return False
    return not (a.days and b.days and not (a.days & b.days))


def _overlap(a: _Profile, b: _Profile) -> bool:
    return _intervals_overlap((a.low, a.high), (b.low, b.high))


def _intervals_overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    tolerance = 1e-9 * max(abs(a[1]), abs(b[1]), 1.0)
    return a[0] <= b[1] + tolerance and b[0] <= a[1] + tolerance


def _fits(p: _Profile, q: _Profile, settings: ClaimSettings) -> bool:
    """Whether two claims can be in one group, places aside."""
    if p.bucket != q.bucket or not _period_fit(p, q):
        return False
    if p.weak or q.weak:
        return _weak_fit(p, q) if p.weak else _weak_fit(q, p)
    return _counted_fit(p, q, settings)


def _cluster(profiles: Sequence[_Profile], settings: ClaimSettings) -> list[list[_Profile]]:
    """Complete-linkage clusters of claims of one measure and unit, built in passes: placed specific
    claims, placed generic or bare claims, then claims without a place (see the module docstring)."""
    clusters: list[list[_Profile]] = []

    def fits_all(p: _Profile, cluster: Sequence[_Profile]) -> bool:
        return all(_fits(p, q, settings) for q in cluster)

    def same_place(p: _Profile, cluster: Sequence[_Profile]) -> bool:
        return all(q.place & p.place for q in cluster)

    for p in profiles:
        if p.place and not p.weak:
            _add(p, next((c for c in clusters if same_place(p, c) and fits_all(p, c)), None), clusters)
    weak_clusters: list[list[_Profile]] = []
    for p in profiles:
        if p.place and p.weak:
            fitting = [c for c in clusters if same_place(p, c) and fits_all(p, c)]
            if len(fitting) > 1:
                fitting = [c for c in fitting if any(_same_magnitude(p, q) for q in c)]
            if len(fitting) == 1:
                fitting[0].append(p)
            else:
                _add(p, next((c for c in weak_clusters if same_place(p, c) and fits_all(p, c)), None), weak_clusters)
    clusters += weak_clusters
    specific: list[list[_Profile]] = []
    weak: list[list[_Profile]] = []
    for p in profiles:
        if p.place:
            continue
        repeating = [c for c in clusters if fits_all(p, c) and any(
            q.claim.doc_id == p.claim.doc_id and _overlap(p, q) for q in c)]
        if len(repeating) == 1:
            repeating[0].append(p)
            continue
        pool = weak if p.weak else specific
        _add(p, next((c for c in pool if fits_all(p, c)), None), pool)
    for unplaced in (*specific, *weak):
        fitting = [c for c in clusters if all(fits_all(p, c) for p in unplaced)]
        if len(fitting) == 1:
            fitting[0].extend(unplaced)
        else:
            clusters.append(unplaced)
    for cluster in clusters:
        cluster.sort(key=lambda q: q.order)
    return clusters


def _add(p: _Profile, home: list[_Profile] | None, pool: list[list[_Profile]]) -> None:
    """Put `p` in `home`, or in a new cluster of `pool` when it has none."""
    if home is not None:
        home.append(p)
    else:
        pool.append([p])


def _same_magnitude(a: _Profile, b: _Profile) -> bool:
    """Whether two figures are within a factor of ten (midpoints of their compared intervals)."""
    mid_a, mid_b = (a.low + a.high) / 2, (b.low + b.high) / 2
    if mid_a <= 0 or mid_b <= 0:
        return mid_a == mid_b
    return max(mid_a, mid_b) / min(mid_a, mid_b) <= 10


def _verdict(cluster: Sequence[_Profile]) -> Verdict:
    return _verdict_of([(p.claim.doc_id, (p.low, p.high)) for p in cluster])


def _verdict_of(figures: Sequence[tuple[str, tuple[float, float]]]) -> Verdict:
    """The verdict on (document id, compared interval) pairs (see the module docstring)."""
    if len({doc_id for doc_id, _ in figures}) < 2:
        return "single"
    for i, (doc_a, a) in enumerate(figures):
        for doc_b, b in figures[i + 1:]:
            if doc_a != doc_b and not _intervals_overlap(a, b):
                return "differ"
    return "agree"


def compare_claims(claims: Sequence[Claim], *, settings: ClaimSettings) -> Verdict:
    """The verdict on claims already known to measure the same thing, by the rule `group_claims` uses.

    For a part of a group, e.g. the claims of one group that belong to one event: every pair from
    different documents is compared on `effective_bounds`; all overlap: "agree", any pair disjoint:
    "differ", claims of one document only: "single".
    """
    return _verdict_of([(claim.doc_id, effective_bounds(claim, settings)) for claim in claims])


def _group(cluster: Sequence[_Profile]) -> tuple[ClaimGroup, int]:
    ids = tuple(p.claim.id for p in cluster)
    group = ClaimGroup(id=content_id("\n".join(sorted(ids)), prefix="g"), label=label(cluster),
                       verdict=_verdict(cluster), claim_ids=ids)
    return group, cluster[0].order


def _most_common(values: Sequence[str]) -> str:
    counts = Counter(v for v in values if v)
    if not counts:
        return ""
    best = max(counts.values())
    return next(v for v in values if counts.get(v) == best)


def plural(counted: str) -> str:
    """'militia fighter' -> 'militia fighters', 'child' -> 'children' (English, simple rules)."""
    if not counted:
        return ""
    *rest, head = counted.split()
    if head in _UNCOUNTABLE:
        word = head
    elif head in _IRREGULAR_PLURALS:
        word = _IRREGULAR_PLURALS[head]
    elif head.endswith("man") and head.lower() not in _MAN_PLURALS_S:
        word = head[:-3] + "men"
    elif re.search(r"(s|x|z|ch|sh)$", head):
        word = head + "es"
    elif re.search(r"[^aeiou]y$", head):
        word = head[:-1] + "ies"
    else:
        word = head + "s"
    return " ".join([*rest, word])


def label(cluster: Sequence[_Profile]) -> str:
    """'<counted plural> <measure> in <place> (<period>)', from the group's most common values.

    The period is shown when it names a date and, in a group of several documents, two claims give it.
    With a unit the counted thing stays singular and the unit ends the label: "turnout, percent".
    """
    specific = [p.claim.counted for p in cluster if not p.weak]
    counted = _most_common(specific) or _most_common([p.claim.counted for p in cluster])
    first = cluster[0].claim
    thing = counted if first.unit else plural(counted)
    measure = "" if first.measure == "present" else first.measure
    place = _most_common([p.claim.place for p in cluster])
    dated = [p.claim.period for p in cluster if re.search(r"\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec",
                                                          p.claim.period, re.I)]
    period = _most_common(dated)
    if len({p.claim.doc_id for p in cluster}) > 1 and dated.count(period) < 2:
        period = ""  # one source's date is not the group's
    text = " ".join(part for part in (thing or "number", measure) if part)
    if place:
        text += f" in {place}"
    if period:
        text += f" ({period})"
    return f"{text}, {first.unit}" if first.unit else text
