"""spaCy: the components, the extractor over them, the process pool, coreference, dependency labels."""
