"""Code actions: apply a finding's fix, or silence it on its line with a suppression comment.

A fix is offered when it may be applied: safe fixes as the preferred action,
unsafe ones saying that they may change the meaning; display-only fixes stay
suggestions (the hover shows them). Edits are sent for the document version
they were computed on, so a client never applies them to newer text.

"Disable for this line" writes ``<!-- cliniclint-disable-next-line CODE -->``
where it silences the finding's line without changing what the article says:
at the end of the line before (inside the same paragraph, a comment there
keeps the paragraph whole; before a hard line break's marker, which must end
the line), or on a line of its own before the finding's line (indented like
it, inside the same quote). Which one is decided by reading the edited text
with the article's own reader: the edit is offered only if every block reads
as before and the comment silences exactly the finding's line. Plain text has
no comment syntax, so it gets no such action.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lsprotocol import types

from ..document import Document, line_starts
from ..finding import Applicability, Edit, Finding
from ..fix import apply
from ..readers import read_text
from ..suppress import FORMATS, parse
from .positions import PositionMap

DIRECTIVE = "<!-- cliniclint-disable-next-line {code} -->"
_LINE_PREFIX = re.compile(r"[ \t>]*")  # indentation and blockquote markers, which a line of its own keeps
_HARD_BREAK = re.compile(r"(?:\\|[ \t]{2,})$")  # Markdown: what makes a line break hard (a lone \ or 2+ spaces)


class Target:
    """The document an action edits: its URI and version, and how the client wants edits sent."""

    def __init__(self, uri: str, version: int | None, positions: PositionMap, versioned: bool) -> None:
        self.uri = uri
        self.version = version
        self.positions = positions
        self.versioned = versioned  # the client takes documentChanges (edits bound to a version)

    def edit(self, edits: list[Edit]) -> types.WorkspaceEdit:
        text_edits = [types.TextEdit(range=self.positions.range(e.start, e.end), new_text=e.replacement) for e in edits]
        if self.versioned:
            document = types.OptionalVersionedTextDocumentIdentifier(uri=self.uri, version=self.version)
            return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=document, edits=text_edits)])
        return types.WorkspaceEdit(changes={self.uri: text_edits})


def fix_action(finding: Finding, target: Target, diagnostic: types.Diagnostic) -> types.CodeAction | None:
    fix = finding.fix
    if fix is None or fix.applicability is Applicability.DISPLAY_ONLY:
        return None
    replacement = fix.edits[0].replacement
    title = f"Replace '{finding.text}' with '{replacement}'" if replacement else f"Remove '{finding.text}'"
    safe = fix.applicability is Applicability.SAFE
    if not safe:
        title += f" (may change the meaning: {fix.reason})"
    return types.CodeAction(title=f"{title} ({finding.code})", kind=types.CodeActionKind.QuickFix,
                            diagnostics=[diagnostic], is_preferred=safe, edit=target.edit(list(fix.edits)))


def _line_bounds(document: Document, line: int) -> tuple[int, int, str]:
    """Where 1-based ``line`` starts and ends (before its break) in the source, and its break ("" at the end)."""
    starts = line_starts(document.source)
    start = starts[line - 1]
    end = start + len(document.line_text(line))
    return start, end, document.source[end:starts[line] if line < len(starts) else len(document.source)]


def _placements(document: Document, finding: Finding) -> Iterator[tuple[Edit, int]]:
    """Candidate comments for the finding's line, each with the line the comment must then silence."""
    directive = DIRECTIVE.format(code=finding.code)
    line_start, _, line_break = _line_bounds(document, finding.line)
    own_line = Edit(line_start, line_start, _LINE_PREFIX.match(document.source, line_start).group() + directive
                    + (line_break or "\n"))
    candidates = [(own_line, finding.line + 1)]
    if finding.line > 1:
        previous_start, previous_end, _ = _line_bounds(document, finding.line - 1)
        previous = document.source[previous_start:previous_end]
        if previous.strip():
            marker = _HARD_BREAK.search(previous) if document.format == "markdown" else None
            at = previous_start + (marker.start() if marker else len(previous.rstrip(" \t")))
            # Right after the text: a space before the comment would stay in the paragraph's text.
            end_of_previous = (Edit(at, at, directive), finding.line)
            # In Markdown a line of its own would end the paragraph or list the finding's line continues.
            candidates.insert(0 if document.format == "markdown" else 1, end_of_previous)
    yield from candidates


def _prose(document: Document) -> list[tuple[str, int, str]]:
    return [(block.kind, block.level, block.text) for block in document.blocks]


def suppression_edit(document: Document, finding: Finding) -> Edit | None:
    """The comment that silences the finding's line and changes nothing else the reader sees, if there is one."""
    if document.format not in FORMATS:
        return None
    prose = _prose(document)
    for edit, line in _placements(document, finding):
        edited = read_text(apply(document.source, [edit]), document.format, document.path)
        inserted = [d for d in parse(edited) if edit.start <= d.start < edit.start + len(edit.replacement)]
        if _prose(edited) == prose and [d.line for d in inserted] == [line]:
            return edit
    return None


def disable_action(finding: Finding, document: Document, target: Target,
                   diagnostic: types.Diagnostic) -> types.CodeAction | None:
    edit = suppression_edit(document, finding)
    if edit is None:
        return None
    return types.CodeAction(title=f"Disable {finding.code} for this line", kind=types.CodeActionKind.QuickFix,
                            diagnostics=[diagnostic], edit=target.edit([edit]))
