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
from functools import lru_cache

from .document import Block, Document
from .figures import chinese_to_number
from .furniture import header_date, header_source
from .outline import detect_heading
from .script import fold_script
from .titles import news_headline, unit_in_title
from .units import Cue, is_unit, kind_of, self_reference

_YEAR = re.compile(r"(?<![\d\-~至到])((?:19|20)\d{2})\s*年(?!\s*[-~至到]\s*(?:19|20)?\d{2})")
_YEAR_CN = re.compile(r"(?<![〇零一二三四五六七八九])([〇零一二三四五六七八九]{4})\s*年")
_DATE_ARABIC = re.compile(r"^[(]?\s*((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?\s*[)]?$")
_DATE_CN = re.compile(r"^[(]?\s*([〇零一二三四五六七八九Oo]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日\s*[)]?$")
_CLOSING_WORDS = re.compile(r"^(特此|专此|以上)(报告|汇报)[。.]?$|^此报告[。.]?$")
_TITLE_HINT = re.compile(r"报告|法治政府|法治建设|情况")
_SALUTATION = re.compile(r"^[^。,]{2,40}:$")
# A report delivered to a 人大常委会: "（2025年4月29日在青河区第三届人民代表大会常务委员会第九次会议上）".
# "青河县人民政府副县长 周明" under a report delivered to a 人大常委会: the office names the unit.
_SPEAKER = re.compile(r"^-*\s*(?P<unit>.{2,30}?)(?:党组)?(?:副|代理?)?(?:省长|市长|区长|县长|州长|旗长|镇长|乡长|局长|厅长|部长|署长|主任|书记|秘书长)")
_DELIVERY = re.compile(r"^[(-]*\s*(?:(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)?\s*在.{2,60}会议上[)]?$")
_ANNEX = re.compile(r"^(附件|附表|附:)\s*\d*")
# The opening sentence names the unit: "2022年，青河区司法局坚持…", "2023年，在区委的领导下，南山街道…".
_OPENING_UNIT = re.compile(
    r"(?:^|(?<=,))(?:(?:19|20)\d{2}年度?(?:以来)?|今年以来|一年来|过去的?一年(?:里|来)?)[,]?"
    r"(?:在[^,。]{2,60}?下[,]?)?(?P<unit>[^,。、:;()“”]{2,30}?)"
    r"(?=坚持|始终|深入|认真|全面|紧紧|紧扣|紧密|聚焦|扎实|持续|围绕|按照|牢牢|积极|立足|着力|严格|不断|"
    r"进一步|把|将|高度|以|在|切实|大力|全力|锚定|践行|贯彻|落实|统筹|注重|强化|对标|严守|深化|主动|认真)"
)
_REPORT_UNIT = re.compile(r"现将(?P<unit>[^,。、:;]{2,30}?)(?:关于)?(?:(?:19|20)\d{2}年|法治政府|法治建设|依法行政)")


@dataclass
class Metadata:
    title: str | None = None
    title_line: int | None = None
    unit: str | None = None
    unit_source: str | None = None  # title | headline | signature | opening | head | page-header
    cue: Cue | None = None  # without a unit: the words the report uses of itself (我局, 本街道)
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
    """The first report-year-like mention in a line ("2023年", "二〇二三年"), ignoring ranges
    such as 2021-2025年."""
    m = _YEAR.search(norm)
    if m:
        return int(m.group(1))
    m = _YEAR_CN.search(norm)
    if m:
        value = chinese_to_number(m.group(1).replace("零", "〇"))
        return int(value) if value and 1900 <= value <= 2099 else None
    return None


def _iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


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


def find_closing(content: list[Block]) -> tuple[int | None, date | None, int | None, str | None]:
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


def _find_title(doc: Document, content: list[Block]) -> tuple[str | None, int | None]:
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


def _opening(content: list[Block], meta: Metadata) -> Block | None:
    """The first sentence of the report: after the title, the addressee and a delivery line."""
    for block in content:
        if block.line == meta.title_line or (meta.title_line and block.line < meta.title_line):
            continue
        norm = block.norm
        if _SALUTATION.match(norm) or parse_date_line(norm) or _DELIVERY.match(norm) or detect_heading(block):
            continue
        if len(norm) <= 30 and "。" not in norm and "," not in norm:
            continue  # a speaker's name and office under a delivered report, a unit line
        return block
    return None


def _unit_in_opening(content: list[Block], meta: Metadata) -> str | None:
    """The unit the opening paragraphs name: "2022年，青河区司法局坚持…", "现将青河区司法局2022年…"."""
    start = next((i for i, b in enumerate(content) if b.line == meta.opening_line), None)
    if start is None:
        return None
    for block in content[start:start + 3]:
        if detect_heading(block):
            break
        for sentence in re.split(r"(?<=[。;])", block.norm)[:3]:
            for pattern in (_OPENING_UNIT, _REPORT_UNIT):
                m = pattern.search(sentence)
                if m and is_unit(m.group("unit")):
                    return m.group("unit")
    return None


def _unit_line(content: list[Block], meta: Metadata) -> str | None:
    """A unit alone on a line just above the title (over a document number) or just below it."""
    if not meta.title_line:
        return None
    at = next((i for i, b in enumerate(content) if b.line == meta.title_line), None)
    if at is None:
        return None
    near = content[max(0, at - 3):at] + content[at + 1:at + 2]
    found = next((b.norm.lstrip("-") for b in near if is_unit(b.norm.lstrip("-"))), None)
    if found:
        return found
    for block in content[at + 1:at + 4]:  # the speaker under a delivered report
        if meta.opening_line and block.line >= meta.opening_line:
            break
        m = _SPEAKER.match(block.norm)
        if m and is_unit(m.group("unit")):
            return m.group("unit")
    return None


def extract_metadata(doc: Document) -> Metadata:
    """Read what the title, the sign-off, the opening and the page header say.

    The unit comes from the title, else the sign-off, the opening sentence, a unit line above
    the title, and only then the 来源 of the page header (a 来源 of 司法局 on a government's
    report names the publisher, not the unit). The report year is settled by ``settle_year``
    once the part headings are known.
    """
    content = doc.content
    meta = Metadata()
    meta.title, meta.title_line = _find_title(doc, content)
    headline = news_headline(meta.title) if meta.title else None
    if headline:
        meta.title = headline[0] + headline[1]
    meta.closing_line, meta.signed, meta.signed_line, signer = find_closing(content)

    published = _iso(doc.published)
    source = None
    for block in (b for b in doc.blocks[:20] if b.furniture):
        if published is None and (published := _iso(header_date(block.norm))):
            meta.published_line = block.line
        source = source or header_source(block.norm)
    meta.published = published
    meta.published_source = "page-header" if published else None

    opening = _opening(content, meta)
    if opening is not None and not (meta.closing_line and opening.line >= meta.closing_line):
        meta.opening_line = opening.line
        if (y := first_year(opening.norm)) is not None:
            meta.year_sources["opening"] = y

    signed_unit = signer.split(" ")[-1] if signer else None
    title_unit = headline[0] if headline else (unit_in_title(fold_script(meta.title)) if meta.title else None)
    if title_unit:
        meta.unit, meta.unit_source = title_unit, "headline" if headline else "title"
        if signed_unit and signed_unit != title_unit and signed_unit.startswith(title_unit):
            meta.unit, meta.unit_source = signed_unit, "signature"  # 南山街道 signs as 南山街道办事处
    elif signed_unit and is_unit(signed_unit):
        meta.unit, meta.unit_source = signer, "signature"
    elif unit := _unit_in_opening(content, meta):
        meta.unit, meta.unit_source = unit, "opening"
    elif unit := _unit_line(content, meta):
        meta.unit, meta.unit_source = unit, "head"
    elif source and is_unit(source):
        meta.unit, meta.unit_source = source, "page-header"
    if meta.unit is None or meta.unit_source == "page-header":
        meta.cue = self_reference([b.norm for b in content])
        publisher = kind_of(meta.unit)
        if meta.cue and publisher and publisher.profile != meta.cue.kind.profile:
            meta.unit = meta.unit_source = None  # the 来源 names who published, the report says who it is

    if meta.title and (y := first_year(meta.title)):
        meta.year_sources["title"] = y
    return meta


@lru_cache(maxsize=1)
def _plan_heading() -> re.Pattern:
    """A plan part's heading, whose year is the next one: the plan role's heading words of
    rules/national.yaml, the one list roles.py reads too."""
    from . import yaml_fast

    from .ruleset import rules_dir

    data = yaml_fast.safe_load((rules_dir() / "national.yaml").read_text(encoding="utf-8"))
    return re.compile("|".join(f"(?:{p})" for p in data["roles"]["plan"]["headings"]))


def settle_year(meta: Metadata, part_headings: list[Block]) -> None:
    """Add the year the part headings give (not the plan's) and take the year most sources name."""
    for block in part_headings:
        if _plan_heading().search(block.norm):
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
