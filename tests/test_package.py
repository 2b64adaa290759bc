"""The package surface: its public names, imported on first use, and its one version."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

import pytest
from loaded import heavy_packages_loaded

import quoteattr

ROOT = Path(__file__).resolve().parent.parent
INIT = ROOT / "quoteattr" / "__init__.py"
#: What importing quoteattr must not load: spaCy and what comes with it.
HEAVY = ("spacy", "thinc", "coreferee", "torch")


def test_the_version_is_the_installed_distributions() -> None:
    assert quoteattr.__version__ == importlib.metadata.version("quoteattr")


def test_the_version_is_the_changelogs_latest_release() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[([^\]]+)\]", changelog, flags=re.MULTILINE)
    released = [h for h in headings if h != "Unreleased"]
    assert headings and headings[0] in ("Unreleased", quoteattr.__version__)
    # Nothing is released yet while [Unreleased] is the only heading.
    assert not released or released[0] == quoteattr.__version__


def test_pyproject_takes_the_version_from_the_package() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert not re.search(r"^version\s*=", pyproject, flags=re.MULTILINE)


@pytest.mark.parametrize("name", quoteattr.__all__)
def test_every_public_name_imports_and_is_listed(name: str) -> None:
    namespace: dict[str, object] = {}
    exec(f"from quoteattr import {name}", namespace)
    assert namespace[name] is getattr(quoteattr, name)
    assert name in dir(quoteattr)
    assert getattr(namespace[name], "__module__", "quoteattr").startswith("quoteattr")


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        quoteattr.no_such_name  # noqa: B018
    with pytest.raises(ImportError):
        exec("from quoteattr import no_such_name", {})


def test_the_lazy_names_are_the_names_mypy_sees() -> None:
    """Each name ``__getattr__`` imports is imported under ``TYPE_CHECKING``, from the same module."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    (checking,) = [
        node
        for node in tree.body
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"
    ]
    typed = {
        alias.name: node.module
        for node in checking.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert typed == quoteattr._HOME_OF
    assert set(quoteattr.__all__) <= {*typed, "default_extractor", "extract"}


def test_the_function_evaluate_is_not_hidden_by_its_module() -> None:
    import quoteattr._eval.evaluate

    assert callable(quoteattr.evaluate) and quoteattr.evaluate.__name__ == "evaluate"
    assert quoteattr.evaluate is sys.modules["quoteattr._eval.evaluate"].evaluate


def test_implementation_modules_are_private() -> None:
    """Apart from the curated namespace, only ``cli``, ``distributed`` and ``errors`` are public."""
    public = {
        p.stem if p.is_file() else p.name
        for p in INIT.parent.iterdir()
        if not p.name.startswith("_") and (p.suffix == ".py" or (p / "__init__.py").exists())
    }
    assert public == {"cli", "distributed", "errors"}


def test_importing_quoteattr_and_its_command_line_loads_no_spacy() -> None:
    assert heavy_packages_loaded(["quoteattr", "quoteattr.cli"], HEAVY) == []
