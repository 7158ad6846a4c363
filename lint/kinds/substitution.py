"""Kind ``substitution``: a known wrong phrase, the phrase the writer meant, and when it is wrong.

Rule data: ``swaps``, either a list inline or the name of a YAML file in
``rules/data/`` holding ``{swaps: [...]}``. Each entry::

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

Matching is on tokens, by lower case or lemma, so "Micro-Accidents" and
"pores and skin's" match. The suggestion keeps the found capitalisation
(lower-cased where the capital was itself the spinner's), and is safe to
apply when the text matched the table exactly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..data import rule_data
from ..finding import SEVERITIES, Match
from . import RuleKind, register
from .spin_context import TITLE_BLOCKS, forms, is_capitalised, is_title_cased, match_case, starts_sentence

CONDITIONS = {"after", "before", "after-pos", "before-pos", "capitalised"}
START = "<start>"


@dataclass(frozen=True)
class Swap:
    words: tuple[str, ...]  # the wrong phrase, lower-case tokens
    use: str
    when: dict
    unless: dict
    severity: str | None


def _conditions(entry: dict, key: str, where: str) -> dict:
    raw = entry.get(key) or {}
    if not isinstance(raw, dict) or set(raw) - CONDITIONS:
        raise ValueError(f"field 'swaps': {where}: '{key}' takes {', '.join(sorted(CONDITIONS))}")
    for name, value in raw.items():
        if name == "capitalised":
            if not isinstance(value, bool):
                raise ValueError(f"field 'swaps': {where}: '{key}.capitalised' is true or false")
        elif not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"field 'swaps': {where}: '{key}.{name}' must be a list of text")
    return {name: (value if name == "capitalised" else frozenset(value)) for name, value in raw.items()}


def _entries(raw, pack: str | None) -> list:
    if isinstance(raw, str):
        raw = rule_data(raw, "swaps", pack)
        raw = raw.get("swaps") if isinstance(raw, dict) else None
    if not isinstance(raw, list) or not raw:
        raise ValueError("field 'swaps' must be a non-empty list of entries, or a data file holding one")
    return raw


def _neighbour_ok(token, words: frozenset[str] | None, tags: frozenset[str] | None, at_start: bool) -> bool | None:
    """Whether a neighbour satisfies the word/tag lists (None: no list given)."""
    results = []
    if words is not None:
        results.append((at_start and START in words) or (token is not None and not words.isdisjoint(forms(token))))
    if tags is not None:
        results.append(token is not None and token.pos_ in tags)
    return all(results) if results else None


def _holds(conditions: dict, span: Span, titled: bool, require_all: bool) -> bool:
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    at_start = starts_sentence(span[0])
    checks = [
        _neighbour_ok(before, conditions.get("after"), conditions.get("after-pos"), at_start),
        _neighbour_ok(after, conditions.get("before"), conditions.get("before-pos"), False),
    ]
    if "capitalised" in conditions:
        capitalised = is_capitalised(span[0]) and not at_start and not titled
        checks.append(capitalised == conditions["capitalised"])
    checks = [check for check in checks if check is not None]
    if not checks:
        return require_all
    return all(checks) if require_all else any(checks)


@register
class Substitution(RuleKind):
    name = "substitution"
    needs = frozenset({"tagger", "attribute_ruler", "lemmatizer"})
    fields = {"swaps": "list of {instead-of, use, when, unless, severity} entries, or a rules/data/ YAML file of them"}
    required = frozenset({"swaps"})

    def __init__(self, rule, data) -> None:
        super().__init__(rule, data)
        self.entries = []
        for index, entry in enumerate(_entries(data["swaps"], self.pack)):
            where = f"entry {index + 1}"
            if not isinstance(entry, dict) or not {"use", "instead-of"} <= set(entry):
                raise ValueError(f"field 'swaps': {where} needs 'instead-of' and 'use'")
            unknown = set(entry) - {"use", "instead-of", "when", "unless", "severity"}
            if unknown:
                raise ValueError(f"field 'swaps': {where}: unknown key '{sorted(unknown)[0]}'")
            if entry.get("severity") not in (None, *SEVERITIES):
                raise ValueError(f"field 'swaps': {where}: severity is one of {', '.join(SEVERITIES)}")
            self.entries.append((entry, _conditions(entry, "when", where), _conditions(entry, "unless", where)))
        self._tables: dict[int, dict[str, list[Swap]]] = {}

    def _table(self, vocab) -> dict[str, list[Swap]]:
        # Phrases are tokenized by the pipeline's own tokenizer, indexed by first token.
        key = id(vocab)
        if key not in self._tables:
            from spacy.lang.en import English

            tokenizer = English(vocab=vocab).tokenizer
            table: dict[str, list[Swap]] = defaultdict(list)
            for entry, when, unless in self.entries:
                words = tuple(t.lower_ for t in tokenizer(entry["instead-of"]))
                table[words[0]].append(Swap(words, entry["use"], when, unless, entry.get("severity")))
            self._tables[key] = table
        return self._tables[key]

    def _matches(self, doc: Doc, table: dict[str, list[Swap]]) -> Iterator[tuple[Span, Swap]]:
        for token in doc:
            for swap in {id(s): s for k in forms(token) for s in table.get(k, ())}.values():
                end = token.i + len(swap.words)
                if end <= len(doc) and all(w in forms(doc[token.i + k]) for k, w in enumerate(swap.words)):
                    yield doc[token.i:end], swap

    def check(self, doc, context) -> Iterator[Match]:
        for index, (block, parsed) in enumerate(zip(doc.document.blocks, doc.docs)):
            titled = block.kind in TITLE_BLOCKS or is_title_cased(parsed)
            taken: set[int] = set()
            for span, swap in self._matches(parsed, self._table(parsed.vocab)):
                if not taken.isdisjoint(range(span.start, span.end)):
                    continue
                if swap.when and not _holds(swap.when, span, titled, require_all=True):
                    continue
                if swap.unless and _holds(swap.unless, span, titled, require_all=False):
                    continue
                taken.update(range(span.start, span.end))
                exact = tuple(t.lower_ for t in span) == swap.words
                keep_case = titled or starts_sentence(span[0]) or span.text.isupper()
                replacement = match_case(span.text, swap.use) if keep_case else swap.use
                yield Match(index, span.start_char, span.end_char, (replacement,), fixable=exact,
                            severity=swap.severity)
