"""Tests for analysis.enrich.topics: the keyword taxonomy, its evidence, and NMF discovery."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.clean.page import parse_page
from analysis.enrich.topics import (
    BUILTIN_TAXONOMY,
    DISCOVERED_COLUMNS,
    DISCOVERED_TERM_COLUMNS,
    discover_topics,
    find_topics,
    load_taxonomy,
    parse_taxonomy,
    taxonomy_version,
)
from analysis.evaluate.actors import open_reuters_files
from analysis.load.reuters import read_reuters
from analysis.load.source import Source
from analysis.schema import (
    ARTICLE_ID,
    BOILERPLATE,
    EVIDENCE,
    HITS,
    REF_TOPICS,
    RELATED_HEADLINES,
    SOURCE_ID,
    TEXT,
    TITLE,
    TOPIC,
    TOPIC_COLUMNS,
)

ALL_TOPICS = [
    "militias and armed groups", "diplomacy and talks", "sectarian violence",
    "bombing and attacks", "weapons and smuggling", "nuclear programme", "military exercises",
    "espionage", "economy", "sanctions", "oil and energy", "elections", "human rights",
    "terrorism", "protests", "trade", "health", "migration",
]


def articles(*texts: str, titles: list[str] | None = None) -> pd.DataFrame:
    return pd.DataFrame({ARTICLE_ID: [f"a{i}" for i in range(len(texts))],
                         TITLE: titles or [""] * len(texts), TEXT: list(texts)})


def topics_of(text: str) -> set[str]:
    return set(find_topics(articles(text))[TOPIC])


@pytest.fixture(scope="module")
def sample_page(sample_path) -> dict:
    page = parse_page(sample_path.read_text(encoding="utf-8"))
    assert page[TEXT].startswith("Washington’s top official in Iraq")
    assert page[TEXT].endswith("it is being used to develop a nuclear bomb.")
    return page


@pytest.fixture(scope="module")
def sample_topics(sample_page) -> pd.DataFrame:
    frame = pd.DataFrame({ARTICLE_ID: ["sample"], TITLE: [sample_page[TITLE]],
                          TEXT: [sample_page[TEXT]]})
    return find_topics(frame)


# --- the sample article ----------------------------------------------------------------------


def test_sample_has_the_annotated_topics(sample_topics, sample_expected):
    expected = set(sample_expected["topics"])
    found = set(sample_topics[TOPIC])
    assert len(found & expected) >= 6, f"found {sorted(found)}; expected {sorted(expected)}"
    assert list(sample_topics.columns) == list(TOPIC_COLUMNS)


def test_sample_evidence_is_words_of_the_article(sample_topics, sample_page):
    article = f"{sample_page[TITLE]}\n\n{sample_page[TEXT]}"
    for row in sample_topics.itertuples():
        evidence = getattr(row, EVIDENCE)
        assert evidence and getattr(row, HITS) >= len(evidence) >= 1, row
        assert all(word in article for word in evidence), (row.topic, evidence)
    by_topic = dict(zip(sample_topics[TOPIC], sample_topics[EVIDENCE], strict=True))
    assert "car bomb" in by_topic["bombing and attacks"]
    assert "war games" in by_topic["military exercises"]
    assert "spy networks" in by_topic["espionage"]


@pytest.mark.parametrize("topic", ["elections", "health", "migration", "economy", "trade",
                                   "protests", "human rights", "oil and energy", "sanctions"])
def test_sample_has_no_spurious_topics(sample_topics, topic):
    assert topic not in set(sample_topics[TOPIC])


def test_boilerplate_subjects_stay_out(sample_page, sample_topics):
    """The page's link blocks are about sanctions, health and terrorism; the story is not."""
    furniture = "\n\n".join(sample_page[RELATED_HEADLINES] + sample_page[BOILERPLATE])
    leaked = topics_of(furniture) - set(sample_topics[TOPIC])
    assert {"sanctions", "terrorism"} <= leaked  # what the taxonomy would find had they leaked
    assert not leaked & set(sample_topics[TOPIC])


# --- one small text per topic ----------------------------------------------------------------

POSITIVE = [
    ("militias and armed groups", "Shi'ite militiamen clashed with police as militias withdrew."),
    ("diplomacy and talks", "The foreign minister met the ambassador for bilateral talks."),
    ("sectarian violence", "Sectarian killings between Sunnis and Shi’ites went on."),
    ("bombing and attacks", "A car-bomb exploded outside the police station."),
    ("weapons and smuggling", "Police seized smuggled rifles and ammunition."),
    ("nuclear programme", "Inspectors visited the uranium enrichment plant."),
    ("military exercises", "Warships held naval exercises in the Gulf."),
    ("espionage", "Two diplomats were expelled after a spy ring was uncovered."),
    ("economy", "Inflation rose and the central bank raised interest rates."),
    ("sanctions", "The UN imposed sanctions and an arms embargo."),
    ("oil and energy", "OPEC agreed to cut crude output by a million barrels a day."),
    ("elections", "Voters went to the polls in the general election."),
    ("human rights", "Amnesty International said detainees were tortured."),
    ("terrorism", "The terrorist cell planned a suicide bombing."),
    ("protests", "Thousands of protesters marched as riot police fired tear gas."),
    ("trade", "Exports fell and the trade deficit widened as tariffs rose."),
    ("health", "The outbreak of bird flu put dozens of patients in hospital."),
    ("migration", "Refugees and asylum seekers crossed the border."),
]

NEGATIVE = [
    ("militias and armed groups", "Tory rebels defied the whips over the education bill."),
    ("diplomacy and talks", "Pay talks between the union and management resumed."),
    ("sectarian violence", "Sunni and Shia scholars met to discuss the calendar."),
    ("bombing and attacks", "The comedy bombed at the box office."),
    ("bombing and attacks", "They accuse Iran of wanting a nuclear bomb."),
    ("weapons and smuggling", "The bricks and mortar retailer opened new stores."),
    ("nuclear programme", "The nuclear family is changing, the survey found."),
    ("military exercises", "Employees may exercise their share options next year."),
    ("espionage", "Cia Vale do Rio Doce raised iron ore output."),
    ("economy", "He flew economy class to Madrid."),
    ("sanctions", "The board sanctioned the takeover."),
    ("oil and energy", "Palm oil and soybean oil prices rose on vegetable oil demand."),
    ("elections", "Fans voted him player of the year."),
    ("human rights", "The studio bought the rights to the film."),
    ("terrorism", "The striker was a terror for defenders all season."),
    ("protests", "The dollar rallied and the striker scored twice."),
    ("trade", "The trade union spoke to the trade press."),
    ("health", "The bank's financial health improved but a virus infected its computers."),
    ("migration", "Bird migration starts in autumn."),
]


def test_every_topic_has_cases():
    assert {t for t, _ in POSITIVE} == set(ALL_TOPICS) == {t for t, _ in NEGATIVE}
    assert load_taxonomy().names == ALL_TOPICS


@pytest.mark.parametrize(("topic", "text"), POSITIVE)
def test_topic_fires(topic, text):
    assert topic in topics_of(text)


@pytest.mark.parametrize(("topic", "text"), NEGATIVE)
def test_topic_does_not_fire(topic, text):
    assert topic not in topics_of(text)


@pytest.mark.parametrize(("text", "evidence"), [
    ("Militiamen and a militia", ["Militiamen", "militia"]),        # stem with '*'
    ("MILITIAS ATTACK", ["MILITIAS"]),                               # any case
    ("armed-groups and armed  groups", ["armed-groups"]),            # hyphen for space
    ("the al-Qaeda network", ["al-Qaeda"]),
])
def test_inflections_hyphens_and_case(text, evidence):
    frame = find_topics(articles(text))
    assert frame.loc[frame[TOPIC] == "militias and armed groups", EVIDENCE].iloc[0] == evidence


def test_whole_words_only():
    assert "oil and energy" not in topics_of("Turmoil in the soil; spoiled toil.")


def test_overlapping_keywords_count_once():
    frame = find_topics(articles("A roadside bomb and a car bomb."))
    row = frame.loc[frame[TOPIC] == "bombing and attacks"].iloc[0]
    assert (row[HITS], row[EVIDENCE]) == (2, ["roadside bomb", "car bomb"])


def test_title_is_searched_and_empty_texts_are_fine():
    frame = articles("", None, titles=["Spy ring uncovered", None])
    found = find_topics(frame)
    assert found[ARTICLE_ID].tolist() == ["a0"] and found[TOPIC].tolist() == ["espionage"]
    assert find_topics(articles()).empty
    assert list(find_topics(articles()).columns) == list(TOPIC_COLUMNS)


def test_missing_columns_are_named():
    with pytest.raises(ValueError, match="missing columns \\['text'\\]"):
        find_topics(pd.DataFrame({ARTICLE_ID: ["a"]}))


# --- reading a taxonomy ----------------------------------------------------------------------

SMALL = """
topics:
  - name: cheese
    description: Cheese and dairy.
    keywords: [cheese*, "blue vein"]
    rules:
      - keywords: [milk]
        requires_any: [cow, goat]
        window: 3
    excludes: ["cheesecake*"]
    min_hits: 2
"""


def test_load_a_file_and_its_rules(tmp_path):
    path = tmp_path / "topics.yaml"
    path.write_text(SMALL, encoding="utf-8")
    taxonomy = load_taxonomy(path)
    assert taxonomy.names == ["cheese"]
    texts = ("Cheeses and blue-vein.", "Cheesecake and cheese.", "Cheese from goat milk.",
             "Cheese, milk, and then much later a goat.")
    found = find_topics(articles(*texts), taxonomy=taxonomy)
    assert found[ARTICLE_ID].tolist() == ["a0", "a2"]
    assert found[EVIDENCE].tolist() == [["Cheeses", "blue-vein"], ["Cheese", "milk"]]


def test_the_setting_points_at_your_file(tmp_path, monkeypatch):
    path = tmp_path / "mine.yaml"
    path.write_text(SMALL, encoding="utf-8")
    monkeypatch.setenv("PRESSLENS_TOPICS_FILE", str(path))
    assert load_taxonomy().names == ["cheese"]
    monkeypatch.delenv("PRESSLENS_TOPICS_FILE")
    assert load_taxonomy().names == ALL_TOPICS


@pytest.mark.parametrize(("text", "message"), [
    ("topics: []", "'topics' is empty"),
    ("- a list", "a mapping with a 'topics' list"),
    ("topics:\n  - {name: x, description: d, keywords: [a], colour: red}",
     "unknown keys \\['colour'\\]; valid: \\['name', 'description', 'keywords'"),
    ("topics:\n  - {name: x, description: d, keywords: []}", "non-empty list"),
    ("topics:\n  - {name: x, description: d, keywords: ['mi*d']}", "may only end"),
    ("topics:\n  - {name: x, description: d, keywords: ['--']}", "not a word or phrase"),
    ("topics:\n  - {name: x, description: d, keywords: [a], min_hits: 0}", "whole number"),
    ("topics:\n  - {name: x, description: d, keywords: [a], rules: [{keywords: [b]}]}",
     "requires_any: expected a non-empty list"),
    ("topics:\n  - {name: x, description: d, keywords: [a]}\n"
     "  - {name: x, description: e, keywords: [b]}", "repeated: \\['x'\\]"),
    ("topics:\n  - {name: x, keywords: [a]}", "'description' must be a non-empty string"),
])
def test_bad_taxonomies_say_what_is_wrong(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_taxonomy(path)


def test_missing_file_names_the_setting(tmp_path):
    with pytest.raises(FileNotFoundError, match="PRESSLENS_TOPICS_FILE"):
        load_taxonomy(tmp_path / "nowhere.yaml")


def test_version_is_stable_and_follows_content(tmp_path):
    builtin = load_taxonomy()
    assert taxonomy_version(builtin) == taxonomy_version(load_taxonomy(BUILTIN_TAXONOMY))
    commented = tmp_path / "commented.yaml"
    commented.write_text("# a comment\n" + SMALL, encoding="utf-8")
    plain = parse_taxonomy({"topics": [{"name": "cheese", "description": "Cheese and dairy.",
                                        "keywords": ["cheese*", "blue vein"],
                                        "rules": [{"keywords": ["milk"],
                                                   "requires_any": ["cow", "goat"],
                                                   "window": 3}],
                                        "excludes": ["cheesecake*"], "min_hits": 2}]})
    assert taxonomy_version(load_taxonomy(commented)) == taxonomy_version(plain)
    changed = tmp_path / "changed.yaml"
    changed.write_text(SMALL.replace("min_hits: 2", "min_hits: 1"), encoding="utf-8")
    assert taxonomy_version(load_taxonomy(changed)) != taxonomy_version(plain)
    assert len(taxonomy_version(builtin)) == 16


# --- discovered topics -----------------------------------------------------------------------

CORPUS = (
    ["Oil prices rose as OPEC cut crude output and refinery demand grew."] * 3
    + ["The striker scored twice as the football club won the league match."] * 3
    + ["Voters backed the party as the election campaign and ballot ended."] * 3
    + ["Crude oil exports and OPEC quotas lifted barrel prices.",
       "The club signed a striker before the league match.",
       "The party won the election after a long campaign."]
)


def test_discovery_finds_the_corpus_topics_deterministically():
    frame = articles(*CORPUS)
    weights, terms = discover_topics(frame, n_topics=3, top_terms=5)
    again = discover_topics(frame, n_topics=3, top_terms=5)
    pd.testing.assert_frame_equal(weights, again[0])
    pd.testing.assert_frame_equal(terms, again[1])
    assert list(weights.columns) == list(DISCOVERED_COLUMNS)
    assert list(terms.columns) == list(DISCOVERED_TERM_COLUMNS)
    assert terms[TOPIC].tolist() == [0, 1, 2]
    assert all(label == ", ".join(t[:3]) for label, t in zip(terms["label"], terms["terms"],
                                                             strict=True))
    assert abs(terms["weight"].sum() - 1) < 1e-9
    strongest = weights.groupby(ARTICLE_ID)["weight"].idxmax()
    topic_of = weights.loc[strongest].set_index(ARTICLE_ID)[TOPIC]
    # the three groups of stories fall into three different topics
    assert len({topic_of[f"a{i}"] for i in (0, 3, 6)}) == 3
    assert topic_of["a9"] == topic_of["a0"] and topic_of["a11"] == topic_of["a6"]


def test_discovery_leaves_out_stop_words_and_filler():
    _, terms = discover_topics(articles(*CORPUS, "Reuters said the the said."), n_topics=3)
    words = {w for t in terms["terms"] for w in t}
    assert not words & {"the", "said", "reuters", "as", "and"}


@pytest.mark.parametrize("texts", [[], [""], ["", None], ["the and of said"]])
def test_discovery_without_words_is_empty(texts):
    weights, terms = discover_topics(articles(*texts))
    assert weights.empty and terms.empty
    assert list(terms.columns) == list(DISCOVERED_TERM_COLUMNS)


def test_discovery_on_one_article():
    weights, terms = discover_topics(articles("Oil prices rose as OPEC cut output.", ""))
    assert len(terms) == 1 and weights[ARTICLE_ID].tolist() == ["a0"]
    assert weights["weight"].tolist() == [1.0]


def test_discovery_options_are_checked():
    with pytest.raises(ValueError, match="n_topics=0"):
        discover_topics(articles("x"), n_topics=0)


# --- real corpora ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bbc_topics(corpora_dir) -> tuple[pd.DataFrame, pd.DataFrame]:
    bbc = pd.read_csv(corpora_dir / "bbc" / "bbc_news_2225.csv")
    frame = bbc.rename(columns={"id": ARTICLE_ID, "title": TITLE, "body": TEXT})
    return frame, find_topics(frame)


def share(bbc_topics, topic: str, category: str) -> float:
    frame, found = bbc_topics
    ids = set(found.loc[found[TOPIC] == topic, ARTICLE_ID])
    in_category = frame.loc[frame["category"] == category, ARTICLE_ID]
    return in_category.isin(ids).mean()


# measured on the 2,225 BBC stories: economy 40% of business and 0% of sport, trade 13% / 0%,
# oil and energy 17% / 0.2%, elections 48% of politics and at most 9% of any other category
@pytest.mark.corpora
@pytest.mark.parametrize(("topic", "home", "at_least", "elsewhere", "at_most"), [
    ("economy", "business", 0.30, "sport", 0.02),
    ("trade", "business", 0.10, "sport", 0.01),
    ("oil and energy", "business", 0.12, "sport", 0.01),
    ("elections", "politics", 0.40, "sport", 0.03),
    ("elections", "politics", 0.40, "business", 0.10),
    ("terrorism", "politics", 0.10, "sport", 0.02),
])
def test_bbc_topics_fire_on_their_sections(bbc_topics, topic, home, at_least, elsewhere,
                                           at_most):
    assert share(bbc_topics, topic, home) >= at_least
    assert share(bbc_topics, topic, elsewhere) <= at_most


@pytest.fixture(scope="module")
def reuters(corpora_dir) -> pd.DataFrame:
    paths = open_reuters_files(corpora_dir / "reuters21578")
    records = [item for path in paths
               for item in read_reuters(Source(path.name, path.read_bytes()))
               if isinstance(item, dict)]
    return pd.DataFrame(records).rename(columns={SOURCE_ID: ARTICLE_ID})


@pytest.mark.corpora
def test_oil_follows_the_crude_tag_on_reuters(reuters):
    found = find_topics(reuters)
    assert len(reuters) > 17_000
    oil = set(found.loc[found[TOPIC] == "oil and energy", ARTICLE_ID])
    crude = reuters.loc[reuters[REF_TOPICS].apply(lambda tags: "crude" in tags), ARTICLE_ID]
    assert crude.isin(oil).mean() >= 0.85  # measured 0.91
    cocoa = reuters.loc[reuters[REF_TOPICS].apply(lambda tags: tags == ["cocoa"]), ARTICLE_ID]
    assert cocoa.isin(oil).mean() <= 0.05
