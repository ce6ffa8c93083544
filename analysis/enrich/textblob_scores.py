"""TextBlob's polarity and subjectivity (its PatternAnalyzer): the same floats, far sooner.

`TextBlob(text).sentiment` builds a namedtuple class on every call, looks every word up through
a lazily loading dict and tests every short token against each emoticon set. `sentiment_of`
reads the same lexicon (TextBlob's own, after it loaded and extended it) and applies the same
rules (negation, intensifiers, "!", "(!)", emoticons) in the same order, so its sums are the
same floats. Texts whose tokens TextBlob would rewrite per sentence (emoticons spread over
tokens, "( ! )") go through TextBlob's own tokenizer. tests/enrich/test_textblob_scores.py holds
it to TextBlob on every text of the shared corpora.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

from textblob import _text as pattern
from textblob.en import sentiment as lexicon

_NO_SPLIT = frozenset(pattern.replacements)  # tokens TextBlob never splits ("'s", "n't", …)
_EDGE = tuple(pattern.PUNCTUATION.replace(".", ""))  # split from either end of a token
_EDGE_CHARS = frozenset(_EDGE)
_END_CHARS = frozenset(_EDGE) | {"."}
_ABBREVIATION = (pattern.RE_ABBR1.match, pattern.RE_ABBR2.match, pattern.RE_ABBR3.match)
_MEMO_TOKENS = 500_000  # distinct tokens remembered (Reuters-21578 has about 100,000)
Entry = tuple[float, float, float, bool]  # polarity, subjectivity, intensity, is a modifier


def sentiment_of(text: str) -> tuple[float, float]:
    """(polarity, subjectivity) of `text`, equal to ``TextBlob(text).sentiment``."""
    return score_words(words_of(text))


def sentiments(texts: Iterable[str]) -> list[tuple[float, float]]:
    """`sentiment_of` each text."""
    return [score_words(words_of(text)) for text in texts]


def words_of(text: str) -> list[str]:
    """The lower-cased tokens TextBlob's PatternAnalyzer assesses, in order."""
    spaced = text
    for contraction, spread in pattern.replacements.items():
        if contraction in spaced:
            spaced = spaced.replace(contraction, spread)
    for quote in "“”‘’'\"":
        if quote in spaced:
            spaced = spaced.replace(quote, f" {quote} ")
    if pattern.EOS in spaced:
        return _library_words(text)
    # TextBlob marks blank lines as sentence ends and drops the marks: here they are spaces
    joined = _token_splitter()(spaced.split())
    if pattern.RE_SARCASM.search(joined) or pattern.RE_EMOTICONS.search(joined):
        return _library_words(text)  # TextBlob rewrites these within a sentence: let it
    return joined.lower().split()


def _library_words(text: str) -> list[str]:
    """The words as TextBlob's own tokenizer gives them."""
    return [word.lower() for word in " ".join(lexicon.tokenizer(text)).split()]


@cache
def _token_splitter() -> Callable[[list[str]], str]:
    """The tokens each cut by `split_token`, all pieces joined by spaces; each token's pieces
    are remembered joined (news repeats its tokens), so a known text is one join in C."""
    memo: dict[str, str] = {}
    known = memo.__getitem__

    def split(tokens: list[str]) -> str:
        try:
            return " ".join(map(known, tokens))
        except KeyError:
            if len(memo) >= _MEMO_TOKENS:  # a long-lived process (watch) starts afresh
                memo.clear()
            for token in tokens:
                if token not in memo:
                    # (split_token gives every token a piece, so this is the join of all pieces)
                    memo[token] = " ".join(split_token(token))
            return " ".join(map(known, tokens))

    return split


def split_token(token: str) -> tuple[str, ...]:
    """One whitespace-free token cut as TextBlob's `find_tokens` cuts it: punctuation split from
    both ends, a final period kept on abbreviations ("U.S.", "Mr."), "..." kept whole."""
    if token[0] not in _EDGE_CHARS and token[-1] not in _END_CHARS:
        return (token,)
    head: list[str] = []
    tail: list[str] = []
    while token.startswith(_EDGE) and token not in _NO_SPLIT:
        head.append(token[0])
        token = token[1:]
    while token.endswith(_EDGE + (".",)) and token not in _NO_SPLIT:
        if token.endswith(_EDGE):
            tail.append(token[-1])
            token = token[:-1]
        if token.endswith("..."):
            tail.append("...")
            token = token[:-3].rstrip(".")
        if token.endswith("."):
            if token in pattern.ABBREVIATIONS or any(match(token) for match in _ABBREVIATION):
                break
            tail.append(token[-1])
            token = token[:-1]
    return (*head, *([token] if token else []), *reversed(tail))


@cache
def _entries() -> dict[str, Entry]:
    """Each word of TextBlob's lexicon as its analyser reads a word without a part of speech:
    the scores averaged over its senses, and whether it may modify the next word."""
    len(lexicon)  # loads the lexicon (and its "-ly" adverbs) on first use
    return {word: (*senses[None], any(map(senses.__contains__, lexicon.modifiers)))
            for word, senses in dict.items(lexicon)}


@cache
def _emoticons() -> dict[str, float]:
    """Polarity of each emoticon TextBlob's analyser recognises as an unknown word."""
    found: dict[str, float] = {}
    for (_mood, polarity), faces in pattern.EMOTICONS.items():
        for face in faces:
            face = face.lower()
            if not face.isalpha() and len(face) <= 5 and face not in pattern.PUNCTUATION:
                found.setdefault(face, polarity)
    return found


def score_words(words: list[str]) -> tuple[float, float]:
    """(polarity, subjectivity) of TextBlob's tokens: its assessments, then their mean."""
    assessed = _assess(words)
    polarity, subjectivity, count = 0, 0, 0
    for p, s, negated in assessed:  # summed in order, as TextBlob sums them
        polarity += p * -0.5 if negated else p
        subjectivity += s
        count += 1
    return polarity / float(count or 1), subjectivity / float(count or 1)


def _assess(words: list[str]) -> list[list]:
    """TextBlob's assessments of `words`, each [polarity, subjectivity, negated]: a known word
    with the modifiers ("very") and negation ("not") before it, "!" and emoticons."""
    entries, emoticons = _entries(), _emoticons()
    negations, modifier = lexicon.negations, lexicon.modifier
    found: list[list] = []  # [polarity, subjectivity, intensity, negated]
    modifying = negating = None
    for word in words:
        entry = entries.get(word)
        if entry is not None:
            p, s, i, modifies = entry
            if modifying is None:
                found.append([p, s, i, False])
            else:  # "really good": scaled by the modifier's intensity
                last = found[-1]
                last[0] = max(-1.0, min(p * last[2], +1.0))
                last[1] = max(-1.0, min(s * last[2], +1.0))
                last[2] = i
            if negating is not None:
                found[-1][2] = 1.0 / found[-1][2]
                found[-1][3] = True
            modifying = word if modifies else None
            negating = word if word in negations else None
            continue
        if word in negations:
            negating = word
        elif negating and len(word.strip("'")) > 1:
            negating = None  # a negation reaches over small words only ("not a good")
        if negating is not None and modifying is not None and modifier(modifying):
            found[-1][3] = True  # "really not good"
            negating = None
        elif modifying and len(word) > 2:
            modifying = None
        if word == "!" and found:
            found[-1][0] = max(-1.0, min(found[-1][0] * 1.25, +1.0))
        if word == "(!)":
            found.append([0.0, 1.0, 1.0, False])
        if word in emoticons:
            found.append([emoticons[word], 1.0, 1.0, False])
    return [[p, s, negated] for p, s, _i, negated in found]
