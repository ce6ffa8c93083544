"""CSV exports: text cells that start like a spreadsheet formula are written inert."""

import csv
import io

import pandas as pd
import pytest

from analysis.query.export import FORMULA_STARTS, csv_bytes, inert


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_cell_that_starts_like_a_formula_gets_a_quote(start):
    assert inert(f"{start}HYPERLINK(\"https://evil.example\",\"click\")") == (
        f"'{start}HYPERLINK(\"https://evil.example\",\"click\")")


@pytest.mark.parametrize("value", ["Reuters", "", " =not at the start", "a-b", -0.5, 3, None])
def test_other_values_are_unchanged(value):
    assert inert(value) == value


def test_csv_bytes_makes_every_text_cell_inert_and_keeps_numbers():
    frame = pd.DataFrame({
        "source": ['=HYPERLINK("https://evil.example","click")', "Reuters"],
        "title": ["@SUM(A1:A9)", "-2+3"],
        "tone": [-0.25, 0.5],
        "note": pd.Series(["\tcmd", "\rline"], dtype="string"),
    })
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8"), newline="")))
    assert rows[0] == ["source", "title", "tone", "note"]
    assert rows[1] == ['\'=HYPERLINK("https://evil.example","click")', "'@SUM(A1:A9)", "-0.25",
                       "'\tcmd"]
    assert rows[2] == ["Reuters", "'-2+3", "0.5", "'\rline"]
