"""A required mention in a scope, optionally only where another term is near.

"公示" counts for the enforcement publicity system only near "执法/处罚/许可"; ``unless``
discounts a match with a disqualifying neighbour (a 年度报告 being 公示 is not 执法公示).
"""

from __future__ import annotations

from .base import Context, Hit, Outcome, excerpt, near, pattern, scope_blocks


def check(options: dict, ctx: Context) -> Outcome:
    blocks, missing = scope_blocks(options, ctx)
    if blocks is None:
        return Outcome(not_applicable=missing)
    rx = pattern(options, "patterns")
    near_rx, unless_rx = pattern(options, "near"), pattern(options, "unless")
    within = options.get("within", 40)
    needed = options.get("min", 1)
    found: list[Hit] = []
    for block in blocks:
        for m in rx.finditer(block.norm):
            if near_rx is not None and not near(block, m.start(), m.end(), near_rx, within):
                continue
            if near(block, m.start(), m.end(), unless_rx, options.get("unless_within", 8)):
                continue
            found.append(Hit(block.line, excerpt(block, m.start(), m.end())))
            break
        if len(found) >= needed:
            return Outcome(evidence=found[0])
    return Outcome(violations=[Hit(0, "", {"found": len(found), "min": needed})])
