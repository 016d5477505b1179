"""Grouping claims across documents and judging whether sources agree (hand-built claims, no model)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from rashomon.claims import group_claims
from rashomon.claims.compare import compare_claims, effective_bounds, plural
from rashomon.model import Claim, Document, Entity, Mention, Span, content_id
from rashomon.settings import ClaimSettings, Settings

SETTINGS = ClaimSettings(group_similarity=0.5, approx_band=0.1, open_bound_margin=0.5)


def make_claim(doc: str, start: int, value: float | None, *, low: float | None = None, high: float | None = None,
               counted: str = "villager", measure: str = "killed", place: str = "Arcadia", period: str = "",
               qualifier: str = "", unit: str = "", source: str = "") -> Claim:
    low = value if low is None and high is None and qualifier == "" else low
    high = value if high is None and qualifier == "" else high
    text = str(value)
    return Claim(id=f"{doc}:{start}-{start + len(text)}", doc_id=doc, span=Span(start, start + len(text)), text=text,
                 sentence=Span(start, start + 60), value=value, low=low, high=high, unit=unit, measure=measure,
                 counted=counted, place=place, period=period, attributed_to=source, qualifier=qualifier)


def docs(*ids: str) -> list[Document]:
    return [Document(id=i, path=f"{i}.txt", text="x" * 200, format="txt") for i in ids]


def run(claims: list[Claim], *, entities: tuple[Entity, ...] = (), mentions: tuple[Mention, ...] = ()
        ) -> tuple[list[Claim], list[tuple[str, str, tuple[str, ...]]]]:
    ids = sorted({c.doc_id for c in claims})
    refined, groups = group_claims(claims, entities=entities, mentions=mentions, documents=docs(*ids),
                                   settings=SETTINGS)
    return refined, [(g.label, g.verdict, g.claim_ids) for g in groups]


@pytest.mark.parametrize(("first", "second", "verdict"), [
    (make_claim("dA", 0, 25), make_claim("dB", 0, 25), "agree"),
    (make_claim("dA", 0, 25), make_claim("dB", 0, 40), "differ"),
    (make_claim("dA", 0, 300, qualifier="at least", low=300), make_claim("dB", 0, 400), "agree"),
    (make_claim("dA", 0, 300, qualifier="at least", low=300),
     make_claim("dB", 0, 1500, qualifier="at least", low=1500), "differ"),
    (make_claim("dA", 0, None, low=200, high=999), make_claim("dB", 0, 600, qualifier="more than", low=600), "agree"),
    (make_claim("dA", 0, None, low=8000, high=10000), make_claim("dB", 0, None, low=2000, high=9999), "agree"),
    (make_claim("dA", 0, 50, qualifier="up to", high=50), make_claim("dB", 0, 20), "differ"),
    (make_claim("dA", 0, 100, qualifier="nearly", high=100), make_claim("dB", 0, 95), "agree"),
    (make_claim("dA", 0, 100, qualifier="about", low=90, high=110), make_claim("dB", 0, 120), "differ"),
])
def test_compare_verdict_from_bounds(first: Claim, second: Claim, verdict: str) -> None:
    _, groups = run([first, second])
    assert [(v, ids) for _, v, ids in groups] == [(verdict, (first.id, second.id))]


@pytest.mark.parametrize(("claims", "verdict"), [
    ([make_claim("dA", 0, 25), make_claim("dB", 0, 25)], "agree"),
    ([make_claim("dA", 0, 25), make_claim("dB", 0, 40)], "differ"),
    ([make_claim("dA", 0, 300, qualifier="at least", low=300), make_claim("dB", 0, 400)], "agree"),
    ([make_claim("dA", 0, 25), make_claim("dA", 80, 40)], "single"),  # one document's two figures
    ([make_claim("dA", 0, 25), make_claim("dA", 80, 40), make_claim("dB", 0, 25)], "differ"),
    ([make_claim("dA", 0, 25)], "single"),
    ([], "single"),
])
def test_compare_claims_verdict_on_a_part_of_a_group(claims: list[Claim], verdict: str) -> None:
    """The public entry point judges given claims by the rule group_claims uses for its groups."""
    assert compare_claims(claims, settings=SETTINGS) == verdict
    if len({c.doc_id for c in claims}) == 2 and len(claims) == 2:
        assert [v for _, v, _ in run(claims)[1]] == [verdict]


@pytest.mark.parametrize(("claim", "interval"), [
    (make_claim("d", 0, 300, qualifier="at least", low=300), (300, 450)),
    (make_claim("d", 0, 600, qualifier="or more", low=600), (600, 900)),
    (make_claim("d", 0, 60, qualifier="up to", high=60), (40, 60)),
    (make_claim("d", 0, 100, qualifier="nearly", high=100), (90, 100)),
    (make_claim("d", 0, 100, qualifier="just over", low=100), (100, 110)),
    (make_claim("d", 0, 25), (25, 25)),
])
def test_compare_effective_bounds_close_open_ends(claim: Claim, interval: tuple[float, float]) -> None:
    assert effective_bounds(claim, SETTINGS) == pytest.approx(interval)


@pytest.mark.parametrize(("a", "b", "grouped"), [
    ({"counted": "protester"}, {"counted": "demonstrator"}, True),
    ({"counted": "militia fighter"}, {"counted": "militia member"}, True),
    ({"counted": "fighter"}, {"counted": "rebel fighter"}, True),
    ({"counted": "party member"}, {"counted": "militia member"}, False),
    ({"counted": "Norwegian troop"}, {"counted": "French troop"}, False),
    ({"counted": "troop"}, {"counted": "soldier"}, True),
    ({"counted": "miner"}, {"counted": "nurse"}, False),
    ({"measure": "killed"}, {"measure": "wounded"}, False),
    ({"place": "Arcadia"}, {"place": "Borduria"}, False),
    ({"period": "in 2019"}, {"period": "since May 2020"}, False),
    ({"period": "on March 3"}, {"period": "March 4"}, False),
    ({"period": "since March"}, {"period": "in four days"}, True),
    ({"unit": "USD", "counted": ""}, {"unit": "EUR", "counted": ""}, False),
    ({"unit": "percent", "counted": "turnout", "measure": ""},
     {"unit": "percent", "counted": "turnout", "measure": ""}, True),
    ({"unit": "USD", "counted": "aid", "measure": "pledged"},
     {"unit": "EUR", "counted": "aid", "measure": "pledged"}, False),
])
def test_compare_groups_only_the_same_measure(a: dict[str, Any], b: dict[str, Any], grouped: bool) -> None:
    first, second = make_claim("dA", 0, 25, **a), make_claim("dB", 0, 25, **b)
    _, groups = run([first, second])
    assert any(len(ids) == 2 for _, _, ids in groups) is grouped


def test_compare_generic_and_bare_claims_join_the_one_group_that_fits() -> None:
    specific = make_claim("dA", 0, 1500, counted="protester", qualifier="at least", low=1500)
    generic = make_claim("dB", 0, 1500, counted="people")
    bare = make_claim("dC", 0, 300, counted="", qualifier="at least", low=300)
    _, groups = run([specific, generic, bare])
    assert groups == [("protesters killed in Arcadia", "differ", (specific.id, generic.id, bare.id))]


def test_compare_generic_claim_picks_the_group_of_its_magnitude() -> None:
    miners = [make_claim("dA", 0, 500, counted="miner"), make_claim("dB", 0, 450, counted="miner")]
    children = make_claim("dA", 90, 25, counted="child")
    people = make_claim("dC", 0, 480, counted="people", qualifier="at least", low=480)
    _, groups = run([*miners, children, people])
    assert ("miners killed in Arcadia", "differ", (miners[0].id, miners[1].id, people.id)) in groups


def test_compare_generic_claim_with_no_clear_group_stays_apart() -> None:
    miners = make_claim("dA", 0, 500, counted="miner")
    nurses = make_claim("dB", 0, 400, counted="nurse")
    people = make_claim("dC", 0, 450, counted="people")
    _, groups = run([miners, nurses, people])
    assert all(len(ids) == 1 for _, _, ids in groups)
    assert {ids for _, _, ids in groups} == {(miners.id,), (nurses.id,), (people.id,)}


def test_compare_unplaced_claim_joins_its_own_documents_group() -> None:
    placed = [make_claim("dA", 0, 600, qualifier="more than", low=600, counted="miner"),
              make_claim("dB", 0, 500, counted="miner")]
    repeated = make_claim("dA", 120, 600, qualifier="or more", low=600, counted="people", place="")
    _, groups = run([*placed, repeated])
    assert groups == [("miners killed in Arcadia", "differ", (placed[0].id, repeated.id, placed[1].id))]


def test_compare_unplaced_claims_join_the_one_placed_group_that_fits() -> None:
    placed = make_claim("dA", 0, None, low=24, high=99, counted="protester", place="Nour Square")
    unplaced = [make_claim("dB", 0, 43, counted="people", place=""), make_claim("dC", 0, 60, qualifier="more than",
                                                                                low=60, counted="people", place="")]
    _, groups = run([placed, *unplaced])
    assert groups == [("protesters killed in Nour Square", "differ", (placed.id, unplaced[0].id, unplaced[1].id))]


def test_compare_unplaced_claims_stay_apart_when_several_groups_fit() -> None:
    placed = [make_claim("dA", 0, 2300, counted="people", place="Arcadia", qualifier="more than", low=2300),
              make_claim("dB", 0, 1400, counted="people", place="Borduria", qualifier="at least", low=1400),
              make_claim("dA", 90, 2900, counted="people", place="Arcadia"),
              make_claim("dB", 90, 1444, counted="people", place="Borduria")]
    unplaced = make_claim("dC", 0, None, low=2000, high=9999, counted="", place="")
    _, groups = run([*placed, unplaced])
    assert all(unplaced.id not in ids for _, _, ids in groups)
    assert len(groups) == 2


def test_compare_claim_without_counted_or_measure_is_not_grouped_alone() -> None:
    claims = [make_claim("dA", 0, 25, counted="", measure="killed"),
              make_claim("dA", 90, 60, counted="hall", measure=""),
              make_claim("dB", 0, 70, counted="bridge", measure="built")]
    refined, groups = run(claims)
    assert groups == [("bridges built in Arcadia", "single", (claims[2].id,))]
    assert refined == claims


def test_compare_every_claim_in_at_most_one_group() -> None:
    claims = [make_claim(d, s, v, counted=c, measure=m) for d, s, v, c, m in [
        ("dA", 0, 25, "miner", "killed"), ("dA", 40, 80, "people", "killed"), ("dB", 0, 26, "miner", "killed"),
        ("dB", 40, 3, "miner", "wounded"), ("dC", 0, 90, "", "killed"), ("dC", 40, 20, "nurse", "killed")]]
    _, groups = run(claims)
    members = [cid for _, _, ids in groups for cid in ids]
    assert len(members) == len(set(members))


def test_compare_group_id_comes_from_the_claim_ids() -> None:
    first, second = make_claim("dA", 0, 25), make_claim("dB", 0, 25)
    _, groups = group_claims([second, first], entities=(), mentions=(), documents=docs("dA", "dB"), settings=SETTINGS)
    assert groups[0].id == content_id("\n".join(sorted([first.id, second.id])), prefix="g")
    assert groups[0].claim_ids == (first.id, second.id)


def test_compare_resolves_places_and_modifiers_to_entities() -> None:
    first = make_claim("dA", 10, 25, counted="Bordurian troop", place="Arcadia")
    second = make_claim("dB", 10, 25, counted="Bordurian troop", place="the Republic of Arcadia")
    mentions = (
        Mention(id="dA:40-47", doc_id="dA", span=Span(40, 47), text="Arcadia", type="PLACE", sentence=Span(10, 70)),
        Mention(id="dA:20-29", doc_id="dA", span=Span(20, 29), text="Bordurian", type="GROUP", sentence=Span(10, 70)),
        Mention(id="dB:40-63", doc_id="dB", span=Span(40, 63), text="the Republic of Arcadia", type="PLACE",
                sentence=Span(10, 70)),
    )
    entities = (
        Entity(id="e1", name="Arcadia", type="PLACE", aliases=("Arcadia", "the Republic of Arcadia"),
               mention_ids=("dA:40-47", "dB:40-63")),
        Entity(id="e2", name="Bordurians", type="GROUP", aliases=("Bordurian",), mention_ids=("dA:20-29",)),
    )
    refined, groups = run([first, second], entities=entities, mentions=mentions)
    assert refined == [replace(first, entity_ids=("e1", "e2")), replace(second, place="Arcadia", entity_ids=("e1",))]
    assert groups == [("Bordurian troops killed in Arcadia", "agree", (first.id, second.id))]
    again, groups_again = run(refined, entities=entities, mentions=mentions)
    assert (again, groups_again) == (refined, groups)


def test_compare_empty_input() -> None:
    assert group_claims([], entities=(), mentions=(), documents=(), settings=SETTINGS) == ([], [])


@pytest.mark.parametrize(("claims", "label"), [
    ([make_claim("dA", 0, 25, counted="militia fighter", period="December 29"),
      make_claim("dB", 0, 25, counted="militia member", period="on December 29")],
     "militia fighters killed in Arcadia"),
    ([make_claim("dA", 0, 25, counted="militia fighter", period="December 29"),
      make_claim("dB", 0, 25, counted="militia member", period="December 29")],
     "militia fighters killed in Arcadia (December 29)"),
    ([make_claim("dA", 0, 25, counted="fighter", period="since then")], "fighters killed in Arcadia"),
    ([make_claim("dA", 0, 25, counted="child", measure="wounded", place="")], "children wounded"),
    ([make_claim("dA", 0, 5300, counted="Bordurian troop", measure="present")], "Bordurian troops in Arcadia"),
    ([make_claim("dA", 0, 62, counted="turnout", measure="", unit="percent", place="")], "turnout, percent"),
])
def test_compare_label(claims: list[Claim], label: str) -> None:
    _, groups = run(claims)
    assert groups[0][0] == label


@pytest.mark.parametrize(("counted", "expected"), [
    ("protester", "protesters"), ("child", "children"), ("person", "people"), ("people", "people"),
    ("militia fighter", "militia fighters"), ("casualty", "casualties"), ("bus", "buses"),
    ("fisherman", "fishermen"), ("woman", "women"), ("human", "humans"), ("German", "Germans"),
])
def test_compare_plural(counted: str, expected: str) -> None:
    assert plural(counted) == expected


@pytest.mark.slow
def test_compare_fictional_corpus_end_to_end(nlp: Any, settings: Settings) -> None:
    from . import analyse

    texts = [
        "Floods swept through Peru last week. According to the Red Cross, at least 120 villagers were killed "
        "in Peru. In Chile, 40 fishermen are missing.",
        "Officials said the floods in Peru have killed 85 people. Rescue teams reached Chile, "
        "where 40 fishermen are missing.",
        "In Peru, 120 villagers died in the floods and 300 were injured.",
    ]
    claims, groups, documents = analyse(nlp, texts, settings.claims)
    by_id = {claim.id: claim for claim in claims}
    summary = {g.label: (g.verdict, sorted(documents.index(next(d for d in documents if d.id == by_id[c].doc_id))
                                          for c in g.claim_ids)) for g in groups}
    assert summary["villagers killed in Peru"] == ("differ", [0, 1, 2])
    assert summary["fishermen missing in Chile"] == ("agree", [0, 1])
    first = next(c for g in groups if g.label == "villagers killed in Peru" for c in g.claim_ids)
    assert by_id[first].attributed_to == "Red Cross"
