"""Kind ``spin-model``: words that fit their context much worse than one of their own synonyms would.

The statistical layer of the spin family (``lint/spin_model``, run over a
document by the ``spin-model-candidates`` analysis): for every content word
and thesaurus phrase, the model compares how well the word fits between its
neighbours in clean clinic and medical English with how well each of its
thesaurus neighbours would, and a classifier trained on simulated spinner
output turns that into a calibrated confidence.

Two tiers, so that clean articles stay quiet. A candidate whose confidence
reaches the model's ``warning`` threshold is a warning, a weaker one an
``info`` finding; both are evidence for the document verdict. Only the very
sure ones (``verdict.STANDALONE``) are shown on any page, the others on
pages the verdict calls possibly or likely spun (the ``spin-evidence``
post-processor, ``lint/postprocess.py``).

The suggestion is the candidate the model ranks first, in the word's
inflection and capitals. Its fix is safe only for a warning whose first
candidate the ranker prefers by a wide margin; otherwise it is unsafe (the
word meant is a guess among synonyms).

Rule field: ``exempt`` is a word list of words that are never slots (brand
and procedure names the counts may not know); the config vocabulary is
exempt too.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from ..analysis.spin_model import shared_model, spin_candidates
from ..finding import Applicability, Fix, Match
from ..options import KindOptions, WordList
from ..spin_model import Candidate
from . import RuleKind

SURE_FIX = 3.0  # ranker margin (log-odds) between the first and second candidate for a fix to be safe


class Options(KindOptions):
    exempt: WordList = Field((), description="word list of words the model never reports (names the counts lack)")


class SpinModelKind(RuleKind, name="spin-model"):
    Options = Options
    analyses = (spin_candidates,)
    message_fields = frozenset({"confidence", "mechanism"})

    def __init__(self, rule, options: Options) -> None:
        super().__init__(rule, options)
        self.exempt = frozenset(word.lower() for word in options.exempt)

    @staticmethod
    def _fix(candidate: Candidate, sure: bool) -> Fix:
        if sure and candidate.score_gap >= SURE_FIX:
            applicability, reason = Applicability.SAFE, "the model is sure of the swap and of the word meant"
        elif sure:
            applicability, reason = Applicability.UNSAFE, "several synonyms would fit here; check the word meant"
        else:
            applicability, reason = Applicability.UNSAFE, "the model is not sure this word was swapped"
        return Fix.replace(candidate.start_char, candidate.end_char, candidate.suggestions[0], applicability, reason)

    def check(self, doc, context) -> Iterator[Match]:
        warning = shared_model().thresholds["warning"]
        for index, found in enumerate(doc.get(spin_candidates, self.exempt)):
            for candidate in found:
                sure = candidate.confidence >= warning
                yield Match(
                    index, candidate.start_char, candidate.end_char, candidate.suggestions,
                    fix=self._fix(candidate, sure), severity=None if sure else "info",
                    details={"confidence": f"{candidate.confidence:.2f}", "mechanism": candidate.mechanism},
                )
