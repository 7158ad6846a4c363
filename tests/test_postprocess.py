"""Post-processing helpers whose speed must not change what they decide."""

import random

from cliniclint.lint.finding import Finding
from cliniclint.lint.postprocess import _Spans


def _finding(start: int, end: int) -> Finding:
    return Finding("a.txt", "SP101", "rule", "spin", "warning", "message", 1, start + 1, 1, end + 1, start, end, "x")


def test_spans_overlap_as_comparing_with_each_span():
    rng = random.Random(14)
    for _ in range(2000):
        covering = [_finding(start, start + rng.randrange(6)) for start in rng.choices(range(60), k=rng.randrange(9))]
        start = rng.randrange(60)
        finding = _finding(start, start + rng.randrange(6))
        expected = any(other.start < finding.end and finding.start < other.end for other in covering)
        assert _Spans(covering).overlap(finding) == expected
