"""Kind ``spin-collocation``: a fixed domain phrase with words swapped by a spinner.

A spinner rewrites word by word from a synonym table, so a collocation that
clinic copy relies on ("fine lines", "sun exposure", "step-by-step") comes
out with one or more of its words replaced ("great traces", "Sunshine
publicity", "move-by-phase"). Instead of listing spun phrases, this kind
holds the two tables the spinner works from and recognises any combination:

* ``collocations``: a word list (``rules/data/*.txt``) of phrases as a writer
  uses them; hyphenated compounds are phrases too. A slot ``<num>`` matches
  any number ("three periods"), ``<any>`` any word (for "<any>-looking").
* ``swaps``: a YAML mapping (``rules/data/*.yaml``) of ``strong`` and
  ``weak`` swaps, each ``word: [spun variants]``. A strong variant never
  belongs in the phrase ("traces" for "lines"); a weak one is also a
  legitimate alternative ("laser therapy" for "laser treatment"), so a
  match needs at least one strong swap.

A match is reported with the collocation it came from as the suggestion;
it is safe to apply when only one collocation explains the span.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from ..data import data_path, load_file, rule_data
from ..finding import Match
from . import RuleKind, register
from .spin_context import (
    TITLE_BLOCKS, forms, inflect, is_title_cased, lead_in_end, match_case, singular, starts_sentence,
)

ORIGINAL, WEAK, STRONG = 0, 1, 2
SLOT_CLASSES = {"<num>": lambda token: token.like_num, "<any>": lambda token: token.is_alpha}
# Slot classes are hidden from the tokenizer behind plain words it keeps whole.
_PLACEHOLDERS = {slot: f"zzslot{index}zz" for index, slot in enumerate(SLOT_CLASSES)}
LEAD_IN_MAX_WORDS = 6
# Collocations are noun phrases and compounds; a swapped word at the end of a
# match that reads as a finite verb taking an object is a homograph of a
# variant ("the skin forms a barrier"), not a swap. Spun text confuses the
# tagger, so a verb tag alone ("darker skin shades.") is not enough.
FINITE_VERB = frozenset({"VBZ", "VBD", "VBP"})
OBJECT_STARTS = frozenset({"DET", "PRON", "NUM"})


def _ends_in_verb_with_object(doc, pieces, end: int) -> bool:
    alt, _, last = pieces[-1]
    return (
        alt.strength == STRONG and last == end and doc[end - 1].tag_ in FINITE_VERB
        and end < len(doc) and (doc[end].pos_ in OBJECT_STARTS or doc[end].tag_ == "PRP$")
    )


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


def _tokens(tokenizer, text: str) -> tuple[str, ...]:
    for slot, placeholder in _PLACEHOLDERS.items():
        text = text.replace(slot, placeholder)
    back = {placeholder: slot for slot, placeholder in _PLACEHOLDERS.items()}
    return tuple(back.get(token.lower_, token.lower_) for token in tokenizer(text))


def check_swap_data(data) -> None:
    """Raise ValueError if a swap table is not {strong: {word: [variants]}, weak: {...}}."""
    if not isinstance(data, dict) or set(data) - {"strong", "weak"} or "strong" not in data:
        raise ValueError("field 'swaps': the table needs 'strong' (and optionally 'weak') mappings")
    for name in ("strong", "weak"):
        for word, spun in (data.get(name) or {}).items():
            if not isinstance(spun, list) or not all(isinstance(s, str) for s in spun):
                raise ValueError(f"field 'swaps': '{word}' must map to a list of spun variants")


class SwapTable:
    """The spinner's word swaps: original word -> spun variants, strong and weak."""

    def __init__(self, data, tokenizer) -> None:
        self.variants: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
        for name, strength in (("strong", STRONG), ("weak", WEAK)):
            for word, spun in (data.get(name) or {}).items():
                for variant in spun:
                    self.variants[str(word).lower()].append((_tokens(tokenizer, variant), strength))

    def of(self, word: str) -> list[tuple[tuple[str, ...], int]]:
        """Variants of ``word``, or of its singular ("sessions" -> "periods" via "session")."""
        return self.variants.get(word) or self.variants.get(singular(word), [])


def compile_collocations(lines, swaps: SwapTable, tokenizer) -> list[Collocation]:
    compiled = []
    for line in lines:
        slots = []
        for word in _tokens(tokenizer, line):
            alternatives = [Alternative((word,), ORIGINAL, word)]
            alternatives += [Alternative(variant, strength, word) for variant, strength in swaps.of(word)]
            slots.append(tuple(alternatives))
        compiled.append(Collocation(line.lower(), tuple(slots)))
    return compiled


def _fits(word: str, token) -> bool:
    if word in SLOT_CLASSES:
        return SLOT_CLASSES[word](token)
    return word in forms(token)


@dataclass(frozen=True)
class Found:
    start: int  # token indices
    end: int
    suggestions: tuple[str, ...]  # one per collocation that explains the span


class CollocationMatcher:
    """Finds collocations with at least one strong swap in a parsed block."""

    def __init__(self, collocations: list[Collocation]) -> None:
        self.collocations = collocations
        self.originals = {c.text for c in collocations}
        self.by_first: dict[str, list[Collocation]] = defaultdict(list)
        self.open_start: list[Collocation] = []  # first slot is a class such as <num>
        for collocation in collocations:
            firsts = {alt.words[0] for alt in collocation.slots[0]}
            if firsts & set(SLOT_CLASSES):
                self.open_start.append(collocation)
            for first in firsts - set(SLOT_CLASSES):
                self.by_first[first].append(collocation)

    def _fill(self, doc: Doc, slots, i: int, pieces: list) -> Iterator[tuple[int, list]]:
        """Every way the remaining ``slots`` match from token ``i``: (end, [(alternative, start, end)])."""
        if not slots:
            yield i, pieces
            return
        for alt in slots[0]:
            end = i + len(alt.words)
            if end <= len(doc) and all(_fits(w, doc[i + k]) for k, w in enumerate(alt.words)):
                yield from self._fill(doc, slots[1:], end, [*pieces, (alt, i, end)])

    def find(self, doc: Doc, block_kind: str) -> list[Found]:
        lead_in = lead_in_end(doc, LEAD_IN_MAX_WORDS)
        title_cased = block_kind in TITLE_BLOCKS or is_title_cased(doc)
        candidates: dict[tuple[int, int], tuple[list[str], set[int]]] = {}
        for token in doc:
            pool = {id(c): c for key in forms(token) for c in self.by_first.get(key, ())}
            for collocation in [*pool.values(), *self.open_start]:
                for end, pieces in self._fill(doc, collocation.slots, token.i, []):
                    if max(alt.strength for alt, _, _ in pieces) < STRONG:
                        continue
                    if _ends_in_verb_with_object(doc, pieces, end):
                        continue  # "the skin forms a barrier": a verb, not "skin types" spun
                    if doc[token.i:end].text.lower() in self.originals:
                        continue
                    titled = title_cased or token.i < lead_in
                    suggestion = _rewrite(doc, pieces, titled)
                    suggestions, swapped = candidates.setdefault((token.i, end), ([], set()))
                    if suggestion not in suggestions:
                        suggestions.append(suggestion)
                    swapped.update(i for alt, s, e in pieces if alt.strength == STRONG for i in range(s, e))
        return _longest_first(candidates)


def _rewrite(doc: Doc, pieces, titled: bool) -> str:
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
                text = inflect(alt.original, span[-1].tag_)
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


def validate_tables(collocations, swaps, pack: str | None = None) -> tuple[str, str]:
    """The files the two table names name, or ValueError naming the field if they are not usable."""
    paths = []
    for field, name, suffix in (("collocations", collocations, ".txt"), ("swaps", swaps, ".yaml")):
        if not isinstance(name, str) or not name.endswith(suffix):
            raise ValueError(f"field '{field}' names a {suffix} file in rules/data/")
        data = rule_data(name, field, pack)
        if field == "swaps":
            check_swap_data(data)
        paths.append(data_path(name, field, pack))
    return paths[0], paths[1]


@functools.cache
def _matcher(collocations: str, swaps: str, vocab) -> CollocationMatcher:
    # Table phrases must be tokenized like the text they are matched against,
    # so there is one matcher per pipeline vocabulary.
    from spacy.lang.en import English

    tokenizer = English(vocab=vocab).tokenizer
    table = SwapTable(load_file(swaps), tokenizer)
    return CollocationMatcher(compile_collocations(load_file(collocations), table, tokenizer))


def spun_collocations(doc, collocations: str, swaps: str) -> list[list[Found]]:
    """Spun collocations in every block of a parsed document, computed once for all rules that ask."""

    def find(parsed_document) -> list[list[Found]]:
        return [
            _matcher(collocations, swaps, parsed.vocab).find(parsed, block.kind)
            for block, parsed in zip(parsed_document.document.blocks, parsed_document.docs)
        ]

    return doc.shared(f"spin-collocations:{collocations}:{swaps}", find)


@register
class SpinCollocation(RuleKind):
    name = "spin-collocation"
    needs = frozenset({"tagger", "attribute_ruler", "lemmatizer"})
    fields = {
        "collocations": "word-list file in rules/data/ of phrases as writers use them",
        "swaps": "YAML file in rules/data/ of the spinner's word swaps: {strong: {word: [variants]}, weak: ...}",
    }
    required = frozenset({"collocations", "swaps"})

    def __init__(self, rule, data) -> None:
        super().__init__(rule, data)
        self.collocations, self.swaps = validate_tables(data["collocations"], data["swaps"], self.pack)

    def check(self, doc, context) -> Iterator[Match]:
        for index, found_in_block in enumerate(spun_collocations(doc, self.collocations, self.swaps)):
            parsed = doc.docs[index]
            for found in found_in_block:
                span = parsed[found.start:found.end]
                yield Match(index, span.start_char, span.end_char, found.suggestions,
                            fixable=len(found.suggestions) == 1)
