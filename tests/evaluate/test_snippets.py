"""analysis.evaluate.snippets: EmoBank's sentences read as snippets of k sentences."""

import pandas as pd
import pytest

from analysis.evaluate.snippets import METHODS, evaluate_snippets, half, read_emobank, snippets


@pytest.fixture
def emobank(tmp_path):
    """An EmoBank-shaped folder: two documents out of order, a SemEval headline, a blank."""
    rows = [("doc_a_40_60", 2.0, "The flood ruined the harvest."),
            ("doc_a_0_20", 4.0, "The festival was a joy."),
            ("doc_a_20_40", 3.0, "It opened on Monday."),
            ("doc_a_60_80", 1.5, "Nothing is left."),
            ("doc_a_80_90", 3.0, " "),
            ("doc_b_0_10", 3.5, "Prices rose a little."),
            ("SemEval_7", 1.0, "Bombers kill shoppers")]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    pd.DataFrame([(i, "train", v, 3.0, 3.0, t) for i, v, t in rows],
                 columns=["id", "split", "V", "A", "D", "text"]).to_csv(
        corpus / "emobank.csv", index=False)
    pd.DataFrame([(i, i.rsplit("_", 2)[0], "SemEval" if i.startswith("SemEval") else "essays",
                   "") for i, _, _ in rows], columns=["id", "document", "category", "subcategory"]
                 ).to_csv(corpus / "meta.tsv", sep="\t", index=False)
    return tmp_path


def test_sentences_are_read_in_document_order_without_headlines_or_blanks(emobank):
    sentences = read_emobank(emobank)
    assert sentences["document"].tolist() == ["doc_a"] * 4 + ["doc_b"]
    assert sentences["begin"].tolist() == [0, 20, 40, 60, 0]


def test_a_snippet_joins_consecutive_sentences_of_one_document(emobank):
    frame = snippets(read_emobank(emobank), 2)
    assert frame["text"].tolist() == ["The festival was a joy. It opened on Monday.",
                                      "The flood ruined the harvest. Nothing is left."]
    assert frame["valence"].tolist() == [3.5, 1.75]  # doc_b's one sentence makes no pair
    assert set(frame["split"]) == {half("doc_a")}


def test_halves_are_stable_and_both_used():
    documents = [f"document-{n}" for n in range(40)]
    assert [half(d) for d in documents] == [half(d) for d in documents]
    assert {half(d) for d in documents} == {"dev", "test"}


def test_every_method_is_scored_on_each_size(emobank):
    table = evaluate_snippets(emobank, sizes=(1,))
    scored = table.dropna(subset=["pearson"])
    assert set(table["method"]) == set(METHODS)
    # the joy and the ruin are told apart by every method on one sentence each
    assert (scored.loc[scored["method"] == "tone", "pearson"] > 0.5).all()
