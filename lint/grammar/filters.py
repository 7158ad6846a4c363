"""What grammar checkers report that cliniclint keeps quiet about.

- Misspellings of words the domain uses correctly: procedure, ingredient,
  device and anatomy names general dictionaries lack ("microneedling",
  "isotretinoin"), from ``rules/data/grammar-vocabulary.txt``, plus the
  project's configured ``vocabulary``.

(Matches on text a spin finding covers are dropped in post-processing, which sees
every family's findings.)
"""

from __future__ import annotations

import functools
import re

from ..data import load_data
from .client import Issue

SPELLING_CATEGORIES = frozenset({"TYPOS", "Spelling"})  # LanguageTool's category, Harper's lint kind
SPELLING_ISSUE_TYPES = frozenset({"misspelling"})
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


@functools.cache
def word_set(name: str) -> frozenset[str]:
    """A word list of ``rules/data/``, lower-cased."""
    return frozenset(word.lower() for word in load_data(name))


def domain_words() -> frozenset[str]:
    """The shipped domain vocabulary, lower-cased."""
    return word_set("grammar-vocabulary.txt")


@functools.cache
def accepted_words(configured: frozenset[str]) -> frozenset[str]:
    """Domain words plus the project's own ``vocabulary``, lower-cased."""
    return domain_words() | {word.lower() for word in configured}


def is_spelling(issue: Issue) -> bool:
    return issue.category in SPELLING_CATEGORIES or issue.issue_type in SPELLING_ISSUE_TYPES


def is_accepted_spelling(issue: Issue, flagged: str, accepted: frozenset[str]) -> bool:
    """A spelling match whose whole flagged text (possessive aside) is an accepted word or phrase."""
    if not is_spelling(issue):
        return False
    word = _POSSESSIVE.sub("", flagged.strip()).lower()
    return word in accepted
