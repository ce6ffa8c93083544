"""Evaluation against labelled corpora: how well enrichment agrees with human annotation."""
