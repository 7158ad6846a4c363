"""Rule-side indexes: each must find exactly what the plain scan it replaces finds, on real parses."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest
from spacy.matcher import Matcher

from cliniclint.lint import Config
from cliniclint.lint.analysis import ParsedDocument
from cliniclint.lint.analysis.procedures import (
    _procedure_names, block_procedure_mentions, procedure_mentions, procedure_table,
)
from cliniclint.lint.analysis.tokens import block_words, pattern_keys, token_keys
from cliniclint.lint.data import load_data
from cliniclint.lint.engine import Checker
from cliniclint.lint.kinds.claim import _context_lists
from cliniclint.lint.patterns import PatternSet
from cliniclint.lint.readers import read_path
from cliniclint.lint.token_patterns import TokenPatterns, required_words, split_words

from conftest import CORPUS


@pytest.fixture(scope="module")
def checker(rules):
    return Checker(rules, Config())


@pytest.fixture(scope="module")
def corpus(checker):
    paths = sorted(path for path in CORPUS.iterdir() if path.suffix in (".txt", ".md", ".html"))[:8]
    return checker.parse([read_path(str(path)) for path in paths])


def _one_matcher(patterns, vocab, tokenize) -> Matcher:
    matcher = Matcher(vocab)
    for index, item in enumerate(patterns):
        matcher.add(str(index), [[{"LOWER": word} for word in tokenize(item)]] if isinstance(item, str)
                    else split_words(item, tokenize))
    return matcher


def test_a_word_the_tokenizer_splits_matches_in_a_token_pattern_as_the_tokens_it_is_split_into(checker):
    patterns = TokenPatterns([[{"LOWER": {"IN": ["embarrassed", "self-conscious"]}}, {"LOWER": "about"}],
                              [{"LEMMA": "be"}, {"LOWER": {"IN": ["non-existent"]}}],
                              [{"LOWER": {"IN": ["under-18s"]}}]],
                             checker.nlp.vocab, checker.context.phrases)
    for text, found in [("She felt self-conscious about her chin.", ["self-conscious about"]),
                        ("He was embarrassed about it.", ["embarrassed about"]),
                        ("Problems are non-existent.", ["are non-existent"]),
                        ("She felt conscious about it.", []),
                        ("Welcome, under-18s.", ["under-18s"])]:
        block = checker.nlp(text)
        words = frozenset(t.lower_ for t in block) | frozenset(t.lemma_.lower() for t in block)
        assert [span.text for span in patterns(block, words)] == found


def test_claim_patterns_match_exactly_what_one_matcher_holding_them_all_matches(checker, corpus):
    claims = [rule for rule in checker.checked if rule.checker.name == "claim"]
    assert len(claims) > 10
    found = 0
    for rule in claims:
        for patterns in (rule.checker.options.patterns, rule.checker.options.allow):
            if not patterns:
                continue
            indexed = TokenPatterns(patterns, checker.nlp.vocab, checker.context.phrases)
            plain = _one_matcher(patterns, checker.nlp.vocab, checker.context.phrases)
            for parsed in corpus:
                words = parsed.get(block_words)
                for index, block in enumerate(parsed.docs):
                    expected = sorted((start, end) for _, start, end in plain(block))
                    assert sorted((span.start, span.end) for span in indexed(block, words[index])) == expected
                    found += len(expected)
    assert found > 50  # the corpus holds claims: the comparison is not between two empty lists


class _Watched(Sequence):
    """A document's Docs, noting which blocks' Docs were asked for."""

    def __init__(self, docs) -> None:
        self.docs, self.opened = docs, set()

    def __len__(self) -> int:
        return len(self.docs)

    def __getitem__(self, index):
        self.opened.add(index)
        return self.docs[index]


def test_claim_rules_open_only_the_docs_of_blocks_holding_their_words(checker, corpus):
    claims = [rule for rule in checker.checked if rule.checker.name == "claim"]
    blocks = opened = 0
    for parsed in corpus:
        words = parsed.get(block_words)
        for rule in claims:
            expected = list(rule.checker.check(parsed, checker.context))  # analyses computed, and kept for the next
            watched = _Watched(parsed.docs)
            assert list(rule.checker.check(ParsedDocument(parsed.document, watched, parsed.context, parsed._results),
                                           checker.context)) == expected
            options = rule.checker.options
            patterns = TokenPatterns(options.patterns + options.denied, checker.nlp.vocab, checker.context.phrases)
            can_match = {index for index in range(len(parsed.docs)) if patterns.candidates(words[index])}
            # A claim's source may stand in the next block's first sentence: that Doc is read too.
            assert watched.opened - can_match <= {index + 1 for index in can_match}
            blocks += len(parsed.docs)
            opened += len(watched.opened)
    assert opened < blocks / 4  # most blocks hold none of a rule's words: their Docs are never made


def test_block_procedure_mentions_are_the_articles_mentions_of_each_block(corpus):
    total = 0
    for parsed in corpus:
        mentions = parsed.get(procedure_mentions)
        by_block = parsed.get(block_procedure_mentions)
        for index in range(len(parsed.docs)):
            assert by_block.get(index, []) == [mention for mention in mentions if mention.block == index]
        assert sum(len(each) for each in by_block.values()) == len(mentions)
        total += len(mentions)
    assert total > 20


def test_claim_context_lists_find_what_one_bounded_pattern_a_term_finds(corpus):
    text = " ".join(block.text for parsed in corpus for block in parsed.document.blocks).lower()
    text += " non-ablative laser, £150 #botox fillers-only sub-ablative"  # hyphens and symbols at term edges
    found = 0
    for name, terms in load_data("claim-context.yaml").items():
        plain = re.compile("|".join(
            (r"(?<![\w-])" if re.match(r"\w", term) else "") + re.escape(term.lower())
            + (r"(?![\w-])" if re.search(r"\w$", term) else "") for term in sorted(terms, key=len, reverse=True)))
        expected = [match.span() for match in plain.finditer(text)]
        assert [match.span() for match in _context_lists()[name].finditer(text)] == expected, name
        found += len(expected)
    assert found > 100


def test_a_pattern_naming_no_required_word_runs_on_every_block(checker):
    doc = checker.nlp("Results are visible within days.")
    patterns = [[{"POS": "ADJ"}], [{"LOWER": "results", "OP": "?"}, {"LEMMA": "be"}]]
    assert required_words(patterns[0]) == () and required_words(patterns[1]) == (frozenset({"be"}),)
    indexed = TokenPatterns(patterns, checker.nlp.vocab, checker.context.phrases)
    assert [span.text for span in indexed(doc, frozenset())] == ["visible"]  # no word set names "visible"


def test_a_pattern_whose_second_required_word_is_absent_is_not_run(checker):
    doc = checker.nlp("Completely painless treatment.")
    indexed = TokenPatterns(["completely painless", "completely safe"], checker.nlp.vocab, checker.context.phrases)
    words = frozenset(token.lower_ for token in doc)
    assert [span.text for span in indexed(doc, words)] == ["Completely painless"]
    # "completely safe" lacked "safe": never compiled, never run
    assert list(indexed._matchers) == [(0,)] and indexed._validated == {0}


def test_patterns_run_together_give_each_pattern_s_matches_in_its_own_order(checker):
    doc = checker.nlp("Painless and safe, completely painless, completely safe and painless.")
    patterns = ["painless", "completely painless", "safe"]
    indexed = TokenPatterns(patterns, checker.nlp.vocab, checker.context.phrases)
    alone = [(span.start, span.end) for pattern in patterns
             for span in TokenPatterns([pattern], checker.nlp.vocab, checker.context.phrases)(
                 doc, frozenset(token.lower_ for token in doc))]
    together = [(span.start, span.end) for span in indexed(doc, frozenset(token.lower_ for token in doc))]
    assert together == alone and len(alone) == 6


def test_merged_procedure_names_find_what_each_procedure_finds_alone(corpus):
    merged, _ = _procedure_names()
    table = procedure_table().procedures
    compared = 0
    for parsed in corpus:
        keys = parsed.get(pattern_keys)
        for index, doc in enumerate(parsed.docs):
            for sentence in doc.sents:
                alone = sorted((hit.span.start, hit.span.end, pid) for pid, spec in table.items()
                               for hit in spec.names.hits(sentence))
                together = sorted((hit.span.start, hit.span.end, hit.label) for hit in merged.hits(sentence, keys[index]))
                assert together == alone
                compared += len(alone)
    assert compared > 50


def test_pattern_keys_given_or_computed_give_the_same_hits(checker):
    doc = checker.nlp("Three sessions of micro-needling, then laser sessions.")
    patterns = PatternSet(["#num sessions", "micro-needling", "laser ...2 session"])
    keys = [frozenset((token.lower_, token.lemma_.lower())) for token in doc]
    for span in (doc[:], doc[2:]):
        assert [(h.span.text, h.pattern.text) for h in patterns.hits(span, keys)] == [
            (h.span.text, h.pattern.text) for h in patterns.hits(span)]


def test_tokens_of_one_form_share_one_key_set(corpus):
    parsed = corpus[0]
    for analysis, form in ((token_keys, lambda t: (t.lower_, t.norm_, t.lemma_, t.pos_)),
                           (pattern_keys, lambda t: (t.lower_, t.lemma_))):
        objects: dict = {}
        blocks = parsed.get(analysis)
        tokens = 0
        for doc, keys in zip(parsed.docs, blocks):
            for token, each in zip(doc, keys):
                assert objects.setdefault(form(token), each) is each
                tokens += 1
        assert len(objects) < tokens / 2  # an article repeats its words: far fewer sets than tokens
