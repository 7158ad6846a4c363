"""A plain install (no optional extra) must lint: no module of an extra may be imported on the way.

The test suite installs every extra, so a top-level import of one would pass unnoticed here and
fail on a user's plain `pip install cliniclint`; blocking the extras' modules in a fresh
interpreter stands in for not having them.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

# The top-level modules of the optional extras (grammar, lsp, dask) and their own dependencies.
EXTRA_MODULES = ("harper", "rapidfuzz", "pygls", "lsprotocol", "distributed", "dask")


def test_linting_with_grammar_off_needs_no_extra(tmp_path):
    article = tmp_path / "article.md"
    article.write_text("# Microneedling\n\nMicroneedling is painless and permanent.\n", encoding="utf-8")
    script = textwrap.dedent(f"""
        import sys
        for name in {EXTRA_MODULES!r}:
            sys.modules[name] = None  # importing it raises ImportError, as if it were not installed
        from cliniclint.cli import main
        sys.exit(main(["check", "--grammar", "off", "--no-cache", {str(article)!r}], standalone_mode=False))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert "painless" in result.stdout, result.stderr[-2000:]
    assert "ModuleNotFoundError" not in result.stderr and "ImportError" not in result.stderr


def test_a_grammar_extra_that_cannot_be_imported_is_a_backend_error_not_a_crash(monkeypatch):
    from cliniclint.lint.grammar import BackendError, harper

    monkeypatch.setitem(sys.modules, "harper", None)  # installed per its metadata, but the import fails
    with pytest.raises(BackendError, match="^Harper: cannot import harper-py:"):
        harper._bindings()
