"""Sphinx configuration for the quoteattr documentation."""

from __future__ import annotations

import quoteattr

project = "quoteattr"
author = "quoteattr developers"
copyright = "2026, quoteattr developers"
release = quoteattr.__version__
version = release
extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
]
autodoc_typehints = "description"
html_theme = "furo"
html_title = f"quoteattr {release}"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "show-inheritance": True}
exclude_patterns = ["_build"]
# The screenshots of the pages (docs/_static/report.png: the seeds' corpus report).
html_static_path = ["_static"]
# The doctest builder and pytest run the same examples; keep their output comparable.
doctest_default_flags = 0
import doctest as _doctest  # noqa: E402

doctest_default_flags = _doctest.ELLIPSIS | _doctest.NORMALIZE_WHITESPACE
suppress_warnings = ["ref.python"]
nitpicky = False
# Docstring examples pulled in by autodoc are run by pytest (--doctest-modules); the
# doctest builder runs the ``.. doctest::`` blocks of these pages.
doctest_test_doctest_blocks = ""
