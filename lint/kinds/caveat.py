"""Kind ``caveat``: an article about a procedure that leaves out a safety caveat.

Rule data::

    concept: risks            # one of caveat_concepts.CONCEPTS
    absent: never mentions its risks or side effects   # fills {gap} when the concept is missing
    suggestion: "...{procedure_name}..."                # default sentence a writer can adapt

One match per procedure the article is about whose required concept is
missing, anchored at the article's title (or the procedure's first mention
when there is no title). When the concept is conveyed but a procedure-specific
item is not named (fillers: injection into a blood vessel), the match says
which, suggests the item's own sentence, and is at most a warning: the writer
has done part of the job.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..finding import Match, severity_rank
from ..procedures import procedure_table
from . import RuleKind, register
from .caveat_concepts import CONCEPTS, review


@register
class Caveat(RuleKind):
    name = "caveat"
    needs = frozenset({"parser", "lemmatizer"})
    fields = {
        "concept": f"the caveat concept this rule checks ({', '.join(CONCEPTS)})",
        "absent": "what the article fails to do when the concept is missing (fills {gap})",
        "suggestion": "a sentence a writer can adapt; may use {procedure_name}",
    }
    required = frozenset(fields)

    def __init__(self, rule, data) -> None:
        super().__init__(rule, data)
        if data["concept"] not in CONCEPTS:
            raise ValueError(f"field 'concept': {data['concept']!r} is not one of {', '.join(CONCEPTS)}")
        for key in ("absent", "suggestion"):
            if not isinstance(data[key], str) or not data[key].strip():
                raise ValueError(f"field '{key}' must be text")
        self.concept = data["concept"]
        self.absent = data["absent"].strip()
        self.suggestion = data["suggestion"].strip()

    def _anchor(self, doc, first_mention) -> tuple[int, int, int]:
        title = doc.document.title
        for index, block in enumerate(doc.document.blocks):
            if block is title:
                return index, 0, len(block.text)
        return first_mention

    def _suggestion(self, procedure) -> str:
        specific = procedure_table()["procedures"][procedure.id].get("suggestions") or {}
        return specific.get(self.concept) or self.suggestion.format(procedure_name=procedure.name)

    def check(self, doc, context) -> Iterator[Match]:
        partial_severity = min(self.rule.severity, "warning", key=severity_rank)
        for procedure_review in review(doc):
            check = procedure_review.checks.get(self.concept)
            if check is None or check.complete:
                continue
            procedure = procedure_review.procedure
            block, start, end = self._anchor(doc, procedure.first_mention)
            details = {"procedure": procedure.id, "concept": self.concept, "procedure_name": procedure.name}
            if check.evidence is None:
                yield Match(block, start, end, (self._suggestion(procedure),),
                            details={**details, "gap": self.absent})
            else:
                labels = ", ".join(item.label for item in check.missing_items)
                yield Match(block, start, end, tuple(item.suggestion for item in check.missing_items),
                            severity=partial_severity,
                            details={**details, "gap": f"covers {self.concept} but does not name {labels}"})
