"""Report metadata: title, issuing unit, report year, signing and publication dates.

Each value is read where a reviewer would look for it: the title line, the sign-off block at
the end (unit and date), the page header of a published copy ("时间:… 来源:…"), the opening
sentence and the part headings. The year keeps where each candidate came from, so a rule can
say the title and the body disagree.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from .document import Block, Document
from .figures import chinese_to_number
from .furniture import header_date, header_source
from .outline import detect_heading
from .script import fold_script

_YEAR = re.compile(r"(?<![\d\-~至到])((?:19|20)\d{2})\s*年(?!\s*[-~至到]\s*(?:19|20)?\d{2})")
_DATE_ARABIC = re.compile(r"^[(]?\s*((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?\s*[)]?$")
_DATE_CN = re.compile(r"^[(]?\s*([〇零一二三四五六七八九Oo]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日\s*[)]?$")
_CLOSING_WORDS = re.compile(r"^(特此|专此|以上)(报告|汇报)[。.]?$|^此报告[。.]?$")
_TITLE_HINT = re.compile(r"报告|法治政府|法治建设|情况")
_UNIT_IN_TITLE = re.compile(r"^(?P<unit>.+?)(?:关于)?(?:(?:19|20)\d{2}|[〇一二三四五六七八九]{4})年")
_UNIT_AFTER_YEAR = re.compile(r"^(?:19|20)\d{2}年度?(?P<unit>.+?)(?:法治政府|法治建设)")
_PLAN_HEADING = re.compile(r"计划|安排|打算|思路|重点|下一|下步|今后|展望")
_SALUTATION = re.compile(r"^[^。,]{2,40}:$")
_UNIT_SUFFIX = re.compile(r"(人民政府|政府|办事处|街道|委员会|局|厅|委|办|镇|乡|署|中心|院|县委|区委|市委|省|市|区|县|州|旗)$")


@dataclass
class Metadata:
    title: str | None = None
    title_line: int | None = None
    unit: str | None = None
    unit_source: str | None = None  # title | signature | page-header
    year: int | None = None
    year_sources: dict[str, int] = field(default_factory=dict)  # title | opening | headings -> year
    signed: date | None = None
    signed_line: int | None = None
    published: date | None = None
    published_source: str | None = None
    published_line: int | None = None  # the page-header line it was read from, if any
    closing_line: int | None = None  # first line of the sign-off block (特此报告 / unit / date)
    opening_line: int | None = None


def parse_date_line(norm: str) -> date | None:
    """A line that is only a date ("2023年12月12日", "二〇二四年三月十二日", "2024-03-12")."""
    m = _DATE_ARABIC.match(norm)
    try:
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _DATE_CN.match(norm)
        if m:
            year, month, day = (chinese_to_number(g.replace("O", "〇").replace("o", "〇")) for g in m.groups())
            if None in (year, month, day):
                return None
            return date(int(year), int(month), int(day))
    except ValueError:
        return None
    return None


def first_year(norm: str) -> int | None:
    """The first report-year-like mention in a line, ignoring ranges such as 2021-2025年."""
    m = _YEAR.search(norm)
    return int(m.group(1)) if m else None


def _iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def find_closing(content: list[Block]) -> tuple[int | None, date | None, int | None, str | None]:
    """The sign-off block at the end: its first line, the signing date and line, the signer."""
    tail = content[-6:]
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


def _find_title(doc: Document, content: list[Block]) -> tuple[str | None, int | None]:
    for block in content[:2]:
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


def _unit_from_title(title: str) -> str | None:
    norm = re.sub(r"\s+", " ", fold_script(title).replace("\u3000", " ")).strip()
    for pattern in (_UNIT_IN_TITLE, _UNIT_AFTER_YEAR):
        m = pattern.match(norm)
        if m and _UNIT_SUFFIX.search(m.group("unit").strip()):
            return m.group("unit").strip()  # a joint report keeps "中共某县委 某县人民政府"
    return None


def extract_metadata(doc: Document) -> Metadata:
    """Read what the title, the sign-off and the page header say.

    The report year is settled by ``settle_year`` once the part headings are known.
    """
    content = doc.content
    meta = Metadata()
    meta.title, meta.title_line = _find_title(doc, content)
    meta.closing_line, meta.signed, meta.signed_line, signer = find_closing(content)

    published = _iso(doc.published)
    source = None
    for block in (b for b in doc.blocks[:8] if b.furniture):
        if published is None and (published := _iso(header_date(block.norm))):
            meta.published_line = block.line
        source = source or header_source(block.norm)
    meta.published = published
    meta.published_source = "page-header" if published else None

    signed_unit = signer.split(" ")[-1] if signer else None
    if meta.title and (unit := _unit_from_title(meta.title)):
        meta.unit, meta.unit_source = unit, "title"
        if signed_unit and signed_unit != unit and signed_unit.startswith(unit):
            meta.unit, meta.unit_source = signed_unit, "signature"  # 南山街道 signs as 南山街道办事处
    elif signed_unit and _UNIT_SUFFIX.search(signed_unit):
        meta.unit, meta.unit_source = signer, "signature"
    elif source:
        meta.unit, meta.unit_source = source, "page-header"

    if meta.title and (y := first_year(meta.title)):
        meta.year_sources["title"] = y
    opening = next(
        (b for b in content
         if b.line != meta.title_line and not _SALUTATION.match(b.norm)
         and not parse_date_line(b.norm) and not detect_heading(b)),
        None,
    )
    if opening is not None and not (meta.closing_line and opening.line >= meta.closing_line):
        meta.opening_line = opening.line
        if (y := first_year(opening.norm)) is not None:
            meta.year_sources["opening"] = y
    return meta


def settle_year(meta: Metadata, part_headings: list[Block]) -> None:
    """Add the year the part headings give (not the plan's) and take the year most sources name."""
    for block in part_headings:
        if _PLAN_HEADING.search(block.norm):
            continue
        if (y := first_year(block.norm)) is not None:
            meta.year_sources["headings"] = y
            break
    votes = Counter(meta.year_sources.values())
    if votes:
        best = max(votes.values())
        meta.year = next(meta.year_sources[k] for k in ("title", "opening", "headings")
                         if k in meta.year_sources and votes[meta.year_sources[k]] == best)
    elif meta.signed:
        meta.year = meta.signed.year - 1 if meta.signed.month <= 6 else meta.signed.year
        meta.year_sources["signed"] = meta.year
