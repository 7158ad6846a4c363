"""The language server, end to end: a real LSP client (pytest-lsp) drives `cliniclint lsp` over stdio.

The client here applies edits and counts positions on its own (UTF-16 code
units, as VS Code does), so the server's conversions are checked against an
independent implementation, on text with astral characters before findings.
"""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest_lsp = pytest.importorskip("pytest_lsp", reason="the lsp tests need the test extra: pip install '.[test]'")
from lsprotocol import types  # noqa: E402 - after the skip that explains a missing extra
from pygls.protocol import default_converter  # noqa: E402
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features  # noqa: E402

from cliniclint import lint  # noqa: E402
from cliniclint.lint.lsp import actions  # noqa: E402
from cliniclint.lint.lsp.positions import PositionMap  # noqa: E402
from cliniclint.lint.readers import read_text  # noqa: E402

# The console script's entry point, run by this interpreter (the script may be anywhere on PATH, or nowhere).
SERVER = [sys.executable, "-c", "from cliniclint.cli import main; main()", "lsp"]
TIMEOUT = 120  # seconds: the first check loads the spaCy model
LINE = re.compile(r"\r\n|\r|\n")
CONFIG = 'select = ["SP101", "MT101", "CV102"]\nexclude = ["drafts/*"]\n'
# An emoji (two UTF-16 units) and a mathematical letter (two units) before findings on their lines.
ARTICLE = (
    "# Microneedling 😀 at home\n"
    "\n"
    "Protect your 😀 pores and skin after microneedling. The 𝒻irst days\n"
    "matter: pores and skin heal in a week.\n"
    "\n"
    "Side effects include redness.\n"
)


# -- positions, against an independent count -------------------------------------------------

def utf16_position(text: str, offset: int) -> tuple[int, int]:
    """(line, character) of an offset, counting lines as LSP does and characters in UTF-16 units."""
    lines = LINE.split(text[:offset])
    return len(lines) - 1, len(lines[-1].encode("utf-16-le")) // 2


def utf16_offset(text: str, line: int, character: int) -> int:
    """The offset of an LSP position (UTF-16 units), as a client computes it."""
    starts = [0] + [m.end() for m in LINE.finditer(text)]
    start = starts[line]
    prefix = text[start:].encode("utf-16-le")[:2 * character].decode("utf-16-le")
    return start + len(prefix)


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """What a client makes of the text after a workspace edit's text edits."""
    spans = sorted(((utf16_offset(text, e.range.start.line, e.range.start.character),
                     utf16_offset(text, e.range.end.line, e.range.end.character), e.new_text) for e in edits),
                   reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


# \r and \n side by side make \r\n too; U+2028 and form feed break lines for Python, not for LSP.
TEXTS = st.text(st.sampled_from(["a", "é", "😀", "𝒻", "\n", "\r", " ", "\u2028", "\x0c"]), max_size=40)


@given(TEXTS)
def test_positions_count_utf16_units_and_lsp_line_breaks(text):
    positions = PositionMap(text)
    for offset in range(len(text) + 1):
        if text[offset - 1:offset + 1] == "\r\n":
            continue  # between the two characters of one line break: no finding starts or ends there
        position = positions.position(offset)
        assert (position.line, position.character) == utf16_position(text, offset)
        assert positions.offset(position) == offset


def test_positions_in_other_encodings():
    text = "é😀x\nb"
    assert PositionMap(text, types.PositionEncodingKind.Utf8).position(2).character == 2 + 4
    assert PositionMap(text, types.PositionEncodingKind.Utf32).position(2).character == 2
    assert PositionMap(text).position(2).character == 1 + 2
    assert PositionMap(text).offset(types.Position(line=0, character=99)) == 3  # past the end of a line: its end
    assert PositionMap(text).offset(types.Position(line=9, character=0)) == len(text)


# -- where "disable for this line" puts its comment ------------------------------------------

DISABLE_CASES = {
    "a paragraph's second line": ("First line of text.\nThen pores and skin again.\n", 2),
    "a paragraph's first line": ("# Title\n\nProtect your pores and skin.\n", 3),
    "the second item of a list": ("- one\n- pores and skin\n- three\n", 2),
    "a line after a hard break": ("A line with a break  \npores and skin here.\n", 2),
    "a line after a backslash break": ("A line with a break\\\npores and skin here.\n", 2),
    "a quote's second paragraph": ("> Quoted.\n>\n> Then pores and skin.\n", 3),
    "a line after a closed heading": ("## Heading ##\npores and skin.\n", 2),
    "a line after a code fence": ("```\ncode\n```\npores and skin.\n", 4),
    "the first line": ("Protect your pores and skin.\n", 1),
    "a CRLF file": ("First.\r\nThen pores and skin.\r\n", 2),
}


@pytest.mark.parametrize("case", DISABLE_CASES)
def test_disable_comment_silences_the_line_and_changes_no_prose(case, rules):
    text, line = DISABLE_CASES[case]
    config = lint.Config(select=("SP101", "MT101"))
    finding, = lint.check_text(text, "markdown", config, rules=rules)
    assert finding.line == line
    document = read_text(text, "markdown")
    edit = actions.suppression_edit(document, finding)
    assert edit is not None
    edited = text[:edit.start] + edit.replacement + text[edit.end:]
    assert lint.check_text(edited, "markdown", config, rules=rules) == []  # silenced, and MT101 finds it used
    assert [(b.kind, b.text) for b in read_text(edited, "markdown").blocks] == [
        (b.kind, b.text) for b in document.blocks]
    assert "\r\n" not in text or "\n" not in edited.replace("\r\n", "")  # keeps the file's line breaks


def test_disable_comment_in_html_and_never_inside_a_tag(rules):
    config = lint.Config(select=("SP101", "MT101"))
    text = "<p>Protect your\npores and skin.</p>\n<img\n alt=\"pores and skin\" src=x>\n"
    findings = lint.check_text(text, "html", config, rules=rules)
    assert [f.line for f in findings] == [2, 4]
    document = read_text(text, "html")
    in_text, in_tag = (actions.suppression_edit(document, f) for f in findings)
    edited = text[:in_text.start] + in_text.replacement + text[in_text.end:]
    assert edited.startswith("<p>Protect your<!-- cliniclint-disable-next-line SP101 -->\npores")
    assert [f.line for f in lint.check_text(edited, "html", config, rules=rules)] == [4]
    # A comment cannot stand inside the <img> tag, and on the line before it silences the tag's first line.
    assert in_tag is None


def test_plain_text_gets_no_disable_comment(rules):
    finding, = lint.check_text("Protect your pores and skin.\n", "text", lint.Config(select=("SP101",)), rules=rules)
    assert actions.suppression_edit(read_text("Protect your pores and skin.\n", "text"), finding) is None


# -- the session ------------------------------------------------------------------------------

class Published:
    """Every publishDiagnostics the client receives, in order."""

    def __init__(self) -> None:
        self.queue: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()

    async def next(self, uri: str, timeout: float = TIMEOUT) -> types.PublishDiagnosticsParams:
        async with asyncio.timeout(timeout):
            while True:
                params = await self.queue.get()
                if params.uri == uri:
                    return params


def _published(client: pytest_lsp.LanguageClient, params: types.PublishDiagnosticsParams) -> None:
    client.published.queue.put_nowait(params)


def _shown(client: pytest_lsp.LanguageClient, params: types.ShowMessageParams) -> None:
    client.shown.append(params)


def _registered(client: pytest_lsp.LanguageClient, params: types.RegistrationParams) -> None:
    client.registrations.extend(params.registrations)  # as VS Code does, which watches the files asked for


def make_client() -> pytest_lsp.LanguageClient:
    """pytest-lsp's test client, also keeping every publishDiagnostics, message shown and registration."""
    client = pytest_lsp.LanguageClient(converter_factory=default_converter)
    client.published, client.shown, client.registrations = Published(), [], []
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _published,
                                   types.WINDOW_SHOW_MESSAGE: _shown, types.CLIENT_REGISTER_CAPABILITY: _registered})
    return client


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    folder = tmp_path_factory.mktemp("workspace")
    (folder / "cliniclint.toml").write_text(CONFIG)
    return folder


@pytest_lsp.fixture(config=pytest_lsp.ClientServerConfig(server_command=SERVER,
                                                          client_factory=make_client),
                    scope="module")
async def client(lsp_client: pytest_lsp.LanguageClient, workspace):
    capabilities = pytest_lsp.client_capabilities("visual-studio-code")
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=capabilities, root_uri=workspace.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="workspace")]))
    yield
    await lsp_client.shutdown_session()




class Editor:
    """One open document as the client holds it: its text and version."""

    def __init__(self, client, uri: str, text: str, language: str) -> None:
        self.client, self.uri, self.text, self.version = client, uri, text, 1
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))

    def change(self, text: str) -> None:
        self.text, self.version = text, self.version + 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))

    async def diagnostics(self) -> list[types.Diagnostic]:
        """The diagnostics published for the current version."""
        while True:
            published = await self.client.published.next(self.uri)
            if published.version == self.version:
                return list(published.diagnostics)

    def text_of(self, diagnostic: types.Diagnostic) -> str:
        r = diagnostic.range
        return self.text[utf16_offset(self.text, r.start.line, r.start.character):
                         utf16_offset(self.text, r.end.line, r.end.character)]

    async def actions(self, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
        return await self.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=self.uri), range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic])))

    def apply(self, action: types.CodeAction) -> None:
        """Apply a code action's edit as a client does: only to the version it was made for."""
        change, = action.edit.document_changes
        assert (change.text_document.uri, change.text_document.version) == (self.uri, self.version)
        self.change(apply_edits(self.text, change.edits))


@pytest.mark.asyncio(loop_scope="module")
async def test_diagnostics_fix_and_disable_in_a_real_session(client, workspace):
    lsp = client
    editor = Editor(lsp, (workspace / "article.md").as_uri(), ARTICLE, "markdown")
    found = await editor.diagnostics()
    spun = [d for d in found if d.code == "SP101"]
    assert [editor.text_of(d) for d in spun] == ["pores and skin", "pores and skin"]
    assert [d.range.start.line for d in spun] == [2, 3]
    assert spun[0].range.start.character == len("Protect your 😀 ".encode("utf-16-le")) // 2  # 16, not 15
    assert {d.code for d in found} == {"SP101", "CV102"}  # the workspace's select is honoured
    first = spun[0]
    assert first.severity == types.DiagnosticSeverity.Warning and first.source == "cliniclint"
    assert first.data["rule"] == "spun-phrase" and first.data["suggestions"] == ["skin"]
    pack, line = first.code_description.href.split("#L")
    assert pack.startswith("file://") and pack.endswith("/rules/spin.yaml")
    assert "code: SP101" in Path(pack[len("file://"):]).read_text(encoding="utf-8").splitlines()[int(line) - 1]

    hover = await lsp.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri), position=first.range.start))
    assert "**SP101** `spun-phrase`" in hover.contents.value and "**Suggestion:** skin" in hover.contents.value
    assert "safe" in hover.contents.value and hover.range == first.range

    offered = await editor.actions(first)
    fix = next(a for a in offered if a.title.startswith("Replace"))
    assert fix.is_preferred and fix.kind == types.CodeActionKind.QuickFix
    assert "Disable SP101 for this line" in [a.title for a in offered]
    editor.apply(fix)
    found = await editor.diagnostics()
    assert "Protect your 😀 skin after" in editor.text
    assert [(editor.text_of(d), d.range.start.line) for d in found if d.code == "SP101"] == [("pores and skin", 3)]

    second = next(d for d in found if d.code == "SP101")
    disable = next(a for a in await editor.actions(second) if a.title == "Disable SP101 for this line")
    editor.apply(disable)
    found = await editor.diagnostics()
    assert "days<!-- cliniclint-disable-next-line SP101 -->\nmatter: pores and skin" in editor.text
    assert {d.code for d in found} == {"CV102"}  # silenced, and the comment is used (no MT101)


@pytest.mark.asyncio(loop_scope="module")
async def test_changes_are_debounced_and_only_the_latest_is_published(client, workspace):
    editor = Editor(client, (workspace / "burst.md").as_uri(), "Protect your skin.\n", "markdown")
    assert await editor.diagnostics() == []
    for n in range(1, 6):  # typing: five changes well inside the debounce delay
        editor.change("Protect your skin.\n" + "Then pores and skin. " * n + "\n")
        await asyncio.sleep(0.02)
    published = await client.published.next(editor.uri)
    assert published.version == editor.version  # no diagnostics for the versions typed over
    assert [editor.text_of(d) for d in published.diagnostics] == ["pores and skin"] * 5


@pytest.mark.asyncio(loop_scope="module")
async def test_config_is_re_read_when_it_changes(client, workspace):
    watched = [w["globPattern"] for r in client.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
               for w in r.register_options["watchers"]]
    assert set(watched) == {"**/cliniclint.toml", "**/.cliniclint.toml", "**/pyproject.toml"}
    editor = Editor(client, (workspace / "config.md").as_uri(), ARTICLE, "markdown")
    assert {d.code for d in await editor.diagnostics()} == {"SP101", "CV102"}
    (workspace / "cliniclint.toml").write_text(CONFIG + 'ignore = ["caveat"]\n')
    try:
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
            uri=(workspace / "cliniclint.toml").as_uri(), type=types.FileChangeType.Changed)]))
        assert {d.code for d in await editor.diagnostics()} == {"SP101"}
    finally:
        (workspace / "cliniclint.toml").write_text(CONFIG)


@pytest.mark.asyncio(loop_scope="module")
async def test_plain_text_has_fixes_but_no_disable_action(client, workspace):
    editor = Editor(client, (workspace / "notes.txt").as_uri(), "Protect your pores and skin.\n", "plaintext")
    diagnostic, = await editor.diagnostics()
    titles = [a.title for a in await editor.actions(diagnostic)]
    assert titles == ["Replace 'pores and skin' with 'skin' (SP101)"]


@pytest.mark.asyncio(loop_scope="module")
async def test_a_broken_config_is_one_message_naming_it(client, workspace):
    broken = workspace / "broken"
    broken.mkdir()
    (broken / "cliniclint.toml").write_text('selct = ["spin"]\n')
    editor = Editor(client, (broken / "a.md").as_uri(), "Protect your pores and skin.\n", "markdown")
    assert await editor.diagnostics() == []
    message = next(m for m in client.shown if "selct" in m.message)
    assert message.type == types.MessageType.Error
    assert str(broken / "cliniclint.toml") in message.message and "did you mean 'select'" in message.message


@pytest.mark.asyncio(loop_scope="module")
async def test_closing_a_document_clears_its_diagnostics(client, workspace):
    editor = Editor(client, (workspace / "closed.md").as_uri(), "Protect your pores and skin.\n", "markdown")
    assert len(await editor.diagnostics()) == 1
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=editor.uri)))
    assert list((await client.published.next(editor.uri)).diagnostics) == []


@pytest.mark.asyncio(loop_scope="module")
async def test_files_the_config_excludes_are_not_linted(client, workspace):
    draft = workspace / "drafts" / "wip.md"
    draft.parent.mkdir()
    draft.write_text("Protect your pores and skin.\n")
    editor = Editor(client, draft.as_uri(), draft.read_text(), "markdown")
    assert await editor.diagnostics() == []
