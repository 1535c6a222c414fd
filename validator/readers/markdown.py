"""Markdown: ``#`` headings are headings; emphasis, list and quote marks are not text."""

from __future__ import annotations

import re

from ..document import Block, Document, Position
from ..errors import InputError
from ..furniture import is_furniture
from ..normalize import normalize
from .text import decode

# The closing hashes of "## 标题 ##" are stripped in code: a pattern for them backtracks cubically.
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^\s*(?:[-*+]\s+|>\s*)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
# Link text and target stop at the next bracket, so a run of "[" or "(" costs linear time.
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_RULE = re.compile(r"^\s*([-*_]\s*){3,}$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}")


def strip_inline(text: str) -> str:
    return _EMPHASIS.sub("", _LINK.sub(r"\1", text)).strip()


def read(data: bytes, name: str) -> Document:
    text, encoding = decode(data, name)
    blocks: list[Block] = []
    in_code = False
    seen_heading = False
    for i, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        line = raw.strip()
        if line.startswith("```"):
            in_code = not in_code
            continue
        if in_code or not line or _RULE.match(line) or _TABLE_SEP.match(line):
            continue
        m = _HEADING.match(line)
        if m:
            depth = len(m.group(1))
            body = strip_inline(m.group(2).rstrip().rstrip("#").rstrip())
            is_title = depth == 1 and not seen_heading and all(b.furniture for b in blocks)  # a page header may come first
            seen_heading = True
            blocks.append(Block(text=body, line=i, source=f"第{i}行", style_level=depth, is_title=is_title,
                                position=Position("line", i, file_line=i)))
            continue
        if line.startswith("|"):
            for cell in (c.strip() for c in line.strip("|").split("|")):
                if cell:
                    blocks.append(Block(text=strip_inline(cell), line=i, source=f"第{i}行", kind="table-cell",
                                        position=Position("line", i, file_line=i)))
            continue
        body = strip_inline(_BULLET.sub("", line))
        if body:
            norm = normalize(body)
            blocks.append(Block(text=body, line=i, source=f"第{i}行", norm=norm, furniture=is_furniture(norm),
                                position=Position("line", i, file_line=i)))
    if not blocks:
        raise InputError(name, "文件没有文字内容")
    return Document(path=name, format="md", blocks=blocks, encoding=encoding)
