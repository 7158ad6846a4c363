"""Family ``grammar``: grammar and spelling from Harper or LanguageTool, mapped onto cliniclint findings.

Backends (``Config.grammar`` / ``--grammar``): ``"auto"`` (the default:
Harper when harper-py is installed, otherwise off); ``"harper"``
(:mod:`.harper`, in process, curated by ``rules/data/harper.yaml``);
``"languagetool"`` (or ``"local"``), the LanguageTool installed where
language-tool-python keeps it (``$LTP_PATH``, default
``~/.cache/language_tool_python``; never downloaded); the URL of a
LanguageTool server (``http://localhost:8010``, ``https://lt.example.org``);
or ``"off"``. ``Config.language`` picks the variant (``en-US``, ``en-GB``).

One backend serves a whole run; every backend has ``check(blocks)`` and
``close()``. Each document's block texts (never markup) go in as few calls as
the backend's length limit allows; every match is mapped back to its block
and through the Document to exact source offsets. The ``grammar-issues``
analysis asks the session about each document; a match becomes a finding of
the grammar rule its Harper lint kind or LanguageTool category routes to
(``rules/grammar.yaml``, kind ``languagetool`` in
``lint/kinds/languagetool.py``), keeps the checker's rule id in
``details["source_rule"]`` and its replacements as suggestions (an unsafe
fix, applied only with ``--unsafe-fixes``). Misspellings of domain words and
of the configured vocabulary are dropped; post-processing drops a match on
text a spin finding covers.

If the backend cannot run, :attr:`GrammarSession.status` says so in one line
naming it ("failed: local LanguageTool: not installed in ..."); grammar never
passes for "no issues" when it did not run. When it ran, the status names it
("ran (harper-py 0.2.0)").

One session serves a run (:func:`cliniclint.lint.run` opens it)::

    with GrammarSession(rules, config) as grammar:   # rules: every loaded rule
        checker = Checker(rules, config, grammar)     # the grammar-issues analysis asks grammar.issues(document)
        ...
    families["grammar"] = grammar.status
"""

from __future__ import annotations

from .client import BackendError
from .session import GrammarSession

__all__ = ["BackendError", "GrammarSession"]
