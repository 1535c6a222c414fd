"""The frame of a report: the title block at the top, the opening paragraphs, the sign-off block at
the end. Found from the blocks alone (and each block's heading shape), before the outline, which
spans what lies between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import parse_date_line
from .document import Block, Document
from .headings import detect_heading
from .titles import news_headline

_CLOSING_WORDS = re.compile(r"^(特此|专此|以上)(报告|汇报)[。.]?$|^此报告[。.]?$")
_TITLE_HINT = re.compile(r"报告|法治政府|法治建设|情况")
_SALUTATION = re.compile(r"^[^。,]{2,40}:$")
# A report delivered to a 人大常委会: "（2025年4月29日在青河区第三届人民代表大会常务委员会第九次会议上）".
_DELIVERY = re.compile(r"^[(-]*\s*(?:(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)?\s*在.{2,60}会议上[)]?$")
_ANNEX = re.compile(r"^(附件|附表|附:)\s*\d*")
_OPENING_BLOCKS = 3  # the opening sentence and the paragraphs right after it that may name the unit


@dataclass(frozen=True)
class Frame:
    title: str | None = None  # a news headline's reported title when the title is a headline
    title_line: int | None = None
    publisher: str | None = None  # who a news headline says published the report
    opening: tuple[Block, ...] = ()  # the opening paragraph and those after it, up to a heading
    closing_line: int | None = None  # first line of the sign-off block (特此报告 / unit / date)
    signed: date | None = None
    signed_line: int | None = None
    signer: str | None = None  # the sign-off's name lines, joined by a space

    @property
    def opening_line(self) -> int | None:
        return self.opening[0].line if self.opening else None

    def body_ends(self, last: int) -> int:
        """The last line of the body: before the sign-off, else the report's last line."""
        return self.closing_line - 1 if self.closing_line else last


def _sign_off_end(content: list[Block]) -> int:
    """Where the report ends: before an 附件/附表 and the data tables that follow the sign-off."""
    end = len(content)
    while end > 0 and content[end - 1].kind == "table-cell":
        end -= 1
    floor = len(content) // 2
    for i in range(floor, end):
        if _ANNEX.match(content[i].norm) and len(content[i].norm) <= 60:
            if any(parse_date_line(b.norm) for b in content[max(0, i - 6):i]):
                return i
    return end


def _closing(content: list[Block]) -> tuple[int | None, date | None, int | None, str | None]:
    """The sign-off block at the end: its first line, the signing date and line, the signer.

    The sign-off is the last six blocks before any annex or data table that follows it.
    """
    tail = content[:_sign_off_end(content)][-6:]
    signed = signed_line = None
    start = None
    signer = None
    for block in reversed(tail):
        norm = block.norm
        d = parse_date_line(norm)
        if d and signed is None:
            signed, signed_line, start = d, block.line, block.line
            continue
        if _CLOSING_WORDS.match(norm):
            start = block.line
            continue
        if (signed or start) and len(norm) <= 30 and "。" not in norm and detect_heading(block) is None:
            signer = norm if signer is None else f"{norm} {signer}"
            start = block.line
            continue
        break
    return start, signed, signed_line, signer


def _title(doc: Document, content: list[Block]) -> tuple[str | None, int | None]:
    for block in content[:4]:
        if block.is_title:
            return block.text.strip(), block.line
    first = content[0] if content else None
    if first is None or detect_heading(first):
        return None, None
    norm = first.norm
    looks = len(norm) <= 60 and "。" not in norm and not norm.endswith(":") and _TITLE_HINT.search(norm)
    if looks and not re.match(r"^(19|20)\d{2}年[,，]", norm):
        return first.text.strip(), first.line
    # A title set over two lines: "中共某县委 某县人民政府" / "关于2024年法治政府建设情况的报告".
    if len(content) > 1 and len(norm) <= 30 and "。" not in norm and not norm.endswith(":"):
        second = content[1]
        if len(second.norm) <= 40 and second.norm.startswith("关于") and "报告" in second.norm:
            return f"{first.text.strip()}{second.text.strip()}", first.line
    if doc.page_title and "报告" in doc.page_title:
        return re.split(r"[_|]| - ", doc.page_title)[0].strip(), None
    return None, None


def _opening(content: list[Block], title_line: int | None, closing_line: int | None) -> tuple[Block, ...]:
    """The first sentence of the report (after the title, the addressee and a delivery line) and
    the paragraphs after it up to the first heading; none when it would fall in the sign-off."""
    for i, block in enumerate(content):
        if block.line == title_line or (title_line and block.line < title_line):
            continue
        norm = block.norm
        if _SALUTATION.match(norm) or parse_date_line(norm) or _DELIVERY.match(norm) or detect_heading(block):
            continue
        if len(norm) <= 30 and "。" not in norm and "," not in norm:
            continue  # a speaker's name and office under a delivered report, a unit line
        if closing_line and block.line >= closing_line:
            return ()
        after = content[i + 1:i + _OPENING_BLOCKS]
        cut = next((j for j, b in enumerate(after) if detect_heading(b)), len(after))
        return (block, *after[:cut])
    return ()


def find_frame(doc: Document) -> Frame:
    """Title, opening and sign-off of a read document."""
    content = doc.content
    title, title_line = _title(doc, content)
    headline = news_headline(title) if title else None
    if headline:
        title = headline[0] + headline[1]
    closing_line, signed, signed_line, signer = _closing(content)
    return Frame(
        title=title, title_line=title_line, publisher=headline[0] if headline else None,
        opening=_opening(content, title_line, closing_line), closing_line=closing_line,
        signed=signed, signed_line=signed_line, signer=signer,
    )
