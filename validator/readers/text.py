"""Plain text in any encoding government files use: UTF-8 (BOM or not), UTF-16, GB18030/GBK.

Scraped web text keeps its page furniture lines; they are marked, not dropped, so line numbers
stay those of the file.
"""

from __future__ import annotations

import codecs
from collections import Counter

from ..document import Block, Document, Position
from ..errors import InputError
from ..furniture import is_furniture
from ..normalize import normalize
from ..numbering import HEADING_START


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes and say which encoding they were in."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                raise InputError(name, f"文件以 {enc} 标记开头，但内容无法按 {enc} 解码（文件可能已损坏）") from None
    if b"\x00" in data[:4096]:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text, enc
        raise InputError(name, "这是二进制文件，不是文本报告")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # A file with a few damaged bytes (cut in the middle of a character, a bad copy) is still
    # that report: the damaged characters become U+FFFD. A GBK file read as UTF-8 breaks on nearly
    # every character, far past this allowance, and goes on to the GB18030 attempts.
    text = data.decode("utf-8", "replace")
    if _damaged_at_most_a_little(text):
        return text, "utf-8"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = data.decode("gb18030", "replace")
        if not _damaged_at_most_a_little(text):
            text = None
    if text is not None and _looks_like_text(text):
        return text, "gb18030"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or not _looks_like_text(str(best)):
        raise InputError(name, "无法识别文件编码，或这不是文本文件")
    return str(best), best.encoding


def _damaged_at_most_a_little(text: str) -> bool:
    return text.count("\ufffd") <= max(4, len(text) // 20000) and _looks_like_text(text)


def _looks_like_text(text: str) -> bool:
    """Reject decodings full of control characters: binary data decodes as some charset too."""
    if not text:
        return False
    bad = sum(1 for ch in text[:4000] if ord(ch) < 32 and ch not in "\r\n\t\f")
    return bad <= len(text[:4000]) * 0.01


def lines_to_blocks(lines: list[str]) -> list[Block]:
    """One block per paragraph, numbered by its first line in the file.

    A paragraph is a non-blank line, or in hard-wrapped text (pdftotext output, e-mail copies)
    the run of full-width lines it was wrapped into.
    """
    blocks = []
    for i, text in _paragraphs(lines):
        norm = normalize(text)
        blocks.append(Block(text=text, line=i, source=f"第{i}行", norm=norm, furniture=is_furniture(norm),
                            position=Position("line", i, file_line=i)))
    return blocks


def _wrap_width(lengths: list[int]) -> int | None:
    """The width text was wrapped at, when most lines share it; None for text that is not wrapped.

    One count of the lengths; everything after it works on the distinct lengths, not the lines."""
    if len(lengths) < 8:
        return None
    count = Counter(lengths)
    long = set(n for n in count if n >= 15)  # first-seen order, as a set of the lines gives
    if not long:
        return None
    get = count.get
    width = max(long, key=lambda w: (get(w - 1, 0) if w > 15 else 0) + get(w, 0) + get(w + 1, 0))
    at_width = get(width - 1, 0) + get(width, 0) + get(width + 1, 0)
    beyond = sum(k for n, k in count.items() if n > width + 1)  # wrapped text has (almost) no longer lines
    return width if at_width >= 0.4 * len(lengths) and beyond <= 0.05 * len(lengths) else None


def _paragraphs(lines: list[str]) -> list[tuple[int, str]]:
    """(first line number, text) of each paragraph, re-joining lines wrapped at a fixed width."""
    numbered = []  # (line number, first character, stripped text) of the non-blank lines
    for i, raw in enumerate(lines, start=1):
        text = raw.strip()
        if text:
            numbered.append((i, raw[:1], text))
    width = _wrap_width([len(text) for _, _, text in numbered])
    if not width:
        return [(i, text) for i, _, text in numbered]
    out: list[tuple[int, list[str]]] = []  # pieces joined once at the end: linear time
    previous_full = False
    heading = HEADING_START.match
    for i, first, text in numbered:
        if previous_full and out and first not in (" ", "\t", "\u3000") and not heading(text):
            out[-1][1].append(text)
        else:
            out.append((i, [text]))
        previous_full = len(text) >= width - 1
    return [(i, "".join(pieces)) for i, pieces in out]


def read(data: bytes, name: str) -> Document:
    text, encoding = decode(data, name)
    blocks = lines_to_blocks(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    if not blocks:
        raise InputError(name, "文件没有文字内容")
    return Document(path=name, format="txt", blocks=blocks, encoding=encoding)
