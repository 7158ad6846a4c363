"""Shared fixtures. Tests use the real spaCy model: loading it once per session keeps them fast."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cliniclint import lint
from cliniclint.lint import compiled

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def require(present: bool, message: str, module: bool = False) -> None:
    """Skip when a real component is missing, but fail in CI, which must install it (``CI`` is set there)."""
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message, allow_module_level=module)


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
    """Each test's CLI runs cache results in a folder of their own, never the user's cache; the compiled packs
    they keep there (``lint.compiled``) are not read beyond the test."""
    monkeypatch.setenv("CLINICLINT_CACHE_DIR", str(tmp_path_factory.mktemp("cliniclint-cache")))
    yield
    compiled.keep_compiled(None)
