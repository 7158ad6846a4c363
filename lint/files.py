"""Which files a run lints, and reading and writing them safely.

Named files are linted whatever their extension; named folders are walked for
articles. A walk skips hidden entries, folders of third-party code
(``node_modules``, ``vendor``...), what ``exclude`` and ``.gitignore`` exclude,
and files of unknown format. It never blocks or strays: FIFOs, sockets and
devices are skipped with a notice, and so are symbolic links that lead out of
the tree being linted (a named folder, or the working folder for named files)
unless links are followed on request. Every named path either yields files,
is excluded on purpose (``force-exclude``), or is an error.
"""

from __future__ import annotations

import fnmatch
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from .inputs import InputError, read_bounded, special_kind
from .readers import format_for

# Folders of installed or vendored third-party files: never articles of the site.
THIRD_PARTY_FOLDERS = frozenset({"node_modules", "bower_components", "vendor", "site-packages", "venv",
                                 "__pycache__"})
_DESCEND = object()  # what a walk step returns for a folder to walk into

@dataclass(frozen=True)
class Target:
    """A file to lint, the folder it must stay inside, or the reason a named path cannot be linted."""

    path: str
    root: str
    error: str | None = None


@dataclass
class Discovery:
    targets: list[Target] = field(default_factory=list)
    notices: list[tuple[str, str]] = field(default_factory=list)  # (path, why it was skipped)
    force_excluded: int = 0  # named files left out because they match exclude


@dataclass(frozen=True)
class WalkSettings:
    """What decides which files are linted; ``base`` is the folder ``exclude`` patterns are relative to."""

    exclude: tuple[str, ...] = ()
    base: Path = field(default_factory=Path.cwd)
    respect_gitignore: bool = True
    force_exclude: bool = False
    follow_links: bool = False


def excluded(path: Path, patterns: Iterable[str]) -> bool:
    text = path.as_posix()
    return any(
        fnmatch.fnmatch(text, pattern) or fnmatch.fnmatch(path.name, pattern) or fnmatch.fnmatch(text, f"*/{pattern}")
        for pattern in patterns
    )


def _inside(path: str, root: str) -> bool:
    return os.path.commonpath([path, root]) == root


class _Walker:
    def __init__(self, settings: WalkSettings, discovery: Discovery) -> None:
        self.settings = settings
        self.discovery = discovery
        self.base = os.path.abspath(settings.base)

    def _relative(self, path: str) -> Path:
        """``path`` relative to the config's folder when inside it, as ``exclude`` patterns are written."""
        absolute = os.path.abspath(path)
        return Path(os.path.relpath(absolute, self.base)) if _inside(absolute, self.base) else Path(path)

    def is_excluded(self, path: str) -> bool:
        return excluded(self._relative(path), self.settings.exclude)

    def named_path_excluded(self, path: str) -> bool:
        """``force-exclude``: a named path is left out if a walk from the config's folder would have left it out.

        That is: ``exclude`` matches it or a folder above it, or a folder above
        it (below the config's folder) is hidden or third-party code.
        """
        relative = self._relative(path)
        folders = relative.parts[:-1] if not relative.is_absolute() else ()
        return (
            any(part.startswith(".") and part not in (".", "..") or part in THIRD_PARTY_FOLDERS for part in folders)
            or any(excluded(candidate, self.settings.exclude) for candidate in (relative, *relative.parents)
                   if candidate.parts)
        )

    def walk(self, folder: str) -> Iterator[Target]:
        root = os.path.realpath(folder)
        ignores = _GitIgnores.above(root) if self.settings.respect_gitignore else None
        info = os.stat(root)
        visited = {(info.st_dev, info.st_ino)}
        yield from self._walk(folder, root, ignores, visited)

    def _walk(self, folder: str, root: str, ignores: _GitIgnores | None, visited: set[tuple[int, int]]) -> Iterator[Target]:
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            yield Target(folder, root, f"cannot read folder: {error.strerror or error}")
            return
        if ignores is not None:
            ignores = ignores.entering(folder)
        folders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                found = self._entry(entry, root, ignores, visited)
            except OSError as error:
                yield Target(entry.path, root, f"cannot read: {error.strerror or error}")
                continue
            if found is _DESCEND:
                folders.append(entry.path)
            elif found is not None:
                yield found
        for path in folders:
            yield from self._walk(path, root, ignores, visited)

    def _entry(self, entry: os.DirEntry, root: str, ignores: _GitIgnores | None, visited: set[tuple[int, int]]):
        """A Target, ``_DESCEND`` for a folder to walk, or None (skipped, with a notice where that may surprise)."""
        is_folder = entry.is_dir()  # follows a link
        if is_folder and entry.name in THIRD_PARTY_FOLDERS:
            return None
        if not is_folder and format_for(entry.name) is None:
            return None
        if self.is_excluded(entry.path) or (ignores is not None and ignores.ignored(entry.path, is_folder)):
            return None
        if entry.is_symlink():
            target = os.path.realpath(entry.path)
            if not os.path.exists(target):
                self.discovery.notices.append((entry.path, "skipped: a broken symbolic link"))
                return None
            if not self.settings.follow_links and not _inside(target, root):
                self.discovery.notices.append(
                    (entry.path, "skipped: a symbolic link out of the folder being linted (--follow-links follows it)"))
                return None
            if is_folder and not self.settings.follow_links:
                return None  # its target is in the tree and is walked there
        if is_folder:
            info = entry.stat()
            if (info.st_dev, info.st_ino) in visited:  # a link back up the tree
                return None
            visited.add((info.st_dev, info.st_ino))
            return _DESCEND
        kind = special_kind(entry.stat().st_mode)
        if kind is not None:
            self.discovery.notices.append((entry.path, f"skipped: not a regular file ({kind})"))
            return None
        return Target(entry.path, root)


class _GitIgnores:
    """The ``.gitignore`` files that apply in a folder, deepest last; the deepest that matches decides."""

    def __init__(self, specs: tuple[tuple[str, pathspec.PathSpec], ...]) -> None:
        self.specs = specs

    @staticmethod
    def _load(folder: str, name: str = ".gitignore") -> pathspec.PathSpec | None:
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            return None
        try:
            lines = read_bounded(path).decode("utf-8", "replace").splitlines()
        except InputError:
            return None
        return pathspec.GitIgnoreSpec.from_lines(lines)

    @classmethod
    def above(cls, root: str) -> _GitIgnores:
        """The ignore files of the repository holding ``root``, from its top down to ``root``'s parent."""
        folders = []
        for folder in (root, *map(str, Path(root).parents)):
            folders.append(folder)
            if os.path.exists(os.path.join(folder, ".git")):
                break
        else:
            return cls(())  # not in a repository: only ignore files inside the tree apply
        top = folders[-1]
        specs = [(top, spec) for spec in [cls._load(os.path.join(top, ".git", "info"), "exclude")] if spec]
        specs += [(folder, spec) for folder in reversed(folders[1:]) if (spec := cls._load(folder))]
        above = cls(tuple(specs))
        # A folder the repository ignores was still named on purpose: only the ignore files inside it apply.
        return cls(()) if above.ignored(root, is_folder=True) else above

    def entering(self, folder: str) -> _GitIgnores:
        spec = self._load(folder)
        return _GitIgnores((*self.specs, (os.path.abspath(folder), spec))) if spec else self

    def ignored(self, path: str, is_folder: bool) -> bool:
        absolute = os.path.abspath(path)
        for base, spec in reversed(self.specs):
            relative = Path(os.path.relpath(absolute, base)).as_posix() + ("/" if is_folder else "")
            decision = spec.check_file(relative).include
            if decision is not None:
                return decision
        return False


def find_files(paths: Iterable[str], settings: WalkSettings = WalkSettings()) -> Discovery:
    """What to lint for the paths a user named, in a stable order."""
    discovery = Discovery()
    walker = _Walker(settings, discovery)
    working = os.path.realpath(os.getcwd())
    for given in paths:
        if given == "-":
            discovery.targets.append(Target(given, working))
            continue
        if not os.path.lexists(given):
            discovery.targets.append(Target(given, working, "no such file or folder"))
        elif not os.path.exists(given):
            discovery.targets.append(Target(given, working, "a broken symbolic link"))
        elif settings.force_exclude and walker.named_path_excluded(given):
            discovery.force_excluded += 1
        elif os.path.isdir(given):
            discovery.targets.extend(_named_folder(walker, given, working))
        else:
            discovery.targets.append(_named_file(given, working, settings.follow_links))
    return discovery


def _named_folder(walker: _Walker, path: str, working: str) -> list[Target]:
    try:
        found = list(walker.walk(path))
    except OSError as error:
        return [Target(path, working, f"cannot read folder: {error.strerror or error}")]
    return found or [Target(path, working, "no articles to lint in this folder (no .txt, .md or .html file "
                                           "that 'exclude' and .gitignore leave in)")]


def _named_file(path: str, working: str, follow_links: bool) -> Target:
    if not follow_links and os.path.islink(path) and not _inside(os.path.realpath(path), working):
        return Target(path, working, "a symbolic link out of the working folder; not linted (--follow-links lints it)")
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return Target(path, working, f"cannot read: {error.strerror or error}")
    kind = special_kind(mode)
    if kind is not None:
        return Target(path, working, f"not a regular file ({kind}); pipe it to 'cliniclint check -' instead")
    return Target(path, working)


def discover(paths: Iterable[str], exclude: Iterable[str] = ()) -> Iterator[str]:
    """The paths a run would lint (for the library, benchmarks and eval); paths in error are kept, to fail on read."""
    return (target.path for target in find_files(paths, WalkSettings(exclude=tuple(exclude))).targets)


# Reading and writing -----------------------------------------------------------

def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _keep_owner(path: str, old: os.stat_result) -> None:
    """Give the new file the old one's owner where the system allows it (root fixing a writer's file)."""
    current = os.stat(path)
    if hasattr(os, "chown") and (current.st_uid, current.st_gid) != (old.st_uid, old.st_gid):
        try:
            os.chown(path, old.st_uid, old.st_gid)
        except OSError:
            pass  # only root may give a file away; the content still arrives


def write_atomically(path: str | Path, data: bytes, check=None) -> None:
    """Replace ``path`` with ``data`` so that a reader sees the old file or the new one, never half of it.

    ``check``, if given, runs once the new content is safely on disk, just before
    it takes the old file's place; whatever it raises leaves the old file as it was.
    """
    path = Path(path)
    old = path.stat() if path.exists() else None
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        # mkstemp makes the file private; it takes the old file's mode, or the one a new file would get.
        os.chmod(temporary, stat.S_IMODE(old.st_mode) if old is not None else 0o666 & ~_umask())
        if old is not None:
            _keep_owner(temporary, old)
        if check is not None:
            check()
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
