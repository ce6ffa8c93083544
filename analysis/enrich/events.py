"""Casualty reports: how many were killed or wounded, in what kind of event, and where."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

import pandas as pd

from analysis.enrich.sentences import sentence_spans
from analysis.schema import (
    ARTICLE_ID,
    EVENT_COLUMNS,
    KILLED,
    TEXT,
    TITLE,
    WOUNDED,
    conform,
)

_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBER_WORDS: dict[str, int] = {word: i + 1 for i, word in enumerate(_UNITS)}
NUMBER_WORDS.update({word: 20 + 10 * i for i, word in enumerate(_TENS)})
NUMBER_WORDS.update({"a dozen": 12, "dozen": 12, "a": 1, "an": 1})

# a count of people: digits ("19", "1,200") never part of a larger number, money or a decimal,
# or number words ("three", "twenty-five"), but not "no one"; years (four digits, no comma) never
_NUM = (r"(?<![\d.,$£€])(?<!\bno\s)(?<!\bnot\s)(?P<n>\d{1,3}(?:,\d{3})*(?![\d.,]?\d)"
        rf"|(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS[:9])}))?"
        rf"|{'|'.join(sorted(_UNITS, key=len, reverse=True))}|a\s+dozen|dozen)\b")
_ABOUT = (r"(?:(?:at\s+least|more\s+than|over|about|around|nearly|almost|some|up\s+to|"
          r"as\s+many\s+as|approximately|roughly|another|an\s+estimated|a\s+further)\s+)?")
_VICTIM = (r"(?:people|persons?|civilians?|soldiers?|troops|servicem[ae]n|policem[ae]n|"
           r"police(?:\s+officers?)?|officers?|guards?|militiam[ae]n|militants?|fighters?|"
           r"rebels?|guerrillas?|insurgents?|gunm[ae]n|attackers?|bombers?|children|child|"
           r"women|woman|men|man|students?|workers?|miners?|passengers?|pilgrims?|"
           r"worshipp?ers?|villagers?|residents?|protesters?|demonstrators?|marines?|"
           r"sailors?|crew(?:\s*members?|men)?|members?|others?|bystanders?|shoppers?|"
           r"commuters?|recruits?|peacekeepers?|journalists?|employees?|inmates?|prisoners?|"
           r"tourists?|victims?|(?-i:[A-Z][a-z]+(?:is|ans|ns|ese)))")
_ONE_VICTIM = (r"(?:person|civilian|soldier|serviceman|policeman|policewoman|police\s+officer|"
               r"officer|guard|militiaman|militant|fighter|rebel|guerrilla|insurgent|gunman|"
               r"attacker|bomber|child|boy|girl|woman|man|student|worker|miner|passenger|"
               r"pilgrim|villager|resident|protester|demonstrator|marine|sailor|crewman|"
               r"bystander|journalist|employee|inmate|prisoner|tourist|pilot|driver)")
# up to three words between a number and the victims: "19 Iraqi civilians", "12 U.S. soldiers"
_WHO = rf"(?:\s+(?:[\w.'’-]+\s+){{0,3}}?{_VICTIM}\b)"
_AUX = (r"(?:\s+(?:were|was|have\s+been|has\s+been|had\s+been|are|is|being|been|reported|"
        r"reportedly|confirmed|believed|feared|also|all|later|were\s+all))")
# what may follow a count given without victims: "killed 5, wounding 10"; not "killed 10 pct"
_END = (r"(?=\s*(?:[,.;:)—–]|\s-\s|$|(?:and|in|on|at|when|as|after|before|during|while|"
        r"including|near|overnight|since|by|with|across)\b))")
# "killed or wounded 1,500" and "2,000 were killed, wounded or captured" give no count of either;
# "460,000 dead weight tons" is no count of people
_NOT_SPLIT = (r"(?![\s-]*(?:weight|wood|line|lock|heat|end|beat)|\s*(?:,|or|and/or)\s*"
              r"(?:wounded|injured|hurt|missing|captured|were\s+missing))")
_KILL_WORDS = rf"(?:killed|dead|died|slain|shot\s+dead|perished|lost\s+their\s+lives){_NOT_SPLIT}"
_WOUND_WORDS = r"(?:wounded|injured|hurt|maimed)"
_NOT_AFTER_KILLED = r"(?<!killed or )(?<!killed and )(?<!dead or )"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in (
        # "three people were killed", "at least 12 were killed", "12 dead"
        (KILLED, rf"\b{_ABOUT}{_NUM}{_WHO}?{_AUX}{{0,3}}\s+{_KILL_WORDS}\b"),
        # "a policeman was killed", "a man died"
        (KILLED, rf"\b(?P<n>an?)\s+(?:[\w.'’-]+\s+){{0,2}}?{_ONE_VICTIM}"
                 rf"(?:\s+(?:was|has\s+been|had\s+been))?\s+{_KILL_WORDS}\b"),
        # "killing 19 people", "killed 5, wounding 10", "leaves 18 dead", "claimed 12 lives"
        (KILLED, rf"\b(?:killing|killed|kills|kill)\s+{_ABOUT}{_NUM}(?:{_WHO}|{_END})"),
        (KILLED, rf"\b(?:leaving|leaves|left|leave)\s+{_ABOUT}{_NUM}{_WHO}?\s+dead\b"),
        (KILLED, rf"\bclaim(?:ed|ing|s)?\s+(?:the\s+lives\s+of\s+)?{_ABOUT}{_NUM}"
                 rf"(?:{_WHO}|\s+lives)"),
        (KILLED, rf"\bdeath\s+toll\s+(?:\w+\s+){{0,5}}?(?:to|at|of|reached|hit)\s+{_ABOUT}{_NUM}"
                 rf"(?!\s*(?:pct|percent|%))"),
        # "46 others were wounded", "and 30 wounded"
        (WOUNDED, rf"\b{_ABOUT}{_NUM}{_WHO}?{_AUX}{{0,3}}\s+{_WOUND_WORDS}\b"),
        (WOUNDED, rf"\b(?P<n>an?)\s+(?:[\w.'’-]+\s+){{0,2}}?{_ONE_VICTIM}"
                  rf"\s+(?:was|has\s+been|had\s+been)\s+{_WOUND_WORDS}\b"),
        # "wounding 46 others", "injuring 10", "left 20 wounded"
        (WOUNDED, rf"{_NOT_AFTER_KILLED}\b(?:wounding|wounded|wounds|injuring|injured|injures)"
                  rf"\s+{_ABOUT}{_NUM}"
                  rf"(?:{_WHO}|{_END})"),
        (WOUNDED, rf"\b(?:leaving|leaves|left|leave)\s+{_ABOUT}{_NUM}{_WHO}?\s+{_WOUND_WORDS}\b"),
    )
)
# a cheap test that a paragraph may hold a casualty report before it is split into sentences
_CUE = re.compile(r"\b(?:kill|dead|died|death\s+toll|wound|injur|hurt|slain|perish|lives|maim)",
                  re.IGNORECASE)
# what every match of _CUE holds in small letters: an ASCII paragraph without one of these has
# no match, found by substring tests in C (most paragraphs; searching each ignoring case was
# about half of the step). Outside ASCII, case folding is re's: the Kelvin sign U+212A is a "k".
_CUE_STEMS = ("kill", "dead", "died", "death", "wound", "injur", "hurt", "slain", "perish",
              "lives", "maim")

# event words, most specific first: the most specific one in the sentence names the event
_EVENTS: tuple[tuple[str, str], ...] = (
    ("suicide bombing", r"suicide\s+(?:bomb(?:ing|ings|er|ers|s)?|attacks?|blasts?|car\s+bombs?)"),
    ("car bomb", r"car[\s-]+bomb(?:s|ing|ings)?|booby[\s-]+trapped\s+cars?"),
    ("truck bomb", r"(?:truck|lorry)[\s-]+bomb(?:s|ing|ings)?"),
    ("roadside bomb", r"roadside\s+bombs?|improvised\s+explosive\s+devices?|IEDs?"),
    ("air strike", r"air[\s-]*strikes?|air\s+raids?|bombing\s+raids?"),
    ("rocket attack", r"(?:rocket|missile)\s+(?:attacks?|fire)"),
    ("mortar attack", r"mortar\s+(?:attacks?|fire|rounds?|shells?)"),
    ("shelling", r"shelling|artillery\s+fire"),
    ("ambush", r"ambush(?:ed|es)?"),
    ("massacre", r"massacres?"),
    ("bombing", r"bomb(?:s|ing|ings|ed)?|grenades?"),
    ("explosion", r"explosions?|blasts?|exploded"),
    ("shooting", r"shootings?|gunfire|opened\s+fire|gunm[ae]n|shot\s+dead"),
    ("clashes", r"clash(?:es|ed)?|gun\s*battles?|firefights?"),
    ("fighting", r"fighting|battles?|offensive"),
    ("raid", r"raids?|raided"),
    ("riot", r"riots?|rioting"),
    ("attack", r"attacks?|attacked"),
    ("earthquake", r"earthquakes?|quakes?|tremors?"),
    ("flood", r"floods?|flooding|mudslides?|landslides?"),
    ("storm", r"storms?|hurricanes?|typhoons?|cyclones?|tornado(?:es)?"),
    ("fire", r"fires?|blaze|blazes"),
    ("crash", r"crash(?:es|ed)?|collisions?|collided|derail(?:ed|ment)"),
    ("accident", r"accidents?"),
)
_EVENT = re.compile("|".join(rf"\b(?P<e{i}>{p})\b" for i, (_, p) in enumerate(_EVENTS)),
                    re.IGNORECASE)

_QUALIFIER = (r"(?:(?:central|northern|southern|eastern|western|north|south|east|west|"
              r"north[\s-]?eastern|north[\s-]?western|south[\s-]?eastern|south[\s-]?western|"
              r"downtown|suburban|rural)\s+)?")
# capitalised words, not running past a possessive: "in Baghdad's Dora district" -> "Baghdad"
_WORD = r"[A-Z][\w-]+(?:['’](?!s\b)\w+)*"
_NAME = rf"{_WORD}(?:\s+(?:al-|el-|de\s+|la\s+)?{_WORD}){{0,3}}"
_PLACE = re.compile(
    r"\b(?:[Ii]n|[Nn]ear|at|on|outside|inside|around|(?:north|south|east|west)\s+of|"
    r"on\s+the\s+outskirts\s+of)\s+(?:the\s+)?(?:(?:[a-z-]+\s+){0,4}?(?:of|in)\s+)?"
    rf"(?P<q1>{_QUALIFIER})(?P<name>{_NAME})"
    rf"(?:,?\s+(?:in|near)\s+(?:the\s+)?(?P<q2>{_QUALIFIER})(?P<name2>{_NAME}))?"
)
_POSSESSIVE = re.compile(r"['’]s?$")
_NOT_PLACES = frozenset((
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "Reuters", "The", "This", "That", "He", "She", "It", "They", "We",
    "Mr", "Mrs", "Ms", "Dr", "Richter",
))


@dataclass(frozen=True)
class _Report:
    sentence: int
    event: str | None
    place: str | None
    killed: int | None
    wounded: int | None


def find_casualties(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per casualty report: the event, its place, and the numbers killed and wounded.

    Reads sentences such as "a car bomb exploded in Sinak in central Baghdad, killing 19 people
    and wounding 46 others" or "at least 12 were killed and 30 wounded". `killed` or `wounded`
    is missing where the report gives only the other; `event` and `place` where none is named
    in the sentence. A figure repeated later in the same article is reported once.
    """
    missing = [c for c in (ARTICLE_ID, TEXT) if c not in articles.columns]
    if missing:
        raise ValueError(f"articles: missing columns {missing}; need {[ARTICLE_ID, TEXT]}")
    rows = []
    for article_id, text in zip(articles[ARTICLE_ID], _texts(articles), strict=True):
        for report in _merge(list(_reports(text))):
            rows.append((article_id, report.event, report.place,
                         pd.NA if report.killed is None else report.killed,
                         pd.NA if report.wounded is None else report.wounded))
    frame = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    return conform(frame, EVENT_COLUMNS, name="event table")


def _texts(articles: pd.DataFrame) -> list[str]:
    texts = articles[TEXT].where(articles[TEXT].notna(), "").astype(str)
    if TITLE not in articles.columns:
        return texts.tolist()
    titles = articles[TITLE].where(articles[TITLE].notna(), "").astype(str)
    # the title last: a headline repeats the body's figures with fewer details
    return [f"{x}\n\n{t}" for t, x in zip(titles, texts, strict=True)]


def _sentences(text: str) -> Iterator[tuple[int, str]]:
    """Numbered sentences of the paragraphs that may hold a casualty report."""
    number = 0
    for paragraph in re.split(r"\n\s*\n", text):
        if not _may_report(paragraph):
            number += 1  # keeps sentences of different paragraphs apart
            continue
        flat = " ".join(paragraph.split())
        for start, end in sentence_spans(flat):  # the same splitter as the sentences table
            number += 1
            yield number, flat[start:end]


def _may_report(paragraph: str) -> bool:
    """Whether a paragraph has a casualty cue (`_CUE`)."""
    if paragraph.isascii():
        lower = paragraph.lower()
        if not any(stem in lower for stem in _CUE_STEMS):
            return False
    return _CUE.search(paragraph) is not None


def _reports(text: str) -> Iterator[_Report]:
    previous = ""
    for number, sentence in _sentences(text):
        figures = _figures(sentence)
        if figures:
            anchor = min(start for start, _ in figures.values())
            event, event_at = _event(sentence)
            if event is None:
                event, _ = _event(previous)
            yield _Report(number, event, _place(sentence, event_at, anchor),
                          figures.get(KILLED, (0, None))[1], figures.get(WOUNDED, (0, None))[1])
        previous = sentence


def _figures(sentence: str) -> dict[str, tuple[int, int]]:
    """The first killed and wounded counts of a sentence: kind -> (position, number)."""
    found: dict[str, tuple[int, int]] = {}
    for kind, pattern in _PATTERNS:
        match = pattern.search(sentence)
        if match and (kind not in found or match.start("n") < found[kind][0]):
            found[kind] = (match.start("n"), _number(match.group("n")))
    return found


def _number(words: str) -> int:
    words = " ".join(words.lower().replace("-", " ").split())
    if words[0].isdigit():
        return int(words.replace(",", ""))
    if words in NUMBER_WORDS:
        return NUMBER_WORDS[words]
    tens, unit = words.split(" ")
    return NUMBER_WORDS[tens] + NUMBER_WORDS[unit]


def _event(sentence: str) -> tuple[str | None, int]:
    """The most specific event word of the sentence, canonical, and where it is."""
    best: tuple[int, int] | None = None  # (rank, position)
    for match in _EVENT.finditer(sentence):
        rank = int(str(match.lastgroup)[1:])
        if best is None or rank < best[0]:
            best = (rank, match.start())
    if best is None:
        return None, -1
    return _EVENTS[best[0]][0], best[1]


def _place(sentence: str, event_at: int, anchor: int) -> str | None:
    """The place named after the event word, else the one nearest the casualty figures."""
    places = []
    for match in _PLACE.finditer(sentence):
        if match.group("name").split()[0] in _NOT_PLACES:
            continue
        name = match.group("q1") + _POSSESSIVE.sub("", match.group("name"))
        if match.group("name2") and match.group("name2").split()[0] not in _NOT_PLACES:
            name += ", " + match.group("q2") + _POSSESSIVE.sub("", match.group("name2"))
        places.append((match.start(), name))
    after_event = [p for p in places if event_at >= 0 and p[0] > event_at]
    if after_event:
        return after_event[0][1]
    if places:
        return min(places, key=lambda p: abs(p[0] - anchor))[1]
    return None


def _merge(reports: list[_Report]) -> Iterator[_Report]:
    """Join a figure given in the next sentence; drop a figure the article repeats."""
    merged: list[_Report] = []
    for report in reports:
        last = merged[-1] if merged else None
        if last and report.sentence == last.sentence + 1 and _complements(last, report):
            merged[-1] = replace(last, killed=last.killed if last.killed is not None
                                 else report.killed,
                                 wounded=last.wounded if last.wounded is not None
                                 else report.wounded,
                                 event=last.event or report.event,
                                 place=last.place or report.place, sentence=report.sentence)
            continue
        merged.append(report)
    seen: set[tuple[int | None, int | None]] = set()
    for report in merged:
        repeated = (report.killed, report.wounded) in seen or any(
            (report.wounded is None and k == report.killed)
            or (report.killed is None and w == report.wounded) for k, w in seen)
        if not repeated:
            seen.add((report.killed, report.wounded))
            yield report


def _complements(first: _Report, second: _Report) -> bool:
    return ((first.killed is None) != (second.killed is None)
            and (first.wounded is None) != (second.wounded is None)
            and (first.killed is None) != (first.wounded is None))
