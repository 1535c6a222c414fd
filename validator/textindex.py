"""The report body as one string, so a rule runs each pattern once instead of once per paragraph.

Rules that search many patterns (the instrument registry, foreign wording) scan this joined text
and map each match back to its block; blocks are joined with a newline, which no pattern crosses.
Built once per report and shared by the rules that use it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from .document import Block


@dataclass(frozen=True)
class Joined:
    text: str
    starts: tuple[int, ...]
    blocks: tuple[Block, ...]

    def find(self, rx: re.Pattern):
        """(block, start, end) of every match, positions in the block's normalised text."""
        for block, start, end, _ in self.matches(rx):
            yield block, start, end

    def matches(self, rx: re.Pattern):
        """(block, start, end, match) of every match; the match for its groups."""
        needle = required(rx)
        if needle and needle not in self.text:
            return  # a substring test is far cheaper than a regex scan that finds nothing
        for m in rx.finditer(self.text):
            i = bisect_right(self.starts, m.start()) - 1
            base = self.starts[i]
            yield self.blocks[i], m.start() - base, m.end() - base, m


_CACHE: WeakKeyDictionary = WeakKeyDictionary()
_NEEDLES: dict[re.Pattern, str] = {}


def required(rx: re.Pattern) -> str:
    """The longest run of literal characters every match must contain ("" when there is none):
    the top-level literals of the parsed pattern, which no alternation or repeat can skip."""
    hit = _NEEDLES.get(rx)
    if hit is None:
        from re import _constants, _parser  # the stdlib's own parser: what the pattern requires

        best = run = ""
        try:
            items = list(_parser.parse(rx.pattern, rx.flags))
        except Exception:
            items = []
        for op, arg in items:
            if op is _constants.LITERAL:
                run += chr(arg)
                best = max(best, run, key=len)
            else:
                run = ""
        hit = _NEEDLES[rx] = best
    return hit


def joined(report) -> Joined:
    """The report's body blocks joined by newlines, computed once per report."""
    hit = _CACHE.get(report)
    if hit is None:
        starts, pos = [], 0
        for block in report.body:
            starts.append(pos)
            pos += len(block.norm) + 1
        hit = _CACHE[report] = Joined("\n".join(b.norm for b in report.body), tuple(starts), tuple(report.body))
    return hit
