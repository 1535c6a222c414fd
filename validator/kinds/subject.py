"""The report is about building rule-of-law government at all.

A 政府工作报告 also reviews a year, names problems and plans the next; what it lacks is the
subject. Accepted when the title names it, or the body keeps returning to it.
"""

from __future__ import annotations

from ..normalize import normalize
from .base import Context, Hit, Outcome, excerpt, pattern


def check(options: dict, ctx: Context) -> Outcome:
    meta = ctx.report.meta
    title_rx, body_rx = pattern(options, "title"), pattern(options, "body")
    if meta.title and title_rx is not None and title_rx.search(normalize(meta.title).replace(" ", "")):
        return Outcome(evidence=Hit(meta.title_line or 0, meta.title))
    count, first = 0, None
    for block in ctx.report.body:
        for m in body_rx.finditer(block.norm):
            count += 1
            if first is None:
                first = Hit(block.line, excerpt(block, m.start(), m.end()))
    chars = sum(len(b.norm) for b in ctx.report.body) or 1
    per_10k = count * 10000 / chars
    if count >= options.get("min", 3) and per_10k >= options.get("per_10k", 5):
        return Outcome(evidence=first)
    return Outcome(violations=[Hit(0, "", {"found": count, "per_10k": round(per_10k, 1)})])
