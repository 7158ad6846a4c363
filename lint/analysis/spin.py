"""Spun collocations: fixed domain phrases with words swapped by a spinner, found once per document.

A spinner rewrites word by word from a synonym table, so a collocation that
clinic copy relies on ("fine lines", "sun exposure", "step-by-step") comes
out with one or more of its words replaced ("great traces", "Sunshine
publicity", "move-by-phase"). Instead of listing spun phrases, this analysis
holds the two tables the spinner works from and recognises any combination:

* collocations: phrases as a writer uses them (hyphenated compounds are
  phrases too); the word ``#num`` matches any number ("three periods"),
  ``#word`` any word (for "#word-looking"), as in word patterns;
* swaps: ``strong`` and ``weak`` swaps, each ``word: [spun variants]``. A
  strong variant never belongs in the phrase ("traces" for "lines"); a weak
  one is also a legitimate alternative ("laser therapy" for "laser
  treatment"), so a match needs at least one strong swap.

The ``spin-collocation`` rule reports these matches with the collocation as
the suggestion; ``spin-capitalisation`` leaves capitals inside them to it.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, field_validator
from spacy.attrs import IS_ALPHA, LIKE_NUM
from spacy.tokens import Doc

from .. import compiled
from ..nlp import Morphology, PhraseTokenizer
from ..options import inline_or_file
from . import ParsedDocument, analysis
from .tokens import Keys, TITLE_BLOCKS, is_title_cased, lead_in_end, match_case, starts_sentence, token_keys

ORIGINAL, WEAK, STRONG = 0, 1, 2
# Each slot class and the lexical flag a token must have to fill it, read for a block as one array.
SLOT_CLASSES = {"#num": LIKE_NUM, "#word": IS_ALPHA}
_SLOT_FLAG = {slot: index for index, slot in enumerate(SLOT_CLASSES)}  # its column in that array
# Slot classes are hidden from the tokenizer behind plain words it keeps whole.
_PLACEHOLDERS = {slot: f"zzslot{index}zz" for index, slot in enumerate(SLOT_CLASSES)}
LEAD_IN_MAX_WORDS = 6
# Collocations are noun phrases and compounds; a swapped word at the end of a
# match that reads as a finite verb taking an object is a homograph of a
# variant ("the skin forms a barrier"), not a swap. Spun text confuses the
# tagger, so a verb tag alone ("darker skin shades.") is not enough.
FINITE_VERB = frozenset({"VBZ", "VBD", "VBP"})
OBJECT_STARTS = frozenset({"DET", "PRON", "NUM"})


class SwapTable(BaseModel):
    """The spinner's word swaps: original word -> spun variants, strong and weak."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    strong: tuple[tuple[str, tuple[str, ...]], ...]
    weak: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @field_validator("strong", "weak", mode="before")
    @classmethod
    def _pairs(cls, value):
        """YAML gives ``{word: [variants]}``; kept as ordered pairs so the table is hashable."""
        if isinstance(value, Mapping):
            return tuple((str(word).lower(), tuple(variants)) for word, variants in value.items())
        return value if value is not None else ()

    def variant_words(self) -> frozenset[str]:
        """First words of the spinner's variants ("traces", "photo" of "photo voltaic")."""
        return frozenset(variant.split()[0].split("-")[0].lower()
                         for _, variants in (*self.strong, *self.weak) for variant in variants)


# A rule field holding a swap table inline or naming a data file of one.
SwapTableField = inline_or_file(SwapTable)


@dataclass(frozen=True)
class Alternative:
    """One way to fill a slot: the original word itself, or a spun variant of it."""

    words: tuple[str, ...]  # lower-case tokens
    strength: int  # ORIGINAL, WEAK or STRONG
    original: str  # the collocation's word this stands for


@dataclass(frozen=True)
class Collocation:
    text: str
    slots: tuple[tuple[Alternative, ...], ...]


@dataclass(frozen=True)
class Found:
    start: int  # token indices
    end: int
    suggestions: tuple[str, ...]  # one per collocation that explains the span


@dataclass(frozen=True, eq=False)
class CollocationTables:
    """The collocation list and the swap table, as rules name them; compiled per pipeline."""

    collocations: tuple[str, ...]
    swaps: SwapTable

    @functools.cached_property
    def _compiled(self) -> dict[int, CollocationMatcher]:
        return {}

    def matcher(self, tokenize: PhraseTokenizer, morphology: Morphology) -> CollocationMatcher:
        # Table phrases are tokenized like the text they are matched against: one matcher per pipeline.
        key = id(tokenize)
        if key not in self._compiled:
            # Kept on disk (lint.compiled): tokenising and lemmatising every phrase is a cold start's cost.
            parts = (tokenize.identity.encode(), morphology.identity.encode(), "\n".join(self.collocations).encode(),
                     self.swaps.model_dump_json().encode())
            self._compiled[key] = CollocationMatcher(
                compiled.kept("collocations", parts, lambda: self._compile(tokenize, morphology)))
        return self._compiled[key]

    def _compile(self, tokenize: PhraseTokenizer, morphology: Morphology) -> list[Collocation]:
        variants: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
        for table, strength in ((self.swaps.strong, STRONG), (self.swaps.weak, WEAK)):
            for word, spun in table:
                variants[word].extend((_tokens(tokenize, variant), strength) for variant in spun)
        compiled = []
        for line in self.collocations:
            slots = []
            for word in _tokens(tokenize, line):
                # Variants of the word, or of its lemma ("sessions" -> "periods" via "session").
                swaps = variants.get(word) or variants.get(morphology.noun_lemma(word), [])
                alternatives = [Alternative((word,), ORIGINAL, word)]
                alternatives += [Alternative(variant, strength, word) for variant, strength in swaps]
                slots.append(tuple(alternatives))
            compiled.append(Collocation(line.lower(), tuple(slots)))
        return compiled


@functools.cache
def collocation_tables(collocations: tuple[str, ...], swaps: SwapTable) -> CollocationTables:
    """One set of tables per content, so every rule naming the same files shares one analysis."""
    return CollocationTables(collocations, swaps)


def _tokens(tokenize: PhraseTokenizer, text: str) -> tuple[str, ...]:
    for slot, placeholder in _PLACEHOLDERS.items():
        text = text.replace(slot, placeholder)
    back = {placeholder: slot for slot, placeholder in _PLACEHOLDERS.items()}
    return tuple(back.get(token, token) for token in tokenize(text))


def _ends_in_verb_with_object(doc, pieces, end: int) -> bool:
    alt, _, last = pieces[-1]
    return (
        alt.strength == STRONG and last == end and doc[end - 1].tag_ in FINITE_VERB
        and end < len(doc) and (doc[end].pos_ in OBJECT_STARTS or doc[end].tag_ == "PRP$")
    )


class CollocationMatcher:
    """Finds collocations with at least one strong swap in a parsed block."""

    def __init__(self, collocations: list[Collocation]) -> None:
        self.collocations = collocations
        self.originals = {c.text for c in collocations}
        self.by_first: dict[str, list[Collocation]] = defaultdict(list)
        self.open_start: list[Collocation] = []  # first slot is a class such as #num
        self.first_words: frozenset[str] = frozenset()
        for collocation in collocations:
            firsts = {alt.words[0] for alt in collocation.slots[0]}
            if firsts & set(SLOT_CLASSES):
                self.open_start.append(collocation)
            for first in sorted(firsts - set(SLOT_CLASSES)):
                self.by_first[first].append(collocation)
        self.first_words = frozenset(self.by_first)

    def _fill(self, flags: list[list[int]], keys: list[Keys], slots, i: int,
              pieces: list) -> Iterator[tuple[int, list]]:
        """Every way the remaining ``slots`` match from token ``i``: (end, [(alternative, start, end)]).

        ``flags``: each token's slot-class flags (``SLOT_CLASSES``), so that no Token object is made.
        Called for nearly every token and collocation starting there: the words are tested in a plain
        loop, and the last slot yields its matches without a generator of its own."""
        if not slots:
            yield i, pieces
            return
        rest = slots[1:]
        for alt in slots[0]:
            end = i + len(alt.words)
            if end > len(keys):
                continue
            at = i
            for word in alt.words:
                flag = _SLOT_FLAG.get(word)
                if not (flags[at][flag] if flag is not None else word in keys[at]):
                    break
                at += 1
            else:
                if rest:
                    yield from self._fill(flags, keys, rest, end, [*pieces, (alt, i, end)])
                else:
                    yield end, [*pieces, (alt, i, end)]

    def find(self, doc: Doc, keys: list[Keys], block_kind: str, morphology: Morphology) -> list[Found]:
        lead_in = lead_in_end(doc, LEAD_IN_MAX_WORDS)
        title_cased = block_kind in TITLE_BLOCKS or is_title_cased(doc)
        candidates: dict[tuple[int, int], tuple[list[str], set[int]]] = {}
        flags = doc.to_array(list(SLOT_CLASSES.values())).tolist() if len(doc) else []
        for i in range(len(doc)):
            pool = {} if self.first_words.isdisjoint(keys[i]) else {
                id(c): c for key in sorted(keys[i]) for c in self.by_first.get(key, ())}
            for collocation in [*pool.values(), *self.open_start]:
                for end, pieces in self._fill(flags, keys, collocation.slots, i, []):
                    if max(alt.strength for alt, _, _ in pieces) < STRONG:
                        continue
                    if _ends_in_verb_with_object(doc, pieces, end):
                        continue  # "the skin forms a barrier": a verb, not "skin types" spun
                    if doc[i:end].text.lower() in self.originals:
                        continue
                    titled = title_cased or i < lead_in
                    suggestion = _rewrite(doc, pieces, titled, morphology)
                    suggestions, swapped = candidates.setdefault((i, end), ([], set()))
                    if suggestion not in suggestions:
                        suggestions.append(suggestion)
                    swapped.update(i for alt, s, e in pieces if alt.strength == STRONG for i in range(s, e))
        return _longest_first(candidates)


def _rewrite(doc: Doc, pieces, titled: bool, morphology: Morphology) -> str:
    """The matched text with every swapped piece put back to the collocation's word."""
    out = []
    for alt, start, end in pieces:
        span = doc[start:end]
        if alt.strength == ORIGINAL:
            text = span.text
        else:
            if tuple(token.lower_ for token in span) == alt.words:
                text = alt.original  # the table pairs forms: "prolonged" stands for "long"
            else:  # matched by lemma or plural: give the original the same inflection
                text = morphology.inflect(alt.original, span[-1].tag_)
            first = span[0]
            if titled or starts_sentence(first):
                text = match_case(first.text, text)
            elif span.text.isupper() and len(span.text) > 1:
                text = text.upper()
        out.append(text + span[-1].whitespace_)
    return "".join(out).strip()


def _longest_first(candidates: dict[tuple[int, int], tuple[list[str], set[int]]]) -> list[Found]:
    """Keep the longest match first; a shorter one stays if its strong swaps are other words and it is not inside it."""
    swapped_taken: set[int] = set()
    kept: list[tuple[int, int]] = []
    found = []
    for (start, end), (suggestions, swapped) in sorted(candidates.items(), key=lambda kv: (kv[0][0] - kv[0][1], kv[0][0])):
        if swapped & swapped_taken or any(s <= start and end <= e for s, e in kept):
            continue
        swapped_taken |= swapped
        kept.append((start, end))
        found.append(Found(start, end, tuple(suggestions)))
    return sorted(found, key=lambda f: f.start)


@analysis("spun-collocations", requires=(token_keys,))
def spun_collocations(parsed: ParsedDocument, tables: CollocationTables) -> list[list[Found]]:
    """Spun collocations in every block, computed once for every rule that names the same tables."""
    context = parsed.context
    matcher = tables.matcher(context.phrases, context.morphology)
    keys = parsed.get(token_keys)
    return [
        matcher.find(doc, keys[index], block.kind, context.morphology)
        for index, (block, doc) in enumerate(zip(parsed.document.blocks, parsed.docs))
    ]
