"""Rule kinds: the Python behind rules that are data.

A rule in a pack names its ``kind``; the kind validates the rule's own fields
when the pack is loaded and then checks parsed documents. Each kind lives in
its own module and registers itself here with :func:`register`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from ..engine import CheckContext, ParsedDocument
    from ..finding import Match
    from ..rules import Rule

KINDS: dict[str, type[RuleKind]] = {}


class RuleKind(ABC):
    """One compiled rule of a kind. Subclasses set ``name``, ``needs`` and ``fields``."""

    name: ClassVar[str]
    needs: ClassVar[frozenset[str]] = frozenset()  # spaCy components the check reads
    fields: ClassVar[dict[str, str]] = {}  # kind-specific rule fields -> one-line description
    required: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, rule: Rule, data: dict[str, Any]) -> None:
        self.rule = rule
        # Data files the rule names are looked up beside its pack first (see lint.data).
        self.pack: str | None = rule.pack if rule is not None else None

    @abstractmethod
    def check(self, doc: ParsedDocument, context: CheckContext) -> Iterator[Match]:
        """Every hit of this rule in ``doc``."""


def register(kind: type[RuleKind]) -> type[RuleKind]:
    KINDS[kind.name] = kind
    return kind


def load_builtin_kinds() -> None:
    """Import every kind module so that it registers itself."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
