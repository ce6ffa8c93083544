"""The query stage: every question a chart asks, one implementation each, over a store or an
in-memory Analysis (`source`), under a shared filter set.

    topics     topic_frequencies, keywords, discovered_topics
    actors     actor_mentions, actor_tone, cooccurrence
    tone       tone_bins, tone_bin_filters (a bar's articles), tone_spread, tone_by,
               tone_sample
    timeline   timeline (spikes flagged; the rule in .attrs)
    quotes     quote_table, quote_speakers
    feeds      feed_status, feed_articles_per_day (freshness of `presslens watch`)
    alerts     fired_alerts (what `presslens watch --alerts` fired, with its articles)
    articles   summary, facets, languages, article_list, article_detail, article_texts,
               export_articles
    filters    Filters, its parts' SQL and words (describe)
    search     the search language: parse a query, compile it to the index's query
    matches    the articles a query keeps, from the store's full-text index
    context    keyword_in_context (each search match with the words around it)
    links      the filters as URL parameters, fitted to a store
    highlight  spans of what was found (and of the search's words), for the reader

Each question is SQL over the store's query tables (`analysis.store.facts`); an Analysis is
loaded into an in-memory DuckDB of the same shape (`source.connection`).
"""

from analysis.query.actors import (
    LEVELS,
    actor_mentions,
    actor_tone,
    cooccurrence,
)
from analysis.query.alerts import fired_alerts
from analysis.query.articles import (
    ORDERS,
    article_detail,
    article_list,
    article_texts,
    copies_of,
    export_articles,
    facets,
    languages,
    summary,
)
from analysis.query.context import keyword_in_context
from analysis.query.feeds import feed_articles_per_day, feed_status
from analysis.query.filters import Filters, describe, facts_sql, to_sql
from analysis.query.quotes import quote_speakers, quote_table
from analysis.query.source import connection
from analysis.query.timeline import FREQS, TIMELINE_BY, period_start, spike_rule, timeline
from analysis.query.tone import (
    TONE_BIN,
    TONE_BY,
    tone_bin_filters,
    tone_bins,
    tone_by,
    tone_sample,
    tone_spread,
)
from analysis.query.topics import (
    TEXT_SAMPLE,
    count_texts,
    discovered_topics,
    keywords,
    mined_texts,
    topic_frequencies,
)
from analysis.schema import LOW_EVIDENCE_BELOW

__all__ = ["FREQS", "LEVELS", "LOW_EVIDENCE_BELOW", "ORDERS", "TEXT_SAMPLE", "TIMELINE_BY",
           "TONE_BIN", "TONE_BY", "Filters", "actor_mentions", "actor_tone",
           "article_detail", "article_list", "article_texts", "connection",
           "cooccurrence", "copies_of", "count_texts", "describe", "discovered_topics",
           "export_articles", "facets", "facts_sql", "feed_articles_per_day", "feed_status",
           "fired_alerts",
           "keyword_in_context", "keywords",
           "languages", "mined_texts", "period_start", "quote_speakers", "quote_table",
           "spike_rule",
           "summary", "timeline", "to_sql", "tone_bin_filters", "tone_bins", "tone_by",
           "tone_sample", "tone_spread", "topic_frequencies"]
