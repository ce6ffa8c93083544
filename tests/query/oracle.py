"""An independent answer to every question of `analysis.query`, in pandas over the tables of
an Analysis: the oracle the SQL answers are held to (tests/query/test_against_oracle.py).

It is test code on purpose: the product has one implementation per question (SQL over the
query tables); this second one, written differently, is what would catch that one drifting.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from analysis import schema
from analysis.enrich.discovery import GENERIC, PARTICLES, TITLES, surname_key
from analysis.query import LOW_EVIDENCE_BELOW, TONE_BIN, Filters
from analysis.query.timeline import finish_timeline, period_start, with_shares
from analysis.query.tone import label_bins, tone_bin_count, tone_edges
from analysis.schema import (
    ACTOR_A,
    ACTOR_B,
    ARTICLES,
    COUNT,
    LOW_EVIDENCE,
    MEAN_TONE,
    MENTIONS,
    N_SENTENCES,
    PERIOD,
    SHARE,
)

Tables = Any  # a mapping from table name ("articles", "mentions", ...) to frame


def table(source: Tables, name: str) -> pd.DataFrame:
    """The frame called `name` ("articles", "mentions", ...) of an Analysis or a mapping."""
    frame = source.get(name) if isinstance(source, Mapping) else getattr(source, name, None)
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"no {name!r} table in {type(source).__name__}; a query needs an "
                         "Analysis or a mapping with the tables articles, sentences, mentions, "
                         "topics, quotes, events")
    return frame


def topic_frequencies(source: Tables) -> pd.DataFrame:
    """`analysis.query.topic_frequencies`, in pandas."""
    topics = table(source, "topics")
    total = len(table(source, "articles"))
    frame = (topics.groupby(schema.TOPIC, as_index=False)
             .agg(**{ARTICLES: (schema.ARTICLE_ID, "nunique"), schema.HITS: (schema.HITS, "sum")}))
    frame[SHARE] = frame[ARTICLES] / total if total else np.nan
    frame = frame.astype({ARTICLES: "int64", schema.HITS: "int64", SHARE: "float64"})
    return _ordered(frame, [ARTICLES, schema.HITS], schema.TOPIC)


WINDOW = pd.Timedelta(days=366)  # analysis.store.people.WINDOW_DAYS
TITLE_BEFORE = r"\b(?:Mr|Mrs|Ms|Miss|Dr|Lord|Lady|Sir|Dame|Prof)\.?\s+$"  # people.TITLE_BEFORE
NOT_SURNAMES = frozenset(GENERIC | TITLES)  # as analysis.store.people reads them


def join_surnames(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables as the store's query tables see them (`analysis.store.people`), in pandas:
    each discovered person of one word that looks like a surname ("Bush") in an article
    becomes the one full name that looks like one with that surname named within WINDOW of
    the article's date anywhere in the tables (undated: at any date), taking its country code
    when it has none; with several such names it stays, and its name is in the table
    "ambiguous" (column actor); with none, it is an organisation when an organisation of
    several words opens with it (initials aside) within WINDOW and no full name opens with it."""
    mentions, articles = tables["mentions"], tables["articles"]
    days = (articles.set_index(schema.ARTICLE_ID)[schema.PUBLISHED_AT]
            .dt.tz_convert("UTC").dt.tz_localize(None).dt.normalize())
    people = mentions[(mentions[schema.ACTOR_TYPE] == "person")]
    people = people.assign(day=people[schema.ARTICLE_ID].map(days),
                           key=people[schema.ACTOR].map(surname_key))
    people = people[~people["key"].isin(NOT_SURNAMES)]
    named = people[people[schema.ACTOR].map(_full_name)]
    countries = named.groupby(schema.ACTOR)[schema.COUNTRY_CODE].max()
    organisations = mentions[(mentions[schema.ACTOR_TYPE] == "organisation")
                             & mentions[schema.ACTOR].str.contains(r"\S\s+\S", regex=True)]
    firms = pd.DataFrame({"article": organisations[schema.ARTICLE_ID],
                          "head": organisations[schema.ACTOR].map(_head),
                          "day": organisations[schema.ARTICLE_ID].map(days)})
    texts = articles.set_index(schema.ARTICLE_ID)[schema.TEXT]
    given = {name.split(" ")[0] for name in named[schema.ACTOR]}
    merged: dict[tuple[str, str, str], str] = {}
    firm_names: set[tuple[str, str, str]] = set()
    ambiguous: set[str] = set()
    alone = people[people[schema.ACTOR].map(_surname_alone)
                   & people[schema.ACTOR_ID].str.startswith("person/")]
    for (article, actor_id, actor), rows in alone.groupby(
            [schema.ARTICLE_ID, schema.ACTOR_ID, schema.ACTOR]):
        day = rows["day"].iloc[0]
        text = texts.get(article) or ""
        titled = any(re.search(TITLE_BEFORE, text[max(start - 8, 0):start])
                     for start in people.loc[(people[schema.ARTICLE_ID] == article)
                                             & (people[schema.ACTOR] == actor),
                                             schema.START].dropna().astype(int))
        if not titled and ((firms["article"] == article) & (firms["head"] == actor)).any() \
                and not ((named[schema.ARTICLE_ID] == article)
                         & (named["key"] == rows["key"].iloc[0])).any():
            firm_names.add((article, actor_id, actor))  # the article names the firm itself
            continue
        same = named[named["key"] == rows["key"].iloc[0]]
        if pd.notna(day):
            same = same[same["day"].isna() | ((same["day"] - day).abs() <= WINDOW)]
        names = set(same[schema.ACTOR])
        if len(names) == 1:
            merged[(article, actor_id, actor)] = names.pop()
        elif len(names) > 1:
            ambiguous.add(actor)
        elif actor not in given and not titled:
            heads = firms[firms["head"] == actor]
            if pd.notna(day):
                heads = heads[heads["day"].isna() | ((heads["day"] - day).abs() <= WINDOW)]
            if len(heads):
                firm_names.add((article, actor_id, actor))
    keys = list(zip(mentions[schema.ARTICLE_ID], mentions[schema.ACTOR_ID],
                    mentions[schema.ACTOR], strict=True))
    full_name = pd.Series([merged.get(key) for key in keys], index=mentions.index, dtype=object)
    firm = pd.Series([key in firm_names for key in keys], index=mentions.index)
    joined = mentions.assign(**{
        schema.ACTOR: full_name.where(full_name.notna(), mentions[schema.ACTOR]),
        schema.ACTOR_TYPE: mentions[schema.ACTOR_TYPE].where(~firm, "organisation"),
        schema.COUNTRY_CODE: mentions[schema.COUNTRY_CODE].where(
            mentions[schema.COUNTRY_CODE].notna() | full_name.isna(),
            full_name.map(countries))})
    return {**tables, "mentions": joined,
            "ambiguous": pd.DataFrame({schema.ACTOR: sorted(ambiguous)}, dtype=object)}


def _head(name: str) -> str:
    """The first word of a name after a run of initials: "E.F. Hutton Group Inc" -> "Hutton"."""
    initials = re.match(r"((?:[^\W\d_]\.)+)\s*(\S+)", name)
    if initials and initials.group(1).replace(".", "").isupper():
        return initials.group(2)
    return name.split()[0]


def _capital(word: str) -> bool:
    return word[:1].upper() == word[:1] != word[:1].lower()


def _surname_alone(name: str) -> bool:
    """One word, a capital first, two characters or more, no dot or space."""
    return " " not in name and _capital(name) and re.fullmatch(r"[^\s.]{2,}", name) is not None


def _full_name(name: str) -> bool:
    """Words joined by single spaces, none in lower case but a particle, two of them (a given
    name and a surname) more than an initial."""
    words = name.split(" ")
    return (len(words) > 1 and re.fullmatch(r"\S+( \S+)+", name) is not None
            and not any(w[:1].lower() == w[:1] != w[:1].upper() and w not in PARTICLES
                        for w in words)
            and sum(len(w) > 1 and not w.endswith(".") for w in words) >= 2)


def actor_mentions(source: Tables, *, actor_type: str | None = None,
                   top: int | None = None) -> pd.DataFrame:
    """`analysis.query.actor_mentions`, in pandas (over `join_surnames` tables)."""
    mentions = table(source, "mentions")
    if actor_type is not None:
        mentions = mentions[mentions[schema.ACTOR_TYPE] == actor_type]
    keys = [schema.ACTOR, schema.ACTOR_TYPE]
    frame = (mentions.groupby(keys, as_index=False, dropna=False)
             .agg(**{MENTIONS: (schema.ARTICLE_ID, "size"),
                     ARTICLES: (schema.ARTICLE_ID, "nunique")}))
    frame = frame.merge(_main_country(mentions, keys), on=keys, how="left")
    codes = frame[schema.COUNTRY_CODE].astype(object)
    frame[schema.COUNTRY_CODE] = codes.where(codes.notna(), None)
    ambiguous = set(table(source, "ambiguous")[schema.ACTOR])
    frame[schema.AMBIGUOUS] = (frame[schema.ACTOR_TYPE] == "person") & frame[schema.ACTOR].isin(
        ambiguous)
    frame = frame[[*keys, schema.COUNTRY_CODE, MENTIONS, ARTICLES, schema.AMBIGUOUS]].astype(
        {MENTIONS: "int64", ARTICLES: "int64", schema.AMBIGUOUS: "bool"})
    frame = _ordered(frame, [MENTIONS, ARTICLES], schema.ACTOR)
    return frame.head(top).reset_index(drop=True) if top is not None else frame


def actor_tone(source: Tables, *, min_sentences: int = 1, actor_type: str | None = None,
               top: int | None = None) -> pd.DataFrame:
    """`analysis.query.actor_tone`, in pandas."""
    keys = [schema.ARTICLE_ID, schema.SENTENCE]
    named = (table(source, "mentions")[[*keys, schema.ACTOR, schema.ACTOR_TYPE]]
             .drop_duplicates(subset=[*keys, schema.ACTOR, schema.ACTOR_TYPE]))
    sentences = table(source, "sentences")[[*keys, schema.TONE]]
    joined = named.merge(sentences, on=keys, how="inner")
    frame = (joined.groupby([schema.ACTOR, schema.ACTOR_TYPE], as_index=False, dropna=False)
             .agg(**{schema.TONE: (schema.TONE, "mean"), N_SENTENCES: (schema.TONE, "size")}))
    frame = frame[frame[N_SENTENCES] >= min_sentences].astype(
        {schema.TONE: "float64", N_SENTENCES: "int64"})
    frame[LOW_EVIDENCE] = frame[N_SENTENCES] < LOW_EVIDENCE_BELOW
    if actor_type is not None:
        frame = frame[frame[schema.ACTOR_TYPE] == actor_type]
    frame = _ordered(frame, [N_SENTENCES], schema.ACTOR)
    return frame.head(top).reset_index(drop=True) if top is not None else frame


def cooccurrence(source: Tables, *, level: str = "sentence", min_count: int = 1,
                 top: int | None = None) -> pd.DataFrame:
    """`analysis.query.cooccurrence`, in pandas."""
    keys = [schema.ARTICLE_ID, schema.SENTENCE] if level == "sentence" else [schema.ARTICLE_ID]
    named = table(source, "mentions")[[*keys, schema.ACTOR]].drop_duplicates()
    if level == "sentence":  # a dateline mention (sentence -1) lies outside every sentence
        named = named[named[schema.SENTENCE] >= 0]
    pairs = named.merge(named, on=keys, suffixes=("_a", "_b"))
    pairs = pairs[pairs[ACTOR_A] < pairs[ACTOR_B]]
    tones = table(source, "sentences" if level == "sentence" else "articles")[[*keys, schema.TONE]]
    pairs = pairs.merge(tones, on=keys, how="left")
    frame = (pairs.groupby([ACTOR_A, ACTOR_B], as_index=False)
             .agg(**{COUNT: (schema.ARTICLE_ID, "size"), MEAN_TONE: (schema.TONE, "mean")}))
    frame = frame[frame[COUNT] >= min_count].astype({COUNT: "int64", MEAN_TONE: "float64"})
    frame = _ordered(frame, [COUNT], [ACTOR_A, ACTOR_B])
    return frame.head(top).reset_index(drop=True) if top is not None else frame


def _main_country(mentions: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The country code most of each actor's mentions carry (ties: alphabetical)."""
    counts = (mentions.dropna(subset=[schema.COUNTRY_CODE])
              .groupby([*keys, schema.COUNTRY_CODE], dropna=False).size().rename("n")
              .reset_index())
    counts = counts.sort_values(["n", schema.COUNTRY_CODE], ascending=[False, True])
    return counts.drop_duplicates(keys)[[*keys, schema.COUNTRY_CODE]]


def _ordered(frame: pd.DataFrame, counts: list[str], names: str | list[str]) -> pd.DataFrame:
    """Largest counts first, ties by name; a fresh 0..n-1 index."""
    names = [names] if isinstance(names, str) else names
    ascending = [False] * len(counts) + [True] * len(names)
    order = frame.sort_values([*counts, *names], ascending=ascending, kind="stable")
    return order.reset_index(drop=True)


# --- timelines -------------------------------------------------------------------------------


def timeline(source: Tables, *, freq: str = "D", by: str | None = None, window: int = 7,
             z: float = 2.0, min_articles: int = 3, keys: Sequence[str] | None = None,
             top: int | None = None, collection: pd.DataFrame | None = None) -> pd.DataFrame:
    """`analysis.query.timeline`, in pandas."""
    articles = table(source, "articles")
    dated = articles.loc[articles[schema.PUBLISHED_AT].notna(),
                         [schema.ARTICLE_ID, schema.PUBLISHED_AT, schema.TONE]]
    dated = dated.assign(**{PERIOD: period_start(dated[schema.PUBLISHED_AT], freq)})
    units = _timeline_units(source, by)
    if keys is not None:
        units = units[units["key"].isin(list(keys))]
    counted = units.merge(dated, on=schema.ARTICLE_ID, how="inner")
    if top is not None:
        best = counted.groupby("key")[schema.ARTICLE_ID].nunique()
        best = best.reset_index().sort_values([schema.ARTICLE_ID, "key"],
                                               ascending=[False, True]).head(top)["key"]
        counted = counted[counted["key"].isin(best)]
    grouped = (counted.groupby(["key", PERIOD])
               .agg(**{ARTICLES: (schema.ARTICLE_ID, "nunique"), MENTIONS: (MENTIONS, "sum"),
                       MEAN_TONE: (schema.TONE, "mean")}))
    span = (dated[PERIOD].min(), dated[PERIOD].max()) if len(dated) else (None, None)
    frame = finish_timeline(grouped, span, by=by, freq=freq, window=window, z=z,
                            min_articles=min_articles, undated=int(len(articles) - len(dated)))
    every = articles if collection is None else collection  # the articles a share is of
    stamps = every[schema.PUBLISHED_AT].dropna()
    return with_shares(frame, period_start(stamps, freq).value_counts().astype("float64"))


def _timeline_units(source: Tables, by: str | None) -> pd.DataFrame:
    """(article_id, key, mentions): what each article counts for in each series."""
    mentions = table(source, "mentions")
    if by == "actor":
        return (mentions.groupby([schema.ARTICLE_ID, schema.ACTOR]).size()
                .rename(MENTIONS).reset_index().rename(columns={schema.ACTOR: "key"}))
    per_article = mentions.groupby(schema.ARTICLE_ID).size().rename(MENTIONS)
    if by == "topic":
        units = (table(source, "topics")[[schema.ARTICLE_ID, schema.TOPIC]].drop_duplicates()
                 .rename(columns={schema.TOPIC: "key"}))
    else:
        units = table(source, "articles")[[schema.ARTICLE_ID]].assign(key="all")
    units = units.merge(per_article, left_on=schema.ARTICLE_ID, right_index=True, how="left")
    return units.fillna({MENTIONS: 0})


# --- tone by group, distribution, quotes -------------------------------------------------------



def tone_bins(source: Tables, *, width: float = TONE_BIN) -> pd.DataFrame:
    """`analysis.query.tone_bins`, in pandas."""
    tone = table(source, "articles")[schema.TONE].dropna()
    # the last edge at or below the tone (edge k starts bin k), 1 in the last bin
    bins = np.minimum(np.searchsorted(tone_edges(width), tone.to_numpy(), side="right") - 1,
                      tone_bin_count(width) - 1)
    counts = pd.Series(bins.astype("int64")).value_counts().sort_index()
    return label_bins(pd.DataFrame({"bin": counts.index, ARTICLES: counts.to_numpy()}), width)


def tone_spread(source: Tables, *, top: int = 15) -> pd.DataFrame:
    """`analysis.query.tone_spread`, in pandas."""
    articles = table(source, "articles")
    groups = articles.assign(**{schema.SOURCE: articles[schema.SOURCE].fillna("(unknown)")}
                             ).groupby(schema.SOURCE)[schema.TONE]
    frame = pd.DataFrame({ARTICLES: groups.size(), "scored": groups.count(),
                          "low": groups.min(),
                          "q1": groups.quantile(0.25), "median": groups.median(),
                          "q3": groups.quantile(0.75), "high": groups.max(),
                          "mean": groups.mean()}).reset_index()
    frame = frame.astype({ARTICLES: "int64", "scored": "int64"})
    return _ordered(frame, [ARTICLES], schema.SOURCE).head(top)



def tone_by(source: Tables, *, by: str = "topic") -> pd.DataFrame:
    """`analysis.query.tone_by`, in pandas."""
    articles = table(source, "articles")[[schema.ARTICLE_ID, schema.SOURCE, schema.TONE]]
    if by == "source":
        groups = articles.assign(**{by: articles[schema.SOURCE].fillna("(unknown)")})
    elif by == "topic":
        groups = table(source, "topics")[[schema.ARTICLE_ID, schema.TOPIC]].merge(
            articles, on=schema.ARTICLE_ID)
    else:
        kinds = table(source, "mentions")[[schema.ARTICLE_ID, schema.ACTOR_TYPE]]
        groups = kinds.drop_duplicates().merge(articles, on=schema.ARTICLE_ID)
    groups = groups[groups[schema.TONE].notna()]  # not scored: left out, not neutral
    frame = (groups.groupby(by, as_index=False)
             .agg(**{ARTICLES: (schema.ARTICLE_ID, "nunique"),
                     schema.TONE: (schema.TONE, "mean")}))
    frame = frame.astype({ARTICLES: "int64", schema.TONE: "float64"})
    frame[LOW_EVIDENCE] = frame[ARTICLES] < LOW_EVIDENCE_BELOW
    return _ordered(frame, [ARTICLES], by)


def quote_table(source: Tables) -> pd.DataFrame:
    """`analysis.query.quote_table`, in pandas."""
    quotes = table(source, "quotes")
    articles = table(source, "articles")[[schema.ARTICLE_ID, schema.TITLE, schema.SOURCE,
                                          schema.PUBLISHED_AT]]
    frame = quotes.merge(articles, on=schema.ARTICLE_ID, how="inner")
    return frame.sort_values([schema.PUBLISHED_AT, schema.ARTICLE_ID, schema.START],
                             ascending=[False, True, True], na_position="last",
                             kind="stable").reset_index(drop=True)


def quote_speakers(source: Tables) -> pd.DataFrame:
    """Speakers by how many quotes they have."""
    quotes = table(source, "quotes").dropna(subset=[schema.SPEAKER])
    counts = quotes[schema.SPEAKER].value_counts().rename_axis(schema.SPEAKER)
    frame = counts.rename(COUNT).reset_index()
    return _ordered(frame, [COUNT], schema.SPEAKER)


def summary(source: Tables) -> dict:
    articles = table(source, "articles")
    dated = articles[schema.PUBLISHED_AT].dropna()
    return {"articles": len(articles), "undated": int(articles[schema.PUBLISHED_AT].isna().sum()),
            "sources": articles[schema.SOURCE].fillna(schema.UNKNOWN).nunique(),
            "first": dated.min() if len(dated) else None,
            "last": dated.max() if len(dated) else None,
            "mean_tone": articles[schema.TONE].mean() if len(articles) else None}


def languages(source: Tables) -> pd.DataFrame:
    """Articles per language, and how many of them have a tone."""
    articles = table(source, "articles")
    language = articles[schema.LANGUAGE].astype(object)
    frame = pd.DataFrame({schema.LANGUAGE: language, "toned": articles[schema.TONE].notna()})
    counts = frame.groupby(schema.LANGUAGE, dropna=False).agg(
        articles=("toned", "size"), scored=("toned", "sum")).reset_index()
    language = counts[schema.LANGUAGE].astype(object)
    counts[schema.LANGUAGE] = language.where(language.notna(), None)
    counts = counts.assign(_missing=counts[schema.LANGUAGE].isna()).sort_values(
        ["articles", "_missing", schema.LANGUAGE], ascending=[False, True, True],
        na_position="last")
    return counts.drop(columns="_missing").astype(
        {"articles": "int64", "scored": "int64"}).reset_index(drop=True)


# `query.ORDERS` as sort keys (column, ascending); missing values always last
LIST_ORDERS = {
    "newest": [(schema.PUBLISHED_AT, False), (schema.TITLE, True)],
    "oldest": [(schema.PUBLISHED_AT, True), (schema.TITLE, True)],
    "most negative": [(schema.TONE, True), (schema.PUBLISHED_AT, False)],
    "most positive": [(schema.TONE, False), (schema.PUBLISHED_AT, False)],
    "most copied": [("copies", False), (schema.PUBLISHED_AT, False)],
    "title": [(schema.TITLE, True), (schema.PUBLISHED_AT, False)],
}


def article_list(source: Tables, *, every: pd.DataFrame, order: str, limit: int,
                 offset: int) -> pd.DataFrame:
    """A page of the articles of `source`, whole result sorted, each with its copies: how
    many of `every` stored article name its story's first copy as theirs."""
    articles = table(source, "articles")
    copies = every[schema.DUPLICATE_OF].value_counts()
    head = articles[schema.DUPLICATE_OF].fillna(articles[schema.ARTICLE_ID])
    articles = articles.assign(copies=head.map(copies).fillna(0).astype("int64"))
    keys = [*LIST_ORDERS[order], (schema.ARTICLE_ID, True)]
    ordered = articles.sort_values([k for k, _ in keys], ascending=[a for _, a in keys],
                                   na_position="last", kind="stable")
    return ordered.iloc[offset:offset + limit][[schema.ARTICLE_ID, "copies"]]


def filtered(tables: Mapping[str, pd.DataFrame], filters: Filters) -> dict[str, pd.DataFrame]:
    """The tables of the articles that pass `filters`, decided row by row in pandas."""
    articles = tables["articles"]
    keep = pd.Series(True, index=articles.index)
    day = articles[schema.PUBLISHED_AT].dt.tz_convert("UTC").dt.date
    if filters.start or filters.end:
        inside = pd.Series(True, index=articles.index)
        if filters.start:
            inside &= day >= filters.start
        if filters.end:
            inside &= day <= filters.end
        keep &= inside.fillna(False) | (day.isna() & filters.undated_kept())
    elif not filters.undated_kept():
        keep &= day.notna()
    if filters.sources:
        keep &= articles[schema.SOURCE].fillna(schema.UNKNOWN).isin(filters.sources)
    if filters.languages:
        keep &= articles[schema.LANGUAGE].isin(filters.languages)
    for field, name, column in (("actors", "mentions", schema.ACTOR),
                                ("topics", "topics", schema.TOPIC)):
        having = tables[name].groupby(column)[schema.ARTICLE_ID].agg(set).to_dict()
        ids = articles[schema.ARTICLE_ID]
        if getattr(filters, field):
            some = set().union(*(having.get(v, set()) for v in getattr(filters, field)))
            keep &= ids.isin(some)
        for value in getattr(filters, f"{field}_all"):
            keep &= ids.isin(having.get(value, set()))
    if filters.one_per_story:
        keep &= articles[schema.DUPLICATE_OF].isna()
    if filters.tone_min is not None:
        keep &= articles[schema.TONE] >= filters.tone_min
    if filters.tone_max is not None:
        keep &= articles[schema.TONE] <= filters.tone_max
    if filters.search.strip():  # words (no operators here), each a whole word, any case
        text = articles[schema.TITLE].fillna("") + "\n" + articles[schema.TEXT].fillna("")
        for word in filters.search.split():
            keep &= text.str.contains(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])",
                                      case=False, regex=True)
    ids = set(articles.loc[keep, schema.ARTICLE_ID])
    return {name: frame[frame[schema.ARTICLE_ID].isin(ids)].reset_index(drop=True)
            if schema.ARTICLE_ID in frame else frame for name, frame in tables.items()}
