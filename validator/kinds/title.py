"""The title line: present, and naming the unit, the year and the report type.

A report without a title line is hard to identify once published; reviewers query it.
"""

from __future__ import annotations

from ..normalize import normalize
from pydantic import Field

from .base import Context, Hit, Options as BaseOptions, Outcome, Patterns, pattern

NAME = "title"
CHECKS = {"wording": "标题没有写明报告名称用语", "year": "标题没有写明报告年度"}
DETAILS = ("found",)  # placeholders its findings fill


class Options(BaseOptions):
    patterns: Patterns | None = Field(None, description="标题须含的报告名称用语")
    year: bool = Field(True, description="标题须写明报告年度")


def check(options: Options, ctx: Context) -> Outcome:
    meta = ctx.report.meta
    if not meta.title:
        return Outcome(violations=[Hit(0, "")])
    want = pattern(options, "patterns")
    if want is not None and not want.search(normalize(meta.title).replace(" ", "")):
        return Outcome(violations=[Hit(meta.title_line or 0, meta.title, {"found": meta.title}, check="wording")])
    if options.year and "title" not in meta.year_sources:
        return Outcome(violations=[Hit(meta.title_line or 0, meta.title, {"found": meta.title}, check="year")])
    return Outcome(evidence=Hit(meta.title_line or 0, meta.title))
