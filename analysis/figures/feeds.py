"""Freshness figures: what each watched feed brought, day by day."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.figures.charts import no_data, plotly_text, style


def feed_day_bars(frame: pd.DataFrame, *,
                  title: str = "Articles per feed per day of fetching") -> go.Figure:
    """Stacked bars of `query.feed_articles_per_day`: one colour per feed, a bar per day."""
    figure = go.Figure()
    for feed, rows in frame.groupby("feed", sort=True):
        label = plotly_text(feed)
        figure.add_bar(x=rows["day"], y=rows["articles"], name=label,
                       hovertemplate=f"<b>{label}</b><br>%{{x|%d %b %Y}}: %{{y}} articles"
                                     "<extra></extra>")
    style(figure, title=title, x_title="day fetched (UTC)", y_title="articles")
    figure.update_layout(barmode="stack", legend=dict(orientation="h", y=-0.25))
    figure.update_xaxes(tickformat="%d %b %Y")
    return figure if len(frame) else no_data(figure)
