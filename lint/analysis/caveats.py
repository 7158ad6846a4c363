"""What safety caveats an article conveys, for each procedure it is about.

A concept (risks, contraindications, ...) is conveyed by a sentence that
matches one of its phrase patterns (``rules/data/caveat-<concept>.yaml``)
unless the parse voids the match: it is negated or minimised ("no side
effects", "risk-free", "the risks are marginal", "without any side
effects", "minimal downtime", "carries no risks"), a blocker word of the
concept sits inside it or just before it ("can reduce scarring", "helps
reduce redness" are benefits, not risks), or it overlaps one of
the concept's exclusions ("side effects include ... temporary darkening" is a
risk, not a statement that results are temporary).

A section's heading gives it a *topic* (``headings`` in the concept's file:
"Who should not have it" is about contraindications, "Time off and recovery"
about downtime). A sentence in a topical section is evidence for the topic,
and for another concept only when more of the section's sentences convey that
concept than the topic: "ask your doctor first" in a contraindications
section, "a course of laser treatments" in a side-effects section or "make-up
covers the bruising" in a recovery section are asides, and the concept they
touch is the one its own section (if any) must convey; only a concept's
``anywhere`` statements ("results vary and are not guaranteed", "most people
return to work the next day") count wherever they stand. A heading none of
whose section's sentences conveys the topic it names gives no topic, and a
title never does (a title-only article would be one section). Nor is a heading
evidence for a concept that is not its topic and that its section's sentences
never convey: "The first fortnight at home" over advice on care names the time
the advice covers, not the recovery period.

A fact of the procedure table can make a statement evidence for the procedures it is true of
(``when-true`` in the concept's file): "there is no recovery period" is a claim about a laser
(CL111) and voided as its evidence, but it is the recovery period of a lash lift, which has none
(``facts: [no-downtime]``).

Some patterns *yield* to another concept: how long redness lasts is the
recovery period (downtime), but in a section where another sentence conveys
the risks it describes a side effect, so there those patterns do not count.

A sentence counts for the procedures it names; one that names none counts
for those its block names, then its section heading, then every procedure
the article is about. So "laser therapies demand more downtime" in a
microneedling article says nothing about microneedling's downtime. Another
procedure named as something to avoid while healing ("avoid facials and
peels for two weeks"), or as what the reader has had before ("we do not operate
on anyone who has had filler in the nose"), is not what its sentence is about
(``rules/data/caveat-attribution.yaml``).

A concept classifier (``caveat_model.py``, trained on our caveat sentences) may add evidence the
patterns miss (design (f), ``tools/caveat/README.md``): for a concept the patterns leave missing for
a procedure, the first sentence about it that the classifier scores at or above its threshold, unless
it is a heading, stands in a section whose heading names another concept, or its cue word (the content
word weighing most for the concept) is negated or minimised. It never takes pattern evidence away:
round 14 found the spun sentences the corpus conveys its caveats in are the ones it scores low.

Procedure-specific items (fillers: injection into a blood vessel; PRP:
infection control...) are named anywhere in the article or not at all; a
concept whose items are not all named is *missing in part*. A procedure that
``inherits`` another (RF microneedling is microneedling plus heat) must also
name the other's items.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Span

from ..data import load_data
from ..patterns import PatternSet, token_keys
from . import ParsedDocument, analysis
from .assertion import voided
from .lexicon import english
from .procedures import (
    DetectedProcedure, Evidence, Item, procedure_facts, procedure_mentions, procedure_table, procedures,
    required_concepts,
)
from .tokens import pattern_keys


def concepts() -> tuple[str, ...]:
    """Every caveat concept, in the order they are reviewed and reported."""
    return procedure_table().requires


@dataclass(frozen=True)
class ConceptCheck:
    """One concept for one procedure: where the article conveys it, and what it leaves out."""

    concept: str
    evidence: Evidence | None
    missing_items: tuple[Item, ...] = ()
    probability: float | None = None  # the classifier's, when the evidence is its own (not a pattern's)

    @property
    def complete(self) -> bool:
        return self.evidence is not None and not self.missing_items


@dataclass(frozen=True)
class ProcedureReview:
    procedure: DetectedProcedure
    checks: dict[str, ConceptCheck]  # only the concepts this procedure requires


@dataclass(frozen=True)
class ConceptLanguage:
    """How one concept is phrased (``rules/data/caveat-<concept>.yaml``)."""

    patterns: PatternSet
    blockers: frozenset[str]  # a word inside the match (or within blocker_reach before it) that makes it something else
    blocker_reach: int
    exclusions: PatternSet  # a phrase overlapping the match that makes it something else
    # Patterns that convey the concept only in a section where no other sentence conveys ``yields_to``:
    # how long redness lasts is the recovery period, but part of the risks in a side-effects section.
    yielding: PatternSet
    yields_to: str | None
    headings: PatternSet  # a heading that opens a section about this concept
    anywhere: PatternSet  # statements unmistakable enough to count in another topic's section
    # Patterns that convey the concept only for a procedure of which the table's fact ``fact`` is true:
    # "there is no recovery period" for a procedure with no downtime.
    when_true: PatternSet
    fact: str | None


@functools.cache
def _concept_language(concept: str) -> ConceptLanguage:
    macros = load_data("caveat-macros.yaml")["macros"]
    data = load_data(f"caveat-{concept}.yaml")
    yielding = data.get("yielding") or {}
    anywhere = list(data.get("anywhere") or ())
    when_true = data.get("when-true") or {}
    fact = when_true.get("fact")
    if fact is not None and fact not in procedure_table().facts:
        raise ValueError(f"caveat-{concept}.yaml: when-true names {fact!r}, not a fact of procedures.yaml")
    return ConceptLanguage(PatternSet(data["patterns"] + anywhere, macros), frozenset(data.get("blockers") or ()),
                           int(data.get("blocker-reach", 0)),
                           PatternSet(data.get("exclusions") or (), macros),
                           PatternSet(yielding.get("patterns") or (), macros), yielding.get("to"),
                           PatternSet(data.get("headings") or (), macros), PatternSet(anywhere, macros),
                           PatternSet(when_true.get("patterns") or (), macros), fact)


@functools.cache
def _items(procedure: str) -> dict[str, tuple[Item, ...]]:
    """The procedure's items per concept, then those of the procedures it inherits from (by label, once)."""
    spec = procedure_table().procedures[procedure]
    merged = {concept: list(items) for concept, items in spec.items.items()}
    for parent in spec.inherits:
        for concept, items in _items(parent).items():
            known = {item.label for item in merged.get(concept, ())}
            merged.setdefault(concept, []).extend(item for item in items if item.label not in known)
    return {concept: tuple(items) for concept, items in merged.items()}


def _overlaps(span: Span, other: Span) -> bool:
    return span.start < other.end and other.start < span.end


# The phrase that conveys a concept, and the procedure fact it conveys it under (None: for any procedure).
Conveyed = tuple[Span, str | None]


def _conveys(concept: str, sentence: Span, keys, yielded: bool = False,
             facts: frozenset[str] = frozenset()) -> Conveyed | None:
    """The phrase by which ``sentence`` conveys ``concept``; ``yielded`` when its section conveys
    the concept the yielding patterns give way to, so that only the other patterns count; ``facts``:
    the table's facts true of a procedure the sentence is about, under which ``when-true`` patterns count.
    ``keys``: the pattern keys of the sentence's block."""
    language = _concept_language(concept)
    span = _first_valid_hit(language, language.patterns, sentence, keys) or (
        None if yielded else _first_valid_hit(language, language.yielding, sentence, keys))
    if span is not None:
        return span, None
    if language.fact in facts:
        span = _first_valid_hit(language, language.when_true, sentence, keys)
        if span is not None:
            return span, language.fact
    return None


def _first_valid_hit(language: ConceptLanguage, patterns: PatternSet, sentence: Span, keys) -> Span | None:
    excluded = [hit.span for hit in language.exclusions.hits(sentence, keys)]
    for hit in patterns.hits(sentence, keys):
        # A blocker inside the match, or just before it, makes it something else:
        # "helps reduce redness", "reduces the aching and swelling that veins can cause";
        # not as a participle describing a noun ("hair in the treated area can fall out"), nor as a word
        # the pattern names itself, which is what it is about ("the cut may heal lighter").
        window = hit.span.doc[max(sentence.start, hit.span.start - language.blocker_reach):hit.span.end]
        if any((token.lower_ in language.blockers or token.lemma_.lower() in language.blockers)
               and token.dep_ != "amod" and not token_keys(token) & hit.pattern.words for token in window):
            continue
        if any(_overlaps(hit.span, span) for span in excluded):
            continue
        if not voided(hit.span, hit.pattern.words):
            return hit.span
    return None


def _clause_owners(mentions, span: Span) -> set[str]:
    """The procedures named in the clause that conveys ``span``: "Dermal fillers can block blood
    vessels, but a HydraFacial involves no injections" says nothing of the HydraFacial's risks.
    A mention counts unless a clause break ("but", ";", "whereas") stands between it and the
    phrase; none left (a heading-like "Microneedling: ...") means every procedure the sentence names."""
    breaks = english().clause_breaks
    doc = span.doc

    def separated(low: int, high: int) -> bool:
        return any(t.lower_ in breaks for t in doc if low <= t.idx < high)

    owners = {m.procedure for m in mentions
              if not (separated(m.end, span.start_char) if m.end <= span.start_char else separated(span.end_char, m.start))}
    return owners or {m.procedure for m in mentions}


@dataclass(frozen=True)
class AvoidanceCues:
    """Words after which another procedure is named as something to avoid, or as one the reader has had
    before (``caveat-attribution.yaml``): either way a condition of the article's procedure."""

    patterns: PatternSet
    reach: int


@functools.cache
def _avoidance_cues() -> AvoidanceCues:
    data = load_data("caveat-attribution.yaml")
    return AvoidanceCues(PatternSet(data["avoidance-cues"]), int(data["reach"]))


def _named_as_avoided(parsed: ParsedDocument, mention) -> bool:
    """Whether ``mention`` follows an avoidance cue in its clause: "avoid facials, peels and laser",
    "anyone who has had filler in the nose"."""
    cues = _avoidance_cues()
    sentence = list(parsed.docs[mention.block].sents)[mention.sentence]
    breaks = english().clause_breaks
    first = next((t.i for t in sentence if t.idx >= mention.start), sentence.end)
    for hit in cues.patterns.hits(sentence, parsed.get(pattern_keys)[mention.block]):
        between = sentence.doc[hit.span.end:first]
        if hit.span.end <= first and len(between) <= cues.reach and not any(t.lower_ in breaks for t in between):
            return True
    return False


def _topic_mentions(parsed: ParsedDocument, about: set[str]) -> list:
    """The mentions that say what their sentence is about: all but other procedures named as avoided."""
    return [m for m in parsed.get(procedure_mentions)
            if m.procedure in about or not _named_as_avoided(parsed, m)]


@functools.cache
def _ancestors(procedure: str) -> frozenset[str]:
    """The procedures ``procedure`` inherits from, directly or through another."""
    parents = procedure_table().procedures[procedure].inherits
    return frozenset(parents).union(*(_ancestors(parent) for parent in parents))


def _with_heirs(named: set[str], about: set[str]) -> set[str]:
    """``named`` and every procedure of ``about`` that inherits one of them."""
    return named | {pid for pid in about if _ancestors(pid) & named}


def _attribution(parsed: ParsedDocument, about: set[str], topic_mentions: list) -> dict[tuple[int, int], set[str]]:
    """For each (block, sentence), the detected procedures a statement there is about. A procedure
    named is also every detected one that inherits it: in a liquid rhinoplasty article, "filler can
    block a blood vessel" is said of the nose filler too."""
    named_in_sentence: dict[tuple[int, int], set[str]] = {}
    named_in_block: dict[int, set[str]] = {}
    for mention in topic_mentions:
        named = _with_heirs({mention.procedure}, about)
        named_in_sentence.setdefault((mention.block, mention.sentence), set()).update(named)
        # A paragraph that names another procedure in passing ("it is not the same as lip filler",
        # "if you have had lip filler in the last month") is still about the article's procedure in
        # its other sentences: only the sentence that names it is taken from the article.
        if named & about:
            named_in_block.setdefault(mention.block, set()).update(named)
    attribution = {}
    heading_names: set[str] = set()
    for index, (block, doc) in enumerate(zip(parsed.document.blocks, parsed.docs)):
        if block.kind in ("heading", "title"):
            heading_names = named_in_block.get(index, set())
        for number, _ in enumerate(doc.sents):
            for names in (named_in_sentence.get((index, number)), named_in_block.get(index), heading_names):
                if names:
                    attribution[(index, number)] = names & about
                    break
            else:
                attribution[(index, number)] = set(about)
    return attribution


def _sections(parsed: ParsedDocument) -> list[int]:
    """Each block's section, counted from 0 and opened by each heading."""
    sections, section = [], 0
    for block in parsed.document.blocks:
        section += block.kind in ("heading", "title")
        sections.append(section)
    return sections


def _sentences(parsed: ParsedDocument):
    """(block, sentence number, sentence) in document order, one block's Doc at a time: holding every
    sentence would keep every block's Doc alive at once, and a big document's blocks are kept compact
    (see lint/compact.py)."""
    for index, doc in enumerate(parsed.docs):
        for number, sentence in enumerate(doc.sents):
            yield index, number, sentence


def _conveying_by_section(parsed: ParsedDocument, sections: list[int], keys, concept: str) -> dict[int, set[tuple[int, int]]]:
    """Per section, the (block, number) of each sentence conveying ``concept``."""
    conveying: dict[int, set[tuple[int, int]]] = {}
    for index, number, sentence in _sentences(parsed):
        if _conveys(concept, sentence, keys[index]) is not None:
            conveying.setdefault(sections[index], set()).add((index, number))
    return conveying


def _topics(heading: Span, keys) -> set[str]:
    """The concepts a heading names as its section's topic."""
    return {concept for concept in concepts() if next(_concept_language(concept).headings.hits(heading, keys), None)}


class _Section:
    """One section's sentences, what each conveys (worked out once, when first asked) and its topic."""

    def __init__(self, sentences: list, heading: bool, keys, yielded_to: dict,
                 facts: dict[tuple[int, int], frozenset[str]]) -> None:
        self.sentences = sentences  # (block, number, sentence), the heading's first when it has one
        self.keys = keys
        self.yielded_to = yielded_to
        self.facts = facts  # (block, number) -> the facts true of a procedure the sentence is about
        self._conveyed: dict[tuple[int, int, str], Conveyed | None] = {}
        body = sentences[1:] if heading else sentences
        self._body = body
        self.heading = sentences[0][:2] if heading and body else None  # (block, number) of a heading over a body
        self.topics = _topics(sentences[0][2], keys[sentences[0][0]]) if heading and sentences else set()
        self._counts: dict[str, int] = {}

    def conveys(self, index: int, number: int, sentence: Span, concept: str) -> Conveyed | None:
        key = (index, number, concept)
        if key not in self._conveyed:
            yielded = bool(self.yielded_to.get(concept, set()) - {(index, number)})
            self._conveyed[key] = _conveys(concept, sentence, self.keys[index], yielded,
                                           self.facts.get((index, number), frozenset()))
        return self._conveyed[key]

    def count(self, concept: str) -> int:
        """How many of the section's sentences (its heading aside) convey ``concept``."""
        if concept not in self._counts:
            self._counts[concept] = sum(self.conveys(i, n, s, concept) is not None for i, n, s in self._body)
        return self._counts[concept]

    def labels_only(self, index: int, number: int, concept: str) -> bool:
        """Whether this is the section's heading, ``concept`` is not a topic it names, and its body never
        conveys it: the heading then names the time or place the section is about, not the concept ("The
        first fortnight at home" over aftercare). "Who should not have it" over a list names its topic."""
        return (index, number) == self.heading and concept not in self.topics and self.count(concept) == 0

    def admits(self, concept: str) -> bool:
        """Whether a sentence here is evidence for ``concept``: the section has no topic, or this is its
        topic, or the section conveys ``concept`` more often than its topic (a heading that names only one
        of two subjects), or none of its sentences conveys the topic its heading names."""
        if not self.topics or concept in self.topics:
            return True
        topical = max(self.count(topic) for topic in self.topics)
        return topical == 0 or self.count(concept) > topical


@dataclass(frozen=True)
class Candidate:
    """A sentence the patterns accept as evidence of ``concept`` for ``procedures``."""

    concept: str
    sentence: Span
    topical: bool  # its section's heading names ``concept`` as its topic
    procedures: tuple[str, ...]


class Classifier(Protocol):
    """A concept classifier the review may take evidence from (``caveat_model.py``, ``tools/caveat``)."""

    def probabilities(self, texts: Sequence[str]) -> dict[str, Sequence[float]]:
        """Per concept the classifier knows, each text's probability of conveying it."""

    def weight(self, concept: str, word: str) -> float | None:
        """The weight of a (lower-case) word for ``concept``; None when it is not in the vocabulary."""


@dataclass(frozen=True)
class OwnEvidence:
    """The classifier, and the probability from which a sentence it scores is evidence."""

    classifier: Classifier
    threshold: float


@dataclass(frozen=True)
class Reading:
    """A sentence the classifier may take as evidence: not a heading, with the concepts it may not
    be evidence for (all but its section heading's topics, when the heading names some) and the
    procedures it is about (the review's attribution)."""

    block: int
    sentence: Span
    barred: frozenset[str]
    procedures: frozenset[str]


def cue(sentence: Span, concept: str, classifier: Classifier) -> Span:
    """The word of ``sentence`` that weighs most for ``concept``, among its content words (a stop word
    such as "and" is never voided, so it would shield "no side effects and no risks"); the root when
    the classifier knows none of them."""
    weighted = [(weight, token.i) for token in sentence
                if not (token.is_stop or token.is_punct or token.is_space or token.like_num)
                and (weight := classifier.weight(concept, token.lower_)) is not None]
    position = max(weighted)[1] if weighted else sentence.root.i
    return sentence.doc[position:position + 1]


def own_evidence(readings: Sequence[Reading], probabilities: dict[str, Sequence[float]], concept: str,
                 procedure: str, own: OwnEvidence) -> tuple[Reading, float] | None:
    """The first reading the classifier takes as evidence of ``concept`` for ``procedure``, with its
    probability; ``probabilities``: the classifier's, per concept, for each reading in order."""
    scores = probabilities.get(concept)
    if scores is None:
        return None
    for reading, probability in zip(readings, scores):
        if (probability >= own.threshold and procedure in reading.procedures and concept not in reading.barred
                and not voided(cue(reading.sentence, concept, own.classifier))):
            return reading, float(probability)
    return None


def _about(parsed: ParsedDocument) -> list[DetectedProcedure]:
    """The detected procedures to review. One another detected one inherits is reviewed as part of it:
    a liquid rhinoplasty article that says "filler" throughout is not also a filler article to review apart."""
    detected = parsed.get(procedures)
    return [p for p in detected if not any(p.id in _ancestors(other.id) for other in detected)]


def _readings(parsed: ParsedDocument, attribution: dict[tuple[int, int], set[str]], sections: list[int]) -> list[Reading]:
    """Every sentence of the article the classifier may read, in document order."""
    keys = parsed.get(pattern_keys)
    blocks = parsed.document.blocks
    topics: dict[int, set[str]] = {}
    readings = []
    for index, number, sentence in _sentences(parsed):
        if blocks[index].kind in ("heading", "title"):
            if blocks[index].kind == "heading" and sections[index] not in topics:
                topics[sections[index]] = _topics(sentence, keys[index])
            continue
        topic = topics.get(sections[index], set())
        barred = frozenset(concepts()) - topic if topic else frozenset()
        readings.append(Reading(index, sentence, barred, frozenset(attribution[(index, number)])))
    return readings


def readings(parsed: ParsedDocument) -> list[Reading]:
    """The sentences the classifier may take as evidence (for ``tools/caveat/loro.py``)."""
    about = {p.id for p in _about(parsed)}
    if not about:
        return []
    return _readings(parsed, _attribution(parsed, about, _topic_mentions(parsed, about)), _sections(parsed))


@analysis("caveat-review", needs={"parser", "lemmatizer"}, requires=(procedures, procedure_mentions, pattern_keys))
def review(parsed: ParsedDocument) -> list[ProcedureReview]:
    """Per detected procedure, each required concept with its evidence and unnamed items."""
    return review_with(parsed, lambda candidate: True)


def review_with(parsed: ParsedDocument, accept: Callable[[Candidate], bool],
                own: OwnEvidence | None = None) -> list[ProcedureReview]:
    """``review``, where a sentence the patterns accept is evidence only if ``accept`` agrees (one it
    declines leaves the concept to the article's later sentences), and with ``own``, the classifier's
    evidence for what the patterns leave missing."""
    about_procedures = _about(parsed)
    if not about_procedures:
        return []
    about = {p.id for p in about_procedures}
    topic_mentions = _topic_mentions(parsed, about)
    attribution = _attribution(parsed, about, topic_mentions)
    found: dict[tuple[str, str], Evidence] = {}
    keys = parsed.get(pattern_keys)
    sections = _sections(parsed)
    blocks = parsed.document.blocks
    mentions: dict[tuple[int, int], list] = {}
    for mention in topic_mentions:
        mentions.setdefault((mention.block, mention.sentence), []).append(mention)
    # Another sentence of the section conveys what a concept's yielding patterns give way to; in a
    # text of one sentence ("the area may be red and numb for a few days") it is both.
    yielded_to = {concept: _conveying_by_section(parsed, sections, keys, yields_to)
                  for concept in concepts() if (yields_to := _concept_language(concept).yields_to)}
    items = {id(item): item for procedure in about_procedures for concept in required_concepts(procedure.id)
             for item in _items(procedure.id).get(concept, ())}
    named_items: set[int] = set()
    facts = {place: frozenset().union(*(procedure_facts(pid) for pid in about_here))
             for place, about_here in attribution.items()}
    for number_of_section, grouped in itertools.groupby(_sentences(parsed), key=lambda entry: sections[entry[0]]):
        sentences = list(grouped)
        section = _Section(sentences, blocks[sentences[0][0]].kind == "heading", keys,
                           {concept: by_section.get(number_of_section, set())
                            for concept, by_section in yielded_to.items()}, facts)
        for index, number, sentence in sentences:
            for concept in concepts():
                targets = [pid for pid in attribution[(index, number)] if (pid, concept) not in found]
                if not targets:
                    continue
                conveyed = section.conveys(index, number, sentence, concept)
                span, fact = conveyed if conveyed is not None else (None, None)
                if span is not None and section.labels_only(index, number, concept):
                    span, fact = None, None
                if span is not None and not section.admits(concept):
                    language = _concept_language(concept)
                    span, fact = _first_valid_hit(language, language.anywhere, sentence, keys[index]), None
                if fact is not None:
                    targets = [pid for pid in targets if fact in procedure_facts(pid)]
                if span is not None:
                    named = mentions.get((index, number))
                    if named:
                        owners = _with_heirs(_clause_owners(named, span), about)
                        targets = [pid for pid in targets if pid in owners]
                    if targets and accept(Candidate(concept, sentence, concept in section.topics, tuple(targets))):
                        for pid in targets:
                            found[(pid, concept)] = (index, span.start_char, span.end_char)
            named_items.update(key for key, item in items.items() if key not in named_items
                               and next(item.patterns.hits(sentence, keys[index]), None))
    classified: dict[tuple[str, str], float] = {}
    # Only with a classifier: the linter's own review (``own`` None) pays nothing for this.
    missing = [(p.id, c) for p in about_procedures for c in required_concepts(p.id)
               if (p.id, c) not in found] if own is not None else []
    if missing:
        sentences = _readings(parsed, attribution, sections)
        probabilities = own.classifier.probabilities([reading.sentence.text for reading in sentences])
        for pid, concept in missing:
            if (chosen := own_evidence(sentences, probabilities, concept, pid, own)) is not None:
                reading, classified[(pid, concept)] = chosen
                found[(pid, concept)] = (reading.block, reading.sentence.start_char, reading.sentence.end_char)
    reviews = []
    for procedure in about_procedures:
        checks = {}
        for concept in required_concepts(procedure.id):
            unnamed = tuple(item for item in _items(procedure.id).get(concept, ()) if id(item) not in named_items)
            checks[concept] = ConceptCheck(concept, found.get((procedure.id, concept)), unnamed,
                                           classified.get((procedure.id, concept)))
        reviews.append(ProcedureReview(procedure, checks))
    return reviews


def caveat_checklist(parsed: ParsedDocument) -> dict[str, dict[str, Evidence | None]]:
    """``{procedure: {concept: (block, start, end) or None}}``; None when missing or missing in part."""
    return {
        r.procedure.id: {c: (check.evidence if check.complete else None) for c, check in r.checks.items()}
        for r in parsed.get(review)
    }
