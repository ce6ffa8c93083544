"""Sentiment: TextBlob polarity and subjectivity, and PressLens tone of texts and toward targets."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis import schema
from analysis.enrich import vader_scores
from analysis.enrich.sentences import sentence_spans
from analysis.enrich.textblob_scores import sentiment_of
from analysis.schema import NEUTRAL_BAND

# Tone is VADER (its rules for negation, boosters and "but") over its own lexicon with the news
# lexicon merged in; plain VADER misses most of news's vocabulary of violence and disaster. The
# weights below are reproduced by analysis.evaluate.tone.fit_headline_weights and
# fit_target_weights, on the tuning splits only; docs/accuracy.md reports the held-out splits.
LEXICON = Path(__file__).resolve().parents[1] / "resources" / "news_lexicon.tsv"

# tone of a sentence = slope * (news-VADER compound + TEXTBLOB_SHARE * TextBlob polarity); the
# tone of a longer text is the plain mean of its sentences' tones. The share was chosen on the
# dev half of EmoBank's multi-sentence snippets (docs/accuracy.md), the slope then fitted by
# least squares through 0 on SemEval-2007 trial valence / 100: no sentiment words, tone 0
TEXTBLOB_SHARE = 0.3
HEADLINE_SLOPE = 0.6468

# tone toward a target = weights . features, fitted on NewsMTSC dev: least squares on -1/0/+1,
# then scaled so that the neutral band (|tone| <= 0.05) gives the best dev macro-F1
TARGET_FEATURES = ("sentence", "near", "clause")
TARGET_WEIGHTS = (0.0362, 0.1814, 0.0386)
NEAR_SCALE = 12.0  # tokens: a word k tokens from the target counts exp(-k / NEAR_SCALE)

# a clause around a target ends at these marks and conjunctions
_CLAUSE = re.compile(r"[,;:()\u2014\u2013\"“”]|\s-\s|\b(?:but|while|whereas|although|though|"
                     r"however)\b", re.IGNORECASE)
_TOKEN = re.compile(r"\S+")


def read_lexicon(path: Path = LEXICON) -> dict[str, float]:
    """The news lexicon: lower-cased word -> valence on VADER's -4…+4 scale."""
    lexicon = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, _, value = line.partition("\t")
            lexicon[word.strip().lower()] = float(value)
    return lexicon


@cache
def analyzer() -> SentimentIntensityAnalyzer:
    """VADER with the news lexicon merged over its own."""
    vader = SentimentIntensityAnalyzer()
    vader.lexicon.update(read_lexicon())
    return vader


@cache
def _emoji_characters() -> frozenset[str]:
    """The emojis VADER replaces by their description before scoring (one character each)."""
    return frozenset(emoji for emoji in analyzer().emojis if len(emoji) == 1)


def news_compound(text: str) -> float:
    """News-VADER compound score of one short text (a sentence or headline), in [-1, 1]."""
    if not text.strip():
        return 0.0
    vader = analyzer()
    if not _emoji_characters().isdisjoint(text):
        return float(vader.polarity_scores(text)["compound"])
    # what polarity_scores does to a text without emojis, without its walk over each character
    return float(vader_scores.compound(text.strip(), vader))


def sentence_signal(compound: float | np.ndarray, polarity: float | np.ndarray
                    ) -> float | np.ndarray:
    """What a sentence's tone is a multiple of: its news-VADER compound plus a share of its
    TextBlob polarity (TextBlob's lexicon of adjectives reads opinion that VADER's misses)."""
    return np.asarray(compound, dtype="float64") + TEXTBLOB_SHARE * np.asarray(polarity,
                                                                                 dtype="float64")


def _sentence_signals(text: str) -> list[float]:
    """`sentence_signal` of each sentence of `text` that has a word, in order."""
    return [float(sentence_signal(news_compound(part), sentiment_of(part)[0]))
            for part in (text[a:b] for a, b in sentence_spans(text)) if part.split()]


def text_signal(text: str) -> float:
    """`sentence_signal` of each sentence of `text`, averaged (each sentence counts once).

    VADER's single compound of a long text saturates towards ±1; the mean of its sentences
    does not. A plain mean, not one weighted by words: on multi-sentence texts rated by people
    (EmoBank) it tracks their ratings better, a long neutral sentence no longer drowning a
    short pointed one. NaN for a text without words.
    """
    signals = _sentence_signals(text)
    return math.fsum(signals) / len(signals) if signals else math.nan


def tone_from_signal(signal: float | np.ndarray) -> float | np.ndarray:
    """The tone of a sentence whose `sentence_signal` is given."""
    return np.clip(HEADLINE_SLOPE * np.asarray(signal, dtype="float64"), -1.0, 1.0)


def text_tone(text: str) -> float:
    """The PressLens tone of a text: the mean tone of its sentences (exactly rounded, as an
    article's is from its sentence rows). NaN for a text without words."""
    tones = [float(tone_from_signal(signal)) for signal in _sentence_signals(text)]
    return math.fsum(tones) / len(tones) if tones else math.nan


def score_texts(texts: Iterable[str | None]) -> pd.DataFrame:
    """polarity and subjectivity (TextBlob, whole text) and tone (PressLens), one row per text.

    A missing or blank text scores NaN in all three.
    """
    rows = []
    for text in texts:
        if not isinstance(text, str) or not text.strip():
            rows.append((math.nan, math.nan, math.nan))
            continue
        polarity, subjectivity = sentiment_of(text)
        rows.append((polarity, subjectivity, text_tone(text)))
    return pd.DataFrame(rows, columns=[schema.POLARITY, schema.SUBJECTIVITY, schema.TONE],
                        dtype="float64")


def score_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentence table with polarity (TextBlob) and tone (PressLens) of each sentence."""
    texts = sentences[schema.TEXT].tolist()
    polarity = [sentiment_of(t)[0] if isinstance(t, str) and t.strip() else math.nan
                for t in texts]
    compound = [news_compound(t) if isinstance(t, str) else math.nan for t in texts]
    polarity_array = np.array(polarity, dtype="float64")
    return sentences.assign(**{schema.POLARITY: polarity_array, schema.TONE: tone_from_signal(
        sentence_signal(np.array(compound, dtype="float64"), polarity_array))})


def score_articles(articles: pd.DataFrame, sentences: pd.DataFrame | None = None
                   ) -> pd.DataFrame:
    """The article table with polarity, subjectivity and tone of each body (title if no body),
    and `scored_from`: which of the two was read ("text", "title"; None where nothing was).

    When `sentences` (scored by `score_sentences`) is given, an article's tone is the mean tone
    of its sentences, as `score_texts` would compute it.
    """
    bodies = [text if isinstance(text, str) and text.strip() else title
              for text, title in zip(articles[schema.TEXT], articles[schema.TITLE], strict=True)]
    if sentences is None:
        scores = score_texts(bodies)
    else:
        blobs = [sentiment_of(b) if isinstance(b, str) and b.strip() else None
                 for b in bodies]
        tone = _tone_from_sentences(articles, sentences)
        for i in np.flatnonzero(np.isnan(tone)):  # no sentences: an empty body, or a title
            if isinstance(bodies[i], str) and bodies[i].strip():
                tone[i] = text_tone(bodies[i])
        scores = pd.DataFrame({
            schema.POLARITY: [b[0] if b else math.nan for b in blobs],
            schema.SUBJECTIVITY: [b[1] if b else math.nan for b in blobs],
            schema.TONE: tone}, dtype="float64")
    return articles.assign(**{column: scores[column].to_numpy() for column in scores.columns},
                           **{schema.SCORED_FROM: _scored_from(articles, scores[schema.TONE])})


def _scored_from(articles: pd.DataFrame, tone: pd.Series) -> list[str | None]:
    """What each tone was read from: the body ("text"), the title of a record without one
    ("title"), or nothing (None, where the tone is missing)."""
    return [None if math.isnan(value) else
            schema.SCORED_FROM_TEXT if isinstance(text, str) and text.strip() else
            schema.SCORED_FROM_TITLE
            for text, value in zip(articles[schema.TEXT], tone.to_numpy(), strict=True)]


def _tone_from_sentences(articles: pd.DataFrame, sentences: pd.DataFrame | None) -> np.ndarray:
    if sentences is None or sentences.empty or schema.TONE not in sentences:
        return np.full(len(articles), math.nan)
    # the sentences text_tone averages: those with a word
    tones: dict[str, list[float]] = {}
    for article_id, text, tone in zip(sentences[schema.ARTICLE_ID].tolist(),
                                      sentences[schema.TEXT].tolist(),
                                      sentences[schema.TONE].tolist(), strict=True):
        if isinstance(text, str) and text and not text.isspace():
            tones.setdefault(article_id, []).append(tone)
    # exactly rounded sums: an article's tone must not depend on which others share its batch
    return np.array([math.fsum(found) / len(found) if (found := tones.get(article_id)) else
                     math.nan for article_id in articles[schema.ARTICLE_ID].tolist()],
                    dtype="float64")


def token_valences(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start, end and news-VADER valence of each whitespace token of `text`.

    The valences are those VADER sums into its compound score (negation, boosters, capitals
    and "but" applied), here kept per word so that they can be weighed by position.
    """
    valences = vader_scores.valences(text, analyzer())
    spans = np.array([m.span() for m in _TOKEN.finditer(text)], dtype="int64").reshape(-1, 2)
    return spans[:, 0], spans[:, 1], np.asarray(valences, dtype="float64")


def target_features(text: str, start: int, end: int) -> dict[str, float]:
    """The features `score_targets` weighs for the target ``text[start:end]``.

    sentence: news-VADER valence of the whole text; near: each word's valence weighed by its
    distance from the target; clause: valence of the clause naming the target. Each is a
    valence sum squashed into (-1, 1) as VADER does; the target's own words count 0.
    """
    starts, ends, valences = token_valences(text)
    if not len(valences):
        return dict.fromkeys(TARGET_FEATURES, 0.0)
    in_target = (ends > start) & (starts < end)
    index = np.arange(len(valences))
    anchor = index[in_target] if in_target.any() else np.array([np.searchsorted(starts, start)])
    distance = np.minimum(np.abs(index - anchor.min()), np.abs(index - anchor.max()))
    valences = np.where(in_target, 0.0, valences)  # a name's own valence ("Hope", "Joy")
    begin, finish = _clause_around(text, start, end)
    in_clause = (starts >= begin) & (ends <= finish + 1)
    return {"sentence": _normalize(valences.sum()),
            "near": _normalize((valences * np.exp(-distance / NEAR_SCALE)).sum()),
            "clause": _normalize(valences[in_clause].sum())}


def _normalize(score: float, alpha: float = 15.0) -> float:
    """VADER's squashing of a valence sum into (-1, 1)."""
    return float(score / math.sqrt(score * score + alpha))


def _clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    begin, finish = -1, len(text) + 1
    for match in _CLAUSE.finditer(text):
        if match.start() < start:
            begin = match.start()
        elif match.start() >= end:
            finish = match.start()
            break
    return begin, finish


def target_feature_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """`target_features` of each row's ``text[start:end]``, one row per row of `frame`."""
    rows = [target_features(text if isinstance(text, str) else "", int(start), int(end))
            for text, start, end in zip(frame[schema.TEXT], frame[schema.START],
                                        frame[schema.END], strict=True)]
    return pd.DataFrame(rows, index=frame.index, columns=list(TARGET_FEATURES), dtype="float64")


def score_targets(frame: pd.DataFrame) -> pd.Series:
    """Tone in [-1, 1] toward the span ``start:end`` of each row's ``text`` (e.g. a person named
    in a sentence); |tone| <= 0.05 is neutral. A blank text scores NaN."""
    features = target_feature_frame(frame).to_numpy()
    tone = np.clip(features @ np.asarray(TARGET_WEIGHTS), -1.0, 1.0)
    blank = ~frame[schema.TEXT].map(lambda t: isinstance(t, str) and bool(t.strip())).to_numpy(bool)
    return pd.Series(np.where(blank, math.nan, tone), index=frame.index, dtype="float64",
                     name=schema.TONE)


def tone_class(values: pd.Series | np.ndarray | Iterable[float], *, low: float = -NEUTRAL_BAND,
               high: float = NEUTRAL_BAND) -> pd.Series:
    """"negative" below `low`, "positive" above `high`, "neutral" between (inclusive; by
    default within ±NEUTRAL_BAND). A missing tone (NaN) stays missing (None); a Series keeps
    its index."""
    index = values.index if isinstance(values, pd.Series) else None
    tones = pd.Series(np.asarray(values, dtype="float64"), index=index)
    labels = np.where(tones > high, "positive",
                      np.where(tones < low, "negative", "neutral")).astype(object)
    labels[tones.isna().to_numpy()] = None
    return pd.Series(labels, index=tones.index, name="tone_class", dtype=object)
