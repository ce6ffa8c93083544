"""The statistical name tagger: issue 15's errors, offsets, the batch table, an accuracy floor."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.clean.articles import load_articles
from analysis.enrich import name_features
from analysis.enrich.name_features import (
    TypeTable,
    candidates,
    feature_ids,
    run_last,
    segments,
    shape,
    tokenize,
    word_tokens,
    words,
)
from analysis.enrich.names import (
    NameSpan,
    default_model,
    tag_articles,
    tag_names,
    tag_texts,
    viterbi,
)
from analysis.enrich.truecase import recase
from analysis.evaluate.names import read_located, score_spans
from analysis.schema import NAME_COLUMNS, TEXT, TITLE

# our marks of Reuters sentences: offsets only, the text is read from the corpora folder
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "names_reuters_sample.tsv"


def names(text: str) -> set[tuple[str, str]]:
    return {(span.text, span.kind) for span in tag_names(text)}


@pytest.mark.parametrize(("text", "name"), [
    ("President Bill Clinton said the talks would go on.", "Bill Clinton"),
    ("Prime Minister John Major said on Tuesday he would not resign.", "John Major"),
])
def test_a_titled_person_is_found_without_the_title(text: str, name: str) -> None:
    assert (name, "person") in names(text)


def test_a_share_price_move_is_not_a_person() -> None:
    found = names("Among oil stocks, Texaco fell 1/2 to 35-3/4, while Santa Fe added 1/4 to "
                  "15-1/8 in active trading.")
    assert ("Santa Fe", "person") not in found


@pytest.mark.parametrize(("text", "expected"), [
    ("Gorbachev and Reagan met in Reykjavik last October.",
     {("Gorbachev", "person"), ("Reagan", "person")}),
    ("Delegates included Helmut Kohl, Margaret Thatcher and Yasuhiro Nakasone.",
     {("Helmut Kohl", "person"), ("Margaret Thatcher", "person"),
      ("Yasuhiro Nakasone", "person")}),
    ("Ivan Lendl beat Boris Becker 6-4 6-3 in the final.",
     {("Ivan Lendl", "person"), ("Boris Becker", "person")}),
])
def test_names_without_a_title_or_speech_verb_are_found(text: str,
                                                         expected: set[tuple[str, str]]) -> None:
    assert expected <= names(text)


@pytest.mark.parametrize(("text", "name"), [
    ("Santa Fe Pacific Gold Corp agreed to buy the mine for 50 mln dlrs.",
     "Santa Fe Pacific Gold Corp"),
    ("The Bundesbank left its discount rate unchanged at three pct.", "Bundesbank"),
    ("Leaders of Hamas rejected the proposal on Sunday.", "Hamas"),
])
def test_organisations_missing_from_any_table_are_found(text: str, name: str) -> None:
    assert (name, "organisation") in names(text)


def test_spans_are_offsets_of_the_original_text() -> None:
    text = "  Shares of Exxon Corp rose.\n\nMr. James Baker, the U.S. Treasury Secretary, spoke."
    spans = tag_names(text)
    assert spans
    assert all(text[s.start:s.end] == s.text for s in spans)
    assert all(isinstance(s, NameSpan) for s in spans)


def test_empty_and_lower_case_texts_have_no_names() -> None:
    assert tag_names("") == []
    assert tag_names("prices rose sharply in quiet trading today.") == []


def test_a_headline_in_capitals_is_tagged_as_written() -> None:
    headline = "U.S. CONSUMER PRICES ROSE 0.4 PCT IN JANUARY, LABOR DEPARTMENT SAID"
    found = [(s.text, s.kind) for s in tag_names(headline)]
    assert found == [("U.S.", "place"), ("LABOR DEPARTMENT", "organisation")]
    story = "JAPAN SALES TAX MAY FORCE NAKASONE OUT OF OFFICE\nTOKYO, March 3 - The tax..."
    found = [(s.text, s.kind) for s in tag_names(story)]
    assert ("NAKASONE", "person") in found and ("TOKYO", "place") in found
    assert all(story[s.start:s.end] == s.text for s in tag_names(story))


def test_no_name_crosses_a_line_of_its_own() -> None:
    byline = "Peter Blackburn\nBRUSSELS 1996-08-22\nThe European Commission said on Thursday."
    found = [(s.text, s.kind) for s in tag_names(byline)]
    assert ("Peter Blackburn", "person") in found
    assert not [name for name, _ in found if "\n" in name]
    heading = "Talks with Tehran\n\nIraq and Iran met in Baghdad, Reuters said."
    assert not [s.text for s in tag_names(heading) if "\n" in s.text]


def test_a_paragraph_wrapped_at_a_fixed_width_keeps_its_names_whole() -> None:
    wrapped = ("The talks, said Treasury Secretary James\nBaker, were held in the offices of "
               "the International Monetary\nFund in the heart of Washington and lasted late "
               "into the night,\nofficials of the Group of Seven said on Friday.")
    found = [(s.text, s.kind) for s in tag_names(wrapped)]
    assert ("James\nBaker", "person") in found
    assert ("International Monetary\nFund", "organisation") in found


def test_tag_articles_is_a_tidy_table_matching_tag_names() -> None:
    articles = pd.DataFrame({
        "article_id": ["a1", "a2", "a3"],
        "text": ["Chancellor Helmut Kohl met Francois Mitterrand in Paris.", None,
                 "General Motors Corp said sales fell in Canada."]})
    table = tag_articles(articles)
    assert list(table.columns) == list(NAME_COLUMNS)
    assert set(table["article_id"]) <= {"a1", "a3"}
    for article_id, text in (("a1", articles.text[0]), ("a3", articles.text[2])):
        rows = table[table["article_id"] == article_id]
        expected = [(s.start, s.end, s.kind, s.text) for s in tag_names(text)]
        assert list(rows[["start", "end", "kind", "surface"]].itertuples(index=False,
                                                                       name=None)) == expected


@pytest.mark.corpora
def test_batches_give_the_same_names_as_one_batch(corpora_dir: Path) -> None:
    texts = [sentence.text for sentence in read_located(SAMPLE, corpora_dir)[:12]]
    articles = pd.DataFrame({"article_id": [f"s{i}" for i in range(len(texts))], "text": texts})
    assert tag_articles(articles, batch_chars=300).equals(tag_articles(articles))


def test_tokens_cover_the_text_and_keep_names_whole() -> None:
    text = "U.S. firm AT&T and O'Neill's Coca-Cola unit\tgained 1/4."
    pieces, starts = tokenize(text)
    assert "".join(pieces) == text
    assert all(text.startswith(p, s) for p, s in zip(pieces, starts, strict=True))
    assert words(text) == ["U.S.", "firm", "AT&T", "and", "O'Neill", "'s", "Coca-Cola", "unit",
                           "gained", "1", "/", "4", "."]


@pytest.mark.parametrize(("word", "expected"), [
    ("Clinton", "Xx"), ("U.S.", "X.X."), ("15-1/8", "d-d/d"), ("--", "-"), ("", ""),
    ("McDONALD'S", "XxX'X"), ("abcdefghijklMNOP", "x"), ("Zürich", "Xx"), ("ÉTAT-Major", "X-Xx"),
    ("٣٤5", "d"), ("ǅemal", "x")])  # a title-case letter is no capital
def test_a_words_shape_collapses_repeated_marks(word: str, expected: str) -> None:
    assert shape(word) == expected


def test_a_type_table_grown_in_batches_has_the_rows_of_one_batch() -> None:
    """Rows are added a batch at a time, and the arrays extended by the rows added since."""
    text = "The Bank of Japan said on Monday.\n\nU.S. Treasury Secretary James Baker, 55, said"
    pieces = tokenize(text)[0] + [" Zürich", "\n ÉTAT", " 1/4"]
    vocabulary = default_model().vocabulary
    whole, grown = TypeTable(vocabulary), TypeTable(vocabulary)
    rows = whole.ids(pieces)
    for at in range(0, len(pieces), 5):
        grown.ids(pieces[at:at + 5])
        grown.arrays()
    again = grown.ids(pieces)
    for name, column in whole.arrays().items():
        assert column[rows].tolist() == grown.arrays()[name][again].tolist(), name


@pytest.mark.corpora
def test_the_abbreviation_look_ahead_changes_no_token(corpora_dir: Path) -> None:
    """The tokenizer tries its abbreviations only where one may stand (a capital, at most five
    small letters, a full stop): the same pieces as trying them at every token."""
    assert all(re.fullmatch(r"[A-Z][a-z]{0,5}", a) for a in name_features.ABBREVIATIONS)
    plain = re.compile(name_features.TOKEN.pattern.replace(
        name_features.ABBREVIATION_AHEAD, ""))
    assert plain.pattern != name_features.TOKEN.pattern
    articles = load_articles(corpora_dir / "reuters21578" / "reut2-001.sgm")
    texts = [*articles[TEXT].dropna(), *articles[TITLE].dropna(),
             "Mr. Smith, Messrs. Jones & Co., Calif. and Gen.Motors; St.Louis, U.S.A. M."]
    assert [name_features.TOKEN.findall(t) for t in texts] == [plain.findall(t) for t in texts]


def test_connectors_join_capitalised_words_into_one_candidate_run() -> None:
    model = default_model()
    tokens = word_tokens("the Bank of England and the Treasury said", model.table)
    mask = candidates(tokens.rows, model.table)
    chosen = [w for w, m in zip(tokens.text, mask.tolist(), strict=True) if m]
    assert chosen == ["Bank", "of", "England", "Treasury"]
    starts, lengths = segments(mask)
    assert starts.tolist() == [1, 6] and lengths.tolist() == [3, 1]


def test_each_candidate_knows_the_last_token_of_its_run() -> None:
    """The run templates look at a run's last word ("... Hagler Bailly Inc"): a run is
    consecutive candidates of one text, as `segments` cuts them."""
    model = default_model()
    tokens = word_tokens("the Bank of England and the Treasury said", model.table)
    positions = np.flatnonzero(candidates(tokens.rows, model.table))
    assert run_last(positions).tolist() == [3, 3, 3, 6]
    positions = np.array([0, 1, 2, 5, 8, 9])
    new_text = np.zeros(10, dtype=bool)
    new_text[[0, 2]] = True  # a second text begins at token 2
    assert run_last(positions).tolist() == [2, 2, 2, 5, 9, 9]
    assert run_last(positions, new_text=new_text).tolist() == [1, 1, 2, 5, 9, 9]
    assert run_last(np.array([], dtype=np.int64)).tolist() == []


def test_viterbi_of_chains_of_different_lengths_matches_brute_force() -> None:
    rng = np.random.default_rng(15)
    lengths = np.array([3, 1, 4, 2])
    first = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    scores = rng.normal(size=(int(lengths.sum()), 3))
    transitions = rng.normal(size=(3, 3))
    best = viterbi(scores, first, lengths, transitions)
    for start, length in zip(first, lengths, strict=True):
        assert tuple(best[start:start + length]) == _brute_force(
            scores[start:start + length], transitions)


def _brute_force(scores: np.ndarray, transitions: np.ndarray) -> tuple[int, ...]:
    import itertools

    def total(path: tuple[int, ...]) -> float:
        return sum(scores[i, y] for i, y in enumerate(path)) + sum(
            transitions[a, b] for a, b in zip(path, path[1:], strict=False))

    paths = itertools.product(range(scores.shape[1]), repeat=len(scores))
    return max(paths, key=total)


@pytest.mark.corpora
def test_accuracy_on_hand_marked_reuters_sentences_stays_above_a_floor(corpora_dir: Path) -> None:
    sentences = read_located(SAMPLE, corpora_dir)
    assert len(sentences) >= 50
    predicted = [[(s.start, s.end, s.kind) for s in found]
                 for found in default_model().tag([s.text for s in sentences])]
    scores = score_spans(sentences, predicted)
    # the shipped model scores F1 0.90 here (person 0.94, organisation 0.83, place 0.97; see
    # docs/names.md); the floors catch a broken model or tokenizer, not a retrained model
    assert scores["all"].f1 >= 0.75
    for kind in ("person", "organisation", "place"):
        assert scores[kind].f1 >= 0.65, (kind, scores[kind])


def test_emissions_from_row_sums_equal_the_sum_of_template_weights() -> None:
    model = default_model()
    text = "Mr. Baker told Reuters in Tokyo that Santa Fe Pacific Gold Corp. and IBM met."
    tokens = word_tokens(text, model.table)
    positions = np.flatnonzero(candidates(tokens.rows, model.table))
    features = feature_ids(tokens.rows, positions, model.table)
    expected = sum(model.weights[c][features[:, c]] for c in range(features.shape[1]))
    expected = expected + model.label_bias
    assert np.allclose(model.emissions(tokens.rows, positions), expected, atol=1e-4)


@pytest.mark.corpora
def test_a_texts_names_do_not_depend_on_its_batch(corpora_dir) -> None:
    """Texts are tagged together, joined: a text's first tokens once took features (and a run
    its connector) from the end of the text before, so 14 of 800 Reuters texts and titles got
    other names in a batch than alone, and a store's mentions depended on its chunks."""
    articles = load_articles(corpora_dir / "reuters21578" / "reut2-000.sgm").head(400)
    texts = [t if isinstance(t, str) else "" for t in [*articles[TEXT], *articles[TITLE]]]
    model = default_model()
    assert model.tag(texts) == [model.tag([text])[0] for text in texts]


def test_an_organisation_bias_in_the_model_file_moves_names_towards_organisations(
        tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    from names_bias import rebias

    from analysis.enrich.names import MODEL_PATH, NameModel

    text = "Vodafone and O2, Britain's other big mobile phone operators, met Tony Blair."
    rebias(MODEL_PATH, tmp_path / "none.npz", org=0.0)
    rebias(MODEL_PATH, tmp_path / "strong.npz", org=20.0)
    none, strong = NameModel(tmp_path / "none.npz"), NameModel(tmp_path / "strong.npz")
    assert none.tag([text]) == default_model().tag([text])
    assert none.label_bias.tolist() == [0.0] * len(none.labels)
    assert {span.kind for span in strong.tag([text])[0]} == {"organisation"}
    assert [none.labels[i] for i in np.flatnonzero(strong.label_bias)] == ["B-ORG", "I-ORG"]


def test_texts_given_already_recased_are_tagged_the_same() -> None:
    texts = ["JAPAN SALES TAX MAY FORCE NAKASONE OUT OF OFFICE",
             "Prime Minister Yasuhiro Nakasone met Bank of Japan officials in Tokyo."]
    cased = [recase(t, context=t) for t in texts]
    found = tag_texts(texts, cased=cased)
    assert found == tag_texts(texts)
    assert ("NAKASONE", "person") in [(name.text, name.kind) for name in found[0]]
