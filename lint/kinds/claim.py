"""Kind ``claim``: wording that asserts what regulators object to, when the writer asserts it.

Rule data::

    category: permanence          # claim category id, carried by every finding
    suggestion: "Results are not permanent; ..."   # compliant rewrite (never auto-applied)
    patterns:                     # a phrase (matched on lower-case tokens) or a spaCy token pattern
      - permanent results
      - [{LEMMA: guarantee}]
    denied: [[{LEMMA: {IN: [pain, sting]}}]]   # optional: words the claim denies ("not a hint of pain")
    allow: [permanent hair reduction]   # optional: phrases in which a match is acceptable wording
    about: [clinic, treatment]    # optional: the claim must describe one of these (or a name)
    needs-source: true            # optional: a source in this or the next sentence excuses it
    excused-by: [citations]       # optional: source patterns in the claim's own sentence excuse it
    conditions: true              # optional: a condition in the same sentence ("only if ...") excuses it
    context: {requires: invasive-procedures, unless: non-invasive-things}   # optional
    cue: promotional-cues         # optional: counts only in a sentence with a cue, or an order to the reader
    specific: true                # optional: "a qualified practitioner" (generic) is advice, not a claim
    in-questions: true            # optional: a rhetorical question still makes the claim
    risk-sentences: true          # optional: a sentence that names a risk is not this claim
    disparages: true              # optional: the claim is about the condition itself ("ugly leg veins")
    severity-by-context: {injectables-and-surgery: error}   # optional
    true-of: no-downtime          # optional: a fact of procedures.yaml under which the claim is true

A match is reported unless the parse shows it is negated, a warning or a
report of someone else's claim, a quoted mention, a question, or a statement
of risk ("permanent scarring"); see :mod:`cliniclint.lint.semantics`. A hedge
("generally painless", "minimal discomfort") does not excuse it: the finding
names the hedge and is reported one severity lower (an ``error`` as a
``warning``, a ``warning`` as ``info``). A disclaimer elsewhere in the article
("results may vary") excuses nothing; a named source in the claim's own
sentence does for rules that list it in ``excused-by``.

``denied`` patterns word what the claim says is absent: a pain or harm word is the claim
when the parse denies it (:func:`~cliniclint.lint.analysis.assertion.denial`: "without a flicker
of pain", "poses no threat", "won't sting", "nobody has ever had a problem"), reported over the
denying words, and not otherwise ("some stinging is normal" states a sensation). Naming a risk
is then what makes it a claim, not what excuses it; a negation above the denial still undoes it
("we will never tell you a peel has no side effects"), and the other tests apply.

A claim with ``true-of`` is true of a procedure the table gives that fact ("there is no
recovery period" after a lash lift, which has none): it is not reported when every procedure
it is about has the fact, those its sentence names or else those the article is about.

A superlative that describes a generic noun ("the best way", "the best
results") is judged by what the clause says it of: "a peel is the best way to
brighten skin" is a claim about a peel, "good aftercare is the best way to
protect your results" is advice.

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
from ..analysis.lexicon import claim_words, english
from ..analysis.procedures import block_procedure_mentions, procedure_facts, procedure_table, procedures
from ..analysis.tokens import block_words, in_name, is_capitalised, is_title_cased
from ..data import load_data
from ..finding import SEVERITIES, Match
from ..options import KindOptions, one_of
from ..token_patterns import TokenPatterns
from . import RuleKind

# A pattern is a phrase (matched on lower-case tokens) or a list of spaCy token patterns.
Pattern = str | list[dict[str, Any]]


@functools.cache
def _categories() -> frozenset[str]:
    return frozenset(load_data("claim-categories.yaml")["categories"])


@functools.cache
def _context_lists() -> dict[str, re.Pattern]:
    # Hyphens count as part of a word, so "ablative" does not match inside "non-ablative";
    # a symbol ("£", "#") needs no boundary on its symbol side ("£150", "#botox").
    def term_pattern(term: str) -> str:
        return re.escape(term.lower()) + (r"(?![\w-])" if re.search(r"\w$", term) else "")

    lists = {}
    for name, terms in load_data("claim-context.yaml").items():
        longest_first = sorted(terms, key=len, reverse=True)
        words = "|".join(term_pattern(term) for term in longest_first if re.match(r"\w", term))
        symbols = "|".join(term_pattern(term) for term in longest_first if not re.match(r"\w", term))
        # The word boundary is tested once before the words, not once for each: a whole article is
        # searched, and a position inside a word then fails at once. A word and a symbol term never
        # match at one position, so the matches are those of one list in order of length.
        alternatives = []
        if words:
            alternatives.append(f"(?<![\\w-])(?:{words})")
        if symbols:
            alternatives.append(symbols)
        lists[name] = re.compile(f"(?:{'|'.join(alternatives)})")
    return lists


def _mentions(pattern: re.Pattern, text: str) -> int:
    return len(pattern.findall(text.lower()))


def _key(token) -> str:
    return token.lemma_.lower() if token.lemma_ else token.lower_


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
SourceList = one_of(lambda: claim_words().sources.keys(), "a list of source patterns (claim-semantics.yaml sources)")
Severity = one_of(lambda: SEVERITIES, "a severity")
Fact = one_of(lambda: procedure_table().facts.keys(), "a procedure fact (procedures.yaml facts)")


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
    denied: list[Pattern] = Field([], description=(
        "phrases or token patterns of words the claim says are absent: a match counts only where the "
        "parse denies it ('not a hint of soreness', 'poses no threat')"))
    allow: list[Pattern] = Field([], description="phrases in which a match is acceptable wording")
    about: frozenset[str] = Field(frozenset(), description="lemmas of what the claim must describe (a proper name also counts)")
    needs_source: bool = Field(False, description="true: a source named in the same or next sentence excuses the claim")
    excused_by: tuple[SourceList, ...] = Field((), description=(
        "source pattern lists (claim-semantics.yaml sources: citations, registrations, awards) whose match "
        "in the claim's own sentence excuses it: the qualifier or evidence sits inside the claim"))
    conditions: bool = Field(False, description=(
        "true: a condition stated in the same sentence ('safe only if your skin type suits the laser') excuses the claim"))
    context: ContextOptions | None = Field(None, description="{requires, unless}: lists of claim-context.yaml")
    cue: ContextList | None = Field(None, description=(
        "a claim-context.yaml list: the claim counts only when its sentence mentions one of its terms, "
        "the clause it stands in orders the reader (an imperative: 'book your ...'), "
        "or the writer presents it as their own ('our Botox', 'we offer Dysport')"))
    in_questions: bool = Field(False, description=(
        "true: the claim counts in a question too (a rhetorical one: 'Embarrassed by your double chin?')"))
    specific: bool = Field(False, description=(
        "true: what the claim describes must be the advertiser's own, not generic advice "
        "('a qualified practitioner', 'any injector' are not claims)"))
    risk_sentences: bool = Field(False, description=(
        "true: a sentence naming a risk (claim-semantics.yaml risk-targets) does not make this claim "
        "('1 in 20 people get a cold-sore flare' is a risk figure, not a success rate)"))
    disparages: bool = Field(False, description=(
        "true: the claim describes the condition treated, not the treatment ('ugly leg veins', "
        "'unsightly scars'), so describing a risk or condition word does not make it a statement of risk"))
    severity_by_context: dict[ContextList, Severity] = Field({}, description=(
        "severity when the claim's sentence mentions terms of a claim-context.yaml list, or the article "
        "mentions them more than once (pressure offers on injectables and surgery are errors)"))
    true_of: Fact | None = Field(None, description=(
        "a fact of procedures.yaml under which the claim is true: not reported when every procedure it is "
        "about (those its sentence names, else the article's) has it ('no downtime' after a lash lift)"))

    @field_validator("patterns", "denied", "allow")
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
    analyses = (article_mentions, block_procedure_mentions, procedures, block_words)
    message_fields = frozenset({"hedged", "category"})

    def __init__(self, rule, options: Options) -> None:
        super().__init__(rule, options)
        self._matchers: dict[int, tuple[TokenPatterns, TokenPatterns | None, TokenPatterns | None]] = {}

    def _matcher(self, tokenize) -> tuple[TokenPatterns, TokenPatterns | None, TokenPatterns | None]:
        # One per pipeline: phrases are tokenized as the pipeline tokenizes text, into its vocab.
        vocab = tokenize.tokenizer.vocab
        key = id(vocab)
        if key not in self._matchers:
            allow, denied = self.options.allow, self.options.denied
            self._matchers[key] = (TokenPatterns(self.options.patterns, vocab, tokenize),
                                   TokenPatterns(allow, vocab, tokenize) if allow else None,
                                   TokenPatterns(denied, vocab, tokenize) if denied else None)
        return self._matchers[key]

    def check(self, doc, context) -> Iterator[Match]:
        claims, allowed, denials = self._matcher(context.phrases)
        words = doc.get(block_words)
        for index in range(len(words)):
            present = words[index]
            candidates = claims.candidates(present)
            denial_candidates = denials.candidates(present) if denials else []
            if not candidates and not denial_candidates:
                continue  # decided on the block's words alone: a big document's Doc is not made again
            block = doc.docs[index]
            found = claims.matches(block, candidates)
            # a denied word is reported with the words that deny it: "without a flicker of pain"
            denied = {(s.start, s.end) for s in (assertion.denial(match) for match in
                                                 (denials.matches(block, denial_candidates) if denials else ()))
                      if s is not None}
            found += [block[start:end] for start, end in denied]
            if not found:
                continue
            allowed_spans = allowed(block, present) if allowed else []
            is_cell = doc.document.blocks[index].kind == "table-cell"
            for span in filter_spans(found):
                if any(a.start <= span.start and span.end <= a.end for a in allowed_spans):
                    continue
                if is_cell and span.text == block.text.strip():
                    continue  # a value in a comparison table ("PMMA | permanent"), not a sentence
                if not self._asserted(span, doc, index, denied=(span.start, span.end) in denied):
                    continue
                hedge = assertion.hedge(span)
                severity = self._severity(span, doc, hedged=hedge is not None)
                details = {
                    "category": self.options.category,
                    "hedged": f" (the hedge '{hedge}' does not make it acceptable)" if hedge else "",
                }
                yield Match(index, span.start_char, span.end_char, (self.options.suggestion,),
                            severity=severity, details=details)

    def _severity(self, span: Span, doc, hedged: bool) -> str | None:
        """The rule's severity, or its context's; one step lower when hedged. None: the rule's own."""
        severity = self.rule.severity
        for name, contextual in self.options.severity_by_context.items():
            pattern = _context_lists()[name]
            if _mentions(pattern, span.sent.text) or doc.get(article_mentions, name, None)[0] > 1:
                severity = contextual
                break
        if hedged:
            severity = SEVERITIES[max(0, SEVERITIES.index(severity) - 1)]
        return None if severity == self.rule.severity else severity

    def _asserted(self, span: Span, doc, index: int, denied: bool = False) -> bool:
        """Whether the writer asserts the claim ``span`` words; ``denied``: it is a denial of a
        ``denied`` word, whose risk word makes the claim (a negation above it still undoes it:
        "we will never tell you a procedure has no side effects")."""
        options = self.options
        if assertion.is_question(span) and not (options.in_questions and assertion.rhetorical(span)):
            return False
        if (assertion.disowned(span) if denied else assertion.negated(span)) or assertion.framed(span):
            return False
        if not denied and not options.disparages and assertion.states_risk(span):
            return False
        if denied and assertion.harmless_condition(span):
            return False
        if not denied and options.risk_sentences and assertion.names_risk(span):
            return False
        if self._named(span, doc, index) or self._unrelated(span, doc, index):
            return False
        described = assertion.target(span)
        if options.about:
            # A noun claim stands for itself ("hailed as a game-changer"); a generic noun
            # ("the best way") stands for what the clause says it of.
            subject = described if described is not None else span.root
            partner = None
            generic = claim_words().generic_nouns
            if _key(subject) in generic and not assertion.first_person(subject):
                partner = assertion.partner(subject)
            if partner is not None:
                # "Sunscreen is the best thing": a sentence-initial "name" may be a common noun.
                # "... is a course of our RF microneedling": what the partner phrase names counts.
                if not any(self._about(t, doc, index, names=False) for t in partner.subtree):
                    return False
            elif not (self._about(subject, doc, index)
                      or (described is None or assertion.verbless(span.sent) and _key(subject) not in generic)
                      and any(self._about(t, doc, index, names=False)
                              for t in [*span, *(assertion.clause_words(span) or ())])):
                return False
        if options.specific and assertion.generic(described if described is not None else span.root):
            return False
        if options.needs_source and self._sourced(span, doc, index):
            return False
        if any(claim_words().sources[name].search(span.sent.text) for name in options.excused_by):
            return False
        if options.conditions and assertion.conditional(span):
            return False
        if options.context and not self._in_context(span, described, doc, index):
            return False
        if options.cue and not (_mentions(_context_lists()[options.cue], span.sent.text) or assertion.ordered(span)
                                or assertion.owned(span)):
            return False
        if options.true_of and self._true_of_subject(span, doc, index):
            return False
        return True

    @staticmethod
    def _named(span: Span, doc, index: int) -> bool:
        """The match is a word of a name in prose ("Safe Haven is the refuge we support", "Revolutionary
        Road is on our bookshelf"): capitalised beside other capitalised words in a block not written in
        title case. A procedure or brand in the name keeps it a claim ("Safe Botox in Leeds"), and so does a
        name of a promotion ("Tox Tuesday", "Teen Tweakments Day")."""
        block = span.doc
        if is_title_cased(block) or not all(is_capitalised(t) for t in span if t.is_alpha):
            return False
        head = span.root.head
        if span.root.dep_ not in ("compound", "amod") or span.start <= head.i < span.end or not is_capitalised(head):
            return False  # the word modifies the capitalised noun of the name: "Safe Haven", not "Book Vistabel"
        if not in_name(block, head.i):
            return False
        start, end = span.start, span.end
        while start > span.sent.start and is_capitalised(block[start - 1]):
            start -= 1
        while end < span.sent.end and is_capitalised(block[end]):
            end += 1
        name = block[start:end]
        promotion = claim_words().promotion_names | english().calendar_names
        if len(name) == len(span) or any(t.lower_ in promotion or _key(t) in promotion for t in name):
            return False  # the match is the whole name ("Black Friday") or names a promotion ("Tox Tuesday")
        return not any(m.start < name.end_char and m.end > name.start_char
                       for m in doc.get(block_procedure_mentions).get(index, ()))

    @staticmethod
    def _unrelated(span: Span, doc, index: int) -> bool:
        """The claim word is said of a thing outside what a clinic sells ("our booking app is quick and
        easy"), unless a procedure is named in what describes it ("the summer sale on laser hair removal")."""
        thing = assertion.unrelated(span)
        if thing is None:
            return False
        words = [t for t in thing.subtree if not span.start <= t.i < span.end]
        mentions = doc.get(block_procedure_mentions).get(index, ())
        return not any(m.start <= t.idx < m.end for t in words for m in mentions)

    def _true_of_subject(self, span: Span, doc, index: int) -> bool:
        """Whether the claim is true of what it is about: every procedure its sentence names (outside a
        comparison), or else every procedure the article is about, has the ``true-of`` fact."""
        sentence = span.sent
        named = {m.procedure for m in doc.get(block_procedure_mentions).get(index, ())
                 if m.counted and sentence.start_char <= m.start < sentence.end_char}
        about = named or {p.id for p in doc.get(procedures)}
        return bool(about) and all(self.options.true_of in procedure_facts(pid) for pid in about)

    def _about(self, described, doc, index: int, names: bool = True) -> bool:
        about = self.options.about
        # A name is a clinic or brand; at a sentence start the tagger also calls common nouns names.
        name = described.pos_ == "PROPN" and (names or described.i > described.sent.start and described.is_title)
        if name or _key(described) in about or described.lower_ in about:
            return True
        if assertion.first_person(described):
            return True
        # A named procedure is a treatment: "Fat freezing is superior to liposuction".
        return any(m.start <= described.idx < m.end for m in doc.get(block_procedure_mentions).get(index, ()))

    @staticmethod
    def _sourced(span: Span, doc, index: int) -> bool:
        block: Doc = span.doc
        sentences = list(block.sents)
        position = next(i for i, sentence in enumerate(sentences) if sentence.start <= span.start < sentence.end)
        nearby = [sentence.text for sentence in sentences[position:position + 2]]
        if position + 1 == len(sentences) and index + 1 < len(doc.docs):
            nearby.append(next(iter(doc.docs[index + 1].sents)).text if len(doc.docs[index + 1]) else "")
        return any(assertion.cites_source(text) for text in nearby)

    def _in_context(self, span: Span, described, doc, index: int) -> bool:
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
        # A procedure the table knows, named in the claim's sentence, is one ("skin boosters for
        # students aged 16+"): the context lists need not repeat every procedure's names.
        sentence = span.sent
        if any(sentence.start_char <= m.start < sentence.end_char
               for m in doc.get(block_procedure_mentions).get(index, ())):
            return True
        mentions_required, mentions_excusing = doc.get(article_mentions, context.requires, context.unless)
        return mentions_required > mentions_excusing
