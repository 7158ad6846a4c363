"""Rule packs: YAML files of rules, validated on load.

A pack is a mapping with a ``rules`` list (and optionally a default ``family``
and a ``description``). Every rule has the common fields of :class:`RuleFields`
plus the fields of its kind (the kind's ``Options``); any mistake is reported
with the pack file, the rule and the field. Data files a rule names are read
from the ``data/`` folder beside its pack.
"""

from __future__ import annotations

import difflib
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from . import compiled
from .data import DATA_FOLDER, DataFileError, builtin_rules_folder, parse_file, read_bytes
from .digest import folder_digest
from .finding import SEVERITIES
from .kinds import Kind, known_kinds
from .options import KindOptions, PackContext, RuleWarning, message_fields

if TYPE_CHECKING:
    from .config import Config

# "meta" holds findings about cliniclint's own directives (unused suppressions).
FAMILIES = ("spin", "spam", "claim", "caveat", "grammar", "meta")
EXAMPLE_MARK = re.compile(r"\[\[(.+?)\]\]")
# A selector that can be a code or a code prefix ("SP101", "sp1", "CL"); matched case-insensitively.
_CODE_PREFIX = re.compile(r"^[A-Za-z]{2,4}[0-9]{0,3}$")
# Every message may name the text found and the first suggestion.
COMMON_MESSAGE_FIELDS = frozenset({"text", "suggestion"})


class RulePackError(Exception):
    """A malformed rule pack; the message names the file, rule and field."""


class BadExample(BaseModel):
    """A text the rule must flag, with each expected span marked ``[[like this]]``; ``fixed``: the text after --fix."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    fixed: str | None = None

    @field_validator("text")
    @classmethod
    def _marked(cls, text: str) -> str:
        if not EXAMPLE_MARK.search(text):
            raise ValueError(f"bad example {text[:50]!r} marks no [[expected span]]")
        return text


class Examples(BaseModel):
    """Texts a rule must flag and texts it must not flag; they run as tests."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["text", "markdown", "html"] = "text"  # how the examples are read
    select: tuple[str, ...] = ()  # rules selected beside this one when they run (MT101 judges SP101's comments)
    bad: tuple[BadExample, ...] = ()
    good: tuple[str, ...] = ()

    @field_validator("bad", mode="before", json_schema_input_type=list[str | BadExample])
    @classmethod
    def _plain_texts(cls, items):
        return [{"text": item} if isinstance(item, str) else item for item in items or ()]


class RuleFields(BaseModel):
    """The fields every rule has, whatever its kind."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^[A-Z]{2,4}[0-9]{3}$", description="stable code, like SP101")
    name: str = Field(pattern=r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$", description="kebab-case name")
    family: Literal[FAMILIES] = Field(description="the rule family")  # type: ignore[valid-type]
    kind: str = Field(description="the rule kind: the Python that runs it")
    severity: Literal[SEVERITIES] = Field(description="info, warning or error")  # type: ignore[valid-type]
    message: str = Field(min_length=1, description="the message template: {text}, {suggestion} and the kind's fields")
    docs: str = Field(min_length=1, description="why it matters and what to write instead, citing the principle")
    examples: Examples = Field(default_factory=Examples, description="bad (marked) and good texts, run as tests")


@dataclass(frozen=True, eq=False)
class Rule:
    code: str
    name: str
    family: str
    kind: str
    severity: str
    message: str
    docs: str
    examples: Examples
    pack: str
    checker: Kind = field(repr=False, default=None)  # type: ignore[assignment]

    @property
    def options(self):
        return self.checker.options


def builtin_pack_paths() -> list[Path]:
    folder = builtin_rules_folder()
    return sorted(path for path in folder.iterdir() if path.suffix in (".yaml", ".yml"))


def _fail(pack: str, where: str, problem: str) -> RulePackError:
    return RulePackError(f"{pack}: {where}: {problem}")


def _problem(error: ValidationError) -> str:
    """The first validation error as "field 'a.b': what is wrong"."""
    first = error.errors(include_url=False)[0]
    location = ".".join(str(part) for part in first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    return f"field '{location}': {message}" if location else message


def _fields(pack: Path, index: int, raw: Any, default_family: str | None,
            message_fields_of: dict[str, frozenset[str]]) -> tuple[Rule, dict, str]:
    """The rule's common fields, checked (its kind must be known and its message fill only known fields):
    the rule without a checker, the raw fields, and where it is for messages."""
    name = str(pack)
    where = f"rule #{index + 1}"
    if not isinstance(raw, dict):
        raise _fail(name, where, "must be a mapping of fields")
    if isinstance(raw.get("code"), str):
        where = f"rule {raw['code']}"
    data = {"family": default_family, **raw}
    common = {key: data[key] for key in RuleFields.model_fields if key in data}
    try:
        fields = RuleFields.model_validate(common)
    except ValidationError as error:
        raise _fail(name, where, _problem(error)) from None
    if fields.kind not in message_fields_of:
        known = sorted(message_fields_of)
        raise _fail(name, where, f"field 'kind': unknown kind {fields.kind!r}{nearest(fields.kind, known)} "
                                 f"(known: {', '.join(known)})")
    try:
        message_fields(fields.message, COMMON_MESSAGE_FIELDS | message_fields_of[fields.kind])
    except ValueError as error:
        raise _fail(name, where, f"field 'message': {error}") from None
    rule = Rule(fields.code, fields.name, fields.family, fields.kind, fields.severity,
                fields.message.strip(), fields.docs.strip(), fields.examples, name)
    return rule, data, where


def _validated(pack: Path, index: int, raw: Any, default_family: str | None,
               kinds: dict[str, type[Kind]]) -> tuple[Rule, KindOptions, list[str]]:
    """The rule (without a checker), its kind's options, validated, and the warnings validating them raised."""
    rule, data, where = _fields(pack, index, raw, default_family,
                                {name: kind.message_fields for name, kind in kinds.items()})
    with warnings.catch_warnings(record=True) as raised:
        warnings.simplefilter("always", RuleWarning)
        try:
            options = kinds[rule.kind].Options.model_validate(
                {k: v for k, v in data.items() if k not in RuleFields.model_fields}, context=PackContext(pack.parent))
        except ValidationError as error:
            raise _fail(str(pack), where, _problem(error)) from None
    return rule, options, [f"{pack}: {where}: {warning.message}" for warning in raised]


def _checked(rule: Rule, options: KindOptions, kinds: dict[str, type[Kind]]) -> Rule:
    """``rule`` with the checker its kind builds from ``options``."""
    where = f"rule {rule.code}"
    with warnings.catch_warnings(record=True) as raised:
        warnings.simplefilter("always", RuleWarning)
        try:
            checker = kinds[rule.kind](rule, options)
        except ValidationError as error:
            raise _fail(rule.pack, where, _problem(error)) from None
    for warning in raised:  # say which pack and rule, then pass them on
        warnings.warn(RuleWarning(f"{rule.pack}: {where}: {warning.message}"), stacklevel=3)
    object.__setattr__(rule, "checker", checker)
    return rule


# A "#" after a space on a line that has content before it: in YAML it starts a comment, even in a flow list.
_COMMENT_TRAP = re.compile(r"\S[ \t]+#\S")
_COMMENT_START = re.compile(r"(?:^|(?<=[ \t]))#")
_SCANNER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where PyYAML has it


def comment_traps(text: str) -> list[int]:
    """The 1-based lines of ``text`` (YAML) on which an unquoted " #word" starts a comment and so cuts the
    value before it short: "- up to #num %" loads as "up to", "- #botox" as nothing. A comment that
    starts with a space ("- painless   # the adjective") is a comment as meant."""
    candidates = [number for number, line in enumerate(text.splitlines(), 1) if _COMMENT_TRAP.search(line)]
    if not candidates:
        return []  # the usual case, decided without scanning the YAML
    try:
        scalars = [(token.start_mark, token.end_mark) for token in yaml.scan(text, Loader=_SCANNER)
                   if isinstance(token, yaml.ScalarToken)]
    except yaml.YAMLError:
        return []  # the parser reports it
    lines = text.splitlines()
    traps = []
    for number in candidates:
        line = lines[number - 1]
        inside = [(start.column if start.line == number - 1 else 0, end.column if end.line == number - 1 else len(line))
                  for start, end in scalars if start.line <= number - 1 <= end.line]
        comment = next((m.start() for m in _COMMENT_START.finditer(line)
                        if not any(low <= m.start() < high for low, high in inside)), None)
        if comment is not None and line[:comment].strip() and line[comment + 1:comment + 2].strip():
            traps.append(number)
    return traps


def _pack_rules(path: Path, data: bytes | None = None) -> tuple[list, str | None]:
    """The raw rule entries of the pack at ``path`` (holding ``data``, or read now) and its default family."""
    name = str(path)
    try:
        data = read_bytes(path) if data is None else data
        raw = parse_file(data, path)
    except DataFileError as error:
        raise RulePackError(f"{name}: {error}") from None
    traps = comment_traps(data.decode("utf-8"))
    if traps:
        raise RulePackError(f"{name}:{traps[0]}: an unquoted ' #' starts a YAML comment and cuts the value "
                            "before it short; quote the value ('up to #num %')")
    if not isinstance(raw, dict) or not isinstance(raw.get("rules"), list):
        raise RulePackError(f"{name}: a rule pack is a mapping with a 'rules' list")
    unknown = set(raw) - {"rules", "family", "description"}
    if unknown:
        raise RulePackError(f"{name}: unknown top-level key '{sorted(unknown)[0]}'")
    return raw["rules"], raw.get("family")


def load_pack(path: Path, kinds: dict[str, type[Kind]] | None = None, data_digest: str | None = None) -> list[Rule]:
    """The rules of the pack at ``path`` (``kinds``: the registered kinds, looked up once per load).

    With a compiled-pack folder (:mod:`.compiled`), a pack validated before with the same bytes, data
    files (``data_digest``: of every file its options may read; computed here when not given) and code
    is read back validated; the warnings validating it raised are raised again.
    """
    kinds = kinds if kinds is not None else known_kinds()
    try:
        data = read_bytes(path)
    except DataFileError as error:
        raise RulePackError(f"{path}: {error}") from None

    def validate() -> list[tuple[Rule, KindOptions, list[str]]]:
        entries, family = _pack_rules(path, data)
        return [_validated(path, index, item, family, kinds) for index, item in enumerate(entries)]

    if compiled.folder() is None:
        validated = validate()
    else:
        digest = data_digest if data_digest is not None else pack_data_digest([path])
        kind_names = " ".join(f"{name}={kind.__module__}.{kind.__qualname__}" for name, kind in sorted(kinds.items()))
        parts = (str(path.resolve()).encode("utf-8", "surrogateescape"), data, digest.encode(), kind_names.encode())
        validated = compiled.kept("pack", parts, validate)
    rules = []
    for rule, options, raised in validated:
        for message in raised:
            warnings.warn(RuleWarning(message), stacklevel=2)
        rules.append(_checked(rule, options, kinds))
    return rules


def pack_data_digest(packs: Iterable[Path]) -> str:
    """A digest of every data file the options of ``packs`` may read: their ``data/`` folders and the built-in one."""
    folders = sorted({path.parent / DATA_FOLDER for path in packs} | {builtin_rules_folder() / DATA_FOLDER})
    return "/".join(folder_digest(folder) for folder in folders)


def _unique(rules: list[Rule]) -> list[Rule]:
    """``rules``, once every code and name is known to be used by one rule only."""
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.code in seen:
            raise RulePackError(f"{rule.pack}: rule {rule.code}: code already used in {seen[rule.code]}")
        if rule.name in seen:
            raise RulePackError(f"{rule.pack}: rule {rule.code}: name '{rule.name}' already used in {seen[rule.name]}")
        seen[rule.code] = seen[rule.name] = rule.pack
    return rules


def _pack_paths(extra_packs: Iterable[str | Path]) -> list[Path]:
    return [*builtin_pack_paths(), *map(Path, extra_packs)]


def load_rules(extra_packs: Iterable[str | Path] = ()) -> list[Rule]:
    """The built-in rules followed by those of the user's packs, compiled for checking text.

    Codes and names must be unique; every kind's own fields are validated and its checker built.
    """
    kinds = known_kinds()
    paths = _pack_paths(extra_packs)
    digest = pack_data_digest(paths) if compiled.folder() is not None else None
    rules = _unique([rule for path in paths for rule in load_pack(path, kinds, digest)])
    for kind in sorted({type(rule.checker) for rule in rules}, key=lambda kind: kind.name):
        try:
            kind.prepare([rule for rule in rules if type(rule.checker) is kind])
        except ValueError as error:
            raise RulePackError(f"rules of kind {kind.name}: {error}") from None
    return rules


def read_rules(extra_packs: Iterable[str | Path], message_fields_of: dict[str, frozenset[str]]) -> list[Rule]:
    """The rules as their packs state them, for listing and documenting them: nothing is compiled.

    The common fields, the kind's name (a key of ``message_fields_of``, each kind's message fields),
    the message's placeholders and unique codes and names are checked; a kind's own fields are
    checked when the rules are compiled for a run (:func:`load_rules`). The rules have no checker.
    """
    rules = []
    for path in _pack_paths(extra_packs):
        entries, family = _pack_rules(path)
        rules.extend(_fields(path, index, item, family, message_fields_of)[0] for index, item in enumerate(entries))
    return _unique(rules)


def selects(selector: str, rule: Rule) -> bool:
    """Whether a select/ignore entry (a code, a code prefix, a rule name or a family) names ``rule``.

    Case does not matter: ``cl101``, ``Spin`` and ``SPUN-PHRASE`` name rules too.
    """
    key = selector.lower()
    return (
        key == rule.family
        or key == rule.name
        or _CODE_PREFIX.match(selector) is not None and rule.code.startswith(selector.upper())
    )


def selected(rules: Iterable[Rule], config: Config) -> list[Rule]:
    """The rules ``select`` and ``ignore`` leave."""
    return [
        rule for rule in rules
        if (not config.select or any(selects(s, rule) for s in config.select))
        and not any(selects(s, rule) for s in config.ignore)
    ]


def nearest(value: str, known: Sequence[str]) -> str:
    """`` (did you mean 'x'?)`` for the known value closest to ``value`` in any case, or nothing."""
    lowered = {item.lower(): item for item in known}
    close = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=0.6)
    return f" (did you mean '{lowered[close[0]]}'?)" if close else ""


def canonical_name(name: str, rules: Sequence[Rule]) -> str | None:
    """The code, rule name or family ``name`` spells in any case, or None."""
    key = name.lower()
    for rule in rules:
        for known in (rule.code, rule.name, rule.family):
            if key == known.lower():
                return known
    return None


def unknown_selector(selector: str, rules: Sequence[Rule], prefixes: bool = True) -> str | None:
    """Why ``selector`` names no rule, with the nearest known name; None when it names one."""
    if prefixes and any(selects(selector, rule) for rule in rules):
        return None
    known = [*FAMILIES, *(rule.name for rule in rules), *(rule.code for rule in rules)]
    what = "a code, code prefix, rule name or family" if prefixes else "a code, rule name or family"
    return f"{selector!r} is not {what}{nearest(selector, known)} (see 'cliniclint rules')"
