"""The spin model on its own: resources, thesaurus, inflection, agreement, candidates, determinism.

Real spaCy parses and the model files shipped in the package; nothing here reads
data from outside the repository (a user's clone has only what the package ships).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter

import numpy as np
import pytest

from cliniclint import lint
from cliniclint.lint import nlp
from cliniclint.lint.spin_model import SpinModel, word_counts
from cliniclint.lint.spin_model.inflection import inflect, suggestion_form
from cliniclint.lint.spin_model.keys import gram, key
from cliniclint.lint.spin_model.resources import MODEL_DIR, ModelMissing, Resources
from cliniclint.lint.spin_model.scoring import Scorer, ensemble_members

SPUN = "Most clients need a course of six sessions, and the redness settles within two days like a breeze."
CLEAN = "Most clients need a course of six sessions, and the redness settles within two days."


@pytest.fixture(scope="module")
def model():
    return SpinModel.load()


@pytest.fixture(scope="module")
def parse():
    pipeline = nlp.load(nlp.resolve_model(None), frozenset({"tagger", "attribute_ruler", "lemmatizer"}))
    return pipeline


def test_keys_do_not_depend_on_the_hash_seed():
    # BLAKE2b, not hash(): the shipped tables were keyed on another machine.
    assert key("skin") == int.from_bytes(__import__("hashlib").blake2b(b"skin", digest_size=8).digest(), "little")
    assert gram("fine", "lines") == "fine\x1flines"


def _memory_mapped(array: np.ndarray) -> bool:
    """A view of a file mapped into memory (plain ndarray views keep the map as their base)."""
    return isinstance(array.base, np.memmap) and not array.flags.owndata


def test_tables_are_memory_mapped_and_sorted():
    resources = Resources.load()
    for table in (resources.domain_pairs, resources.general_pairs, resources.domain_words):
        assert _memory_mapped(table.keys)
        assert np.all(table.keys[1:] > table.keys[:-1])
    assert _memory_mapped(resources.synonym_ids)


def test_missing_model_file_is_named(tmp_path):
    with pytest.raises(ModelMissing, match="word-keys.npy"):
        Resources.load(tmp_path)


def test_thesaurus_gives_what_a_spinner_could_have_swapped(model):
    gadget = {related.word for related in model.thesaurus.related("gadget", "NOUN")}
    assert "device" in gadget
    maser = {related.word for related in model.thesaurus.related("optical maser", "NOUN")}
    assert "laser" in maser
    assert model.thesaurus.related("gadget", "ADV") == []
    assert model.thesaurus.related("zzzz", "NOUN") == []


@pytest.mark.parametrize(("lemma", "tag", "expected"), [
    ("session", "NNS", "sessions"), ("injury", "NNS", "injuries"), ("patch", "NNS", "patches"),
    ("heal", "VBG", "healing"), ("reduce", "VBG", "reducing"), ("find out", "VBD", "found out"),
    ("promote", "VBZ", "promotes"), ("skin care", "NNS", "skin cares"), ("run", "VBG", "running"),
    ("child", "NNS", "children"), ("fine", "JJ", "fine"),
])
def test_inflection_follows_the_tag(model, lemma, tag, expected):
    assert inflect(lemma, tag, model.resources.forms) == expected


@pytest.mark.parametrize(("lemma", "tag", "expected"), [
    # OEWN lists "taken", "took" for "take" untagged, "am" first for "be", "fatter" for "fat"
    ("take", "VBZ", "takes"), ("take", "VBD", "took"), ("take", "VBN", "taken"), ("be", "VBZ", "is"),
    ("fat", "NNS", "fats"), ("bring about", "VBD", "brought about"), ("skin care", "NNS", "skin cares"),
    ("child", "NNPS", "children"), ("good", "JJR", "better"), ("fine", "JJ", "fine"),
])
def test_suggestions_take_the_form_the_tag_names(model, lemma, tag, expected):
    assert suggestion_form(lemma, tag, model.resources.forms) == expected


@pytest.mark.parametrize(("text", "errors"), [
    ("It is a organic approach.", ["a organic"]),
    ("It takes an hour and is a unique, one-off treatment at a university clinic.", []),
    ("Use an SPF 30 sunscreen and a UV filter, an honest price for a European brand.", []),
    ("She gave an simple answer.", ["an simple"]),
])
def test_article_agreement(model, parse, text, errors):
    doc = parse(text)
    assert [doc[start:end].text for start, end in model.agreement.errors(doc)] == errors


def test_word_counts_count_forms_and_lemmas_once_per_token(parse):
    counts = word_counts([parse("The sessions help. One session helps.")])
    assert counts["session"] == 2 and counts["sessions"] == 1 and counts["help"] == 2


def test_word_counts_read_as_numbers_are_those_of_each_token(parse):
    docs = [parse(SPUN), parse("Sessions, SESSIONS and Dr. Smith's 3 sessions: well-known skin-care."), parse("")]
    expected = Counter()
    for token in (token for doc in docs for token in doc):
        if token.is_alpha:
            expected.update({token.lower_, token.lemma_.lower()})
    assert word_counts(docs) == expected and expected["sessions"] >= 3


def test_candidates_point_at_exact_text_with_a_suggestion(model, parse):
    doc = parse(SPUN)
    found = model.candidates(doc, floor=0.0)
    assert found, "every content word with synonyms is a scored candidate at floor 0"
    for candidate in found:
        assert doc.text[candidate.start_char:candidate.end_char].strip() == doc.text[candidate.start_char:candidate.end_char]
        assert 0.0 <= candidate.confidence <= 1.0
        assert candidate.suggestions and all(candidate.suggestions)
        assert candidate.mechanism in ("context-misfit", "capitalised-swap")


def test_exempt_words_are_never_candidates(model, parse):
    doc = parse(SPUN)
    found = {doc.text[c.start_char:c.end_char].lower() for c in model.candidates(doc, floor=0.0)}
    assert "breeze" in found
    exempt = {doc.text[c.start_char:c.end_char].lower() for c in model.candidates(doc, exempt={"breeze"}, floor=0.0)}
    assert "breeze" not in exempt


def test_same_candidates_whatever_the_hash_seed(tmp_path):
    script = (
        "import json, spacy; from cliniclint.lint.spin_model import SpinModel; from cliniclint.lint import nlp;"
        "p = nlp.load(nlp.resolve_model(None), frozenset({'tagger','attribute_ruler','lemmatizer'}));"
        f"m = SpinModel.load(); d = p({SPUN!r});"
        "print(json.dumps([(c.start_char, c.end_char, round(c.confidence, 6), c.suggestions) for c in m.candidates(d, floor=0.0)]))"
    )
    outputs = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        outputs.add(subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                                   check=True).stdout)
    assert len(outputs) == 1
    assert json.loads(outputs.pop())


def test_weights_name_the_features_they_were_trained_on():
    weights = json.loads((MODEL_DIR / "weights.json").read_text(encoding="utf-8"))
    from cliniclint.lint.spin_model.detector import FEATURE
    from cliniclint.lint.spin_model.features import CANDIDATE_FEATURES, SLOT_FEATURES

    assert weights["ranker"]["features"] == list(CANDIDATE_FEATURES)
    assert weights["classifier"]["features"] == [*SLOT_FEATURES, FEATURE]  # the detector's column, since round 15
    assert ensemble_members(weights)
    assert 0 < weights["thresholds"]["candidate"] < weights["thresholds"]["warning"] < 1


def _weights_with(members: list[dict], single_format: bool = False) -> dict:
    """The shipped weights.json with other classifier members (``single_format``: the one-classifier
    format written before ensembles, for a single member)."""
    weights = json.loads((MODEL_DIR / "weights.json").read_text(encoding="utf-8"))
    classifier = {name: weights["classifier"][name] for name in ("features", "mean", "scale")}
    weights.pop("calibration", None)
    if single_format:
        (member,) = members
        classifier.update(hidden=member["hidden"], output=member["output"])
        weights["calibration"] = member["calibration"]
    else:
        classifier["members"] = members
    weights["classifier"] = classifier
    return weights


def _other_member(member: dict) -> dict:
    """A second classifier, unlike the first: its hidden layer halved, its output bias and calibration moved."""
    hidden = [{"weights": (0.5 * np.asarray(layer["weights"])).tolist(), "bias": layer["bias"]}
              for layer in member["hidden"]]
    output = {"weights": member["output"]["weights"], "bias": member["output"]["bias"] + 0.7}
    calibration = {"a": 0.8 * member["calibration"]["a"], "b": member["calibration"]["b"] - 0.3}
    return {"hidden": hidden, "output": output, "calibration": calibration}


def test_an_ensemble_scores_the_mean_of_its_members_probabilities(model, parse):
    first = ensemble_members(json.loads((MODEL_DIR / "weights.json").read_text(encoding="utf-8")))[0]
    second = _other_member(first)
    doc = parse(SPUN)

    def confidences(weights: dict) -> np.ndarray:
        other = SpinModel(model.resources, Scorer.from_json(weights, "test"))
        return np.array([c.confidence for c in other.candidates(doc, floor=0.0)])

    alone = [confidences(_weights_with([member])) for member in (first, second)]
    both = confidences(_weights_with([first, second]))
    assert Scorer.from_json(_weights_with([first, second]), "test").size == 2
    assert len(both) == len(alone[0]) == len(alone[1]) > 3
    assert np.abs(alone[0] - alone[1]).max() > 0.05, "the two members must disagree for the test to mean anything"
    np.testing.assert_allclose(both, (alone[0] + alone[1]) / 2, rtol=0, atol=1e-12)


def test_a_single_classifier_file_in_the_old_format_scores_as_an_ensemble_of_one(model, parse):
    member = ensemble_members(json.loads((MODEL_DIR / "weights.json").read_text(encoding="utf-8")))[0]
    _, rows, _ = model.slot_rows(parse(SPUN))
    old = Scorer.from_json(_weights_with([member], single_format=True), "test")
    new = Scorer.from_json(_weights_with([member]), "test")
    assert old.size == new.size == 1
    np.testing.assert_array_equal(old.probability(rows), new.probability(rows))


def test_ensemble_members_with_different_layers_are_refused():
    first = ensemble_members(json.loads((MODEL_DIR / "weights.json").read_text(encoding="utf-8")))[0]
    narrower = {**first, "hidden": [{"weights": [row[:-1] for row in first["hidden"][0]["weights"]],
                                     "bias": first["hidden"][0]["bias"][:-1]}],
                "output": {"weights": first["output"]["weights"][:-1], "bias": first["output"]["bias"]}}
    with pytest.raises(ModelMissing, match="different layers"):
        Scorer.from_json(_weights_with([first, narrower]), "test")


def test_the_weights_file_is_read_once_per_process():
    script = (
        "import collections; from cliniclint import lint; import cliniclint.lint.spin_model as spin_model;"
        "reads = collections.Counter(); read_json = spin_model.read_json;"
        "spin_model.read_json = lambda folder, name: (reads.update([name]), read_json(folder, name))[1];"
        f"[lint.check_text(text) for text in ({SPUN!r}, {CLEAN!r}, {SPUN!r})];"
        "print(reads['weights.json'])"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "1"


def test_a_segment_of_a_hyphenated_word_knows_the_other_segment(model, parse):
    doc = parse("Expect lengthy-term results and a wound-therapeutic effect, well - known.")
    compounds = {doc[s.start:s.end].text: s.compound for s in model.finder.sites(doc)}
    assert compounds["lengthy"] == (None, "term")
    assert compounds["therapeutic"] == ("wound", None)
    assert compounds["results"] == (None, None)
    assert compounds.get("known", (None, None)) == (None, None)  # spaced hyphens join nothing


def test_a_compound_clean_prose_writes_is_preferred_to_the_spun_one(model, parse):
    from cliniclint.lint.spin_model.features import compound_fits

    doc = parse("A wound-therapeutic effect.")
    site = next(s for s in model.finder.sites(doc) if doc[s.start].text == "therapeutic")
    fits = compound_fits(model.context, site)
    healing = 1 + [r.word for r in site.related].index("healing")
    assert fits[healing] > fits[0] == 0.0


# A block with one- and several-word slots, a hyphenated compound, a capital mid-sentence and a slot at its end.
BATCHED = ("Expect lengthy-term results from the optical maser: the Handpiece provides great traces "
           "of fine lines, and the wound-therapeutic effect lasts a lifetime")


def _fields(fit) -> dict[str, bytes]:
    return {name: getattr(fit, name).tobytes() for name in fit.__dataclass_fields__}


def test_a_block_fitted_at_once_gives_each_slot_the_numbers_it_gets_alone(model, parse):
    from cliniclint.lint.spin_model.context import DOMAIN_SHARE, FLOOR, SMOOTHING

    sites = model.finder.sites(parse(BATCHED))
    slots = [slot for site in sites for slot in (site.seen, *site.candidates)]
    assert {len(slot.words) for slot in slots} >= {1, 2} and any(slot.right is None for slot in slots)
    batched = model.context.fit(slots)
    for row, slot in enumerate(slots):
        alone = _fields(model.context.fit([slot]))
        assert {name: value[8 * row:8 * row + 8] for name, value in _fields(batched).items()} == alone, slot
    # And the chain's bigram model, spelt out for one slot with a right neighbour.
    slot = next(slot for slot in slots if slot.right is not None and len(slot.words) == 2)
    chain = [slot.left, *slot.words, slot.right]
    counts, zipf = (dict(zip(chain, column)) for column in model.context._words(chain))
    prior = {w: DOMAIN_SHARE * (counts[w] + 0.1) / model.context.total
             + (1 - DOMAIN_SHARE) * (10.0 ** (zipf[w] - 9.0) if zipf[w] > 0 else FLOOR) for w in chain}
    pairs = list(zip(chain, chain[1:]))
    expected = sum(np.log((model.context.pair_counts([pair])[0] + SMOOTHING * prior[pair[1]])
                          / (counts[pair[0]] + SMOOTHING)) for pair in pairs)
    assert model.context.fit([slot]).domain[0] == pytest.approx(expected, rel=1e-12)


def test_candidate_rows_computed_for_a_block_at_once_are_those_of_each_slot_alone(model, parse):
    from cliniclint.lint.spin_model.features import CANDIDATE_FEATURES, candidate_features, compound_fits, site_fits

    doc = parse(BATCHED)
    sites = model.finder.sites(doc)
    document = word_counts([doc])
    fit, offsets = site_fits(model.context, sites)
    compounds = [compound_fits(model.context, site) for site in sites]
    batched = candidate_features(sites, fit, offsets, document, compounds)
    assert len(batched) == len(sites) > 5
    for site, rows, compound in zip(sites, batched, compounds):
        alone_fit, alone_offsets = site_fits(model.context, [site])
        [alone] = candidate_features([site], alone_fit, alone_offsets, document, [compound])
        assert rows.shape == (len(site.fillers), len(CANDIDATE_FEATURES))
        assert rows.tobytes() == alone.tobytes()
        column = dict(zip(CANDIDATE_FEATURES, rows.T))
        assert column["words"].tolist() == [len(words) for words in site.fillers]
        assert column["rank"].tolist() == [r.rank for r in site.related]
        assert column["compound_gain"].tolist() == (compound[1:] - compound[0]).tolist()


@pytest.mark.parametrize("text, expected", [
    ("We went to the long-term clinic and the optical maser.",
     [("went to", "VERB", "go to"), ("long-term", "ADJ", "long-term"), ("clinic", "NOUN", "clinic"),
      ("optical maser", "NOUN", "optical maser")]),
    ("Use the optical, maser now.", [("Use", "VERB", "use"), ("optical", "ADJ", "optical"), ("maser", "NOUN", "maser")]),
])
def test_a_phrase_slot_is_the_longest_entry_of_words_and_hyphens(model, parse, text, expected):
    doc = parse(text)
    assert [(doc[s.start:s.end].text, s.pos, s.lemma) for s in model.finder.sites(doc)] == expected


def _toy_detector(inputs: int, seed: int = 3):
    """A replaced-token detector with random weights (one ReLU layer of 5 units) for ``inputs`` columns."""
    from cliniclint.lint.spin_model.detector import Detector

    rng = np.random.default_rng(seed)
    layers = ((rng.normal(size=(inputs, 5)), rng.normal(size=5)), (rng.normal(size=(5, 1)), rng.normal(size=1)))
    return Detector(rng.normal(size=inputs), rng.uniform(0.5, 2.0, size=inputs), layers, (0.9, -0.2))


def test_the_detector_scores_every_content_word_from_the_parse_it_sees(model, parse):
    from cliniclint.lint.spin_model.detector import COUNT_FEATURES, content_tokens, token_rows

    doc = parse(SPUN)
    indices = content_tokens(doc)
    assert [doc[i].text for i in indices][:4] == ["Most", "clients", "need", "course"]
    rows = token_rows(doc, model.resources, indices)
    width = doc.tensor.shape[1]
    assert rows.shape == (len(indices), 3 * width + len(COUNT_FEATURES))
    # The word's own tensor row sits between its neighbours'; before the block's start the neighbour is zeros.
    np.testing.assert_allclose(rows[1, :3 * width], doc.tensor[indices[1] - 1:indices[1] + 2].ravel())
    assert indices[0] == 0 and not rows[0, :width].any() and rows[0, width:].any()
    detector = _toy_detector(rows.shape[1])
    hidden = np.maximum(((rows - detector.mean) / detector.scale) @ detector.layers[0][0] + detector.layers[0][1], 0)
    logit = (hidden @ detector.layers[1][0] + detector.layers[1][1]).ravel()
    expected = 1 / (1 + np.exp(-(0.9 * logit - 0.2)))
    scores = detector.scores(doc, model.resources)
    np.testing.assert_allclose([scores[i] for i in indices], expected)


def _scorer_without_the_detector() -> Scorer:
    return Scorer.from_json(_weights_without_the_detector(), "test")


def _weights_without_the_detector() -> dict:
    """The shipped classifiers (which read the detector's column, their last input, since round 15) with
    that column taken out: weights of the kind shipped before, for the code path that keeps no tensor."""
    from cliniclint.lint.spin_model.detector import FEATURE

    weights = _weights_with(ensemble_members(json.loads((MODEL_DIR / "weights.json").read_text(encoding="utf-8"))))
    classifier = weights["classifier"]
    assert classifier["features"][-1] == FEATURE
    for name in ("features", "mean", "scale"):
        classifier[name] = classifier[name][:-1]
    for member in classifier["members"]:
        layer = member["hidden"][0]
        layer["weights"] = layer["weights"][:-1]
    return weights


def test_slot_rows_end_with_the_detector_column_when_the_weights_name_it(model, parse):
    from cliniclint.lint.spin_model.detector import COUNT_FEATURES, slot_detector

    doc = parse(SPUN)
    without = SpinModel(model.resources, _scorer_without_the_detector())
    sites, rows, _ = without.slot_rows(doc)
    assert slot_detector(None, doc, model.resources, sites) == [0.0] * len(sites)
    assert model.scorer.detector and not without.scorer.detector
    with_detector = SpinModel(model.resources, model.scorer)
    with_detector.detector = None  # as for a model folder without detector.json
    with pytest.raises(ModelMissing, match="detector"):
        with_detector.slot_rows(doc)
    with_detector.detector = _toy_detector(3 * doc.tensor.shape[1] + len(COUNT_FEATURES))
    sites_too, extended, _ = with_detector.slot_rows(doc)
    assert sites_too == sites
    np.testing.assert_array_equal(extended[:, :-1], rows)
    np.testing.assert_allclose(extended[:, -1], slot_detector(with_detector.detector, doc, model.resources, sites))
    assert 0 < extended[:, -1].max() <= 1


def test_the_detector_refuses_a_parse_whose_tensor_was_released(model, parse):
    from cliniclint.lint.spin_model.detector import content_tokens, token_rows

    doc = parse(SPUN)
    doc.tensor = np.zeros((0,), dtype="float32")  # what lint/nlp.py leaves after the parse
    with pytest.raises(ModelMissing, match="doc.tensor"):
        token_rows(doc, model.resources, content_tokens(doc))


@pytest.fixture
def shared_reading_the_detector():
    """The process's shared spin model (the one the rules read): its shipped weights read the detector."""
    from cliniclint.lint.analysis.spin_model import shared_model

    shared = shared_model()
    assert shared.detector is not None
    return shared


@pytest.fixture
def shared_without_the_detector():
    """The shared spin model re-made with weights that do not read the detector, as ``devsets.use_weights``
    does for a draw; the shipped weights again afterwards."""
    from cliniclint.lint.analysis.spin_model import shared_model

    shared = shared_model()
    shipped = shared.scorer
    shared.__init__(shared.resources, _scorer_without_the_detector())
    assert shared.detector is None
    yield shared
    shared.__init__(shared.resources, shipped)


def test_weights_reading_the_detector_lint_from_its_output_kept_before_the_tensor_is_released(
        shared_reading_the_detector, rules, parse):
    from cliniclint.lint.analysis.spin_model import spin_candidates
    from cliniclint.lint.engine import Checker
    from cliniclint.lint.readers import read_text
    from cliniclint.lint.spin_model.detector import KEPT

    checker = Checker(rules, lint.Config(select=("spin",)))
    (parsed,) = checker.parse([read_text(SPUN)])
    (doc,) = parsed.docs
    assert doc.tensor.size == 0  # released all the same
    kept = doc.user_data[KEPT]
    assert kept.dtype == np.float32 and kept.shape == (len(doc),)  # 4 bytes a token instead of 384
    whole = parse(SPUN)  # the same text with its tensor
    expected = shared_reading_the_detector.detector.scores(whole, shared_reading_the_detector.resources)
    np.testing.assert_allclose([kept[i] for i in expected], list(expected.values()), rtol=1e-6)
    assert not kept[[t.i for t in doc if t.i not in expected]].any()
    found = parsed.get(spin_candidates, frozenset())[0]
    direct = shared_reading_the_detector.candidates(whole)
    assert found and [(c.start_char, c.end_char) for c in found] == [(c.start_char, c.end_char) for c in direct]
    np.testing.assert_allclose([c.confidence for c in found], [c.confidence for c in direct], rtol=1e-5)
    shown = [(f.start, f.end) for f in checker.findings(parsed) if f.rule == "context-misfit"]
    assert shown == [(c.start_char, c.end_char) for c in found]  # the page is called spun: every candidate shown


def test_weights_without_the_detector_keep_nothing_of_the_tensor(shared_without_the_detector, rules):
    from cliniclint.lint.engine import Checker
    from cliniclint.lint.readers import read_text
    from cliniclint.lint.spin_model.detector import KEPT

    assert Checker(rules, lint.Config(select=("claim",))).read_tensor is None  # no rule reads the spin model
    checker = Checker(rules, lint.Config(select=("spin",)))
    assert checker.read_tensor is not None
    (parsed,) = checker.parse([read_text(SPUN)])
    (doc,) = parsed.docs
    assert doc.tensor.size == 0 and KEPT not in doc.user_data


def test_detector_training_reads_each_texts_counts_with_that_text_left_out():
    """The domain counts were built from the detector's training texts: read as built, every pair of a
    training prose file is attested; with the file left out, the pairs only it writes are not, and no
    count rises."""
    pytest.importorskip("sklearn")  # the build tools' extra (spin-build)
    # The build tools live in a checkout (an editable install), not in the installed package.
    build_counts = pytest.importorskip("cliniclint.tools.spin.build_counts")
    import spacy

    from cliniclint.tools.spin.data import TRAIN, domain_prose
    DOMAIN_PROSE_WEIGHT, count, pair_keys = build_counts.DOMAIN_PROSE_WEIGHT, build_counts.count, build_counts.pair_keys
    without_document = build_counts.without_document

    resources = Resources.load(MODEL_DIR)
    tokenizer = spacy.blank("en").tokenizer
    _, text = next(domain_prose(TRAIN))
    words, pairs = Counter(), Counter()
    count(tokenizer, [text], DOMAIN_PROSE_WEIGHT, words, pairs)
    wanted = pair_keys(pairs)
    built = resources.domain_pairs.get(wanted)
    left = without_document(resources, tokenizer, text, DOMAIN_PROSE_WEIGHT).domain_pairs.get(wanted)
    assert (built >= DOMAIN_PROSE_WEIGHT).all()
    assert (left <= built).all() and 0 < (left == 0).sum() < len(left)
    word_keys = np.fromiter((key(w) for w in words), dtype=np.uint64)
    left_words = without_document(resources, tokenizer, text, DOMAIN_PROSE_WEIGHT).domain_words.get(word_keys)
    assert (left_words == resources.domain_words.get(word_keys) - np.array(list(words.values()))).all()


def test_a_draw_carrying_its_own_detector_is_measured_with_it(tmp_path):
    """``devsets.use_weights``: weights reading the detector use the model folder's, unless their folder
    carries a retrained one."""
    # The build tools live in a checkout (an editable install), not in the installed package.
    use_weights = pytest.importorskip("cliniclint.tools.spin.devsets").use_weights
    from cliniclint.lint.analysis.spin_model import shared_model
    from cliniclint.lint.spin_model.detector import Detector

    shared = shared_model()
    shipped = shared.scorer
    (tmp_path / "weights.json").write_text((MODEL_DIR / "weights.json").read_text(encoding="utf-8"), encoding="utf-8")
    retrained = json.loads((MODEL_DIR / "detector.json").read_text(encoding="utf-8"))
    retrained["calibration"] = [2.0, -1.0]
    try:
        use_weights(tmp_path / "weights.json")
        assert shared.detector.calibration == Detector.read(MODEL_DIR).calibration != (2.0, -1.0)
        (tmp_path / "detector.json").write_text(json.dumps(retrained), encoding="utf-8")
        use_weights(tmp_path / "weights.json")
        assert shared.detector.calibration == (2.0, -1.0)
    finally:
        shared.__init__(shared.resources, shipped)


def test_a_draw_in_a_whole_model_folder_is_measured_with_that_folders_counts(tmp_path):
    """``devsets.use_weights``: a draw whose folder holds its own tables (``counts.json`` among them: counts
    rebuilt for that arm) is measured with them, not with the committed ones; weights alone keep the model's."""
    use_weights = pytest.importorskip("cliniclint.tools.spin.devsets").use_weights
    import shutil

    from cliniclint.lint.analysis.spin_model import shared_model

    shared = shared_model()
    resources, shipped = shared.resources, shared.scorer
    folder = tmp_path / "model"
    shutil.copytree(MODEL_DIR, folder)
    totals = json.loads((folder / "counts.json").read_text(encoding="utf-8"))
    totals["domain_words"] += 1000
    (folder / "counts.json").write_text(json.dumps(totals), encoding="utf-8")
    (tmp_path / "weights.json").write_text((MODEL_DIR / "weights.json").read_text(encoding="utf-8"), encoding="utf-8")
    try:
        use_weights(tmp_path / "weights.json")
        assert shared.resources is resources
        use_weights(folder / "weights.json")
        assert shared.resources.folder == folder and shared.context.total != resources.totals["domain_words"]
        assert shared.resources.totals["domain_words"] == resources.totals["domain_words"] + 1000
    finally:
        shared.__init__(resources, shipped)


def test_detector_rows_read_the_model_folder_they_are_given(tmp_path, monkeypatch):
    """``detector.py --model``: another arm's counts, not the committed folder's, are what the rows read."""
    pytest.importorskip("sklearn")  # the build tools' extra (spin-build)
    detector = pytest.importorskip("cliniclint.tools.spin.detector")
    read = []

    def load(folder):
        read.append(folder)
        raise LookupError("stop before the thesaurus and the parse")

    monkeypatch.setattr(detector.Resources, "load", load)
    with pytest.raises(LookupError):
        detector.build(tmp_path, 2, 5, model_folder=tmp_path / "arm")
    with pytest.raises(LookupError):
        detector.build(tmp_path, 2, 5)
    assert read == [tmp_path / "arm", detector.MODEL_DIR]


def test_slot_datasets_read_each_training_documents_counts_left_out():
    """``dataset.py --left-out``: a training document's slots read the domain counts as if it had not been
    counted (its pairs, words and share of the word total taken off), while the model as built, and the
    other documents' counts, stay as they are. A tiny count table built from two texts the way
    ``build_counts.py`` counts them."""
    pytest.importorskip("sklearn")  # the build tools' extra (spin-build)
    # The build tools live in a checkout (an editable install), not in the installed package.
    dataset = pytest.importorskip("cliniclint.tools.spin.dataset")
    import spacy
    from dataclasses import replace

    from cliniclint.tools.spin.build_counts import DOMAIN_PROSE_WEIGHT, count, pair_keys
    from cliniclint.lint.spin_model.resources import Table

    tokenizer = spacy.blank("en").tokenizer
    prose = "The redness settles within two days after the peel."
    answers = ["Redness settles within a week for most people.", "Redness settles within a week or two."]
    words, pairs = Counter(), Counter()
    count(tokenizer, [prose], DOMAIN_PROSE_WEIGHT, words, pairs)
    count(tokenizer, answers, 1, words, pairs)
    kept = {pair: n for pair, n in pairs.items() if n >= 2}  # build_counts.MIN_PAIR_COUNT

    def table(keys: np.ndarray, counts) -> Table:  # sorted by key, as build_counts.save_table writes it
        order = np.argsort(keys)
        return Table(keys[order], np.array(list(counts), dtype=np.uint32)[order])

    built = replace(Resources.load(MODEL_DIR),
                    domain_words=table(np.fromiter((key(w) for w in words), dtype=np.uint64), words.values()),
                    domain_pairs=table(pair_keys(kept), kept.values()), totals={"domain_words": sum(words.values())})
    model = SpinModel(built, None)

    view = dataset.reading_without(model, tokenizer, prose, DOMAIN_PROSE_WEIGHT)
    shared, prose_only = ("settles", "within"), ("two", "days")
    assert model.context.pair_counts([shared, prose_only]).tolist() == [DOMAIN_PROSE_WEIGHT + 2, DOMAIN_PROSE_WEIGHT]
    assert view.context.pair_counts([shared, prose_only]).tolist() == [2, 0]
    assert view.context.total == model.context.total - DOMAIN_PROSE_WEIGHT * 10
    assert view.resources.domain_words.get(np.array([key("peel"), key("redness")], dtype=np.uint64)).tolist() == [0, 2]
    assert view.finder is model.finder and view.detector is model.detector

    # One answer left out: its pair "settles within" keeps the other answer's and the prose's counts.
    answer_view = dataset.reading_without(model, tokenizer, answers[0], 1)
    assert answer_view.context.pair_counts([shared, ("a", "week")]).tolist() == [DOMAIN_PROSE_WEIGHT + 1, 0]
    assert dataset.dataset_path("train", left_out=True) != dataset.dataset_path("train")
