"""Evaluation against gold data: reading gold, matching, scoring, reporting."""
