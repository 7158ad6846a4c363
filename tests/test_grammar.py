"""The grammar family against LanguageTool's documented HTTP answers.

A loopback HTTP server plays LanguageTool: it answers ``/v2/languages`` and
``/v2/check`` with the fixtures in tests/data/languagetool/ (built from the
documented response format), so the real client, batching and offset mapping
run end to end. No test needs Java, LanguageTool or a network.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from cliniclint import lint
from cliniclint.lint.config import Config
from cliniclint.lint.runner import Linter
from cliniclint.lint.grammar import GrammarSession
from cliniclint.lint.grammar.batching import SEPARATOR, batches
from cliniclint.lint.grammar.client import Issue, utf16_to_python
from cliniclint.lint.kinds.languagetool import Router
from cliniclint.lint.readers import read_path
from cliniclint.lint.rules import RulePackError, load_pack, load_rules

FIXTURES = Path(__file__).parent / "data" / "languagetool"


@pytest.fixture(scope="module")
def all_rules(rules):
    return rules


class FakeLanguageTool(BaseHTTPRequestHandler):
    """Answers like a LanguageTool server, from fixtures chosen by the exact request text."""

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, kind: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/v2/languages":
            self._send(200, (FIXTURES / "languages.json").read_bytes())
        elif self.path == "/v2/healthcheck":
            self._send(200, b"OK", "text/plain")
        else:
            self._send(404, b"Not found", "text/plain")

    def do_POST(self) -> None:
        server = self.server
        length = int(self.headers["Content-Length"])
        form = {k: v[0] for k, v in urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8")).items()}
        server.requests.append(form)
        time.sleep(server.delay)
        if server.failure:
            self._send(*server.failure)
        elif form.get("text") in server.answers:
            self._send(200, (FIXTURES / server.answers[form["text"]]).read_bytes())
        elif server.answer_everything_empty:
            self._send(200, json.dumps({"matches": []}).encode())
        else:  # a test sent text it did not expect: fail loudly rather than answer "no issues"
            self._send(500, b"Error: no fixture for this text", "text/plain")


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeLanguageTool)
    httpd.daemon_threads = True
    httpd.requests, httpd.answers, httpd.delay, httpd.failure = [], {}, 0.0, None
    httpd.answer_everything_empty = False
    httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def request_text(document) -> str:
    return SEPARATOR.join(block.text for block in document.blocks)


def check(documents, rules, **settings):
    """Grammar findings per document and the session status, as a run makes them."""
    config = Config(**{"select": ("grammar",), **settings})
    with GrammarSession(rules, config) as grammar:
        results = Linter(rules, config, grammar).lint(documents)
        found = [[f for f in result.findings if f.family == "grammar"] for result in results]
    return found, grammar.status


def run(document, rules, **settings):
    (found,), status = check([document], rules, **settings)
    return found, status


def answering(server, name: str, fixture: str):
    document = read_path(str(FIXTURES / name))
    server.answers[request_text(document)] = fixture
    return document


# --- mapping LanguageTool's answer onto findings -------------------------------------------------

def test_plain_text_findings_route_to_rules_with_languagetool_ids_and_suggestions(server, all_rules):
    document = answering(server, "article.txt", "check-article-txt.json")
    found, status = run(document, all_rules, grammar=server.url)
    assert status == f"ran (LanguageTool server {server.url})"
    summary = [(f.code, f.severity, f.text) for f in found]
    assert summary == [
        ("GR101", "warning", "a"),               # EN_A_VS_AN: category MISC
        ("GR102", "warning", "recieve"),         # MORFOLOGIK: category TYPOS
        ("GR103", "info", ".Effective"),         # SENTENCE_WHITESPACE: category TYPOGRAPHY
        ("GR104", "info", "Microneedling"),      # repeated sentence start: category STYLE
        ("GR102", "warning", "Dermaflux"),       # not a domain word, not configured
        ("GR102", "warning", "Pateints"),        # after an emoji: UTF-16 offsets converted
    ]
    typo = found[1]
    assert typo.family == "grammar"
    assert typo.suggestions == ("receive", "relieve", "receiver")
    assert not typo.fixable
    assert typo.message == "Possible spelling mistake found. (LanguageTool MORFOLOGIK_RULE_EN_US)"
    assert (typo.line, typo.column) == (3, 56)
    assert server.requests[0]["language"] == "en-US"


def test_source_rule_is_kept_for_every_finding(server, all_rules):
    document = answering(server, "article.txt", "check-article-txt.json")
    found, _ = run(document, all_rules, grammar=server.url)
    assert [f.source_rule for f in found] == [
        "EN_A_VS_AN", "MORFOLOGIK_RULE_EN_US", "SENTENCE_WHITESPACE",
        "ENGLISH_WORD_REPEAT_BEGINNING_RULE", "MORFOLOGIK_RULE_EN_US", "MORFOLOGIK_RULE_EN_US",
    ]


def test_markdown_sends_only_prose_and_maps_matches_to_exact_source(server, all_rules):
    document = answering(server, "guide.md", "check-guide-md.json")
    found, status = run(document, all_rules, grammar=server.url)
    assert status == f"ran (LanguageTool server {server.url})"
    sent = server.requests[0]["text"]
    assert not any(mark in sent for mark in ("**", "](", "https://", "#", "*TCA*", "- Avoid"))
    assert [(f.code, f.text) for f in found] == [("GR102", "glycolc"), ("GR101", "stays"), ("GR103", ".Use")]
    for finding in found:
        assert document.source[finding.start:finding.end] == finding.text
    link_typo = found[0]
    assert (link_typo.line, link_typo.column) == (3, 12)  # inside "[glycolc acid](...)"


def test_html_maps_matches_through_tags_and_entities(server, all_rules):
    document = answering(server, "laser.html", "check-laser-html.json")
    found, status = run(document, all_rules, grammar=server.url, language="en-GB")
    assert status == f"ran (LanguageTool server {server.url})"
    assert server.requests[0]["language"] == "en-GB"
    assert "&amp;" not in server.requests[0]["text"] and "<strong>" not in server.requests[0]["text"]
    assert [(f.code, f.text) for f in found] == [("GR102", "sesions"), ("GR103", ".Results")]
    for finding in found:
        assert document.source[finding.start:finding.end] == finding.text
    assert found[0].line == 3


# --- category -> rule -> severity -------------------------------------------------------------

def _issue(category: str, issue_type: str) -> Issue:
    return Issue(0, 1, "X", category, issue_type, "", ())


def test_category_beats_issue_type_and_fallback_takes_the_rest(all_rules):
    router = Router([rule for rule in all_rules if rule.family == "grammar"])
    assert router.rule_for(_issue("MISC", "misspelling")).code == "GR101"  # a/an is not a typo
    assert router.rule_for(_issue("TYPOS", "misspelling")).code == "GR102"
    assert router.rule_for(_issue("CASING", "typographical")).code == "GR103"
    assert router.rule_for(_issue("REDUNDANCY", "style")).code == "GR104"
    assert router.rule_for(_issue("NEW_PREMIUM_CATEGORY", "grammar")).code == "GR101"
    assert router.rule_for(_issue("NEW_PREMIUM_CATEGORY", "whitespace")).code == "GR103"
    assert router.rule_for(_issue("NEW_PREMIUM_CATEGORY", "never-heard-of")).code == "GR104"


def test_severity_comes_from_the_rule_and_config_can_override_it(server, all_rules):
    document = answering(server, "article.txt", "check-article-txt.json")
    found, _ = run(document, all_rules, grammar=server.url, severity={"GR103": "warning", "GR102": "error"})
    assert {(f.code, f.severity) for f in found} == {
        ("GR101", "warning"), ("GR102", "error"), ("GR103", "warning"), ("GR104", "info")}


def test_ignored_rule_drops_its_matches_instead_of_rerouting_them(server, all_rules):
    document = answering(server, "article.txt", "check-article-txt.json")
    found, status = run(document, all_rules, grammar=server.url, ignore=("GR102",))
    assert status == f"ran (LanguageTool server {server.url})"
    assert [f.code for f in found] == ["GR101", "GR103", "GR104"]


# --- vocabulary ------------------------------------------------------------------------------------

def test_domain_words_and_their_possessives_are_not_misspellings(server, all_rules):
    document = answering(server, "article.txt", "check-article-txt.json")
    found, _ = run(document, all_rules, grammar=server.url)
    flagged = {f.text for f in found if f.code == "GR102"}
    # LanguageTool flagged "Microneedling" (title) and "microneedling's": both are domain words.
    assert "Microneedling" not in flagged and "microneedling's" not in flagged
    # The same word is still reported by a non-spelling rule (the repeated sentence start).
    assert ("GR104", "Microneedling") in {(f.code, f.text) for f in found}


def test_configured_vocabulary_silences_a_brand_name(server, all_rules):
    document = answering(server, "article.txt", "check-article-txt.json")
    found, _ = run(document, all_rules, grammar=server.url, vocabulary=("DermaFlux",))
    assert "Dermaflux" not in {f.text for f in found}
    assert "recieve" in {f.text for f in found}


# --- de-duplication with spin ----------------------------------------------------------------

def test_grammar_match_on_spun_text_gives_way_to_the_spin_finding(server, all_rules):
    document = answering(server, "spun.txt", "check-spun-txt.json")
    spin = lint.check_text(document.source, "text", config=Config(select=("spin",)), rules=all_rules)
    assert [f.text for f in spin] == ["micro-accidents"]
    without, _ = run(document, all_rules, grammar=server.url)
    with_spin, _ = run(document, all_rules, grammar=server.url, select=("grammar", "spin"))
    assert [f.text for f in without] == ["micro-accidents", "brusing"]
    assert [f.text for f in with_spin] == ["brusing"]


# --- batching and LanguageTool's length limit ------------------------------------------------

def test_small_limit_splits_requests_and_still_maps_every_match(server, all_rules):
    document = read_path(str(FIXTURES / "article.txt"))
    server.answer_everything_empty = True
    with GrammarSession(all_rules, Config(grammar=server.url), max_chars=120) as grammar:
        assert grammar.issues(document) == []
    texts = [request["text"] for request in server.requests]
    assert len(texts) > 1 and all(len(text) <= 120 for text in texts)
    assert "".join(texts).replace(SEPARATOR, "") == "".join(block.text for block in document.blocks)


def test_batches_cut_a_long_block_at_sentence_ends_and_locate_spans():
    sentence = "Microneedling needs several sessions. "
    long_block = (sentence * 10).strip()
    texts = ["Title", long_block, "Last paragraph."]
    made = list(batches(texts, limit=100))
    assert all(len(batch.text) <= 100 for batch in made)
    for batch in made:
        for piece in batch.pieces:
            part = batch.text[piece.request_start:piece.request_start + piece.length]
            assert texts[piece.block][piece.block_start:piece.block_start + piece.length] == part
            assert piece.block != 1 or part.rstrip().endswith(".")  # the long block is cut after a sentence
    # every word of every block is somewhere, in order
    rebuilt = {}
    for batch in made:
        for piece in batch.pieces:
            rebuilt[piece.block] = rebuilt.get(piece.block, "") + batch.text[
                piece.request_start:piece.request_start + piece.length]
    assert [rebuilt[i] for i in range(3)] == texts
    first = made[0]
    assert first.locate(0, 5) == (0, 0, 5)
    assert first.locate(3, 8) is None  # runs over the paragraph break into the next block


def test_utf16_offsets_become_python_offsets():
    text = "a😊b"
    table = utf16_to_python(text)
    assert table[0] == 0 and table[1] == 1 and table[3] == 2 and table[4] == 3


# --- failure is explicit -------------------------------------------------------------------------

def test_off_contacts_nothing(server, all_rules):
    document = read_path(str(FIXTURES / "article.txt"))
    found, status = run(document, all_rules, grammar="off")
    assert (found, status) == ([], "off")
    assert server.requests == []


def test_deselected_grammar_is_off_even_with_a_backend(server, all_rules):
    document = read_path(str(FIXTURES / "article.txt"))
    found, status = run(document, all_rules, grammar=server.url, select=("spin", "claim"))
    assert (found, status) == ([], "off")
    assert server.requests == []


def test_unreachable_server_fails_in_one_line(all_rules):
    with ThreadingHTTPServer(("127.0.0.1", 0), FakeLanguageTool) as closed:
        url = f"http://127.0.0.1:{closed.server_address[1]}"
    found, status = run(read_path(str(FIXTURES / "article.txt")), all_rules, grammar=url)
    assert found == []
    assert status.startswith(f"failed: LanguageTool server {url}: unreachable (")
    assert "\n" not in status


def test_slow_server_times_out_in_one_line(server, all_rules, monkeypatch):
    from cliniclint.lint.grammar import backends

    monkeypatch.setattr(backends, "SERVER_TIMEOUT", 0.3)
    server.delay = 1.0
    found, status = run(read_path(str(FIXTURES / "article.txt")), all_rules, grammar=server.url)
    assert found == []
    assert status == (f"failed: LanguageTool server {server.url}: no answer within 0.3 s "
                      f"(while checking {FIXTURES / 'article.txt'})")


def test_server_error_is_reported_with_its_own_words(server, all_rules):
    server.failure = (413, b"Error: Your text exceeds the limit of 100 characters (it's 401 characters).",
                      "text/plain")
    found, status = run(read_path(str(FIXTURES / "article.txt")), all_rules, grammar=server.url)
    assert found == []
    assert status.startswith(f"failed: LanguageTool server {server.url}: HTTP 413 from /v2/check: "
                             "Error: Your text exceeds the limit of 100 characters")


def test_answer_that_is_not_json_is_a_failure_not_a_clean_bill(server, all_rules):
    server.failure = (200, b"<html>proxy login</html>", "text/html")
    found, status = run(read_path(str(FIXTURES / "article.txt")), all_rules, grammar=server.url)
    assert found == []
    assert status.startswith(f"failed: LanguageTool server {server.url}: /v2/check did not answer JSON")


def test_unknown_language_fails_before_any_check(server, all_rules):
    found, status = run(read_path(str(FIXTURES / "article.txt")), all_rules, grammar=server.url, language="en-XX")
    assert status == f"failed: LanguageTool server {server.url}: does not know language 'en-XX' " \
                     "(it knows en-AU, en-CA, en-GB, en-NZ, en-US, en-ZA)"
    assert server.requests == []


def test_unknown_backend_setting_fails(all_rules):
    _, status = run(read_path(str(FIXTURES / "article.txt")), all_rules, grammar="lokal")
    assert status == ("failed: grammar backend 'lokal' is not 'auto', 'off', 'harper', 'languagetool' "
                      "or an http(s):// LanguageTool URL")


def test_failure_midway_keeps_earlier_findings_and_says_it_failed(server, all_rules):
    article = answering(server, "article.txt", "check-article-txt.json")
    other = read_path(str(FIXTURES / "guide.md"))  # no fixture: the server answers 500
    (first, second), status = check([article, other], all_rules, grammar=server.url)
    assert len(first) == 6
    assert second == []
    assert status.startswith(f"failed: LanguageTool server {server.url}: HTTP 500")
    assert status.endswith(f"(while checking {other.path})")


# --- the local backend: never downloads, fails fast with the reason --------------------------------

@pytest.mark.parametrize("setting", ["languagetool", "local"])  # "local": the setting's name before Harper
def test_local_backend_without_languagetool_fails_with_the_folder_it_looked_in(tmp_path, monkeypatch, all_rules,
                                                                              setting):
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    found, status = run(read_path(str(FIXTURES / "article.txt")), all_rules, grammar=setting)
    assert found == []
    assert status.startswith(f"failed: local LanguageTool: not installed in {tmp_path} ")
    assert "never downloads" in status and "\n" not in status
    assert list(tmp_path.iterdir()) == []  # nothing was downloaded or unpacked


def test_local_backend_with_an_empty_installation_folder_names_the_missing_jar(tmp_path, monkeypatch, all_rules):
    (tmp_path / "LanguageTool-6.8").mkdir()
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    _, status = run(read_path(str(FIXTURES / "article.txt")), all_rules, grammar="local")
    assert status.startswith("failed: local LanguageTool 6.8: ")
    assert "JAR not found" in status


def test_local_backend_without_java_says_so(tmp_path, monkeypatch, all_rules):
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no java on PATH
    _, status = run(read_path(str(FIXTURES / "article.txt")), all_rules, grammar="local")
    assert status == "failed: local LanguageTool: Java not found on PATH (LanguageTool needs Java 17+)"


@pytest.fixture(scope="module")
def stand_in_home(tmp_path_factory):
    """An LTP_PATH holding "LanguageTool-6.8" whose jar is the stand-in server (HTTPServer.java)."""
    if shutil.which("javac") is None or shutil.which("jar") is None:
        pytest.skip("no JDK (javac, jar) to build the stand-in LanguageTool server")
    home = tmp_path_factory.mktemp("lt-home")
    classes = tmp_path_factory.mktemp("lt-classes")
    subprocess.run(["javac", "-d", str(classes), str(FIXTURES / "HTTPServer.java")], check=True)
    (home / "LanguageTool-6.8").mkdir()
    subprocess.run(["jar", "cf", str(home / "LanguageTool-6.8" / "languagetool-server.jar"), "-C", str(classes), "."],
                   check=True)
    return home


def test_local_backend_starts_the_installed_server_uses_it_and_stops_it(stand_in_home, monkeypatch, all_rules):
    monkeypatch.setenv("LTP_PATH", str(stand_in_home))
    document = read_path(str(FIXTURES / "guide.md"))
    config = Config(grammar="local", select=("grammar",))
    with GrammarSession(all_rules, config) as grammar:
        assert grammar.status == "ran (local LanguageTool 6.8)"
        process = grammar.backend.process
        (result,) = Linter(all_rules, config, grammar).lint([document])
        found = result.findings
    assert process.poll() is not None  # the run's JVM is gone
    assert [(f.code, f.text, f.message) for f in found] == [
        ("GR102", "A", "Possible spelling mistake found. (LanguageTool STAND_IN_RULE)")]


def test_local_server_that_exits_at_start_up_is_reported_with_its_last_words(stand_in_home, monkeypatch, all_rules):
    monkeypatch.setenv("LTP_PATH", str(stand_in_home))
    monkeypatch.setenv("CLINICLINT_STAND_IN_FAIL", "Error: could not load the English rules")
    _, status = run(read_path(str(FIXTURES / "guide.md")), all_rules, grammar="local")
    assert status == ("failed: local LanguageTool 6.8: server exited with code 1: "
                      "Error: could not load the English rules")


# --- the rule pack ---------------------------------------------------------------------------------

def test_two_rules_claiming_one_category_is_an_error(tmp_path, all_rules):
    pack = tmp_path / "extra.yaml"
    pack.write_text(
        "family: grammar\nrules:\n"
        "  - {code: GR901, name: typos-again, kind: languagetool, severity: info, message: m, docs: d,\n"
        "     examples: {bad: ['[[x]]'], good: [y]}, categories: [TYPOS]}\n", encoding="utf-8")
    with pytest.raises(RulePackError, match="GR102 and GR901 both claim 'TYPOS'"):
        load_rules([pack])


def test_languagetool_rule_needs_something_to_report(tmp_path):
    pack = tmp_path / "bad.yaml"
    pack.write_text(
        "family: grammar\nrules:\n"
        "  - {code: GR902, name: nothing, kind: languagetool, severity: info, message: m, docs: d,\n"
        "     examples: {bad: ['[[x]]'], good: [y]}, categories: TYPOS}\n", encoding="utf-8")
    with pytest.raises(RulePackError, match="rule GR902: field 'categories': Input should be a valid frozenset"):
        load_pack(pack)
