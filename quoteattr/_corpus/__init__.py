"""Corpus analysis: speaker profiles, quote clusters, and their tables."""
