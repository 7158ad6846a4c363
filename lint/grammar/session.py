"""The grammar session: one grammar backend (Harper or LanguageTool) per run, asked about each document's blocks."""

from __future__ import annotations

from collections.abc import Iterable

from ..config import Config
from ..document import Document
from ..engine import enabled_rules
from ..kinds.languagetool import Router
from ..rules import Rule
from .backends import Backend, open_backend
from .batching import MAX_CHARS
from .client import BackendError, LocatedIssue
from .harper import HarperBackend

NOT_INSTALLED = "off (not installed)"  # "auto" found no Harper: grammar is off, and the report says why


class GrammarSession:
    """The run's grammar backend, and whether grammar ran.

    ``status`` is "off" (not requested, or every grammar rule deselected),
    "off (not installed)" ("auto" without Harper), "ran (<backend>)", or
    "failed: <one line naming the backend and the reason>". Once
    the backend fails, later documents are not sent; findings already made
    stand, and the status says grammar did not finish.
    """

    def __init__(self, rules: Iterable[Rule], config: Config, max_chars: int = MAX_CHARS) -> None:
        grammar_rules = [rule for rule in rules if rule.family == "grammar"]
        # Routing sees every grammar rule: deselecting GR102 must drop typos, not move them to GR104.
        self.router = Router(grammar_rules)
        self.wanted = config.grammar != "off" and bool(enabled_rules(grammar_rules, config))
        self.config = config
        self.max_chars = max_chars
        self.backend: Backend | HarperBackend | None = None
        self.status = "off"

    def __enter__(self) -> GrammarSession:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def start(self) -> None:
        """Open the configured backend, or record in ``status`` why grammar will not run."""
        if not self.wanted:
            return
        try:
            self.backend = open_backend(self.config.grammar, self.config.language, self.config.vocabulary,
                                        self.max_chars)
        except BackendError as error:
            self.status = f"failed: {error}"
            return
        self.status = NOT_INSTALLED if self.backend is None else f"ran ({self.backend.name})"

    def close(self) -> None:
        if self.backend is not None:
            self.backend.close()
            self.backend = None

    def issues(self, document: Document) -> list[LocatedIssue]:
        """What the backend says about ``document``'s prose, located in its blocks."""
        if self.backend is None:
            return []
        try:
            return self.backend.check(document.blocks)
        except BackendError as error:
            self.status = f"failed: {error} (while checking {document.path})"
            self.close()
        return []
