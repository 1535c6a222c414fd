"""One report year: the title, the opening sentence and the part headings must agree.

A title saying 2023 over a body about 2024 is a stale template (defect D2 in published reports).
"""

from __future__ import annotations

from .base import Context, Hit, Options as BaseOptions, Outcome

NAME = "report-year"
CHECKS = {"missing": "标题、开头和部分标题都没有写明年度"}
DETAILS = ("found", "year")  # placeholders its findings fill


class Options(BaseOptions):
    """No options: the years are read by validator/metadata.py."""

_WHERE = {"title": "标题", "opening": "开头段落", "headings": "部分标题", "signed": "落款日期"}


def check(options: Options, ctx: Context) -> Outcome:
    meta = ctx.report.meta
    sources = meta.year_sources
    if not sources or set(sources) == {"signed"}:
        return Outcome(violations=[Hit(0, "", check="missing")])
    years = set(sources.values())
    if len(years) == 1:
        where = next(iter(sources))
        line = meta.title_line if where == "title" else meta.opening_line or 0
        return Outcome(evidence=Hit(line or 0, f"{meta.year}年（{_WHERE[where]}）"))
    parts = "，".join(f"{_WHERE[k]}为{v}年" for k, v in sources.items())
    line = meta.title_line or meta.opening_line or 0
    written = next((b.original(0, 40) for b in ctx.report.document.blocks if b.line == line), "") if line else ""
    return Outcome(violations=[Hit(line, written, {"found": parts, "year": meta.year})])
