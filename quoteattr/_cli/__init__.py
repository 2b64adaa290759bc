"""The command line's commands, inputs and output (quoteattr.cli holds the parser and main)."""
