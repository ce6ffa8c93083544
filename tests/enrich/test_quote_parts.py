"""The per-article look-ups of the speaker search give what a scan of every mention gives."""

from __future__ import annotations

import random

import pytest

from analysis.enrich.quote_parts import Mentions, Named, between, first_from, indexed

KINDS = ["person", "organisation", "place", "country"]
NAMES = ["David Monteith", "Monteith", "Montieth", "Daiwa", "Daiwa Securities", "Daiwa Bank",
         "Jarek Kujda", "Malgorzata Kujda", "Kujda", "Kudja", "Lima", "Peru"]


@pytest.fixture(scope="module")
def mentions() -> Mentions:
    rng = random.Random(7)
    starts = sorted(rng.sample(range(5000), 300))
    return Mentions(Named(s, s + rng.randint(1, 20), rng.choice(NAMES), rng.choice(KINDS))
                    for s in starts)


@pytest.mark.parametrize(("start", "end"), [(0, 5000), (0, 0), (17, 18), (100, 2500),
                                             (2400, 2401), (4990, 6000), (-5, 3)])
def test_between_is_the_mentions_starting_in_the_range(mentions, start, end):
    assert between(mentions, start, end) == [m for m in mentions if start <= m.start < end]
    assert first_from(mentions, start) == sum(m.start < start for m in mentions)


@pytest.mark.parametrize("at", [0, 1, 250, 2500, 4999, 5000])
def test_the_index_of_actors_agrees_with_a_scan(mentions, at):
    for name in NAMES:
        for kind in KINDS:
            scanned = any(m.actor == name and m.actor_type == kind and m.start < at
                          for m in mentions)
            assert mentions.before(name, kind, at) is scanned
        assert mentions.kinds.get(name, set()) == {m.actor_type for m in mentions
                                                   if m.actor == name}
        bodies = {m.actor for m in mentions if m.actor_type == "organisation"}
        assert set(mentions.bodies_beginning(name + " ")) == {
            b for b in bodies if b.startswith(name + " ")}


def test_a_plain_list_is_indexed_and_an_index_kept(mentions):
    assert indexed(mentions) is mentions
    assert indexed(list(mentions)) == mentions
