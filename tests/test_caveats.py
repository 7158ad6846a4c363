"""Caveat family: procedure detection, concept presence, findings, ablation and the corpus judgements."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cliniclint import lint
from cliniclint.lint.engine import Checker
from cliniclint.lint.analysis.caveats import caveat_checklist, concepts, review
from cliniclint.lint.analysis.procedures import procedures
from cliniclint.lint.readers import read_path, read_text



CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DATA = Path(__file__).parent / "data" / "caveat"
CLEAN_MICRONEEDLING = CORPUS / "clean-microneedling-acne-scars.txt"
RF_MICRONEEDLING = DATA / "rf-microneedling-complete.txt"


@pytest.fixture(scope="module")
def checker(rules):
    return Checker(rules, lint.Config(select=("CV",)))


def parse(checker, text: str, format: str = "text"):
    (parsed,) = checker.parse([read_text(text, format)])
    return parsed


def missing(check, text: str, format: str = "text") -> set[tuple[str, str]]:
    return {(f.procedure, f.concept) for f in check(text, format=format, select=("CV",))}


def conveyed(checker, text: str) -> set[str]:
    """Concepts the article conveys for its first procedure, whatever items it leaves out."""
    (first, *_) = parse(checker, text).get(review)
    return {concept for concept, check in first.checks.items() if check.evidence is not None}


def without(text: str, *starts: str) -> str:
    """``text`` minus the blank-line-separated passages that begin with one of ``starts``."""
    passages = text.split("\n\n")
    kept = [p for p in passages if not p.lstrip().startswith(starts)]
    assert len(passages) - len(kept) == len(starts), f"each of {starts} must begin exactly one passage"
    return "\n\n".join(kept)


# --- procedure detection ---------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("The vampire facial explained\n\nWe draw a little of your blood.", {"prp"}),
    ("What are anti-wrinkle injections?\n\nThey relax the muscles that cause lines.", {"botulinum-toxin"}),
    ("Dysport or Xeomin?\n\nBoth relax frown lines.", {"botulinum-toxin"}),
    ("Collagen induction therapy\n\nFine needles prick the skin.", {"microneedling"}),
    ("Lip filler and Botox: what to know\n\nBoth are injected.", {"dermal-filler", "botulinum-toxin"}),
    ("RF microneedling for loose skin\n\nHeat tightens the skin.", {"rf-microneedling"}),
])
def test_procedures_named_in_the_title_are_detected_through_their_synonyms(checker, text, expected):
    assert {p.id for p in parse(checker, text).get(procedures)} == expected


def test_a_passing_comparison_does_not_make_the_article_about_that_procedure(checker):
    text = (
        "Microneedling for acne scars\n\n"
        "Microneedling makes tiny punctures that trigger healing. Microneedling suits most scars.\n\n"
        "Unlike laser resurfacing, microneedling leaves the surface of the skin intact. "
        "Compared with laser resurfacing and chemical peels, microneedling has less downtime.\n\n"
        "Microneedling vs. other treatments\n\n"
        "Laser resurfacing: laser resurfacing removes layers of skin.\n\n"
        "Dermal fillers: fillers lift deep scars for a few months.\n"
    )
    assert [p.id for p in parse(checker, text).get(procedures)] == ["microneedling"]


def test_a_procedure_discussed_throughout_the_body_is_detected_without_the_title(checker):
    text = (
        "Our winter treatment guide\n\n"
        "Chemical peels\n\n"
        "A chemical peel removes damaged outer layers. A medium-depth peel reaches further. "
        "Your chemical peel is tailored to your skin.\n"
    )
    assert [p.id for p in parse(checker, text).get(procedures)] == ["chemical-peel"]


def test_a_file_about_no_procedure_gets_no_caveat_findings(checker, check):
    text = (
        "Five ways to look after your skin this summer\n\n"
        "Wear a broad-spectrum sunscreen every day and reapply it every two hours outdoors. "
        "Drink water, and use a light moisturiser. If you are planning a peel, ask your clinic first.\n"
    )
    assert parse(checker, text).get(procedures) == []
    assert check(text, select=("CV",)) == []


# --- concepts: what conveys one, and what is a claim instead ----------------

ARTICLE = "Microneedling at our clinic\n\nMicroneedling uses fine needles to renew the skin. {}\n"


@pytest.mark.parametrize("sentence", [
    "Side effects may include redness and swelling.",
    "Possible complications include infection and darker patches of skin.",
    "Like any procedure, it carries some risk of infection and scarring.",
    "Rarely, people develop an infection or an allergic reaction.",
    "Serious complications are uncommon, but no procedure is completely free of them.",
])
def test_statements_of_risk_convey_risks(check, sentence):
    assert ("microneedling", "risks") not in missing(check, ARTICLE.format(sentence))


@pytest.mark.parametrize("sentence", [
    "The treatment is completely risk-free.",
    "There are no side effects.",
    "It renews the skin without any side effects.",
    "Always choose an expert to ensure no side effects.",
    "The risks of scarring are marginal when it is done by a specialist.",
    "It does not cause any side effects.",
    "Microneedling can reduce scarring and fade hyperpigmentation.",
    "Your skin will look red for a day or two.",
])
def test_claims_of_safety_and_benefits_do_not_convey_risks(check, sentence):
    assert ("microneedling", "risks") in missing(check, ARTICLE.format(sentence))


@pytest.mark.parametrize(("concept", "sentence"), [
    ("contraindications", "It is not suitable if you are pregnant or have a bleeding disorder."),
    ("contraindications", "If you take blood thinners, tell your practitioner before treatment."),
    ("practitioner", "It should only be performed by a qualified, registered practitioner."),
    ("practitioner", "Every treatment starts with a consultation."),
    ("expectations", "Results vary from person to person and cannot be guaranteed."),
    ("expectations", "Improvement builds gradually over several months."),
    ("sessions", "Most people need three to six sessions."),
    ("sessions", "Treatments are spaced four weeks apart."),
    ("aftercare", "Wear sunscreen every day and avoid makeup for 24 hours."),
    ("downtime", "Redness usually settles within two or three days."),
    ("downtime", "Most people return to work after a day or two."),
    ("downtime", "Most people take seven to ten days off work."),
    ("sessions", "Some people choose a second procedure a year or more later to add density."),
    ("contraindications", "Who can't have microneedling?"),
    ("contraindications", "You should not have microneedling while you have a cold sore."),
    ("contraindications", "We won't treat anyone with an infection in the area."),
    ("practitioner", "At your consultation we look at your skin and go through your medical history."),
    ("aftercare", "Don't touch, scratch or pick at the treated skin."),
    ("aftercare", "You'll get a written aftercare plan."),
])
def test_each_concept_is_recognised_in_ordinary_clinic_wording(checker, concept, sentence):
    assert concept in conveyed(checker, ARTICLE.format(sentence))


@pytest.mark.parametrize(("concept", "sentence"), [
    ("downtime", "There is no downtime."),
    ("downtime", "It requires minimal downtime."),
    ("practitioner", "You do not need a consultation."),
    ("sessions", "Results appear after the first session."),
    ("contraindications", "If you are ready to transform your skin, consult us today."),
    ("contraindications", "It doesn't have any downtime, so it suits people who don't have time to recover."),
    ("contraindications", "Microneedling does not treat deep wrinkles."),
    ("downtime", "You wear the trays for an hour or two during the day."),
    ("downtime", "It takes a few weeks until the effect wears off."),
    ("expectations", "Less common side effects include pinpoint scabbing and temporary darkening of the skin."),
    ("expectations", "Common, usually temporary effects include swelling and scabs."),
    ("sessions", "Serious burns are rare, some needing further treatment."),
    ("practitioner", "Book your free consultation online today."),
    ("aftercare", "Post-treatment redness is normal."),
    ("aftercare", "Our serum does not contain alcohol."),
    ("aftercare", "UK regulations don't allow whitening products above 0.1% peroxide for under-18s."),
])
def test_claims_and_marketing_do_not_convey_the_concept(checker, concept, sentence):
    assert concept not in conveyed(checker, ARTICLE.format(sentence))


@pytest.mark.parametrize(("concept", "sentence", "evidence"), [
    ("risks", "Less common side effects include pinpoint scabbing.", "common side effects"),
    ("practitioner", "Every treatment starts with a consultation.", "starts with a consultation"),
    ("contraindications", "Who can't have microneedling?", "Who can't have"),
    ("sessions", "Some people choose a second procedure later.", "second procedure"),
])
def test_the_evidence_is_the_phrase_that_conveys_the_concept(checker, concept, sentence, evidence):
    parsed = parse(checker, ARTICLE.format(sentence))
    (first, *_) = parsed.get(review)
    block, start, end = first.checks[concept].evidence
    assert parsed.document.blocks[block].text[start:end] == evidence


def test_rf_microneedling_must_name_what_microneedling_must_name(check):
    text = (
        "RF microneedling for loose skin\n\n"
        "RF microneedling is not suitable if you are pregnant, have active acne or tend to form keloid scars.\n"
    )
    (finding,) = check(text, select=("CV102",))
    assert finding.severity == "warning"
    assert "isotretinoin" in finding.message
    named = text.replace("scars.", "scars, or have taken isotretinoin in the last six months.")
    assert check(named, select=("CV102",)) == []


def test_caveats_about_a_compared_procedure_do_not_count_for_the_subject(check):
    text = ARTICLE.format("Laser resurfacing, by contrast, can take two weeks to heal.")
    assert ("microneedling", "downtime") in missing(check, text)


# --- findings --------------------------------------------------------------

def test_findings_are_anchored_at_the_title_with_severity_and_suggestion(check):
    text = "Lip fillers explained\n\nLip filler adds volume with a hyaluronic acid gel.\n"
    findings = {f.concept: f for f in check(text, select=("CV",))}
    assert set(findings) == set(concepts())
    assert {f.text for f in findings.values()} == {"Lip fillers explained"}
    assert findings["risks"].severity == findings["contraindications"].severity == "error"
    assert "blindness" in findings["risks"].suggestions[0]  # the procedure-specific suggestion
    assert "dermal fillers" in findings["risks"].message


def test_without_a_title_the_finding_is_at_the_first_mention(check):
    text = ("Our clinic offers many treatments. Lip filler adds volume. Lip filler lasts months.\n\n"
            "Lip filler is popular. Lip filler is made of hyaluronic acid. Lip filler can be dissolved.\n")
    findings = check(text, select=("CV101",))
    assert [(f.text, f.procedure) for f in findings] == [("Lip filler", "dermal-filler")]


def test_a_concept_without_its_required_item_is_missing_in_part(check):
    text = (
        "Lip fillers explained\n\n"
        "Side effects of lip filler include bruising, swelling and tenderness.\n"
    )
    (finding,) = check(text, select=("CV101",))
    assert finding.severity == "warning"
    assert "blood vessel" in finding.message
    named = text.replace("tenderness.", "tenderness. Rarely, filler injected into a blood vessel can cause blindness.")
    assert check(named, select=("CV101",)) == []


def test_checklist_gives_evidence_spans_for_present_concepts(checker):
    parsed = checker.parse([read_path(str(RF_MICRONEEDLING))])[0]
    checklist = caveat_checklist(parsed)
    assert set(checklist) == {"rf-microneedling"}
    for concept, evidence in checklist["rf-microneedling"].items():
        assert evidence is not None, concept
        block, start, end = evidence
        assert parsed.document.blocks[block].text[start:end].strip()


# --- ablation: remove the passage that conveys one concept ------------------

CLEAN_PASSAGES = {
    "practitioner": "Microneedling should be carried out by",
    "contraindications": "Microneedling is not suitable for everyone.",
    "risks": "Like any procedure that breaks the skin",
    "expectations": "Microneedling improves the appearance",
    "sessions": "Most people need a course",
    "downtime": "For two to three days",
    "aftercare": "For the first 24 hours",
}

RF_SECTIONS = {
    "practitioner": "Who we treat",
    "contraindications": "Who should not have it",
    "risks": "Side effects and complications",
    "expectations": "What results to expect",
    "sessions": "How many treatments",
    "downtime": "Recovery",
    "aftercare": "Looking after your skin",
}


def test_the_complete_articles_miss_nothing(check):
    assert missing(check, CLEAN_MICRONEEDLING.read_text(encoding="utf-8")) == set()
    assert missing(check, RF_MICRONEEDLING.read_text(encoding="utf-8")) == set()


@pytest.mark.parametrize("concept", concepts())
def test_ablating_a_concept_from_the_clean_microneedling_article(check, concept):
    text = without(CLEAN_MICRONEEDLING.read_text(encoding="utf-8"), CLEAN_PASSAGES[concept])
    assert missing(check, text) == {("microneedling", concept)}


@pytest.mark.parametrize("concept", concepts())
def test_ablating_a_concept_from_the_rf_microneedling_article(check, concept):
    source = RF_MICRONEEDLING.read_text(encoding="utf-8")
    heading = RF_SECTIONS[concept]
    section = source.split(f"\n\n{heading}\n\n", 1)[1].split("\n\n", 1)[0]
    text = without(source, heading, section)
    assert missing(check, text) == {("rf-microneedling", concept)}


def test_ablating_the_rf_specific_risks_leaves_them_missing_in_part(check):
    source = RF_MICRONEEDLING.read_text(encoding="utf-8")
    sentence = next(s for s in source.split(". ") if "burns, scarring" in s)
    findings = check(source.replace(sentence + ".", ""), select=("CV",))
    assert [(f.concept, f.severity) for f in findings] == [("risks", "warning")]


# --- the annotated corpus ----------------------------------------------------

def _annotated():
    for path in sorted((CORPUS / "annotations" / "caveat").glob("*.yaml")):
        article = CORPUS / path.name.removesuffix(".yaml")
        yield pytest.param(article, yaml.safe_load(path.read_text(encoding="utf-8")), id=article.name)


@pytest.mark.parametrize(("article", "annotation"), list(_annotated()))
def test_every_corpus_judgement_matches_the_annotation(checker, article, annotation):
    (parsed,) = checker.parse([read_path(str(article))])
    findings = checker.findings(parsed)
    expected = annotation.get("procedures") or {}
    assert {p.id for p in parsed.get(procedures)} == set(expected)
    reported = {(f.procedure, f.concept) for f in findings}
    for procedure, judged in expected.items():
        for concept in judged.get("missing") or []:
            assert (procedure, concept) in reported, f"{procedure}/{concept} should be reported missing"
        for concept in judged.get("present") or []:
            assert (procedure, concept) not in reported, f"{procedure}/{concept} is present"
    assert {p for p, _ in reported} <= set(expected)
