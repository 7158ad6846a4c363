"""Which procedures an article is about, with the mentions that show it.

Names and synonyms are data (``rules/data/procedures.yaml``). A mention in the
title weighs most, then headings, then body text. Mentions in a comparison
("unlike laser resurfacing...", a "Microneedling vs. Other Therapies" section,
a list introduced by "Alternatives include:") or an add-on ("combined with
PRP") do not count: they name other procedures, they are not the subject. A
name before a sentence's first cue is its subject ("microneedling combined
with PRP" is about microneedling).
A short text (a title, a one-line post: ``short-text-sentences`` or fewer
sentences) is about every procedure it names outside a comparison.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from ..data import load_data
from ..patterns import PatternSet
from . import ParsedDocument, analysis
from .tokens import pattern_keys

DATA = "procedures.yaml"

Evidence = tuple[int, int, int]  # block index, start, end in block text


@dataclass(frozen=True)
class Mention:
    procedure: str
    block: int
    start: int
    end: int
    sentence: int  # index of the sentence within the block
    counted: bool  # False inside a comparison or add-on


@dataclass(frozen=True)
class DetectedProcedure:
    id: str
    name: str
    score: int
    evidence: tuple[Evidence, ...]  # the counted mentions, in document order

    @property
    def first_mention(self) -> Evidence:
        return self.evidence[0]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True,
                              alias_generator=lambda name: name.replace("_", "-"))


# Word patterns as written in the table, compiled on load.
Patterns = Annotated[PatternSet, BeforeValidator(lambda texts: PatternSet(texts))]


def spelling_forms(text: str) -> list[str]:
    """A name pattern and the spellings writers give the same name: two of its words joined by a
    hyphen or closed up ("prf under eye": "PRF under-eye", "PRF undereye"), and a hyphenated word
    written apart or closed up ("platelet-rich": "platelet rich", "plateletrich" aside, "micro-needling":
    "microneedling"). One change at a time: a name is rarely spelt two new ways at once."""
    steps = text.split()
    forms = [text]

    def plain(step: str) -> bool:
        return not step.startswith(("?", "...", "#", "$"))

    for at in range(len(steps) - 1):
        first, second = steps[at], steps[at + 1]
        if plain(first) and plain(second) and "-" not in first + second:
            for joint in ("-", ""):
                joined = "|".join(f"{a}{joint}{b}" for a in first.split("|") for b in second.split("|"))
                forms.append(" ".join(steps[:at] + [joined] + steps[at + 2:]))
    for at, step in enumerate(steps):
        if not plain(step):
            continue
        for word in step.split("|"):
            if "-" in word.strip("-"):
                for spelt in (" ".join(word.split("-")), word.replace("-", "")):
                    forms.append(" ".join(steps[:at] + [spelt] + steps[at + 1:]))
    return list(dict.fromkeys(forms))


# A procedure's names, each also in the spellings writers vary it by (``spelling_forms``).
Names = Annotated[PatternSet, BeforeValidator(
    lambda texts: PatternSet([form for text in texts for form in spelling_forms(text)]))]


class Item(_Data):
    """Something a procedure's article must name under one concept (e.g. isotretinoin)."""

    label: str
    patterns: Patterns
    suggestion: str


class Procedure(_Data):
    name: str  # as people write it
    names: Names  # how articles name it
    requires: tuple[str, ...] | None = None  # the concepts it needs, when not the table's
    inherits: tuple[str, ...] = ()  # procedures whose items it must name too
    items: dict[str, tuple[Item, ...]] = Field(default_factory=dict)  # concept -> items
    suggestions: dict[str, str] = Field(default_factory=dict)  # concept -> a sentence for this procedure
    facts: frozenset[str] = frozenset()  # facts of the table's `facts` that are true of it (no-downtime)


class ProcedureTable(_Data):
    weights: dict[str, int]  # title, heading, body
    threshold: int
    share: float
    short_text_sentences: int  # a text this short is about every procedure it names
    comparison_cues: Patterns
    requires: tuple[str, ...]
    # Facts true of some procedures that change what a statement about them is: "there is no
    # recovery period" is a claim about a laser, and the recovery period of a lash lift.
    facts: dict[str, str]  # fact -> what it means
    procedures: dict[str, Procedure]

    @model_validator(mode="after")
    def _known_facts(self) -> ProcedureTable:
        for pid, spec in self.procedures.items():
            if unknown := spec.facts - self.facts.keys():
                raise ValueError(f"procedure {pid}: unknown facts {sorted(unknown)}; the table's are {sorted(self.facts)}")
        return self


@functools.cache
def procedure_table() -> ProcedureTable:
    return ProcedureTable.model_validate(load_data(DATA))


def required_concepts(procedure: str) -> tuple[str, ...]:
    """The caveat concepts an article about ``procedure`` must convey."""
    table = procedure_table()
    return table.procedures[procedure].requires or table.requires


def procedure_facts(procedure: str) -> frozenset[str]:
    """The table's facts that are true of ``procedure``."""
    return procedure_table().procedures[procedure].facts


@functools.cache
def _procedure_names() -> tuple[PatternSet, dict[str, int]]:
    """Every procedure's names in one index, each hit labelled with its procedure, and each procedure's
    place in the table (which of two equally long names at one place a mention is)."""
    table = procedure_table().procedures
    return (PatternSet.merged({pid: spec.names for pid, spec in table.items()}),
            {pid: rank for rank, pid in enumerate(table)})


def _has_cue(span, keys) -> bool:
    return next(procedure_table().comparison_cues.hits(span, keys), None) is not None


def _comparison_blocks(parsed: ParsedDocument) -> set[int]:
    """Blocks inside a comparison section or a list that a comparison introduces."""
    blocks = parsed.document.blocks
    keys = parsed.get(pattern_keys)
    inside: set[int] = set()
    section_is_comparison = False
    list_is_comparison = False
    for index, (block, doc) in enumerate(zip(blocks, parsed.docs)):
        if block.kind in ("heading", "title"):
            section_is_comparison = block.kind == "heading" and _has_cue(doc[:], keys[index])
            list_is_comparison = False
            if section_is_comparison:
                inside.add(index)
            continue
        if block.kind == "list-item":
            if section_is_comparison or list_is_comparison:
                inside.add(index)
            continue
        list_is_comparison = block.text.rstrip().endswith(":") and _has_cue(doc[:], keys[index])
        if section_is_comparison:
            inside.add(index)
    return inside


@analysis("procedure-mentions", needs={"lemmatizer"}, requires=(pattern_keys,))
def procedure_mentions(parsed: ParsedDocument) -> list[Mention]:
    """Every mention of a known procedure, longest name first where names overlap (then the one
    listed first in the table)."""
    comparison = _comparison_blocks(parsed)
    names, rank = _procedure_names()
    keys = parsed.get(pattern_keys)
    mentions = []
    for index, doc in enumerate(parsed.docs):
        for number, sentence in enumerate(doc.sents):
            found = [(hit.span, hit.label) for hit in names.hits(sentence, keys[index])]
            found.sort(key=lambda item: (item[0].start, -len(item[0]), rank[item[1]]))
            # A name before the sentence's first cue is its subject: "laser nail fungus treatment alongside
            # tablets", "microneedling combined with PRP"; those after it are compared or added.
            cue = next(procedure_table().comparison_cues.hits(sentence, keys[index]), None)
            taken_until = -1
            for span, pid in found:
                if span.start < taken_until:
                    continue  # "RF microneedling" is not also "microneedling"
                taken_until = span.end
                counted = index not in comparison and (cue is None or span.end <= cue.span.start)
                mentions.append(Mention(pid, index, span.start_char, span.end_char, number, counted))
    return mentions


@analysis("block-procedure-mentions", needs={"lemmatizer"}, requires=(procedure_mentions,))
def block_procedure_mentions(parsed: ParsedDocument) -> dict[int, list[Mention]]:
    """The procedure mentions of each block, by block index: a claim looks at its own block's, not at
    every mention in the article (in a big article, every claim's every word would scan them all)."""
    by_block: dict[int, list[Mention]] = {}
    for mention in parsed.get(procedure_mentions):
        by_block.setdefault(mention.block, []).append(mention)
    return by_block


@analysis("procedures", requires=(procedure_mentions,))
def procedures(parsed: ParsedDocument) -> list[DetectedProcedure]:
    """The procedures the article is about, strongest first, each with its evidence."""
    table = procedure_table()
    weights = table.weights
    blocks = parsed.document.blocks
    title = parsed.document.title
    scores: dict[str, int] = {}
    evidence: dict[str, list[Evidence]] = {}
    in_title: set[str] = set()
    for mention in parsed.get(procedure_mentions):
        if not mention.counted:
            continue
        block = blocks[mention.block]
        if block is title:
            weight = weights["title"]
            in_title.add(mention.procedure)
        elif block.kind in ("heading", "title"):
            weight = weights["heading"]
        else:
            weight = weights["body"]
        scores[mention.procedure] = scores.get(mention.procedure, 0) + weight
        evidence.setdefault(mention.procedure, []).append((mention.block, mention.start, mention.end))
    top = max(scores.values(), default=0)
    short = sum(1 for doc in parsed.docs for _ in doc.sents) <= table.short_text_sentences
    about = [
        pid for pid, score in scores.items()
        if short or pid in in_title or (score >= table.threshold and score >= table.share * top)
    ]
    return sorted(
        (DetectedProcedure(pid, table.procedures[pid].name, scores[pid], tuple(evidence[pid])) for pid in about),
        key=lambda p: (-p.score, p.id),
    )
