"""Kind ``spin-agreement``: "a" before a vowel sound or "an" before a consonant sound.

A spinner swaps the word after an article and leaves the article as it was
("an natural approach" -> "a organic approach"). Writers make the slip too,
so a finding is an ``info`` and, like the spin model's lower tier, evidence
for the document verdict: it is shown only on pages the verdict calls
possibly or likely spun. The sound a word starts with comes from Open English
WordNet's pronunciations (the ``article-agreement`` analysis).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..analysis.spin_model import article_agreement
from ..finding import Applicability, Fix, Match
from . import RuleKind

# How sure a slip is a spinner's rather than a writer's: on clean MedQuAD dev answers
# these slips (after the pronunciation table) are about 1 in 10,000 words, while a
# spinner swapping a tenth of the words leaves one every few hundred.
CONFIDENCE = 0.9


class SpinAgreement(RuleKind, name="spin-agreement"):
    analyses = (article_agreement,)
    message_fields = frozenset({"confidence", "mechanism"})

    def check(self, doc, context) -> Iterator[Match]:
        for index, (parsed, errors) in enumerate(zip(doc.docs, doc.get(article_agreement))):
            for start, end in errors:
                article, word = parsed[start], parsed[end - 1]
                fixed = "an" if article.lower_ == "a" else "a"
                fixed = fixed.capitalize() if article.text[0].isupper() else fixed
                fix = Fix.replace(article.idx, article.idx + len(article), fixed, Applicability.UNSAFE,
                                  "mends the article; if a spinner swapped the word after it, that word is the problem")
                yield Match(index, article.idx, word.idx + len(word), (f"{fixed} {word.text}",), fix=fix,
                            severity="info", details={"confidence": f"{CONFIDENCE:.2f}", "mechanism": "agreement"})
