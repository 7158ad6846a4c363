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

import io
import json
import re
import zipfile
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from ..data import load_data
from .client import BackendError

CONTEXT = 40  # characters of context a skip pattern sees on either side of the flagged text
# Harper requires these fields of a Weirpack's manifest.json.
WEIRPACK_MANIFEST = {"author": "cliniclint", "version": "1.0.0", "license": "MIT",
                     "description": "cliniclint's own grammar rules (rules/data/harper.yaml: weir)"}
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
    require: tuple[Skip, ...] = ()  # the contexts the rule is right in; a hit in none of them is dropped

    def skips(self, text: str, start: int, end: int) -> bool:
        """Whether a skip pattern matches this hit's context, or a required one does not."""
        if not self.skip and not self.require:
            return False
        window = f"{text[max(0, start - CONTEXT):start]}[[{text[start:end]}]]{text[end:end + CONTEXT]}"
        if self.require and not any(item.pattern.search(window) for item in self.require):
            return True
        return any(item.pattern.search(window) for item in self.skip)


class Inflection(_Model):
    """A word ending in ``ending`` is the known word that ends in ``stem`` instead ("mucosae" <- "mucosa")."""

    ending: Text
    stem: str = ""
    reason: Text


class FarWords(_Model):
    """Unknown words decided without Harper's search for near spellings: see ``far-words`` in harper.yaml."""

    rule: Text  # the Harper rule that reports unknown words and searches for them
    message: Text  # what the rule says of an unknown word it knows nothing near; {word} is the word


class Spelling(_Model):
    rules: frozenset[str] = frozenset()  # the Harper rules that report unknown words
    dictionaries: tuple[str, ...] = ()  # word lists in rules/data/ for Harper's user dictionary
    other_dialects: bool = False  # a word another English dialect spells so is not a misspelling
    names_mid_sentence: bool = False  # an unknown capitalised word inside a sentence is a name
    names_before_capitals: bool = False  # ... and so is one followed by a capitalised word, even at a start
    # ... and so is one followed by one of these words ("Noonan syndrome", "Crohn disease"), lower-cased.
    name_heads: frozenset[str] = frozenset()
    not_misspellings: tuple[Skip, ...] = ()  # patterns a whole flagged word is accepted by
    inflections: tuple[Inflection, ...] = ()  # regular inflections of a known word that Harper does not derive
    # An unknown word spelt so (case aside) this many times in one document is its term, not a typo.
    repeated_term: int | None = Field(None, ge=2)
    # ... unless Harper suggests a word of this list (a data file in rules/data/) one edit away: a repeated
    # "recieve" is still "receive" misspelt.
    repeated_near_common: str | None = None
    # A hit with no suggestion this many edits away is information, not a warning (None: always a warning).
    warn_within_edits: int | None = Field(None, ge=1)
    far_words: FarWords | None = None


class Curation(_Model):
    dialects: dict[str, str] = Field(min_length=1)  # `language` setting -> Harper dialect
    spelling: Spelling = Spelling()
    weir: dict[str, Text] = {}  # rules of cliniclint's own in Harper's rule language: name -> source
    rules: dict[str, Allowed] = Field(min_length=1)  # the allow-list: Harper rule -> why it runs

    def weirpack(self) -> bytes:
        """The ``weir`` rules as the Weirpack (a zip) Harper loads; empty when there are none."""
        if not self.weir:
            return b""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as pack:
            members = {"manifest.json": json.dumps(WEIRPACK_MANIFEST),
                       **{f"{name}.weir": source + "\n" for name, source in sorted(self.weir.items())}}
            for member, content in members.items():  # a fixed date: the same rules make the same bytes
                pack.writestr(zipfile.ZipInfo(member, date_time=(1980, 1, 1, 0, 0, 0)), content)
        return buffer.getvalue()

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
