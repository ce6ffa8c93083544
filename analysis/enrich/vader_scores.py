"""VADER's valences and compound score of a text: the same floats as its own, sooner.

For each sentiment word it meets, VADER lower-cases every word of the text again (in its
negation and idiom checks), so a sentence costs the square of its length; and it strips the
punctuation of every token anew. `valences` lower-cases each token once, remembers each
token's stripped form, and applies VADER's rules in VADER's order ("no", capitals, boosters
and dampeners with their decay, negation, "never so", idioms, "least", then "but" by VADER's
own function), so its sums are the same floats. It takes the analyser whose lexicon it reads
(PressLens merges its news lexicon in). Emojis are the caller's to replace (VADER's
`polarity_scores` does that first). tests/enrich/test_vader_scores.py holds it to VADER on
every sentence of the shared corpora.
"""

from __future__ import annotations

import string

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
    normalize,
    scalar_inc_dec,
)

_NEGATIONS = frozenset(NEGATE)
_MEMO_TOKENS = 500_000  # distinct tokens remembered (a long-lived process starts afresh)
_STRIPPED: dict[str, str] = {}


def compound(text: str, vader: SentimentIntensityAnalyzer) -> float:
    """VADER's compound score of `text` (stripped, without emojis), rounded as VADER rounds."""
    found = valences(text, vader)
    if not found:
        return 0.0
    total = float(sum(found))
    emphasis = vader._punctuation_emphasis(text)  # noqa: SLF001  # VADER's own rule
    if total > 0:
        total += emphasis
    elif total < 0:
        total -= emphasis
    return round(normalize(total), 4)


def valences(text: str, vader: SentimentIntensityAnalyzer) -> list[float]:
    """The valence VADER sums for each whitespace token of `text`."""
    words = [_strip(token) for token in text.split()]
    lowers = [word.lower() for word in words]
    capitals = sum(word.isupper() for word in words)
    cap_diff = 0 < len(words) - capitals < len(words)
    lexicon = vader.lexicon
    found: list[float] = []
    for i, lower in enumerate(lowers):
        if lower not in lexicon or lower in BOOSTER_DICT or (
                lower == "kind" and i + 1 < len(lowers) and lowers[i + 1] == "of"):
            found.append(0)
        else:
            found.append(_valence(i, words, lowers, cap_diff, lexicon))
    if "but" in lowers:
        found = vader._but_check(words, found)  # noqa: SLF001  # its quirks kept
    return found


def _strip(token: str) -> str:
    """VADER's `_strip_punc_if_word`, remembered."""
    stripped = _STRIPPED.get(token)
    if stripped is None:
        if len(_STRIPPED) >= _MEMO_TOKENS:
            _STRIPPED.clear()
        bare = token.strip(string.punctuation)
        stripped = _STRIPPED[token] = token if len(bare) <= 2 else bare
    return stripped


def _valence(i: int, words: list[str], lowers: list[str], cap_diff: bool,
             lexicon: dict[str, float]) -> float:
    """VADER's `sentiment_valence` of the sentiment word at `i`."""
    lower = lowers[i]
    valence = lexicon[lower]
    if lower == "no" and i != len(words) - 1 and lowers[i + 1] in lexicon:
        valence = 0.0
    if ((i > 0 and lowers[i - 1] == "no") or (i > 1 and lowers[i - 2] == "no")
            or (i > 2 and lowers[i - 3] == "no" and lowers[i - 1] in ("or", "nor"))):
        valence = lexicon[lower] * N_SCALAR
    if words[i].isupper() and cap_diff:
        valence = valence + C_INCR if valence > 0 else valence - C_INCR
    for start_i in range(3):
        if i > start_i and lowers[i - (start_i + 1)] not in lexicon:
            scalar = scalar_inc_dec(words[i - (start_i + 1)], valence, cap_diff)
            if start_i == 1 and scalar != 0:
                scalar = scalar * 0.95
            if start_i == 2 and scalar != 0:
                scalar = scalar * 0.9
            valence = valence + scalar
            valence = _negation(valence, lowers, start_i, i)
            if start_i == 2:
                valence = _idioms(valence, lowers, i)
    return _least(valence, lowers, i, lexicon)


def _negated(lower: str) -> bool:
    return lower in _NEGATIONS or "n't" in lower


def _negation(valence: float, lowers: list[str], start_i: int, i: int) -> float:
    """VADER's `_negation_check`."""
    if start_i == 0 and _negated(lowers[i - 1]):
        valence = valence * N_SCALAR
    if start_i == 1:
        if lowers[i - 2] == "never" and lowers[i - 1] in ("so", "this"):
            valence = valence * 1.25
        elif lowers[i - 2] == "without" and lowers[i - 1] == "doubt":
            pass
        elif _negated(lowers[i - 2]):
            valence = valence * N_SCALAR
    if start_i == 2:
        if (lowers[i - 3] == "never" and lowers[i - 2] in ("so", "this")
                or lowers[i - 1] in ("so", "this")):
            valence = valence * 1.25
        elif lowers[i - 3] == "without" and "doubt" in (lowers[i - 2], lowers[i - 1]):
            pass
        elif _negated(lowers[i - 3]):
            valence = valence * N_SCALAR
    return valence


def _idioms(valence: float, lowers: list[str], i: int) -> float:
    """VADER's `_special_idioms_check` (called for i > 2 only)."""
    one, two, three = lowers[i - 1], lowers[i - 2], lowers[i - 3]
    here = lowers[i]
    twoone = f"{two} {one}"
    threetwoone = f"{three} {two} {one}"
    threetwo = f"{three} {two}"
    for sequence in (f"{one} {here}", f"{two} {one} {here}", twoone, threetwoone, threetwo):
        if sequence in SPECIAL_CASES:
            valence = SPECIAL_CASES[sequence]
            break
    if len(lowers) - 1 > i:
        zeroone = f"{here} {lowers[i + 1]}"
        if zeroone in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroone]
    if len(lowers) - 1 > i + 1:
        zeroonetwo = f"{here} {lowers[i + 1]} {lowers[i + 2]}"
        if zeroonetwo in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in BOOSTER_DICT:
            valence = valence + BOOSTER_DICT[n_gram]
    return valence


def _least(valence: float, lowers: list[str], i: int, lexicon: dict[str, float]) -> float:
    """VADER's `_least_check`."""
    if i > 1 and lowers[i - 1] not in lexicon and lowers[i - 1] == "least":
        if lowers[i - 2] != "at" and lowers[i - 2] != "very":
            valence = valence * N_SCALAR
    elif i > 0 and lowers[i - 1] not in lexicon and lowers[i - 1] == "least":
        valence = valence * N_SCALAR
    return valence
