"""The claim family: claims asserted in clinic copy are flagged with their category;
the same words negated, warned about, reported, cited or out of scope are not."""

from __future__ import annotations

import pytest

# Sentences in the style of clinic pages, each making a claim of the given category.
CLAIMS = [
    ("Results are 'guaranteed' at our clinic.", "guarantee"),  # scare quotes do not make it a mention
    ("Our laser resurfacing delivers permanent results in just one session.", "cure"),
    ("Banish unwanted hair forever with our diode laser.", "cure"),
    # a harm denied of the treatment, not of the condition it treats
    ("Our peel treats acne scars, and it does no harm to your skin.", "safety"),
    ("Lip fillers that last a lifetime.", "cure"),
    ("The results of a deep phenol peel are permanent.", "cure"),
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
    ("We are the leading laser clinic in Manchester.", "credentials"),
    ("Our injectors use the most advanced techniques in the UK.", "superlative"),
    ("Hair transplants at our clinic use revolutionary technology.", "superlative"),
    ("Visit the number one hydrafacial salon in London.", "superlative"),
    ("A lunchtime peel with zero downtime.", "trivialising"),
    ("See instant results after your filler appointment.", "trivialising"),
    ("Laser hair removal is quick and easy.", "trivialising"),
    ("Results are instant, so you can go straight back to your day.", "trivialising"),
    ("Book now and save 20% on your first microneedling session.", "urgency"),
    ("Hurry, only 5 spaces left at this price!", "urgency"),
    ("Our Black Friday filler offer ends at midnight.", "urgency"),
    ("Limited time offer: half price PRP.", "urgency"),
]

# The same claim words negated, warned about, reported, cited, asked, out of
# scope, or describing a risk: none is a claim.
NOT_CLAIMS = [
    # claims quoted, named as claims, or reported by a regulator
    "ASA guidance says promises that a peel is painless are misleading.",
    "Calling a filler clinic 'the best in London' without evidence breaches the CAP Code.",
    "The complaint concerned 'guaranteed results' in a hair transplant advert.",
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


# Idioms and wordings of each category beyond the obvious keywords.
CLAIMS += [
    ("You won't feel a thing during your laser hair removal.", "pain"),
    ("Our patients say they barely felt anything.", "pain"),
    ("Tattoo removal at our studio is practically pain-free.", "pain"),
    ("Treatment is totally comfortable, with no pain at all.", "pain"),
    ("The procedure won’t hurt one bit.", "pain"),
    ("Say goodbye to unwanted hair for good.", "cure"),
    ("You'll never have to shave your legs again.", "cure"),
    ("Once the hair follicles are destroyed, the hair won't grow back.", "cure"),
    ("Fat cells removed by CoolSculpting are gone forever.", "cure"),
    ("Enjoy zero recovery time after your HydraFacial.", "trivialising"),
    ("You can go straight back to work after your PRP facial.", "trivialising"),
    ("In and out in 30 minutes, with no downtime.", "trivialising"),
    ("Pop in during your lunch break for a quick top-up.", "trivialising"),
    ("A lunch-break tweakment for glowing skin.", "trivialising"),
    ("We are the UK's leading hair transplant clinic.", "credentials"),
    ("Our award-winning injectors are here to help.", "credentials"),
    ("Our aesthetics team is simply second to none.", "superlative"),
    ("Harley Street's premier destination for lip fillers.", "superlative"),
    ("Our clinic offers the highest standard of care in Leeds.", "credentials"),
    ("Our results are in a league of their own.", "superlative"),
    ("We offer 100% satisfaction on every treatment.", "guarantee"),
    ("Love your smile or your money back.", "guarantee"),
    ("You'll love the results of your Morpheus8 course.", "guarantee"),
    ("Our whitening system works every time.", "guarantee"),
    ("Everyone can benefit from a HydraFacial.", "universal-suitability"),
    ("Our laser is safe on all Fitzpatrick skin types.", "universal-suitability"),
    ("No matter your skin tone, our IPL delivers results.", "universal-suitability"),
    ("Suitable for all ages and genders.", "universal-suitability"),
    ("Perfect for anyone who wants smoother skin.", "universal-suitability"),
    ("Book now to avoid disappointment.", "urgency"),
    ("Spaces are limited, so secure yours today.", "urgency"),
    ("This month only: half-price chemical peels.", "urgency"),
    ("Our summer botox deal ends Friday.", "urgency"),
    ("Only a few appointments remaining this week!", "urgency"),
    ("Appointments are filling up fast for December.", "urgency"),
    ("Don’t miss out on our spring offer.", "urgency"),
    ("Watch your acne scars disappear after three sessions.", "cure"),
    ("Wave goodbye to crow's feet.", "cure"),
    ("Our peel will reverse the signs of ageing.", "cure"),
    ("Get rid of your double chin for good with fat freezing.", "cure"),
    ("No more stubborn pigmentation.", "cure"),
    ("Tattoo removal without a trace.", "cure"),
    ("Our PRP hair treatment is side-effect free.", "safety"),
    ("There are zero side effects with our HydraFacial.", "safety"),
    ("Fat freezing is completely safe and has no risks.", "safety"),
    ("Microneedling is free of any risk when done by our nurses.", "safety"),
    ("Our teeth whitening gel is dermatologist recommended.", "evidence"),
    ("Recommended by leading dermatologists.", "evidence"),
    ("Trials have demonstrated an 80% reduction in hair.", "evidence"),
    ("Our microneedling pen is MHRA approved.", "regulatory"),
    ("Enjoy needle-free lip enhancement without injections.", "invasiveness"),
    ("Botox is a non-invasive way to look younger.", "invasiveness"),
    ("Laser tattoo removal that is quick, easy and virtually painless.", "pain"),
    ("Most clients describe it as completely pain free.", "pain"),
    ("The results of your hair transplant will last a lifetime.", "cure"),
    ("Permanently reduce stubborn fat with CoolSculpting.", "cure"),
    ("Fat freezing has no downtime, so you can get straight back to your day.", "trivialising"),
    ("With no healing time needed, it's the ideal pre-party treatment.", "trivialising"),
    ("You can return to your normal routine immediately.", "trivialising"),
    ("Immediate results you can see as you leave the clinic.", "trivialising"),
    ("Voted the best aesthetics clinic in Surrey three years running.", "superlative"),
    ("We use the most advanced laser technology available.", "superlative"),
    ("Dr Patel is one of the most experienced injectors in the country.", "superlative"),
    ("Our revolutionary fat freezing technology is unmatched.", "superlative"),
    ("Results are guaranteed with our Invisalign-style whitening.", "guarantee"),
    ("We guarantee a natural-looking result every time.", "guarantee"),
    ("Whatever your skin type, our HydraFacial will leave you glowing.", "universal-suitability"),
    ("Suitable for all skin types, including sensitive skin.", "universal-suitability"),
    ("Our peels are ideal for everyone, whatever their age.", "universal-suitability"),
    ("Hurry! Only 3 spaces left at this price.", "urgency"),
    ("Offer expires at midnight on Sunday.", "urgency"),
    ("Book today and save £50 on your first session.", "urgency"),
    ("Black Friday sale: 40% off all injectables.", "urgency"),
    ("Limited spaces available for our January PRP event.", "urgency"),
    ("Erase years from your face with our vampire facelift.", "cure"),
    ("Our laser will completely remove your tattoo without a trace.", "cure"),
    ("Eliminate cellulite in just four sessions.", "cure"),
    ("Flawless skin is just one peel away.", "cure"),
    ("Botox injections are completely safe.", "safety"),
    ("There is no risk of scarring with our laser.", "safety"),
    ("Teeth whitening with no side effects or sensitivity.", "safety"),
    ("PRP is 100% natural and 100% safe.", "safety"),
    ("Clinically proven to reduce hair loss by 60%.", "evidence"),
    ("Scientific studies prove that microneedling boosts collagen by 400%.", "evidence"),
    ("Our FDA approved laser removes tattoos of every colour.", "regulatory"),
    ("Morpheus8 is a non-invasive alternative to a facelift.", "invasiveness"),
    # status presented as a credential (regulators-in-practice.md: unqualified credentials)
    ("The clinic is a leading member of the British College of Aesthetic Medicine.", "credentials"),
]

# The same idioms negated, warned about, reported, asked, or describing a risk,
# aftercare or the clinic's own procedure; and nearby words that are no claim at all.
NOT_CLAIMS += [
    "There is no guarantee that you will see the improvement you hope for.",
    "We can't promise you will get the result you want.",
    "Redness and swelling are common. They usually settle in two days, but can occasionally last longer or be permanent.",
    "Burns are rare, but they can be permanent.",
    "Scarring is uncommon, but it can be permanent.",
    "Be wary of any clinic claiming you won't feel a thing.",
    "Most people feel some discomfort; it is not painless.",
    "Some clinics advertise lunchtime peels, but deep peels need weeks of healing.",
    "Clinics that promise you'll be back at work straight away are not being honest about recovery.",
    "It is not suitable for everyone.",
    "Not everyone is a suitable candidate for fillers.",
    "Who is it suitable for? Not everyone: we assess you first.",
    "We do not offer discounts that end on a deadline.",
    "Take your time: there is no deadline and no offer to miss out on.",
    "Our clinic closes for a lunch break between 1pm and 2pm.",
    "Fillers last for a limited time, usually 6 to 18 months.",
    "For best results, avoid sun exposure for two weeks.",
    "The best time to start a course of laser hair removal is autumn.",
    "Sunscreen is the best thing you can do for your skin.",
    "You will see the full effect after about two weeks.",
    "The swelling should disappear within a few days.",
    "Bruising usually disappears within a week.",
    "Nothing can reverse ageing completely.",
    "No treatment can turn back the clock.",
    "Peels will not get rid of deep acne scars.",
    "Avoid clinics offering 'money back' guarantees on medical procedures.",
    "Research has not demonstrated that PRP regrows hair in everyone.",
    "Is laser hair removal permanent?",
    "A 2020 trial by Smith et al. demonstrated an 80% reduction in hair.",
    "The offer of a free consultation does not expire.",
    "Most people can return to normal activities the next day.",
    "Hair loss after a transplant can be permanent in rare cases.",
    "Please let us know if you have any questions about side effects.",
    "We never claim that our treatments are pain-free.",
    "Few clinics explain that results are not guaranteed.",
    "Appointments are available Monday to Saturday.",
    "Treatment sessions end with a soothing mask.",
    "Don't miss your follow-up appointment.",
    "If you experience pain that doesn't go away, contact us.",
    "Numbing cream helps, but it won't make the treatment painless.",
    "Everyone's skin is different, so results vary.",
    "Everyone heals at a different pace.",
    "Almost everyone has some redness afterwards.",
    "Permanent fillers carry a higher risk of long-term problems.",
    "This treatment is not suitable for everyone, and we will check your medical history first.",
    "We cannot promise permanent results, because hair can regrow.",
    "Laser hair removal gives permanent hair reduction for most people.",
    "Some clinics market fat freezing as painless, but many people find it uncomfortable.",
    "Side effects can include temporary numbness, which occasionally lasts several weeks.",
    "Nerve damage is rare but can be permanent.",
    "Tattoo removal is not painless: most people compare it to a hot elastic band.",
    "Hair transplants are surgery, and no surgery is risk-free.",
    "Be cautious of any clinic offering a 'risk-free' trial of botox.",
    "Our prices are fixed and there are no time-limited offers.",
    "A consultation gives you time to think; we will never pressure you to book.",
    "Don't book with anyone who offers discounts that expire within 24 hours.",
    "Results cannot be guaranteed, and some people need more sessions than others.",
    "We won't tell you that fillers last forever: most last 6 to 12 months.",
    "There is no evidence that PRP works for everyone.",
    "Studies have not shown that microneedling is safe for pregnant women.",
    "How long do results last?",
    "What is the best age to start botox?",
    "Choosing the right practitioner is the most important decision you will make.",
    "The most common side effects are redness and swelling.",
    "The most effective way to prevent pigmentation is daily SPF.",
    "Some redness is normal, and it should disappear within 48 hours.",
    "Your skin will feel tight and may peel for a few days.",
    "Expect some downtime: redness lasts up to a week.",
    "There is some downtime, so do not book before a big event.",
    "Numbing cream is applied to make the treatment more comfortable.",
    "Your hygienist will remove surface stains before whitening.",
    "Laser resurfacing cannot remove deep wrinkles entirely.",
    "You may see claims that a treatment is 'clinically proven', so ask to see the study.",
    "If anyone tells you a peel has no side effects, find another clinic.",
    "Teeth whitening is not permanent and needs topping up.",
    "We only use products that are licensed in the UK.",
    "Only a qualified prescriber can prescribe botulinum toxin.",
    "Everyone will have a consultation before any treatment.",
    "Anyone under 18 cannot have this treatment.",
    "Anyone with an active infection should wait.",
    "The treatment takes about 30 minutes.",
    "The needles move in and out in a stamping motion.",
    "The needles go in and out of the skin very quickly.",
    "Many people have Botox in their lunch hour and go back to work, though bruising can happen.",
    "Refunds: if you cancel more than 48 hours ahead, you get your money back.",
    "The consultation fee is refundable against treatment.",
    "Our consultation ends with a written treatment plan.",
    "Your course of treatment ends after the sixth session.",
    "There are two sessions left in your course; we will book them at your review.",
    "Everyone is welcome to book a free consultation.",
    "Who is it for? Adults with mild to moderate acne scars.",
    "No more than one treatment every four weeks is recommended.",
    "No more than three syringes should be used in one session.",
    "Sun damage cannot be reversed, only improved.",
    "The tiny marks usually disappear within a day or two.",
    "Small scabs may form; they will disappear on their own.",
    "Stop treatment if the redness does not disappear.",
    "If the lump does not go away, it can be dissolved.",
    "Results are not instant: collagen builds over three months.",
    "Nothing to eat or drink for two hours before sedation.",
    "You can go back to work the next day, although you may look a little red.",
    "You will need to return for a top-up in 6 months.",
    "Do not go straight back to the gym after injections.",
    "The best candidates are non-smokers with good skin elasticity.",
    "We'll discuss which option is best for you.",
    "It is best to avoid alcohol for 24 hours.",
    "A leading cause of poor results is smoking.",
    "This is one of the most common questions we get.",
    "Collagen production peaks after the most intense sessions.",
    "Tell us if you have had cold sores, as treatment can trigger them.",
    "The hair may fall out after two weeks, which is normal.",
    "We have appointments on Saturdays.",
    "Prices start at £150 per session.",
    "Our nurses are registered with the NMC.",
    "Unlike surgery, fillers can be dissolved.",
    "Your results will depend on your skin, age and lifestyle.",
    "Patients often ask whether the results are permanent.",
    "It's a myth that teeth whitening damages enamel permanently.",
    # round 7 (written for these tests): warnings with a particle or "as a warning sign", the press
    # and social media reporting others' offers, a medical referral, an award won, amenities, an
    # identifier, a risk or condition counted, a figure from a named survey or registry
    "Watch out for clinics that promise painless lasers.",
    "Stay away from salons offering 50% off lip filler.",
    "Regard 'two for one' filler deals as a warning sign.",
    "A newspaper investigation reported that some salons gave free filler top-ups without a consultation.",
    "The ASA has criticised 'last chance' offers on breast surgery.",
    "Some influencer videos present a nose job as a quick fix.",
    "Children with port-wine stains are treated here after a GP referral.",
    "Our team won an award for patient safety leaflets.",
    "Parking is free for patients after 6pm.",
    "Call us on 0161 000 000 and press number 1 for bookings.",
    "About 1 in 30 people get a headache after toxin for sweating; it passes in a day.",
    "Hyperhidrosis, a disorder of the sweat glands, affects around 1 in 20 adults.",
    "A 2022 survey by the British Association of Dermatologists found that 40% of people had tried a home peel.",
    "The UK Breast Implant Registry records more than 20,000 implant operations a year.",
    "Why are some people back at their desk in a day after a peel?",
    # round 10: a claim word in another business's name, said of a thing the clinic does not sell,
    # or in what drew a regulator's action
    "Safe Harbour is the sailing charity our receptionist volunteers for.",
    "Our new appointment app is quick and easy to use.",
    "Our staff kitchen is quick and easy to clean.",
    "Last-minute discounts on lip filler have led to complaints to the regulator.",
    "The ASA pulled up a salon for promising scar-free mole removal.",
    "Many teenagers get acne scars; they pose no danger, though they can hurt confidence.",
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
    # every category a claim rule reports (permanence is a cure claim, no downtime trivialising)
    assert len({category for _, category in CLAIMS}) == 12


def test_hedge_lowers_severity_and_is_named(check):
    plain, = _claims(check, "Microneedling is painless.")
    hedged, = _claims(check, "Microneedling is generally painless.")
    assert plain.severity == "error"
    assert hedged.severity == "warning"
    assert "'generally'" in hedged.message and "'generally'" not in plain.message


# A hedge before the phrase, a maximum instead of a typical result, a claim said of most people, a modal
# on the verb the claim completes: each softens the claim, which stays a finding one severity lower.
@pytest.mark.parametrize(("plain", "hedged", "hedge", "code"), [
    ("Our laser gives 90% fewer hairs.", "Our laser gives up to 90% fewer hairs.", "up to", "CL115"),
    ("Our clients are back to normal straight away after a lash lift.",
     "Most of our clients are back to normal straight away after a lash lift.", "most", "CL113"),
    ("Cavitation helps you wave goodbye to your muffin top.",
     "Cavitation might help you wave goodbye to your muffin top.", "might", "CL106"),
])
def test_softened_claims_are_one_severity_lower(check, plain, hedged, hedge, code):
    unhedged, = [f for f in _claims(check, plain) if f.code == code]
    softened, = [f for f in _claims(check, hedged) if f.code == code]
    levels = ("info", "warning", "error")
    assert levels.index(softened.severity) == levels.index(unhedged.severity) - 1
    assert f"'{hedge}'" in softened.message and f"'{hedge}'" not in unhedged.message

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
