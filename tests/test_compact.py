"""Big documents' blocks kept compact: the same findings as with every Doc kept, and each Doc made again exactly."""

from __future__ import annotations

from cliniclint.lint import Config, check_paths, compact, engine, nlp

from conftest import CORPUS

ARTICLES = sorted(str(path) for path in CORPUS.glob("*.*") if path.suffix in (".txt", ".md", ".html"))[:6]


def test_compact_blocks_give_the_findings_of_docs_kept_whole(rules, monkeypatch):
    whole = check_paths(ARTICLES, Config(), rules)
    monkeypatch.setattr(engine, "COMPACT_CHARS", 0)  # every document compact
    monkeypatch.setattr(compact, "KEPT_TOKENS", 200)  # and their Docs made again on each use
    compacted = check_paths(ARTICLES, Config(), rules)
    assert compacted.files == whole.files
    assert sum(len(file.findings) for file in whole.files) > 20


def test_a_doc_made_again_has_every_annotation_it_had():
    pipeline = nlp.pipeline(nlp.resolve_model(), frozenset({"parser", "lemmatizer"}))
    texts = ["Microneedling is painless. Results last for years.", "", "Book now!"]
    docs = list(pipeline.parse(texts))
    blocks = compact.CompactDocs(pipeline.language)
    for doc, text in zip(docs, texts):
        blocks.append(doc, text)
    assert len(blocks) == 3
    for index, doc in enumerate(docs):
        again = blocks._made(index)
        assert [(t.text, t.whitespace_, t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, t.is_sent_start, str(t.morph))
                for t in again] == [(t.text, t.whitespace_, t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i,
                                     t.is_sent_start, str(t.morph)) for t in doc]
    assert blocks[-1].text == "Book now!" and blocks[0:2][1].text == ""


def _annotations(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, t.is_sent_start, str(t.morph), t.ent_type_)
            for t in doc]


def test_blocks_keep_their_values_numbered_in_a_table_and_smaller_than_the_hashes():
    import zlib

    pipeline = nlp.pipeline(nlp.resolve_model(), frozenset({"parser", "lemmatizer"}))
    texts = [part for path in ARTICLES if path.endswith(".txt")
             for part in open(path, encoding="utf-8").read().split("\n\n") if part.strip()]
    blocks = compact.CompactDocs(pipeline.language)
    hashes = 0
    for doc, text in zip(pipeline.parse(texts), texts):
        blocks.append(doc, text)
        columns = blocks._blocks[-1][1]
        hashes += len(zlib.compress(doc.to_array(list(columns)).tobytes(), 1))
    kept = sum(len(block[2]) for block in blocks._blocks)
    assert kept < hashes / 2, (kept, hashes)
    assert {block[3] for block in blocks._blocks} == {"H"}  # an article's values number far fewer than 65,536
    again = list(pipeline.parse(texts[:3]))
    assert [_annotations(blocks._made(index)) for index in range(3)] == [_annotations(doc) for doc in again]


def test_a_table_of_more_than_65536_values_numbers_them_in_four_bytes():
    pipeline = nlp.pipeline(nlp.resolve_model(), frozenset({"parser", "lemmatizer"}))
    texts = ["Microneedling is painless.", "Results last for years, says Dr Okafor."]
    docs = list(pipeline.parse(texts))
    blocks = compact.CompactDocs(pipeline.language)
    blocks.append(docs[0], texts[0])
    first = len(blocks._numbers)  # values no block holds, numbered after the first block's
    blocks._numbers.update({2**63 + index: first + index for index in range(1 << 16)})
    blocks.append(docs[1], texts[1])
    assert [block[3] for block in blocks._blocks] == ["H", "I"]
    assert [_annotations(blocks._made(index)) for index in range(2)] == [_annotations(doc) for doc in docs]


def test_a_doc_made_again_has_what_a_tensor_reader_kept_of_it():
    import numpy

    def keep_width(doc) -> None:
        doc.user_data["test:tensor-width"] = numpy.full(len(doc), doc.tensor.shape[1], dtype="float32")

    pipeline = nlp.pipeline(nlp.resolve_model(), frozenset({"lemmatizer"}))
    texts = ["Results last for years.", "Book now!"]
    blocks = compact.CompactDocs(pipeline.language)
    for doc, text in zip(pipeline.parse(texts, read_tensor=keep_width), texts):
        assert doc.tensor.size == 0
        blocks.append(doc, text)
    again = blocks._made(0)
    assert again.user_data["test:tensor-width"].tolist() == [96.0] * 5


def test_spin_candidates_are_not_kept_once_read(rules):
    """The spin model's candidates for a block are made when the block is read; the findings keep what
    they report, and a big article's candidates are not held beside them until it ends."""
    from cliniclint.lint.analysis.spin_model import spin_candidates
    from cliniclint.lint.readers import read_text

    spun = "Protect your pores and skin from solar publicity and great traces after the peel session."
    checker = engine.Checker(rules, Config())
    parsed, = checker.parse([read_text(spun, "text", "spun.txt")])
    blocks = parsed.get(spin_candidates, frozenset())
    first = blocks[0]
    assert first, "the spun sentence should give the model candidates"
    again = blocks[0]
    assert again == first and all(a is not b for a, b in zip(again, first))  # made again, the same
    assert len(blocks) == 1 and list(blocks) == [first]


def test_per_token_tables_are_released_after_their_last_reader_with_the_same_findings(rules, monkeypatch):
    from cliniclint.lint.analysis.tokens import TABLES
    from cliniclint.lint.readers import read_path

    checker = engine.Checker(rules, Config())
    plan = checker.released
    assert sorted(name for names in plan.values() for name in names) == sorted(TABLES)
    for index, names in plan.items():  # nothing after a table's release reads it, directly or not
        later = {each.name for rule in checker.checked[index + 1:] for required in rule.checker.analyses
                 for each in required.closure}
        assert later.isdisjoint(names)
    documents = [read_path(path) for path in ARTICLES]
    first = checker.parse(documents)
    released = [checker.findings(parsed) for parsed in first]
    assert not any(key[0] in TABLES for parsed in first for key in parsed._results)
    second = checker.parse(documents)
    monkeypatch.setattr(checker, "released", {})
    kept = [checker.findings(parsed) for parsed in second]
    assert released == kept and sum(map(len, kept)) > 20


def test_findings_of_a_document_share_equal_messages_and_texts(rules):
    from cliniclint.lint.readers import read_path

    checker = engine.Checker(rules, Config())
    text = "Microneedling is completely painless. " * 3
    (parsed,) = checker.parse([read_path("same.txt", data=text.encode())])
    findings = checker.findings(parsed)
    alike = [finding for finding in findings if finding.code == findings[0].code]
    assert len(alike) == 3
    assert all(f.message is alike[0].message and f.text is alike[0].text for f in alike)


def test_a_document_over_kept_tokens_keeps_only_its_recent_docs(monkeypatch):
    pipeline = nlp.pipeline(nlp.resolve_model(), frozenset({"lemmatizer"}))
    texts = [f"Block {index} says the peel is gentle." for index in range(12)]
    small, big = compact.CompactDocs(pipeline.language), compact.CompactDocs(pipeline.language)
    tokens = 0
    for doc, text in zip(pipeline.parse(texts), texts):
        small.append(doc, text)
        big.append(doc, text)
        tokens += len(doc)
    monkeypatch.setattr(compact, "KEPT_TOKENS", tokens)  # the twelve blocks' tokens: small fits
    assert [small[index].text for index in range(12)] == texts and len(small._kept) == 12
    monkeypatch.setattr(compact, "KEPT_TOKENS", tokens - 1)
    assert [big[index].text for index in range(12)] == texts
    assert not big._kept and list(big._recent) == list(range(12 - compact.RECENT, 12))
