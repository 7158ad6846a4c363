"""Analyses: what several rules need to know about a document, computed once per document.

An analysis is a function of a parsed document (and optionally of hashable
parameters, such as a compiled table), declared with the spaCy components and
other analyses it reads::

    @analysis("procedures", needs={"parser", "lemmatizer"}, requires=(procedure_mentions,))
    def procedures(parsed: ParsedDocument) -> list[DetectedProcedure]: ...

Kinds list the analyses they read (``RuleKind.analyses``) so the engine loads
what those need, and ask for results with ``parsed.get(procedures)``; document
facts and reports read the same results. Nothing here prints or writes; the one
analysis that talks to a backend (grammar) does so through the run's session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ..registry import analyses

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..document import Document
    from ..engine import CheckContext
    from ..nlp import ParseWhen, TensorReader

T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class Analysis(Generic[T]):
    name: str
    compute: Callable[..., T]
    needs: frozenset[str] = frozenset()  # spaCy components it reads
    requires: tuple[Analysis, ...] = ()  # analyses it reads
    # With the parser in ``needs``: the blocks it reads the parse of (None: every block), as RuleKind.parse_when.
    parse_when: Callable[[CheckContext], ParseWhen] | None = None
    # What it keeps of each block's ``doc.tensor`` before the parse releases it (``nlp.TensorReader``).
    read_tensor: TensorReader | None = None

    @property
    def components(self) -> frozenset[str]:
        """The spaCy components this analysis and everything it requires read."""
        return self.needs.union(*(required.components for required in self.requires))

    @property
    def closure(self) -> tuple[Analysis, ...]:
        """This analysis and every analysis it reads, directly or not."""
        return (self, *(each for required in self.requires for each in required.closure))


def analysis(name: str, *, needs: Iterable[str] = (), requires: Sequence[Analysis] = (),
             parse_when: Callable[[CheckContext], ParseWhen] | None = None, read_tensor: TensorReader | None = None):
    """Declare (and register) a function of a parsed document as the analysis ``name``.

    ``parse_when``: with the parser in ``needs``, a function of the run's
    context naming the blocks whose parse it reads (see RuleKind.parse_when).
    ``read_tensor``: sees each parsed block before its tensor is released, and keeps what the analysis
    reads of it in ``doc.user_data`` (see ``nlp.py``).
    """

    def declare(compute: Callable[..., T]) -> Analysis[T]:
        declared = Analysis(name, compute, frozenset(needs), tuple(requires), parse_when, read_tensor)
        analyses.register(name, func=declared)
        return declared

    return declare


@dataclass(eq=False)
class ParsedDocument:
    """A document with one spaCy Doc per block, the run's context, and its analyses once computed."""

    document: Document
    docs: Sequence[Doc]
    context: CheckContext
    _results: dict[tuple, Any] = field(default_factory=dict, repr=False)

    def get(self, wanted: Analysis[T], *params: Any) -> T:
        """The result of ``wanted`` (for these parameters), computed on first request."""
        key = (wanted.name, *params)
        if key not in self._results:
            self._results[key] = wanted.compute(self, *params)
        return self._results[key]

    def release(self, name: str) -> None:
        """Forget the results of the analysis ``name`` (all parameters): asked for again, it is computed again."""
        for key in [key for key in self._results if key[0] == name]:
            del self._results[key]
