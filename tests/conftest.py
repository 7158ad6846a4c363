"""Shared fixtures. Tests use the real spaCy model: loading it once per session keeps them fast."""

from __future__ import annotations

from pathlib import Path

import pytest

from cliniclint import lint
from cliniclint.lint.engine import Checker

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def rules():
    return lint.load_rules()


@pytest.fixture(scope="session")
def check(rules):
    """``check(text, format="text", **config)`` -> findings, with every built-in rule loaded once."""

    def run(text: str, format: str = "text", **settings):
        return lint.check_text(text, format=format, config=lint.Config(**settings), rules=rules)

    return run


@pytest.fixture(autouse=True)
def _own_result_cache(tmp_path_factory, monkeypatch):
    """Each test's CLI runs cache results in a folder of their own, never the user's cache."""
    monkeypatch.setenv("CLINICLINT_CACHE_DIR", str(tmp_path_factory.mktemp("cliniclint-cache")))
