"""``cliniclint lsp``: the language server, over stdio, with pygls.

Each open Markdown, HTML or plain-text document is linted by the library
(``Project.lint``: the same readers, rules and post-processing as
``cliniclint check``) and its findings published as diagnostics: when it is
opened or saved at once, and 300 ms after the last change while it is edited.
A newer change cancels a check still waiting; a check already running
finishes, and its result is dropped if the document changed meanwhile. Checks
run one at a time in a worker thread, so the server keeps answering hovers
and code actions from the last published results.

Documents are synchronised in full: the server never has to apply a client's
line-based edits, so its text is always the client's, byte for byte.
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from ... import __version__
from ..config import CONFIG_FILES
from ..document import Document
from ..finding import Finding
from ..readers import format_for
from ..report import FileResult
from . import actions, diagnostics
from .positions import PositionMap
from .projects import Project, ProjectError, Projects

DEBOUNCE = 0.3  # seconds of quiet after a change before it is linted
LANGUAGES = {"markdown": "markdown", "html": "html", "plaintext": "text", "text": "text"}
log = logging.getLogger("cliniclint.lsp")


@dataclass(frozen=True)
class Checked:
    """The last check of a document: the version it saw, and what it found there."""

    version: int | None
    document: Document
    result: FileResult
    project: Project
    positions: PositionMap


class CliniclintServer(LanguageServer):
    def __init__(self, debounce: float = DEBOUNCE) -> None:
        super().__init__("cliniclint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.debounce = debounce
        self.projects = Projects()
        self.checked: dict[str, Checked] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cliniclint-check")
        self.told: set[str] = set()  # problems already shown to the user, shown once each

    # -- checking --------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        """Lint ``uri`` after ``delay`` seconds, replacing any check of it still waiting."""
        if (waiting := self.pending.pop(uri, None)) is not None:
            waiting.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._check(uri, delay))

    async def _check(self, uri: str, delay: float) -> None:
        try:
            await asyncio.sleep(delay)
            document = self.workspace.get_text_document(uri)
            version, text = document.version, document.source
            format = LANGUAGES.get(document.language_id or "") or format_for(document.path or uri)
            if format is None:
                return
            path = to_fs_path(uri)
            checked, problems = await asyncio.get_running_loop().run_in_executor(
                self.worker, self._lint, text, format, path, version)
        except asyncio.CancelledError:
            return  # a newer change replaced this check
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]
        if uri not in self.workspace.text_documents or self.workspace.get_text_document(uri).version != version:
            return  # the document changed (or closed) while it was being linted: a newer check is coming
        for problem in problems:
            self._tell(*problem)
        if checked is None:
            self.checked.pop(uri, None)
            self._publish(uri, version, [])
            return
        self.checked[uri] = checked
        self._publish(uri, version, diagnostics.diagnostics(checked.result.findings, checked.positions,
                                                            checked.project.by_code))

    def _lint(self, text: str, format: str, path: str | None,
              version: int | None) -> tuple[Checked | None, list[tuple[types.MessageType, str, str]]]:
        """In the worker thread: the document's check (None: it is not to be linted) and problems to tell the
        user, which the event loop's thread sends (messages to the client are written from that thread only)."""
        try:
            project = self.projects.for_path(path)
            if project.excludes(path):
                return None, []
            document, result = project.lint(text, format, path or "<untitled>")
        except ProjectError as error:
            return None, [(types.MessageType.Error, str(error), "")]
        except Exception as error:  # noqa: BLE001 - a bug must cost one check, not the server
            return None, [(types.MessageType.Error, f"internal error: {type(error).__name__}: {error} (a cliniclint bug)",
                           traceback.format_exc())]
        problems = []
        if project.grammar.status.startswith("failed"):
            problems.append((types.MessageType.Warning, f"grammar {project.grammar.status}", ""))
        encoding = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        return Checked(version, document, result, project, PositionMap(text, encoding)), problems

    def _tell(self, level: types.MessageType, message: str, detail: str = "") -> None:
        """Show a problem once (the log keeps every occurrence)."""
        self.window_log_message(types.LogMessageParams(type=level, message=f"cliniclint: {message}\n{detail}".rstrip()))
        if message not in self.told:
            self.told.add(message)
            self.window_show_message(types.ShowMessageParams(type=level, message=f"cliniclint: {message}"))

    def _publish(self, uri: str, version: int | None, found: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=version))

    def recheck_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)

    # -- answering from the last check -----------------------------------------

    def current(self, uri: str) -> Checked | None:
        """The last check, if it saw the document as it is now (an answer about older text would be wrong)."""
        checked = self.checked.get(uri)
        if checked is None or uri not in self.workspace.text_documents:
            return None
        return checked if self.workspace.get_text_document(uri).version == checked.version else None

    def findings_in(self, checked: Checked, start: int, end: int) -> list[Finding]:
        """Findings touching source ``[start, end]`` (a cursor touches a finding it stands at either end of)."""
        return [f for f in checked.result.findings if f.start <= end and start <= f.end]


def build(debounce: float = DEBOUNCE) -> CliniclintServer:
    server = CliniclintServer(debounce)

    @server.feature(types.INITIALIZE)
    def initialize(ls: CliniclintServer, params: types.InitializeParams) -> None:
        folders = [to_fs_path(folder.uri) for folder in params.workspace_folders or ()]
        root = next((folder for folder in folders if folder), None) or params.root_path
        ls.projects.root = Path(root) if root else None

    @server.feature(types.INITIALIZED)
    async def initialized(ls: CliniclintServer, params: types.InitializedParams) -> None:
        watching = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        if watching and watching.dynamic_registration:
            # Only a hint to check again: every check sees a changed config file anyway (projects.py).
            watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILES]
            registration = types.Registration(
                id="cliniclint-config", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))
            try:
                await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
            except Exception as error:  # noqa: BLE001 - checks still see config changes, only later
                log.warning("the client did not watch the config files: %s", error)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CliniclintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CliniclintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: CliniclintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CliniclintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        if (waiting := ls.pending.pop(uri, None)) is not None:
            waiting.cancel()
        ls.checked.pop(uri, None)
        ls._publish(uri, None, [])

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files_changed(ls: CliniclintServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.recheck_all()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: CliniclintServer, params: types.HoverParams) -> types.Hover | None:
        checked = ls.current(params.text_document.uri)
        if checked is None:
            return None
        offset = checked.positions.offset(params.position)
        found = ls.findings_in(checked, offset, offset)
        if not found:
            return None
        start, end = min(f.start for f in found), max(f.end for f in found)
        return types.Hover(contents=diagnostics.hover(found, checked.project.by_code),
                           range=checked.positions.range(start, end))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: CliniclintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        checked = ls.current(uri)
        if checked is None:
            return None
        start, end = (checked.positions.offset(p) for p in (params.range.start, params.range.end))
        edits = ls.client_capabilities.workspace and ls.client_capabilities.workspace.workspace_edit
        target = actions.Target(uri, checked.version, checked.positions, bool(edits and edits.document_changes))
        found = []
        for finding in ls.findings_in(checked, start, end):
            diagnostic = diagnostics.diagnostic(finding, checked.positions, checked.project.by_code.get(finding.code))
            for action in (actions.fix_action(finding, target, diagnostic),
                           actions.disable_action(finding, checked.document, target, diagnostic)):
                if action is not None:
                    found.append(action)
        return found

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: CliniclintServer, params: None) -> None:
        for waiting in ls.pending.values():
            waiting.cancel()
        ls.worker.shutdown(wait=True, cancel_futures=True)
        ls.projects.close()

    return server


def serve(debounce: float = DEBOUNCE) -> None:
    """Run the server on standard input and output until the client says exit."""
    build(debounce).start_io()
