"""The claim family: claims asserted in clinic copy are flagged with their category;
the same words negated, warned about, reported, cited or out of scope are not."""

from __future__ import annotations

import pytest

# Sentences in the style of clinic pages, each making a claim of the given category.
CLAIMS = [
    ("Our laser resurfacing delivers permanent results in just one session.", "permanence"),
    ("Banish unwanted hair forever with our diode laser.", "permanence"),
    ("Lip fillers that last a lifetime.", "permanence"),
    ("The results of a deep phenol peel are permanent.", "permanence"),
    ("Our Morpheus8 treatment is virtually painless.", "pain"),
    ("Enjoy a completely pain-free laser hair removal experience.", "pain"),
    ("Dermal filler injections don't hurt thanks to our numbing cream.", "pain"),
    ("You will barely feel the needles during your vampire facial.", "pain"),
    ("Teeth whitening at our clinic is quick and painless.", "pain"),
    ("PRP is completely safe because it uses your own blood.", "safety"),
    ("Our HydraFacial has no side effects whatsoever.", "safety"),
    ("Botox is a risk-free way to soften frown lines.", "safety"),
    ("Laser hair removal is 100% safe.", "safety"),
    ("Chemical peels are harmless when done at home.", "safety"),
    ("We guarantee you will love your new lips.", "guarantee"),
    ("Results are guaranteed or your money back.", "guarantee"),
    ("You will notice a dramatic difference after one hair transplant session.", "guarantee"),
    ("Every client gets a guaranteed result with our microneedling course.", "guarantee"),
    ("Our IPL photofacial is suitable for everyone.", "universal-suitability"),
    ("Laser hair removal works on all skin tones.", "universal-suitability"),
    ("Microneedling can be used on any skin type.", "universal-suitability"),
    ("This peel suits all types of skin, from oily to dry.", "universal-suitability"),
    ("Whatever your skin tone, our laser is effective.", "universal-suitability"),
    ("Our CO2 laser will erase your acne scars.", "cure"),
    ("Eliminate stubborn pigmentation with a series of peels.", "cure"),
    ("Say goodbye to wrinkles with our anti-wrinkle injections.", "cure"),
    ("Get scar-free skin with RF microneedling.", "cure"),
    ("Hydrafacial leaves you with flawless skin.", "cure"),
    ("Dermal fillers are a non-invasive way to restore volume.", "invasiveness"),
    ("RF microneedling is a noninvasive skin tightening treatment.", "invasiveness"),
    ("Enjoy a needle-free PRP facial.", "invasiveness"),
    ("Our microneedling pen is clinically proven to reduce acne scars.", "evidence"),
    ("Research shows that PRP speeds up healing after laser resurfacing.", "evidence"),
    ("Scientifically proven to whiten teeth by eight shades.", "evidence"),
    ("Dermatologists recommend chemical peels for acne scars.", "evidence"),
    ("Our vampire facial uses an FDA-approved PRP system.", "regulatory"),
    ("We offer FDA approved microneedling.", "regulatory"),
    ("We are the leading laser clinic in Manchester.", "superlative"),
    ("Our injectors use the most advanced techniques in the UK.", "superlative"),
    ("Hair transplants at our clinic use revolutionary technology.", "superlative"),
    ("Visit the number one hydrafacial salon in London.", "superlative"),
    ("A lunchtime peel with zero downtime.", "downtime"),
    ("See instant results after your filler appointment.", "downtime"),
    ("Laser hair removal is quick and easy.", "downtime"),
    ("Results are instant, so you can go straight back to your day.", "downtime"),
    ("Book now and save 20% on your first microneedling session.", "urgency"),
    ("Hurry, only 5 spaces left at this price!", "urgency"),
    ("Our Black Friday filler offer ends at midnight.", "urgency"),
    ("Limited time offer: half price PRP.", "urgency"),
]

# The same claim words negated, warned about, reported, cited, asked, out of
# scope, or describing a risk: none is a claim.
NOT_CLAIMS = [
    "The effects of botulinum toxin are not permanent.",
    "No cosmetic treatment gives permanent results.",
    "Laser hair removal reduces hair growth, but it is not permanent hair removal.",
    "Hyperpigmentation after a peel can occasionally be permanent.",
    "Deep peels can cause permanent scarring.",
    "The treatment is not painless.",
    "No laser is painless.",
    "Be wary of clinics that promise painless tattoo removal.",
    "It is a myth that laser hair removal is painless.",
    "No procedure is risk-free.",
    "Avoid any provider who claims a treatment is risk-free.",
    "Side effects may include redness, swelling and bruising.",
    "Using your own blood does not make PRP risk-free.",
    "Acne scars are harmless, so treatment is always optional.",
    "We cannot guarantee results.",
    "Results vary and are not guaranteed.",
    "There is no guarantee that the desired effect will be achieved.",
    "Be sceptical of any salon that offers guaranteed results.",
    "Microneedling is not suitable for everyone.",
    "Laser resurfacing is not suitable for all skin types.",
    "Be cautious of any spa that tells you one laser is safe for all skin tones.",
    "Microneedling improves the appearance of acne scars; it does not erase them.",
    "There is no cure for rosacea, but treatment can control flushing.",
    "Lasers cannot remove deep acne scars completely.",
    "You may see microneedling advertised as non-invasive, but that is not accurate.",
    "If needles worry you, there are non-invasive options such as topical creams.",
    "Chemical peels are non-invasive: nothing enters the skin.",
    "Studies show improvement after three sessions (Harris et al., 2015).",
    "Research shows that microneedling helps atrophic scars. A 2015 review in the "
    "International Journal of Women's Dermatology rated the evidence as moderate.",
    "Clinical studies have not proven that peels stimulate collagen.",
    "More research is needed to show how long the results of PRP last.",
    "What does the evidence show about PRP for hair loss?",
    "The best way to protect your skin after a peel is sunscreen.",
    "Your practitioner will recommend the best approach for your skin.",
    "UV exposure is a leading cause of pigmentation.",
    "Which clinic is the best for lip fillers?",
    "Botox is approved by the FDA for frown lines in adults.",
    "We use an FDA-cleared microneedling device.",
    "Be wary of clinics that advertise FDA-approved vampire facials.",
    "Most people have redness for two to three days after microneedling.",
    "Do not trust clinics that promise no downtime after a CO2 laser.",
    "Microneedling is not a lunchtime procedure.",
    "Don't expect instant results from a hair transplant.",
    "We never run Black Friday deals on injectables.",
    "Many clinics claim their peels are permanent, which is not true.",
    "Anyone promising you zero downtime after a deep peel is not being honest.",
    "Permanent fillers are harder to remove if something goes wrong.",
    "Results from fillers are not permanent and usually last 6 to 18 months.",
]


def _claims(check, text, format="text"):
    return check(text, format=format, select=("CL",))


@pytest.mark.parametrize(("sentence", "category"), CLAIMS)
def test_claim_is_flagged_with_its_category(check, sentence, category):
    categories = {finding.category for finding in _claims(check, sentence)}
    assert category in categories, f"{sentence!r}: found {categories or 'nothing'}"


@pytest.mark.parametrize("sentence", NOT_CLAIMS)
def test_claim_words_not_asserted_are_not_flagged(check, sentence):
    found = [(finding.code, finding.text) for finding in _claims(check, sentence)]
    assert found == [], f"{sentence!r}"


def test_enough_sentences_of_each_kind():
    assert len(CLAIMS) >= 40 and len(NOT_CLAIMS) >= 40
    assert len({category for _, category in CLAIMS}) == 12


def test_hedge_lowers_severity_and_is_named(check):
    plain, = _claims(check, "Microneedling is painless.")
    hedged, = _claims(check, "Microneedling is generally painless.")
    assert plain.severity == "error"
    assert hedged.severity == "warning"
    assert "'generally'" in hedged.message and "'generally'" not in plain.message


def test_findings_offer_a_rewrite_that_is_never_applied_automatically(check):
    finding, = _claims(check, "Our peels give permanent results.")
    assert finding.suggestions and "not permanent" in finding.suggestions[0]
    assert not finding.fixable


def test_source_in_next_sentence_excuses_evidence_claim_but_not_a_later_one(check):
    cited = "Studies show PRP helps hair regrowth. Gentile et al. reported this in 2015."
    uncited = "Studies show PRP helps hair regrowth. Book a consultation. Gentile et al. reported this in 2015."
    assert _claims(check, cited) == []
    assert [f.category for f in _claims(check, uncited)] == ["evidence"]


def test_non_invasive_depends_on_what_the_article_is_about(check):
    about_peels = "Superficial chemical peels are gentle. This non-invasive treatment suits busy people."
    about_needles = "Microneedling uses fine needles. This non-invasive treatment suits busy people."
    assert _claims(check, about_peels) == []
    assert [f.category for f in _claims(check, about_needles)] == ["invasiveness"]


def test_claims_in_markup_point_at_the_source(check):
    html = "<html><body><p>Our filler is <strong>painless</strong>.</p></body></html>"
    finding, = _claims(check, html, format="html")
    assert finding.text == "painless" and finding.category == "pain"
