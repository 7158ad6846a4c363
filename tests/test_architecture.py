"""The house rules of ARCHITECTURE.md, checked on the code itself.

Imports are read from the source with ``ast`` (imports under ``if
TYPE_CHECKING:`` are only for annotations and do not count).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

LINT = Path(__file__).resolve().parent.parent / "lint"
PACKAGE = "cliniclint.lint"


def _module_name(path: Path) -> str:
    parts = path.relative_to(LINT).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


def _is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def _imports(path: Path) -> set[str]:
    """The cliniclint.lint modules ``path`` imports at run time (absolute names)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            return
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                found.add(candidate if candidate in MODULES else target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {name for name in found if name in MODULES and name != module}


FILES = {_module_name(path): path for path in sorted(LINT.rglob("*.py"))}
MODULES = set(FILES)
GRAPH = {module: _imports(path) for module, path in FILES.items()}


def _cycle_from(start: str) -> list[str] | None:
    """A path of imports from ``start`` back to itself, if there is one (a package importing its own
    submodules is not a cycle: Python imports the package first)."""
    stack = [(start, [start])]
    seen = set()
    while stack:
        module, path = stack.pop()
        for target in GRAPH[module]:
            if target == start:
                return [*path, start]
            if target not in seen and not start.startswith(target + "."):
                seen.add(target)
                stack.append((target, [*path, target]))
    return None


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_cycle(module):
    assert _cycle_from(module) is None


def _importers(prefix: str) -> dict[str, set[str]]:
    return {module: targets for module, targets in GRAPH.items() if module.startswith(prefix)}


def test_a_kind_never_imports_another_kind():
    for module, targets in _importers(f"{PACKAGE}.kinds.").items():
        others = {t for t in targets if t.startswith(f"{PACKAGE}.kinds.")}
        assert others == set(), f"{module} imports {others}"


@pytest.mark.parametrize(("room", "forbidden"), [
    ("readers", ("rules", "kinds", "analysis", "engine", "report", "postprocess")),  # a reader never knows about rules
    ("kinds", ("report", "runner", "fix", "postprocess", "readers")),  # a checker never prints or does I/O
    ("analysis", ("kinds", "report", "runner", "fix", "postprocess", "readers")),
    ("report", ("nlp", "readers", "engine", "runner", "kinds")),  # a reporter never re-parses
])
def test_data_flows_one_way(room, forbidden):
    for module, targets in _importers(f"{PACKAGE}.{room}").items():
        bad = {t for t in targets for f in forbidden if t == f"{PACKAGE}.{f}" or t.startswith(f"{PACKAGE}.{f}.")}
        assert bad == set(), f"{module} imports {bad}"


def test_every_kind_module_is_named_after_its_kind():
    from cliniclint.lint.kinds import known_kinds

    for name, kind in known_kinds().items():
        assert kind.__module__ == f"{PACKAGE}.kinds.{name.replace('-', '_')}", name
