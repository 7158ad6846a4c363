"""The registries: where cliniclint finds rule kinds, analyses, post-processors and reporters.

Built-in entries register themselves when their module is imported. Other
packages add their own through entry points, as spaCy's registries do (both
use `catalogue`): a package declaring, in its ``pyproject.toml``::

    [project.entry-points.cliniclint_kinds]
    my-kind = "my_package.kinds:MyKind"

makes ``kind: my-kind`` usable in any rule pack. The groups are
``cliniclint_kinds``, ``cliniclint_analyses``, ``cliniclint_processors`` and
``cliniclint_reporters``.
"""

from __future__ import annotations

import importlib
import pkgutil

import catalogue

kinds = catalogue.create("cliniclint", "kinds", entry_points=True)
analyses = catalogue.create("cliniclint", "analyses", entry_points=True)
processors = catalogue.create("cliniclint", "processors", entry_points=True)
reporters = catalogue.create("cliniclint", "reporters", entry_points=True)


def import_modules(package: str) -> None:
    """Import every module of a built-in package, so that its entries register themselves."""
    module = importlib.import_module(package)
    for info in pkgutil.iter_modules(module.__path__):
        importlib.import_module(f"{package}.{info.name}")
