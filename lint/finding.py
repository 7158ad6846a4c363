"""What checks produce: a Match in block text, and the Finding it becomes in the source file.

A match may carry a :class:`Fix`: edits that would resolve it and how safe
they are to apply without review (as ruff's fixes do). ``--fix`` applies safe
fixes, ``--unsafe-fixes`` unsafe ones too; display-only fixes are shown, never
applied.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum

SEVERITIES = ("info", "warning", "error")  # in increasing order


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


class Applicability(str, Enum):
    SAFE = "safe"  # keeps the meaning; applied by --fix
    UNSAFE = "unsafe"  # probably right, may change meaning; applied with --unsafe-fixes
    DISPLAY_ONLY = "display-only"  # shown to the writer, never applied


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``[start, end)`` with ``replacement``: block offsets in a Match, source offsets in a Finding."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability
    reason: str  # why it has this applicability, for the writer

    @classmethod
    def replace(cls, start: int, end: int, replacement: str, applicability: Applicability, reason: str) -> Fix:
        return cls((Edit(start, end, replacement),), applicability, reason)

    def to_json(self) -> dict:
        return {
            "applicability": self.applicability.value,
            "reason": self.reason,
            "edits": [asdict(edit) for edit in self.edits],
        }


@dataclass(frozen=True, slots=True)
class Match:
    """A rule's hit, in the coordinates of one block's text.

    ``details`` fills the rule's message template and carries the
    family-specific fields (category, procedure, concept, ...).
    """

    block: int
    start: int
    end: int
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None  # edits in this block's text
    severity: str | None = None  # overrides the rule's own severity for this hit
    details: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    code: str
    rule: str
    family: str
    severity: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    text: str
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None  # edits in source offsets
    category: str | None = None
    procedure: str | None = None
    concept: str | None = None
    source_rule: str | None = None  # grammar: the checker's rule id (Harper or LanguageTool)
    confidence: float | None = None  # spin model: calibrated probability that the span is a spinner's

    def applicable(self, unsafe: bool = False) -> bool:
        """Whether ``--fix`` (with ``unsafe``: ``--unsafe-fixes``) applies this finding's fix."""
        if self.fix is None:
            return False
        allowed = {Applicability.SAFE, Applicability.UNSAFE} if unsafe else {Applicability.SAFE}
        return self.fix.applicability in allowed

    @property
    def fixable(self) -> bool:
        """Whether a safe fix resolves it."""
        return self.applicable()

    def to_json(self) -> dict:
        data = asdict(self)
        data["suggestions"] = list(self.suggestions)
        data["fixable"] = self.fixable
        data["fix"] = self.fix.to_json() if self.fix else None
        return {key: value for key, value in data.items() if value is not None}
