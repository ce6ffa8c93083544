"""The figures stage: pure functions from an answer of `analysis.query` to a Plotly figure,
the same in a notebook and on the dashboard (no Streamlit here)."""

from analysis.figures.charts import (
    actor_bar,
    actor_tone_bar,
    cooccurrence_network,
    group_tone_bar,
    keyword_bar,
    plain_text,
    plotly_text,
    timeline_chart,
    tone_bars,
    tone_boxes,
    tone_by_source,
    tone_comparison,
    tone_histogram,
    tone_timeline,
    topic_bar,
)
from analysis.figures.compare import (
    COMPARED,
    compare_bars,
    compare_timeline,
    compare_tone,
    set_colour,
    set_colour_name,
)
from analysis.figures.feeds import feed_day_bars

__all__ = ["COMPARED", "actor_bar", "actor_tone_bar", "compare_bars", "compare_timeline",
           "compare_tone", "cooccurrence_network", "feed_day_bars", "group_tone_bar",
           "keyword_bar", "plain_text", "plotly_text", "set_colour", "set_colour_name",
           "timeline_chart", "tone_bars", "tone_boxes", "tone_by_source", "tone_comparison",
           "tone_histogram", "tone_timeline", "topic_bar"]
