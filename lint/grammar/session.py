"""The grammar session: one grammar backend (Harper or LanguageTool) per run, asked about each document's blocks."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager

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
        # Harper opens and lints on a thread of its own, beside the parse on the other core: harper-py
        # releases the GIL in both (benchmarks/harper_thread.py). One thread, so Harper's calls stay in
        # document order and a failure stops every later document, as in one thread.
        self._harper_thread: ThreadPoolExecutor | None = None
        self._ahead: dict[int, tuple[Document, Future]] = {}  # by id(): the Document is kept alive beside it

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

    def open_ahead(self) -> None:
        """Start opening Harper on its thread, so that its ~0.9 s overlaps loading the model."""
        if self._harper_pending:
            self._on_harper_thread(self._open_pending)

    @contextmanager
    def ahead(self, documents: Sequence[Document]) -> Iterator[None]:
        """Have Harper lint ``documents`` on its thread while they are parsed; :meth:`issues` collects."""
        # The thread is Harper's from open_ahead on (while it opens, neither flag below says Harper yet).
        if self._harper_pending or self._harper_thread is not None or isinstance(self.backend, HarperBackend):
            for document in documents:
                if id(document) not in self._ahead:
                    self._ahead[id(document)] = (document, self._on_harper_thread(self._check, document))
        try:
            yield
        finally:  # a chunk that failed part-way leaves its later documents unasked
            for document in documents:
                _, linting = self._ahead.pop(id(document), (None, None))
                if linting is not None:
                    linting.cancel()

    def _on_harper_thread(self, work, *args) -> Future:
        if self._harper_thread is None:
            self._harper_thread = ThreadPoolExecutor(1, thread_name_prefix="cliniclint-harper")
        return self._harper_thread.submit(work, *args)

    def _open_pending(self) -> None:
        if self._harper_pending:
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
        if self._harper_thread is not None:
            self._harper_thread.shutdown(cancel_futures=True)
            self._harper_thread = None
        if self.backend is not None:
            self.backend.close()
            self.backend = None

    def issues(self, document: Document) -> list[LocatedIssue]:
        """What the backend says about ``document``'s prose, located in its blocks."""
        _, linting = self._ahead.pop(id(document), (None, None))
        if linting is None and self._harper_thread is not None:
            linting = self._on_harper_thread(self._check, document)
        return self._check(document) if linting is None else linting.result()

    def _check(self, document: Document) -> list[LocatedIssue]:
        self._open_pending()
        backend = self.backend
        if backend is None:
            return []
        try:
            return backend.check(document.blocks)
        except BackendError as error:
            self.status = f"failed: {error} (while checking {document.path})"
            self.backend = None
            backend.close()
        return []
