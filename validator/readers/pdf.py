"""PDF: text lines rebuilt from character positions, then re-flowed into paragraphs.

A PDF has no paragraphs, only lines broken wherever the page edge fell: "第一责任人" can be split
over two lines and a heading looks like any other line. Lines are joined back unless the layout
says a paragraph ended there (a short line, a first-line indent, a sentence end where the document
does not indent, a change of font size, extra space between lines). Running headers, footers and
page numbers are dropped because they repeat on every page and are not report text.

pdfplumber only opens the file and gives the page boxes; the characters come straight from
pdfminer's interpreter (tools/bench_pdf.py compares this with pdfplumber's own and PDFium).
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from statistics import median

from .. import limits
from ..document import Block, Document, Position
from ..errors import InputError
from ..furniture import is_furniture
from ..normalize import normalize
from ..numbering import HEADING_START

_CORRUPT = "PDF 文件已损坏或不完整"
_SCANNED = "扫描版 PDF，没有文字层，无法读取（请提供带文字层的 PDF 或 Word 文件）"

_CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》、]")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_SENTENCE_END = set("。！？：!?:…")
_CLAUSE_END = set("；;")  # ends list items, but inside a paragraph just as often
_CLOSERS = "”’」』）)》〉】\"'"
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—－_\s]*\d{1,4}[-–—－_\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|(?:page\s*)?\d{1,4}\s*(?:/|of)\s*\d{1,4}"
    r"|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页)$",
    re.IGNORECASE,
)


@dataclass
class _Line:
    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    row: int = 0  # the line's place on its page, top down, running heads included


def _page_chars(page) -> list[dict]:
    """The page's characters: the values and order of pdfplumber's ``page.chars``, only the keys
    the reader uses.

    pdfplumber builds a layout tree of every object (paths and images included) and turns each
    into a dict of some thirty attributes; only characters are needed here, so a device collects
    just them from pdfminer's interpreter, with pdfplumber's arithmetic for their positions.
    """
    from pdfminer.converter import PDFLayoutAnalyzer
    from pdfminer.layout import LTChar
    from pdfminer.pdffont import PDFUnicodeNotDefined
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.page import fix_fontname_bytes

    height = page.height
    mb_x0, mb_top = page.mediabox[:2]
    doctop = page.initial_doctop
    chars: list[dict] = []

    class Collector(PDFLayoutAnalyzer):
        def begin_page(self, page_obj, ctm) -> None:
            pass

        def end_page(self, page_obj) -> None:
            pass

        def begin_figure(self, name, bbox, matrix) -> None:
            pass

        def end_figure(self, name) -> None:
            pass

        def paint_path(self, gstate, stroke, fill, evenodd, path) -> None:
            pass

        def render_image(self, name, stream) -> None:
            pass

        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:
            try:
                text = font.to_unichr(cid)
            except PDFUnicodeNotDefined:
                text = f"(cid:{cid})"
            item = LTChar(matrix, font, fontsize, scaling, rise, text, font.char_width(cid),
                          font.char_disp(cid), ncs, graphicstate)
            top = (height - item.y1) + mb_top
            x0, x1 = (item.x0 + mb_x0, item.x1 + mb_x0) if mb_x0 != 0 else (item.x0, item.x1)
            fontname = item.fontname
            if isinstance(fontname, bytes):
                fontname = fix_fontname_bytes(fontname)
            chars.append({"text": text, "x0": x0, "x1": x1, "top": top, "bottom": (height - item.y0) + mb_top,
                          "doctop": doctop + top, "size": item.size, "upright": item.upright,
                          "fontname": fontname})
            return item.adv

    PDFPageInterpreter(page.pdf.rsrcmgr, Collector(page.pdf.rsrcmgr)).process_page(page.page_obj)
    return chars


def _clusters(indices: list[int], value, tolerance: float) -> list[list[int]]:
    """pdfplumber's ``cluster_objects``: values sorted and chained while each is within
    ``tolerance`` of the one before; members keep their order."""
    ids: dict[float, int] = {}
    last, cluster = None, -1
    for v in sorted(set(map(value, indices))):
        if last is None or v > last + tolerance:
            cluster += 1
        ids[v] = cluster
        last = v
    groups: dict[int, list[int]] = {}
    for i in indices:
        groups.setdefault(ids[value(i)], []).append(i)
    return [groups[k] for k in sorted(groups)]


def _dedupe(chars: list[dict], tolerance: float = 1) -> list[dict]:
    """Drop characters printed twice at one spot (fake bold), as pdfplumber's ``dedupe_chars``
    does with the same tolerance and keys, keeping the page order.

    pdfplumber restores the order with ``list.index`` for every character kept, quadratic in the
    characters of a page: most of the time it spent on a page.
    """
    groups: dict[tuple, list[int]] = {}
    for i, c in enumerate(chars):
        groups.setdefault((c["upright"], c["text"], c["fontname"], c["size"]), []).append(i)
    kept: list[int] = []
    for members in groups.values():
        if len(members) == 1:
            kept.append(members[0])
            continue
        for row in _clusters(members, lambda i: chars[i]["doctop"], tolerance):
            for spot in _clusters(row, lambda i: chars[i]["x0"], tolerance):
                kept.append(min(spot, key=lambda i: (chars[i]["doctop"], chars[i]["x0"])))
    kept.sort()
    return [chars[i] for i in kept]


def _is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def _page_lines(width: float, height: float, page_chars: list[dict], number: int) -> list[_Line]:
    """Group the page's characters into lines by vertical position, left to right inside a line."""
    chars = [
        c
        for c in page_chars
        if c.get("upright", True)
        and c["text"]
        and -1 <= c["x0"] <= width + 1
        and -1 <= c["top"] <= height + 1
    ]
    chars.sort(key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"]))
    rows: list[list[dict]] = []
    center = size = 0.0
    for c in chars:
        c_center = (c["top"] + c["bottom"]) / 2
        c_size = max(c["bottom"] - c["top"], 1.0)
        if rows and abs(c_center - center) <= 0.45 * max(size, c_size):
            rows[-1].append(c)
            continue
        rows.append([c])
        center, size = c_center, c_size
    lines = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        line = _join_row(row, number)
        if line is not None:
            lines.append(line)
    lines.sort(key=lambda ln: ln.top)
    for row, line in enumerate(lines, start=1):
        line.row = row
    return lines


def _join_row(row: list[dict], number: int) -> _Line | None:
    sizes = [c.get("size") or (c["bottom"] - c["top"]) for c in row if c["text"].strip()]
    if not sizes:
        return None
    size = median(sizes)
    out: list[str] = []
    prev = None
    for c in row:
        text = c["text"]
        if not text.strip():
            if out and out[-1] != " ":
                out.append(" ")
            continue
        if prev is not None and out and out[-1] != " ":
            gap = c["x0"] - prev["x1"]
            a, b = prev["text"][-1], text[0]
            latin = not _is_cjk(a) and not _is_cjk(b)
            # Latin letters sit close; digits and punctuation may be spread by justification.
            word_gap = 0.12 if a.isalpha() and b.isalpha() else 0.3
            if gap > size * 1.0 or (latin and gap > size * word_gap):
                out.append(" ")
        out.append(text)
        prev = c
    text = "".join(out).strip()
    if not text:
        return None
    visible = [c for c in row if c["text"].strip()]
    return _Line(
        page=number,
        text=text,
        x0=visible[0]["x0"],
        x1=max(c["x1"] for c in visible),
        top=min(c["top"] for c in visible),
        bottom=max(c["bottom"] for c in visible),
        size=size,
    )


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", normalize(text))


def _drop_running(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Remove running headers/footers (same text at a page edge on most pages) and page numbers."""
    edge = 2
    counts: dict[str, int] = {}
    for lines in pages:
        keys = {_furniture_key(ln.text) for ln in lines[:edge] + lines[-edge:]}
        for k in keys:
            counts[k] = counts.get(k, 0) + 1
    with_text = sum(1 for lines in pages if lines)
    repeated = {k for k, n in counts.items() if with_text >= 2 and n >= max(2, with_text * 0.5)}
    kept = []
    for lines in pages:
        ends = set(range(min(edge, len(lines)))) | set(range(max(0, len(lines) - edge), len(lines)))
        keep = []
        for i, ln in enumerate(lines):
            if i in ends:
                norm = normalize(ln.text)
                if _PAGE_NUMBER.match(norm) or _furniture_key(ln.text) in repeated:
                    continue
            keep.append(ln)
        kept.append(keep)
    return kept


def _margin_left(lines: list[_Line]) -> float | None:
    """The body's left edge: the smallest x0 shared by two lines (one stray line is not a margin)."""
    xs = sorted(ln.x0 for ln in lines if len(ln.text) >= 4)
    for a, b in zip(xs, xs[1:]):
        if b - a <= 1.5:
            return a
    return xs[0] if xs else None


def _margin_right(lines: list[_Line]) -> float | None:
    """The body's right edge: where full lines end (high percentile of line ends)."""
    xs = sorted(ln.x1 for ln in lines if len(ln.text) >= 8)
    if not xs:
        return None
    return xs[min(len(xs) - 1, int(len(xs) * 0.9))]


def _sentence_end(text: str) -> str | None:
    """"sentence" after 。！？：, "clause" after ；, else None."""
    t = text.rstrip().rstrip(_CLOSERS)
    if not t:
        return None
    if t[-1] in _SENTENCE_END or (t[-1] == "." and len(t) >= 2 and _is_cjk(t[-2])):
        return "sentence"
    return "clause" if t[-1] in _CLAUSE_END else None


def _reflow(pages: list[list[_Line]]) -> list[tuple[int, int, str]]:
    """Join wrapped lines into paragraphs; returns (page, line on the page, text) of each, in
    reading order, page and line being those of the paragraph's first line."""
    all_lines = [ln for lines in pages for ln in lines]
    if not all_lines:
        return []
    lefts, rights = {}, {}
    for lines in pages:
        if lines:
            lefts[lines[0].page] = _margin_left(lines)
            rights[lines[0].page] = _margin_right(lines) if sum(len(ln.text) >= 8 for ln in lines) >= 4 else None
    known_left = [v for v in lefts.values() if v is not None]
    known_right = [v for v in rights.values() if v is not None]
    doc_left = median(known_left) if known_left else min(ln.x0 for ln in all_lines)
    doc_right = median(known_right) if known_right else max(ln.x1 for ln in all_lines)

    def left(ln: _Line) -> float:
        return lefts.get(ln.page) if lefts.get(ln.page) is not None else doc_left

    def right(ln: _Line) -> float:
        return rights.get(ln.page) if rights.get(ln.page) is not None else doc_right

    # Does the document mark paragraph starts with a first-line indent of about two characters?
    indented = sum(1 for ln in all_lines if 1.2 * ln.size <= ln.x0 - left(ln) <= 2.8 * ln.size)
    uses_indent = indented >= max(2, 0.04 * len(all_lines))

    # Typical line pitch in font sizes, to see extra space between paragraphs.
    ratios = [
        (b.top - a.top) / a.size
        for lines in pages
        for a, b in zip(lines, lines[1:])
        if a.size > 0 and abs(a.size - b.size) < 0.5 and b.top > a.top
    ]
    pitch = median(ratios) if ratios else None

    body_size = median(ln.size for ln in all_lines)

    def centred_title(a: _Line, b: _Line) -> bool:
        """Two centred lines in the same large type: a title set over several lines."""
        if a.page != b.page or abs(a.size - b.size) > 0.5 or a.size < body_size * 1.15:
            return False
        if b.top - a.bottom > a.size * 1.2:
            return False
        for ln in (a, b):
            middle = (left(ln) + right(ln)) / 2
            if abs((ln.x0 + ln.x1) / 2 - middle) > ln.size:
                return False
        return b.x0 - left(b) >= b.size  # a full second line is handled as any wrapped line

    paragraphs: list[list] = []  # [page, text, last line, line count]
    for ln in all_lines:
        if not paragraphs:
            paragraphs.append([ln, ln.text, ln, 1])
            continue
        prev: _Line = paragraphs[-1][2]
        first = paragraphs[-1][3] == 1
        if centred_title(prev, ln) or _continues(prev, ln, left, right, uses_indent, pitch, first):
            paragraphs[-1][1] = _glue(paragraphs[-1][1], ln.text)
            paragraphs[-1][2] = ln
            paragraphs[-1][3] += 1
        else:
            paragraphs.append([ln, ln.text, ln, 1])
    return [(first.page, first.row, text) for first, text, _, _ in paragraphs]


def _continues(prev: _Line, ln: _Line, left, right, uses_indent: bool, pitch: float | None, first: bool) -> bool:
    """Whether ``ln`` wraps on from ``prev`` (``first``: prev is its paragraph's first line)."""
    size = max(prev.size, ln.size)
    if abs(prev.size - ln.size) > 0.15 * size:
        return False
    # Line breaking rules (no opening quote at a line end, no 、 at a start) can leave a
    # wrapped line up to three characters short; a paragraph's last line is usually shorter.
    gap = right(prev) - prev.x1
    if gap > 3.5 * prev.size:
        return False  # the previous line stopped well before the margin
    if first and gap > 1.5 * prev.size and HEADING_START.match(prev.text) and not _sentence_end(prev.text):
        return False  # a numbered heading line: headings carry no final punctuation
    if ln.x0 - left(ln) > 0.8 * ln.size:
        return False  # first-line indent (or a centred line)
    if prev.x0 - left(prev) > 4 * prev.size and ln.x0 - left(ln) < 0.8 * ln.size:
        return False  # a centred line above body text
    if ln.page == prev.page and pitch is not None and ln.top - prev.top > pitch * prev.size * 1.45 + 1:
        return False  # extra space between the lines
    ends = _sentence_end(prev.text)
    if ends and HEADING_START.match(ln.text):
        return False
    if ends == "sentence" and not uses_indent:
        return False  # without indents a sentence end at the margin is the best paragraph cue
    return True


def _glue(a: str, b: str) -> str:
    """Join a wrapped line to its paragraph: no space in Chinese, one space between Latin words."""
    if a and b and _ASCII_WORD.match(a[-1]) and _ASCII_WORD.match(b[0]):
        return a + " " + b
    return a + b


def _limit_in(exc: BaseException) -> str | None:
    """The reason of a PdfLimit, raised directly or wrapped by pdfplumber."""
    from .pdf_guard import PdfLimit

    for e in (exc, *(a for a in exc.args if isinstance(a, BaseException)), exc.__cause__, exc.__context__):
        if isinstance(e, PdfLimit):
            return e.args[0]
    return None


def _open_error(exc: BaseException, name: str) -> InputError:
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    kind = type(inner).__name__
    if kind == "PDFPasswordIncorrect":
        return InputError(name, "PDF 文件已加密，需要密码才能打开（请提供未加密的文件）")
    if kind == "PDFTextExtractionNotAllowed" or "crypt" in kind.lower():
        return InputError(name, "PDF 文件已加密，无法读取（请提供未加密的文件）")
    return InputError(name, _CORRUPT)


def _pages(data: bytes, name: str) -> Iterator[tuple[float, float, list[dict]]]:
    """Each page's width, height and characters (overprinted duplicates dropped), read with
    pdfminer under the bounds of pdf_guard."""
    import pdfplumber

    from .pdf_guard import install

    install()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if len(pdf.pages) > limits.PDF_MAX_PAGES:
            raise InputError(name, f"PDF 有 {len(pdf.pages)} 页，超过 {limits.PDF_MAX_PAGES} 页的上限，已拒绝读取")
        for page in pdf.pages:
            yield float(page.width), float(page.height), _dedupe(_page_chars(page))
            if hasattr(page, "close"):
                page.close()


def _document(pages: Iterable[tuple[float, float, list[dict]]], name: str) -> Document:
    """The report's paragraphs from each page's characters (whatever library read them)."""
    lines: list[list[_Line]] = []
    chars = cid = 0
    for number, (width, height, page_chars) in enumerate(pages, start=1):
        for c in page_chars:
            chars += 1
            cid += c["text"].startswith("(cid:")
        lines.append(_page_lines(width, height, page_chars, number))
    if not any(lines) or chars == 0:
        raise InputError(name, _SCANNED)
    if cid > chars * 0.3:
        raise InputError(name, "PDF 中的文字无法提取（字体缺少编码信息），请提供 Word 文件或另存的 PDF")
    kept = _drop_running(lines)
    if sum(len(ln.text) for page in kept for ln in page) < 20 * len(lines):
        # a few characters a page are a stamp or page numbers on scanned images, not a report
        raise InputError(name, "PDF 中几乎没有可读取的文字，可能是扫描版（请提供带文字层的 PDF 或 Word 文件）")
    blocks = []
    for page, row, text in _reflow(kept):
        norm = normalize(text)
        if not norm:
            continue
        blocks.append(Block(text=text, line=len(blocks) + 1, source=f"第{page}页", norm=norm,
                            furniture=is_furniture(norm), position=Position("page", page, sub=row)))
    if not blocks:
        raise InputError(name, "文件没有文字内容")
    return Document(path=name, format="pdf", blocks=blocks)


def read(data: bytes, name: str) -> Document:
    for logger in ("pdfminer", "pdfplumber"):
        logging.getLogger(logger).setLevel(logging.ERROR)
    start = data.find(b"%PDF-", 0, 1024)
    if start < 0:
        raise InputError(name, f"{_CORRUPT}（文件开头没有 %PDF 标记，可能不是 PDF 文件）")
    if b"%%EOF" not in data[-4096:]:
        raise InputError(name, f"{_CORRUPT}（文件结尾缺失，可能没有下载完整）")
    try:
        return _document(_pages(data, name), name)
    except InputError:
        raise
    except Exception as exc:  # pdfminer wraps syntax, EOF, crypto and zlib errors in many types
        limit = _limit_in(exc)
        if limit is not None:
            raise InputError(name, f"{limit}，已拒绝读取（文件可能已损坏或是恶意构造的）") from None
        raise _open_error(exc, name) from None
