"""Enrichment steps: sentences, sentiment, actors, topics, quotes, events."""
