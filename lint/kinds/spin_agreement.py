"""Kind ``spin-agreement``: "a" before a vowel sound or "an" before a consonant sound.

A spinner swaps the word after an article and leaves the article as it was
("an natural approach" -> "a organic approach"). Writers make the slip too,
so a finding is an ``info`` and, like the spin model's lower tier, evidence
for the document verdict: it is kept only in documents the verdict calls
possibly or likely spun. The sound a word starts with comes from Open English
WordNet's pronunciations (``lint/spin_model/agreement.py``).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..finding import Match
from . import RuleKind, register
from .spin_model import shared_model
from .spin_context import TITLE_BLOCKS

# How sure a slip is a spinner's rather than a writer's: on clean MedQuAD dev answers
# these slips (after the pronunciation table) are about 1 in 10,000 words, while a
# spinner swapping a tenth of the words leaves one every few hundred.
CONFIDENCE = 0.9


@register
class SpinAgreement(RuleKind):
    name = "spin-agreement"

    def check(self, doc, context) -> Iterator[Match]:
        agreement = shared_model().agreement
        for index, (block, parsed) in enumerate(zip(doc.document.blocks, doc.docs)):
            if block.kind in TITLE_BLOCKS:
                continue
            for start, end in agreement.errors(parsed):
                article, word = parsed[start], parsed[end - 1]
                fixed = ("an" if article.lower_ == "a" else "a")
                fixed = fixed.capitalize() if article.text[0].isupper() else fixed
                yield Match(index, article.idx, word.idx + len(word), (f"{fixed} {word.text}",),
                            fixable=False, severity="info",
                            details={"confidence": f"{CONFIDENCE:.2f}", "mechanism": "agreement"})
