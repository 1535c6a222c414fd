"""Plain text in any encoding government files use: UTF-8 (BOM or not), UTF-16, GB18030/GBK.

Scraped web text keeps its page furniture lines; they are marked, not dropped, so line numbers
stay those of the file.
"""

from __future__ import annotations

import codecs

from ..document import Block, Document
from ..errors import InputError
from ..furniture import is_furniture
from ..normalize import normalize


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
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_like_text(text):
        return text, "gb18030"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or not _looks_like_text(str(best)):
        raise InputError(name, "无法识别文件编码，或这不是文本文件")
    return str(best), best.encoding


def _looks_like_text(text: str) -> bool:
    """Reject decodings full of control characters: binary data decodes as some charset too."""
    if not text:
        return False
    bad = sum(1 for ch in text[:4000] if ord(ch) < 32 and ch not in "\r\n\t\f")
    return bad <= len(text[:4000]) * 0.01


def lines_to_blocks(lines: list[str]) -> list[Block]:
    """One block per non-blank line, numbered by its line in the file."""
    blocks = []
    for i, raw in enumerate(lines, start=1):
        text = raw.strip()
        if not text:
            continue
        norm = normalize(text)
        blocks.append(Block(text=text, line=i, source=f"第{i}行", norm=norm, furniture=is_furniture(norm)))
    return blocks


def read(data: bytes, name: str) -> Document:
    text, encoding = decode(data, name)
    blocks = lines_to_blocks(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    if not blocks:
        raise InputError(name, "文件没有文字内容")
    return Document(path=name, format="txt", blocks=blocks, encoding=encoding)
