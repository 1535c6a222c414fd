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
from .re_parser import constants, parser


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
        best = run = ""
        try:
            items = list(parser.parse(rx.pattern, rx.flags))
        except Exception:
            items = []
        for op, arg in items:
            if op is constants.LITERAL:
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


_PREFIX_CAP = 64  # literal prefixes kept per pattern; beyond that the pattern is always scanned


def prefixes(source: str) -> frozenset[str] | None:
    """Literal strings one of which every match of the pattern starts with; None when the
    pattern's start is not a short list of literals (a class like ``\\d``, a flag, a repeat
    that may be absent), so nothing can be ruled out before the regex runs."""
    try:
        parsed = parser.parse(source)
    except Exception:
        return None
    if parsed.state.flags & (constants.SRE_FLAG_IGNORECASE | constants.SRE_FLAG_VERBOSE):
        return None
    found, _ = _expand(list(parsed), {""})
    if not found or "" in found:
        return None
    return frozenset(found)


_REPEATS = (constants.MAX_REPEAT, constants.MIN_REPEAT, getattr(constants, "POSSESSIVE_REPEAT", constants.MAX_REPEAT))


def _expand(items, heads: set[str]) -> tuple[set[str], bool]:
    """Extend each head by what the items must consume next, as far as it is literal; the
    flag says whether all the items were read (so a caller may go on after them)."""
    for op, av in items:
        if op in (constants.ASSERT, constants.ASSERT_NOT, constants.AT):
            continue  # zero width: what follows starts where the heads end
        if op is constants.LITERAL:
            chars = [chr(av)]
        elif op is constants.IN and av and all(o is constants.LITERAL for o, _ in av):
            chars = [chr(v) for _, v in av]
        elif op is constants.BRANCH or op is constants.SUBPATTERN:
            if op is constants.SUBPATTERN:
                if av[1] or av[2]:
                    return heads, False  # inline flags (?i:…) change what a literal matches
                branches = [list(av[3])]
            else:
                branches = [list(b) for b in av[1]]
            out: set[str] = set()
            complete = True
            for branch in branches:
                got, done = _expand(branch, heads)
                out |= got
                complete = complete and done
                if len(out) > _PREFIX_CAP:
                    return heads, False
            if not complete:
                return out, False
            heads = out
            continue
        elif op in _REPEATS and av[0] >= 1:
            for _ in range(min(av[0], 4)):  # the first repetitions are certain, no more
                got, done = _expand(list(av[2]), heads)
                if len(got) > _PREFIX_CAP:
                    break
                heads = got
                if not done:
                    break
            return heads, False
        else:
            return heads, False
        if len(heads) * len(chars) > _PREFIX_CAP:
            return heads, False
        heads = {h + ch for h in heads for ch in chars}
    return heads, True


@dataclass(frozen=True)
class Prefilter:
    """Which of a list of patterns can match a text at all: a pattern stays when every character
    of one of its literal prefixes is in the text. A list of patterns joined in one alternation
    gives the regex engine no first character to skip to, so it tries every branch at every
    position; a single-character ``in`` is a C scan, far cheaper (a multi-character ``in`` or a
    character-class scan on CJK text is not)."""

    patterns: tuple[str, ...]
    needs: tuple[tuple[frozenset[str], ...] | None, ...]  # per pattern: its prefixes' characters
    chars: tuple[str, ...]  # every character some prefix needs

    def possible(self, text: str) -> tuple[str, ...]:
        """The patterns, in their order, that can match somewhere in ``text``."""
        present = frozenset(ch for ch in self.chars if ch in text)
        return tuple(p for p, needs in zip(self.patterns, self.needs)
                     if needs is None or any(chars <= present for chars in needs))


_PREFILTERS: dict[tuple[str, ...], Prefilter | None] = {}


def prefilter(patterns: tuple[str, ...]) -> Prefilter | None:
    """The prefilter of a pattern list (cached); None when dropping patterns could change what
    the others match: a backreference counts groups across the whole alternation."""
    if patterns in _PREFILTERS:
        return _PREFILTERS[patterns]
    hit = None
    if not any("(?P=" in p or "(?(" in p or re.search(r"\\[1-9]", p) for p in patterns):
        needs = []
        for p in patterns:
            found = prefixes(p)
            if found is None:
                needs.append(None)
                continue
            sets = {frozenset(f) for f in found}
            needs.append(tuple(sorted((a for a in sets if not any(b < a for b in sets)), key=sorted)))
        chars = sorted({ch for sets in needs if sets for chars in sets for ch in chars})
        hit = Prefilter(patterns, tuple(needs), tuple(chars))
    if len(_PREFILTERS) >= 512:
        _PREFILTERS.clear()
    _PREFILTERS[patterns] = hit
    return hit
