"""Rule packs: YAML files of rules, validated on load.

A pack is a mapping with a ``rules`` list (and optionally a default ``family``).
Every rule has the common fields below plus the fields of its kind; any
mistake is reported with the pack file, the rule and the field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .finding import SEVERITIES
from .kinds import KINDS, RuleKind, load_builtin_kinds

# "meta" holds findings about cliniclint's own directives (unused suppressions).
FAMILIES = ("spin", "spam", "claim", "caveat", "grammar", "meta")
COMMON_FIELDS = {"code", "name", "family", "kind", "severity", "message", "docs", "examples"}
_CODE = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
EXAMPLE_MARK = re.compile(r"\[\[(.+?)\]\]")


class RulePackError(Exception):
    """A malformed rule pack; the message names the file, rule and field."""


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
    examples = _examples(pack, where, data.get("examples", {}))
    rule = Rule(
        data["code"], data["name"], data["family"], data["kind"], data["severity"],
        data["message"].strip(), data["docs"].strip(), examples, pack,
    )
    try:
        checker = kind(rule, {key: data[key] for key in kind.fields if key in data})
    except (ValueError, TypeError, KeyError) as error:
        raise _fail(pack, where, str(error)) from None
    object.__setattr__(rule, "checker", checker)
    return rule


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
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise RulePackError(f"{name}: cannot read: {error.strerror or error}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise RulePackError(f"{name}: not valid YAML: {str(error).splitlines()[0]}") from None
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
    """Whether a select/ignore entry (a code, a code prefix, a rule name or a family) names ``rule``."""
    return (
        selector == rule.family
        or selector == rule.name
        or (selector.isupper() or selector[:1].isupper()) and rule.code.startswith(selector.upper())
    )
