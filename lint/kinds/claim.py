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

``context`` lists come from ``rules/data/claim-context.yaml``. The claim
counts when what it describes mentions a ``requires`` term, or, when it names
neither list, when the article mentions ``requires`` terms more often than
``unless`` terms. What it describes mentioning an ``unless`` term ("non-invasive
options such as topical creams") excuses it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from .. import semantics
from ..data import load_data
from ..finding import Match
from . import RuleKind, register

CATEGORIES = frozenset({
    "permanence", "pain", "safety", "guarantee", "universal-suitability", "cure", "invasiveness",
    "evidence", "regulatory", "superlative", "downtime", "urgency",
    "testimonial", "credentials", "pom-promotion", "body-image",
})


def _term_regex(terms: list[str]) -> re.Pattern:
    # Hyphens count as part of a word, so "ablative" does not match inside "non-ablative".
    alternatives = "|".join(sorted((re.escape(term.lower()) for term in terms), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def _uses_regex(pattern) -> bool:
    if isinstance(pattern, dict):
        return any(key == "REGEX" or _uses_regex(value) for key, value in pattern.items())
    return isinstance(pattern, list) and any(_uses_regex(value) for value in pattern)


def _context_lists() -> dict[str, re.Pattern]:
    return {name: _term_regex(terms) for name, terms in load_data("claim-context.yaml").items()}


def _mentions(pattern: re.Pattern, text: str) -> int:
    return len(pattern.findall(text.lower()))


@register
class Claim(RuleKind):
    name = "claim"
    needs = frozenset({"parser", "lemmatizer"})
    fields = {
        "category": "claim category id (permanence, pain, safety, ...)",
        "suggestion": "a compliant rewrite, offered as the suggestion",
        "patterns": "phrases or spaCy token patterns that word the claim",
        "allow": "phrases in which a match is acceptable wording",
        "about": "lemmas of what the claim must describe (a proper name also counts)",
        "needs-source": "true: a source named in the same or next sentence excuses the claim",
        "context": "{requires: list, unless: list} of rules/data/claim-context.yaml",
    }
    required = frozenset({"category", "suggestion", "patterns"})

    def __init__(self, rule, data) -> None:
        super().__init__(rule, data)
        self.category = data["category"]
        if self.category not in CATEGORIES:
            raise ValueError(f"field 'category': {self.category!r} is not a claim category")
        self.suggestion = data["suggestion"]
        if not isinstance(self.suggestion, str) or not self.suggestion.strip():
            raise ValueError("field 'suggestion' must be text")
        self.patterns = self._patterns("patterns", data["patterns"])
        self.allowed = self._patterns("allow", data.get("allow", []), required=False)
        about = data.get("about", [])
        if not isinstance(about, list) or not all(isinstance(word, str) for word in about):
            raise ValueError("field 'about' must be a list of words")
        self.about = frozenset(word.lower() for word in about)
        self.needs_source = data.get("needs-source", False)
        if not isinstance(self.needs_source, bool):
            raise ValueError("field 'needs-source' must be true or false")
        self.context = self._context(data.get("context"))
        self._matchers: dict[int, tuple[Matcher, Matcher | None]] = {}

    @staticmethod
    def _patterns(field: str, raw, required: bool = True) -> list:
        if not isinstance(raw, list) or (required and not raw):
            raise ValueError(f"field '{field}' must be a {'non-empty ' if required else ''}list")
        checker = Matcher(Vocab(), validate=True)
        for item in raw:
            if isinstance(item, str) and item.strip():
                continue
            if not (isinstance(item, list) and item and all(isinstance(token, dict) for token in item)):
                raise ValueError(f"field '{field}': {item!r} is neither a phrase nor a list of token patterns")
            if _uses_regex(item):
                # spaCy runs REGEX on Python's backtracking engine: "(a+)+$" in a pack could stall every run.
                raise ValueError(f"field '{field}': REGEX is not allowed in token patterns; use IN, LEMMA or a phrase")
            try:
                checker.add("check", [item])
            except Exception as error:  # spaCy reports pattern errors as several exception types
                raise ValueError(f"field '{field}': invalid token pattern {item!r}: {str(error).splitlines()[-1]}") from None
        return raw

    @staticmethod
    def _context(raw) -> dict[str, re.Pattern] | None:
        if raw is None:
            return None
        lists = _context_lists()
        if not isinstance(raw, dict) or not raw or set(raw) - {"requires", "unless"}:
            raise ValueError("field 'context' must be a mapping with 'requires' and/or 'unless'")
        for key, name in raw.items():
            if name not in lists:
                raise ValueError(f"field 'context.{key}': no list {name!r} in claim-context.yaml")
        return {key: lists[name] for key, name in raw.items()}

    def _matcher(self, vocab: Vocab) -> tuple[Matcher, Matcher | None]:
        # One matcher per vocabulary: phrases must be tokenized by the pipeline that parses.
        key = id(vocab)
        if key not in self._matchers:
            from spacy.lang.en import English

            tokenizer = English(vocab=vocab).tokenizer

            def compile_(patterns) -> Matcher:
                matcher = Matcher(vocab, validate=True)
                for index, item in enumerate(patterns):
                    if isinstance(item, str):
                        item = [{"LOWER": token.lower_} for token in tokenizer(item)]
                    matcher.add(str(index), [item])
                return matcher

            self._matchers[key] = (compile_(self.patterns), compile_(self.allowed) if self.allowed else None)
        return self._matchers[key]

    def check(self, doc, context) -> Iterator[Match]:
        for index, block in enumerate(doc.docs):
            claims, allowed = self._matcher(block.vocab)
            allowed_spans = allowed(block, as_spans=True) if allowed else []
            is_cell = doc.document.blocks[index].kind == "table-cell"
            for span in filter_spans(claims(block, as_spans=True)):
                if any(a.start <= span.start and span.end <= a.end for a in allowed_spans):
                    continue
                if is_cell and span.text == block.text.strip():
                    continue  # a value in a comparison table ("PMMA | permanent"), not a sentence
                if not self._asserted(span, doc, index):
                    continue
                hedge = semantics.hedge(span)
                severity = "warning" if hedge and self.rule.severity == "error" else None
                details = {
                    "category": self.category,
                    "hedged": f" (the hedge '{hedge}' does not make it acceptable)" if hedge else "",
                }
                yield Match(index, span.start_char, span.end_char, (self.suggestion,),
                            fixable=False, severity=severity, details=details)

    def _asserted(self, span: Span, doc, index: int) -> bool:
        if semantics.is_question(span) or semantics.negated(span) or semantics.framed(span):
            return False
        if semantics.states_risk(span):
            return False
        described = semantics.target(span)
        # A noun claim stands for itself ("hailed as a game-changer").
        if self.about and not self._about(described if described is not None else span.root):
            return False
        if self.needs_source and self._sourced(span, doc, index):
            return False
        if self.context and not self._in_context(span, described, doc):
            return False
        return True

    def _about(self, described) -> bool:
        if described is None:
            return False
        return described.pos_ == "PROPN" or described.lemma_.lower() in self.about or described.lower_ in self.about

    @staticmethod
    def _sourced(span: Span, doc, index: int) -> bool:
        block: Doc = span.doc
        sentences = list(block.sents)
        position = next(i for i, sentence in enumerate(sentences) if sentence.start <= span.start < sentence.end)
        nearby = [sentence.text for sentence in sentences[position:position + 2]]
        if position + 1 == len(sentences) and index + 1 < len(doc.docs):
            nearby.append(next(iter(doc.docs[index + 1].sents)).text if len(doc.docs[index + 1]) else "")
        return any(semantics.cites_source(text) for text in nearby)

    def _in_context(self, span: Span, described, doc) -> bool:
        requires, unless = self.context.get("requires"), self.context.get("unless")
        if described is not None:
            words = " ".join(t.text for t in described.subtree if t.i not in range(span.start, span.end))
        else:
            words = ""
        if unless is not None and _mentions(unless, words):
            return False
        if requires is None or _mentions(requires, words):
            return True
        counts = doc.shared(f"claim-context:{requires.pattern}:{unless.pattern if unless else ''}",
                            lambda parsed: _article_counts(parsed, requires, unless))
        return counts[0] > counts[1]


def _article_counts(parsed, requires: re.Pattern, unless: re.Pattern | None) -> tuple[int, int]:
    """How often the whole article mentions ``requires`` and ``unless`` terms: what it is about."""
    text = " ".join(block.text for block in parsed.document.blocks)
    return _mentions(requires, text), _mentions(unless, text) if unless else 0
