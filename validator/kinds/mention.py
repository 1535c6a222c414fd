"""A required mention in a scope, optionally only where another term is near.

"公示" counts for the enforcement publicity system only near "执法/处罚/许可"; ``unless``
discounts a match with a disqualifying neighbour (a 年度报告 being 公示 is not 执法公示), and
``unless_line`` a whole line that is page navigation ("首页 > 政务公开"), not work.

``summary`` names the collective term a report may use instead of the specific one: 行政执法
“三项制度” stands for each of its three systems. It counts only when nothing specific is
found, only in running text (a heading announces, the text under it shows the work) and not in
the parts listed in ``outside`` (a plan to do it is not having done it); its evidence carries
the summary's note, so a reviewer sees what the item rests on.
"""

from __future__ import annotations

import re

from ..document import Block
from .base import Context, Hit, Outcome, compile_any, excerpt, near, pattern, scope_blocks

_RUN_IN_END = re.compile(r"[。;:!?]")


def check(options: dict, ctx: Context) -> Outcome:
    blocks, missing = scope_blocks(options, ctx)
    if blocks is None:
        return Outcome(not_applicable=missing)
    rx = pattern(options, "patterns")
    near_rx, unless_rx = pattern(options, "near"), pattern(options, "unless")
    line_rx = pattern(options, "unless_line")
    within = options.get("within", 40)
    needed = options.get("min", 1)
    found: list[Hit] = []
    for block in blocks:
        for m in rx.finditer(block.norm):
            if line_rx is not None and not block.style_level and line_rx.search(block.norm):
                break
            if near_rx is not None and not near(block, m.start(), m.end(), near_rx, within):
                continue
            if near(block, m.start(), m.end(), unless_rx, options.get("unless_within", 8)):
                continue
            found.append(Hit(block.line, excerpt(block, m.start(), m.end())))
            break
        if len(found) >= needed:
            return Outcome(evidence=found[0])
    summary = options.get("summary")
    if summary and not found:
        hit = _summary(summary, blocks, ctx)
        if hit is not None:
            return Outcome(evidence=hit)
    return Outcome(violations=[Hit(0, "", {"found": len(found), "min": needed})])


def _summary(summary: dict, blocks: list[Block], ctx: Context) -> Hit | None:
    """The first use of the collective term in running text outside the excluded parts."""
    rx = compile_any(tuple(summary["patterns"]))
    excluded = [ctx.located.get(rule_id) for rule_id in summary.get("outside", ())]
    spans = [(s.line, s.end) for s in excluded if s is not None]
    for block in blocks:
        if any(lo <= block.line <= hi for lo, hi in spans):
            continue
        start = _text_start(block, ctx)
        if start is None:
            continue
        m = rx.search(block.norm, start)
        if m:
            return Hit(block.line, f"（{summary['note']}）" + excerpt(block, m.start(), m.end()))
    return None


def _text_start(block: Block, ctx: Context) -> int | None:
    """Where running text begins in a block: 0, after a run-in heading, None for a heading line."""
    section = ctx.report.section_at(block.line)
    if section is None or section.line != block.line:
        return 0
    if not section.run_in:
        return None
    stop = _RUN_IN_END.search(block.norm)
    return stop.end() if stop else None
