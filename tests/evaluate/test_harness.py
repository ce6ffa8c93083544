"""The evaluation harness end to end (quick mode) and the report it writes."""

import pandas as pd
import pytest

from analysis.evaluate import harness


@pytest.mark.corpora
def test_run_all_scores_every_extractor_and_writes_the_report(corpora_dir, tmp_path):
    results = harness.run_all(corpora_dir, quick=True)
    assert set(results.tables) == {
        "cleaning: sample page", "cleaning: Reuters stories as pages",
        "actors: Reuters-21578 tags", "tone: SemEval-2007 headlines",
        "tone: NewsMTSC target sentiment", "quotes: speaker accuracy",
        "quotes: hand-annotated BBC articles"}
    assert results.tables["cleaning: sample page"]["ok"].all()
    pages = results.tables["cleaning: Reuters stories as pages"].set_index("field")
    assert pages.loc["title", "accuracy"] >= 0.9 and pages.loc["dateline", "accuracy"] >= 0.9
    quotes = results.tables["quotes: speaker accuracy"]
    sample = quotes[(quotes["set"] == "sample page") & (quotes["template"] == "all")]
    assert sample["accuracy"].iloc[0] == 1.0
    bbc = results.tables["quotes: hand-annotated BBC articles"]  # tuned on (6), then held out
    assert [s.split(":")[0] for s in bbc["set"]] == [
        "tuning set", "dev set (tuned on)", "second dev set (tuned on)",
        "third dev set (tuned on)",
        "fourth dev set (tuned on; the fourth test set until scored twice)",
        "fifth dev set (tuned on)",
        "test set (held out)", "second test set (held out)", "third test set (held out)",
        "fifth test set (held out)", "sixth test set (held out)",
        "seventh test set (held out)", "the 6 held-out sets pooled (the figure to quote)"]
    held_out, pooled = bbc[bbc["set"].str.contains(r"\(held out\)")], bbc.iloc[-1]
    for column in ["articles", "with speaker", "right", "returned"]:
        assert pooled[column] == held_out[column].sum()
    assert pooled["recall"] == pytest.approx(pooled["right"] / pooled["with speaker"])
    report = harness.write_report(results, tmp_path / "accuracy.md")
    text = report.read_text(encoding="utf-8")
    assert "Reproduce with `make evaluate`" in text
    for name in results.tables:
        assert f"## {name}" in text


def small_results(tmp_path, accuracy: float, *names: str) -> harness.Results:
    table = pd.DataFrame({"set": ["a set"], "accuracy": [accuracy]})
    return harness.Results(tables={name: table for name in names}, corpora=tmp_path,
                           sample=tmp_path / "sample.txt")


def test_written_again_the_report_keeps_its_text_and_replaces_only_its_tables(tmp_path):
    path = tmp_path / "accuracy.md"
    harness.write_report(small_results(tmp_path, 0.5, "tone: one", "quotes: two"), path)
    # a teammate writes around the tables, as docs/accuracy.md is written
    text = path.read_text(encoding="utf-8").replace(
        "## quotes: two\n", "## quotes: two\n\nWhere it stands: read by hand.\n")
    text = text.replace("## Measure PressLens", "A note between sections.\n\n## Measure PressLens")
    path.write_text(text, encoding="utf-8")
    harness.write_report(small_results(tmp_path, 0.75, "tone: one", "quotes: two", "new: three"),
                         path)
    again = path.read_text(encoding="utf-8")
    assert "Where it stands: read by hand." in again and "A note between sections." in again
    assert "| a set | 0.500 |" not in again and again.count("| a set | 0.750 |") == 3
    # the new evaluation's section comes before the closing section, once
    assert again.count("## new: three") == 1
    assert again.index("## new: three") < again.index("## Measure PressLens")
    assert again.index("A note between sections.") < again.index("## new: three")
