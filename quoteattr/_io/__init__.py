"""Files and stores: reading articles, quote files, HTML pages, the SQLite store and corpus runs."""
