"""What checks produce: a Match in block text, and the Finding it becomes in the source file."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SEVERITIES = ("info", "warning", "error")  # in increasing order


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Match:
    """A rule's hit, in the coordinates of one block's text.

    ``details`` fills the rule's message template and carries the
    family-specific fields (category, procedure, concept, ...).
    """

    block: int
    start: int
    end: int
    suggestions: tuple[str, ...] = ()
    fixable: bool = False  # the first suggestion is safe to apply without review
    severity: str | None = None  # overrides the rule's own severity for this hit
    details: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
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
    fixable: bool = False
    category: str | None = None
    procedure: str | None = None
    concept: str | None = None
    source_rule: str | None = None  # grammar: the checker's rule id (Harper or LanguageTool)

    def to_json(self) -> dict:
        data = asdict(self)
        data["suggestions"] = list(self.suggestions)
        return {key: value for key, value in data.items() if value is not None}
