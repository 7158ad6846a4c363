"""Document verdict: is this article machine-spun?

Single spin findings can be a writer's slip; a spinner leaves them all over
the page. The verdict is a score over what the spin and spam findings say
about the page as a whole (:data:`FEATURES`, each per 100 words):

* ``model_evidence``: the findings with a confidence (the spin model's,
  article agreement), each counting the part of its confidence above
  ``EVIDENCE_FLOOR``, rescaled to 0-1: the model's weakest candidates point
  at the phrases on a spun page but weigh little as evidence;
* ``candidates``: how many such findings there are, whatever their
  confidence (a spun page is dense with weak misfits too);
* ``tables``: the known-swap and collocation tables' findings (precise);
* ``capitals``: capitals mid-sentence (the table rules' ``info`` findings);
* ``spam``: spam travels with spun copy, but is no proof of it.

Densities are taken over at least ``MIN_WORDS`` words, and a page needs at
least ``MIN_EVIDENCE`` findings that add to its score: one slip, however
sure, in a two-line text or a long page is a writer's, not a spinner's. The score is a weighted sum with non-negative
weights (calibrated by ``tools/spin/calibrate_verdict.py`` on dev documents,
clean against simulated spins at 10-40 % by several spinner policies): more
evidence never makes a page read cleaner. The evidence floor and the tiers
are chosen there on the hand-written dev pages as well: a commercial
spinner's light touch (5-10 % of the words) leaves a handful of mid-confidence
misfits, which a floor tuned on heavy simulated spins alone ignored. Two tiers of the score give three
verdicts: "spun" (shown as "likely machine-spun"), "possibly-spun" and
"clean" ("no sign of spinning").

"Likely" also needs evidence of more than one kind (:data:`EVIDENCE_KINDS`:
the model's misfits, the tables' known swaps, capitals), unless the tables'
findings alone reach its tier. A page about an unusual topic (woodworking,
hurricanes, a clinic's awards) is full of words clinic and medical prose
rarely uses, and the model alone can be fairly sure of several of them; a
spinner's page also carries its dictionary's stock swaps and capitals. On
dev (tools/spin/README.md, round 3) this left no clean document likely spun
and kept every simulated spin the model alone flags at "possibly".
Capitals alone make no verdict: flattened lists ("may include: Short
stature Abnormal growth") capitalise words mid-line, and a spinner's
capitals come with its swaps. For the same reason a single capital is no
kind of evidence towards "likely" (``MIN_CAPITALS``).

What is shown, so that clean pages stay quiet and spun ones show what gave
them away (:func:`keep_evidence_if_spun`):

* the table rules' findings: on any page;
* the spin model's findings it is very sure of (``STANDALONE`` and up): on
  any page;
* its other findings (warnings from its ``warning`` tier, ``info`` below)
  and article agreement: only on pages the verdict calls possibly or likely
  spun. Where the table rules alone already make the page likely spun, its
  ``info`` findings are left out there too: the page's verdict and its most
  precise evidence are shown, and on the corpus's spun seeds 73 of the 76
  weaker candidates such a page collects were synonyms an editor lets stand.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .finding import Finding

SPUN, POSSIBLY_SPUN, CLEAN = "spun", "possibly-spun", "clean"

EVIDENCE_FLOOR = 0.7  # a confidence at or below this is no evidence (0.8 in round 3, 0.65 until round 15; see tools/spin/README.md)
# A model finding at least this sure stands on its own. On dev (tools/spin/README.md, round 4) no
# hand-spun artifact reached 0.99, while clean dev text did ("guests", "difficulties", "table salt"):
# 0.995 keeps those quiet and hides 9 of 10,287 findings shown on simulated spins.
STANDALONE = 0.995
MIN_WORDS = 150  # densities of shorter texts are taken over this many words
MIN_EVIDENCE = 2  # findings that add to the score, below which a page is clean
FEATURES = ("model_evidence", "candidates", "tables", "capitals", "spam")
EVIDENCE_KINDS = ("model", "tables", "capitals")  # spam travels with spun copy but is no kind of spinning
LIKELY_KINDS = 2  # kinds of evidence a page needs to be likely spun (unless the tables alone make it)
# One capital mid-line is a flattened list's or an inline title's ("The", "Many" after a list): on the
# MedQuAD dev lines it made three answers likely spun beside the model's misfits (tools/spin/README.md).
MIN_CAPITALS = 2

# Calibrated with tools/spin/calibrate_verdict.py (see its output in tools/spin/README.md).
WEIGHTS = {"model_evidence": 1.0, "candidates": 0.0, "tables": 1.0, "capitals": 0.4, "spam": 0.3}
TIERS = {SPUN: 2.0, POSSIBLY_SPUN: 1.1}  # round 15 (spun 1.5 before)


def _kind(finding: Finding) -> str | None:
    if finding.family == "spam":
        return "spam"
    if finding.family != "spin":
        return None
    if finding.confidence is not None:
        return "model"
    return "capitals" if finding.severity == "info" else "tables"


def features(findings: Iterable[Finding], words: int) -> tuple[float, ...]:
    """The verdict's features of a document (in :data:`FEATURES` order), per 100 words."""
    totals = dict.fromkeys(FEATURES, 0.0)
    for finding in findings:
        kind = _kind(finding)
        if kind == "model":
            totals["model_evidence"] += max(0.0, (finding.confidence - EVIDENCE_FLOOR) / (1 - EVIDENCE_FLOOR))
            totals["candidates"] += 1
        elif kind is not None:
            totals[kind] += 1
    per = 100 / max(words, MIN_WORDS)
    return tuple(totals[name] * per for name in FEATURES)


def _adds_evidence(finding: Finding) -> bool:
    kind = _kind(finding)
    if kind == "model":
        return WEIGHTS["model_evidence"] > 0 and finding.confidence > EVIDENCE_FLOOR
    return kind is not None and WEIGHTS[kind] > 0


def score(findings: Iterable[Finding], words: int) -> float:
    return sum(WEIGHTS[name] * value for name, value in zip(FEATURES, features(findings, words)))


def is_evidence_only(finding: Finding) -> bool:
    """Evidence shown only in documents the verdict does not call clean: the model's findings (and
    article agreement) below ``STANDALONE``."""
    return finding.family == "spin" and finding.confidence is not None and finding.confidence < STANDALONE


def _is_weak(finding: Finding) -> bool:
    return is_evidence_only(finding) and finding.severity == "info"


def spin_verdict(findings: Iterable[Finding], words: int) -> tuple[float, str]:
    """(spin findings per 100 words, rounded to 2 places; "spun", "possibly-spun" or "clean")."""
    findings = list(findings)
    count = sum(1 for finding in findings if finding.family == "spin")
    density = round(100 * count / words, 2) if words else 0.0
    kinds = _evidence_kinds(findings)
    enough = sum(map(_adds_evidence, findings)) >= MIN_EVIDENCE and bool(kinds - {"capitals"})
    value = score(findings, words) if enough else 0.0
    if value >= TIERS[SPUN] and _diverse(findings, kinds, words):
        return density, SPUN
    if value >= TIERS[POSSIBLY_SPUN]:
        return density, POSSIBLY_SPUN
    return density, CLEAN


def _evidence_kinds(findings: list[Finding]) -> set[str]:
    """The kinds of evidence on a page; capitals count from :data:`MIN_CAPITALS` on."""
    kinds = {_kind(finding) for finding in findings if _adds_evidence(finding)} & set(EVIDENCE_KINDS)
    if sum(_kind(finding) == "capitals" for finding in findings) < MIN_CAPITALS:
        kinds.discard("capitals")
    return kinds


def _diverse(findings: list[Finding], kinds: set[str], words: int) -> bool:
    """Whether the evidence is of :data:`LIKELY_KINDS` kinds, or the tables' findings alone reach "spun"."""
    if len(kinds) >= LIKELY_KINDS:
        return True
    tables = [finding for finding in findings if _kind(finding) in ("tables", "capitals")]
    return score(tables, words) >= TIERS[SPUN]


def keep_evidence_if_spun(findings: Sequence[Finding], words: int) -> list[Finding]:
    """``findings`` as shown: without evidence-only findings where the verdict they make is "clean", and
    without the weak (``info``) ones where the findings without a confidence alone make it "spun".

    The verdict the report computes from the kept findings is the one decided here: dropping
    evidence never raises the score, and what is kept in the second case makes "spun" on its own.
    """
    verdict = spin_verdict(findings, words)[1]
    if verdict == CLEAN:
        return [finding for finding in findings if not is_evidence_only(finding)]
    precise = [finding for finding in findings if finding.confidence is None]
    if verdict == SPUN and spin_verdict(precise, words)[1] == SPUN:
        return [finding for finding in findings if not _is_weak(finding)]
    return list(findings)
