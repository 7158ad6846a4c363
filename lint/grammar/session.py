"""The grammar session: one LanguageTool backend per run, asked about each document's blocks."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from ..config import Config
from ..document import Document
from ..rules import Rule, selected
from .backends import Backend, open_backend
from .batching import MAX_CHARS, batches
from .client import BackendError, Issue

# A LanguageTool server named in a config file is used only with this set to 1:
# whoever can change a checked-in file must not be able to send the articles elsewhere.
ALLOW_NETWORK_ENV = "CLINICLINT_ALLOW_NETWORK_GRAMMAR"


def network_refusal(config: Config) -> str | None:
    """Why the configured grammar server may not be used, or None when it may."""
    if not config.grammar_url_from_file or os.environ.get(ALLOW_NETWORK_ENV) == "1":
        return None
    return (f"{config.source}: grammar = {config.grammar!r} would send article text to that server; "
            f"set {ALLOW_NETWORK_ENV}=1 or pass --grammar on the command line to allow it")


@dataclass(frozen=True)
class LocatedIssue:
    """A LanguageTool match in block-text coordinates."""

    block: int
    start: int
    end: int
    issue: Issue


class GrammarSession:
    """The run's LanguageTool backend, and whether grammar ran.

    ``status`` is "off" (not requested, or every grammar rule deselected),
    "ran", or "failed: <one line naming the backend and the reason>". Once
    the backend fails, later documents are not sent; findings already made
    stand, and the status says grammar did not finish.
    """

    def __init__(self, rules: Iterable[Rule], config: Config, max_chars: int = MAX_CHARS) -> None:
        self.wanted = config.grammar != "off" and any(rule.family == "grammar" for rule in selected(rules, config))
        self.config = config
        self.max_chars = max_chars
        self.backend: Backend | None = None
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
        refusal = network_refusal(self.config)
        if refusal is not None:
            self.status = f"failed: {refusal}"
            return
        try:
            self.backend = open_backend(self.config.grammar, self.config.language)
        except BackendError as error:
            self.status = f"failed: {error}"
            return
        self.status = "ran"

    def close(self) -> None:
        if self.backend is not None:
            self.backend.close()
            self.backend = None

    def issues(self, document: Document) -> list[LocatedIssue]:
        """What LanguageTool says about ``document``'s prose, located in its blocks."""
        if self.backend is None:
            return []
        found = []
        try:
            for batch in batches([block.text for block in document.blocks], self.max_chars):
                for issue in self.backend.client.check(batch.text, self.config.language):
                    located = batch.locate(issue.start, issue.end)
                    if located is not None:  # a match across a block boundary has no source span
                        found.append(LocatedIssue(*located, issue))
        except BackendError as error:
            self.status = f"failed: {error} (while checking {document.path})"
            self.close()
        return found
