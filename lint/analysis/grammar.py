"""What the run's grammar backend says about a document, asked once per document.

The backend session (:mod:`cliniclint.lint.grammar`) does the talking; this
analysis is where checking meets it, so grammar rules only route and filter.
"""

from __future__ import annotations

from ..grammar.client import LocatedIssue
from . import ParsedDocument, analysis


@analysis("grammar-issues")
def grammar_issues(parsed: ParsedDocument) -> list[LocatedIssue]:
    session = parsed.context.grammar
    return session.issues(parsed.document) if session is not None else []
