"""Enrichment steps: sentences, sentiment, actors, names, topics, quotes, events."""
