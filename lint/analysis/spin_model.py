"""The spin model's view of a document: its candidates and article-agreement slips, computed once per document.

The model itself (:mod:`cliniclint.lint.spin_model`) knows nothing of rules:
it takes parsed blocks and returns candidate spans with a calibrated
confidence. This analysis loads it once per process (on first use: listing
rules never loads it) and runs it over a document's blocks, so that the
rule reporting the candidates (``spin-model``) and the document verdict read
the same result.
"""

from __future__ import annotations

import functools
from collections import Counter

from ..spin_model import Candidate, SpinModel, word_counts
from . import ParsedDocument, analysis
from .tokens import TITLE_BLOCKS, is_title_cased

_MODEL_NEEDS = {"tagger", "attribute_ruler", "lemmatizer"}


@functools.cache
def shared_model() -> SpinModel:
    """The spin model, loaded once per process."""
    return SpinModel.load()


@analysis("document-words", needs=_MODEL_NEEDS)
def document_words(parsed: ParsedDocument) -> Counter:
    """How often the document uses each word, by lower-case form and by lemma."""
    return word_counts(parsed.docs)


@analysis("spin-model-candidates", needs=_MODEL_NEEDS, requires=(document_words,))
def spin_candidates(parsed: ParsedDocument, exempt: frozenset[str]) -> list[list[Candidate]]:
    """For every block, the model's candidates at or above its lowest tier.

    ``exempt``: lower-case words never reported (the configured vocabulary is
    added). Capitals mean nothing in headings and title-cased lines.
    """
    model = shared_model()
    exempt = exempt | parsed.context.vocabulary
    document = parsed.get(document_words)
    return [
        model.candidates(doc, exempt, capitals=block.kind not in TITLE_BLOCKS and not is_title_cased(doc),
                         document=document)
        for block, doc in zip(parsed.document.blocks, parsed.docs)
    ]


@analysis("article-agreement")
def article_agreement(parsed: ParsedDocument) -> list[list[tuple[int, int]]]:
    """For every block, the token spans (article, next word) where "a" meets a vowel sound or "an" a consonant."""
    agreement = shared_model().agreement
    return [[] if block.kind in TITLE_BLOCKS else agreement.errors(doc)
            for block, doc in zip(parsed.document.blocks, parsed.docs)]
