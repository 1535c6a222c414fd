"""The document model every reader produces: ordered blocks with their source positions.

Readers know nothing of outlines or rules; they only say what text is where and what markup
(Markdown heading depth, Word heading style) the source gave it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .normalize import normalize, original


@dataclass(frozen=True)
class Position:
    """Where a block stands in the original file, in the file's own terms.

    ``kind`` is ``line`` (a text or Markdown file), ``paragraph`` (a Word or web paragraph),
    ``page`` (a PDF page) or ``cell`` (a table cell: ``number`` is the table, ``row`` its row).
    ``sub`` is the line on a PDF page or the cell in a row. ``file_line`` is a true line of the
    file (a text line, or the line of a web page's source where the text starts): the only
    number machine formats may present as a line.
    """

    kind: str
    number: int
    sub: int | None = None
    row: int | None = None
    file_line: int | None = None
    # For a web paragraph set over several source lines: (index in its text without whitespace,
    # source line) where each further line begins, so a finding inside it gets its own line.
    breaks: tuple[tuple[int, int], ...] = field(default=(), compare=False, repr=False)

    def at(self, index: int) -> Position:
        """This position for the text from ``index`` (whitespace not counted) of the block on."""
        line = self.file_line
        for start, number in self.breaks:
            if start > index:
                break
            line = number
        return self if line == self.file_line else replace(self, file_line=line, breaks=())

    @property
    def label(self) -> str:
        """What a reviewer looks for: 第N行, 第N段, 第N页, 表格N 第M行."""
        if self.kind == "line":
            return f"第{self.number}行"
        if self.kind == "page":
            return f"第{self.number}页"
        if self.kind == "cell":
            return f"表格{self.number} 第{self.row or 1}行"
        return f"第{self.number}段"

    def to_dict(self) -> dict:
        return {"kind": self.kind, "number": self.number, "row": self.row, "sub": self.sub,
                "file_line": self.file_line, "label": self.label}


@dataclass(frozen=True)
class Block:
    """One paragraph, heading candidate or table cell, in reading order.

    ``line`` is the block's 1-based line in the document's normalised text (for .txt and .md
    the line of the file itself); ``source`` says where a reader finds it in the original
    ("第3页", "第12段", "表格1 第2行"), which for a PDF or Word file is what a reviewer can use;
    ``position`` says the same as data, with the true file line where there is one.
    """

    text: str
    line: int
    source: str = ""
    kind: str = "paragraph"  # paragraph | table-cell
    style_level: int | None = None  # heading level given by markup (Markdown #, Word style)
    is_title: bool = False  # markup says this is the document title (Word Title style, <h1>)
    furniture: bool = False  # web page residue, not report content
    norm: str = field(default="", compare=False)
    position: Position | None = field(default=None, compare=False)

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
