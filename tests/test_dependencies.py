"""The requirements in pyproject.toml: what the code imports, and no version with a known hole."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest
from packaging.requirements import Requirement

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def requirements(name: str) -> List[Requirement]:
    """Every requirement of ``name`` in pyproject.toml (dependencies and extras)."""
    project: Dict[str, Any] = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    lists = [project["dependencies"], *project["optional-dependencies"].values()]
    found = [Requirement(r) for group in lists for r in group]
    return [r for r in found if r.name == name]


def test_pyarrow_excludes_the_release_with_cve_2023_47248() -> None:
    pins = requirements("pyarrow")
    assert len(pins) >= 2  # the parquet and dev extras
    for pin in pins:
        assert not pin.specifier.contains("14.0.0"), pin
        assert pin.specifier.contains("14.0.1"), pin


def test_tqdm_is_a_dependency_for_the_progress_bars() -> None:
    (pin,) = requirements("tqdm")
    assert pin.specifier.contains("4.38.0") and not pin.specifier.contains("4.37.0")
