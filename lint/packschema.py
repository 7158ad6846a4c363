"""The JSON schema of rule packs, made from the same models that validate them.

Every rule is the common fields (:class:`~cliniclint.lint.rules.RuleFields`)
plus its kind's ``Options``; the schema has one variant per registered kind,
chosen by ``kind``. ``cliniclint schema`` prints it for editors (YAML language
servers read it) and pack authors.
"""

from __future__ import annotations

from .kinds import known_kinds
from .rules import RuleFields

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _merge_definitions(into: dict, new: dict) -> None:
    for name, definition in new.items():
        if into.setdefault(name, definition) != definition:
            raise ValueError(f"two kinds define a different {name!r}; rename one of the option models")


def pack_schema() -> dict:
    common = RuleFields.model_json_schema()
    definitions: dict = {}
    _merge_definitions(definitions, common.pop("$defs", {}))
    variants = []
    for name, kind in sorted(known_kinds().items()):
        options = kind.Options.model_json_schema(by_alias=True)
        _merge_definitions(definitions, options.pop("$defs", {}))
        properties = {**common["properties"], **options.get("properties", {}), "kind": {"const": name}}
        # A pack's own `family` stands in for its rules'.
        required = sorted((set(common["required"]) - {"family"}) | set(options.get("required", ())))
        variants.append({"title": f"a rule of kind {name}", "type": "object", "properties": properties,
                         "required": required, "additionalProperties": False})
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "cliniclint rule pack",
        "type": "object",
        "properties": {
            "family": common["properties"]["family"],
            "description": {"type": "string"},
            "rules": {"type": "array", "items": {"oneOf": variants}},
        },
        "required": ["rules"],
        "additionalProperties": False,
        "$defs": definitions,
    }
