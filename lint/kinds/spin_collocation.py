"""Kind ``spin-collocation``: a fixed domain phrase with words swapped by a spinner.

The matching is the ``spun-collocations`` analysis (:mod:`..analysis.spin`),
which ``spin-capitalisation`` reads too. A match is reported with the
collocation it came from as the suggestion; the fix is safe when only one
collocation explains the span, and display-only when several do.
"""

from __future__ import annotations

from collections.abc import Iterator
from pydantic import Field

from ..analysis.spin import SwapTableField, collocation_tables, spun_collocations
from ..finding import Applicability, Fix, Match
from ..options import KindOptions, WordList
from . import RuleKind


class Options(KindOptions):
    collocations: WordList = Field(min_length=1, description="word list of phrases as writers use them")
    swaps: SwapTableField = Field(
        description="the spinner's word swaps: {strong: {word: [variants]}, weak: ...}")


class SpinCollocation(RuleKind, name="spin-collocation"):
    Options = Options
    analyses = (spun_collocations,)

    def check(self, doc, context) -> Iterator[Match]:
        tables = collocation_tables(self.options.collocations, self.options.swaps)
        for index, found_in_block in enumerate(doc.get(spun_collocations, tables)):
            parsed = doc.docs[index]
            for found in found_in_block:
                span = parsed[found.start:found.end]
                if len(found.suggestions) == 1:
                    fix = Fix.replace(span.start_char, span.end_char, found.suggestions[0], Applicability.SAFE,
                                      "one collocation explains the swapped words")
                else:
                    fix = Fix.replace(span.start_char, span.end_char, found.suggestions[0],
                                      Applicability.DISPLAY_ONLY, "several collocations explain these words")
                yield Match(index, span.start_char, span.end_char, found.suggestions, fix=fix)
