"""The spin tables (rules/data/spin-*) across procedures the seed articles never show.

Spun sentences are written the way a dictionary spinner rewrites clinic copy,
one word at a time; each must be reported where the swap is and mapped back
to the phrase the writer meant. Well-written sentences about the same
procedures, using the legitimate near-synonyms a careful writer does use
("follow-up visit", "gum inflammation", "treatment region"), must produce no
spin finding at all.
"""

from __future__ import annotations

import pytest

# The table rules: the spun sentences check what the tables map back. The spin
# model (SP104) may add evidence of its own there; the well-written sentences
# check the whole family, model included.
TABLES = ("SP101", "SP102", "SP103")

SPUN = [
    # laser hair removal
    ("The laser targets the locks follicles during the active progress phase.",
     {"locks follicles": "hair follicles", "active progress phase": "active growth phase"}),
    ("A repair examination is done first, and the air conditioning device protects the skin.",
     {"repair examination": "patch test", "air conditioning device": "cooling device"}),
    ("Shave the area because undesirable hair above the surface absorbs laser vitality.",
     {"undesirable hair": "unwanted hair", "laser vitality": "laser energy"}),
    ("The warmth damage is rare, but intense pulsed gentle needs care.",
     {"warmth damage": "heat damage", "intense pulsed gentle": "intense pulsed light"}),
    ("Several sessions are needed because of the hair growth bicycle.",
     {"hair growth bicycle": "hair growth cycle"}),
    # laser resurfacing and IPL
    ("A partial laser treats age places, busted capillaries and pigment adjustments.",
     {"partial laser": "fractional laser", "age places": "age spots", "busted capillaries": "broken capillaries",
      "pigment adjustments": "pigment changes"}),
    ("It removes the outer coating of skin and triggers collagen renovation.",
     {"outer coating of skin": "outer layer of skin", "collagen renovation": "collagen remodelling"}),
    ("Tell us if you have a history of chilly sores or string veins.",
     {"history of chilly sores": "history of cold sores", "string veins": "thread veins"}),
    ("The laser slows untimely getting older and treats getting older skin.",
     {"untimely getting older": "premature aging", "getting older skin": "aging skin"}),
    # dermal fillers
    ("Hyaluronic acidity fillers restore cheek quantity and soften puppet traces.",
     {"Hyaluronic acidity fillers": "Hyaluronic acid fillers", "cheek quantity": "cheek volume",
      "puppet traces": "marionette lines"}),
    ("Filler in the rip troughs can block a blood ship.",
     {"rip troughs": "tear troughs", "blood ship": "blood vessel"}),
    ("Nasolabial collapses and the below-eye area respond well.",
     {"Nasolabial collapses": "Nasolabial folds", "below-eye area": "under-eye area"}),
    ("Vascular occlusion cuts the bloodstream supply; the filler is melted with hyaluronidase.",
     {"bloodstream supply": "blood supply", "melted with hyaluronidase": "dissolved with hyaluronidase"}),
    ("A non-surgical nostril task reshapes the nose and jawline meaning improves the profile.",
     {"non-surgical nostril task": "non-surgical nose job", "jawline meaning": "jawline definition"}),
    # botulinum toxin
    ("Botulinum contaminant reduces muscular tissue task behind facial phrases.",
     {"Botulinum contaminant": "Botulinum toxin", "muscular tissue task": "muscle activity",
      "facial phrases": "facial expressions"}),
    ("A rare side effect is a wilting eyelid; a sticky smile can also be treated.",
     {"wilting eyelid": "drooping eyelid", "sticky smile": "gummy smile"}),
    ("It softens vibrant wrinkles and rabbit traces around the nose.",
     {"vibrant wrinkles": "dynamic wrinkles", "rabbit traces": "bunny lines"}),
    # chemical peels
    ("A moderate-depth peel uses trichloroacetic chemical on acne-vulnerable skin.",
     {"trichloroacetic chemical": "trichloroacetic acid", "acne-vulnerable skin": "acne-prone skin"}),
    ("Expect flaking pores and skin and skin chipping; do not pick at a cursory peel.",
     {"pores and skin": "skin", "skin chipping": "skin flaking", "cursory peel": "superficial peel"}),
    ("The peel strengthens the humidity barricade and unclogs increased pores.",
     {"humidity barricade": "moisture barrier", "increased pores": "enlarged pores"}),
    # PRP
    ("The vampire facial uses development aspects from a bloodstream sample.",
     {"development aspects": "growth factors", "bloodstream sample": "blood sample"}),
    ("Stop blood slimmers first; a low platelet depend rules the treatment out.",
     {"blood slimmers": "blood thinners", "low platelet depend": "low platelet count"}),
    ("Focused platelets improve locks density and tissue rebirth.",
     {"Focused platelets": "Concentrated platelets", "locks density": "hair density",
      "tissue rebirth": "tissue regeneration"}),
    # teeth whitening
    ("The whitening gel can weaken tooth lacquer and cause chewing gum disease.",
     {"tooth lacquer": "tooth enamel", "chewing gum disease": "gum disease"}),
    ("We make custom holders at your dental verify-up; crimson wine stains return.",
     {"custom holders": "custom trays", "dental verify-up": "dental check-up", "crimson wine": "red wine"}),
    ("At-residence kits are weaker than in-workplace whitening.",
     {"At-residence kits": "At-home kits", "in-workplace": "in-office"}),
    # hair transplant
    ("Grafts are moved from the donor web site to the receiver area to fix a diminishing hairline.",
     {"donor web site": "donor site", "receiver area": "recipient area",
      "diminishing hairline": "receding hairline"}),
    ("Masculine design baldness and surprise loss are discussed at the session.",
     {"Masculine design baldness": "Male pattern baldness", "surprise loss": "shock loss"}),
    # consultation and aftercare, any procedure
    ("An eligible practitioner reviews your health-related history and treatment prepare.",
     {"eligible practitioner": "qualified practitioner", "health-related history": "medical history",
      "treatment prepare": "treatment plan"}),
    ("Book a stick to-up appointment and see our just before and right after photos.",
     {"stick to-up appointment": "follow-up appointment",
      "just before and right after photos": "before and after photos"}),
    ("Person results may fluctuate; avoid immediate sunlight, sunshine beds and popular showers.",
     {"Person results": "Individual results", "results may fluctuate": "results may vary", "immediate sunlight": "direct sunlight",
      "sunshine beds": "sun beds", "popular showers": "hot showers"}),
    ("Skip make-up on skin with available wounds or a skin an infection.",
     {"available wounds": "open wounds", "skin an infection": "skin infection"}),
    ("The procedure is nicely-tolerated, proof-based and the recovery moment is short.",
     {"nicely-tolerated": "well-tolerated", "proof-based": "evidence-based", "recovery moment": "recovery time"}),
]

# The small model tags the swapped noun as a finite verb here ("skin shades.",
# "sunshine places", "Laser locks removal"); spin-collocation spares only a
# verb that takes an object ("the skin forms a barrier"), so these are found.
TAGGED_AS_VERBS = [
    ("It needs care on darker skin shades.", {"darker skin shades": "darker skin tones"}),
    ("A partial laser treats sunshine places.", {"partial laser": "fractional laser", "sunshine places": "sun spots"}),
    ("Laser locks removal targets the follicles.", {"Laser locks removal": "Laser hair removal"}),
]

WELL_WRITTEN = [
    # laser hair removal
    "Laser hair removal targets the hair follicles during the active growth phase.",
    "A patch test is done first, and a cooling device protects the skin during treatment.",
    "Shave the area the day before, because hair above the surface absorbs laser energy.",
    "Several sessions are needed because hair grows in cycles; coarse, dark hair responds best.",
    "Intense pulsed light is not suitable for darker skin tones or tanned skin.",
    "Permanent hair reduction is a more honest promise than permanent removal.",
    # laser resurfacing and IPL
    "A fractional laser treats sun spots, broken capillaries and pigment changes.",
    "Ablative lasers remove the outer layer of skin and trigger collagen remodelling.",
    "Tell us if you have a history of cold sores; we may prescribe antiviral medication.",
    "Mature skin and sun-damaged skin both respond well to a course of treatments.",
    "Redness and swelling usually settle within a week of laser resurfacing.",
    # dermal fillers
    "Hyaluronic acid fillers restore cheek volume and soften marionette lines.",
    "Filler injected into a blood vessel can cause vascular occlusion, a rare but serious complication.",
    "Hyaluronic acid filler can be dissolved with hyaluronidase if needed.",
    "Tear trough filler needs an experienced injector because the skin under the eyes is thin.",
    "Results look natural, and a modest amount of filler is usually enough.",
    "Lumps and swelling usually settle within two weeks.",
    # botulinum toxin
    "Botulinum toxin relaxes the muscles behind facial expressions such as frowning.",
    "A rare side effect is a drooping eyelid, which wears off within weeks.",
    "It softens dynamic wrinkles like crow's feet and forehead lines.",
    "We offer a follow-up visit about two weeks after your first treatment.",
    # chemical peels
    "A medium-depth peel uses trichloroacetic acid and needs about a week of downtime.",
    "Expect peeling skin and some flaking; do not pick at it.",
    "A superficial peel with glycolic acid suits most skin types.",
    "Gentle cleansers protect the skin barrier while it heals.",
    "Salicylic acid unclogs enlarged pores and helps acne-prone skin.",
    # PRP
    "PRP uses growth factors from a small sample of your own blood.",
    "Stop blood-thinning medication only if your doctor agrees; a low platelet count rules the treatment out.",
    "Concentrated platelets are injected into the scalp to improve hair density.",
    # teeth whitening
    "Whitening gel can make teeth sensitive, and gum inflammation is possible if the trays fit poorly.",
    "We make custom trays at your dental check-up; coffee and red wine stains can return.",
    "At-home kits from a dentist are safer than beauty salon whitening.",
    # hair transplant
    "Grafts are moved from the donor site to the recipient area to rebuild a receding hairline.",
    "Male pattern baldness is the most common reason for a hair transplant.",
    "Shock loss of existing hair can happen in the weeks after surgery.",
    # consultation and aftercare, any procedure
    "A qualified practitioner reviews your medical history and agrees a treatment plan with you.",
    "Individual results vary, and before and after photos show typical rather than guaranteed outcomes.",
    "Avoid direct sunlight, sunbeds, saunas and hot showers for 48 hours.",
    "Skip make-up for a day, and do not treat skin with open wounds or an active infection.",
    "The treatment is well tolerated, evidence-based and the recovery time is short.",
    "The treatment region is numbed with a topical anaesthetic before we start.",
    "Serious side effects are rare, but an allergic reaction needs medical attention.",
]


@pytest.mark.parametrize(("text", "expected"), SPUN, ids=lambda v: str(v)[:40])
def test_spun_clinic_copy_is_found_and_mapped_back(check, text, expected):
    found = {f.text: f.suggestions[0] for f in check(text, select=TABLES)}
    assert found == expected


@pytest.mark.parametrize(("text", "expected"), TAGGED_AS_VERBS, ids=lambda v: str(v)[:40])
def test_swaps_the_tagger_reads_as_verbs_are_found(check, text, expected):
    found = {f.text: f.suggestions[0] for f in check(text, select=TABLES)}
    assert found == expected


@pytest.mark.parametrize("text", WELL_WRITTEN, ids=lambda v: v[:40])
def test_well_written_clinic_copy_is_left_alone(check, text):
    assert [(f.code, f.text) for f in check(text, select=("spin",))] == []
