"""Which blocks are headings, and of which numbering style: the shape of one block, read before
anything else is known about the report.

Chinese reports number their headings on a ladder (第一部分, 一、, （一）, 1., （1）); Markdown and Word
heading styles stand in for numbering where a heading has none. "一是…二是…" are list items inside a
paragraph, never headings; a heading followed by its body in one paragraph ("（一）加强组织领导。区委…")
is a run-in heading. How headings nest is the outline's business (outline.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
