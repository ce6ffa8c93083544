"""Questions asked of an `Analysis`: topics, actors, tone, timelines, co-occurrence, keywords.

Every query takes an `Analysis` (or any mapping of its table names to frames, e.g. frames read
from the store) plus plain keyword options, and returns a new tidy DataFrame whose columns are
the constants below and in `analysis.schema`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from analysis import schema

# columns of query answers (beyond the schema's)
ARTICLES = "articles"        # number of distinct articles
MENTIONS = "mentions"        # number of actor mentions
SHARE = "share"              # fraction of all articles, 0..1
N_SENTENCES = "n_sentences"  # sentences the tone is averaged over
LOW_EVIDENCE = "low_evidence"
PERIOD = "period"            # start of a day, week (Monday) or month, UTC, tz-naive
MEAN_TONE = "mean_tone"
BASELINE = "baseline"        # rolling mean of the previous periods' article counts
THRESHOLD = "threshold"      # baseline + z × rolling std: a count above it is a spike
SPIKE = "spike"
ACTOR_A = "actor_a"
ACTOR_B = "actor_b"
COUNT = "count"

LOW_EVIDENCE_BELOW = 5  # an actor's tone resting on fewer sentences than this is flagged
FREQS = {"D": "day", "W": "week", "M": "month"}
TIMELINE_BY = (None, "actor", "topic")
LEVELS = ("sentence", "article")

Tables = Any  # an Analysis, or a Mapping from table name ("articles", "mentions", ...) to frame


def table(source: Tables, name: str) -> pd.DataFrame:
    """The frame called `name` ("articles", "mentions", ...) of an Analysis or a mapping."""
    frame = source.get(name) if isinstance(source, Mapping) else getattr(source, name, None)
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"no {name!r} table in {type(source).__name__}; a query needs an "
                         "Analysis or a mapping with the tables articles, sentences, mentions, "
                         "topics, quotes, events")
    return frame


def check_choice(name: str, value: object, valid: Collection[object]) -> None:
    """Raise ValueError naming the valid values when `value` is not one of them."""
    if value not in valid:
        raise ValueError(f"{name}={value!r} is not valid; choose one of {list(valid)}")


def topic_frequencies(source: Tables) -> pd.DataFrame:
    """Taxonomy topics by how many articles have them.

    Columns: topic, articles (articles tagged), hits (keyword hits in them), share (articles
    over all articles of the analysis, 0..1). Most frequent first.
    """
    topics = table(source, "topics")
    total = len(table(source, "articles"))
    frame = (topics.groupby(schema.TOPIC, as_index=False)
             .agg(**{ARTICLES: (schema.ARTICLE_ID, "nunique"), schema.HITS: (schema.HITS, "sum")}))
    frame[SHARE] = frame[ARTICLES] / total if total else np.nan
    frame = frame.astype({ARTICLES: "int64", schema.HITS: "int64", SHARE: "float64"})
    return _ordered(frame, [ARTICLES, schema.HITS], schema.TOPIC)


def actor_mentions(source: Tables, *, actor_type: str | None = None,
                   top: int | None = None) -> pd.DataFrame:
    """Actors by how often they are mentioned.

    Columns: actor, actor_type, country_code (the one most of its mentions carry), mentions,
    articles (articles mentioning it). Most mentioned first; `actor_type` keeps one type of
    `schema.ACTOR_TYPES`, `top` the first `top` rows.
    """
    if actor_type is not None:
        check_choice("actor_type", actor_type, schema.ACTOR_TYPES)
    check_top(top)
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
    frame = frame[[*keys, schema.COUNTRY_CODE, MENTIONS, ARTICLES]].astype(
        {MENTIONS: "int64", ARTICLES: "int64"})
    frame = _ordered(frame, [MENTIONS, ARTICLES], schema.ACTOR)
    return frame.head(top).reset_index(drop=True) if top is not None else frame


def actor_tone(source: Tables, *, min_sentences: int = 1) -> pd.DataFrame:
    """The tone of the sentences that mention each actor.

    Columns: actor, actor_type, tone (mean tone, −1…1, of the distinct sentences naming the
    actor), n_sentences (how many), low_evidence (n_sentences < 5: read with care). Actors with
    fewer than `min_sentences` sentences are left out. Most evidence first.

    Sentence tone rather than `sentiment.score_targets` (tone of the clause naming the actor):
    on 4,000 NewsMTSC targets the clause tone agreed no better with the annotators (Spearman
    0.44 against 0.46) and would cost a second scoring pass over every mention.
    """
    check_positive("min_sentences", min_sentences)
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
    return _ordered(frame, [N_SENTENCES], schema.ACTOR)


def cooccurrence(source: Tables, *, level: str = "sentence", min_count: int = 1,
                 top: int | None = None) -> pd.DataFrame:
    """Pairs of actors named together in one sentence (or one article).

    Columns: actor_a, actor_b (alphabetical within the pair), count (sentences or articles
    naming both), mean_tone (mean tone of those sentences or articles, −1…1). Pairs seen fewer
    than `min_count` times are left out. Most frequent first; `top` keeps the first `top`.
    """
    check_choice("level", level, LEVELS)
    check_positive("min_count", min_count)
    check_top(top)
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


def keywords(source: Tables, *, top: int = 30,
             ngram_range: tuple[int, int] = (1, 3)) -> pd.DataFrame:
    """The most frequent words and phrases, without stop words (see `analysis.enrich.keywords`).

    Columns: term, n_words, count (occurrences), articles (articles containing it).
    """
    from analysis.enrich import keywords as keyword_step  # scikit-learn: only when asked

    return keyword_step.keywords(table(source, "articles"), top=top, ngram_range=ngram_range)


def _main_country(mentions: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The country code most of each actor's mentions carry (ties: alphabetical)."""
    counts = (mentions.dropna(subset=[schema.COUNTRY_CODE])
              .groupby([*keys, schema.COUNTRY_CODE], dropna=False).size().rename("n")
              .reset_index())
    counts = counts.sort_values(["n", schema.COUNTRY_CODE], ascending=[False, True])
    return counts.drop_duplicates(keys)[[*keys, schema.COUNTRY_CODE]]


def check_top(top: int | None) -> None:
    if top is not None and top < 1:
        raise ValueError(f"top={top!r} must be None (all) or >= 1")


def check_positive(name: str, value: int) -> None:
    """Raise ValueError unless the count option `name` is at least 1."""
    if value < 1:
        raise ValueError(f"{name}={value!r} must be >= 1")


def check_timeline(*, freq: str, by: str | None, window: int, z: float, min_articles: int,
                   top: int | None) -> None:
    """Raise ValueError naming the first option of a timeline that is not valid."""
    check_choice("freq", freq, FREQS)
    check_choice("by", by, TIMELINE_BY)
    if window < 2 or z < 0 or min_articles < 0:
        raise ValueError(f"window={window!r} must be >= 2, z={z!r} and "
                         f"min_articles={min_articles!r} >= 0")
    check_top(top)


def _ordered(frame: pd.DataFrame, counts: list[str], names: str | list[str]) -> pd.DataFrame:
    """Largest counts first, ties by name; a fresh 0..n-1 index."""
    names = [names] if isinstance(names, str) else names
    ascending = [False] * len(counts) + [True] * len(names)
    order = frame.sort_values([*counts, *names], ascending=ascending, kind="stable")
    return order.reset_index(drop=True)


# --- timelines -------------------------------------------------------------------------------


def timeline(source: Tables, *, freq: str = "D", by: str | None = None, window: int = 7,
             z: float = 2.0, min_articles: int = 3, keys: Sequence[str] | None = None,
             top: int | None = None) -> pd.DataFrame:
    """Articles, actor mentions and mean tone per day, week or month, with spikes flagged.

    `freq` is "D", "W" (weeks start on Monday) or "M". `by` None gives one series; "actor"
    one per actor (articles naming it, its mentions); "topic" one per topic (articles tagged,
    every actor mention in them). `keys` keeps only those actors or topics, `top` the `top`
    with most articles. Periods with no articles are rows with zero counts.

    Columns: period, [actor | topic], articles, mentions, mean_tone (mean article tone, −1…1;
    NaN without articles), baseline, threshold, spike. The spike rule is stated in
    ``attrs["spike_rule"]``; articles with no date are left out and counted in
    ``attrs["undated"]``.
    """
    check_timeline(freq=freq, by=by, window=window, z=z, min_articles=min_articles, top=top)
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
    return finish_timeline(grouped, span, by=by, freq=freq, window=window, z=z,
                           min_articles=min_articles, undated=int(len(articles) - len(dated)))


def finish_timeline(grouped: pd.DataFrame, span: tuple, *, by: str | None, freq: str,
                    window: int, z: float, min_articles: int, undated: int) -> pd.DataFrame:
    """The timeline from counts per (key, period): every period of `span` (first and last
    period of the dated articles) for every key, spikes flagged, the rule in attrs."""
    frame = _flag_spikes(_on_grid(grouped, span, freq), window=window, z=z,
                         min_articles=min_articles)
    frame = frame.drop(columns="key") if by is None else frame.rename(columns={"key": by})
    frame.attrs.update(spike_rule=spike_rule(freq=freq, window=window, z=z,
                                             min_articles=min_articles),
                       undated=undated, freq=freq)
    return frame


def period_start(times: pd.Series, freq: str) -> pd.Series:
    """Start of the day, week (Monday) or month each UTC time falls in, tz-naive."""
    check_choice("freq", freq, FREQS)
    naive = pd.to_datetime(times, utc=True).dt.tz_localize(None)
    return naive.dt.to_period(freq).dt.start_time


def spike_rule(*, freq: str, window: int, z: float, min_articles: int) -> str:
    """The spike rule of a timeline, in words."""
    unit = FREQS[freq]
    return (f"spike: a {unit} with more articles than the mean + {z:g} × standard deviation of "
            f"the previous {window} {unit}s (needs at least {_min_periods(window)} of them), "
            f"and at least {min_articles} articles")


def _min_periods(window: int) -> int:
    return min(window, 3)


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


def _on_grid(grouped: pd.DataFrame, span: tuple, freq: str) -> pd.DataFrame:
    """Counts per (key, period) over every period of `span`, zero where nothing was counted."""
    columns = [PERIOD, "key", ARTICLES, MENTIONS, MEAN_TONE]
    if span[0] is None or grouped.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
            columns, ["datetime64[us]", object, "int64", "int64", "float64"], strict=True)})
    periods = pd.period_range(span[0], span[1], freq=freq).start_time
    keys = sorted(grouped.index.get_level_values("key").unique())
    grid = pd.MultiIndex.from_product([keys, periods], names=["key", PERIOD])
    frame = grouped.reindex(grid).reset_index()
    frame = frame.fillna({ARTICLES: 0, MENTIONS: 0})
    frame = frame.astype({ARTICLES: "int64", MENTIONS: "int64", MEAN_TONE: "float64"})
    return frame[columns]


def _flag_spikes(frame: pd.DataFrame, *, window: int, z: float,
                 min_articles: int) -> pd.DataFrame:
    """Add baseline, threshold and spike: each series against its own previous `window` periods."""
    previous = frame.groupby("key", sort=False)[ARTICLES].shift(1).astype("float64")
    rolling = previous.groupby(frame["key"], sort=False).rolling(
        window, min_periods=_min_periods(window))
    baseline = rolling.mean().reset_index(level=0, drop=True).sort_index()
    spread = rolling.std().reset_index(level=0, drop=True).sort_index()
    out = frame.assign(**{BASELINE: baseline.astype("float64"),
                          THRESHOLD: (baseline + z * spread).astype("float64")})
    out[SPIKE] = (out[THRESHOLD].notna() & (out[ARTICLES] > out[THRESHOLD])
                  & (out[ARTICLES] >= min_articles))
    return out.reset_index(drop=True)


# --- tone by group, distribution, quotes -------------------------------------------------------

TONE_BIN = 0.05  # width of a tone histogram bin


def tone_bin_count(width: float = TONE_BIN) -> int:
    return int(round(2 / width))


def label_bins(frame: pd.DataFrame, width: float) -> pd.DataFrame:
    """bin numbers (0 = the lowest, from −1) to bin start, centre and end."""
    start = frame["bin"].astype("float64") * width - 1
    return pd.DataFrame({"start": start, "centre": start + width / 2, "end": start + width,
                         ARTICLES: frame[ARTICLES].astype("int64")})


def tone_bins(source: Tables, *, width: float = TONE_BIN) -> pd.DataFrame:
    """How many articles have each tone, in bins of `width` from −1 to 1 (the last includes 1).

    Columns: start, centre, end (of the bin), articles. Only bins with articles are rows.
    """
    tone = table(source, "articles")[schema.TONE].dropna()
    bins = np.minimum(np.floor((tone.to_numpy() + 1) / width), tone_bin_count(width) - 1)
    counts = pd.Series(bins.astype("int64")).value_counts().sort_index()
    return label_bins(pd.DataFrame({"bin": counts.index, ARTICLES: counts.to_numpy()}), width)


def tone_spread(source: Tables, *, top: int = 15) -> pd.DataFrame:
    """Article tone per source for the `top` sources with most articles: the five numbers of
    a box plot and the mean. Columns: source, articles, low, q1, median, q3, high, mean."""
    articles = table(source, "articles")
    groups = articles.assign(**{schema.SOURCE: articles[schema.SOURCE].fillna("(unknown)")}
                             ).groupby(schema.SOURCE)[schema.TONE]
    frame = pd.DataFrame({ARTICLES: groups.size(), "low": groups.min(),
                          "q1": groups.quantile(0.25), "median": groups.median(),
                          "q3": groups.quantile(0.75), "high": groups.max(),
                          "mean": groups.mean()}).reset_index()
    frame = frame.astype({ARTICLES: "int64"})
    return _ordered(frame, [ARTICLES], schema.SOURCE).head(top)

TONE_BY = ("topic", "source", "actor_type")


def tone_by(source: Tables, *, by: str = "topic") -> pd.DataFrame:
    """Mean article tone per topic, source or actor type.

    Columns: <by>, articles, tone (mean article tone, −1…1), low_evidence (articles < 5).
    Most articles first.
    """
    check_choice("by", by, TONE_BY)
    articles = table(source, "articles")[[schema.ARTICLE_ID, schema.SOURCE, schema.TONE]]
    if by == "source":
        groups = articles.assign(**{by: articles[schema.SOURCE].fillna("(unknown)")})
    elif by == "topic":
        groups = table(source, "topics")[[schema.ARTICLE_ID, schema.TOPIC]].merge(
            articles, on=schema.ARTICLE_ID)
    else:
        kinds = table(source, "mentions")[[schema.ARTICLE_ID, schema.ACTOR_TYPE]]
        groups = kinds.drop_duplicates().merge(articles, on=schema.ARTICLE_ID)
    frame = (groups.groupby(by, as_index=False)
             .agg(**{ARTICLES: (schema.ARTICLE_ID, "nunique"),
                     schema.TONE: (schema.TONE, "mean")}))
    frame = frame.astype({ARTICLES: "int64", schema.TONE: "float64"})
    frame[LOW_EVIDENCE] = frame[ARTICLES] < LOW_EVIDENCE_BELOW
    return _ordered(frame, [ARTICLES], by)


def quote_table(source: Tables) -> pd.DataFrame:
    """Every quote with its article's title, source and date, newest first.

    Columns: article_id, speaker, speaker_surface, verb, quote, start, end, title, source,
    published_at.
    """
    quotes = table(source, "quotes")
    articles = table(source, "articles")[[schema.ARTICLE_ID, schema.TITLE, schema.SOURCE,
                                          schema.PUBLISHED_AT]]
    frame = quotes.merge(articles, on=schema.ARTICLE_ID, how="inner")
    return frame.sort_values([schema.PUBLISHED_AT, schema.ARTICLE_ID, schema.START],
                             ascending=[False, True, True], na_position="last",
                             kind="stable").reset_index(drop=True)
