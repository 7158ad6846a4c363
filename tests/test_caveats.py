"""Caveat family: procedure detection, concept presence, findings, ablation and the corpus judgements."""

from __future__ import annotations

import copy
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


def evidence_quote(checker, text: str, concept: str) -> str | None:
    """The words by which the article conveys ``concept`` for its first procedure."""
    parsed = parse(checker, text)
    (first, *_) = parsed.get(review)
    evidence = first.checks[concept].evidence
    if evidence is None:
        return None
    block, start, end = evidence
    return parsed.docs[block].text[start:end]


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
    # round 3: harm in plain verbs, without the words risk or side effect
    "Deep needling can leave small pitted marks on thin skin.",
    "In olive and brown skin the treated patches may turn darker for a few months.",
    "Tiny scabs can form where the needles went in.",
    "The nerve under the cheek can be damaged, which makes part of the face feel numb.",
    "Eyelashes near the area can fall out if the device slips.",
    "Pigment from a previous tattoo can blur or spread under the needles.",
    "Chewing can feel awkward while the jaw is swollen.",
    "Expect some bruising along the jawline.",
    "An unsterile needle can pass on hepatitis.",
    "Skin in the treated area can break down if the needles go too deep.",
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
    # round 3: zero as a number, and reassurance that waves risk away
    "It is a gentle treatment with zero side effects.",
    "Complications are so rare that you can forget about them.",
    "It is completely safe and nothing can go wrong.",
    "Home rollers are hard to clean and can injure the skin.",
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
    # round 3
    ("downtime", "Most clients put their make-up back on the next morning."),
    ("downtime", "You can go back to the gym the following day."),
    ("contraindications", "Conditions such as rosacea rule it out."),
    ("contraindications", "Children are never treated at our clinic."),
    ("practitioner", "Make sure the person treating you can explain each step."),
    ("practitioner", "Our technicians hold a recognised laser safety qualification."),
    ("practitioner", "Every room is licensed by the local authority."),
    ("expectations", "It softens fine lines; it is not a facelift."),
    ("expectations", "It will not fill hollow cheeks."),
    ("expectations", "Not everyone notices a change after one visit."),
    ("expectations", "Your skin looks fresher rather than dramatically different."),
    ("expectations", "The glow fades as the skin renews itself."),
    ("sessions", "A session every six weeks keeps the skin clear."),
    ("sessions", "You come back every month for a top-up."),
    ("sessions", "Most people need three or four rounds."),
    ("sessions", "We leave a month between treatments."),
    ("sessions", "Start with weekly visits."),
    ("sessions", "Plan on treatments twice a month."),
    ("aftercare", "Wash gently and pat the skin dry."),
    ("aftercare", "Keep away from hot tubs and the gym for a day."),
    ("aftercare", "Let scabs fall off by themselves instead of picking them."),
    ("aftercare", "Keep your hands off your face tonight."),
    ("aftercare", "Sleep on two pillows for the first night."),
    ("downtime", "Leave a week before any big event in case of bruising."),
    ("downtime", "Plan two days at home while the redness fades."),
    ("downtime", "Any bumps flatten within a day."),
    # round 6: limits in plain words, and everyday life straight after
    ("expectations", "It will not give you length or volume."),
    ("expectations", "The pigment fades over three to six years."),
    ("expectations", "Sweating usually returns after a few months."),
    ("expectations", "It cannot hide a raised scar completely."),
    ("downtime", "You can go straight back to work."),
    ("downtime", "Make-up can go on the next day."),
    # round 7: an obligation stated, not denied
    ("practitioner", "You will need to see a doctor before microneedling."),
    ("practitioner", "You have to consult a qualified practitioner first."),
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
    # round 3: steps of the treatment itself, and what to say during or long after it
    ("aftercare", "We finish with a cooling mask and an SPF."),
    ("aftercare", "The nurse cleans your skin and may put on ice packs or numbing gel first."),
    ("contraindications", "Tell the practitioner if the needles feel too sharp."),
    ("contraindications", "If the skin gets too warm, the energy is turned down."),
    ("contraindications", "If you have an x-ray of the face later, mention the treatment."),
    ("contraindications", "Sudden changes in your skin need a doctor, as a medical cause is worth ruling out."),
    # round 6: a test of the skin, the reader's own doctor and what to do if it goes wrong
    ("practitioner", "We start with a test spot on your jawline."),
    ("practitioner", "A patch test of the tint is needed at least 48 hours before your appointment."),
    ("practitioner", "If you get cold sores, speak to your GP about antiviral tablets first."),
    ("practitioner", "We may ask you to see your optician or your own doctor first."),
    ("risks", "If your eyes become sticky, rinse them and seek medical advice the same day."),
    ("practitioner", "You lie on a couch with your legs uncovered while the practitioner cleans the skin."),
    ("expectations", "The nurse does not remove the dressing until the next day."),
    # round 7: what the reader is told they need not do
    ("practitioner", "You don't need to see a doctor before microneedling."),
    ("practitioner", "There is no need to consult a specialist first."),
    ("practitioner", "You never have to speak to a qualified practitioner."),
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

# Judgements the caveat review gets wrong on the corpus, kept visible as strict expected failures:
# the peel's aftercare section (before the microdermabrasion one) is credited to microdermabrasion,
# and "does very little for pigmentation or lines ... top-ups are needed to maintain the effect"
# is not read as realistic expectations. Sections are not yet attributed to the procedure their
# heading names.
KNOWN_CAVEAT_MISJUDGEMENTS = {"heldout-chemical-peel-vs-microdermabrasion.txt"}


def _annotated():
    for path in sorted((CORPUS / "annotations" / "caveat").glob("*.yaml")):
        article = CORPUS / path.name.removesuffix(".yaml")
        marks = ([pytest.mark.xfail(strict=True, reason="known misjudgement")]
                 if article.name in KNOWN_CAVEAT_MISJUDGEMENTS else [])
        yield pytest.param(article, yaml.safe_load(path.read_text(encoding="utf-8")), id=article.name, marks=marks)


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


# --- suggestions: right for the procedure, grammatical, never another's facts ---

def _caveat_rules(rules):
    return {rule.options.concept: rule for rule in rules if rule.kind == "caveat"}


def _procedure_concepts():
    from cliniclint.lint.analysis.procedures import procedure_table, required_concepts
    return [(pid, concept) for pid in procedure_table().procedures for concept in required_concepts(pid)]


@pytest.mark.parametrize(("procedure", "concept"), _procedure_concepts())
def test_every_suggestion_is_a_finished_sentence_about_its_own_procedure(rules, checker, procedure, concept):
    from cliniclint.lint.analysis.procedures import procedure_mentions
    suggestion = _caveat_rules(rules)[concept].checker.suggestion(procedure)
    assert suggestion[0].isupper(), suggestion
    assert suggestion.endswith("."), suggestion
    assert "..." not in suggestion and "…" not in suggestion and "{" not in suggestion, suggestion
    (parsed,) = checker.parse([read_text(suggestion, "text")])
    named = {mention.procedure for mention in parsed.get(procedure_mentions)}
    assert named <= {procedure}, f"{suggestion!r} names {named - {procedure}}"


def test_a_template_whose_verb_would_agree_with_the_procedure_name_is_refused():
    from cliniclint.lint.kinds.caveat import Options
    with pytest.raises(ValueError, match="agree"):
        Options(concept="contraindications", absent="x", suggestion="{procedure_name} is not suitable for everyone.")
    Options(concept="contraindications", absent="x", suggestion="Not everyone can have {procedure_name}.")


def test_a_neutral_suggestion_keeps_a_name_in_its_own_form(rules):
    practitioner = _caveat_rules(rules)["practitioner"].checker
    assert practitioner.suggestion("miradry").startswith("Have miraDry only with a qualified")
    assert practitioner.suggestion("dermaplaning").startswith("Have dermaplaning only with a qualified")


@pytest.mark.parametrize("template", ["{procedure_name} should be done by a doctor.",
                                      "Ask first. {procedure_name} can bruise."])
def test_a_template_that_starts_a_sentence_with_the_name_is_refused(template):
    from cliniclint.lint.kinds.caveat import Options
    with pytest.raises(ValueError, match="must not start a sentence"):
        Options(concept="practitioner", absent="x", suggestion=template)
    Options(concept="practitioner", absent="x", suggestion="Ask first: {procedure_name} can bruise.")


def test_a_procedure_without_its_own_sentence_gets_the_neutral_one_not_another_procedures(check):
    text = "HydraFacial at our spa\n\nA HydraFacial cleanses and hydrates the skin.\n"
    suggestions = {f.concept: f.suggestions[0] for f in check(text, select=("CV",))}
    assert "redness and swelling" not in suggestions["downtime"]
    assert "microneedling" not in " ".join(suggestions.values()).lower()
    peel = {f.concept: f.suggestions[0] for f in check("Chemical peels explained\n\nA peel uses acid.\n", select=("CV",))}
    assert peel["contraindications"].startswith("A chemical peel is not recommended")


# --- ablation on complete articles for procedures outside the corpus ----------
# tests/data/caveat/dev/ (written for development, tuned on) and tests/data/caveat/blind/
# (written blind by another helper; see tests/data/heldout/claims-blind/README.md).
# Each article gives every concept its own section; articles.yaml names the headings.

def _is_heading(lines: list[str], index: int) -> bool:
    line = lines[index].strip()
    return index > 0 and not lines[index - 1].strip() and bool(line) and line[-1] not in ".!?:;)" and len(line) < 80


def _replace_section(text: str, heading: str, replacement: str = "") -> str:
    lines = text.splitlines()
    start = lines.index(heading)
    end = next((i for i in range(start + 1, len(lines)) if _is_heading(lines, i)), len(lines))
    return "\n".join(lines[:start] + ([replacement, ""] if replacement else []) + lines[end:]) + "\n"


def _complete_articles():
    for folder in ("dev", "blind", "blind-v2", "blind-v3", "blind-v4", "blind-v5", "blind-v6", "blind-v7", "blind-v8"):
        index = yaml.safe_load((DATA / folder / "articles.yaml").read_text(encoding="utf-8"))
        for entry in index["articles"]:
            yield folder, entry, (DATA / folder / entry["file"]).read_text(encoding="utf-8")


COMPLETE = list(_complete_articles())
# (folder, file, concept) -> the quote by which an article conveys the concept in a second section too
CONVEYED_TWICE = {(case["set"], case["file"], case["concept"]): case["evidence"] for case in
                  yaml.safe_load((DATA / "conveyed-twice.yaml").read_text(encoding="utf-8"))["cases"]}

# The round-1 (blind), round-2 (blind-v2) and round-3 (blind-v3) sets are development
# material now. The last of the round-1 misses (a concept conveyed again in passing in
# another section: "sessions further apart" in a skin-type paragraph, "can burn" as the
# reason for a contraindication) and the round-3 ones went with section topics in round 4.


# Round 4 (blind-v4) is development material too. Two of its articles say, truthfully for their
# procedure, that there is no recovery time ("You can go straight back to your day" after a lash lift,
# "There is no recovery period" for iontophoresis): procedures.yaml gives both the fact no-downtime,
# under which that is their recovery period and not a claim. "Speak to your GP" (the lip blush's
# cold sores), a patch test and "seek medical advice if ..." are not evidence of the practitioner or
# the risks. Round 5 (blind-v5) joined in round 6: a title that names the procedure by what is done
# to it ("Removing or lightening an old eyebrow tattoo"), limits in plain words ("will not give you
# length", "the pigment fades over three to six years"), "straight back to work", and the
# practitioner named only in a description of the procedure ("while the practitioner injects").


def _case(folder: str, case: str, *values):
    return pytest.param(*values, id=f"{folder}-{case}")


@pytest.mark.parametrize(("folder", "entry", "text"),
                         [_case(f, f"complete-{e['procedure']}", f, e, t) for f, e, t in COMPLETE])
def test_a_complete_article_misses_nothing(check, folder, entry, text):
    assert missing(check, text) == set()


@pytest.mark.parametrize(("folder", "entry", "text", "concept"),
                         [_case(f, f"{e['procedure']}-{c}", f, e, t, c) for f, e, t in COMPLETE for c in concepts()])
def test_removing_one_concepts_section_leaves_exactly_that_concept_missing(check, checker, folder, entry, text, concept):
    ablated = _replace_section(text, entry["sections"][concept])
    elsewhere = CONVEYED_TWICE.get((folder, entry["file"], concept))
    if elsewhere is None:
        assert missing(check, ablated) == {(entry["procedure"], concept)}
    else:  # the article says it again in another section: that sentence is the evidence left
        assert missing(check, ablated) == set()
        assert evidence_quote(checker, ablated, concept) == elsewhere


@pytest.mark.parametrize(("folder", "entry", "text"),
                         [_case(f, f"no-risks-{e['procedure']}", f, e, t) for f, e, t in COMPLETE])
def test_a_no_risks_claim_in_place_of_the_risks_section_is_a_claim_and_not_a_caveat(check, folder, entry, text):
    claim = entry["no-risks-claim"]
    ablated = _replace_section(text, entry["sections"]["risks"], claim)
    assert missing(check, ablated) == {(entry["procedure"], "risks")}
    at = ablated.index(claim)
    assert any(f.start < at + len(claim) and f.end > at for f in check(ablated, select=("claim",)))


# --- round 2: plain-language evidence and who a clause is about ----------------

def test_a_risk_named_in_another_procedures_clause_is_not_this_procedures_risk(check):
    text = ("HydraFacial at our spa\n\nA HydraFacial cleanses and hydrates the skin.\n\n"
            "Dermal fillers can block blood vessels, but a HydraFacial involves no injections at all.\n")
    assert ("hydrafacial", "risks") in missing(check, text)
    own = text.replace("Dermal fillers can block blood vessels, but a HydraFacial involves no injections at all.",
                       "A HydraFacial can irritate sensitive skin, and some people get a rash afterwards.")
    assert ("hydrafacial", "risks") not in missing(check, own)


def test_another_procedure_named_as_something_to_avoid_does_not_take_the_advice_away(checker):
    text = ("Microneedling at our clinic\n\nMicroneedling uses fine needles to renew the skin.\n\n"
            "For a week, keep the skin clean and avoid chemical peels, laser resurfacing and saunas.\n")
    assert "aftercare" in conveyed(checker, text)
    other = text.replace("For a week, keep the skin clean and avoid chemical peels, laser resurfacing and saunas.",
                         "After laser resurfacing, keep the skin clean and avoid saunas for a week.")
    assert "aftercare" not in conveyed(checker, other)


SIDE_EFFECTS_SECTION = ("Microneedling at our clinic\n\nMicroneedling uses fine needles to renew the skin.\n\n"
                        "Possible side effects\n\nRedness and tenderness last a day or two. "
                        "Rarely, an infection can develop.\n")


def test_how_long_signs_last_in_a_side_effects_section_is_part_of_the_risks(check):
    assert ("microneedling", "downtime") in missing(check, SIDE_EFFECTS_SECTION)
    own = SIDE_EFFECTS_SECTION.replace("Possible side effects\n\n", "Recovery\n\n").replace(
        " Rarely, an infection can develop.", "\n\nPossible side effects\n\nRarely, an infection can develop.")
    assert ("microneedling", "downtime") not in missing(check, own)
    back = SIDE_EFFECTS_SECTION.replace("last a day or two.", "last a day or two, and most people return to work the next day.")
    assert ("microneedling", "downtime") not in missing(check, back)


def test_reassurance_that_dismisses_complications_is_not_a_statement_of_risk(check):
    text = ("Dermal fillers for fuller lips\n\nLip filler adds volume with a hyaluronic acid gel.\n\n"
            "Complications are so rare with us that there is nothing to worry about.\n")
    assert ("dermal-filler", "risks") in missing(check, text)


def test_the_neutral_risks_suggestion_reads_right_for_a_plural_name(rules):
    risks = _caveat_rules(rules)["risks"].checker
    assert "including thread lifts:" in risks.suggestion("thread-lift")


# --- round 4: a section's heading gives it a topic -----------------------------

TOPICAL = ("Dermaplaning: what to expect\n\nDermaplaning gently removes fine facial hair with a blade.\n\n"
           "Who should not have it\n\nWe do not treat skin with active acne, a cold sore or an infection. "
           "If you take blood thinners, please ask your doctor first. Dermaplaning is not offered during pregnancy.\n\n"
           "Possible side effects\n\nSmall nicks can happen, and some people get a breakout afterwards. "
           "Redness settles within a day.\n")


def test_an_aside_in_another_concepts_section_is_not_evidence(check):
    # "ask your doctor" in a contraindications section does not name who treats you
    assert ("dermaplaning", "practitioner") in missing(check, TOPICAL)
    assert ("dermaplaning", "contraindications") not in missing(check, TOPICAL)
    untitled = TOPICAL.replace("Who should not have it\n\n", "")
    assert ("dermaplaning", "practitioner") not in missing(check, untitled), "a section without a topic counts for all"


def test_a_concept_the_section_conveys_more_than_its_topic_counts(check):
    text = TOPICAL.replace("Possible side effects\n\nSmall nicks can happen, and some people get a breakout afterwards. ",
                           "Possible side effects\n\nSmall nicks can happen. The improvement is subtle. "
                           "Results build gradually over weeks, and they are not permanent. ")
    assert ("dermaplaning", "expectations") not in missing(check, text)
    once = TOPICAL.replace("Redness settles within a day.", "Redness settles within a day. The improvement is subtle.")
    assert ("dermaplaning", "expectations") in missing(check, once), "once, beside the topic, is an aside"


def test_a_title_gives_no_topic(check):
    text = ("Dermaplaning side effects and risks\n\nSmall nicks can happen. A trained therapist checks your skin first. "
            "Most people need a session every four weeks.\n")
    gaps = missing(check, text)
    assert ("dermaplaning", "practitioner") not in gaps and ("dermaplaning", "sessions") not in gaps


def test_an_unmistakable_statement_counts_in_another_concepts_section(check):
    text = TOPICAL.replace("Redness settles within a day.", "Most people return to work the next day.")
    assert ("dermaplaning", "downtime") not in missing(check, text)
    assert ("dermaplaning", "downtime") in missing(check, TOPICAL), "how long redness lasts is a side effect here"


def test_a_no_risks_claim_worded_free_of_complications_is_not_a_statement_of_risk(check):
    text = "Thread lifts at our clinic\n\nOur thread lift is completely free of any complications.\n"
    assert ("thread-lift", "risks") in missing(check, text)


# --- round 6: a procedure with no recovery period ------------------------------

NO_RECOVERY = "{title}\n\n{body}\n\nAfter your appointment\n\nThere is no recovery period: you can go straight back to your day.\n"


@pytest.mark.parametrize(("title", "body", "truthful"), [
    ("Lash lift and tint explained", "A lash lift curls your natural lashes with a perming lotion.", True),
    ("Tap-water iontophoresis for sweaty hands", "Iontophoresis passes a mild current through water.", True),
    ("Chemical peels explained", "A chemical peel removes the outer layer of skin with an acid.", False),
    ("Microneedling at our clinic", "Microneedling uses fine needles to renew the skin.", False),
])
def test_no_recovery_period_is_the_downtime_of_a_procedure_that_has_none_and_a_claim_of_others(
        check, title, body, truthful):
    text = NO_RECOVERY.format(title=title, body=body)
    (procedure,) = {f.procedure for f in check(text, select=("CV",))}
    claims = [f.text for f in check(text, select=("CL111",))]
    if truthful:
        assert (procedure, "downtime") not in missing(check, text)
        assert claims == []
    else:
        assert (procedure, "downtime") in missing(check, text)
        assert claims == ["no recovery period", "you can go straight back"]


def test_no_downtime_said_of_another_procedure_in_a_lash_lift_article_is_still_a_claim(check):
    text = NO_RECOVERY.format(title="Lash lift and tint explained",
                              body="A lash lift curls your natural lashes with a perming lotion.")
    text += "\nA chemical peel has no downtime either.\n"
    assert [f.text for f in check(text, select=("CL111",))] == ["no downtime"]


def test_a_procedure_fact_must_be_one_the_table_defines():
    from cliniclint.lint.analysis.procedures import DATA, ProcedureTable
    from cliniclint.lint.data import load_data
    data = copy.deepcopy(load_data(DATA))
    data["procedures"]["lash-lift"]["facts"] = ["painless"]
    with pytest.raises(ValueError, match="unknown facts"):
        ProcedureTable.model_validate(data)


@pytest.mark.parametrize("title", ["Lash lift and tint explained", "Tap-water iontophoresis for sweaty hands"])
def test_the_downtime_suggestion_for_a_procedure_without_one_is_true_evidence_and_no_claim(check, title):
    text = f"{title}\n\nIt takes about an hour.\n"
    (finding,) = check(text, select=("CV107",))
    pasted = f"{text}\nAfter your appointment\n\n{finding.suggestions[0]}\n"
    assert check(pasted, select=("CV107",)) == []
    assert check(pasted, select=("claim",)) == []


# --- round 7: plain words for sessions, limits, hygiene and a podiatrist; false evidence ------
# Sentences written for these tests (not from any blind set), each with the concept it must or
# must not convey in a one-sentence article about the procedure.

PLAIN_WORDS_R7 = [
    ("Laser tattoo removal", "Treatments are booked six to eight weeks apart.", "sessions", True),
    ("Laser hair removal", "A single session lasts about twenty minutes.", "sessions", False),
    ("Laser hair removal", "A small area usually needs a single treatment.", "sessions", True),
    ("Chemical peels explained", "A second appointment a month apart is common.", "sessions", True),
    ("Dermal fillers for fuller lips", "The filler is injected in three passes.", "sessions", False),
    ("Skin tag removal", "Skin tags commonly return in the same place.", "expectations", True),
    ("Laser tattoo removal", "A faint outline often remains after the last session.", "expectations", True),
    ("Laser resurfacing", "Colour changes can last for several months on darker skin.", "expectations", False),
    ("Laser resurfacing", "Skin may turn darker, and the colour changes can last for months.", "risks", True),
    ("Laser treatment for fungal nails", "Wash your socks and towels on a hot cycle.", "aftercare", True),
    ("Laser treatment for fungal nails", "Never share nail files or clippers with anyone.", "aftercare", True),
    ("Laser treatment for fungal nails", "Apply the antifungal cream every evening for a month.", "aftercare", True),
    ("LED light therapy", "The panel does not heat the skin.", "aftercare", False),
    ("Laser treatment for fungal nails", "With poor circulation you may not notice the heat.", "aftercare", False),
    ("Laser treatment for fungal nails", "Every session is given by a podiatrist.", "practitioner", True),
    ("Laser treatment for fungal nails", "Use the nail paint your podiatrist recommends for you.", "practitioner", False),
    ("Laser treatment for fungal nails", "You can walk and work as usual the same day.", "downtime", True),
    ("Laser treatment for fungal nails", "There is no recovery period.", "downtime", True),
    ("Lip blush", "It can even out patchy colour along the lip line.", "risks", False),
    ("Scalp micropigmentation", "The pigment can disguise scars and patchy hair.", "risks", False),
    ("Laser treatment for fungal nails", "Eczema can make a nail look infected.", "risks", False),
    ("Subcision for acne scars", "Some people wait a week before social events.", "contraindications", False),
    ("Subcision for acne scars", "Wait until the infection has cleared before treatment.", "contraindications", True),
    # who should not have it, in modal words; what you should not feel is no contraindication
    ("Dermal fillers for fuller lips", "Anyone with an autoimmune illness should not have filler.", "contraindications", True),
    ("Cryolipolysis explained", "The applicator must not be used by anyone with a cold allergy.", "contraindications", True),
    ("Microneedling at our clinic", "Treatment is put off until a cold sore has healed.", "contraindications", True),
    ("Chemical peels explained", "Skip it if your skin is sunburnt.", "contraindications", True),
    ("Chemical peels explained", "Doctors usually advise against deep peels for darker skin.", "contraindications", True),
    ("Chemical peels explained", "You should not have any pain after a light peel.", "contraindications", False),
    ("Laser resurfacing", "People with a pacemaker should not have an MRI scan.", "contraindications", False),
    # recovery in plain words
    ("Chemical peels explained", "Expect about five days of flaking before your skin looks normal.", "downtime", True),
    ("Photodynamic therapy", "Stay indoors for two days after the light treatment.", "downtime", True),
    ("Cryolipolysis explained", "You can go back to work at once.", "downtime", True),
    # limits of the result in plain words
    ("Microneedling at our clinic", "Deep scars will still be visible afterwards.", "expectations", True),
    ("Teeth whitening", "Veneers will not whiten with the gel.", "expectations", True),
    ("Laser tattoo removal", "Green ink may never fade completely.", "expectations", True),
    ("Dermal fillers for fuller lips", "Cheek filler lasts around a year.", "expectations", True),
    ("Laser hair removal", "It rarely gives total removal of every hair.", "expectations", True),
    ("Dermal fillers for fuller lips", "Our filler results are guaranteed to last two years.", "expectations", False),
    ("Chemical peels explained", "The booking website had some downtime for a week in May.", "downtime", False),
    ("RF microneedling", "Any redness is barely noticeable and gone within the hour.", "downtime", False),
]


# --- round 8: plain sentence patterns for any procedure, and headings that only label --------
# Sentences written for these tests (not taken from any blind set), over procedures with and
# without per-procedure data: the patterns are sentence shapes and word classes, not lists of one
# procedure's side effects.

PLAIN_WORDS_R8 = [
    # risks: marks left, harms that come about now and then, colours a pigment can turn
    ("Xanthelasma removal", "The treated patch can leave a small pale mark on the eyelid.", "risks", True),
    ("Electrolysis for unwanted hair", "Now and then a follicle becomes infected and forms a tiny scab.", "risks", True),
    ("Microblading your brows", "Strokes may turn an orange or grey shade as they age.", "risks", True),
    ("Earlobe repair", "A raised scar sometimes forms along the repair line.", "risks", True),
    ("Electrolysis for unwanted hair", "The cut may heal lighter than the skin around it.", "risks", True),
    ("Skin tag removal", "Our removal leaves your skin without a single mark.", "risks", False),
    # contraindications: refusals and avoidance in plain verbs
    ("Sclerotherapy for leg veins", "Treatment is refused to anyone with an untreated clot.", "contraindications", True),
    ("Subcision for acne scars", "We decline anyone who is taking isotretinoin.", "contraindications", True),
    ("Mesotherapy explained", "The injections are avoided during pregnancy.", "contraindications", True),
    ("Cryolipolysis explained", "It is ruled out for anyone with cold urticaria.", "contraindications", True),
    ("Microneedling at our clinic", "Collagen declines with age in everyone.", "contraindications", False),
    # practitioner: who does it, in the passive; training held; years of practice
    ("Lip blush tattooing", "Every lip blush is done by Dr Amara Singh.", "practitioner", True),
    ("Laser hair removal", "Our operator holds a current laser safety certificate.", "practitioner", True),
    ("Electrolysis for unwanted hair", "She has practised electrolysis full time since 2011.", "practitioner", True),
    ("Fat-dissolving injections", "The dissolved fat is removed by the body over several weeks.", "practitioner", False),
    # expectations: limited, gradual, passing results
    ("Skin boosters", "Any change in skin texture is usually slight.", "expectations", True),
    ("Laser stretch mark treatment", "The marks fade gradually and rarely disappear altogether.", "expectations", True),
    ("EMS body contouring", "It does not replace exercise or a healthy diet.", "expectations", True),
    ("Dermal fillers for fuller lips", "It cannot make thin lips look twice the size.", "expectations", True),
    ("Microneedling at our clinic", "Patients in the last three months praised our staff.", "expectations", False),
    # sessions: a course in plain sentence shapes
    ("Photodynamic therapy", "Two 45-minute sessions are usual for this.", "sessions", True),
    ("Mesotherapy explained", "The injections are booked monthly, three to five times in all.", "sessions", True),
    ("Laser vein treatment", "Treatments are spaced six weeks from one another.", "sessions", True),
    # aftercare: plain care instructions
    ("Earlobe repair", "Dab on a little petroleum jelly each morning.", "aftercare", True),
    ("Skin tag removal", "Leave the little scab to fall away by itself.", "aftercare", True),
    ("Lip blush tattooing", "Wash the lips with cool water only for three days.", "aftercare", True),
    ("Microneedling for acne scars", "Leaving them alone is a reasonable choice.", "aftercare", False),
    ("IPL photofacial", "You wear dark goggles while the light flashes.", "aftercare", False),
    # downtime: everyday life resumed, how it looks while healing
    ("Earlobe repair", "Desk work can resume the next day.", "downtime", True),
    ("Microblading your brows", "The brows look heavy and dark for about ten days.", "downtime", True),
    ("Sclerotherapy for leg veins", "You can walk and drive straight after.", "downtime", True),
    ("Carbon laser peel", "Your skin looks brighter and feels smoother for a week.", "downtime", False),
    # claims and benefits in the same shapes
    ("Cryolipolysis explained", "These days fat freezing can be performed by anyone.", "practitioner", False),
    ("Microneedling at our clinic", "Your glow will be visible from day one.", "expectations", False),
    ("Laser hair removal", "Ideal for people who can't find time to shave.", "contraindications", False),
    ("PRP for hair loss", "Just a couple of short visits, nothing to plan around.", "sessions", False),
]


@pytest.mark.parametrize(("title", "sentence", "concept", "conveys"), PLAIN_WORDS_R7 + PLAIN_WORDS_R8,
                         ids=[f"{c}-{'yes' if y else 'no'}-{s[:30]}" for _, s, c, y in PLAIN_WORDS_R7 + PLAIN_WORDS_R8])
def test_plain_words_and_sentence_patterns_convey_or_do_not(checker, title, sentence, concept, conveys):
    assert (concept in conveyed(checker, f"{title}\n\n{sentence}\n")) is conveys


def test_a_heading_that_is_not_its_sections_topic_is_no_evidence_for_what_its_body_never_says(checker):
    # "Your first fortnight at home" reads as a recovery period, but its body is care advice only.
    text = ("Earlobe repair\n\nYour first fortnight at home\n\nKeep the stitches clean and dry, and dab on a "
            "little petroleum jelly each morning.\n")
    assert "downtime" not in conveyed(checker, text)
    assert "aftercare" in conveyed(checker, text)


def test_a_heading_that_names_its_topic_is_evidence_over_a_bare_list(checker):
    text = "Chemical peels explained\n\nWho should not have a peel\n\n- pregnancy\n- active cold sores\n"
    assert "contraindications" in conveyed(checker, text)


def test_a_procedure_named_as_written_out_is_detected(checker):
    parsed = parse(checker, "Injections for excessive underarm sweating\n\nThe injections take ten minutes.\n")
    assert {p.id for p in parsed.get(procedures)} == {"hyperhidrosis-injections"}


# --- round 9: a topic and a stance, inherited procedures -------------------------------------
# Sentences written for these tests (not taken from any blind set).

PLAIN_WORDS_R9 = [
    # risks: a harm and a word saying it can happen, further apart or in either order
    ("Dermal fillers for fuller lips", "Gel squeezed against a vessel can cut off the blood supply and leave an ulcer behind.",
     "risks", True),
    ("Laser tattoo removal", "Raised blisters are usual after the first few sessions.", "risks", True),
    ("Hair transplant surgery", "Not every graft takes, so the crown may look thinner than planned.", "risks", True),
    ("Keloid injections", "Keloid injections can soften a raised scar within months.", "risks", False),
    ("Milia removal", "A bump that keeps growing may turn out to be something other than milia.", "risks", False),
    # contraindications: a group or condition with a refusal, a delay or a referral
    ("Teeth whitening", "Patients aged 16 or under are not whitened.", "contraindications", True),
    ("Laser hair removal", "Anyone using a photosensitising antibiotic must wait a month.", "contraindications", True),
    ("RF microneedling", "A metal implant under the skin means we postpone.", "contraindications", True),
    ("Botulinum toxin for frown lines", "Treatment is withheld during pregnancy.", "contraindications", True),
    # expectations: a result with a limit
    ("Laser resurfacing", "Deeper wrinkles usually remain to a degree.", "expectations", True),
    ("PRP for hair loss", "The extra density is modest and fades unless sessions are repeated.", "expectations", True),
    ("IPL photofacial", "Fresh broken veins may crop up over the years.", "expectations", True),
    ("Electrolysis for unwanted hair", "It takes several months to finish a whole area.", "expectations", True),
    ("Microblading your brows", "Bruising fades over a week or so.", "expectations", False),
    # sessions: counts and intervals in other words
    ("Skin boosters", "Most people need three goes in total.", "sessions", True),
    ("Mesotherapy explained", "It may take a few goes.", "sessions", False),
    ("Hair transplant surgery", "One single procedure gives you a full head of hair for life.", "sessions", False),
    # aftercare: instructions in other verbs
    ("Laser hair removal", "Give hot baths and perfumed creams a miss for two days.", "aftercare", True),
    ("Chemical peels explained", "Let flaking skin come away without picking.", "aftercare", True),
    ("Laser tattoo removal", "Shade the area from strong sun with loose clothing.", "aftercare", True),
    # downtime: plans, work and social life
    ("Chemical peels explained", "Plan a quiet few days while the skin flakes.", "downtime", True),
    ("Dermal fillers for fuller lips", "Swelling can keep you away from work for a day or two.", "downtime", True),
    ("Earlobe repair", "The following morning most people go back to work.", "downtime", True),
    ("Liquid rhinoplasty", "A rhinoplasty needs two weeks off work.", "downtime", False),
    # practitioner: a role and what they do
    ("Laser resurfacing", "A consultant dermatologist performs every treatment.", "practitioner", True),
    ("Plasma fibroblast treatment", "A nurse working under a plastic surgeon treats you.", "practitioner", True),
]


@pytest.mark.parametrize(("title", "sentence", "concept", "conveys"), PLAIN_WORDS_R9,
                         ids=[f"{c}-{'yes' if y else 'no'}-{s[:30]}" for _, s, c, y in PLAIN_WORDS_R9])
def test_a_topic_and_a_stance_convey_the_concept_or_do_not(checker, title, sentence, concept, conveys):
    assert (concept in conveyed(checker, f"{title}\n\n{sentence}\n")) is conveys


def test_what_is_said_of_the_inherited_procedure_is_said_of_the_heir(checker):
    # Liquid rhinoplasty is filler in the nose: "filler can block a blood vessel" is its risk too.
    text = ("Liquid rhinoplasty at our clinic\n\nWhat can go wrong\n\nThe nose may bruise for a few days. "
            "Rarely, filler can block a blood vessel and damage the skin of the tip.\n")
    parsed = parse(checker, text)
    checks = {r.procedure.id: r.checks for r in parsed.get(review)}
    assert checks["liquid-rhinoplasty"]["risks"].complete


@pytest.mark.parametrize("title", ["Repairing a split or stretched earlobe", "Mending torn earlobes"])
def test_a_procedure_named_by_its_verb_is_detected(checker, title):
    parsed = parse(checker, f"{title}\n\nThe lobe is stitched under local anaesthetic.\n")
    assert {p.id for p in parsed.get(procedures)} == {"earlobe-repair"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Laser toenail fungus treatment alongside creams: the evidence", {"laser-nail-fungus"}),
    ("Microneedling combined with PRP for dull skin", {"microneedling"}),
    ("Botox injections for heavy underarm sweating", {"hyperhidrosis-injections"}),
    ("Laser toenail fungus gone in a single session.", {"laser-nail-fungus"}),
])
def test_a_one_line_text_is_about_the_procedure_it_names_first(checker, text, expected):
    assert {p.id for p in parse(checker, f"{text}\n").get(procedures)} == expected


def _procedures_without_own_suggestions():
    from cliniclint.lint.analysis.procedures import procedure_table
    return [pid for pid, spec in procedure_table().procedures.items() if not spec.suggestions]


def test_the_procedures_added_by_name_only_have_no_sentences_of_their_own():
    # Until someone writes their facts from the sources, these must fall back to the neutral wording.
    assert {"lip-lift", "seborrhoeic-keratosis-removal", "miradry"} <= set(_procedures_without_own_suggestions())


@pytest.mark.parametrize("procedure", _procedures_without_own_suggestions())
def test_a_procedure_without_facts_of_its_own_gets_the_neutral_sentence_for_every_concept(rules, procedure):
    from cliniclint.lint.analysis.procedures import procedure_table, required_concepts
    name = procedure_table().procedures[procedure].name
    for concept in required_concepts(procedure):
        checker = _caveat_rules(rules)[concept].checker
        assert checker.suggestion(procedure) == checker.options.suggestion.format(procedure_name=name)


# --- round 10: plain-language caveats and what is not one ---------------------

@pytest.mark.parametrize(("title", "text", "procedure", "concept", "conveyed"), [
    # a count of visits without "single" before the noun, or the procedure's own act repeated
    ("Cherry angioma removal", "Several spots can be sealed in one quick appointment.", "cherry-angioma-removal", "sessions", True),
    ("Cryolipolysis for the flanks", "A pair of treatments is typical for each flank.", "cryolipolysis", "sessions", True),
    # a limit stated as variation in amount, or as new ones forming
    ("Skin tag removal", "New tags often appear elsewhere as the years go by.", "skin-tag-removal", "expectations", True),
    ("HIFU for the jawline", "The degree of tightening varies a great deal.", "hifu", "expectations", True),
    # being back at work by a day
    ("HIFU for the jawline", "Nurses and teachers are usually back the following morning.", "hifu", "downtime", True),
    # a doctor examining with a lens assesses you
    ("Skin tag removal", "A doctor looks at every tag, examining each with a dermatoscope.", "skin-tag-removal", "practitioner", True),
    # an operation to put a complication right is no course of treatment
    ("Thread lift explained", "Another procedure is sometimes needed to remove a thread that shows.", "thread-lift", "sessions", False),
    # what one visit holds, and a promise that it is for good, are no count of visits
    ("Cryolipolysis for the flanks", "Both flanks are usually frozen together in one appointment.", "cryolipolysis", "sessions", False),
    ("HIFU for the jawline", "You will only ever need one treatment with us.", "hifu", "sessions", False),
    # variation denied is a promise
    ("HIFU for the jawline", "Results scarcely differ between our clients.", "hifu", "expectations", False),
    # nobody turned away, nobody named
    ("HIFU for the jawline", "There is nobody we would refuse to treat.", "hifu", "contraindications", False),
    ("HIFU for the jawline", "Our clinic turns nobody away.", "hifu", "contraindications", False),
    ("HIFU for the jawline", "Every session is carried out by our team.", "hifu", "practitioner", False),
    # what the device does during treatment, a growth looked at through a lens
    ("HIFU for the jawline", "The handpiece keeps the skin cool throughout the treatment.", "hifu", "aftercare", False),
    ("Skin tag removal", "Each tag is examined under a dermatoscope first.", "skin-tag-removal", "practitioner", False),
    # round 11: classes of wording rather than one set's sentences
    # a count of one said of the procedure, and a check at an interval; not how long one lasts,
    # nor "every" said of the people a doctor checks
    ("Mole removal", "The mole is cut out in a single procedure, usually under local anaesthetic.", "mole-removal", "sessions", True),
    ("Mole removal", "Mole removal is a one-off procedure for most people.", "mole-removal", "sessions", True),
    ("Mole removal", "You will have a review every six weeks until it has healed.", "mole-removal", "sessions", True),
    ("Mole removal", "A single session lasts about twenty minutes.", "mole-removal", "sessions", False),
    ("Mole removal", "The surgeon reviews every referral letter herself.", "mole-removal", "sessions", False),
    # everyday life taken up at once, in any verb and place; a recovery period that ends with an event
    ("Chemical peels explained", "Most people head back to their desk straight after the appointment.", "chemical-peel", "downtime", True),
    ("Chemical peels explained", "Plan to stay off work until the dressings come off.", "chemical-peel", "downtime", True),
    ("Chemical peels explained", "You cannot head back to work the same day.", "chemical-peel", "downtime", False),
    ("Chemical peels explained", "Keep the area dry until the dressings come off.", "chemical-peel", "downtime", False),
    # what it does not do, said as doing nothing; an effect that lasts only until something happens
    ("HIFU for the jawline", "It does nothing for sagging jowls.", "hifu", "expectations", True),
    ("HIFU for the jawline", "The firmness lasts only until the collagen breaks down again.", "hifu", "expectations", True),
    # a regulator's register by its number, and the consultation you are seen for
    ("Botox explained", "Injections are given by Dr Lena Frost (General Medical Council 5123456).", "botulinum-toxin", "practitioner", True),
    ("Botox explained", "Dr Lena Frost injects, registration number GMC 5123456.", "botulinum-toxin", "practitioner", True),
    ("Botox explained", "The nurse sees you for an assessment before your first appointment.", "botulinum-toxin", "practitioner", True),
    ("Botox explained", "Book your free consultation today.", "botulinum-toxin", "practitioner", False),
    # sent elsewhere instead of treated is a contraindication; a name for something is no referral
    ("Botox explained", "Drooping eyelids from a nerve problem are better treated by a neurologist.", "botulinum-toxin", "contraindications", True),
    ("Botox explained", "If the twitching comes from a nerve problem, you are referred to your GP.", "botulinum-toxin", "contraindications", True),
    ("Botox explained", "With a nerve problem we send you back or refer you.", "botulinum-toxin", "contraindications", True),
    ("Botox explained", "These are referred to as frown lines.", "botulinum-toxin", "contraindications", False),
    ("Botox explained", "We also refer some clients for fillers at a partner clinic.", "botulinum-toxin", "contraindications", False),
    # round 12: classes of wording from v11's complete articles
    # a count of one said of the procedure with "one"
    ("Surgical rhinoplasty", "For nearly everyone a nose job is one operation.", "surgical-rhinoplasty", "sessions", True),
    # a second operation asked for by an unhappy patient is no course of treatment
    ("Surgical rhinoplasty", "A few patients are unhappy with the profile and want a second operation.",
     "surgical-rhinoplasty", "sessions", False),
    # a few with a harm, without "people"; the adverb opening the sentence
    ("Thread lift explained", "A few get a headache for a day or two.", "thread-lift", "risks", True),
    ("Thread lift explained", "Occasionally, a thread drifts towards the cheek.", "thread-lift", "risks", True),
    # the way in is no harm
    ("Surgical rhinoplasty", "The cartilage is reached through small cuts inside the nose.", "surgical-rhinoplasty", "risks", False),
    # little change after the verb; "not forever"
    ("Microneedling for acne scars", "Deep rolling scars change very little.", "microneedling", "expectations", True),
    ("HIFU for the jawline", "The firmer jaw stays for months, not forever.", "hifu", "expectations", True),
    # a result short of an ideal, a look that stays; a supply that is limited is no limit of the result
    ("Hair transplant", "The crown looks fuller, but never as thick as it was at twenty.", "hair-transplant", "expectations", True),
    ("Hair transplant", "Around the temples the hair may still look sparse.", "hair-transplant", "expectations", True),
    ("Hair transplant", "Where the donor supply is limited, we plan two sittings.", "hair-transplant", "expectations", False),
    # a person who cannot give up a habit is no limit of the result
    ("Surgical rhinoplasty", "Smokers who cannot stop for a month are asked to wait.", "surgical-rhinoplasty", "expectations", False),
    # work taken up by a later day or week
    ("Surgical rhinoplasty", "Office work is fine from the third week.", "surgical-rhinoplasty", "downtime", True),
    # a register kept by an association, a ministry or a college
    ("Surgical rhinoplasty", "Our surgeon is registered with the Hellenic Medical Association.", "surgical-rhinoplasty", "practitioner", True),
    ("Laser treatment for inflamed acne", "Dr Amos is certified by the Royal College of Physicians.", "laser-acne-treatment", "practitioner", True),
    # a doctor to see at once is what to do if something goes wrong
    ("Dermal fillers explained", "Sudden blurred sight needs a doctor straight away.", "dermal-filler", "practitioner", False),
    # a refusal of people with a habit is no aftercare
    ("Surgical rhinoplasty", "We do not operate on people who smoke.", "surgical-rhinoplasty", "aftercare", False),
])
def test_plain_statements_of_rounds_ten_to_twelve_and_what_is_not_one(check, title, text, procedure, concept, conveyed):
    found = missing(check, f"{title}\n\n{text}\n")
    assert procedure in {p for p, _ in found}, "the title names the procedure"
    assert ((procedure, concept) not in found) == conveyed


@pytest.mark.parametrize(("title", "procedure"), [
    ("Shave removal of a small mole", "mole-removal"),
    ("Laser treatment for inflamed acne", "laser-acne-treatment"),
    ("Mandelic acid peel for sensitive skin", "chemical-peel"),
    ("Laser treatment for the spider veins on your legs", "laser-vein-treatment"),
    # round 11: another spelling of a name (spelling_forms)
    ("Skin-needling for acne scars", "microneedling"),
    ("Cryo-lipolysis for the flanks", "cryolipolysis"),
    ("Under-eye PRF for hollow lids", "prf-under-eye"),
    ("Tear trough filler, gently done", "dermal-filler"),
    # round 12: a laser named with a lamp
    ("Laser and light treatment for inflamed acne", "laser-acne-treatment"),
])
def test_titles_of_rounds_ten_to_twelve_name_their_procedure(check, title, procedure):
    assert procedure in {p for p, _ in missing(check, f"{title}\n\nA short note on what we offer.\n")}


# --- round 12: a procedure named as the reader's history ------------------------------------

def test_a_procedure_the_reader_has_had_leaves_the_refusal_to_the_articles_procedure(check):
    found = missing(check, "Surgical rhinoplasty\n\nThe hump is filed down under general anaesthesia."
                           " Rhinoplasty takes about three hours.\n\n"
                           "We do not operate on anyone who has had filler in the nose this year.\n")
    assert {p for p, _ in found} == {"surgical-rhinoplasty"}
    assert ("surgical-rhinoplasty", "contraindications") not in found


# Nouns that need an article in the singular: as the last word of a name the neutral sentences
# would read "Not everyone can have lip lift".
_COUNT_NOUNS = {"lift", "peel", "facial", "tuck", "transplant", "tint", "injection", "filler", "booster", "implant"}


def test_every_name_reads_without_an_article_in_the_neutral_sentences():
    from cliniclint.lint.analysis.procedures import procedure_table
    singular = {pid: spec.name for pid, spec in procedure_table().procedures.items()
                if spec.name.split()[-1].lower() in _COUNT_NOUNS}
    assert not singular


# --- round 11: a name's spellings ------------------------------------------------------------

def test_a_name_is_matched_in_the_spellings_writers_vary_it_by():
    from cliniclint.lint.analysis.procedures import spelling_forms
    assert spelling_forms("prf under eye") == ["prf under eye", "prf-under eye", "prfunder eye", "prf under-eye",
                                               "prf undereye"]
    assert spelling_forms("micro-needling") == ["micro-needling", "micro needling", "microneedling"]
    # gaps, optional words and alternatives that hold a hyphen already are left as written
    assert spelling_forms("miradry ?treatment") == ["miradry ?treatment"]
    assert "under-eye-eye prf" not in spelling_forms("under-eye eye prf")
