"""The speaker sieve: from a source token to the canonical person the article names."""
