"""Kind ``unused-suppression``: a suppression comment that silences nothing.

Whether a comment silenced anything is known only once every other rule has
run, so the ``suppression`` post-processor (:mod:`cliniclint.lint.postprocess`)
reports these findings; the kind declares the rule and its message.
"""

from __future__ import annotations

from . import ProcessorKind


class UnusedSuppression(ProcessorKind, name="unused-suppression"):
    processor = "suppression"
    message_fields = frozenset({"problem"})
