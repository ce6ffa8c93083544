"""Analyst topics: a user-editable keyword taxonomy with evidence, and topics discovered by NMF."""

from __future__ import annotations

import bisect
import hashlib
import json
import re
import warnings
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick
import numpy as np
import pandas as pd
import yaml
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis import settings
from analysis.enrich.keywords import stop_words
from analysis.enrich.spans import Spans
from analysis.enrich.term_counts import TermCounts
from analysis.schema import (
    ARTICLE_ID,
    TEXT,
    TITLE,
    TOPIC,
    TOPIC_COLUMNS,
    conform,
)

BUILTIN_TAXONOMY = Path(__file__).resolve().parents[1] / "resources" / "topics.yaml"
DEFAULT_WINDOW = 10
# part of taxonomy_version: bump it when matching behaves differently, so stored hits are redone
MATCHER_VERSION = 1

# columns of the two tables `discover_topics` returns
WEIGHT = "weight"
LABEL = "label"
TERMS = "terms"
DISCOVERED_COLUMNS: dict[str, str] = {ARTICLE_ID: "str", TOPIC: "int", WEIGHT: "float"}
DISCOVERED_TERM_COLUMNS: dict[str, str] = {TOPIC: "int", LABEL: "str", TERMS: "list",
                                           WEIGHT: "float"}

_TOPIC_KEYS = ("name", "description", "keywords", "rules", "excludes", "min_hits")
_RULE_KEYS = ("keywords", "requires_any", "window")
# every non-word character but the space (most of the matches, each made a space again)
_NON_WORD = re.compile(r"[^\w ]|_")
_WORDS = re.compile(r"\S+")
_TOKEN_PATTERN = r"(?u)\b[^\W\d_]{2,}\b"


@dataclass(frozen=True)
class Rule:
    """Keywords that count only within `window` words of one of `requires_any`."""

    keywords: tuple[str, ...]
    requires_any: tuple[str, ...]
    window: int = DEFAULT_WINDOW


@dataclass(frozen=True)
class Topic:
    """One taxonomy topic: plain keywords, context rules, excluding phrases, minimum hits."""

    name: str
    description: str
    keywords: tuple[str, ...]
    rules: tuple[Rule, ...] = ()
    excludes: tuple[str, ...] = ()
    min_hits: int = 1


@dataclass(frozen=True)
class Taxonomy:
    """An ordered set of topics, as read from a YAML file."""

    topics: tuple[Topic, ...]

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.topics]


# --- reading and checking a taxonomy -------------------------------------------------------


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Read a taxonomy: `path`, else the `topics_file` setting, else the built-in one."""
    if path is None or str(path) == "":
        path = str(settings.get("topics_file")) or BUILTIN_TAXONOMY
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"topic taxonomy {path} not found (setting topics_file, "
                                f"env PRESSLENS_TOPICS_FILE; built-in: {BUILTIN_TAXONOMY})")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not valid YAML: {exc}") from None
    return parse_taxonomy(raw, name=str(path))


def parse_taxonomy(raw: object, *, name: str = "taxonomy") -> Taxonomy:
    """Check and convert the parsed YAML (a mapping with a `topics` list) into a Taxonomy."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("topics"), list):
        raise ValueError(f"{name}: expected a mapping with a 'topics' list")
    topics = tuple(_parse_topic(entry, where=f"{name}: topic {i + 1}")
                   for i, entry in enumerate(raw["topics"]))
    if not topics:
        raise ValueError(f"{name}: 'topics' is empty")
    names = [t.name for t in topics]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValueError(f"{name}: topic names must be unique, repeated: {repeated}")
    return Taxonomy(topics)


def _parse_topic(entry: object, *, where: str) -> Topic:
    if not isinstance(entry, Mapping):
        raise ValueError(f"{where}: expected a mapping with keys {list(_TOPIC_KEYS)}")
    unknown = sorted(set(entry) - set(_TOPIC_KEYS))
    if unknown:
        raise ValueError(f"{where}: unknown keys {unknown}; valid: {list(_TOPIC_KEYS)}")
    for key in ("name", "description"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise ValueError(f"{where}: '{key}' must be a non-empty string")
    where = f"{where} ({entry['name']!r})"
    rules = entry.get("rules") or []
    if not isinstance(rules, list):
        raise ValueError(f"{where}: 'rules' must be a list of mappings")
    return Topic(
        name=entry["name"].strip(),
        description=entry["description"].strip(),
        keywords=_terms(entry.get("keywords"), where=f"{where} keywords"),
        rules=tuple(_parse_rule(r, where=f"{where} rule {i + 1}") for i, r in enumerate(rules)),
        excludes=_terms(entry.get("excludes") or [], where=f"{where} excludes", empty_ok=True),
        min_hits=_positive_int(entry.get("min_hits", 1), where=f"{where} min_hits"),
    )


def _parse_rule(rule: object, *, where: str) -> Rule:
    if not isinstance(rule, Mapping):
        raise ValueError(f"{where}: expected a mapping with keys {list(_RULE_KEYS)}")
    unknown = sorted(set(rule) - set(_RULE_KEYS))
    if unknown:
        raise ValueError(f"{where}: unknown keys {unknown}; valid: {list(_RULE_KEYS)}")
    return Rule(
        keywords=_terms(rule.get("keywords"), where=f"{where} keywords"),
        requires_any=_terms(rule.get("requires_any"), where=f"{where} requires_any"),
        window=_positive_int(rule.get("window", DEFAULT_WINDOW), where=f"{where} window"),
    )


def _terms(value: object, *, where: str, empty_ok: bool = False) -> tuple[str, ...]:
    if not isinstance(value, list) or (not value and not empty_ok):
        raise ValueError(f"{where}: expected a non-empty list of words or phrases")
    for term in value:
        if not isinstance(term, str) or not _normalise(term.rstrip("*")).strip():
            raise ValueError(f"{where}: {term!r} is not a word or phrase")
        if "*" in term.rstrip("*") or term.endswith("**"):
            raise ValueError(f"{where}: {term!r}: '*' may only end a keyword")
    return tuple(term.strip() for term in value)


def _positive_int(value: object, *, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{where}: expected a whole number >= 1, got {value!r}")
    return value


def taxonomy_version(taxonomy: Taxonomy) -> str:
    """A stable hash of the taxonomy's content and the matcher; changes when hits would."""
    payload = {"matcher": MATCHER_VERSION, "topics": [asdict(t) for t in taxonomy.topics]}
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]


# --- matching the taxonomy -----------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    """What one automaton key stands for in one topic."""

    topic: int
    role: str  # "hit", "context" or "exclude"
    rule: int  # -1 for a topic's plain keywords, else the index of its rule
    stem: bool  # the keyword ended in '*': any word ending matches
    capitals: str | None  # the keyword as written, when it matches only text in capitals


def _normalise(text: str) -> str:
    """Lower case with every non-word character made a space; as long as `text`."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower to two ("İ"): keep offsets aligned
        lowered = "".join(ch.lower()[0] for ch in text)
    return _NON_WORD.sub(" ", lowered)


def _is_capitals(term: str) -> bool:
    letters = [ch for ch in term if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


@lru_cache(maxsize=8)
def _automaton(taxonomy: Taxonomy) -> ahocorasick.Automaton:
    """One Aho-Corasick automaton over every keyword, context word and exclusion."""
    entries: dict[str, list[_Entry]] = {}

    def add(term: str, topic: int, role: str, rule: int) -> None:
        bare = term.rstrip("*")
        key = " ".join(_normalise(bare).split())
        capitals = " ".join(_NON_WORD.sub(" ", bare).split()) if _is_capitals(bare) else None
        entries.setdefault(key, []).append(_Entry(topic, role, rule, term.endswith("*"),
                                                  capitals))

    for i, topic in enumerate(taxonomy.topics):
        for term in topic.keywords:
            add(term, i, "hit", -1)
        for r, rule in enumerate(topic.rules):
            for term in rule.keywords:
                add(term, i, "hit", r)
            for term in rule.requires_any:
                add(term, i, "context", r)
        for term in topic.excludes:
            add(term, i, "exclude", -1)
    automaton = ahocorasick.Automaton()
    for key, found in entries.items():
        automaton.add_word(key, (len(key), tuple(found)))
    automaton.make_automaton()
    return automaton


Span = tuple[int, int, str, int]  # start, end, role, rule


def _scan(text: str, automaton: ahocorasick.Automaton) -> tuple[dict[int, list[Span]], str]:
    """Every whole-word match in `text`, grouped by topic, with the normalised text."""
    norm = _normalise(text)
    size = len(norm)
    found: dict[int, list[Span]] = {}
    for last, (length, entries) in automaton.iter(norm):
        start, end = last - length + 1, last + 1
        if start > 0 and norm[start - 1] != " ":
            continue
        whole = end == size or norm[end] == " "
        for entry in entries:
            if entry.stem:
                stop = norm.find(" ", end)
                stop = size if stop < 0 else stop
            elif whole:
                stop = end
            else:
                continue
            if entry.capitals and _NON_WORD.sub(" ", text[start:end]) != entry.capitals:
                continue
            found.setdefault(entry.topic, []).append((start, stop, entry.role, entry.rule))
    return found, norm


def _topic_hits(topic: Topic, spans: list[Span], words: _Words) -> list[tuple[int, int]]:
    """The topic's hits: not inside an exclusion, near context where a rule asks, no overlaps."""
    excluded = Spans((s, e) for s, e, role, _ in spans if role == "exclude")
    found: dict[int, list[tuple[int, int]]] = {}
    for s, e, role, r in spans:
        if role == "context" and not excluded.overlaps(s, e):
            found.setdefault(r, []).append((s, e))
    context = {r: _Context(places, words) for r, places in found.items()}
    kept: list[tuple[int, int]] = []
    for s, e, role, r in sorted(spans, key=lambda span: (span[0], span[0] - span[1])):
        if role != "hit" or excluded.overlaps(s, e):
            continue
        if r >= 0 and (r not in context or not context[r].near(s, e, topic.rules[r].window)):
            continue
        if kept and s < kept[-1][1]:  # overlaps an earlier (or longer) hit: counted once
            continue
        kept.append((s, e))
    return kept


class _Words:
    """The words (runs of non-space) of a normalised text, to count those between two points
    without slicing the text: a long story has thousands of hits and contexts."""

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.starts: list[int] | None = None  # made on first use: most texts need none
        self.ends: list[int] = []

    def between(self, start: int, end: int) -> int:
        """len(norm[start:end].split()): the words that start before `end` and end after
        `start`."""
        if start >= end:
            return 0
        if end - start < 200:  # a short gap: slicing is cheaper than the index
            return len(self.norm[start:end].split())
        if self.starts is None:
            found = [(m.start(), m.end()) for m in _WORDS.finditer(self.norm)]
            self.starts = [begin for begin, _ in found]
            self.ends = [finish for _, finish in found]
        return bisect.bisect_left(self.starts, end) - bisect.bisect_right(self.ends, start)


class _Context:
    """A rule's context matches in a text: is one within `window` words of a hit? Only the
    nearest before it and the nearest after it can be, or one overlapping it."""

    def __init__(self, places: list[tuple[int, int]], words: _Words) -> None:
        self.spans = Spans(places)
        self.ends = sorted(e for _, e in places)
        self.starts = sorted(s for s, _ in places)
        self.words = words

    def near(self, start: int, end: int, window: int) -> bool:
        if self.spans.overlaps(start, end):
            return True
        before = bisect.bisect_right(self.ends, start)  # contexts ending at or before `start`
        if before and self.words.between(self.ends[before - 1], start) <= window:
            return True
        after = bisect.bisect_left(self.starts, end)  # contexts starting at or after `end`
        return after < len(self.starts) and self.words.between(end, self.starts[after]) <= window


def _documents(articles: pd.DataFrame) -> list[str]:
    """Title and text of each article, the title first."""
    missing = [c for c in (ARTICLE_ID, TEXT) if c not in articles.columns]
    if missing:
        raise ValueError(f"articles: missing columns {missing}; need {[ARTICLE_ID, TEXT]} "
                         f"(and {TITLE!r} when there is one)")
    texts = articles[TEXT].where(articles[TEXT].notna(), "").astype(str)
    if TITLE not in articles.columns:
        return texts.tolist()
    titles = articles[TITLE].where(articles[TITLE].notna(), "").astype(str)
    return [f"{t}\n\n{x}".strip() for t, x in zip(titles, texts, strict=True)]


def find_topics(articles: pd.DataFrame, *, taxonomy: Taxonomy | None = None) -> pd.DataFrame:
    """One row per (article, taxonomy topic) with at least the topic's `min_hits` hits.

    Matches title and text. `hits` counts non-overlapping matches; `evidence` lists the distinct
    matched words as written in the article, in order of first appearance.
    """
    taxonomy = taxonomy or load_taxonomy()
    automaton = _automaton(taxonomy)
    rows = []
    for article_id, text in zip(articles[ARTICLE_ID], _documents(articles), strict=True):
        found, norm = _scan(text, automaton)
        words = _Words(norm)
        for i in sorted(found):
            topic = taxonomy.topics[i]
            kept = _topic_hits(topic, found[i], words)
            if len(kept) >= topic.min_hits:
                evidence = list(dict.fromkeys(text[s:e] for s, e in kept))
                rows.append((article_id, topic.name, len(kept), evidence))
    frame = pd.DataFrame(rows, columns=list(TOPIC_COLUMNS))
    return conform(frame, TOPIC_COLUMNS, name="topic table")


# --- topics discovered from the corpus -------------------------------------------------------


def discover_topics(articles: pd.DataFrame, *, n_topics: int = 12, top_terms: int = 8,
                    random_state: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Topics found in the corpus itself by NMF over TF-IDF of title and text.

    Returns `(weights, terms)`. `weights` has each article's strongest topic, and any other at
    least half as strong, with its share of the article's topic mass. `terms` has each topic's
    top terms, a label of the first three, and its share of the whole corpus; topic 0 is the
    largest. Deterministic for a corpus and `random_state`; a tiny corpus gets fewer topics.
    """
    if n_topics < 1 or top_terms < 1:
        raise ValueError(f"n_topics={n_topics} and top_terms={top_terms} must both be >= 1")
    matrix, vocabulary = _tfidf(_documents(articles))
    if matrix is None:
        return (conform(pd.DataFrame(columns=list(DISCOVERED_COLUMNS)), DISCOVERED_COLUMNS,
                        name="discovered topics"),
                conform(pd.DataFrame(columns=list(DISCOVERED_TERM_COLUMNS)),
                        DISCOVERED_TERM_COLUMNS, name="discovered topic terms"))
    # no more topics than articles with words, or than words
    k = min(n_topics, int((matrix.getnnz(axis=1) > 0).sum()), matrix.shape[1])
    doc_topic, topic_term = _nmf(matrix, k, random_state)
    mass = doc_topic.sum(axis=0)
    order = [t for t in np.argsort(-mass, kind="stable") if mass[t] > 0]
    doc_topic, topic_term = doc_topic[:, order], topic_term[order]
    return (_weights_table(articles[ARTICLE_ID].tolist(), doc_topic),
            _terms_table(topic_term, vocabulary, doc_topic, top_terms=top_terms))


def _tfidf(docs: list[str]) -> tuple[Any, Any]:
    """TF-IDF of `docs` (a scipy sparse matrix) and its vocabulary; (None, None) for no words.

    Each text is tokenised once per process (`_tokens`); the vectorizer then counts its
    tokens, fed to it in their order of first occurrence, so its vocabulary and matrix are
    those of the same vectorizer over the texts themselves."""
    rows = _tokens().rows(docs)

    def analyze(i: int) -> list[str]:
        span = slice(rows.starts[i], rows.starts[i + 1])
        return [rows.terms[j] for j in np.repeat(rows.ids[span], rows.counts[span]).tolist()]

    large = len(docs) >= 10  # document-frequency cut-offs only make sense over many articles
    vectorizer = TfidfVectorizer(analyzer=analyze, sublinear_tf=True,
                                 min_df=2 if large else 1, max_df=0.5 if large else 1.0,
                                 max_features=20_000)
    try:
        matrix = vectorizer.fit_transform(range(len(docs)))
    except ValueError:  # no words left: no articles, empty texts, or only stop words
        return None, None
    return matrix, vectorizer.get_feature_names_out()


def count_texts(articles: pd.DataFrame) -> int:
    """Tokenise the articles' titles and texts now, as `discover_topics` would, so that its
    later TF-IDF of any of them skips tokenising (a mining process warming up). Returns how
    many texts this process holds tokens of."""
    tokens = _tokens()
    tokens.rows(_documents(articles))
    return len(tokens)


@lru_cache(maxsize=1)
def _tokens() -> TermCounts:
    """Each text's words as TF-IDF sees them (lower case, two letters or more, no stop
    words), tokenised once per process (`analysis.enrich.term_counts`)."""
    return TermCounts(TfidfVectorizer(stop_words=sorted(stop_words()),
                                      token_pattern=_TOKEN_PATTERN).build_analyzer())


def _nmf(matrix: Any, k: int, random_state: int) -> tuple[np.ndarray, np.ndarray]:
    model = NMF(n_components=k, init="nndsvda", random_state=random_state, max_iter=400)
    with warnings.catch_warnings():
        # a factorisation stopped at max_iter still gives usable topics: not worth failing over
        warnings.simplefilter("ignore", ConvergenceWarning)
        # an exact fit (one article) leaves a residual of -1e-17, whose square root NMF takes
        warnings.filterwarnings("ignore", "invalid value encountered in sqrt", RuntimeWarning)
        doc_topic = model.fit_transform(matrix)
    return doc_topic, model.components_


def _weights_table(ids: list[str], doc_topic: np.ndarray) -> pd.DataFrame:
    rows = []
    totals = doc_topic.sum(axis=1)
    for article_id, row, total in zip(ids, doc_topic, totals, strict=True):
        if total <= 0:
            continue
        share = row / total
        strong = np.flatnonzero(share >= share.max() / 2)
        for t in sorted(strong, key=lambda t: -share[t]):
            rows.append((article_id, int(t), float(share[t])))
    frame = pd.DataFrame(rows, columns=list(DISCOVERED_COLUMNS))
    return conform(frame, DISCOVERED_COLUMNS, name="discovered topics")


def _terms_table(topic_term: np.ndarray, vocabulary: np.ndarray, doc_topic: np.ndarray, *,
                 top_terms: int) -> pd.DataFrame:
    mass = doc_topic.sum(axis=0)
    rows = []
    for t, row in enumerate(topic_term):
        best = [j for j in np.argsort(-row, kind="stable")[:top_terms] if row[j] > 0]
        terms = [str(vocabulary[j]) for j in best]
        rows.append((t, ", ".join(terms[:3]), terms, float(mass[t] / mass.sum())))
    frame = pd.DataFrame(rows, columns=list(DISCOVERED_TERM_COLUMNS))
    return conform(frame, DISCOVERED_TERM_COLUMNS, name="discovered topic terms")
