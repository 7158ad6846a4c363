"""``rules/data/harper.yaml`` read and checked: which Harper rules run, and what they stay quiet about.

The curation is an allow-list: a Harper rule runs only if it is listed, with
the measurement that put it there (``why``), optionally a lower severity than
the cliniclint rule it routes to, and ``skip`` patterns for the contexts where
it is known to be wrong. A skip pattern is a regular expression searched in the
hit's context written ``before[[flagged]]after`` (up to :data:`CONTEXT`
characters either side), so ``'\\d\\[\\[A\\]\\]'`` skips an "A" that follows a
digit ("type 2A").
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from ..data import load_data
from .client import BackendError

CONTEXT = 40  # characters of context a skip pattern sees on either side of the flagged text
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, alias_generator=lambda name: name.replace("_", "-"),
                              populate_by_name=True)


class Skip(_Model):
    pattern: re.Pattern
    reason: Text


class Allowed(_Model):
    why: Text  # the measurement that earned the rule its place
    severity: Literal["info", "warning", "error"] | None = None  # None: the routed cliniclint rule's
    skip: tuple[Skip, ...] = ()

    def skips(self, text: str, start: int, end: int) -> bool:
        """Whether one of the skip patterns matches this hit's context."""
        if not self.skip:
            return False
        window = f"{text[max(0, start - CONTEXT):start]}[[{text[start:end]}]]{text[end:end + CONTEXT]}"
        return any(item.pattern.search(window) for item in self.skip)


class Spelling(_Model):
    rules: frozenset[str] = frozenset()  # the Harper rules that report unknown words
    dictionaries: tuple[str, ...] = ()  # word lists in rules/data/ for Harper's user dictionary
    other_dialects: bool = False  # a word another English dialect spells so is not a misspelling
    names_mid_sentence: bool = False  # an unknown capitalised word inside a sentence is a name
    names_before_capitals: bool = False  # ... and so is one followed by a capitalised word, even at a start
    not_misspellings: tuple[Skip, ...] = ()  # patterns a whole flagged word is accepted by


class Curation(_Model):
    dialects: dict[str, str] = Field(min_length=1)  # `language` setting -> Harper dialect
    spelling: Spelling = Spelling()
    rules: dict[str, Allowed] = Field(min_length=1)  # the allow-list: Harper rule -> why it runs

    @classmethod
    def load(cls, name: str = "harper.yaml") -> Curation:
        try:
            return cls.model_validate(load_data(name) or {})
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "top level"
            raise BackendError(f"Harper: rules/data/{name}: {where}: {first['msg']}") from None

    def dialect(self, language: str) -> str:
        if language not in self.dialects:
            raise BackendError(f"Harper: does not know language {language!r} "
                               f"(it knows {', '.join(sorted(self.dialects))})")
        return self.dialects[language]
