"""Document verdict: is this article machine-spun?

Single spin findings can be a writer's slip; a spinner leaves them all over
the page. The verdict weighs every piece of evidence by how sure it is:

* a finding with a confidence (the spin model's, article agreement) counts
  the part of its confidence above ``EVIDENCE_FLOOR``, rescaled to 0-1:
  the model's weakest candidates point at the phrases on a spun page but
  weigh little as evidence;
* other spin findings count ``TABLE_WEIGHT`` (the known-swap and collocation
  tables are precise) or, at ``info`` severity (capitals mid-sentence),
  ``INFO_WEIGHT``;
* spam findings count ``SPAM_WEIGHT``: spam travels with spun copy, but is
  no proof of it.

The evidence, summed and per 100 words of linted text, gives three verdicts:
"spun" (shown as "likely machine-spun"), "possibly-spun" and "clean" ("no
sign of spinning"). Both the sum and the density must reach a tier: a long
clean page collects a few weak candidates by chance (the sum is not enough)
and a two-line text with one slip is not spun (the density is not enough).

The spin model's findings (those that carry a confidence) are evidence
first: they are shown only where the verdict is not "clean"
(:func:`keep_evidence_if_spun`), as warnings when the model is sure and as
``info`` otherwise. A statistical model finds a misfit word now and then in
any page, so a clean page shows none of them: an editor reading it sees
nothing, one reading a spun page sees the phrases that gave it away.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .finding import Finding

SPUN, POSSIBLY_SPUN, CLEAN = "spun", "possibly-spun", "clean"
LABELS = {SPUN: "likely machine-spun", POSSIBLY_SPUN: "possibly machine-spun", CLEAN: "no sign of spinning"}

TABLE_WEIGHT = 0.9
INFO_WEIGHT = 0.4
SPAM_WEIGHT = 0.3
EVIDENCE_FLOOR = 0.7  # a confidence at or below this is no evidence


@dataclass(frozen=True)
class Tier:
    evidence: float  # summed weight at least
    density: float  # and weight per 100 words at least


# Calibrated on dev material with tools/spin/calibrate_verdict.py: 160 MedQuAD dev
# answers, the dev domain prose and the corpus's heldout-* pages (173 clean
# documents) against simulated spins of the same texts at 3-20 % and the spun
# seeds. "possibly" called 2 of the 173 clean documents spun and caught 29 %,
# 49 %, 68 % and 73 % of the documents spun at 3, 6, 10 and 20 %, and both seeds;
# "spun" called none of the clean documents spun.
TIERS = {SPUN: Tier(evidence=4.0, density=1.2), POSSIBLY_SPUN: Tier(evidence=1.5, density=0.6)}


def weight(finding: Finding) -> float:
    if finding.family == "spam":
        return SPAM_WEIGHT
    if finding.family != "spin":
        return 0.0
    if finding.confidence is not None:
        return max(0.0, (finding.confidence - EVIDENCE_FLOOR) / (1 - EVIDENCE_FLOOR))
    return INFO_WEIGHT if finding.severity == "info" else TABLE_WEIGHT


def is_evidence_only(finding: Finding) -> bool:
    """Spin-model evidence: shown only in documents the verdict does not call clean."""
    return finding.family == "spin" and finding.confidence is not None


def spin_verdict(findings: Iterable[Finding], words: int) -> tuple[float, str]:
    """(spin findings per 100 words, rounded to 2 places; "spun", "possibly-spun" or "clean")."""
    findings = list(findings)
    count = sum(1 for finding in findings if finding.family == "spin")
    density = round(100 * count / words, 2) if words else 0.0
    evidence = sum(weight(finding) for finding in findings)
    per_hundred = 100 * evidence / words if words else 0.0
    for verdict in (SPUN, POSSIBLY_SPUN):
        tier = TIERS[verdict]
        if evidence >= tier.evidence and per_hundred >= tier.density:
            return density, verdict
    return density, CLEAN


def keep_evidence_if_spun(findings: Sequence[Finding], words: int) -> list[Finding]:
    """``findings`` without spin-model evidence, unless the page needs it to be seen as spun.

    The model's findings are dropped where the verdict is "clean", and also
    where the precise findings alone (the tables', capitals, spam) already
    make the page likely spun: the verdict and its most reliable evidence are
    then there for the editor, and the model's less certain spans — on such a
    page, mostly acceptable synonyms the spinner chose — would bury them.
    Either way the verdict the report computes from the kept findings is the
    one decided here (dropping evidence never lowers a verdict below "clean",
    and the precise findings keep "spun" on their own).
    """
    precise = [finding for finding in findings if not is_evidence_only(finding)]
    if spin_verdict(findings, words)[1] == CLEAN or spin_verdict(precise, words)[1] == SPUN:
        return precise
    return list(findings)
