"""The grammar session: one grammar backend (Harper or LanguageTool) per run, asked about each document's blocks."""

from __future__ import annotations

import os
from collections.abc import Iterable

from ..config import Config
from ..document import Document
from ..rules import Rule, selected
from .backends import HARPER_SETTINGS, Backend, open_backend
from .batching import MAX_CHARS
from .client import BackendError, LocatedIssue
from .curation import Curation
from . import harper
from .harper import HarperBackend

NOT_INSTALLED = "off (not installed)"  # "auto" found no Harper: grammar is off, and the report says why

# A LanguageTool server named in a config file is used only with this set to 1:
# whoever can change a checked-in file must not be able to send the articles elsewhere.
ALLOW_NETWORK_ENV = "CLINICLINT_ALLOW_NETWORK_GRAMMAR"


def network_refusal(config: Config) -> str | None:
    """Why the configured grammar server may not be used, or None when it may."""
    if not config.grammar_url_from_file or os.environ.get(ALLOW_NETWORK_ENV) == "1":
        return None
    return (f"{config.source}: grammar = {config.grammar!r} would send article text to that server; "
            f"set {ALLOW_NETWORK_ENV}=1 or pass --grammar on the command line to allow it")


class GrammarSession:
    """The run's grammar backend, and whether grammar ran.

    ``status`` is "off" (not requested, or every grammar rule deselected),
    "off (not installed)" ("auto" without Harper), "ran (<backend>)", or
    "failed: <one line naming the backend and the reason>". Once
    the backend fails, later documents are not sent; findings already made
    stand, and the status says grammar did not finish.
    """

    def __init__(self, rules: Iterable[Rule], config: Config, max_chars: int = MAX_CHARS) -> None:
        self.wanted = config.grammar != "off" and any(rule.family == "grammar" for rule in selected(rules, config))
        self.config = config
        self.max_chars = max_chars
        self.backend: Backend | HarperBackend | None = None
        self.status = "off"
        self._harper_pending = False

    def __enter__(self) -> GrammarSession:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def start(self) -> None:
        """Open the configured backend, or record in ``status`` why grammar will not run.

        Harper is opened when the first document is checked: opening it costs about 0.8 s and
        200 MB, which a run whose documents all come from the result cache never needs."""
        if not self.wanted:
            return
        refusal = network_refusal(self.config)
        if refusal is not None:
            self.status = f"failed: {refusal}"
            return
        if self.config.grammar in HARPER_SETTINGS and harper.installed():
            try:  # a wrong setting is still reported before any document is read
                Curation.load().dialect(self.config.language)
            except BackendError as error:
                self.status = f"failed: {error}"
                return
            self._harper_pending = True
            self.status = f"ran ({harper.backend_name()})"
            return
        self._open()

    def _open(self) -> None:
        self._harper_pending = False
        try:
            self.backend = open_backend(self.config.grammar, self.config.language, self.config.vocabulary,
                                        self.max_chars)
        except BackendError as error:
            self.status = f"failed: {error}"
            return
        self.status = NOT_INSTALLED if self.backend is None else f"ran ({self.backend.name})"

    @property
    def one_session(self) -> bool:
        """Whether the run asked for LanguageTool, one session for the whole run, so that no worker can check
        (decided by the setting, not by whether the server came up: the same command means the same thing)."""
        return self.wanted and self.config.grammar not in HARPER_SETTINGS

    def close(self) -> None:
        if self.backend is not None:
            self.backend.close()
            self.backend = None

    def issues(self, document: Document) -> list[LocatedIssue]:
        """What the backend says about ``document``'s prose, located in its blocks."""
        if self._harper_pending:
            self._open()
        if self.backend is None:
            return []
        try:
            return self.backend.check(document.blocks)
        except BackendError as error:
            self.status = f"failed: {error} (while checking {document.path})"
            self.close()
        return []
