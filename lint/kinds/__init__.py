"""Rule kinds: the Python behind rules that are data.

A rule in a pack names its ``kind``. The kind declares its own rule fields as a
typed ``Options`` model (validated when the pack loads), the analyses it reads
(their spaCy components are loaded for it) and the message placeholders its
matches fill; then it checks parsed documents and yields matches. A kind never
prints, writes or talks to the network, and never imports another kind: what
two kinds share is an analysis (:mod:`cliniclint.lint.analysis`).

Each kind lives in a module named after it (``spin-collocation`` in
``spin_collocation.py``) and registers itself by naming itself:
``class SpinCollocation(RuleKind, name="spin-collocation")``; other packages
register theirs through the ``cliniclint_kinds`` entry point.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, ClassVar

from ..options import KindOptions
from ..registry import import_modules, kinds

if TYPE_CHECKING:
    from ..analysis import Analysis, ParsedDocument
    from ..engine import CheckContext
    from ..finding import Match
    from ..nlp import ParseWhen
    from ..rules import Rule


class NoOptions(KindOptions):
    """A kind with no fields of its own."""


class Kind:
    """One compiled rule of a kind: its rule and its validated options."""

    name: ClassVar[str]
    Options: ClassVar[type[KindOptions]] = NoOptions
    message_fields: ClassVar[frozenset[str]] = frozenset()  # details its findings put in messages

    def __init_subclass__(cls, name: str | None = None, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if name is not None:  # a concrete kind: registered under its name
            cls.name = name
            kinds.register(name, func=cls)

    def __init__(self, rule: Rule, options: KindOptions) -> None:
        self.rule = rule
        self.options = options

    @classmethod
    def prepare(cls, rules: Sequence[Rule]) -> None:
        """Called once per run with every loaded rule of this kind, selected or not (routing tables)."""


class RuleKind(Kind, ABC):
    """A kind the engine runs on each parsed document."""

    needs: ClassVar[frozenset[str]] = frozenset()  # spaCy components the check itself reads
    analyses: ClassVar[tuple[Analysis, ...]] = ()  # shared analyses it reads (their needs count too)

    def parse_when(self, context: CheckContext) -> ParseWhen | None:
        """The blocks whose dependency parse this rule reads, when ``needs`` has the parser.

        None (the default) is every block. A rule that reads the parse only
        where certain words are (a claim word, its negation) returns a
        :class:`~cliniclint.lint.nlp.ParseWhen` naming them; when every rule
        and analysis that reads the parse does so, the engine parses only the
        blocks they name (see :mod:`cliniclint.lint.nlp`).
        """
        return None

    @abstractmethod
    def check(self, doc: ParsedDocument, context: CheckContext) -> Iterator[Match]:
        """Every hit of this rule in ``doc``."""


class ProcessorKind(Kind):
    """A kind whose findings a post-processor makes (unused suppressions): the engine never runs it."""

    processor: ClassVar[str]  # the post-processor that reports this kind's findings


def kind_named(name: str) -> type[Kind] | None:
    """The registered kind called ``name``, or None."""
    return known_kinds().get(name)


def known_kinds() -> dict[str, type[Kind]]:
    import_modules(__name__)
    return kinds.get_all()
