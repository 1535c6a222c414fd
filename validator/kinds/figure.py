"""Concrete figures: a number near given keywords, or a minimum count of figures in a part.

Reviewers expect results in numbers ("查处案件300宗", "出庭应诉率96.9%"); a part made only of
adjectives is what the 深圳 guidance calls 泛化.
"""

from __future__ import annotations

from .base import Context, Hit, Outcome, applies, excerpt, pattern, scope_blocks


def check(options: dict, ctx: Context) -> Outcome:
    reason = applies(options, ctx)
    if reason:
        return Outcome(not_applicable=reason)
    blocks, missing = scope_blocks(options, ctx)
    if blocks is None:
        return Outcome(not_applicable=missing)
    lines = {b.line for b in blocks}
    figures = [f for f in ctx.report.figures if f.line in lines]
    by_line = {b.line: b for b in blocks}
    near_rx = pattern(options, "near")
    within = options.get("within", 30)
    if near_rx is not None:
        figures = [
            f for f in figures
            if near_rx.search(by_line[f.line].norm, max(0, f.figure.start - within), f.figure.end + within)
        ]
    needed = options.get("min", 1)
    if len(figures) >= needed:
        first = figures[0]
        block = by_line[first.line]
        return Outcome(evidence=Hit(first.line, excerpt(block, first.figure.start, first.figure.end)))
    line = ctx.located[options["scope"]].line if options.get("scope", "document") in ctx.located else 0
    return Outcome(violations=[Hit(line, "", {"found": len(figures), "min": needed})])
