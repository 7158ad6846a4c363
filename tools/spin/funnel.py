"""Where the spin family loses recall on dev, stage by stage (round 9).

    python -m tools.spin.funnel [--data ../shared/data] [--answers N] [--weights draw/weights.json]

For every marked artifact of the hand-spun dev pages (``dev-pages/spun.yaml``,
by style) and every artifact of simulated spins of dev texts
(``devsets.simulate``, every policy, by policy), the first stage that loses it:

1. ``no slot``: no slot covers it; why (no content word there, a content word
   without a thesaurus entry, or a slot left out as exempt or part of a name);
2. ``attested``: a slot, not scored because clean prose attests the word with
   both its neighbours (the weights' ``attested`` count);
3. scored: whether the word the writer wrote (recovered by aligning the spun
   page with its clean page, or told by the simulator) is among the slot's
   candidates, and if not, whether it is one thesaurus hop further (a
   synonym of a candidate: two-hop) or not linked at all;
4. the confidence: below the model's ``candidate`` tier, up to the verdict's
   evidence floor, up to the ``warning`` tier, or above it;
5. the gate: found by a spin finding without the ``spin-evidence``
   post-processor, and shown with it (the table rules count at both).

Every number is dev; the blind sets are not read.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from cliniclint import lint
from cliniclint.lint import nlp, verdict
from cliniclint.lint.analysis import spin_model as analysis
from cliniclint.lint.analysis.tokens import TITLE_BLOCKS, is_title_cased
from cliniclint.lint.spin_model.slots import CONTENT_POS

from .data import parser
from .devsets import MEASUREMENT, lint_texts, medquad_dev, prose_dev, simulate, use_weights
from .simulate import POLICIES

DEV_PAGES = Path(__file__).resolve().parent / "dev-pages"
MARK = re.compile(r"\[\[(.+?)\]\]")
RATES = (0.05, 0.1, 0.2, 0.3, 0.4)
SEED = 4242
STAGES = ("no slot: no content word", "no slot: no thesaurus entry", "no slot: exempt or name", "attested",
          "scored, original not linked", "scored, original two hops away", "scored, original among candidates",
          "scored, original unknown")
TIERS = ("below candidate tier", "candidate tier to evidence floor", "evidence floor to warning", "warning")


@dataclass
class BlockView:
    """What the model saw in one block, in source offsets."""

    tokens: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, reason it is no slot)
    slots: list[tuple[int, int]] = field(default_factory=list)  # every slot
    scored: list[tuple[int, int, float, object]] = field(default_factory=list)  # (start, end, confidence, site)


class Spy:
    """Records, for each linted document, what the model saw in each block (wrapping the analysis that
    the ``spin-model`` rule reads, so the exempt words, capitals and document counts are the linter's)."""

    def __init__(self) -> None:
        self.views: dict[str, list[BlockView]] = defaultdict(list)
        self._original = analysis.BlockCandidates.__getitem__

    def __enter__(self) -> Spy:
        spy = self

        def getitem(candidates, index):
            spy.record(candidates, index)
            return spy._original(candidates, index)

        analysis.BlockCandidates.__getitem__ = getitem
        return self

    def __exit__(self, *_) -> None:
        analysis.BlockCandidates.__getitem__ = self._original

    def record(self, candidates, index: int) -> None:
        parsed = candidates._parsed
        block, doc = parsed.document.blocks[index], parsed.docs[index]
        model = analysis.shared_model()
        capitals = block.kind not in TITLE_BLOCKS and not is_title_cased(doc)
        view = BlockView()

        def source(start: int, end: int) -> tuple[int, int]:
            return block.source_span(start, end)

        for token in doc:
            if not token.text.strip():
                continue
            pos = CONTENT_POS.get(token.pos_)
            if pos is None or not token.is_alpha or len(token.text) < 3 or token.is_stop:
                reason = STAGES[0]
            elif not any(model.thesaurus.has(w, pos) for w in (token.lemma_.lower(), token.lower_)):
                reason = STAGES[1]
            else:
                reason = STAGES[2]
            view.tokens.append((*source(token.idx, token.idx + len(token)), reason))
        for site in model.finder.sites(doc, candidates._exempt, capitals):
            span = doc[site.start:site.end]
            view.slots.append(source(span.start_char, span.end_char))
        sites, rows, _ = model.slot_rows(doc, candidates._exempt, capitals, candidates._document)
        if sites:
            for site, p in zip(sites, model.scorer.probability(rows)):
                span = doc[site.start:site.end]
                view.scored.append((*source(span.start_char, span.end_char), float(p), site))
        self.views[parsed.document.path].append(view)


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), re.sub(r"\W+", "", m.group().lower())) for m in re.finditer(r"\S+", text)]


def originals(spun: str, clean: str, spans: list[tuple[int, int]]) -> list[str | None]:
    """For each artifact span of ``spun``, the clean page's words it replaced (None where the alignment
    finds none)."""
    a, b = _words(spun), _words(clean)
    opcodes = difflib.SequenceMatcher(None, [w for _, _, w in a], [w for _, _, w in b], autojunk=False).get_opcodes()
    found = []
    for start, end in spans:
        wanted = [i for i, (s, e, _) in enumerate(a) if s < end and start < e]
        pieces = []
        for tag, i1, i2, j1, j2 in opcodes:
            if tag != "equal" and any(i1 <= i < i2 for i in wanted) or tag == "insert" and wanted \
                    and i1 == wanted[0]:
                pieces += [clean[b[j][0]:b[j][1]] for j in range(j1, j2)]
        text = " ".join(pieces).strip(".,;:!?()\"'")
        found.append(text or None)
    return found


class Funnel:
    def __init__(self, pipeline) -> None:
        self.pipeline = pipeline
        self.model = analysis.shared_model()
        self.counts: dict[str, Counter] = defaultdict(Counter)
        self.examples: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.two_hop_sizes: list[int] = []

    def _lemma(self, text: str) -> str:
        doc = self.pipeline(text)
        words = [t for t in doc if t.is_alpha]
        if len(words) == 1:
            return words[0].lemma_.lower()
        return " ".join(t.lower_ for t in doc).replace(" - ", "-")

    def _linked(self, site, original: str | None) -> str:
        if not original:
            return STAGES[7]
        wanted = " ".join(original.lower().split())
        lemma = self._lemma(original)
        if any(" ".join(words).replace(" - ", "-") == wanted for words in site.fillers) \
                or any(r.word == lemma for r in site.related):
            return STAGES[6]
        hop = {r2.word for r in site.related for r2 in self.model.thesaurus.related(r.word, site.pos)}
        self.two_hop_sizes.append(len(hop))
        return STAGES[5] if lemma in hop or wanted in hop else STAGES[4]

    def add(self, group: str, view: list[BlockView], start: int, end: int, original: str | None,
            ungated, gated, text: str) -> None:
        counts = self.counts[group]
        counts["artifacts"] += 1
        covered = [(p, site) for blocks in view for s, e, p, site in blocks.scored if s < end and start < e]
        snippet = f"{text[start:end]!r}" + (f" (for {original!r})" if original else "")
        if covered:
            p, site = max(covered, key=lambda item: item[0])
            stage = self._linked(site, original)
            thresholds = self.model.thresholds
            tier = TIERS[0] if p < thresholds["candidate"] else TIERS[1] if p <= verdict.EVIDENCE_FLOOR \
                else TIERS[2] if p < thresholds["warning"] else TIERS[3]
            counts[f"{stage} / {tier}"] += 1
            counts[tier] += 1
            snippet += f" {p:.2f}"
        elif any(s < end and start < e for blocks in view for s, e in blocks.slots):
            stage = STAGES[3]
        else:
            reasons = [r for blocks in view for s, e, r in blocks.tokens if s < end and start < e]
            stage = max(reasons, key=STAGES.index) if reasons else STAGES[0]
        counts[stage] += 1
        found_ungated = any(f.family == "spin" and f.start < end and start < f.end for f in ungated.findings)
        found_gated = any(f.family == "spin" and f.start < end and start < f.end for f in gated.findings)
        counts["found before the gate"] += found_ungated
        counts["shown"] += found_gated
        if found_ungated and not found_gated:
            counts[f"hidden by the gate (page {gated.spin_verdict})"] += 1
        if len(self.examples[group, stage]) < 12:
            self.examples[group, stage].append(snippet)

    def report(self) -> None:
        for group, counts in sorted(self.counts.items()):
            total = counts["artifacts"]
            print(f"\n== {group}: {total} artifacts")
            for name in (*STAGES, *TIERS):
                if counts[name]:
                    print(f"    {name}: {counts[name]} ({counts[name] / total:.0%})")
            for name in sorted(counts):
                if " / " in name or name.startswith("hidden"):
                    print(f"    {name}: {counts[name]}")
            print(f"    found by any spin finding before the gate: {counts['found before the gate'] / total:.2f}; "
                  f"shown: {counts['shown'] / total:.2f}")
            for stage in STAGES:
                if self.examples[group, stage]:
                    print(f"      {stage}: " + ", ".join(self.examples[group, stage]))
        if self.two_hop_sizes:
            sizes = sorted(self.two_hop_sizes)
            print(f"\ntwo-hop candidate sets of scored slots without the original: median {sizes[len(sizes) // 2]}, "
                  f"90th percentile {sizes[int(0.9 * len(sizes))]}")


def run(funnel: Funnel, groups: list[str], texts: list[str], spans: list[list[tuple[int, int]]],
        wanted: list[list[str | None]], config, rules) -> None:
    with Spy() as spy:
        ungated = lint_texts(texts, config, rules, gated=False)
    gated = lint_texts(texts, config, rules)
    for group, text, page_spans, page_originals, before, after in zip(groups, texts, spans, wanted, ungated, gated):
        view = spy.views[before.path]
        for (start, end), original in zip(page_spans, page_originals):
            funnel.add(group, view, start, end, original, before, after, text)
        funnel.counts[group]["pages"] += 1
        funnel.counts[group]["pages called spun"] += after.spin_verdict != verdict.CLEAN


def main() -> None:
    arguments = parser(__doc__.split("\n\n")[0])
    arguments.add_argument("--answers", type=int, default=100, help="MedQuAD dev answers to spin")
    arguments.add_argument("--weights", type=Path, help="another draw's weights.json")
    options = arguments.parse_args()
    if options.weights:
        use_weights(options.weights)
    rules = lint.load_rules()
    config = lint.Config(select=("spin", "spam"))
    pipeline = nlp.load(nlp.resolve_model(None), frozenset({"tagger", "attribute_ruler", "lemmatizer"}))
    funnel = Funnel(pipeline)
    clean = {page["name"]: page["text"] for page in yaml.safe_load((DEV_PAGES / "clean.yaml").read_text("utf-8"))}
    spun = yaml.safe_load((DEV_PAGES / "spun.yaml").read_text(encoding="utf-8"))
    texts, spans, wanted = [], [], []
    for page in spun:
        text, marks, position = "", [], 0
        for match in MARK.finditer(page["text"]):
            text += page["text"][position:match.start()]
            marks.append((len(text), len(text) + len(match.group(1))))
            text += match.group(1)
            position = match.end()
        text += page["text"][position:]
        texts.append(text)
        spans.append(marks)
        wanted.append(originals(text, clean[page["name"]], marks))
    groups = [f"hand pages, {'light' if page['style'] == 'light' else 'other styles'}" for page in spun]
    run(funnel, groups, texts, spans, wanted, config, rules)
    dev = medquad_dev(options.data, options.answers, MEASUREMENT) + prose_dev()
    simulated = simulate(options.data, dev, RATES, sorted(POLICIES), SEED)
    run(funnel, [f"simulated, {s.policy}" for s in simulated], [s.text for s in simulated],
        [[(a, b) for a, b, artifact in s.changes if artifact] for s in simulated],
        [[o for (_, _, artifact), o in zip(s.changes, s.originals) if artifact] for s in simulated], config, rules)
    funnel.report()
    for group, counts in sorted(funnel.counts.items()):
        print(f"{group}: {counts['pages called spun']}/{counts['pages']} pages called possibly or likely spun")


if __name__ == "__main__":
    main()
