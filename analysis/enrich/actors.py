"""Actor mentions: the countries, places, people, organisations and groups each article names.

`find_mentions` reads an article's `text`, `title` and `dateline` (never its byline, credits,
boilerplate or related headlines) and returns one row per mention (MENTION_COLUMNS): aliases
of the actor table (analysis/resources/actors.yaml plus the analyst's file) found by
Aho-Corasick; a capital that acts ("Washington said") resolved to its country; people,
organisations and places missing from the table found by the name tagger
(analysis/enrich/names.py), then by proper-noun phrases with a title or speech cue; surnames
resolved to the full name given earlier in the article (see analysis/enrich/text_mentions.py).
Surnames across articles are joined in the store (analysis/store/people.py), not here: that
needs the whole corpus.

Mentions outside the text have no offsets: the dateline's place has sentence -1 and the
title's mentions sentence -2, both with start = end = -1.

`article_countries` sums the mentions into the countries each article is about.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

import pandas as pd

from analysis.enrich.actor_table import actors_version, load_actors
from analysis.enrich.names import NameSpan, model_version, tag_texts
from analysis.enrich.text_mentions import ActorIndex, Mention, dateline_mention, text_mentions
from analysis.enrich.truecase import recase, recased
from analysis.schema import (
    ACTOR_TYPE,
    ARTICLE_ID,
    COUNTRY_CODE,
    DATELINE,
    MENTION_COLUMNS,
    PUBLISHED_AT,
    SENTENCE,
    START,
    TEXT,
    TITLE,
    conform,
)

__all__ = ["DATELINE_SENTENCE", "TITLE_SENTENCE", "actor_index", "actors_version",
           "article_countries", "article_mentions", "find_mentions", "load_actors",
           "mentions_version"]

DATELINE_SENTENCE = -1  # the sentence number of a mention in the dateline
TITLE_SENTENCE = -2     # ... and in the title
COUNTRY_TYPES = ("country", "place")


# how mentions are found beyond the table's aliases; a store's mentions made another way are
# found again at its next ingest (2: the name tagger before the cue rules, issue 15; 3: the
# tagger's places too, a common word alone no person, a portfolio alone no title; 4: a tagged
# pronoun, bare title or bare organisation head names no one). The store's quotes are found
# again with its mentions, so a change of the quote rules bumps it too (5: the third round of
# quote rules, issue 15; 6: a tagged span of connectors only, a quote's opening "The", is no
# name; 7: a portfolio or another country's namesake is no party, a demonym or an owner is cut
# off a tagged person, a relative takes the family name, a longer company name stands over a
# short alias, and the fourth round of quote rules; 8: a quote opening a paragraph after
# reported speech; 9: a city of a party's country does not name it, and another parliament's
# House of Commons is no namesake's; 10: a news agency named by its name is an organisation;
# 11: a ticker or an acronym the text gives another name is no acronym of the table; 12: lines
# in capitals, headlines too, read recased, no name across a line, a name before a ticker an
# organisation; 13: a company's first word is its short form within the text, "Mack" of "Mack
# Trucks Inc", and "Moore Corp Ltd" makes "Moore" an organisation; 14: an acronym the text
# spells out, "Centre of Indian Trade Unions (CITU)", is of that name's kind; 15: a short form
# the tagger called a place is the company too, "Phoenix" of "Phoenix Steel Corp"; 16: "Texaco
# Petroleum Maatschaapij (Netherlands) BV" one company, and initials before a company's short
# form left out, "Shintoh" of "G H Shintoh (Australia) Ltd"; 17: a one-word organisation of
# the text is one at each use, "to pay Photon" after "Photon said", but "Rover 75"; 18: the
# fifth and sixth rounds of quote rules, issue 15; 19: a name a firm noun describes is an
# organisation, "his label Zomba", "Gazprom, the biggest gas company", and the seventh round of
# quote rules, a fragment after "according to" a named source or in a view its subject holds;
# 20: a body's bare head is the body the text named in full before it, "the Commission said"
# after "the European Commission", and a company's legal form ending a sentence ends its name,
# "to acquire BankAmerica Corp." is "BankAmerica Corp", and a stock ticker, "<GM>", "<UN.A>", is
# no mention; 21: a body and the acronym a text defines for it are one actor, the table's when
# either is in it, "General Agreement of Tariffs and Trade (GATT)" is GATT)
MENTIONS_METHOD = 21


def mentions_version(actors: pd.DataFrame) -> str:
    """What a store's mentions were made with: the actor table's content (`actors_version`),
    MENTIONS_METHOD and the name tagger's model; the store re-finds them when it changes."""
    return f"{actors_version(actors)}-m{MENTIONS_METHOD}-{model_version()}"


_INDEXES: dict[str, ActorIndex] = {}  # by actors_version: the last few tables' indexes


def actor_index(actors: pd.DataFrame) -> ActorIndex:
    """The matching index of `actors`, built once per process for a given table content (a
    worker enriching chunk after chunk, or a Dask worker task after task, reuses it)."""
    version = actors_version(actors)
    if version not in _INDEXES:
        if len(_INDEXES) >= 4:
            _INDEXES.pop(next(iter(_INDEXES)))
        _INDEXES[version] = ActorIndex(actors)
    return _INDEXES[version]


def find_mentions(articles: pd.DataFrame, sentences: pd.DataFrame, *,
                  actors: pd.DataFrame | None = None, title: bool = True,
                  tagger: bool = True, index: ActorIndex | None = None) -> pd.DataFrame:
    """One row per actor mention in each article's text, title and dateline (MENTION_COLUMNS).

    `sentences` (article_id, sentence, start, end; offsets into the text) gives each text
    mention its sentence number. `actors` defaults to `load_actors()`; `title=False` leaves
    the titles out; `tagger=False` finds people and organisations missing from the table by
    the cue rules alone, without the name tagger (the method before it, kept to compare).
    `index` is `actor_index(actors)` when the caller has it: a worker enriching chunk after
    chunk builds it once (finding it again by the table's content hashes the whole table).
    """
    if index is None:
        index = actor_index(load_actors() if actors is None else actors)
    sentence_index = _sentence_index(sentences)
    count = len(articles)
    titles = articles[TITLE] if title and TITLE in articles else [None] * count
    datelines = articles[DATELINE] if DATELINE in articles else [None] * count
    dates = articles[PUBLISHED_AT] if PUBLISHED_AT in articles else [None] * count
    texts = [t if isinstance(t, str) else "" for t in articles[TEXT]]
    headlines = [t if isinstance(t, str) else "" for t in titles]
    # lines in capitals are read recased (a headline in the case its story writes its words)
    first = [recased(text, context=text) for text in texts] + [
        recased(title, context=text) for title, text in zip(headlines, texts, strict=True)]
    cased, cased_titles = [c for c, _ in first[:count]], [c for c, _ in first[count:]]
    # the tagger reads each as recased again (with itself as context): one without a line in
    # capitals is the same again, so only the others are recased twice
    again = [recase(c, context=c) if shouting else c for c, shouting in first]
    names = (tag_texts(cased + cased_titles, cased=again) if tagger
             else [[] for _ in range(2 * count)])
    rows: list[tuple] = []
    for at, (article_id, text, headline, dateline, published) in enumerate(zip(
            articles[ARTICLE_ID], texts, titles, datelines, dates, strict=True)):
        day = None if published is None or pd.isna(published) else pd.Timestamp(published)
        starts, numbers = sentence_index.get(article_id, ([], []))
        for mention in article_mentions(text, headline, dateline, index=index,
                                        names=(names[at], names[count + at]),
                                        cased=(cased[at], cased_titles[at])):
            mention = index.in_period(mention, day)
            rows.append((article_id, mention.actor_id, mention.actor, mention.actor_type,
                         mention.country_code, mention.surface,
                         _sentence_of(mention, starts, numbers), mention.start, mention.end))
    frame = pd.DataFrame(rows, columns=list(MENTION_COLUMNS))
    return conform(frame, MENTION_COLUMNS, name="mentions")


def article_mentions(text: str | None, title: str | None, dateline: str | None, *,
                     index: ActorIndex,
                     names: tuple[list[NameSpan], list[NameSpan]] = ([], []),
                     cased: tuple[str, str] | None = None) -> list[Mention]:
    """The mentions of one article: its dateline's place, its text's, then its title's;
    `names` are the tagger's names of its text and of its title. Lines in capitals are read
    recased (`analysis.enrich.truecase.recase`; `cased`: the text and title already recased),
    as the tagger reads them; a mention in the text keeps the surface the text has."""
    found = list(dateline_mention(dateline, index))
    text = text if isinstance(text, str) else ""
    cased_text, cased_title = cased or (recase(text, context=text),
                                        recase(title, context=text) if isinstance(title, str)
                                        else "")
    in_text, people = text_mentions(cased_text, index=index,
                                    names=_as_in(cased_text, names[0]))
    if cased_text is not text:
        in_text = [replace(m, surface=text[m.start:m.end]) if m.start >= 0 else m
                   for m in in_text]
    found += in_text
    if isinstance(title, str) and title.strip():
        in_title, _ = text_mentions(cased_title, index=index, people=people,
                                    names=_as_in(cased_title, names[1]))
        found += [replace(m, start=-1, end=-1, where="title") for m in in_title]
    return _without_namesake_parties(found)


def _as_in(cased: str, names: list[NameSpan]) -> list[NameSpan]:
    """The tagger's names as `cased` (the recased text) writes them."""
    return [name if cased[name.start:name.end] == name.text
            else replace(name, text=cased[name.start:name.end]) for name in names]


# bodies of the table that other countries have namesakes of: a parliament's house (Canada's
# House of Commons in a story from Ottawa), besides every "... Party"
NAMESAKE_BODIES = frozenset({"House of Commons", "House of Lords"})


def _without_namesake_parties(found: list[Mention]) -> list[Mention]:
    """The mentions less a party of the table ("Labour Party", "Conservative Party"), or a body
    other countries have namesakes of ("House of Commons"), in a story datelined in another
    country that never names the party's own country: "the ruling Labour government" from Oslo
    is Norway's, "Conservative gains" from Helsinki Finland's (a city of the party's country,
    "London", does not name it: Finnish news mentions London)."""
    dateline = next((m.country_code for m in found if m.where == "dateline"), None)
    if dateline is None:
        return found
    named = {dateline} | {m.country_code for m in found if m.actor_type == "country"}
    return [m for m in found if not (m.actor_type == "organisation" and m.country_code
                                     and (m.actor.endswith(" Party")
                                          or m.actor in NAMESAKE_BODIES)
                                     and m.country_code not in named)]


def _sentence_index(sentences: pd.DataFrame | None) -> dict[str, tuple[list[int], list[int]]]:
    """Per article, the sorted sentence starts and their sentence numbers."""
    index: dict[str, tuple[list[int], list[int]]] = {}
    if sentences is None or sentences.empty:
        return index
    ordered = sentences.sort_values([ARTICLE_ID, START])
    ids = ordered[ARTICLE_ID].tolist()
    starts = ordered[START].astype(int).tolist()
    numbers = ordered[SENTENCE].astype(int).tolist()
    first = 0
    for at in range(1, len(ids) + 1):  # one slice per run of an article's rows
        if at == len(ids) or ids[at] != ids[first]:
            index[ids[first]] = (starts[first:at], numbers[first:at])
            first = at
    return index


def _sentence_of(mention: Mention, starts: list[int], numbers: list[int]) -> int:
    """The sentence number of a mention: -1 dateline, -2 title, -1 also when unknown."""
    if mention.where == "title":
        return TITLE_SENTENCE
    if mention.where == "dateline" or mention.start < 0 or not starts:
        return DATELINE_SENTENCE
    at = bisect.bisect_right(starts, mention.start) - 1
    return numbers[at] if at >= 0 else DATELINE_SENTENCE


def article_countries(mentions: pd.DataFrame, *, min_mentions: int = 2,
                      lead_chars: int = 100) -> pd.DataFrame:
    """The countries each article names, from its country and place mentions, and whether the
    article is about them (`salient`): named in the dateline or the title, in the first
    `lead_chars` characters of the text, or at least `min_mentions` times.

    Columns: article_id, country_code, mentions, salient.
    """
    named = mentions[mentions[ACTOR_TYPE].isin(COUNTRY_TYPES) & mentions[COUNTRY_CODE].notna()]
    if named.empty:
        return pd.DataFrame({ARTICLE_ID: pd.Series(dtype=object),
                             COUNTRY_CODE: pd.Series(dtype=object),
                             "mentions": pd.Series(dtype="int64"),
                             "salient": pd.Series(dtype=bool)})
    prominent = named[START] < lead_chars  # the dateline and the title have start -1
    grouped = named.assign(prominent=prominent).groupby([ARTICLE_ID, COUNTRY_CODE], sort=False)
    table = grouped.agg(mentions=("prominent", "size"), prominent=("prominent", "any"))
    table["salient"] = table["prominent"] | (table["mentions"] >= min_mentions)
    return table.drop(columns="prominent").reset_index()
