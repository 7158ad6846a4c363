"""Score cliniclint's spin detector on blind material it was never tuned on (issue 11).

Blind sets, each reported on its own line:
  * hand-written sentences (``tests/data/heldout/spin-blind/*-sentences.yaml``), scored one
    by one and grouped into documents of 10 consecutive sentences of the same style (spun)
    or trap (clean), since a detector may rightly use document-level evidence;
  * hand-written pages (``pages/``): spun pages with their marks, clean pages, and the clean
    originals the spun pages were made from;
  * MedQuAD blind split (answers.jsonl lines with index % 10 == 7), unspun;
  * simulated spinning (``blind_spinners.py``) of that split and of the hand-written clean
    pages, for every spinner policy and swap rate.

Measures:
  recall        share of artifacts that some ``spin`` finding (any severity) overlaps;
  FA/1k         spin/spam findings at warning or error per 1,000 words; on clean text all of
                them, on spun text those that overlap no artifact (hand-marked) or no swap
                at all (simulated: a finding on an unnoticeable swap is not counted);
  called spun   share of documents whose verdict is not "clean" (possibly or likely spun);
  likely spun   share whose verdict is "spun" (or starts with "likely").
For spun sets the verdict columns should be high, for clean sets "called spun" should be 0.

By default only aggregate numbers are printed, so that whoever tunes the detector cannot learn
the material from the output. ``--details`` adds every miss and false alarm: use it only after
a final measurement. ``--all-medquad`` also lints all 16,407 MedQuAD answers (slow).

Uses only cliniclint's public API (``lint.load_rules``, ``lint.Config``, ``lint.run``) and
needs ``shared/data`` (see ``blind_spinners.shared_data``) plus ``lemminflect`` and
``wordfreq``. Deterministic for a given ``--seed``.

    python benchmarks/spin_blind.py                      # aggregate table
    python benchmarks/spin_blind.py --medquad-sample 500 --all-medquad
    python benchmarks/spin_blind.py --details            # after the final measurement only
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import blind_spinners  # noqa: E402  (a sibling script, not a package)

from cliniclint import lint  # noqa: E402

BLIND = blind_spinners.REPO / "tests" / "data" / "heldout" / "spin-blind"
MARK = re.compile(r"\[\[(.+?)\]\]")
WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")
ALARM_SEVERITIES = {"warning", "error"}
GROUP_SIZE = 10
BATCH = 200


@dataclasses.dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    meant: str = ""


@dataclasses.dataclass(frozen=True)
class Sample:
    """One document to lint: its text, and for spun text the artifacts and all swapped spans."""

    name: str
    text: str
    artifacts: tuple[Span, ...] = ()
    swapped: tuple[Span, ...] | None = None  # None: only the artifacts were swapped (hand-marked)
    spun: bool = False

    @property
    def words(self) -> int:
        return len(WORD.findall(self.text))


def unmark(marked: str, meant: dict[str, str]) -> tuple[str, tuple[Span, ...]]:
    """Text without [[...]] marks, and the span of each mark in that text."""
    out, spans, cursor = [], [], 0
    for match in MARK.finditer(marked):
        out.append(marked[cursor : match.start()])
        start = sum(map(len, out))
        artifact = match.group(1)
        if artifact not in meant:
            raise ValueError(f"marked artifact {artifact!r} has no 'meant' entry in: {marked[:80]}")
        out.append(artifact)
        spans.append(Span(start, start + len(artifact), artifact, meant[artifact]))
        cursor = match.end()
    out.append(marked[cursor:])
    return "".join(out), tuple(spans)


def load_sentences() -> tuple[list[dict], list[dict]]:
    spun = yaml.safe_load((BLIND / "spun-sentences.yaml").read_text(encoding="utf-8"))
    clean = yaml.safe_load((BLIND / "clean-sentences.yaml").read_text(encoding="utf-8"))
    for item in spun:
        marks = MARK.findall(item["text"])
        if sorted(marks) != sorted(item["meant"]):
            raise ValueError(f"marks and 'meant' disagree in: {item['text'][:80]}")
    return spun, clean


def sentence_samples(spun: list[dict], clean: list[dict]) -> tuple[list[Sample], list[Sample]]:
    spun_samples = []
    for n, item in enumerate(spun, 1):
        text, artifacts = unmark(item["text"], item["meant"])
        spun_samples.append(Sample(f"sentence-{n:03d}-{item['style']}.txt", text, artifacts, spun=True))
    clean_samples = [Sample(f"clean-{n:03d}-{item['trap']}.txt", item["text"]) for n, item in enumerate(clean, 1)]
    return spun_samples, clean_samples


def grouped(samples: Sequence[Sample], keys: Sequence[str]) -> list[Sample]:
    """Documents of GROUP_SIZE consecutive samples with the same key (style or trap), paragraphs apart."""
    by_key: dict[str, list[Sample]] = {}
    for sample, key in zip(samples, keys):
        by_key.setdefault(key, []).append(sample)
    documents = []
    for key, members in by_key.items():
        for first in range(0, len(members), GROUP_SIZE):
            text, artifacts = "", []
            for sample in members[first : first + GROUP_SIZE]:
                if text:
                    text += "\n\n"
                artifacts += [Span(a.start + len(text), a.end + len(text), a.text, a.meant) for a in sample.artifacts]
                text += sample.text
            documents.append(Sample(f"{key}-{first // GROUP_SIZE + 1:02d}.txt", text, tuple(artifacts), spun=members[0].spun))
    return documents


def page_samples() -> tuple[list[Sample], list[Sample], list[Sample]]:
    index = yaml.safe_load((BLIND / "pages" / "pages.yaml").read_text(encoding="utf-8"))
    spun = []
    for page in index["pages"]:
        marked = (BLIND / "pages" / f"{page['name']}.spun.md").read_text(encoding="utf-8")
        text, artifacts = unmark(marked, page["meant"])
        spun.append(Sample(f"{page['name']}.spun.md", text, artifacts, spun=True))
    clean = [Sample(f"{p['name']}.clean.md", (BLIND / "pages" / f"{p['name']}.clean.md").read_text(encoding="utf-8")) for p in index["clean"]]
    originals = [Sample(f"{p['name']}.original.md", (BLIND / "pages" / f"{p['name']}.original.md").read_text(encoding="utf-8")) for p in index["pages"]]
    return spun, clean, originals


def medquad_sample(size: int, seed: int) -> list[Sample]:
    answers = list(blind_spinners.medquad_blind_split())
    chosen = sorted(random.Random(seed).sample(range(len(answers)), min(size, len(answers))))
    return [Sample(f"medquad-{answers[i][0]}.txt", answers[i][1]) for i in chosen]


def simulated(texts: list[Sample], policies, rates, seed: int, wordnet) -> dict[tuple[str, float], list[Sample]]:
    spun = blind_spinners.spin_texts([(s.name, s.text) for s in texts], policies, rates, seed, wordnet)
    return {
        key: [
            Sample(
                name,
                result.text,
                tuple(Span(w.start, w.end, w.replacement, w.original) for w in result.artifacts),
                tuple(Span(w.start, w.end, w.replacement, w.original) for w in result.swaps),
                spun=True,
            )
            for name, result in results
        ]
        for key, results in spun.items()
    }


@dataclasses.dataclass
class Score:
    """Aggregate numbers for one blind set, plus the misses and false alarms behind them."""

    label: str
    spun: bool
    documents: int = 0
    words: int = 0
    artifacts: int = 0
    found: int = 0
    alarms: int = 0
    called: int = 0
    likely: int = 0
    errors: int = 0
    bad_spans: int = 0
    misses: list[str] = dataclasses.field(default_factory=list)
    false_alarms: list[str] = dataclasses.field(default_factory=list)

    def row(self) -> list[str]:
        def pct(part: int, whole: int) -> str:
            return f"{100 * part / whole:5.1f}%" if whole else "    –"

        recall = pct(self.found, self.artifacts) if self.spun else "    –"
        alarms = f"{1000 * self.alarms / self.words:6.2f}" if self.words else "     –"
        return [self.label, str(self.documents), str(self.words), str(self.artifacts) if self.spun else "–",
                recall, alarms, pct(self.called, self.documents), pct(self.likely, self.documents)]


def overlaps(start: int, end: int, spans: Iterable[Span]) -> bool:
    return any(start < s.end and s.start < end for s in spans)


def lint_files(samples: Sequence[Sample], rules, config) -> list:
    """cliniclint's FileResult for every sample, linted BATCH at a time."""
    files = []
    for first in range(0, len(samples), BATCH):
        batch = samples[first : first + BATCH]
        files += lint.run([(s.name, s.text.encode("utf-8")) for s in batch], config, rules).files
    return files


def summarise(label: str, samples: Sequence[Sample], files: Sequence, spun: bool) -> Score:
    result = Score(label, spun)
    for sample, file in zip(samples, files):
        account(result, sample, file)
    return result


def score(label: str, samples: Sequence[Sample], rules, config, spun: bool) -> Score:
    return summarise(label, samples, lint_files(samples, rules, config), spun)


def by_key(label: str, samples: Sequence[Sample], files: Sequence, keys: Sequence[str]) -> list[Score]:
    """One spun Score per key (sentence style, page spinner intensity): still aggregate numbers."""
    return [
        summarise(f"{label} {key}", [s for s, k in zip(samples, keys) if k == key], [f for f, k in zip(files, keys) if k == key], spun=True)
        for key in dict.fromkeys(keys)
    ]


def account(result: Score, sample: Sample, file) -> None:
    result.documents += 1
    result.words += sample.words
    if file.error:
        result.errors += 1
        return
    findings = [f for f in file.findings if f.family in ("spin", "spam")]
    result.bad_spans += sum(1 for f in findings if sample.text[f.start : f.end] != f.text)
    for artifact in sample.artifacts:
        result.artifacts += 1
        if overlaps(artifact.start, artifact.end, [Span(f.start, f.end, f.text) for f in findings if f.family == "spin"]):
            result.found += 1
        else:
            result.misses.append(f"{sample.name}: '{artifact.text}' (meant '{artifact.meant}')")
    swapped = sample.artifacts if sample.swapped is None else sample.swapped
    for finding in findings:
        if finding.severity in ALARM_SEVERITIES and not overlaps(finding.start, finding.end, swapped):
            result.alarms += 1
            result.false_alarms.append(f"{sample.name}: {finding.code} '{finding.text}'")
    verdict = file.spin_verdict or "clean"
    result.called += verdict != "clean"
    result.likely += verdict == "spun" or verdict.startswith("likely")


def all_medquad(rules, config) -> Score:
    """Warnings per 1,000 words and likely-spun verdicts over every MedQuAD answer, streamed."""
    result = Score("MedQuAD, all answers, unspun", spun=False)
    batch: list[Sample] = []
    for index, answer in blind_spinners.medquad_all():
        batch.append(Sample(f"medquad-{index}.txt", answer))
        if len(batch) == BATCH:
            for sample, file in zip(batch, lint_files(batch, rules, config)):
                account(result, sample, file)
            batch.clear()
    for sample, file in zip(batch, lint_files(batch, rules, config)):
        account(result, sample, file)
    return result


def table(scores: Sequence[Score]) -> str:
    head = ["blind set", "docs", "words", "artifacts", "recall", "FA/1k", "called spun", "likely spun"]
    rows = [head] + [s.row() for s in scores]
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(r, widths))) for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def iter_scores(args, rules, config) -> Iterator[Score]:
    spun_items, clean_items = load_sentences()
    spun_sentences, clean_sentences = sentence_samples(spun_items, clean_items)
    styles, traps = [i["style"] for i in spun_items], [i["trap"] for i in clean_items]
    files = lint_files(spun_sentences, rules, config)
    yield summarise("sentences spun, one by one", spun_sentences, files, spun=True)
    yield from by_key("  style", spun_sentences, files, styles)
    yield score("sentences spun, docs of 10", grouped(spun_sentences, styles), rules, config, spun=True)
    yield score("sentences clean, one by one", clean_sentences, rules, config, spun=False)
    yield score("sentences clean, docs of 10", grouped(clean_sentences, traps), rules, config, spun=False)
    spun_pages, clean_pages, originals = page_samples()
    files = lint_files(spun_pages, rules, config)
    yield summarise("pages spun (hand)", spun_pages, files, spun=True)
    index = yaml.safe_load((BLIND / "pages" / "pages.yaml").read_text(encoding="utf-8"))
    yield from by_key("  spinner", spun_pages, files, [p["spinner"] for p in index["pages"]])
    yield score("pages clean (hand)", clean_pages, rules, config, spun=False)
    yield score("pages, originals of spun pages", originals, rules, config, spun=False)
    medquad = medquad_sample(args.medquad_sample, args.seed)
    yield score("MedQuAD blind split, unspun", medquad, rules, config, spun=False)
    policies = [blind_spinners.Policy.parse(p) for p in args.policies]
    wordnet = blind_spinners.WordNet.load()
    own_pages = [Sample(name, text) for name, text in blind_spinners.own_clean_pages()]
    for source, texts in (("MedQuAD blind", medquad), ("own pages", own_pages)):
        for (policy, rate), samples in simulated(texts, policies, args.rates, args.seed, wordnet).items():
            yield score(f"sim {source}: {policy} @{rate:.0%}", samples, rules, config, spun=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--medquad-sample", type=int, default=200, help="MedQuAD blind-split answers to use (default 200)")
    parser.add_argument("--policies", nargs="+", default=[p.name for p in blind_spinners.POLICIES], help="spinner policies to simulate")
    parser.add_argument("--rates", nargs="+", type=float, default=list(blind_spinners.RATES), help="swap rates to simulate")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--all-medquad", action="store_true", help="also lint every MedQuAD answer (slow)")
    parser.add_argument("--details", action="store_true", help="print misses and false alarms (after a final measurement only)")
    args = parser.parse_args(argv)
    rules = lint.load_rules()
    config = lint.Config(select=("spin", "spam"))
    scores = []
    for result in iter_scores(args, rules, config):
        scores.append(result)
        print(f"scored {result.label}", file=sys.stderr, flush=True)
    print(table(scores), flush=True)
    if args.all_medquad:  # printed on its own: it takes long, and the table above stands without it
        scores.append(all_medquad(rules, config))
        print("\n" + table(scores[-1:]))
    problems = [(s.label, s.errors, s.bad_spans) for s in scores if s.errors or s.bad_spans]
    for label, errors, bad in problems:
        print(f"{label}: {errors} documents failed to lint, {bad} findings whose span does not select their text")
    if args.details:
        for s in scores:
            for kind, items in (("missed", s.misses), ("false alarm", s.false_alarms)):
                for item in items:
                    print(f"[{s.label}] {kind}: {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
