"""The hand-annotated BBC quote set: its offsets hold against the corpus, and its score."""

import random

import pandas as pd
import pytest

from analysis.evaluate import quotes

GOLD = "tests/data/quotes_bbc_gold.csv"  # the tuning set: the quote rules were tuned on it
HELD_OUT = "tests/data/quotes_bbc_test.csv"  # the next 20 articles, scored once, never tuned on
DEV = "tests/data/quotes_bbc_dev.csv"  # 18 business/politics articles, tuned on too
DEV2 = "tests/data/quotes_bbc_dev2.csv"  # the next 20 business/politics articles, tuned on too
# the 20 after those, annotated once the tuning had ended, scored once, never tuned on
HELD_OUT2 = "tests/data/quotes_bbc_test2.csv"
# ten more of each order (business/politics 59-68, sport/entertainment 41-50), chosen by a rule
# written before any was read, annotated after the fourth round of tuning, scored once
HELD_OUT3 = "tests/data/quotes_bbc_test3.csv"
# the first 20 tech articles of their own order (a category no earlier set used), tuned on
DEV3 = "tests/data/quotes_bbc_dev3.csv"
# the next 20 of that order, annotated once the fifth round of tuning had ended and held out
# until scored twice (before and after that round); tuned on since the sixth round
DEV4 = "tests/data/quotes_bbc_dev4.csv"
# seven tech, seven business/politics and six sport/entertainment articles after those the
# earlier sets used, chosen by a rule written after the sixth round's last rule change and
# annotated before PressLens ran on them; scored once with main's code and once with the branch
HELD_OUT5 = "tests/data/quotes_bbc_test5.csv"
# the next articles of all three orders (tech 49-55, business/politics 76-82,
# sport/entertainment 57-62), chosen by a rule written before any was read, tuned on
DEV5 = "tests/data/quotes_bbc_dev5.csv"
# the positions after dev5's (tech 56-66 but two near-copies, business/politics 83-91,
# sport/entertainment 63-70), chosen by the same rule, annotated before PressLens ran on them;
# scored once with main's code and once with the seventh round's branch
HELD_OUT6 = "tests/data/quotes_bbc_test6.csv"
# the positions after test6's (tech 67-74, business/politics 92-98, sport/entertainment 71-76),
# chosen by a rule written before any was read, annotated after the eighth round's last rule
# change and before PressLens ran on them; scored once with main's code and once with the branch
HELD_OUT7 = "tests/data/quotes_bbc_test7.csv"
MARKS = '"“”'
DOUBLE = "''"  # two apostrophes, as one article of the held-out set writes its quotation marks


@pytest.fixture(scope="module")
def bbc_csv(corpora_dir):
    return corpora_dir / "bbc" / "bbc_news_2225.csv"


def _opens_with_a_mark(text: str) -> bool:
    return text[:1] in MARKS or text.startswith(DOUBLE)


@pytest.mark.corpora
@pytest.mark.parametrize(("gold_csv", "least_quotes"), [(GOLD, 120), (HELD_OUT, 90),
                                                        (DEV, 110), (DEV2, 90),
                                                        (HELD_OUT2, 110), (HELD_OUT3, 120),
                                                        (DEV3, 100), (DEV4, 130),
                                                        (HELD_OUT5, 125), (DEV5, 80),
                                                        (HELD_OUT6, 90), (HELD_OUT7, 100)])
def test_each_annotated_span_lies_inside_quotation_marks_of_its_body(bbc_csv, gold_csv,
                                                                     least_quotes):
    gold = pd.read_csv(gold_csv, dtype={"speaker": str}, keep_default_na=False)
    bodies = pd.read_csv(bbc_csv).set_index("id")["body"]
    assert set(gold["kind"]) <= {"quote", "not_quote"}
    assert gold["article_id"].isin(bodies.index).all()
    assert (gold["kind"] == "quote").sum() >= least_quotes
    assert not gold.duplicated(["article_id", "start"]).any()
    for row in gold.itertuples(index=False):
        body = bodies[row.article_id]
        words = body[row.start:row.end]
        assert 0 < row.start < row.end <= len(body) and words.strip() == words, row
        # opened by a mark just before (or by a mark and a space, as in tech/004's
        # could be " very important…")
        assert body[row.start - 1] in MARKS or body[row.start - 2:row.start] == DOUBLE \
            or body[row.start - 2:row.start] == '" ', row
        # closed by a mark, or running on to the paragraph's end (the next one opens again;
        # politics/248 leaves a space before a paragraph's end)
        rest = body[row.end:].lstrip(" ")
        assert not rest or body[row.end] in MARKS or rest[0] == "\n" \
            or _opens_with_a_mark(rest), row
        assert '"' not in words and DOUBLE not in words, row
        assert row.kind == "quote" or not row.speaker, row


def _shuffled(bbc_csv, categories: list[str], seed: int) -> list[str]:
    """The ids of the articles of `categories` holding a `"` (repeated bodies dropped), sorted
    and shuffled with `seed`: the order each set was taken from."""
    bbc = pd.read_csv(bbc_csv)
    bbc = bbc[~bbc["body"].duplicated()]
    chosen = bbc[bbc["category"].isin(categories) & bbc["body"].str.contains('"', regex=False)]
    order = sorted(chosen["id"])
    random.Random(seed).shuffle(order)
    return order


def _three_orders(bbc_csv) -> tuple[list[str], list[str], list[str]]:
    """The tech (seed 2027), business/politics (2026) and sport/entertainment (15) orders."""
    return (_shuffled(bbc_csv, ["tech"], 2027), _shuffled(bbc_csv, ["business", "politics"], 2026),
            _shuffled(bbc_csv, ["sport", "entertainment"], 15))


def _ids(gold_csv: str) -> set[str]:
    return set(pd.read_csv(gold_csv)["article_id"])


@pytest.mark.corpora
def test_the_two_sets_are_the_first_and_next_twenty_of_the_fixed_order(bbc_csv):
    order = _shuffled(bbc_csv, ["sport", "entertainment"], 15)
    assert len(order) == 703
    assert _ids(GOLD) == set(order[:20])
    assert _ids(HELD_OUT) == set(order[20:40])


@pytest.mark.corpora
def test_the_dev_set_is_the_first_18_business_and_politics_articles_of_its_order(bbc_csv):
    order = _shuffled(bbc_csv, ["business", "politics"], 2026)
    assert len(order) == 811
    assert _ids(DEV) == set(order[:18])
    assert not _ids(DEV) & (_ids(GOLD) | _ids(HELD_OUT))


@pytest.mark.corpora
def test_the_second_dev_set_is_the_next_20_business_and_politics_articles(bbc_csv):
    order = _shuffled(bbc_csv, ["business", "politics"], 2026)
    assert _ids(DEV2) == set(order[18:38])
    assert not _ids(DEV2) & (_ids(GOLD) | _ids(HELD_OUT) | _ids(DEV))


@pytest.mark.corpora
def test_the_second_held_out_set_is_the_20_business_and_politics_articles_after_those(bbc_csv):
    order = _shuffled(bbc_csv, ["business", "politics"], 2026)
    assert _ids(HELD_OUT2) == set(order[38:58])
    assert not _ids(HELD_OUT2) & (_ids(GOLD) | _ids(HELD_OUT) | _ids(DEV) | _ids(DEV2))


@pytest.mark.corpora
def test_the_third_held_out_set_is_ten_of_each_order_after_the_earlier_sets(bbc_csv):
    business = _shuffled(bbc_csv, ["business", "politics"], 2026)
    sport = _shuffled(bbc_csv, ["sport", "entertainment"], 15)
    assert _ids(HELD_OUT3) == set(business[58:68]) | set(sport[40:50])
    assert not _ids(HELD_OUT3) & (_ids(GOLD) | _ids(HELD_OUT) | _ids(DEV) | _ids(DEV2)
                                  | _ids(HELD_OUT2))


@pytest.mark.corpora
def test_the_third_dev_set_is_the_first_20_tech_articles_of_their_own_order(bbc_csv):
    order = _shuffled(bbc_csv, ["tech"], 2027)
    assert len(order) == 296
    assert _ids(DEV3) == set(order[:20])


@pytest.mark.corpora
def test_the_fourth_dev_set_is_the_next_20_tech_articles(bbc_csv):
    order = _shuffled(bbc_csv, ["tech"], 2027)
    assert _ids(DEV4) == set(order[20:40])


@pytest.mark.corpora
def test_the_fifth_held_out_set_is_the_next_articles_of_all_three_orders(bbc_csv):
    tech, business, sport = _three_orders(bbc_csv)
    # tech/018 (position 45) shares 31% of its 8-word shingles with tech/190: skipped
    assert tech[44] == "tech/018"
    assert _ids(HELD_OUT5) == (set(tech[40:48]) - {"tech/018"}) | set(business[68:75]) \
        | set(sport[50:56])
    assert not _ids(HELD_OUT5) & (_ids(GOLD) | _ids(HELD_OUT) | _ids(DEV) | _ids(DEV2)
                                  | _ids(HELD_OUT2) | _ids(HELD_OUT3) | _ids(DEV3) | _ids(DEV4))


@pytest.mark.corpora
def test_the_fifth_dev_set_is_the_next_articles_of_all_three_orders(bbc_csv):
    tech, business, sport = _three_orders(bbc_csv)
    assert _ids(DEV5) == set(tech[48:55]) | set(business[75:82]) | set(sport[56:62])
    assert not _ids(DEV5) & (_ids(GOLD) | _ids(HELD_OUT) | _ids(DEV) | _ids(DEV2)
                             | _ids(HELD_OUT2) | _ids(HELD_OUT3) | _ids(DEV3) | _ids(DEV4)
                             | _ids(HELD_OUT5))


@pytest.mark.corpora
def test_the_sixth_held_out_set_is_the_articles_after_the_fifth_dev_set(bbc_csv):
    tech, business, sport = _three_orders(bbc_csv)
    # tech/286 (position 61) and tech/294 (63) are near-copies of tech/391 and tech/155 (98% of
    # their 8-word shingles): skipped; 20 articles held 74 quotes with a speaker, so one more of
    # each order in turn was added, up to the rule's 26 (90)
    assert (tech[60], tech[62]) == ("tech/286", "tech/294")
    assert _ids(HELD_OUT6) == (set(tech[55:66]) - {"tech/286", "tech/294"}) \
        | set(business[82:91]) | set(sport[62:70])
    assert not _ids(HELD_OUT6) & (_ids(GOLD) | _ids(HELD_OUT) | _ids(DEV) | _ids(DEV2)
                                  | _ids(HELD_OUT2) | _ids(HELD_OUT3) | _ids(DEV3) | _ids(DEV4)
                                  | _ids(HELD_OUT5) | _ids(DEV5))


@pytest.mark.corpora
def test_the_seventh_held_out_set_is_the_articles_after_the_sixth(bbc_csv):
    tech, business, sport = _three_orders(bbc_csv)
    # the first 20 (7 + 7 + 6) held 98 quotes with a speaker, so one more article, the next
    # tech one, was added (103); no near-copy among them
    assert _ids(HELD_OUT7) == set(tech[66:74]) | set(business[91:98]) | set(sport[70:76])
    assert not _ids(HELD_OUT7) & (_ids(GOLD) | _ids(HELD_OUT) | _ids(DEV) | _ids(DEV2)
                                  | _ids(HELD_OUT2) | _ids(HELD_OUT3) | _ids(DEV3) | _ids(DEV4)
                                  | _ids(HELD_OUT5) | _ids(DEV5) | _ids(HELD_OUT6))


@pytest.mark.corpora
@pytest.mark.parametrize(("gold_csv", "least_attributed", "least_recall", "least_precision"), [
    # tuning set: 0.873 and 0.967 after the second round of tuning, 0.918 and 0.953 after the
    # third, 0.970 and 1.000 after the fourth (7 December 2026, docs/accuracy.md)
    (GOLD, 120, 0.92, 0.95),
    # dev sets: 0.826 and 0.909, and 0.839 and 0.963 (first scored 0.645 and 0.845) after the
    # third round, 0.917 and 0.990, and 0.860 and 0.988 after the fourth
    (DEV, 100, 0.86, 0.94),
    (DEV2, 85, 0.81, 0.94),
    # held-out test set: 0.537 and 0.761 when first scored, 0.737 and 0.824 after the second
    # round of tuning on the other sets, 0.747 and 0.826 after the third and the fourth;
    # errors never looked at
    (HELD_OUT, 90, 0.69, 0.78),
    # second held-out set: 0.673 and 0.800 when scored once after the third round (0.717 and
    # 0.844 with the retrained tagger), 0.735 and 0.874 after the fourth
    (HELD_OUT2, 105, 0.68, 0.82),
    # third held-out set: 0.702 and 0.895 when scored once after the fourth round
    (HELD_OUT3, 115, 0.65, 0.84),
    # third dev set (tech): 0.757 and 0.929 when first scored, 0.951 and 0.990 after the fifth
    # round, tuned on it
    (DEV3, 95, 0.90, 0.94),
    # fourth dev set (tech): held out until scored once with the code before the fifth round
    # (0.699 and 0.856) and once after it (0.713 and 0.822); 0.890 and 0.960 after the sixth,
    # tuned on it; 0.941 and 0.962 with the eighth round's rules (branch quotes8, not merged)
    (DEV4, 130, 0.85, 0.93),
    # fifth held-out set (7 tech, 7 business/politics, 6 sport/entertainment): scored once
    # after the sixth round, 0.719 and 0.836 with main's code, 0.789 and 0.886 with the branch
    (HELD_OUT5, 120, 0.74, 0.84),
    # fifth dev set (7 tech, 7 business/politics, 6 sport/entertainment): 0.869 and 0.961 when
    # first scored, 0.881 and 0.961 after the seventh round, tuned on it; 0.917 and 0.987
    # with the eighth round's rules (branch quotes8, not merged)
    (DEV5, 80, 0.84, 0.92),
    # sixth held-out set (9 tech, 9 business/politics, 8 sport/entertainment): scored once
    # after the seventh round, 0.744 and 0.807 with main's code and the same with the branch
    (HELD_OUT6, 85, 0.70, 0.76),
    # seventh held-out set (8 tech, 7 business/politics, 6 sport/entertainment): scored once
    # after the eighth round, 0.786 and 0.844 with main's code, 0.786 and 0.835 with the
    # branch (its rules not merged)
    (HELD_OUT7, 100, 0.72, 0.78),
])
def test_annotated_score_runs_and_stays_above_its_floor(bbc_csv, gold_csv, least_attributed,
                                                        least_recall, least_precision):
    scored = quotes.annotated_quotes(bbc_csv, gold_csv)
    summary = quotes.summarise_annotated(scored).iloc[0]
    assert summary["with speaker"] >= least_attributed
    # floors, not goals
    assert summary["recall"] >= least_recall and summary["precision"] >= least_precision


@pytest.mark.parametrize(("found", "expected", "others", "right"), [
    ("Mike Ruddock", "Mike Ruddock", set(), True),
    ("Ruddock", "Mike Ruddock", {"Jason Forster"}, True),
    ("Mr Jamieson", "Peter Jamieson", set(), True),
    ("Fletcher", "Jill Fletcher", {"Cyril Fletcher"}, False),
    ("Rick Parry", "Steven Gerrard", set(), False),
    ("Gordon Rennie", "Ryan Crabbe; Gordon Rennie", set(), True),
    ("Treasury", "HM Treasury", set(), True),
    ("Treasury", "Gordon Brown", set(), False),
    ("Minister", "Treasury", set(), False),
])
def test_same_speaker(found, expected, others, right):
    assert quotes.same_speaker(found, expected, others | {expected}) is right
