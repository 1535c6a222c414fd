"""Report metadata: title, issuing unit, report year, signing and publication dates.

Each value is read where a reviewer would look for it: the title line, the sign-off block at
the end (unit and date), the page header of a published copy ("时间:… 来源:…"), the opening
sentence and the part headings. The year keeps where each candidate came from, so a rule can
say the title and the body disagree. Read from the frame (frame.py) and the part headings of the
outline: nothing here looks at a block's heading shape again. The words that show where a unit's
name ends in the text (a speaker's office, the opening's verbs) are data, in
``validator/data/unit_words.yaml``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources

from .dates import first_year
from .document import Block, Document
from .frame import Frame
from .furniture import header_date, header_source
from .script import fold_script
from .titles import unit_in_title
from .units import Cue, is_unit, kind_of, self_reference


def _load_words() -> dict:
    import yaml

    text = resources.files("validator.data").joinpath("unit_words.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


_WORDS = _load_words()
# "青河县人民政府副县长 周明" under a report delivered to a 人大常委会: the office names the unit.
_SPEAKER = re.compile(
    rf"^-*\s*(?P<unit>.{{2,30}}?)(?:党组)?(?:副|代理?)?(?:{'|'.join(_WORDS['offices'].split())})"
)
# The opening sentence names the unit: "2022年，青河区司法局坚持…", "2023年，在区委的领导下，南山街道…".
_OPENING_UNIT = re.compile(
    r"(?:^|(?<=,))(?:(?:19|20)\d{2}年度?(?:以来)?|今年以来|一年来|过去的?一年(?:里|来)?)[,]?"
    r"(?:在[^,。]{2,60}?下[,]?)?(?P<unit>[^,。、:;()“”]{2,30}?)"
    rf"(?=(?:{'|'.join(_WORDS['opening_verbs'].split())}))"
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
    published_line: int | None = None  # the page-header line it was read from, if any
    closing_line: int | None = None  # first line of the sign-off block (特此报告 / unit / date)
    opening_line: int | None = None


def _iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _unit_in_opening(frame: Frame) -> str | None:
    """The unit the opening paragraphs name: "2022年，青河区司法局坚持…", "现将青河区司法局2022年…"."""
    for block in frame.opening:
        for sentence in re.split(r"(?<=[。;])", block.norm)[:3]:
            for pattern in (_OPENING_UNIT, _REPORT_UNIT):
                m = pattern.search(sentence)
                if m and is_unit(m.group("unit")):
                    return m.group("unit")
    return None


def _unit_line(content: list[Block], frame: Frame) -> str | None:
    """A unit alone on a line just above the title (over a document number) or just below it."""
    if not frame.title_line:
        return None
    at = next((i for i, b in enumerate(content) if b.line == frame.title_line), None)
    if at is None:
        return None
    near = content[max(0, at - 3):at] + content[at + 1:at + 2]
    found = next((b.norm.lstrip("-") for b in near if is_unit(b.norm.lstrip("-"))), None)
    if found:
        return found
    for block in content[at + 1:at + 4]:  # the speaker under a delivered report
        if frame.opening_line and block.line >= frame.opening_line:
            break
        m = _SPEAKER.match(block.norm)
        if m and is_unit(m.group("unit")):
            return m.group("unit")
    return None


@lru_cache(maxsize=64)
def _plan_heading(patterns: tuple[str, ...]) -> re.Pattern | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


# "现将我镇2024年法治政府建设情况报告如下" names the year reported on, whatever year the opening
# mentioned before it ("在2023年工作基础上稳步提升").
_REPORTED_YEAR = re.compile(r"现将[^。]{0,40}?((?:19|20)\d{2})\s*年度?[^。]{0,40}?(?:报告|汇报|总结)如下")


def _opening_year(norm: str) -> int | None:
    m = _REPORTED_YEAR.search(norm)
    return int(m.group(1)) if m else first_year(norm)


def settle_year(frame: Frame, part_headings: list[Block], plan_headings: tuple[str, ...]) -> tuple[int | None, dict[str, int]]:
    """The report year and its witnesses: the opening, the title, the first part heading that names
    a year and is not the plan's (``plan_headings``: the plan role's heading words), and, when none
    names one, the signing date. The year most witnesses name wins, in that order of trust."""
    sources: dict[str, int] = {}
    if frame.opening and (y := _opening_year(frame.opening[0].norm)) is not None:
        sources["opening"] = y
    if frame.title and (y := first_year(frame.title)):
        sources["title"] = y
    plan = _plan_heading(plan_headings)
    for block in part_headings:
        if plan is not None and plan.search(block.norm):
            continue
        if (y := first_year(block.norm)) is not None:
            sources["headings"] = y
            break
    votes = Counter(sources.values())
    if votes:
        best = max(votes.values())
        year = next(sources[k] for k in ("title", "opening", "headings") if k in sources and votes[sources[k]] == best)
    elif frame.signed:
        year = sources["signed"] = frame.signed.year - 1 if frame.signed.month <= 6 else frame.signed.year
    else:
        year = None
    return year, sources


def extract_metadata(doc: Document, frame: Frame, year: int | None, year_sources: dict[str, int]) -> Metadata:
    """What the title, the sign-off, the opening and the page header say.

    The unit comes from the title, else the sign-off, the opening sentence, a unit line above
    the title, and only then the 来源 of the page header (a 来源 of 司法局 on a government's
    report names the publisher, not the unit).
    """
    content = doc.content
    meta = Metadata(title=frame.title, title_line=frame.title_line, year=year, year_sources=year_sources,
                    signed=frame.signed, signed_line=frame.signed_line, closing_line=frame.closing_line,
                    opening_line=frame.opening_line)
    published = _iso(doc.published)
    source = None
    for block in (b for b in doc.blocks[:20] if b.furniture):
        if published is None and (published := _iso(header_date(block.norm))):
            meta.published_line = block.line
        source = source or header_source(block.norm)
    meta.published = published

    signer = frame.signer
    signed_unit = signer.split(" ")[-1] if signer else None
    title_unit = frame.publisher or (unit_in_title(fold_script(meta.title)) if meta.title else None)
    if title_unit:
        meta.unit, meta.unit_source = title_unit, "headline" if frame.publisher else "title"
        if signed_unit and signed_unit != title_unit and signed_unit.startswith(title_unit):
            meta.unit, meta.unit_source = signed_unit, "signature"  # 南山街道 signs as 南山街道办事处
    elif signed_unit and is_unit(signed_unit):
        meta.unit, meta.unit_source = signer, "signature"
    elif unit := _unit_in_opening(frame):
        meta.unit, meta.unit_source = unit, "opening"
    elif unit := _unit_line(content, frame):
        meta.unit, meta.unit_source = unit, "head"
    elif source and is_unit(source):
        meta.unit, meta.unit_source = source, "page-header"
    if meta.unit is None or meta.unit_source == "page-header":
        meta.cue = self_reference([b.norm for b in content])
        publisher = kind_of(meta.unit)
        if meta.cue and publisher and publisher.profile != meta.cue.kind.profile:
            meta.unit = meta.unit_source = None  # the 来源 names who published, the report says who it is
    return meta
