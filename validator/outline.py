"""The outline: how the heading blocks nest, and what each part spans.

Writers skip and mix the numbering ladder, so levels are not fixed per style: a heading style seen
inside another style's section nests below it, and meeting a style again closes the sections below
it. Which block is a heading, and of which style, is headings.py's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .document import Block
from .headings import detect_heading

# Depth of each style on the usual ladder; a style met inside a deeper one closes it (a "(一)"
# after a "1." list is a sibling of the "1." list's parent, not its child). Markup levels sit
# between the numbered rungs so an unnumbered Word "Heading 1" still holds "(一)" sections.
_RANK = {"part": 0, "cn": 1, "pcn": 2, "num": 3, "pnum": 4, "circ": 5}


def _rank(style: str) -> float:
    return _RANK[style] if style in _RANK else int(style[1:]) - 0.5


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
