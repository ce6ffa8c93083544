"""Tests for analysis.enrich.quotes: direct quotes, their verbs and canonical speakers."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.clean.page import parse_page
from analysis.enrich.actors import find_mentions
from analysis.enrich.quotes import find_quotes
from analysis.schema import (
    ARTICLE_ID,
    DATELINE,
    END,
    MENTION_COLUMNS,
    QUOTE,
    QUOTE_COLUMNS,
    SPEAKER,
    SPEAKER_SURFACE,
    START,
    TEXT,
    TITLE,
    VERB,
)
from tests.enrich.quoting import quotes_of


@pytest.fixture(scope="module")
def sample_quotes(sample_path, actors) -> tuple[pd.DataFrame, str]:
    page = parse_page(sample_path.read_text(encoding="utf-8"))
    articles = pd.DataFrame([{ARTICLE_ID: "sample", TITLE: page[TITLE], TEXT: page[TEXT],
                              DATELINE: page[DATELINE]}])
    mentions = find_mentions(articles, pd.DataFrame(), actors=actors)
    return find_quotes(articles, mentions), page[TEXT]


def test_sample_has_three_quotes_by_ryan_crocker(sample_quotes, sample_expected):
    quotes, _ = sample_quotes
    assert list(quotes.columns) == list(QUOTE_COLUMNS)
    expected = sample_expected["quotes"]
    assert quotes[SPEAKER].tolist() == [q["speaker"] for q in expected]
    assert quotes[VERB].tolist() == [q["verb"] for q in expected]
    for quote, wanted in zip(quotes[QUOTE], expected, strict=True):
        assert quote.startswith(wanted["starts_with"])
    assert quotes[SPEAKER_SURFACE].tolist() == ["Crocker", "Crocker", "he"]


def test_sample_quote_offsets_hold_the_quoted_words(sample_quotes):
    quotes, text = sample_quotes
    for start, end, quote in zip(quotes[START], quotes[END], quotes[QUOTE], strict=True):
        assert text[start:end] == quote
        assert text[start - 1] == "“"


@pytest.mark.parametrize(("text", "speaker", "verb"), [
    ('Mahmoud Ahmadinejad said: "We will never give up our rights."', "Mahmoud Ahmadinejad",
     "said"),
    ('"The market is very weak today," said Paul Volcker.', "Paul Volcker", "said"),
    ("According to Hosni Mubarak, “the region needs calm above all.”", "Hosni Mubarak",
     "according to"),
    ('"Prices will fall further this year," a trader said.', None, "said"),
])
def test_attribution_before_or_after_the_quote(actors, text, speaker, verb):
    quotes = quotes_of(text, actors)
    assert quotes[[SPEAKER, VERB]].values.tolist() == [[speaker, verb]]


def test_pronoun_is_the_last_named_speaker(actors):
    text = ("Foreign Minister Anna Lindqvist met her counterpart.\n\n"
            "“We agreed on a great deal today,” Lindqvist said.\n\n"
            "“There is more to do before the summit,” she added.")
    quotes = quotes_of(text, actors)
    assert quotes[[SPEAKER, SPEAKER_SURFACE, VERB]].values.tolist() == [
        ["Anna Lindqvist", "Lindqvist", "said"], ["Anna Lindqvist", "she", "added"]]


def test_scare_quotes_and_unattributed_quotes_are_left_out(actors):
    text = 'Talks were "positive". The paper printed "a long unattributed sentence here".'
    assert quotes_of(text, actors).empty


def test_no_quotes_without_mentions():
    articles = pd.DataFrame({ARTICLE_ID: ["a"], TEXT: ['"We will see what happens," he said.']})
    quotes = find_quotes(articles, pd.DataFrame(columns=list(MENTION_COLUMNS)))
    assert quotes[[SPEAKER, SPEAKER_SURFACE]].values.tolist() == [[None, "he"]]


@pytest.mark.parametrize(("text", "speaker", "verb"), [
    ("Robertson, the U.S. commander, said: “We hold the bridge and the road.”", "Robertson",
     "said"),
    ("“We hold the bridge and the road,” Robertson, the U.S. commander, said.", "Robertson",
     "said"),
    ('"We will never give up our rights,” Mahmoud Ahmadinejad said.', "Mahmoud Ahmadinejad",
     "said"),
    ('“The market is very weak today," said Paul Volcker.', "Paul Volcker", "said"),
])
def test_apposition_between_speaker_and_verb_and_mixed_marks(actors, text, speaker, verb):
    quotes = quotes_of(text, actors)
    assert quotes[[SPEAKER, VERB]].values.tolist() == [[speaker, verb]]
    assert quotes[QUOTE].str.contains("“|”|\"").sum() == 0


@pytest.mark.parametrize("between", [" ", " in a speech in Bonn. ", ".\n\n", " to reporters.\n\n"])
def test_a_quote_goes_on_after_its_attribution(actors, between):
    text = (f"“The market is very weak today,” said Paul Volcker{between}"
            "“We expect rates to stay where they are.”")
    quotes = quotes_of(text, actors)
    assert quotes[[SPEAKER, QUOTE]].values.tolist() == [
        ["Paul Volcker", "The market is very weak today"],
        ["Paul Volcker", "We expect rates to stay where they are."]]


def test_a_quote_after_another_sentence_naming_someone_else_is_not_taken_as_going_on(actors):
    # (one that names no one, in the same paragraph, goes on: test_quote_rules.py)
    text = ("“The market is very weak today,” said Paul Volcker. Bond prices fell after a speech "
            "by Karl Otto Poehl on Monday. “We expect rates to stay where they are.”")
    assert quotes_of(text, actors)[QUOTE].tolist() == ["The market is very weak today"]


def test_a_quote_over_paragraphs_is_attributed_in_every_paragraph(actors):
    text = ("Paul Volcker spoke after the meeting.\n\n"
            "“The market is very weak today and we watch it.\n\n"
            "“We expect rates to stay where they are,” he said.\n\n"
            "“A scare quote” opened here is not part of it.")
    quotes = quotes_of(text, actors)
    assert quotes[[SPEAKER, SPEAKER_SURFACE, QUOTE]].values.tolist() == [
        ["Paul Volcker", "he", "The market is very weak today and we watch it."],
        ["Paul Volcker", "he", "We expect rates to stay where they are"]]
    for start, end, quote in zip(quotes[START], quotes[END], quotes[QUOTE], strict=True):
        assert text[start:end] == quote


@pytest.mark.parametrize("speaker_words", [
    "DZ Bank economist Bernd Weidensteiner", "EEF chief economist, Steve Radley",
    "WTO spokesman Keith Rockwell"])
def test_the_name_after_words_that_describe_the_speaker(actors, speaker_words):
    quotes = quotes_of(f'"We are surprised the index fell so far," said {speaker_words}.', actors)
    assert quotes[SPEAKER].tolist() == [" ".join(speaker_words.split()[-2:])]


@pytest.mark.parametrize("joint", ['\n\n"', ' "'])
def test_straight_quotes_over_paragraphs_even_when_joined_by_a_space(actors, joint):
    # BBC bodies often lost the paragraph break inside a quote: "… rates. "We expect …"
    text = ('Paul Volcker said: "The market is very weak today and we watch it.'
            f'{joint}We expect rates to stay where they are." Bond prices fell on the news.')
    quotes = quotes_of(text, actors)
    assert quotes[[SPEAKER, QUOTE]].values.tolist() == [
        ["Paul Volcker", "The market is very weak today and we watch it."],
        ["Paul Volcker", "We expect rates to stay where they are."]]
    for start, end, quote in zip(quotes[START], quotes[END], quotes[QUOTE], strict=True):
        assert text[start:end] == quote


def test_an_attribution_ending_in_a_colon_goes_before_a_sentence_after(actors):
    text = ('"We watch the market closely," said Paul Volcker.\n\n'
            'Nigel Lawson added: "Rates will not move this month." He said it was vital.')
    assert quotes_of(text, actors)[SPEAKER].tolist() == ["Paul Volcker", "Nigel Lawson"]


def test_pronoun_is_the_person_who_opens_the_sentence_before_the_quote(actors):
    text = ('"We watch the market closely," said Paul Volcker.\n\n'
            "Nigel Lawson had said before the meeting that rates would stay.\n\n"
            '"The pound is strong and will stay so," he said.')
    assert quotes_of(text, actors)[SPEAKER].tolist() == ["Paul Volcker", "Nigel Lawson"]


@pytest.mark.parametrize(("attribution", "speaker"), [
    ("eighth seed Andre Agassi said", "Andre Agassi"),  # a description in lower case, a name
    ("War on Want's John Hilary revealed", "John Hilary"),  # the name after the owner
    ("said the American", None),  # a nationality is not a name
])
def test_speakers_described_before_their_name(actors, attribution, speaker):
    verb_first = attribution.startswith("said")  # the attribution after the quote
    text = ('"No one was more concerned about the injury than myself," ' + attribution + "."
            if verb_first else attribution + ': "No one was more concerned than myself."')
    quotes = quotes_of(text, actors)
    assert quotes[SPEAKER].tolist() == ([speaker] if speaker else [None] * len(quotes))


def test_a_sentence_of_reported_speech_after_a_quote_is_not_its_attribution(actors):
    text = ('"We played well today," said Tom Quibble. "I am not interested in being a coach."'
            ' But Quibble revealed that his priority was the league.')
    quotes = quotes_of(text, actors)
    assert quotes[[SPEAKER, VERB]].values.tolist() == [["Tom Quibble", "said"]] * 2


def test_a_quote_after_a_sentence_of_its_own_does_not_go_on_the_last_one(actors):
    """It is the words of the person who opens that sentence (BBC sport/316)."""
    text = ('"I am sure the players want to come back," Forster told reporters. '
            '"And the fans want to see them on the pitch." '
            "Ruddock, though, is keen to protect his players. "
            '"At this stage there is nothing more they can show me."')
    quotes = quotes_of(text, actors)
    assert quotes[SPEAKER].tolist() == ["Forster", "Forster", "Ruddock"]
    assert quotes[VERB].tolist()[2] == ""  # no verb says so
