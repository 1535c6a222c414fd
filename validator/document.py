"""The document model every reader produces: ordered blocks with their source positions.

Readers know nothing of outlines or rules; they only say what text is where and what markup
(Markdown heading depth, Word heading style) the source gave it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .normalize import normalize, original


@dataclass(frozen=True)
class Block:
    """One paragraph, heading candidate or table cell, in reading order.

    ``line`` is the block's 1-based line in the document's normalised text (for .txt and .md
    the line of the file itself); ``source`` says where a reader finds it in the original
    ("第3页", "第12段", "表格1 第2行"), which for a PDF or Word file is what a reviewer can use.
    """

    text: str
    line: int
    source: str = ""
    kind: str = "paragraph"  # paragraph | table-cell
    style_level: int | None = None  # heading level given by markup (Markdown #, Word style)
    is_title: bool = False  # markup says this is the document title (Word Title style, <h1>)
    furniture: bool = False  # web page residue, not report content
    norm: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.norm:
            object.__setattr__(self, "norm", normalize(self.text))

    def original(self, start: int = 0, end: int | None = None) -> str:
        """The text as written behind ``norm[start:end]``: what a finding shows the reader."""
        return original(self.text, self.norm, start, end)


@dataclass
class Document:
    """A report as read from one file: blocks plus what the container itself said."""

    path: str
    format: str  # txt | md | docx | html | pdf
    blocks: list[Block]
    encoding: str | None = None
    page_title: str | None = None  # <title> of a web page, docx core title
    published: str | None = None  # YYYY-MM-DD from page metadata, when the container has it

    @property
    def content(self) -> list[Block]:
        """Blocks that belong to the report, page furniture left out."""
        return [b for b in self.blocks if not b.furniture]
