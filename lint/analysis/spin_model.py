"""The spin model's view of a document: its candidates and article-agreement slips.

The model itself (:mod:`cliniclint.lint.spin_model`) knows nothing of rules:
it takes parsed blocks and returns candidate spans with a calibrated
confidence. These analyses load it once per process (on first use: listing
rules never loads it) and run it over a document's blocks: the candidates
block by block as the rule reporting them (``spin-model``) reads them, whose
findings the document verdict then reads. Weights that read the replaced-token
detector get its output kept from each block's tensor before the parse releases
it (``keep_detector_scores``).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..spin_model import Candidate, SpinModel, word_counts
from ..spin_model.detector import keep_scores
from . import ParsedDocument, analysis
from .tokens import TITLE_BLOCKS, is_title_cased

if TYPE_CHECKING:
    from spacy.tokens import Doc

_MODEL_NEEDS = {"tagger", "attribute_ruler", "lemmatizer"}


@functools.cache
def shared_model() -> SpinModel:
    """The spin model, loaded once per process."""
    return SpinModel.load()


@analysis("document-words", needs=_MODEL_NEEDS)
def document_words(parsed: ParsedDocument) -> Counter:
    """How often the document uses each word, by lower-case form and by lemma."""
    return word_counts(parsed.docs)


class BlockCandidates(Sequence):
    """Each block's candidates, computed when that block is read and not kept.

    The one rule that reads them (``spin-model``) reads each block once and
    keeps what it reports as findings; held for the whole document as well,
    a 1M-word article's candidates took about 20 MB until it ended.
    """

    def __init__(self, parsed: ParsedDocument, exempt: frozenset[str]) -> None:
        self._parsed = parsed
        self._exempt = exempt
        self._document = parsed.get(document_words)

    def __len__(self) -> int:
        return len(self._parsed.docs)

    def __getitem__(self, index: int) -> list[Candidate]:
        if not 0 <= index < len(self):
            raise IndexError(index)
        block, doc = self._parsed.document.blocks[index], self._parsed.docs[index]
        return shared_model().candidates(doc, self._exempt, document=self._document,
                                         capitals=block.kind not in TITLE_BLOCKS and not is_title_cased(doc))


def keep_detector_scores(doc: Doc) -> None:
    """Before the parse releases a block's tensor: the replaced-token detector's output for its words, where
    the model's weights read the detector (the model loads the detector only then; otherwise nothing is kept)."""
    model = shared_model()
    if model.detector is not None:
        keep_scores(model.detector, doc, model.resources)


@analysis("spin-model-candidates", needs=_MODEL_NEEDS, requires=(document_words,), read_tensor=keep_detector_scores)
def spin_candidates(parsed: ParsedDocument, exempt: frozenset[str]) -> BlockCandidates:
    """For every block, the model's candidates at or above its lowest tier.

    ``exempt``: lower-case words never reported (the configured vocabulary is
    added). Capitals mean nothing in headings and title-cased lines.
    """
    return BlockCandidates(parsed, exempt | parsed.context.vocabulary)


@analysis("article-agreement")
def article_agreement(parsed: ParsedDocument) -> list[list[tuple[int, int]]]:
    """For every block, the token spans (article, next word) where "a" meets a vowel sound or "an" a consonant."""
    agreement = shared_model().agreement
    return [[] if block.kind in TITLE_BLOCKS else agreement.errors(doc)
            for block, doc in zip(parsed.document.blocks, parsed.docs)]
