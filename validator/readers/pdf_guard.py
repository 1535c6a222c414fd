"""Bounds on what pdfminer may unpack, installed before a PDF is read.

pdfminer inflates every stream whole, parses a page's drawing commands in Python and expands
every ToUnicode range into a dict entry: a 62 KB file inflating to a 20 MB content stream takes
minutes, and one range of 2^24 codes takes gigabytes. A damaged dictionary whose key is not a
name makes pdfminer print the key whole (``str`` of a nested array that shares its parts) to use
as a key: seconds and gigabytes for a 72 KB file. pdfminer offers no limits, so four of its
functions are wrapped here; each bound raises :class:`PdfLimit`, which names the limit, or (for
the key) replaces the printout with a short name.
"""

from __future__ import annotations

import struct
import zlib

from .. import limits


class PdfLimit(Exception):
    """A PDF needs more than a bound allows; ``args[0]`` is the user-facing Chinese reason."""


class _BoundedZlib:
    """The part of the zlib module pdfminer uses, with a cap on what one stream inflates to."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)

    @staticmethod
    def decompress(data: bytes) -> bytes:
        d = zlib.decompressobj()
        out = d.decompress(data, limits.PDF_INFLATE_BYTES)
        if d.unconsumed_tail:
            raise PdfLimit(f"PDF 中有数据流解压后超过 {limits.size_text(limits.PDF_INFLATE_BYTES)} 的上限")
        return out + d.flush()


def _range_size(start, end) -> int:
    if not isinstance(start, bytes) or not isinstance(end, bytes) or len(start) != len(end):
        return 0
    try:
        return max(0, int.from_bytes(end[-4:], "big") - int.from_bytes(start[-4:], "big") + 1)
    except (ValueError, struct.error):
        return 0


_installed = False


def install() -> None:
    """Wrap pdfminer's inflate, content parser, CMap ranges and dictionary keys (once per process)."""
    global _installed
    if _installed:
        return
    from pdfminer import cmapdb, pdfinterp, pdftypes

    pdftypes.zlib = _BoundedZlib

    fillfp = pdfinterp.PDFContentParser.fillfp

    def bounded_fillfp(self) -> bool:
        opened = fillfp(self)
        if opened:
            self._rc_bytes = getattr(self, "_rc_bytes", 0) + len(self.fp.getbuffer())
            if self._rc_bytes > limits.PDF_STREAM_BYTES:
                raise PdfLimit(f"PDF 页面的内容流超过 {limits.size_text(limits.PDF_STREAM_BYTES)} 的上限")
        return opened

    pdfinterp.PDFContentParser.fillfp = bounded_fillfp

    parser = cmapdb.CMapParser
    do_keyword = parser.do_keyword
    ranges = (parser.KEYWORD_ENDBFRANGE, parser.KEYWORD_ENDCIDRANGE)

    def bounded_do_keyword(self, pos, token) -> None:
        if token in ranges:
            objs = [obj for _, obj in self.curstack]  # (start, end, code) triples for both kinds
            codes = sum(_range_size(objs[i], objs[i + 1]) for i in range(0, len(objs) - 2, 3))
            self._rc_codes = getattr(self, "_rc_codes", 0) + codes
            if self._rc_codes > limits.PDF_CMAP_CODES:
                raise PdfLimit(f"PDF 字体的编码表（ToUnicode）超过 {limits.PDF_CMAP_CODES} 个编码的上限")
        do_keyword(self, pos, token)

    parser.do_keyword = bounded_do_keyword

    from pdfminer import pdfdocument, psparser

    literal_name = psparser.literal_name

    def bounded_literal_name(x) -> str:
        if isinstance(x, psparser.PSLiteral) or psparser.settings.STRICT:
            return literal_name(x)
        return f"<{type(x).__name__}>"  # a damaged key: its text is never used, only its slot

    for module in (psparser, cmapdb, pdfdocument):
        module.literal_name = bounded_literal_name
    _installed = True
