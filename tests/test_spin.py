"""Spun phrasing (family ``spin``): spins the seeds never show, and well-written copy left alone.

The corpus bars are in test_quality.py.
"""

from __future__ import annotations

import pytest

from cliniclint import lint


# The table rules. The unseen spins check what the tables map back; the spin model
# (SP104) adds evidence of its own there and is measured by benchmarks/spin_dev.py.
TABLES = ("SP101", "SP102", "SP103")


def spin_findings(check, text: str, select=("spin",), **settings) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(f.code, f.text, f.suggestions) for f in check(text, select=select, **settings)]


# --- the mechanism on unseen spins of other procedures ----------------------------

UNSEEN_SPINS = [
    (  # laser hair removal
        "Laser hair elimination suits most skin varieties, but photo voltaic publicity "
        "can cause facet results.",
        {"Laser hair elimination": "Laser hair removal", "skin varieties": "skin types",
         "photo voltaic publicity": "sun exposure", "facet results": "side effects"},
    ),
    (  # dermal fillers
        "Dermal fillers smooth wonderful traces and restore facial quantity, with delicate "
        "swelling at the injection web site.",
        {"wonderful traces": "fine lines", "facial quantity": "facial volume",
         "delicate swelling": "mild swelling", "injection web site": "injection site"},
    ),
    (  # botulinum toxin
        "Botox relaxes the muscular tissues that cause frown traces and crow's ft.",
        {"relaxes the muscular tissues": "relaxes the muscles", "frown traces": "frown lines",
         "crow's ft": "crow's feet"},
    ),
    (  # PRP
        "The vampire facial uses platelet-wealthy plasma to spice up collagen manufacturing.",
        {"platelet-wealthy plasma": "platelet-rich plasma", "spice up collagen": "boost collagen",
         "collagen manufacturing": "collagen production"},
    ),
    (  # teeth whitening
        "Whitening can cause momentary tooth level of sensitivity and chewing gum irritation.",
        {"tooth level of sensitivity": "tooth sensitivity", "chewing gum irritation": "gum irritation"},
    ),
    (  # chemical peel, hair transplant
        "After a chemical peel, expect write-up-peel flaking; grafts come from the donor location.",
        {"write-up-peel": "post-peel", "donor location": "donor area"},
    ),
    (  # laser resurfacing
        "Laser resurfacing leaves a prolonged-long lasting, scar-cost-free finish with undesirable hair gone.",
        {"prolonged-long lasting": "long-lasting", "scar-cost-free": "scar-free", "undesirable hair": "unwanted hair"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), UNSEEN_SPINS, ids=lambda v: str(v)[:30])
def test_unseen_spin_is_found_and_mapped_back(check, text, expected):
    found = {found: suggestions[0] for _, found, suggestions in spin_findings(check, text, select=TABLES)}
    assert found == expected


WELL_WRITTEN = [
    "Laser hair removal suits most skin types, but sun exposure before sessions raises the risk of side effects.",
    "Dermal fillers soften fine lines and restore facial volume; mild swelling at the injection site is common.",
    "Botox relaxes the muscles that cause frown lines and crow's feet.",
    "The vampire facial uses your own platelet-rich plasma to boost collagen production.",
    "Teeth whitening may cause temporary tooth sensitivity and gum irritation.",
    "After a chemical peel, expect post-peel flaking for a few days.",
    "Grafts are taken from the donor area at the back of the scalp.",
    "Laser therapy of the treatment area is a procedure with some downtime.",
    "Light moisturisers help. It minimises large pores and skin roughness.",
    "No procedure is risk-free, and acne can last a long time.",
    "After a peel the skin forms a new protective layer.",
]


@pytest.mark.parametrize("text", WELL_WRITTEN, ids=lambda v: v[:30])
def test_well_written_copy_is_not_flagged(check, text):
    assert spin_findings(check, text) == []


# --- known swaps and their conditions ------------------------------------------


def test_pores_and_skin_is_a_swap_except_where_pores_are_meant(check):
    assert spin_findings(check, "Protect your pores and skin's barrier.")[0][1:] == ("pores and skin", ("skin",))
    assert spin_findings(check, "It unclogs pores and skin texture improves.") == []


def test_capitalised_risk_free_is_a_swap_but_not_at_a_sentence_start(check):
    assert [f[1] for f in spin_findings(check, "Microneedling is generally Risk-free for most people.")] == ["Risk-free"]
    assert spin_findings(check, "Risk-free treatments do not exist, we tell patients.") == []


def test_known_swap_suggestion_is_fixable_only_for_the_exact_table_text(check):
    (exact,) = check("Protect the pores and skin from the sun.", select=("SP101",))
    assert exact.fixable and exact.suggestions == ("skin",)


def test_collocation_suggestion_keeps_inflection_and_drops_spinner_capitals(check):
    findings = spin_findings(check, "After three periods, limit Sunshine publicity for a week.")
    assert ("SP102", "three periods", ("three sessions",)) in findings
    assert ("SP102", "Sunshine publicity", ("sun exposure",)) in findings


def test_collocation_suggestion_keeps_title_case_in_headings(check):
    text = "Hyperpigmentation and Dim Places\n\nThey fade with time."
    assert ("SP102", "Dim Places", ("Dark Spots",)) in spin_findings(check, text)


# --- mid-sentence capitals ------------------------------------------------------


def test_spinner_capital_mid_sentence_is_reported(check):
    codes = {(code, text) for code, text, _ in spin_findings(check, "Fillers give An immediate lift to the cheeks.")}
    assert ("SP103", "An") in codes


def test_capital_inside_a_spun_collocation_is_reported_once(check):
    findings = spin_findings(check, "After treatment, limit Sunshine publicity for a week.")
    assert findings == [("SP102", "Sunshine publicity", ("sun exposure",))]


@pytest.mark.parametrize("text", [
    "Rolling scars\n\nAftercare: Light moisturisers only.",  # lead-in before a colon
    "The American Academy of Dermatology recommends sunscreen for everyone.",  # a name
    "Botulinum toxin type A relaxes muscles for three months.",  # a label
    "Ask the team at Light Clinic. Light Clinic treats acne scars every day.",  # a name used throughout
])
def test_capitals_that_are_not_spin_are_left_alone(check, text):
    assert [f for f in spin_findings(check, text) if f[0] == "SP103"] == []


def test_configured_vocabulary_is_never_a_spun_capital(check):
    text = "Our nurse will Answer every question before you book."
    assert [f[1] for f in spin_findings(check, text) if f[0] == "SP103"] == ["Answer"]
    assert [f for f in spin_findings(check, text, vocabulary=("Answer",)) if f[0] == "SP103"] == []


def test_title_case_line_read_as_a_paragraph_is_not_reported(check):
    text = "I Will Disclose The Ins And Outs Of Microneedling For Acne Marks, Yet What Should You Anticipate?"
    assert spin_findings(check, "Intro line.\n\n" + text) == []


# --- rule data is validated on load -----------------------------------------------


@pytest.mark.parametrize(("kind", "fields", "message"), [
    ("substitution", {"swaps": [{"use": "skin"}]}, "field 'swaps.0.instead-of': Field required"),
    ("substitution", {"swaps": [{"use": "a", "instead-of": "b", "when": {"near": ["x"]}}]},
     "field 'swaps.0.when.near': Extra inputs are not permitted"),
    ("substitution", {"swaps": "no-such-table.yaml"}, "field 'swaps': no data file data/no-such-table.yaml beside the pack or among the built-in tables"),
    ("spin-collocation", {"collocations": "spin-word-swaps.yaml", "swaps": "spin-word-swaps.yaml"},
     "field 'collocations': Input should be a valid tuple"),
    ("spin-collocation", {"collocations": "missing.txt", "swaps": "spin-word-swaps.yaml"},
     "field 'collocations': no data file data/missing.txt beside the pack or among the built-in tables"),
    ("spin-collocation", {"collocations": "spin-collocations.txt", "swaps": "spin-known-swaps.yaml"},
     "field 'swaps': Input should be a valid dictionary or instance of SwapTable"),
    ("spin-capitalisation", {"lowercase-words": "missing.txt", "swaps": "spin-word-swaps.yaml",
                             "collocations": "spin-collocations.txt"},
     "field 'lowercase-words': no data file data/missing.txt beside the pack or among the built-in tables"),
])
def test_bad_rule_data_is_reported_with_the_pack_rule_and_field(tmp_path, kind, fields, message):
    """A user's pack reads tables from the data/ folder beside it; mistakes name the rule and the field."""
    import shutil
    from importlib import resources

    import yaml

    from cliniclint.lint.rules import RulePackError, load_pack

    data = tmp_path / "data"
    data.mkdir()
    for name in ("spin-word-swaps.yaml", "spin-collocations.txt", "spin-known-swaps.yaml"):
        shutil.copy(str(resources.files("cliniclint") / "rules" / "data" / name), data / name)
    pack = tmp_path / "pack.yaml"
    rule = {"code": "SP901", "name": "test-rule", "kind": kind, "severity": "info", "message": "m", "docs": "d",
            **fields}
    pack.write_text(yaml.safe_dump({"family": "spin", "rules": [rule]}), encoding="utf-8")
    with pytest.raises(RulePackError) as raised:
        load_pack(pack)
    assert str(raised.value) == f"{pack}: rule SP901: {message}"


def test_swap_table_has_no_repeated_word():
    """YAML keeps only the last of two equal keys, so a repeated word would silently lose its variants."""
    import re
    from collections import Counter
    from importlib import resources

    text = (resources.files("cliniclint") / "rules" / "data" / "spin-word-swaps.yaml").read_text(encoding="utf-8")
    for section in re.split(r"^(?:strong|weak):\n", text, flags=re.M)[1:]:
        words = Counter(re.findall(r"^  ([\w-]+):", section, re.M))
        assert [word for word, count in words.items() if count > 1] == []


# --- the spin model's two tiers on whole pages ------------------------------------

SPUN_PAGE = (
    "Microneedling is a beauty treatment that utilizes tiny needles to create managed micro-accidents in the "
    "pores and skin. As the pores and skin heals, new collagen is developed, filling in scars and refining "
    "texture. A session ordinarily lasts thirty to sixty minutes, dependant upon the measurement of the region."
)


def _ungated(rules, text: str, select=("spin",)):
    """Spin findings of ``text`` without the ``spin-evidence`` gate: what the verdict decides on."""
    from cliniclint.lint.grammar import GrammarSession
    from cliniclint.lint.postprocess import PIPELINE, Pipeline
    from cliniclint.lint.readers import read_text
    from cliniclint.lint.runner import Linter

    config = lint.Config(select=select)
    with GrammarSession(rules, config) as grammar:
        linter = Linter(rules, config, grammar)
        linter.pipeline = Pipeline(rules, config, names=[name for name in PIPELINE if name != "spin-evidence"])
        result, = linter.lint([read_text(text, "text", "<page>")])
    return result


# A clean page with one swap ("handling" for treatment): evidence the verdict weighs, too little to call it spun.
ONE_SLIP_PAGE = "\n\n".join([
    "Microneedling uses fine needles to make tiny punctures in the skin, which prompts it to make new collagen.",
    "Most people need three to six sessions, four to six weeks apart, and the redness settles within two days.",
    "Avoid direct sunlight and wear a broad-spectrum sunscreen every day for two weeks after the handling.",
    "Your practitioner will ask about your medical history, medicines and any skin conditions before treatment.",
    "Results build gradually as collagen forms over the following months, and a yearly session maintains them.",
])


def test_lower_tier_evidence_shows_only_on_pages_the_verdict_does_not_call_clean(rules, check):
    from cliniclint.lint.verdict import is_evidence_only

    ungated = _ungated(rules, ONE_SLIP_PAGE)
    assert ungated.spin_verdict == "clean"
    # The slip, and weak candidates of the lowest tier ("prompts", "session", "maintains"; round 15's model
    # added "session" below its lower candidate tier): all only evidence for the verdict.
    assert [f.text for f in ungated.findings if is_evidence_only(f)] == ["prompts", "handling", "session", "maintains"]
    assert not any(is_evidence_only(f) for f in check(ONE_SLIP_PAGE, select=("spin",)))
    # The model's own evidence makes this page spun: all of it is shown.
    model_only = ("SP104", "SP105")
    spun = _ungated(rules, SPUN_PAGE, model_only)
    assert spun.spin_verdict != "clean"
    assert any(f.severity == "info" for f in spun.findings)
    shown = [(f.code, f.start, f.end, f.severity) for f in check(SPUN_PAGE, select=model_only)]
    assert shown == [(f.code, f.start, f.end, f.severity) for f in spun.findings]


def test_where_the_tables_alone_show_a_page_spun_the_models_weakest_tier_is_left_out(rules, check):
    ungated = _ungated(rules, SPUN_PAGE)
    tables = [f for f in ungated.findings if f.confidence is None]
    assert ungated.spin_verdict == "spun" and tables
    shown = check(SPUN_PAGE, select=("spin",))
    assert [(f.code, f.start) for f in shown] == [
        (f.code, f.start) for f in ungated.findings if f.confidence is None or f.severity != "info"]
