"""The development claim sentences of issue 12 (tests/data/claims-dev/, tuned on): each new
category's recall and false alarms, in the format of the blind material so that
``benchmarks/claims_blind.py --claims-dir tests/data/claims-dev`` scores them too."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

DEV = Path(__file__).parent / "data" / "claims-dev"
CATEGORY_FILES = sorted(p for p in DEV.glob("*.yaml") if p.name not in ("hedges-and-disclaimers.yaml", "short-texts.yaml"))


def _claims(check, text):
    return check(text, select=("claim",))


def _on_span(findings, text, span):
    start = text.index(span)
    return [f for f in findings if f.start < start + len(span) and f.end > start]


@pytest.mark.parametrize("path", CATEGORY_FILES, ids=[p.stem for p in CATEGORY_FILES])
def test_each_category_finds_nine_in_ten_with_few_false_alarms(check, path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    category = data["category"]
    assert len(data["flagged"]) >= 15 and len(data["not_flagged"]) >= 15
    found = [item for item in data["flagged"]
             if any(f.category in {category, *item.get("also", ())}
                    for f in _on_span(_claims(check, item["text"]), item["text"], item["span"]))]
    alarms = [item["text"] for item in data["not_flagged"]
              if any(f.category == category for f in _claims(check, item["text"]))]
    assert len(found) >= 0.9 * len(data["flagged"]), f"{category}: {len(found)}/{len(data['flagged'])}"
    assert len(alarms) <= 0.05 * len(data["not_flagged"]), alarms


def test_hedged_claims_are_one_severity_lower_and_disclaimers_elsewhere_do_not_excuse(check):
    data = yaml.safe_load((DEV / "hedges-and-disclaimers.yaml").read_text(encoding="utf-8"))
    for item in data["hedged"]:
        hits = [f for f in _on_span(_claims(check, item["text"]), item["text"], item["span"])
                if f.category == item["category"]]
        assert hits and all(f.severity != "error" for f in hits), item["text"]
    for item in data["disclaimed"]:
        assert any(f.category == item["category"]
                   for f in _on_span(_claims(check, item["text"]), item["text"], item["span"])), item["text"]
    for item in data["qualified"]:
        assert _claims(check, item["text"]) == [], item["text"]


def test_short_texts_name_their_procedure_and_their_claim(check):
    from cliniclint import lint
    data = yaml.safe_load((DEV / "short-texts.yaml").read_text(encoding="utf-8"))
    for item in data["texts"]:
        result = lint.run([("short.txt", item["text"].encode())], lint.Config(select=("caveat",))).files[0]
        assert item["procedure"] in (result.procedures or []), item["text"]
        categories = {f.category for f in _claims(check, item["text"])}
        if item["category"] == "none":
            assert not categories, item["text"]
        else:
            assert categories & {item["category"], *item.get("also", ())}, item["text"]
