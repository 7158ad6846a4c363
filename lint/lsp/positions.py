"""Source offsets as LSP positions, and back.

LSP counts a position's ``character`` in the code units the client and server
agreed on at ``initialize``: UTF-16 unless the client offers another, so an
emoji before a finding moves it two units, not one. Lines end at ``\\r\\n``,
``\\r`` or ``\\n``, as they do for the Document (``lint.document.line_starts``),
so a finding's line here is its line in every report. Python offsets count code
points; the conversion runs over one line's prefix.
"""

from __future__ import annotations

import bisect

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from ..document import line_starts


class PositionMap:
    """One text's line starts, to convert offsets in it to and from a client's positions."""

    def __init__(self, text: str, encoding: types.PositionEncodingKind | str = types.PositionEncodingKind.Utf16):
        self.text = text
        self.starts = line_starts(text)
        self.codec = PositionCodec(encoding)

    def _line_end(self, line: int) -> int:
        """Where line ``line`` (0-based) ends, before its line break."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1]
            return end - (2 if self.text[max(end - 2, 0):end] == "\r\n" else 1)
        return len(self.text)

    def position(self, offset: int) -> types.Position:
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return types.Position(line=line, character=self.codec.client_num_units(self.text[start:offset]))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: types.Position) -> int:
        """The offset a client position names; past a line's end it is the line's end, as LSP says."""
        if position.line >= len(self.starts):
            return len(self.text)
        offset, end = self.starts[position.line], self._line_end(position.line)
        units = 0
        while offset < end and units < position.character:
            units += self.codec.client_num_units(self.text[offset])
            offset += 1
        return offset
