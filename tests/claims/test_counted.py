"""What a number counts and what happened to it, from the parse."""

from __future__ import annotations

from typing import Any

import pytest

from rashomon.settings import Settings

from . import claim_at, claims_of

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("sentence", "text", "counted", "measure"), [
    ("At least 25 soldiers were killed in the attack.", "At least 25", "soldier", "killed"),
    ("Airstrikes killed 25 Iran-backed militia fighters.", "25", "militia fighter", "killed"),
    ("More than 600 protesters have died since October.", "More than 600", "protester", "killed"),
    ("Up to 50 miners are trapped.", "Up to 50", "miner", "trapped"),
    ("Twenty-five children were wounded.", "Twenty-five", "child", "wounded"),
    ("Over 3,000 people were arrested.", "Over 3,000", "people", "arrested"),
    ("Police detained dozens of students.", "dozens", "student", "arrested"),
    ("Thousands of nurses were injured.", "Thousands", "nurse", "wounded"),
    ("Some 5,000 troops are stationed in Norway.", "Some 5,000", "troop", "deployed"),
    ("There are currently 2,000 French troops in Mali.", "2,000", "French troop", "present"),
    ("The deaths of 500 miners shocked everyone.", "500", "miner", "killed"),
    ("Around 500 people were reported dead.", "Around 500", "people", "killed"),
    ("The dead include 25 children.", "25", "child", "killed"),
    ("The attack killed 300 people, who were buried later.", "300", "people", "killed"),
    ("They mourned the 600 or more young people who were killed on his orders.", "600 or more", "people", "killed"),
    ("The death toll rose to 300.", "300", "", "killed"),
    ("Hundreds of farmers marched on the capital.", "Hundreds", "farmer", "protested"),
    # An act noun is the measure; what it happened to, if said, is counted.
    ("The ministry confirmed 43 deaths.", "43", "", "killed"),
    ("Officials acknowledge dozens of deaths.", "dozens", "", "killed"),
    ("Syrian authorities reported 1,444 deaths in Syria.", "1,444", "", "killed"),
    ("It followed a 70 percent increase in the price of petrol.", "70 percent", "petrol price", "increased"),
    # A percentage or an amount counts what it is the value of.
    ("According to the commission, turnout was 62 percent.", "62 percent", "turnout", ""),
    ("Nobody believes the official turnout of 62%.", "62%", "turnout", ""),
    ("Within days, the price of petrol had risen by 70%.", "70%", "petrol price", "increased"),
    ("Unemployment rose to 12 percent.", "12 percent", "unemployment", "increased"),
    ("The government has promised $40 million in emergency aid.", "$40 million", "emergency aid", "pledged"),
    ("Up to 5.3 million people could be left homeless.", "Up to 5.3 million", "people", "homeless"),
])
def test_counted_reads_noun_and_measure(nlp: Any, settings: Settings, sentence: str, text: str,
                                        counted: str, measure: str) -> None:
    claim = claim_at(claims_of(nlp, sentence, settings.claims), text)
    assert (claim.counted, claim.measure) == (counted, measure)


@pytest.mark.parametrize(("sentence", "expected"), [
    # The first number borrows the noun of the second (right-node raising).
    ("The bombing killed 12 and injured 40 border guards.",
     [("12", "border guard", "killed"), ("40", "border guard", "wounded")]),
    # The second number borrows noun and measure from the first (gapping).
    ("Officials count 900 people killed in the floods in Peru, at least 300 in Chile.",
     [("900", "people", "killed"), ("at least 300", "people", "killed")]),
    # A bare number after a counted one keeps its own verb.
    ("Since then, more than 600 nurses have been killed and 20,000 wounded.",
     [("more than 600", "nurse", "killed"), ("20,000", "nurse", "wounded")]),
    # "more" continues the last count of the paragraph.
    ("5,000 Norwegian troops are in Latvia. 2,000 more are on their way.",
     [("5,000", "Norwegian troop", "present"), ("2,000", "Norwegian troop", "")]),
])
def test_counted_borrows_from_parallel_numbers(nlp: Any, settings: Settings, sentence: str,
                                               expected: list[tuple[str, str, str]]) -> None:
    claims = claims_of(nlp, sentence, settings.claims)
    assert [(c.text, c.counted, c.measure) for c in claims] == expected


@pytest.mark.parametrize("sentence", ["At least 300 were killed and thousands imprisoned."])
def test_counted_stays_empty_when_the_text_names_nothing(nlp: Any, settings: Settings, sentence: str) -> None:
    claims = claims_of(nlp, sentence, settings.claims)
    assert [(c.counted, c.measure) for c in claims] == [("", "killed"), ("", "arrested")]
