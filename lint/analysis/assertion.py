"""Is a phrase asserted? Parse-based tests shared by the claim and caveat analyses.

A claim word is only a claim when the writer asserts it, and a caveat phrase
only conveys a caveat when it is not negated or minimised. These functions
read spaCy's dependency parse (a ``Span`` from a Doc parsed with the
``parser`` and ``lemmatizer``) to tell an assertion from a negation, a
warning, a report of what others say, a mention in quotes or a question, and
to find the hedge that softens it and the thing it describes. Their words are
data (:mod:`.lexicon`).

- :func:`negated` -- "not permanent", "no treatment is painless", "we cannot guarantee that..."
- :func:`voided` -- negated or minimised as a caveat reads it: "no side effects", "risk-free", "risks are minimal"
- :func:`framed` -- "be wary of clinics that promise...", "some clinics claim...": why, or None
- :func:`hedge` -- the word that hedges the phrase ("generally painless"), or None
- :func:`target` -- the token the phrase describes ("best" -> "clinic"), or None
- :func:`states_risk` -- the phrase describes a risk or the condition ("permanent scarring")
- :func:`is_question` -- the sentence is a question
- :func:`cites_source` -- a text names a source (authors, year, journal, DOI, PMID, study link)
- :func:`partner` -- what a copular or transitive clause says a noun of ("a peel is the best way" -> peel)
- :func:`generic` -- a noun introduced generically ("a qualified practitioner")
- :func:`first_person` -- the writer's own ("we", "our team")
- :func:`names_risk` -- a sentence names a risk ("1 in 20 get a cold-sore flare")
- :func:`conditional` -- the claim's sentence states the condition it holds under ("only if ...")
- :func:`ordered` -- the phrase stands in an order to the reader ("book your ...")
- :func:`owned` -- the writer presents the phrase as their own ("our Botox", "we offer Dysport")
- :func:`denial` -- the words that say the phrase is absent ("not a hint of soreness", "poses no threat"), or None
- :func:`disowned` -- a denial under a negated verb of assertion ("we never tell you it has no side effects")
- :func:`unrelated` -- what the phrase is said of is outside what a clinic sells ("our booking app is quick and easy")
- :func:`harmless_condition` -- a denial of harm said of the condition, not the treatment ("thread veins do no harm")
- :func:`sanctioned` -- the sentence says the phrase drew a regulator's action ("offers that drew complaints to the ASA")
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from .lexicon import claim_words, english

# Dependency labels that start a new clause: a negation or hedge there does not reach the phrase.
_CLAUSE_EDGES = frozenset({"relcl", "advcl", "parataxis", "acl", "csubj", "ccomp"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})
_PREDICATES = frozenset({"acomp", "attr", "oprd"})
_MODIFIERS = frozenset({"amod", "compound", "nummod", "nmod", "advmod", "npadvmod", "det"})


def _key(token: Token) -> str:
    return token.lemma_.lower() if token.lemma_ else token.lower_


def _is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX")


def _is_negator(token: Token) -> bool:
    words = english()
    if token.dep_ != "neg" and token.lower_ not in words.negators and _key(token) not in words.negators:
        return False
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is None or following.lower_ not in words.negation_cancellers


def _negative_subject(verb: Token, inside: set[int]) -> bool:
    """The clause's subject is negative: "no treatment", "nothing", "not all treatments"."""
    words = english()
    for child in verb.children:
        if child.dep_ not in _SUBJECTS or child.i in inside:
            continue
        if child.lower_ in words.negative_subjects:
            return True
        if any(t.i not in inside and (t.dep_ == "neg" or (t.dep_ == "det" and t.lower_ in words.negative_subjects))
               for t in child.subtree):
            return True
    return False


def _governors(span: Span):
    """The phrase's root and the tokens above it in its own clause (negation and hedges live there).

    Climbing stops at a new clause, except through the complement of a verb of
    assertion ("cannot guarantee that ..."), and never crosses from one verb to
    a coordinated verb ("it isn't invasive and it is painless").
    """
    words = english()
    token = span.root
    yield token
    while token.head.i != token.i:
        head = token.head
        if token.dep_ == "conj" and _is_verb(token):
            return
        if token.dep_ in _CLAUSE_EDGES:
            # The content of an assertion: "cannot guarantee that ..." (ccomp) or
            # "there is no guarantee that ..." (acl of the noun).
            predicates = {_key(c) for c in head.children if c.dep_ in _PREDICATES}
            if token.dep_ not in ("ccomp", "acl") or not ({_key(head)} | predicates) & words.assertion_heads:
                return
        yield head
        token = head


def negated(span: Span) -> bool:
    """Whether the parse puts ``span`` under a negation (tokens inside the span do not count)."""
    inside = set(range(span.start, span.end))

    def negates(c: Token) -> bool:
        # "X, not Y" denies the alternative after the comma, not X: "recovery in hours, not weeks"
        contrast = c.i >= span.end and c.i > 0 and c.doc[c.i - 1].text in (",", "—", "–")
        return c.i not in inside and c.dep_ in ("neg", "det", "advmod", "preconj") and _is_negator(c) and not contrast

    # A negation of a word in the phrase: "not everyone is suitable", "not all skin types".
    if any(negates(c) for token in span for c in token.children):
        return True
    below = None
    figure = any(t.like_num or t.lower_ in english().count_nouns for t in span)
    for token in _governors(span):
        if token.i not in inside and _is_negator(token):
            return True
        # A figure that is what the clause is said of, or where it holds, states the negation as
        # its result: "98% of our patients never need a revision", "in 95% of cases there is no scar",
        # "thousands of satisfied clients cannot be wrong".
        if figure and _is_verb(token) and below is not None and below.dep_ in (*_SUBJECTS, "prep"):
            return False
        # "no needles, no pain": a conjunct with its own determiner is not under its head's "no".
        own_determiner = below is not None and below.dep_ == "conj" and any(c.dep_ == "det" for c in below.children)
        if any(negates(c) and not (own_determiner and c.dep_ == "det") for c in token.children):
            return True
        if _is_verb(token) and _negative_subject(token, inside):
            return True
        if _is_verb(token) and _key(token) in english().withdrawing_verbs:
            return True  # "loyalty cards were withdrawn"
        # "a hen party is no place for injections": the complement of the copula is denied
        if _is_verb(token) and below is not None and below.dep_ in _SUBJECTS and any(
                c.dep_ == "attr" and c.i not in inside and any(negates(d) for d in c.children) for c in token.children):
            return True
        below = token
    return False


def _subject(verb: Token) -> Token | None:
    """Who does ``verb``: its subject, the agent of a passive, or the noun a relative clause describes."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if verb.dep_ == "relcl" and child.tag_ in ("WDT", "WP"):
                return verb.head  # "clinics that promise ..." -> clinics
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return verb.head if verb.dep_ in ("relcl", "acl") else None  # "anyone promising ..." -> anyone


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in verb.children)


def first_person(subject: Token) -> bool:
    """"we", "I", "our clinic": the writer's own voice."""
    own = english().first_person
    return subject.lower_ in own or any(c.dep_ == "poss" and c.lower_ in own for c in subject.children)


_first_person = first_person


def _report(token: Token, child: Token | None = None) -> str | None:
    """``token`` is a verb reporting someone else's claim (``child``: the step down towards the claim)."""
    words = english()
    if not _is_verb(token):
        return None
    lemma = _key(token)
    if lemma not in words.claim_verbs and lemma not in words.saying_verbs:
        return None
    subject = _subject(token)
    if subject is not None and _key(subject) in claim_words().third_parties:
        return f"reported ('{token.text}')"
    if lemma not in words.claim_verbs:
        return None
    # "watchdogs pulled up clinics for promising ...": the gerund's doer is the third party punished for it
    if subject is None and token.dep_ == "pcomp" and any(
            c.dep_ == "dobj" and _key(c) in claim_words().third_parties for c in token.head.head.children):
        return f"reported ('{token.text}')"
    passive = token.tag_ == "VBN" or any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
    # "you may see it advertised as non-invasive": how something is sold, not the writer's claim.
    sold_as = child is not None and child.lower_ == "as" and (subject is None or not _first_person(subject))
    if (passive and not any(c.dep_ == "agent" for c in token.children)) or sold_as:
        return f"reported ('{token.text}')"
    return None


def _phrasal_warning(verb: Token, particle: Token, child_step: Token | None) -> bool:
    """"watch out for ... deals", "stay away from clinics offering ...": an order whose particle makes it
    a warning (not "top-ups keep lines away"), about what it is for or away from (not "stay away from the
    sun after your painless peel"), and not an invitation to the writer's own ("look out for our deals")."""
    words = english()
    if particle.dep_ not in ("prt", "advmod", "acomp") or _has_subject(verb) or child_step is None:
        return False
    if f"{_key(verb)} {particle.lower_}" not in words.warning_phrasal_verbs:
        return False
    if child_step.dep_ == "prep" and child_step.lower_ not in words.warning_object_prepositions:
        return False
    return not any(t.lower_ in words.first_person for t in verb.subtree)


def _warning(token: Token, child_step: Token | None = None) -> str | None:
    """``token`` warns the reader off what it governs (``child_step``: the step down towards the phrase)."""
    words = english()
    if _key(token) in words.warnings or token.lower_ in words.warnings:
        return f"warning ('{token.text}')"
    for child in token.children:
        if child.dep_ in _PREDICATES and _key(child) in words.warnings:
            return f"warning ('{child.text}')"
        if _phrasal_warning(token, child, child_step):
            return f"warning ('{token.text} {child.text}')"
        # "treat 'limited slots' offers as a warning sign", "see it as a red flag"
        if child.dep_ == "prep" and child.lower_ == "as" and any(
                _key(t) in words.warnings for t in child.subtree if t.i != child.i):
            return f"warning ('{child.text} ... {next(t.text for t in child.subtree if _key(t) in words.warnings)}')"
    return None


def _mentioned(span: Span) -> bool:
    """A quoted term talked about, not asserted: 'words like "painless"', 'describing it as 'the best''.

    The span must sit inside a quotation within its sentence, and the sentence
    must say what the quotation is (a term, a claim, a complaint) or who says it.
    """
    doc, sentence = span.doc, span.sent
    opens = [t for t in doc[sentence.start:span.start] if t.text in english().quotes]
    closes = [t for t in doc[span.end:sentence.end] if t.text in english().quotes]
    if not opens or not closes:
        return False
    words = english()
    return any(
        _key(t) in words.mention_nouns or _key(t) in words.claim_verbs or _key(t) in words.saying_verbs
        for t in sentence
    )


def _claim_noun(token: Token, child: Token) -> str | None:
    """A clause hanging off a noun naming a claim: "claims that a laser is painless are not acceptable"."""
    if token.pos_ == "NOUN" and _key(token) in english().mention_nouns and child.dep_ in ("acl", "ccomp", "relcl"):
        return f"reported ('{token.text}')"
    return None


def _named_as_term(span: Span) -> bool:
    """The phrase is the subject of a sentence that says what kind of word it is:
    "Painless is a promise no honest clinic makes", "Risk-free is not a word for adverts"."""
    root = span.root
    if root.dep_ not in ("nsubj", "nsubjpass", "csubj") or _key(root.head) != "be":
        return False
    return any(c.dep_ == "attr" and _key(c) in english().mention_nouns for c in root.head.children)


def framed(span: Span) -> str | None:
    """Why ``span`` is not the writer's own assertion (a warning, a report, a mention), or None."""
    if _mentioned(span):
        return "mentioned in quotes"
    if _named_as_term(span):
        return "named as a term"
    token = span.root
    # passed through a clause inside the sentence: a relative clause ("anyone who offers ..."),
    # a reason ("because a voucher is about to expire") or what is let happen ("let a timer rush you")
    embedded = False
    while token.head.i != token.i:
        if token.dep_ in ("conj", "parataxis") and _is_verb(token) and _has_subject(token):
            break  # a separate clause: "avoid the sun, and the treatment is painless"
        embedded = embedded or token.dep_ in ("relcl", "advcl") or (
            token.dep_ == "ccomp" and _key(token.head) in english().permitting_verbs)  # not "don't miss out"
        child, token = token, token.head
        reason = _warning(token, child) or _report(token, child) or _claim_noun(token, child)
        if not reason and embedded and _negated_imperative(token):
            # "don't book with anyone who offers ...", "don't choose a clinic because a voucher expires"
            reason = f"warning ('{token.text}')"
        if reason:
            return reason
    # The small parser often misattaches long sentences ("Avoid any provider who
    # claims a treatment is risk-free" parses as a clausal subject), so a
    # reporting verb or a warning adjective ("wary of") earlier in the same
    # clause still frames the phrase. Warning verbs such as "avoid" do not: "to
    # avoid pain, our painless ..." is a claim.
    for token in reversed(span.doc[span.sent.start:span.start]):
        if token.lower_ in english().clause_breaks:
            break
        reason = (_report(token) or _mistagged_report(token)
                  or (_warning(token) if token.pos_ == "ADJ" or _key(token) == "beware" else None))
        if reason:
            return reason
    if sanctioned(span):
        return "reported (a regulator's action)"
    return None


def sanctioned(span: Span) -> bool:
    """The sentence says what the phrase names drew a regulator's action: its main verb has a sanction
    for object ("time-limited offers have drawn complaints", "hashtagging posts with #botox led to an
    ASA ruling"): the phrase is what was complained of, reported, not the writer's own claim."""
    sanctions = claim_words().sanctions
    root = span.sent.root
    if not _is_verb(root) or root.i in range(span.start, span.end):
        return False
    objects = [c for c in root.children if c.dep_ in ("dobj", "attr")]
    objects += [o for c in root.children if c.dep_ in ("prep", "dative") for o in c.children if o.dep_ == "pobj"]
    return any(o.pos_ == "NOUN" and (_key(o) in sanctions or any(
        f"{_key(c)} {_key(o)}" in sanctions for c in o.children if c.dep_ == "compound")) for o in objects)


def _negated_imperative(token: Token) -> bool:
    """An order not to do something: "don't book", "never trust"."""
    return (token.tag_ == "VB" and token.dep_ == "ROOT" and not _has_subject(token)
            and any(_is_negator(c) for c in token.children))


def _mistagged_report(token: Token) -> str | None:
    """A claim verb the tagger read as a noun after a third party: "some clinics market it as painless"."""
    words = english()
    if _is_verb(token) or _key(token) not in words.claim_verbs or token.i == 0:
        return None
    return f"reported ('{token.text}')" if _key(token.nbor(-1)) in claim_words().third_parties else None


def hedge(span: Span) -> str | None:
    """The hedge softening ``span`` ("generally painless", "could be the best", "minimal pain"), or None."""
    words = english()
    softener = next((t.text for t in span if t.lower_ in words.softeners), None)
    if softener is not None:
        return softener.lower()
    # Just before the phrase: "almost no pain", "little to no discomfort", "near-flawless", "one of the best".
    before = span.doc[max(span.sent.start, span.start - 3):span.start]
    for token in reversed(before):
        if token.is_punct and token.text != "-":
            break
        if token.lower_ in words.softeners or token.lower_ in words.hedges:
            return token.lower_  # "possibly up to 80%", "a fairly quick fix"
    if " ".join(t.lower_ for t in before) == "one of the":
        return "one of the"
    # A maximum, not a typical result: "up to 90% fewer hairs".
    text = f" {' '.join(t.lower_ for t in span)} "
    ranged = next((range_hedge for range_hedge in words.range_hedges if f" {range_hedge} " in text), None)
    if ranged is not None:
        return ranged
    # Said of most or many people, not all: "Most of our clients are back at work ...".
    opening = next((t for t in span.sent if not t.is_punct), None)
    if opening is not None and opening.i < span.start and opening.lower_ in words.hedging_quantifiers:
        return opening.lower_
    inside = set(range(span.start, span.end))
    for token in _governors(span):
        for child in token.children:
            if child.i in inside or child.dep_ not in ("advmod", "aux", "npadvmod"):
                continue
            phrase = " ".join(t.lower_ for t in child.subtree)
            for word in words.hedges:
                if phrase == word or child.lower_ == word:
                    return phrase
        if _is_verb(token) and token.pos_ == "VERB" and token.dep_ != "xcomp":
            # Hedges of an outer verb ("we usually offer ...") do not hedge the phrase; those of a verb
            # it completes do ("might help you wave goodbye to ...", "could help erase ...").
            break
    return None


def target(span: Span) -> Token | None:
    """The token ``span`` describes: the noun it modifies, or the subject it is predicated of.

    "the best clinic" -> clinic; "our clinic is the best" -> clinic;
    "advertised as non-invasive" -> what is advertised. None when the span
    stands alone ("Minimal pain:").
    """
    described = _described(span.root)
    return described if described is not None and not span.start <= described.i < span.end else None


def _described(root: Token) -> Token | None:
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    head = root.head
    if root.dep_ == "ROOT" and _is_verb(root):  # "Botox is approved by the FDA"
        return _clause_subject(root)
    if head.i == root.i:
        return None
    if root.dep_ in _MODIFIERS:
        # "our revolutionary HIFU device": through the compounds to the noun they name
        while head.dep_ in ("compound", "amod") and head.head.i != head.i and head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head
        if head.pos_ in ("NOUN", "PROPN", "PRON"):
            return head
    if root.dep_ in _PREDICATES or (root.dep_ == "pobj" and head.lower_ == "as"):
        return _clause_subject(head.head if root.dep_ == "pobj" else head, objects=True)
    if root.dep_ == "prep" and _key(head) == "be":  # "Aura is in a different league"
        return _clause_subject(head)
    return None


def _clause_subject(verb: Token, objects: bool = False) -> Token | None:
    """The subject of ``verb``, looking through "can turn out to be" and "are common and can be"."""
    deps = ("nsubj", "nsubjpass", "dobj") if objects else ("nsubj", "nsubjpass")
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ in deps), None)
        if subject is not None:
            if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                return verb.head  # "scarring, which can be permanent" -> scarring
            return subject
        if verb.dep_ not in ("xcomp", "conj", "ccomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def verbless(sentence: Span) -> bool:
    """A headline or slogan with no main verb: "Unsurpassed comfort with our cooling laser."."""
    return not any(_is_verb(t) and t.dep_ == "ROOT" for t in sentence)


def clause_words(span: Span) -> list[Token] | None:
    """What a phrase that describes nothing in particular ("Nothing works better than PRP",
    "sculpts like nothing else", "Superior to ordinary facials, the HydraFacial ...") is said
    of: the subject of the verb it hangs from, or every word of a verbless headline
    ("Number one for lip fillers in Cardiff"). Adverbs ("works best on dark hair") describe
    how something works, not what is best: None."""
    if span.root.pos_ == "ADV":
        return None
    verb = next((t for t in _governors(span) if _is_verb(t)), None)
    if verb is None and span.root.pos_ == "ADJ" and span.root.dep_ == "advcl":
        verb = span.root.head  # a fronted adjective: "Superior to facials, the HydraFacial cleans ..."
    subject = _clause_subject(verb) if verb is not None else None
    if subject is not None:
        if subject.lower_ in english().negative_subjects or span.start <= subject.i < span.end:
            return [t for t in verb.subtree if not span.start <= t.i < span.end]  # "nothing beats PRP"
        return [subject]
    if verbless(span.sent):
        return [t for t in span.sent if not span.start <= t.i < span.end]
    return None


def states_risk(span: Span) -> bool:
    """Whether ``span`` describes a risk, a side effect or the condition treated, not the treatment.

    "permanent scarring", "pigment changes can be permanent", "acne scars are permanent",
    "darker patches. These can occasionally be permanent" (a pronoun stands for what it refers to).
    """
    described = target(span)
    if described is None:
        return False
    if described.lower_ in english().anaphors:
        described = _antecedent(described)
        if described is None:
            return False
    if _reduced(described):
        return False  # "up to 70% fewer spider veins" promises a result
    if described.dep_ in _SUBJECTS and any(w in english().nil_predicates for w in span.text.lower().split()):
        return False  # "problems are almost unheard of" says the risk is nil: it denies the risk, not states it
    if any(_key(t) in claim_words().benefit_words for t in span):
        return False  # "acne scars improve by 60%": the phrase itself says the condition gets better
    compounds = [c for c in described.children if c.dep_ == "compound"]
    keys = {_key(described), described.lower_, *(f"{_key(c)} {_key(described)}" for c in compounds)}
    before = described.doc[described.i - 1] if described.i > 0 else None
    if keys & claim_words().benefits or (before is not None and f"{_key(before)} {_key(described)}" in claim_words().benefits):  # "permanent fat loss" promises a result
        return False
    return bool(keys & claim_words().risk_targets)


def _said_of(span: Span) -> Token | None:
    """What ``span`` is said of: its target, or else the one word of the clause it is said of
    ("the veins do no harm" -> veins)."""
    described = target(span)
    if described is None:
        words = clause_words(span)
        described = words[0] if words is not None and len(words) == 1 else None
    return described


def _keys(noun: Token) -> set[str]:
    """A noun's lemma and form, alone and with each compound before it ("booking app", "side effect")."""
    compounds = [c for c in noun.children if c.dep_ == "compound"]
    return {_key(noun), noun.lower_, *(f"{_key(c)} {_key(noun)}" for c in compounds)}


def unrelated(span: Span) -> Token | None:
    """What ``span`` is said of when that is a thing outside what a clinic sells (claim-semantics.yaml
    unrelated-things: "our booking app is quick and easy", "pickled onions take weeks to cure"), else None.
    The caller decides whether a procedure named with it makes it a claim after all.

    A claim noun (an offer, a place in the diary) is also judged by where it belongs, outside the
    span: a compound or possessor ("the book club's voucher", "parking spaces fill up") or the place it
    is at ("the sale at the shoe shop next door")."""
    unrelated_things = claim_words().unrelated_things
    described = _said_of(span)
    if described is not None and described.pos_ in ("NOUN", "PROPN") and _keys(described) & unrelated_things:
        return described
    # (the span's own nouns by their owners only: "lunchtime peel" is a claim about a peel)
    nouns = [t for t in (described, *span) if t is not None and t.pos_ in ("NOUN", "PROPN")]
    return next((noun for noun in nouns
                 if any(_keys(owner) & unrelated_things for owner in _owners(noun, span))), None)


def _owners(noun: Token, span: Span) -> Iterator[Token]:
    """The nouns outside ``span`` that say whose or where ``noun`` is: its compounds and possessor
    ("coffee voucher", "the club's voucher") and the object of "at" or "in" ("the sale at the shop")."""
    for child in noun.children:
        if span.start <= child.i < span.end:
            continue
        if child.dep_ in ("compound", "poss") and child.pos_ in ("NOUN", "PROPN"):
            yield child
        elif child.dep_ == "prep" and child.lower_ in ("at", "in"):
            yield from (c for c in child.children if c.dep_ == "pobj")


def harmless_condition(span: Span) -> bool:
    """A denial of harm said of the condition treated or a risk, not of a treatment: "thread veins do no
    harm", "stretch marks ... they pose no threat to health" (a pronoun stands for what it refers to)."""
    described = _said_of(span)
    # the condition does no harm: it is the subject of the verb the denied harm completes ("veins zapped
    # with not a trace of discomfort" says what treating them feels like)
    if (described is None or described.dep_ != "nsubj" or span.root.dep_ not in ("dobj", "attr", "acomp")
            or span.root.head.i != described.head.i):
        return False
    if described.lower_ in english().anaphors:
        # the nearest earlier noun of the pronoun's number: "most adults have some stretch marks, and
        # they do no harm" is said of the marks, not of the adults who have them
        plural = "Plur" in described.morph.get("Number")  # they, these, those
        described = next((t for t in reversed(span.doc[span.sent.start:described.i])
                          if t.pos_ == "NOUN" and (t.tag_ == "NNS") == plural), None)
    if described is None or span.start <= described.i < span.end:
        return False
    return bool(_keys(described) & claim_words().risk_targets)


def _antecedent(pronoun: Token) -> Token | None:
    """What a pronoun subject refers to: the nearest earlier subject in its sentence
    ("scarring is rare, but it can be permanent"), else the subject (or verbless
    head) of the previous sentence."""
    sentence = pronoun.sent
    earlier = [t for t in pronoun.doc[sentence.start:pronoun.i]
               if t.dep_ in ("nsubj", "nsubjpass", "csubj") and t.lower_ not in english().anaphors]
    if earlier:
        return earlier[-1]
    if sentence.start == 0:
        return None
    previous = pronoun.doc[sentence.start - 1].sent
    root = previous.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None:
        return subject
    return root if root.pos_ in ("NOUN", "PROPN") else None


def is_question(span: Span) -> bool:
    """A direct question, or an embedded one: "what the evidence shows", "whether it is painless",
    "which option is best for you"."""
    if span.sent.text.rstrip().endswith("?") and not _before_tag_question(span):
        return True
    for token in _governors(span):
        if not _is_verb(token) or token.dep_ == "relcl":
            continue
        if any(c.lower_ in english().wh_words and c.dep_ in ("dobj", "attr", "mark", "advmod") for c in token.children):
            return True
        if token.dep_ == "ccomp" and any(
            c.dep_ in _SUBJECTS and any(d.dep_ == "det" and d.lower_ in english().wh_words for d in c.children)
            for c in token.children
        ):
            return True
    return False


def rhetorical(span: Span) -> bool:
    """A question that asserts rather than asks: it does not open with an auxiliary, a modal or a
    wh-word ("Embarrassed by your double chin?", not "Is lip filler allowed for 16-year-olds?"), or it
    opens as a rhetorical "why let", "why put up with"..."""
    words = [t.lower_ for t in span.sent if not t.is_punct]
    opening = " ".join(words[:3])
    if any(f"{opening} ".startswith(f"{phrase} ") for phrase in english().rhetorical_openers):
        return True  # "Why let skin tags spoil your neckline?"
    if words[:1] == ["why"] and any(word in english().writer_words for word in words):
        return True  # "Why have 8 out of 10 of our clients chosen HIFU?", not "Why do I need a patch test?"
    first = next((t for t in span.sent if not t.is_punct), None)
    return first is not None and first.pos_ != "AUX" and first.lower_ not in english().question_openers


def _before_tag_question(span: Span) -> bool:
    """The claim is a statement followed by a short question of its own ("It's painless, so why wait?")."""
    sentence = span.sent
    breaks = [t.i for t in span.doc[span.end:sentence.end] if t.text in (",", ":", ";", "-", "–", "—")]
    return bool(breaks) and sentence.end - breaks[-1] <= 6


def cites_source(text: str) -> bool:
    """Whether ``text`` names a source: authors, a dated study, a journal, DOI, PMID or study link."""
    return claim_words().sources["citations"].search(text) is not None


def _frees_of_risk(free: Token) -> bool:
    """A "free" that says a risk is absent ("a pain-free peel", "scar-free healing"), not a product
    attribute ("a fragrance-free moisturiser", "oil-free sunscreen") or a price ("a free consultation")."""
    absent = [t for t in free.children if t.i < free.i and t.dep_ in ("npadvmod", "compound", "nmod", "advmod")]
    risks = claim_words().risk_targets
    return any(_key(t) in risks or t.lower_ in risks
               or any(f"{_key(c)} {_key(t)}" in risks for c in t.children if c.dep_ == "compound")
               for t in absent)


def _voids(token: Token, span: Span) -> bool:
    """Whether a child of ``token`` outside the match negates or minimises it."""
    words = english()
    for child in token.children:
        if span.start <= child.i < span.end:
            continue
        word = child.lower_
        if word in words.free_words and not _frees_of_risk(child):
            continue
        if child.dep_ == "neg" or (child.dep_ in ("det", "advmod", "amod", "prep", "nummod") and word in words.voiding_words):
            return True
        if child.dep_ in ("amod", "acomp", "npadvmod") and word in words.minimisers:
            return True
    return False


def voided(span: Span, literal: frozenset[str] = frozenset()) -> bool:
    """The phrase is negated or minimised as a caveat: "no side effects", "risk-free", "risks are minimal",
    "carries no risks" (a voiding word inside the match that is not one of the pattern's own ``literal``
    words filled a gap: "carries ... risks" matched through "no").

    Stricter than :func:`negated` about what may void it (a caveat phrase must
    be conveyed, so "free" after it and minimising adjectives count), and it
    climbs only to the predicate that governs the phrase ("does not cause any
    side effects", "without leading to any side effects"). A gerund after a
    preposition ("the risks of scarring") is not a predicate; climbing goes on
    through it.
    """
    doc = span.doc
    sentence = f" {' '.join(t.lower_ for t in span.sent)} "
    if any(f" {phrase} " in sentence for phrase in english().reassurances):
        return True
    free = english().free_words  # "risk-free", "side-effect free"
    after = doc[span.end:span.end + 2]
    if len(after) and after[-1].lower_ in free and (len(after) == 1 or after[0].text in "-–"):
        return True
    if span.end < len(doc) and doc[span.end].lower_ in free:
        return True
    words = english()
    if any(t.lower_ not in literal and (t.dep_ == "neg" or t.lower_ in words.voiding_words) for t in span[1:-1]):
        return True
    if any(_voids(token, span) for token in span):
        return True
    token = span.root
    while not _is_predicate(token) and token.head.i != token.i:
        token = token.head
        # "without any side effects"; "free of any complications" (the adjective the phrase hangs from)
        if token.lower_ in english().voiding_words and token.pos_ in ("ADP", "ADJ") or _voids(token, span):
            return True
    return _obligation_denied(token)


def _obligation_denied(predicate: Token) -> bool:
    """"You don't need to see a doctor", "there is no need to consult anyone": the phrase is what the reader
    is told they need not do, which conveys nothing ("you will need to see a doctor first" does)."""
    need = predicate.head
    if predicate.dep_ not in ("xcomp", "acl") or _key(need) not in english().obligation_words:
        return False
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in english().negators) for c in need.children)


def _is_predicate(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.dep_ != "pcomp"


def partner(noun: Token) -> Token | None:
    """What a clause says ``noun`` of: the subject when it is the complement, or the object
    of a verb of giving ("a peel is the best way" -> peel; "following aftercare gives the
    best results" -> following), the complement or object when it is the subject ("the best results come
    from aftercare" -> aftercare). None when it stands alone or in a phrase ("For best results")."""
    head = noun.head
    if noun.dep_ in _PREDICATES or (noun.dep_ == "dobj" and _key(head) in english().giving_verbs):
        subject = _clause_subject(head)
        if subject is None:  # "following your aftercare gives ...": a gerund the parser did not call a subject
            subject = next((c for c in head.children if c.i < head.i and (c.dep_ == "csubj" or c.tag_ == "VBG")), None)
        return subject
    if noun.dep_ in _SUBJECTS and head.i != noun.i:
        for child in head.children:
            if child.dep_ in _PREDICATES or (child.dep_ == "dobj" and _key(head) in english().giving_verbs):
                return child
        for child in head.children:
            if child.dep_ == "prep":
                return next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
    return None


def generic(noun: Token) -> bool:
    """A noun introduced generically ("a qualified practitioner", "any injector"), not the writer's own."""
    if noun.dep_ in ("attr", "ROOT", "appos"):  # "Dr Shah is an ... surgeon", "A leading specialist in ..."
        return False
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ == "VERB":
        return False  # "recognised as a centre of excellence" names what the writer is
    if noun.dep_ == "pobj" and noun.head.lower_ == "by" and not _advice(noun.sent):
        return False  # "led by an internationally acclaimed injector" says who does it here
    return (not first_person(noun)
            and any(c.dep_ == "det" and c.lower_ in english().generic_determiners for c in noun.children))


def _advice(sentence: Span) -> bool:
    """The sentence tells the reader what to do or look for: an order ("choose a ...", "make sure
    you are treated by a ...") or a modal of obligation ("you should be treated by a ...")."""
    root = sentence.root
    if root.tag_ == "VB" and not _has_subject(root):
        return True
    return any(_key(t) in english().advice_words for t in sentence)


def _reduced(noun: Token) -> bool:
    """"fewer veins", "less fat": a result promised, not a risk named."""
    return any(c.dep_ == "amod" and c.lower_ in english().reducing_comparatives for c in noun.children)


def _absent_or_reduced(noun: Token) -> bool:
    """A risk word said to be absent or reduced names no risk: "there is no visible scar",
    "up to 80% fewer veins"."""
    return _reduced(noun) or any(c.dep_ in ("neg", "det") and _is_negator(c) for c in noun.children)


def names_risk(span: Span) -> bool:
    """Whether the sentence of ``span`` names a risk or side effect outside the span (a lemma,
    or a two-word compound, among the risk targets), and says nothing of a benefit."""
    words = claim_words()
    sentence = list(span.sent)
    # "after mole removal" names when, not a benefit: a procedure named as a time
    timed = {t.i for prep in sentence if prep.dep_ == "prep" and prep.lower_ in ("after", "before", "following")
             for t in prep.subtree}
    benefit = [t for t in sentence if t.i not in timed]
    every = ({_key(t) for t in benefit} | {t.lower_ for t in benefit}
             | {f"{_key(a)} {_key(b)}" for a, b in zip(benefit, benefit[1:])})
    if every & words.benefit_words or every & words.benefits:
        return False
    # what a treatment is for is the condition treated, not a risk: "studies back PRP for thinning hair"
    treated = {t.i for prep in sentence if prep.dep_ == "prep" and prep.lower_ == "for" for t in prep.subtree}
    tokens = [t for t in sentence if not span.start <= t.i < span.end and not _absent_or_reduced(t)
              and t.i not in treated]
    keys = {_key(t) for t in tokens} | {f"{_key(a)} {_key(b)}" for a, b in zip(tokens, tokens[1:])}
    return bool(keys & words.risk_targets)


def conditional(span: Span) -> bool:
    """The sentence states the condition the claim holds under ("safe only if your skin type suits it"),
    not a comparison in the same words ("takes about as long as a haircut")."""
    words = english()
    tokens = [t.lower_ for t in span.sent]
    text = f" {' '.join(tokens)} "
    for marker in words.condition_markers:
        at = text.find(f" {marker} ")
        while at != -1:
            before = text[:at].split()[-1:]
            if not (before and before[0] in words.comparison_degree_words):
                return True
            at = text.find(f" {marker} ", at + 1)
    return False


def ordered(span: Span) -> bool:
    """``span`` stands in an order to the reader: its clause is an imperative ("book your Botox",
    "smooth lines with ..."), not a subordinate clause of one ("seek help if ... after Botox")."""
    sentence = span.sent
    first = next((t for t in sentence if not t.is_punct), None)
    if first is not None and first.lower_ in english().imperative_openers and first.i < span.start:
        return True
    for token in _governors(span):
        if token.dep_ == "ROOT":
            return token.tag_ == "VB" and not _has_subject(token) and not any(_is_negator(c) for c in token.children)
        if _is_verb(token) and _has_subject(token):
            return False  # a clause of its own: "antibiotics interact with toxin, so tell your prescriber"
    return False


def owned(span: Span) -> bool:
    """The writer presents ``span`` as their own: "our Xeomin treatments", "we offer Dysport",
    "we're the home of Botox" (a first-person possessor or subject in its clause)."""
    for token in _governors(span):
        if first_person(token):
            return True
        if _is_verb(token) and any(c.dep_ in _SUBJECTS and c.lower_ in english().first_person or c.lower_ == "we're"
                                   for c in token.children):
            return True
    return False


def _denier(token: Token) -> Token | None:
    """The word that denies ``token`` itself: "no threat", "not a prickle", "won't sting", "never painful"
    (for a predicate, its verb's negation: "cannot get infected", "isn't sore"); None for an order
    ("don't scratch", "never pick a scab"), which is advice."""
    words = english().denying_words
    for candidate in (token, token.head) if token.dep_ in (*_PREDICATES, "xcomp") else (token,):
        if candidate.tag_ == "VB" and candidate.dep_ == "ROOT" and not _has_subject(candidate):
            return None
        for child in candidate.children:
            # before it: in "useful for depressed scars, not the raised ones" the "not" denies what follows
            if (child.dep_ in ("neg", "det", "advmod", "preconj", "nummod", "amod", "aux") and child.lower_ in words
                    and child.i < token.i):
                return child
        subject = next((c for c in candidate.children if c.dep_ in _SUBJECTS), None)
        if _is_verb(candidate) and subject is not None and subject.lower_ in english().negative_subjects:
            return subject  # "nobody has ever had a problem", "nothing stings"
    return None


def _kind_only(word: Token) -> bool:
    """A grave kind or another procedure's harm is denied, not the word: "no severe pain" admits pain,
    "no threats related to more invasive techniques" compares with them."""
    if any(c.dep_ == "amod" and c.lower_ in english().severity_words for c in word.children):
        return True
    others = claim_words().procedure_nouns
    return any(_key(t) in others for c in word.children if c.dep_ in ("prep", "acl", "amod") for t in c.subtree)


def _balanced(span: Span) -> bool:
    """The sentence goes on to state the risk after a contrast: "FUE doesn't leave a linear scar, but it
    does leave hundreds of tiny white scars"."""
    words = english()
    after = span.doc[span.end:span.sent.end]
    contrast = next((t.i for t in after if t.lower_ in words.clause_breaks and t.text not in ":;—–"), None)
    return contrast is not None and any(
        _key(t) in claim_words().risk_targets and not _absent_or_reduced(t) for t in span.doc[contrast:span.sent.end])


def denial(span: Span) -> Span | None:
    """The words by which the writer says the word ``span`` names is absent, as a claim of its absence:
    "not a hint of soreness", "without a flicker of pain", "minus the wincing", "won't sting",
    "poses no threat", "carries none of the dangers", "nobody has ever had a problem", "cannot get
    infected", "incapable of upsetting the skin", "problems are almost unheard of". None when it is
    not denied, when what is denied is something said of it ("if the pain does not settle"), or when
    the denial is a condition or a purpose ("so you don't get a burn") or an order ("don't scratch").
    """
    words = english()
    doc = span.doc

    def through(first: Token) -> Span:
        return doc[min(first.i, span.start):max(span.end, first.i + 1)]

    for token in _governors(span):
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in words.advice_clause_marks
                                         for c in token.children):
            return None
    token = span.root
    if _kind_only(token) or _balanced(span):
        return None
    denier = _denier(token)
    if denier is not None:
        return through(denier)
    # measured in a quantity: "a flicker of pain", "none of the dangers", "not a hint of soreness"
    while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.i != token.head.i:
        quantity = token.head.head
        if quantity.lower_ in words.negative_subjects:
            return through(quantity)
        if _key(quantity) not in words.quantity_nouns:
            break
        token = quantity
        denier = _denier(token)
        if denier is not None:
            return through(denier)
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in words.denying_prepositions:
        return through(head)  # "without a flicker of pain", "minus the wincing"
    if token.dep_ == "appos" and head.lower_ in words.negative_subjects:
        return through(head)  # "honestly nothing, not a prickle"
    if token.dep_ in ("dobj", "attr") and _key(head) in words.having_verbs:
        denier = _denier(head)
        if denier is not None:
            return through(denier)  # "poses no threat" reads on the noun; "never causes a scar" on the verb
    # a gerund or infinitive an adjective of incapacity governs: "incapable of upsetting", "unable to harm"
    governor = head.head if token.dep_ == "pcomp" and head.dep_ == "prep" else head if token.dep_ == "xcomp" else None
    if governor is not None and governor.lower_ in words.incapacity_words:
        return through(governor)
    # said to be nil: "problems are almost unheard of", "complications are close to nonexistent"
    if token.dep_ in _SUBJECTS and _key(head) == "be":
        for child in head.children:
            if child.dep_ in _PREDICATES and any(t.lower_ in words.nil_predicates for t in child.subtree):
                return through(max(child.subtree, key=lambda t: t.i))
    return None


def disowned(span: Span) -> bool:
    """A denial the writer does not make: it is what a negated verb of assertion governs ("we will
    never tell you a peel has no side effects", "nobody can promise that it won't sting"). Only such a
    verb undoes it: the "no" of a coordinated denial ("no stinging, no soreness") is another claim."""
    words = english()
    for token in _governors(span):
        if not _is_verb(token) or token.i in range(span.start, span.end):
            continue
        lemma = _key(token)
        if lemma in words.assertion_heads or lemma in words.claim_verbs or lemma in words.saying_verbs:
            return any(_is_negator(c) for c in token.children if c.dep_ in ("neg", "advmod")) or \
                _negative_subject(token, set(range(span.start, span.end)))
    return False
