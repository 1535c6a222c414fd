"""The outline: which blocks are headings, at which level, and what each part spans.

Chinese reports number their headings on a ladder (第一部分, 一、, （一）, 1., （1）) that writers
skip and mix, so levels are not fixed per style: a heading style seen inside another style's
section nests below it, and meeting a style again closes the sections below it. Markdown and
Word heading styles stand in for numbering where a heading has none. "一是…二是…" are list items
inside a paragraph, never headings; a heading followed by its body in one paragraph
("（一）加强组织领导。区委…") is a run-in heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Block

_CN = "一二三四五六七八九十"
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("part", re.compile(rf"^(第[{_CN}]{{1,3}}部分)[、,.:\s]*(.*)$")),
    ("cn", re.compile(rf"^([{_CN}]{{1,3}}[、.])\s*(.*)$")),
    ("pcn", re.compile(rf"^(\([{_CN}]{{1,3}}\))[、.]?\s*(.*)$")),
    # "1.2025年主要工作" is heading 1 on the year 2025, not the decimal 1.2025; "1.5万元" is a decimal.
    ("num", re.compile(r"^(\d{1,2}(?:\.(?!\d)|\.(?=(?:19|20)\d{2}年)|、))\s*(.*)$")),
    ("pnum", re.compile(r"^(\(\d{1,2}\))\s*(.*)$")),
    ("circ", re.compile(r"^([\u2460-\u2473])\s*(.*)$")),
]
# Depth of each style on the usual ladder; a style met inside a deeper one closes it (a "(一)"
# after a "1." list is a sibling of the "1." list's parent, not its child). Markup levels sit
# between the numbered rungs so an unnumbered Word "Heading 1" still holds "(一)" sections.
_RANK = {"part": 0, "cn": 1, "pcn": 2, "num": 3, "pnum": 4, "circ": 5}


def _rank(style: str) -> float:
    return _RANK[style] if style in _RANK else int(style[1:]) - 0.5


# End of a run-in heading: the first full stop, or a colon / semicolon closing a short lead-in.
_RUN_IN_END = re.compile(r"[。;:!?]")
_MAX_RUN_IN = 50
_MAX_STANDALONE = 60
_NOT_HEADING_START = re.compile(r"^[、,.:;)]")


@dataclass
class Heading:
    """A block recognised as a heading."""

    number: str  # the numbering as written ("一、", "(一)", "") in normalised form
    text: str  # heading text without the numbering, display form
    label: str  # numbering and text as written in the original
    style: str  # ladder style key: part, cn, pcn, num, pnum, circ, h1..h9
    run_in: bool  # the block goes on with body text after the heading


@dataclass
class Section:
    """A part of the report: its heading and the lines it spans, with nested sub-parts."""

    heading: str
    number: str
    label: str
    level: int
    line: int
    end: int  # last line of the section, inclusive
    style: str
    block: Block
    run_in: bool = False
    children: list["Section"] = field(default_factory=list)
    parent: "Section | None" = field(default=None, repr=False, compare=False)

    def walk(self):
        """This section and every section below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


def detect_heading(block: Block) -> Heading | None:
    """Say whether a block is a heading, and of which ladder style."""
    norm = block.norm
    if block.furniture or block.kind == "table-cell" or not norm:
        return None
    for style, pattern in _PATTERNS:
        m = pattern.match(norm)
        if not m:
            continue
        rest = m.group(2)
        if not rest or _NOT_HEADING_START.match(rest):
            return None
        stop = _RUN_IN_END.search(rest)
        if stop and stop.start() < _MAX_RUN_IN and stop.end() < len(rest):
            text = rest[: stop.start()]
            run_in = True
        elif len(rest) <= _MAX_STANDALONE:
            text = rest.rstrip("。:;")
            run_in = False
        else:
            return None
        label = _display(block, norm[: m.start(2) + len(text)])
        return Heading(m.group(1), _display(block, text), label, style, run_in)
    if block.style_level and not block.is_title and len(norm) <= _MAX_STANDALONE:
        text = block.text.strip()
        return Heading("", text, text, f"h{block.style_level}", False)
    return None


def _display(block: Block, norm_part: str) -> str:
    """Heading text for display: the original characters behind that part of the folded line."""
    start = block.norm.find(norm_part) if norm_part else -1
    if start < 0:
        return norm_part
    return block.original(start, start + len(norm_part))


def build_outline(blocks: list[Block], end_line: int) -> list[Section]:
    """Nest the heading blocks into sections; ``end_line`` closes the last one (before the sign-off)."""
    roots: list[Section] = []
    stack: list[Section] = []
    for block in blocks:
        if block.line > end_line:
            break
        heading = detect_heading(block)
        if heading is None:
            continue
        styles = [s.style for s in stack]
        if heading.style in styles:
            cut = styles.index(heading.style)
        else:
            rank = _rank(heading.style)
            cut = next((i for i, s in enumerate(stack) if _rank(s.style) > rank), len(stack))
        for closed in stack[cut:]:
            closed.end = block.line - 1
        del stack[cut:]
        section = Section(
            heading=heading.text, number=heading.number, label=heading.label, level=len(stack) + 1, line=block.line,
            end=end_line, style=heading.style, block=block, run_in=heading.run_in,
            parent=stack[-1] if stack else None,
        )
        (stack[-1].children if stack else roots).append(section)
        stack.append(section)
    return roots


def iter_sections(roots: list[Section]):
    """Every section in document order."""
    for root in roots:
        yield from root.walk()
