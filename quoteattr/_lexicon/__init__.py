"""What quoteattr knows about words: word lists, cues, roles."""
