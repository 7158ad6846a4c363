"""Kind ``substitution``: a known wrong phrase, the phrase the writer meant, and when it is wrong.

Rule data: ``swaps``, a list inline or the name of a data file holding one.
Each entry::

    - instead-of: pores and skin      # the wrong phrase
      use: skin                       # what the writer meant
      unless: {after: [large, enlarged]}
      when: {capitalised: true}       # optional conditions, see below
      severity: info                  # optional, for weaker swaps

Conditions (``when``: all must hold; ``unless``: any one rules it out):
``after`` / ``before`` (the neighbouring token is one of these words;
``"<start>"`` means the phrase opens a sentence), ``after-pos`` /
``before-pos`` (the neighbour has one of these coarse tags) and
``capitalised`` (the phrase is capitalised mid-sentence in prose).

Matching is on token keys (lower case, lemma), so "Micro-Accidents" and
"pores and skin's" match. The suggestion keeps the found capitalisation
(lower-cased where the capital was itself the spinner's). The fix is safe
when the text matched the table exactly; matched through a lemma or another
form, the replacement may need a different inflection, so it is unsafe.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from spacy.tokens import Doc, Span

from ..analysis.tokens import (
    TITLE_BLOCKS, Keys, is_capitalised, is_title_cased, match_case, starts_sentence, token_keys,
)
from ..finding import Applicability, Fix, Match
from ..nlp import PhraseTokenizer
from ..options import KindOptions, inline_or_file
from . import RuleKind

START = "<start>"


class Conditions(BaseModel):
    """Conditions on a swap's neighbours (see the module docs)."""

    model_config = ConfigDict(extra="forbid", frozen=True, alias_generator=lambda n: n.replace("_", "-"))

    after: frozenset[str] | None = None
    before: frozenset[str] | None = None
    after_pos: frozenset[str] | None = None
    before_pos: frozenset[str] | None = None
    capitalised: bool | None = None

    def __bool__(self) -> bool:
        return any(value is not None for value in self.__dict__.values())


class SwapEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, alias_generator=lambda n: n.replace("_", "-"))

    instead_of: str = Field(min_length=1, description="the wrong phrase")
    use: str = Field(min_length=1, description="what the writer meant")
    when: Conditions = Field(default_factory=Conditions, description="conditions that must all hold")
    unless: Conditions = Field(default_factory=Conditions, description="conditions any one of which rules it out")
    severity: Literal["info", "warning", "error"] | None = Field(None, description="for weaker swaps")


SwapEntries = inline_or_file(tuple[SwapEntry, ...])


class Options(KindOptions):
    swaps: SwapEntries = Field(
        min_length=1, description="{instead-of, use, when, unless, severity} entries, inline or a data file of them")


@dataclass(frozen=True)
class Swap:
    order: int  # position in the table: the first entry that fits wins
    words: tuple[str, ...]  # the wrong phrase, lower-case tokens
    entry: SwapEntry


def _neighbour_ok(token, keys: Keys | None, words, tags, at_start: bool) -> bool | None:
    """Whether a neighbour satisfies the word/tag lists (None: no list given)."""
    results = []
    if words is not None:
        results.append((at_start and START in words) or (keys is not None and bool(keys & words)))
    if tags is not None:
        results.append(token is not None and token.pos_ in tags)
    return all(results) if results else None


def _holds(conditions: Conditions, span: Span, keys: list[Keys], titled: bool, require_all: bool) -> bool:
    doc = span.doc
    before = span.start - 1 if span.start > 0 else None
    after = span.end if span.end < len(doc) else None
    at_start = starts_sentence(span[0])
    checks = [
        _neighbour_ok(None if before is None else doc[before], None if before is None else keys[before],
                      conditions.after, conditions.after_pos, at_start),
        _neighbour_ok(None if after is None else doc[after], None if after is None else keys[after],
                      conditions.before, conditions.before_pos, False),
    ]
    if conditions.capitalised is not None:
        capitalised = is_capitalised(span[0]) and not at_start and not titled
        checks.append(capitalised == conditions.capitalised)
    checks = [check for check in checks if check is not None]
    if not checks:
        return require_all
    return all(checks) if require_all else any(checks)


class Substitution(RuleKind, name="substitution"):
    Options = Options
    analyses = (token_keys,)

    def __init__(self, rule, options: Options) -> None:
        super().__init__(rule, options)
        self._tables: dict[int, dict[str, list[Swap]]] = {}

    def _table(self, tokenize: PhraseTokenizer) -> dict[str, list[Swap]]:
        """Swaps indexed by the first token of their phrase, tokenized as the pipeline tokenizes."""
        key = id(tokenize)
        if key not in self._tables:
            table: dict[str, list[Swap]] = defaultdict(list)
            for order, entry in enumerate(self.options.swaps):
                words = tokenize(entry.instead_of)
                table[words[0]].append(Swap(order, words, entry))
            self._tables[key] = table
        return self._tables[key]

    @staticmethod
    def _matches(doc: Doc, keys: list[Keys], table: dict[str, list[Swap]],
                 starts: list[int]) -> Iterator[tuple[Span, Swap]]:
        """Every swap that fits at each token of ``starts`` (those with a key in ``table``): those spelt as
        written first, then by table order ("establishing the stage" wins over "establish the stage"
        matched through its lemma)."""
        for i in starts:
            candidates = {swap.order: swap for key in keys[i] for swap in table.get(key, ())}
            fitting = []
            for swap in candidates.values():
                end = i + len(swap.words)
                if end <= len(doc) and all(w in keys[i + k] for k, w in enumerate(swap.words)):
                    literal = tuple(t.lower_ for t in doc[i:end]) == swap.words
                    fitting.append((not literal, swap.order, end, swap))
            for _, _, end, swap in sorted(fitting, key=lambda item: item[:2]):
                yield doc[i:end], swap

    def check(self, doc, context) -> Iterator[Match]:
        table = self._table(context.phrases)
        every_key = doc.get(token_keys)
        for index, block in enumerate(doc.document.blocks):
            keys = every_key[index]
            # Where a swap may start, read from the keys alone: a block with none is not opened.
            starts = [i for i, forms in enumerate(keys) if any(form in table for form in forms)]
            if not starts:
                continue
            parsed = doc.docs[index]
            titled = block.kind in TITLE_BLOCKS or is_title_cased(parsed)
            taken: set[int] = set()
            for span, swap in self._matches(parsed, keys, table, starts):
                entry = swap.entry
                if not taken.isdisjoint(range(span.start, span.end)):
                    continue
                if entry.when and not _holds(entry.when, span, keys, titled, require_all=True):
                    continue
                if entry.unless and _holds(entry.unless, span, keys, titled, require_all=False):
                    continue
                taken.update(range(span.start, span.end))
                keep_case = titled or starts_sentence(span[0]) or span.text.isupper()
                replacement = match_case(span.text, entry.use) if keep_case else entry.use
                if tuple(t.lower_ for t in span) == swap.words:
                    fix = Fix.replace(span.start_char, span.end_char, replacement, Applicability.SAFE,
                                      "a known spinner swap, matched exactly")
                else:
                    fix = Fix.replace(span.start_char, span.end_char, replacement, Applicability.UNSAFE,
                                      "matched through another form of the phrase: check the replacement's inflection")
                yield Match(index, span.start_char, span.end_char, (replacement,), fix=fix,
                            severity=entry.severity)
