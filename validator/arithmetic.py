"""Figures in their sentences, and the arithmetic a reviewer redoes: shares, sums, changes.

The kinds figures.percent-recompute, figures.sum and figures.yoy read a report through this
module: each sentence's figures (validator/figures.py), the words just before each figure (what it
counts: "办结2331件"), and a tolerance that follows the rounding the text shows (5.4% has one
decimal: a share within 0.05 of it, or 0.15 points for truncation, is right). A figure written as
approximate (约, 近, 余, 多, 以上, 左右, 超) cannot be recomputed and is left out.
"""

from __future__ import annotations

import re
from weakref import WeakKeyDictionary

from .document import Block
from .figures import Figure, extract

_SENTENCE_END = re.compile(r"[。;!?]")
APPROXIMATE = frozenset({"约", "近", "余", "多", "以上", "左右", "超", "逾"})


class Placed:
    """A figure of one sentence with the words since the previous figure (or the sentence start).

    A plain slotted class: the split makes one per figure of every paragraph that holds a total,
    a share or a change, and a frozen dataclass's ``__init__`` doubles that cost."""

    __slots__ = ("figure", "lead", "index")

    def __init__(self, figure: Figure, lead: str, index: int):
        self.figure = figure
        self.lead = lead
        self.index = index  # position in its sentence's figure list

    def __repr__(self) -> str:
        return f"Placed({self.figure.text!r}, lead={self.lead!r})"

    @property
    def exact(self) -> bool:
        return self.figure.qualifier not in APPROXIMATE


_CACHE: WeakKeyDictionary = WeakKeyDictionary()


def sentences(block: Block, report=None) -> list[tuple[int, int, list[Placed]]]:
    """Each sentence of a block that holds figures: (start, end, figures).

    With ``report``, the figures the report already extracted are used and the result is kept
    for the other rules that read it."""
    if report is not None:
        cache = _CACHE.get(report)
        if cache is None:
            by_line: dict[int, list[Figure]] = {}
            for placed in report.figures:
                by_line.setdefault(placed.line, []).append(placed.figure)
            cache = _CACHE[report] = ({}, by_line)
        done, by_line = cache
        if block.line not in done:
            figures = by_line.get(block.line, [])
            done[block.line] = _split(block.norm, figures) if figures else []
        return done[block.line]
    return _split(block.norm, extract(block.norm))


def sentence_excerpt(block: Block, start: int, end: int, width: int = 60) -> str:
    """The sentence a figure check quotes, as written, cut at ``width`` characters."""
    return block.original(start, min(end, start + width)) + ("…" if end > start + width else "")


def _split(norm: str, figures: list[Figure]) -> list[tuple[int, int, list[Placed]]]:
    out = []
    start = 0
    bounds = [m.end() for m in _SENTENCE_END.finditer(norm)] + [len(norm)]
    i = 0
    for end in bounds:
        if end <= start:
            continue
        placed: list[Placed] = []
        cursor = start
        while i < len(figures) and figures[i].start < end:
            fig = figures[i]
            if fig.start >= start:
                placed.append(Placed(fig, norm[cursor:fig.start], len(placed)))
                cursor = fig.end
            i += 1
        if placed:
            out.append((start, end, placed))
        start = end
    return out


def decimals(fig: Figure) -> int:
    """Decimal places the figure is written with ("5.4%" -> 1)."""
    m = re.search(r"\.(\d+)", fig.text)
    return len(m.group(1)) if m else 0


def tolerance(fig: Figure) -> float:
    """How far a recomputed percentage may be from the one written."""
    return max(0.5 * 10 ** -decimals(fig), 0.15) + 1e-9


def show(value: float, places: int = 0) -> str:
    """A number as a report writes it: 977, 5.2, 19.7."""
    text = f"{value:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def same_kind(a: Figure, b: Figure) -> bool:
    """Two counts of the same thing can be compared (件 with 件, 万元 with 元)."""
    return a.unit == b.unit and not a.is_percent and not b.is_percent
