"""A plain install (no optional extra) must lint: no module of an extra may be imported on the way.

The test suite installs every extra, so a top-level import of one (or a code path that assumes
one) would pass unnoticed here and fail on a user's plain `pip install cliniclint`; hiding the
extras' modules and distributions from every interpreter of a run stands in for not having them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

# The top-level modules of the optional extras (grammar, lsp, dask) and their own dependencies, and
# the distributions that provide them.
EXTRA_MODULES = ("harper", "rapidfuzz", "pygls", "lsprotocol", "distributed", "dask")
EXTRA_DISTRIBUTIONS = ("harper-py", "rapidfuzz", "pygls", "lsprotocol", "distributed", "dask")

# Run at start-up by every interpreter of the run (worker processes too, through PYTHONPATH): the
# extras' modules cannot be imported and their distributions are not found, as if never installed.
WITHOUT_EXTRAS = f"""
import importlib.metadata as metadata
import sys

for name in {EXTRA_MODULES!r}:
    sys.modules[name] = None

_version = metadata.version

def version(distribution):
    if distribution in {EXTRA_DISTRIBUTIONS!r}:
        raise metadata.PackageNotFoundError(distribution)
    return _version(distribution)

metadata.version = version
"""


def _without_extras(tmp_path, *args: str) -> subprocess.CompletedProcess:
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(WITHOUT_EXTRAS, encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "cliniclint", *args], capture_output=True, text=True,
                          timeout=600, env=environment, cwd=tmp_path)


def _articles(tmp_path) -> list[str]:
    paths = []
    for index, text in enumerate(["# Microneedling\n\nMicroneedling is painless and permanent.\n",
                                  "Our chemical peels are risk-free.\n"]):
        path = tmp_path / f"article{index}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def test_linting_needs_no_extra(tmp_path):
    result = _without_extras(tmp_path, "check", "--no-cache", *_articles(tmp_path))
    assert result.returncode == 1, result.stderr[-2000:]
    assert "painless" in result.stdout and "grammar off (not installed)" in result.stdout
    assert "ModuleNotFoundError" not in result.stderr and "ImportError" not in result.stderr


def test_worker_processes_need_no_extra(tmp_path):
    serial = _without_extras(tmp_path, "check", "--no-cache", "--format", "json", "--jobs", "1", *_articles(tmp_path))
    parallel = _without_extras(tmp_path, "check", "--no-cache", "--format", "json", "--jobs", "2", *_articles(tmp_path))
    assert parallel.returncode == serial.returncode == 1, parallel.stderr[-2000:]
    assert json.loads(parallel.stdout)["files"] == json.loads(serial.stdout)["files"]


def test_a_grammar_extra_that_cannot_be_imported_is_a_backend_error_not_a_crash(monkeypatch):
    from cliniclint.lint.grammar import BackendError, harper

    monkeypatch.setitem(sys.modules, "harper", None)  # installed per its metadata, but the import fails
    with pytest.raises(BackendError, match="^Harper: cannot import harper-py:"):
        harper._bindings()
