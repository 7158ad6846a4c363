"""Lazy parsing: the parser runs only on blocks that the rules reading it ask for; the rest are tagged and split
into sentences, and a parsed block is exactly what a full run makes of it."""

from __future__ import annotations

from cliniclint import lint
from cliniclint.lint import nlp
from cliniclint.lint.engine import Checker, parse_condition

TEXTS = [
    "Microneedling is painless. Results are permanent for most patients.",
    "Book a consultation with our nurse. Bring a list of your medicines.",
    "Our laser is risk-free and works on all skin types.",
]
COMPONENTS = frozenset({"parser", "lemmatizer"})


def _rows(doc):
    return [(t.text, t.tag_, t.lemma_, t.dep_, t.head.i, t.is_sent_start) for t in doc]


def test_only_chosen_blocks_are_parsed_and_those_exactly_as_a_full_run():
    pipeline = nlp.pipeline(nlp.resolve_model(), COMPONENTS)
    assert pipeline.lazy
    full = list(pipeline.parse(TEXTS))
    when = nlp.ParseWhen.any_of([nlp.ParseWhen(words=["painless"]), nlp.ParseWhen(words=["LASER"])])
    lazy = list(pipeline.parse(TEXTS, when))
    assert _rows(lazy[0]) == _rows(full[0]) and _rows(lazy[2]) == _rows(full[2])
    skipped = lazy[1]
    assert not skipped.has_annotation("DEP") and full[1].has_annotation("DEP")
    assert [(t.tag_, t.lemma_) for t in skipped] == [(t.tag_, t.lemma_) for t in full[1]]  # still tagged, lemmatised
    assert [t.lemma_ for t in skipped][-3:] == ["your", "medicine", "."]
    assert [sentence.text for sentence in skipped.sents] == ["Book a consultation with our nurse.",
                                                            "Bring a list of your medicines."]


def test_a_predicate_chooses_blocks_too():
    pipeline = nlp.pipeline(nlp.resolve_model(), COMPONENTS)
    has_superlative = nlp.ParseWhen(test=lambda doc: any(token.tag_ == "JJS" for token in doc))
    docs = list(pipeline.parse(["It is the best clinic.", "It is a clinic."], has_superlative))
    assert [doc.has_annotation("DEP") for doc in docs] == [True, False]


def test_token_vectors_are_released():
    doc, = nlp.pipeline(nlp.resolve_model(), COMPONENTS).parse(TEXTS[:1])
    assert doc.tensor.size == 0


def test_every_block_is_parsed_unless_every_reader_of_the_parse_says_which(rules):
    checker = Checker(rules, lint.Config())
    readers = [rule for rule in checker.checked if "parser" in nlp.components_for(
        rule.checker.needs.union(*(a.components for a in rule.checker.analyses)))]
    assert readers  # claims and caveats read the parse today, and say nothing about where
    assert parse_condition(checker.checked, checker.context) is None
    assert parse_condition([], checker.context) is None
