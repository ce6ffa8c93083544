"""The example notebook (docs/example.py, percent format) runs to the end on the bundled sample."""

import runpy
from pathlib import Path

import plotly.graph_objects as go

from analysis.pipeline.enrichment import Analysis

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "example.py"


def test_example_runs_and_builds_every_figure(capsys):
    names = runpy.run_path(str(EXAMPLE), run_name="__main__")
    assert isinstance(names["result"], Analysis)
    assert len(names["result"].articles) == 1
    built = {name: value for name, value in names.items() if name.startswith("fig_")}
    assert sorted(built) == ["fig_actor_tone", "fig_actors", "fig_keywords", "fig_network",
                             "fig_sources", "fig_timeline", "fig_tone", "fig_topics"]
    for name, figure in built.items():
        assert isinstance(figure, go.Figure), name
        assert figure.layout.title.text, name
    out = capsys.readouterr().out
    assert "Ryan Crocker" in out and "undated articles left out: 1" in out


def test_example_is_in_percent_format():
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "format_name: percent" in text and text.count("# %%") >= 10
