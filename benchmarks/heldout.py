"""Recall and precision on held-out sentences written blind to the detectors.

    python benchmarks/heldout.py

tests/data/heldout/ holds spun and clean clinic sentences and claim / non-claim
sentences that were written without looking at cliniclint's rules (see its
README). The corpus quality gate measures what the rules were tuned on; this
measures how far they generalise. It prints numbers rather than asserting a
bar: once a rule author has read these sentences they are no longer held out.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from cliniclint import lint
from cliniclint.lint.rules import EXAMPLE_MARK

HELDOUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "heldout"


def _spans(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The sentence without [[marks]], and the character spans the marks enclosed."""
    text, spans = "", []
    position = 0
    for match in EXAMPLE_MARK.finditer(marked):
        text += marked[position:match.start()]
        spans.append((len(text), len(text) + len(match.group(1))))
        text += match.group(1)
        position = match.end()
    return text + marked[position:], spans


def _overlaps(finding, spans) -> bool:
    return any(finding.start < end and start < finding.end for start, end in spans)


def spin(rules) -> None:
    config = lint.Config(select=("spin",))
    spun = yaml.safe_load((HELDOUT / "spun-sentences.yaml").read_text(encoding="utf-8"))
    clean = yaml.safe_load((HELDOUT / "clean-sentences.yaml").read_text(encoding="utf-8"))
    artifacts = found = stray = 0
    for item in spun:
        text, spans = _spans(item["text"])
        findings = lint.check_text(text, config=config, rules=rules)
        artifacts += len(spans)
        found += sum(any(f.start < end and start < f.end for f in findings) for start, end in spans)
        stray += sum(not _overlaps(f, spans) for f in findings)
    clean_alarms = [(f.code, f.text) for sentence in clean
                    for f in lint.check_text(sentence, config=config, rules=rules)]
    print(f"spin: {found}/{artifacts} artifacts found (recall {found / artifacts:.2f}) in {len(spun)} spun sentences; "
          f"{stray} findings outside marked artifacts; "
          f"{len(clean_alarms)} false alarms in {len(clean)} clean sentences")
    for code, text in clean_alarms:
        print(f"  clean false alarm: {code} {text!r}")


def claims(rules) -> None:
    config = lint.Config(select=("claim",))
    data = yaml.safe_load((HELDOUT / "claim-sentences.yaml").read_text(encoding="utf-8"))
    right = flagged = 0
    for item in data["claims"]:
        findings = lint.check_text(item["text"], config=config, rules=rules)
        flagged += bool(findings)
        right += any(f.category == item["category"] for f in findings)
    alarms = [(item["why"], f.category, f.text, item["text"]) for item in data["not_claims"]
              for f in lint.check_text(item["text"], config=config, rules=rules)]
    total = len(data["claims"])
    print(f"claims: {right}/{total} flagged with the right category (recall {right / total:.2f}), "
          f"{flagged}/{total} flagged at all; {len(alarms)} of {len(data['not_claims'])} non-claims flagged")
    for why, category, text, sentence in alarms:
        print(f"  false alarm ({why}): {category} {text!r} in {sentence!r}")


if __name__ == "__main__":
    rules = lint.load_rules()
    spin(rules)
    claims(rules)
