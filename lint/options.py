"""Typed rule options: each kind's own rule fields, declared once and checked when a pack loads.

A kind declares an ``Options`` model (a pydantic model deriving from
:class:`KindOptions`). Its field types and descriptions are the single source
for validation, for ``cliniclint rule`` output and for the JSON schema of rule
packs (``cliniclint schema``). Fields are kebab-case in YAML
(``needs-source``) and snake_case in Python (``needs_source``).

Fields typed with :func:`inline_or_file` may name a file instead of holding
their value inline: ``swaps: spin-known-swaps.yaml`` reads
``<pack folder>/data/spin-known-swaps.yaml`` (the built-in packs' folder is
``rules/``), so a user's pack can ship its own tables beside it.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from collections.abc import Callable, Collection

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationInfo

from .data import read_pack_data


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class RuleWarning(UserWarning):
    """A rule that loads but deserves its author's attention (e.g. a regex that re2 cannot run)."""


class KindOptions(BaseModel):
    """The rule fields a kind adds to the common ones (code, name, severity, message...)."""

    model_config = ConfigDict(extra="forbid", frozen=True, alias_generator=_kebab, populate_by_name=True)


@dataclass(frozen=True)
class PackContext:
    """What validating a pack's options needs to know: where its data files live."""

    folder: Path


def _read_named_file(value: Any, info: ValidationInfo) -> Any:
    if isinstance(value, str) and isinstance(info.context, PackContext):
        return read_pack_data(info.context.folder, value)
    return value


def inline_or_file(value_type: Any) -> Any:
    """The type of a field that holds a ``value_type`` inline or names a data file holding one."""
    return Annotated[value_type, BeforeValidator(_read_named_file, json_schema_input_type=str | value_type)]


WordList = inline_or_file(tuple[str, ...])  # inline, or a .txt word list


def one_of(known: Callable[[], Collection[str]], what: str) -> Any:
    """The type of a text field whose value must be one of ``known()`` (a list kept in data)."""

    def check(value: str) -> str:
        if value not in known():
            raise ValueError(f"{value!r} is not {what} (known: {', '.join(sorted(known()))})")
        return value

    return Annotated[str, AfterValidator(check)]


def message_fields(template: str, allowed: Collection[str]) -> list[str]:
    """The ``{field}`` names a message template uses; ValueError unless each is one of ``allowed``.

    Positional fields, attribute or index access and format specs are refused:
    a template is filled with text, and ``{text:>3000000000}`` must not be able
    to allocate gigabytes.
    """
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as error:
        raise ValueError(f"{error} (write {{{{ and }}}} for literal braces)") from None
    names = []
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in allowed:
            raise ValueError(f"unknown field {{{name}}} (known: {', '.join(sorted(allowed))})")
        if spec or conversion not in (None, "s", "r"):
            raise ValueError(f"{{{name}}} takes no format spec or conversion")
        names.append(name)
    return names
