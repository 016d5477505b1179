"""Each event's figures (tolls) with a verdict across its sources: the claims stage's `event_figures`."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rashomon.claims import event_figures
from rashomon.model import Corpus, EventFigure, Verdict
from rashomon.settings import load_settings
from render import tolls_corpus  # the hand-built corpus the views' tests render too


def figures_by_event(corpus: Corpus) -> dict[str, list[EventFigure]]:
    found: dict[str, list[EventFigure]] = {}
    for figure in event_figures(corpus.claims, corpus.claim_groups, corpus.documents,
                                settings=load_settings().claims):
        found.setdefault(figure.event_id, []).append(figure)
    return found


def _texts_of(corpus: Corpus, figure: EventFigure) -> list[str]:
    claims = {claim.id: claim for claim in corpus.claims}
    return [claims[claim_id].text for claim_id in figure.claim_ids]


def _summary(event_id: str) -> list[tuple[str, str, list[str]]]:
    corpus = tolls_corpus()
    return [(f.label, f.verdict, _texts_of(corpus, f)) for f in figures_by_event(corpus)[event_id]]


@pytest.mark.parametrize(("event_id", "expected"), [
    ("ev-flood", [("villagers killed in Marrow", "agree", ["30", "about 30"])]),
    ("ev-quake", [("people killed in Dunlin", "differ", ["at least 40", "12"]),
                  ("number injured", "single", ["dozens"])]),
    ("ev-earlier", [("villagers killed in Marrow", "single", ["300"])]),
])
def test_figures_by_event_verdicts(event_id: str, expected: list[tuple[str, str, list[str]]]) -> None:
    assert _summary(event_id) == expected


@pytest.mark.parametrize("stored", ["agree", "differ"])
def test_figures_by_event_whole_group_keeps_its_verdict(stored: Verdict) -> None:
    corpus = tolls_corpus()
    groups = tuple(replace(g, verdict=stored) if g.id == "g-dunlin" else g for g in corpus.claim_groups)
    figures = figures_by_event(replace(corpus, claim_groups=groups))["ev-quake"]
    assert (figures[0].group_id, figures[0].verdict) == ("g-dunlin", stored)


@pytest.mark.parametrize("other", ["at least 60", "12"])
def test_figures_by_event_part_of_a_group_is_compared_again(other: str) -> None:
    """The flood's claims are two of its group's three: compared alone they agree, or differ when one is 60+."""
    corpus = tolls_corpus()
    low = 60.0 if other == "at least 60" else 30.0
    claims = tuple(replace(c, text=other, low=low, high=None if low == 60.0 else 30.0, qualifier="at least")
                   if c.text == "30" else c for c in corpus.claims)
    (figure,) = figures_by_event(replace(corpus, claims=claims))["ev-flood"]
    assert figure.verdict == ("differ" if low == 60.0 else "agree")


def test_figures_by_event_leaves_out_what_measures_nothing_and_missing_documents() -> None:
    corpus = tolls_corpus()
    shown = {text for figures in figures_by_event(corpus).values() for f in figures for text in _texts_of(corpus, f)}
    assert "two-day" not in shown and "dozens" in shown
    only_a = replace(corpus, documents=corpus.documents[:1])
    assert {event: [text for f in figures for text in _texts_of(corpus, f)]
            for event, figures in figures_by_event(only_a).items()} == {
        "ev-flood": ["30"], "ev-earlier": ["300"], "ev-quake": ["at least 40"]}
    assert [f.verdict for f in figures_by_event(only_a)["ev-flood"]] == ["single"]

