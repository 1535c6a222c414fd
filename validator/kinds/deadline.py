"""Signing and publication dates against the reporting calendar.

``mode: late``: a date after the deadline in the year after the report year (4月1日 by default,
督察规定第二十四条). ``mode: early``: a date before the report year has ended, which means
the figures cannot cover the whole year.
"""

from __future__ import annotations

from datetime import MAXYEAR, MINYEAR, date
from typing import Literal

from pydantic import Field, model_validator

from .base import Context, Hit, Options as BaseOptions, Outcome

NAME = "deadline"
DETAILS = ("which", "found", "limit", "year")  # placeholders its findings fill

_NAMES = {"signed": "落款日期", "published": "发布日期"}


class Options(BaseOptions):
    mode: Literal["late", "early"] = Field("late", description="late：晚于次年截止日期；early：早于报告年度结束")
    dates: tuple[Literal["signed", "published"], ...] = Field(
        ("signed", "published"), min_length=1, description="检查哪些日期：signed 落款日期、published 发布日期")
    month: int = Field(4, ge=1, le=12, description="late：截止日期所在月份（次年）")
    day: int | None = Field(None, ge=1, le=31,
                            description="late：截止日期的日（默认1日）；early：报告年度12月的日（默认31日）")

    @property
    def limit_day(self) -> int:
        return self.day or (1 if self.mode == "late" else 31)

    @model_validator(mode="after")
    def _a_real_date(self):
        """A deadline such as 2月30日 is refused when the rule file loads, not on a report."""
        month = self.month if self.mode == "late" else 12
        try:
            date(2024, month, self.limit_day)  # a leap year, so 2月29日 stays possible
        except ValueError:
            raise ValueError(f"{month}月{self.day}日不是有效日期") from None
        return self


def check(options: Options, ctx: Context) -> Outcome:
    meta = ctx.report.meta
    if meta.year is None:
        return Outcome(not_applicable="未能确定报告年度")
    if not MINYEAR <= meta.year < MAXYEAR:  # a garbled sign-off ("〇〇〇〇年") gives year 0 or 9999
        return Outcome(not_applicable=f"报告年度 {meta.year} 不是有效的年份")
    dates = [(k, getattr(meta, k)) for k in options.dates if getattr(meta, k)]
    if not dates:
        return Outcome(not_applicable="报告没有落款日期或发布日期")
    if options.mode == "late":
        limit = date(meta.year + 1, options.month, options.limit_day)
        bad = [(k, d) for k, d in dates if d > limit]
    else:
        limit = date(meta.year, 12, options.limit_day)
        bad = [(k, d) for k, d in dates if d < limit]
    lines = {"signed": meta.signed_line or 0, "published": meta.published_line or 0}
    written = {b.line: b.original(0, 40) for b in ctx.report.document.blocks if b.line in lines.values()}

    def shown(k: str, d: date) -> str:
        """The date line as written, so it can be searched for; a date from page metadata is named."""
        return written.get(lines[k]) or f"{_NAMES[k]} {d.isoformat()}"

    if not bad:
        k, d = dates[0]
        return Outcome(evidence=Hit(lines[k], shown(k, d)))
    return Outcome(violations=[
        Hit(lines[k], shown(k, d),
            {"which": _NAMES[k], "found": d.isoformat(), "limit": limit.isoformat(), "year": meta.year})
        for k, d in bad
    ])
