"""Kind ``claim``: wording that asserts what regulators object to, when the writer asserts it.

Rule data::

    category: permanence          # claim category id, carried by every finding
    suggestion: "Results are not permanent; ..."   # compliant rewrite (never auto-applied)
    patterns:                     # a phrase (matched on lower-case tokens) or a spaCy token pattern
      - permanent results
      - [{LEMMA: guarantee}]
    allow: [permanent hair reduction]   # optional: phrases in which a match is acceptable wording
    about: [clinic, treatment]    # optional: the claim must describe one of these (or a name)
    needs-source: true            # optional: a source in this or the next sentence excuses it
    context: {requires: invasive-procedures, unless: non-invasive-things}   # optional

A match is reported unless the parse shows it is negated, a warning or a
report of someone else's claim, a quoted mention, a question, or a statement
of risk ("permanent scarring"); see :mod:`cliniclint.lint.semantics`. A hedge
("generally painless") does not excuse it: the finding names the hedge and an
``error`` rule reports it as a ``warning``.

``context`` lists come from ``rules/data/claim-context.yaml`` (the
``claim-context`` analysis counts them over the article). The claim
counts when what it describes mentions a ``requires`` term, or, when it names
neither list, when the article mentions ``requires`` terms more often than
``unless`` terms. What it describes mentioning an ``unless`` term ("non-invasive
options such as topical creams") excuses it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from pydantic import Field, field_validator, model_validator
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from ..analysis import ParsedDocument, analysis
from ..analysis import assertion
from ..data import load_data
from ..finding import Match
from ..options import KindOptions, one_of
from . import RuleKind

# A pattern is a phrase (matched on lower-case tokens) or a list of spaCy token patterns.
Pattern = str | list[dict[str, Any]]


@functools.cache
def _categories() -> frozenset[str]:
    return frozenset(load_data("claim-categories.yaml")["categories"])


@functools.cache
def _context_lists() -> dict[str, re.Pattern]:
    # Hyphens count as part of a word, so "ablative" does not match inside "non-ablative".
    lists = {}
    for name, terms in load_data("claim-context.yaml").items():
        alternatives = "|".join(sorted((re.escape(term.lower()) for term in terms), key=len, reverse=True))
        lists[name] = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
    return lists


def _mentions(pattern: re.Pattern, text: str) -> int:
    return len(pattern.findall(text.lower()))


def _uses_regex(pattern) -> bool:
    if isinstance(pattern, dict):
        return any(key == "REGEX" or _uses_regex(value) for key, value in pattern.items())
    return isinstance(pattern, list) and any(_uses_regex(value) for value in pattern)


def _check_patterns(patterns: list[Pattern]) -> list[Pattern]:
    checker = Matcher(Vocab(), validate=True)
    for item in patterns:
        if isinstance(item, str):
            if not item.strip():
                raise ValueError("a phrase pattern must not be empty")
            continue
        if not item:
            raise ValueError("a token pattern must not be empty")
        if _uses_regex(item):
            # spaCy runs REGEX on Python's backtracking engine: "(a+)+$" in a pack could stall every run.
            raise ValueError("REGEX is not allowed in token patterns; use IN, LEMMA or a phrase")
        try:
            checker.add("check", [item])
        except Exception as error:  # spaCy reports pattern errors as several exception types
            raise ValueError(f"invalid token pattern {item!r}: {str(error).splitlines()[-1]}") from None
    return patterns


Category = one_of(_categories, "a claim category (claim-categories.yaml)")
ContextList = one_of(lambda: _context_lists().keys(), "a list of claim-context.yaml")


class ContextOptions(KindOptions):
    requires: ContextList | None = Field(None, description="a list in claim-context.yaml the claim's subject must mention")
    unless: ContextList | None = Field(None, description="a list in claim-context.yaml whose mention excuses the claim")

    @model_validator(mode="after")
    def _not_empty(self) -> ContextOptions:
        if self.requires is None and self.unless is None:
            raise ValueError("context names 'requires' and/or 'unless'")
        return self


class Options(KindOptions):
    category: Category = Field(
        description="claim category id (permanence, pain, safety, ...), carried by every finding")
    suggestion: str = Field(min_length=1, description="a compliant rewrite, offered as the suggestion")
    patterns: list[Pattern] = Field(min_length=1, description="phrases or spaCy token patterns that word the claim")
    allow: list[Pattern] = Field([], description="phrases in which a match is acceptable wording")
    about: frozenset[str] = Field(frozenset(), description="lemmas of what the claim must describe (a proper name also counts)")
    needs_source: bool = Field(False, description="true: a source named in the same or next sentence excuses the claim")
    context: ContextOptions | None = Field(None, description="{requires, unless}: lists of claim-context.yaml")

    @field_validator("patterns", "allow")
    @classmethod
    def _valid_patterns(cls, patterns: list[Pattern]) -> list[Pattern]:
        return _check_patterns(patterns)

    @field_validator("about")
    @classmethod
    def _lower(cls, words: frozenset[str]) -> frozenset[str]:
        return frozenset(word.lower() for word in words)


@analysis("claim-context", needs={"lemmatizer"})
def article_mentions(parsed: ParsedDocument, requires: str, unless: str | None) -> tuple[int, int]:
    """How often the whole article mentions terms of the two context lists: what it is about."""
    text = " ".join(block.text for block in parsed.document.blocks)
    lists = _context_lists()
    return _mentions(lists[requires], text), _mentions(lists[unless], text) if unless else 0


class Claim(RuleKind, name="claim"):
    Options = Options
    needs = frozenset({"parser", "lemmatizer"})
    analyses = (article_mentions,)
    message_fields = frozenset({"hedged", "category"})

    def __init__(self, rule, options: Options) -> None:
        super().__init__(rule, options)
        self._matchers: dict[int, tuple[Matcher, Matcher | None]] = {}

    def _matcher(self, vocab: Vocab, tokenize) -> tuple[Matcher, Matcher | None]:
        # One matcher per pipeline: phrases are tokenized as the pipeline tokenizes text.
        key = id(vocab)
        if key not in self._matchers:
            def compile_(patterns) -> Matcher:
                matcher = Matcher(vocab, validate=True)
                for index, item in enumerate(patterns):
                    if isinstance(item, str):
                        item = [{"LOWER": word} for word in tokenize(item)]
                    matcher.add(str(index), [item])
                return matcher

            allow = self.options.allow
            self._matchers[key] = (compile_(self.options.patterns), compile_(allow) if allow else None)
        return self._matchers[key]
    def check(self, doc, context) -> Iterator[Match]:
        for index, block in enumerate(doc.docs):
            claims, allowed = self._matcher(block.vocab, context.phrases)
            allowed_spans = allowed(block, as_spans=True) if allowed else []
            is_cell = doc.document.blocks[index].kind == "table-cell"
            for span in filter_spans(claims(block, as_spans=True)):
                if any(a.start <= span.start and span.end <= a.end for a in allowed_spans):
                    continue
                if is_cell and span.text == block.text.strip():
                    continue  # a value in a comparison table ("PMMA | permanent"), not a sentence
                if not self._asserted(span, doc, index):
                    continue
                hedge = assertion.hedge(span)
                severity = "warning" if hedge and self.rule.severity == "error" else None
                details = {
                    "category": self.options.category,
                    "hedged": f" (the hedge '{hedge}' does not make it acceptable)" if hedge else "",
                }
                yield Match(index, span.start_char, span.end_char, (self.options.suggestion,),
                            severity=severity, details=details)

    def _asserted(self, span: Span, doc, index: int) -> bool:
        if assertion.is_question(span) or assertion.negated(span) or assertion.framed(span):
            return False
        if assertion.states_risk(span):
            return False
        described = assertion.target(span)
        # A noun claim stands for itself ("hailed as a game-changer").
        if self.options.about and not self._about(described if described is not None else span.root):
            return False
        if self.options.needs_source and self._sourced(span, doc, index):
            return False
        if self.options.context and not self._in_context(span, described, doc):
            return False
        return True

    def _about(self, described) -> bool:
        if described is None:
            return False
        return described.pos_ == "PROPN" or described.lemma_.lower() in self.options.about or described.lower_ in self.options.about

    @staticmethod
    def _sourced(span: Span, doc, index: int) -> bool:
        block: Doc = span.doc
        sentences = list(block.sents)
        position = next(i for i, sentence in enumerate(sentences) if sentence.start <= span.start < sentence.end)
        nearby = [sentence.text for sentence in sentences[position:position + 2]]
        if position + 1 == len(sentences) and index + 1 < len(doc.docs):
            nearby.append(next(iter(doc.docs[index + 1].sents)).text if len(doc.docs[index + 1]) else "")
        return any(assertion.cites_source(text) for text in nearby)

    def _in_context(self, span: Span, described, doc) -> bool:
        context = self.options.context
        lists = _context_lists()
        requires = lists[context.requires] if context.requires else None
        unless = lists[context.unless] if context.unless else None
        if described is not None:
            words = " ".join(t.text for t in described.subtree if t.i not in range(span.start, span.end))
        else:
            words = ""
        if unless is not None and _mentions(unless, words):
            return False
        if requires is None or _mentions(requires, words):
            return True
        mentions_required, mentions_excusing = doc.get(article_mentions, context.requires, context.unless)
        return mentions_required > mentions_excusing
