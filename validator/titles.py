"""Title shapes: the line that names a report, a news headline around one, the unit a title names.

Kept apart from metadata so the page-head pass (furniture) and metadata read titles one way.
"""

from __future__ import annotations

import re

from .units import is_unit

_MARKS = re.compile(r"[《》“”\"'‘’「」]")
_QUOTES = re.compile(r"[《》“”\"'‘’「」]|\s")
_SUBJECT = re.compile(r"法治|依法行政|依法治")
# What a title ends with: the kind of document, then at most a bracketed remark ("（全文）").
_KIND_END = re.compile(r"(报告|情况|总结|汇报|要点|方案|解读|通知|白皮书|计划|报告书|综述)(\([^()]{1,12}\))?$")
_TAG = re.compile(r"^【[^】]{1,10}】")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{0,8}[〔\[]\s*(?:19|20)\d{2}\s*[〕\]]\s*\d{1,4}\s*号")
_YEAR = r"(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年"
_UNIT_BEFORE_YEAR = re.compile(rf"^(?P<unit>.+?)(?:关于)?{_YEAR}")
_UNIT_AFTER_YEAR = re.compile(rf"^(?:关于)?{_YEAR}度?(?P<unit>.+?)(?:法治政府|法治建设|依法行政)")
_UNIT_NO_YEAR = re.compile(r"^(?P<unit>[^年]+?)(?:关于)?(?:推进|全面)?(?:法治政府|法治建设|依法行政)")
_NEWS = re.compile(
    r"^(?P<pub>[^,:。]{2,30}?)(?:正式|公开|对外|向社会)?(?:发布|公布|晒出|亮出|公开)了?(?P<rest>.*(?:19|20)\d{2}.*)$"
)


def strip_title(text: str) -> str:
    """A title in the form titles are compared in: no spaces, quotes or book-title marks."""
    return _QUOTES.sub("", text)


def names_report(text: str) -> bool:
    """True when a line (or lines joined) names a document on rule-of-law work ("…法治政府建设
    年度报告", "…关于2023年度法治政府建设情况的报告", "…工作总结")."""
    t = _TAG.sub("", strip_title(text))
    return 6 <= len(t) <= 90 and bool(_SUBJECT.search(t)) and bool(_KIND_END.search(t))


def news_headline(text: str) -> tuple[str, str] | None:
    """(publisher, reported title) for a news headline reporting a publication
    ("司法部发布2023年法治政府建设年度报告" → ("司法部", "2023年法治政府建设年度报告"))."""
    t = strip_title(text)
    m = _NEWS.match(t)
    if not m or "关于" in m.group("pub") or not names_report(m.group("rest")):
        return None
    return m.group("pub"), m.group("rest")


def unit_in_title(title: str) -> str | None:
    """The unit a title names: before the year ("青河区司法局关于2023年…"), or after it
    ("2023年青河区法治政府建设…"); 关于, document numbers, tags and quotation marks stripped."""
    t = re.sub(r"\s+", " ", _MARKS.sub("", title.replace("\u3000", " "))).strip()
    t = _DOC_NUMBER.sub("", _TAG.sub("", t)).strip()
    m = _UNIT_BEFORE_YEAR.match(t)
    if m:
        unit = m.group("unit")
        unit = re.sub(r"^关于", "", unit)
        unit = (unit.split("关于")[0] if "关于" in unit else unit).strip()
        if is_unit(unit):
            return unit  # "区政府常务会议议题解读:关于2023年…" names no unit
    for pattern in (_UNIT_AFTER_YEAR, _UNIT_NO_YEAR):
        m = pattern.match(t)
        if m and is_unit(m.group("unit").strip()):
            return m.group("unit").strip()  # "2021年上半年法治…" names a period, not a unit
    return None
