"""Column names and types of PressLens's tables, checked where frames enter or leave the store."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

SCHEMA_VERSION = 8

# --- the article table: one row per article -------------------------------------------------
ARTICLE_ID = "article_id"
TITLE = "title"
TEXT = "text"
SOURCE = "source"
BYLINE = "byline"
DATELINE = "dateline"
PUBLISHED_AT = "published_at"
URL = "url"
SECTION = "section"
LANGUAGE = "language"
RELATED_HEADLINES = "related_headlines"
SOURCE_ID = "source_id"
ORIGIN = "origin"
CONTENT_HASH = "content_hash"
# beyond the public core: what cleaning found and kept apart from the text
TEASER = "teaser"
CREDITS = "credits"
BOILERPLATE = "boilerplate"
FORMAT = "format"
# reference labels carried by archives (Reuters-21578 tags, GDELT GKG fields)
REF_TOPICS = "ref_topics"
REF_PLACES = "ref_places"
REF_PEOPLE = "ref_people"
REF_ORGS = "ref_orgs"
REF_TONE = "ref_tone"

# kind of each column: "str", "list" (list of str), "credits" (list of dicts), "time", "float",
# "int" (nullable integer)
ARTICLE_COLUMNS: dict[str, str] = {
    ARTICLE_ID: "str",
    TITLE: "str",
    TEXT: "str",
    SOURCE: "str",
    BYLINE: "list",
    DATELINE: "str",
    PUBLISHED_AT: "time",
    URL: "str",
    SECTION: "list",
    LANGUAGE: "str",
    RELATED_HEADLINES: "list",
    SOURCE_ID: "str",
    ORIGIN: "str",
    CONTENT_HASH: "str",
    TEASER: "str",
    CREDITS: "credits",
    BOILERPLATE: "list",
    FORMAT: "str",
    REF_TOPICS: "list",
    REF_PLACES: "list",
    REF_PEOPLE: "list",
    REF_ORGS: "list",
    REF_TONE: "float",
}

# keys of one credit: {"role": "additional reporting", "name": "Fredrik Dahl", "place": "Tehran"}
CREDIT_KEYS = ("role", "name", "place")

# --- the rejects table: one row per record that could not be loaded --------------------------
REJECT_FILE = "file"
REJECT_RECORD = "record"
REJECT_REASON = "reason"
REJECT_COLUMNS: dict[str, str] = {REJECT_FILE: "str", REJECT_RECORD: "str", REJECT_REASON: "str"}

# --- notes: what cleaning noticed about an article it kept (`analysis.clean.notes`) ---------
NOTE = "note"        # its kind: "no date", "ambiguous date", ...
NOTE_DETAIL = "detail"
NOTE_COLUMNS: dict[str, str] = {ARTICLE_ID: "str", REJECT_FILE: "str", REJECT_RECORD: "str",
                                NOTE: "str", NOTE_DETAIL: "str"}


def empty_value(kind: str) -> object:
    """The value a column of `kind` takes when a loader knows nothing about it."""
    return {"str": None, "list": [], "credits": [], "time": pd.NaT, "float": float("nan"),
            "int": pd.NA, "bool": False}[kind]


def empty_frame(columns: Mapping[str, str]) -> pd.DataFrame:
    """A frame with `columns` and no rows, each column typed as the schema says."""
    return conform(pd.DataFrame({name: [] for name in columns}), columns, name="empty frame")


def conform(frame: pd.DataFrame, columns: Mapping[str, str], *, name: str) -> pd.DataFrame:
    """Return `frame` with exactly `columns`, in order and typed; raise if one is missing."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name}: missing columns {missing}; expected {list(columns)}")
    out = frame.loc[:, list(columns)].copy()
    for column, kind in columns.items():
        if kind == "time":
            out[column] = pd.to_datetime(out[column], utc=True, errors="raise").astype(
                "datetime64[us, UTC]"
            )
        elif kind == "int":
            out[column] = pd.to_numeric(out[column], errors="raise").astype("Int64")
        elif kind == "float":
            out[column] = pd.to_numeric(out[column], errors="raise").astype("float64")
        elif kind == "str":
            out[column] = out[column].astype(object).where(out[column].notna(), None)
        elif kind == "bool":
            out[column] = out[column].fillna(False).astype(bool)
        else:
            values = [list(v) if isinstance(v, (list, tuple)) or hasattr(v, "tolist") else []
                      for v in out[column]]
            out[column] = pd.Series(values, index=out.index, dtype=object)
    return out.reset_index(drop=True)


def validate_articles(frame: pd.DataFrame) -> pd.DataFrame:
    """Check and type an article table; the store calls this on the way in and out."""
    out = conform(frame, ARTICLE_COLUMNS, name="article table")
    if out[ARTICLE_ID].isna().any():
        raise ValueError("article table: article_id must never be missing")
    if out[ARTICLE_ID].duplicated().any():
        dupes = out.loc[out[ARTICLE_ID].duplicated(), ARTICLE_ID].head(3).tolist()
        raise ValueError(f"article table: article_id must be unique, repeated: {dupes}")
    return out


# --- enrichment tables (issue 3): tidy, long, joined by article_id --------------------------
# added to the article table by `analyze`
POLARITY = "polarity"          # TextBlob polarity in [-1, 1]
SUBJECTIVITY = "subjectivity"  # TextBlob subjectivity in [0, 1]
TONE = "tone"                  # PressLens news-tone score in [-1, 1]; |tone| <= 0.05 is neutral
WORD_COUNT = "word_count"
DUPLICATE_OF = "duplicate_of"  # article_id of the first article of its near-duplicate cluster
# what tone, topics and actors were found in: "text" (the body), "title" (a title-only record),
# or missing: not scored, for the article is in a language the enrichment does not read
SCORED_FROM = "scored_from"
SCORED_FROM_TEXT, SCORED_FROM_TITLE = "text", "title"
# the languages enrichment reads (TextBlob, VADER, the actor table and the taxonomy are English);
# an article known to be in another is stored with its tone, topics and actors not scored
SCORED_LANGUAGES = ("en",)

NEUTRAL_BAND = 0.05

# one row per sentence of an article's `text`
SENTENCE = "sentence"  # 0-based index of the sentence within the article
START = "start"        # character offsets into the article's `text`, end exclusive
END = "end"
SENTENCE_COLUMNS: dict[str, str] = {
    ARTICLE_ID: "str", SENTENCE: "int", TEXT: "str", START: "int", END: "int",
    POLARITY: "float", TONE: "float",
}

# one row per actor mention; `sentence` is -1 for the dateline and -2 for the title (with
# start = end = -1: they lie outside `text`)
ACTOR_ID = "actor_id"
ACTOR = "actor"            # canonical name, e.g. "United States"
ACTOR_TYPE = "actor_type"  # one of ACTOR_TYPES
COUNTRY_CODE = "country_code"  # ISO 3166 alpha-3 the mention stands for or lies in
SURFACE = "surface"        # the words as written in the text
ACTOR_TYPES = ("country", "person", "organisation", "group", "place")
MENTION_COLUMNS: dict[str, str] = {
    ARTICLE_ID: "str", ACTOR_ID: "str", ACTOR: "str", ACTOR_TYPE: "str", COUNTRY_CODE: "str",
    SURFACE: "str", SENTENCE: "int", START: "int", END: "int",
}

# one row per name the statistical tagger finds in an article's text (analysis/enrich/names.py)
NAME_KIND = "kind"  # person, organisation or place
NAME_COLUMNS: dict[str, str] = {
    ARTICLE_ID: "str", START: "int", END: "int", NAME_KIND: "str", SURFACE: "str",
}

# one row per (article, taxonomy topic) hit
TOPIC = "topic"
HITS = "hits"
EVIDENCE = "evidence"  # list of the matched words/phrases
TOPIC_COLUMNS: dict[str, str] = {ARTICLE_ID: "str", TOPIC: "str", HITS: "int", EVIDENCE: "list"}

# one row per quote: direct (the words in quotation marks), or indirect ("…, according to X":
# the words reported, no quotation marks; the verb is "according to")
SPEAKER = "speaker"                  # canonical actor name
SPEAKER_SURFACE = "speaker_surface"  # as written ("Crocker", "he")
VERB = "verb"
QUOTE = "quote"
INDIRECT = "indirect"                # True for words reported by a source, not quoted
QUOTE_COLUMNS: dict[str, str] = {
    ARTICLE_ID: "str", SPEAKER: "str", SPEAKER_SURFACE: "str", VERB: "str", QUOTE: "str",
    START: "int", END: "int", INDIRECT: "bool",
}

# one row per casualty report
EVENT = "event"
PLACE = "place"
KILLED = "killed"
WOUNDED = "wounded"
EVENT_COLUMNS: dict[str, str] = {
    ARTICLE_ID: "str", EVENT: "str", PLACE: "str", KILLED: "int", WOUNDED: "int",
}

# one row per stored article: what `analyze` adds to the article table, kept apart in the store
SCORE_COLUMNS: dict[str, str] = {
    ARTICLE_ID: "str", POLARITY: "float", SUBJECTIVITY: "float", TONE: "float",
    WORD_COUNT: "int", DUPLICATE_OF: "str", SCORED_FROM: "str",
}

# the enrichment tables the store keeps, by table name
ENRICHMENT_TABLES: dict[str, dict[str, str]] = {
    "scores": SCORE_COLUMNS,
    "sentences": SENTENCE_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "topics": TOPIC_COLUMNS,
    "quotes": QUOTE_COLUMNS,
    "events": EVENT_COLUMNS,
}


# --- answers of `analysis.query` (beyond the columns above) -----------------------------------
ARTICLES = "articles"        # number of distinct articles
MENTIONS = "mentions"        # number of actor mentions
SHARE = "share"              # fraction of all articles, 0..1
N_SENTENCES = "n_sentences"  # sentences a tone is averaged over
LOW_EVIDENCE = "low_evidence"
AMBIGUOUS = "ambiguous"      # a surname alone left apart: several people of that name around it
LOW_EVIDENCE_BELOW = 5  # an actor's tone resting on fewer sentences than this is flagged
PERIOD = "period"            # start of a day, week (Monday) or month, UTC, tz-naive
MEAN_TONE = "mean_tone"
BASELINE = "baseline"        # rolling mean of the previous periods' article counts
THRESHOLD = "threshold"      # baseline + z × rolling std: a count above it is a spike
SPIKE = "spike"
ACTOR_A = "actor_a"
ACTOR_B = "actor_b"
COUNT = "count"
TERM = "term"                # a keyword: a word or phrase
N_WORDS = "n_words"
KEYWORD_COLUMNS: dict[str, str] = {TERM: "str", N_WORDS: "int", COUNT: "int", ARTICLES: "int"}
UNKNOWN = "(unknown)"  # how an article with no source (or language) is counted and shown

# --- the store's history: each ingest and each removal ----------------------------------------
INGEST_ID = "ingest_id"      # 1, 2, ... in the order ingests landed; never reused
REMOVAL_ID = "removal_id"
