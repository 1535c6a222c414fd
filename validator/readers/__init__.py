"""Readers turn a file into a Document; one module per format, imported only when needed.

Heavy libraries (python-docx, pdfplumber, BeautifulSoup) load on first use of their format, so
checking a .txt report never pays for them.
"""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import replace
from pathlib import Path

from .. import limits
from ..document import Document
from ..errors import InputError
from ..furniture import mark_page_head

# extension -> (module, format name)
READERS: dict[str, tuple[str, str]] = {
    ".txt": ("text", "txt"),
    ".text": ("text", "txt"),
    ".md": ("markdown", "md"),
    ".markdown": ("markdown", "md"),
    ".docx": ("docx", "docx"),
    ".html": ("html", "html"),
    ".htm": ("html", "html"),
    ".pdf": ("pdf", "pdf"),
}

SUPPORTED = tuple(sorted(READERS))


def sniff_format(data: bytes) -> str:
    """Guess the format of bytes with no file name (stdin) from their first bytes."""
    head = data[:512].lstrip()
    if head.startswith(b"%PDF"):
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        return ".docx"
    low = head.lower()
    if low.startswith((b"<!doctype html", b"<html")) or b"<body" in low or b"<head" in low:
        return ".html"
    return ".txt"


def read_bytes(data: bytes, name: str, ext: str) -> Document:
    """Read a report held in memory; ``name`` is what messages call it."""
    if ext not in READERS:
        raise InputError(name, f"不支持的文件类型“{ext or '无扩展名'}”，支持：{'、'.join(SUPPORTED)}")
    if not data.strip():
        raise InputError(name, "文件为空")
    module, fmt = READERS[ext]
    reader = importlib.import_module(f"{__name__}.{module}")
    document = reader.read(data, name)
    blocks = mark_page_head(document.blocks, web=fmt in ("txt", "md", "html"))
    if fmt not in ("txt", "md") and len(blocks) != len(document.blocks):
        # A title set over several blocks became one; blocks of these formats are numbered in
        # order (their ``source`` keeps the reader's own position).
        blocks = [replace(b, line=i) for i, b in enumerate(blocks, start=1)]
    document.blocks = [_no_controls(b) for b in blocks]
    if document.page_title:
        document.page_title = document.page_title.translate(_CONTROLS)
    return document


# Control characters other than tab and line breaks: on a terminal ESC starts a sequence that can
# rewrite or hide what report-check prints, and no format shows the rest. Each becomes U+FFFD, one
# for one, so positions in the normalised text still map onto the original.
_CONTROLS = {c: "\ufffd" for c in [*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), *range(0x7F, 0xA0)]}


def _no_controls(block):
    if block.text.isprintable() or not any(ord(c) in _CONTROLS for c in block.text):
        return block
    norm = block.norm.translate(_CONTROLS) if block.norm else block.norm
    return replace(block, text=block.text.translate(_CONTROLS), norm=norm)


def _too_big(size: int | None, limit: int) -> str:
    have = f"文件有 {limits.size_text(size)}，" if size else "文件"
    return f"{have}超过 {limits.size_text(limit)} 的大小上限，未读取（可用 --max-size 调整）"


def read_path(path: str) -> Document:
    """Read a report from a path, or from standard input when the path is ``-``."""
    limit = limits.MAX_INPUT_BYTES
    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)  # a stream without end is cut, not read into memory
        if len(data) > limit:
            raise InputError("<stdin>", _too_big(None, limit))
        return read_bytes(data, "<stdin>", sniff_format(data))
    p = Path(path)
    ext = p.suffix.lower()
    if p.is_dir():
        raise InputError(path, "这是一个目录，不是报告文件")
    if ext not in READERS:
        raise InputError(path, f"不支持的文件类型“{ext or '无扩展名'}”，支持：{'、'.join(SUPPORTED)}")
    if not p.exists():
        raise InputError(path, "文件不存在")
    if not os.access(p, os.R_OK):
        raise InputError(path, "无法读取文件（没有读取权限）")
    try:
        size = p.stat().st_size
        if size > limit:
            raise InputError(path, _too_big(size, limit))
        with open(p, "rb") as fh:  # never opened for writing
            data = fh.read(limit + 1)
        if len(data) > limit:  # a file that grew, or a device
            raise InputError(path, _too_big(None, limit))
    except OSError as exc:
        raise InputError(path, f"无法读取文件（{exc.strerror or exc}）") from None
    return read_bytes(data, path, ext)
