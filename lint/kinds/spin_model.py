"""Kind ``spin-model``: words that fit their context much worse than one of their own synonyms would.

The statistical layer of the spin family (``lint/spin_model``): for every
content word and thesaurus phrase, the model compares how well the word fits
between its neighbours in clean clinic and medical English with how well each
of its thesaurus neighbours would, and a classifier trained on simulated
spinner output turns that into a calibrated confidence. 
Two tiers, so that clean articles stay quiet. Every finding is evidence for
the document verdict and is kept only in documents the verdict calls possibly
or likely spun (``lint/verdict.py``); there it is a warning when its
confidence reaches the model's ``warning`` threshold and an ``info`` finding
from the ``candidate`` threshold up.

The suggestion is the candidate the model ranks first, put into the word's
inflection and capitals; it is safe to apply only when the ranker is sure of
it and the span is a warning.

Rule fields: ``exempt`` names a word list of words that are never slots
(brand and procedure names the counts may not know); the config vocabulary is
exempt too.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from ..data import rule_data
from ..finding import Match
from ..spin_model import Candidate, SpinModel, word_counts
from . import RuleKind, register
from .spin_context import TITLE_BLOCKS, is_title_cased

SURE_FIX = 3.0  # ranker margin (log-odds) between the first and second candidate for a fix to be safe


@functools.cache
def shared_model() -> SpinModel:
    """The model, loaded once per process on first use (listing rules never loads it)."""
    return SpinModel.load()


@register
class SpinModelKind(RuleKind):
    name = "spin-model"
    needs = frozenset({"tagger", "attribute_ruler", "lemmatizer"})
    fields = {"exempt": "word list in rules/data/ of words the model never reports (names the counts lack)"}

    def __init__(self, rule, data) -> None:
        super().__init__(rule, data)
        words = rule_data(data["exempt"], "exempt") if "exempt" in data else ()
        if not isinstance(words, tuple):
            raise ValueError("field 'exempt' must name a .txt word list")
        self.exempt = frozenset(word.lower() for word in words)

    def _match(self, index: int, candidate: Candidate, warning: float) -> Match:
        sure = candidate.confidence >= warning
        return Match(
            index, candidate.start_char, candidate.end_char, candidate.suggestions,
            fixable=sure and candidate.score_gap >= SURE_FIX,
            severity=None if sure else "info",
            details={"confidence": f"{candidate.confidence:.2f}", "mechanism": candidate.mechanism},
        )

    def check(self, doc, context) -> Iterator[Match]:
        model = shared_model()
        exempt = self.exempt | context.vocabulary
        warning = model.thresholds["warning"]
        document = doc.shared("spin-model.word-counts", lambda d: word_counts(d.docs))
        for index, (block, parsed) in enumerate(zip(doc.document.blocks, doc.docs)):
            capitals = block.kind not in TITLE_BLOCKS and not is_title_cased(parsed)
            for candidate in model.candidates(parsed, exempt, capitals=capitals, document=document):
                yield self._match(index, candidate, warning)
