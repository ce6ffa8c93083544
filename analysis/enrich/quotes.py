"""Direct quotes and who said them: “…” or "…" with an attribution before or after it.

A quote is attributed by the words next to it in its paragraph: after (“…,” Crocker told
reporters / “…,” said Crocker) or before (Crocker said: “…” / according to Crocker, “…” /
Crocker, the U.S. envoy, said: “…” / Illarionov - then an adviser - told…; in a list of
reactions, "- Bolton boss Sam Allardyce “…”" with no verb). An attribution that ends in a colon
opens the quote after it, never the one before it; a verb followed by a clause of its own (“…”
Jill said her father…) is reported speech, not an attribution. A fragment quoted inside a
sentence (any length: Mr Gref said it was "unjustified") goes to the subject of the last speech
verb before it in that sentence, or to an attribution ending the sentence ("…" over two years,
the BCC has said.). A quote with no attribution of its own goes on the last speaker's words
when only the rest of that attribution lies between them (“…,” Crocker said. “…”), in the next
sentence or paragraph, and so does a quote running on over paragraphs; otherwise it is the
words of the person (or he or she) who opens the sentence before it in its paragraph (Ruddock,
though, is keen… “…”), or, opening a paragraph, of the one speaking in the reported speech that
ends the paragraph before (…, Mr Howard said.¶“…”). A participle gives a fragment to the one
named before it (Gordon Brown issued a statement, saying … "determination"); words ending in a
colon with no speech verb give the next quote to the person named last in them (… posed by
Brighton nurse Marion Brown: “…”); a short phrase in Title Case or after "dubbed" is a name,
not words said. Marks may be mixed ("…” or “…"), as pages typed by hand often have them. The
speaker is canonicalised through the article's mentions (`quote_parts.speaker`): "he" or "she"
is the person who opens a sentence (with a speech verb, if one does) since the last
attribution, else the last person quoted, but no one after someone unnamed ("A Western diplomat
said…"); "she" after a man's words (as an attribution called him) the last person named since
who may be she, else no one; "the Foreign Secretary" or "the England captain" the same; "the
ministry" or "it" the last body quoted with that head, "the company" else the body last named
as it spoke; "a UKIP spokesman" UKIP, "Mr Blair's spokesman" Tony Blair, "a spokeswoman" with
no body named the body opening the sentence before; a body's short name the full name given
before ("Daiwa" after "Daiwa Securities"); "described as a "…" by X" X; an acronym the text
defines ("British Chamber of Commerce (BCC)") its full name. Quote sentences of fewer than
three words (scare quotes) are left out.
After a quote whose words end in a comma, the attribution may leave out a description's
commas ("Peter Dobrow, a T-Mobile spokesperson said"; "Dr Mark Tuffy games systems director at
firm THX told") or put it first ("the new chair of the IETF, Brian Carpenter, says"), and
"according to Mr Graczyk" attributes too; the words after one quote are not read again as the
attribution before the next. A fragment's speaker and verb may follow its closing mark ("…
"sensible behaviour" he says, such as…"), unless the fragment ends its sentence. "The company
said" opening a sentence is "the company" (the body that spoke, else one brought in as "firm
Bioware", tagged or not), "The announcement said" or "A Japanese refiner said" no one named;
"it" the last body quoted, whatever its name; "he" or "she" after an unnamed spokesman the body
named in or right after his words ("A spokeswoman for Oxford University said…"); a person
opening a sentence may follow words and a comma ("His creator, Richard Bowden,"), an owner does
not open one ("Brown's Britain"). A quote of its own after sentences of the writer goes on the
last speaker's words when they share a paragraph and no one else is named or quoted between
(the speaker named again does not count). A surname alone is the one person named in full
before with that surname, or with two of its letters swapped ("Mr Montieth" after "David
Monteith"); a place or body ending a description after a person's name and a comma is not the
speaker, the person is ("Dr Erel Avineri, of the Centre … in Bristol said:"); a quote after a
sentence opening with a word, its comma and a person ("However, Mr Negroponte has…") is that
person's; a quote of fewer than three words is words said when it ends in a comma before its
mark and an attribution follows ("That's unprecedented," said Mr Hogan); "the experiment" after
a preposition ("A report on the experiment said:") is no speaker. A fragment in a sentence
that gives its words to a named source before it is the source's ("According to the Datamonitor
report the trend marked them out as "…""), and one in the clause of a view its subject holds is
theirs ("He believes that the "phenomenal ability" of games…"), not past a comma into the
writer's next clause, while a view reported in someone's words stays theirs ("Ortner said he
thought that "…"").
Offsets are those of the quoted words, without the quotation marks. Indirect quotes ("…,
according to Y") are found by `indirect_quotes` and listed with the direct ones, flagged
`indirect`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd

from analysis.enrich import quote_text as where
from analysis.enrich.acronyms import defined_acronyms
from analysis.enrich.indirect_quotes import according_to
from analysis.enrich.quote_parts import (
    PRONOUNS,
    Named,
    Quote,
    between,
    first_from,
    indexed,
    is_person,
    last_match,
    named_by_article,
    speaking_body,
)
from analysis.enrich.quote_parts import speaker as speaker_of
from analysis.enrich.quote_parts import subject as subject_of
from analysis.enrich.quote_patterns import (
    AFTER,
    ENDS,
    FRAGMENT_ACCORDING,
    FRAGMENT_AFTER,
    FRAGMENT_BEFORE,
    NAME_ENDS,
    PARTICIPLE,
    QUOTES,
    RUNS_ON,
    THINKS,
    UNNAMED,
    VERBS,
)
from analysis.schema import ARTICLE_ID, QUOTE_COLUMNS, TEXT, conform

_MIN_WORDS = 3  # a quote sentence of fewer words is a phrase (scare quotes)
# "the company", "the Canada-based company": maybe the body that spoke last
_FIRM = re.compile(r"(?i:the)\s+(?:[\w-]+\s+)?[a-z]+")
_SPEECH = re.compile(rf"\b(?:{VERBS})\b")
_THINKS = re.compile(THINKS)
# a preposition before a description: its object, not the subject that speaks
_OBJECT_OF = re.compile(r"\b(?:on|of|about|in|into|from|with|by|for|at)\s+$")
_THE_NOUN = re.compile(r"(?i:the)\s+[a-z-]+")


def find_quotes(articles: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per attributed quote in each article's text (QUOTE_COLUMNS): direct quotes,
    and indirect ones ("…, according to Y", `indirect` true)."""
    by_article = named_by_article(mentions)
    rows = []
    for article_id, text in zip(articles[ARTICLE_ID], articles[TEXT], strict=True):
        direct = bool(text) and ("“" in text or '"' in text)
        if not direct and not (text and "ccording to" in text):
            continue  # no quotation marks and no "according to": no quotes
        of_article = indexed(by_article.get(article_id, []))
        found = [*(article_quotes(text, of_article) if direct else ()),
                 *according_to(text, of_article)]
        for quote in sorted(found, key=lambda q: q.start):
            rows.append((article_id, quote.speaker, quote.surface, quote.verb, quote.quote,
                         quote.start, quote.end, quote.indirect))
    frame = pd.DataFrame(rows, columns=list(QUOTE_COLUMNS))
    return conform(frame, QUOTE_COLUMNS, name="quotes")


class _State:
    """What the quotes before tell about the next one: who was quoted last, where the words
    of the last quote and its attribution end, and the people and bodies quoted so far."""

    def __init__(self, text: str) -> None:
        self.last_person: str | None = None
        self.said: tuple[tuple[str | None, str, str], int] | None = None
        self.speakers: list[str] = []
        self.acronyms = defined_acronyms(text)
        self.unnamed = False  # the last attribution was to someone unnamed ("one dealer")
        self.genders: dict[str, str] = {}  # "he" or "she", as the text has called them

    def gender(self, person: str) -> str | None:
        """"he" or "she" for a person the text has already called so in an attribution, else
        None (a title says less: "Mrs Reagan" is not President Reagan)."""
        return self.genders.get(person)


def article_quotes(text: str, mentions: list[Named]) -> Iterator[Quote]:
    """The attributed quotes of one text, given its mentions sorted by start."""
    mentions = indexed(mentions)
    state = _State(text)
    open_parts: list[tuple[int, int, int]] = []  # paragraphs of a quote still running on
    for match in QUOTES.finditer(text):
        group = match.lastgroup or ""  # each way of quoting is one named group
        start, end = where.quoted_span(text, match, group)
        if open_parts and text[open_parts[-1][2]:match.start()].strip(" \n,”\""):
            open_parts = []  # the next paragraph's quote was not one: the run-on is lost
        if group in RUNS_ON:
            open_parts.append((match.start(), start, end))
            continue
        parts = [*open_parts, (match.start(), start, end)]
        open_parts = []
        by = _said_by(text, parts[0][0], match, sum(len(text[a:b].split()) for _, a, b in parts),
                      mentions, state)
        if by is None:
            continue
        for _, a, b in parts:
            yield Quote(*by, text[a:b], a, b)


def _said_by(text: str, opens: int, match: re.Match, words: int, mentions: list[Named],
             state: _State) -> tuple[str | None, str, str] | None:
    """(speaker, speaker's words, verb) of the quote whose mark opens at `opens` and that
    `match` ends, or None; `state` is brought up to date."""
    # not a sentence of its own
    inside = bool(text[where.sentence_start(text, opens):opens].strip())
    if inside and words <= where.MAX_NAME_WORDS and where.a_name(text, opens, match):
        return None  # "Axis of Evil", dubbed "Otoku": a name, not words said
    # (a shorter quote opening its sentence with a comma before its closing mark is words
    # said, if an attribution follows: "That's unprecedented," said Mr Hogan)
    short_said = not inside and where.ends_with(text, match.end(), ",", strip="\"” ")
    found = where.attribution(text, opens, match.end()) if words >= _MIN_WORDS or short_said \
        else None
    if found is None and inside:
        found = _fragment_attribution(text, opens, match.end(), mentions)
    if found is None and where.ends_with(text, opens, ":"):
        found = _colon_speaker(text, opens, match.end(), mentions)
    if found is not None:
        found = _apposed_person(text, found, mentions)
    if found is not None and state.said is not None and found[1] < state.said[1]:
        # the words after the quote before ("…," X told the BBC. "…"): that quote's speaker
        by, words_end = state.said[0], max(found[3], state.said[1])
    elif found is not None:
        who, who_start, verb, words_end = found
        subject = subject_of(text, state.said[1] if state.said else 0, match.start(), mentions,
                             last=state.said is None)
        firm = _FIRM.fullmatch(who)
        speaker = speaker_of(who, who_start, match.start(), mentions,
                             subject or state.last_person, earlier=tuple(state.speakers),
                             last_body=speaking_body(text, match.start(), mentions) if firm
                             else None)
        speaker = state.acronyms.get(speaker, speaker) if speaker is not None else None
        speaker = _full_body_name(speaker, mentions, match.start())
        speaker = _full_person_name(speaker, mentions, match.start())
        if who.casefold() in PRONOUNS and speaker is not None \
                and state.gender(speaker) not in (None, who.casefold()):
            # "she said" after a man's words: the last person named since who may be "she"
            speaker = _last_of_gender(who.casefold(), mentions,
                                      state.said[1] if state.said else 0, match.start(), state)
        if _refers_back(who) and (subject is None or _introduced_unnamed(text, who, who_start)):
            speaker = _unless_unnamed(text, who, who_start, speaker, match.start(), mentions,
                                      state)
        if _OBJECT_OF.search(text, max(0, who_start - 12), who_start) \
                and _THE_NOUN.fullmatch(who) and not verb.endswith("ing"):
            speaker = None  # "A report on the experiment said": not the experiment, no one
        if speaker is None and _VOICE.fullmatch(who):
            speaker = _body_opening(text, who_start, mentions)
        state.unnamed = speaker is None and bool(UNNAMED.match(who))
        if speaker is not None and who.casefold() in PRONOUNS:
            state.last_person = speaker  # "he" is a person
            state.genders.setdefault(speaker, who.casefold())
        elif speaker is not None and who.casefold() not in {"they", "it"}:
            state.speakers.append(speaker)
            state.last_person = speaker if is_person(speaker, mentions, who) \
                else state.last_person
        by = (speaker, who, verb)
    elif words < _MIN_WORDS or not ENDS.match(text, match.end()):
        return None
    elif state.said is not None and where.goes_on(text, state.said[1], opens):
        by, words_end = state.said[0], match.end()
    else:
        opener = _opening_speaker(text, opens, mentions, state)
        if opener is None and not inside and _same_voice(text, state, opens, mentions):
            by, words_end = state.said[0], match.end()  # type: ignore[index]
        elif opener is None or inside:
            return None
        else:
            opener = _full_person_name(opener, mentions, opens) or opener
            by, words_end = (opener, opener, ""), match.end()
            state.last_person = opener  # a person: "he" next is likely them
    state.said = (by, words_end)
    return by


def _same_voice(text: str, state: _State, opens: int, mentions: list[Named]) -> bool:
    """Whether a quote with no attribution of its own, opening a sentence, is the last
    speaker's though sentences of the writer stand between them: in the same paragraph, with
    no one else named and nothing else quoted in between ("…," said Dr Carpenter. Standards are
    vital. The difference will be invisible. "Our first goal is…"); the speaker may be named
    again there ("…, says Mr Dean. One of the most time consuming… "If the decision…")."""
    if state.said is None or state.said[0][0] is None:
        return False
    since = state.said[1]
    words = text[since:opens]
    return "\n" not in words and not any(mark in words for mark in '"“”') \
        and not any(m.actor_type == "person" and m.actor != state.said[0][0]
                    for m in between(mentions, since, opens))


def _full_body_name(speaker: str | None, mentions: list[Named], before: int) -> str | None:
    """A body's short name as the name the text gave it in full before ("Daiwa said" after
    "Daiwa Securities"), when one body only begins with it."""
    if speaker is None:
        return None
    index = indexed(mentions)
    if not index.before(speaker, "organisation", before):
        return speaker
    longer = {b for b in index.bodies_beginning(speaker + " ")
              if index.before(b, "organisation", before)}
    return longer.pop() if len(longer) == 1 else speaker


def _apposed_person(text: str, found: tuple[str, int, str, int],
                    mentions: list[Named]) -> tuple[str, int, str, int]:
    """The attribution with the person whose description ends in the speaker's words, when
    those name no person: "Dr Erel Avineri, of the Centre for Transport and Society at the
    University of the West of England in Bristol said:" is Dr Avineri's, not Bristol's."""
    who, who_start, verb, words_end = found
    who_end = who_start + len(who)
    if who.casefold() in PRONOUNS | {"it", "they"} or any(
            m.actor_type == "person" for m in between(mentions, who_start, who_end)):
        return found
    for m in reversed(between(mentions, who_start - 160, who_start)):
        words = text[m.end:who_start]
        if m.actor_type == "person" and (_DESCRIBES.fullmatch(words) or _COMMA.fullmatch(words)
                                         and _DESCRIBED_BY.match(who)):
            return text[m.start:m.end], m.start, verb, words_end
    return found


# a description between a name and the words an attribution took for its speaker's: a comma,
# then "of", "from", "at" or an article, and no verb, mark or stop before them; or a comma only,
# the description being the speaker's words ("Richard Doherty, from Panasonic's Hollywood
# Laboratories, one of the pioneers of Blu-ray, told")
_DESCRIBES = re.compile(rf",\s+(?:of|from|at|a|an|the)\s+(?:(?!(?:{VERBS})\b)[^.!?:;“”\"\n])*")
_COMMA = re.compile(r",\s+")
_DESCRIBED_BY = re.compile(r"(?:of|from|at|a|an|the)\s")


def _full_person_name(speaker: str | None, mentions: list[Named], before: int) -> str | None:
    """A surname alone as the one person named in full before with that surname ("said Kujda"
    after "Jarek Kujda", though "Malgorzata Kujda" comes later), or with it spelt with two
    letters swapped ("Mr Montieth" after "David Monteith"); else as it is."""
    if speaker is None or " " in speaker:
        return speaker
    index = indexed(mentions)
    if index.kinds.get(speaker, set()) - {"person"}:
        return speaker
    named = {name for surname in _spellings(speaker) for name in index.surnames.get(surname, ())
             if index.before(name, "person", before)}
    return named.pop() if len(named) == 1 else speaker


def _spellings(word: str) -> set[str]:
    """`word`, and (four letters or more) it with two letters after the first swapped."""
    swapped = {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(1, len(word) - 1)}
    return {word} | (swapped if len(word) >= 4 else set())


def _last_of_gender(pronoun: str, mentions: list[Named], since: int, before: int,
                    state: _State) -> str | None:
    """The last person named between `since` (the last attribution) and `before` whom the text
    does not give the other gender ("…Sharron Storer, the Birmingham woman… "…," she told Mr
    Blair" after a man's words), else no one."""
    for m in reversed([m for m in between(mentions, since, before)
                       if m.actor_type == "person"]):
        if state.gender(m.actor) in (None, pronoun):
            return m.actor
    return None


# an unnamed voice of a body ("a spokeswoman", "an official")
_VOICE = re.compile(r"(?i:an?)\s+(?:spokes(?:man|woman|person)|official)")


def _body_opening(text: str, at: int, mentions: list[Named]) -> str | None:
    """The body that opens the sentence before `at`'s sentence, in its paragraph ("The
    Justice Department refused to say if it would appeal. "…," a spokeswoman said"), else
    no one."""
    previous = where.sentence_before(text, at)
    if previous is None:
        return None
    before, sentence = previous
    for m in between(mentions, before, sentence):
        if len(text[before:m.start].split()) <= 1 \
                and m.actor_type in {"organisation", "group"}:
            return m.actor
    return None


def _opening_speaker(text: str, opens: int, mentions: list[Named], state: _State) -> str | None:
    """Who speaks a quote with no attribution that follows, in its paragraph, a sentence
    opening with a person ("Ruddock, though, is keen to protect his players. “…”") or with
    he or she (the last person quoted)."""
    previous = where.sentence_before(text, opens)
    if previous is None:
        return _reported_before(text, where.paragraph(text, opens), mentions)
    before, sentence = previous
    first = text[before:sentence].split(maxsplit=2)
    lead = [w.strip(",").casefold() for w in first[:2]]
    if lead[:1] in (["but"], ["and"]):
        lead = lead[1:]
    if lead[:1] and lead[0] in PRONOUNS:
        return state.last_person
    for index in range(first_from(mentions, before), len(mentions)):
        # at most three words before them ("US captain Patrick McEnroe"), the first perhaps
        # an opening word and its comma ("However, Mr Negroponte has adapted…")
        m = mentions[index]
        words = text[before:m.start]
        if m.actor_type == "person" and len(words.split()) <= 3 \
                and ("," not in words or _OPENING_WORD.match(words)):
            return m.actor
        if m.start > sentence:
            break
    return None


# a sentence's first word and a comma, then no other ("Ultimately, Dr Frasca sees…")
_OPENING_WORD = re.compile(r"[A-Z][a-z]+,\s+[^,]*$")


def _reported_before(text: str, paragraph: int, mentions: list[Named]) -> str | None:
    """Who speaks a quote opening its paragraph with no attribution, after a paragraph that
    ends in reported speech ("…, Mr Howard said.¶“…”"; "Committee chairman John Denham said
    drugs were an excuse.¶“…”"): the one the last sentence before has speaking, when it holds
    a speech verb and no quotation marks ("He said…": the one speaking in its paragraph)."""
    ends = where.last_kept(text, paragraph) + 1
    if not ends or paragraph <= 0:
        return None
    last = where.sentence_start(text, ends - 1)
    sentence = text[last:ends]
    if '"' in sentence or "“" in sentence or "”" in sentence or not _SPEECH.search(sentence):
        return None
    opener = sentence.split(maxsplit=1)[0].casefold()
    since = where.paragraph(text, last) if opener in PRONOUNS else last  # "He said…": who before
    return subject_of(text, since, ends, mentions, last=True)


def _refers_back(who: str) -> bool:
    """Whether the speaker's words stand for someone named before: he, she, or a description
    in lower case ("the aide", "the official")."""
    words = who.split()
    return who.casefold() in PRONOUNS or (len(words) == 2 and words[0].casefold() == "the"
                                          and words[1].islower())


def _unless_unnamed(text: str, who: str, who_start: int, speaker: str | None,
                    quote_start: int, mentions: list[Named], state: _State) -> str | None:
    """The referent of "he", "she" or "the aide" (`speaker`), unless it stands for someone
    unnamed ("A Western diplomat said…. “…,” he said": no one), when it is the body an unnamed
    spokesman speaks for, if one is named ("A spokeswoman for Oxford University said…. “…,”
    she said")."""
    if _introduced_unnamed(text, who, who_start) or state.unnamed:
        return None
    found = _unnamed_last(text, state.said[1] if state.said else 0, quote_start, mentions)
    return speaker if found is None else _spoken_for(text, found, mentions)


def _unnamed_last(text: str, since: int, quote_start: int,
                  mentions: list[Named]) -> re.Match | None:
    """Someone unnamed ("A Western diplomat said…", "a Nakasone aide"), when they are the last
    one spoken of before the quote, since the last attribution: no person named after them."""
    found = last_match(m for m in UNNAMED.finditer(text, max(since, quote_start - 600),
                                                   quote_start)
                       if _SUBJECT_PLACE.search(text[max(0, m.start() - 12):m.start()]))
    if found is None or any(m.actor_type == "person"
                            for m in between(mentions, found.end(), quote_start)):
        return None
    return found


# what joins an unnamed spokesman to the body he speaks for ("a spokeswoman for Oxford
# University", "a spokesman at the ministry")
_FOR_BODY = re.compile(r"\s+(?:for|of|at)\s+(?:the\s+)?")


def _spoken_for(text: str, unnamed: re.Match, mentions: list[Named]) -> str | None:
    """The body named in an unnamed spokesman's words ("a Microsoft spokesman") or right after
    them ("a spokeswoman for Oxford University"), else no one (an analyst, a diplomat)."""
    if "spokes" not in unnamed.group():
        return None
    joined = _FOR_BODY.match(text, unnamed.end())
    for m in between(mentions, unnamed.start(), max(unnamed.end(), joined.end() if joined else 0)
                     + 1):
        inside = unnamed.start() <= m.start and m.end <= unnamed.end()
        if m.actor_type not in {"person", "country", "place"} \
                and (inside or joined and m.start == joined.end()):
            return m.actor
    return None


def _introduced_unnamed(text: str, who: str, who_start: int) -> bool:
    """Whether a description ("the aide") stands for someone the text brought in without a
    name ("one of his closest aides said"), not one named ("an aide, Jim Bo,")."""
    words = who.split()
    if len(words) != 2 or words[0].casefold() != "the":
        return False
    head = re.escape(words[1])
    brought_in = re.compile(rf"\b(?:[Aa]n?|[Oo]ne(?:\s+of)?)\s+(?:[\w'’-]+\s+){{0,3}}?{head}s?\b"
                            r"(?!,?\s+[A-Z])")
    return brought_in.search(text, max(0, who_start - 3000), who_start) is not None


# where someone unnamed is the subject: opening a sentence, or right after a speech verb
# ("said a dealer"), not in an apposition (", an analyst at NikkoCitigroup")
_SUBJECT_PLACE = re.compile(r"(?:^|[.!?][\"”]?\s+|\n\s*|\b(?:said|says|told|added)\s+)$")


def _fragment_attribution(text: str, opens: int, end: int,
                          mentions: list[Named]) -> tuple[str, int, str, int] | None:
    """The subject and verb before a fragment quoted inside its sentence ("He said it was
    "nothing personal" but that…"), the last one before it, else a speaker and verb right after
    it, else the named source its sentence is according to before it, else the one named before a
    participle ("Gordon Brown issued a statement, saying the action would not affect…"), else an
    attribution that ends the sentence after it ("… "serious challenges" over two years, the
    BCC has said.")."""
    sentence = where.sentence_start(text, opens)
    subjects = list(FRAGMENT_BEFORE.finditer(text, sentence, opens))
    if subjects and _THINKS.fullmatch(subjects[-1]["verb"]) \
            and (len(subjects) > 1 or "," in text[subjects[-1].end():opens]):
        # a view reported in the words of one named before ("Ortner said he thought that
        # "…"": his), or a clause of the writer's after it ("Microsoft thinks IPTV is the
        # future, and it sits with its vision of the "…"": no one's)
        subjects.pop()
    if subjects:
        found = subjects[-1]
        return found["who"], found.start("who"), found["verb"].casefold(), end
    line_end = text.find("\n", end)
    rest = text[end:line_end if line_end >= 0 else len(text)]
    ends = text[opens:end].strip(" \"“”").endswith((".", "!", "?"))  # a sentence ends with it
    right_after = None if ends else AFTER.match(rest[:160])
    if right_after is not None:  # "… about "sensible behaviour" he says, such as…"
        n = where.which(right_after)
        return (right_after["who" + n], end + right_after.start("who" + n),
                right_after["verb" + n].casefold(), end + right_after.end())
    source = last_match(FRAGMENT_ACCORDING.finditer(text, sentence, opens))
    if source is not None:  # "According to the Datamonitor report the trend marked … as "…""
        return source["who"], source.start("who"), "according to", end
    passive = _PASSIVE.search(text, max(sentence, opens - 40), opens)
    by = _BY.match(text, end) if passive is not None else None
    if passive is not None and by is not None:  # "described as a "…" by … Michael Pointon"
        person = next((m for m in between(mentions, by.end(), by.end() + 80)
                       if m.actor_type == "person"), None)
        if person is not None and "." not in text[by.end():person.start]:
            return (text[person.start:person.end], person.start, passive["verb"].casefold(),
                    end)
    participle = last_match(PARTICIPLE.finditer(text, sentence, opens))
    if participle is not None:
        named_before = _last_named(mentions, sentence, participle.start())
        if named_before is not None:
            return (text[named_before.start:named_before.end], named_before.start,
                    participle["verb"].casefold(), end)
        pronoun = _PRONOUN_OPENS.match(text, sentence)
        if pronoun is not None:  # "He denied this, insisting the policies appealed "to all""
            return pronoun["who"], pronoun.start("who"), participle["verb"].casefold(), end
    after = FRAGMENT_AFTER.match(rest)
    if after is not None:
        return after["who"], end + after.start("who"), after["verb"].casefold(), end + after.end()
    return None


# a fragment said of someone by another: "described as a "…" by his friend X"
_PASSIVE = re.compile(r"\b(?P<verb>described|called|branded|labell?ed|hailed)\s+(?:as\s+)?"
                      r"(?:(?:a|an|the)\s+)?$")
_BY = re.compile(r"\s+by\s+")
_PRONOUN_OPENS = re.compile(r"\s*(?P<who>[Hh]e|[Ss]he)\s")


def _colon_speaker(text: str, opens: int, end: int,
                   mentions: list[Named]) -> tuple[str, int, str, int] | None:
    """The person named last in the words that end in a colon before a quote, when no speech
    verb follows them ("the question posed by Brighton nurse Marion Brown: "…"", "Bill Clinton
    once advised him: "…""); a name that ends those words though no mention was found there."""
    colon = where.last_kept(text, opens)
    sentence = where.sentence_start(text, colon)
    ending = NAME_ENDS.search(text, max(sentence, colon - 80), colon)
    if ending is not None:
        return ending["who"], ending.start("who"), "", end
    named_before = _last_named(mentions, sentence, colon, people=True)
    if named_before is None:
        return None
    return text[named_before.start:named_before.end], named_before.start, "", end


def _last_named(mentions: list[Named], start: int, end: int, *,
                people: bool = False) -> Named | None:
    """The last person or body (not a place; only a person if `people`) named between `start`
    and `end`."""
    found = None
    for m in between(mentions, start, end):
        if m.end <= end and m.actor_type not in {"country", "place"} \
                and (m.actor_type == "person" or not people):
            found = m
    return found


