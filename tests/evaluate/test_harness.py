"""The evaluation harness end to end (quick mode) and the report it writes."""

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
        "seventh test set (held out)"]
    report = harness.write_report(results, tmp_path / "accuracy.md")
    text = report.read_text(encoding="utf-8")
    assert "Reproduce with `make evaluate`" in text
    for name in results.tables:
        assert f"## {name}" in text
