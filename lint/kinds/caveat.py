"""Kind ``caveat``: an article about a procedure that leaves out a safety caveat.

Rule data::

    concept: risks            # one of the concepts in rules/data/procedures.yaml
    absent: never mentions its risks or side effects   # fills {gap} when the concept is missing
    suggestion: "Not everyone can have {procedure_name}: ..."   # neutral sentence, true of any procedure

One match per procedure the article is about whose required concept is
missing (the ``caveat-review`` analysis), anchored at the article's title (or
the procedure's first mention when there is no title). When the concept is
conveyed but a procedure-specific item is not named (fillers: injection into
a blood vessel), the match says which, suggests the item's own sentence, and
is at most a warning: the writer has done part of the job.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field, field_validator

from ..analysis.caveats import concepts, review
from ..analysis.lexicon import english
from ..analysis.procedures import procedure_table
from ..finding import Match, severity_rank
from ..options import KindOptions, message_fields, one_of
from . import RuleKind


Concept = one_of(concepts, "a caveat concept")
# A name opening a sentence would need a capital that some names must not take ("miraDry"), and
# capitalising others would change a brand's form: a template keeps names inside its sentences.
_NAME_AT_SENTENCE_START = re.compile(r"(^|[.!?]\s+)\{procedure_name\}")


class Options(KindOptions):
    concept: Concept = Field(
        description="the caveat concept this rule checks (risks, contraindications, ...)")
    absent: str = Field(min_length=1, description="what the article fails to do when the concept is missing (fills {gap})")
    suggestion: str = Field(min_length=1, description="a sentence a writer can adapt; may use {procedure_name}")

    @field_validator("absent", "suggestion")
    @classmethod
    def _stripped(cls, text: str) -> str:
        return text.strip()

    @field_validator("suggestion")
    @classmethod
    def _template(cls, text: str) -> str:
        message_fields(text, {"procedure_name"})
        # Names are singular ("microneedling") or plural ("chemical peels"): no verb may agree with one.
        for verb in re.findall(r"\{procedure_name\}\s+(\w+)", text):
            if verb.lower() in english().number_agreeing_verbs:
                raise ValueError(f"'{{procedure_name}} {verb}' must agree with singular and plural names; "
                                 "rephrase (e.g. with a modal verb, or the name as an object)")
        if _NAME_AT_SENTENCE_START.search(text):
            raise ValueError("{procedure_name} must not start a sentence: a name keeps its own form "
                             "(\"miraDry\", \"microneedling\"), so it cannot take the sentence's capital")
        return text


class Caveat(RuleKind, name="caveat"):
    Options = Options
    analyses = (review,)
    message_fields = frozenset({"procedure_name", "gap"})

    def _anchor(self, doc, first_mention) -> tuple[int, int, int]:
        title = doc.document.title
        for index, block in enumerate(doc.document.blocks):
            if block is title:
                return index, 0, len(block.text)
        return first_mention

    def suggestion(self, procedure: str) -> str:
        """The sentence offered for this concept: the procedure's own, else the neutral template filled in."""
        spec = procedure_table().procedures[procedure]
        specific = spec.suggestions.get(self.options.concept)
        return specific or self.options.suggestion.format(procedure_name=spec.name)

    def check(self, doc, context) -> Iterator[Match]:
        concept = self.options.concept
        partial_severity = min(self.rule.severity, "warning", key=severity_rank)
        for procedure_review in doc.get(review):
            check = procedure_review.checks.get(concept)
            if check is None or check.complete:
                continue
            procedure = procedure_review.procedure
            block, start, end = self._anchor(doc, procedure.first_mention)
            details = {"procedure": procedure.id, "concept": concept, "procedure_name": procedure.name}
            if check.evidence is None:
                yield Match(block, start, end, (self.suggestion(procedure.id),),
                            details={**details, "gap": self.options.absent})
            else:
                labels = ", ".join(item.label for item in check.missing_items)
                yield Match(block, start, end, tuple(item.suggestion for item in check.missing_items),
                            severity=partial_severity,
                            details={**details, "gap": f"covers {concept} but does not name {labels}"})
