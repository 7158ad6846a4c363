"""What the linter concludes about a whole article, beside its findings.

- spin: findings per 100 words and the "spun"/"clean" verdict (``verdict.py``);
- caveats: the procedures the article is about, and for each the caveat
  concepts with the source text that conveys them.

Each fact is computed only when its family ran, from the analyses and the
findings after the judging post-processors: reports show facts, they never
compute them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from .analysis import ParsedDocument
from .analysis.caveats import review
from .analysis.procedures import procedures
from .finding import Finding
from .verdict import spin_verdict


def _evidence(parsed: ParsedDocument, evidence, missing_items) -> dict | None:
    """A concept's evidence as source position and text; None when the article does not convey it."""
    if evidence is None:
        return None
    document = parsed.document
    block, start, end = evidence
    source_start, source_end = document.blocks[block].source_span(start, end)
    line, column = document.position(source_start)
    return {
        "line": line, "column": column, "start": source_start, "end": source_end,
        "text": document.source[source_start:source_end],
        "missing_items": [item.label for item in missing_items],
    }


def document_facts(parsed: ParsedDocument, findings: Sequence[Finding], families: Collection[str]) -> dict:
    """Keyword arguments for the FileResult fields of the families that ran."""
    facts: dict = {}
    if "spin" in families:
        facts["spin_density"], facts["spin_verdict"] = spin_verdict(findings, parsed.document.words)
    if "caveat" in families:
        facts["procedures"] = [procedure.id for procedure in parsed.get(procedures)]
        facts["caveats"] = {
            procedure_review.procedure.id: {
                concept: _evidence(parsed, check.evidence, check.missing_items)
                for concept, check in procedure_review.checks.items()
            }
            for procedure_review in parsed.get(review)
        }
    return facts
