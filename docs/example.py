# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # PressLens in a notebook
#
# Load the bundled sample article, enrich it with `analyze`, ask the questions of
# `analysis.query`, and draw the figures of `analysis.figures` (the same figures the dashboard
# shows; each `fig_*` is a Plotly figure, displayed in a notebook, built silently in a script).
# Run it as a script (`python docs/example.py`) or open it as a notebook with
# `jupytext --to notebook docs/example.py`. Point `PATHS` at your own files or folders to
# analyse them instead.

# %%
# ruff: noqa: B018  (a notebook cell ends with the figure to display)
from pathlib import Path

import pandas as pd

from analysis import analyze, figures, load_articles, query

HERE = Path(globals().get("__file__", "example.py")).resolve().parent  # docs/, also in Jupyter
PATHS = [HERE.parent / "data" / "000_494b092cd619754e.txt"]
pd.set_option("display.width", 140, "display.max_columns", 20, "display.max_colwidth", 60)

# %% [markdown]
# ## Load and enrich
# `load_articles` reads files, folders and .zip archives into the article table; `analyze`
# adds sentences, tone, actor mentions, quotes, topics, casualty figures and near-duplicates.

# %%
articles = load_articles(*PATHS)
result = analyze(articles)
print(f"{len(result.articles)} articles, {len(result.sentences)} sentences, "
      f"{len(result.mentions)} mentions, {len(result.quotes)} quotes")
print("seconds per step:", {step: round(s, 2) for step, s in result.timings.items()})
print(result.articles[["title", "source", "polarity", "subjectivity", "tone", "word_count",
                       "duplicate_of"]])

# %% [markdown]
# ## Who is in the news, and how are they talked about?

# %%
mentioned = query.actor_mentions(result)
print(mentioned)
fig_actors = figures.actor_bar(mentioned)
fig_actors

# %%
tone = query.actor_tone(result)
print(tone)
fig_actor_tone = figures.actor_tone_bar(tone)
fig_actor_tone

# %%
print(result.mentions[["actor", "surface", "sentence", "start", "end"]].head(12))
pairs = query.cooccurrence(result, level="sentence")
print(pairs.head(10))
fig_network = figures.cooccurrence_network(pairs)
fig_network

# %% [markdown]
# ## What is it about?

# %%
topics = query.topic_frequencies(result)
print(topics)
fig_topics = figures.topic_bar(topics)
fig_topics

# %%
print(result.topics[["topic", "hits", "evidence"]])
print(result.topic_terms)

# %%
words = query.keywords(result, top=20)
print(words)
fig_keywords = figures.keyword_bar(words)
fig_keywords

# %% [markdown]
# ## Quotes and casualty figures

# %%
print(result.quotes[["speaker", "speaker_surface", "verb", "quote"]])
print(result.events)

# %% [markdown]
# ## Tone and time
# The sample states no date, so its timeline is empty and the article is counted as undated;
# with dated articles the chart shows one line per period and marks spikes.

# %%
fig_tone = figures.tone_bars(query.tone_bins(result))
fig_tone

# %%
fig_sources = figures.tone_boxes(query.tone_spread(result))
fig_sources

# %%
days = query.timeline(result, freq="D")
print(f"undated articles left out: {days.attrs['undated']}; {days.attrs['spike_rule']}")
print(days)
fig_timeline = figures.timeline_chart(days)
fig_timeline
