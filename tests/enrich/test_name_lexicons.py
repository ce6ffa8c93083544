"""The tagger's organisation features: how often a word is in a company's name, and the
organisation names of PETRARCH's dictionaries and the actor table (scripts/train_names.py,
scripts/name_lexicons.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from analysis.enrich.name_features import FIRM_BINS, TypeTable, Vocabulary, capital_bin

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
sys.path.insert(0, str(SCRIPTS))

from train_names import firm_shares  # noqa: E402


def test_a_word_named_before_a_company_suffix_has_a_firm_share() -> None:
    texts = ["Noranda Inc said it would sell the mine.",
             "Output rose, Noranda said on Tuesday.",
             "A Noranda spokesman and Mr Reagan met.",
             "Caltex Petroleum Corp told Reagan the U.S. Treasury would buy."]
    shares = firm_shares(texts, min_count=1)
    assert shares["noranda"] == pytest.approx(1 / 3)
    assert shares["caltex"] == 1.0 and shares["petroleum"] == 1.0
    assert "inc" not in shares and "corp" not in shares  # the suffix itself is no evidence
    assert "reagan" not in shares and "said" not in shares
    assert "u.s." not in shares and "treasury" not in shares  # no suffix ends their run


def test_a_firm_share_becomes_a_bin_of_the_token_row() -> None:
    vocabulary = Vocabulary.build(["Noranda", "said"], capital_share={}, clusters={},
                                  gazetteer={}, firm_share={"noranda": 0.33, "said": 0.01})
    table = TypeTable(vocabulary)
    rows = table.ids([" Noranda", " said", " Reagan"])
    bins = table.arrays()["firm"][rows].tolist()
    assert bins == [capital_bin(0.33, FIRM_BINS), capital_bin(0.01, FIRM_BINS), 0]
    assert bins[0] > bins[1] > 0


@pytest.mark.corpora
def test_organisation_names_come_from_petrarch_and_the_table_without_people(
        corpora_dir: Path) -> None:
    import name_lexicons  # the census's first names need ".[train]": a few stand in for them

    found = set(name_lexicons.organisation_names(corpora_dir / "petrarch",
                                                 first_names={"robert", "john"}))
    assert {"Boeing", "Texaco", "Hamas", "Bundesbank"} <= found
    assert "Robert Berzok" not in found  # a spokesman filed under a firm's code
    bits = name_lexicons.organisation_bits(found)
    org_word, org_alone = (1 << 5), (1 << 6)
    assert bits["texaco"] & org_alone and bits["petroleum"] & org_word
    assert not bits.get("of", 0) & org_word


def test_a_model_without_firm_shares_has_no_firm_feature() -> None:
    """So the retrain command without --firm trains on the features it trained on before."""
    from analysis.enrich.name_features import feature_ids, template_names

    vocabulary = Vocabulary.build(["Noranda", "said"], capital_share={}, clusters={},
                                  gazetteer={})
    table = TypeTable(vocabulary)
    rows = table.ids([" Noranda", " said"])
    features = feature_ids(rows, np.arange(2), table)
    columns = [i for i, name in enumerate(template_names()) if name in ("f0", "f-1", "f+1")]
    assert len(columns) == 3 and (features[:, columns] == -1).all()
