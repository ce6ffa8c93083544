"""The enrich stage: what each article holds, found in its text, as tidy tables.

    sentences   sentence spans (Punkt)                 split_sentences, sentence_spans
    sentiment   TextBlob polarity, PressLens tone      score_texts, score_targets, tone_class
    actors      countries, people, organisations       find_mentions, load_actors
    quotes      quotes and their speakers: direct, and find_quotes
                indirect ("…, according to Y")
    topics      taxonomy topics; NMF discovery          find_topics, load_taxonomy,
                                                       discover_topics
    keywords    frequent words and phrases             keywords
    events      casualty reports                       find_casualties
    duplicates  near-duplicate (syndicated) copies     near_duplicates
    names       people, organisations, places (a CRF) tag_names, tag_texts, tag_articles
    cameo       Phoenix/PETRARCH dictionaries → actors import_cameo

`analysis.pipeline.analyze` runs them all in order.
"""

from analysis.enrich.actor_table import actors_version, load_actors
from analysis.enrich.actors import find_mentions
from analysis.enrich.cameo import import_cameo
from analysis.enrich.duplicates import near_duplicates
from analysis.enrich.events import find_casualties
from analysis.enrich.keywords import keywords
from analysis.enrich.names import NameSpan, tag_articles, tag_names, tag_texts
from analysis.enrich.quotes import find_quotes
from analysis.enrich.sentences import sentence_spans, split_sentences
from analysis.enrich.sentiment import score_targets, score_texts, tone_class
from analysis.enrich.topics import (
    Taxonomy,
    discover_topics,
    find_topics,
    load_taxonomy,
    taxonomy_version,
)

__all__ = ["NameSpan", "Taxonomy", "actors_version", "discover_topics", "find_casualties",
           "find_mentions", "find_quotes", "find_topics", "import_cameo", "keywords",
           "load_actors", "load_taxonomy", "near_duplicates", "score_targets",
           "score_texts", "sentence_spans", "split_sentences", "tag_articles",
           "tag_names", "tag_texts", "taxonomy_version", "tone_class"]
