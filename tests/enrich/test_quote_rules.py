"""The attribution rules tuned on general news: each case a real sentence of the BBC News 2,225
corpus (business and politics, sport), shortened where the rest does not matter."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.enrich.quotes import find_quotes
from analysis.schema import (
    ACTOR,
    ACTOR_TYPE,
    ARTICLE_ID,
    END,
    MENTION_COLUMNS,
    QUOTE,
    SPEAKER,
    SPEAKER_SURFACE,
    START,
    TEXT,
    VERB,
)
from tests.enrich.quoting import quotes_of


@pytest.mark.parametrize(("text", "speakers"), [
    # a fragment quoted inside a sentence: the subject of its speech verb
    ('Mr MacDonald said he had "no idea" whether further resignations would follow.',
     ["MacDonald"]),
    ("Pasquale D'Amuro of the FBI called the nine vendors the key ingredients in \"the process "
     "of cooking the books\" at Ahold.", ["Pasquale D'Amuro"]),
    # ... or the attribution that ends the sentence, an acronym the text defines kept whole
    ('The UK manufacturing sector will continue to face "serious challenges" over the next two '
     "years, the British Chamber of Commerce (BCC) has said.", ["British Chamber of Commerce"]),
    # a phrase with no speech verb is no one's words
    ('Meanwhile the Tories outlined their plans to tackle "yob culture" and the Lib Dems gave '
     "more details about their proposals to replace council tax.", []),
])
def test_a_fragment_inside_a_sentence_is_its_speakers(actors, text, speakers):
    assert quotes_of(text, actors)[SPEAKER].tolist() == speakers


def test_a_dash_apposition_between_speaker_and_verb(actors):
    text = ('"We used to see street hustlers do this kind of thing," Andrei Illarionov - then '
            "economic adviser to President Vladimir Putin - told a press conference. \"Now "
            'officials are doing it." Within days, he was stripped of most of his duties.')
    assert quotes_of(text, actors)[[SPEAKER, VERB]].values.tolist() == [
        ["Andrei Illarionov", "told"]] * 2


def test_the_word_that_says_who_owns_the_speaker_is_not_the_name(actors):
    text = ('"The pressure on costs and margins remain serious problems," BCC director general '
            "David Frost said.")
    assert quotes_of(text, actors)[SPEAKER].tolist() == ["David Frost"]


def test_an_attribution_ending_in_a_colon_opens_the_next_quote_and_a_title_stands_for_him(
        actors):
    text = ("In a speech to the Foreign Policy Centre Mr Straw said of the Tory leader: \"He is "
            'clever, fluent and tactical, but he is not wise." The Foreign Secretary told the '
            'BBC: "I was making the observation that you can get lurches of policy."')
    quotes = quotes_of(text, actors)
    assert quotes[SPEAKER].tolist() == ["Straw", "Straw"]
    assert quotes[SPEAKER_SURFACE].tolist()[1] == "The Foreign Secretary"


def test_a_body_named_once_is_it_and_the_ministry_after(actors):
    text = ('"Internal and external economic conditions are likely to remain unfavourable in '
            '2005," the Finance and Economy Ministry said in a statement.\n\nIt blamed '
            '"continuing uncertainties such as fluctuating oil prices".\n\nThe government voiced '
            'concern about redundancies in the building trade. "Given the economic spill over, a '
            'sharp downturn in the construction industry could have other adverse effects," the '
            "ministry said.")
    assert quotes_of(text, actors)[SPEAKER].tolist() == ["Finance and Economy Ministry"] * 3


def test_a_spokesman_speaks_for_the_body_named_before_him(actors):
    text = ('A UKIP spokesman said: "Mike has some passionate beliefs and sometimes uses '
            'excessively colourful language."')
    assert quotes_of(text, actors)[SPEAKER].tolist() == ["UKIP"]


def test_a_sentence_of_reported_speech_after_a_quote_is_not_its_attribution(actors):
    text = ('"It really was a pleasure to work with him," Mr Pointon said. "He was a whimsical, '
            'droll fellow." Fletcher\'s daughter Jill said her father would be sorely missed.')
    assert quotes_of(text, actors)[SPEAKER].tolist() == ["Pointon", "Pointon"]


def test_he_is_the_person_a_sentence_opens_with_right_after_a_quote(actors):
    text = ('Her coach Aston Moore told the Times: "We\'re not looking at any sooner than 2006." '
            "Moore said Hansen may be able to return to sprinting sooner. \"There was a problem "
            'with the wound healing," he said.')
    assert quotes_of(text, actors)[SPEAKER].tolist() == ["Aston Moore", "Moore"]


def test_a_list_of_reactions_names_each_speaker_without_a_verb(actors):
    text = ('- Bolton boss Sam Allardyce "I am bitterly disappointed with the result, but more '
            'with the second-half performance."')
    quotes = quotes_of(text, actors)
    assert quotes[[SPEAKER, VERB]].values.tolist() == [["Sam Allardyce", ""]]
    assert quotes[QUOTE].str.startswith("I am bitterly").all()


def test_a_pronoun_the_tagger_took_for_a_person_is_no_one():
    """Reuters reut2-001 showed "He" as a speaker: the tagger had marked "He" opening a
    sentence as a person, and "he said" stood for it."""
    text = ('He said the bank had no plans to lead the issue. "Perhaps they were jealous that '
            'for the first time a Chinese entity has taken the lead," he said.')
    articles = pd.DataFrame({ARTICLE_ID: ["a"], TEXT: [text]})
    tagged = pd.DataFrame([{ARTICLE_ID: "a", ACTOR: "He", ACTOR_TYPE: "person", START: 0,
                            END: 2}]).reindex(columns=list(MENTION_COLUMNS))
    assert find_quotes(articles, tagged)[SPEAKER].tolist() == [None]
