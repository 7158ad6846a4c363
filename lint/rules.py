"""Rule packs: YAML files of rules, validated on load.

A pack is a mapping with a ``rules`` list (and optionally a default ``family``).
Every rule has the common fields below plus the fields of its kind; any
mistake is reported with the pack file, the rule and the field.
"""

from __future__ import annotations

import difflib
import re
import string
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .data import DataFileError, read_file
from .finding import SEVERITIES
from .kinds import KINDS, RuleKind, load_builtin_kinds

# "meta" holds findings about cliniclint's own directives (unused suppressions).
FAMILIES = ("spin", "spam", "claim", "caveat", "grammar", "meta")
COMMON_FIELDS = {"code", "name", "family", "kind", "severity", "message", "docs", "examples"}
_CODE = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
EXAMPLE_MARK = re.compile(r"\[\[(.+?)\]\]")
# A selector that can be a code or a code prefix ("SP101", "sp1", "CL"); matched case-insensitively.
_CODE_PREFIX = re.compile(r"^[A-Za-z]{2,4}[0-9]{0,3}$")
# What a message template may name: the matched text, the first suggestion, and the
# details kinds attach to matches. Anything else (positional fields, attribute or
# index lookups, format specs that pad to any width) is refused when the pack loads.
MESSAGE_FIELDS = frozenset({
    "text", "suggestion", "category", "procedure", "procedure_name", "concept", "gap", "hedged", "how",
    "source_rule", "explanation",
})


class RulePackError(Exception):
    """A malformed rule pack; the message names the file, rule and field."""


class RuleWarning(UserWarning):
    """A rule that loads but deserves its author's attention (e.g. a regex that re2 cannot run)."""


@dataclass(frozen=True)
class Examples:
    """Texts a rule must flag (the expected spans marked ``[[like this]]``) and must not flag."""

    bad: tuple[str, ...] = ()
    good: tuple[str, ...] = ()


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
    checker: RuleKind = field(repr=False, default=None)  # type: ignore[assignment]


def builtin_pack_paths() -> list[Path]:
    folder = resources.files("cliniclint") / "rules"
    return sorted(Path(str(path)) for path in folder.iterdir() if path.name.endswith((".yaml", ".yml")))


def _fail(pack: str, where: str, problem: str) -> RulePackError:
    return RulePackError(f"{pack}: {where}: {problem}")


def _rule(pack: str, index: int, raw: Any, default_family: str | None) -> Rule:
    where = f"rule #{index + 1}"
    if not isinstance(raw, dict):
        raise _fail(pack, where, "must be a mapping of fields")
    if isinstance(raw.get("code"), str):
        where = f"rule {raw['code']}"
    data = dict(raw)
    data.setdefault("family", default_family)
    for name in ("code", "name", "family", "kind", "severity", "message", "docs"):
        if not isinstance(data.get(name), str) or not data[name].strip():
            raise _fail(pack, where, f"field '{name}' is required and must be text")
    if not _CODE.match(data["code"]):
        raise _fail(pack, where, f"field 'code': {data['code']!r} is not like SP101")
    if not _NAME.match(data["name"]):
        raise _fail(pack, where, f"field 'name': {data['name']!r} is not kebab-case")
    if data["family"] not in FAMILIES:
        raise _fail(pack, where, f"field 'family': {data['family']!r} is not one of {', '.join(FAMILIES)}")
    if data["severity"] not in SEVERITIES:
        raise _fail(pack, where, f"field 'severity': {data['severity']!r} is not one of {', '.join(SEVERITIES)}")
    kind = KINDS.get(data["kind"])
    if kind is None:
        raise _fail(pack, where, f"field 'kind': unknown kind {data['kind']!r} (known: {', '.join(sorted(KINDS))})")
    unknown = set(data) - COMMON_FIELDS - set(kind.fields)
    if unknown:
        raise _fail(pack, where, f"unknown field '{sorted(unknown)[0]}' for kind {kind.name}")
    missing = kind.required - set(data)
    if missing:
        raise _fail(pack, where, f"field '{sorted(missing)[0]}' is required by kind {kind.name}")
    _check_message(pack, where, data["message"])
    examples = _examples(pack, where, data.get("examples", {}))
    rule = Rule(
        data["code"], data["name"], data["family"], data["kind"], data["severity"],
        data["message"].strip(), data["docs"].strip(), examples, pack,
    )
    with warnings.catch_warnings(record=True) as raised:
        warnings.simplefilter("always", RuleWarning)
        try:
            checker = kind(rule, {key: data[key] for key in kind.fields if key in data})
        except (ValueError, TypeError, KeyError) as error:
            raise _fail(pack, where, str(error)) from None
    for warning in raised:  # say which pack and rule, then pass them on
        warnings.warn(RuleWarning(f"{pack}: {where}: {warning.message}"), stacklevel=2)
    object.__setattr__(rule, "checker", checker)
    return rule


def _check_message(pack: str, where: str, template: str) -> None:
    """Refuse message templates that would fail or blow up when a finding is made."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as error:
        raise _fail(pack, where, f"field 'message': {error} (write {{{{ and }}}} for literal braces)") from None
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in MESSAGE_FIELDS:
            raise _fail(pack, where, f"field 'message': unknown field {{{name}}} "
                                     f"(known: {', '.join(sorted(MESSAGE_FIELDS))})")
        if spec or conversion not in (None, "s", "r"):
            raise _fail(pack, where, f"field 'message': {{{name}}} takes no format spec or conversion")


def _examples(pack: str, where: str, raw: Any) -> Examples:
    if not isinstance(raw, dict) or set(raw) - {"bad", "good"}:
        raise _fail(pack, where, "field 'examples' must be a mapping with 'bad' and/or 'good' lists")
    lists = {}
    for key in ("bad", "good"):
        items = raw.get(key, [])
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise _fail(pack, where, f"field 'examples.{key}' must be a list of texts")
        lists[key] = tuple(items)
    for text in lists["bad"]:
        if not EXAMPLE_MARK.search(text):
            raise _fail(pack, where, f"bad example {text[:50]!r} marks no [[expected span]]")
    return Examples(**lists)


def load_pack(path: Path) -> list[Rule]:
    name = str(path)
    try:
        raw = read_file(path)
    except DataFileError as error:
        raise RulePackError(f"{name}: {error}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("rules"), list):
        raise RulePackError(f"{name}: a rule pack is a mapping with a 'rules' list")
    unknown = set(raw) - {"rules", "family", "description"}
    if unknown:
        raise RulePackError(f"{name}: unknown top-level key '{sorted(unknown)[0]}'")
    return [_rule(name, index, item, raw.get("family")) for index, item in enumerate(raw["rules"])]


def load_rules(extra_packs: Iterable[str | Path] = ()) -> list[Rule]:
    """The built-in rules followed by those of the user's packs; codes must be unique."""
    load_builtin_kinds()
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in [*builtin_pack_paths(), *map(Path, extra_packs)]:
        for rule in load_pack(path):
            if rule.code in seen:
                raise RulePackError(f"{rule.pack}: rule {rule.code}: code already used in {seen[rule.code]}")
            if rule.name in seen:
                raise RulePackError(f"{rule.pack}: rule {rule.code}: name '{rule.name}' already used in {seen[rule.name]}")
            seen[rule.code] = seen[rule.name] = rule.pack
            rules.append(rule)
    return rules


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
