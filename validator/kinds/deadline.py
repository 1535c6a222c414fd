"""Signing and publication dates against the reporting calendar.

``mode: late``: a date after the deadline in the year after the report year (4月1日 by default,
督察规定第二十四条). ``mode: early``: a date before the report year has ended, which means
the figures cannot cover the whole year.
"""

from __future__ import annotations

from datetime import MAXYEAR, MINYEAR, date

from .base import Context, Hit, Outcome

_NAMES = {"signed": "落款日期", "published": "发布日期"}


def check(options: dict, ctx: Context) -> Outcome:
    meta = ctx.report.meta
    if meta.year is None:
        return Outcome(not_applicable="未能确定报告年度")
    if not MINYEAR <= meta.year < MAXYEAR:  # a garbled sign-off ("〇〇〇〇年") gives year 0 or 9999
        return Outcome(not_applicable=f"报告年度 {meta.year} 不是有效的年份")
    dates = [(k, getattr(meta, k)) for k in options.get("dates", ["signed", "published"]) if getattr(meta, k)]
    if not dates:
        return Outcome(not_applicable="报告没有落款日期或发布日期")
    mode = options.get("mode", "late")
    if mode == "late":
        limit = date(meta.year + 1, options.get("month", 4), options.get("day", 1))
        bad = [(k, d) for k, d in dates if d > limit]
    else:
        limit = date(meta.year, 12, options.get("day", 31))
        bad = [(k, d) for k, d in dates if d < limit]
    lines = {"signed": meta.signed_line or 0, "published": meta.published_line or 0}
    if not bad:
        k, d = dates[0]
        return Outcome(evidence=Hit(lines[k], f"{_NAMES[k]} {d.isoformat()}"))
    return Outcome(violations=[
        Hit(lines[k], f"{_NAMES[k]} {d.isoformat()}",
            {"which": _NAMES[k], "found": d.isoformat(), "limit": limit.isoformat(), "year": meta.year})
        for k, d in bad
    ])
