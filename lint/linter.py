"""Checking a chunk of sources with what a run loads once: the checker and the post-processing pipeline.

Each source's result comes back in order; whatever goes wrong with one file
(unreadable, malformed, a bug met while reading or checking it) is that file's
result. The engines (:mod:`.parallel`, :mod:`.distributed`) run
:func:`check_sources` here, in worker processes or on a cluster.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from .config import Config
from .document import Document
from .engine import Checker
from .grammar import BackendError, GrammarSession
from .inputs import InputError, read_bounded
from .readers import read_path
from .report import FileResult
from .report.article import article_blocks
from .rules import Rule

log = logging.getLogger("cliniclint")


@dataclass(frozen=True)
class Source:
    """Something to lint: a path, its bytes (None: read the path; an InputError: why it cannot be read)
    and its format (None: from the name)."""

    path: str
    data: bytes | InputError | None = None
    format: str | None = None

    @classmethod
    def of(cls, source: Source | tuple) -> Source:
        """A Source from a Source or a ``(path, data[, format])`` tuple."""
        return source if isinstance(source, Source) else cls(*source)


class Linter:
    """One run's checker, grammar session and post-processing pipeline, for many documents."""

    def __init__(self, rules: Sequence[Rule], config: Config, grammar: GrammarSession) -> None:
        self.config, self.grammar = config, grammar
        grammar.open_ahead()  # beside the model's loading, which Checker does
        self.checker = Checker(rules, config, grammar)
        # Imported here: post-processing imports spaCy, which a run's parent process with workers never needs.
        from .postprocess import Pipeline

        self.pipeline = Pipeline(rules, config)

    def lint(self, documents: Sequence[Document]) -> list[FileResult]:
        results = []
        with self.grammar.ahead(documents):
            for parsed, findings in self.checker.check(documents):
                document = parsed.document
                outcome = self.pipeline(parsed, findings)
                results.append(FileResult(document.path, document.format, document.words,
                                          findings=outcome.findings, source=document.source,
                                          blocks=article_blocks(document.blocks), **outcome.facts))
        return results


def _failure(stage: str, path: str, error: Exception) -> FileResult:
    """A bug met on one file becomes that file's error; the traceback goes to the debug log."""
    log.debug("internal error while %s %s", stage, path, exc_info=error)
    detail = str(error).splitlines()[0] if str(error) else ""
    return FileResult(path, "text", error=f"internal error while {stage} it: {type(error).__name__}"
                      + (f": {detail}" if detail else "") + " (a cliniclint bug; --debug shows where)")


def _read(source: Source, config: Config) -> Document | FileResult:
    """The document for one source, or the result saying why it cannot be linted."""
    try:
        if isinstance(source.data, InputError):
            raise source.data
        data = read_bounded(source.path, config.max_file_size) if source.data is None else source.data
        return read_path(source.path, source.format, data=data)
    except InputError as error:
        return FileResult(source.path, "text", error=str(error))
    except Exception as error:  # noqa: BLE001 - a reader bug must cost one file, not the run
        return _failure("reading", source.path, error)


def _check_chunk(linter: Linter, documents: list[Document]) -> list[FileResult]:
    """Check a chunk together; if that fails, check its documents one by one so only the culprit fails."""
    try:
        return linter.lint(documents)
    except Exception:  # noqa: BLE001 - the culprit is found below
        pass
    results = []
    for document in documents:
        try:
            results += linter.lint([document])
        except Exception as error:  # noqa: BLE001 - a rule bug must cost one file, not the run
            results.append(_failure("checking", document.path, error))
    return results


def check_sources(linter: Linter, sources: Sequence[Source]) -> list[FileResult]:
    """The result of each source, in order: read, then checked together."""
    read = [_read(source, linter.config) for source in sources]
    checked = iter(_check_chunk(linter, [item for item in read if isinstance(item, Document)]))
    return [next(checked) if isinstance(item, Document) else item for item in read]




_WORKER_LINTERS: dict[str, Linter] = {}
_PRELOADED_RULES: dict[str, list[Rule]] = {}


def preload_worker(config: Config, rules: Sequence[Rule] | None = None) -> None:
    """Load here what :func:`worker_linter` loads for ``config`` but its grammar backend (a thread of its
    own, which a fork does not copy), so that workers forked from this process share those pages
    (copy-on-write) instead of each loading its own: the rules (``rules``, else those of
    ``config.rule_packs``), the pipeline and lemminflect's tables."""
    from .rules import load_rules

    rules = list(rules) if rules is not None else load_rules(config.rule_packs)
    Checker(rules, config).pipeline.morphology.load_inflections()
    _PRELOADED_RULES[repr(config)] = rules


def worker_linter(config: Config) -> Linter:
    """This worker process's linter for ``config``: its rules and pipeline are loaded once per process
    (or were, before it was forked: :func:`preload_worker`)."""
    key = repr(config)
    if key not in _WORKER_LINTERS:
        from .rules import load_rules

        rules = _PRELOADED_RULES.get(key) or load_rules(config.rule_packs)
        grammar = GrammarSession(rules, config)
        # Engines send work to workers only when grammar is off or runs in process (Harper): this
        # worker opens its own backend, as the run's process did.
        grammar.start()
        _WORKER_LINTERS[key] = Linter(rules, config, grammar)
    return _WORKER_LINTERS[key]


def check_in_worker(config: Config, sources: list[Source], grammar_status: str) -> list[FileResult]:
    """A chunk's results, checked by this worker's linter.

    ``grammar_status`` is the run's own (``"ran (harper-py 0.2.0)"``, ``"off"``…).
    Raises BackendError when the worker's grammar backend failed or is not the
    run's (a remote worker without the grammar extra, or another version), so that
    no result checked differently passes for one of this run's."""
    linter = worker_linter(config)
    if linter.grammar.status != grammar_status and not linter.grammar.status.startswith("failed"):
        raise BackendError(f"a worker's grammar is {linter.grammar.status!r}, this run's is {grammar_status!r}: "
                           "install the same cliniclint extras on every worker")
    results = check_sources(linter, sources)
    if linter.grammar.status.startswith("failed"):
        raise BackendError(linter.grammar.status.removeprefix("failed: "))
    return results
