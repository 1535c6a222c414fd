"""One report year: the title, the opening sentence and the part headings must agree.

A title saying 2023 over a body about 2024 is a stale template (defect D2 in published reports).
The same template leaves last year where this year is meant further in: a heading at any level
("（一）2023年主要工作" in a 2024 report) or a paragraph opening on it ("2023年，全县…",
"2023年全年…"), outside the next-year plan; each is reported as ``stale``. A heading comparing
or counting from last year ("较2023年", "2023年以来") is not one.
"""

from __future__ import annotations

import re

from ..metadata import first_year
from ..normalize import normalize
from ..textindex import joined
from .base import Context, Hit, Options as BaseOptions, Outcome, excerpt

NAME = "report-year"
CHECKS = {"missing": "标题、开头和部分标题都没有写明年度",
          "stale": "标题或段落开头写的是上一年度，而此处说的是报告年度"}
DETAILS = ("found", "year")  # placeholders its findings fill


class Options(BaseOptions):
    """No options: the years are read by validator/metadata.py."""

_WHERE = {"title": "标题", "opening": "开头段落", "headings": "部分标题", "signed": "落款日期"}
_NOT_MEANT = re.compile(r"以来|较|比|同比|至|到|对照|相比|上年|去年")
_OPENS = r"^(?:\d{4})年(?:度)?(?:,|全年|以来(?=.)|我|全)"


def _stale(ctx: Context, year: int, skip: set[int]) -> list[Hit]:
    """Headings and paragraph openings naming last year where the report year is meant."""
    report = ctx.report
    plans = [(p.line, p.end) for p in report.roles_for(ctx.roles or None).parts_with("plan")]

    def in_plan(line: int) -> bool:
        return any(a <= line <= b for a, b in plans)

    hits = []
    headings = {s.line for s in report.all_sections}
    for section in report.all_sections:
        if section.line in skip or in_plan(section.line):
            continue
        # A run-in heading ("（三）化解行政争议。全年…2023年为558件") is judged by its heading
        # alone: a year in the paragraph after it is compared with, not reported on.
        text = normalize(section.heading) if section.run_in else section.block.norm
        if first_year(text) == year - 1 and not _NOT_MEANT.search(text):
            hits.append(Hit(section.line, section.label, {"found": f"{year - 1}年", "year": year}, check="stale"))
    opens = re.compile(_OPENS.replace(r"(?:\d{4})", str(year - 1)), re.M)  # a paragraph's start
    for block, start, end in joined(report).find(opens):
        if block.line in skip or block.line in headings or in_plan(block.line) or "以来" in block.norm[start:end]:
            continue
        hits.append(Hit(block.line, excerpt(block, 0, 12), {"found": f"{year - 1}年", "year": year}, check="stale"))
    return hits


def check(options: Options, ctx: Context) -> Outcome:
    meta = ctx.report.meta
    sources = meta.year_sources
    if not sources or set(sources) == {"signed"}:
        return Outcome(violations=[Hit(0, "", check="missing")])
    years = set(sources.values())
    if len(years) == 1:
        where = next(iter(sources))
        line = meta.title_line if where == "title" else meta.opening_line or 0
        stale = _stale(ctx, meta.year, {meta.title_line or 0, meta.opening_line or 0})
        if stale:
            return Outcome(violations=stale)
        return Outcome(evidence=Hit(line or 0, f"{meta.year}年（{_WHERE[where]}）"))
    parts = "，".join(f"{_WHERE[k]}为{v}年" for k, v in sources.items())
    line = meta.title_line or meta.opening_line or 0
    written = next((b.original(0, 40) for b in ctx.report.document.blocks if b.line == line), "") if line else ""
    return Outcome(violations=[Hit(line, written, {"found": parts, "year": meta.year})])
