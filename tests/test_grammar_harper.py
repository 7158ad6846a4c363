"""The Harper backend, for real: harper-py lints the text; nothing about it is mocked.

CI installs it (``pip install '.[test,grammar]'``); with ``CI`` set a missing
harper-py fails these tests instead of skipping them.
"""

from __future__ import annotations

import threading

import pytest
from click.testing import CliRunner

from cliniclint import lint
from cliniclint.cli import main
from cliniclint.lint.config import Config
from cliniclint.lint.grammar import BackendError, GrammarSession, harper
from cliniclint.lint.grammar.client import Issue
from cliniclint.lint.grammar.curation import Allowed, Curation
from cliniclint.lint.grammar.harper import HarperBackend
from cliniclint.lint.kinds.languagetool import Router
from cliniclint.lint.readers import read_text

from conftest import require

require(harper.installed(), "harper-py is needed for these tests: pip install '.[test,grammar]'", module=True)


def grammar(text: str, rules, format: str = "text", **settings):
    """Grammar findings of a real Harper run, and the text they point into."""
    document = read_text(text, format)
    config = Config(**{"grammar": "harper", "select": ("grammar",), **settings})
    found = lint.check_text(text, format, config=config, rules=rules)
    for finding in found:
        assert document.source[finding.start:finding.end] == finding.text  # exact source span, always
    return found


def flagged(text: str, rules, **settings) -> list[tuple[str, str]]:
    return [(f.code, f.text) for f in grammar(text, rules, **settings)]


# --- spans: exact source text through markup, entities and astral characters ----------------------

def test_plain_text_spans_after_an_emoji_are_exact(rules):
    text = "Our clinic 😊 is open.\nMost patients recieve three sessions.\n"
    finding, = grammar(text, rules)
    assert (finding.code, finding.text, finding.line, finding.column) == ("GR102", "recieve", 2, 15)
    assert "receive" in finding.suggestions
    assert finding.message.endswith("(Harper SpellCheck)") and finding.source_rule == "SpellCheck"


def test_markdown_spans_map_through_links_emphasis_and_emoji(rules):
    text = ("# Aftercare 🧴\n\nApply **a** [glycolc acid](https://example.org/acid) serum 🌿 and\n"
            "avoid the the sun for a week.\n")
    found = grammar(text, rules, format="markdown")
    assert [(f.code, f.text) for f in found] == [("GR102", "glycolc"), ("GR101", "the the")]
    assert (found[0].line, found[0].column) == (3, 14)
    assert (found[1].line, found[1].column) == (4, 7)


def test_html_spans_map_through_tags_and_entities(rules):
    text = ("<html><body><p>Laser &amp; light 👍 treatments need several <b>sesions</b>;"
            " it&rsquo;s the the option for most skin.</p></body></html>")
    found = grammar(text, rules, format="html")
    assert [(f.code, f.text) for f in found] == [("GR102", "sesions"), ("GR101", "the the")]


def test_a_match_never_spans_two_blocks(rules):
    # The heading and the paragraph are separate blocks: "the" + "the" across them is no repetition.
    found = grammar("# Understanding the\n\nthe treatment takes an hour.\n", rules, format="markdown")
    assert found == []


# --- routing: Harper lint kinds to GR101-GR104, as data --------------------------------------------

def _harper_issue(kind: str) -> Issue:
    return Issue(0, 1, "SomeRule", kind, "", "", (), checker="Harper")


def test_harper_lint_kinds_route_by_the_rule_pack(rules):
    router = Router([rule for rule in rules if rule.family == "grammar"])
    routes = {kind: router.rule_for(_harper_issue(kind)).code for kind in
              ("Agreement", "Repetition", "Spelling", "Typo", "Capitalization", "Punctuation", "Style",
               "Redundancy", "SomeFutureKind")}
    assert routes == {"Agreement": "GR101", "Repetition": "GR101", "Spelling": "GR102", "Typo": "GR102",
                      "Capitalization": "GR103", "Punctuation": "GR103", "Style": "GR104",
                      "Redundancy": "GR104", "SomeFutureKind": "GR104"}
    # A LanguageTool category of the same name does not route as a Harper kind would.
    assert router.rule_for(Issue(0, 1, "X", "Spelling", "grammar", "", ())).code == "GR101"


def test_real_lints_reach_their_rules_with_harper_severities(rules):
    found = grammar("Patients recieve an treatment. It is is quick.\n", rules)
    assert [(f.code, f.severity, f.source_rule, f.text) for f in found] == [
        ("GR102", "warning", "SpellCheck", "recieve"),
        ("GR101", "warning", "AnA", "an"),
        ("GR101", "warning", "RepeatedWords", "is is"),
    ]


def test_ignoring_a_grammar_rule_drops_its_lints(rules):
    assert flagged("Patients recieve an treatment.\n", rules, select=("grammar",), ignore=("GR102",)) == [
        ("GR101", "an")]


# --- vocabulary: the domain list and the configured words feed Harper's dictionary ------------------

def test_domain_words_and_their_possessives_are_not_misspellings(rules):
    assert flagged("Microneedling's results with isotretinoin and dermaplaning vary.\n", rules) == []


def test_configured_vocabulary_accepts_a_brand_name(rules):
    text = "Dermaflux sessions take an hour.\n"
    assert flagged(text, rules) == [("GR102", "Dermaflux")]
    assert flagged(text, rules, vocabulary=("Dermaflux",)) == []
    assert flagged(text, rules) == [("GR102", "Dermaflux")]  # the shared linter forgot the last run's words


def test_wordnet_words_are_in_harpers_dictionary(rules):
    assert flagged("Autosomal dystrophies and neuropathies are rare.\n", rules) == []


# --- the curation in rules/data/harper.yaml -------------------------------------------------------

def test_the_allow_list_names_real_rules_each_with_its_evidence():
    curation = Curation.load()
    known = HarperBackend("en-US").linter.get_lint_config()  # Harper's rules and the weir ones
    assert 5 <= len(curation.rules) < 40  # a short allow-list, not Harper's defaults
    assert all(name in known and allowed.why for name, allowed in curation.rules.items())


def test_only_allowed_rules_run(rules):
    backend = HarperBackend("en-US")
    running = {rule for rule, on in backend.linter.get_lint_config().items() if on}
    assert running == set(Curation.load().rules)
    # OxfordComma would ask for a comma before "and"; LongSentences would flag the length: both off.
    assert flagged("Side effects include redness, swelling and bruising.\n", rules) == []


def test_a_curation_naming_an_unknown_rule_is_a_one_line_error():
    bogus = Curation(dialects={"en-US": "AMERICAN"}, rules={"NoSuchHarperRule": Allowed(why="typo in the data")})
    with pytest.raises(BackendError, match="^Harper: rules/data/harper.yaml allows rules Harper does not "
                                           "have: NoSuchHarperRule$"):
        HarperBackend("en-US", curation=bogus)


def test_a_malformed_curation_is_a_one_line_error(monkeypatch):
    import cliniclint.lint.grammar.curation as curation_module

    monkeypatch.setattr(curation_module, "load_data", lambda name: {
        "dialects": {"en-US": "AMERICAN"}, "rules": {"AnA": {"why": "x", "severity": "loud"}}})
    with pytest.raises(BackendError, match=r"^Harper: rules/data/harper.yaml: rules\.AnA\.severity: Input should "
                                           r"be 'info', 'warning' or 'error'$"):
        Curation.load()


def test_skips_keep_letters_and_respellings_apart_from_articles(rules):
    # "type A", "vitamin A", "type 2A" and "(an-JI-nuh)" are letters and syllables, not articles.
    found = grammar("Botulinum toxin type A and vitamin A help; type 2A is rarer. Angina (an-JI-nuh) hurts.\n", rules)
    assert [f.text for f in found if f.source_rule == "AnA"] == []
    assert flagged("We take a organic approach. A effective peel.\n", rules) == [("GR101", "a"), ("GR101", "A")]
    # A letter joined to a name, and an article before an acronym (read as letters or as a word).
    found = grammar("Lactate dehydrogenase-A rises. An HIV test and a STIM1 protein differ.\n", rules)
    assert [f.text for f in found if f.source_rule == "AnA"] == []
    assert flagged("It is an genetic disorder.\n", rules) == [("GR101", "an")]


def test_a_less_precise_rule_reports_at_its_curated_severity(rules):
    found = grammar("He have a scar. Collagen type I is common.\n", rules)
    assert [(f.code, f.severity, f.source_rule, f.text) for f in found] == [
        ("GR101", "info", "PronounVerbAgreement", "have")]


def test_confused_words_on_the_allow_list_are_found(rules):
    found = grammar("Results are better then before. Patients should of rested. Their are risks.\n", rules)
    assert [(f.source_rule, f.text, f.severity) for f in found] == [
        ("ThenThan", "then", "warning"), ("ModalOf", "should of", "warning"), ("TheirToThere", "Their", "warning")]


def test_an_unknown_word_is_a_warning_only_one_edit_from_a_known_word(rules):
    found = grammar("Most patients recieve it; fibrohistiocytic lesions are rarer.\n", rules)
    assert [(f.code, f.text, f.severity) for f in found] == [
        ("GR102", "recieve", "warning"), ("GR102", "fibrohistiocytic", "info")]


def test_between_takes_and_for_a_range_of_numbers(rules):
    # cliniclint's own Weir rule, loaded into Harper; it survives a run's vocabulary being imported.
    text = "It takes between 30 to 60 minutes, between six to twelve weeks. Switch between them to compare.\n"
    found = grammar(text, rules, vocabulary=("Okafor",))
    assert [(f.code, f.source_rule, f.text, f.suggestions) for f in found] == [
        ("GR101", "BetweenTo", "to", ("and",)), ("GR101", "BetweenTo", "to", ("and",))]
    assert [text[:f.start].rsplit("between", 1)[1] for f in found] == [" 30 ", " six "]


def test_a_weir_rule_that_fails_its_own_test_is_a_one_line_error():
    HarperBackend("en-US")  # the shipped rules loaded into the process's linter first
    curation = Curation.load()
    broken = curation.model_copy(update={"weir": {"BetweenTo": curation.weir["BetweenTo"].replace(
        'test "It takes between 30 to 60 minutes." "It takes between 30 and 60 minutes."',
        'test "It takes between 30 to 60 minutes." "It takes between 30 or 60 minutes."')}})
    with pytest.raises(BackendError, match=r"^Harper: rules/data/harper.yaml: weir rule BetweenTo fails its test: "
                                           r"expected 'It takes between 30 or 60 minutes\.'"):
        HarperBackend("en-US", curation=broken)
    # The process's linter is shared: the next backend loads the shipped rules again, not what failed.
    located = HarperBackend("en-US").check(read_text("It takes between 30 to 60 minutes.\n").blocks)
    assert [item.issue.rule_id for item in located] == ["BetweenTo"]


def test_spellings_of_another_dialect_are_accepted_in_both_directions(rules):
    assert flagged("The colour fades afterwards; apply moisturiser.\n", rules, language="en-US") == []
    assert flagged("The color fades; apply moisturizer.\n", rules, language="en-GB") == []


def test_names_mid_sentence_and_acronyms_are_not_misspellings_but_sentence_starts_are(rules):
    assert flagged("Book with Dr Okafor at Northgate; she is GMC registered.\n", rules) == []
    assert flagged("Northgate Skin Clinic is open.\nHarbourside  Dental treats you.\n", rules) == []
    assert flagged("A 22q11 deletion lowers hGH; BRCA1 and mRNA tests differ.\n", rules) == []  # codes
    assert flagged("Pateints heal in a week.\n", rules) == [("GR102", "Pateints")]


def test_the_spell_check_is_spared_names_and_acronyms_yet_finds_what_one_call_finds(rules):
    # Harper searches for near spellings of every unknown word; the words the curation drops for their place
    # and form alone (a name inside a sentence, an acronym) are blanked out of the spell check's pass.
    text = "Dr Okafor in Cheltenham is GMC registered. Pateints recieve two sessions.\n"
    backend = HarperBackend("en-US")
    spared = [text[start:end] for start, end in harper._capitalised_words(text) if backend.spared(text, start, end)]
    assert spared == ["Dr", "Okafor", "Cheltenham", "GMC"]  # a sentence start before a lower-case word is checked
    assert flagged(text, rules) == [("GR102", "Pateints"), ("GR102", "recieve")]
    # Where the passes' lints overlap Harper chooses, in one call: "bodys" is RegularIrregulars', not a misspelling.
    found = grammar("Their bodys heal, says Dr Okafor.\n", rules)
    assert [(f.code, f.text, f.source_rule) for f in found] == [("GR101", "bodys", "RegularIrregulars")]


class _SpellPassTexts:
    """The backend's linter, recording what each spell-check pass reads (harper-py's Linter cannot be patched)."""

    def __init__(self, linter, spelling):
        self._linter, self._spelling, self._on, self.read = linter, spelling, False, []

    def set_lint_config(self, config):
        self._on = config == self._spelling
        return self._linter.set_lint_config(config)

    def organized_lints(self, text, **options):
        if self._on:
            self.read.append(text)
        return self._linter.organized_lints(text, **options)

    def __getattr__(self, name):
        return getattr(self._linter, name)


def test_an_unknown_word_far_from_every_known_word_is_reported_without_harpers_search():
    # Harper's search for near spellings of a word nothing is within two edits of costs ~70 ms, and the first
    # such word builds a wider matcher (~1 s): the word is blanked out of the spell check's pass and reported
    # as Harper reports a word it knows nothing near. A slip one edit from a known word is still Harper's.
    backend = HarperBackend("en-US")
    backend.linter = spy = _SpellPassTexts(backend.linter, backend._settings["spelling"])
    text = "Most patients recieve zorbleflax twice; the the dose is low.\n"
    found = [(item.issue.rule_id, text[item.start:item.end], item.issue.severity, item.issue.message,
              item.issue.replacements[:1]) for item in backend.check(read_text(text).blocks)]
    assert found == [  # severity None: the routed cliniclint rule's
        ("SpellCheck", "recieve", None, "Did you mean to spell `recieve` this way?", ("receive",)),
        ("SpellCheck", "zorbleflax", "info", "Did you mean to spell `zorbleflax` this way?", ()),
        ("RepeatedWords", "the the", None, found[2][3], found[2][4])]
    assert spy.read and all("zorbleflax" not in read and "recieve" in read for read in spy.read)
    # A word touching a digit or an address is left for Harper to read, as is a word of another dialect.
    assert not backend.far("colour") and backend.far("zorbleflax") and not backend.far("recieve")
    # A slip on a word of Harper's own that no word list of ours holds ("lymphoma") is still Harper's.
    assert not backend.far("lymphomaa") and backend.far("cheltenham")
    assert harper._PLAIN_WORD.findall("x2zorb www.zorb.org zorb's zorb. #zorb") == ["zorb"]


SPELLING = frozenset({"SpellCheck"})


def test_another_dialects_lookups_use_a_fresh_linter_now_and_then_and_answer_alike(monkeypatch):
    # Each word a linter looks up stays in Harper's memos: the look-ups' linter is made anew, answers unchanged.
    monkeypatch.setattr(harper, "LOOKUPS_PER_LINTER", 2)
    monkeypatch.setattr(harper, "_lookups", {})
    harper._known_in.cache_clear()
    words = ["colour", "recieve", "moisturiser", "Zorbleflax", "afterwards"]
    linters = []
    for word in words:
        harper._known_in("BRITISH", word, SPELLING)
        linters.append(harper._lookups["BRITISH"][0])  # kept, so that no two can share an id()
    assert len({id(linter) for linter in linters}) == 3
    assert [harper._known_in("BRITISH", word, SPELLING) for word in words] == [True, False, True, False, True]
    harper._known_in.cache_clear()


def test_eponyms_at_a_sentence_start_are_names(rules):
    assert flagged("Niemann-Pick disease is rare.\nKearns-Sayre is another.\nNoonan syndrome affects growth.\n",
                   rules) == []
    assert flagged("Pateints heal in a week.\n", rules) == [("GR102", "Pateints")]
    # The cost: a misspelt sentence start before an eponym's head word reads as a name too.
    assert flagged("Pateints syndrome aside, pateints heal.\n", rules) == [("GR102", "pateints")]


def test_a_word_spelt_alike_three_times_in_a_document_is_its_term(rules):
    once_twice = "Leptinn controls appetite. Low leptinn levels mean hunger.\n"
    assert flagged(once_twice, rules) == [("GR102", "Leptinn"), ("GR102", "leptinn")]
    assert flagged(once_twice + "Leptinn is made by fat cells.\n", rules) == []
    # A repeated slip one edit from a common word is still a slip ("recieve": "receive")...
    assert flagged("Patients recieve it. Most recieve more. All recieve a leaflet.\n", rules) == [
        ("GR102", "recieve")] * 3
    # ... the cost, measured by benchmarks/typos.py: one slip from a rare word, repeated alike, reads as a term.
    assert flagged("Leptinn rises. Leptinn falls. Leptinn and insulin act together.\n", rules) == []


def test_plurals_of_known_words_are_not_misspellings_but_a_doubled_ending_is(rules):
    assert flagged("The mucosae, the fimbriae and the nevi were normal; the paragangliomas were not.\n", rules) == []
    assert flagged("It can feel tickly for an hour.\n", rules) == []  # tickle -> tickly
    assert flagged("The cellss were normal.\n", rules) == [("GR102", "cellss")]


def test_combining_forms_web_addresses_respellings_and_decades_are_not_misspellings(rules):
    assert flagged("It is also called cerebro-oculo-facio-skeletal syndrome.\n", rules) == []
    assert flagged("See www.ghr.nlm.nih.gov or emedicine.medscape.com for more.\n", rules) == []
    assert flagged("Capillaries (KAP-ih-lare-ees) are small. Signs appear in their 20s or 30s.\n", rules) == []
    assert flagged("Capillaries (small ih vessels) are small.\n", rules) == [("GR102", "ih")]
    # Respellings of several words, with a stressed syllable or three hyphens, in round or square brackets.
    assert flagged("Angina (an-JI-nuh or AN-juh-nuh) hurts. Embolism (PULL-mun-ary EM-bo-lizm) too.\n"
                   "Atherosclerosis (ath-er-o-skler-O-sis) and vancomycin [van−kō−mī−sin] are long.\n", rules) == []
    assert flagged("Both (an x-ray-liek lesion) are rare.\n", rules) == [("GR102", "liek")]


def test_unknown_language_fails_in_one_line(rules):
    with GrammarSession(rules, Config(grammar="harper", language="fr-FR")) as session:
        assert session.status == ("failed: Harper: does not know language 'fr-FR' "
                                  "(it knows en-AU, en-CA, en-GB, en-IN, en-US)")


def test_harper_lints_on_its_own_thread_and_a_failure_midway_stops_every_later_document(rules, monkeypatch):
    # Harper lints a chunk's documents on its thread while they are parsed; its calls stay in document
    # order, so a failure still keeps the findings before it, names its document and sends nothing after.
    from cliniclint.lint.linter import Source

    sent, threads = [], set()
    lint_text = HarperBackend._lint

    def breaks_on_the_second(self, text):
        sent.append(text)
        threads.add(threading.current_thread().name)
        if "broken" in text:
            raise BackendError("Harper: cannot lint this")
        return lint_text(self, text)

    monkeypatch.setattr(HarperBackend, "_lint", breaks_on_the_second)
    sources = [Source("a.txt", b"Patients recieve three sessions.\n"), Source("b.txt", b"A broken page.\n"),
               Source("c.txt", b"Patients recieve two sessions.\n")]
    report = lint.run(sources, Config(grammar="harper", select=("grammar",)), rules)
    assert [[(f.code, f.text) for f in file.findings] for file in report.files] == [[("GR102", "recieve")], [], []]
    assert report.families["grammar"] == "failed: Harper: cannot lint this (while checking b.txt)"
    assert not any("two sessions" in text for text in sent)
    assert all(name.startswith("cliniclint-harper") for name in threads) and threads, threads


# --- grammar under spin stays suppressed -----------------------------------------------------------

def test_grammar_under_a_spin_finding_gives_way_to_it(rules):
    text = "Here is an in-depth have a look at at how microneedling works, and why patients recieve it well.\n"
    alone = lint.check_text(text, config=Config(grammar="harper", select=("grammar",)), rules=rules)
    together = lint.check_text(text, config=Config(grammar="harper", select=("grammar", "spin")), rules=rules)
    assert [(f.code, f.source_rule, f.text) for f in alone] == [
        ("GR101", "RepeatedWords", "at at"), ("GR102", "SpellCheck", "recieve")]
    assert [(f.code, f.text) for f in together] == [("SP101", "have a look at"), ("GR102", "recieve")]


SPUN_WITH_ARTICLE_SLIP = (
    "Microneedling is a beauty treatment that utilizes tiny needles to create managed micro-accidents in the "
    "pores and skin. As the pores and skin heals, new collagen is developed, filling in scars and refining "
    "texture. It offers a organic approach to smoother skin. A session ordinarily lasts thirty to sixty "
    "minutes, dependant upon the measurement of the region.\n")
CLEAN_WITH_ARTICLE_SLIP = "\n\n".join([
    "Microneedling uses fine needles to make tiny punctures in the skin, which prompts it to make new collagen.",
    "Most people need three to six sessions, four to six weeks apart, and the redness settles within two days.",
    "It offers a organic approach to smoother skin for many people.",
    "Your practitioner will ask about your medical history, medicines and any skin conditions before treatment.",
    "Results build gradually as collagen forms over the following months, and a yearly session maintains them.",
]) + "\n"


def test_grammar_gives_way_to_spin_evidence_a_spun_page_withholds_but_not_on_a_clean_page(rules):
    # "a organic approach" is the spinner's (SP105, information): on a page the tables already call
    # spun it is left out as redundant, and so is the grammar finding under it.
    config = Config(grammar="harper", select=("grammar", "spin"))
    grammar_only = Config(grammar="harper", select=("grammar",))
    slip = ("GR101", "a")
    assert slip in [(f.code, f.text) for f in lint.check_text(SPUN_WITH_ARTICLE_SLIP, config=grammar_only,
                                                                rules=rules)]
    spun = [(f.code, f.text) for f in lint.check_text(SPUN_WITH_ARTICLE_SLIP, config=config, rules=rules)]
    assert slip not in spun and ("SP101", "pores and skin") in spun
    # On a clean page the model's weak evidence is withheld and explains nothing: the slip is reported.
    clean = [(f.code, f.text) for f in lint.check_text(CLEAN_WITH_ARTICLE_SLIP, config=config, rules=rules)]
    assert clean == [slip]


def test_grammar_under_a_spam_finding_gives_way_to_it(rules):
    # An injected anchor is to be deleted, not spelt better.
    text = "The nurse checks your skin. jennifer anistn peel then explains each step.\n"
    alone = lint.check_text(text, config=Config(grammar="harper", select=("grammar",)), rules=rules)
    together = lint.check_text(text, config=Config(grammar="harper", select=("grammar", "spam")), rules=rules)
    assert [(f.code, f.text) for f in alone] == [("GR102", "anistn")]
    assert [(f.code, f.text) for f in together] == [("SM103", "jennifer anistn peel")]


# --- choosing the backend: "auto" by default, a one-line error when one asked for is missing ------

def test_auto_is_the_default_and_runs_harper(tmp_path, monkeypatch, rules):
    monkeypatch.chdir(tmp_path)  # no config file above: the defaults
    article = tmp_path / "a.txt"
    article.write_text("Patients recieve three sessions.\n")
    result = CliRunner().invoke(main, ["check", str(article)])
    assert result.exit_code == 1
    assert "GR102 Did you mean to spell `recieve` this way? (Harper SpellCheck)" in result.stdout
    assert f"grammar ran (harper-py {harper.metadata.version('harper-py')})" in result.stdout


def test_auto_without_harper_is_off_and_says_so(tmp_path, monkeypatch, rules):
    monkeypatch.setattr(harper, "installed", lambda: False)  # the environment lacks harper-py
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "a.txt"
    article.write_text("Patients recieve three sessions.\n")
    result = CliRunner().invoke(main, ["check", str(article)])
    assert result.exit_code == 0, result.stderr
    assert "grammar off (not installed)" in result.stdout and result.stderr == ""


def test_asking_for_harper_without_it_is_a_one_line_error_exit_2(tmp_path, monkeypatch):
    monkeypatch.setattr(harper, "installed", lambda: False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Wear sunscreen every day.\n")
    (tmp_path / "b.txt").write_text("It is painless.\n")
    result = CliRunner().invoke(main, ["check", "--grammar", "harper", "a.txt", "b.txt"])
    assert result.exit_code == 2
    assert result.stderr == ("cliniclint: grammar failed: Harper: not installed "
                             "(pip install 'cliniclint[grammar]')\n")
    assert "b.txt" in result.stdout and "CL102" in result.stdout  # every other family still reported


# --- eval scores grammar when it ran ---------------------------------------------------------------

def test_eval_scores_grammar_only_when_a_backend_ran(tmp_path, rules):
    from cliniclint.lint.evaluate import evaluate

    (tmp_path / "a.txt").write_text("Most patients recieve three sessions. It is is quick.\n")
    (tmp_path / "annotations" / "grammar").mkdir(parents=True)
    (tmp_path / "annotations" / "grammar" / "a.txt.yaml").write_text(
        "findings:\n  - {text: recieve}\n  - {text: three sessions}\n")
    scored = evaluate([str(tmp_path)], Config(grammar="harper"), rules)
    score = scored.families["grammar"]
    assert scored.grammar.startswith("ran (harper-py ")
    assert (score.true_positives, score.false_positives, score.found, score.missed) == (1, 1, 1, 1)
    unscored = evaluate([str(tmp_path)], Config(grammar="off"), rules)
    assert "grammar" not in unscored.families and unscored.grammar == "off"
