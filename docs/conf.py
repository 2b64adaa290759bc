"""Sphinx configuration for the quoteattr documentation."""

from __future__ import annotations

import quoteattr

project = "quoteattr"
author = "quoteattr developers"
release = quoteattr.__version__
extensions = ["sphinx.ext.autodoc", "sphinx.ext.napoleon", "sphinx.ext.doctest"]
html_theme = "furo"
autodoc_typehints = "description"
nitpicky = False
exclude_patterns = ["_build"]
