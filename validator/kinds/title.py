"""The title line: present, and naming the unit, the year and the report type.

A report without a title line is hard to identify once published; reviewers query it.
"""

from __future__ import annotations

from ..normalize import normalize
from .base import Context, Hit, Outcome, pattern


def check(options: dict, ctx: Context) -> Outcome:
    meta = ctx.report.meta
    if not meta.title:
        return Outcome(violations=[Hit(0, "")])
    want = pattern(options, "patterns")
    if want is not None and not want.search(normalize(meta.title).replace(" ", "")):
        return Outcome(violations=[Hit(meta.title_line or 0, meta.title, {"found": meta.title}, suffix="wording")])
    if options.get("year", True) and "title" not in meta.year_sources:
        return Outcome(violations=[Hit(meta.title_line or 0, meta.title, {"found": meta.title}, suffix="year")])
    return Outcome(evidence=Hit(meta.title_line or 0, meta.title))
