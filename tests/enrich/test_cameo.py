"""Tests for analysis.enrich.cameo: reading CAMEO (TABARI) dictionaries and merging them in."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.enrich.actor_table import load_actors
from analysis.enrich.actors import find_mentions
from analysis.enrich.cameo import cameo_name, import_cameo, merge_actors, read_cameo_dictionary
from analysis.schema import ACTOR, ACTOR_TYPE, ARTICLE_ID, TEXT

DICTIONARY = """\
# a comment line
IRAQ_  [IRQ]
+IRAQI_
+BAGHDAD_ # the capital, already a place of its own
+MESOPOTAMIA_

NURI_AL_MALIKI_  # CountryInfo.txt
+NOURI_AL-MALIKI
+PM_MALIKI
\t[IRQELI 680101-000101]
\t[IRQGOV 20060520-20140908]
ZARA_QUILLFEATHER_  [IRQGOV >20150101]
FICTIONAL_LIBERATION_FRONT_ [IRQREB] #  kkl 21 Mar 13
+FLF_
IAEA_	[IGOUNOIAE]# Intl Atomic Energy Agency
AGRICULTURALIST [~AGR]
!PERSON! = MAN, MEN
"""


@pytest.fixture
def dictionary(tmp_path):
    path = tmp_path / "test.actors.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    return path


def test_entries_become_typed_actor_rows(dictionary):
    table = read_cameo_dictionary(dictionary).set_index("id")
    assert table.loc["IRQ", ["name", "type", "country_code"]].tolist() == ["Iraq", "country", "IRQ"]
    assert table.at["IRQ", "aliases"] == ["Iraq", "Iraqi", "Baghdad", "Mesopotamia"]
    maliki = table.loc["nuri-al-maliki"]
    assert (maliki["type"], maliki["country_code"]) == ("person", "IRQ")
    assert maliki["aliases"] == ["Nuri al Maliki", "Nouri al-Maliki", "PM Maliki"]
    assert "IRQGOV 20060520-20140908" in maliki["role"]
    assert table.at["fictional-liberation-front", "type"] == "group"
    assert table.at["fictional-liberation-front", "aliases"] == ["Fictional Liberation Front",
                                                                 "FLF"]
    assert table.loc["iaea", ["type", "country_code"]].tolist() == ["organisation", None]
    assert "agriculturalist" not in table.index  # agents are roles, not actors


@pytest.mark.parametrize(("raw", "name"), [
    ("NURI_AL-MALIKI_", "Nuri al-Maliki"), ("MR_MALIKI", "Mr Maliki"), ("KABUL_", "Kabul"),
    ("NATO_", "NATO"), ("U.N._", "U.N."), ("MIGUEL_D'ESCOTO_", "Miguel D'Escoto"),
    ("SECRETARY_OF_STATE_", "Secretary of State"),
])
def test_names_are_cased_as_in_prose(raw, name):
    assert cameo_name(raw) == name


def test_an_empty_dictionary_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("# nothing here\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no actor lines"):
        read_cameo_dictionary(path)


def test_merge_extends_known_actors_without_renaming_or_stealing_aliases(dictionary):
    merged = merge_actors(load_actors(), read_cameo_dictionary(dictionary)).set_index("id")
    assert merged.at["nuri-al-maliki", "name"] == "Nuri al-Maliki"
    assert "PM Maliki" in merged.at["nuri-al-maliki", "aliases"]
    assert "Mesopotamia" in merged.at["IRQ", "aliases"]
    assert "Baghdad" not in merged.at["IRQ", "aliases"]  # stays the capital's
    assert merged.at["zara-quillfeather", "type"] == "person"


def test_import_writes_the_analysts_file_that_enrichment_then_uses(dictionary, tmp_path):
    own = tmp_path / "mine.yaml"
    written = import_cameo(dictionary, actors_file=own)
    assert {"IRQ", "nuri-al-maliki", "zara-quillfeather"} <= set(written["id"])
    table = load_actors(own)
    articles = pd.DataFrame({ARTICLE_ID: ["a"], TEXT: [
        "Zara Quillfeather met PM Maliki. The FLF was not invited to Mesopotamia."]})
    found = find_mentions(articles, pd.DataFrame(), actors=table)
    assert found[[ACTOR, ACTOR_TYPE]].values.tolist() == [
        ["Zara Quillfeather", "person"], ["Nuri al-Maliki", "person"],
        ["Fictional Liberation Front", "group"], ["Iraq", "country"]]
    again = import_cameo(dictionary, actors_file=own)  # importing twice changes nothing
    assert again["id"].tolist() == written["id"].tolist()


@pytest.mark.corpora
@pytest.mark.parametrize(("name", "least", "kinds"), [
    ("Phoenix.Countries.actors.txt", 18_000, {"country", "person", "organisation"}),
    ("Phoenix.International.actors.txt", 7_000, {"organisation", "person"}),
    ("Phoenix.MilNonState.actors.txt", 1_000, {"group"}),
])
def test_phoenix_dictionaries_are_read(corpora_dir, name, least, kinds):
    table = read_cameo_dictionary(corpora_dir / "petrarch" / name)
    assert len(table) >= least
    assert kinds <= set(table["type"])
    assert table["aliases"].map(len).min() >= 1


@pytest.mark.corpora
def test_phoenix_countries_extend_the_builtin_countries(corpora_dir):
    table = read_cameo_dictionary(corpora_dir / "petrarch" / "Phoenix.Countries.actors.txt")
    merged = merge_actors(load_actors(), table).set_index("id")
    assert "Afganistan" in merged.at["AFG", "aliases"]
    assert merged.at["nuri-al-maliki", "name"] == "Nuri al-Maliki"
