"""Figures that cannot be true: a rate above 100%, a negative count.

Only figures that state a rate are held to the range (率/占比/覆盖…), so "增长150%" passes
while "满意率达到118%" does not. ``unless`` names what may exceed the range: a change
("同比增长150%") or a completion against target ("完成率112%", "超额完成"). It is read only
back to the figure before, so "完成率100%，满意率118%" still checks the 满意率.
"""

from __future__ import annotations

from .base import Context, Hit, Outcome, excerpt, pattern, scope_blocks


def check(options: dict, ctx: Context) -> Outcome:
    blocks, missing = scope_blocks(options, ctx)
    if blocks is None:
        return Outcome(not_applicable=missing)
    by_line = {b.line: b for b in blocks}
    units = set(options.get("units", ["%"]))
    lo, hi = options.get("min", 0), options.get("max", 100)
    near_rx, unless_rx = pattern(options, "near"), pattern(options, "unless")
    within = options.get("within", 12)
    outcome = Outcome()
    checked = 0
    previous_end: dict[int, int] = {}  # line -> end of the last figure seen on it
    for placed in ctx.report.figures:
        block = by_line.get(placed.line)
        fig = placed.figure
        if block is None:
            continue
        floor = max(0, fig.start - within)
        after_previous = max(floor, previous_end.get(placed.line, 0))
        previous_end[placed.line] = fig.end
        if fig.unit not in units:
            continue
        if near_rx is not None and not near_rx.search(block.norm, floor, fig.start):
            continue
        if unless_rx is not None and unless_rx.search(block.norm, after_previous, fig.start):
            continue
        checked += 1
        if not lo <= fig.value <= hi:
            outcome.violations.append(
                Hit(placed.line, excerpt(block, fig.start, fig.end), {"found": fig.text, "min": lo, "max": hi})
            )
        elif outcome.evidence is None:
            outcome.evidence = Hit(placed.line, excerpt(block, fig.start, fig.end))
    if checked == 0:
        outcome.not_applicable = "报告中没有需要检查范围的数字"
    return outcome
