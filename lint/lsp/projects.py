"""What the server loads once and keeps: rule packs, and per configuration a linter with its grammar session.

Each document is linted under the configuration a ``cliniclint check`` run
from its folder would find (``lint.load_config(start=folder)``). A folder's
configuration is re-read only when a config file that could apply to it
changed: the candidates from the folder up to the root are ``stat``-ed (a few
dozen system calls), so an edit saved in any editor, or a ``git checkout``,
is seen by the next check without the client having to report it. The spaCy
pipeline is cached by the library (``nlp.load``); rule packs are loaded once
per set of packs; a configuration's linter and its grammar session (which may
start LanguageTool) live until that configuration changes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from ..config import CONFIG_FILES, Config, ConfigError, check_rule_names, load_config
from ..document import Document
from ..files import find_files
from ..grammar import GrammarSession
from ..readers import read_text
from ..report import FileResult
from ..rules import Rule, RulePackError, load_rules
from ..runner import Linter, walk_settings

Fingerprint = tuple[tuple[str, int, int, int], ...]


def config_fingerprint(folder: Path) -> Fingerprint:
    """Every config file that could apply to ``folder``, with what tells whether it changed."""
    found = []
    for place in (folder, *folder.parents):
        for name in CONFIG_FILES:
            try:
                info = os.stat(place / name)
            except OSError:
                continue
            found.append((str(place / name), info.st_mtime_ns, info.st_size, info.st_ino))
    return tuple(found)


class ProjectError(Exception):
    """A configuration or rule pack that cannot be used; the message names the file."""


class Project:
    """Documents under one configuration: its rules, its linter and its grammar session."""

    def __init__(self, config: Config, rules: list[Rule]) -> None:
        self.config = config
        self.rules = rules
        self.by_code = {rule.code: rule for rule in rules}
        self.grammar = GrammarSession(rules, config)
        self.grammar.start()
        self.linter = Linter(rules, config, self.grammar)

    def lint(self, text: str, format: str, path: str) -> tuple[Document, FileResult]:
        """The document as its reader reads it, and what the run makes of it (findings after post-processing)."""
        document = read_text(text, format, path)
        result, = self.linter.lint([document])
        return document, result

    def excludes(self, path: str | None) -> bool:
        """Whether the configuration's ``exclude`` leaves this file out (as ``--force-exclude`` does)."""
        if path is None:
            return False
        settings = replace(walk_settings(self.config), force_exclude=True)
        return find_files([path], settings).force_excluded > 0

    def close(self) -> None:
        self.grammar.close()


@dataclass
class _Folder:
    fingerprint: Fingerprint
    project: Project | None
    error: str | None


class Projects:
    """The project of each document folder, rebuilt when its configuration changes."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root  # where documents with no folder (unsaved buffers) take their config from
        self._folders: dict[Path, _Folder] = {}
        self._projects: dict[str | None, Project] = {}  # by config file
        self._rules: dict[tuple[str, ...], list[Rule]] = {}  # by rule packs

    def for_path(self, path: str | None) -> Project:
        """The project a document belongs to; ProjectError (one line naming the file) when its config or a pack is broken."""
        folder = (Path(path).parent if path else self.root or Path.cwd()).resolve()
        fingerprint = config_fingerprint(folder)
        known = self._folders.get(folder)
        if known is None or known.fingerprint != fingerprint:
            try:
                known = _Folder(fingerprint, self._project(load_config(start=folder)), None)
            except (ConfigError, RulePackError) as error:
                known = _Folder(fingerprint, None, str(error))
            self._folders[folder] = known
        if known.error is not None:
            raise ProjectError(known.error)
        return known.project

    def _project(self, config: Config) -> Project:
        rules = self._rules.get(config.rule_packs)
        if rules is None:
            rules = self._rules[config.rule_packs] = load_rules(config.rule_packs)
        config = check_rule_names(config, rules, lambda key: f"{config.source}: '{key}'")
        current = self._projects.get(config.source)
        if current is not None and current.config == config and current.rules is rules:
            return current
        if current is not None:
            current.close()
        project = self._projects[config.source] = Project(config, rules)
        return project

    def close(self) -> None:
        for project in self._projects.values():
            project.close()
        self._projects.clear()
        self._folders.clear()
