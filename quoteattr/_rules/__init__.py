"""The attribution rules: from a parsed quote or report to its cue and source token."""
