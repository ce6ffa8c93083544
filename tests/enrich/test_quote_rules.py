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
    assert quotes_of(text, actors)[SPEAKER].tolist() == ["UK Independence Party"]  # the table's


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


@pytest.mark.parametrize(("text", "speaker"), [
    # the words before the name that say who it is may begin with a name of several words
    ('"This is positive news for the international investment community," Global Asset '
     "Management investment chief David Smith said.", "David Smith"),
    ('"Ultimately and industrially, Gazprom needs Yugansk," Renaissance Capital energy analyst '
     "Adam Landes told Reuters news agency.", "Adam Landes"),
    # the one whose spokesman speaks
    ('On Monday, Mr Blair\'s spokesman said: "The prime minister is determined that he will get '
     'on with the business of government."', "Tony Blair"),
    # a word opening the sentence is no part of the name
    ('But Penny Little, who monitored the Bicester Hunt in Oxfordshire, said she had witnessed '
     '"gratuitous, spiteful killing of foxes".', "Penny Little"),
    # a relative clause between the speaker and the verb (BBC entertainment/239)
    ('Less impressed were fellow students Ryan Crabbe and Gordon Rennie, who observed, "With '
     'Fightstar, Charlie has clearly progressed from Busted\'s sound."', "Gordon Rennie"),
    # wire attributions (Reuters-21578 reut2-003 and reut2-011, read on the Quotes output)
    ('"We are not making the progress that we should," said Rep. Vic Fazio (D-Calif.).',
     "Vic Fazio"),
    ('"MITI has been moving hot and heavy throughout the industry," said Bache Securities '
     "(Japan) associate vice president Peter Wolffe.", "Peter Wolffe"),
    ('Nevertheless, New York analyst William Raferty, of Smith Barney Harris Upham said "We\'re '
     'still in a bull market," adding that corrections are normal.', "William Raferty"),
    ('"I think the Fed feels it has a fair amount of flexibility," said David Berson, chief '
     "economist at Fannie Mae.", "David Berson"),
    ("\"We're developing new systems because our customers are asking for them,\" Peter Giles, "
     "vice president and general manager of Kodak's mass memory division, said.", "Peter Giles"),
])
def test_who_speaks_from_the_words_next_to_the_verb(actors, text, speaker):
    assert quotes_of(text, actors)[SPEAKER].tolist() == [speaker]


@pytest.mark.parametrize(("text", "speakers"), [
    # a participle after the clause of the one who speaks
    ("Gordon Brown issued a defiant statement about the strike, saying the action would not "
     "affect the government's \"determination\" to make savings.", ["Gordon Brown"]),
    # a colon after the words that name the speaker, with no speech verb
    ("And can you imagine even Jeremy Paxman putting the question posed by Brighton nurse Marion "
     'Brown: "Would you wipe somebody\'s backside for £5?"', ["Marion Brown"]),
    ('Mr Blair recalls how Bill Clinton once advised him: "Always remember that what people see '
     'of you in the news in the evening is how they think you spend your day."', ["Bill Clinton"]),
    # "I" is the writer: no one named
    ('I\'d say that the likelihood of an attack is a "When" not an "If" probability.', []),
    # a name or a term in quotation marks is not words said
    ('The service, launched in December and dubbed "Otoku" or "bargain", has had almost 900,000 '
     "orders, Softbank said.", []),
    ('Amitai Etzioni says the US emphasis on an "Axis of Evil" is misplaced.', []),
])
def test_fragments_and_colons_without_a_speech_verb_next_to_the_speaker(actors, text, speakers):
    assert quotes_of(text, actors)[SPEAKER].dropna().tolist() == speakers


def test_a_straight_mark_after_a_word_closes_and_never_opens(actors):
    """BBC politics/353: a paragraph broken inside a quote left '…fight," says Mr Major.' with
    no opening mark, and the closing mark opened a quote running to the next one."""
    text = ('prime minister and I wanted a flesh and blood fight," says Mr Major. Mr Blair told '
            'Labour MPs on Thursday that public meetings could "enthuse and engage and give the '
            'public a sense of empowerment".')
    quotes = quotes_of(text, actors)
    assert quotes[QUOTE].tolist() == ["enthuse and engage and give the public a sense of "
                                      "empowerment"]
    assert quotes[SPEAKER].tolist() == ["Tony Blair"]


def test_a_quote_whose_closing_mark_the_text_lost_at_its_end(actors):
    text = ('The Welsh Assembly Government said: "This is a strike about national civil service '
            "issues. It is not about specific issues local to Wales or the assembly.")
    quotes = quotes_of(text, actors)
    assert quotes[QUOTE].str.startswith("This is a strike").tolist() == [True]
    assert quotes[QUOTE].str.endswith("the assembly.").tolist() == [True]


def test_he_is_the_one_who_opens_a_sentence_with_a_speech_verb_since_the_last_quote(actors):
    text = ('London teacher Diane Granger said: "Where are you going to put everyone?"\n\n'
            "Mr Blair tried to use the questioners' first names.\n\n"
            "James Humphreys, ex-head of corporate communications at Number 10, says the "
            'strategy shows frustration with the media. "They feel they don\'t get their voice '
            'across," he says.')
    assert quotes_of(text, actors)[SPEAKER].tolist()[-1] == "James Humphreys"


def test_a_description_naming_a_place_is_the_person_named_before(actors):
    text = ("Real Madrid midfielder David Beckham has no plans to become a manager.\n\n"
            '"I am not interested in being a coach but I would like to have football schools," '
            "the England captain said on television station Canal Plus.")
    assert quotes_of(text, actors)[SPEAKER].tolist() == ["David Beckham"]


def test_a_description_is_no_preposition(actors):
    text = ("Another congress member was quoted by the agency as saying Zhao's opening speech was "
            '"discreet, appropriate, comprehensive and assuring," others said.')
    assert quotes_of(text, actors)[SPEAKER].dropna().tolist() == []


@pytest.mark.parametrize("text", [
    # (Reuters-21578 reut2-003: "he" and "the aide" were the last person named)
    ('"China should not borrow more," said Zhang Haoruo.\n\nA Western diplomat said China\'s '
     'foreign debt needs careful management.\n\n"U.S. investors are not interested in China per '
     'se," he said.'),
    ("Prime Minister Yasuhiro Nakasone will not resign, one of his closest aides said today.\n\n"
     '"The LDP will certainly inflate their seats," the aide said.'),
    ('"Prices will stay firm this week," said one dealer. "Buyers are waiting," he added.'),
])
def test_he_or_the_aide_after_someone_unnamed_is_no_one(actors, text):
    quotes = quotes_of(text, actors)
    assert quotes[SPEAKER].tolist()[-1] is None


@pytest.mark.parametrize(("text", "speaker"), [
    # (Reuters-21578 reut2-007)
    ('"Fed funds will be coming under relatively intense pressure," said Salomon\'s di Clemente, '
     "noting the approaching month-end.", "di Clemente"),
    ('Yesterday Pacad said it "has reached an agreement to enter into a contract with Okamoto," '
     "adding that sales would begin.", "Pacad"),
    ('A spokesman for Montreal-based Alcan said, "The decision is 48 pages long and is in '
     'legal-ese."', "Alcan"),
    ('"The decision will be taken next month," a spokesman at Airbus headquarters in Toulouse '
     "said.", "Airbus"),
    ('The gap would be eliminated, the report predicted.\n\n"Mining companies have been slow to '
     'develop," the experts said.', None),
])
def test_owners_particles_and_groups_in_the_speakers_words(actors, text, speaker):
    assert quotes_of(text, actors)[SPEAKER].tolist() == [speaker]


@pytest.mark.parametrize(("text", "speaker"), [
    # (Reuters-21578 reut2-003: "the company" is the body that spoke last)
    ('Merrill Lynch said the head of its department has been suspended from the firm.\n\n'
     '"We are studying the charges carefully," the firm said.', "Merrill Lynch"),
    ('Honeybee Inc said it knows of no reason for the recent rise in its stock price.\n\n"There '
     'are no corporate or business developments," the company said in a statement.',
     "Honeybee Inc"),
    # ... and no one when no body spoke
    ('Shares of Honeybee Inc rose.\n\n"There are no corporate developments," the company said.',
     None),
])
def test_the_company_is_the_body_that_spoke_last(actors, text, speaker):
    assert quotes_of(text, actors)[SPEAKER].tolist() == [speaker]


@pytest.mark.parametrize(("text", "speakers"), [
    # a party named alone, or by its nickname, is the party
    ('Labour say a Lib Dem vote could "let the Tories in", while the Tories say the Lib Dems '
     'would mean "higher taxes, soft crime laws, more power to Europe".',
     ["Labour Party", "Conservative Party"]),
    ('A Conservative spokesperson said: "The Liberal Democrats can talk all they like about '
     'strategy."', ["Conservative Party"]),
])
def test_a_party_speaks_under_its_full_name(actors, text, speakers):
    assert quotes_of(text, actors)[SPEAKER].tolist() == speakers


def test_she_is_not_the_man_quoted_last_but_the_woman_named_since(actors):
    text = ('James Humphreys, ex-head of corporate communications at Number 10, says the '
            'strategy shows frustration. "They feel they don\'t get their voice across," he '
            "says. He must remember with gritted teeth his confrontation with Sharron Storer, "
            "the Birmingham woman who harangued him over the state of her local hospital. "
            '"All you do is walk around and make yourself known," she told Mr Blair.')
    assert quotes_of(text, actors)[SPEAKER].tolist() == ["James Humphreys", "Sharron Storer"]


def test_she_after_a_man_with_no_woman_named_since_is_no_one(actors):
    text = ('"More lawyers may be resigning soon, I can tell you," Barry Hugill said. "They '
            'are now in a difficult situation," he said. The Lords debated it. "There was a '
            'great deal of argument in the Lords," she said.')
    assert quotes_of(text, actors)[SPEAKER].tolist() == ["Barry Hugill", "Barry Hugill", None]


def test_a_title_does_not_give_a_namesake_a_gender(actors):
    # (Reuters-21578: "Mrs Reagan" in a story made President Reagan a "she" for a while)
    text = ('President Reagan denounced reports that his wife, Nancy, is running the government '
            'as "despicable fiction." Mrs Reagan was not there. He said the reports had '
            '"touched a nerve."')
    assert quotes_of(text, actors)[SPEAKER].tolist() == ["Ronald Reagan"]


def test_a_shared_surname_says_nothing_of_her_gender(actors):
    text = ("When the ID card idea was floated, Mr Eavis' daughter Emily said it would be "
            '"quite a big step in terms of ticketing". "As long as it\'s approached in the right '
            'way, it might really work," she said.')
    assert quotes_of(text, actors)[SPEAKER].tolist() == ["Emily Eavis"] * 2


def test_an_unnamed_spokeswoman_speaks_for_the_body_opening_the_sentence_before(actors):
    text = ("The Justice Department refused to say if it would appeal. \"All we're saying "
            'today is that we have received the ruling and are reviewing it," a spokeswoman '
            "said on Friday.")
    assert quotes_of(text, actors)[SPEAKER].tolist() == ["Justice Department"]


def test_a_participle_after_he_gives_the_fragment_to_him(actors):
    text = ('Lord Rennard said: "We will target them." He denied this strategy was opportunism, '
            "insisting the party's policies appealed \"to all sides of the political "
            'spectrum".')
    assert quotes_of(text, actors)[SPEAKER].tolist() == ["Rennard"] * 2


def test_a_body_short_name_is_the_full_name_given_before(actors):
    text = ('Daiwa Securities and Sumitomo Mitsui are said to be in talks. Daiwa said that '
            '"although it is true that the two groups have been engaging in discussions, there '
            'are no plans to consolidate".')
    assert quotes_of(text, actors)[SPEAKER].tolist() == ["Daiwa Securities"]


def test_a_name_described_as_someone_who_speaks_is_a_person_whatever_the_tagger_said(actors):
    text = ('But Barry Hugill, a spokesman for Liberty, told the BBC that more lawyers may go. '
            '"I can assure you that more lawyers may be resigning," he said.\n\nHelena Kennedy, '
            "a Labour peer and a human rights lawyer, said the Special Advocates were worried. "
            '"There was a great deal of argument particularly in the House of Lords," she said.')
    assert quotes_of(text, actors)[SPEAKER].tolist() == ["Barry Hugill", "Helena Kennedy"]


def test_a_fragment_said_of_someone_by_another_is_the_others(actors):
    text = ('Fletcher was described as a "consummate professional" by his friend and fellow '
            "broadcaster Michael Pointon.")
    assert quotes_of(text, actors)[SPEAKER].tolist() == ["Michael Pointon"]


@pytest.mark.parametrize(("text", "speakers"), [
    # "…, X said.¶“…”": a paragraph of reported speech, then a paragraph that is a quote
    ("The catastrophe was overshadowing the hopes for the future at this usually positive "
     "time of the year, Mr Howard said.\n\n\"We watched the scenes of destruction with a "
     "sense of disbelief.\"", ["Howard"]),
    ("Committee chairman John Denham said drugs of alcohol were sometimes used as an excuse."
     "\n\n\"The committee believes that these arguments should be rejected by sentencers.\"",
     ["John Denham"]),
    # "He said…" ends the paragraph: the one speaking in it
    ("Homeowners expect prices to rise by 1% over the next six months, Mr Bannister said. He "
     "said the Bank of England may increase interest rates.\n\n\"I think the key is what the "
     "Bank expects to happen to the housing market.\"", ["Bannister"]),
    # a paragraph that reports no speech gives its next paragraph's quote to no one
    ("Mr Howard visited the flood defences on Friday.\n\n\"We watched the scenes of "
     "destruction with a sense of disbelief.\"", []),
])
def test_a_quote_opening_a_paragraph_after_reported_speech_is_the_reporters(actors, text,
                                                                             speakers):
    assert quotes_of(text, actors)[SPEAKER].tolist() == speakers


def test_he_after_a_quote_given_by_its_opening_sentence_is_that_person(actors):
    text = ("UKIP spokesman Mark Croucher said those who selected him knew nothing of his "
            "views. He told BBC News: \"We have suspended him as a member.\"\n\nPeter Nielson, "
            "who is UKIP Scotland chairman, said he had suspended Mr Houston on Friday night. "
            "\"He will remain suspended while the matter is being investigated.\" He said that "
            "any evidence would be looked into. He added: \"I can't comment too much at the "
            "moment.\"")
    assert quotes_of(text, actors)[SPEAKER].tolist() == [
        "Mark Croucher", "Peter Nielson", "Peter Nielson"]


@pytest.mark.parametrize(("text", "speaker"), [
    # a description the writer left without its second comma
    ('"We acted at once to limit what he could reach," Peter Dobrow, a T-Mobile spokesperson '
     "said.", "Peter Dobrow"),
    # ... an owner's job ("Wanadoo's chief executive"), the quote's comma before a space
    ('"Voice-over broadband is a key trend across Europe, " Eric Abensur, Wanadoo\'s chief '
     "executive told the BBC News website.", "Eric Abensur"),
    # ... or without any comma, a job and a firm between the name and the verb
    ('"Support for it is mandatory in the next consoles," Dr Mark Tuffy games systems director '
     "at content firm THX told the BBC News website.", "Mark Tuffy"),
    # a description before the name, the name between commas
    ('"We have hardly started to reach everyone," the new chair of the Internet Engineering '
     "Task Force, Brian Carpenter, says.", "Brian Carpenter"),
])
def test_a_description_without_its_commas_after_a_quote_ending_in_a_comma(actors, text,
                                                                         speaker):
    assert quotes_of(text, actors)[SPEAKER].tolist() == [speaker]


def test_a_sentence_after_a_quote_that_ended_is_not_a_description(actors):
    text = ('"He will stay a Liverpool player," Rick Parry added. "We know where we stand." '
            "Gerrard had said before the game he would think about leaving.")
    assert quotes_of(text, actors)[SPEAKER].tolist() == ["Rick Parry"] * 2


def test_the_attribution_after_a_quote_is_not_read_again_for_the_next(actors):
    text = ('"Support is mandatory," Dr Mark Tuffy games systems director at content firm THX '
            'told the BBC News website. "Every game will be playable in HD."')
    assert quotes_of(text, actors)[SPEAKER].tolist() == ["Mark Tuffy"] * 2


def test_according_to_after_a_quote_is_its_attribution(actors):
    text = ('With the new service a channel changes in 15 milliseconds. "That always gets a round '
            'of applause," according to Mr Graczyk.')
    found = quotes_of(text, actors)
    assert found[[SPEAKER, VERB]].values.tolist() == [["Graczyk", "according to"]]
    assert not found["indirect"].any()  # words in quotation marks: a direct quote


def test_a_fragment_with_its_speaker_right_after_it_and_the_paragraph_that_goes_on(actors):
    text = ('"Security will stay with us," said Dr Carpenter. People must learn "sensible '
            'habits" he says, such as deleting e-mails that promise prizes.\n\n"It will not get '
            'worse. People will stay worried."')
    assert quotes_of(text, actors)[SPEAKER].tolist() == ["Carpenter"] * 3


@pytest.mark.parametrize(("text", "speaker"), [
    # "The company" opening the sentence of a fragment: the body that spoke last
    ("Microsoft has said it will replace 14 million power cables. The company said the move "
     'was a "preventative step" after reports of fires.', "Microsoft"),
    # ... or before a colon
    ('Microsoft has said it will replace the cables. The company said: "Damage was limited to '
     'the console itself."', "Microsoft"),
    # no body having spoken, the one brought in as a firm, not the place it is based in
    ("Video game firm Bioware is to hold open auditions. The Canada-based company says it is "
     'looking for "a wide variety of faces for its characters".', "Bioware"),
])
def test_the_company_opening_a_sentence_is_the_body_that_spoke_or_was_brought_in(actors, text,
                                                                                 speaker):
    assert quotes_of(text, actors)[SPEAKER].tolist() == [speaker]


@pytest.mark.parametrize(("text", "speakers"), [
    # a thing opening the sentence is no one, though a name was quoted before
    ('"We will talk," President Reagan said. The announcement said the talks would review "the '
     'entirety of our relationship."', ["Ronald Reagan"]),
    # ... nor someone unnamed, though their words name a country
    ('A Japanese refiner said, "The European and U.S. markets are beginning to look better."',
     []),
    # ... nor a document a quote is according to
    ('"The risk that prices rise must also be weighed," according to the analysis.', []),
    # "The company also said": the adverb is no part of the description
    ('Kodak said it will not shut any plant. The company also said the plant will keep it "well '
     'into the next century".', ["Kodak"]),
    # a fragment that ends its sentence is not the next sentence's ("… "quite fair." He said…")
    ('But another arbitrageur said the bid seemed "quite fair." He said the offer was high.', []),
    # the person named after the description in the speaker's words, not the firm before it
    ('"We have not decided anything," Toronto Sun Publishing vice-president of finance Bruce '
     "Jackson said.", ["Bruce Jackson"]),
])
def test_what_opens_or_follows_an_attribution_without_naming_a_speaker(actors, text, speakers):
    assert quotes_of(text, actors)[SPEAKER].dropna().tolist() == speakers


def test_it_is_the_last_body_quoted_whatever_its_name(actors):
    text = ('Microsoft has said it will replace the cables. The company said the move was a '
            '"preventative step" after reports of fires. In a statement, it added: "Any damage '
            'was contained within the console itself."')
    assert quotes_of(text, actors)[SPEAKER].tolist() == ["Microsoft"] * 2


@pytest.mark.parametrize(("text", "speaker"), [
    # words and a comma before the name that opens the sentence ("His creator, Richard Bowden")
    ("One such avatar is Jeremiah. His creator, Richard Bowden, a lecturer at Surrey, refers to "
     'Jeremiah as "him". "He is very childlike," he told the BBC News website.', "Richard Bowden"),
    # an owner opening a sentence is not its subject ("The book, Brown's Britain, says…")
    ('Gordon Brown heard Tony Blair tell the meeting: "Nothing will get in our way." A new '
     "book, Brown's Britain by journalist Robert Peston, says Mr Blair broke a pledge. Health "
     "Secretary John Reid earlier warned Labour members. He told BBC News: \"Those who inspire "
     'these books damage the party."', "John Reid"),
])
def test_he_is_the_person_opening_the_sentence_after_a_comma_not_an_owner(actors, text,
                                                                         speaker):
    assert quotes_of(text, actors)[SPEAKER].tolist()[-1:] == [speaker]


@pytest.mark.parametrize(("text", "speakers"), [
    # the writer's sentences between the last speaker's words and a quote of its own, in one
    # paragraph, name no one else: the same voice goes on
    ('"There is no practical limit," said Dr Carpenter. Standards are vital to the net. The '
     'change will be almost invisible. "People should not notice a difference."',
     ["Carpenter"] * 2),
    # ... also when the writer names the speaker again between them
    ('"Our DVDs have to be squashed down," says Mr Dean. This will only save a day\'s work, says '
     'Mr Dean. Menus took 45 hours alone. "If the studios put more on these disks, it could '
     'be more expensive."', ["Dean", "Dean"]),
    # ... not when someone else is named between them
    ('"There is no practical limit," said Dr Carpenter. The lab had a visit from Tony Blair. '
     '"People should not notice a difference."', ["Carpenter"]),
    # ... nor in the next paragraph
    ('"There is no practical limit," said Dr Carpenter. Standards are vital.\n\n"People should '
     'not notice a difference."', ["Carpenter"]),
])
def test_a_quote_after_the_writers_sentences_goes_on_the_last_speakers_words(actors, text,
                                                                             speakers):
    assert quotes_of(text, actors)[SPEAKER].dropna().tolist() == speakers


@pytest.mark.parametrize(("text", "speaker"), [
    # "she" after an unnamed spokeswoman: the body she speaks for
    ("A spokeswoman for Oxford University said the books would include novels. \"Rare works "
     'will be made available to everyone," she said.', "Oxford University"),
    ('A Microsoft spokesman declined to give details. "We have nothing in hand," he said.',
     "Microsoft"),
    # ... and still no one after an unnamed analyst
    ('A Western diplomat said buyers would be cautious. "They are not interested," he said.',
     None),
])
def test_he_after_an_unnamed_spokesman_is_the_body_he_speaks_for(actors, text, speaker):
    assert quotes_of(text, actors)[SPEAKER].tolist() == [speaker]


def test_the_firm_is_one_brought_in_as_a_firm_that_the_tagger_missed(actors):
    text = ("DVDs will be harder to copy thanks to measures by copy protection firm Zarvonix. "
            '"It is designed to reduce ripping," said the firm.')
    assert quotes_of(text, actors)[SPEAKER].tolist() == ["Zarvonix"]


@pytest.mark.parametrize(("text", "speakers"), [
    # a surname alone, spelt with two letters swapped, is the person named in full before
    ("Sonaptic's managing director David Monteith says his firm is the only one. \"It is "
     'important we only use 10% of the processor," explained Mr Montieth.',
     ["David Monteith"]),
    # ... not a surname spelt otherwise (three letters changed) nor a body
    ('David Monteith runs the firm. "It is important we only use 10%," said Mr Montague.',
     ["Montague"]),
])
def test_a_surname_alone_is_the_one_person_named_in_full_before(actors, text, speakers):
    assert quotes_of(text, actors)[SPEAKER].dropna().tolist() == speakers


@pytest.mark.parametrize(("text", "speaker"), [
    # a place or body that ends a description after a name and a comma is not the speaker
    ("Design considerations also exist. Dr Erel Avineri, of the Centre for Transport and "
     "Society at the University of the West of England in Bristol said: \"The design is not "
     'adjusted to the needs of the elderly."', "Erel Avineri"),
    ('"As we move to high-definition images, we need more storage," Richard Doherty, from '
     "Panasonic's Hollywood Laboratories, one of the pioneers of Blu-ray, told the BBC. \"So "
     'we can make a disc that holds six times as much."', "Richard Doherty"),
    # ... but a spokesman's body still speaks for him
    ('Tony Blair visited the site. A spokesman for Microsoft said: "We have nothing to add."',
     "Microsoft"),
])
def test_a_description_after_a_name_and_a_comma_leaves_the_name_the_speaker(actors, text,
                                                                            speaker):
    assert set(quotes_of(text, actors)[SPEAKER]) == {speaker}


@pytest.mark.parametrize(("text", "speakers"), [
    # a quote with no attribution after a sentence that opens with a word, a comma and a person
    ("He set up schools in Cambodia. However, Mr Negroponte has adapted the idea to his own "
     'work. "We put in 25 laptops three years ago, only one has been broken."',
     ["Negroponte"]),
    # ... not after a sentence where the person comes after a longer phrase and its comma
    ('He set up schools. In Cambodia last year, Mr Negroponte adapted the idea. "We put in 25 '
     'laptops three years ago, only one has been broken."', []),
])
def test_a_quote_after_a_sentence_opening_with_a_word_a_comma_and_a_person(actors, text,
                                                                           speakers):
    assert quotes_of(text, actors)[SPEAKER].dropna().tolist() == speakers


@pytest.mark.parametrize(("text", "quoted"), [
    # a quote of two words opening its sentence, a comma before its closing mark and an
    # attribution after it: words said
    ('There are 3,000 variations of the worm. "That\'s unprecedented," said Mr Hogan.',
     ["That's unprecedented"]),
    # ... not one with no attribution after it
    ('There are 3,000 variations. "Quite rare," as experts put it, is an understatement.', []),
])
def test_a_short_quote_ending_in_a_comma_with_an_attribution_is_words_said(actors, text,
                                                                          quoted):
    assert quotes_of(text, actors)[QUOTE].tolist() == quoted


@pytest.mark.parametrize(("text", "speakers"), [
    # a description after a preposition is its object, not who speaks: no one is named
    ('"I am encouraged," Ravi Purushotma told the BBC. A report on the experiment said: '
     '"Students began asking historical and geographical questions."', ["Ravi Purushotma"]),
    # ... while one that opens the attribution is still the last person ("the lock forward")
    ('"I am encouraged," Ravi Purushotma told the BBC. The researcher said: "Students began '
     'asking historical and geographical questions."', ["Ravi Purushotma", "Ravi Purushotma"]),
])
def test_a_description_after_a_preposition_is_not_the_speaker(actors, text, speakers):
    assert quotes_of(text, actors)[SPEAKER].dropna().tolist() == speakers


@pytest.mark.parametrize(("text", "speakers"), [
    # a fragment in a sentence that gives its words to a named source before it is that
    # source's: its report's words are the body's
    ('Children spend £775 a year, said market analyst Datamonitor. According to the Datamonitor '
     'report the trend marked British teenagers out as "particularly important to cosmetics '
     'manufacturers".', ["Datamonitor"]),
    ('A good basic PC that, according to PC Pro, has "superb upgrade potential".', ["PC Pro"]),
    # ... not a source with no name
    ('According to analysts the market is "close to overheating" this year.', []),
])
def test_a_fragment_after_according_to_a_named_source_is_the_source_s(actors, text, speakers):
    assert quotes_of(text, actors)[SPEAKER].dropna().tolist() == speakers


@pytest.mark.parametrize(("text", "speakers"), [
    # a fragment in the clause of a view its subject holds is theirs
    ('"One goal would be to break that assumption," Ravi Purushotma said. He believes that the '
     '"phenomenal ability" of games to hold adolescents is ripe for exploitation.',
     ["Ravi Purushotma", "Ravi Purushotma"]),
    ('Bill Gates spoke in Las Vegas. He highlighted trends that had made moving content across '
     'devices "seamless".', ["Bill Gates"]),
    # ... not in a clause of the writer's after it
    ('Software giant Microsoft thinks IPTV is the future of television, and it sits neatly with '
     'its vision of the "connected entertainment experience".', []),
    # ... and a view reported in someone's words is still theirs
    ('Robert Dole told the growers that he thought the proposal "should be seriously considered" '
     'by Congress.', ["Robert Dole"]),
])
def test_a_fragment_in_a_view_its_subject_holds_is_theirs(actors, text, speakers):
    assert quotes_of(text, actors)[SPEAKER].dropna().tolist() == speakers
